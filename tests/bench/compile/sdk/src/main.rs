//! Resets a password and confirms the reset through the official SDK.
use aws_credential_types::Credentials;
use aws_sdk_cognitoidentityprovider::config::Region;
use aws_sdk_cognitoidentityprovider::{Client, Config};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let endpoint = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:9".into());
    let config = Config::builder()
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "static"))
        .build();
    let client = Client::from_conf(config);
    let reset = client
        .admin_reset_user_password()
        .user_pool_id("us-east-1_pool")
        .username("alice")
        .send()
        .await;
    println!("AdminResetUserPassword: {:?}", reset.map(|_| ()).map_err(|e| e.to_string()));
    let confirm = client
        .confirm_forgot_password()
        .client_id("client-id")
        .username("alice")
        .confirmation_code("123456")
        .password("Correct-Horse-9")
        .send()
        .await;
    println!("ConfirmForgotPassword: {:?}", confirm.map(|_| ()).map_err(|e| e.to_string()));
}
