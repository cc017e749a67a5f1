//! Smithy `documentation` HTML to rustdoc Markdown.
//!
//! AWS models document shapes with a small HTML dialect (`p`, lists, `dl`, `code`, `a`, `b`,
//! `i`, `note`, `important`). The Markdown produced here goes into `///` comments of the
//! emitted crate, where `cargo doc` must stay warning-free and no doctest may appear. So
//! everything rustdoc would read as HTML, an intra-doc link, a bare URL, a heading, a list
//! marker or an indented code block is escaped or rewritten, and code blocks are fenced as
//! `text`.
//!
//! The conversion runs in three steps: a lenient tokenizer, a tree builder that repairs bad
//! nesting, and a renderer from the tree to Markdown blocks.

use std::collections::HashSet;

/// Converts one `smithy.api#documentation` HTML string into rustdoc Markdown.
///
/// Paragraphs are separated by blank lines and kept on one line each; the result has no
/// trailing whitespace. Malformed HTML degrades to plain text; the function never panics.
#[must_use]
pub fn html_to_markdown(html: &str) -> String {
    let tokens = tokenize(html);
    let tree = build_tree(tokens);
    let blocks = render_blocks(&tree, true);
    write_document(&blocks)
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

enum Token {
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
const KNOWN_TAGS: &[&str] = &[
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
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that start a new Markdown block instead of flowing with the text around them.
const BLOCK_TAGS: &[&str] = &[
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

struct Tag {
    name: String,
    close: bool,
    self_closing: bool,
    href: Option<String>,
    len: usize,
}

fn tokenize(html: &str) -> Vec<Token> {
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

fn flush_text(text: &mut String, tokens: &mut Vec<Token>) {
    if !text.is_empty() {
        tokens.push(Token::Text(decode_entities(text)));
        text.clear();
    }
}

/// Recognizes markup at `at` (which starts with `<`). `None` means the `<` is plain text;
/// `Some((None, len))` means markup to skip (comments, doctype, unknown processing).
fn markup(at: &str, paired: &HashSet<String>) -> Option<(Option<Token>, usize)> {
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
fn paired_unknown_names(html: &str) -> HashSet<String> {
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
fn parse_tag(s: &str) -> Option<Tag> {
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
fn parse_attribute(s: &str) -> Option<(String, Option<String>, usize)> {
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

fn decode_entities(s: &str) -> String {
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
fn decode_entity(at: &str) -> Option<(char, usize)> {
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

fn named_entity(name: &str) -> Option<char> {
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

// ---------------------------------------------------------------------------------------------
// Tree

enum Node {
    Text(String),
    Element(Element),
}

struct Element {
    name: String,
    href: Option<String>,
    children: Vec<Node>,
}

/// Deeper nesting is flattened, so rendering recursion stays bounded on hostile input.
const MAX_DEPTH: usize = 64;

fn build_tree(tokens: Vec<Token>) -> Vec<Node> {
    let mut stack = vec![Element {
        name: String::new(),
        href: None,
        children: Vec::new(),
    }];
    for token in tokens {
        match token {
            Token::Text(text) => push_text_node(&mut stack, text),
            Token::Open {
                name,
                href,
                self_closing,
            } => {
                close_implied(&mut stack, &name);
                let element = Element {
                    name,
                    href,
                    children: Vec::new(),
                };
                if self_closing || VOID_TAGS.contains(&element.name.as_str()) {
                    push_child(&mut stack, Node::Element(element));
                } else if stack.len() < MAX_DEPTH {
                    stack.push(element);
                }
            }
            Token::Close(name) => {
                // Index 0 is the nameless root, so it never matches and is never popped.
                if let Some(index) = stack.iter().rposition(|e| e.name == name) {
                    while stack.len() > index.max(1) {
                        pop_element(&mut stack);
                    }
                }
            }
        }
    }
    while stack.len() > 1 {
        pop_element(&mut stack);
    }
    stack.pop().map(|root| root.children).unwrap_or_default()
}

/// HTML's implied end tags that the models rely on: a new `p` ends an open `p`, a new `li`
/// ends the open `li` of the same list, a new `dt`/`dd` ends the open `dt`/`dd`.
fn close_implied(stack: &mut Vec<Element>, opening: &str) {
    if opening == "p" {
        if stack.last().is_some_and(|e| e.name == "p") {
            pop_element(stack);
        }
        return;
    }
    let (targets, barriers): (&[&str], &[&str]) = match opening {
        "li" => (&["li"], &["ul", "ol"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        _ => return,
    };
    let found = stack
        .iter()
        .rposition(|e| targets.contains(&e.name.as_str()) || barriers.contains(&e.name.as_str()));
    if let Some(index) = found.filter(|&i| i > 0 && targets.contains(&stack[i].name.as_str())) {
        while stack.len() > index {
            pop_element(stack);
        }
    }
}

fn pop_element(stack: &mut Vec<Element>) {
    if let Some(element) = stack.pop() {
        push_child(stack, Node::Element(element));
    }
}

fn push_child(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

fn push_text_node(stack: &mut [Element], text: String) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Node::Text(previous)) = parent.children.last_mut() {
            previous.push_str(&text);
        } else {
            parent.children.push(Node::Text(text));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering: tree -> blocks

enum Block {
    /// Inline Markdown; `\n` separates lines joined by hard breaks.
    Para(String),
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    /// Literal text for a fenced `text` block.
    Code(String),
}

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

/// Renders a container's children. `code_block_allowed` lets a lone multi-line `<code>`
/// become a fenced block; inside `<p>` it stays inline, as a browser would show it.
fn render_blocks(nodes: &[Node], code_block_allowed: bool) -> Vec<Block> {
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

fn lone_code_block(nodes: &[Node]) -> Option<String> {
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

fn is_blank_text(node: &Node) -> bool {
    matches!(node, Node::Text(t) if t.trim().is_empty())
}

fn render_block_element(e: &Element, blocks: &mut Vec<Block>) {
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
fn render_list(children: &[Node], ordered: bool) -> Option<Block> {
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

fn add_stray(nodes: &[Node], items: &mut Vec<Vec<Block>>) {
    let blocks = render_blocks(nodes, false);
    if blocks.is_empty() {
        return;
    }
    match items.last_mut() {
        Some(last) => last.extend(blocks),
        None => items.push(blocks),
    }
}

fn strong_paragraph(children: &[Node], blocks: &mut Vec<Block>) {
    let mut line = Inline::default();
    line.emphasis(children, Ctx::default(), true);
    line.flush_into(blocks);
}

fn callout(label: &str, children: &[Node], blocks: &mut Vec<Block>) {
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
fn preformatted(children: &[Node]) -> String {
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

fn common_indent(lines: &[&str]) -> usize {
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
fn collect_text(nodes: &[Node], line_break: char, out: &mut String) {
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
struct Ctx {
    bold: bool,
    italic: bool,
    in_link: bool,
}

/// Builds one paragraph's Markdown. Whitespace is held back as a pending space so runs
/// collapse and paragraph edges trim; `\n` marks a hard break.
#[derive(Default)]
struct Inline {
    out: String,
    pending_space: bool,
    leading_space: bool,
    /// Where the last code span starts in `out`, and its content.
    last_code: Option<(usize, String)>,
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
        self.raw(&escape_text(rest));
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

fn push_paragraph(lines: &mut Vec<String>, blocks: &mut Vec<Block>) {
    if !lines.is_empty() {
        blocks.push(Block::Para(lines.join("\\\n")));
        lines.clear();
    }
}

/// Escapes what Markdown would read as inline syntax, or rustdoc as HTML or intra-doc links.
fn escape_text(text: &str) -> String {
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
fn looks_like_entity(after: &[char]) -> bool {
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
fn escape_line_start(line: &str) -> String {
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
fn find_url(word: &str) -> Option<(usize, usize)> {
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

fn url_len(s: &str) -> usize {
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
fn resolve_href(href: &str) -> Option<String> {
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

fn scheme_of(href: &str) -> Option<String> {
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
fn encode_destination(url: &str) -> String {
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
fn code_span(content: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(content) + 1);
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{content}{pad}{fence}")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Rendering: blocks -> lines

fn write_document(blocks: &[Block]) -> String {
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

fn write_blocks(blocks: &[Block], indent: &str, lines: &mut Vec<String>) {
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

fn write_code(code: &str, indent: &str, lines: &mut Vec<String>) {
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

fn write_list(ordered: bool, items: &[Vec<Block>], indent: &str, lines: &mut Vec<String>) {
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
    use super::html_to_markdown as md;

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        assert_eq!(
            md("<p>First\n   line.</p>\n   <p>Second.</p>"),
            "First line.\n\nSecond."
        );
    }

    #[test]
    fn text_without_tags_is_one_paragraph() {
        assert_eq!(md("  plain   text\n here "), "plain text here");
        assert_eq!(md(""), "");
        assert_eq!(md("<p> </p>"), "");
    }

    #[test]
    fn unordered_list() {
        let html = "<p>Intro:</p><ul><li><p>one</p></li><li>two</li></ul><p>After.</p>";
        assert_eq!(md(html), "Intro:\n\n- one\n- two\n\nAfter.");
    }

    #[test]
    fn ordered_list() {
        assert_eq!(md("<ol><li>a</li><li>b</li></ol>"), "1. a\n2. b");
    }

    #[test]
    fn nested_lists_are_indented_by_marker_width() {
        let html =
            "<ul><li>outer<ul><li>inner<ul><li>deepest</li></ul></li></ul></li><li>next</li></ul>";
        assert_eq!(md(html), "- outer\n  - inner\n    - deepest\n- next");
        let html = "<ol><li>outer<ul><li>inner</li></ul></li></ol>";
        assert_eq!(md(html), "1. outer\n   - inner");
    }

    #[test]
    fn list_item_with_two_paragraphs() {
        let html = "<ul><li><p>a</p><p>b</p></li><li>c</li></ul>";
        assert_eq!(md(html), "- a\n\n  b\n- c");
    }

    #[test]
    fn list_without_li_tags_or_with_unclosed_li() {
        assert_eq!(md("<ul><li>a<li>b</ul>"), "- a\n- b");
        assert_eq!(md("<ul>loose</ul>"), "- loose");
        assert_eq!(md("<ul><li></li><li> </li></ul>"), "");
    }

    #[test]
    fn definition_list() {
        let html = "<dl><dt>USER_AUTH</dt><dd><p>Choice-based.</p></dd><dt><code>X</code></dt><dd>Y</dd></dl>";
        assert_eq!(md(html), "**USER_AUTH**\n\nChoice-based.\n\n**`X`**\n\nY");
    }

    #[test]
    fn note_and_important() {
        assert_eq!(md("<note><p>Careful.</p></note>"), "**Note:** Careful.");
        assert_eq!(
            md("<p>Text.</p><important><p>Really.</p><p>More.</p></important>"),
            "Text.\n\n**Important:** Really.\n\nMore."
        );
        assert_eq!(md("<note><ul><li>x</li></ul></note>"), "**Note:**\n\n- x");
        assert_eq!(md("<note> </note>"), "");
    }

    #[test]
    fn bold_and_italic() {
        assert_eq!(
            md("<b>bold</b>, <strong>strong</strong>, <i>it</i>, <em>em</em>"),
            "**bold**, **strong**, *it*, *em*"
        );
        // Spaces move outside the markers so emphasis is still recognised.
        assert_eq!(md("a<b> b </b>c"), "a **b** c");
        assert_eq!(md("<b></b>x<i> </i>y"), "x y");
        assert_eq!(md("<b>x <b>y</b></b>"), "**x y**");
        assert_eq!(md("<i>a <b>b</b></i>"), "*a **b***");
    }

    #[test]
    fn inline_code() {
        assert_eq!(md("Use <code>ListUsers</code>."), "Use `ListUsers`.");
        assert_eq!(md("<code>a`b</code>"), "``a`b``");
        assert_eq!(md("<code>`a``</code>"), "``` `a`` ```");
        assert_eq!(md("<p>x <code>a\n   b</code></p>"), "x `a b`");
        assert_eq!(md("x<code> </code>y"), "x y");
        assert_eq!(md("<code>x</code><code>y</code>"), "`xy`");
        assert_eq!(md("<code>x</code> <code>y</code>"), "`x` `y`");
        assert_eq!(md("<code>x</code><code>`</code>"), "`` x` ``");
    }

    #[test]
    fn code_keeps_markup_characters_literal() {
        assert_eq!(md("<code>[1,2]</code>"), "`[1,2]`");
        assert_eq!(md("<code>{####}</code>"), "`{####}`");
        assert_eq!(md("<code><</code> and <code><=</code>"), "`<` and `<=`");
        assert_eq!(
            md("<code>Test User <testuser@example.com></code>"),
            "`Test User <testuser@example.com>`"
        );
        assert_eq!(md("<code>/<i>prefix</i>/kms</code>"), "`/prefix/kms`");
        assert_eq!(md("<code>&lt;b&gt;</code>"), "`<b>`");
    }

    #[test]
    fn pre_becomes_a_text_fence() {
        let html =
            "<p>Example:</p><pre><code>\n    fn main() {\n        x &lt; 1;\n    }\n</code></pre>";
        assert_eq!(
            md(html),
            "Example:\n\n```text\nfn main() {\n    x < 1;\n}\n```"
        );
        assert_eq!(md("<pre>a ``` b</pre>"), "````text\na ``` b\n````");
        assert_eq!(md("<pre>  </pre>"), "");
    }

    #[test]
    fn lone_multiline_code_block_becomes_a_fence() {
        let html = "<ul><li>\n<code>{\n  \"a\": 1\n}</code>\n</li></ul>";
        assert_eq!(md(html), "- ```text\n  {\n    \"a\": 1\n  }\n  ```");
        // In a paragraph it stays inline, as a browser shows it.
        assert_eq!(md("<p><code>{\n  \"a\": 1\n}</code></p>"), "`{ \"a\": 1 }`");
    }

    #[test]
    fn links() {
        assert_eq!(
            md("See <a href=\"https://example.com/a\">the guide</a>."),
            "See [the guide](https://example.com/a)."
        );
        assert_eq!(
            md("<a href=\"https://example.com/a\"></a>"),
            "<https://example.com/a>"
        );
        assert_eq!(
            md("<a href=\"https://example.com/a\">https://example.com/a</a>"),
            "<https://example.com/a>"
        );
        assert_eq!(
            md("<a href=\"https://e.com/x\">\n  <code>Foo</code> docs\n</a> here"),
            "[`Foo` docs](https://e.com/x) here"
        );
        assert_eq!(
            md("<a href=\"https://e.com/a b(c)\">t</a>"),
            "[t](https://e.com/a%20b%28c%29)"
        );
        assert_eq!(
            md("<a href='https://e.com?a=1&amp;b=2'>t</a>"),
            "[t](https://e.com?a=1&b=2)"
        );
    }

    #[test]
    fn relative_and_unusable_links() {
        assert_eq!(
            md("<a href=\"kms/latest/developerguide/x.html#y\">keys</a>"),
            "[keys](https://docs.aws.amazon.com/kms/latest/developerguide/x.html#y)"
        );
        assert_eq!(md("<a href=\"#anchor\">here</a>"), "here");
        assert_eq!(md("<a>no href</a>"), "no href");
        assert_eq!(md("<a href=\"javascript:alert(1)\">x</a>"), "x");
        assert_eq!(md("<a name=\"x\"></a>text"), "text");
    }

    #[test]
    fn nested_links_keep_only_the_outer_one() {
        assert_eq!(
            md("<a href=\"https://a.com\">x <a href=\"https://b.com\">y</a></a>"),
            "[x y](https://a.com)"
        );
    }

    #[test]
    fn line_breaks() {
        assert_eq!(md("a<br>b<br/>c"), "a\\\nb\\\nc");
        assert_eq!(md("<br>a <br /> "), "a");
        assert_eq!(md("a<br><br>b"), "a\n\nb");
        assert_eq!(md("<ul><li>a<br>b</li></ul>"), "- a\\\n  b");
        assert_eq!(md("a<br>- b"), "a\\\n\\- b");
    }

    #[test]
    fn unknown_tags_are_dropped_keeping_text() {
        assert_eq!(
            md("<fullname>Amazon DynamoDB</fullname><p>Text.</p>"),
            "Amazon DynamoDB\n\nText."
        );
        assert_eq!(md("<span class=\"x\">a</span> <foo>b</foo>"), "a b");
        assert_eq!(
            md("<p class=\"title\"><b>Learn more</b></p>"),
            "**Learn more**"
        );
    }

    #[test]
    fn placeholders_in_angle_brackets_stay_as_text() {
        assert_eq!(
            md("cloudhsm-cluster-<i><cluster-id></i>-sg"),
            "cloudhsm-cluster-*&lt;cluster-id&gt;*-sg"
        );
        assert_eq!(md("use <username> here"), "use &lt;username&gt; here");
        assert_eq!(md("List<String>"), "List&lt;String&gt;");
        assert_eq!(md("a < b > c"), "a &lt; b &gt; c");
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            md("a &amp; b &quot;c&quot; &apos;d&#39; &#x41;&#66;"),
            "a & b \"c\" 'd' AB"
        );
        assert_eq!(md("x&nbsp;y"), "x y");
        assert_eq!(md("&lt;tag&gt;"), "&lt;tag&gt;");
        // Unknown or broken references stay literal, escaped so Markdown shows them as written.
        assert_eq!(md("&IAM; policies"), "&amp;IAM; policies");
        assert_eq!(md("&amp;lt;"), "&amp;lt;");
        assert_eq!(md("AT&T & co; &#0; &#xZZ;"), "AT&T & co; &amp;#0; &#xZZ;");
        assert_eq!(md("&#1114112;"), "&amp;#1114112;");
    }

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        assert_eq!(
            md("see [username] and [1]"),
            "see \\[username\\] and \\[1\\]"
        );
        assert_eq!(md("500 * 2 and *x*"), "500 \\* 2 and \\*x\\*");
        assert_eq!(
            md("_private snake_case __init__"),
            "\\_private snake_case \\_\\_init\\_\\_"
        );
        assert_eq!(
            md("a `tick` ~x~ back\\slash"),
            "a \\`tick\\` \\~x\\~ back\\\\slash"
        );
    }

    #[test]
    fn line_starts_are_escaped() {
        assert_eq!(md("<p># not a heading</p>"), "\\# not a heading");
        assert_eq!(md("<p>- not a list</p>"), "\\- not a list");
        assert_eq!(md("<p>+ x</p><p>= y</p>"), "\\+ x\n\n\\= y");
        assert_eq!(md("<p>1. not a list</p>"), "1\\. not a list");
        assert_eq!(md("<p>2) no</p><p>3.14 yes</p>"), "2\\) no\n\n3.14 yes");
        assert_eq!(md("<ul><li>- x</li></ul>"), "- \\- x");
        assert_eq!(md("<p>       indented</p>"), "indented");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            md("key: https://docs.aws.amazon.com/a_b/c.html. Done"),
            "key: <https://docs.aws.amazon.com/a_b/c.html>. Done"
        );
        assert_eq!(md("(see http://localhost)"), "(see <http://localhost>)");
        assert_eq!(md("(http://e.com/a_(b))"), "(<http://e.com/a_(b)>)");
        assert_eq!(md("https:// alone"), "https:// alone");
        assert_eq!(md("xhttp://e.com"), "xhttp://e.com");
    }

    #[test]
    fn malformed_html_does_not_panic() {
        assert_eq!(md("</p>text</b>"), "text");
        assert_eq!(md("<p>unclosed <b>bold"), "unclosed **bold**");
        assert_eq!(md("stray < and <b"), "stray &lt; and &lt;b");
        assert_eq!(
            md("<a href=\"unterminated>x</a>"),
            "&lt;a href=\"unterminated&gt;x"
        );
        assert_eq!(md("<p>a<p>b"), "a\n\nb");
        assert_eq!(md("<!-- comment -->x<!-- open"), "x&lt;!-- open");
        assert_eq!(md("<![CDATA[<b>]]>"), "&lt;b&gt;");
        assert_eq!(md("<ul><li><p>a</ul></li></p>b"), "- a\n\nb");
        assert_eq!(md("<b><i>x</b></i>"), "***x***");
        assert_eq!(md("&"), "&");
        assert_eq!(md("&#"), "&#");
        assert_eq!(md("<"), "&lt;");
        assert_eq!(md("<<>>"), "&lt;&lt;&gt;&gt;");
        assert_eq!(md("é&é;<é>"), "é&é;&lt;é&gt;");
        let deep = "<b>".repeat(10_000) + "x" + &"</b>".repeat(10_000);
        assert_eq!(md(&deep), "**x**");
        let deep_lists = "<ul><li>".repeat(10_000) + "x";
        assert!(md(&deep_lists).ends_with("- x"));
    }

    #[test]
    fn output_is_deterministic_and_trimmed() {
        let html = "<p>a </p>\n\n<ul><li>b  </li></ul>  ";
        assert_eq!(md(html), md(html));
        assert!(md(html).lines().all(|l| l == l.trim_end()));
    }

    // ---- whole-model checks -------------------------------------------------------------

    fn documentation_strings(file: &str) -> Vec<String> {
        let path = format!("{}/../../shared/models/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let model: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc_of = |v: &serde_json::Value| {
            v.pointer("/traits/smithy.api#documentation")
                .and_then(|d| d.as_str())
                .map(str::to_string)
        };
        let shapes = model["shapes"].as_object().expect("shapes object");
        let mut docs = Vec::new();
        for shape in shapes.values() {
            docs.extend(doc_of(shape));
            if let Some(members) = shape["members"].as_object() {
                docs.extend(members.values().filter_map(doc_of));
            }
        }
        docs
    }

    /// Problems rustdoc would warn about or turn into a doctest, as human-readable strings.
    fn problems(markdown: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut fence: Option<String> = None;
        let mut columns = vec![0usize];
        for line in markdown.lines() {
            let indent = line.len() - line.trim_start().len();
            let content = line.trim_start();
            if let Some(open) = &fence {
                if content == open {
                    fence = None;
                }
                continue;
            }
            if content.is_empty() {
                continue;
            }
            while columns.last().is_some_and(|&c| c > indent) {
                columns.pop();
            }
            if columns.last() != Some(&indent) {
                found.push(format!("indentation outside a list item: {line:?}"));
            }
            if content.starts_with("```") {
                let ticks = content.len() - content.trim_start_matches('`').len();
                if &content[ticks..] != "text" {
                    found.push(format!("code fence not marked text: {line:?}"));
                }
                fence = Some("`".repeat(ticks));
                continue;
            }
            // Our own list markers, possibly several when an item starts with a nested list.
            let mut rest = content;
            let mut column = indent;
            loop {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let width = if rest.starts_with("- ") {
                    2
                } else if digits > 0 && rest[digits..].starts_with(". ") {
                    digits + 2
                } else {
                    break;
                };
                column += width;
                columns.push(column);
                rest = &rest[width..];
            }
            if starts_block_syntax(rest) {
                found.push(format!("block syntax at line start: {line:?}"));
            }
            check_inline(rest, &mut found);
        }
        found
    }

    fn starts_block_syntax(text: &str) -> bool {
        let marker_then_space = ["- ", "+ ", "* "].iter().any(|m| text.starts_with(m));
        let bare_marker = ["-", "+", "*"].contains(&text);
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let ordered = digits > 0 && text[digits..].starts_with(". ");
        marker_then_space
            || bare_marker
            || ordered
            || text.starts_with(['#', '>', '|', '=', '~'])
            || (text.starts_with('<') && !text.starts_with("<http"))
    }

    /// Scans text outside code spans and autolinks: no raw tag, every `[` opens `[..](`.
    fn check_inline(line: &str, found: &mut Vec<String>) {
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut open_brackets = 0usize;
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 1,
                '`' => {
                    let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                    let closing = (i + run..chars.len()).find(|&j| {
                        chars[j..].iter().take_while(|&&c| c == '`').count() == run
                            && (j == 0 || chars[j - 1] != '`')
                    });
                    match closing {
                        Some(j) => i = j + run - 1,
                        None => found.push(format!("unclosed code span: {line:?}")),
                    }
                }
                '<' => {
                    let rest: String = chars[i + 1..].iter().collect();
                    if rest.starts_with("http") {
                        match rest.find('>') {
                            Some(end) => i += end + 1,
                            None => found.push(format!("unclosed autolink: {line:?}")),
                        }
                    } else if rest
                        .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
                    {
                        found.push(format!("raw tag: {line:?}"));
                    }
                }
                '[' => open_brackets += 1,
                ']' => {
                    if open_brackets == 0 || chars.get(i + 1) != Some(&'(') {
                        found.push(format!("bracket that is not a link: {line:?}"));
                    }
                    open_brackets = open_brackets.saturating_sub(1);
                }
                _ => {}
            }
            i += 1;
        }
        if open_brackets > 0 {
            found.push(format!("unclosed bracket: {line:?}"));
        }
    }

    fn assert_model_converts_cleanly(file: &str) {
        let docs = documentation_strings(file);
        assert!(
            docs.len() > 100,
            "{file}: only {} documentation strings",
            docs.len()
        );
        let mut failures = Vec::new();
        for html in &docs {
            let markdown = md(html);
            for problem in problems(&markdown) {
                failures.push(format!("{problem}\n  from: {html:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{file}: {} problems, first ones:\n{}",
            failures.len(),
            failures
                .iter()
                .take(10)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn checker_catches_problems() {
        assert!(!problems("a <b>x</b>").is_empty());
        assert!(!problems("a [x] b").is_empty());
        assert!(!problems("    code").is_empty());
        assert!(!problems("```\nx\n```").is_empty());
        assert!(
            problems("- a\n  - b\n    c\n\n```text\n    x\n```\n[a](b) <http://x> `<b>`")
                .is_empty()
        );
    }

    #[test]
    fn cognito_documentation_converts_cleanly() {
        assert_model_converts_cleanly("cognito-identity-provider-2016-04-18.json");
    }

    #[test]
    fn kms_documentation_converts_cleanly() {
        assert_model_converts_cleanly("kms-2014-11-01.json");
    }

    #[test]
    fn dynamodb_documentation_converts_cleanly() {
        assert_model_converts_cleanly("dynamodb-2012-08-10.json");
    }
}
