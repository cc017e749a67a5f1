//! `cargo xtask codegen`: generate the client crate from the Smithy model.
//! `cargo xtask bench`: benchmarks side by side with the official SDK.
//! `cargo xtask corpus`: the generator over every AWS JSON model in ../shared.
mod bench;
mod corpus;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Project tasks", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a client crate from a Smithy JSON model (by default the Cognito IdP model
    /// recorded in model/sources.json, into generated/).
    Codegen(CodegenArgs),
    /// Benchmarks side by side with the official SDK (tests/bench; see BENCHMARKS.md).
    Bench(bench::BenchArgs),
    /// Generate (and with --compile, lint and document) every AWS JSON model of ../shared.
    Corpus(corpus::CorpusArgs),
}

#[derive(clap::Args)]
struct CodegenArgs {
    /// The Smithy JSON AST model. Default: the model model/sources.json records, from
    /// `model/<file>` or `../shared/models/<file>`, sha256-checked.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Where to write the crate.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Only these operations (comma-separated shape names) and the shapes they reach.
    #[arg(long, value_delimiter = ',')]
    operations: Option<Vec<String>>,
    /// Write nothing; fail naming the stale files if the output differs from a fresh run.
    #[arg(long)]
    check: bool,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Codegen(args) => codegen(&args),
        Command::Bench(args) => bench::run(&repository_root(), &args),
        Command::Corpus(args) => corpus::run(&repository_root(), &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn codegen(args: &CodegenArgs) -> Result<(), String> {
    let root = repository_root();
    let sources = codegen::sources::Sources::read(&root)?;
    let (model_path, model_text) = match &args.model {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            (path.clone(), text)
        }
        None => {
            let path = sources.model.locate(&root)?;
            let text = sources.model.read_checked(&path)?;
            (path, text)
        }
    };
    let partitions_path = sources.partitions.locate(&root)?;
    let partitions = sources.partitions.read_checked(&partitions_path)?;
    let out = if args.out.is_absolute() {
        args.out.clone()
    } else {
        root.join(&args.out)
    };
    let options = codegen::resolve::Options {
        operations: args.operations.clone(),
    };
    let report = codegen::run(
        &model_path,
        &model_text,
        &partitions,
        &out,
        &options,
        args.check,
    )?;
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
    println!(
        "{}: {} written, {} removed, {} unchanged",
        out.display(),
        report.changed.len(),
        report.removed.len(),
        report.unchanged
    );
    Ok(())
}

/// The repository root: the nearest directory above the working directory that has
/// `model/sources.json`, else the one this binary was built from. Found at run time so a
/// binary shared between checkouts (one target dir) still reads the checkout it runs in.
fn repository_root() -> PathBuf {
    let from_cwd = std::env::current_dir().ok().and_then(|cwd| {
        cwd.ancestors()
            .find(|dir| dir.join("model/sources.json").is_file())
            .map(Path::to_path_buf)
    });
    from_cwd.unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    })
}
