//! restJson1: an input becomes a method, a path with labels, a query, headers and a JSON (or
//! payload) body; a response's headers, status and body become the output. Errors are read as
//! awsJson reads them ([`super::aws_json::error_metadata`]).
//!
//! A generated operation states its bindings with [`http_input!`] and [`http_output!`], which
//! implement [`HttpInput`] and [`HttpOutput`] through the builders here ([`Request`],
//! [`Response`]). What differs between members is chosen by naming a type of this module in
//! the line, as in `shape.rs`: the text codec of a bound member ([`Text`], [`Int`], ...,
//! `List<C>`, see [`TextCodec`] and [`Values`]) and the kind of a payload ([`Blob`], [`Text`],
//! [`Enum`], [`Json`], [`Structure`], see [`Payload`]).
// Each codec, payload kind and helper serves only the models whose members need it, and
// awsJson models none of them.
#![allow(dead_code)]
mod headers;
mod md5;
mod payload;
mod request;
mod response;
mod text;
mod uri;

// What generated code names; a model uses only some of it.
#[allow(unused_imports)]
pub use md5::content_md5;
#[allow(unused_imports)]
pub use payload::{Blob, Json, Payload, SizedStream, Stream, Structure};
#[allow(unused_imports)]
pub use request::Request;
#[allow(unused_imports)]
pub use response::{finished, read_body, Response};
#[allow(unused_imports)]
pub use text::{
    Base64, Bool, DateTime, Enum, EpochSeconds, Float, HttpDate, Int, IntEnum, JsonBase64, List,
    Text, TextCodec, Values,
};

use crate::runtime::client::Runtime;
use crate::runtime::error::{Error, ResponseError};
use crate::runtime::operation::{OperationError, OperationOutput, OperationSpec, ResponseMetadata};
use crate::runtime::shape::{Def, Opt, OptBox, Req, ReqBox};
use crate::runtime::stream::ByteStream;
use bytes::Bytes;
use http::header::HeaderMap;

pub use crate::runtime::client::Encoded;

/// An operation input that restJson1 can send ([`http_input!`] implements it).
pub trait HttpInput {
    /// The request's method, target, headers and body; the error names the member at fault
    /// (an empty label, a header value that cannot be sent, a timestamp a format cannot spell).
    fn encode(&self) -> Result<Encoded, String>;
}

/// An operation output that restJson1 can read ([`http_output!`] implements it). Its
/// `metadata` is left at its default: the pipeline sets it.
pub trait HttpOutput: Sized {
    /// Reads the output from a successful response.
    fn from_response(response: &Response<'_>) -> Result<Self, String>;

    /// Reads the output from a successful response read whole.
    fn from_http(status: u16, headers: &HeaderMap, body: &[u8]) -> Result<Self, String> {
        Self::from_response(&Response::new(status, headers, body))
    }
}

// Reading a bound member out of its field, whatever the field's presence (labels and headers
// need the value, not how the structure stores it). Beside the rest of the presences'
// behaviour in `shape.rs`, but only restJson1 uses it.
impl Req {
    /// The value of a bound member: always there.
    pub fn bound<T>(value: &T) -> Option<&T> {
        Some(value)
    }
}

impl Def {
    /// The value of a bound member: always there (its default is sent too).
    pub fn bound<T>(value: &T) -> Option<&T> {
        Some(value)
    }
}

impl Opt {
    /// The value of a bound member, if set.
    pub fn bound<T>(value: &Option<T>) -> Option<&T> {
        value.as_ref()
    }
}

impl ReqBox {
    /// The value of a bound member: always there.
    #[allow(clippy::borrowed_box)] // the field is a `Box`
    pub fn bound<T>(value: &Box<T>) -> Option<&T> {
        Some(value)
    }
}

impl OptBox {
    /// The value of a bound member, if set.
    pub fn bound<T>(value: &Option<Box<T>>) -> Option<&T> {
        value.as_deref()
    }
}

impl Runtime {
    /// Calls the restJson1 operation `op` with `input`: the request its bindings make, signed
    /// unless the operation is unsigned, sent with retries and timeouts; the output or the
    /// error parsed. `labels` fill the `@endpoint` host prefix, as in
    /// [`Runtime::call_with_host_labels`].
    ///
    /// Must run inside a Tokio runtime with its time and IO drivers enabled (`#[tokio::main]`
    /// has both); without them the call fails with [`Error::Construction`] naming the
    /// missing `enable_*`.
    pub async fn call_rest_json<I, O, E>(
        &self,
        op: &'static OperationSpec,
        input: &I,
        labels: &[(&str, &str)],
    ) -> Result<O, Error<E>>
    where
        I: HttpInput + ?Sized,
        O: HttpOutput + OperationOutput,
        E: OperationError,
    {
        let encoded = input.encode().map_err(|e| format!("{}: {e}", op.name));
        self.send(op, encoded, labels, parse_output::<O, E>).await
    }

    /// [`Runtime::call_rest_json`] for an operation whose output has a `@streaming` payload:
    /// the output is returned once the response's head arrives, its payload the body, unread.
    pub async fn call_rest_json_streaming<I, O, E>(
        &self,
        op: &'static OperationSpec,
        input: &I,
        labels: &[(&str, &str)],
    ) -> Result<O, Error<E>>
    where
        I: HttpInput + ?Sized,
        O: HttpOutput + OperationOutput,
        E: OperationError,
    {
        let encoded = input.encode().map_err(|e| format!("{}: {e}", op.name));
        self.send(op, encoded, labels, parse_streamed::<O, E>).await
    }
}

/// [`parse_output`] for an output whose payload streams: the body goes to it unread.
pub(crate) fn parse_streamed<O: HttpOutput + OperationOutput, E>(
    op: &OperationSpec,
    request_id: Option<String>,
    response: http::Response<ByteStream>,
    attempt: u32,
) -> Result<O, Error<E>> {
    let status = response.status().as_u16();
    let (parts, body) = response.into_parts();
    let read = O::from_response(&Response::streamed(status, &parts.headers, body));
    finish_output(
        op.name,
        request_id,
        status,
        parts.headers,
        Bytes::new(),
        read,
        attempt,
    )
}

/// Parses a successful response into `O` (its headers then move into the output's metadata,
/// no copy); a response that does not fit is a [`ResponseError`] as in awsJson, its message
/// without the quoted values (which may be secrets).
pub(crate) fn parse_output<O: HttpOutput + OperationOutput, E>(
    op: &OperationSpec,
    request_id: Option<String>,
    response: http::Response<Bytes>,
    attempt: u32,
) -> Result<O, Error<E>> {
    parse_named(op.name, request_id, response, attempt)
}

/// [`parse_output`] for the operation named `op_name`.
fn parse_named<O: HttpOutput + OperationOutput, E>(
    op_name: &str,
    request_id: Option<String>,
    response: http::Response<Bytes>,
    attempt: u32,
) -> Result<O, Error<E>> {
    let status = response.status().as_u16();
    let (parts, body) = response.into_parts();
    let read = O::from_http(status, &parts.headers, &body);
    finish_output(
        op_name,
        request_id,
        status,
        parts.headers,
        body,
        read,
        attempt,
    )
}

/// The output read, with its metadata; or the [`ResponseError`] saying why it could not be.
fn finish_output<O: OperationOutput, E>(
    op_name: &str,
    request_id: Option<String>,
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    read: Result<O, String>,
    attempt: u32,
) -> Result<O, Error<E>> {
    let mut output = match read {
        Ok(output) => output,
        Err(e) => {
            let message = format!(
                "the {op_name} response {}",
                super::aws_json::redact_quoted(&e)
            );
            let mut error = ResponseError::new(status, request_id, message);
            error.set_response(headers, body);
            error.attempts = attempt;
            return Err(Error::Response(error));
        }
    };
    output.set_metadata(ResponseMetadata {
        status,
        request_id,
        headers,
    });
    Ok(output)
}

/// An input's [`HttpInput`]: its `@http` method and URI pattern, then one line per bound
/// member, in any order, and the body:
///
/// ```text
/// Name: "METHOD" "/uri/{Label}/{Greedy+}?literal=1&flag";
/// label field "Label" Codec;                     // {Label}: required, never Option
/// greedy_label field "Greedy" Codec;             // {Greedy+}: keeps '/'
/// query field "name" Presence(Codec);            // @httpQuery
/// query_params field Presence(Codec);            // @httpQueryParams: map of Codec values
/// header field "X-Name" Presence(Codec);         // @httpHeader
/// prefix_headers field "x-prefix-" Presence(Codec); // @httpPrefixHeaders: map of Codec values
/// body { field "wire" Presence(ShapeCodec); ... } // the other members, one JSON object
/// payload field Presence(Kind);                  // or @httpPayload: the whole body
/// checksum_required;                             // @httpChecksumRequired: adds Content-MD5
/// unsigned_payload;                              // aws.auth#unsignedPayload: no body hash
/// ```
///
/// `Presence` is `shape.rs`'s `Req`, `Opt`, `Def` (`ReqBox`, `OptBox`); `Codec` one of
/// `Text Int Bool Float Enum IntEnum DateTime HttpDate EpochSeconds Base64 JsonBase64` or
/// `List<C>` of one; `ShapeCodec` one of `shape.rs`'s (`Plain Float DateTimeText
/// HttpDateText`); `Kind` one of `Blob Stream SizedStream Text Enum Json Structure`
/// (`Stream`: a `@streaming` blob, a [`ByteStream`]; `SizedStream`: one with
/// `@requiresLength`; `Json`: a union or document, unset sends no body;
/// `Structure`: unset sends `{}`). At most one of `body` and
/// `payload`; with neither, the request has no body.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[allow(unused_macros)] // a model may have no restJson1 operation
macro_rules! http_input {
    ($name:ident: $method:literal $uri:literal; $($lines:tt)*) => {
        impl $crate::runtime::protocol::rest_json::HttpInput for $name {
            fn encode(&self) -> ::std::result::Result<$crate::runtime::protocol::rest_json::Encoded, ::std::string::String> {
                #[allow(unused_variables)] // an input with no bound members
                let input = self;
                #[allow(unused_mut)] // an input with no bound members
                let mut request = $crate::runtime::protocol::rest_json::Request::new($method, $uri);
                $crate::runtime::protocol::rest_json::http_input!(@lines $name input request $($lines)*);
                request.finish()
            }
        }
    };
    (@lines $name:ident $input:ident $request:ident) => {};
    (@lines $name:ident $input:ident $request:ident
        label $field:ident $wire:literal $codec:ident; $($rest:tt)*) => {
        $request.label::<$crate::runtime::protocol::rest_json::$codec, _>(
            $wire, $crate::runtime::protocol::rest_json::http_input!(@member $name $field), &$input.$field, false)?;
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident
        greedy_label $field:ident $wire:literal $codec:ident; $($rest:tt)*) => {
        $request.label::<$crate::runtime::protocol::rest_json::$codec, _>(
            $wire, $crate::runtime::protocol::rest_json::http_input!(@member $name $field), &$input.$field, true)?;
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident
        query $field:ident $wire:literal $presence:ident($codec:ident $(<$item:ident>)?); $($rest:tt)*) => {
        $request.query::<$crate::runtime::protocol::rest_json::$codec $(<$crate::runtime::protocol::rest_json::$item>)?, _>(
            $wire,
            $crate::runtime::protocol::rest_json::http_input!(@member $name $field),
            $crate::runtime::shape::$presence::bound(&$input.$field),
        )?;
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident
        query_params $field:ident $presence:ident($codec:ident $(<$item:ident>)?); $($rest:tt)*) => {
        $request.query_params::<$crate::runtime::protocol::rest_json::$codec $(<$crate::runtime::protocol::rest_json::$item>)?, _, _>(
            $crate::runtime::protocol::rest_json::http_input!(@member $name $field),
            $crate::runtime::shape::$presence::bound(&$input.$field),
        )?;
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident
        header $field:ident $wire:literal $presence:ident($codec:ident $(<$item:ident>)?); $($rest:tt)*) => {
        $request.header::<$crate::runtime::protocol::rest_json::$codec $(<$crate::runtime::protocol::rest_json::$item>)?, _>(
            $wire,
            $crate::runtime::protocol::rest_json::http_input!(@member $name $field),
            $crate::runtime::shape::$presence::bound(&$input.$field),
        )?;
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident
        prefix_headers $field:ident $wire:literal $presence:ident($codec:ident $(<$item:ident>)?); $($rest:tt)*) => {
        $request.prefix_headers::<$crate::runtime::protocol::rest_json::$codec $(<$crate::runtime::protocol::rest_json::$item>)?, _, _>(
            $wire,
            $crate::runtime::protocol::rest_json::http_input!(@member $name $field),
            $crate::runtime::shape::$presence::bound(&$input.$field),
        )?;
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident
        payload $field:ident $presence:ident($kind:ident); $($rest:tt)*) => {
        $request.payload::<$crate::runtime::protocol::rest_json::$kind, _>(
            $crate::runtime::protocol::rest_json::http_input!(@member $name $field),
            $crate::runtime::shape::$presence::bound(&$input.$field),
        )?;
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident
        body { $($field:ident $wire:literal $presence:ident($codec:ident);)* } $($rest:tt)*) => {
        {
            // The body members' serde; a name no input has, so it cannot shadow `$name`.
            struct JsonBodyView<'a>(&'a $name);
            impl ::serde::Serialize for JsonBodyView<'_> {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    #[allow(unused_mut)] // a body with no members writes none
                    let mut state = ::serde::Serializer::serialize_struct(serializer, stringify!($name), <[&str]>::len(&[$($wire),*]))?;
                    $($crate::runtime::shape::$presence::write(&mut state, $wire, &self.0.$field, &$crate::runtime::shape::$codec)?;)*
                    ::serde::ser::SerializeStruct::end(state)
                }
            }
            $request.json_body(stringify!($name), &JsonBodyView($input))?;
        }
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident checksum_required; $($rest:tt)*) => {
        $request.checksum_required();
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@lines $name:ident $input:ident $request:ident unsigned_payload; $($rest:tt)*) => {
        $request.unsigned_payload();
        $crate::runtime::protocol::rest_json::http_input!(@lines $name $input $request $($rest)*);
    };
    (@member $name:ident $field:ident) => {
        concat!(stringify!($name), ".", $crate::runtime::shape::bare_name!($field))
    };
}

/// An output's [`HttpOutput`]: one line per member bound to the response, in any order, and
/// the body:
///
/// ```text
/// Name;
/// header field "X-Name" Presence(Codec);            // @httpHeader
/// prefix_headers field "x-prefix-" Presence(Codec); // @httpPrefixHeaders ("" takes every header)
/// status field Presence;                            // @httpResponseCode (i32)
/// body { field "wire" Presence(ShapeCodec); ... }    // the other members, from a JSON object
/// payload field Presence(Kind);                     // or @httpPayload: the whole body
/// ```
///
/// The tokens are [`http_input!`]'s. The struct's `metadata` field is left at its default.
/// A required member missing from the response gets `shape.rs`'s error correction.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[allow(unused_macros)] // a model may have no restJson1 operation
macro_rules! http_output {
    ($name:ident; $($lines:tt)*) => {
        impl $crate::runtime::protocol::rest_json::HttpOutput for $name {
            fn from_response(
                #[allow(unused_variables)] // an output with no members reads nothing
                response: &$crate::runtime::protocol::rest_json::Response<'_>,
            ) -> ::std::result::Result<Self, ::std::string::String> {
                $crate::runtime::protocol::rest_json::http_output!(@fields $name response [] [] $($lines)*)
            }
        }
    };
    // No body members: the body is not read (it may even not be JSON).
    (@fields $name:ident $response:ident [$($bound:tt)*] []) => {
        ::std::result::Result::Ok($name {
            $($bound)*
            metadata: ::std::default::Default::default(),
        })
    };
    // Body members: read straight from the JSON (as `structure!` does, no `serde_json::Value`
    // in between); the bound members are read once the body is, inside the visitor, which is
    // what builds the output.
    (@fields $name:ident $response:ident [$($bound:tt)*] [$(($field:ident $wire:literal $presence:ident $codec:ident))+]) => {{
        struct BodyVisitor<'a, 'r> {
            response: &'a $crate::runtime::protocol::rest_json::Response<'r>,
            failure: &'a ::std::cell::Cell<::std::option::Option<::std::string::String>>,
        }
        impl<'de> ::serde::de::Visitor<'de> for BodyVisitor<'_, '_> {
            type Value = $name;
            fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(concat!("the ", stringify!($name), " body, a JSON object"))
            }
            fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<$name, A::Error> {
                $(let mut $field = None;)+
                while let Some(key) = map.next_key::<$crate::runtime::types::Key<'de>>()? {
                    match key.as_str() {
                        $($wire => $field = $crate::runtime::shape::Codec::read(&$crate::runtime::shape::$codec, &mut map)?,)+
                        _ => {
                            map.next_value::<::serde::de::IgnoredAny>()?;
                        }
                    }
                }
                #[allow(unused_variables)] // an output with only body members
                let $response = self.response;
                let build = move || -> ::std::result::Result<$name, ::std::string::String> {
                    ::std::result::Result::Ok($name {
                        $($bound)*
                        $($field: $crate::runtime::protocol::rest_json::finished($crate::runtime::shape::$presence::finish::<_, ::serde_json::Error>(
                            $field,
                            stringify!($name),
                            $wire,
                        ))?,)+
                        metadata: ::std::default::Default::default(),
                    })
                };
                build().map_err(|e| {
                    self.failure.set(::std::option::Option::Some(e));
                    <A::Error as ::serde::de::Error>::custom("a member bound to the response")
                })
            }
        }
        let failure = ::std::cell::Cell::new(::std::option::Option::None);
        let visitor = BodyVisitor { response: $response, failure: &failure };
        $crate::runtime::protocol::rest_json::read_body($response, visitor)
            .map_err(|e| failure.take().unwrap_or(e))
    }};
    (@fields $name:ident $response:ident [$($bound:tt)*] [$($body:tt)*]
        header $field:ident $wire:literal $presence:ident($codec:ident $(<$item:ident>)?); $($rest:tt)*) => {
        $crate::runtime::protocol::rest_json::http_output!(@fields $name $response [$($bound)*
            $field: $crate::runtime::protocol::rest_json::finished($crate::runtime::shape::$presence::finish::<_, ::serde_json::Error>(
                $response.header::<$crate::runtime::protocol::rest_json::$codec $(<$crate::runtime::protocol::rest_json::$item>)?, _>($wire)?,
                stringify!($name),
                $wire,
            ))?,
        ] [$($body)*] $($rest)*)
    };
    (@fields $name:ident $response:ident [$($bound:tt)*] [$($body:tt)*]
        prefix_headers $field:ident $wire:literal $presence:ident($codec:ident $(<$item:ident>)?); $($rest:tt)*) => {
        $crate::runtime::protocol::rest_json::http_output!(@fields $name $response [$($bound)*
            $field: $crate::runtime::protocol::rest_json::finished($crate::runtime::shape::$presence::finish::<_, ::serde_json::Error>(
                $response.prefix_headers::<$crate::runtime::protocol::rest_json::$codec $(<$crate::runtime::protocol::rest_json::$item>)?, _, _>($wire)?,
                stringify!($name),
                $wire,
            ))?,
        ] [$($body)*] $($rest)*)
    };
    (@fields $name:ident $response:ident [$($bound:tt)*] [$($body:tt)*]
        status $field:ident $presence:ident; $($rest:tt)*) => {
        $crate::runtime::protocol::rest_json::http_output!(@fields $name $response [$($bound)*
            $field: $crate::runtime::protocol::rest_json::finished($crate::runtime::shape::$presence::finish::<_, ::serde_json::Error>(
                $response.status(),
                stringify!($name),
                $crate::runtime::shape::bare_name!($field),
            ))?,
        ] [$($body)*] $($rest)*)
    };
    (@fields $name:ident $response:ident [$($bound:tt)*] [$($body:tt)*]
        payload $field:ident $presence:ident(SizedStream); $($rest:tt)*) => {
        $crate::runtime::protocol::rest_json::http_output!(@fields $name $response [$($bound)*] [$($body)*]
            payload $field $presence(Stream); $($rest)*)
    };
    (@fields $name:ident $response:ident [$($bound:tt)*] [$($body:tt)*]
        payload $field:ident $presence:ident(Stream); $($rest:tt)*) => {
        $crate::runtime::protocol::rest_json::http_output!(@fields $name $response [$($bound)*
            $field: $crate::runtime::protocol::rest_json::finished($crate::runtime::shape::$presence::finish::<_, ::serde_json::Error>(
                $response.stream_payload()?,
                stringify!($name),
                $crate::runtime::shape::bare_name!($field),
            ))?,
        ] [$($body)*] $($rest)*)
    };
    (@fields $name:ident $response:ident [$($bound:tt)*] [$($body:tt)*]
        payload $field:ident $presence:ident($kind:ident); $($rest:tt)*) => {
        $crate::runtime::protocol::rest_json::http_output!(@fields $name $response [$($bound)*
            $field: $crate::runtime::protocol::rest_json::finished($crate::runtime::shape::$presence::finish::<_, ::serde_json::Error>(
                $response.payload::<$crate::runtime::protocol::rest_json::$kind, _>()?,
                stringify!($name),
                $crate::runtime::shape::bare_name!($field),
            ))?,
        ] [$($body)*] $($rest)*)
    };
    (@fields $name:ident $response:ident [$($bound:tt)*] [$($body:tt)*]
        body { $($field:ident $wire:literal $presence:ident($codec:ident);)* } $($rest:tt)*) => {
        $crate::runtime::protocol::rest_json::http_output!(@fields $name $response [$($bound)*]
            [$($body)* $(($field $wire $presence $codec))*] $($rest)*)
    };
}

// Generated code names the macros `crate::runtime::protocol::rest_json::..`.
#[allow(unused_imports)]
pub use {http_input, http_output}; // pub(crate) in a generated crate, whose macros stay private (the generator rewrites this line)

#[cfg(test)]
mod tests {
    use super::*;

    struct Out {
        count: Option<i32>,
        etag: Option<String>,
        metadata: ResponseMetadata,
    }

    crate::structure! {
        Out = "Out", metadata;
        #[cfg(any())] serialize;
        deserialize;
        count "count" Opt(Plain) shown: set_count(Option<i32>), with_count(i32);
        etag "ETag" Opt(Plain) shown: set_etag(Option<String>), with_etag(String);
    }

    crate::http_output! {
        Out;
        header etag "ETag" Opt(Text);
        body {
            count "count" Opt(Plain);
        }
    }

    impl OperationOutput for Out {
        fn set_metadata(&mut self, metadata: ResponseMetadata) {
            self.metadata = metadata;
        }
    }

    fn response(status: u16, etag: &str, body: &'static str) -> http::Response<Bytes> {
        http::Response::builder()
            .status(status)
            .header("etag", etag)
            .body(Bytes::from_static(body.as_bytes()))
            .unwrap()
    }

    #[test]
    fn an_output_gets_its_members_and_metadata() {
        let output: Out = parse_named::<_, ()>(
            "Op",
            Some("id".into()),
            response(201, "abc", r#"{"count": 2}"#),
            1,
        )
        .unwrap();
        assert_eq!(
            (output.count, output.etag.as_deref()),
            (Some(2), Some("abc"))
        );
        assert_eq!(output.metadata.status, 201);
        assert_eq!(output.metadata.request_id.as_deref(), Some("id"));
        assert_eq!(output.metadata.headers["etag"], "abc");
    }

    #[test]
    fn a_response_that_does_not_fit_is_an_error_without_its_values() {
        let error = parse_named::<Out, ()>(
            "Op",
            None,
            response(200, "abc", r#"{"count": "s3cr3t"}"#),
            2,
        )
        .unwrap_err();
        let Error::Response(error) = error else {
            panic!("a response error");
        };
        let message = error.to_string();
        assert!(
            message.contains("the Op response body does not match the model: invalid type"),
            "{message}"
        );
        assert!(!message.contains("s3cr3t"), "{message}");
        assert_eq!(error.attempts, 2);
        let cut_short = response(200, "abc", "{\"count\": 1");
        let Err(Error::Response(error)) = parse_named::<Out, ()>("Op", None, cut_short, 1) else {
            panic!("a response error");
        };
        let message = error.to_string();
        assert!(
            message.contains("the Op response body is not valid JSON"),
            "{message}"
        );
    }
}
