//! restJson1 clients called end to end against moto, one scenario each: EventBridge Scheduler
//! ([`SCHEDULER`]), whose schedules moto keeps (with pagination) without docker, unlike Lambda (no
//! pagination in moto 5.2.5, and CreateFunction needs an IAM role) or API Gateway (no pagination
//! either, and not in the corpus); and the EBS direct APIs ([`EBS`]), whose blocks travel as
//! `@streaming` bodies both ways.
//!
//! No client is committed: [`build_runner`] generates a scenario's client from its model in
//! `../shared/models/` beside the repository, with only the operations the scenario calls,
//! writes the scenario's runner crate (`runner/`) beside it, and builds both; [`run_runner`] runs
//! the scenario against a moto endpoint. Layout, under the workspace's target directory:
//! - `moto-rest-json/<scenario>/`: the runner crate (its own workspace), its build and run logs
//!   and a scratch folder for files the runner writes;
//! - `moto-rest-json/<scenario>/client/`: the generated client;
//! - `conformance-target/`: the cargo target directory, shared by every scenario and the
//!   conformance runners so that the clients' dependencies (tokio, hyper, rustls, ring) build
//!   once for all.
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One scenario: a client generated from a model with some of its operations, and a runner
/// program calling them, which prints `ok <step>` for each step that held.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// Names the scenario's folder and runner binary (`moto-rest-json-<name>`).
    pub name: &'static str,
    /// The model, under `../shared/models/`.
    pub model: &'static str,
    /// The operations the runner calls; the client holds these and the shapes they reach.
    pub operations: &'static [&'static str],
    /// The runner's `main.rs`.
    runner_main: &'static str,
    /// `[dependencies]` lines the runner needs beside the client and tokio.
    runner_dependencies: &'static str,
}

/// EventBridge Scheduler: create, typed errors, pagination, delete (`runner/scheduler.rs`).
pub const SCHEDULER: Scenario = Scenario {
    name: "scheduler",
    model: "corpus/restjson1/scheduler-2021-06-30.json",
    operations: &[
        "CreateSchedule",
        "CreateScheduleGroup",
        "DeleteSchedule",
        "GetSchedule",
        "ListSchedules",
    ],
    runner_main: include_str!("../runner/scheduler.rs"),
    runner_dependencies: "",
};

/// The EBS direct APIs: blocks uploaded from a file and from a stream of chunks, listed,
/// downloaded chunk by chunk (`runner/ebs.rs`).
pub const EBS: Scenario = Scenario {
    name: "ebs",
    model: "corpus/restjson1/ebs-2019-11-02.json",
    operations: &[
        "CompleteSnapshot",
        "GetSnapshotBlock",
        "ListSnapshotBlocks",
        "PutSnapshotBlock",
        "StartSnapshot",
    ],
    runner_main: include_str!("../runner/ebs.rs"),
    // SHA-256 and base64 for the checksums the upload sends, and the `Stream` trait for the
    // chunked upload: all three already in the client's graph, so nothing new to build (no
    // default features, which would only add to what the client enables).
    runner_dependencies: concat!(
        "ring = { version = \"0.17\", default-features = false }\n",
        "base64 = { version = \"0.22\", default-features = false, features = [\"alloc\"] }\n",
        "futures-core = { version = \"0.3\", default-features = false }\n",
    ),
};

const RUNNER_MANIFEST: &str = include_str!("../runner/Cargo.toml.in");

/// What every runner shares (command line, runtime, client settings, steps and checks),
/// written beside each runner's `main.rs` as its `mod steps`.
const RUNNER_STEPS: &str = include_str!("../runner/steps.rs");

/// Building the runner, its client and, the first time, their dependencies.
const BUILD_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// The whole scenario (a few dozen calls to a local moto).
const RUN_TIMEOUT: Duration = Duration::from_secs(3 * 60);

/// Where things go.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The repository root (for `model/sources.json`, `Cargo.lock`, `../shared`).
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

    fn runner_dir(&self, scenario: &Scenario) -> PathBuf {
        self.target.join("moto-rest-json").join(scenario.name)
    }

    fn cargo_target(&self) -> PathBuf {
        self.target.join("conformance-target")
    }
}

/// Generates the scenario's client, writes its runner beside it and builds both; returns the
/// binary.
pub fn build_runner(scenario: &Scenario, paths: &Paths) -> Result<PathBuf, String> {
    let dir = paths.runner_dir(scenario);
    let client = generate_client(scenario, &dir.join("client"), paths)?;
    write_runner(scenario, &dir, &client, paths)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["build", "--quiet", "--color", "never", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", paths.cargo_target());
    let log = dir.join("build.log");
    let finished = run_bounded(command, BUILD_TIMEOUT, &dir.join("build.out"), &log)?;
    if !finished.success {
        return Err(format!(
            "building the runner in {} failed:\n{}",
            dir.display(),
            tail(&finished.stderr, 12_000)
        ));
    }
    // The runner and the client are built outside the workspace, so no workspace lint sees
    // them: a warning (cargo replays cached ones) fails here instead of going unread.
    if finished.stderr.contains("warning") {
        return Err(format!(
            "building the runner in {} warned:\n{}",
            dir.display(),
            tail(&finished.stderr, 12_000)
        ));
    }
    let binary = format!("{}{}", runner_name(scenario), std::env::consts::EXE_SUFFIX);
    Ok(paths.cargo_target().join("debug").join(binary))
}

/// Runs the scenario against `endpoint`; returns what the runner printed (one `ok <step>` line
/// per step), or why it failed with everything it printed. The runner's arguments are the
/// endpoint and an empty scratch folder of its own; `env` adds to its environment (values are
/// never printed: they may be keys).
pub fn run_runner(
    scenario: &Scenario,
    binary: &Path,
    endpoint: &str,
    env: &[(&str, &str)],
    paths: &Paths,
) -> Result<String, String> {
    let dir = paths.runner_dir(scenario);
    let scratch = dir.join("scratch");
    empty_dir(&scratch)?;
    let mut command = Command::new(binary);
    command
        .arg(endpoint)
        .arg(&scratch)
        .envs(env.iter().copied());
    let finished = run_bounded(
        command,
        RUN_TIMEOUT,
        &dir.join("run.out"),
        &dir.join("run.log"),
    )?;
    if finished.success {
        return Ok(finished.stdout);
    }
    Err(format!(
        "the runner failed after these steps:\n{}\nits error output:\n{}",
        finished.stdout,
        tail(&finished.stderr, 12_000)
    ))
}

/// Generates the client crate into `out`; returns its package name. An operation the generator
/// leaves out (a feature it lacks) is an error here, not a smaller client.
fn generate_client(scenario: &Scenario, out: &Path, paths: &Paths) -> Result<String, String> {
    let sources = codegen::sources::Sources::read(&paths.repository)?;
    let partitions_path = sources.partitions.locate(&paths.repository)?;
    let partitions = sources.partitions.read_checked(&partitions_path)?;
    let model_path = paths
        .repository
        .join("../shared/models")
        .join(scenario.model);
    let model = std::fs::read_to_string(&model_path)
        .map_err(|e| format!("the model {}: {e}", model_path.display()))?;
    let options = codegen::resolve::Options {
        operations: Some(scenario.operations.iter().map(|o| o.to_string()).collect()),
    };
    let model_file = model_path.display().to_string();
    let generated = codegen::generate_with_warnings(&model, &model_file, &partitions, &options)
        .map_err(|e| format!("the generator rejects the model: {e}"))?;
    if !generated.warnings.is_empty() {
        return Err(format!(
            "the generator left operations out:\n{}",
            generated.warnings.join("\n")
        ));
    }
    let package = generated
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .and_then(|f| package_name(&f.contents))
        .ok_or("the generated crate has no Cargo.toml with a package name")?;
    codegen::write::sync(out, &generated.files, false)
        .map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(package)
}

/// The `name` of a Cargo.toml's `[package]`.
fn package_name(manifest: &str) -> Option<String> {
    manifest
        .lines()
        .skip_while(|l| l.trim() != "[package]")
        .find_map(|l| l.trim().strip_prefix("name = "))
        .map(|v| v.trim_matches('"').to_string())
}

/// The runner crate: its manifest, its sources (`main.rs` and the shared `steps.rs`), and the
/// workspace's Cargo.lock so it builds with the versions the workspace tests (cargo drops what
/// the runner does not use).
fn write_runner(
    scenario: &Scenario,
    dir: &Path,
    client: &str,
    paths: &Paths,
) -> Result<(), String> {
    let manifest = RUNNER_MANIFEST
        .replace("{runner}", &runner_name(scenario))
        .replace("{client}", client)
        .replace("{dependencies}", scenario.runner_dependencies);
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    write_if_changed(&dir.join("src/main.rs"), scenario.runner_main)?;
    write_if_changed(&dir.join("src/steps.rs"), RUNNER_STEPS)?;
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

/// The runner's package name, and so its binary's: unique per scenario, since all of them
/// build into one target directory.
fn runner_name(scenario: &Scenario) -> String {
    format!("moto-rest-json-{}", scenario.name)
}

/// Makes `dir` an empty folder (removing what an earlier run left there).
fn empty_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
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

/// How a bounded command ended.
struct Finished {
    success: bool,
    stdout: String,
    stderr: String,
}

/// Runs `command` with its output in files (no pipe to fill up), killing it after `limit`.
fn run_bounded(
    mut command: Command,
    limit: Duration,
    stdout: &Path,
    stderr: &Path,
) -> Result<Finished, String> {
    let create =
        |path: &Path| std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()));
    if let Some(parent) = stdout.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    command
        .stdin(Stdio::null())
        .stdout(create(stdout)?)
        .stderr(create(stderr)?);
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", describe(&command)))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} did not finish within {limit:?} and was stopped:\n{}",
                    describe(&command),
                    tail(&read(stderr), 4_000)
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("waiting for {}: {e}", describe(&command))),
        }
    };
    Ok(Finished {
        success: status.success(),
        stdout: read(stdout),
        stderr: read(stderr),
    })
}

/// The program and its arguments; not `Command`'s `Debug`, which shows the environment set.
fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The last `max` bytes of `text` (whole lines).
fn tail(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut start = text.len() - max;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let rest = &text[start..];
    let whole_lines = rest.find('\n').map_or(rest, |i| &rest[i + 1..]);
    format!("...\n{whole_lines}")
}
