//! Conformance runner, written next to a generated client by the conformance harness
//! (tests/conformance) from runner/main.rs. DO NOT EDIT the copy.
//!
//! Reads a plan (a JSON file named by the first argument), calls each case's operation through
//! the client's `call_json` with a transport that records the request and answers with the
//! case's scripted reply, and prints, as one JSON object keyed by case, what it saw: the
//! request as sent and the call's result. It compares nothing: the harness does.
use base64::Engine as _;
use bytes::Bytes;
use client::transport::{HttpTransport, SendFuture, TransportError};
use client::{Client, Config, Credentials};
use serde_json::{json, Map, Value};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// The token the cases expect for an `@idempotencyToken` member the input leaves unset.
const IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// Answers every request with one scripted response and keeps the requests.
#[derive(Debug)]
struct Scripted {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
    requests: Mutex<Vec<http::Request<Bytes>>>,
}

impl Scripted {
    fn new(reply: &Value) -> Scripted {
        let headers = reply["headers"]
            .as_object()
            .map(|h| {
                h.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        Scripted {
            status: reply["status"].as_u64().unwrap_or(200) as u16,
            headers,
            body: Bytes::from(reply["body"].as_str().unwrap_or_default().to_string()),
            requests: Mutex::new(Vec::new()),
        }
    }

    fn first_request(&self) -> Option<Value> {
        let requests = self.requests.lock().ok()?;
        requests.first().map(describe)
    }
}

impl HttpTransport for Scripted {
    fn send(&self, request: http::Request<Bytes>) -> SendFuture<'_> {
        if let Ok(mut requests) = self.requests.lock() {
            requests.push(request);
        }
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let response = builder
            .body(self.body.clone())
            .map_err(|e| TransportError::io(format!("scripted reply: {e}")));
        Box::pin(async move { response })
    }
}

fn describe(request: &http::Request<Bytes>) -> Value {
    let headers: Vec<Value> = request
        .headers()
        .iter()
        .map(|(name, value)| json!([name.as_str(), String::from_utf8_lossy(value.as_bytes())]))
        .collect();
    json!({
        "method": request.method().as_str(),
        "uri": request.uri().path_and_query().map_or("", |p| p.as_str()),
        "host": request.uri().authority().map(|a| a.as_str()),
        "headers": headers,
        "body_base64": base64::engine::general_purpose::STANDARD.encode(request.body()),
    })
}

async fn run_case(case: &Value) -> Value {
    let transport = Arc::new(Scripted::new(&case["reply"]));
    let config = Config::builder()
        .endpoint_url(case["endpoint"].as_str().unwrap_or_default())
        .region("us-east-1")
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "conformance-secret", None))
        .max_attempts(1)
        // Smithy's protocol tests expect this token wherever the client fills an unset
        // `@idempotencyToken` member (`RestJsonQueryIdempotencyTokenAutoFill`).
        .idempotency_token_provider(|| IDEMPOTENCY_TOKEN.to_string())
        .shared_transport(transport.clone())
        .build();
    let client = Client::new(config);
    let operation = case["operation"].as_str().unwrap_or_default();
    let result = match client.call_json(operation, case["input"].clone()).await {
        Ok(output) => json!({ "ok": output }),
        Err(error) => json!({ "error": error }),
    };
    json!({ "request": transport.first_request(), "result": result })
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: runner PLAN.json");
        return ExitCode::FAILURE;
    };
    let plan: Value = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("no Tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut results = Map::new();
    for case in plan["cases"].as_array().into_iter().flatten() {
        let key = case["key"].as_str().unwrap_or_default().to_string();
        results.insert(key, runtime.block_on(run_case(case)));
    }
    println!("{}", Value::Object(results));
    ExitCode::SUCCESS
}
