//! `@timestampFormat`: which format each member resolves to (member over target, through
//! lists, maps and unions), the (de)serializers emitted for it, and the corpus models that
//! could not be generated before the text formats were supported.
mod common;

use codegen::ir::{self, TimestampFormat, TypeDef};
use codegen::model::Model;
use codegen::resolve::{resolve, Options};
use serde_json::json;

const PARTITIONS: &str = r#"{"partitions": [], "version": "1.1"}"#;

/// A service whose one input holds timestamps in every placement Smithy allows a format.
fn model(extra_member: Option<serde_json::Value>) -> String {
    let mut members = json!({
        "plain": { "target": "t#Ts" },
        "memberDate": { "target": "t#Ts", "traits": { "smithy.api#timestampFormat": "date-time" } },
        "targetHttp": { "target": "t#HttpTs" },
        "memberWins": { "target": "t#HttpTs", "traits": { "smithy.api#timestampFormat": "epoch-seconds" } },
        "list": { "target": "t#HttpList" },
        "map": { "target": "t#DateMap" },
        "choice": { "target": "t#Choice" }
    });
    if let Some(extra) = extra_member {
        members["extra"] = extra;
    }
    json!({
        "smithy": "2.0",
        "shapes": {
            "t#Svc": {
                "type": "service", "version": "2024-01-01",
                "operations": [{ "target": "t#Op" }],
                "traits": { "aws.api#service": { "sdkId": "Ts" }, "aws.protocols#awsJson1_0": {} }
            },
            "t#Op": { "type": "operation", "input": { "target": "t#OpInput" }, "output": { "target": "t#OpOutput" } },
            "t#OpInput": { "type": "structure", "members": members.clone() },
            "t#OpOutput": { "type": "structure", "members": members },
            "t#Ts": { "type": "timestamp" },
            "t#HttpTs": { "type": "timestamp", "traits": { "smithy.api#timestampFormat": "http-date" } },
            "t#DateTs": { "type": "timestamp", "traits": { "smithy.api#timestampFormat": "date-time" } },
            "t#HttpList": {
                "type": "list",
                "member": { "target": "t#DateTs", "traits": { "smithy.api#timestampFormat": "http-date" } }
            },
            "t#DateMap": { "type": "map", "key": { "target": "smithy.api#String" }, "value": { "target": "t#DateTs" } },
            "t#Choice": {
                "type": "union",
                "members": {
                    "at": { "target": "t#Ts", "traits": { "smithy.api#timestampFormat": "http-date" } },
                    "name": { "target": "smithy.api#String" }
                }
            }
        }
    })
    .to_string()
}

fn service(text: &str) -> Result<ir::Service, String> {
    let model = Model::parse(text, "timestamps.json").map_err(|e| e.to_string())?;
    resolve(&model, &Options::default()).map_err(|e| e.to_string())
}

fn format_of(members: &[ir::Member], wire: &str) -> Option<TimestampFormat> {
    members
        .iter()
        .find(|m| m.wire_name == wire)
        .unwrap_or_else(|| panic!("no member {wire}"))
        .timestamp_format
}

#[test]
fn the_member_wins_over_the_target_at_every_level() {
    let service = service(&model(None)).unwrap();
    let input = &service.operations[0].input.members;
    assert_eq!(format_of(input, "plain"), None);
    assert_eq!(
        format_of(input, "memberDate"),
        Some(TimestampFormat::DateTime)
    );
    assert_eq!(
        format_of(input, "targetHttp"),
        Some(TimestampFormat::HttpDate)
    );
    assert_eq!(
        format_of(input, "memberWins"),
        Some(TimestampFormat::EpochSeconds)
    );
    assert_eq!(format_of(input, "list"), Some(TimestampFormat::HttpDate));
    assert_eq!(format_of(input, "map"), Some(TimestampFormat::DateTime));
    assert_eq!(format_of(input, "choice"), None);
    let Some(TypeDef::Union(choice)) = service.types.get("Choice") else {
        panic!("no union Choice");
    };
    assert_eq!(
        format_of(&choice.members, "at"),
        Some(TimestampFormat::HttpDate)
    );
    assert_eq!(format_of(&choice.members, "name"), None);
}

#[test]
fn an_unknown_format_is_rejected_naming_the_shape() {
    let bad = json!({ "target": "t#Ts", "traits": { "smithy.api#timestampFormat": "iso-week" } });
    let error = service(&model(Some(bad))).unwrap_err();
    assert!(error.contains("iso-week"), "{error}");
    assert!(error.contains("extra"), "{error}");
}

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn text_formats_go_through_the_runtime_and_epoch_seconds_do_not() {
    let files = codegen::generate(
        &model(None),
        "timestamps.json",
        PARTITIONS,
        &Default::default(),
    )
    .unwrap();
    let file = |path: &str| {
        squeezed(
            &files
                .iter()
                .find(|f| f.path == path)
                .unwrap_or_else(|| panic!("{path} not generated"))
                .contents,
        )
    };
    let op = file("src/operation/op.rs");
    // Each member's line of `shape::structure!` names its codec after its presence.
    let codec_of = |text: &str, wire: &str, codec: &str| {
        ["Req", "Opt", "Def"]
            .iter()
            .any(|presence| text.contains(&format!("\"{wire}\"{presence}({codec})")))
    };
    for (wire, codec) in [
        ("memberDate", "DateTimeText"),
        ("targetHttp", "HttpDateText"),
        ("list", "HttpDateText"),
        ("map", "DateTimeText"),
        ("plain", "Plain"),
        ("memberWins", "Plain"),
    ] {
        assert!(
            codec_of(&op, wire, codec),
            "{wire} is not written and read as {codec}"
        );
    }
    // Four members of the input and the same four of the output.
    let text_members = op.matches("(DateTimeText)").count() + op.matches("(HttpDateText)").count();
    assert_eq!(text_members, 8);
    let choice = file("src/types/choice.rs");
    assert!(choice.contains(r#""at"HttpDateTextshown,"#), "{choice}");
}

/// The corpus models that `@timestampFormat("date-time")`/`("http-date")` kept from generating.
const TEXT_TIMESTAMP_MODELS: &[&str] = &[
    "database-migration-service-2016-01-01.json",
    "redshift-serverless-2021-04-21.json",
    "verifiedpermissions-2021-12-01.json",
    "b2bi-2022-06-23.json",
    "pcs-2023-02-10.json",
    "bcm-data-exports-2023-11-26.json",
    "partnercentral-selling-2022-07-26.json",
];

#[test]
fn corpus_models_with_text_timestamps_generate() {
    let root = common::root();
    let corpus = root.join("../shared/models/corpus/awsjson");
    let partitions =
        std::fs::read_to_string(root.join("../shared/models/partitions.json")).unwrap();
    for name in TEXT_TIMESTAMP_MODELS {
        let text = std::fs::read_to_string(corpus.join(name)).unwrap();
        assert!(
            text.contains("\"date-time\"") || text.contains("\"http-date\""),
            "{name} no longer uses a text timestamp format"
        );
        let files = codegen::generate(&text, name, &partitions, &Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            files.iter().any(|f| !f.path.starts_with("src/runtime/")
                && (f.contents.contains("DateTimeText") || f.contents.contains("HttpDateText"))),
            "{name}: no member reads a text timestamp"
        );
    }
}

/// Checks, compiled into the crate generated from [`model`], that its members write and read
/// the vectors of Smithy's protocol tests (`RestJsonJsonTimestamps*`, `RestJsonDateTimeWith*`).
const WIRE_TEST: &str = r#"
use serde_json::json;
use std::collections::HashMap;
use ts::operation::op::{OpInput, OpOutput};
use ts::primitives::DateTime;
use ts::types::Choice;

const T: i64 = 1398796238;

#[test]
fn each_member_writes_its_format() {
    let t = DateTime::from_secs(T);
    let input = OpInput::new()
        .with_plain(t)
        .with_member_date(t)
        .with_target_http(t)
        .with_member_wins(t)
        .with_list(vec![t])
        .with_map(HashMap::from([("k".to_string(), t)]))
        .with_choice(Choice::At(t));
    assert_eq!(
        serde_json::to_value(&input).unwrap(),
        json!({
            "plain": T,
            "memberDate": "2014-04-29T18:30:38Z",
            "targetHttp": "Tue, 29 Apr 2014 18:30:38 GMT",
            "memberWins": T,
            "list": ["Tue, 29 Apr 2014 18:30:38 GMT"],
            "map": {"k": "2014-04-29T18:30:38Z"},
            "choice": {"at": "Tue, 29 Apr 2014 18:30:38 GMT"}
        })
    );
}

#[test]
fn each_member_reads_its_format() {
    let body = json!({
        "plain": T,
        "memberDate": "2019-12-16T22:48:18-01:00",
        "targetHttp": "Tue, 29 Apr 2014 18:30:38 GMT",
        "memberWins": 946845296.5,
        "list": ["Sun, 02 Jan 2000 20:34:56.456 GMT", "Tue, 29 Apr 2014 18:30:38 GMT"],
        "map": {"k": "2000-01-02T20:34:56.123Z"},
        "choice": {"at": "Tue, 29 Apr 2014 18:30:38 GMT"}
    });
    let out: OpOutput = serde_json::from_value(body).unwrap();
    let t = DateTime::from_secs(T);
    assert_eq!(out.plain(), Some(t));
    assert_eq!(out.member_date(), Some(DateTime::from_secs(1576540098)));
    assert_eq!(out.target_http(), Some(t));
    assert_eq!(out.member_wins(), Some(DateTime::from_secs_and_nanos(946845296, 500_000_000)));
    assert_eq!(
        out.list().unwrap(),
        [DateTime::from_secs_and_nanos(946845296, 456_000_000), t]
    );
    assert_eq!(out.map().unwrap()["k"], DateTime::from_secs_and_nanos(946845296, 123_000_000));
    assert_eq!(out.choice(), Some(&Choice::At(t)));
    let wrong = json!({"memberDate": "Tue, 29 Apr 2014 18:30:38 GMT"});
    let error = serde_json::from_value::<OpOutput>(wrong).unwrap_err();
    assert!(error.to_string().contains("Tue, 29 Apr"), "{error}");
}
"#;

#[test]
fn a_generated_crate_speaks_every_format_on_the_wire() {
    let files = codegen::generate(
        &model(None),
        "timestamps.json",
        PARTITIONS,
        &Default::default(),
    )
    .unwrap();
    let output = common::run_test_of_generated_crate(&files, "wire", WIRE_TEST);
    assert!(
        output.status.success(),
        "the generated crate's wire test fails:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
