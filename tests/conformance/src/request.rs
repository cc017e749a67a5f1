//! The parts of a request the README compares by rules of their own: the request target
//! (path exact, query as a multiset), the headers (exact, forbidden, required) and the host.
use serde_json::Value;

/// Adds to `problems` how the `observed` request target (`/path?query`) differs from the
/// `expected` one: the path must be equal; the query items (split on `&`, each compared
/// exactly) must be the same multiset, except that the items of one name keep their order.
pub fn diff_uri(expected: &str, observed: &str, problems: &mut Vec<String>) {
    let (want_path, want_query) = split_target(expected);
    let (got_path, got_query) = split_target(observed);
    if want_path != got_path {
        problems.push(format!(
            "path: expected {want_path:?}, found {got_path:?} (uri {observed:?})"
        ));
    }
    diff_query(want_query, got_query, problems);
}

/// The path and the query (empty when there is no `?`).
fn split_target(target: &str) -> (&str, &str) {
    target.split_once('?').unwrap_or((target, ""))
}

/// A query's items (`a=1`, `flag`), none for an empty query.
fn items(query: &str) -> Vec<&str> {
    query.split('&').filter(|item| !item.is_empty()).collect()
}

/// An item's name: the text before its `=`, or the whole item.
fn item_name(item: &str) -> &str {
    item.split_once('=').map_or(item, |(name, _)| name)
}

/// The items named `name`, in their order.
fn named<'a>(items: &[&'a str], name: &str) -> Vec<&'a str> {
    items
        .iter()
        .copied()
        .filter(|item| item_name(item) == name)
        .collect()
}

fn diff_query(expected: &str, observed: &str, problems: &mut Vec<String>) {
    let (want, got) = (items(expected), items(observed));
    let mut names: Vec<&str> = want.iter().chain(&got).map(|i| item_name(i)).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let (a, b) = (named(&want, name), named(&got, name));
        if a == b {
            continue;
        }
        let problem = match (a.is_empty(), b.is_empty()) {
            (false, true) => format!("query {name:?}: missing, expected {a:?}"),
            (true, false) => format!("query {name:?}: not expected, found {b:?}"),
            _ => format!("query {name:?}: expected {a:?}, found {b:?}"),
        };
        problems.push(problem);
    }
}

/// Adds to `problems` how the `sent` headers break the case's `headers` (present with exactly
/// that value; a header sent more than once counts as its values joined by `, `),
/// `forbidHeaders` (absent) and `requireHeaders` (present, any value). Names are
/// case-insensitive.
pub fn diff_headers(expected: &Value, sent: &[(&str, &str)], problems: &mut Vec<String>) {
    let values = |name: &str| -> Vec<&str> {
        sent.iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
            .collect()
    };
    for (name, value) in expected["headers"].as_object().into_iter().flatten() {
        let found = values(name);
        let joined = found.join(", ");
        if found.is_empty() {
            problems.push(format!("header {name}: missing, expected {value}"));
        } else if value.as_str() != Some(joined.as_str()) {
            problems.push(format!("header {name}: expected {value}, found {joined:?}"));
        }
    }
    for name in names(&expected["forbidHeaders"]) {
        let found = values(name);
        if !found.is_empty() {
            problems.push(format!("header {name}: forbidden, found {found:?}"));
        }
    }
    for name in names(&expected["requireHeaders"]) {
        if values(name).is_empty() {
            problems.push(format!("header {name}: required, missing"));
        }
    }
}

fn names(list: &Value) -> impl Iterator<Item = &str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// Adds to `problems` how the request's URL host differs from the case's `host`. A `host`
/// with a `/` (`example.com/custom`, `RestJsonHostWithPath`) is Smithy's configured host
/// with the endpoint's path: the host is the part before the `/`, and the request path must
/// start with the rest (the full path is checked through `uri`).
pub fn diff_host(expected: &str, host: Option<&str>, uri: &str, problems: &mut Vec<String>) {
    let (netloc, path) = match expected.split_once('/') {
        Some((netloc, path)) => (netloc, Some(path)),
        None => (expected, None),
    };
    if host != Some(netloc) {
        problems.push(format!("host: expected {netloc:?}, found {host:?}"));
    }
    if let Some(path) = path {
        let prefix = format!("/{}", path.trim_end_matches('/'));
        let request_path = split_target(uri).0;
        let under = request_path
            .strip_prefix(&prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        if !under {
            problems.push(format!(
                "host {expected:?}: the path {request_path:?} does not start with the endpoint's path {prefix:?}"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn uri_problems(expected: &str, observed: &str) -> Vec<String> {
        let mut problems = Vec::new();
        diff_uri(expected, observed, &mut problems);
        problems
    }

    #[test]
    fn query_items_compare_as_a_multiset() {
        // RestJsonAllQueryStringTypes-like: order across names is free.
        let expected =
            "/AllQueryStringTypesInput?String=Hello%20there&StringList=a&StringList=b&Integer=3";
        let reordered =
            "/AllQueryStringTypesInput?Integer=3&StringList=a&String=Hello%20there&StringList=b";
        assert!(uri_problems(expected, reordered).is_empty());
        // The items of one name keep their order (list values).
        let swapped =
            "/AllQueryStringTypesInput?String=Hello%20there&StringList=b&StringList=a&Integer=3";
        assert_eq!(
            uri_problems(expected, swapped),
            [
                r#"query "StringList": expected ["StringList=a", "StringList=b"], found ["StringList=b", "StringList=a"]"#
            ]
        );
        // Duplicates count: one item twice is not the item once.
        assert_eq!(uri_problems("/p?a=1", "/p?a=1&a=1").len(), 1);
    }

    #[test]
    fn query_items_compare_exactly() {
        // RestJsonConstantQueryString: a literal key stays `hello`, not `hello=`.
        assert_eq!(
            uri_problems(
                "/ConstantQueryString/hi?foo=bar&hello",
                "/ConstantQueryString/hi?foo=bar&hello="
            ),
            [r#"query "hello": expected ["hello"], found ["hello="]"#]
        );
        // RestJsonSerializesEmptyQueryValue: an empty string is `Empty=`.
        assert!(uri_problems("/O?Empty=", "/O?Empty=").is_empty());
        // RestJsonOmitsNullQuery: nothing extra, nothing missing.
        assert_eq!(
            uri_problems(
                "/OmitsNullSerializesEmptyString",
                "/OmitsNullSerializesEmptyString?Null="
            ),
            [r#"query "Null": not expected, found ["Null="]"#]
        );
        assert_eq!(
            uri_problems(
                "/Precedence?bar=named&qux=alsoFromMap",
                "/Precedence?qux=alsoFromMap"
            ),
            [r#"query "bar": missing, expected ["bar=named"]"#]
        );
        // Percent-encoding is compared as sent: `%20` is not `+`.
        assert_eq!(uri_problems("/p?String=a%20b", "/p?String=a+b").len(), 1);
    }

    #[test]
    fn paths_compare_exactly() {
        assert!(uri_problems("/FloatHttpLabels/NaN/NaN", "/FloatHttpLabels/NaN/NaN").is_empty());
        assert_eq!(
            uri_problems(
                "/HttpRequestWithGreedyLabelInPath/foo/hello%2Fescape/baz/there/guy",
                "/HttpRequestWithGreedyLabelInPath/foo/hello/escape/baz/there/guy"
            )
            .len(),
            1
        );
        assert_eq!(uri_problems("/x", "/x/").len(), 1);
    }

    fn header_problems(expected: Value, sent: &[(&str, &str)]) -> Vec<String> {
        let mut problems = Vec::new();
        diff_headers(&expected, sent, &mut problems);
        problems
    }

    #[test]
    fn headers_are_exact_with_case_insensitive_names() {
        // RestJsonInputAndOutputWithQuotedStringHeaders: the value as given, spaces and quotes.
        let expected = json!({"headers": {"X-StringList": "\"b,c\", \"\\\"def\\\"\", a"}});
        assert!(header_problems(
            expected.clone(),
            &[("x-stringlist", r#""b,c", "\"def\"", a"#)]
        )
        .is_empty());
        assert_eq!(
            header_problems(expected, &[("x-stringlist", r#""b,c","\"def\"",a"#)]).len(),
            1
        );
        // RestJsonNullAndEmptyHeaders: an empty value must be sent, X-A must not.
        let expected = json!({"headers": {"X-B": "", "X-C": ""}, "forbidHeaders": ["X-A"]});
        assert!(header_problems(expected.clone(), &[("x-b", ""), ("x-c", "")]).is_empty());
        assert_eq!(
            header_problems(expected, &[("x-a", ""), ("x-b", "")]),
            [
                "header X-C: missing, expected \"\"",
                "header X-A: forbidden, found [\"\"]"
            ]
        );
        // A header sent twice reads as its values joined.
        let expected = json!({"headers": {"X-StringList": "a, b"}});
        assert!(
            header_problems(expected, &[("X-StringList", "a"), ("x-stringlist", "b")]).is_empty()
        );
    }

    #[test]
    fn required_headers_need_any_value_and_forbidden_ones_none() {
        // RestJsonHttpPayloadTraitsWithBlob requires Content-Length; RestJsonHttpGetWithNoInput
        // forbids Content-Type and Content-Length.
        let expected = json!({"headers": {}, "requireHeaders": ["Content-Length"]});
        assert!(header_problems(expected.clone(), &[("content-length", "16")]).is_empty());
        assert_eq!(
            header_problems(expected, &[]),
            ["header Content-Length: required, missing"]
        );
        let expected = json!({"headers": {}, "forbidHeaders": ["Content-Type", "Content-Length"]});
        assert_eq!(
            header_problems(expected, &[("content-length", "0")]),
            ["header Content-Length: forbidden, found [\"0\"]"]
        );
    }

    fn host_problems(expected: &str, host: Option<&str>, uri: &str) -> Vec<String> {
        let mut problems = Vec::new();
        diff_host(expected, host, uri, &mut problems);
        problems
    }

    #[test]
    fn hosts_compare_with_the_endpoint_path_apart() {
        // RestJsonEndpointTraitWithHostLabel.
        assert!(host_problems("foo.bar.example.com", Some("foo.bar.example.com"), "/E").is_empty());
        assert_eq!(
            host_problems("foo.example.com", Some("example.com"), "/E").len(),
            1
        );
        // RestJsonHostWithPath: host example.com, the path under /custom.
        assert!(host_problems(
            "example.com/custom",
            Some("example.com"),
            "/custom/HostWithPathOperation"
        )
        .is_empty());
        assert_eq!(
            host_problems(
                "example.com/custom",
                Some("example.com"),
                "/HostWithPathOperation"
            )
            .len(),
            1
        );
        assert_eq!(
            host_problems("example.com/custom", Some("example.com"), "/customer/Op").len(),
            1
        );
    }
}
