//! Request cost on loopback: our generated client, the official SDK and a raw hyper client
//! (the floor) against one in-process HTTP/1.1 stub on 127.0.0.1 answering `200 {}`.
//!
//! `cargo run --release --manifest-path tests/bench/Cargo.toml -- [--runs 5] [--requests 5000]
//! [--warmup 500] [--concurrency 16] [--client-threads 1] [--pin none|same|split]`
//!
//! The stub runs on a thread of its own (a current-thread runtime), the clients on another, so
//! on a 2-core machine each side has a core. Every run measures every (mode, operation, client)
//! cell once; the client order rotates between runs. The figures reported are the medians over
//! the runs. Every loop is bounded by a request count; the stub stops when the run ends.
mod stub;

use bench::{call_ours, call_sdk, CannedTransport, Op, CONTENT_TYPE, REQUEST_ID};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use stub::{cpu_time, pin_current_thread, Script, Stub};

#[derive(Debug, Clone)]
struct Args {
    runs: usize,
    requests: usize,
    warmup: usize,
    concurrency: usize,
    client_threads: usize,
    pin: Pin,
    kinds: Vec<Kind>,
    ops: Vec<Op>,
    sequential: bool,
    concurrent: bool,
}

impl Args {
    fn modes(&self) -> Vec<Mode> {
        let mut modes = Vec::new();
        if self.sequential {
            modes.push(Mode::Sequential);
        }
        if self.concurrent {
            modes.push(Mode::Concurrent(self.concurrency));
        }
        modes
    }
}

/// Where the stub and client threads may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pin {
    /// Wherever the scheduler puts them.
    None,
    /// Both on CPU 0: no cross-CPU wake-ups; throughput is the CPU cost of client plus stub.
    Same,
    /// Stub on CPU 0, clients on CPU 1: each side has a core of its own.
    Split,
}

impl Pin {
    fn parse(text: &str) -> Result<Pin, String> {
        match text {
            "none" => Ok(Pin::None),
            "same" => Ok(Pin::Same),
            "split" => Ok(Pin::Split),
            other => Err(format!("--pin {other:?}: expected none, same or split")),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Pin::None => "unpinned",
            Pin::Same => "stub and client both pinned to CPU 0",
            Pin::Split => "stub pinned to CPU 0, client to CPU 1",
        }
    }

    fn stub_cpu(self) -> Option<usize> {
        match self {
            Pin::None => None,
            Pin::Same | Pin::Split => Some(0),
        }
    }

    fn client_cpu(self) -> Option<usize> {
        match self {
            Pin::None => None,
            Pin::Same => Some(0),
            Pin::Split => Some(1),
        }
    }
}

impl Default for Args {
    fn default() -> Self {
        Args {
            runs: 5,
            requests: 5000,
            warmup: 500,
            concurrency: 16,
            client_threads: 1,
            pin: Pin::None,
            kinds: Kind::ALL.to_vec(),
            ops: Op::ALL.to_vec(),
            sequential: true,
            concurrent: true,
        }
    }
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || -> Result<usize, String> {
            let text = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            text.parse()
                .map_err(|e| format!("{flag} {text:?} is not a count: {e}"))
        };
        match flag.as_str() {
            "--runs" => args.runs = value()?.max(1),
            "--requests" => args.requests = value()?.max(1),
            "--warmup" => args.warmup = value()?,
            "--concurrency" => args.concurrency = value()?.max(1),
            "--client-threads" => args.client_threads = value()?,
            "--clients" => {
                let text = it.next().ok_or("--clients needs a value")?;
                args.kinds = text.split(',').map(Kind::parse).collect::<Result<_, _>>()?;
            }
            "--ops" => {
                let text = it.next().ok_or("--ops needs a value")?;
                args.ops = text.split(',').map(parse_op).collect::<Result<_, _>>()?;
            }
            "--modes" => {
                let text = it.next().ok_or("--modes needs a value")?;
                args.sequential = text.split(',').any(|m| m == "sequential");
                args.concurrent = text.split(',').any(|m| m == "concurrent");
            }
            "--pin" => {
                let text = it.next().ok_or("--pin needs a value")?;
                args.pin = Pin::parse(&text)?;
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

fn parse_op(text: &str) -> Result<Op, String> {
    match text {
        "signed" => Ok(Op::AdminResetUserPassword),
        "unsigned" => Ok(Op::ConfirmForgotPassword),
        other => Err(format!("--ops {other:?}: expected signed or unsigned")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Sequential,
    Concurrent(usize),
}

impl Mode {
    fn label(self) -> String {
        match self {
            Mode::Sequential => "sequential".to_string(),
            Mode::Concurrent(n) => format!("{n} concurrent"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Raw,
    Ours,
    Sdk,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Raw, Kind::Ours, Kind::Sdk];

    fn parse(text: &str) -> Result<Kind, String> {
        match text {
            "raw" => Ok(Kind::Raw),
            "ours" => Ok(Kind::Ours),
            "sdk" => Ok(Kind::Sdk),
            other => Err(format!("--clients {other:?}: expected raw, ours or sdk")),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Raw => "raw hyper",
            Kind::Ours => "ours",
            Kind::Sdk => "official SDK",
        }
    }
}

/// A request captured from our client, replayed byte for byte by the raw client.
struct Prepared {
    uri: http::Uri,
    headers: http::HeaderMap,
    body: Bytes,
}

type RawHyper = hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>;

/// The floor: a pooled hyper client posting precomputed requests, nothing else.
struct RawClient {
    client: RawHyper,
    signed: Prepared,
    unsigned: Prepared,
}

impl RawClient {
    async fn call(&self, op: Op) -> Result<(), String> {
        let prepared = match op {
            Op::AdminResetUserPassword => &self.signed,
            Op::ConfirmForgotPassword => &self.unsigned,
        };
        let mut request = http::Request::new(Full::new(prepared.body.clone()));
        *request.method_mut() = http::Method::POST;
        *request.uri_mut() = prepared.uri.clone();
        *request.headers_mut() = prepared.headers.clone();
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| format!("raw {op:?}: {e}"))?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("raw {op:?} body: {e}"))?
            .to_bytes();
        if status != http::StatusCode::OK || body.as_ref() != bench::EMPTY_OUTPUT {
            return Err(format!("raw {op:?}: unexpected {status} {body:?}"));
        }
        Ok(())
    }
}

enum Client {
    Raw(Box<RawClient>),
    Ours(cognito_identity_provider::Client),
    Sdk(aws_sdk_cognitoidentityprovider::Client),
}

impl Client {
    async fn call(&self, op: Op) -> Result<(), String> {
        match self {
            Client::Raw(raw) => raw.call(op).await,
            Client::Ours(client) => call_ours(client, op).await,
            Client::Sdk(client) => call_sdk(client, op).await,
        }
    }
}

/// Captures the exact request our client sends for `op` (host rewritten to the stub's).
async fn capture(op: Op, endpoint: &str) -> Result<Prepared, String> {
    let recorder = CannedTransport::recording();
    let client = bench::ours_client_with(RecorderHandle(Arc::clone(&recorder)));
    call_ours(&client, op).await?;
    let request = recorder
        .take_last()
        .ok_or("the recording transport saw no request")?;
    let (mut parts, body) = request.into_parts();
    let uri: http::Uri = format!("{endpoint}/")
        .parse()
        .map_err(|e| format!("stub URI: {e}"))?;
    let host = uri.authority().map(|a| a.as_str()).unwrap_or_default();
    parts.headers.insert(
        http::header::HOST,
        http::HeaderValue::from_str(host).map_err(|e| e.to_string())?,
    );
    Ok(Prepared {
        uri,
        headers: parts.headers,
        body,
    })
}

/// Lets the shared recorder serve as the client's transport.
#[derive(Debug)]
struct RecorderHandle(Arc<CannedTransport>);

impl cognito_identity_provider::transport::HttpTransport for RecorderHandle {
    fn send(
        &self,
        request: http::Request<Bytes>,
    ) -> cognito_identity_provider::transport::SendFuture<'_> {
        self.0.send(request)
    }
}

async fn build_client(kind: Kind, endpoint: &str) -> Result<Client, String> {
    Ok(match kind {
        Kind::Ours => Client::Ours(bench::ours_client(endpoint)),
        Kind::Sdk => Client::Sdk(bench::sdk_client(endpoint)),
        Kind::Raw => {
            let mut connector = HttpConnector::new();
            connector.set_nodelay(true);
            let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(90))
                .build(connector);
            Client::Raw(Box::new(RawClient {
                client,
                signed: capture(Op::AdminResetUserPassword, endpoint).await?,
                unsigned: capture(Op::ConfirmForgotPassword, endpoint).await?,
            }))
        }
    })
}

/// What one measured loop gave.
#[derive(Debug, Clone)]
struct Sample {
    per_second: f64,
    p50: Duration,
    p99: Duration,
    /// CPU time of the client thread per request (current-thread client runtime only).
    client_cpu: Option<Duration>,
    /// CPU time of the stub thread per request.
    stub_cpu: Duration,
}

/// The CPU-time clocks of the client thread and the stub thread.
#[derive(Clone, Copy)]
struct Clocks {
    client: Option<libc::clockid_t>,
    stub: libc::clockid_t,
}

impl Clocks {
    /// The calling thread is the client (when it runs the only client thread).
    fn new(stub: &Stub, single_client_thread: bool) -> Result<Self, String> {
        let client = stub::own_clock()?;
        Ok(Clocks {
            client: single_client_thread.then_some(client),
            stub: stub.clock()?,
        })
    }
}

async fn measure(
    client: &Arc<Client>,
    op: Op,
    mode: Mode,
    requests: usize,
    clocks: Clocks,
) -> Result<Sample, String> {
    let client_start = clocks.client.map(cpu_time);
    let stub_start = cpu_time(clocks.stub);
    let start = Instant::now();
    let mut latencies = match mode {
        Mode::Sequential => sequential(client, op, requests).await?,
        Mode::Concurrent(tasks) => concurrent(client, op, requests, tasks).await?,
    };
    let elapsed = start.elapsed();
    let per_request = |spent: Duration| spent / requests.max(1) as u32;
    let client_cpu = clocks
        .client
        .zip(client_start)
        .map(|(clock, begin)| per_request(cpu_time(clock).saturating_sub(begin)));
    let stub_cpu = per_request(cpu_time(clocks.stub).saturating_sub(stub_start));
    latencies.sort_unstable();
    Ok(Sample {
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        client_cpu,
        stub_cpu,
    })
}

async fn sequential(client: &Client, op: Op, requests: usize) -> Result<Vec<Duration>, String> {
    let mut latencies = Vec::with_capacity(requests);
    for _ in 0..requests {
        let start = Instant::now();
        client.call(op).await?;
        latencies.push(start.elapsed());
    }
    Ok(latencies)
}

async fn concurrent(
    client: &Arc<Client>,
    op: Op,
    requests: usize,
    tasks: usize,
) -> Result<Vec<Duration>, String> {
    let mut handles = Vec::with_capacity(tasks);
    for task in 0..tasks {
        // Spread the remainder so exactly `requests` are sent.
        let share = requests / tasks + usize::from(task < requests % tasks);
        let client = Arc::clone(client);
        handles.push(tokio::spawn(
            async move { sequential(&client, op, share).await },
        ));
    }
    let mut latencies = Vec::with_capacity(requests);
    for handle in handles {
        latencies.extend(handle.await.map_err(|e| format!("task failed: {e}"))??);
    }
    Ok(latencies)
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[index]
}

/// The stub's script: `200 {}` to every request, counting the signed ones.
const STUB: Script = Script {
    answer: empty_output,
    matches: |parts, _body| parts.headers.contains_key(http::header::AUTHORIZATION),
};

/// What both operations answer: an empty output.
fn empty_output() -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::from_static(bench::EMPTY_OUTPUT));
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static(CONTENT_TYPE),
    );
    headers.insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static(REQUEST_ID),
    );
    response
}

/// Every measured figure, indexed as (run, mode, op, kind).
struct Results {
    rows: Vec<(usize, Mode, Op, Kind, Sample)>,
}

impl Results {
    fn samples(&self, mode: Mode, op: Op, kind: Kind) -> Vec<&Sample> {
        self.rows
            .iter()
            .filter(|(_, m, o, k, _)| *m == mode && *o == op && *k == kind)
            .map(|(_, _, _, _, s)| s)
            .collect()
    }

    fn median(&self, mode: Mode, op: Op, kind: Kind) -> Option<Sample> {
        let samples = self.samples(mode, op, kind);
        if samples.is_empty() {
            return None;
        }
        let rates: Vec<f64> = samples.iter().map(|s| s.per_second).collect();
        let p50: Vec<f64> = samples.iter().map(|s| s.p50.as_secs_f64()).collect();
        let p99: Vec<f64> = samples.iter().map(|s| s.p99.as_secs_f64()).collect();
        let stub: Vec<f64> = samples.iter().map(|s| s.stub_cpu.as_secs_f64()).collect();
        let client: Option<Vec<f64>> = samples
            .iter()
            .map(|s| s.client_cpu.map(|d| d.as_secs_f64()))
            .collect();
        Some(Sample {
            per_second: median(rates),
            p50: Duration::from_secs_f64(median(p50)),
            p99: Duration::from_secs_f64(median(p99)),
            client_cpu: client.map(|c| Duration::from_secs_f64(median(c))),
            stub_cpu: Duration::from_secs_f64(median(stub)),
        })
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let mid = values.len() / 2;
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[mid],
        _ => (values[mid - 1] + values[mid]) / 2.0,
    }
}

fn micros(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

async fn run(args: &Args, endpoint: &str, clocks: Clocks) -> Result<Results, String> {
    let mut clients = Vec::new();
    for &kind in &args.kinds {
        clients.push((kind, Arc::new(build_client(kind, endpoint).await?)));
    }
    let modes = args.modes();
    let mut results = Results { rows: Vec::new() };
    for run in 0..args.runs {
        for &mode in &modes {
            for &op in &args.ops {
                for i in 0..clients.len() {
                    let (kind, client) = &clients[(i + run) % clients.len()];
                    if args.warmup > 0 {
                        measure(client, op, mode, args.warmup, clocks).await?;
                    }
                    let sample = measure(client, op, mode, args.requests, clocks).await?;
                    eprintln!(
                        "run {} {:<14} {:<34} {:<13} {:>9.0} req/s  p50 {:>7} us  p99 {:>7} us  \
                         CPU/req client {:>6} us stub {:>6} us",
                        run + 1,
                        mode.label(),
                        op.name(),
                        kind.label(),
                        sample.per_second,
                        micros(sample.p50),
                        micros(sample.p99),
                        sample.client_cpu.map_or("-".into(), micros),
                        micros(sample.stub_cpu)
                    );
                    results.rows.push((run, mode, op, *kind, sample));
                }
            }
        }
    }
    Ok(results)
}

fn report(args: &Args, results: &Results) {
    println!(
        "Loopback: {} runs x {} requests per cell (after {} warm-up), concurrency {}, \
         client runtime {}, {}; medians over runs.\n",
        args.runs,
        args.requests,
        args.warmup,
        args.concurrency,
        match args.client_threads {
            0 | 1 => "current-thread".to_string(),
            n => format!("multi-thread ({n} workers)"),
        },
        args.pin.describe()
    );
    println!(
        "| mode | operation | client | req/s | p50 us | p99 us | client CPU us/req | stub CPU us/req |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---:|");
    let modes = args.modes();
    for &mode in &modes {
        for &op in &args.ops {
            for &kind in &args.kinds {
                if let Some(s) = results.median(mode, op, kind) {
                    println!(
                        "| {} | {} | {} | {:.0} | {} | {} | {} | {} |",
                        mode.label(),
                        op.name(),
                        kind.label(),
                        s.per_second,
                        micros(s.p50),
                        micros(s.p99),
                        s.client_cpu.map_or("-".into(), micros),
                        micros(s.stub_cpu)
                    );
                }
            }
        }
    }
    println!(
        "\n| mode | operation | ours/raw req/s | ours/SDK req/s | target ours/raw | met | \
         client CPU per request, ours/raw | client CPU per request, SDK/ours |"
    );
    println!("|---|---|---:|---:|---:|---|---:|---:|");
    for &mode in &modes {
        let target = match mode {
            Mode::Sequential => 0.85,
            Mode::Concurrent(_) => 0.80,
        };
        for &op in &args.ops {
            let rate = |kind| results.median(mode, op, kind).map(|s| s.per_second);
            let cpu = |kind| {
                results
                    .median(mode, op, kind)
                    .and_then(|s| s.client_cpu)
                    .map(|d| d.as_secs_f64())
            };
            let ratio = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a / b);
            let fmt = |r: Option<f64>| r.map_or("-".to_string(), |r| format!("{r:.3}"));
            let ours_raw = ratio(rate(Kind::Ours), rate(Kind::Raw));
            println!(
                "| {} | {} | {} | {} | {:.2} | {} | {} | {} |",
                mode.label(),
                op.name(),
                fmt(ours_raw),
                fmt(ratio(rate(Kind::Ours), rate(Kind::Sdk))),
                target,
                match ours_raw {
                    Some(r) if r >= target => "yes",
                    Some(_) => "NO",
                    None => "-",
                },
                fmt(ratio(cpu(Kind::Ours), cpu(Kind::Raw))),
                fmt(ratio(cpu(Kind::Sdk), cpu(Kind::Ours))),
            );
        }
    }
    println!("\nRaw runs (req/s per run, in run order):\n");
    println!("| mode | operation | client | runs |");
    println!("|---|---|---|---|");
    for &mode in &modes {
        for &op in &args.ops {
            for &kind in &args.kinds {
                let runs: Vec<String> = results
                    .samples(mode, op, kind)
                    .iter()
                    .map(|s| format!("{:.0}", s.per_second))
                    .collect();
                println!(
                    "| {} | {} | {} | {} |",
                    mode.label(),
                    op.name(),
                    kind.label(),
                    runs.join(", ")
                );
            }
        }
    }
}

/// Every client must have reached the stub, and exactly the signed operation carried a signature.
fn check_counts(args: &Args, stub: &Stub) -> Result<(), String> {
    let per_cell = (args.requests + args.warmup) as u64;
    let per_op = per_cell * (args.runs * args.modes().len() * args.kinds.len()) as u64;
    let expected = per_op * args.ops.len() as u64;
    let expected_signed = per_op
        * args
            .ops
            .iter()
            .filter(|&&op| op == Op::AdminResetUserPassword)
            .count() as u64;
    // Capturing the raw client's requests goes to a recorder, not the stub.
    let requests = stub.requests();
    let signed = stub.matched();
    if requests != expected || signed != expected_signed {
        return Err(format!(
            "the stub saw {requests} requests ({signed} signed); \
             expected {expected} ({expected_signed} signed)"
        ));
    }
    println!("\nStub check: {requests} requests answered, {signed} of them signed (as expected).");
    Ok(())
}

fn client_runtime(threads: usize) -> std::io::Result<tokio::runtime::Runtime> {
    match threads {
        0 | 1 => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build(),
        n => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(n)
            .enable_all()
            .build(),
    }
}

fn main() -> ExitCode {
    let outcome = parse_args().and_then(|args| {
        pin_current_thread(args.pin.client_cpu())?;
        let stub = Stub::start(args.pin.stub_cpu(), STUB)?;
        let endpoint = format!("http://{}", stub.addr);
        let runtime = client_runtime(args.client_threads).map_err(|e| e.to_string())?;
        let clocks = Clocks::new(&stub, args.client_threads <= 1)?;
        let results = runtime.block_on(run(&args, &endpoint, clocks))?;
        drop(runtime);
        report(&args, &results);
        check_counts(&args, &stub)
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
