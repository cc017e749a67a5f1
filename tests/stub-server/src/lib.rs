//! A loopback HTTP/1.1 server answering scripted replies and recording every request, for the
//! runtime's tests and the generated client's. Bounded: it serves at most `MAX_CONNECTIONS`
//! connections, gives up after `LIFETIME`, and is aborted when dropped.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const MAX_CONNECTIONS: usize = 256;
const LIFETIME: Duration = Duration::from_secs(60);
const MAX_HEAD: usize = 64 * 1024;
const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// One scripted answer.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Headers besides the framing (`content-length` or `transfer-encoding`).
    pub headers: Vec<(String, String)>,
    /// What the body is and how it is sent.
    pub body: Body,
    /// How long to wait before answering.
    pub delay: Duration,
}

/// A reply's body, well-behaved or not.
#[derive(Debug, Clone)]
pub enum Body {
    /// These bytes, with their `Content-Length`.
    Fixed(Vec<u8>),
    /// A chunked body of `total` bytes sent in 64 KiB chunks.
    Chunked { total: usize },
    /// Declares `Content-Length: declared` but sends only `sent` bytes, then closes.
    Lying { declared: u64, sent: usize },
    /// Declares `Content-Length: declared`, sends `sent`, then keeps the connection open
    /// without sending anything more.
    Stalling { declared: u64, sent: Vec<u8> },
    /// Sends `chunks` (their total as `Content-Length`) with `pause` before each.
    Trickle {
        chunks: Vec<Vec<u8>>,
        pause: Duration,
    },
}

/// Decides each reply from the request, instead of a script.
pub type Handler = Box<dyn Fn(&Recorded) -> Reply + Send + Sync>;

enum Script {
    Queue(Mutex<VecDeque<Reply>>),
    Handler(Handler),
}

impl Script {
    fn reply_to(&self, request: &Recorded) -> Option<Reply> {
        match self {
            Script::Queue(queue) => queue.lock().expect("lock").pop_front(),
            Script::Handler(handler) => Some(handler(request)),
        }
    }
}

impl Reply {
    /// A reply with `status`, no headers and no body.
    pub fn new(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Body::Fixed(Vec::new()),
            delay: Duration::ZERO,
        }
    }
    /// An awsJson 1.1 reply.
    pub fn json(status: u16, body: &str) -> Self {
        Reply::new(status)
            .header("content-type", "application/x-amz-json-1.1")
            .body(body)
    }
    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
    /// Sets a fixed body.
    pub fn body(mut self, body: impl AsRef<[u8]>) -> Self {
        self.body = Body::Fixed(body.as_ref().to_vec());
        self
    }
    /// Sets a body of any kind.
    pub fn with_body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }
    /// Waits `delay` before answering.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// What the server saw.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `POST`, `GET`, ...
    pub method: String,
    /// The request target (`/`).
    pub path: String,
    /// Names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The values of header `name` (any case), in arrival order.
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The single value of header `name`; `None` when absent. Panics when it is repeated.
    pub fn header(&self, name: &str) -> Option<&str> {
        let values = self.header_values(name);
        assert!(
            values.len() <= 1,
            "header {name} sent {} times: {values:?}",
            values.len()
        );
        values.first().copied()
    }

    /// The body parsed as JSON. Panics, showing the body, when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "request body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// The running server.
pub struct StubServer {
    port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: JoinHandle<()>,
}

impl StubServer {
    /// Starts a server that answers the requests, in order, with `replies`; a request beyond
    /// them gets a 599 reply saying so.
    pub async fn start(replies: Vec<Reply>) -> StubServer {
        Self::start_script(Script::Queue(Mutex::new(VecDeque::from(replies)))).await
    }

    /// A server answering every request with what `handler` returns for it.
    pub async fn start_with(
        handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static,
    ) -> StubServer {
        Self::start_script(Script::Handler(Box::new(handler))).await
    }

    async fn start_script(script: Script) -> StubServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("local addr").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let recorded = Arc::clone(&requests);
        let task = tokio::spawn(async move {
            let serve = async {
                for _ in 0..MAX_CONNECTIONS {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    tokio::spawn(serve_connection(
                        stream,
                        Arc::clone(&script),
                        Arc::clone(&recorded),
                    ));
                }
            };
            let _ = tokio::time::timeout(LIFETIME, serve).await;
        });
        StubServer {
            port,
            requests,
            task,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `127.0.0.1:<port>`, the `Host` a client sends.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }

    /// The only request received; panics unless exactly one arrived.
    pub fn only_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected one request, got {requests:#?}");
        requests.into_iter().next().expect("one request")
    }

    /// How many requests arrived.
    pub fn request_count(&self) -> usize {
        self.requests.lock().expect("lock").len()
    }
}

impl Drop for StubServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve_connection(
    stream: TcpStream,
    script: Arc<Script>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
) {
    let mut stream = BufReader::new(stream);
    let deadline = tokio::time::sleep(LIFETIME);
    tokio::pin!(deadline);
    loop {
        let request = tokio::select! {
            r = read_request(&mut stream) => r,
            _ = &mut deadline => return,
        };
        let Some(request) = request else { return };
        let reply = script.reply_to(&request);
        recorded.lock().expect("lock").push(request);
        let Some(reply) = reply else {
            let _ = write_reply(
                stream.get_mut(),
                &Reply::new(599).body("stub server: no scripted reply left"),
            )
            .await;
            return;
        };
        tokio::time::sleep(reply.delay).await;
        if write_reply(stream.get_mut(), &reply).await.is_err() {
            return;
        }
        match reply.body {
            Body::Lying { .. } => return,
            Body::Stalling { .. } => {
                // Hold the connection open, silent, until the client gives up.
                let mut rest = Vec::new();
                let _ = tokio::time::timeout(LIFETIME, stream.read_to_end(&mut rest)).await;
                return;
            }
            _ => {}
        }
    }
}

async fn read_request(stream: &mut BufReader<TcpStream>) -> Option<Recorded> {
    let mut line = String::new();
    let mut head_size = 0;
    stream.read_line(&mut line).await.ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        line.clear();
        let n = stream.read_line(&mut line).await.ok()?;
        head_size += n;
        if n == 0 || head_size > MAX_HEAD {
            return None;
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = match chunked {
        true => read_chunked(stream).await?,
        false => {
            let length = headers
                .iter()
                .find(|(n, _)| n == "content-length")
                .and_then(|(_, v)| v.parse::<usize>().ok())
                .unwrap_or(0);
            if length > MAX_REQUEST_BODY {
                return None;
            }
            let mut body = vec![0; length];
            stream.read_exact(&mut body).await.ok()?;
            body
        }
    };
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}

/// A chunked request body (a streamed upload of unknown length), joined; trailers skipped.
async fn read_chunked(stream: &mut BufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        stream.read_line(&mut line).await.ok()?;
        let size = line.trim_end().split(';').next()?;
        let size = usize::from_str_radix(size.trim(), 16).ok()?;
        if body.len() + size > MAX_REQUEST_BODY {
            return None;
        }
        if size == 0 {
            // Trailers, if any, end with an empty line.
            loop {
                line.clear();
                let n = stream.read_line(&mut line).await.ok()?;
                if n == 0 || line.trim_end().is_empty() {
                    return Some(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        stream.read_exact(&mut body[start..]).await.ok()?;
        line.clear();
        stream.read_line(&mut line).await.ok()?; // the CRLF after the chunk
    }
}

async fn write_reply(stream: &mut TcpStream, reply: &Reply) -> std::io::Result<()> {
    let reason = http::StatusCode::from_u16(reply.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Whatever");
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match &reply.body {
        Body::Fixed(body) => {
            head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(body).await?;
        }
        Body::Chunked { total } => {
            head.push_str("transfer-encoding: chunked\r\n\r\n");
            stream.write_all(head.as_bytes()).await?;
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < *total {
                let n = chunk.len().min(total - sent);
                stream.write_all(format!("{n:x}\r\n").as_bytes()).await?;
                stream.write_all(&chunk[..n]).await?;
                stream.write_all(b"\r\n").await?;
                sent += n;
            }
            stream.write_all(b"0\r\n\r\n").await?;
        }
        Body::Lying { declared, sent } => {
            head.push_str(&format!("content-length: {declared}\r\n\r\n"));
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(&vec![b'x'; *sent]).await?;
        }
        Body::Trickle { chunks, pause } => {
            let total: usize = chunks.iter().map(Vec::len).sum();
            head.push_str(&format!("content-length: {total}\r\n\r\n"));
            stream.write_all(head.as_bytes()).await?;
            for chunk in chunks {
                stream.flush().await?;
                tokio::time::sleep(*pause).await;
                stream.write_all(chunk).await?;
            }
        }
        Body::Stalling { declared, sent } => {
            head.push_str(&format!("content-length: {declared}\r\n\r\n"));
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(sent).await?;
        }
    }
    stream.flush().await
}
