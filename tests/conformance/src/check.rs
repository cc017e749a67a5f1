//! One case: what the runner must do for it (its plan entry) and whether what the runner
//! observed is what the case expects, by the rules of the suite README's "How to compare".
use crate::json;
use crate::suite::{short_name, Case, Kind, Suite};
use crate::{request, values};
use base64::Engine as _;
use serde_json::{json, Value};
use std::io::Read as _;

/// The endpoint a case without `clientEndpoint` is sent to: the models have no endpoint
/// rules, so the client needs one.
pub const DEFAULT_ENDPOINT: &str = "https://example.com";

/// The runner's instructions for a case: operation, input in wire form, endpoint, and the
/// response its transport answers with.
pub fn plan_entry(suite: &Suite, case: &Case) -> Result<Value, String> {
    let op = values::operation(&suite.model, &case.operation)?;
    let input_shape = values::input_shape(&op);
    let endpoint = case.data["clientEndpoint"]
        .as_str()
        .unwrap_or(DEFAULT_ENDPOINT);
    let (input, reply) = match case.kind {
        Kind::Request => {
            let params = case.data.get("params").cloned().unwrap_or(json!({}));
            let input = values::to_wire(&suite.model, input_shape, &params, "params")?;
            (input, json!({"status": 200, "headers": {}, "body": "{}"}))
        }
        Kind::Response => {
            let response = &case.data["response"];
            let reply = json!({
                "status": response["status"].as_u64().ok_or("response.status is missing")?,
                "headers": response.get("headers").cloned().unwrap_or(json!({})),
                "body": response["body"].as_str().unwrap_or_default(),
            });
            let input = values::placeholder(&suite.model, input_shape);
            (
                values::to_wire(&suite.model, input_shape, &input, "placeholder")?,
                reply,
            )
        }
    };
    Ok(json!({
        "key": case.key(),
        "operation": case.operation_name(),
        "input": input,
        "endpoint": endpoint,
        "reply": reply,
    }))
}

/// Compares what the runner saw for `case` (run as `plan`, its [`plan_entry`]) with what the
/// case expects; the error lists every difference, then what was observed.
pub fn check(suite: &Suite, case: &Case, plan: &Value, observed: &Value) -> Result<(), String> {
    let mut problems = Vec::new();
    match case.kind {
        Kind::Request => check_request(suite, case, plan, observed, &mut problems),
        Kind::Response => check_response(suite, case, observed, &mut problems),
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut message = format!("{} ({})\n", case.key(), case.description());
    if let Some(reason) = case.botocore_ignored() {
        message.push_str(&format!("(botocore skips this case: {reason})\n"));
    }
    for problem in &problems {
        message.push_str(&format!("- {problem}\n"));
    }
    let shown = serde_json::to_string_pretty(&readable(observed)).unwrap_or_default();
    message.push_str(&format!("observed: {shown}"));
    Err(message)
}

fn check_request(
    suite: &Suite,
    case: &Case,
    plan: &Value,
    observed: &Value,
    problems: &mut Vec<String>,
) {
    let expected = &case.data["expected"];
    let request = &observed["request"];
    if request.is_null() {
        problems.push(format!(
            "no request was sent; the call returned {}",
            observed["result"]
        ));
        return;
    }
    if expected["method"] != request["method"] {
        problems.push(format!(
            "method: expected {}, found {}",
            expected["method"], request["method"]
        ));
    }
    let uri = request["uri"].as_str().unwrap_or_default();
    match expected["uri"].as_str() {
        Some(want) => request::diff_uri(want, uri, problems),
        None => problems.push("the case has no expected uri".into()),
    }
    if let Some(host) = expected["host"].as_str() {
        request::diff_host(host, request["host"].as_str(), uri, problems);
    }
    request::diff_headers(expected, &sent_headers(request), problems);
    check_body(expected, request, problems);
    if expected["body"].is_null() {
        let op = values::operation(&suite.model, &case.operation);
        let body =
            op.map(|op| values::body_part(&suite.model, values::input_shape(&op), &plan["input"]));
        match body {
            Ok(body) => check_compressed_body(&body, request, problems),
            Err(e) => problems.push(e),
        }
    }
}

fn sent_headers(request: &Value) -> Vec<(&str, &str)> {
    request["headers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair.get(0)?.as_str()?, pair.get(1)?.as_str()?)))
        .collect()
}

/// Beyond the README, which leaves a compressed body unchecked: a gzipped body must unzip to
/// the JSON of the input's body members (`body`).
fn check_compressed_body(body: &Value, request: &Value, problems: &mut Vec<String>) {
    let gzipped = request["headers"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|pair| {
            pair[0]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case("content-encoding"))
                && pair[1].as_str().is_some_and(|v| v.contains("gzip"))
        });
    if !gzipped {
        return;
    }
    let mut plain = Vec::new();
    let unzipped =
        flate2::read::GzDecoder::new(sent_body(request).as_slice()).read_to_end(&mut plain);
    if let Err(e) = unzipped {
        return problems.push(format!(
            "body: Content-Encoding is gzip, but it does not unzip: {e}"
        ));
    }
    match serde_json::from_slice::<Value>(&plain) {
        Ok(got) => json::diff("body (unzipped)", body, &got, problems),
        Err(e) => problems.push(format!("body: the unzipped body is not JSON: {e}")),
    }
}

fn sent_body(request: &Value) -> Vec<u8> {
    request["body_base64"]
        .as_str()
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .unwrap_or_default()
}

fn check_body(expected: &Value, request: &Value, problems: &mut Vec<String>) {
    let Some(want) = expected["body"].as_str() else {
        return;
    };
    let sent = sent_body(request);
    if expected["bodyIsJson"] != Value::Bool(true) {
        if want.as_bytes() != sent.as_slice() {
            problems.push(format!(
                "body: expected {want:?}, found {:?}",
                String::from_utf8_lossy(&sent)
            ));
        }
        return;
    }
    let want: Value = match serde_json::from_str(want) {
        Ok(value) => value,
        Err(e) => return problems.push(format!("the expected body is not JSON: {e}")),
    };
    match serde_json::from_slice::<Value>(&sent) {
        Ok(got) => json::diff("body", &want, &got, problems),
        Err(e) => problems.push(format!(
            "body: not JSON ({e}): {:?}",
            String::from_utf8_lossy(&sent)
        )),
    }
}

fn check_response(suite: &Suite, case: &Case, observed: &Value, problems: &mut Vec<String>) {
    let expected = &case.data["expected"];
    let result = &observed["result"];
    let op = match values::operation(&suite.model, &case.operation) {
        Ok(op) => op,
        Err(e) => return problems.push(e),
    };
    if let Some(output) = expected.get("output") {
        match result.get("ok") {
            Some(got) => values::diff(
                &suite.model,
                values::output_shape(&op),
                "output",
                output,
                got,
                problems,
            ),
            None => problems.push(format!(
                "expected an output, the call failed: {}",
                result["error"]
            )),
        }
        return;
    }
    let Some(want) = expected.get("error") else {
        return problems.push("the case expects neither an output nor an error".into());
    };
    let got = match result.get("error") {
        Some(error) if error["kind"] == "service" => error,
        Some(error) => return problems.push(format!("expected a service error, found {error}")),
        None => {
            return problems.push(format!(
                "expected an error, found the output {}",
                result["ok"]
            ))
        }
    };
    check_error(suite, want, got, problems);
}

fn check_error(suite: &Suite, want: &Value, got: &Value, problems: &mut Vec<String>) {
    let want_shape = want["shape"].as_str();
    if want_shape.map(short_name) != got["shape"].as_str() {
        problems.push(format!(
            "error shape: expected {}, found {}",
            want["shape"], got["shape"]
        ));
    }
    if want["code"] != got["code"] {
        problems.push(format!(
            "error code: expected {}, found {}",
            want["code"], got["code"]
        ));
    }
    // botocore's "no message" is the empty string: `null` accepts none or an empty one.
    let message_ok = match want["message"].as_str() {
        Some(text) => got["message"].as_str() == Some(text),
        None => got["message"].as_str().unwrap_or_default().is_empty(),
    };
    if !message_ok {
        problems.push(format!(
            "error message: expected {}, found {}",
            want["message"], got["message"]
        ));
    }
    if let Some(shape) = want_shape {
        let fields = want.get("fields").cloned().unwrap_or(json!({}));
        values::diff(
            &suite.model,
            shape,
            "fields",
            &fields,
            &got["fields"],
            problems,
        );
    }
}

/// The observation as a failure message shows it: headers one per line, the body as text
/// (cut after 400 characters), the result as the runner gave it.
fn readable(observed: &Value) -> Value {
    let request = &observed["request"];
    if request.is_null() {
        return observed.clone();
    }
    let headers: Vec<String> = request["headers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|pair| {
            format!(
                "{}: {}",
                pair[0].as_str().unwrap_or_default(),
                pair[1].as_str().unwrap_or_default()
            )
        })
        .collect();
    let body = sent_body(request);
    let body = match std::str::from_utf8(&body) {
        Ok(text) if text.chars().count() > 400 => {
            format!(
                "{}... ({} bytes)",
                text.chars().take(400).collect::<String>(),
                body.len()
            )
        }
        Ok(text) => text.to_string(),
        Err(_) => format!("({} bytes, not UTF-8)", body.len()),
    };
    json!({
        "request": {
            "method": request["method"],
            "uri": request["uri"],
            "host": request["host"],
            "headers": headers,
            "body": body,
        },
        "result": observed["result"],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::model::Model;
    use std::io::Write as _;

    /// A restJson1 suite with cases modelled on `SDKAppendedGzipAfterProvidedEncoding_restJson1`
    /// and `RestJsonQueryPrecedence`.
    fn suite() -> Suite {
        let model = json!({
            "smithy": "2.0",
            "shapes": {
                "t#Svc": {"type": "service", "version": "1", "traits": {"aws.protocols#restJson1": {}},
                          "operations": [{"target": "t#Put"}, {"target": "t#Query"}]},
                "t#Put": {"type": "operation", "input": {"target": "t#PutInput"},
                          "traits": {"smithy.api#http": {"method": "POST", "uri": "/put", "code": 200}}},
                "t#PutInput": {"type": "structure", "members": {
                    "encoding": {"target": "t#Str", "traits": {"smithy.api#httpHeader": "Content-Encoding"}},
                    "data": {"target": "t#Str", "traits": {"smithy.api#jsonName": "Data"}}
                }},
                "t#Query": {"type": "operation", "input": {"target": "t#QueryInput"},
                            "traits": {"smithy.api#http": {"method": "POST", "uri": "/Precedence", "code": 200}}},
                "t#QueryInput": {"type": "structure", "members": {
                    "foo": {"target": "t#Str", "traits": {"smithy.api#httpQuery": "bar"}}
                }},
                "t#Str": {"type": "string"}
            }
        });
        let model_text = model.to_string();
        let case = |id: &str, operation: &str, data: Value| Case {
            kind: Kind::Request,
            id: id.into(),
            operation: operation.into(),
            data,
        };
        Suite {
            name: "rest".into(),
            dir: Default::default(),
            model: Model::parse(&model_text, "test").unwrap(),
            model_text,
            cases: vec![
                case(
                    "Gzip",
                    "t#Put",
                    json!({
                        "params": {"encoding": "custom", "data": "x"},
                        "expected": {"method": "POST", "uri": "/put", "headers": {"Content-Encoding": "custom, gzip"}, "body": null}
                    }),
                ),
                case(
                    "Query",
                    "t#Query",
                    json!({
                        "params": {"foo": "named"},
                        "expected": {"method": "POST", "uri": "/Precedence?bar=named&qux=also", "host": "example.com",
                                     "headers": {}, "forbidHeaders": ["Content-Type"], "body": "", "bodyIsJson": false}
                    }),
                ),
            ],
        }
    }

    fn gzip(text: &str) -> String {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        base64::engine::general_purpose::STANDARD.encode(encoder.finish().unwrap())
    }

    fn run(index: usize, request: Value) -> Result<(), String> {
        let suite = suite();
        let case = &suite.cases[index];
        let plan = plan_entry(&suite, case)?;
        check(
            &suite,
            case,
            &plan,
            &json!({"request": request, "result": {"ok": {}}}),
        )
    }

    #[test]
    fn a_gzipped_body_unzips_to_the_body_members() {
        let headers = json!([["content-encoding", "custom"], ["content-encoding", "gzip"]]);
        let sent = |body: &str| json!({"method": "POST", "uri": "/put", "host": "example.com", "headers": headers, "body_base64": gzip(body)});
        // The header-bound member stays out of the body; the body member goes by its jsonName.
        assert_eq!(run(0, sent(r#"{"Data": "x"}"#)), Ok(()));
        let error = run(0, sent(r#"{"Data": "x", "encoding": "custom"}"#)).unwrap_err();
        assert!(
            error.contains("body (unzipped).encoding: unexpected"),
            "{error}"
        );
    }

    #[test]
    fn a_request_is_judged_on_every_rule() {
        let sent = |uri: &str, headers: Value| json!({"method": "POST", "uri": uri, "host": "example.com", "headers": headers, "body_base64": ""});
        assert_eq!(
            run(1, sent("/Precedence?qux=also&bar=named", json!([]))),
            Ok(())
        );
        let error = run(
            1,
            sent(
                "/Precedence?bar=fromMap&qux=also",
                json!([["content-type", "application/json"]]),
            ),
        )
        .unwrap_err();
        assert!(
            error.contains(r#"query "bar": expected ["bar=named"], found ["bar=fromMap"]"#),
            "{error}"
        );
        assert!(error.contains("header Content-Type: forbidden"), "{error}");
    }
}
