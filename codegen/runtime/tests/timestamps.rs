//! `@timestampFormat` on the wire: the vectors of Smithy's protocol tests (via
//! `../shared/conformance/next/restjson1`, whose JSON bodies use the same formats as awsJson),
//! RFC 3339's and RFC 9110's own examples, and the ways text can be malformed.
use runtime::types::{DateTime, FormatSeed, Formatted, TimestampFormat};
use serde::de::DeserializeSeed;
use std::collections::HashMap;

const DATE_TIME: TimestampFormat = TimestampFormat::DateTime;
const HTTP_DATE: TimestampFormat = TimestampFormat::HttpDate;

fn parse(text: &str, format: TimestampFormat) -> DateTime {
    DateTime::parse(text, format).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn protocol_test_vectors_serialize() {
    // RestJsonJsonTimestampsWithDateTimeFormat / WithHttpDateFormat: 1398796238 on the wire.
    let t = DateTime::from_secs(1_398_796_238);
    assert_eq!(t.to_rfc3339().unwrap(), "2014-04-29T18:30:38Z");
    assert_eq!(t.to_http_date().unwrap(), "Tue, 29 Apr 2014 18:30:38 GMT");
}

#[test]
fn protocol_test_vectors_parse() {
    let t = DateTime::from_secs(1_398_796_238);
    assert_eq!(parse("2014-04-29T18:30:38Z", DATE_TIME), t);
    assert_eq!(parse("Tue, 29 Apr 2014 18:30:38 GMT", HTTP_DATE), t);
    // RestJsonDateTimeWithNegativeOffset / WithPositiveOffset.
    let offsets = DateTime::from_secs(1_576_540_098);
    assert_eq!(parse("2019-12-16T22:48:18-01:00", DATE_TIME), offsets);
    assert_eq!(parse("2019-12-17T00:48:18+01:00", DATE_TIME), offsets);
    // RestJsonDateTimeWithFractionalSeconds: 946845296.123.
    assert_eq!(
        parse("2000-01-02T20:34:56.123Z", DATE_TIME),
        DateTime::from_secs_and_nanos(946_845_296, 123_000_000)
    );
    // The http-date fractional-seconds case of Smithy's tests.
    assert_eq!(
        parse("Sun, 02 Jan 2000 20:34:56.456 GMT", HTTP_DATE),
        DateTime::from_secs_and_nanos(946_845_296, 456_000_000)
    );
}

#[test]
fn rfc_examples_and_edges() {
    // RFC 3339 section 5.8.
    assert_eq!(
        parse("1985-04-12T23:20:50.52Z", DATE_TIME),
        DateTime::from_secs_and_nanos(482_196_050, 520_000_000)
    );
    assert_eq!(
        parse("1996-12-19T16:39:57-08:00", DATE_TIME),
        DateTime::from_secs(851_042_397)
    );
    // RFC 9110 section 5.6.7.
    assert_eq!(
        parse("Sun, 06 Nov 1994 08:49:37 GMT", HTTP_DATE),
        DateTime::from_secs(784_111_777)
    );
    // RFC 3339 allows lower-case t and z; nine fraction digits keep every nanosecond.
    assert_eq!(
        parse("1970-01-01t00:00:00.000000001z", DATE_TIME),
        DateTime::from_secs_and_nanos(0, 1)
    );
    // Before the epoch, a leap day, and the last second of 9999.
    let before = DateTime::from_secs_and_nanos(-1, 500_000_000);
    assert_eq!(before.to_rfc3339().unwrap(), "1969-12-31T23:59:59.5Z");
    assert_eq!(parse("1969-12-31T23:59:59.5Z", DATE_TIME), before);
    assert_eq!(
        before.to_http_date().unwrap(),
        "Wed, 31 Dec 1969 23:59:59 GMT"
    );
    let leap = parse("2024-02-29T12:00:00Z", DATE_TIME);
    assert_eq!(leap.secs(), 1_709_208_000);
    assert_eq!(
        leap.to_http_date().unwrap(),
        "Thu, 29 Feb 2024 12:00:00 GMT"
    );
    let last = parse("9999-12-31T23:59:59Z", DATE_TIME);
    assert_eq!(last.secs(), 253_402_300_799);
    assert!(DateTime::from_secs(253_402_300_800).to_rfc3339().is_err());
    assert!(DateTime::from_secs(-62_167_219_201).to_http_date().is_err());
}

#[test]
fn output_is_utc_with_z_and_trimmed_fraction() {
    let t = parse("2019-12-16T23:48:18.250-01:00", DATE_TIME);
    assert_eq!(t.to_rfc3339().unwrap(), "2019-12-17T00:48:18.25Z");
    assert_eq!(t.to_http_date().unwrap(), "Tue, 17 Dec 2019 00:48:18 GMT");
}

#[test]
fn malformed_text_is_an_error_naming_it() {
    let bad_date_times = [
        "",
        "2014-04-29",
        "2014-04-29T18:30:38",
        "2014-04-29 18:30:38Z",
        "2014-4-29T18:30:38Z",
        "2014-02-30T18:30:38Z",
        "2023-02-29T00:00:00Z",
        "2014-13-01T18:30:38Z",
        "2014-04-29T24:00:00Z",
        "2014-04-29T18:60:38Z",
        "2014-04-29T18:30:60Z",
        "2014-04-29T18:30:38.Z",
        "2014-04-29T18:30:38.1234567890Z",
        "2014-04-29T18:30:38+0100",
        "2014-04-29T18:30:38+24:00",
        "2014-04-29T18:30:38Zjunk",
        "Tue, 29 Apr 2014 18:30:38 GMT",
        "١٢٣٤-04-29T18:30:38Z",
    ];
    for text in bad_date_times {
        let error = DateTime::parse(text, DATE_TIME).expect_err(text);
        assert!(error.to_string().contains(&format!("{text:?}")), "{error}");
    }
    let bad_http_dates = [
        "Tue, 29 Apr 2014 18:30:38",
        "Tue, 29 Apr 2014 18:30:38 UTC",
        "Tuesday, 29-Apr-14 18:30:38 GMT",
        "Tue Apr 29 18:30:38 2014",
        "Tue, 31 Apr 2014 18:30:38 GMT",
        "Tue, 29 Foo 2014 18:30:38 GMT",
        "2014-04-29T18:30:38Z",
    ];
    for text in bad_http_dates {
        assert!(DateTime::parse(text, HTTP_DATE).is_err(), "{text}");
    }
    assert!(DateTime::parse("1398796238", TimestampFormat::EpochSeconds).is_err());
}

#[test]
fn nested_values_serialize_in_the_format() {
    let t = DateTime::from_secs(1_398_796_238);
    let list = vec![t, DateTime::from_secs(0)];
    assert_eq!(
        serde_json::to_value(Formatted(&list, DATE_TIME)).unwrap(),
        serde_json::json!(["2014-04-29T18:30:38Z", "1970-01-01T00:00:00Z"])
    );
    let map: HashMap<String, Vec<Option<DateTime>>> =
        HashMap::from([("a".to_string(), vec![Some(t), None])]);
    assert_eq!(
        serde_json::to_value(Formatted(&map, HTTP_DATE)).unwrap(),
        serde_json::json!({"a": ["Tue, 29 Apr 2014 18:30:38 GMT", null]})
    );
    assert_eq!(
        serde_json::to_value(Formatted(&Box::new(t), TimestampFormat::EpochSeconds)).unwrap(),
        serde_json::json!(1_398_796_238)
    );
}

#[test]
fn nested_values_parse_in_the_format() {
    let read = |json: serde_json::Value, format| {
        FormatSeed::<Option<HashMap<String, Vec<Option<DateTime>>>>>::new(format).deserialize(json)
    };
    let t = DateTime::from_secs(1_398_796_238);
    let parsed = read(
        serde_json::json!({"a": ["2014-04-29T19:30:38+01:00", null, 1398796238]}),
        DATE_TIME,
    )
    .unwrap();
    assert_eq!(
        parsed,
        Some(HashMap::from([(
            "a".to_string(),
            vec![Some(t), None, Some(t)]
        )]))
    );
    assert_eq!(read(serde_json::Value::Null, DATE_TIME).unwrap(), None);
    let error = read(serde_json::json!({"a": ["yesterday"]}), DATE_TIME).unwrap_err();
    assert!(error.to_string().contains("yesterday"), "{error}");
    assert!(read(serde_json::json!({"a": [true]}), DATE_TIME).is_err());
}
