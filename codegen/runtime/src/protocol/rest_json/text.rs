//! The text forms of members bound to a label, a query parameter or a header: one codec type
//! per token the generator prints (`Text`, `Int`, `Bool`, `Float`, `Enum`, `IntEnum`,
//! `DateTime`, `HttpDate`, `EpochSeconds`, `Base64`, `JsonBase64`, and `List<C>`).
//!
//! Error messages quote the offending text (`{:?}`), so the pipeline's redaction of quoted
//! values keeps a header's content out of them.
use super::headers::{join_list, split_list};
use crate::runtime::types::{self, TimestampFormat};
use base64::Engine as _;
use std::fmt::Display;
use std::marker::PhantomData;
use std::str::FromStr;

/// A scalar's text form (one label, one query value, one header or one item of a list header).
pub trait TextCodec<T> {
    /// The value as text, before any percent-encoding or quoting.
    fn write(value: &T) -> Result<String, String>;
    /// Reads the value from text as received (a header's value, or one item of a list).
    fn read(text: &str) -> Result<T, String>;
    /// True for http-date, whose text holds a comma: a list of them is split after every
    /// second comma, and its items are never quoted.
    const HTTP_DATE: bool = false;
}

/// What a query parameter or header member holds: one scalar ([`TextCodec`]) or a list of them
/// ([`List`]).
pub trait Values<T> {
    /// Each value as text: one for a scalar, one per item for a list (the query repeats the
    /// key once per item).
    fn texts(value: &T) -> Result<Vec<String>, String>;
    /// The header value: a scalar's text, or a list's items joined with `, ` (quoted when
    /// holding `,` or `"`, http-dates never).
    fn header(value: &T) -> Result<String, String>;
    /// Reads a header value.
    fn from_header(text: &str) -> Result<T, String>;
}

impl<T, C: TextCodec<T>> Values<T> for C {
    fn texts(value: &T) -> Result<Vec<String>, String> {
        Ok(vec![C::write(value)?])
    }
    fn header(value: &T) -> Result<String, String> {
        C::write(value)
    }
    fn from_header(text: &str) -> Result<T, String> {
        C::read(text)
    }
}

/// A list of `C` values (`List<Text>` is a `Vec<String>`).
pub struct List<C>(PhantomData<C>);

impl<T, C: TextCodec<T>> Values<Vec<T>> for List<C> {
    fn texts(value: &Vec<T>) -> Result<Vec<String>, String> {
        value.iter().map(C::write).collect()
    }
    fn header(value: &Vec<T>) -> Result<String, String> {
        let items = value.iter().map(C::write).collect::<Result<Vec<_>, _>>()?;
        Ok(join_list(&items, !C::HTTP_DATE))
    }
    fn from_header(text: &str) -> Result<Vec<T>, String> {
        split_list(text, C::HTTP_DATE)?
            .iter()
            .map(|item| C::read(item))
            .collect()
    }
}

/// A string, as is.
pub struct Text;

impl TextCodec<String> for Text {
    fn write(value: &String) -> Result<String, String> {
        Ok(value.clone())
    }
    fn read(text: &str) -> Result<String, String> {
        Ok(text.to_string())
    }
}

/// An integer (`i8` to `i64`), in decimal.
pub struct Int;

impl<T: Display + FromStr> TextCodec<T> for Int {
    fn write(value: &T) -> Result<String, String> {
        Ok(value.to_string())
    }
    fn read(text: &str) -> Result<T, String> {
        text.trim()
            .parse()
            .map_err(|_| format!("{text:?} is not an integer of the member's size"))
    }
}

/// `true` or `false`.
pub struct Bool;

impl TextCodec<bool> for Bool {
    fn write(value: &bool) -> Result<String, String> {
        Ok(value.to_string())
    }
    fn read(text: &str) -> Result<bool, String> {
        match text.trim() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("{text:?} is not a boolean")),
        }
    }
}

/// A float, with `NaN`, `Infinity` and `-Infinity` spelled out.
pub struct Float;

macro_rules! float_text {
    ($($t:ty),*) => {$(
        impl TextCodec<$t> for Float {
            fn write(value: &$t) -> Result<String, String> {
                Ok(match *value {
                    v if v.is_nan() => "NaN".to_string(),
                    <$t>::INFINITY => "Infinity".to_string(),
                    <$t>::NEG_INFINITY => "-Infinity".to_string(),
                    v => v.to_string(),
                })
            }
            fn read(text: &str) -> Result<$t, String> {
                match text.trim() {
                    "NaN" => Ok(<$t>::NAN),
                    "Infinity" => Ok(<$t>::INFINITY),
                    "-Infinity" => Ok(<$t>::NEG_INFINITY),
                    // Rust also reads `inf` and `nan`, which are not on the wire.
                    t if t.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') => {
                        Err(format!("{text:?} is not a number"))
                    }
                    t => t.parse().map_err(|_| format!("{text:?} is not a number")),
                }
            }
        }
    )*};
}

float_text!(f32, f64);

/// A string enum: its value (`Display`), read back with `From<&str>` (unknown values kept).
pub struct Enum;

impl<T: Display + for<'a> From<&'a str>> TextCodec<T> for Enum {
    fn write(value: &T) -> Result<String, String> {
        Ok(value.to_string())
    }
    fn read(text: &str) -> Result<T, String> {
        Ok(T::from(text))
    }
}

/// An intEnum: its number in decimal (`i32::from(&value)`, read with `From<i32>`).
pub struct IntEnum;

impl<T: From<i32>> TextCodec<T> for IntEnum
where
    for<'a> i32: From<&'a T>,
{
    fn write(value: &T) -> Result<String, String> {
        Ok(i32::from(value).to_string())
    }
    fn read(text: &str) -> Result<T, String> {
        Int::read(text).map(T::from)
    }
}

/// RFC 3339 in UTC (`2019-12-16T23:48:18Z`, a fraction only when there is one).
pub struct DateTime;

impl TextCodec<types::DateTime> for DateTime {
    fn write(value: &types::DateTime) -> Result<String, String> {
        value.to_rfc3339().map_err(|e| e.to_string())
    }
    fn read(text: &str) -> Result<types::DateTime, String> {
        types::DateTime::parse(text.trim(), TimestampFormat::DateTime).map_err(|e| e.to_string())
    }
}

/// IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`).
pub struct HttpDate;

impl TextCodec<types::DateTime> for HttpDate {
    fn write(value: &types::DateTime) -> Result<String, String> {
        value.to_http_date().map_err(|e| e.to_string())
    }
    fn read(text: &str) -> Result<types::DateTime, String> {
        types::DateTime::parse(text.trim(), TimestampFormat::HttpDate).map_err(|e| e.to_string())
    }
    const HTTP_DATE: bool = true;
}

/// Seconds since the epoch as decimal text (`1576540098`, `1576540098.5`), exact to the
/// nanosecond (no trip through `f64`).
pub struct EpochSeconds;

impl TextCodec<types::DateTime> for EpochSeconds {
    fn write(value: &types::DateTime) -> Result<String, String> {
        Ok(epoch_text(value))
    }
    fn read(text: &str) -> Result<types::DateTime, String> {
        parse_epoch(text.trim()).ok_or_else(|| format!("{text:?} is not epoch seconds"))
    }
}

fn epoch_text(value: &types::DateTime) -> String {
    let (secs, nanos) = (value.secs(), value.subsec_nanos());
    if nanos == 0 {
        return secs.to_string();
    }
    // -1.5 is stored as -2 seconds and 500_000_000 nanoseconds.
    let (sign, whole, fraction) = if secs < 0 {
        ("-", -(secs + 1), 1_000_000_000 - nanos)
    } else {
        ("", secs, nanos)
    };
    let fraction = format!("{fraction:09}");
    format!("{sign}{whole}.{}", fraction.trim_end_matches('0'))
}

fn parse_epoch(text: &str) -> Option<types::DateTime> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (!fraction.is_empty() && !digits(fraction)) || fraction.len() > 9 {
        // An exponent or more than nine fraction digits: good enough as a float.
        let value: f64 = text.parse().ok()?;
        return types::DateTime::from_secs_f64(value);
    }
    let whole: i64 = whole.parse().ok()?;
    let nanos = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<u32>().ok()? * 10u32.pow(9 - fraction.len() as u32)
    };
    Some(match (negative, nanos) {
        (false, _) => types::DateTime::from_secs_and_nanos(whole, nanos),
        (true, 0) => types::DateTime::from_secs(-whole),
        (true, _) => types::DateTime::from_secs_and_nanos(-whole - 1, 1_000_000_000 - nanos),
    })
}

/// A blob as base64 text.
pub struct Base64;

impl TextCodec<types::Blob> for Base64 {
    fn write(value: &types::Blob) -> Result<String, String> {
        Ok(base64::engine::general_purpose::STANDARD.encode(value.as_bytes()))
    }
    fn read(text: &str) -> Result<types::Blob, String> {
        decode_base64(text).map(types::Blob::from)
    }
}

/// A string whose target has `@mediaType("application/json")`: the base64 of its UTF-8.
pub struct JsonBase64;

impl TextCodec<String> for JsonBase64 {
    fn write(value: &String) -> Result<String, String> {
        Ok(base64::engine::general_purpose::STANDARD.encode(value.as_bytes()))
    }
    fn read(text: &str) -> Result<String, String> {
        String::from_utf8(decode_base64(text)?)
            .map_err(|_| "the base64 value does not decode to UTF-8 text".to_string())
    }
}

fn decode_base64(text: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim().as_bytes())
        .map_err(|e| format!("not valid base64: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_round_trip_exactly() {
        for (secs, nanos, text) in [
            (1576540098, 0, "1576540098"),
            (1576540098, 500_000_000, "1576540098.5"),
            (1576540098, 123_456_789, "1576540098.123456789"),
            (-2, 500_000_000, "-1.5"),
            (-1, 0, "-1"),
        ] {
            let value = types::DateTime::from_secs_and_nanos(secs, nanos);
            assert_eq!(EpochSeconds::write(&value).unwrap(), text);
            assert_eq!(EpochSeconds::read(text).unwrap(), value, "{text}");
        }
        assert_eq!(
            EpochSeconds::read("1.5e3").unwrap(),
            types::DateTime::from_secs(1500)
        );
        assert!(EpochSeconds::read("soon").is_err());
        assert!(EpochSeconds::read("").is_err());
    }

    #[test]
    fn floats_spell_the_special_values() {
        assert_eq!(Float::write(&f64::NAN).unwrap(), "NaN");
        assert_eq!(Float::write(&f32::NEG_INFINITY).unwrap(), "-Infinity");
        assert_eq!(Float::write(&1.1f32).unwrap(), "1.1");
        assert!(<Float as TextCodec<f64>>::read("inf").is_err());
        assert_eq!(<Float as TextCodec<f64>>::read(" 1.5e2").unwrap(), 150.0);
        assert!(<Float as TextCodec<f64>>::read("Infinity")
            .unwrap()
            .is_infinite());
    }
}
