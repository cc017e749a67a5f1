//! The JMESPath subset Smithy waiters use, evaluated over the wire JSON of an input or output.
//!
//! Supported: identifiers (bare and `"quoted"`), `@`, sub-expressions `a.b`, indexes `[0]` and
//! `[-1]`, list projections `[*]`, flatten `[]`, filters `[?expr]`, pipes `|`, comparisons
//! (`==`, `!=`, `<`, `<=`, `>`, `>=`), `&&`, `||`, `!`, parentheses, literals (`'raw'` and
//! `` `json` ``) and the functions `length` and `contains`. Anything else (object wildcards,
//! slices, multi-selects, other functions) is refused when parsing, so the generator rejects a
//! waiter using it before any code is written. This file uses nothing but `serde_json`: the
//! generator compiles the same file to check expressions.
use serde_json::Value;
use std::fmt;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `@`: the current value.
    Current,
    /// An object member by name.
    Field(String),
    /// A literal value.
    Literal(Value),
    /// `lhs.rhs` or `lhs | rhs`: `rhs` evaluated on the value of `lhs`.
    Sub(Box<Expr>, Box<Expr>),
    /// `[n]` on the current value; negative counts from the end.
    Index(i64),
    /// `lhs[]`: one level of nested arrays spliced.
    Flatten(Box<Expr>),
    /// `rhs` applied to each element of the array `lhs` (kept when `cond` is truthy), nulls dropped.
    Projection {
        /// The array projected.
        lhs: Box<Expr>,
        /// The filter, for `[?cond]`.
        cond: Option<Box<Expr>>,
        /// What each element becomes.
        rhs: Box<Expr>,
    },
    /// A comparison.
    Compare(Cmp, Box<Expr>, Box<Expr>),
    /// `a && b`.
    And(Box<Expr>, Box<Expr>),
    /// `a || b`.
    Or(Box<Expr>, Box<Expr>),
    /// `!a`.
    Not(Box<Expr>),
    /// `length(a)`.
    Length(Box<Expr>),
    /// `contains(subject, search)`.
    Contains(Box<Expr>, Box<Expr>),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// Why an expression was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset of the problem in the expression.
    pub offset: usize,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at offset {}: {}", self.offset, self.problem)
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Quoted(String),
    Literal(Value),
    Number(i64),
    Dot,
    Star,
    At,
    Flatten,
    Filter,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    Pipe,
    Or,
    And,
    Not,
    Cmp(Cmp),
    Eof,
}

impl Token {
    /// JMESPath's binding powers for the tokens this subset knows.
    fn binding_power(&self) -> u8 {
        match self {
            Token::Pipe => 1,
            Token::Or => 2,
            Token::And => 3,
            Token::Cmp(_) => 5,
            Token::Flatten => 9,
            Token::Star => 20,
            Token::Filter => 21,
            Token::Dot => 40,
            Token::Not => 45,
            Token::LBracket => 55,
            Token::LParen => 60,
            _ => 0,
        }
    }
}

/// Parses `text`, refusing anything outside the subset.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let tokens = lex(text)?;
    let mut parser = Parser {
        tokens,
        pos: 0,
        last: 0,
    };
    let expr = parser.expression(0)?;
    match parser.peek() {
        Token::Eof => Ok(expr),
        other => Err(parser.error(format!("unexpected {other:?}"))),
    }
}

fn lex(text: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |offset: usize, problem: &str| ParseError {
        offset,
        problem: problem.to_string(),
    };
    while i < bytes.len() {
        let start = i;
        let c = bytes[i];
        let two = bytes.get(i..i + 2).unwrap_or_default();
        let token = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push((start, Token::Ident(text[start..i].to_string())));
                continue;
            }
            b'-' | b'0'..=b'9' => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let number = text[start..i]
                    .parse()
                    .map_err(|_| err(start, "not an integer"))?;
                out.push((start, Token::Number(number)));
                continue;
            }
            b'"' | b'\'' | b'`' => {
                let end = closing(bytes, i).ok_or_else(|| err(start, "unterminated quote"))?;
                let inner = &text[i + 1..end];
                i = end + 1;
                let token = match c {
                    b'"' => Token::Quoted(
                        serde_json::from_str(&text[start..i])
                            .map_err(|e| err(start, &format!("bad quoted identifier: {e}")))?,
                    ),
                    b'\'' => Token::Literal(Value::String(inner.replace("\\'", "'"))),
                    _ => Token::Literal(
                        serde_json::from_str(&inner.replace("\\`", "`"))
                            .map_err(|e| err(start, &format!("bad JSON literal: {e}")))?,
                    ),
                };
                out.push((start, token));
                continue;
            }
            _ if two == b"[]" => Token::Flatten,
            _ if two == b"[?" => Token::Filter,
            _ if two == b"||" => Token::Or,
            _ if two == b"&&" => Token::And,
            _ if two == b"==" => Token::Cmp(Cmp::Eq),
            _ if two == b"!=" => Token::Cmp(Cmp::Ne),
            _ if two == b"<=" => Token::Cmp(Cmp::Le),
            _ if two == b">=" => Token::Cmp(Cmp::Ge),
            b'<' => Token::Cmp(Cmp::Lt),
            b'>' => Token::Cmp(Cmp::Gt),
            b'!' => Token::Not,
            b'|' => Token::Pipe,
            b'.' => Token::Dot,
            b'*' => Token::Star,
            b'@' => Token::At,
            b'[' => Token::LBracket,
            b']' => Token::RBracket,
            b'(' => Token::LParen,
            b')' => Token::RParen,
            b',' => Token::Comma,
            _ => {
                let shown = text[start..].chars().next().unwrap_or('?');
                return Err(err(start, &format!("{shown:?} is not supported")));
            }
        };
        i += match token {
            Token::Flatten
            | Token::Filter
            | Token::Or
            | Token::And
            | Token::Cmp(Cmp::Eq | Cmp::Ne | Cmp::Le | Cmp::Ge) => 2,
            _ => 1,
        };
        out.push((start, token));
    }
    out.push((bytes.len(), Token::Eof));
    Ok(out)
}

/// The index of the quote closing the one at `open`, skipping backslash escapes.
fn closing(bytes: &[u8], open: usize) -> Option<usize> {
    let quote = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
    /// Where the token `next` last returned starts.
    last: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)].1
    }

    fn next(&mut self) -> Token {
        let token = self.peek().clone();
        self.last = self.tokens[self.pos.min(self.tokens.len() - 1)].0;
        self.pos = (self.pos + 1).min(self.tokens.len() - 1);
        token
    }

    fn error(&self, problem: String) -> ParseError {
        ParseError {
            offset: self.tokens[self.pos.min(self.tokens.len() - 1)].0,
            problem,
        }
    }

    fn expect(&mut self, wanted: Token) -> Result<(), ParseError> {
        if *self.peek() == wanted {
            self.next();
            Ok(())
        } else {
            Err(self.error(format!("expected {wanted:?}, found {:?}", self.peek())))
        }
    }

    fn expression(&mut self, rbp: u8) -> Result<Expr, ParseError> {
        let mut left = self.prefix()?;
        while rbp < self.peek().binding_power() {
            left = self.infix(left)?;
        }
        Ok(left)
    }

    fn prefix(&mut self) -> Result<Expr, ParseError> {
        match self.next() {
            Token::Ident(name) if *self.peek() == Token::LParen => self.function(&name),
            Token::Ident(name) | Token::Quoted(name) => Ok(Expr::Field(name)),
            Token::Literal(value) => Ok(Expr::Literal(value)),
            Token::At => Ok(Expr::Current),
            Token::Not => Ok(Expr::Not(Box::new(self.expression(45)?))),
            Token::LParen => {
                let inner = self.expression(0)?;
                self.expect(Token::RParen)?;
                Ok(inner)
            }
            Token::Flatten => self.flatten(Expr::Current),
            Token::Filter => self.filter(Expr::Current),
            Token::LBracket => self.bracket(Expr::Current),
            other => Err(self.error_before(format!("{other:?} is not supported here"))),
        }
    }

    fn error_before(&self, problem: String) -> ParseError {
        ParseError {
            offset: self.last,
            problem,
        }
    }

    fn infix(&mut self, left: Expr) -> Result<Expr, ParseError> {
        let b = Box::new;
        match self.next() {
            Token::Dot => Ok(Expr::Sub(b(left), b(self.dot_rhs()?))),
            Token::Pipe => Ok(Expr::Sub(b(left), b(self.expression(1)?))),
            Token::Or => Ok(Expr::Or(b(left), b(self.expression(2)?))),
            Token::And => Ok(Expr::And(b(left), b(self.expression(3)?))),
            Token::Cmp(op) => Ok(Expr::Compare(op, b(left), b(self.expression(5)?))),
            Token::Flatten => self.flatten(left),
            Token::Filter => self.filter(left),
            Token::LBracket => self.bracket(left),
            other => Err(self.error_before(format!("{other:?} is not supported here"))),
        }
    }

    fn dot_rhs(&mut self) -> Result<Expr, ParseError> {
        match self.next() {
            Token::Ident(name) if *self.peek() == Token::LParen => self.function(&name),
            Token::Ident(name) | Token::Quoted(name) => Ok(Expr::Field(name)),
            other => Err(self.error_before(format!("{other:?} after `.` is not supported"))),
        }
    }

    /// After `[`: an index or `*]`.
    fn bracket(&mut self, left: Expr) -> Result<Expr, ParseError> {
        match self.next() {
            Token::Number(n) => {
                self.expect(Token::RBracket)?;
                Ok(sub(left, Expr::Index(n)))
            }
            Token::Star => {
                self.expect(Token::RBracket)?;
                let rhs = self.projection_rhs(20)?;
                Ok(Expr::Projection {
                    lhs: Box::new(left),
                    cond: None,
                    rhs: Box::new(rhs),
                })
            }
            other => Err(self.error_before(format!("[{other:?} is not supported"))),
        }
    }

    fn flatten(&mut self, left: Expr) -> Result<Expr, ParseError> {
        let rhs = self.projection_rhs(9)?;
        Ok(Expr::Projection {
            lhs: Box::new(Expr::Flatten(Box::new(left))),
            cond: None,
            rhs: Box::new(rhs),
        })
    }

    fn filter(&mut self, left: Expr) -> Result<Expr, ParseError> {
        let cond = self.expression(0)?;
        self.expect(Token::RBracket)?;
        let rhs = self.projection_rhs(21)?;
        Ok(Expr::Projection {
            lhs: Box::new(left),
            cond: Some(Box::new(cond)),
            rhs: Box::new(rhs),
        })
    }

    /// What a projection applies to each element: up to the next token binding less tightly.
    fn projection_rhs(&mut self, bp: u8) -> Result<Expr, ParseError> {
        match self.peek() {
            token if token.binding_power() < 10 => Ok(Expr::Current),
            Token::LBracket | Token::Filter => self.expression(bp),
            Token::Dot => {
                self.next();
                let first = self.dot_rhs()?;
                let mut left = first;
                while bp < self.peek().binding_power() {
                    left = self.infix(left)?;
                }
                Ok(left)
            }
            other => Err(self.error(format!("{other:?} after a projection is not supported"))),
        }
    }

    fn function(&mut self, name: &str) -> Result<Expr, ParseError> {
        // Problems with the call are reported at the function's name.
        let at = self.last;
        let error = |problem: String| ParseError {
            offset: at,
            problem,
        };
        self.expect(Token::LParen)?;
        let mut args = Vec::new();
        if *self.peek() != Token::RParen {
            loop {
                args.push(self.expression(0)?);
                if *self.peek() != Token::Comma {
                    break;
                }
                self.next();
            }
        }
        self.expect(Token::RParen)?;
        let n = args.len();
        let mut args = args.into_iter().map(Box::new);
        match (name, args.next(), args.next(), args.next()) {
            ("length", Some(subject), None, None) => Ok(Expr::Length(subject)),
            ("contains", Some(subject), Some(search), None) => Ok(Expr::Contains(subject, search)),
            ("length" | "contains", ..) => Err(error(format!(
                "{name}() takes {} argument(s), not {n}",
                if name == "length" { 1 } else { 2 }
            ))),
            _ => Err(error(format!("the function {name}() is not supported"))),
        }
    }
}

fn sub(left: Expr, right: Expr) -> Expr {
    match left {
        Expr::Current => right,
        left => Expr::Sub(Box::new(left), Box::new(right)),
    }
}

/// JMESPath truthiness: false, null and empty strings, arrays and objects are false.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Number(_) => true,
    }
}

impl Expr {
    /// The value of the expression over `data`. Type mismatches give `null`, never an error.
    pub fn evaluate(&self, data: &Value) -> Value {
        match self {
            Expr::Current => data.clone(),
            Expr::Field(name) => data.get(name).cloned().unwrap_or(Value::Null),
            Expr::Literal(value) => value.clone(),
            Expr::Sub(lhs, rhs) => match lhs.evaluate(data) {
                Value::Null => Value::Null,
                left => rhs.evaluate(&left),
            },
            Expr::Index(n) => match data {
                Value::Array(items) => {
                    let len = items.len() as i64;
                    let at = if *n < 0 { len + n } else { *n };
                    usize::try_from(at)
                        .ok()
                        .and_then(|at| items.get(at))
                        .cloned()
                        .unwrap_or(Value::Null)
                }
                _ => Value::Null,
            },
            Expr::Flatten(inner) => match inner.evaluate(data) {
                Value::Array(items) => Value::Array(
                    items
                        .into_iter()
                        .flat_map(|item| match item {
                            Value::Array(nested) => nested,
                            other => vec![other],
                        })
                        .collect(),
                ),
                _ => Value::Null,
            },
            Expr::Projection { lhs, cond, rhs } => match lhs.evaluate(data) {
                Value::Array(items) => Value::Array(
                    items
                        .iter()
                        .filter(|item| cond.as_ref().is_none_or(|c| truthy(&c.evaluate(item))))
                        .map(|item| rhs.evaluate(item))
                        .filter(|value| !value.is_null())
                        .collect(),
                ),
                _ => Value::Null,
            },
            Expr::Compare(op, a, b) => compare(*op, &a.evaluate(data), &b.evaluate(data)),
            Expr::And(a, b) => match a.evaluate(data) {
                left if !truthy(&left) => left,
                _ => b.evaluate(data),
            },
            Expr::Or(a, b) => match a.evaluate(data) {
                left if truthy(&left) => left,
                _ => b.evaluate(data),
            },
            Expr::Not(a) => Value::Bool(!truthy(&a.evaluate(data))),
            Expr::Length(a) => match a.evaluate(data) {
                Value::String(s) => s.chars().count().into(),
                Value::Array(items) => items.len().into(),
                Value::Object(map) => map.len().into(),
                _ => Value::Null,
            },
            Expr::Contains(subject, search) => {
                let search = search.evaluate(data);
                match (subject.evaluate(data), &search) {
                    (Value::Array(items), _) => {
                        Value::Bool(items.iter().any(|item| equal(item, &search)))
                    }
                    (Value::String(s), Value::String(needle)) => {
                        Value::Bool(s.contains(needle.as_str()))
                    }
                    (Value::String(_), _) => Value::Bool(false),
                    _ => Value::Null,
                }
            }
        }
    }
}

/// JMESPath equality: numbers by value (`1 == 1.0`), everything else structurally.
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

fn compare(op: Cmp, a: &Value, b: &Value) -> Value {
    match op {
        Cmp::Eq => Value::Bool(equal(a, b)),
        Cmp::Ne => Value::Bool(!equal(a, b)),
        _ => match (a.as_f64(), b.as_f64()) {
            // Ordering is defined for numbers only; anything else compares as null.
            (Some(x), Some(y)) if a.is_number() && b.is_number() => Value::Bool(match op {
                Cmp::Lt => x < y,
                Cmp::Le => x <= y,
                Cmp::Gt => x > y,
                _ => x >= y,
            }),
            _ => Value::Null,
        },
    }
}
