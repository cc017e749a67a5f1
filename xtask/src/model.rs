//! `cargo xtask model update PATH`: take a new version of the service model. Checks it is a
//! Smithy JSON model of the same service, generates from it (so a model that does not generate
//! changes nothing), then copies it to `model/<file>`, records its sha256 and source in
//! model/sources.json, rewrites generated/ and prints what changed for users.
use crate::generate;
use codegen::model::{Model, Shape};
use codegen::sources::{sha256_hex, Sources};
use std::path::{Path, PathBuf};

#[derive(clap::Subcommand)]
pub enum ModelCommand {
    /// Take a new version of the service model: check it is the same service, copy it to
    /// `model/<file>`, record its sha256 (and source) in model/sources.json, regenerate
    /// generated/ and print what changed for users.
    Update(UpdateArgs),
}

#[derive(clap::Args)]
pub struct UpdateArgs {
    /// The new Smithy JSON AST model file (relative to the current directory).
    path: PathBuf,
    /// Where the file came from (for example a URL with a commit), recorded in
    /// model/sources.json.
    #[arg(long)]
    source: Option<String>,
    /// Also write the summary of API changes to this file.
    #[arg(long, value_name = "PATH")]
    changes_file: Option<PathBuf>,
}

pub fn update(root: &Path, args: &UpdateArgs) -> Result<(), String> {
    let path =
        std::path::absolute(&args.path).map_err(|e| format!("{}: {e}", args.path.display()))?;
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|e| format!("{}: not UTF-8: {e}", path.display()))?;
    let shown = path.display().to_string();
    let model = Model::parse(&text, &shown).map_err(|e| e.to_string())?;
    let service = one_service(&model, &shown)?;
    let sources = Sources::read(root)?;
    let file = plain_file_name(&sources.model.file)?;
    check_same_service(root, &sources, &service, &shown)?;
    let partitions = sources
        .partitions
        .read_checked(&sources.partitions.locate(root)?)?;
    let files = codegen::generate(&text, &shown, &partitions, &Default::default())?;
    let out = root.join("generated");
    // A dry run first, so a refusal to write generated/ leaves the model record as it was.
    codegen::write::sync(&out, &files, true).map_err(|e| e.to_string())?;

    // The new model generates and generated/ can take it: from here on the repository changes.
    let target = root.join("model").join(file);
    if !same_file(&path, &target) {
        std::fs::write(&target, &bytes).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let sha256 = sha256_hex(&bytes);
    let source = args.source.clone().unwrap_or_else(|| {
        format!(
            "a local file, {} (no --source given)",
            path.file_name()
                .map_or(shown.clone(), |n| n.to_string_lossy().into_owned())
        )
    });
    Sources::record_model(root, &sha256, &source)?;
    println!(
        "{}: sha256 {sha256} recorded in model/sources.json",
        target.display()
    );
    let outcome = codegen::sync_files(&out, &files, false)?;
    generate::print_written(&out, &outcome.report);
    generate::report_changes(&out, &outcome, args.changes_file.as_deref())?;
    println!(
        "Next: `cargo test -p codegen --test snapshots` shows the API and code diffs; \
         `cargo insta review` accepts them; then commit model/sources.json, generated/ and \
         codegen/tests/snapshots/."
    );
    Ok(())
}

/// The id of the model's one service shape.
fn one_service(model: &Model, shown: &str) -> Result<String, String> {
    let services: Vec<&String> = model
        .shapes
        .iter()
        .filter(|(_, shape)| matches!(shape, Shape::Service(_)))
        .map(|(id, _)| id)
        .collect();
    match services.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!("{shown}: the model has no service shape")),
        many => Err(format!(
            "{shown}: the model has {} service shapes ({}); expected one",
            many.len(),
            many.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The current service, from the recorded model file (whichever copy still matches its
/// sha256), else from the service line of generated/API.txt; the new model must be of it.
fn check_same_service(
    root: &Path,
    sources: &Sources,
    new_service: &str,
    shown: &str,
) -> Result<(), String> {
    let short = |id: &str| id.rsplit_once('#').map_or(id, |(_, n)| n).to_string();
    let current = match recorded_model(root, sources) {
        Some(model) => one_service(&model, &sources.model.file)?,
        None => generated_service(root).ok_or_else(|| {
            format!(
                "cannot tell which service the current model is of: no copy of {} matches the \
                 sha256 model/sources.json records, and generated/{} has no service line",
                sources.model.file,
                codegen::surface::FILE
            )
        })?,
    };
    let same = if current.contains('#') {
        current == new_service
    } else {
        current == short(new_service)
    };
    if same {
        return Ok(());
    }
    Err(format!(
        "{shown} is a model of service {new_service}, but the current model is of {current}. \
         `model update` takes a new version of the same service; to generate another service, \
         run `cargo xtask codegen --model PATH --out DIR`"
    ))
}

/// The recorded model, from the first of its places whose sha256 matches the record.
fn recorded_model(root: &Path, sources: &Sources) -> Option<Model> {
    let candidates = [
        root.join("model").join(&sources.model.file),
        root.join("../shared/models").join(&sources.model.file),
    ];
    candidates.iter().find_map(|path| {
        let text = sources.model.read_checked(path).ok()?;
        Model::parse(&text, &path.display().to_string()).ok()
    })
}

/// The service shape name in generated/API.txt.
fn generated_service(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("generated").join(codegen::surface::FILE)).ok()?;
    let surface = codegen::surface::Surface::parse(&text);
    surface
        .entries
        .values()
        .find(|e| e.kind() == "service")
        .map(|e| e.name().to_string())
}

/// The recorded file name must stay inside model/.
fn plain_file_name(file: &str) -> Result<&str, String> {
    let plain = !file.is_empty()
        && Path::new(file).file_name().and_then(|n| n.to_str()) == Some(file)
        && file != "..";
    if plain {
        Ok(file)
    } else {
        Err(format!(
            "model/sources.json: model file {file:?} is not a plain file name"
        ))
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
