//! The AWS region requests go to and are signed for.
use std::fmt;

use super::profile::{self, Env};

/// A region name such as `us-east-1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Region(String);

impl Region {
    /// A region with this name (not checked against any list: new regions keep appearing).
    pub fn new(name: impl Into<String>) -> Self {
        Region(name.into())
    }

    /// The name, `us-east-1`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region` of the selected profile
/// (`AWS_PROFILE`, else `default`). Unreadable profile files count as no region.
pub fn region_from_env(env: &Env) -> Option<Region> {
    if let Some(name) = env
        .get("AWS_REGION")
        .or_else(|| env.get("AWS_DEFAULT_REGION"))
    {
        return Some(Region::new(name.trim()));
    }
    let profiles = profile::load(env).ok()?;
    let region = profiles.get(&env.profile_name())?.get("region")?.trim();
    (!region.is_empty()).then(|| Region::new(region))
}
