//! Reading an output's members out of a response, for the generated [`super::http_output!`].
use super::{Payload, Values};
use crate::runtime::stream::ByteStream;
use http::header::{HeaderMap, HeaderValue};
use std::cell::Cell;

/// A response being read into an output's members.
pub struct Response<'a> {
    status: u16,
    headers: &'a HeaderMap,
    body: &'a [u8],
    /// The unread body of an output with a `@streaming` payload, until that member takes it.
    stream: Cell<Option<ByteStream>>,
}

impl<'a> Response<'a> {
    /// The parts of a successful response.
    pub fn new(status: u16, headers: &'a HeaderMap, body: &'a [u8]) -> Self {
        Self {
            status,
            headers,
            body,
            stream: Cell::new(None),
        }
    }

    /// A successful response whose body is a `@streaming` payload, unread.
    pub fn streamed(status: u16, headers: &'a HeaderMap, body: ByteStream) -> Self {
        Self {
            status,
            headers,
            body: &[],
            stream: Cell::new(Some(body)),
        }
    }

    /// The `@httpResponseCode` member.
    pub fn status(&self) -> Option<i32> {
        Some(i32::from(self.status))
    }

    /// An `@httpHeader` member (case-insensitive name); `None` when absent. A header sent more
    /// than once reads as its values joined with `, `.
    pub fn header<C: Values<T>, T>(&self, name: &'static str) -> Result<Option<T>, String> {
        let Some(text) = header_text(self.headers.get_all(name)) else {
            return Ok(None);
        };
        C::from_header(&text)
            .map(Some)
            .map_err(|e| format!("header {name} does not match the model: {e}"))
    }

    /// An `@httpPrefixHeaders` map: every header whose name starts with `prefix` (any case),
    /// keyed by the rest of its name (lower case); `None` when there is none.
    pub fn prefix_headers<C: Values<T>, T, M: FromIterator<(String, T)>>(
        &self,
        prefix: &'static str,
    ) -> Result<Option<M>, String> {
        let mut entries = Vec::new();
        for name in self.headers.keys() {
            let Some(key) = strip_prefix_ignore_case(name.as_str(), prefix) else {
                continue;
            };
            let text = header_text(self.headers.get_all(name)).unwrap_or_default();
            let value = C::from_header(&text)
                .map_err(|e| format!("header {name} does not match the model: {e}"))?;
            entries.push((key.to_string(), value));
        }
        Ok((!entries.is_empty()).then(|| entries.into_iter().collect()))
    }

    /// An `@httpPayload` member, from the whole body.
    pub fn payload<P: Payload<T>, T>(&self) -> Result<Option<T>, String> {
        P::read(self.body).map_err(|e| format!("body does not match the model: {e}"))
    }

    /// A `@streaming` payload member: the body, unread; or, for a response read whole (by a
    /// transport that reads everything), those bytes.
    pub fn stream_payload(&self) -> Result<Option<ByteStream>, String> {
        match self.stream.take() {
            Some(stream) => Ok(Some(stream)),
            None => self.payload::<super::Stream, ByteStream>(),
        }
    }
}

fn strip_prefix_ignore_case<'n>(name: &'n str, prefix: &str) -> Option<&'n str> {
    let head = name.as_bytes().get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix.as_bytes()) {
        return None;
    }
    name.get(prefix.len()..)
}

/// A header's values joined with `, `, or `None` when it is absent. Bytes that are not UTF-8
/// (obs-text) are replaced rather than failing the call.
fn header_text(values: http::header::GetAll<'_, HeaderValue>) -> Option<String> {
    let mut text: Option<String> = None;
    for value in values {
        let value = String::from_utf8_lossy(value.as_bytes());
        match &mut text {
            Some(text) => {
                text.push_str(", ");
                text.push_str(&value);
            }
            None => text = Some(value.into_owned()),
        }
    }
    text
}

/// Reads the body, a JSON object (an empty body is `{}`), with the generated `visitor`, which
/// builds the output. Its errors say whether the body is not JSON or does not fit the model.
pub fn read_body<'de, V: serde::de::Visitor<'de>>(
    response: &Response<'de>,
    visitor: V,
) -> Result<V::Value, String> {
    use serde::Deserializer as _;
    let body = crate::runtime::protocol::aws_json::json_body(response.body);
    let mut json = serde_json::Deserializer::from_slice(body);
    let read = json.deserialize_map(visitor).and_then(|value| {
        json.end()?;
        Ok(value)
    });
    read.map_err(|e| match e.classify() {
        serde_json::error::Category::Data => format!("body does not match the model: {e}"),
        _ => format!("body is not valid JSON: {e}"),
    })
}

/// A member's value after the presence's `finish` (error correction for required members).
pub fn finished<T>(value: Result<T, serde_json::Error>) -> Result<T, String> {
    value.map_err(|e| format!("does not match the model: {e}"))
}
