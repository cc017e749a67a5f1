//! Tokens for an operation's waiters: each waiter's acceptors and delays as a static
//! `WaiterSpec`, and a `wait_until_<name>` client method polling the operation through the
//! runtime's waiter loop.
use super::{doc, paragraphs};
use crate::ir::{Comparator, Operation, PathMatcher, Waiter, WaiterMatcher, WaiterState};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Every waiter of `op`; empty when it has none.
pub fn waiters(op: &Operation) -> TokenStream {
    let items = op.waiters.iter().map(|w| waiter(op, w));
    quote!(#(#items)*)
}

fn waiter(op: &Operation, w: &Waiter) -> TokenStream {
    let spec = ident(&w.spec);
    let name = &w.name;
    let (min, max) = (w.min_delay, w.max_delay);
    let acceptors = w.acceptors.iter().map(|a| {
        let state = match a.state {
            WaiterState::Success => quote!(Success),
            WaiterState::Failure => quote!(Failure),
            WaiterState::Retry => quote!(Retry),
        };
        let matcher = matcher(&a.matcher);
        quote! {
            crate::runtime::waiter::Acceptor {
                state: crate::runtime::waiter::State::#state,
                matcher: #matcher,
            }
        }
    });
    let method = ident(&w.method);
    let operation = ident(&op.snake);
    let input = format_ident!("{}", op.input.name);
    let output = format_ident!("{}", op.output.name);
    let error = format_ident!("{}", op.error_name);
    let docs = doc(&paragraphs([
        w.docs.clone(),
        format!(
            "Waiter `{name}`: calls [`{op_method}`](crate::Client::{op_method}) until one of the \
             model's acceptors reaches a final state, waiting between calls from {min} s \
             doubling up to {max} s with random jitter, as the Smithy waiters specification \
             says. `options` is the longest the whole wait may take (a `Duration`), or \
             [`WaitOptions`](crate::waiter::WaitOptions) to change the delays too.",
            op_method = op.snake
        ),
        "# Errors\n\n[`WaitError`](crate::waiter::WaitError): a failure acceptor \
         matched, a call failed with an error no acceptor matched, or the time ran out."
            .to_string(),
    ]));
    let dep = if w.deprecated {
        quote!(#[deprecated])
    } else {
        quote!()
    };
    let spec_doc = format!(" The `{name}` waiter's delays and acceptors, from the model.");
    quote! {
        #[doc = #spec_doc]
        pub(crate) static #spec: crate::runtime::waiter::WaiterSpec = crate::runtime::waiter::WaiterSpec {
            name: #name,
            min_delay: #min,
            max_delay: #max,
            acceptors: &[#(#acceptors),*],
        };

        impl crate::Client {
            #docs
            #dep
            pub async fn #method(
                &self,
                input: #input,
                options: impl Into<crate::runtime::waiter::WaitOptions>,
            ) -> Result<
                crate::runtime::waiter::FinalPoll<#output, #error>,
                crate::runtime::waiter::WaitError<#output, #error>,
            > {
                crate::runtime::waiter::wait(&#spec, options.into(), &input, || {
                    self.#operation(input.clone())
                })
                .await
            }
        }
    }
}

fn matcher(m: &WaiterMatcher) -> TokenStream {
    match m {
        WaiterMatcher::Output(p) => {
            let p = path(p);
            quote!(crate::runtime::waiter::Matcher::Output(#p))
        }
        WaiterMatcher::InputOutput(p) => {
            let p = path(p);
            quote!(crate::runtime::waiter::Matcher::InputOutput(#p))
        }
        WaiterMatcher::Success(b) => quote!(crate::runtime::waiter::Matcher::Success(#b)),
        WaiterMatcher::ErrorType(code) => {
            quote!(crate::runtime::waiter::Matcher::ErrorType(#code))
        }
    }
}

fn path(p: &PathMatcher) -> TokenStream {
    let (path, expected) = (&p.path, &p.expected);
    let comparator = match p.comparator {
        Comparator::StringEquals => quote!(StringEquals),
        Comparator::BooleanEquals => quote!(BooleanEquals),
        Comparator::AllStringEquals => quote!(AllStringEquals),
        Comparator::AnyStringEquals => quote!(AnyStringEquals),
    };
    quote! {
        crate::runtime::waiter::PathMatcher {
            path: #path,
            expected: #expected,
            comparator: crate::runtime::waiter::Comparator::#comparator,
        }
    }
}
