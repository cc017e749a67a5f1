//! The call pipeline against a loopback HTTP server: exact requests, outputs, errors,
//! retries, timeouts and limits.
mod fake_service;

use fake_service::{
    cognito_service, DoThingError, DoThingInput, DoThingOutput, COGNITO_OP, DO_SIGNED_THING,
    DO_THING, SERVICE,
};
use runtime::client::Runtime;
use runtime::config::{Config, ConfigBuilder};
use runtime::credentials::{Credentials, DefaultChain};
use runtime::error::full_message;
use runtime::error::Error;
use runtime::operation::{OperationError, OperationSpec, ServiceSpec};
use runtime::profile::Env;
use runtime::retry::RetryConfig;
use runtime::sigv4::{self, AmzDate, SignableRequest};
use runtime::transport::{HttpTransport, HyperTransport, SendFuture, TransportError};
use std::future::Future;
use std::time::Duration;
use stub_server::{Body, Reply, StubServer};

type CallResult = Result<DoThingOutput, Error<DoThingError>>;

fn fast_retries() -> RetryConfig {
    RetryConfig::standard()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

fn config_for(server: &StubServer) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .retry_config(fast_retries())
}

async fn call(config: Config, op: &'static OperationSpec, input: &DoThingInput) -> CallResult {
    Runtime::new(&SERVICE, config).call(op, input).await
}

fn service_error(result: CallResult) -> DoThingError {
    match result {
        Err(Error::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

fn ok_reply() -> Reply {
    Reply::json(200, r#"{"Greeting":"hi"}"#).header("x-amzn-requestid", "req-ok")
}

#[tokio::test]
async fn unsigned_request_is_exactly_awsjson() {
    let server = StubServer::start(vec![ok_reply()]).await;
    let input = DoThingInput {
        name: Some("alice".into()),
        count: Some(3),
    };
    let output = call(config_for(&server).build(), &DO_THING, &input)
        .await
        .expect("call succeeds");
    assert_eq!(output.greeting.as_deref(), Some("hi"));
    assert_eq!(output.metadata.status, 200);
    assert_eq!(output.metadata.request_id.as_deref(), Some("req-ok"));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    assert_eq!(request.header("x-amz-target"), Some("FakeService.DoThing"));
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(request.header("host"), Some(server.host().as_str()));
    assert_eq!(request.header("content-length"), Some("26"));
    assert_eq!(request.header("user-agent"), Some("runtime/9.9.9"));
    assert_eq!(request.header("amz-sdk-request"), Some("attempt=1; max=3"));
    let invocation_id = request.header("amz-sdk-invocation-id").unwrap_or_default();
    assert!(
        is_uuid_v4(invocation_id),
        "{invocation_id:?} is not a UUID v4"
    );
    assert_eq!(request.header("authorization"), None);
    assert_eq!(request.header("x-amz-date"), None);
    assert_eq!(request.body, br#"{"Name":"alice","Count":3}"#);
}

/// Lower-case hex in 8-4-4-4-12 groups, version 4, RFC 4122 variant.
fn is_uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            14 => *b == b'4',
            19 => matches!(b, b'8' | b'9' | b'a' | b'b'),
            _ => matches!(b, b'0'..=b'9' | b'a'..=b'f'),
        })
}

#[tokio::test]
async fn empty_input_is_an_empty_object_and_empty_output_parses() {
    let server = StubServer::start(vec![Reply::new(200)]).await;
    let output = call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    .expect("call succeeds");
    assert_eq!(output.greeting, None);
    assert_eq!(output.metadata.status, 200);
    assert_eq!(output.metadata.request_id, None);
    assert_eq!(server.requests()[0].body, b"{}");
}

#[tokio::test]
async fn unknown_output_fields_are_ignored() {
    let body = r#"{"Greeting":"hi","Extra":{"deep":[1,2]},"Count":7}"#;
    let server = StubServer::start(vec![Reply::json(200, body)]).await;
    let output = call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    .expect("call succeeds");
    assert_eq!(output.count, Some(7));
}

#[tokio::test]
async fn endpoint_path_is_kept_and_the_operation_slash_joined() {
    let server = StubServer::start(vec![ok_reply()]).await;
    let config = config_for(&server)
        .endpoint_url(format!("{}/prefix/here", server.url()))
        .build();
    call(config, &DO_THING, &DoThingInput::default())
        .await
        .expect("call succeeds");
    // awsJson posts to `/` relative to the endpoint (Smithy's AwsJson10HostWithPath case).
    assert_eq!(server.requests()[0].path, "/prefix/here/");
}

#[tokio::test]
async fn error_code_comes_from_the_header_without_its_suffix() {
    let reply = Reply::json(400, r#"{"message":"no such thing","Resource":"r-1"}"#)
        .header(
            "x-amzn-errortype",
            "NotFoundException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
        )
        .header("x-amzn-requestid", "req-404");
    let server = StubServer::start(vec![reply]).await;
    let error = service_error(
        call(
            config_for(&server).build(),
            &DO_THING,
            &DoThingInput::default(),
        )
        .await,
    );
    match &error {
        DoThingError::NotFound { resource, metadata } => {
            assert_eq!(resource.as_deref(), Some("r-1"));
            assert_eq!(metadata.code(), Some("NotFoundException"));
            assert_eq!(metadata.message.as_deref(), Some("no such thing"));
            assert_eq!(metadata.status, 400);
            assert_eq!(metadata.request_id.as_deref(), Some("req-404"));
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert_eq!(server.request_count(), 1, "a 400 is not retried");
}

#[tokio::test]
async fn error_code_comes_from_type_without_namespace_and_message_capitalised() {
    let reply = Reply::json(
        400,
        r#"{"__type":"com.amazonaws.fake#NotFoundException","Message":"Gone."}"#,
    );
    let server = StubServer::start(vec![reply]).await;
    let error = service_error(
        call(
            config_for(&server).build(),
            &DO_THING,
            &DoThingInput::default(),
        )
        .await,
    );
    assert!(matches!(error, DoThingError::NotFound { .. }), "{error:?}");
    assert_eq!(error.metadata().code(), Some("NotFoundException"));
    assert_eq!(error.metadata().message.as_deref(), Some("Gone."));
}

#[tokio::test]
async fn error_code_comes_from_code_member() {
    let reply = Reply::json(400, r#"{"code":"SomethingOdd","message":"odd"}"#)
        .header("x-amzn-requestid", "req-odd");
    let server = StubServer::start(vec![reply]).await;
    let result = call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await;
    let Err(error) = result else {
        panic!("expected an error")
    };
    assert_eq!(error.code(), Some("SomethingOdd"));
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.request_id(), Some("req-odd"));
    assert!(matches!(error, Error::Service(DoThingError::Unhandled(_))));
    let text = full_message(&error);
    assert!(
        text.contains("SomethingOdd") && text.contains("odd") && text.contains("req-odd"),
        "{text}"
    );
}

#[tokio::test]
async fn error_without_any_code_still_names_status_and_request_id() {
    let reply = Reply::new(502)
        .header("content-type", "text/html")
        .header("x-amzn-requestid", "req-502")
        .body("<html><body>Bad Gateway</body></html>");
    let server = StubServer::start(vec![reply]).await;
    let config = config_for(&server).max_attempts(1).build();
    let error = service_error(call(config, &DO_THING, &DoThingInput::default()).await);
    let metadata = error.metadata();
    // No code in the response: none is made up.
    assert_eq!(metadata.code(), None);
    assert_eq!(metadata.status, 502);
    assert_eq!(metadata.request_id.as_deref(), Some("req-502"));
    let text = error.to_string();
    assert!(text.contains("502") && text.contains("req-502"), "{text}");
}

#[tokio::test]
async fn json_content_type_on_errors_is_accepted() {
    let reply = Reply::new(400)
        .header("content-type", "application/json")
        .body(r#"{"__type":"NotFoundException","message":"x"}"#);
    let server = StubServer::start(vec![reply]).await;
    let error = service_error(
        call(
            config_for(&server).build(),
            &DO_THING,
            &DoThingInput::default(),
        )
        .await,
    );
    assert!(matches!(error, DoThingError::NotFound { .. }), "{error:?}");
}

#[tokio::test]
async fn server_errors_are_retried_until_success() {
    let server = StubServer::start(vec![
        Reply::json(500, r#"{"__type":"InternalErrorException"}"#),
        Reply::new(503),
        ok_reply(),
    ])
    .await;
    let output = call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    .expect("third attempt succeeds");
    assert_eq!(output.greeting.as_deref(), Some("hi"));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let attempts: Vec<_> = requests
        .iter()
        .map(|r| r.header("amz-sdk-request").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        attempts,
        ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]
    );
    let ids: Vec<_> = requests
        .iter()
        .map(|r| r.header("amz-sdk-invocation-id"))
        .collect();
    assert!(
        ids.iter().all(|id| id.is_some() && *id == ids[0]),
        "{ids:?}"
    );
    assert!(requests.iter().all(|r| r.body == b"{}"));
}

#[tokio::test]
async fn throttling_is_retried() {
    let throttled = Reply::json(
        400,
        r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
    );
    let limit = Reply::json(400, r#"{"__type":"TooManyRequestsException"}"#);
    let server = StubServer::start(vec![throttled, limit, ok_reply()]).await;
    call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    .expect("third attempt succeeds");
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn modeled_retryable_errors_are_retried() {
    let busy = Reply::json(409, r#"{"__type":"BusyException"}"#);
    let server = StubServer::start(vec![busy, ok_reply()]).await;
    call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    .expect("second attempt succeeds");
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn validation_errors_are_not_retried() {
    let invalid = Reply::json(
        400,
        r#"{"__type":"InvalidParameterException","message":"bad"}"#,
    );
    let server = StubServer::start(vec![invalid, ok_reply()]).await;
    let error = service_error(
        call(
            config_for(&server).build(),
            &DO_THING,
            &DoThingInput::default(),
        )
        .await,
    );
    assert_eq!(error.metadata().code(), Some("InvalidParameterException"));
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn max_attempts_is_honoured() {
    let replies = (0..5).map(|_| Reply::new(503)).collect();
    let server = StubServer::start(replies).await;
    let config = config_for(&server).max_attempts(2).build();
    let error = service_error(call(config, &DO_THING, &DoThingInput::default()).await);
    assert_eq!(error.metadata().status, 503);
    assert_eq!(server.request_count(), 2);

    let server = StubServer::start((0..5).map(|_| Reply::new(500)).collect()).await;
    let config = config_for(&server).max_attempts(1).build();
    service_error(call(config, &DO_THING, &DoThingInput::default()).await);
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn a_slow_attempt_times_out_and_is_retried() {
    let slow = ok_reply().delay(Duration::from_secs(5));
    let server = StubServer::start(vec![slow, ok_reply()]).await;
    let config = config_for(&server)
        .attempt_timeout(Duration::from_millis(300))
        .build();
    let started = std::time::Instant::now();
    call(config, &DO_THING, &DoThingInput::default())
        .await
        .expect("second attempt succeeds");
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn attempt_timeouts_end_in_a_timeout_error() {
    let replies = (0..3)
        .map(|_| ok_reply().delay(Duration::from_secs(5)))
        .collect();
    let server = StubServer::start(replies).await;
    let config = config_for(&server)
        .attempt_timeout(Duration::from_millis(200))
        .max_attempts(2)
        .build();
    match call(config, &DO_THING, &DoThingInput::default()).await {
        Err(error @ Error::Timeout(_)) => {
            let message = full_message(&error);
            assert!(message.contains("2 attempts"), "{message}")
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn the_operation_timeout_covers_all_attempts() {
    let replies = (0..3)
        .map(|_| ok_reply().delay(Duration::from_secs(5)))
        .collect();
    let server = StubServer::start(replies).await;
    let config = config_for(&server)
        .operation_timeout(Duration::from_millis(300))
        .build();
    let started = std::time::Instant::now();
    match call(config, &DO_THING, &DoThingInput::default()).await {
        Err(error @ Error::Timeout(_)) => {
            let message = full_message(&error);
            assert!(message.contains("operation timeout"), "{message}")
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_garbage_success_body_is_a_response_error() {
    let reply = Reply::json(200, "<<not json>>").header("x-amzn-requestid", "req-garbage");
    let server = StubServer::start(vec![reply]).await;
    match call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    {
        Err(Error::Response(error)) => {
            assert_eq!(error.status, 200);
            assert_eq!(error.request_id.as_deref(), Some("req-garbage"));
            assert!(error.message.contains("DoThing"), "{}", error.message);
        }
        other => panic!("expected a response error, got {other:?}"),
    }
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn a_mistyped_success_body_does_not_echo_values() {
    let reply = Reply::json(200, r#"{"Count":"hunter2-secret"}"#);
    let server = StubServer::start(vec![reply]).await;
    match call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    {
        Err(error @ Error::Response(_)) => {
            let text = full_message(&error);
            assert!(!text.contains("hunter2"), "{text}");
            assert!(text.contains("invalid type"), "{text}");
        }
        other => panic!("expected a response error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_endless_body_is_cut_off() {
    let endless = Reply::new(200).with_body(Body::Chunked {
        total: 4 * 1024 * 1024,
    });
    let server = StubServer::start(vec![endless]).await;
    let transport = HyperTransport::new(Duration::from_secs(1)).with_max_body_size(64 * 1024);
    let config = config_for(&server).transport(transport).build();
    match call(config, &DO_THING, &DoThingInput::default()).await {
        Err(error @ Error::Dispatch(_)) => {
            let message = full_message(&error);
            assert!(message.contains("65536-byte limit"), "{message}")
        }
        other => panic!("expected a dispatch error, got {other:?}"),
    }
    assert_eq!(
        server.request_count(),
        1,
        "an oversized body is not retried"
    );
}

#[tokio::test]
async fn a_huge_declared_length_is_refused_before_reading() {
    let lying = Reply::new(200).with_body(Body::Lying {
        declared: 1 << 40,
        sent: 10,
    });
    let server = StubServer::start(vec![lying]).await;
    match call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    {
        Err(error @ Error::Dispatch(_)) => {
            let message = full_message(&error);
            assert!(message.contains("1099511627776 bytes"), "{message}");
            assert!(message.contains("33554432-byte limit"), "{message}");
        }
        other => panic!("expected a dispatch error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_default_limit_stops_a_body_over_32_mib() {
    let endless = Reply::new(200).with_body(Body::Chunked {
        total: 33 * 1024 * 1024,
    });
    let server = StubServer::start(vec![endless]).await;
    match call(
        config_for(&server).build(),
        &DO_THING,
        &DoThingInput::default(),
    )
    .await
    {
        Err(error @ Error::Dispatch(_)) => {
            let message = full_message(&error);
            assert!(message.contains("limit"), "{message}")
        }
        other => panic!("expected a dispatch error, got {other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_retried_then_a_dispatch_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .retry_config(fast_retries())
        .build();
    match call(config, &DO_THING, &DoThingInput::default()).await {
        Err(error @ Error::Dispatch(_)) => {
            let message = full_message(&error);
            assert!(message.contains("connect"), "{message}");
            assert!(message.contains("3 attempts"), "{message}");
        }
        other => panic!("expected a dispatch error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_retry_quota_runs_out() {
    // 500 tokens, 5 per retry, 2 retries per failing call: 50 calls drain it.
    let replies = (0..160).map(|_| Reply::new(500)).collect();
    let server = StubServer::start(replies).await;
    let runtime = Runtime::new(&SERVICE, config_for(&server).build());
    for _ in 0..50 {
        let result: CallResult = runtime.call(&DO_THING, &DoThingInput::default()).await;
        service_error(result);
    }
    assert_eq!(server.request_count(), 150);
    let result: CallResult = runtime.call(&DO_THING, &DoThingInput::default()).await;
    service_error(result);
    assert_eq!(
        server.request_count(),
        151,
        "no retry once the quota is spent"
    );
}

#[tokio::test]
async fn missing_credentials_are_named_before_sending() {
    let server = StubServer::start(vec![ok_reply()]).await;
    match call(
        config_for(&server).build(),
        &DO_SIGNED_THING,
        &DoThingInput::default(),
    )
    .await
    {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("credentials"), "{message}");
            assert!(message.contains("AWS_ACCESS_KEY_ID"), "{message}");
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
    assert_eq!(server.request_count(), 0);
}

static SERVICE_WITH_RULES: ServiceSpec = ServiceSpec {
    endpoint_rules: Some("{}"),
    ..SERVICE
};

#[tokio::test]
async fn missing_region_is_named() {
    let runtime = Runtime::new(&SERVICE_WITH_RULES, Config::builder().build());
    let result: CallResult = runtime.call(&DO_THING, &DoThingInput::default()).await;
    match result {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("AWS_REGION"), "{message}");
            assert!(message.contains("Config::builder().region"), "{message}");
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
}

#[tokio::test]
async fn signing_without_a_region_is_refused() {
    let server = StubServer::start(vec![ok_reply()]).await;
    let config = Config::builder().endpoint_url(server.url()).build();
    match call(config, &DO_SIGNED_THING, &DoThingInput::default()).await {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("AWS_REGION"), "{message}")
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
    assert_eq!(server.request_count(), 0);
}

#[tokio::test]
async fn unsigned_calls_need_no_region_with_an_endpoint() {
    let server = StubServer::start(vec![ok_reply()]).await;
    let config = Config::builder().endpoint_url(server.url()).build();
    call(config, &DO_THING, &DoThingInput::default())
        .await
        .expect("call succeeds");
}

#[tokio::test]
async fn a_service_without_rules_needs_an_endpoint() {
    let config = Config::builder().region("us-east-1").build();
    match call(config, &DO_THING, &DoThingInput::default()).await {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("endpoint_url"), "{message}")
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_bad_endpoint_url_is_a_construction_error() {
    for url in ["not a url", "ftp://example.com", "/just/a/path"] {
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .build();
        match call(config, &DO_THING, &DoThingInput::default()).await {
            Err(error @ Error::Construction(_)) => {
                let message = full_message(&error);
                assert!(message.contains("endpoint URL"), "{message}")
            }
            other => panic!("expected a construction error for {url:?}, got {other:?}"),
        }
    }
}

fn static_credentials(token: Option<&str>) -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        token.map(str::to_string),
    )
}

/// Recomputes the signature from what the server received, as AWS would.
fn assert_signature_verifies(request: &stub_server::Recorded, secret: &str, scope: (&str, &str)) {
    let authorization = request.header("authorization").expect("signed");
    let (region, service) = scope;
    let signed_headers = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("SignedHeaders");
    let date = AmzDate::parse(request.header("x-amz-date").expect("x-amz-date")).expect("date");
    let mut signable = SignableRequest::new(&request.method, &request.path, "", &request.body);
    for name in signed_headers.split(';') {
        let value = request
            .header(name)
            .unwrap_or_else(|| panic!("{name} was sent"));
        signable.add_header(name, value.as_bytes());
    }
    let string_to_sign =
        sigv4::string_to_sign(&date, region, service, &signable.canonical_request());
    let expected = sigv4::signature(secret, &date, region, service, &string_to_sign);
    assert!(
        authorization.ends_with(&format!("Signature={expected}")),
        "{authorization} does not verify"
    );
}

#[tokio::test]
async fn signed_requests_carry_a_verifiable_signature() {
    let server = StubServer::start(vec![ok_reply()]).await;
    let config = config_for(&server)
        .credentials_provider(static_credentials(Some("session-token-value")))
        .build();
    call(config, &DO_SIGNED_THING, &DoThingInput::default())
        .await
        .expect("call succeeds");
    let request = &server.requests()[0];
    let authorization = request.header("authorization").expect("signed");
    let date = request.header("x-amz-date").expect("x-amz-date");
    let prefix = format!(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{}/us-east-1/fakesvc/aws4_request, SignedHeaders=",
        &date[..8]
    );
    assert!(authorization.starts_with(&prefix), "{authorization}");
    for header in [
        "host",
        "x-amz-date",
        "x-amz-target",
        "content-type",
        "x-amz-security-token",
    ] {
        assert!(
            authorization.contains(header),
            "{header} not signed: {authorization}"
        );
    }
    assert_eq!(
        request.header("x-amz-security-token"),
        Some("session-token-value")
    );
    assert_eq!(
        request.header("x-amz-target"),
        Some("FakeService.DoSignedThing")
    );
    assert_signature_verifies(
        request,
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ("us-east-1", "fakesvc"),
    );
}

#[tokio::test]
async fn every_attempt_is_signed_again() {
    let server = StubServer::start(vec![Reply::new(503), ok_reply()]).await;
    let config = config_for(&server)
        .credentials_provider(static_credentials(None))
        .build();
    call(config, &DO_SIGNED_THING, &DoThingInput::default())
        .await
        .expect("second attempt succeeds");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.header("x-amz-security-token"), None);
        assert_signature_verifies(
            request,
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            ("us-east-1", "fakesvc"),
        );
    }
}

#[tokio::test]
async fn failing_credentials_name_the_operation_and_the_cause() {
    let server = StubServer::start(vec![ok_reply()]).await;
    let empty_env = Env::from_pairs([("HOME", "/nonexistent-home-for-test")]);
    let config = config_for(&server)
        .credentials_provider(DefaultChain::with_env(empty_env))
        .build();
    match call(config, &DO_SIGNED_THING, &DoThingInput::default()).await {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("DoSignedThing"), "{message}");
            assert!(message.contains("AWS_ACCESS_KEY_ID"), "{message}");
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
    assert_eq!(server.request_count(), 0);
}

#[test]
fn config_debug_shows_no_secrets() {
    let config = Config::builder()
        .region("eu-west-1")
        .credentials_provider(static_credentials(Some("the-session-token")))
        .build();
    let text = format!("{config:?}");
    assert!(!text.contains("wJalrXUtnFEMI"), "{text}");
    assert!(!text.contains("the-session-token"), "{text}");
    assert!(text.contains("eu-west-1"), "{text}");
    let runtime = Runtime::new(&SERVICE, config);
    let text = format!("{runtime:?}");
    assert!(
        !text.contains("wJalrXUtnFEMI") && !text.contains("the-session-token"),
        "{text}"
    );
}

#[tokio::test]
async fn endpoint_rules_pass_an_endpoint_url_through() {
    let server = StubServer::start(vec![ok_reply()]).await;
    let config = config_for(&server)
        .region("eu-central-1")
        .credentials_provider(static_credentials(None))
        .build();
    let runtime = Runtime::new(cognito_service(), config);
    let _: DoThingOutput = runtime
        .call::<_, _, DoThingError>(&COGNITO_OP, &DoThingInput::default())
        .await
        .expect("call succeeds");
    let request = &server.requests()[0];
    assert_eq!(
        request.header("x-amz-target"),
        Some("AWSCognitoIdentityProviderService.ListUsers")
    );
    let authorization = request.header("authorization").expect("signed");
    assert!(
        authorization.contains("/eu-central-1/cognito-idp/aws4_request"),
        "{authorization}"
    );
    assert_signature_verifies(
        request,
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        ("eu-central-1", "cognito-idp"),
    );
}

#[tokio::test]
async fn endpoint_rule_errors_are_construction_errors() {
    // The Cognito rules refuse FIPS together with a custom endpoint.
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url("http://127.0.0.1:9")
        .use_fips(true)
        .build();
    let runtime = Runtime::new(cognito_service(), config);
    let result: CallResult = runtime.call(&COGNITO_OP, &DoThingInput::default()).await;
    match result {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("Cognito Identity Provider"), "{message}");
            assert!(message.contains("FIPS"), "{message}");
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
}

#[tokio::test]
async fn endpoint_rules_need_a_region_without_an_endpoint_url() {
    let runtime = Runtime::new(cognito_service(), Config::builder().build());
    let result: CallResult = runtime.call(&COGNITO_OP, &DoThingInput::default()).await;
    match result {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("AWS_REGION"), "{message}")
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
}

#[tokio::test]
async fn from_env_reads_region_endpoint_attempts_and_credentials() {
    let server = StubServer::start(vec![Reply::new(503), Reply::new(503), ok_reply()]).await;
    let url = server.url();
    let env = Env::from_pairs([
        ("HOME", "/nonexistent-home-for-test"),
        ("AWS_REGION", "ap-southeast-2"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", url.as_str()),
        ("AWS_MAX_ATTEMPTS", "2"),
        ("AWS_ACCESS_KEY_ID", "AKIDFROMENV"),
        ("AWS_SECRET_ACCESS_KEY", "secret-from-env"),
    ]);
    let config = Config::from_env_with(&env)
        .to_builder()
        .retry_config(fast_retries().with_max_attempts(2))
        .build();
    assert_eq!(config.region(), Some("ap-southeast-2"));
    assert_eq!(
        config
            .endpoint_url_for("Cognito Identity Provider")
            .as_deref(),
        Some(url.as_str())
    );
    assert_eq!(
        config.endpoint_url_for("Other").as_deref(),
        Some("http://127.0.0.1:9")
    );
    assert_eq!(Config::from_env_with(&env).retry_config().max_attempts, 2);
    let runtime = Runtime::new(cognito_service(), config);
    let result: CallResult = runtime.call(&COGNITO_OP, &DoThingInput::default()).await;
    service_error(result);
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "AWS_MAX_ATTEMPTS honoured");
    assert!(requests[0]
        .header("authorization")
        .is_some_and(|a| a.contains("Credential=AKIDFROMENV/")));
}

#[test]
fn configured_endpoints_can_be_ignored_and_builder_wins() {
    let env = Env::from_pairs([
        ("AWS_ENDPOINT_URL", "http://from-env"),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
    ]);
    assert_eq!(Config::from_env_with(&env).endpoint_url_for("Svc"), None);
    let env = Env::from_pairs([("AWS_ENDPOINT_URL", "http://from-env")]);
    let config = Config::from_env_with(&env)
        .to_builder()
        .endpoint_url("http://explicit")
        .build();
    assert_eq!(
        config.endpoint_url_for("Svc").as_deref(),
        Some("http://explicit")
    );
}

#[tokio::test]
async fn bad_environment_values_fail_calls_with_their_name() {
    let env = Env::from_pairs([
        ("AWS_REGION", "us-east-1"),
        ("AWS_MAX_ATTEMPTS", "lots"),
        ("AWS_USE_FIPS_ENDPOINT", "yes"),
    ]);
    let config = Config::from_env_with(&env);
    assert_eq!(config.env_problems().len(), 2);
    let result = call(config, &DO_THING, &DoThingInput::default()).await;
    match result {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("AWS_MAX_ATTEMPTS"), "{message}")
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
}

#[test]
fn error_codes_are_normalised() {
    use runtime::protocol::aws_json::normalize_error_code as norm;
    assert_eq!(norm("aws.protocoltests#FooError"), "FooError");
    assert_eq!(
        norm("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
        "FooError"
    );
    assert_eq!(
        norm("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
        "FooError"
    );
    assert_eq!(norm("FooError"), "FooError");
    assert_eq!(norm(""), "");
}

#[test]
fn call_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let runtime = Runtime::new(&SERVICE, Config::builder().build());
    let input = DoThingInput::default();
    let future = runtime.call::<_, DoThingOutput, DoThingError>(&DO_THING, &input);
    assert_send(&future);
}

#[test]
fn calling_outside_tokio_is_an_error_not_a_panic() {
    let runtime = Runtime::new(&SERVICE, Config::builder().build());
    let input = DoThingInput::default();
    let mut future =
        std::pin::pin!(runtime.call::<_, DoThingOutput, DoThingError>(&DO_THING, &input));
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(Err(error @ Error::Construction(_))) => {
            let message = full_message(&error);
            assert!(message.contains("Tokio runtime"), "{message}")
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
}

/// A transport answering from memory, as users plug in their own.
#[derive(Debug, Default)]
struct CannedTransport {
    seen: std::sync::Mutex<Vec<String>>,
}

impl HttpTransport for CannedTransport {
    fn send(&self, request: http::Request<bytes::Bytes>) -> SendFuture<'_> {
        self.seen
            .lock()
            .expect("lock")
            .push(request.uri().to_string());
        Box::pin(async {
            let response = http::Response::builder()
                .status(200)
                .header("x-amzn-requestid", "canned")
                .body(bytes::Bytes::from_static(br#"{"Greeting":"canned"}"#))
                .map_err(|e| TransportError::io(e.to_string()))?;
            Ok(response)
        })
    }
}

#[tokio::test]
async fn a_custom_transport_replaces_the_network() {
    let transport = std::sync::Arc::new(CannedTransport::default());
    let config = Config::builder()
        .endpoint_url("https://example.invalid/base")
        .shared_transport(transport.clone())
        .build();
    let output = call(config, &DO_THING, &DoThingInput::default())
        .await
        .expect("call succeeds");
    assert_eq!(output.greeting.as_deref(), Some("canned"));
    assert_eq!(output.metadata.request_id.as_deref(), Some("canned"));
    assert_eq!(
        *transport.seen.lock().expect("lock"),
        ["https://example.invalid/base/"]
    );
}

#[tokio::test]
async fn framing_headers_are_sent_once() {
    let server = StubServer::start(vec![ok_reply()]).await;
    let config = config_for(&server)
        .credentials_provider(static_credentials(None))
        .build();
    call(config, &DO_SIGNED_THING, &DoThingInput::default())
        .await
        .expect("call succeeds");
    let request = &server.requests()[0];
    for name in [
        "host",
        "content-length",
        "content-type",
        "x-amz-target",
        "authorization",
    ] {
        let count = request.headers.iter().filter(|(n, _)| n == name).count();
        assert_eq!(count, 1, "{name} sent {count} times");
    }
}
