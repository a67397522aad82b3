//! Extract: text + compiled rules → mentions of money, dates, percentages,
//! quantities and entities, each with its exact byte span, a normalised value and the
//! rules that produced it.
//!
//! Every pattern runs over the text; a match must sit on word boundaries
//! (so "valued" never yields "alued"); overlapping candidates are resolved
//! longest-first across kinds (so "$2–4 billion" is one range, never "$2"
//! plus a date). Entities come from the gazetteer first, then unknown
//! capitalised names fill the gaps.

mod calendar;
mod dates;
mod entities;
pub use entities::is_company_suffix;
pub(crate) mod money;
mod percent;
mod quantity;

pub use dates::{parse_iso_date, unix_day, Anchor, DateValue, Granularity, Relative, Unit};

use crate::normalize::Amount;
use crate::rules::{is_word_bounded, CompiledPattern, PatternKind, RuleId, RuleSet};
use crate::span::{Span, SpanSet};
use crate::tokenize::{word_before, Tokens};
use serde::{Deserialize, Serialize};

/// The kind of a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Money,
    Date,
    Percent,
    Quantity,
    Entity,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Money => "money",
            Kind::Date => "date",
            Kind::Percent => "percent",
            Kind::Quantity => "quantity",
            Kind::Entity => "entity",
        }
    }
}

/// A money amount.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    /// ISO 4217 code.
    pub currency: String,
    pub amount: Amount,
    /// A rate: "share", "year", "unit" ("$54.20 a share").
    pub per: Option<String>,
}

/// A count or a measure: "450 million users", "7 GW".
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// What is counted or measured, as the `[[measure]]` rules name it:
    /// "people", "shares", "GW".
    pub unit: String,
    pub amount: Amount,
}

/// An entity mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityValue {
    pub canonical: String,
    /// "org", "person", "product", "gov", … or "unknown" for names not in the gazetteer.
    pub kind: String,
    pub parent: Option<String>,
    pub known: bool,
}

/// A mention's normalised value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Money(Money),
    Date(DateValue),
    Percent(Amount),
    Quantity(Quantity),
    Entity(EntityValue),
}

/// One extracted mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub kind: Kind,
    /// The whole expression, qualifier words included ("about $14 million").
    pub span: Span,
    /// The value itself, without a leading qualifier ("$14 million"); equal
    /// to `span` when there is none.
    pub value_span: Span,
    /// The pattern or gazetteer entry that produced it.
    pub rule: RuleId,
    /// Lexicon entries it used (currency, scale, qualifier, month…).
    pub lexicon: Vec<RuleId>,
    pub value: Value,
}

impl Mention {
    /// Move the spans `by` bytes (a piece of a large document → the document).
    pub fn shift(&mut self, by: usize) {
        self.span = self.span.shifted(by);
        self.value_span = self.value_span.shifted(by);
    }

    pub fn money(&self) -> Option<&Money> {
        match &self.value {
            Value::Money(m) => Some(m),
            _ => None,
        }
    }
    pub fn date(&self) -> Option<&DateValue> {
        match &self.value {
            Value::Date(d) => Some(d),
            _ => None,
        }
    }
    pub fn entity(&self) -> Option<&EntityValue> {
        match &self.value {
            Value::Entity(e) => Some(e),
            _ => None,
        }
    }
    /// The amount of a money, percent or quantity mention.
    pub fn amount(&self) -> Option<&Amount> {
        match &self.value {
            Value::Money(m) => Some(&m.amount),
            Value::Percent(a) => Some(a),
            Value::Quantity(q) => Some(&q.amount),
            _ => None,
        }
    }
}

/// A candidate before overlap resolution.
struct Candidate {
    span: Span,
    order: usize,
    mention: Mention,
}

/// Extract all mentions from `text`, sorted by start offset. Dates written
/// without a year ("Feb. 19") stay partial: call `resolve_dates` once the
/// document date is known.
pub fn extract(text: &str, tokens: &Tokens, rules: &RuleSet) -> Vec<Mention> {
    let mut candidates: Vec<Candidate> = Vec::new();
    let active = rules.prefilter.active(text);
    for (order, pat) in rules.patterns.iter().enumerate() {
        if pat.kind == PatternKind::Entity || !active[order] {
            continue;
        }
        let mut pos = 0;
        while pos <= text.len() {
            let Some(caps) = pat.regex.captures_at(text, pos) else {
                break;
            };
            let whole = caps.get(0).expect("group 0");
            let span = caps
                .name("span")
                .map_or(Span::new(whole.start(), whole.end()), |m| {
                    Span::new(m.start(), m.end())
                });
            let bounded = is_word_bounded(text, Span::new(whole.start(), whole.end()), false);
            let vetoed = caps.name("veto").is_some()
                || vetoed_by_word_before(pat, text, whole.start())
                || (bounded && in_url(text, whole.start()));
            if bounded && vetoed {
                // Vetoed as a whole: its tail ("500 million to 600 million
                // users" of "grew from nearly 500 million to …") is no
                // match of this pattern either.
                pos = whole.end().max(whole.start() + 1);
                while pos < text.len() && !text.is_char_boundary(pos) {
                    pos += 1;
                }
                continue;
            }
            let mention = if bounded && !vetoed && !span.is_empty() {
                match pat.kind {
                    PatternKind::Money => money::interpret(&caps, &rules.lexicon, pat.id),
                    PatternKind::Percent => percent::interpret(&caps, &rules.lexicon, pat.id),
                    PatternKind::Quantity => quantity::interpret(&caps, &rules.lexicon, pat.id),
                    PatternKind::Date => dates::interpret(&caps, &rules.lexicon, pat),
                    PatternKind::Entity => None,
                }
            } else {
                None
            };
            match mention {
                Some(mut m) => {
                    m.span = span;
                    m.value_span = value_span(text, span, &caps);
                    candidates.push(Candidate {
                        span,
                        order,
                        mention: m,
                    });
                    pos = whole.end().max(whole.start() + 1);
                }
                None => {
                    // Try again one character later: a shorter match may fit.
                    pos = whole.start()
                        + text[whole.start()..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                }
            }
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }
    // Longest first, then leftmost, then rule order: "$2–4 billion" beats "$2".
    candidates.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(a.span.start.cmp(&b.span.start))
            .then(a.order.cmp(&b.order))
    });
    let mut kept: Vec<Mention> = Vec::new();
    let mut taken = SpanSet::new();
    for c in candidates {
        if taken.overlaps(&c.span) {
            continue;
        }
        taken.insert(c.span);
        kept.push(c.mention);
    }
    kept.sort_by_key(|m| (m.span.start, m.span.end));
    let mut ents = entities::extract(text, tokens, rules, &kept);
    kept.append(&mut ents);
    kept.sort_by_key(|m| (m.span.start, m.span.end, m.kind));
    kept
}

/// A pattern's `not_after` words (looked up through a "from" or "by") or,
/// with `not_after_number`, a number right before the match.
fn vetoed_by_word_before(pat: &CompiledPattern, text: &str, start: usize) -> bool {
    if pat.not_after.is_empty() && !pat.not_after_number {
        return false;
    }
    let (w, at) = word_before(text, start);
    if pat.not_after_number && w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let w = if w == "from" || w == "by" {
        word_before(text, at).0
    } else {
        w
    };
    pat.not_after.contains(&w)
}

/// True inside a URL ("…?q=30%25%2020%"): no amount, date or percent there.
fn in_url(text: &str, at: usize) -> bool {
    // Look at most this far either way: a text without spaces stays linear.
    const REACH: usize = 2048;
    let mut lo = at.saturating_sub(REACH);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (at + REACH).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    // After the last white space before `at` (which may be wider than a
    // byte: a no-break space is two).
    let start = text[lo..at]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let token = &text[start..hi];
    let token = &token[..token.find(char::is_whitespace).unwrap_or(token.len())];
    token.contains("://") || token.starts_with("www.")
}

/// The span without a leading qualifier group (`qual`), if the match starts
/// with one.
fn value_span(text: &str, span: Span, caps: &regex::Captures) -> Span {
    match caps.name("qual") {
        Some(q) if q.start() == span.start && q.end() < span.end => {
            let rest = &text[q.end()..span.end];
            let start = span.end - rest.trim_start().len();
            Span::new(start, span.end)
        }
        _ => span,
    }
}

/// Give dates written without a year the year that puts them nearest to
/// `anchor` (the document date, else the latest date the text states), and
/// relative dates ("yesterday", "last quarter") their day from `doc_date`
/// only: a date the article merely mentions is no "today". Without them
/// the dates stay unresolved.
pub fn resolve_dates(
    mentions: &mut [Mention],
    anchor: Option<&DateValue>,
    doc_date: Option<&DateValue>,
) {
    for m in mentions.iter_mut() {
        if let Value::Date(d) = &mut m.value {
            if d.relative.is_some() {
                dates::resolve_partial(d, doc_date, true);
            } else {
                let document = doc_date.is_some() && doc_date == anchor;
                dates::resolve_partial(d, anchor, document);
            }
        }
    }
}

#[cfg(test)]
mod tests;
