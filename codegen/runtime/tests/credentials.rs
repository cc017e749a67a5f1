//! Credentials providers, profile files and region resolution, all through an injected
//! environment (the process environment is never read or changed).
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, UNIX_EPOCH};

use runtime::credentials::{
    Credentials, DefaultChain, EnvironmentProvider, ProfileProvider, ProvideCredentials,
};
use runtime::profile::{self, Env, FileKind};
use runtime::region::{region_from_env, Region};

/// A fresh directory under the system temp dir, removed on drop.
struct TempHome {
    path: PathBuf,
}

impl TempHome {
    fn new(label: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "runtime-credentials-{}-{label}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(path.join(".aws")).expect("create temp home");
        TempHome { path }
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.path.join(relative);
        std::fs::write(&path, text).expect("write temp file");
        path
    }

    fn home(&self) -> &str {
        self.path.to_str().expect("utf-8 temp path")
    }

    /// An environment whose only variables are HOME and `extra`.
    fn env(&self, extra: &[(&str, &str)]) -> Env {
        let mut pairs = vec![("HOME", self.home())];
        pairs.extend_from_slice(extra);
        Env::from_pairs(pairs)
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn path_text(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

const CONFIG: &str = "\
# comment line
; another comment
[default]
region = eu-west-1
aws_access_key_id = CONFIG_AKID
aws_secret_access_key = CONFIG_SECRET

[profile dev]
region = ap-south-1
AWS_ACCESS_KEY_ID = DEV_AKID
aws_secret_access_key = DEV_SECRET
aws_session_token = DEV_TOKEN

[sso-session corp]
sso_region = us-east-1

[profile sso]
sso_session = corp
";

const CREDENTIALS: &str = "\
[default]
aws_access_key_id = CRED_AKID
aws_secret_access_key = CRED_SECRET
";

#[test]
fn environment_provider_reads_keys_and_token() {
    let env = Env::from_pairs([
        ("AWS_ACCESS_KEY_ID", "AKID"),
        ("AWS_SECRET_ACCESS_KEY", "SECRET"),
        ("AWS_SESSION_TOKEN", "TOKEN"),
    ]);
    let credentials = EnvironmentProvider::with_env(env)
        .load()
        .expect("credentials");
    assert_eq!(credentials.access_key_id(), "AKID");
    assert_eq!(credentials.secret_access_key(), "SECRET");
    assert_eq!(credentials.session_token(), Some("TOKEN"));
    assert_eq!(credentials.expiry(), None);
}

#[test]
fn environment_provider_names_what_is_missing() {
    let only_key = Env::from_pairs([("AWS_ACCESS_KEY_ID", "AKID")]);
    let error = EnvironmentProvider::with_env(only_key)
        .load()
        .expect_err("no secret");
    assert!(error.message().contains("AWS_SECRET_ACCESS_KEY"), "{error}");

    let empty = Env::from_pairs([("AWS_ACCESS_KEY_ID", ""), ("AWS_SECRET_ACCESS_KEY", " ")]);
    let error = EnvironmentProvider::with_env(empty)
        .load()
        .expect_err("empty counts as unset");
    assert!(error.message().contains("are not set"), "{error}");
}

#[test]
fn credentials_file_wins_over_config_file() {
    let home = TempHome::new("precedence");
    home.write(".aws/config", CONFIG);
    home.write(".aws/credentials", CREDENTIALS);
    let profiles = profile::load(&home.env(&[])).expect("profiles");
    let default = profiles.get("default").expect("default profile");
    assert_eq!(default.get("aws_access_key_id"), Some("CRED_AKID"));
    assert_eq!(default.get("aws_secret_access_key"), Some("CRED_SECRET"));
    assert_eq!(default.get("region"), Some("eu-west-1"));
    assert_eq!(
        profiles.names().collect::<Vec<_>>(),
        ["default", "dev", "sso"]
    );

    let credentials = ProfileProvider::with_env(home.env(&[]))
        .load()
        .expect("default");
    assert_eq!(credentials.access_key_id(), "CRED_AKID");
}

#[test]
fn aws_profile_selects_a_named_profile() {
    let home = TempHome::new("named");
    home.write(".aws/config", CONFIG);
    home.write(".aws/credentials", CREDENTIALS);
    let env = home.env(&[("AWS_PROFILE", "dev")]);
    let credentials = ProfileProvider::with_env(env.clone()).load().expect("dev");
    assert_eq!(credentials.access_key_id(), "DEV_AKID");
    assert_eq!(credentials.session_token(), Some("DEV_TOKEN"));

    let explicit = ProfileProvider::with_env(env).with_profile("default");
    assert_eq!(
        explicit.load().expect("default").access_key_id(),
        "CRED_AKID"
    );
}

#[test]
fn file_locations_come_from_the_environment() {
    let home = TempHome::new("locations");
    let config = home.write("elsewhere-config", "[profile x]\nregion = sa-east-1\n");
    home.write(
        "elsewhere-credentials",
        "[x]\naws_access_key_id = X\naws_secret_access_key = Y\n",
    );
    let env = home.env(&[
        ("AWS_CONFIG_FILE", path_text(&config)),
        ("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere-credentials"),
        ("AWS_PROFILE", "x"),
    ]);
    assert_eq!(env.config_file(), Some(config));
    assert_eq!(
        env.credentials_file(),
        Some(home.path.join("elsewhere-credentials"))
    );
    let credentials = ProfileProvider::with_env(env.clone()).load().expect("x");
    assert_eq!(credentials.access_key_id(), "X");
    assert_eq!(region_from_env(&env), Some(Region::new("sa-east-1")));
}

#[test]
fn missing_files_mean_no_profiles() {
    let home = TempHome::new("missing");
    let env = home.env(&[]);
    assert!(profile::load(&env).expect("no error").is_empty());
    let error = ProfileProvider::with_env(env).load().expect_err("nothing");
    assert!(
        error.message().contains("profile `default` is not defined"),
        "{error}"
    );
    assert!(error.message().contains("(missing)"), "{error}");

    let no_home = Env::from_pairs([]);
    assert_eq!(no_home.credentials_file(), None);
    assert!(profile::load(&no_home).expect("no error").is_empty());
}

#[test]
fn profile_without_static_keys_points_to_the_feature() {
    let home = TempHome::new("sso");
    home.write(".aws/config", CONFIG);
    let error = ProfileProvider::with_env(home.env(&[("AWS_PROFILE", "sso")]))
        .load()
        .expect_err("sso is not resolved here");
    assert!(error.message().contains("sso_session"), "{error}");
    assert!(error.message().contains("credential-provider"), "{error}");
}

#[test]
fn parser_handles_comments_sections_and_continuations() {
    let text = "\
[profile a] # trailing comment
Region=us-west-2
s3 =
  max_concurrent_requests = 10
  addressing_style = path
[not-a-profile]
ignored = yes
[ profile  b ]
key = a = b
";
    let set = profile::parse(text, FileKind::Config, "cfg").expect("parses");
    let a = set.get("a").expect("a");
    assert_eq!(a.get("region"), Some("us-west-2"));
    assert_eq!(
        a.get("s3"),
        Some("max_concurrent_requests = 10\naddressing_style = path")
    );
    assert_eq!(set.get("b").and_then(|b| b.get("key")), Some("a = b"));
    assert!(set.get("not-a-profile").is_none());

    // In the credentials file every section is a profile, named as written.
    let set = profile::parse(
        "[profile a]\nk = v\n[b]\nk = w\n",
        FileKind::Credentials,
        "creds",
    )
    .expect("parses");
    assert_eq!(set.names().collect::<Vec<_>>(), ["b", "profile a"]);
}

#[test]
fn parser_errors_name_file_and_line() {
    for (text, expected) in [
        (
            "[default]\njust words\n",
            "cfg line 2: expected `name = value`",
        ),
        (
            "key = value\n",
            "cfg line 1: property before any [profile] section",
        ),
        (
            "[default\n",
            "cfg line 1: section header without a closing `]`",
        ),
        ("[default]\n = v\n", "cfg line 2: property without a name"),
        ("[default]\n[ ]\n", "cfg line 2: empty section name"),
        (
            "[default]\n[default] x\n",
            "cfg line 2: unexpected `x` after the section header",
        ),
    ] {
        let error = profile::parse(text, FileKind::Config, "cfg").expect_err(text);
        assert_eq!(error.message(), expected, "{text:?}");
    }
}

#[test]
fn profile_debug_hides_values() {
    let set = profile::parse(CREDENTIALS, FileKind::Credentials, "creds").expect("parses");
    let shown = format!("{set:?}");
    assert!(shown.contains("aws_secret_access_key"), "{shown}");
    assert!(!shown.contains("CRED_SECRET"), "{shown}");
    let env = Env::from_pairs([("AWS_SECRET_ACCESS_KEY", "ENV_SECRET")]);
    assert!(!format!("{env:?}").contains("ENV_SECRET"));
}

#[test]
fn chain_prefers_the_environment() {
    let home = TempHome::new("chain-env");
    home.write(".aws/credentials", CREDENTIALS);
    let env = home.env(&[
        ("AWS_ACCESS_KEY_ID", "ENV_AKID"),
        ("AWS_SECRET_ACCESS_KEY", "S"),
    ]);
    let credentials = DefaultChain::with_env(env).load().expect("env");
    assert_eq!(credentials.access_key_id(), "ENV_AKID");
}

#[test]
fn chain_falls_back_to_the_profile_and_keeps_it() {
    let home = TempHome::new("chain-profile");
    let file = home.write(".aws/credentials", CREDENTIALS);
    let chain = DefaultChain::with_env(home.env(&[]));
    assert_eq!(chain.load().expect("profile").access_key_id(), "CRED_AKID");
    std::fs::remove_file(file).expect("remove");
    assert_eq!(chain.load().expect("kept").access_key_id(), "CRED_AKID");
}

#[test]
fn chain_error_says_what_to_set() {
    let home = TempHome::new("chain-none");
    let error = DefaultChain::with_env(home.env(&[("AWS_PROFILE", "work")]))
        .load()
        .expect_err("nothing configured");
    let message = error.to_string();
    for needle in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "aws_access_key_id",
        "under [work] in ",
        ".aws/credentials",
        "AWS_PROFILE",
    ] {
        assert!(message.contains(needle), "missing {needle:?} in: {message}");
    }
}

#[tokio::test]
async fn providers_work_through_the_trait() {
    let fixed = Credentials::new("A", "B", None);
    let providers: Vec<Box<dyn ProvideCredentials>> = vec![
        Box::new(fixed.clone()),
        Box::new(std::sync::Arc::new(fixed)),
        Box::new(EnvironmentProvider::with_env(Env::from_pairs([
            ("AWS_ACCESS_KEY_ID", "A"),
            ("AWS_SECRET_ACCESS_KEY", "B"),
        ]))),
    ];
    for provider in &providers {
        let credentials = provider.provide_credentials().await.expect("credentials");
        assert_eq!(credentials.access_key_id(), "A");
        assert_eq!(credentials.secret_access_key(), "B");
    }
    let error = DefaultChain::with_env(Env::from_pairs([]))
        .provide_credentials()
        .await
        .expect_err("nothing");
    assert!(error.message().contains("no AWS credentials found"));
}

#[test]
fn credentials_debug_hides_secret_and_token() {
    let credentials = Credentials::new(
        "AKIDVISIBLE",
        "SECRET-VALUE",
        Some("TOKEN-VALUE".to_owned()),
    );
    let shown = format!("{credentials:?}");
    assert!(shown.contains("AKIDVISIBLE"), "{shown}");
    assert!(!shown.contains("SECRET-VALUE"), "{shown}");
    assert!(!shown.contains("TOKEN-VALUE"), "{shown}");
    let chain = DefaultChain::with_env(Env::from_pairs([
        ("AWS_ACCESS_KEY_ID", "AKIDVISIBLE"),
        ("AWS_SECRET_ACCESS_KEY", "SECRET-VALUE"),
    ]));
    chain.load().expect("credentials");
    assert!(!format!("{chain:?}").contains("SECRET-VALUE"));
}

#[test]
fn expiry_is_kept_and_checked() {
    let expiry = UNIX_EPOCH + Duration::from_secs(1000);
    let credentials = Credentials::new("A", "B", None).with_expiry(expiry);
    assert_eq!(credentials.expiry(), Some(expiry));
    assert!(!credentials.is_expired_at(expiry - Duration::from_secs(1)));
    assert!(credentials.is_expired_at(expiry));
}

#[test]
fn region_resolution_order() {
    let home = TempHome::new("region");
    home.write(".aws/config", CONFIG);
    let resolve = |extra: &[(&str, &str)]| region_from_env(&home.env(extra));
    assert_eq!(
        resolve(&[
            ("AWS_REGION", "us-east-2"),
            ("AWS_DEFAULT_REGION", "us-west-1")
        ]),
        Some(Region::new("us-east-2"))
    );
    assert_eq!(
        resolve(&[("AWS_DEFAULT_REGION", "us-west-1")]),
        Some(Region::new("us-west-1"))
    );
    assert_eq!(resolve(&[]), Some(Region::new("eu-west-1")));
    assert_eq!(
        resolve(&[("AWS_PROFILE", "dev")]),
        Some(Region::new("ap-south-1"))
    );
    assert_eq!(resolve(&[("AWS_PROFILE", "sso")]), None);
    assert_eq!(region_from_env(&Env::from_pairs([])), None);

    let region = Region::new("us-east-1");
    assert_eq!(region.as_str(), "us-east-1");
    assert_eq!(region.to_string(), "us-east-1");
}

#[cfg(feature = "credential-provider")]
#[tokio::test]
async fn sdk_providers_plug_in() {
    use runtime::credentials::SdkCredentialsProvider;
    let expiry = UNIX_EPOCH + Duration::from_secs(5000);
    let sdk = aws_credential_types::Credentials::new(
        "SDK_AKID",
        "SDK_SECRET",
        Some("SDK_TOKEN".to_owned()),
        Some(expiry),
        "test",
    );
    let provider = SdkCredentialsProvider::new(sdk);
    let credentials = provider.provide_credentials().await.expect("credentials");
    assert_eq!(credentials.access_key_id(), "SDK_AKID");
    assert_eq!(credentials.secret_access_key(), "SDK_SECRET");
    assert_eq!(credentials.session_token(), Some("SDK_TOKEN"));
    assert_eq!(credentials.expiry(), Some(expiry));
}

#[cfg(feature = "credential-provider")]
#[tokio::test]
async fn sdk_provider_errors_keep_their_causes() {
    use aws_credential_types::credential_fn::provide_credentials_fn;
    use aws_credential_types::provider::error::CredentialsError as SdkError;
    use runtime::credentials::SdkCredentialsProvider;
    let failing =
        provide_credentials_fn(|| async { Err(SdkError::not_loaded("no SSO token cached")) });
    let error = SdkCredentialsProvider::new(failing)
        .provide_credentials()
        .await
        .expect_err("fails");
    assert!(
        error
            .message()
            .contains("aws-config credential provider failed"),
        "{error}"
    );
    assert!(error.message().contains("no SSO token cached"), "{error}");
}
