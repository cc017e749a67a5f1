//! `cargo xtask bench`: the measurements behind BENCHMARKS.md, side by side with the official
//! SDK. The benchmark package (tests/bench) is a workspace of its own, so neither
//! `cargo test --workspace` nor CI builds the SDK; only this command does.
//!
//! Sections: `loopback` (requests per second against a 127.0.0.1 stub), `cpu` (criterion:
//! client CPU per request with a canned response, and SigV4 signing), `compile` (clean builds in
//! fresh target directories under the scratch directory), `codegen` (generator speed: Cognito
//! and the corpus sets; see bench/codegen.rs) and `thin` (this tree's generated crate beside a
//! baseline checkout's).
mod codegen;
mod rest_json;
mod thin;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The operations of the small slice whose compile cost is measured.
const SLICE_OPERATIONS: &str =
    "ConfirmForgotPassword,ResendConfirmationCode,AdminResetUserPassword";

/// Options of `cargo xtask bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// Sections to run (comma-separated): loopback, cpu, compile, codegen, rest-json, thin.
    /// Default: all but thin, which needs --baseline.
    #[arg(long, value_delimiter = ',')]
    only: Option<Vec<String>>,
    /// For `thin`: another checkout of this repository (only read; its generated/ is copied),
    /// measured beside this one in the same run. For `codegen`: its xtask also generates the
    /// AWS JSON corpus, alternating run by run with this tree's.
    #[arg(long, value_name = "DIR")]
    baseline: Option<PathBuf>,
    /// Loopback runs; medians are taken over them.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Loopback requests per run and cell, after the warm-up.
    #[arg(long, default_value_t = 5000)]
    requests: usize,
    /// Thread placements of the loopback stub and client, one loopback run each: `none`
    /// (scheduler's choice), `split` (stub on CPU 0, client on CPU 1), `same` (both on CPU 0).
    #[arg(long, value_delimiter = ',', default_value = "none,split,same")]
    pin: Vec<String>,
    /// Generator runs per measurement (also per tree in `thin`).
    #[arg(long, default_value_t = 10)]
    codegen_runs: usize,
    /// Runs of `xtask corpus` (a whole model set in one process) in the codegen section, per
    /// set and tree.
    #[arg(long, default_value_t = 3)]
    corpus_runs: usize,
    /// Shorter criterion measurements (3 s each instead of criterion's default 5 s).
    #[arg(long)]
    quick: bool,
    /// Where clean builds and generated slices go; wiped per build.
    #[arg(long, default_value = "/tmp/cognito-bench")]
    scratch: PathBuf,
}

/// Runs the selected sections in order; stops at the first failure.
pub fn run(root: &Path, args: &BenchArgs) -> Result<(), String> {
    let wanted = |name: &str| match &args.only {
        Some(only) => only.iter().any(|o| o == name),
        None => name != "thin",
    };
    if wanted("thin") && args.baseline.is_none() {
        return Err("--only thin needs --baseline DIR (a checkout to compare with)".into());
    }
    print_machine();
    if wanted("loopback") {
        loopback(root, args)?;
    }
    if wanted("cpu") {
        cpu(root, args)?;
    }
    if wanted("compile") {
        compile(root, args)?;
    }
    if wanted("codegen") {
        let options = codegen::Options {
            scratch: &args.scratch,
            baseline: args.baseline.as_deref(),
            runs: args.codegen_runs,
            corpus_runs: args.corpus_runs,
        };
        codegen::run(root, &options)?;
    }
    if wanted("rest-json") {
        rest_json::run(root, args)?;
    }
    if let (true, Some(baseline)) = (wanted("thin"), &args.baseline) {
        thin::run(root, baseline, &args.scratch, args.codegen_runs)?;
    }
    Ok(())
}

fn bench_manifest(root: &Path) -> PathBuf {
    root.join("tests/bench/Cargo.toml")
}

fn print_machine() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = output_of(Command::new("rustc").arg("-V")).unwrap_or_default();
    println!("## Machine\n\n{cores} cores, {cpu}, {}", rustc.trim());
    println!("load average at start: {}\n", load_average());
}

fn loopback(root: &Path, args: &BenchArgs) -> Result<(), String> {
    println!("## Loopback\n");
    for pin in &args.pin {
        println!("### Threads: {pin}\n");
        println!("load average before: {}\n", load_average());
        let mut command = Command::new("cargo");
        command
            .args(["run", "--release", "--quiet", "--manifest-path"])
            .arg(bench_manifest(root))
            .args(["--bin", "loopback", "--"])
            .args(["--runs", &args.runs.to_string()])
            .args(["--requests", &args.requests.to_string()])
            .args(["--pin", pin]);
        status_of(&mut command)?;
        println!();
    }
    Ok(())
}

fn cpu(root: &Path, args: &BenchArgs) -> Result<(), String> {
    println!("## Client CPU and SigV4 (criterion)\n");
    let mut command = Command::new("cargo");
    command
        .args(["bench", "--manifest-path"])
        .arg(bench_manifest(root))
        .args(["--bench", "client_cpu", "--bench", "sigv4", "--"]);
    if args.quick {
        command.args(["--warm-up-time", "1", "--measurement-time", "3"]);
    }
    status_of(&mut command)
}

/// One clean (or, for `extra`, incremental) build and what it cost.
struct BuildFigures {
    wall: Duration,
    cpu: Duration,
    compiled: usize,
    load: String,
}

/// A program or library whose build is timed.
struct Case<'a> {
    label: &'a str,
    manifest: PathBuf,
    binary: Option<&'a str>,
}

fn compile(root: &Path, args: &BenchArgs) -> Result<(), String> {
    println!("## Compile cost\n");
    let probes = root.join("tests/bench/compile");
    let slice = prepare_slice(root, &args.scratch)?;
    let cases = [
        Case {
            label: "program on our generated crate",
            manifest: probes.join("ours/Cargo.toml"),
            binary: Some("probe-ours"),
        },
        Case {
            label: "same program on the official SDK",
            manifest: probes.join("sdk/Cargo.toml"),
            binary: Some("probe-sdk"),
        },
        Case {
            label: "generated crate alone (lib)",
            manifest: root.join("generated/Cargo.toml"),
            binary: None,
        },
        Case {
            label: "3-operation slice alone (lib)",
            manifest: slice.join("Cargo.toml"),
            binary: None,
        },
    ];
    println!(
        "| build | profile | wall s | CPU s | crates compiled | stripped binary | load before |"
    );
    println!("|---|---|---:|---:|---:|---:|---|");
    for case in &cases {
        fetch(&case.manifest)?;
        for release in [false, true] {
            let target = args.scratch.join(format!(
                "target-{}-{}",
                case.manifest
                    .parent()
                    .and_then(Path::file_name)
                    .map_or("case".into(), |n| n.to_string_lossy()),
                profile_name(release)
            ));
            remove_dir(&target)?;
            let figures = build(&case.manifest, &target, release)?;
            let size = match case.binary {
                Some(name) => stripped_size(&target, release, name)?,
                None => "-".into(),
            };
            print_row(case.label, release, &figures, &size);
            if case.binary == Some("probe-ours") {
                sigv4_extra(&probes, &target, release)?;
            }
        }
    }
    println!();
    for case in &cases[..2] {
        println!(
            "dependency graph of {}: {} packages (cargo tree, normal+build edges)",
            case.label,
            tree_size(&case.manifest)?
        );
    }
    println!();
    Ok(())
}

/// Adds aws-sigv4 and its companions to the program on our crate, in its warm target dir:
/// what compiles now is the price of using the SDK's signer instead of ours.
fn sigv4_extra(probes: &Path, target: &Path, release: bool) -> Result<(), String> {
    let manifest = probes.join("ours-aws-sigv4/Cargo.toml");
    fetch(&manifest)?;
    let figures = build(&manifest, target, release)?;
    let size = stripped_size(target, release, "probe-ours-aws-sigv4")?;
    print_row(
        "+ aws-sigv4, aws-credential-types, aws-smithy-runtime-api (incremental on the row above)",
        release,
        &figures,
        &size,
    );
    Ok(())
}

fn print_row(label: &str, release: bool, figures: &BuildFigures, size: &str) {
    println!(
        "| {label} | {} | {:.1} | {:.1} | {} | {size} | {} |",
        profile_name(release),
        figures.wall.as_secs_f64(),
        figures.cpu.as_secs_f64(),
        figures.compiled,
        figures.load
    );
}

fn profile_name(release: bool) -> &'static str {
    if release {
        "release"
    } else {
        "debug"
    }
}

/// Generates the slice into the scratch directory, with the workspace's lock file so it
/// builds the same dependency versions.
fn prepare_slice(root: &Path, scratch: &Path) -> Result<PathBuf, String> {
    let out = scratch.join("slice");
    remove_dir(&out)?;
    let exe = std::env::current_exe().map_err(|e| format!("locating xtask: {e}"))?;
    let mut command = Command::new(exe);
    command
        .args(["codegen", "--operations", SLICE_OPERATIONS, "--out"])
        .arg(&out)
        .stdout(Stdio::null());
    status_of(&mut command)?;
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock"))
        .map_err(|e| format!("copying Cargo.lock into {}: {e}", out.display()))?;
    // The slice lives outside any workspace; an empty table keeps it from looking for one.
    let manifest = out.join("Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    Ok(out)
}

/// Downloads what `manifest` needs, so no build below times the network.
fn fetch(manifest: &Path) -> Result<(), String> {
    let mut command = Command::new("cargo");
    command
        .args(["fetch", "--quiet", "--manifest-path"])
        .arg(manifest);
    status_of(&mut command)
}

fn build(manifest: &Path, target: &Path, release: bool) -> Result<BuildFigures, String> {
    let mut command = Command::new("cargo");
    command
        .args(["build", "--manifest-path"])
        .arg(manifest)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if release {
        command.arg("--release");
    }
    let load = load_average();
    let cpu_before = children_cpu_time();
    let start = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("running cargo build: {e}"))?;
    let wall = start.elapsed();
    let cpu = children_cpu_time()
        .total()
        .saturating_sub(cpu_before.total());
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "cargo build --manifest-path {} failed:\n{stderr}",
            manifest.display()
        ));
    }
    let compiled = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    Ok(BuildFigures {
        wall,
        cpu,
        compiled,
        load,
    })
}

/// Size of the binary after `strip`, in KiB (the unstripped size after a slash).
fn stripped_size(target: &Path, release: bool, name: &str) -> Result<String, String> {
    let binary = target.join(profile_name(release)).join(name);
    let stripped = target.join(format!("{name}.stripped"));
    let mut command = Command::new("strip");
    command.arg("-o").arg(&stripped).arg(&binary);
    status_of(&mut command)?;
    let size = |path: &Path| {
        std::fs::metadata(path)
            .map(|m| m.len() / 1024)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    Ok(format!(
        "{} KiB (unstripped {} KiB)",
        size(&stripped)?,
        size(&binary)?
    ))
}

/// Distinct packages in the build's dependency graph for this machine's target.
fn tree_size(manifest: &Path) -> Result<usize, String> {
    let text = output_of(
        Command::new("cargo")
            .args([
                "tree",
                "--quiet",
                "--prefix",
                "none",
                "--edges",
                "normal,build",
            ])
            .arg("--manifest-path")
            .arg(manifest),
    )?;
    let mut packages: Vec<&str> = text
        .lines()
        .map(|l| l.trim_end_matches(" (*)").trim())
        .filter(|l| !l.is_empty())
        .collect();
    packages.sort_unstable();
    packages.dedup();
    Ok(packages.len())
}

/// One timed run: wall time, and the CPU time of the children it waited for.
#[derive(Debug, Clone, Copy)]
struct Timed {
    wall: Duration,
    user: Duration,
    system: Duration,
    /// The 1-minute load average just before the run: what else the cores were doing.
    load: f64,
}

fn time_runs(
    runs: usize,
    mut once: impl FnMut() -> Result<(), String>,
) -> Result<Vec<Timed>, String> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let load = load_average_1min();
        let cpu = children_cpu_time();
        let start = Instant::now();
        once()?;
        let wall = start.elapsed();
        let after = children_cpu_time();
        times.push(Timed {
            wall,
            user: after.user.saturating_sub(cpu.user),
            system: after.system.saturating_sub(cpu.system),
            load,
        });
    }
    Ok(times)
}

fn median_ms(times: impl Iterator<Item = Duration>) -> f64 {
    let mut sorted: Vec<f64> = times.map(|d| d.as_secs_f64() * 1000.0).collect();
    sorted.sort_by(|a, b| a.total_cmp(b));
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// CPU time of this process's waited-for children (and theirs).
#[derive(Debug, Clone, Copy)]
struct CpuTime {
    user: Duration,
    system: Duration,
}

impl CpuTime {
    fn total(self) -> Duration {
        self.user + self.system
    }
}

/// `getrusage(RUSAGE_CHILDREN)`: microseconds, where /proc's figures are in 10 ms ticks.
fn children_cpu_time() -> CpuTime {
    // SAFETY: getrusage only writes the struct it is given, which is plain data.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let duration = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    CpuTime {
        user: duration(usage.ru_utime),
        system: duration(usage.ru_stime),
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// The first figure of `/proc/loadavg` (0 where there is none).
fn load_average_1min() -> f64 {
    load_average()
        .split_whitespace()
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or(0.0)
}

fn remove_dir(path: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("removing {}: {e}", path.display())),
    }
}

fn status_of(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("running {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed: {status}"))
    }
}

fn output_of(command: &mut Command) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|e| format!("running {command:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
