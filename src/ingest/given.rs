//! Given files: files handed over one per JSON line — a name with a path
//! or with the bytes — instead of found by a walk. This is how a map step
//! on a cluster gets its share of a corpus (`crosscheck files` lists a
//! folder in this form; `extract --files-from` reads it). A given file is
//! read exactly as the same file in a folder: the same name, the same
//! reasons to skip it, the same records.
//!
//! ```text
//! {"name": "deals/03.txt", "path": "/data/news/deals/03.txt"}
//! {"name": "feed.jsonl", "base64": "eyJ0aXRsZSI6…"}
//! {"name": "note.txt", "text": "Acme Corp said…"}
//! {"name": ".cache", "skipped": "hidden folder"}
//! ```

use super::{classify, Format, InputFile, Listing, Skipped};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Where a run's documents come from, one file at a time.
pub enum Item {
    /// A file to open.
    File(InputFile),
    /// A file's content, handed over.
    Bytes {
        name: String,
        format: Format,
        data: Vec<u8>,
    },
    /// JSON lines of articles from a stream (standard input), read as
    /// they come.
    Stream {
        name: String,
        reader: Box<dyn std::io::BufRead + Send>,
    },
    /// Not a document, with its reason.
    Skipped(Skipped),
}

impl Item {
    pub fn name(&self) -> &str {
        match self {
            Item::File(f) => &f.name,
            Item::Bytes { name, .. } | Item::Stream { name, .. } => name,
            Item::Skipped(s) => &s.name,
        }
    }
}

impl std::fmt::Debug for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::File(file) => f.debug_tuple("File").field(file).finish(),
            Item::Bytes { name, format, data } => f
                .debug_struct("Bytes")
                .field("name", name)
                .field("format", format)
                .field("len", &data.len())
                .finish(),
            Item::Stream { name, .. } => f.debug_struct("Stream").field("name", name).finish(),
            Item::Skipped(s) => f.debug_tuple("Skipped").field(s).finish(),
        }
    }
}

/// One line of a list of given files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Given {
    /// The document's name, as in a run over the folder.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Listed but not read, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl Given {
    /// The line of a listed file or of a skip.
    pub fn of(item: &Item) -> Given {
        let mut g = Given {
            name: item.name().to_string(),
            path: None,
            base64: None,
            text: None,
            skipped: None,
        };
        match item {
            Item::File(f) => g.path = Some(f.path.clone()),
            Item::Bytes { data, .. } => {
                g.base64 = Some(base64::engine::general_purpose::STANDARD.encode(data))
            }
            Item::Skipped(s) => g.skipped = Some(s.reason.clone()),
            Item::Stream { .. } => g.skipped = Some("a stream cannot be handed on".into()),
        }
        g
    }

    /// The item this line hands over: skipped, as a file of that name in a
    /// folder would be, when its name says so (hidden, an editor backup,
    /// not an article format) or its content cannot be decoded.
    pub fn item(self) -> Item {
        let skip = |name: &str, reason: String| {
            Item::Skipped(Skipped {
                name: name.to_string(),
                reason,
            })
        };
        if let Some(reason) = self.skipped {
            return skip(&self.name, reason);
        }
        if self.name.split('/').any(|part| part.starts_with('.')) {
            return skip(&self.name, "hidden file".into());
        }
        let mut listing = Listing::default();
        classify(&mut listing, self.name.clone(), PathBuf::from(&self.name));
        let Some(mut file) = listing.files.pop() else {
            return Item::Skipped(listing.skipped.pop().unwrap_or(Skipped {
                name: self.name,
                reason: "not an article file".into(),
            }));
        };
        match (self.path, self.base64, self.text) {
            (Some(path), None, None) => {
                file.path = path;
                Item::File(file)
            }
            (None, Some(b), None) => {
                match base64::engine::general_purpose::STANDARD.decode(b.trim()) {
                    Ok(data) => Item::Bytes {
                        name: file.name,
                        format: file.format,
                        data,
                    },
                    Err(e) => skip(&file.name, format!("given content is not base64: {e}")),
                }
            }
            (None, None, Some(t)) => Item::Bytes {
                name: file.name,
                format: file.format,
                data: t.into_bytes(),
            },
            _ => skip(
                &file.name,
                "a given file needs exactly one of \"path\", \"base64\", \"text\"".into(),
            ),
        }
    }

    /// A line of a list, or why it is none.
    pub fn parse(line: &str) -> Result<Given, String> {
        serde_json::from_str(line).map_err(|e| {
            format!(
                "not a given file ({e}); expected {{\"name\": …, \"path\"|\"base64\"|\"text\": …}}"
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(name: &str) -> Given {
        Given {
            name: name.into(),
            path: None,
            base64: None,
            text: Some("Acme invested $4 billion in Beta.".into()),
            skipped: None,
        }
    }

    #[test]
    fn a_given_file_is_skipped_for_the_reasons_a_folder_gives() {
        let reason = |g: Given| match g.item() {
            Item::Skipped(s) => s.reason,
            other => panic!("{other:?}"),
        };
        assert_eq!(reason(given("a/.hidden.txt")), "hidden file");
        assert_eq!(reason(given("a/b.txt~")), "editor backup");
        assert!(reason(given("a/b.pdf")).starts_with("not an article file (.pdf"));
        let mut both = given("a.txt");
        both.path = Some("a.txt".into());
        assert!(reason(both).contains("exactly one"));
        let mut bad = given("a.txt");
        bad.text = None;
        bad.base64 = Some("@@@".into());
        assert!(reason(bad).contains("not base64"));
    }

    #[test]
    fn bytes_and_files_go_through_a_line_and_back() {
        let item = Item::Bytes {
            name: "x/feed.jsonl".into(),
            format: Format::JsonLines,
            data: b"{\"text\": \"caf\xc3\xa9\"}\n\xff".to_vec(),
        };
        let line = serde_json::to_string(&Given::of(&item)).unwrap();
        match Given::parse(&line).unwrap().item() {
            Item::Bytes { name, format, data } => {
                assert_eq!(name, "x/feed.jsonl");
                assert_eq!(format, Format::JsonLines);
                assert!(data.ends_with(b"\n\xff"));
            }
            other => panic!("{other:?}"),
        }
        assert!(Given::parse("{\"path\": 3}").is_err());
    }
}
