//! The password-reset flow with the generated client: ForgotPassword, then
//! ConfirmForgotPassword with the code the user received, then ListUsers over every page.
//!
//! Run: `cargo run -p tests --example password_reset -- USER_POOL_ID CLIENT_ID USERNAME NEW_PASSWORD`
//! with the confirmation code on standard input. Region, credentials (ListUsers is signed) and
//! the endpoint (`AWS_ENDPOINT_URL`, e.g. a local emulator) come from the environment.
//! This file is also the crate's front-page example (codegen/src/customize/front_page.rs).
use cognito_identity_provider::prelude::*;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pool_id, client_id, username, new_password] = args.as_slice() else {
        return Err("usage: password_reset USER_POOL_ID CLIENT_ID USERNAME NEW_PASSWORD".into());
    };
    let client = Client::from_env();

    let sent = client
        .forgot_password(ForgotPasswordInput::new(client_id, username))
        .await?;
    let destination = sent.code_delivery_details().and_then(|d| d.destination());
    eprintln!("code sent to {}; enter it:", destination.unwrap_or("?"));
    let mut code = String::new();
    std::io::stdin().read_line(&mut code)?;

    let confirm = ConfirmForgotPasswordInput::new(client_id, username, code.trim(), new_password);
    if let Err(e) = client.confirm_forgot_password(confirm).await {
        match e.as_service_error() {
            Some(err) if err.is_expired_code_exception() || err.is_code_mismatch_exception() => {
                return Err(format!("that code is wrong or expired: {err}").into());
            }
            _ => return Err(e.into()),
        }
    }

    // Every page of users, optionally filtered (`FILTER='email ^= "a"'`).
    let filter = std::env::var("FILTER").ok();
    let input = ListUsersInput::new(pool_id).with_filter_opt(filter);
    let users = client
        .list_users_paginator(input)
        .items()
        .try_collect()
        .await?;
    for user in users {
        println!("{}", user.into_username().unwrap_or_default());
    }
    Ok(())
}
