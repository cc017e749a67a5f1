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

/// Method names a generated struct already has, so a member may not take them as getters.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "metadata",
    "http_status",
    "request_id",
    "code",
    "message",
    "as_str",
    "values",
];

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

/// `snake_case` of a model name: fields, methods, modules. Never a keyword that cannot be
/// made raw (`self`, `super`, `crate`), so [`ident`] accepts every result.
pub fn snake(name: &str) -> String {
    let snake = plural_acronyms(name).to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else if matches!(snake.as_str(), "self" | "super" | "crate") {
        format!("{snake}_value")
    } else {
        snake
    }
}

/// `UpperCamelCase` of a model name: types and variants.
pub fn camel(name: &str) -> String {
    let camel = plural_acronyms(name).to_upper_camel_case();
    if camel.is_empty() || camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
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

/// The field name of a member: snake case (a keyword is emitted raw, `r#type`), suffixed
/// where it would shadow a generated method.
pub fn field_name(member: &str) -> String {
    let name = snake(member);
    if RESERVED_METHODS.contains(&name.as_str()) {
        format!("{name}_value")
    } else {
        name
    }
}

/// `name` as an identifier token: raw where it is a keyword.
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

/// An enum variant name from a member name; `Unknown` is the catch-all's.
pub fn variant_name(member: &str) -> String {
    let name = camel(member);
    match name.as_str() {
        "Unknown" | "Unhandled" | "Self" => format!("{name}Value"),
        _ => name,
    }
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
        let mut candidate = name.clone();
        let mut n = 2;
        while !self.taken.insert(candidate.clone()) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        candidate
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
        assert_eq!(field_name("Type"), "type");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(field_name("Self"), "self_value");
        assert_eq!(field_name("Metadata"), "metadata_value");
        assert_eq!(variant_name("UNKNOWN"), "UnknownValue");
        assert_eq!(variant_name("3DES"), "V3des");
        assert_eq!(
            env_suffix("Cognito Identity Provider"),
            "COGNITO_IDENTITY_PROVIDER"
        );
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
