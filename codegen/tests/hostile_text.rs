//! A model whose free text is hostile (model/test-models/hostile-text.json): title, sdkId,
//! version, documentation, enum values, a deprecation note, the signing name and the endpoint
//! rules hold `"`, `\`, line breaks, `*/`, `]]`, `#![...]`, `{}`, bidi overrides and a Cargo
//! `build = "..."` injection. The crate must compile, and the text must stay text: Cargo.toml
//! has exactly our keys, lib.rs exactly our items and attributes, and every string reads back
//! as the model's value. Expected values come from the model JSON, not from the generator.
mod common;

use codegen::emit::GeneratedFile;
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;
use std::sync::OnceLock;

const SERVICE: &str = "example.hostile#Hostile";

fn model() -> &'static Value {
    static MODEL: OnceLock<Value> = OnceLock::new();
    MODEL.get_or_init(|| serde_json::from_str(&model_text()).unwrap())
}

fn model_text() -> String {
    let path = common::root().join("model/test-models/hostile-text.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn service_trait(name: &str) -> &'static Value {
    &model()["shapes"][SERVICE]["traits"][name]
}

fn files() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let partitions =
            std::fs::read_to_string(common::root().join("../shared/models/partitions.json"))
                .unwrap();
        codegen::generate(
            &model_text(),
            "hostile-text.json",
            &partitions,
            &Default::default(),
        )
        .unwrap()
    })
}

fn file(path: &str) -> &'static str {
    &files()
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not generated"))
        .contents
}

fn title() -> &'static str {
    service_trait("smithy.api#title").as_str().unwrap()
}

fn version() -> &'static str {
    model()["shapes"][SERVICE]["version"].as_str().unwrap()
}

fn sdk_id() -> &'static str {
    service_trait("aws.api#service")["sdkId"].as_str().unwrap()
}

fn keys(table: &toml::Table) -> BTreeSet<&str> {
    table.keys().map(String::as_str).collect()
}

fn set<'a>(items: &[&'a str]) -> BTreeSet<&'a str> {
    items.iter().copied().collect()
}

#[test]
fn cargo_toml_has_exactly_our_keys_and_the_model_text_as_values() {
    let manifest: toml::Table = file("Cargo.toml")
        .parse()
        .unwrap_or_else(|e| panic!("Cargo.toml is not valid TOML: {e}"));
    assert_eq!(
        keys(&manifest),
        set(&["package", "lib", "dependencies", "features"])
    );
    let package = manifest["package"].as_table().unwrap();
    assert!(
        !package.contains_key("build"),
        "the title added a build script: {package:?}"
    );
    assert_eq!(
        keys(package),
        set(&[
            "name",
            "version",
            "edition",
            "license",
            "description",
            "publish"
        ])
    );
    assert_eq!(
        package["description"].as_str(),
        Some(
            format!(
                "Client for {} (API version {}), generated from its Smithy model.",
                title(),
                version()
            )
            .as_str()
        )
    );
    // sdkId `Hostile "Text" \ */ {} U+202E\n#![no_std] ]]`: its ASCII words, kebab-cased.
    assert_eq!(package["name"].as_str(), Some("hostile-text-no-std"));
    assert_eq!(keys(manifest["lib"].as_table().unwrap()), set(&["doctest"]));
}

/// The inner attributes lib.rs carries besides its docs.
const LIB_ALLOWS: usize = 5;

#[test]
fn lib_rs_has_exactly_our_items_and_the_model_text_only_in_docs_and_literals() {
    let lib = syn::parse_file(file("src/lib.rs"))
        .unwrap_or_else(|e| panic!("src/lib.rs does not parse: {e}"));
    let (docs, others): (Vec<_>, Vec<_>) = lib
        .attrs
        .iter()
        .partition(|attr| attr.path().is_ident("doc"));
    let shown: Vec<String> = others
        .iter()
        .map(|attr| attr.to_token_stream().to_string())
        .collect();
    assert_eq!(others.len(), LIB_ALLOWS, "inner attributes: {shown:?}");
    assert!(others.iter().all(|attr| attr.path().is_ident("allow")));
    let items: Vec<String> = lib.items.iter().map(item_name).collect();
    assert_eq!(
        items,
        [
            "mod dynamic",
            "mod endpoint_data",
            "mod mock",
            "mod operation",
            "mod prelude",
            "mod runtime",
            "mod types",
            "use bytes",
            "use config",
            "use error",
            "use http",
            "mod config",
            "mod error",
            "mod primitives",
            "mod transport",
            "static SERVICE",
            "struct Client",
            "impl Client",
        ]
    );
    let crate_docs: Vec<String> = docs.iter().map(|attr| doc_value(attr)).collect();
    let crate_docs = crate_docs.join("\n");
    for line in title().lines() {
        assert!(
            crate_docs.contains(line),
            "the title line {line:?} is not in the crate docs:\n{crate_docs}"
        );
    }
    assert!(crate_docs.contains(version()));

    let service = lib
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Static(s) if s.ident == "SERVICE" => Some(s),
            _ => None,
        })
        .unwrap();
    let syn::Expr::Struct(spec) = &*service.expr else {
        panic!("SERVICE is not a struct expression");
    };
    let field = |name: &str| {
        let field = spec
            .fields
            .iter()
            .find(|f| f.member.to_token_stream().to_string() == name)
            .unwrap_or_else(|| panic!("SERVICE has no field {name}"));
        string_literals(field.expr.to_token_stream())
    };
    assert_eq!(field("name"), ["Hostile"]);
    assert_eq!(field("sdk_id"), [sdk_id()]);
    let signing = service_trait("aws.auth#sigv4")["name"].as_str().unwrap();
    assert_eq!(field("signing_name"), [signing]);
}

/// The endpoint rules are embedded as a string that reads back as the model's rule set.
#[test]
fn endpoint_rules_read_back_as_the_model_rule_set() {
    let data = syn::parse_file(file("src/endpoint_data.rs")).unwrap();
    let rules = data
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Const(c) if c.ident == "ENDPOINT_RULES" => {
                Some(string_literals(c.expr.to_token_stream()))
            }
            _ => None,
        })
        .expect("ENDPOINT_RULES");
    let rules: Value = serde_json::from_str(&rules[0]).unwrap();
    assert_eq!(&rules, service_trait("smithy.rules#endpointRuleSet"));
}

/// Enum values are string literals of the enum's module, each exactly the model's value.
#[test]
fn enum_values_are_literals_of_the_enum() {
    let module = syn::parse_file(file("src/types/mood.rs")).unwrap();
    let literals: BTreeSet<String> = string_literals(module.into_token_stream())
        .into_iter()
        .collect();
    let members = model()["shapes"]["example.hostile#Mood"]["members"]
        .as_object()
        .unwrap();
    for member in members.values() {
        let value = member["traits"]["smithy.api#enumValue"].as_str().unwrap();
        assert!(
            literals.contains(value),
            "enum value {value:?} is not a literal of mood.rs"
        );
    }
}

/// An sdkId with nothing to make a crate name of is an error naming the service and the sdkId.
#[test]
fn sdk_id_without_a_crate_name_is_an_error_naming_service_and_value() {
    let mut model = model().clone();
    let sdk_id = "\"½\" {} */";
    model["shapes"][SERVICE]["traits"]["aws.api#service"]["sdkId"] = sdk_id.into();
    let error = codegen::generate(
        &model.to_string(),
        "hostile-text.json",
        "{}",
        &Default::default(),
    )
    .unwrap_err();
    assert!(error.contains(SERVICE), "{error}");
    assert!(error.contains(&format!("{sdk_id:?}")), "{error}");
}

/// The hostile crate builds: no text escaped a comment or a literal, and rustc found no bare
/// carriage return or bidi override in a comment. Shares clippy's target dir with the
/// generality test, so the dependencies build once.
#[test]
fn hostile_crate_compiles() {
    let out = std::env::temp_dir().join(format!("hostile-text-{}", std::process::id()));
    codegen::write::sync(&out, files(), false).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--features", "dynamic"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", common::root().join("target/generality"))
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the hostile crate does not compile:\n{stderr}"
    );
    assert!(!stderr.contains("warning"), "warnings:\n{stderr}");
    std::fs::remove_dir_all(&out).ok();
}

fn item_name(item: &syn::Item) -> String {
    match item {
        syn::Item::Mod(m) => format!("mod {}", m.ident),
        syn::Item::Use(u) => match &u.tree {
            syn::UseTree::Path(p) => format!("use {}", p.ident),
            other => format!("use {}", other.to_token_stream()),
        },
        syn::Item::Static(s) => format!("static {}", s.ident),
        syn::Item::Struct(s) => format!("struct {}", s.ident),
        syn::Item::Impl(i) => format!("impl {}", i.self_ty.to_token_stream()),
        other => format!("unexpected item {}", other.to_token_stream()),
    }
}

fn doc_value(attr: &syn::Attribute) -> String {
    match &attr.meta {
        syn::Meta::NameValue(nv) => string_literals(nv.value.to_token_stream()).concat(),
        other => panic!("doc attribute without a value: {}", other.to_token_stream()),
    }
}

/// The values of every string literal in `tokens`, in order.
fn string_literals(tokens: TokenStream) -> Vec<String> {
    let mut found = Vec::new();
    for token in tokens {
        match token {
            TokenTree::Literal(literal) => {
                if let Ok(s) = syn::parse2::<syn::LitStr>(literal.into_token_stream()) {
                    found.push(s.value());
                }
            }
            TokenTree::Group(group) => found.extend(string_literals(group.stream())),
            _ => {}
        }
    }
    found
}
