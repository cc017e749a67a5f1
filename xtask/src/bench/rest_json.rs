//! `cargo xtask bench --only rest-json` (issue 13): the restJson1 path measured the way the
//! Cognito loopback is. Lambda's model comes from ../shared and its client is generated at bench
//! time, never committed:
//!
//! - loopback: `PutProvisionedConcurrencyConfig` alone is generated into
//!   target/bench-rest-json/lambda (the path tests/bench-rest-json depends on), then that
//!   package's `loopback-rest-json` runs once per thread placement (ours beside raw hyper);
//! - size and check time: the whole Lambda model is generated into the scratch directory; the
//!   lines of its src/ are counted and a clean `cargo check` is timed (dependencies included),
//!   then the crate alone again (`cargo clean -p lambda` first). Should the default features not
//!   compile, that is printed and the times are taken with `--features dynamic`.
use super::{children_cpu_time, load_average, remove_dir, status_of, BenchArgs};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The corpus model, relative to the repository root.
const MODEL: &str = "../shared/models/corpus/restjson1/lambda-2015-03-31.json";
/// PUT, a `{FunctionName}` label, a `Qualifier` query, a JSON body in and out, SigV4.
const OPERATION: &str = "PutProvisionedConcurrencyConfig";

/// Generates the slice, runs the loopback once per `--pin` placement, then measures the whole
/// model's crate.
pub fn run(root: &Path, args: &BenchArgs) -> Result<(), String> {
    println!("## restJson1 (Lambda {OPERATION})\n");
    let model = root.join(MODEL);
    generate(
        &model,
        &root.join("target/bench-rest-json/lambda"),
        Some(OPERATION),
    )?;
    for pin in &args.pin {
        println!(
            "### Threads: {pin}\n\nload average before: {}\n",
            load_average()
        );
        let mut command = Command::new("cargo");
        command
            .args(["run", "--release", "--quiet", "--manifest-path"])
            .arg(root.join("tests/bench-rest-json/Cargo.toml"))
            .args(["--", "--runs", &args.runs.to_string()])
            .args(["--requests", &args.requests.to_string(), "--pin", pin]);
        status_of(&mut command)?;
        println!();
    }
    whole_model(root, &model, &args.scratch)
}

/// Lines of the whole model's generated src/, and its clean `cargo check` time.
fn whole_model(root: &Path, model: &Path, scratch: &Path) -> Result<(), String> {
    let out = scratch.join("rest-json-lambda");
    remove_dir(&out)?;
    generate(model, &out, None)?;
    // Outside any workspace, with the workspace's lock file for the same dependency versions.
    let manifest = out.join("Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))
        .map_err(|e| format!("copying Cargo.lock: {e}"))?;
    let (files, lines) = count_lines(&out.join("src"))?;
    println!("### Whole Lambda model, generated\n\nsrc/: {files} files, {lines} lines\n");
    status_of(
        Command::new("cargo")
            .args(["fetch", "--quiet", "--manifest-path"])
            .arg(&manifest),
    )?;
    let target = scratch.join("target-rest-json-lambda");
    remove_dir(&target)?;
    println!("| cargo check | wall s | CPU s | load before |\n|---|---:|---:|---|");
    let mut features = "";
    if let Err(e) = check(&manifest, &target, "clean, dependencies included", features) {
        // Reported rather than fatal: a generator bug must not hide the other figures.
        let first = e.lines().find(|l| l.starts_with("error")).unwrap_or("");
        println!("\ndefault features do not check: {first}\n\nso, with `--features dynamic`:\n");
        println!("| cargo check | wall s | CPU s | load before |\n|---|---:|---:|---|");
        features = "dynamic";
        remove_dir(&target)?;
        check(&manifest, &target, "clean, dependencies included", features)?;
    }
    status_of(
        Command::new("cargo")
            .args(["clean", "--quiet", "-p", "lambda", "--manifest-path"])
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", &target),
    )?;
    check(&manifest, &target, "the generated crate alone", features)?;
    println!();
    Ok(())
}

fn generate(model: &Path, out: &Path, operations: Option<&str>) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("locating xtask: {e}"))?;
    let mut command = Command::new(exe);
    command
        .arg("codegen")
        .arg("--model")
        .arg(model)
        .arg("--out")
        .arg(out);
    if let Some(operations) = operations {
        command.args(["--operations", operations]);
    }
    status_of(command.stdout(Stdio::null()))
}

/// One timed `cargo check` (with `features` when not empty), printed as a table row; `Err`
/// holds the compiler's output.
fn check(manifest: &Path, target: &Path, label: &str, features: &str) -> Result<(), String> {
    let load = load_average();
    let cpu = children_cpu_time().total();
    let start = Instant::now();
    let mut command = Command::new("cargo");
    command
        .args(["check", "--quiet", "--manifest-path"])
        .arg(manifest)
        .env("CARGO_TARGET_DIR", target);
    if !features.is_empty() {
        command.args(["--features", features]);
    }
    let output = command
        .output()
        .map_err(|e| format!("running cargo check: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let wall = start.elapsed().as_secs_f64();
    let cpu = children_cpu_time()
        .total()
        .saturating_sub(cpu)
        .as_secs_f64();
    println!("| {label} | {wall:.1} | {cpu:.1} | {load} |");
    Ok(())
}

/// (files, lines) of the `.rs` files under `dir`.
fn count_lines(dir: &Path) -> Result<(usize, usize), String> {
    let mut totals = (0, 0);
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            let (files, lines) = count_lines(&path)?;
            totals = (totals.0 + files, totals.1 + lines);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            totals = (totals.0 + 1, totals.1 + text.lines().count());
        }
    }
    Ok(totals)
}
