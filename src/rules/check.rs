//! Rule examples as tests: every example of every rule is run through the
//! pipeline and must produce what it says. `crosscheck rules test` and the
//! test suite both call `check_examples`.

use super::format::{Example, Scalar};
use super::{ExampleAt, RuleId, RuleSet};
use crate::extract::{parse_iso_date, Kind, Mention, Value};
use crate::normalize::Bound;
use crate::pipeline::analyze;
use std::fmt;

/// An example that did not produce what it promised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub rule: String,
    pub text: String,
    pub message: String,
    /// The line of the rule file the caret points into.
    pub source_line: String,
    pub help: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = crate::error::RuleProblem {
            path: self.path.clone(),
            line: self.line,
            column: self.column,
            rule: Some(self.rule.clone()),
            message: format!("example {:?}: {}", self.text, self.message),
            source_line: Some(self.source_line.clone()),
            help: Some(self.help.clone()),
        };
        write!(f, "{problem}")
    }
}

/// Why an example failed: the message, and the example field it is about
/// (where the caret goes).
struct Miss {
    message: String,
    field: &'static str,
}

impl Miss {
    fn at(field: &'static str, message: impl Into<String>) -> Miss {
        Miss {
            message: message.into(),
            field,
        }
    }
}

/// Run every example; returns the failures (empty when all pass) and the
/// number of examples checked.
pub fn check_examples(rules: &RuleSet) -> (Vec<ExampleFailure>, usize) {
    check_examples_where(rules, |_| true)
}

/// Run the examples of the rules `which` selects (say, those of a user's
/// `--rules` folder).
pub fn check_examples_where(
    rules: &RuleSet,
    which: impl Fn(&super::RuleInfo) -> bool,
) -> (Vec<ExampleFailure>, usize) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (id, info) in rules.rules.iter().enumerate().filter(|(_, r)| which(r)) {
        for ex in &info.examples {
            count += 1;
            if let Err(miss) = check_one(rules, id as RuleId, info.table, &ex.example) {
                failures.push(failure(info, ex, miss));
            }
        }
    }
    (failures, count)
}

fn failure(info: &super::RuleInfo, ex: &ExampleAt, miss: Miss) -> ExampleFailure {
    // The caret goes under the field the failure is about, when the example
    // spells it out (`value = 26000`), else under the example's start.
    let offset = field_offset(&ex.raw, miss.field).unwrap_or(0);
    let before = &ex.raw[..offset];
    let newlines = before.matches('\n').count();
    let (line, column) = if newlines == 0 {
        (ex.line, ex.column + before.chars().count())
    } else {
        let last = before.rfind('\n').map_or(0, |i| i + 1);
        (ex.line + newlines, before[last..].chars().count() + 1)
    };
    let source_line = ex.lines.get(newlines).cloned().unwrap_or_default();
    let help = match miss.field {
        "text" | "match" => format!(
            "the rule does not produce this: widen its regex or words, or fix the example; `crosscheck explain {:?}` shows what each rule makes of the text",
            ex.example.text
        ),
        "none" => "the rule matches text it promised not to: narrow it (a `veto` group or `not_after`), or drop `none = true`".to_string(),
        field => format!(
            "if the rule is right, change `{field}` in the example to what it got; else fix the rule"
        ),
    };
    ExampleFailure {
        path: info.file.clone(),
        line,
        column,
        rule: info.name.clone(),
        text: ex.example.text.clone(),
        message: miss.message,
        source_line,
        help,
    }
}

/// Byte offset of `field = ` in an example's source.
fn field_offset(raw: &str, field: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = raw[from..].find(field) {
        let at = from + i;
        let before_ok = raw[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let after = raw[at + field.len()..].trim_start();
        if before_ok && after.starts_with('=') {
            return Some(at);
        }
        from = at + field.len();
    }
    None
}

fn kinds_of(rules: &RuleSet, id: RuleId, table: &str) -> &'static [Kind] {
    match table {
        "pattern" => match rules.patterns.iter().find(|p| p.id == id).map(|p| p.kind) {
            Some(super::PatternKind::Money) => &[Kind::Money],
            Some(super::PatternKind::Date) => &[Kind::Date],
            Some(super::PatternKind::Percent) => &[Kind::Percent],
            Some(super::PatternKind::Quantity) => &[Kind::Quantity],
            _ => &[Kind::Entity],
        },
        "currency" => &[Kind::Money],
        "per" => &[Kind::Money, Kind::Quantity],
        "measure" => &[Kind::Quantity],
        "number_word" | "qualifier" | "scale" => &[Kind::Money, Kind::Percent, Kind::Quantity],
        "month" => &[Kind::Date],
        "entity" => &[Kind::Entity],
        _ => &[],
    }
}

fn check_one(rules: &RuleSet, id: RuleId, table: &str, ex: &Example) -> Result<(), Miss> {
    let doc_date =
        match &ex.doc_date {
            Some(d) => Some(parse_iso_date(d).ok_or_else(|| {
                Miss::at("doc_date", format!("doc_date {d:?} is not an ISO date"))
            })?),
            None => None,
        };
    let a = analyze(&ex.text, rules, doc_date);
    if matches!(table, "trigger" | "cue" | "reference" | "link") {
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
            Some(m) => Err(Miss::at(
                "none",
                format!(
                    "expected this rule to produce nothing, got {} {:?}",
                    m.kind.as_str(),
                    &ex.text[m.span.range()]
                ),
            )),
        };
    }
    let want = ex.matched.as_deref().unwrap_or(&ex.text);
    let Some(m) = of_kind.iter().find(|m| &ex.text[m.span.range()] == want) else {
        let got: Vec<&str> = of_kind.iter().map(|m| &ex.text[m.span.range()]).collect();
        let field = if ex.matched.is_some() {
            "match"
        } else {
            "text"
        };
        return Err(Miss::at(
            field,
            format!("expected a mention {want:?}, got {got:?}"),
        ));
    };
    let by_this_rule = m.rule == id || m.lexicon.contains(&id);
    if !by_this_rule {
        return Err(Miss::at(
            "text",
            format!(
                "{want:?} was found, but by rule '{}', not this one",
                rules.label(m.rule)
            ),
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

fn check_num(field: &'static str, want: &Option<Scalar>, got: Option<f64>) -> Result<(), Miss> {
    if let Some(w) = want_num(want) {
        match got {
            Some(g) if num_eq(g, w) => {}
            _ => {
                let got = got.map_or("nothing".to_string(), |g| g.to_string());
                return Err(Miss::at(field, format!("{field}: expected {w}, got {got}")));
            }
        }
    }
    Ok(())
}

/// An amount's value, ends and flags against the example.
fn check_amount(a: &crate::normalize::Amount, ex: &Example) -> Result<(), Miss> {
    check_num("value", &ex.value, a.value)?;
    check_num("min", &ex.min, a.min)?;
    check_num("max", &ex.max, a.max)?;
    check_flags(a, ex)
}

fn compare_value(m: &Mention, ex: &Example) -> Result<(), Miss> {
    match &m.value {
        Value::Money(money) => {
            if let Some(c) = &ex.currency {
                if *c != money.currency {
                    return Err(Miss::at(
                        "currency",
                        format!("currency: expected {c}, got {}", money.currency),
                    ));
                }
            }
            if let Some(p) = &ex.per {
                if money.per.as_deref() != Some(p.as_str()) {
                    return Err(Miss::at(
                        "per",
                        format!("per: expected {p}, got {:?}", money.per),
                    ));
                }
            }
            check_amount(&money.amount, ex)
        }
        Value::Quantity(q) => {
            if let Some(u) = &ex.unit {
                if *u != q.unit {
                    return Err(Miss::at(
                        "unit",
                        format!("unit: expected {u}, got {}", q.unit),
                    ));
                }
            }
            check_amount(&q.amount, ex)
        }
        Value::Percent(a) => check_amount(a, ex),
        Value::Date(d) => {
            for (field, want, got) in [
                ("value", &ex.value, &d.value),
                ("min", &ex.min, &d.min),
                ("max", &ex.max, &d.max),
            ] {
                if let Some(Scalar::Str(w)) = want {
                    if got.as_deref() != Some(w.as_str()) {
                        return Err(Miss::at(
                            field,
                            format!("{field}: expected {w}, got {got:?}"),
                        ));
                    }
                }
            }
            if let Some(g) = &ex.granularity {
                if d.granularity.as_str() != g {
                    return Err(Miss::at(
                        "granularity",
                        format!("granularity: expected {g}, got {}", d.granularity.as_str()),
                    ));
                }
            }
            Ok(())
        }
        Value::Entity(e) => {
            if let Some(c) = &ex.canonical {
                if *c != e.canonical {
                    return Err(Miss::at(
                        "canonical",
                        format!("canonical: expected {c}, got {}", e.canonical),
                    ));
                }
            }
            Ok(())
        }
    }
}

fn check_flags(a: &crate::normalize::Amount, ex: &Example) -> Result<(), Miss> {
    if let Some(approx) = ex.approx {
        if a.approx != approx {
            return Err(Miss::at(
                "approx",
                format!("approx: expected {approx}, got {}", a.approx),
            ));
        }
    }
    if let Some(b) = &ex.bound {
        let got = match a.bound {
            Some(Bound::Upper) => "upper",
            Some(Bound::Lower) => "lower",
            None => "none",
        };
        if got != b {
            return Err(Miss::at("bound", format!("bound: expected {b}, got {got}")));
        }
    }
    Ok(())
}

fn check_claim(
    id: RuleId,
    table: &str,
    ex: &Example,
    claims: &[crate::claims::Claim],
) -> Result<(), Miss> {
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
        // Rule-scoped for a trigger (another trigger may make a claim here);
        // for a cue, no claim at all.
        return match claims
            .iter()
            .find(|c| table != "trigger" || c.trigger == Some(id))
        {
            None => Ok(()),
            Some(c) => Err(Miss::at(
                "none",
                format!("expected no claim, got {}", describe(c)),
            )),
        };
    }
    let candidates: Vec<&crate::claims::Claim> = claims
        .iter()
        .filter(|c| ex.matched.as_deref().is_none_or(|m| c.text == m))
        .filter(|c| table != "trigger" || c.trigger == Some(id))
        .collect();
    let mut last_field = "text";
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
        let mut errs: Vec<(&'static str, String)> = Vec::new();
        if let Some(s) = &ex.subject {
            if c.subject != *s {
                errs.push((
                    "subject",
                    format!("subject: expected {s}, got {}", c.subject),
                ));
            }
        }
        if let Some(o) = &ex.object {
            // `object = "-"`: the claim has none.
            let want = (o != "-").then_some(o.as_str());
            if c.object.as_deref() != want {
                errs.push((
                    "object",
                    format!("object: expected {o}, got {:?}", c.object),
                ));
            }
        }
        if let Some(u) = &ex.unit {
            if c.unit != *u {
                errs.push(("unit", format!("unit: expected {u}, got {}", c.unit)));
            }
        }
        if let Some(p) = &ex.predicate {
            if c.predicate != *p {
                errs.push((
                    "predicate",
                    format!("predicate: expected {p}, got {}", c.predicate),
                ));
            }
        }
        if let Some(s) = &ex.scope {
            if c.scope.as_str() != s {
                errs.push((
                    "scope",
                    format!("scope: expected {s}, got {}", c.scope.as_str()),
                ));
            }
        }
        if let Some(q) = &ex.qualifier {
            if !c.qualifiers.iter().any(|x| x == q) {
                errs.push((
                    "qualifier",
                    format!("qualifier: expected {q:?} among {:?}", c.qualifiers),
                ));
            }
        }
        if let Some(m) = &ex.mark {
            if !c
                .marks
                .iter()
                .any(|(k, w)| m == k || *m == format!("{k}: {w}"))
            {
                let got: Vec<String> = c.marks.iter().map(|(k, w)| format!("{k}: {w}")).collect();
                errs.push(("mark", format!("mark: expected {m:?} among {got:?}")));
            }
        }
        if let Some(w) = want_num(&ex.value) {
            if c.amount.value.is_none_or(|g| !num_eq(g, w)) {
                errs.push((
                    "value",
                    format!("value: expected {w}, got {:?}", c.amount.value),
                ));
            }
        }
        if errs.is_empty() {
            return Ok(());
        }
        last_field = errs[0].0;
        let msgs: Vec<&str> = errs.iter().map(|(_, m)| m.as_str()).collect();
        last_err = format!("{} in claim {}", msgs.join("; "), describe(c));
    }
    Err(Miss::at(last_field, last_err))
}
