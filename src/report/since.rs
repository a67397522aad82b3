//! What a stored run adds to every view, in words shared by them: what
//! changed since an earlier run (documents, then facts), and each decided
//! fact's standing ("settled: accepted $8B …", "reopened by …").

use super::capped_list;
use crate::reconcile::Fact;
use crate::store::{FactChange, Review};

/// Names shown per line before "and N more".
const NAMES: usize = 10;

/// One group of changes: a label and its lines.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    pub lines: Vec<String>,
}

/// The heading of the changes section: "Since run 2
/// (2026-11-23T10:00:00Z) — this is run 3"; `None` on a store's first run
/// (nothing to compare with: the views show no such section).
pub fn heading(review: &Review) -> Option<String> {
    let c = review.since.as_ref()?;
    Some(format!(
        "Since run {} ({}) — this is run {}",
        c.run, c.at, review.run
    ))
}

fn names(list: &[String]) -> String {
    capped_list(list, NAMES)
}

/// The documents line: "2 new (a, b); 1 changed (c); 1 removed (d, its 3
/// claims left the facts); 5 unchanged (read from the store)".
pub fn documents(review: &Review) -> String {
    let d = &review.documents;
    let mut parts = Vec::new();
    if !d.new.is_empty() {
        parts.push(format!("{} new ({})", d.new.len(), names(&d.new)));
    }
    if !d.changed.is_empty() {
        parts.push(format!(
            "{} changed, analysed again ({})",
            d.changed.len(),
            names(&d.changed)
        ));
    }
    if !d.removed.is_empty() {
        let claims: usize = d.removed.iter().map(|r| r.1).sum();
        let list: Vec<String> = d.removed.iter().map(|r| r.0.clone()).collect();
        parts.push(format!(
            "{} removed ({}): {claims} claim{} left the facts",
            d.removed.len(),
            names(&list),
            if claims == 1 { "" } else { "s" }
        ));
    }
    parts.push(format!(
        "{} unchanged (read from the store, not analysed)",
        d.unchanged
    ));
    format!("documents: {}", parts.join("; "))
}

fn change_line(c: &FactChange) -> String {
    match (&c.before, &c.after) {
        (Some(b), Some(a)) if b != a => format!("{}: {b} → {a}", c.title),
        (Some(b), Some(_)) => format!("{}: {b} (now {})", c.title, c.status),
        (None, Some(a)) => format!("{}: {a} ({})", c.title, c.status),
        (Some(b), None) => format!("{}: was {b}, no longer stated", c.title),
        (None, None) => c.title.clone(),
    }
}

/// The fact changes, in groups (empty groups left out).
pub fn groups(review: &Review) -> Vec<Group> {
    let Some(c) = &review.since else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (label, list) in [
        ("conflicts that appeared", &c.appeared),
        ("conflicts resolved", &c.resolved),
        ("values that moved", &c.moved),
        ("new facts", &c.new),
        ("facts no longer stated", &c.gone),
    ] {
        if !list.is_empty() {
            out.push(Group {
                label: format!("{label} ({})", list.len()),
                lines: list.iter().map(change_line).collect(),
            });
        }
    }
    if out.is_empty() {
        out.push(Group {
            label: "facts".into(),
            lines: vec!["no fact changed".into()],
        });
    }
    out
}

/// A decided fact's standing, for the line under its title.
pub fn standing(review: &Review, f: &Fact) -> Option<String> {
    let d = review.decisions.get(&f.id)?;
    Some(match &d.reopened {
        None => format!("settled: {}", d.describe()),
        Some(r) => format!(
            "REOPENED by {} (\"{}\", run {}): it disagrees with the decision — {}",
            r.by,
            r.value,
            r.run,
            d.describe()
        ),
    })
}

/// Whether `f` is settled (a decision holds, nothing reopened it).
pub fn is_settled(review: Option<&Review>, f: &Fact) -> bool {
    review.is_some_and(|r| r.settled(&f.id).is_some())
}
