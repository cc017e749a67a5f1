//! Generates the Cognito crate once per test binary, from the model model/sources.json records.
//! The model is read without its sha256 check: after a model update the snapshot tests show
//! what changed as insta diffs, and `model_sources.rs` reports the unrecorded model.
use codegen::emit::GeneratedFile;
use codegen::sources::Sources;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The text of the Cognito model in place (model/ or ../shared/models/) and of partitions.json.
#[allow(dead_code)] // not every test binary that includes this module uses it
pub fn inputs() -> (String, String) {
    let root = root();
    let sources = Sources::read(&root).unwrap_or_else(|e| panic!("{e}"));
    let read = |source: &codegen::sources::Source| {
        let path = source.locate(&root).unwrap_or_else(|e| panic!("{e}"));
        source
            .read_unchecked(&path)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    (read(&sources.model), read(&sources.partitions))
}

/// The files a fresh run of the default codegen produces.
#[allow(dead_code)]
pub fn cognito_files() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let (model, partitions) = inputs();
        codegen::generate(&model, "cognito", &partitions, &Default::default())
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

/// One generated file by path.
#[allow(dead_code)]
pub fn file(path: &str) -> &'static str {
    &cognito_files()
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not generated"))
        .contents
}

/// Writes `files` as a crate in a temporary folder, adds `source` as its integration test
/// `test_name`, runs that test with cargo (sharing `target/generality`, so dependencies build
/// once across these tests) and returns cargo's output, the folder removed.
#[allow(dead_code)] // not every test binary that includes this module uses it
pub fn run_test_of_generated_crate(
    files: &[GeneratedFile],
    test_name: &str,
    source: &str,
) -> std::process::Output {
    let out = std::env::temp_dir().join(format!("{test_name}-{}", std::process::id()));
    codegen::write::sync(&out, files, false).unwrap();
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(out.join(format!("tests/{test_name}.rs")), source).unwrap();
    let output = std::process::Command::new(env!("CARGO"))
        .args(["test", "--quiet", "--test", test_name])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", root().join("target/generality"))
        .output()
        .expect("cargo runs");
    std::fs::remove_dir_all(&out).ok();
    output
}
