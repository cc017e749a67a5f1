//! Regions and endpoint URLs are checked before anything is built, signed or sent, whichever
//! source they come from (builder, environment, profile), and the error names value and source.

mod fake_service;

use fake_service::{
    cognito_service, DoThingError, DoThingInput, DoThingOutput, COGNITO_OP, DO_SIGNED_THING,
    DO_THING, SERVICE,
};
use runtime::client::Runtime;
use runtime::config::Config;
use runtime::credentials::Credentials;
use runtime::error::full_message;
use runtime::error::Error;
use runtime::operation::{OperationSpec, ServiceSpec};
use runtime::profile::Env;
use runtime::transport::{HttpTransport, SendFuture};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use stub_server::{Reply, StubServer};

type CallResult = Result<DoThingOutput, Error<DoThingError>>;

/// Regions no AWS SDK accepts: each would change the host name or the credential scope.
fn bad_regions() -> Vec<String> {
    [
        "evil.com/x?",
        "",
        "not a region!",
        "-us-east-1",
        "us-east-1-",
        "us_east_1",
        "eu-west-1.",
        "evil.com#",
        "us-east-1\u{0}",
        "üs-east-1",
    ]
    .iter()
    .map(|r| r.to_string())
    .chain(std::iter::once("a".repeat(64)))
    .collect()
}

/// A transport that records what it is asked to send and answers `{}`: it sees requests to
/// any host, including ones a bad region would make up.
#[derive(Debug, Default)]
struct Recorder {
    sent: Mutex<Vec<http::Request<bytes::Bytes>>>,
}

impl HttpTransport for Recorder {
    fn send(&self, request: http::Request<bytes::Bytes>) -> SendFuture<'_> {
        self.sent.lock().expect("lock").push(request);
        Box::pin(async { Ok(http::Response::new(bytes::Bytes::from_static(b"{}"))) })
    }
}

fn credentials() -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
    )
}

async fn call(
    service: &'static ServiceSpec,
    config: Config,
    op: &'static OperationSpec,
) -> CallResult {
    Runtime::new(service, config)
        .call(op, &DoThingInput::default())
        .await
}

fn construction_message(result: CallResult) -> String {
    match result {
        Err(error @ Error::Construction(_)) => full_message(&error),
        other => panic!("expected a construction error, got {other:?}"),
    }
}

#[tokio::test]
async fn bad_builder_regions_make_no_request_to_any_host() {
    for region in bad_regions() {
        let recorder = Arc::new(Recorder::default());
        let config = Config::builder()
            .region(region.as_str())
            .credentials_provider(credentials())
            .shared_transport(recorder.clone())
            .build();
        let message = construction_message(call(cognito_service(), config, &COGNITO_OP).await);
        assert!(message.contains(&format!("{region:?}")), "{message}");
        assert!(
            message.contains("Config::builder().region(..)"),
            "{message}"
        );
        assert!(
            recorder.sent.lock().expect("lock").is_empty(),
            "{region:?} was sent"
        );
    }
}

#[tokio::test]
async fn bad_builder_regions_are_refused_with_an_endpoint_url_signed_or_not() {
    let server = StubServer::start(vec![]).await;
    for region in bad_regions() {
        for op in [&DO_SIGNED_THING, &DO_THING] {
            let config = Config::builder()
                .region(region.as_str())
                .endpoint_url(server.url())
                .credentials_provider(credentials())
                .build();
            let message = construction_message(call(&SERVICE, config, op).await);
            assert!(message.contains(&format!("{region:?}")), "{message}");
        }
    }
    assert_eq!(server.request_count(), 0, "nothing reaches the server");
}

#[tokio::test]
async fn valid_regions_still_resolve_to_their_host() {
    for region in [
        "eu-west-1",
        "us-gov-west-1",
        "cn-north-1",
        &"a".repeat(63),
        "X1",
    ] {
        let recorder = Arc::new(Recorder::default());
        let config = Config::builder()
            .region(region)
            .credentials_provider(credentials())
            .shared_transport(recorder.clone())
            .build();
        call(cognito_service(), config, &COGNITO_OP)
            .await
            .unwrap_or_else(|e| panic!("{region}: {e}"));
        let sent = recorder.sent.lock().expect("lock");
        let host = sent[0].uri().host().expect("host").to_string();
        assert!(
            host.starts_with(&format!("cognito-idp.{region}.")),
            "{host}"
        );
        let authorization = sent[0].headers()["authorization"].to_str().expect("ascii");
        assert!(
            authorization.contains(&format!("/{region}/cognito-idp/aws4_request")),
            "{authorization}"
        );
    }
}

#[tokio::test]
async fn bad_regions_from_the_environment_name_the_variable() {
    let server = StubServer::start(vec![]).await;
    let url = server.url();
    for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        let env = Env::from_pairs([
            ("HOME", "/nonexistent-home-for-test"),
            (variable, "evil.com/x?"),
            ("AWS_ENDPOINT_URL", url.as_str()),
            ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
        ]);
        let config = Config::from_env_with(&env);
        let message = construction_message(call(&SERVICE, config, &DO_SIGNED_THING).await);
        assert!(message.contains("\"evil.com/x?\""), "{message}");
        assert!(message.contains(variable), "{message}");
    }
    assert_eq!(server.request_count(), 0);
}

/// A folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "lean-smithy-hostile-config-{label}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }
    fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn bad_profile_regions_name_the_profile_and_file() {
    let server = StubServer::start(vec![]).await;
    let url = server.url();
    let dir = TempDir::new("profile-region");
    let config_file = dir.write("config", "[profile dev]\nregion = evil.com/x?\n");
    let credentials_file = dir.write(
        "credentials",
        "[other]\nregion = us-east-1\n[ops]\nregion = not a region!\n",
    );
    for (profile, value, file) in [
        ("dev", "evil.com/x?", &config_file),
        ("ops", "not a region!", &credentials_file),
    ] {
        let env = Env::from_pairs([
            ("HOME", "/nonexistent-home-for-test"),
            ("AWS_CONFIG_FILE", config_file.as_str()),
            ("AWS_SHARED_CREDENTIALS_FILE", credentials_file.as_str()),
            ("AWS_PROFILE", profile),
            ("AWS_ENDPOINT_URL", url.as_str()),
        ]);
        let config = Config::from_env_with(&env);
        assert_eq!(config.region(), Some(value));
        let message = construction_message(call(&SERVICE, config, &DO_THING).await);
        assert!(message.contains(&format!("{value:?}")), "{message}");
        assert!(
            message.contains(&format!("profile {profile:?}")),
            "{message}"
        );
        assert!(message.contains(file.as_str()), "{message}");
    }
    assert_eq!(server.request_count(), 0);
}

#[tokio::test]
async fn endpoint_urls_with_a_user_and_password_are_refused_without_echoing_them() {
    let server = StubServer::start(vec![]).await;
    let with_userinfo = format!("http://alice:s3cret-pw@{}", server.host());
    let from_builder = Config::builder()
        .region("us-east-1")
        .endpoint_url(with_userinfo.as_str())
        .build();
    let env = Env::from_pairs([
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", with_userinfo.as_str()),
    ]);
    let from_env = Config::from_env_with(&env);
    for (config, source) in [
        (from_builder, "Config::builder().endpoint_url(..)"),
        (from_env, "AWS_ENDPOINT_URL"),
    ] {
        for service in [&SERVICE, cognito_service()] {
            let op = if std::ptr::eq(service, &SERVICE) {
                &DO_THING
            } else {
                &COGNITO_OP
            };
            let message = construction_message(call(service, config.clone(), op).await);
            assert!(message.contains("user name or password"), "{message}");
            assert!(message.contains(source), "{message}");
            assert!(!message.contains("s3cret-pw"), "password echoed: {message}");
        }
    }
    assert_eq!(server.request_count(), 0);
}

#[tokio::test]
async fn garbage_endpoint_urls_name_their_source() {
    let dir = TempDir::new("profile-endpoint");
    let config_file = dir.write("config", "[default]\nendpoint_url = not a url\n");
    let cases = [
        (
            "AWS_ENDPOINT_URL",
            "localhost:4566",
            "the environment variable AWS_ENDPOINT_URL",
        ),
        (
            "AWS_ENDPOINT_URL_FAKE_SERVICE",
            "http://exa mple.com",
            "the environment variable AWS_ENDPOINT_URL_FAKE_SERVICE",
        ),
        ("AWS_ENDPOINT_URL", "ftp://example.com", "AWS_ENDPOINT_URL"),
        ("AWS_ENDPOINT_URL", "http://", "AWS_ENDPOINT_URL"),
        ("UNRELATED", "", "profile \"default\""),
    ];
    for (variable, value, source) in cases {
        let env = Env::from_pairs([
            ("HOME", "/nonexistent-home-for-test"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_CONFIG_FILE", config_file.as_str()),
            (variable, value),
        ]);
        let config = Config::from_env_with(&env);
        let message = construction_message(call(&SERVICE, config, &DO_THING).await);
        assert!(message.contains("endpoint URL"), "{message}");
        assert!(message.contains(source), "{value:?}: {message}");
    }
}

#[tokio::test]
async fn a_good_endpoint_url_from_a_profile_is_used() {
    let server = StubServer::start(vec![Reply::json(200, "{}")]).await;
    let dir = TempDir::new("profile-endpoint-ok");
    let config_file = dir.write(
        "config",
        &format!(
            "[default]\nregion = eu-west-1\nendpoint_url = {}\n",
            server.url()
        ),
    );
    let env = Env::from_pairs([
        ("HOME", "/nonexistent-home-for-test"),
        ("AWS_CONFIG_FILE", config_file.as_str()),
    ]);
    call(&SERVICE, Config::from_env_with(&env), &DO_THING)
        .await
        .expect("call succeeds");
    assert_eq!(server.request_count(), 1);
}

#[test]
fn debug_output_hides_endpoint_passwords() {
    let dir = TempDir::new("debug-endpoint");
    let config_file = dir.write(
        "config",
        "[default]\nendpoint_url = https://bob:profile-pw@example.com/x\n",
    );
    let env = Env::from_pairs([
        ("HOME", "/nonexistent-home-for-test"),
        ("AWS_CONFIG_FILE", config_file.as_str()),
    ]);
    let from_profile = Config::from_env_with(&env);
    let from_builder = Config::builder()
        .endpoint_url("https://alice:builder-pw@example.com:8443/path?q=1")
        .build();
    for config in [from_profile, from_builder] {
        let text = format!("{config:?}");
        assert!(!text.contains("-pw"), "{text}");
        assert!(text.contains("***@example.com"), "{text}");
    }
}
