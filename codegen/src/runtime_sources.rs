//! The runtime's sources, compiled into the generator so every emitted crate carries them.
//! A test checks this list against the runtime's own module list.

/// The runtime's Cargo.toml: its `[dependencies]` and `[features]` become the emitted crate's.
pub const RUNTIME_CARGO_TOML: &str = include_str!("../runtime/Cargo.toml");

/// Each runtime file by name; `lib.rs` becomes `runtime/mod.rs`.
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
    ("endpoint.rs", include_str!("../runtime/src/endpoint.rs")),
    (
        "endpoint_fns.rs",
        include_str!("../runtime/src/endpoint_fns.rs"),
    ),
    ("error.rs", include_str!("../runtime/src/error.rs")),
    (
        "error_macros.rs",
        include_str!("../runtime/src/error_macros.rs"),
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
    ("region.rs", include_str!("../runtime/src/region.rs")),
    ("retry.rs", include_str!("../runtime/src/retry.rs")),
    ("shape.rs", include_str!("../runtime/src/shape.rs")),
    ("sigv4.rs", include_str!("../runtime/src/sigv4.rs")),
    ("transport.rs", include_str!("../runtime/src/transport.rs")),
    ("types.rs", include_str!("../runtime/src/types.rs")),
    ("waiter.rs", include_str!("../runtime/src/waiter.rs")),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_module_is_embedded() {
        let declared: Vec<String> = RUNTIME_FILES[0]
            .1
            .lines()
            .filter_map(|l| l.strip_prefix("pub mod "))
            .map(|m| format!("{}.rs", m.trim_end_matches(';')))
            .collect();
        let embedded: Vec<String> = RUNTIME_FILES[1..]
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        assert_eq!(declared, embedded);
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/runtime/src"))
            .unwrap()
            .count();
        assert_eq!(
            on_disk,
            RUNTIME_FILES.len(),
            "a runtime file is neither declared nor embedded"
        );
    }
}
