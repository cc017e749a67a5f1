//! awsJson 1.0 and 1.1: the input as a JSON body, `X-Amz-Target` naming the operation, and
//! responses read back: the output's JSON, or an error's code, message and request id.
// restJson1 crates read errors (and empty bodies) as this module does, and send nothing through it.
#![allow(dead_code)]
use crate::runtime::client::{Encoded, Runtime};
use crate::runtime::error::{Error, ErrorMetadata, ResponseError};
use crate::runtime::header_text::static_value;
use crate::runtime::operation::ResponseMetadata;
use crate::runtime::operation::{OperationError, OperationOutput, OperationSpec, ServiceSpec};
use crate::runtime::stream::ByteStream;
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");
const X_AMZN_QUERY_MODE: HeaderName = HeaderName::from_static("x-amzn-query-mode");

impl Runtime {
    /// Calls the awsJson operation `op` with `input`: the input as the JSON body, signed unless
    /// the operation is unsigned, sent with retries and timeouts; the output or the error parsed.
    ///
    /// Must run inside a Tokio runtime with its time and IO drivers enabled (`#[tokio::main]`
    /// has both); without them the call fails with [`Error::Construction`] naming the
    /// missing `enable_*`.
    pub async fn call<I, O, E>(&self, op: &'static OperationSpec, input: &I) -> Result<O, Error<E>>
    where
        I: serde::Serialize + ?Sized,
        O: OperationOutput + DeserializeOwned,
        E: OperationError,
    {
        self.call_with_host_labels(op, input, &[]).await
    }

    /// [`Runtime::call`] for an operation whose `@endpoint` host prefix has labels: `labels`
    /// gives each `@hostLabel` member's name and value. A value that is not a valid host label
    /// fails the call with [`Error::Construction`] before anything is sent.
    pub async fn call_with_host_labels<I, O, E>(
        &self,
        op: &'static OperationSpec,
        input: &I,
        labels: &[(&str, &str)],
    ) -> Result<O, Error<E>>
    where
        I: serde::Serialize + ?Sized,
        O: OperationOutput + DeserializeOwned,
        E: OperationError,
    {
        let encoded = encode(self.service(), op, input);
        self.send(op, encoded, labels, parse_output::<O, E>).await
    }
}

/// An awsJson request: `POST` to the endpoint's own URL, the input as JSON (`{}` for an input
/// with no members set), the content type and `X-Amz-Target`.
fn encode<I: serde::Serialize + ?Sized>(
    service: &ServiceSpec,
    op: &OperationSpec,
    input: &I,
) -> Result<Encoded, String> {
    let body = serde_json::to_vec(input)
        .map_err(|e| format!("could not serialize the {} input: {e}", op.name))?;
    let mut headers = http::HeaderMap::with_capacity(3);
    append_headers(&mut headers, service, op)
        .map_err(|e| format!("could not build the {} request: {e}", op.name))?;
    Ok(Encoded {
        method: http::Method::POST,
        path_and_query: String::new(),
        headers,
        body: ByteStream::from(body),
        unsigned_payload: false,
    })
}

/// The headers awsJson adds to a request: its content type and `X-Amz-Target` naming the
/// operation, and for an `@awsQueryCompatible` service `x-amzn-query-mode`.
fn append_headers(
    headers: &mut http::HeaderMap,
    service: &ServiceSpec,
    op: &OperationSpec,
) -> Result<(), String> {
    let invalid = |what: &str, e: http::header::InvalidHeaderValue| format!("{what}: {e}");
    headers.append(
        http::header::CONTENT_TYPE,
        static_value(service.content_type).map_err(|e| invalid("the content type", e))?,
    );
    headers.append(
        X_AMZ_TARGET,
        static_value(op.target).map_err(|e| invalid("x-amz-target", e))?,
    );
    if service.query_compatible {
        headers.append(X_AMZN_QUERY_MODE, HeaderValue::from_static("true"));
    }
    Ok(())
}

/// A body as awsJson reads it: empty (or only whitespace) means `{}`, an object with no
/// members. Outputs, modeled errors and the mock's inputs are all read through this.
pub fn json_body(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    }
}

pub(crate) fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .map(str::to_string)
}

/// Parses a successful response; its headers move into the output (no copy).
pub(crate) fn parse_output<O: OperationOutput + DeserializeOwned, E>(
    op: &OperationSpec,
    request_id: Option<String>,
    response: http::Response<Bytes>,
    attempt: u32,
) -> Result<O, Error<E>> {
    let status = response.status().as_u16();
    let (parts, body) = response.into_parts();
    let parsed: Result<O, _> = serde_json::from_slice(json_body(&body));
    let mut output = match parsed {
        Ok(output) => output,
        Err(e) => {
            let message = format!(
                "the {} response body {}: {}",
                op.name,
                match e.classify() {
                    serde_json::error::Category::Data => "does not match the model",
                    _ => "is not valid JSON",
                },
                redact_quoted(&e.to_string())
            );
            let mut error = ResponseError::new(status, request_id, message);
            error.set_response(parts.headers, body);
            error.attempts = attempt;
            return Err(Error::Response(error));
        }
    };
    output.set_metadata(ResponseMetadata {
        status,
        request_id,
        headers: parts.headers,
    });
    Ok(output)
}

/// serde_json quotes offending string values in its messages; those may be secrets.
pub(crate) fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("...\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// Reads code, message and request id of an awsJson error response. The code comes from the
/// `X-Amzn-ErrorType` header, else the body's `code`, else its `__type`, normalised by
/// [`normalize_error_code`]; the message from `message` or `Message`. A body that is not
/// valid JSON (cut short, or junk after the object) still gives the members that could be
/// read before the damage. A response with no code at all (an HTML page from a proxy) gets
/// no code and, unless it has one, a message naming the status. Headers and body are left
/// empty for the caller to move in.
pub fn error_metadata(status: u16, headers: &http::HeaderMap, body: &[u8]) -> ErrorMetadata {
    let json: serde_json::Map<String, serde_json::Value> = match serde_json::from_slice(body) {
        Ok(object) => object,
        Err(_) => lenient_top_level_strings(body),
    };
    let field = |name: &str| -> Option<&str> { json.get(name)?.as_str() };
    let header_code = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok());
    let code = [header_code, field("code"), field("__type")]
        .into_iter()
        .flatten()
        .map(normalize_error_code)
        .find(|c| !c.is_empty());
    let message = field("message")
        .or_else(|| field("Message"))
        .map(str::to_string);
    let message = match code {
        Some(_) => message,
        None => message.or_else(|| Some(no_code_message(status))),
    };
    let mut metadata = ErrorMetadata::default();
    metadata.code = code.map(str::to_string);
    metadata.message = message;
    metadata.status = status;
    metadata.request_id = request_id(headers);
    metadata
}

/// The code of an `x-amzn-query-error: <code>;<fault>` header (`Customized;Sender` gives
/// `Customized`), the error's awsQuery code. `None` when the header is absent or malformed.
pub fn query_error_code(headers: &http::HeaderMap) -> Option<&str> {
    let value = headers.get("x-amzn-query-error")?.to_str().ok()?;
    let (code, _fault) = value.trim().split_once(';')?;
    let code = code.trim();
    (!code.is_empty()).then_some(code)
}

/// The string members of a damaged JSON object, read from its start until the first thing
/// that is not valid JSON: `{"__type":"X","message":"cut sh` gives `__type`. Other members
/// are skipped; later duplicates win, as in serde_json.
fn lenient_top_level_strings(body: &[u8]) -> serde_json::Map<String, serde_json::Value> {
    let mut found = serde_json::Map::new();
    let mut reader = Lenient { body, at: 0 };
    if !reader.eat(b'{') {
        return found;
    }
    loop {
        let Some(key) = reader.string() else {
            return found;
        };
        if !reader.eat(b':') {
            return found;
        }
        reader.skip_whitespace();
        if reader.peek() == Some(b'"') {
            let Some(value) = reader.string() else {
                return found;
            };
            found.insert(key, serde_json::Value::String(value));
        } else if !reader.skip_value() {
            return found;
        }
        if !reader.eat(b',') {
            return found;
        }
    }
}

/// A cursor over a JSON text that may be broken anywhere.
struct Lenient<'a> {
    body: &'a [u8],
    at: usize,
}

impl Lenient<'_> {
    fn peek(&self) -> Option<u8> {
        self.body.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    /// Skips whitespace, then `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        if self.peek() == Some(byte) {
            self.at += 1;
            return true;
        }
        false
    }

    /// A complete string literal, unescaped by serde_json; `None` if cut short or invalid.
    fn string(&mut self) -> Option<String> {
        self.skip_whitespace();
        let start = self.at;
        if self.peek() != Some(b'"') {
            return None;
        }
        let mut i = start + 1;
        loop {
            match *self.body.get(i)? {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        let literal = self.body.get(start..=i)?;
        self.at = i + 1;
        serde_json::from_slice(literal).ok()
    }

    /// Skips a number, literal, object or array (brackets balanced, strings respected);
    /// false if the text ends first.
    fn skip_value(&mut self) -> bool {
        let mut depth = 0usize;
        loop {
            let Some(byte) = self.peek() else {
                return false;
            };
            match byte {
                b'"' => {
                    if self.string().is_none() {
                        return false;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth == 0 => return true,
                b'}' | b']' => depth -= 1,
                b',' if depth == 0 => return true,
                _ => {}
            }
            self.at += 1;
        }
    }
}

fn no_code_message(status: u16) -> String {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("unrecognised status");
    format!("the response ({status} {reason}) carried no error code")
}

/// Strips an error code to its shape name: drops everything from the first `:` (a URL some
/// services append) and everything up to the last `#` (the namespace).
pub fn normalize_error_code(raw: &str) -> &str {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim()
}
