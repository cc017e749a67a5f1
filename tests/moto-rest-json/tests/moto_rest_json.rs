//! A restJson1 client (EventBridge Scheduler, generated from `../shared` at test time) called end
//! to end against moto: create, read back, typed errors, pagination, delete (`runner/main.rs`).
//!
//! Nothing is skipped: while the generator cannot generate the client, or leaves out one of its
//! operations, this test fails saying so.
use moto_rest_json::{build_runner, run_runner, Paths};
use std::path::Path;
use tests::moto::MotoServer;

/// The runner's steps, in order; each prints `ok <step>` when it held.
const STEPS: [&str; 8] = [
    "create_schedule_group",
    "create_schedules",
    "get_schedule_round_trip",
    "get_missing_is_typed",
    "create_conflict_is_typed",
    "paginator_pages",
    "paginator_items",
    "delete_schedule",
];

fn repository() -> &'static Path {
    // tests/moto-rest-json -> the repository.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate sits two folders below the repository")
}

#[test]
fn scheduler_against_moto() {
    let paths = Paths::new(repository());
    let binary = build_runner(&paths).unwrap_or_else(|e| panic!("{e}"));
    let moto = MotoServer::start().unwrap_or_else(|e| panic!("cannot start moto: {e}"));
    let printed = run_runner(&binary, &moto.endpoint_url(), &paths)
        .unwrap_or_else(|e| panic!("{e}\nmoto's last requests:\n{}", moto.log_tail()));
    let want: Vec<String> = STEPS.iter().map(|s| format!("ok {s}")).collect();
    let got: Vec<&str> = printed.lines().collect();
    assert_eq!(got, want, "the runner did not run every step");
}
