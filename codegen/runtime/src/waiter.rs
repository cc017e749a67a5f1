//! Smithy waiters (`smithy.waiters#waitable`): poll an operation until an acceptor says the
//! resource reached a state, with the jittered exponential backoff the Smithy waiters
//! specification defines, for at most the time the caller gives.
//!
//! Acceptors' paths are matched over the wire JSON of the input and output (every generated
//! input and output implements `Serialize` in that form), so the model's JMESPath expressions
//! apply as written.
use super::error::Error;
use super::jmespath;
use super::operation::OperationError;
use serde_json::Value;
use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

/// One waiter of the model, as data.
#[derive(Debug, Clone, Copy)]
pub struct WaiterSpec {
    /// The waiter's name in the model (`TableExists`).
    pub name: &'static str,
    /// `minDelay`, in seconds.
    pub min_delay: u64,
    /// `maxDelay`, in seconds.
    pub max_delay: u64,
    /// The acceptors, in the model's order: the first that matches decides.
    pub acceptors: &'static [Acceptor],
}

/// An acceptor: when `matcher` matches, the waiter goes to `state`.
#[derive(Debug, Clone, Copy)]
pub struct Acceptor {
    /// The state it leads to.
    pub state: State,
    /// What it matches.
    pub matcher: Matcher,
}

/// A waiter state.
#[allow(dead_code)] // the generator builds the variants a model's acceptors name, not all
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Done: the resource reached the state waited for.
    Success,
    /// Done: the resource can no longer reach it.
    Failure,
    /// Poll again.
    Retry,
}

/// What an acceptor matches.
#[allow(dead_code)] // the generator builds the variants a model's acceptors name, not all
#[derive(Debug, Clone, Copy)]
pub enum Matcher {
    /// A path over the output.
    Output(PathMatcher),
    /// A path over `{"input": ..., "output": ...}`.
    InputOutput(PathMatcher),
    /// `true`: the call succeeded; `false`: it failed with a service error.
    Success(bool),
    /// The call failed with a service error with this code.
    ErrorType(&'static str),
}

/// A JMESPath expression, the value expected and how to compare.
#[derive(Debug, Clone, Copy)]
pub struct PathMatcher {
    /// The JMESPath expression (checked by the generator).
    pub path: &'static str,
    /// The expected value, as text (`"true"`/`"false"` for [`Comparator::BooleanEquals`]).
    pub expected: &'static str,
    /// How the result is compared with `expected`.
    pub comparator: Comparator,
}

/// The Smithy waiter comparators, named as the specification names them.
#[allow(clippy::enum_variant_names)]
#[allow(dead_code)] // the generator builds the variants a model's acceptors name, not all
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// The result is a string equal to the expected value.
    StringEquals,
    /// The result is a boolean equal to the expected value.
    BooleanEquals,
    /// The result is a non-empty list of strings, all equal to the expected value.
    AllStringEquals,
    /// The result is a list with at least one string equal to the expected value.
    AnyStringEquals,
}

impl PathMatcher {
    /// True when the path's value over `data` compares as the matcher says.
    pub fn matches(&self, data: &Value) -> bool {
        // The generator refused any path this parser refuses, so a failure cannot happen;
        // if it did, nothing matches rather than a panic.
        let Ok(expr) = jmespath::parse(self.path) else {
            return false;
        };
        let result = expr.evaluate(data);
        let expected = self.expected;
        let is_expected = |v: &Value| v.as_str() == Some(expected);
        match self.comparator {
            Comparator::StringEquals => is_expected(&result),
            Comparator::BooleanEquals => {
                result.as_bool().map(|b| b.to_string()).as_deref() == Some(expected)
            }
            Comparator::AllStringEquals => result
                .as_array()
                .is_some_and(|items| !items.is_empty() && items.iter().all(is_expected)),
            Comparator::AnyStringEquals => result
                .as_array()
                .is_some_and(|items| items.iter().any(is_expected)),
        }
    }
}

/// The result of the last call of a wait.
#[derive(Debug)]
pub enum FinalPoll<O, E> {
    /// The call succeeded.
    Output(O),
    /// The call failed.
    Error(Error<E>),
}

impl<O, E> FinalPoll<O, E> {
    /// The output, when the last call succeeded.
    pub fn output(&self) -> Option<&O> {
        match self {
            FinalPoll::Output(output) => Some(output),
            FinalPoll::Error(_) => None,
        }
    }

    /// The error, when the last call failed (a waiter can succeed on an error, such as
    /// `ResourceNotFoundException` for a resource waited away).
    pub fn error(&self) -> Option<&Error<E>> {
        match self {
            FinalPoll::Output(_) => None,
            FinalPoll::Error(error) => Some(error),
        }
    }
}

/// Why a wait ended without reaching the success state.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<O, E> {
    /// A failure acceptor matched: the resource can no longer reach the state waited for.
    FailureState {
        /// The waiter's name.
        waiter: &'static str,
        /// The call that matched.
        last: FinalPoll<O, E>,
    },
    /// A call failed with an error no acceptor matched.
    OperationFailed {
        /// The waiter's name.
        waiter: &'static str,
        /// The error.
        error: Error<E>,
    },
    /// The maximum wait ran out (or left less than the minimum delay) before a final state.
    MaxWaitExceeded {
        /// The waiter's name.
        waiter: &'static str,
        /// Calls made.
        attempts: u32,
        /// Time spent.
        elapsed: Duration,
    },
}

impl<O: fmt::Debug, E: OperationError> fmt::Display for WaitError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::FailureState { waiter, .. } => {
                write!(f, "waiter {waiter}: reached its failure state")
            }
            // The call's error is the source: a chain printer shows it next, once.
            WaitError::OperationFailed { waiter, .. } => {
                write!(f, "waiter {waiter}: the call failed")
            }
            WaitError::MaxWaitExceeded {
                waiter,
                attempts,
                elapsed,
            } => write!(
                f,
                "waiter {waiter}: no final state after {attempts} attempt(s) in {elapsed:?}"
            ),
        }
    }
}

impl<O, E> std::error::Error for WaitError<O, E>
where
    O: fmt::Debug,
    E: OperationError + 'static,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::OperationFailed { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// How long to wait, and optionally other delays than the model's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    /// The longest the whole wait may take.
    pub max_wait: Duration,
    /// Replaces the model's `minDelay` (at least 1 ms is used).
    pub min_delay: Option<Duration>,
    /// Replaces the model's `maxDelay` (raised to the minimum delay if below it).
    pub max_delay: Option<Duration>,
}

impl WaitOptions {
    /// Waits at most `max_wait`, with the model's delays.
    pub fn new(max_wait: Duration) -> Self {
        WaitOptions {
            max_wait,
            min_delay: None,
            max_delay: None,
        }
    }

    /// Another minimum delay between calls.
    pub fn with_min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = Some(delay);
        self
    }

    /// Another maximum delay between calls.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = Some(delay);
        self
    }
}

impl From<Duration> for WaitOptions {
    fn from(max_wait: Duration) -> Self {
        WaitOptions::new(max_wait)
    }
}

/// The delays between calls, as the Smithy waiters specification computes them.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    min_delay: Duration,
    max_delay: Duration,
    attempt_ceiling: f64,
}

impl Backoff {
    /// Delays between `min_delay` (at least 1 ms) and `max_delay` (at least `min_delay`).
    pub fn new(min_delay: Duration, max_delay: Duration) -> Self {
        let min_delay = min_delay.max(Duration::from_millis(1));
        let max_delay = max_delay.max(min_delay);
        Backoff {
            min_delay,
            max_delay,
            attempt_ceiling: (max_delay.as_secs_f64() / min_delay.as_secs_f64()).log2() + 1.0,
        }
    }

    /// The delay after call number `attempt` (from 1) with `remaining` time left, `random`
    /// a number in `[0, 1]`; `None` when the wait must stop (less than the minimum delay
    /// would be left).
    ///
    /// The specification: `delay = attempt > attemptCeiling ? maxDelay : minDelay * 2^(attempt-1)`,
    /// then `delay = random(minDelay, delay)`, then if `remainingTime - delay <= minDelay`,
    /// `delay = remainingTime - minDelay`.
    pub fn delay(&self, attempt: u32, remaining: Duration, random: f64) -> Option<Duration> {
        let (min, max) = (self.min_delay.as_secs_f64(), self.max_delay.as_secs_f64());
        let ceiling = if f64::from(attempt) > self.attempt_ceiling {
            max
        } else {
            (min * 2f64.powi(attempt.saturating_sub(1) as i32)).min(max)
        };
        let mut delay = min + (ceiling - min) * random.clamp(0.0, 1.0);
        let remaining = remaining.as_secs_f64();
        if remaining - delay <= min {
            delay = remaining - min;
        }
        // No time left for another call after a positive delay: the wait is over.
        // Only a delay near `Duration::MAX` fails to convert back: it is the maximum delay.
        (delay > 0.0).then(|| Duration::try_from_secs_f64(delay).unwrap_or(self.max_delay))
    }
}

/// Which state the acceptors give a call's result; `None` when none matches.
pub fn acceptor_state<O: serde::Serialize, E: OperationError>(
    spec: &WaiterSpec,
    input: &Value,
    result: &Result<O, Error<E>>,
) -> Option<State> {
    let output = result
        .as_ref()
        .ok()
        .map(|o| serde_json::to_value(o).unwrap_or(Value::Null));
    let mut input_output = None;
    spec.acceptors.iter().find_map(|acceptor| {
        let matched = match (&acceptor.matcher, result) {
            (Matcher::Success(expected), _) => match result {
                Ok(_) => *expected,
                Err(Error::Service(_)) => !*expected,
                Err(_) => false,
            },
            (Matcher::ErrorType(code), Err(Error::Service(error))) => {
                error.metadata().shape_code() == Some(*code)
            }
            (Matcher::ErrorType(_), _) => false,
            (Matcher::Output(path), Ok(_)) => output.as_ref().is_some_and(|o| path.matches(o)),
            (Matcher::InputOutput(path), Ok(_)) => {
                let data = input_output.get_or_insert_with(|| {
                    serde_json::json!({"input": input, "output": output.clone().unwrap_or(Value::Null)})
                });
                path.matches(data)
            }
            (Matcher::Output(_) | Matcher::InputOutput(_), Err(_)) => false,
        };
        matched.then_some(acceptor.state)
    })
}

/// A number in `[0, 1]` from the system's random source (ring, already used for signing).
fn jitter() -> f64 {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 4];
    match ring::rand::SystemRandom::new().fill(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX),
        // No randomness: the largest delay allowed, the gentlest on the service.
        Err(_) => 1.0,
    }
}

/// Polls with `call` until an acceptor reaches a final state or `options.max_wait` runs out.
/// The first call is made at once.
pub async fn wait<I, O, E, F, Fut>(
    spec: &'static WaiterSpec,
    options: WaitOptions,
    input: &I,
    mut call: F,
) -> Result<FinalPoll<O, E>, WaitError<O, E>>
where
    I: serde::Serialize,
    O: serde::Serialize,
    E: OperationError,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, Error<E>>>,
{
    let uses_input = spec
        .acceptors
        .iter()
        .any(|a| matches!(a.matcher, Matcher::InputOutput(_)));
    let input = if uses_input {
        serde_json::to_value(input).unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    let backoff = Backoff::new(
        options
            .min_delay
            .unwrap_or(Duration::from_secs(spec.min_delay)),
        options
            .max_delay
            .unwrap_or(Duration::from_secs(spec.max_delay)),
    );
    let start = Instant::now();
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let result = call().await;
        let last = |result| match result {
            Ok(output) => FinalPoll::Output(output),
            Err(error) => FinalPoll::Error(error),
        };
        match acceptor_state(spec, &input, &result) {
            Some(State::Success) => return Ok(last(result)),
            Some(State::Failure) => {
                return Err(WaitError::FailureState {
                    waiter: spec.name,
                    last: last(result),
                })
            }
            Some(State::Retry) => {}
            None => {
                if let Err(error) = result {
                    return Err(WaitError::OperationFailed {
                        waiter: spec.name,
                        error,
                    });
                }
            }
        }
        let elapsed = start.elapsed();
        let remaining = options.max_wait.saturating_sub(elapsed);
        let Some(delay) = backoff.delay(attempt, remaining, jitter()) else {
            return Err(WaitError::MaxWaitExceeded {
                waiter: spec.name,
                attempts: attempt,
                elapsed,
            });
        };
        tracing::debug!(waiter = spec.name, attempt, ?delay, "waiter retrying");
        tokio::time::sleep(delay).await;
    }
}
