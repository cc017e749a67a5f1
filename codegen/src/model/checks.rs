//! Checks a model must pass before anything walks it: names the grammar allows, and lists and
//! maps whose element types end (every walk over them recurses, so they must be finite and
//! shallow).
use super::Shape;
use std::collections::BTreeMap;

/// Lists and maps may nest this deep (AWS models nest three or four): deeper is refused, so
/// the walks over element types, and the emitted types, stay within the stack.
pub const MAX_COLLECTION_NESTING: usize = 32;

/// Smithy's `identifier`: `_`s, a letter, then letters, digits and `_`.
pub fn is_smithy_identifier(name: &str) -> bool {
    let rest = name.trim_start_matches('_');
    rest.starts_with(|c: char| c.is_ascii_alphabetic())
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Smithy's absolute shape id, `namespace#Name`, where the namespace is dotted identifiers.
pub fn is_shape_id(id: &str) -> bool {
    match id.split_once('#') {
        Some((namespace, name)) => {
            namespace.split('.').all(is_smithy_identifier) && is_smithy_identifier(name)
        }
        None => false,
    }
}

/// The list, set and map shapes `shape`'s elements (or keys or values) are.
fn collection_children<'a>(shapes: &'a BTreeMap<String, Shape>, shape: &'a Shape) -> Vec<&'a str> {
    let targets: Vec<&str> = match shape {
        Shape::List(l) | Shape::Set(l) => vec![&l.member.target],
        Shape::Map(m) => vec![&m.key.target, &m.value.target],
        _ => Vec::new(),
    };
    targets
        .into_iter()
        .filter(|t| {
            matches!(
                shapes.get(*t),
                Some(Shape::List(_) | Shape::Set(_) | Shape::Map(_))
            )
        })
        .collect()
}

/// Every list and map reaches a non-collection element within [`MAX_COLLECTION_NESTING`]
/// levels. A list that contains itself through lists and maps alone is invalid Smithy (a
/// recursive type must pass through a structure or union); the error names a shape on the
/// cycle.
pub fn collection_nesting(shapes: &BTreeMap<String, Shape>) -> Result<(), (String, String)> {
    enum Mark {
        Open,
        Depth(usize),
    }
    let mut marks: BTreeMap<&str, Mark> = BTreeMap::new();
    for (root, shape) in shapes {
        if marks.contains_key(root.as_str()) || collection_children(shapes, shape).is_empty() {
            continue;
        }
        // Depth-first without recursion: (shape, its collection children, next child).
        let mut stack = vec![(root.as_str(), collection_children(shapes, shape), 0)];
        marks.insert(root, Mark::Open);
        while let Some((id, children, next)) = stack.last_mut() {
            let id: &str = id;
            if let Some(&child) = children.get(*next) {
                *next += 1;
                match marks.get(child) {
                    Some(Mark::Depth(_)) => {}
                    Some(Mark::Open) => {
                        return Err((
                            child.to_string(),
                            format!(
                                "contains itself through lists and maps alone (from {id}): a recursive list or map must pass through a structure or union"
                            ),
                        ))
                    }
                    None => {
                        marks.insert(child, Mark::Open);
                        stack.push((child, collection_children(shapes, &shapes[child]), 0));
                    }
                }
            } else {
                let depth = 1 + children
                    .iter()
                    .map(|c| match marks.get(c) {
                        Some(Mark::Depth(d)) => *d,
                        _ => 0,
                    })
                    .max()
                    .unwrap_or(0);
                if depth > MAX_COLLECTION_NESTING {
                    return Err((
                        id.to_string(),
                        format!(
                            "lists and maps nest {depth} deep here; at most {MAX_COLLECTION_NESTING} are supported"
                        ),
                    ));
                }
                marks.insert(id, Mark::Depth(depth));
                stack.pop();
            }
        }
    }
    Ok(())
}
