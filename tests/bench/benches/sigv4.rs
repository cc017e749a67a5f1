//! Signing one Cognito request: our hand-written SigV4 (`runtime::sigv4::sign`, ring HMAC,
//! signing key cached per day in the credentials) against the `aws-sigv4` crate the SDK uses
//! (derives the key on every call), from the same unsigned `http::Request` to the same signed
//! one. Building the unsigned request is outside the measured part.
//!
//! `cargo bench --manifest-path tests/bench/Cargo.toml --bench sigv4`
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
use aws_smithy_runtime_api::client::identity::Identity;
use bench::{ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY};
use bytes::Bytes;
use runtime::credentials::Credentials;
use runtime::sigv4;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SERVICE: &str = "cognito-idp";
const HOST: &str = "cognito-idp.us-east-1.amazonaws.com";
const BODY: &[u8] = br#"{"UserPoolId":"us-east-1_EXAMPLE1","Username":"bench-user"}"#;

fn unsigned_request() -> http::Request<Bytes> {
    http::Request::builder()
        .method(http::Method::POST)
        .uri(format!("https://{HOST}/"))
        .header(http::header::HOST, HOST)
        .header(http::header::CONTENT_TYPE, "application/x-amz-json-1.1")
        .header(
            "x-amz-target",
            "AWSCognitoIdentityProviderService.AdminResetUserPassword",
        )
        .header(http::header::CONTENT_LENGTH, BODY.len())
        .body(Bytes::from_static(BODY))
        .expect("a valid request")
}

fn sign_ours(request: &mut http::Request<Bytes>, credentials: &Credentials, time: SystemTime) {
    let params = sigv4::SigningParams {
        credentials,
        region: REGION,
        service: SERVICE,
        time,
    };
    sigv4::sign(request, &params).expect("our signature");
}

fn sign_aws(request: &mut http::Request<Bytes>, identity: &Identity, time: SystemTime) {
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(identity)
        .region(REGION)
        .name(SERVICE)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .expect("signing params")
        .into();
    let instructions = {
        let headers = request
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or_default()));
        let signable = SignableRequest::new(
            request.method().as_str(),
            request.uri().to_string(),
            headers,
            SignableBody::Bytes(request.body()),
        )
        .expect("a signable request");
        aws_sigv4::http_request::sign(signable, &params)
            .expect("aws-sigv4 signature")
            .into_parts()
            .0
    };
    instructions.apply_to_request_http1x(request);
}

fn authorization(request: &http::Request<Bytes>) -> String {
    request
        .headers()
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn sigv4(c: &mut Criterion) {
    let credentials = Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None);
    let identity: Identity =
        aws_credential_types::Credentials::new(ACCESS_KEY_ID, SECRET_ACCESS_KEY, None, None, "b")
            .into();
    let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);

    // Both must produce the same signature, or the comparison means nothing.
    let (mut a, mut b) = (unsigned_request(), unsigned_request());
    sign_ours(&mut a, &credentials, time);
    sign_aws(&mut b, &identity, time);
    assert_eq!(
        authorization(&a),
        authorization(&b),
        "the two signers disagree"
    );
    eprintln!(
        "same Authorization from both signers: {}",
        authorization(&a)
    );

    let mut group = c.benchmark_group("sigv4");
    group.bench_function("ours", |bencher| {
        bencher.iter_batched(
            unsigned_request,
            |mut request| {
                sign_ours(&mut request, &credentials, time);
                request
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("aws-sigv4", |bencher| {
        bencher.iter_batched(
            unsigned_request,
            |mut request| {
                sign_aws(&mut request, &identity, time);
                request
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, sigv4);
criterion_main!(benches);
