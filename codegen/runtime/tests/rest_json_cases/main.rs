//! Every case of some restJson1 conformance operations, read from the case files
//! (`shared/conformance/next/restjson1`): each operation's input and output are hand-written
//! as the generator would declare them, the case's `params` are read into the input through its
//! document view (`structure!`, keyed by member name), encoded with `http_input!` and compared
//! with the expected request as the files' README says ("How to compare"); a response is read
//! with `http_output!` and its document view compared with the expected output.
#![allow(clippy::disallowed_names)] // the model's member names (`foo`)
use runtime::protocol::rest_json::{HttpInput, HttpOutput};
use runtime::types::DateTime;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod bodies;
mod both_ways;
mod headers;
mod uri;

use both_ways::http_both;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/next/restjson1")
}

/// The cases of `file` for operation `operation` (its shape name).
fn cases(file: &str, operation: &str) -> Vec<Value> {
    let path = cases_dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let all: Vec<Value> = serde_json::from_str(&text).expect("case file is JSON");
    let id = format!("aws.protocoltests.restjson#{operation}");
    let found: Vec<Value> = all
        .into_iter()
        .filter(|case| case["operation"] == id.as_str())
        .collect();
    assert!(!found.is_empty(), "no {operation} case in {file}");
    found
}

/// JSON values equal as the README says: numbers by value (an `f32` member read back as
/// `f64` within its precision), `"NaN"` equal to itself, objects whatever their key order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 1e-6 * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// A query as the README compares it: the items of each name, in their order.
fn query_items(query: &str) -> HashMap<&str, Vec<&str>> {
    let mut items: HashMap<&str, Vec<&str>> = HashMap::new();
    for item in query.split('&').filter(|item| !item.is_empty()) {
        let name = item.split('=').next().unwrap_or(item);
        items.entry(name).or_default().push(item);
    }
    items
}

fn check_requests<I: HttpInput + serde::de::DeserializeOwned>(operation: &str) -> usize {
    check_requests_with::<I>(operation, |_| {})
}

/// Blobs are text in the case files (their UTF-8 is the blob) and base64 in the document view.
fn text_to_base64(value: &mut Value, member: &str) {
    use base64::Engine as _;
    if let Some(Value::String(text)) = value.get_mut(member) {
        *text = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    }
}

/// [`check_requests`] with the params changed by `fix` first (blobs given as text).
fn check_requests_with<I: HttpInput + serde::de::DeserializeOwned>(
    operation: &str,
    fix: fn(&mut Value),
) -> usize {
    let cases = cases("requests.json", operation);
    for case in &cases {
        let id = case["id"].as_str().unwrap_or("?");
        let expected = &case["expected"];
        let mut params = case["params"].clone();
        fix(&mut params);
        let input: I =
            serde_json::from_value(params).unwrap_or_else(|e| panic!("{id}: params: {e}"));
        let encoded = input.encode().unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(encoded.method.as_str(), expected["method"], "{id}: method");
        let uri = expected["uri"].as_str().expect("uri");
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let (our_path, our_query) = encoded
            .path_and_query
            .split_once('?')
            .unwrap_or((&encoded.path_and_query, ""));
        assert_eq!(our_path, path, "{id}: path");
        assert_eq!(query_items(our_query), query_items(query), "{id}: query");
        for (name, value) in expected["headers"].as_object().expect("headers") {
            let ours = encoded
                .headers
                .get(name.as_str())
                .map(|v| v.to_str().unwrap());
            assert_eq!(ours, value.as_str(), "{id}: header {name}");
        }
        for name in expected["forbidHeaders"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap();
            assert!(encoded.headers.get(name).is_none(), "{id}: {name} is sent");
        }
        let body = expected["body"].as_str().unwrap_or("");
        let sent: &[u8] = encoded.body.bytes().expect("a body in memory");
        if expected["bodyIsJson"] == true {
            let ours: Value =
                serde_json::from_slice(sent).unwrap_or_else(|e| panic!("{id}: our body: {e}"));
            let theirs: Value = serde_json::from_str(body).unwrap();
            assert!(same(&ours, &theirs), "{id}: body {ours} vs {theirs}");
        } else {
            assert_eq!(sent, body.as_bytes(), "{id}: body");
        }
    }
    cases.len()
}

/// [`check_requests`] and [`check_responses`] of a type that is the operation's input and its
/// output alike: the numbers of request and response cases checked.
fn check_both<T>(operation: &str) -> (usize, usize)
where
    T: HttpInput + HttpOutput + serde::de::DeserializeOwned + serde::Serialize,
{
    (
        check_requests::<T>(operation),
        check_responses::<T>(operation),
    )
}

fn check_responses<O: HttpOutput + serde::Serialize>(operation: &str) -> usize {
    check_responses_with::<O>(operation, |_| {})
}

/// [`check_responses`] with the expected output changed by `fix` first; error cases are left
/// out (the errors are read by awsJson's code, tested with it).
fn check_responses_with<O: HttpOutput + serde::Serialize>(
    operation: &str,
    fix: fn(&mut Value),
) -> usize {
    let cases: Vec<Value> = cases("responses.json", operation)
        .into_iter()
        .filter(|case| case["expected"].get("output").is_some())
        .collect();
    for case in &cases {
        let id = case["id"].as_str().unwrap_or("?");
        let response = &case["response"];
        let mut headers = http::HeaderMap::new();
        for (name, value) in response["headers"].as_object().expect("headers") {
            headers.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                http::HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
            );
        }
        let status = response["status"].as_u64().expect("status") as u16;
        let body = response["body"].as_str().unwrap_or("");
        let output =
            O::from_http(status, &headers, body.as_bytes()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let ours = serde_json::to_value(&output).expect("document view");
        let mut expected = case["expected"]["output"].clone();
        fix(&mut expected);
        assert!(same(&ours, &expected), "{id}: {ours} vs {expected}");
    }
    cases.len()
}

#[derive(Debug, Clone, PartialEq)]
pub enum FooEnum {
    Foo,
    Baz,
    Bar,
    One,
    Zero,
    Unknown(String),
}

runtime::string_enum! {
    FooEnum;
    Foo = "Foo",
    Baz = "Baz",
    Bar = "Bar",
    One = "1",
    Zero = "0",
}
