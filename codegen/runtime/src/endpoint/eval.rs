//! Running a parsed rule set: the first rule whose conditions hold gives the endpoint or the
//! error.
use std::collections::BTreeMap;

use super::ast::*;
use super::{fns, Endpoint, EndpointError, Json, JsonMap, Partitions, Value};

pub(super) struct Evaluator<'a> {
    pub(super) partitions: &'a Partitions,
    /// Parameters, then assignments of the enclosing rules; searched from the end.
    pub(super) scope: Vec<(String, Value)>,
}

impl Evaluator<'_> {
    /// The first rule whose conditions hold decides: `Ok(None)` when none does.
    pub(super) fn first_match(
        &mut self,
        rules: &[Rule],
    ) -> Result<Option<Endpoint>, EndpointError> {
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
        let name = function.name();
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
                        fns::substring(arg.str(0)?, start, stop, arg.bool(3)?).map(Value::String)
                    }
                    _ => None,
                }
            }
            Function::UriEncode => Some(Value::String(fns::uri_encode(arg.str(0)?))),
            Function::ParseUrl => fns::parse_url(arg.str(0)?).map(url_record),
            Function::IsValidHostLabel => Some(Value::Bool(fns::is_valid_host_label(
                arg.str(0)?,
                arg.bool(1)?,
            ))),
            Function::Partition => self
                .partitions
                .lookup(arg.str(0)?)
                .and_then(|outputs| Value::from_json(&Json::Object(outputs))),
            Function::ParseArn => fns::parse_arn(arg.str(0)?).map(arn_record),
            Function::IsVirtualHostableS3Bucket => Some(Value::Bool(
                fns::is_virtual_hostable_s3_bucket(arg.str(0)?, arg.bool(1)?),
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

fn follow(value: &Value, path: &[PathSegment]) -> Option<Value> {
    let mut current = value.clone();
    for segment in path {
        current = current.attribute(segment)?;
    }
    Some(current)
}

fn url_record(url: fns::Url) -> Value {
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

fn arn_record(arn: fns::Arn) -> Value {
    Value::Record(BTreeMap::from([
        ("partition".to_owned(), Value::String(arn.partition)),
        ("service".to_owned(), Value::String(arn.service)),
        ("region".to_owned(), Value::String(arn.region)),
        ("accountId".to_owned(), Value::String(arn.account_id)),
        ("resourceId".to_owned(), Value::StringArray(arn.resource_id)),
    ]))
}
