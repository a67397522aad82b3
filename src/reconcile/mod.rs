//! Reconcile: claims from many documents → facts, each marked single,
//! consistent or conflict, with the reasons a reviewer should check.
//!
//! Grouping: claims about the same (subject, predicate, object, unit) after
//! alias resolution form a fact; a total is a different fact from a tranche,
//! and tranches are told apart by their stated dates ("a $4 billion
//! commitment" of 2023-09 is not the one of 2024-11). An undated tranche joins
//! the one dated tranche of the same parties whose value it matches ("the
//! recent $2.75 billion" is the $2.75 billion of March 2024).
//!
//! Comparison: each claim is an interval (see `normalize::Amount::interval`);
//! a fact is consistent when all its intervals share a point. Near-duplicate
//! claims (same value, similar sentence) are clustered, and sources are
//! counted by document, never by sentence.

mod fact;
mod reasons;
mod tranches;

pub use fact::{ClaimOut, Fact, Status, ValueOut};

use crate::claims::{AsOfSource, Claim, Scope};
use crate::normalize::intervals_overlap;
use std::collections::BTreeMap;

/// A claim with the document it came from.
#[derive(Debug, Clone)]
pub struct SourcedClaim {
    pub doc: String,
    pub claim: Claim,
}

impl SourcedClaim {
    /// Attach a document's name to each of its claims.
    pub fn all<'a, I>(doc: &'a str, claims: I) -> impl Iterator<Item = SourcedClaim> + 'a
    where
        I: IntoIterator<Item = Claim>,
        I::IntoIter: 'a,
    {
        claims.into_iter().map(move |claim| SourcedClaim {
            doc: doc.to_string(),
            claim,
        })
    }
}

/// The identity of a fact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FactKey {
    pub subject: String,
    pub predicate: String,
    pub object: Option<String>,
    pub unit: String,
    pub scope: Scope,
    /// Which tranche, for a tranche fact.
    pub slot: Option<Slot>,
}

/// How tranches are told apart.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Slot {
    /// The month (or coarser ISO prefix) the text dates it to: "2024-11".
    Dated(String),
    /// No stated date: grouped by value ("5" for $5 billion… in units).
    Undated(String),
}

impl FactKey {
    fn base(&self) -> (&str, &str, Option<&str>, &str) {
        (
            &self.subject,
            &self.predicate,
            self.object.as_deref(),
            &self.unit,
        )
    }
}

fn base_key(c: &Claim, scope: Scope, slot: Option<Slot>) -> FactKey {
    FactKey {
        subject: c.subject.clone(),
        predicate: c.predicate.clone(),
        object: c.object.clone(),
        unit: c.unit.clone(),
        scope,
        slot,
    }
}

/// Similarity above which two sentences with the same value are restatements.
pub const NEAR_DUPLICATE: f64 = 0.8;

/// Group, compare and explain. Output order is deterministic: conflicts
/// first, then consistent facts, then single-source ones; ties by key.
pub fn reconcile(claims: &[SourcedClaim]) -> Vec<Fact> {
    let mut sorted: Vec<&SourcedClaim> = claims.iter().collect();
    sorted.sort_by(|a, b| {
        (a.doc.as_str(), a.claim.span.start, a.claim.span.end).cmp(&(
            b.doc.as_str(),
            b.claim.span.start,
            b.claim.span.end,
        ))
    });
    let mut groups: BTreeMap<FactKey, Vec<&SourcedClaim>> = BTreeMap::new();
    let mut undated: Vec<&SourcedClaim> = Vec::new();
    for sc in &sorted {
        let c = &sc.claim;
        match c.scope {
            Scope::Total => groups
                .entry(base_key(c, Scope::Total, None))
                .or_default()
                .push(sc),
            Scope::Tranche => {
                let dated = c.as_of_source == Some(AsOfSource::Sentence);
                match (dated, c.as_of.as_ref().and_then(|d| d.month_prefix())) {
                    (true, Some(month)) => groups
                        .entry(base_key(c, Scope::Tranche, Some(Slot::Dated(month))))
                        .or_default()
                        .push(sc),
                    _ => undated.push(sc),
                }
            }
        }
    }
    // An undated tranche joins the single dated tranche it matches, else
    // gathers with undated tranches of the same value.
    for sc in undated {
        let c = &sc.claim;
        let iv = c.amount.interval();
        let matches: Vec<FactKey> = groups
            .iter()
            .filter(|(k, v)| {
                k.scope == Scope::Tranche
                    && k.base() == base_key(c, Scope::Tranche, None).base()
                    && matches!(k.slot, Some(Slot::Dated(_)))
                    && v.iter()
                        .any(|o| intervals_overlap(o.claim.amount.interval(), iv))
            })
            .map(|(k, _)| k.clone())
            .collect();
        let key = if matches.len() == 1 {
            matches[0].clone()
        } else {
            let slot = Slot::Undated(crate::normalize::trim_float(c.amount.central()));
            base_key(c, Scope::Tranche, Some(slot))
        };
        groups.entry(key).or_default().push(sc);
    }

    let mut facts: Vec<Fact> = groups.iter().map(|(k, v)| fact::build(k, v)).collect();
    let reasons: Vec<Vec<String>> = facts.iter().map(|f| reasons::explain(f, &facts)).collect();
    for (f, r) in facts.iter_mut().zip(reasons) {
        f.reasons = r;
    }
    facts.sort_by(|a, b| {
        a.status
            .rank()
            .cmp(&b.status.rank())
            .then(b.source_count().cmp(&a.source_count()))
            .then(a.key.cmp(&b.key))
    });
    facts
}

#[cfg(test)]
mod tests;
