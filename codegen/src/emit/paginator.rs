//! Tokens for a `@paginated` operation's paginator: the `Client::<operation>_paginator` method
//! and the runtime's paginator traits implemented on its input, one line per fact of the
//! trait. How pages are walked lives once in the runtime (`runtime/paginator.rs`).
use super::shapes::ty;
use crate::ir::{Member, Operation, RustType, Structure};
use crate::naming::{bare, ident};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The members `@paginated` names, checked against the input and output.
struct Plan<'a> {
    input_token: &'a Member,
    output_token: &'a Member,
    items: Option<&'a Member>,
    page_size: Option<&'a Member>,
}

/// The paginator's method name (`list_users_paginator`).
fn method_name(op: &Operation) -> &str {
    op.paginated.as_ref().map_or("", |p| p.method.as_str())
}

/// The sentence on pagination for the operation's client method; `None` when not paginated.
pub fn method_note(op: &Operation) -> Option<String> {
    let pagination = op.paginated.as_ref()?;
    Some(match plan(op) {
        Ok(plan) => format!(
            "Paginated: [`Self::{}`] walks every page{} as a stream.",
            method_name(op),
            if plan.items.is_some() {
                " (or every item)"
            } else {
                ""
            }
        ),
        Err(reason) => format!(
            "Paginated: pass the output's `{}` back as the input's `{}` for the next page \
             (no paginator is generated: {reason}).",
            pagination.output_token.as_deref().unwrap_or("next token"),
            pagination.input_token.as_deref().unwrap_or("token")
        ),
    })
}

/// The paginator of `op`; nothing when it is not paginated or its trait does not fit.
pub fn tokens(op: &Operation) -> TokenStream {
    match plan(op) {
        Ok(plan) => {
            let method = client_method(op, &plan);
            let paginated = paginated_impl(op, &plan);
            let items = plan.items.map(|m| items_impl(op, m));
            let page_size = plan.page_size.map(|m| page_size_impl(op, m));
            quote!(#method #paginated #items #page_size)
        }
        Err(_) => quote!(),
    }
}

fn plan(op: &Operation) -> Result<Plan<'_>, String> {
    let p = op.paginated.as_ref().ok_or("not paginated")?;
    let (Some(input_token), Some(output_token)) = (&p.input_token, &p.output_token) else {
        return Err("`@paginated` names no input or output token".into());
    };
    let input_token = find(&op.input, input_token)?;
    let output_token = find(&op.output, output_token)?;
    if !is_token(&input_token.ty) || !input_token.is_optional() || input_token.boxed {
        return Err(format!(
            "the input token `{}` is not an optional string or map",
            input_token.wire_name
        ));
    }
    if output_token.ty != input_token.ty || output_token.boxed {
        return Err(format!(
            "the output token `{}` is not of the input token's type",
            output_token.wire_name
        ));
    }
    let items = p
        .items
        .as_deref()
        .map(|n| find(&op.output, n))
        .transpose()?;
    if let Some(m) =
        items.filter(|m| m.boxed || !matches!(m.ty, RustType::List(..) | RustType::Map(..)))
    {
        return Err(format!(
            "the items member `{}` is not a list or map",
            m.wire_name
        ));
    }
    let page_size = p
        .page_size
        .as_deref()
        .map(|n| find(&op.input, n))
        .transpose()?;
    if let Some(m) = page_size.filter(|m| m.boxed || !is_integer(&m.ty)) {
        return Err(format!(
            "the page size member `{}` is not an integer",
            m.wire_name
        ));
    }
    Ok(Plan {
        input_token,
        output_token,
        items,
        page_size,
    })
}

/// A top-level member by wire name (Smithy allows output paths `a.b`; no AWS JSON model uses one).
fn find<'a>(s: &'a Structure, name: &str) -> Result<&'a Member, String> {
    s.members
        .iter()
        .find(|m| m.wire_name == name)
        .ok_or_else(|| format!("`{}` has no top-level member `{name}`", s.shape_name))
}

fn is_token(t: &RustType) -> bool {
    matches!(t, RustType::String | RustType::Map(..))
}

fn is_integer(t: &RustType) -> bool {
    matches!(
        t,
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64
    )
}

fn client_method(op: &Operation, plan: &Plan<'_>) -> TokenStream {
    let name = format_ident!("{}", method_name(op));
    let input = format_ident!("{}", op.input.name);
    let token = &plan.input_token.wire_name;
    let mut docs = vec![
        format!(
            " Every page of [`Self::{}`], as an async stream: `next().await` in a loop, \
             `try_collect()`, or any `futures` `Stream` combinator.",
            bare(&op.snake)
        ),
        String::new(),
        format!(
            " Each page sends `input` again with only `{token}` changed, until a page comes \
             without `{}`; a page handing back the token it was sent ends the stream with an \
             error, as does a failed call.",
            plan.output_token.wire_name
        ),
        String::new(),
    ];
    if let Some(items) = plan.items {
        docs.push(format!(
            " - `.items()` streams the `{}` of every page (`.max_items(n)` stops early).",
            items.wire_name
        ));
    }
    if let Some(size) = plan.page_size {
        docs.push(format!(" - `.page_size(n)` sets `{}`.", size.wire_name));
    }
    docs.push(" - `.max_pages(n)` stops after `n` pages.".into());
    let dep = super::deprecated(&op.deprecated);
    quote! {
        impl crate::Client {
            #(#[doc = #docs])*
            #dep
            pub fn #name(&self, input: #input) -> crate::runtime::paginator::Paginator<#input> {
                crate::runtime::paginator::Paginator::new(self.clone(), input)
            }
        }
    }
}

fn paginated_impl(op: &Operation, plan: &Plan<'_>) -> TokenStream {
    let input = format_ident!("{}", op.input.name);
    let output = format_ident!("{}", op.output.name);
    let error = format_ident!("{}", op.error_name);
    let call = ident(&op.snake);
    let token = ty(&plan.input_token.ty);
    let in_field = ident(&plan.input_token.field);
    let out_field = ident(&plan.output_token.field);
    let next = if plan.output_token.is_optional() {
        quote!(output.#out_field.as_ref())
    } else {
        quote!(Some(&output.#out_field))
    };
    quote! {
        #[allow(deprecated)]
        impl crate::runtime::paginator::Paginated for #input {
            type Client = crate::Client;
            type Output = #output;
            type Error = #error;
            type Token = #token;
            fn send(client: &crate::Client, input: Self) -> crate::runtime::paginator::PageFuture<Self> {
                let client = client.clone();
                Box::pin(async move { client.#call(input).await })
            }
            fn token(&self) -> Option<&#token> { self.#in_field.as_ref() }
            fn set_token(&mut self, token: Option<#token>) { self.#in_field = token; }
            fn next_token(output: &#output) -> Option<&#token> { #next }
            fn metadata(output: &#output) -> &crate::runtime::operation::ResponseMetadata { &output.metadata }
        }
    }
}

fn items_impl(op: &Operation, items: &Member) -> TokenStream {
    let input = format_ident!("{}", op.input.name);
    let output = format_ident!("{}", op.output.name);
    let field = ident(&items.field);
    let items_ty = ty(&items.ty);
    let take = if items.is_optional() {
        quote!(output.#field.unwrap_or_default())
    } else {
        quote!(output.#field)
    };
    quote! {
        #[allow(deprecated)]
        impl crate::runtime::paginator::PaginatedItems for #input {
            type Items = #items_ty;
            fn items(output: #output) -> #items_ty { #take }
        }
    }
}

fn page_size_impl(op: &Operation, size: &Member) -> TokenStream {
    let input = format_ident!("{}", op.input.name);
    let field = ident(&size.field);
    let size_ty = ty(&size.ty);
    let value = if size.is_optional() {
        quote!(Some(size))
    } else {
        quote!(size)
    };
    quote! {
        #[allow(deprecated)]
        impl crate::runtime::paginator::PageSize for #input {
            type Size = #size_ty;
            fn set_page_size(&mut self, size: #size_ty) { self.#field = #value; }
        }
    }
}
