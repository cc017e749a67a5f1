//! The standard retry mode's pure parts: classification, backoff, jitter and the quota.
use runtime::retry::{
    classify_response, classify_transport, Jitter, RetryConfig, RetryQuota, RetryReason,
    INITIAL_RETRY_TOKENS, RETRY_COST, RETRY_TIMEOUT_COST, THROTTLING_ERRORS,
};
use runtime::transport::TransportErrorKind;
use std::time::Duration;

#[test]
fn throttling_codes_are_retried_whatever_the_status() {
    for code in THROTTLING_ERRORS {
        assert_eq!(
            classify_response(code, 400, false),
            Some(RetryReason::Throttling),
            "{code}"
        );
    }
    assert_eq!(
        classify_response("ThrottlingException", 400, false),
        Some(RetryReason::Throttling)
    );
}

#[test]
fn transient_codes_and_statuses_are_retried() {
    assert_eq!(
        classify_response("RequestTimeout", 400, false),
        Some(RetryReason::TransientError)
    );
    assert_eq!(
        classify_response("RequestTimeoutException", 408, false),
        Some(RetryReason::TransientError)
    );
    for status in [500, 502, 503, 504] {
        assert_eq!(
            classify_response("Whatever", status, false),
            Some(RetryReason::ServerError),
            "{status}"
        );
    }
    assert_eq!(
        classify_response("BusyException", 409, true),
        Some(RetryReason::ModeledRetryable)
    );
}

#[test]
fn other_client_errors_are_not_retried() {
    for (code, status) in [
        ("ValidationException", 400),
        ("InvalidParameterException", 400),
        ("NotAuthorizedException", 400),
        ("AccessDeniedException", 403),
        ("ResourceNotFoundException", 404),
        ("Unknown", 429),
        ("Unknown", 501),
    ] {
        assert_eq!(
            classify_response(code, status, false),
            None,
            "{code} {status}"
        );
    }
}

#[test]
fn transport_failures_are_classified() {
    assert_eq!(
        classify_transport(TransportErrorKind::Connect),
        Some(RetryReason::ConnectionError)
    );
    assert_eq!(
        classify_transport(TransportErrorKind::Io),
        Some(RetryReason::ConnectionError)
    );
    assert_eq!(
        classify_transport(TransportErrorKind::Timeout),
        Some(RetryReason::Timeout)
    );
    assert_eq!(classify_transport(TransportErrorKind::BodyTooLarge), None);
    assert_eq!(classify_transport(TransportErrorKind::Other), None);
}

#[test]
fn backoff_doubles_with_full_jitter_and_a_cap() {
    let config = RetryConfig::standard();
    assert_eq!(config.max_attempts, 3);
    assert_eq!(config.backoff(1, 0.0), Duration::ZERO);
    assert_eq!(config.backoff(1, 0.5), Duration::from_millis(500));
    assert_eq!(config.backoff(2, 0.5), Duration::from_secs(1));
    assert_eq!(config.backoff(3, 0.5), Duration::from_secs(2));
    assert_eq!(config.backoff(6, 1.0), Duration::from_secs(20));
    assert_eq!(config.backoff(u32::MAX, 1.0), Duration::from_secs(20));
    assert_eq!(
        config.backoff(2, 7.0),
        Duration::from_secs(2),
        "random is clamped"
    );
    assert_eq!(RetryConfig::disabled().max_attempts, 1);
    assert_eq!(RetryConfig::standard().with_max_attempts(0).max_attempts, 1);
}

#[test]
fn jitter_stays_in_range_and_varies() {
    let jitter = Jitter::seeded(42);
    let samples: Vec<f64> = (0..1000).map(|_| jitter.next_fraction()).collect();
    assert!(samples.iter().all(|x| (0.0..1.0).contains(x)));
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    assert!((0.4..0.6).contains(&mean), "{mean}");
    assert_ne!(Jitter::new().next_u64(), Jitter::new().next_u64());
    let (a, b) = (Jitter::seeded(7), Jitter::seeded(7));
    assert_eq!(a.next_u64(), b.next_u64());
    assert!(Jitter::seeded(0).next_u64() != 0);
}

#[test]
fn the_quota_drains_and_refills() {
    let quota = RetryQuota::new();
    assert_eq!(quota.available(), INITIAL_RETRY_TOKENS);
    assert_eq!(
        quota.try_acquire(RetryReason::ServerError),
        Some(RETRY_COST)
    );
    assert_eq!(
        quota.try_acquire(RetryReason::Timeout),
        Some(RETRY_TIMEOUT_COST)
    );
    assert_eq!(
        quota.available(),
        INITIAL_RETRY_TOKENS - RETRY_COST - RETRY_TIMEOUT_COST
    );
    quota.on_success(Some(RETRY_TIMEOUT_COST));
    quota.on_success(None);
    assert_eq!(quota.available(), INITIAL_RETRY_TOKENS - RETRY_COST + 1);
    for _ in 0..10 {
        quota.on_success(Some(RETRY_COST));
    }
    assert_eq!(
        quota.available(),
        INITIAL_RETRY_TOKENS,
        "never above the start"
    );

    let low = RetryQuota::with_tokens(7);
    assert_eq!(low.try_acquire(RetryReason::Timeout), None);
    assert_eq!(low.available(), 7, "a refused retry takes nothing");
    assert_eq!(low.try_acquire(RetryReason::Throttling), Some(RETRY_COST));
    assert_eq!(low.try_acquire(RetryReason::Throttling), None);
}
