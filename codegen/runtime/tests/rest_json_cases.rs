//! Every case of some restJson1 conformance operations, read from the case files
//! (`shared/conformance/next/restjson1`): each operation's input and output are hand-written
//! as the generator would declare them, the case's `params` are read into the input through its
//! document view (`structure!`, keyed by member name), encoded with `http_input!` and compared
//! with the expected request as the files' README says ("How to compare"); a response is read
//! with `http_output!` and its document view compared with the expected output.
#![allow(clippy::disallowed_names)] // the model's member names (`foo`)
use runtime::protocol::rest_json::{HttpInput, HttpOutput};
use runtime::types::DateTime;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/next/restjson1")
}

/// The cases of `file` for operation `operation` (its shape name).
fn cases(file: &str, operation: &str) -> Vec<Value> {
    let path = cases_dir().join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let all: Vec<Value> = serde_json::from_str(&text).expect("case file is JSON");
    let id = format!("aws.protocoltests.restjson#{operation}");
    let found: Vec<Value> = all
        .into_iter()
        .filter(|case| case["operation"] == id.as_str())
        .collect();
    assert!(!found.is_empty(), "no {operation} case in {file}");
    found
}

/// JSON values equal as the README says: numbers by value (an `f32` member read back as
/// `f64` within its precision), `"NaN"` equal to itself, objects whatever their key order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x == y || (x - y).abs() <= 1e-6 * x.abs().max(y.abs())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// A query as the README compares it: the items of each name, in their order.
fn query_items(query: &str) -> HashMap<&str, Vec<&str>> {
    let mut items: HashMap<&str, Vec<&str>> = HashMap::new();
    for item in query.split('&').filter(|item| !item.is_empty()) {
        let name = item.split('=').next().unwrap_or(item);
        items.entry(name).or_default().push(item);
    }
    items
}

fn check_requests<I: HttpInput + serde::de::DeserializeOwned>(operation: &str) -> usize {
    let cases = cases("requests.json", operation);
    for case in &cases {
        let id = case["id"].as_str().unwrap_or("?");
        let expected = &case["expected"];
        let input: I = serde_json::from_value(case["params"].clone())
            .unwrap_or_else(|e| panic!("{id}: params: {e}"));
        let encoded = input.encode().unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(encoded.method.as_str(), expected["method"], "{id}: method");
        let uri = expected["uri"].as_str().expect("uri");
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        let (our_path, our_query) = encoded
            .path_and_query
            .split_once('?')
            .unwrap_or((&encoded.path_and_query, ""));
        assert_eq!(our_path, path, "{id}: path");
        assert_eq!(query_items(our_query), query_items(query), "{id}: query");
        for (name, value) in expected["headers"].as_object().expect("headers") {
            let ours = encoded
                .headers
                .get(name.as_str())
                .map(|v| v.to_str().unwrap());
            assert_eq!(ours, value.as_str(), "{id}: header {name}");
        }
        for name in expected["forbidHeaders"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap();
            assert!(encoded.headers.get(name).is_none(), "{id}: {name} is sent");
        }
        let body = expected["body"].as_str().unwrap_or("");
        if expected["bodyIsJson"] == true {
            let ours: Value = serde_json::from_slice(&encoded.body)
                .unwrap_or_else(|e| panic!("{id}: our body: {e}"));
            let theirs: Value = serde_json::from_str(body).unwrap();
            assert!(same(&ours, &theirs), "{id}: body {ours} vs {theirs}");
        } else {
            assert_eq!(&encoded.body[..], body.as_bytes(), "{id}: body");
        }
    }
    cases.len()
}

fn check_responses<O: HttpOutput + serde::Serialize>(operation: &str) -> usize {
    let cases = cases("responses.json", operation);
    for case in &cases {
        let id = case["id"].as_str().unwrap_or("?");
        let response = &case["response"];
        let mut headers = http::HeaderMap::new();
        for (name, value) in response["headers"].as_object().expect("headers") {
            headers.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                http::HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
            );
        }
        let status = response["status"].as_u64().expect("status") as u16;
        let body = response["body"].as_str().unwrap_or("");
        let output =
            O::from_http(status, &headers, body.as_bytes()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let ours = serde_json::to_value(&output).expect("document view");
        let expected = &case["expected"]["output"];
        assert!(same(&ours, expected), "{id}: {ours} vs {expected}");
    }
    cases.len()
}

#[derive(Debug, Clone, PartialEq)]
pub enum FooEnum {
    Foo,
    Baz,
    Bar,
    One,
    Zero,
    Unknown(String),
}

runtime::string_enum! {
    FooEnum;
    Foo = "Foo",
    Baz = "Baz",
    Bar = "Bar",
    One = "1",
    Zero = "0",
}

#[derive(Default)]
pub struct InputAndOutputWithHeadersIo {
    header_string: Option<String>,
    header_byte: Option<i8>,
    header_short: Option<i16>,
    header_integer: Option<i32>,
    header_long: Option<i64>,
    header_float: Option<f32>,
    header_double: Option<f64>,
    header_true_bool: Option<bool>,
    header_false_bool: Option<bool>,
    header_string_list: Option<Vec<String>>,
    header_string_set: Option<Vec<String>>,
    header_integer_list: Option<Vec<i32>>,
    header_boolean_list: Option<Vec<bool>>,
    header_timestamp_list: Option<Vec<DateTime>>,
    header_enum: Option<FooEnum>,
    header_enum_list: Option<Vec<FooEnum>>,
    header_integer_enum: Option<i32>,
    header_integer_enum_list: Option<Vec<i32>>,
    metadata: (),
}

runtime::structure! {
    InputAndOutputWithHeadersIo = "InputAndOutputWithHeadersIO", metadata;
    serialize;
    deserialize;
    header_string "headerString" Opt(Plain) shown: set_header_string(Option<String>), with_header_string(String);
    header_byte "headerByte" Opt(Plain) shown: set_header_byte(Option<i8>), with_header_byte(i8);
    header_short "headerShort" Opt(Plain) shown: set_header_short(Option<i16>), with_header_short(i16);
    header_integer "headerInteger" Opt(Plain) shown: set_header_integer(Option<i32>), with_header_integer(i32);
    header_long "headerLong" Opt(Plain) shown: set_header_long(Option<i64>), with_header_long(i64);
    header_float "headerFloat" Opt(Float) shown: set_header_float(Option<f32>), with_header_float(f32);
    header_double "headerDouble" Opt(Float) shown: set_header_double(Option<f64>), with_header_double(f64);
    header_true_bool "headerTrueBool" Opt(Plain) shown: set_header_true_bool(Option<bool>), with_header_true_bool(bool);
    header_false_bool "headerFalseBool" Opt(Plain) shown: set_header_false_bool(Option<bool>), with_header_false_bool(bool);
    header_string_list "headerStringList" Opt(Plain) shown: set_header_string_list(Option<Vec<String>>), with_header_string_list(Vec<String>);
    header_string_set "headerStringSet" Opt(Plain) shown: set_header_string_set(Option<Vec<String>>), with_header_string_set(Vec<String>);
    header_integer_list "headerIntegerList" Opt(Plain) shown: set_header_integer_list(Option<Vec<i32>>), with_header_integer_list(Vec<i32>);
    header_boolean_list "headerBooleanList" Opt(Plain) shown: set_header_boolean_list(Option<Vec<bool>>), with_header_boolean_list(Vec<bool>);
    header_timestamp_list "headerTimestampList" Opt(Plain) shown: set_header_timestamp_list(Option<Vec<DateTime>>), with_header_timestamp_list(Vec<DateTime>);
    header_enum "headerEnum" Opt(Plain) shown: set_header_enum(Option<FooEnum>), with_header_enum(FooEnum);
    header_enum_list "headerEnumList" Opt(Plain) shown: set_header_enum_list(Option<Vec<FooEnum>>), with_header_enum_list(Vec<FooEnum>);
    header_integer_enum "headerIntegerEnum" Opt(Plain) shown: set_header_integer_enum(Option<i32>), with_header_integer_enum(i32);
    header_integer_enum_list "headerIntegerEnumList" Opt(Plain) shown: set_header_integer_enum_list(Option<Vec<i32>>), with_header_integer_enum_list(Vec<i32>);
}

runtime::http_input! {
    InputAndOutputWithHeadersIo: "POST" "/InputAndOutputWithHeaders";
    header header_string "X-String" Opt(Text);
    header header_byte "X-Byte" Opt(Int);
    header header_short "X-Short" Opt(Int);
    header header_integer "X-Integer" Opt(Int);
    header header_long "X-Long" Opt(Int);
    header header_float "X-Float" Opt(Float);
    header header_double "X-Double" Opt(Float);
    header header_true_bool "X-Boolean1" Opt(Bool);
    header header_false_bool "X-Boolean2" Opt(Bool);
    header header_string_list "X-StringList" Opt(List<Text>);
    header header_string_set "X-StringSet" Opt(List<Text>);
    header header_integer_list "X-IntegerList" Opt(List<Int>);
    header header_boolean_list "X-BooleanList" Opt(List<Bool>);
    header header_timestamp_list "X-TimestampList" Opt(List<HttpDate>);
    header header_enum "X-Enum" Opt(Enum);
    header header_enum_list "X-EnumList" Opt(List<Enum>);
    header header_integer_enum "X-IntegerEnum" Opt(Int);
    header header_integer_enum_list "X-IntegerEnumList" Opt(List<Int>);
}

runtime::http_output! {
    InputAndOutputWithHeadersIo;
    header header_string "X-String" Opt(Text);
    header header_byte "X-Byte" Opt(Int);
    header header_short "X-Short" Opt(Int);
    header header_integer "X-Integer" Opt(Int);
    header header_long "X-Long" Opt(Int);
    header header_float "X-Float" Opt(Float);
    header header_double "X-Double" Opt(Float);
    header header_true_bool "X-Boolean1" Opt(Bool);
    header header_false_bool "X-Boolean2" Opt(Bool);
    header header_string_list "X-StringList" Opt(List<Text>);
    header header_string_set "X-StringSet" Opt(List<Text>);
    header header_integer_list "X-IntegerList" Opt(List<Int>);
    header header_boolean_list "X-BooleanList" Opt(List<Bool>);
    header header_timestamp_list "X-TimestampList" Opt(List<HttpDate>);
    header header_enum "X-Enum" Opt(Enum);
    header header_enum_list "X-EnumList" Opt(List<Enum>);
    header header_integer_enum "X-IntegerEnum" Opt(Int);
    header header_integer_enum_list "X-IntegerEnumList" Opt(List<Int>);
}

#[test]
fn input_and_output_with_headers() {
    assert_eq!(
        check_requests::<InputAndOutputWithHeadersIo>("InputAndOutputWithHeaders"),
        10
    );
    assert_eq!(
        check_responses::<InputAndOutputWithHeadersIo>("InputAndOutputWithHeaders"),
        10
    );
}

pub struct AllQueryStringTypesInput {
    query_string: Option<String>,
    query_string_list: Option<Vec<String>>,
    query_string_set: Option<Vec<String>>,
    query_byte: Option<i8>,
    query_short: Option<i16>,
    query_integer: Option<i32>,
    query_integer_list: Option<Vec<i32>>,
    query_integer_set: Option<Vec<i32>>,
    query_long: Option<i64>,
    query_float: Option<f32>,
    query_double: Option<f64>,
    query_double_list: Option<Vec<f64>>,
    query_boolean: Option<bool>,
    query_boolean_list: Option<Vec<bool>>,
    query_timestamp: Option<DateTime>,
    query_timestamp_list: Option<Vec<DateTime>>,
    query_enum: Option<FooEnum>,
    query_enum_list: Option<Vec<FooEnum>>,
    query_integer_enum: Option<i32>,
    query_integer_enum_list: Option<Vec<i32>>,
    query_params_map_of_string_list: Option<HashMap<String, Vec<String>>>,
}

runtime::structure! {
    AllQueryStringTypesInput = "AllQueryStringTypesInput";
    #[cfg(any())] serialize;
    deserialize;
    query_string "queryString" Opt(Plain) shown: set_query_string(Option<String>), with_query_string(String);
    query_string_list "queryStringList" Opt(Plain) shown: set_query_string_list(Option<Vec<String>>), with_query_string_list(Vec<String>);
    query_string_set "queryStringSet" Opt(Plain) shown: set_query_string_set(Option<Vec<String>>), with_query_string_set(Vec<String>);
    query_byte "queryByte" Opt(Plain) shown: set_query_byte(Option<i8>), with_query_byte(i8);
    query_short "queryShort" Opt(Plain) shown: set_query_short(Option<i16>), with_query_short(i16);
    query_integer "queryInteger" Opt(Plain) shown: set_query_integer(Option<i32>), with_query_integer(i32);
    query_integer_list "queryIntegerList" Opt(Plain) shown: set_query_integer_list(Option<Vec<i32>>), with_query_integer_list(Vec<i32>);
    query_integer_set "queryIntegerSet" Opt(Plain) shown: set_query_integer_set(Option<Vec<i32>>), with_query_integer_set(Vec<i32>);
    query_long "queryLong" Opt(Plain) shown: set_query_long(Option<i64>), with_query_long(i64);
    query_float "queryFloat" Opt(Float) shown: set_query_float(Option<f32>), with_query_float(f32);
    query_double "queryDouble" Opt(Float) shown: set_query_double(Option<f64>), with_query_double(f64);
    query_double_list "queryDoubleList" Opt(Plain) shown: set_query_double_list(Option<Vec<f64>>), with_query_double_list(Vec<f64>);
    query_boolean "queryBoolean" Opt(Plain) shown: set_query_boolean(Option<bool>), with_query_boolean(bool);
    query_boolean_list "queryBooleanList" Opt(Plain) shown: set_query_boolean_list(Option<Vec<bool>>), with_query_boolean_list(Vec<bool>);
    query_timestamp "queryTimestamp" Opt(Plain) shown: set_query_timestamp(Option<DateTime>), with_query_timestamp(DateTime);
    query_timestamp_list "queryTimestampList" Opt(Plain) shown: set_query_timestamp_list(Option<Vec<DateTime>>), with_query_timestamp_list(Vec<DateTime>);
    query_enum "queryEnum" Opt(Plain) shown: set_query_enum(Option<FooEnum>), with_query_enum(FooEnum);
    query_enum_list "queryEnumList" Opt(Plain) shown: set_query_enum_list(Option<Vec<FooEnum>>), with_query_enum_list(Vec<FooEnum>);
    query_integer_enum "queryIntegerEnum" Opt(Plain) shown: set_query_integer_enum(Option<i32>), with_query_integer_enum(i32);
    query_integer_enum_list "queryIntegerEnumList" Opt(Plain) shown: set_query_integer_enum_list(Option<Vec<i32>>), with_query_integer_enum_list(Vec<i32>);
    query_params_map_of_string_list "queryParamsMapOfStringList" Opt(Plain) shown: set_query_params_map_of_string_list(Option<HashMap<String, Vec<String>>>), with_query_params_map_of_string_list(HashMap<String, Vec<String>>);
}

runtime::http_input! {
    AllQueryStringTypesInput: "GET" "/AllQueryStringTypesInput";
    query query_string "String" Opt(Text);
    query query_string_list "StringList" Opt(List<Text>);
    query query_string_set "StringSet" Opt(List<Text>);
    query query_byte "Byte" Opt(Int);
    query query_short "Short" Opt(Int);
    query query_integer "Integer" Opt(Int);
    query query_integer_list "IntegerList" Opt(List<Int>);
    query query_integer_set "IntegerSet" Opt(List<Int>);
    query query_long "Long" Opt(Int);
    query query_float "Float" Opt(Float);
    query query_double "Double" Opt(Float);
    query query_double_list "DoubleList" Opt(List<Float>);
    query query_boolean "Boolean" Opt(Bool);
    query query_boolean_list "BooleanList" Opt(List<Bool>);
    query query_timestamp "Timestamp" Opt(DateTime);
    query query_timestamp_list "TimestampList" Opt(List<DateTime>);
    query query_enum "Enum" Opt(Enum);
    query query_enum_list "EnumList" Opt(List<Enum>);
    query query_integer_enum "IntegerEnum" Opt(Int);
    query query_integer_enum_list "IntegerEnumList" Opt(List<Int>);
    query_params query_params_map_of_string_list Opt(List<Text>);
}

#[test]
fn all_query_string_types() {
    assert_eq!(
        check_requests::<AllQueryStringTypesInput>("AllQueryStringTypes"),
        7
    );
}

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

runtime::structure! {
    HttpRequestWithLabelsInput = "HttpRequestWithLabelsInput";
    #[cfg(any())] serialize;
    deserialize;
    string "string" Req(Plain) shown: set_string(String), with_string(String);
    short "short" Req(Plain) shown: set_short(i16), with_short(i16);
    integer "integer" Req(Plain) shown: set_integer(i32), with_integer(i32);
    long "long" Req(Plain) shown: set_long(i64), with_long(i64);
    float "float" Req(Float) shown: set_float(f32), with_float(f32);
    double "double" Req(Float) shown: set_double(f64), with_double(f64);
    boolean "boolean" Req(Plain) shown: set_boolean(bool), with_boolean(bool);
    timestamp "timestamp" Req(Plain) shown: set_timestamp(DateTime), with_timestamp(DateTime);
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

pub struct HttpRequestWithLabelsAndTimestampFormatInput {
    member_epoch_seconds: DateTime,
    member_http_date: DateTime,
    member_date_time: DateTime,
    default_format: DateTime,
    target_epoch_seconds: DateTime,
    target_http_date: DateTime,
    target_date_time: DateTime,
}

runtime::structure! {
    HttpRequestWithLabelsAndTimestampFormatInput = "HttpRequestWithLabelsAndTimestampFormatInput";
    #[cfg(any())] serialize;
    deserialize;
    member_epoch_seconds "memberEpochSeconds" Req(Plain) shown: set_member_epoch_seconds(DateTime), with_member_epoch_seconds(DateTime);
    member_http_date "memberHttpDate" Req(Plain) shown: set_member_http_date(DateTime), with_member_http_date(DateTime);
    member_date_time "memberDateTime" Req(Plain) shown: set_member_date_time(DateTime), with_member_date_time(DateTime);
    default_format "defaultFormat" Req(Plain) shown: set_default_format(DateTime), with_default_format(DateTime);
    target_epoch_seconds "targetEpochSeconds" Req(Plain) shown: set_target_epoch_seconds(DateTime), with_target_epoch_seconds(DateTime);
    target_http_date "targetHttpDate" Req(Plain) shown: set_target_http_date(DateTime), with_target_http_date(DateTime);
    target_date_time "targetDateTime" Req(Plain) shown: set_target_date_time(DateTime), with_target_date_time(DateTime);
}

runtime::http_input! {
    HttpRequestWithLabelsAndTimestampFormatInput: "GET" "/HttpRequestWithLabelsAndTimestampFormat/{memberEpochSeconds}/{memberHttpDate}/{memberDateTime}/{defaultFormat}/{targetEpochSeconds}/{targetHttpDate}/{targetDateTime}";
    label member_epoch_seconds "memberEpochSeconds" EpochSeconds;
    label member_http_date "memberHttpDate" HttpDate;
    label member_date_time "memberDateTime" DateTime;
    label default_format "defaultFormat" DateTime;
    label target_epoch_seconds "targetEpochSeconds" EpochSeconds;
    label target_http_date "targetHttpDate" HttpDate;
    label target_date_time "targetDateTime" DateTime;
}

#[test]
fn labels() {
    assert_eq!(
        check_requests::<HttpRequestWithLabelsInput>("HttpRequestWithLabels"),
        2
    );
    assert_eq!(
        check_requests::<HttpRequestWithLabelsAndTimestampFormatInput>(
            "HttpRequestWithLabelsAndTimestampFormat"
        ),
        1
    );
}

#[derive(Default)]
pub struct TimestampFormatHeadersIo {
    member_epoch_seconds: Option<DateTime>,
    member_http_date: Option<DateTime>,
    member_date_time: Option<DateTime>,
    default_format: Option<DateTime>,
    target_epoch_seconds: Option<DateTime>,
    target_http_date: Option<DateTime>,
    target_date_time: Option<DateTime>,
    metadata: (),
}

runtime::structure! {
    TimestampFormatHeadersIo = "TimestampFormatHeadersIO", metadata;
    serialize;
    deserialize;
    member_epoch_seconds "memberEpochSeconds" Opt(Plain) shown: set_member_epoch_seconds(Option<DateTime>), with_member_epoch_seconds(DateTime);
    member_http_date "memberHttpDate" Opt(Plain) shown: set_member_http_date(Option<DateTime>), with_member_http_date(DateTime);
    member_date_time "memberDateTime" Opt(Plain) shown: set_member_date_time(Option<DateTime>), with_member_date_time(DateTime);
    default_format "defaultFormat" Opt(Plain) shown: set_default_format(Option<DateTime>), with_default_format(DateTime);
    target_epoch_seconds "targetEpochSeconds" Opt(Plain) shown: set_target_epoch_seconds(Option<DateTime>), with_target_epoch_seconds(DateTime);
    target_http_date "targetHttpDate" Opt(Plain) shown: set_target_http_date(Option<DateTime>), with_target_http_date(DateTime);
    target_date_time "targetDateTime" Opt(Plain) shown: set_target_date_time(Option<DateTime>), with_target_date_time(DateTime);
}

runtime::http_input! {
    TimestampFormatHeadersIo: "POST" "/TimestampFormatHeaders";
    header member_epoch_seconds "X-memberEpochSeconds" Opt(EpochSeconds);
    header member_http_date "X-memberHttpDate" Opt(HttpDate);
    header member_date_time "X-memberDateTime" Opt(DateTime);
    header default_format "X-defaultFormat" Opt(HttpDate);
    header target_epoch_seconds "X-targetEpochSeconds" Opt(EpochSeconds);
    header target_http_date "X-targetHttpDate" Opt(HttpDate);
    header target_date_time "X-targetDateTime" Opt(DateTime);
}

runtime::http_output! {
    TimestampFormatHeadersIo;
    header member_epoch_seconds "X-memberEpochSeconds" Opt(EpochSeconds);
    header member_http_date "X-memberHttpDate" Opt(HttpDate);
    header member_date_time "X-memberDateTime" Opt(DateTime);
    header default_format "X-defaultFormat" Opt(HttpDate);
    header target_epoch_seconds "X-targetEpochSeconds" Opt(EpochSeconds);
    header target_http_date "X-targetHttpDate" Opt(HttpDate);
    header target_date_time "X-targetDateTime" Opt(DateTime);
}

#[test]
fn timestamp_format_headers() {
    assert_eq!(
        check_requests::<TimestampFormatHeadersIo>("TimestampFormatHeaders"),
        1
    );
    assert_eq!(
        check_responses::<TimestampFormatHeadersIo>("TimestampFormatHeaders"),
        1
    );
}

#[derive(Default)]
pub struct HttpPrefixHeadersIo {
    foo: Option<String>,
    foo_map: Option<HashMap<String, String>>,
    metadata: (),
}

runtime::structure! {
    HttpPrefixHeadersIo = "HttpPrefixHeadersIO", metadata;
    serialize;
    deserialize;
    foo "foo" Opt(Plain) shown: set_foo(Option<String>), with_foo(String);
    foo_map "fooMap" Opt(Plain) shown: set_foo_map(Option<HashMap<String, String>>), with_foo_map(HashMap<String, String>);
}

runtime::http_input! {
    HttpPrefixHeadersIo: "GET" "/HttpPrefixHeaders";
    header foo "x-foo" Opt(Text);
    prefix_headers foo_map "x-foo-" Opt(Text);
}

runtime::http_output! {
    HttpPrefixHeadersIo;
    header foo "x-foo" Opt(Text);
    prefix_headers foo_map "x-foo-" Opt(Text);
}

#[derive(Default)]
pub struct NullAndEmptyHeadersIo {
    a: Option<String>,
    b: Option<String>,
    c: Option<Vec<String>>,
}

runtime::structure! {
    NullAndEmptyHeadersIo = "NullAndEmptyHeadersIO";
    #[cfg(any())] serialize;
    deserialize;
    a "a" Opt(Plain) shown: set_a(Option<String>), with_a(String);
    b "b" Opt(Plain) shown: set_b(Option<String>), with_b(String);
    c "c" Opt(Plain) shown: set_c(Option<Vec<String>>), with_c(Vec<String>);
}

runtime::http_input! {
    NullAndEmptyHeadersIo: "GET" "/NullAndEmptyHeadersClient";
    header a "X-A" Opt(Text);
    header b "X-B" Opt(Text);
    header c "X-C" Opt(List<Text>);
}

#[test]
fn prefix_null_and_empty_headers() {
    assert_eq!(
        check_requests::<HttpPrefixHeadersIo>("HttpPrefixHeaders"),
        3
    );
    assert_eq!(
        check_responses::<HttpPrefixHeadersIo>("HttpPrefixHeaders"),
        1
    );
    assert_eq!(
        check_requests::<NullAndEmptyHeadersIo>("NullAndEmptyHeadersClient"),
        1
    );
}

#[derive(Default)]
pub struct SimpleScalarPropertiesIo {
    foo: Option<String>,
    string_value: Option<String>,
    true_boolean_value: Option<bool>,
    false_boolean_value: Option<bool>,
    byte_value: Option<i8>,
    short_value: Option<i16>,
    integer_value: Option<i32>,
    long_value: Option<i64>,
    float_value: Option<f32>,
    double_value: Option<f64>,
    metadata: (),
}

// The document view is keyed by member name; the wire body uses `@jsonName` (DoubleDribble).
runtime::structure! {
    SimpleScalarPropertiesIo = "SimpleScalarPropertiesInputOutput", metadata;
    serialize;
    deserialize;
    foo "foo" Opt(Plain) shown: set_foo(Option<String>), with_foo(String);
    string_value "stringValue" Opt(Plain) shown: set_string_value(Option<String>), with_string_value(String);
    true_boolean_value "trueBooleanValue" Opt(Plain) shown: set_true_boolean_value(Option<bool>), with_true_boolean_value(bool);
    false_boolean_value "falseBooleanValue" Opt(Plain) shown: set_false_boolean_value(Option<bool>), with_false_boolean_value(bool);
    byte_value "byteValue" Opt(Plain) shown: set_byte_value(Option<i8>), with_byte_value(i8);
    short_value "shortValue" Opt(Plain) shown: set_short_value(Option<i16>), with_short_value(i16);
    integer_value "integerValue" Opt(Plain) shown: set_integer_value(Option<i32>), with_integer_value(i32);
    long_value "longValue" Opt(Plain) shown: set_long_value(Option<i64>), with_long_value(i64);
    float_value "floatValue" Opt(Float) shown: set_float_value(Option<f32>), with_float_value(f32);
    double_value "doubleValue" Opt(Float) shown: set_double_value(Option<f64>), with_double_value(f64);
}

runtime::http_input! {
    SimpleScalarPropertiesIo: "PUT" "/SimpleScalarProperties";
    header foo "X-Foo" Opt(Text);
    body {
        string_value "stringValue" Opt(Plain);
        true_boolean_value "trueBooleanValue" Opt(Plain);
        false_boolean_value "falseBooleanValue" Opt(Plain);
        byte_value "byteValue" Opt(Plain);
        short_value "shortValue" Opt(Plain);
        integer_value "integerValue" Opt(Plain);
        long_value "longValue" Opt(Plain);
        float_value "floatValue" Opt(Float);
        double_value "DoubleDribble" Opt(Float);
    }
}

runtime::http_output! {
    SimpleScalarPropertiesIo;
    header foo "X-Foo" Opt(Text);
    body {
        string_value "stringValue" Opt(Plain);
        true_boolean_value "trueBooleanValue" Opt(Plain);
        false_boolean_value "falseBooleanValue" Opt(Plain);
        byte_value "byteValue" Opt(Plain);
        short_value "shortValue" Opt(Plain);
        integer_value "integerValue" Opt(Plain);
        long_value "longValue" Opt(Plain);
        float_value "floatValue" Opt(Float);
        double_value "DoubleDribble" Opt(Float);
    }
}

#[derive(Default)]
pub struct JsonTimestampsIo {
    normal: Option<DateTime>,
    date_time: Option<DateTime>,
    date_time_on_target: Option<DateTime>,
    epoch_seconds: Option<DateTime>,
    epoch_seconds_on_target: Option<DateTime>,
    http_date: Option<DateTime>,
    http_date_on_target: Option<DateTime>,
    metadata: (),
}

runtime::structure! {
    JsonTimestampsIo = "JsonTimestampsInputOutput", metadata;
    serialize;
    deserialize;
    normal "normal" Opt(Plain) shown: set_normal(Option<DateTime>), with_normal(DateTime);
    date_time "dateTime" Opt(Plain) shown: set_date_time(Option<DateTime>), with_date_time(DateTime);
    date_time_on_target "dateTimeOnTarget" Opt(Plain) shown: set_date_time_on_target(Option<DateTime>), with_date_time_on_target(DateTime);
    epoch_seconds "epochSeconds" Opt(Plain) shown: set_epoch_seconds(Option<DateTime>), with_epoch_seconds(DateTime);
    epoch_seconds_on_target "epochSecondsOnTarget" Opt(Plain) shown: set_epoch_seconds_on_target(Option<DateTime>), with_epoch_seconds_on_target(DateTime);
    http_date "httpDate" Opt(Plain) shown: set_http_date(Option<DateTime>), with_http_date(DateTime);
    http_date_on_target "httpDateOnTarget" Opt(Plain) shown: set_http_date_on_target(Option<DateTime>), with_http_date_on_target(DateTime);
}

runtime::http_input! {
    JsonTimestampsIo: "POST" "/JsonTimestamps";
    body {
        normal "normal" Opt(Plain);
        date_time "dateTime" Opt(DateTimeText);
        date_time_on_target "dateTimeOnTarget" Opt(DateTimeText);
        epoch_seconds "epochSeconds" Opt(Plain);
        epoch_seconds_on_target "epochSecondsOnTarget" Opt(Plain);
        http_date "httpDate" Opt(HttpDateText);
        http_date_on_target "httpDateOnTarget" Opt(HttpDateText);
    }
}

runtime::http_output! {
    JsonTimestampsIo;
    body {
        normal "normal" Opt(Plain);
        date_time "dateTime" Opt(DateTimeText);
        date_time_on_target "dateTimeOnTarget" Opt(DateTimeText);
        epoch_seconds "epochSeconds" Opt(Plain);
        epoch_seconds_on_target "epochSecondsOnTarget" Opt(Plain);
        http_date "httpDate" Opt(HttpDateText);
        http_date_on_target "httpDateOnTarget" Opt(HttpDateText);
    }
}

#[test]
fn json_bodies() {
    assert_eq!(
        check_requests::<SimpleScalarPropertiesIo>("SimpleScalarProperties"),
        5
    );
    assert_eq!(
        check_responses::<SimpleScalarPropertiesIo>("SimpleScalarProperties"),
        5
    );
    assert_eq!(check_requests::<JsonTimestampsIo>("JsonTimestamps"), 7);
    assert_eq!(check_responses::<JsonTimestampsIo>("JsonTimestamps"), 7);
}
