//! Ingest: a folder (or files) → documents, in a fixed order.
//!
//! Every file found is accounted for: read as a document, or skipped with its
//! reason (binary, invalid UTF-8, unreadable, hidden, an editor backup, not a
//! .txt or .md file). Nothing is dropped silently and nothing panics. A
//! document is named by its path relative to the input folder, with `/`
//! separators, so names are the same on every machine.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file to read, named for the report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    pub name: String,
    pub path: PathBuf,
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
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md"];

/// How many leading bytes are checked for NUL to call a file binary.
const BINARY_SNIFF: usize = 8192;

/// List the articles under `inputs` (folders are walked, files taken as
/// given). A path that does not exist is an error: the run cannot do what
/// was asked.
pub fn list(inputs: &[PathBuf]) -> Result<Listing> {
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
        Some(e) if ARTICLE_EXTENSIONS.contains(&e) => out.files.push(InputFile { name, path }),
        Some(e) => out.skipped.push(Skipped {
            name,
            reason: format!("not an article file (.{e}; crosscheck reads .txt and .md)"),
        }),
        None => out.skipped.push(Skipped {
            name,
            reason: "not an article file (no extension; crosscheck reads .txt and .md)".into(),
        }),
    }
}

/// Read one file as UTF-8 text, or say why it cannot be a document.
pub fn read(file: &InputFile) -> std::result::Result<String, String> {
    let bytes = std::fs::read(&file.path).map_err(|e| format!("cannot read: {e}"))?;
    decode_owned(bytes)
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
