//! The `cargo xtask` binary as a user runs it: relative paths, and taking a new model on a
//! temporary copy of the repository (our small test model stands in for Cognito to keep it cheap).
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path = std::env::temp_dir().join(format!(
            "lean-smithy-xtask-{name}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn xtask(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn succeed(cwd: &Path, args: &[&str]) -> String {
    let out = xtask(cwd, args);
    assert!(
        out.status.success(),
        "xtask {args:?} failed:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn sha256(path: &Path) -> String {
    codegen::sources::sha256_hex(&std::fs::read(path).unwrap())
}

fn changes_model(name: &str) -> PathBuf {
    repository().join("model/test-models/changes").join(name)
}

#[test]
fn a_relative_out_is_relative_to_the_current_directory() {
    let cwd = TempDir::new("relative-out");
    let model = repository().join("model/test-models/prelude.json");

    succeed(
        &cwd.0,
        &[
            "codegen",
            "--model",
            model.to_str().unwrap(),
            "--out",
            "rel/crate",
        ],
    );

    assert!(cwd.0.join("rel/crate/Cargo.toml").is_file());
    assert!(!repository().join("rel").exists());
}

/// A repository with only what `cargo xtask` reads: model/sources.json, the model, partitions.
fn repository_copy(name: &str) -> TempDir {
    let repo = TempDir::new(name);
    let model_dir = repo.0.join("model");
    std::fs::create_dir_all(&model_dir).unwrap();
    std::fs::copy(changes_model("old.json"), model_dir.join("shop.json")).unwrap();
    let partitions = repository().join("../shared/models/partitions.json");
    std::fs::copy(&partitions, model_dir.join("partitions.json")).unwrap();
    let sources = serde_json::json!({
        "model": {
            "file": "shop.json",
            "sha256": sha256(&changes_model("old.json")),
            "source": "model/test-models/changes/old.json"
        },
        "partitions": {
            "file": "partitions.json",
            "sha256": sha256(&partitions),
            "source": "botocore"
        }
    });
    std::fs::write(
        model_dir.join("sources.json"),
        serde_json::to_string_pretty(&sources).unwrap(),
    )
    .unwrap();
    repo
}

#[test]
fn model_update_takes_a_new_model_and_prints_what_changed() {
    let repo = repository_copy("update");
    let first = succeed(&repo.0, &["codegen"]);
    assert!(!first.contains("API changes"), "{first}");
    // The user places the new model where the old one was, as issue 11 describes.
    let placed = repo.0.join("model/shop.json");
    std::fs::copy(changes_model("new.json"), &placed).unwrap();

    let refused = xtask(&repo.0, &["codegen"]);
    assert!(!refused.status.success());
    let message = text(&refused.stderr);
    assert!(
        message.contains(&format!("cargo xtask model update {}", placed.display())),
        "{message}"
    );

    let printed = succeed(
        &repo.0,
        &[
            "model",
            "update",
            "model/shop.json",
            "--source",
            "https://example.com/shop-v2.json",
            "--changes-file",
            "CHANGES.txt",
        ],
    );

    assert!(
        printed.contains("API changes: 8 breaking, 5 additive, 4 documentation-only."),
        "{printed}"
    );
    assert!(
        printed.contains("  - member added: GetItemInput.note (String (optional))"),
        "{printed}"
    );
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.0.join("model/sources.json")).unwrap())
            .unwrap();
    assert_eq!(
        recorded["model"]["sha256"],
        sha256(&changes_model("new.json"))
    );
    assert_eq!(
        recorded["model"]["source"],
        "https://example.com/shop-v2.json"
    );
    assert_eq!(recorded["partitions"]["source"], "botocore");
    let api = std::fs::read_to_string(repo.0.join("generated/API.txt")).unwrap();
    assert!(api.contains("\nmember GetItemInput.note: String (optional)\n"));
    assert!(repo
        .0
        .join("generated/src/operation/create_item.rs")
        .is_file());
    assert!(!repo
        .0
        .join("generated/src/operation/delete_item.rs")
        .exists());
    let changes = std::fs::read_to_string(repo.0.join("CHANGES.txt")).unwrap();
    assert!(changes.starts_with("API changes: 8 breaking"), "{changes}");

    // Now the recorded model and generated/ agree: nothing more to do.
    let again = succeed(&repo.0, &["codegen", "--check"]);
    assert!(again.contains("is up to date"), "{again}");
}

#[test]
fn model_update_refuses_another_service_and_changes_nothing() {
    let repo = repository_copy("other-service");
    succeed(&repo.0, &["codegen"]);
    let sources_before = std::fs::read_to_string(repo.0.join("model/sources.json")).unwrap();
    let other = repository().join("model/test-models/prelude.json");

    let out = xtask(&repo.0, &["model", "update", other.to_str().unwrap()]);

    assert!(!out.status.success());
    let message = text(&out.stderr);
    assert!(
        message.contains("is a model of service example.prelude#Prelude")
            && message.contains("example.changes#Shop"),
        "{message}"
    );
    let sources_after = std::fs::read_to_string(repo.0.join("model/sources.json")).unwrap();
    assert_eq!(sources_after, sources_before);
    assert_eq!(
        sha256(&repo.0.join("model/shop.json")),
        sha256(&changes_model("old.json"))
    );
}

#[test]
fn model_update_refuses_a_file_that_is_not_a_smithy_model() {
    let repo = repository_copy("not-smithy");
    let junk = repo.0.join("junk.json");
    std::fs::write(&junk, "{\"openapi\": \"3.0.0\"}").unwrap();

    let out = xtask(&repo.0, &["model", "update", "junk.json"]);

    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("Smithy JSON AST"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn model_update_that_cannot_write_generated_records_nothing() {
    let repo = repository_copy("blocked");
    succeed(&repo.0, &["codegen"]);
    let mine = "//! Edited by hand.\n";
    std::fs::write(repo.0.join("generated/src/lib.rs"), mine).unwrap();
    let sources_before = std::fs::read_to_string(repo.0.join("model/sources.json")).unwrap();
    let new = changes_model("new.json");

    let out = xtask(&repo.0, &["model", "update", new.to_str().unwrap()]);

    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("src/lib.rs"),
        "{}",
        text(&out.stderr)
    );
    let sources_after = std::fs::read_to_string(repo.0.join("model/sources.json")).unwrap();
    assert_eq!(sources_after, sources_before);
    assert_eq!(
        sha256(&repo.0.join("model/shop.json")),
        sha256(&changes_model("old.json"))
    );
    assert_eq!(
        std::fs::read_to_string(repo.0.join("generated/src/lib.rs")).unwrap(),
        mine
    );
}
