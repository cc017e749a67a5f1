//! `@httpPayload` members: the whole body, by kind.
use super::{Enum, Text};
use crate::runtime::types;
use bytes::Bytes;

/// How an `@httpPayload` member is the whole body.
pub trait Payload<T> {
    /// The body and its content type; `None` for no body.
    fn write(value: Option<&T>) -> Result<Option<(Bytes, &'static str)>, String>;
    /// The member from the whole body; `None` for unset.
    fn read(body: &[u8]) -> Result<Option<T>, String>;
}

/// A blob payload: raw bytes, `application/octet-stream`; an empty body is unset.
pub struct Blob;

impl Payload<types::Blob> for Blob {
    fn write(value: Option<&types::Blob>) -> Result<Option<(Bytes, &'static str)>, String> {
        Ok(value.map(|blob| {
            let bytes = Bytes::copy_from_slice(blob.as_bytes());
            (bytes, "application/octet-stream")
        }))
    }
    fn read(body: &[u8]) -> Result<Option<types::Blob>, String> {
        Ok((!body.is_empty()).then(|| types::Blob::from(body)))
    }
}

impl Payload<String> for Text {
    fn write(value: Option<&String>) -> Result<Option<(Bytes, &'static str)>, String> {
        Ok(value.map(|text| (Bytes::from(text.clone()), "text/plain")))
    }
    fn read(body: &[u8]) -> Result<Option<String>, String> {
        read_text(body).map(|text| text.map(str::to_string))
    }
}

impl<T: std::fmt::Display + for<'a> From<&'a str>> Payload<T> for Enum {
    fn write(value: Option<&T>) -> Result<Option<(Bytes, &'static str)>, String> {
        Ok(value.map(|value| (Bytes::from(value.to_string()), "text/plain")))
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
    fn write(value: Option<&T>) -> Result<Option<(Bytes, &'static str)>, String> {
        let Some(value) = value else {
            return Ok(None);
        };
        let json = serde_json::to_vec(value).map_err(|e| e.to_string())?;
        Ok(Some((Bytes::from(json), "application/json")))
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
    fn write(value: Option<&T>) -> Result<Option<(Bytes, &'static str)>, String> {
        match value {
            Some(value) => Json::write(Some(value)),
            None => Ok(Some((Bytes::from_static(b"{}"), "application/json"))),
        }
    }
    fn read(body: &[u8]) -> Result<Option<T>, String> {
        serde_json::from_slice(crate::runtime::protocol::aws_json::json_body(body))
            .map(Some)
            .map_err(|e| e.to_string())
    }
}
