//! `cargo xtask codegen`: generate the client crate from the Smithy model.
//! `cargo xtask model update PATH`: take a new version of the model and show what changed.
//! `cargo xtask bench`: benchmarks side by side with the official SDK.
//! `cargo xtask corpus`: the generator over a set of AWS models in ../shared (AWS JSON by default).
mod bench;
mod corpus;
mod generate;
mod model;

/// Generating is allocation-bound (tokens, syn trees, printed text); see xtask/Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Codegen(generate::CodegenArgs),
    /// Work with the service model model/sources.json records.
    Model {
        #[command(subcommand)]
        command: model::ModelCommand,
    },
    /// Benchmarks side by side with the official SDK (tests/bench; see BENCHMARKS.md).
    Bench(bench::BenchArgs),
    /// Generate (and with --compile, lint and document) every model of a set in ../shared
    /// (by default the AWS JSON models).
    Corpus(corpus::CorpusArgs),
}

fn main() -> ExitCode {
    let root = repository_root();
    let result = match Cli::parse().command {
        Command::Codegen(args) => generate::run(&root, &args),
        Command::Model {
            command: model::ModelCommand::Update(args),
        } => model::update(&root, &args),
        Command::Bench(args) => bench::run(&root, &args),
        Command::Corpus(args) => corpus::run(&root, &args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
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
