//! Prints the runtime's shape macros (`crate::runtime::shape::structure!` and friends) one
//! member per line. prettyplease fills a macro's tokens into 100-column paragraphs, which
//! hides the one-line-per-member table they are meant to be, so their bodies are set aside
//! before it runs (a placeholder stands in) and written back afterwards.
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The shape macros by their path under `crate::runtime`, and whether a member line ends at
/// `,` (else only `;` ends a line).
const MACROS: &[(&[&str], bool)] = &[
    (&["shape", "structure"], false),
    (&["shape", "union"], true),
    (&["shape", "string_enum"], true),
    (&["shape", "int_enum"], true),
    (&["protocol", "rest_json", "http_input"], false),
    (&["protocol", "rest_json", "http_output"], false),
];

const PLACEHOLDER: &str = "__shape_lines_";

/// Replaces the body of every shape macro invocation in `file` with a placeholder and
/// returns the bodies' lines, in placeholder order.
pub fn set_aside(file: &mut syn::File) -> Vec<Vec<String>> {
    let mut bodies = Vec::new();
    for item in &mut file.items {
        let syn::Item::Macro(item) = item else {
            continue;
        };
        let segments: Vec<String> = item
            .mac
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let Some(&(_, comma_ends_line)) = MACROS.iter().find(|(path, _)| {
            segments.len() == path.len() + 2
                && segments[..2] == ["crate", "runtime"]
                && segments[2..].iter().zip(path.iter()).all(|(a, b)| a == b)
        }) else {
            continue;
        };
        let tokens = std::mem::take(&mut item.mac.tokens);
        bodies.push(lines(tokens, comma_ends_line));
        let placeholder = quote::format_ident!("{PLACEHOLDER}{}", bodies.len() - 1);
        item.mac.tokens = quote::quote!(#placeholder);
    }
    bodies
}

/// Writes the bodies [`set_aside`] took back in place of their placeholders, indented as
/// the placeholder was.
pub fn restore(text: &str, bodies: &[Vec<String>]) -> String {
    if bodies.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + bodies.len() * 256);
    for line in text.lines() {
        let trimmed = line.trim_start();
        let body = trimmed
            .strip_prefix(PLACEHOLDER)
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| bodies.get(n));
        match body {
            Some(body) => {
                let indent = &line[..line.len() - trimmed.len()];
                for member in body {
                    out.push_str(indent);
                    out.push_str(member);
                    out.push('\n');
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The macro's tokens as lines: each ends at a top-level `;` (or `,`). A `{ .. }` group (a
/// block of lines, like `body { .. }`) ends the line before it and puts its own lines indented
/// between `{` and `}`.
fn lines(tokens: TokenStream, comma_ends_line: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = Vec::new();
    for tt in tokens {
        if let TokenTree::Group(group) = &tt {
            if group.delimiter() == Delimiter::Brace {
                lines.push(format!("{} {{", text(std::mem::take(&mut current))));
                for inner in self::lines(group.stream(), comma_ends_line) {
                    lines.push(format!("    {inner}"));
                }
                lines.push("}".to_string());
                continue;
            }
        }
        let ends = matches!(&tt, TokenTree::Punct(p)
            if p.as_char() == ';' || (comma_ends_line && p.as_char() == ','));
        current.push(tt);
        if ends {
            lines.push(text(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        lines.push(text(current));
    }
    lines
}

/// What the previous token was, which decides the space before the next.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    /// Start of a line or group, `<`, `::`, `#`, `&`, `'` or a unary `-`: no space after.
    Tight,
    /// A word, a closed group, `>`, `,`, `;`, `:`, `=`, `->`: a space before a word.
    Loose,
    /// A word (identifier or literal): a `(` or `<` after it belongs to it.
    Word,
    /// `-` joined to a following `>`.
    ArrowStart,
}

/// One line of tokens as Rust is usually written: `set_x(Option<String>), with_x(impl Into<String>)`.
fn text(tokens: impl IntoIterator<Item = TokenTree>) -> String {
    let mut out = String::new();
    write(&mut out, tokens);
    out
}

fn write(out: &mut String, tokens: impl IntoIterator<Item = TokenTree>) {
    let mut prev = Prev::Tight;
    for tt in tokens {
        prev = match tt {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::None => ("", ""),
                };
                if prev == Prev::Loose {
                    out.push(' ');
                }
                out.push_str(open);
                write(out, group.stream());
                out.push_str(close);
                Prev::Loose
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => {
                if matches!(prev, Prev::Loose | Prev::Word) {
                    out.push(' ');
                }
                out.push_str(&tt.to_string());
                Prev::Word
            }
            TokenTree::Punct(p) => {
                let c = p.as_char();
                let joint = p.spacing() == Spacing::Joint;
                let (space_before, next) = match c {
                    ',' | ';' => (false, Prev::Loose),
                    ':' if joint => (prev == Prev::Loose, Prev::Tight),
                    ':' if out.ends_with(':') => (false, Prev::Tight),
                    ':' => (false, Prev::Loose),
                    '<' => (false, Prev::Tight),
                    '>' if prev == Prev::ArrowStart => (false, Prev::Loose),
                    '>' => (false, Prev::Loose),
                    '-' if joint => (true, Prev::ArrowStart),
                    '-' => (prev != Prev::Tight, Prev::Tight),
                    '#' | '&' => (prev != Prev::Tight, Prev::Tight),
                    '\'' => (prev != Prev::Tight, Prev::Tight),
                    _ => (prev != Prev::Tight, Prev::Loose),
                };
                if space_before && prev != Prev::Tight {
                    out.push(' ');
                }
                out.push(c);
                next
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn member_lines_read_as_written() {
        let tokens = quote! {
            Name = "Shape", metadata;
            #[cfg(feature = "dynamic")] serialize;
            #[deprecated(note = "old")] user "User" Req(Plain) shown: set_user(std::collections::HashMap<String, Vec<Option<crate::types::X>>>), with_user(impl Into<String>) -> #[deprecated(note = "old")] into_user;
        };
        assert_eq!(
            lines(tokens, false),
            [
                r#"Name = "Shape", metadata;"#,
                r#"#[cfg(feature = "dynamic")] serialize;"#,
                r#"#[deprecated(note = "old")] user "User" Req(Plain) shown: set_user(std::collections::HashMap<String, Vec<Option<crate::types::X>>>), with_user(impl Into<String>) -> #[deprecated(note = "old")] into_user;"#,
            ]
        );
        let http = quote!(X: "GET" "/a/{B}"; label b "B" Text; body { c "C" Opt(Plain); d "D" Req(Plain); });
        assert_eq!(
            lines(http, false),
            [
                r#"X: "GET" "/a/{B}";"#,
                r#"label b "B" Text;"#,
                "body {",
                r#"    c "C" Opt(Plain);"#,
                r#"    d "D" Req(Plain);"#,
                "}",
            ]
        );
        let values = quote!(Level; Low = -1, High = 10,);
        assert_eq!(lines(values, true), ["Level;", "Low = -1,", "High = 10,"]);
    }

    #[test]
    fn bodies_go_back_one_line_each_in_place_of_their_placeholder() {
        let mut file: syn::File = syn::parse2(quote! {
            crate::runtime::shape::string_enum! { Mode; On = "ON", Off = "OFF", }
            other::string_enum! { kept as is }
        })
        .unwrap();
        let bodies = set_aside(&mut file);
        let text = restore(&prettyplease::unparse(&file), &bodies);
        assert_eq!(
            text,
            "crate::runtime::shape::string_enum! {\n    Mode;\n    On = \"ON\",\n    Off = \"OFF\",\n}\nother::string_enum! {\n    kept as is\n}\n"
        );
    }
}
