//! Smithy JSON model to Rust client crate.
