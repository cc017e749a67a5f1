//! Load and resolve on small hand-written models (model/test-models/), checked through the IR,
//! plus the broken models each stage must reject with a message naming file, shape and problem.
use codegen::ir::{self, Enum, Member, Operation, RustType, Structure, TypeDef};
use codegen::model::{Model, ModelError};
use codegen::resolve::{resolve, Options};
use std::path::PathBuf;

/// A partitions.json the emitter accepts; the tests never resolve an endpoint.
const PARTITIONS: &str = r#"{"partitions": [], "version": "1.1"}"#;

/// The models that must resolve and emit.
const GOOD_MODELS: &[&str] = &[
    "everything.json",
    "prelude.json",
    "recursion.json",
    "names.json",
    "traits.json",
    "hostile-names.json",
    "mixins.json",
];

fn model_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../model/test-models")
        .join(name)
}

fn model_text(name: &str) -> String {
    let path = model_path(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> Model {
    Model::load(&model_path(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn resolve_with(name: &str, operations: Option<&[&str]>) -> Result<ir::Service, ModelError> {
    let options = Options {
        operations: operations.map(|ops| ops.iter().map(|s| s.to_string()).collect()),
    };
    resolve(&load(name), &options)
}

fn service(name: &str) -> ir::Service {
    resolve_with(name, None).unwrap_or_else(|e| panic!("{e}"))
}

fn operation<'a>(service: &'a ir::Service, name: &str) -> &'a Operation {
    service
        .operations
        .iter()
        .find(|op| op.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

fn member<'a>(structure: &'a Structure, wire_name: &str) -> &'a Member {
    structure
        .members
        .iter()
        .find(|m| m.wire_name == wire_name)
        .unwrap_or_else(|| panic!("{} has no member {wire_name}", structure.name))
}

fn structure<'a>(service: &'a ir::Service, name: &str) -> &'a Structure {
    match service.types.get(name) {
        Some(TypeDef::Structure(s)) => s,
        other => panic!("{name} is not a structure: {other:?}"),
    }
}

fn union<'a>(service: &'a ir::Service, name: &str) -> &'a Structure {
    match service.types.get(name) {
        Some(TypeDef::Union(s)) => s,
        other => panic!("{name} is not a union: {other:?}"),
    }
}

fn enumeration<'a>(service: &'a ir::Service, name: &str) -> &'a Enum {
    match service.types.get(name) {
        Some(TypeDef::Enum(e)) => e,
        other => panic!("{name} is not an enum: {other:?}"),
    }
}

fn names<T, F: Fn(&T) -> &str>(items: &[T], name: F) -> Vec<&str> {
    items.iter().map(name).collect()
}

fn type_names(service: &ir::Service) -> Vec<&str> {
    service.types.keys().map(String::as_str).collect()
}

fn error_names(service: &ir::Service) -> Vec<&str> {
    service.errors.keys().map(String::as_str).collect()
}

/// (variant name, wire value) pairs.
fn variants(e: &Enum) -> Vec<(&str, &str)> {
    e.variants
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect()
}

fn named(name: &str) -> RustType {
    RustType::Named(name.to_string())
}

fn list(inner: RustType, sparse: bool) -> RustType {
    RustType::List(Box::new(inner), sparse)
}

// ---- every shape type ----

#[test]
fn every_shape_service_facts() {
    let svc = service("everything.json");
    assert_eq!(svc.shape_name, "Everything");
    assert_eq!(svc.sdk_id, "Everything");
    assert_eq!(svc.crate_name, "everything");
    assert_eq!(svc.title, "Every Shape Service");
    assert_eq!(svc.version, "2024-01-01");
    assert_eq!(svc.content_type, "application/x-amz-json-1.0");
    assert_eq!(svc.signing_name.as_deref(), Some("everything"));
    assert!(svc.docs.contains("A service with one shape of each type."));
    assert_eq!(svc.endpoint_rules, None);
}

#[test]
fn operations_are_found_through_resources_and_child_resources() {
    let svc = service("everything.json");
    assert_eq!(
        names(&svc.operations, |op| &op.name),
        [
            "CountWidgets",
            "CreateWidget",
            "DeleteWidget",
            "GetEverything",
            "GetPart",
            "GetWidget",
            "ListWidgets",
            "PolishWidget",
            "PutWidget",
            "UpdateWidget",
        ]
    );
    let get = operation(&svc, "GetEverything");
    assert_eq!(get.snake, "get_everything");
    assert_eq!(get.input.name, "GetEverythingInput");
    assert_eq!(get.input.shape_name, "GetEverythingRequest");
    assert_eq!(get.output.name, "GetEverythingOutput");
    assert_eq!(get.output.shape_name, "GetEverythingResponse");
    assert!(get.signed);
    assert!(get.docs.contains("Takes one member of each type."));
}

#[test]
fn every_simple_and_aggregate_type_maps_to_its_rust_type() {
    let svc = service("everything.json");
    let input = &operation(&svc, "GetEverything").input;
    let expected = [
        ("blob", "blob", RustType::Blob),
        ("flag", "flag", RustType::Bool),
        ("text", "text", RustType::String),
        ("color", "color", named("Color")),
        ("level", "level", named("Level")),
        ("tiny", "tiny", RustType::I8),
        ("small", "small", RustType::I16),
        ("count", "count", RustType::I32),
        ("big", "big", RustType::I64),
        ("ratio", "ratio", RustType::F32),
        ("precise", "precise", RustType::F64),
        ("huge", "huge", RustType::BigNumber),
        ("exact", "exact", RustType::BigNumber),
        ("when", "when", RustType::Timestamp),
        ("anything", "anything", RustType::Document),
        ("texts", "texts", list(RustType::String, false)),
        ("sparseCounts", "sparse_counts", list(RustType::I32, true)),
        (
            "counts",
            "counts",
            RustType::Map(Box::new(RustType::I32), false),
        ),
        ("inner", "inner", named("Inner")),
        ("choice", "choice", named("Choice")),
        ("legacyMode", "legacy_mode", named("LegacyMode")),
    ];
    assert_eq!(input.members.len(), expected.len());
    for ((wire, field, ty), m) in expected.iter().zip(&input.members) {
        assert_eq!(m.wire_name, *wire, "members keep model order");
        assert_eq!(m.field, *field, "{wire}");
        assert_eq!(m.ty, *ty, "{wire}");
        assert!(m.is_optional(), "{wire}");
        assert!(!m.boxed && !m.sensitive, "{wire}");
    }
    let output = &operation(&svc, "GetEverything").output;
    assert_eq!(member(output, "items").ty, list(named("Inner"), false));
}

#[test]
fn only_reached_named_types_are_kept() {
    let svc = service("everything.json");
    assert_eq!(
        type_names(&svc),
        ["Choice", "Color", "Inner", "LegacyMode", "Level"]
    );
    assert_eq!(error_names(&svc), ["ServiceFault", "WidgetNotFound"]);
}

#[test]
fn enum_variants_and_values() {
    let svc = service("everything.json");
    let color = enumeration(&svc, "Color");
    assert!(!color.int);
    assert_eq!(
        variants(color),
        [
            ("Red", "red"),
            ("Green", "green"),
            ("DarkBlue", "DARK_BLUE")
        ]
    );
    let legacy = enumeration(&svc, "LegacyMode");
    assert!(!legacy.int);
    assert_eq!(variants(legacy), [("On", "on"), ("OffNow", "off-now")]);
}

#[test]
fn int_enum_values() {
    let svc = service("everything.json");
    let level = enumeration(&svc, "Level");
    assert!(level.int);
    assert_eq!(variants(level), [("Low", "1"), ("High", "10")]);
}

#[test]
fn union_is_a_union_type_def() {
    let svc = service("everything.json");
    let choice = union(&svc, "Choice");
    assert_eq!(
        names(&choice.members, |m| &m.wire_name),
        ["text", "count", "inner"]
    );
    assert_eq!(member(choice, "text").ty, RustType::String);
    assert_eq!(member(choice, "count").ty, RustType::I32);
    assert_eq!(member(choice, "inner").ty, named("Inner"));
    let inner = structure(&svc, "Inner");
    assert!(member(inner, "name").required);
    assert_eq!(member(inner, "level").ty, named("Level"));
}

#[test]
fn lifecycle_operations_resolve_with_unit_and_missing_io() {
    let svc = service("everything.json");
    let put = operation(&svc, "PutWidget");
    assert_eq!(put.output.name, "PutWidgetOutput");
    assert!(put.output.members.is_empty());
    let polish = operation(&svc, "PolishWidget");
    assert_eq!(polish.output.name, "PolishWidgetOutput");
    assert!(polish.output.members.is_empty(), "absent output is Unit");
    let count = operation(&svc, "CountWidgets");
    assert!(count.input.members.is_empty(), "absent input is Unit");
    assert_eq!(member(&count.output, "count").ty, RustType::I32);
    let create = operation(&svc, "CreateWidget");
    assert!(member(&create.input, "name").required);
    assert!(member(&create.output, "widgetId").required);
    let part = operation(&svc, "GetPart");
    assert_eq!(
        names(&part.input.members, |m| &m.field),
        ["widget_id", "part_id"]
    );
}

#[test]
fn pagination_and_errors_of_operations() {
    let svc = service("everything.json");
    let pages = operation(&svc, "ListWidgets").paginated.clone().unwrap();
    assert_eq!(pages.input_token.as_deref(), Some("nextToken"));
    assert_eq!(pages.output_token.as_deref(), Some("nextToken"));
    assert_eq!(pages.items.as_deref(), Some("widgetIds"));
    assert_eq!(pages.page_size.as_deref(), Some("maxResults"));
    assert!(operation(&svc, "GetWidget").paginated.is_none());

    let get = operation(&svc, "GetWidget");
    assert_eq!(get.error_name, "GetWidgetError");
    assert_eq!(
        names(&get.errors, |e| &e.variant),
        ["ServiceFault", "WidgetNotFound"],
        "operation errors and the service's common errors, in name order"
    );
    assert_eq!(
        names(&get.errors, |e| &e.predicate),
        ["is_service_fault", "is_widget_not_found"]
    );
    assert_eq!(
        names(&get.errors, |e| &e.code),
        ["ServiceFault", "WidgetNotFound"]
    );
    assert_eq!(
        names(&operation(&svc, "CreateWidget").errors, |e| &e.variant),
        ["ServiceFault"]
    );
}

// ---- prelude ----

#[test]
fn prelude_targets_resolve() {
    let svc = service("prelude.json");
    let ping = operation(&svc, "Ping");
    assert_eq!(ping.input.name, "PingInput");
    assert!(ping.input.members.is_empty(), "smithy.api#Unit input");
    assert_eq!(ping.output.name, "PingOutput");
    assert!(ping.output.members.is_empty(), "smithy.api#Unit output");
    assert!(svc.types.is_empty(), "Unit is never a named type");

    let echo = operation(&svc, "Echo");
    let text = member(&echo.input, "text");
    assert_eq!(text.ty, RustType::String);
    assert!(text.is_optional());
    let maybe = member(&echo.input, "maybe");
    assert_eq!(maybe.ty, RustType::Bool);
    assert!(maybe.is_optional(), "smithy.api#Boolean has no default");
    assert_eq!(member(&echo.input, "when").ty, RustType::Timestamp);
    assert_eq!(member(&echo.input, "raw").ty, RustType::Blob);
    assert_eq!(member(&echo.input, "any").ty, RustType::Document);
    assert!(member(&echo.output, "text").required);
}

#[test]
fn primitive_prelude_targets_get_a_zero_default() {
    let svc = service("prelude.json");
    let input = &operation(&svc, "Echo").input;
    let flag = member(input, "flag");
    assert_eq!(flag.ty, RustType::Bool);
    assert!(flag.zero_default);
    assert!(!flag.required);
    assert!(!flag.is_optional(), "PrimitiveBoolean is a plain bool");
    assert_eq!(flag.default_doc.as_deref(), Some("false"));
    let count = member(input, "count");
    assert_eq!(count.ty, RustType::I32);
    assert!(count.zero_default && !count.is_optional());
    assert_eq!(count.default_doc.as_deref(), Some("0"));
}

// ---- recursion ----

#[test]
fn structure_containing_itself_is_boxed() {
    let svc = service("recursion.json");
    let node = structure(&svc, "Node");
    assert!(member(node, "next").boxed);
    assert_eq!(member(node, "next").ty, named("Node"));
    assert!(!member(node, "value").boxed);
}

#[test]
fn mutual_recursion_boxes_both_edges() {
    let svc = service("recursion.json");
    assert!(member(structure(&svc, "Alpha"), "beta").boxed);
    assert!(!member(structure(&svc, "Alpha"), "name").boxed);
    let back = member(structure(&svc, "Beta"), "alpha");
    assert!(back.boxed);
    assert!(back.required, "a required boxed member stays required");
}

#[test]
fn recursion_through_a_list_is_not_boxed() {
    let svc = service("recursion.json");
    let sub = member(structure(&svc, "Folder"), "subfolders");
    assert!(!sub.boxed, "Vec already allocates");
    assert_eq!(sub.ty, list(named("Folder"), false));
}

#[test]
fn recursive_union_is_boxed_and_entry_points_are_not() {
    let svc = service("recursion.json");
    let expr = union(&svc, "Expr");
    assert!(member(expr, "negate").boxed);
    assert!(!member(expr, "literal").boxed);
    let walk = operation(&svc, "Walk");
    for m in &walk.input.members {
        assert!(!m.boxed, "{} only leads into a cycle", m.wire_name);
    }
    assert!(!member(&walk.output, "expr").boxed);
}

// ---- name collisions ----

#[test]
fn keyword_member_keeps_a_raw_field() {
    let svc = service("names.json");
    let collide = operation(&svc, "Collide");
    assert_eq!(member(&collide.input, "type").field, "type");
    assert_eq!(codegen::naming::ident("type").to_string(), "r#type");
    assert_eq!(member(&collide.output, "async").field, "async");
    assert_eq!(member(&collide.input, "self").field, "self_value");
}

#[test]
fn members_with_the_same_snake_case_get_distinct_fields() {
    let svc = service("names.json");
    let input = &operation(&svc, "Collide").input;
    assert_eq!(member(input, "FooBar").field, "foo_bar");
    assert_eq!(member(input, "foo_bar").field, "foo_bar2");
}

#[test]
fn fields_never_collide_with_setters_or_generated_methods() {
    let svc = service("names.json");
    let collide = operation(&svc, "Collide");
    let input = &collide.input;
    assert_eq!(member(input, "Name").field, "name");
    assert_eq!(member(input, "SetName").field, "set_name2");
    assert_eq!(member(input, "WithName").field, "with_name2");
    assert_eq!(member(input, "new").field, "new_value");
    assert_eq!(member(&collide.output, "metadata").field, "metadata_value");
    assert_eq!(
        member(&collide.output, "requestId").field,
        "request_id_value"
    );
    let mut methods = Vec::new();
    for m in input.members.iter().chain(&collide.output.members) {
        let bare = codegen::naming::bare(&m.field).to_string();
        methods.push(format!("with_{bare}"));
        methods.push(format!("set_{bare}"));
        methods.push(bare);
    }
    let count = methods.len();
    methods.sort();
    methods.dedup();
    assert_eq!(methods.len(), count, "getters and setters are unique");
}

#[test]
fn same_shape_name_in_two_namespaces_gets_two_types() {
    let svc = service("names.json");
    let input = &operation(&svc, "Collide").input;
    assert_eq!(member(input, "local").ty, named("Thing"));
    assert_eq!(member(input, "remote").ty, named("Thing2"));
    assert_eq!(
        member(structure(&svc, "Thing"), "here").ty,
        RustType::String
    );
    assert_eq!(
        member(structure(&svc, "Thing2"), "there").ty,
        RustType::String
    );
    assert_eq!(structure(&svc, "Thing2").shape_name, "Thing");
}

#[test]
fn prelude_type_names_are_not_taken() {
    let svc = service("names.json");
    let input = &operation(&svc, "Collide").input;
    assert_eq!(member(input, "result").ty, named("ResultValue"));
    assert_eq!(member(input, "option").ty, named("OptionValue"));
    assert_eq!(structure(&svc, "ResultValue").shape_name, "Result");
    assert_eq!(
        variants(enumeration(&svc, "OptionValue")),
        [("Some", "SOME"), ("None", "NONE")]
    );
    assert_eq!(
        type_names(&svc),
        [
            "Crate",
            "Mood",
            "OptionValue",
            "ResultValue",
            "Thing",
            "Thing2"
        ]
    );
}

#[test]
fn enum_member_named_unknown_leaves_room_for_the_catch_all() {
    let svc = service("names.json");
    assert_eq!(
        variants(enumeration(&svc, "Mood")),
        [("UnknownValue", "unknown"), ("Happy", "happy")]
    );
}

#[test]
fn names_that_cannot_be_raw_identifiers_are_suffixed() {
    let svc = service("names.json");
    let op = operation(&svc, "Super");
    assert_eq!(op.snake, "super_value", "`r#super` is not an identifier");
    assert_eq!(op.input.name, "SuperInput");
    let krate = member(&op.input, "crate");
    assert_eq!(krate.field, "crate_value");
    assert_eq!(krate.ty, named("Crate"));
    assert_eq!(member(structure(&svc, "Crate"), "self").field, "self_value");
    let files = generate("names.json", &Options::default());
    assert!(file(&files, "src/operation/mod.rs").contains("pub mod super_value;"));
    assert!(file(&files, "src/types/mod.rs").contains("mod crate_value;"));
    let module = file(&files, "src/operation/super_value.rs");
    assert!(module.contains("pub async fn super_value("));
}

#[test]
fn emitted_names_are_raw_or_renamed() {
    let files = generate("names.json", &Options::default());
    let collide = file(&files, "src/operation/collide.rs");
    for needle in [
        "r#type: Option<String>",
        "pub fn r#type(&self)",
        // setters are named in the member's line of `shape::structure!`
        "r#type \"type\" Opt(Plain) shown: set_type(Option<String>), with_type(",
        "pub fn r#async(&self)",
        "foo_bar2: Option<String>",
        "pub fn set_name2(",
        ": set_set_name2(",
        "crate::types::Thing2",
        "crate::types::ResultValue",
    ] {
        assert!(collide.contains(needle), "collide.rs lacks {needle:?}");
    }
    for path in [
        "src/types/thing.rs",
        "src/types/thing2.rs",
        "src/types/result_value.rs",
        "src/types/option_value.rs",
        "src/types/mood.rs",
    ] {
        file(&files, path);
    }
    assert!(file(&files, "src/types/mood.rs").contains("UnknownValue"));
}

// ---- traits ----

#[test]
fn required_default_and_client_optional() {
    let svc = service("traits.json");
    let input = &operation(&svc, "Open").input;
    // (member, required, zero_default, optional, default_doc)
    let expected: [(&str, bool, bool, bool, Option<&str>); 7] = [
        ("req", true, false, false, None),
        ("reqZero", false, true, false, Some("0")),
        ("reqFive", true, false, false, Some("5")),
        ("emptyDefault", false, true, false, Some("\"\"")),
        ("abcDefault", false, false, true, Some("\"abc\"")),
        ("clientOpt", false, false, true, None),
        ("clientOptDefault", false, false, true, Some("false")),
    ];
    for (name, required, zero, optional, default) in expected {
        let m = member(input, name);
        assert_eq!(m.required, required, "{name} required");
        assert_eq!(m.zero_default, zero, "{name} zero_default");
        assert_eq!(m.is_optional(), optional, "{name} optional");
        assert_eq!(m.default_doc.as_deref(), default, "{name} default");
    }
}

#[test]
fn sensitive_on_member_target_and_elements() {
    let svc = service("traits.json");
    let input = &operation(&svc, "Open").input;
    for name in ["secret", "password", "passwords", "secrets", "secretValues"] {
        assert!(member(input, name).sensitive, "{name} is sensitive");
    }
    for name in ["plain", "req", "name"] {
        assert!(!member(input, name).sensitive, "{name} is not sensitive");
    }
}

#[test]
fn constraints_in_words() {
    let svc = service("traits.json");
    let input = &operation(&svc, "Open").input;
    assert_eq!(
        member(input, "name").constraints,
        ["length: 1 to 128", "pattern: `^[a-z]+$`"]
    );
    assert_eq!(member(input, "size").constraints, ["range: 0 to 10"]);
    assert_eq!(member(input, "short").constraints, ["length: at most 5"]);
    assert!(member(input, "plain").constraints.is_empty());
}

#[test]
fn auth_decides_signing() {
    let svc = service("traits.json");
    assert!(!operation(&svc, "Open").signed, "@auth([])");
    assert!(operation(&svc, "Closed").signed, "service sigv4");
    assert!(operation(&svc, "Old").signed);
}

#[test]
fn service_without_sigv4_is_unsigned() {
    let mut doc: serde_json::Value = serde_json::from_str(&model_text("traits.json")).unwrap();
    let traits = doc["shapes"]["example.traits#Traits"]["traits"]
        .as_object_mut()
        .unwrap();
    traits.remove("aws.auth#sigv4");
    let model = Model::parse(&doc.to_string(), "unsigned").unwrap();
    let svc = resolve(&model, &Options::default()).unwrap();
    assert_eq!(svc.signing_name, None);
    for op in &svc.operations {
        assert!(!op.signed, "{}", op.name);
    }
}

#[test]
fn deprecated_and_idempotency_token() {
    let svc = service("traits.json");
    let old = operation(&svc, "Old");
    assert_eq!(old.deprecated.as_deref(), Some("use Open"));
    assert_eq!(operation(&svc, "Open").deprecated, None);
    let input = &operation(&svc, "Open").input;
    assert_eq!(
        member(input, "old").deprecated.as_deref(),
        Some("use name (since 2.0)")
    );
    assert!(member(input, "token").idempotency_token);
    assert!(!member(input, "req").idempotency_token);
    assert_eq!(
        structure(&svc, "OldThing").deprecated.as_deref(),
        Some(""),
        "deprecated without a message"
    );
    let kind = enumeration(&svc, "Kind");
    assert_eq!(kind.variants[0].deprecated, None);
    assert_eq!(kind.variants[1].deprecated.as_deref(), Some("use CURRENT"));
}

#[test]
fn error_info_and_message_member_dropped() {
    let svc = service("traits.json");
    assert_eq!(error_names(&svc), ["Boom", "Oops", "Throttled"]);
    // (fault, @httpError, @retryable, members kept)
    let facts = |name: &str| {
        let e = &svc.errors[name];
        let info = e.error.as_ref().unwrap();
        let members = names(&e.members, |m| &m.wire_name);
        (
            info.fault.as_str(),
            info.http_status,
            info.retryable,
            members,
        )
    };
    assert_eq!(facts("Boom"), ("client", Some(400), false, vec!["detail"]));
    assert_eq!(
        facts("Oops"),
        ("server", None, true, vec![]),
        "a capitalized `Message` is dropped too"
    );
    assert_eq!(facts("Throttled"), ("client", Some(429), true, vec![]));
    let closed = operation(&svc, "Closed");
    assert_eq!(
        names(&closed.errors, |e| &e.variant),
        ["Boom", "Oops", "Throttled"]
    );
    assert_eq!(
        names(&operation(&svc, "Open").errors, |e| &e.variant),
        ["Throttled"]
    );
    let plain = svc.types.values().all(|t| match t {
        TypeDef::Structure(s) | TypeDef::Union(s) => s.error.is_none(),
        TypeDef::Enum(_) => true,
    });
    assert!(plain, "errors live in `errors`, not `types`");
}

// ---- operation selection ----

#[test]
fn selected_operations_keep_only_the_shapes_they_reach() {
    let svc = resolve_with("everything.json", Some(&["GetWidget"])).unwrap();
    assert_eq!(names(&svc.operations, |op| &op.name), ["GetWidget"]);
    assert_eq!(type_names(&svc), ["Color"]);
    assert_eq!(error_names(&svc), ["ServiceFault", "WidgetNotFound"]);

    let svc = resolve_with("everything.json", Some(&["CountWidgets", "GetPart"])).unwrap();
    assert_eq!(
        names(&svc.operations, |op| &op.name),
        ["CountWidgets", "GetPart"]
    );
    assert!(svc.types.is_empty());
    assert_eq!(error_names(&svc), ["ServiceFault"]);
}

#[test]
fn unknown_operation_is_rejected() {
    let e = resolve_with("everything.json", Some(&["GetWidget", "Nope"])).unwrap_err();
    assert_eq!(e.file, model_path("everything.json").display().to_string());
    assert_eq!(e.shape.as_deref(), Some("example.everything#Everything"));
    assert!(e.problem.contains("no operation named \"Nope\""), "{e}");
}

#[test]
fn selected_operations_emit_only_their_files() {
    let options = Options {
        operations: Some(vec!["GetWidget".into()]),
    };
    let files = generate("everything.json", &options);
    let ops: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.starts_with("src/operation/") || p.starts_with("src/types/"))
        .collect();
    assert_eq!(
        ops,
        [
            "src/operation/get_widget.rs",
            "src/operation/mod.rs",
            "src/types/color.rs",
            "src/types/error/mod.rs",
            "src/types/error/service_fault.rs",
            "src/types/error/widget_not_found.rs",
            "src/types/mod.rs",
        ]
    );
}

// ---- broken models ----

/// Loads (and, if that works, resolves) a broken model; the error must name the file.
fn broken(name: &str) -> ModelError {
    let path = model_path(&format!("broken/{name}"));
    let error = match Model::load(&path) {
        Ok(model) => resolve(&model, &Options::default())
            .map(|_| ())
            .expect_err("resolve must reject it"),
        Err(e) => e,
    };
    assert_eq!(error.file, path.display().to_string());
    let message = error.to_string();
    assert!(message.contains(&error.file), "{message}");
    if let Some(shape) = &error.shape {
        assert!(message.contains(shape.as_str()), "{message}");
    }
    assert!(message.contains(&error.problem), "{message}");
    let generated = codegen::generate(
        &std::fs::read_to_string(&path).unwrap(),
        &path.display().to_string(),
        PARTITIONS,
        &Options::default(),
    );
    assert_eq!(generated.unwrap_err(), message, "generate reports the same");
    error
}

fn assert_problem(error: &ModelError, shape: Option<&str>, words: &[&str]) {
    assert_eq!(error.shape.as_deref(), shape, "{error}");
    for word in words {
        assert!(error.problem.contains(word), "{error} lacks {word:?}");
    }
}

#[test]
fn invalid_json_is_rejected() {
    assert_problem(&broken("invalid-json.json"), None, &["not valid JSON"]);
}

#[test]
fn missing_smithy_version_is_rejected() {
    assert_problem(&broken("no-version.json"), None, &["no \"smithy\" version"]);
}

#[test]
fn unknown_shape_type_is_rejected() {
    assert_problem(
        &broken("unknown-type.json"),
        Some("example.broken#Gizmo"),
        &["gizmo"],
    );
}

#[test]
fn member_targeting_a_missing_shape_is_rejected() {
    assert_problem(
        &broken("missing-member-target.json"),
        Some("example.broken#Holder"),
        &["member ghost", "example.broken#Missing", "not in the model"],
    );
}

#[test]
fn operation_with_a_missing_input_is_rejected() {
    assert_problem(
        &broken("missing-input.json"),
        Some("example.broken#DoIt"),
        &["input", "example.broken#NoSuchInput", "not in the model"],
    );
}

#[test]
fn unsupported_protocol_is_rejected() {
    assert_problem(
        &broken("unsupported-protocol.json"),
        Some("example.broken#Svc"),
        &["aws.protocols#awsQuery", "not supported"],
    );
}

#[test]
fn model_without_a_service_is_rejected() {
    assert_problem(&broken("no-service.json"), None, &["no service shape"]);
}

#[test]
fn unknown_member_level_timestamp_format_is_rejected() {
    assert_problem(
        &broken("member-timestamp-format.json"),
        Some("example.broken#DoItInput"),
        &["member when", "\"iso-week\"", "not one of"],
    );
}

#[test]
fn unit_union_member_is_rejected_by_name() {
    assert_problem(
        &broken("unit-union-member.json"),
        Some("example.broken#Choice"),
        &["member nothing", "smithy.api#Unit", "not supported"],
    );
}

#[test]
fn int_enum_value_beyond_i32_is_rejected() {
    assert_problem(
        &broken("int-enum-out-of-range.json"),
        Some("example.broken#Level"),
        &["member HUGE", "3000000000"],
    );
}

#[test]
fn list_containing_itself_is_rejected() {
    assert_problem(
        &broken("self-list.json"),
        Some("example.broken#Loop"),
        &["contains itself", "structure or union"],
    );
}

#[test]
fn map_and_list_containing_each_other_are_rejected() {
    // The walk starts at the first shape by id and meets the cycle again there.
    assert_problem(
        &broken("list-map-cycle.json"),
        Some("example.broken#TagList"),
        &["contains itself", "example.broken#TagMap"],
    );
}

#[test]
fn resolve_refuses_a_hand_built_model_with_a_list_containing_itself() {
    let text = model_text("broken/self-list.json").replace(
        r#""member": { "target": "example.broken#Loop" }"#,
        r#""member": { "target": "smithy.api#String" }"#,
    );
    let mut model = Model::parse(&text, "self-list.json").unwrap();
    match model.shapes.get_mut("example.broken#Loop") {
        Some(codegen::model::Shape::List(list)) => {
            list.member.target = "example.broken#Loop".into()
        }
        other => panic!("{other:?}"),
    }
    let error = resolve(&model, &Options::default()).unwrap_err();
    assert_problem(&error, Some("example.broken#Loop"), &["contains itself"]);
}

#[test]
fn mixin_cycle_is_rejected() {
    assert_problem(
        &broken("mixin-cycle.json"),
        Some("example.broken#CycleB"),
        &["example.broken#CycleA", "cycle"],
    );
}

#[test]
fn mixin_member_redefined_with_another_target_is_rejected() {
    assert_problem(
        &broken("mixin-member-conflict.json"),
        Some("example.broken#DoItInput"),
        &["member id", "smithy.api#String", "smithy.api#Integer"],
    );
}

#[test]
fn member_targeting_a_mixin_is_rejected() {
    assert_problem(
        &broken("mixin-targeted.json"),
        Some("example.broken#DoItInput"),
        &["member common", "example.broken#Common", "is a mixin"],
    );
}

#[test]
fn mixing_in_a_shape_without_the_mixin_trait_is_rejected() {
    assert_problem(
        &broken("mixin-not-a-mixin.json"),
        Some("example.broken#DoItInput"),
        &["example.broken#Plain", "not a mixin"],
    );
}

#[test]
fn mixin_of_another_shape_type_is_rejected() {
    assert_problem(
        &broken("mixin-of-another-type.json"),
        Some("example.broken#Name"),
        &["example.broken#BlobMixin", "blob", "string"],
    );
}

#[test]
fn duplicate_enum_value_is_rejected() {
    assert_problem(
        &broken("duplicate-enum-value.json"),
        Some("example.broken#Color"),
        &["\"red\"", "RED", "CRIMSON"],
    );
}

#[test]
fn duplicate_legacy_enum_value_is_rejected() {
    assert_problem(
        &broken("duplicate-legacy-enum-value.json"),
        Some("example.broken#Mode"),
        &["\"fast\"", "FAST", "QUICK"],
    );
}

#[test]
fn duplicate_int_enum_value_is_rejected() {
    assert_problem(
        &broken("duplicate-int-enum-value.json"),
        Some("example.broken#Level"),
        &["\"1\"", "LOW", "ONE"],
    );
}

#[test]
fn shape_name_outside_the_smithy_grammar_is_rejected() {
    assert_problem(
        &broken("shape-name-not-identifier.json"),
        Some("example.broken#Get½Thing"),
        &["not a valid shape id"],
    );
}

/// A model text with `shapes` (JSON object members, without braces) and one service whose
/// operation takes `example.deep#Input`.
fn model_with(shapes: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "example.deep#Svc": {{"type": "service", "version": "1", "operations": [{{"target": "example.deep#Op"}}],
                "traits": {{"aws.protocols#awsJson1_1": {{}}}}}},
            "example.deep#Op": {{"type": "operation", "input": {{"target": "example.deep#Input"}}}},
            {shapes}
        }}}}"#
    )
}

#[test]
fn lists_nested_past_the_limit_are_refused_without_recursing() {
    // Far deeper than any stack would survive if a walk recursed over it.
    let depth = 10_000;
    let mut shapes = vec![
        r#""example.deep#Input": {"type": "structure", "members": {"l": {"target": "example.deep#L0"}}}"#
            .to_string(),
    ];
    for i in 0..depth {
        shapes.push(format!(
            r#""example.deep#L{i}": {{"type": "list", "member": {{"target": "example.deep#L{}"}}}}"#,
            i + 1
        ));
    }
    shapes.push(format!(r#""example.deep#L{depth}": {{"type": "string"}}"#));
    let error = Model::parse(&model_with(&shapes.join(",")), "deep.json").unwrap_err();
    assert_eq!(error.file, "deep.json");
    assert!(error.problem.contains("at most 32"), "{error}");
    assert!(error.shape.unwrap().starts_with("example.deep#L"));
}

#[test]
fn lists_nested_to_the_limit_generate() {
    let depth = codegen::model::MAX_COLLECTION_NESTING;
    let mut shapes = vec![
        r#""example.deep#Input": {"type": "structure", "members": {"l": {"target": "example.deep#L1"}}}"#
            .to_string(),
    ];
    for i in 1..depth {
        shapes.push(format!(
            r#""example.deep#L{i}": {{"type": "list", "member": {{"target": "example.deep#L{}"}}}}"#,
            i + 1
        ));
    }
    shapes.push(format!(
        r#""example.deep#L{depth}": {{"type": "list", "member": {{"target": "smithy.api#String"}}}}"#
    ));
    let text = model_with(&shapes.join(","));
    let model = Model::parse(&text, "deep.json").unwrap();
    let svc = resolve(&model, &Options::default()).unwrap();
    let expected = (0..depth).fold(RustType::String, |inner, _| list(inner, false));
    assert_eq!(member(&operation(&svc, "Op").input, "l").ty, expected);
    codegen::generate(&text, "deep.json", PARTITIONS, &Options::default()).unwrap();
}

#[test]
fn a_long_chain_of_mixins_is_applied_without_recursing() {
    let depth = 10_000;
    let mut shapes = vec![
        r#""example.deep#Input": {"type": "structure", "mixins": [{"target": "example.deep#M0"}], "members": {}}"#
            .to_string(),
    ];
    for i in 0..depth {
        shapes.push(format!(
            r#""example.deep#M{i}": {{"type": "structure", "mixins": [{{"target": "example.deep#M{}"}}], "members": {{}}, "traits": {{"smithy.api#mixin": {{}}}}}}"#,
            i + 1
        ));
    }
    shapes.push(format!(
        r#""example.deep#M{depth}": {{"type": "structure", "members": {{"deepest": {{"target": "smithy.api#String", "traits": {{"smithy.api#required": {{}}}}}}}}, "traits": {{"smithy.api#mixin": {{}}}}}}"#
    ));
    let model = Model::parse(&model_with(&shapes.join(",")), "mixins.json").unwrap();
    let svc = resolve(&model, &Options::default()).unwrap();
    let input = &operation(&svc, "Op").input;
    assert_eq!(names(&input.members, |m| &m.wire_name), ["deepest"]);
    assert!(member(input, "deepest").required);
}

// ---- names no identifier can hold, and names that collide ----

#[test]
fn operations_whose_rust_names_collide_get_distinct_modules_and_types() {
    let svc = service("hostile-names.json");
    let ops: Vec<(&str, &str, &str)> = svc
        .operations
        .iter()
        .map(|op| (op.name.as_str(), op.rust_name.as_str(), op.snake.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            ("GetThing", "GetThing", "get_thing"),
            ("Get_Thing", "GetThing2", "get_thing2"),
            // `mod.rs` is the folder's, `Client::new` the client's.
            ("Mod", "Mod2", "mod2"),
            ("New", "New2", "new2"),
            ("listThings", "ListThings", "list_things"),
        ]
    );
    assert_eq!(operation(&svc, "Get_Thing").output.name, "GetThing2Output");
    let files = generate("hostile-names.json", &Options::default());
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let count = paths.len();
    paths.dedup();
    assert_eq!(paths.len(), count, "two files at one path");
    for module in ["get_thing", "get_thing2", "mod2", "new2", "list_things"] {
        file(&files, &format!("src/operation/{module}.rs"));
    }
    // The wire still uses the model's names.
    assert!(file(&files, "src/operation/get_thing2.rs").contains("\"Hostile.Get_Thing\""));
}

#[test]
fn types_whose_names_or_files_collide_get_distinct_names() {
    let svc = service("hostile-names.json");
    assert_eq!(
        type_names(&svc),
        ["FooBar", "FooBar2", "Fraction", "Legacy", "Level", "Mod2"]
    );
}

#[test]
fn member_names_without_an_identifier_are_made_up() {
    let svc = service("hostile-names.json");
    let input = &operation(&svc, "GetThing").input;
    let fields: Vec<(&str, &str)> = input
        .members
        .iter()
        .map(|m| (m.wire_name.as_str(), m.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("X½", "x1_2"),
            ("x²", "x2"),
            ("🦄", "unicorn"),
            ("!!!", "value"),
            ("", "value2"),
            ("a b", "a_b"),
            ("fraction", "fraction"),
            ("legacy", "legacy"),
            ("level", "level"),
        ]
    );
}

#[test]
fn enum_values_without_an_identifier_get_made_up_variants() {
    let svc = service("hostile-names.json");
    assert_eq!(
        variants(enumeration(&svc, "Fraction")),
        [
            ("X12", "x-half"),
            ("V2", "squared"),
            ("Unicorn", "unicorn"),
            ("Value", "bang"),
            ("Value2", "what"),
        ]
    );
    assert_eq!(
        variants(enumeration(&svc, "Legacy")),
        [
            ("Value", "*"),
            ("Value2", ""),
            ("V12", "½"),
            ("T2Micro", "t2.micro"),
            ("T2Micro2", "T2Micro"),
            ("SelfValue", "Self"),
        ]
    );
    assert_eq!(
        variants(enumeration(&svc, "Level")),
        [("V12", "1"), ("V1212", "2")]
    );
}

#[test]
fn emit_refuses_an_ir_with_a_name_that_is_no_identifier() {
    let mut svc = service("hostile-names.json");
    svc.operations[0].input.members[0].field = "X½".into();
    let error = codegen::emit::emit(
        &svc,
        codegen::emit::CrateData {
            partitions: PARTITIONS,
        },
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("\"X½\" is not a Rust identifier"),
        "{error}"
    );
}

// ---- mixins ----

#[test]
fn mixin_members_come_first_in_depth_first_order() {
    let svc = service("mixins.json");
    let input = &operation(&svc, "ListThings").input;
    assert_eq!(
        names(&input.members, |m| &m.wire_name),
        ["nextToken", "pageSize", "nameFilter", "sizeFilter"]
    );
    // Required in the mixin's mixin, so a constructor argument here.
    assert!(member(input, "nextToken").required);
    // Redefined: the local docs win, the mixin's @required stays, the target's @sensitive
    // comes from the string mixin.
    let name_filter = member(input, "nameFilter");
    assert_eq!(name_filter.docs, "Specific docs.");
    assert!(name_filter.required);
    assert!(name_filter.sensitive);
    // The mixin's docs are inherited, its local @deprecated and its @mixin are not.
    assert_eq!(input.docs, "Docs from the mixin.");
    assert_eq!(input.deprecated, None);
    let output = &operation(&svc, "ListThings").output;
    assert_eq!(
        names(&output.members, |m| &m.wire_name),
        ["nextToken", "names", "choice", "color", "labels"]
    );
}

#[test]
fn mixins_apply_to_unions_enums_lists_maps_and_simple_shapes() {
    let svc = service("mixins.json");
    let choice = union(&svc, "Choice");
    assert_eq!(
        names(&choice.members, |m| &m.wire_name),
        ["first", "second"]
    );
    assert_eq!(
        variants(enumeration(&svc, "Color")),
        [("Red", "red"), ("Blue", "blue")]
    );
    let output = &operation(&svc, "ListThings").output;
    assert_eq!(member(output, "names").ty, list(RustType::String, false));
    assert!(member(output, "names").sensitive);
    assert_eq!(
        member(output, "labels").ty,
        RustType::Map(Box::new(RustType::I32), true)
    );
}

#[test]
fn mixins_apply_to_services_and_operations() {
    let svc = service("mixins.json");
    assert_eq!(svc.version, "2024-06-01");
    assert_eq!(svc.docs, "The service's own docs.");
    assert_eq!(
        names(&svc.operations, |op| &op.name),
        ["ListThings", "Ping"]
    );
    let errors: Vec<&str> = operation(&svc, "ListThings")
        .errors
        .iter()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(errors, ["NotFound", "ServiceFault", "ValidationError"]);
    let validation = &svc.errors["ValidationError"];
    assert_eq!(validation.error.as_ref().unwrap().fault, "client");
    assert_eq!(validation.error.as_ref().unwrap().http_status, Some(400));
}

#[test]
fn mixin_shapes_are_not_generated() {
    let model = load("mixins.json");
    assert!(!model.shapes.contains_key("example.mixins#TokenMixin"));
    assert!(!model.shapes.contains_key("example.mixins#BaseService"));
    let svc = service("mixins.json");
    assert!(!type_names(&svc)
        .iter()
        .any(|n| n.contains("Mixin") || n.starts_with("Base")));
}

// ---- emit ----

fn generate(name: &str, options: &Options) -> Vec<codegen::emit::GeneratedFile> {
    codegen::generate(&model_text(name), name, PARTITIONS, options)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn file<'a>(files: &'a [codegen::emit::GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not generated"))
        .contents
}

#[test]
fn every_test_model_emits() {
    for name in GOOD_MODELS {
        let files = generate(name, &Options::default());
        file(&files, "Cargo.toml");
        file(&files, "src/lib.rs");
    }
}

#[test]
fn every_shape_model_emits_a_file_per_operation_and_type() {
    let files = generate("everything.json", &Options::default());
    let svc = service("everything.json");
    for op in &svc.operations {
        file(&files, &format!("src/operation/{}.rs", op.snake));
    }
    for path in [
        "src/types/choice.rs",
        "src/types/color.rs",
        "src/types/inner.rs",
        "src/types/legacy_mode.rs",
        "src/types/level.rs",
        "src/types/error/service_fault.rs",
        "src/types/error/widget_not_found.rs",
    ] {
        file(&files, path);
    }
    assert!(!files.iter().any(|f| f.path.contains("orphan")));
    assert!(file(&files, "Cargo.toml").contains("name = \"everything\""));
}

/// The crates of every good model compile. They form one throwaway workspace under the temp
/// dir, locked to this workspace's dependency versions and built in this workspace's target
/// dir, so the runtime's dependencies are already checked and only the crates themselves are.
#[test]
fn generated_crates_pass_cargo_check() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    // One directory per checkout: kept between runs so a rerun checks nothing new, and apart
    // from other checkouts' so they never overwrite each other's crates.
    let checkout = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        root.hash(&mut hasher);
        hasher.finish()
    };
    let dir = std::env::temp_dir().join(format!("codegen-load-resolve-{checkout:016x}"));
    let mut members = Vec::new();
    for name in GOOD_MODELS {
        let member_name = name.trim_end_matches(".json");
        let files = generate(name, &Options::default());
        codegen::write::sync(&dir.join(member_name), &files, false).unwrap();
        members.push(format!("{member_name:?}"));
    }
    let workspace = format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    write_if_changed(&dir.join("Cargo.toml"), &workspace);
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    write_if_changed(&dir.join("Cargo.lock"), &lock);
    // CARGO_TARGET_TMPDIR is <target>/tmp, whatever the target dir is.
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "check",
            "--offline",
            "--workspace",
            "--message-format=short",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo check failed:\n{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));
}

/// Leaves an unchanged file's timestamp alone, so a second check has nothing to redo.
fn write_if_changed(path: &std::path::Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}
