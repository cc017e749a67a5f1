//! The repetitive half of every generated structure, union and enum, written once: setters,
//! the redacting `Debug`, and the awsJson `Serialize`/`Deserialize` (written out rather than
//! derived, so users' builds need no serde_derive or syn).
//!
//! Each macro takes one line per member or value. What differs between members is chosen by
//! naming a type of this module in the line, not by macro branches: the member's presence
//! ([`Req`], [`Opt`], [`Def`], and [`ReqBox`]/[`OptBox`] for members boxed to break a
//! recursion), its wire codec ([`Plain`], [`Float`], [`DateTimeText`], [`HttpDateText`]) and
//! how `Debug` shows it (`shown` or `redacted`).
// Each codec, presence and `Debug` helper serves only the models whose members need it.
#![allow(dead_code)]
use super::types::{FormatSeed, Formatted, Timestamps, F32, F64};
use serde::de::{DeserializeOwned, MapAccess};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::Serialize;

/// How a member's value is written and read on the wire.
pub trait Codec<T> {
    /// Writes `value` as field `key` of a structure.
    fn field<S: SerializeStruct>(
        &self,
        state: &mut S,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error>;
    /// Writes `value` as entry `key` of a map (a union).
    fn entry<M: SerializeMap>(&self, map: &mut M, key: &str, value: &T) -> Result<(), M::Error>;
    /// Reads the value of the current map entry; `null` reads as `None`.
    fn read<'de, A: MapAccess<'de>>(&self, map: &mut A) -> Result<Option<T>, A::Error>;
    /// Reads a value out of JSON (a union's member).
    fn read_json(&self, value: serde_json::Value) -> Result<T, serde_json::Error>;
}

/// The value's own serde impls (timestamps as epoch seconds).
pub struct Plain;

impl<T: Serialize + DeserializeOwned> Codec<T> for Plain {
    fn field<S: SerializeStruct>(
        &self,
        state: &mut S,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        state.serialize_field(key, value)
    }
    fn entry<M: SerializeMap>(&self, map: &mut M, key: &str, value: &T) -> Result<(), M::Error> {
        map.serialize_entry(key, value)
    }
    fn read<'de, A: MapAccess<'de>>(&self, map: &mut A) -> Result<Option<T>, A::Error> {
        map.next_value()
    }
    fn read_json(&self, value: serde_json::Value) -> Result<T, serde_json::Error> {
        serde_json::from_value(value)
    }
}

/// A dense map (no `@sparse`): written as is; an entry whose value is `null` is dropped when
/// read, as Smithy's JSON protocols say, instead of failing the whole response.
pub struct DenseMap;

impl<T: Serialize + DeserializeOwned> Codec<std::collections::HashMap<String, T>> for DenseMap {
    fn field<S: SerializeStruct>(
        &self,
        state: &mut S,
        key: &'static str,
        value: &std::collections::HashMap<String, T>,
    ) -> Result<(), S::Error> {
        state.serialize_field(key, value)
    }
    fn entry<M: SerializeMap>(
        &self,
        map: &mut M,
        key: &str,
        value: &std::collections::HashMap<String, T>,
    ) -> Result<(), M::Error> {
        map.serialize_entry(key, value)
    }
    fn read<'de, A: MapAccess<'de>>(
        &self,
        map: &mut A,
    ) -> Result<Option<std::collections::HashMap<String, T>>, A::Error> {
        Ok(map
            .next_value::<Option<std::collections::HashMap<String, Option<T>>>>()?
            .map(without_nulls))
    }
    fn read_json(
        &self,
        value: serde_json::Value,
    ) -> Result<std::collections::HashMap<String, T>, serde_json::Error> {
        serde_json::from_value::<std::collections::HashMap<String, Option<T>>>(value)
            .map(without_nulls)
    }
}

fn without_nulls<T>(
    map: std::collections::HashMap<String, Option<T>>,
) -> std::collections::HashMap<String, T> {
    map.into_iter()
        .filter_map(|(key, value)| Some((key, value?)))
        .collect()
}

/// A float, with awsJson's `"NaN"`, `"Infinity"` and `"-Infinity"`.
pub struct Float;

macro_rules! float_codec {
    ($t:ty, $wrapper:ident) => {
        impl Codec<$t> for Float {
            fn field<S: SerializeStruct>(
                &self,
                state: &mut S,
                key: &'static str,
                value: &$t,
            ) -> Result<(), S::Error> {
                state.serialize_field(key, &$wrapper(*value))
            }
            fn entry<M: SerializeMap>(
                &self,
                map: &mut M,
                key: &str,
                value: &$t,
            ) -> Result<(), M::Error> {
                map.serialize_entry(key, &$wrapper(*value))
            }
            fn read<'de, A: MapAccess<'de>>(&self, map: &mut A) -> Result<Option<$t>, A::Error> {
                Ok(map.next_value::<Option<$wrapper>>()?.map(|v| v.0))
            }
            fn read_json(&self, value: serde_json::Value) -> Result<$t, serde_json::Error> {
                serde_json::from_value::<$wrapper>(value).map(|v| v.0)
            }
        }
    };
}

float_codec!(f64, F64);
float_codec!(f32, F32);

/// Timestamps (also in lists and maps) as `@timestampFormat("date-time")` text.
pub struct DateTimeText;

/// Timestamps (also in lists and maps) as `@timestampFormat("http-date")` text.
pub struct HttpDateText;

macro_rules! text_codec {
    ($codec:ident, $format:ident) => {
        impl<T: Timestamps> Codec<T> for $codec {
            fn field<S: SerializeStruct>(
                &self,
                state: &mut S,
                key: &'static str,
                value: &T,
            ) -> Result<(), S::Error> {
                state.serialize_field(
                    key,
                    &Formatted(value, super::types::TimestampFormat::$format),
                )
            }
            fn entry<M: SerializeMap>(
                &self,
                map: &mut M,
                key: &str,
                value: &T,
            ) -> Result<(), M::Error> {
                map.serialize_entry(
                    key,
                    &Formatted(value, super::types::TimestampFormat::$format),
                )
            }
            fn read<'de, A: MapAccess<'de>>(&self, map: &mut A) -> Result<Option<T>, A::Error> {
                map.next_value_seed(FormatSeed::<Option<T>>::new(
                    super::types::TimestampFormat::$format,
                ))
            }
            fn read_json(&self, value: serde_json::Value) -> Result<T, serde_json::Error> {
                serde::de::DeserializeSeed::deserialize(
                    FormatSeed::<T>::new(super::types::TimestampFormat::$format),
                    value,
                )
            }
        }
    };
}

text_codec!(DateTimeText, DateTime);
text_codec!(HttpDateText, HttpDate);

/// A `@required` member: always written; when a response leaves it out (or sends `null`), it
/// reads as its zero value with a warning (client error correction).
pub struct Req;

/// An optional member: `Option<T>`, skipped on the wire when `None`.
pub struct Opt;

/// A member with a zero `@default`: a plain `T`, always written, read as the default when absent.
pub struct Def;

/// A `@required` member boxed to break a recursion: `Box<T>`.
pub struct ReqBox;

/// An optional member boxed to break a recursion: `Option<Box<T>>`.
pub struct OptBox;

/// Shows a union member's value in `Debug`.
pub fn shown<T>(value: &T) -> &T {
    value
}

/// `Debug`'s redaction marker instead of a sensitive union member's value.
pub fn redacted<T>(_: &T) -> &'static str {
    super::types::REDACTED
}

macro_rules! always_present {
    ($($presence:ident: $field:ident<$t:ident> = $put:expr, $take:expr;)*) => {$(
        impl $presence {
            /// The stored value of a value given to `with_x`.
            pub fn put<$t>(value: $t) -> $field {
                $put(value)
            }
            /// The stored value of a value given to `set_x`.
            pub fn set<$t>(value: $t) -> $field {
                $put(value)
            }
            /// The value `into_x` moves out.
            pub fn take<$t>(value: $field) -> $t {
                $take(value)
            }
            /// Writes the member.
            pub fn write<$t, S: SerializeStruct>(state: &mut S, key: &'static str, value: &$field, codec: &impl Codec<$field>) -> Result<(), S::Error> {
                codec.field(state, key, value)
            }
            /// The value as `Debug` shows it.
            pub fn shown<$t>(value: &$field) -> &$field {
                value
            }
            /// `Debug`'s redaction marker instead of the value.
            pub fn redacted<$t>(_: &$field) -> &'static str {
                super::types::REDACTED
            }
        }
    )*};
}

always_present! {
    Req: T<T> = std::convert::identity, std::convert::identity;
    Def: T<T> = std::convert::identity, std::convert::identity;
}

impl ReqBox {
    /// The stored value of a value given to `with_x`.
    pub fn put<T>(value: T) -> Box<T> {
        Box::new(value)
    }
    /// The stored value of a value given to `set_x`.
    pub fn set<T>(value: T) -> Box<T> {
        Box::new(value)
    }
    /// The value `into_x` moves out.
    #[allow(clippy::boxed_local)] // the member is stored boxed
    pub fn take<T>(value: Box<T>) -> T {
        *value
    }
    /// Writes the member (a `Box`, written as its content).
    pub fn write<F, S: SerializeStruct>(
        state: &mut S,
        key: &'static str,
        value: &F,
        codec: &impl Codec<F>,
    ) -> Result<(), S::Error> {
        codec.field(state, key, value)
    }
    /// The value as `Debug` shows it.
    pub fn shown<F>(value: &F) -> &F {
        value
    }
    /// `Debug`'s redaction marker instead of the value.
    pub fn redacted<F>(_: &F) -> &'static str {
        super::types::REDACTED
    }
    /// The member's value once the whole object is read: error correction fills it in.
    pub fn finish<F: super::correction::Zero, E: serde::de::Error>(
        value: Option<F>,
        shape: &'static str,
        member: &'static str,
    ) -> Result<F, E> {
        super::correction::required(value, shape, member)
    }
}

impl Req {
    /// The member's value once the whole object is read: error correction fills it in.
    pub fn finish<T: super::correction::Zero, E: serde::de::Error>(
        value: Option<T>,
        shape: &'static str,
        member: &'static str,
    ) -> Result<T, E> {
        super::correction::required(value, shape, member)
    }
}

impl Def {
    /// The member's value once the whole object is read: its default when absent.
    pub fn finish<T: Default, E>(
        value: Option<T>,
        _shape: &'static str,
        _member: &'static str,
    ) -> Result<T, E> {
        Ok(value.unwrap_or_default())
    }
}

macro_rules! optional {
    ($($presence:ident: $stored:ty, $wrap:expr, $unwrap:expr;)*) => {$(
        impl $presence {
            /// The stored value of a value given to `with_x`.
            pub fn put<T>(value: T) -> Option<$stored> {
                Some($wrap(value))
            }
            /// The stored value of an `Option` given to `set_x` or `with_x_opt`.
            pub fn set<T>(value: Option<T>) -> Option<$stored> {
                value.map($wrap)
            }
            /// The value `into_x` moves out.
            pub fn take<T>(value: Option<$stored>) -> Option<T> {
                value.map($unwrap)
            }
            /// Writes the member, or skips it when unset.
            pub fn write<T, S: SerializeStruct>(state: &mut S, key: &'static str, value: &Option<$stored>, codec: &impl Codec<$stored>) -> Result<(), S::Error> {
                match value {
                    Some(value) => codec.field(state, key, value),
                    None => state.skip_field(key),
                }
            }
            /// The value as `Debug` shows it.
            pub fn shown<T>(value: &Option<$stored>) -> &Option<$stored> {
                value
            }
            /// `Debug`'s redaction marker instead of a set value.
            pub fn redacted<T>(value: &Option<$stored>) -> Option<&'static str> {
                value.as_ref().map(|_| super::types::REDACTED)
            }
            /// The member's value once the whole object is read.
            pub fn finish<T, E>(value: Option<$stored>, _shape: &'static str, _member: &'static str) -> Result<Option<$stored>, E> {
                Ok(value)
            }
        }
    )*};
}

optional! {
    Opt: T, std::convert::identity, std::convert::identity;
    OptBox: Box<T>, Box::new, |value: Box<T>| *value;
}

/// A member's name as text without `r#` (`r#type` is `type`), for `Debug` and doc links, which
/// `stringify!` would spell raw.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[doc(hidden)]
macro_rules! bare_name {
    (r#as) => {
        "as"
    };
    (r#async) => {
        "async"
    };
    (r#await) => {
        "await"
    };
    (r#break) => {
        "break"
    };
    (r#const) => {
        "const"
    };
    (r#continue) => {
        "continue"
    };
    (r#dyn) => {
        "dyn"
    };
    (r#else) => {
        "else"
    };
    (r#enum) => {
        "enum"
    };
    (r#extern) => {
        "extern"
    };
    (r#false) => {
        "false"
    };
    (r#fn) => {
        "fn"
    };
    (r#for) => {
        "for"
    };
    (r#gen) => {
        "gen"
    };
    (r#if) => {
        "if"
    };
    (r#impl) => {
        "impl"
    };
    (r#in) => {
        "in"
    };
    (r#let) => {
        "let"
    };
    (r#loop) => {
        "loop"
    };
    (r#match) => {
        "match"
    };
    (r#mod) => {
        "mod"
    };
    (r#move) => {
        "move"
    };
    (r#mut) => {
        "mut"
    };
    (r#pub) => {
        "pub"
    };
    (r#ref) => {
        "ref"
    };
    (r#return) => {
        "return"
    };
    (r#static) => {
        "static"
    };
    (r#struct) => {
        "struct"
    };
    (r#trait) => {
        "trait"
    };
    (r#true) => {
        "true"
    };
    (r#type) => {
        "type"
    };
    (r#unsafe) => {
        "unsafe"
    };
    (r#use) => {
        "use"
    };
    (r#where) => {
        "where"
    };
    (r#while) => {
        "while"
    };
    (r#abstract) => {
        "abstract"
    };
    (r#become) => {
        "become"
    };
    (r#box) => {
        "box"
    };
    (r#do) => {
        "do"
    };
    (r#final) => {
        "final"
    };
    (r#macro) => {
        "macro"
    };
    (r#override) => {
        "override"
    };
    (r#priv) => {
        "priv"
    };
    (r#try) => {
        "try"
    };
    (r#typeof) => {
        "typeof"
    };
    (r#unsized) => {
        "unsized"
    };
    (r#virtual) => {
        "virtual"
    };
    (r#yield) => {
        "yield"
    };
    (r#union) => {
        "union"
    };
    ($name:ident) => {
        stringify!($name)
    };
}

/// A structure's setters, `into_x` methods, `Debug` and serde, from one line per member:
///
/// ```text
/// Name = "ShapeName" [, metadata];      // `metadata`: an output or error, whose metadata serde leaves unset
/// [#[cfg(..)]] serialize;               // each direction may be compiled only under a feature
/// [#[cfg(..)]] deserialize;
/// [#[deprecated]] field "WireName" Presence(Codec) shown|redacted: set_x(SetType), with_x(WithType) [, with_x_opt] [-> into_x];
/// ```
///
/// A member's attributes (`#[deprecated]`) go on `set_x` and `with_x`; `with_x_opt` and `into_x`
/// carry their own, written before their names (a macro cannot repeat the member's inside them).
///
/// `SetType` is what `set_x` and `with_x_opt` take and `into_x` returns (`Option<T>` for an
/// optional member, else `T`); `with_x` converts its argument with `Into`.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[allow(unused_macros)] // a model may have no union or intEnum
macro_rules! structure {
    (
        $name:ident = $shape:literal $(, $metadata:ident)?;
        $(#[$ser:meta])* serialize;
        $(#[$de:meta])* deserialize;
        $(
            $(#[$attr:meta])*
            $field:ident $wire:literal $presence:ident($codec:ident) $show:ident:
                $set:ident($set_ty:ty), $with:ident($arg:ty)
                $(, $(#[$opt_attr:meta])* $with_opt:ident)? $(-> $(#[$into_attr:meta])* $into:ident)?;
        )*
    ) => {
        impl $name {
            $(
                #[doc = concat!(" Sets `", $wire, "` (see [`Self::", $crate::runtime::shape::bare_name!($field), "`]), by value, for chaining.")]
                $(#[$attr])*
                pub fn $with(mut self, value: $arg) -> Self {
                    self.$field = $crate::runtime::shape::$presence::put(value.into());
                    self
                }
                $(
                    #[doc = concat!(" Sets or clears `", $wire, "` from an `Option`, for chaining.")]
                    $(#[$opt_attr])*
                    pub fn $with_opt(mut self, value: $set_ty) -> Self {
                        self.$field = $crate::runtime::shape::$presence::set(value);
                        self
                    }
                )?
                #[doc = concat!(" Sets `", $wire, "` in place.")]
                $(#[$attr])*
                pub fn $set(&mut self, value: $set_ty) -> &mut Self {
                    self.$field = $crate::runtime::shape::$presence::set(value);
                    self
                }
            )*
            $($(
                #[doc = concat!(" Consumes the value and returns `", $wire, "`, moved out.")]
                $(#[$into_attr])*
                pub fn $into(self) -> $set_ty {
                    $crate::runtime::shape::$presence::take(self.$field)
                }
            )?)*
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($name))
                    $(.field(
                        $crate::runtime::shape::bare_name!($field),
                        &$crate::runtime::shape::$presence::$show(&self.$field),
                    ))*
                    $(.field(stringify!($metadata), &self.$metadata))?
                    .finish()
            }
        }

        $(#[$ser])*
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #[allow(unused_mut)] // a structure with no members writes none
                let mut state = ::serde::Serializer::serialize_struct(serializer, stringify!($name), <[&str]>::len(&[$($wire),*]))?;
                $($crate::runtime::shape::$presence::write(&mut state, $wire, &self.$field, &$crate::runtime::shape::$codec)?;)*
                ::serde::ser::SerializeStruct::end(state)
            }
        }

        $(#[$de])*
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("structure ", $shape))
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<$name, A::Error> {
                        $(let mut $field = None;)*
                        while let Some(key) = map.next_key::<$crate::runtime::types::Key<'de>>()? {
                            match key.as_str() {
                                $($wire => $field = $crate::runtime::shape::Codec::read(&$crate::runtime::shape::$codec, &mut map)?,)*
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok($name {
                            $($field: $crate::runtime::shape::$presence::finish($field, $shape, $wire)?,)*
                            $($metadata: Default::default(),)?
                        })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    };
}

/// A union's `Debug` and serde, from one line per member, `Variant "WireName" Codec shown|redacted,`:
/// exactly one member on the wire, and a member this crate does not know reads as `Unknown`.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[allow(unused_macros)] // a model may have no union or intEnum
macro_rules! union {
    ($name:ident; $($variant:ident $wire:literal $codec:ident $show:ident,)*) => {
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $(Self::$variant(value) => f.debug_tuple(stringify!($variant)).field(&$crate::runtime::shape::$show(value)).finish(),)*
                    Self::Unknown => f.write_str("Unknown"),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut map = ::serde::Serializer::serialize_map(serializer, Some(1))?;
                match self {
                    $(Self::$variant(value) => $crate::runtime::shape::Codec::entry(&$crate::runtime::shape::$codec, &mut map, $wire, value)?,)*
                    Self::Unknown => {
                        return Err(::serde::ser::Error::custom(concat!("cannot send the Unknown variant of ", stringify!($name))));
                    }
                }
                ::serde::ser::SerializeMap::end(map)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let (key, value) = $crate::runtime::types::union_member(deserializer, stringify!($name))?;
                let read = match key.as_str() {
                    $($wire => $crate::runtime::shape::Codec::read_json(&$crate::runtime::shape::$codec, value).map(Self::$variant),)*
                    _ => return Ok(Self::Unknown),
                };
                read.map_err(|e| <D::Error as ::serde::de::Error>::custom(format!("{}.{}: {e}", stringify!($name), key)))
            }
        }
    };
}

/// A string enum's `as_str`, `values`, `From<&str>`, `FromStr`, `Display` and serde, from one
/// line per value, `Variant = "VALUE",`; a value this crate does not know is kept in `Unknown`.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[allow(unused_macros)] // a model may have no union or intEnum
macro_rules! string_enum {
    ($name:ident; $($variant:ident = $value:literal,)*) => {
        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value,
                }
            }
            /// Every value the model lists.
            pub fn values() -> &'static [&'static str] {
                &[$($value),*]
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    };
}

/// An intEnum's `as_i32`, `values`, `From<i32>`, `i32::from(&value)` and serde, from one line per value,
/// `Variant = 1,`; a value this crate does not know is kept in `Unknown`.
#[macro_export] // the standalone runtime crate only: the generator drops this line
#[allow(unused_macros)] // a model may have no union or intEnum
macro_rules! int_enum {
    ($name:ident; $($variant:ident = $value:literal,)*) => {
        impl $name {
            /// The value on the wire.
            pub fn as_i32(&self) -> i32 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => *value,
                }
            }
            /// Every value the model lists.
            pub fn values() -> &'static [i32] {
                &[$($value),*]
            }
        }

        impl ::std::convert::From<i32> for $name {
            fn from(value: i32) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::std::convert::From<&$name> for i32 {
            fn from(value: &$name) -> Self {
                value.as_i32()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.as_i32())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <i32 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

// Generated code names the macros `crate::runtime::shape::..`.
#[allow(unused_imports)]
pub use {bare_name, int_enum, string_enum, structure, union}; // pub(crate) in a generated crate, whose macros stay private (the generator rewrites this line)
