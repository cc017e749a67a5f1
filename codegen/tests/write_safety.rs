//! The writer owns only what it wrote: hand-written files, other generated crates (also behind
//! symlinks) and symlink loops in `--out` are left alone, and a refusal writes nothing.
use codegen::emit::{GeneratedFile, HEADER};
use codegen::write::{sync, MANIFEST, TEXT_HEADER};
use std::path::{Path, PathBuf};

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path = std::env::temp_dir().join(format!(
            "lean-smithy-write-{name}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // remove_dir_all removes symlinks themselves, never what they point at.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rust(path: &str, body: &str) -> GeneratedFile {
    GeneratedFile {
        path: path.into(),
        contents: format!("{HEADER}\n{body}\n"),
    }
}

fn toml(path: &str, body: &str) -> GeneratedFile {
    GeneratedFile {
        path: path.into(),
        contents: format!("{TEXT_HEADER}\n{body}\n"),
    }
}

/// A small crate as the emitter would produce it.
fn crate_files(name: &str) -> Vec<GeneratedFile> {
    vec![
        toml("Cargo.toml", &format!("[package]\nname = \"{name}\"")),
        rust("src/lib.rs", "pub mod operation;"),
        rust("src/operation/mod.rs", "pub mod get_thing;"),
        rust("src/operation/get_thing.rs", "//! GetThing"),
    ]
}

fn put(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Every file below `dir`, relative, without following symlinks.
fn listing(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                dirs.push(entry.path());
            } else {
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .display()
                    .to_string();
                found.push(rel);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn hand_written_lib_rs_and_cargo_toml_are_kept_and_named() {
    let dir = TempDir::new("handwritten");
    let cargo = "[package]\nname = \"my-app\"\n";
    let lib = "//! My own crate.\npub fn hello() {}\n";
    put(&dir.0.join("Cargo.toml"), cargo);
    put(&dir.0.join("src/lib.rs"), lib);

    let error = sync(&dir.0, &crate_files("x"), false).unwrap_err();

    let message = error.to_string();
    for name in ["Cargo.toml", "src/lib.rs"] {
        let path = dir.0.join(name).display().to_string();
        assert!(message.contains(&path), "{path} not named in: {message}");
    }
    assert!(message.contains("was not generated"), "{message}");
    assert!(message.contains("choose another --out"), "{message}");
    assert!(message.contains("Nothing was written"), "{message}");
    assert_eq!(read(&dir.0.join("Cargo.toml")), cargo);
    assert_eq!(read(&dir.0.join("src/lib.rs")), lib);
    assert_eq!(listing(&dir.0), ["Cargo.toml", "src/lib.rs"]);
}

#[test]
fn check_mode_reports_the_same_refusal() {
    let dir = TempDir::new("check-refusal");
    put(&dir.0.join("src/lib.rs"), "fn mine() {}\n");
    let error = sync(&dir.0, &crate_files("x"), true).unwrap_err();
    assert!(error.to_string().contains("src/lib.rs"), "{error}");
    assert_eq!(listing(&dir.0), ["src/lib.rs"]);
}

#[test]
fn another_generated_crate_in_a_subfolder_survives() {
    let dir = TempDir::new("neighbour");
    let other = dir.0.join("other");
    sync(&other, &crate_files("other"), false).unwrap();
    // Also one below a folder we write into, and one without a manifest of its own.
    let nested = dir.0.join("src/vendored");
    sync(&nested, &crate_files("nested"), false).unwrap();
    std::fs::remove_file(nested.join(MANIFEST)).unwrap();
    let before = listing(&dir.0);

    sync(&dir.0, &crate_files("mine"), false).unwrap();
    // A second run with one file fewer removes only our own stale file.
    let fewer = &crate_files("mine")[..3];
    let report = sync(&dir.0, fewer, false).unwrap();

    assert_eq!(report.removed, [dir.0.join("src/operation/get_thing.rs")]);
    let after = listing(&dir.0);
    for file in &before {
        assert!(
            after.contains(file),
            "{file} of the other crate was removed"
        );
    }
    assert!(read(&other.join("Cargo.toml")).contains("\"other\""));
}

#[cfg(unix)]
#[test]
fn a_generated_crate_behind_a_symlink_survives() {
    let dir = TempDir::new("behind-symlink");
    let other = TempDir::new("behind-symlink-target");
    sync(&other.0, &crate_files("other"), false).unwrap();
    std::fs::remove_file(other.0.join(MANIFEST)).unwrap();
    let out = dir.0.join("out");
    std::fs::create_dir_all(out.join("src/operation")).unwrap();
    std::os::unix::fs::symlink(&other.0, out.join("linked-crate")).unwrap();
    std::os::unix::fs::symlink(&other.0, out.join("src/operation/linked")).unwrap();
    std::os::unix::fs::symlink(
        other.0.join("src/operation/get_thing.rs"),
        out.join("src/operation/old_thing.rs"),
    )
    .unwrap();
    let before = listing(&other.0);

    sync(&out, &crate_files("mine"), false).unwrap();

    assert_eq!(listing(&other.0), before);
    assert!(std::fs::symlink_metadata(out.join("src/operation/old_thing.rs")).is_ok());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_matter() {
    let dir = TempDir::new("loop");
    std::fs::create_dir_all(dir.0.join("src")).unwrap();
    std::os::unix::fs::symlink(".", dir.0.join("self")).unwrap();
    std::os::unix::fs::symlink("..", dir.0.join("src/up")).unwrap();
    let files = crate_files("mine");

    sync(&dir.0, &files, false).unwrap();
    let second = sync(&dir.0, &files, false).unwrap();

    assert!(second.is_clean(), "{second:?}");
    for file in &files {
        assert_eq!(read(&dir.0.join(&file.path)), file.contents);
    }
}

#[test]
fn src_as_a_file_leaves_nothing_written() {
    let dir = TempDir::new("src-file");
    put(&dir.0.join("src"), "not a folder\n");

    let error = sync(&dir.0, &crate_files("x"), false).unwrap_err();

    let message = error.to_string();
    assert!(
        message.contains(&format!("{}: is a file", dir.0.join("src").display())),
        "{message}"
    );
    assert_eq!(listing(&dir.0), ["src"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_at_a_target_path_is_refused() {
    let dir = TempDir::new("target-symlink");
    let victim = dir.0.join("victim.rs");
    let victim_text = format!("{HEADER}\n// someone else's file\n");
    put(&victim, &victim_text);
    let out = dir.0.join("out");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("src/lib.rs")).unwrap();

    let error = sync(&out, &crate_files("x"), false).unwrap_err();

    assert!(
        error.to_string().contains(&format!(
            "{}: is a symlink",
            out.join("src/lib.rs").display()
        )),
        "{error}"
    );
    assert_eq!(read(&victim), victim_text);
    assert!(!out.join("Cargo.toml").exists());
}

#[test]
fn two_files_at_one_path_are_refused_naming_both() {
    let dir = TempDir::new("duplicate");
    let mut files = crate_files("x");
    files.push(rust("src/operation/get_thing.rs", "//! Get_Thing"));

    let error = sync(&dir.0, &files, false).unwrap_err();

    let message = error.to_string();
    assert!(
        message.contains("two generated files at one path"),
        "{message}"
    );
    assert!(message.contains("src/operation/get_thing.rs"), "{message}");
    assert!(message.contains("//! GetThing") && message.contains("//! Get_Thing"));
    assert_eq!(listing(&dir.0), Vec::<String>::new());
}

#[test]
fn stale_files_are_only_those_the_manifest_lists() {
    let dir = TempDir::new("manifest");
    let mut files = crate_files("x");
    files.push(rust("src/operation/old_thing.rs", "//! OldThing"));
    sync(&dir.0, &files, false).unwrap();
    assert!(read(&dir.0.join(MANIFEST)).starts_with(TEXT_HEADER));
    // A generated-looking file we did not write, and a manifest entry leading outside.
    let foreign = format!("{HEADER}\n// copied in by hand\n");
    put(&dir.0.join("src/operation/keep.rs"), &foreign);
    let outside = TempDir::new("manifest-outside");
    put(&outside.0.join("victim.rs"), &foreign);
    let manifest = read(&dir.0.join(MANIFEST));
    let escape = format!(
        "../{}/victim.rs\n",
        outside.0.file_name().unwrap().to_str().unwrap()
    );
    put(&dir.0.join(MANIFEST), &format!("{manifest}{escape}"));

    let report = sync(&dir.0, &crate_files("x"), false).unwrap();

    assert_eq!(report.removed, [dir.0.join("src/operation/old_thing.rs")]);
    assert_eq!(read(&dir.0.join("src/operation/keep.rs")), foreign);
    assert_eq!(read(&outside.0.join("victim.rs")), foreign);
}

/// Every file the emitter writes starts with a header the writer recognizes, or the next run
/// would refuse to overwrite the crate it wrote itself.
#[test]
fn a_second_run_over_an_emitted_crate_succeeds() {
    let dir = TempDir::new("second-run");
    let model_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/test-models/everything.json");
    let model = std::fs::read_to_string(&model_path).unwrap();
    let files = codegen::generate(&model, "everything.json", "{}", &Default::default()).unwrap();
    for file in &files {
        assert!(
            codegen::write::is_generated_text(&file.contents),
            "{} has no generated header",
            file.path
        );
    }
    let mut changed = files.clone();
    for file in &mut changed {
        file.contents.push_str("// changed\n");
    }

    sync(&dir.0, &files, false).unwrap();
    let report = sync(&dir.0, &changed, false).unwrap();

    // Every file rewritten; the manifest lists the same paths, so it stays.
    assert_eq!(report.changed.len(), files.len());
    assert_eq!(report.unchanged, 1);
}
