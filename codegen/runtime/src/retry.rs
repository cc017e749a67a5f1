//! The AWS "standard" retry mode: which failures are retried, how long to wait, and a
//! per-client quota that stops retry storms when a service is down.
use super::transport::TransportErrorKind;
use std::fmt;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Error codes AWS services use for throttling, the list every AWS SDK's standard mode shares.
pub const THROTTLING_ERRORS: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes for failures that are expected to pass on a second try.
pub const TRANSIENT_ERRORS: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalError",
    "InternalFailure",
    "ServiceUnavailable",
];

/// Error codes saying the request's signing time is too far from the service's clock, the
/// list the AWS SDKs share. After one of these the client corrects its clock from the
/// response's `Date` header and retries once (see [`RetryReason::ClockSkew`]).
pub const CLOCK_SKEW_ERRORS: &[&str] = &[
    "AuthFailure",
    "InvalidSignatureException",
    "RequestExpired",
    "RequestInTheFuture",
    "RequestTimeTooSkewed",
    "SignatureDoesNotMatch",
];

/// How far the service's clock (its `Date` header) must be from ours before a clock-skew
/// error is corrected, as the AWS SDK for Java: SigV4 allows 5 minutes, so a smaller
/// difference does not explain the error.
pub const CLOCK_SKEW_THRESHOLD: std::time::Duration = std::time::Duration::from_secs(4 * 60);

/// HTTP statuses retried whatever the error code.
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// Why a failed attempt is worth another try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// The service said to slow down.
    Throttling,
    /// The error code names a transient failure.
    TransientError,
    /// The status is one of [`TRANSIENT_STATUS_CODES`].
    ServerError,
    /// The model marks the error `@retryable`.
    ModeledRetryable,
    /// The attempt or its connection timed out.
    Timeout,
    /// No connection could be made, or it broke.
    ConnectionError,
    /// The signature was refused for a clock difference the client has now corrected.
    ClockSkew,
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RetryReason::Throttling => "throttled",
            RetryReason::TransientError => "transient error",
            RetryReason::ServerError => "server error",
            RetryReason::ModeledRetryable => "retryable error",
            RetryReason::Timeout => "timeout",
            RetryReason::ConnectionError => "connection error",
            RetryReason::ClockSkew => "clock skew corrected",
        })
    }
}

/// Classifies an error response. `code` is the normalised error code; `modeled_retryable`
/// is the operation error's own verdict (`@retryable` in the model).
pub fn classify_response(code: &str, status: u16, modeled_retryable: bool) -> Option<RetryReason> {
    if THROTTLING_ERRORS.contains(&code) {
        Some(RetryReason::Throttling)
    } else if modeled_retryable {
        Some(RetryReason::ModeledRetryable)
    } else if TRANSIENT_ERRORS.contains(&code) {
        Some(RetryReason::TransientError)
    } else if TRANSIENT_STATUS_CODES.contains(&status) {
        Some(RetryReason::ServerError)
    } else {
        None
    }
}

/// Classifies a failure to send or to read the response.
pub fn classify_transport(kind: TransportErrorKind) -> Option<RetryReason> {
    match kind {
        TransportErrorKind::Connect | TransportErrorKind::Io => Some(RetryReason::ConnectionError),
        TransportErrorKind::Timeout => Some(RetryReason::Timeout),
        _ => None,
    }
}

/// How many times to try and how long to wait in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Attempts in total, the first included; 1 disables retries.
    pub max_attempts: u32,
    /// The ceiling of the first backoff; it doubles with every retry.
    pub initial_backoff: Duration,
    /// No backoff is longer than this.
    pub max_backoff: Duration,
}

impl RetryConfig {
    /// Default attempts in total, the first included.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
    /// Default ceiling of the first backoff.
    pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_secs(1);
    /// Default longest backoff.
    pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(20);

    /// Standard mode: 3 attempts, backoff up to 1 s, 2 s, 4 s ... capped at 20 s.
    pub fn standard() -> Self {
        Self {
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            initial_backoff: Self::DEFAULT_INITIAL_BACKOFF,
            max_backoff: Self::DEFAULT_MAX_BACKOFF,
        }
    }
    /// A single attempt, never retried.
    pub fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
    }
    /// Sets the attempts in total; 0 counts as 1.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }
    /// Sets the ceiling of the first backoff.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }
    /// Sets the longest backoff.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }
    /// The wait before retry number `retry` (1 for the first retry), full jitter:
    /// `random * min(max_backoff, initial_backoff * 2^(retry - 1))`, `random` in `[0, 1)`.
    pub fn backoff(&self, retry: u32, random: f64) -> Duration {
        let doublings = retry.saturating_sub(1).min(31);
        let ceiling = self
            .initial_backoff
            .checked_mul(1u32 << doublings)
            .map_or(self.max_backoff, |d| d.min(self.max_backoff));
        ceiling.mul_f64(random.clamp(0.0, 1.0))
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

/// A small xorshift generator for backoff jitter; not for anything secret.
#[derive(Debug)]
pub struct Jitter {
    state: AtomicU64,
}

impl Jitter {
    /// A generator seeded from the clock and its own address.
    pub fn new() -> Self {
        let jitter = Self::seeded(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let address = &jitter as *const Self as u64;
        jitter
            .state
            .store(nonzero(nanos ^ address.rotate_left(32)), Ordering::Relaxed);
        jitter
    }
    /// A generator with a fixed seed, for reproducible sequences.
    pub fn seeded(seed: u64) -> Self {
        Self {
            state: AtomicU64::new(nonzero(seed)),
        }
    }
    /// The next 64 random bits.
    pub fn next_u64(&self) -> u64 {
        let previous = self
            .state
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |x| Some(xorshift(x)))
            .unwrap_or(1);
        xorshift(previous).wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `[0, 1)`.
    pub fn next_fraction(&self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

impl Default for Jitter {
    fn default() -> Self {
        Self::new()
    }
}

fn nonzero(seed: u64) -> u64 {
    if seed == 0 {
        0x9E37_79B9_7F4A_7C15
    } else {
        seed
    }
}

fn xorshift(mut x: u64) -> u64 {
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    x
}

/// Tokens a client starts with; retries spend them, successes earn them back.
pub const INITIAL_RETRY_TOKENS: u32 = 500;
/// Tokens a retry costs.
pub const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout or a broken connection costs.
pub const RETRY_TIMEOUT_COST: u32 = 10;

/// The standard mode's retry token bucket, shared by every call of one client: when most
/// attempts fail the tokens run out and calls fail fast instead of multiplying load.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: AtomicU32,
}

impl RetryQuota {
    /// A full bucket of [`INITIAL_RETRY_TOKENS`].
    pub fn new() -> Self {
        Self::with_tokens(INITIAL_RETRY_TOKENS)
    }
    /// A bucket holding `tokens`, never filled beyond [`INITIAL_RETRY_TOKENS`] by successes.
    pub fn with_tokens(tokens: u32) -> Self {
        Self {
            tokens: AtomicU32::new(tokens),
        }
    }
    #[cfg(feature = "test-internals")]
    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Relaxed)
    }
    /// Takes the cost of a retry for `reason`; `None` (nothing taken) when too few are left.
    pub fn try_acquire(&self, reason: RetryReason) -> Option<u32> {
        let cost = match reason {
            RetryReason::Timeout | RetryReason::ConnectionError => RETRY_TIMEOUT_COST,
            _ => RETRY_COST,
        };
        self.tokens
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| {
                t.checked_sub(cost)
            })
            .ok()
            .map(|_| cost)
    }
    /// Records a successful call: gives back what its last retry cost, or one token if it
    /// needed no retry.
    pub fn on_success(&self, last_retry_cost: Option<u32>) {
        let refund = last_retry_cost.unwrap_or(1);
        let _ = self
            .tokens
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |t| {
                Some(t.saturating_add(refund).min(INITIAL_RETRY_TOKENS).max(t))
            });
    }
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new()
    }
}
