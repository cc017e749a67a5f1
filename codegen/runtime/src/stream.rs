//! [`ByteStream`]: a body that need not be held in memory, for `@streaming` blob members
//! (an upload from a file or any stream of chunks, a download read chunk by chunk) and the
//! body type of [`HttpTransport::send_streaming`](super::transport::HttpTransport::send_streaming).
use super::transport::{TransportError, TransportErrorKind};
use super::types::Blob;
use bytes::Bytes;
use futures_core::Stream;
use hyper::body::{Body, Frame, SizeHint};
use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

/// How much of a file is read at a time: 64 KiB.
const FILE_CHUNK: usize = 64 * 1024;

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, TransportError>> + Send>>;

/// A body of bytes, in memory or streamed.
///
/// As input: build one from bytes (`ByteStream::from(vec)`), from a file
/// ([`ByteStream::from_path`], read 64 KiB at a time) or from any stream of chunks
/// ([`ByteStream::from_stream`]). Bytes and files are sent again when a request is retried;
/// a stream of chunks is read once, so its request is not retried.
///
/// As output: the response body, unread. Read it with [`ByteStream::next`] (or as a
/// [`Stream`]) chunk by chunk, or whole with [`ByteStream::collect`]. A body that delivers no
/// data for the stalled-stream grace period fails with a [`TransportErrorKind::Timeout`].
///
/// `Debug` shows the kind and length, never the bytes.
pub struct ByteStream {
    inner: Inner,
}

enum Inner {
    /// In memory; empty once read.
    Bytes(Bytes),
    /// A file, opened when read: each attempt of a request reads it again.
    File { path: Arc<Path>, len: u64 },
    /// Chunks read once. Shared, so that an input borrowed while its request is sent can hand
    /// the chunks to the request: the first reader takes them.
    Chunks {
        chunks: Arc<Mutex<Option<Chunks>>>,
        len: Option<u64>,
    },
}

impl ByteStream {
    /// A body of `len` bytes (when known) read from `stream`, once. An error from the stream
    /// fails the request (or, for a response, the read) with a [`TransportErrorKind::Io`].
    pub fn from_stream<S, E>(stream: S, len: Option<u64>) -> ByteStream
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn StdError + Send + Sync>>,
    {
        let chunks = MapErr {
            stream: Box::pin(stream),
        };
        ByteStream::from_chunks(Box::pin(chunks), len)
    }

    /// The file at `path`, read 64 KiB at a time when the request is sent (and again on a
    /// retry). Its length is read now: the request says it, so the file must not change
    /// size until the call ends. Fails when `path` is not a readable regular file.
    pub fn from_path(path: impl AsRef<Path>) -> std::io::Result<ByteStream> {
        let path = path.as_ref();
        let metadata = std::fs::metadata(path)?;
        if !metadata.is_file() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} is not a regular file", path.display()),
            ));
        }
        Ok(ByteStream {
            inner: Inner::File {
                path: Arc::from(path),
                len: metadata.len(),
            },
        })
    }

    pub(crate) fn from_chunks(chunks: Chunks, len: Option<u64>) -> ByteStream {
        ByteStream {
            inner: Inner::Chunks {
                chunks: Arc::new(Mutex::new(Some(chunks))),
                len,
            },
        }
    }

    /// The length in bytes, when known: always for bytes and files; for a stream, what its
    /// maker said (for a response, its `Content-Length`).
    pub fn len(&self) -> Option<u64> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes.len() as u64),
            Inner::File { len, .. } => Some(*len),
            Inner::Chunks { len, .. } => *len,
        }
    }

    /// True when the body is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The bytes, when the body is in memory.
    pub fn bytes(&self) -> Option<&Bytes> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes),
            _ => None,
        }
    }

    /// The next chunk; `None` at the end.
    pub async fn next(&mut self) -> Option<Result<Bytes, TransportError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Reads the rest of the body into memory, however large the service makes it: for a body
    /// of unknown size, read it chunk by chunk with [`ByteStream::next`] instead.
    pub async fn collect(self) -> Result<Bytes, TransportError> {
        self.collect_at_most(usize::MAX).await
    }

    /// [`ByteStream::collect`], failing with [`TransportErrorKind::BodyTooLarge`] past `limit`
    /// bytes.
    pub(crate) async fn collect_at_most(mut self, limit: usize) -> Result<Bytes, TransportError> {
        if let Inner::Bytes(bytes) = &mut self.inner {
            return match bytes.len() <= limit {
                true => Ok(std::mem::take(bytes)),
                false => Err(too_large(limit)),
            };
        }
        let mut joined = Vec::new();
        while let Some(chunk) = self.next().await {
            let chunk = chunk?;
            if joined.len() + chunk.len() > limit {
                return Err(too_large(limit));
            }
            joined.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(joined))
    }

    /// Another handle on the same body, for a request made from a borrowed input: bytes and
    /// files are copied (cheaply), chunks are shared (whichever reads first takes them).
    #[allow(dead_code)] // restJson1's payloads share; awsJson has none
    pub(crate) fn share(&self) -> ByteStream {
        let inner = match &self.inner {
            Inner::Bytes(bytes) => Inner::Bytes(bytes.clone()),
            Inner::File { path, len } => Inner::File {
                path: path.clone(),
                len: *len,
            },
            Inner::Chunks { chunks, len } => Inner::Chunks {
                chunks: chunks.clone(),
                len: *len,
            },
        };
        ByteStream { inner }
    }

    /// The body for one attempt of a request: the same bytes, the file opened anew, or the
    /// chunks if no attempt took them yet (`None` then: the request cannot be sent again).
    pub(crate) fn replay(&self) -> Option<ByteStream> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(ByteStream::from(bytes.clone())),
            Inner::File { path, len } => Some(ByteStream::from_chunks(
                file_chunks(path.clone()),
                Some(*len),
            )),
            Inner::Chunks { chunks, len } => {
                let taken = chunks.lock().unwrap_or_else(PoisonError::into_inner).take();
                taken.map(|chunks| ByteStream::from_chunks(chunks, *len))
            }
        }
    }

    /// True when [`ByteStream::replay`] would give a body.
    pub(crate) fn replayable(&self) -> bool {
        match &self.inner {
            Inner::Bytes(_) | Inner::File { .. } => true,
            Inner::Chunks { chunks, .. } => chunks
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .is_some(),
        }
    }
}

fn too_large(limit: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::BodyTooLarge,
        format!("the body exceeds the {limit}-byte limit"),
    )
}

impl Stream for ByteStream {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if let Inner::File { path, len } = &self.inner {
            let chunks = file_chunks(path.clone());
            let len = Some(*len);
            self.inner = Inner::Chunks {
                chunks: Arc::new(Mutex::new(Some(chunks))),
                len,
            };
        }
        match &mut self.inner {
            Inner::Bytes(bytes) if bytes.is_empty() => Poll::Ready(None),
            Inner::Bytes(bytes) => Poll::Ready(Some(Ok(std::mem::take(bytes)))),
            Inner::File { .. } => Poll::Ready(None),
            Inner::Chunks { chunks, .. } => {
                let mut chunks = chunks.lock().unwrap_or_else(PoisonError::into_inner);
                match chunks.as_mut() {
                    Some(chunks) => chunks.as_mut().poll_next(cx),
                    None => Poll::Ready(None),
                }
            }
        }
    }
}

// What hyper sends as a request body.
impl Body for ByteStream {
    type Data = Bytes;
    type Error = TransportError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, TransportError>>> {
        self.poll_next(cx)
            .map(|chunk| chunk.map(|c| c.map(Frame::data)))
    }

    fn is_end_stream(&self) -> bool {
        matches!(&self.inner, Inner::Bytes(bytes) if bytes.is_empty())
    }

    fn size_hint(&self) -> SizeHint {
        match self.len() {
            Some(len) => SizeHint::with_exact(len),
            None => SizeHint::default(),
        }
    }
}

impl Default for ByteStream {
    /// An empty body.
    fn default() -> Self {
        ByteStream::from(Bytes::new())
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        ByteStream {
            inner: Inner::Bytes(bytes),
        }
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream::from(Bytes::from(bytes))
    }
}

impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        ByteStream::from(Bytes::from_static(bytes))
    }
}

impl From<&'static str> for ByteStream {
    fn from(text: &'static str) -> Self {
        ByteStream::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        ByteStream::from(Bytes::from(text))
    }
}

impl From<Blob> for ByteStream {
    fn from(blob: Blob) -> Self {
        ByteStream::from(blob.into_inner())
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.inner {
            Inner::Bytes(_) => "bytes",
            Inner::File { .. } => "file",
            Inner::Chunks { .. } => "stream",
        };
        match self.len() {
            Some(len) => write!(f, "ByteStream({kind}, {len} bytes)"),
            None => write!(f, "ByteStream({kind})"),
        }
    }
}

// The JSON form (the `dynamic` feature's): base64, as a blob. Only a body in memory has one.
impl serde::Serialize for ByteStream {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.bytes() {
            Some(bytes) => Blob::from(bytes.as_ref()).serialize(serializer),
            None => Err(serde::ser::Error::custom(
                "a streamed body has no JSON form: read it with ByteStream::collect first",
            )),
        }
    }
}

impl<'de> serde::Deserialize<'de> for ByteStream {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Blob::deserialize(deserializer).map(ByteStream::from)
    }
}

/// A user's stream, its errors made transport errors.
struct MapErr<S> {
    stream: Pin<Box<S>>,
}

impl<S, E> Stream for MapErr<S>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Into<Box<dyn StdError + Send + Sync>>,
{
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx).map(|item| {
            item.map(|chunk| {
                chunk.map_err(|e| TransportError::io("the body stream failed").with_source(e))
            })
        })
    }
}

/// A file's chunks, opened on the first read.
fn file_chunks(path: Arc<Path>) -> Chunks {
    Box::pin(FileChunks {
        state: FileState::Closed(path),
        buffer: Vec::new(),
    })
}

struct FileChunks {
    state: FileState,
    buffer: Vec<u8>,
}

type Opening = Pin<Box<dyn Future<Output = std::io::Result<tokio::fs::File>> + Send>>;

enum FileState {
    Closed(Arc<Path>),
    Opening(PathBuf, Opening),
    Reading(PathBuf, tokio::fs::File),
    Done,
}

impl Stream for FileChunks {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            match &mut this.state {
                FileState::Closed(path) => {
                    let path = path.to_path_buf();
                    let opening = Box::pin(tokio::fs::File::open(path.clone()));
                    this.state = FileState::Opening(path, opening);
                }
                FileState::Opening(path, opening) => {
                    let file = match opening.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Ok(file)) => file,
                        Poll::Ready(Err(e)) => {
                            let error = file_error("opening", path, e);
                            this.state = FileState::Done;
                            return Poll::Ready(Some(Err(error)));
                        }
                    };
                    this.state = FileState::Reading(std::mem::take(path), file);
                }
                FileState::Reading(path, file) => {
                    this.buffer.resize(FILE_CHUNK, 0);
                    let mut read = tokio::io::ReadBuf::new(&mut this.buffer);
                    match tokio::io::AsyncRead::poll_read(Pin::new(file), cx, &mut read) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Err(e)) => {
                            let error = file_error("reading", path, e);
                            this.state = FileState::Done;
                            return Poll::Ready(Some(Err(error)));
                        }
                        Poll::Ready(Ok(())) if read.filled().is_empty() => {
                            this.state = FileState::Done;
                        }
                        Poll::Ready(Ok(())) => {
                            return Poll::Ready(Some(Ok(Bytes::copy_from_slice(read.filled()))));
                        }
                    }
                }
                FileState::Done => return Poll::Ready(None),
            }
        }
    }
}

fn file_error(doing: &str, path: &Path, error: std::io::Error) -> TransportError {
    TransportError::io(format!("{doing} the body file {} failed", path.display()))
        .with_source(error)
}
