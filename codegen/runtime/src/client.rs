//! The call pipeline every generated operation goes through: endpoint, awsJson request,
//! SigV4, send with timeouts and retries, then the output or the error parsed.
use super::compression;
use super::config::{redact_userinfo, Config};
use super::credentials::{Credentials, ProvideCredentials};
use super::endpoint::{BuiltIns, Params, Partitions, RuleSet};
use super::error::{
    full_message, ConstructionError, ConstructionKind, DispatchError, Error, ErrorMetadata,
    ResponseError, TimeoutError, TimeoutKind,
};
use super::operation::{
    OperationError, OperationOutput, OperationSpec, ResponseMetadata, ServiceSpec,
};
use super::region;
use super::retry::{self, Jitter, RetryQuota, RetryReason};
use super::sigv4::{self, SigningParams};
use super::transport::{self, HttpTransport, HyperTransport, TransportError, TransportErrorKind};
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use std::fmt;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};
use tracing::Instrument;

const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");
const AMZ_SDK_INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const AMZ_SDK_REQUEST: HeaderName = HeaderName::from_static("amz-sdk-request");
const X_AMZN_QUERY_MODE: HeaderName = HeaderName::from_static("x-amzn-query-mode");

/// Room for the headers a request carries (7 fixed, content-encoding, the signature's 3, an
/// endpoint header), so the map is allocated once instead of regrowing as they are added.
const REQUEST_HEADER_CAPACITY: usize = 12;

/// Runs operations of one service with one configuration. Cheap to clone: clones share the
/// connection pool, the resolved endpoint and the retry quota.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static ServiceSpec,
    config: Config,
    transport: Arc<dyn HttpTransport>,
    target: OnceLock<Result<Target, Failed>>,
    quota: RetryQuota,
    jitter: Jitter,
    /// Built once: every request sends the same value.
    user_agent: Result<HeaderValue, String>,
    /// Seconds the service's clock is ahead of ours (negative: behind), learnt from the
    /// `Date` of a clock-skew error and added to the signing time of every later request.
    clock_offset: AtomicI64,
    /// The first Tokio runtime found to have the drivers calls need; others are checked
    /// at every call (see `check_tokio_drivers`).
    checked_tokio: OnceLock<tokio::runtime::Id>,
    /// Whether the transport is the built-in hyper one, which needs Tokio's IO driver.
    needs_tokio_io: bool,
}

/// Where requests go and how they are signed, from the endpoint rules.
#[derive(Debug)]
struct Target {
    uri: http::Uri,
    host: HeaderValue,
    headers: Vec<(HeaderName, HeaderValue)>,
    signing_name: Option<String>,
    signing_region: Option<String>,
}

/// The endpoint as the rules (or the configuration) give it, before validation.
#[derive(Debug, Default)]
struct RawEndpoint {
    url: String,
    headers: Vec<(String, String)>,
    signing_name: Option<String>,
    signing_region: Option<String>,
}

/// Where one call's requests go: the endpoint's URI and host, with the operation's host prefix.
#[derive(Debug)]
struct Destination {
    uri: http::Uri,
    host: HeaderValue,
}

/// What is known about the signature before the first attempt.
struct Signing<'a> {
    credentials: Credentials,
    region: &'a str,
    name: &'a str,
}

/// Why a request could not be built: kind and message, kept (and cloned) where the
/// failure is cached.
type Failed = (ConstructionKind, String);

fn construction(kind: ConstructionKind, message: impl Into<String>) -> ConstructionError {
    ConstructionError::new(kind, message)
}

/// How one attempt went wrong.
enum Failure<E> {
    Service(E),
    Transport(TransportError),
    AttemptTimeout(Duration),
}

impl Runtime {
    /// A runtime for `service`. Never fails: a missing region, missing credentials or an
    /// unusable endpoint is reported by the calls that need them.
    pub fn new(service: &'static ServiceSpec, config: Config) -> Runtime {
        let needs_tokio_io = config.transport().is_none();
        let transport = match config.transport() {
            Some(transport) => Arc::clone(transport),
            None => Arc::new(
                HyperTransport::new(config.timeouts().connect)
                    .with_stall_grace_period(config.timeouts().stalled_stream_grace),
            ),
        };
        let user_agent = format!("{}/{}", env!("CARGO_PKG_NAME"), service.crate_version);
        let user_agent = HeaderValue::try_from(user_agent).map_err(|e| {
            format!(
                "the User-Agent {:?} is not a valid header: {e}",
                service.crate_version
            )
        });
        Runtime {
            inner: Arc::new(Inner {
                service,
                config,
                transport,
                target: OnceLock::new(),
                quota: RetryQuota::new(),
                jitter: Jitter::new(),
                user_agent,
                clock_offset: AtomicI64::new(0),
                checked_tokio: OnceLock::new(),
                needs_tokio_io,
            }),
        }
    }

    /// The configuration this runtime was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The service this runtime calls.
    pub fn service(&self) -> &'static ServiceSpec {
        self.inner.service
    }

    /// Calls `op` with `input`: serializes it as awsJson, signs it unless the operation is
    /// unsigned, sends it with retries and timeouts, and parses the output or the error.
    ///
    /// Must run inside a Tokio runtime with its time and IO drivers enabled (`#[tokio::main]`
    /// has both); without them the call fails with [`Error::Construction`] naming the
    /// missing `enable_*`.
    pub async fn call<I, O, E>(&self, op: &'static OperationSpec, input: &I) -> Result<O, Error<E>>
    where
        I: serde::Serialize + ?Sized,
        O: OperationOutput,
        E: OperationError,
    {
        self.call_with_host_labels(op, input, &[]).await
    }

    /// [`Runtime::call`] for an operation whose `@endpoint` host prefix has labels: `labels`
    /// gives each `@hostLabel` member's name and value. A value that is not a valid host label
    /// fails the call with [`Error::Construction`] before anything is sent.
    pub async fn call_with_host_labels<I, O, E>(
        &self,
        op: &'static OperationSpec,
        input: &I,
        labels: &[(&str, &str)],
    ) -> Result<O, Error<E>>
    where
        I: serde::Serialize + ?Sized,
        O: OperationOutput,
        E: OperationError,
    {
        self.check_tokio_drivers().map_err(|e| {
            Error::Construction(construction(
                ConstructionKind::Runtime,
                format!("{} {e}", op.name),
            ))
        })?;
        let span = tracing::info_span!(
            "aws_call",
            service = self.inner.service.name,
            operation = op.name,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let limit = self.inner.config.timeouts().operation;
        // Read after an operation timeout, which drops the attempt loop.
        let attempts = AtomicU32::new(0);
        let work = self.call_with_retries(op, input, labels, &span, &attempts);
        let result = async {
            match limit {
                None => work.await,
                Some(limit) => tokio::time::timeout(limit, work).await.unwrap_or_else(|_| {
                    Err(operation_timed_out(
                        op,
                        limit,
                        attempts.load(Ordering::Relaxed),
                    ))
                }),
            }
        }
        .instrument(span.clone())
        .await;
        if let Err(error) = &result {
            tracing::debug!(parent: &span, error = %describe_error(error), "call failed");
        }
        result
    }

    async fn call_with_retries<I, O, E>(
        &self,
        op: &'static OperationSpec,
        input: &I,
        labels: &[(&str, &str)],
        span: &tracing::Span,
        attempts_made: &AtomicU32,
    ) -> Result<O, Error<E>>
    where
        I: serde::Serialize + ?Sized,
        O: OperationOutput,
        E: OperationError,
    {
        let inner = &*self.inner;
        let problems = inner.config.env_problems();
        if !problems.is_empty() {
            return Err(Error::Construction(construction(
                ConstructionKind::Environment,
                format!(
                    "the AWS environment is misconfigured: {}",
                    problems.join("; ")
                ),
            )));
        }
        let host_prefix = match op.host_prefix {
            Some(template) => Some(expand_host_prefix(template, labels).map_err(|e| {
                Error::Construction(construction(
                    ConstructionKind::InvalidHostLabel,
                    format!("{}: {e}", op.name),
                ))
            })?),
            None => None,
        };
        let target = self
            .target()
            .map_err(|(kind, message)| Error::Construction(construction(kind, message)))?;
        let destination = target.destination(host_prefix.as_deref()).map_err(|e| {
            Error::Construction(construction(
                ConstructionKind::InvalidHostLabel,
                format!("{}: {e}", op.name),
            ))
        })?;
        let body = serde_json::to_vec(input).map(Bytes::from).map_err(|e| {
            Error::Construction(
                construction(
                    ConstructionKind::Request,
                    format!("could not serialize the {} input", op.name),
                )
                .with_source(e),
            )
        })?;
        let (body, encoding) =
            compression::compress_request(body, op.request_compression, &inner.config).map_err(
                |e| {
                    Error::Construction(construction(
                        ConstructionKind::Request,
                        format!("{}: {e}", op.name),
                    ))
                },
            )?;
        let signing = match op.signed {
            true => Some(self.signing(op, target).await?),
            false => None,
        };
        let retry_config = *inner.config.retry_config();
        let max_attempts = retry_config.max_attempts.max(1);
        let attempt_timeout = inner.config.timeouts().attempt;
        let invocation_id = InvocationId::new(&inner.jitter);
        let mut last_retry_cost = None;
        let mut skew_corrected = false;
        let mut attempt = 1;
        loop {
            span.record("attempt", attempt);
            attempts_made.store(attempt, Ordering::Relaxed);
            let mut request = self
                .build_request(
                    op,
                    Prepared {
                        target,
                        destination: &destination,
                        body: body.clone(),
                        encoding,
                    },
                    invocation_id,
                    attempt,
                    max_attempts,
                )
                .map_err(|e| Error::Construction(construction(ConstructionKind::Request, e)))?;
            if let Some(signing) = &signing {
                sign_request(&mut request, signing, self.signing_time())
                    .map_err(|e| Error::Construction(construction(ConstructionKind::Request, e)))?;
            }
            let (failure, reason) = match self.send_once(request, attempt_timeout).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let request_id = request_id(response.headers());
                    record_response(span, status, request_id.as_deref());
                    if response.status().is_success() {
                        inner.quota.on_success(last_retry_cost);
                        return parse_output(op, request_id, response, attempt);
                    }
                    let (failure, reason) =
                        service_failure::<E>(response, attempt, inner.service.query_compatible);
                    // A signed request refused for its time: correct the clock once per call
                    // and sign again; the correction stays for later calls.
                    match &failure {
                        Failure::Service(error)
                            if signing.is_some()
                                && !skew_corrected
                                && self.correct_clock_skew(error.metadata()) =>
                        {
                            skew_corrected = true;
                            (failure, Some(RetryReason::ClockSkew))
                        }
                        _ => (failure, reason),
                    }
                }
                Err(failure) => {
                    let reason = match &failure {
                        Failure::Transport(error) => retry::classify_transport(error.kind()),
                        _ => retry::classify_transport(TransportErrorKind::Timeout),
                    };
                    (failure, reason)
                }
            };
            let Some(reason) = reason.filter(|_| attempt < max_attempts) else {
                return Err(failure.into_error(attempt, &destination.uri));
            };
            let Some(cost) = inner.quota.try_acquire(reason) else {
                tracing::debug!(%reason, attempt, "not retrying: the client's retry quota is spent");
                return Err(failure.into_error(attempt, &destination.uri));
            };
            last_retry_cost = Some(cost);
            let delay = retry_config.backoff(attempt, inner.jitter.next_fraction());
            tracing::info!(
                %reason,
                cause = %failure.cause(),
                attempt,
                delay_ms = delay.as_millis() as u64,
                "retrying"
            );
            drop(failure);
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// The time to sign with: the local clock, corrected by what clock-skew errors taught.
    fn signing_time(&self) -> SystemTime {
        let offset = self.inner.clock_offset.load(Ordering::Relaxed);
        let now = SystemTime::now();
        let shift = Duration::from_secs(offset.unsigned_abs());
        let corrected = match offset >= 0 {
            true => now.checked_add(shift),
            false => now.checked_sub(shift),
        };
        corrected.unwrap_or(now)
    }

    /// After an error with `code`: when it is a clock-skew code and the response's `Date` is
    /// more than [`retry::CLOCK_SKEW_THRESHOLD`] from our corrected clock, records the new
    /// offset and returns true (worth signing again).
    fn correct_clock_skew(&self, error: &ErrorMetadata) -> bool {
        let Some(code) = error.code() else {
            return false;
        };
        if !retry::CLOCK_SKEW_ERRORS.contains(&code) {
            return false;
        }
        let Some(server_time) = error
            .headers()
            .get(http::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(sigv4::parse_http_date)
        else {
            return false;
        };
        let signed_with = self.signing_time();
        let difference = match server_time.duration_since(signed_with) {
            Ok(ahead) => ahead,
            Err(behind) => behind.duration(),
        };
        if difference < retry::CLOCK_SKEW_THRESHOLD {
            return false;
        }
        let offset = seconds_between(SystemTime::now(), server_time);
        self.inner.clock_offset.store(offset, Ordering::Relaxed);
        tracing::info!(
            offset_seconds = offset,
            code,
            "the service's clock differs from ours: signing with its time from now on"
        );
        true
    }

    /// Fails, instead of letting Tokio panic later, when the current Tokio runtime lacks a
    /// driver calls need: time (timeouts, backoff) always, IO for the built-in transport.
    fn check_tokio_drivers(&self) -> Result<(), String> {
        let handle = tokio::runtime::Handle::try_current().map_err(|_| {
            "was called outside a Tokio runtime: the client needs one \
             (#[tokio::main], or tokio::runtime::Runtime::block_on)"
                .to_string()
        })?;
        let id = handle.id();
        if self.inner.checked_tokio.get() == Some(&id) {
            return Ok(());
        }
        tokio_drivers_missing(self.inner.needs_tokio_io)?;
        let _ = self.inner.checked_tokio.set(id);
        Ok(())
    }

    /// One attempt, bounded by the attempt timeout.
    async fn send_once<E>(
        &self,
        request: http::Request<Bytes>,
        limit: Duration,
    ) -> Result<http::Response<Bytes>, Failure<E>> {
        match tokio::time::timeout(limit, self.inner.transport.send(request)).await {
            Ok(result) => result.map_err(Failure::Transport),
            Err(_) => Err(Failure::AttemptTimeout(limit)),
        }
    }

    /// The endpoint, resolved at the first call and kept.
    fn target(&self) -> Result<&Target, Failed> {
        self.inner
            .target
            .get_or_init(|| resolve_target(self.inner.service, &self.inner.config))
            .as_ref()
            .map_err(Clone::clone)
    }

    async fn signing<'a, E>(
        &'a self,
        op: &OperationSpec,
        target: &'a Target,
    ) -> Result<Signing<'a>, Error<E>> {
        let inner = &*self.inner;
        let region = target
            .signing_region
            .as_deref()
            .or(inner.config.region())
            .ok_or_else(|| {
                Error::Construction(construction(
                    ConstructionKind::MissingRegion,
                    missing_region(inner.service),
                ))
            })?;
        let name = target
            .signing_name
            .as_deref()
            .or(inner.service.signing_name)
            .ok_or_else(|| {
                Error::Construction(construction(
                    ConstructionKind::InvalidEndpoint,
                    format!(
                        "{} needs a SigV4 signature but the model names no signing service",
                        op.name
                    ),
                ))
            })?;
        let provider = inner.config.credentials_provider().ok_or_else(|| {
            Error::Construction(construction(
                ConstructionKind::MissingCredentials,
                format!(
                    "{} needs AWS credentials and none are configured: use Config::from_env() \
                     (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ...) or \
                     Config::builder().credentials_provider(..)",
                    op.name
                ),
            ))
        })?;
        let credentials = provider.provide_credentials().await.map_err(|e| {
            Error::Construction(
                construction(
                    ConstructionKind::CredentialsProvider,
                    format!("{} needs AWS credentials", op.name),
                )
                .with_source(e),
            )
        })?;
        Ok(Signing {
            credentials,
            region,
            name,
        })
    }

    fn build_request(
        &self,
        op: &OperationSpec,
        prepared: Prepared<'_>,
        invocation_id: InvocationId,
        attempt: u32,
        max_attempts: u32,
    ) -> Result<http::Request<Bytes>, String> {
        let Prepared {
            target,
            destination,
            body,
            encoding,
        } = prepared;
        let invalid = |what: &str, e: http::header::InvalidHeaderValue| {
            format!("could not build the {} request: {what}: {e}", op.name)
        };
        let user_agent = self
            .inner
            .user_agent
            .as_ref()
            .map_err(|e| format!("could not build the {} request: {e}", op.name))?;
        let mut headers = http::HeaderMap::with_capacity(REQUEST_HEADER_CAPACITY);
        headers.append(http::header::HOST, destination.host.clone());
        headers.append(
            http::header::CONTENT_TYPE,
            static_value(self.inner.service.content_type)
                .map_err(|e| invalid("the content type", e))?,
        );
        headers.append(
            X_AMZ_TARGET,
            static_value(op.target).map_err(|e| invalid("x-amz-target", e))?,
        );
        headers.append(http::header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        headers.append(http::header::USER_AGENT, user_agent.clone());
        headers.append(
            AMZ_SDK_INVOCATION_ID,
            invocation_id
                .header_value()
                .map_err(|e| invalid("amz-sdk-invocation-id", e))?,
        );
        headers.append(
            AMZ_SDK_REQUEST,
            attempt_header(attempt, max_attempts).map_err(|e| invalid("amz-sdk-request", e))?,
        );
        if let Some(encoding) = encoding {
            headers.append(
                http::header::CONTENT_ENCODING,
                static_value(encoding).map_err(|e| invalid("content-encoding", e))?,
            );
        }
        if self.inner.service.query_compatible {
            headers.append(X_AMZN_QUERY_MODE, HeaderValue::from_static("true"));
        }
        for (name, value) in &target.headers {
            headers.append(name.clone(), value.clone());
        }
        let mut request = http::Request::new(body);
        *request.method_mut() = http::Method::POST;
        *request.uri_mut() = destination.uri.clone();
        *request.headers_mut() = headers;
        Ok(request)
    }
}

/// What every attempt of one call sends.
struct Prepared<'a> {
    target: &'a Target,
    destination: &'a Destination,
    body: Bytes,
    encoding: Option<&'static str>,
}

impl Target {
    /// The URI and host of this endpoint, with `host_prefix` put before the host.
    fn destination(&self, host_prefix: Option<&str>) -> Result<Destination, String> {
        let Some(prefix) = host_prefix.filter(|p| !p.is_empty()) else {
            return Ok(Destination {
                uri: self.uri.clone(),
                host: self.host.clone(),
            });
        };
        let authority = self
            .uri
            .authority()
            .ok_or_else(|| format!("endpoint {} has no host", self.uri))?;
        let prefixed = format!("{prefix}{authority}");
        let mut parts = self.uri.clone().into_parts();
        parts.authority = Some(
            prefixed
                .parse()
                .map_err(|e| format!("host {prefixed:?} is not a valid host: {e}"))?,
        );
        let uri = http::Uri::from_parts(parts)
            .map_err(|e| format!("host {prefixed:?} does not make a valid URL: {e}"))?;
        let host = HeaderValue::from_str(&prefixed)
            .map_err(|e| format!("host {prefixed:?} is not a valid Host header: {e}"))?;
        Ok(Destination { uri, host })
    }
}

/// Fills the `{label}`s of an `@endpoint` host prefix (`foo.{label}.`) with the values in
/// `labels` (member name, value). Every value must be a valid host label (see
/// [`is_valid_host_label`]), and so must every dot-separated part of the result.
pub fn expand_host_prefix(template: &str, labels: &[(&str, &str)]) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("host prefix {template:?} has an unclosed `{{`"))?;
        let name = &after[..close];
        let value = labels
            .iter()
            .find(|(label, _)| *label == name)
            .map(|(_, value)| *value)
            .ok_or_else(|| format!("host prefix {template:?} needs the host label {name:?}"))?;
        if !is_valid_host_label(value) {
            return Err(format!(
                "the host label {name:?} is {value:?}, which is not a valid host label \
                 (1 to 63 ASCII letters, digits and hyphens, not starting or ending with a hyphen)"
            ));
        }
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    let parts = out.strip_suffix('.').unwrap_or(&out);
    if !parts.is_empty() && !parts.split('.').all(is_valid_host_label) {
        return Err(format!(
            "host prefix {template:?} gives {out:?}, which is not a valid start of a host name"
        ));
    }
    Ok(out)
}

/// True for a valid DNS host label: 1 to 63 ASCII letters, digits and hyphens, neither first
/// nor last a hyphen.
pub fn is_valid_host_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Runtime")
            .field("service", &self.inner.service.name)
            .field("config", &self.inner.config)
            .field("transport", &self.inner.transport)
            .finish()
    }
}

impl<E: OperationError> Failure<E> {
    /// What went wrong, fit for logs: the error code, never the service's message.
    fn cause(&self) -> String {
        match self {
            Failure::Service(error) => {
                let metadata = error.metadata();
                let code = metadata.code().unwrap_or("no error code");
                format!("{code} (HTTP {})", metadata.status)
            }
            Failure::Transport(error) => error.describe(),
            Failure::AttemptTimeout(limit) => attempt_timeout_message(*limit),
        }
    }

    fn into_error(self, attempts: u32, uri: &http::Uri) -> Error<E> {
        match self {
            Failure::Service(error) => Error::Service(error),
            Failure::AttemptTimeout(limit) => Error::Timeout(TimeoutError::new(
                TimeoutKind::Attempt,
                format!("POST {uri}: {}", attempt_timeout_message(limit)),
                attempts,
            )),
            Failure::Transport(error) if error.kind() == TransportErrorKind::Timeout => {
                let kind = match transport::failed_to_connect(&error) {
                    true => TimeoutKind::Connect,
                    false => TimeoutKind::Response,
                };
                Error::Timeout(
                    TimeoutError::new(kind, format!("POST {uri}"), attempts).with_source(error),
                )
            }
            Failure::Transport(error) => {
                Error::Dispatch(DispatchError::new(error, format!("POST {uri}"), attempts))
            }
        }
    }
}

fn attempt_timeout_message(limit: Duration) -> String {
    format!("no complete response within the attempt timeout of {limit:?}")
}

/// Parses an error response and decides whether it is worth another attempt.
/// The response's headers and body move into the error: no copy.
fn service_failure<E: OperationError>(
    response: http::Response<Bytes>,
    attempt: u32,
    query_compatible: bool,
) -> (Failure<E>, Option<RetryReason>) {
    let status = response.status().as_u16();
    let (parts, body) = response.into_parts();
    let mut metadata = error_metadata(status, &parts.headers, &body);
    // The awsJson code names the error shape; a query-compatible service reports the awsQuery
    // code instead, as the AWS SDKs do, so code written against the awsQuery API still matches.
    if query_compatible {
        if let Some(query_code) = query_error_code(&parts.headers) {
            metadata.set_query_code(query_code);
        }
    }
    metadata.set_response(parts.headers, body);
    metadata.attempts = attempt;
    let error = E::from_response(metadata);
    let code = error.metadata().code().unwrap_or_default();
    let reason = retry::classify_response(code, status, error.is_retryable());
    (Failure::Service(error), reason)
}

/// `to - from` in whole seconds, saturating.
fn seconds_between(from: SystemTime, to: SystemTime) -> i64 {
    match to.duration_since(from) {
        Ok(ahead) => i64::try_from(ahead.as_secs()).unwrap_or(i64::MAX),
        Err(behind) => i64::try_from(behind.duration().as_secs()).map_or(i64::MIN, |s| -s),
    }
}

/// Which `enable_*` the current Tokio runtime is missing, if any.
///
/// Tokio offers no way to ask whether a driver is enabled: creating a timer or registering a
/// socket without one panics. So, as a last resort, this does exactly that inside
/// `catch_unwind`, once per runtime (the caller caches success). Tokio leaves no state
/// behind when these panic (the check runs before any lock or registration), and the panic
/// message still goes to the panic hook, which prints it to stderr; the caller gets an error
/// instead of a panic in the middle of a request.
fn tokio_drivers_missing(needs_io: bool) -> Result<(), String> {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let time_ok = catch_unwind(|| drop(tokio::time::sleep(Duration::ZERO))).is_ok();
    if !time_ok {
        return Err(missing_driver("time", "enable_time"));
    }
    if needs_io {
        // A UDP socket on loopback is the cheapest IO resource to register; if none can be
        // made at all, the transport will report the real problem.
        let Ok(socket) = std::net::UdpSocket::bind((std::net::Ipv4Addr::LOCALHOST, 0)) else {
            return Ok(());
        };
        if socket.set_nonblocking(true).is_err() {
            return Ok(());
        }
        let io_ok = catch_unwind(AssertUnwindSafe(|| {
            drop(tokio::net::UdpSocket::from_std(socket))
        }))
        .is_ok();
        if !io_ok {
            return Err(missing_driver("IO", "enable_io"));
        }
    }
    Ok(())
}

fn missing_driver(driver: &str, method: &str) -> String {
    format!(
        "was called on a Tokio runtime without its {driver} driver: build the runtime with \
         `{method}()` (or `enable_all()`) on tokio::runtime::Builder; #[tokio::main] and \
         #[tokio::test] enable both"
    )
}

fn record_response(span: &tracing::Span, status: u16, request_id: Option<&str>) {
    span.record("status", status);
    if let Some(id) = request_id {
        span.record("request_id", id);
    }
}

fn operation_timed_out<E>(op: &OperationSpec, limit: Duration, attempts: u32) -> Error<E> {
    Error::Timeout(TimeoutError::new(
        TimeoutKind::Operation,
        format!(
            "{} did not complete within the operation timeout of {limit:?}",
            op.name
        ),
        attempts,
    ))
}

/// The error and its causes, for the log.
fn describe_error<E: OperationError>(error: &Error<E>) -> String {
    let cause = match error {
        Error::Service(e) => e.metadata().to_string(),
        Error::Construction(e) => full_message(e),
        Error::Dispatch(e) => full_message(e),
        Error::Timeout(e) => full_message(e),
        Error::Response(e) => full_message(e),
    };
    format!("{error}: {cause}")
}

fn missing_region(service: &ServiceSpec) -> String {
    format!(
        "no AWS region configured for {}: set AWS_REGION (or a region in the AWS profile) \
         or use Config::builder().region(..)",
        service.sdk_id
    )
}

/// A header value borrowing a `&'static str`: no copy, and an error rather than a panic if the
/// text is not a valid header value.
fn static_value(text: &'static str) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
    HeaderValue::from_maybe_shared(Bytes::from_static(text.as_bytes()))
}

/// A random UUID-shaped id shared by all attempts of one call, kept as text on the stack.
#[derive(Clone, Copy)]
struct InvocationId([u8; 36]);

impl InvocationId {
    fn new(jitter: &Jitter) -> InvocationId {
        let (a, b) = (jitter.next_u64(), jitter.next_u64());
        let mut text = *b"00000000-0000-4000-0000-000000000000";
        put_hex(&mut text[0..8], a >> 32);
        put_hex(&mut text[9..13], (a >> 16) & 0xffff);
        put_hex(&mut text[15..18], a & 0x0fff);
        put_hex(&mut text[19..23], ((b >> 48) & 0x3fff) | 0x8000);
        put_hex(&mut text[24..36], b & 0xffff_ffff_ffff);
        InvocationId(text)
    }

    fn header_value(&self) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
        HeaderValue::from_bytes(&self.0)
    }
}

/// Writes the low `out.len()` hex digits of `value`, lower-case, most significant first.
fn put_hex(out: &mut [u8], mut value: u64) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for slot in out.iter_mut().rev() {
        *slot = HEX[(value & 0xf) as usize];
        value >>= 4;
    }
}

/// `attempt=1; max=3`, formatted on the stack.
fn attempt_header(
    attempt: u32,
    max_attempts: u32,
) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
    let mut text = StackText::new();
    text.push(b"attempt=");
    text.push_decimal(attempt);
    text.push(b"; max=");
    text.push_decimal(max_attempts);
    HeaderValue::from_bytes(text.as_bytes())
}

/// A short text built without allocating; 40 bytes hold `attempt=<u32>; max=<u32>`.
struct StackText {
    bytes: [u8; 40],
    len: usize,
}

impl StackText {
    fn new() -> StackText {
        StackText {
            bytes: [0; 40],
            len: 0,
        }
    }

    fn push(&mut self, part: &[u8]) {
        let end = self.len + part.len();
        if let Some(slot) = self.bytes.get_mut(self.len..end) {
            slot.copy_from_slice(part);
            self.len = end;
        }
    }

    fn push_decimal(&mut self, value: u32) {
        let mut digits = [0u8; 10];
        let mut start = digits.len();
        let mut rest = value;
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.push(digits.get(start..).unwrap_or_default());
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

fn resolve_target(service: &ServiceSpec, config: &Config) -> Result<Target, Failed> {
    let invalid_endpoint = |message: String| (ConstructionKind::InvalidEndpoint, message);
    // Checked before the rules see them: a region becomes part of the host name and the
    // credential scope, so a bad one must never reach either.
    if let Some(region) = config.region() {
        let source = config.region_source().unwrap_or("the configuration");
        region::check_region(region, source).map_err(|e| (ConstructionKind::InvalidRegion, e))?;
    }
    let endpoint_url = match config.sourced_endpoint_url_for(service.sdk_id) {
        Some((url, source)) => {
            check_endpoint_url(&url).map_err(|e| {
                let shown = redact_userinfo(&url);
                invalid_endpoint(format!("the endpoint URL {shown:?} (from {source}) {e}"))
            })?;
            Some(url)
        }
        None => None,
    };
    let raw = match service.endpoint_rules {
        Some(rules) => {
            if config.region().is_none() && endpoint_url.is_none() {
                return Err((ConstructionKind::MissingRegion, missing_region(service)));
            }
            resolve_with_rules(rules, service.partitions, config, endpoint_url).map_err(|e| {
                invalid_endpoint(format!(
                    "could not resolve the {} endpoint: {e}",
                    service.sdk_id
                ))
            })?
        }
        None => RawEndpoint {
            url: endpoint_url.ok_or_else(|| {
                invalid_endpoint(format!(
                    "the {} model has no endpoint rules: set an endpoint with \
                         Config::builder().endpoint_url(..) or AWS_ENDPOINT_URL",
                    service.sdk_id
                ))
            })?,
            ..RawEndpoint::default()
        },
    };
    target_from(raw).map_err(invalid_endpoint)
}

/// Checks an endpoint URL: `http://` or `https://`, a host, and no `user:password@` (it
/// would be sent in the Host header). Says what is wrong, for the caller to prefix.
fn check_endpoint_url(url: &str) -> Result<http::Uri, String> {
    let uri: http::Uri = url
        .parse()
        .map_err(|e| format!("is not a valid URL ({e}); expected https://host[:port][/path]"))?;
    match uri.scheme_str() {
        Some("https") | Some("http") => {}
        _ => return Err("must start with https:// or http://".to_string()),
    }
    let authority = uri.authority().ok_or("has no host")?;
    if authority.as_str().contains('@') {
        return Err(
            "carries a user name or password (user:password@host): they would be sent in the \
             Host header; remove them, requests are authenticated with AWS credentials"
                .to_string(),
        );
    }
    if authority.host().is_empty() {
        return Err("has no host".to_string());
    }
    Ok(uri)
}

fn target_from(raw: RawEndpoint) -> Result<Target, String> {
    let uri = check_endpoint_url(&raw.url)
        .map_err(|e| format!("endpoint URL {:?} {e}", redact_userinfo(&raw.url)))?;
    let authority = uri
        .authority()
        .ok_or_else(|| format!("endpoint URL {:?} has no host", raw.url))?;
    let host = HeaderValue::from_str(authority.as_str())
        .map_err(|e| format!("endpoint URL {:?} has an unusable host: {e}", raw.url))?;
    let mut headers = Vec::with_capacity(raw.headers.len());
    for (name, value) in raw.headers {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| format!("endpoint header name {name:?} is not valid: {e}"))?;
        let header_value = HeaderValue::from_str(&value)
            .map_err(|e| format!("endpoint header {name} has an invalid value: {e}"))?;
        headers.push((header_name, header_value));
    }
    Ok(Target {
        uri: with_default_path(uri),
        host,
        headers,
        signing_name: raw.signing_name,
        signing_region: raw.signing_region,
    })
}

/// awsJson operations are `POST /` relative to the endpoint: an endpoint with a path
/// (`https://example.com/custom`) gets the operation's `/` joined to it (`/custom/`).
fn with_default_path(uri: http::Uri) -> http::Uri {
    let raw = uri.path_and_query().map_or("", |p| p.as_str());
    let path = raw.split('?').next().unwrap_or_default();
    if path.ends_with('/') {
        return uri;
    }
    let joined = match uri.query() {
        Some(query) => format!("{path}/?{query}"),
        None => format!("{path}/"),
    };
    let Ok(path_and_query) = http::uri::PathAndQuery::try_from(joined) else {
        return uri;
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query);
    http::Uri::from_parts(parts).unwrap_or(uri)
}

fn resolve_with_rules(
    rules: &str,
    partitions: &str,
    config: &Config,
    endpoint_url: Option<String>,
) -> Result<RawEndpoint, String> {
    let rules = RuleSet::parse(rules).map_err(|e| e.to_string())?;
    let partitions = Partitions::parse(partitions).map_err(|e| e.to_string())?;
    let builtins = BuiltIns {
        region: config.region().map(str::to_string),
        use_fips: config.use_fips(),
        use_dual_stack: config.use_dual_stack(),
        endpoint: endpoint_url,
    };
    let params = Params::from_builtins(&rules, &builtins);
    let endpoint = rules
        .resolve(&params, &partitions)
        .map_err(|e| e.to_string())?;
    let (signing_name, signing_region) = sigv4_overrides(&endpoint.properties);
    let headers = endpoint
        .headers
        .into_iter()
        .flat_map(|(name, values)| values.into_iter().map(move |v| (name.clone(), v)))
        .collect();
    Ok(RawEndpoint {
        url: endpoint.url,
        headers,
        signing_name,
        signing_region,
    })
}

/// The signing name and region of the endpoint's `sigv4` auth scheme, when it sets them.
fn sigv4_overrides(properties: &serde_json::Value) -> (Option<String>, Option<String>) {
    let scheme = properties
        .get("authSchemes")
        .and_then(|schemes| schemes.as_array())
        .and_then(|schemes| {
            schemes
                .iter()
                .find(|s| s.get("name").and_then(|n| n.as_str()) == Some("sigv4"))
        });
    let text = |key: &str| -> Option<String> {
        Some(scheme?.get(key)?.as_str()?.to_string()).filter(|v| !v.is_empty())
    };
    (text("signingName"), text("signingRegion"))
}

fn sign_request(
    request: &mut http::Request<Bytes>,
    signing: &Signing<'_>,
    time: SystemTime,
) -> Result<(), String> {
    let params = SigningParams {
        credentials: &signing.credentials,
        region: signing.region,
        service: signing.name,
        time,
    };
    sigv4::sign(request, &params).map_err(|e| e.to_string())
}

fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .map(str::to_string)
}

/// Parses a successful response; its headers move into the output (no copy).
fn parse_output<O: OperationOutput, E>(
    op: &OperationSpec,
    request_id: Option<String>,
    response: http::Response<Bytes>,
    attempt: u32,
) -> Result<O, Error<E>> {
    let status = response.status().as_u16();
    let (parts, body) = response.into_parts();
    let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        &body
    };
    let parsed: Result<O, _> = serde_json::from_slice(json);
    let mut output = match parsed {
        Ok(output) => output,
        Err(e) => {
            let message = format!(
                "the {} response body {}: {}",
                op.name,
                match e.classify() {
                    serde_json::error::Category::Data => "does not match the model",
                    _ => "is not valid JSON",
                },
                redact_quoted(&e.to_string())
            );
            let mut error = ResponseError::new(status, request_id, message);
            error.set_response(parts.headers, body);
            error.attempts = attempt;
            return Err(Error::Response(error));
        }
    };
    output.set_metadata(ResponseMetadata {
        status,
        request_id,
        headers: parts.headers,
    });
    Ok(output)
}

/// serde_json quotes offending string values in its messages; those may be secrets.
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("...\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// Reads code, message and request id of an awsJson error response. The code comes from the
/// `X-Amzn-ErrorType` header, else the body's `code`, else its `__type`, normalised by
/// [`normalize_error_code`]; the message from `message` or `Message`. A body that is not
/// valid JSON (cut short, or junk after the object) still gives the members that could be
/// read before the damage. A response with no code at all (an HTML page from a proxy) gets
/// no code and, unless it has one, a message naming the status. Headers and body are left
/// empty for the caller to move in.
pub fn error_metadata(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorMetadata {
    let json: serde_json::Map<String, serde_json::Value> = match serde_json::from_slice(body) {
        Ok(object) => object,
        Err(_) => lenient_top_level_strings(body),
    };
    let field = |name: &str| -> Option<&str> { json.get(name)?.as_str() };
    let header_code = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok());
    let code = [header_code, field("code"), field("__type")]
        .into_iter()
        .flatten()
        .map(normalize_error_code)
        .find(|c| !c.is_empty());
    let message = field("message")
        .or_else(|| field("Message"))
        .map(str::to_string);
    let message = match code {
        Some(_) => message,
        None => message.or_else(|| Some(no_code_message(status))),
    };
    let mut metadata = ErrorMetadata::default();
    metadata.code = code.map(str::to_string);
    metadata.message = message;
    metadata.status = status;
    metadata.request_id = request_id(headers);
    metadata
}

/// The code of an `x-amzn-query-error: <code>;<fault>` header (`Customized;Sender` gives
/// `Customized`), the error's awsQuery code. `None` when the header is absent or malformed.
pub fn query_error_code(headers: &http::HeaderMap) -> Option<&str> {
    let value = headers.get("x-amzn-query-error")?.to_str().ok()?;
    let (code, _fault) = value.trim().split_once(';')?;
    let code = code.trim();
    (!code.is_empty()).then_some(code)
}

/// The string members of a damaged JSON object, read from its start until the first thing
/// that is not valid JSON: `{"__type":"X","message":"cut sh` gives `__type`. Other members
/// are skipped; later duplicates win, as in serde_json.
fn lenient_top_level_strings(body: &[u8]) -> serde_json::Map<String, serde_json::Value> {
    let mut found = serde_json::Map::new();
    let mut reader = Lenient { body, at: 0 };
    if !reader.eat(b'{') {
        return found;
    }
    loop {
        let Some(key) = reader.string() else {
            return found;
        };
        if !reader.eat(b':') {
            return found;
        }
        reader.skip_whitespace();
        if reader.peek() == Some(b'"') {
            let Some(value) = reader.string() else {
                return found;
            };
            found.insert(key, serde_json::Value::String(value));
        } else if !reader.skip_value() {
            return found;
        }
        if !reader.eat(b',') {
            return found;
        }
    }
}

/// A cursor over a JSON text that may be broken anywhere.
struct Lenient<'a> {
    body: &'a [u8],
    at: usize,
}

impl Lenient<'_> {
    fn peek(&self) -> Option<u8> {
        self.body.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// Skips whitespace, then `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        if self.peek() == Some(byte) {
            self.at += 1;
            return true;
        }
        false
    }

    /// A complete string literal, unescaped by serde_json; `None` if cut short or invalid.
    fn string(&mut self) -> Option<String> {
        self.skip_whitespace();
        let start = self.at;
        if self.peek() != Some(b'"') {
            return None;
        }
        let mut i = start + 1;
        loop {
            match *self.body.get(i)? {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        let literal = self.body.get(start..=i)?;
        self.at = i + 1;
        serde_json::from_slice(literal).ok()
    }

    /// Skips a number, literal, object or array (brackets balanced, strings respected);
    /// false if the text ends first.
    fn skip_value(&mut self) -> bool {
        let mut depth = 0usize;
        loop {
            let Some(byte) = self.peek() else {
                return false;
            };
            match byte {
                b'"' => {
                    if self.string().is_none() {
                        return false;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => return true,
                b'}' | b']' => depth -= 1,
                b',' if depth == 0 => return true,
                _ => {}
            }
            self.at += 1;
        }
    }
}

fn no_code_message(status: u16) -> String {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("unrecognised status");
    format!("the response ({status} {reason}) carried no error code")
}

/// Strips an error code to its shape name: drops everything from the first `:` (a URL some
/// services append) and everything up to the last `#` (the namespace).
pub fn normalize_error_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim()
}
