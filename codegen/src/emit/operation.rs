//! Tokens for one operation's module: its spec, input, output, error enum and client method.
use super::shapes::{structure, Kind};
use super::{deprecated, doc, paragraphs};
use crate::ir::{Operation, RustType};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The whole module file of an operation but its error enum ([`super::errors::operation_enum`]).
/// `before_call`: statements the service's customizations run on `input` before the call.
/// `types`: the service's named types, which restJson1's bindings look up.
pub fn module(
    op: &Operation,
    service_name: &str,
    before_call: TokenStream,
    types: &super::http::Types,
) -> TokenStream {
    let module_doc = match first_sentence(&op.docs) {
        Some(sentence) => format!(" {sentence}"),
        None => format!(
            " The `{}` operation: its input, output, error and client method.",
            op.name
        ),
    };
    let spec = spec(op, service_name);
    let input = structure(&op.input, Kind::Input);
    // Waiters read the output's JSON whatever the features.
    let output = super::shapes::structure_with(&op.output, Kind::Output, !op.waiters.is_empty());
    let http = super::http::bindings(op, types);
    let method = client_method(op, before_call);
    let paginator = super::paginator::tokens(op);
    let waiters = super::waiter::waiters(op);
    let timestamps =
        super::shapes::timestamp_import(op.input.members.iter().chain(&op.output.members));
    quote! {
        #![doc = #module_doc]
        #timestamps
        #spec
        #method
        #paginator
        #waiters
        #input
        #output
        #http
    }
}

/// The first sentence of Markdown documentation, on one line, for a module's summary: text up
/// to the first `.` that ends a sentence outside brackets and code, or the first paragraph.
fn first_sentence(docs: &str) -> Option<String> {
    let paragraph = docs.trim().split("\n\n").next()?;
    let text = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = text.chars().collect();
    let (mut depth, mut code) = (0i32, false);
    let mut end = chars.len();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '`' => code = !code,
            '(' | '[' if !code => depth += 1,
            ')' | ']' if !code => depth -= 1,
            '.' if !code && depth <= 0 && ends_sentence(&chars, i) => {
                end = i + 1;
                break;
            }
            _ => {}
        }
    }
    let sentence: String = chars[..end].iter().collect();
    (!sentence.trim().is_empty()).then(|| sentence.trim().to_string())
}

/// True when the `.` at `i` ends a sentence: followed by a space or the end, and not the dot
/// of an abbreviation such as `e.g.`.
fn ends_sentence(chars: &[char], i: usize) -> bool {
    let followed = !matches!(chars.get(i + 1), Some(c) if !c.is_whitespace());
    let word: String = chars[..i]
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    followed && !["e.g", "i.e", "etc", "vs"].contains(&word.to_lowercase().as_str())
}

fn spec(op: &Operation, service_name: &str) -> TokenStream {
    let name = &op.name;
    let signed = op.signed;
    let target = format!("{service_name}.{name}");
    let host_prefix = match &op.host_prefix {
        Some(prefix) => quote!(Some(#prefix)),
        None => quote!(None),
    };
    let compression = op.request_compression;
    quote! {
        /// What the runtime needs to know to send this operation.
        pub(crate) static SPEC: crate::runtime::operation::OperationSpec = crate::runtime::operation::OperationSpec {
            name: #name,
            target: #target,
            signed: #signed,
            host_prefix: #host_prefix,
            request_compression: #compression,
        };
    }
}

/// The docs of the client method: the operation's docs, signing, errors, pagination.
fn method_docs(op: &Operation) -> String {
    let auth = if op.signed {
        "Signed with SigV4: needs credentials.".to_string()
    } else {
        "Sent unsigned (`@auth([])`): needs no credentials.".to_string()
    };
    let errors: Vec<String> = op
        .errors
        .iter()
        .map(|e| format!("- [`{}::{}`]", op.error_name, e.variant))
        .collect();
    let errors = format!(
        "# Errors\n\n[`Error::Service`](crate::Error::Service) with one of:\n\n{}\n- [`{}::Unhandled`] for anything the model does not list.\n\nOr another [`Error`](crate::Error) variant when the call never got a service answer.",
        errors.join("\n"),
        op.error_name
    );
    let pages = super::paginator::method_note(op);
    let host = op.host_prefix.as_ref().map(|prefix| {
        if op.host_labels.is_empty() {
            format!("Sent to the endpoint's host prefixed with `{prefix}`.")
        } else {
            format!(
                "Sent to the endpoint's host prefixed with `{prefix}`, filled from the input; a \
                 value that is not a valid host label fails with \
                 [`Error::Construction`](crate::Error::Construction)."
            )
        }
    });
    let compression = op.request_compression.then(|| {
        "Request bodies of at least the configured minimum size (10 KiB by default) are sent \
         gzipped."
            .to_string()
    });
    paragraphs([
        op.docs.clone(),
        auth,
        host.unwrap_or_default(),
        compression.unwrap_or_default(),
        streaming_note(op).unwrap_or_default(),
        pages.unwrap_or_default(),
        errors,
    ])
}

/// Statements filling the input's unset `@idempotencyToken` members, as every AWS SDK does.
fn idempotency_fills(op: &Operation) -> Vec<TokenStream> {
    op.input
        .members
        .iter()
        .filter(|m| m.idempotency_token && m.is_optional() && m.ty == RustType::String)
        .map(|m| {
            let field = ident(&m.field);
            quote! {
                if input.#field.is_none() {
                    input.#field = Some(self.runtime.config().idempotency_token());
                }
            }
        })
        .collect()
}

/// True when a member is a `@streaming` blob.
fn streams(s: &crate::ir::Structure) -> bool {
    s.members.iter().any(|m| m.ty == RustType::ByteStream)
}

/// What the method docs say of a streamed input or output.
fn streaming_note(op: &Operation) -> Option<String> {
    let upload = streams(&op.input).then_some(
        "The input's `@streaming` member is sent as it is read: build it from bytes, a file \
         ([`ByteStream::from_path`](crate::primitives::ByteStream::from_path)) or a stream of \
         chunks. A stream of chunks is read once, so a call with one is not retried.",
    );
    let download = streams(&op.output).then_some(
        "The call returns once the response's head arrives: the output's `@streaming` member \
         is the response body, unread. Take it with the output's `into_` method and read it \
         chunk by chunk ([`ByteStream::next`](crate::primitives::ByteStream::next)) or whole \
         ([`ByteStream::collect`](crate::primitives::ByteStream::collect)).",
    );
    let notes: Vec<&str> = upload.into_iter().chain(download).collect();
    (!notes.is_empty()).then(|| notes.join("\n\n"))
}

fn client_method(op: &Operation, before_call: TokenStream) -> TokenStream {
    let idempotency_fills = idempotency_fills(op);
    let method = ident(&op.snake);
    let input = format_ident!("{}", op.input.name);
    let output = format_ident!("{}", op.output.name);
    let error = format_ident!("{}", op.error_name);
    let docs = doc(&method_docs(op));
    let dep = deprecated(&op.deprecated);
    let labels = op.host_labels.iter().map(|label| {
        let name = &label.name;
        let field = ident(&label.field);
        if label.optional {
            quote!((#name, input.#field.as_deref().unwrap_or_default()))
        } else {
            quote!((#name, input.#field.as_str()))
        }
    });
    let call = if op.http.is_some() && streams(&op.output) {
        quote!(self.runtime.call_rest_json_streaming(&SPEC, &input, &[#(#labels),*]).await)
    } else if op.http.is_some() {
        quote!(self.runtime.call_rest_json(&SPEC, &input, &[#(#labels),*]).await)
    } else if op.host_labels.is_empty() {
        quote!(self.runtime.call(&SPEC, &input).await)
    } else {
        quote!(self.runtime.call_with_host_labels(&SPEC, &input, &[#(#labels),*]).await)
    };
    let before_call = quote!(#(#idempotency_fills)* #before_call);
    let input_binding = if before_call.is_empty() {
        quote!(input: #input)
    } else {
        quote!(mut input: #input)
    };
    quote! {
        impl crate::Client {
            #docs
            #dep
            pub async fn #method(&self, #input_binding) -> Result<#output, crate::Error<#error>> {
                #before_call
                #call
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn first_sentence_stops_at_the_first_full_stop_outside_brackets_and_code() {
        let cases = [
            ("Resets a password. Then more.", Some("Resets a password.")),
            ("Calls `a.b. c` first. Rest.", Some("Calls `a.b. c` first.")),
            (
                "See [the guide (v2. beta)](https://x.y/a.b). More.",
                Some("See [the guide (v2. beta)](https://x.y/a.b)."),
            ),
            (
                "Uses e.g. SMS to send. Rest.",
                Some("Uses e.g. SMS to send."),
            ),
            (
                "No full stop\nacross lines\n\nSecond paragraph.",
                Some("No full stop across lines"),
            ),
            ("Version 1.5 is fine.", Some("Version 1.5 is fine.")),
            ("  \n ", None),
            ("", None),
        ];
        for (docs, want) in cases {
            assert_eq!(first_sentence(docs).as_deref(), want, "{docs:?}");
        }
    }
}
