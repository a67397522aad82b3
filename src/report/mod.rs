//! Report: facts and document outcomes → what people and programs read.
//!
//! The library never prints: each format renders to a `String` and the CLI
//! decides where it goes. `json` is the output contract (facts.json and the
//! mention lines of `crosscheck extract`), `markdown` is report.md, and
//! `terminal` is the summary printed after a run, conflicts first;
//! `html` is report.html, the review page; `explain` shows what the rules
//! make of one text.

pub mod explain;
pub mod html;
pub mod json;
pub mod markdown;
pub mod since;
pub mod terminal;

use crate::pipeline::RunResult;
use crate::reconcile::Status;
use std::collections::HashMap;

/// Facts of each status that report.md and report.html show in full; the
/// rest are counted there and are all in facts.json. A page of a million
/// facts is no review: past this, a reader filters facts.json instead.
pub const MAX_FACTS_SHOWN: usize = 500;

/// Processed documents listed in report.md and report.html (skipped ones are
/// always all listed).
pub const MAX_DOCUMENTS_LISTED: usize = 5000;

/// Claims (with their sentences) shown under one fact, and timeline entries.
pub const MAX_CLAIMS_SHOWN: usize = 20;

/// Sources named for one value.
pub const MAX_SOURCES_SHOWN: usize = 20;

/// At most `max` items joined by ", ", then "and N more".
pub fn capped_list(items: &[String], max: usize) -> String {
    let mut s = items
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        s.push_str(&format!(" and {} more", items.len() - max));
    }
    s
}

/// "… and 12 more in facts.json" (or nothing when none were cut).
pub fn more(total: usize, shown: usize, what: &str) -> Option<String> {
    (total > shown).then(|| format!("… and {} more {what}, all in facts.json", total - shown))
}

/// Counts shown at the top of every report.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Summary {
    pub documents: usize,
    pub processed: usize,
    pub skipped: usize,
    pub mentions: usize,
    pub claims: usize,
    pub facts: usize,
    pub conflicts: usize,
    pub consistent: usize,
    pub single: usize,
}

impl Summary {
    pub fn of(run: &RunResult) -> Summary {
        let ok = run.documents.iter().filter_map(|d| d.result.as_ref().ok());
        let (mentions, claims) = ok.fold((0, 0), |(m, c), s| (m + s.mentions, c + s.claims));
        let count = |st: Status| run.facts.count(st);
        Summary {
            documents: run.documents.len(),
            processed: run.processed(),
            skipped: run.skipped(),
            mentions,
            claims,
            facts: run.facts.len(),
            conflicts: count(Status::Conflict),
            consistent: count(Status::Consistent),
            single: count(Status::Single),
        }
    }
}

/// How the reports name a document: "Reuters (2024-11-22)" where its source
/// is known (a page's site name, a record's source field, an address's
/// domain), else its file name. Two documents with the same label are told
/// apart by their names.
pub struct Labels<'a> {
    map: HashMap<&'a str, String>,
}

impl<'a> Labels<'a> {
    pub fn of(run: &'a RunResult) -> Labels<'a> {
        let labelled: Vec<(&str, String)> = run
            .documents
            .iter()
            .filter_map(|d| Some((d.name.as_str(), d.result.as_ref().ok()?.label()?)))
            .collect();
        let mut uses: HashMap<&str, usize> = HashMap::new();
        for (_, l) in &labelled {
            *uses.entry(l.as_str()).or_default() += 1;
        }
        let map = labelled
            .iter()
            .map(|(name, l)| {
                let l = if uses[l.as_str()] > 1 {
                    format!("{l} [{name}]")
                } else {
                    l.clone()
                };
                (*name, l)
            })
            .collect();
        Labels { map }
    }

    /// The label of the document `name`, or the name.
    pub fn get<'b>(&'b self, name: &'b str) -> &'b str {
        self.map.get(name).map_or(name, String::as_str)
    }

    /// The label, if the document has one besides its name.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    /// Labels of several documents.
    pub fn all(&self, names: &[String]) -> Vec<String> {
        names.iter().map(|n| self.get(n).to_string()).collect()
    }
}
