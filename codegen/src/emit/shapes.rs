//! Tokens for structures, unions and enums.
use super::wire::{float_wrapper, text_timestamp_format};
use super::{deprecated, doc, paragraphs};
use crate::ir::{Enum, Member, RustType, Structure};
use crate::naming::{bare, ident, into_method, set_method, with_method, with_opt_method};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// What a structure is used as, which decides the extras it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A structure in `types`, or an operation input.
    Plain,
    /// An operation output: carries the response metadata.
    Output,
    /// An `@error` structure: carries the error metadata.
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
        RustType::Timestamp => quote!(crate::runtime::types::DateTime),
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

/// `into_x(self)`: moves a member's value out, so collecting an output does not mean cloning.
/// Only for members a getter lends by reference; `Copy` values are already returned by value.
fn consuming_accessor(m: &Member) -> TokenStream {
    if m.ty.is_copy() {
        return quote!();
    }
    let field = ident(&m.field);
    let into = format_ident!("{}", into_method(&m.field));
    let dep = deprecated(&m.deprecated);
    let docs = format!(
        " Consumes the value and returns `{}`, moved out.",
        m.wire_name
    );
    let value = value_ty(m);
    let inner = ty(&m.ty);
    let (ret, body) = match (m.is_optional(), m.boxed) {
        (true, true) => (quote!(Option<#inner>), quote!(self.#field.map(|v| *v))),
        (true, false) => (quote!(Option<#value>), quote!(self.#field)),
        (false, true) => (quote!(#inner), quote!(*self.#field)),
        (false, false) => (quote!(#value), quote!(self.#field)),
    };
    quote! {
        #[doc = #docs]
        #dep
        pub fn #into(self) -> #ret {
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
        _ => (ty(&m.ty), quote!(#name)),
    };
    if m.boxed {
        let convert = value.1;
        (value.0, quote!(Box::new(#convert)))
    } else {
        value
    }
}

fn setters(m: &Member) -> TokenStream {
    let field = ident(&m.field);
    let with = format_ident!("{}", with_method(&m.field));
    let set = format_ident!("{}", set_method(&m.field));
    let value = format_ident!("value");
    let (arg, convert) = argument(m, &value);
    let wire = &m.wire_name;
    let with_doc = if field.to_string().starts_with("r#") {
        format!(" Sets `{wire}`, by value, for chaining.")
    } else {
        format!(
            " Sets `{wire}` (see [`Self::{}`]), by value, for chaining.",
            bare(&m.field)
        )
    };
    let set_doc = format!(" Sets `{wire}` in place.");
    let dep = deprecated(&m.deprecated);
    let inner = ty(&m.ty);
    // A required boxed member keeps its allocation: assign through it.
    let (place, stored, set_arg, set_body) = match (m.is_optional(), m.boxed) {
        (true, true) => (
            quote!(self.#field),
            quote!(Some(#convert)),
            quote!(Option<#inner>),
            quote!(value.map(Box::new)),
        ),
        (true, false) => (
            quote!(self.#field),
            quote!(Some(#convert)),
            quote!(Option<#inner>),
            quote!(value),
        ),
        (false, true) => (
            quote!(*self.#field),
            quote!(#value),
            inner.clone(),
            quote!(value),
        ),
        (false, false) => (quote!(self.#field), convert, inner.clone(), quote!(value)),
    };
    let stored = if m.boxed && !m.is_optional() && m.ty == RustType::String {
        quote!(#value.into())
    } else {
        stored
    };
    let with_opt = m.is_optional().then(|| {
        let name = format_ident!("{}", with_opt_method(&m.field));
        let docs = format!(" Sets or clears `{wire}` from an `Option`, for chaining.");
        quote! {
            #[doc = #docs]
            #dep
            pub fn #name(mut self, value: Option<#inner>) -> Self {
                #place = #set_body;
                self
            }
        }
    });
    quote! {
        #[doc = #with_doc]
        #dep
        pub fn #with(mut self, #value: #arg) -> Self {
            #place = #stored;
            self
        }
        #with_opt
        #[doc = #set_doc]
        #dep
        pub fn #set(&mut self, value: #set_arg) -> &mut Self {
            #place = #set_body;
            self
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
            if m.boxed || m.ty == RustType::String {
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
    let metadata = (kind != Kind::Plain).then(|| quote!(metadata: Default::default(),));
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

fn debug_impl(s: &Structure, kind: Kind) -> TokenStream {
    let name = ident(&s.name);
    let label = &s.name;
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let shown = bare(&m.field);
        if !m.sensitive {
            quote!(.field(#shown, &self.#field))
        } else if m.is_optional() {
            quote!(.field(#shown, &self.#field.as_ref().map(|_| crate::runtime::types::REDACTED)))
        } else {
            quote!(.field(#shown, &crate::runtime::types::REDACTED))
        }
    });
    let metadata = (kind != Kind::Plain).then(|| quote!(.field("metadata", &self.metadata)));
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #metadata .finish()
            }
        }
    }
}

/// A structure with its constructor, getters, setters, redacting `Debug` and serde.
pub fn structure(s: &Structure, kind: Kind) -> TokenStream {
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
        Kind::Plain => quote!(),
        Kind::Output => {
            quote!(metadata: crate::runtime::operation::ResponseMetadata,)
        }
        Kind::Error => quote!(metadata: crate::runtime::error::ErrorMetadata,),
    };
    let sensitive = s.members.iter().any(|m| m.sensitive);
    let derive_debug = if sensitive { quote!() } else { quote!(Debug,) };
    let derive_default = if s.members.iter().any(|m| m.required) {
        quote!()
    } else {
        quote!(Default,)
    };
    let debug = if sensitive {
        debug_impl(s, kind)
    } else {
        quote!()
    };
    let serialize = super::wire::serialize(s);
    let deserialize = super::wire::deserialize(s, kind != Kind::Plain);
    let constructor = constructor(s, kind);
    let getters = s.members.iter().map(getter);
    let setters = s.members.iter().map(setters);
    let consuming = s.members.iter().map(consuming_accessor);
    let extras = match kind {
        Kind::Plain => quote!(),
        Kind::Output => output_extras(&name),
        Kind::Error => super::errors::structure_impls(s),
    };
    quote! {
        #docs
        #dep
        #[derive(Clone, PartialEq, #derive_debug #derive_default)]
        pub struct #name {
            #(#fields)*
            #metadata_field
        }

        impl #name {
            #constructor
            #(#getters)*
            #(#setters)*
            #(#consuming)*
        }

        #debug
        #serialize
        #deserialize
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
    let label = &s.name;
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
    let serialize_arms = s.members.iter().map(|m| {
        let v = variant(m);
        let wire = &m.wire_name;
        if let Some(format) = text_timestamp_format(m) {
            return quote!(Self::#v(value) => map.serialize_entry(#wire, &crate::runtime::types::Formatted(value, #format))?,);
        }
        match float_wrapper(&m.ty) {
            Some(w) => quote!(Self::#v(value) => map.serialize_entry(#wire, &#w(*value))?,),
            None => quote!(Self::#v(value) => map.serialize_entry(#wire, value)?,),
        }
    });
    let deserialize_arms = s.members.iter().map(|m| {
        let v = variant(m);
        let wire = &m.wire_name;
        let (read, convert) = match (float_wrapper(&m.ty), m.boxed) {
            _ if text_timestamp_format(m).is_some() => {
                let format = text_timestamp_format(m);
                let t = value_ty(m);
                (quote!(serde::de::DeserializeSeed::deserialize(crate::runtime::types::FormatSeed::<#t>::new(#format), value)), quote!(Self::#v))
            }
            (Some(w), _) => (quote!(serde_json::from_value::<#w>(value)), quote!(|v| Self::#v(v.0))),
            (None, true) => (quote!(serde_json::from_value(value)), quote!(|v| Self::#v(Box::new(v)))),
            (None, false) => (quote!(serde_json::from_value(value)), quote!(Self::#v)),
        };
        quote!(#wire => #read.map(#convert).map_err(|e| D::Error::custom(format!("{}.{}: {e}", #label, #wire))),)
    });
    let debug_arms = s.members.iter().map(|m| {
        let v = variant(m);
        let shown = v.to_string();
        if m.sensitive {
            quote!(Self::#v(_) => f.debug_tuple(#shown).field(&crate::runtime::types::REDACTED).finish(),)
        } else {
            quote!(Self::#v(value) => f.debug_tuple(#shown).field(value).finish(),)
        }
    });
    let unknown_message = format!("cannot send the Unknown variant of {label}");
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

        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    Self::Unknown => f.write_str("Unknown"),
                }
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::{Error as _, SerializeMap as _};
                let mut map = serializer.serialize_map(Some(1))?;
                match self {
                    #(#serialize_arms)*
                    Self::Unknown => return Err(S::Error::custom(#unknown_message)),
                }
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use serde::de::Error as _;
                let (key, value) = crate::runtime::types::union_member(deserializer, #label)?;
                match key.as_str() {
                    #(#deserialize_arms)*
                    _ => Ok(Self::Unknown),
                }
            }
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
    let names: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    if e.int {
        let values: Vec<i32> = e
            .variants
            .iter()
            .map(|v| v.value.parse().unwrap_or_default())
            .collect();
        quote! {
            #docs
            #dep
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            #[allow(deprecated)]
            pub enum #name {
                #(#variants)*
                /// A value this version of the crate does not know.
                Unknown(i32),
            }

            #[allow(deprecated)]
            impl #name {
                /// The value on the wire.
                pub fn as_i32(&self) -> i32 {
                    match self {
                        #(Self::#names => #values,)*
                        Self::Unknown(value) => *value,
                    }
                }
                /// Every value the model lists.
                pub fn values() -> &'static [i32] {
                    &[#(#values),*]
                }
            }

            #[allow(deprecated)]
            impl From<i32> for #name {
                fn from(value: i32) -> Self {
                    match value {
                        #(#values => Self::#names,)*
                        other => Self::Unknown(other),
                    }
                }
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_i32(self.as_i32())
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    <i32 as serde::Deserialize>::deserialize(deserializer).map(Self::from)
                }
            }
        }
    } else {
        let values: Vec<&String> = e.variants.iter().map(|v| &v.value).collect();
        quote! {
            #docs
            #dep
            #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            #[allow(deprecated)]
            pub enum #name {
                #(#variants)*
                /// A value this version of the crate does not know.
                Unknown(String),
            }

            #[allow(deprecated)]
            impl #name {
                /// The value on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(Self::#names => #values,)*
                        Self::Unknown(value) => value,
                    }
                }
                /// Every value the model lists.
                pub fn values() -> &'static [&'static str] {
                    &[#(#values),*]
                }
            }

            #[allow(deprecated)]
            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #(#values => Self::#names,)*
                        other => Self::Unknown(other.to_string()),
                    }
                }
            }

            impl std::str::FromStr for #name {
                type Err = std::convert::Infallible;
                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    Ok(Self::from(value))
                }
            }

            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <String as serde::Deserialize>::deserialize(deserializer)?;
                    Ok(Self::from(value.as_str()))
                }
            }
        }
    }
}
