//! Rule examples as tests: every example of every rule is run through the
//! pipeline and must produce what it says. `crosscheck rules test` and the
//! test suite both call `check_examples`.

use super::format::{Example, Scalar};
use super::{RuleId, RuleSet};
use crate::extract::{parse_iso_date, Kind, Mention, Value};
use crate::normalize::Bound;
use crate::pipeline::analyze;
use std::fmt;

/// An example that did not produce what it promised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub path: String,
    pub line: usize,
    pub rule: String,
    pub text: String,
    pub message: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: rule '{}': example {:?}: {}",
            self.path, self.line, self.rule, self.text, self.message
        )
    }
}

/// Run every example; returns the failures (empty when all pass) and the
/// number of examples checked.
pub fn check_examples(rules: &RuleSet) -> (Vec<ExampleFailure>, usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (id, info) in rules.rules.iter().enumerate() {
        for (line, ex) in &info.examples {
            count += 1;
            if let Err(message) = check_one(rules, id as RuleId, info.table, ex) {
                failures.push(ExampleFailure {
                    path: info.file.clone(),
                    line: *line,
                    rule: info.name.clone(),
                    text: ex.text.clone(),
                    message,
                });
            }
        }
    }
    (failures, count)
}

fn kinds_of(rules: &RuleSet, id: RuleId, table: &str) -> &'static [Kind] {
    match table {
        "pattern" => match rules.patterns.iter().find(|p| p.id == id).map(|p| p.kind) {
            Some(super::PatternKind::Money) => &[Kind::Money],
            Some(super::PatternKind::Date) => &[Kind::Date],
            Some(super::PatternKind::Percent) => &[Kind::Percent],
            _ => &[Kind::Entity],
        },
        "currency" | "scale" | "qualifier" | "per" => &[Kind::Money],
        "number_word" => &[Kind::Money, Kind::Percent],
        "month" => &[Kind::Date],
        "entity" => &[Kind::Entity],
        _ => &[],
    }
}

fn check_one(rules: &RuleSet, id: RuleId, table: &str, ex: &Example) -> Result<(), String> {
    let doc_date = match &ex.doc_date {
        Some(d) => {
            Some(parse_iso_date(d).ok_or_else(|| format!("doc_date {d:?} is not an ISO date"))?)
        }
        None => None,
    };
    let a = analyze(&ex.text, rules, doc_date);
    if table == "trigger" || table == "cue" {
        return check_claim(id, table, ex, &a.claims);
    }
    let kinds = kinds_of(rules, id, table);
    let of_kind: Vec<&Mention> = a
        .mentions
        .iter()
        .filter(|m| kinds.contains(&m.kind))
        .collect();
    if ex.none {
        // Rule-scoped: other rules may legitimately match the same text.
        return match of_kind
            .iter()
            .find(|m| m.rule == id || m.lexicon.contains(&id))
        {
            None => Ok(()),
            Some(m) => Err(format!(
                "expected this rule to produce nothing, got {} {:?}",
                m.kind.as_str(),
                &ex.text[m.span.range()]
            )),
        };
    }
    let want = ex.matched.as_deref().unwrap_or(&ex.text);
    let Some(m) = of_kind.iter().find(|m| &ex.text[m.span.range()] == want) else {
        let got: Vec<&str> = of_kind.iter().map(|m| &ex.text[m.span.range()]).collect();
        return Err(format!("expected a mention {want:?}, got {got:?}"));
    };
    let by_this_rule = m.rule == id || m.lexicon.contains(&id);
    if !by_this_rule {
        return Err(format!(
            "{want:?} was found, but by rule '{}', not this one",
            rules.label(m.rule)
        ));
    }
    compare_value(m, ex)
}

fn num_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn want_num(s: &Option<Scalar>) -> Option<f64> {
    match s {
        Some(Scalar::Num(n)) => Some(*n),
        _ => None,
    }
}

fn check_num(field: &str, want: &Option<Scalar>, got: Option<f64>) -> Result<(), String> {
    if let Some(w) = want_num(want) {
        match got {
            Some(g) if num_eq(g, w) => {}
            _ => return Err(format!("{field}: expected {w}, got {got:?}")),
        }
    }
    Ok(())
}

fn compare_value(m: &Mention, ex: &Example) -> Result<(), String> {
    match &m.value {
        Value::Money(money) => {
            check_num("value", &ex.value, money.amount.value)?;
            check_num("min", &ex.min, money.amount.min)?;
            check_num("max", &ex.max, money.amount.max)?;
            if let Some(c) = &ex.currency {
                if *c != money.currency {
                    return Err(format!("currency: expected {c}, got {}", money.currency));
                }
            }
            if let Some(p) = &ex.per {
                if money.per.as_deref() != Some(p.as_str()) {
                    return Err(format!("per: expected {p}, got {:?}", money.per));
                }
            }
            check_flags(&money.amount, ex)
        }
        Value::Percent(a) => {
            check_num("value", &ex.value, a.value)?;
            check_num("min", &ex.min, a.min)?;
            check_num("max", &ex.max, a.max)?;
            check_flags(a, ex)
        }
        Value::Date(d) => {
            for (field, want, got) in [
                ("value", &ex.value, &d.value),
                ("min", &ex.min, &d.min),
                ("max", &ex.max, &d.max),
            ] {
                if let Some(Scalar::Str(w)) = want {
                    if got.as_deref() != Some(w.as_str()) {
                        return Err(format!("{field}: expected {w}, got {got:?}"));
                    }
                }
            }
            if let Some(g) = &ex.granularity {
                if d.granularity.as_str() != g {
                    return Err(format!(
                        "granularity: expected {g}, got {}",
                        d.granularity.as_str()
                    ));
                }
            }
            Ok(())
        }
        Value::Entity(e) => {
            if let Some(c) = &ex.canonical {
                if *c != e.canonical {
                    return Err(format!("canonical: expected {c}, got {}", e.canonical));
                }
            }
            Ok(())
        }
    }
}

fn check_flags(a: &crate::normalize::Amount, ex: &Example) -> Result<(), String> {
    if let Some(approx) = ex.approx {
        if a.approx != approx {
            return Err(format!("approx: expected {approx}, got {}", a.approx));
        }
    }
    if let Some(b) = &ex.bound {
        let got = match a.bound {
            Some(Bound::Upper) => "upper",
            Some(Bound::Lower) => "lower",
            None => "none",
        };
        if got != b {
            return Err(format!("bound: expected {b}, got {got}"));
        }
    }
    Ok(())
}

fn check_claim(
    id: RuleId,
    table: &str,
    ex: &Example,
    claims: &[crate::claims::Claim],
) -> Result<(), String> {
    let describe = |c: &crate::claims::Claim| {
        format!(
            "{} {} {} = {:?} ({})",
            c.subject,
            c.predicate,
            c.object.as_deref().unwrap_or("-"),
            c.text,
            c.scope.as_str()
        )
    };
    if ex.none {
        return match claims.first() {
            None => Ok(()),
            Some(c) => Err(format!("expected no claim, got {}", describe(c))),
        };
    }
    let candidates: Vec<&crate::claims::Claim> = claims
        .iter()
        .filter(|c| ex.matched.as_deref().is_none_or(|m| c.text == m))
        .filter(|c| table != "trigger" || c.trigger == Some(id))
        .collect();
    let mut last_err = if candidates.is_empty() {
        let got: Vec<String> = claims.iter().map(describe).collect();
        format!(
            "expected a claim{}, got {got:?}",
            if table == "trigger" {
                " from this trigger"
            } else {
                ""
            }
        )
    } else {
        String::new()
    };
    for c in candidates {
        let mut errs = Vec::new();
        if let Some(s) = &ex.subject {
            if c.subject != *s {
                errs.push(format!("subject: expected {s}, got {}", c.subject));
            }
        }
        if let Some(o) = &ex.object {
            if c.object.as_deref() != Some(o.as_str()) {
                errs.push(format!("object: expected {o}, got {:?}", c.object));
            }
        }
        if let Some(p) = &ex.predicate {
            if c.predicate != *p {
                errs.push(format!("predicate: expected {p}, got {}", c.predicate));
            }
        }
        if let Some(s) = &ex.scope {
            if c.scope.as_str() != s {
                errs.push(format!("scope: expected {s}, got {}", c.scope.as_str()));
            }
        }
        if let Some(q) = &ex.qualifier {
            if !c.qualifiers.iter().any(|x| x == q) {
                errs.push(format!(
                    "qualifier: expected {q:?} among {:?}",
                    c.qualifiers
                ));
            }
        }
        if let Some(w) = want_num(&ex.value) {
            if c.amount.value.is_none_or(|g| !num_eq(g, w)) {
                errs.push(format!("value: expected {w}, got {:?}", c.amount.value));
            }
        }
        if errs.is_empty() {
            return Ok(());
        }
        last_err = format!("{} in claim {}", errs.join("; "), describe(c));
    }
    Err(last_err)
}
