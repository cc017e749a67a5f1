//! `cargo xtask corpus`: the generator over a set of AWS models in `../shared/models/`: by
//! default the AWS JSON set (the three models in `../shared/models/` and
//! `../shared/models/corpus/awsjson/`), with `--set restjson1` the restJson1 models of
//! `../shared/models/corpus/restjson1/`, with `--set all` both. Each model is generated into
//! one workspace (so dependencies build once, in one target directory); with `--compile` the
//! crates are linted with warnings denied and documented. One line per model, then a total.
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Options of `cargo xtask corpus`.
#[derive(clap::Args)]
pub struct CorpusArgs {
    /// Also run clippy (warnings denied, every feature) and rustdoc (warnings denied) on every
    /// crate that generated.
    #[arg(long)]
    compile: bool,
    /// With `--compile`, run clippy a second time with the default features: code that only
    /// one feature set uses (or lacks) shows there alone.
    #[arg(long, requires = "compile")]
    default_features: bool,
    /// Which models: `awsjson` (the AWS JSON protocols, the default), `restjson1`, or `all`.
    #[arg(long, value_enum, default_value_t = ModelSet::Awsjson)]
    set: ModelSet,
    /// Only models whose file name contains one of these (comma-separated).
    #[arg(long, value_delimiter = ',')]
    only: Option<Vec<String>>,
    /// Where the crates go, as one workspace with its own target directory. Relative to the
    /// current directory.
    #[arg(long, default_value = "target/corpus")]
    out: PathBuf,
}

/// A set of models, by protocol.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum ModelSet {
    /// `awsJson1_0` and `awsJson1_1`: the three models in `../shared/models/` and
    /// `../shared/models/corpus/awsjson/`.
    Awsjson,
    /// `restJson1`: `../shared/models/corpus/restjson1/`.
    Restjson1,
    /// Both.
    All,
}

impl ModelSet {
    /// The folders, relative to the repository root, whose `.json` files are the set's models.
    fn folders(self) -> &'static [&'static str] {
        const AWSJSON: &str = "../shared/models/corpus/awsjson";
        const RESTJSON1: &str = "../shared/models/corpus/restjson1";
        match self {
            ModelSet::Awsjson => &["../shared/models", AWSJSON],
            ModelSet::Restjson1 => &[RESTJSON1],
            ModelSet::All => &["../shared/models", AWSJSON, RESTJSON1],
        }
    }
}

/// What happened to one model.
struct Outcome {
    model: String,
    crate_name: Option<String>,
    operations: usize,
    time: Duration,
    problem: Option<String>,
    /// Operations the generator left out, one line each.
    warnings: Vec<String>,
}

pub fn run(root: &Path, args: &CorpusArgs) -> Result<(), String> {
    let partitions_path = root.join("../shared/models/partitions.json");
    let partitions = read(&partitions_path)?;
    let models = models(root, args.set, args.only.as_deref())?;
    if models.is_empty() {
        return Err("no model matches --only".into());
    }
    let out = std::path::absolute(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let crates = out.join("crates");
    let start = Instant::now();
    let mut outcomes = generate_all(&models, &partitions, &crates);
    let wall = start.elapsed();
    let generated: Vec<String> = outcomes
        .iter()
        .filter(|o| o.problem.is_none())
        .filter_map(|o| o.crate_name.clone())
        .collect();
    let mut compile_time = None;
    if args.compile && !generated.is_empty() {
        write_workspace(&out, &generated)?;
        let start = Instant::now();
        let mut passes = vec![(
            "clippy",
            cargo_problems(
                &out,
                &["clippy", "--workspace", "--all-targets", "--all-features"],
                &["--", "-D", "warnings"],
                None,
            )?,
        )];
        if args.default_features {
            let lint = cargo_problems(
                &out,
                &["clippy", "--workspace", "--all-targets"],
                &["--", "-D", "warnings"],
                None,
            )?;
            passes.push(("clippy (default features)", lint));
        }
        let docs = cargo_problems(
            &out,
            &["doc", "--workspace", "--no-deps", "--all-features"],
            &[],
            Some("-D warnings"),
        )?;
        passes.push(("rustdoc", docs));
        compile_time = Some(start.elapsed());
        for outcome in &mut outcomes {
            let Some(name) = outcome.crate_name.as_deref() else {
                continue;
            };
            let found: Vec<String> = passes
                .iter()
                .filter_map(|(tool, problems)| {
                    problems.get(name).map(|first| format!("{tool}: {first}"))
                })
                .collect();
            if outcome.problem.is_none() && !found.is_empty() {
                outcome.problem = Some(found.join("; "));
            }
        }
    }
    let result = report(&outcomes, args.compile, wall);
    if let Some(time) = compile_time {
        let lines: usize = generated
            .iter()
            .map(|name| rust_lines(&crates.join(name)))
            .sum();
        println!(
            "linting and documenting took {:.0} s; the {} crates hold {lines} lines of Rust",
            time.as_secs_f64(),
            generated.len()
        );
    }
    result
}

/// The lines of the `.rs` files under `dir`.
fn rust_lines(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            match path.is_dir() {
                true => rust_lines(&path),
                false if path.extension().is_some_and(|e| e == "rs") => std::fs::read(&path)
                    .map_or(0, |text| text.iter().filter(|&&b| b == b'\n').count()),
                false => 0,
            }
        })
        .sum()
}

/// The set's model files, sorted by file name.
fn models(root: &Path, set: ModelSet, only: Option<&[String]>) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for dir in set.folders() {
        let dir = root.join(dir);
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            let name = file_name(&path);
            let wanted = only.is_none_or(|only| only.iter().any(|o| name.contains(o.as_str())));
            if path.extension().is_some_and(|e| e == "json") && name != "partitions.json" && wanted
            {
                found.push(path);
            }
        }
    }
    found.sort_by_key(|p| file_name(p));
    Ok(found)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Generates every model, two at a time: each model's emit already spreads its files over the
/// cores, but loading, resolving and writing are serial, and a second model fills those gaps.
/// The largest models go first, so the run does not end with one large model alone on a
/// core. Outcomes come back in model order.
fn generate_all(models: &[PathBuf], partitions: &str, crates: &Path) -> Vec<Outcome> {
    let mut order: Vec<usize> = (0..models.len()).collect();
    let size = |i: &usize| std::fs::metadata(&models[*i]).map_or(0, |m| m.len());
    order.sort_by_key(|i| std::cmp::Reverse(size(i)));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(k) else {
                return done;
            };
            done.push((i, generate(&models[i], partitions, crates)));
        }
    };
    let mut outcomes = std::thread::scope(|scope| {
        let other = scope.spawn(work);
        let mut outcomes = work();
        // A panic in the generator is a bug to see, not to hide: let it go on.
        outcomes.extend(
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        );
        outcomes
    });
    outcomes.sort_by_key(|(i, _)| *i);
    outcomes.into_iter().map(|(_, o)| o).collect()
}

/// Generates one model into `crates/<crate name>`.
fn generate(path: &Path, partitions: &str, crates: &Path) -> Outcome {
    let model = file_name(path);
    let mut outcome = Outcome {
        model: model.clone(),
        crate_name: None,
        operations: 0,
        time: Duration::ZERO,
        problem: None,
        warnings: Vec::new(),
    };
    let text = match read(path) {
        Ok(text) => text,
        Err(e) => {
            outcome.problem = Some(e);
            return outcome;
        }
    };
    let start = Instant::now();
    let result = codegen::generate_with_warnings(&text, &model, partitions, &Default::default());
    outcome.time = start.elapsed();
    let files = match result {
        Ok(generated) => {
            outcome.warnings = generated.warnings;
            generated.files
        }
        Err(e) => {
            outcome.problem = Some(first_line(&e));
            return outcome;
        }
    };
    outcome.operations = files
        .iter()
        .filter(|f| f.path.starts_with("src/operation/") && f.path != "src/operation/mod.rs")
        .count();
    let Some(name) = crate_name(&files) else {
        outcome.problem = Some("no package name in the emitted Cargo.toml".into());
        return outcome;
    };
    if let Err(e) = codegen::write::sync(&crates.join(&name), &files, false) {
        outcome.problem = Some(format!("writing {name}: {e}"));
    }
    outcome.crate_name = Some(name);
    outcome
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

/// The `name` of the emitted Cargo.toml's `[package]`.
fn crate_name(files: &[codegen::emit::GeneratedFile]) -> Option<String> {
    let manifest = files.iter().find(|f| f.path == "Cargo.toml")?;
    manifest.contents.lines().find_map(|line| {
        let value = line.strip_prefix("name")?.trim_start().strip_prefix('=')?;
        Some(value.trim().trim_matches('"').to_string())
    })
}

fn write_workspace(out: &Path, members: &[String]) -> Result<(), String> {
    let members: Vec<String> = members
        .iter()
        .map(|m| format!("  \"crates/{m}\","))
        .collect();
    let manifest = format!(
        "# Written by `cargo xtask corpus`.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}\n]\n",
        members.join("\n")
    );
    let path = out.join("Cargo.toml");
    std::fs::write(&path, manifest).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs cargo over the workspace with JSON messages and returns, per package name, the first
/// error it reported. `--keep-going` so one broken crate does not hide the others.
fn cargo_problems(
    out: &Path,
    args: &[&str],
    trailing: &[&str],
    rustdocflags: Option<&str>,
) -> Result<BTreeMap<String, String>, String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(args)
        .args(["--keep-going", "--message-format=json", "--quiet"])
        .args(trailing)
        .current_dir(out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        // Every crate is built once: incremental data would only cost disk and time.
        .env("CARGO_INCREMENTAL", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if let Some(flags) = rustdocflags {
        command.env("RUSTDOCFLAGS", flags);
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo {}: {e}", args[0]))?;
    let mut problems = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let package = package_name(message["package_id"].as_str().unwrap_or_default());
        let text = message["message"]["message"].as_str().unwrap_or("error");
        problems.entry(package).or_insert_with(|| text.to_string());
    }
    if !output.status.success() && problems.is_empty() {
        return Err(format!("cargo {} failed without a compiler error", args[0]));
    }
    Ok(problems)
}

/// The package name in a cargo package id (`path+file:///…/crates/kms#kms@0.1.0`, or the
/// older `kms 0.1.0 (path+file://…)`).
fn package_name(id: &str) -> String {
    if let Some((_, rest)) = id.rsplit_once('#') {
        return rest.split('@').next().unwrap_or(rest).to_string();
    }
    id.split_whitespace().next().unwrap_or(id).to_string()
}

fn report(outcomes: &[Outcome], compiled: bool, wall: Duration) -> Result<(), String> {
    let step = if compiled {
        "generated, clippy and rustdoc clean"
    } else {
        "generated"
    };
    for o in outcomes {
        match &o.problem {
            None => println!(
                "ok    {:<55} {:>4} ops {:>7.1} ms",
                o.model,
                o.operations,
                o.time.as_secs_f64() * 1e3
            ),
            Some(problem) => println!("FAIL  {:<55} {problem}", o.model),
        }
        for warning in &o.warnings {
            println!("warn  {warning}");
        }
    }
    let left_out: usize = outcomes.iter().map(|o| o.warnings.len()).sum();
    if left_out > 0 {
        println!("warn  {left_out} operation(s) left out in all (named above)");
    }
    let failed = outcomes.iter().filter(|o| o.problem.is_some()).count();
    let operations: usize = outcomes.iter().map(|o| o.operations).sum();
    let time: Duration = outcomes.iter().map(|o| o.time).sum();
    println!(
        "{} of {} models {step} ({operations} operations; generating and writing took {:.2} s, \
         two models at a time, the models' own generation times summing to {:.2} s)",
        outcomes.len() - failed,
        outcomes.len(),
        wall.as_secs_f64(),
        time.as_secs_f64()
    );
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} model(s) failed"))
    }
}
