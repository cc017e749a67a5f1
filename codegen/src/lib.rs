//! Smithy JSON model to Rust client crate, in four stages, each a module with one job:
//! [`model`] loads the JSON AST, [`resolve`] turns one service into the [`ir`],
//! [`emit`] turns the IR into file texts, and [`write`](mod@write) (the only stage that touches the
//! disk) brings a directory in line with them.
pub mod changes;
pub mod customize;
pub mod docs;
pub mod emit;
pub mod ir;
pub mod model;
pub mod naming;
pub mod resolve;
pub mod runtime_sources;
pub mod sources;
pub mod surface;
pub mod waiters;
pub mod write;

use std::path::Path;

/// Model text to the files of a crate: load, resolve, emit, plus the crate's API surface as
/// `API.txt` (what the next run compares against to summarize changes). Pure.
pub fn generate(
    model_text: &str,
    model_file: &str,
    partitions: &str,
    options: &resolve::Options,
) -> Result<Vec<emit::GeneratedFile>, String> {
    let model = model::Model::parse(model_text, model_file).map_err(|e| e.to_string())?;
    let service = resolve::resolve(&model, options).map_err(|e| e.to_string())?;
    let mut files =
        emit::emit(&service, emit::CrateData { partitions }).map_err(|e| e.to_string())?;
    files.push(emit::GeneratedFile {
        path: surface::FILE.to_string(),
        contents: surface::Surface::of(&service).file_text(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What a run did: the files, and the API changes against the crate's previous `API.txt`
/// (`None` when there was none).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Files written, removed, unchanged.
    pub report: write::Report,
    /// What changed for users.
    pub changes: Option<changes::Summary>,
}

/// What `cargo xtask codegen` does, given paths: generate and sync `out` (or only check it).
pub fn run(
    model_path: &Path,
    model_text: &str,
    partitions: &str,
    out: &Path,
    options: &resolve::Options,
    check: bool,
) -> Result<Outcome, String> {
    let files = generate(
        model_text,
        &model_path.display().to_string(),
        partitions,
        options,
    )?;
    sync_files(out, &files, check)
}

/// Syncs `out` with `files` (or only checks it), comparing the API surface with the one `out`
/// held before.
pub fn sync_files(
    out: &Path,
    files: &[emit::GeneratedFile],
    check: bool,
) -> Result<Outcome, String> {
    let previous = surface::Surface::read_generated(out);
    let report = write::sync(out, files, check).map_err(|e| e.to_string())?;
    let current = files
        .iter()
        .find(|f| f.path == surface::FILE)
        .map(|f| surface::Surface::parse(&f.contents));
    let changes = previous
        .zip(current)
        .map(|(old, new)| changes::compare(&old, &new));
    Ok(Outcome { report, changes })
}
