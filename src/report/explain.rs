//! `crosscheck explain`: what the rules make of a text, sentence by sentence.
//!
//! For each sentence with a value: every mention with the rule that produced
//! it (and the lexicon entries it used) and its normalised value; every claim
//! with the parts it was built from and how each part was found; and for a
//! value that formed no claim, why not and what rule would change that. It is
//! the tool a user reaches for before writing a rule, and after.

use crate::claims::{Claim, NoClaim, Unclaimed, TRIGGER_REACH};
use crate::extract::{DateValue, Kind, Mention, Value};
use crate::normalize::{format_amount, format_in_unit, format_money, format_quantity, trim_float};
use crate::pipeline::Analysis;
use crate::rules::RuleSet;
use crate::span::Span;
use crate::tokenize::word_before;
use std::fmt::Write;

/// Render the explanation of `text`. With `all`, sentences holding only
/// names or dates are shown too.
pub fn render(text: &str, a: &Analysis, rules: &RuleSet, all: bool) -> String {
    let mut out = String::new();
    let doc_date = a.doc_date.as_ref().map_or(
        "none found (relative and year-less dates stay unresolved)".to_string(),
        describe_date,
    );
    let _ = writeln!(out, "rules: {}   document date: {doc_date}", rules.origin);
    let mut shown = 0;
    for (i, s) in a.tokens.sentences.iter().enumerate() {
        let span = s.span;
        let inside = |sp: Span| sp.start >= span.start && sp.end <= span.end;
        let mentions: Vec<&Mention> = a.mentions.iter().filter(|m| inside(m.span)).collect();
        let has_value = mentions
            .iter()
            .any(|m| matches!(m.kind, Kind::Money | Kind::Percent | Kind::Quantity));
        if mentions.is_empty() || !(has_value || all) {
            continue;
        }
        shown += 1;
        let _ = writeln!(out, "\n[{}] {}", i + 1, one_line(&text[span.range()]));
        let _ = writeln!(out, "  mentions");
        for m in &mentions {
            mention_line(&mut out, text, m, rules);
        }
        let claims: Vec<&Claim> = a.claims.iter().filter(|c| inside(c.span)).collect();
        if !claims.is_empty() {
            let _ = writeln!(out, "  claims");
            for c in claims {
                let value_rule = mentions
                    .iter()
                    .find(|m| m.span == c.span)
                    .map_or(String::new(), |m| rules.label(m.rule));
                claim_lines(&mut out, text, c, rules, value_rule);
            }
        }
        let missed: Vec<&Unclaimed> = a.unclaimed.iter().filter(|u| inside(u.span)).collect();
        if !missed.is_empty() {
            let _ = writeln!(out, "  no claim");
            for u in missed {
                let _ = writeln!(
                    out,
                    "    {:?}: {}",
                    &text[u.span.range()],
                    why(text, u, rules)
                );
            }
        }
    }
    if shown == 0 {
        let _ = writeln!(
            out,
            "{}",
            if all {
                "\nno amount, percentage, count, date or name found"
            } else {
                "\nno amount, percentage or count found; `crosscheck explain --all` also shows sentences with only dates or names"
            }
        );
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn mention_line(out: &mut String, text: &str, m: &Mention, rules: &RuleSet) {
    let value = match &m.value {
        Value::Money(money) => {
            let mut v = format_amount(&money.amount, |x| format_money(x, &money.currency));
            if let Some(p) = &money.per {
                v.push_str(&format!(" per {p}"));
            }
            v
        }
        Value::Percent(p) => format_amount(p, |x| format!("{}%", trim_float(x))),
        Value::Quantity(q) => format_amount(&q.amount, |x| format_quantity(x, &q.unit)),
        Value::Date(d) => describe_date(d),
        Value::Entity(e) => {
            let mut v = format!("{} ({})", e.canonical, e.kind);
            if let Some(p) = &e.parent {
                v.push_str(&format!(", part of {p}"));
            }
            if !e.known {
                v.push_str(", not in the gazetteer");
            }
            v
        }
    };
    let mut rule = rules.label(m.rule);
    if !m.lexicon.is_empty() {
        let lex: Vec<String> = m
            .lexicon
            .iter()
            .map(|&id| rules.rules[id as usize].name.clone())
            .collect();
        rule.push_str(&format!(" + {}", lex.join(", ")));
    }
    let _ = writeln!(
        out,
        "    {:<8} {:<24} {:<32}  {rule}",
        m.kind.as_str(),
        format!("{:?}", &text[m.span.range()]),
        value
    );
}

fn describe_date(d: &DateValue) -> String {
    let core = match (&d.value, &d.min, &d.max) {
        (Some(v), _, _) => v.clone(),
        (None, Some(a), Some(b)) => format!("{a} to {b}"),
        (None, Some(a), None) => format!("from {a}"),
        (None, None, Some(b)) => format!("until {b}"),
        (None, None, None) => return "unresolved: needs the document date".to_string(),
    };
    let mut notes = vec![d.granularity.as_str().to_string()];
    if d.fiscal {
        notes.push("fiscal".into());
    }
    if let Some(r) = &d.role {
        notes.push(r.clone());
    }
    let anchor = d
        .anchor
        .as_ref()
        .map_or("the document date".to_string(), |a| a.describe());
    if d.relative.is_some() {
        notes.push(format!("relative to {anchor}"));
    } else if d.year_inferred {
        notes.push(format!("year from {anchor}"));
    }
    format!("{core} ({})", notes.join(", "))
}

fn claim_lines(out: &mut String, text: &str, c: &Claim, rules: &RuleSet, value_rule: String) {
    let object = c.object.as_deref().unwrap_or("(no object)");
    let amount = format_amount(&c.amount, |x| format_in_unit(x, &c.unit));
    let _ = writeln!(
        out,
        "    {} — {} → {}: {amount} ({})",
        c.subject,
        c.predicate,
        object,
        c.scope.as_str()
    );
    let row = |out: &mut String, part: &str, what: String, how: String| {
        let _ = writeln!(out, "      {part:<9} {what:<24}  {how}");
    };
    row(out, "value", format!("{:?}", c.text), value_rule);
    match (c.trigger, c.trigger_span) {
        (Some(rule), Some(sp)) => row(
            out,
            "trigger",
            format!("{:?}", &text[sp.range()]),
            format!("{} ({})", rules.label(rule), c.predicate),
        ),
        _ if c.inferred == Some("deal described before") => row(
            out,
            "trigger",
            "(none)".into(),
            "a description in the clause (“the deal”) stands for the deal stated before".into(),
        ),
        _ => row(
            out,
            "trigger",
            "(none)".into(),
            "none in reach: continues an earlier claim, as a scope word says".into(),
        ),
    }
    let subject_how = match c.subject_span {
        Some(sp) => subject_how(text, sp, c),
        None => inferred_how(c),
    };
    row(
        out,
        "subject",
        format!(
            "{:?}",
            c.subject_span
                .map_or(c.subject.as_str(), |sp| &text[sp.range()])
        ),
        subject_how,
    );
    match (&c.object, c.object_span) {
        (Some(_), Some(sp)) => row(
            out,
            "object",
            format!("{:?}", &text[sp.range()]),
            object_how(text, sp, c, rules),
        ),
        (Some(o), None) => row(out, "object", format!("{o:?}"), inferred_how(c)),
        (None, _) => row(
            out,
            "object",
            "(none)".into(),
            "no name after the trigger's object words".into(),
        ),
    }
    let scope_how = if c.qualifiers.is_empty() {
        "no cue word: a whole, not a part".to_string()
    } else {
        format!("words: {}", c.qualifiers.join(", "))
    };
    row(out, "scope", c.scope.as_str().into(), scope_how);
    // What cues and links say of the figure, which the reasons compare
    // ("completed", "conversion"): shown so a rule's effect can be seen.
    if !c.marks.is_empty() {
        let marks: Vec<String> = c.marks.iter().map(|(k, w)| format!("{k} ({w})")).collect();
        row(
            out,
            "marks",
            marks.join(", "),
            "read by the reasons (rules/claims.toml cues and links)".into(),
        );
    }
    match (&c.as_of, c.as_of_source) {
        (Some(d), Some(src)) => row(
            out,
            "as of",
            describe_date(d),
            format!("from the {}", src.as_str()),
        ),
        _ => row(
            out,
            "as of",
            "(none)".into(),
            "no date in the clause and no document date".into(),
        ),
    }
}

fn inferred_how(c: &Claim) -> String {
    match c.inferred {
        Some("previous sentence") => "from the previous sentence's claim".into(),
        Some("earlier clause") => {
            "from the claim of an earlier clause (a scope word, no trigger in reach)".into()
        }
        Some("deal stated before") => {
            "from the deal the article states before it, which this part continues".into()
        }
        Some("document") => "from the claim this document makes most often".into(),
        Some("deal described before") => {
            "a party of the deal a description in the clause (“this partnership”) stands for, stated before it".into()
        }
        Some("clause it elaborates") => {
            "the subject of the clause this “, with …” phrase elaborates".into()
        }
        Some("description") => {
            "the company a description in the clause (“the app”, “the company”) stands for: the name nearest before it".into()
        }
        Some(other) => format!("from {other}"),
        None => "from an earlier claim in this sentence".into(),
    }
}

fn subject_how(text: &str, sp: Span, c: &Claim) -> String {
    let after = &text[sp.end..];
    if after.starts_with("’s") || after.starts_with("'s") || after.starts_with("’ ") {
        return "a possessive before the value".into();
    }
    let (before, _) = word_before(text, sp.start);
    if before == "by" || before == "from" {
        return format!("the agent after “{before}”");
    }
    if sp.end
        <= c.span
            .start
            .min(c.trigger_span.map_or(c.span.start, |t| t.start))
    {
        return "the nearest name before the value and trigger".into();
    }
    "the first name after the value (no name before it)".into()
}

fn object_how(text: &str, sp: Span, c: &Claim, rules: &RuleSet) -> String {
    let (before, _) = word_before(text, sp.start);
    let preps = c
        .trigger
        .and_then(|id| rules.triggers.items.iter().find(|t| t.id == id))
        .map(|t| t.object_preps.clone())
        .unwrap_or_default();
    if preps.contains(&before) {
        return format!("after “{before}”, one of the trigger's object words");
    }
    let agent = c
        .subject_span
        .filter(|s| matches!(word_before(text, s.start).0.as_str(), "by" | "from"));
    if agent.is_some_and(|a| sp.end <= a.start) && sp.end <= c.span.start {
        return "the name before the value: the actor is named after by/from".into();
    }
    if let Some(t) = c.trigger_span {
        if sp.start >= c.span.end && sp.end <= t.start {
            return "between the value and the trigger noun".into();
        }
        if sp.start >= t.end {
            return "right after the trigger".into();
        }
    }
    "near the trigger".into()
}

fn why(text: &str, u: &Unclaimed, rules: &RuleSet) -> String {
    match &u.reason {
        NoClaim::NoTrigger { other_kind: None } => {
            "no claim trigger in the sentence; if a word here makes it a claim, add it to a [[trigger]]'s words (rules/claims.toml)".into()
        }
        NoClaim::NoTrigger {
            other_kind: Some((sp, rule)),
        } => format!(
            "the only trigger, {:?} ({}), takes other values; add this kind to its `values`",
            &text[sp.range()],
            rules.label(*rule)
        ),
        NoClaim::OutOfReach {
            trigger,
            rule,
            words,
        } => format!(
            "the nearest trigger, {:?} ({}), is {words} words away; a trigger reaches {TRIGGER_REACH}",
            &text[trigger.range()],
            rules.label(*rule)
        ),
        NoClaim::Change { trigger, rule } => format!(
            "the amount of a change (\"… to\" another value): {:?} ({}) takes the price after it",
            &text[trigger.range()],
            rules.label(*rule)
        ),
        NoClaim::NothingToContinue => {
            "a scope word but no trigger, and no claim in the paragraph before it to continue".into()
        }
        NoClaim::ContinuesOtherKind { predicate } => {
            format!("it would continue the claim before it (“{predicate}”), which takes other values")
        }
        NoClaim::Appositive { entity } => format!(
            "it describes {:?} in an apposition (\"{}, the …\"), not what the trigger before that name says",
            &text[entity.range()],
            &text[entity.range()]
        ),
        NoClaim::NoHolder { trigger, rule } => format!(
            "{:?} ({}) names its party after one of its `holder_after` words (\"sold … to X\"), and none follows it in the clause",
            &text[trigger.range()],
            rules.label(*rule)
        ),
        NoClaim::NoSubject { trigger } => {
            let t = trigger.map_or(String::new(), |(sp, rule)| {
                format!(" for {:?} ({})", &text[sp.range()], rules.label(rule))
            });
            format!(
                "no subject{t}: no possessive, no agent after by/from, no known name before it in the clause, and none from the sentences before; if the actor is a name we missed, add it as an [[entity]] (rules/entities.toml)"
            )
        }
    }
}
