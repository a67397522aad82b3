//! Percentages: "27%", "30–40%", "49 percent", "Seventy per cent".

use super::money::{number, qualify};
use super::{Kind, Mention, Value};
use crate::normalize::Amount;
use crate::rules::{Lexicon, RuleId};
use crate::span::Span;
use regex::Captures;

/// Interpret a percent pattern's match.
pub fn interpret(caps: &Captures, lex: &Lexicon, rule: RuleId) -> Option<Mention> {
    let mut used = Vec::new();
    let n1 = number(caps, lex, "", &mut used)?;
    let mut amount = match number(caps, lex, "2", &mut used) {
        None => Amount::exact(n1.value, n1.precision),
        Some(n2) => {
            if n1.value >= n2.value {
                return None;
            }
            Amount::range(n1.value, n2.value, n1.precision.max(n2.precision))
        }
    };
    qualify(caps, lex, "", &mut amount, &mut used);
    if caps.name("neg").is_some() {
        // "minus five percent": the sign is part of the value.
        let neg = |v: Option<f64>| v.map(|x| -x);
        (amount.value, amount.min, amount.max) =
            (neg(amount.value), neg(amount.max), neg(amount.min));
    }
    Some(Mention {
        kind: Kind::Percent,
        span: Span::new(0, 0),
        value_span: Span::new(0, 0),
        rule,
        lexicon: used,
        value: Value::Percent(amount),
    })
}
