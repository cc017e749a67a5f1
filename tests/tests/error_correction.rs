//! Smithy's client error correction against the Cognito model: every `@required` member
//! reachable from an operation's output is, in turn, left out of (or sent as `null` in) an
//! otherwise complete response, and the call must still succeed with the member's zero value.
//!
//! The members, the responses and the zero values all come from walking the model JSON here,
//! independently of the generator's IR; the client is driven through `Client::call_json`
//! with a transport that answers every request with the response under test.
use cognito_identity_provider::transport::{HttpTransport, SendFuture};
use cognito_identity_provider::{Client, Config, Credentials};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

const MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/models/cognito-identity-provider-2016-04-18.json"
);

/// The model's shapes by id.
struct Model(Map<String, Value>);

impl Model {
    fn load() -> Self {
        let text = std::fs::read_to_string(MODEL).expect("the Cognito model in ../shared/models");
        let mut doc: Value = serde_json::from_str(&text).expect("model JSON");
        match doc["shapes"].take() {
            Value::Object(shapes) => Self(shapes),
            _ => panic!("model has no shapes"),
        }
    }

    /// The shape's type; prelude shapes (`smithy.api#String`) by their name.
    fn kind(&self, id: &str) -> String {
        if let Some(name) = id.strip_prefix("smithy.api#") {
            let name = name.strip_prefix("Primitive").unwrap_or(name);
            return name.to_ascii_lowercase();
        }
        self.0[id]["type"].as_str().expect("shape type").to_string()
    }

    fn members<'a>(&'a self, id: &str) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.0
            .get(id)
            .and_then(|s| s["members"].as_object())
            .into_iter()
            .flatten()
    }

    /// A valid wire value for `id` with every member set (optional ones too, so that each
    /// nested structure appears); a structure already on `path` is left out to end recursion.
    fn sample(&self, id: &str, path: &mut Vec<String>) -> Option<Value> {
        let value = match self.kind(id).as_str() {
            "string" => json!("s"),
            "boolean" => json!(true),
            "byte" | "short" | "integer" | "long" | "float" | "double" => json!(7),
            "timestamp" => json!(1_500_000_000),
            "blob" => json!("YQ=="),
            "document" => json!({"d": [1]}),
            "unit" => json!({}),
            "enum" => {
                let (name, member) = self.members(id).next().expect("enum value");
                member["traits"]["smithy.api#enumValue"]
                    .as_str()
                    .map_or_else(|| json!(name), |v| json!(v))
            }
            "intEnum" => {
                let (_, member) = self.members(id).next().expect("intEnum value");
                member["traits"]["smithy.api#enumValue"].clone()
            }
            "list" => json!([self.sample(target(&self.0[id]["member"]), path)?]),
            "map" => json!({"k": self.sample(target(&self.0[id]["value"]), path)?}),
            "structure" | "union" => {
                if path.iter().any(|p| p == id) {
                    return None;
                }
                path.push(id.to_string());
                let mut object = Map::new();
                for (name, member) in self.members(id) {
                    if let Some(v) = self.sample(target(member), path) {
                        object.insert(name.clone(), v);
                        if self.kind(id) == "union" {
                            break;
                        }
                    }
                }
                path.pop();
                Value::Object(object)
            }
            other => panic!("sample of a {other}"),
        };
        Some(value)
    }

    /// The specification's zero value of a missing required member targeting `id`.
    fn zero(&self, id: &str) -> Value {
        match self.kind(id).as_str() {
            "string" | "blob" | "enum" => json!(""),
            "boolean" => json!(false),
            "byte" | "short" | "integer" | "long" | "float" | "double" | "intEnum" => json!(0),
            "timestamp" => json!(0),
            "document" => Value::Null,
            "list" => json!([]),
            "map" => json!({}),
            // What an empty object corrects to: required members zero, defaults as modeled.
            "structure" => {
                let mut object = Map::new();
                for (name, member) in self.members(id) {
                    let traits = &member["traits"];
                    if let Some(default) = traits.get("smithy.api#default") {
                        object.insert(name.clone(), default.clone());
                    } else if traits.get("smithy.api#required").is_some() {
                        object.insert(name.clone(), self.zero(target(member)));
                    }
                }
                Value::Object(object)
            }
            other => panic!("zero of a {other}"),
        }
    }

    /// Every (structure, required member) reachable from `id`.
    fn required_members(
        &self,
        id: &str,
        seen: &mut BTreeSet<String>,
    ) -> BTreeSet<(String, String)> {
        let mut found = BTreeSet::new();
        if !seen.insert(id.to_string()) || id.starts_with("smithy.api#") {
            return found;
        }
        let shape = &self.0[id];
        let kind = self.kind(id);
        let children: Vec<&Value> = match kind.as_str() {
            "list" => vec![&shape["member"]],
            "map" => vec![&shape["value"]],
            _ => self.members(id).map(|(_, m)| m).collect(),
        };
        if kind == "structure" {
            for (name, member) in self.members(id) {
                if member["traits"].get("smithy.api#required").is_some() {
                    found.insert((id.to_string(), name.clone()));
                }
            }
        }
        if kind == "structure" || kind == "union" || kind == "list" || kind == "map" {
            for child in children {
                found.extend(self.required_members(target(child), seen));
            }
        }
        found
    }

    /// Applies `change` to every object in `value` that is an instance of `structure`.
    fn each_instance(
        &self,
        id: &str,
        value: &mut Value,
        structure: &str,
        change: &dyn Fn(&mut Map<String, Value>),
    ) {
        let kind = self.kind(id);
        match (kind.as_str(), value) {
            ("list", Value::Array(items)) => {
                let inner = target(&self.0[id]["member"]).to_string();
                items
                    .iter_mut()
                    .for_each(|v| self.each_instance(&inner, v, structure, change));
            }
            ("map", Value::Object(entries)) => {
                let inner = target(&self.0[id]["value"]).to_string();
                entries
                    .values_mut()
                    .for_each(|v| self.each_instance(&inner, v, structure, change));
            }
            ("structure" | "union", Value::Object(object)) => {
                for (name, member) in self.members(id) {
                    if let Some(v) = object.get_mut(name) {
                        self.each_instance(target(member), v, structure, change);
                    }
                }
                if id == structure {
                    change(object);
                }
            }
            _ => {}
        }
    }
}

fn target(member: &Value) -> &str {
    member["target"].as_str().expect("member target")
}

/// Answers every request with the body it holds.
#[derive(Debug, Clone, Default)]
struct Canned(Arc<Mutex<String>>);

impl HttpTransport for Canned {
    fn send(&self, _request: http::Request<bytes::Bytes>) -> SendFuture<'_> {
        let body = self.0.lock().unwrap().clone();
        Box::pin(async move {
            Ok(http::Response::builder()
                .status(200)
                .header("content-type", "application/x-amz-json-1.1")
                .header("x-amzn-requestid", "correction-test")
                .body(bytes::Bytes::from(body))
                .unwrap())
        })
    }
}

/// JSON equality with numbers compared by value (`0` and `0.0` are the same timestamp).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

struct Case {
    operation: String,
    input: Value,
    output_shape: String,
    response: Value,
}

/// Each (structure, required member) with the cases whose output reaches it.
type Reach = BTreeMap<(String, String), Vec<usize>>;

fn cases(model: &Model) -> (Vec<Case>, Reach) {
    let mut cases = Vec::new();
    let mut reach = Reach::new();
    for (id, shape) in &model.0 {
        if shape["type"] != "operation" {
            continue;
        }
        let Some(output) = shape["output"]["target"].as_str() else {
            continue;
        };
        let operation = id.rsplit('#').next().unwrap().to_string();
        let mut input = Map::new();
        if let Some(input_id) = shape["input"]["target"].as_str() {
            for (name, member) in model.members(input_id) {
                if member["traits"].get("smithy.api#required").is_some() {
                    input.insert(
                        name.clone(),
                        model
                            .sample(target(member), &mut vec![input_id.to_string()])
                            .unwrap(),
                    );
                }
            }
        }
        let response = model.sample(output, &mut Vec::new()).unwrap();
        for key in model.required_members(output, &mut BTreeSet::new()) {
            reach.entry(key).or_default().push(cases.len());
        }
        cases.push(Case {
            operation,
            input: Value::Object(input),
            output_shape: output.to_string(),
            response,
        });
    }
    (cases, reach)
}

#[tokio::test]
async fn every_required_output_member_left_out_or_null_reads_as_its_zero_value() {
    let model = Model::load();
    let (cases, reach) = cases(&model);
    assert_eq!(
        reach.len(),
        59,
        "required members reachable from Cognito's outputs"
    );
    let canned = Canned::default();
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:9")
            .credentials_provider(Credentials::new("AKIDTEST", "secret", None))
            .transport(canned.clone())
            .build(),
    );
    let call = |case: &Case, response: &Value| {
        *canned.0.lock().unwrap() = response.to_string();
        let (client, operation, input) =
            (client.clone(), case.operation.clone(), case.input.clone());
        async move { client.call_json(&operation, input).await }
    };
    // The complete responses read back unchanged, so a difference below is the correction.
    for case in &cases {
        let output = call(case, &case.response)
            .await
            .unwrap_or_else(|e| panic!("{}: {e:?}", case.operation));
        assert!(
            same(&output, &case.response),
            "{}: {output} != {}",
            case.operation,
            case.response
        );
    }
    let mut checked = 0;
    for ((structure, member), users) in &reach {
        let declared = &model.0[structure]["members"][member];
        let zero = match declared["traits"].get("smithy.api#default") {
            Some(default) => default.clone(),
            None => model.zero(target(declared)),
        };
        let removed = std::cell::Cell::new(0);
        for &index in users {
            let case = &cases[index];
            let mut expected = case.response.clone();
            model.each_instance(&case.output_shape, &mut expected, structure, &|o| {
                o.insert(member.clone(), zero.clone());
            });
            for absent in [None, Some(Value::Null)] {
                let mut response = case.response.clone();
                model.each_instance(
                    &case.output_shape,
                    &mut response,
                    structure,
                    &|o| match &absent {
                        None => {
                            removed.set(removed.get() + usize::from(o.remove(member).is_some()))
                        }
                        Some(null) => drop(o.insert(member.clone(), null.clone())),
                    },
                );
                let output = call(case, &response).await.unwrap_or_else(|e| {
                    panic!(
                        "{} without {structure}${member} ({absent:?}): {e:?}",
                        case.operation
                    )
                });
                assert!(
                    same(&output, &expected),
                    "{} without {structure}${member}: got {output}, want {expected}",
                    case.operation
                );
                checked += 1;
            }
        }
        assert!(removed.get() > 0, "no response held {structure}${member}");
    }
    assert!(checked >= 2 * 59, "checked {checked} responses");
}
