//! End-to-end tests of the generated client, and the moto server they share ([`moto`]); the
//! scripted loopback HTTP server is the `stub-server` crate, shared with the runtime's tests.
pub mod moto;
