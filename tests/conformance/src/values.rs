//! Case values walked with the suite's model, which alone says what a value is: a blob is
//! given as text but is base64 in the client's document view, a `float` compares at `f32`
//! precision, `"NaN"` is a float and not a string, a timestamp is epoch seconds in a case and
//! text in the document view where its `@timestampFormat` says so. Case values follow the
//! README's conventions; "wire" values here are the client's document view (its `dynamic`
//! JSON): the awsJson wire form, and for restJson1 the same with body members keyed by
//! `@jsonName` and bound members by member name.
use crate::{json, timestamps};
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

/// The traits that bind a member to a part of the HTTP message other than the JSON body.
const HTTP_BINDINGS: &[&str] = &[
    "smithy.api#httpHeader",
    "smithy.api#httpLabel",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
];

/// True when the member is sent or read outside the JSON body (restJson1's bindings).
pub fn is_bound(traits: &Traits) -> bool {
    HTTP_BINDINGS.iter().any(|t| traits.has(t))
}

/// True when the model's service speaks restJson1, whose document view keys body members
/// by `@jsonName` (awsJson ignores the trait).
pub fn uses_json_names(model: &Model) -> bool {
    model.shapes.values().any(|shape| {
        matches!(shape, Shape::Service(_)) && shape.traits().has("aws.protocols#restJson1")
    })
}

/// How a suite's client spells values in its document view.
#[derive(Clone, Copy)]
struct View<'m> {
    model: &'m Model,
    json_names: bool,
}

impl<'m> View<'m> {
    fn of(model: &'m Model) -> View<'m> {
        View {
            model,
            json_names: uses_json_names(model),
        }
    }

    /// The document view's key of a member: its `@jsonName` for a restJson1 body member,
    /// else its name.
    fn key<'a>(&self, name: &'a str, member: &'a codegen::model::Member) -> &'a str {
        match member.traits.json_name() {
            Some(json) if self.json_names && !is_bound(&member.traits) => json,
            _ => name,
        }
    }
}

/// A timestamp's format: the member's `@timestampFormat`, else its target's, else epoch
/// seconds (the document view's default wherever the value is bound).
fn timestamp_format<'a>(member: Option<&'a Traits>, target: &'a Shape) -> &'a str {
    member
        .and_then(|t| t.timestamp_format())
        .or_else(|| target.traits().timestamp_format())
        .unwrap_or("epoch-seconds")
}

/// A case's timestamp (epoch seconds) in the document view's form for `format`.
fn wire_timestamp(format: &str, value: &Value, path: &str) -> Result<Value, String> {
    let seconds = value
        .as_f64()
        .ok_or_else(|| format!("{path}: a timestamp is given as epoch seconds, found {value}"))?;
    match format {
        "date-time" => Ok(Value::String(timestamps::to_date_time(seconds))),
        "http-date" => Ok(Value::String(timestamps::to_http_date(seconds))),
        "epoch-seconds" => Ok(value.clone()),
        other => Err(format!("{path}: unknown timestamp format {other:?}")),
    }
}

/// The epoch seconds of an observed timestamp: a number, or text in `format`.
fn observed_seconds(format: &str, observed: &Value) -> Option<f64> {
    match (observed, format) {
        (Value::Number(n), _) => n.as_f64(),
        (Value::String(text), "date-time") => timestamps::parse_date_time(text),
        (Value::String(text), "http-date") => timestamps::parse_http_date(text),
        _ => None,
    }
}

/// A case's value for shape `id` in the client's document view: blobs become base64,
/// timestamps follow their `@timestampFormat` (epoch-seconds numbers without one), restJson1
/// body members are keyed by `@jsonName`, `null` members are dropped (unset); every other
/// value is already in that form (`"NaN"`-style floats, enum values, documents).
pub fn to_wire(model: &Model, id: &str, value: &Value, path: &str) -> Result<Value, String> {
    wire_value(View::of(model), id, None, value, path)
}

fn wire_value(
    view: View<'_>,
    id: &str,
    member: Option<&Traits>,
    value: &Value,
    path: &str,
) -> Result<Value, String> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    let target = shape(view.model, id)?;
    match &*target {
        Shape::Structure(a) | Shape::Union(a) => {
            let object = value
                .as_object()
                .ok_or_else(|| format!("{path}: expected an object for {id}, found {value}"))?;
            let mut out = Map::new();
            for (key, v) in object.iter().filter(|(_, v)| !v.is_null()) {
                let (name, m) = a
                    .members
                    .iter()
                    .find(|(name, _)| *name == key)
                    .ok_or_else(|| format!("{path}.{key}: {id} has no member {key:?}"))?;
                let at = format!("{path}.{key}");
                let wire = wire_value(view, &m.target, Some(&m.traits), v, &at)?;
                out.insert(view.key(name, m).to_string(), wire);
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
                    let at = format!("{path}[{i}]");
                    wire_value(view, &l.member.target, Some(&l.member.traits), v, &at)
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
                let at = format!("{path}.{key}");
                let wire = wire_value(view, &m.value.target, Some(&m.value.traits), v, &at)?;
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
        Shape::Timestamp(_) => wire_timestamp(timestamp_format(member, &target), value, path),
        _ => Ok(value.clone()),
    }
}

/// The part of a document-view input of structure `id` that a restJson1 client puts in the
/// JSON body: the members without an HTTP binding. For awsJson, the whole input.
pub fn body_part(model: &Model, id: &str, input: &Value) -> Value {
    let view = View::of(model);
    let (Ok(target), Some(object)) = (shape(model, id), input.as_object()) else {
        return input.clone();
    };
    let Some(aggregate) = members(&target).filter(|_| view.json_names) else {
        return input.clone();
    };
    let bound: Vec<&str> = aggregate
        .members
        .iter()
        .filter(|(_, m)| is_bound(&m.traits))
        .map(|(name, m)| view.key(name, m))
        .collect();
    let body = object
        .iter()
        .filter(|(key, _)| !bound.contains(&key.as_str()))
        .map(|(key, v)| (key.clone(), v.clone()));
    Value::Object(body.collect())
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

/// Adds to `problems` how the `observed` document-view value differs from the `expected`
/// case value of shape `id`. Members must match exactly: one the case leaves out must be unset.
pub fn diff(
    model: &Model,
    id: &str,
    path: &str,
    expected: &Value,
    observed: &Value,
    problems: &mut Vec<String>,
) {
    diff_at(
        View::of(model),
        id,
        None,
        path,
        expected,
        observed,
        problems,
    )
}

fn diff_at(
    view: View<'_>,
    id: &str,
    member: Option<&Traits>,
    path: &str,
    expected: &Value,
    observed: &Value,
    problems: &mut Vec<String>,
) {
    let target = match shape(view.model, id) {
        Ok(target) => target,
        Err(e) => return problems.push(format!("{path}: {e}")),
    };
    if let Some(aggregate) = members(&target) {
        return diff_members(view, aggregate, id, path, expected, observed, problems);
    }
    match &*target {
        Shape::List(l) | Shape::Set(l) => match (expected.as_array(), observed.as_array()) {
            (Some(a), Some(b)) if a.len() == b.len() => {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    let at = format!("{path}[{i}]");
                    let item = Some(&l.member.traits);
                    diff_at(view, &l.member.target, item, &at, x, y, problems);
                }
            }
            _ => problems.push(format!("{path}: expected {expected}, found {observed}")),
        },
        Shape::Map(m) => match (expected.as_object(), observed.as_object()) {
            (Some(a), Some(b)) if a.len() == b.len() && a.keys().all(|k| b.contains_key(k)) => {
                for (key, x) in a {
                    let at = format!("{path}.{key}");
                    let value = Some(&m.value.traits);
                    diff_at(view, &m.value.target, value, &at, x, &b[key], problems);
                }
            }
            _ => problems.push(format!("{path}: expected {expected}, found {observed}")),
        },
        Shape::Blob(_) => diff_blob(path, expected, observed, problems),
        Shape::Timestamp(_) => {
            let format = timestamp_format(member, &target);
            match (expected.as_f64(), observed_seconds(format, observed)) {
                (Some(a), Some(b)) if (a - b).abs() <= 1e-6 => {}
                _ => problems.push(format!(
                    "{path}: expected the timestamp {expected} ({format}), found {observed}"
                )),
            }
        }
        Shape::Float(_) => diff_float(path, expected, observed, true, problems),
        Shape::Double(_) => diff_float(path, expected, observed, false, problems),
        _ => json::diff(path, expected, observed, problems),
    }
}

/// Expected members are keyed by member name, observed ones by their document-view key.
fn diff_members(
    view: View<'_>,
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
        match (set(a, name), set(b, view.key(name, m))) {
            (Some(x), Some(y)) => diff_at(view, &m.target, Some(&m.traits), &at, x, y, problems),
            (Some(x), None) => problems.push(format!("{at}: unset, expected {x}")),
            (None, Some(y)) => problems.push(format!("{at}: should be unset, found {y}")),
            (None, None) => {}
        }
    }
    for key in a.keys() {
        if !aggregate.members.iter().any(|(name, _)| name == key) {
            problems.push(format!("{path}.{key}: {id} has no such member"));
        }
    }
    for key in b.keys() {
        let known = aggregate.members.iter().any(|(n, m)| view.key(n, m) == key);
        if !known && key != "__type" {
            problems.push(format!("{path}.{key}: {id} has no member keyed so"));
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

    /// A restJson1 model shaped like the cases': bound members, `@jsonName`, timestamps of
    /// every format (on the member or the target), a payload blob.
    fn rest_model() -> Model {
        let text = json!({
            "smithy": "2.0",
            "shapes": {
                "t#Svc": {"type": "service", "version": "1", "traits": {"aws.protocols#restJson1": {}}},
                "t#In": {"type": "structure", "members": {
                    "header": {"target": "t#T", "traits": {"smithy.api#httpHeader": "X-Header"}},
                    "label": {"target": "t#T", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
                    "queryDate": {"target": "t#T", "traits": {"smithy.api#httpQuery": "d", "smithy.api#timestampFormat": "date-time"}},
                    "blob": {"target": "t#B", "traits": {"smithy.api#httpPayload": {}}},
                    "doubleValue": {"target": "t#D", "traits": {"smithy.api#jsonName": "DoubleDribble"}},
                    "dateTime": {"target": "t#T", "traits": {"smithy.api#timestampFormat": "date-time"}},
                    "httpDateOnTarget": {"target": "t#HttpDate"},
                    "dates": {"target": "t#Dates"},
                    "nested": {"target": "t#Nested"},
                    "doc": {"target": "t#Doc"},
                    "name": {"target": "t#Str"}
                }},
                "t#Nested": {"type": "structure", "members": {
                    "Foo": {"target": "t#Str", "traits": {"smithy.api#jsonName": "Fooooo"}}
                }},
                "t#Dates": {"type": "list", "member": {"target": "t#DateTime"}},
                "t#T": {"type": "timestamp"},
                "t#DateTime": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}},
                "t#HttpDate": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "http-date"}},
                "t#B": {"type": "blob"}, "t#D": {"type": "double"}, "t#Str": {"type": "string"},
                "t#Doc": {"type": "document"}
            }
        });
        Model::parse(&text.to_string(), "test").unwrap()
    }

    #[test]
    fn rest_json_inputs_take_the_document_view() {
        let model = rest_model();
        assert!(uses_json_names(&model) && !uses_json_names(&super::tests::model()));
        let params = json!({
            "header": 1576540098, "label": 1576540098, "queryDate": 1576540098,
            "blob": "blobby blob blob", "doubleValue": "NaN", "dateTime": 1398796238,
            "httpDateOnTarget": 1398796238, "dates": [946845296.123], "nested": {"Foo": "bar"},
            "doc": {"foo": [1, "x"]}, "name": null
        });
        let view = to_wire(&model, "t#In", &params, "params").unwrap();
        assert_eq!(
            view,
            json!({
                // Bound members keep their names, and a timestamp without a format is epoch
                // seconds in the document view wherever it is sent.
                "header": 1576540098, "label": 1576540098,
                "queryDate": "2019-12-16T23:48:18Z",
                "blob": "YmxvYmJ5IGJsb2IgYmxvYg==",
                "DoubleDribble": "NaN",
                "dateTime": "2014-04-29T18:30:38Z",
                "httpDateOnTarget": "Tue, 29 Apr 2014 18:30:38 GMT",
                "dates": ["2000-01-02T20:34:56.123Z"],
                "nested": {"Fooooo": "bar"},
                "doc": {"foo": [1, "x"]}
            })
        );
        assert_eq!(
            body_part(
                &model,
                "t#In",
                &json!({"header": 1, "blob": "", "DoubleDribble": 1.5})
            ),
            json!({"DoubleDribble": 1.5})
        );
    }

    fn rest_problems(expected: Value, observed: Value) -> Vec<String> {
        let mut problems = Vec::new();
        diff(
            &rest_model(),
            "t#In",
            "output",
            &expected,
            &observed,
            &mut problems,
        );
        problems
    }

    #[test]
    fn rest_json_outputs_compare_by_member_name_and_instant() {
        assert!(rest_problems(
            json!({"doubleValue": 1.5, "nested": {"Foo": "bar"}, "header": 1576540098,
                   "dateTime": 1576540098, "httpDateOnTarget": 1398796238, "dates": [946845296.123]}),
            json!({"DoubleDribble": 1.5, "nested": {"Fooooo": "bar"}, "header": 1576540098.0,
                   "dateTime": "2019-12-16T22:48:18-01:00",
                   "httpDateOnTarget": "Tue, 29 Apr 2014 18:30:38 GMT",
                   "dates": ["2000-01-02T20:34:56.123Z"]}),
        )
        .is_empty());
        // The member name is not the document view's key of a renamed body member.
        assert_eq!(
            rest_problems(json!({"doubleValue": 1.5}), json!({"doubleValue": 1.5})),
            [
                "output.doubleValue: unset, expected 1.5",
                "output.doubleValue: t#In has no member keyed so"
            ]
        );
        assert_eq!(
            rest_problems(
                json!({"dateTime": 1576540098}),
                json!({"dateTime": "2019-12-16T23:48:19Z"})
            )
            .len(),
            1
        );
        assert_eq!(
            rest_problems(
                json!({"dateTime": 1576540098}),
                json!({"dateTime": "Mon, 16 Dec 2019 23:48:18 GMT"})
            )
            .len(),
            1
        );
    }
}
