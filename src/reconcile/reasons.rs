//! Reasons: why the values of a fact may differ, in words a reviewer can
//! check. Each conflict gets every reason that applies, in a fixed order:
//! parts that add up, as-of dates, bounds, qualifiers, rounding; "no
//! explanation found" when none does.

use super::fact::{Fact, Status};
use super::sources::{self, Copies};
use super::tranches::{self, Part};
use crate::claims::{AsOfSource, Scope};
use crate::ingest::short_name;
use crate::normalize::{format_amount, intervals_overlap, Bound};

fn docs(list: &[String]) -> String {
    list.iter()
        .map(|d| short_name(d))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a fact's values differ: the reasons, in words, and for each value
/// a reason explains, a short "why" the verdict repeats.
#[derive(Debug, Clone, Default)]
pub struct Explained {
    pub reasons: Vec<String>,
    /// In the order found.
    pub whys: Vec<Why>,
}

/// What explains one value, in the order a verdict prefers them (the
/// first kind a value has is the one it names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WhyKind {
    EarlierTotal,
    Revised,
    /// Stated before the deal completed, where another figure is the
    /// completed one.
    Announced,
    Projected,
    Ceiling,
    Floor,
    WholeCommitment,
    /// A total equal to a part stated for the same parties, beside a
    /// larger total: the part reported as the whole.
    PartAsWhole,
    /// A thousand times apart: a different measure.
    Scale,
    AsOf,
    /// Valued on a stated basis (a day's share price), or beside one that is.
    Valuation,
    /// A price from another moment of the trading day (the open, the close).
    Moment,
    /// A total over another span of time ("over five years", "over ten").
    Period,
    /// A figure of another measure, by the words beside it ("including
    /// debt": an enterprise value beside an equity price).
    Measure,
    /// Converted from another currency, or beside a figure that is.
    Conversion,
    PartsAddUp,
    Rounding,
}

/// One value's explanation.
#[derive(Debug, Clone)]
pub struct Why {
    pub value: f64,
    pub kind: WhyKind,
    pub text: String,
    /// The sources it explains the value for; empty: all of them. A
    /// figure one source calls the earlier one ("from nearly 7 GW to 10
    /// GW") is not explained for a source that states it as current.
    pub docs: Vec<String>,
}

impl Why {
    /// Whether this explains `value` as `doc` states it.
    fn covers(&self, value: f64, doc: &str) -> bool {
        self.value == value && (self.docs.is_empty() || self.docs.iter().any(|d| d == doc))
    }
}

fn why(whys: &mut Vec<Why>, value: f64, kind: WhyKind, text: String) {
    whys.push(Why {
        value,
        kind,
        text,
        docs: Vec::new(),
    });
}

/// The reasons for `fact`. `all` is every fact, for tranches and totals of
/// the same parties.
pub fn explain(fact: &Fact, all: &[Fact]) -> Explained {
    let mut whys = Vec::new();
    let reasons = reasons_and_whys(fact, all, &mut whys);
    Explained { reasons, whys }
}

fn reasons_and_whys(fact: &Fact, all: &[Fact], whys: &mut Vec<Why>) -> Vec<String> {
    let mut reasons = Vec::new();
    let same_parties = |o: &&Fact| {
        o.subject == fact.subject
            && o.predicate == fact.predicate
            && o.object == fact.object
            && o.unit == fact.unit
    };
    // The facts of the same parties (this one's tranches and totals), found
    // once and only for a conflict.
    let related: Vec<&Fact> = if fact.status == Status::Conflict {
        all.iter().filter(same_parties).collect()
    } else {
        Vec::new()
    };
    if fact.status == Status::Conflict && fact.key.scope == Scope::Total {
        arithmetic(fact, &related, &mut reasons, whys);
        part_as_whole(fact, &related, &mut reasons, whys);
    }
    if fact.status == Status::Conflict && fact.key.scope == Scope::Tranche {
        // A tranche figure equal to a total of the same parties may be the
        // whole commitment rather than this tranche.
        for t in related.iter().filter(|o| o.key.scope == Scope::Total) {
            for v in &fact.values {
                if t.values.iter().any(|tv| tv.central == v.central) {
                    why(whys, v.central, WhyKind::WholeCommitment, "equal to a total for the same parties: the whole commitment, not this tranche".into());
                    reasons.push(format!(
                        "scope: {} ({}) equals a total stated for the same parties; it may describe the whole commitment, not this tranche",
                        v.display,
                        docs(&v.sources)
                    ));
                }
            }
        }
    }
    if fact.status == Status::Conflict {
        as_of_dates(fact, &mut reasons, whys);
        bounds(fact, &mut reasons, whys);
        qualifiers(fact, &mut reasons, whys);
        revisions(fact, &mut reasons, whys);
        let groups = fact.agreeing_groups();
        completion(fact, &groups, &mut reasons, whys);
        valuation(fact, &groups, &mut reasons, whys);
        moments(fact, &groups, &mut reasons, whys);
        periods(fact, &groups, &mut reasons, whys);
        measures(fact, &groups, &mut reasons, whys);
        conversions(fact, &groups, &mut reasons, whys);
        scale(fact, &mut reasons, whys);
        rounding(fact, &mut reasons, whys);
        if reasons.is_empty() {
            reasons.push(
                "no explanation found: a genuine disagreement between sources — check them"
                    .to_string(),
            );
        }
        // A value computed rather than stated is said, and explains nothing.
        derived(fact, &mut reasons);
    } else if fact.status == Status::Consistent && fact.values.len() > 1 {
        reasons.push(format!(
            "values agree once rounding, \"about\" and bounds are taken into account: {}",
            fact.values
                .iter()
                .map(|v| v.display.clone())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        // Figures that agree only within rounding may still be of different
        // stages ("$3bn" at announcement, "$3.5 billion" at closing): each
        // written figure is compared as its own group, so the reviewer is
        // told which is the figure at completion.
        let each: Vec<Vec<usize>> = (0..fact.values.len()).map(|i| vec![i]).collect();
        completion(fact, &each, &mut reasons, whys);
    }
    reasons
}

fn arithmetic(fact: &Fact, related: &[&Fact], reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    let mut parts: Vec<Part> = Vec::new();
    for t in related.iter().filter(|o| o.key.scope == Scope::Tranche) {
        for v in &t.values {
            // One part per tranche value; "up to" parts count at their ceiling.
            let Some(claim) = t.claims.iter().find(|c| c.amount.central() == v.central) else {
                continue;
            };
            let when = t.as_of.clone().map_or(String::new(), |a| format!(", {a}"));
            parts.push(Part {
                amount: claim.amount.clone(),
                label: format!(
                    "{} (tranche{when}, {})",
                    format_amount(&claim.amount, |x| fact.fmt_num(x)),
                    docs(&v.sources)
                ),
                when: t.as_of.clone(),
            });
        }
    }
    if parts.is_empty() {
        return;
    }
    // Equal amounts: the latest-dated first, so a total that grew is
    // explained by its newest tranche.
    parts.sort_by(|a, b| {
        a.amount
            .central()
            .total_cmp(&b.amount.central())
            .then(b.when.cmp(&a.when))
            .then(a.label.cmp(&b.label))
    });
    for v in &fact.values {
        let Some(claim) = fact.claims.iter().find(|c| c.amount.central() == v.central) else {
            continue;
        };
        // Smaller totals that may be the base, with the values they stand for.
        let (bases, base_values): (Vec<Part>, Vec<&super::ValueOut>) = fact
            .values
            .iter()
            // A base a thousand times smaller is another measure (a
            // price per share beside a deal's total), never its start.
            .filter(|b| b.central < v.central && b.central * SCALE_FACTOR > v.central)
            .filter_map(|b| {
                let c = fact
                    .claims
                    .iter()
                    .find(|c| c.amount.central() == b.central)?;
                let part = Part {
                    amount: c.amount.clone(),
                    label: format!("{} (total, {})", b.display, docs(&b.sources)),
                    when: None,
                };
                Some((part, b))
            })
            .unzip();
        if let Some((base, used)) = tranches::explain(&claim.amount, &bases, &parts) {
            let base_value = base
                .as_ref()
                .and_then(|l| bases.iter().position(|b| &b.label == l))
                .map(|k| base_values[k]);
            if let Some(b) = base_value {
                why(
                    whys,
                    b.central,
                    WhyKind::EarlierTotal,
                    format!(
                        "an earlier total: {} plus later parts makes {}",
                        b.display, v.display
                    ),
                );
            }
            // A base total plus later parts, or parts of different dates,
            // is growth; parts of one time are the components of this
            // figure (its cash and its stock).
            let dates: std::collections::BTreeSet<&Option<String>> = parts
                .iter()
                .filter(|p| used.contains(&p.label))
                .map(|p| &p.when)
                .collect();
            let meaning = if base.is_some() || dates.len() > 1 {
                "a running total that grew"
            } else {
                "the stated parts make up this figure"
            };
            let mut terms: Vec<String> = base.into_iter().collect();
            terms.extend(used);
            why(
                whys,
                v.central,
                WhyKind::PartsAddUp,
                format!("the parts add up: {} = {}", v.display, terms.join(" + ")),
            );
            reasons.push(format!(
                "parts add up: {} = {} — {meaning}, not a contradiction",
                v.display,
                terms.join(" + ")
            ));
        }
    }
}

/// A total that equals a tranche stated for the same parties, where a
/// larger total is stated too, is probably that part reported as the whole
/// ("Stargate, the $100 billion endeavor" beside "the $500 billion Stargate
/// project" and "pledged $100 billion “immediately”"). Values the parts
/// already explain (a running total) are left to that reason.
fn part_as_whole(fact: &Fact, related: &[&Fact], reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    let tranches: Vec<&Fact> = related
        .iter()
        .copied()
        .filter(|o| o.key.scope == Scope::Tranche)
        .collect();
    if tranches.is_empty() {
        return;
    }
    // Firm figures only: a ceiling or a floor is no stated part.
    let interval_of = |f: &Fact, v: &super::ValueOut| {
        f.claims
            .iter()
            .find(|c| c.amount.central() == v.central && c.amount.bound.is_none())
            .map(|c| c.amount.interval())
    };
    // The same figure at the precision of both: each central value inside
    // the other's interval ("up to $30 billion" is no $8 billion).
    let within = |x: f64, i: (f64, f64)| x >= i.0 && x <= i.1;
    for v in &fact.values {
        let explained = whys.iter().any(|w| {
            w.value == v.central && matches!(w.kind, WhyKind::EarlierTotal | WhyKind::PartsAddUp)
        });
        let Some(iv) = interval_of(fact, v).filter(|_| !explained) else {
            continue;
        };
        // The larger totals it falls short of.
        let larger: Vec<&super::ValueOut> = fact
            .values
            .iter()
            .filter(|o| o.central > v.central)
            .filter(|o| interval_of(fact, o).is_some_and(|io| !intervals_overlap(iv, io)))
            .collect();
        if larger.is_empty() {
            continue;
        }
        let Some((t, part)) = tranches.iter().find_map(|t| {
            t.values
                .iter()
                .find(|tv| {
                    interval_of(t, tv)
                        .is_some_and(|ti| within(v.central, ti) && within(tv.central, iv))
                })
                .map(|tv| (*t, tv))
        }) else {
            continue;
        };
        let words = value_qualifiers(t, part);
        let said = if words.is_empty() {
            String::new()
        } else {
            format!(": {}", quoted(&words))
        };
        let wholes = larger
            .iter()
            .rev()
            .take(3)
            .map(|o| format!("{} ({})", o.display, docs(&o.sources)))
            .collect::<Vec<_>>()
            .join(", ");
        why(
            whys,
            v.central,
            WhyKind::PartAsWhole,
            format!(
                "equal to a part stated for the same parties ({}, tranche{said}): the part reported as the whole",
                part.display
            ),
        );
        reasons.push(format!(
            "scope: {} ({}) equals a part stated for the same parties — {} (tranche, {}{said}) — probably that part reported as the whole; the larger total: {wholes}",
            v.display,
            docs(&v.sources),
            part.display,
            docs(&part.sources),
        ));
    }
}

/// The cue words of the claims stating `v` (what made them a part).
fn value_qualifiers(fact: &Fact, v: &super::ValueOut) -> Vec<String> {
    value_words(fact, v, |c| c.qualifiers.iter().collect())
}

fn as_of_dates(fact: &Fact, reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    // For each value: its as-of dates and where they came from.
    let mut lines = Vec::new();
    let mut stated: Vec<(f64, i64)> = Vec::new();
    let mut distinct = std::collections::BTreeSet::new();
    for v in &fact.values {
        let mut dates: Vec<String> = Vec::new();
        for c in fact
            .claims
            .iter()
            .filter(|c| c.amount.central() == v.central)
        {
            if c.as_of.is_some() && c.as_of_source != Some(AsOfSource::Document) {
                if let Some(i) = c.as_of_index {
                    stated.push((v.central, i));
                }
            }
            let when = c.when();
            let d = match when.strip_suffix(')') {
                Some(w) => format!("{w}, {})", short_name(&c.doc)),
                None => format!("{when} ({})", short_name(&c.doc)),
            };
            if let Some(a) = &c.as_of {
                distinct.insert(a.get(0..7).unwrap_or(a).to_string());
            }
            if !dates.contains(&d) {
                dates.push(d);
            }
        }
        lines.push(format!("{}: {}", v.display, dates.join(", ")));
    }
    if distinct.len() < 2 {
        return;
    }
    let mut reason = format!("different as-of dates — {}", lines.join("; "));
    // Dates stated in the text (not article dates) tell growth from contradiction.
    stated.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)));
    let grows = stated.len() >= 2 && stated.windows(2).all(|w| w[1].0 >= w[0].0);
    let shrinks = stated.len() >= 2 && !grows;
    if !shrinks {
        // Each value as of its own latest date: a timeline, not a clash.
        for v in &fact.values {
            let latest = fact
                .claims
                .iter()
                .filter(|c| c.amount.central() == v.central)
                .filter_map(|c| c.as_of.as_deref())
                .max();
            if let Some(a) = latest {
                why(
                    whys,
                    v.central,
                    WhyKind::AsOf,
                    format!("as of {a}, a different time"),
                );
            }
        }
    }
    if stated.len() >= 2 {
        reason.push_str(if grows {
            ". In the dates the text states, the value only grows: consistent with a running total"
        } else {
            ". In the dates the text states, a larger value comes before a smaller one: not explained by growth"
        });
    }
    reasons.push(reason);
}

fn bounds(fact: &Fact, reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    for c in &fact.claims {
        let others_exceed = |pred: &dyn Fn(f64) -> bool| {
            fact.values
                .iter()
                .any(|v| v.central != c.amount.central() && pred(v.central))
        };
        match c.amount.bound {
            Some(Bound::Upper)
                if !c.amount.approx && others_exceed(&|x| x > c.amount.central()) =>
            {
                why(
                    whys,
                    c.amount.central(),
                    WhyKind::Ceiling,
                    format!("a ceiling (\"{}\"), not an amount paid", c.text),
                );
                reasons.push(format!(
                    "bound: \"{}\" ({}) is a ceiling (\"up to\"), not an amount paid; larger figures elsewhere do not contradict a ceiling set earlier",
                    c.text,
                    short_name(&c.doc)
                ))
            }
            // "more than 500 million" agrees with 600 million, not with 450.
            Some(Bound::Lower) if others_exceed(&|x| x > c.amount.central()) => {
                why(
                    whys,
                    c.amount.central(),
                    WhyKind::Floor,
                    format!("a floor (\"{}\")", c.text),
                );
                reasons.push(format!(
                    "bound: \"{}\" ({}) is a floor (\"over\"/\"more than\")",
                    c.text,
                    short_name(&c.doc)
                ))
            }
            _ => {}
        }
    }
    reasons.dedup();
}

fn qualifiers(fact: &Fact, reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    for v in &fact.values {
        let mut words: Vec<String> = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        for c in fact
            .claims
            .iter()
            .filter(|c| c.amount.central() == v.central)
        {
            // Words the cue rules mark `means = "prospective"`.
            let prospective: Vec<&String> = c
                .marks
                .iter()
                .filter(|(k, _)| *k == "prospective")
                .map(|(_, w)| w)
                .collect();
            if prospective.is_empty() {
                continue;
            }
            // The approximation as written ("roughly") goes with the
            // prospective words: together they say how soft the figure is.
            let approx_word = c
                .amount
                .qualifier
                .as_ref()
                .filter(|_| c.amount.approx)
                .map(|q| q.to_lowercase());
            for q in approx_word.iter().chain(prospective) {
                if !words.contains(q) {
                    words.push(q.clone());
                }
            }
            if !sources.contains(&c.doc) {
                sources.push(c.doc.clone());
            }
        }
        if !words.is_empty() {
            let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            // Only for the sources that say so, where others state the
            // figure plainly ("intends to invest $500 billion" beside "the
            // $500 billion Stargate project").
            let all_say = v.sources.iter().all(|d| sources.contains(d));
            whys.push(Why {
                value: v.central,
                kind: WhyKind::Projected,
                text: format!("projected or conditional ({})", quoted.join(", ")),
                docs: if all_say { Vec::new() } else { sources.clone() },
            });
            reasons.push(format!(
                "qualified: {} ({}) is stated as {} — a projected or conditional figure, not an amount already invested",
                v.display,
                docs(&sources),
                words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ")
            ));
        }
    }
}

/// A figure stated as revised ("raised its offer to …") replaced the
/// others of its fact, which are the earlier figures — said outright when a
/// claim calls one "original". A revision, not a contradiction.
fn revisions(fact: &Fact, reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    let revised: Vec<(&super::ValueOut, Vec<String>)> = fact
        .values
        .iter()
        .map(|v| (v, value_marks(fact, v, "revised")))
        .filter(|(_, w)| !w.is_empty())
        .collect();
    // Two revised figures: which replaced which is not said.
    let [(new, new_words)] = revised.as_slice() else {
        if revised.is_empty() {
            earlier_figures(fact, reasons, whys);
        }
        return;
    };
    // A figure that agrees with the revision within its precision ("around
    // $70 billion" beside $71.3 billion) states it, not an earlier one.
    let groups = fact.agreeing_groups();
    let same_as_new = |v: &super::ValueOut| {
        groups.iter().any(|g| {
            g.iter().any(|&i| fact.values[i].central == new.central)
                && g.iter().any(|&i| fact.values[i].central == v.central)
        })
    };
    for v in fact.values.iter().filter(|v| !same_as_new(v)) {
        let original = value_marks(fact, v, "original");
        let how = if original.is_empty() {
            "the earlier figure".to_string()
        } else {
            format!("the earlier figure, called {}", quoted(&original))
        };
        why(
            whys,
            v.central,
            WhyKind::Revised,
            format!("{how}, since revised to {}", new.display),
        );
        reasons.push(format!(
            "revised: {} ({}) is stated as a revision ({}); {} ({}) is {how} — a figure that changed, not a contradiction",
            new.display,
            docs(&new.sources),
            quoted(new_words),
            v.display,
            docs(&v.sources),
        ));
    }
}

/// Without a revised figure, a value a source calls the earlier one
/// ("up from the original $19 billion") is superseded all the same.
fn earlier_figures(fact: &Fact, reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    for v in &fact.values {
        let words = value_marks(fact, v, "original");
        if words.is_empty() {
            continue;
        }
        // Whose text says so: the claims marking it.
        let docs_marking: Vec<String> = fact
            .claims
            .iter()
            .filter(|c| c.amount.central() == v.central)
            .filter(|c| c.marks.iter().any(|(k, _)| *k == "original"))
            .map(|c| c.doc.clone())
            .collect();
        // Only for the sources that say so, when others state it plainly.
        let all_mark = v.sources.iter().all(|d| docs_marking.contains(d));
        whys.push(Why {
            value: v.central,
            kind: WhyKind::Revised,
            text: format!("the earlier figure, called {}", quoted(&words)),
            docs: if all_mark {
                Vec::new()
            } else {
                docs_marking.clone()
            },
        });
        reasons.push(format!(
            "revised: {} is called the earlier figure ({}) by {} — it was replaced, not contradicted",
            v.display,
            quoted(&words),
            docs(&docs_marking),
        ));
    }
}

/// The words of kind `kind` the claims of value `v` mark, each once.
fn value_marks(fact: &Fact, v: &super::ValueOut, kind: &str) -> Vec<String> {
    value_words(fact, v, |c| {
        c.marks
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, w)| w)
            .collect()
    })
}

/// The words `pick` takes from each claim stating value `v`, each once, in
/// the order found.
fn value_words(
    fact: &Fact,
    v: &super::ValueOut,
    pick: impl Fn(&super::ClaimOut) -> Vec<&String>,
) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in fact
        .claims
        .iter()
        .filter(|c| c.amount.central() == v.central)
    {
        for w in pick(c) {
            if !words.contains(w) {
                words.push(w.clone());
            }
        }
    }
    words
}

/// The words of kind `kind` the claims of the values `group` mark, and
/// the documents that state those values.
fn group_marks(fact: &Fact, group: &[usize], kind: &str) -> (Vec<String>, Vec<String>) {
    let mut words: Vec<String> = Vec::new();
    let mut docs_of = Vec::new();
    for &i in group {
        let v = &fact.values[i];
        for w in value_marks(fact, v, kind) {
            if !words.contains(&w) {
                words.push(w);
            }
        }
        for d in &v.sources {
            if !docs_of.contains(d) {
                docs_of.push(d.clone());
            }
        }
    }
    (words, docs_of)
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn displays(fact: &Fact, group: &[usize]) -> String {
    group
        .iter()
        .map(|&i| fact.values[i].display.clone())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Values a claim computes rather than states ("39%" from "the 61% … it
/// doesn't already own"): the reviewer checks the arithmetic's premise.
fn derived(fact: &Fact, reasons: &mut Vec<String>) {
    for (i, v) in fact.values.iter().enumerate() {
        let (words, docs_of) = group_marks(fact, &[i], "derived");
        if !words.is_empty() {
            reasons.push(format!(
                "derived: {} ({}) is not stated but computed: {}",
                v.display,
                docs(&docs_of),
                words.join("; ")
            ));
        }
    }
}

/// How far apart two values of one fact must be to be different measures.
const SCALE_FACTOR: f64 = 1000.0;

/// Values a thousand times apart measure different things (a per-share
/// price the text did not mark beside a deal's total; thousands beside
/// units), whatever the parties: compared with the most widely stated
/// value, each such one is said to be a different measure.
fn scale(fact: &Fact, reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    let Some(reference) = fact
        .values
        .iter()
        .filter(|v| v.central > 0.0)
        .max_by(|a, b| {
            a.sources
                .len()
                .cmp(&b.sources.len())
                .then(a.central.total_cmp(&b.central))
        })
    else {
        return;
    };
    for v in fact.values.iter().filter(|v| v.central > 0.0) {
        let ratio = (v.central / reference.central).max(reference.central / v.central);
        if ratio < SCALE_FACTOR {
            continue;
        }
        why(
            whys,
            v.central,
            WhyKind::Scale,
            format!(
                "a different measure ({} is over {SCALE_FACTOR:.0}× apart)",
                reference.display
            ),
        );
        reasons.push(format!(
            "scale: {} ({}) and {} ({}) are over {SCALE_FACTOR:.0} times apart — probably different measures (a price per share or per unit beside a total, thousands beside units), not one figure in dispute",
            v.display,
            docs(&v.sources),
            reference.display,
            docs(&reference.sources),
        ));
    }
}

/// Announced vs completed: one group of agreeing values is stated as paid
/// or at completion ("was paid", "completed its acquisition"), the others
/// are not. Terms announced before a deal closes and what is paid at
/// completion often differ (a cash part adjusted, shares repriced): the
/// others are earlier terms, and the verdict prints the completed figure.
/// Two completed groups that disagree are left to the other reasons.
fn completion(fact: &Fact, groups: &[Vec<usize>], reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    let marked: Vec<(Vec<String>, Vec<String>)> = groups
        .iter()
        .map(|g| group_marks(fact, g, "completed"))
        .collect();
    let done: Vec<usize> = (0..groups.len())
        .filter(|&g| !marked[g].0.is_empty())
        .collect();
    let [d] = done.as_slice() else {
        return;
    };
    let (words, done_docs) = &marked[*d];
    let done_display = displays(fact, &groups[*d]);
    for (gi, g) in groups.iter().enumerate() {
        if gi == *d {
            continue;
        }
        for &i in g {
            let v = &fact.values[i];
            why(
                whys,
                v.central,
                WhyKind::Announced,
                format!("stated before completion; {done_display} is the figure at completion"),
            );
            reasons.push(format!(
                "announced vs completed: {done_display} ({}) is stated as paid or at completion ({}); {} ({}) is not — terms stated before a deal closes and the amount at completion often differ, a change over time, not a contradiction",
                docs(done_docs),
                quoted(words),
                v.display,
                docs(&v.sources),
            ));
        }
    }
}

/// Valued on a stated basis: a figure said to be valued "based on" a day's
/// share price (or "at closing prices") moves with that price, so a figure
/// valued on another day may differ without either being wrong. Each such
/// value and each value it disagrees with gets the reason; which to print
/// is left to support.
fn valuation(fact: &Fact, groups: &[Vec<usize>], reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    // A figure valued on a basis of its own ("calculated at") keeps that
    // reason; the others may be valued on another day.
    let marked = marked_groups(
        fact,
        groups,
        whys,
        ("valuation", WhyKind::Valuation, true),
        |words| format!("valued on a stated basis ({words})"),
        |shown, words| {
            format!("{shown} is valued on a stated basis ({words}); this one may be valued on another day")
        },
    );
    for m in marked {
        let rest = if m.others.is_empty() {
            "the other figures, valued on bases of their own".to_string()
        } else {
            displays(fact, &m.others)
        };
        reasons.push(format!(
            "valuation basis: {} ({}) is valued on a stated basis ({}); a figure that depends on a share price or an exchange rate moves with it, so {rest} may be valued on another day — check the dates of the valuations",
            m.shown,
            docs(&m.docs),
            quoted(&m.words),
        ));
    }
}

/// A group whose values carry a mark, with the values of the groups it is
/// set against.
struct Marked {
    shown: String,
    words: Vec<String>,
    docs: Vec<String>,
    others: Vec<usize>,
}

/// For each group some value of which carries mark `kind`: its values get
/// the reason `own(words)`, the values of the other groups (only the
/// unmarked ones with `unmarked_only`) `other(shown, words)`. Returns the
/// marked groups, for the caller's reason lines. Nothing with one group.
fn marked_groups(
    fact: &Fact,
    groups: &[Vec<usize>],
    whys: &mut Vec<Why>,
    (kind, why_kind, unmarked_only): (&str, WhyKind, bool),
    own: impl Fn(&str) -> String,
    other: impl Fn(&str, &str) -> String,
) -> Vec<Marked> {
    if groups.len() < 2 {
        return Vec::new();
    }
    let marks: Vec<(Vec<String>, Vec<String>)> =
        groups.iter().map(|g| group_marks(fact, g, kind)).collect();
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let (words, marked_docs) = &marks[gi];
        if words.is_empty() {
            continue;
        }
        let others: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(oi, _)| *oi != gi && (!unmarked_only || marks[*oi].0.is_empty()))
            .flat_map(|(_, o)| o.iter().copied())
            .collect();
        let shown = displays(fact, g);
        let said = quoted(words);
        for &i in g {
            why(whys, fact.values[i].central, why_kind, own(&said));
        }
        for &i in &others {
            why(whys, fact.values[i].central, why_kind, other(&shown, &said));
        }
        out.push(Marked {
            shown,
            words: words.clone(),
            docs: marked_docs.clone(),
            others,
        });
    }
    out
}

/// Figures of different measures: one said to count something the others
/// do not ("about $75 billion including debt" beside a $68.7 billion
/// price) measures another thing, an enterprise value rather than the
/// equity price; the difference is a definition, not a contradiction. Only
/// where some figures carry no such words, or other ones: figures that all
/// say "including debt" are compared as usual.
fn measures(fact: &Fact, groups: &[Vec<usize>], reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    let marked: Vec<(usize, Vec<String>, Vec<String>)> = groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let (words, d) = group_marks(fact, g, "measure");
            (gi, words, d)
        })
        .collect();
    let distinct: std::collections::BTreeSet<&Vec<String>> =
        marked.iter().map(|(_, w, _)| w).collect();
    if distinct.len() < 2 {
        return;
    }
    let plain: Vec<usize> = marked
        .iter()
        .filter(|(_, w, _)| w.is_empty())
        .flat_map(|(gi, _, _)| groups[*gi].iter().copied())
        .collect();
    for (gi, words, d) in marked.iter().filter(|(_, w, _)| !w.is_empty()) {
        let shown = displays(fact, &groups[*gi]);
        for &i in &groups[*gi] {
            why(
                whys,
                fact.values[i].central,
                WhyKind::Measure,
                format!("a different measure ({})", quoted(words)),
            );
        }
        let against = if plain.is_empty() {
            "figures stated with other words".to_string()
        } else {
            format!("{}, stated without them", displays(fact, &plain))
        };
        reasons.push(format!(
            "definition: {shown} ({}: {}) measures something else than {against} — e.g. a value including debt beside the price of the equity — so the difference is one of definition, not a contradiction",
            docs(d),
            quoted(words),
        ));
    }
}

/// Currency conversions: a figure converted from an amount in another
/// currency stated beside it ("10 billion euros ($10.8 billion)") depends on
/// the exchange rate and its day, so another source's figure may be the
/// same amount converted at another rate. Both get the reason; which to
/// print is left to support, and the amount in its own currency is a fact
/// of its own.
fn conversions(fact: &Fact, groups: &[Vec<usize>], reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    let marked = marked_groups(
        fact,
        groups,
        whys,
        ("conversion", WhyKind::Conversion, false),
        |from| format!("converted from {from}"),
        |shown, from| {
            format!("{shown} is converted from {from}; this one may be converted at another rate")
        },
    );
    for m in marked {
        reasons.push(format!(
            "currency conversion: {} ({}) is converted from {}; a converted figure depends on the exchange rate and its day, so {} may be the same amount converted at another rate — compare the amounts in their own currency",
            m.shown,
            docs(&m.docs),
            quoted(&m.words),
            displays(fact, &m.others),
        ));
    }
}

/// Share prices from different moments of a trading day ("opening share
/// price", "to close at", "in afternoon trading") move; they do not
/// contradict each other. Only for prices per share: "closing" beside a
/// deal's total says when the deal closed, not when a price was taken.
fn moments(fact: &Fact, groups: &[Vec<usize>], reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    if !fact.unit.ends_with("/share") {
        return;
    }
    let marked: Vec<(usize, Vec<String>, Vec<String>)> = groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let (words, d) = group_marks(fact, g, "moment");
            (gi, words, d)
        })
        .filter(|(_, words, _)| !words.is_empty())
        .collect();
    let distinct: std::collections::BTreeSet<&Vec<String>> =
        marked.iter().map(|(_, w, _)| w).collect();
    if marked.len() < 2 || distinct.len() < 2 {
        return;
    }
    let mut said = Vec::new();
    for (gi, words, d) in &marked {
        for &i in &groups[*gi] {
            why(
                whys,
                fact.values[i].central,
                WhyKind::Moment,
                format!(
                    "a price from another moment of the trading day ({})",
                    quoted(words)
                ),
            );
        }
        said.push(format!(
            "{} ({}: {})",
            displays(fact, &groups[*gi]),
            docs(d),
            quoted(words)
        ));
    }
    reasons.push(format!(
        "moment of the trading day: {} — a share price moves during the day, so prices taken at different moments differ without contradicting each other",
        said.join(" vs ")
    ));
}

/// Totals over different spans of time ("$10 billion … over five years",
/// "$20 billion … over ten years"; cue `means = "period"`) are different
/// figures, not one in dispute. Only where every group compared states a
/// period, and two of them different ones.
fn periods(fact: &Fact, groups: &[Vec<usize>], reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    // Each group of the fact's own values (a rate shown with it has its own
    // unit and is compared elsewhere) with its periods.
    let own: Vec<&Vec<usize>> = groups
        .iter()
        .filter(|g| g.iter().all(|&i| fact.values[i].unit.is_none()))
        .collect();
    let marked: Vec<(&Vec<usize>, Vec<String>, Vec<String>)> = own
        .iter()
        .map(|g| {
            let (words, d) = group_marks(fact, g, "period");
            (*g, words, d)
        })
        .collect();
    let distinct: std::collections::BTreeSet<&Vec<String>> =
        marked.iter().map(|(_, w, _)| w).collect();
    if marked.len() < 2 || marked.iter().any(|(_, w, _)| w.is_empty()) || distinct.len() < 2 {
        return;
    }
    let mut said = Vec::new();
    for (g, words, d) in &marked {
        for &i in g.iter() {
            why(
                whys,
                fact.values[i].central,
                WhyKind::Period,
                format!("a total over another span of time ({})", quoted(words)),
            );
        }
        said.push(format!(
            "{} ({}: over {})",
            displays(fact, g),
            docs(d),
            words.join(", ")
        ));
    }
    reasons.push(format!(
        "periods: {} — totals over different spans of time differ without contradicting each other",
        said.join(" vs ")
    ));
}

fn rounding(fact: &Fact, reasons: &mut Vec<String>, whys: &mut Vec<Why>) {
    for (i, a) in fact.values.iter().enumerate() {
        for b in fact.values.iter().skip(i + 1) {
            let ca = fact.claims.iter().find(|c| c.amount.central() == a.central);
            let cb = fact.claims.iter().find(|c| c.amount.central() == b.central);
            let (Some(ca), Some(cb)) = (ca, cb) else {
                continue;
            };
            let rel = (a.central - b.central).abs()
                / a.central.abs().max(b.central.abs()).max(f64::MIN_POSITIVE);
            if intervals_overlap(ca.amount.interval(), cb.amount.interval()) {
                why(
                    whys,
                    a.central,
                    WhyKind::Rounding,
                    format!("agrees with {} within rounding", b.display),
                );
                why(
                    whys,
                    b.central,
                    WhyKind::Rounding,
                    format!("agrees with {} within rounding", a.display),
                );
                reasons.push(format!(
                    "rounding: {} and {} agree within the precision they are written with",
                    a.display, b.display
                ));
            } else if rel < 0.1 {
                reasons.push(format!(
                    "rounding?: {} and {} differ by {:.1}% — more than their stated precision allows, but check whether one is rounded",
                    a.display,
                    b.display,
                    rel * 100.0
                ));
            }
        }
    }
}

/// The one line a reviewer reads last: the best-supported value and as of
/// when, who supports it, and what the others said and why they probably
/// differ — or "genuine disagreement: check" where nothing explains them.
/// `trust` ranks the sources (see [`sources`]); every value is named.
/// Not current, or not the measure the other figures state: either way
/// not the figure to print beside one that is.
const NOT_CURRENT: &[WhyKind] = &[
    WhyKind::Measure,
    WhyKind::EarlierTotal,
    WhyKind::Revised,
    WhyKind::Announced,
    WhyKind::PartAsWhole,
];

pub fn verdict(fact: &Fact, whys: &[Why], copies: &Copies, trust: &dyn Fn(&str) -> f64) -> String {
    let groups = fact.agreeing_groups();
    let group_docs = fact.group_sources(&groups);
    if groups.is_empty() {
        return "no values".into();
    }
    // The figure to print: a firm one (not only projected or a ceiling),
    // not one the parts show to be an earlier total, then the best
    // supported, then the latest stated.
    // Whether a why of `kinds` explains value `i` as source `d` states it.
    let covered = |i: usize, d: &str, kinds: &[WhyKind]| {
        whys.iter()
            .any(|w| kinds.contains(&w.kind) && w.covers(fact.values[i].central, d))
    };
    let has = |g: &[usize], kinds: &[WhyKind]| {
        g.iter().all(|&i| {
            let v = &fact.values[i];
            v.sources.iter().all(|d| covered(i, d, kinds))
        })
    };
    let latest_of = |g: &[usize]| -> Option<&super::ClaimOut> {
        let in_group = |c: &&super::ClaimOut| {
            g.iter()
                .any(|&i| fact.values[i].central == c.amount.central())
        };
        let stated = fact
            .claims
            .iter()
            .filter(in_group)
            .filter(|c| c.as_of.is_some() && c.as_of_source != Some(AsOfSource::Document))
            .max_by(|a, b| a.as_of.cmp(&b.as_of).then(b.doc.cmp(&a.doc)));
        stated.or_else(|| {
            fact.claims
                .iter()
                .filter(in_group)
                .filter(|c| c.as_of.is_some())
                .max_by(|a, b| a.as_of.cmp(&b.as_of).then(b.doc.cmp(&a.doc)))
        })
    };
    // Each group's standing, computed once: firm, not an earlier total,
    // support, latest date.
    let latest: Vec<Option<&super::ClaimOut>> = groups.iter().map(|g| latest_of(g)).collect();
    const NOT_FIRM: &[WhyKind] = &[WhyKind::Projected, WhyKind::Ceiling];
    // A group some value of which is both firm and current comes first: a
    // ceiling ("up to 4.5 GW") and an earlier figure ("its original 5 GW")
    // that agree within rounding do not make a figure to print together.
    let clean = |g: &[usize]| {
        g.iter().any(|&i| {
            fact.values[i]
                .sources
                .iter()
                .any(|d| !covered(i, d, NOT_FIRM) && !covered(i, d, NOT_CURRENT))
        })
    };
    // A source supports a group unless only some sources' reason (the
    // earlier figure, in its own words) says its figure there is not current.
    let partly_superseded = |i: usize, d: &str| {
        whys.iter().any(|w| {
            !w.docs.is_empty()
                && NOT_CURRENT.contains(&w.kind)
                && w.covers(fact.values[i].central, d)
        })
    };
    let group_docs: Vec<Vec<String>> = groups
        .iter()
        .zip(group_docs)
        .map(|(g, docs)| {
            docs.into_iter()
                .filter(|d| {
                    g.iter()
                        .any(|&i| fact.values[i].sources.contains(d) && !partly_superseded(i, d))
                })
                .collect()
        })
        .collect();
    let standing: Vec<(bool, bool, bool)> = groups
        .iter()
        .map(|g| (clean(g), !has(g, NOT_FIRM), !has(g, NOT_CURRENT)))
        .collect();
    let support: Vec<f64> = group_docs
        .iter()
        .map(|docs| sources::support(docs, copies, trust))
        .collect();
    // At equal support, a figure stated as such before one valued on a
    // stated basis ("$29.50 per share based on Disney's closing price"):
    // that one moves with the price it was computed from.
    let stated_plainly: Vec<bool> = groups
        .iter()
        .map(|g| {
            g.iter()
                .all(|&i| value_marks(fact, &fact.values[i], "valuation").is_empty())
        })
        .collect();
    let best = (0..groups.len())
        .max_by(|&a, &b| {
            standing[a]
                .cmp(&standing[b])
                .then(support[a].total_cmp(&support[b]))
                .then(stated_plainly[a].cmp(&stated_plainly[b]))
                .then(
                    latest[a]
                        .map(|c| &c.as_of)
                        .cmp(&latest[b].map(|c| &c.as_of)),
                )
                .then(b.cmp(&a))
        })
        .expect("groups are not empty");
    // The best group's value stated firm, current and exact (no floor) by
    // most sources, then most widely stated, as of its latest date: of
    // "$500 billion — up from approximately $400 billion" and another
    // source's "expected to exceed $400 billion", agreeing within rounding,
    // the current $500B is printed.
    let firm_current = |i: usize| {
        fact.values[i]
            .sources
            .iter()
            .filter(|d| {
                !covered(i, d, NOT_FIRM)
                    && !covered(i, d, NOT_CURRENT)
                    && !covered(i, d, &[WhyKind::Floor])
            })
            .count()
    };
    // Then the revision itself ("increase its bid to 71.3 billion dollars"
    // beside "around $70 billion", which agrees with it).
    let revised = |i: usize| !value_marks(fact, &fact.values[i], "revised").is_empty();
    let head = *groups[best]
        .iter()
        .max_by_key(|&&i| {
            (
                firm_current(i),
                fact.values[i].sources.len(),
                revised(i),
                std::cmp::Reverse(i),
            )
        })
        .expect("groups are not empty");
    let value = &fact.values[head];
    let when = latest[best].map_or(String::new(), |c| format!(" as of {}", c.when()));
    let named = |docs: &[String]| -> String {
        let independent = copies.independent(docs.iter().map(String::as_str));
        let list = docs
            .iter()
            .map(|d| short_name(d))
            .collect::<Vec<_>>()
            .join(", ");
        if independent < docs.len() {
            format!("{} sources, {independent} independent: {list}", docs.len())
        } else if docs.len() == 1 {
            format!("1 source: {list}")
        } else {
            format!("{} sources: {list}", docs.len())
        }
    };
    let mut others = Vec::new();
    let mut unexplained = Vec::new();
    // A reason the printed figure shares explains no difference from it:
    // beside a planned 10 GW, "planned" does not explain 7 GW.
    let shared: Vec<WhyKind> = NOT_FIRM
        .iter()
        .copied()
        .filter(|k| value.sources.iter().all(|d| covered(head, d, &[*k])))
        .collect();
    let names = |docs: &[&str]| {
        docs.iter()
            .map(|d| short_name(d))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (gi, g) in groups.iter().enumerate() {
        for &i in g {
            let v = &fact.values[i];
            // For each source, the one why that says most (rounding explains
            // nothing here: agreeing values are one group). In the printed
            // figure's own group, only a reason some sources give for their
            // figure (the earlier one) sets those apart.
            let mut explained: Vec<(&str, Vec<&str>)> = Vec::new();
            let mut bare: Vec<&str> = Vec::new();
            for d in &v.sources {
                let w = whys
                    .iter()
                    .filter(|w| w.kind != WhyKind::Rounding && w.covers(v.central, d))
                    .filter(|w| !shared.contains(&w.kind))
                    // A floor above the printed figure contradicts it.
                    .filter(|w| w.kind != WhyKind::Floor || value.central >= w.value)
                    .filter(|w| gi != best || !w.docs.is_empty())
                    .min_by_key(|w| w.kind);
                match w {
                    Some(w) => match explained.iter_mut().find(|(t, _)| *t == w.text) {
                        Some((_, docs)) => docs.push(d),
                        None => explained.push((&w.text, vec![d])),
                    },
                    None if gi != best => bare.push(d),
                    None => {}
                }
            }
            for (text, docs) in explained {
                others.push(format!("{} ({}): {text}", v.display, names(&docs)));
            }
            if !bare.is_empty() {
                unexplained.push(format!("{} ({})", v.display, names(&bare)));
            }
        }
    }
    let support = named(&group_docs[best]);
    if others.is_empty() {
        return format!(
            "genuine disagreement: check — best supported {}{when} ({support}) vs {}",
            value.display,
            unexplained.join(", ")
        );
    }
    let mut line = format!(
        "{}{when} — the figure to print ({support}). Others: {}",
        value.display,
        others.join("; ")
    );
    if !unexplained.is_empty() {
        line.push_str(&format!(
            ". Genuine disagreement: check {}",
            unexplained.join(", ")
        ));
    }
    line
}
