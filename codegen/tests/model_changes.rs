//! What a model update changes for users: our own old and new model of a small service (every
//! kind of change), and the flow of issue 11 on a copy of the real Cognito model.
mod common;

use codegen::changes::{compare, surface_diff, Class};
use codegen::surface::Surface;

fn surface_of(text: &str) -> Surface {
    let model = codegen::model::Model::parse(text, "test").unwrap();
    let service = codegen::resolve::resolve(&model, &Default::default()).unwrap();
    Surface::of(&service)
}

fn test_model(name: &str) -> String {
    let path = common::root().join("model/test-models/changes").join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The edits between old.json and new.json, one line each, as a reviewer would describe them.
/// `GetItemOutput.item` has no documentation of its own, so it shows the (changed) docs of
/// `Item`.
const SHOP_SUMMARY: &str = "\
API changes: 8 breaking, 5 additive, 4 documentation-only.
Breaking (semver major):
  - enum value removed: Color::Blue (\"blue\")
  - error removed: GetItemError::Throttled (error::Throttled)
  - member type changed: GetItemInput.count: i32 -> i64
  - member added: GetItemInput.owner (String (required)): a new constructor argument
  - member removed: GetItemInput.region (String (optional))
  - member made required: GetItemInput.tag (was optional)
  - operation removed: DeleteItem (fn delete_item(DeleteItemInput) -> DeleteItemOutput, DeleteItemError)
  - pagination changed: ListItems: input_token NextToken, output_token NextToken, items Items -> input_token NextToken, output_token NextToken, items Items, page_size MaxResults
Additive (semver minor):
  - enum value added: Color::Yellow (\"yellow\")
  - error added: GetItemError::Conflict (error::Conflict)
  - member added: GetItemInput.note (String (optional))
  - operation added: CreateItem (fn create_item(CreateItemInput) -> CreateItemOutput, CreateItemError)
  - type added: error::Conflict (error (client))
Documentation only: member GetItemOutput.item, operation GetItem, service Shop, type Item
";

#[test]
fn every_kind_of_change_is_summarized_and_classified() {
    let old = surface_of(&test_model("old.json"));
    let new = surface_of(&test_model("new.json"));

    let summary = compare(&old, &new);

    assert_eq!(summary.render(), SHOP_SUMMARY);
    assert_eq!(summary.count(Class::Breaking), 8);
    assert_eq!(summary.count(Class::Additive), 5);
}

#[test]
fn the_surface_diff_lists_only_the_changed_lines() {
    let old = surface_of(&test_model("old.json"));
    let new = surface_of(&test_model("new.json"));

    let diff = surface_diff(&old, &new);

    for line in [
        "-enum Color::Blue: \"blue\"",
        "+enum Color::Yellow: \"yellow\"",
        "-member GetItemInput.count: i32 (optional)",
        "+member GetItemInput.count: i64 (optional)",
        "+member GetItemInput.owner: String (required)",
        "-member GetItemInput.region: String (optional)",
        "-member GetItemInput.tag: String (optional)",
        "+member GetItemInput.tag: String (required)",
        "-operation DeleteItem: fn delete_item(DeleteItemInput) -> DeleteItemOutput, DeleteItemError",
        "+operation CreateItem: fn create_item(CreateItemInput) -> CreateItemOutput, CreateItemError",
        "+member CreateItemInput.name: String (required)",
        "-error GetItemError::Throttled: error::Throttled",
        "+error GetItemError::Conflict: error::Conflict",
    ] {
        assert!(diff.lines().any(|l| l == line), "{line} missing from:\n{diff}");
    }
    // Documentation-only changes are not surface lines; unchanged items are not listed.
    assert!(!diff.contains("type Item:"), "{diff}");
    assert!(!diff.contains("ListItemsInput"), "{diff}");
}

#[test]
fn an_unchanged_model_has_no_changes_and_the_file_reads_back() {
    let old = surface_of(&test_model("old.json"));
    let again = Surface::parse(&old.file_text());

    assert_eq!(again, old);
    assert!(compare(&old, &again).is_empty());
    assert_eq!(compare(&old, &again).render(), "API changes: none.\n");
}

/// A run into a folder that holds the previous crate reports the changes against its API.txt.
#[test]
fn a_run_compares_with_the_api_txt_of_the_previous_crate() {
    let out = std::env::temp_dir().join(format!("lean-smithy-changes-run-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = |name: &str| {
        let path = common::root().join("model/test-models/changes").join(name);
        codegen::run(
            &path,
            &test_model(name),
            "{}",
            &out,
            &Default::default(),
            false,
        )
        .unwrap()
    };

    let first = run("old.json");
    let second = run("new.json");
    let api = std::fs::read_to_string(out.join(codegen::surface::FILE)).unwrap();
    std::fs::remove_dir_all(&out).unwrap();

    assert!(first.changes.is_none());
    assert_eq!(second.changes.unwrap().render(), SHOP_SUMMARY);
    assert!(api.starts_with(codegen::write::TEXT_HEADER));
    assert!(api.contains("\nmember GetItemInput.note: String (optional)\n"));
}

/// Issue 11's flow: the Cognito model with one optional member added to
/// ConfirmForgotPasswordRequest and one removed.
#[test]
fn cognito_member_added_and_member_removed() {
    let (text, _) = common::inputs();
    let mut model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let members = &mut model["shapes"]
        ["com.amazonaws.cognitoidentityprovider#ConfirmForgotPasswordRequest"]["members"];
    let members = members.as_object_mut().unwrap();
    assert!(members.remove("AnalyticsMetadata").is_some());
    members.insert(
        "DeviceKey".into(),
        serde_json::json!({
            "target": "com.amazonaws.cognitoidentityprovider#DeviceKeyType",
            "traits": { "smithy.api#documentation": "<p>The device to remember.</p>" }
        }),
    );
    let changed = serde_json::to_string(&model).unwrap();

    let old = surface_of(&text);
    let new = surface_of(&changed);

    assert_eq!(
        compare(&old, &new).render(),
        "\
API changes: 1 breaking, 1 additive, 0 documentation-only.
Breaking (semver major):
  - member removed: ConfirmForgotPasswordInput.analytics_metadata (AnalyticsMetadataType (optional))
Additive (semver minor):
  - member added: ConfirmForgotPasswordInput.device_key (String (optional))
"
    );
    assert_eq!(
        surface_diff(&old, &new),
        "\
-member ConfirmForgotPasswordInput.analytics_metadata: AnalyticsMetadataType (optional)
+member ConfirmForgotPasswordInput.device_key: String (optional)
"
    );
}

/// old.json with a waiter on GetItem, edited here so both sides are our own small model.
fn with_waiter(text: &str) -> String {
    let mut model: serde_json::Value = serde_json::from_str(text).unwrap();
    model["shapes"]["example.changes#GetItem"]["traits"]["smithy.waiters#waitable"] = serde_json::json!({
        "ItemExists": {
            "documentation": "Waits until the item can be read.",
            "acceptors": [
                { "state": "success", "matcher": { "success": true } },
                { "state": "retry", "matcher": { "errorType": "Throttled" } }
            ]
        }
    });
    serde_json::to_string(&model).unwrap()
}

#[test]
fn an_added_waiter_is_additive_and_a_removed_one_breaking() {
    let old = surface_of(&test_model("old.json"));
    let new = surface_of(&with_waiter(&test_model("old.json")));
    let line = "waiter GetItem.ItemExists: fn wait_until_item_exists(GetItemInput, options)";
    assert_eq!(surface_diff(&old, &new), format!("+{line}\n"));

    let added = compare(&old, &new);
    assert_eq!(
        added.render(),
        "API changes: 0 breaking, 1 additive, 0 documentation-only.\nAdditive (semver minor):\n  \
         - waiter added: GetItem.ItemExists (fn wait_until_item_exists(GetItemInput, options))\n"
    );
    let removed = compare(&new, &old);
    assert_eq!(removed.count(Class::Breaking), 1);
    assert!(
        removed
            .render()
            .contains("waiter removed: GetItem.ItemExists"),
        "{}",
        removed.render()
    );
}

/// A waiter's docs are hashed like every item's, so a documentation edit is counted apart.
#[test]
fn a_waiter_documentation_edit_is_documentation_only() {
    let before = with_waiter(&test_model("old.json"));
    let after = before.replace(
        "Waits until the item can be read.",
        "Waits until GetItem finds the item.",
    );
    let summary = compare(&surface_of(&before), &surface_of(&after));
    assert_eq!(summary.docs_only, ["waiter GetItem.ItemExists"]);
    assert!(summary.changes.is_empty());
}
