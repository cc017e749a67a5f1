//! AWS credentials and where they come from.
//!
//! The built-in providers cover static keys: fixed [`Credentials`], the environment
//! ([`EnvironmentProvider`]), a profile of the shared files ([`ProfileProvider`]), and both in
//! that order ([`DefaultChain`]). SSO, assumed roles, `credential_process` and instance metadata
//! come from aws-config, plugged in through the `credential-provider` feature
//! (`SdkCredentialsProvider`).
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use super::profile::{self, Env, Profile};

/// An access key pair, with a session token for temporary credentials.
///
/// Cheap to clone. Debug output shows the access key id only.
#[derive(Clone)]
pub struct Credentials {
    inner: Arc<Inner>,
}

struct Inner {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    /// SigV4's derived key is the same for a whole day, region and service; keeping it here
    /// ties it to the secret it came from and saves four HMACs per request.
    signing_key: Mutex<Option<CachedKey>>,
}

impl Clone for Inner {
    fn clone(&self) -> Self {
        Inner {
            access_key_id: self.access_key_id.clone(),
            secret_access_key: self.secret_access_key.clone(),
            session_token: self.session_token.clone(),
            expiry: self.expiry,
            signing_key: Mutex::new(None),
        }
    }
}

struct CachedKey {
    date: String,
    region: String,
    service: String,
    key: ring::hmac::Key,
}

impl Credentials {
    /// Credentials that never expire (see [`Credentials::with_expiry`]).
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            inner: Arc::new(Inner {
                access_key_id: access_key_id.into(),
                secret_access_key: secret_access_key.into(),
                session_token,
                expiry: None,
                signing_key: Mutex::new(None),
            }),
        }
    }

    /// The same credentials, valid until `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        Arc::make_mut(&mut self.inner).expiry = Some(expiry);
        self
    }

    /// The access key id (`AKIA...`, or `ASIA...` for temporary credentials).
    pub fn access_key_id(&self) -> &str {
        &self.inner.access_key_id
    }

    /// The secret access key. Keep it out of logs.
    pub fn secret_access_key(&self) -> &str {
        &self.inner.secret_access_key
    }

    /// The session token of temporary credentials. Keep it out of logs.
    pub fn session_token(&self) -> Option<&str> {
        self.inner.session_token.as_deref()
    }

    /// When the credentials stop being valid, if they do.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.inner.expiry
    }

    /// The SigV4 signing key for `date` (`YYYYMMDD`), `region` and `service`: the one kept
    /// from an earlier request of the same scope, else `derive()`'s, which is then kept.
    pub(crate) fn signing_key(
        &self,
        date: &str,
        region: &str,
        service: &str,
        derive: impl FnOnce() -> ring::hmac::Key,
    ) -> ring::hmac::Key {
        if let Ok(slot) = self.inner.signing_key.lock() {
            if let Some(cached) = slot.as_ref().filter(|cached| {
                cached.date == date && cached.region == region && cached.service == service
            }) {
                return cached.key.clone();
            }
        }
        let key = derive();
        // A poisoned lock only costs the caching, never the signature.
        if let Ok(mut slot) = self.inner.signing_key.lock() {
            *slot = Some(CachedKey {
                date: date.to_owned(),
                region: region.to_owned(),
                service: service.to_owned(),
                key: key.clone(),
            });
        }
        key
    }

    /// True when the credentials have an expiry at or before `now`.
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        self.inner.expiry.is_some_and(|expiry| expiry <= now)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REDACTED: &str = "** redacted **";
        f.debug_struct("Credentials")
            .field("access_key_id", &self.inner.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field(
                "session_token",
                &self.inner.session_token.as_ref().map(|_| REDACTED),
            )
            .field("expiry", &self.inner.expiry)
            .finish()
    }
}

/// Why no credentials could be provided; the message says what to set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError {
            message: message.into(),
        }
    }

    /// What went wrong and how to fix it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// The future a [`ProvideCredentials`] returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials, asked before every signed request (implementations cache).
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Resolves credentials.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        (**self).provide_credentials()
    }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, optionally, `AWS_SESSION_TOKEN`.
#[derive(Debug, Clone)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    /// Reads the process environment.
    pub fn new() -> Self {
        EnvironmentProvider::with_env(Env::real())
    }

    /// Reads `env` instead of the process environment.
    pub fn with_env(env: Env) -> Self {
        EnvironmentProvider { env }
    }

    /// Reads the variables now.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let access_key_id = self.env.get("AWS_ACCESS_KEY_ID");
        let secret_access_key = self.env.get("AWS_SECRET_ACCESS_KEY");
        match (access_key_id, secret_access_key) {
            (Some(access_key_id), Some(secret_access_key)) => Ok(Credentials::new(
                access_key_id.trim(),
                secret_access_key.trim(),
                self.env
                    .get("AWS_SESSION_TOKEN")
                    .map(|token| token.trim().to_owned()),
            )),
            (None, None) => Err(CredentialsError::new(
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
            )),
            (Some(_), None) => Err(CredentialsError::new(
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            )),
            (None, Some(_)) => Err(CredentialsError::new(
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
            )),
        }
    }
}

impl Default for EnvironmentProvider {
    fn default() -> Self {
        EnvironmentProvider::new()
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// Profile properties that mean the credentials come from somewhere this runtime does not
/// reach on its own.
const DELEGATING_PROPERTIES: [&str; 7] = [
    "role_arn",
    "source_profile",
    "credential_process",
    "sso_session",
    "sso_start_url",
    "web_identity_token_file",
    "credential_source",
];

/// Static keys (`aws_access_key_id`, `aws_secret_access_key`, optional `aws_session_token`)
/// of one profile of the shared files: `AWS_PROFILE`, else `default`.
#[derive(Debug, Clone)]
pub struct ProfileProvider {
    env: Env,
    profile: Option<String>,
}

impl ProfileProvider {
    /// Finds the files and the profile through the process environment.
    pub fn new() -> Self {
        ProfileProvider::with_env(Env::real())
    }

    /// Finds the files and the profile through `env`.
    pub fn with_env(env: Env) -> Self {
        ProfileProvider { env, profile: None }
    }

    /// Uses profile `name` whatever `AWS_PROFILE` says.
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The profile that will be read.
    pub fn profile_name(&self) -> String {
        self.profile
            .clone()
            .unwrap_or_else(|| self.env.profile_name())
    }

    /// Reads the files now.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let name = self.profile_name();
        let profiles =
            profile::load(&self.env).map_err(|error| CredentialsError::new(error.to_string()))?;
        match profiles.get(&name) {
            Some(found) => credentials_from_profile(&name, found, &self.files()),
            None => Err(CredentialsError::new(format!(
                "profile `{name}` is not defined in {}",
                self.files()
            ))),
        }
    }

    fn files(&self) -> String {
        let show = |path: Option<std::path::PathBuf>| match path {
            Some(path) if path.exists() => path.display().to_string(),
            Some(path) => format!("{} (missing)", path.display()),
            None => "(no home directory)".to_owned(),
        };
        format!(
            "{} or {}",
            show(self.env.credentials_file()),
            show(self.env.config_file())
        )
    }
}

impl Default for ProfileProvider {
    fn default() -> Self {
        ProfileProvider::new()
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

fn credentials_from_profile(
    name: &str,
    profile: &Profile,
    files: &str,
) -> Result<Credentials, CredentialsError> {
    let access_key_id = profile.get("aws_access_key_id").filter(|v| !v.is_empty());
    let secret_access_key = profile
        .get("aws_secret_access_key")
        .filter(|v| !v.is_empty());
    if let (Some(access_key_id), Some(secret_access_key)) = (access_key_id, secret_access_key) {
        let session_token = profile
            .get("aws_session_token")
            .filter(|v| !v.is_empty())
            .map(str::to_owned);
        return Ok(Credentials::new(
            access_key_id,
            secret_access_key,
            session_token,
        ));
    }
    if let Some(property) = DELEGATING_PROPERTIES
        .iter()
        .find(|property| profile.get(property).is_some())
    {
        return Err(CredentialsError::new(format!(
            "profile `{name}` gets its credentials through `{property}`, which this client does \
             not resolve itself; enable the `credential-provider` feature and pass aws-config's \
             provider (SdkCredentialsProvider)"
        )));
    }
    Err(CredentialsError::new(format!(
        "profile `{name}` in {files} has no aws_access_key_id and aws_secret_access_key"
    )))
}

/// The environment, then the selected profile. The first credentials found without an
/// expiry are kept for the life of the chain.
#[derive(Debug)]
pub struct DefaultChain {
    env: Env,
    cached: OnceLock<Credentials>,
}

impl DefaultChain {
    /// Looks in the process environment and the files it points to.
    pub fn new() -> Self {
        DefaultChain::with_env(Env::real())
    }

    /// Looks in `env` and the files it points to.
    pub fn with_env(env: Env) -> Self {
        DefaultChain {
            env,
            cached: OnceLock::new(),
        }
    }

    /// Resolves now (or returns the kept credentials).
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        if let Some(credentials) = self.cached.get() {
            return Ok(credentials.clone());
        }
        let from_env = EnvironmentProvider::with_env(self.env.clone()).load();
        let env_error = match from_env {
            Ok(credentials) => return Ok(self.keep(credentials)),
            Err(error) => error,
        };
        let profiles = ProfileProvider::with_env(self.env.clone());
        let profile_error = match profiles.load() {
            Ok(credentials) => return Ok(self.keep(credentials)),
            Err(error) => error,
        };
        let credentials_file = self
            .env
            .credentials_file()
            .map(|path| path.display().to_string())
            .unwrap_or_else(|| "~/.aws/credentials".to_owned());
        Err(CredentialsError::new(format!(
            "no AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus \
             AWS_SESSION_TOKEN for temporary credentials), or put aws_access_key_id and \
             aws_secret_access_key under [{profile}] in {credentials_file} (AWS_PROFILE selects \
             another profile). Environment: {env_error}. Profile: {profile_error}.",
            profile = profiles.profile_name(),
        )))
    }

    fn keep(&self, credentials: Credentials) -> Credentials {
        if credentials.expiry().is_none() {
            // A concurrent caller may have kept its own result first; both are equally valid.
            let _ = self.cached.set(credentials.clone());
        }
        credentials
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        DefaultChain::new()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// Any aws-config / `aws-credential-types` provider (SSO, assumed roles, IMDS, its default
/// chain) as a [`ProvideCredentials`].
#[cfg(feature = "credential-provider")]
#[derive(Debug)]
pub struct SdkCredentialsProvider<P> {
    inner: P,
}

#[cfg(feature = "credential-provider")]
impl<P: aws_credential_types::provider::ProvideCredentials> SdkCredentialsProvider<P> {
    /// Wraps `inner`, typically `aws_config::load_defaults(..).await.credentials_provider()`.
    pub fn new(inner: P) -> Self {
        SdkCredentialsProvider { inner }
    }
}

#[cfg(feature = "credential-provider")]
impl<P: aws_credential_types::provider::ProvideCredentials> ProvideCredentials
    for SdkCredentialsProvider<P>
{
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            match self.inner.provide_credentials().await {
                Ok(credentials) => Ok(Credentials::from(credentials)),
                Err(error) => Err(CredentialsError::new(format!(
                    "the aws-config credential provider failed: {}",
                    error_chain(&error)
                ))),
            }
        })
    }
}

#[cfg(feature = "credential-provider")]
impl From<aws_credential_types::Credentials> for Credentials {
    fn from(credentials: aws_credential_types::Credentials) -> Self {
        let converted = Credentials::new(
            credentials.access_key_id(),
            credentials.secret_access_key(),
            credentials.session_token().map(str::to_owned),
        );
        match credentials.expiry() {
            Some(expiry) => converted.with_expiry(expiry),
            None => converted,
        }
    }
}

#[cfg(feature = "credential-provider")]
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
