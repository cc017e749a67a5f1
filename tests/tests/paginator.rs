//! The generated ListUsers paginator against a scripted loopback server: the requests each page
//! sends (every input member again, only the token changed), the end of the walk, and the
//! repeated-token and error cases.
use cognito_identity_provider::operation::list_users::{ListUsersError, ListUsersInput};
use cognito_identity_provider::{Client, Config, Credentials, Error};
use serde_json::json;
use std::time::Duration;
use stub_server::{Reply, StubServer};

const TARGET: &str = "AWSCognitoIdentityProviderService.ListUsers";
const POOL: &str = "us-east-1_pager";
const FILTER: &str = "email ^= \"a\"";

fn client(server: &StubServer) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(server.url())
            .credentials_provider(Credentials::new("AKIDPAGER", "pager/secret", None))
            .max_attempts(1)
            .attempt_timeout(Duration::from_secs(5))
            .build(),
    )
}

fn input() -> ListUsersInput {
    ListUsersInput::new(POOL)
        .with_filter(FILTER)
        .with_attributes_to_get(vec!["email".to_string()])
}

/// A ListUsers page with these user names and next token.
fn page(users: &[&str], token: Option<&str>) -> Reply {
    let users: Vec<_> = users.iter().map(|u| json!({ "Username": u })).collect();
    let mut body = json!({ "Users": users });
    if let Some(token) = token {
        body["PaginationToken"] = json!(token);
    }
    Reply::json(200, &body.to_string()).header("x-amzn-requestid", "req-page")
}

/// The body every request must have, with this token.
fn expected_request(token: Option<&str>, limit: Option<i32>) -> serde_json::Value {
    let mut body = json!({
        "UserPoolId": POOL,
        "Filter": FILTER,
        "AttributesToGet": ["email"],
    });
    if let Some(token) = token {
        body["PaginationToken"] = json!(token);
    }
    if let Some(limit) = limit {
        body["Limit"] = json!(limit);
    }
    body
}

fn assert_requests(server: &StubServer, expected: &[serde_json::Value]) {
    let requests = server.requests();
    assert_eq!(requests.len(), expected.len(), "number of requests");
    for (request, body) in requests.iter().zip(expected) {
        assert_eq!(request.header("x-amz-target"), Some(TARGET));
        assert_eq!(&request.json(), body);
    }
}

#[tokio::test]
async fn three_pages_with_an_empty_middle_one_resend_every_member() {
    let server = StubServer::start(vec![
        page(&["ana", "bob"], Some("t1")),
        page(&[], Some("t2")),
        page(&["cy"], None),
    ])
    .await;
    let users = client(&server)
        .list_users_paginator(input())
        .page_size(2)
        .items()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = users.iter().map(|u| u.username().unwrap()).collect();
    assert_eq!(names, ["ana", "bob", "cy"]);
    assert_requests(
        &server,
        &[
            expected_request(None, Some(2)),
            expected_request(Some("t1"), Some(2)),
            expected_request(Some("t2"), Some(2)),
        ],
    );
}

#[tokio::test]
async fn pages_come_whole_and_in_order() {
    let server = StubServer::start(vec![page(&["ana"], Some("t1")), page(&["bob"], None)]).await;
    let mut pages = client(&server).list_users_paginator(input());
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(first.pagination_token(), Some("t1"));
    assert_eq!(first.request_id(), Some("req-page"));
    let second = pages.next().await.unwrap().unwrap();
    assert_eq!(second.pagination_token(), None);
    assert!(pages.next().await.is_none());
    assert_requests(
        &server,
        &[
            expected_request(None, None),
            expected_request(Some("t1"), None),
        ],
    );
}

#[tokio::test]
async fn a_repeated_token_ends_the_stream_with_an_error() {
    let server = StubServer::start(vec![
        page(&["ana"], Some("same")),
        page(&["bob"], Some("same")),
        // Never asked for: the walk must stop before this.
        page(&["cy"], None),
    ])
    .await;
    let mut items = client(&server).list_users_paginator(input()).items();
    let mut names = Vec::new();
    let error = loop {
        match items.next().await {
            Some(Ok(user)) => names.push(user.username().unwrap().to_string()),
            Some(Err(error)) => break error,
            None => panic!("the stream ended without an error"),
        }
    };
    assert_eq!(names, ["ana", "bob"]);
    assert!(
        matches!(&error, Error::Response(e) if e.message.contains("token")),
        "{error:?}"
    );
    assert!(items.next().await.is_none());
    assert_requests(
        &server,
        &[
            expected_request(None, None),
            expected_request(Some("same"), None),
        ],
    );
}

#[tokio::test]
async fn a_service_error_is_an_item_and_ends_the_stream() {
    let not_found = Reply::json(
        400,
        r#"{"__type":"ResourceNotFoundException","message":"no pool"}"#,
    );
    let server = StubServer::start(vec![page(&["ana"], Some("t1")), not_found]).await;
    let mut items = client(&server).list_users_paginator(input()).items();
    assert!(items.next().await.unwrap().is_ok());
    match items.next().await {
        Some(Err(Error::Service(ListUsersError::ResourceNotFoundException(_)))) => {}
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    assert!(items.next().await.is_none());
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn max_items_asks_for_no_further_page() {
    let server = StubServer::start(vec![page(&["ana", "bob"], Some("t1"))]).await;
    let users = client(&server)
        .list_users_paginator(input())
        .items()
        .max_items(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(server.requests().len(), 1);
}
