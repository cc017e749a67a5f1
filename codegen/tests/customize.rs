//! Service customizations: Cognito's SecretHash reaches exactly the operations Cognito documents
//! as taking it, and no other service gets it.
mod common;

/// The operations whose requests carry a SecretHash, as the Cognito developer guide lists them.
const TAKES_SECRET_HASH: &[&str] = &[
    "admin_initiate_auth",
    "admin_respond_to_auth_challenge",
    "confirm_forgot_password",
    "confirm_sign_up",
    "forgot_password",
    "initiate_auth",
    "resend_confirmation_code",
    "respond_to_auth_challenge",
    "sign_up",
];

#[test]
fn cognito_fills_secret_hash_in_the_documented_operations() {
    let files = common::cognito_files();
    let mut filled: Vec<&str> = files
        .iter()
        .filter(|f| f.contents.contains("self.app_client_secrets"))
        .filter_map(|f| f.path.strip_prefix("src/operation/")?.strip_suffix(".rs"))
        .collect();
    filled.sort();
    assert_eq!(filled, TAKES_SECRET_HASH);
    assert!(files.iter().any(|f| f.path == "src/secret_hash.rs"));
}

#[test]
fn other_services_get_no_secret_hash() {
    let root = common::root();
    let model = std::fs::read_to_string(root.join("model/test-models/everything.json")).unwrap();
    let partitions =
        std::fs::read_to_string(root.join("../shared/models/partitions.json")).unwrap();
    let files = codegen::generate(&model, "everything.json", &partitions, &Default::default())
        .expect("the test model generates");
    assert!(files.iter().all(|f| !f.path.contains("secret_hash")));
    let lib = files.iter().find(|f| f.path == "src/lib.rs").unwrap();
    assert!(!lib.contents.contains("app_client_secrets"));
}
