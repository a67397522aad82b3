//! The terminal summary: counts, then each conflict with its values aligned
//! and the sources stating them, its reasons, then consistent facts in a line
//! each, then skipped files. Plain text that fits 100 columns.

use super::Summary;
use crate::pipeline::RunResult;
use crate::reconcile::{Fact, Status};
use std::fmt::Write;

const WIDTH: usize = 100;

fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty()
            && indent.len() + line.chars().count() + 1 + word.chars().count() > WIDTH
        {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

fn values_block(out: &mut String, f: &Fact) {
    let width = f
        .values
        .iter()
        .map(|v| v.display.chars().count())
        .max()
        .unwrap_or(0);
    for v in &f.values {
        let pad = " ".repeat(width - v.display.chars().count());
        let line = format!(
            "{}{pad}  {} source{}: {}",
            v.display,
            v.sources.len(),
            if v.sources.len() == 1 { "" } else { "s" },
            v.sources.join(", ")
        );
        out.push_str(&wrap(&line, "    "));
    }
}

/// Render the summary printed after `crosscheck run`.
pub fn render(run: &RunResult, out_dir: Option<&str>) -> String {
    let s = Summary::of(run);
    let mut out = String::new();
    out.push_str(&wrap(
        &format!(
            "crosscheck: {} documents ({} processed, {} skipped), {} claims, {} facts: {} conflicts, {} consistent, {} single-source",
            s.documents, s.processed, s.skipped, s.claims, s.facts, s.conflicts, s.consistent, s.single
        ),
        "",
    ));
    let conflicts: Vec<&Fact> = run
        .facts
        .iter()
        .filter(|f| f.status == Status::Conflict)
        .collect();
    if !conflicts.is_empty() {
        let _ = writeln!(out, "\nCONFLICTS");
    }
    for f in conflicts {
        let _ = writeln!(out, "\n  {}", f.title());
        values_block(&mut out, f);
        for r in &f.reasons {
            out.push_str(&wrap(&format!("- {r}"), "    "));
        }
    }
    let consistent: Vec<&Fact> = run
        .facts
        .iter()
        .filter(|f| f.status == Status::Consistent)
        .collect();
    if !consistent.is_empty() {
        let _ = writeln!(out, "\nCONSISTENT");
        for f in consistent {
            let vals: Vec<&str> = f.values.iter().map(|v| v.display.as_str()).collect();
            out.push_str(&wrap(
                &format!(
                    "{}: {} ({} sources)",
                    f.title(),
                    vals.join(", "),
                    f.source_count()
                ),
                "  ",
            ));
        }
    }
    let skipped: Vec<_> = run
        .documents
        .iter()
        .filter_map(|d| d.result.as_ref().err().map(|r| (&d.name, r)))
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(out, "\nSKIPPED");
        for (name, reason) in skipped {
            out.push_str(&wrap(&format!("{name}: {reason}"), "  "));
        }
    }
    if let Some(dir) = out_dir {
        out.push('\n');
        out.push_str(&wrap(
            &format!("Report written to {dir}/report.md and {dir}/facts.json"),
            "",
        ));
    }
    out
}
