//! What changed between two runs: each finished run's facts are kept as a
//! snapshot (id, title, status, values with their intervals); comparing
//! this run's with an earlier one's gives the facts that are new or gone,
//! the conflicts that appeared or were resolved, and the values that moved.

use super::StoreError;
use crate::reconcile::{Fact, Facts};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One value of a fact: as written for people, and the interval of true
/// values it allows (`None`: unbounded on that side).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueState {
    pub display: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// One claim of a fact, as decisions weigh it (not stored).
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimState {
    pub doc: String,
    pub text: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// A fact as a run left it.
#[derive(Debug, Clone, PartialEq)]
pub struct FactState {
    pub id: String,
    pub title: String,
    pub status: String,
    pub values: Vec<ValueState>,
    /// This run's claims (empty for a snapshot read back).
    pub claims: Vec<ClaimState>,
}

impl FactState {
    pub fn values_json(&self) -> String {
        serde_json::to_string(&self.values).unwrap_or_else(|_| "[]".into())
    }

    /// "$4B, $8B".
    pub fn shown(&self) -> String {
        self.values
            .iter()
            .map(|v| v.display.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The state of one fact.
pub fn state(f: &Fact) -> FactState {
    let interval = |central: f64| {
        f.claims
            .iter()
            .find(|c| c.amount.central() == central)
            .map_or((central, central), |c| c.amount.interval())
    };
    FactState {
        id: f.id.clone(),
        title: f.title(),
        status: f.status.as_str().to_string(),
        values: f
            .values
            .iter()
            .map(|v| {
                let (lo, hi) = interval(v.central);
                ValueState {
                    display: v.display.clone(),
                    low: finite(lo),
                    high: finite(hi),
                }
            })
            .collect(),
        claims: f
            .claims
            .iter()
            .map(|c| {
                let (lo, hi) = c.amount.interval();
                ClaimState {
                    doc: c.doc.clone(),
                    text: c.text.clone(),
                    low: finite(lo),
                    high: finite(hi),
                }
            })
            .collect(),
    }
}

/// Every fact of a run, in report order.
pub fn snapshot(facts: &Facts) -> Vec<FactState> {
    facts.iter_bare().map(|f| state(&f)).collect()
}

/// The facts a finished run kept.
pub fn load_snapshot(conn: &Connection, run: i64) -> Result<Vec<FactState>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT id, title, status, vals FROM facts WHERE run = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map([run], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, title, status, vals) = row?;
        let values = serde_json::from_str(&vals).map_err(|e| StoreError::Corrupt {
            name: format!("fact {id} of run {run}"),
            reason: e.to_string(),
        })?;
        out.push(FactState {
            id,
            title,
            status,
            values,
            claims: Vec::new(),
        });
    }
    Ok(out)
}

/// What happened to the documents in this run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocChanges {
    /// Never seen by the store before.
    pub new: Vec<String>,
    /// Stored, but their content (or the rules) changed: analysed again.
    pub changed: Vec<String>,
    /// Read from the store, not analysed.
    pub unchanged: usize,
    /// Stored, no longer among the inputs: their claims left the facts
    /// (name, claims).
    pub removed: Vec<(String, usize)>,
}

/// One fact that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct FactChange {
    pub id: String,
    pub title: String,
    /// Its values then and now ("$4B, $8B"); `None` where it did not exist.
    pub before: Option<String>,
    pub after: Option<String>,
    /// Its status now ("conflict"), or then for a fact that is gone.
    pub status: String,
}

/// The facts that changed since an earlier run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    pub run: i64,
    /// When that run finished (ISO, UTC).
    pub at: String,
    pub new: Vec<FactChange>,
    /// Conflicts now that were not conflicts then.
    pub appeared: Vec<FactChange>,
    /// Conflicts then that are not now (or are gone).
    pub resolved: Vec<FactChange>,
    /// Facts whose values are not the same as then.
    pub moved: Vec<FactChange>,
    pub gone: Vec<FactChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.new.is_empty()
            && self.appeared.is_empty()
            && self.resolved.is_empty()
            && self.moved.is_empty()
            && self.gone.is_empty()
    }
}

/// Compare run `run`'s facts (`before`) with this run's (`after`).
pub fn diff(run: i64, at: String, before: &[FactState], after: &[FactState]) -> Changes {
    let then: BTreeMap<&str, &FactState> = before.iter().map(|f| (f.id.as_str(), f)).collect();
    let now: BTreeMap<&str, &FactState> = after.iter().map(|f| (f.id.as_str(), f)).collect();
    let change = |f: &FactState, b: Option<&FactState>, a: Option<&FactState>| FactChange {
        id: f.id.clone(),
        title: f.title.clone(),
        before: b.map(FactState::shown),
        after: a.map(FactState::shown),
        status: f.status.clone(),
    };
    let mut c = Changes {
        run,
        at,
        ..Changes::default()
    };
    for (id, a) in &now {
        match then.get(id) {
            None => c.new.push(change(a, None, Some(a))),
            Some(b) => {
                let was = b.status == "conflict";
                let is = a.status == "conflict";
                if is && !was {
                    c.appeared.push(change(a, Some(b), Some(a)));
                } else if was && !is {
                    c.resolved.push(change(a, Some(b), Some(a)));
                } else if a.values != b.values {
                    c.moved.push(change(a, Some(b), Some(a)));
                }
            }
        }
    }
    for (id, b) in &then {
        if !now.contains_key(id) {
            if b.status == "conflict" {
                c.resolved.push(change(b, Some(b), None));
            } else {
                c.gone.push(change(b, Some(b), None));
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(id: &str, status: &str, values: &[&str]) -> FactState {
        FactState {
            id: id.into(),
            title: id.into(),
            status: status.into(),
            values: values
                .iter()
                .map(|v| ValueState {
                    display: v.to_string(),
                    low: None,
                    high: None,
                })
                .collect(),
            claims: Vec::new(),
        }
    }

    #[test]
    fn each_kind_of_change_is_told_once() {
        let before = [
            fact("a", "single", &["$4B"]),
            fact("b", "conflict", &["$4B", "$8B"]),
            fact("c", "consistent", &["$1B"]),
            fact("d", "single", &["$2B"]),
            fact("e", "conflict", &["$3B", "$5B"]),
        ];
        let after = [
            fact("a", "conflict", &["$4B", "$9B"]),
            fact("b", "consistent", &["$8B"]),
            fact("c", "consistent", &["$1B", "about $1B"]),
            fact("f", "single", &["$7B"]),
        ];
        let c = diff(1, "t".into(), &before, &after);
        let ids = |v: &[FactChange]| v.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&c.new), ["f"]);
        assert_eq!(ids(&c.appeared), ["a"]);
        assert_eq!(ids(&c.resolved), ["b", "e"]);
        assert_eq!(ids(&c.moved), ["c"]);
        assert_eq!(ids(&c.gone), ["d"]);
        assert_eq!(c.moved[0].before.as_deref(), Some("$1B"));
        assert_eq!(c.moved[0].after.as_deref(), Some("$1B, about $1B"));
        assert!(diff(1, "t".into(), &after, &after).is_empty());
    }
}
