//! `smithy.waiters#waitable`: every waiter the AWS JSON models declare becomes a client method,
//! counted from the models' JSON; expressions or definitions the runtime cannot run fail
//! generation with a message naming the waiter.
mod common;

use serde_json::Value;
use std::collections::BTreeSet;

const WAITABLE: &str = "smithy.waiters#waitable";

fn model_files() -> Vec<std::path::PathBuf> {
    let root = common::root().join("../shared/models");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .chain(std::fs::read_dir(root.join("corpus/awsjson")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("partitions.json"))
        .collect();
    files.sort();
    files
}

fn partitions() -> String {
    std::fs::read_to_string(common::root().join("../shared/models/partitions.json")).unwrap()
}

/// `(operation module, waiter method)` for every waiter in the model's JSON.
fn declared(model: &Value) -> BTreeSet<(String, String)> {
    let snake = codegen::naming::snake;
    model["shapes"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(id, shape)| Some((id, shape["traits"].get(WAITABLE)?.as_object()?)))
        .flat_map(|(id, waiters)| {
            let op = snake(id.rsplit('#').next().unwrap());
            waiters
                .keys()
                .map(move |name| (op.clone(), format!("wait_until_{}", snake(name))))
        })
        .collect()
}

/// `(operation module, waiter method)` for every waiter method in the generated files.
fn generated(files: &[codegen::emit::GeneratedFile]) -> BTreeSet<(String, String)> {
    files
        .iter()
        .filter_map(|f| {
            let op = f.path.strip_prefix("src/operation/")?.strip_suffix(".rs")?;
            Some((op.to_string(), &f.contents))
        })
        .flat_map(|(op, contents)| {
            contents
                .split("pub async fn ")
                .skip(1)
                .filter_map(|rest| rest.split('(').next())
                .filter(|name| name.starts_with("wait_until_"))
                .map(|name| (op.clone(), name.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_waiter_of_the_models_becomes_a_method() {
    let partitions = partitions();
    let mut models = 0;
    let mut waiters = 0;
    for file in model_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let model: Value = serde_json::from_str(&text).unwrap();
        let expected = declared(&model);
        if expected.is_empty() {
            continue;
        }
        let name = file.display().to_string();
        models += 1;
        waiters += expected.len();
        let files = codegen::generate(&text, &name, &partitions, &Default::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(generated(&files), expected, "{name}");
    }
    // 15 corpus models and DynamoDB; 49 waiters in all.
    assert_eq!((models, waiters), (16, 49));
}

#[test]
fn cognito_has_no_waiters() {
    let waiter_calls = common::cognito_files()
        .iter()
        .filter(|f| !f.path.starts_with("src/runtime/"))
        .filter(|f| f.contents.contains("runtime::waiter"))
        .count();
    assert_eq!(waiter_calls, 0);
}

/// DynamoDB with `edit` applied to DescribeTable's waiters.
fn dynamodb_with(edit: impl FnOnce(&mut Value)) -> Result<(), String> {
    let text =
        std::fs::read_to_string(common::root().join("../shared/models/dynamodb-2012-08-10.json"))
            .unwrap();
    let mut model: Value = serde_json::from_str(&text).unwrap();
    edit(&mut model["shapes"]["com.amazonaws.dynamodb#DescribeTable"]["traits"][WAITABLE]);
    let text = serde_json::to_string(&model).unwrap();
    codegen::generate(&text, "dynamodb.json", &partitions(), &Default::default()).map(|_| ())
}

/// A change to DescribeTable's waiters.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn unsupported_waiters_fail_naming_the_waiter() {
    let path = |path: &'static str| {
        move |w: &mut Value| {
            w["TableExists"]["acceptors"][0]["matcher"]["output"]["path"] = path.into();
        }
    };
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(path("Table.*")), "waiter TableExists: acceptor 0: path \"Table.*\" is outside the supported JMESPath subset: at offset 6"),
        (Box::new(path("Table[0:1]")), "waiter TableExists: acceptor 0: path \"Table[0:1]\""),
        (Box::new(path("sort(Table)")), "the function sort() is not supported"),
        (
            Box::new(|w: &mut Value| w["TableExists"]["acceptors"][0]["matcher"]["output"]["comparator"] = "numberEquals".into()),
            "waiter TableExists: acceptor 0: unknown comparator \"numberEquals\"",
        ),
        (
            Box::new(|w: &mut Value| w["TableNotExists"]["acceptors"][0]["state"] = "done".into()),
            "waiter TableNotExists: acceptor 0: unknown state",
        ),
        (
            Box::new(|w: &mut Value| w["TableExists"]["minDelay"] = 200.into()),
            "waiter TableExists: minDelay 200 is above maxDelay 120",
        ),
        (
            Box::new(|w: &mut Value| w["TableExists"]["maxDelay"] = 0.into()),
            "waiter TableExists: maxDelay must be a whole number of seconds, at least 1",
        ),
        (
            Box::new(|w: &mut Value| w["TableExists"]["acceptors"] = serde_json::json!([])),
            "waiter TableExists: acceptors must be a non-empty list",
        ),
        (
            Box::new(|w: &mut Value| w["table_exists"] = w["TableExists"].clone()),
            "waiter table_exists: a waiter name must be UpperCamelCase",
        ),
    ];
    for (edit, expected) in cases {
        let error = dynamodb_with(edit).expect_err(expected);
        assert!(
            error.contains("com.amazonaws.dynamodb#DescribeTable"),
            "{error}"
        );
        assert!(error.contains(expected), "{error}\nexpected: {expected}");
    }
}

#[test]
fn two_waiters_with_one_method_name_are_refused() {
    let text =
        std::fs::read_to_string(common::root().join("../shared/models/dynamodb-2012-08-10.json"))
            .unwrap();
    let mut model: Value = serde_json::from_str(&text).unwrap();
    let shapes = model["shapes"].as_object_mut().unwrap();
    let waiter = shapes["com.amazonaws.dynamodb#DescribeTable"]["traits"][WAITABLE].clone();
    shapes["com.amazonaws.dynamodb#ListTables"]["traits"][WAITABLE] = waiter;
    let text = serde_json::to_string(&model).unwrap();
    let error =
        codegen::generate(&text, "dynamodb.json", &partitions(), &Default::default()).unwrap_err();
    assert!(
        error.contains("wait_until_table_exists is also the name of waiter TableExists"),
        "{error}"
    );
}
