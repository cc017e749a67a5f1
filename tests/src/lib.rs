//! End-to-end tests of the generated client.
