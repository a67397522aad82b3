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
use crate::reconcile::{self, ClaimTable, Facts};
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
    /// The text and its mentions, for views that show the article (the HTML
    /// report), while the run's budget for kept text lasts (see
    /// [`RunOptions::keep_text`]); `None` past it.
    pub text: Option<Kept>,
    pub doc_date: Option<DateValue>,
    pub mentions: usize,
    pub claims: usize,
}

/// An article's text with its mentions.
#[derive(Debug, Clone)]
pub struct Kept {
    pub text: String,
    pub mentions: Vec<Mention>,
}

/// The result of a run over many files.
#[derive(Debug)]
pub struct RunResult {
    pub documents: Vec<DocOutcome>,
    pub facts: Facts,
}

impl RunResult {
    pub fn processed(&self) -> usize {
        self.documents.iter().filter(|d| d.result.is_ok()).count()
    }
    pub fn skipped(&self) -> usize {
        self.documents.len() - self.processed()
    }
}

/// How much a run keeps besides its claims.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Bytes of article text (with its mentions) kept for the report page;
    /// the rest of each article is dropped once analysed, so memory does not
    /// grow with the corpus.
    pub keep_text: usize,
    /// Bytes of claim sentences held in memory; past it they go to a
    /// temporary file and are read back when the reports are written.
    pub sentence_memory: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            keep_text: 8 << 20,
            sentence_memory: crate::reconcile::TextStore::DEFAULT_BUDGET,
        }
    }
}

/// Files analysed at once per thread: enough to keep every core busy,
/// few enough that the texts in flight stay a small, fixed amount.
const BATCH_PER_THREAD: usize = 16;

/// List the inputs, then read and analyze each readable document once, in
/// parallel batches, and hand its name, text and analysis to `work` (on a
/// worker thread) and what `work` made of it to `sink` (on this thread),
/// in name order, skipped files (`Err(reason)`) in their place. Only a
/// batch of texts is in memory at a time; the order, and so the output,
/// is the same whatever the thread count or the order of files on disk.
pub fn process_each<T, W, S>(
    inputs: &[PathBuf],
    rules: &RuleSet,
    work: W,
    mut sink: S,
) -> Result<()>
where
    T: Send,
    W: Fn(&str, String, Analysis) -> T + Sync,
    S: FnMut(String, std::result::Result<T, String>),
{
    let listing = ingest::list(inputs)?;
    let mut items: Vec<std::result::Result<InputFile, Skipped>> = listing
        .files
        .into_iter()
        .map(Ok)
        .chain(listing.skipped.into_iter().map(Err))
        .collect();
    let name = |i: &std::result::Result<InputFile, Skipped>| match i {
        Ok(f) => f.name.clone(),
        Err(s) => s.name.clone(),
    };
    items.sort_by_key(name);
    let batch = BATCH_PER_THREAD * rayon::current_num_threads().max(1);
    for chunk in items.chunks(batch) {
        let done: Vec<std::result::Result<T, String>> = chunk
            .par_iter()
            .map(|item| match item {
                Ok(file) => ingest::read(file).map(|text| {
                    let a = analyze(&text, rules, None);
                    work(&file.name, text, a)
                }),
                Err(s) => Err(s.reason.clone()),
            })
            .collect();
        for (item, result) in chunk.iter().zip(done) {
            sink(name(item), result);
        }
    }
    Ok(())
}

/// [`process_each`], collected: each document's name and what `f` made of
/// it (`Err(reason)` for a skipped file), in name order.
pub fn process_with<T, F>(
    inputs: &[PathBuf],
    rules: &RuleSet,
    f: F,
) -> Result<Vec<(String, std::result::Result<T, String>)>>
where
    T: Send,
    F: Fn(&str, &str, Analysis) -> T + Sync,
{
    let mut out = Vec::new();
    process_each(
        inputs,
        rules,
        |name, text, a| f(name, &text, a),
        |name, r| out.push((name, r)),
    )?;
    Ok(out)
}

/// The whole pipeline with the default options.
pub fn run(inputs: &[PathBuf], rules: &RuleSet) -> Result<RunResult> {
    run_with(inputs, rules, RunOptions::default())
}

/// The whole pipeline: stream the documents, keep their claims in a compact
/// table, then reconcile.
pub fn run_with(inputs: &[PathBuf], rules: &RuleSet, options: RunOptions) -> Result<RunResult> {
    let mut table = ClaimTable::with_text_budget(options.sentence_memory);
    let mut documents = Vec::new();
    let mut kept = 0usize;
    process_each(
        inputs,
        rules,
        |_, text, a| (text, a.doc_date, a.mentions, a.claims),
        |name, result| {
            let result = result.map(|(text, doc_date, mentions, claims)| {
                for c in &claims {
                    table.push(&name, c);
                }
                let keep = kept + text.len() <= options.keep_text;
                let summary = DocSummary {
                    text: None,
                    doc_date,
                    mentions: mentions.len(),
                    claims: claims.len(),
                };
                if keep {
                    kept += text.len();
                    DocSummary {
                        text: Some(Kept { text, mentions }),
                        ..summary
                    }
                } else {
                    summary
                }
            });
            documents.push(DocOutcome { name, result });
        },
    )?;
    let facts = reconcile::reconcile_table(table);
    Ok(RunResult { documents, facts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::facts_json;

    fn corpus() -> Vec<PathBuf> {
        vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")]
    }

    #[test]
    fn budgets_change_what_is_kept_never_the_facts() {
        let rules = RuleSet::builtin().unwrap();
        let full = run(&corpus(), &rules).unwrap();
        assert!(full
            .documents
            .iter()
            .all(|d| d.result.as_ref().unwrap().text.is_some()));
        // No article text kept, every sentence spilled to the temporary file.
        let lean = run_with(
            &corpus(),
            &rules,
            RunOptions {
                keep_text: 0,
                sentence_memory: 0,
            },
        )
        .unwrap();
        assert!(lean
            .documents
            .iter()
            .all(|d| d.result.as_ref().unwrap().text.is_none()));
        assert_eq!(facts_json(&full), facts_json(&lean));
        assert!(facts_json(&lean).contains("\"sentence\": \"Amazon"));
    }
}
