//! The restJson1 macros on hand-written types shaped like generated ones, checked against the
//! wire forms of the restJson1 conformance cases (`shared/conformance/next/restjson1`,
//! `requests.json` and `responses.json`; each test names its case ids). The expected strings
//! are copied from those cases.
use runtime::protocol::rest_json::{Encoded, HttpInput, HttpOutput};
use runtime::types::{Blob, DateTime};
use std::collections::HashMap;

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

runtime::http_input! {
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

runtime::http_output! {
    InputAndOutputWithHeaders;
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

runtime::http_input! {
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

runtime::http_output! {
    SimpleScalarProperties;
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
        json(&encoded.body),
        serde_json::json!({"stringValue": "string", "trueBooleanValue": true, "integerValue": 3, "DoubleDribble": 6.5})
    );
    // RestJsonDoesntSerializeNullStructureValues, RestJsonHttpWithEmptyBody
    let encoded = encode(&SimpleScalarProperties::default());
    assert_eq!(&encoded.body[..], b"{}");
    assert_eq!(header(&encoded, "content-type"), Some("application/json"));
    // RestJsonSupportsNaNFloatInputs
    let input = SimpleScalarProperties {
        double_value: Some(f64::NAN),
        ..Default::default()
    };
    assert_eq!(
        json(&encode(&input).body),
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

runtime::http_input! {
    HttpPayloadTraits: "POST" "/HttpPayloadTraits";
    header foo "X-Foo" Opt(Text);
    payload blob Opt(Blob);
}

runtime::http_output! {
    HttpPayloadTraits;
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
    assert_eq!(&encoded.body[..], b"blobby blob blob");
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
