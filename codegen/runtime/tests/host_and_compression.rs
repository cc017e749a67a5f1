//! `@endpoint` host prefixes, endpoints with a path, and `@requestCompression` gzip, seen
//! through an in-memory transport that keeps every request.
mod fake_service;

use fake_service::{DoThingError, DoThingInput, DoThingOutput, SERVICE};
use runtime::client::Runtime;
use runtime::config::{Config, ConfigBuilder};
use runtime::error::full_message;
use runtime::error::Error;
use runtime::operation::OperationSpec;
use runtime::transport::{HttpTransport, SendFuture, TransportError};
use std::io::Read as _;
use std::sync::{Arc, Mutex};

static WITH_LABEL: OperationSpec = OperationSpec {
    name: "WithLabel",
    target: "FakeService.WithLabel",
    signed: false,
    host_prefix: Some("foo.{label}."),
    request_compression: false,
};

static WITH_STATIC_PREFIX: OperationSpec = OperationSpec {
    name: "WithStaticPrefix",
    target: "FakeService.WithStaticPrefix",
    signed: false,
    host_prefix: Some("foo."),
    request_compression: false,
};

static COMPRESSED: OperationSpec = OperationSpec {
    name: "Compressed",
    target: "FakeService.Compressed",
    signed: false,
    host_prefix: None,
    request_compression: true,
};

static PLAIN: OperationSpec = OperationSpec {
    name: "Plain",
    target: "FakeService.Plain",
    signed: false,
    host_prefix: None,
    request_compression: false,
};

/// Answers `{}` to everything and keeps the requests.
#[derive(Debug, Default)]
struct Recorder {
    requests: Mutex<Vec<http::Request<bytes::Bytes>>>,
}

impl Recorder {
    fn take(&self) -> Vec<http::Request<bytes::Bytes>> {
        std::mem::take(&mut *self.requests.lock().expect("lock"))
    }
}

impl HttpTransport for Recorder {
    fn send(&self, request: http::Request<bytes::Bytes>) -> SendFuture<'_> {
        self.requests.lock().expect("lock").push(request);
        Box::pin(async {
            http::Response::builder()
                .status(200)
                .body(bytes::Bytes::from_static(b"{}"))
                .map_err(|e| TransportError::io(e.to_string()))
        })
    }
}

fn config(recorder: &Arc<Recorder>, endpoint: &str) -> ConfigBuilder {
    Config::builder()
        .endpoint_url(endpoint)
        .max_attempts(1)
        .shared_transport(recorder.clone())
}

async fn call(
    config: Config,
    op: &'static OperationSpec,
    input: &DoThingInput,
    labels: &[(&str, &str)],
) -> Result<DoThingOutput, Error<DoThingError>> {
    Runtime::new(&SERVICE, config)
        .call_with_host_labels(op, input, labels)
        .await
}

fn header<'a>(request: &'a http::Request<bytes::Bytes>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn a_host_prefix_goes_before_the_endpoint_host() {
    let recorder = Arc::new(Recorder::default());
    let endpoint = "https://example.com:8443";
    let input = DoThingInput::default();
    call(
        config(&recorder, endpoint).build(),
        &WITH_LABEL,
        &input,
        &[("label", "bar")],
    )
    .await
    .expect("call succeeds");
    call(
        config(&recorder, endpoint).build(),
        &WITH_STATIC_PREFIX,
        &input,
        &[],
    )
    .await
    .expect("call succeeds");
    let requests = recorder.take();
    assert_eq!(
        requests[0].uri().to_string(),
        "https://foo.bar.example.com:8443/"
    );
    assert_eq!(
        header(&requests[0], "host"),
        Some("foo.bar.example.com:8443")
    );
    assert_eq!(
        requests[1].uri().to_string(),
        "https://foo.example.com:8443/"
    );
}

#[tokio::test]
async fn an_invalid_host_label_is_a_construction_error_and_nothing_is_sent() {
    let recorder = Arc::new(Recorder::default());
    let result = call(
        config(&recorder, "https://example.com").build(),
        &WITH_LABEL,
        &DoThingInput::default(),
        &[("label", "not a label")],
    )
    .await;
    match result {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(
                message.starts_with("request not sent: WithLabel: "),
                "{message}"
            );
            assert!(message.contains("\"not a label\""), "{message}");
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
    assert!(recorder.take().is_empty());
}

#[tokio::test]
async fn an_endpoint_path_gets_the_operation_slash() {
    let recorder = Arc::new(Recorder::default());
    for endpoint in [
        "https://example.com/custom",
        "https://example.com/custom/",
        "https://example.com",
    ] {
        call(
            config(&recorder, endpoint).build(),
            &PLAIN,
            &DoThingInput::default(),
            &[],
        )
        .await
        .expect("call succeeds");
    }
    let paths: Vec<String> = recorder
        .take()
        .iter()
        .map(|r| r.uri().path().to_string())
        .collect();
    assert_eq!(paths, ["/custom/", "/custom/", "/"]);
}

fn big_input() -> DoThingInput {
    DoThingInput {
        name: Some("n".repeat(12_000)),
        count: None,
    }
}

fn gunzip(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut out)
        .expect("a gzip body");
    out
}

#[tokio::test]
async fn bodies_over_the_minimum_are_gzipped() {
    let recorder = Arc::new(Recorder::default());
    let input = big_input();
    call(
        config(&recorder, "https://example.com").build(),
        &COMPRESSED,
        &input,
        &[],
    )
    .await
    .expect("call succeeds");
    let request = &recorder.take()[0];
    assert_eq!(header(request, "content-encoding"), Some("gzip"));
    assert_eq!(
        header(request, "content-length"),
        Some(request.body().len().to_string().as_str())
    );
    let plain = gunzip(request.body());
    assert_eq!(plain, serde_json::to_vec(&input).unwrap());
}

#[tokio::test]
async fn small_bodies_disabled_compression_and_plain_operations_stay_uncompressed() {
    let recorder = Arc::new(Recorder::default());
    let small = DoThingInput {
        name: Some("small".into()),
        count: None,
    };
    let cases: [(ConfigBuilder, &'static OperationSpec, &DoThingInput); 3] = [
        (
            config(&recorder, "https://example.com"),
            &COMPRESSED,
            &small,
        ),
        (
            config(&recorder, "https://example.com").disable_request_compression(true),
            &COMPRESSED,
            &big_input(),
        ),
        (
            config(&recorder, "https://example.com"),
            &PLAIN,
            &big_input(),
        ),
    ];
    for (builder, op, input) in cases {
        call(builder.build(), op, input, &[])
            .await
            .expect("call succeeds");
        let request = &recorder.take()[0];
        assert_eq!(header(request, "content-encoding"), None, "{}", op.name);
        assert_eq!(request.body().as_ref(), serde_json::to_vec(input).unwrap());
    }
}

#[tokio::test]
async fn the_minimum_size_is_configurable() {
    let recorder = Arc::new(Recorder::default());
    let small = DoThingInput {
        name: Some("small".into()),
        count: None,
    };
    let config = config(&recorder, "https://example.com")
        .request_min_compression_size_bytes(0)
        .build();
    assert_eq!(config.request_min_compression_size_bytes(), 0);
    call(config, &COMPRESSED, &small, &[])
        .await
        .expect("call succeeds");
    let request = &recorder.take()[0];
    assert_eq!(header(request, "content-encoding"), Some("gzip"));
    assert_eq!(gunzip(request.body()), serde_json::to_vec(&small).unwrap());
    let clamped = Config::builder()
        .request_min_compression_size_bytes(u32::MAX)
        .build();
    assert_eq!(clamped.request_min_compression_size_bytes(), 10_485_760);
    assert_eq!(
        Config::default().request_min_compression_size_bytes(),
        10_240
    );
}

#[test]
fn compression_settings_come_from_the_environment() {
    let env = runtime::profile::Env::from_pairs([
        ("AWS_DISABLE_REQUEST_COMPRESSION", "true"),
        ("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "128"),
    ]);
    let config = Config::from_env_with(&env);
    assert!(config.disable_request_compression());
    assert_eq!(config.request_min_compression_size_bytes(), 128);
    assert!(config.env_problems().is_empty());
    let env =
        runtime::profile::Env::from_pairs([("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES", "10485761")]);
    let problems = Config::from_env_with(&env).env_problems().to_vec();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES"));
}
