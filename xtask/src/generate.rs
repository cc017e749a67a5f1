//! `cargo xtask codegen`: generate a client crate, and say what changed for users.
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct CodegenArgs {
    /// The Smithy JSON AST model. Default: the model model/sources.json records, from
    /// `model/<file>` or `../shared/models/<file>`, sha256-checked.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Where to write the crate; a relative path is relative to the current directory.
    /// Default: generated/ in the repository.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Only these operations (comma-separated shape names) and the shapes they reach.
    #[arg(long, value_delimiter = ',')]
    operations: Option<Vec<String>>,
    /// Write nothing; fail naming the stale files if the output differs from a fresh run.
    #[arg(long)]
    check: bool,
    /// Also write the summary of API changes (against the crate's previous API.txt) to this
    /// file, for a changelog or a pull-request description.
    #[arg(long, value_name = "PATH")]
    changes_file: Option<PathBuf>,
}

pub fn run(root: &Path, args: &CodegenArgs) -> Result<(), String> {
    let sources = codegen::sources::Sources::read(root)?;
    let (model_path, model_text) = match &args.model {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            (path.clone(), text)
        }
        None => {
            let path = sources.model.locate(root)?;
            let text = sources.model.read_checked(&path)?;
            (path, text)
        }
    };
    let partitions_path = sources.partitions.locate(root)?;
    let partitions = sources.partitions.read_checked(&partitions_path)?;
    let out = output_folder(root, args.out.as_deref())?;
    let options = codegen::resolve::Options {
        operations: args.operations.clone(),
    };
    let outcome = codegen::run(
        &model_path,
        &model_text,
        &partitions,
        &out,
        &options,
        args.check,
    )?;
    report_changes(&out, &outcome, args.changes_file.as_deref())?;
    for warning in &outcome.warnings {
        eprintln!("warning: {warning}");
    }
    let report = &outcome.report;
    if args.check {
        if report.is_clean() {
            println!(
                "{} is up to date ({} files)",
                out.display(),
                report.unchanged
            );
            return Ok(());
        }
        let stale: Vec<String> = report
            .changed
            .iter()
            .chain(&report.removed)
            .map(|p| p.display().to_string())
            .collect();
        return Err(format!(
            "stale generated files (run `cargo xtask codegen`):\n  {}",
            stale.join("\n  ")
        ));
    }
    print_written(&out, report);
    Ok(())
}

pub fn print_written(out: &Path, report: &codegen::write::Report) {
    println!(
        "{}: {} written, {} removed, {} unchanged",
        out.display(),
        report.changed.len(),
        report.removed.len(),
        report.unchanged
    );
}

/// Prints the summary when the API changed, and writes it to `changes_file` if asked.
pub fn report_changes(
    out: &Path,
    outcome: &codegen::Outcome,
    changes_file: Option<&Path>,
) -> Result<(), String> {
    let text = match &outcome.changes {
        Some(summary) => {
            if !summary.is_empty() {
                print!("{}", summary.render());
            }
            summary.render()
        }
        None => format!(
            "API changes: unknown; {} had no {} to compare with.\n",
            out.display(),
            codegen::surface::FILE
        ),
    };
    if let Some(path) = changes_file {
        std::fs::write(path, text)
            .map_err(|e| format!("--changes-file {}: {e}", path.display()))?;
    }
    Ok(())
}

/// `--out` as given, made absolute against the current directory (where the command was run),
/// or the repository's generated/ without it.
pub fn output_folder(root: &Path, out: Option<&Path>) -> Result<PathBuf, String> {
    match out {
        Some(path) => {
            std::path::absolute(path).map_err(|e| format!("--out {}: {e}", path.display()))
        }
        None => Ok(root.join("generated")),
    }
}
