//! Endpoint resolution: an interpreter for the model's `smithy.rules#endpointRuleSet`.
//!
//! The generator embeds the rule set and `partitions.json` as JSON text; a client parses both
//! once ([`RuleSet::parse`], [`Partitions::parse`]), builds [`Params`] from its configuration
//! ([`Params::from_builtins`]) and calls [`RuleSet::resolve`].
//!
//! Parsing checks what can be checked up front (rule shapes, known functions and their
//! arity, references to parameters or variables in scope), so resolution only fails on what
//! the rules themselves say: an error rule, a missing required parameter, or no rule matching.
//!
//! `ast` holds the parsed rules, `parse` reads them from JSON, `eval` runs them, [`fns`]
//! is the rules' function library and `pattern` the small regex engine behind
//! `aws.partition`'s region patterns.
use std::collections::BTreeMap;
use std::fmt;

mod ast;
mod eval;
pub mod fns;
mod parse;
mod pattern;

use ast::{Parameter, PathSegment, Rule};
use eval::Evaluator;
pub use fns::Partitions;
use parse::{as_object, field, parse_parameters, parse_rules};

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

    #[cfg(feature = "test-internals")]
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
    #[cfg(feature = "test-internals")]
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

    #[cfg(feature = "test-internals")]
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
