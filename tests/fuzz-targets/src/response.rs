//! Response parsing of every operation of the generated Cognito crate, success and error,
//! through the typed parsers a call uses (`dynamic::parse_response`).
use cognito_identity_provider::dynamic::{parse_response, DynamicError};
use cognito_identity_provider::Client;

/// Statuses a server might send: successes, the usual errors, and oddities.
const STATUSES: [u16; 16] = [
    200, 200, 200, 204, 299, 100, 302, 400, 400, 403, 404, 413, 429, 500, 503, 599,
];

/// Input: a byte picking the operation, a byte picking the status, a flag byte (see
/// [`error_code::split_header`](crate::error_code::split_header)), then the body.
pub fn run(data: &[u8]) {
    let [op, status, flags, rest @ ..] = data else {
        return;
    };
    let names = Client::OPERATION_NAMES;
    let operation = names[*op as usize % names.len()];
    let status = STATUSES[*status as usize % STATUSES.len()];
    let (header, body) = crate::error_code::split_header(*flags, rest);
    let mut headers = http::HeaderMap::new();
    if let Some(value) = header.and_then(|h| http::HeaderValue::from_bytes(h).ok()) {
        headers.insert("x-amzn-errortype", value);
    }
    match parse_response(operation, status, &headers, body) {
        Ok(output) => check_round_trip(operation, status, &output),
        // A response without a code (an HTML page from a proxy) is an error whose `code()` is
        // `None`: any code, even none, is fine here.
        Err(DynamicError::Service { status: got, .. }) => {
            assert!(
                !(200..300).contains(&status),
                "{operation}: an error for a {status}"
            );
            assert_eq!(got, status);
        }
        Err(DynamicError::Response { .. }) => {
            assert!(
                (200..300).contains(&status),
                "{operation}: an error body rejected"
            );
        }
        Err(other) => panic!("{operation}: unexpected {other:?}"),
    }
}

/// What an output serializes to reads back as the same output.
fn check_round_trip(operation: &str, status: u16, output: &serde_json::Value) {
    let text = serde_json::to_vec(output).expect("a JSON value serializes");
    match parse_response(operation, status, &http::HeaderMap::new(), &text) {
        Ok(again) => assert_eq!(&again, output, "{operation}: the output does not read back"),
        Err(e) => panic!("{operation}: the output {output} does not read back: {e}"),
    }
}
