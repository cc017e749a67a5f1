//! AWS Signature Version 4, header flavour.
//!
//! [`sign`] is what the client calls. The steps it is made of (`SignableRequest::canonical_request`,
//! `string_to_sign`, `signature`, `authorization`) are there for the runtime's own tests (feature
//! `test-internals`, which generated crates do not have), so the published test vectors can
//! check each one.
//!
//! The canonical path is the request path as it goes on the wire (already percent-encoded),
//! normalised (`.`/`..` segments and repeated slashes removed) and percent-encoded once more: the
//! double encoding every AWS service except S3 expects.
use std::borrow::Cow;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use ring::{digest, hmac};

use super::credentials::Credentials;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";
const TERMINATOR: &str = "aws4_request";
const X_AMZ_DATE: http::HeaderName = http::HeaderName::from_static("x-amz-date");
const X_AMZ_SECURITY_TOKEN: http::HeaderName =
    http::HeaderName::from_static("x-amz-security-token");
const X_AMZ_CONTENT_SHA256: http::HeaderName =
    http::HeaderName::from_static("x-amz-content-sha256");
/// What is signed instead of the body's hash when the body is streamed.
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// A request body as SigV4 sees it: its bytes when they are in memory; a streamed body is
/// signed as `UNSIGNED-PAYLOAD` (and says so in `x-amz-content-sha256`), as the AWS SDKs
/// sign streamed uploads.
pub trait SignableBody {
    /// The bytes to hash; `None` for a streamed body.
    fn signable_bytes(&self) -> Option<&[u8]>;
}

impl SignableBody for bytes::Bytes {
    fn signable_bytes(&self) -> Option<&[u8]> {
        Some(self)
    }
}

impl SignableBody for super::stream::ByteStream {
    fn signable_bytes(&self) -> Option<&[u8]> {
        self.bytes().map(|bytes| bytes.as_ref())
    }
}

/// Headers left out of the signature: the signature itself, and headers that proxies and HTTP
/// stacks add or rewrite after signing, which would otherwise break verification.
/// `name` must be lower-case.
fn is_unsigned_header(name: &str) -> bool {
    matches!(
        name,
        "authorization"
            | "user-agent"
            | "x-amzn-trace-id"
            | "transfer-encoding"
            | "connection"
            | "expect"
    )
}

/// What [`sign`] needs besides the request.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// The credentials to sign with; a session token, when present, is sent and signed.
    pub credentials: &'a Credentials,
    /// The signing region (`us-east-1`).
    pub region: &'a str,
    /// The signing name of the service (`cognito-idp`).
    pub service: &'a str,
    /// The signing time, normally `SystemTime::now()`.
    pub time: SystemTime,
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningError {
    message: String,
}

impl SigningError {
    fn new(message: impl Into<String>) -> Self {
        SigningError {
            message: message.into(),
        }
    }

    #[cfg(feature = "test-internals")]
    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot sign the request: {}", self.message)
    }
}

impl std::error::Error for SigningError {}

/// Signs `request` in place: sets `x-amz-date`, `x-amz-security-token` (when the credentials
/// carry a session token; it is part of the signature) and `authorization`.
///
/// Replaces any earlier `authorization`, so a retried request can be signed again. When the
/// request has no `Host` header, the host signed is the URI's authority (host, plus the port
/// when it is not the scheme's default): the value the HTTP client writes.
pub fn sign<B: SignableBody>(
    request: &mut http::Request<B>,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    sign_payload(request, params, false)
}

/// [`sign`] for an operation with `aws.auth#unsignedPayload`: `UNSIGNED-PAYLOAD` (and
/// `x-amz-content-sha256` saying so) whatever the body.
pub fn sign_unsigned_payload<B: SignableBody>(
    request: &mut http::Request<B>,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    sign_payload(request, params, true)
}

fn sign_payload<B: SignableBody>(
    request: &mut http::Request<B>,
    params: &SigningParams<'_>,
    unsigned_payload: bool,
) -> Result<(), SigningError> {
    let date = AmzDate::from_system_time(params.time)?;
    let unsigned = unsigned_payload || request.body().signable_bytes().is_none();
    let headers = request.headers_mut();
    headers.remove(http::header::AUTHORIZATION);
    if unsigned {
        let unsigned = http::HeaderValue::from_static(UNSIGNED_PAYLOAD);
        headers.insert(X_AMZ_CONTENT_SHA256, unsigned);
    }
    headers.insert(
        X_AMZ_DATE,
        http::HeaderValue::from_bytes(date.as_str().as_bytes())
            .map_err(|_| SigningError::new("x-amz-date is not a valid header value"))?,
    );
    if let Some(token) = params.credentials.session_token() {
        let mut value = http::HeaderValue::from_str(token).map_err(|_| {
            SigningError::new("the session token has characters not allowed in an HTTP header")
        })?;
        value.set_sensitive(true);
        headers.insert(X_AMZ_SECURITY_TOKEN, value);
    }
    let mut signable = SignableRequest::from_http(request)?;
    if unsigned {
        signable.payload = None;
    }
    let authorization = signable.authorization(params, &date);
    // A Vec becomes the value without a copy, and skips the UTF-8 check a String would need.
    let mut value = http::HeaderValue::try_from(authorization).map_err(|_| {
        SigningError::new(
            "the access key id, region or service has characters not allowed in an HTTP header",
        )
    })?;
    value.set_sensitive(true);
    request
        .headers_mut()
        .insert(http::header::AUTHORIZATION, value);
    Ok(())
}

/// A signing time in the `x-amz-date` format, `YYYYMMDD'T'HHMMSS'Z'` (UTC).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AmzDate {
    text: [u8; 16],
}

impl AmzDate {
    /// Formats `time`; fails before 1970 or after year 9999.
    pub fn from_system_time(time: SystemTime) -> Result<Self, SigningError> {
        let seconds = time
            .duration_since(UNIX_EPOCH)
            .map_err(|_| SigningError::new("the signing time is before 1970"))?
            .as_secs();
        let (year, month, day) = civil_from_days(seconds / 86_400);
        if year > 9999 {
            return Err(SigningError::new("the signing time is after year 9999"));
        }
        let of_day = seconds % 86_400;
        let mut text = *b"00000000T000000Z";
        put_digits(&mut text[0..4], year);
        put_digits(&mut text[4..6], month);
        put_digits(&mut text[6..8], day);
        put_digits(&mut text[9..11], of_day / 3600);
        put_digits(&mut text[11..13], of_day / 60 % 60);
        put_digits(&mut text[13..15], of_day % 60);
        Ok(AmzDate { text })
    }

    #[cfg(feature = "test-internals")]
    /// Parses an `x-amz-date` value such as `20150830T123600Z` (digits and shape only).
    pub fn parse(value: &str) -> Result<Self, SigningError> {
        let text: [u8; 16] = value.as_bytes().try_into().map_err(|_| {
            SigningError::new(format!("x-amz-date `{value}` is not 16 characters long"))
        })?;
        let shaped = text.iter().enumerate().all(|(i, b)| match i {
            8 => *b == b'T',
            15 => *b == b'Z',
            _ => b.is_ascii_digit(),
        });
        if !shaped {
            return Err(SigningError::new(format!(
                "x-amz-date `{value}` is not of the form YYYYMMDDTHHMMSSZ"
            )));
        }
        Ok(AmzDate { text })
    }

    /// The full value, `20150830T123600Z`.
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored, so the fallback is unreachable.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The date part used in the credential scope, `20150830`.
    pub fn date(&self) -> &str {
        self.as_str().get(..8).unwrap_or_default()
    }
}

impl fmt::Display for AmzDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for AmzDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AmzDate({})", self.as_str())
    }
}

/// Parses an HTTP `Date` header in the IMF-fixdate form every HTTP/1.1 server must send
/// (RFC 9110, section 5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`. `None` for anything else,
/// including dates before 1970; the weekday is not checked against the date.
pub fn parse_http_date(value: &str) -> Option<SystemTime> {
    const MONTHS: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let text: &[u8; 29] = value.trim().as_bytes().try_into().ok()?;
    let shaped = text[3] == b','
        && text[4] == b' '
        && text[7] == b' '
        && text[11] == b' '
        && text[16] == b' '
        && text[19] == b':'
        && text[22] == b':'
        && &text[25..] == b" GMT";
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u64> {
        let digits = text.get(range)?;
        digits.iter().try_fold(0u64, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
        })
    };
    let day = number(5..7)?;
    let month = MONTHS.iter().position(|m| &text[8..11] == *m)? as u64 + 1;
    let year = number(12..16)?;
    let (hour, minute, second) = (number(17..19)?, number(20..22)?, number(23..25)?);
    if !(1..=31).contains(&day) || year < 1970 || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    UNIX_EPOCH.checked_add(std::time::Duration::from_secs(seconds))
}

/// Days from 1970-01-01 to the given date, from 1970 on (the inverse of [`civil_from_days`]).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year % 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era).saturating_sub(719_468)
}

/// Year, month and day of the `days`-th day after 1970-01-01 (Howard Hinnant's
/// days-to-civil algorithm, restricted to dates after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let shifted = days + 719_468; // days since 0000-03-01, so leap days end each cycle
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

fn put_digits(out: &mut [u8], mut value: u64) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// The parts of a request that SigV4 signs, borrowed from wherever they live.
///
/// Headers are kept sorted by lower-cased name (values of one name in the order added);
/// `authorization`, `user-agent`, `x-amzn-trace-id`, `transfer-encoding`, `connection` and
/// `expect` are never signed and are dropped when added.
pub struct SignableRequest<'a> {
    method: &'a str,
    path: &'a str,
    query: &'a str,
    /// Names lower-cased on the way in, so sorting, grouping and writing compare plain bytes.
    headers: Vec<(Cow<'a, str>, &'a [u8])>,
    /// `None`: signed as `UNSIGNED-PAYLOAD`.
    payload: Option<&'a [u8]>,
}

impl<'a> SignableRequest<'a> {
    /// A request without headers. `path` and `query` (without `?`) are as sent on the wire.
    pub fn new(method: &'a str, path: &'a str, query: &'a str, payload: &'a [u8]) -> Self {
        SignableRequest {
            method,
            path,
            query,
            headers: Vec::with_capacity(8),
            payload: Some(payload),
        }
    }

    /// Everything signable in `request`, plus a `host` taken from the URI when the request
    /// has no `Host` header.
    pub fn from_http<B: SignableBody>(request: &'a http::Request<B>) -> Result<Self, SigningError> {
        let uri = request.uri();
        let mut signable = SignableRequest::new(
            request.method().as_str(),
            uri.path(),
            uri.query().unwrap_or(""),
            &[],
        );
        signable.payload = request.body().signable_bytes();
        for (name, value) in request.headers() {
            // `http::HeaderName`s are lower-case already.
            signable.insert_header(Cow::Borrowed(name.as_str()), value.as_bytes());
        }
        if !request.headers().contains_key(http::header::HOST) {
            let host = host_from_uri(uri).ok_or_else(|| {
                SigningError::new(format!(
                    "the request has no Host header and its URI `{uri}` has no host"
                ))
            })?;
            signable.insert_header(Cow::Borrowed("host"), host.as_bytes());
        }
        Ok(signable)
    }

    #[cfg(feature = "test-internals")]
    /// Adds one header value; a repeated name adds a value after the earlier ones.
    pub fn add_header(&mut self, name: &'a str, value: &'a [u8]) {
        let name = match name.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(name.to_ascii_lowercase()),
            false => Cow::Borrowed(name),
        };
        self.insert_header(name, value);
    }

    /// [`SignableRequest::add_header`] for a name already lower-case.
    fn insert_header(&mut self, name: Cow<'a, str>, value: &'a [u8]) {
        if is_unsigned_header(&name) {
            return;
        }
        let at = self
            .headers
            .partition_point(|(existing, _)| *existing <= name);
        self.headers.insert(at, (name, value));
    }

    #[cfg(feature = "test-internals")]
    /// The canonical request (task 1 of SigV4).
    pub fn canonical_request(&self) -> String {
        let mut signed_headers = Vec::with_capacity(64);
        self.write_signed_headers(&mut signed_headers);
        let mut out = Vec::with_capacity(512);
        self.write_canonical_request(&mut out, &signed_headers);
        into_string(out)
    }

    #[cfg(feature = "test-internals")]
    /// The `SignedHeaders` list: lower-cased header names joined by `;`.
    pub fn signed_headers(&self) -> String {
        let mut out = Vec::with_capacity(64);
        self.write_signed_headers(&mut out);
        into_string(out)
    }

    /// `signed_headers` is what [`SignableRequest::write_signed_headers`] wrote, passed in so
    /// [`sign`] renders it once for both the canonical request and the `Authorization`.
    fn write_canonical_request(&self, out: &mut impl Sink, signed_headers: &[u8]) {
        out.put(self.method.as_bytes());
        out.put(b"\n");
        write_canonical_path(out, self.path);
        out.put(b"\n");
        write_canonical_query(out, self.query);
        out.put(b"\n");
        for group in self.header_groups() {
            write_canonical_header(out, group);
        }
        out.put(b"\n");
        out.put(signed_headers);
        out.put(b"\n");
        let mut hash = [0u8; 64];
        match self.payload {
            Some(payload) => out.put(hex_sha256(payload, &mut hash)),
            None => out.put(UNSIGNED_PAYLOAD.as_bytes()),
        }
    }

    fn write_signed_headers(&self, out: &mut Vec<u8>) {
        for (i, group) in self.header_groups().enumerate() {
            if i > 0 {
                out.push(b';');
            }
            if let Some((name, _)) = group.first() {
                out.extend_from_slice(name.as_bytes());
            }
        }
    }

    fn header_groups(&self) -> impl Iterator<Item = &[(Cow<'a, str>, &'a [u8])]> {
        self.headers.chunk_by(|(a, _), (b, _)| a == b)
    }

    /// The `Authorization` value, hashing the canonical request as it is written instead of
    /// building it: the per-request path of [`sign`].
    fn authorization(&self, params: &SigningParams<'_>, date: &AmzDate) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        write_authorization_prefix(
            &mut out,
            params.credentials.access_key_id(),
            date,
            params.region,
            params.service,
        );
        let signed_headers_start = out.len();
        self.write_signed_headers(&mut out);
        let signed_headers = out.get(signed_headers_start..).unwrap_or_default();
        let mut canonical = HashingBuffer::new();
        self.write_canonical_request(&mut canonical, signed_headers);
        let mut hash = [0u8; 64];
        let canonical_hash = hex(canonical.finish().as_ref(), &mut hash);
        let credentials = params.credentials;
        let key = credentials.signing_key(date.date(), params.region, params.service, || {
            signing_key(
                credentials.secret_access_key(),
                date,
                params.region,
                params.service,
            )
        });
        let mut context = hmac::Context::with_key(&key);
        write_string_to_sign(
            &mut context,
            date,
            params.region,
            params.service,
            canonical_hash,
        );
        let mut signature = [0u8; 64];
        let signature = hex(context.sign().as_ref(), &mut signature);
        out.extend_from_slice(b", Signature=");
        out.extend_from_slice(signature);
        out
    }
}

impl fmt::Debug for SignableRequest<'_> {
    // Header values can hold the session token, so only names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_ref()).collect();
        f.debug_struct("SignableRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("header_names", &names)
            .field("payload_len", &self.payload.map(<[u8]>::len))
            .finish()
    }
}

#[cfg(feature = "test-internals")]
/// The string to sign (task 2 of SigV4) for a canonical request.
pub fn string_to_sign(
    date: &AmzDate,
    region: &str,
    service: &str,
    canonical_request: &str,
) -> String {
    let mut hash = [0u8; 64];
    let canonical_hash = hex_sha256(canonical_request.as_bytes(), &mut hash);
    let mut out = Vec::with_capacity(128);
    write_string_to_sign(&mut out, date, region, service, canonical_hash);
    into_string(out)
}

#[cfg(feature = "test-internals")]
/// The hex signature of `string_to_sign` (task 3 of SigV4).
pub fn signature(
    secret_access_key: &str,
    date: &AmzDate,
    region: &str,
    service: &str,
    string_to_sign: &str,
) -> String {
    let key = signing_key(secret_access_key, date, region, service);
    let tag = hmac::sign(&key, string_to_sign.as_bytes());
    let mut out = [0u8; 64];
    into_string(hex(tag.as_ref(), &mut out).to_vec())
}

#[cfg(feature = "test-internals")]
/// The `Authorization` header value.
pub fn authorization(
    access_key_id: &str,
    date: &AmzDate,
    region: &str,
    service: &str,
    signed_headers: &str,
    signature: &str,
) -> String {
    let mut out = Vec::with_capacity(256);
    write_authorization_prefix(&mut out, access_key_id, date, region, service);
    out.extend_from_slice(signed_headers.as_bytes());
    out.extend_from_slice(b", Signature=");
    out.extend_from_slice(signature.as_bytes());
    into_string(out)
}

/// Where a signing step writes: a buffer, or straight into the hash or HMAC so [`sign`] skips
/// the copy.
trait Sink {
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// SHA-256 of everything put, gathered in a stack buffer first: ring's `update` costs more per
/// call than a copy, and the canonical request is written in many small pieces.
struct HashingBuffer {
    context: digest::Context,
    buffer: [u8; 512],
    len: usize,
}

impl HashingBuffer {
    fn new() -> Self {
        HashingBuffer {
            context: digest::Context::new(&digest::SHA256),
            buffer: [0; 512],
            len: 0,
        }
    }

    fn flush(&mut self) {
        self.context
            .update(self.buffer.get(..self.len).unwrap_or_default());
        self.len = 0;
    }

    fn finish(mut self) -> digest::Digest {
        self.flush();
        self.context.finish()
    }
}

impl Sink for HashingBuffer {
    fn put(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if let Some(slot) = self.buffer.get_mut(self.len..end) {
            slot.copy_from_slice(bytes);
            self.len = end;
            return;
        }
        self.flush();
        match self.buffer.get_mut(..bytes.len()) {
            Some(slot) => {
                slot.copy_from_slice(bytes);
                self.len = bytes.len();
            }
            None => self.context.update(bytes),
        }
    }
}

impl Sink for hmac::Context {
    fn put(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

fn write_string_to_sign(
    out: &mut impl Sink,
    date: &AmzDate,
    region: &str,
    service: &str,
    canonical_hash: &[u8],
) {
    out.put(ALGORITHM.as_bytes());
    out.put(b"\n");
    out.put(date.as_str().as_bytes());
    out.put(b"\n");
    write_scope(out, date, region, service);
    out.put(b"\n");
    out.put(canonical_hash);
}

fn write_scope(out: &mut impl Sink, date: &AmzDate, region: &str, service: &str) {
    out.put(date.date().as_bytes());
    out.put(b"/");
    out.put(region.as_bytes());
    out.put(b"/");
    out.put(service.as_bytes());
    out.put(b"/");
    out.put(TERMINATOR.as_bytes());
}

fn write_authorization_prefix(
    out: &mut Vec<u8>,
    access_key_id: &str,
    date: &AmzDate,
    region: &str,
    service: &str,
) {
    out.extend_from_slice(ALGORITHM.as_bytes());
    out.extend_from_slice(b" Credential=");
    out.extend_from_slice(access_key_id.as_bytes());
    out.push(b'/');
    write_scope(out, date, region, service);
    out.extend_from_slice(b", SignedHeaders=");
}

/// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
fn signing_key(secret_access_key: &str, date: &AmzDate, region: &str, service: &str) -> hmac::Key {
    let date_key = {
        // Typical secrets fit on the stack, sparing an allocation that would hold the secret.
        let mut buffer = [0u8; 128];
        let secret = secret_access_key.as_bytes();
        let tag = match buffer.get_mut(..4 + secret.len()) {
            Some(seed) => {
                seed[..4].copy_from_slice(b"AWS4");
                seed[4..].copy_from_slice(secret);
                let tag = hmac_tag(seed, date.date().as_bytes());
                seed.fill(0);
                tag
            }
            None => {
                let mut seed = Vec::with_capacity(4 + secret.len());
                seed.extend_from_slice(b"AWS4");
                seed.extend_from_slice(secret);
                let tag = hmac_tag(&seed, date.date().as_bytes());
                seed.fill(0);
                tag
            }
        };
        tag
    };
    let region_key = hmac_tag(date_key.as_ref(), region.as_bytes());
    let service_key = hmac_tag(region_key.as_ref(), service.as_bytes());
    let signing_key = hmac_tag(service_key.as_ref(), TERMINATOR.as_bytes());
    hmac::Key::new(hmac::HMAC_SHA256, signing_key.as_ref())
}

fn hmac_tag(key: &[u8], data: &[u8]) -> hmac::Tag {
    hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data)
}

/// Removes `.` and `..` segments and empty segments (repeated slashes), keeping a trailing
/// slash, then percent-encodes every byte except unreserved characters and `/`.
fn write_canonical_path(out: &mut impl Sink, path: &str) {
    if !needs_normalizing(path) {
        percent_encode(out, path.as_bytes(), true);
        return;
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    out.put(b"/");
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.put(b"/");
        }
        percent_encode(out, segment.as_bytes(), false);
    }
    let last = path.rsplit('/').next().unwrap_or("");
    let trailing_slash = matches!(last, "" | "." | "..");
    if trailing_slash && !segments.is_empty() {
        out.put(b"/");
    }
}

fn needs_normalizing(path: &str) -> bool {
    !path.starts_with('/')
        || path.contains("//")
        || path
            .split('/')
            .any(|segment| segment == "." || segment == "..")
}

/// Decodes each name and value (`%XX`, and `+` as space) and encodes it again, so the same
/// parameters sign alike however they were escaped; then sorts by name, then value.
fn write_canonical_query(out: &mut impl Sink, query: &str) {
    if query.is_empty() {
        return;
    }
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (reencode(name), reencode(value))
        })
        .collect();
    pairs.sort_unstable();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.put(b"&");
        }
        out.put(name);
        out.put(b"=");
        out.put(value);
    }
}

fn reencode(component: &str) -> Vec<u8> {
    let mut decoded = Vec::with_capacity(component.len());
    let mut bytes = component.as_bytes().iter();
    while let Some(&b) = bytes.next() {
        match b {
            b'+' => decoded.push(b' '),
            b'%' => {
                let rest = bytes.as_slice();
                match rest.get(..2).and_then(decode_hex_pair) {
                    Some(byte) => {
                        decoded.push(byte);
                        bytes.nth(1);
                    }
                    None => decoded.push(b'%'),
                }
            }
            _ => decoded.push(b),
        }
    }
    let mut encoded = Vec::with_capacity(decoded.len() * 3);
    percent_encode(&mut encoded, &decoded, false);
    encoded
}

fn decode_hex_pair(pair: &[u8]) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    match pair {
        [high, low] => Some((digit(*high)? * 16 + digit(*low)?) as u8),
        _ => None,
    }
}

fn write_canonical_header(out: &mut impl Sink, values: &[(Cow<'_, str>, &[u8])]) {
    if let Some((name, _)) = values.first() {
        out.put(name.as_bytes());
    }
    out.put(b":");
    for (i, (_, value)) in values.iter().enumerate() {
        if i > 0 {
            out.put(b",");
        }
        write_trimmed(out, value);
    }
    out.put(b"\n");
}

/// Drops leading and trailing whitespace and turns each inner run of it into one space.
fn write_trimmed(out: &mut impl Sink, value: &[u8]) {
    let words = value
        .split(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        .filter(|word| !word.is_empty());
    for (i, word) in words.enumerate() {
        if i > 0 {
            out.put(b" ");
        }
        out.put(word);
    }
}

/// Writes unescaped runs whole: a hashing sink pays per call, not per byte.
fn percent_encode(out: &mut impl Sink, bytes: &[u8], keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let escaped = |b: &u8| {
        !(b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && *b == b'/'))
    };
    for chunk in bytes.split_inclusive(escaped) {
        match chunk.split_last() {
            Some((last, run)) if escaped(last) => {
                out.put(run);
                out.put(&[
                    b'%',
                    HEX[usize::from(last >> 4)],
                    HEX[usize::from(last & 15)],
                ]);
            }
            _ => out.put(chunk),
        }
    }
}

fn hex_sha256<'o>(data: &[u8], out: &'o mut [u8; 64]) -> &'o [u8] {
    hex(digest::digest(&digest::SHA256, data).as_ref(), out)
}

/// Lower-case hex of a 32-byte digest into `out`.
fn hex<'o>(bytes: &[u8], out: &'o mut [u8; 64]) -> &'o [u8] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 15)];
    }
    let len = (bytes.len() * 2).min(64);
    &out[..len]
}

/// The `host[:port]` the HTTP client sends for `uri`: the port only when it is not the
/// scheme's default.
fn host_from_uri(uri: &http::Uri) -> Option<&str> {
    let authority = uri.authority()?.as_str();
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let secure = matches!(uri.scheme_str(), Some("https" | "wss"));
    match uri.port_u16() {
        Some(443) if secure => uri.host(),
        Some(80) if !secure => uri.host(),
        _ => Some(host_port),
    }
}

#[cfg(feature = "test-internals")]
/// Header values may be any bytes; signing treats them as bytes, display is lossy.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}
