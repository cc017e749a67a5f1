//! The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`), and the
//! environment they are found through.
//!
//! Both files are INI: `[section]` lines, `name = value` properties, whole-line comments
//! starting with `#` or `;`. In the config file a profile is `[default]` or `[profile NAME]`
//! (other sections, such as `[sso-session NAME]`, are skipped); in the credentials file it is
//! `[NAME]`. Property names are case-insensitive. An indented line continues the previous
//! property (sub-properties such as `s3 =` blocks). When both files define a property of the
//! same profile, the credentials file wins.
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where providers read environment variables from: the process environment, or a fixed map
/// (tests, or callers that want to pin the configuration).
///
/// Empty variables count as unset. Debug output never shows values.
#[derive(Clone)]
pub struct Env {
    vars: Option<Arc<HashMap<String, String>>>,
}

impl Env {
    /// The process environment.
    pub fn real() -> Self {
        Env { vars: None }
    }

    /// A fixed set of variables; nothing else is visible.
    pub fn from_map(vars: HashMap<String, String>) -> Self {
        Env {
            vars: Some(Arc::new(vars)),
        }
    }

    /// A fixed set of variables from `(name, value)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Env::from_map(
            pairs
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect(),
        )
    }

    /// The variable's value, or `None` when it is unset, empty or not Unicode.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.vars {
            None => std::env::var(name).ok(),
            Some(vars) => vars.get(name).cloned(),
        };
        value.filter(|value| !value.trim().is_empty())
    }

    /// `HOME`, or `USERPROFILE` on systems that do not set it.
    pub fn home_dir(&self) -> Option<PathBuf> {
        self.get("HOME")
            .or_else(|| self.get("USERPROFILE"))
            .map(PathBuf::from)
    }

    /// `AWS_CONFIG_FILE`, else `~/.aws/config`; `None` without a home directory.
    pub fn config_file(&self) -> Option<PathBuf> {
        self.file_path("AWS_CONFIG_FILE", "config")
    }

    /// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`; `None` without a home directory.
    pub fn credentials_file(&self) -> Option<PathBuf> {
        self.file_path("AWS_SHARED_CREDENTIALS_FILE", "credentials")
    }

    /// The selected profile: `AWS_PROFILE`, else `default`.
    pub fn profile_name(&self) -> String {
        self.get("AWS_PROFILE")
            .map(|name| name.trim().to_owned())
            .unwrap_or_else(|| "default".to_owned())
    }

    fn file_path(&self, variable: &str, file_name: &str) -> Option<PathBuf> {
        match self.get(variable) {
            Some(path) => self.expand_home(&path),
            None => Some(self.home_dir()?.join(".aws").join(file_name)),
        }
    }

    fn expand_home(&self, path: &str) -> Option<PathBuf> {
        match path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\")) {
            Some(rest) => Some(self.home_dir()?.join(rest)),
            None => Some(PathBuf::from(path)),
        }
    }
}

impl fmt::Debug for Env {
    // Values may be secrets (AWS_SECRET_ACCESS_KEY), so they are never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.vars {
            None => f.write_str("Env(process)"),
            Some(vars) => write!(f, "Env(map of {} variables)", vars.len()),
        }
    }
}

/// Which of the two files a text comes from; they name profiles differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `~/.aws/config`: `[default]` and `[profile NAME]`.
    Config,
    /// `~/.aws/credentials`: `[NAME]`.
    Credentials,
}

/// One profile's properties. Debug output shows property names only (values can be secrets).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Profile {
    properties: BTreeMap<String, String>,
}

impl Profile {
    /// The value of property `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.properties
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// Property names, lower-cased, in sorted order.
    pub fn property_names(&self) -> impl Iterator<Item = &str> {
        self.properties.keys().map(String::as_str)
    }
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.property_names()).finish()
    }
}

/// Profiles by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
}

impl ProfileSet {
    /// The profile called `name`.
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    #[cfg(feature = "test-internals")]
    /// Profile names in sorted order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }

    #[cfg(feature = "test-internals")]
    /// True when no profile is defined.
    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    /// Adds `other`'s profiles; where both define a property, `other`'s value wins.
    pub fn merge(&mut self, other: ProfileSet) {
        for (name, profile) in other.profiles {
            self.profiles
                .entry(name)
                .or_default()
                .properties
                .extend(profile.properties);
        }
    }
}

/// A profile file that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    message: String,
}

impl ProfileError {
    fn new(message: String) -> Self {
        ProfileError { message }
    }

    #[cfg(feature = "test-internals")]
    /// What is wrong, naming the file and line.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProfileError {}

enum Section {
    BeforeFirst,
    Skipped,
    Profile(String),
}

/// Parses one file's text. `source` names it in errors (usually its path).
pub fn parse(text: &str, kind: FileKind, source: &str) -> Result<ProfileSet, ProfileError> {
    let mut set = ProfileSet::default();
    let mut section = Section::BeforeFirst;
    let mut last_property: Option<String> = None;
    for (index, raw) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let at = || format!("{source} line {line_number}");
        if line.starts_with('[') {
            section = parse_section(line, kind)
                .map_err(|why| ProfileError::new(format!("{}: {why}", at())))?;
            if let Section::Profile(name) = &section {
                set.profiles.entry(name.clone()).or_default();
            }
            last_property = None;
            continue;
        }
        let profile = match &section {
            Section::BeforeFirst => {
                return Err(ProfileError::new(format!(
                    "{}: property before any [profile] section",
                    at()
                )))
            }
            Section::Skipped => continue,
            Section::Profile(name) => set.profiles.entry(name.clone()).or_default(),
        };
        let indented = raw.starts_with([' ', '\t']);
        if let (true, Some(name)) = (indented, &last_property) {
            if let Some(value) = profile.properties.get_mut(name) {
                if !value.is_empty() {
                    value.push('\n');
                }
                value.push_str(line);
                continue;
            }
        }
        let (name, value) = line
            .split_once('=')
            .ok_or_else(|| ProfileError::new(format!("{}: expected `name = value`", at())))?;
        let name = name.trim().to_ascii_lowercase();
        if name.is_empty() {
            return Err(ProfileError::new(format!(
                "{}: property without a name",
                at()
            )));
        }
        profile
            .properties
            .insert(name.clone(), value.trim().to_owned());
        last_property = Some(name);
    }
    Ok(set)
}

fn parse_section(line: &str, kind: FileKind) -> Result<Section, String> {
    let (inside, after) = line
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .ok_or("section header without a closing `]`")?;
    let after = after.trim();
    if !(after.is_empty() || after.starts_with('#') || after.starts_with(';')) {
        return Err(format!("unexpected `{after}` after the section header"));
    }
    let inside = inside.trim();
    if inside.is_empty() {
        return Err("empty section name".to_owned());
    }
    let name = match kind {
        FileKind::Credentials => Some(inside),
        FileKind::Config if inside == "default" => Some(inside),
        FileKind::Config => inside
            .strip_prefix("profile")
            .filter(|rest| rest.starts_with([' ', '\t']))
            .map(str::trim),
    };
    Ok(match name {
        Some("") => return Err("empty profile name".to_owned()),
        Some(name) => Section::Profile(name.to_owned()),
        None => Section::Skipped,
    })
}

/// Reads and parses one file; a missing file gives an empty set.
pub fn load_file(path: &Path, kind: FileKind) -> Result<ProfileSet, ProfileError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, kind, &path.display().to_string()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(ProfileSet::default()),
        Err(error) => Err(ProfileError::new(format!(
            "cannot read {}: {error}",
            path.display()
        ))),
    }
}

/// Both files found through `env`, merged (credentials file over config file). Missing
/// files, or no home directory, give no profiles rather than an error.
pub fn load(env: &Env) -> Result<ProfileSet, ProfileError> {
    let mut set = match env.config_file() {
        Some(path) => load_file(&path, FileKind::Config)?,
        None => ProfileSet::default(),
    };
    if let Some(path) = env.credentials_file() {
        set.merge(load_file(&path, FileKind::Credentials)?);
    }
    Ok(set)
}
