//! `@requestCompression`: gzip request bodies of at least a minimum size.
//!
//! The gzip code is compiled with the `request-compression` cargo feature, which the generator
//! turns on only for models that use the trait. Without it bodies go out as they are: a client
//! may always send uncompressed, so that is still a correct request.
use super::config::Config;
use super::stream::ByteStream;

/// Smithy's default for the smallest body worth compressing: 10 KiB.
pub const DEFAULT_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_240;

/// The largest minimum size Smithy allows a client to configure: 10 MiB.
pub const MAX_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_485_760;

/// The `Content-Encoding` token of gzip.
pub const GZIP: &str = "gzip";

/// True when this build can compress (the `request-compression` feature is on).
pub const AVAILABLE: bool = cfg!(feature = "request-compression");

/// The body to send for an operation: gzipped when the operation asks for gzip, compression
/// is available and not disabled, and the body has at least the configured minimum size.
/// Returns the body and the `Content-Encoding` applied, if any. A streamed body goes as it is.
pub fn compress_request(
    body: ByteStream,
    operation_wants_gzip: bool,
    config: &Config,
) -> Result<(ByteStream, Option<&'static str>), String> {
    let Some(bytes) = body.bytes() else {
        return Ok((body, None));
    };
    let big_enough = bytes.len() as u64 >= u64::from(config.request_min_compression_size_bytes());
    if !operation_wants_gzip || !AVAILABLE || config.disable_request_compression() || !big_enough {
        return Ok((body, None));
    }
    let compressed = gzip(bytes)?;
    Ok((ByteStream::from(compressed), Some(GZIP)))
}

/// Gzips `data` at the default compression level.
#[cfg(feature = "request-compression")]
pub fn gzip(data: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Write as _;
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 2), Default::default());
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map_err(|e| format!("gzip compression of the request body failed: {e}"))
}

/// Without the `request-compression` feature there is no gzip: always an error.
#[cfg(not(feature = "request-compression"))]
pub fn gzip(_data: &[u8]) -> Result<Vec<u8>, String> {
    Err("gzip needs the crate's `request-compression` feature".to_string())
}
