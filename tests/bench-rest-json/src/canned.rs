//! The canned exchange: the request the operation must send and the stub's answer to it (the
//! stub itself is tests/bench's, `stub.rs`); and the load average reported beside each figure.
use crate::stub::Script;
use bytes::Bytes;

/// What Lambda answers to PutProvisionedConcurrencyConfig (shape from the model; values made up).
pub const BODY: &str = r#"{"RequestedProvisionedConcurrentExecutions":10,"AvailableProvisionedConcurrentExecutions":0,"AllocatedProvisionedConcurrentExecutions":0,"Status":"IN_PROGRESS","StatusReason":"bench","LastModified":"2026-12-06T01:00:00.000+0000"}"#;
pub const STATUS_REASON: &str = "bench";
const REQUEST_ID: &str = "11111111-2222-4333-8444-555555555555";
/// The path and query every request must carry (label and query encoded by the client).
const PATH_AND_QUERY: &str =
    "/2019-09-30/functions/bench-function/provisioned-concurrency?Qualifier=live";
const REQUEST_BODY: &[u8] = br#"{"ProvisionedConcurrentExecutions":10}"#;

/// The stub's answer, for the recording transport too.
pub fn answer_parts() -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::from_static(BODY.as_bytes()));
    *response.status_mut() = http::StatusCode::ACCEPTED;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    headers.insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static(REQUEST_ID),
    );
    response
}

/// The stub's script: [`answer_parts`] to every request, counting the well-formed ones.
pub const STUB: Script = Script {
    answer: answer_parts,
    matches: well_formed,
};

/// Whether a request is exactly what the operation should send: a signed PUT with the
/// expected path, query and body.
fn well_formed(parts: &http::request::Parts, body: &[u8]) -> bool {
    parts.method == http::Method::PUT
        && parts.uri.path_and_query().map(|p| p.as_str()) == Some(PATH_AND_QUERY)
        && parts.headers.contains_key(http::header::AUTHORIZATION)
        && body == REQUEST_BODY
}

/// The 1-minute load average, for the report beside each figure.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
