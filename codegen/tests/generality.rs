//! Nothing in the generator is Cognito-specific: KMS (awsJson1_1) and DynamoDB (awsJson1_0)
//! generate into a temporary directory and the crates pass clippy with warnings denied.
mod common;

use std::path::Path;
use std::process::Command;

fn generate_and_lint(model_file: &str) {
    let root = common::root();
    let model_path = root.join("../shared/models").join(model_file);
    let model = std::fs::read_to_string(&model_path)
        .unwrap_or_else(|e| panic!("{}: {e}", model_path.display()));
    let partitions =
        std::fs::read_to_string(root.join("../shared/models/partitions.json")).unwrap();
    let files = codegen::generate(&model, model_file, &partitions, &Default::default()).unwrap();
    let out = std::env::temp_dir().join(format!(
        "generality-{}-{}",
        std::process::id(),
        model_file.trim_end_matches(".json")
    ));
    codegen::write::sync(&out, &files, false).unwrap();
    lint(&out, &root.join("target/generality"));
    std::fs::remove_dir_all(&out).ok();
}

/// Lints with the default features (what users build: DynamoDB's waiters once needed the
/// `dynamic` feature to compile) and with `dynamic`.
fn lint(crate_dir: &Path, target_dir: &Path) {
    for features in [&[][..], &["--features", "dynamic"][..]] {
        let output = Command::new(env!("CARGO"))
            .args(["clippy", "--quiet"])
            .args(features)
            .args(["--", "-D", "warnings"])
            .current_dir(crate_dir)
            .env("CARGO_TARGET_DIR", target_dir)
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "{} does not pass clippy {features:?}:\n{}",
            crate_dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn kms_generates_and_compiles() {
    generate_and_lint("kms-2014-11-01.json");
}

#[test]
fn dynamodb_generates_and_compiles() {
    generate_and_lint("dynamodb-2012-08-10.json");
}
