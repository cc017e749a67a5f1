//! The loopback stub server of both loopback benches (this crate's `loopback`, and
//! tests/bench-rest-json's, which includes this file with `#[path]`, having no other dependency
//! on this crate and its official SDK): HTTP/1.1 on 127.0.0.1 from a current-thread runtime on
//! a thread of its own, answering every request the same way; and the thread plumbing around
//! it: pinning, per-thread CPU clocks.
//!
//! Both benches compile this file with `-D warnings`, so every item here is used by both.
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

/// What a bench's stub answers, and which requests it counts apart (signed ones, well-formed
/// ones) so the bench can check every client really sent what it should.
#[derive(Clone, Copy)]
pub struct Script {
    /// The answer to every request.
    pub answer: fn() -> http::Response<Bytes>,
    /// Whether a request, by its head and whole body, is counted in [`Stub::matched`].
    pub matches: fn(&http::request::Parts, &[u8]) -> bool,
}

/// Requests answered, and those `Script::matches` accepted.
#[derive(Default)]
struct Counts {
    requests: AtomicU64,
    matched: AtomicU64,
}

pub struct Stub {
    pub addr: SocketAddr,
    counts: Arc<Counts>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Stub {
    /// Starts the stub on its own thread (pinned to `cpu`, if any) and single-threaded runtime.
    pub fn start(cpu: Option<usize>, script: Script) -> Result<Stub, String> {
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
                    Ok(runtime) => runtime.block_on(serve(thread_counts, script, ready, stopped)),
                    Err(e) => drop(ready.send(Err(e))),
                }
            })
            .map_err(|e| format!("stub thread: {e}"))?;
        let addr = bound
            .recv()
            .map_err(|_| "the stub thread ended before binding".to_string())??;
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

    /// Requests answered so far.
    pub fn requests(&self) -> u64 {
        self.counts.requests.load(Ordering::Relaxed)
    }

    /// Of those, the ones the script's `matches` accepted.
    pub fn matched(&self) -> u64 {
        self.counts.matched.load(Ordering::Relaxed)
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
    script: Script,
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
            let service = service_fn(move |request| answer(Arc::clone(&counts), script, request));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(
    counts: Arc<Counts>,
    script: Script,
    request: http::Request<Incoming>,
) -> Result<http::Response<Full<Bytes>>, Infallible> {
    counts.requests.fetch_add(1, Ordering::Relaxed);
    let (parts, body) = request.into_parts();
    // Read the body as a real server would before answering.
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    if (script.matches)(&parts, &body) {
        counts.matched.fetch_add(1, Ordering::Relaxed);
    }
    Ok((script.answer)().map(Full::new))
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

/// CPU time on `clock` so far.
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
