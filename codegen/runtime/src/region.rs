//! The AWS region requests go to and are signed for, and where it was configured.
use std::fmt;

use super::endpoint::fns::is_valid_host_label;
use super::profile::{self, Env, FileKind};

/// A region name such as `us-east-1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Region(String);

impl Region {
    /// A region with this name (not checked against any list: new regions keep appearing;
    /// the client only checks that it can be part of a host name).
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

#[cfg(feature = "test-internals")]
/// `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region` of the selected profile
/// (`AWS_PROFILE`, else `default`). Unreadable profile files count as no region.
pub fn region_from_env(env: &Env) -> Option<Region> {
    sourced_region_from_env(env).map(|(region, _)| region)
}

/// `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region` of the selected profile
/// (`AWS_PROFILE`, else `default`), with a description of where it was found (the variable,
/// or the profile and its file) for error messages. Unreadable profile files count as no region.
pub fn sourced_region_from_env(env: &Env) -> Option<(Region, String)> {
    for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(name) = env.get(variable) {
            return Some((
                Region::new(name.trim()),
                format!("the environment variable {variable}"),
            ));
        }
    }
    let profile_name = env.profile_name();
    // The credentials file wins over the config file, as in `profile::load`.
    let files = [
        (env.credentials_file(), FileKind::Credentials),
        (env.config_file(), FileKind::Config),
    ];
    for (path, kind) in files {
        let Some(path) = path else { continue };
        let Ok(profiles) = profile::load_file(&path, kind) else {
            continue;
        };
        let found = profiles
            .get(&profile_name)
            .and_then(|p| p.get("region"))
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if let Some(region) = found {
            return Some((
                Region::new(region),
                format!("profile {profile_name:?} in {}", path.display()),
            ));
        }
    }
    None
}

/// Checks that `region` can be used in a host name and a credential scope, as the AWS SDKs
/// do: a valid host label (1 to 63 ASCII letters, digits and hyphens, not starting or ending
/// with a hyphen). `source` says where it was configured; the error names both.
pub fn check_region(region: &str, source: &str) -> Result<(), String> {
    if is_valid_region(region) {
        return Ok(());
    }
    Err(format!(
        "the region {region:?} (from {source}) is not a valid region name: it must be 1 to 63 \
         ASCII letters, digits and hyphens, not starting or ending with a hyphen (us-east-1)"
    ))
}

/// A host label by the endpoint rules' definition, and stricter at the end as the AWS SDKs
/// are: no region name ends in `-`, and the rules would put it in a host name.
fn is_valid_region(region: &str) -> bool {
    is_valid_host_label(region, false) && !region.ends_with('-')
}
