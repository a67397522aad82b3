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
/// unknown; a rate over time by the unit it is a rate of, "USD" for
/// "USD/year", as rates are compared with totals). Two claims reconciled
/// together always share it.
pub fn shard_key(r: &ClaimRecord) -> String {
    format!(
        "{}|{}|{}|{}",
        r.subject,
        r.predicate,
        r.object.as_deref().unwrap_or(""),
        super::rates::unit_family(&r.unit)
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
    /// Claims of a yearly or monthly rate of the same parties, shown and
    /// compared with the totals (see `rates`), in their own unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rates: Vec<ClaimRecord>,
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
            rates: p.rates.iter().map(|&i| t.record(i)).collect(),
        })
        .collect()
}

/// Puts the fact records of all partitions back into the facts of a run,
/// one record at a time as they are read (a record's claims go straight
/// into the claim table, whose sentences spill to disk past the budget, so
/// the records are never all held at once).
pub struct Assembler {
    table: ClaimTable,
    heads: Vec<Head>,
    seen: BTreeSet<(String, String, Option<Slot>)>,
}

impl std::fmt::Debug for Assembler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assembler")
            .field("facts", &self.heads.len())
            .field("claims", &self.table.len())
            .finish()
    }
}

/// A fact's place in the table and how it was judged.
struct Head {
    rows: std::ops::Range<u32>,
    rates: std::ops::Range<u32>,
    scope: crate::claims::Scope,
    status: Status,
    slot: Option<Slot>,
    sources: usize,
    reasons: Vec<String>,
    verdict: Option<String>,
}

impl Assembler {
    /// A sentence-text budget as in [`ClaimTable::with_text_budget`].
    pub fn new(text_budget: usize) -> Assembler {
        Assembler {
            table: ClaimTable::with_text_budget(text_budget),
            heads: Vec::new(),
            seen: BTreeSet::new(),
        }
    }

    /// Facts added so far.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// Add one fact record (in any order).
    pub fn add(&mut self, f: FactRecord) -> Result<(), ShardError> {
        let name = format!(
            "{} ({}{})",
            shard_key_of(&f),
            f.scope,
            match &f.slot {
                Some(Slot::Dated(m)) => format!(", {m}"),
                Some(Slot::Undated(v)) => format!(", undated {v}"),
                Some(Slot::Component(c)) => format!(", {c}"),
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
        if !self
            .seen
            .insert((shard_key_of(&f), f.scope.clone(), f.slot.clone()))
        {
            return Err(ShardError::Twice(name));
        }
        // The fact's claims, then its rates' (see `rates`), in one run.
        let first = self.table.len() as u32;
        for c in f.claims.iter().chain(&f.rates) {
            self.table
                .push_record(c)
                .map_err(|source| ShardError::Record {
                    fact: name.clone(),
                    source,
                })?;
        }
        let split = first + f.claims.len() as u32;
        self.heads.push(Head {
            rows: first..split,
            rates: split..self.table.len() as u32,
            scope,
            status,
            slot: f.slot,
            sources: f.sources,
            reasons: f.reasons,
            verdict: f.verdict,
        });
        Ok(())
    }

    /// The facts of the run, in report order, with the corpus-wide
    /// `sources` the records were judged with.
    pub fn finish(self, sources: &SourcesRecord) -> Facts {
        let mut table = self.table;
        table.sort_names();
        let plans = self
            .heads
            .into_iter()
            .map(|h| Plan {
                key: PlanKey::of(&table.rows[h.rows.start as usize], h.scope, h.slot),
                rows: h.rows.collect(),
                rates: h.rates.collect(),
                rate_note: None,
                status: h.status,
                sources: h.sources,
                reasons: h.reasons,
                verdict: h.verdict,
            })
            .collect();
        let mut facts = Facts {
            table,
            plans,
            copies: sources.to_copies(),
            agreement: sources.agreement.clone(),
        };
        facts.sort_plans();
        facts
    }
}

/// The facts of a run from the fact records of all its partitions (in any
/// order), with the corpus-wide `sources` they were judged with (see
/// [`Assembler`]).
pub fn assemble(
    records: impl IntoIterator<Item = FactRecord>,
    sources: &SourcesRecord,
    text_budget: usize,
) -> Result<Facts, ShardError> {
    let mut a = Assembler::new(text_budget);
    for f in records {
        a.add(f)?;
    }
    Ok(a.finish(sources))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::analyze;
    use crate::rules::RuleSet;

    const DOCS: &[(&str, &str)] = &[
        ("a", "Acme Corp invested a total of $4 billion in Beta Labs. It began with an initial $1.25 billion in September 2023 and an additional $2.75 billion in March 2024. Gamma Inc invested $21 billion in Delta Co."),
        ("b", "Acme Corp’s cumulative $8 billion investment in Beta Labs came with an additional $4 billion commitment in November 2024. Gamma Inc invested $22 billion in Delta Co."),
        ("c", "Gamma Inc invested $21 billion in Delta Co, the companies said on Monday in a statement that was widely reported."),
        ("d", "Microsoft invested about $13.8 billion in OpenAI. Acme Corp invested $4 billion in Beta Labs."),
        // A republished copy of b: one source with b, whichever part its
        // claims land in.
        ("e", "Acme Corp’s cumulative $8 billion investment in Beta Labs came with an additional $4 billion commitment in November 2024. Gamma Inc invested $22 billion in Delta Co. Republished with permission from the original publisher of this story."),
        // A yearly rate and a total over a period of one deal, from two
        // documents: reconciled together (their keys share the unit USD).
        ("f", "Acme Corp signed a $12 billion-a-year deal with Kestrel for 900 megawatts."),
        ("g", "Acme Corp and Kestrel signed a cloud agreement in March. The partnership is expected to bring in more than $100 billion over five years."),
    ];

    /// The claims of DOCS as a run numbers them, and each document's print.
    type Numbered = Vec<(usize, ClaimRecord)>;

    fn corpus() -> (Numbered, Vec<(String, Vec<u32>)>) {
        let rules = RuleSet::builtin().unwrap();
        let mut claims = Vec::new();
        let mut prints = Vec::new();
        for (name, text) in DOCS {
            let a = analyze(text, &rules, None);
            for (n, c) in a.claims.iter().enumerate() {
                claims.push((n, ClaimRecord::of(name, c)));
            }
            let sentences = a.tokens.sentences.iter().map(|s| &text[s.span.range()]);
            prints.push((name.to_string(), sources::fingerprint(sentences)));
        }
        (claims, prints)
    }

    fn as_prints(prints: &[(String, Vec<u32>)]) -> Vec<Print<'_>> {
        prints
            .iter()
            .map(|(doc, hashes)| Print {
                doc,
                date: None,
                hashes,
            })
            .collect()
    }

    #[test]
    fn any_partition_of_the_keys_gives_the_facts_of_one_reconcile() {
        let (claims, prints) = corpus();
        let prints = as_prints(&prints);
        let keys: BTreeSet<String> = claims.iter().map(|(_, c)| shard_key(c)).collect();
        assert!(keys.len() >= 3, "{keys:?}");
        let whole = {
            let table = table_of(claims.clone()).unwrap();
            let facts = super::super::reconcile_table(table, &sources::copies(&prints));
            records_of(&facts)
        };
        assert!(whole.iter().any(|f| f.status == "conflict"));
        assert!(whole.iter().any(|f| !f.rates.is_empty()), "{whole:#?}");
        assert!(!sources::copies(&prints).is_empty(), "e copies b");
        // Every way of cutting the keys into two parts (keys in reverse
        // order inside a part, to show order does not matter either).
        let keys: Vec<&String> = keys.iter().collect();
        for mask in 0..(1u32 << keys.len()) {
            let part = |c: &ClaimRecord| {
                let k = keys.iter().position(|k| **k == shard_key(c)).unwrap();
                (mask >> k & 1) as usize
            };
            let mut parts: [Vec<(usize, ClaimRecord)>; 2] = Default::default();
            for (n, c) in claims.iter().rev() {
                parts[part(c)].push((*n, c.clone()));
            }
            let contests: Vec<Contest> = parts
                .iter()
                .flat_map(|p| super::contests(table_of(p.clone()).unwrap()))
                .collect();
            let record = SourcesRecord::of(&prints, &contests);
            let mut facts = Vec::new();
            for p in parts.iter().rev() {
                let judged = reconcile_with(table_of(p.clone()).unwrap(), &record);
                facts.extend(records_of(&judged));
            }
            let assembled = assemble(facts, &record, usize::MAX).unwrap();
            assert_eq!(records_of(&assembled), whole, "partition {mask:b}");
            assert_eq!(assembled.agreement, record.agreement);
        }
    }

    #[test]
    fn fact_records_that_cannot_be_a_run_are_refused() {
        let (claims, prints) = corpus();
        let prints = as_prints(&prints);
        let contests = super::contests(table_of(claims.clone()).unwrap());
        let record = SourcesRecord::of(&prints, &contests);
        let facts = records_of(&reconcile_with(table_of(claims).unwrap(), &record));
        let twice: Vec<FactRecord> = facts.iter().chain(&facts[..1]).cloned().collect();
        let err = assemble(twice, &record, usize::MAX).unwrap_err();
        assert!(err.to_string().contains("comes twice"), "{err}");
        let mut empty = facts[0].clone();
        empty.claims.clear();
        assert!(matches!(
            assemble([empty], &record, usize::MAX),
            Err(ShardError::Empty(_))
        ));
        let mut odd = facts[0].clone();
        odd.status = "maybe".into();
        assert!(matches!(
            assemble([odd], &record, usize::MAX),
            Err(ShardError::Status(..))
        ));
    }
}
