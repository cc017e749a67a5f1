//! What a program writes against the generated client: one `use` for the prelude, optional
//! values chained from an `Option`, and outputs taken apart without cloning.
use cognito_identity_provider::prelude::*;
use cognito_identity_provider::Credentials;
use serde_json::json;
use std::time::Duration;
use stub_server::{Reply, StubServer};

fn client(server: &StubServer) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials_provider(Credentials::new("AKIDERGO", "ergo/secret", None))
            .max_attempts(1)
            .attempt_timeout(Duration::from_secs(5))
            .build(),
    )
}

/// `with_x_opt` chains an `Option`: `Some` is sent, `None` leaves (or makes) the member unset.
#[tokio::test]
async fn optional_members_chain_from_an_option_and_reach_the_wire() {
    let page = json!({ "Users": [] }).to_string();
    let server = StubServer::start(vec![Reply::json(200, &page), Reply::json(200, &page)]).await;
    let client = client(&server);
    let token: Option<String> = Some("next-page".into());
    let input = ListUsersInput::new("us-east-1_ergo")
        .with_pagination_token_opt(token)
        .with_limit_opt(Some(5))
        .with_filter_opt(None);
    client.list_users(input).await.unwrap();
    let cleared = ListUsersInput::new("us-east-1_ergo")
        .with_filter("email ^= \"a\"")
        .with_filter_opt(None);
    assert_eq!(cleared.filter(), None);
    client.list_users(cleared).await.unwrap();
    let requests = server.requests();
    assert_eq!(
        requests[0].json(),
        json!({ "UserPoolId": "us-east-1_ergo", "PaginationToken": "next-page", "Limit": 5 })
    );
    assert_eq!(
        requests[1].json(),
        json!({ "UserPoolId": "us-east-1_ergo" })
    );
}

/// `into_users` moves the list a response decoded into out of the output: the same
/// allocation, not a copy.
#[tokio::test]
async fn outputs_give_up_their_members_without_cloning() {
    let body = json!({
        "Users": [{ "Username": "alice" }, { "Username": "bob" }],
        "PaginationToken": "t2"
    });
    let server = StubServer::start(vec![Reply::json(200, &body.to_string())]).await;
    let out: ListUsersOutput = client(&server)
        .list_users(ListUsersInput::new("us-east-1_ergo"))
        .await
        .unwrap();
    let lent = out.users().unwrap().as_ptr();
    let users = out.into_users().unwrap();
    assert_eq!(users.as_ptr(), lent, "moved, not cloned");
    let names: Vec<String> = users
        .into_iter()
        .map(|u| u.into_username().unwrap())
        .collect();
    assert_eq!(names, ["alice", "bob"]);
}

/// Inputs and `types` structures move members out as well: a required one as its value.
#[test]
fn inputs_and_structures_give_up_members_too() {
    let input = ConfirmForgotPasswordInput::new("client", "alice", "123456", "N3w-Passw0rd!");
    assert_eq!(input.clone().into_username(), "alice");
    assert_eq!(input.into_secret_hash(), None);
    let details = types::CodeDeliveryDetailsType::new().with_destination("a***@e.com");
    assert_eq!(details.into_destination().as_deref(), Some("a***@e.com"));
}

/// The prelude names every operation's input, output and error enum, and the `types` module.
#[test]
fn the_prelude_is_enough_to_name_a_flow() {
    fn handles(
        _: Option<ForgotPasswordError>,
        _: Option<ConfirmForgotPasswordError>,
        _: Option<ListUsersError>,
    ) {
    }
    handles(None, None, None);
    let _: Option<ForgotPasswordOutput> = None;
    let _: Option<ConfirmForgotPasswordOutput> = None;
    let _: Option<Error<ListUsersError>> = None;
    assert_eq!(
        types::AuthFlowType::UserPasswordAuth.as_str(),
        "USER_PASSWORD_AUTH"
    );
}
