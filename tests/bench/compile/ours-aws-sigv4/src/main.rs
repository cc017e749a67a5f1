//! ../ours, plus one aws-sigv4 signature so the signer crates are really built and linked.
use cognito_identity_provider::operation::admin_reset_user_password::AdminResetUserPasswordInput;
use cognito_identity_provider::operation::confirm_forgot_password::ConfirmForgotPasswordInput;
use cognito_identity_provider::{Client, Config, Credentials};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let endpoint = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:9".into());
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("AKID", "SECRET", None))
        .build();
    let client = Client::new(config);
    let reset = client
        .admin_reset_user_password(AdminResetUserPasswordInput::new("us-east-1_pool", "alice"))
        .await;
    println!("AdminResetUserPassword: {:?}", reset.map(|_| ()).map_err(|e| e.to_string()));
    let confirm = client
        .confirm_forgot_password(ConfirmForgotPasswordInput::new(
            "client-id",
            "alice",
            "123456",
            "Correct-Horse-9",
        ))
        .await;
    println!("ConfirmForgotPassword: {:?}", confirm.map(|_| ()).map_err(|e| e.to_string()));
    sign_with_aws_sigv4();
}

fn sign_with_aws_sigv4() {
    use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
    let identity = aws_credential_types::Credentials::new("AKID", "SECRET", None, None, "static")
        .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("cognito-idp")
        .time(std::time::SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .map(Into::into);
    let headers = [("host", "cognito-idp.us-east-1.amazonaws.com")];
    let signable = SignableRequest::new(
        "POST",
        "https://cognito-idp.us-east-1.amazonaws.com/",
        headers.into_iter(),
        SignableBody::Bytes(b"{}"),
    );
    if let (Ok(params), Ok(signable)) = (params, signable) {
        if let Ok(output) = sign(signable, &params) {
            println!("aws-sigv4 signature: {}", output.signature());
        }
    }
}
