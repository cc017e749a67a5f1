//! Errors: each operation's error enum and the impls of each `@error` structure, as calls of
//! the runtime's `operation_error!` and `modeled_error!` (`runtime/src/error_macros.rs`) with
//! one line per fact.
use super::{doc_lines, string_literal};
use crate::ir::{Operation, Structure};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The accessors, `Display`, `Error` and `ModeledError` of an `@error` structure (its
/// members are the structure emitter's).
pub fn structure_impls(s: &Structure, types: &super::http::Types) -> TokenStream {
    let name = ident(&s.name);
    let retryable = s
        .error
        .as_ref()
        .is_some_and(|e| e.retryable)
        .then(|| quote!(, retryable));
    let headers: Vec<TokenStream> = super::http::error_header_lines(s, types);
    let headers = (!headers.is_empty()).then(|| quote!(; #(#headers)*));
    quote!(crate::runtime::error_macros::modeled_error!(#name #retryable #headers);)
}

/// The operation's error enum, as text: prettyplease would fill the macro's lines like a
/// paragraph, and this keeps one variant per line. Every name is an identifier (emit checks
/// the IR first), the code a string literal and the docs comment-safe lines.
pub fn operation_enum(op: &Operation) -> String {
    let mut text = String::from("crate::runtime::error_macros::operation_error! {\n");
    for line in doc_lines(&format!("The errors `{}` can return.", op.name)) {
        text.push_str(&format!("    /// {line}\n"));
    }
    text.push_str(&format!(
        "    {} in crate::types::error {{\n",
        op.error_name
    ));
    for e in &op.errors {
        text.push_str(&format!(
            "        {}({}) {} {},\n",
            ident(&e.variant),
            ident(&e.type_name),
            ident(&e.predicate),
            string_literal(&e.code)
        ));
    }
    text.push_str("    }\n}\n");
    text
}
