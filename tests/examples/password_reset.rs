//! The whole password-reset flow with the generated client:
//! ForgotPassword, then ConfirmForgotPassword with the code the user received, then
//! InitiateAuth with the new password to prove it works.
//!
//! ```text
//! cargo run -p tests --example password_reset -- ENDPOINT CLIENT_ID USERNAME NEW_PASSWORD
//! ```
//!
//! ENDPOINT is e.g. `https://cognito-idp.eu-west-1.amazonaws.com` or a local emulator such as
//! `http://127.0.0.1:5000`. The confirmation code is read from standard input. All three calls
//! are unsigned (`@auth([])`), so no AWS credentials are needed; the region comes from
//! `AWS_REGION` (default `us-east-1`).
use cognito_identity_provider::operation::confirm_forgot_password::ConfirmForgotPasswordInput;
use cognito_identity_provider::operation::forgot_password::ForgotPasswordInput;
use cognito_identity_provider::operation::initiate_auth::InitiateAuthInput;
use cognito_identity_provider::types::AuthFlowType;
use cognito_identity_provider::{Client, Config};
use std::collections::HashMap;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [endpoint, client_id, username, new_password] = args.as_slice() else {
        eprintln!("usage: password_reset ENDPOINT CLIENT_ID USERNAME NEW_PASSWORD (code on stdin)");
        std::process::exit(2);
    };
    let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".into());
    let client = Client::new(
        Config::builder()
            .region(region)
            .endpoint_url(endpoint)
            .build(),
    );

    let sent = client
        .forgot_password(ForgotPasswordInput::new(client_id, username))
        .await?;
    match sent.code_delivery_details() {
        Some(details) => eprintln!(
            "code sent by {} to {}",
            details.delivery_medium().map_or("?", |m| m.as_str()),
            details.destination().unwrap_or("?")
        ),
        None => eprintln!("code sent"),
    }
    eprintln!("enter the confirmation code:");
    let mut code = String::new();
    std::io::stdin().read_line(&mut code)?;

    let confirm = ConfirmForgotPasswordInput::new(client_id, username, code.trim(), new_password);
    match client.confirm_forgot_password(confirm).await {
        Ok(out) => eprintln!(
            "password reset (HTTP {}, request {:?})",
            out.http_status(),
            out.request_id()
        ),
        Err(e) => match e.as_service_error() {
            Some(err) if err.is_expired_code_exception() || err.is_code_mismatch_exception() => {
                eprintln!("that code is wrong or expired: {err}");
                std::process::exit(1);
            }
            _ => return Err(e.into()),
        },
    }

    let auth = HashMap::from([
        ("USERNAME".to_string(), username.clone()),
        ("PASSWORD".to_string(), new_password.clone()),
    ]);
    let login = InitiateAuthInput::new(AuthFlowType::UserPasswordAuth, client_id)
        .with_auth_parameters(auth);
    let out = client.initiate_auth(login).await?;
    println!(
        "signed in with the new password: tokens issued = {}",
        out.authentication_result().is_some()
    );
    Ok(())
}
