//! Client configuration: region, credentials, endpoint, retries, timeouts and transport.
use super::compression;
use super::credentials::{DefaultChain, ProvideCredentials};
use super::idempotency::TokenProvider;
use super::profile::{self, Env};
use super::region;
use super::retry::RetryConfig;
use super::transport::HttpTransport;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// How long to wait for a connection, an attempt, a stalled response body and a whole
/// operation.
///
/// Defaults: connect 3.1 s (as the AWS SDKs); attempt 30 s; stalled-stream protection with a
/// 5 s grace period (as the AWS SDKs: a response body that delivers no data for 5 s fails the
/// attempt with a timeout, which is retried); no operation timeout. So a server that sends
/// headers and then stalls costs about 5 s per attempt, and one that never answers at all
/// costs up to 30 s per attempt (3 attempts by default, plus backoff): set
/// [`ConfigBuilder::operation_timeout`] to bound a whole call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimeoutConfig {
    /// Establishing a connection (TCP and TLS).
    pub connect: Duration,
    /// One attempt: sending the request and reading the whole response.
    pub attempt: Duration,
    /// Stalled-stream protection of the built-in transport: how long a response body may
    /// deliver no data; `None` turns it off (the attempt timeout still applies).
    pub stalled_stream_grace: Option<Duration>,
    /// The whole call, retries and backoff included; unlimited when `None`.
    pub operation: Option<Duration>,
}

impl TimeoutConfig {
    /// Default connect timeout, as the AWS SDKs use.
    pub const DEFAULT_CONNECT: Duration = Duration::from_millis(3100);
    /// Default attempt timeout.
    pub const DEFAULT_ATTEMPT: Duration = Duration::from_secs(30);
    /// Default grace period of stalled-stream protection, as the AWS SDKs use.
    pub const DEFAULT_STALLED_STREAM_GRACE: Duration = super::transport::DEFAULT_STALL_GRACE_PERIOD;
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        Self {
            connect: Self::DEFAULT_CONNECT,
            attempt: Self::DEFAULT_ATTEMPT,
            stalled_stream_grace: Some(Self::DEFAULT_STALLED_STREAM_GRACE),
            operation: None,
        }
    }
}

/// Everything a client needs besides the service model. Cheap to clone.
///
/// Build one with [`Config::builder`], or take the standard AWS environment with
/// [`Config::from_env`]. Nothing here fails: a missing region or credentials is reported by
/// the first call that needs it.
#[derive(Clone, Default)]
pub struct Config {
    region: Option<String>,
    /// Where `region` came from, for error messages.
    region_source: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint_url: Option<String>,
    configured_endpoints: Option<ConfiguredEndpoints>,
    use_fips: bool,
    use_dual_stack: bool,
    retry: RetryConfig,
    timeouts: TimeoutConfig,
    transport: Option<Arc<dyn HttpTransport>>,
    disable_request_compression: bool,
    request_min_compression_size: Option<u32>,
    env_problems: Vec<String>,
    idempotency_tokens: TokenProvider,
}

impl Config {
    /// An empty builder: no region, no credentials, standard retries, default timeouts.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The standard AWS environment: region from `AWS_REGION`, `AWS_DEFAULT_REGION` or the
    /// profile; credentials from the default chain (environment, then profile; resolved at the
    /// first signed call); endpoint from `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL` or the
    /// profile's `endpoint_url` (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`);
    /// `AWS_USE_FIPS_ENDPOINT`, `AWS_USE_DUALSTACK_ENDPOINT`; `AWS_MAX_ATTEMPTS`;
    /// `AWS_DISABLE_REQUEST_COMPRESSION`, `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES`.
    pub fn from_env() -> Config {
        Self::from_env_with(&Env::real())
    }

    /// [`Config::from_env`] reading `env` (and the files it points to) instead of the process
    /// environment.
    pub fn from_env_with(env: &Env) -> Config {
        let (region, region_source) = match region::sourced_region_from_env(env) {
            Some((region, source)) => (Some(region.as_str().to_string()), Some(source)),
            None => (None, None),
        };
        let mut config = Config {
            region,
            region_source,
            credentials: Some(Arc::new(DefaultChain::with_env(env.clone()))),
            ..Config::default()
        };
        if !is_true(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").as_deref()) {
            config.configured_endpoints = Some(ConfiguredEndpoints::new(env));
        }
        config.use_fips = config.env_flag(env, "AWS_USE_FIPS_ENDPOINT");
        config.use_dual_stack = config.env_flag(env, "AWS_USE_DUALSTACK_ENDPOINT");
        if let Some(text) = env.get("AWS_MAX_ATTEMPTS") {
            match text.trim().parse::<u32>() {
                Ok(n) if n > 0 => config.retry = config.retry.with_max_attempts(n),
                _ => config.env_problems.push(format!(
                    "AWS_MAX_ATTEMPTS is {text:?}, expected a whole number of at least 1"
                )),
            }
        }
        config.disable_request_compression =
            config.env_flag(env, "AWS_DISABLE_REQUEST_COMPRESSION");
        if let Some(text) = env.get("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES") {
            match text.trim().parse::<u32>() {
                Ok(n) if n <= compression::MAX_MIN_COMPRESSION_SIZE_BYTES => {
                    config.request_min_compression_size = Some(n)
                }
                _ => config.env_problems.push(format!(
                    "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES is {text:?}, expected a whole number \
                     from 0 to {}",
                    compression::MAX_MIN_COMPRESSION_SIZE_BYTES
                )),
            }
        }
        config
    }

    fn env_flag(&mut self, env: &Env, name: &str) -> bool {
        match env.get(name).as_deref().map(str::trim) {
            None | Some("") => false,
            Some(text) if text.eq_ignore_ascii_case("true") => true,
            Some(text) if text.eq_ignore_ascii_case("false") => false,
            Some(text) => {
                self.env_problems
                    .push(format!("{name} is {text:?}, expected true or false"));
                false
            }
        }
    }

    /// A builder holding this configuration, to change parts of it.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            config: self.clone(),
        }
    }
    /// The region, if one is set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
    /// Where the region was set: `Config::builder().region(..)`, an environment variable or a
    /// profile (with its file).
    pub fn region_source(&self) -> Option<&str> {
        self.region_source.as_deref()
    }
    /// The credentials provider, if one is set.
    pub fn credentials_provider(&self) -> Option<&Arc<dyn ProvideCredentials>> {
        self.credentials.as_ref()
    }
    /// The endpoint URL set on the builder.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }
    /// The endpoint URL for the service whose model `sdkId` is `sdk_id`: the builder's, else
    /// (after [`Config::from_env`]) `AWS_ENDPOINT_URL_<SDK_ID>`, `AWS_ENDPOINT_URL`, or the
    /// profile's `endpoint_url`.
    pub fn endpoint_url_for(&self, sdk_id: &str) -> Option<String> {
        self.sourced_endpoint_url_for(sdk_id).map(|(url, _)| url)
    }
    /// [`Config::endpoint_url_for`], with where the URL was set (the builder, which variable,
    /// which profile and file), for error messages.
    pub fn sourced_endpoint_url_for(&self, sdk_id: &str) -> Option<(String, String)> {
        if let Some(url) = &self.endpoint_url {
            return Some((url.clone(), BUILDER_ENDPOINT_URL.to_string()));
        }
        self.configured_endpoints.as_ref()?.url_for(sdk_id)
    }
    /// Whether FIPS endpoints are asked for.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }
    /// Whether dual-stack (IPv6) endpoints are asked for.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }
    /// The retry settings.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry
    }
    /// The timeouts.
    pub fn timeouts(&self) -> &TimeoutConfig {
        &self.timeouts
    }
    /// The transport set on the builder; the client builds a [`HyperTransport`] otherwise.
    ///
    /// [`HyperTransport`]: super::transport::HyperTransport
    pub fn transport(&self) -> Option<&Arc<dyn HttpTransport>> {
        self.transport.as_ref()
    }
    /// True when `@requestCompression` operations send their bodies uncompressed.
    pub fn disable_request_compression(&self) -> bool {
        self.disable_request_compression
    }
    /// The smallest body, in bytes, a `@requestCompression` operation compresses
    /// (default 10,240 bytes, Smithy's).
    pub fn request_min_compression_size_bytes(&self) -> u32 {
        self.request_min_compression_size
            .unwrap_or(compression::DEFAULT_MIN_COMPRESSION_SIZE_BYTES)
    }
    /// A token for an `@idempotencyToken` member the caller left unset.
    pub fn idempotency_token(&self) -> String {
        self.idempotency_tokens.token()
    }

    /// Environment variables [`Config::from_env`] could not understand; every call fails
    /// with these until they are fixed.
    pub fn env_problems(&self) -> &[String] {
        &self.env_problems
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The provider itself is not printed: a static one would show its keys.
        let credentials = if self.credentials.is_some() {
            "set"
        } else {
            "not set"
        };
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("region_source", &self.region_source)
            .field("credentials_provider", &credentials)
            .field(
                "endpoint_url",
                &self.endpoint_url.as_deref().map(redact_userinfo),
            )
            .field("configured_endpoints", &self.configured_endpoints)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("transport", &self.transport)
            .field(
                "disable_request_compression",
                &self.disable_request_compression,
            )
            .field(
                "request_min_compression_size_bytes",
                &self.request_min_compression_size_bytes(),
            )
            .field("idempotency_tokens", &self.idempotency_tokens)
            .field("env_problems", &self.env_problems)
            .finish()
    }
}

/// Builds a [`Config`]; every setting is optional.
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// The AWS region (`us-east-1`). A name that is not a valid host label fails every call
    /// with [`Error::Construction`](super::error::Error::Construction) before anything is sent.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self.config.region_source = Some("Config::builder().region(..)".to_string());
        self
    }
    /// Where credentials for signed operations come from.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(Arc::new(provider));
        self
    }
    /// Where credentials come from, as a shared provider.
    pub fn shared_credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.config.credentials = Some(provider);
        self
    }
    /// Sends requests to this URL (`http://localhost:9229`) instead of the AWS endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }
    /// Uses FIPS endpoints.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = use_fips;
        self
    }
    /// Uses dual-stack (IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = use_dual_stack;
        self
    }
    /// The retry settings.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }
    /// Attempts in total, the first included (1 disables retries).
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        self.config.retry = self.config.retry.with_max_attempts(max_attempts);
        self
    }
    /// All timeouts at once.
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.config.timeouts = timeouts;
        self
    }
    /// How long to wait for a connection (default 3.1 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.timeouts.connect = timeout;
        self
    }
    /// How long one attempt may take, response body included (default 30 s).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.timeouts.attempt = timeout;
        self
    }
    /// Stalled-stream protection: how long a response body may deliver no data before the
    /// attempt fails with a timeout (default 5 s); `None` turns it off. Applies to the built-in
    /// transport.
    pub fn stalled_stream_grace_period(mut self, grace: Option<Duration>) -> Self {
        self.config.timeouts.stalled_stream_grace = grace;
        self
    }
    /// How long a whole call may take, retries included (default unlimited).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.config.timeouts.operation = Some(timeout);
        self
    }
    /// Sends requests through this transport instead of the default [`HyperTransport`].
    ///
    /// [`HyperTransport`]: super::transport::HyperTransport
    pub fn transport(mut self, transport: impl HttpTransport + 'static) -> Self {
        self.config.transport = Some(Arc::new(transport));
        self
    }
    /// Sends requests through this shared transport.
    pub fn shared_transport(mut self, transport: Arc<dyn HttpTransport>) -> Self {
        self.config.transport = Some(transport);
        self
    }
    /// Sends the bodies of `@requestCompression` operations uncompressed.
    pub fn disable_request_compression(mut self, disable: bool) -> Self {
        self.config.disable_request_compression = disable;
        self
    }
    /// The smallest body, in bytes, a `@requestCompression` operation compresses (default
    /// 10240); values over 10485760 (10 MiB), Smithy's upper bound, count as 10485760.
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Self {
        self.config.request_min_compression_size =
            Some(bytes.min(compression::MAX_MIN_COMPRESSION_SIZE_BYTES));
        self
    }
    /// What fills `@idempotencyToken` members the caller leaves unset (default: a random UUID
    /// v4 per call). Tests that compare requests byte for byte give a fixed token here.
    pub fn idempotency_token_provider(
        mut self,
        make: impl Fn() -> String + Send + Sync + 'static,
    ) -> Self {
        self.config.idempotency_tokens = TokenProvider::from_fn(make);
        self
    }
    /// The configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

/// The variable naming an endpoint for every service; `_<SDK_ID>` narrows it to one.
const ENDPOINT_URL_VAR: &str = "AWS_ENDPOINT_URL";

/// Where an endpoint URL set in code comes from, for error messages.
const BUILDER_ENDPOINT_URL: &str = "Config::builder().endpoint_url(..)";

/// The `AWS_ENDPOINT_URL_<suffix>` suffix for a model `sdkId`: upper case, spaces and dashes
/// as underscores (`Cognito Identity Provider` gives `COGNITO_IDENTITY_PROVIDER`).
pub fn env_suffix(sdk_id: &str) -> String {
    sdk_id
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

fn is_true(value: Option<&str>) -> bool {
    value.is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// The URL with any `user:password@` replaced by `***@`, fit for an error message or Debug
/// output (the client refuses such URLs, but must not print them while saying so).
pub fn redact_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let start = url.find("://").map_or(0, |i| i + 3);
    let rest = url.get(start..).unwrap_or_default();
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest.get(..authority_end).and_then(|a| a.rfind('@')) {
        Some(at) => format!(
            "{}***{}",
            url.get(..start).unwrap_or_default(),
            rest.get(at..).unwrap_or_default()
        )
        .into(),
        None => url.into(),
    }
}

/// Endpoint URLs configured outside the code, looked up per service when a client is built.
#[derive(Clone)]
struct ConfiguredEndpoints {
    env: Env,
    /// The profile's `endpoint_url` and a description of where it is.
    profile_url: Option<(String, String)>,
}

impl fmt::Debug for ConfiguredEndpoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let profile_url = self
            .profile_url
            .as_ref()
            .map(|(url, source)| (redact_userinfo(url), source));
        f.debug_struct("ConfiguredEndpoints")
            .field("env", &self.env)
            .field("profile_url", &profile_url)
            .finish()
    }
}

impl ConfiguredEndpoints {
    fn new(env: &Env) -> Self {
        // Unreadable profile files are the region's and credentials' problem to report.
        let profile_url = profile::load(env).ok().and_then(|profiles| {
            let name = env.profile_name();
            let url = profiles.get(&name)?.get("endpoint_url")?.trim();
            (!url.is_empty()).then(|| {
                (
                    url.to_string(),
                    format!("the endpoint_url of profile {name:?}"),
                )
            })
        });
        Self {
            env: env.clone(),
            profile_url,
        }
    }

    fn url_for(&self, sdk_id: &str) -> Option<(String, String)> {
        let specific = format!("{ENDPOINT_URL_VAR}_{}", env_suffix(sdk_id));
        for variable in [specific.as_str(), ENDPOINT_URL_VAR] {
            if let Some(url) = self.env.get(variable) {
                let source = format!("the environment variable {variable}");
                return Some((url.trim().to_string(), source));
            }
        }
        self.profile_url.clone()
    }
}
