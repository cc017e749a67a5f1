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

mod render;
mod tokenize;
mod tree;

use render::{render_blocks, write_document};
use tokenize::tokenize;
use tree::build_tree;

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
