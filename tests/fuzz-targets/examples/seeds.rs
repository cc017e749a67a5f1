//! Writes starting inputs for every fuzz target into `<dir>/<target>/`, from our own test
//! models and from AWS's models in `../shared` (read here, at run time; the seeds stay outside
//! the repository, only what `cargo fuzz cmin` keeps of the fuzzing is committed).
//!
//! `cargo run -p fuzz-targets --example seeds -- /tmp/seeds`
use cognito_identity_provider::Client;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: seeds <dir>"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    response(&dir.join("response"));
    error_code(&dir.join("error_code"));
    model(&dir.join("model"), &repo.join("model/test-models"));
    endpoint_params(&dir.join("endpoint_params"));
    endpoint_rules(&dir.join("endpoint_rules"));
    profile(&dir.join("profile"));
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::create_dir_all(dir).expect("create the seed folder");
    std::fs::write(dir.join(name), bytes).expect("write a seed");
}

fn with_prefix(prefix: &[u8], body: &[u8]) -> Vec<u8> {
    [prefix, body].concat()
}

/// For each operation: an output with every member filled, and each of its errors.
fn response(dir: &Path) {
    let model: Value = serde_json::from_str(&fuzz_targets::read_shared(
        "models/cognito-identity-provider-2016-04-18.json",
    ))
    .expect("the Cognito model is JSON");
    let shapes = model["shapes"].as_object().expect("shapes");
    let namespace = "com.amazonaws.cognitoidentityprovider#";
    for (index, name) in Client::OPERATION_NAMES.iter().enumerate() {
        let op = &shapes[&format!("{namespace}{name}")];
        let i = index as u8;
        if let Some(output) = op["output"]["target"].as_str() {
            let body = sample(shapes, output, 0).to_string();
            write(
                dir,
                &format!("{name}-ok"),
                &with_prefix(&[i, 0, 0], body.as_bytes()),
            );
        }
        write(dir, &format!("{name}-empty"), &[i, 3, 0]);
        for error in op["errors"].as_array().into_iter().flatten() {
            let target = error["target"].as_str().unwrap_or_default();
            let code = target.rsplit('#').next().unwrap_or_default();
            let mut body = sample(shapes, target, 0);
            body["__type"] = json!(format!("{target}:http://internal"));
            body["message"] = json!("m");
            let seed = with_prefix(&[i, 7, 0], body.to_string().as_bytes());
            write(dir, &format!("{name}-{code}"), &seed);
            let header = with_prefix(&[i, 13, 1], format!("{code}\n{{}}").as_bytes());
            write(dir, &format!("{name}-{code}-header"), &header);
        }
    }
}

/// A value of shape `id` with every member set, nested up to a few levels.
fn sample(shapes: &Map<String, Value>, id: &str, depth: usize) -> Value {
    let prelude = |kind: &str| match kind {
        "String" => json!("s"),
        "Boolean" | "PrimitiveBoolean" => json!(true),
        "Timestamp" => json!(1.5e9),
        "Blob" => json!("YmxvYg=="),
        _ => json!(1),
    };
    let Some(shape) = shapes.get(id) else {
        return prelude(id.trim_start_matches("smithy.api#"));
    };
    let member = |m: &Value| sample(shapes, m["target"].as_str().unwrap_or_default(), depth + 1);
    match shape["type"].as_str().unwrap_or_default() {
        "structure" | "union" if depth < 4 => {
            let members = shape["members"].as_object().into_iter().flatten();
            let mut fields = members.map(|(k, m)| (k.clone(), member(m)));
            if shape["type"] == "union" {
                return fields
                    .next()
                    .map(|(k, v)| json!({ k: v }))
                    .unwrap_or(json!({}));
            }
            Value::Object(fields.collect())
        }
        "structure" | "union" => json!({}),
        "list" | "set" if depth < 4 => json!([member(&shape["member"])]),
        "map" if depth < 4 => json!({ "k": member(&shape["value"]) }),
        "list" | "set" | "map" => json!([]),
        "enum" => {
            let first = shape["members"].as_object().and_then(|m| m.values().next());
            first
                .and_then(|m| m["traits"].get("smithy.api#enumValue"))
                .cloned()
                .unwrap_or(json!("E"))
        }
        "string" => json!("s"),
        "boolean" => json!(false),
        "timestamp" => json!(1700000000.25),
        "blob" => json!("YmxvYg=="),
        "double" | "float" => json!(1.5),
        _ => json!(7),
    }
}

fn error_code(dir: &Path) {
    let cases: [(&str, &[u8]); 8] = [
        (
            "header",
            b"\x01\x90\x01aws.cognito#NotAuthorizedException:http://x\n{}",
        ),
        (
            "type",
            b"\x01\x90\x00{\"__type\":\"com.amazon#ThrottlingException\",\"message\":\"slow\"}",
        ),
        (
            "code",
            b"\x01\xf4\x00{\"code\":\"InternalError\",\"Message\":\"m\"}",
        ),
        ("html", b"\x01\xf6\x00<html><body>Bad Gateway</body></html>"),
        ("truncated", b"\x01\x90\x00{\"__type\":\"Expired"),
        ("junk", b"\x01\x90\x00{\"__type\":\"A#B\"} trailing"),
        ("empty", b"\x00\x00\x00"),
        ("blank-header", b"\x01\x90\x01 \n{\"__type\":\"X\"}"),
    ];
    for (name, bytes) in cases {
        write(dir, name, bytes);
    }
}

fn model(dir: &Path, test_models: &Path) {
    for folder in [test_models.to_path_buf(), test_models.join("broken")] {
        for entry in std::fs::read_dir(&folder).expect("the test models") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                write(dir, &name, &std::fs::read(&path).expect("a test model"));
            }
        }
    }
}

fn endpoint_params(dir: &Path) {
    for rule_set in 0..3u8 {
        for (name, tail) in [
            ("builtins", &[1u8, 1, 0, 1, 1, 0][..]),
            ("free", &[0, 3, 0, 0, 1, 1, 2, 1, 4, 1][..]),
        ] {
            write(
                dir,
                &format!("{rule_set}-{name}"),
                &with_prefix(&[rule_set], tail),
            );
        }
    }
}

fn endpoint_rules(dir: &Path) {
    for model in [
        "cognito-identity-provider-2016-04-18",
        "kms-2014-11-01",
        "dynamodb-2012-08-10",
    ] {
        let json: Value =
            serde_json::from_str(&fuzz_targets::read_shared(&format!("models/{model}.json")))
                .expect("a model is JSON");
        let rules = json["shapes"]
            .as_object()
            .into_iter()
            .flatten()
            .find_map(|(_, s)| s["traits"].get("smithy.rules#endpointRuleSet"))
            .expect("a rule set");
        let seed = [
            &[0u8][..],
            rules.to_string().as_bytes(),
            b"\0\x03\x00\x00\x01\x01",
        ]
        .concat();
        write(dir, model, &seed);
    }
    let corpus: Value = serde_json::from_str(&fuzz_targets::read_shared(
        "models/corpus/endpoint-rules.json",
    ))
    .expect("endpoint-rules.json is JSON");
    for (name, entry) in corpus.as_object().into_iter().flatten().take(40) {
        if let Some(rules) = entry.get("smithy.rules#endpointRuleSet") {
            write(dir, name, &with_prefix(&[0], rules.to_string().as_bytes()));
        }
    }
    let partitions = fuzz_targets::read_shared("models/partitions.json");
    write(dir, "partitions", &with_prefix(&[1], partitions.as_bytes()));
}

fn profile(dir: &Path) {
    let config = "[default]\nregion = us-east-1\n# comment\n[profile dev] ; c\nregion=eu-west-1\ns3 =\n  max_concurrent_requests = 20\n[sso-session x]\nsso_region = us-east-1\n";
    let credentials = "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n\n[other]\naws_session_token=T\n";
    write(dir, "config", &with_prefix(&[0], config.as_bytes()));
    write(
        dir,
        "credentials",
        &with_prefix(&[1], credentials.as_bytes()),
    );
    write(
        dir,
        "broken",
        &with_prefix(&[0], b"region = x\n[profile\n[default]\n = v\n"),
    );
}
