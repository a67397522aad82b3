//! Reviewers' decisions: accept a fact's value, or dismiss the fact. A
//! decision is made against the facts of the last finished run and holds in
//! later runs until a claim from a document analysed after it disagrees —
//! with the accepted value, or (for a dismissal) with every value the fact
//! had then. The fact then comes back, "reopened by" that document; a new
//! decision settles it again. Every decision is also logged.

use super::changes::{FactState, ValueState};
use super::{now, Store, StoreError};
use crate::normalize::{intervals_overlap, parse_number, Amount};
use crate::pipeline::analyze;
use crate::rules::RuleSet;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// What a reviewer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// This value is the one to print.
    Accept,
    /// Not a disagreement worth a look (an extraction slip, two things
    /// under one name …).
    Dismiss,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Dismiss => "dismiss",
        }
    }
}

/// A new claim that disagrees with a decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Reopened {
    /// The document it came from.
    pub by: String,
    /// Its value as written.
    pub value: String,
    /// The run that found it.
    pub run: i64,
}

/// The current decision on one fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub fact: String,
    pub action: Action,
    /// The accepted value as the reviewer wrote it.
    pub value: Option<String>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub note: String,
    /// When (ISO, UTC), and the last finished run it was made against.
    pub decided: String,
    pub run: i64,
    /// The fact's values when it was decided.
    pub values_then: Vec<ValueState>,
    pub reopened: Option<Reopened>,
}

impl Decision {
    /// A decision on `fact` made now, against run `run`'s facts.
    fn made(fact: &FactState, action: Action, note: &str, run: i64) -> Decision {
        Decision {
            fact: fact.id.clone(),
            action,
            value: None,
            low: None,
            high: None,
            note: note.to_string(),
            decided: now(),
            run,
            values_then: fact.values.clone(),
            reopened: None,
        }
    }

    /// "accepted $8B" / "dismissed", with the note.
    pub fn describe(&self) -> String {
        let what = match (self.action, &self.value) {
            (Action::Accept, Some(v)) => format!("accepted {v}"),
            (Action::Accept, None) => "accepted".to_string(),
            (Action::Dismiss, _) => "dismissed".to_string(),
        };
        let note = if self.note.is_empty() {
            String::new()
        } else {
            format!(" — \"{}\"", self.note)
        };
        format!("{what} after run {} ({}){note}", self.run, self.decided)
    }
}

fn range(low: Option<f64>, high: Option<f64>) -> (f64, f64) {
    (
        low.unwrap_or(f64::NEG_INFINITY),
        high.unwrap_or(f64::INFINITY),
    )
}

/// Every current decision, by fact.
pub fn load(conn: &Connection) -> Result<Vec<Decision>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT fact, action, value, low, high, note, decided, run, values_then,
                reopened_by, reopened_value, reopened_run
         FROM decisions ORDER BY fact",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<f64>>(3)?,
            r.get::<_, Option<f64>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, i64>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, Option<String>>(9)?,
            r.get::<_, Option<String>>(10)?,
            r.get::<_, Option<i64>>(11)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (fact, action, value, low, high, note, decided, run, then, by, rv, rrun) = row?;
        let corrupt = |reason: String| StoreError::Corrupt {
            name: format!("the decision on {fact}"),
            reason,
        };
        let action = match action.as_str() {
            "accept" => Action::Accept,
            "dismiss" => Action::Dismiss,
            other => return Err(corrupt(format!("unknown action {other:?}"))),
        };
        let values_then = serde_json::from_str(&then).map_err(|e| corrupt(e.to_string()))?;
        let reopened = by.map(|by| Reopened {
            by,
            value: rv.unwrap_or_default(),
            run: rrun.unwrap_or(0),
        });
        out.push(Decision {
            fact,
            action,
            value,
            low,
            high,
            note,
            decided,
            run,
            values_then,
            reopened,
        });
    }
    Ok(out)
}

/// The first claim of `fact` (by document, then value) that reopens
/// decision `d`: from a document analysed after the decision (`seen` maps
/// each document to the run that analysed it) and disagreeing with it.
pub fn reopens(d: &Decision, fact: &FactState, seen: &HashMap<&str, i64>) -> Option<Reopened> {
    let mut hits: Vec<&super::changes::ClaimState> = fact
        .claims
        .iter()
        .filter(|c| seen.get(c.doc.as_str()).is_some_and(|&r| r > d.run))
        .filter(|c| {
            let mine = range(c.low, c.high);
            match d.action {
                Action::Accept => !intervals_overlap(mine, range(d.low, d.high)),
                Action::Dismiss => !d
                    .values_then
                    .iter()
                    .any(|v| intervals_overlap(mine, range(v.low, v.high))),
            }
        })
        .collect();
    hits.sort_by(|a, b| a.doc.cmp(&b.doc).then(a.text.cmp(&b.text)));
    hits.first().map(|c| Reopened {
        by: c.doc.clone(),
        value: c.text.clone(),
        run: 0,
    })
}

/// The fact `id` names in the last run: itself, else the one fact whose
/// id starts with it; else an error with the nearest ids.
fn find<'a>(facts: &'a [FactState], id: &str) -> Result<&'a FactState, StoreError> {
    if let Some(f) = facts.iter().find(|f| f.id == id) {
        return Ok(f);
    }
    let starts: Vec<&FactState> = facts.iter().filter(|f| f.id.starts_with(id)).collect();
    if starts.len() == 1 {
        return Ok(starts[0]);
    }
    let mut near: Vec<(f64, &str)> = facts
        .iter()
        .map(|f| (strsim::jaro_winkler(id, &f.id), f.id.as_str()))
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let list: Vec<String> = near.iter().take(3).map(|(_, i)| format!("  {i}")).collect();
    let hint = if starts.len() > 1 {
        format!(
            ": {} facts start with it; give more of the id:\n{}",
            starts.len(),
            starts
                .iter()
                .take(5)
                .map(|f| format!("  {}", f.id))
                .collect::<Vec<_>>()
                .join("\n")
        )
    } else if list.is_empty() {
        String::new()
    } else {
        format!("; nearest:\n{}", list.join("\n"))
    };
    Err(StoreError::UnknownFact {
        id: id.to_string(),
        hint,
    })
}

/// Read the value a reviewer accepts: as the report shows one of the
/// fact's values ("$8B"), else as an article would write it ("$8
/// billion", "31.9%"), else a plain number.
fn read_value(
    value: &str,
    fact: &FactState,
    rules: &RuleSet,
) -> Option<(Option<f64>, Option<f64>)> {
    let v = value.trim();
    if let Some(s) = fact
        .values
        .iter()
        .find(|s| s.display.eq_ignore_ascii_case(v))
    {
        return Some((s.low, s.high));
    }
    let a = analyze(v, rules, None);
    if let Some(amount) = a.mentions.iter().find_map(|m| m.amount()) {
        let (lo, hi) = amount.interval();
        return Some((lo.is_finite().then_some(lo), hi.is_finite().then_some(hi)));
    }
    let n = parse_number(v)?;
    let (lo, hi) = Amount::exact(n.value, n.precision).interval();
    Some((Some(lo), Some(hi)))
}

impl Store {
    /// Accept `value` for fact `id` (as of the last finished run). Returns
    /// the decision and, when no source states that value, a warning.
    pub fn accept(
        &mut self,
        id: &str,
        value: &str,
        note: &str,
        rules: &RuleSet,
    ) -> Result<(Decision, Option<String>), StoreError> {
        let (run, facts) = self.last_facts()?;
        let fact = find(&facts, id)?;
        let (low, high) = read_value(value, fact, rules).ok_or_else(|| {
            StoreError::Value(format!(
                "cannot read {value:?} as an amount: write it as the report shows it (one of {})",
                fact.shown()
            ))
        })?;
        let stated = fact
            .values
            .iter()
            .any(|v| intervals_overlap(range(v.low, v.high), range(low, high)));
        let warning = (!stated).then(|| {
            format!(
                "no source states {value}: the fact's values are {}",
                fact.shown()
            )
        });
        let mut d = Decision::made(fact, Action::Accept, note, run);
        d.value = Some(value.trim().to_string());
        (d.low, d.high) = (low, high);
        self.record(&d)?;
        Ok((d, warning))
    }

    /// Dismiss fact `id` (as of the last finished run).
    pub fn dismiss(&mut self, id: &str, note: &str) -> Result<Decision, StoreError> {
        let (run, facts) = self.last_facts()?;
        let fact = find(&facts, id)?;
        let d = Decision::made(fact, Action::Dismiss, note, run);
        self.record(&d)?;
        Ok(d)
    }

    fn record(&mut self, d: &Decision) -> Result<(), StoreError> {
        let then = serde_json::to_string(&d.values_then).unwrap_or_else(|_| "[]".into());
        let tx = self.conn().transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO decisions
               (fact, action, value, low, high, note, decided, run, values_then)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                d.fact,
                d.action.as_str(),
                d.value,
                d.low,
                d.high,
                d.note,
                d.decided,
                d.run,
                then
            ],
        )?;
        tx.execute(
            "INSERT INTO decision_log (fact, action, value, note, at, run) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![d.fact, d.action.as_str(), d.value, d.note, d.decided, d.run],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Every current decision, with the fact's state in the last run
    /// (`None`: no longer among the facts).
    pub fn decisions(&mut self) -> Result<Vec<(Decision, Option<FactState>)>, StoreError> {
        let last = match self.last_facts() {
            Ok((_, f)) => f,
            Err(StoreError::NoRun { .. }) => Vec::new(),
            Err(e) => return Err(e),
        };
        let ds = load(self.conn())?;
        Ok(ds
            .into_iter()
            .map(|d| {
                let f = last.iter().find(|f| f.id == d.fact).cloned();
                (d, f)
            })
            .collect())
    }

    /// Whether fact `id` has a decision.
    pub fn has_decision(&mut self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .query_row("SELECT 1 FROM decisions WHERE fact = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }
}
