//! What a generated operation hands the runtime: the narrow seam between them.
use super::error::ErrorMetadata;

/// Facts about the service, taken from the model at generation time.
#[derive(Debug, Clone, Copy)]
pub struct ServiceSpec {
    /// The service shape's name, the prefix of every `X-Amz-Target` (`AWSCognitoIdentityProviderService`).
    pub name: &'static str,
    /// The model's `sdkId` (`Cognito Identity Provider`); names the `AWS_ENDPOINT_URL_<SDK_ID>` variable.
    pub sdk_id: &'static str,
    /// `application/x-amz-json-1.1` or `application/x-amz-json-1.0`.
    #[allow(dead_code)] // awsJson only
    pub content_type: &'static str,
    /// The `aws.auth#sigv4` signing name, when the service signs.
    pub signing_name: Option<&'static str>,
    /// The `smithy.rules#endpointRuleSet` trait as JSON text, when the model has one.
    pub endpoint_rules: Option<&'static str>,
    /// `partitions.json` as JSON text, backing the rules function `aws.partition`.
    pub partitions: &'static str,
    /// The crate's version, for the User-Agent.
    pub crate_version: &'static str,
    /// `aws.protocols#awsQueryCompatible`: send `x-amzn-query-mode: true` and take error codes
    /// from the `x-amzn-query-error` header.
    pub query_compatible: bool,
}

/// Facts about one operation.
#[derive(Debug, Clone, Copy)]
pub struct OperationSpec {
    /// The operation's shape name (`ConfirmForgotPassword`).
    pub name: &'static str,
    /// The `X-Amz-Target` header value (`AWSCognitoIdentityProviderService.ConfirmForgotPassword`).
    #[allow(dead_code)] // awsJson only
    pub target: &'static str,
    /// False for operations whose effective auth is `@auth([])`: sent unsigned, no credentials needed.
    pub signed: bool,
    /// The `@endpoint` trait's `hostPrefix` (`foo.{label}.`): put before the endpoint's host,
    /// each `{label}` filled from the input's `@hostLabel` member of that name.
    pub host_prefix: Option<&'static str>,
    /// True when `@requestCompression` lists gzip: bodies of at least the configured minimum
    /// size are sent gzipped (with the `request-compression` feature).
    pub request_compression: bool,
}

/// HTTP facts about a successful response, reachable from every generated output.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ResponseMetadata {
    /// HTTP status code.
    pub status: u16,
    /// The `x-amzn-requestid` header.
    pub request_id: Option<String>,
    /// The response headers, as the transport gave them (moved, not copied).
    pub headers: http::HeaderMap,
}

impl ResponseMetadata {
    /// The response headers.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }
}

// Header values may hold secrets: Debug shows their names only.
impl std::fmt::Debug for ResponseMetadata {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseMetadata")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("headers", &super::error::HeaderNames(&self.headers))
            .finish()
    }
}

/// Implemented by every generated output struct.
pub trait OperationOutput {
    /// Called by the runtime after parsing, so the output can answer `http_status()` and `request_id()`.
    fn set_metadata(&mut self, metadata: ResponseMetadata);
}

/// Implemented by every generated per-operation error enum.
pub trait OperationError: std::error::Error + Sized {
    /// Builds the error from a non-2xx response. `metadata.code` is already normalised (no
    /// namespace, nothing from `:`); `metadata.body`, the raw response body, is parsed for the
    /// modeled members. Never fails: a body that does not fit the modeled error gives the
    /// unmodeled variant.
    fn from_response(metadata: ErrorMetadata) -> Self;
    /// Code, message, status and request id, whatever the variant.
    fn metadata(&self) -> &ErrorMetadata;
    /// True for errors the model marks `@retryable`.
    fn is_retryable(&self) -> bool;
}
