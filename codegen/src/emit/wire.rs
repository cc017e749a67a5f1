//! The awsJson wire form of structures: hand-emitted `Serialize` and `Deserialize`.
//!
//! Written out rather than derived because serde's derive roughly doubles the code a structure
//! compiles to (a field-identifier enum and a sequence visitor per type, which JSON never
//! uses) and pulls syn and serde_derive into every user's build.
use crate::ir::{Member, RustType, Structure, TimestampFormat};
use crate::naming::{bare, ident};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The wrapper that gives a float member awsJson's `"NaN"`/`"Infinity"` spelling.
pub fn float_wrapper(ty: &RustType) -> Option<TokenStream> {
    match ty {
        RustType::F64 => Some(quote!(crate::runtime::types::F64)),
        RustType::F32 => Some(quote!(crate::runtime::types::F32)),
        _ => None,
    }
}

/// The runtime's format for a member whose timestamps are text (`date-time`, `http-date`);
/// `None` for epoch seconds, which `DateTime`'s own serde impls speak.
pub fn text_timestamp_format(m: &Member) -> Option<TokenStream> {
    match m.timestamp_format? {
        TimestampFormat::EpochSeconds => None,
        TimestampFormat::DateTime => Some(quote!(crate::runtime::types::TimestampFormat::DateTime)),
        TimestampFormat::HttpDate => Some(quote!(crate::runtime::types::TimestampFormat::HttpDate)),
    }
}

/// `Serialize`: absent optional members are skipped; every other member is always written.
pub fn serialize(s: &Structure) -> TokenStream {
    let name = ident(&s.name);
    let label = &s.name;
    let count = s.members.len();
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let wire = &m.wire_name;
        let wrap = |v: TokenStream| match float_wrapper(&m.ty) {
            Some(w) => quote!(&#w(#v)),
            None => v,
        };
        if let Some(format) = text_timestamp_format(m) {
            return if m.is_optional() {
                quote! {
                    match &self.#field {
                        Some(value) => state.serialize_field(#wire, &crate::runtime::types::Formatted(value, #format))?,
                        None => state.skip_field(#wire)?,
                    }
                }
            } else {
                quote!(state.serialize_field(#wire, &crate::runtime::types::Formatted(&self.#field, #format))?;)
            };
        }
        if m.is_optional() {
            let value = wrap(quote!(*value));
            let value = if float_wrapper(&m.ty).is_some() {
                value
            } else {
                quote!(value)
            };
            quote! {
                match &self.#field {
                    Some(value) => state.serialize_field(#wire, #value)?,
                    None => state.skip_field(#wire)?,
                }
            }
        } else {
            let value = wrap(quote!(self.#field));
            let value = if float_wrapper(&m.ty).is_some() {
                value
            } else {
                quote!(&self.#field)
            };
            quote!(state.serialize_field(#wire, #value)?;)
        }
    });
    let body = if s.members.is_empty() {
        quote!(serde::ser::SerializeStruct::end(serializer.serialize_struct(#label, 0)?))
    } else {
        quote! {
            use serde::ser::SerializeStruct as _;
            let mut state = serializer.serialize_struct(#label, #count)?;
            #(#fields)*
            state.end()
        }
    };
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #body
            }
        }
    }
}

fn local(m: &Member) -> proc_macro2::Ident {
    format_ident!("m_{}", bare(&m.field))
}

/// Reads one member's value; `null` reads as absent.
fn read_value(m: &Member) -> TokenStream {
    if let Some(format) = text_timestamp_format(m) {
        return quote!(map.next_value_seed(crate::runtime::types::FormatSeed::new(#format))?);
    }
    match float_wrapper(&m.ty) {
        Some(w) => quote!(map.next_value::<Option<#w>>()?.map(|v| v.0)),
        None => quote!(map.next_value()?),
    }
}

fn finish_field(m: &Member) -> TokenStream {
    let field = ident(&m.field);
    let local = local(m);
    let wire = &m.wire_name;
    if m.is_optional() {
        quote!(#field: #local)
    } else if m.zero_default {
        quote!(#field: #local.unwrap_or_default())
    } else {
        quote!(#field: #local.ok_or_else(|| serde::de::Error::missing_field(#wire))?)
    }
}

/// `Deserialize` from a JSON object: unknown members are skipped, `null` is absent, a
/// missing required member is an error naming it. `has_metadata` fills the response
/// metadata the runtime sets afterwards.
pub fn deserialize(s: &Structure, has_metadata: bool) -> TokenStream {
    let name = ident(&s.name);
    let expecting = format!("structure {}", s.shape_name);
    let declarations = s.members.iter().map(|m| {
        let local = local(m);
        let mut value = super::shapes::ty(&m.ty);
        if m.boxed {
            value = quote!(Box<#value>);
        }
        quote!(let mut #local: Option<#value> = None;)
    });
    let arms = s.members.iter().map(|m| {
        let local = local(m);
        let wire = &m.wire_name;
        let read = read_value(m);
        quote!(#wire => #local = #read,)
    });
    let fields = s.members.iter().map(finish_field);
    let metadata = has_metadata.then(|| quote!(metadata: Default::default(),));
    let key_match = if s.members.is_empty() {
        quote! {
            while map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
    } else {
        quote! {
            while let Some(key) = map.next_key::<crate::runtime::types::Key<'de>>()? {
                match key.as_str() {
                    #(#arms)*
                    _ => {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
        }
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        #(#declarations)*
                        #key_match
                        Ok(#name { #(#fields,)* #metadata })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}
