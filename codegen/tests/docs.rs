//! The HTML to rustdoc Markdown converter, on hand-made cases and on every documentation
//! string of the three AWS models.
use codegen::docs::html_to_markdown as md;

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
    let html =
        "<dl><dt>USER_AUTH</dt><dd><p>Choice-based.</p></dd><dt><code>X</code></dt><dd>Y</dd></dl>";
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
        problems("- a\n  - b\n    c\n\n```text\n    x\n```\n[a](b) <http://x> `<b>`").is_empty()
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
