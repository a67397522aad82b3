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
mod rates;
mod reasons;
pub mod record;
pub mod shard;
pub mod sources;
mod table;
mod tranches;

pub use fact::{ClaimOut, Fact, Status, ValueOut};
pub use record::{AmountRecord, ClaimRecord, RecordError};
pub use sources::{Agreement, Copies};
use table::Row;
pub use table::{ClaimTable, TextStore};

use crate::claims::{AsOfSource, Claim, Scope};
use crate::normalize::intervals_overlap;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

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
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Slot {
    /// The month (or coarser ISO prefix) the text dates it to: "2024-11".
    Dated(String),
    /// No stated date: grouped by value ("5" for $5 billion… in units).
    Undated(String),
    /// No stated date, a named component of a price: "cash", "stock".
    Component(String),
}

/// Similarity above which two sentences with the same value are restatements.
pub const NEAR_DUPLICATE: f64 = 0.8;

/// Group, compare and explain. Output order is deterministic: conflicts
/// first, then consistent facts, then single-source ones; ties by key.
pub fn reconcile(claims: &[SourcedClaim]) -> Vec<Fact> {
    let mut table = ClaimTable::new();
    table.extend(claims);
    reconcile_table(table, &Copies::default()).iter().collect()
}

/// A fact's identity with interned names (ids compare as the names do once
/// the table's names are sorted).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct PlanKey {
    subject: u32,
    predicate: u32,
    object: Option<u32>,
    unit: u32,
    scope: Scope,
    slot: Option<Slot>,
}

impl PlanKey {
    fn of(r: &Row, scope: Scope, slot: Option<Slot>) -> PlanKey {
        PlanKey {
            subject: r.subject,
            predicate: r.predicate,
            object: r.object,
            unit: r.unit,
            scope,
            slot,
        }
    }
    fn base(&self) -> (u32, u32, Option<u32>, u32) {
        (self.subject, self.predicate, self.object, self.unit)
    }
}

/// One fact of a run, before it is written out: its claims (rows of the
/// table), status, source count and reasons.
#[derive(Debug)]
struct Plan {
    key: PlanKey,
    rows: Vec<u32>,
    /// Claims of a yearly (or monthly) rate of the same parties, compared
    /// with the totals through a stated period (see [`rates`]).
    rates: Vec<u32>,
    /// A rate that does not reconcile with the totals, for the verdict.
    rate_note: Option<String>,
    status: Status,
    sources: usize,
    reasons: Vec<String>,
    verdict: Option<String>,
}

/// The facts of a run, in report order. A fact is built from the compact
/// claim table when it is read ([`Facts::iter`]), so a run of a million
/// claims never holds a million facts' strings at once.
#[derive(Debug, Default)]
pub struct Facts {
    table: ClaimTable,
    plans: Vec<Plan>,
    /// Which documents copy which.
    pub copies: Copies,
    /// Each document's agreement with the best-supported values.
    pub agreement: BTreeMap<String, Agreement>,
}

/// What a report needs of a fact without building it.
#[derive(Debug, Clone, Copy)]
pub struct FactHead<'a> {
    pub status: Status,
    pub subject: &'a str,
    pub object: Option<&'a str>,
    pub sources: usize,
}

impl Facts {
    pub fn len(&self) -> usize {
        self.plans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.plans.is_empty()
    }

    /// Claims reconciled.
    pub fn claims(&self) -> usize {
        self.table.len()
    }

    /// The `i`th fact in report order, built.
    pub fn get(&self, i: usize) -> Option<Fact> {
        let p = self.plans.get(i)?;
        let mut f = self.build_plan(p, true);
        f.status = p.status;
        f.reasons = p.reasons.clone();
        f.verdict = p.verdict.clone();
        Some(f)
    }

    /// Every fact in report order, each built as it is reached.
    pub fn iter(&self) -> impl Iterator<Item = Fact> + '_ {
        (0..self.plans.len()).filter_map(move |i| self.get(i))
    }

    /// Every fact in report order, built without its claims' sentences
    /// (for what compares values, not what shows them).
    pub fn iter_bare(&self) -> impl Iterator<Item = Fact> + '_ {
        self.plans.iter().map(move |p| {
            let mut f = self.build_plan(p, false);
            f.status = p.status;
            f
        })
    }

    /// Status and parties of every fact in report order, without building.
    pub fn heads(&self) -> impl Iterator<Item = FactHead<'_>> + '_ {
        self.plans.iter().map(move |p| FactHead {
            status: p.status,
            subject: self.table.name(p.key.subject),
            object: p.key.object.map(|o| self.table.name(o)),
            sources: p.sources,
        })
    }

    /// Facts of one status, built, in report order.
    pub fn with_status(&self, status: Status) -> impl Iterator<Item = Fact> + '_ {
        (0..self.plans.len())
            .filter(move |&i| self.plans[i].status == status)
            .filter_map(move |i| self.get(i))
    }

    pub fn count(&self, status: Status) -> usize {
        self.plans.iter().filter(|p| p.status == status).count()
    }

    fn fact_key(&self, k: &PlanKey) -> FactKey {
        let t = &self.table;
        FactKey {
            subject: t.name(k.subject).to_string(),
            predicate: t.name(k.predicate).to_string(),
            object: k.object.map(|o| t.name(o).to_string()),
            unit: t.name(k.unit).to_string(),
            scope: k.scope,
            slot: k.slot.clone(),
        }
    }

    /// Build a fact; without `sentences` its claims' sentences are left
    /// empty (status, sources and reasons do not read them).
    fn build(&self, key: &PlanKey, rows: &[u32], sentences: bool) -> Fact {
        let out = rows.iter().map(|&i| self.claim_out(i, sentences)).collect();
        fact::build(&self.fact_key(key), out)
    }

    /// Row `i` as a claim of a fact.
    fn claim_out(&self, i: u32, sentences: bool) -> ClaimOut {
        let t = &self.table;
        let r = &t.rows[i as usize];
        ClaimOut {
            doc: t.doc(r.doc).to_string(),
            start: r.start,
            end: r.end,
            text: r.text.to_string(),
            sentence: if sentences {
                t.text(r.sentence).into_owned()
            } else {
                String::new()
            },
            amount: r.amount.clone(),
            qualifiers: r.qualifiers.iter().map(|q| q.to_string()).collect(),
            marks: r.marks.iter().map(|(k, w)| (*k, w.to_string())).collect(),
            as_of: r.as_of.map(|a| t.name(a).to_string()),
            as_of_source: r.as_of_source,
            scope: r.scope.as_str(),
            inferred: r.inferred,
            cluster: 0,
            as_of_index: r.as_of_index,
            unit: None,
        }
    }

    /// Rows of a rate as claims in their own unit.
    fn rate_claims(&self, rows: &[u32], sentences: bool) -> Vec<ClaimOut> {
        rows.iter()
            .map(|&i| {
                let mut c = self.claim_out(i, sentences);
                c.unit = Some(
                    self.table
                        .name(self.table.rows[i as usize].unit)
                        .to_string(),
                );
                c
            })
            .collect()
    }

    /// A plan's fact, with the claims of its rates shown after its own.
    fn build_plan(&self, p: &Plan, sentences: bool) -> Fact {
        let mut f = self.build(&p.key, &p.rows, sentences);
        if !p.rates.is_empty() {
            fact::add_other_measure(&mut f, self.rate_claims(&p.rates, sentences));
        }
        f
    }
}

/// Group, compare and explain the claims of a table.
/// `copies` says which documents are copies of others: they count once in
/// the verdicts and the agreement scores.
pub fn reconcile_table(table: ClaimTable, copies: &Copies) -> Facts {
    let judged = judge(table, copies);
    let agreement = sources::agreement(&judged.contests, copies);
    finish(judged, agreement)
}

/// Facts grouped, compared and explained, before the verdicts: those need
/// every source's agreement score, which needs the contests of all facts
/// (see [`shard`] for a run split by fact key).
pub(crate) struct Judged {
    facts: Facts,
    /// Each plan's explanation, for its verdict.
    whys: Vec<Vec<reasons::Why>>,
    /// What each fact with two or more sources says, for the agreement.
    pub contests: Vec<sources::Contest>,
}

/// Group the claims of a table into facts and judge each (see
/// [`reconcile_table`]).
pub(crate) fn judge(mut table: ClaimTable, copies: &Copies) -> Judged {
    table.sort_names();
    let rows = &table.rows;
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    order.sort_by_key(|&i| {
        let r = &rows[i as usize];
        (r.doc, r.start, r.end)
    });
    let mut groups: BTreeMap<PlanKey, Vec<u32>> = BTreeMap::new();
    let mut undated: Vec<u32> = Vec::new();
    for &i in &order {
        let r = &rows[i as usize];
        match r.scope {
            Scope::Total => groups
                .entry(PlanKey::of(r, Scope::Total, None))
                .or_default()
                .push(i),
            Scope::Tranche => {
                let dated = r.as_of_source.is_some_and(AsOfSource::in_sentence);
                match (dated, r.as_of_month) {
                    (true, Some(m)) => {
                        let slot = Slot::Dated(table.name(m).to_string());
                        groups
                            .entry(PlanKey::of(r, Scope::Tranche, Some(slot)))
                            .or_default()
                            .push(i)
                    }
                    _ => undated.push(i),
                }
            }
        }
    }
    // An undated tranche joins the single dated tranche of the same parties
    // it matches, else gathers with undated tranches of the same value. The
    // dated tranches are indexed by parties, each with its distinct
    // intervals, so this costs no scan of all facts.
    type Base = (u32, u32, Option<u32>, u32);
    type Intervals = Vec<(f64, f64)>;
    let mut dated: HashMap<Base, Vec<(PlanKey, Intervals)>> = HashMap::new();
    for (k, v) in &groups {
        if k.scope == Scope::Tranche && matches!(k.slot, Some(Slot::Dated(_))) {
            let mut ivs: Vec<(f64, f64)> = Vec::new();
            for &i in v {
                let iv = rows[i as usize].amount.interval();
                if !ivs.contains(&iv) {
                    ivs.push(iv);
                }
            }
            dated.entry(k.base()).or_default().push((k.clone(), ivs));
        }
    }
    for i in undated {
        let r = &rows[i as usize];
        let iv = r.amount.interval();
        let base = PlanKey::of(r, Scope::Tranche, None).base();
        let mut matches = dated.get_mut(&base).into_iter().flat_map(|d| {
            d.iter_mut()
                .filter(|(_, ivs)| ivs.iter().any(|&o| intervals_overlap(o, iv)))
        });
        let key = match (matches.next(), matches.next()) {
            (Some((k, ivs)), None) => {
                if !ivs.contains(&iv) {
                    ivs.push(iv);
                }
                k.clone()
            }
            _ => {
                // An undated component ("in cash") is compared with the same
                // component's other figures; any other undated tranche with
                // the figures equal to it.
                let component = r.marks.iter().find(|(k, _)| *k == "component");
                let slot = match component {
                    Some((_, name)) => Slot::Component(name.to_string()),
                    None => Slot::Undated(crate::normalize::trim_float(r.amount.central())),
                };
                PlanKey::of(r, Scope::Tranche, Some(slot))
            }
        };
        groups.entry(key).or_default().push(i);
    }
    let mut rates = pair_rates(&table, &mut groups);

    // Facts of the same parties (totals and tranches) are next to each other
    // in key order; each such run is built and explained on its own, in
    // parallel, and only its status, source count and reasons are kept.
    let groups: Vec<(PlanKey, Vec<u32>)> = groups.into_iter().collect();
    let mut runs: Vec<&[(PlanKey, Vec<u32>)]> = Vec::new();
    let mut rest = groups.as_slice();
    while let Some((first, _)) = rest.first() {
        let n = rest
            .iter()
            .take_while(|(k, _)| k.base() == first.base())
            .count();
        runs.push(&rest[..n]);
        rest = &rest[n..];
    }
    let mut facts = Facts {
        table,
        plans: Vec::new(),
        copies: copies.clone(),
        agreement: BTreeMap::new(),
    };
    type OneFact = (
        Status,
        usize,
        reasons::Explained,
        Option<sources::Contest>,
        Option<String>,
    );
    let judged: Vec<Vec<OneFact>> = runs
        .par_iter()
        .map(|run| {
            // Single-source facts have nothing to explain: when all of a
            // run's facts are (most facts of a large run), they are judged
            // from their rows without being built.
            let t = &facts.table;
            let judged: Vec<(Status, usize)> = run
                .iter()
                .map(|(_, rows)| {
                    let rows = || rows.iter().map(|&i| &t.rows[i as usize]);
                    let docs = fact::distinct(rows().map(|r| r.doc));
                    (fact::judge(rows().map(|r| r.amount.interval()), docs), docs)
                })
                .collect();
            let with_rates = run.iter().any(|(k, _)| rates.contains_key(k));
            if !with_rates && judged.iter().all(|(s, _)| *s == Status::Single) {
                return judged
                    .into_iter()
                    .map(|(s, n)| (s, n, reasons::Explained::default(), None, None))
                    .collect();
            }
            let built: Vec<Fact> = run.iter().map(|(k, v)| facts.build(k, v, false)).collect();
            built
                .iter()
                .zip(run.iter())
                .map(|(f, (k, _))| {
                    let mut explained = reasons::explain(f, &built);
                    // What each agreeing group of values is stated by, for
                    // the sources' agreement scores.
                    let contest = (f.status != Status::Single).then(|| sources::Contest {
                        values: f.group_sources(&f.agreeing_groups()),
                    });
                    let (mut status, mut sources, mut note) = (f.status, f.source_count(), None);
                    if let Some(rows) = rates.get(k) {
                        let rc = facts.rate_claims(rows, false);
                        sources =
                            fact::distinct(f.claims.iter().chain(&rc).map(|c| c.doc.as_str()));
                        if let Some(check) = rates::check(f, &rc) {
                            explained.reasons.extend(check.reasons);
                            if !check.agrees {
                                status = Status::Conflict;
                            } else if status == Status::Single && sources >= 2 {
                                status = Status::Consistent;
                            }
                            note = check.note;
                        }
                    }
                    (status, sources, explained, contest, note)
                })
                .collect()
        })
        .collect();
    let judged: Vec<OneFact> = judged.into_iter().flatten().collect();
    let contests: Vec<sources::Contest> = judged.iter().filter_map(|j| j.3.clone()).collect();
    let mut whys = Vec::with_capacity(judged.len());
    facts.plans = groups
        .into_iter()
        .zip(judged)
        .map(
            |((key, rows), (status, sources, explained, _, rate_note))| {
                whys.push(explained.whys);
                Plan {
                    rates: rates.remove(&key).unwrap_or_default(),
                    rate_note,
                    key,
                    rows,
                    status,
                    sources,
                    reasons: explained.reasons,
                    verdict: None,
                }
            },
        )
        .collect();
    Judged {
        facts,
        whys,
        contests,
    }
}

/// Set each rate's claims aside for the total of the same parties they
/// are compared with (see [`rates`]): a rate fact ("$30 billion a year")
/// joins the total fact in its unit ("over $300 billion") when a claim of
/// either states a period ("within five years"). A rate with no such total
/// or period stays a fact of its own.
fn pair_rates(
    table: &ClaimTable,
    groups: &mut BTreeMap<PlanKey, Vec<u32>>,
) -> BTreeMap<PlanKey, Vec<u32>> {
    let has_period = |rows: &[u32]| {
        rows.iter().any(|&i| {
            table.rows[i as usize]
                .marks
                .iter()
                .any(|(k, _)| *k == "period")
        })
    };
    let rate_keys: Vec<PlanKey> = groups
        .keys()
        .filter(|k| {
            k.scope == Scope::Total
                && k.slot.is_none()
                && rates::rate_of(table.name(k.unit)).is_some()
        })
        .cloned()
        .collect();
    let mut out: BTreeMap<PlanKey, Vec<u32>> = BTreeMap::new();
    for rk in rate_keys {
        let family = rates::unit_family(table.name(rk.unit));
        // The keys of the same parties are next to each other.
        let from = PlanKey {
            unit: 0,
            scope: Scope::Total,
            slot: None,
            ..rk.clone()
        };
        let total = groups
            .range(from..)
            .map(|(k, _)| k)
            .take_while(|k| {
                (k.subject, k.predicate, k.object) == (rk.subject, rk.predicate, rk.object)
            })
            .find(|k| k.scope == Scope::Total && k.slot.is_none() && table.name(k.unit) == family)
            .cloned();
        let Some(tk) = total else { continue };
        if has_period(&groups[&rk]) || has_period(&groups[&tk]) {
            if let Some(rows) = groups.remove(&rk) {
                out.entry(tk).or_default().extend(rows);
            }
        }
    }
    out
}

/// The verdicts of judged facts under the sources' agreement scores, and
/// the facts in report order.
pub(crate) fn finish(judged: Judged, agreement: BTreeMap<String, Agreement>) -> Facts {
    let Judged {
        mut facts, whys, ..
    } = judged;
    facts.agreement = agreement;
    let copies = &facts.copies;
    // Each conflict's verdict, with the sources ranked by their agreement.
    let trust = |d: &str| facts.agreement.get(d).map_or(0.5, |a| a.score);
    let verdicts: Vec<Option<String>> = facts
        .plans
        .par_iter()
        .zip(whys.par_iter())
        .map(|(p, w)| {
            (p.status == Status::Conflict).then(|| {
                let f = facts.build(&p.key, &p.rows, false);
                match &p.rate_note {
                    // The totals agree among themselves: the rate is what
                    // disagrees.
                    Some(n) if f.status != Status::Conflict => format!(
                        "genuine disagreement: check — {n}: different measures (a rate and a total) that do not reconcile"
                    ),
                    Some(n) => format!(
                        "{} A rate does not reconcile either: {n} — check",
                        reasons::verdict(&f, w, copies, &trust)
                    ),
                    None => reasons::verdict(&f, w, copies, &trust),
                }
            })
        })
        .collect();
    for (p, v) in facts.plans.iter_mut().zip(verdicts) {
        p.verdict = v;
    }
    facts.sort_plans();
    facts
}

impl Facts {
    /// Report order: conflicts first, then consistent facts, then
    /// single-source ones; more sources first; ties by key.
    fn sort_plans(&mut self) {
        self.plans.sort_by(|a, b| {
            a.status
                .rank()
                .cmp(&b.status.rank())
                .then(b.sources.cmp(&a.sources))
                .then(a.key.cmp(&b.key))
        });
    }
}

#[cfg(test)]
mod tests;
