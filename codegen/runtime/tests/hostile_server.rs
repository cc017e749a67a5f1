//! A server that misbehaves: clocks an hour off, damaged error bodies, bodies that stall;
//! and callers on Tokio runtimes missing a driver.
// The tests hand whole call results across threads and runtimes; their size does not matter here.
#![allow(clippy::result_large_err)]

mod fake_service;

use fake_service::{DoThingError, DoThingInput, DoThingOutput, DO_SIGNED_THING, DO_THING, SERVICE};
use runtime::client::{error_metadata, Runtime};
use runtime::config::{Config, ConfigBuilder};
use runtime::credentials::Credentials;
use runtime::error::full_message;
use runtime::error::Error;
use runtime::operation::OperationError;
use runtime::retry::RetryConfig;
use runtime::sigv4::parse_http_date;
use runtime::transport::{HttpTransport, SendFuture};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use stub_server::{Body, Recorded, Reply, StubServer};

type CallResult = Result<DoThingOutput, Error<DoThingError>>;

fn config_for(server: &StubServer) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
}

// ---- calendar arithmetic for the tests, by counting (independent of the runtime's) ----

fn is_leap(year: u64) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn month_lengths(year: u64) -> [u64; 12] {
    let february = if is_leap(year) { 29 } else { 28 };
    [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` for `time`.
fn http_date(time: SystemTime) -> String {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let mut days = seconds / 86_400;
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let mut year = 1970;
    while days >= if is_leap(year) { 366 } else { 365 } {
        days -= if is_leap(year) { 366 } else { 365 };
        year += 1;
    }
    let mut month = 0;
    while days >= month_lengths(year)[month] {
        days -= month_lengths(year)[month];
        month += 1;
    }
    let names = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let of_day = seconds % 86_400;
    format!(
        "{weekday}, {:02} {} {year} {:02}:{:02}:{:02} GMT",
        days + 1,
        names[month],
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// The time an `x-amz-date` (`20150830T123600Z`) names.
fn amz_date_time(value: &str) -> SystemTime {
    let number = |range: std::ops::Range<usize>| -> u64 { value[range].parse().expect("digits") };
    let (year, month, day) = (number(0..4), number(4..6) as usize, number(6..8));
    let mut days: u64 = (1970..year)
        .map(|y| if is_leap(y) { 366 } else { 365 })
        .sum();
    days += month_lengths(year)[..month - 1].iter().sum::<u64>() + day - 1;
    let seconds = days * 86_400 + number(9..11) * 3600 + number(11..13) * 60 + number(13..15);
    UNIX_EPOCH + Duration::from_secs(seconds)
}

#[test]
fn http_dates_parse() {
    // RFC 9110's example date, and its well-known Unix time.
    assert_eq!(
        parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
        Some(UNIX_EPOCH + Duration::from_secs(784_111_777))
    );
    let mut time = UNIX_EPOCH;
    while time < UNIX_EPOCH + Duration::from_secs(5_000_000_000) {
        let text = http_date(time);
        assert_eq!(parse_http_date(&text), Some(time), "{text}");
        time += Duration::from_secs(86_400 * 37 + 3_725);
    }
    for junk in [
        "",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 36 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 28:49:37 GMT",
        "Sun, 06 Nov 1969 08:49:37 GMT",
        "Sun, 06 Nov 19x4 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMTX",
        "Sun, 06 Nov 1994 08:49:3ü GMT",
    ] {
        assert_eq!(parse_http_date(junk), None, "{junk:?}");
    }
}

// ---- clock skew ----

/// A server whose clock is `offset_seconds` off ours, refusing signatures more than 5 minutes
/// from its own time as AWS does.
async fn skewed_server(offset_seconds: i64, code: &'static str, send_date: bool) -> StubServer {
    StubServer::start_with(move |request: &Recorded| {
        let now = SystemTime::now();
        let server_now = if offset_seconds >= 0 {
            now + Duration::from_secs(offset_seconds as u64)
        } else {
            now - Duration::from_secs(offset_seconds.unsigned_abs())
        };
        let signed_at = amz_date_time(request.header("x-amz-date").unwrap_or("19700101T000000Z"));
        let apart = server_now
            .duration_since(signed_at)
            .unwrap_or_else(|e| e.duration());
        let reply = if apart > Duration::from_secs(300) {
            Reply::json(
                403,
                &format!(r#"{{"__type":"{code}","message":"Signature expired"}}"#),
            )
        } else {
            Reply::json(200, r#"{"Greeting":"in time"}"#)
        };
        match send_date {
            true => reply.header("date", &http_date(server_now)),
            false => reply,
        }
    })
    .await
}

fn attempt_of(request: &Recorded) -> &str {
    request.header("amz-sdk-request").expect("amz-sdk-request")
}

#[tokio::test]
async fn clock_skew_is_corrected_from_the_date_and_kept_for_later_calls() {
    for offset in [3600, -3600] {
        for code in [
            "InvalidSignatureException",
            "RequestTimeTooSkewed",
            "SignatureDoesNotMatch",
        ] {
            let server = skewed_server(offset, code, true).await;
            let runtime = Runtime::new(&SERVICE, config_for(&server).build());
            let first: CallResult = runtime
                .call(&DO_SIGNED_THING, &DoThingInput::default())
                .await;
            assert_eq!(
                first.expect("corrected and retried").greeting.as_deref(),
                Some("in time")
            );
            let second: CallResult = runtime
                .call(&DO_SIGNED_THING, &DoThingInput::default())
                .await;
            second.expect("later calls use the corrected clock");
            let requests = server.requests();
            assert_eq!(
                requests.len(),
                3,
                "{offset} {code}: one retry, then first time right"
            );
            assert_eq!(attempt_of(&requests[1]), "attempt=2; max=3");
            assert_eq!(attempt_of(&requests[2]), "attempt=1; max=3");
            // The scope date is the corrected date too, not only the header.
            let date = requests[2].header("x-amz-date").expect("x-amz-date");
            let authorization = requests[2].header("authorization").expect("signed");
            assert!(authorization.contains(&format!("/{}/us-east-1/", &date[..8])));
        }
    }
}

#[tokio::test]
async fn the_correction_is_kept_even_without_retries() {
    let server = skewed_server(3600, "RequestExpired", true).await;
    let runtime = Runtime::new(&SERVICE, config_for(&server).max_attempts(1).build());
    let first: CallResult = runtime
        .call(&DO_SIGNED_THING, &DoThingInput::default())
        .await;
    match first {
        Err(Error::Service(e)) => assert_eq!(e.metadata().code(), Some("RequestExpired")),
        other => panic!("expected the skew error, got {other:?}"),
    }
    let second: CallResult = runtime
        .call(&DO_SIGNED_THING, &DoThingInput::default())
        .await;
    second.expect("the next call signs with the service's time");
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn skew_errors_without_a_usable_date_or_a_real_skew_are_not_retried() {
    // No Date header: nothing to correct with.
    let server = skewed_server(3600, "InvalidSignatureException", false).await;
    let result: CallResult = Runtime::new(&SERVICE, config_for(&server).build())
        .call(&DO_SIGNED_THING, &DoThingInput::default())
        .await;
    assert!(matches!(result, Err(Error::Service(_))), "{result:?}");
    assert_eq!(server.request_count(), 1);
    // A Date close to ours: the clock is not the problem.
    let server = StubServer::start(vec![Reply::json(
        403,
        r#"{"__type":"SignatureDoesNotMatch","message":"wrong key"}"#,
    )
    .header(
        "date",
        &http_date(SystemTime::now() + Duration::from_secs(60)),
    )])
    .await;
    let result: CallResult = Runtime::new(&SERVICE, config_for(&server).build())
        .call(&DO_SIGNED_THING, &DoThingInput::default())
        .await;
    assert!(matches!(result, Err(Error::Service(_))), "{result:?}");
    assert_eq!(server.request_count(), 1);
    // A code that is not about time, with a skewed Date.
    let server = skewed_server(3600, "AccessDeniedException", true).await;
    let result: CallResult = Runtime::new(&SERVICE, config_for(&server).build())
        .call(&DO_SIGNED_THING, &DoThingInput::default())
        .await;
    assert!(matches!(result, Err(Error::Service(_))), "{result:?}");
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn a_server_that_always_refuses_gets_one_corrected_retry_only() {
    let date = http_date(SystemTime::now() + Duration::from_secs(7200));
    let refusal = Reply::json(403, r#"{"__type":"RequestTimeTooSkewed"}"#).header("date", &date);
    let server = StubServer::start(vec![refusal.clone(), refusal.clone(), refusal]).await;
    let result: CallResult = Runtime::new(&SERVICE, config_for(&server).build())
        .call(&DO_SIGNED_THING, &DoThingInput::default())
        .await;
    assert!(matches!(result, Err(Error::Service(_))), "{result:?}");
    assert_eq!(server.request_count(), 2);
}

// ---- damaged error bodies ----

fn code_of(headers: &[(&str, &str)], body: &str) -> (Option<String>, Option<String>) {
    let mut map = http::HeaderMap::new();
    for (name, value) in headers {
        map.insert(
            http::HeaderName::from_bytes(name.as_bytes()).expect("name"),
            http::HeaderValue::from_str(value).expect("value"),
        );
    }
    let metadata = error_metadata(400, &map, body.as_bytes());
    (metadata.code, metadata.message)
}

#[test]
fn damaged_error_bodies_keep_what_can_be_read() {
    let cases = [
        (
            r#"{"__type":"com.amazon#NotFoundException","message":"cut sh"#,
            "NotFoundException",
        ),
        (
            r#"{"__type":"NotFoundException"} <html>junk</html>"#,
            "NotFoundException",
        ),
        (
            r#"{"__type":"NotFoundException"}{"__type":"Other"}"#,
            "NotFoundException",
        ),
        (
            r#"  {"code":"ThrottlingException","message":"slow down"}}}"#,
            "ThrottlingException",
        ),
        (
            r#"{"Details":{"__type":"Inner","list":[1,"]}"]},"__type":"Outer","x":"#,
            "Outer",
        ),
        (
            r#"{"n":-1.5e3,"ok":true,"none":null,"__type":"AfterScalars",,"#,
            "AfterScalars",
        ),
        (r#"{"__type":"Esc\u0061ped"}trailing"#, "Escaped"),
    ];
    for (body, code) in cases {
        assert_eq!(code_of(&[], body).0.as_deref(), Some(code), "{body}");
    }
    assert_eq!(
        code_of(&[], r#"{"__type":"X","message":"kept"} junk"#)
            .1
            .as_deref(),
        Some("kept")
    );
}

#[test]
fn damaged_bodies_are_not_read_past_the_damage() {
    for body in [
        // The code itself is cut short.
        r#"{"message":"m","__type":"NotFoundExc"#,
        // A code-looking text inside a string value.
        r#"{"message":"has \"__type\":\"Fake\" inside","#,
        // Damage before the code.
        r#"{"message" "x","__type":"Late"}"#,
        r#"<html>{"__type":"InHtml"}</html>"#,
        r#"{"x":[1,2,{"__type":"Nested"}"#,
        "",
        "{",
    ] {
        assert_eq!(code_of(&[], body).0, None, "{body}");
    }
}

#[test]
fn the_error_type_header_wins_over_any_body() {
    for body in [
        r#"{"__type":"BodyCode","code":"BodyCode"}"#,
        r#"{"__type":"BodyCode","message":"cut"#,
        "junk",
    ] {
        let headers = [("x-amzn-errortype", "HeaderCode:http://internal.amazon.com/")];
        assert_eq!(
            code_of(&headers, body).0.as_deref(),
            Some("HeaderCode"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_truncated_throttling_body_is_still_retried_as_throttling() {
    let server = StubServer::start(vec![
        Reply::json(
            400,
            r#"{"__type":"ThrottlingException","message":"Rate exc"#,
        ),
        Reply::json(200, r#"{"Greeting":"hi"}"#),
    ])
    .await;
    let result: CallResult = Runtime::new(&SERVICE, config_for(&server).build())
        .call(&DO_THING, &DoThingInput::default())
        .await;
    result.expect("retried after the throttling error");
    assert_eq!(server.request_count(), 2);
}

// ---- Tokio runtimes without drivers ----

#[derive(Debug)]
struct Canned;

impl HttpTransport for Canned {
    fn send(&self, _request: http::Request<bytes::Bytes>) -> SendFuture<'_> {
        Box::pin(async { Ok(http::Response::new(bytes::Bytes::from_static(b"{}"))) })
    }
}

fn call_on(runtime: tokio::runtime::Runtime, config: Config) -> CallResult {
    runtime.block_on(async {
        Runtime::new(&SERVICE, config)
            .call(&DO_THING, &DoThingInput::default())
            .await
    })
}

fn local_config() -> Config {
    Config::builder()
        .region("us-east-1")
        .endpoint_url("http://127.0.0.1:9")
        .build()
}

#[test]
fn a_runtime_without_the_time_driver_is_an_error_naming_enable_time() {
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .expect("runtime");
    match call_on(tokio, local_config()) {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("enable_time"), "{message}");
            assert!(message.contains("DoThing"), "{message}");
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
}

#[test]
fn a_runtime_without_the_io_driver_is_an_error_naming_enable_io() {
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    match call_on(tokio, local_config()) {
        Err(error @ Error::Construction(_)) => {
            let message = full_message(&error);
            assert!(message.contains("enable_io"), "{message}")
        }
        other => panic!("expected a construction error, got {other:?}"),
    }
}

#[test]
fn a_custom_transport_needs_only_the_time_driver() {
    let tokio = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    let config = local_config().to_builder().transport(Canned).build();
    call_on(tokio, config).expect("no IO driver needed");
}

#[test]
fn a_client_moves_between_runtimes_and_each_is_checked() {
    let client = Runtime::new(
        &SERVICE,
        local_config().to_builder().transport(Canned).build(),
    );
    let full = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let run = |tokio: &tokio::runtime::Runtime| -> CallResult {
        tokio.block_on(client.call(&DO_THING, &DoThingInput::default()))
    };
    run(&full).expect("a full runtime works");
    let bare = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    assert!(matches!(run(&bare), Err(Error::Construction(_))));
    run(&full).expect("and still works on the full one");
}

// ---- stalled response bodies ----

fn stalling_reply() -> Reply {
    Reply::new(200)
        .header("content-type", "application/x-amz-json-1.1")
        .with_body(Body::Stalling {
            declared: 100,
            sent: br#"{"Greeting":"#.to_vec(),
        })
}

#[tokio::test]
async fn a_stalled_body_fails_fast_and_is_retried() {
    let server = StubServer::start(vec![stalling_reply(), stalling_reply()]).await;
    let config = config_for(&server)
        .max_attempts(2)
        .stalled_stream_grace_period(Some(Duration::from_millis(200)))
        .build();
    let started = Instant::now();
    let result: CallResult = Runtime::new(&SERVICE, config)
        .call(&DO_THING, &DoThingInput::default())
        .await;
    let elapsed = started.elapsed();
    match result {
        Err(error @ Error::Timeout(_)) => {
            let message = full_message(&error);
            assert!(message.contains("stalled stream"), "{message}");
            assert!(message.contains("2 attempts"), "{message}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert_eq!(
        server.request_count(),
        2,
        "a stall is retried like a timeout"
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

#[tokio::test]
async fn a_stall_then_a_good_answer_succeeds() {
    let server = StubServer::start(vec![
        stalling_reply(),
        Reply::json(200, r#"{"Greeting":"second"}"#),
    ])
    .await;
    let config = config_for(&server)
        .stalled_stream_grace_period(Some(Duration::from_millis(200)))
        .build();
    let output: DoThingOutput = Runtime::new(&SERVICE, config)
        .call::<_, _, DoThingError>(&DO_THING, &DoThingInput::default())
        .await
        .expect("second attempt succeeds");
    assert_eq!(output.greeting.as_deref(), Some("second"));
}

#[tokio::test]
async fn a_slow_body_that_keeps_coming_is_not_a_stall() {
    let body = br#"{"Greeting":"slow but steady"}"#;
    let chunks = body.chunks(4).map(<[u8]>::to_vec).collect::<Vec<_>>();
    let server = StubServer::start(vec![Reply::new(200).with_body(Body::Trickle {
        chunks,
        pause: Duration::from_millis(60),
    })])
    .await;
    let config = config_for(&server)
        .stalled_stream_grace_period(Some(Duration::from_millis(300)))
        .build();
    let started = Instant::now();
    let output: DoThingOutput = Runtime::new(&SERVICE, config)
        .call::<_, _, DoThingError>(&DO_THING, &DoThingInput::default())
        .await
        .expect("a body that makes progress is read to the end");
    assert_eq!(output.greeting.as_deref(), Some("slow but steady"));
    assert!(
        started.elapsed() > Duration::from_millis(300),
        "the body took longer than the grace"
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn the_default_grace_period_is_documented_as_5_seconds() {
    let config = Config::builder().build();
    assert_eq!(
        config.timeouts().stalled_stream_grace,
        Some(Duration::from_secs(5))
    );
}
