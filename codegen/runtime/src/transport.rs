//! The HTTP transport: one request in, one fully read response out; or, for operations with a
//! streamed body, a streamed request in and a response whose body is read as it arrives.
//!
//! [`HttpTransport`] is the seam tests and users plug into; [`HyperTransport`] is the default,
//! a pooled hyper client speaking HTTPS (rustls, webpki roots) and plain HTTP.
use super::error::DispatchKind;
use super::stream::ByteStream;
use bytes::Bytes;
use futures_core::Stream;
use http_body_util::{BodyExt, Limited};
use hyper::body::Body as _;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// The future an [`HttpTransport`] returns.
pub type SendFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, TransportError>> + Send + 'a>>;

/// The future [`HttpTransport::send_streaming`] returns.
pub type StreamingFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<ByteStream>, TransportError>> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
///
/// Implementations must not retry or time out on their own: the runtime does both.
pub trait HttpTransport: Send + Sync + fmt::Debug {
    /// Sends `request` (an absolute URI, all headers set, already signed) and returns the
    /// response with its body read to the end.
    fn send(&self, request: http::Request<Bytes>) -> SendFuture<'_>;

    /// Sends a request of an operation with a `@streaming` member: its body may be a stream,
    /// and the response is returned once its head arrives, its body unread. The default reads
    /// the request body into memory and calls [`HttpTransport::send`], which suits transports
    /// that answer from memory (mocks, recordings).
    fn send_streaming(&self, request: http::Request<ByteStream>) -> StreamingFuture<'_> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = body.collect().await?;
            let response = self.send(http::Request::from_parts(parts, body)).await?;
            Ok(response.map(ByteStream::from))
        })
    }
}

/// What kind of failure a [`TransportError`] is; drives retry decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake): the request never left.
    Connect,
    /// Connecting or reading took too long.
    Timeout,
    /// The connection failed after it was made (reset, closed early, malformed HTTP).
    Io,
    /// The response body was larger than the transport accepts.
    BodyTooLarge,
    /// Anything else (a request the transport cannot send, a broken TLS setup).
    Other,
}

/// Why a request could not be sent or its response not read.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl TransportError {
    /// An error of the given kind with a message saying what failed.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }
    /// Attaches the underlying error.
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }
    /// No connection could be made.
    pub fn connect(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Connect, message)
    }
    /// Connecting or reading took too long.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Timeout, message)
    }
    /// The connection failed after it was made.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Io, message)
    }
    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
    /// The message, followed by the chain of underlying causes.
    pub fn describe(&self) -> String {
        let mut text = self.message.clone();
        let mut cause: Option<&(dyn StdError + 'static)> = self.source.as_deref().map(|e| e as _);
        while let Some(err) = cause {
            let part = err.to_string();
            // hyper repeats its cause in its own message; skip what is already said.
            if !part.is_empty() && !text.contains(&part) {
                text.push_str(": ");
                text.push_str(&part);
            }
            cause = err.source();
        }
        text
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}

/// The largest response body [`HyperTransport`] reads unless told otherwise: 32 MiB.
pub const DEFAULT_MAX_BODY_SIZE: usize = 32 * 1024 * 1024;

/// How long a response body may deliver no data before it counts as stalled, as the AWS
/// SDKs' stalled-stream protection (5 s grace period, so at least 1 byte per 5 s).
pub const DEFAULT_STALL_GRACE_PERIOD: Duration = Duration::from_secs(5);

/// How long an unused pooled connection is kept.
const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

type HyperClient = Client<HttpsConnector<HttpConnector>, ByteStream>;

/// The default transport: a hyper connection pool over rustls (webpki roots), HTTP/1.1 and
/// HTTP/2, `https://` and `http://`. Build one and share it: every clone of a client using it
/// reuses its connections.
#[derive(Clone)]
pub struct HyperTransport {
    client: Result<HyperClient, String>,
    max_body_size: usize,
    connect_timeout: Duration,
    stall_grace_period: Option<Duration>,
}

impl HyperTransport {
    /// A transport whose connection attempts give up after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Self {
        Self {
            client: build_client(connect_timeout),
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            connect_timeout,
            stall_grace_period: Some(DEFAULT_STALL_GRACE_PERIOD),
        }
    }
    /// Stalled-stream protection: gives up on a response body that delivers no data for
    /// `grace` (default 5 s); `None` waits as long as the attempt
    /// timeout allows.
    pub fn with_stall_grace_period(mut self, grace: Option<Duration>) -> Self {
        self.stall_grace_period = grace;
        self
    }
    /// Rejects response bodies larger than `bytes` (default 32 MiB).
    pub fn with_max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }
    /// The largest response body this transport reads.
    pub fn max_body_size(&self) -> usize {
        self.max_body_size
    }
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperTransport")
            .field("connect_timeout", &self.connect_timeout)
            .field("max_body_size", &self.max_body_size)
            .field("stall_grace_period", &self.stall_grace_period)
            .field("tls_ready", &self.client.is_ok())
            .finish()
    }
}

impl HttpTransport for HyperTransport {
    fn send(&self, request: http::Request<Bytes>) -> SendFuture<'_> {
        Box::pin(async move {
            let client = self
                .client
                .as_ref()
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e.clone()))?;
            let request = request.map(ByteStream::from);
            let response = client.request(request).await.map_err(classify_send_error)?;
            read_response(response, self.max_body_size, self.stall_grace_period).await
        })
    }

    fn send_streaming(&self, request: http::Request<ByteStream>) -> StreamingFuture<'_> {
        Box::pin(async move {
            let client = self
                .client
                .as_ref()
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e.clone()))?;
            let response = client.request(request).await.map_err(classify_send_error)?;
            let (parts, body) = response.into_parts();
            let chunks = IncomingChunks {
                body,
                grace: self.stall_grace_period,
                stall: None,
                failed: false,
            };
            let body = ByteStream::from_chunks(Box::pin(chunks), declared_length(&parts.headers));
            Ok(http::Response::from_parts(parts, body))
        })
    }
}

/// A response body read as it arrives, with stalled-stream protection: no data for `grace`
/// is an error.
struct IncomingChunks {
    body: hyper::body::Incoming,
    grace: Option<Duration>,
    /// Runs while no data arrives; reset by each chunk.
    stall: Option<Pin<Box<tokio::time::Sleep>>>,
    /// After an error the body ends: a reader that goes on gets `None`, never a hang.
    failed: bool,
}

impl Stream for IncomingChunks {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.failed {
            return Poll::Ready(None);
        }
        loop {
            match Pin::new(&mut this.body).poll_frame(cx) {
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => {
                    this.failed = true;
                    let error = TransportError::io("reading the response body failed");
                    return Poll::Ready(Some(Err(error.with_source(e))));
                }
                Poll::Ready(Some(Ok(frame))) => {
                    this.stall = None;
                    match frame.into_data() {
                        Ok(data) if !data.is_empty() => return Poll::Ready(Some(Ok(data))),
                        _ => continue, // trailers, empty frames
                    }
                }
                Poll::Pending => {}
            }
            let Some(grace) = this.grace else {
                return Poll::Pending;
            };
            let stall = this
                .stall
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(grace)));
            return match stall.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(()) => {
                    this.failed = true;
                    Poll::Ready(Some(Err(stalled(grace))))
                }
            };
        }
    }
}

fn stalled(grace: Duration) -> TransportError {
    TransportError::timeout(format!(
        "stalled stream: the response body delivered no data for {grace:?} \
         (stalled-stream protection)"
    ))
}

fn build_client(connect_timeout: Duration) -> Result<HyperClient, String> {
    // An explicit provider: the process-wide default may be unset, or ambiguous when another
    // crate in the build enables a second rustls backend.
    let tls = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
        .map_err(|e| format!("TLS setup failed: {e}"))?;
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_nodelay(true);
    http.set_connect_timeout(Some(connect_timeout));
    let connector = tls.https_or_http().enable_http1().wrap_connector(http);
    let client = Client::builder(TokioExecutor::new())
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .pool_timer(TokioTimer::new())
        .timer(TokioTimer::new())
        .build(connector);
    Ok(client)
}

async fn read_response(
    response: http::Response<hyper::body::Incoming>,
    max_body_size: usize,
    stall_grace_period: Option<Duration>,
) -> Result<http::Response<Bytes>, TransportError> {
    let (parts, body) = response.into_parts();
    if let Some(length) = declared_length(&parts.headers) {
        if length > max_body_size as u64 {
            return Err(body_too_large(max_body_size, Some(length)));
        }
    }
    let body = read_body(Limited::new(body, max_body_size), stall_grace_period)
        .await
        .map_err(|e| match e {
            BodyFailure::Stalled(grace) => stalled(grace),
            BodyFailure::Read(e) if e.is::<http_body_util::LengthLimitError>() => {
                body_too_large(max_body_size, None)
            }
            BodyFailure::Read(e) => {
                TransportError::io("reading the response body failed").with_source(e)
            }
        })?;
    Ok(http::Response::from_parts(parts, body))
}

enum BodyFailure {
    /// No data for this long.
    Stalled(Duration),
    Read(Box<dyn StdError + Send + Sync>),
}

/// Reads the whole body; with a grace period, fails when no data arrives for that long.
/// A body of one frame (the usual case) is returned without copying.
async fn read_body(
    mut body: Limited<hyper::body::Incoming>,
    stall_grace_period: Option<Duration>,
) -> Result<Bytes, BodyFailure> {
    let mut first: Option<Bytes> = None;
    let mut joined: Vec<u8> = Vec::new();
    loop {
        let frame = match stall_grace_period {
            None => body.frame().await,
            Some(grace) => tokio::time::timeout(grace, body.frame())
                .await
                .map_err(|_| BodyFailure::Stalled(grace))?,
        };
        let Some(frame) = frame else { break };
        let Ok(data) = frame.map_err(BodyFailure::Read)?.into_data() else {
            continue; // trailers carry nothing awsJson reads
        };
        if data.is_empty() {
            continue;
        }
        match first.take() {
            None if joined.is_empty() => first = Some(data),
            None => joined.extend_from_slice(&data),
            Some(earlier) => {
                joined.reserve(earlier.len() + data.len());
                joined.extend_from_slice(&earlier);
                joined.extend_from_slice(&data);
            }
        }
    }
    Ok(first.unwrap_or_else(|| Bytes::from(joined)))
}

fn declared_length(headers: &http::HeaderMap) -> Option<u64> {
    headers
        .get(http::header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn body_too_large(limit: usize, declared: Option<u64>) -> TransportError {
    let message = match declared {
        Some(length) => {
            format!("response body of {length} bytes exceeds the {limit}-byte limit")
        }
        None => format!("response body exceeds the {limit}-byte limit"),
    };
    TransportError::new(TransportErrorKind::BodyTooLarge, message)
}

fn classify_send_error(error: hyper_util::client::legacy::Error) -> TransportError {
    if error.is_connect() {
        if has_timed_out(&error) {
            TransportError::timeout("connecting timed out").with_source(error)
        } else {
            TransportError::connect("could not connect").with_source(error)
        }
    } else if has_timed_out(&error) {
        TransportError::timeout("the connection timed out").with_source(error)
    } else {
        TransportError::io("the request failed").with_source(error)
    }
}

/// The finer kind of a failure, read from the causes the transport attached: io errors'
/// kinds, rustls errors, hyper's connect flag. Causes this cannot read stay `Connect`/`Io`.
pub(crate) fn dispatch_kind(error: &TransportError) -> DispatchKind {
    let base = match error.kind() {
        TransportErrorKind::Connect => DispatchKind::Connect,
        TransportErrorKind::Io => DispatchKind::Io,
        TransportErrorKind::BodyTooLarge => DispatchKind::BodyTooLarge,
        _ => DispatchKind::Other,
    };
    let mut cause: Option<&(dyn StdError + 'static)> = error.source();
    while let Some(err) = cause {
        if is_tls(err) {
            return DispatchKind::Tls;
        }
        // hyper-util's connector names a failed lookup only in its message.
        if err.to_string() == "dns error" {
            return DispatchKind::Dns;
        }
        if let Some(kind) = err
            .downcast_ref::<std::io::Error>()
            .and_then(io_dispatch_kind)
        {
            return kind;
        }
        if let Some(hyper_error) = err.downcast_ref::<hyper::Error>() {
            if hyper_error.is_incomplete_message() {
                return DispatchKind::ConnectionReset;
            }
        }
        cause = err.source();
    }
    base
}

/// What an io error says, looking inside the io errors it wraps (hyper-rustls wraps
/// tokio-rustls's, which wraps the rustls error) since `io::Error::source` skips them.
fn io_dispatch_kind(io: &std::io::Error) -> Option<DispatchKind> {
    let mut current = io;
    loop {
        match current.kind() {
            std::io::ErrorKind::ConnectionRefused => return Some(DispatchKind::ConnectionRefused),
            std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::BrokenPipe
            | std::io::ErrorKind::UnexpectedEof => return Some(DispatchKind::ConnectionReset),
            _ => {}
        }
        let inner: &(dyn StdError + 'static) = current.get_ref()?;
        if is_tls(inner) {
            return Some(DispatchKind::Tls);
        }
        current = inner.downcast_ref::<std::io::Error>()?;
    }
}

fn is_tls(error: &(dyn StdError + 'static)) -> bool {
    error.downcast_ref::<rustls::Error>().is_some()
}

/// True when the transport's causes say the connection was never made.
pub(crate) fn failed_to_connect(error: &TransportError) -> bool {
    let mut cause: Option<&(dyn StdError + 'static)> = error.source();
    while let Some(err) = cause {
        if let Some(client_error) = err.downcast_ref::<hyper_util::client::legacy::Error>() {
            return client_error.is_connect();
        }
        cause = err.source();
    }
    error.kind() == TransportErrorKind::Connect
}

fn has_timed_out(error: &(dyn StdError + 'static)) -> bool {
    let mut cause: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(err) = cause {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return true;
            }
        }
        if let Some(hyper_error) = err.downcast_ref::<hyper::Error>() {
            if hyper_error.is_timeout() {
                return true;
            }
        }
        cause = err.source();
    }
    false
}
