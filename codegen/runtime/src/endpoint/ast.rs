//! The parsed rule set: rules, conditions, expressions and templates, as [`super::parse`]
//! reads them and [`super::eval`] runs them.
use super::{Json, Value};

#[derive(Debug, Clone)]
pub(super) struct Parameter {
    pub(super) name: String,
    pub(super) kind: ParamKind,
    pub(super) built_in: Option<String>,
    pub(super) required: bool,
    pub(super) default: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ParamKind {
    String,
    Boolean,
    StringArray,
}

impl ParamKind {
    pub(super) fn name(self) -> &'static str {
        match self {
            ParamKind::String => "string",
            ParamKind::Boolean => "boolean",
            ParamKind::StringArray => "string array",
        }
    }

    pub(super) fn accepts(self, value: &Value) -> bool {
        matches!(
            (self, value),
            (ParamKind::String, Value::String(_))
                | (ParamKind::Boolean, Value::Bool(_))
                | (ParamKind::StringArray, Value::StringArray(_))
        )
    }
}

#[derive(Debug, Clone)]
pub(super) struct Rule {
    pub(super) location: String,
    pub(super) conditions: Vec<Condition>,
    pub(super) outcome: Outcome,
}

#[derive(Debug, Clone)]
pub(super) enum Outcome {
    Endpoint(EndpointTemplate),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone)]
pub(super) struct Condition {
    pub(super) expr: Expr,
    pub(super) assign: Option<String>,
}

#[derive(Debug, Clone)]
pub(super) struct EndpointTemplate {
    pub(super) url: Expr,
    pub(super) headers: Vec<(String, Vec<Expr>)>,
    pub(super) properties: Vec<(String, Property)>,
}

/// Endpoint properties: JSON whose strings are templates.
#[derive(Debug, Clone)]
pub(super) enum Property {
    Text(Template),
    Plain(Json),
    Array(Vec<Property>),
    Object(Vec<(String, Property)>),
}

#[derive(Debug, Clone)]
pub(super) enum Expr {
    Text(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Ref(String),
    GetAttr(Box<Expr>, Vec<PathSegment>),
    Call(Function, Vec<Expr>),
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Function {
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
    pub(super) fn from_name(name: &str) -> Option<Function> {
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
    pub(super) fn takes(self, count: usize) -> bool {
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

    /// The function's name in rule sets.
    pub(super) fn name(self) -> &'static str {
        match self {
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PathSegment {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone)]
pub(super) struct Template {
    pub(super) parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone)]
pub(super) enum TemplatePart {
    Literal(String),
    Variable(String, Vec<PathSegment>),
}
