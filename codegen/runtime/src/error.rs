//! The error every generated operation returns: `Error<OperationError>`.
use std::fmt;

/// Code, message, HTTP status and request id of a service error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    /// The error code, namespace and `:` suffix stripped (`ExpiredCodeException`).
    pub code: String,
    /// The `message` (or `Message`) of the body.
    pub message: Option<String>,
    /// HTTP status code.
    pub status: u16,
    /// The `x-amzn-requestid` header.
    pub request_id: Option<String>,
}

impl fmt::Display for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        write!(f, " (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, ")")
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

impl std::error::Error for Unhandled {}

/// Why a call failed. `E` is the operation's error enum.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The service answered with an error; `E` says which.
    Service(E),
    /// The request was never sent: missing credentials or region, no endpoint, a bad argument.
    Construction(String),
    /// The request could not be delivered or its response not read (connection, TLS, I/O).
    Dispatch(String),
    /// The attempt or the whole operation ran out of time.
    Timeout(String),
    /// A response came back that could not be understood.
    Response {
        /// HTTP status code.
        status: u16,
        /// The `x-amzn-requestid` header.
        request_id: Option<String>,
        /// What was wrong with it.
        message: String,
    },
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
            Error::Response { status, .. } => Some(*status),
            _ => None,
        }
    }
    /// The request id of the response, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.metadata().request_id.as_deref(),
            Error::Response { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
    /// The service's error code, when the service answered with an error.
    pub fn code(&self) -> Option<&str> {
        self.as_service_error().map(|e| e.metadata().code.as_str())
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Service(e) => write!(f, "service error: {e}"),
            Error::Construction(m) => write!(f, "request not sent: {m}"),
            Error::Dispatch(m) => write!(f, "request failed in transit: {m}"),
            Error::Timeout(m) => write!(f, "timed out: {m}"),
            Error::Response {
                status,
                request_id,
                message,
            } => {
                write!(f, "unreadable response (HTTP {status}")?;
                if let Some(id) = request_id {
                    write!(f, ", request id {id}")?;
                }
                write!(f, "): {message}")
            }
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }
}

/// Implemented by every generated `@error` structure, so the runtime can fill in what the
/// body alone does not say.
pub trait ModeledError: serde::de::DeserializeOwned {
    /// Stores code, message, status and request id.
    fn set_metadata(&mut self, metadata: ErrorMetadata);
}

/// Parses a modeled error's members from the body (an empty body counts as `{}`).
/// A body that does not fit gives back the metadata, its message noting why, for the
/// unmodeled variant.
pub fn parse_modeled<T: ModeledError>(
    body: &[u8],
    metadata: ErrorMetadata,
) -> Result<T, Unhandled> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        body
    };
    match serde_json::from_slice::<T>(body) {
        Ok(mut error) => {
            error.set_metadata(metadata);
            Ok(error)
        }
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
