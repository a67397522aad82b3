//! Scoring: predictions against gold items, per file and class.
//!
//! Spans: a prediction is an exact hit when its byte span equals a gold
//! item's, an overlap hit when it overlaps one. A prediction that overlaps
//! only out-of-scope gold (a time of day, a set) counts for nothing. Values:
//! a gold item's value is right when an overlapping prediction has it; value
//! accuracy divides by every gold item that has a value, so a miss counts as
//! a wrong value (strict).

use super::gold::{Case, Class, GoldCurrency, GoldDate, GoldItem, GoldValue, Scope};
use crosscheck::extract::{DateValue, Granularity, Kind, Mention, Value};
use crosscheck::normalize::Bound;
use crosscheck::pipeline::analyze;
use crosscheck::rules::RuleSet;
use std::collections::BTreeMap;

/// Span and value counts for one slice of the data.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub pred: usize,
    /// Predictions equal to a gold span / overlapping one.
    pub pred_exact: usize,
    pub pred_overlap: usize,
    /// Gold items found exactly / by overlap.
    pub gold_exact: usize,
    pub gold_overlap: usize,
    /// Gold items with a value to check, and those whose value was produced.
    pub valued: usize,
    pub value_ok: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.pred_exact += o.pred_exact;
        self.pred_overlap += o.pred_overlap;
        self.gold_exact += o.gold_exact;
        self.gold_overlap += o.gold_overlap;
        self.valued += o.valued;
        self.value_ok += o.value_ok;
    }
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }
    pub fn precision(&self) -> f64 {
        Self::ratio(self.pred_exact, self.pred)
    }
    pub fn recall(&self) -> f64 {
        Self::ratio(self.gold_exact, self.gold)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    pub fn overlap_f1(&self) -> f64 {
        f1(
            Self::ratio(self.pred_overlap, self.pred),
            Self::ratio(self.gold_overlap, self.gold),
        )
    }
    pub fn value_accuracy(&self) -> f64 {
        Self::ratio(self.value_ok, self.valued)
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// A case with a miss, a false positive or a wrong value.
#[derive(Debug, Clone)]
pub struct Failure {
    pub file: &'static str,
    pub id: String,
    pub input: String,
    pub expected: Vec<String>,
    pub got: Vec<String>,
}

/// A headline figure, keyed for ACCURACY.md, with its target if the issue set one.
#[derive(Debug, Clone)]
pub struct Figure {
    pub key: String,
    pub value: f64,
    pub target: Option<f64>,
}

pub struct Evaluation {
    /// (file or slice, class) → counts.
    pub table: BTreeMap<(String, Class), Counts>,
    /// Class → counts over every file.
    pub totals: BTreeMap<Class, Counts>,
    pub failures: Vec<Failure>,
    pub cases: usize,
}

impl Evaluation {
    /// The headline figures the ratchet and the targets watch.
    pub fn figures(&self) -> Vec<Figure> {
        let get = |file: &str, class: Class| {
            self.table
                .get(&(file.to_string(), class))
                .copied()
                .unwrap_or_default()
        };
        let total = |class: Class| self.totals.get(&class).copied().unwrap_or_default();
        let mut out = Vec::new();
        let mut push = |key: &str, value: f64, target: Option<f64>| {
            out.push(Figure {
                key: key.to_string(),
                value,
                target,
            })
        };
        for (name, c) in [
            ("currency", get("CurrencyModel", Class::Money)),
            (
                "currency.newswire",
                get("CurrencyModel[0-94]", Class::Money),
            ),
        ] {
            push(&format!("{name}.span_f1"), c.f1(), Some(0.95));
            push(&format!("{name}.overlap_f1"), c.overlap_f1(), None);
            push(&format!("{name}.value"), c.value_accuracy(), Some(0.95));
        }
        let d = get("duckling-money", Class::Money);
        push("duckling.value", d.value_accuracy(), Some(0.90));
        let p = get("PercentModel", Class::Percent);
        push("percent.span_f1", p.f1(), Some(0.95));
        push("percent.value", p.value_accuracy(), Some(0.95));
        let e = total(Class::DateExplicit);
        push("date.explicit.span_f1", e.f1(), Some(0.90));
        push("date.explicit.overlap_f1", e.overlap_f1(), None);
        push("date.explicit.value", e.value_accuracy(), Some(0.90));
        for (name, class) in [
            ("date.yearless", Class::DateYearless),
            ("date.relative", Class::DateRelative),
        ] {
            let c = total(class);
            push(&format!("{name}.span_f1"), c.f1(), None);
            push(&format!("{name}.value"), c.value_accuracy(), Some(0.75));
        }
        out
    }
}

/// Run crosscheck's extractor over every case and score it.
pub fn evaluate(cases: &[Case], rules: &RuleSet) -> Evaluation {
    let mut table: BTreeMap<(String, Class), Counts> = BTreeMap::new();
    let mut totals: BTreeMap<Class, Counts> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in cases {
        let doc_date = case
            .reference
            .as_deref()
            .and_then(crosscheck::extract::parse_iso_date);
        let analysis = analyze(&case.input, rules, doc_date);
        let kind = match case.scope {
            Scope::Money => Kind::Money,
            Scope::Percent => Kind::Percent,
            Scope::Date => Kind::Date,
        };
        // Recognizers-Text's entity is the value without its modifier words
        // ("$ 14 million" in "about $ 14 million"); Duckling's is the whole
        // phrase ("at most 7€"). crosscheck gives both spans.
        let preds: Vec<Mention> = analysis
            .mentions
            .into_iter()
            .filter(|m| m.kind == kind)
            .map(|mut m| {
                if !case.whole_text {
                    m.span = m.value_span;
                }
                m
            })
            .collect();
        let preds: Vec<&Mention> = preds.iter().collect();
        let (counts, failed) = score_case(case, &preds);
        for (class, c) in &counts {
            table
                .entry((case.file.to_string(), *class))
                .or_default()
                .add(c);
            if let Some(slice) = case.slice {
                table.entry((slice.to_string(), *class)).or_default().add(c);
            }
            totals.entry(*class).or_default().add(c);
        }
        if failed {
            failures.push(failure(case, &preds));
        }
    }
    Evaluation {
        table,
        totals,
        failures,
        cases: cases.len(),
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The gold span of an item; for Duckling the whole input without
/// surrounding spaces.
fn gold_span(case: &Case, g: &GoldItem) -> (usize, usize) {
    if case.whole_text {
        let t = &case.input;
        let start = t.len() - t.trim_start().len();
        (start, t.trim_end().len())
    } else {
        (g.start, g.end)
    }
}

/// Counts per class for one case, and whether anything went wrong.
fn score_case(case: &Case, preds: &[&Mention]) -> (BTreeMap<Class, Counts>, bool) {
    let mut out: BTreeMap<Class, Counts> = BTreeMap::new();
    let mut failed = false;
    let scored: Vec<(&GoldItem, (usize, usize), Class)> = case
        .gold
        .iter()
        .filter_map(|g| g.class.map(|c| (g, gold_span(case, g), c)))
        .collect();
    for p in preds {
        let span = (p.span.start, p.span.end);
        if case.whole_text && !scored.is_empty() && !scored.iter().any(|(_, s, _)| *s == span) {
            // Duckling checks only the entity covering the whole text.
            continue;
        }
        let exact = scored.iter().find(|(_, s, _)| *s == span);
        let over = scored.iter().find(|(_, s, _)| overlaps(*s, span));
        let dont_care = case
            .gold
            .iter()
            .any(|g| g.class.is_none() && overlaps((g.start, g.end), span));
        let class = match (exact, over) {
            (Some((_, _, c)), _) | (None, Some((_, _, c))) => *c,
            (None, None) if dont_care => continue,
            (None, None) => predicted_class(case, p),
        };
        let c = out.entry(class).or_default();
        c.pred += 1;
        if exact.is_some() {
            c.pred_exact += 1;
        } else {
            failed = true;
        }
        if over.is_some() {
            c.pred_overlap += 1;
        }
    }
    for (g, span, class) in &scored {
        let c = out.entry(*class).or_default();
        c.gold += 1;
        let hits: Vec<&&Mention> = preds
            .iter()
            .filter(|p| overlaps((p.span.start, p.span.end), *span))
            .collect();
        if preds.iter().any(|p| (p.span.start, p.span.end) == *span) {
            c.gold_exact += 1;
        } else {
            failed = true;
        }
        if !hits.is_empty() {
            c.gold_overlap += 1;
        }
        if has_value(&g.value) {
            c.valued += 1;
            let ok = hits.iter().any(|p| {
                (!case.whole_text || (p.span.start, p.span.end) == *span)
                    && value_matches(&g.value, p, case.whole_text)
            });
            if ok {
                c.value_ok += 1;
            } else {
                failed = true;
            }
        }
    }
    (out, failed)
}

fn has_value(v: &GoldValue) -> bool {
    match v {
        GoldValue::None => false,
        GoldValue::Dates(d) => !d.is_empty(),
        _ => true,
    }
}

/// The class a false positive is counted in.
fn predicted_class(case: &Case, p: &Mention) -> Class {
    match &p.value {
        Value::Money(_) => Class::Money,
        Value::Percent(_) => Class::Percent,
        Value::Date(d) => {
            let text = &case.input[p.span.start..p.span.end];
            if super::gold::has_explicit_year(text) {
                Class::DateExplicit
            } else if d.year_inferred || d.partial.is_some() {
                Class::DateYearless
            } else {
                Class::DateRelative
            }
        }
        // Only the scope's kind is scored (see `score`): never reached.
        Value::Entity(_) | Value::Quantity(_) => Class::Money,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-9)
}

fn value_matches(gold: &GoldValue, p: &Mention, strict_bounds: bool) -> bool {
    match (gold, &p.value) {
        (
            GoldValue::Money {
                value,
                min,
                max,
                currency,
            },
            Value::Money(m),
        ) => {
            let cur_ok = match currency {
                GoldCurrency::Any => true,
                GoldCurrency::Codes(codes) => codes.contains(&m.currency),
            };
            let a = &m.amount;
            let eq = |g: &Option<f64>, o: &Option<f64>| match (g, o) {
                (Some(g), Some(o)) => close(*g, *o),
                _ => false,
            };
            let value_ok = match (value, min, max) {
                (Some(_), _, _) if !strict_bounds => eq(value, &a.value),
                (Some(_), _, _) => eq(value, &a.value) && a.bound.is_none(),
                (None, Some(_), Some(_)) => a.value.is_none() && eq(min, &a.min) && eq(max, &a.max),
                (None, None, Some(_)) => a.bound == Some(Bound::Upper) && eq(max, &a.max),
                (None, Some(_), None) => a.bound == Some(Bound::Lower) && eq(min, &a.min),
                (None, None, None) => false,
            };
            cur_ok && value_ok
        }
        (GoldValue::Percent(v), Value::Percent(a)) => a.value.is_some_and(|x| close(*v, x)),
        (GoldValue::Dates(options), Value::Date(d)) => options.iter().any(|g| date_matches(g, d)),
        _ => false,
    }
}

/// A date as a half-open day interval `[start, end)`, ISO strings.
pub fn day_interval(d: &DateValue) -> Option<(String, String)> {
    let start_of = |s: &str| -> Option<String> {
        Some(match s.len() {
            4 => format!("{s}-01-01"),
            7 if s.as_bytes()[5] == b'Q' => {
                let q: u32 = s[6..7].parse().ok()?;
                format!("{}-{:02}-01", &s[0..4], (q - 1) * 3 + 1)
            }
            7 => format!("{s}-01"),
            10 => s.to_string(),
            _ => return None,
        })
    };
    let end_of = |s: &str| -> Option<String> {
        let y: i32 = s.get(0..4)?.parse().ok()?;
        Some(match s.len() {
            4 => format!("{:04}-01-01", y + 1),
            7 if s.as_bytes()[5] == b'Q' => {
                let q: u32 = s[6..7].parse().ok()?;
                if q == 4 {
                    format!("{:04}-01-01", y + 1)
                } else {
                    format!("{y:04}-{:02}-01", q * 3 + 1)
                }
            }
            7 => {
                let m: u32 = s[5..7].parse().ok()?;
                if m == 12 {
                    format!("{:04}-01-01", y + 1)
                } else {
                    format!("{y:04}-{:02}-01", m + 1)
                }
            }
            10 => next_day(s)?,
            _ => return None,
        })
    };
    match (&d.value, &d.min, &d.max) {
        (Some(v), _, _) => Some((start_of(v)?, end_of(v)?)),
        (None, Some(a), Some(b)) => Some((start_of(a)?, end_of(b)?)),
        _ => None,
    }
}

fn next_day(s: &str) -> Option<String> {
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    Some(if d < days {
        format!("{y:04}-{m:02}-{:02}", d + 1)
    } else if m < 12 {
        format!("{y:04}-{:02}-01", m + 1)
    } else {
        format!("{:04}-01-01", y + 1)
    })
}

fn date_matches(g: &GoldDate, d: &DateValue) -> bool {
    let Some((start, end)) = day_interval(d) else {
        return false;
    };
    if let Some(v) = &g.value {
        return d.granularity == Granularity::Day && d.value.as_deref() == Some(v.as_str());
    }
    if g.start.is_some() || g.end.is_some() {
        return g.start.as_ref().is_none_or(|s| *s == start)
            && g.end.as_ref().is_none_or(|e| *e == end);
    }
    g.modifier.is_none() && g.timex.is_some() && g.timex == d.value
}

fn describe_gold(case: &Case, g: &GoldItem) -> String {
    let class = g.class.map_or("out of scope", Class::as_str);
    let value = match &g.value {
        GoldValue::None => String::new(),
        GoldValue::Money {
            value,
            min,
            max,
            currency,
        } => {
            let cur = match currency {
                GoldCurrency::Any => "any".to_string(),
                GoldCurrency::Codes(c) => c.join("|"),
            };
            format!(" = {cur} value={value:?} min={min:?} max={max:?}")
        }
        GoldValue::Percent(v) => format!(" = {v}%"),
        GoldValue::Dates(ds) => {
            let alts: Vec<String> = ds
                .iter()
                .map(|d| match (&d.value, &d.start, &d.end) {
                    (Some(v), _, _) => v.clone(),
                    (None, s, e) => format!(
                        "[{}, {}) {}",
                        s.as_deref().unwrap_or(""),
                        e.as_deref().unwrap_or(""),
                        d.timex.as_deref().unwrap_or("")
                    ),
                })
                .collect();
            format!(" = {}", alts.join(" or "))
        }
    };
    let (a, b) = gold_span(case, g);
    format!("{:?} {a}..{b} [{class}]{value}", &case.input[a..b])
}

fn describe_pred(case: &Case, p: &Mention) -> String {
    let text = &case.input[p.span.start..p.span.end];
    let value = match &p.value {
        Value::Money(m) => format!(
            "{} value={:?} min={:?} max={:?} bound={:?}",
            m.currency, m.amount.value, m.amount.min, m.amount.max, m.amount.bound
        ),
        Value::Percent(a) => format!("{:?}%", a.value),
        Value::Date(d) => match day_interval(d) {
            Some((s, e)) => format!("{} [{s}, {e})", d.value.as_deref().unwrap_or("range")),
            None => format!("unresolved {:?}", d.partial),
        },
        Value::Quantity(q) => format!("{:?} {}", q.amount.value, q.unit),
        Value::Entity(e) => e.canonical.clone(),
    };
    format!("{text:?} {}..{} = {value}", p.span.start, p.span.end)
}

fn failure(case: &Case, preds: &[&Mention]) -> Failure {
    let id = match &case.source {
        super::gold::Source::Recognizers { file, index } => format!("{file}#{index}"),
        super::gold::Source::Duckling { index } => format!("duckling#{index}"),
    };
    Failure {
        file: case.file,
        id,
        input: case.input.clone(),
        expected: case.gold.iter().map(|g| describe_gold(case, g)).collect(),
        got: preds.iter().map(|p| describe_pred(case, p)).collect(),
    }
}
