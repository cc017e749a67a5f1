//! The body of every fuzz target, as a plain function of the fuzzer's bytes.
//!
//! `fuzz/` (cargo-fuzz, nightly) wraps each function in a libFuzzer target; the smoke test in
//! `tests/smoke.rs` (stable, part of `cargo test --workspace`) runs the same functions over the
//! committed corpora and a few thousand pseudo-random inputs. A function returns normally for
//! every input, however hostile; a panic (or a broken property it asserts) is a bug.
pub mod endpoint;
pub mod error_code;
pub mod model;
pub mod profile;
pub mod response;

use std::path::PathBuf;

/// A target's body: any bytes in, a panic out only on a bug.
pub type Target = fn(&[u8]);

/// The targets by name (the names of `fuzz/fuzz_targets/*.rs` and `fuzz/corpus/*`).
pub const TARGETS: &[(&str, Target)] = &[
    ("response", response::run),
    ("error_code", error_code::run),
    ("model", model::run),
    ("endpoint_params", endpoint::params),
    ("endpoint_rules", endpoint::rules),
    ("profile", profile::run),
];

/// `../shared` beside the repository: AWS's models, read at run time, never copied here.
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Reads a file of `../shared`; the fuzz targets cannot run without it, so a missing file
/// stops them with its path.
pub fn read_shared(relative: &str) -> String {
    let path = shared_dir().join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("fuzz targets need {}: {e}", path.display()))
}
