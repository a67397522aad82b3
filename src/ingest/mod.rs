//! Ingest: a folder (or files) → documents, in a fixed order.
//!
//! Every file found is accounted for: read as one or more documents, or
//! skipped with its reason (binary, invalid UTF-8, unreadable, hidden, an
//! editor backup, not an article format). Nothing is dropped silently and
//! nothing panics. A document is named by its path relative to the input
//! folder, with `/` separators, so names are the same on every machine; a
//! record of a JSON-lines or JSON file adds `#id` (its id field) or `#n`
//! (its line, or its place in the list).
//!
//! Formats, by extension: .txt and .md are text; .html, .htm and .xhtml are
//! saved pages ([`html`]); .jsonl and .ndjson hold one article per line, read
//! as a stream; .json holds one article or a list ([`json`]).

pub mod given;
pub mod html;
pub mod json;
pub mod meta;

use crate::error::{Error, Result};
pub use given::{Given, Item};
pub use json::{Body, FieldNames};
pub use meta::Meta;
use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// How a file holds its articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Text,
    Html,
    JsonLines,
    Json,
}

impl Format {
    /// The format an extension names.
    pub fn of(ext: &str) -> Option<Format> {
        Some(match ext {
            "txt" | "md" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::JsonLines,
            "json" => Format::Json,
            _ => return None,
        })
    }
}

/// A file to read, named for the report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    pub name: String,
    pub path: PathBuf,
    pub format: Format,
}

/// An article as read, before a page or an HTML body becomes text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    pub name: String,
    pub title: Option<String>,
    pub body: Body,
    pub meta: Meta,
}

/// An article ready for analysis: its text (what offsets refer to) and
/// what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub name: String,
    pub text: String,
    pub meta: Meta,
}

impl Raw {
    /// Read a file not read yet, so that [`Raw::content_hash`] can look at
    /// its text; `Err` says why it cannot be read.
    pub fn load(self) -> std::result::Result<Raw, String> {
        let body = match self.body {
            Body::File(f) if f.format == Format::Html => Body::Html(read(&f)?),
            Body::File(f) => Body::Text(read(&f)?),
            b => b,
        };
        Ok(Raw { body, ..self })
    }

    /// A hash of everything the analysis reads (title, body, metadata),
    /// hex: equal hashes, equal results with the same rules. `None` for a
    /// file not [loaded](Raw::load) yet.
    pub fn content_hash(&self) -> Option<String> {
        let mut h = blake3::Hasher::new();
        let mut field = |tag: &str, v: Option<&str>| {
            h.update(tag.as_bytes());
            match v {
                Some(v) => {
                    h.update(&(v.len() as u64).to_le_bytes());
                    h.update(v.as_bytes());
                }
                None => {
                    h.update(&u64::MAX.to_le_bytes());
                }
            }
        };
        let (kind, body) = match &self.body {
            Body::Text(t) => ("text", t),
            Body::Html(t) => ("html", t),
            Body::File(_) => return None,
        };
        field(kind, Some(body));
        field("title", self.title.as_deref());
        let m = &self.meta;
        for (tag, v) in [
            ("meta.title", &m.title),
            ("source", &m.source),
            ("source_from", &m.source_from),
            ("url", &m.url),
            ("published", &m.published),
            ("published_from", &m.published_from),
        ] {
            field(tag, v.as_deref());
        }
        Some(h.finalize().to_hex().to_string())
    }

    /// The text to analyse: a page's readable text; a record's title, a
    /// blank line, then its body (unless the body starts with the title).
    /// A file not read yet is read here; `Err` says why it cannot be.
    pub fn prepare(self) -> std::result::Result<Document, String> {
        let (text, is_html) = match self.body {
            Body::Text(t) => (t, false),
            Body::Html(h) => (h, true),
            Body::File(f) => (read(&f)?, f.format == Format::Html),
        };
        let (body, meta) = if is_html {
            let page = html::page(&text);
            (page.text, self.meta.or(page.meta))
        } else {
            (text, self.meta)
        };
        let text = match self.title {
            Some(t) if !body.trim_start().starts_with(t.as_str()) => format!("{t}\n\n{body}"),
            _ => body,
        };
        Ok(Document {
            name: self.name,
            text,
            meta: meta.with_domain_as_source(),
        })
    }
}

/// What the inputs are and how to read them.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub paths: Vec<PathBuf>,
    pub fields: FieldNames,
    /// crosscheck's own files and folders (the report folder, the store),
    /// passed over when they are inside an input folder: never articles.
    pub exclude: Vec<PathBuf>,
}

impl Inputs {
    pub fn new(paths: &[PathBuf]) -> Inputs {
        Inputs {
            paths: paths.to_vec(),
            fields: FieldNames::default(),
            exclude: Vec::new(),
        }
    }
}

/// Paths passed over by a walk, matched by name first so that only a
/// candidate costs a `canonicalize`.
struct Excluded {
    names: Vec<std::ffi::OsString>,
    paths: Vec<PathBuf>,
}

impl Excluded {
    fn new(paths: &[PathBuf]) -> Excluded {
        let mut e = Excluded {
            names: Vec::new(),
            paths: Vec::new(),
        };
        for p in paths {
            // A path that does not exist yet cannot be walked into.
            if let (Some(name), Ok(full)) = (p.file_name(), p.canonicalize()) {
                e.names.push(name.to_os_string());
                e.paths.push(full);
            }
        }
        e
    }

    fn contains(&self, p: &Path) -> bool {
        p.file_name()
            .is_some_and(|n| self.names.iter().any(|x| x == n))
            && p.canonicalize()
                .is_ok_and(|full| self.paths.contains(&full))
    }
}

/// A file that was not read as a document, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub name: String,
    pub reason: String,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<InputFile>,
    pub skipped: Vec<Skipped>,
}

/// Extensions read as articles.
pub const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "md", "html", "htm", "xhtml", "jsonl", "ndjson", "json",
];

/// The extensions, as a user reads them in a message.
const READS: &str = "crosscheck reads .txt, .md, .html, .htm, .xhtml, .jsonl, .ndjson and .json";

/// A document's name made terse for a sentence: its file name without
/// folder or extension, its record kept ("deals/03-cbr.txt" → "03-cbr",
/// "dumps/feed.jsonl#a1" → "feed#a1").
pub fn short_name(doc: &str) -> String {
    let (file, record) = match doc.rsplit_once('#') {
        Some((f, r)) => (f, Some(r)),
        None => (doc, None),
    };
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    match record {
        Some(r) => format!("{stem}#{r}"),
        None => stem.to_string(),
    }
}

/// How many leading bytes are checked for NUL to call a file binary.
const BINARY_SNIFF: usize = 8192;

/// List the articles under `inputs` (folders are walked, files taken as
/// given). A path that does not exist is an error: the run cannot do what
/// was asked.
pub fn list(inputs: &[PathBuf]) -> Result<Listing> {
    list_excluding(inputs, &[])
}

/// [`list`], passing over `exclude` (files, or folders not entered) where
/// a walk meets them.
pub fn list_excluding(inputs: &[PathBuf], exclude: &[PathBuf]) -> Result<Listing> {
    let excluded = Excluded::new(exclude);
    let mut out = Listing::default();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|_| Error::MissingInput {
            path: input.clone(),
        })?;
        if meta.is_file() {
            let name = input.to_string_lossy().replace('\\', "/");
            classify(&mut out, name, input.clone());
            continue;
        }
        // One walk: hidden entries are listed (a hidden folder once, not
        // entered); everything else is classified or reported.
        let mut walker = WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walker.next() {
            match entry {
                Ok(e) if e.depth() > 0 && excluded.contains(e.path()) => {
                    if e.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                }
                Ok(e) if e.depth() > 0 && is_hidden(e.file_name()) => {
                    let dir = e.file_type().is_dir();
                    out.skipped.push(Skipped {
                        name: relative_name(input, e.path()),
                        reason: if dir { "hidden folder" } else { "hidden file" }.to_string(),
                    });
                    if dir {
                        walker.skip_current_dir();
                    }
                }
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => classify(
                    &mut out,
                    relative_name(input, e.path()),
                    e.path().to_path_buf(),
                ),
                Err(err) => {
                    let name = err
                        .path()
                        .map_or_else(|| input.display().to_string(), |p| relative_name(input, p));
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        format!(
                            "cannot read: {}",
                            err.io_error()
                                .map_or_else(|| err.to_string(), |e| e.to_string())
                        )
                    };
                    out.skipped.push(Skipped { name, reason });
                }
            }
        }
    }
    out.files.sort();
    out.files.dedup();
    out.skipped.sort();
    out.skipped.dedup();
    Ok(out)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        path.to_string_lossy().into_owned()
    } else {
        s
    }
}

fn classify(out: &mut Listing, name: String, path: PathBuf) {
    let file_name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if file_name.ends_with('~')
        || file_name.ends_with(".swp")
        || file_name.ends_with(".bak")
        || file_name.starts_with("#")
    {
        out.skipped.push(Skipped {
            name,
            reason: "editor backup".into(),
        });
        return;
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        Some(e) => match Format::of(e) {
            Some(format) => out.files.push(InputFile { name, path, format }),
            None => out.skipped.push(Skipped {
                name,
                reason: format!("not an article file (.{e}; {READS})"),
            }),
        },
        None => out.skipped.push(Skipped {
            name,
            reason: format!("not an article file (no extension; {READS})"),
        }),
    }
}

/// An input file as taken from the command line or a walk: its format from
/// its extension (text when it has none of ours).
pub fn input_file(path: &Path) -> InputFile {
    let format = path
        .extension()
        .and_then(|e| Format::of(&e.to_string_lossy().to_lowercase()))
        .unwrap_or(Format::Text);
    InputFile {
        name: path.to_string_lossy().replace('\\', "/"),
        path: path.to_path_buf(),
        format,
    }
}

/// Read one file as UTF-8 text, or say why it cannot be a document.
pub fn read(file: &InputFile) -> std::result::Result<String, String> {
    let bytes = std::fs::read(&file.path).map_err(|e| format!("cannot read: {e}"))?;
    decode_owned(bytes)
}

/// The articles of one file, read as they are asked for: a JSON-lines file
/// is streamed line by line, so only the records in flight are in memory.
/// Each item is an article or a record skipped with its reason; a file that
/// cannot be opened or is not of its format gives one skipped item.
pub fn open(file: &InputFile, fields: &FieldNames) -> Records {
    let whole = |f: &InputFile| read(f).map_err(|reason| skip(&f.name, reason));
    let items = match file.format {
        Format::Text | Format::Html => vec![Ok(Raw {
            name: file.name.clone(),
            title: None,
            body: Body::File(file.clone()),
            meta: Meta::default(),
        })],
        Format::Json => match whole(file) {
            Err(s) => vec![Err(s)],
            Ok(text) => json_file(&file.name, &text, fields),
        },
        Format::JsonLines => match std::fs::File::open(&file.path) {
            Err(e) => vec![Err(skip(&file.name, format!("cannot read: {e}")))],
            Ok(f) => {
                let mut reader = std::io::BufReader::with_capacity(1 << 16, f);
                match reader.fill_buf() {
                    Err(e) => vec![Err(skip(&file.name, format!("cannot read: {e}")))],
                    Ok(head) if head[..head.len().min(BINARY_SNIFF)].contains(&0) => {
                        vec![Err(skip(
                            &file.name,
                            "binary file (contains NUL bytes)".into(),
                        ))]
                    }
                    Ok(_) => {
                        return Records::Lines(Box::new(Lines::from_reader(
                            &file.name,
                            Box::new(reader),
                            fields,
                        )));
                    }
                }
            }
        },
    };
    Records::Listed(items.into_iter())
}

/// Everything under `inputs` in run order (by name): files to open and
/// entries skipped, passing over `exclude` (see [`list_excluding`]).
/// An input `-` is standard input, read as JSON lines of articles named
/// `stdin#id` (or `stdin#line`).
pub fn items(inputs: &[PathBuf], exclude: &[PathBuf]) -> Result<Vec<Item>> {
    let is_stdin = |p: &&PathBuf| p.as_os_str() == "-";
    let paths: Vec<PathBuf> = inputs.iter().filter(|p| !is_stdin(p)).cloned().collect();
    let listing = list_excluding(&paths, exclude)?;
    let mut items: Vec<Item> = listing
        .files
        .into_iter()
        .map(Item::File)
        .chain(listing.skipped.into_iter().map(Item::Skipped))
        .collect();
    if inputs.iter().any(|p| is_stdin(&p)) {
        items.push(Item::Stream {
            name: STDIN.into(),
            reader: Box::new(std::io::BufReader::new(std::io::stdin())),
        });
    }
    items.sort_by(|a, b| a.name().cmp(b.name()));
    Ok(items)
}

/// How documents read from standard input are named (`stdin#id`).
pub const STDIN: &str = "stdin";

/// The articles of an item: [`open`] for a file; for content handed over,
/// the same records the file would give.
pub fn open_item(item: Item, fields: &FieldNames) -> Records {
    match item {
        Item::File(f) => open(&f, fields),
        Item::Stream { name, reader } => {
            Records::Lines(Box::new(Lines::from_reader(&name, reader, fields)))
        }
        Item::Skipped(s) => Records::Listed(vec![Err(s)].into_iter()),
        Item::Bytes { name, format, data } => {
            let whole = |data: Vec<u8>| decode_owned(data).map_err(|r| skip(&name, r));
            let items = match format {
                Format::Text | Format::Html => vec![whole(data).map(|text| Raw {
                    name: name.clone(),
                    title: None,
                    body: if format == Format::Html {
                        Body::Html(text)
                    } else {
                        Body::Text(text)
                    },
                    meta: Meta::default(),
                })],
                Format::Json => match whole(data) {
                    Err(s) => vec![Err(s)],
                    Ok(text) => json_file(&name, &text, fields),
                },
                Format::JsonLines if data[..data.len().min(BINARY_SNIFF)].contains(&0) => {
                    vec![Err(skip(&name, "binary file (contains NUL bytes)".into()))]
                }
                Format::JsonLines => {
                    let reader = std::io::Cursor::new(data);
                    return Records::Lines(Box::new(Lines::from_reader(
                        &name,
                        Box::new(reader),
                        fields,
                    )));
                }
            };
            Records::Listed(items.into_iter())
        }
    }
}

fn skip(name: &str, reason: String) -> Skipped {
    Skipped {
        name: name.to_string(),
        reason,
    }
}

/// A record's name: `file#id` when its id is new in the file, else
/// `file#n` (its line or place), made unique.
fn record_name(file: &str, id: Option<&str>, n: usize, names: &mut HashSet<String>) -> String {
    let mut name = match id {
        Some(id) if !names.contains(&format!("{file}#{id}")) => format!("{file}#{id}"),
        _ => format!("{file}#{n}"),
    };
    let mut k = 2;
    while names.contains(&name) {
        name = format!("{file}#{n}.{k}");
        k += 1;
    }
    names.insert(name.clone());
    name
}

fn to_raw(
    file: &str,
    v: &serde_json::Value,
    n: usize,
    fields: &FieldNames,
    names: &mut HashSet<String>,
) -> std::result::Result<Raw, Skipped> {
    match json::record(v, fields) {
        Ok(r) => Ok(Raw {
            name: record_name(file, r.id.as_deref(), n, names),
            title: r.title,
            body: r.body,
            meta: r.meta,
        }),
        Err(reason) => {
            let id = json::record_id(v, fields);
            let name = record_name(file, id.as_deref(), n, names);
            Err(skip(&name, reason))
        }
    }
}

fn json_file(
    file: &str,
    text: &str,
    fields: &FieldNames,
) -> Vec<std::result::Result<Raw, Skipped>> {
    let value = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => v,
        Err(e) => return vec![Err(skip(file, format!("invalid JSON: {e}")))],
    };
    let records = match json::records_of_file(value) {
        Ok(r) => r,
        Err(reason) => return vec![Err(skip(file, reason))],
    };
    if records.is_empty() {
        return vec![Err(skip(
            file,
            "JSON with no article records (an empty list)".into(),
        ))];
    }
    // One article object: the file's own name.
    if records.len() == 1 && !text.trim_start().starts_with('[') {
        return vec![json::record(&records[0], fields)
            .map(|r| Raw {
                name: file.to_string(),
                title: r.title,
                body: r.body,
                meta: r.meta,
            })
            .map_err(|reason| skip(file, reason))];
    }
    let mut names = HashSet::new();
    records
        .iter()
        .enumerate()
        .map(|(i, v)| to_raw(file, v, i + 1, fields, &mut names))
        .collect()
}

/// The articles of one file (see [`open`]).
pub enum Records {
    Listed(std::vec::IntoIter<std::result::Result<Raw, Skipped>>),
    Lines(Box<Lines>),
}

impl Iterator for Records {
    type Item = std::result::Result<Raw, Skipped>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Records::Listed(items) => items.next(),
            Records::Lines(lines) => lines.next(),
        }
    }
}

/// A JSON-lines file read line by line. Blank lines are no records; a line
/// that is not UTF-8, not JSON or holds no article text is skipped with its
/// reason under the name `file#line`.
pub struct Lines {
    file: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
    names: HashSet<String>,
    fields: FieldNames,
    found: usize,
    done: bool,
}

impl Lines {
    /// Records from any reader (standard input, a pipe).
    pub fn from_reader(file: &str, reader: Box<dyn BufRead + Send>, fields: &FieldNames) -> Lines {
        Lines {
            file: file.to_string(),
            reader,
            line: 0,
            names: HashSet::new(),
            fields: fields.clone(),
            found: 0,
            done: false,
        }
    }
}

impl Iterator for Lines {
    type Item = std::result::Result<Raw, Skipped>;
    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        while !self.done {
            buf.clear();
            match self.reader.read_until(b'\n', &mut buf) {
                Err(e) => {
                    self.done = true;
                    let name = format!("{}#{}", self.file, self.line + 1);
                    return Some(Err(skip(&name, format!("cannot read: {e}"))));
                }
                Ok(0) => {
                    self.done = true;
                    if self.found == 0 {
                        return Some(Err(skip(
                            &self.file,
                            "JSON lines with no records (an empty file)".into(),
                        )));
                    }
                    return None;
                }
                Ok(_) => {}
            }
            self.line += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.found += 1;
            let n = self.line;
            let text = match std::str::from_utf8(&buf) {
                Ok(t) => t,
                Err(e) => {
                    let name = record_name(&self.file, None, n, &mut self.names);
                    return Some(Err(skip(
                        &name,
                        format!(
                            "invalid UTF-8 at byte {} of line {n} (save the file as UTF-8)",
                            e.valid_up_to()
                        ),
                    )));
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            return Some(match serde_json::from_str::<serde_json::Value>(text) {
                Ok(v) => to_raw(&self.file, &v, n, &self.fields, &mut self.names),
                Err(e) => {
                    let name = record_name(&self.file, None, n, &mut self.names);
                    Err(skip(&name, format!("invalid JSON on line {n}: {e}")))
                }
            });
        }
        None
    }
}

/// [`decode`] without a copy: the bytes become the text.
pub fn decode_owned(bytes: Vec<u8>) -> std::result::Result<String, String> {
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err("binary file (contains NUL bytes)".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("invalid UTF-8 at byte {at} (save the file as UTF-8)")
    })
}

/// Bytes → text: binary and invalid UTF-8 are reasons to skip, with where.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, String> {
    decode_owned(bytes.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_keep_records() {
        assert_eq!(short_name("deals/03-cbr.txt"), "03-cbr");
        assert_eq!(short_name("dumps/feed.jsonl#a1"), "feed#a1");
        assert_eq!(short_name("a\\b.v2.html"), "b.v2");
        assert_eq!(short_name(".txt"), ".txt");
        assert_eq!(short_name("x#"), "x#");
    }

    #[test]
    fn decode_reports_binary_and_bad_utf8() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0")
            .unwrap_err()
            .starts_with("binary"));
        assert_eq!(
            decode(b"caf\xe9").unwrap_err(),
            "invalid UTF-8 at byte 3 (save the file as UTF-8)"
        );
        assert_eq!(decode("Amazon’s".as_bytes()).unwrap(), "Amazon’s");
        assert_eq!(decode(b"").unwrap(), "");
    }
}
