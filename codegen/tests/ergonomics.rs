//! What a program calling the generated client writes: consuming accessors and optional setters
//! whose names never collide, the prelude, the front page and the operation modules' summaries.
mod common;

use codegen::model::Model;
use codegen::resolve::{resolve, Options};

/// A service whose members are named to collide with the methods other members add.
const COLLIDING: &str = r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
      "traits": {"aws.protocols#awsJson1_1": {}}},
    "ex#Op": {"type": "operation", "input": {"target": "ex#OpIn"}, "output": {"target": "ex#OpOut"}},
    "ex#OpIn": {"type": "structure", "members": {
      "Name": {"target": "smithy.api#String"},
      "IntoName": {"target": "smithy.api#String"},
      "NameOpt": {"target": "smithy.api#String"},
      "WithNameOpt": {"target": "smithy.api#String"}
    }},
    "ex#OpOut": {"type": "structure", "members": {
      "Users": {"target": "ex#Names"},
      "IntoUsers": {"target": "smithy.api#String"}
    }},
    "ex#Names": {"type": "list", "member": {"target": "smithy.api#String"}}
  }
}"#;

#[test]
fn member_methods_including_into_and_with_opt_never_collide() {
    let model = Model::parse(COLLIDING, "colliding.json").unwrap_or_else(|e| panic!("{e}"));
    let service = resolve(&model, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let op = &service.operations[0];
    for structure in [&op.input, &op.output] {
        let mut methods: Vec<String> = structure
            .members
            .iter()
            .flat_map(|m| codegen::naming::member_methods(&m.field))
            .collect();
        for name in ["into_name", "with_name_opt", "into_users"] {
            let owners = methods.iter().filter(|m| *m == name).count();
            assert!(owners <= 1, "{name} claimed {owners} times");
        }
        let count = methods.len();
        methods.sort();
        methods.dedup();
        assert_eq!(methods.len(), count, "{}: {methods:?}", structure.name);
    }
    // The emitted methods are the ones naming claimed.
    let files = codegen::generate(
        COLLIDING,
        "colliding.json",
        r#"{"partitions": [], "version": "1.1"}"#,
        &Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let module = &files
        .iter()
        .find(|f| f.path == "src/operation/op.rs")
        .unwrap()
        .contents;
    for m in &op.output.members {
        let into = codegen::naming::into_method(&m.field);
        // Each member's line of `shape::structure!` ends `-> into_x;`.
        assert_eq!(
            module.matches(&format!("-> {into};\n")).count(),
            1,
            "{into}"
        );
    }
    for m in &op.input.members {
        let opt = codegen::naming::with_opt_method(&m.field);
        // ... and names `with_x_opt` after `with_x(..)`, before `-> into_x`.
        let slot = module.matches(&format!("), {opt} -> ")).count()
            + module.matches(&format!("), {opt};\n")).count();
        assert_eq!(slot, 1, "{opt}");
    }
}

/// The operation names from the model itself, not from the IR under test.
fn model_operations() -> Vec<String> {
    let (model, _) = common::inputs();
    let json: serde_json::Value = serde_json::from_str(&model).unwrap();
    let shapes = json["shapes"].as_object().unwrap();
    shapes
        .iter()
        .filter(|(_, shape)| shape["type"] == "operation")
        .map(|(id, _)| id.rsplit('#').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_prelude_re_exports_every_operations_input_output_and_error() {
    let prelude = common::file("src/prelude.rs");
    let operations = model_operations();
    assert!(operations.len() > 100, "{}", operations.len());
    for op in &operations {
        for suffix in ["Input", "Output", "Error"] {
            let name = format!("{op}{suffix}");
            let found = prelude
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .any(|word| word == name);
            assert!(found, "{name} not in the prelude");
        }
    }
    assert!(prelude.contains("pub use crate::{types, Client, Config, Error};"));
    assert!(common::file("src/lib.rs").contains("pub mod prelude;"));
}

/// The `//!` lines of a file, without the markers.
fn inner_docs(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect()
}

#[test]
fn cognitos_front_page_is_the_compiled_password_reset_example() {
    let example =
        std::fs::read_to_string(common::root().join("tests/examples/password_reset.rs")).unwrap();
    let docs = inner_docs(common::file("src/lib.rs")).join("\n");
    let code: Vec<&str> = example
        .lines()
        .skip_while(|l| l.starts_with("//!"))
        .collect();
    let block = format!("```rust,no_run\n{}\n```", code.join("\n").trim());
    assert!(
        docs.contains(&block),
        "front page lacks the example:\n{docs}"
    );
    for call in [
        "forgot_password(",
        "confirm_forgot_password(",
        "list_users_paginator(",
    ] {
        assert!(block.contains(call), "{call}");
    }
    assert!(!docs.contains("```text"), "no pseudo-code block left");
}

#[test]
fn other_services_get_a_generic_example_of_an_operation_without_required_members() {
    let model =
        std::fs::read_to_string(common::root().join("../shared/models/kms-2014-11-01.json"));
    let Ok(model) = model else {
        panic!("../shared/models/kms-2014-11-01.json is needed");
    };
    let files = codegen::generate(
        &model,
        "kms.json",
        r#"{"partitions": [], "version": "1.1"}"#,
        &Options::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let lib = &files
        .iter()
        .find(|f| f.path == "src/lib.rs")
        .unwrap()
        .contents;
    let docs = inner_docs(lib).join("\n");
    // In name order, CreateKey is KMS's first operation whose input requires nothing.
    assert!(docs.contains("use kms::prelude::*;"), "{docs}");
    assert!(
        docs.contains("let output = client.create_key(CreateKeyInput::new()).await?;"),
        "{docs}"
    );
    assert!(!docs.contains("password"), "no Cognito text elsewhere");
}

#[test]
fn each_operation_module_is_summarised_by_its_own_first_sentence() {
    let files = common::cognito_files();
    let modules: Vec<_> = files
        .iter()
        .filter(|f| f.path.starts_with("src/operation/") && !f.path.ends_with("mod.rs"))
        .collect();
    assert!(modules.len() > 100);
    let mut summaries = std::collections::BTreeSet::new();
    for f in &modules {
        let summary = inner_docs(&f.contents)[0].to_string();
        summaries.insert(summary.clone());
        assert!(
            !summary.contains("its input, output, error and client method"),
            "{}: {summary}",
            f.path
        );
    }
    // Admin and user variants of a call share documentation in the model; nothing else does.
    assert!(
        summaries.len() > modules.len() * 9 / 10,
        "{} of {}",
        summaries.len(),
        modules.len()
    );
    assert_eq!(
        inner_docs(common::file("src/operation/list_users.rs"))[0],
        "Given a user pool ID, returns a list of users and their basic details in a user pool."
    );
}
