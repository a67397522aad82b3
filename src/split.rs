//! Split: a run as map and reduce steps that exchange JSON lines, so that
//! an engine such as Apache Spark can spread a corpus over many machines
//! and still get the facts of a single `crosscheck run`.
//!
//! The map step (`crosscheck extract --records`) turns documents into
//! records: per document one `document` line (its date, metadata, counts
//! and fingerprint) or one `skipped` line, then one `claim` line per claim
//! carrying its partition key ([`shard_key`]). The reduce steps read any
//! mix of record lines (`crosscheck reconcile --records`):
//!
//! 1. claims of some keys → `contest` lines;
//! 2. every `document` and `contest` line → one `sources` line (copies and
//!    agreement scores: `crosscheck sources`);
//! 3. claims of some keys and the `sources` line → `fact` lines;
//! 4. `document`/`skipped` lines, every `fact` line and the `sources` line
//!    → the run's result: facts.json and the reports.
//!
//! Given everything at once, one reduce does all four. Every step ignores
//! the order of its input lines: documents are put back in run order by
//! their file and place in it, claims by their document and place in it.

use crate::ingest::Meta;
use crate::pipeline::{DocOutcome, DocSummary, RunResult};
pub use crate::reconcile::shard::shard_key;
use crate::reconcile::shard::{self, Assembler, FactRecord, ShardError, SourcesRecord};
use crate::reconcile::sources::{Contest, Print};
use crate::reconcile::{ClaimRecord, ClaimTable, Facts, RecordError, TextStore};
use serde::{Deserialize, Serialize};
use std::io::BufRead;

/// One line of a split run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Line {
    Document(Box<DocRecord>),
    Skipped(SkipRecord),
    Claim(Box<ClaimLine>),
    Contest(Contest),
    Sources(Box<SourcesRecord>),
    Fact(Box<FactRecord>),
}

/// A processed document: what the reports and the copy finder need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub name: String,
    /// The file it was read from, and its place there (0 for a file that
    /// is one document): the run's order of documents.
    pub file: String,
    pub n: usize,
    pub date: Option<String>,
    #[serde(default)]
    pub date_from: Option<String>,
    #[serde(default)]
    pub meta: Option<Meta>,
    pub mentions: usize,
    pub claims: usize,
    /// Sampled sentence hashes (see `reconcile::sources`).
    pub fingerprint: Vec<u32>,
}

/// A file or record not read as a document, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkipRecord {
    pub name: String,
    pub file: String,
    pub n: usize,
    pub reason: String,
}

/// A claim with its partition key and its place among its document's
/// claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimLine {
    pub key: String,
    pub n: usize,
    pub record: ClaimRecord,
}

impl DocRecord {
    fn of(name: String, file: &str, n: usize, s: &DocSummary) -> DocRecord {
        DocRecord {
            name,
            file: file.to_string(),
            n,
            date: s.date.as_deref().map(String::from),
            date_from: s.date_from.as_deref().map(String::from),
            meta: s.meta.as_deref().cloned(),
            mentions: s.mentions,
            claims: s.claims,
            fingerprint: s.fingerprint.to_vec(),
        }
    }
}

/// Why record lines cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SplitError {
    #[error("{at}: not a crosscheck record ({message})")]
    Line { at: String, message: String },
    #[error("{at}: cannot read: {source}")]
    Read {
        at: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{at}: a claim of {doc}: {source}")]
    Claim {
        at: String,
        doc: String,
        #[source]
        source: RecordError,
    },
    #[error("{at}: {source}")]
    Fact {
        at: String,
        #[source]
        source: ShardError,
    },
    #[error("two different sources records: the inputs mix runs")]
    Sources,
    #[error("both claims and fact records: give one or the other")]
    Mixed,
    #[error("fact records without the sources record they were judged with (give the `sources` line too)")]
    NoSources,
}

/// The map step: each item's documents as record lines, in order, written
/// to `out`. Returns the number of files and records skipped.
pub fn extract(
    items: impl Iterator<Item = crate::ingest::Item>,
    fields: &crate::ingest::FieldNames,
    rules: &crate::rules::RuleSet,
    out: &mut dyn std::io::Write,
) -> std::io::Result<usize> {
    let mut skipped = 0;
    let mut failure = None;
    let mut place: (String, usize) = (String::new(), 0);
    crate::pipeline::summarize_items(items, fields, rules, |file, name, result| {
        if failure.is_some() {
            return;
        }
        if place.0 != file {
            place = (file.to_string(), 0);
        }
        let n = place.1;
        place.1 += 1;
        let mut lines = Vec::new();
        match result {
            Ok((summary, claims)) => {
                for (i, c) in claims.iter().enumerate() {
                    let record = ClaimRecord::of(&name, c);
                    lines.push(Line::Claim(Box::new(ClaimLine {
                        key: shard_key(&record),
                        n: i,
                        record,
                    })));
                }
                lines.insert(
                    0,
                    Line::Document(Box::new(DocRecord::of(name, file, n, &summary))),
                );
            }
            Err(reason) => {
                skipped += 1;
                lines.push(Line::Skipped(SkipRecord {
                    name,
                    file: file.to_string(),
                    n,
                    reason,
                }));
            }
        }
        for line in &lines {
            let text = serde_json::to_string(line).expect("records serialise");
            if let Err(e) = writeln!(out, "{text}") {
                failure = Some(e);
                return;
            }
        }
    });
    match failure {
        Some(e) => Err(e),
        None => Ok(skipped),
    }
}

/// Record lines gathered from one or more inputs.
#[derive(Debug, Default)]
pub struct Gathered {
    pub documents: Vec<DocRecord>,
    pub skipped: Vec<SkipRecord>,
    pub claims: Vec<(usize, ClaimRecord)>,
    pub contests: Vec<Contest>,
    /// Fact lines, put together as they are read.
    pub facts: Option<Assembler>,
    pub sources: Option<SourcesRecord>,
}

impl Gathered {
    /// Read every line of `reader` (named `at` in messages); blank lines
    /// are passed over.
    pub fn read(&mut self, at: &str, reader: impl BufRead) -> Result<(), SplitError> {
        for (i, line) in reader.lines().enumerate() {
            let where_ = || format!("{at}:{}", i + 1);
            let line = line.map_err(|source| SplitError::Read {
                at: where_(),
                source,
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: Line = serde_json::from_str(&line).map_err(|e| SplitError::Line {
                at: where_(),
                message: e.to_string(),
            })?;
            match parsed {
                Line::Document(d) => self.documents.push(*d),
                Line::Skipped(s) => self.skipped.push(s),
                Line::Claim(c) => {
                    let c = *c;
                    c.record.validate().map_err(|source| SplitError::Claim {
                        at: where_(),
                        doc: c.record.doc.clone(),
                        source,
                    })?;
                    self.claims.push((c.n, c.record))
                }
                Line::Contest(c) => self.contests.push(c),
                Line::Fact(f) => self
                    .facts
                    .get_or_insert_with(|| Assembler::new(TextStore::DEFAULT_BUDGET))
                    .add(*f)
                    .map_err(|source| SplitError::Fact {
                        at: where_(),
                        source,
                    })?,
                Line::Sources(s) => match &self.sources {
                    Some(have) if *have != *s => return Err(SplitError::Sources),
                    _ => self.sources = Some(*s),
                },
            }
        }
        Ok(())
    }

    /// The claims read, as a table (they leave the gathering).
    fn take_table(&mut self) -> Result<ClaimTable, SplitError> {
        shard::table_of(std::mem::take(&mut self.claims)).map_err(|source| SplitError::Claim {
            at: "claims".into(),
            doc: String::new(),
            source,
        })
    }

    fn prints(&self) -> Vec<Print<'_>> {
        self.documents
            .iter()
            .map(|d| Print {
                doc: &d.name,
                date: d.date.as_deref(),
                hashes: &d.fingerprint,
            })
            .collect()
    }

    /// Step 1: the contests of the claims read.
    pub fn contests(&mut self) -> Result<Vec<Contest>, SplitError> {
        Ok(shard::contests(self.take_table()?))
    }

    /// Step 2: the corpus-wide sources record, from the documents and
    /// contests read (and the contests of any claims read).
    pub fn sources(&mut self) -> Result<SourcesRecord, SplitError> {
        let mut contests = std::mem::take(&mut self.contests);
        if !self.claims.is_empty() {
            contests.extend(self.contests()?);
        }
        Ok(SourcesRecord::of(&self.prints(), &contests))
    }

    /// The claims read reconciled: with the sources record read, or
    /// without one as all of a corpus (its copies from the documents read).
    fn reconciled(&mut self) -> Result<Facts, SplitError> {
        let table = self.take_table()?;
        Ok(match &self.sources {
            Some(s) => shard::reconcile_with(table, s),
            None => {
                let copies = crate::reconcile::sources::copies(&self.prints());
                let facts = crate::reconcile::reconcile_table(table, &copies);
                self.sources = Some(SourcesRecord {
                    originals: copies.originals(),
                    copies: copies.pairs,
                    agreement: facts.agreement.clone(),
                });
                facts
            }
        })
    }

    /// Step 3: the facts of the claims read (see [`Gathered::reconciled`]).
    pub fn facts(&mut self) -> Result<Vec<FactRecord>, SplitError> {
        Ok(shard::records_of(&self.reconciled()?))
    }

    /// Step 4: the run's result, from fact lines put together, or from
    /// the claims read reconciled (not both).
    pub fn result(mut self) -> Result<RunResult, SplitError> {
        let facts = if !self.claims.is_empty() {
            if self.facts.is_some() {
                return Err(SplitError::Mixed);
            }
            self.reconciled()?
        } else {
            let sources = match self.sources.take() {
                Some(s) => s,
                None if self.facts.is_none() => self.sources()?,
                None => return Err(SplitError::NoSources),
            };
            match self.facts.take() {
                Some(a) => a.finish(&sources),
                None => shard::assemble([], &sources, TextStore::DEFAULT_BUDGET)
                    .expect("no records, nothing to refuse"),
            }
        };
        let mut documents: Vec<(String, usize, DocOutcome)> = Vec::new();
        for d in self.documents {
            let summary = DocSummary {
                text: None,
                date: d.date.map(Box::from),
                date_from: d.date_from.map(Box::from),
                meta: d.meta.map(Box::new),
                mentions: d.mentions,
                claims: d.claims,
                fingerprint: d.fingerprint.into_boxed_slice(),
            };
            documents.push((
                d.file,
                d.n,
                DocOutcome {
                    name: d.name,
                    result: Ok(summary),
                    reused: false,
                },
            ));
        }
        for s in self.skipped {
            documents.push((
                s.file,
                s.n,
                DocOutcome {
                    name: s.name,
                    result: Err(s.reason),
                    reused: false,
                },
            ));
        }
        documents.sort_by(|a, b| (&a.0, a.1, &a.2.name).cmp(&(&b.0, b.1, &b.2.name)));
        Ok(RunResult {
            documents: documents.into_iter().map(|(_, _, d)| d).collect(),
            facts,
            review: None,
        })
    }
}

/// A record line as written.
pub fn line(l: &Line) -> String {
    serde_json::to_string(l).expect("records serialise")
}
