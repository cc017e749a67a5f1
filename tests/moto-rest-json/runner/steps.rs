//! What every runner shares: its command line, the tokio runtime, the client settings, and
//! steps that print `ok <step>` or say why they failed. Written next to each runner's
//! `main.rs` as `src/steps.rs` by the moto-rest-json harness (tests/moto-rest-json) from
//! runner/steps.rs. DO NOT EDIT the copy.
//!
//! Every item here is used by every runner: each runner is built on its own, and a warning
//! (such as an unused function) fails the harness.
use client::{Client, Config, Credentials, Error};
use std::fmt::Debug;
use std::future::Future;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

pub const REGION: &str = "us-east-1";
/// Moto's account, with or without IAM.
pub const ACCOUNT: &str = "123456789012";

/// A step's result: why it failed, if it did.
pub type Outcome = Result<(), String>;

/// Runs a runner: `runner <endpoint-url> <scratch-dir>`, the two arguments the harness passes.
/// `start` makes the scenario from them (or says what the environment lacks: exit 2); the
/// scenario runs on a current-thread runtime, and its error, if any, goes to stderr (exit 1).
pub fn main<F>(start: impl FnOnce(String, PathBuf) -> Result<F, String>) -> ExitCode
where
    F: Future<Output = Outcome>,
{
    let mut args = std::env::args().skip(1);
    let (Some(endpoint), Some(scratch)) = (args.next(), args.next()) else {
        eprintln!("usage: runner <endpoint-url> <scratch-dir>");
        return ExitCode::from(2);
    };
    let scenario = match start(endpoint, PathBuf::from(scratch)) {
        Ok(scenario) => scenario,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(scenario) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// A client of `endpoint` in [`REGION`] with `credentials`.
pub fn client(endpoint: &str, credentials: Credentials) -> Client {
    let config = Config::builder()
        .region(REGION)
        .endpoint_url(endpoint)
        .credentials_provider(credentials)
        // One attempt: a retry would hide what moto answered first.
        .max_attempts(1)
        .attempt_timeout(Duration::from_secs(20))
        .operation_timeout(Duration::from_secs(30))
        .build();
    Client::new(config)
}

/// Prints `ok <name>` if the step held; otherwise names it in the error.
pub fn step(name: &str, outcome: Outcome) -> Outcome {
    match outcome {
        Ok(()) => {
            println!("ok {name}");
            Ok(())
        }
        Err(why) => Err(format!("step {name} failed: {why}")),
    }
}

pub fn check_eq<T: PartialEq + Debug + ?Sized>(what: &str, got: &T, want: &T) -> Outcome {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

/// An unexpected failure, with everything the error says.
pub fn failed<E: Debug>(call: &str, error: Error<E>) -> String {
    format!("{call} failed: {error:?}")
}

/// The error of a call that must fail; if it succeeded, what it answered is the failure.
pub fn expect_error<O: Debug, E>(
    call: &str,
    result: Result<O, Error<E>>,
) -> Result<Error<E>, String> {
    match result {
        Ok(output) => Err(format!("{call} answered {output:?}")),
        Err(error) => Ok(error),
    }
}
