//! What the runtime tells `tracing`: a span per call with its outcome, an event per retry,
//! and never a body or a secret.
mod fake_service;

use fake_service::{DoThingError, DoThingInput, DoThingOutput, DO_SIGNED_THING, SERVICE};
use runtime::client::Runtime;
use runtime::config::Config;
use runtime::credentials::Credentials;
use runtime::error::Error;
use runtime::retry::RetryConfig;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use stub_server::{Reply, StubServer};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Writes every span and event, with all its fields, as one line of text.
#[derive(Default)]
struct Recorder {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: AtomicU64,
}

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl Recorder {
    fn push(&self, line: String) {
        self.lines.lock().expect("lock").push(line);
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Line(&mut line));
        self.push(line);
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = "record".to_string();
        values.record(&mut Line(&mut line));
        self.push(line);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = format!("event {}", event.metadata().level());
        event.record(&mut Line(&mut line));
        self.push(line);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[test]
fn calls_are_traced_without_bodies_or_secrets() {
    let recorder = Recorder::default();
    let lines = Arc::clone(&recorder.lines);
    tracing::subscriber::with_default(recorder, || {
        let tokio = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        tokio.block_on(async {
            let server = StubServer::start(vec![
                Reply::json(
                    503,
                    r#"{"__type":"ServiceUnavailable","message":"body-secret-1"}"#,
                ),
                Reply::json(200, r#"{"Greeting":"body-secret-2"}"#)
                    .header("x-amzn-requestid", "req-traced"),
            ])
            .await;
            let config = Config::builder()
                .region("us-east-1")
                .endpoint_url(server.url())
                .retry_config(
                    RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)),
                )
                .credentials_provider(Credentials::new(
                    "AKIDTRACE",
                    "secret-key-value",
                    Some("session-token-value".into()),
                ))
                .build();
            let input = DoThingInput {
                name: Some("input-secret".into()),
                count: None,
            };
            let result: Result<DoThingOutput, Error<DoThingError>> = Runtime::new(&SERVICE, config)
                .call(&DO_SIGNED_THING, &input)
                .await;
            result.expect("second attempt succeeds");
        });
    });
    let lines = lines.lock().expect("lock").join("\n");
    assert!(
        lines.contains("span aws_call service=\"FakeService\" operation=\"DoSignedThing\""),
        "{lines}"
    );
    assert!(lines.contains("attempt=2"), "{lines}");
    assert!(lines.contains("status=200"), "{lines}");
    assert!(lines.contains("request_id=\"req-traced\""), "{lines}");
    assert!(lines.contains("retrying"), "{lines}");
    assert!(lines.contains("ServiceUnavailable (HTTP 503)"), "{lines}");
    for secret in [
        "body-secret",
        "input-secret",
        "secret-key-value",
        "session-token-value",
    ] {
        assert!(!lines.contains(secret), "{secret} leaked:\n{lines}");
    }
}
