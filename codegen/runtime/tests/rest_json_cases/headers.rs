//! Header members: scalars, lists, timestamp formats, prefix maps, null and empty values.
use super::*;

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

http_both! {
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

#[test]
fn input_and_output_with_headers() {
    assert_eq!(
        check_both::<InputAndOutputWithHeadersIo>("InputAndOutputWithHeaders"),
        (10, 10)
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

http_both! {
    TimestampFormatHeadersIo: "POST" "/TimestampFormatHeaders";
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
        check_both::<TimestampFormatHeadersIo>("TimestampFormatHeaders"),
        (1, 1)
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

http_both! {
    HttpPrefixHeadersIo: "GET" "/HttpPrefixHeaders";
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
        check_both::<HttpPrefixHeadersIo>("HttpPrefixHeaders"),
        (3, 1)
    );
    assert_eq!(
        check_requests::<NullAndEmptyHeadersIo>("NullAndEmptyHeadersClient"),
        1
    );
}

#[derive(Default)]
pub struct MediaTypeHeaderIo {
    json: Option<String>,
    metadata: (),
}

runtime::structure! {
    MediaTypeHeaderIo = "MediaTypeHeaderIO", metadata;
    serialize;
    deserialize;
    json "json" Opt(Plain) shown: set_json(Option<String>), with_json(String);
}

http_both! {
    MediaTypeHeaderIo: "GET" "/MediaTypeHeader";
    header json "X-Json" Opt(JsonBase64);
}

#[derive(Default)]
pub struct TestNoPayloadInputOutput {
    test_id: Option<String>,
}

runtime::structure! {
    TestNoPayloadInputOutput = "TestNoPayloadInputOutput";
    #[cfg(any())] serialize;
    deserialize;
    test_id "testId" Opt(Plain) shown: set_test_id(Option<String>), with_test_id(String);
}

runtime::http_input! {
    TestNoPayloadInputOutput: "POST" "/no_payload";
    header test_id "X-Amz-Test-Id" Opt(Text);
}

/// The same input sent by `GET` (`TestGetNoPayload`).
#[derive(Default)]
pub struct TestGetNoPayloadInput {
    test_id: Option<String>,
}

runtime::structure! {
    TestGetNoPayloadInput = "TestNoPayloadInputOutput";
    #[cfg(any())] serialize;
    deserialize;
    test_id "testId" Opt(Plain) shown: set_test_id(Option<String>), with_test_id(String);
}

runtime::http_input! {
    TestGetNoPayloadInput: "GET" "/no_payload";
    header test_id "X-Amz-Test-Id" Opt(Text);
}

#[derive(Default)]
pub struct GreetingWithErrorsOutput {
    greeting: Option<String>,
    metadata: (),
}

runtime::structure! {
    GreetingWithErrorsOutput = "GreetingWithErrorsOutput", metadata;
    serialize;
    #[cfg(any())] deserialize;
    greeting "greeting" Opt(Plain) shown: set_greeting(Option<String>), with_greeting(String);
}

runtime::http_output! {
    GreetingWithErrorsOutput;
    header greeting "X-Greeting" Opt(Text);
}

#[test]
fn media_type_and_lone_headers() {
    assert_eq!(check_both::<MediaTypeHeaderIo>("MediaTypeHeader"), (1, 1));
    assert_eq!(
        check_requests::<TestNoPayloadInputOutput>("TestPostNoPayload"),
        2
    );
    assert_eq!(
        check_requests::<TestGetNoPayloadInput>("TestGetNoPayload"),
        2
    );
    assert_eq!(
        check_responses::<GreetingWithErrorsOutput>("GreetingWithErrors"),
        2
    );
}

#[derive(Default)]
pub struct HttpPrefixHeadersInResponseOutput {
    prefix_headers: Option<HashMap<String, String>>,
    metadata: (),
}

runtime::structure! {
    HttpPrefixHeadersInResponseOutput = "HttpPrefixHeadersInResponseOutput", metadata;
    serialize;
    #[cfg(any())] deserialize;
    prefix_headers "prefixHeaders" Opt(Plain) shown: set_prefix_headers(Option<HashMap<String, String>>), with_prefix_headers(HashMap<String, String>);
}

runtime::http_output! {
    HttpPrefixHeadersInResponseOutput;
    prefix_headers prefix_headers "" Opt(Text);
}

#[test]
fn every_header_under_an_empty_prefix() {
    assert_eq!(
        check_responses::<HttpPrefixHeadersInResponseOutput>("HttpPrefixHeadersInResponse"),
        1
    );
}
