//! Every Rust name the generator emits is decided here, from one rule per kind of item.
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words that cannot be a plain identifier.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union",
];

/// Type names the generated code uses unqualified, so a shape may not take them.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "HashMap",
    "Some",
    "None",
    "Ok",
    "Err",
    "Self",
    "DateTime",
    "Blob",
    "Document",
    "Error",
    "Client",
    "Config",
    "Unhandled",
    "ErrorMetadata",
    "ResponseMetadata",
    "Default",
    "Debug",
    "Display",
    "Serialize",
    "Deserialize",
];

/// What a generated type is, which decides the names it has besides its members'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    /// A structure in `types`, or an operation input.
    Structure,
    /// An operation output: it also carries the response's metadata.
    Output,
    /// An `@error` structure: it also carries the error metadata (runtime `modeled_error!`).
    Error,
    /// A union: an enum with `Unknown` for members this crate does not know.
    Union,
    /// A string or int enum: `Unknown` holds values this crate does not know.
    Enum,
    /// An operation's error enum: `Unhandled` holds errors the model does not list
    /// (runtime `operation_error!`).
    OperationError,
}

/// The one table of the names each kind of type has besides its members': the inherent
/// methods (and the `metadata` field) of structures, the catch-all variants of enums. A
/// member is renamed only where it would take one of these, so `Code` is `code()` on a plain
/// structure and `code_value()` on an error, whose `code()` is the service's (an error's
/// `message` member is no field: it is the metadata's message).
pub fn own_names(kind: TypeKind) -> &'static [&'static str] {
    match kind {
        TypeKind::Structure => &["new"],
        TypeKind::Output => &["new", "metadata", "http_status", "request_id", "headers"],
        TypeKind::Error => &[
            "new",
            "metadata",
            "code",
            "message",
            "with_message",
            "request_id",
            "http_status",
            "headers",
            "raw_body",
        ],
        TypeKind::Union | TypeKind::Enum => &["Unknown"],
        TypeKind::OperationError => &["Unhandled"],
    }
}

/// The methods of the `Client` besides the operations' (an operation's module and method
/// share its snake name).
pub const CLIENT_METHODS: &[&str] = &["new", "from_env", "call_json"];

/// Plural acronyms read as one word (`CallbackURLs` is `Callback` + `Urls`, not `Ur` + `Ls`),
/// as the AWS SDKs spell them.
fn plural_acronyms(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let after = chars.get(i + run + 1);
        let plural = run >= 2
            && chars.get(i + run) == Some(&'s')
            && after.is_none_or(|c| !c.is_ascii_lowercase());
        if plural {
            out.push(chars[i]);
            out.extend(chars[i + 1..i + run].iter().map(|c| c.to_ascii_lowercase()));
            out.push('s');
            i += run + 1;
        } else if run > 0 {
            out.extend(&chars[i..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Model text as ASCII: other scripts transliterated (`é` → `e`, `½` → `1/2`), characters
/// without a transliteration (most emoji) turned into a word break. Names are then built from
/// ASCII letters, digits and `_` alone, whatever the model holds.
fn ascii(name: &str) -> std::borrow::Cow<'_, str> {
    if name.is_ascii() {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode_with_tofu(name, " "))
    }
}

/// Only what an identifier may hold (heck already drops ASCII punctuation; this is the
/// guarantee, not the rule).
fn identifier_chars(mut name: String) -> String {
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    name
}

/// `snake_case` of a model name: fields, methods, modules. Always an [`is_identifier`]: a
/// name with nothing left to spell becomes `value`, one starting with a digit gets an `n`,
/// and `self`, `super` and `crate` (which cannot be raw) get a suffix.
pub fn snake(name: &str) -> String {
    let snake = identifier_chars(plural_acronyms(&ascii(name)).to_snake_case());
    if snake.is_empty() {
        "value".to_string()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else if matches!(snake.as_str(), "self" | "super" | "crate") {
        format!("{snake}_value")
    } else {
        snake
    }
}

/// `UpperCamelCase` of a model name: types and variants. Always an [`is_identifier`]: as
/// with [`snake`], with `Value` for a name with nothing to spell and `SelfValue` for `Self`.
pub fn camel(name: &str) -> String {
    let camel = identifier_chars(plural_acronyms(&ascii(name)).to_upper_camel_case());
    if camel.is_empty() {
        "Value".to_string()
    } else if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else if camel == "Self" {
        "SelfValue".to_string()
    } else {
        camel
    }
}

/// True when `name` can be an identifier token: ASCII letters, digits and `_`, not starting
/// with a digit, and not one of the keywords that cannot be raw. Every name this module
/// makes is one, and emit checks the whole IR against this before building any token.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(name, "_" | "self" | "Self" | "super" | "crate")
}

/// The Rust name of an operation, the prefix of its `Input`, `Output` and `Error` types: the
/// model's name where it is already UpperCamelCase (`GetUICustomization` stays as AWS spells
/// it), else [`camel`] of it (`get_thing` is `GetThing`).
pub fn operation_name(shape_name: &str) -> String {
    let camel_already = is_identifier(shape_name)
        && shape_name.starts_with(|c: char| c.is_ascii_uppercase())
        && !shape_name.contains('_');
    if camel_already {
        shape_name.to_string()
    } else {
        camel(shape_name)
    }
}

/// The Rust type name of a shape declared in the `types` module.
pub fn type_name(shape_name: &str) -> String {
    let name = camel(shape_name);
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// The field name of a member of a `kind` structure: snake case (a keyword is emitted raw,
/// `r#type`), suffixed `_value` where it would take one of the type's [`own_names`].
pub fn field_name(member: &str, kind: TypeKind) -> String {
    let name = snake(member);
    if own_names(kind).contains(&name.as_str()) {
        format!("{name}_value")
    } else {
        name
    }
}

/// `name` as an identifier token: raw where it is a keyword. `name` is an [`is_identifier`]:
/// emit checks every IR name before it builds tokens.
pub fn ident(name: &str) -> proc_macro2::Ident {
    if KEYWORDS.contains(&name) {
        proc_macro2::Ident::new_raw(name, proc_macro2::Span::call_site())
    } else {
        proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
    }
}

/// A field name without any raw prefix, to build `with_x` and `set_x` from.
pub fn bare(field: &str) -> &str {
    field.trim_start_matches("r#")
}

/// The chaining setter of a member: `with_x(value)`.
pub fn with_method(field: &str) -> String {
    format!("with_{}", bare(field))
}

/// The chaining setter of an optional member that takes an `Option`: `with_x_opt(option)`, so
/// an optional value chains without a `let mut`.
pub fn with_opt_method(field: &str) -> String {
    format!("with_{}_opt", bare(field))
}

/// The in-place setter of a member: `set_x(option)`.
pub fn set_method(field: &str) -> String {
    format!("set_{}", bare(field))
}

/// The consuming accessor of a member: `into_x(self)`, which moves the value out.
pub fn into_method(field: &str) -> String {
    format!("into_{}", bare(field))
}

/// Every method name a member with field `field` adds to its structure: all must be free.
pub fn member_methods(field: &str) -> Vec<String> {
    vec![
        field.to_string(),
        with_method(field),
        with_opt_method(field),
        set_method(field),
        into_method(field),
    ]
}

/// The variant name of a member or value of a `kind` enum, suffixed `Value` where it would
/// take the type's catch-all ([`own_names`]).
pub fn variant_name(member: &str, kind: TypeKind) -> String {
    let name = camel(member);
    if own_names(kind).contains(&name.as_str()) {
        format!("{name}Value")
    } else {
        name
    }
}

/// The `is_x()` predicate of an error enum's variant.
pub fn predicate(variant: &str) -> String {
    format!("is_{}", snake(variant))
}

/// An operation's input, output and error types, from its Rust name.
pub fn operation_types(rust_name: &str) -> [String; 3] {
    ["Input", "Output", "Error"].map(|suffix| format!("{rust_name}{suffix}"))
}

/// The client method returning an operation's paginator: `<snake>_paginator`.
pub fn paginator_method(operation_snake: &str) -> String {
    format!("{}_paginator", bare(operation_snake))
}

/// The client method of a waiter: `wait_until_<snake>`.
pub fn waiter_method(waiter: &str) -> String {
    format!("wait_until_{}", snake(waiter))
}

/// The static holding a waiter's acceptors and delays in its operation's module: unique
/// there as the waiter's method is.
pub fn waiter_spec(waiter: &str) -> String {
    format!("WAITER_{}", snake(waiter).to_uppercase())
}

/// The file stem (module name) of a type in `types/` or `types/error/`.
pub fn type_module(type_name: &str) -> String {
    snake(type_name)
}

/// Makes names unique in a scope by suffixing `2`, `3`, ... in first-come order.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }
    /// True when `name` is not taken yet.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name)
    }
    /// `name`, or `name2`, `name3`, ... if taken.
    pub fn claim(&mut self, name: String) -> String {
        self.claim_with(name, |candidate| vec![candidate.to_string()])
    }
    /// The first of `name`, `name2`, `name3`, ... whose derived names (`derive(candidate)`:
    /// the candidate itself, and whatever else it will be spelled as, such as its setters or
    /// its file name) are all free; claims them all and returns the candidate.
    pub fn claim_with(&mut self, name: String, derive: impl Fn(&str) -> Vec<String>) -> String {
        let mut candidate = name.clone();
        let mut n = 2;
        loop {
            let names = derive(&candidate);
            if names.iter().all(|name| self.is_free(name)) {
                self.taken.extend(names);
                return candidate;
            }
            candidate = format!("{name}{n}");
            n += 1;
        }
    }
}

/// crates.io's limit on a crate name's length.
const MAX_CRATE_NAME: usize = 64;

/// Crate names that would shadow a crate of the standard distribution.
const STD_CRATES: &[&str] = &["std", "core", "alloc", "proc_macro", "test"];

/// The crate name for a service: the ASCII words of its sdkId in kebab case. What Cargo
/// accepts (ASCII letters, digits, `-`, `_`, a letter first) and crates.io too (at most 64
/// characters, not a keyword or a standard crate) is checked, not assumed: the sdkId is
/// model text. The error says what is wrong with the sdkId.
pub fn crate_name(sdk_id: &str) -> Result<String, String> {
    use heck::ToKebabCase;
    let words: String = sdk_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let name = words.to_kebab_case();
    let lib_name = name.replace('-', "_");
    let problem = if name.is_empty() {
        "has no ASCII letter or digit to make a crate name of"
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        "makes a crate name that starts with a digit"
    } else if name.len() > MAX_CRATE_NAME {
        "makes a crate name longer than 64 characters"
    } else if KEYWORDS.contains(&lib_name.as_str()) || STD_CRATES.contains(&lib_name.as_str()) {
        "makes a crate name that is a Rust keyword or a standard crate"
    } else {
        return Ok(name);
    };
    Err(format!("sdkId {sdk_id:?} {problem} ({name:?})"))
}

/// The `AWS_ENDPOINT_URL_<SERVICE>` suffix for a service.
pub fn env_suffix(sdk_id: &str) -> String {
    use heck::ToShoutySnakeCase;
    sdk_id.to_shouty_snake_case()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_one_rule() {
        assert_eq!(snake("ClientId"), "client_id");
        assert_eq!(snake("CallbackURLs"), "callback_urls");
        assert_eq!(snake("LogoutURLs"), "logout_urls");
        assert_eq!(snake("KeyARNs"), "key_arns");
        assert_eq!(snake("ARNsList"), "arns_list");
        assert_eq!(snake("MFAOptions"), "mfa_options");
        assert_eq!(camel("CallbackURLs"), "CallbackUrls");
        assert_eq!(snake("SMSMfaSettings"), "sms_mfa_settings");
        assert_eq!(camel("ADMIN_NO_SRP_AUTH"), "AdminNoSrpAuth");
        assert_eq!(type_name("Result"), "ResultValue");
        assert_eq!(field_name("Type", TypeKind::Structure), "type");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(field_name("Self", TypeKind::Structure), "self_value");
        assert_eq!(field_name("Metadata", TypeKind::Output), "metadata_value");
        assert_eq!(field_name("Metadata", TypeKind::Structure), "metadata");
        assert_eq!(field_name("Message", TypeKind::Error), "message_value");
        assert_eq!(field_name("Message", TypeKind::Structure), "message");
        assert_eq!(variant_name("UNKNOWN", TypeKind::Enum), "UnknownValue");
        assert_eq!(variant_name("Unhandled", TypeKind::Enum), "Unhandled");
        assert_eq!(
            variant_name("Unhandled", TypeKind::OperationError),
            "UnhandledValue"
        );
        assert_eq!(variant_name("Self", TypeKind::Union), "SelfValue");
        assert_eq!(variant_name("3DES", TypeKind::Enum), "V3des");
        assert_eq!(
            env_suffix("Cognito Identity Provider"),
            "COGNITO_IDENTITY_PROVIDER"
        );
    }

    /// Strings no model should hold but any model may: each must still give an identifier.
    const HOSTILE: &[&str] = &[
        "",
        " ",
        "_",
        "__",
        "X½",
        "½",
        "²",
        "x²",
        "🦄",
        "🦄🦄",
        "!!!",
        "*",
        "-",
        "1",
        "123",
        "self",
        "Self",
        "super",
        "crate",
        "type",
        "r#type",
        "é",
        "Ünïcödé",
        "北京",
        "a b",
        "\u{0}",
        "\n",
        "\u{200b}",
        "\u{301}",
        "a\u{301}",
        "ǅ",
        "ß",
        "İ",
        "ﬁ",
        "Ⅻ",
        "٣",
        "__proto__",
        "0x",
        "_1",
        "Unknown",
        "mod",
        "😀Value",
        "a/b",
        "..",
        "\"",
        "'",
        "`",
    ];

    fn assert_identifier(name: &str, made: &str, rule: &str) {
        assert!(is_identifier(made), "{rule}({name:?}) = {made:?}");
        // The token the emitter builds from it must not panic either.
        let _ = ident(made);
    }

    #[test]
    fn every_name_is_an_identifier_whatever_the_model_holds() {
        let mut inputs: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
        // A fixed pseudo-random walk over the code space, so the test is the same every run.
        let mut state: u32 = 0x9e37_79b9;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(state % 6) {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                text.extend(char::from_u32(state % 0x3_0000));
            }
            inputs.push(text);
        }
        for name in &inputs {
            assert_identifier(name, &snake(name), "snake");
            assert_identifier(name, &camel(name), "camel");
            assert_identifier(name, &field_name(name, TypeKind::Error), "field_name");
            assert_identifier(name, &type_name(name), "type_name");
            assert_identifier(
                name,
                &variant_name(name, TypeKind::OperationError),
                "variant_name",
            );
            assert_identifier(name, &operation_name(name), "operation_name");
        }
    }

    #[test]
    fn non_ascii_names_are_transliterated() {
        assert_eq!(variant_name("X½", TypeKind::OperationError), "X12");
        assert_eq!(variant_name("²", TypeKind::OperationError), "V2");
        assert_eq!(field_name("Größe", TypeKind::Structure), "grosse");
        assert_eq!(type_name("Café"), "Cafe");
        assert_eq!(variant_name("🦄", TypeKind::OperationError), "Unicorn");
        assert_eq!(variant_name("!!!", TypeKind::OperationError), "Value");
        assert_eq!(field_name("", TypeKind::Structure), "value");
    }

    #[test]
    fn only_identifiers_pass_the_check() {
        for good in [
            "a",
            "_a",
            "A1",
            "r#type".trim_start_matches("r#"),
            "type",
            "__",
        ] {
            assert!(is_identifier(good), "{good}");
        }
        for bad in ["", "1a", "a-b", "X½", "self", "Self", "_", "a b", "r#type"] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn crate_names_are_kebab_case_ascii_words() {
        let ok = |sdk_id: &str| crate_name(sdk_id).unwrap();
        assert_eq!(ok("Cognito Identity Provider"), "cognito-identity-provider");
        assert_eq!(ok("DynamoDB"), "dynamo-db");
        assert_eq!(ok("S3"), "s3");
        assert_eq!(ok("a\"b\\c\nd */ #![no_std] {}"), "a-b-c-d-no-std");
        assert_eq!(ok("Über\u{202e}Service"), "ber-service");
        assert_eq!(ok("Self Service"), "self-service");
        assert_eq!(ok(&"a".repeat(64)), "a".repeat(64));
    }

    #[test]
    fn crate_names_cargo_or_crates_io_refuse_are_errors() {
        for (sdk_id, problem) in [
            ("", "no ASCII letter"),
            ("\"\" ½ ²", "no ASCII letter"),
            ("3Scale", "starts with a digit"),
            ("  9 lives", "starts with a digit"),
            (&"a".repeat(65), "longer than 64"),
            ("Self", "keyword"),
            ("Std", "standard crate"),
            ("Proc Macro", "standard crate"),
        ] {
            let error = crate_name(sdk_id).unwrap_err();
            assert!(error.contains(problem), "{sdk_id:?}: {error}");
            assert!(error.contains(&format!("{sdk_id:?}")), "{error}");
        }
    }

    #[test]
    fn scope_suffixes_collisions() {
        let mut scope = Scope::with_reserved(&["new"]);
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar2");
        assert_eq!(scope.claim("new".into()), "new2");
    }
}
