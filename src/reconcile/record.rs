//! A claim as a self-contained record: everything reconciling reads, in a
//! form that is written and read back without loss (the incremental store
//! keeps a document's claims as these; a claims file or stream carries
//! one per line). A record read back reconciles exactly as the claim it was
//! made from: amounts keep their precision and qualifier, floats read back
//! bit for bit.

use crate::claims::{AsOfSource, Claim, Scope};
use crate::normalize::{Amount, Bound};
use serde::{Deserialize, Serialize};

/// One claim with its document, ready to be reconciled anywhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub doc: String,
    pub subject: String,
    pub predicate: String,
    #[serde(default)]
    pub object: Option<String>,
    pub unit: String,
    /// "total" or "tranche".
    pub scope: String,
    /// The value's byte span in the document.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Where the claim's sentence starts, and its text.
    pub sentence_start: usize,
    pub sentence: String,
    pub amount: AmountRecord,
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// Qualifier words with a meaning: `"prospective:potential"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<String>,
    /// The as-of date as facts.json writes it (value, else range start).
    #[serde(default)]
    pub as_of: Option<String>,
    /// The month prefix of a point as-of date.
    #[serde(default)]
    pub as_of_month: Option<String>,
    #[serde(default)]
    pub as_of_index: Option<i64>,
    /// As facts.json labels it ("sentence", "document date", …).
    #[serde(default)]
    pub as_of_source: Option<String>,
    #[serde(default)]
    pub inferred: Option<String>,
}

/// An amount with everything comparing reads (facts.json leaves out the
/// precision and the qualifier as written; a record keeps them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmountRecord {
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    #[serde(default)]
    pub approx: bool,
    /// "lower" or "upper".
    #[serde(default)]
    pub bound: Option<String>,
    pub precision: f64,
    #[serde(default)]
    pub qualifier: Option<String>,
}

/// Why a record cannot be read as a claim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {found:?} is not one of {expected}")]
pub struct RecordError {
    pub field: &'static str,
    pub found: String,
    pub expected: String,
}

/// The ways a claim's missing roles are filled (see `claims`), so a record
/// read back shares the claim builder's words.
const INFERRED: &[&str] = &[
    "earlier clause",
    "previous sentence",
    "document",
    "deal stated before",
    "description",
    "same amount elsewhere in the document",
    "clause it elaborates",
    "deal described before",
];

const AS_OF_SOURCES: &[AsOfSource] = &[
    AsOfSource::Sentence,
    AsOfSource::Relative,
    AsOfSource::YearFromDocument,
    AsOfSource::YearFromText,
    AsOfSource::Tranche,
    AsOfSource::Document,
];

impl ClaimRecord {
    /// The record of `claim`, found in document `doc`.
    pub fn of(doc: &str, c: &Claim) -> ClaimRecord {
        ClaimRecord {
            doc: doc.to_string(),
            subject: c.subject.clone(),
            predicate: c.predicate.clone(),
            object: c.object.clone(),
            unit: c.unit.clone(),
            scope: c.scope.as_str().to_string(),
            start: c.span.start,
            end: c.span.end,
            text: c.text.clone(),
            sentence_start: c.sentence.start,
            sentence: c.sentence_text.clone(),
            amount: AmountRecord::of(&c.amount),
            qualifiers: c.qualifiers.clone(),
            marks: c.marks.iter().map(|(k, w)| format!("{k}:{w}")).collect(),
            as_of: c
                .as_of
                .as_ref()
                .and_then(|d| d.value.clone().or_else(|| d.min.clone())),
            as_of_month: c.as_of.as_ref().and_then(|d| d.month_prefix()),
            as_of_index: c.as_of.as_ref().and_then(|d| d.month_index()),
            as_of_source: c.as_of_source.map(|s| s.as_str().to_string()),
            inferred: c.inferred.map(str::to_string),
        }
    }

    pub fn scope(&self) -> Result<Scope, RecordError> {
        match self.scope.as_str() {
            "total" => Ok(Scope::Total),
            "tranche" => Ok(Scope::Tranche),
            other => Err(RecordError {
                field: "scope",
                found: other.to_string(),
                expected: "\"total\", \"tranche\"".into(),
            }),
        }
    }

    pub fn as_of_source(&self) -> Result<Option<AsOfSource>, RecordError> {
        let Some(label) = &self.as_of_source else {
            return Ok(None);
        };
        AS_OF_SOURCES
            .iter()
            .find(|s| s.as_str() == label)
            .map(|s| Some(*s))
            .ok_or_else(|| RecordError {
                field: "as_of_source",
                found: label.clone(),
                expected: "the labels facts.json writes (\"sentence\", \"document date\", …)"
                    .into(),
            })
    }

    pub fn marks(&self) -> Result<Vec<(&'static str, String)>, RecordError> {
        self.marks
            .iter()
            .map(|m| {
                let (kind, word) = m.split_once(':').unwrap_or((m, ""));
                crate::claims::MARKS
                    .iter()
                    .find(|k| **k == kind)
                    .map(|k| (*k, word.to_string()))
                    .ok_or_else(|| RecordError {
                        field: "marks",
                        found: m.clone(),
                        expected: format!(
                            "\"KIND:WORD\", KIND one of {}",
                            crate::claims::MARKS.join(", ")
                        ),
                    })
            })
            .collect()
    }

    pub fn inferred(&self) -> Result<Option<&'static str>, RecordError> {
        let Some(how) = &self.inferred else {
            return Ok(None);
        };
        INFERRED
            .iter()
            .find(|w| *w == how)
            .map(|w| Some(*w))
            .ok_or_else(|| RecordError {
                field: "inferred",
                found: how.clone(),
                expected: INFERRED
                    .iter()
                    .map(|w| format!("{w:?}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Check every field that has a fixed vocabulary.
    pub fn validate(&self) -> Result<(), RecordError> {
        self.scope()?;
        self.as_of_source()?;
        self.inferred()?;
        self.marks()?;
        self.amount.to_amount()?;
        Ok(())
    }
}

impl AmountRecord {
    pub fn of(a: &Amount) -> AmountRecord {
        AmountRecord {
            value: a.value,
            min: a.min,
            max: a.max,
            approx: a.approx,
            bound: a.bound.map(|b| {
                match b {
                    Bound::Lower => "lower",
                    Bound::Upper => "upper",
                }
                .to_string()
            }),
            precision: a.precision,
            qualifier: a.qualifier.clone(),
        }
    }

    pub fn to_amount(&self) -> Result<Amount, RecordError> {
        let bound = match self.bound.as_deref() {
            None => None,
            Some("lower") => Some(Bound::Lower),
            Some("upper") => Some(Bound::Upper),
            Some(other) => {
                return Err(RecordError {
                    field: "amount.bound",
                    found: other.to_string(),
                    expected: "\"lower\", \"upper\"".into(),
                })
            }
        };
        Ok(Amount {
            value: self.value,
            min: self.min,
            max: self.max,
            approx: self.approx,
            bound,
            precision: self.precision,
            qualifier: self.qualifier.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::analyze;
    use crate::rules::RuleSet;

    #[test]
    fn a_claim_survives_a_trip_through_json() {
        let rules = RuleSet::builtin().unwrap();
        let a = analyze(
            "Amazon said on Friday it would invest an additional $4 billion in Anthropic, \
             bringing its total to roughly $8.1 billion as of November 2024. \
             Amazon could invest up to $2.75 billion more. \
             Amazon made a potential commitment of $33 billion to Anthropic.",
            &rules,
            None,
        );
        assert!(a.claims.len() >= 2, "{:?}", a.claims);
        for c in &a.claims {
            let r = ClaimRecord::of("a.txt", c);
            let line = serde_json::to_string(&r).unwrap();
            let back: ClaimRecord = serde_json::from_str(&line).unwrap();
            assert_eq!(back, r);
            back.validate().unwrap();
            assert_eq!(back.amount.to_amount().unwrap(), c.amount);
            assert_eq!(back.scope().unwrap(), c.scope);
            assert_eq!(back.as_of_source().unwrap(), c.as_of_source);
            assert_eq!(back.inferred().unwrap(), c.inferred);
            assert_eq!(back.marks().unwrap(), c.marks);
        }
        assert!(a.claims.iter().any(|c| !c.marks.is_empty()));
    }

    #[test]
    fn a_record_with_an_unknown_word_is_refused_by_name() {
        let rules = RuleSet::builtin().unwrap();
        let a = analyze("Amazon invested $4 billion in Anthropic.", &rules, None);
        let mut r = ClaimRecord::of("a.txt", &a.claims[0]);
        r.scope = "whole".into();
        let e = r.validate().unwrap_err();
        assert_eq!(e.field, "scope");
        assert!(e.to_string().contains("\"whole\""), "{e}");
    }

    #[test]
    fn every_way_the_claim_builder_fills_a_role_reads_back() {
        // The builder's words, as it writes them: a new one missing here
        // would make its records unreadable by `reconcile --records`.
        let source = include_str!("../claims/mod.rs");
        let marker = "inferred = Some(\"";
        let mut found = 0;
        for (at, _) in source.match_indices(marker) {
            let rest = &source[at + marker.len()..];
            let word = &rest[..rest.find('"').unwrap()];
            assert!(INFERRED.contains(&word), "{word:?} is not in INFERRED");
            found += 1;
        }
        assert!(
            found >= INFERRED.len(),
            "{found} ways found in claims/mod.rs"
        );
        let mut r = ClaimRecord::of(
            "a.txt",
            &analyze(
                "Amazon invested $4 billion in Anthropic.",
                &RuleSet::builtin().unwrap(),
                None,
            )
            .claims[0],
        );
        r.inferred = Some("guessed".into());
        let e = r.validate().unwrap_err().to_string();
        assert!(e.contains("\"clause it elaborates\""), "{e}");
    }
}
