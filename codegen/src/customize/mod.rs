//! Service customizations: code a service's users need that its model cannot say. Emit knows no
//! service by name; it asks this module at three points (extra files, fields and setup of the
//! `Client`, a statement before an operation's call), and each customization answers for the
//! services it is written for.
//!
//! To add one: a module here with a `for_service` that recognises its service from the IR and
//! returns a value implementing the hooks it needs, and a line in [`for_service`].
mod front_page;
mod secret_hash;

use crate::emit::{EmitError, GeneratedFile};
use crate::ir::{Operation, Service};
use proc_macro2::TokenStream;

/// What a customization adds to the emitted crate. Every hook defaults to adding nothing.
pub trait Customization: Send + Sync {
    /// Whole extra files, with their module declared in lib.rs by [`Customization::modules`].
    fn files(&self) -> Result<Vec<GeneratedFile>, EmitError> {
        Ok(Vec::new())
    }
    /// Modules to declare in lib.rs (`pub mod name;`), by name.
    fn modules(&self) -> Vec<&'static str> {
        Vec::new()
    }
    /// Fields of `Client` as `(name, type)` Rust text; each starts at `Default::default()`.
    fn client_fields(&self) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
    /// Statements run in the client method of `op` before the call, with `input` mutable.
    fn before_call(&self, op: &Operation) -> Option<TokenStream> {
        let _ = op;
        None
    }
    /// A whole example program (Rust source that compiles against the generated crate) for
    /// the crate's front page, in place of the generic one.
    fn front_page_example(&self) -> Option<&'static str> {
        None
    }
}

/// The customizations that apply to `service`.
pub fn for_service(service: &Service) -> Vec<Box<dyn Customization>> {
    let mut found: Vec<Box<dyn Customization>> = Vec::new();
    if let Some(c) = secret_hash::for_service(service) {
        found.push(Box::new(c));
    }
    if let Some(c) = front_page::for_service(service) {
        found.push(Box::new(c));
    }
    found
}

/// Extra files of every customization.
pub fn files(customizations: &[Box<dyn Customization>]) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut files = Vec::new();
    for c in customizations {
        files.extend(c.files()?);
    }
    Ok(files)
}

/// Statements before the call in `op`'s client method, from every customization.
pub fn before_call(customizations: &[Box<dyn Customization>], op: &Operation) -> TokenStream {
    customizations
        .iter()
        .filter_map(|c| c.before_call(op))
        .collect()
}

/// The first customization's front-page example, if any.
pub fn front_page_example(customizations: &[Box<dyn Customization>]) -> Option<&'static str> {
    customizations.iter().find_map(|c| c.front_page_example())
}
