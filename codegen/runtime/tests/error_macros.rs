//! The error macros as generated crates call them: an operation's error enum picks its
//! variant by wire code, parses the body, falls back to `Unhandled`, is retryable exactly for
//! errors marked `retryable`, and prints and chains transparently.
use runtime::error::{ErrorMetadata, ModeledError};
use runtime::operation::OperationError;
use std::error::Error as _;

mod types {
    pub mod error {
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        pub struct NotFound {
            pub resource: Option<String>,
            #[serde(skip)]
            pub metadata: runtime::error::ErrorMetadata,
        }
        runtime::modeled_error!(NotFound);

        #[derive(Debug, Default, serde::Deserialize)]
        pub struct Busy {
            #[serde(skip)]
            pub metadata: runtime::error::ErrorMetadata,
        }
        runtime::modeled_error!(Busy, retryable);
    }
}

mod op {
    runtime::operation_error! {
        /// The errors `DoThing` can return.
        DoThingError in crate::types::error {
            NotFoundException(NotFound) is_not_found_exception "NotFoundException",
            Busy(Busy) is_busy "BusyException",
        }
    }
}

mod other_op {
    runtime::operation_error! {
        /// An operation that lists no errors.
        NothingError in crate::types::error {}
    }
}

use op::DoThingError;
use other_op::NothingError;

fn response(code: &str, message: &str, body: &str) -> ErrorMetadata {
    let mut metadata = ErrorMetadata::default();
    metadata.code = Some(code.into());
    metadata.message = Some(message.into());
    metadata.status = 400;
    metadata.request_id = Some("req-1".into());
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-requestid", "req-1".parse().unwrap());
    metadata.set_response(headers, body.to_string().into());
    metadata
}

#[test]
fn the_wire_code_picks_the_variant_and_the_body_fills_its_members() {
    let error = DoThingError::from_response(response(
        "NotFoundException",
        "no such thing",
        r#"{"Resource":"thing-1"}"#,
    ));
    let DoThingError::NotFoundException(not_found) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(not_found.resource.as_deref(), Some("thing-1"));
    assert!(error.is_not_found_exception() && !error.is_busy() && !error.is_unhandled());
    assert_eq!(error.code(), Some("NotFoundException"));
    assert_eq!(error.message(), Some("no such thing"));
    assert_eq!(not_found.message(), Some("no such thing"));
    assert_eq!(error.request_id(), Some("req-1"));
    assert_eq!(error.http_status(), 400);
    assert_eq!(error.headers()["x-amzn-requestid"], "req-1");
    assert_eq!(error.raw_body(), br#"{"Resource":"thing-1"}"#);
    assert_eq!(OperationError::metadata(&error), error.metadata());
}

#[test]
fn unknown_codes_and_bodies_that_do_not_fit_are_unhandled() {
    let unknown = DoThingError::from_response(response("Other", "m", "{}"));
    assert!(unknown.is_unhandled());
    assert_eq!(unknown.code(), Some("Other"));
    let damaged = DoThingError::from_response(response("NotFoundException", "m", "[1]"));
    assert!(damaged.is_unhandled(), "{damaged:?}");
    assert!(damaged
        .message()
        .unwrap()
        .contains("did not match the model"));
    let listed_none = NothingError::from_response(response("NotFoundException", "m", "{}"));
    assert!(listed_none.is_unhandled());
    assert!(!listed_none.is_retryable());
}

#[test]
fn only_errors_marked_retryable_are_retried() {
    let busy = DoThingError::from_response(response("BusyException", "slow down", ""));
    assert!(busy.is_busy());
    assert!(busy.is_retryable());
    let not_found = DoThingError::from_response(response("NotFoundException", "m", "{}"));
    assert!(!not_found.is_retryable());
    assert!(!DoThingError::from_response(response("X", "m", "")).is_retryable());
    const { assert!(<types::error::Busy as ModeledError>::RETRYABLE) };
    const { assert!(!<types::error::NotFound as ModeledError>::RETRYABLE) };
}

#[test]
fn display_is_the_variants_and_there_is_no_source_below_it() {
    let error = DoThingError::from_response(response("BusyException", "slow down", ""));
    let text = "BusyException: slow down (HTTP 400, request id req-1)";
    assert_eq!(error.to_string(), text);
    let DoThingError::Busy(busy) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(busy.to_string(), text);
    assert!(error.source().is_none());
}

#[test]
fn error_structures_built_for_test_doubles_carry_their_message() {
    let error = types::error::NotFound::default().with_message("gone");
    assert_eq!(error.message(), Some("gone"));
    assert_eq!(error.code(), None);
}
