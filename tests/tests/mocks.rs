//! The `test-util` feature's typed test doubles: each mocked call is answered through the real
//! serializers and parsers, so these tests also check the wire form against literal JSON.
// Rules return the operation's own `Result`, whose error enum carries response metadata.
#![allow(clippy::result_large_err)]
use bytes::Bytes;
use cognito_identity_provider::mock::{self, Mocks};
use cognito_identity_provider::prelude::*;
use cognito_identity_provider::transport::HttpTransport;
use cognito_identity_provider::types::error::ExpiredCodeException;
use cognito_identity_provider::types::{CodeDeliveryDetailsType, DeliveryMediumType};

fn confirm(username: &str) -> ConfirmForgotPasswordInput {
    ConfirmForgotPasswordInput::new("client-id", username, "123456", "N3w-password")
}

#[tokio::test]
async fn a_mocked_call_answers_and_keeps_the_typed_input() {
    let mocks = Mocks::new().on(mock::confirm_forgot_password(|_| {
        Ok(ConfirmForgotPasswordOutput::new())
    }));
    let output = mocks
        .client()
        .confirm_forgot_password(confirm("alice"))
        .await
        .unwrap();
    assert_eq!(output.http_status(), 200);
    let sent = mocks.requests::<ConfirmForgotPasswordInput>();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].username(), "alice");
    assert_eq!(sent[0], confirm("alice"));
}

#[tokio::test]
async fn a_mocked_modeled_error_arrives_typed_with_its_message() {
    let mocks = Mocks::new().on(mock::confirm_forgot_password(|input| {
        let message = format!("code for {} expired", input.username());
        Err(ConfirmForgotPasswordError::ExpiredCodeException(
            ExpiredCodeException::new().with_message(message),
        ))
    }));
    let error = mocks
        .client()
        .confirm_forgot_password(confirm("bob"))
        .await
        .unwrap_err();
    match error.into_service_error() {
        Some(ConfirmForgotPasswordError::ExpiredCodeException(e)) => {
            assert_eq!(e.message(), Some("code for bob expired"));
            assert_eq!(e.code(), Some("ExpiredCodeException"));
            assert_eq!(e.http_status(), 400);
        }
        other => panic!("expected ExpiredCodeException, got {other:?}"),
    }
}

fn code_sent_by_email() -> ForgotPasswordOutput {
    let details = CodeDeliveryDetailsType::new()
        .with_destination("a***@example.com")
        .with_delivery_medium(DeliveryMediumType::Email)
        .with_attribute_name("email");
    ForgotPasswordOutput::new().with_code_delivery_details(details)
}

#[tokio::test]
async fn outputs_survive_the_wire_round_trip() {
    let mocks = Mocks::new().on(mock::forgot_password(|_| Ok(code_sent_by_email())));
    let output = mocks
        .client()
        .forgot_password(ForgotPasswordInput::new("client-id", "carol"))
        .await
        .unwrap();
    let details = output.code_delivery_details().expect("details came back");
    assert_eq!(details.destination(), Some("a***@example.com"));
    assert_eq!(details.delivery_medium(), Some(&DeliveryMediumType::Email));
    assert_eq!(details.attribute_name(), Some("email"));
}

async fn send(mocks: &Mocks, target: &str, body: &str) -> (u16, serde_json::Value) {
    let request = http::Request::builder()
        .uri("https://cognito-idp.us-east-1.amazonaws.com/")
        .header("x-amz-target", target)
        .body(Bytes::from(body.to_string()))
        .unwrap();
    let response = mocks.send(request).await.unwrap();
    (
        response.status().as_u16(),
        serde_json::from_slice(response.body()).unwrap(),
    )
}

// Literal awsJson from the Cognito API reference, not from our serializers.
#[tokio::test]
async fn the_mock_speaks_the_services_wire_form() {
    let mocks = Mocks::new()
        .on(mock::forgot_password(|_| Ok(code_sent_by_email())))
        .on(mock::confirm_forgot_password(|_| {
            Err(ConfirmForgotPasswordError::ExpiredCodeException(
                ExpiredCodeException::new().with_message("expired"),
            ))
        }));
    let (status, body) = send(
        &mocks,
        "AWSCognitoIdentityProviderService.ForgotPassword",
        r#"{"ClientId":"c","Username":"dave"}"#,
    )
    .await;
    assert_eq!(status, 200);
    let expected = r#"{"CodeDeliveryDetails":{"Destination":"a***@example.com","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#;
    assert_eq!(
        body,
        serde_json::from_str::<serde_json::Value>(expected).unwrap()
    );
    assert_eq!(
        mocks.requests::<ForgotPasswordInput>()[0].username(),
        "dave"
    );

    let confirm = r#"{"ClientId":"c","Username":"eve","ConfirmationCode":"1","Password":"p"}"#;
    let (status, body) = send(
        &mocks,
        "AWSCognitoIdentityProviderService.ConfirmForgotPassword",
        confirm,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        serde_json::json!({ "__type": "ExpiredCodeException", "message": "expired" })
    );
}

#[tokio::test]
async fn unanswered_and_unreadable_requests_fail_clearly() {
    let mocks = Mocks::new().on(mock::forgot_password(|_| Ok(ForgotPasswordOutput::new())));
    let error = mocks
        .client()
        .confirm_forgot_password(confirm("frank"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("NoMockRule"));
    let message = error.as_service_error().and_then(|e| e.message());
    assert!(
        message.is_some_and(|m| m.contains("ConfirmForgotPassword")),
        "{message:?}"
    );

    let (status, body) = send(
        &mocks,
        "AWSCognitoIdentityProviderService.ForgotPassword",
        r#"{"Username":7}"#,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["__type"], "SerializationException");
    assert!(mocks.requests::<ForgotPasswordInput>().is_empty());
}
