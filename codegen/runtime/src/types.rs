//! Value types for the model's timestamps, blobs and documents, and the serde helpers
//! the generated types use for the awsJson wire form.
//!
//! Some helpers serve only some models: `F32`/`F64` float members, `union_member` unions,
//! `Timestamps`/`Formatted`/`FormatSeed` members with a `@timestampFormat`, and `REDACTED`
//! `@sensitive` ones. The file is
//! the same in every crate, so those carry `#[allow(dead_code)]` for the models without them.
use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};
use std::fmt;

/// What `Debug` prints in place of a `@sensitive` value.
#[allow(dead_code)] // only some models use it (see the module docs)
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

/// How a timestamp is written on the wire: Smithy's `@timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// Seconds since the Unix epoch as a JSON number, fractions allowed (awsJson's default).
    EpochSeconds,
    /// RFC 3339 text (`2014-04-29T18:30:38Z`); written in UTC with `Z`, read with any offset.
    DateTime,
    /// RFC 9110's IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`).
    HttpDate,
}

/// A timestamp text that does not fit its format, or an instant a format cannot spell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeError(String);

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateTimeError {}

const DAY_NAMES: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01: (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A cursor over timestamp text, each step failing with what was expected where.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn fail<T>(&self, what: &str) -> Result<T, DateTimeError> {
        Err(DateTimeError(format!(
            "timestamp {:?}: expected {what} at byte {}",
            self.text, self.at
        )))
    }
    /// Exactly `count` ASCII digits.
    fn digits(&mut self, count: usize, what: &str) -> Result<u32, DateTimeError> {
        let part = self.text.get(self.at..self.at + count);
        match part.filter(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            Some(p) => {
                self.at += count;
                Ok(p.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
            }
            None => self.fail(what),
        }
    }
    /// One of `options` (ASCII, any case); returns its byte.
    fn byte(&mut self, options: &[u8], what: &str) -> Result<u8, DateTimeError> {
        match self.text.as_bytes().get(self.at) {
            Some(b) if options.iter().any(|o| o.eq_ignore_ascii_case(b)) => {
                self.at += 1;
                Ok(b.to_ascii_uppercase())
            }
            _ => self.fail(what),
        }
    }
    /// A fixed word.
    fn word(&mut self, word: &str) -> Result<(), DateTimeError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            self.fail(&format!("{word:?}"))
        }
    }
    /// One of `names`, returning its index.
    fn name(&mut self, names: &[&str], what: &str) -> Result<usize, DateTimeError> {
        let rest = &self.text[self.at..];
        match names.iter().position(|n| rest.starts_with(n)) {
            Some(i) => {
                self.at += names[i].len();
                Ok(i)
            }
            None => self.fail(what),
        }
    }
    /// `.` and 1 to 9 digits, as nanoseconds; nothing when no `.` follows.
    fn fraction(&mut self) -> Result<u32, DateTimeError> {
        if self.text.as_bytes().get(self.at) != Some(&b'.') {
            return Ok(0);
        }
        self.at += 1;
        let digits = self.text[self.at..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if digits == 0 || digits > 9 {
            return self.fail("1 to 9 digits of a fraction of a second");
        }
        let value = self.digits(digits, "fraction digits")?;
        Ok(value * 10u32.pow(9 - digits as u32))
    }
    fn end(&self) -> Result<(), DateTimeError> {
        if self.at == self.text.len() {
            Ok(())
        } else {
            self.fail("the end")
        }
    }
}

/// Seconds since the epoch of a checked date and time of day.
fn instant(
    scan: &Scanner<'_>,
    (year, month, day): (i64, u32, u32),
    (hour, minute, second): (u32, u32, u32),
) -> Result<i64, DateTimeError> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return scan.fail("a valid date");
    }
    if hour > 23 || minute > 59 || second > 59 {
        return scan.fail("a valid time of day");
    }
    let seconds = i64::from(hour * 3600 + minute * 60 + second);
    Ok(days_from_civil(year, month, day) * 86_400 + seconds)
}

impl DateTime {
    /// Reads `text` in a text format: RFC 3339 (`2019-12-16T23:48:18.5-01:00`, any offset,
    /// 1 to 9 fraction digits) or IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`, an optional
    /// fraction). Epoch seconds are a JSON number, not text, and fail here.
    pub fn parse(text: &str, format: TimestampFormat) -> Result<Self, DateTimeError> {
        let mut scan = Scanner { text, at: 0 };
        match format {
            TimestampFormat::DateTime => parse_rfc3339(&mut scan),
            TimestampFormat::HttpDate => parse_http_date(&mut scan),
            TimestampFormat::EpochSeconds => scan.fail("a number (epoch seconds), not text"),
        }
    }

    /// The instant as RFC 3339 in UTC (`2014-04-29T18:30:38Z`, `...38.123Z` with a fraction).
    pub fn to_rfc3339(&self) -> Result<String, DateTimeError> {
        let (date, time) = self.civil(TimestampFormat::DateTime)?;
        let fraction = if self.nanos == 0 {
            String::new()
        } else {
            let digits = format!(".{:09}", self.nanos);
            digits.trim_end_matches('0').to_string()
        };
        Ok(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{fraction}Z",
            date.0, date.1, date.2, time.0, time.1, time.2
        ))
    }

    /// The instant as IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`); the format has no
    /// fraction, so a sub-second part is dropped.
    pub fn to_http_date(&self) -> Result<String, DateTimeError> {
        let (date, time) = self.civil(TimestampFormat::HttpDate)?;
        let weekday = DAY_NAMES[self.seconds.div_euclid(86_400).rem_euclid(7) as usize];
        Ok(format!(
            "{weekday}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
            date.2,
            MONTH_NAMES[date.1 as usize - 1],
            date.0,
            time.0,
            time.1,
            time.2
        ))
    }

    /// Date and time of day in UTC; the text formats spell years 0000 to 9999 only.
    #[allow(clippy::type_complexity)]
    fn civil(
        &self,
        format: TimestampFormat,
    ) -> Result<((i64, u32, u32), (u32, u32, u32)), DateTimeError> {
        let date = civil_from_days(self.seconds.div_euclid(86_400));
        if !(0..=9999).contains(&date.0) {
            return Err(DateTimeError(format!(
                "{} seconds since the epoch is outside the years 0000-9999 that {format:?} can spell",
                self.seconds
            )));
        }
        let of_day = self.seconds.rem_euclid(86_400) as u32;
        Ok((date, (of_day / 3600, of_day / 60 % 60, of_day % 60)))
    }
}

fn parse_rfc3339(scan: &mut Scanner<'_>) -> Result<DateTime, DateTimeError> {
    let year = scan.digits(4, "a 4-digit year")?;
    scan.byte(b"-", "'-'")?;
    let month = scan.digits(2, "a 2-digit month")?;
    scan.byte(b"-", "'-'")?;
    let day = scan.digits(2, "a 2-digit day")?;
    scan.byte(b"T", "'T'")?;
    let hour = scan.digits(2, "a 2-digit hour")?;
    scan.byte(b":", "':'")?;
    let minute = scan.digits(2, "2-digit minutes")?;
    scan.byte(b":", "':'")?;
    let second = scan.digits(2, "2-digit seconds")?;
    let nanos = scan.fraction()?;
    let offset = match scan.byte(b"Z+-", "'Z' or an offset")? {
        b'Z' => 0,
        sign => {
            let hours = scan.digits(2, "2-digit offset hours")?;
            scan.byte(b":", "':'")?;
            let minutes = scan.digits(2, "2-digit offset minutes")?;
            if hours > 23 || minutes > 59 {
                return scan.fail("a valid offset");
            }
            let offset = i64::from(hours * 3600 + minutes * 60);
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
    };
    scan.end()?;
    let local = instant(scan, (i64::from(year), month, day), (hour, minute, second))?;
    Ok(DateTime::from_secs_and_nanos(local - offset, nanos))
}

fn parse_http_date(scan: &mut Scanner<'_>) -> Result<DateTime, DateTimeError> {
    scan.name(&DAY_NAMES, "a day name (Mon..Sun)")?;
    scan.word(", ")?;
    let day = scan.digits(2, "a 2-digit day")?;
    scan.word(" ")?;
    let month = scan.name(&MONTH_NAMES, "a month name (Jan..Dec)")? as u32 + 1;
    scan.word(" ")?;
    let year = scan.digits(4, "a 4-digit year")?;
    scan.word(" ")?;
    let hour = scan.digits(2, "a 2-digit hour")?;
    scan.word(":")?;
    let minute = scan.digits(2, "2-digit minutes")?;
    scan.word(":")?;
    let second = scan.digits(2, "2-digit seconds")?;
    let nanos = scan.fraction()?;
    scan.word(" GMT")?;
    scan.end()?;
    let seconds = instant(scan, (i64::from(year), month, day), (hour, minute, second))?;
    Ok(DateTime::from_secs_and_nanos(seconds, nanos))
}

/// Values holding timestamps (a [`DateTime`], and options, lists, maps and boxes of them),
/// written and read in a chosen [`TimestampFormat`]. The generated (de)serializers use it for
/// members whose model names a format other than epoch seconds.
#[allow(dead_code)] // only some models use it (see the module docs)
pub trait Timestamps: Sized {
    /// Writes the value with every timestamp in `format`.
    fn write<S: Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> Result<S::Ok, S::Error>;
    /// Reads the value with every timestamp in `format`.
    fn read<'de, D: Deserializer<'de>>(
        format: TimestampFormat,
        deserializer: D,
    ) -> Result<Self, D::Error>;
}

/// A value to serialize with its timestamps in a format.
#[allow(dead_code)] // only some models use it (see the module docs)
pub struct Formatted<'a, T>(pub &'a T, pub TimestampFormat);

impl<T: Timestamps> Serialize for Formatted<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(self.1, serializer)
    }
}

/// Reads a `T` with its timestamps in a format (`MapAccess::next_value_seed`).
#[allow(dead_code)] // only some models use it (see the module docs)
pub struct FormatSeed<T>(TimestampFormat, std::marker::PhantomData<T>);

#[allow(dead_code)] // only some models use it (see the module docs)
impl<T> FormatSeed<T> {
    /// A seed for `format`.
    pub fn new(format: TimestampFormat) -> Self {
        Self(format, std::marker::PhantomData)
    }
}

impl<'de, T: Timestamps> serde::de::DeserializeSeed<'de> for FormatSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read(self.0, deserializer)
    }
}

impl Timestamps for DateTime {
    fn write<S: Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let text = match format {
            TimestampFormat::EpochSeconds => return self.serialize(serializer),
            TimestampFormat::DateTime => self.to_rfc3339(),
            TimestampFormat::HttpDate => self.to_http_date(),
        };
        serializer.serialize_str(&text.map_err(S::Error::custom)?)
    }
    fn read<'de, D: Deserializer<'de>>(
        format: TimestampFormat,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        // Text in the member's format; a number is read as epoch seconds whatever the format,
        // as AWS SDKs do, since some services send numbers where their model says text.
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => {
                DateTime::parse(&text, format).map_err(D::Error::custom)
            }
            serde_json::Value::Number(n) => DateTime::deserialize(n).map_err(D::Error::custom),
            other => Err(D::Error::custom(format!(
                "expected a timestamp, found {other}"
            ))),
        }
    }
}

impl<T: Timestamps> Timestamps for Option<T> {
    fn write<S: Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.write(format, serializer),
            None => serializer.serialize_none(),
        }
    }
    fn read<'de, D: Deserializer<'de>>(
        format: TimestampFormat,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(value) => T::read(format, value).map(Some).map_err(D::Error::custom),
        }
    }
}

impl<T: Timestamps> Timestamps for Box<T> {
    fn write<S: Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        (**self).write(format, serializer)
    }
    fn read<'de, D: Deserializer<'de>>(
        format: TimestampFormat,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        T::read(format, deserializer).map(Box::new)
    }
}

impl<T: Timestamps> Timestamps for Vec<T> {
    fn write<S: Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(|v| Formatted(v, format)))
    }
    fn read<'de, D: Deserializer<'de>>(
        format: TimestampFormat,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        Vec::<serde_json::Value>::deserialize(deserializer)?
            .into_iter()
            .map(|v| T::read(format, v).map_err(D::Error::custom))
            .collect()
    }
}

impl<T: Timestamps> Timestamps for std::collections::HashMap<String, T> {
    fn write<S: Serializer>(
        &self,
        format: TimestampFormat,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(k, v)| (k, Formatted(v, format))))
    }
    fn read<'de, D: Deserializer<'de>>(
        format: TimestampFormat,
        deserializer: D,
    ) -> Result<Self, D::Error> {
        serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?
            .into_iter()
            .map(|(k, v)| Ok((k, T::read(format, v).map_err(D::Error::custom)?)))
            .collect()
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
#[allow(dead_code)] // only some models use it (see the module docs)
mod float {
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
#[allow(dead_code)] // only some models use it (see the module docs)
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
#[allow(dead_code)] // only some models use it (see the module docs)
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

/// Reads a union's JSON object: exactly one member set, `__type` and `null` members ignored.
/// Returns the member's wire name and value; the generated `Deserialize` matches the name.
#[allow(dead_code)] // only some models use it (see the module docs)
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
