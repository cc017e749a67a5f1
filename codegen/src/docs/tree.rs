//! Step two: a tree builder that repairs bad nesting.
use super::tokenize::{Token, VOID_TAGS};

pub(super) enum Node {
    Text(String),
    Element(Element),
}

pub(super) struct Element {
    pub(super) name: String,
    pub(super) href: Option<String>,
    pub(super) children: Vec<Node>,
}

/// Deeper nesting is flattened, so rendering recursion stays bounded on hostile input.
pub(super) const MAX_DEPTH: usize = 64;

pub(super) fn build_tree(tokens: Vec<Token>) -> Vec<Node> {
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
pub(super) fn close_implied(stack: &mut Vec<Element>, opening: &str) {
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

pub(super) fn pop_element(stack: &mut Vec<Element>) {
    if let Some(element) = stack.pop() {
        push_child(stack, Node::Element(element));
    }
}

pub(super) fn push_child(stack: &mut [Element], node: Node) {
    if let Some(parent) = stack.last_mut() {
        parent.children.push(node);
    }
}

pub(super) fn push_text_node(stack: &mut [Element], text: String) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Node::Text(previous)) = parent.children.last_mut() {
            previous.push_str(&text);
        } else {
            parent.children.push(Node::Text(text));
        }
    }
}
