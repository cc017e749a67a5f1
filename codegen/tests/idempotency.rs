//! `@idempotencyToken`: every operation whose input has an optional token member fills it when
//! unset, and no other operation does; counted from the model's JSON, not from the IR.
mod common;

use serde_json::Value;
use std::collections::BTreeSet;

/// Snake-case module names of the operations whose input structure has a member with the trait.
fn operations_with_tokens(model: &Value) -> BTreeSet<String> {
    let shapes = model["shapes"].as_object().unwrap();
    let has_token = |input: &str| {
        shapes[input]["members"]
            .as_object()
            .into_iter()
            .flatten()
            .any(|(_, m)| m["traits"].get("smithy.api#idempotencyToken").is_some())
    };
    shapes
        .iter()
        .filter(|(_, s)| s["type"] == "operation")
        .filter(|(_, s)| s["input"]["target"].as_str().is_some_and(has_token))
        .map(|(id, _)| codegen::naming::snake(id.rsplit('#').next().unwrap()))
        .collect()
}

#[test]
fn dynamodb_fills_its_idempotency_tokens() {
    let root = common::root();
    let text =
        std::fs::read_to_string(root.join("../shared/models/dynamodb-2012-08-10.json")).unwrap();
    let partitions =
        std::fs::read_to_string(root.join("../shared/models/partitions.json")).unwrap();
    let model: Value = serde_json::from_str(&text).unwrap();
    let expected = operations_with_tokens(&model);
    assert!(!expected.is_empty(), "DynamoDB has idempotency tokens");
    let files = codegen::generate(&text, "dynamodb", &partitions, &Default::default()).unwrap();
    let filled: BTreeSet<String> = files
        .iter()
        .filter(|f| {
            f.contents
                .contains("self.runtime.config().idempotency_token()")
        })
        .filter_map(|f| f.path.strip_prefix("src/operation/")?.strip_suffix(".rs"))
        .map(str::to_string)
        .collect();
    assert_eq!(filled, expected);
}
