//! The stub server (a current-thread runtime on a thread of its own, like tests/bench's) and
//! the thread plumbing: pinning, per-thread CPU clocks, load average.
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// What Lambda answers to PutProvisionedConcurrencyConfig (shape from the model; values made up).
pub const BODY: &str = r#"{"RequestedProvisionedConcurrentExecutions":10,"AvailableProvisionedConcurrentExecutions":0,"AllocatedProvisionedConcurrentExecutions":0,"Status":"IN_PROGRESS","StatusReason":"bench","LastModified":"2026-12-06T01:00:00.000+0000"}"#;
pub const STATUS_REASON: &str = "bench";
const REQUEST_ID: &str = "11111111-2222-4333-8444-555555555555";
/// The path and query every request must carry (label and query encoded by the client).
const PATH_AND_QUERY: &str =
    "/2019-09-30/functions/bench-function/provisioned-concurrency?Qualifier=live";
const REQUEST_BODY: &[u8] = br#"{"ProvisionedConcurrentExecutions":10}"#;

/// The stub's answer, for the recording transport too.
pub fn answer_parts() -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::from_static(BODY.as_bytes()));
    *response.status_mut() = http::StatusCode::ACCEPTED;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    headers.insert(
        "x-amzn-requestid",
        http::HeaderValue::from_static(REQUEST_ID),
    );
    response
}

/// Requests answered, and those that were exactly what the operation should send.
#[derive(Default)]
struct Counts {
    requests: AtomicU64,
    well_formed: AtomicU64,
}

pub struct Stub {
    pub addr: SocketAddr,
    counts: Arc<Counts>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Stub {
    pub fn start(cpu: Option<usize>) -> Result<Stub, String> {
        let counts = Arc::new(Counts::default());
        let (stop, stopped) = oneshot::channel();
        let (ready, bound) = std::sync::mpsc::channel();
        let thread_counts = Arc::clone(&counts);
        let thread = std::thread::Builder::new()
            .name("stub".into())
            .spawn(move || {
                let runtime = pin_current_thread(cpu).and_then(|()| {
                    tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .map_err(|e| format!("stub runtime: {e}"))
                });
                match runtime {
                    Ok(runtime) => runtime.block_on(serve(thread_counts, ready, stopped)),
                    Err(e) => drop(ready.send(Err(e))),
                }
            })
            .map_err(|e| format!("stub thread: {e}"))?;
        let addr = bound
            .recv()
            .map_err(|_| "the stub ended before binding".to_string())??;
        Ok(Stub {
            addr,
            counts,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The stub thread's CPU clock.
    pub fn clock(&self) -> Result<libc::clockid_t, String> {
        use std::os::unix::thread::JoinHandleExt;
        let thread = self.thread.as_ref().ok_or("the stub thread is gone")?;
        // SAFETY: the stub thread is alive until `Stub` is dropped, which joins it.
        unsafe { cpu_clock(thread.as_pthread_t()) }
    }

    /// Every request reached the stub and was the expected one.
    pub fn check(&self, expected: u64) -> Result<(), String> {
        let requests = self.counts.requests.load(Ordering::Relaxed);
        let good = self.counts.well_formed.load(Ordering::Relaxed);
        if requests != expected || good != expected {
            return Err(format!(
                "the stub saw {requests} requests ({good} well formed); expected {expected}"
            ));
        }
        println!("\nStub check: {requests} requests answered, all signed PUTs with the expected path, query and body.");
        Ok(())
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(
    counts: Arc<Counts>,
    ready: std::sync::mpsc::Sender<Result<SocketAddr, String>>,
    mut stopped: oneshot::Receiver<()>,
) {
    let listener = match TcpListener::bind("127.0.0.1:0").await {
        Ok(listener) => listener,
        Err(e) => return drop(ready.send(Err(format!("binding 127.0.0.1: {e}")))),
    };
    let _ = ready.send(listener.local_addr().map_err(|e| e.to_string()));
    loop {
        let accepted = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, _)) = accepted else { continue };
        let _ = stream.set_nodelay(true);
        let counts = Arc::clone(&counts);
        tokio::spawn(async move {
            let service = service_fn(move |request| answer(Arc::clone(&counts), request));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(
    counts: Arc<Counts>,
    request: http::Request<Incoming>,
) -> Result<http::Response<Full<Bytes>>, Infallible> {
    counts.requests.fetch_add(1, Ordering::Relaxed);
    let (parts, body) = request.into_parts();
    // Read the body as a real server would, and check the request is the operation's.
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let well_formed = parts.method == http::Method::PUT
        && parts.uri.path_and_query().map(|p| p.as_str()) == Some(PATH_AND_QUERY)
        && parts.headers.contains_key(http::header::AUTHORIZATION)
        && body.as_ref() == REQUEST_BODY;
    if well_formed {
        counts.well_formed.fetch_add(1, Ordering::Relaxed);
    }
    Ok(answer_parts().map(Full::new))
}

/// Restricts the calling thread (and threads it starts later) to one CPU.
pub fn pin_current_thread(cpu: Option<usize>) -> Result<(), String> {
    let Some(cpu) = cpu else { return Ok(()) };
    // SAFETY: cpu_set_t is plain data, zeroed is its empty set, and the pointer and size passed
    // describe that local value.
    let result = unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set)
    };
    if result != 0 {
        return Err(format!(
            "pinning to CPU {cpu}: {}",
            std::io::Error::last_os_error()
        ));
    }
    Ok(())
}

/// The calling thread's CPU clock.
pub fn own_clock() -> Result<libc::clockid_t, String> {
    // SAFETY: pthread_self names the calling, live thread.
    unsafe { cpu_clock(libc::pthread_self()) }
}

/// # Safety
/// `thread` must be a live thread.
unsafe fn cpu_clock(thread: libc::pthread_t) -> Result<libc::clockid_t, String> {
    let mut clock: libc::clockid_t = 0;
    match libc::pthread_getcpuclockid(thread, &mut clock) {
        0 => Ok(clock),
        e => Err(format!("pthread_getcpuclockid: error {e}")),
    }
}

pub fn cpu_time(clock: libc::clockid_t) -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec to write into.
    if unsafe { libc::clock_gettime(clock, &mut now) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// The 1-minute load average, for the report beside each figure.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
