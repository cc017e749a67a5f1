//! `smithy.waiters#waitable` into IR waiters: every acceptor checked here, so a waiter the
//! runtime could not run (a JMESPath outside the supported subset, an unknown comparator or
//! state, delays out of order) fails generation with a message naming the waiter.
use crate::docs::html_to_markdown;
use crate::ir::{Acceptor, Comparator, Operation, PathMatcher, Waiter, WaiterMatcher, WaiterState};
use crate::model::Traits;
use serde_json::Value;

/// The runtime's own parser, compiled here too, so what generation accepts is exactly what
/// the generated crate can evaluate.
#[path = "../runtime/src/jmespath.rs"]
#[allow(dead_code)]
mod jmespath;

const WAITABLE: &str = "smithy.waiters#waitable";

/// The waiters declared on an operation, in name order.
pub fn of_operation(traits: &Traits) -> Result<Vec<Waiter>, String> {
    let Some(trait_value) = traits.get(WAITABLE) else {
        return Ok(Vec::new());
    };
    let waiters = trait_value
        .as_object()
        .ok_or_else(|| format!("{WAITABLE} is not an object"))?;
    let mut out = waiters
        .iter()
        .map(|(name, def)| waiter(name, def).map_err(|problem| format!("waiter {name}: {problem}")))
        .collect::<Result<Vec<_>, _>>()?;
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Waiter methods must be unique among themselves and the client's other methods.
pub fn check_method_names(operations: &[Operation]) -> Result<(), String> {
    let mut seen = std::collections::BTreeMap::new();
    for op in operations {
        seen.insert(op.snake.clone(), format!("operation {}", op.name));
    }
    for op in operations {
        for w in &op.waiters {
            let owner = format!("waiter {} (on {})", w.name, op.name);
            if let Some(other) = seen.insert(w.method.clone(), owner.clone()) {
                return Err(format!(
                    "{owner}: its method {} is also the name of {other}",
                    w.method
                ));
            }
        }
    }
    Ok(())
}

fn waiter(name: &str, def: &Value) -> Result<Waiter, String> {
    let valid_name = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid_name {
        return Err("a waiter name must be UpperCamelCase letters and digits".into());
    }
    let delay = |key: &str, default: u64| match def.get(key) {
        None => Ok(default),
        Some(v) => v
            .as_u64()
            .filter(|d| *d >= 1)
            .ok_or_else(|| format!("{key} must be a whole number of seconds, at least 1")),
    };
    let min_delay = delay("minDelay", 2)?;
    let max_delay = delay("maxDelay", 120)?;
    if min_delay > max_delay {
        return Err(format!(
            "minDelay {min_delay} is above maxDelay {max_delay}"
        ));
    }
    let acceptors = def
        .get("acceptors")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or("acceptors must be a non-empty list")?
        .iter()
        .enumerate()
        .map(|(i, a)| acceptor(a).map_err(|problem| format!("acceptor {i}: {problem}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Waiter {
        name: name.to_string(),
        method: crate::naming::waiter_method(name),
        spec: crate::naming::waiter_spec(name),
        docs: def
            .get("documentation")
            .and_then(Value::as_str)
            .map(html_to_markdown)
            .unwrap_or_default(),
        min_delay,
        max_delay,
        deprecated: def.get("deprecated").and_then(Value::as_bool) == Some(true),
        acceptors,
    })
}

fn acceptor(def: &Value) -> Result<Acceptor, String> {
    let state = match def.get("state").and_then(Value::as_str) {
        Some("success") => WaiterState::Success,
        Some("failure") => WaiterState::Failure,
        Some("retry") => WaiterState::Retry,
        other => return Err(format!("unknown state {other:?}")),
    };
    let matcher = def
        .get("matcher")
        .and_then(Value::as_object)
        .filter(|m| m.len() == 1)
        .ok_or("the matcher must be an object with exactly one member")?;
    let (kind, value) = matcher.iter().next().ok_or("empty matcher")?;
    let matcher = match kind.as_str() {
        "output" => WaiterMatcher::Output(path_matcher(value)?),
        "inputOutput" => WaiterMatcher::InputOutput(path_matcher(value)?),
        "success" => WaiterMatcher::Success(value.as_bool().ok_or("success must be a boolean")?),
        "errorType" => WaiterMatcher::ErrorType(
            value
                .as_str()
                .map(|t| t.rsplit_once('#').map_or(t, |(_, name)| name).to_string())
                .ok_or("errorType must be a string")?,
        ),
        other => return Err(format!("unknown matcher {other:?}")),
    };
    Ok(Acceptor { state, matcher })
}

fn path_matcher(def: &Value) -> Result<PathMatcher, String> {
    let text = |key: &str| {
        def.get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("{key} must be a string"))
    };
    let path = text("path")?;
    let expected = text("expected")?;
    let comparator = match text("comparator")?.as_str() {
        "stringEquals" => Comparator::StringEquals,
        "booleanEquals" => Comparator::BooleanEquals,
        "allStringEquals" => Comparator::AllStringEquals,
        "anyStringEquals" => Comparator::AnyStringEquals,
        other => return Err(format!("unknown comparator {other:?}")),
    };
    if comparator == Comparator::BooleanEquals && !matches!(expected.as_str(), "true" | "false") {
        return Err(format!(
            "booleanEquals expects \"true\" or \"false\", not {expected:?}"
        ));
    }
    jmespath::parse(&path)
        .map_err(|e| format!("path {path:?} is outside the supported JMESPath subset: {e}"))?;
    Ok(PathMatcher {
        path,
        expected,
        comparator,
    })
}
