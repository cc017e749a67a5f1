//! Tokens for `src/mock.rs` (cargo feature `test-util`): one typed rule function per
//! operation over the runtime's `mock.rs`, so a user's test answers a call in a few lines.
use crate::ir::{Operation, Service};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The whole `src/mock.rs`.
pub fn module(service: &Service) -> TokenStream {
    let rules = service
        .operations
        .iter()
        .map(|op| rule(op, &service.shape_name));
    quote! {
        //! Test doubles (cargo feature `test-util`): answer an operation with a typed output or
        //! modeled error, and read the typed inputs the code under test sent. Requests and
        //! answers go through the real serializers and parsers, so a test still proves the wire
        //! form.
        //!
        //! ```ignore
        //! let mocks = Mocks::new().on(mock::forgot_password(|_| Ok(ForgotPasswordOutput::new())));
        //! mocks.client().forgot_password(input).await?;
        //! assert_eq!(mocks.requests::<ForgotPasswordInput>()[0].username(), "alice");
        //! ```
        pub use crate::runtime::mock::{MockError, Mocks, Rule};
        use crate::dynamic::DynamicError;

        impl Mocks {
            /// A client whose calls these mocks answer: region `us-east-1`, test credentials,
            /// one attempt per call (so each answer is seen once).
            pub fn client(&self) -> crate::Client {
                let credentials = crate::Credentials::new("AKIDMOCK", "mock-secret", None);
                crate::Client::new(
                    crate::Config::builder()
                        .region("us-east-1")
                        .credentials_provider(credentials)
                        .max_attempts(1)
                        .transport(self.transport())
                        .build(),
                )
            }
        }

        fn wire(error: DynamicError) -> MockError {
            match error {
                DynamicError::Service { shape, code, fields, .. } => MockError::new(shape.unwrap_or(code), fields),
                other => MockError::new("InternalFailure", serde_json::json!({ "message": other.to_string() })),
            }
        }

        macro_rules! rule {
            ($name:ident, $module:ident, $input:ident, $output:ident, $error:ident, $target:literal) => {
                #[doc = concat!("Answers `", $target, "` with what `answer` returns for the input sent.")]
                pub fn $name(
                    answer: impl Fn(&crate::operation::$module::$input) -> Result<crate::operation::$module::$output, crate::operation::$module::$error>
                        + Send + Sync + 'static,
                ) -> Rule {
                    Rule::new($target, move |input| answer(input).map_err(|e| wire(crate::dynamic::ToDynamic::to_dynamic(e))))
                }
            };
        }

        #(#rules)*
    }
}

fn rule(op: &Operation, service_name: &str) -> TokenStream {
    let module = ident(&op.snake);
    let input = ident(&op.input.name);
    let output = ident(&op.output.name);
    let error = format_ident!("{}", op.error_name);
    let target = format!("{service_name}.{}", op.name);
    quote!(rule!(#module, #module, #input, #output, #error, #target);)
}
