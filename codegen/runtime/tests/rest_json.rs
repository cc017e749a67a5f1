//! The restJson1 macros on hand-written types shaped like generated ones, checked against the
//! wire forms of the restJson1 conformance cases (`shared/conformance/next/restjson1`,
//! `requests.json` and `responses.json`; each test names its case ids). The expected strings
//! are copied from those cases.
use runtime::protocol::rest_json::{Encoded, HttpInput, HttpOutput};
use runtime::types::{Blob, DateTime};
use std::collections::HashMap;

#[path = "rest_json_cases/both_ways.rs"]
mod both_ways;
use both_ways::http_both;

fn encode(input: &impl HttpInput) -> Encoded {
    input.encode().expect("encodes")
}

fn header<'a>(encoded: &'a Encoded, name: &str) -> Option<&'a str> {
    encoded
        .headers
        .get(name)
        .map(|v| v.to_str().expect("ASCII"))
}

fn headers(pairs: &[(&str, &str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            http::HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

/// The body of an encoded request, which these inputs always keep in memory.
fn sent(encoded: &Encoded) -> &[u8] {
    encoded.body.bytes().expect("a body in memory")
}

/// The JSON of a body, to compare with a case's body as JSON.
fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("JSON body")
}

// ---- labels ----

pub struct HttpRequestWithLabelsInput {
    string: String,
    short: i16,
    integer: i32,
    long: i64,
    float: f32,
    double: f64,
    boolean: bool,
    timestamp: DateTime,
}

runtime::http_input! {
    HttpRequestWithLabelsInput: "GET" "/HttpRequestWithLabels/{string}/{short}/{integer}/{long}/{float}/{double}/{boolean}/{timestamp}";
    label string "string" Text;
    label short "short" Int;
    label integer "integer" Int;
    label long "long" Int;
    label float "float" Float;
    label double "double" Float;
    label boolean "boolean" Bool;
    label timestamp "timestamp" DateTime;
}

fn labels(string: &str) -> HttpRequestWithLabelsInput {
    HttpRequestWithLabelsInput {
        string: string.to_string(),
        short: 1,
        integer: 2,
        long: 3,
        float: 4.1,
        double: 5.1,
        boolean: true,
        timestamp: DateTime::from_secs(1576540098),
    }
}

#[test]
fn labels_are_percent_encoded() {
    // RestJsonInputWithHeadersAndAllParams
    let encoded = encode(&labels("string"));
    assert_eq!(encoded.method, http::Method::GET);
    assert_eq!(
        encoded.path_and_query,
        "/HttpRequestWithLabels/string/1/2/3/4.1/5.1/true/2019-12-16T23%3A48%3A18Z"
    );
    assert!(encoded.body.is_empty());
    assert!(encoded.headers.is_empty(), "no body, no Content-Type");
    // RestJsonHttpRequestLabelEscaping
    let encoded = encode(&labels(" %:/?#[]@!$&'()*+,;=😹"));
    assert_eq!(
        encoded.path_and_query,
        "/HttpRequestWithLabels/%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9/1/2/3/4.1/5.1/true/2019-12-16T23%3A48%3A18Z"
    );
}

#[test]
fn an_empty_label_is_an_error_naming_the_member() {
    let error = labels("").encode().unwrap_err();
    assert!(
        error.contains("HttpRequestWithLabelsInput.string"),
        "{error}"
    );
}

pub struct HttpRequestWithGreedyLabelInPathInput {
    foo: String,
    baz: String,
}

runtime::http_input! {
    HttpRequestWithGreedyLabelInPathInput: "GET" "/HttpRequestWithGreedyLabelInPath/foo/{foo}/baz/{baz+}";
    greedy_label baz "baz" Text;
    label foo "foo" Text;
}

#[test]
fn a_greedy_label_keeps_its_slashes() {
    // RestJsonHttpRequestWithGreedyLabelInPath
    let input = HttpRequestWithGreedyLabelInPathInput {
        foo: "hello/escape".into(),
        baz: "there/guy".into(),
    };
    assert_eq!(
        encode(&input).path_and_query,
        "/HttpRequestWithGreedyLabelInPath/foo/hello%2Fescape/baz/there/guy"
    );
}

pub struct HttpRequestWithLabelsAndTimestampFormatInput {
    member_epoch_seconds: DateTime,
    member_http_date: DateTime,
    member_date_time: DateTime,
}

runtime::http_input! {
    HttpRequestWithLabelsAndTimestampFormatInput: "GET" "/HttpRequestWithLabelsAndTimestampFormat/{memberEpochSeconds}/{memberHttpDate}/{memberDateTime}";
    label member_epoch_seconds "memberEpochSeconds" EpochSeconds;
    label member_http_date "memberHttpDate" HttpDate;
    label member_date_time "memberDateTime" DateTime;
}

#[test]
fn label_timestamps_follow_their_format() {
    // RestJsonHttpRequestWithLabelsAndTimestampFormat (its first three labels)
    let at = DateTime::from_secs(1576540098);
    let input = HttpRequestWithLabelsAndTimestampFormatInput {
        member_epoch_seconds: at,
        member_http_date: at,
        member_date_time: at,
    };
    assert_eq!(
        encode(&input).path_and_query,
        "/HttpRequestWithLabelsAndTimestampFormat/1576540098/Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT/2019-12-16T23%3A48%3A18Z"
    );
}

// ---- the query ----

#[derive(Default)]
pub struct AllQueryStringTypesInput {
    query_string: Option<String>,
    query_string_list: Option<Vec<String>>,
    query_integer: Option<i32>,
    query_integer_list: Option<Vec<i32>>,
    query_double: Option<f64>,
    query_boolean: Option<bool>,
    query_timestamp_list: Option<Vec<DateTime>>,
    query_enum: Option<FooEnum>,
    query_integer_enum_list: Option<Vec<IntegerEnum>>,
    query_params_map_of_string_list: Option<HashMap<String, Vec<String>>>,
}

runtime::http_input! {
    AllQueryStringTypesInput: "GET" "/AllQueryStringTypesInput";
    query query_string "String" Opt(Text);
    query query_string_list "StringList" Opt(List<Text>);
    query query_integer "Integer" Opt(Int);
    query query_integer_list "IntegerList" Opt(List<Int>);
    query query_double "Double" Opt(Float);
    query query_boolean "Boolean" Opt(Bool);
    query query_timestamp_list "TimestampList" Opt(List<DateTime>);
    query query_enum "Enum" Opt(Enum);
    query query_integer_enum_list "IntegerEnumList" Opt(List<IntEnum>);
    query_params query_params_map_of_string_list Opt(List<Text>);
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FooEnum {
    Foo,
    Bar,
    Unknown(String),
}

runtime::string_enum! {
    FooEnum;
    Foo = "Foo",
    Bar = "Bar",
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerEnum {
    A,
    B,
    Unknown(i32),
}

runtime::int_enum! {
    IntegerEnum;
    A = 1,
    B = 2,
}

#[test]
fn query_members_repeat_list_items_in_order() {
    // RestJsonAllQueryStringTypes (a subset of its members, in its order)
    let input = AllQueryStringTypesInput {
        query_string: Some("Hello there".into()),
        query_string_list: Some(vec!["a".into(), "b".into(), "c".into()]),
        query_integer: Some(3),
        query_integer_list: Some(vec![1, 2, 3]),
        query_double: Some(1.1),
        query_boolean: Some(true),
        query_timestamp_list: Some(vec![
            DateTime::from_secs(1),
            DateTime::from_secs(2),
            DateTime::from_secs(3),
        ]),
        query_enum: Some(FooEnum::Foo),
        query_integer_enum_list: Some(vec![
            IntegerEnum::A,
            IntegerEnum::B,
            IntegerEnum::Unknown(3),
        ]),
        query_params_map_of_string_list: None,
    };
    assert_eq!(
        encode(&input).path_and_query,
        "/AllQueryStringTypesInput?String=Hello%20there&StringList=a&StringList=b&StringList=c&Integer=3&IntegerList=1&IntegerList=2&IntegerList=3&Double=1.1&Boolean=true&TimestampList=1970-01-01T00%3A00%3A01Z&TimestampList=1970-01-01T00%3A00%3A02Z&TimestampList=1970-01-01T00%3A00%3A03Z&Enum=Foo&IntegerEnumList=1&IntegerEnumList=2&IntegerEnumList=3"
    );
}

#[test]
fn query_values_are_percent_encoded_and_named_members_win() {
    // RestJsonQueryStringEscaping: the map's `String` entry loses to the `String` member.
    let odd = " %:/?#[]@!$&'()*+,;=😹".to_string();
    let input = AllQueryStringTypesInput {
        query_string: Some(odd.clone()),
        query_params_map_of_string_list: Some(HashMap::from([("String".into(), vec![odd])])),
        ..Default::default()
    };
    assert_eq!(
        encode(&input).path_and_query,
        "/AllQueryStringTypesInput?String=%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
    );
    // RestJsonQueryStringMap
    let input = AllQueryStringTypesInput {
        query_params_map_of_string_list: Some(HashMap::from([
            ("QueryParamsStringKeyB".into(), vec!["Bar".into()]),
            ("QueryParamsStringKeyA".into(), vec!["Foo".into()]),
        ])),
        ..Default::default()
    };
    assert_eq!(
        encode(&input).path_and_query,
        "/AllQueryStringTypesInput?QueryParamsStringKeyA=Foo&QueryParamsStringKeyB=Bar"
    );
    // RestJsonSupportsNaNFloatQueryValues, RestJsonZeroAndFalseQueryValues
    let input = AllQueryStringTypesInput {
        query_double: Some(f64::NEG_INFINITY),
        query_integer: Some(0),
        query_boolean: Some(false),
        ..Default::default()
    };
    assert_eq!(
        encode(&input).path_and_query,
        "/AllQueryStringTypesInput?Integer=0&Double=-Infinity&Boolean=false"
    );
}

#[test]
fn unset_members_and_empty_lists_send_nothing() {
    // RestJsonOmitsNullQuery, RestJsonOmitsEmptyListQueryValues
    let input = AllQueryStringTypesInput {
        query_string_list: Some(vec![]),
        query_params_map_of_string_list: Some(HashMap::new()),
        ..Default::default()
    };
    assert_eq!(encode(&input).path_and_query, "/AllQueryStringTypesInput");
    // RestJsonSerializesEmptyQueryValue
    let input = AllQueryStringTypesInput {
        query_string: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(
        encode(&input).path_and_query,
        "/AllQueryStringTypesInput?String="
    );
}

pub struct ConstantQueryStringInput {
    hello: String,
}

runtime::http_input! {
    ConstantQueryStringInput: "GET" "/ConstantQueryString/{hello}?foo=bar&hello";
    label hello "hello" Text;
}

pub struct ConstantAndVariableQueryStringInput {
    baz: Option<String>,
    maybe_set: Option<String>,
}

runtime::http_input! {
    ConstantAndVariableQueryStringInput: "GET" "/ConstantAndVariableQueryString?foo=bar";
    query baz "baz" Opt(Text);
    query maybe_set "maybeSet" Opt(Text);
}

#[test]
fn the_literal_query_comes_first_as_written() {
    // RestJsonConstantQueryString
    let input = ConstantQueryStringInput { hello: "hi".into() };
    assert_eq!(
        encode(&input).path_and_query,
        "/ConstantQueryString/hi?foo=bar&hello"
    );
    // RestJsonConstantAndVariableQueryStringMissingOneValue, ...AllValues
    let mut input = ConstantAndVariableQueryStringInput {
        baz: Some("bam".into()),
        maybe_set: None,
    };
    assert_eq!(
        encode(&input).path_and_query,
        "/ConstantAndVariableQueryString?foo=bar&baz=bam"
    );
    input.maybe_set = Some("yes".into());
    assert_eq!(
        encode(&input).path_and_query,
        "/ConstantAndVariableQueryString?foo=bar&baz=bam&maybeSet=yes"
    );
}

pub struct QueryPrecedenceInput {
    foo: Option<String>,
    baz: Option<HashMap<String, String>>,
}

runtime::http_input! {
    QueryPrecedenceInput: "POST" "/Precedence";
    query_params baz Opt(Text);
    query foo "bar" Opt(Text);
}

#[test]
fn a_query_member_beats_a_map_entry() {
    // RestJsonQueryPrecedence
    let input = QueryPrecedenceInput {
        foo: Some("named".into()),
        baz: Some(HashMap::from([
            ("bar".into(), "fromMap".into()),
            ("qux".into(), "alsoFromMap".into()),
        ])),
    };
    let encoded = encode(&input);
    assert_eq!(encoded.method, http::Method::POST);
    assert_eq!(
        encoded.path_and_query,
        "/Precedence?bar=named&qux=alsoFromMap"
    );
    assert!(encoded.body.is_empty());
}

// ---- headers, both ways ----

#[derive(Default, Debug, PartialEq)]
pub struct InputAndOutputWithHeaders {
    header_string: Option<String>,
    header_string_list: Option<Vec<String>>,
    header_integer: Option<i32>,
    header_integer_list: Option<Vec<i32>>,
    header_float: Option<f32>,
    header_double: Option<f64>,
    header_true_bool: Option<bool>,
    header_boolean_list: Option<Vec<bool>>,
    header_timestamp_list: Option<Vec<DateTime>>,
    header_enum: Option<FooEnum>,
    header_enum_list: Option<Vec<FooEnum>>,
    header_integer_enum: Option<IntegerEnum>,
    header_integer_enum_list: Option<Vec<IntegerEnum>>,
    metadata: u16,
}

http_both! {
    InputAndOutputWithHeaders: "POST" "/InputAndOutputWithHeaders";
    header header_string "X-String" Opt(Text);
    header header_string_list "X-StringList" Opt(List<Text>);
    header header_integer "X-Integer" Opt(Int);
    header header_integer_list "X-IntegerList" Opt(List<Int>);
    header header_float "X-Float" Opt(Float);
    header header_double "X-Double" Opt(Float);
    header header_true_bool "X-Boolean1" Opt(Bool);
    header header_boolean_list "X-BooleanList" Opt(List<Bool>);
    header header_timestamp_list "X-TimestampList" Opt(List<HttpDate>);
    header header_enum "X-Enum" Opt(Enum);
    header header_enum_list "X-EnumList" Opt(List<Enum>);
    header header_integer_enum "X-IntegerEnum" Opt(IntEnum);
    header header_integer_enum_list "X-IntegerEnumList" Opt(List<IntEnum>);
}

/// The headers of a case, both as a request's expected headers and as a response's.
const HEADER_CASES: &[&[(&str, &str)]] = &[
    // RestJsonInputAndOutputWithStringHeaders
    &[("X-String", "Hello"), ("X-StringList", "a, b, c")],
    // RestJsonInputAndOutputWithQuotedStringHeaders
    &[("X-StringList", r#""b,c", "\"def\"", a"#)],
    // RestJsonInputAndOutputWithNumericHeaders (its integer and float members)
    &[
        ("X-Double", "1.1"),
        ("X-Float", "1.1"),
        ("X-Integer", "123"),
        ("X-IntegerList", "1, 2, 3"),
    ],
    // RestJsonInputAndOutputWithBooleanHeaders
    &[
        ("X-Boolean1", "true"),
        ("X-BooleanList", "true, false, true"),
    ],
    // RestJsonInputAndOutputWithTimestampHeaders
    &[(
        "X-TimestampList",
        "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT",
    )],
    // RestJsonInputAndOutputWithEnumHeaders
    &[("X-Enum", "Foo"), ("X-EnumList", "Foo, Bar, Baz")],
    // RestJsonInputAndOutputWithIntEnumHeaders
    &[("X-IntegerEnum", "1"), ("X-IntegerEnumList", "1, 2, 3")],
    // RestJsonSupportsNaNFloatHeaderInputs / ...Outputs and the infinities
    &[("X-Double", "NaN"), ("X-Float", "Infinity")],
    &[("X-Double", "-Infinity")],
];

#[test]
fn header_cases_read_and_write_back_the_same() {
    for case in HEADER_CASES {
        let output = InputAndOutputWithHeaders::from_http(200, &headers(case), b"")
            .unwrap_or_else(|e| panic!("{case:?}: {e}"));
        let encoded = encode(&output);
        assert_eq!(encoded.headers.len(), case.len(), "{case:?}");
        for (name, value) in *case {
            assert_eq!(header(&encoded, name), Some(*value), "{case:?}");
        }
        assert!(encoded.body.is_empty());
    }
}

#[test]
fn header_values_read_as_the_cases_expect() {
    let read = |case: &[(&str, &str)]| {
        InputAndOutputWithHeaders::from_http(200, &headers(case), b"").expect("reads")
    };
    let output = read(HEADER_CASES[1]);
    assert_eq!(
        output.header_string_list,
        Some(vec!["b,c".into(), "\"def\"".into(), "a".into()])
    );
    let output = read(HEADER_CASES[4]);
    let at = DateTime::from_secs(1576540098);
    assert_eq!(output.header_timestamp_list, Some(vec![at, at]));
    let output = read(HEADER_CASES[5]);
    assert_eq!(
        output.header_enum_list,
        Some(vec![
            FooEnum::Foo,
            FooEnum::Bar,
            FooEnum::Unknown("Baz".into())
        ])
    );
    let output = read(HEADER_CASES[7]);
    assert!(output.header_double.unwrap().is_nan());
    assert_eq!(output.header_float, Some(f32::INFINITY));
    assert_eq!(output.header_string, None, "an absent header is unset");
    // Names are case-insensitive.
    let output = read(&[("x-integer", "7")]);
    assert_eq!(output.header_integer, Some(7));
}

#[test]
fn a_header_that_does_not_fit_fails_without_quoting_its_value_unredacted() {
    let error =
        InputAndOutputWithHeaders::from_http(200, &headers(&[("X-Integer", "secret")]), b"")
            .unwrap_err();
    assert!(error.contains("X-Integer"), "{error}");
    assert!(
        error.contains("\"secret\""),
        "quoted, for the pipeline to redact: {error}"
    );
}

// ---- bodies and payloads ----

#[derive(Default, Debug, PartialEq)]
pub struct SimpleScalarProperties {
    foo: Option<String>,
    string_value: Option<String>,
    true_boolean_value: Option<bool>,
    integer_value: Option<i32>,
    double_value: Option<f64>,
    when: Option<DateTime>,
    metadata: u16,
}

http_both! {
    SimpleScalarProperties: "PUT" "/SimpleScalarProperties";
    header foo "X-Foo" Opt(Text);
    body {
        string_value "stringValue" Opt(Plain);
        true_boolean_value "trueBooleanValue" Opt(Plain);
        integer_value "integerValue" Opt(Plain);
        double_value "DoubleDribble" Opt(Float);
        when "when" Opt(DateTimeText);
    }
}

#[test]
fn body_members_are_one_json_object() {
    // RestJsonSimpleScalarProperties (a subset of its members)
    let input = SimpleScalarProperties {
        foo: Some("Foo".into()),
        string_value: Some("string".into()),
        true_boolean_value: Some(true),
        integer_value: Some(3),
        double_value: Some(6.5),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert_eq!(encoded.path_and_query, "/SimpleScalarProperties");
    assert_eq!(header(&encoded, "content-type"), Some("application/json"));
    assert_eq!(header(&encoded, "x-foo"), Some("Foo"));
    assert_eq!(
        json(sent(&encoded)),
        serde_json::json!({"stringValue": "string", "trueBooleanValue": true, "integerValue": 3, "DoubleDribble": 6.5})
    );
    // RestJsonDoesntSerializeNullStructureValues, RestJsonHttpWithEmptyBody
    let encoded = encode(&SimpleScalarProperties::default());
    assert_eq!(sent(&encoded), b"{}");
    assert_eq!(header(&encoded, "content-type"), Some("application/json"));
    // RestJsonSupportsNaNFloatInputs
    let input = SimpleScalarProperties {
        double_value: Some(f64::NAN),
        ..Default::default()
    };
    assert_eq!(
        json(sent(&encode(&input))),
        serde_json::json!({"DoubleDribble": "NaN"})
    );
}

#[test]
fn body_members_read_from_the_json_object() {
    // RestJsonSimpleScalarProperties
    let body = br#"{"stringValue": "string", "trueBooleanValue": true, "integerValue": 3, "DoubleDribble": 6.5, "unknown": [1]}"#;
    let output =
        SimpleScalarProperties::from_http(200, &headers(&[("X-Foo", "Foo")]), body).unwrap();
    assert_eq!(
        output,
        SimpleScalarProperties {
            foo: Some("Foo".into()),
            string_value: Some("string".into()),
            true_boolean_value: Some(true),
            integer_value: Some(3),
            double_value: Some(6.5),
            ..Default::default()
        }
    );
    // RestJsonDoesntDeserializeNullStructureValues, and an empty body reads as `{}`
    let output = SimpleScalarProperties::from_http(
        200,
        &http::HeaderMap::new(),
        br#"{"stringValue": null}"#,
    )
    .unwrap();
    assert_eq!(output, SimpleScalarProperties::default());
    let output = SimpleScalarProperties::from_http(200, &http::HeaderMap::new(), b"").unwrap();
    assert_eq!(output, SimpleScalarProperties::default());
    // RestJsonDateTimeWithNegativeOffset
    let output = SimpleScalarProperties::from_http(
        200,
        &http::HeaderMap::new(),
        br#"{"when": "2019-12-16T22:48:18-01:00"}"#,
    )
    .unwrap();
    assert_eq!(output.when, Some(DateTime::from_secs(1576540098)));
}

#[test]
fn a_body_that_does_not_fit_fails() {
    for body in [&b"{\"integerValue\": \"three\"}"[..], b"{", b"[1]"] {
        let error =
            SimpleScalarProperties::from_http(200, &http::HeaderMap::new(), body).unwrap_err();
        assert!(error.starts_with("body "), "{error}");
    }
}

#[derive(Default, Debug, PartialEq)]
pub struct HttpPayloadTraits {
    foo: Option<String>,
    blob: Option<Blob>,
    metadata: u16,
}

http_both! {
    HttpPayloadTraits: "POST" "/HttpPayloadTraits";
    header foo "X-Foo" Opt(Text);
    payload blob Opt(Blob);
}

#[test]
fn a_blob_payload_is_the_raw_body() {
    // RestJsonHttpPayloadTraitsWithBlob
    let input = HttpPayloadTraits {
        foo: Some("Foo".into()),
        blob: Some(Blob::new(b"blobby blob blob".to_vec())),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert_eq!(sent(&encoded), b"blobby blob blob");
    assert_eq!(
        header(&encoded, "content-type"),
        Some("application/octet-stream")
    );
    let output =
        HttpPayloadTraits::from_http(200, &headers(&[("X-Foo", "Foo")]), b"blobby blob blob")
            .unwrap();
    assert_eq!(output, input);
    // RestJsonHttpPayloadTraitsWithNoBlobBody
    let input = HttpPayloadTraits {
        foo: Some("Foo".into()),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert!(encoded.body.is_empty());
    assert_eq!(header(&encoded, "content-type"), None);
    let output = HttpPayloadTraits::from_http(200, &headers(&[("X-Foo", "Foo")]), b"").unwrap();
    assert_eq!(output, input);
}

#[derive(Default, Debug, PartialEq)]
pub struct TimestampFormatHeaders {
    member_epoch_seconds: Option<DateTime>,
    member_http_date: Option<DateTime>,
    member_date_time: Option<DateTime>,
    metadata: u16,
}

http_both! {
    TimestampFormatHeaders: "POST" "/TimestampFormatHeaders";
    header member_epoch_seconds "X-memberEpochSeconds" Opt(EpochSeconds);
    header member_http_date "X-memberHttpDate" Opt(HttpDate);
    header member_date_time "X-memberDateTime" Opt(DateTime);
}

#[test]
fn timestamp_headers_follow_their_format() {
    // RestJsonTimestampFormatHeaders (requests.json and responses.json)
    let case = [
        ("X-memberDateTime", "2019-12-16T23:48:18Z"),
        ("X-memberEpochSeconds", "1576540098"),
        ("X-memberHttpDate", "Mon, 16 Dec 2019 23:48:18 GMT"),
    ];
    let at = DateTime::from_secs(1576540098);
    let input = TimestampFormatHeaders {
        member_epoch_seconds: Some(at),
        member_http_date: Some(at),
        member_date_time: Some(at),
        ..Default::default()
    };
    let encoded = encode(&input);
    for (name, value) in case {
        assert_eq!(header(&encoded, name), Some(value), "{name}");
    }
    let output = TimestampFormatHeaders::from_http(200, &headers(&case), b"").unwrap();
    assert_eq!(output, input);
    // A fraction is written only when there is one.
    let input = TimestampFormatHeaders {
        member_epoch_seconds: Some(DateTime::from_secs_and_nanos(1576540098, 500_000_000)),
        member_date_time: Some(DateTime::from_secs_and_nanos(946845296, 123_000_000)),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert_eq!(
        header(&encoded, "X-memberEpochSeconds"),
        Some("1576540098.5")
    );
    assert_eq!(
        header(&encoded, "X-memberDateTime"),
        Some("2000-01-02T20:34:56.123Z")
    );
}

pub struct NullAndEmptyHeadersClientInput {
    a: Option<String>,
    b: Option<String>,
    c: Option<Vec<String>>,
}

runtime::http_input! {
    NullAndEmptyHeadersClientInput: "GET" "/NullAndEmptyHeadersClient";
    header a "X-A" Opt(Text);
    header b "X-B" Opt(Text);
    header c "X-C" Opt(List<Text>);
}

#[test]
fn unset_headers_are_absent_and_empty_ones_empty() {
    // RestJsonNullAndEmptyHeaders
    let input = NullAndEmptyHeadersClientInput {
        a: None,
        b: Some(String::new()),
        c: Some(vec![]),
    };
    let encoded = encode(&input);
    assert_eq!(header(&encoded, "X-A"), None);
    assert_eq!(header(&encoded, "X-B"), Some(""));
    assert_eq!(header(&encoded, "X-C"), Some(""));
    assert!(encoded.body.is_empty());
}

#[test]
fn a_header_value_that_cannot_be_sent_is_an_error_naming_the_member() {
    let input = NullAndEmptyHeadersClientInput {
        a: Some("s3cr3t\n".into()),
        b: None,
        c: None,
    };
    let error = input.encode().unwrap_err();
    assert!(
        error.contains("NullAndEmptyHeadersClientInput.a"),
        "{error}"
    );
    assert!(!error.contains("s3cr3t"), "the value stays out: {error}");
}

#[derive(Default, Debug, PartialEq)]
pub struct HttpPrefixHeaders {
    foo: Option<String>,
    foo_map: Option<HashMap<String, String>>,
    metadata: u16,
}

http_both! {
    HttpPrefixHeaders: "GET" "/HttpPrefixHeaders";
    header foo "x-foo" Opt(Text);
    prefix_headers foo_map "x-foo-" Opt(Text);
}

#[test]
fn prefix_headers_are_one_header_per_entry() {
    // RestJsonHttpPrefixHeadersArePresent (requests.json and responses.json)
    let case = [
        ("x-foo", "Foo"),
        ("x-foo-abc", "Abc value"),
        ("x-foo-def", "Def value"),
    ];
    let input = HttpPrefixHeaders {
        foo: Some("Foo".into()),
        foo_map: Some(HashMap::from([
            ("abc".into(), "Abc value".into()),
            ("def".into(), "Def value".into()),
        ])),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert_eq!(encoded.headers.len(), 3);
    for (name, value) in case {
        assert_eq!(header(&encoded, name), Some(value), "{name}");
    }
    let output = HttpPrefixHeaders::from_http(200, &headers(&case), b"").unwrap();
    assert_eq!(output, input);
    // RestJsonHttpPrefixHeadersAreNotPresent
    let input = HttpPrefixHeaders {
        foo: Some("Foo".into()),
        foo_map: Some(HashMap::new()),
        ..Default::default()
    };
    assert_eq!(encode(&input).headers.len(), 1);
    // RestJsonHttpPrefixEmptyHeaders
    let input = HttpPrefixHeaders {
        foo_map: Some(HashMap::from([("abc".into(), String::new())])),
        ..Default::default()
    };
    assert_eq!(header(&encode(&input), "x-foo-abc"), Some(""));
    // Prefixes match in any case; no matching header leaves the map unset.
    let output =
        HttpPrefixHeaders::from_http(200, &headers(&[("X-Foo-Up", "1"), ("other", "2")]), b"")
            .unwrap();
    assert_eq!(
        output.foo_map,
        Some(HashMap::from([("up".into(), "1".into())]))
    );
    let output = HttpPrefixHeaders::from_http(200, &headers(&[("other", "2")]), b"").unwrap();
    assert_eq!(output, HttpPrefixHeaders::default());
}

#[derive(Default, Debug, PartialEq)]
pub struct HttpPrefixHeadersInResponseOutput {
    prefix_headers: Option<HashMap<String, String>>,
    metadata: u16,
}

runtime::http_output! {
    HttpPrefixHeadersInResponseOutput;
    prefix_headers prefix_headers "" Opt(Text);
}

#[test]
fn an_empty_prefix_takes_every_header() {
    // HttpPrefixHeadersResponse
    let output = HttpPrefixHeadersInResponseOutput::from_http(
        200,
        &headers(&[("hello", "Hello"), ("x-foo", "Foo")]),
        b"",
    )
    .unwrap();
    assert_eq!(
        output.prefix_headers,
        Some(HashMap::from([
            ("x-foo".into(), "Foo".into()),
            ("hello".into(), "Hello".into())
        ]))
    );
}

#[derive(Default, Debug, PartialEq)]
pub struct MediaTypeHeader {
    json: Option<String>,
    metadata: u16,
}

http_both! {
    MediaTypeHeader: "GET" "/MediaTypeHeader";
    header json "X-Json" Opt(JsonBase64);
}

#[test]
fn a_json_media_type_header_is_base64() {
    // MediaTypeHeaderInputBase64, MediaTypeHeaderOutputBase64
    let input = MediaTypeHeader {
        json: Some("true".into()),
        ..Default::default()
    };
    assert_eq!(header(&encode(&input), "X-Json"), Some("dHJ1ZQ=="));
    let output = MediaTypeHeader::from_http(200, &headers(&[("X-Json", "dHJ1ZQ==")]), b"").unwrap();
    assert_eq!(output, input);
}

// ---- more payloads, the status code, no body ----

#[derive(Default, Debug, PartialEq)]
pub struct HttpStringPayload {
    payload: Option<String>,
    metadata: u16,
}

http_both! {
    HttpStringPayload: "POST" "/StringPayload";
    payload payload Opt(Text);
}

#[derive(Default, Debug, PartialEq)]
pub struct HttpEnumPayload {
    payload: Option<FooEnum>,
    metadata: u16,
}

http_both! {
    HttpEnumPayload: "POST" "/EnumPayload";
    payload payload Opt(Enum);
}

#[test]
fn text_and_enum_payloads_are_raw_text() {
    // RestJsonStringPayloadRequest, RestJsonStringPayloadResponse
    let input = HttpStringPayload {
        payload: Some("rawstring".into()),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert_eq!(sent(&encoded), b"rawstring");
    assert_eq!(header(&encoded, "content-type"), Some("text/plain"));
    let plain = headers(&[("Content-Type", "text/plain")]);
    assert_eq!(
        HttpStringPayload::from_http(200, &plain, b"rawstring").unwrap(),
        input
    );
    // RestJsonEnumPayloadRequest, RestJsonEnumPayloadResponse (an unknown value is kept)
    let input = HttpEnumPayload {
        payload: Some(FooEnum::Unknown("enumvalue".into())),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert_eq!(sent(&encoded), b"enumvalue");
    assert_eq!(header(&encoded, "content-type"), Some("text/plain"));
    assert_eq!(
        HttpEnumPayload::from_http(200, &plain, b"enumvalue").unwrap(),
        input
    );
    // Unset: no body, no Content-Type; an empty body reads as unset.
    let encoded = encode(&HttpStringPayload::default());
    assert!(encoded.body.is_empty() && encoded.headers.is_empty());
    assert_eq!(
        HttpStringPayload::from_http(200, &http::HeaderMap::new(), b"").unwrap(),
        HttpStringPayload::default()
    );
    assert!(HttpStringPayload::from_http(200, &plain, b"\xff").is_err());
}

/// A structure a payload targets: `greeting` and `name`.
#[derive(Default, Clone, PartialEq)]
pub struct NestedPayload {
    greeting: Option<String>,
    name: Option<String>,
}

runtime::structure! {
    NestedPayload = "NestedPayload";
    serialize;
    deserialize;
    greeting "greeting" Opt(Plain) shown: set_greeting(Option<String>), with_greeting(impl Into<String>);
    name "name" Opt(Plain) shown: set_name(Option<String>), with_name(impl Into<String>);
}

/// A union a payload targets.
#[derive(Clone, PartialEq)]
pub enum UnionPayload {
    Greeting(String),
    Unknown,
}

runtime::union! {
    UnionPayload;
    Greeting "greeting" Plain shown,
}

#[derive(Default, Debug, PartialEq)]
pub struct HttpPayloadWithStructure {
    nested: Option<NestedPayload>,
    metadata: u16,
}

http_both! {
    HttpPayloadWithStructure: "PUT" "/HttpPayloadWithStructure";
    payload nested Opt(Structure);
}

#[derive(Default, Debug, PartialEq)]
pub struct HttpPayloadWithUnion {
    nested: Option<UnionPayload>,
    metadata: u16,
}

http_both! {
    HttpPayloadWithUnion: "PUT" "/HttpPayloadWithUnion";
    payload nested Opt(Json);
}

#[test]
fn structure_and_union_payloads_are_their_json() {
    // RestJsonHttpPayloadWithStructure
    let input = HttpPayloadWithStructure {
        nested: Some(
            NestedPayload::default()
                .with_greeting("hello")
                .with_name("Phreddy"),
        ),
        ..Default::default()
    };
    let encoded = encode(&input);
    let expected = serde_json::json!({"greeting": "hello", "name": "Phreddy"});
    assert_eq!(json(sent(&encoded)), expected);
    assert_eq!(header(&encoded, "content-type"), Some("application/json"));
    let body = serde_json::to_vec(&expected).unwrap();
    assert_eq!(
        HttpPayloadWithStructure::from_http(200, &http::HeaderMap::new(), &body).unwrap(),
        input
    );
    // RestJsonHttpWithEmptyStructurePayload: unset is `{}`, and `{}` or nothing reads back as
    // an empty structure.
    let encoded = encode(&HttpPayloadWithStructure::default());
    assert_eq!(sent(&encoded), b"{}");
    assert_eq!(header(&encoded, "content-type"), Some("application/json"));
    let output = HttpPayloadWithStructure::from_http(200, &http::HeaderMap::new(), b"").unwrap();
    assert_eq!(output.nested, Some(NestedPayload::default()));
    // RestJsonHttpPayloadWithUnion
    let input = HttpPayloadWithUnion {
        nested: Some(UnionPayload::Greeting("hello".into())),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert_eq!(
        json(sent(&encoded)),
        serde_json::json!({"greeting": "hello"})
    );
    assert_eq!(
        HttpPayloadWithUnion::from_http(200, &http::HeaderMap::new(), br#"{"greeting": "hello"}"#)
            .unwrap(),
        input
    );
    // RestJsonHttpPayloadWithUnsetUnion (both halves)
    let encoded = encode(&HttpPayloadWithUnion::default());
    assert!(encoded.body.is_empty() && encoded.headers.is_empty());
    let content_length = headers(&[("Content-Length", "0")]);
    assert_eq!(
        HttpPayloadWithUnion::from_http(200, &content_length, b"").unwrap(),
        HttpPayloadWithUnion::default()
    );
}

pub struct TestPayloadBlobInput {
    content_type: Option<String>,
    data: Option<Blob>,
}

runtime::http_input! {
    TestPayloadBlobInput: "POST" "/blob_payload";
    header content_type "Content-Type" Opt(Text);
    payload data Opt(Blob);
}

#[test]
fn a_content_type_member_overrides_the_protocols() {
    // RestJsonTestPayloadBlob
    let input = TestPayloadBlobInput {
        content_type: Some("image/jpg".into()),
        data: Some(Blob::new(b"1234".to_vec())),
    };
    let encoded = encode(&input);
    assert_eq!(sent(&encoded), b"1234");
    assert_eq!(header(&encoded, "content-type"), Some("image/jpg"));
    assert_eq!(encoded.headers.len(), 1);
    // RestJsonHttpWithEmptyBlobPayload
    let input = TestPayloadBlobInput {
        content_type: None,
        data: None,
    };
    let encoded = encode(&input);
    assert!(encoded.body.is_empty() && encoded.headers.is_empty());
}

pub struct TestPayloadStructureInput {
    test_id: Option<String>,
    payload_config: Option<NestedPayload>,
}

runtime::http_input! {
    TestPayloadStructureInput: "POST" "/payload";
    header test_id "X-Amz-Test-Id" Opt(Text);
    payload payload_config Opt(Structure);
}

#[test]
fn headers_with_an_unset_structure_payload_send_an_empty_object() {
    // RestJsonHttpWithHeadersButNoPayload
    let input = TestPayloadStructureInput {
        test_id: Some("t-12345".into()),
        payload_config: None,
    };
    let encoded = encode(&input);
    assert_eq!(sent(&encoded), b"{}");
    assert_eq!(header(&encoded, "content-type"), Some("application/json"));
    assert_eq!(header(&encoded, "X-Amz-Test-Id"), Some("t-12345"));
}

#[derive(Default, Debug, PartialEq)]
pub struct NoInputAndNoOutput {
    metadata: u16,
}

runtime::http_input! {
    NoInputAndNoOutput: "POST" "/NoInputAndNoOutput";
}

runtime::http_output! {
    NoInputAndNoOutput;
}

#[test]
fn no_members_no_body() {
    // RestJsonNoInputAndNoOutput, RestJsonHttpPostWithNoInput (both halves)
    let encoded = encode(&NoInputAndNoOutput::default());
    assert_eq!(encoded.method, http::Method::POST);
    assert_eq!(encoded.path_and_query, "/NoInputAndNoOutput");
    assert!(encoded.body.is_empty() && encoded.headers.is_empty());
    // Whatever the body, even one that is not JSON.
    for body in [&b""[..], b"{}", b"not json"] {
        assert!(NoInputAndNoOutput::from_http(200, &http::HeaderMap::new(), body).is_ok());
    }
}

#[derive(Default, Debug, PartialEq)]
pub struct HttpResponseCodeOutput {
    status: Option<i32>,
    greeting: Option<String>,
    count: i32,
    metadata: u16,
}

runtime::http_output! {
    HttpResponseCodeOutput;
    status status Opt;
    header greeting "X-Greeting" Opt(Text);
    body {
        count "count" Req(Plain);
    }
}

#[test]
fn the_status_code_member_and_required_body_members() {
    // RestJsonHttpResponseCode, RestJsonHttpResponseCodeWithNoPayload; `count` is required and
    // missing, so error correction gives it its zero value.
    for body in [&b"{}"[..], b""] {
        let output = HttpResponseCodeOutput::from_http(201, &http::HeaderMap::new(), body).unwrap();
        assert_eq!(output.status, Some(201));
        assert_eq!(output.count, 0);
    }
    // RestJsonGreetingWithErrors
    let output = HttpResponseCodeOutput::from_http(
        200,
        &headers(&[("X-Greeting", "Hello")]),
        b"{\"count\": 2}",
    )
    .unwrap();
    assert_eq!(output.greeting.as_deref(), Some("Hello"));
    assert_eq!(output.count, 2);
}

pub struct HttpChecksumRequiredInput {
    foo: Option<String>,
}

runtime::http_input! {
    HttpChecksumRequiredInput: "POST" "/HttpChecksumRequired";
    checksum_required;
    body {
        foo "foo" Opt(Plain);
    }
}

#[test]
fn a_required_checksum_is_the_bodys_md5() {
    // RestJsonHttpChecksumRequired: its Content-MD5 is that of the compact body.
    let input = HttpChecksumRequiredInput {
        foo: Some("base64 encoded md5 checksum".into()),
    };
    let encoded = encode(&input);
    assert_eq!(sent(&encoded), br#"{"foo":"base64 encoded md5 checksum"}"#);
    assert_eq!(
        header(&encoded, "content-md5"),
        Some("iB0/3YSo7maijL0IGOgA9g==")
    );
    assert_eq!(header(&encoded, "content-type"), Some("application/json"));
}

#[test]
fn paths_and_queries_sign_double_encoded_and_with_equals_signs() {
    // The canonical request of a restJson1 target: a `%2F` in a label is encoded again
    // (`%252F`), and the literal `hello` of the query becomes `hello=`, after `foo=bar`.
    let encoded = encode(&ConstantQueryStringInput {
        hello: "a/b c".into(),
    });
    assert_eq!(
        encoded.path_and_query,
        "/ConstantQueryString/a%2Fb%20c?foo=bar&hello"
    );
    let (path, query) = encoded.path_and_query.split_once('?').unwrap();
    let signable = runtime::sigv4::SignableRequest::new("GET", path, query, b"");
    let canonical = signable.canonical_request();
    let lines: Vec<&str> = canonical.lines().collect();
    assert_eq!(lines[1], "/ConstantQueryString/a%252Fb%2520c");
    assert_eq!(lines[2], "foo=bar&hello=");
}

#[derive(Default, Debug, PartialEq)]
pub struct Presences {
    r#type: String,
    limit: i32,
    code: i32,
    metadata: u16,
}

runtime::http_input! {
    Presences: "GET" "/presences/{type}";
    label r#type "type" Text;
    header limit "X-Limit" Def(Int);
    body {}
}

runtime::http_output! {
    Presences;
    header r#type "X-Type" Req(Text);
    header limit "X-Limit" Def(Int);
    status code Req;
    body {}
}

#[test]
fn required_and_defaulted_bound_members() {
    let input = Presences {
        r#type: "t".into(),
        ..Default::default()
    };
    let encoded = encode(&input);
    assert_eq!(encoded.path_and_query, "/presences/t");
    // A defaulted member is sent even at its default; `body {}` is an empty object.
    assert_eq!(header(&encoded, "X-Limit"), Some("0"));
    assert_eq!(sent(&encoded), b"{}");
    // A required header that is missing gets its zero value; a defaulted one its default.
    let output = Presences::from_http(204, &http::HeaderMap::new(), b"").unwrap();
    assert_eq!(
        output,
        Presences {
            code: 204,
            ..Default::default()
        }
    );
    let output =
        Presences::from_http(200, &headers(&[("X-Type", "t"), ("X-Limit", "5")]), b"").unwrap();
    assert_eq!(
        output,
        Presences {
            r#type: "t".into(),
            limit: 5,
            code: 200,
            metadata: 0
        }
    );
}

#[derive(Debug, PartialEq)]
pub struct CountedOutput {
    count: Option<i64>,
    items: Vec<String>,
    metadata: u16,
}

runtime::http_output! {
    CountedOutput;
    header count "X-Count" Opt(Int);
    body {
        items "Items" Req(Plain);
    }
}

#[test]
fn a_bad_header_fails_the_read_even_with_a_good_body() {
    let error =
        CountedOutput::from_http(200, &headers(&[("X-Count", "many")]), br#"{"Items": []}"#)
            .unwrap_err();
    assert!(
        error.starts_with("header X-Count does not match the model"),
        "{error}"
    );
    let output = CountedOutput::from_http(
        200,
        &headers(&[("X-Count", "2")]),
        br#"{"Items": ["a", "b"], "Items2": 1}"#,
    )
    .unwrap();
    assert_eq!(output.count, Some(2));
    assert_eq!(output.items, ["a", "b"]);
    // Junk after the object, and a body that is not an object, fail as awsJson's would.
    for body in [&br#"{"Items": []} x"#[..], b"[]", b"\"text\""] {
        let error = CountedOutput::from_http(200, &http::HeaderMap::new(), body).unwrap_err();
        assert!(error.starts_with("body "), "{error}");
    }
}
