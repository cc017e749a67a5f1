//! Tokens for `src/dynamic.rs` (cargo feature `dynamic`): every operation callable by name
//! with JSON in and out, so data-driven harnesses (the protocol conformance tests) and tools
//! can drive any emitted client without code written for its model.
use crate::ir::{Operation, Service};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The whole `src/dynamic.rs`.
pub fn module(service: &Service) -> TokenStream {
    let names: Vec<&str> = service
        .operations
        .iter()
        .map(|op| op.name.as_str())
        .collect();
    let arms = service.operations.iter().map(call_arm);
    let parse_arms = service.operations.iter().map(parse_arm);
    let error_fns = service
        .operations
        .iter()
        .map(|op| to_dynamic_impl(op, service));
    quote! {
        //! Every operation callable by its model name with JSON in and out (cargo feature
        //! `dynamic`), for test harnesses and tools driven by data. Values are in the awsJson
        //! wire form, the JSON the service itself sends and receives: blobs in base64,
        //! timestamps in epoch seconds, non-finite floats as `"NaN"`, `"Infinity"` and
        //! `"-Infinity"`, enums by value.
        use crate::runtime::error::ErrorMetadata;
        use serde_json::Value;

        /// Why a dynamic call failed, as data (it serializes with a `kind` tag).
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum DynamicError {
            /// No operation has that name.
            UnknownOperation {
                /// The name asked for.
                operation: String,
            },
            /// The input JSON does not fit the operation's input.
            Input {
                /// What did not fit.
                message: String,
            },
            /// The output (or a modeled error) could not be written as JSON.
            Output {
                /// What went wrong.
                message: String,
            },
            /// The service answered with an error.
            Service {
                /// The error's shape name when the operation lists it; `None` otherwise.
                shape: Option<String>,
                /// The error code.
                code: String,
                /// The service's message.
                message: Option<String>,
                /// The HTTP status.
                status: u16,
                /// The request id.
                request_id: Option<String>,
                /// The modeled error's members in wire form, its message member included;
                /// `{}` for an error the operation does not list.
                fields: Value,
            },
            /// See [`Error::Construction`](crate::Error::Construction).
            Construction {
                /// Why the request was not sent.
                message: String,
            },
            /// See [`Error::Dispatch`](crate::Error::Dispatch).
            Dispatch {
                /// What failed in transit.
                message: String,
            },
            /// See [`Error::Timeout`](crate::Error::Timeout).
            Timeout {
                /// Which limit was reached.
                message: String,
            },
            /// See [`Error::Response`](crate::Error::Response).
            Response {
                /// The HTTP status.
                status: u16,
                /// What was wrong with the response.
                message: String,
            },
        }

        impl std::fmt::Display for DynamicError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Self::UnknownOperation { operation } => write!(f, "no operation is named {operation:?}"),
                    Self::Input { message } => write!(f, "the input does not fit: {message}"),
                    Self::Output { message } => write!(f, "the result cannot be written as JSON: {message}"),
                    Self::Service { code, message, status, .. } => {
                        write!(f, "service error {code} (HTTP {status})")?;
                        match message {
                            Some(message) => write!(f, ": {message}"),
                            None => Ok(()),
                        }
                    }
                    Self::Construction { message } => write!(f, "request not sent: {message}"),
                    Self::Dispatch { message } => write!(f, "request failed in transit: {message}"),
                    Self::Timeout { message } => write!(f, "timed out: {message}"),
                    Self::Response { status, message } => write!(f, "unreadable response (HTTP {status}): {message}"),
                }
            }
        }

        impl std::error::Error for DynamicError {}

        impl crate::Client {
            /// The model names of the operations [`Client::call_json`](crate::Client::call_json) knows.
            pub const OPERATION_NAMES: &'static [&'static str] = &[#(#names),*];

            /// Calls the operation with model name `operation` (`"ListUsers"`): `input` is the
            /// operation's input in wire form, and so is the output returned.
            pub async fn call_json(&self, operation: &str, input: Value) -> Result<Value, DynamicError> {
                match operation {
                    #(#arms)*
                    _ => Err(DynamicError::UnknownOperation { operation: operation.to_string() }),
                }
            }
        }

        /// Reads a response to the operation with model name `operation` through the same
        /// typed parsers a call uses: a 2xx body becomes the operation's output (returned in
        /// wire form), any other status the operation's error, with its code read from the
        /// `X-Amzn-ErrorType` header or the body as a call reads it.
        /// For fuzzing and tools that replay recorded responses; sends nothing.
        pub fn parse_response(
            operation: &str,
            status: u16,
            headers: &http::HeaderMap,
            body: &[u8],
        ) -> Result<Value, DynamicError> {
            match operation {
                #(#parse_arms)*
                _ => Err(DynamicError::UnknownOperation { operation: operation.to_string() }),
            }
        }

        fn parse_typed<O, E>(
            status: u16,
            headers: &http::HeaderMap,
            body: &[u8],
        ) -> Result<Value, DynamicError>
        where
            O: serde::de::DeserializeOwned + serde::Serialize,
            E: crate::runtime::operation::OperationError + ToDynamic,
        {
            if !(200..300).contains(&status) {
                let mut metadata = crate::runtime::protocol::aws_json::error_metadata(status, headers, body);
                metadata.set_response(headers.clone(), bytes::Bytes::copy_from_slice(body));
                return Err(E::from_response(metadata).to_dynamic());
            }
            // As the client reads a success: a blank body is an output with no members.
            let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
            let output: O = serde_json::from_slice(json)
                .map_err(|e| DynamicError::Response { status, message: e.to_string() })?;
            serde_json::to_value(&output).map_err(|e| DynamicError::Output { message: e.to_string() })
        }

        fn parse_input<T: serde::de::DeserializeOwned>(input: Value) -> Result<T, DynamicError> {
            serde_json::from_value(input).map_err(|e| DynamicError::Input { message: e.to_string() })
        }

        fn finish<O: serde::Serialize, E: ToDynamic>(
            result: Result<O, crate::Error<E>>,
        ) -> Result<Value, DynamicError> {
            let error = match result {
                Ok(output) => {
                    return serde_json::to_value(&output)
                        .map_err(|e| DynamicError::Output { message: e.to_string() })
                }
                Err(error) => error,
            };
            Err(match error {
                crate::Error::Service(e) => e.to_dynamic(),
                crate::Error::Construction(e) => DynamicError::Construction { message: crate::runtime::error::full_message(&e) },
                crate::Error::Dispatch(e) => DynamicError::Dispatch { message: crate::runtime::error::full_message(&e) },
                crate::Error::Timeout(e) => DynamicError::Timeout { message: crate::runtime::error::full_message(&e) },
                crate::Error::Response(e) => DynamicError::Response { status: e.status, message: e.message },
            })
        }

        /// A listed error: its members, with the message put back under its member name.
        #[allow(dead_code)] // a model whose operations list no errors
        fn modeled<T: serde::Serialize>(
            shape: &str,
            error: &T,
            metadata: &ErrorMetadata,
            message_member: Option<&str>,
        ) -> DynamicError {
            let mut fields = match serde_json::to_value(error) {
                Ok(fields) => fields,
                Err(e) => return DynamicError::Output { message: e.to_string() },
            };
            if let (Some(member), Some(message), Value::Object(map)) =
                (message_member, &metadata.message, &mut fields)
            {
                map.insert(member.to_string(), Value::String(message.clone()));
            }
            DynamicError::Service {
                shape: Some(shape.to_string()),
                code: metadata.code.clone().unwrap_or_default(),
                message: metadata.message.clone(),
                status: metadata.status,
                request_id: metadata.request_id.clone(),
                fields,
            }
        }

        fn unmodeled(metadata: &ErrorMetadata) -> DynamicError {
            DynamicError::Service {
                shape: None,
                code: metadata.code.clone().unwrap_or_default(),
                message: metadata.message.clone(),
                status: metadata.status,
                request_id: metadata.request_id.clone(),
                fields: Value::Object(Default::default()),
            }
        }

        /// An operation's error as data.
        pub(crate) trait ToDynamic {
            /// The error's code, message, status, request id and members.
            fn to_dynamic(self) -> DynamicError;
        }

        #(#error_fns)*
    }
}

fn call_arm(op: &Operation) -> TokenStream {
    let name = &op.name;
    let method = ident(&op.snake);
    quote! {
        #name => {
            let input = parse_input(input)?;
            finish(self.#method(input).await)
        }
    }
}

fn parse_arm(op: &Operation) -> TokenStream {
    let name = &op.name;
    let module = ident(&op.snake);
    let output = ident(&op.output.name);
    let error = format_ident!("{}", op.error_name);
    quote! {
        #name => parse_typed::<crate::operation::#module::#output, crate::operation::#module::#error>(
            status, headers, body,
        ),
    }
}

/// `ToDynamic` for the operation's error enum.
fn to_dynamic_impl(op: &Operation, service: &Service) -> TokenStream {
    let module = ident(&op.snake);
    let error = format_ident!("{}", op.error_name);
    let arms = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let shape = &e.code;
        let message_member = service
            .errors
            .get(&e.type_name)
            .and_then(|s| s.error.as_ref())
            .and_then(|info| info.message_member.as_deref());
        let message_member = match message_member {
            Some(member) => quote!(Some(#member)),
            None => quote!(None),
        };
        quote! {
            Self::#variant(e) => modeled(#shape, &e, e.metadata(), #message_member),
        }
    });
    quote! {
        impl ToDynamic for crate::operation::#module::#error {
            fn to_dynamic(self) -> DynamicError {
                match self {
                    #(#arms)*
                    Self::Unhandled(e) => unmodeled(e.metadata()),
                }
            }
        }
    }
}
