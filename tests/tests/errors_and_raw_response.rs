//! The generated client's errors as chain printers show them, and the raw response (headers,
//! body) on outputs and errors, against a scripted loopback server.
use cognito_identity_provider::operation::confirm_forgot_password::{
    ConfirmForgotPasswordError, ConfirmForgotPasswordInput,
};
use cognito_identity_provider::operation::forgot_password::ForgotPasswordInput;
use cognito_identity_provider::transport::{HttpTransport, HyperTransport, SendFuture};
// The client's own `http` and `bytes`: a transport wrapper needs no versions of its own.
use cognito_identity_provider::{bytes, http};
use cognito_identity_provider::{Client, Config, Error};
use std::error::Error as StdError;
use std::time::Duration;
use stub_server::{Reply, StubServer};

const EXPIRED_BODY: &str = r#"{"__type":"ExpiredCodeException","message":"Invalid code provided, please request a code again."}"#;

fn client_for(url: &str, max_attempts: u32) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .max_attempts(max_attempts)
            .attempt_timeout(Duration::from_secs(5))
            .build(),
    )
}

fn confirm() -> ConfirmForgotPasswordInput {
    ConfirmForgotPasswordInput::new("client", "alice", "123456", "N3w-Passw0rd!")
}

/// What `anyhow`'s `{:#}` prints, written out: every level of the chain joined by ": ".
fn alternate(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(err) = cause {
        text.push_str(": ");
        text.push_str(&err.to_string());
        cause = err.source();
    }
    text
}

#[tokio::test]
async fn a_modeled_error_prints_its_code_and_message_once() {
    let server = StubServer::start(vec![
        Reply::json(400, EXPIRED_BODY).header("x-amzn-requestid", "req-expired")
    ])
    .await;
    let error = client_for(&server.url(), 1)
        .confirm_forgot_password(confirm())
        .await
        .expect_err("an expired code is refused");
    assert_eq!(
        alternate(&error),
        "service error: ExpiredCodeException: Invalid code provided, please request a code \
         again. (HTTP 400, request id req-expired)"
    );
    // The operation's enum is transparent: its text is the modeled error's, said once.
    let service = error.as_service_error().expect("a service error");
    assert!(matches!(
        service,
        ConfirmForgotPasswordError::ExpiredCodeException(_)
    ));
    assert_eq!(
        alternate(service).matches("ExpiredCodeException").count(),
        1
    );
    assert_eq!(service.code(), Some("ExpiredCodeException"));
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn an_error_without_a_code_has_no_code() {
    let server = StubServer::start(vec![Reply::new(502).body("<html>Bad Gateway</html>")]).await;
    let error = client_for(&server.url(), 1)
        .confirm_forgot_password(confirm())
        .await
        .expect_err("a proxy page is an error");
    assert_eq!(error.code(), None);
    let service = error.as_service_error().expect("a service error");
    assert!(service.is_unhandled());
    assert_eq!(service.code(), None);
    assert_eq!(service.raw_body(), b"<html>Bad Gateway</html>");
}

#[tokio::test]
async fn retried_errors_say_how_many_attempts() {
    let throttled = || Reply::json(400, r#"{"__type":"TooManyRequestsException"}"#);
    let server = StubServer::start(vec![throttled(), throttled(), throttled()]).await;
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .retry_config(
                cognito_identity_provider::config::RetryConfig::standard()
                    .with_max_attempts(3)
                    .with_initial_backoff(Duration::from_millis(1))
                    .with_max_backoff(Duration::from_millis(5)),
            )
            .build(),
    );
    let error = client
        .confirm_forgot_password(confirm())
        .await
        .expect_err("throttled three times");
    assert_eq!(error.attempts(), 3);
    assert!(
        alternate(&error).starts_with("service error after 3 attempts: TooManyRequestsException"),
        "{}",
        alternate(&error)
    );
}

#[tokio::test]
async fn outputs_and_errors_show_the_response_headers_and_body() {
    let delivered = r#"{"CodeDeliveryDetails":{"DeliveryMedium":"EMAIL"}}"#;
    let server = StubServer::start(vec![
        Reply::json(200, delivered)
            .header("x-moto-forgot-password-confirmation-code", "moto-code:42")
            .header("x-amzn-requestid", "req-ok"),
        Reply::json(400, EXPIRED_BODY).header("x-amzn-requestid", "req-expired"),
    ])
    .await;
    let client = client_for(&server.url(), 1);
    let output = client
        .forgot_password(ForgotPasswordInput::new("client", "alice"))
        .await
        .expect("ForgotPassword succeeds");
    let code = output
        .headers()
        .get("x-moto-forgot-password-confirmation-code")
        .map(http::HeaderValue::as_bytes);
    assert_eq!(code, Some(&b"moto-code:42"[..]));
    assert_eq!(
        output
            .headers()
            .get("x-amzn-requestid")
            .map(|v| v.as_bytes()),
        Some(&b"req-ok"[..])
    );
    // The code is a secret: Debug names the header, never its value.
    assert!(!format!("{output:?}").contains("moto-code:42"));

    let error = client
        .confirm_forgot_password(confirm())
        .await
        .expect_err("an expired code is refused");
    assert_eq!(error.raw_body(), Some(EXPIRED_BODY.as_bytes()));
    let service = error.as_service_error().expect("a service error");
    assert_eq!(service.raw_body(), EXPIRED_BODY.as_bytes());
    assert_eq!(
        service
            .headers()
            .get("x-amzn-requestid")
            .map(|v| v.as_bytes()),
        Some(&b"req-expired"[..])
    );
}

/// A wrapper transport written against the re-exported `http` and `bytes` only.
#[derive(Debug)]
struct Tagging(HyperTransport);

impl HttpTransport for Tagging {
    fn send(&self, request: http::Request<bytes::Bytes>) -> SendFuture<'_> {
        Box::pin(async move {
            let mut response = self.0.send(request).await?;
            response
                .headers_mut()
                .insert("x-seen-by", http::HeaderValue::from_static("wrapper"));
            Ok(response)
        })
    }
}

#[tokio::test]
async fn a_transport_wrapper_needs_only_the_reexports() {
    let server = StubServer::start(vec![Reply::json(200, "{}")]).await;
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .transport(Tagging(HyperTransport::new(Duration::from_secs(5))))
            .build(),
    );
    let output = client
        .forgot_password(ForgotPasswordInput::new("client", "alice"))
        .await
        .expect("ForgotPassword succeeds");
    assert_eq!(
        output.headers().get("x-seen-by").map(|v| v.as_bytes()),
        Some(&b"wrapper"[..])
    );
}

#[tokio::test]
async fn a_refused_connection_is_typed_and_keeps_its_cause() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let error = client_for(&url, 1)
        .confirm_forgot_password(confirm())
        .await
        .expect_err("nothing listens");
    let Error::Dispatch(dispatch) = &error else {
        panic!("expected a dispatch error, got {error:?}");
    };
    assert_eq!(
        dispatch.kind(),
        cognito_identity_provider::error::DispatchKind::ConnectionRefused
    );
    assert!(
        alternate(&error).contains("Connection refused"),
        "{}",
        alternate(&error)
    );
}
