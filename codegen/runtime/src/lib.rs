//! The runtime under every generated client: awsJson wire handling, SigV4 signing,
//! credentials, endpoint rules, retries and the HTTP transport.
//!
//! The generator embeds these files as `src/runtime/` of every crate it emits, where this
//! module is private: the crate re-exports the part users name (config, credentials, errors,
//! primitives, the transport). So top-level modules refer to each other through `super::`,
//! nested ones through `crate::runtime::` (the alias below), and never through `crate::` alone.
//! A file's unit tests are one `#[cfg(test)] mod tests { .. }` at its end, which the generator
//! cuts off; the tests of the public behaviour live in `codegen/runtime/tests/`.
pub use crate as runtime; // macros say `$crate::runtime::..` here as in a generated crate; the generator drops this line
pub mod client;
pub mod compression;
pub mod config;
pub mod correction;
pub mod credentials;
pub mod endpoint;
pub mod error;
pub mod error_macros;
pub(crate) mod header_text;
pub mod idempotency;
pub mod jmespath;
#[cfg(feature = "test-util")]
pub mod mock;
pub mod operation;
pub mod paginator;
pub mod profile;
pub mod protocol;
pub mod region;
pub mod retry;
pub mod shape;
pub mod sigv4;
pub mod stream;
pub(crate) mod target;
pub mod transport;
pub mod types;
pub mod waiter;
