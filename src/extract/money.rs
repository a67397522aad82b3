//! Money: a pattern's captures → a currency amount.
//!
//! Groups: `num`/`numword` (+`2` for a range's second end), `scale`,
//! `cur_prefix`/`cur_suffix`, `qual`, `per`. A range's first end borrows the
//! scale of the second ("$2–4 billion" is 2e9–4e9), never the reverse, and
//! a range must grow ("$5 billion to 2,000 startups" is not a range).

use super::{Kind, Mention, Money, Value};
use crate::normalize::{parse_number, Amount, Number};
use crate::rules::{lex_key, Lexicon, RuleId};
use crate::span::Span;
use regex::Captures;

/// Read a number from `num{n}` or `numword{n}`.
pub(super) fn number(
    caps: &Captures,
    lex: &Lexicon,
    n: &str,
    used: &mut Vec<RuleId>,
) -> Option<Number> {
    if let Some(m) = caps.name(&format!("num{n}")) {
        return parse_number(m.as_str());
    }
    if let Some(m) = caps.name(&format!("numword{n}")) {
        let (id, value) = *lex.number_word.get(&lex_key(m.as_str()))?;
        used.push(id);
        let precision = if value.fract() == 0.0 {
            1.0
        } else {
            value.abs().min(1.0) / 2.0
        };
        return Some(Number { value, precision });
    }
    None
}

/// Apply the qualifier in group `qual{n}`, if any.
pub(super) fn qualify(
    caps: &Captures,
    lex: &Lexicon,
    n: &str,
    amount: &mut Amount,
    used: &mut Vec<RuleId>,
) {
    if let Some(q) = caps.name(&format!("qual{n}")) {
        if let Some((id, effect)) = lex.qualifier.get(&lex_key(q.as_str())) {
            used.push(*id);
            amount.qualify(*effect, q.as_str());
        }
    }
}

fn scale(caps: &Captures, lex: &Lexicon, n: &str, used: &mut Vec<RuleId>) -> Option<f64> {
    let m = caps.name(&format!("scale{n}"))?;
    let (id, mult) = *lex.scale.get(&lex_key(m.as_str()))?;
    used.push(id);
    Some(mult)
}

fn currency(caps: &Captures, lex: &Lexicon, used: &mut Vec<RuleId>) -> Option<(String, f64)> {
    for (group, map) in [
        ("cur_prefix", &lex.cur_prefix),
        ("cur_prefix2", &lex.cur_prefix),
        ("cur_suffix", &lex.cur_suffix),
        ("cur_suffix2", &lex.cur_suffix),
    ] {
        if let Some(m) = caps.name(group) {
            if let Some((id, code, factor)) = map.get(&lex_key(m.as_str())) {
                used.push(*id);
                return Some((code.clone(), *factor));
            }
        }
    }
    None
}

/// Interpret a money pattern's match; `None` when the captures do not make
/// a valid amount (no currency, no number, a range that does not grow).
pub fn interpret(caps: &Captures, lex: &Lexicon, rule: RuleId) -> Option<Mention> {
    let mut used = Vec::new();
    let (code, factor) = currency(caps, lex, &mut used)?;
    let n1 = number(caps, lex, "", &mut used)?;
    let n2 = number(caps, lex, "2", &mut used);
    let s2 = scale(caps, lex, "2", &mut used);
    let s1 = scale(caps, lex, "", &mut used).or(s2).unwrap_or(1.0);
    let mut amount = match n2 {
        None => Amount::exact(n1.value * s1 * factor, n1.precision * s1 * factor),
        Some(n2) => {
            // The second end never borrows the first's scale: "$5 billion to
            // 2,000 startups" must not become 5e9–2e12.
            let s2 = s2.unwrap_or(1.0);
            let lo = n1.value * s1 * factor;
            let hi = n2.value * s2 * factor;
            if lo >= hi {
                return None;
            }
            Amount::range(lo, hi, (n1.precision * s1).max(n2.precision * s2) * factor)
        }
    };
    // A product of huge numbers can overflow to infinity: never emit one.
    if !amount.central().is_finite() || !amount.precision.is_finite() {
        return None;
    }
    qualify(caps, lex, "", &mut amount, &mut used);
    if n2.is_some() {
        // A qualifier on the range's second end ("to over $200 billion")
        // is kept as written; the range itself stays [lo, hi].
        let mut second = amount.clone();
        qualify(caps, lex, "2", &mut second, &mut used);
        amount.approx |= second.approx;
        amount.qualifier = second.qualifier;
    }
    let per = caps.name("per").and_then(|m| {
        let (id, unit) = lex.per.get(&lex_key(m.as_str()))?;
        used.push(*id);
        Some(unit.clone())
    });
    Some(Mention {
        kind: Kind::Money,
        span: Span::new(0, 0),
        rule,
        lexicon: used,
        value: Value::Money(Money {
            currency: code,
            amount,
            per,
        }),
    })
}
