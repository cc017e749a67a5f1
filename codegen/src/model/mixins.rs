//! Mixins (Smithy 2.0 "Mixins"), applied to the JSON before it is typed, so the rest of the
//! generator sees flat shapes: a shape gets its mixins' members (first, in a depth-first
//! preorder of the mixins) and traits (later mixins over earlier, its own over all, never
//! `@mixin` itself nor the mixin's `localTraits`); services and operations also get their
//! mixins' operations, resources, errors and renames.
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const MIXIN: &str = "smithy.api#mixin";

/// A shape id and what is wrong with it.
pub(super) type Problem = (String, String);

/// Replaces every shape that has `mixins` with its flattened form, mixins before the shapes
/// that use them. Mixin shapes themselves stay (the caller drops them once references are
/// checked).
pub(super) fn apply(shapes: &mut Map<String, Value>) -> Result<(), Problem> {
    for id in order(shapes)? {
        let local = &shapes[&id];
        let mut mixins = Vec::new();
        for mixin_id in mixin_ids(&id, local)? {
            mixins.push(&shapes[&mixin_id]);
        }
        let flat = flatten(local, &mixins).map_err(|problem| (id.clone(), problem))?;
        shapes.insert(id, flat);
    }
    Ok(())
}

/// The mixins a shape lists, each checked to be a mixin shape of the same type.
fn mixin_ids(id: &str, shape: &Value) -> Result<Vec<String>, Problem> {
    let problem = |text: String| (id.to_string(), text);
    let Some(list) = shape.get("mixins") else {
        return Ok(Vec::new());
    };
    let list = list
        .as_array()
        .ok_or_else(|| problem("\"mixins\" is not a list".into()))?;
    list.iter()
        .map(|entry| {
            entry
                .get("target")
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| problem("a \"mixins\" entry has no \"target\" string".into()))
        })
        .collect()
}

/// Shapes with mixins, each after the mixins it uses; a cycle, a missing mixin, a shape that
/// is not a mixin or one of another type is an error naming the shape that mixes it in.
fn order(shapes: &Map<String, Value>) -> Result<Vec<String>, Problem> {
    enum Mark {
        Open,
        Done,
    }
    let mut marks: BTreeMap<String, Mark> = BTreeMap::new();
    let mut order = Vec::new();
    for root in shapes.keys() {
        if marks.contains_key(root) {
            continue;
        }
        // Depth-first without recursion: a hostile chain of mixins is as deep as it likes.
        let mut stack: Vec<(String, Vec<String>)> = vec![(root.clone(), Vec::new())];
        marks.insert(root.clone(), Mark::Open);
        stack[0].1 = checked_mixins(shapes, root)?;
        while let Some((id, pending)) = stack.last_mut() {
            match pending.pop() {
                Some(next) => match marks.get(&next) {
                    Some(Mark::Done) => {}
                    Some(Mark::Open) => {
                        return Err((
                            id.clone(),
                            format!("its mixins lead back to {next}: mixins must not form a cycle"),
                        ))
                    }
                    None => {
                        let mixins = checked_mixins(shapes, &next)?;
                        marks.insert(next.clone(), Mark::Open);
                        stack.push((next, mixins));
                    }
                },
                None => {
                    let id = id.clone();
                    stack.pop();
                    if shapes[&id].get("mixins").is_some() {
                        order.push(id.clone());
                    }
                    marks.insert(id, Mark::Done);
                }
            }
        }
    }
    Ok(order)
}

fn checked_mixins(shapes: &Map<String, Value>, id: &str) -> Result<Vec<String>, Problem> {
    let shape = &shapes[id];
    let ids = mixin_ids(id, shape)?;
    for mixin in &ids {
        let problem = |text: &str| (id.to_string(), format!("mixes in {mixin}, {text}"));
        let Some(target) = shapes.get(mixin) else {
            return Err(problem("which is not in the model"));
        };
        if target.get("traits").and_then(|t| t.get(MIXIN)).is_none() {
            return Err(problem("which is not a mixin (it has no @mixin trait)"));
        }
        if target.get("type") != shape.get("type") {
            return Err(problem(&format!(
                "a {} where a {} is needed: a mixin applies only to shapes of its own type",
                type_of(target),
                type_of(shape)
            )));
        }
    }
    Ok(ids)
}

fn type_of(shape: &Value) -> &str {
    shape.get("type").and_then(Value::as_str).unwrap_or("shape")
}

/// One shape with its (already flat) mixins applied.
fn flatten(local: &Value, mixins: &[&Value]) -> Result<Value, String> {
    let mut flat = local.as_object().cloned().unwrap_or_default();
    flat.remove("mixins");
    let mut traits = Map::new();
    for mixin in mixins {
        traits.extend(inherited_traits(mixin));
    }
    traits.extend(object(local, "traits"));
    flat.insert("traits".into(), Value::Object(traits));
    match type_of(local) {
        "structure" | "union" | "enum" | "intEnum" => {
            let members = merge_members(mixins, object(local, "members"))?;
            flat.insert("members".into(), Value::Object(members));
        }
        "list" | "set" => merge_member_properties(&mut flat, mixins, &["member"])?,
        "map" => merge_member_properties(&mut flat, mixins, &["key", "value"])?,
        "service" => {
            for list in ["operations", "resources", "errors"] {
                merge_list(&mut flat, mixins, list);
            }
            merge_map(&mut flat, mixins, "rename");
            if flat.get("version").is_none() {
                if let Some(version) = mixins.iter().rev().find_map(|m| m.get("version")) {
                    flat.insert("version".into(), version.clone());
                }
            }
        }
        "operation" => {
            for mixin in mixins {
                for io in ["input", "output"] {
                    let target = mixin.get(io).and_then(|t| t.get("target"));
                    if target.is_some_and(|t| t != "smithy.api#Unit") {
                        return Err(format!(
                            "an operation mixin may not define an {io} (Smithy 2.0 mixins)"
                        ));
                    }
                }
            }
            merge_list(&mut flat, mixins, "errors");
        }
        "resource" => {
            for mixin in mixins {
                let mut properties = mixin.as_object().into_iter().flatten();
                if let Some((key, _)) =
                    properties.find(|(k, _)| !matches!(k.as_str(), "type" | "traits" | "mixins"))
                {
                    return Err(format!(
                        "a resource mixin may only carry traits, but one defines {key:?}"
                    ));
                }
            }
        }
        // Simple shapes have traits alone.
        _ => {}
    }
    Ok(Value::Object(flat))
}

fn object(shape: &Value, key: &str) -> Map<String, Value> {
    shape
        .get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// The traits a mixin passes on: all it has (inherited ones included), less `@mixin` and the
/// traits its `@mixin(localTraits: [...])` keeps to itself.
fn inherited_traits(mixin: &Value) -> Map<String, Value> {
    let mut traits = object(mixin, "traits");
    let local: Vec<String> = traits
        .get(MIXIN)
        .and_then(|m| m.get("localTraits"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    traits.remove(MIXIN);
    for id in local {
        traits.remove(&id);
    }
    traits
}

/// Members of every mixin in order, then the shape's own; a member defined again must target
/// the same shape, and its traits are laid over the earlier ones in place.
fn merge_members(
    mixins: &[&Value],
    local: Map<String, Value>,
) -> Result<Map<String, Value>, String> {
    let mut members = Map::new();
    let sources = mixins.iter().map(|m| object(m, "members")).chain([local]);
    for source in sources {
        for (name, member) in source {
            match members.get_mut(&name) {
                Some(existing) => merge_member(existing, &member)
                    .map_err(|problem| format!("member {name}: {problem}"))?,
                None => {
                    members.insert(name, member);
                }
            }
        }
    }
    Ok(members)
}

/// A list's `member` or a map's `key` and `value`: from the mixins, the shape's own laid over.
fn merge_member_properties(
    flat: &mut Map<String, Value>,
    mixins: &[&Value],
    keys: &[&str],
) -> Result<(), String> {
    for key in keys {
        let sources = mixins.iter().filter_map(|m| m.get(*key)).cloned();
        let own = flat.get(*key).cloned();
        let mut merged: Option<Value> = None;
        for member in sources.chain(own) {
            match &mut merged {
                Some(existing) => merge_member(existing, &member)
                    .map_err(|problem| format!("{key}: {problem}"))?,
                None => merged = Some(member),
            }
        }
        if let Some(member) = merged {
            flat.insert(key.to_string(), member);
        }
    }
    Ok(())
}

fn merge_member(existing: &mut Value, later: &Value) -> Result<(), String> {
    let (before, after) = (existing.get("target"), later.get("target"));
    if before != after {
        return Err(format!(
            "redefines a mixin member that targets {} to target {}; Smithy allows a redefinition only with the same target",
            before.and_then(Value::as_str).unwrap_or("nothing"),
            after.and_then(Value::as_str).unwrap_or("nothing"),
        ));
    }
    let mut traits = object(existing, "traits");
    traits.extend(object(later, "traits"));
    if let Some(member) = existing.as_object_mut() {
        member.insert("traits".into(), Value::Object(traits));
    }
    Ok(())
}

/// A list property (`operations`, `errors`, ...): the mixins' entries first, each entry once.
fn merge_list(flat: &mut Map<String, Value>, mixins: &[&Value], key: &str) {
    let mut merged: Vec<Value> = Vec::new();
    let own = flat.get(key).and_then(Value::as_array).cloned();
    let lists = mixins
        .iter()
        .filter_map(|m| m.get(key).and_then(Value::as_array).cloned())
        .chain(own);
    for entry in lists.flatten() {
        if !merged.contains(&entry) {
            merged.push(entry);
        }
    }
    if !merged.is_empty() {
        flat.insert(key.to_string(), Value::Array(merged));
    }
}

/// A map property (`rename`): the shape's own keys win, then later mixins over earlier.
fn merge_map(flat: &mut Map<String, Value>, mixins: &[&Value], key: &str) {
    let mut merged = Map::new();
    for mixin in mixins {
        merged.extend(object(mixin, key));
    }
    merged.extend(
        flat.get(key)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
    );
    if !merged.is_empty() {
        flat.insert(key.to_string(), Value::Object(merged));
    }
}
