//! Keeps doc text out of the token streams. [`super::doc`] emits one short placeholder
//! attribute per doc (`#[doc = " __lean_doc_7"]`) and keeps the lines here; after
//! prettyplease has printed the file (as `/// __lean_doc_7`, on a line of its own, since a doc
//! comment ends with a hard break), [`restore`] writes the lines back as `///` comments. syn
//! and prettyplease then never escape, parse and unescape the text, one attribute per line,
//! which was about a sixth of the generator's time.
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

const PLACEHOLDER: &str = "__lean_doc_";

/// Lines waiting for the file they belong to, by placeholder number. Numbers are unique in
/// the process, so tokens built on one thread may be formatted on another.
static LINES: Mutex<Option<HashMap<u64, Vec<String>>>> = Mutex::new(None);
static NEXT: AtomicU64 = AtomicU64::new(0);

/// The value of a placeholder attribute standing for `lines` (comment-safe, none empty at
/// the end). It starts with a space, as prettyplease's `///` lines do, and never with `/`.
pub fn set_aside(lines: Vec<String>) -> String {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut map = LINES.lock().unwrap_or_else(|e| e.into_inner());
    map.get_or_insert_with(HashMap::new).insert(n, lines);
    format!(" {PLACEHOLDER}{n}")
}

/// `text` with each placeholder comment line replaced by its doc lines, indented as it was.
/// Fails when a placeholder is left (printed where no `///` line could be) or has no lines
/// (its tokens were formatted twice).
pub fn restore(text: &str) -> Result<String, String> {
    if !text.contains(PLACEHOLDER) {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let n = trimmed
            .strip_prefix("/// ")
            .and_then(|rest| rest.strip_prefix(PLACEHOLDER))
            .and_then(|n| n.trim_end_matches('\n').parse::<u64>().ok());
        let Some(n) = n else {
            if line.contains(PLACEHOLDER) {
                return Err(format!(
                    "doc text placeholder outside a doc comment: {line}"
                ));
            }
            out.push_str(line);
            continue;
        };
        let lines = take(n).ok_or_else(|| format!("doc text {n} used twice"))?;
        let indent = &line[..line.len() - trimmed.len()];
        for doc in lines {
            out.push_str(indent);
            out.push_str("///");
            if !doc.is_empty() {
                out.push(' ');
                out.push_str(&doc);
            }
            out.push('\n');
        }
    }
    Ok(out)
}

fn take(n: u64) -> Option<Vec<String>> {
    let mut map = LINES.lock().unwrap_or_else(|e| e.into_inner());
    map.as_mut()?.remove(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_go_back_in_place_of_their_comment_with_its_indent() {
        let n = set_aside(vec!["first".into(), String::new(), "last".into()]);
        let printed = format!("mod m {{\n    ///{n}\n    struct S;\n}}\n");
        assert_eq!(
            restore(&printed).unwrap(),
            "mod m {\n    /// first\n    ///\n    /// last\n    struct S;\n}\n"
        );
        // Taken when written back: the same tokens formatted twice is an error, not a guess.
        assert!(restore(&printed).is_err());
    }

    #[test]
    fn a_placeholder_anywhere_but_a_comment_line_is_an_error() {
        let n = set_aside(vec!["text".into()]);
        assert!(restore(&format!("m! {{ #[doc = \"{n}\"] x }}\n")).is_err());
        assert_eq!(restore("/// plain\n").unwrap(), "/// plain\n");
    }
}
