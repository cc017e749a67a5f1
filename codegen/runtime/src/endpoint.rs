//! Endpoint resolution: an interpreter for the model's `smithy.rules#endpointRuleSet`.
//!
//! The generator embeds the rule set and `partitions.json` as JSON text; a client parses both
//! once ([`RuleSet::parse`], [`Partitions::parse`]), builds [`Params`] from its configuration
//! ([`Params::from_builtins`]) and calls [`RuleSet::resolve`].
//!
//! Parsing checks what can be checked up front (rule shapes, known functions and their
//! arity, references to parameters or variables in scope), so resolution only fails on what
//! the rules themselves say: an error rule, a missing required parameter, or no rule matching.
use std::collections::BTreeMap;
use std::fmt;

use super::endpoint_fns;
pub use super::endpoint_fns::Partitions;

type Json = serde_json::Value;
type JsonMap = serde_json::Map<String, Json>;

/// Why an endpoint could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The rule set or `partitions.json` is malformed, or uses something this engine lacks.
    Invalid(String),
    /// A required parameter has neither a value nor a default. Holds the parameter's name.
    MissingParameter(String),
    /// A parameter was given a value of the wrong type.
    ParameterType {
        /// The parameter's name.
        name: String,
        /// The declared type.
        expected: &'static str,
        /// The type of the value given.
        found: &'static str,
    },
    /// An error rule matched. Holds its message verbatim; `Display` shows exactly that.
    Rule(String),
    /// No rule matched the parameters; says where the rules ran out.
    NoMatch(String),
    /// A function met a value of the wrong type while evaluating (a rule-set bug).
    Evaluation(String),
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::Invalid(m) => write!(f, "invalid endpoint rules: {m}"),
            EndpointError::MissingParameter(name) => {
                write!(f, "missing required endpoint parameter `{name}`")
            }
            EndpointError::ParameterType {
                name,
                expected,
                found,
            } => write!(
                f,
                "endpoint parameter `{name}` must be a {expected}, got a {found}"
            ),
            EndpointError::Rule(m) => f.write_str(m),
            EndpointError::NoMatch(m) => write!(f, "no endpoint rule matched: {m}"),
            EndpointError::Evaluation(m) => write!(f, "endpoint rule evaluation failed: {m}"),
        }
    }
}

impl std::error::Error for EndpointError {}

/// A value in the rules engine: a parameter value, a literal, or a function's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// A list of strings (`stringArray` parameters, ARN resource ids).
    StringArray(Vec<String>),
    /// An integer literal (the indices of `substring`).
    Int(i64),
    /// A list holding anything but only strings.
    Array(Vec<Value>),
    /// A structure: the results of `aws.partition`, `parseURL` and `aws.parseArn`.
    Record(BTreeMap<String, Value>),
}

impl Value {
    /// Converts JSON (a test case's `params`, a parameter default, partition outputs).
    /// `None` for `null`, and for numbers that are not integers.
    pub fn from_json(json: &Json) -> Option<Value> {
        match json {
            Json::Null => None,
            Json::Bool(b) => Some(Value::Bool(*b)),
            Json::Number(n) => n.as_i64().map(Value::Int),
            Json::String(s) => Some(Value::String(s.clone())),
            Json::Array(items) => {
                let strings: Option<Vec<String>> = items
                    .iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect();
                Some(match strings {
                    Some(strings) => Value::StringArray(strings),
                    None => Value::Array(items.iter().filter_map(Value::from_json).collect()),
                })
            }
            Json::Object(map) => Some(Value::Record(
                map.iter()
                    .filter_map(|(k, v)| Some((k.clone(), Value::from_json(v)?)))
                    .collect(),
            )),
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Bool(_) => "boolean",
            Value::StringArray(_) => "string array",
            Value::Int(_) => "integer",
            Value::Array(_) => "array",
            Value::Record(_) => "record",
        }
    }

    /// One step of a `getAttr` path; `None` when the key or index is absent.
    fn attribute(&self, segment: &PathSegment) -> Option<Value> {
        match (self, segment) {
            (Value::Record(fields), PathSegment::Key(key)) => fields.get(key).cloned(),
            (Value::StringArray(items), PathSegment::Index(i)) => {
                items.get(*i).cloned().map(Value::String)
            }
            (Value::Array(items), PathSegment::Index(i)) => items.get(*i).cloned(),
            _ => None,
        }
    }
}

/// The SDK configuration that feeds rule-set parameters marked `builtIn`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuiltIns {
    /// `AWS::Region`.
    pub region: Option<String>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`: an endpoint URL the user configured.
    pub endpoint: Option<String>,
}

/// Parameter values by parameter name (`Region`, `UseFIPS`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    values: BTreeMap<String, Value>,
}

impl Params {
    /// No values set.
    pub fn new() -> Params {
        Params::default()
    }

    /// Binds each parameter whose `builtIn` is `AWS::Region`, `AWS::UseFIPS`,
    /// `AWS::UseDualStack` or `SDK::Endpoint` to the configured value, then gives every
    /// parameter still unset its declared default.
    pub fn from_builtins(rules: &RuleSet, builtins: &BuiltIns) -> Params {
        let mut params = Params::new();
        for parameter in &rules.parameters {
            let value = match parameter.built_in.as_deref() {
                Some("AWS::Region") => builtins.region.clone().map(Value::String),
                Some("AWS::UseFIPS") => Some(Value::Bool(builtins.use_fips)),
                Some("AWS::UseDualStack") => Some(Value::Bool(builtins.use_dual_stack)),
                Some("SDK::Endpoint") => builtins.endpoint.clone().map(Value::String),
                _ => None,
            };
            if let Some(value) = value.or_else(|| parameter.default.clone()) {
                params.set(&parameter.name, value);
            }
        }
        params
    }

    /// Sets (or replaces) the value of the parameter `name`.
    pub fn set(&mut self, name: &str, value: Value) -> &mut Params {
        self.values.insert(name.to_owned(), value);
        self
    }

    /// Unsets the parameter `name`.
    pub fn remove(&mut self, name: &str) -> &mut Params {
        self.values.remove(name);
        self
    }

    /// The value of the parameter `name`, when set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }
}

/// A resolved endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The URL to send requests to (`https://cognito-idp.us-east-1.amazonaws.com`).
    pub url: String,
    /// Headers to add to every request, by name.
    pub headers: Vec<(String, Vec<String>)>,
    /// The endpoint's properties as a JSON object, notably `authSchemes` (signing name and
    /// region overrides).
    pub properties: Json,
}

impl Endpoint {
    /// The entry of the `authSchemes` property named `name` (`sigv4`), whose `signingName` and
    /// `signingRegion`, when present, override the signer's defaults.
    pub fn auth_scheme(&self, name: &str) -> Option<&JsonMap> {
        self.properties
            .get("authSchemes")?
            .as_array()?
            .iter()
            .filter_map(Json::as_object)
            .find(|scheme| scheme.get("name").and_then(Json::as_str) == Some(name))
    }
}

/// A parsed `smithy.rules#endpointRuleSet`.
#[derive(Debug, Clone)]
pub struct RuleSet {
    parameters: Vec<Parameter>,
    rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
struct Parameter {
    name: String,
    kind: ParamKind,
    built_in: Option<String>,
    required: bool,
    default: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParamKind {
    String,
    Boolean,
    StringArray,
}

impl ParamKind {
    fn name(self) -> &'static str {
        match self {
            ParamKind::String => "string",
            ParamKind::Boolean => "boolean",
            ParamKind::StringArray => "string array",
        }
    }

    fn accepts(self, value: &Value) -> bool {
        matches!(
            (self, value),
            (ParamKind::String, Value::String(_))
                | (ParamKind::Boolean, Value::Bool(_))
                | (ParamKind::StringArray, Value::StringArray(_))
        )
    }
}

#[derive(Debug, Clone)]
struct Rule {
    location: String,
    conditions: Vec<Condition>,
    outcome: Outcome,
}

#[derive(Debug, Clone)]
enum Outcome {
    Endpoint(EndpointTemplate),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone)]
struct Condition {
    expr: Expr,
    assign: Option<String>,
}

#[derive(Debug, Clone)]
struct EndpointTemplate {
    url: Expr,
    headers: Vec<(String, Vec<Expr>)>,
    properties: Vec<(String, Property)>,
}

/// Endpoint properties: JSON whose strings are templates.
#[derive(Debug, Clone)]
enum Property {
    Text(Template),
    Plain(Json),
    Array(Vec<Property>),
    Object(Vec<(String, Property)>),
}

#[derive(Debug, Clone)]
enum Expr {
    Text(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Ref(String),
    GetAttr(Box<Expr>, Vec<PathSegment>),
    Call(Function, Vec<Expr>),
}

#[derive(Debug, Clone, Copy)]
enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Coalesce,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

impl Function {
    fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "isSet" => Function::IsSet,
            "not" => Function::Not,
            "booleanEquals" => Function::BooleanEquals,
            "stringEquals" => Function::StringEquals,
            "substring" => Function::Substring,
            "uriEncode" => Function::UriEncode,
            "parseURL" => Function::ParseUrl,
            "isValidHostLabel" => Function::IsValidHostLabel,
            "coalesce" => Function::Coalesce,
            "aws.partition" => Function::Partition,
            "aws.parseArn" => Function::ParseArn,
            "aws.isVirtualHostableS3Bucket" => Function::IsVirtualHostableS3Bucket,
            _ => return None,
        })
    }

    /// Whether `count` arguments fit the function's signature.
    fn takes(self, count: usize) -> bool {
        match self {
            Function::IsSet
            | Function::Not
            | Function::UriEncode
            | Function::ParseUrl
            | Function::Partition
            | Function::ParseArn => count == 1,
            Function::BooleanEquals
            | Function::StringEquals
            | Function::IsValidHostLabel
            | Function::IsVirtualHostableS3Bucket => count == 2,
            Function::Substring => count == 4,
            Function::Coalesce => count >= 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum PathSegment {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone)]
struct Template {
    parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone)]
enum TemplatePart {
    Literal(String),
    Variable(String, Vec<PathSegment>),
}

impl RuleSet {
    /// Parses the `smithy.rules#endpointRuleSet` trait value. Errors name the offending spot,
    /// e.g. `rules[1].rules[0].conditions[2]: unknown function `foo``.
    pub fn parse(json: &str) -> Result<RuleSet, EndpointError> {
        let root: Json = serde_json::from_str(json)
            .map_err(|e| EndpointError::Invalid(format!("rule set: {e}")))?;
        let root = as_object(&root, "rule set").map_err(EndpointError::Invalid)?;
        let parameters = match root.get("parameters") {
            None => Vec::new(),
            Some(json) => parse_parameters(json).map_err(EndpointError::Invalid)?,
        };
        let mut scope: Vec<String> = parameters.iter().map(|p| p.name.clone()).collect();
        let rules = field(root, "rules", "rule set")
            .and_then(|rules| parse_rules(rules, "rules", &mut scope))
            .map_err(EndpointError::Invalid)?;
        Ok(RuleSet { parameters, rules })
    }

    /// Names of the declared parameters, in declaration order.
    pub fn parameter_names(&self) -> impl Iterator<Item = &str> {
        self.parameters.iter().map(|p| p.name.as_str())
    }

    /// Evaluates the rules against `params` (unset parameters take their declared defaults;
    /// values for undeclared names are ignored).
    pub fn resolve(
        &self,
        params: &Params,
        partitions: &Partitions,
    ) -> Result<Endpoint, EndpointError> {
        let mut evaluator = Evaluator {
            partitions,
            scope: self.bind_parameters(params)?,
        };
        match evaluator.first_match(&self.rules)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(EndpointError::NoMatch(
                "the top-level rules were exhausted".to_owned(),
            )),
        }
    }

    fn bind_parameters(&self, params: &Params) -> Result<Vec<(String, Value)>, EndpointError> {
        let mut scope = Vec::with_capacity(self.parameters.len());
        for parameter in &self.parameters {
            match params.get(&parameter.name).or(parameter.default.as_ref()) {
                Some(value) if parameter.kind.accepts(value) => {
                    scope.push((parameter.name.clone(), value.clone()))
                }
                Some(value) => {
                    return Err(EndpointError::ParameterType {
                        name: parameter.name.clone(),
                        expected: parameter.kind.name(),
                        found: value.type_name(),
                    })
                }
                None if parameter.required => {
                    return Err(EndpointError::MissingParameter(parameter.name.clone()))
                }
                None => {}
            }
        }
        Ok(scope)
    }
}

// ---- parsing ----

fn as_object<'a>(json: &'a Json, at: &str) -> Result<&'a JsonMap, String> {
    json.as_object()
        .ok_or_else(|| format!("{at}: expected an object"))
}

fn field<'a>(object: &'a JsonMap, name: &str, at: &str) -> Result<&'a Json, String> {
    object
        .get(name)
        .ok_or_else(|| format!("{at}: missing `{name}`"))
}

fn parse_parameters(json: &Json) -> Result<Vec<Parameter>, String> {
    as_object(json, "parameters")?
        .iter()
        .map(|(name, spec)| parse_parameter(name, spec))
        .collect()
}

fn parse_parameter(name: &str, spec: &Json) -> Result<Parameter, String> {
    let at = format!("parameters.{name}");
    let spec = as_object(spec, &at)?;
    let kind = match field(spec, "type", &at)?
        .as_str()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("string") => ParamKind::String,
        Some("boolean") => ParamKind::Boolean,
        Some("stringarray") => ParamKind::StringArray,
        _ => {
            return Err(format!(
                "{at}: `type` must be string, boolean or stringArray"
            ))
        }
    };
    let default = spec.get("default").and_then(Value::from_json);
    if let Some(default) = &default {
        if !kind.accepts(default) {
            return Err(format!(
                "{at}: default is a {}, not a {}",
                default.type_name(),
                kind.name()
            ));
        }
    }
    Ok(Parameter {
        name: name.to_owned(),
        kind,
        built_in: spec
            .get("builtIn")
            .and_then(Json::as_str)
            .map(str::to_owned),
        required: spec
            .get("required")
            .and_then(Json::as_bool)
            .unwrap_or(false),
        default,
    })
}

/// `scope` holds the names visible here (parameters and enclosing assignments); each rule's
/// own assignments are popped when it ends.
fn parse_rules(json: &Json, at: &str, scope: &mut Vec<String>) -> Result<Vec<Rule>, String> {
    let rules = json
        .as_array()
        .ok_or_else(|| format!("{at}: expected an array"))?;
    rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let depth = scope.len();
            let rule = parse_rule(rule, &format!("{at}[{i}]"), scope);
            scope.truncate(depth);
            rule
        })
        .collect()
}

fn parse_rule(json: &Json, at: &str, scope: &mut Vec<String>) -> Result<Rule, String> {
    let rule = as_object(json, at)?;
    let conditions = match rule.get("conditions") {
        None => Vec::new(),
        Some(Json::Array(conditions)) => conditions
            .iter()
            .enumerate()
            .map(|(i, c)| parse_condition(c, &format!("{at}.conditions[{i}]"), scope))
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(format!("{at}.conditions: expected an array")),
    };
    let outcome = match field(rule, "type", at)?.as_str() {
        Some("endpoint") => Outcome::Endpoint(parse_endpoint(
            field(rule, "endpoint", at)?,
            &format!("{at}.endpoint"),
            scope,
        )?),
        Some("error") => Outcome::Error(parse_expr(
            field(rule, "error", at)?,
            &format!("{at}.error"),
            scope,
        )?),
        Some("tree") => Outcome::Tree(parse_rules(
            field(rule, "rules", at)?,
            &format!("{at}.rules"),
            scope,
        )?),
        _ => return Err(format!("{at}: `type` must be endpoint, error or tree")),
    };
    Ok(Rule {
        location: at.to_owned(),
        conditions,
        outcome,
    })
}

fn parse_condition(json: &Json, at: &str, scope: &mut Vec<String>) -> Result<Condition, String> {
    let object = as_object(json, at)?;
    if !object.contains_key("fn") {
        return Err(format!("{at}: a condition must call a function (`fn`)"));
    }
    let expr = parse_expr(json, at, scope)?;
    let assign = match object.get("assign") {
        None => None,
        Some(Json::String(name)) if scope.contains(name) => {
            return Err(format!("{at}: `assign` shadows `{name}`, already in scope"))
        }
        Some(Json::String(name)) => Some(name.clone()),
        Some(_) => return Err(format!("{at}: `assign` must be a string")),
    };
    if let Some(name) = &assign {
        scope.push(name.clone());
    }
    Ok(Condition { expr, assign })
}

fn parse_endpoint(json: &Json, at: &str, scope: &[String]) -> Result<EndpointTemplate, String> {
    let endpoint = as_object(json, at)?;
    let url = parse_expr(field(endpoint, "url", at)?, &format!("{at}.url"), scope)?;
    let headers = match endpoint.get("headers") {
        None => Vec::new(),
        Some(headers) => as_object(headers, &format!("{at}.headers"))?
            .iter()
            .map(|(name, values)| {
                let at = format!("{at}.headers.{name}");
                let values = values
                    .as_array()
                    .ok_or_else(|| format!("{at}: expected an array"))?;
                let values = values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| parse_expr(v, &format!("{at}[{i}]"), scope))
                    .collect::<Result<_, _>>()?;
                Ok((name.clone(), values))
            })
            .collect::<Result<_, String>>()?,
    };
    let properties = match endpoint.get("properties") {
        None => Vec::new(),
        Some(properties) => parse_property_fields(
            as_object(properties, &format!("{at}.properties"))?,
            &format!("{at}.properties"),
            scope,
        )?,
    };
    Ok(EndpointTemplate {
        url,
        headers,
        properties,
    })
}

fn parse_property_fields(
    object: &JsonMap,
    at: &str,
    scope: &[String],
) -> Result<Vec<(String, Property)>, String> {
    object
        .iter()
        .map(|(key, value)| {
            Ok((
                key.clone(),
                parse_property(value, &format!("{at}.{key}"), scope)?,
            ))
        })
        .collect()
}

fn parse_property(json: &Json, at: &str, scope: &[String]) -> Result<Property, String> {
    Ok(match json {
        Json::String(s) => Property::Text(parse_template(s, at, scope)?),
        Json::Array(items) => Property::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| parse_property(item, &format!("{at}[{i}]"), scope))
                .collect::<Result<_, _>>()?,
        ),
        Json::Object(fields) => Property::Object(parse_property_fields(fields, at, scope)?),
        plain => Property::Plain(plain.clone()),
    })
}

fn parse_expr(json: &Json, at: &str, scope: &[String]) -> Result<Expr, String> {
    match json {
        Json::String(s) => Ok(Expr::Text(parse_template(s, at, scope)?)),
        Json::Bool(b) => Ok(Expr::Bool(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Expr::Int)
            .ok_or_else(|| format!("{at}: only integer numbers are supported, got {n}")),
        Json::Array(items) => Ok(Expr::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| parse_expr(item, &format!("{at}[{i}]"), scope))
                .collect::<Result<_, _>>()?,
        )),
        Json::Object(object) => parse_reference_or_call(object, at, scope),
        Json::Null => Err(format!("{at}: null is not an expression")),
    }
}

fn parse_reference_or_call(object: &JsonMap, at: &str, scope: &[String]) -> Result<Expr, String> {
    if let Some(name) = object.get("ref") {
        let name = name
            .as_str()
            .ok_or_else(|| format!("{at}: `ref` must be a string"))?;
        check_in_scope(name, at, scope)?;
        return Ok(Expr::Ref(name.to_owned()));
    }
    let name = object
        .get("fn")
        .and_then(Json::as_str)
        .ok_or_else(|| format!("{at}: expected a string, boolean, array, `ref` or `fn`"))?;
    let argv = match object.get("argv") {
        Some(Json::Array(argv)) => argv,
        _ => return Err(format!("{at}: `{name}` needs an `argv` array")),
    };
    let arg_at = |i: usize| format!("{at}.argv[{i}]");
    if name == "getAttr" {
        return match argv.as_slice() {
            [target, Json::String(path)] => Ok(Expr::GetAttr(
                Box::new(parse_expr(target, &arg_at(0), scope)?),
                parse_path(path, &arg_at(1))?,
            )),
            _ => Err(format!(
                "{at}: getAttr takes a value and a literal path string"
            )),
        };
    }
    let function =
        Function::from_name(name).ok_or_else(|| format!("{at}: unknown function `{name}`"))?;
    if !function.takes(argv.len()) {
        return Err(format!(
            "{at}: `{name}` cannot take {} arguments",
            argv.len()
        ));
    }
    let args = argv
        .iter()
        .enumerate()
        .map(|(i, arg)| parse_expr(arg, &arg_at(i), scope))
        .collect::<Result<_, _>>()?;
    Ok(Expr::Call(function, args))
}

fn check_in_scope(name: &str, at: &str, scope: &[String]) -> Result<(), String> {
    if scope.iter().any(|s| s == name) {
        Ok(())
    } else {
        Err(format!(
            "{at}: `{name}` is neither a parameter nor a variable in scope"
        ))
    }
}

/// `a.b[0]`: dot-separated keys, each optionally followed by `[index]`.
fn parse_path(path: &str, at: &str) -> Result<Vec<PathSegment>, String> {
    let bad = || format!("{at}: bad attribute path `{path}`");
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => {
                let index = rest
                    .strip_suffix(']')
                    .and_then(|i| i.parse::<usize>().ok())
                    .ok_or_else(bad)?;
                (key, Some(index))
            }
            None => (part, None),
        };
        if !key.is_empty() {
            segments.push(PathSegment::Key(key.to_owned()));
        } else if index.is_none() {
            return Err(bad());
        }
        segments.extend(index.map(PathSegment::Index));
    }
    Ok(segments)
}

/// `https://{Region}.{PartitionResult#dnsSuffix}`; `{{` and `}}` stand for literal braces.
fn parse_template(text: &str, at: &str, scope: &[String]) -> Result<Template, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut inner = String::new();
                let closed = loop {
                    match chars.next() {
                        Some('}') => break true,
                        Some(c) => inner.push(c),
                        None => break false,
                    }
                };
                if !closed {
                    return Err(format!("{at}: unclosed `{{` in template `{text}`"));
                }
                if !literal.is_empty() {
                    parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                }
                let (name, path) = match inner.split_once('#') {
                    Some((name, path)) => (name, parse_path(path, at)?),
                    None => (inner.as_str(), Vec::new()),
                };
                check_in_scope(name, at, scope)?;
                parts.push(TemplatePart::Variable(name.to_owned(), path));
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(TemplatePart::Literal(literal));
    }
    Ok(Template { parts })
}

// ---- evaluation ----

struct Evaluator<'a> {
    partitions: &'a Partitions,
    /// Parameters, then assignments of the enclosing rules; searched from the end.
    scope: Vec<(String, Value)>,
}

impl Evaluator<'_> {
    /// The first rule whose conditions hold decides: `Ok(None)` when none does.
    fn first_match(&mut self, rules: &[Rule]) -> Result<Option<Endpoint>, EndpointError> {
        for rule in rules {
            let depth = self.scope.len();
            let outcome = self.try_rule(rule);
            self.scope.truncate(depth);
            if let Some(outcome) = outcome.transpose() {
                return outcome.map(Some);
            }
        }
        Ok(None)
    }

    fn try_rule(&mut self, rule: &Rule) -> Result<Option<Endpoint>, EndpointError> {
        for condition in &rule.conditions {
            if !self.holds(condition)? {
                return Ok(None);
            }
        }
        match &rule.outcome {
            Outcome::Endpoint(endpoint) => self.endpoint(endpoint).map(Some),
            Outcome::Error(message) => {
                Err(EndpointError::Rule(self.string(message, "error message")?))
            }
            Outcome::Tree(rules) => match self.first_match(rules)? {
                Some(endpoint) => Ok(Some(endpoint)),
                None => Err(EndpointError::NoMatch(format!(
                    "the rules of the tree at {} were exhausted",
                    rule.location
                ))),
            },
        }
    }

    /// A condition holds unless its function gives nothing or `false`; `assign` binds the result.
    fn holds(&mut self, condition: &Condition) -> Result<bool, EndpointError> {
        match self.eval(&condition.expr)? {
            None | Some(Value::Bool(false)) => Ok(false),
            Some(value) => {
                if let Some(name) = &condition.assign {
                    self.scope.push((name.clone(), value));
                }
                Ok(true)
            }
        }
    }

    fn endpoint(&self, template: &EndpointTemplate) -> Result<Endpoint, EndpointError> {
        let url = self.string(&template.url, "endpoint url")?;
        let headers = template
            .headers
            .iter()
            .map(|(name, values)| {
                let values = values
                    .iter()
                    .map(|v| self.string(v, "header value"))
                    .collect::<Result<_, _>>()?;
                Ok((name.clone(), values))
            })
            .collect::<Result<_, EndpointError>>()?;
        let properties = self.property_fields(&template.properties)?;
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    fn property_fields(&self, fields: &[(String, Property)]) -> Result<Json, EndpointError> {
        let mut object = JsonMap::new();
        for (key, property) in fields {
            object.insert(key.clone(), self.property(property)?);
        }
        Ok(Json::Object(object))
    }

    fn property(&self, property: &Property) -> Result<Json, EndpointError> {
        Ok(match property {
            Property::Text(template) => Json::String(self.render(template)?),
            Property::Plain(json) => json.clone(),
            Property::Array(items) => Json::Array(
                items
                    .iter()
                    .map(|i| self.property(i))
                    .collect::<Result<_, _>>()?,
            ),
            Property::Object(fields) => self.property_fields(fields)?,
        })
    }

    /// Evaluates an expression that must give a string (url, error message, header value).
    fn string(&self, expr: &Expr, what: &str) -> Result<String, EndpointError> {
        match self.eval(expr)? {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(EndpointError::Evaluation(format!(
                "{what} is a {}, not a string",
                other.type_name()
            ))),
            None => Err(EndpointError::Evaluation(format!("{what} has no value"))),
        }
    }

    fn lookup(&self, name: &str) -> Option<&Value> {
        self.scope
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    fn render(&self, template: &Template) -> Result<String, EndpointError> {
        let mut out = String::new();
        for part in &template.parts {
            match part {
                TemplatePart::Literal(text) => out.push_str(text),
                TemplatePart::Variable(name, path) => {
                    match self.lookup(name).and_then(|v| follow(v, path)) {
                        Some(Value::String(s)) => out.push_str(&s),
                        Some(Value::Bool(b)) => out.push_str(if b { "true" } else { "false" }),
                        Some(Value::Int(i)) => out.push_str(&i.to_string()),
                        Some(other) => {
                            return Err(EndpointError::Evaluation(format!(
                                "template variable `{name}` is a {}, not a string",
                                other.type_name()
                            )))
                        }
                        None => {
                            return Err(EndpointError::Evaluation(format!(
                                "template variable `{name}`{} has no value",
                                if path.is_empty() {
                                    ""
                                } else {
                                    " (or its attribute)"
                                }
                            )))
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// `None` means "no value": an unset parameter or a function with nothing to return.
    fn eval(&self, expr: &Expr) -> Result<Option<Value>, EndpointError> {
        Ok(match expr {
            Expr::Text(template) => Some(Value::String(self.render(template)?)),
            Expr::Bool(b) => Some(Value::Bool(*b)),
            Expr::Int(i) => Some(Value::Int(*i)),
            Expr::Array(items) => {
                let values = items
                    .iter()
                    .map(|i| self.eval(i))
                    .collect::<Result<Vec<_>, _>>()?;
                let values: Vec<Value> = values.into_iter().flatten().collect();
                let strings: Option<Vec<String>> = values
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect();
                Some(match strings {
                    Some(strings) => Value::StringArray(strings),
                    None => Value::Array(values),
                })
            }
            Expr::Ref(name) => self.lookup(name).cloned(),
            Expr::GetAttr(target, path) => self.eval(target)?.and_then(|v| follow(&v, path)),
            Expr::Call(function, args) => self.call(*function, args)?,
        })
    }

    fn call(&self, function: Function, args: &[Expr]) -> Result<Option<Value>, EndpointError> {
        match function {
            Function::IsSet => return Ok(Some(Value::Bool(self.eval_arg(args, 0)?.is_some()))),
            Function::Coalesce => {
                for arg in args {
                    if let Some(value) = self.eval(arg)? {
                        return Ok(Some(value));
                    }
                }
                return Ok(None);
            }
            _ => {}
        }
        // Every other function gives nothing when an argument has no value.
        let mut values = Vec::with_capacity(args.len());
        for i in 0..args.len() {
            match self.eval_arg(args, i)? {
                Some(value) => values.push(value),
                None => return Ok(None),
            }
        }
        self.apply(function, &values)
    }

    fn eval_arg(&self, args: &[Expr], index: usize) -> Result<Option<Value>, EndpointError> {
        match args.get(index) {
            Some(arg) => self.eval(arg),
            None => Ok(None),
        }
    }

    fn apply(&self, function: Function, args: &[Value]) -> Result<Option<Value>, EndpointError> {
        let name = function_name(function);
        let arg = Args { name, values: args };
        Ok(match function {
            Function::IsSet | Function::Coalesce => None,
            Function::Not => Some(Value::Bool(!arg.bool(0)?)),
            Function::BooleanEquals => Some(Value::Bool(arg.bool(0)? == arg.bool(1)?)),
            Function::StringEquals => Some(Value::Bool(arg.str(0)? == arg.str(1)?)),
            Function::Substring => {
                let (start, stop) = (arg.index(1)?, arg.index(2)?);
                match (start, stop) {
                    (Some(start), Some(stop)) => {
                        endpoint_fns::substring(arg.str(0)?, start, stop, arg.bool(3)?)
                            .map(Value::String)
                    }
                    _ => None,
                }
            }
            Function::UriEncode => Some(Value::String(endpoint_fns::uri_encode(arg.str(0)?))),
            Function::ParseUrl => endpoint_fns::parse_url(arg.str(0)?).map(url_record),
            Function::IsValidHostLabel => Some(Value::Bool(endpoint_fns::is_valid_host_label(
                arg.str(0)?,
                arg.bool(1)?,
            ))),
            Function::Partition => self
                .partitions
                .lookup(arg.str(0)?)
                .and_then(|outputs| Value::from_json(&Json::Object(outputs))),
            Function::ParseArn => endpoint_fns::parse_arn(arg.str(0)?).map(arn_record),
            Function::IsVirtualHostableS3Bucket => Some(Value::Bool(
                endpoint_fns::is_virtual_hostable_s3_bucket(arg.str(0)?, arg.bool(1)?),
            )),
        })
    }
}

/// Arguments of one call, with type checks that name the function.
struct Args<'a> {
    name: &'static str,
    values: &'a [Value],
}

impl Args<'_> {
    fn get(&self, i: usize) -> Result<&Value, EndpointError> {
        self.values.get(i).ok_or_else(|| {
            EndpointError::Evaluation(format!("`{}` is missing argument {}", self.name, i + 1))
        })
    }

    fn mismatch(&self, i: usize, expected: &str, found: &Value) -> EndpointError {
        EndpointError::Evaluation(format!(
            "`{}` argument {} must be a {expected}, got a {}",
            self.name,
            i + 1,
            found.type_name()
        ))
    }

    fn str(&self, i: usize) -> Result<&str, EndpointError> {
        let value = self.get(i)?;
        value
            .as_str()
            .ok_or_else(|| self.mismatch(i, "string", value))
    }

    fn bool(&self, i: usize) -> Result<bool, EndpointError> {
        let value = self.get(i)?;
        value
            .as_bool()
            .ok_or_else(|| self.mismatch(i, "boolean", value))
    }

    /// A non-negative integer; `None` for a negative one (no substring can start there).
    fn index(&self, i: usize) -> Result<Option<usize>, EndpointError> {
        match self.get(i)? {
            Value::Int(n) => Ok(usize::try_from(*n).ok()),
            other => Err(self.mismatch(i, "integer", other)),
        }
    }
}

fn function_name(function: Function) -> &'static str {
    match function {
        Function::IsSet => "isSet",
        Function::Not => "not",
        Function::BooleanEquals => "booleanEquals",
        Function::StringEquals => "stringEquals",
        Function::Substring => "substring",
        Function::UriEncode => "uriEncode",
        Function::ParseUrl => "parseURL",
        Function::IsValidHostLabel => "isValidHostLabel",
        Function::Coalesce => "coalesce",
        Function::Partition => "aws.partition",
        Function::ParseArn => "aws.parseArn",
        Function::IsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
    }
}

fn follow(value: &Value, path: &[PathSegment]) -> Option<Value> {
    let mut current = value.clone();
    for segment in path {
        current = current.attribute(segment)?;
    }
    Some(current)
}

fn url_record(url: endpoint_fns::Url) -> Value {
    Value::Record(BTreeMap::from([
        ("scheme".to_owned(), Value::String(url.scheme)),
        ("authority".to_owned(), Value::String(url.authority)),
        ("path".to_owned(), Value::String(url.path)),
        (
            "normalizedPath".to_owned(),
            Value::String(url.normalized_path),
        ),
        ("isIp".to_owned(), Value::Bool(url.is_ip)),
    ]))
}

fn arn_record(arn: endpoint_fns::Arn) -> Value {
    Value::Record(BTreeMap::from([
        ("partition".to_owned(), Value::String(arn.partition)),
        ("service".to_owned(), Value::String(arn.service)),
        ("region".to_owned(), Value::String(arn.region)),
        ("accountId".to_owned(), Value::String(arn.account_id)),
        ("resourceId".to_owned(), Value::StringArray(arn.resource_id)),
    ]))
}
