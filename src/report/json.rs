//! JSON: the output contract.
//!
//! `crosscheck extract` writes one mention a line:
//! `{"doc","kind","start","end","text", …kind fields, "rule"}` where
//! start/end are byte offsets into the file. facts.json holds
//! `{"summary", "documents": [{"doc","status","reason",…}], "facts": […]}`.

use super::Summary;
use crate::extract::{DateValue, Mention, Value};
use crate::ingest::Document;
use crate::normalize::Amount;
use crate::pipeline::RunResult;
use crate::rules::RuleSet;
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct MentionLine<'a> {
    doc: &'a str,
    kind: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(flatten)]
    fields: Fields<'a>,
    rule: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Fields<'a> {
    Money {
        currency: &'a str,
        #[serde(flatten)]
        amount: &'a Amount,
        per: Option<&'a str>,
    },
    Date {
        value: Option<&'a str>,
        granularity: &'static str,
        min: Option<&'a str>,
        max: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        role: Option<&'a str>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        fiscal: bool,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        year_inferred: bool,
        /// Resolved against the document date ("yesterday", "last week").
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        relative: bool,
        /// What a relative or year-less date was read from.
        #[serde(skip_serializing_if = "Option::is_none")]
        anchor: Option<AnchorJson<'a>>,
        /// A relative or year-less date with nothing to read it from (no
        /// document date): never guessed from today's clock.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        unresolved: bool,
    },
    Percent {
        #[serde(flatten)]
        amount: &'a Amount,
    },
    Quantity {
        unit: &'a str,
        #[serde(flatten)]
        amount: &'a Amount,
    },
    Entity {
        #[serde(rename = "type")]
        kind: &'a str,
        canonical: &'a str,
        parent: Option<&'a str>,
    },
}

#[derive(Serialize)]
struct AnchorJson<'a> {
    date: &'a str,
    /// "document date", or "text" (the latest date the text states).
    from: &'static str,
}

/// One mention as a JSON line (no trailing newline).
pub fn mention_line(doc: &str, text: &str, m: &Mention, rules: &RuleSet) -> String {
    let fields = match &m.value {
        Value::Money(x) => Fields::Money {
            currency: &x.currency,
            amount: &x.amount,
            per: x.per.as_deref(),
        },
        Value::Date(d) => Fields::Date {
            value: d.value.as_deref(),
            granularity: d.granularity.as_str(),
            min: d.min.as_deref(),
            max: d.max.as_deref(),
            role: d.role.as_deref(),
            fiscal: d.fiscal,
            year_inferred: d.year_inferred,
            relative: d.relative.is_some(),
            anchor: d.anchor.as_ref().map(|a| AnchorJson {
                date: &a.date,
                from: if a.document { "document date" } else { "text" },
            }),
            unresolved: d.value.is_none()
                && d.min.is_none()
                && d.max.is_none()
                && (d.relative.is_some() || d.partial.is_some()),
        },
        Value::Percent(amount) => Fields::Percent { amount },
        Value::Quantity(q) => Fields::Quantity {
            unit: &q.unit,
            amount: &q.amount,
        },
        Value::Entity(e) => Fields::Entity {
            kind: &e.kind,
            canonical: &e.canonical,
            parent: e.parent.as_deref(),
        },
    };
    let line = MentionLine {
        doc,
        kind: m.kind.as_str(),
        start: m.span.start,
        end: m.span.end,
        text: &text[m.span.range()],
        fields,
        rule: rules.label(m.rule),
    };
    serde_json::to_string(&line).expect("mention serialises")
}

/// `text --meta`: what is known about a document, as a JSON line.
pub fn meta_line(doc: &Document, date: Option<&DateValue>, date_from: Option<&str>) -> String {
    #[derive(Serialize)]
    struct MetaLine<'a> {
        doc: &'a str,
        bytes: usize,
        title: Option<&'a str>,
        source: Option<&'a str>,
        source_from: Option<&'a str>,
        url: Option<&'a str>,
        published: Option<&'a str>,
        published_from: Option<&'a str>,
        date: Option<&'a str>,
        date_from: Option<&'a str>,
    }
    let m = &doc.meta;
    serde_json::to_string(&MetaLine {
        doc: &doc.name,
        bytes: doc.text.len(),
        title: m.title.as_deref(),
        source: m.source.as_deref(),
        source_from: m.source_from.as_deref(),
        url: m.url.as_deref(),
        published: m.published.as_deref(),
        published_from: m.published_from.as_deref(),
        date: date.and_then(|d| d.value.as_deref()),
        date_from,
    })
    .expect("metadata serialises")
}

#[derive(Serialize, Default)]
struct DocLine<'a> {
    doc: &'a str,
    status: &'static str,
    reason: Option<&'a str>,
    date: Option<&'a str>,
    /// Where the date came from ("JSON field publishedAt", "text header").
    #[serde(skip_serializing_if = "Option::is_none")]
    date_from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    /// The document it copies, when it shares long sentences with an
    /// earlier one.
    #[serde(skip_serializing_if = "Option::is_none")]
    copy_of: Option<&'a str>,
    /// How often it states the best-supported value.
    #[serde(skip_serializing_if = "Option::is_none")]
    agreement: Option<&'a crate::reconcile::Agreement>,
    mentions: usize,
    claims: usize,
}

/// Write facts.json, pretty-printed and ending in a newline: `summary`,
/// `documents`, then `facts`, each fact built and written in turn, so that
/// a run of a million facts is never one string in memory.
pub fn write_facts_json(run: &RunResult, w: &mut dyn Write) -> std::io::Result<()> {
    let doc_line = |d: &'_ crate::pipeline::DocOutcome| match &d.result {
        Ok(s) => pretty_at(
            &DocLine {
                doc: &d.name,
                status: "ok",
                reason: None,
                date: s.date.as_deref(),
                date_from: s.date_from.as_deref(),
                source: s.meta.as_ref().and_then(|m| m.source.as_deref()),
                title: s.meta.as_ref().and_then(|m| m.title.as_deref()),
                url: s.meta.as_ref().and_then(|m| m.url.as_deref()),
                copy_of: Some(run.facts.copies.original(&d.name)).filter(|o| *o != d.name),
                agreement: run.facts.agreement.get(&d.name),
                mentions: s.mentions,
                claims: s.claims,
            },
            "    ",
        ),
        Err(reason) => pretty_at(
            &DocLine {
                doc: &d.name,
                status: "skipped",
                reason: Some(reason),
                ..DocLine::default()
            },
            "    ",
        ),
    };
    // The layout serde_json's pretty printer gives the whole object: two
    // spaces per level (JSON strings hold no raw newline, so indenting
    // after each newline is safe).
    write!(
        w,
        "{{\n  \"summary\": {},\n",
        pretty_at(&Summary::of(run), "  ")
    )?;
    if let Some(r) = &run.review {
        writeln!(w, "  \"review\": {},", pretty_at(&review_json(r), "  "))?;
    }
    write_array(w, "documents", run.documents.len(), |i| {
        Some(doc_line(&run.documents[i]))
    })?;
    w.write_all(b",\n")?;
    // Facts are built as they are printed (a fact with many claims prints
    // to megabytes: chunks of 4,096 took a 1 GB run's peak from 712 MB to
    // 1.05 GB; `write_array` prints 64 at a time).
    write_array(w, "facts", run.facts.len(), |i| {
        run.facts.get(i).map(|f| pretty_at(&f, "    "))
    })?;
    w.write_all(b"\n}\n")
}

/// A stored run's part of facts.json: the run, what changed since the
/// run compared with, and every decision with its standing.
fn review_json(r: &crate::store::Review) -> serde_json::Value {
    use serde_json::json;
    let changes = |list: &[crate::store::FactChange]| -> Vec<serde_json::Value> {
        list.iter()
            .map(|c| {
                json!({"id": c.id, "title": c.title, "status": c.status,
                       "before": c.before, "after": c.after})
            })
            .collect()
    };
    let since = r.since.as_ref().map(|c| {
        json!({
            "run": c.run, "finished": c.at,
            "new": changes(&c.new), "conflicts_appeared": changes(&c.appeared),
            "conflicts_resolved": changes(&c.resolved), "values_moved": changes(&c.moved),
            "gone": changes(&c.gone),
        })
    });
    let d = &r.documents;
    let decisions: Vec<serde_json::Value> = r
        .decisions
        .values()
        .map(|d| {
            json!({
                "fact": d.fact, "action": d.action.as_str(), "value": d.value,
                "note": d.note, "decided": d.decided, "after_run": d.run,
                "settled": d.reopened.is_none(),
                "reopened_by": d.reopened.as_ref().map(|x| &x.by),
                "reopened_value": d.reopened.as_ref().map(|x| &x.value),
                "reopened_run": d.reopened.as_ref().map(|x| x.run),
            })
        })
        .collect();
    json!({
        "run": r.run,
        "documents": {
            "new": d.new, "changed": d.changed, "unchanged": d.unchanged,
            "removed": d.removed.iter().map(|(n, c)| json!({"doc": n, "claims": c})).collect::<Vec<_>>(),
        },
        "since": since,
        "decisions": decisions,
    })
}

/// `  "key": [ … ]` as serde_json's pretty printer lays it out inside the
/// top-level object, item `i` printed by `item(i)`: items are printed in
/// parallel, 64 at a time, and written in order, so neither the array nor
/// its items are ever all in memory.
fn write_array(
    w: &mut dyn Write,
    key: &str,
    n: usize,
    item: impl Fn(usize) -> Option<String> + Sync,
) -> std::io::Result<()> {
    const CHUNK: usize = 64;
    if n == 0 {
        return write!(w, "  \"{key}\": []");
    }
    writeln!(w, "  \"{key}\": [")?;
    for start in (0..n).step_by(CHUNK) {
        let printed: Vec<String> = (start..(start + CHUNK).min(n))
            .into_par_iter()
            .filter_map(&item)
            .collect();
        for (k, p) in printed.iter().enumerate() {
            if start + k > 0 {
                w.write_all(b",\n")?;
            }
            write!(w, "    {p}")?;
        }
    }
    w.write_all(b"\n  ]")
}

/// facts.json as a string (for tests and small runs).
pub fn facts_json(run: &RunResult) -> String {
    let mut out = Vec::new();
    write_facts_json(run, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Pretty-printed and indented to sit `indent` deep in the file.
fn pretty_at<T: Serialize>(v: &T, indent: &str) -> String {
    let s = serde_json::to_string_pretty(v).expect("serialises");
    s.replace('\n', &format!("\n{indent}"))
}

#[derive(Serialize)]
struct ClaimLine<'a> {
    doc: &'a str,
    subject: &'a str,
    predicate: &'a str,
    object: Option<&'a str>,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(flatten)]
    amount: &'a Amount,
    unit: &'a str,
    scope: &'static str,
    qualifiers: &'a [String],
    as_of: Option<&'a str>,
    as_of_source: Option<&'static str>,
    inferred: Option<&'static str>,
    trigger: Option<String>,
    sentence: &'a str,
}

/// One claim as a JSON line (no trailing newline).
pub fn claim_line(doc: &str, c: &crate::claims::Claim, rules: &RuleSet) -> String {
    let line = ClaimLine {
        doc,
        subject: &c.subject,
        predicate: &c.predicate,
        object: c.object.as_deref(),
        start: c.span.start,
        end: c.span.end,
        text: &c.text,
        amount: &c.amount,
        unit: &c.unit,
        scope: c.scope.as_str(),
        qualifiers: &c.qualifiers,
        as_of: c
            .as_of
            .as_ref()
            .and_then(|d| d.value.as_deref().or(d.min.as_deref())),
        as_of_source: c.as_of_source.map(|s| s.as_str()),
        inferred: c.inferred,
        trigger: c.trigger.map(|t| rules.label(t)),
        sentence: &c.sentence_text,
    };
    serde_json::to_string(&line).expect("claim serialises")
}
