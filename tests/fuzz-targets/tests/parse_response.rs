//! `dynamic::parse_response`, the entry point the `response` target fuzzes, reads responses as
//! the Cognito API reference describes them (expected values written from the model's shapes).
use cognito_identity_provider::dynamic::{parse_response, DynamicError};
use serde_json::json;

fn headers(pairs: &[(&'static str, &'static str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, http::HeaderValue::from_static(value));
    }
    map
}

#[test]
fn a_success_body_becomes_the_output_in_wire_form() {
    let body =
        br#"{"Session":"s","ChallengeName":"SMS_MFA","ChallengeParameters":{"k":"v"},"Unknown":1}"#;
    let output = parse_response("InitiateAuth", 200, &headers(&[]), body).expect("an output");
    assert_eq!(
        output,
        json!({"Session": "s", "ChallengeName": "SMS_MFA", "ChallengeParameters": {"k": "v"}})
    );
}

#[test]
fn a_blank_success_body_is_an_empty_output() {
    let output = parse_response("ConfirmForgotPassword", 200, &headers(&[]), b" \n").unwrap();
    assert_eq!(output, json!({}));
}

#[test]
fn a_success_body_of_the_wrong_type_is_a_response_error() {
    let got = parse_response("InitiateAuth", 200, &headers(&[]), br#"{"Session":7}"#);
    assert!(
        matches!(got, Err(DynamicError::Response { status: 200, .. })),
        "{got:?}"
    );
}

#[test]
fn an_error_body_becomes_the_listed_error() {
    let body = br#"{"__type":"com.amazonaws.cognitoidentityprovider#ExpiredCodeException","message":"late"}"#;
    let got = parse_response("ConfirmForgotPassword", 400, &headers(&[]), body);
    let Err(DynamicError::Service {
        shape,
        code,
        message,
        status,
        ..
    }) = got
    else {
        panic!("{got:?}");
    };
    assert_eq!(shape.as_deref(), Some("ExpiredCodeException"));
    assert_eq!(
        (code.as_str(), message.as_deref(), status),
        ("ExpiredCodeException", Some("late"), 400)
    );
}

#[test]
fn the_error_type_header_wins_over_the_body() {
    let header = headers(&[("x-amzn-errortype", "TooManyRequestsException:http://x")]);
    let got = parse_response(
        "ConfirmForgotPassword",
        429,
        &header,
        br#"{"__type":"Other"}"#,
    );
    let Err(DynamicError::Service { shape, code, .. }) = got else {
        panic!("{got:?}");
    };
    assert_eq!(
        (shape.as_deref(), code.as_str()),
        (Some("TooManyRequestsException"), "TooManyRequestsException")
    );
}

#[test]
fn an_unknown_operation_is_named() {
    let got = parse_response("NoSuchOperation", 200, &headers(&[]), b"{}");
    assert_eq!(
        got,
        Err(DynamicError::UnknownOperation {
            operation: "NoSuchOperation".into()
        })
    );
}
