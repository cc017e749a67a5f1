//! The endpoint rules engine: the Cognito, KMS and DynamoDB rule sets under any parameters,
//! and arbitrary rule sets and `partitions.json` texts.
use arbitrary::Unstructured;
use runtime::endpoint::{BuiltIns, Params, Partitions, RuleSet, Value};
use std::sync::OnceLock;

/// The models whose rule sets the parameters target runs, read from `../shared/models`.
const MODELS: [&str; 3] = [
    "models/cognito-identity-provider-2016-04-18.json",
    "models/kms-2014-11-01.json",
    "models/dynamodb-2012-08-10.json",
];

/// Region-like strings to start from: real ones of several partitions, and hostile ones.
const REGIONS: [&str; 16] = [
    "us-east-1",
    "eu-west-1",
    "us-gov-west-1",
    "cn-north-1",
    "us-iso-east-1",
    "us-isob-east-1",
    "eu-isoe-west-1",
    "us-isof-south-1",
    "aws-global",
    "local",
    "",
    "evil.com/x?",
    "not a region!",
    "us-east-1.evil.com",
    "a-b-c-d-e",
    "-",
];

/// Endpoint-like strings to start from.
const ENDPOINTS: [&str; 8] = [
    "https://example.com",
    "http://127.0.0.1:5000",
    "https://user:pass@example.com/path?q=1",
    "https://[::1]:443/",
    "example.com",
    "https://example.com:99999",
    "ftp://x",
    "",
];

struct Shared {
    rule_sets: Vec<RuleSet>,
    partitions: Partitions,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let partitions = Partitions::parse(&crate::read_shared("models/partitions.json"))
            .expect("partitions.json parses");
        let rule_sets = MODELS.iter().map(|m| rule_set_of(m)).collect();
        Shared {
            rule_sets,
            partitions,
        }
    })
}

fn rule_set_of(model: &str) -> RuleSet {
    let json: serde_json::Value =
        serde_json::from_str(&crate::read_shared(model)).expect("the model is JSON");
    let rules = json["shapes"]
        .as_object()
        .into_iter()
        .flatten()
        .find_map(|(_, shape)| shape["traits"].get("smithy.rules#endpointRuleSet"))
        .unwrap_or_else(|| panic!("{model} has an endpoint rule set"));
    RuleSet::parse(&rules.to_string()).expect("the model's rule set parses")
}

/// Input: a byte picking the rule set, then parameter values drawn from the rest.
pub fn params(data: &[u8]) {
    let shared = shared();
    let mut u = Unstructured::new(data);
    let Ok(index) = u.choose_index(shared.rule_sets.len()) else {
        return;
    };
    let rules = &shared.rule_sets[index];
    let params = if u.arbitrary().unwrap_or(false) {
        Params::from_builtins(rules, &builtins(&mut u))
    } else {
        free_params(rules, &mut u)
    };
    if let Some(endpoint) = resolve(rules, &params, &shared.partitions) {
        // Only a configured endpoint URL is passed through as given (even `""`); every other
        // URL comes from the rule set's own `https://` (or DynamoDB local's `http://`) templates.
        let templated = endpoint.url.starts_with("https://") || endpoint.url.starts_with("http://");
        assert!(
            templated || params.get("Endpoint").is_some(),
            "{:?} from no configured endpoint",
            endpoint.url
        );
    }
}

/// What a configuration feeds the rules: the way a client builds its parameters.
fn builtins(u: &mut Unstructured<'_>) -> BuiltIns {
    BuiltIns {
        region: optional(u, |u| string_from(u, &REGIONS)),
        use_fips: u.arbitrary().unwrap_or(false),
        use_dual_stack: u.arbitrary().unwrap_or(false),
        endpoint: optional(u, |u| string_from(u, &ENDPOINTS)),
    }
}

/// Any value, of any type, for each declared parameter (and now and then an undeclared one).
fn free_params(rules: &RuleSet, u: &mut Unstructured<'_>) -> Params {
    let mut params = Params::new();
    let names: Vec<String> = rules.parameter_names().map(str::to_owned).collect();
    for name in names.iter().map(String::as_str).chain(["Undeclared"]) {
        if let Some(value) = value(u) {
            params.set(name, value);
        }
    }
    params
}

fn value(u: &mut Unstructured<'_>) -> Option<Value> {
    Some(match u.int_in_range(0..=7u8).ok()? {
        0 => return None,
        1 | 2 => Value::Bool(u.arbitrary().ok()?),
        3 => Value::String(string_from(u, &REGIONS)),
        4 => Value::String(string_from(u, &ENDPOINTS)),
        5 => Value::String(u.arbitrary().ok()?),
        6 => Value::StringArray(u.arbitrary().ok()?),
        _ => Value::Int(u.arbitrary().ok()?),
    })
}

fn optional<T>(
    u: &mut Unstructured<'_>,
    make: impl FnOnce(&mut Unstructured<'_>) -> T,
) -> Option<T> {
    match u.arbitrary::<bool>() {
        Ok(true) => Some(make(u)),
        _ => None,
    }
}

/// One of `pool`, sometimes with arbitrary text put before or after it.
fn string_from(u: &mut Unstructured<'_>, pool: &[&str]) -> String {
    let base = u.choose(pool).copied().unwrap_or_default();
    let affix: String = u.arbitrary().unwrap_or_default();
    match u.int_in_range(0..=2u8).unwrap_or(0) {
        0 => base.to_owned(),
        1 => format!("{base}{affix}"),
        _ => format!("{affix}{base}"),
    }
}

fn resolve(
    rules: &RuleSet,
    params: &Params,
    partitions: &Partitions,
) -> Option<runtime::endpoint::Endpoint> {
    match rules.resolve(params, partitions) {
        Ok(endpoint) => {
            let _ = endpoint.auth_scheme("sigv4");
            Some(endpoint)
        }
        Err(error) => {
            assert!(!error.to_string().is_empty(), "an error says what");
            None
        }
    }
}

/// Input: a flag byte; odd: the rest is a `partitions.json`, looked up for a few regions;
/// even: the rest is a rule set, then a NUL, then parameter values for it.
pub fn rules(data: &[u8]) {
    let [flag, rest @ ..] = data else {
        return;
    };
    if flag % 2 == 1 {
        return partitions(rest);
    }
    let (text, params_bytes) = match rest.iter().position(|b| *b == 0) {
        Some(end) => (&rest[..end], &rest[end + 1..]),
        None => (rest, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let Ok(rules) = RuleSet::parse(text) else {
        return;
    };
    let mut u = Unstructured::new(params_bytes);
    let params = free_params(&rules, &mut u);
    let _ = resolve(&rules, &params, &shared().partitions);
}

fn partitions(text: &[u8]) {
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    if let Ok(partitions) = Partitions::parse(text) {
        for region in REGIONS {
            let _ = partitions.lookup(region);
        }
    }
}
