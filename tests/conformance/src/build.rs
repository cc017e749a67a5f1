//! Generates a suite's client, writes the runner crate beside it, builds both and runs the
//! runner on the suite's plan: once per suite, whatever number of cases asks.
//!
//! Layout, under the workspace's target directory:
//! - `conformance/<suite>/`: the runner crate (its own workspace), `plan.json`, logs;
//! - `conformance/<suite>/client/`: the generated client;
//! - `conformance-target/`: the cargo target directory all runners share.
use crate::suite::Suite;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The runner crate's manifest, `{runner}` and `{client}` filled in.
const RUNNER_MANIFEST: &str = include_str!("../runner/Cargo.toml.in");

/// The runner's source.
const RUNNER_MAIN: &str = include_str!("../runner/main.rs");

/// How long building a runner (and its client, and their dependencies) may take.
pub const BUILD_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// How long running a runner over all its cases may take.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// Where things go.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The repository root (for `model/sources.json`, `Cargo.lock`).
    pub repository: PathBuf,
    /// The cargo target directory of the workspace.
    pub target: PathBuf,
}

impl Paths {
    /// The repository at `repository`, with the target directory cargo uses for it.
    pub fn new(repository: &Path) -> Paths {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| repository.join("target"));
        Paths {
            repository: repository.to_path_buf(),
            target,
        }
    }

    fn suite_dir(&self, suite: &Suite) -> PathBuf {
        self.target.join("conformance").join(&suite.name)
    }
}

/// Generates, builds and runs the runner for `suite` with `cases` (plan entries), returning
/// its result for each case key.
pub fn observe(
    suite: &Suite,
    cases: Vec<Value>,
    paths: &Paths,
) -> Result<Map<String, Value>, String> {
    let dir = paths.suite_dir(suite);
    let client = generate_client(suite, &dir.join("client"), paths)?;
    let runner = format!("conformance-runner-{}", suite.prefix());
    write_runner(&dir, &runner, &client, paths)?;
    let plan = dir.join("plan.json");
    let plan_text = serde_json::to_string_pretty(&serde_json::json!({ "cases": cases }))
        .map_err(|e| e.to_string())?;
    write_if_changed(&plan, &plan_text)?;
    build(&dir, paths)?;
    let binary = paths
        .target
        .join("conformance-target/debug")
        .join(format!("{runner}{}", std::env::consts::EXE_SUFFIX));
    run(&binary, &plan, &dir)
}

/// Generates the suite's client crate into `out`; returns its package name.
fn generate_client(suite: &Suite, out: &Path, paths: &Paths) -> Result<String, String> {
    let sources = codegen::sources::Sources::read(&paths.repository)?;
    let partitions_path = sources.partitions.locate(&paths.repository)?;
    let partitions = sources.partitions.read_checked(&partitions_path)?;
    let model_file = suite.dir.join("model.json").display().to_string();
    let files = codegen::generate(
        &suite.model_text,
        &model_file,
        &partitions,
        &Default::default(),
    )
    .map_err(|e| format!("the generator rejects {model_file}: {e}"))?;
    let package = files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .and_then(|f| package_name(&f.contents))
        .ok_or("the generated crate has no Cargo.toml with a package name")?;
    codegen::write::sync(out, &files, false).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(package)
}

/// The `name` of a Cargo.toml's `[package]`.
pub fn package_name(manifest: &str) -> Option<String> {
    manifest
        .lines()
        .skip_while(|l| l.trim() != "[package]")
        .find_map(|l| l.trim().strip_prefix("name = "))
        .map(|v| v.trim_matches('"').to_string())
}

/// The runner crate: its manifest, its source, and the workspace's Cargo.lock so it builds
/// with the versions the workspace tests (cargo drops what the runner does not use).
fn write_runner(dir: &Path, runner: &str, client: &str, paths: &Paths) -> Result<(), String> {
    let manifest = RUNNER_MANIFEST
        .replace("{runner}", runner)
        .replace("{client}", client);
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    write_if_changed(&dir.join("src/main.rs"), RUNNER_MAIN)?;
    let lock_path = paths.repository.join("Cargo.lock");
    let lock =
        std::fs::read_to_string(&lock_path).map_err(|e| format!("{}: {e}", lock_path.display()))?;
    // The runner's own lock changes as cargo trims it; restart from the workspace's whenever
    // that one changes.
    if write_if_changed(&dir.join("workspace.lock"), &lock)? || !dir.join("Cargo.lock").exists() {
        write_if_changed(&dir.join("Cargo.lock"), &lock)?;
    }
    Ok(())
}

/// Writes `text` unless the file already holds it (an unchanged mtime spares a rebuild).
/// Returns whether it wrote.
fn write_if_changed(path: &Path, text: &str) -> Result<bool, String> {
    if std::fs::read_to_string(path).is_ok_and(|current| current == text) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(true)
}

fn build(dir: &Path, paths: &Paths) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let log = dir.join("build.log");
    let mut command = Command::new(cargo);
    command
        .args(["build", "--quiet", "--color", "never", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", paths.target.join("conformance-target"));
    let status = run_bounded(command, BUILD_TIMEOUT, None, &log)?;
    if status {
        return Ok(());
    }
    Err(format!(
        "building the conformance runner in {} failed:\n{}",
        dir.display(),
        tail(&log, 12_000)
    ))
}

fn run(binary: &Path, plan: &Path, dir: &Path) -> Result<Map<String, Value>, String> {
    let results = dir.join("results.json");
    let log = dir.join("run.log");
    let mut command = Command::new(binary);
    command.arg(plan);
    let status = run_bounded(command, RUN_TIMEOUT, Some(&results), &log)?;
    if !status {
        return Err(format!(
            "the conformance runner {} failed:\n{}",
            binary.display(),
            tail(&log, 12_000)
        ));
    }
    let text =
        std::fs::read_to_string(&results).map_err(|e| format!("{}: {e}", results.display()))?;
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) | Err(_) => Err(format!(
            "the conformance runner printed no JSON object (see {})",
            results.display()
        )),
    }
}

/// Runs `command` with stdout to `stdout` (or nowhere) and stderr to `log`, killing it after
/// `limit`. Returns whether it succeeded.
fn run_bounded(
    mut command: Command,
    limit: Duration,
    stdout: Option<&Path>,
    log: &Path,
) -> Result<bool, String> {
    let open =
        |path: &Path| std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()));
    command.stdin(Stdio::null()).stderr(open(log)?);
    match stdout {
        Some(path) => command.stdout(open(path)?),
        None => command.stdout(Stdio::null()),
    };
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {command:?}: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status.success()),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{command:?} did not finish within {limit:?} and was stopped:\n{}",
                    tail(log, 4_000)
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("waiting for {command:?}: {e}")),
        }
    }
}

/// The last `max` bytes of a log file (whole lines).
fn tail(path: &Path, max: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    if text.len() <= max {
        return text;
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let rest = text.get(start..).unwrap_or_default();
    let whole_lines = rest.find('\n').map_or(rest, |i| &rest[i + 1..]);
    format!("...\n{whole_lines}")
}
