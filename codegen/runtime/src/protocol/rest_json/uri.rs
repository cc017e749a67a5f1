//! The request target: percent-encoding, the `@http` URI pattern's labels, and the query.

/// Appends `text` percent-encoded: every byte of its UTF-8 outside RFC 3986's unreserved set
/// (`A-Z a-z 0-9 - . _ ~`) as `%XX` in upper-case hex; `/` kept when `keep_slash` (a greedy
/// label). A space is `%20`, never `+`.
pub(crate) fn percent_encode(out: &mut String, text: &str, keep_slash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else if b == b'/' && keep_slash {
            out.push('/');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
}

/// `text` percent-encoded (see [`percent_encode`]).
pub(crate) fn encoded(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    percent_encode(&mut out, text, keep_slash);
    out
}

/// Fills the path part of a URI pattern (`/a/{Name}/b/{Key+}`): each `{Name}` or `{Name+}` is
/// replaced by the already encoded value `labels` holds for `Name`; literal parts are kept as
/// written. Fails on a label with no value (a generator bug) or an unclosed `{`.
pub(crate) fn expand_path(pattern: &str, labels: &[(&str, String)]) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("the URI pattern {pattern:?} has an unclosed label"))?;
        let name = after[..close].trim_end_matches('+');
        let value = labels
            .iter()
            .find(|(label, _)| *label == name)
            .map(|(_, value)| value)
            .ok_or_else(|| format!("the URI pattern's label {name} has no member"))?;
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The query of a request, built in order: the pattern's literal query (as written: `flag`
/// stays `flag`), then `@httpQuery` members, then `@httpQueryParams` entries whose name no
/// `@httpQuery` member binds (set or not).
#[derive(Default)]
pub(crate) struct Query {
    /// `@httpQuery` names, each with its encoded `name=value` items.
    named: Vec<(&'static str, Vec<String>)>,
    /// `@httpQueryParams` entries: the raw name and the encoded `name=value` item.
    params: Vec<(String, String)>,
}

impl Query {
    /// An `@httpQuery` member: its name, and one value per item (none when unset or empty).
    pub(crate) fn named(&mut self, name: &'static str, values: &[String]) {
        let items = values.iter().map(|value| item(name, value)).collect();
        self.named.push((name, items));
    }

    /// An `@httpQueryParams` entry.
    pub(crate) fn param(&mut self, name: &str, values: &[String]) {
        for value in values {
            self.params.push((name.to_string(), item(name, value)));
        }
    }

    /// `literal` followed by the members' items, joined with `&`.
    pub(crate) fn finish(self, literal: &str) -> String {
        let named_items = self.named.iter().flat_map(|(_, items)| items);
        let param_items = self
            .params
            .iter()
            .filter(|(name, _)| !self.named.iter().any(|(named, _)| named == name))
            .map(|(_, item)| item);
        let mut out = literal.to_string();
        for item in named_items.chain(param_items) {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(item);
        }
        out
    }
}

fn item(name: &str, value: &str) -> String {
    let mut out = encoded(name, false);
    out.push('=');
    percent_encode(&mut out, value, false);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_encode_everything_but_unreserved() {
        // RestJsonHttpRequestLabelEscaping
        assert_eq!(
            encoded(" %:/?#[]@!$&'()*+,;=😹", false),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(encoded("AZaz09-._~", false), "AZaz09-._~");
        // RestJsonHttpRequestWithGreedyLabelInPath
        assert_eq!(encoded("there/guy", true), "there/guy");
        assert_eq!(encoded("a b/c%", true), "a%20b/c%25");
    }

    #[test]
    fn paths_fill_labels_and_keep_literals() {
        let labels = [("foo", "a%2Fb".to_string()), ("baz", "c/d".to_string())];
        assert_eq!(
            expand_path("/x/{foo}/y/{baz+}", &labels).unwrap(),
            "/x/a%2Fb/y/c/d"
        );
        // RestJsonToleratesRegexCharsInSegments
        let labels = [("str", "abc".to_string())];
        assert_eq!(
            expand_path("/ReDosLiteral/{str}/(a+)+", &labels).unwrap(),
            "/ReDosLiteral/abc/(a+)+"
        );
        assert!(expand_path("/x/{missing}", &labels).is_err());
        assert!(expand_path("/x/{str", &labels).is_err());
    }

    #[test]
    fn named_query_members_win_over_params() {
        // RestJsonQueryPrecedence
        let mut query = Query::default();
        query.named("bar", &["named".to_string()]);
        query.named("unset", &[]);
        query.param("bar", &["fromMap".to_string()]);
        query.param("unset", &["fromMap".to_string()]);
        query.param("qux", &["alsoFromMap".to_string()]);
        assert_eq!(query.finish(""), "bar=named&qux=alsoFromMap");
    }

    #[test]
    fn literal_query_comes_first_as_written() {
        // RestJsonConstantQueryString, RestJsonSerializesEmptyQueryValue
        let mut query = Query::default();
        query.named("Empty", &[String::new()]);
        query.named("a b", &["c&d".to_string()]);
        assert_eq!(
            query.finish("foo=bar&hello"),
            "foo=bar&hello&Empty=&a%20b=c%26d"
        );
        assert_eq!(Query::default().finish(""), "");
    }
}
