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
use std::path::{Path, PathBuf};
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
const EBS_STEPS: [&str; 10] = [
    "start_snapshot",
    "wrong_secret_is_refused",
    "put_block_from_file",
    "put_block_from_stream",
    "put_block_from_bytes",
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

/// Where the moto the runner calls checks signatures: the key's environment variables, read by
/// the EBS runner.
const KEY_ID_VAR: &str = "MOTO_ACCESS_KEY_ID";
const SECRET_VAR: &str = "MOTO_SECRET_ACCESS_KEY";

/// Builds the scenario's runner, runs it against `moto` (with `env` added to its environment)
/// and checks it ran every step.
fn run_against(
    scenario: &Scenario,
    steps: &[&str],
    moto: &MotoServer,
    env: &[(&str, &str)],
    binary: &Path,
) {
    let paths = Paths::new(repository());
    let printed = run_runner(scenario, binary, &moto.endpoint_url(), env, &paths)
        .unwrap_or_else(|e| panic!("{e}\nmoto's last requests:\n{}", moto.log_tail()));
    let want: Vec<String> = steps.iter().map(|s| format!("ok {s}")).collect();
    let got: Vec<&str> = printed.lines().collect();
    assert_eq!(got, want, "the runner did not run every step");
}

fn build(scenario: &Scenario) -> PathBuf {
    build_runner(scenario, &Paths::new(repository())).unwrap_or_else(|e| panic!("{e}"))
}

fn start_moto() -> MotoServer {
    MotoServer::start().unwrap_or_else(|e| panic!("cannot start moto: {e}"))
}

#[test]
fn scheduler_against_moto() {
    let binary = build(&SCHEDULER);
    run_against(&SCHEDULER, &SCHEDULER_STEPS, &start_moto(), &[], &binary);
}

/// In moto's IAM mode: every request must carry a SigV4 signature moto (botocore's signer)
/// recomputes, so the streamed uploads' `UNSIGNED-PAYLOAD` signing is checked too (until the
/// runner turns the checks off for the GETs, which moto's check cannot verify).
#[test]
fn ebs_streaming_against_moto() {
    let binary = build(&EBS);
    let moto = start_moto();
    let (key_id, secret) = iam_mode(&moto, "ebs-streaming", "ebs:*");
    let env = [(KEY_ID_VAR, key_id.as_str()), (SECRET_VAR, secret.as_str())];
    run_against(&EBS, &EBS_STEPS, &moto, &env, &binary);
}

/// Creates an IAM user allowed `action` and turns moto's IAM checks on; returns its key's id
/// and secret.
fn iam_mode(moto: &MotoServer, user: &str, action: &str) -> (String, String) {
    let statement = format!(r#"{{"Effect":"Allow","Action":"{action}","Resource":"*"}}"#);
    let policy = format!(r#"{{"Version":"2012-10-17","Statement":[{statement}]}}"#);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let key = moto
            .create_iam_user(user, &policy)
            .await
            .unwrap_or_else(|e| panic!("IAM setup: {e}"));
        moto.enable_iam_auth()
            .await
            .unwrap_or_else(|e| panic!("IAM auth: {e}"));
        let id = key.access_key_id().to_string();
        (id, key.secret_access_key().to_string())
    })
}
