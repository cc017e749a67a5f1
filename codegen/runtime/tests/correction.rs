//! Client error correction's zero values (Smithy spec, "Client error correction"): the
//! scalar and collection zeros, and that a recursive cycle of required members ends in a
//! missing-member error instead of recursing without end.
use runtime::correction::{required, zero_structure, Zero};
use runtime::types::{Blob, DateTime};
use serde::de::value::Error;
use std::collections::HashMap;

#[test]
fn scalars_and_collections_get_the_specified_zero() {
    assert!(!required::<bool, Error>(None, "S", "m").unwrap());
    assert_eq!(required::<i32, Error>(None, "S", "m").unwrap(), 0);
    assert_eq!(required::<f64, Error>(None, "S", "m").unwrap(), 0.0);
    assert_eq!(required::<String, Error>(None, "S", "m").unwrap(), "");
    assert_eq!(
        required::<Blob, Error>(None, "S", "m").unwrap().as_bytes(),
        b""
    );
    let epoch = required::<DateTime, Error>(None, "S", "m").unwrap();
    assert_eq!(epoch, DateTime::from_secs(0));
    assert!(required::<Vec<String>, Error>(None, "S", "m")
        .unwrap()
        .is_empty());
    let map = required::<HashMap<String, i32>, Error>(None, "S", "m").unwrap();
    assert!(map.is_empty());
    let document = required::<serde_json::Value, Error>(None, "S", "m").unwrap();
    assert!(document.is_null());
    let big = required::<serde_json::Number, Error>(None, "S", "m").unwrap();
    assert_eq!(big.as_i64(), Some(0));
}

#[test]
fn a_present_value_is_kept() {
    let value = required::<String, Error>(Some("kept".into()), "S", "m").unwrap();
    assert_eq!(value, "kept");
}

/// A structure whose only member is a required box of itself: no finite zero exists.
struct Cycle(#[allow(dead_code)] Box<Cycle>);

impl Zero for Cycle {
    fn zero() -> Option<Self> {
        Some(Cycle(Box::<Cycle>::zero()?))
    }
}

/// A structure with a required box of a structure that has a zero (a union's unknown
/// variant, say): filled.
#[derive(Debug, PartialEq)]
struct Leaf;

impl Zero for Leaf {
    fn zero() -> Option<Self> {
        Some(Leaf)
    }
}

#[test]
fn a_required_cycle_is_a_missing_member_error_and_a_boxed_leaf_is_filled() {
    let error = required::<Box<Cycle>, Error>(None, "Cycle", "next")
        .err()
        .unwrap();
    assert!(
        error.to_string().contains("missing field `next`"),
        "{error}"
    );
    // The guard is released afterwards: a box with a zero still fills.
    assert_eq!(
        *required::<Box<Leaf>, Error>(None, "S", "leaf").unwrap(),
        Leaf
    );
    assert_eq!(
        *required::<Box<Leaf>, Error>(None, "S", "leaf").unwrap(),
        Leaf
    );
}

#[test]
fn a_structure_zero_is_what_an_empty_object_reads_as() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Defaulted {
        #[serde(default)]
        count: i32,
    }
    assert_eq!(zero_structure::<Defaulted>(), Some(Defaulted { count: 0 }));
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Strict {
        name: String,
    }
    assert!(zero_structure::<Strict>().is_none());
}

/// Records the fields of every event, to see what a correction logs.
#[derive(Default, Clone)]
struct Recorder(std::sync::Arc<std::sync::Mutex<Vec<(tracing::Level, String)>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={value:?} ", field.name()));
    }
}

impl tracing::Subscriber for Recorder {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        let level = *event.metadata().level();
        self.0.lock().unwrap().push((level, fields.0));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn a_correction_is_logged_at_warn_naming_shape_and_member_and_a_present_value_is_not() {
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        required::<String, Error>(Some("x".into()), "UserType", "Username").unwrap();
        required::<String, Error>(None, "UserType", "Username").unwrap();
    });
    let events = recorder.0.lock().unwrap();
    assert_eq!(
        events.len(),
        1,
        "{:?}",
        events.iter().map(|e| &e.1).collect::<Vec<_>>()
    );
    let (level, fields) = &events[0];
    assert_eq!(*level, tracing::Level::WARN);
    assert!(fields.contains("shape=\"UserType\""), "{fields}");
    assert!(fields.contains("member=\"Username\""), "{fields}");
    assert!(fields.contains("UserType.Username"), "{fields}");
}
