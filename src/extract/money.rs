//! Money: a pattern's captures → a currency amount.
//!
//! Groups: `num`/`numword` (+`2` for a range's second end), `scale`,
//! `cur_prefix`/`cur_suffix`, `qual`, `per`. A range's first end borrows the
//! scale of the second ("$2–4 billion" is 2e9–4e9), never the reverse, and
//! a range must grow ("$5 billion to 2,000 startups" is not a range).

use super::{Kind, Mention, Money, Value};
use crate::normalize::{parse_number, Amount, Number};
use crate::rules::{cur_key, lex_key, Lexicon, RuleId};
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
        return number_words(m.as_str(), lex, used);
    }
    None
}

/// Read a run of number words: "forty-five" 45, "one hundred twenty" 120,
/// "three quarters" 0.75, "a quarter" 0.25, "half a" 0.5. `None` for a run
/// that is not one number ("one two", "twenty thirty").
pub(crate) fn number_words(s: &str, lex: &Lexicon, used: &mut Vec<RuleId>) -> Option<Number> {
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut total = 0.0_f64;
    let mut last = f64::NAN;
    let mut i = 0;
    while i < words.len() {
        // Longest lexicon entry first ("half a" before "half").
        let two = words.get(i + 1).map(|w| format!("{} {w}", words[i]));
        let (len, (id, v)) = match two.as_deref().and_then(|k| lex.number_word.get(k)) {
            Some(e) => (2, *e),
            None => (1, *lex.number_word.get(&words[i])?),
        };
        used.push(id);
        i += len;
        total = if v >= 100.0 && v.fract() == 0.0 && v.log10().fract() == 0.0 {
            // "hundred" multiplies what came before it ("three hundred").
            if total == 0.0 {
                v
            } else {
                total * v
            }
        } else if v < 1.0 {
            // A fraction word: "three quarters", "a quarter".
            if total == 0.0 {
                v
            } else {
                total * v
            }
        } else if total == 0.0 {
            v
        } else if (20.0..100.0).contains(&last) && last % 10.0 == 0.0 && v < 10.0 {
            // "twenty five", "hundred twenty", "hundred five".
            total + v
        } else if last >= 100.0 && v < 100.0 {
            total + v
        } else {
            return None;
        };
        last = v;
    }
    if !total.is_finite() || words.is_empty() {
        return None;
    }
    let precision = if total.fract() == 0.0 {
        1.0
    } else {
        total.abs().min(1.0) / 2.0
    };
    Some(Number {
        value: total,
        precision,
    })
}

/// The range from `n1` (times `s1`) to `n2` (times `s2`), both times
/// `factor`; `None` unless it grows.
pub(super) fn range(n1: &Number, s1: f64, n2: &Number, s2: f64, factor: f64) -> Option<Amount> {
    let (lo, hi) = (n1.value * s1 * factor, n2.value * s2 * factor);
    (lo < hi).then(|| Amount::range(lo, hi, (n1.precision * s1).max(n2.precision * s2) * factor))
}

/// A product of huge numbers can overflow to infinity: never emit one.
pub(super) fn is_finite(amount: &Amount) -> bool {
    amount.central().is_finite() && amount.precision.is_finite()
}

/// Apply the qualifier in group `qual{n}`, if any.
pub(super) fn qualify(
    caps: &Captures,
    lex: &Lexicon,
    n: &str,
    amount: &mut Amount,
    used: &mut Vec<RuleId>,
) {
    for group in [format!("qual{n}"), format!("postqual{n}")] {
        if let Some(q) = caps.name(&group) {
            if let Some((id, effect)) = lex.qualifier.get(&lex_key(q.as_str())) {
                used.push(*id);
                amount.qualify(*effect, q.as_str());
            }
        }
    }
}

pub(super) fn scale(
    caps: &Captures,
    lex: &Lexicon,
    n: &str,
    used: &mut Vec<RuleId>,
) -> Option<f64> {
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
            if let Some((id, code, factor)) = map.get(&cur_key(m.as_str())) {
                used.push(*id);
                return Some((code.clone(), *factor));
            }
        }
    }
    None
}

/// The sub-unit part of "3 dollars 50 cents" / "$20 and forty-three", in
/// main units (0.5, 0.43). `Some(None)` when there is none; `None` when it
/// is not a sub-unit (100 or more, a fraction, a main-unit word after it).
fn cents(caps: &Captures, lex: &Lexicon, used: &mut Vec<RuleId>) -> Option<Option<f64>> {
    let n = match (caps.name("cents"), caps.name("centsword")) {
        (Some(m), _) => parse_number(m.as_str())?,
        (None, Some(m)) => {
            // A spelled-out sub-unit needs "and" before it or its unit word
            // after it: "10 dollars one time" and "470 pence a share" hold
            // no cents.
            let whole = caps.get(0)?;
            let before = whole.as_str()[..m.start() - whole.start()].trim_end();
            let after_and = before
                .get(before.len().saturating_sub(4)..)
                .is_some_and(|t| t.eq_ignore_ascii_case(" and"));
            if caps.name("cur_suffix2").is_none() && !after_and {
                return None;
            }
            if matches!(m.as_str().to_lowercase().as_str(), "a" | "an") {
                return None;
            }
            number_words(m.as_str(), lex, used)?
        }
        (None, None) => return Some(None),
    };
    // Cents go on a whole amount: "$4.25 and 32" is not $4.57.
    if caps.name("num").is_some_and(|m| m.as_str().contains('.')) || caps.name("scale").is_some() {
        return None;
    }
    if n.value >= 100.0 || n.value.fract() != 0.0 {
        return None;
    }
    if let Some(unit) = caps.name("cur_suffix2") {
        let (id, _, factor) = lex.cur_suffix.get(&cur_key(unit.as_str()))?;
        if *factor >= 1.0 {
            return None;
        }
        used.push(*id);
    }
    Some(Some(n.value / 100.0))
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
    // Nobody writes "five $": a number word takes a currency word.
    if caps.name("numword").is_some()
        && caps
            .name("cur_suffix")
            .is_some_and(|m| !m.as_str().chars().any(char::is_alphabetic))
    {
        return None;
    }
    let mut amount = match n2 {
        None => match cents(caps, lex, &mut used)? {
            Some(c) => Amount::exact(n1.value * s1 * factor + c, 0.01),
            None => Amount::exact(n1.value * s1 * factor, n1.precision * s1 * factor),
        },
        // The second end never borrows the first's scale: "$5 billion to
        // 2,000 startups" must not become 5e9–2e12.
        Some(n2) => range(&n1, s1, &n2, s2.unwrap_or(1.0), factor)?,
    };
    if !is_finite(&amount) {
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
        value_span: Span::new(0, 0),
        rule,
        lexicon: used,
        value: Value::Money(Money {
            currency: code,
            amount,
            per,
        }),
    })
}
