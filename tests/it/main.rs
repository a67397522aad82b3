//! Integration tests: the `crosscheck` binary on real files.
//!
//! - `corpus`: the sample corpus end to end (EXPECTED.md's findings).
//! - `extract_contract`: JSON lines whose byte spans are exact, and every
//!   amount and date EXPECTED.md lists, with its value.
//! - `bad_input`: binary, invalid UTF-8, empty, BOM, CRLF, hidden files,
//!   missing paths: skipped with reasons, counted, never a panic.
//! - `rules_cli`: `rules test` passes on the shipped rules and fails naming
//!   file, line and rule on broken ones.
//! - `devset`: extraction generalises to ../shared/devset (other deals).
//! - `conformance`: the ratchet on ../shared/peer (recognisers' test data).
//! - `split`: a run split into map and reduce steps (any partition of
//!   the claim keys) gives the facts of one run.
//! - `spark`: the Spark recipe in local mode gives the facts of one run.
//! - `rates`: a yearly rate and a total of one deal shown and compared
//!   together in facts.json, report.md and report.html.
//! - `store`: incremental runs, decisions, what changed, killed and
//!   concurrent runs, old, newer and foreign stores.

mod bad_input;
mod claim_types;
mod conformance;
mod corpus;
mod devset;
mod explain;
mod extract_contract;
mod hostile_input;
mod hostile_rules;
mod layering;
mod properties;
mod rates;
mod real_inputs;
mod report_html;
mod rules_cli;
mod sources;
mod spark;
mod split;
mod store;
mod support;
mod terminal_view;
