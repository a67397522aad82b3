//! Shard: reconcile a corpus split by fact key and get the facts of
//! reconciling it at once.
//!
//! A fact's claims all share its parties and unit (subject, predicate,
//! object, unit: [`shard_key`]); totals and tranches of the same parties
//! are explained together, so they share the key too. Claims partitioned by
//! that key can be judged anywhere, partition by partition. Two things need
//! the whole corpus, and both come from small summaries that merge in any
//! order:
//!
//! - which documents are copies: from each document's fingerprint (a few
//!   dozen sentence hashes, see [`super::sources`]);
//! - each source's agreement score: from each contested fact's
//!   [`Contest`] (which documents state which value), which does not
//!   depend on the copies or on the scores.
//!
//! So a split run takes three steps: judge each partition for its contests
//! ([`contests`]); merge every fingerprint and contest into one
//! [`SourcesRecord`] ([`SourcesRecord::of`]); judge each partition again
//! under it, with the verdicts ([`reconcile_with`], [`records_of`]). [`assemble`] puts the
//! fact records of all partitions back into the facts of a run, in report
//! order. Every step is deterministic and none depends on the order of its
//! input, so any partition of the keys gives the same facts (tested).

use super::sources::{self, Contest, CopyOf, Print};
use super::{finish, judge, Agreement, ClaimRecord, ClaimTable, Copies, Facts, Plan, PlanKey};
use super::{RecordError, Slot, Status};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The key a split run partitions claims by: the parties and unit of the
/// fact it belongs to, `subject|predicate|object|unit` (object empty when
/// unknown). Two claims reconciled together always share it.
pub fn shard_key(r: &ClaimRecord) -> String {
    format!(
        "{}|{}|{}|{}",
        r.subject,
        r.predicate,
        r.object.as_deref().unwrap_or(""),
        r.unit
    )
}

/// One fact as a partition's reduce step hands it on: its key, how it was
/// judged, and its claims in the order they were grouped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactRecord {
    pub subject: String,
    pub predicate: String,
    pub object: Option<String>,
    pub unit: String,
    /// "total" or "tranche".
    pub scope: String,
    /// Which tranche: `{"dated": "2024-11"}` or `{"undated": "5"}`.
    pub slot: Option<Slot>,
    /// "conflict", "consistent" or "single".
    pub status: String,
    /// Distinct documents stating it.
    pub sources: usize,
    pub reasons: Vec<String>,
    pub verdict: Option<String>,
    pub claims: Vec<ClaimRecord>,
}

/// What reconciling needs of the whole corpus: the copies found among all
/// documents, and every source's agreement score.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourcesRecord {
    /// Each copy with the document it copies.
    pub copies: Vec<CopyOf>,
    /// Each copy and the original its group counts as.
    pub originals: BTreeMap<String, String>,
    pub agreement: BTreeMap<String, Agreement>,
}

impl SourcesRecord {
    /// Copies from every document's fingerprint, then the agreement scores
    /// from every contest under them. Prints and contests may come in any
    /// order.
    pub fn of(prints: &[Print], contests: &[Contest]) -> SourcesRecord {
        let copies = sources::copies(prints);
        let agreement = sources::agreement(contests, &copies);
        SourcesRecord {
            originals: copies.originals(),
            copies: copies.pairs,
            agreement,
        }
    }

    pub fn to_copies(&self) -> Copies {
        Copies::from_parts(self.copies.clone(), self.originals.clone())
    }
}

/// Why fact records cannot be put back together.
#[derive(Debug, thiserror::Error)]
pub enum ShardError {
    #[error("a claim of fact {fact}: {source}")]
    Record {
        fact: String,
        #[source]
        source: RecordError,
    },
    #[error("fact {0} has no claims")]
    Empty(String),
    #[error("fact {0}: status {1:?} is not one of \"conflict\", \"consistent\", \"single\"")]
    Status(String, String),
    #[error("fact {0} comes twice: were the claims partitioned by their key (`shard_key`)?")]
    Twice(String),
}

/// A table of claim records, in the order a run pushes them: by document,
/// each document's claims in the order they were found (`n`).
pub fn table_of(mut claims: Vec<(usize, ClaimRecord)>) -> Result<ClaimTable, RecordError> {
    claims.sort_by(|(n, a), (m, b)| a.doc.cmp(&b.doc).then(n.cmp(m)));
    let mut table = ClaimTable::new();
    for (_, c) in &claims {
        table.push_record(c)?;
    }
    Ok(table)
}

/// Step 1 of a split run: the contests of a partition's facts.
pub fn contests(table: ClaimTable) -> Vec<Contest> {
    judge(table, &Copies::default()).contests
}

/// Step 3: a partition's facts, judged with the corpus-wide `sources`.
pub fn reconcile_with(table: ClaimTable, sources: &SourcesRecord) -> Facts {
    let judged = judge(table, &sources.to_copies());
    finish(judged, sources.agreement.clone())
}

/// Every fact of `facts` as a record.
pub fn records_of(facts: &Facts) -> Vec<FactRecord> {
    let t = &facts.table;
    facts
        .plans
        .iter()
        .map(|p| FactRecord {
            subject: t.name(p.key.subject).to_string(),
            predicate: t.name(p.key.predicate).to_string(),
            object: p.key.object.map(|o| t.name(o).to_string()),
            unit: t.name(p.key.unit).to_string(),
            scope: p.key.scope.as_str().to_string(),
            slot: p.key.slot.clone(),
            status: p.status.as_str().to_string(),
            sources: p.sources,
            reasons: p.reasons.clone(),
            verdict: p.verdict.clone(),
            claims: p.rows.iter().map(|&i| t.record(i)).collect(),
        })
        .collect()
}

/// The facts of a run from the fact records of all its partitions (in any
/// order), with the corpus-wide `sources` they were judged with. A
/// sentence-text budget as in [`ClaimTable::with_text_budget`].
pub fn assemble(
    records: impl IntoIterator<Item = FactRecord>,
    sources: &SourcesRecord,
    text_budget: usize,
) -> Result<Facts, ShardError> {
    let mut table = ClaimTable::with_text_budget(text_budget);
    let mut heads = Vec::new();
    let mut seen = BTreeSet::new();
    for f in records {
        let name = format!(
            "{} ({}{})",
            shard_key_of(&f),
            f.scope,
            match &f.slot {
                Some(Slot::Dated(m)) => format!(", {m}"),
                Some(Slot::Undated(v)) => format!(", undated {v}"),
                None => String::new(),
            }
        );
        let status = match f.status.as_str() {
            "conflict" => Status::Conflict,
            "consistent" => Status::Consistent,
            "single" => Status::Single,
            other => return Err(ShardError::Status(name, other.to_string())),
        };
        if f.claims.is_empty() {
            return Err(ShardError::Empty(name));
        }
        let scope = f.claims[0].scope().map_err(|source| ShardError::Record {
            fact: name.clone(),
            source,
        })?;
        if !seen.insert((shard_key_of(&f), f.scope.clone(), f.slot.clone())) {
            return Err(ShardError::Twice(name));
        }
        let first = table.len() as u32;
        for c in &f.claims {
            table.push_record(c).map_err(|source| ShardError::Record {
                fact: name.clone(),
                source,
            })?;
        }
        heads.push((first..table.len() as u32, scope, status, f));
    }
    table.sort_names();
    let plans = heads
        .into_iter()
        .map(|(rows, scope, status, f)| Plan {
            key: PlanKey::of(&table.rows[rows.start as usize], scope, f.slot),
            rows: rows.collect(),
            status,
            sources: f.sources,
            reasons: f.reasons,
            verdict: f.verdict,
        })
        .collect();
    let mut facts = Facts {
        table,
        plans,
        copies: sources.to_copies(),
        agreement: sources.agreement.clone(),
    };
    facts.sort_plans();
    Ok(facts)
}

fn shard_key_of(f: &FactRecord) -> String {
    format!(
        "{}|{}|{}|{}",
        f.subject,
        f.predicate,
        f.object.as_deref().unwrap_or(""),
        f.unit
    )
}
