//! Protocol conformance harness. Every folder under `../shared/conformance/` (beside the
//! repository) holding a `model.json` and a `requests.json` and/or `responses.json` is a suite,
//! and so is each folder of `next/` named in [`suite::PASSING_NEXT`]:
//! its model is generated into a client crate, a small runner crate (from `runner/`) drives
//! that client through its `dynamic` entry point with each case's input or scripted response,
//! and each case becomes one test comparing what the runner observed with what the case
//! expects. The case format and comparison rules are those of the suites' READMEs
//! (`../shared/conformance/awsjson1_0/README.md`, `next/restjson1/README.md`).
//!
//! - [`suite`] finds suites and reads their cases,
//! - [`values`] walks a model to turn case values into wire values and compare them,
//! - [`json`] compares JSON with numbers by value,
//! - [`timestamps`] spells and reads timestamps independently of the client,
//! - [`request`] compares request targets, headers and hosts,
//! - [`build`] generates, builds and runs the runner once per suite,
//! - [`check`] judges one case.
pub mod build;
pub mod check;
pub mod json;
pub mod request;
pub mod suite;
pub mod timestamps;
pub mod values;
