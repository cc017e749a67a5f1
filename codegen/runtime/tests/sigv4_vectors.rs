//! The published SigV4 test suite (`shared/conformance/sigv4`): every step of every case, and
//! the whole of `sign` for each case whose request `http::Request` can carry.
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use runtime::credentials::Credentials;
use runtime::sigv4::{
    authorization, sign, signature, string_to_sign, AmzDate, SignableRequest, SigningParams,
};

const ACCESS_KEY_ID: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const REGION: &str = "us-east-1";
const SERVICE: &str = "service";
/// 2015-08-30T12:36:00Z, the suite's signing time.
const SUITE_TIME_SECS: u64 = 1_440_938_160;

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/sigv4")
}

/// The session token the signer is given: only `get-vanilla-with-session-token` expects the
/// signer to add it, `post-sts-header-before` already carries it in the request, and
/// `post-sts-header-after` adds it after signing (so not signed).
fn session_token(folder: &str) -> Option<&'static str> {
    match folder {
        "get-vanilla-with-session-token" => {
            Some("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267")
        }
        "post-sts-token/post-sts-header-before" => Some(
            "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==",
        ),
        _ => None,
    }
}

/// Cases whose raw target `http::Uri` rejects (a space); they check the steps but not `sign()`.
/// (`http` does accept raw UTF-8 in a target, so get-utf8 goes through `sign()`.)
const NOT_VALID_URIS: [&str; 1] = ["normalize-path/get-space"];

struct RawRequest {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn parse_request(text: &str, file: &Path) -> RawRequest {
    let text = text.replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let request_line = lines
        .next()
        .unwrap_or_else(|| panic!("{}: empty", file.display()));
    // The target may hold spaces (get-space), so split at the first and the last one.
    let (method, rest) = request_line.split_once(' ').expect("method");
    let (target, _version) = rest.rsplit_once(' ').expect("version");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // obs-fold: the continuation joins the previous value after a space.
            let (_, value) = headers.last_mut().expect("continuation after a header");
            value.push(' ');
            value.push_str(line);
        } else {
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("{}: bad header line {line:?}", file.display()));
            headers.push((name.to_owned(), value.to_owned()));
        }
    }
    RawRequest {
        method: method.to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        headers,
        body: body.to_owned(),
    }
}

fn read(dir: &Path, name: &str, extension: &str) -> String {
    let path = dir.join(format!("{name}.{extension}"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// As a client would build it; `None` when the target is not a valid URI (a space: on the
/// wire it is percent-encoded, which changes what is signed).
fn to_http(raw: &RawRequest) -> Option<http::Request<bytes::Bytes>> {
    let mut uri = format!("https://example.amazonaws.com{}", raw.path);
    if !raw.query.is_empty() {
        uri.push('?');
        uri.push_str(&raw.query);
    }
    let uri = http::Uri::try_from(uri).ok()?;
    let mut request = http::Request::builder()
        .method(raw.method.as_str())
        .uri(uri)
        .body(bytes::Bytes::from(raw.body.clone()))
        .ok()?;
    for (name, value) in &raw.headers {
        let name = http::HeaderName::from_bytes(name.as_bytes()).ok()?;
        let value = http::HeaderValue::from_str(value).ok()?;
        request.headers_mut().append(name, value);
    }
    Some(request)
}

fn check(folder: &str) {
    let dir = suite_dir().join(folder);
    let name = folder.rsplit('/').next().unwrap_or(folder);
    let raw = parse_request(&read(&dir, name, "req"), &dir);
    let token = session_token(folder);

    let mut signable =
        SignableRequest::new(&raw.method, &raw.path, &raw.query, raw.body.as_bytes());
    for (header, value) in &raw.headers {
        signable.add_header(header, value.as_bytes());
    }
    let carries_token = raw
        .headers
        .iter()
        .any(|(header, _)| header.eq_ignore_ascii_case("x-amz-security-token"));
    if let (Some(token), false) = (token, carries_token) {
        signable.add_header("X-Amz-Security-Token", token.as_bytes());
    }
    let canonical = signable.canonical_request();
    assert_eq!(
        canonical,
        read(&dir, name, "creq"),
        "{folder}: canonical request"
    );

    let date_header = raw
        .headers
        .iter()
        .find(|(header, _)| header.eq_ignore_ascii_case("x-amz-date"))
        .map(|(_, value)| value.trim())
        .expect("X-Amz-Date");
    let date = AmzDate::parse(date_header).expect("suite date");
    let to_sign = string_to_sign(&date, REGION, SERVICE, &canonical);
    assert_eq!(to_sign, read(&dir, name, "sts"), "{folder}: string to sign");

    let signature = signature(SECRET, &date, REGION, SERVICE, &to_sign);
    let expected_authz = read(&dir, name, "authz");
    let authz = authorization(
        ACCESS_KEY_ID,
        &date,
        REGION,
        SERVICE,
        &signable.signed_headers(),
        &signature,
    );
    assert_eq!(authz, expected_authz, "{folder}: authorization");

    let request = to_http(&raw);
    assert_eq!(
        request.is_none(),
        NOT_VALID_URIS.contains(&folder),
        "{folder}: sign() coverage"
    );
    if let Some(mut request) = request {
        let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, token.map(str::to_owned));
        let params = SigningParams {
            credentials: &credentials,
            region: REGION,
            service: SERVICE,
            time: UNIX_EPOCH + Duration::from_secs(SUITE_TIME_SECS),
        };
        sign(&mut request, &params).expect("sign");
        assert_eq!(
            request.headers()["authorization"].to_str().ok(),
            Some(expected_authz.as_str()),
            "{folder}: sign()"
        );
        assert_eq!(request.headers()["x-amz-date"], date_header, "{folder}");
        assert_eq!(
            request.headers().get_all("host").iter().count(),
            1,
            "{folder}"
        );
        if let Some(token) = token {
            assert_eq!(request.headers()["x-amz-security-token"], token, "{folder}");
        }
    }
}

macro_rules! vectors {
    ($($test:ident => $folder:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($folder);
            }
        )*

        const FOLDERS: &[&str] = &[$($folder),*];
    };
}

vectors! {
    get_header_key_duplicate => "get-header-key-duplicate",
    get_header_value_multiline => "get-header-value-multiline",
    get_header_value_order => "get-header-value-order",
    get_header_value_trim => "get-header-value-trim",
    get_unreserved => "get-unreserved",
    get_utf8 => "get-utf8",
    get_vanilla => "get-vanilla",
    get_vanilla_empty_query_key => "get-vanilla-empty-query-key",
    get_vanilla_query => "get-vanilla-query",
    get_vanilla_query_order_encoded => "get-vanilla-query-order-encoded",
    get_vanilla_query_order_key => "get-vanilla-query-order-key",
    get_vanilla_query_order_key_case => "get-vanilla-query-order-key-case",
    get_vanilla_query_order_value => "get-vanilla-query-order-value",
    get_vanilla_query_unreserved => "get-vanilla-query-unreserved",
    get_vanilla_utf8_query => "get-vanilla-utf8-query",
    get_vanilla_with_session_token => "get-vanilla-with-session-token",
    normalize_path_get_relative => "normalize-path/get-relative",
    normalize_path_get_relative_relative => "normalize-path/get-relative-relative",
    normalize_path_get_slash => "normalize-path/get-slash",
    normalize_path_get_slash_dot_slash => "normalize-path/get-slash-dot-slash",
    normalize_path_get_slash_pointless_dot => "normalize-path/get-slash-pointless-dot",
    normalize_path_get_slashes => "normalize-path/get-slashes",
    normalize_path_get_space => "normalize-path/get-space",
    normalize_path_get_special_character => "normalize-path/get-special-character",
    post_header_key_case => "post-header-key-case",
    post_header_key_sort => "post-header-key-sort",
    post_header_value_case => "post-header-value-case",
    post_sts_header_after => "post-sts-token/post-sts-header-after",
    post_sts_header_before => "post-sts-token/post-sts-header-before",
    post_vanilla => "post-vanilla",
    post_vanilla_empty_query_value => "post-vanilla-empty-query-value",
    post_vanilla_query => "post-vanilla-query",
    post_x_www_form_urlencoded => "post-x-www-form-urlencoded",
    post_x_www_form_urlencoded_parameters => "post-x-www-form-urlencoded-parameters",
}

fn folders_with_requests(dir: &Path, prefix: &str, found: &mut Vec<String>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));
    for entry in entries.map(|entry| entry.expect("directory entry")) {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let folder = format!("{prefix}{name}");
        if path.join(format!("{name}.req")).exists() {
            found.push(folder.clone());
        }
        folders_with_requests(&path, &format!("{folder}/"), found);
    }
}

#[test]
fn every_suite_folder_has_a_test() {
    let mut found = Vec::new();
    folders_with_requests(&suite_dir(), "", &mut found);
    found.sort();
    let mut listed: Vec<String> = FOLDERS.iter().map(|folder| folder.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed);
}

/// An already percent-encoded path is encoded again, as non-S3 services expect.
#[test]
fn encoded_path_is_encoded_twice() {
    let signable = SignableRequest::new("GET", "/%E1%88%B4/a%20b", "", b"");
    let canonical = signable.canonical_request();
    assert_eq!(canonical.lines().nth(1), Some("/%25E1%2588%25B4/a%2520b"));
}

#[test]
fn host_comes_from_the_uri_when_missing() {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, None);
    let params = SigningParams {
        credentials: &credentials,
        region: REGION,
        service: SERVICE,
        time: UNIX_EPOCH + Duration::from_secs(SUITE_TIME_SECS),
    };
    let mut request = http::Request::builder()
        .uri("https://example.amazonaws.com/")
        .body(bytes::Bytes::new())
        .expect("request");
    sign(&mut request, &params).expect("sign");
    // Same signature as get-vanilla, whose request carries `Host:example.amazonaws.com`.
    let expected = read(&suite_dir().join("get-vanilla"), "get-vanilla", "authz");
    assert_eq!(request.headers()["authorization"], expected.as_str());
    assert!(request.headers().get("host").is_none());

    for (uri, host) in [
        ("https://h.example:443/", "h.example"),
        ("http://h.example:80/", "h.example"),
        ("https://h.example:8443/", "h.example:8443"),
        ("http://h.example:443/", "h.example:443"),
    ] {
        let request = http::Request::builder()
            .uri(uri)
            .body(bytes::Bytes::new())
            .expect("request");
        let canonical = SignableRequest::from_http(&request)
            .expect("signable")
            .canonical_request();
        assert!(
            canonical.contains(&format!("\nhost:{host}\n")),
            "{uri}: {canonical}"
        );
    }
}

#[test]
fn signing_twice_replaces_headers() {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, Some("token".to_owned()));
    let params = SigningParams {
        credentials: &credentials,
        region: REGION,
        service: SERVICE,
        time: UNIX_EPOCH + Duration::from_secs(SUITE_TIME_SECS),
    };
    let mut request = http::Request::builder()
        .method("POST")
        .uri("https://example.amazonaws.com/")
        .header("user-agent", "test")
        .body(bytes::Bytes::from_static(b"{}"))
        .expect("request");
    sign(&mut request, &params).expect("first");
    let first = request.headers()["authorization"].clone();
    sign(&mut request, &params).expect("second");
    let headers = request.headers();
    assert_eq!(headers["authorization"], first);
    for name in ["authorization", "x-amz-date", "x-amz-security-token"] {
        assert_eq!(headers.get_all(name).iter().count(), 1, "{name}");
    }
    let value = first.to_str().expect("ascii");
    assert!(value.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
    assert!(first.is_sensitive());
}

#[test]
fn no_host_anywhere_is_an_error() {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, None);
    let params = SigningParams {
        credentials: &credentials,
        region: REGION,
        service: SERVICE,
        time: SystemTime::now(),
    };
    let mut request = http::Request::builder()
        .uri("/relative")
        .body(bytes::Bytes::new())
        .expect("request");
    let error = sign(&mut request, &params).expect_err("no host");
    assert!(error.to_string().contains("no Host header"), "{error}");
}

#[test]
fn amz_date_formats_civil_dates() {
    for (secs, text) in [
        (0, "19700101T000000Z"),
        (SUITE_TIME_SECS, "20150830T123600Z"),
        (951_868_799, "20000229T235959Z"),
        (946_684_799, "19991231T235959Z"),
        (1_735_689_599, "20241231T235959Z"),
        (4_107_542_400, "21000301T000000Z"),
        (253_402_300_799, "99991231T235959Z"),
    ] {
        let date =
            AmzDate::from_system_time(UNIX_EPOCH + Duration::from_secs(secs)).expect("in range");
        assert_eq!(date.as_str(), text);
        assert_eq!(date.date(), &text[..8]);
        assert_eq!(AmzDate::parse(text), Ok(date));
    }
    assert!(AmzDate::from_system_time(UNIX_EPOCH + Duration::from_secs(253_402_300_800)).is_err());
    assert!(AmzDate::from_system_time(UNIX_EPOCH - Duration::from_secs(1)).is_err());
    assert!(AmzDate::parse("20150830123600Z").is_err());
    assert!(AmzDate::parse("2015083OT123600Z").is_err());
}

#[test]
fn debug_hides_secrets() {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, Some("TOKEN-VALUE".to_owned()));
    let params = SigningParams {
        credentials: &credentials,
        region: REGION,
        service: SERVICE,
        time: SystemTime::now(),
    };
    let mut signable = SignableRequest::new("GET", "/", "", b"");
    signable.add_header("x-amz-security-token", b"TOKEN-VALUE");
    for shown in [format!("{params:?}"), format!("{signable:?}")] {
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(!shown.contains("TOKEN-VALUE"), "{shown}");
    }
}

/// The signing key kept inside `Credentials` must change with the day, region and service.
#[test]
fn kept_signing_key_follows_the_scope() {
    let shared = Credentials::new(ACCESS_KEY_ID, SECRET, None);
    let day = Duration::from_secs(86_400);
    let base = UNIX_EPOCH + Duration::from_secs(SUITE_TIME_SECS);
    let scopes = [
        (base, REGION, SERVICE),
        (base, REGION, SERVICE),
        (base + day, REGION, SERVICE),
        (base + day, "eu-west-1", SERVICE),
        (base + day, "eu-west-1", "other"),
        (base, REGION, SERVICE),
    ];
    for (time, region, service) in scopes {
        let signed_with = |credentials: &Credentials| {
            let mut request = http::Request::builder()
                .uri("https://example.amazonaws.com/")
                .body(bytes::Bytes::new())
                .expect("request");
            let params = SigningParams {
                credentials,
                region,
                service,
                time,
            };
            sign(&mut request, &params).expect("sign");
            request.headers()["authorization"].clone()
        };
        let fresh = Credentials::new(ACCESS_KEY_ID, SECRET, None);
        assert_eq!(
            signed_with(&shared),
            signed_with(&fresh),
            "{region} {service}"
        );
    }
}

/// `sign` hashes the canonical request as it writes it, through a fixed buffer; long and
/// repeated headers must cross that buffer and still give what the published steps give.
#[test]
fn long_headers_sign_like_the_steps() {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET, Some("token".to_owned()));
    let time = UNIX_EPOCH + Duration::from_secs(SUITE_TIME_SECS);
    let params = SigningParams {
        credentials: &credentials,
        region: REGION,
        service: SERVICE,
        time,
    };
    for length in [10, 500, 511, 512, 513, 2000] {
        let long = format!("  a  {}\tb ", "x".repeat(length));
        let mut request = http::Request::builder()
            .method("POST")
            .uri("https://example.amazonaws.com/a%20b/?z=1&a=2")
            .header("x-long", long.as_str())
            .header("x-long", "second")
            .header("x-a", "x".repeat(length / 2))
            .body(bytes::Bytes::from_static(b"{}"))
            .expect("request");
        sign(&mut request, &params).expect("sign");

        let signable = SignableRequest::from_http(&request).expect("signable");
        let date = AmzDate::from_system_time(time).expect("date");
        let to_sign = string_to_sign(&date, REGION, SERVICE, &signable.canonical_request());
        let expected = authorization(
            ACCESS_KEY_ID,
            &date,
            REGION,
            SERVICE,
            &signable.signed_headers(),
            &signature(SECRET, &date, REGION, SERVICE, &to_sign),
        );
        assert_eq!(
            request.headers()["authorization"],
            expected.as_str(),
            "{length}"
        );
    }
}
