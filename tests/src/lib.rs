//! End-to-end tests of the generated client, and the harnesses they share: a moto server
//! ([`moto`]) and a scripted loopback HTTP server ([`stub`]).
pub mod moto;
pub mod stub;
