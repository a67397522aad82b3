//! crosscheck: read news articles, extract every amount of money, date,
//! percentage, count ("450 million users") and named entity with its exact
//! byte span and a normalised value, turn them into claims ("Amazon invests
//! in Anthropic: $8 billion, as of 2024-11"), group claims about the same
//! fact across sources, and explain where they disagree.
//!
//! The stages, one module each: [`ingest`] (folder → documents) →
//! [`tokenize`] (sentences and words with byte spans) → [`extract`] (rules →
//! mentions) → [`claims`] (mentions → claims) → [`reconcile`] (claims → facts
//! with a status and reasons) → [`report`] (terminal, Markdown, JSON). The
//! rules are data in `rules/*.toml`, loaded by [`rules`]. [`split`] runs
//! the same as map and reduce steps over JSON lines, for a cluster.
//!
//! ```
//! use crosscheck::{pipeline, reconcile, rules::RuleSet};
//!
//! let rules = RuleSet::builtin().unwrap();
//! let a = pipeline::analyze("Acme Corp invested $4 billion in Anthropic in March 2024.", &rules, None);
//! let b = pipeline::analyze("Acme Inc. has invested $8 billion in Anthropic.", &rules, None);
//! let claims: Vec<reconcile::SourcedClaim> = reconcile::SourcedClaim::all("a.txt", a.claims)
//!     .chain(reconcile::SourcedClaim::all("b.txt", b.claims))
//!     .collect();
//! let facts = reconcile::reconcile(&claims);
//! // One company, whatever legal form each source writes.
//! assert_eq!(facts[0].subject, "Acme");
//! assert_eq!(facts[0].status, reconcile::Status::Conflict);
//! assert_eq!(facts[0].values.len(), 2);
//! ```

pub mod claims;
pub mod docdate;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod normalize;
pub mod pipeline;
pub mod reconcile;
pub mod report;
pub mod rules;
pub mod span;
pub mod split;
pub mod store;
pub mod tokenize;

pub use error::{Error, Result};
