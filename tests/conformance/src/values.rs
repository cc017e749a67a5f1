//! Case values walked with the suite's model, which alone says what a value is: a blob is
//! given as text but travels as base64, a `float` compares at `f32` precision, `"NaN"` is a
//! float and not a string. Case values follow the README's conventions; wire values are the
//! JSON the client sends and parses.
use crate::json;
use base64::Engine as _;
use codegen::model::{Model, OperationShape, Shape, Traits};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Smithy's unit shape: what an operation without input or output has.
pub const UNIT: &str = "smithy.api#Unit";

/// A shape of the model or the prelude.
pub fn shape<'m>(model: &'m Model, id: &str) -> Result<Cow<'m, Shape>, String> {
    model
        .shape(id)
        .ok_or_else(|| format!("shape {id} is not in the model"))
}

/// The operation shape `id`.
pub fn operation(model: &Model, id: &str) -> Result<OperationShape, String> {
    match &*shape(model, id)? {
        Shape::Operation(op) => Ok(op.clone()),
        _ => Err(format!("{id} is not an operation")),
    }
}

/// The input shape of an operation (the unit shape when it has none).
pub fn input_shape(op: &OperationShape) -> &str {
    op.input.as_ref().map_or(UNIT, |t| t.target.as_str())
}

/// The output shape of an operation (the unit shape when it has none).
pub fn output_shape(op: &OperationShape) -> &str {
    op.output.as_ref().map_or(UNIT, |t| t.target.as_str())
}

/// The members of a structure or union, with their target and traits.
fn members(shape: &Shape) -> Option<&codegen::model::Aggregate> {
    match shape {
        Shape::Structure(a) | Shape::Union(a) => Some(a),
        _ => None,
    }
}

/// Only epoch seconds, awsJson's default, are numbers in cases and on the wire alike.
fn check_timestamp(id: &str, member: Option<&Traits>, target: &Shape) -> Result<(), String> {
    let format = member
        .and_then(|t| t.timestamp_format())
        .or_else(|| target.traits().timestamp_format());
    match format {
        None | Some("epoch-seconds") => Ok(()),
        Some(other) => Err(format!(
            "{id}: timestamp format {other:?} is not handled by the harness"
        )),
    }
}

/// A case's value for shape `id` in wire form: blobs become base64, every other value is
/// already what awsJson sends (epoch-seconds numbers, `"NaN"`-style floats, enum values).
pub fn to_wire(model: &Model, id: &str, value: &Value, path: &str) -> Result<Value, String> {
    wire_value(model, id, None, value, path)
}

fn wire_value(
    model: &Model,
    id: &str,
    member: Option<&Traits>,
    value: &Value,
    path: &str,
) -> Result<Value, String> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    let target = shape(model, id)?;
    match &*target {
        Shape::Structure(a) | Shape::Union(a) => {
            let object = value
                .as_object()
                .ok_or_else(|| format!("{path}: expected an object for {id}, found {value}"))?;
            let mut out = Map::new();
            for (key, v) in object {
                let (_, m) = a
                    .members
                    .iter()
                    .find(|(name, _)| *name == key)
                    .ok_or_else(|| format!("{path}.{key}: {id} has no member {key:?}"))?;
                let wire = wire_value(
                    model,
                    &m.target,
                    Some(&m.traits),
                    v,
                    &format!("{path}.{key}"),
                )?;
                out.insert(key.clone(), wire);
            }
            Ok(Value::Object(out))
        }
        Shape::List(l) | Shape::Set(l) => {
            let items = value
                .as_array()
                .ok_or_else(|| format!("{path}: expected a list for {id}, found {value}"))?;
            let out: Result<Vec<Value>, String> = items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    wire_value(
                        model,
                        &l.member.target,
                        Some(&l.member.traits),
                        v,
                        &format!("{path}[{i}]"),
                    )
                })
                .collect();
            Ok(Value::Array(out?))
        }
        Shape::Map(m) => {
            let object = value
                .as_object()
                .ok_or_else(|| format!("{path}: expected a map for {id}, found {value}"))?;
            let mut out = Map::new();
            for (key, v) in object {
                let wire = wire_value(
                    model,
                    &m.value.target,
                    Some(&m.value.traits),
                    v,
                    &format!("{path}.{key}"),
                )?;
                out.insert(key.clone(), wire);
            }
            Ok(Value::Object(out))
        }
        Shape::Blob(_) => {
            let text = value
                .as_str()
                .ok_or_else(|| format!("{path}: a blob is given as text, found {value}"))?;
            Ok(Value::String(
                base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
            ))
        }
        Shape::Timestamp(_) => {
            check_timestamp(path, member, &target)?;
            Ok(value.clone())
        }
        _ => Ok(value.clone()),
    }
}

/// A smallest valid value of shape `id`: its required members set, each to a placeholder.
/// Response cases give no input, but the client needs one to make its call.
pub fn placeholder(model: &Model, id: &str) -> Value {
    placeholder_at(model, id, 0)
}

fn placeholder_at(model: &Model, id: &str, depth: usize) -> Value {
    let Ok(target) = shape(model, id) else {
        return Value::Null;
    };
    if depth > 32 {
        return Value::Null;
    }
    match &*target {
        Shape::Structure(a) => {
            let required = a.members.iter().filter(|(_, m)| m.traits.required());
            let object = required
                .map(|(name, m)| (name.clone(), placeholder_at(model, &m.target, depth + 1)))
                .collect();
            Value::Object(object)
        }
        Shape::Union(a) => match a.members.iter().next() {
            Some((name, m)) => {
                let mut object = Map::new();
                object.insert(name.clone(), placeholder_at(model, &m.target, depth + 1));
                Value::Object(object)
            }
            None => Value::Object(Map::new()),
        },
        Shape::List(_) | Shape::Set(_) => Value::Array(Vec::new()),
        Shape::Map(_) | Shape::Document(_) => Value::Object(Map::new()),
        Shape::Enum(a) | Shape::IntEnum(a) => a
            .members
            .iter()
            .next()
            .map(|(name, m)| {
                m.traits
                    .enum_value()
                    .cloned()
                    .unwrap_or_else(|| Value::String(name.clone()))
            })
            .unwrap_or(Value::Null),
        Shape::String(s) => s
            .traits
            .get("smithy.api#enum")
            .and_then(|list| list.get(0)?.get("value").cloned())
            // A valid host label too, in case the member fills a host prefix.
            .unwrap_or_else(|| Value::String("a".into())),
        Shape::Boolean(_) => Value::Bool(false),
        Shape::Blob(_) => Value::String(String::new()),
        _ => Value::from(0),
    }
}

/// Adds to `problems` how the `observed` wire value differs from the `expected` case value
/// of shape `id`. Members must match exactly: one the case leaves out must be unset.
pub fn diff(
    model: &Model,
    id: &str,
    path: &str,
    expected: &Value,
    observed: &Value,
    problems: &mut Vec<String>,
) {
    diff_at(model, id, None, path, expected, observed, problems)
}

fn diff_at(
    model: &Model,
    id: &str,
    member: Option<&Traits>,
    path: &str,
    expected: &Value,
    observed: &Value,
    problems: &mut Vec<String>,
) {
    let target = match shape(model, id) {
        Ok(target) => target,
        Err(e) => return problems.push(format!("{path}: {e}")),
    };
    if let Some(aggregate) = members(&target) {
        return diff_members(model, aggregate, id, path, expected, observed, problems);
    }
    match &*target {
        Shape::List(l) | Shape::Set(l) => match (expected.as_array(), observed.as_array()) {
            (Some(a), Some(b)) if a.len() == b.len() => {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    let at = format!("{path}[{i}]");
                    diff_at(
                        model,
                        &l.member.target,
                        Some(&l.member.traits),
                        &at,
                        x,
                        y,
                        problems,
                    );
                }
            }
            _ => problems.push(format!("{path}: expected {expected}, found {observed}")),
        },
        Shape::Map(m) => match (expected.as_object(), observed.as_object()) {
            (Some(a), Some(b)) if a.len() == b.len() && a.keys().all(|k| b.contains_key(k)) => {
                for (key, x) in a {
                    let at = format!("{path}.{key}");
                    diff_at(
                        model,
                        &m.value.target,
                        Some(&m.value.traits),
                        &at,
                        x,
                        &b[key],
                        problems,
                    );
                }
            }
            _ => problems.push(format!("{path}: expected {expected}, found {observed}")),
        },
        Shape::Blob(_) => diff_blob(path, expected, observed, problems),
        Shape::Timestamp(_) => {
            if let Err(e) = check_timestamp(path, member, &target) {
                return problems.push(e);
            }
            match (expected.as_f64(), observed.as_f64()) {
                (Some(a), Some(b)) if (a - b).abs() <= 1e-6 => {}
                _ => problems.push(format!(
                    "{path}: expected the timestamp {expected}, found {observed}"
                )),
            }
        }
        Shape::Float(_) => diff_float(path, expected, observed, true, problems),
        Shape::Double(_) => diff_float(path, expected, observed, false, problems),
        _ => json::diff(path, expected, observed, problems),
    }
}

fn diff_members(
    model: &Model,
    aggregate: &codegen::model::Aggregate,
    id: &str,
    path: &str,
    expected: &Value,
    observed: &Value,
    problems: &mut Vec<String>,
) {
    let (Some(a), Some(b)) = (expected.as_object(), observed.as_object()) else {
        return problems.push(format!(
            "{path}: expected {expected} ({id}), found {observed}"
        ));
    };
    fn set<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
        object.get(key).filter(|v| !v.is_null())
    }
    for (name, m) in aggregate.members.iter() {
        let at = format!("{path}.{name}");
        match (set(a, name), set(b, name)) {
            (Some(x), Some(y)) => diff_at(model, &m.target, Some(&m.traits), &at, x, y, problems),
            (Some(x), None) => problems.push(format!("{at}: unset, expected {x}")),
            (None, Some(y)) => problems.push(format!("{at}: should be unset, found {y}")),
            (None, None) => {}
        }
    }
    for key in a.keys().chain(b.keys()) {
        if !aggregate.members.iter().any(|(name, _)| name == key) && key != "__type" {
            problems.push(format!("{path}.{key}: {id} has no such member"));
        }
    }
}

fn diff_blob(path: &str, expected: &Value, observed: &Value, problems: &mut Vec<String>) {
    let decoded = observed
        .as_str()
        .and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok());
    match (expected.as_str(), decoded) {
        (Some(text), Some(bytes)) if text.as_bytes() == bytes => {}
        (_, Some(bytes)) => problems.push(format!(
            "{path}: expected the bytes of {expected}, found {:?}",
            String::from_utf8_lossy(&bytes)
        )),
        (_, None) => problems.push(format!(
            "{path}: expected base64 of {expected}, found {observed}"
        )),
    }
}

/// A float as cases and the wire spell it: a number or `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub fn float_value(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// Floats compare by value, NaN equal to NaN; a `float` member at `f32` precision, since
/// the client holds it in an `f32` (`1.1` comes back as `1.100000023841858`).
fn diff_float(
    path: &str,
    expected: &Value,
    observed: &Value,
    single: bool,
    problems: &mut Vec<String>,
) {
    let same = match (float_value(expected), float_value(observed)) {
        (Some(a), Some(b)) if a.is_nan() || b.is_nan() => a.is_nan() && b.is_nan(),
        (Some(a), Some(b)) if single => (a as f32) == (b as f32),
        (Some(a), Some(b)) => a == b,
        _ => false,
    };
    if !same {
        problems.push(format!("{path}: expected {expected}, found {observed}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn model() -> Model {
        let text = json!({
            "smithy": "2.0",
            "shapes": {
                "t#S": {"type": "structure", "members": {
                    "b": {"target": "t#B"}, "f": {"target": "t#F"}, "d": {"target": "t#D"},
                    "ts": {"target": "t#T"}, "l": {"target": "t#L"}, "m": {"target": "t#M"},
                    "u": {"target": "t#U"}, "r": {"target": "t#Str", "traits": {"smithy.api#required": {}}}
                }},
                "t#U": {"type": "union", "members": {"s": {"target": "t#Str"}, "b": {"target": "t#B"}}},
                "t#B": {"type": "blob"}, "t#F": {"type": "float"}, "t#D": {"type": "double"},
                "t#T": {"type": "timestamp"}, "t#Str": {"type": "string"},
                "t#L": {"type": "list", "member": {"target": "t#B"}},
                "t#M": {"type": "map", "key": {"target": "t#Str"}, "value": {"target": "t#B"}}
            }
        });
        Model::parse(&text.to_string(), "test").unwrap()
    }

    #[test]
    fn blobs_become_base64_wherever_they_are() {
        let wire = to_wire(
            &model(),
            "t#S",
            &json!({"b": "foo", "l": ["foo"], "m": {"k": "foo"}, "u": {"b": "foo"}, "f": "NaN", "ts": 1}),
            "$",
        )
        .unwrap();
        assert_eq!(
            wire,
            json!({"b": "Zm9v", "l": ["Zm9v"], "m": {"k": "Zm9v"}, "u": {"b": "Zm9v"}, "f": "NaN", "ts": 1})
        );
        assert!(to_wire(&model(), "t#S", &json!({"nope": 1}), "$")
            .unwrap_err()
            .contains("no member \"nope\""));
    }

    #[test]
    fn placeholders_fill_required_members() {
        assert_eq!(placeholder(&model(), "t#S"), json!({"r": "a"}));
        assert_eq!(placeholder(&model(), UNIT), json!({}));
    }

    fn problems(expected: Value, observed: Value) -> Vec<String> {
        let mut problems = Vec::new();
        diff(&model(), "t#S", "$", &expected, &observed, &mut problems);
        problems
    }

    #[test]
    fn outputs_compare_exactly_by_model() {
        assert!(problems(
            json!({"b": "foo", "f": 1.1, "d": "NaN", "ts": 1398796238, "u": {"s": "x"}}),
            json!({"b": "Zm9v", "f": 1.100000023841858, "d": "NaN", "ts": 1398796238.0, "u": {"s": "x"}, "r": null}),
        )
        .is_empty());
        assert_eq!(
            problems(json!({}), json!({"r": "x"})),
            ["$.r: should be unset, found \"x\""]
        );
        assert_eq!(
            problems(json!({"f": "Infinity"}), json!({})),
            ["$.f: unset, expected \"Infinity\""]
        );
        assert_eq!(
            problems(json!({"d": 1.1}), json!({"d": 1.100000023841858})).len(),
            1
        );
        assert_eq!(problems(json!({"b": "foo"}), json!({"b": "YmFy"})).len(), 1);
        assert_eq!(problems(json!({"l": ["a"]}), json!({"l": []})).len(), 1);
    }
}
