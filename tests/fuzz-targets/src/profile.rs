//! Profile and credentials file parsing.
use runtime::profile::{parse, FileKind};

/// Input: a byte picking the file kind, then the file's text.
pub fn run(data: &[u8]) {
    let [kind, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = match kind % 2 {
        0 => FileKind::Config,
        _ => FileKind::Credentials,
    };
    match parse(text, kind, "fuzz") {
        Ok(set) => {
            for name in set.names() {
                let profile = set.get(name).expect("a listed profile is found");
                for property in profile.property_names() {
                    assert!(
                        profile.get(property).is_some(),
                        "listed property {property:?}"
                    );
                }
            }
        }
        Err(e) => assert!(!e.message().is_empty(), "an error says what"),
    }
}
