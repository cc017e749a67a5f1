//! Operations needing a feature the generator does not implement are left out, never failing
//! the whole model (model/test-models/unsupported-operations.json): `Query` must be sent to a
//! discovered endpoint (`aws.api#clientDiscoveredEndpoint` with `required: true`),
//! `SubscribeToEvents` and `PublishEvents` have an event-stream member (a `@streaming` union).
//! `Lookup` (discovery optional), `DescribeEndpoints` and `PutDocument` (document types) are
//! generated, the generator warns naming each left-out operation, the crate docs list them, and
//! the crate passes clippy with warnings denied.
mod common;

use codegen::Generated;
use std::process::Command;
use std::sync::OnceLock;

const MODEL_FILE: &str = "unsupported-operations.json";
const LEFT_OUT: [&str; 3] = ["PublishEvents", "Query", "SubscribeToEvents"];
const GENERATED: [&str; 3] = ["describe_endpoints", "lookup", "put_document"];

fn generated() -> &'static Generated {
    static GENERATED: OnceLock<Generated> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let root = common::root();
        let path = root.join("model/test-models").join(MODEL_FILE);
        let model =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let partitions =
            std::fs::read_to_string(root.join("../shared/models/partitions.json")).unwrap();
        codegen::generate_with_warnings(&model, MODEL_FILE, &partitions, &Default::default())
            .unwrap_or_else(|e| panic!("the model must still generate: {e}"))
    })
}

fn file(path: &str) -> Option<&'static str> {
    generated()
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
}

#[test]
fn each_left_out_operation_gets_one_warning_naming_it_and_why() {
    let warnings = &generated().warnings;
    assert_eq!(warnings.len(), LEFT_OUT.len(), "{warnings:#?}");
    for (warning, name) in warnings.iter().zip(LEFT_OUT) {
        assert!(
            warning.starts_with(&format!("{MODEL_FILE}: operation {name} left out: ")),
            "{warning}"
        );
    }
    assert!(warnings[1].contains("aws.api#clientDiscoveredEndpoint"));
    for stream in [&warnings[0], &warnings[2]] {
        assert!(stream.contains("event stream"), "{stream}");
        assert!(
            stream.contains("example.unsupported#EventStream"),
            "{stream}"
        );
    }
}

#[test]
fn the_other_operations_are_generated_and_the_left_out_ones_are_not() {
    for module in GENERATED {
        assert!(
            file(&format!("src/operation/{module}.rs")).is_some(),
            "{module} missing"
        );
    }
    for module in ["query", "subscribe_to_events", "publish_events"] {
        assert!(
            file(&format!("src/operation/{module}.rs")).is_none(),
            "{module}"
        );
    }
    // The event-stream union and its event are reached only through left-out operations.
    assert!(
        !generated()
            .files
            .iter()
            .any(|f| f.path.contains("event_stream") || f.path.contains("message_event")),
        "types only the left-out operations use were emitted"
    );
}

#[test]
fn the_crate_docs_list_the_left_out_operations() {
    let lib = file("src/lib.rs").expect("lib.rs");
    let note = lib
        .split_once("Operations not generated")
        .map(|(_, rest)| rest)
        .expect("the crate docs have the note");
    for name in LEFT_OUT {
        assert!(
            note.contains(&format!("`{name}`")),
            "{name} not in the note"
        );
    }
    assert!(!note.contains("`Lookup`"));
}

#[test]
fn a_model_without_unsupported_operations_has_no_warning_and_no_note() {
    let (model, partitions) = common::inputs();
    let cognito =
        codegen::generate_with_warnings(&model, "cognito", &partitions, &Default::default())
            .unwrap();
    assert!(cognito.warnings.is_empty(), "{:?}", cognito.warnings);
    let lib = cognito
        .files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .unwrap();
    assert!(!lib.contents.contains("Operations not generated"));
}

/// Shares the generality tests' target directory, so the dependencies build once.
#[test]
fn the_rest_of_the_model_compiles_without_warnings() {
    let out = std::env::temp_dir().join(format!("unsupported-operations-{}", std::process::id()));
    codegen::write::sync(&out, &generated().files, false).unwrap();
    let output = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--quiet",
            "--features",
            "dynamic",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", common::root().join("target/generality"))
        .output()
        .expect("cargo runs");
    std::fs::remove_dir_all(&out).ok();
    assert!(
        output.status.success(),
        "the crate does not pass clippy:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
