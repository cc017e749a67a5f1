//! The generic half of the `test-util` mocks: routing by `X-Amz-Target`, the wire form of
//! answers, and the typed record of inputs.
use bytes::Bytes;
use runtime::mock::{MockError, Mocks, Rule};
use runtime::transport::HttpTransport;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Clone, Debug, PartialEq)]
struct Greet {
    #[serde(rename = "Name")]
    name: String,
}

#[derive(Serialize)]
struct Greeting {
    #[serde(rename = "Text")]
    text: String,
}

fn greet(prefix: &'static str) -> Rule {
    Rule::new("Svc.Greet", move |input: &Greet| {
        if input.name.is_empty() {
            return Err(MockError::new(
                "NameMissing",
                serde_json::json!({ "message": "no name" }),
            ));
        }
        Ok(Greeting {
            text: format!("{prefix} {}", input.name),
        })
    })
}

async fn send(mocks: &Mocks, target: &str, body: &str) -> (u16, serde_json::Value) {
    let request = http::Request::builder()
        .uri("https://example.com/")
        .header("x-amz-target", target)
        .body(Bytes::from(body.to_string()))
        .unwrap();
    let response = mocks.send(request).await.unwrap();
    let body = serde_json::from_slice(response.body()).unwrap();
    (response.status().as_u16(), body)
}

#[tokio::test]
async fn the_first_rule_for_a_target_answers_and_inputs_are_kept_typed() {
    let mocks = Mocks::new().on(greet("hello")).on(greet("ignored"));
    let (status, body) = send(&mocks, "Svc.Greet", r#"{"Name":"ann"}"#).await;
    assert_eq!(
        (status, body),
        (200, serde_json::json!({ "Text": "hello ann" }))
    );
    assert_eq!(
        mocks.requests::<Greet>(),
        vec![Greet { name: "ann".into() }]
    );
    assert!(mocks.requests::<String>().is_empty());
}

#[tokio::test]
async fn errors_carry_their_type_and_unrouted_targets_are_named() {
    let mocks = Mocks::new().on(greet("hello"));
    let (status, body) = send(&mocks, "Svc.Greet", r#"{"Name":""}"#).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        serde_json::json!({ "__type": "NameMissing", "message": "no name" })
    );
    let (status, body) = send(&mocks, "Svc.Other", "{}").await;
    assert_eq!(status, 400);
    assert_eq!(body["__type"], "NoMockRule");
    assert!(body["message"].as_str().unwrap().contains("Svc.Other"));
    assert_eq!(format!("{mocks:?}"), r#"["Svc.Greet"]"#);
}
