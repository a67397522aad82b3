//! The terminal summary: counts, then each conflict with its values aligned
//! and the sources stating them, its reasons, then consistent facts in a line
//! each, then single-source facts, then skipped files. Plain text that fits
//! 100 columns; with `color`, headings and titles get ANSI colours (the CLI
//! asks for them only on a terminal, and never when NO_COLOR is set).

use super::{since, Labels, Summary};
use crate::pipeline::RunResult;
use crate::reconcile::{Fact, Status};
use std::fmt::Write;

const WIDTH: usize = 100;

/// Facts (or skipped files) of each kind printed; the files hold them all.
const SHOWN: usize = 25;

fn more_line(out: &mut String, total: usize) {
    if total > SHOWN {
        out.push_str(&wrap(
            &format!(
                "… and {} more, in report.html, report.md and facts.json",
                total - SHOWN
            ),
            "  ",
        ));
    }
}

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

/// `text` wrapped after `head`, continuation lines indented to its width.
fn hanging(head: &str, text: &str) -> String {
    let hang = " ".repeat(head.chars().count());
    let mut out = String::new();
    for (i, line) in wrap(text, &hang).lines().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "{head}{}", line.trim_start());
        } else {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

fn values_block(out: &mut String, f: &Fact, labels: &Labels) {
    let width = f
        .values
        .iter()
        .map(|v| v.display.chars().count())
        .max()
        .unwrap_or(0);
    for v in &f.values {
        // The value column is padded so the sources line up; long source
        // lists wrap under the sources, not under the value.
        let pad = " ".repeat(width - v.display.chars().count());
        let head = format!("    {}{pad}  ", v.display);
        let rest = format!(
            "{} source{}: {}",
            v.sources.len(),
            if v.sources.len() == 1 { "" } else { "s" },
            labels.all(&v.sources).join(", ")
        );
        out.push_str(&hanging(&head, &rest));
    }
}

/// ANSI styles, or nothing.
struct Paint(bool);

impl Paint {
    fn style(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A heading, then one line per fact of `status`: its title, its values and
/// `tail` (the source count, or the one source).
fn one_line_section(
    out: &mut String,
    run: &RunResult,
    paint: &Paint,
    status: Status,
    color: &str,
    heading: &str,
    tail: impl Fn(&Fact) -> String,
) {
    let total = run.facts.count(status);
    if total == 0 {
        return;
    }
    let _ = writeln!(out, "\n{}", paint.style(color, heading));
    for f in run.facts.with_status(status).take(SHOWN) {
        let vals: Vec<&str> = f.values.iter().map(|v| v.display.as_str()).collect();
        out.push_str(&wrap(
            &format!("{}: {} ({})", f.title(), vals.join(", "), tail(&f)),
            "  ",
        ));
    }
    more_line(out, total);
}

/// " (1 settled)" when reviewers settled some conflicts.
pub(super) fn settled_note(run: &RunResult) -> String {
    let Some(r) = run.review.as_ref().filter(|r| !r.decisions.is_empty()) else {
        return String::new();
    };
    let n = run
        .facts
        .with_status(Status::Conflict)
        .filter(|f| r.settled(&f.id).is_some())
        .count();
    if n == 0 {
        String::new()
    } else {
        format!(" ({n} settled)")
    }
}

/// Render the summary printed after `crosscheck run`.
pub fn render(run: &RunResult, out_dir: Option<&str>, color: bool) -> String {
    let paint = Paint(color);
    let s = Summary::of(run);
    let labels = Labels::of(run);
    let mut out = String::new();
    out.push_str(&wrap(
        &format!(
            "crosscheck: {} ({} processed, {} skipped), {}, {}: {}, {} consistent, {} single-source",
            plural(s.documents, "document", "documents"),
            s.processed,
            s.skipped,
            plural(s.claims, "claim", "claims"),
            plural(s.facts, "fact", "facts"),
            plural(s.conflicts, "conflict", "conflicts")
                + &settled_note(run),
            s.consistent,
            s.single
        ),
        "",
    ));
    let review = run.review.as_ref();
    if let Some((r, heading)) = review.and_then(|r| Some((r, since::heading(r)?))) {
        let _ = writeln!(out, "\n{}", paint.style("1;36", &heading.to_uppercase()));
        out.push_str(&hanging("  ", &since::documents(r)));
        for g in since::groups(r) {
            out.push_str(&hanging("  ", &format!("{}:", g.label)));
            for line in g.lines.iter().take(SHOWN) {
                out.push_str(&hanging("    - ", line));
            }
            if g.lines.len() > SHOWN {
                more_line(&mut out, g.lines.len());
            }
        }
    }
    let conflicts = run.facts.count(Status::Conflict);
    if conflicts > 0 {
        let _ = writeln!(out, "\n{}", paint.style("1;31", "CONFLICTS"));
    }
    let mut settled = Vec::new();
    for f in run.facts.with_status(Status::Conflict).take(SHOWN) {
        if since::is_settled(review, &f) {
            settled.push(f);
            continue;
        }
        let _ = writeln!(out, "\n  {}", paint.style("1", &f.title()));
        if let Some(r) = review {
            if let Some(st) = since::standing(r, &f) {
                out.push_str(&hanging("    ", &paint.style("1;33", &st)));
            }
        }
        values_block(&mut out, &f, &labels);
        for r in &f.reasons {
            out.push_str(&hanging("    - ", r));
        }
        if let Some(v) = &f.verdict {
            out.push_str(&hanging(
                "    → ",
                &paint.style("1", &format!("verdict: {v}")),
            ));
        }
        if review.is_some() {
            // What `crosscheck review accept|dismiss` takes.
            out.push_str(&hanging("    fact id: ", &f.id));
        }
    }
    if conflicts > SHOWN {
        out.push('\n');
        more_line(&mut out, conflicts);
    }
    if let (Some(r), false) = (review, settled.is_empty()) {
        let _ = writeln!(
            out,
            "\n{}",
            paint.style("1;32", "SETTLED (conflicts a reviewer decided)")
        );
        for f in &settled {
            let st = since::standing(r, f).unwrap_or_default();
            out.push_str(&wrap(&format!("{}: {st}", f.title()), "  "));
        }
    }
    one_line_section(
        &mut out,
        run,
        &paint,
        Status::Consistent,
        "1;32",
        "CONSISTENT",
        |f| format!("{} sources", f.source_count()),
    );
    one_line_section(
        &mut out,
        run,
        &paint,
        Status::Single,
        "1;2",
        "SINGLE-SOURCE",
        |f| {
            f.claims
                .first()
                .map_or(String::new(), |c| labels.get(&c.doc).to_string())
        },
    );
    let skipped: Vec<_> = run
        .documents
        .iter()
        .filter_map(|d| d.result.as_ref().err().map(|r| (&d.name, r)))
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(out, "\n{}", paint.style("1;33", "SKIPPED"));
        for (name, reason) in skipped.iter().take(SHOWN) {
            out.push_str(&wrap(&format!("{name}: {reason}"), "  "));
        }
        if skipped.len() > SHOWN {
            out.push_str(&wrap(
                &format!(
                    "… and {} more skipped files, all in report.md and facts.json",
                    skipped.len() - SHOWN
                ),
                "  ",
            ));
        }
    }
    if let Some(dir) = out_dir {
        out.push('\n');
        out.push_str(&wrap(
            &format!("Report written to {dir}/report.html (open it in a browser), {dir}/report.md and {dir}/facts.json"),
            "",
        ));
    }
    out
}
