//! The intermediate representation: one service, its operations and the types they reach,
//! with every Rust name and every fact the emitter needs already decided.
use std::collections::BTreeMap;

/// Everything the emitter needs to write one client crate.
#[derive(Debug, Clone)]
pub struct Service {
    /// The service shape's name (`AWSCognitoIdentityProviderService`), prefix of `X-Amz-Target`.
    pub shape_name: String,
    /// The model's `sdkId`.
    pub sdk_id: String,
    /// The crate's package name.
    pub crate_name: String,
    /// The service's title, for the crate docs.
    pub title: String,
    /// The API version.
    pub version: String,
    /// Rustdoc Markdown.
    pub docs: String,
    /// How requests and responses are written.
    pub protocol: Protocol,
    /// `application/x-amz-json-1.0` or `-1.1` (awsJson), `application/json` (restJson1).
    pub content_type: &'static str,
    /// The `aws.auth#sigv4` signing name.
    pub signing_name: Option<String>,
    /// The endpoint rule set, as compact JSON.
    pub endpoint_rules: Option<String>,
    /// Operations in name order.
    pub operations: Vec<Operation>,
    /// Named types (structures, unions, enums) in the `types` module, by Rust name.
    pub types: BTreeMap<String, TypeDef>,
    /// Error structures, by Rust name, in `types::error`.
    pub errors: BTreeMap<String, Structure>,
    /// `aws.protocols#awsQueryCompatible`: requests carry `x-amzn-query-mode: true` and error
    /// codes come from the `x-amzn-query-error` header.
    pub query_compatible: bool,
    /// Operations of the model left out because they need a feature this generator does not
    /// implement, in name order; the crate docs list them and the generator warns.
    pub skipped: Vec<SkippedOperation>,
}

impl Service {
    /// One line per left-out operation, for the generator to print.
    pub fn warnings(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|s| format!("operation {} left out: {}", s.name, s.reason))
            .collect()
    }
}

/// The service's protocol (`aws.protocols#...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `awsJson1_0` or `awsJson1_1`: `POST /`, the operation in `X-Amz-Target`, a JSON body.
    AwsJson,
    /// `restJson1`: the HTTP binding traits place each member in the URI, query, headers or body.
    RestJson1,
}

/// An operation's `@http` trait (restJson1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    /// The method (`GET`).
    pub method: String,
    /// The URI pattern: `/path/{Label}/{Greedy+}?literal=query`.
    pub uri: String,
    /// The status of a successful response.
    pub code: u16,
    /// `@httpChecksumRequired`: requests carry `Content-MD5`.
    pub checksum_required: bool,
    /// `aws.auth#unsignedPayload`: SigV4 signs `UNSIGNED-PAYLOAD`, not the body's hash.
    pub unsigned_payload: bool,
}

/// Where a member travels in a restJson1 request or response; awsJson members are all `Body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// A member of the JSON body (named by [`Member::json_name`] there).
    Body,
    /// `@httpLabel`: a `{Label}` of the URI; `greedy` for `{Label+}`.
    Label {
        /// True for a `{Label+}`, which keeps its `/`.
        greedy: bool,
    },
    /// `@httpQuery("name")`.
    Query(String),
    /// `@httpQueryParams`: a map of query parameters.
    QueryParams,
    /// `@httpHeader("Name")`.
    Header(String),
    /// `@httpPrefixHeaders("prefix")`: a map of headers.
    PrefixHeaders(String),
    /// `@httpPayload`: the member is the whole body.
    Payload,
    /// `@httpResponseCode`: the response's status.
    ResponseCode,
}

/// An operation of the model that is not generated.
#[derive(Debug, Clone)]
pub struct SkippedOperation {
    /// The operation's shape name.
    pub name: String,
    /// Why, naming the trait or shape that needs the missing feature.
    pub reason: String,
}

/// One operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operation's shape name (`ConfirmForgotPassword`), as the wire and the docs name it.
    pub name: String,
    /// The Rust name prefixing its `Input`, `Output` and `Error` types: the shape name where it
    /// is already UpperCamelCase, and unique among the service's operations.
    pub rust_name: String,
    /// Module and client method name (`confirm_forgot_password`).
    pub snake: String,
    /// The operation's error enum (`<rust_name>Error`).
    pub error_name: String,
    /// Rustdoc Markdown.
    pub docs: String,
    /// False when the effective auth is `@auth([])`.
    pub signed: bool,
    /// `@deprecated` message.
    pub deprecated: Option<String>,
    /// The input structure, named `<rust_name>Input`.
    pub input: Structure,
    /// The output structure, named `<rust_name>Output`.
    pub output: Structure,
    /// The errors the operation lists (and the service's common errors), in name order.
    pub errors: Vec<ErrorRef>,
    /// `@paginated`: (input token, output token, items, page size) member names.
    pub paginated: Option<Pagination>,
    /// `@endpoint` `hostPrefix` (`foo.{label}.`).
    pub host_prefix: Option<String>,
    /// The input's `@hostLabel` members the host prefix names, in template order.
    pub host_labels: Vec<HostLabel>,
    /// `@requestCompression` lists gzip.
    pub request_compression: bool,
    /// `smithy.waiters#waitable`: the waiters polling this operation, in name order.
    pub waiters: Vec<Waiter>,
    /// `@http` (restJson1 only).
    pub http: Option<Http>,
}

/// A waiter (`smithy.waiters#waitable`), polling its operation until an acceptor matches.
#[derive(Debug, Clone)]
pub struct Waiter {
    /// The waiter's name in the model (`TableExists`).
    pub name: String,
    /// The client method (`wait_until_table_exists`).
    pub method: String,
    /// The static holding its `WaiterSpec` (`WAITER_TABLE_EXISTS`).
    pub spec: String,
    /// Rustdoc Markdown.
    pub docs: String,
    /// `minDelay` in seconds (2 when the model leaves it out).
    pub min_delay: u64,
    /// `maxDelay` in seconds (120 when the model leaves it out).
    pub max_delay: u64,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The acceptors in model order.
    pub acceptors: Vec<Acceptor>,
}

/// One acceptor of a waiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptor {
    /// `success`, `failure` or `retry`.
    pub state: WaiterState,
    /// What it matches.
    pub matcher: WaiterMatcher,
}

/// A waiter state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiterState {
    /// `success`.
    Success,
    /// `failure`.
    Failure,
    /// `retry`.
    Retry,
}

/// What an acceptor matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaiterMatcher {
    /// `output`: a JMESPath over the output (checked against the supported subset).
    Output(PathMatcher),
    /// `inputOutput`: a JMESPath over `{"input": ..., "output": ...}`.
    InputOutput(PathMatcher),
    /// `success`.
    Success(bool),
    /// `errorType`: the error's shape name.
    ErrorType(String),
}

/// A path matcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMatcher {
    /// The JMESPath expression.
    pub path: String,
    /// The expected value.
    pub expected: String,
    /// The comparator.
    pub comparator: Comparator,
}

/// A waiter comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// `stringEquals`.
    StringEquals,
    /// `booleanEquals`.
    BooleanEquals,
    /// `allStringEquals`.
    AllStringEquals,
    /// `anyStringEquals`.
    AnyStringEquals,
}

/// An input member whose value fills a `{label}` of the host prefix.
#[derive(Debug, Clone)]
pub struct HostLabel {
    /// The label in the template, the member's name.
    pub name: String,
    /// The input's field holding it (a `String`).
    pub field: String,
    /// True when the field is an `Option<String>`.
    pub optional: bool,
}

/// Pagination facts from `@paginated`, as member wire names.
#[derive(Debug, Clone, Default)]
pub struct Pagination {
    /// The client method returning the paginator (`list_users_paginator`).
    pub method: String,
    /// The input member carrying the token.
    pub input_token: Option<String>,
    /// The output member carrying the next token.
    pub output_token: Option<String>,
    /// The output member with the items.
    pub items: Option<String>,
    /// The input member with the page size.
    pub page_size: Option<String>,
}

/// An error an operation can return.
#[derive(Debug, Clone)]
pub struct ErrorRef {
    /// The variant name in the operation's error enum.
    pub variant: String,
    /// The error structure's Rust name in `types::error`.
    pub type_name: String,
    /// The wire code (the shape name).
    pub code: String,
    /// The `is_x()` helper name.
    pub predicate: String,
}

/// A named type in `types`.
#[derive(Debug, Clone)]
pub enum TypeDef {
    /// A structure.
    Structure(Structure),
    /// A union: exactly one member set.
    Union(Structure),
    /// A string or int enum.
    Enum(Enum),
}

impl TypeDef {
    /// The Rust type name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Structure(s) | TypeDef::Union(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
        }
    }
    /// The module (file stem) declaring it in `types/`.
    pub fn module(&self) -> &str {
        match self {
            TypeDef::Structure(s) | TypeDef::Union(s) => &s.module,
            TypeDef::Enum(e) => &e.module,
        }
    }
}

/// A structure (also inputs, outputs, errors and unions).
#[derive(Debug, Clone)]
pub struct Structure {
    /// The Rust type name.
    pub name: String,
    /// The module (file stem) declaring it: `types/<module>.rs`, `types/error/<module>.rs`,
    /// or for an operation's input and output, `operation/<module>.rs`.
    pub module: String,
    /// The shape name in the model.
    pub shape_name: String,
    /// Rustdoc Markdown.
    pub docs: String,
    /// Members in model order.
    pub members: Vec<Member>,
    /// Set for `@error` structures.
    pub error: Option<ErrorInfo>,
    /// `@deprecated` message.
    pub deprecated: Option<String>,
}

/// Facts of an `@error` structure.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// `client` or `server`.
    pub fault: String,
    /// `@httpError`.
    pub http_status: Option<u16>,
    /// `@retryable`.
    pub retryable: bool,
    /// The wire name of the `message` member (any case), which the structure leaves out:
    /// its value is the error metadata's message.
    pub message_member: Option<String>,
}

/// A member of a structure or union.
#[derive(Debug, Clone)]
pub struct Member {
    /// The name on the wire (the model's member name).
    pub wire_name: String,
    /// The Rust name: a structure's field (and getter), snake case (a keyword is emitted
    /// raw), or a union's variant, UpperCamelCase.
    pub field: String,
    /// Rustdoc Markdown.
    pub docs: String,
    /// The Rust type of the value (without the `Option` an optional member adds).
    pub ty: RustType,
    /// `@required` without a usable default: a constructor argument, never `None`.
    pub required: bool,
    /// A zero `@default`: always present, `Default::default()` when absent on the wire.
    pub zero_default: bool,
    /// The model's `@default`, as JSON text, for the docs.
    pub default_doc: Option<String>,
    /// `@sensitive` on the member, its target, or the elements of its list or map.
    pub sensitive: bool,
    /// Boxed to break a recursive containment.
    pub boxed: bool,
    /// Constraints in words (`length 1..=128`, `pattern ...`), for the docs.
    pub constraints: Vec<String>,
    /// `@deprecated` message.
    pub deprecated: Option<String>,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// `@timestampFormat` of the timestamps in the value (on the member, else on its target,
    /// or on the list member or map value that holds them); `None` for the protocol's default.
    pub timestamp_format: Option<TimestampFormat>,
    /// Where the member travels (restJson1); `Body` for every awsJson member.
    pub binding: Binding,
    /// `@jsonName` (restJson1): the member's key in a JSON body, when not its name.
    pub json_name: Option<String>,
    /// A string whose target has `@mediaType("application/json")` (base64 in a header).
    pub json_media_type: bool,
    /// A `@streaming` blob whose target has `@requiresLength`: sent only with a known length.
    pub requires_length: bool,
}

impl Member {
    /// The member's key in a JSON body and in the structure's serde.
    pub fn json_key(&self) -> &str {
        self.json_name.as_deref().unwrap_or(&self.wire_name)
    }
}

/// How timestamps are spelled on the wire (`@timestampFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `epoch-seconds`: a JSON number.
    EpochSeconds,
    /// `date-time`: RFC 3339 text.
    DateTime,
    /// `http-date`: IMF-fixdate text.
    HttpDate,
}

impl Member {
    /// True when the field is an `Option`.
    pub fn is_optional(&self) -> bool {
        !self.required && !self.zero_default
    }
}

/// A string enum or an intEnum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// The Rust type name.
    pub name: String,
    /// The module (file stem) declaring it: `types/<module>.rs`.
    pub module: String,
    /// Rustdoc Markdown.
    pub docs: String,
    /// True for an intEnum.
    pub int: bool,
    /// Variants in model order.
    pub variants: Vec<Variant>,
    /// `@deprecated` message.
    pub deprecated: Option<String>,
}

/// One enum value.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire: a string, or an integer's decimal text for an intEnum.
    pub value: String,
    /// Rustdoc Markdown.
    pub docs: String,
    /// `@deprecated` message.
    pub deprecated: Option<String>,
}

/// The Rust type of a member's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i8`.
    I8,
    /// `i16`.
    I16,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// bigInteger and bigDecimal: `serde_json::Number` keeps every digit.
    BigNumber,
    /// The runtime's `Blob`.
    Blob,
    /// A `@streaming` blob (always a restJson1 `@httpPayload`): the runtime's `ByteStream`.
    ByteStream,
    /// The runtime's `DateTime`.
    Timestamp,
    /// The runtime's `Document`.
    Document,
    /// A structure, union or enum in `types`, by Rust name.
    Named(String),
    /// An `@error` structure used as a member, by Rust name in `types::error`.
    NamedError(String),
    /// A list; `true` when sparse (elements may be null).
    List(Box<RustType>, bool),
    /// A map with string keys; `true` when sparse.
    Map(Box<RustType>, bool),
}

impl Service {
    /// True when an operation gzips its requests (`@requestCompression`).
    pub fn uses_request_compression(&self) -> bool {
        self.operations.iter().any(|op| op.request_compression)
    }
}

impl RustType {
    /// True for types passed by value in getters.
    pub fn is_copy(&self) -> bool {
        matches!(
            self,
            RustType::Bool
                | RustType::I8
                | RustType::I16
                | RustType::I32
                | RustType::I64
                | RustType::F32
                | RustType::F64
                | RustType::Timestamp
        )
    }
}

impl Service {
    /// Every name the emitter turns into an identifier token, with what it names, so a caller
    /// can check them all (each must be a [`crate::naming::is_identifier`]) before emitting.
    pub fn identifiers(&self) -> Vec<(String, &str)> {
        let mut names = Vec::new();
        for op in &self.operations {
            let owner = format!("operation {}", op.name);
            // It prefixes the Input, Output and Error types.
            names.push((owner.clone(), op.rust_name.as_str()));
            names.push((owner.clone(), op.snake.as_str()));
            names.push((owner.clone(), op.error_name.as_str()));
            names.extend(
                op.paginated
                    .iter()
                    .map(|p| (owner.clone(), p.method.as_str())),
            );
            for e in &op.errors {
                names.push((owner.clone(), e.variant.as_str()));
                names.push((owner.clone(), e.type_name.as_str()));
                names.push((owner.clone(), e.predicate.as_str()));
            }
            names.extend(
                op.host_labels
                    .iter()
                    .map(|l| (owner.clone(), l.field.as_str())),
            );
            names.extend(op.waiters.iter().flat_map(|w| {
                [&w.method, &w.spec].map(|n| (format!("waiter {}", w.name), n.as_str()))
            }));
            structure_identifiers(&op.input, &mut names);
            structure_identifiers(&op.output, &mut names);
        }
        for def in self.types.values() {
            match def {
                TypeDef::Structure(s) | TypeDef::Union(s) => structure_identifiers(s, &mut names),
                TypeDef::Enum(e) => {
                    let owner = format!("enum {}", e.name);
                    names.push((owner.clone(), e.name.as_str()));
                    names.push((owner.clone(), e.module.as_str()));
                    names.extend(e.variants.iter().map(|v| (owner.clone(), v.name.as_str())));
                }
            }
        }
        for s in self.errors.values() {
            structure_identifiers(s, &mut names);
        }
        names
    }
}

fn structure_identifiers<'a>(s: &'a Structure, names: &mut Vec<(String, &'a str)>) {
    let owner = format!("structure {}", s.shape_name);
    names.push((owner.clone(), s.name.as_str()));
    names.push((owner.clone(), s.module.as_str()));
    names.extend(s.members.iter().map(|m| (owner.clone(), m.field.as_str())));
}
