//! Reading a rule set from its JSON: shapes, known functions and their arity, and references
//! to parameters or variables in scope are checked here, so evaluation fails only on what the
//! rules say.
use super::ast::*;
use super::{Json, JsonMap, Value};

pub(super) fn as_object<'a>(json: &'a Json, at: &str) -> Result<&'a JsonMap, String> {
    json.as_object()
        .ok_or_else(|| format!("{at}: expected an object"))
}

pub(super) fn field<'a>(object: &'a JsonMap, name: &str, at: &str) -> Result<&'a Json, String> {
    object
        .get(name)
        .ok_or_else(|| format!("{at}: missing `{name}`"))
}

pub(super) fn parse_parameters(json: &Json) -> Result<Vec<Parameter>, String> {
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
pub(super) fn parse_rules(
    json: &Json,
    at: &str,
    scope: &mut Vec<String>,
) -> Result<Vec<Rule>, String> {
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
