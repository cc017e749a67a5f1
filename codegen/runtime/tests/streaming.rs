//! `@streaming` payloads through the whole pipeline against a loopback server: uploads from a
//! file (with their length, signed as `UNSIGNED-PAYLOAD`, sent again on a retry) and from a
//! stream of chunks (read once, so not retried); downloads handed over before their body is
//! read, with stalled-stream protection; transports that only implement `send`.
mod fake_service;

use bytes::Bytes;
use fake_service::{DoThingError, SERVICE};
use futures_core::Stream;
use runtime::client::Runtime;
use runtime::config::{Config, ConfigBuilder};
use runtime::credentials::Credentials;
use runtime::error::Error;
use runtime::operation::{OperationOutput, OperationSpec, ResponseMetadata};
use runtime::retry::RetryConfig;
use runtime::stream::ByteStream;
use runtime::transport::{HttpTransport, SendFuture, TransportErrorKind};
use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use stub_server::{Body, Reply, StubServer};

static PUT_OBJECT: OperationSpec = OperationSpec {
    name: "PutObject",
    target: "FakeService.PutObject",
    signed: true,
    host_prefix: None,
    request_compression: false,
};

static GET_OBJECT: OperationSpec = OperationSpec {
    name: "GetObject",
    target: "FakeService.GetObject",
    signed: false,
    host_prefix: None,
    request_compression: false,
};

#[derive(Default)]
pub struct PutObjectInput {
    path: String,
    body: Option<ByteStream>,
}

runtime::http_input! {
    PutObjectInput: "PUT" "/objects/{Path}";
    label path "Path" Text;
    payload body Opt(Stream);
}

#[derive(Default, Debug)]
pub struct PutObjectOutput {
    etag: Option<String>,
    metadata: ResponseMetadata,
}

runtime::http_output! {
    PutObjectOutput;
    header etag "ETag" Opt(Text);
}

#[derive(Default)]
pub struct GetObjectInput {
    path: String,
}

runtime::http_input! {
    GetObjectInput: "GET" "/objects/{Path}";
    label path "Path" Text;
}

#[derive(Default, Debug)]
pub struct GetObjectOutput {
    content_type: Option<String>,
    body: Option<ByteStream>,
    metadata: ResponseMetadata,
}

runtime::http_output! {
    GetObjectOutput;
    header content_type "Content-Type" Opt(Text);
    payload body Opt(Stream);
}

impl OperationOutput for PutObjectOutput {
    fn set_metadata(&mut self, metadata: ResponseMetadata) {
        self.metadata = metadata;
    }
}

impl OperationOutput for GetObjectOutput {
    fn set_metadata(&mut self, metadata: ResponseMetadata) {
        self.metadata = metadata;
    }
}

fn config_for(server: &StubServer) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .endpoint_url(server.url())
        .credentials_provider(Credentials::new("AKID", "SECRET", None))
        .retry_config(
            RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
}

async fn put(config: Config, body: ByteStream) -> Result<PutObjectOutput, Error<DoThingError>> {
    let input = PutObjectInput {
        path: "a b".into(),
        body: Some(body),
    };
    Runtime::new(&SERVICE, config)
        .call_rest_json(&PUT_OBJECT, &input, &[])
        .await
}

async fn get(config: Config) -> Result<GetObjectOutput, Error<DoThingError>> {
    let input = GetObjectInput { path: "a".into() };
    Runtime::new(&SERVICE, config)
        .call_rest_json_streaming(&GET_OBJECT, &input, &[])
        .await
}

/// Bytes no two offsets of which are likely to repeat a pattern (so a chunk sent twice or out of
/// order shows).
fn content(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
}

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path =
        std::env::temp_dir().join(format!("runtime-streaming-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("write the temp file");
    path
}

/// A stream of these chunks, read once.
struct Chunks(VecDeque<Bytes>);

impl Stream for Chunks {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.pop_front().map(Ok))
    }
}

fn chunks(parts: &[&'static [u8]]) -> Chunks {
    Chunks(parts.iter().map(|p| Bytes::from_static(p)).collect())
}

#[tokio::test]
async fn a_file_upload_is_sent_with_its_length_and_signed_as_unsigned_payload() {
    let bytes = content(300 * 1024);
    let path = temp_file("upload", &bytes);
    let server = StubServer::start(vec![Reply::new(200).header("etag", "\"e1\"")]).await;
    let body = ByteStream::from_path(&path).expect("a readable file");
    assert_eq!(body.len(), Some(bytes.len() as u64));
    let output = put(config_for(&server).build(), body).await.expect("sent");
    assert_eq!(output.etag.as_deref(), Some("\"e1\""));
    let request = server.only_request();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("PUT", "/objects/a%20b")
    );
    assert!(request.body == bytes, "the server got the file's bytes");
    assert_eq!(request.header("content-length"), Some("307200"));
    assert_eq!(
        request.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(
        request.header("x-amz-content-sha256"),
        Some("UNSIGNED-PAYLOAD")
    );
    let authorization = request.header("authorization").expect("signed");
    assert!(
        authorization.contains("SignedHeaders=") && authorization.contains("x-amz-content-sha256"),
        "{authorization}"
    );
    std::fs::remove_file(path).ok();
}

#[tokio::test]
async fn bytes_in_memory_are_signed_with_their_hash() {
    let server = StubServer::start(vec![Reply::new(200)]).await;
    put(config_for(&server).build(), ByteStream::from("hello"))
        .await
        .expect("sent");
    let request = server.only_request();
    assert_eq!(request.body, b"hello");
    assert_eq!(request.header("x-amz-content-sha256"), None);
}

#[tokio::test]
async fn a_file_upload_is_read_again_for_a_retry() {
    let bytes = content(100 * 1024);
    let path = temp_file("retry", &bytes);
    let server = StubServer::start(vec![Reply::new(503), Reply::new(200)]).await;
    let body = ByteStream::from_path(&path).expect("a readable file");
    put(config_for(&server).build(), body)
        .await
        .expect("sent on the second attempt");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(
        requests.iter().all(|r| r.body == bytes),
        "both attempts carry the whole file"
    );
    std::fs::remove_file(path).ok();
}

#[tokio::test]
async fn a_stream_upload_of_unknown_length_goes_chunked_and_is_not_retried() {
    let server = StubServer::start(vec![Reply::new(503), Reply::new(200)]).await;
    let body = ByteStream::from_stream(chunks(&[b"one ", b"two ", b"three"]), None);
    assert_eq!(body.len(), None);
    let error = put(config_for(&server).build(), body)
        .await
        .expect_err("no retry");
    let Error::Service(error) = error else {
        panic!("the 503 itself, got {error:?}");
    };
    assert_eq!(
        runtime::operation::OperationError::metadata(&error).status,
        503
    );
    let request = server.only_request();
    assert_eq!(request.body, b"one two three");
    assert_eq!(request.header("transfer-encoding"), Some("chunked"));
    assert_eq!(request.header("content-length"), None);
}

#[tokio::test]
async fn a_stream_of_known_length_says_it() {
    let server = StubServer::start(vec![Reply::new(200)]).await;
    let body = ByteStream::from_stream(chunks(&[b"abc", b"de"]), Some(5));
    put(config_for(&server).build(), body).await.expect("sent");
    let request = server.only_request();
    assert_eq!(
        (request.body.as_slice(), request.header("content-length")),
        (&b"abcde"[..], Some("5"))
    );
}

#[tokio::test]
async fn a_missing_file_fails_before_anything_is_sent() {
    let missing = std::env::temp_dir().join("runtime-streaming-no-such-file");
    let error = ByteStream::from_path(&missing).expect_err("no such file");
    assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
    let directory = ByteStream::from_path(std::env::temp_dir()).expect_err("not a file");
    assert!(
        directory.to_string().contains("is not a regular file"),
        "{directory}"
    );
}

#[tokio::test]
async fn a_download_is_handed_over_before_its_body_is_read() {
    // The server sends the head and 10 bytes of 1000, then nothing: a client that read the
    // whole body first could never return.
    let server = StubServer::start(vec![Reply::new(200)
        .header("content-type", "video/mp4")
        .with_body(Body::Stalling {
            declared: 1000,
            sent: b"0123456789".to_vec(),
        })])
    .await;
    let config = config_for(&server)
        .stalled_stream_grace_period(Some(Duration::from_millis(300)))
        .build();
    let output = get(config).await.expect("the head arrived");
    assert_eq!(output.content_type.as_deref(), Some("video/mp4"));
    let mut body = output.body.expect("the payload is the body");
    assert_eq!(body.len(), Some(1000));
    assert_eq!(format!("{body:?}"), "ByteStream(stream, 1000 bytes)");
    let first = body.next().await.expect("a chunk").expect("data");
    assert_eq!(&first[..], b"0123456789");
    let stalled = body
        .next()
        .await
        .expect("an error")
        .expect_err("the body stalled");
    assert_eq!(stalled.kind(), TransportErrorKind::Timeout);
    assert!(stalled.to_string().contains("stalled stream"), "{stalled}");
    assert!(body.next().await.is_none(), "a failed body ends");
}

#[tokio::test]
async fn a_download_reads_whole_across_chunks() {
    let bytes = content(200 * 1024);
    let reply = Reply::new(200).with_body(Body::Trickle {
        chunks: bytes.chunks(64 * 1024).map(<[u8]>::to_vec).collect(),
        pause: Duration::from_millis(5),
    });
    let server = StubServer::start(vec![reply]).await;
    let output = get(config_for(&server).build())
        .await
        .expect("the head arrived");
    let body = output.body.expect("the payload");
    assert!(body.collect().await.expect("read") == bytes);
}

#[tokio::test]
async fn an_error_response_of_a_streaming_operation_is_parsed() {
    let reply = Reply::json(404, r#"{"__type":"NotFoundException","Resource":"a"}"#);
    let server = StubServer::start(vec![reply]).await;
    let error = get(config_for(&server).build()).await.expect_err("404");
    let Error::Service(DoThingError::NotFound { resource, .. }) = error else {
        panic!("the modeled error, got {error:?}");
    };
    assert_eq!(resource.as_deref(), Some("a"));
}

/// A transport that answers from memory and implements only `send`.
#[derive(Debug, Clone, Default)]
struct Recording {
    sent: std::sync::Arc<std::sync::Mutex<Vec<Bytes>>>,
}

impl HttpTransport for Recording {
    fn send(&self, request: http::Request<Bytes>) -> SendFuture<'_> {
        self.sent.lock().unwrap().push(request.body().clone());
        let response = http::Response::new(Bytes::from_static(b"payload bytes"));
        Box::pin(std::future::ready(Ok(response)))
    }
}

#[tokio::test]
async fn a_transport_with_only_send_serves_streaming_operations() {
    let transport = Recording::default();
    let config = || {
        Config::builder()
            .region("us-east-1")
            .endpoint_url("https://example.com")
            .credentials_provider(Credentials::new("AKID", "SECRET", None))
            .transport(transport.clone())
            .build()
    };
    let body = ByteStream::from_stream(chunks(&[b"up", b"load"]), None);
    put(config(), body).await.expect("sent");
    assert_eq!(
        transport.sent.lock().unwrap().as_slice(),
        [Bytes::from_static(b"upload")]
    );
    let output = get(config()).await.expect("answered");
    let body = output.body.expect("the payload");
    assert_eq!(
        body.collect().await.expect("read"),
        Bytes::from_static(b"payload bytes")
    );
}

#[derive(Default)]
pub struct PutSizedInput {
    body: Option<ByteStream>,
}

runtime::http_input! {
    PutSizedInput: "PUT" "/sized";
    payload body Opt(SizedStream);
}

#[tokio::test]
async fn a_body_that_requires_length_refuses_a_stream_without_one() {
    use runtime::protocol::rest_json::HttpInput;
    let unsized_body = PutSizedInput {
        body: Some(ByteStream::from_stream(chunks(&[b"x"]), None)),
    };
    let error = unsized_body.encode().expect_err("no length");
    assert!(error.contains("`@requiresLength`"), "{error}");
    let sized = PutSizedInput {
        body: Some(ByteStream::from_stream(chunks(&[b"x"]), Some(1))),
    };
    assert_eq!(sized.encode().expect("a length").body.len(), Some(1));
}

#[derive(Default)]
pub struct PutUnsignedInput {
    body: Option<ByteStream>,
}

runtime::http_input! {
    PutUnsignedInput: "PUT" "/unsigned";
    payload body Opt(Stream);
    unsigned_payload;
}

#[tokio::test]
async fn an_unsigned_payload_operation_does_not_hash_even_bytes_in_memory() {
    let server = StubServer::start(vec![Reply::new(200)]).await;
    let input = PutUnsignedInput {
        body: Some(ByteStream::from("in memory")),
    };
    let output: PutObjectOutput = Runtime::new(&SERVICE, config_for(&server).build())
        .call_rest_json::<_, _, DoThingError>(&PUT_OBJECT, &input, &[])
        .await
        .expect("sent");
    assert_eq!(output.metadata.status, 200);
    let request = server.only_request();
    assert_eq!(request.body, b"in memory");
    assert_eq!(request.header("content-length"), Some("9"));
    assert_eq!(
        request.header("x-amz-content-sha256"),
        Some("UNSIGNED-PAYLOAD")
    );
}
