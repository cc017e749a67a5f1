//! Errors as a chain printer sees them (each level says its own part once, `source()` leads
//! on), typed causes for requests never sent or never delivered, attempts, no made-up code,
//! and the raw response (headers, body) on outputs and errors.
mod fake_service;

use fake_service::{DoThingError, DoThingInput, DoThingOutput, DO_SIGNED_THING, DO_THING, SERVICE};
use runtime::client::Runtime;
use runtime::config::{Config, ConfigBuilder};
use runtime::credentials::{CredentialsError, CredentialsFuture, ProvideCredentials};
use runtime::error::{ConstructionKind, DispatchKind, Error, TimeoutKind};
use runtime::operation::{OperationError, OperationSpec, ServiceSpec};
use runtime::retry::RetryConfig;
use std::error::Error as StdError;
use std::time::Duration;
use stub_server::{Reply, StubServer};

type CallResult = Result<DoThingOutput, Error<DoThingError>>;

fn fast_retries() -> RetryConfig {
    RetryConfig::standard()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

fn config_for(url: &str) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .endpoint_url(url)
        .retry_config(fast_retries())
}

async fn call(config: Config, op: &'static OperationSpec) -> CallResult {
    call_service(&SERVICE, config, op).await
}

async fn call_service(
    service: &'static ServiceSpec,
    config: Config,
    op: &'static OperationSpec,
) -> CallResult {
    Runtime::new(service, config)
        .call(op, &DoThingInput::default())
        .await
}

/// With endpoint rules, so that a missing region is what stops the call.
static SERVICE_WITH_RULES: ServiceSpec = ServiceSpec {
    endpoint_rules: Some("{}"),
    ..SERVICE
};

fn expect_error(result: CallResult) -> Error<DoThingError> {
    match result {
        Err(error) => error,
        Ok(output) => panic!("expected an error, got {output:?}"),
    }
}

/// The Display of every level of the chain, top first.
fn levels(error: &(dyn StdError + 'static)) -> Vec<String> {
    let mut texts = vec![error.to_string()];
    let mut cause = error.source();
    while let Some(err) = cause {
        texts.push(err.to_string());
        cause = err.source();
    }
    texts
}

/// What `anyhow`'s `{:#}` prints: every level joined by ": " (written out here, so the test
/// does not trust the runtime's own chain helper).
fn alternate(error: &(dyn StdError + 'static)) -> String {
    levels(error).join(": ")
}

/// No level says what another level says.
fn assert_said_once(error: &(dyn StdError + 'static)) {
    let texts = levels(error);
    assert!(texts.len() >= 2, "a chain of one level: {texts:?}");
    for (i, a) in texts.iter().enumerate() {
        assert!(!a.is_empty(), "empty level in {texts:?}");
        for (j, b) in texts.iter().enumerate() {
            if i != j {
                assert!(
                    !a.contains(b.as_str()),
                    "level {i} repeats level {j}: {texts:?}"
                );
            }
        }
    }
}

/// A port nothing listens on: bound, then closed.
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn a_service_error_prints_its_code_once() {
    let body = r#"{"__type":"ExpiredCodeException","message":"Invalid code provided"}"#;
    let server = StubServer::start(vec![
        Reply::json(400, body).header("x-amzn-requestid", "req-1")
    ])
    .await;
    let error = expect_error(call(config_for(&server.url()).build(), &DO_THING).await);
    assert_said_once(&error);
    assert_eq!(
        alternate(&error),
        "service error: ExpiredCodeException: Invalid code provided (HTTP 400, request id req-1)"
    );
}

#[tokio::test]
async fn every_kind_of_failure_prints_each_fact_once() {
    // Construction: no region.
    let unsent =
        expect_error(call_service(&SERVICE_WITH_RULES, Config::builder().build(), &DO_THING).await);
    assert!(matches!(unsent, Error::Construction(_)), "{unsent:?}");
    assert_said_once(&unsent);

    // Dispatch: nothing listens.
    let refused = expect_error(call(config_for(&closed_port_url()).build(), &DO_THING).await);
    assert!(matches!(refused, Error::Dispatch(_)), "{refused:?}");
    assert_said_once(&refused);

    // Timeout: the attempt timeout strikes before the reply.
    let server =
        StubServer::start(vec![Reply::json(200, "{}").delay(Duration::from_secs(5))]).await;
    let config = config_for(&server.url())
        .max_attempts(1)
        .attempt_timeout(Duration::from_millis(50))
        .build();
    let slow = expect_error(call(config, &DO_THING).await);
    match &slow {
        Error::Timeout(e) => assert_eq!(e.kind(), TimeoutKind::Attempt),
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_said_once(&slow);

    // Response: a body that is not JSON.
    let server = StubServer::start(vec![Reply::json(200, "<html>")]).await;
    let garbled = expect_error(call(config_for(&server.url()).build(), &DO_THING).await);
    assert!(matches!(garbled, Error::Response(_)), "{garbled:?}");
    assert_said_once(&garbled);
}

#[tokio::test]
async fn connection_refused_is_told_apart_and_keeps_its_io_cause() {
    let error = expect_error(
        call(
            config_for(&closed_port_url()).max_attempts(2).build(),
            &DO_THING,
        )
        .await,
    );
    let Error::Dispatch(dispatch) = &error else {
        panic!("expected a dispatch error, got {error:?}");
    };
    assert_eq!(dispatch.kind(), DispatchKind::ConnectionRefused);
    assert_eq!(error.attempts(), 2);
    let mut cause: Option<&(dyn StdError + 'static)> = Some(&error);
    let mut io_kind = None;
    while let Some(err) = cause {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        cause = err.source();
    }
    assert_eq!(io_kind, Some(std::io::ErrorKind::ConnectionRefused));
    assert!(error.to_string().contains("after 2 attempts"), "{error}");
}

#[derive(Debug)]
struct FailingProvider;

impl ProvideCredentials for FailingProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Err(CredentialsError::new(
            "the token file is unreadable",
        ))))
    }
}

#[tokio::test]
async fn construction_errors_say_which_kind() {
    let url = closed_port_url();
    let kind_of = |error: Error<DoThingError>| match error {
        Error::Construction(e) => e.kind(),
        other => panic!("expected a construction error, got {other:?}"),
    };
    let no_region = Config::builder().build();
    assert_eq!(
        kind_of(expect_error(
            call_service(&SERVICE_WITH_RULES, no_region, &DO_THING).await
        )),
        ConstructionKind::MissingRegion
    );
    let bad_region = Config::builder()
        .region("us-east-1/../x")
        .endpoint_url(&url)
        .build();
    assert_eq!(
        kind_of(expect_error(call(bad_region, &DO_THING).await)),
        ConstructionKind::InvalidRegion
    );
    let bad_endpoint = config_for("ftp://example.com").build();
    assert_eq!(
        kind_of(expect_error(call(bad_endpoint, &DO_THING).await)),
        ConstructionKind::InvalidEndpoint
    );
    let unsigned = config_for(&url).build();
    assert_eq!(
        kind_of(expect_error(call(unsigned, &DO_SIGNED_THING).await)),
        ConstructionKind::MissingCredentials
    );

    let failing = config_for(&url)
        .credentials_provider(FailingProvider)
        .build();
    let error = expect_error(call(failing, &DO_SIGNED_THING).await);
    let Error::Construction(construction) = &error else {
        panic!("expected a construction error, got {error:?}");
    };
    assert_eq!(construction.kind(), ConstructionKind::CredentialsProvider);
    let cause = construction
        .source()
        .expect("the provider's error is the source");
    assert!(cause.downcast_ref::<CredentialsError>().is_some());
    assert_said_once(&error);
    assert_eq!(error.attempts(), 0);
}

#[tokio::test]
async fn an_error_without_a_code_has_none() {
    let server = StubServer::start(vec![Reply::new(502).body("<html>Bad Gateway</html>")]).await;
    let error =
        expect_error(call(config_for(&server.url()).max_attempts(1).build(), &DO_THING).await);
    assert_eq!(error.code(), None);
    let service = error.as_service_error().expect("a service error");
    assert_eq!(service.metadata().code(), None);
    assert!(
        !alternate(&error).contains("Unknown"),
        "{}",
        alternate(&error)
    );
}

#[tokio::test]
async fn service_errors_count_their_attempts() {
    let busy = || Reply::json(503, r#"{"__type":"BusyException"}"#);
    let server = StubServer::start(vec![busy(), busy(), busy()]).await;
    let error =
        expect_error(call(config_for(&server.url()).max_attempts(3).build(), &DO_THING).await);
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.to_string(), "service error after 3 attempts");
    assert_eq!(server.request_count(), 3);

    let server = StubServer::start(vec![busy()]).await;
    let once =
        expect_error(call(config_for(&server.url()).max_attempts(1).build(), &DO_THING).await);
    assert_eq!(once.attempts(), 1);
    assert_eq!(once.to_string(), "service error");
}

#[tokio::test]
async fn outputs_and_errors_carry_the_raw_response() {
    let server = StubServer::start(vec![
        Reply::json(200, r#"{"Greeting":"hi"}"#).header("x-custom-code", "123456"),
        Reply::json(400, r#"{"__type":"NotFoundException","Resource":"r"}"#)
            .header("x-custom-code", "654321"),
    ])
    .await;
    let output = call(config_for(&server.url()).build(), &DO_THING)
        .await
        .expect("call succeeds");
    assert_eq!(
        output
            .metadata
            .headers()
            .get("x-custom-code")
            .map(|v| v.as_bytes()),
        Some(&b"123456"[..])
    );
    // Header values never show in Debug: they can be secrets.
    assert!(!format!("{:?}", output.metadata).contains("123456"));

    let error = expect_error(call(config_for(&server.url()).build(), &DO_THING).await);
    let headers = error.headers().expect("a response");
    assert_eq!(
        headers.get("x-custom-code").map(|v| v.as_bytes()),
        Some(&b"654321"[..])
    );
    assert_eq!(
        error.raw_body(),
        Some(&br#"{"__type":"NotFoundException","Resource":"r"}"#[..])
    );
    let debug = format!("{error:?}");
    assert!(
        !debug.contains("654321") && !debug.contains("Resource"),
        "{debug}"
    );
}

#[tokio::test]
async fn a_tls_failure_is_told_apart() {
    // A server that answers a TLS ClientHello with plain text.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        while let Ok((mut stream, _)) = listener.accept().await {
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
                .await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let url = format!("https://127.0.0.1:{port}");
    let error = expect_error(call(config_for(&url).max_attempts(1).build(), &DO_THING).await);
    server.abort();
    let Error::Dispatch(dispatch) = &error else {
        panic!("expected a dispatch error, got {error:?}");
    };
    assert_eq!(dispatch.kind(), DispatchKind::Tls, "{}", alternate(&error));
    assert_said_once(&error);
}

#[test]
fn errors_go_into_boxed_errors_across_threads() {
    fn boxed(error: Error<DoThingError>) -> Box<dyn StdError + Send + Sync + 'static> {
        Box::new(error)
    }
    let error = Error::Construction(runtime::error::ConstructionError::new(
        ConstructionKind::MissingRegion,
        "no region",
    ));
    assert_eq!(boxed(error).to_string(), "request not sent");
}
