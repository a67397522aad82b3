//! The driver: ingest → tokenize → extract → claims → reconcile.
//!
//! Reads like the pipeline. Documents are independent until reconcile, so
//! they are processed in parallel (rayon) and collected in input order; the
//! output is the same whatever the thread count or the file order on disk.

use crate::claims::{self, Claim};
use crate::docdate::{document_date, published_date};
use crate::error::Result;
use crate::extract::{self, DateValue, Mention};
use crate::ingest::{self, Document, Inputs, Meta, Raw, Skipped};
use crate::reconcile::{self, ClaimRecord, ClaimTable, Facts};
use crate::rules::RuleSet;
use crate::store::Store;
use crate::tokenize::{self, Tokens};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    analyze_as(text, rules, doc_date, true)
}

/// [`analyze`]; without `find_date` the text's own date is not looked for
/// (a later piece of a large document has its first piece's date or none).
fn analyze_as(
    text: &str,
    rules: &RuleSet,
    doc_date: Option<DateValue>,
    find_date: bool,
) -> Analysis {
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
    let doc_date = doc_date.or_else(|| find_date.then(|| document_date(text, &mentions)).flatten());
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

/// Documents longer than this are analysed piece by piece (see [`pieces`]).
pub const LARGE_DOCUMENT: usize = 8 << 20;

/// The length a piece of a large document aims at.
pub const PIECE: usize = 1 << 20;

/// Cut a large text into pieces of about `size` bytes, each ending at a
/// paragraph break if there is one in its second half, else at a line
/// break, else after white space, else at a character boundary. Returns the
/// byte ranges; together they are the whole text.
pub fn pieces(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let size = size.max(4);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        let mut limit = start + size;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let half = window.len() / 2;
        let cut = [
            window.rfind("\n\n").map(|i| i + 2),
            window.rfind('\n').map(|i| i + 1),
            window
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map(|(i, c)| i + c.len_utf8()),
        ]
        .into_iter()
        .flatten()
        .find(|&i| i > half)
        .unwrap_or(window.len());
        out.push(start..start + cut);
        start += cut;
    }
    out.push(start..text.len());
    out
}

/// Analyse a text whole, or a large one piece by piece: each piece's
/// analysis has document offsets and the first piece's document date, and
/// is handed to `f` on its own, so memory holds the text and the analyses
/// of the pieces in flight (one per thread), not the analysis of 200 MB at
/// once. A claim never reaches across a piece boundary (pieces end at
/// paragraph breaks where they can).
/// `doc_date`, when known from metadata, is the document's date; else the
/// text's header is looked at.
pub fn analyze_in_pieces<T: Send>(
    text: &str,
    rules: &RuleSet,
    doc_date: Option<DateValue>,
    f: impl Fn(Analysis) -> T + Sync,
) -> Vec<T> {
    analyze_sized(text, rules, doc_date, LARGE_DOCUMENT, PIECE, f)
}

fn analyze_sized<T: Send>(
    text: &str,
    rules: &RuleSet,
    doc_date: Option<DateValue>,
    large: usize,
    piece: usize,
    f: impl Fn(Analysis) -> T + Sync,
) -> Vec<T> {
    if text.len() <= large {
        return vec![f(analyze(text, rules, doc_date))];
    }
    let pieces = pieces(text, piece);
    // The first piece finds the document's date; the others, in parallel,
    // take it.
    let first = analyze_as(&text[pieces[0].clone()], rules, doc_date, true);
    let doc_date = first.doc_date.clone();
    let mut out = vec![f(first)];
    out.par_extend(pieces[1..].par_iter().map(|r| {
        let mut a = analyze_as(&text[r.clone()], rules, doc_date.clone(), false);
        a.shift(r.start);
        f(a)
    }));
    out
}

impl Analysis {
    /// Move every span `by` bytes (a piece of a large document → the document).
    pub fn shift(&mut self, by: usize) {
        for s in &mut self.tokens.sentences {
            s.span = s.span.shifted(by);
        }
        for w in &mut self.tokens.word_starts {
            *w += by;
        }
        for m in &mut self.mentions {
            m.shift(by);
        }
        for c in &mut self.claims {
            c.shift(by);
        }
        for u in &mut self.unclaimed {
            u.span = u.span.shifted(by);
        }
    }
}

/// The latest month- or day-precise date stated with its year.
fn context_anchor(mentions: &[Mention]) -> Option<DateValue> {
    let stated = || {
        mentions
            .iter()
            .filter_map(|m| m.date())
            .filter(|d| d.value.is_some() && d.partial.is_none() && d.relative.is_none())
    };
    stated()
        .filter(|d| {
            d.granularity >= extract::Granularity::Month
                && d.granularity != extract::Granularity::Quarter
        })
        .max_by_key(|d| d.sort_key())
        // A year alone, when the text states no month: "July" in an
        // article whose only date is "2025" is July 2025.
        .or_else(|| {
            stated()
                .filter(|d| d.granularity == extract::Granularity::Year && d.role.is_none())
                .max_by_key(|d| d.sort_key())
        })
        .cloned()
}

/// One input file's outcome.
#[derive(Debug, Clone)]
pub struct DocOutcome {
    pub name: String,
    /// `Err(reason)` when the file was skipped.
    pub result: std::result::Result<DocSummary, String>,
    /// Its analysis came from the store (it was not analysed again).
    pub reused: bool,
}

/// What was found in a processed document.
#[derive(Debug, Clone, Default)]
pub struct DocSummary {
    /// The text and its mentions, for views that show the article (the HTML
    /// report), while the run's budget for kept text lasts (see
    /// [`RunOptions::keep_text`]); `None` past it.
    pub text: Option<Kept>,
    /// The document's date (ISO), if known: from its metadata, else from
    /// its header.
    pub date: Option<Box<str>>,
    /// Where the date came from ("JSON field publishedAt", "text header"),
    /// and why metadata that did not give one was passed over.
    pub date_from: Option<Box<str>>,
    /// Title, source name and address, when the document says (HTML pages,
    /// JSON records); `None` for plain text.
    pub meta: Option<Box<Meta>>,
    pub mentions: usize,
    pub claims: usize,
    /// Hashes of some of its long sentences, to find copies (see
    /// `reconcile::sources`).
    pub fingerprint: Box<[u32]>,
}

impl DocSummary {
    /// "Reuters (2024-11-22)" — how a reader names the document — when its
    /// source is known.
    pub fn label(&self) -> Option<String> {
        let source = self.meta.as_ref()?.source.as_deref()?;
        Some(match &self.date {
            Some(d) => format!("{source} ({d})"),
            None => source.to_string(),
        })
    }
}

/// An article's text with its mentions, as the document view marks them.
#[derive(Debug, Clone)]
pub struct Kept {
    pub text: String,
    pub mentions: Vec<Mark>,
}

/// A mention as a view marks it: kind, byte span and its value in words.
/// Small and plain, so the store keeps it and a document read from there
/// is shown without extracting it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub kind: extract::Kind,
    pub start: usize,
    pub end: usize,
    /// "money: $4B", "date: 2024-11", "entity: Amazon (org)".
    pub title: String,
}

impl Mark {
    pub fn of(m: &Mention) -> Mark {
        use crate::normalize::{format_amount, format_money, format_quantity, trim_float};
        let title = match &m.value {
            extract::Value::Money(x) => format!(
                "money: {}",
                format_amount(&x.amount, |v| format_money(v, &x.currency))
            ),
            extract::Value::Percent(a) => format!(
                "percent: {}",
                format_amount(a, |v| format!("{}%", trim_float(v)))
            ),
            extract::Value::Quantity(q) => format!(
                "quantity: {}",
                format_amount(&q.amount, |v| format_quantity(v, &q.unit))
            ),
            extract::Value::Date(d) => format!(
                "date: {}",
                d.value
                    .clone()
                    .or_else(|| d.min.clone().map(|a| format!("{a}…")))
                    .unwrap_or_else(|| "unresolved".into())
            ),
            extract::Value::Entity(e) => format!("entity: {} ({})", e.canonical, e.kind),
        };
        Mark {
            kind: m.kind,
            start: m.span.start,
            end: m.span.end,
            title,
        }
    }
}

/// The result of a run over many files.
#[derive(Debug)]
pub struct RunResult {
    pub documents: Vec<DocOutcome>,
    pub facts: Facts,
    /// With a store: what changed, and the reviewers' decisions.
    pub review: Option<crate::store::Review>,
}

impl RunResult {
    pub fn processed(&self) -> usize {
        self.documents.iter().filter(|d| d.result.is_ok()).count()
    }
    pub fn skipped(&self) -> usize {
        self.documents.len() - self.processed()
    }
}

/// What a run's worker hands on from one document (or piece).
struct Piece {
    text: Option<String>,
    doc_date: Option<DateValue>,
    date_from: Option<Box<str>>,
    meta: Option<Box<Meta>>,
    fingerprint: Vec<u32>,
    mention_count: usize,
    mentions: Vec<Mark>,
    claims: Vec<Claim>,
}

impl Piece {
    /// What a worker keeps of a document's (or a piece's) analysis: its
    /// text when `text`, its mentions as marks when `marks`.
    fn of(doc: &Document, dated: &Dated, a: Analysis, text: bool, marks: bool) -> Piece {
        Piece {
            text: text.then(|| doc.text.clone()),
            date_from: dated.source(a.doc_date.is_some()),
            meta: (!doc.meta.is_empty()).then(|| Box::new(doc.meta.clone())),
            fingerprint: reconcile::sources::fingerprint(
                a.tokens.sentences.iter().map(|s| &doc.text[s.span.range()]),
            ),
            doc_date: a.doc_date,
            mention_count: a.mentions.len(),
            mentions: if marks {
                a.mentions.iter().map(Mark::of).collect()
            } else {
                Vec::new()
            },
            claims: a.claims,
        }
    }

    /// A document's summary from its pieces (one, unless it is large): the
    /// date and metadata of the first, the counts and claims of all, one
    /// fingerprint. The summary keeps no text; it is handed back.
    fn merge(pieces: Vec<Piece>) -> Merged {
        let mut summary = DocSummary {
            text: None,
            date: pieces
                .first()
                .and_then(|p| p.doc_date.as_ref()?.value.as_deref())
                .map(Box::from),
            date_from: pieces.first().and_then(|p| p.date_from.clone()),
            meta: pieces.first().and_then(|p| p.meta.clone()),
            mentions: 0,
            claims: 0,
            fingerprint: Box::default(),
        };
        let mut print: Vec<u32> = Vec::new();
        let mut merged = Merged {
            summary: DocSummary::default(),
            text: None,
            marks: Vec::new(),
            claims: Vec::new(),
        };
        for p in pieces {
            summary.mentions += p.mention_count;
            summary.claims += p.claims.len();
            print.extend(&p.fingerprint);
            merged.marks.extend(p.mentions);
            merged.claims.extend(p.claims);
            merged.text = merged.text.or(p.text);
        }
        print.sort_unstable();
        print.dedup();
        print.truncate(reconcile::sources::FINGERPRINT);
        summary.fingerprint = print.into_boxed_slice();
        merged.summary = summary;
        merged
    }
}

/// A document's pieces put together (see [`Piece::merge`]).
struct Merged {
    summary: DocSummary,
    text: Option<String>,
    marks: Vec<Mark>,
    claims: Vec<Claim>,
}

/// The summary and claims of every document of `items`, analysed in
/// parallel, handed to `sink` in order with the name of the item (file)
/// each came from; skipped ones as `Err(reason)`. For a run split into map
/// and reduce steps (see [`crate::split`]).
pub fn summarize_items<S>(
    items: impl Iterator<Item = ingest::Item>,
    fields: &ingest::FieldNames,
    rules: &RuleSet,
    mut sink: S,
) where
    S: FnMut(&str, String, std::result::Result<(DocSummary, Vec<Claim>), String>),
{
    let work = |doc: &Document, dated: &Dated, a: Analysis| Piece::of(doc, dated, a, false, false);
    process_items(items, fields, rules, None, work, |file, name, _, result| {
        let result = result.map(|outcome| {
            let pieces = match outcome {
                Outcome::Analyzed(pieces) => pieces,
                Outcome::Unchanged(_) => Vec::new(),
            };
            let m = Piece::merge(pieces);
            (m.summary, m.claims)
        });
        sink(file, name, result)
    });
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

/// List the inputs, then read and analyze each document once, in
/// parallel batches, and hand it with its analysis to `work` (on a worker
/// thread) and what `work` made of it to `sink` (on this thread), in name
/// order (a file's records in file order), skipped files and records
/// (`Err(reason)`) in their place. Only a batch of texts is in memory at a
/// time (a JSON-lines file is read as it goes); the order, and so the
/// output, is the same whatever the thread count or the order of files on
/// disk. A document larger than [`LARGE_DOCUMENT`] is analysed in pieces:
/// `work` is called once per piece (with the whole document and the
/// piece's analysis, in document offsets) and `sink` gets one result per
/// piece.
pub fn process_each<T, W, S>(inputs: &Inputs, rules: &RuleSet, work: W, mut sink: S) -> Result<()>
where
    T: Send,
    W: Fn(&Document, &Dated, Analysis) -> T + Sync,
    S: FnMut(String, std::result::Result<Vec<T>, String>),
{
    process_reusing(inputs, rules, None, work, |name, _, result| {
        sink(
            name,
            result.map(|outcome| match outcome {
                Outcome::Analyzed(pieces) => pieces,
                Outcome::Unchanged(_) => Vec::new(),
            }),
        )
    })
}

/// What became of one document.
#[derive(Debug)]
pub enum Outcome<T> {
    /// Analysed: what `work` made of each piece.
    Analyzed(Vec<T>),
    /// Its name and content hash are among the [`Reuse::known`] ones: not
    /// analysed. The document is handed on, read and prepared.
    Unchanged(Document),
}

/// Documents an incremental run need not analyse again: name → content
/// hash (see [`Raw::content_hash`]) of those whose analysis is stored.
#[derive(Debug, Default)]
pub struct Reuse {
    pub known: std::collections::HashMap<String, String>,
}

/// [`process_each`], and with `reuse` a document whose name and content
/// hash are known is not analysed: `sink` gets [`Outcome::Unchanged`].
/// With `reuse`, `sink` also gets each document's content hash.
pub fn process_reusing<T, W, S>(
    inputs: &Inputs,
    rules: &RuleSet,
    reuse: Option<&Reuse>,
    work: W,
    mut sink: S,
) -> Result<()>
where
    T: Send,
    W: Fn(&Document, &Dated, Analysis) -> T + Sync,
    S: FnMut(String, Option<String>, std::result::Result<Outcome<T>, String>),
{
    let items = ingest::items(&inputs.paths, &inputs.exclude)?;
    process_items(
        items.into_iter(),
        &inputs.fields,
        rules,
        reuse,
        work,
        |_, name, hash, result| sink(name, hash, result),
    );
    Ok(())
}

/// [`process_reusing`] over items in the order given (a listing, or files
/// handed over on standard input); `sink` also gets the name of the item
/// (the file) each document came from.
pub fn process_items<T, W, S>(
    items: impl Iterator<Item = ingest::Item>,
    fields: &ingest::FieldNames,
    rules: &RuleSet,
    reuse: Option<&Reuse>,
    work: W,
    mut sink: S,
) where
    T: Send,
    W: Fn(&Document, &Dated, Analysis) -> T + Sync,
    S: FnMut(&str, String, Option<String>, std::result::Result<Outcome<T>, String>),
{
    let analyzed = |doc: Document| {
        let dated = Dated::of(&doc.meta, rules);
        Outcome::Analyzed(analyze_in_pieces(
            &doc.text,
            rules,
            dated.date.clone(),
            |a| work(&doc, &dated, a),
        ))
    };
    let one = |raw: Raw| -> (Option<String>, std::result::Result<Outcome<T>, String>) {
        let Some(reuse) = reuse else {
            return (None, raw.prepare().map(analyzed));
        };
        let raw = match raw.load() {
            Ok(r) => r,
            Err(e) => return (None, Err(e)),
        };
        let hash = raw.content_hash();
        let unchanged = hash.is_some() && reuse.known.get(&raw.name) == hash.as_ref();
        let result = raw.prepare().map(|doc| {
            if unchanged {
                Outcome::Unchanged(doc)
            } else {
                analyzed(doc)
            }
        });
        (hash, result)
    };
    let batch = BATCH_PER_THREAD * rayon::current_num_threads().max(1);
    // Each record with the index of its item's name in `files`.
    type Pending = Vec<(usize, std::result::Result<Raw, Skipped>)>;
    let mut pending: Pending = Vec::with_capacity(batch);
    let mut files: Vec<String> = Vec::new();
    type Done<T> = (
        usize,
        String,
        Option<String>,
        std::result::Result<Outcome<T>, String>,
    );
    let mut flush = |pending: &mut Pending, files: &mut Vec<String>| {
        let done: Vec<Done<T>> = pending
            .par_drain(..)
            .map(|(file, item)| match item {
                Ok(raw) => {
                    let name = raw.name.clone();
                    let (hash, out) = one(raw);
                    (file, name, hash, out)
                }
                Err(s) => (file, s.name, None, Err(s.reason)),
            })
            .collect();
        for (file, name, hash, result) in done {
            sink(&files[file], name, hash, result);
        }
        // Only the last item's name may still be needed.
        if files.len() > 1 {
            files.drain(..files.len() - 1);
        }
    };
    for item in items {
        // Indices restart after each flush (see above).
        files.push(item.name().to_string());
        let mut at = files.len() - 1;
        for record in ingest::open_item(item, fields) {
            pending.push((at, record));
            if pending.len() >= batch {
                flush(&mut pending, &mut files);
                at = files.len() - 1;
            }
        }
    }
    flush(&mut pending, &mut files);
}

/// The date a document's metadata states, if it is one.
pub fn metadata_date(meta: &Meta, rules: &RuleSet) -> Option<DateValue> {
    Dated::of(meta, rules).date
}

/// The date a document is read with (its metadata's, else its header's)
/// and where it came from.
pub fn document_dating(doc: &Document, rules: &RuleSet) -> (Option<DateValue>, Option<Box<str>>) {
    let dated = Dated::of(&doc.meta, rules);
    if dated.date.is_some() {
        return (dated.date.clone(), dated.source(true));
    }
    let tokens = tokenize::tokenize(&doc.text);
    let found = document_date(&doc.text, &extract::extract(&doc.text, &tokens, rules));
    let from = dated.source(found.is_some());
    (found, from)
}

/// A document's date from its metadata, and where it came from; with no
/// usable metadata date the analysis looks for one in the text's header.
#[derive(Debug, Clone, Default)]
pub struct Dated {
    pub date: Option<DateValue>,
    /// "JSON field publishedAt"; or, when the metadata's date could not be
    /// read, what it said.
    pub from: Option<String>,
}

impl Dated {
    fn of(meta: &Meta, rules: &RuleSet) -> Dated {
        let Some(written) = meta.published.as_deref() else {
            return Dated::default();
        };
        let from = meta.published_from.as_deref().unwrap_or("metadata");
        match published_date(written, rules) {
            Some(d) => Dated {
                date: Some(d),
                from: Some(from.to_string()),
            },
            None => Dated {
                date: None,
                from: Some(format!("{from} {written:?} is not a date")),
            },
        }
    }

    /// Where the date an analysis ended with came from.
    fn source(&self, found: bool) -> Option<Box<str>> {
        match (&self.date, &self.from, found) {
            (Some(_), Some(f), _) => Some(f.as_str().into()),
            (None, Some(why), true) => Some(format!("text header ({why})").into()),
            (None, None, true) => Some("text header".into()),
            (None, Some(why), false) => Some(format!("none ({why})").into()),
            _ => None,
        }
    }
}

/// Each document's name and its results, or why it was skipped.
pub type Collected<T> = Vec<(String, std::result::Result<Vec<T>, String>)>;

/// [`process_each`], collected: each document's name and what `f` made of
/// it, the pieces of a large document joined (`Err(reason)` for a skipped
/// file), in name order.
pub fn process_with<T, F>(inputs: &Inputs, rules: &RuleSet, f: F) -> Result<Collected<T>>
where
    T: Send,
    F: Fn(&Document, Analysis) -> Vec<T> + Sync,
{
    let f = |doc: &Document, _: &Dated, a: Analysis| f(doc, a);
    let mut out = Vec::new();
    process_each(inputs, rules, f, |name, r| {
        out.push((name, r.map(|p| p.into_iter().flatten().collect())))
    })?;
    Ok(out)
}

/// The whole pipeline with the default options.
pub fn run(inputs: &[PathBuf], rules: &RuleSet) -> Result<RunResult> {
    run_with(&Inputs::new(inputs), rules, RunOptions::default())
}

/// The whole pipeline: stream the documents, keep their claims in a compact
/// table, then reconcile.
pub fn run_with(inputs: &Inputs, rules: &RuleSet, options: RunOptions) -> Result<RunResult> {
    run_stored(inputs, rules, options, None)
}

/// A document's analysis as the store keeps it: enough to rebuild its
/// summary, its claims and its marks without analysing it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDoc {
    pub date: Option<String>,
    pub date_from: Option<String>,
    pub meta: Option<Meta>,
    pub mentions: usize,
    pub marks: Vec<Mark>,
    pub claims: Vec<ClaimRecord>,
    pub fingerprint: Vec<u32>,
}

/// A fingerprint of the rules in force and of this crosscheck's version:
/// a stored analysis is reused only under the same.
pub fn analysis_key(rules: &RuleSet) -> String {
    format!("{}+{}", env!("CARGO_PKG_VERSION"), rules.fingerprint)
}

/// [`run_with`], incremental with a store: a document whose content and
/// rules are as stored is not analysed again (its stored analysis is used),
/// every analysed one is saved. The facts are the same as without a store.
pub fn run_stored(
    inputs: &Inputs,
    rules: &RuleSet,
    options: RunOptions,
    mut store: Option<&mut Store>,
) -> Result<RunResult> {
    let mut table = ClaimTable::with_text_budget(options.sentence_memory);
    let mut documents = Vec::new();
    let storing = store.is_some();
    let key = analysis_key(rules);
    // The sink, in name order, decides what is kept. A worker copies a
    // text (and keeps its mentions) only while it may still fit: what is
    // kept only grows, so once a text cannot fit now it never will, and a
    // long run stops copying articles once the budget is spent.
    let kept = AtomicUsize::new(0);
    let keepable = |text: &str| {
        text.len() <= LARGE_DOCUMENT
            && kept.load(Ordering::Relaxed) + text.len() <= options.keep_text
    };
    let work = |doc: &Document, dated: &Dated, a: Analysis| {
        let keep = keepable(&doc.text);
        Piece::of(doc, dated, a, keep, storing || keep)
    };
    let keep = |summary: &mut DocSummary, text: Option<String>, marks: Vec<Mark>| {
        if let Some(text) = text {
            let so_far = kept.load(Ordering::Relaxed);
            if so_far + text.len() <= options.keep_text {
                kept.store(so_far + text.len(), Ordering::Relaxed);
                summary.text = Some(Kept {
                    text,
                    mentions: marks,
                });
            }
        }
    };
    let mut failure: Option<crate::store::StoreError> = None;
    // Workers compare hashes against what the store knows; the stored
    // analyses are read on this thread, as the sink reaches them.
    let reuse: Option<Reuse> = store.as_deref_mut().map(Store::take_reuse);
    process_reusing(inputs, rules, reuse.as_ref(), work, |name, hash, result| {
        let mut reused = false;
        let result = result.map(|outcome| {
            let pieces = match outcome {
                Outcome::Analyzed(pieces) => pieces,
                Outcome::Unchanged(doc) => {
                    let stored = store.as_deref().map(|s| s.load(&name));
                    match stored {
                        Some(Ok(stored)) => {
                            reused = true;
                            return from_store(&name, stored, doc, &mut table, &keepable, &keep);
                        }
                        // Unreadable: analyse it again (and store it anew).
                        _ => {
                            let dated = Dated::of(&doc.meta, rules);
                            analyze_in_pieces(&doc.text, rules, dated.date.clone(), |a| {
                                work(&doc, &dated, a)
                            })
                        }
                    }
                }
            };
            let Merged {
                mut summary,
                text: kept_text,
                marks,
                claims,
            } = Piece::merge(pieces);
            let mut records = Vec::new();
            for c in &claims {
                table.push(&name, c);
                if storing {
                    records.push(ClaimRecord::of(&name, c));
                }
            }
            if let (Some(s), Some(hash), None) = (store.as_deref_mut(), &hash, &failure) {
                let stored = StoredDoc {
                    date: summary.date.as_deref().map(String::from),
                    date_from: summary.date_from.as_deref().map(String::from),
                    meta: summary.meta.as_deref().cloned(),
                    mentions: summary.mentions,
                    marks: marks.clone(),
                    claims: records,
                    fingerprint: summary.fingerprint.to_vec(),
                };
                if let Err(e) = s.save(&name, hash, &key, &stored) {
                    failure = Some(e);
                }
            }
            keep(&mut summary, kept_text, marks);
            summary
        });
        documents.push(DocOutcome {
            name,
            result,
            reused,
        });
    })?;
    if let Some(e) = failure {
        return Err(e.into());
    }

    let prints: Vec<reconcile::sources::Print> = documents
        .iter()
        .filter_map(|d| {
            let s = d.result.as_ref().ok()?;
            Some(reconcile::sources::Print {
                doc: &d.name,
                date: s.date.as_deref(),
                hashes: &s.fingerprint,
            })
        })
        .collect();
    let copies = reconcile::sources::copies(&prints);
    let facts = reconcile::reconcile_table(table, &copies);
    Ok(RunResult {
        documents,
        facts,
        review: None,
    })
}

/// Keeps a document's text and marks in its summary while the budget lasts.
type Keep<'a> = dyn Fn(&mut DocSummary, Option<String>, Vec<Mark>) + 'a;

/// A document's summary from its stored analysis; its claims go to the
/// table as stored.
fn from_store(
    name: &str,
    stored: StoredDoc,
    doc: Document,
    table: &mut ClaimTable,
    keepable: &dyn Fn(&str) -> bool,
    keep: &Keep,
) -> DocSummary {
    for c in &stored.claims {
        // Validated when loaded.
        let _ = table.push_record(c);
    }
    let mut summary = DocSummary {
        text: None,
        date: stored.date.map(Box::from),
        date_from: stored.date_from.map(Box::from),
        meta: stored.meta.map(Box::new),
        mentions: stored.mentions,
        claims: stored.claims.len(),
        fingerprint: stored.fingerprint.into_boxed_slice(),
    };
    debug_assert!(stored.claims.iter().all(|c| c.doc == name));
    let text = keepable(&doc.text).then_some(doc.text);
    keep(&mut summary, text, stored.marks);
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::json::facts_json;

    #[test]
    fn year_less_dates_take_the_year_the_text_states() {
        let rules = RuleSet::builtin().unwrap();
        let date_of = |text: &str, written: &str| {
            let a = analyze(text, &rules, None);
            a.mentions
                .iter()
                .find(|m| &text[m.span.range()] == written)
                .and_then(|m| m.date())
                .and_then(|d| d.value.clone())
        };
        // A year alone anchors a month the text names without one.
        let text =
            "Five sites will open in 2025. In July, Halvard and Kestrel signed an agreement.";
        assert_eq!(date_of(text, "July").as_deref(), Some("2025-07"));
        // A month of a year anchors a day after it in the same year.
        let text =
            "The deal was approved in April 2014. Shares rose from mid-February to October 6th.";
        assert_eq!(date_of(text, "October 6th").as_deref(), Some("2014-10-06"));
        // No date stated, none resolved.
        let text = "In July, Halvard and Kestrel signed an agreement.";
        assert_eq!(date_of(text, "July"), None);
    }

    #[test]
    fn pieces_cover_the_text_and_end_at_breaks() {
        let text = "First paragraph, one line.\n\nSecond — with “quotes” and more words here.\nA line.\n\nLast";
        for size in [4, 10, 25, 40, 1000] {
            let p = pieces(text, size);
            assert_eq!(p.first().unwrap().start, 0);
            assert_eq!(p.last().unwrap().end, text.len());
            for w in p.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
            for r in &p {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                assert!(!r.is_empty());
            }
        }
        let p = pieces(text, 40);
        assert!(text[p[0].clone()].ends_with("\n\n"), "{p:?}");
        // No break at all: cut at a character boundary, never inside one.
        let solid = "é".repeat(50);
        let p = pieces(&solid, 7);
        assert!(p[..p.len() - 1].iter().all(|r| r.len() == 6), "{p:?}");
        assert!(p.last().unwrap().len() <= 7);
    }

    #[test]
    fn a_document_in_pieces_keeps_document_offsets() {
        let rules = RuleSet::builtin().unwrap();
        let path = corpus()[0].join("000_9de286f62ec30d0e.txt");
        let text = std::fs::read_to_string(path).unwrap();
        let whole = analyze(&text, &rules, None);
        let parts = analyze_sized(&text, &rules, None, 1000, 2000, |a| a);
        assert!(parts.len() > 3);
        let (mut mentions, mut claims) = (0, 0);
        for a in &parts {
            assert_eq!(a.doc_date, parts[0].doc_date);
            for m in &a.mentions {
                let found = whole
                    .mentions
                    .iter()
                    .any(|w| w.span == m.span && w.kind == m.kind);
                mentions += usize::from(found);
            }
            for c in &a.claims {
                assert_eq!(&text[c.sentence.range()], c.sentence_text);
                assert_eq!(&text[c.span.range()], c.text);
                claims += 1;
            }
        }
        // Nearly everything is found as in the whole text (a piece boundary
        // may cut a claim's context, never a mention's offsets).
        assert!(
            mentions * 10 >= whole.mentions.len() * 9,
            "{mentions} of {}",
            whole.mentions.len()
        );
        assert!(
            claims * 10 >= whole.claims.len() * 7,
            "{claims} of {}",
            whole.claims.len()
        );
    }

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
            &Inputs::new(&corpus()),
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
