//! Step three: tree to Markdown blocks, escaped for rustdoc.
use super::tokenize::BLOCK_TAGS;
use super::tree::{Element, Node};

pub(super) enum Block {
    /// Inline Markdown; `\n` separates lines joined by hard breaks.
    Para(String),
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// Literal text for a fenced `text` block.
    Code(String),
}

pub(super) fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

/// Renders a container's children. `code_block_allowed` lets a lone multi-line `<code>`
/// become a fenced block; inside `<p>` it stays inline, as a browser would show it.
pub(super) fn render_blocks(nodes: &[Node], code_block_allowed: bool) -> Vec<Block> {
    if code_block_allowed {
        if let Some(code) = lone_code_block(nodes) {
            return vec![Block::Code(code)];
        }
    }
    let mut blocks = Vec::new();
    let mut line = Inline::default();
    for node in nodes {
        match node {
            Node::Element(e) if is_block(&e.name) => {
                line.flush_into(&mut blocks);
                render_block_element(e, &mut blocks);
            }
            _ => line.push_node(node, Ctx::default()),
        }
    }
    line.flush_into(&mut blocks);
    blocks
}

pub(super) fn lone_code_block(nodes: &[Node]) -> Option<String> {
    let mut content = nodes.iter().filter(|n| !is_blank_text(n));
    let only = content.next()?;
    if content.next().is_some() {
        return None;
    }
    match only {
        Node::Element(e) if e.name == "code" => {
            let code = preformatted(&e.children);
            code.contains('\n').then_some(code)
        }
        _ => None,
    }
}

pub(super) fn is_blank_text(node: &Node) -> bool {
    matches!(node, Node::Text(t) if t.trim().is_empty())
}

pub(super) fn render_block_element(e: &Element, blocks: &mut Vec<Block>) {
    match e.name.as_str() {
        "ul" => blocks.extend(render_list(&e.children, false)),
        "ol" => blocks.extend(render_list(&e.children, true)),
        "li" => {
            let item = render_blocks(&e.children, true);
            if !item.is_empty() {
                blocks.push(Block::List {
                    ordered: false,
                    items: vec![item],
                });
            }
        }
        "dt" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "caption" | "summary" => {
            strong_paragraph(&e.children, blocks);
        }
        "note" | "tip" => callout("Note", &e.children, blocks),
        "important" => callout("Important", &e.children, blocks),
        "warning" | "danger" => callout("Warning", &e.children, blocks),
        "pre" => {
            let code = preformatted(&e.children);
            if !code.is_empty() {
                blocks.push(Block::Code(code));
            }
        }
        "hr" => {}
        _ => blocks.extend(render_blocks(&e.children, e.name != "p")),
    }
}

/// List items; content outside any `li` (e.g. a nested `ul` written directly inside a `ul`)
/// joins the preceding item.
pub(super) fn render_list(children: &[Node], ordered: bool) -> Option<Block> {
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut stray_start = 0;
    for (index, child) in children.iter().enumerate() {
        if let Node::Element(li) = child {
            if li.name == "li" {
                add_stray(&children[stray_start..index], &mut items);
                stray_start = index + 1;
                items.push(render_blocks(&li.children, true));
            }
        }
    }
    add_stray(&children[stray_start..], &mut items);
    items.retain(|item| !item.is_empty());
    (!items.is_empty()).then_some(Block::List { ordered, items })
}

pub(super) fn add_stray(nodes: &[Node], items: &mut Vec<Vec<Block>>) {
    let blocks = render_blocks(nodes, false);
    if blocks.is_empty() {
        return;
    }
    match items.last_mut() {
        Some(last) => last.extend(blocks),
        None => items.push(blocks),
    }
}

pub(super) fn strong_paragraph(children: &[Node], blocks: &mut Vec<Block>) {
    let mut line = Inline::default();
    line.emphasis(children, Ctx::default(), true);
    line.flush_into(blocks);
}

pub(super) fn callout(label: &str, children: &[Node], blocks: &mut Vec<Block>) {
    let mut inner = render_blocks(children, true);
    let prefix = format!("**{label}:**");
    match inner.first_mut() {
        None => return,
        Some(Block::Para(text)) => *text = format!("{prefix} {text}"),
        Some(_) => inner.insert(0, Block::Para(prefix)),
    }
    blocks.extend(inner);
}

/// The literal text of a code block: tags dropped, common indentation and blank edges
/// removed, trailing whitespace trimmed.
pub(super) fn preformatted(children: &[Node]) -> String {
    let mut raw = String::new();
    collect_text(children, '\n', &mut raw);
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let body = &lines[first..=last];
    let indent = common_indent(body);
    body.iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn common_indent(lines: &[&str]) -> usize {
    let mut common: Option<&str> = None;
    for line in lines.iter().filter(|l| !l.is_empty()) {
        let ws_len = line.len() - line.trim_start().len();
        let ws = &line[..ws_len];
        common = Some(match common {
            None => ws,
            Some(c) => {
                let shared = c
                    .bytes()
                    .zip(ws.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                &c[..shared]
            }
        });
    }
    common.map_or(0, str::len)
}

/// Concatenates the text of `nodes`; `br` becomes `line_break`.
pub(super) fn collect_text(nodes: &[Node], line_break: char, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name == "br" => out.push(line_break),
            Node::Element(e) => collect_text(&e.children, line_break, out),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering: inline content

#[derive(Clone, Copy, Default)]
pub(super) struct Ctx {
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) in_link: bool,
}

/// Builds one paragraph's Markdown. Whitespace is held back as a pending space so runs
/// collapse and paragraph edges trim; `\n` marks a hard break.
#[derive(Default)]
pub(super) struct Inline {
    pub(super) out: String,
    pub(super) pending_space: bool,
    pub(super) leading_space: bool,
    /// Where the last code span starts in `out`, and its content.
    pub(super) last_code: Option<(usize, String)>,
}

impl Inline {
    fn space(&mut self) {
        if self.out.is_empty() {
            self.leading_space = true;
        } else {
            self.pending_space = true;
        }
    }

    fn raw(&mut self, markdown: &str) {
        if markdown.is_empty() {
            return;
        }
        if self.pending_space && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push_str(markdown);
    }

    fn hard_break(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.pending_space = false;
    }

    fn push_all(&mut self, nodes: &[Node], ctx: Ctx) {
        for node in nodes {
            self.push_node(node, ctx);
        }
    }

    fn push_node(&mut self, node: &Node, ctx: Ctx) {
        match node {
            Node::Text(text) => self.text(text, ctx),
            Node::Element(e) => self.element(e, ctx),
        }
    }

    fn element(&mut self, e: &Element, ctx: Ctx) {
        match e.name.as_str() {
            "b" | "strong" => self.emphasis(&e.children, ctx, true),
            "i" | "em" | "cite" | "dfn" | "var" => self.emphasis(&e.children, ctx, false),
            "code" | "tt" | "kbd" | "samp" => self.code(&e.children),
            "a" => self.link(e, ctx),
            "br" => self.hard_break(),
            "img" | "wbr" => {}
            name if is_block(name) || name == "td" || name == "th" => {
                self.space();
                self.push_all(&e.children, ctx);
                self.space();
            }
            _ => self.push_all(&e.children, ctx),
        }
    }

    fn text(&mut self, text: &str, ctx: Ctx) {
        if text.starts_with(char::is_whitespace) {
            self.space();
        }
        for (index, word) in text.split_whitespace().enumerate() {
            if index > 0 {
                self.space();
            }
            self.word(word, ctx);
        }
        if text.ends_with(char::is_whitespace) {
            self.space();
        }
    }

    /// Bare URLs become autolinks (`rustdoc::bare_urls`); the rest is escaped. Inside link
    /// text a URL stays text, as links cannot nest.
    fn word(&mut self, word: &str, ctx: Ctx) {
        let mut rest = word;
        if !ctx.in_link {
            while let Some((start, end)) = find_url(rest) {
                self.raw(&escape_text(&rest[..start]));
                self.raw(&format!("<{}>", &rest[start..end]));
                rest = &rest[end..];
            }
        }
        // Most words need no escape: they skip building a copy (docs are a large share of
        // the generator's serial work).
        if needs_escape(rest) {
            self.raw(&escape_text(rest));
        } else {
            self.raw(rest);
        }
    }

    fn emphasis(&mut self, children: &[Node], ctx: Ctx, strong: bool) {
        let (already, inner_ctx, marker) = if strong {
            (ctx.bold, Ctx { bold: true, ..ctx }, "**")
        } else {
            (
                ctx.italic,
                Ctx {
                    italic: true,
                    ..ctx
                },
                "*",
            )
        };
        if already {
            self.push_all(children, inner_ctx);
            return;
        }
        let mut inner = Inline::default();
        inner.push_all(children, inner_ctx);
        let leading = inner.leading_space;
        let trailing = inner.pending_space;
        // A blank line inside the markers would split the paragraph and orphan them.
        let body: Vec<&str> = inner
            .out
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .collect();
        self.wrapped(leading, &body.join("\n"), trailing, |body| {
            format!("{marker}{body}{marker}")
        });
    }

    /// Adjacent code spans are merged: their delimiters would otherwise form one backtick
    /// run and swallow the text between them.
    fn code(&mut self, children: &[Node]) {
        let mut text = String::new();
        collect_text(children, ' ', &mut text);
        let mut content = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.starts_with(char::is_whitespace) {
            self.space();
        }
        if !content.is_empty() {
            if let Some((start, previous)) = self.last_code.take() {
                let untouched = start + code_span(&previous).len() == self.out.len();
                if untouched && !self.pending_space {
                    self.out.truncate(start);
                    content = previous + &content;
                }
            }
            let span = code_span(&content);
            self.raw(&span);
            self.last_code = Some((self.out.len().saturating_sub(span.len()), content));
        }
        if text.ends_with(char::is_whitespace) {
            self.space();
        }
    }

    fn link(&mut self, e: &Element, ctx: Ctx) {
        let url = e.href.as_deref().and_then(resolve_href);
        let (Some(url), false) = (url, ctx.in_link) else {
            self.push_all(&e.children, ctx);
            return;
        };
        let mut inner = Inline::default();
        inner.push_all(
            &e.children,
            Ctx {
                in_link: true,
                ..ctx
            },
        );
        let mut plain = String::new();
        collect_text(&e.children, ' ', &mut plain);
        let body = inner.out.replace('\n', " ");
        let markdown = if body.is_empty() || plain.trim() == url {
            format!("<{url}>")
        } else {
            format!("[{body}]({url})")
        };
        self.wrapped(inner.leading_space, &markdown, inner.pending_space, |m| {
            m.to_string()
        });
    }

    /// Emits `wrap(body)` with the surrounding whitespace moved outside the markers, where
    /// Markdown needs it for emphasis to be recognised.
    fn wrapped(
        &mut self,
        leading: bool,
        body: &str,
        trailing: bool,
        wrap: impl Fn(&str) -> String,
    ) {
        if leading {
            self.space();
        }
        if !body.is_empty() {
            self.raw(&wrap(body));
        }
        if trailing {
            self.space();
        }
    }

    /// Ends the paragraph; consecutive hard breaks split it in two.
    fn flush_into(&mut self, blocks: &mut Vec<Block>) {
        let finished = std::mem::take(self);
        let mut lines: Vec<String> = Vec::new();
        for line in finished.out.split('\n').map(str::trim) {
            if line.is_empty() {
                push_paragraph(&mut lines, blocks);
            } else {
                lines.push(escape_line_start(line));
            }
        }
        push_paragraph(&mut lines, blocks);
    }
}

pub(super) fn push_paragraph(lines: &mut Vec<String>, blocks: &mut Vec<Block>) {
    if !lines.is_empty() {
        blocks.push(Block::Para(lines.join("\\\n")));
        lines.clear();
    }
}

/// Whether [`escape_text`] could change `text`: it has a byte escape_text escapes.
pub(super) fn needs_escape(text: &str) -> bool {
    text.bytes().any(|b| {
        matches!(
            b,
            b'\\' | b'`' | b'*' | b'[' | b']' | b'~' | b'_' | b'<' | b'>' | b'&'
        )
    })
}

/// Escapes what Markdown would read as inline syntax, or rustdoc as HTML or intra-doc links.
pub(super) fn escape_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let word_char = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
                let inside_word =
                    i > 0 && word_char(chars.get(i - 1)) && word_char(chars.get(i + 1));
                if !inside_word {
                    out.push('\\');
                }
                out.push('_');
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if looks_like_entity(&chars[i + 1..]) => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether the text after an `&` would be read as a character reference.
pub(super) fn looks_like_entity(after: &[char]) -> bool {
    let Some(semi) = after.iter().take(32).position(|&c| c == ';') else {
        return false;
    };
    let name = &after[..semi];
    match name {
        ['#', 'x' | 'X', hex @ ..] => !hex.is_empty() && hex.iter().all(char::is_ascii_hexdigit),
        ['#', digits @ ..] => !digits.is_empty() && digits.iter().all(char::is_ascii_digit),
        [first, ..] => first.is_ascii_alphabetic() && name.iter().all(char::is_ascii_alphanumeric),
        [] => false,
    }
}

/// Escapes a line start that Markdown would read as a heading, list item, setext underline
/// or thematic break.
pub(super) fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=', '|']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let bytes = line.as_bytes();
    let is_marker = (1..=9).contains(&digits)
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && matches!(bytes.get(digits + 1), None | Some(b' '));
    if is_marker {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_string()
    }
}

/// Byte range of the first bare `http(s)://` URL in `word`, trailing punctuation excluded.
pub(super) fn find_url(word: &str) -> Option<(usize, usize)> {
    // Every URL has a `:`; most words have none and need no lower-cased copy.
    if !word.as_bytes().contains(&b':') {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = ["http://", "https://"]
        .iter()
        .filter_map(|scheme| lower[from..].find(scheme))
        .min()
    {
        let start = from + found;
        let scheme_len = if lower[start..].starts_with("https://") {
            8
        } else {
            7
        };
        let at_boundary = !word[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let end = start + url_len(&word[start..]);
        if at_boundary && end > start + scheme_len {
            return Some((start, end));
        }
        from = start + scheme_len;
    }
    None
}

pub(super) fn url_len(s: &str) -> usize {
    let stop = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '<' | '>' | '"' | '\'' | '`' | '{' | '}' | '|' | '\\' | '^'
            )
    };
    let mut end = s.find(stop).unwrap_or(s.len());
    loop {
        let url = &s[..end];
        let unbalanced =
            |open: char, close: char| url.matches(open).count() < url.matches(close).count();
        let trim = match url.chars().next_back() {
            Some('.' | ',' | ';' | ':' | '!' | '?' | '*' | '_') => true,
            Some(')') => unbalanced('(', ')'),
            Some(']') => unbalanced('[', ']'),
            _ => false,
        };
        if !trim {
            return end;
        }
        end -= 1;
    }
}

/// An absolute URL usable as a Markdown link destination, or `None` when the link should
/// be dropped (in-page anchors, unsafe schemes). Relative links in AWS models point into the
/// AWS documentation site.
pub(super) fn resolve_href(href: &str) -> Option<String> {
    let href: String = href.trim().chars().filter(|c| !c.is_control()).collect();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let absolute = match scheme_of(&href) {
        Some(scheme) if matches!(scheme.as_str(), "http" | "https" | "mailto" | "ftp") => href,
        Some(_) => return None,
        None if href.starts_with("//") => format!("https:{href}"),
        None if href.starts_with('/') => format!("https://docs.aws.amazon.com{href}"),
        None => format!("https://docs.aws.amazon.com/{href}"),
    };
    Some(encode_destination(&absolute))
}

pub(super) fn scheme_of(href: &str) -> Option<String> {
    let colon = href.find(':')?;
    let scheme = &href[..colon];
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Percent-encodes what would end a Markdown link destination or autolink early, or be
/// taken as an escape.
pub(super) fn encode_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            _ => out.push(c),
        }
    }
    out
}

/// A code span whose delimiter is longer than any backtick run inside it.
pub(super) fn code_span(content: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(content) + 1);
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{content}{pad}{fence}")
}

pub(super) fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Rendering: blocks -> lines

pub(super) fn write_document(blocks: &[Block]) -> String {
    let mut lines = Vec::new();
    write_blocks(blocks, "", &mut lines);
    let mut out = String::new();
    let mut previous_blank = true;
    for line in &lines {
        let line = line.trim_end();
        if line.is_empty() && previous_blank {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        previous_blank = line.is_empty();
    }
    out.trim_end().to_string()
}

pub(super) fn write_blocks(blocks: &[Block], indent: &str, lines: &mut Vec<String>) {
    let mut previous: Option<&Block> = None;
    for block in blocks {
        // Inside a list item a nested list follows its lead-in paragraph directly, keeping the
        // outer list tight; anything else needs a blank line so it is not read as a lazy
        // continuation.
        let tight = !indent.is_empty()
            && matches!(
                (previous, block),
                (Some(Block::Para(_)), Block::List { .. })
            );
        if previous.is_some() && !tight {
            lines.push(String::new());
        }
        match block {
            Block::Para(text) => {
                lines.extend(text.split('\n').map(|l| format!("{indent}{l}")));
            }
            Block::Code(code) => write_code(code, indent, lines),
            Block::List { ordered, items } => write_list(*ordered, items, indent, lines),
        }
        previous = Some(block);
    }
}

pub(super) fn write_code(code: &str, indent: &str, lines: &mut Vec<String>) {
    let fence = "`".repeat(longest_backtick_run(code).max(2) + 1);
    lines.push(format!("{indent}{fence}text"));
    for line in code.lines() {
        if line.is_empty() {
            lines.push(String::new());
        } else {
            lines.push(format!("{indent}{line}"));
        }
    }
    lines.push(format!("{indent}{fence}"));
}

pub(super) fn write_list(
    ordered: bool,
    items: &[Vec<Block>],
    indent: &str,
    lines: &mut Vec<String>,
) {
    for (number, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", number + 1)
        } else {
            "- ".to_string()
        };
        let child_indent = format!("{indent}{}", " ".repeat(marker.len()));
        let mut item_lines = Vec::new();
        write_blocks(item, &child_indent, &mut item_lines);
        for (index, line) in item_lines.into_iter().enumerate() {
            if index == 0 {
                let content = line.strip_prefix(child_indent.as_str()).unwrap_or(&line);
                lines.push(format!("{indent}{marker}{content}"));
            } else {
                lines.push(line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{escape_text, find_url, needs_escape};

    /// The shortcuts `word` takes are only taken where the full functions change nothing.
    #[test]
    fn shortcuts_skip_only_text_the_full_functions_leave_alone() {
        let words = [
            "plain",
            "a_b",
            "_a",
            "a_",
            "x*y",
            "[link]",
            "`code`",
            "a\\b",
            "~",
            "<tag>",
            "&amp;",
            "AT&T",
            "&#x41;",
            "ünï_cödé",
            "http://x.example",
            "HTTPS://X.EXAMPLE/a_b",
            "mailto:x",
            "a:b",
            "ftp://x",
            "(https://x.example).",
            "",
        ];
        for word in words {
            if !needs_escape(word) {
                assert_eq!(escape_text(word), word, "{word:?}");
            }
            if !word.contains(':') {
                assert_eq!(find_url(word), None, "{word:?}");
            }
        }
        assert!(!needs_escape(
            "plain words, with punctuation (and digits 123)."
        ));
        assert_eq!(find_url("see:https://x.example"), Some((4, 21)));
    }
}
