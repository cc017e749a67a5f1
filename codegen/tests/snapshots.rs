//! The emitted code of the acceptance operations, reviewed with `cargo insta review`.
mod common;

#[test]
fn confirm_forgot_password() {
    insta::assert_snapshot!(common::file("src/operation/confirm_forgot_password.rs"));
}

#[test]
fn resend_confirmation_code() {
    insta::assert_snapshot!(common::file("src/operation/resend_confirmation_code.rs"));
}

#[test]
fn admin_reset_user_password() {
    insta::assert_snapshot!(common::file("src/operation/admin_reset_user_password.rs"));
}

/// The shared types the three operations' inputs and outputs use, where redaction shows.
#[test]
fn shared_types_of_the_acceptance_slice() {
    insta::assert_snapshot!(
        "user_context_data_type",
        common::file("src/types/user_context_data_type.rs")
    );
    insta::assert_snapshot!(
        "code_delivery_details_type",
        common::file("src/types/code_delivery_details_type.rs")
    );
    insta::assert_snapshot!(
        "delivery_medium_type",
        common::file("src/types/delivery_medium_type.rs")
    );
    insta::assert_snapshot!(
        "expired_code_exception",
        common::file("src/types/error/expired_code_exception.rs")
    );
}

/// The public API of the whole crate, one line per item: a model update shows here as a short
/// diff (API.txt without its documentation hashes).
#[test]
fn api_surface() {
    let surface = codegen::surface::Surface::parse(common::file(codegen::surface::FILE));
    insta::assert_snapshot!("api_surface", surface.lines().join("\n"));
}
