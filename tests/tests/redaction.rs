//! `Debug` output never shows the model's `@sensitive` values (passwords, usernames, client
//! ids, secret hashes, sessions, auth parameters, attribute values, tokens) nor credentials,
//! and still shows the values that are not sensitive.
use cognito_identity_provider::operation::admin_reset_user_password::AdminResetUserPasswordInput;
use cognito_identity_provider::operation::confirm_forgot_password::ConfirmForgotPasswordInput;
use cognito_identity_provider::operation::initiate_auth::{InitiateAuthInput, InitiateAuthOutput};
use cognito_identity_provider::operation::respond_to_auth_challenge::RespondToAuthChallengeInput;
use cognito_identity_provider::operation::sign_up::SignUpInput;
use cognito_identity_provider::types::{
    AnalyticsMetadataType, AttributeType, AuthFlowType, AuthenticationResultType,
    ChallengeNameType, UserContextDataType,
};
use cognito_identity_provider::{Client, Config, Credentials};
use runtime::types::REDACTED;
use std::collections::HashMap;

/// Every secret below contains this, so one search finds any leak.
const MARK: &str = "LEAK";

/// Checks both Debug forms of `value`: no `secrets`, every one of `visible`, and the marker.
fn assert_redacted(value: &impl std::fmt::Debug, secrets: &[&str], visible: &[&str]) {
    for text in [format!("{value:?}"), format!("{value:#?}")] {
        assert!(
            !text.contains(MARK),
            "a secret leaked into Debug output:\n{text}"
        );
        for secret in secrets {
            assert!(
                !text.contains(secret),
                "`{secret}` leaked into Debug output:\n{text}"
            );
        }
        for shown in visible {
            assert!(
                text.contains(shown),
                "`{shown}` is missing from Debug output:\n{text}"
            );
        }
    }
}

fn metadata(value: &str) -> HashMap<String, String> {
    HashMap::from([("purpose".to_string(), value.to_string())])
}

fn context_data() -> UserContextDataType {
    UserContextDataType::new()
        .with_ip_address("LEAK-ip-203.0.113.7")
        .with_encoded_data("LEAK-fingerprint")
}

#[test]
fn confirm_forgot_password_input() {
    let input = ConfirmForgotPasswordInput::new(
        "LEAK-client-id",
        "LEAK-alice",
        "code-123456",
        "LEAK-N3w-Passw0rd!",
    )
    .with_secret_hash("LEAK-secret-hash")
    .with_user_context_data(context_data())
    .with_analytics_metadata(AnalyticsMetadataType::new().with_analytics_endpoint_id("endpoint-42"))
    .with_client_metadata(metadata("visible-metadata"));
    assert_redacted(
        &input,
        &[
            "N3w-Passw0rd",
            "alice",
            "secret-hash",
            "client-id",
            "fingerprint",
        ],
        &[
            "ConfirmForgotPasswordInput",
            "code-123456",
            "endpoint-42",
            "visible-metadata",
            REDACTED,
        ],
    );
}

#[test]
fn admin_reset_user_password_input() {
    let input = AdminResetUserPasswordInput::new("us-east-1_PoolVisible", "LEAK-bob")
        .with_client_metadata(metadata("visible-metadata"));
    assert_redacted(
        &input,
        &["bob"],
        &["us-east-1_PoolVisible", "visible-metadata", REDACTED],
    );
}

#[test]
fn sign_up_input_with_attribute_values() {
    let input = SignUpInput::new("LEAK-client-id", "LEAK-carol")
        .with_password("LEAK-S1gn-Up-Passw0rd!")
        .with_secret_hash("LEAK-secret-hash")
        .with_user_attributes(vec![
            AttributeType::new("email").with_value("LEAK-carol@example.com"),
            AttributeType::new("phone_number").with_value("LEAK+15555550100"),
        ])
        .with_validation_data(vec![
            AttributeType::new("captcha").with_value("LEAK-captcha-token")
        ])
        .with_user_context_data(context_data())
        .with_client_metadata(metadata("visible-metadata"));
    assert_redacted(
        &input,
        &[
            "carol",
            "S1gn-Up",
            "secret-hash",
            "15555550100",
            "captcha-token",
        ],
        &[
            "SignUpInput",
            "email",
            "phone_number",
            "captcha",
            "visible-metadata",
            REDACTED,
        ],
    );
}

#[test]
fn initiate_auth_input_auth_parameters() {
    let parameters = HashMap::from([
        ("USERNAME".to_string(), "LEAK-dave".to_string()),
        ("PASSWORD".to_string(), "LEAK-Auth-Passw0rd!".to_string()),
        ("SECRET_HASH".to_string(), "LEAK-secret-hash".to_string()),
    ]);
    let input = InitiateAuthInput::new(AuthFlowType::UserPasswordAuth, "LEAK-client-id")
        .with_auth_parameters(parameters)
        .with_session("LEAK-sess-val")
        .with_client_metadata(metadata("visible-metadata"));
    assert_redacted(
        &input,
        &[
            "dave",
            "Auth-Passw0rd",
            "secret-hash",
            "sess-val",
            "client-id",
        ],
        &[
            "InitiateAuthInput",
            "UserPasswordAuth",
            "visible-metadata",
            REDACTED,
        ],
    );
}

#[test]
fn respond_to_auth_challenge_input() {
    let responses = HashMap::from([
        ("USERNAME".to_string(), "LEAK-erin".to_string()),
        (
            "NEW_PASSWORD".to_string(),
            "LEAK-Challenge-Passw0rd!".to_string(),
        ),
        ("SMS_MFA_CODE".to_string(), "LEAK-987654".to_string()),
    ]);
    let input = RespondToAuthChallengeInput::new("LEAK-client-id", ChallengeNameType::SmsMfa)
        .with_session("LEAK-challenge-session")
        .with_challenge_responses(responses)
        .with_user_context_data(context_data())
        .with_client_metadata(metadata("visible-metadata"));
    assert_redacted(
        &input,
        &[
            "erin",
            "Challenge-Passw0rd",
            "987654",
            "challenge-session",
            "client-id",
        ],
        &[
            "RespondToAuthChallengeInput",
            "SmsMfa",
            "visible-metadata",
            REDACTED,
        ],
    );
}

#[test]
fn initiate_auth_output_tokens() {
    let result = AuthenticationResultType::new()
        .with_access_token("LEAK-access-token")
        .with_id_token("LEAK-id-token")
        .with_refresh_token("LEAK-refresh-token")
        .with_token_type("Bearer")
        .with_expires_in(3600);
    let output = InitiateAuthOutput::new()
        .with_authentication_result(result)
        .with_session("LEAK-output-session");
    assert_redacted(
        &output,
        &[
            "access-token",
            "id-token",
            "refresh-token",
            "output-session",
        ],
        &["Bearer", "3600"],
    );
}

#[test]
fn credentials() {
    let with_token = Credentials::new(
        "AKIAVISIBLEKEYID",
        "LEAK-secret-access-key",
        Some("LEAK-session-token".into()),
    );
    assert_redacted(
        &with_token,
        &["secret-access-key", "session-token"],
        &["AKIAVISIBLEKEYID"],
    );
    let without_token = Credentials::new("AKIAVISIBLEKEYID", "LEAK-secret-access-key", None);
    assert_redacted(
        &without_token,
        &["secret-access-key"],
        &["AKIAVISIBLEKEYID"],
    );
}

#[test]
fn config_and_client() {
    let config = Config::builder()
        .region("eu-west-3")
        .endpoint_url("http://127.0.0.1:9229")
        .credentials_provider(Credentials::new(
            "AKIAVISIBLEKEYID",
            "LEAK-secret-access-key",
            Some("LEAK-session-token".into()),
        ))
        .max_attempts(4)
        .build();
    assert_redacted(
        &config,
        &["secret-access-key", "session-token"],
        &["eu-west-3", "http://127.0.0.1:9229"],
    );
    assert_redacted(
        &config.to_builder(),
        &["secret-access-key", "session-token"],
        &["eu-west-3"],
    );
    assert_redacted(
        &Client::new(config),
        &["secret-access-key", "session-token"],
        &["eu-west-3"],
    );
}
