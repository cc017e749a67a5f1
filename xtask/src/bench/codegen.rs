//! `cargo xtask bench --only codegen`: generator speed. Cognito whole, checked and sliced, the
//! AWS JSON corpus and the restJson1 corpus, each with this tree's release xtask; with
//! `--baseline DIR` also the AWS JSON corpus with the baseline's xtask, alternating run by run
//! with this tree's so both see the same load.
use super::{load_average, median_ms, remove_dir, status_of, time_runs, Timed, SLICE_OPERATIONS};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What the section needs from the command line.
pub struct Options<'a> {
    pub scratch: &'a Path,
    pub baseline: Option<&'a Path>,
    pub runs: usize,
    pub corpus_runs: usize,
}

/// One tree's release xtask, run from the tree's root (which is where it finds the models).
struct Xtask {
    label: &'static str,
    exe: PathBuf,
    root: PathBuf,
}

impl Xtask {
    /// Runs `arguments` (plus `--out out`, emptied first), its output discarded.
    fn run(&self, arguments: &[&str], out: Option<&Path>) -> Result<(), String> {
        let mut command = Command::new(&self.exe);
        command
            .args(arguments)
            .current_dir(&self.root)
            .stdout(Stdio::null());
        if let Some(out) = out {
            remove_dir(out)?;
            command.arg("--out").arg(out);
        }
        status_of(&mut command)
    }
}

pub fn run(root: &Path, options: &Options<'_>) -> Result<(), String> {
    println!("## Generator speed\n");
    println!("load average before: {}\n", load_average());
    let current = build("current", root, options.scratch)?;
    let scratch = options.scratch;
    let runs = options.runs.max(1);
    let corpus_runs = options.corpus_runs.max(1);
    let out = scratch.join("codegen-out");
    let write = time_runs(runs, || current.run(&["codegen"], Some(&out)))?;
    let check = time_runs(runs, || current.run(&["codegen", "--check"], None))?;
    let slice_out = scratch.join("codegen-slice");
    let slice = time_runs(runs, || {
        current.run(
            &["codegen", "--operations", SLICE_OPERATIONS],
            Some(&slice_out),
        )
    })?;
    let corpus_out = scratch.join("codegen-corpus");
    let corpus = time_runs(corpus_runs, || current.run(&["corpus"], Some(&corpus_out)))?;
    let restjson1_out = scratch.join("codegen-corpus-restjson1");
    let restjson1 = restjson1_corpus(&current, &restjson1_out, corpus_runs)?;
    println!("release xtask binary, process start to exit; CPU is the child's, from getrusage; load is the 1-minute load average before each run:\n");
    print_header();
    print_timing("whole Cognito model into an empty directory", &write);
    print_timing("whole model, `--check` against generated/", &check);
    print_timing("3-operation slice into an empty directory", &slice);
    print_timing(
        "all 131 AWS JSON corpus models (`xtask corpus`), into an empty directory",
        &corpus,
    );
    match &restjson1 {
        Ok(times) => print_timing(
            "all 224 restJson1 corpus models (`xtask corpus --set restjson1`), into an empty directory",
            times,
        ),
        Err(note) => println!(
            "| restJson1 corpus (`xtask corpus --set restjson1`): {note} | | | | | | | | |"
        ),
    }
    println!();
    if let Some(baseline) = options.baseline {
        side_by_side(&current, baseline, scratch, corpus_runs)?;
    }
    Ok(())
}

/// Builds the tree's xtask in release mode, in a target dir of its own under the scratch
/// folder (the same one `bench --only thin` uses, so the two sections share builds).
fn build(label: &'static str, tree: &Path, scratch: &Path) -> Result<Xtask, String> {
    let target = scratch.join(format!("target-xtask-{label}"));
    let mut command = Command::new("cargo");
    command
        .args(["build", "--release", "--quiet", "-p", "xtask"])
        .arg("--manifest-path")
        .arg(tree.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target);
    status_of(&mut command)?;
    Ok(Xtask {
        label,
        exe: target.join("release/xtask"),
        root: tree.to_path_buf(),
    })
}

/// Times `xtask corpus --set restjson1`, or says why not: while any of its models fails to
/// generate (before the generator supports restJson1, all do) the row is a note, since a
/// failing run is not the time a working one would take.
fn restjson1_corpus(
    xtask: &Xtask,
    out: &Path,
    runs: usize,
) -> Result<Result<Vec<Timed>, String>, String> {
    remove_dir(out)?;
    let arguments = ["corpus", "--set", "restjson1"];
    let probe = Command::new(&xtask.exe)
        .args(arguments)
        .arg("--out")
        .arg(out)
        .current_dir(&xtask.root)
        .output()
        .map_err(|e| format!("running {}: {e}", xtask.exe.display()))?;
    if !probe.status.success() {
        let stdout = String::from_utf8_lossy(&probe.stdout);
        return Ok(Err(format!(
            "skipped, not every model generates ({})",
            corpus_summary(&stdout).unwrap_or("no summary line")
        )));
    }
    time_runs(runs, || xtask.run(&arguments, Some(out))).map(Ok)
}

/// The count at the start of `xtask corpus`'s last line: "N of M models generated".
fn corpus_summary(stdout: &str) -> Option<&str> {
    let last = stdout
        .lines()
        .rev()
        .find(|l| l.contains(" models generated"))?;
    Some(last.split(" (").next().unwrap_or(last))
}

/// The AWS JSON corpus with the baseline's xtask and this tree's, alternating run by run.
fn side_by_side(
    current: &Xtask,
    baseline: &Path,
    scratch: &Path,
    runs: usize,
) -> Result<(), String> {
    let baseline = std::path::absolute(baseline)
        .map_err(|e| format!("--baseline {}: {e}", baseline.display()))?;
    if !baseline.join("model/sources.json").is_file() {
        return Err(format!(
            "--baseline {}: not a checkout of this repository (no model/sources.json)",
            baseline.display()
        ));
    }
    let base = build("baseline", &baseline, scratch)?;
    println!(
        "### AWS JSON corpus, baseline ({}) and current, {runs} runs each, alternating\n",
        baseline.display()
    );
    let mut timed: [Vec<Timed>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..runs {
        for (xtask, times) in [&base, current].into_iter().zip(timed.iter_mut()) {
            let out = scratch.join(format!("codegen-corpus-{}", xtask.label));
            times.extend(time_runs(1, || xtask.run(&["corpus"], Some(&out)))?);
        }
    }
    print_header();
    print_timing("baseline", &timed[0]);
    print_timing("current", &timed[1]);
    let user = |i: usize| median_ms(timed[i].iter().map(|t| t.user));
    let wall = |i: usize| median_ms(timed[i].iter().map(|t| t.wall));
    println!(
        "\ncurrent/baseline: user CPU {:.2}, wall {:.2}\n",
        user(1) / user(0),
        wall(1) / wall(0)
    );
    Ok(())
}

fn print_header() {
    println!("| run | runs | median wall ms | min | max | median user CPU ms | median user+sys CPU ms | wall of each run ms | load before each run |");
    println!("|---|---:|---:|---:|---:|---:|---:|---|---|");
}

fn print_timing(label: &str, times: &[Timed]) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let walls: Vec<f64> = times.iter().map(|t| ms(t.wall)).collect();
    let min = walls.iter().copied().fold(f64::INFINITY, f64::min);
    let max = walls.iter().copied().fold(0.0, f64::max);
    let all: Vec<String> = walls.iter().map(|w| format!("{w:.0}")).collect();
    let loads: Vec<String> = times.iter().map(|t| format!("{:.1}", t.load)).collect();
    println!(
        "| {label} | {} | {:.0} | {min:.0} | {max:.0} | {:.0} | {:.0} | {} | {} |",
        times.len(),
        median_ms(times.iter().map(|t| t.wall)),
        median_ms(times.iter().map(|t| t.user)),
        median_ms(times.iter().map(|t| t.user + t.system)),
        all.join(", "),
        loads.join(", ")
    );
}

#[cfg(test)]
mod tests {
    use super::corpus_summary;

    #[test]
    fn the_summary_is_the_count_of_the_last_line() {
        let stdout = "FAIL  a.json  protocol\nok    b.json   3 ops   1.0 ms\n\
                      1 of 2 models generated (3 operations; generating took 0.1 s)\n";
        assert_eq!(corpus_summary(stdout), Some("1 of 2 models generated"));
        assert_eq!(corpus_summary("error: no model matches --only\n"), None);
    }
}
