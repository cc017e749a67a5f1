//! Cognito's SecretHash customization: the hash function against a value computed outside this
//! project, and what the client fills in (and leaves alone) on the wire, on a loopback stub.
use cognito_identity_provider::operation::confirm_forgot_password::ConfirmForgotPasswordInput;
use cognito_identity_provider::operation::initiate_auth::InitiateAuthInput;
use cognito_identity_provider::operation::resend_confirmation_code::ResendConfirmationCodeInput;
use cognito_identity_provider::operation::respond_to_auth_challenge::RespondToAuthChallengeInput;
use cognito_identity_provider::secret_hash::secret_hash;
use cognito_identity_provider::types::{AuthFlowType, ChallengeNameType};
use cognito_identity_provider::{Client, Config};
use serde_json::Value;
use std::collections::HashMap;
use stub_server::{Reply, StubServer};

const CLIENT_ID: &str = "client-123";
const SECRET: &str = "sEcReT-1";
/// `base64(hmac.new(b"sEcReT-1", b"alice" + b"client-123", hashlib.sha256).digest())`,
/// computed with Python's standard library.
const ALICE_HASH: &str = "IjWUJidJjDt5Le6cfE++r7fKEgurqFptki9x98oDdRs=";

#[test]
fn secret_hash_matches_an_independent_computation() {
    assert_eq!(secret_hash(SECRET, "alice", CLIENT_ID), ALICE_HASH);
    assert_ne!(secret_hash("other-secret", "alice", CLIENT_ID), ALICE_HASH);
}

async fn stub(replies: usize) -> StubServer {
    StubServer::start((0..replies).map(|_| Reply::json(200, "{}")).collect()).await
}

fn client(server: &StubServer) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .build(),
    )
}

fn body_field(body: &Value, path: &[&str]) -> Option<String> {
    let mut value = body;
    for key in path {
        value = value.get(key)?;
    }
    value.as_str().map(str::to_string)
}

#[tokio::test]
async fn the_member_is_filled_only_when_unset_and_the_client_has_a_secret() {
    let server = stub(4).await;
    let with_secret = client(&server).with_app_client_secret(CLIENT_ID, SECRET);
    let confirm = || ConfirmForgotPasswordInput::new(CLIENT_ID, "alice", "123456", "N3w-Pass!");

    with_secret
        .confirm_forgot_password(confirm())
        .await
        .unwrap();
    with_secret
        .confirm_forgot_password(confirm().with_secret_hash("caller-set"))
        .await
        .unwrap();
    with_secret
        .resend_confirmation_code(ResendConfirmationCodeInput::new("other-client", "alice"))
        .await
        .unwrap();
    client(&server)
        .confirm_forgot_password(confirm())
        .await
        .unwrap();

    let hashes: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| body_field(&r.json(), &["SecretHash"]))
        .collect();
    assert_eq!(
        hashes,
        [
            Some(ALICE_HASH.to_string()),
            Some("caller-set".to_string()),
            None, // no secret for that client id
            None, // a client without secrets
        ]
    );
}

#[tokio::test]
async fn auth_maps_get_secret_hash_beside_username() {
    let server = stub(3).await;
    let client = client(&server).with_app_client_secret(CLIENT_ID, SECRET);
    let params = |pairs: &[(&str, &str)]| -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    client
        .initiate_auth(
            InitiateAuthInput::new(AuthFlowType::UserSrpAuth, CLIENT_ID)
                .with_auth_parameters(params(&[("USERNAME", "alice"), ("SRP_A", "abc")])),
        )
        .await
        .unwrap();
    client
        .initiate_auth(
            InitiateAuthInput::new(AuthFlowType::RefreshTokenAuth, CLIENT_ID)
                .with_auth_parameters(params(&[("REFRESH_TOKEN", "t")])),
        )
        .await
        .unwrap();
    client
        .respond_to_auth_challenge(
            RespondToAuthChallengeInput::new(CLIENT_ID, ChallengeNameType::SmsMfa)
                .with_challenge_responses(params(&[
                    ("USERNAME", "alice"),
                    ("SECRET_HASH", "caller-set"),
                ])),
        )
        .await
        .unwrap();

    let requests = server.requests();
    let srp = requests[0].json();
    assert_eq!(
        body_field(&srp, &["AuthParameters", "SECRET_HASH"]).as_deref(),
        Some(ALICE_HASH)
    );
    assert_eq!(
        body_field(&srp, &["AuthParameters", "SRP_A"]).as_deref(),
        Some("abc")
    );
    let refresh = requests[1].json();
    assert_eq!(
        body_field(&refresh, &["AuthParameters", "SECRET_HASH"]),
        None,
        "no USERNAME, nothing to hash"
    );
    let challenge = requests[2].json();
    assert_eq!(
        body_field(&challenge, &["ChallengeResponses", "SECRET_HASH"]).as_deref(),
        Some("caller-set")
    );
}

#[test]
fn debug_shows_client_ids_never_secrets() {
    let client = Client::new(Config::builder().region("us-east-1").build())
        .with_app_client_secret(CLIENT_ID, SECRET);
    let debug = format!("{client:?}");
    assert!(debug.contains(CLIENT_ID), "{debug}");
    assert!(!debug.contains(SECRET), "{debug}");
}
