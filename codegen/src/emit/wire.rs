//! Client error correction's zero values: which named types need one, and its impl. (The
//! awsJson serde of structures is the runtime's `shape::structure!`, emitted by `shapes`.)
use crate::ir::{Member, RustType};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// Whether a member is read through error correction's `required`.
fn corrected(m: &Member) -> bool {
    !m.is_optional() && !m.zero_default
}

/// Error correction's zero value for a named type that some structure's required member
/// targets: a structure reads it from an empty object, an enum or union is unknown.
pub fn zero_impl(name: &str, body: ZeroBody) -> TokenStream {
    let name = ident(name);
    let value = match body {
        ZeroBody::Structure => quote!(crate::runtime::correction::zero_structure()),
        ZeroBody::Enum => quote!(Some(Self::Unknown(Default::default()))),
        ZeroBody::Union => quote!(Some(Self::Unknown)),
    };
    quote! {
        impl crate::runtime::correction::Zero for #name {
            fn zero() -> Option<Self> {
                #value
            }
        }
    }
}

/// What kind of named type a [`zero_impl`] is for.
#[derive(Debug, Clone, Copy)]
pub enum ZeroBody {
    /// A structure (also an error structure).
    Structure,
    /// A string enum or intEnum.
    Enum,
    /// A union.
    Union,
}

/// The named types (by Rust name) whose zero value a required member may need: every
/// structure, union and enum a required member targets, directly and not through a list or
/// map (those are empty).
pub fn zero_targets(service: &crate::ir::Service) -> std::collections::BTreeSet<String> {
    let structures = service
        .operations
        .iter()
        .flat_map(|op| [&op.input, &op.output])
        .chain(service.errors.values())
        .chain(service.types.values().filter_map(|def| match def {
            crate::ir::TypeDef::Structure(s) => Some(s),
            _ => None,
        }));
    structures
        .flat_map(|s| &s.members)
        .filter(|m| corrected(m))
        .filter_map(|m| match &m.ty {
            RustType::Named(name) | RustType::NamedError(name) => Some(name.clone()),
            _ => None,
        })
        .collect()
}
