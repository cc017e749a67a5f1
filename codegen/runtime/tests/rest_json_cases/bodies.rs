//! JSON bodies and payloads.
use super::*;
use runtime::types::Blob;

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

http_both! {
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

http_both! {
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

#[test]
fn json_bodies() {
    assert_eq!(
        check_both::<SimpleScalarPropertiesIo>("SimpleScalarProperties"),
        (5, 5)
    );
    assert_eq!(check_both::<JsonTimestampsIo>("JsonTimestamps"), (7, 7));
}

#[derive(Default)]
pub struct HttpPayloadTraitsInputOutput {
    foo: Option<String>,
    blob: Option<Blob>,
    metadata: (),
}

runtime::structure! {
    HttpPayloadTraitsInputOutput = "HttpPayloadTraitsInputOutput", metadata;
    serialize;
    deserialize;
    foo "foo" Opt(Plain) shown: set_foo(Option<String>), with_foo(String);
    blob "blob" Opt(Plain) shown: set_blob(Option<Blob>), with_blob(Blob);
}

http_both! {
    HttpPayloadTraitsInputOutput: "POST" "/HttpPayloadTraits";
    header foo "X-Foo" Opt(Text);
    payload blob Opt(Blob);
}

#[derive(Default)]
pub struct TestPayloadBlobInputOutput {
    content_type: Option<String>,
    data: Option<Blob>,
}

runtime::structure! {
    TestPayloadBlobInputOutput = "TestPayloadBlobInputOutput";
    #[cfg(any())] serialize;
    deserialize;
    content_type "contentType" Opt(Plain) shown: set_content_type(Option<String>), with_content_type(String);
    data "data" Opt(Plain) shown: set_data(Option<Blob>), with_data(Blob);
}

runtime::http_input! {
    TestPayloadBlobInputOutput: "POST" "/blob_payload";
    header content_type "Content-Type" Opt(Text);
    payload data Opt(Blob);
}

#[derive(Default)]
pub struct StringPayloadInput {
    payload: Option<String>,
    metadata: (),
}

runtime::structure! {
    StringPayloadInput = "StringPayloadInput", metadata;
    serialize;
    deserialize;
    payload "payload" Opt(Plain) shown: set_payload(Option<String>), with_payload(String);
}

http_both! {
    StringPayloadInput: "POST" "/StringPayload";
    payload payload Opt(Text);
}

#[derive(Debug, Clone, PartialEq)]
pub enum StringEnum {
    V,
    Unknown(String),
}

runtime::string_enum! {
    StringEnum;
    V = "enumvalue",
}

#[derive(Default)]
pub struct EnumPayloadInput {
    payload: Option<StringEnum>,
    metadata: (),
}

runtime::structure! {
    EnumPayloadInput = "EnumPayloadInput", metadata;
    serialize;
    deserialize;
    payload "payload" Opt(Plain) shown: set_payload(Option<StringEnum>), with_payload(StringEnum);
}

http_both! {
    EnumPayloadInput: "POST" "/EnumPayload";
    payload payload Opt(Enum);
}

#[test]
fn blob_text_and_enum_payloads() {
    let fix_blob = |value: &mut Value| text_to_base64(value, "blob");
    assert_eq!(
        check_requests_with::<HttpPayloadTraitsInputOutput>("HttpPayloadTraits", fix_blob),
        2
    );
    assert_eq!(
        check_responses_with::<HttpPayloadTraitsInputOutput>("HttpPayloadTraits", fix_blob),
        2
    );
    let fix_data = |value: &mut Value| text_to_base64(value, "data");
    assert_eq!(
        check_requests_with::<TestPayloadBlobInputOutput>("TestPayloadBlob", fix_data),
        2
    );
    assert_eq!(
        check_both::<StringPayloadInput>("HttpStringPayload"),
        (1, 1)
    );
    assert_eq!(check_both::<EnumPayloadInput>("HttpEnumPayload"), (1, 1));
}

#[derive(Default, Clone)]
pub struct NestedPayload {
    greeting: Option<String>,
    name: Option<String>,
}

runtime::structure! {
    NestedPayload = "NestedPayload";
    serialize;
    deserialize;
    greeting "greeting" Opt(Plain) shown: set_greeting(Option<String>), with_greeting(String);
    name "name" Opt(Plain) shown: set_name(Option<String>), with_name(String);
}

#[derive(Default)]
pub struct HttpPayloadWithStructureInputOutput {
    nested: Option<NestedPayload>,
    metadata: (),
}

runtime::structure! {
    HttpPayloadWithStructureInputOutput = "HttpPayloadWithStructureInputOutput", metadata;
    serialize;
    deserialize;
    nested "nested" Opt(Plain) shown: set_nested(Option<NestedPayload>), with_nested(NestedPayload);
}

http_both! {
    HttpPayloadWithStructureInputOutput: "PUT" "/HttpPayloadWithStructure";
    payload nested Opt(Structure);
}

#[derive(Clone)]
pub enum UnionPayload {
    Greeting(String),
    Unknown,
}

runtime::union! {
    UnionPayload;
    Greeting "greeting" Plain shown,
}

#[derive(Default)]
pub struct HttpPayloadWithUnionInputOutput {
    nested: Option<UnionPayload>,
    metadata: (),
}

runtime::structure! {
    HttpPayloadWithUnionInputOutput = "HttpPayloadWithUnionInputOutput", metadata;
    serialize;
    deserialize;
    nested "nested" Opt(Plain) shown: set_nested(Option<UnionPayload>), with_nested(UnionPayload);
}

http_both! {
    HttpPayloadWithUnionInputOutput: "PUT" "/HttpPayloadWithUnion";
    payload nested Opt(Json);
}

#[derive(Default, Clone)]
pub struct PayloadConfig {
    data: Option<i32>,
}

runtime::structure! {
    PayloadConfig = "PayloadConfig";
    serialize;
    deserialize;
    data "data" Opt(Plain) shown: set_data(Option<i32>), with_data(i32);
}

#[derive(Default)]
pub struct TestPayloadStructureInputOutput {
    test_id: Option<String>,
    payload_config: Option<PayloadConfig>,
}

runtime::structure! {
    TestPayloadStructureInputOutput = "TestPayloadStructureInputOutput";
    #[cfg(any())] serialize;
    deserialize;
    test_id "testId" Opt(Plain) shown: set_test_id(Option<String>), with_test_id(String);
    payload_config "payloadConfig" Opt(Plain) shown: set_payload_config(Option<PayloadConfig>), with_payload_config(PayloadConfig);
}

runtime::http_input! {
    TestPayloadStructureInputOutput: "POST" "/payload";
    header test_id "x-amz-test-id" Opt(Text);
    payload payload_config Opt(Structure);
}

#[test]
fn structure_and_union_payloads() {
    assert_eq!(
        check_both::<HttpPayloadWithStructureInputOutput>("HttpPayloadWithStructure"),
        (1, 1)
    );
    assert_eq!(
        check_both::<HttpPayloadWithUnionInputOutput>("HttpPayloadWithUnion"),
        (2, 2)
    );
    assert_eq!(
        check_requests::<TestPayloadStructureInputOutput>("TestPayloadStructure"),
        3
    );
}

#[derive(Default)]
pub struct HttpResponseCodeOutput {
    status: Option<i32>,
    metadata: (),
}

runtime::structure! {
    HttpResponseCodeOutput = "HttpResponseCodeOutput", metadata;
    serialize;
    #[cfg(any())] deserialize;
    status "Status" Opt(Plain) shown: set_status(Option<i32>), with_status(i32);
}

runtime::http_output! {
    HttpResponseCodeOutput;
    status status Opt;
}

#[derive(Default)]
pub struct HttpChecksumRequiredInputOutput {
    foo: Option<String>,
}

runtime::structure! {
    HttpChecksumRequiredInputOutput = "HttpChecksumRequiredInputOutput";
    #[cfg(any())] serialize;
    deserialize;
    foo "foo" Opt(Plain) shown: set_foo(Option<String>), with_foo(String);
}

runtime::http_input! {
    HttpChecksumRequiredInputOutput: "POST" "/HttpChecksumRequired";
    checksum_required;
    body {
        foo "foo" Opt(Plain);
    }
}

#[test]
fn status_code_and_checksum() {
    assert_eq!(
        check_responses::<HttpResponseCodeOutput>("HttpResponseCode"),
        2
    );
    assert_eq!(
        check_requests::<HttpChecksumRequiredInputOutput>("HttpChecksumRequired"),
        1
    );
}

#[derive(Default, Clone)]
pub struct TestConfig {
    timeout: Option<i32>,
}

runtime::structure! {
    TestConfig = "TestConfig";
    serialize;
    deserialize;
    timeout "timeout" Opt(Plain) shown: set_timeout(Option<i32>), with_timeout(i32);
}

#[derive(Default)]
pub struct TestBodyStructureInputOutput {
    test_id: Option<String>,
    test_config: Option<TestConfig>,
}

runtime::structure! {
    TestBodyStructureInputOutput = "TestBodyStructureInputOutput";
    #[cfg(any())] serialize;
    deserialize;
    test_id "testId" Opt(Plain) shown: set_test_id(Option<String>), with_test_id(String);
    test_config "testConfig" Opt(Plain) shown: set_test_config(Option<TestConfig>), with_test_config(TestConfig);
}

runtime::http_input! {
    TestBodyStructureInputOutput: "POST" "/body";
    header test_id "x-amz-test-id" Opt(Text);
    body {
        test_config "testConfig" Opt(Plain);
    }
}

#[derive(Default)]
pub struct NoMembers {
    metadata: (),
}

runtime::structure! {
    NoMembers = "NoMembers", metadata;
    serialize;
    deserialize;
}

runtime::http_output! {
    NoMembers;
}

#[test]
fn nested_body_structures_and_outputs_without_members() {
    assert_eq!(
        check_requests::<TestBodyStructureInputOutput>("TestBodyStructure"),
        2
    );
    for operation in [
        "NoInputAndOutput",
        "EmptyInputAndEmptyOutput",
        "UnitInputAndOutput",
    ] {
        assert!(check_responses::<NoMembers>(operation) > 0);
    }
}

#[derive(Default)]
pub struct DocumentTypeAsPayloadInputOutput {
    document_value: Option<runtime::types::Document>,
    metadata: (),
}

runtime::structure! {
    DocumentTypeAsPayloadInputOutput = "DocumentTypeAsPayloadInputOutput", metadata;
    serialize;
    deserialize;
    document_value "documentValue" Opt(Plain) shown: set_document_value(Option<runtime::types::Document>), with_document_value(runtime::types::Document);
}

http_both! {
    DocumentTypeAsPayloadInputOutput: "PUT" "/DocumentTypeAsPayload";
    payload document_value Opt(Json);
}

#[test]
fn document_payloads() {
    assert_eq!(
        check_both::<DocumentTypeAsPayloadInputOutput>("DocumentTypeAsPayload"),
        (2, 2)
    );
}
