//! The model in place is the one model/sources.json records; when it is not, the failure says
//! which command takes it. (The other tests generate from whatever model is in place.)
mod common;

use codegen::sources::{Source, Sources};

#[test]
fn the_model_in_place_is_the_recorded_one() {
    let root = common::root();
    let sources = Sources::read(&root).unwrap();
    for source in [&sources.model, &sources.partitions] {
        let path = source.locate(&root).unwrap();
        if let Err(message) = source.read_checked(&path) {
            panic!("{message}");
        }
    }
}

#[test]
fn a_changed_model_names_the_update_command() {
    let path = std::env::temp_dir().join(format!(
        "lean-smithy-changed-model-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, "{\"smithy\": \"2.0\", \"shapes\": {}}").unwrap();
    let source = Source {
        file: "changed.json".into(),
        sha256: "0".repeat(64),
        source: "https://example.com/changed.json".into(),
    };

    let message = source.read_checked(&path).unwrap_err();
    std::fs::remove_file(&path).unwrap();

    assert!(
        message.contains("but model/sources.json records"),
        "{message}"
    );
    let command = format!("cargo xtask model update {}", path.display());
    assert!(message.contains(&command), "{message}");
}
