//! Smithy JSON model to Rust client crate, in four stages, each a module with one job:
//! [`model`] loads the JSON AST, [`resolve`] turns one service into the [`ir`],
//! [`emit`] turns the IR into file texts, and [`write`](mod@write) (the only stage that touches the
//! disk) brings a directory in line with them.
pub mod changes;
pub mod customize;
pub mod docs;
pub mod emit;
pub mod http_bindings;
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
/// `API.txt` (what the next run compares against to summarize changes). Pure. Operations left
/// out are named in the crate docs; [`generate_with_warnings`] also returns them as warnings.
pub fn generate(
    model_text: &str,
    model_file: &str,
    partitions: &str,
    options: &resolve::Options,
) -> Result<Vec<emit::GeneratedFile>, String> {
    generate_with_warnings(model_text, model_file, partitions, options).map(|g| g.files)
}

/// The files of a crate and what the generator warns about.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The crate's files, by path.
    pub files: Vec<emit::GeneratedFile>,
    /// One line per thing left out (an operation needing an unimplemented feature), naming it.
    pub warnings: Vec<String>,
}

/// [`generate`], with the warnings.
pub fn generate_with_warnings(
    model_text: &str,
    model_file: &str,
    partitions: &str,
    options: &resolve::Options,
) -> Result<Generated, String> {
    let model = model::Model::parse(model_text, model_file).map_err(|e| e.to_string())?;
    let service = resolve::resolve(&model, options).map_err(|e| e.to_string())?;
    let mut files =
        emit::emit(&service, emit::CrateData { partitions }).map_err(|e| e.to_string())?;
    files.push(emit::GeneratedFile {
        path: surface::FILE.to_string(),
        contents: surface::Surface::of(&service).file_text(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let warnings = service
        .warnings()
        .into_iter()
        .map(|w| format!("{model_file}: {w}"))
        .collect();
    Ok(Generated { files, warnings })
}

/// What a run did: the files, and the API changes against the crate's previous `API.txt`
/// (`None` when there was none).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Files written, removed, unchanged.
    pub report: write::Report,
    /// What changed for users.
    pub changes: Option<changes::Summary>,
    /// What the generator left out, one line each.
    pub warnings: Vec<String>,
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
    let generated = generate_with_warnings(
        model_text,
        &model_path.display().to_string(),
        partitions,
        options,
    )?;
    let mut outcome = sync_files(out, &generated.files, check)?;
    outcome.warnings = generated.warnings;
    Ok(outcome)
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
    Ok(Outcome {
        report,
        changes,
        warnings: Vec::new(),
    })
}
