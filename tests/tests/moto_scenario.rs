//! The generated client against moto (`tests::moto`), every Cognito call made with it: pools,
//! app clients with and without a secret, sign-up, the forgot-password and admin-reset flows,
//! typed errors, and SigV4 checked by moto's IAM mode.
//!
//! Each test starts its own moto, so their pools and IAM settings never meet.
use base64::Engine as _;
use cognito_identity_provider::operation::admin_create_user::AdminCreateUserInput;
use cognito_identity_provider::operation::admin_get_user::{AdminGetUserInput, AdminGetUserOutput};
use cognito_identity_provider::operation::admin_reset_user_password::AdminResetUserPasswordInput;
use cognito_identity_provider::operation::admin_set_user_password::AdminSetUserPasswordInput;
use cognito_identity_provider::operation::admin_update_user_attributes::AdminUpdateUserAttributesInput;
use cognito_identity_provider::operation::confirm_forgot_password::ConfirmForgotPasswordInput;
use cognito_identity_provider::operation::confirm_sign_up::ConfirmSignUpInput;
use cognito_identity_provider::operation::create_user_pool::CreateUserPoolInput;
use cognito_identity_provider::operation::create_user_pool_client::CreateUserPoolClientInput;
use cognito_identity_provider::operation::forgot_password::ForgotPasswordInput;
use cognito_identity_provider::operation::initiate_auth::{
    InitiateAuthError, InitiateAuthInput, InitiateAuthOutput,
};
use cognito_identity_provider::operation::list_users::ListUsersInput;
use cognito_identity_provider::operation::sign_up::SignUpInput;
use cognito_identity_provider::transport::{HttpTransport, HyperTransport, SendFuture};
use cognito_identity_provider::types::{
    AccountRecoverySettingType, AttributeType, AuthFlowType, ChallengeNameType, DeliveryMediumType,
    ExplicitAuthFlowsType, MessageActionType, RecoveryOptionNameType, RecoveryOptionType,
    UserPoolClientType, UserStatusType,
};
use cognito_identity_provider::{bytes, http};
use cognito_identity_provider::{Client, Config, Credentials, Error};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tests::moto::{MotoServer, REGION};

/// Where moto hands out the code AWS would send by email.
const MOTO_CODE_HEADER: &str = "x-moto-forgot-password-confirmation-code";
/// Moto checks only codes with this prefix; any other code passes.
const MOTO_CODE_PREFIX: &str = "moto-confirmation-code:";

/// Passwords that satisfy moto's default pool policy (8+ characters, upper, lower, digit, symbol).
const FIRST_PASSWORD: &str = "First-Passw0rd!";
const SECOND_PASSWORD: &str = "Second-Passw0rd!";
const THIRD_PASSWORD: &str = "Third-Passw0rd!";

/// What one exchange through [`RecordingTransport`] showed.
#[derive(Debug, Clone)]
struct Exchange {
    target: String,
    signed: bool,
}

/// The default transport, plus a log of which requests were signed.
#[derive(Debug, Clone)]
struct RecordingTransport {
    inner: HyperTransport,
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl RecordingTransport {
    fn new() -> Self {
        RecordingTransport {
            inner: HyperTransport::new(Duration::from_secs(5)),
            log: Arc::default(),
        }
    }

    fn exchanges(&self) -> Vec<Exchange> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn last_exchange(&self, target: &str) -> Exchange {
        self.exchanges()
            .into_iter()
            .rev()
            .find(|e| e.target == target)
            .unwrap_or_else(|| panic!("no {target} exchange was recorded"))
    }
}

impl HttpTransport for RecordingTransport {
    fn send(&self, request: http::Request<bytes::Bytes>) -> SendFuture<'_> {
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let target = header("x-amz-target").unwrap_or_default();
        let signed = header("authorization").is_some();
        Box::pin(async move {
            let response = self.inner.send(request).await?;
            let exchange = Exchange { target, signed };
            self.log
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(exchange);
            Ok(response)
        })
    }
}

fn start_moto() -> MotoServer {
    MotoServer::start().unwrap_or_else(|e| panic!("cannot start moto: {e}"))
}

fn config_for(
    moto: &MotoServer,
    credentials: Credentials,
) -> cognito_identity_provider::config::ConfigBuilder {
    Config::builder()
        .region(REGION)
        .endpoint_url(moto.endpoint_url())
        .credentials_provider(credentials)
        // One attempt: a retry would hide what moto answered first.
        .max_attempts(1)
        .attempt_timeout(Duration::from_secs(20))
        .operation_timeout(Duration::from_secs(30))
}

/// A client whose exchanges are recorded; moto does not check signatures until IAM mode is on.
fn recording_client(moto: &MotoServer) -> (Client, RecordingTransport) {
    let transport = RecordingTransport::new();
    let credentials = Credentials::new("AKIDMOTOSCENARIO", "moto-scenario-secret", None);
    let config = config_for(moto, credentials)
        .transport(transport.clone())
        .build();
    (Client::new(config), transport)
}

/// A name no other run or test uses, so pools never collide even on a shared server.
fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}-{}-{nanos}", std::process::id())
}

/// Cognito's SecretHash: base64(HMAC-SHA256(client secret, username + client id)).
fn secret_hash(client_secret: &str, username: &str, client_id: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, client_secret.as_bytes());
    let tag = ring::hmac::sign(&key, format!("{username}{client_id}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(tag.as_ref())
}

async fn create_pool(client: &Client, prefix: &str) -> String {
    let name = unique(prefix);
    // Without it moto, like Cognito's legacy default, would recover by SMS first.
    let recovery =
        AccountRecoverySettingType::new().with_recovery_mechanisms(vec![RecoveryOptionType::new(
            1,
            RecoveryOptionNameType::VerifiedEmail,
        )]);
    let output = client
        .create_user_pool(CreateUserPoolInput::new(&name).with_account_recovery_setting(recovery))
        .await
        .expect("CreateUserPool succeeds");
    assert_eq!(output.http_status(), 200);
    assert!(output.request_id().is_some(), "moto sends x-amzn-requestid");
    let pool = output.user_pool().expect("CreateUserPool returns the pool");
    assert_eq!(pool.name(), Some(name.as_str()));
    let id = pool.id().expect("the pool has an id");
    assert!(id.starts_with(&format!("{REGION}_")), "pool id {id}");
    id.to_string()
}

async fn create_app_client(
    client: &Client,
    pool_id: &str,
    with_secret: bool,
) -> UserPoolClientType {
    let flows = vec![
        ExplicitAuthFlowsType::AllowUserPasswordAuth,
        ExplicitAuthFlowsType::AllowRefreshTokenAuth,
    ];
    let input = CreateUserPoolClientInput::new(pool_id, unique("app"))
        .with_generate_secret(with_secret)
        .with_explicit_auth_flows(flows.clone());
    let output = client
        .create_user_pool_client(input)
        .await
        .expect("CreateUserPoolClient succeeds");
    let app = output
        .user_pool_client()
        .expect("the client is returned")
        .clone();
    assert_eq!(app.user_pool_id(), Some(pool_id));
    assert!(app.client_id().is_some_and(|id| !id.is_empty()));
    assert_eq!(app.explicit_auth_flows(), Some(flows.as_slice()));
    assert_eq!(
        app.client_secret().is_some(),
        with_secret,
        "secret only when generated"
    );
    app
}

async fn get_user(client: &Client, pool_id: &str, username: &str) -> AdminGetUserOutput {
    client
        .admin_get_user(AdminGetUserInput::new(pool_id, username))
        .await
        .expect("AdminGetUser succeeds")
}

fn attribute<'a>(user: &'a AdminGetUserOutput, name: &str) -> Option<&'a str> {
    user.user_attributes()?
        .iter()
        .find(|a| a.name() == name)?
        .value()
}

fn password_auth(client_id: &str, username: &str, password: &str) -> InitiateAuthInput {
    let parameters = HashMap::from([
        ("USERNAME".to_string(), username.to_string()),
        ("PASSWORD".to_string(), password.to_string()),
    ]);
    InitiateAuthInput::new(AuthFlowType::UserPasswordAuth, client_id)
        .with_auth_parameters(parameters)
}

fn assert_tokens(output: &InitiateAuthOutput) {
    let result = output.authentication_result().unwrap_or_else(|| {
        panic!("InitiateAuth answered a challenge instead of tokens: {output:?}")
    });
    for (name, token) in [("access", result.access_token()), ("id", result.id_token())] {
        let parts = token.map(|t| t.split('.').count());
        assert_eq!(parts, Some(3), "the {name} token is a JWT");
    }
    assert!(result.refresh_token().is_some_and(|t| !t.is_empty()));
    assert_eq!(result.token_type(), Some("Bearer"));
    assert!(result.expires_in() > 0);
}

fn initiate_auth_error(
    result: Result<InitiateAuthOutput, Error<InitiateAuthError>>,
) -> InitiateAuthError {
    match result {
        Err(Error::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

/// Asks moto for a reset code and reads it from moto's response header, which no output
/// member carries: through the output's raw headers.
async fn forgot_password_code(client: &Client, client_id: &str, username: &str) -> String {
    let output = client
        .forgot_password(ForgotPasswordInput::new(client_id, username))
        .await
        .expect("ForgotPassword succeeds");
    let details = output.code_delivery_details().expect("CodeDeliveryDetails");
    assert_eq!(details.delivery_medium(), Some(&DeliveryMediumType::Email));
    assert_eq!(details.attribute_name(), Some("email"));
    let code = output
        .headers()
        .get(MOTO_CODE_HEADER)
        .unwrap_or_else(|| panic!("moto sent no {MOTO_CODE_HEADER} header"))
        .to_str()
        .expect("an ASCII header value")
        .to_string();
    assert!(code.starts_with(MOTO_CODE_PREFIX), "code {code}");
    code
}

#[tokio::test]
async fn sign_up_forgot_password_and_admin_reset() {
    let moto = start_moto();
    let (client, transport) = recording_client(&moto);
    let pool_id = create_pool(&client, "reset-flow").await;
    let app = create_app_client(&client, &pool_id, false).await;
    let client_id = app.client_id().expect("client id");
    let username = "alice";

    // Sign-up leaves the user unconfirmed.
    let signed_up = client
        .sign_up(
            SignUpInput::new(client_id, username)
                .with_password(FIRST_PASSWORD)
                .with_user_attributes(vec![
                    AttributeType::new("email").with_value("alice@example.com")
                ]),
        )
        .await
        .expect("SignUp succeeds");
    assert!(!signed_up.user_confirmed());
    assert!(!signed_up.user_sub().is_empty());
    let user = get_user(&client, &pool_id, username).await;
    assert_eq!(user.user_status(), Some(&UserStatusType::Unconfirmed));
    assert_eq!(attribute(&user, "email"), Some("alice@example.com"));
    let error = initiate_auth_error(
        client
            .initiate_auth(password_auth(client_id, username, FIRST_PASSWORD))
            .await,
    );
    assert!(error.is_user_not_confirmed_exception(), "{error:?}");

    // Moto accepts any confirmation code for sign-up.
    client
        .confirm_sign_up(ConfirmSignUpInput::new(client_id, username, "123456"))
        .await
        .expect("ConfirmSignUp succeeds");
    let user = get_user(&client, &pool_id, username).await;
    assert_eq!(user.user_status(), Some(&UserStatusType::Confirmed));

    // A verified email is what AdminResetUserPassword later needs.
    client
        .admin_update_user_attributes(AdminUpdateUserAttributesInput::new(
            &pool_id,
            username,
            vec![AttributeType::new("email_verified").with_value("true")],
        ))
        .await
        .expect("AdminUpdateUserAttributes succeeds");
    assert_eq!(
        attribute(
            &get_user(&client, &pool_id, username).await,
            "email_verified"
        ),
        Some("true")
    );

    // Forgot password: a wrong code (with moto's prefix, so moto checks it) is the typed
    // ExpiredCodeException; the code moto handed out works.
    let code = forgot_password_code(&client, client_id, username).await;
    let wrong = format!("{MOTO_CODE_PREFIX}000000"); // moto's codes are 100000..=999999
    let error = client
        .confirm_forgot_password(ConfirmForgotPasswordInput::new(
            client_id,
            username,
            &wrong,
            SECOND_PASSWORD,
        ))
        .await
        .expect_err("a wrong code is refused");
    assert_eq!(error.http_status(), Some(400));
    assert!(error.request_id().is_some());
    let service_error = error.as_service_error().expect("a service error");
    assert!(
        service_error.is_expired_code_exception(),
        "{service_error:?}"
    );
    assert_eq!(service_error.code(), Some("ExpiredCodeException"));
    assert_eq!(
        service_error.message(),
        Some("Invalid code provided, please request a code again.")
    );

    client
        .confirm_forgot_password(ConfirmForgotPasswordInput::new(
            client_id,
            username,
            &code,
            SECOND_PASSWORD,
        ))
        .await
        .expect("ConfirmForgotPassword with moto's code succeeds");
    let signed_in = client
        .initiate_auth(password_auth(client_id, username, SECOND_PASSWORD))
        .await
        .expect("the new password signs in");
    assert_tokens(&signed_in);

    // Unknown users are typed errors.
    let error = client
        .admin_get_user(AdminGetUserInput::new(&pool_id, "nobody"))
        .await
        .expect_err("an unknown user is refused");
    assert_eq!(error.code(), Some("UserNotFoundException"));
    assert!(
        error
            .as_service_error()
            .is_some_and(|e| e.is_user_not_found_exception()),
        "{error:?}"
    );
    let error = initiate_auth_error(
        client
            .initiate_auth(password_auth(client_id, "nobody", SECOND_PASSWORD))
            .await,
    );
    assert!(error.is_user_not_found_exception(), "{error:?}");
    // Cognito answers UserNotFoundException here; moto answers ResourceNotFoundException.
    let error = client
        .confirm_forgot_password(ConfirmForgotPasswordInput::new(
            client_id,
            "nobody",
            &code,
            THIRD_PASSWORD,
        ))
        .await
        .expect_err("an unknown user is refused");
    let service_error = error.as_service_error().expect("a service error");
    assert!(
        service_error.is_resource_not_found_exception(),
        "{service_error:?}"
    );

    // Admin reset: signed, and the user must then reset their password.
    let reset = client
        .admin_reset_user_password(AdminResetUserPasswordInput::new(&pool_id, username))
        .await
        .expect("AdminResetUserPassword succeeds");
    assert_eq!(reset.http_status(), 200);
    let exchange =
        transport.last_exchange("AWSCognitoIdentityProviderService.AdminResetUserPassword");
    assert!(exchange.signed, "AdminResetUserPassword is sent signed");
    let user = get_user(&client, &pool_id, username).await;
    assert_eq!(user.user_status(), Some(&UserStatusType::ResetRequired));

    let code = forgot_password_code(&client, client_id, username).await;
    client
        .confirm_forgot_password(ConfirmForgotPasswordInput::new(
            client_id,
            username,
            &code,
            THIRD_PASSWORD,
        ))
        .await
        .expect("ConfirmForgotPassword completes the reset");
    // Cognito would now show CONFIRMED; moto keeps RESET_REQUIRED (and, unlike Cognito, lets
    // the old password sign in meanwhile), so the status is not checked here.
    let signed_in = client
        .initiate_auth(password_auth(client_id, username, THIRD_PASSWORD))
        .await
        .expect("the reset password signs in");
    assert_tokens(&signed_in);
    let error = initiate_auth_error(
        client
            .initiate_auth(password_auth(client_id, username, SECOND_PASSWORD))
            .await,
    );
    assert!(
        error.is_not_authorized_exception(),
        "the old password is refused: {error:?}"
    );

    // Unsigned operations went out unsigned, admin ones signed.
    for exchange in transport.exchanges() {
        let admin = exchange.target.contains(".Admin") || exchange.target.contains(".Create");
        assert_eq!(
            exchange.signed, admin,
            "{} signed={}",
            exchange.target, exchange.signed
        );
    }
}

#[tokio::test]
async fn app_client_with_secret_needs_secret_hash() {
    let moto = start_moto();
    let (client, _transport) = recording_client(&moto);
    let pool_id = create_pool(&client, "secret-hash").await;
    let app = create_app_client(&client, &pool_id, true).await;
    let client_id = app.client_id().expect("client id");
    let client_secret = app.client_secret().expect("a generated secret");
    let username = "bob";
    let hash = secret_hash(client_secret, username, client_id);

    client
        .sign_up(
            SignUpInput::new(client_id, username)
                .with_password(FIRST_PASSWORD)
                .with_secret_hash(&hash)
                .with_user_attributes(vec![
                    AttributeType::new("email").with_value("bob@example.com")
                ]),
        )
        .await
        .expect("SignUp with a SecretHash succeeds");
    client
        .confirm_sign_up(
            ConfirmSignUpInput::new(client_id, username, "123456").with_secret_hash(&hash),
        )
        .await
        .expect("ConfirmSignUp with a SecretHash succeeds");

    // Moto checks SECRET_HASH in the SRP and refresh-token flows (not in USER_PASSWORD_AUTH).
    let auth = |flow: AuthFlowType, parameters: &[(&str, &str)], hash: Option<&str>| {
        let mut map: HashMap<String, String> = parameters
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if let Some(hash) = hash {
            map.insert("SECRET_HASH".to_string(), hash.to_string());
        }
        InitiateAuthInput::new(flow, client_id).with_auth_parameters(map)
    };
    let password = [("USERNAME", username), ("PASSWORD", FIRST_PASSWORD)];
    let signed_in = client
        .initiate_auth(auth(AuthFlowType::UserPasswordAuth, &password, Some(&hash)))
        .await
        .expect("USER_PASSWORD_AUTH with the SecretHash signs in");
    assert_tokens(&signed_in);
    let refresh_token = signed_in
        .authentication_result()
        .and_then(|r| r.refresh_token())
        .expect("a refresh token")
        .to_string();

    let srp = [("USERNAME", username), ("SRP_A", "0123456789abcdef")];
    let challenge = client
        .initiate_auth(auth(AuthFlowType::UserSrpAuth, &srp, Some(&hash)))
        .await
        .expect("USER_SRP_AUTH with the right SecretHash gets a challenge");
    assert_eq!(
        challenge.challenge_name(),
        Some(&ChallengeNameType::PasswordVerifier)
    );
    assert!(challenge.session().is_some());
    let parameters = challenge
        .challenge_parameters()
        .expect("challenge parameters");
    assert_eq!(
        parameters.get("USERNAME").map(String::as_str),
        Some(username)
    );

    let refresh = [("REFRESH_TOKEN", refresh_token.as_str())];
    let refreshed = client
        .initiate_auth(auth(AuthFlowType::RefreshTokenAuth, &refresh, Some(&hash)))
        .await
        .expect("REFRESH_TOKEN_AUTH with the right SecretHash refreshes");
    let result = refreshed.authentication_result().expect("new tokens");
    assert!(result.access_token().is_some() && result.id_token().is_some());

    let wrong = secret_hash("not-the-secret", username, client_id);
    for (flow, parameters) in [
        (AuthFlowType::UserSrpAuth, &srp[..]),
        (AuthFlowType::RefreshTokenAuth, &refresh[..]),
    ] {
        for attempt in [Some(wrong.as_str()), None] {
            let result = client
                .initiate_auth(auth(flow.clone(), parameters, attempt))
                .await;
            let error = initiate_auth_error(result);
            assert!(
                error.is_not_authorized_exception(),
                "{flow} with SecretHash {attempt:?}: {error:?}"
            );
            assert_eq!(error.http_status(), 400);
        }
    }
}

/// `Client::with_app_client_secret`: the client computes every SecretHash itself, and moto
/// (which checks the hash in the SRP flow) accepts them; a hash the caller sets is kept.
#[tokio::test]
async fn the_client_fills_secret_hash_from_the_app_client_secret() {
    let moto = start_moto();
    let (admin, _transport) = recording_client(&moto);
    let pool_id = create_pool(&admin, "filled-hash").await;
    let app = create_app_client(&admin, &pool_id, true).await;
    let client_id = app.client_id().expect("client id");
    let client_secret = app.client_secret().expect("a generated secret");
    let client = admin
        .clone()
        .with_app_client_secret(client_id, client_secret);
    let username = "dave";

    client
        .sign_up(
            SignUpInput::new(client_id, username)
                .with_password(FIRST_PASSWORD)
                .with_user_attributes(vec![
                    AttributeType::new("email").with_value("dave@example.com")
                ]),
        )
        .await
        .expect("SignUp with the hash the client filled in");
    client
        .confirm_sign_up(ConfirmSignUpInput::new(client_id, username, "123456"))
        .await
        .expect("ConfirmSignUp with the hash the client filled in");

    let srp = |hash: Option<&str>| {
        let mut map = HashMap::from([
            ("USERNAME".to_string(), username.to_string()),
            ("SRP_A".to_string(), "0123456789abcdef".to_string()),
        ]);
        if let Some(hash) = hash {
            map.insert("SECRET_HASH".to_string(), hash.to_string());
        }
        InitiateAuthInput::new(AuthFlowType::UserSrpAuth, client_id).with_auth_parameters(map)
    };
    let challenge = client
        .initiate_auth(srp(None))
        .await
        .expect("USER_SRP_AUTH with the filled-in SECRET_HASH gets a challenge");
    assert_eq!(
        challenge.challenge_name(),
        Some(&ChallengeNameType::PasswordVerifier)
    );
    let error = initiate_auth_error(client.initiate_auth(srp(Some("caller-set-wrong"))).await);
    assert!(
        error.is_not_authorized_exception(),
        "a caller's hash is sent as it is: {error:?}"
    );
    let error = initiate_auth_error(admin.initiate_auth(srp(None)).await);
    assert!(
        error.is_not_authorized_exception(),
        "without the secret nothing is filled in: {error:?}"
    );
}

/// A confirmed user with a verified email in a fresh pool, made while IAM auth is still off.
async fn confirmed_user(client: &Client, username: &str) -> String {
    let pool_id = create_pool(client, "iam-auth").await;
    let attributes = vec![
        AttributeType::new("email").with_value("carol@example.com"),
        AttributeType::new("email_verified").with_value("true"),
    ];
    client
        .admin_create_user(
            AdminCreateUserInput::new(&pool_id, username)
                .with_user_attributes(attributes)
                .with_message_action(MessageActionType::Suppress),
        )
        .await
        .expect("AdminCreateUser succeeds");
    client
        .admin_set_user_password(
            AdminSetUserPasswordInput::new(&pool_id, username, FIRST_PASSWORD).with_permanent(true),
        )
        .await
        .expect("AdminSetUserPassword succeeds");
    assert_eq!(
        get_user(client, &pool_id, username).await.user_status(),
        Some(&UserStatusType::Confirmed)
    );
    pool_id
}

fn policy_allowing(action: &str) -> String {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]
    })
    .to_string()
}

#[tokio::test]
async fn iam_auth_mode_checks_the_signature() {
    let moto = start_moto();
    let (setup, _transport) = recording_client(&moto);
    let username = "carol";
    let pool_id = confirmed_user(&setup, username).await;
    let admin_key = moto
        .create_iam_user(&unique("cognito-admin"), &policy_allowing("cognito-idp:*"))
        .await
        .unwrap_or_else(|e| panic!("IAM setup: {e}"));
    let s3_only_key = moto
        .create_iam_user(&unique("s3-only"), &policy_allowing("s3:*"))
        .await
        .unwrap_or_else(|e| panic!("IAM setup: {e}"));
    moto.enable_iam_auth()
        .await
        .unwrap_or_else(|e| panic!("IAM auth: {e}"));
    let client_with =
        |credentials: Credentials| Client::new(config_for(&moto, credentials).build());
    let reset = AdminResetUserPasswordInput::new(&pool_id, username);

    let output = client_with(admin_key.clone())
        .admin_reset_user_password(reset.clone())
        .await
        .unwrap_or_else(|e| {
            panic!(
                "a correctly signed call is accepted: {e}\nmoto:\n{}",
                moto.log_tail()
            )
        });
    assert_eq!(output.http_status(), 200);

    // Moto answers a bad signature with 403 and an XML (not awsJson) body, so the client cannot
    // read a code from it: it is the Unhandled variant, with the status.
    let wrong_secret =
        Credentials::new(admin_key.access_key_id(), "not-the-secret-access-key", None);
    let error = client_with(wrong_secret)
        .admin_reset_user_password(reset.clone())
        .await
        .expect_err("a wrong secret is refused");
    assert_eq!(error.http_status(), Some(403), "{error:?}");
    assert!(error.request_id().is_some());
    let service_error = error
        .as_service_error()
        .unwrap_or_else(|| panic!("a service error, got {error:?}"));
    assert!(service_error.is_unhandled(), "{service_error:?}");
    assert_eq!(service_error.http_status(), 403);
    // No code while the runtime reads awsJson error bodies only (none is made up); the XML's
    // own code otherwise.
    let code = error.code();
    assert!(
        matches!(code, None | Some("SignatureDoesNotMatch")),
        "code {code:?}"
    );

    // The signature is right but the key's policy does not allow the action.
    let error = client_with(s3_only_key)
        .admin_reset_user_password(reset.clone())
        .await
        .expect_err("a key without cognito-idp permissions is refused");
    assert_eq!(error.http_status(), Some(403), "{error:?}");

    // A key moto has never seen.
    let unknown = Credentials::new("AKIAUNKNOWNKEY000000", "whatever", None);
    let error = client_with(unknown)
        .admin_reset_user_password(reset)
        .await
        .expect_err("an unknown key is refused");
    assert_eq!(error.http_status(), Some(403), "{error:?}");
}

#[tokio::test]
async fn list_users_paginator_walks_five_users_two_at_a_time() {
    let moto = start_moto();
    let (client, transport) = recording_client(&moto);
    let pool_id = create_pool(&client, "pager").await;
    // One user the filter leaves out, among the five it keeps: a page sent without the
    // filter would bring it in.
    for username in [
        "pager-1", "other", "pager-2", "pager-3", "pager-4", "pager-5",
    ] {
        client
            .admin_create_user(
                AdminCreateUserInput::new(&pool_id, username)
                    .with_message_action(MessageActionType::Suppress),
            )
            .await
            .expect("AdminCreateUser succeeds");
    }
    let input = ListUsersInput::new(&pool_id).with_filter("username ^= \"pager-\"");
    let pages = client
        .list_users_paginator(input.clone())
        .page_size(2)
        .try_collect()
        .await
        .expect("every page comes back");
    let sizes: Vec<usize> = pages
        .iter()
        .map(|p| p.users().map_or(0, |u| u.len()))
        .collect();
    assert_eq!(sizes, [2, 2, 1]);
    let list_users = "AWSCognitoIdentityProviderService.ListUsers";
    let calls = transport
        .exchanges()
        .iter()
        .filter(|e| e.target == list_users)
        .count();
    assert_eq!(calls, 3);
    let mut names: Vec<String> = client
        .list_users_paginator(input)
        .page_size(2)
        .items()
        .try_collect()
        .await
        .expect("every item comes back")
        .iter()
        .map(|u| u.username().expect("a user name").to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["pager-1", "pager-2", "pager-3", "pager-4", "pager-5"]
    );
}
