//! The runtime under every generated client: awsJson wire handling, SigV4 signing,
//! credentials, endpoint rules, retries and the HTTP transport.
//!
//! The generator embeds these files verbatim as `src/runtime/` of every crate it emits,
//! so modules refer to each other through `super::`, never `crate::`, and carry no tests
//! (the tests live in `codegen/runtime/tests/`).
pub use crate as runtime; // macros say `$crate::runtime::..` here as in a generated crate; the generator drops this line
pub mod client;
pub mod compression;
pub mod config;
pub mod correction;
pub mod credentials;
pub mod endpoint;
pub mod endpoint_fns;
pub mod error;
pub mod error_macros;
pub mod idempotency;
pub mod jmespath;
#[cfg(feature = "test-util")]
pub mod mock;
pub mod operation;
pub mod paginator;
pub mod profile;
pub mod region;
pub mod retry;
pub mod shape;
pub mod sigv4;
pub mod transport;
pub mod types;
pub mod waiter;
