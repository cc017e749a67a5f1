//! Smithy's client error correction: a response that leaves out a `@required` member (or
//! sends it as `null`) still parses, with the member's zero value, instead of failing the
//! whole call. A server that omits one is misbehaving, but the rest of its answer is
//! still worth having; the correction is logged at `warn` naming the shape and member.
//!
//! The zero values are the specification's: `false`, `0`, `""`, an empty blob, list or
//! map, epoch 0, the unknown variant of an enum or union, and for a structure what an empty
//! JSON object corrects to.
//!
//! Generated code uses this module only for models whose outputs have required members, so
//! its items carry `#[allow(dead_code)]` for the others (the file is the same in every crate).

/// A type that has a zero value for error correction; `None` where the specification's
/// "if possible" does not hold.
#[allow(dead_code)] // only some models use it (see the module docs)
pub trait Zero: Sized {
    /// The value a missing required member of this type gets.
    fn zero() -> Option<Self>;
}

macro_rules! zero_from_default {
    ($($t:ty),*) => {
        $(impl Zero for $t {
            fn zero() -> Option<Self> {
                Some(Self::default())
            }
        })*
    };
}

zero_from_default!(
    bool,
    i8,
    i16,
    i32,
    i64,
    f32,
    f64,
    String,
    super::types::Blob,
    super::stream::ByteStream
);

impl Zero for super::types::DateTime {
    fn zero() -> Option<Self> {
        Some(Self::from_secs(0))
    }
}

/// `document`: a null document.
impl Zero for serde_json::Value {
    fn zero() -> Option<Self> {
        Some(Self::Null)
    }
}

/// bigInteger and bigDecimal.
impl Zero for serde_json::Number {
    fn zero() -> Option<Self> {
        Some(Self::from(0))
    }
}

impl<T> Zero for Vec<T> {
    fn zero() -> Option<Self> {
        Some(Vec::new())
    }
}

impl<T> Zero for std::collections::HashMap<String, T> {
    fn zero() -> Option<Self> {
        Some(Self::new())
    }
}

/// A boxed member sits on a recursive cycle of structures and unions, which may be all
/// required (then no finite zero exists). One boxed level is filled (a union's unknown
/// variant, a structure whose other required members have zeros); a box met while filling
/// one has no zero, so the correction always ends and a cycle stays a missing-member error.
impl<T: Zero> Zero for Box<T> {
    fn zero() -> Option<Self> {
        thread_local!(static FILLING_BOX: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
        if FILLING_BOX.with(|filling| filling.replace(true)) {
            return None;
        }
        let zero = T::zero().map(Box::new);
        FILLING_BOX.with(|filling| filling.set(false));
        zero
    }
}

/// A structure's zero: what an empty JSON object reads as, each required member corrected
/// in turn (and logged with its own shape); `None` when one of them has no zero.
#[allow(dead_code)] // only some models use it (see the module docs)
pub fn zero_structure<T: serde::de::DeserializeOwned>() -> Option<T> {
    let empty = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
        std::iter::empty::<(String, String)>(),
    );
    T::deserialize(empty).ok()
}

/// The value of required member `member` of structure `shape`: what the response held, else
/// its zero value (logged), else the error serde gives for a missing field.
#[allow(dead_code)] // only some models use it (see the module docs)
pub fn required<T: Zero, E: serde::de::Error>(
    value: Option<T>,
    shape: &'static str,
    member: &'static str,
) -> Result<T, E> {
    if let Some(value) = value {
        return Ok(value);
    }
    match T::zero() {
        Some(zero) => {
            tracing::warn!(
                shape,
                member,
                "required member {shape}.{member} is missing or null; using its zero value (client error correction)"
            );
            Ok(zero)
        }
        None => Err(E::missing_field(member)),
    }
}
