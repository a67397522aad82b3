//! A fact: the claims about one (subject, predicate, object), their distinct
//! values with sources, a status and reasons. Serialises to the facts.json
//! contract.

use super::{FactKey, Slot, NEAR_DUPLICATE};
use crate::claims::AsOfSource;
use crate::normalize::{format_amount, serialize_opt_num, Amount};
use serde::Serialize;

/// How the claims of a fact relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// All claims from one document.
    Single,
    /// Two or more documents, all values compatible.
    Consistent,
    /// Values that no single true value satisfies.
    Conflict,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Single => "single",
            Status::Consistent => "consistent",
            Status::Conflict => "conflict",
        }
    }
    /// Report order: conflicts first.
    pub fn rank(self) -> u8 {
        match self {
            Status::Conflict => 0,
            Status::Consistent => 1,
            Status::Single => 2,
        }
    }
}

/// One distinct value of a fact and who states it.
#[derive(Debug, Clone, Serialize)]
pub struct ValueOut {
    /// The stated value; null for a range.
    #[serde(serialize_with = "serialize_opt_num")]
    pub value: Option<f64>,
    #[serde(serialize_with = "serialize_opt_num")]
    pub min: Option<f64>,
    #[serde(serialize_with = "serialize_opt_num")]
    pub max: Option<f64>,
    /// Documents stating it, sorted, each once.
    pub sources: Vec<String>,
    /// How it is written for people: "$4B", "up to $4B".
    pub display: String,
    /// The different ways sources wrote it.
    pub stated: Vec<String>,
    /// Number of claims (a document may state it more than once).
    pub claims: usize,
    /// For a figure in another measure than the fact's (a yearly rate
    /// beside a total, see `rates`): its unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(skip)]
    pub central: f64,
}

/// One claim as it appears in a fact.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimOut {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: String,
    #[serde(flatten)]
    pub amount: Amount,
    pub qualifiers: Vec<String>,
    /// Qualifier words with a meaning for comparing (see
    /// `claims::MARKS`); the reasons say them in words.
    #[serde(skip)]
    pub marks: Vec<(&'static str, String)>,
    pub as_of: Option<String>,
    /// "sentence" (or "sentence, relative to the document date", "sentence,
    /// year from the document date" …), "sentence (latest tranche)" or
    /// "document date".
    #[serde(serialize_with = "serialize_as_of_source")]
    pub as_of_source: Option<AsOfSource>,
    pub scope: &'static str,
    /// How missing roles were filled, if they were.
    pub inferred: Option<&'static str>,
    /// Near-duplicate cluster within the fact (restatements share a number).
    pub cluster: usize,
    #[serde(skip)]
    pub as_of_index: Option<i64>,
    /// For a claim in another measure than the fact's (a yearly rate
    /// beside a total, see `rates`): its unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// An as-of source as facts.json writes it ("sentence", "document date", …).
fn serialize_as_of_source<S: serde::Serializer>(
    v: &Option<AsOfSource>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(a) => s.serialize_some(a.as_str()),
        None => s.serialize_none(),
    }
}

impl ClaimOut {
    /// The as-of date as a timeline shows it: "2024-11 (article date)",
    /// "2023 (relative to the article date)", "2024-Q2 (year from the
    /// article date)", "2024-03"; "undated" without one.
    pub fn when(&self) -> String {
        let Some(a) = &self.as_of else {
            return "undated".into();
        };
        match self.as_of_source.and_then(AsOfSource::timeline_note) {
            Some(how) => format!("{a} ({how})"),
            None => a.clone(),
        }
    }

    /// What a reader should know of how the claim was read: its as-of date
    /// and where that came from, its qualifiers, inferred parties.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(a) = &self.as_of {
            let from = self.as_of_source.map_or("", AsOfSource::as_str);
            notes.push(format!("as of {a} ({from})"));
        }
        if !self.qualifiers.is_empty() {
            notes.push(format!("qualifiers: {}", self.qualifiers.join(", ")));
        }
        if let Some(i) = self.inferred {
            notes.push(format!("parties inferred from the {i}"));
        }
        notes
    }
}

/// A reconciled fact.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// A stable identifier derived from the key ("amazon|invests-in|anthropic|usd|total").
    pub id: String,
    pub subject: String,
    pub predicate: String,
    pub object: Option<String>,
    pub unit: String,
    pub scope: &'static str,
    /// For a tranche, the month it is dated to, if any.
    pub as_of: Option<String>,
    /// For an undated component of a price, its name ("cash", "stock").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    pub status: Status,
    pub values: Vec<ValueOut>,
    pub reasons: Vec<String>,
    /// For a conflict: the best-supported value, its sources, and why the
    /// others probably differ (see `reasons::verdict`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    pub claims: Vec<ClaimOut>,
    #[serde(skip)]
    pub key: FactKey,
}

impl Fact {
    /// Distinct documents among the claims.
    pub fn source_count(&self) -> usize {
        distinct(self.claims.iter().map(|c| c.doc.as_str()))
    }

    /// "Amazon invests in Anthropic (total)"; "OpenAI is valued at … (total)".
    pub fn title(&self) -> String {
        // "…" marks an object the text did not let us find.
        let t = format!(
            "{} {} {}",
            self.subject,
            self.predicate,
            self.object.as_deref().unwrap_or("…")
        );
        let mut tags = vec![self.scope.to_string()];
        if let Some(a) = &self.as_of {
            tags.push(a.clone());
        }
        if let Some(c) = &self.component {
            tags.push(c.clone());
        }
        if self.unit != "USD" {
            tags.push(self.unit.clone());
        }
        format!("{t} ({})", tags.join(", "))
    }

    /// The values in groups that agree (intervals that overlap, chained in
    /// value order): each group is one answer to the fact's question.
    pub fn agreeing_groups(&self) -> Vec<Vec<usize>> {
        let interval = |i: usize| {
            let v = &self.values[i];
            self.claims
                .iter()
                .find(|c| c.amount.central() == v.central)
                .map(|c| c.amount.interval())
        };
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for i in 0..self.values.len() {
            let joins = groups.last().is_some_and(|g| {
                g.iter().any(|&j| match (interval(j), interval(i)) {
                    (Some(a), Some(b)) => crate::normalize::intervals_overlap(a, b),
                    _ => false,
                })
            });
            match groups.last_mut() {
                Some(g) if joins => g.push(i),
                _ => groups.push(vec![i]),
            }
        }
        groups
    }

    /// The documents stating each agreeing group of values, sorted, each once.
    pub fn group_sources(&self, groups: &[Vec<usize>]) -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| {
                let mut d: Vec<String> = g
                    .iter()
                    .flat_map(|&i| self.values[i].sources.iter().cloned())
                    .collect();
                d.sort();
                d.dedup();
                d
            })
            .collect()
    }

    /// Format a number in this fact's unit.
    pub fn fmt_num(&self, v: f64) -> String {
        fmt_unit(v, &self.unit)
    }

    /// A claim's central value in its own unit (a rate shown with a total
    /// has its own), else the fact's.
    pub fn fmt_claim(&self, c: &ClaimOut) -> String {
        fmt_unit(c.amount.central(), c.unit.as_deref().unwrap_or(&self.unit))
    }
}

/// Show claims of another measure with a fact (a yearly rate beside a
/// total, see `rates`): each value once, in its own unit, after the fact's
/// own values, and the claims after its own.
pub fn add_other_measure(f: &mut Fact, claims: Vec<ClaimOut>) {
    for c in claims {
        let unit = c.unit.clone().unwrap_or_else(|| f.unit.clone());
        let central = c.amount.central();
        match f
            .values
            .iter_mut()
            .find(|v| v.central == central && v.unit.as_deref() == Some(unit.as_str()))
        {
            Some(v) => {
                v.claims += 1;
                if !v.sources.contains(&c.doc) {
                    v.sources.push(c.doc.clone());
                    v.sources.sort();
                }
                if !v.stated.contains(&c.text) {
                    v.stated.push(c.text.clone());
                }
            }
            None => f.values.push(ValueOut {
                value: c.amount.value,
                min: c.amount.min,
                max: c.amount.max,
                sources: vec![c.doc.clone()],
                display: fmt_amount(&c.amount, &unit),
                stated: vec![c.text.clone()],
                claims: 1,
                unit: Some(unit),
                central,
            }),
        }
        f.claims.push(c);
    }
}

/// Format an amount (a range, a bound) in a unit, a rate's period said
/// once: "$150M–$300M/year", "over $2B/year".
pub fn fmt_amount(a: &Amount, unit: &str) -> String {
    match unit.split_once('/') {
        Some((cur, per)) if crate::normalize::is_currency_code(cur) => {
            format!("{}/{per}", format_amount(a, |v| fmt_unit(v, cur)))
        }
        _ => format_amount(a, |v| fmt_unit(v, unit)),
    }
}

/// Format a number in a unit ("USD", "USD/share", "%", "GW").
pub fn fmt_unit(v: f64, unit: &str) -> String {
    let s = crate::normalize::format_in_unit(v, unit);
    match unit.split_once('/') {
        Some((cur, per)) if crate::normalize::is_currency_code(cur) => format!("{s}/{per}"),
        _ => s,
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// How many different items.
pub fn distinct<T: Ord>(items: impl Iterator<Item = T>) -> usize {
    let mut v: Vec<T> = items.collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}

/// The status of claims with these intervals from `docs` documents:
/// conflict when no single value lies in every interval, else consistent
/// when two or more documents state it, else single.
pub fn judge(intervals: impl Iterator<Item = (f64, f64)>, docs: usize) -> Status {
    let (mut lo, mut hi, mut n) = (f64::NEG_INFINITY, f64::INFINITY, 0);
    for (a, b) in intervals {
        lo = lo.max(a);
        hi = hi.min(b);
        n += 1;
    }
    // Half-open intervals share a point when the highest start is below the lowest end.
    let common_point = n <= 1 || lo < hi;
    if !common_point {
        Status::Conflict
    } else if docs >= 2 {
        Status::Consistent
    } else {
        Status::Single
    }
}

/// Build a fact from its claims (status and values; reasons come later).
pub fn build(key: &FactKey, mut out: Vec<ClaimOut>) -> Fact {
    cluster(&mut out);

    // Distinct values by central value, ascending.
    let mut values: Vec<ValueOut> = Vec::new();
    for c in &out {
        let central = c.amount.central();
        match values.iter_mut().find(|v| v.central == central) {
            Some(v) => {
                v.claims += 1;
                if !v.sources.contains(&c.doc) {
                    v.sources.push(c.doc.clone());
                }
                if !v.stated.contains(&c.text) {
                    v.stated.push(c.text.clone());
                }
                v.min = min_opt(v.min, c.amount.min);
                v.max = max_opt(v.max, c.amount.max);
            }
            None => values.push(ValueOut {
                value: c.amount.value,
                min: c.amount.min,
                max: c.amount.max,
                sources: vec![c.doc.clone()],
                display: if c.amount.value.is_some() {
                    fmt_unit(central, &key.unit)
                } else {
                    fmt_amount(&c.amount, &key.unit)
                },
                stated: vec![c.text.clone()],
                claims: 1,
                unit: None,
                central,
            }),
        }
    }
    for v in &mut values {
        v.sources.sort();
    }
    values.sort_by(|a, b| a.central.total_cmp(&b.central));

    let status = judge(
        out.iter().map(|c| c.amount.interval()),
        distinct(out.iter().map(|c| c.doc.as_str())),
    );
    let id = [
        slug(&key.subject),
        slug(&key.predicate),
        key.object.as_deref().map(slug).unwrap_or_default(),
        slug(&key.unit),
        key.scope.as_str().to_string(),
        match &key.slot {
            Some(Slot::Dated(d)) => slug(d),
            Some(Slot::Undated(v)) => format!("undated-{}", slug(v)),
            Some(Slot::Component(c)) => slug(c),
            None => String::new(),
        },
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .cloned()
    .collect::<Vec<_>>()
    .join("|");
    Fact {
        id,
        subject: key.subject.clone(),
        predicate: key.predicate.clone(),
        object: key.object.clone(),
        unit: key.unit.clone(),
        scope: key.scope.as_str(),
        as_of: match &key.slot {
            Some(Slot::Dated(d)) => Some(d.clone()),
            _ => None,
        },
        component: match &key.slot {
            Some(Slot::Component(c)) => Some(c.clone()),
            _ => None,
        },
        status,
        values,
        reasons: Vec::new(),
        verdict: None,
        claims: out,
        key: key.clone(),
    }
}

fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        _ => None,
    }
}

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        _ => None,
    }
}

/// Number near-duplicate claims: same central value and sentences whose
/// normalised Levenshtein similarity is at least `NEAR_DUPLICATE`. Claims
/// are in (doc, offset) order, so numbering is deterministic.
fn cluster(claims: &mut [ClaimOut]) {
    // Claims are compared only with the first claim of each cluster of the
    // same value (a hashed key, not all pairs), and with at most
    // `MAX_REPRESENTATIVES` of them, so a fact of a million claims costs
    // linear time.
    const MAX_REPRESENTATIVES: usize = 8;
    let mut reps: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
    let mut next = 0;
    for i in 0..claims.len() {
        let key = claims[i].amount.central().to_bits();
        let group = reps.entry(key).or_default();
        let found = group.iter().take(MAX_REPRESENTATIVES).copied().find(|&j| {
            claims[j].sentence == claims[i].sentence
                || similar_at_least(&claims[j].sentence, &claims[i].sentence, NEAR_DUPLICATE)
        });
        claims[i].cluster = match found {
            Some(j) => claims[j].cluster,
            None => {
                group.push(i);
                next += 1;
                next
            }
        };
    }
}

/// Wording similarity of two sentences in [0, 1], on at most
/// `SIMILARITY_CHARS` characters each so that a pathological sentence costs
/// bounded time.
#[cfg(test)]
fn similarity(a: &str, b: &str) -> f64 {
    let cut = |s: &str| {
        s.chars()
            .take(SIMILARITY_CHARS)
            .collect::<String>()
            .to_lowercase()
    };
    strsim::normalized_levenshtein(&cut(a), &cut(b))
}

/// Sentences are compared on their first this many characters: enough to
/// tell a restatement from a different sentence, and a bounded cost.
const SIMILARITY_CHARS: usize = 240;

/// The q-gram lemma as a filter: strings within edit distance `k` share at
/// least `n - 3 + 1 - 3k` trigrams (n the longer length), since each edit
/// destroys at most three. Trigrams are counted in hashed buckets, which
/// can only overcount what is shared, so a "no" is always right. Two
/// unrelated sentences of the same length and letters are told apart here
/// in linear time instead of by the quadratic edit distance.
fn shares_enough_trigrams(a: &str, b: &str, longest: usize, k: usize) -> bool {
    const BUCKETS: usize = 1024;
    let need = longest as i64 - 2 - 3 * k as i64;
    if need <= 0 {
        return true;
    }
    let counts = |s: &str| {
        let mut c = [0u16; BUCKETS];
        let chars: Vec<char> = s.chars().collect();
        for w in chars.windows(3) {
            let h = (w[0] as u32).wrapping_mul(0x9E37_79B1).rotate_left(5)
                ^ (w[1] as u32).wrapping_mul(0x85EB_CA77).rotate_left(13)
                ^ (w[2] as u32).wrapping_mul(0xC2B2_AE3D);
            let i = (h as usize) % BUCKETS;
            c[i] = c[i].saturating_add(1);
        }
        c
    };
    let (ca, cb) = (counts(a), counts(b));
    let shared: i64 = ca.iter().zip(&cb).map(|(x, y)| (*x).min(*y) as i64).sum();
    shared >= need
}

/// `similarity(a, b) >= t`, deciding most pairs without the quadratic edit
/// distance: the length difference and the character-count difference (the
/// "bag distance") are both lower bounds of the Levenshtein distance.
pub fn similar_at_least(a: &str, b: &str, t: f64) -> bool {
    let cut = |s: &str| {
        s.chars()
            .take(SIMILARITY_CHARS)
            .collect::<String>()
            .to_lowercase()
    };
    let (a, b) = (cut(a), cut(b));
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if longest == 0 {
        return true;
    }
    // similarity = 1 - distance / longest, so distance may be at most this.
    let allowed = ((1.0 - t) * longest as f64).floor() as usize;
    if la.abs_diff(lb) > allowed {
        return false;
    }
    let mut bag = [0i32; 64];
    for c in a.chars() {
        bag[c as usize % 64] += 1;
    }
    for c in b.chars() {
        bag[c as usize % 64] -= 1;
    }
    let extra: i32 = bag.iter().filter(|&&d| d > 0).sum();
    let missing: i32 = -bag.iter().filter(|&&d| d < 0).sum::<i32>();
    if extra.max(missing) as usize > allowed {
        return false;
    }
    if !shares_enough_trigrams(&a, &b, longest, allowed) {
        return false;
    }
    strsim::normalized_levenshtein(&a, &b) >= t
}

#[cfg(test)]
mod similarity_tests {
    use super::*;

    #[test]
    fn the_quick_bounds_agree_with_the_edit_distance() {
        let pairs = [
            (
                "Amazon invested $4 billion in Anthropic.",
                "Amazon invested $4 billion in Anthropic",
            ),
            (
                "Amazon invested $4 billion in Anthropic.",
                "Amazon has invested $4 billion in Anthropic, it said.",
            ),
            (
                "Amazon invested $4 billion in Anthropic.",
                "Google put $2 billion into Anthropic last year.",
            ),
            ("", ""),
            ("abc", ""),
        ];
        // And pairs made by random edits of real sentences, at every
        // distance around the thresholds (a filter must never say no to a
        // pair the edit distance accepts).
        let base = [
            "Amazon’s cumulative $8 billion investment in Anthropic finalized with an additional $4 billion commitment in November 2024.",
            "The deal builds on Amazon's previous investments in Anthropic, including a $4 billion commitment announced in September 2023.",
        ];
        let mut x: u64 = 7;
        let mut rand = |n: usize| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize % n.max(1)
        };
        let mut generated = Vec::new();
        for s in base {
            for edits in [0, 3, 10, 20, 25, 30, 40, 60, 120] {
                let mut c: Vec<char> = s.chars().collect();
                for _ in 0..edits {
                    let at = rand(c.len());
                    match rand(3) {
                        0 if !c.is_empty() => {
                            c.remove(at);
                        }
                        1 => c.insert(at, (b'a' + rand(26) as u8) as char),
                        _ if !c.is_empty() => c[at] = (b'a' + rand(26) as u8) as char,
                        _ => {}
                    }
                }
                generated.push((s, c.into_iter().collect::<String>()));
            }
        }
        let pairs = pairs
            .iter()
            .map(|&(a, b)| (a, b.to_string()))
            .chain(generated);
        for (a, b) in pairs {
            let b = b.as_str();
            for t in [0.5, 0.8, 0.85, 0.95] {
                assert_eq!(
                    similar_at_least(a, b, t),
                    similarity(a, b) >= t,
                    "{a:?} {b:?} {t}"
                );
            }
        }
    }
}
