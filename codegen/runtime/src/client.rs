//! The call pipeline every generated operation goes through: endpoint, the request its
//! protocol encoded (`protocol::*` hold the entry points), SigV4, send with timeouts and
//! retries, then the output or the error parsed.
use super::compression;
use super::config::Config;
use super::credentials::{Credentials, ProvideCredentials};
use super::error::{
    full_message, ConstructionError, ConstructionKind, DispatchError, Error, ErrorMetadata,
    TimeoutError, TimeoutKind,
};
use super::header_text::{attempt_header, static_value, InvocationId};
use super::operation::{OperationError, OperationSpec, ServiceSpec};
use super::protocol::aws_json::request_id;
use super::retry::{self, Jitter, RetryQuota, RetryReason};
use super::sigv4::{self, SigningParams};
use super::stream::ByteStream;
use super::target::{expand_host_prefix, missing_region, resolve_target, Failed, Target};
use super::transport::{self, HttpTransport, HyperTransport, TransportError, TransportErrorKind};
// Their home was this module; generated code of other models still names them here.
pub use super::protocol::aws_json::{error_metadata, query_error_code};
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};
use tracing::Instrument;

const AMZ_SDK_INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const AMZ_SDK_REQUEST: HeaderName = HeaderName::from_static("amz-sdk-request");

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

struct Signing<'a> {
    credentials: Credentials,
    region: &'a str,
    name: &'a str,
}

/// Why a request could not be built: kind and message, kept (and cloned) where the
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

    /// The service this runtime calls.
    #[allow(dead_code)] // awsJson's requests name it; restJson1's do not
    pub(crate) fn service(&self) -> &'static ServiceSpec {
        self.inner.service
    }

    /// The configuration this runtime was built with.
    #[allow(dead_code)] // generated code reads it only for models with `@idempotencyToken` members
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Sends one call of `op`: `encoded` is what the operation's protocol made of the input
    /// (or why it could not), `decode` reads a successful response. Signs unless the operation
    /// is unsigned, sends with retries and timeouts, and parses the output or the error. The
    /// protocols' entry points (`call` for awsJson, `call_rest_json`) come here.
    ///
    /// Must run inside a Tokio runtime with its time and IO drivers enabled (`#[tokio::main]`
    /// has both); without them the call fails with [`Error::Construction`] naming the
    /// missing `enable_*`.
    pub(crate) async fn send<O, E, R>(
        &self,
        op: &'static OperationSpec,
        encoded: Result<Encoded, String>,
        labels: &[(&str, &str)],
        decode: Decode<O, E, R>,
    ) -> Result<O, Error<E>>
    where
        E: OperationError,
        R: ResponseBody,
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
        let work = self.call_with_retries(op, encoded, labels, decode, &span, &attempts);
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

    async fn call_with_retries<O, E, R>(
        &self,
        op: &'static OperationSpec,
        encoded: Result<Encoded, String>,
        labels: &[(&str, &str)],
        decode: Decode<O, E, R>,
        span: &tracing::Span,
        attempts_made: &AtomicU32,
    ) -> Result<O, Error<E>>
    where
        E: OperationError,
        R: ResponseBody,
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
        let Encoded {
            method,
            path_and_query,
            headers: protocol_headers,
            body,
            unsigned_payload,
        } = encoded.map_err(|e| Error::Construction(construction(ConstructionKind::Request, e)))?;
        let uri = join_uri(&destination.uri, &path_and_query).map_err(|e| {
            Error::Construction(construction(
                ConstructionKind::Request,
                format!("{}: {e}", op.name),
            ))
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
            // Checked before each retry: only the first attempt can find no body.
            let Some(attempt_body) = body.replay() else {
                return Err(Error::Construction(construction(
                    ConstructionKind::Request,
                    format!("{}: the request body stream was already read", op.name),
                )));
            };
            let mut request = self
                .build_request(
                    op,
                    Prepared {
                        target,
                        host: &destination.host,
                        method: &method,
                        uri: &uri,
                        protocol_headers: &protocol_headers,
                        body: attempt_body,
                        encoding,
                    },
                    invocation_id,
                    attempt,
                    max_attempts,
                )
                .map_err(|e| Error::Construction(construction(ConstructionKind::Request, e)))?;
            if let Some(signing) = &signing {
                sign_request(&mut request, signing, self.signing_time(), unsigned_payload)
                    .map_err(|e| Error::Construction(construction(ConstructionKind::Request, e)))?;
            }
            let received = match self.send_once::<E, R>(request, attempt_timeout).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let request_id = request_id(response.headers());
                    record_response(span, status, request_id.as_deref());
                    if response.status().is_success() {
                        inner.quota.on_success(last_retry_cost);
                        return decode(op, request_id, response, attempt);
                    }
                    R::read_error(response).await.map_err(Failure::Transport)
                }
                Err(failure) => Err(failure),
            };
            let (failure, reason) = match received {
                Ok(response) => {
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
            let Some(reason) = reason.filter(|_| attempt < max_attempts && body.replayable())
            else {
                return Err(failure.into_error(attempt, &method, &uri));
            };
            let Some(cost) = inner.quota.try_acquire(reason) else {
                tracing::debug!(%reason, attempt, "not retrying: the client's retry quota is spent");
                return Err(failure.into_error(attempt, &method, &uri));
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
    async fn send_once<E, R: ResponseBody>(
        &self,
        request: http::Request<ByteStream>,
        limit: Duration,
    ) -> Result<http::Response<R>, Failure<E>> {
        let exchange = R::exchange(&*self.inner.transport, request);
        match tokio::time::timeout(limit, exchange).await {
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
    ) -> Result<http::Request<ByteStream>, String> {
        let Prepared {
            target,
            host,
            method,
            uri,
            protocol_headers,
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
        headers.append(http::header::HOST, host.clone());
        for (name, value) in protocol_headers {
            headers.append(name.clone(), value.clone());
        }
        // restJson1's requests without a body (a `GET` of labels and query) carry no length,
        // as the protocol's cases require; every other request says its length, unless it
        // streams one of unknown length (sent chunked).
        match body.len() {
            Some(0) if bodiless_method(method) => {}
            Some(len) => {
                headers.append(http::header::CONTENT_LENGTH, HeaderValue::from(len));
            }
            None => {}
        }
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
            let value = content_encoding(headers.get(http::header::CONTENT_ENCODING), encoding)
                .map_err(|e| invalid("content-encoding", e))?;
            headers.insert(http::header::CONTENT_ENCODING, value);
        }
        for (name, value) in &target.headers {
            headers.append(name.clone(), value.clone());
        }
        let mut request = http::Request::new(body);
        *request.method_mut() = method.clone();
        *request.uri_mut() = uri.clone();
        *request.headers_mut() = headers;
        Ok(request)
    }
}

/// Methods whose requests have no body unless one is sent: `GET`, `HEAD`, `DELETE`, `OPTIONS`.
fn bodiless_method(method: &http::Method) -> bool {
    [
        http::Method::GET,
        http::Method::HEAD,
        http::Method::DELETE,
        http::Method::OPTIONS,
    ]
    .contains(method)
}

/// The `Content-Encoding` of a compressed body: ours after the one a member set, as the
/// encodings were applied (`custom, gzip`), else ours alone.
fn content_encoding(
    set: Option<&HeaderValue>,
    ours: &'static str,
) -> Result<HeaderValue, http::header::InvalidHeaderValue> {
    match set.map(HeaderValue::as_bytes).filter(|v| !v.is_empty()) {
        Some(set) => HeaderValue::from_bytes(&[set, b", ", ours.as_bytes()].concat()),
        None => static_value(ours),
    }
}

/// What every attempt of one call sends.
struct Prepared<'a> {
    target: &'a Target,
    host: &'a HeaderValue,
    method: &'a http::Method,
    uri: &'a http::Uri,
    protocol_headers: &'a http::HeaderMap,
    body: ByteStream,
    encoding: Option<&'static str>,
}

/// The protocol's part of a request, made once per call from the operation's input: the
/// pipeline adds the endpoint (whose path goes before `path_and_query`), `Content-Length`,
/// the SDK headers and the signature.
pub struct Encoded {
    /// The method (`POST` for awsJson, the `@http` method for restJson1).
    pub method: http::Method,
    /// Put after the endpoint's path, percent-encoded, with its query
    /// (`/f/a%2Fb?literal=1&flag&x=1`); empty: the endpoint's URL as is (awsJson).
    pub path_and_query: String,
    /// The protocol's headers: content type, `X-Amz-Target`, members bound to headers.
    pub headers: http::HeaderMap,
    /// The body, in memory or (a `@streaming` payload) streamed; empty when the request has
    /// none.
    pub body: ByteStream,
    /// `aws.auth#unsignedPayload`: SigV4 signs `UNSIGNED-PAYLOAD` even for a body in memory
    /// (a streamed body is always signed so).
    pub unsigned_payload: bool,
}

// Labels, header values and the body may hold secrets: Debug shows their shape only.
impl fmt::Debug for Encoded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encoded")
            .field("method", &self.method)
            .field("headers", &super::error::HeaderNames(&self.headers))
            .field("body", &self.body)
            .field("unsigned_payload", &self.unsigned_payload)
            .finish_non_exhaustive()
    }
}

/// Reads a successful response into the operation's output.
pub(crate) type Decode<O, E, R> =
    fn(&'static OperationSpec, Option<String>, http::Response<R>, u32) -> Result<O, Error<E>>;

/// A future of one exchange with the transport.
pub(crate) type Exchange<'a, R> =
    Pin<Box<dyn Future<Output = Result<http::Response<R>, TransportError>> + Send + 'a>>;

/// How a response comes back: read whole (`Bytes`: every operation without a streamed
/// output) or with its body unread (`ByteStream`: an output whose payload is `@streaming`).
pub(crate) trait ResponseBody: Sized + Send + 'static {
    /// Sends one attempt.
    fn exchange(
        transport: &dyn HttpTransport,
        request: http::Request<ByteStream>,
    ) -> Exchange<'_, Self>;
    /// An error response, read whole to be parsed.
    fn read_error(response: http::Response<Self>) -> Exchange<'static, Bytes>;
}

impl ResponseBody for Bytes {
    fn exchange(
        transport: &dyn HttpTransport,
        request: http::Request<ByteStream>,
    ) -> Exchange<'_, Bytes> {
        let (parts, body) = request.into_parts();
        match body.bytes() {
            // The usual case: the transport's own future, nothing more.
            Some(bytes) => transport.send(http::Request::from_parts(parts, bytes.clone())),
            None => Box::pin(async move {
                let request = http::Request::from_parts(parts, body);
                let response = transport.send_streaming(request).await?;
                read_whole(response).await
            }),
        }
    }
    fn read_error(response: http::Response<Bytes>) -> Exchange<'static, Bytes> {
        Box::pin(std::future::ready(Ok(response)))
    }
}

impl ResponseBody for ByteStream {
    fn exchange(
        transport: &dyn HttpTransport,
        request: http::Request<ByteStream>,
    ) -> Exchange<'_, ByteStream> {
        transport.send_streaming(request)
    }
    fn read_error(response: http::Response<ByteStream>) -> Exchange<'static, Bytes> {
        Box::pin(read_whole(response))
    }
}

/// A streamed response read into memory, up to the transport's default limit.
async fn read_whole(
    response: http::Response<ByteStream>,
) -> Result<http::Response<Bytes>, TransportError> {
    let (parts, body) = response.into_parts();
    let body = body
        .collect_at_most(transport::DEFAULT_MAX_BODY_SIZE)
        .await?;
    Ok(http::Response::from_parts(parts, body))
}

/// The endpoint's URL with `path_and_query` after its path: the endpoint's own path is kept
/// (`https://example.com/custom` and `/Op` give `https://example.com/custom/Op`).
fn join_uri(endpoint: &http::Uri, path_and_query: &str) -> Result<http::Uri, String> {
    if path_and_query.is_empty() {
        return Ok(endpoint.clone());
    }
    let base = endpoint.path().trim_end_matches('/');
    let joined = format!("{base}{path_and_query}");
    let mut parts = endpoint.clone().into_parts();
    parts.path_and_query = Some(
        joined
            .parse()
            .map_err(|e| format!("the request path {joined:?} is not valid in a URL: {e}"))?,
    );
    http::Uri::from_parts(parts).map_err(|e| format!("the request URL is not valid: {e}"))
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

    fn into_error(self, attempts: u32, method: &http::Method, uri: &http::Uri) -> Error<E> {
        match self {
            Failure::Service(error) => Error::Service(error),
            Failure::AttemptTimeout(limit) => Error::Timeout(TimeoutError::new(
                TimeoutKind::Attempt,
                format!("{method} {uri}: {}", attempt_timeout_message(limit)),
                attempts,
            )),
            Failure::Transport(error) if error.kind() == TransportErrorKind::Timeout => {
                let kind = match transport::failed_to_connect(&error) {
                    true => TimeoutKind::Connect,
                    false => TimeoutKind::Response,
                };
                Error::Timeout(
                    TimeoutError::new(kind, format!("{method} {uri}"), attempts).with_source(error),
                )
            }
            Failure::Transport(error) => Error::Dispatch(DispatchError::new(
                error,
                format!("{method} {uri}"),
                attempts,
            )),
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

fn sign_request(
    request: &mut http::Request<ByteStream>,
    signing: &Signing<'_>,
    time: SystemTime,
    unsigned_payload: bool,
) -> Result<(), String> {
    let params = SigningParams {
        credentials: &signing.credentials,
        region: signing.region,
        service: signing.name,
        time,
    };
    match unsigned_payload {
        true => sigv4::sign_unsigned_payload(request, &params),
        false => sigv4::sign(request, &params),
    }
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_goes_after_the_encoding_a_member_set() {
        let custom = HeaderValue::from_static("custom");
        let empty = HeaderValue::from_static("");
        assert_eq!(
            content_encoding(Some(&custom), "gzip").unwrap(),
            "custom, gzip"
        );
        assert_eq!(content_encoding(Some(&empty), "gzip").unwrap(), "gzip");
        assert_eq!(content_encoding(None, "gzip").unwrap(), "gzip");
    }

    #[test]
    fn the_endpoint_path_goes_before_the_operation_path() {
        let join = |endpoint: &str, path: &str| {
            join_uri(&endpoint.parse().unwrap(), path)
                .unwrap()
                .to_string()
        };
        assert_eq!(
            join("https://example.com/custom", "/Op?x=1"),
            "https://example.com/custom/Op?x=1"
        );
        assert_eq!(
            join("https://example.com/", "/Op"),
            "https://example.com/Op"
        );
        assert_eq!(join("https://example.com", ""), "https://example.com/");
        assert!(join_uri(&"https://example.com".parse().unwrap(), "/a b").is_err());
    }
}
