//! Step one: a lenient HTML tokenizer.
use std::collections::HashSet;

pub(super) enum Token {
    Text(String),
    Open {
        name: String,
        href: Option<String>,
        self_closing: bool,
    },
    Close(String),
}

/// Tags treated as markup even when unpaired. Other `<word>`s are tags only when the same
/// document also closes them: the models write placeholders such as `<region>` or
/// `<path-to-file>` as bare text, and those must survive as text.
pub(super) const KNOWN_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "danger",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "fullname",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "important",
    "ins",
    "kbd",
    "li",
    "mark",
    "note",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tip",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "warning",
    "wbr",
];

/// Elements that never have content, so they are not pushed on the open-element stack.
pub(super) const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that start a new Markdown block instead of flowing with the text around them.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "blockquote",
    "caption",
    "danger",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "fullname",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "important",
    "li",
    "note",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tip",
    "tr",
    "ul",
    "warning",
];

pub(super) struct Tag {
    pub(super) name: String,
    pub(super) close: bool,
    pub(super) self_closing: bool,
    pub(super) href: Option<String>,
    pub(super) len: usize,
}

pub(super) fn tokenize(html: &str) -> Vec<Token> {
    let paired = paired_unknown_names(html);
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(pos) = rest.find('<') {
        text.push_str(&rest[..pos]);
        let at = &rest[pos..];
        match markup(at, &paired) {
            Some((token, len)) => {
                flush_text(&mut text, &mut tokens);
                tokens.extend(token);
                rest = &at[len..];
            }
            None => {
                text.push('<');
                rest = &at[1..];
            }
        }
    }
    text.push_str(rest);
    flush_text(&mut text, &mut tokens);
    tokens
}

pub(super) fn flush_text(text: &mut String, tokens: &mut Vec<Token>) {
    if !text.is_empty() {
        tokens.push(Token::Text(decode_entities(text)));
        text.clear();
    }
}

/// Recognizes markup at `at` (which starts with `<`). `None` means the `<` is plain text;
/// `Some((None, len))` means markup to skip (comments, doctype, unknown processing).
pub(super) fn markup(at: &str, paired: &HashSet<String>) -> Option<(Option<Token>, usize)> {
    if let Some(body) = at.strip_prefix("<![CDATA[") {
        let end = body.find("]]>")?;
        let token = Token::Text(body[..end].to_string());
        return Some((Some(token), "<![CDATA[".len() + end + "]]>".len()));
    }
    if at.starts_with("<!--") {
        return at.find("-->").map(|end| (None, end + 3));
    }
    if at.starts_with("<!") || at.starts_with("<?") {
        return at.find('>').map(|end| (None, end + 1));
    }
    let tag = parse_tag(at)?;
    if !KNOWN_TAGS.contains(&tag.name.as_str()) && !paired.contains(&tag.name) {
        return None;
    }
    let token = if tag.close {
        Token::Close(tag.name)
    } else {
        Token::Open {
            name: tag.name,
            href: tag.href,
            self_closing: tag.self_closing,
        }
    };
    Some((Some(token), tag.len))
}

/// Unknown tag names that occur both opened and closed.
pub(super) fn paired_unknown_names(html: &str) -> HashSet<String> {
    let mut opened = HashSet::new();
    let mut closed = HashSet::new();
    for (pos, _) in html.match_indices('<') {
        if let Some(tag) = parse_tag(&html[pos..]) {
            if KNOWN_TAGS.contains(&tag.name.as_str()) {
                continue;
            }
            if tag.close {
                closed.insert(tag.name);
            } else {
                opened.insert(tag.name);
            }
        }
    }
    opened.intersection(&closed).cloned().collect()
}

/// Parses the syntax of an opening or closing tag at the start of `s`; `None` if it is not
/// a well-formed tag (e.g. `<testuser@example.com>` or a `<` without a closing `>`).
pub(super) fn parse_tag(s: &str) -> Option<Tag> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let close = bytes.get(i) == Some(&b'/');
    if close {
        i += 1;
    }
    let name_start = i;
    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
    {
        i += 1;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let next = *bytes.get(i)?;
    if !(next.is_ascii_whitespace() || next == b'/' || next == b'>') {
        return None;
    }
    let mut href = None;
    let mut self_closing = false;
    loop {
        match *bytes.get(i)? {
            b'>' => {
                i += 1;
                break;
            }
            b'/' => {
                i += 1;
                if bytes.get(i) == Some(&b'>') {
                    self_closing = true;
                    i += 1;
                    break;
                }
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                let (attr, value, len) = parse_attribute(&s[i..])?;
                if attr == "href" {
                    href = value.map(|v| decode_entities(&v));
                }
                i += len;
            }
        }
    }
    Some(Tag {
        name,
        close,
        self_closing,
        href,
        len: i,
    })
}

/// Parses `name`, `name=value`, `name="value"` or `name='value'` at the start of `s`.
pub(super) fn parse_attribute(s: &str) -> Option<(String, Option<String>, usize)> {
    let bytes = s.as_bytes();
    let is_name_byte = |b: &u8| !(b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'));
    let mut i = 0;
    while bytes.get(i).is_some_and(is_name_byte) {
        i += 1;
    }
    if i == 0 {
        // A stray `=`: skip it so the caller makes progress.
        return Some((String::new(), None, 1));
    }
    let name = s[..i].to_ascii_lowercase();
    let mut j = i;
    while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    if bytes.get(j) != Some(&b'=') {
        return Some((name, None, i));
    }
    j += 1;
    while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
        j += 1;
    }
    let value = match *bytes.get(j)? {
        quote @ (b'"' | b'\'') => {
            let start = j + 1;
            let end = start + s[start..].find(char::from(quote))?;
            j = end + 1;
            &s[start..end]
        }
        _ => {
            let start = j;
            while bytes
                .get(j)
                .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
            {
                j += 1;
            }
            &s[start..j]
        }
    };
    Some((name, Some(value.to_string()), j))
}

pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let at = &rest[pos..];
        match decode_entity(at) {
            Some((c, len)) => {
                out.push(c);
                rest = &at[len..];
            }
            None => {
                out.push('&');
                rest = &at[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the entity at the start of `at` (which starts with `&`), returning the character
/// and the length consumed. Unknown names stay literal.
pub(super) fn decode_entity(at: &str) -> Option<(char, usize)> {
    let (semi, _) = at.char_indices().take(32).find(|&(_, c)| c == ';')?;
    let name = &at[1..semi];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        named_entity(name)?
    };
    Some((c, semi + 1))
}

pub(super) fn named_entity(name: &str) -> Option<char> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        // A plain space: Markdown has no use for the distinction and it collapses cleanly.
        "nbsp" => ' ',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "laquo" => '\u{ab}',
        "raquo" => '\u{bb}',
        "bull" => '\u{2022}',
        "middot" => '\u{b7}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "times" => '\u{d7}',
        "deg" => '\u{b0}',
        "plusmn" => '\u{b1}',
        "le" => '\u{2264}',
        "ge" => '\u{2265}',
        "ne" => '\u{2260}',
        "larr" => '\u{2190}',
        "rarr" => '\u{2192}',
        _ => return None,
    };
    Some(c)
}
