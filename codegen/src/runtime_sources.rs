//! The runtime's sources, compiled into the generator so every emitted crate carries them.
//! A test checks this list against the files on disk and the modules they declare.

/// The runtime's Cargo.toml: its `[dependencies]` and `[features]` become the emitted crate's.
pub const RUNTIME_CARGO_TOML: &str = include_str!("../runtime/Cargo.toml");

/// Each runtime file by its path under `runtime/src/`; `lib.rs` becomes `runtime/mod.rs`.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("lib.rs", include_str!("../runtime/src/lib.rs")),
    ("client.rs", include_str!("../runtime/src/client.rs")),
    (
        "compression.rs",
        include_str!("../runtime/src/compression.rs"),
    ),
    ("config.rs", include_str!("../runtime/src/config.rs")),
    (
        "correction.rs",
        include_str!("../runtime/src/correction.rs"),
    ),
    (
        "credentials.rs",
        include_str!("../runtime/src/credentials.rs"),
    ),
    (
        "endpoint/mod.rs",
        include_str!("../runtime/src/endpoint/mod.rs"),
    ),
    (
        "endpoint/ast.rs",
        include_str!("../runtime/src/endpoint/ast.rs"),
    ),
    (
        "endpoint/eval.rs",
        include_str!("../runtime/src/endpoint/eval.rs"),
    ),
    (
        "endpoint/fns.rs",
        include_str!("../runtime/src/endpoint/fns.rs"),
    ),
    (
        "endpoint/parse.rs",
        include_str!("../runtime/src/endpoint/parse.rs"),
    ),
    (
        "endpoint/pattern.rs",
        include_str!("../runtime/src/endpoint/pattern.rs"),
    ),
    ("error.rs", include_str!("../runtime/src/error.rs")),
    (
        "error_macros.rs",
        include_str!("../runtime/src/error_macros.rs"),
    ),
    (
        "header_text.rs",
        include_str!("../runtime/src/header_text.rs"),
    ),
    (
        "idempotency.rs",
        include_str!("../runtime/src/idempotency.rs"),
    ),
    ("jmespath.rs", include_str!("../runtime/src/jmespath.rs")),
    ("mock.rs", include_str!("../runtime/src/mock.rs")),
    ("operation.rs", include_str!("../runtime/src/operation.rs")),
    ("paginator.rs", include_str!("../runtime/src/paginator.rs")),
    ("profile.rs", include_str!("../runtime/src/profile.rs")),
    (
        "protocol/mod.rs",
        include_str!("../runtime/src/protocol/mod.rs"),
    ),
    (
        "protocol/aws_json.rs",
        include_str!("../runtime/src/protocol/aws_json.rs"),
    ),
    (
        "protocol/rest_json.rs",
        include_str!("../runtime/src/protocol/rest_json.rs"),
    ),
    (
        "protocol/rest_json/headers.rs",
        include_str!("../runtime/src/protocol/rest_json/headers.rs"),
    ),
    (
        "protocol/rest_json/md5.rs",
        include_str!("../runtime/src/protocol/rest_json/md5.rs"),
    ),
    (
        "protocol/rest_json/payload.rs",
        include_str!("../runtime/src/protocol/rest_json/payload.rs"),
    ),
    (
        "protocol/rest_json/request.rs",
        include_str!("../runtime/src/protocol/rest_json/request.rs"),
    ),
    (
        "protocol/rest_json/response.rs",
        include_str!("../runtime/src/protocol/rest_json/response.rs"),
    ),
    (
        "protocol/rest_json/text.rs",
        include_str!("../runtime/src/protocol/rest_json/text.rs"),
    ),
    (
        "protocol/rest_json/uri.rs",
        include_str!("../runtime/src/protocol/rest_json/uri.rs"),
    ),
    ("region.rs", include_str!("../runtime/src/region.rs")),
    ("retry.rs", include_str!("../runtime/src/retry.rs")),
    ("shape.rs", include_str!("../runtime/src/shape.rs")),
    ("sigv4.rs", include_str!("../runtime/src/sigv4.rs")),
    ("stream.rs", include_str!("../runtime/src/stream.rs")),
    ("target.rs", include_str!("../runtime/src/target.rs")),
    ("transport.rs", include_str!("../runtime/src/transport.rs")),
    ("types.rs", include_str!("../runtime/src/types.rs")),
    ("waiter.rs", include_str!("../runtime/src/waiter.rs")),
];

#[cfg(test)]
/// The file of the runtime module `name` declared in the file at `parent` (`mod ast;` in
/// `endpoint/mod.rs` is `endpoint/ast.rs`), or in its directory form (`endpoint/mod.rs`).
fn module_paths(parent: &str, name: &str) -> [String; 2] {
    let dir = match parent.rsplit_once('/') {
        Some((dir, "mod.rs")) => format!("{dir}/"),
        Some((dir, file)) => format!("{dir}/{}/", file.trim_end_matches(".rs")),
        None if parent == "lib.rs" => String::new(),
        None => format!("{}/", parent.trim_end_matches(".rs")),
    };
    [format!("{dir}{name}.rs"), format!("{dir}{name}/mod.rs")]
}

#[cfg(test)]
/// The modules a runtime file declares with `mod name;` (any visibility, `#[cfg]`s aside).
fn declared_modules(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        let line = line.trim_start();
        let rest = line
            .strip_prefix("pub(crate) ")
            .or_else(|| line.strip_prefix("pub "));
        rest.unwrap_or(line).strip_prefix("mod ")?.strip_suffix(';')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn rust_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            if entry.file_type().unwrap().is_dir() {
                rust_files(&entry.path(), &format!("{prefix}{name}/"), out);
            } else {
                out.push(format!("{prefix}{name}"));
            }
        }
    }

    #[test]
    fn every_runtime_module_is_embedded() {
        let mut on_disk = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime/src");
        rust_files(Path::new(root), "", &mut on_disk);
        on_disk.sort();
        let mut embedded: Vec<String> = RUNTIME_FILES.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(
            on_disk, embedded,
            "a runtime file is on disk but not embedded, or gone"
        );
        let mut declared = vec!["lib.rs".to_string()];
        for (path, text) in RUNTIME_FILES {
            for name in declared_modules(text) {
                let found = module_paths(path, name)
                    .into_iter()
                    .find(|candidate| embedded.contains(candidate));
                declared.push(found.unwrap_or_else(|| {
                    panic!("{path} declares `mod {name};`, which is not embedded")
                }));
            }
        }
        declared.sort();
        assert_eq!(
            declared, embedded,
            "every embedded file is declared exactly once"
        );
    }
}
