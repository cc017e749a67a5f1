//! Test doubles for users' own tests (cargo feature `test-util`): a transport that answers
//! each operation from a typed rule, through the real serializers and parsers, and keeps the
//! typed inputs it received.
use super::protocol::aws_json::json_body;
use super::transport::{HttpTransport, SendFuture};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::any::Any;
use std::sync::{Arc, Mutex, PoisonError};

/// A modeled error in wire form: its shape name and its members, message included.
#[derive(Debug, Clone)]
pub struct MockError {
    code: String,
    fields: serde_json::Value,
}

impl MockError {
    /// An error with shape name `code` and the wire-form members `fields` (a JSON object).
    pub fn new(code: impl Into<String>, fields: serde_json::Value) -> Self {
        MockError {
            code: code.into(),
            fields,
        }
    }
}

type Received = Mutex<Vec<Box<dyn Any + Send>>>;
type Answer = dyn Fn(&[u8], &Received) -> http::Response<Bytes> + Send + Sync;

/// How one operation is answered; made by the typed functions of the crate's `mock` module.
pub struct Rule {
    target: &'static str,
    answer: Box<Answer>,
}

impl Rule {
    /// Answers requests whose `X-Amz-Target` is `target`: the body is read as `I` by its real
    /// deserializer, kept, and handed to `answer`; its output is written by the real
    /// serializer (HTTP 200), its error as the service writes one (HTTP 400, `__type`).
    pub fn new<I, O>(
        target: &'static str,
        answer: impl Fn(&I) -> Result<O, MockError> + Send + Sync + 'static,
    ) -> Self
    where
        I: DeserializeOwned + Send + 'static,
        O: Serialize,
    {
        let answer = move |body: &[u8], received: &Received| {
            let input: I = match serde_json::from_slice(json_body(body)) {
                Ok(input) => input,
                Err(e) => {
                    let message = format!("the mock cannot read the {target} input: {e}");
                    return error_response(
                        "SerializationException",
                        serde_json::json!({ "message": message }),
                    );
                }
            };
            let result = answer(&input);
            lock(received).push(Box::new(input));
            match result.map(|output| serde_json::to_vec(&output)) {
                Ok(Ok(body)) => response(200, body),
                Ok(Err(e)) => error_response(
                    "InternalFailure",
                    serde_json::json!({ "message": e.to_string() }),
                ),
                Err(error) => error_response(&error.code, error.fields),
            }
        };
        Rule {
            target,
            answer: Box::new(answer),
        }
    }
}

/// Rules by operation, and the inputs received. Cloning shares both; it is itself the
/// [`HttpTransport`] to give a client.
#[derive(Clone, Default)]
pub struct Mocks {
    rules: Arc<Mutex<Vec<Rule>>>,
    received: Arc<Received>,
}

impl Mocks {
    /// No rules yet: every call is answered with a `NoMockRule` error.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a rule; the first rule for an operation answers it.
    pub fn on(self, rule: Rule) -> Self {
        lock(&self.rules).push(rule);
        self
    }

    /// The transport to give a `Config`: these mocks, shared.
    pub fn transport(&self) -> Mocks {
        self.clone()
    }

    /// Every input of type `I` received so far, in order.
    pub fn requests<I: Clone + 'static>(&self) -> Vec<I> {
        lock(&self.received)
            .iter()
            .filter_map(|input| input.downcast_ref::<I>().cloned())
            .collect()
    }
}

impl std::fmt::Debug for Mocks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rules = lock(&self.rules);
        f.debug_list()
            .entries(rules.iter().map(|rule| rule.target))
            .finish()
    }
}

impl HttpTransport for Mocks {
    fn send(&self, request: http::Request<Bytes>) -> SendFuture<'_> {
        let target = request
            .headers()
            .get("x-amz-target")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let rules = lock(&self.rules);
        let response = match rules.iter().find(|rule| rule.target == target) {
            Some(rule) => (rule.answer)(request.body(), &self.received),
            None => {
                let message = format!("no mock rule answers {target:?}");
                error_response("NoMockRule", serde_json::json!({ "message": message }))
            }
        };
        Box::pin(std::future::ready(Ok(response)))
    }
}

// A rule that panicked must not hide every later answer behind a poisoned lock.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn error_response(code: &str, fields: serde_json::Value) -> http::Response<Bytes> {
    let mut fields = match fields {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    fields.insert("__type".to_string(), code.into());
    let body = serde_json::to_vec(&fields).unwrap_or_default();
    response(400, body)
}

fn response(status: u16, body: Vec<u8>) -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::from(body));
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_REQUEST);
    response.headers_mut().insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static("mock-request-id"),
    );
    response
}
