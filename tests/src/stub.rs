//! A scripted HTTP/1.1 server on 127.0.0.1: it records every request exactly as it arrives and
//! answers with the next scripted [`Reply`]. It stops by itself after [`LIFETIME`], or when
//! dropped.
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// How long a stub server lives at most.
pub const LIFETIME: Duration = Duration::from_secs(30);

/// How long a connection may stay silent before the server closes it.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest request head (request line and headers) the server accepts.
const MAX_HEAD: usize = 64 * 1024;

/// The largest request body the server accepts.
const MAX_BODY: usize = 1024 * 1024;

/// One scripted response.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    /// A response with this status and body and no headers but `Content-Length`.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// An awsJson 1.1 response.
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::new(status, body).header("Content-Type", "application/x-amz-json-1.1")
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status)).into_bytes();
        for (name, value) in &self.headers {
            out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", self.body.len()).as_bytes());
        out.extend_from_slice(&self.body);
        out
    }
}

fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Status")
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// `POST`, `GET`, ...
    pub method: String,
    /// The request target (`/`).
    pub path: String,
    /// Header names and values in arrival order, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The values of header `name` (any case), in arrival order.
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
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

    /// The body parsed as JSON. Panics when it is not JSON.
    pub fn json_body(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "request body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

#[derive(Default)]
struct State {
    replies: VecDeque<Reply>,
    requests: Vec<RecordedRequest>,
}

/// The running server.
pub struct StubServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl StubServer {
    /// Starts a server that answers the requests, in order, with `replies`; a request beyond
    /// them gets a 599 reply saying so.
    pub async fn start(replies: Vec<Reply>) -> StubServer {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("bind a loopback port");
        let address = listener.local_addr().expect("read the bound address");
        let state = Arc::new(Mutex::new(State {
            replies: replies.into(),
            requests: Vec::new(),
        }));
        let task = tokio::spawn(serve(listener, Arc::clone(&state)));
        StubServer {
            address,
            state,
            task,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The requests received so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state).requests.clone()
    }

    /// The only request received; panics unless exactly one arrived.
    pub fn only_request(&self) -> RecordedRequest {
        let requests = self.requests();
        assert_eq!(requests.len(), 1, "expected one request, got {requests:#?}");
        requests.into_iter().next().expect("one request")
    }
}

impl Drop for StubServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    // An assertion failing elsewhere poisons nothing this server relies on.
    state.lock().unwrap_or_else(|e| e.into_inner())
}

async fn serve(listener: TcpListener, state: Arc<Mutex<State>>) {
    // Dropping the set (at the deadline, or when the server is dropped) ends every connection.
    let mut connections = JoinSet::new();
    let accept_loop = async {
        while let Ok((stream, _)) = listener.accept().await {
            connections.spawn(serve_connection(stream, Arc::clone(&state)));
        }
    };
    let _ = tokio::time::timeout(LIFETIME, accept_loop).await;
}

async fn serve_connection(mut stream: TcpStream, state: Arc<Mutex<State>>) {
    let mut buffer = Vec::new();
    loop {
        let request = match tokio::time::timeout(
            IDLE_TIMEOUT,
            read_request(&mut stream, &mut buffer),
        )
        .await
        {
            Ok(Ok(Some(request))) => request,
            _ => return,
        };
        let reply = {
            let mut state = lock(&state);
            state.requests.push(request);
            state.replies.pop_front()
        };
        let reply = reply.unwrap_or_else(|| Reply::new(599, "stub server: no scripted reply left"));
        if stream.write_all(&reply.to_bytes()).await.is_err() {
            return;
        }
    }
}

/// Reads one request from `stream`; `buffer` keeps bytes that arrived past it. `None` when the
/// peer closed the connection between requests.
async fn read_request(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> std::io::Result<Option<RecordedRequest>> {
    let head_end = loop {
        if let Some(at) = find(buffer, b"\r\n\r\n") {
            break at;
        }
        if buffer.len() > MAX_HEAD {
            return Err(invalid("request head too large"));
        }
        if read_more(stream, buffer).await? == 0 {
            return match buffer.is_empty() {
                true => Ok(None),
                false => Err(invalid("connection closed inside a request head")),
            };
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or("").split(' ');
    let method = request_line.next().unwrap_or("").to_string();
    let path = request_line.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    if length > MAX_BODY {
        return Err(invalid("request body too large"));
    }
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        if read_more(stream, buffer).await? == 0 {
            return Err(invalid("connection closed inside a request body"));
        }
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Ok(Some(RecordedRequest {
        method,
        path,
        headers,
        body,
    }))
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut chunk = [0u8; 8192];
    let n = stream.read(&mut chunk).await?;
    buffer.extend_from_slice(&chunk[..n]);
    Ok(n)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn invalid(message: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}
