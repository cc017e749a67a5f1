//! The EBS direct APIs against moto, through a restJson1 client generated at test time: the
//! `@streaming` blob of PutSnapshotBlock (input) and GetSnapshotBlock (output). Written next to
//! that client by the moto-rest-json harness (tests/moto-rest-json) from runner/ebs.rs. DO NOT
//! EDIT the copy.
//!
//! Usage: `MOTO_ACCESS_KEY_ID=.. MOTO_SECRET_ACCESS_KEY=.. runner <endpoint-url> <scratch-dir>`,
//! with the key of an IAM user of that moto allowed `ebs:*`, and moto's IAM checks on. Runs one
//! scenario and prints `ok <step>` for each step that held; at the first that does not, prints
//! why on stderr and exits 1 (what it measured along the way, such as the number of chunks a
//! download came in, goes to stderr too). The blocks are made here from a fixed seed, and what
//! comes back is compared with those bytes and with their SHA-256 computed here (ring), not
//! with anything the client says.
//!
//! What moto 5.2.5 checks and what it does not:
//! - in IAM mode it recomputes each request's SigV4 signature with botocore's signer, taking
//!   the payload hash from the signed `x-amz-content-sha256` header when there is one: the
//!   `UNSIGNED-PAYLOAD` signing of the streamed uploads (file, chunks) is checked, and so is
//!   the in-memory upload, sent without that header, whose body moto hashes itself; a wrong
//!   secret is refused, to show the check is on. Its check fails every EBS GET, boto3's too
//!   (403 `SignatureDoesNotMatch`): for a request without a body it hashes its parsed
//!   parameters (the headers, or the query) as the body. So the runner turns the checks off
//!   after the uploads (moto's `/moto-api/reset-auth`);
//! - it stores the raw request body as the block and returns it as the response body, so the
//!   bytes round trip through a real HTTP server both ways, chunked upload included;
//! - it does not check the `x-amz-Checksum` header against the data, nor `x-amz-Data-Length`,
//!   nor the block token of GetSnapshotBlock (stored and echoed as given): the checksum checks
//!   here compare moto's echo with our own SHA-256 of the bytes we read back;
//! - it ignores ChangedBlocksCount, and answers BlockSize 512 where AWS says 524288;
//! - a missing snapshot or block is a Python `KeyError` in moto: an HTML 500 page, never the
//!   model's `ResourceNotFoundException`, so no modeled EBS error can be provoked; the error
//!   step checks that such an answer to a streaming-output operation is an error carrying the
//!   page (not an output whose stream holds it).
use client::bytes::Bytes;
use client::operation::complete_snapshot::CompleteSnapshotInput;
use client::operation::get_snapshot_block::{GetSnapshotBlockError, GetSnapshotBlockInput};
use client::operation::list_snapshot_blocks::ListSnapshotBlocksInput;
use client::operation::put_snapshot_block::PutSnapshotBlockInput;
use client::operation::start_snapshot::StartSnapshotInput;
use client::primitives::ByteStream;
use client::types::{ChecksumAlgorithm, Status, Tag};
use client::{Client, Credentials};
use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::pin::Pin;
use std::process::ExitCode;
use std::task::{Context, Poll};
use std::time::Duration;
use steps::{check_eq, expect_error, failed, step, Outcome, ACCOUNT};

mod steps;

/// The only block size EBS accepts: 512 KiB.
const BLOCK: usize = 512 * 1024;
/// The volume, in GiB.
const VOLUME_GIB: i64 = 1;
/// The block uploaded from a file.
const FILE_BLOCK: i32 = 0;
/// The block uploaded from a stream of chunks; not next to the first, so that a listing that
/// numbered blocks by position would show.
const STREAM_BLOCK: i32 = 5;
/// The block uploaded from bytes in memory.
const BYTES_BLOCK: i32 = 2;
/// A block never written.
const MISSING_BLOCK: i32 = 7;
/// The block sent with a wrong secret, which moto must refuse and not store.
const REFUSED_BLOCK: i32 = 3;
/// The pieces the streamed block is sent in: uneven, none aligned to anything.
const STREAM_PIECES: [usize; 5] = [1, 100_000, 65_536, 200_000, BLOCK - 365_537];
const DESCRIPTION: &str = "moto-rest-json streaming scenario";

fn main() -> ExitCode {
    steps::main(|endpoint, scratch| {
        let key = std::env::var("MOTO_ACCESS_KEY_ID");
        let secret = std::env::var("MOTO_SECRET_ACCESS_KEY");
        let (Ok(key), Ok(secret)) = (key, secret) else {
            return Err(
                "MOTO_ACCESS_KEY_ID and MOTO_SECRET_ACCESS_KEY must hold an IAM key of moto".into(),
            );
        };
        let clients = Clients {
            allowed: steps::client(&endpoint, Credentials::new(key.as_str(), secret, None)),
            wrong_secret: steps::client(&endpoint, Credentials::new(key, "not-the-secret", None)),
            endpoint,
        };
        Ok(scenario(clients, scratch))
    })
}

/// The same key, with its secret and with a wrong one.
struct Clients {
    endpoint: String,
    allowed: Client,
    wrong_secret: Client,
}

/// What the steps share: the snapshot, the blocks as uploaded, the tokens moto gave them.
struct State {
    snapshot_id: String,
    /// By block index.
    blocks: BTreeMap<i32, Vec<u8>>,
    tokens: BTreeMap<i32, String>,
}

impl State {
    fn block(&self, index: i32) -> &[u8] {
        self.blocks.get(&index).map_or(&[], Vec::as_slice)
    }

    /// A block's token, as listed (empty before the listing).
    fn token(&self, index: i32) -> &str {
        self.tokens.get(&index).map_or("", String::as_str)
    }
}

/// The steps in order; each needs the state the ones before it left.
async fn scenario(clients: Clients, scratch: std::path::PathBuf) -> Outcome {
    let (clients, scratch) = (&clients, scratch.as_path());
    let client = &clients.allowed;
    let blocks = [FILE_BLOCK, STREAM_BLOCK, BYTES_BLOCK]
        .into_iter()
        .map(|index| (index, block_bytes(0x5eed_0000 + index as u64)))
        .collect();
    let mut state = State {
        snapshot_id: String::new(),
        blocks,
        tokens: BTreeMap::new(),
    };
    step("start_snapshot", start(client, &mut state).await)?;
    step(
        "wrong_secret_is_refused",
        put_wrong_secret(&clients.wrong_secret, &state, scratch).await,
    )?;
    step(
        "put_block_from_file",
        put_from_file(client, &state, scratch).await,
    )?;
    step(
        "put_block_from_stream",
        put_from_stream(client, &state).await,
    )?;
    step("put_block_from_bytes", put_from_bytes(client, &state).await)?;
    iam_checks_off(&clients.endpoint).await?;
    step("list_snapshot_blocks", list(client, &mut state).await)?;
    step(
        "get_block_chunk_by_chunk",
        get_by_chunks(client, &state).await,
    )?;
    step("get_block_collected", get_collected(client, &state).await)?;
    step(
        "get_missing_block_is_an_error",
        get_missing(client, &state).await,
    )?;
    step("complete_snapshot", complete(client, &state).await)?;
    Ok(())
}

/// Compares bytes without printing half a megabyte: the length, then the first difference.
fn check_bytes(what: &str, got: &[u8], want: &[u8]) -> Outcome {
    check_eq(&format!("{what}: length"), &got.len(), &want.len())?;
    match got.iter().zip(want).position(|(g, w)| g != w) {
        None => Ok(()),
        Some(at) => Err(format!(
            "{what}: byte {at} is {:#04x}, want {:#04x}",
            got[at], want[at]
        )),
    }
}

/// A block of pseudo-random bytes (xorshift64 from `seed`): no run or period a wrong offset
/// could hide in.
fn block_bytes(seed: u64) -> Vec<u8> {
    let mut x = seed;
    let mut bytes = Vec::with_capacity(BLOCK);
    while bytes.len() < BLOCK {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    bytes.truncate(BLOCK);
    bytes
}

/// The block checksum EBS wants: base64 of the SHA-256 of the data.
fn checksum(data: &[u8]) -> String {
    use base64::Engine;
    let digest = ring::digest::digest(&ring::digest::SHA256, data);
    base64::engine::general_purpose::STANDARD.encode(digest.as_ref())
}

async fn start(client: &Client, state: &mut State) -> Outcome {
    let input = StartSnapshotInput::new(VOLUME_GIB)
        .with_description(DESCRIPTION)
        .with_tags(vec![Tag::new()
            .with_key("scenario")
            .with_value("streaming")]);
    let output = client
        .start_snapshot(input)
        .await
        .map_err(|e| failed("StartSnapshot", e))?;
    check_eq("HTTP status", &output.http_status(), &201)?;
    let id = output.snapshot_id().ok_or("no SnapshotId")?;
    if !id.starts_with("snap-") {
        return Err(format!("SnapshotId {id:?} is not snap-…"));
    }
    check_eq("OwnerId", &output.owner_id(), &Some(ACCOUNT))?;
    check_eq("Status", &output.status(), &Some(&Status::Pending))?;
    check_eq("VolumeSize", &output.volume_size(), &Some(VOLUME_GIB))?;
    check_eq("Description", &output.description(), &Some(DESCRIPTION))?;
    let tags = output.tags().unwrap_or_default();
    check_eq("tag count", &tags.len(), &1)?;
    check_eq("tag key", &tags[0].key(), &Some("scenario"))?;
    check_eq("tag value", &tags[0].value(), &Some("streaming"))?;
    // AWS answers BlockSize 524288 (bytes); moto answers 512 (KiB), so it is not checked.
    state.snapshot_id = id.to_string();
    Ok(())
}

fn put_input(state: &State, index: i32, body: ByteStream, data: &[u8]) -> PutSnapshotBlockInput {
    PutSnapshotBlockInput::new(
        &state.snapshot_id,
        index,
        body,
        BLOCK as i32,
        checksum(data),
        ChecksumAlgorithm::ChecksumAlgorithmSha256,
    )
}

/// A file body of `data`, written to `path` first.
fn file_body(path: &Path, data: &[u8]) -> Result<ByteStream, String> {
    std::fs::write(path, data).map_err(|e| format!("{}: {e}", path.display()))?;
    ByteStream::from_path(path).map_err(|e| format!("from_path {}: {e}", path.display()))
}

/// Uploads the first block from a file, read by the client 64 KiB at a time.
async fn put_from_file(client: &Client, state: &State, scratch: &Path) -> Outcome {
    let body = file_body(&scratch.join("block-0.bin"), state.block(FILE_BLOCK))?;
    check_eq("file body length", &body.len(), &Some(BLOCK as u64))?;
    let input = put_input(state, FILE_BLOCK, body, state.block(FILE_BLOCK));
    let output = client
        .put_snapshot_block(input)
        .await
        .map_err(|e| failed("PutSnapshotBlock (file)", e))?;
    check_put_output(&output, state.block(FILE_BLOCK))
}

/// A block streamed from a file under a wrong secret: moto's signature check refuses it
/// (403 `SignatureDoesNotMatch`, in an XML body no EBS error has) and stores nothing, as the
/// listing shows later.
async fn put_wrong_secret(client: &Client, state: &State, scratch: &Path) -> Outcome {
    let body = file_body(&scratch.join("block-refused.bin"), state.block(FILE_BLOCK))?;
    let input = put_input(state, REFUSED_BLOCK, body, state.block(FILE_BLOCK));
    let refused = client.put_snapshot_block(input).await;
    let error = expect_error("PutSnapshotBlock under a wrong secret", refused)?;
    check_eq("HTTP status", &error.http_status(), &Some(403))?;
    let body = String::from_utf8_lossy(error.raw_body().unwrap_or_default());
    if !body.contains("<Code>SignatureDoesNotMatch</Code>") {
        return Err(format!(
            "not moto's signature error: {error:?}, body {body:?}"
        ));
    }
    Ok(())
}

/// The checksum headers of an upload's or a download's answer: our SHA-256 of `data`.
fn check_checksum(
    checksum_header: Option<&str>,
    algorithm: Option<&ChecksumAlgorithm>,
    data: &[u8],
) -> Outcome {
    check_eq("Checksum", &checksum_header, &Some(checksum(data).as_str()))?;
    check_eq(
        "ChecksumAlgorithm",
        &algorithm,
        &Some(&ChecksumAlgorithm::ChecksumAlgorithmSha256),
    )
}

/// Moto echoes the checksum headers it was sent (it does not compute one).
fn check_put_output(
    output: &client::operation::put_snapshot_block::PutSnapshotBlockOutput,
    data: &[u8],
) -> Outcome {
    check_eq("HTTP status", &output.http_status(), &201)?;
    check_checksum(output.checksum(), output.checksum_algorithm(), data)
}

/// A stream of chunks handed out one per poll, each as soon as asked: the smallest `Stream`
/// there is, so the runner needs no stream utility crate.
struct Pieces(VecDeque<Bytes>);

impl futures_core::Stream for Pieces {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.pop_front().map(Ok))
    }
}

/// Cuts `data` into the [`STREAM_PIECES`].
fn pieces(data: &[u8]) -> Pieces {
    let mut rest = Bytes::copy_from_slice(data);
    let chunks = STREAM_PIECES.iter().map(|&n| rest.split_to(n)).collect();
    Pieces(chunks)
}

/// Uploads another block from a stream of chunks of unannounced length (sent chunked).
async fn put_from_stream(client: &Client, state: &State) -> Outcome {
    check_eq(
        "the pieces cover the block",
        &STREAM_PIECES.iter().sum::<usize>(),
        &BLOCK,
    )?;
    let body = ByteStream::from_stream(pieces(state.block(STREAM_BLOCK)), None);
    let input = put_input(state, STREAM_BLOCK, body, state.block(STREAM_BLOCK));
    let output = client
        .put_snapshot_block(input)
        .await
        .map_err(|e| failed("PutSnapshotBlock (stream)", e))?;
    check_put_output(&output, state.block(STREAM_BLOCK))
}

/// Turns moto's IAM checks off for the rest of the scenario: its signature check fails on the
/// GETs that follow whoever signs them (see the top of this file).
async fn iam_checks_off(endpoint: &str) -> Outcome {
    use client::transport::{HttpTransport, HyperTransport};
    let request = client::http::Request::post(format!("{endpoint}/moto-api/reset-auth"))
        // Anything but a form type: moto reads the raw body, the count of unchecked requests.
        .header("content-type", "text/plain")
        .body(Bytes::from_static(b"inf"))
        .map_err(|e| format!("the reset-auth request: {e}"))?;
    let transport = HyperTransport::new(Duration::from_secs(5));
    let response = tokio::time::timeout(Duration::from_secs(20), transport.send(request))
        .await
        .map_err(|_| "moto's reset-auth did not answer within 20 s".to_string())?
        .map_err(|e| format!("moto's reset-auth failed: {e:?}"))?;
    check_eq("reset-auth status", &response.status().as_u16(), &200)
}

/// Uploads a third block from bytes in memory (signed with its SHA-256 rather than
/// `UNSIGNED-PAYLOAD`).
async fn put_from_bytes(client: &Client, state: &State) -> Outcome {
    let data = state.block(BYTES_BLOCK);
    let input = put_input(state, BYTES_BLOCK, ByteStream::from(data.to_vec()), data);
    let output = client
        .put_snapshot_block(input)
        .await
        .map_err(|e| failed("PutSnapshotBlock (bytes)", e))?;
    check_put_output(&output, data)
}

/// The uploaded blocks are listed, by index, each with a token (kept for the downloads).
async fn list(client: &Client, state: &mut State) -> Outcome {
    let output = client
        .list_snapshot_blocks(ListSnapshotBlocksInput::new(&state.snapshot_id))
        .await
        .map_err(|e| failed("ListSnapshotBlocks", e))?;
    check_eq("VolumeSize", &output.volume_size(), &Some(VOLUME_GIB))?;
    let mut listed = Vec::new();
    for block in output.blocks().unwrap_or_default() {
        let index = block.block_index().ok_or("a block without an index")?;
        let token = block.block_token().ok_or("a block without a token")?;
        listed.push(index);
        if state.tokens.insert(index, token.to_string()).is_some() {
            return Err(format!("block {index} listed twice"));
        }
    }
    listed.sort();
    let uploaded: Vec<i32> = state.blocks.keys().copied().collect();
    check_eq("listed block indexes", &listed, &uploaded)?;
    let mut tokens: Vec<&String> = state.tokens.values().collect();
    tokens.sort();
    tokens.dedup();
    check_eq("distinct tokens", &tokens.len(), &uploaded.len())
}

/// The header members of a download: the length and checksum moto stored from the upload.
fn check_get_headers(
    output: &client::operation::get_snapshot_block::GetSnapshotBlockOutput,
    data: &[u8],
) -> Outcome {
    check_eq("HTTP status", &output.http_status(), &200)?;
    check_eq("DataLength", &output.data_length(), &Some(BLOCK as i32))?;
    check_checksum(output.checksum(), output.checksum_algorithm(), data)
}

/// Downloads the file block and reads it with `next()`, chunk by chunk. How many chunks hyper
/// hands over depends on the socket, so the count is reported, not checked.
async fn get_by_chunks(client: &Client, state: &State) -> Outcome {
    let input = GetSnapshotBlockInput::new(&state.snapshot_id, FILE_BLOCK, state.token(FILE_BLOCK));
    let output = client
        .get_snapshot_block(input)
        .await
        .map_err(|e| failed("GetSnapshotBlock", e))?;
    check_get_headers(&output, state.block(FILE_BLOCK))?;
    let mut body = output.into_block_data().ok_or("no BlockData stream")?;
    // The response's Content-Length, known before reading.
    check_eq("announced length", &body.len(), &Some(BLOCK as u64))?;
    let mut read = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| format!("reading chunk {chunks}: {e:?}"))?;
        chunks += 1;
        read.extend_from_slice(&chunk);
    }
    eprintln!("GetSnapshotBlock: {} bytes in {chunks} chunks", read.len());
    check_bytes("downloaded block", &read, state.block(FILE_BLOCK))?;
    check_eq(
        "SHA-256 of the download",
        &checksum(&read),
        &checksum(state.block(FILE_BLOCK)),
    )?;
    // Read to the end: more reads say so again.
    check_eq("after the end", &body.next().await.is_none(), &true)
}

/// Downloads the other blocks whole with `collect()`.
async fn get_collected(client: &Client, state: &State) -> Outcome {
    for index in [STREAM_BLOCK, BYTES_BLOCK] {
        let input = GetSnapshotBlockInput::new(&state.snapshot_id, index, state.token(index));
        let output = client
            .get_snapshot_block(input)
            .await
            .map_err(|e| failed("GetSnapshotBlock", e))?;
        check_get_headers(&output, state.block(index))?;
        let body = output.into_block_data().ok_or("no BlockData stream")?;
        let read = body
            .collect()
            .await
            .map_err(|e| format!("reading block {index}: {e:?}"))?;
        check_bytes(
            &format!("downloaded block {index}"),
            &read,
            state.block(index),
        )?;
    }
    Ok(())
}

/// A block never written. AWS answers the modeled ResourceNotFoundException; moto fails with
/// an HTML 500 page (a `KeyError`), which must come back as an error of the operation's enum,
/// `Unhandled`, with the page as its raw body, not as an output streaming the page.
async fn get_missing(client: &Client, state: &State) -> Outcome {
    let input =
        GetSnapshotBlockInput::new(&state.snapshot_id, MISSING_BLOCK, state.token(FILE_BLOCK));
    let missing = client.get_snapshot_block(input).await;
    let error = expect_error("GetSnapshotBlock of a missing block", missing)?;
    check_eq("HTTP status", &error.http_status(), &Some(500))?;
    check_eq("code", &error.code(), &None)?;
    check_eq("attempts", &error.attempts(), &1)?;
    match error.as_service_error() {
        Some(GetSnapshotBlockError::Unhandled(_)) => {}
        _ => return Err(format!("not GetSnapshotBlockError::Unhandled: {error:?}")),
    }
    let body = String::from_utf8_lossy(error.raw_body().unwrap_or_default());
    if !body.contains("Internal Server Error") {
        return Err(format!("the raw body is not moto's error page: {body:?}"));
    }
    Ok(())
}

/// Moto marks the snapshot completed; it ignores ChangedBlocksCount (AWS checks it against
/// the blocks written).
async fn complete(client: &Client, state: &State) -> Outcome {
    let output = client
        .complete_snapshot(CompleteSnapshotInput::new(
            &state.snapshot_id,
            state.blocks.len() as i32,
        ))
        .await
        .map_err(|e| failed("CompleteSnapshot", e))?;
    check_eq("HTTP status", &output.http_status(), &202)?;
    check_eq("Status", &output.status(), &Some(&Status::Completed))
}
