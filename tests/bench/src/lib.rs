//! What the loopback runner and the criterion benches share: the three clients built the same
//! way, the two operations called through each, and canned HTTP layers that answer without a
//! network so the client's own CPU cost shows alone.
use aws_sdk_cognitoidentityprovider as sdk;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use cognito_identity_provider as ours;
use cognito_identity_provider::transport::{HttpTransport, SendFuture};
use std::sync::{Arc, Mutex};

pub const REGION: &str = "us-east-1";
pub const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
pub const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
pub const USER_POOL_ID: &str = "us-east-1_EXAMPLE1";
pub const USERNAME: &str = "bench-user";
pub const CLIENT_ID: &str = "1example23456789";
pub const CONFIRMATION_CODE: &str = "123456";
pub const PASSWORD: &str = "Correct-Horse-9";

/// The awsJson body the loopback stub and the canned layers answer with.
pub const EMPTY_OUTPUT: &[u8] = b"{}";
/// A request id, as Cognito sends one.
pub const REQUEST_ID: &str = "11111111-2222-4333-8444-555555555555";
/// The awsJson 1.1 content type.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// Which operation a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// AdminResetUserPassword: SigV4-signed.
    AdminResetUserPassword,
    /// ConfirmForgotPassword: unsigned.
    ConfirmForgotPassword,
}

impl Op {
    pub const ALL: [Op; 2] = [Op::AdminResetUserPassword, Op::ConfirmForgotPassword];

    pub fn name(self) -> &'static str {
        match self {
            Op::AdminResetUserPassword => "AdminResetUserPassword (signed)",
            Op::ConfirmForgotPassword => "ConfirmForgotPassword (unsigned)",
        }
    }
}

/// Our generated client, as a user would build it, sending to `endpoint`.
pub fn ours_client(endpoint: &str) -> ours::Client {
    ours::Client::new(ours_config().endpoint_url(endpoint).build())
}

/// Our generated client whose requests go to `transport` instead of the network.
pub fn ours_client_with(transport: impl HttpTransport + 'static) -> ours::Client {
    let config = ours_config()
        .endpoint_url("https://cognito-idp.us-east-1.amazonaws.com")
        .transport(transport)
        .build();
    ours::Client::new(config)
}

fn ours_config() -> ours::config::ConfigBuilder {
    ours::Config::builder()
        .region(REGION)
        .credentials_provider(ours::Credentials::new(
            ACCESS_KEY_ID,
            SECRET_ACCESS_KEY,
            None,
        ))
}

/// One call through our client; `Err` names what failed.
pub async fn call_ours(client: &ours::Client, op: Op) -> Result<(), String> {
    use ours::operation::admin_reset_user_password::AdminResetUserPasswordInput;
    use ours::operation::confirm_forgot_password::ConfirmForgotPasswordInput;
    match op {
        Op::AdminResetUserPassword => client
            .admin_reset_user_password(AdminResetUserPasswordInput::new(USER_POOL_ID, USERNAME))
            .await
            .map(drop)
            .map_err(|e| format!("ours {op:?}: {e}")),
        Op::ConfirmForgotPassword => client
            .confirm_forgot_password(ConfirmForgotPasswordInput::new(
                CLIENT_ID,
                USERNAME,
                CONFIRMATION_CODE,
                PASSWORD,
            ))
            .await
            .map(drop)
            .map_err(|e| format!("ours {op:?}: {e}")),
    }
}

/// The official SDK's client, configured as its documentation shows, sending to `endpoint`.
pub fn sdk_client(endpoint: &str) -> sdk::Client {
    sdk::Client::from_conf(sdk_config().endpoint_url(endpoint).build())
}

/// The official SDK's client whose requests go to `http` instead of the network.
pub fn sdk_client_with(http: impl HttpClient + 'static) -> sdk::Client {
    let config = sdk_config()
        .endpoint_url("https://cognito-idp.us-east-1.amazonaws.com")
        .http_client(http)
        .build();
    sdk::Client::from_conf(config)
}

fn sdk_config() -> sdk::config::Builder {
    sdk::Config::builder()
        .behavior_version(sdk::config::BehaviorVersion::latest())
        .region(sdk::config::Region::new(REGION))
        .credentials_provider(aws_credential_types::Credentials::new(
            ACCESS_KEY_ID,
            SECRET_ACCESS_KEY,
            None,
            None,
            "bench",
        ))
}

/// One call through the official SDK; `Err` names what failed.
pub async fn call_sdk(client: &sdk::Client, op: Op) -> Result<(), String> {
    match op {
        Op::AdminResetUserPassword => client
            .admin_reset_user_password()
            .user_pool_id(USER_POOL_ID)
            .username(USERNAME)
            .send()
            .await
            .map(drop)
            .map_err(|e| format!("sdk {op:?}: {}", sdk::error::DisplayErrorContext(e))),
        Op::ConfirmForgotPassword => client
            .confirm_forgot_password()
            .client_id(CLIENT_ID)
            .username(USERNAME)
            .confirmation_code(CONFIRMATION_CODE)
            .password(PASSWORD)
            .send()
            .await
            .map(drop)
            .map_err(|e| format!("sdk {op:?}: {}", sdk::error::DisplayErrorContext(e))),
    }
}

/// Answers every request of our client with `200 {}` at once, keeping the last request so a
/// benchmark can replay its exact bytes.
#[derive(Debug, Default)]
pub struct CannedTransport {
    last: Mutex<Option<http::Request<Bytes>>>,
    keep: bool,
}

impl CannedTransport {
    /// A transport that drops the requests it gets.
    pub fn new() -> Self {
        Self::default()
    }

    /// A transport that keeps the last request it got.
    pub fn recording() -> Arc<Self> {
        Arc::new(Self {
            last: Mutex::new(None),
            keep: true,
        })
    }

    /// The last request sent, when recording.
    pub fn take_last(&self) -> Option<http::Request<Bytes>> {
        self.last.lock().ok()?.take()
    }
}

impl HttpTransport for CannedTransport {
    fn send(&self, request: http::Request<Bytes>) -> SendFuture<'_> {
        if self.keep {
            if let Ok(mut last) = self.last.lock() {
                *last = Some(request);
            }
        }
        Box::pin(async { Ok(canned_response()) })
    }
}

/// The response every benchmark server gives: `200`, awsJson, `{}`.
pub fn canned_response() -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .header(http::header::CONTENT_TYPE, CONTENT_TYPE)
        .header("x-amzn-requestid", REQUEST_ID)
        .body(Bytes::from_static(EMPTY_OUTPUT))
        .unwrap_or_default()
}

/// Answers every request of the SDK with `200 {}` at once: the SDK's `HttpClient` seam, the
/// counterpart of our `HttpTransport`.
#[derive(Debug, Clone, Default)]
pub struct CannedSdkHttp;

impl HttpClient for CannedSdkHttp {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for CannedSdkHttp {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        drop(request);
        let mut response = HttpResponse::new(
            200u16.try_into().expect("200 is a status"),
            SdkBody::from(EMPTY_OUTPUT),
        );
        response
            .headers_mut()
            .insert(http::header::CONTENT_TYPE, CONTENT_TYPE);
        response
            .headers_mut()
            .insert("x-amzn-requestid", REQUEST_ID);
        HttpConnectorFuture::ready(Ok(response))
    }
}
