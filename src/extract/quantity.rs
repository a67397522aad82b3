//! Quantities: a count or a measure with its unit — "450 million active
//! users", "183,865,778 shares", "7 gigawatts", "more than 25,000 jobs".
//!
//! Groups: `num`/`numword` (+`2` for a range's second end), `scale`, `qual`,
//! `measure`, the word that says what is counted (`[[measure]]` in the
//! rules gives its unit), and `per`, a rate after it ("a day": the unit
//! becomes "barrels/day"). A range's first end borrows the scale of the
//! second, as money does ("5–7 million users").

use super::money::{is_finite, number, qualify, range, scale};
use super::{Kind, Mention, Quantity, Value};
use crate::normalize::Amount;
use crate::rules::{lex_key, Lexicon, RuleId};
use crate::span::Span;
use regex::Captures;

/// Interpret a quantity pattern's match; `None` without a known measure
/// word or a number, or for a range that does not grow.
pub fn interpret(caps: &Captures, lex: &Lexicon, rule: RuleId) -> Option<Mention> {
    let mut used = Vec::new();
    let word = caps.name("measure")?;
    let (id, unit) = lex.measure.get(&lex_key(word.as_str()))?;
    used.push(*id);
    // A rate after it: "5 million barrels a day" is "barrels/day".
    let unit = match caps.name("per") {
        Some(p) => {
            let (pid, per) = lex.per.get(&lex_key(p.as_str()))?;
            used.push(*pid);
            format!("{unit}/{per}")
        }
        None => unit.clone(),
    };
    if !gap_is_modifiers(caps, word.start()) {
        return None;
    }
    // "a" and "an" are numbers only with a scale ("a million users"):
    // "Class A shares" counts no single share.
    if caps.name("numword").is_some_and(|m| {
        matches!(m.as_str().to_lowercase().as_str(), "a" | "an") && caps.name("scale").is_none()
    }) {
        return None;
    }
    let n1 = number(caps, lex, "", &mut used)?;
    // A `span` that ends before the second number marks the first of a
    // change ("from 500 million to 600 million users"): no range.
    let first_only = caps
        .name("span")
        .zip(caps.name("num2"))
        .is_some_and(|(sp, n)| n.start() >= sp.end());
    let (n2, s2) = if first_only {
        (None, None)
    } else {
        (
            number(caps, lex, "2", &mut used),
            scale(caps, lex, "2", &mut used),
        )
    };
    let s1 = scale(caps, lex, "", &mut used).or(s2).unwrap_or(1.0);
    if n2.is_none() && is_bare_year(caps) {
        return None;
    }
    let mut amount = match n2 {
        None => Amount::exact(n1.value * s1, n1.precision * s1),
        Some(n2) => range(&n1, s1, &n2, s2.unwrap_or(1.0), 1.0)?,
    };
    if !is_finite(&amount) {
        return None;
    }
    qualify(caps, lex, "", &mut amount, &mut used);
    Some(Mention {
        kind: Kind::Quantity,
        span: Span::new(0, 0),
        value_span: Span::new(0, 0),
        rule,
        lexicon: used,
        value: Value::Quantity(Quantity { unit, amount }),
    })
}

/// Words that never stand between a number and what it counts: in "5
/// million of the shares" and "$5 billion to 2,000 startups" the number is
/// not a count of the word after them.
const NOT_MODIFIERS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "had", "has", "have", "her",
    "his", "in", "is", "its", "less", "more", "of", "on", "or", "our", "per", "than", "that",
    "the", "their", "to", "was", "were", "which", "who", "will", "with", "would",
];

/// Whether the words between the number (or its scale) and the measure
/// word at `measure` are modifiers ("active", "Class A", "new"), not small
/// words of the sentence.
fn gap_is_modifiers(caps: &Captures, measure: usize) -> bool {
    let whole = caps.get(0).expect("group 0");
    // A qualifier after the number ("5 or more GW") is no gap word.
    let number_end = [
        "num",
        "num2",
        "numword",
        "numword2",
        "scale",
        "scale2",
        "postqual",
        "postqual2",
    ]
    .iter()
    .filter_map(|g| caps.name(g))
    .map(|m| m.end())
    .filter(|&e| e <= measure)
    .max()
    .unwrap_or(whole.start());
    let gap = &whole.as_str()[number_end - whole.start()..measure - whole.start()];
    gap.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .all(|w| !NOT_MODIFIERS.contains(&w.to_lowercase().as_str()))
}

/// A year-like number with nothing to make it a count ("In 2024 users
/// complained"): four digits from 1800 to 2199, no comma, scale or
/// qualifier.
fn is_bare_year(caps: &Captures) -> bool {
    let Some(n) = caps.name("num") else {
        return false;
    };
    let digits = n.as_str();
    digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (1800..2200).contains(&digits.parse::<u32>().unwrap_or(0))
        && caps.name("scale").is_none()
        && caps.name("qual").is_none()
}
