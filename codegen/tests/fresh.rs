//! The committed generated/ must equal a fresh run: the same check as `cargo xtask codegen --check`.
mod common;

#[test]
fn committed_generated_crate_is_fresh() {
    let out = common::root().join("generated");
    let report = codegen::write::sync(&out, common::cognito_files(), true).unwrap();
    assert!(
        report.is_clean(),
        "generated/ is stale; run `cargo xtask codegen`. Differs: {:?}, would remove: {:?}",
        report.changed,
        report.removed
    );
}
