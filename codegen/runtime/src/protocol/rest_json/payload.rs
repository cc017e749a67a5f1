//! `@httpPayload` members: the whole body, by kind.
use super::{Enum, Text};
use crate::runtime::stream::ByteStream;
use crate::runtime::types;

/// How an `@httpPayload` member is the whole body.
pub trait Payload<T> {
    /// The body and its content type; `None` for no body.
    fn write(value: Option<&T>) -> Result<Option<(ByteStream, &'static str)>, String>;
    /// The member from the whole body; `None` for unset.
    fn read(body: &[u8]) -> Result<Option<T>, String>;
}

/// A blob payload: raw bytes, `application/octet-stream`; an empty body is unset.
pub struct Blob;

impl Payload<types::Blob> for Blob {
    fn write(value: Option<&types::Blob>) -> Result<Option<(ByteStream, &'static str)>, String> {
        Ok(value.map(|blob| {
            let bytes = ByteStream::from(blob.as_bytes().to_vec());
            (bytes, "application/octet-stream")
        }))
    }
    fn read(body: &[u8]) -> Result<Option<types::Blob>, String> {
        Ok((!body.is_empty()).then(|| types::Blob::from(body)))
    }
}

/// A `@streaming` blob payload: the body as it streams, `application/octet-stream`. An input's
/// stream goes to the request as it is; an output's is the response body, unread (see
/// [`super::Response::stream_payload`]), or here, from a response already read whole.
pub struct Stream;

impl Payload<ByteStream> for Stream {
    fn write(value: Option<&ByteStream>) -> Result<Option<(ByteStream, &'static str)>, String> {
        Ok(value.map(|body| (body.share(), "application/octet-stream")))
    }
    fn read(body: &[u8]) -> Result<Option<ByteStream>, String> {
        Ok(Some(ByteStream::from(body.to_vec())))
    }
}

/// A `@streaming` blob payload whose target has `@requiresLength`: as [`Stream`], but a stream
/// of unknown length is refused before anything is sent.
pub struct SizedStream;

impl Payload<ByteStream> for SizedStream {
    fn write(value: Option<&ByteStream>) -> Result<Option<(ByteStream, &'static str)>, String> {
        if value.is_some_and(|body| body.len().is_none()) {
            return Err(
                "the service needs the body's length (`@requiresLength`): give \
                        ByteStream::from_stream a length, or use bytes or a file"
                    .into(),
            );
        }
        Stream::write(value)
    }
    fn read(body: &[u8]) -> Result<Option<ByteStream>, String> {
        Stream::read(body)
    }
}

impl Payload<String> for Text {
    fn write(value: Option<&String>) -> Result<Option<(ByteStream, &'static str)>, String> {
        Ok(value.map(|text| (ByteStream::from(text.clone()), "text/plain")))
    }
    fn read(body: &[u8]) -> Result<Option<String>, String> {
        read_text(body).map(|text| text.map(str::to_string))
    }
}

impl<T: std::fmt::Display + for<'a> From<&'a str>> Payload<T> for Enum {
    fn write(value: Option<&T>) -> Result<Option<(ByteStream, &'static str)>, String> {
        Ok(value.map(|value| (ByteStream::from(value.to_string()), "text/plain")))
    }
    fn read(body: &[u8]) -> Result<Option<T>, String> {
        read_text(body).map(|text| text.map(T::from))
    }
}

fn read_text(body: &[u8]) -> Result<Option<&str>, String> {
    if body.is_empty() {
        return Ok(None);
    }
    std::str::from_utf8(body)
        .map(Some)
        .map_err(|_| "the text payload is not UTF-8".to_string())
}

/// A union or document payload: its JSON, `application/json`; unset sends no body, and an
/// empty body reads as unset.
pub struct Json;

impl<T: serde::Serialize + serde::de::DeserializeOwned> Payload<T> for Json {
    fn write(value: Option<&T>) -> Result<Option<(ByteStream, &'static str)>, String> {
        let Some(value) = value else {
            return Ok(None);
        };
        let json = serde_json::to_vec(value).map_err(|e| e.to_string())?;
        Ok(Some((ByteStream::from(json), "application/json")))
    }
    fn read(body: &[u8]) -> Result<Option<T>, String> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(body)
            .map(Some)
            .map_err(|e| e.to_string())
    }
}

/// A structure payload: like [`Json`], but unset sends `{}` and an empty body reads as `{}`.
pub struct Structure;

impl<T: serde::Serialize + serde::de::DeserializeOwned> Payload<T> for Structure {
    fn write(value: Option<&T>) -> Result<Option<(ByteStream, &'static str)>, String> {
        match value {
            Some(value) => Json::write(Some(value)),
            None => Ok(Some((ByteStream::from(&b"{}"[..]), "application/json"))),
        }
    }
    fn read(body: &[u8]) -> Result<Option<T>, String> {
        serde_json::from_slice(crate::runtime::protocol::aws_json::json_body(body))
            .map(Some)
            .map_err(|e| e.to_string())
    }
}
