//! Cognito's front-page example: the password-reset flow with a paginated ListUsers. The text is
//! the program `tests/examples/password_reset.rs`, which the workspace compiles, so the example
//! on the crate's front page is code that builds against the generated crate.
use super::Customization;
use crate::ir::Service;

/// The example program, as compiled in `tests/`.
const PASSWORD_RESET: &str = include_str!("../../../tests/examples/password_reset.rs");

/// The service shape the example is written for.
const COGNITO: &str = "AWSCognitoIdentityProviderService";

/// Adds the password-reset example to Cognito's front page.
pub struct PasswordReset;

/// The customization for Cognito user pools; `None` for every other service.
pub fn for_service(service: &Service) -> Option<PasswordReset> {
    (service.shape_name == COGNITO).then_some(PasswordReset)
}

impl Customization for PasswordReset {
    fn front_page_example(&self) -> Option<&'static str> {
        Some(PASSWORD_RESET)
    }
}
