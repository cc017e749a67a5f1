//! JSON equality as the conformance rules want it: key order and whitespace never matter, and
//! numbers compare by value (`1` equals `1.0`), which `serde_json::Value`'s own `==` does not do.
use serde_json::{Number, Value};

/// True when two numbers have the same value: exactly for integers, else as `f64`.
pub fn numbers_equal(a: &Number, b: &Number) -> bool {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return x == y;
    }
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Adds to `problems` every place where `observed` differs from `expected`, each named by its
/// JSON path (`$.contents.listValue[1]`).
pub fn diff(path: &str, expected: &Value, observed: &Value, problems: &mut Vec<String>) {
    match (expected, observed) {
        (Value::Number(a), Value::Number(b)) if numbers_equal(a, b) => {}
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                diff(&format!("{path}[{i}]"), x, y, problems);
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            for (key, x) in a {
                match b.get(key) {
                    Some(y) => diff(&format!("{path}.{key}"), x, y, problems),
                    None => problems.push(format!("{path}.{key}: missing, expected {x}")),
                }
            }
            for (key, y) in b {
                if !a.contains_key(key) {
                    problems.push(format!("{path}.{key}: unexpected {y}"));
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => problems.push(format!("{path}: expected {a}, found {b}")),
    }
}

/// True when the two values are equal under [`diff`]'s rules.
pub fn equal(expected: &Value, observed: &Value) -> bool {
    let mut problems = Vec::new();
    diff("$", expected, observed, &mut problems);
    problems.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value() {
        assert!(equal(&json!({"a": 1}), &json!({"a": 1.0})));
        assert!(equal(&json!([1.5, -2]), &json!([1.5, -2.0])));
        assert!(!equal(&json!(1), &json!(2)));
        assert!(equal(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!equal(&json!(i64::MAX), &json!(i64::MAX - 1)));
    }

    #[test]
    fn objects_ignore_order_but_not_extra_or_missing_keys() {
        assert!(equal(&json!({"a": 1, "b": 2}), &json!({"b": 2, "a": 1})));
        let mut problems = Vec::new();
        diff("$", &json!({"a": 1}), &json!({"b": 1}), &mut problems);
        assert_eq!(
            problems,
            ["$.a: missing, expected 1", "$.b: unexpected 1"],
            "{problems:?}"
        );
        assert!(!equal(&json!([1, 2]), &json!([1, 2, 3])));
        assert!(!equal(&json!("1"), &json!(1)));
    }
}
