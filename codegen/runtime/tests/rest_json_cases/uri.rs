//! Labels and the query.
use super::*;

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

pub struct ConstantQueryStringInput {
    hello: String,
}

runtime::structure! {
    ConstantQueryStringInput = "ConstantQueryStringInput";
    #[cfg(any())] serialize;
    deserialize;
    hello "hello" Req(Plain) shown: set_hello(String), with_hello(String);
}

runtime::http_input! {
    ConstantQueryStringInput: "GET" "/ConstantQueryString/{hello}?foo=bar&hello";
    label hello "hello" Text;
}

pub struct ConstantAndVariableQueryStringInput {
    baz: Option<String>,
    maybe_set: Option<String>,
}

runtime::structure! {
    ConstantAndVariableQueryStringInput = "ConstantAndVariableQueryStringInput";
    #[cfg(any())] serialize;
    deserialize;
    baz "baz" Opt(Plain) shown: set_baz(Option<String>), with_baz(String);
    maybe_set "maybeSet" Opt(Plain) shown: set_maybe_set(Option<String>), with_maybe_set(String);
}

runtime::http_input! {
    ConstantAndVariableQueryStringInput: "GET" "/ConstantAndVariableQueryString?foo=bar";
    query baz "baz" Opt(Text);
    query maybe_set "maybeSet" Opt(Text);
}

pub struct QueryPrecedenceInput {
    foo: Option<String>,
    baz: Option<HashMap<String, String>>,
}

runtime::structure! {
    QueryPrecedenceInput = "QueryPrecedenceInput";
    #[cfg(any())] serialize;
    deserialize;
    foo "foo" Opt(Plain) shown: set_foo(Option<String>), with_foo(String);
    baz "baz" Opt(Plain) shown: set_baz(Option<HashMap<String, String>>), with_baz(HashMap<String, String>);
}

runtime::http_input! {
    QueryPrecedenceInput: "POST" "/Precedence";
    query foo "bar" Opt(Text);
    query_params baz Opt(Text);
}

pub struct QueryParamsAsStringListMapInput {
    qux: Option<String>,
    foo: Option<HashMap<String, Vec<String>>>,
}

runtime::structure! {
    QueryParamsAsStringListMapInput = "QueryParamsAsStringListMapInput";
    #[cfg(any())] serialize;
    deserialize;
    qux "qux" Opt(Plain) shown: set_qux(Option<String>), with_qux(String);
    foo "foo" Opt(Plain) shown: set_foo(Option<HashMap<String, Vec<String>>>), with_foo(HashMap<String, Vec<String>>);
}

runtime::http_input! {
    QueryParamsAsStringListMapInput: "POST" "/StringListMap";
    query qux "corge" Opt(Text);
    query_params foo Opt(List<Text>);
}

pub struct OmitsNullSerializesEmptyStringInput {
    null_value: Option<String>,
    empty_string: Option<String>,
}

runtime::structure! {
    OmitsNullSerializesEmptyStringInput = "OmitsNullSerializesEmptyStringInput";
    #[cfg(any())] serialize;
    deserialize;
    null_value "nullValue" Opt(Plain) shown: set_null_value(Option<String>), with_null_value(String);
    empty_string "emptyString" Opt(Plain) shown: set_empty_string(Option<String>), with_empty_string(String);
}

runtime::http_input! {
    OmitsNullSerializesEmptyStringInput: "GET" "/OmitsNullSerializesEmptyString";
    query null_value "Null" Opt(Text);
    query empty_string "Empty" Opt(Text);
}

pub struct OmitsSerializingEmptyListsInput {
    query_string_list: Option<Vec<String>>,
    query_integer_list: Option<Vec<i32>>,
    query_double_list: Option<Vec<f64>>,
    query_boolean_list: Option<Vec<bool>>,
    query_timestamp_list: Option<Vec<DateTime>>,
    query_enum_list: Option<Vec<FooEnum>>,
    query_integer_enum_list: Option<Vec<i32>>,
}

runtime::structure! {
    OmitsSerializingEmptyListsInput = "OmitsSerializingEmptyListsInput";
    #[cfg(any())] serialize;
    deserialize;
    query_string_list "queryStringList" Opt(Plain) shown: set_query_string_list(Option<Vec<String>>), with_query_string_list(Vec<String>);
    query_integer_list "queryIntegerList" Opt(Plain) shown: set_query_integer_list(Option<Vec<i32>>), with_query_integer_list(Vec<i32>);
    query_double_list "queryDoubleList" Opt(Plain) shown: set_query_double_list(Option<Vec<f64>>), with_query_double_list(Vec<f64>);
    query_boolean_list "queryBooleanList" Opt(Plain) shown: set_query_boolean_list(Option<Vec<bool>>), with_query_boolean_list(Vec<bool>);
    query_timestamp_list "queryTimestampList" Opt(Plain) shown: set_query_timestamp_list(Option<Vec<DateTime>>), with_query_timestamp_list(Vec<DateTime>);
    query_enum_list "queryEnumList" Opt(Plain) shown: set_query_enum_list(Option<Vec<FooEnum>>), with_query_enum_list(Vec<FooEnum>);
    query_integer_enum_list "queryIntegerEnumList" Opt(Plain) shown: set_query_integer_enum_list(Option<Vec<i32>>), with_query_integer_enum_list(Vec<i32>);
}

runtime::http_input! {
    OmitsSerializingEmptyListsInput: "POST" "/OmitsSerializingEmptyLists";
    query query_string_list "StringList" Opt(List<Text>);
    query query_integer_list "IntegerList" Opt(List<Int>);
    query query_double_list "DoubleList" Opt(List<Float>);
    query query_boolean_list "BooleanList" Opt(List<Bool>);
    query query_timestamp_list "TimestampList" Opt(List<DateTime>);
    query query_enum_list "EnumList" Opt(List<Enum>);
    query query_integer_enum_list "IntegerEnumList" Opt(List<Int>);
}

#[test]
fn constant_null_empty_and_precedence_queries() {
    assert_eq!(
        check_requests::<ConstantQueryStringInput>("ConstantQueryString"),
        1
    );
    assert_eq!(
        check_requests::<ConstantAndVariableQueryStringInput>("ConstantAndVariableQueryString"),
        2
    );
    assert_eq!(check_requests::<QueryPrecedenceInput>("QueryPrecedence"), 1);
    assert_eq!(
        check_requests::<QueryParamsAsStringListMapInput>("QueryParamsAsStringListMap"),
        1
    );
    assert_eq!(
        check_requests::<OmitsNullSerializesEmptyStringInput>("OmitsNullSerializesEmptyString"),
        2
    );
    assert_eq!(
        check_requests::<OmitsSerializingEmptyListsInput>("OmitsSerializingEmptyLists"),
        1
    );
}

pub struct HttpRequestWithGreedyLabelInPathInput {
    foo: String,
    baz: String,
}

runtime::structure! {
    HttpRequestWithGreedyLabelInPathInput = "HttpRequestWithGreedyLabelInPathInput";
    #[cfg(any())] serialize;
    deserialize;
    foo "foo" Req(Plain) shown: set_foo(String), with_foo(String);
    baz "baz" Req(Plain) shown: set_baz(String), with_baz(String);
}

runtime::http_input! {
    HttpRequestWithGreedyLabelInPathInput: "GET" "/HttpRequestWithGreedyLabelInPath/foo/{foo}/baz/{baz+}";
    label foo "foo" Text;
    greedy_label baz "baz" Text;
}

pub struct HttpRequestWithFloatLabelsInput {
    float: f32,
    double: f64,
}

runtime::structure! {
    HttpRequestWithFloatLabelsInput = "HttpRequestWithFloatLabelsInput";
    #[cfg(any())] serialize;
    deserialize;
    float "float" Req(Float) shown: set_float(f32), with_float(f32);
    double "double" Req(Float) shown: set_double(f64), with_double(f64);
}

runtime::http_input! {
    HttpRequestWithFloatLabelsInput: "GET" "/FloatHttpLabels/{float}/{double}";
    label float "float" Float;
    label double "double" Float;
}

pub struct HttpRequestWithRegexLiteralInput {
    str: String,
}

runtime::structure! {
    HttpRequestWithRegexLiteralInput = "HttpRequestWithRegexLiteralInput";
    #[cfg(any())] serialize;
    deserialize;
    str "str" Req(Plain) shown: set_str(String), with_str(String);
}

runtime::http_input! {
    HttpRequestWithRegexLiteralInput: "GET" "/ReDosLiteral/{str}/(a+)+";
    label str "str" Text;
}

#[test]
fn greedy_float_and_regex_literal_labels() {
    assert_eq!(
        check_requests::<HttpRequestWithGreedyLabelInPathInput>("HttpRequestWithGreedyLabelInPath"),
        1
    );
    assert_eq!(
        check_requests::<HttpRequestWithFloatLabelsInput>("HttpRequestWithFloatLabels"),
        3
    );
    assert_eq!(
        check_requests::<HttpRequestWithRegexLiteralInput>("HttpRequestWithRegexLiteral"),
        1
    );
}
