//! `@paginated`: the operation's trait merged over the service's defaults decides which
//! paginator traits the input implements; a trait that does not fit the shapes gives no
//! paginator and says why in the method's docs, rather than failing the model.
mod common;

use serde_json::json;

const PARTITIONS: &str = r#"{"partitions": [], "version": "1.1"}"#;

fn structure(members: serde_json::Value) -> serde_json::Value {
    json!({ "type": "structure", "members": members })
}

fn operation(name: &str, paginated: Option<serde_json::Value>) -> serde_json::Value {
    let mut op = json!({
        "type": "operation",
        "input": { "target": format!("p#{name}Input") },
        "output": { "target": format!("p#{name}Output") }
    });
    if let Some(p) = paginated {
        op["traits"] = json!({ "smithy.api#paginated": p });
    }
    op
}

fn model() -> String {
    let string = json!({ "target": "smithy.api#String" });
    let int = json!({ "target": "smithy.api#Integer" });
    json!({
        "smithy": "2.0",
        "shapes": {
            "p#Svc": {
                "type": "service", "version": "2024-01-01",
                "operations": [
                    { "target": "p#ListA" }, { "target": "p#ListB" }, { "target": "p#ListC" },
                    { "target": "p#GetD" }, { "target": "p#ListE" }
                ],
                "traits": {
                    "aws.api#service": { "sdkId": "Pages" },
                    "aws.protocols#awsJson1_1": {},
                    "smithy.api#paginated": { "inputToken": "next", "outputToken": "next", "pageSize": "max" }
                }
            },
            // Inherits the tokens and page size, adds items.
            "p#ListA": operation("ListA", Some(json!({ "items": "things" }))),
            "p#ListAInput": structure(json!({ "next": string, "max": int, "filter": string })),
            "p#ListAOutput": structure(json!({ "next": string, "things": { "target": "p#Names" } })),
            // Its own map tokens and map items; the inherited page size is a long here.
            "p#ListB": operation("ListB", Some(json!({ "inputToken": "start", "outputToken": "last", "items": "byName" }))),
            "p#ListBInput": structure(json!({ "start": { "target": "p#Key" }, "max": { "target": "smithy.api#Long" } })),
            "p#ListBOutput": structure(json!({ "last": { "target": "p#Key" }, "byName": { "target": "p#Key" } })),
            // A nested output path.
            "p#ListC": operation("ListC", Some(json!({ "outputToken": "page.next" }))),
            "p#ListCInput": structure(json!({ "next": string })),
            "p#ListCOutput": structure(json!({ "page": { "target": "p#ListCOutput" } })),
            // The service default alone does not paginate an operation.
            "p#GetD": operation("GetD", None),
            "p#GetDInput": structure(json!({ "next": string })),
            "p#GetDOutput": structure(json!({ "next": string })),
            // Items naming a member that does not exist.
            "p#ListE": operation("ListE", Some(json!({ "items": "missing" }))),
            "p#ListEInput": structure(json!({ "next": string, "max": int })),
            "p#ListEOutput": structure(json!({ "next": string })),
            "p#Names": { "type": "list", "member": string },
            "p#Key": { "type": "map", "key": string, "value": string }
        }
    })
    .to_string()
}

fn operation_file(files: &[codegen::emit::GeneratedFile], name: &str) -> String {
    let path = format!("src/operation/{name}.rs");
    files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not generated"))
        .contents
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn generate() -> Vec<codegen::emit::GeneratedFile> {
    codegen::generate(&model(), "pages.json", PARTITIONS, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

const PAGINATED: &str = "implcrate::runtime::paginator::Paginatedfor";
const ITEMS: &str = "implcrate::runtime::paginator::PaginatedItemsfor";
const PAGE_SIZE: &str = "implcrate::runtime::paginator::PageSizefor";

#[test]
fn service_defaults_merge_under_the_operation_trait() {
    let a = operation_file(&generate(), "list_a");
    assert!(a.contains("pubfnlist_a_paginator(&self,input:ListAInput"));
    assert!(a.contains(&format!("{PAGINATED}ListAInput{{")));
    assert!(a.contains("typeToken=String;"));
    assert!(a.contains("self.next=token;"));
    assert!(a.contains(&format!("{ITEMS}ListAInput{{typeItems=Vec<String>;")));
    assert!(a.contains(&format!("{PAGE_SIZE}ListAInput{{typeSize=i32;")));
    assert!(a.contains("self.max=Some(size);"));
}

#[test]
fn map_tokens_and_map_items_are_supported() {
    let b = operation_file(&generate(), "list_b");
    assert!(b.contains("typeToken=std::collections::HashMap<String,String>;"));
    assert!(b.contains("self.start=token;"));
    assert!(b.contains("output.last.as_ref()"));
    assert!(b.contains(&format!(
        "{ITEMS}ListBInput{{typeItems=std::collections::HashMap<String,String>;"
    )));
    assert!(b.contains(&format!("{PAGE_SIZE}ListBInput{{typeSize=i64;")));
}

#[test]
fn unfit_traits_give_no_paginator_and_say_why() {
    let files = generate();
    let c = operation_file(&files, "list_c");
    assert!(!c.contains(PAGINATED));
    assert!(c.contains("nopaginatorisgenerated"));
    assert!(c.contains("`page.next`"), "the note names the path");
    let e = operation_file(&files, "list_e");
    assert!(!e.contains(PAGINATED));
    assert!(e.contains("`missing`"));
    let d = operation_file(&files, "get_d");
    assert!(!d.contains(PAGINATED));
    assert!(!d.contains("Paginated:"));
}

/// The Cognito model's nine `@paginated` operations, each with its paginator.
#[test]
fn every_paginated_cognito_operation_has_a_paginator() {
    let paginated: Vec<_> = common::cognito_files()
        .iter()
        .filter(|f| {
            f.contents
                .contains("impl crate::runtime::paginator::Paginated for")
        })
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(paginated.len(), 9, "{paginated:?}");
    let list_users = common::file("src/operation/list_users.rs");
    assert!(list_users.contains("type Items = Vec<crate::types::UserType>;"));
    assert!(list_users.contains("self.pagination_token = token;"));
}
