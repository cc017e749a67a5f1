//! Value types for the model's timestamps, blobs and documents, and the serde helpers
//! the generated types use for the awsJson wire form.
use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};
use std::fmt;

/// What `Debug` prints in place of a `@sensitive` value.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// An untyped JSON value, the model's `document` type.
pub type Document = serde_json::Value;

/// An instant, sent on the wire as epoch seconds (fractions allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    nanos: u32,
}

impl DateTime {
    /// From whole seconds since the Unix epoch.
    pub fn from_secs(seconds: i64) -> Self {
        Self { seconds, nanos: 0 }
    }
    /// From seconds and a sub-second part; `nanos` over a second carries into `seconds`.
    pub fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        Self {
            seconds: seconds + i64::from(nanos / 1_000_000_000),
            nanos: nanos % 1_000_000_000,
        }
    }
    /// From fractional seconds since the Unix epoch; `None` when not finite or out of range.
    pub fn from_secs_f64(value: f64) -> Option<Self> {
        if !value.is_finite() || value.abs() > 9.0e15 {
            return None;
        }
        let seconds = value.floor();
        let nanos = ((value - seconds) * 1e9).round() as u32;
        Some(Self::from_secs_and_nanos(seconds as i64, nanos))
    }
    /// Whole seconds since the Unix epoch.
    pub fn secs(&self) -> i64 {
        self.seconds
    }
    /// The sub-second part in nanoseconds.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }
    /// Fractional seconds since the Unix epoch.
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / 1e9
    }
    /// The current time.
    pub fn now() -> Self {
        Self::from(std::time::SystemTime::now())
    }
}

impl From<std::time::SystemTime> for DateTime {
    fn from(time: std::time::SystemTime) -> Self {
        match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => Self::from_secs_and_nanos(d.as_secs() as i64, d.subsec_nanos()),
            Err(e) => {
                let d = e.duration();
                let (secs, nanos) = (d.as_secs() as i64, d.subsec_nanos());
                if nanos == 0 {
                    Self::from_secs(-secs)
                } else {
                    Self::from_secs_and_nanos(-secs - 1, 1_000_000_000 - nanos)
                }
            }
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            serializer.serialize_i64(self.seconds)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        if let Some(secs) = number.as_i64() {
            return Ok(Self::from_secs(secs));
        }
        number
            .as_f64()
            .and_then(Self::from_secs_f64)
            .ok_or_else(|| D::Error::custom(format!("timestamp {number} is out of range")))
    }
}

/// Binary data, sent on the wire as base64.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use base64::Engine as _;
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use base64::Engine as _;
        let text = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Blob)
            .map_err(|e| D::Error::custom(format!("blob is not valid base64: {e}")))
    }
}

/// Floats with awsJson's spelling of the non-finite values: `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub mod float {
    use super::*;

    /// Serializes an `f64` (or `f32` through `as f64` at the call site).
    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        match special_name(*value) {
            Some(name) => serializer.serialize_str(name),
            None => serializer.serialize_f64(*value),
        }
    }

    /// Deserializes a number or one of the three special strings.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Number(n) => n
                .as_f64()
                .ok_or_else(|| D::Error::custom(format!("{n} is not a float"))),
            serde_json::Value::String(s) => match s.as_str() {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                other => Err(D::Error::custom(format!("{other:?} is not a float"))),
            },
            other => Err(D::Error::custom(format!("expected a float, found {other}"))),
        }
    }

    fn special_name(value: f64) -> Option<&'static str> {
        if value.is_nan() {
            Some("NaN")
        } else if value == f64::INFINITY {
            Some("Infinity")
        } else if value == f64::NEG_INFINITY {
            Some("-Infinity")
        } else {
            None
        }
    }
}

/// An `f64` in awsJson's spelling: the generated (de)serializers wrap float members in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct F64(pub f64);

impl Serialize for F64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        float::serialize(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for F64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        float::deserialize(deserializer).map(F64)
    }
}

/// An `f32` in awsJson's spelling, like [`F64`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct F32(pub f32);

impl Serialize for F32 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        float::serialize(&f64::from(self.0), serializer)
    }
}

impl<'de> Deserialize<'de> for F32 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        float::deserialize(deserializer).map(|v| F32(v as f32))
    }
}

/// A JSON object key, borrowed from the input when it has no escapes. The generated
/// deserializers match member names on it without allocating.
#[derive(Debug)]
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_string())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// [`float`] for optional members.
pub mod option_float {
    use super::*;

    /// Serializes a present value; absent values are skipped by the caller.
    pub fn serialize<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => float::serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<f64>, D::Error> {
        Ok(Option::<F64>::deserialize(deserializer)?.map(|F64(v)| v))
    }
}

/// [`float`] for `f32` members.
pub mod float32 {
    use super::*;

    /// Serializes through `f64`.
    pub fn serialize<S: Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        float::serialize(&f64::from(*value), serializer)
    }

    /// Deserializes through `f64`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        float::deserialize(deserializer).map(|v| v as f32)
    }
}

/// [`float32`] for optional members.
pub mod option_float32 {
    use super::*;

    /// Serializes a present value.
    pub fn serialize<S: Serializer>(value: &Option<f32>, serializer: S) -> Result<S::Ok, S::Error> {
        option_float::serialize(&value.map(f64::from), serializer)
    }

    /// Deserializes `null` as `None`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<f32>, D::Error> {
        option_float::deserialize(deserializer).map(|v| v.map(|v| v as f32))
    }
}

/// Reads a union's JSON object: exactly one member set, `__type` and `null` members ignored.
/// Returns the member's wire name and value; the generated `Deserialize` matches the name.
pub fn union_member<'de, D: Deserializer<'de>>(
    deserializer: D,
    union_name: &str,
) -> Result<(String, serde_json::Value), D::Error> {
    let object = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
    let mut set = object
        .into_iter()
        .filter(|(key, value)| key != "__type" && !value.is_null());
    match (set.next(), set.next()) {
        (Some(member), None) => Ok(member),
        (None, _) => Err(D::Error::custom(format!(
            "union {union_name} has no member set"
        ))),
        (Some((a, _)), Some((b, _))) => Err(D::Error::custom(format!(
            "union {union_name} has more than one member set ({a}, {b})"
        ))),
    }
}
