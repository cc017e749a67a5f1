//! List-valued headers: items joined with `, `, quoted when they would not split back the same,
//! and split again on the commas outside double quotes (RFC 9110 lists, as Smithy's HTTP
//! bindings use them).

/// Joins `items` into one header value. With `quote`, an item holding `,` or `"`, empty, or
/// with whitespace at either end is written as a quoted string (`"` and `\` escaped by `\`);
/// http-dates (which hold a comma) are never quoted, as Smithy says.
pub(crate) fn join_list(items: &[String], quote: bool) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if quote && needs_quotes(item) {
            out.push('"');
            for c in item.chars() {
                if matches!(c, '"' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

fn needs_quotes(item: &str) -> bool {
    item.is_empty() || item.contains([',', '"']) || item.trim() != item
}

/// Splits a list header into its items: on the commas outside double quotes, each item
/// trimmed and, when quoted, unquoted and unescaped. An http-date list (`http_date`) splits
/// after every second comma instead (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, ...`). An empty or
/// blank value is the empty list.
pub(crate) fn split_list(value: &str, http_date: bool) -> Result<Vec<String>, String> {
    if value.trim().is_empty() {
        return Ok(Vec::new());
    }
    if http_date {
        return split_http_dates(value);
    }
    let mut items = Vec::new();
    let mut rest = value;
    loop {
        let (item, after) = next_item(rest)?;
        items.push(item);
        match after {
            Some(after) => rest = after,
            None => return Ok(items),
        }
    }
}

/// The first item of `text` and what follows its comma (`None` at the end).
fn next_item(text: &str) -> Result<(String, Option<&str>), String> {
    let text = text.trim_start();
    let Some(quoted) = text.strip_prefix('"') else {
        return Ok(match text.split_once(',') {
            Some((item, rest)) => (item.trim().to_string(), Some(rest)),
            None => (text.trim().to_string(), None),
        });
    };
    let mut item = String::new();
    let mut chars = quoted.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, escaped)) => item.push(escaped),
                None => break,
            },
            '"' => {
                let after = quoted[at + 1..].trim_start();
                return match after.strip_prefix(',') {
                    Some(rest) => Ok((item, Some(rest))),
                    None if after.is_empty() => Ok((item, None)),
                    None => Err(format!("text after a quoted list item: {after:?}")),
                };
            }
            _ => item.push(c),
        }
    }
    Err("a quoted list item has no closing quote".to_string())
}

fn split_http_dates(value: &str) -> Result<Vec<String>, String> {
    let parts: Vec<&str> = value.split(',').collect();
    parts
        .chunks(2)
        .map(|pair| match pair {
            [day, rest] => Ok(format!("{day},{rest}").trim().to_string()),
            _ => Err(format!("{value:?} is not a list of http-dates")),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn quoted_items_split_back_the_same() {
        // RestJsonInputAndOutputWithQuotedStringHeaders
        let items = strings(&["b,c", "\"def\"", "a"]);
        let joined = join_list(&items, true);
        assert_eq!(joined, r#""b,c", "\"def\"", a"#);
        assert_eq!(split_list(&joined, false).unwrap(), items);
        for odd in [
            strings(&["", " x ", "\\", "a\"b"]),
            strings(&[""]),
            strings(&["a", "b"]),
        ] {
            assert_eq!(split_list(&join_list(&odd, true), false).unwrap(), odd);
        }
    }

    #[test]
    fn plain_lists_split_and_trim() {
        assert_eq!(
            split_list("a, b,c ,  d", false).unwrap(),
            strings(&["a", "b", "c", "d"])
        );
        assert_eq!(split_list("", false).unwrap(), Vec::<String>::new());
        assert_eq!(split_list("a,", false).unwrap(), strings(&["a", ""]));
        assert!(split_list("\"open", false).is_err());
        assert!(split_list("\"a\" b", false).is_err());
        assert!(split_list("\"a\\", false).is_err());
    }

    #[test]
    fn http_dates_split_after_every_second_comma() {
        let value = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT";
        assert_eq!(
            split_list(value, true).unwrap(),
            strings(&[
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Mon, 16 Dec 2019 23:48:18 GMT"
            ])
        );
        assert!(split_list("Mon, 16 Dec 2019 23:48:18 GMT, Mon", true).is_err());
        let dates = strings(&["Mon, 16 Dec 2019 23:48:18 GMT"; 2]);
        assert_eq!(join_list(&dates, false), value);
    }

    /// Every string up to five characters over an alphabet of the characters that matter:
    /// splitting never panics, and a joined list of them splits back the same.
    #[test]
    fn every_short_value_splits_without_panicking_and_lists_round_trip() {
        let alphabet = ['a', ',', '"', '\\', ' ', 'é'];
        let mut values = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = values
                .iter()
                .filter(|v| v.chars().count() == values.last().map_or(0, |l| l.chars().count()))
                .flat_map(|v| alphabet.iter().map(move |c| format!("{v}{c}")))
                .collect();
            values.extend(longer);
        }
        for value in &values {
            let _ = split_list(value, false);
            let _ = split_list(value, true);
            let items = vec![value.clone(), "x".to_string(), value.clone()];
            assert_eq!(
                split_list(&join_list(&items, true), false).unwrap(),
                items,
                "{value:?}"
            );
        }
    }
}
