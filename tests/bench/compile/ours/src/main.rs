//! Resets a password and confirms the reset through our generated client.
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
}
