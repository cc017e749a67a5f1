//! The generated client against a scripted loopback server: the exact awsJson requests it
//! sends (target, content type, body, signature) and how it reads outputs, modeled errors,
//! unreadable answers and retryable failures.
use cognito_identity_provider::config::RetryConfig;
use cognito_identity_provider::operation::admin_reset_user_password::{
    AdminResetUserPasswordError, AdminResetUserPasswordInput,
};
use cognito_identity_provider::operation::confirm_forgot_password::{
    ConfirmForgotPasswordError, ConfirmForgotPasswordInput,
};
use cognito_identity_provider::operation::resend_confirmation_code::{
    ResendConfirmationCodeError, ResendConfirmationCodeInput,
};
use cognito_identity_provider::types::{
    AnalyticsMetadataType, DeliveryMediumType, UserContextDataType,
};
use cognito_identity_provider::{Client, Config, Credentials, Error};
use runtime::sigv4::{self, AmzDate, SignableRequest};
use serde_json::json;
use std::collections::HashMap;
use std::time::Duration;
use stub_server::{Recorded, Reply, StubServer};

const ACCESS_KEY_ID: &str = "AKIDWIRETEST";
const SECRET_ACCESS_KEY: &str = "wire/test/secret+key";
const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
const USER_NOT_FOUND_BODY: &str = r#"{"__type":"com.amazonaws.cognitoidentityprovider#UserNotFoundException","message":"User does not exist."}"#;
const ERROR_TYPE_URL: &str =
    "UserNotFoundException:http://internal.amazon.com/coral/com.amazonaws.cognitoidentityprovider/";

/// Retries that wait milliseconds, not seconds, so retry tests stay fast.
fn fast_retries(max_attempts: u32) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(max_attempts)
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

fn client_with_attempts(server: &StubServer, max_attempts: u32) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials_provider(Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None))
            .retry_config(fast_retries(max_attempts))
            .attempt_timeout(Duration::from_secs(5))
            .operation_timeout(Duration::from_secs(15))
            .build(),
    )
}

fn client(server: &StubServer) -> Client {
    client_with_attempts(server, 1)
}

/// Checks what every awsJson 1.1 request of `operation` must look like, and its body as JSON.
fn assert_awsjson_request(
    request: &Recorded,
    server: &StubServer,
    operation: &str,
    body: serde_json::Value,
) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/");
    let target = format!("{TARGET_PREFIX}{operation}");
    assert_eq!(request.header("x-amz-target"), Some(target.as_str()));
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    let host = server.url().trim_start_matches("http://").to_string();
    assert_eq!(request.header("host"), Some(host.as_str()));
    let length = request.body.len().to_string();
    assert_eq!(request.header("content-length"), Some(length.as_str()));
    assert_eq!(request.json(), body, "request body of {operation}");
}

fn assert_unsigned(request: &Recorded) {
    assert_eq!(
        request.header("authorization"),
        None,
        "an unsigned operation sent Authorization"
    );
    assert_eq!(
        request.header("x-amz-date"),
        None,
        "an unsigned operation sent X-Amz-Date"
    );
}

/// Checks the SigV4 header shape, then recomputes the signature from the request exactly as
/// it arrived: a header changed after signing would make them differ.
fn assert_signed(request: &Recorded) {
    let date_text = request.header("x-amz-date").expect("X-Amz-Date is sent");
    let date = AmzDate::parse(date_text).expect("X-Amz-Date is YYYYMMDDTHHMMSSZ");
    let authorization = request
        .header("authorization")
        .expect("Authorization is sent");
    let prefix = format!(
        "AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/{}/us-east-1/cognito-idp/aws4_request, SignedHeaders=",
        date.date()
    );
    let rest = authorization.strip_prefix(&prefix).unwrap_or_else(|| {
        panic!("Authorization `{authorization}` does not start with `{prefix}`")
    });
    let (signed_headers, signature) = rest
        .split_once(", Signature=")
        .unwrap_or_else(|| panic!("Authorization `{authorization}` has no Signature"));
    assert_eq!(signature.len(), 64, "signature is 64 hex digits");
    assert!(signature
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    let names: Vec<&str> = signed_headers.split(';').collect();
    for needed in ["content-type", "host", "x-amz-date", "x-amz-target"] {
        assert!(
            names.contains(&needed),
            "{needed} is not signed: {signed_headers}"
        );
    }
    assert!(!names.contains(&"authorization") && !names.contains(&"user-agent"));

    let mut signable = SignableRequest::new(&request.method, &request.path, "", &request.body);
    for name in &names {
        for value in request.header_values(name) {
            signable.add_header(name, value.as_bytes());
        }
    }
    assert_eq!(signable.signed_headers(), signed_headers);
    let string_to_sign = sigv4::string_to_sign(
        &date,
        "us-east-1",
        "cognito-idp",
        &signable.canonical_request(),
    );
    let expected = sigv4::signature(
        SECRET_ACCESS_KEY,
        &date,
        "us-east-1",
        "cognito-idp",
        &string_to_sign,
    );
    assert_eq!(
        signature, expected,
        "the signature does not match the request as received"
    );
}

fn resend_input() -> ResendConfirmationCodeInput {
    ResendConfirmationCodeInput::new("3n4b5urk1ft4fl3mg5e62d9ado", "alice")
        .with_secret_hash("c2VjcmV0LWhhc2g=")
        .with_analytics_metadata(
            AnalyticsMetadataType::new().with_analytics_endpoint_id("endpoint-1"),
        )
        .with_user_context_data(
            UserContextDataType::new()
                .with_ip_address("192.0.2.1")
                .with_encoded_data("encoded-fingerprint"),
        )
        .with_client_metadata(HashMap::from([(
            "source".to_string(),
            "wire-test".to_string(),
        )]))
}

/// Written from the model's member names, not from the generated serde attributes.
fn resend_body() -> serde_json::Value {
    json!({
        "ClientId": "3n4b5urk1ft4fl3mg5e62d9ado",
        "Username": "alice",
        "SecretHash": "c2VjcmV0LWhhc2g=",
        "AnalyticsMetadata": {"AnalyticsEndpointId": "endpoint-1"},
        "UserContextData": {"IpAddress": "192.0.2.1", "EncodedData": "encoded-fingerprint"},
        "ClientMetadata": {"source": "wire-test"}
    })
}

fn user_not_found_reply() -> Reply {
    Reply::json(400, USER_NOT_FOUND_BODY)
        .header("X-Amzn-ErrorType", ERROR_TYPE_URL)
        .header("x-amzn-requestid", "req-not-found")
}

#[tokio::test]
async fn resend_confirmation_code_request_and_output() {
    let reply = Reply::json(
        200,
        r#"{"CodeDeliveryDetails":{"Destination":"a***@e***.com","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#,
    )
    .header("x-amzn-requestid", "6f8b7a52-1d1e-4c7e-9d0a-6b1f5f0e8c11");
    let server = StubServer::start(vec![reply]).await;

    let output = client(&server)
        .resend_confirmation_code(resend_input())
        .await
        .expect("ResendConfirmationCode succeeds");

    let request = server.only_request();
    assert_awsjson_request(&request, &server, "ResendConfirmationCode", resend_body());
    assert_unsigned(&request);
    let details = output
        .code_delivery_details()
        .expect("CodeDeliveryDetails is parsed");
    assert_eq!(details.destination(), Some("a***@e***.com"));
    assert_eq!(details.delivery_medium(), Some(&DeliveryMediumType::Email));
    assert_eq!(details.attribute_name(), Some("email"));
    assert_eq!(
        output.request_id(),
        Some("6f8b7a52-1d1e-4c7e-9d0a-6b1f5f0e8c11")
    );
    assert_eq!(output.http_status(), 200);
}

#[tokio::test]
async fn resend_confirmation_code_minimal_body_has_required_members_only() {
    let server = StubServer::start(vec![Reply::json(200, "{}")]).await;
    client(&server)
        .resend_confirmation_code(ResendConfirmationCodeInput::new("client", "bob"))
        .await
        .expect("ResendConfirmationCode succeeds on an empty output");
    let body = json!({"ClientId": "client", "Username": "bob"});
    assert_awsjson_request(
        &server.only_request(),
        &server,
        "ResendConfirmationCode",
        body,
    );
}

#[tokio::test]
async fn resend_confirmation_code_modeled_error() {
    let server = StubServer::start(vec![user_not_found_reply()]).await;

    let error = client(&server)
        .resend_confirmation_code(resend_input())
        .await
        .expect_err("the stub answers an error");

    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.code(), Some("UserNotFoundException"));
    assert_eq!(error.request_id(), Some("req-not-found"));
    let Error::Service(service_error) = error else {
        panic!("expected a service error, got {error:?}");
    };
    assert!(
        service_error.is_user_not_found_exception(),
        "{service_error:?}"
    );
    assert_eq!(service_error.code(), Some("UserNotFoundException"));
    assert_eq!(service_error.message(), Some("User does not exist."));
    assert_eq!(service_error.request_id(), Some("req-not-found"));
    let ResendConfirmationCodeError::UserNotFoundException(modeled) = &service_error else {
        panic!("expected the UserNotFoundException variant, got {service_error:?}");
    };
    assert_eq!(modeled.message(), Some("User does not exist."));
    assert_eq!(modeled.http_status(), 400);
    assert_eq!(
        service_error.to_string(),
        "UserNotFoundException: User does not exist. (HTTP 400, request id req-not-found)"
    );
}

#[tokio::test]
async fn confirm_forgot_password_request_and_output() {
    let reply = Reply::json(200, "{}").header("x-amzn-requestid", "req-confirm");
    let server = StubServer::start(vec![reply]).await;
    let input = ConfirmForgotPasswordInput::new("client-1", "alice", "123456", "N3w-Passw0rd!")
        .with_secret_hash("aGFzaA==")
        .with_client_metadata(HashMap::from([("k".to_string(), "v".to_string())]));

    let output = client(&server)
        .confirm_forgot_password(input)
        .await
        .expect("ConfirmForgotPassword succeeds");

    let body = json!({
        "ClientId": "client-1",
        "Username": "alice",
        "ConfirmationCode": "123456",
        "Password": "N3w-Passw0rd!",
        "SecretHash": "aGFzaA==",
        "ClientMetadata": {"k": "v"}
    });
    let request = server.only_request();
    assert_awsjson_request(&request, &server, "ConfirmForgotPassword", body);
    assert_unsigned(&request);
    assert_eq!(output.request_id(), Some("req-confirm"));
    assert_eq!(output.http_status(), 200);
}

#[tokio::test]
async fn confirm_forgot_password_modeled_errors() {
    let expired = Reply::json(
        400,
        r#"{"__type":"ExpiredCodeException","message":"Invalid code provided, please request a code again."}"#,
    )
    .header("x-amzn-requestid", "req-expired");
    let server = StubServer::start(vec![expired, user_not_found_reply()]).await;
    let client = client(&server);
    let input = ConfirmForgotPasswordInput::new("client-1", "alice", "000000", "N3w-Passw0rd!");

    // The code comes from the body's `__type` when no X-Amzn-ErrorType header is sent.
    let error = client
        .confirm_forgot_password(input.clone())
        .await
        .expect_err("expired code");
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(error.request_id(), Some("req-expired"));
    let Some(ConfirmForgotPasswordError::ExpiredCodeException(modeled)) = error.as_service_error()
    else {
        panic!("expected ExpiredCodeException, got {error:?}");
    };
    assert_eq!(
        modeled.message(),
        Some("Invalid code provided, please request a code again.")
    );

    let error = client
        .confirm_forgot_password(input)
        .await
        .expect_err("unknown user");
    let service_error = error.as_service_error().expect("a service error");
    assert!(
        service_error.is_user_not_found_exception(),
        "{service_error:?}"
    );
    assert_eq!(service_error.message(), Some("User does not exist."));
    for request in server.requests() {
        assert_unsigned(&request);
    }
}

#[tokio::test]
async fn admin_reset_user_password_is_signed() {
    let reply = Reply::json(200, "{}").header("x-amzn-requestid", "req-reset");
    let server = StubServer::start(vec![reply]).await;
    let input = AdminResetUserPasswordInput::new("us-east-1_AbCdEf123", "alice")
        .with_client_metadata(HashMap::from([("reason".to_string(), "audit".to_string())]));

    let output = client(&server)
        .admin_reset_user_password(input)
        .await
        .expect("AdminResetUserPassword succeeds");

    let body = json!({
        "UserPoolId": "us-east-1_AbCdEf123",
        "Username": "alice",
        "ClientMetadata": {"reason": "audit"}
    });
    let request = server.only_request();
    assert_awsjson_request(&request, &server, "AdminResetUserPassword", body);
    assert_signed(&request);
    assert_eq!(output.request_id(), Some("req-reset"));
    assert_eq!(output.http_status(), 200);
}

#[tokio::test]
async fn admin_reset_user_password_modeled_error() {
    // Some services name the error in a `code` member of the body instead.
    let reply = Reply::json(
        400,
        r#"{"code":"InvalidParameterException","message":"No verified email."}"#,
    )
    .header("x-amzn-requestid", "req-invalid");
    let server = StubServer::start(vec![reply]).await;

    let error = client(&server)
        .admin_reset_user_password(AdminResetUserPasswordInput::new(
            "us-east-1_AbCdEf123",
            "alice",
        ))
        .await
        .expect_err("the stub answers an error");

    assert_signed(&server.only_request());
    assert_eq!(error.code(), Some("InvalidParameterException"));
    let Some(AdminResetUserPasswordError::InvalidParameterException(modeled)) =
        error.as_service_error()
    else {
        panic!("expected InvalidParameterException, got {error:?}");
    };
    assert_eq!(modeled.message(), Some("No verified email."));
    assert_eq!(modeled.request_id(), Some("req-invalid"));
}

#[tokio::test]
async fn garbage_success_body_is_a_response_error() {
    let reply = Reply::new(200)
        .body("<html>definitely not json")
        .header("x-amzn-requestid", "req-garbage");
    let server = StubServer::start(vec![reply]).await;

    let error = client(&server)
        .resend_confirmation_code(ResendConfirmationCodeInput::new("client", "bob"))
        .await
        .expect_err("an unreadable body is an error");

    match &error {
        Error::Response(response) => {
            let message = &response.message;
            assert_eq!(response.status, 200);
            assert_eq!(response.request_id.as_deref(), Some("req-garbage"));
            assert!(message.contains("ResendConfirmationCode"), "{message}");
            assert!(message.contains("not valid JSON"), "{message}");
        }
        other => panic!("expected Error::Response, got {other:?}"),
    }
    assert_eq!(error.http_status(), Some(200));
    let Some(cause) = std::error::Error::source(&error) else {
        panic!("the response error is the source");
    };
    assert!(cause.to_string().contains("HTTP 200"), "{cause}");
}

#[tokio::test]
async fn wrongly_typed_success_body_is_a_response_error() {
    let reply = Reply::json(200, r#"{"CodeDeliveryDetails":"not an object"}"#);
    let server = StubServer::start(vec![reply]).await;

    let error = client(&server)
        .resend_confirmation_code(ResendConfirmationCodeInput::new("client", "bob"))
        .await
        .expect_err("a body that does not fit the model is an error");

    let Error::Response(response) = &error else {
        panic!("expected Error::Response, got {error:?}");
    };
    let message = &response.message;
    assert!(message.contains("does not match the model"), "{message}");
}

#[tokio::test]
async fn server_error_is_retried_then_succeeds() {
    let failure = Reply::json(
        500,
        r#"{"__type":"InternalErrorException","message":"try again"}"#,
    )
    .header("x-amzn-requestid", "req-500");
    let success = Reply::json(200, r#"{"CodeDeliveryDetails":{"DeliveryMedium":"SMS"}}"#)
        .header("x-amzn-requestid", "req-200");
    let server = StubServer::start(vec![failure, success]).await;

    let output = client_with_attempts(&server, 3)
        .resend_confirmation_code(ResendConfirmationCodeInput::new("client", "bob"))
        .await
        .expect("the second attempt succeeds");

    assert_eq!(output.request_id(), Some("req-200"));
    let medium = output
        .code_delivery_details()
        .and_then(|d| d.delivery_medium());
    assert_eq!(medium, Some(&DeliveryMediumType::Sms));
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "one failure, one retry");
    assert_eq!(
        requests[0].header("amz-sdk-request"),
        Some("attempt=1; max=3")
    );
    assert_eq!(
        requests[1].header("amz-sdk-request"),
        Some("attempt=2; max=3")
    );
    let invocation = requests[0].header("amz-sdk-invocation-id");
    assert!(invocation.is_some());
    assert_eq!(requests[1].header("amz-sdk-invocation-id"), invocation);
    assert_eq!(requests[0].body, requests[1].body);
}

#[tokio::test]
async fn html_bad_gateway_is_an_error_with_its_status() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
    let reply = Reply::new(502)
        .body(page)
        .header("Content-Type", "text/html");
    let server = StubServer::start(vec![reply]).await;

    let error = client(&server)
        .resend_confirmation_code(ResendConfirmationCodeInput::new("client", "bob"))
        .await
        .expect_err("a 502 page is an error");

    assert_eq!(error.http_status(), Some(502));
    let service_error = error
        .as_service_error()
        .expect("a non-2xx answer is a service error");
    assert!(service_error.is_unhandled(), "{service_error:?}");
    assert_eq!(service_error.http_status(), 502);
    let message = service_error.message().unwrap_or_default();
    assert!(message.contains("502"), "{message}");
}

#[tokio::test]
async fn bad_gateway_is_retried_until_attempts_run_out() {
    let page = Reply::new(502)
        .body("<html>502 Bad Gateway</html>")
        .header("Content-Type", "text/html");
    let server = StubServer::start(vec![page.clone(), page]).await;

    let error = client_with_attempts(&server, 2)
        .resend_confirmation_code(ResendConfirmationCodeInput::new("client", "bob"))
        .await
        .expect_err("every attempt gets a 502");

    assert_eq!(error.http_status(), Some(502));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn modeled_client_error_is_not_retried() {
    let server = StubServer::start(vec![user_not_found_reply(), user_not_found_reply()]).await;

    let error = client_with_attempts(&server, 3)
        .resend_confirmation_code(ResendConfirmationCodeInput::new("client", "bob"))
        .await
        .expect_err("the stub answers an error");

    assert_eq!(error.code(), Some("UserNotFoundException"));
    assert_eq!(server.requests().len(), 1, "a 400 answer is final");
}
