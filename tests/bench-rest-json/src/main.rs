//! restJson1 request cost on loopback (issue 13): our generated Lambda client calling
//! `PutProvisionedConcurrencyConfig` (PUT, a `{FunctionName}` label, a `Qualifier` query, a JSON
//! body in and out, SigV4-signed, `202` answer) beside raw hyper sending the same bytes, against
//! one in-process HTTP/1.1 stub on 127.0.0.1. Same discipline as tests/bench's Cognito loopback:
//! stub on a thread and current-thread runtime of its own, clients on another, optional pinning,
//! the client order alternating run by run, medians over runs.
//!
//! `cargo run --release --manifest-path tests/bench-rest-json/Cargo.toml -- [--runs 5]
//! [--requests 5000] [--warmup 500] [--concurrency 16] [--pin none|same|split]
//! [--clients ours,raw] [--modes sequential,concurrent]`
//! (the `lambda` crate must first be generated: `cargo xtask bench --only rest-json` does it).
mod canned;
/// The loopback stub, shared with tests/bench (whose other code needs the official SDK).
#[path = "../../bench/src/stub.rs"]
mod stub;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use lambda::operation::put_provisioned_concurrency_config::PutProvisionedConcurrencyConfigInput;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use stub::{cpu_time, pin_current_thread, Stub};

const FUNCTION_NAME: &str = "bench-function";
const QUALIFIER: &str = "live";
const EXECUTIONS: i32 = 10;

#[derive(Debug, Clone)]
struct Args {
    runs: usize,
    requests: usize,
    warmup: usize,
    concurrency: usize,
    pin: String,
    kinds: Vec<Kind>,
    modes: Vec<Mode>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        runs: 5,
        requests: 5000,
        warmup: 500,
        concurrency: 16,
        pin: "none".into(),
        kinds: vec![Kind::Ours, Kind::Raw],
        modes: vec![Mode::Sequential, Mode::Concurrent],
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let text = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let count = || -> Result<usize, String> {
            text.parse().map_err(|e| format!("{flag} {text:?}: {e}"))
        };
        match flag.as_str() {
            "--runs" => args.runs = count()?.max(1),
            "--requests" => args.requests = count()?.max(1),
            "--warmup" => args.warmup = count()?,
            "--concurrency" => args.concurrency = count()?.max(1),
            "--pin" => args.pin = text.clone(),
            "--clients" => {
                args.kinds = text.split(',').map(Kind::parse).collect::<Result<_, _>>()?
            }
            "--modes" => args.modes = text.split(',').map(Mode::parse).collect::<Result<_, _>>()?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

/// (stub CPU, client CPU) for a `--pin` value: the same placements as tests/bench.
fn placement(pin: &str) -> Result<(Option<usize>, Option<usize>), String> {
    match pin {
        "none" => Ok((None, None)),
        "same" => Ok((Some(0), Some(0))),
        "split" => Ok((Some(0), Some(1))),
        other => Err(format!("--pin {other:?}: expected none, same or split")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Sequential,
    Concurrent,
}

impl Mode {
    fn parse(text: &str) -> Result<Mode, String> {
        match text {
            "sequential" => Ok(Mode::Sequential),
            "concurrent" => Ok(Mode::Concurrent),
            other => Err(format!(
                "--modes {other:?}: expected sequential or concurrent"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ours,
    Raw,
}

impl Kind {
    fn parse(text: &str) -> Result<Kind, String> {
        match text {
            "ours" => Ok(Kind::Ours),
            "raw" => Ok(Kind::Raw),
            other => Err(format!("--clients {other:?}: expected ours or raw")),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Ours => "ours",
            Kind::Raw => "raw hyper",
        }
    }
}

/// Our generated client, as a user would build it.
fn ours_config(endpoint: &str) -> lambda::config::ConfigBuilder {
    lambda::Config::builder()
        .region("us-east-1")
        .credentials_provider(lambda::Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
        ))
        .endpoint_url(endpoint)
}

/// One call through our client, checking the decoded output so a wrong decode cannot look fast.
async fn call_ours(client: &lambda::Client) -> Result<(), String> {
    let input = PutProvisionedConcurrencyConfigInput::new(FUNCTION_NAME, QUALIFIER, EXECUTIONS);
    let output = client
        .put_provisioned_concurrency_config(input)
        .await
        .map_err(|e| format!("ours: {e}"))?;
    if output.requested_provisioned_concurrent_executions() != Some(EXECUTIONS)
        || output.status_reason() != Some(canned::STATUS_REASON)
    {
        return Err("ours: the decoded output is not the stub's answer".into());
    }
    Ok(())
}

/// A transport that keeps the request our client sends, so raw hyper can replay its bytes.
#[derive(Debug, Default)]
struct Recorder(Mutex<Option<http::Request<Bytes>>>);

impl lambda::transport::HttpTransport for Recorder {
    fn send(&self, request: http::Request<Bytes>) -> lambda::transport::SendFuture<'_> {
        if let Ok(mut last) = self.0.lock() {
            *last = Some(request);
        }
        Box::pin(async { Ok(canned::answer_parts()) })
    }
}

#[derive(Debug)]
struct Shared(Arc<Recorder>);

impl lambda::transport::HttpTransport for Shared {
    fn send(&self, request: http::Request<Bytes>) -> lambda::transport::SendFuture<'_> {
        self.0.send(request)
    }
}

/// The exact request our client sends (method, path, query, headers with the signature, body).
async fn capture(endpoint: &str) -> Result<http::Request<Bytes>, String> {
    let recorder = Arc::new(Recorder::default());
    let config = ours_config(endpoint).transport(Shared(Arc::clone(&recorder)));
    call_ours(&lambda::Client::new(config.build())).await?;
    let taken = recorder.0.lock().map_err(|e| e.to_string())?.take();
    taken.ok_or_else(|| "the recorder saw no request".to_string())
}

/// The floor: a pooled hyper client replaying the captured request, comparing the body bytes.
struct RawClient {
    client: hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>,
    request: http::Request<Bytes>,
}

impl RawClient {
    async fn call(&self) -> Result<(), String> {
        let mut request = http::Request::new(Full::new(self.request.body().clone()));
        *request.method_mut() = self.request.method().clone();
        *request.uri_mut() = self.request.uri().clone();
        *request.headers_mut() = self.request.headers().clone();
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| format!("raw: {e}"))?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("raw: {e}"))?;
        if status.as_u16() != 202 || body.to_bytes().as_ref() != canned::BODY.as_bytes() {
            return Err(format!("raw: unexpected {status}"));
        }
        Ok(())
    }
}

enum Client {
    Ours(lambda::Client),
    Raw(Box<RawClient>),
}

impl Client {
    async fn build(kind: Kind, endpoint: &str) -> Result<Client, String> {
        Ok(match kind {
            Kind::Ours => Client::Ours(lambda::Client::new(ours_config(endpoint).build())),
            Kind::Raw => {
                let mut connector = HttpConnector::new();
                connector.set_nodelay(true);
                let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
                    .pool_idle_timeout(Duration::from_secs(90))
                    .build(connector);
                let request = capture(endpoint).await?;
                Client::Raw(Box::new(RawClient { client, request }))
            }
        })
    }

    async fn call(&self) -> Result<(), String> {
        match self {
            Client::Ours(client) => call_ours(client).await,
            Client::Raw(raw) => raw.call().await,
        }
    }
}

/// One measured loop: requests per second and the client thread's CPU per request.
#[derive(Debug, Clone, Copy)]
struct Sample {
    per_second: f64,
    p50_us: f64,
    client_cpu_us: f64,
    stub_cpu_us: f64,
}

async fn measure(
    client: &Arc<Client>,
    mode: Mode,
    args: &Args,
    requests: usize,
    stub: &Stub,
) -> Result<Sample, String> {
    let client_start = cpu_time(stub::own_clock()?);
    let stub_start = cpu_time(stub.clock()?);
    let start = Instant::now();
    let tasks = match mode {
        Mode::Sequential => 1,
        Mode::Concurrent => args.concurrency,
    };
    let mut handles = Vec::with_capacity(tasks);
    for task in 0..tasks {
        let share = requests / tasks + usize::from(task < requests % tasks);
        let client = Arc::clone(client);
        handles.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(share);
            for _ in 0..share {
                let begin = Instant::now();
                client.call().await?;
                latencies.push(begin.elapsed());
            }
            Ok::<_, String>(latencies)
        }));
    }
    let mut latencies = Vec::with_capacity(requests);
    for handle in handles {
        latencies.extend(handle.await.map_err(|e| format!("task: {e}"))??);
    }
    let elapsed = start.elapsed().as_secs_f64();
    let per_request_us = |spent: Duration| spent.as_secs_f64() * 1e6 / requests as f64;
    latencies.sort_unstable();
    Ok(Sample {
        per_second: requests as f64 / elapsed,
        p50_us: latencies[latencies.len() / 2].as_secs_f64() * 1e6,
        client_cpu_us: per_request_us(cpu_time(stub::own_clock()?).saturating_sub(client_start)),
        stub_cpu_us: per_request_us(cpu_time(stub.clock()?).saturating_sub(stub_start)),
    })
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn mode_label(mode: Mode, args: &Args) -> String {
    match mode {
        Mode::Sequential => "sequential".into(),
        Mode::Concurrent => format!("{} concurrent", args.concurrency),
    }
}

async fn run(args: &Args, stub: &Stub) -> Result<Vec<(Mode, Kind, Sample)>, String> {
    let endpoint = format!("http://{}", stub.addr);
    let mut clients = Vec::new();
    for &kind in &args.kinds {
        clients.push((kind, Arc::new(Client::build(kind, &endpoint).await?)));
    }
    let mut rows = Vec::new();
    for run in 0..args.runs {
        for &mode in &args.modes {
            for i in 0..clients.len() {
                // Alternate which client goes first, run by run.
                let (kind, client) = &clients[(i + run) % clients.len()];
                measure(client, mode, args, args.warmup.max(1), stub).await?;
                let s = measure(client, mode, args, args.requests, stub).await?;
                eprintln!(
                    "run {} {:<14} {:<10} {:>8.0} req/s  p50 {:>6.1} us  CPU/req client {:>5.1} us \
                     stub {:>5.1} us  load {}",
                    run + 1,
                    mode_label(mode, args),
                    kind.label(),
                    s.per_second,
                    s.p50_us,
                    s.client_cpu_us,
                    s.stub_cpu_us,
                    canned::load_average()
                );
                rows.push((mode, *kind, s));
            }
        }
    }
    Ok(rows)
}

fn report(args: &Args, rows: &[(Mode, Kind, Sample)]) {
    println!(
        "restJson1 loopback (Lambda PutProvisionedConcurrencyConfig, signed): {} runs x {} \
         requests per cell (after {} warm-up), pin {}; medians over runs.\n",
        args.runs, args.requests, args.warmup, args.pin
    );
    println!("| mode | client | req/s | p50 us | client CPU us/req | stub CPU us/req |");
    println!("|---|---|---:|---:|---:|---:|");
    let pick = |mode, kind, f: fn(&Sample) -> f64| {
        median(
            rows.iter()
                .filter(|r| r.0 == mode && r.1 == kind)
                .map(|r| f(&r.2))
                .collect(),
        )
    };
    for &mode in &args.modes {
        for &kind in &args.kinds {
            println!(
                "| {} | {} | {:.0} | {:.1} | {:.1} | {:.1} |",
                mode_label(mode, args),
                kind.label(),
                pick(mode, kind, |s| s.per_second),
                pick(mode, kind, |s| s.p50_us),
                pick(mode, kind, |s| s.client_cpu_us),
                pick(mode, kind, |s| s.stub_cpu_us),
            );
        }
    }
    println!("\n| mode | ours/raw req/s | target | met | client CPU per request, ours/raw |");
    println!("|---|---:|---:|---|---:|");
    for &mode in &args.modes {
        let target = if mode == Mode::Sequential { 0.85 } else { 0.80 };
        let rate =
            pick(mode, Kind::Ours, |s| s.per_second) / pick(mode, Kind::Raw, |s| s.per_second);
        let cpu = pick(mode, Kind::Ours, |s| s.client_cpu_us)
            / pick(mode, Kind::Raw, |s| s.client_cpu_us);
        let met = if rate >= target { "yes" } else { "NO" };
        println!(
            "| {} | {rate:.3} | {target:.2} | {met} | {cpu:.3} |",
            mode_label(mode, args)
        );
    }
}

/// Every request reached the stub and was the expected one.
fn check_stub(stub: &Stub, expected: u64) -> Result<(), String> {
    let (requests, good) = (stub.requests(), stub.matched());
    if requests != expected || good != expected {
        return Err(format!(
            "the stub saw {requests} requests ({good} well formed); expected {expected}"
        ));
    }
    println!("\nStub check: {requests} requests answered, all signed PUTs with the expected path, query and body.");
    Ok(())
}

fn main() -> ExitCode {
    let outcome = parse_args().and_then(|args| {
        let (stub_cpu, client_cpu) = placement(&args.pin)?;
        pin_current_thread(client_cpu)?;
        let stub = Stub::start(stub_cpu, canned::STUB)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let rows = runtime.block_on(run(&args, &stub))?;
        drop(runtime);
        report(&args, &rows);
        let expected = (args.runs * args.modes.len() * args.kinds.len()) as u64
            * (args.requests + args.warmup.max(1)) as u64;
        check_stub(&stub, expected)
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
