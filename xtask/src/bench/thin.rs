//! `cargo xtask bench --only thin --baseline DIR`: the generated crate of another checkout (the
//! baseline, read only) beside this one's, in one run: lines of `generated/src`, clean builds of
//! the crate alone (debug and release, wall and CPU), and whole-model codegen time.
use super::{
    build, fetch, load_average, median_ms, profile_name, remove_dir, status_of, time_runs, Timed,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One checkout being measured.
struct Tree {
    label: &'static str,
    root: PathBuf,
    /// Its committed generated crate, copied into the scratch folder to build it outside the
    /// checkout (the baseline is never written to).
    krate: PathBuf,
    xtask: PathBuf,
}

pub fn run(root: &Path, baseline: &Path, scratch: &Path, runs: usize) -> Result<(), String> {
    println!("## Generated crate: baseline beside this tree\n");
    let baseline = std::path::absolute(baseline)
        .map_err(|e| format!("--baseline {}: {e}", baseline.display()))?;
    if !baseline.join("model/sources.json").is_file() {
        return Err(format!(
            "--baseline {}: not a checkout of this repository (no model/sources.json)",
            baseline.display()
        ));
    }
    println!("baseline: {} ({})", baseline.display(), describe(&baseline));
    println!("current:  {} ({})\n", root.display(), describe(root));
    let trees = [
        prepare("baseline", &baseline, scratch)?,
        prepare("current", root, scratch)?,
    ];
    lines(&trees)?;
    builds(&trees, scratch)?;
    codegen_times(&trees, scratch, runs)
}

/// The checkout's commit, and whether its working tree differs from it.
fn describe(tree: &Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(tree)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "no git".into());
    let dirty =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    if dirty {
        format!("{commit} plus uncommitted changes")
    } else {
        commit
    }
}

/// Builds the tree's xtask in release mode in a target dir of its own, and copies its
/// generated crate into the scratch folder with the tree's Cargo.lock.
fn prepare(label: &'static str, tree: &Path, scratch: &Path) -> Result<Tree, String> {
    let target = scratch.join(format!("target-xtask-{label}"));
    let mut command = Command::new("cargo");
    command
        .args(["build", "--release", "--quiet", "--locked", "-p", "xtask"])
        .arg("--manifest-path")
        .arg(tree.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target);
    status_of(&mut command)?;
    let krate = scratch.join(format!("thin-{label}"));
    remove_dir(&krate)?;
    copy_dir(&tree.join("generated"), &krate)?;
    let lock = krate.join("Cargo.lock");
    std::fs::copy(tree.join("Cargo.lock"), &lock)
        .map_err(|e| format!("copying Cargo.lock to {}: {e}", lock.display()))?;
    // Outside any workspace now; an empty table keeps cargo from looking for one.
    let manifest = krate.join("Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
    Ok(Tree {
        label,
        root: tree.to_path_buf(),
        krate,
        xtask: target.join("release/xtask"),
    })
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", entry.path().display()))?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| format!("copying {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Lines of every file below `src/`, by the first folder under it (`src/` itself for files
/// directly in it).
fn line_counts(krate: &Path) -> Result<BTreeMap<String, usize>, String> {
    let mut counts = BTreeMap::new();
    let mut pending = vec![krate.join("src")];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let relative = path.strip_prefix(krate.join("src")).unwrap_or(&path);
            let group = match relative.components().count() {
                1 => "src/ (top-level files)".to_string(),
                _ => format!(
                    "src/{}/",
                    relative.components().next().map_or_else(String::new, |c| c
                        .as_os_str()
                        .to_string_lossy()
                        .into_owned(),)
                ),
            };
            *counts.entry(group).or_default() += text.lines().count();
        }
    }
    Ok(counts)
}

fn lines(trees: &[Tree; 2]) -> Result<(), String> {
    let [before, after] = [line_counts(&trees[0].krate)?, line_counts(&trees[1].krate)?];
    let mut groups: Vec<&String> = before.keys().chain(after.keys()).collect();
    groups.sort();
    groups.dedup();
    println!("Lines of the generated crate's src/ (committed generated/ of each tree):\n");
    println!("| folder | baseline | current | current/baseline |");
    println!("|---|---:|---:|---:|");
    let row = |label: &str, b: usize, a: usize| {
        println!("| {label} | {b} | {a} | {} |", ratio(a as f64, b as f64));
    };
    for group in groups {
        let count = |m: &BTreeMap<String, usize>| m.get(group).copied().unwrap_or(0);
        row(group, count(&before), count(&after));
    }
    row(
        "**total**",
        before.values().sum(),
        after.values().sum::<usize>(),
    );
    println!();
    Ok(())
}

fn ratio(after: f64, before: f64) -> String {
    if before > 0.0 {
        format!("{:.2}", after / before)
    } else {
        "-".into()
    }
}

/// Clean builds of each crate alone, alternating trees so both see the same load.
fn builds(trees: &[Tree; 2], scratch: &Path) -> Result<(), String> {
    for tree in trees {
        fetch(&tree.krate.join("Cargo.toml"))?;
    }
    println!("Clean `cargo build` of the generated crate alone, fresh target directory each:\n");
    println!("| profile | tree | wall s | CPU s (user+sys, cargo and rustc) | crates compiled | load before |");
    println!("|---|---|---:|---:|---:|---|");
    let mut cpu = BTreeMap::new();
    for release in [false, true] {
        for tree in trees {
            let target = scratch.join(format!(
                "target-thin-{}-{}",
                tree.label,
                profile_name(release)
            ));
            remove_dir(&target)?;
            let figures = build(&tree.krate.join("Cargo.toml"), &target, release)?;
            println!(
                "| {} | {} | {:.1} | {:.1} | {} | {} |",
                profile_name(release),
                tree.label,
                figures.wall.as_secs_f64(),
                figures.cpu.as_secs_f64(),
                figures.compiled,
                figures.load
            );
            cpu.insert((release, tree.label), figures.cpu.as_secs_f64());
            remove_dir(&target)?;
        }
    }
    for release in [false, true] {
        println!(
            "\n{} CPU, current/baseline: {}",
            profile_name(release),
            ratio(cpu[&(release, "current")], cpu[&(release, "baseline")])
        );
    }
    println!();
    Ok(())
}

/// Whole-model codegen with each tree's release binary, alternating run by run.
fn codegen_times(trees: &[Tree; 2], scratch: &Path, runs: usize) -> Result<(), String> {
    println!("Whole Cognito model into an empty directory, each tree's release xtask, {runs} runs each, alternating (load before: {}):\n", load_average());
    let mut timed: [Vec<Timed>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..runs.max(1) {
        for (tree, times) in trees.iter().zip(timed.iter_mut()) {
            let out = scratch.join(format!("thin-codegen-{}", tree.label));
            times.extend(time_runs(1, || {
                remove_dir(&out)?;
                let mut command = Command::new(&tree.xtask);
                command
                    .args(["codegen", "--out"])
                    .arg(&out)
                    .current_dir(&tree.root)
                    .stdout(Stdio::null());
                status_of(&mut command)
            })?);
        }
    }
    println!("| tree | median wall ms | median user CPU ms | median user+sys CPU ms |");
    println!("|---|---:|---:|---:|");
    for (tree, times) in trees.iter().zip(&timed) {
        println!(
            "| {} | {:.0} | {:.0} | {:.0} |",
            tree.label,
            median_ms(times.iter().map(|t| t.wall)),
            median_ms(times.iter().map(|t| t.user)),
            median_ms(times.iter().map(|t| t.user + t.system)),
        );
    }
    let user = |i: usize| median_ms(timed[i].iter().map(|t| t.user));
    println!(
        "\nuser CPU, current/baseline: {}\n",
        ratio(user(1), user(0))
    );
    Ok(())
}
