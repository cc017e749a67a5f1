//! Model loading and resolving, and emitting what resolves when the model is small.
use codegen::emit::{emit, CrateData};
use codegen::model::Model;
use codegen::resolve::{resolve, Options};

/// Models up to this size are also emitted (emitting is the slow stage).
const EMIT_LIMIT: usize = 4096;

/// A `partitions.json` with nothing in it: emit copies it into the crate as data.
const PARTITIONS: &str = r#"{"partitions":[],"version":"1.1"}"#;

/// Input: the model's text.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let model = match Model::parse(text, "fuzz.json") {
        Ok(model) => model,
        Err(e) => return assert!(!e.to_string().is_empty(), "an error says what"),
    };
    let service = match resolve(&model, &Options::default()) {
        Ok(service) => service,
        Err(e) => return assert!(!e.to_string().is_empty(), "an error says what"),
    };
    if text.len() <= EMIT_LIMIT {
        let _ = emit(
            &service,
            CrateData {
                partitions: PARTITIONS,
            },
        );
    }
}
