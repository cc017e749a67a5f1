//! restJson1's HTTP binding traits: which operations can be generated (every binding valid
//! and of a supported kind) and where each member of an input or output travels. Pure: the
//! model in, facts or a reason out. Resolve asks [`problem`] before resolving an operation,
//! so an operation with an invalid or unsupported binding is left out with that reason and
//! never fails the whole model.
use crate::ir::{Binding, Http};
use crate::model::{Model, Shape, Traits};
use serde_json::Value;

const HTTP: &str = "smithy.api#http";
const LABEL: &str = "smithy.api#httpLabel";
const QUERY: &str = "smithy.api#httpQuery";
const QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
const HEADER: &str = "smithy.api#httpHeader";
const PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
const PAYLOAD: &str = "smithy.api#httpPayload";
const RESPONSE_CODE: &str = "smithy.api#httpResponseCode";

/// Which side of the exchange a structure is; bindings that only mean something on the other
/// side are ignored, as Smithy says (an output's `@httpQuery` member is a body member).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// An operation's input.
    Input,
    /// An operation's output.
    Output,
}

/// The operation's `@http` trait.
pub fn http(traits: &Traits) -> Result<Http, String> {
    let value = traits
        .get(HTTP)
        .ok_or("it has no `@http` trait, which restJson1 needs")?;
    let method = value
        .get("method")
        .and_then(Value::as_str)
        .ok_or("its `@http` has no `method` string")?;
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "its `@http` method {method:?} is not an upper-case HTTP method"
        ));
    }
    let uri = value
        .get("uri")
        .and_then(Value::as_str)
        .ok_or("its `@http` has no `uri` string")?;
    let code = match value.get("code") {
        None => 200,
        Some(code) => code
            .as_u64()
            .filter(|c| (100..=599).contains(c))
            .ok_or_else(|| format!("its `@http` code {code} is not an HTTP status"))?
            as u16,
    };
    UriPattern::parse(uri)?;
    Ok(Http {
        method: method.to_string(),
        uri: uri.to_string(),
        code,
        checksum_required: traits.has("smithy.api#httpChecksumRequired"),
        unsigned_payload: traits.has("aws.auth#unsignedPayload"),
    })
}

/// The labels of a URI pattern, checked: `/a/{B}/{C+}?d=e&f`.
#[derive(Debug, PartialEq, Eq)]
pub struct UriPattern {
    /// Label names in order, each with whether it is greedy.
    pub labels: Vec<(String, bool)>,
}

impl UriPattern {
    /// Checks the pattern as Smithy and the URL syntax require: it starts with `/`; a label is
    /// a whole path segment; label names are unique; at most one label is greedy; literal text
    /// uses only characters a URL may carry as they are.
    pub fn parse(uri: &str) -> Result<UriPattern, String> {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        if !path.starts_with('/') {
            return Err(format!("its `@http` uri {uri:?} does not start with `/`"));
        }
        let mut labels: Vec<(String, bool)> = Vec::new();
        for segment in path.split('/').skip(1) {
            if let Some(inner) = segment.strip_prefix('{') {
                let name = inner.strip_suffix('}').ok_or_else(|| {
                    format!("its `@http` uri {uri:?} has a label that is not a whole segment")
                })?;
                let (name, greedy) = match name.strip_suffix('+') {
                    Some(name) => (name, true),
                    None => (name, false),
                };
                if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                {
                    return Err(format!(
                        "its `@http` uri {uri:?} has an invalid label {segment:?}"
                    ));
                }
                if labels.iter().any(|(n, _)| n == name) {
                    return Err(format!(
                        "its `@http` uri {uri:?} repeats the label {name:?}"
                    ));
                }
                labels.push((name.to_string(), greedy));
            } else if segment.contains(['{', '}']) || !segment.bytes().all(literal_byte) {
                return Err(format!(
                    "its `@http` uri {uri:?} has a segment {segment:?} that is neither a label \
                     nor literal URL text"
                ));
            }
        }
        if labels.iter().filter(|(_, greedy)| *greedy).count() > 1 {
            return Err(format!(
                "its `@http` uri {uri:?} has more than one greedy label"
            ));
        }
        if !query
            .bytes()
            .all(|b| literal_byte(b) || b == b'/' || b == b'?')
            || query.contains(['{', '}'])
        {
            return Err(format!(
                "its `@http` uri {uri:?} has a literal query that is not URL text"
            ));
        }
        Ok(UriPattern { labels })
    }
}

/// A byte a URL path segment or query may carry as it is (RFC 3986 `pchar`, `%` included).
fn literal_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@%".contains(&b)
}

/// Where a member of an input or output travels.
pub fn binding(traits: &Traits, side: Side) -> Binding {
    let text = |id: &str| traits.get(id).and_then(Value::as_str).map(str::to_string);
    match side {
        Side::Input if traits.has(LABEL) => Binding::Label { greedy: false },
        Side::Input if traits.has(QUERY) => Binding::Query(text(QUERY).unwrap_or_default()),
        Side::Input if traits.has(QUERY_PARAMS) => Binding::QueryParams,
        Side::Output if traits.has(RESPONSE_CODE) => Binding::ResponseCode,
        _ if traits.has(HEADER) => Binding::Header(text(HEADER).unwrap_or_default()),
        _ if traits.has(PREFIX_HEADERS) => {
            Binding::PrefixHeaders(text(PREFIX_HEADERS).unwrap_or_default())
        }
        _ if traits.has(PAYLOAD) => Binding::Payload,
        _ => Binding::Body,
    }
}

/// Why a restJson1 operation cannot be generated, if it cannot: its `@http`, or a binding of
/// its input or output that is invalid or of a kind this generator does not write.
pub fn problem(
    model: &Model,
    traits: &Traits,
    input: Option<&str>,
    output: Option<&str>,
) -> Option<String> {
    let check = || -> Result<(), String> {
        let http = http(traits)?;
        let pattern = UriPattern::parse(&http.uri)?;
        let mut labelled = Vec::new();
        if let Some(id) = input {
            labelled = check_structure(model, id, Side::Input)?;
        }
        if let Some(id) = output {
            check_structure(model, id, Side::Output)?;
        }
        for (label, _) in &pattern.labels {
            if !labelled.contains(label) {
                return Err(format!(
                    "its `@http` uri names the label {{{label}}} but no input member is that `@httpLabel`"
                ));
            }
        }
        for member in &labelled {
            if !pattern.labels.iter().any(|(label, _)| label == member) {
                return Err(format!(
                    "its input member `{member}` is an `@httpLabel` the `@http` uri does not name"
                ));
            }
        }
        Ok(())
    };
    check().err()
}

/// Checks the bindings of one input or output; returns the names of its label members.
fn check_structure(model: &Model, id: &str, side: Side) -> Result<Vec<String>, String> {
    let shape = model
        .shape(id)
        .ok_or_else(|| format!("{id} is not in the model"))?;
    let Shape::Structure(structure) = &*shape else {
        return Ok(Vec::new());
    };
    let mut labels = Vec::new();
    let mut payloads = 0;
    let mut body_members = 0;
    let mut headers: Vec<String> = Vec::new();
    for (name, member) in structure.members.iter() {
        let target = model
            .shape(&member.target)
            .ok_or_else(|| format!("{} is not in the model", member.target))?;
        let fail = |what: &str| Err(format!("its {} member `{name}` {what}", side_name(side)));
        match binding(&member.traits, side) {
            Binding::Label { .. } => {
                if !scalar(&target) {
                    return fail("is an `@httpLabel` of a type a label cannot hold");
                }
                if !member.traits.required() && member.traits.default_as_written().is_none() {
                    return fail("is an `@httpLabel` but not `@required`");
                }
                labels.push(name.clone());
            }
            Binding::Query(key) => {
                if key.is_empty() || !(scalar(&target) || scalar_list(model, &target)) {
                    return fail(
                        "is an `@httpQuery` with no name or of a type a query cannot hold",
                    );
                }
            }
            Binding::QueryParams => {
                if !string_map(model, &target, true) {
                    return fail(
                        "is an `@httpQueryParams` that is not a map of strings or string lists",
                    );
                }
            }
            Binding::Header(header) => {
                if !is_token(&header) {
                    return fail("is an `@httpHeader` whose name is not a valid header name");
                }
                if headers.iter().any(|h| h.eq_ignore_ascii_case(&header)) {
                    return fail("binds a header another member binds too");
                }
                headers.push(header);
                if !(scalar(&target) || scalar_list(model, &target)) {
                    return fail("is an `@httpHeader` of a type a header cannot hold");
                }
            }
            Binding::PrefixHeaders(prefix) => {
                if !prefix.is_empty() && !is_token(&prefix) {
                    return fail("is an `@httpPrefixHeaders` whose prefix is not header-name text");
                }
                if !string_map(model, &target, false) {
                    return fail("is an `@httpPrefixHeaders` that is not a map of strings");
                }
            }
            Binding::Payload => {
                payloads += 1;
                if !matches!(
                    &*target,
                    Shape::Blob(_)
                        | Shape::String(_)
                        | Shape::Enum(_)
                        | Shape::Structure(_)
                        | Shape::Union(_)
                        | Shape::Document(_)
                ) {
                    return fail("is an `@httpPayload` of a type a payload cannot be");
                }
            }
            Binding::ResponseCode => {
                if !matches!(&*target, Shape::Integer(_)) {
                    return fail("is an `@httpResponseCode` that is not an integer");
                }
            }
            Binding::Body if matches!(&*target, Shape::Blob(b) if b.traits.streaming()) => {
                return fail("is a `@streaming` blob that is not the `@httpPayload`");
            }
            Binding::Body => body_members += 1,
        }
    }
    if payloads > 1 || (payloads == 1 && body_members > 0) {
        return Err(format!(
            "its {} has an `@httpPayload` member beside other body members",
            side_name(side)
        ));
    }
    Ok(labels)
}

/// An HTTP token (RFC 9110), what a header name must be.
fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Input => "input",
        Side::Output => "output",
    }
}

/// A value that has one text form: a label, a query value, a header.
fn scalar(shape: &Shape) -> bool {
    matches!(
        shape,
        Shape::String(_)
            | Shape::Enum(_)
            | Shape::IntEnum(_)
            | Shape::Boolean(_)
            | Shape::Byte(_)
            | Shape::Short(_)
            | Shape::Integer(_)
            | Shape::Long(_)
            | Shape::Float(_)
            | Shape::Double(_)
            | Shape::Timestamp(_)
            | Shape::Blob(_)
    ) && !shape.traits().streaming()
}

fn scalar_list(model: &Model, shape: &Shape) -> bool {
    match shape {
        Shape::List(list) | Shape::Set(list) => model
            .shape(&list.member.target)
            .is_some_and(|element| scalar(&element) && !matches!(&*element, Shape::Blob(_))),
        _ => false,
    }
}

/// A map from strings to strings (or, where `lists` allows, to lists of strings).
fn string_map(model: &Model, shape: &Shape, lists: bool) -> bool {
    let Shape::Map(map) = shape else {
        return false;
    };
    let is_string = |id: &str| {
        model
            .shape(id)
            .is_some_and(|s| matches!(&*s, Shape::String(_) | Shape::Enum(_)))
    };
    let value_ok = is_string(&map.value.target)
        || (lists
            && model.shape(&map.value.target).is_some_and(|v| match &*v {
                Shape::List(l) | Shape::Set(l) => is_string(&l.member.target),
                _ => false,
            }));
    is_string(&map.key.target) && value_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_with_whole_segment_labels_parse() {
        let pattern = UriPattern::parse("/a/{B}/x/{C+}?d=e&f").unwrap();
        assert_eq!(
            pattern.labels,
            vec![("B".to_string(), false), ("C".to_string(), true)]
        );
        assert!(UriPattern::parse("/ReDosLiteral/{str}/(a+)+").is_ok());
    }

    #[test]
    fn hostile_patterns_are_refused() {
        for bad in [
            "a/{B}",
            "/a{B}",
            "/{B}/{B}",
            "/{A+}/{B+}",
            "/a b",
            "/{}",
            "/x?{q}",
            "/x?a b",
            "/{B\"}",
        ] {
            assert!(UriPattern::parse(bad).is_err(), "{bad}");
        }
    }
}
