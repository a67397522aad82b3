//! report.md: conflicts first, each with its values side by side, the
//! sources that state them, the reasons to check and the sentences, with the
//! value in bold; then consistent facts; then single-source facts; then the
//! documents processed and skipped.

use super::since;
use super::{
    capped_list, more, Labels, Summary, MAX_CLAIMS_SHOWN, MAX_DOCUMENTS_LISTED, MAX_FACTS_SHOWN,
    MAX_SOURCES_SHOWN,
};
use crate::pipeline::RunResult;
use crate::reconcile::{Fact, Status};
use crate::store::Review;
use std::fmt::Write;

/// Escape text for a Markdown table cell or paragraph.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The sentence with the claim's value in bold.
fn marked_sentence(sentence: &str, text: &str) -> String {
    match sentence.find(text) {
        Some(i) => format!(
            "{}**{}**{}",
            esc(&sentence[..i]),
            esc(text),
            esc(&sentence[i + text.len()..])
        ),
        None => esc(sentence),
    }
}

fn fact_section(
    out: &mut String,
    f: &Fact,
    detailed: bool,
    labels: &Labels,
    review: Option<&Review>,
) {
    let _ = writeln!(out, "### {}\n", esc(&f.title()));
    if let Some(st) = review.and_then(|r| since::standing(r, f)) {
        let _ = writeln!(out, "**{}**\n", esc(&st));
    }
    let _ = writeln!(
        out,
        "Status: **{}** · {} claims from {} sources · id `{}`\n",
        f.status.as_str(),
        f.claims.len(),
        f.source_count(),
        f.id
    );
    let _ = writeln!(out, "| value | sources | as written |");
    let _ = writeln!(out, "|---|---|---|");
    for v in &f.values {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            esc(&v.display),
            esc(&capped_list(&labels.all(&v.sources), MAX_SOURCES_SHOWN)),
            v.stated
                .iter()
                .map(|s| format!("\"{}\"", esc(s)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out.push('\n');
    if !f.reasons.is_empty() {
        let _ = writeln!(out, "Why they may differ:\n");
        for r in &f.reasons {
            let _ = writeln!(out, "- {}", esc(r));
        }
        out.push('\n');
    }
    if let Some(v) = &f.verdict {
        let _ = writeln!(out, "**Verdict:** {}\n", esc(v));
    }
    if detailed {
        let _ = writeln!(out, "Claims:\n");
        for c in f.claims.iter().take(MAX_CLAIMS_SHOWN) {
            let tags = c.notes();
            let _ = writeln!(
                out,
                "- `{}`{} bytes {}–{}: {}{}",
                esc(&c.doc),
                labels
                    .label(&c.doc)
                    .map_or(String::new(), |l| format!(" ({})", esc(l))),
                c.start,
                c.end,
                marked_sentence(&c.sentence, &c.text),
                if tags.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", esc(&tags.join("; ")))
                }
            );
        }
        if let Some(m) = more(f.claims.len(), MAX_CLAIMS_SHOWN, "claims") {
            let _ = writeln!(out, "- {m}");
        }
        out.push('\n');
    }
}

/// Render report.md.
pub fn render(run: &RunResult, rules_origin: &str) -> String {
    let s = Summary::of(run);
    let labels = Labels::of(run);
    let mut out = String::new();
    let _ = writeln!(out, "# crosscheck report\n");
    let _ = writeln!(
        out,
        "{} documents ({} processed, {} skipped) · {} mentions · {} claims · {} facts: **{} conflicts**{}, {} consistent, {} single-source · rules: {}\n",
        s.documents, s.processed, s.skipped, s.mentions, s.claims, s.facts, s.conflicts, super::terminal::settled_note(run), s.consistent, s.single, esc(rules_origin)
    );
    let review = run.review.as_ref();
    if let Some((r, heading)) = review.and_then(|r| Some((r, since::heading(r)?))) {
        let _ = writeln!(out, "## {}\n", esc(&heading));
        let _ = writeln!(out, "- {}", esc(&since::documents(r)));
        for g in since::groups(r) {
            let _ = writeln!(out, "- {}:", esc(&g.label));
            for line in g.lines.iter().take(MAX_FACTS_SHOWN) {
                let _ = writeln!(out, "  - {}", esc(line));
            }
            if let Some(m) = more(g.lines.len(), MAX_FACTS_SHOWN, "changes") {
                let _ = writeln!(out, "  - {m}");
            }
        }
        out.push('\n');
    }
    let mut settled = Vec::new();
    for (status, heading, detailed) in [
        (Status::Conflict, "Conflicts", true),
        (Status::Consistent, "Consistent facts", true),
        (Status::Single, "Single-source facts", false),
    ] {
        let total = run.facts.count(status);
        let _ = writeln!(out, "## {heading} ({total})\n");
        if total == 0 {
            let _ = writeln!(out, "None.\n");
        }
        for f in run.facts.with_status(status).take(MAX_FACTS_SHOWN) {
            if status == Status::Conflict && since::is_settled(review, &f) {
                settled.push(f);
                continue;
            }
            fact_section(&mut out, &f, detailed, &labels, review);
        }
        if let Some(m) = more(total, MAX_FACTS_SHOWN, "facts of this kind") {
            let _ = writeln!(out, "{m}\n");
        }
    }
    if !settled.is_empty() {
        let _ = writeln!(out, "## Settled conflicts ({})\n", settled.len());
        let _ = writeln!(
            out,
            "A reviewer decided these; they come back when a new claim disagrees.\n"
        );
        for f in &settled {
            fact_section(&mut out, f, false, &labels, review);
        }
    }
    let _ = writeln!(out, "## Documents\n");
    let _ = writeln!(
        out,
        "| document | status | source | date | mentions | claims |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    let mut listed = 0;
    for d in &run.documents {
        match &d.result {
            Ok(_) if listed >= MAX_DOCUMENTS_LISTED => {}
            Ok(x) => {
                listed += 1;
                let date = match (&x.date, &x.date_from) {
                    (Some(d), Some(from)) => format!("{d} ({from})"),
                    (Some(d), None) => d.to_string(),
                    (None, Some(why)) => why.to_string(),
                    (None, None) => "—".into(),
                };
                let source = x
                    .meta
                    .as_ref()
                    .and_then(|m| m.source.as_deref())
                    .unwrap_or("—");
                let _ = writeln!(
                    out,
                    "| {} | processed | {} | {} | {} | {} |",
                    esc(&d.name),
                    esc(source),
                    esc(&date),
                    x.mentions,
                    x.claims
                );
            }
            Err(reason) => {
                let _ = writeln!(
                    out,
                    "| {} | skipped: {} | — | — | — | — |",
                    esc(&d.name),
                    esc(reason)
                );
            }
        }
    }
    if let Some(m) = more(run.processed(), listed, "processed documents") {
        let _ = writeln!(out, "\n{m}");
    }
    sources_section(&mut out, run);
    out
}

/// Copies, then each document's agreement with the best-supported values.
fn sources_section(out: &mut String, run: &RunResult) {
    let facts = &run.facts;
    if facts.copies.is_empty() && facts.agreement.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Sources\n");
    if facts.copies.is_empty() {
        let _ = writeln!(
            out,
            "No document copies another (no two share long sentences).\n"
        );
    } else {
        let _ = writeln!(out, "Copies (counted once, as their original):\n");
        for c in &facts.copies.pairs {
            let _ = writeln!(
                out,
                "- {} copies {} ({} sampled long sentences shared{})",
                esc(&c.doc),
                esc(&c.original),
                c.shared,
                if c.by_date {
                    "; the original is the earlier"
                } else {
                    "; which came first is unknown, the first by name is taken"
                }
            );
        }
        out.push('\n');
    }
    if !facts.agreement.is_empty() {
        let _ = writeln!(
            out,
            "Agreement with the best-supported value, over facts stated by two or more independent sources (score = (agrees + 1) / (facts + 2); it ranks values in verdicts, it hides none):\n"
        );
        let _ = writeln!(out, "| document | facts | agrees | score |");
        let _ = writeln!(out, "|---|---|---|---|");
        let mut rows: Vec<(&String, &crate::reconcile::Agreement)> =
            facts.agreement.iter().collect();
        rows.sort_by(|a, b| b.1.facts.cmp(&a.1.facts).then(a.0.cmp(b.0)));
        for (doc, a) in rows.iter().take(MAX_DOCUMENTS_LISTED) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.2} |",
                esc(doc),
                a.facts,
                a.agrees,
                a.score
            );
        }
        if let Some(m) = more(rows.len(), MAX_DOCUMENTS_LISTED, "sources") {
            let _ = writeln!(out, "\n{m}");
        }
    }
}
