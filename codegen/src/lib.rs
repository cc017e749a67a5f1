//! Smithy JSON model to Rust client crate, in four stages, each a module with one job:
//! [`model`] loads the JSON AST, [`resolve`] turns one service into the [`ir`],
//! [`emit`] turns the IR into file texts, and [`write`](mod@write) (the only stage that touches the
//! disk) brings a directory in line with them.
pub mod customize;
pub mod docs;
pub mod emit;
pub mod ir;
pub mod model;
pub mod naming;
pub mod resolve;
pub mod runtime_sources;
pub mod sources;
pub mod write;

use std::path::Path;

/// Model text to the files of a crate: load, resolve, emit. Pure.
pub fn generate(
    model_text: &str,
    model_file: &str,
    partitions: &str,
    options: &resolve::Options,
) -> Result<Vec<emit::GeneratedFile>, String> {
    let model = model::Model::parse(model_text, model_file).map_err(|e| e.to_string())?;
    let service = resolve::resolve(&model, options).map_err(|e| e.to_string())?;
    emit::emit(&service, emit::CrateData { partitions }).map_err(|e| e.to_string())
}

/// What `cargo xtask codegen` does, given paths: generate and sync `out` (or only check it).
pub fn run(
    model_path: &Path,
    model_text: &str,
    partitions: &str,
    out: &Path,
    options: &resolve::Options,
    check: bool,
) -> Result<write::Report, String> {
    let files = generate(
        model_text,
        &model_path.display().to_string(),
        partitions,
        options,
    )?;
    write::sync(out, &files, check).map_err(|e| format!("{}: {e}", out.display()))
}
