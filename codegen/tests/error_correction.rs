//! Client error correction in a crate generated from a small model holding what Cognito's
//! model does not: a required union, intEnum, bigInteger, float and date-time timestamp,
//! and required members on recursive cycles (one that can be filled, one that cannot).
mod common;

use serde_json::json;

const PARTITIONS: &str = r#"{"partitions": [], "version": "1.1"}"#;

fn req(target: &str) -> serde_json::Value {
    json!({ "target": target, "traits": { "smithy.api#required": {} } })
}

fn model() -> String {
    json!({
        "smithy": "2.0",
        "shapes": {
            "t#Svc": {
                "type": "service", "version": "2024-01-01",
                "operations": [{ "target": "t#Op" }],
                "traits": { "aws.api#service": { "sdkId": "Lenient" }, "aws.protocols#awsJson1_0": {} }
            },
            "t#Op": { "type": "operation", "input": { "target": "smithy.api#Unit" }, "output": { "target": "t#OpOutput" } },
            "t#OpOutput": { "type": "structure", "members": {
                "flag": req("smithy.api#Boolean"),
                "count": req("smithy.api#Integer"),
                "ratio": req("smithy.api#Float"),
                "big": req("smithy.api#BigInteger"),
                "name": req("smithy.api#String"),
                "data": req("smithy.api#Blob"),
                "when": { "target": "smithy.api#Timestamp", "traits": {
                    "smithy.api#required": {}, "smithy.api#timestampFormat": "date-time" } },
                "doc": req("smithy.api#Document"),
                "items": req("t#Names"),
                "tags": req("t#Tags"),
                "kind": req("t#Kind"),
                "level": req("t#Level"),
                "choice": req("t#Choice"),
                "inner": req("t#Inner"),
                "parent": req("t#Parent"),
                "holder": req("t#Holder"),
                "loop": { "target": "t#Loop" }
            } },
            "t#Names": { "type": "list", "member": { "target": "smithy.api#String" } },
            "t#Tags": { "type": "map", "key": { "target": "smithy.api#String" }, "value": { "target": "smithy.api#String" } },
            "t#Kind": { "type": "enum", "members": { "A": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "a" } } } },
            "t#Level": { "type": "intEnum", "members": { "ZERO": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": 0 } } } },
            "t#Choice": { "type": "union", "members": { "n": { "target": "smithy.api#String" } } },
            "t#Inner": { "type": "structure", "members": {
                "id": req("smithy.api#String"),
                "note": { "target": "smithy.api#String" },
                "size": { "target": "smithy.api#Integer", "traits": { "smithy.api#default": 0 } }
            } },
            "t#Parent": { "type": "structure", "members": { "child": req("t#Child") } },
            "t#Child": { "type": "structure", "members": { "parent": { "target": "t#Parent" } } },
            "t#Holder": { "type": "structure", "members": { "u": req("t#U") } },
            "t#U": { "type": "union", "members": { "holder": { "target": "t#Holder" } } },
            "t#Loop": { "type": "structure", "members": { "next": req("t#Loop") } }
        }
    })
    .to_string()
}

const TEST: &str = r#"
use lenient::operation::op::OpOutput;
use lenient::types::{Choice, Kind, Level, Loop, U};

#[test]
fn every_missing_required_member_reads_as_its_zero() {
    let out: OpOutput = serde_json::from_value(serde_json::json!({})).unwrap();
    assert!(!out.flag());
    assert_eq!(out.count(), 0);
    assert_eq!(out.ratio(), 0.0);
    assert_eq!(out.big().as_i64(), Some(0));
    assert_eq!(out.name(), "");
    assert!(out.data().as_bytes().is_empty());
    assert_eq!(out.when().secs(), 0);
    assert!(out.doc().is_null());
    assert!(out.items().is_empty());
    assert!(out.tags().is_empty());
    assert_eq!(out.kind(), &Kind::Unknown(String::new()));
    assert_eq!(out.level(), &Level::Unknown(0));
    assert_eq!(out.choice(), &Choice::Unknown);
    assert_eq!(out.inner().id(), "");
    assert_eq!(out.inner().note(), None);
    assert_eq!(out.inner().size(), 0);
    // A required member on a cycle that an optional member closes: filled.
    assert_eq!(out.parent().child().parent(), None);
    // A required member whose cycle goes through a union: the union's unknown variant.
    assert_eq!(out.holder().u(), &U::Unknown);
    assert!(out.r#loop().is_none());
}

#[test]
fn null_is_corrected_like_absence() {
    let out: OpOutput = serde_json::from_value(serde_json::json!({"name": null, "count": null})).unwrap();
    assert_eq!(out.name(), "");
    assert_eq!(out.count(), 0);
}

#[test]
fn a_cycle_of_required_members_is_an_error_not_endless_recursion() {
    let error = serde_json::from_value::<Loop>(serde_json::json!({})).unwrap_err();
    assert!(error.to_string().contains("missing field `next`"), "{error}");
    let error = serde_json::from_value::<OpOutput>(serde_json::json!({"loop": {}})).unwrap_err();
    assert!(error.to_string().contains("missing field `next`"), "{error}");
}
"#;

#[test]
fn a_generated_crate_fills_missing_required_members_with_zero_values() {
    let files =
        codegen::generate(&model(), "lenient.json", PARTITIONS, &Default::default()).unwrap();
    let output = common::run_test_of_generated_crate(&files, "correction", TEST);
    assert!(
        output.status.success(),
        "the generated crate's correction test fails:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
