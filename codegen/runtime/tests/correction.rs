//! Client error correction's zero values (Smithy spec, "Client error correction"): the
//! scalar and collection zeros, and that a recursive cycle of required members ends in a
//! missing-member error instead of recursing without end.
use runtime::correction::{required, zero_structure, Zero};
use runtime::types::{Blob, DateTime};
use serde::de::value::Error;
use std::collections::HashMap;

#[test]
fn scalars_and_collections_get_the_specified_zero() {
    assert_eq!(required::<bool, Error>(None, "S", "m").unwrap(), false);
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
