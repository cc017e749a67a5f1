//! Tokens for restJson1's HTTP bindings: one `http_input!` and one `http_output!` call per
//! operation (the runtime's `protocol/rest_json.rs`), a line per bound member. The protocol's
//! rules live in the runtime; each line only names where a member goes and its codecs.
use super::shapes::{json_codec, presence};
use crate::ir::{Binding, Member, Operation, RustType, Structure, TimestampFormat, TypeDef};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// The named types of the service, to tell enums from structures.
pub type Types = BTreeMap<String, TypeDef>;

/// Both macro calls of an operation.
pub fn bindings(op: &Operation, types: &Types) -> TokenStream {
    let Some(http) = &op.http else {
        return TokenStream::new();
    };
    let input = ident(&op.input.name);
    let (method, uri) = (&http.method, &http.uri);
    let input_lines = op.input.members.iter().filter_map(|m| input_line(m, types));
    let input_body = body(&op.input);
    let checksum = http.checksum_required.then(|| quote!(checksum_required;));
    let unsigned = http.unsigned_payload.then(|| quote!(unsigned_payload;));
    let output = ident(&op.output.name);
    let output_lines = op
        .output
        .members
        .iter()
        .filter_map(|m| output_line(m, types));
    let output_body = body(&op.output);
    quote! {
        crate::runtime::protocol::rest_json::http_input! {
            #input: #method #uri;
            #(#input_lines)*
            #input_body
            #checksum
            #unsigned
        }
        crate::runtime::protocol::rest_json::http_output! {
            #output;
            #(#output_lines)*
            #output_body
        }
    }
}

/// The line of a member bound outside the body, `None` for a body member.
fn input_line(m: &Member, types: &Types) -> Option<TokenStream> {
    let field = ident(&m.field);
    let wire = &m.wire_name;
    let presence = format_ident!("{}", presence(m));
    Some(match &m.binding {
        Binding::Label { greedy } => {
            let codec = text_codec(&m.ty, m, TimestampFormat::DateTime, types);
            let kind = if *greedy {
                quote!(greedy_label)
            } else {
                quote!(label)
            };
            quote!(#kind #field #wire #codec;)
        }
        Binding::Query(name) => {
            let codec = text_codec(&m.ty, m, TimestampFormat::DateTime, types);
            quote!(query #field #name #presence(#codec);)
        }
        Binding::QueryParams => {
            let codec = map_value_codec(m, types);
            quote!(query_params #field #presence(#codec);)
        }
        Binding::Header(name) => {
            let codec = text_codec(&m.ty, m, TimestampFormat::HttpDate, types);
            quote!(header #field #name #presence(#codec);)
        }
        Binding::PrefixHeaders(prefix) => {
            let codec = map_value_codec(m, types);
            quote!(prefix_headers #field #prefix #presence(#codec);)
        }
        Binding::Payload => payload_line(m, types),
        Binding::Body | Binding::ResponseCode => return None,
    })
}

fn output_line(m: &Member, types: &Types) -> Option<TokenStream> {
    let field = ident(&m.field);
    let presence = format_ident!("{}", presence(m));
    Some(match &m.binding {
        Binding::Header(name) => {
            let codec = text_codec(&m.ty, m, TimestampFormat::HttpDate, types);
            quote!(header #field #name #presence(#codec);)
        }
        Binding::PrefixHeaders(prefix) => {
            let codec = map_value_codec(m, types);
            quote!(prefix_headers #field #prefix #presence(#codec);)
        }
        Binding::ResponseCode => quote!(status #field #presence;),
        Binding::Payload => payload_line(m, types),
        _ => return None,
    })
}

/// The `header` lines of a restJson1 error's members bound to headers.
pub fn error_header_lines(s: &Structure, types: &Types) -> Vec<TokenStream> {
    s.members
        .iter()
        .filter(|m| matches!(m.binding, Binding::Header(_)))
        .filter_map(|m| output_line(m, types))
        .collect()
}

/// `body { .. }` with a line per body member, when the structure has any.
fn body(s: &Structure) -> TokenStream {
    let lines: Vec<TokenStream> = s
        .members
        .iter()
        .filter(|m| m.binding == Binding::Body)
        .map(|m| {
            let field = ident(&m.field);
            let key = m.json_key();
            let presence = format_ident!("{}", presence(m));
            let codec = format_ident!("{}", json_codec(m));
            quote!(#field #key #presence(#codec);)
        })
        .collect();
    if lines.is_empty() {
        return TokenStream::new();
    }
    quote!(body { #(#lines)* })
}

fn payload_line(m: &Member, types: &Types) -> TokenStream {
    let field = ident(&m.field);
    let presence = format_ident!("{}", presence(m));
    let kind = match &m.ty {
        RustType::Blob => "Blob",
        RustType::ByteStream if m.requires_length => "SizedStream",
        RustType::ByteStream => "Stream",
        RustType::String => "Text",
        RustType::Named(name) => match types.get(name) {
            Some(TypeDef::Enum(_)) => "Enum",
            Some(TypeDef::Structure(_)) => "Structure",
            _ => "Json",
        },
        _ => "Json",
    };
    let kind = format_ident!("{kind}");
    quote!(payload #field #presence(#kind);)
}

/// The text codec of a label, query or header value; `default` is the location's timestamp
/// format, used where the model sets none.
fn text_codec(ty: &RustType, m: &Member, default: TimestampFormat, types: &Types) -> TokenStream {
    let name = match ty {
        RustType::String if m.json_media_type => "JsonBase64",
        RustType::String => "Text",
        RustType::Bool => "Bool",
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => "Int",
        RustType::F32 | RustType::F64 => "Float",
        RustType::Blob => "Base64",
        RustType::Timestamp => match m.timestamp_format.unwrap_or(default) {
            TimestampFormat::DateTime => "DateTime",
            TimestampFormat::HttpDate => "HttpDate",
            TimestampFormat::EpochSeconds => "EpochSeconds",
        },
        RustType::Named(name) => match types.get(name) {
            Some(TypeDef::Enum(e)) if e.int => "IntEnum",
            _ => "Enum",
        },
        RustType::List(element, _) => {
            let inner = text_codec(element, m, default, types);
            return quote!(List<#inner>);
        }
        // Refused by `http_bindings` before resolve: nothing else reaches a text location.
        RustType::BigNumber
        | RustType::ByteStream
        | RustType::Document
        | RustType::NamedError(_)
        | RustType::Map(..) => "Text",
    };
    let name = format_ident!("{name}");
    quote!(#name)
}

/// The codec of a map member's values (`@httpQueryParams`, `@httpPrefixHeaders`).
fn map_value_codec(m: &Member, types: &Types) -> TokenStream {
    match &m.ty {
        RustType::Map(value, _) => text_codec(value, m, TimestampFormat::DateTime, types),
        other => text_codec(other, m, TimestampFormat::DateTime, types),
    }
}
