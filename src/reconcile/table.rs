//! Claims of a whole run, kept compact so that a million of them fit in a
//! few hundred megabytes: party names are interned (one copy each, a `u32`
//! per claim), only what reconciling and reporting read is kept, and the
//! claim's text and sentence go to a [`TextStore`] that spills to a
//! temporary file past a memory budget.

use super::record::{AmountRecord, ClaimRecord, RecordError};
use super::SourcedClaim;
use crate::claims::{AsOfSource, Claim, Scope};
use crate::normalize::Amount;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

/// Where a string lives in a [`TextStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRef {
    offset: u64,
    len: u32,
}

/// Append-only text storage: in memory up to a budget, then the older part
/// goes to an anonymous temporary file (deleted when the store is dropped)
/// and is read back on demand, by position, from any thread. If no
/// temporary file can be made (or on a platform without positioned reads),
/// everything stays in memory: the run is only larger.
#[derive(Debug)]
pub struct TextStore {
    mem: String,
    /// Bytes already written to `file`; `mem` starts at this offset.
    spilled: u64,
    file: Option<std::fs::File>,
    budget: usize,
    spill_failed: bool,
}

impl Default for TextStore {
    fn default() -> Self {
        TextStore::with_budget(TextStore::DEFAULT_BUDGET)
    }
}

impl TextStore {
    /// In-memory bytes before spilling.
    pub const DEFAULT_BUDGET: usize = 32 << 20;

    pub fn with_budget(budget: usize) -> TextStore {
        TextStore {
            mem: String::new(),
            spilled: 0,
            file: None,
            budget,
            spill_failed: !cfg!(any(unix, windows)),
        }
    }

    /// Store `s` (cut at 4 GiB, far beyond any sentence) and say where.
    pub fn push(&mut self, s: &str) -> TextRef {
        let mut end = s.len().min(u32::MAX as usize);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let r = TextRef {
            offset: self.spilled + self.mem.len() as u64,
            len: end as u32,
        };
        self.mem.push_str(&s[..end]);
        if self.mem.len() > self.budget && !self.spill_failed {
            self.spill();
        }
        r
    }

    fn spill(&mut self) {
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(f) => self.file = Some(f),
                Err(_) => {
                    self.spill_failed = true;
                    return;
                }
            }
        }
        let Some(f) = &mut self.file else { return };
        match f.write_all(self.mem.as_bytes()) {
            Ok(()) => {
                self.spilled += self.mem.len() as u64;
                self.mem.clear();
            }
            // A full disk: keep the rest in memory from here on.
            Err(_) => self.spill_failed = true,
        }
    }

    /// The string at `r`. Should the spill file fail to read back, the
    /// claim shows a placeholder rather than stopping the report.
    pub fn get(&self, r: TextRef) -> Cow<'_, str> {
        if r.offset >= self.spilled {
            let at = (r.offset - self.spilled) as usize;
            return Cow::Borrowed(self.mem.get(at..at + r.len as usize).unwrap_or(""));
        }
        let mut buf = vec![0u8; r.len as usize];
        match self.file.as_ref().map(|f| read_at(f, &mut buf, r.offset)) {
            Some(Ok(())) => match String::from_utf8(buf) {
                Ok(s) => Cow::Owned(s),
                Err(_) => Cow::Borrowed(UNREADABLE),
            },
            _ => Cow::Borrowed(UNREADABLE),
        }
    }
}

const UNREADABLE: &str = "[text unavailable: the temporary file could not be read]";

#[cfg(unix)]
fn read_at(f: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
}

#[cfg(windows)]
fn read_at(f: &std::fs::File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(f, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &std::fs::File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Interned names, numbered in first-seen order until [`Names::sort`].
#[derive(Debug, Default)]
pub struct Names {
    list: Vec<Box<str>>,
    index: HashMap<Box<str>, u32>,
}

impl Names {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.into());
        self.index.insert(s.into(), i);
        i
    }

    pub fn get(&self, id: u32) -> &str {
        &self.list[id as usize]
    }

    /// Renumber so that id order is string order; returns old id → new id.
    fn sort(&mut self) -> Vec<u32> {
        let mut order: Vec<u32> = (0..self.list.len() as u32).collect();
        order.sort_by(|&a, &b| self.list[a as usize].cmp(&self.list[b as usize]));
        let mut remap = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old as usize] = new as u32;
        }
        let mut list: Vec<Box<str>> = Vec::with_capacity(self.list.len());
        for &old in &order {
            list.push(std::mem::take(&mut self.list[old as usize]));
        }
        self.list = list;
        for v in self.index.values_mut() {
            *v = remap[*v as usize];
        }
        remap
    }

    fn is_sorted(&self) -> bool {
        self.list.windows(2).all(|w| w[0] <= w[1])
    }
}

/// One claim, compact: what grouping, comparing and reporting read.
#[derive(Debug, Clone)]
pub struct Row {
    pub doc: u32,
    pub subject: u32,
    pub predicate: u32,
    pub object: Option<u32>,
    pub unit: u32,
    pub start: usize,
    pub end: usize,
    pub text: Box<str>,
    pub sentence_start: usize,
    pub sentence: TextRef,
    pub amount: Amount,
    pub qualifiers: Box<[Box<str>]>,
    pub marks: Box<[(&'static str, Box<str>)]>,
    /// The as-of date as written in facts.json (value, else range start).
    pub as_of: Option<u32>,
    /// The month prefix of a point as-of date (the tranche slot).
    pub as_of_month: Option<u32>,
    pub as_of_index: Option<i64>,
    pub as_of_source: Option<AsOfSource>,
    pub scope: Scope,
    pub inferred: Option<&'static str>,
}

/// The fields of a claim read as words of a fixed vocabulary.
struct How {
    scope: Scope,
    as_of_source: Option<AsOfSource>,
    inferred: Option<&'static str>,
    marks: Box<[(&'static str, Box<str>)]>,
}

/// The claims of a run.
#[derive(Debug, Default)]
pub struct ClaimTable {
    pub(super) rows: Vec<Row>,
    pub(super) names: Names,
    pub(super) docs: Names,
    pub(super) texts: TextStore,
    /// The last sentence stored, so claims of one sentence share it.
    last_sentence: Option<(u32, usize, TextRef)>,
}

impl ClaimTable {
    pub fn new() -> ClaimTable {
        ClaimTable::default()
    }

    /// A table whose texts stay in memory up to `budget` bytes.
    pub fn with_text_budget(budget: usize) -> ClaimTable {
        ClaimTable {
            texts: TextStore::with_budget(budget),
            ..ClaimTable::default()
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Add one claim of document `doc`.
    pub fn push(&mut self, doc: &str, c: &Claim) {
        // Through the record a stored or streamed claim is read back from,
        // so both reconcile alike.
        let r = ClaimRecord::of(doc, c);
        let how = How {
            scope: c.scope,
            as_of_source: c.as_of_source,
            inferred: c.inferred,
            marks: c
                .marks
                .iter()
                .map(|(k, w)| (*k, w.as_str().into()))
                .collect(),
        };
        self.insert(&r, how, c.amount.clone());
    }

    /// Add a claim read back from a record; `Err` names the field whose
    /// word is not one crosscheck writes.
    pub fn push_record(&mut self, r: &ClaimRecord) -> Result<(), RecordError> {
        let how = How {
            scope: r.scope()?,
            as_of_source: r.as_of_source()?,
            inferred: r.inferred()?,
            marks: r.marks()?.into_iter().map(|(k, w)| (k, w.into())).collect(),
        };
        let amount = r.amount.to_amount()?;
        self.insert(r, how, amount);
        Ok(())
    }

    fn insert(&mut self, c: &ClaimRecord, how: How, amount: Amount) {
        let How {
            scope,
            as_of_source,
            inferred,
            marks,
        } = how;
        let doc = self.docs.id(&c.doc);
        let sentence = match self.last_sentence {
            Some((d, start, r)) if d == doc && start == c.sentence_start => r,
            _ => {
                let r = self.texts.push(&c.sentence);
                self.last_sentence = Some((doc, c.sentence_start, r));
                r
            }
        };
        let as_of = c.as_of.as_deref().map(|s| self.names.id(s));
        let as_of_month = c.as_of_month.as_deref().map(|m| self.names.id(m));
        let row = Row {
            doc,
            subject: self.names.id(&c.subject),
            predicate: self.names.id(&c.predicate),
            object: c.object.as_deref().map(|o| self.names.id(o)),
            unit: self.names.id(&c.unit),
            start: c.start,
            end: c.end,
            text: c.text.as_str().into(),
            sentence_start: c.sentence_start,
            sentence,
            amount,
            qualifiers: c.qualifiers.iter().map(|q| q.as_str().into()).collect(),
            marks,
            as_of,
            as_of_month,
            as_of_index: c.as_of_index,
            as_of_source,
            scope,
            inferred,
        };
        self.rows.push(row);
    }

    /// Add every claim of a list.
    pub fn extend<'a>(&mut self, claims: impl IntoIterator<Item = &'a SourcedClaim>) {
        for sc in claims {
            self.push(&sc.doc, &sc.claim);
        }
    }

    /// Number names and documents in string order, so that comparing ids
    /// compares the strings (output order is by name).
    pub(super) fn sort_names(&mut self) {
        if !self.names.is_sorted() {
            let remap = self.names.sort();
            for r in &mut self.rows {
                r.subject = remap[r.subject as usize];
                r.predicate = remap[r.predicate as usize];
                r.object = r.object.map(|o| remap[o as usize]);
                r.unit = remap[r.unit as usize];
                r.as_of = r.as_of.map(|o| remap[o as usize]);
                r.as_of_month = r.as_of_month.map(|o| remap[o as usize]);
            }
        }
        if !self.docs.is_sorted() {
            let remap = self.docs.sort();
            for r in &mut self.rows {
                r.doc = remap[r.doc as usize];
            }
        }
        self.last_sentence = None;
    }

    pub fn name(&self, id: u32) -> &str {
        self.names.get(id)
    }

    pub fn doc(&self, id: u32) -> &str {
        self.docs.get(id)
    }

    pub fn text(&self, r: TextRef) -> Cow<'_, str> {
        self.texts.get(r)
    }

    /// Row `i` as the record it was pushed as.
    pub fn record(&self, i: u32) -> ClaimRecord {
        let r = &self.rows[i as usize];
        ClaimRecord {
            doc: self.doc(r.doc).to_string(),
            subject: self.name(r.subject).to_string(),
            predicate: self.name(r.predicate).to_string(),
            object: r.object.map(|o| self.name(o).to_string()),
            unit: self.name(r.unit).to_string(),
            scope: r.scope.as_str().to_string(),
            start: r.start,
            end: r.end,
            text: r.text.to_string(),
            sentence_start: r.sentence_start,
            sentence: self.text(r.sentence).into_owned(),
            amount: AmountRecord::of(&r.amount),
            qualifiers: r.qualifiers.iter().map(|q| q.to_string()).collect(),
            marks: r.marks.iter().map(|(k, w)| format!("{k}:{w}")).collect(),
            as_of: r.as_of.map(|a| self.name(a).to_string()),
            as_of_month: r.as_of_month.map(|m| self.name(m).to_string()),
            as_of_index: r.as_of_index,
            as_of_source: r.as_of_source.map(|s| s.as_str().to_string()),
            inferred: r.inferred.map(str::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_store_reads_back_what_it_spilled() {
        let mut s = TextStore::with_budget(10);
        let refs: Vec<(TextRef, String)> = (0..50)
            .map(|i| {
                let t = format!("sentence {i} — “quoted”");
                (s.push(&t), t)
            })
            .collect();
        assert!(s.spilled > 0, "the budget forces a spill");
        for (r, t) in refs {
            assert_eq!(s.get(r), t);
        }
    }

    #[test]
    fn names_sort_to_string_order() {
        let mut n = Names::default();
        let b = n.id("beta");
        let a = n.id("alpha");
        assert_eq!(n.id("beta"), b);
        let remap = n.sort();
        assert_eq!(n.get(remap[a as usize]), "alpha");
        assert_eq!(remap[a as usize], 0);
        assert_eq!(n.id("alpha"), 0);
    }
}
