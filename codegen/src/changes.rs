//! What a model update changes for users: the difference between two API surfaces, each change
//! classified for semver. Removing an item, changing a type, or changing whether a member is
//! required breaks users' code; adding an operation, a type, an optional member, an enum value
//! or an error does not (enums and error enums are `#[non_exhaustive]`). A new required member
//! breaks code that builds the structure, since it becomes a constructor argument.
use crate::surface::{Entry, Surface};

/// Semver class of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Users' code may stop compiling or behave differently: a major version.
    Breaking,
    /// Only new things: a minor version.
    Additive,
}

/// One change, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Breaking or additive.
    pub class: Class,
    /// The item's key in the surface (`member ConfirmForgotPasswordInput.secret_hash`).
    pub key: String,
    /// `member removed: ConfirmForgotPasswordInput.secret_hash (String (optional))`.
    pub text: String,
}

/// Every change between two surfaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Changes of the API, breaking first, each group in key order.
    pub changes: Vec<Change>,
    /// Items (`kind name`) whose documentation alone changed.
    pub docs_only: Vec<String>,
}

impl Summary {
    /// True when nothing, not even documentation, changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.docs_only.is_empty()
    }

    /// How many changes are of `class`.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// The summary as text for a terminal, a changelog or a pull-request description.
    pub fn render(&self) -> String {
        if self.is_empty() {
            return "API changes: none.\n".into();
        }
        let breaking = self.count(Class::Breaking);
        let mut text = format!(
            "API changes: {breaking} breaking, {} additive, {} documentation-only.\n",
            self.count(Class::Additive),
            self.docs_only.len()
        );
        for (class, title) in [
            (Class::Breaking, "Breaking (semver major):"),
            (Class::Additive, "Additive (semver minor):"),
        ] {
            let lines: Vec<&str> = self
                .changes
                .iter()
                .filter(|c| c.class == class)
                .map(|c| c.text.as_str())
                .collect();
            if !lines.is_empty() {
                text.push_str(title);
                text.push('\n');
                for line in lines {
                    text.push_str(&format!("  - {line}\n"));
                }
            }
        }
        if !self.docs_only.is_empty() {
            text.push_str(&format!(
                "Documentation only: {}\n",
                self.docs_only.join(", ")
            ));
        }
        text
    }
}

/// The changes from `old` to `new`. Items inside an added or removed operation or type are
/// not listed one by one: the operation or type is.
pub fn compare(old: &Surface, new: &Surface) -> Summary {
    let mut summary = Summary::default();
    for (key, before) in &old.entries {
        match new.entries.get(key) {
            None if !owner_also(old, new, before, Presence::OnlyOld) => {
                summary.changes.push(removed(before))
            }
            None => {}
            Some(after) if after.detail != before.detail => {
                summary.changes.push(changed(before, after))
            }
            Some(after) if after.docs != before.docs => summary.docs_only.push(key.clone()),
            Some(_) => {}
        }
    }
    for (key, after) in &new.entries {
        if !old.entries.contains_key(key) && !owner_also(old, new, after, Presence::OnlyNew) {
            summary.changes.push(added(after));
        }
    }
    summary
        .changes
        .sort_by(|a, b| (a.class, &a.key).cmp(&(b.class, &b.key)));
    summary
}

/// The lines that differ, `-` old and `+` new, in key order: the snapshot diff in short.
pub fn surface_diff(old: &Surface, new: &Surface) -> String {
    let mut keys: Vec<&String> = old.entries.keys().chain(new.entries.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut text = String::new();
    for key in keys {
        let (before, after) = (
            old.entries.get(key).map(Entry::line),
            new.entries.get(key).map(Entry::line),
        );
        if before != after {
            if let Some(line) = before {
                text.push_str(&format!("-{line}\n"));
            }
            if let Some(line) = after {
                text.push_str(&format!("+{line}\n"));
            }
        }
    }
    text
}

#[derive(Clone, Copy, PartialEq)]
enum Presence {
    OnlyOld,
    OnlyNew,
}

/// True when the item's owner (the type of a member, the operation of its input) is itself
/// only in one of the surfaces, so the owner's line says it all.
fn owner_also(old: &Surface, new: &Surface, entry: &Entry, presence: Presence) -> bool {
    let (this, other) = match presence {
        Presence::OnlyOld => (old, new),
        Presence::OnlyNew => (new, old),
    };
    let mut current = entry.clone();
    while let Some(owner) = owner_key(&current) {
        match this.entries.get(&owner) {
            Some(_) if !other.entries.contains_key(&owner) => return true,
            Some(o) => current = o.clone(),
            None => return false,
        }
    }
    false
}

/// The key of the item that holds this one.
fn owner_key(entry: &Entry) -> Option<String> {
    let name = entry.name();
    match entry.kind() {
        "member" => Some(format!("type {}", name.split_once('.')?.0)),
        "enum" | "error" => Some(format!("type {}", name.split_once("::")?.0)),
        "paginated" => Some(format!("operation {name}")),
        "waiter" => Some(format!("operation {}", name.split_once('.')?.0)),
        "type" => ["input of ", "output of ", "errors of "]
            .iter()
            .find_map(|prefix| entry.detail.strip_prefix(prefix))
            .map(|op| format!("operation {op}")),
        _ => None,
    }
}

fn what(entry: &Entry) -> &'static str {
    match entry.kind() {
        "member" => "member",
        "enum" => "enum value",
        "error" => "error",
        "operation" => "operation",
        "paginated" => "pagination",
        "waiter" => "waiter",
        "type" => "type",
        "service" => "service",
        _ => "item",
    }
}

fn removed(entry: &Entry) -> Change {
    Change {
        class: Class::Breaking,
        key: entry.key.clone(),
        text: format!(
            "{} removed: {} ({})",
            what(entry),
            entry.name(),
            entry.detail
        ),
    }
}

fn added(entry: &Entry) -> Change {
    let required = entry.kind() == "member" && entry.detail.ends_with("(required)");
    let (class, note) = if required {
        (Class::Breaking, ": a new constructor argument")
    } else {
        (Class::Additive, "")
    };
    Change {
        class,
        key: entry.key.clone(),
        text: format!(
            "{} added: {} ({}){note}",
            what(entry),
            entry.name(),
            entry.detail
        ),
    }
}

fn changed(before: &Entry, after: &Entry) -> Change {
    let name = after.name();
    if after.kind() == "member" {
        let (old_type, old_req) = split_member(&before.detail);
        let (new_type, new_req) = split_member(&after.detail);
        let text = if old_type != new_type && old_req != new_req {
            format!(
                "member changed: {name}: {} -> {}",
                before.detail, after.detail
            )
        } else if old_type != new_type {
            format!("member type changed: {name}: {old_type} -> {new_type}")
        } else if new_req == "required" {
            format!("member made required: {name} (was {old_req})")
        } else {
            format!("member requirement changed: {name}: {old_req} -> {new_req}")
        };
        return Change {
            class: Class::Breaking,
            key: after.key.clone(),
            text,
        };
    }
    // The service line changes with the API version, which alone breaks no code; a new crate
    // name does.
    let crate_name = |e: &Entry| e.detail.rsplit_once(", crate ").map(|(_, c)| c.to_string());
    let class = if after.kind() == "service" && crate_name(before) == crate_name(after) {
        Class::Additive
    } else {
        Class::Breaking
    };
    Change {
        class,
        key: after.key.clone(),
        text: format!(
            "{} changed: {name}: {} -> {}",
            what(after),
            before.detail,
            after.detail
        ),
    }
}

/// `String (optional)` to (`String`, `optional`).
fn split_member(detail: &str) -> (&str, &str) {
    detail
        .rsplit_once(" (")
        .map_or((detail, ""), |(ty, req)| (ty, req.trim_end_matches(')')))
}
