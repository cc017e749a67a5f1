//! Tokens for structures, unions and enums.
use super::{deprecated, doc, paragraphs};
use crate::ir::{Enum, Member, RustType, Structure, TimestampFormat};
use crate::naming::{ident, into_method, set_method, with_method, with_opt_method};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

/// What a structure is used as, which decides the extras it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A structure in `types`.
    Plain,
    /// An operation input: only the `dynamic` feature reads one.
    Input,
    /// An operation output: carries the response metadata; only the `dynamic` feature writes one.
    Output,
    /// An `@error` structure: carries the error metadata; only the `dynamic` feature writes one.
    Error,
}

/// The Rust type of a value.
pub fn ty(t: &RustType) -> TokenStream {
    match t {
        RustType::String => quote!(String),
        RustType::Bool => quote!(bool),
        RustType::I8 => quote!(i8),
        RustType::I16 => quote!(i16),
        RustType::I32 => quote!(i32),
        RustType::I64 => quote!(i64),
        RustType::F32 => quote!(f32),
        RustType::F64 => quote!(f64),
        RustType::BigNumber => quote!(serde_json::Number),
        RustType::Blob => quote!(crate::runtime::types::Blob),
        RustType::ByteStream => quote!(crate::runtime::stream::ByteStream),
        RustType::Timestamp => quote!(DateTime), // see `timestamp_import`
        RustType::Document => quote!(crate::runtime::types::Document),
        RustType::Named(name) => {
            let name = ident(name);
            quote!(crate::types::#name)
        }
        RustType::NamedError(name) => {
            let name = ident(name);
            quote!(crate::types::error::#name)
        }
        RustType::List(inner, sparse) => {
            let inner = element(inner, *sparse);
            quote!(Vec<#inner>)
        }
        RustType::Map(inner, sparse) => {
            let inner = element(inner, *sparse);
            quote!(std::collections::HashMap<String, #inner>)
        }
    }
}

/// `use crate::runtime::types::DateTime;` for a file whose members hold timestamps, so that
/// signatures say `DateTime` rather than the full path.
pub fn timestamp_import<'a>(members: impl IntoIterator<Item = &'a Member>) -> TokenStream {
    fn holds_timestamps(t: &RustType) -> bool {
        match t {
            RustType::Timestamp => true,
            RustType::List(inner, _) | RustType::Map(inner, _) => holds_timestamps(inner),
            _ => false,
        }
    }
    if members.into_iter().any(|m| holds_timestamps(&m.ty)) {
        quote!(
            use crate::runtime::types::DateTime;
        )
    } else {
        quote!()
    }
}

fn element(inner: &RustType, sparse: bool) -> TokenStream {
    let inner = ty(inner);
    if sparse {
        quote!(Option<#inner>)
    } else {
        inner
    }
}

/// The member's value type, boxed when it breaks a recursion.
fn value_ty(m: &Member) -> TokenStream {
    let inner = ty(&m.ty);
    if m.boxed {
        quote!(Box<#inner>)
    } else {
        inner
    }
}

fn field_ty(m: &Member) -> TokenStream {
    let value = value_ty(m);
    if m.is_optional() {
        quote!(Option<#value>)
    } else {
        value
    }
}

/// The member's documentation with what the model says about it in words.
pub fn member_docs(m: &Member) -> String {
    let requirement = if m.required {
        "**Required.**".to_string()
    } else if m.zero_default {
        format!(
            "Optional; defaults to `{}`.",
            m.default_doc.as_deref().unwrap_or_default()
        )
    } else {
        match &m.default_doc {
            Some(d) => format!("Optional; the service assumes `{d}` when absent."),
            None => "Optional.".to_string(),
        }
    };
    let constraints = if m.constraints.is_empty() {
        String::new()
    } else {
        format!("Constraints: {}.", m.constraints.join("; "))
    };
    let sensitive = if m.sensitive {
        "Sensitive: `Debug` shows a redaction marker instead.".to_string()
    } else {
        String::new()
    };
    let token = if m.idempotency_token {
        "Idempotency token: when unset, the client fills in a fresh UUID v4 (the same for \
         every retry of the call), as the AWS SDKs do."
            .to_string()
    } else {
        String::new()
    };
    let wire = format!("Wire name: `{}`.", m.wire_name);
    paragraphs([
        m.docs.clone(),
        format!("{requirement} {wire}"),
        constraints,
        sensitive,
        token,
    ])
}

fn getter(m: &Member) -> TokenStream {
    let field = ident(&m.field);
    let docs = doc(&member_docs(m));
    let dep = deprecated(&m.deprecated);
    let (ret, body) = match (&m.ty, m.is_optional(), m.boxed) {
        (RustType::String, true, _) => (quote!(Option<&str>), quote!(self.#field.as_deref())),
        (RustType::String, false, _) => (quote!(&str), quote!(&self.#field)),
        (RustType::List(..), true, _) => {
            let inner = element_of(&m.ty);
            (quote!(Option<&[#inner]>), quote!(self.#field.as_deref()))
        }
        (RustType::List(..), false, _) => {
            let inner = element_of(&m.ty);
            (quote!(&[#inner]), quote!(&self.#field))
        }
        (t, true, false) if t.is_copy() => {
            let t = ty(t);
            (quote!(Option<#t>), quote!(self.#field))
        }
        (t, false, false) if t.is_copy() => {
            let t = ty(t);
            (quote!(#t), quote!(self.#field))
        }
        (t, true, true) => {
            let t = ty(t);
            (quote!(Option<&#t>), quote!(self.#field.as_deref()))
        }
        (t, true, false) => {
            let t = ty(t);
            (quote!(Option<&#t>), quote!(self.#field.as_ref()))
        }
        (t, false, _) => {
            let t = ty(t);
            (quote!(&#t), quote!(&self.#field))
        }
    };
    quote! {
        #docs
        #dep
        pub fn #field(&self) -> #ret {
            #body
        }
    }
}

fn element_of(t: &RustType) -> TokenStream {
    match t {
        RustType::List(inner, sparse) => element(inner, *sparse),
        other => ty(other),
    }
}

/// The argument type and conversion for a value given to a constructor or setter.
fn argument(m: &Member, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let value = match m.ty {
        RustType::String => (quote!(impl Into<String>), quote!(#name.into())),
        RustType::ByteStream => (
            quote!(impl Into<crate::runtime::stream::ByteStream>),
            quote!(#name.into()),
        ),
        _ => (ty(&m.ty), quote!(#name)),
    };
    if m.boxed {
        let convert = value.1;
        (value.0, quote!(Box::new(#convert)))
    } else {
        value
    }
}

/// One member's line of `shape::structure!`: wire name, presence, codec and `Debug`, then
/// its setters and `into_x` (see the macro's docs).
fn member_line(m: &Member) -> TokenStream {
    let field = ident(&m.field);
    let wire = m.json_key();
    let presence = format_ident!("{}", presence(m));
    let codec = format_ident!("{}", json_codec(m));
    let show = format_ident!("{}", if m.sensitive { "redacted" } else { "shown" });
    let dep = deprecated(&m.deprecated);
    let set = format_ident!("{}", set_method(&m.field));
    let with = format_ident!("{}", with_method(&m.field));
    let inner = ty(&m.ty);
    let set_ty = if m.is_optional() {
        quote!(Option<#inner>)
    } else {
        inner
    };
    let (arg, _) = argument(m, &field);
    let with_opt = m.is_optional().then(|| {
        let name = format_ident!("{}", with_opt_method(&m.field));
        quote!(, #dep #name)
    });
    let into = (!m.ty.is_copy()).then(|| {
        let name = format_ident!("{}", into_method(&m.field));
        quote!(-> #dep #name)
    });
    quote! {
        #dep #field #wire #presence(#codec) #show: #set(#set_ty), #with(#arg) #with_opt #into;
    }
}

/// The runtime presence type (`shape::Req`, ...) of a member: how its field holds the value.
pub(super) fn presence(m: &Member) -> &'static str {
    match (m.is_optional(), m.zero_default, m.boxed) {
        (true, _, true) => "OptBox",
        (true, _, false) => "Opt",
        (false, _, true) => "ReqBox",
        (false, true, false) => "Def",
        (false, false, false) => "Req",
    }
}

/// The runtime codec (`shape::Codec`) that writes and reads a member's value in JSON.
pub(super) fn json_codec(m: &Member) -> &'static str {
    match (m.timestamp_format, &m.ty) {
        (Some(TimestampFormat::DateTime), _) => "DateTimeText",
        (Some(TimestampFormat::HttpDate), _) => "HttpDateText",
        (_, RustType::F32 | RustType::F64) => "Float",
        (_, RustType::Map(_, false)) => "DenseMap",
        _ => "Plain",
    }
}

/// `shape::structure!` for a structure: setters, `into_x`, `Debug` and serde, a line per member.
/// The direction only the `dynamic` feature (and `test-util`'s mocks) needs is compiled only there.
/// `serialized`: write serde's `Serialize` under every feature set (a waiter's output, whose
/// acceptors read its JSON).
fn members_macro(s: &Structure, kind: Kind, serialized: bool) -> TokenStream {
    let name = ident(&s.name);
    let shape = &s.shape_name;
    let metadata = (kind != Kind::Plain && kind != Kind::Input).then(|| quote!(, metadata));
    let dynamic_only = quote!(#[cfg(feature = "dynamic")]);
    let serialize =
        (matches!(kind, Kind::Output | Kind::Error) && !serialized).then(|| dynamic_only.clone());
    let deserialize = (kind == Kind::Input).then_some(dynamic_only);
    let lines = s.members.iter().map(member_line);
    quote! {
        crate::runtime::shape::structure! {
            #name = #shape #metadata;
            #serialize serialize;
            #deserialize deserialize;
            #(#lines)*
        }
    }
}

fn constructor(s: &Structure, kind: Kind) -> TokenStream {
    let required: Vec<&Member> = s.members.iter().filter(|m| m.required).collect();
    let params = required.iter().map(|m| {
        let name = ident(&m.field);
        let (arg, _) = argument(m, &name);
        quote!(#name: #arg)
    });
    let inits = s.members.iter().map(|m| {
        let name = ident(&m.field);
        if m.required {
            let (_, convert) = argument(m, &name);
            if m.boxed || matches!(m.ty, RustType::String | RustType::ByteStream) {
                quote!(#name: #convert)
            } else {
                quote!(#name)
            }
        } else if m.zero_default {
            quote!(#name: Default::default())
        } else {
            quote!(#name: None)
        }
    });
    let metadata =
        matches!(kind, Kind::Output | Kind::Error).then(|| quote!(metadata: Default::default(),));
    let docs = if required.is_empty() {
        " Creates a value with every member unset.".to_string()
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|m| format!("`{}`", m.wire_name))
            .collect();
        format!(" Creates a value from its required members ({}); set the others with the `with_` methods.", names.join(", "))
    };
    quote! {
        #[doc = #docs]
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits,)* #metadata }
        }
    }
}

/// A structure with its constructor, getters, setters, redacting `Debug` and serde.
pub fn structure(s: &Structure, kind: Kind) -> TokenStream {
    structure_with(s, kind, false)
}

/// [`structure`], with `Serialize` under every feature set when `serialized` (an output a
/// waiter polls).
pub fn structure_with(s: &Structure, kind: Kind, serialized: bool) -> TokenStream {
    let name = ident(&s.name);
    let docs = doc(&paragraphs([
        s.docs.clone(),
        format!("Shape `{}` in the model.", s.shape_name),
    ]));
    let dep = deprecated(&s.deprecated);
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let t = field_ty(m);
        quote!(#field: #t,)
    });
    let metadata_field = match kind {
        Kind::Plain | Kind::Input => quote!(),
        Kind::Output => {
            quote!(metadata: crate::runtime::operation::ResponseMetadata,)
        }
        Kind::Error => quote!(metadata: crate::runtime::error::ErrorMetadata,),
    };
    // A stream is read once: it can be neither copied nor compared.
    let streams = s.members.iter().any(|m| m.ty == RustType::ByteStream);
    let mut derives: Vec<TokenStream> = Vec::new();
    if !streams {
        derives.extend([quote!(Clone), quote!(PartialEq)]);
    }
    if !s.members.iter().any(|m| m.required) {
        derives.push(quote!(Default));
    }
    let derive = (!derives.is_empty()).then(|| quote!(#[derive(#(#derives),*)]));
    let members = members_macro(s, kind, serialized);
    let constructor = constructor(s, kind);
    let getters = s.members.iter().map(getter);
    let extras = match kind {
        Kind::Plain | Kind::Input => quote!(),
        Kind::Output => output_extras(&name),
        // The caller adds `errors::structure_impls`, which needs the service's types.
        Kind::Error => quote!(),
    };
    quote! {
        #docs
        #dep
        #derive
        pub struct #name {
            #(#fields)*
            #metadata_field
        }

        impl #name {
            #constructor
            #(#getters)*
        }

        #members
        #extras
    }
}

fn output_extras(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl #name {
            /// The HTTP status code of the response.
            pub fn http_status(&self) -> u16 {
                self.metadata.status
            }
            /// The request id the service gave the call (`x-amzn-requestid`).
            pub fn request_id(&self) -> Option<&str> {
                self.metadata.request_id.as_deref()
            }
            /// The response headers (`date`, `x-amzn-requestid`, anything the service adds).
            pub fn headers(&self) -> &crate::http::HeaderMap {
                &self.metadata.headers
            }
            /// Status, request id and headers together.
            pub fn metadata(&self) -> &crate::runtime::operation::ResponseMetadata {
                &self.metadata
            }
        }

        impl crate::runtime::operation::OperationOutput for #name {
            fn set_metadata(&mut self, metadata: crate::runtime::operation::ResponseMetadata) {
                self.metadata = metadata;
            }
        }
    }
}

/// A union: one variant per member plus `Unknown` for members this crate does not know.
pub fn union(s: &Structure) -> TokenStream {
    let name = ident(&s.name);
    let docs = doc(&paragraphs([
        s.docs.clone(),
        format!(
            "Union `{}` in the model: exactly one member is set.",
            s.shape_name
        ),
    ]));
    let dep = deprecated(&s.deprecated);
    let variant = |m: &Member| ident(&m.field);
    let variants = s.members.iter().map(|m| {
        let v = variant(m);
        let t = value_ty(m);
        let d = doc(&m.docs);
        quote!(#d #v(#t),)
    });
    let lines = s.members.iter().map(|m| {
        let v = variant(m);
        let wire = m.json_key();
        let codec = format_ident!("{}", json_codec(m));
        let show = format_ident!("{}", if m.sensitive { "redacted" } else { "shown" });
        quote!(#v #wire #codec #show,)
    });
    quote! {
        #docs
        #dep
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know; it cannot be sent.
            Unknown,
        }

        crate::runtime::shape::union! {
            #name;
            #(#lines)*
        }
    }
}

/// A string enum or intEnum that keeps values it does not know.
pub fn enumeration(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let kind = if e.int { "IntEnum" } else { "Enum" };
    let docs = doc(&paragraphs([
        e.docs.clone(),
        format!(
            "{kind} `{}` in the model; unknown values are kept in `Unknown`.",
            e.name
        ),
    ]));
    let dep = deprecated(&e.deprecated);
    let variants = e.variants.iter().map(|v| {
        let n = ident(&v.name);
        let d = doc(&paragraphs([
            v.docs.clone(),
            format!("Wire value `{}`.", v.value),
        ]));
        let dep = deprecated(&v.deprecated);
        quote!(#d #dep #n,)
    });
    let names = e.variants.iter().map(|v| ident(&v.name));
    let (derive_copy, macro_name, unknown) = if e.int {
        (quote!(Copy,), quote!(int_enum), quote!(i32))
    } else {
        (quote!(), quote!(string_enum), quote!(String))
    };
    let values = e.variants.iter().map(|v| {
        if e.int {
            let value = v.value.parse::<i32>().unwrap_or_default();
            proc_macro2::Literal::i32_unsuffixed(value).into_token_stream()
        } else {
            v.value.to_token_stream()
        }
    });
    quote! {
        #docs
        #dep
        #[derive(Clone, #derive_copy Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know.
            Unknown(#unknown),
        }

        crate::runtime::shape::#macro_name! {
            #name;
            #(#names = #values,)*
        }
    }
}
