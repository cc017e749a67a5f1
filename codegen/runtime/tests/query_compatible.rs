//! `aws.protocols#awsQueryCompatible` against a loopback server: the `x-amzn-query-mode`
//! request header, and error codes from `x-amzn-query-error` (`Code;Fault`) as the AWS SDKs
//! read them, while the error variant still comes from the awsJson `__type`.
mod fake_service;

use fake_service::{DoThingError, DoThingInput, DoThingOutput, DO_THING, SERVICE};
use runtime::client::{query_error_code, Runtime};
use runtime::config::Config;
use runtime::error::Error;
use runtime::operation::{OperationError, ServiceSpec};
use runtime::retry::RetryConfig;
use stub_server::{Reply, StubServer};

static QUERY_COMPATIBLE: ServiceSpec = ServiceSpec {
    query_compatible: true,
    ..SERVICE
};

async fn call(service: &'static ServiceSpec, reply: Reply) -> (StubServer, DoThingError) {
    let server = StubServer::start(vec![reply]).await;
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .retry_config(RetryConfig::disabled())
        .build();
    let result: Result<DoThingOutput, Error<DoThingError>> = Runtime::new(service, config)
        .call(&DO_THING, &DoThingInput::default())
        .await;
    match result {
        Err(Error::Service(e)) => (server, e),
        other => panic!("expected a service error, got {other:?}"),
    }
}

fn not_found(query_error: Option<&str>) -> Reply {
    let reply = Reply::json(
        400,
        r#"{"__type":"com.example#NotFoundException","message":"gone","Resource":"r1"}"#,
    );
    match query_error {
        Some(value) => reply.header("x-amzn-query-error", value),
        None => reply,
    }
}

#[tokio::test]
async fn query_compatible_requests_carry_the_query_mode_header() {
    let (server, _) = call(&QUERY_COMPATIBLE, not_found(None)).await;
    let requests = server.requests();
    assert_eq!(requests[0].header("x-amzn-query-mode"), Some("true"));
}

#[tokio::test]
async fn other_services_send_no_query_mode_header() {
    let (server, _) = call(&SERVICE, not_found(None)).await;
    assert_eq!(server.requests()[0].header("x-amzn-query-mode"), None);
}

#[tokio::test]
async fn query_error_header_gives_the_code_and_type_gives_the_variant() {
    let reply = not_found(Some("AWS.SimpleQueueService.NonExistentQueue;Sender"));
    let (_, error) = call(&QUERY_COMPATIBLE, reply).await;
    match &error {
        DoThingError::NotFound { resource, .. } => assert_eq!(resource.as_deref(), Some("r1")),
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert_eq!(
        error.metadata().code(),
        Some("AWS.SimpleQueueService.NonExistentQueue")
    );
    assert_eq!(error.metadata().shape_code(), Some("NotFoundException"));
    assert_eq!(error.metadata().message.as_deref(), Some("gone"));
}

#[tokio::test]
async fn without_the_header_the_code_is_the_shape_name() {
    let (_, error) = call(&QUERY_COMPATIBLE, not_found(None)).await;
    assert_eq!(error.metadata().code(), Some("NotFoundException"));
}

#[tokio::test]
async fn other_services_ignore_the_query_error_header() {
    let (_, error) = call(&SERVICE, not_found(Some("Customized;Sender"))).await;
    assert_eq!(error.metadata().code(), Some("NotFoundException"));
}

fn headers(value: &'static str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-query-error", http::HeaderValue::from_static(value));
    headers
}

#[test]
fn query_error_code_takes_the_part_before_the_semicolon() {
    assert_eq!(
        query_error_code(&headers("Customized;Sender")),
        Some("Customized")
    );
    assert_eq!(
        query_error_code(&headers(" Throttling ; Receiver ")),
        Some("Throttling")
    );
}

#[test]
fn malformed_query_error_headers_give_no_code() {
    for value in ["", "Customized", ";Sender", " ;Sender"] {
        assert_eq!(query_error_code(&headers(value)), None, "{value:?}");
    }
    assert_eq!(query_error_code(&http::HeaderMap::new()), None);
}
