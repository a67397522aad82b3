//! The driver: ingest → tokenize → extract → claims → reconcile.
//!
//! Reads like the pipeline. Documents are independent until reconcile, so
//! they are processed in parallel (rayon) and collected in input order; the
//! output is the same whatever the thread count or the file order on disk.

use crate::claims::{self, Claim};
use crate::docdate::document_date;
use crate::error::Result;
use crate::extract::{self, DateValue, Mention};
use crate::ingest::{self, InputFile, Skipped};
use crate::reconcile::{self, Fact, SourcedClaim};
use crate::rules::RuleSet;
use crate::tokenize::{self, Tokens};
use rayon::prelude::*;
use std::path::PathBuf;

/// Everything crosscheck knows about one text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub tokens: Tokens,
    pub mentions: Vec<Mention>,
    pub doc_date: Option<DateValue>,
    pub claims: Vec<Claim>,
    /// Values that formed no claim, and why.
    pub unclaimed: Vec<claims::Unclaimed>,
}

/// Tokenize, extract and build claims for one text. `doc_date` overrides the
/// date found in the text (used by rule examples and conformance tests).
pub fn analyze(text: &str, rules: &RuleSet, doc_date: Option<DateValue>) -> Analysis {
    let mut tokens = tokenize::tokenize(text);
    let mut mentions = extract::extract(text, &tokens, rules);
    // A mention never straddles a sentence boundary: join such sentences
    // (but never into more than twice the longest sentence kept whole, so a
    // text without punctuation stays cut into bounded pieces).
    for m in &mentions {
        while let (Some(a), Some(b)) = (
            tokens.sentence_at(m.span.start),
            tokens.sentence_at(m.span.end.saturating_sub(1)),
        ) {
            let joined = tokens.sentences[b].span.end - tokens.sentences[a].span.start;
            if a == b || joined > 2 * tokenize::MAX_SENTENCE {
                break;
            }
            tokens.merge_with_next(a);
        }
    }
    let doc_date = doc_date.or_else(|| document_date(text, &mentions));
    // Year-less dates resolve against the document date, else against the
    // latest date the article itself states with a year ("February 19" in an
    // article that mentions "October 6, 2014"); never against today's clock.
    let anchor = doc_date.clone().or_else(|| context_anchor(&mentions));
    extract::resolve_dates(&mut mentions, anchor.as_ref(), doc_date.as_ref());
    let (claims, unclaimed) = claims::build(text, &tokens, &mentions, rules, doc_date.as_ref());
    Analysis {
        tokens,
        mentions,
        doc_date,
        claims,
        unclaimed,
    }
}

/// The latest month- or day-precise date stated with its year.
fn context_anchor(mentions: &[Mention]) -> Option<DateValue> {
    mentions
        .iter()
        .filter_map(|m| m.date())
        .filter(|d| {
            d.value.is_some()
                && d.partial.is_none()
                && d.granularity >= extract::Granularity::Month
                && d.granularity != extract::Granularity::Quarter
        })
        .max_by_key(|d| d.sort_key())
        .cloned()
}

/// One input file's outcome.
#[derive(Debug, Clone)]
pub struct DocOutcome {
    pub name: String,
    /// `Err(reason)` when the file was skipped.
    pub result: std::result::Result<DocSummary, String>,
}

/// What was found in a processed document.
#[derive(Debug, Clone)]
pub struct DocSummary {
    /// The text, for views that show the article (the HTML report).
    pub text: String,
    pub doc_date: Option<DateValue>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
}

/// The result of a run over many files.
#[derive(Debug)]
pub struct RunResult {
    pub documents: Vec<DocOutcome>,
    pub facts: Vec<Fact>,
}

impl RunResult {
    pub fn processed(&self) -> usize {
        self.documents.iter().filter(|d| d.result.is_ok()).count()
    }
    pub fn skipped(&self) -> usize {
        self.documents.len() - self.processed()
    }
}

/// List the inputs, read and analyze each readable document once (in
/// parallel), and hand its name, text and analysis to `f`. Results come in
/// name order; a skipped file is `Err(reason)`. The text is dropped after
/// `f`, so only what `f` keeps stays in memory.
pub fn process_with<T, F>(
    inputs: &[PathBuf],
    rules: &RuleSet,
    f: F,
) -> Result<Vec<(String, std::result::Result<T, String>)>>
where
    T: Send,
    F: Fn(&str, &str, Analysis) -> T + Sync,
{
    let listing = ingest::list(inputs)?;
    let mut out: Vec<(String, std::result::Result<T, String>)> = listing
        .files
        .par_iter()
        .map(|file: &InputFile| {
            let result = ingest::read(file).map(|text| {
                let a = analyze(&text, rules, None);
                f(&file.name, &text, a)
            });
            (file.name.clone(), result)
        })
        .collect();
    out.extend(
        listing
            .skipped
            .into_iter()
            .map(|Skipped { name, reason }| (name, Err(reason))),
    );
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// List and process the inputs; skipped files are part of the result.
pub fn process(inputs: &[PathBuf], rules: &RuleSet) -> Result<Vec<DocOutcome>> {
    let docs = process_with(inputs, rules, |_, text, a| DocSummary {
        text: text.to_string(),
        doc_date: a.doc_date,
        mentions: a.mentions,
        claims: a.claims,
    })?;
    Ok(docs
        .into_iter()
        .map(|(name, result)| DocOutcome { name, result })
        .collect())
}

/// The whole pipeline: process, then reconcile.
pub fn run(inputs: &[PathBuf], rules: &RuleSet) -> Result<RunResult> {
    let documents = process(inputs, rules)?;
    let claims: Vec<SourcedClaim> = documents
        .iter()
        .filter_map(|d| d.result.as_ref().ok().map(|s| (d, s)))
        .flat_map(|(d, s)| SourcedClaim::all(&d.name, s.claims.iter().cloned()))
        .collect();
    let facts = reconcile::reconcile(&claims);
    Ok(RunResult { documents, facts })
}
