//! The error every generated operation returns: `Error<OperationError>`.
//!
//! Each level of an error says only its own part and leads to the next through
//! [`std::error::Error::source`], so chain printers (`anyhow`'s `{:#}`, `eyre`, [`full_message`])
//! print every fact once: `service error: ExpiredCodeException: Invalid code (HTTP 400, ...)`.
use super::protocol::aws_json::json_body;
use super::transport::TransportError;
use bytes::Bytes;
use std::error::Error as StdError;
use std::fmt;

/// Code, message, HTTP status, request id and the raw response of a service error.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    /// The error code, namespace and `:` suffix stripped (`ExpiredCodeException`); `None` when
    /// the response carried none (an HTML page from a proxy).
    pub code: Option<String>,
    /// The `message` (or `Message`) of the body.
    pub message: Option<String>,
    /// HTTP status code.
    pub status: u16,
    /// The `x-amzn-requestid` header.
    pub request_id: Option<String>,
    /// How many attempts the call made, this response's included.
    pub attempts: u32,
    /// Boxed: every `Result` carrying an error stays small (no copy of a large error through
    /// each `?`), at one allocation per error response.
    response: Box<RawResponse>,
    /// The awsJson code naming the error shape, when a query-compatible service reported
    /// another code in `code`.
    shape_code: Option<String>,
}

/// The headers and body of a response, as the transport gave them (moved, not copied).
#[derive(Clone, Default, PartialEq, Eq)]
struct RawResponse {
    headers: http::HeaderMap,
    body: Bytes,
}

impl ErrorMetadata {
    /// The error code, when the service sent one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
    /// The code naming the modeled error shape: [`ErrorMetadata::code`], unless an
    /// awsQuery-compatible service reported its awsQuery code there.
    pub fn shape_code(&self) -> Option<&str> {
        self.shape_code.as_deref().or(self.code.as_deref())
    }
    /// Reports `query_code` (from `x-amzn-query-error`) as the code, keeping the awsJson code
    /// for choosing the modeled error, as the AWS SDKs do for awsQuery-compatible services.
    pub fn set_query_code(&mut self, query_code: &str) {
        self.shape_code = self.code.replace(query_code.to_string());
    }
    /// The response headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.response.headers
    }
    /// The response body, unparsed.
    pub fn raw_body(&self) -> &[u8] {
        &self.response.body
    }
    /// Keeps the response's headers and body (moved in, not copied).
    pub fn set_response(&mut self, headers: http::HeaderMap, body: Bytes) {
        *self.response = RawResponse { headers, body };
    }
}

impl fmt::Display for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, "{code}: {message}")?,
            (Some(code), None) => write!(f, "{code}")?,
            (None, Some(message)) => write!(f, "{message}")?,
            (None, None) => write!(f, "error response without a code")?,
        }
        write!(f, " (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, ")")
    }
}

// Header values and the body may hold secrets (moto sends confirmation codes in headers):
// Debug shows header names and the body's size only (see `RawResponse`).
impl fmt::Debug for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorMetadata")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("attempts", &self.attempts)
            .field("response", &self.response)
            .finish()
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("headers", &HeaderNames(&self.headers))
            .field("body", &format_args!("{} bytes", self.body.len()))
            .finish()
    }
}

/// Shows a header map's names, never its values.
pub(crate) struct HeaderNames<'a>(pub(crate) &'a http::HeaderMap);

impl fmt::Debug for HeaderNames<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

/// A service error the model does not list for the operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhandled {
    metadata: ErrorMetadata,
}

impl Unhandled {
    /// Wraps the metadata of an unmodeled error.
    pub fn new(metadata: ErrorMetadata) -> Self {
        Self { metadata }
    }
    /// Code, message, status and request id.
    pub fn metadata(&self) -> &ErrorMetadata {
        &self.metadata
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.metadata.fmt(f)
    }
}

impl StdError for Unhandled {}

/// Why a call failed. `E` is the operation's error enum.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The service answered with an error; `E` says which.
    Service(E),
    /// The request was never sent: missing credentials or region, no endpoint, a bad argument.
    Construction(ConstructionError),
    /// The request could not be delivered or its response not read (connection, TLS, I/O).
    Dispatch(DispatchError),
    /// The attempt or the whole operation ran out of time.
    Timeout(TimeoutError),
    /// A response came back that could not be understood.
    Response(ResponseError),
}

impl<E> Error<E> {
    /// The service error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }
    /// The service error, if the service answered with one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: super::operation::OperationError> Error<E> {
    /// The HTTP status of the response, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Service(e) => Some(e.metadata().status),
            Error::Response(e) => Some(e.status),
            _ => None,
        }
    }
    /// The request id of the response, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.metadata().request_id.as_deref(),
            Error::Response(e) => e.request_id.as_deref(),
            _ => None,
        }
    }
    /// The service's error code, when the service answered with an error that had one.
    pub fn code(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.metadata().code())
    }
    /// The headers of the response, when there was one.
    pub fn headers(&self) -> Option<&http::HeaderMap> {
        match self {
            Error::Service(e) => Some(e.metadata().headers()),
            Error::Response(e) => Some(e.headers()),
            _ => None,
        }
    }
    /// The body of the response, unparsed, when there was one.
    pub fn raw_body(&self) -> Option<&[u8]> {
        match self {
            Error::Service(e) => Some(e.metadata().raw_body()),
            Error::Response(e) => Some(e.raw_body()),
            _ => None,
        }
    }
    /// How many attempts were made: 0 when the request was never sent. After an operation
    /// timeout, the attempts started before it struck.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Service(e) => e.metadata().attempts,
            Error::Construction(_) => 0,
            Error::Dispatch(e) => e.attempts,
            Error::Timeout(e) => e.attempts,
            Error::Response(e) => e.attempts,
        }
    }
}

impl<E: super::operation::OperationError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self {
            Error::Service(_) => "service error",
            Error::Construction(_) => "request not sent",
            Error::Dispatch(_) => "request failed in transit",
            Error::Timeout(_) => "timed out",
            Error::Response(_) => "unreadable response",
        };
        f.write_str(what)?;
        match self.attempts() {
            0 | 1 => Ok(()),
            n => write!(f, " after {n} attempts"),
        }
    }
}

impl<E: super::operation::OperationError + 'static> StdError for Error<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(match self {
            Error::Service(e) => e,
            Error::Construction(e) => e,
            Error::Dispatch(e) => e,
            Error::Timeout(e) => e,
            Error::Response(e) => e,
        })
    }
}

/// `error` and its causes joined by `": "`, as `anyhow`'s `{:#}` prints them.
pub fn full_message(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(err) = cause {
        text.push_str(": ");
        text.push_str(&err.to_string());
        cause = err.source();
    }
    text
}

/// Why a request could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConstructionKind {
    /// The operation is signed and no credentials are configured.
    MissingCredentials,
    /// The credentials provider failed.
    CredentialsProvider,
    /// No region is configured.
    MissingRegion,
    /// The region is not a valid region name.
    InvalidRegion,
    /// The endpoint URL is unusable, or the endpoint rules gave none.
    InvalidEndpoint,
    /// An `@hostLabel` member is not a valid host label.
    InvalidHostLabel,
    /// An `AWS_*` environment variable or profile setting is invalid.
    Environment,
    /// The call ran outside a Tokio runtime, or one without the drivers it needs.
    Runtime,
    /// The input could not be serialized, compressed or signed.
    Request,
}

/// The request was never sent: what was missing or wrong.
#[derive(Debug)]
pub struct ConstructionError {
    kind: ConstructionKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync + 'static>>,
}

impl ConstructionError {
    /// An error of `kind` saying what was wrong.
    pub fn new(kind: ConstructionKind, message: impl Into<String>) -> Self {
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
    /// What kind of problem this is.
    pub fn kind(&self) -> ConstructionKind {
        self.kind
    }
}

impl fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConstructionError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}

/// How delivering the request or reading the response failed, as far as the transport tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DispatchKind {
    /// The host name could not be resolved.
    Dns,
    /// The server refused the connection.
    ConnectionRefused,
    /// No connection could be made for another reason.
    Connect,
    /// The TLS handshake failed (certificate, protocol).
    Tls,
    /// The connection was reset or closed by the other side.
    ConnectionReset,
    /// Another failure after the connection was made (malformed HTTP, read error).
    Io,
    /// The response body was larger than the transport accepts.
    BodyTooLarge,
    /// Anything else the transport reported.
    Other,
}

/// The request could not be delivered or its response not read.
#[derive(Debug)]
pub struct DispatchError {
    kind: DispatchKind,
    target: String,
    attempts: u32,
    source: TransportError,
}

impl DispatchError {
    /// `source` from the last of `attempts` attempts to send to `target` (`POST https://...`).
    pub fn new(source: TransportError, target: impl Into<String>, attempts: u32) -> Self {
        Self {
            kind: super::transport::dispatch_kind(&source),
            target: target.into(),
            attempts,
            source,
        }
    }
    /// What kind of failure this is.
    pub fn kind(&self) -> DispatchKind {
        self.kind
    }
    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
    /// The transport's error.
    pub fn transport_error(&self) -> &TransportError {
        &self.source
    }
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.target)
    }
}

impl StdError for DispatchError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// Which limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// Connecting took longer than the connect timeout.
    Connect,
    /// One attempt took longer than the attempt timeout.
    Attempt,
    /// The whole operation, retries included, took longer than the operation timeout.
    Operation,
    /// The response stopped arriving (stalled stream, read timeout).
    Response,
}

/// The attempt or the whole operation ran out of time.
#[derive(Debug)]
pub struct TimeoutError {
    kind: TimeoutKind,
    message: String,
    attempts: u32,
    source: Option<TransportError>,
}

impl TimeoutError {
    /// A timeout of `kind` after `attempts` attempts; `message` says which limit and where.
    pub fn new(kind: TimeoutKind, message: impl Into<String>, attempts: u32) -> Self {
        Self {
            kind,
            message: message.into(),
            attempts,
            source: None,
        }
    }
    /// Attaches the transport's error.
    pub fn with_source(mut self, source: TransportError) -> Self {
        self.source = Some(source);
        self
    }
    /// Which limit ran out.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }
    /// How many attempts were made (started, for an operation timeout).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for TimeoutError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}

/// A response came back that could not be understood.
#[derive(Debug)]
#[non_exhaustive]
pub struct ResponseError {
    /// HTTP status code.
    pub status: u16,
    /// The `x-amzn-requestid` header.
    pub request_id: Option<String>,
    /// What was wrong with it (quoted values left out: they may be secrets).
    pub message: String,
    /// How many attempts were made.
    pub attempts: u32,
    response: Box<RawResponse>,
}

impl ResponseError {
    /// A response with `status` and `request_id` that could not be read, `message` saying why.
    pub fn new(status: u16, request_id: Option<String>, message: impl Into<String>) -> Self {
        Self {
            status,
            request_id,
            message: message.into(),
            attempts: 1,
            response: Box::default(),
        }
    }
    /// Keeps the response's headers and body (moved in, not copied).
    pub fn set_response(&mut self, headers: http::HeaderMap, body: Bytes) {
        *self.response = RawResponse { headers, body };
    }
    /// The response headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.response.headers
    }
    /// The response body, unparsed.
    pub fn raw_body(&self) -> &[u8] {
        &self.response.body
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl StdError for ResponseError {}

/// Implemented by every generated `@error` structure, so the runtime can fill in what the
/// body alone does not say.
#[allow(dead_code)] // generated code uses it only for models with `@error` structures
pub trait ModeledError: serde::de::DeserializeOwned {
    /// True when the model marks the error `@retryable`: the call is retried.
    const RETRYABLE: bool = false;
    /// Stores code, message, status and request id.
    fn set_metadata(&mut self, metadata: ErrorMetadata);
    /// Reads the members bound to response headers (restJson1's `@httpHeader`); the error
    /// names the member whose header does not parse.
    fn bind_headers(&mut self, _headers: &http::HeaderMap) -> Result<(), String> {
        Ok(())
    }
}

/// Parses a modeled error's members from the response body in `metadata` (an empty body
/// counts as `{}`). A body that does not fit gives back the metadata, its message noting why,
/// for the unmodeled variant.
#[allow(dead_code)] // generated code uses it only for models with `@error` structures
pub fn parse_modeled<T: ModeledError>(metadata: ErrorMetadata) -> Result<T, Unhandled> {
    match serde_json::from_slice::<T>(json_body(metadata.raw_body())) {
        Ok(mut error) => match error.bind_headers(metadata.headers()) {
            Ok(()) => {
                error.set_metadata(metadata);
                Ok(error)
            }
            Err(e) => {
                let mut metadata = metadata;
                let note = format!("(an error header did not match the model: {e})");
                metadata.message = Some(match metadata.message.take() {
                    Some(message) => format!("{message} {note}"),
                    None => note,
                });
                Err(Unhandled::new(metadata))
            }
        },
        Err(e) => {
            let mut metadata = metadata;
            let note = format!("(the error body did not match the model: {e})");
            metadata.message = Some(match metadata.message.take() {
                Some(message) => format!("{message} {note}"),
                None => note,
            });
            Err(Unhandled::new(metadata))
        }
    }
}
