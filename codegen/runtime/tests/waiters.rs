//! The waiter loop on DynamoDB's real `TableExists` and `TableNotExists` definitions, read
//! from the model, polling DescribeTable against a loopback stub; and the Smithy waiters
//! specification's delay formula.

use runtime::client::Runtime;
use runtime::config::Config;
use runtime::error::{DispatchError, Error, ErrorMetadata, Unhandled};
use runtime::operation::{
    OperationError, OperationOutput, OperationSpec, ResponseMetadata, ServiceSpec,
};
use runtime::retry::RetryConfig;
use runtime::transport::TransportError;
use runtime::waiter::{
    acceptor_state, wait, Acceptor, Backoff, Comparator, FinalPoll, Matcher, PathMatcher, State,
    WaitError, WaitOptions, WaiterSpec,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::time::{Duration, Instant};
use stub_server::{Reply, StubServer};

static DYNAMODB: ServiceSpec = ServiceSpec {
    name: "DynamoDB_20120810",
    sdk_id: "DynamoDB",
    content_type: "application/x-amz-json-1.0",
    signing_name: Some("dynamodb"),
    endpoint_rules: None,
    partitions: "{}",
    crate_version: "0.1.0",
    query_compatible: false,
};

static DESCRIBE_TABLE: OperationSpec = OperationSpec {
    name: "DescribeTable",
    target: "DynamoDB_20120810.DescribeTable",
    signed: false,
    host_prefix: None,
    request_compression: false,
};

#[derive(Debug, Clone, Serialize)]
struct DescribeTableInput {
    #[serde(rename = "TableName")]
    table_name: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct DescribeTableOutput {
    #[serde(rename = "Table", skip_serializing_if = "Option::is_none")]
    table: Option<Value>,
    #[serde(skip)]
    metadata: ResponseMetadata,
}

impl OperationOutput for DescribeTableOutput {
    fn set_metadata(&mut self, metadata: ResponseMetadata) {
        self.metadata = metadata;
    }
}

#[derive(Debug)]
enum DescribeTableError {
    ResourceNotFound(ErrorMetadata),
    Unhandled(Unhandled),
}

impl OperationError for DescribeTableError {
    fn from_response(metadata: ErrorMetadata) -> Self {
        match metadata.shape_code().unwrap_or_default() {
            "ResourceNotFoundException" => Self::ResourceNotFound(metadata),
            _ => Self::Unhandled(Unhandled::new(metadata)),
        }
    }
    fn metadata(&self) -> &ErrorMetadata {
        match self {
            Self::ResourceNotFound(m) => m,
            Self::Unhandled(u) => u.metadata(),
        }
    }
    fn is_retryable(&self) -> bool {
        false
    }
}

impl std::fmt::Display for DescribeTableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.metadata().fmt(f)
    }
}

impl std::error::Error for DescribeTableError {}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

/// The waiter `name` of DescribeTable in the DynamoDB model, as a runtime spec.
fn dynamodb_waiter(name: &str) -> &'static WaiterSpec {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/models/dynamodb-2012-08-10.json");
    let model: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let waiter = &model["shapes"]["com.amazonaws.dynamodb#DescribeTable"]["traits"]
        ["smithy.waiters#waitable"][name];
    let acceptors: Vec<Acceptor> = waiter["acceptors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| Acceptor {
            state: match a["state"].as_str().unwrap() {
                "success" => State::Success,
                "failure" => State::Failure,
                _ => State::Retry,
            },
            matcher: if let Some(code) = a["matcher"]["errorType"].as_str() {
                Matcher::ErrorType(leak(code))
            } else {
                let m = &a["matcher"]["output"];
                assert_eq!(m["comparator"], "stringEquals", "{a}");
                Matcher::Output(PathMatcher {
                    path: leak(m["path"].as_str().unwrap()),
                    expected: leak(m["expected"].as_str().unwrap()),
                    comparator: Comparator::StringEquals,
                })
            },
        })
        .collect();
    Box::leak(Box::new(WaiterSpec {
        name: leak(name),
        min_delay: waiter["minDelay"].as_u64().unwrap_or(2),
        max_delay: waiter["maxDelay"].as_u64().unwrap_or(120),
        acceptors: Box::leak(acceptors.into_boxed_slice()),
    }))
}

fn table(status: &str) -> Reply {
    Reply::json(
        200,
        &format!(r#"{{"Table":{{"TableName":"t","TableStatus":"{status}"}}}}"#),
    )
}

fn not_found() -> Reply {
    Reply::json(
        400,
        r#"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no table t"}"#,
    )
}

/// The model's delays scaled down so the test takes milliseconds.
fn fast(max_wait: Duration) -> WaitOptions {
    WaitOptions::new(max_wait)
        .with_min_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(20))
}

type Outcome = Result<
    FinalPoll<DescribeTableOutput, DescribeTableError>,
    WaitError<DescribeTableOutput, DescribeTableError>,
>;

async fn run(server: &StubServer, waiter: &'static WaiterSpec, options: WaitOptions) -> Outcome {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .build();
    let runtime = Runtime::new(&DYNAMODB, config);
    let input = DescribeTableInput {
        table_name: "t".into(),
    };
    wait(waiter, options, &input, || {
        runtime.call::<_, DescribeTableOutput, DescribeTableError>(&DESCRIBE_TABLE, &input)
    })
    .await
}

#[test]
fn the_model_declares_the_waiters_tested() {
    let exists = dynamodb_waiter("TableExists");
    assert_eq!((exists.min_delay, exists.max_delay), (20, 120));
    assert_eq!(exists.acceptors.len(), 2);
    assert_eq!(dynamodb_waiter("TableNotExists").acceptors.len(), 1);
}

#[tokio::test]
async fn table_exists_retries_on_not_found_and_creating_until_active() {
    let server = StubServer::start(vec![not_found(), table("CREATING"), table("ACTIVE")]).await;
    let outcome = run(
        &server,
        dynamodb_waiter("TableExists"),
        fast(Duration::from_secs(10)),
    )
    .await;
    let output = match outcome {
        Ok(FinalPoll::Output(output)) => output,
        other => panic!("{other:?}"),
    };
    assert_eq!(output.table.unwrap()["TableStatus"], "ACTIVE");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in requests {
        assert_eq!(
            request.header("x-amz-target"),
            Some("DynamoDB_20120810.DescribeTable")
        );
        assert_eq!(request.json(), serde_json::json!({"TableName": "t"}));
    }
}

#[tokio::test]
async fn table_not_exists_succeeds_on_the_not_found_error() {
    let server = StubServer::start(vec![table("ACTIVE"), table("DELETING"), not_found()]).await;
    let outcome = run(
        &server,
        dynamodb_waiter("TableNotExists"),
        fast(Duration::from_secs(10)),
    )
    .await;
    match outcome {
        Ok(FinalPoll::Error(Error::Service(DescribeTableError::ResourceNotFound(m)))) => {
            assert_eq!(m.message.as_deref(), Some("no table t"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn an_error_no_acceptor_matches_ends_the_wait() {
    let denied = Reply::json(400, r#"{"__type":"AccessDeniedException","message":"no"}"#);
    let server = StubServer::start(vec![table("CREATING"), denied, table("ACTIVE")]).await;
    let outcome = run(
        &server,
        dynamodb_waiter("TableExists"),
        fast(Duration::from_secs(10)),
    )
    .await;
    match outcome {
        Err(WaitError::OperationFailed { waiter, error }) => {
            assert_eq!(waiter, "TableExists");
            assert_eq!(
                error.as_service_error().unwrap().metadata().code(),
                Some("AccessDeniedException")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn the_wait_stops_within_the_maximum() {
    let server = StubServer::start(vec![table("CREATING"); 200]).await;
    let max_wait = Duration::from_millis(300);
    let start = Instant::now();
    let outcome = run(&server, dynamodb_waiter("TableExists"), fast(max_wait)).await;
    let took = start.elapsed();
    match outcome {
        Err(WaitError::MaxWaitExceeded {
            attempts, elapsed, ..
        }) => {
            assert_eq!(attempts as usize, server.request_count());
            // 5 ms to 20 ms apart: several calls fit in 300 ms, even on a busy machine.
            assert!(attempts >= 3, "{attempts}");
            // The last call starts at least the minimum delay before the maximum; only that
            // call's own time (slow on a busy machine) may run past it.
            assert!(elapsed < max_wait + Duration::from_secs(2), "{elapsed:?}");
        }
        other => panic!("{other:?}"),
    }
    assert!(took < max_wait + Duration::from_secs(2), "{took:?}");
}

#[tokio::test]
async fn a_failure_acceptor_ends_the_wait() {
    static SPEC: WaiterSpec = WaiterSpec {
        name: "TableActiveOrBust",
        min_delay: 1,
        max_delay: 1,
        acceptors: &[
            Acceptor {
                state: State::Failure,
                matcher: Matcher::Output(PathMatcher {
                    path: "Table.TableStatus",
                    expected: "DELETING",
                    comparator: Comparator::StringEquals,
                }),
            },
            Acceptor {
                state: State::Success,
                matcher: Matcher::Success(true),
            },
        ],
    };
    let server = StubServer::start(vec![table("DELETING")]).await;
    match run(&server, &SPEC, fast(Duration::from_secs(10))).await {
        Err(WaitError::FailureState { waiter, last }) => {
            assert_eq!(waiter, "TableActiveOrBust");
            assert!(last.output().is_some());
        }
        other => panic!("{other:?}"),
    }
}

/// The comparators as the Smithy waiters specification defines them.
#[test]
fn comparators() {
    let check = |comparator, path: &'static str, expected: &'static str, data: Value| {
        PathMatcher {
            path,
            expected,
            comparator,
        }
        .matches(&data)
    };
    let data = serde_json::json!({"a": ["x", "x"], "b": ["x", "y"], "e": [], "t": true, "s": "x"});
    assert!(check(Comparator::AllStringEquals, "a", "x", data.clone()));
    assert!(!check(Comparator::AllStringEquals, "b", "x", data.clone()));
    assert!(
        !check(Comparator::AllStringEquals, "e", "x", data.clone()),
        "empty list"
    );
    assert!(check(Comparator::AnyStringEquals, "b", "y", data.clone()));
    assert!(!check(Comparator::AnyStringEquals, "e", "x", data.clone()));
    assert!(check(Comparator::BooleanEquals, "t", "true", data.clone()));
    assert!(!check(Comparator::BooleanEquals, "s", "true", data.clone()));
    assert!(check(Comparator::StringEquals, "s", "x", data.clone()));
    assert!(!check(Comparator::StringEquals, "t", "true", data));
}

/// The delay formula of the Smithy waiters specification (minDelay 2, maxDelay 120, so the
/// attempt ceiling is log2(60) + 1 = 6.9), with the random draw at its ends.
#[test]
fn delays_follow_the_specification() {
    let backoff = Backoff::new(Duration::from_secs(2), Duration::from_secs(120));
    let plenty = Duration::from_secs(10_000);
    let secs = |attempt, remaining, random| {
        backoff
            .delay(attempt, remaining, random)
            .map(|d| d.as_secs_f64())
    };
    // random 1: the top of the range, minDelay * 2^(attempt - 1), then maxDelay.
    let top: Vec<_> = (1..=8).map(|a| secs(a, plenty, 1.0).unwrap()).collect();
    assert_eq!(top, [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 120.0, 120.0]);
    // random 0: always minDelay.
    assert!((1..=8).all(|a| secs(a, plenty, 0.0) == Some(2.0)));
    assert_eq!(secs(3, plenty, 0.5), Some(5.0));
    // remainingTime - delay <= minDelay: delay = remainingTime - minDelay.
    assert_eq!(secs(3, Duration::from_secs(10), 1.0), Some(8.0));
    assert_eq!(secs(3, Duration::from_secs(9), 1.0), Some(7.0));
    assert_eq!(secs(3, Duration::from_millis(2500), 1.0), Some(0.5));
    // Nothing left after the minimum delay: stop.
    assert_eq!(secs(1, Duration::from_secs(2), 0.0), None);
    assert_eq!(secs(1, Duration::ZERO, 0.0), None);
}

/// Extreme or odd numbers give a delay or a stop, never a panic.
#[test]
fn delays_never_panic() {
    let huge = Backoff::new(Duration::MAX, Duration::MAX);
    // A minimum delay as long as the whole wait leaves no room for a second call.
    assert_eq!(huge.delay(1, Duration::MAX, 1.0), None);
    let zero = Backoff::new(Duration::ZERO, Duration::ZERO);
    assert_eq!(
        zero.delay(1, Duration::from_secs(1), 0.5),
        Some(Duration::from_millis(1))
    );
    let normal = Backoff::new(Duration::from_secs(2), Duration::from_secs(120));
    assert_eq!(
        normal.delay(u32::MAX, Duration::from_secs(1000), 1.0),
        Some(Duration::from_secs(120))
    );
    assert_eq!(normal.delay(3, Duration::from_secs(1000), f64::NAN), None);
    assert_eq!(
        normal.delay(3, Duration::MAX, 1.0),
        Some(Duration::from_secs(8))
    );
}

/// `inputOutput` paths see both, `success: false` matches a service error and nothing else.
#[test]
fn input_output_and_success_matchers() {
    static SPEC: WaiterSpec = WaiterSpec {
        name: "AllListed",
        min_delay: 1,
        max_delay: 1,
        acceptors: &[
            Acceptor {
                state: State::Success,
                matcher: Matcher::InputOutput(PathMatcher {
                    path: "length(input.TableName) == length(output.Table.TableName)",
                    expected: "true",
                    comparator: Comparator::BooleanEquals,
                }),
            },
            Acceptor {
                state: State::Failure,
                matcher: Matcher::Success(false),
            },
        ],
    };
    let input = serde_json::json!({"TableName": "abc"});
    let output = |name: &str| -> Result<DescribeTableOutput, Error<DescribeTableError>> {
        Ok(DescribeTableOutput {
            table: Some(serde_json::json!({"TableName": name})),
            metadata: ResponseMetadata::default(),
        })
    };
    assert_eq!(
        acceptor_state(&SPEC, &input, &output("xyz")),
        Some(State::Success)
    );
    assert_eq!(acceptor_state(&SPEC, &input, &output("xy")), None);
    let mut metadata = ErrorMetadata::default();
    metadata.code = Some("Anything".into());
    let service: Result<DescribeTableOutput, _> = Err(Error::Service(
        DescribeTableError::Unhandled(Unhandled::new(metadata)),
    ));
    assert_eq!(
        acceptor_state(&SPEC, &input, &service),
        Some(State::Failure)
    );
    let refused = TransportError::connect("connection refused");
    let transport: Result<DescribeTableOutput, _> = Err(Error::<DescribeTableError>::Dispatch(
        DispatchError::new(refused, "POST http://127.0.0.1", 1),
    ));
    assert_eq!(acceptor_state(&SPEC, &input, &transport), None);
}
