//! `http_both!`, for the hand-written types that serve as an operation's input and its output
//! alike (where the generator would declare two types with the same bindings). Shared by this
//! test crate and rest_json.rs (`#[path]`).

/// `http_input!` and `http_output!` of one shape from one list of binding lines, so the two
/// directions cannot drift apart.
macro_rules! http_both {
    ($shape:ident: $method:literal $uri:literal; $($bindings:tt)*) => {
        runtime::http_input! { $shape: $method $uri; $($bindings)* }
        runtime::http_output! { $shape; $($bindings)* }
    };
}

pub(crate) use http_both;
