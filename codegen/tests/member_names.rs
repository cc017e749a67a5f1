//! Members are renamed only where they collide with a name their kind of type has
//! (`naming::own_names`): `Message` and `Code` stay `message()` and `code()` on plain
//! structures and outputs, and `Code` becomes `code_value()` only on errors, whose `code()`
//! and `message()` are the service's. Checked in the IR and in a
//! generated crate, which also shows that only `@retryable` errors are retried.
mod common;

use codegen::ir::{Structure, TypeDef};
use codegen::resolve::{resolve, Options};
use serde_json::json;

const PARTITIONS: &str = r#"{"partitions": [], "version": "1.1"}"#;

fn string() -> serde_json::Value {
    json!({ "target": "smithy.api#String" })
}

fn model() -> String {
    json!({
        "smithy": "2.0",
        "shapes": {
            "t#Svc": {
                "type": "service", "version": "2024-01-01",
                "operations": [{ "target": "t#Op" }],
                "traits": { "aws.api#service": { "sdkId": "Member Names" }, "aws.protocols#awsJson1_0": {} }
            },
            "t#Op": {
                "type": "operation", "input": { "target": "t#OpInput" }, "output": { "target": "t#OpOutput" },
                "errors": [{ "target": "t#Throttled" }, { "target": "t#Rejected" }]
            },
            "t#OpInput": { "type": "structure", "members": {
                "Message": string(), "Code": string(), "Note": { "target": "t#Note" },
                "Pick": { "target": "t#Pick" }, "Mode": { "target": "t#Mode" }
            } },
            "t#OpOutput": { "type": "structure", "members": {
                "Message": string(), "Code": string(), "Headers": string(), "Metadata": string()
            } },
            "t#Note": { "type": "structure", "members": {
                "Message": string(), "Code": string(), "Metadata": string(), "RawBody": string(), "New": string()
            } },
            "t#Throttled": { "type": "structure",
                "traits": { "smithy.api#error": "server", "smithy.api#retryable": {} },
                "members": { "message": string(), "Code": string(), "Headers": string(), "RawBody": string() } },
            "t#Rejected": { "type": "structure", "traits": { "smithy.api#error": "client" },
                "members": { "Message": string(), "Reason": string() } },
            "t#Pick": { "type": "union", "members": { "Unknown": string(), "Message": string() } },
            "t#Mode": { "type": "enum", "members": {
                "Unknown": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "unknown" } },
                "Unhandled": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "unhandled" } }
            } }
        }
    })
    .to_string()
}

fn fields(s: &Structure) -> Vec<(&str, &str)> {
    s.members
        .iter()
        .map(|m| (m.wire_name.as_str(), m.field.as_str()))
        .collect()
}

#[test]
fn members_are_renamed_only_where_their_type_has_the_name() {
    let model = codegen::model::Model::parse(&model(), "names.json").unwrap();
    let service = resolve(&model, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let op = &service.operations[0];
    let input = fields(&op.input);
    assert_eq!(&input[..2], [("Message", "message"), ("Code", "code")]);
    assert_eq!(
        fields(&op.output),
        [
            ("Message", "message"),
            ("Code", "code"),
            ("Headers", "headers_value"),
            ("Metadata", "metadata_value")
        ]
    );
    let Some(TypeDef::Structure(note)) = service.types.get("Note") else {
        panic!("no structure Note")
    };
    assert_eq!(
        fields(note),
        [
            ("Message", "message"),
            ("Code", "code"),
            ("Metadata", "metadata"),
            ("RawBody", "raw_body"),
            ("New", "new_value")
        ]
    );
    // An error's message is the metadata's, so its `message` member is no field of its own.
    assert_eq!(
        fields(&service.errors["Throttled"]),
        [
            ("Code", "code_value"),
            ("Headers", "headers_value"),
            ("RawBody", "raw_body_value")
        ]
    );
    assert_eq!(fields(&service.errors["Rejected"]), [("Reason", "reason")]);
    let Some(TypeDef::Union(pick)) = service.types.get("Pick") else {
        panic!("no union Pick")
    };
    assert_eq!(
        fields(pick),
        [("Unknown", "UnknownValue"), ("Message", "Message")]
    );
    let Some(TypeDef::Enum(mode)) = service.types.get("Mode") else {
        panic!("no enum Mode")
    };
    let variants: Vec<&str> = mode.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(variants, ["UnknownValue", "Unhandled"]);
    assert_eq!(op.error_name, "OpError");
    assert_eq!(note.module, "note");
    assert_eq!(op.input.module, "op");
}

/// Runs inside the generated crate.
const TEST: &str = r##"
use member_names::bytes::Bytes;
use member_names::http::HeaderMap;
use member_names::operation::op::{OpError, OpInput, OpOutput};
use member_names::error::{ErrorMetadata, OperationError};
use member_names::types::{Mode, Note, Pick};

#[test]
fn plain_structures_and_outputs_keep_message_and_code() {
    let note = Note::new().with_message("m").with_code("c").with_metadata("x").with_new_value("n");
    assert_eq!((note.message(), note.code(), note.metadata()), (Some("m"), Some("c"), Some("x")));
    assert_eq!(note.new_value(), Some("n"));
    let input = OpInput::new().with_message("hi").with_code("123456");
    assert_eq!((input.message(), input.code()), (Some("hi"), Some("123456")));
    let output: OpOutput =
        serde_json::from_str(r#"{"Message": "m", "Code": "c", "Headers": "h", "Metadata": "x"}"#).unwrap();
    assert_eq!((output.message(), output.code()), (Some("m"), Some("c")));
    assert_eq!((output.headers_value(), output.metadata_value()), (Some("h"), Some("x")));
    assert!(output.headers().is_empty());
    assert!(matches!(Pick::UnknownValue("u".into()), Pick::UnknownValue(_)));
    assert_eq!(Mode::from("unhandled"), Mode::Unhandled);
    assert_eq!(Mode::from("unknown"), Mode::UnknownValue);
}

fn error(code: &str, body: &str) -> OpError {
    let mut metadata = ErrorMetadata::default();
    metadata.code = Some(code.into());
    metadata.message = Some("slow down".into());
    metadata.status = 503;
    metadata.set_response(HeaderMap::new(), Bytes::from(body.to_string()));
    OpError::from_response(metadata)
}

#[test]
fn errors_keep_the_services_code_and_message_beside_their_members() {
    let e = error("Throttled", r#"{"message": "slow down", "Code": "T-1", "Headers": "h", "RawBody": "b"}"#);
    let OpError::Throttled(throttled) = &e else { panic!("{e:?}") };
    assert_eq!((throttled.code(), throttled.code_value()), (Some("Throttled"), Some("T-1")));
    assert_eq!(throttled.message(), Some("slow down"));
    assert_eq!((throttled.headers_value(), throttled.raw_body_value()), (Some("h"), Some("b")));
    assert!(throttled.headers().is_empty());
    assert_eq!(e.code(), Some("Throttled"));
    assert_eq!(e.to_string(), "Throttled: slow down (HTTP 503)");
}

#[test]
fn only_errors_the_model_marks_retryable_are_retried() {
    assert!(error("Throttled", "{}").is_retryable());
    let rejected = error("Rejected", r#"{"Reason": "no"}"#);
    assert!(rejected.is_rejected());
    assert!(!rejected.is_retryable());
    assert!(!error("Other", "{}").is_retryable());
}
"##;

#[test]
fn a_generated_crate_names_members_by_their_types_methods_and_retries_only_retryable_errors() {
    let files = codegen::generate(&model(), "names.json", PARTITIONS, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let output = common::run_test_of_generated_crate(&files, "member_names", TEST);
    assert!(
        output.status.success(),
        "the generated crate's test fails:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
