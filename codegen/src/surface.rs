//! The public API surface of a generated crate, one line per item, sorted: what a reviewer of a
//! model update reads instead of 300 files. Pure: IR in, lines out. The crate carries it as
//! `API.txt` (with a short hash of each item's documentation, so documentation-only changes can
//! be counted), and the next run compares against that file.
//!
//! Lines are `<kind> <name>: <detail>`; the kind and name identify the item, the detail is what
//! can change:
//!
//! - `service <shape>: sdkId "...", version "...", crate <name>`
//! - `operation <Name>: fn <method>(<Input>) -> <Output>, <Error>`
//! - `type <Name>: struct | union | enum | int enum | input of <Op> | ...`, errors as
//!   `type error::<Name>: error (<fault>)`
//! - `member <Type>.<field>: <Rust type> (required | optional | default <value>)`
//! - `enum <Enum>::<Variant>: "<value>"`
//! - `error <OpError>::<Variant>: <error type>`
//! - `paginated <Op>: input_token <m>, output_token <m>, items <m>, page_size <m>`
//! - `waiter <Op>.<Waiter>: fn <method>(<Input>, options)`
use crate::ir::{self, RustType, Structure, TypeDef};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The file the surface is kept in, at the root of the generated crate.
pub const FILE: &str = "API.txt";

const DOCS_MARK: &str = "  #docs ";

/// One item of the surface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Kind and name: `member ConfirmForgotPasswordInput.secret_hash`.
    pub key: String,
    /// What the item is: `String (optional)`.
    pub detail: String,
    /// A short hash of the item's documentation, when it has some.
    pub docs: Option<String>,
}

impl Entry {
    /// The line without the documentation hash.
    pub fn line(&self) -> String {
        if self.detail.is_empty() {
            self.key.clone()
        } else {
            format!("{}: {}", self.key, self.detail)
        }
    }

    /// The first word of the key: `member`, `operation`, ...
    pub fn kind(&self) -> &str {
        self.key.split_once(' ').map_or(&self.key, |(kind, _)| kind)
    }

    /// The key without the kind: `ConfirmForgotPasswordInput.secret_hash`.
    pub fn name(&self) -> &str {
        self.key.split_once(' ').map_or("", |(_, name)| name)
    }
}

/// Every item of a crate's public API, by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// The items by key (so in sorted order).
    pub entries: BTreeMap<String, Entry>,
}

impl Surface {
    /// The surface of the crate emitted for `service`.
    pub fn of(service: &ir::Service) -> Surface {
        let mut s = Surface::default();
        s.add(
            format!("service {}", service.shape_name),
            format!(
                "sdkId {:?}, version {:?}, crate {}",
                service.sdk_id, service.version, service.crate_name
            ),
            &service.docs,
        );
        for op in &service.operations {
            s.operation(op);
        }
        for def in service.types.values() {
            match def {
                TypeDef::Structure(st) => s.structure(&st.name, st, "struct"),
                TypeDef::Union(st) => s.union(st),
                TypeDef::Enum(e) => s.enumeration(e),
            }
        }
        for error in service.errors.values() {
            let fault = error.error.as_ref().map_or("client", |e| e.fault.as_str());
            // In `types::error`, a namespace of its own: a type may have the same name.
            s.structure(
                &format!("error::{}", error.name),
                error,
                &format!("error ({fault})"),
            );
        }
        s
    }

    fn add(&mut self, key: String, detail: String, docs: &str) {
        let docs = (!docs.trim().is_empty()).then(|| docs_hash(docs));
        self.entries
            .insert(key.clone(), Entry { key, detail, docs });
    }

    fn operation(&mut self, op: &ir::Operation) {
        let error = &op.error_name;
        self.add(
            format!("operation {}", op.name),
            format!(
                "fn {}({}) -> {}, {error}",
                op.snake, op.input.name, op.output.name
            ),
            &op.docs,
        );
        self.structure(&op.input.name, &op.input, &format!("input of {}", op.name));
        self.structure(
            &op.output.name,
            &op.output,
            &format!("output of {}", op.name),
        );
        self.add(
            format!("type {error}"),
            format!("errors of {}", op.name),
            "",
        );
        for e in &op.errors {
            self.add(
                format!("error {error}::{}", e.variant),
                format!("error::{}", e.type_name),
                "",
            );
        }
        if let Some(p) = &op.paginated {
            let parts: Vec<String> = [
                ("input_token", &p.input_token),
                ("output_token", &p.output_token),
                ("items", &p.items),
                ("page_size", &p.page_size),
            ]
            .into_iter()
            .filter_map(|(what, member)| member.as_ref().map(|m| format!("{what} {m}")))
            .collect();
            self.add(format!("paginated {}", op.name), parts.join(", "), "");
        }
        for w in &op.waiters {
            self.add(
                format!("waiter {}.{}", op.name, w.name),
                format!("fn {}({}, options)", w.method, op.input.name),
                &w.docs,
            );
        }
    }

    fn structure(&mut self, name: &str, st: &Structure, what: &str) {
        self.add(format!("type {name}"), what.to_string(), &st.docs);
        for m in &st.members {
            let requirement = if m.required {
                "required".to_string()
            } else if m.zero_default {
                format!("default {}", m.default_doc.as_deref().unwrap_or("zero"))
            } else {
                "optional".to_string()
            };
            self.add(
                format!("member {name}.{}", m.field),
                format!("{} ({requirement})", value_type(m)),
                &m.docs,
            );
        }
    }

    /// Union members are the variants of a Rust enum.
    fn union(&mut self, st: &Structure) {
        self.add(format!("type {}", st.name), "union".into(), &st.docs);
        for m in &st.members {
            self.add(
                format!("member {}.{}", st.name, m.field),
                value_type(m),
                &m.docs,
            );
        }
    }

    fn enumeration(&mut self, e: &ir::Enum) {
        let what = if e.int { "int enum" } else { "enum" };
        self.add(format!("type {}", e.name), what.into(), &e.docs);
        for v in &e.variants {
            let value = if e.int {
                v.value.clone()
            } else {
                format!("{:?}", v.value)
            };
            self.add(format!("enum {}::{}", e.name, v.name), value, &v.docs);
        }
    }

    /// The lines, sorted, without documentation hashes: the reviewed snapshot.
    pub fn lines(&self) -> Vec<String> {
        self.entries.values().map(Entry::line).collect()
    }

    /// The text of `API.txt`: the generated header, then one line per item with its
    /// documentation hash.
    pub fn file_text(&self) -> String {
        let mut text = format!(
            "{}\n# The public API of this crate, one line per item; `#docs` is a hash of the item's \
             documentation.\n# `cargo xtask codegen` compares against this file to summarize model \
             changes.\n",
            crate::write::TEXT_HEADER
        );
        for entry in self.entries.values() {
            text.push_str(&entry.line());
            if let Some(docs) = &entry.docs {
                text.push_str(DOCS_MARK);
                text.push_str(docs);
            }
            text.push('\n');
        }
        text
    }

    /// The surface kept in `out/API.txt`, when the generator wrote one there.
    pub fn read_generated(out: &std::path::Path) -> Option<Surface> {
        let path = out.join(FILE);
        let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file());
        let text = std::fs::read_to_string(&path).ok().filter(|_| regular)?;
        crate::write::is_generated_text(&text).then(|| Surface::parse(&text))
    }

    /// Reads the text of an `API.txt` back.
    pub fn parse(text: &str) -> Surface {
        let mut s = Surface::default();
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (line, docs) = match line.rsplit_once(DOCS_MARK) {
                Some((rest, hash)) if is_docs_hash(hash) => (rest, Some(hash.to_string())),
                _ => (line, None),
            };
            let (key, detail) = line.split_once(": ").unwrap_or((line, ""));
            s.entries.insert(
                key.to_string(),
                Entry {
                    key: key.to_string(),
                    detail: detail.to_string(),
                    docs,
                },
            );
        }
        s
    }
}

/// The member's value type as the user writes it (an optional member's field wraps it in
/// `Option`, which the requirement word says).
fn value_type(m: &ir::Member) -> String {
    let ty = rust_type(&m.ty);
    if m.boxed {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

fn rust_type(t: &RustType) -> String {
    match t {
        RustType::String => "String".into(),
        RustType::Bool => "bool".into(),
        RustType::I8 => "i8".into(),
        RustType::I16 => "i16".into(),
        RustType::I32 => "i32".into(),
        RustType::I64 => "i64".into(),
        RustType::F32 => "f32".into(),
        RustType::F64 => "f64".into(),
        RustType::BigNumber => "serde_json::Number".into(),
        RustType::Blob => "Blob".into(),
        RustType::ByteStream => "ByteStream".into(),
        RustType::Timestamp => "DateTime".into(),
        RustType::Document => "Document".into(),
        RustType::Named(name) => name.clone(),
        RustType::NamedError(name) => format!("error::{name}"),
        RustType::List(inner, sparse) => format!("Vec<{}>", element(inner, *sparse)),
        RustType::Map(inner, sparse) => format!("HashMap<String, {}>", element(inner, *sparse)),
    }
}

fn element(inner: &RustType, sparse: bool) -> String {
    if sparse {
        format!("Option<{}>", rust_type(inner))
    } else {
        rust_type(inner)
    }
}

fn docs_hash(docs: &str) -> String {
    Sha256::digest(docs.trim().as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn is_docs_hash(text: &str) -> bool {
    text.len() == 8 && text.bytes().all(|b| b.is_ascii_hexdigit())
}
