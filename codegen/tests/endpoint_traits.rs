//! `@endpoint` host prefixes with `@hostLabel` members, `@requestCompression`, error message
//! members and the per-model cargo features, on small inline models.
use codegen::model::Model;
use codegen::resolve::{resolve, Options};
use serde_json::{json, Value};

const PARTITIONS: &str = r#"{"partitions": [], "version": "1.1"}"#;

/// A service with one operation `Op` whose traits and input members are given.
fn model(op_traits: Value, input_members: Value) -> String {
    json!({
        "smithy": "2.0",
        "shapes": {
            "t#Svc": {
                "type": "service", "version": "1",
                "operations": [{"target": "t#Op"}],
                "traits": {"aws.protocols#awsJson1_0": {}}
            },
            "t#Op": {
                "type": "operation",
                "input": {"target": "t#OpInput"},
                "errors": [{"target": "t#Oops"}],
                "traits": op_traits
            },
            "t#OpInput": {"type": "structure", "members": input_members},
            "t#Oops": {
                "type": "structure",
                "members": {"Message": {"target": "t#Str"}, "Code": {"target": "t#Str"}},
                "traits": {"smithy.api#error": "client"}
            },
            "t#Str": {"type": "string"},
            "t#Int": {"type": "integer"}
        }
    })
    .to_string()
}

fn resolved(text: &str) -> Result<codegen::ir::Service, String> {
    let model = Model::parse(text, "inline.json").map_err(|e| e.to_string())?;
    resolve(&model, &Options::default()).map_err(|e| e.to_string())
}

fn label_member(target: &str) -> Value {
    json!({"label": {"target": target, "traits": {"smithy.api#hostLabel": {}, "smithy.api#required": {}}}})
}

#[test]
fn a_host_prefix_names_its_host_label_members() {
    let service = resolved(&model(
        json!({"smithy.api#endpoint": {"hostPrefix": "foo.{label}."}}),
        label_member("t#Str"),
    ))
    .unwrap();
    let op = &service.operations[0];
    assert_eq!(op.host_prefix.as_deref(), Some("foo.{label}."));
    assert_eq!(op.host_labels.len(), 1);
    assert_eq!(op.host_labels[0].name, "label");
    assert_eq!(op.host_labels[0].field, "label");
    assert!(!op.host_labels[0].optional);
    assert!(!op.request_compression);
}

#[test]
fn host_prefix_labels_must_be_string_host_label_members() {
    let cases = [
        (
            label_member("t#Str"),
            "foo.{other}.",
            "the input has no member",
        ),
        (
            json!({"label": {"target": "t#Str"}}),
            "foo.{label}.",
            "not marked @hostLabel",
        ),
        (label_member("t#Int"), "foo.{label}.", "not a string"),
    ];
    for (members, prefix, problem) in cases {
        let error = resolved(&model(
            json!({"smithy.api#endpoint": {"hostPrefix": prefix}}),
            members,
        ))
        .unwrap_err();
        assert!(error.contains(problem), "{prefix}: {error}");
        assert!(error.contains("t#Op"), "{error}");
    }
}

#[test]
fn request_compression_means_gzip_only() {
    let op = |encodings: Value| {
        let traits = json!({"smithy.api#requestCompression": {"encodings": encodings}});
        resolved(&model(traits, json!({}))).unwrap().operations[0].request_compression
    };
    assert!(op(json!(["gzip"])));
    assert!(op(json!(["br", "gzip"])));
    assert!(!op(json!(["br"])));
}

#[test]
fn an_error_remembers_its_message_member() {
    let service = resolved(&model(json!({}), json!({}))).unwrap();
    let oops = &service.errors["Oops"];
    let info = oops.error.as_ref().unwrap();
    assert_eq!(info.message_member.as_deref(), Some("Message"));
    assert!(oops.members.iter().all(|m| m.wire_name != "Message"));
}

fn emitted(op_traits: Value, input_members: Value, path: &str) -> String {
    let files = codegen::generate(
        &model(op_traits, input_members),
        "inline.json",
        PARTITIONS,
        &Options::default(),
    )
    .unwrap();
    files
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

#[test]
fn gzip_is_a_default_feature_only_where_an_operation_compresses() {
    let plain = emitted(json!({}), json!({}), "Cargo.toml");
    assert!(plain.contains("\n[features]\ndefault = []\n"), "{plain}");
    assert!(plain.contains("\nrequest-compression = [\"dep:flate2\"]\n"));
    assert!(plain.contains("\ndynamic = [\"serde/derive\"]\n"));
    assert_eq!(plain.matches("default =").count(), 1, "{plain}");
    let compressing = emitted(
        json!({"smithy.api#requestCompression": {"encodings": ["gzip"]}}),
        json!({}),
        "Cargo.toml",
    );
    assert!(
        compressing.contains("\n[features]\ndefault = [\"request-compression\"]\n"),
        "{compressing}"
    );
}

#[test]
fn the_client_method_passes_host_labels_and_the_spec_carries_the_traits() {
    let module = emitted(
        json!({
            "smithy.api#endpoint": {"hostPrefix": "foo.{label}."},
            "smithy.api#requestCompression": {"encodings": ["gzip"]}
        }),
        label_member("t#Str"),
        "src/operation/op.rs",
    );
    assert!(
        module.contains("host_prefix: Some(\"foo.{label}.\")"),
        "{module}"
    );
    assert!(module.contains("request_compression: true"), "{module}");
    assert!(
        module
            .contains("call_with_host_labels(&SPEC, &input, &[(\"label\", input.label.as_str())])"),
        "{module}"
    );
}

#[test]
fn the_dynamic_module_is_behind_its_feature() {
    let lib = emitted(json!({}), json!({}), "src/lib.rs");
    assert!(lib.contains("#[cfg(feature = \"dynamic\")]\n#[rustfmt::skip]\npub mod dynamic;"));
    let dynamic = emitted(json!({}), json!({}), "src/dynamic.rs");
    assert!(dynamic.contains("\"Op\" => {"), "{dynamic}");
    assert!(
        dynamic.contains("modeled(\"Oops\", &e, e.metadata(), Some(\"Message\"))"),
        "{dynamic}"
    );
}
