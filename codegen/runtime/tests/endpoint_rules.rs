//! The endpoint rules engine against every model's own `smithy.rules#endpointTests`, plus
//! unit tests of the rules library functions.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use runtime::endpoint::fns::{
    is_valid_host_label, is_virtual_hostable_s3_bucket, parse_arn, parse_url, substring,
    uri_encode, Url,
};
use runtime::endpoint::{BuiltIns, EndpointError, Params, Partitions, RuleSet, Value};
use serde_json::{json, Value as Json};

fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/models")
}

fn partitions_json() -> Json {
    let text = std::fs::read_to_string(models_dir().join("partitions.json"))
        .expect("read partitions.json");
    serde_json::from_str(&text).expect("partitions.json is JSON")
}

fn partitions() -> Partitions {
    Partitions::parse(&partitions_json().to_string()).expect("partitions.json parses")
}

/// Partitions whose dual-stack data changed after many models' endpoint tests were written.
const DUAL_STACK_DRIFT: [&str; 4] = ["aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"];

/// `partitions.json` as the endpoint tests knew it. The shared copy is newer: it gives the
/// aws-iso* partitions dual-stack support and a dual-stack DNS suffix of their own. Tests written
/// before that expect either no dual-stack support, or the plain DNS suffix for dual-stack
/// endpoints; a case for those partitions passes if it passes with either older form.
fn partitions_the_tests_knew() -> Vec<Partitions> {
    let older = |change: fn(&mut Json)| {
        let mut json = partitions_json();
        for partition in json["partitions"].as_array_mut().expect("partitions array") {
            if DUAL_STACK_DRIFT.contains(&partition["id"].as_str().unwrap_or_default()) {
                change(&mut partition["outputs"]);
            }
        }
        Partitions::parse(&json.to_string()).expect("adjusted partitions parse")
    };
    vec![
        older(|outputs| outputs["supportsDualStack"] = json!(false)),
        older(|outputs| outputs["dualStackDnsSuffix"] = outputs["dnsSuffix"].clone()),
    ]
}

/// The service shape's traits of a Smithy JSON model, when it has an endpoint rule set.
fn service_traits(model: &Json) -> Option<&serde_json::Map<String, Json>> {
    model["shapes"].as_object()?.values().find_map(|shape| {
        let traits = shape["traits"].as_object()?;
        (shape["type"] == "service" && traits.contains_key("smithy.rules#endpointRuleSet"))
            .then_some(traits)
    })
}

fn load_model(path: &Path) -> Json {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

fn rule_set_of(model: &Json) -> RuleSet {
    let traits = service_traits(model).expect("a service with an endpoint rule set");
    RuleSet::parse(&traits["smithy.rules#endpointRuleSet"].to_string()).expect("rule set parses")
}

/// Runs one test case; `Err` says what differed.
fn run_case(rules: &RuleSet, partitions: &Partitions, case: &Json) -> Result<(), String> {
    let mut params = Params::new();
    for (name, value) in case["params"].as_object().into_iter().flatten() {
        let value = Value::from_json(value)
            .ok_or_else(|| format!("param {name} = {value} is not a rules value"))?;
        params.set(name, value);
    }
    let result = rules.resolve(&params, partitions);
    let expect = &case["expect"];
    if let Some(message) = expect["error"].as_str() {
        return match result {
            Err(error) if error.to_string() == message => Ok(()),
            Err(error) => Err(format!(
                "expected error {message:?}, got error {:?}",
                error.to_string()
            )),
            Ok(endpoint) => Err(format!(
                "expected error {message:?}, got endpoint {}",
                endpoint.url
            )),
        };
    }
    let expected = &expect["endpoint"];
    let endpoint = result.map_err(|e| {
        format!(
            "expected endpoint {}, got error {:?}",
            expected["url"],
            e.to_string()
        )
    })?;
    if expected["url"] != endpoint.url.as_str() {
        return Err(format!(
            "expected url {}, got {}",
            expected["url"], endpoint.url
        ));
    }
    if let Some(headers) = expected.get("headers") {
        let actual: BTreeMap<String, Vec<String>> = endpoint.headers.iter().cloned().collect();
        let expected: BTreeMap<String, Vec<String>> = serde_json::from_value(headers.clone())
            .map_err(|e| format!("expected headers unreadable: {e}"))?;
        if actual != expected {
            return Err(format!("expected headers {expected:?}, got {actual:?}"));
        }
    }
    if let Some(properties) = expected.get("properties") {
        if *properties != endpoint.properties {
            return Err(format!(
                "expected properties {properties}, got {}",
                endpoint.properties
            ));
        }
    }
    Ok(())
}

/// How one rule set did against its test cases.
#[derive(Default)]
struct Tally {
    passed: usize,
    /// Passed only with the partitions data the tests were written against.
    drift: usize,
    failures: Vec<String>,
}

/// Runs every case of one service's `smithy.rules#endpointTests` against its rule set.
fn check_service(
    name: &str,
    traits: &serde_json::Map<String, Json>,
    partitions: &Partitions,
    older_partitions: &[Partitions],
) -> Tally {
    let mut tally = Tally::default();
    let rules = match RuleSet::parse(&traits["smithy.rules#endpointRuleSet"].to_string()) {
        Ok(rules) => rules,
        Err(e) => {
            tally
                .failures
                .push(format!("{name}: rule set does not parse: {e}"));
            return tally;
        }
    };
    let cases = traits["smithy.rules#endpointTests"]["testCases"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if cases.is_empty() {
        tally
            .failures
            .push(format!("{name}: no endpoint test cases"));
    }
    for (index, case) in cases.iter().enumerate() {
        let Err(why) = run_case(&rules, partitions, case) else {
            tally.passed += 1;
            continue;
        };
        let region_partition = case["params"]["Region"]
            .as_str()
            .and_then(|region| partitions.lookup(region))
            .and_then(|outputs| outputs["name"].as_str().map(str::to_owned))
            .unwrap_or_default();
        let explained = DUAL_STACK_DRIFT.contains(&region_partition.as_str())
            && older_partitions
                .iter()
                .any(|older| run_case(&rules, older, case).is_ok());
        if explained {
            tally.drift += 1;
            continue;
        }
        tally.failures.push(format!(
            "{name} case {index} ({}): {why}",
            case["documentation"].as_str().unwrap_or("undocumented")
        ));
    }
    tally
}

/// Prints one line per service and a total, and fails listing every failing case.
fn report(results: Vec<(String, usize, Tally)>) {
    let (mut cases, mut drift, mut failures) = (0, 0, Vec::new());
    for (name, count, tally) in &results {
        println!(
            "{name}: {} of {count} cases pass ({} only with the partitions data the tests knew)",
            tally.passed + tally.drift,
            tally.drift
        );
        cases += count;
        drift += tally.drift;
        failures.extend(tally.failures.iter().cloned());
    }
    println!(
        "{} rule sets, {cases} cases: {} pass, {drift} of them only with the older partitions data, {} fail",
        results.len(),
        cases - failures.len(),
        failures.len()
    );
    assert!(!results.is_empty(), "no rule set found");
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn case_count(traits: &serde_json::Map<String, Json>) -> usize {
    traits["smithy.rules#endpointTests"]["testCases"]
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn every_model_passes_its_endpoint_tests() {
    let partitions = partitions();
    let older_partitions = partitions_the_tests_knew();
    let mut models = std::fs::read_dir(models_dir())
        .expect("shared/models exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "json") && !path.ends_with("partitions.json")
        })
        .collect::<Vec<_>>();
    models.sort();
    let mut results = Vec::new();
    for path in &models {
        let model = load_model(path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(traits) = service_traits(&model) else {
            continue;
        };
        let tally = check_service(&name, traits, &partitions, &older_partitions);
        results.push((name, case_count(traits), tally));
    }
    report(results);
}

/// The rule sets and tests of 390 services of every protocol (`corpus/endpoint-rules.json`).
#[test]
fn every_corpus_rule_set_passes_its_endpoint_tests() {
    let path = models_dir().join("corpus/endpoint-rules.json");
    let corpus = load_model(&path);
    let services = corpus
        .as_object()
        .expect("endpoint-rules.json is an object");
    let partitions = partitions();
    let older_partitions = partitions_the_tests_knew();
    let results = services
        .iter()
        .map(|(name, entry)| {
            let traits = entry.as_object().expect("an entry per model");
            let tally = check_service(name, traits, &partitions, &older_partitions);
            (name.clone(), case_count(traits), tally)
        })
        .collect();
    report(results);
}

#[test]
fn builtins_feed_parameters_and_defaults() {
    let rules = rule_set_of(&load_model(
        &models_dir().join("cognito-identity-provider-2016-04-18.json"),
    ));
    let partitions = partitions();
    let resolve =
        |builtins: BuiltIns| rules.resolve(&Params::from_builtins(&rules, &builtins), &partitions);

    let plain = BuiltIns {
        region: Some("eu-west-1".to_owned()),
        ..BuiltIns::default()
    };
    assert_eq!(
        resolve(plain.clone()).unwrap().url,
        "https://cognito-idp.eu-west-1.amazonaws.com"
    );
    let params = Params::from_builtins(&rules, &plain);
    assert_eq!(params.get("UseFIPS"), Some(&Value::Bool(false)));
    assert_eq!(params.get("Endpoint"), None);

    let fips = BuiltIns {
        use_fips: true,
        use_dual_stack: true,
        ..plain.clone()
    };
    assert_eq!(
        resolve(fips).unwrap().url,
        "https://cognito-idp-fips.eu-west-1.api.aws"
    );

    let custom = BuiltIns {
        endpoint: Some("https://localhost:9229".to_owned()),
        ..plain
    };
    assert_eq!(resolve(custom).unwrap().url, "https://localhost:9229");

    let error = resolve(BuiltIns::default()).unwrap_err();
    assert_eq!(error.to_string(), "Invalid Configuration: Missing Region");
}

#[test]
fn auth_scheme_properties() {
    let rules = rule_set_of(&load_model(&models_dir().join("dynamodb-2012-08-10.json")));
    let builtins = BuiltIns {
        region: Some("local".to_owned()),
        ..BuiltIns::default()
    };
    let endpoint = rules
        .resolve(&Params::from_builtins(&rules, &builtins), &partitions())
        .unwrap();
    assert_eq!(endpoint.url, "http://localhost:8000");
    let sigv4 = endpoint.auth_scheme("sigv4").expect("sigv4 auth scheme");
    assert_eq!(sigv4["signingRegion"], "us-east-1");
    assert_eq!(sigv4["signingName"], "dynamodb");
    assert!(endpoint.auth_scheme("sigv4a").is_none());
}

#[test]
fn missing_required_parameter_is_named() {
    let rules = RuleSet::parse(
        r#"{"version":"1.0","parameters":{"Bucket":{"type":"String","required":true,"documentation":"b"}},
            "rules":[{"type":"endpoint","conditions":[],"endpoint":{"url":"https://{Bucket}.example.com"}}]}"#,
    )
    .unwrap();
    let error = rules.resolve(&Params::new(), &partitions()).unwrap_err();
    assert_eq!(error, EndpointError::MissingParameter("Bucket".to_owned()));
    assert!(error.to_string().contains("`Bucket`"), "{error}");

    let mut wrong = Params::new();
    wrong.set("Bucket", Value::Bool(true));
    let error = rules.resolve(&wrong, &partitions()).unwrap_err();
    assert!(
        matches!(error, EndpointError::ParameterType { ref name, .. } if name == "Bucket"),
        "{error}"
    );
}

/// A rule set exercising functions the three models do not use.
fn library_rules() -> RuleSet {
    let rules = json!({
        "version": "1.0",
        "parameters": {
            "Input": {"type": "String", "required": true, "documentation": "i"},
            "Arns": {"type": "stringArray", "required": false, "documentation": "a"},
            "Flag": {"type": "Boolean", "required": true, "default": true, "documentation": "f"}
        },
        "rules": [
            {"type": "tree", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Input"}, "tree"]}],
             "rules": [{"type": "error", "conditions": [{"fn": "not", "argv": [{"ref": "Flag"}]}], "error": "flag off"}]},
            {"type": "endpoint",
             "conditions": [
                {"fn": "parseURL", "argv": [{"ref": "Input"}], "assign": "url"},
                {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "url"}, "isIp"]}, false]}
             ],
             "endpoint": {
                "url": "{url#scheme}://{url#authority}{url#normalizedPath}x",
                "headers": {"x-path": ["{url#path}", {"fn": "uriEncode", "argv": ["a b/{{c}}"]}]},
                "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{url#authority}", "double": true}]}
             }},
            {"type": "endpoint",
             "conditions": [
                {"fn": "isSet", "argv": [{"ref": "Arns"}]},
                {"fn": "getAttr", "argv": [{"ref": "Arns"}, "[0]"], "assign": "first"},
                {"fn": "aws.parseArn", "argv": [{"ref": "first"}], "assign": "arn"},
                {"fn": "aws.partition", "argv": [{"fn": "getAttr", "argv": [{"ref": "arn"}, "region"]}], "assign": "part"}
             ],
             "endpoint": {"url": "https://{arn#resourceId[1]}.{arn#accountId}.{part#dnsSuffix}"}},
            {"type": "endpoint",
             "conditions": [
                {"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Input"}, false]},
                {"fn": "substring", "argv": [{"ref": "Input"}, 0, 3, true], "assign": "tail"}
             ],
             "endpoint": {"url": "https://{tail}.{Input}.s3.amazonaws.com"}},
            {"type": "error", "conditions": [], "error": "cannot route {Input}"}
        ]
    });
    RuleSet::parse(&rules.to_string()).expect("library rule set parses")
}

fn resolve_input(
    input: &str,
    arns: Option<&[&str]>,
    flag: bool,
) -> Result<runtime::endpoint::Endpoint, EndpointError> {
    let mut params = Params::new();
    params.set("Input", Value::String(input.to_owned()));
    params.set("Flag", Value::Bool(flag));
    if let Some(arns) = arns {
        params.set(
            "Arns",
            Value::StringArray(arns.iter().map(|s| s.to_string()).collect()),
        );
    }
    library_rules().resolve(&params, &partitions())
}

#[test]
fn library_functions_inside_rules() {
    let endpoint = resolve_input("https://example.com:8443/base", None, true).unwrap();
    assert_eq!(endpoint.url, "https://example.com:8443/base/x");
    assert_eq!(
        endpoint.headers,
        vec![(
            "x-path".to_owned(),
            vec!["/base".to_owned(), "a%20b%2F%7Bc%7D".to_owned()]
        )]
    );
    assert_eq!(
        endpoint.properties,
        json!({"authSchemes": [{"name": "sigv4", "signingRegion": "example.com:8443", "double": true}]})
    );

    let arns = ["arn:aws-cn:dynamodb:cn-north-1:123456789012:table/orders"];
    let endpoint = resolve_input("not a url", Some(&arns), true).unwrap();
    assert_eq!(endpoint.url, "https://orders.123456789012.amazonaws.com.cn");

    assert_eq!(
        resolve_input("my-bucket", None, true).unwrap().url,
        "https://ket.my-bucket.s3.amazonaws.com"
    );
    // An IP-address URL fails the isIp condition; "Not_A_Bucket" fails the bucket check.
    assert_eq!(
        resolve_input("https://127.0.0.1", None, true)
            .unwrap_err()
            .to_string(),
        "cannot route https://127.0.0.1"
    );
    assert_eq!(
        resolve_input("Not_A_Bucket", None, true).unwrap_err(),
        EndpointError::Rule("cannot route Not_A_Bucket".to_owned())
    );
    assert_eq!(
        resolve_input("tree", None, false).unwrap_err().to_string(),
        "flag off"
    );
    // A tree whose rules all fail is an error, not a fall-through to later rules.
    assert!(matches!(
        resolve_input("tree", None, true),
        Err(EndpointError::NoMatch(_))
    ));
}

#[test]
fn rule_set_errors_point_at_the_problem() {
    let parse = |rules: Json| {
        let set = json!({"version": "1.0", "parameters": {"Region": {"type": "String", "documentation": "r"}}, "rules": rules});
        RuleSet::parse(&set.to_string()).unwrap_err().to_string()
    };
    let unknown = parse(
        json!([{"type": "error", "conditions": [{"fn": "frobnicate", "argv": []}], "error": "x"}]),
    );
    assert!(
        unknown.contains("rules[0].conditions[0]") && unknown.contains("frobnicate"),
        "{unknown}"
    );
    let undefined = parse(
        json!([{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Nope}"}}]),
    );
    assert!(
        undefined.contains("rules[0].endpoint.url") && undefined.contains("Nope"),
        "{undefined}"
    );
    // An assignment is visible only inside its own rule.
    let out_of_scope = parse(json!([
        {"type": "tree", "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
         "rules": [{"type": "error", "conditions": [], "error": "{P#name}"}]},
        {"type": "error", "conditions": [], "error": "{P#name}"}
    ]));
    assert!(out_of_scope.contains("rules[1].error"), "{out_of_scope}");
    let unclosed = parse(json!([{"type": "error", "conditions": [], "error": "{Region"}]));
    assert!(unclosed.contains("unclosed"), "{unclosed}");
    assert!(RuleSet::parse("[").is_err());
}

#[test]
fn parse_url_follows_the_spec_examples() {
    let url = |scheme: &str, authority: &str, path: &str, normalized: &str, is_ip: bool| Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path: normalized.to_owned(),
        is_ip,
    };
    assert_eq!(
        parse_url("https://example.com"),
        Some(url("https", "example.com", "", "/", false))
    );
    assert_eq!(
        parse_url("https://example.com/"),
        Some(url("https", "example.com", "/", "/", false))
    );
    assert_eq!(
        parse_url("http://example.com:80/foo/bar"),
        Some(url(
            "http",
            "example.com:80",
            "/foo/bar",
            "/foo/bar/",
            false
        ))
    );
    assert_eq!(
        parse_url("https://127.0.0.1"),
        Some(url("https", "127.0.0.1", "", "/", true))
    );
    assert_eq!(
        parse_url("https://[fe80::1]:443/a/"),
        Some(url("https", "[fe80::1]:443", "/a/", "/a/", true))
    );
    assert_eq!(
        parse_url("https://user:pw@host.example"),
        Some(url("https", "host.example", "", "/", false))
    );
    assert_eq!(parse_url("https://999.0.0.1").map(|u| u.is_ip), Some(false));
    for bad in [
        "https://example.com:8443?foo=bar&faz=baz",
        "example.com",
        "https://",
        "https://exa mple.com",
        "https://example.com:port",
        "1http://example.com",
        "https://[fe80::1",
    ] {
        assert_eq!(parse_url(bad), None, "{bad}");
    }
}

#[test]
fn host_labels() {
    assert!(is_valid_host_label("us-east-1", false));
    assert!(is_valid_host_label("a", false));
    assert!(is_valid_host_label(&"a".repeat(63), false));
    assert!(!is_valid_host_label(&"a".repeat(64), false));
    assert!(!is_valid_host_label("", false));
    assert!(!is_valid_host_label("-leading", false));
    assert!(!is_valid_host_label("a.b", false));
    assert!(!is_valid_host_label("under_score", false));
    assert!(is_valid_host_label("a.b.c", true));
    assert!(!is_valid_host_label("a..b", true));
    assert!(!is_valid_host_label("a.-b", true));

    for hostable in ["abc", "my-bucket", "123", &"b".repeat(63)] {
        assert!(is_virtual_hostable_s3_bucket(hostable, false), "{hostable}");
    }
    for hostable in ["my.bucket.name", "a.b", "a-b.c-d", "192.168.1.word"] {
        assert!(is_virtual_hostable_s3_bucket(hostable, true), "{hostable}");
    }
    for not_hostable in [
        "ab",
        &"b".repeat(64),
        "-abc",
        "abc-",
        "MyBucket",
        "a_b",
        "a.b",
    ] {
        assert!(
            !is_virtual_hostable_s3_bucket(not_hostable, false),
            "{not_hostable}"
        );
    }
    for not_hostable in [
        ".abc",
        "abc.",
        "a..b",
        "a-.b",
        "a.-b",
        "192.168.0.1",
        "999.999.999.999",
        "a#b",
    ] {
        assert!(
            !is_virtual_hostable_s3_bucket(not_hostable, true),
            "{not_hostable}"
        );
    }
}

#[test]
fn substring_and_uri_encode() {
    assert_eq!(substring("abcdefg", 0, 4, false).as_deref(), Some("abcd"));
    assert_eq!(substring("abcdefg", 0, 4, true).as_deref(), Some("defg"));
    assert_eq!(substring("abcdefg", 1, 3, true).as_deref(), Some("ef"));
    assert_eq!(
        substring("abcdefg", 0, 7, false).as_deref(),
        Some("abcdefg")
    );
    assert_eq!(substring("abc", 0, 4, false), None);
    assert_eq!(substring("abcdef", 3, 3, false), None);
    assert_eq!(substring("abcdef", 4, 2, false), None);
    assert_eq!(substring("ab\u{e9}def", 0, 2, false), None);

    assert_eq!(uri_encode("AZaz09-_.~"), "AZaz09-_.~");
    assert_eq!(
        uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
        "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
    );
    assert_eq!(uri_encode("\u{e9}"), "%C3%A9");
}

#[test]
fn arns() {
    let arn = parse_arn("arn:aws:iam::012345678910:user/johndoe").unwrap();
    assert_eq!(
        (
            arn.partition.as_str(),
            arn.service.as_str(),
            arn.region.as_str()
        ),
        ("aws", "iam", "")
    );
    assert_eq!(arn.account_id, "012345678910");
    assert_eq!(arn.resource_id, ["user", "johndoe"]);
    let arn = parse_arn("arn:aws:s3:::bucket_name").unwrap();
    assert_eq!(
        (arn.account_id.as_str(), arn.resource_id.as_slice()),
        ("", &["bucket_name".to_owned()][..])
    );
    let arn = parse_arn("arn:aws:dynamodb:us-east-1:1:table/t:stream/x").unwrap();
    assert_eq!(arn.resource_id, ["table", "t", "stream", "x"]);
    for bad in [
        "11111111-2222-3333-4444-555555555555",
        "arn:aws:s3:::",
        "arn::s3:::b",
        "arn:aws::::b",
        "urn:aws:s3:::b",
        "arn:aws:s3",
    ] {
        assert_eq!(parse_arn(bad), None, "{bad}");
    }
}

#[test]
fn partitions_match_lists_then_regexes_then_fall_back_to_aws() {
    let partitions = partitions();
    let name = |region: &str| {
        partitions
            .lookup(region)
            .and_then(|o| o["name"].as_str().map(str::to_owned))
    };
    assert_eq!(name("us-east-1").as_deref(), Some("aws"));
    assert_eq!(name("aws-global").as_deref(), Some("aws"));
    assert_eq!(name("us-gov-west-1").as_deref(), Some("aws-us-gov"));
    assert_eq!(name("us-gov-central-7").as_deref(), Some("aws-us-gov"));
    assert_eq!(name("cn-south-3").as_deref(), Some("aws-cn"));
    assert_eq!(name("eusc-de-west-2").as_deref(), Some("aws-eusc"));
    assert_eq!(name("us-isob-west-4").as_deref(), Some("aws-iso-b"));
    assert_eq!(name("ap-southeast-9").as_deref(), Some("aws"));
    assert_eq!(name("mars-east-1").as_deref(), Some("aws"));
    assert_eq!(name("").as_deref(), Some("aws"));
    let cn = partitions.lookup("cn-north-1").unwrap();
    assert_eq!(cn["dnsSuffix"], "amazonaws.com.cn");
    assert_eq!(cn["implicitGlobalRegion"], "cn-northwest-1");
    assert_eq!(cn["supportsFIPS"], true);
}

#[test]
fn partition_region_overrides_and_regex_subset() {
    let custom = |regex: &str| {
        json!({"partitions": [
            {"id": "p1", "outputs": {"dnsSuffix": "one.example", "supportsFIPS": true},
             "regionRegex": regex, "regions": {"special": {"description": "d", "supportsFIPS": false}}},
        ]})
        .to_string()
    };
    let partitions = Partitions::parse(&custom(r"^x[a-c0-9]{2,3}(?:-(new|old))?\.\d*$")).unwrap();
    let special = partitions.lookup("special").unwrap();
    assert_eq!(special["name"], "p1", "name defaults to the id");
    assert_eq!(
        special["supportsFIPS"], false,
        "region entries override outputs"
    );
    assert!(special.get("description").is_none());
    for region in ["xab.", "x1c2-new.7", "xabc-old.12"] {
        assert!(partitions.lookup(region).is_some(), "{region} should match");
    }
    // No `aws` partition to fall back to: an unmatched region has none.
    for region in ["xa.1", "xabcd.1", "xab-mid.1", "xab.1x", "yab.1"] {
        assert!(
            partitions.lookup(region).is_none(),
            "{region} should not match"
        );
    }
    for unsupported in [r"^a\bc$", "^(?=a)b$", "a|b", r"^\p{L}$", "^a(b$"] {
        let error = Partitions::parse(&custom(unsupported))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("p1") && error.contains("regionRegex"),
            "{unsupported}: {error}"
        );
    }
    assert!(Partitions::parse("{}").is_err());
}
