//! restJson1 clients (generated from `../shared` at test time) called end to end against moto,
//! one test per scenario:
//! - EventBridge Scheduler: create, read back, typed errors, pagination, delete
//!   (`runner/scheduler.rs`);
//! - the EBS direct APIs: `@streaming` blocks uploaded from a file and from a stream of chunks,
//!   listed, downloaded chunk by chunk and compared with what was uploaded (`runner/ebs.rs`).
//!
//! Nothing is skipped: while the generator cannot generate a client, or leaves out one of its
//! operations, its test fails saying so.
use moto_rest_json::{build_runner, run_runner, Paths, Scenario, EBS, SCHEDULER};
use std::path::Path;
use tests::moto::MotoServer;

/// The Scheduler runner's steps, in order; each prints `ok <step>` when it held.
const SCHEDULER_STEPS: [&str; 8] = [
    "create_schedule_group",
    "create_schedules",
    "get_schedule_round_trip",
    "get_missing_is_typed",
    "create_conflict_is_typed",
    "paginator_pages",
    "paginator_items",
    "delete_schedule",
];

/// The EBS runner's steps, in order.
const EBS_STEPS: [&str; 8] = [
    "start_snapshot",
    "put_block_from_file",
    "put_block_from_stream",
    "list_snapshot_blocks",
    "get_block_chunk_by_chunk",
    "get_block_collected",
    "get_missing_block_is_an_error",
    "complete_snapshot",
];

fn repository() -> &'static Path {
    // tests/moto-rest-json -> the repository.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate sits two folders below the repository")
}

/// Builds the scenario's runner, runs it against a fresh moto and checks it ran every step.
fn run_against_moto(scenario: &Scenario, steps: &[&str]) {
    let paths = Paths::new(repository());
    let binary = build_runner(scenario, &paths).unwrap_or_else(|e| panic!("{e}"));
    let moto = MotoServer::start().unwrap_or_else(|e| panic!("cannot start moto: {e}"));
    let printed = run_runner(scenario, &binary, &moto.endpoint_url(), &paths)
        .unwrap_or_else(|e| panic!("{e}\nmoto's last requests:\n{}", moto.log_tail()));
    let want: Vec<String> = steps.iter().map(|s| format!("ok {s}")).collect();
    let got: Vec<&str> = printed.lines().collect();
    assert_eq!(got, want, "the runner did not run every step");
}

#[test]
fn scheduler_against_moto() {
    run_against_moto(&SCHEDULER, &SCHEDULER_STEPS);
}

#[test]
fn ebs_streaming_against_moto() {
    run_against_moto(&EBS, &EBS_STEPS);
}
