//! The crate around the types: Cargo.toml, lib.rs, module lists, the embedded runtime and data.
use super::{
    inner_doc_comment, rust_file, string_literal, EmitError, GeneratedFile, HEADER,
    TEXT_DIRECTION_CODEPOINTS,
};
use crate::customize::Customization;
use crate::ir::{Protocol, Service};
use crate::naming::ident;
use crate::runtime_sources::{RUNTIME_CARGO_TOML, RUNTIME_FILES};
use quote::quote;
use std::borrow::Cow;
use toml_writer::{ToTomlValue, TomlStringBuilder};

/// Every file that is not an operation or a type.
pub fn files(
    service: &Service,
    data: super::CrateData<'_>,
    customizations: &[Box<dyn Customization>],
) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut files = vec![
        cargo_toml(service),
        lib_rs(service, customizations),
        endpoint_data(service, data.partitions)?,
        operation_mod(service)?,
        prelude_mod(service)?,
        types_mod(service)?,
        errors_mod(service)?,
    ];
    for (name, text) in cleaned_runtime_files() {
        if !runtime_file_used(service, name) {
            continue;
        }
        let path = match *name {
            "lib.rs" => "src/runtime/mod.rs".to_string(),
            _ => format!("src/runtime/{name}"),
        };
        files.push(GeneratedFile {
            path,
            contents: format!("{HEADER}\n{}", embedded_runtime_text(service, name, text)),
        });
    }
    Ok(files)
}

/// A runtime file without `#[macro_export]` and with the macros' `pub use` made `pub(crate) use`:
/// the standalone runtime crate exports its macros for its tests, but in a generated crate they
/// would become part of the crate's API.
fn with_private_macros(text: &str) -> String {
    const REWRITTEN: &str = "(the generator rewrites this line)";
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.trim_start().starts_with("#[macro_export]") {
            continue;
        }
        match line.strip_prefix("pub use ") {
            Some(rest) if line.ends_with(REWRITTEN) => {
                let items = rest.split_once(';').map_or(rest, |(items, _)| items);
                out.push_str("pub(crate) use ");
                out.push_str(items);
                out.push(';');
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Every runtime file with its unit tests and test internals taken out and its macros made
/// private. That part is the same for every model, so a process that emits many crates (the
/// corpus) does it once.
fn cleaned_runtime_files() -> &'static [(&'static str, String)] {
    static CLEANED: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    CLEANED.get_or_init(|| {
        RUNTIME_FILES
            .iter()
            .map(|(name, text)| {
                let cleaned =
                    with_private_macros(&without_test_internals(without_unit_tests(text)));
                (*name, cleaned)
            })
            .collect()
    })
}

/// Whether the model needs the runtime file at `path`: the waiter engine (and the JMESPath
/// evaluator under it) and the paginator serve only models with waiters or paginated
/// operations, and in a crate without them they would be dead code.
fn runtime_file_used(service: &Service, path: &str) -> bool {
    match path {
        "waiter.rs" | "jmespath.rs" => service.operations.iter().any(|op| !op.waiters.is_empty()),
        "paginator.rs" => service.operations.iter().any(|op| op.paginated.is_some()),
        // The mocks answer by `X-Amz-Target`: awsJson only, for now.
        "mock.rs" => service.protocol == Protocol::AwsJson,
        _ if path.starts_with("protocol/rest_json") => service.protocol == Protocol::RestJson1,
        _ => true,
    }
}

/// A runtime file as the emitted crate holds it, from its [`cleaned_runtime_files`] text
/// (without its unit tests: they ran in the runtime crate, and may need its dev-dependencies,
/// which the emitted crate does not have), and for `lib.rs` and a `mod.rs` without the modules
/// this model does not use (and, in `lib.rs`, without the `runtime` alias only the standalone
/// runtime crate needs: in a generated crate `$crate::runtime` is the module itself).
fn embedded_runtime_text<'a>(service: &Service, path: &str, cleaned: &'a str) -> Cow<'a, str> {
    let dir = match path {
        "lib.rs" => "",
        _ => match path.strip_suffix("mod.rs") {
            Some(dir) => dir,
            None => return Cow::Borrowed(cleaned),
        },
    };
    let mut lines: Vec<&str> = Vec::new();
    for line in cleaned.lines() {
        if line.starts_with("pub use crate as runtime;") {
            continue;
        }
        let module = line
            .strip_prefix("pub mod ")
            .and_then(|m| m.strip_suffix(';'));
        if let Some(module) = module {
            if !runtime_file_used(service, &format!("{dir}{module}.rs")) {
                // The module's `#[cfg(..)]` goes with it.
                if lines.last().is_some_and(|last| last.starts_with("#[cfg(")) {
                    lines.pop();
                }
                continue;
            }
        }
        lines.push(line);
    }
    Cow::Owned(lines.iter().map(|line| format!("{line}\n")).collect())
}

/// `text` without the items under `#[cfg(feature = "test-internals")]`, a feature of the
/// runtime crate only (its tests check SigV4's steps and other internals through it). By the
/// runtime's convention each such item ends at the first `}` line at its indentation.
fn without_test_internals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping_until: Option<String> = None;
    for line in text.lines() {
        if let Some(end) = &skipping_until {
            if line == end {
                skipping_until = None;
            }
            continue;
        }
        if line.trim_start() == r#"#[cfg(feature = "test-internals")]"# {
            let indent = &line[..line.len() - line.trim_start().len()];
            skipping_until = Some(format!("{indent}}}"));
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `text` up to its `#[cfg(test)] mod tests { .. }`, which by the runtime's convention closes
/// the file.
fn without_unit_tests(text: &str) -> &str {
    match text.find("\n#[cfg(test)]\nmod tests {") {
        Some(at) => text[..at].trim_end_matches('\n'),
        None => text,
    }
}

/// The text of a `[table]` of the runtime's Cargo.toml, up to the next table.
fn runtime_table(name: &str) -> &'static str {
    let header = format!("\n[{name}]\n");
    RUNTIME_CARGO_TOML
        .split_once(header.as_str())
        .map(|(_, rest)| rest.split_once("\n[").map_or(rest, |(table, _)| table))
        .unwrap_or_default()
        .trim()
}

/// The runtime's features, the `default` set chosen per model (gzip only where an operation
/// asks for it), and `dynamic`, which gates `src/dynamic.rs`.
fn features(service: &Service) -> String {
    let default = if service.uses_request_compression() {
        r#"default = ["request-compression"]"#
    } else {
        "default = []"
    };
    let runtime: Vec<&str> = runtime_table("features")
        .lines()
        .filter(|line| {
            !["default", "test-util", "test-internals"]
                .iter()
                .any(|name| line.trim_start().starts_with(name))
        })
        .collect();
    let mocks = match service.protocol {
        Protocol::AwsJson => {
            "\n# `mock`: typed test doubles for users' own tests.\ntest-util = [\"dynamic\"]"
        }
        Protocol::RestJson1 => "",
    };
    format!(
        "{default}\n{}\n# `Client::call_json`: every operation callable by name with JSON (test harnesses, tools).\ndynamic = [\"serde/derive\"]{mocks}",
        runtime.join("\n")
    )
}

/// The model's title and version reach Cargo.toml only as TOML string values, so no text can
/// end a string and add a key (a `build = "..."` would run on `cargo check`).
fn cargo_toml(service: &Service) -> GeneratedFile {
    let dependencies = runtime_table("dependencies");
    let features = features(service);
    let description = format!(
        "Client for {} (API version {}), generated from its Smithy model.",
        service.title, service.version
    );
    let contents = format!(
        r#"# Generated by `cargo xtask codegen`. DO NOT EDIT.
[package]
name = {name}
version = "0.1.0"
edition = "2021"
license = "Apache-2.0"
description = {description}
publish = false

[lib]
# The model's documentation is prose; none of it is a Rust example to compile.
doctest = false

[dependencies]
{dependencies}

[features]
{features}
"#,
        name = toml_string(&service.crate_name),
        description = toml_string(&description),
    );
    GeneratedFile {
        path: "Cargo.toml".into(),
        contents,
    }
}

/// A one-line TOML basic string holding exactly `text`.
fn toml_string(text: &str) -> String {
    TomlStringBuilder::new(text).as_basic().to_toml_value()
}

/// The crate docs as Markdown: the model's title, version and documentation are prose here,
/// and [`inner_doc_comment`] turns every line into its own `//!` line.
fn crate_docs(service: &Service, customizations: &[Box<dyn Customization>]) -> String {
    let example = match crate::customize::front_page_example(customizations) {
        Some(program) => example_body(program),
        None => generic_example(service),
    };
    format!(
        r#"# {title}

A client generated from the Smithy model of {title} (API version {version}).
Build a [`Client`] from a [`Config`] (or [`Client::from_env`]), then call one async method
per operation with the operation's input; required members are the input's constructor
arguments, optional ones are set with `with_x` (or `with_x_opt` from an `Option`).
[`prelude`] brings the client and every operation's input, output and error:

```rust,no_run
{example}```

Every method returns `Result<Output, Error<OperationError>>`; see [`Error`].

{docs}"#,
        title = service.title,
        version = service.version,
        docs = service.docs,
    ) + &skipped_note(service)
}

/// The operations left out, so that a reader looking for one learns why it is missing.
fn skipped_note(service: &Service) -> String {
    if service.skipped.is_empty() {
        return String::new();
    }
    let lines: String = service
        .skipped
        .iter()
        .map(|s| format!("- `{}`: {}\n", s.name, s.reason))
        .collect();
    format!("\n\n## Operations not generated\n\nThe model has these operations, which this client does not offer:\n\n{lines}")
}

/// A program's text without its leading `//!` header, which describes the file, not the API.
fn example_body(program: &str) -> String {
    let body: Vec<&str> = program
        .lines()
        .skip_while(|line| line.starts_with("//!"))
        .collect();
    format!(
        "{}
",
        body.join("\n").trim()
    )
}

/// A call of the first operation that needs no arguments (else the first operation), for
/// services without a customized example.
fn generic_example(service: &Service) -> String {
    let crate_ident = service.crate_name.replace('-', "_");
    let op = service
        .operations
        .iter()
        .find(|op| !op.input.members.iter().any(|m| m.required))
        .or(service.operations.first());
    let call = op.map_or(String::new(), |op| {
        let args = if op.input.members.iter().any(|m| m.required) {
            "/* required members */"
        } else {
            ""
        };
        format!(
            "    let output = client.{}({}::new({args})).await?;\n    println!(\"{{output:?}}\");\n",
            op.snake, op.input.name
        )
    });
    format!(
        "use {crate_ident}::prelude::*;\n\nasync fn example() -> Result<(), Box<dyn std::error::Error>> {{\n    let client = Client::from_env();\n{call}    Ok(())\n}}\n"
    )
}

/// lib.rs is written as text in rustfmt's own layout, so `cargo fmt --check` passes on it;
/// the modules below it are marked `#[rustfmt::skip]` because prettyplease lays them out.
fn lib_rs(service: &Service, customizations: &[Box<dyn Customization>]) -> GeneratedFile {
    let custom_modules: String = customizations
        .iter()
        .flat_map(|c| c.modules())
        .map(|m| format!("#[rustfmt::skip]\npub mod {m};\n"))
        .collect();
    let fields: Vec<(&str, &str)> = customizations
        .iter()
        .flat_map(|c| c.client_fields())
        .collect();
    let field_decls: String = fields
        .iter()
        .map(|(name, ty)| format!("    {name}: {ty},\n"))
        .collect();
    let field_inits: String = fields
        .iter()
        .map(|(name, _)| format!("            {name}: Default::default(),\n"))
        .collect();
    let signing = match &service.signing_name {
        Some(name) => format!("Some({})", string_literal(name)),
        None => "None".into(),
    };
    let rules = if service.endpoint_rules.is_some() {
        "Some(endpoint_data::ENDPOINT_RULES)"
    } else {
        "None"
    };
    let no_operations = match service.operations.is_empty() {
        true => "\n// Every operation of the model was left out (the crate docs say why): the runtime serves none.\n#![allow(unused, clippy::match_single_binding)]",
        false => "",
    };
    let mock_module = match service.protocol {
        Protocol::AwsJson => "#[cfg(feature = \"test-util\")]\n#[rustfmt::skip]\npub mod mock;\n",
        Protocol::RestJson1 => "",
    };
    let contents = format!(
        r#"{HEADER}
{docs}
// Constructors take every required member, and some models require many.
#![allow(clippy::too_many_arguments)]
// Model documentation is prose converted from HTML, not hand-formatted Markdown.
#![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items)]
// Deprecated shapes are still members of current ones; users see the warnings, not this crate.
#![allow(deprecated)]
// Error and union variants mirror the model's shapes, whatever their sizes.
#![allow(clippy::large_enum_variant, clippy::result_large_err)]
// Member names are the model's (`baz` and `foo` included).
#![allow(clippy::disallowed_names)]{no_operations}

#[cfg(feature = "dynamic")]
#[rustfmt::skip]
pub mod dynamic;
#[rustfmt::skip]
mod endpoint_data;
{mock_module}#[rustfmt::skip]
pub mod operation;
#[rustfmt::skip]
pub mod prelude;
#[rustfmt::skip]
pub(crate) mod runtime;
{custom_modules}#[rustfmt::skip]
pub mod types;

/// The `bytes` crate of `HttpTransport`'s bodies.
pub use bytes;
pub use config::{{Config, Credentials, Region}};
pub use error::Error;
/// The `http` crate this client's types use: implement or wrap `HttpTransport` with it,
/// read response headers with it, with no version to match.
pub use http;

{public_runtime}
/// What the runtime knows about this service, from the model.
pub(crate) static SERVICE: runtime::operation::ServiceSpec = runtime::operation::ServiceSpec {{
    name: {shape_name},
    sdk_id: {sdk_id},
    content_type: {content_type},
    signing_name: {signing},
    endpoint_rules: {rules},
    partitions: endpoint_data::PARTITIONS,
    crate_version: env!("CARGO_PKG_VERSION"),
    query_compatible: {query_compatible},
}};

/// The client: one async method per operation. Cheap to clone; clones share connections.
#[derive(Clone, Debug)]
pub struct Client {{
    runtime: std::sync::Arc<runtime::client::Runtime>,
{field_decls}}}

impl Client {{
    /// A client with the given configuration.
    pub fn new(config: Config) -> Self {{
        Self {{
            runtime: std::sync::Arc::new(runtime::client::Runtime::new(&SERVICE, config)),
{field_inits}        }}
    }}

    /// A client configured from the environment: region, credentials and endpoint from the
    /// standard `AWS_*` variables and the shared config files.
    pub fn from_env() -> Self {{
        Self::new(Config::from_env())
    }}
}}
"#,
        docs = inner_doc_comment(&crate_docs(service, customizations)),
        shape_name = string_literal(&service.shape_name),
        sdk_id = string_literal(&service.sdk_id),
        content_type = string_literal(service.content_type),
        query_compatible = service.query_compatible,
        public_runtime = public_runtime(service),
    );
    GeneratedFile {
        path: "src/lib.rs".into(),
        contents,
    }
}

/// The part of the private runtime users name, by topic: configuration, errors, primitive
/// value types, the HTTP seam, and the paginator and waiter types the client's methods
/// return (only for models that have them).
fn public_runtime(service: &Service) -> String {
    let mut text = String::from(
        r#"pub mod config {
    //! Configuring a client: region, credentials, endpoint, retries and timeouts.
    pub use crate::runtime::config::{Config, ConfigBuilder, TimeoutConfig};
    #[cfg(feature = "credential-provider")]
    pub use crate::runtime::credentials::SdkCredentialsProvider;
    pub use crate::runtime::credentials::{
        Credentials, CredentialsError, CredentialsFuture, DefaultChain, EnvironmentProvider,
        ProfileProvider, ProvideCredentials,
    };
    pub use crate::runtime::profile::Env;
    pub use crate::runtime::region::Region;
    pub use crate::runtime::retry::RetryConfig;
}

pub mod error {
    //! How a call fails: [`Error`] and the kinds and metadata of each way.
    pub use crate::runtime::error::{
        full_message, ConstructionError, ConstructionKind, DispatchError, DispatchKind, Error,
        ErrorMetadata, ResponseError, TimeoutError, TimeoutKind, Unhandled,
    };
    pub use crate::runtime::operation::OperationError;
}

pub mod primitives {
    //! The value types of the model's members: timestamps, blobs and documents, and the body
    //! of a `@streaming` member.
    pub use crate::runtime::stream::ByteStream;
    pub use crate::runtime::types::{Blob, DateTime, DateTimeError, Document, TimestampFormat};
}

pub mod transport {
    //! The HTTP seam: implement [`HttpTransport`] to send requests your way, or wrap the
    //! built-in [`HyperTransport`].
    pub use crate::runtime::transport::{
        HttpTransport, HyperTransport, SendFuture, StreamingFuture, TransportError,
        TransportErrorKind,
    };
}
"#,
    );
    if service.operations.iter().any(|op| op.paginated.is_some()) {
        text.push_str(
            r#"
pub mod paginator {
    //! What the `*_paginator` methods return: a stream of pages, or of their items.
    pub use crate::runtime::paginator::{
        ItemOf, ItemResult, Items, PageFuture, PageResult, PageSize, PageToken, Paginated,
        PaginatedItems, Paginator,
    };
}
"#,
        );
    }
    if service.operations.iter().any(|op| !op.waiters.is_empty()) {
        text.push_str(
            r#"
pub mod waiter {
    //! What the `wait_until_*` methods take and return.
    pub use crate::runtime::waiter::{FinalPoll, WaitError, WaitOptions};
}
"#,
        );
    }
    text
}

fn endpoint_data(service: &Service, partitions: &str) -> Result<GeneratedFile, EmitError> {
    let partitions = partitions_literal(partitions).map_err(|problem| EmitError {
        path: "src/endpoint_data.rs".into(),
        problem: format!("partitions.json is not valid JSON: {problem}"),
    })?;
    let rules = match &service.endpoint_rules {
        Some(rules) => format!(
            "\n/// The model's `smithy.rules#endpointRuleSet`.\npub(crate) const ENDPOINT_RULES: &str = {};\n",
            raw_string(&escape_text_direction_json(rules))
        ),
        None => String::new(),
    };
    let contents = format!(
        "{HEADER}\n//! Data the endpoint resolver reads: the rule set from the model and the AWS partitions.\n\n/// `partitions.json`, backing the rules function `aws.partition`.\npub(crate) const PARTITIONS: &str = {partitions};\n{rules}"
    );
    Ok(GeneratedFile {
        path: "src/endpoint_data.rs".into(),
        contents,
    })
}

/// `partitions.json` as the Rust literal `endpoint_data.rs` holds. A corpus run emits many
/// crates from the same text, so the last result is kept and reused while the text is the
/// same (comparing the text costs far less than parsing and printing it).
fn partitions_literal(partitions: &str) -> Result<std::sync::Arc<str>, String> {
    type Last = Option<(String, std::sync::Arc<str>)>;
    static LAST: std::sync::Mutex<Last> = std::sync::Mutex::new(None);
    // A poisoned lock only means another thread panicked while holding it; the cache is
    // replaced whole, so its content is still either valid or absent.
    let mut last = LAST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((text, literal)) = last.as_ref() {
        if text == partitions {
            return Ok(literal.clone());
        }
    }
    let literal: std::sync::Arc<str> =
        raw_string(&escape_text_direction_json(&pretty_json(partitions)?)).into();
    *last = Some((partitions.to_string(), literal.clone()));
    Ok(literal)
}

/// Re-indents JSON so a model change shows as a readable diff.
pub fn pretty_json(text: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
}

/// JSON text with each bidi control as a `\uXXXX` escape: rustc denies them in literals, and
/// in JSON they can only stand inside strings, where the escape means the same character.
fn escape_text_direction_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if TEXT_DIRECTION_CODEPOINTS.contains(&c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A raw string literal with enough `#`s for any text.
fn raw_string(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"\n{text}\n\"{hashes}")
}

fn operation_mod(service: &Service) -> Result<GeneratedFile, EmitError> {
    let mods = service.operations.iter().map(|op| {
        let m = ident(&op.snake);
        quote!(pub mod #m;)
    });
    rust_file(
        "src/operation/mod.rs",
        quote! {
            //! One module per operation: its input, output, error enum and `Client` method; and
            //! [`ResponseMetadata`], what every output's `metadata()` returns.
            pub use crate::runtime::operation::ResponseMetadata;
            #(#mods)*
        },
    )
}

/// `use <crate>::prelude::*;` brings what a program calling the service names: the client, its
/// config and error, the `types` module, and every operation's input, output and error enum.
/// The names cannot clash: operation Rust names are unique and end in distinct suffixes.
fn prelude_mod(service: &Service) -> Result<GeneratedFile, EmitError> {
    let items = service.operations.iter().map(|op| {
        let m = ident(&op.snake);
        let input = ident(&op.input.name);
        let output = ident(&op.output.name);
        let error = ident(&op.error_name);
        quote!(pub use crate::operation::#m::{#input, #output, #error};)
    });
    rust_file(
        "src/prelude.rs",
        quote! {
            //! The names a typical program needs, for `use <this crate>::prelude::*;`: [`Client`],
            //! [`Config`], [`Error`], the [`types`] module, and every operation's input, output
            //! and error enum.
            pub use crate::{types, Client, Config, Error};
            #(#items)*
        },
    )
}

fn types_mod(service: &Service) -> Result<GeneratedFile, EmitError> {
    let items = service.types.values().map(|def| {
        let m = ident(def.module());
        let t = ident(def.name());
        quote!(mod #m; pub use #m::#t;)
    });
    rust_file(
        "src/types/mod.rs",
        quote! {
            //! The structures, unions and enums the operations share.
            pub mod error;
            #(#items)*
        },
    )
}

fn errors_mod(service: &Service) -> Result<GeneratedFile, EmitError> {
    let items = service.errors.values().map(|error| {
        let m = ident(&error.module);
        let t = ident(&error.name);
        quote!(mod #m; pub use #m::#t;)
    });
    rust_file(
        "src/types/error/mod.rs",
        quote! {
            //! The modeled errors: each carries its members and the response's code, message,
            //! status and request id.
            #(#items)*
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text that would end a TOML string or a line if pasted into Cargo.toml.
    const HOSTILE: &[&str] = &[
        "",
        "plain",
        "a \"quoted\" \\ back\\slash \\\\ \\u0041 \\n",
        "\"\nbuild = \"pwn.rs\"\nx = \"",
        "crlf\r\nlone\rcr\ttab\u{8}\u{c}",
        "nul\0us\u{1f}del\u{7f}",
        "\"\"\" ''' ' # [lib] [[bin]] {} ]]",
        "\u{202e}bidi \u{10ffff} é",
    ];

    /// Read back by the `toml` crate: one key, the text as its value, on one line.
    #[test]
    fn toml_string_reads_back_as_the_text_on_one_line() {
        for text in HOSTILE {
            let string = toml_string(text);
            assert!(!string.contains(['\n', '\r']), "{string}");
            let table: toml::Table = format!("value = {string}")
                .parse()
                .unwrap_or_else(|e| panic!("{text:?} as {string}: {e}"));
            assert_eq!(table.len(), 1, "{string}");
            assert_eq!(table["value"].as_str(), Some(*text));
        }
    }

    #[test]
    fn json_keeps_its_value_without_bidi_controls() {
        let json = serde_json::json!({ "a\u{202e}": ["\u{2066}x\u{2069}", "\\u202e"] }).to_string();
        let escaped = escape_text_direction_json(&json);
        assert!(!escaped.contains(TEXT_DIRECTION_CODEPOINTS), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(&json).unwrap()
        );
    }

    #[test]
    fn raw_string_reads_back_as_the_text() {
        for text in ["", "\"#", "\"##\"#", "a\"###b", "}\"# ; #![no_std]"] {
            let literal = raw_string(text);
            let parsed: syn::LitStr = syn::parse_str(&literal).unwrap();
            assert_eq!(parsed.value(), format!("\n{text}\n"));
        }
    }

    #[test]
    fn embedded_runtime_files_carry_no_tests_or_test_internals() {
        let mut shortened = Vec::new();
        for (path, text) in RUNTIME_FILES {
            let embedded = without_test_internals(without_unit_tests(text));
            assert!(!embedded.contains("\n#[cfg(test)]"), "{path} keeps a test");
            let internal = r#"#[cfg(feature = "test-internals")]"#;
            assert!(!embedded.contains(internal), "{path} keeps a test internal");
            if embedded.len() < text.len() {
                shortened.push(*path);
            }
        }
        // Both cuts happen (the runtime has unit tests and test internals), and only those.
        assert!(shortened.contains(&"target.rs") && shortened.contains(&"sigv4.rs"));
        let sigv4 = RUNTIME_FILES
            .iter()
            .find(|(p, _)| *p == "sigv4.rs")
            .unwrap()
            .1;
        let embedded = without_test_internals(sigv4);
        assert!(!embedded.contains("pub fn string_to_sign(") && embedded.contains("pub fn sign<"));
    }
}
