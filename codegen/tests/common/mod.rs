//! Generates the Cognito crate once per test binary, from the model model/sources.json records.
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

/// The files a fresh run of the default codegen produces.
pub fn cognito_files() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = root();
        let sources = Sources::read(&root).unwrap();
        let model_path = sources.model.locate(&root).unwrap();
        let model = sources.model.read_checked(&model_path).unwrap();
        let partitions = sources
            .partitions
            .read_checked(&sources.partitions.locate(&root).unwrap())
            .unwrap();
        codegen::generate(&model, "cognito", &partitions, &Default::default()).unwrap()
    })
}

/// One generated file by path.
#[allow(dead_code)] // not every test binary that includes this module uses it
pub fn file(path: &str) -> &'static str {
    &cognito_files()
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not generated"))
        .contents
}
