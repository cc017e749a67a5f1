//! The error plumbing of generated crates, written once: a generated error enum or `@error`
//! structure is one macro call with one line per fact, and this file writes its impls.
//!
//! The macros name the runtime `$crate::runtime::..`, so they work alike in a generated crate
//! and in this one (whose `lib.rs` has `pub use crate as runtime`).

/// The impls of an `@error` structure that has a field `metadata: ErrorMetadata`: the
/// accessors of the response's code, message, request id, status, headers and body,
/// `Display` (the metadata's), `Error`, and
/// [`ModeledError`](crate::runtime::error::ModeledError).
///
/// `modeled_error!(Name);`, or `modeled_error!(Name, retryable);` for an error the model
/// marks `@retryable`. A restJson1 error with members bound to headers lists them after a
/// `;`, one `header field "X-Name" Presence(Codec);` each, with `http_output!`'s tokens.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[doc(hidden)]
#[allow(unused_macros)] // a model may have no errors
macro_rules! modeled_error {
    ($name:ident $(; $($headers:tt)*)?) => {
        $crate::runtime::error_macros::modeled_error!(@impl $name, false, [$($($headers)*)?]);
    };
    ($name:ident, retryable $(; $($headers:tt)*)?) => {
        $crate::runtime::error_macros::modeled_error!(@impl $name, true, [$($($headers)*)?]);
    };
    (@bind_fn []) => {};
    (@bind_fn [$($headers:tt)+]) => {
        fn bind_headers(&mut self, headers: &::http::HeaderMap) -> ::std::result::Result<(), ::std::string::String> {
            $crate::runtime::error_macros::modeled_error!(@bind self headers $($headers)+);
            Ok(())
        }
    };
    (@bind $self:ident $headers:ident) => {};
    (@bind $self:ident $headers:ident
        header $field:ident $wire:literal $presence:ident($codec:ident $(<$item:ident>)?); $($rest:tt)*) => {
        let response = $crate::runtime::protocol::rest_json::Response::new(0, $headers, &[]);
        $self.$field = $crate::runtime::protocol::rest_json::finished($crate::runtime::shape::$presence::finish::<_, ::serde_json::Error>(
            response.header::<$crate::runtime::protocol::rest_json::$codec $(<$crate::runtime::protocol::rest_json::$item>)?, _>($wire)?,
            stringify!($name),
            $wire,
        ))?;
        $crate::runtime::error_macros::modeled_error!(@bind $self $headers $($rest)*);
    };
    (@impl $name:ident, $retryable:literal, [$($headers:tt)*]) => {
        impl $name {
            /// Code, message, HTTP status and request id of the response.
            pub fn metadata(&self) -> &$crate::runtime::error::ErrorMetadata {
                &self.metadata
            }
            /// The error code, when the service sent one.
            pub fn code(&self) -> Option<&str> {
                self.metadata.code()
            }
            /// Sets the message, as the service would send it (for test doubles).
            pub fn with_message(mut self, message: impl Into<String>) -> Self {
                self.metadata.message = Some(message.into());
                self
            }
            /// The service's message.
            pub fn message(&self) -> Option<&str> {
                self.metadata.message.as_deref()
            }
            /// The request id the service gave the call.
            pub fn request_id(&self) -> Option<&str> {
                self.metadata.request_id.as_deref()
            }
            /// The HTTP status code of the response.
            pub fn http_status(&self) -> u16 {
                self.metadata.status
            }
            /// The response headers.
            pub fn headers(&self) -> &::http::HeaderMap {
                self.metadata.headers()
            }
            /// The response body, unparsed.
            pub fn raw_body(&self) -> &[u8] {
                self.metadata.raw_body()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.metadata, f)
            }
        }

        impl ::std::error::Error for $name {}

        impl $crate::runtime::error::ModeledError for $name {
            const RETRYABLE: bool = $retryable;
            fn set_metadata(&mut self, metadata: $crate::runtime::error::ErrorMetadata) {
                self.metadata = metadata;
            }
            $crate::runtime::error_macros::modeled_error!(@bind_fn [$($headers)*]);
        }
    };
}

/// An operation's error enum: one variant per modeled error plus `Unhandled`, with the
/// accessors of the response's code, message, request id, status, headers and body, an
/// `is_x()` per variant, a transparent `Display` and `source()`, and
/// [`OperationError`](crate::runtime::operation::OperationError) (a variant is retryable when
/// its error structure is).
///
/// ```text
/// operation_error! {
///     /// The errors `ConfirmForgotPassword` can return.
///     ConfirmForgotPasswordError in crate::types::error {
///         CodeMismatchException(CodeMismatchException) is_code_mismatch_exception "CodeMismatchException",
///     }
/// }
/// ```
///
/// Each line: the variant, its error structure in the module after `in`, its predicate and
/// the wire code that selects it. One call per module (it imports that module as
/// `__error_types`), as a generated crate has one operation per module.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[doc(hidden)]
macro_rules! operation_error {
    (
        $(#[$meta:meta])*
        $name:ident in $types:path {
            $($variant:ident($ty:ident) $is:ident $code:literal,)*
        }
    ) => {
        #[allow(unused_imports)] // by an operation without modeled errors
        use $types as __error_types;

        $(#[$meta])*
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!(" `", $code, "`: see [`", stringify!($ty), "`](", stringify!($types), "::", stringify!($ty), ").")]
                $variant(__error_types::$ty),
            )*
            /// An error the model does not list for this operation.
            Unhandled($crate::runtime::error::Unhandled),
        }

        impl $name {
            /// Code, message, HTTP status and request id, whatever the variant.
            pub fn metadata(&self) -> &$crate::runtime::error::ErrorMetadata {
                match self {
                    $(Self::$variant(e) => e.metadata(),)*
                    Self::Unhandled(e) => e.metadata(),
                }
            }
            /// The error code (`ExpiredCodeException`), when the service sent one.
            pub fn code(&self) -> Option<&str> {
                self.metadata().code()
            }
            /// The service's message.
            pub fn message(&self) -> Option<&str> {
                self.metadata().message.as_deref()
            }
            /// The request id the service gave the call.
            pub fn request_id(&self) -> Option<&str> {
                self.metadata().request_id.as_deref()
            }
            /// The HTTP status code of the response.
            pub fn http_status(&self) -> u16 {
                self.metadata().status
            }
            /// The response headers.
            pub fn headers(&self) -> &::http::HeaderMap {
                self.metadata().headers()
            }
            /// The response body, unparsed.
            pub fn raw_body(&self) -> &[u8] {
                self.metadata().raw_body()
            }
            $(
                #[doc = concat!(" True for [`Self::", stringify!($variant), "`].")]
                pub fn $is(&self) -> bool {
                    matches!(self, Self::$variant(_))
                }
            )*
            /// True for [`Self::Unhandled`].
            pub fn is_unhandled(&self) -> bool {
                matches!(self, Self::Unhandled(_))
            }
        }

        // Transparent: the variant's error says it all, so printing it here and offering it
        // as the source would print it twice in a chain.
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $(Self::$variant(e) => ::std::fmt::Display::fmt(e, f),)*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for $name {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    $(Self::$variant(e) => ::std::error::Error::source(e),)*
                    Self::Unhandled(e) => ::std::error::Error::source(e),
                }
            }
        }

        impl $crate::runtime::operation::OperationError for $name {
            fn from_response(metadata: $crate::runtime::error::ErrorMetadata) -> Self {
                match metadata.shape_code().unwrap_or_default() {
                    $($code => $crate::runtime::error::parse_modeled(metadata)
                        .map_or_else(Self::Unhandled, Self::$variant),)*
                    _ => Self::Unhandled($crate::runtime::error::Unhandled::new(metadata)),
                }
            }
            fn metadata(&self) -> &$crate::runtime::error::ErrorMetadata {
                $name::metadata(self)
            }
            fn is_retryable(&self) -> bool {
                match self {
                    $(Self::$variant(_) => <__error_types::$ty as $crate::runtime::error::ModeledError>::RETRYABLE,)*
                    Self::Unhandled(_) => false,
                }
            }
        }
    };
}

// Generated code names the macros `crate::runtime::error_macros::..`.
#[allow(unused_imports)]
pub use {modeled_error, operation_error}; // pub(crate) in a generated crate, whose macros stay private (the generator rewrites this line)
