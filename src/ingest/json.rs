//! JSON records → articles: one object per line in a .jsonl/.ndjson export,
//! or a .json file holding one article, a list of them, or an object with
//! such a list ("articles", "data", "items", …), as news APIs and crawlers
//! write them.
//!
//! Which field holds what is a list of names tried in order; the defaults
//! cover the common exports (NewsAPI, GDELT-style crawls, news-please,
//! Common Crawl news extracts, hand-made dumps), and `--field KIND=NAME`
//! puts a user's own names first. A name may be a dotted path
//! ("source.name"). A text field that holds HTML is read as a page.

use super::meta::{clean, Meta};
use serde_json::Value;

/// The field names tried for each part of a record, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNames {
    pub id: Vec<String>,
    pub title: Vec<String>,
    pub text: Vec<String>,
    pub date: Vec<String>,
    pub source: Vec<String>,
    pub url: Vec<String>,
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: owned(&[
                "id",
                "_id",
                "uuid",
                "guid",
                "article_id",
                "doc_id",
                "docid",
                "key",
            ]),
            title: owned(&["title", "headline", "title_text", "name"]),
            text: owned(&[
                "text",
                "body",
                "content",
                "maintext",
                "article_body",
                "articleBody",
                "full_text",
                "fulltext",
                "article",
                "story",
                "description",
                "summary",
            ]),
            date: owned(&[
                "published",
                "publishedAt",
                "published_at",
                "date_publish",
                "datePublished",
                "date_published",
                "publish_date",
                "publication_date",
                "pubDate",
                "published_date",
                "date",
                "seendate",
                "created_at",
            ]),
            source: owned(&[
                "source",
                "source_name",
                "sourceName",
                "source_domain",
                "site_name",
                "siteName",
                "publisher",
                "outlet",
                "domain",
            ]),
            url: owned(&["url", "link", "source_url", "canonical_url", "uri", "href"]),
        }
    }
}

/// The kinds a `--field` option may name.
pub const FIELD_KINDS: &[&str] = &["id", "title", "text", "date", "source", "url"];

impl FieldNames {
    /// `KIND=NAME[,NAME…]`: these names are tried first for KIND.
    pub fn prefer(&mut self, spec: &str) -> Result<(), String> {
        let (kind, names) = spec
            .split_once('=')
            .ok_or_else(|| format!("--field {spec:?}: expected KIND=NAME, e.g. text=story_body"))?;
        let list = match kind.trim() {
            "id" => &mut self.id,
            "title" => &mut self.title,
            "text" => &mut self.text,
            "date" => &mut self.date,
            "source" => &mut self.source,
            "url" => &mut self.url,
            other => {
                return Err(format!(
                    "--field {spec:?}: unknown kind {other:?} (one of {})",
                    FIELD_KINDS.join(", ")
                ))
            }
        };
        let new: Vec<String> = names
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(String::from)
            .collect();
        if new.is_empty() {
            return Err(format!("--field {spec:?}: no field name after '='"));
        }
        list.retain(|n| !new.contains(n));
        list.splice(0..0, new);
        Ok(())
    }
}

/// Lists of records inside an object ("articles" in NewsAPI's answer).
const LIST_KEYS: &[&str] = &[
    "articles",
    "data",
    "items",
    "results",
    "documents",
    "docs",
    "records",
    "entries",
    "stories",
    "news",
    "hits",
];

/// The body of an article: plain text, HTML to read as a page, or a whole
/// file not read yet (read by the worker that analyses it, so files are
/// read in parallel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Html(String),
    File(super::InputFile),
}

/// One article from a JSON record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: Option<String>,
    pub title: Option<String>,
    pub body: Body,
    pub meta: Meta,
}

/// The value at a dotted path.
fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    if let Some(x) = v.get(path) {
        return Some(x);
    }
    let mut cur = v;
    for part in path.split('.') {
        cur = cur.get(part)?;
    }
    Some(cur)
}

/// A field as text: strings as they are, numbers printed, an object's
/// "name" (a source given as `{"id": …, "name": "Reuters"}`), a list's first.
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => items.iter().find_map(as_text),
        Value::Object(o) => ["name", "title", "domain"]
            .iter()
            .find_map(|k| o.get(*k).and_then(as_text)),
        _ => None,
    }
}

/// The first named field that has a value, and its name.
fn first<'a>(v: &Value, names: &'a [String]) -> Option<(&'a str, String)> {
    names
        .iter()
        .find_map(|n| at(v, n).and_then(as_text).map(|t| (n.as_str(), t)))
}

/// Does this text hold HTML markup (a `<p>`, `<br/>`, `</div>` …)?
pub fn looks_like_html(s: &str) -> bool {
    const TAGS: &[&str] = &[
        "p",
        "br",
        "div",
        "span",
        "a",
        "b",
        "i",
        "em",
        "strong",
        "h1",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "td",
        "html",
        "body",
        "article",
        "section",
        "figure",
        "img",
        "blockquote",
    ];
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find('<') {
        let at = from + i + 1;
        let name_start = if b.get(at) == Some(&b'/') { at + 1 } else { at };
        let name_end = b[name_start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |p| name_start + p);
        let closes = matches!(b.get(name_end), Some(b'>' | b' ' | b'/' | b'\t' | b'\n'));
        if closes && TAGS.contains(&s[name_start..name_end].to_ascii_lowercase().as_str()) {
            return true;
        }
        from = at;
    }
    false
}

/// A record's id, if it has one (also for a record that is no article).
pub fn record_id(v: &Value, fields: &FieldNames) -> Option<String> {
    first(v, &fields.id).map(|(_, s)| s)
}

/// A JSON value → an article, or why it is none.
pub fn record(v: &Value, fields: &FieldNames) -> Result<Record, String> {
    if !v.is_object() {
        return Err("not a JSON object".into());
    }
    let Some((_, text)) = first_raw_text(v, &fields.text) else {
        return Err(format!(
            "no article text (looked for {}; name the field with --field text=NAME)",
            fields.text.join(", ")
        ));
    };
    let id = record_id(v, fields);
    let title = first(v, &fields.title).map(|(_, s)| s);
    let mut meta = Meta {
        title: title.clone(),
        url: first(v, &fields.url).map(|(_, s)| s),
        ..Meta::default()
    };
    if let Some((name, s)) = first(v, &fields.source) {
        meta.source = Some(s);
        meta.source_from = Some(format!("JSON field {name}"));
    }
    if let Some((name, s)) = first(v, &fields.date) {
        meta.published = Some(s);
        meta.published_from = Some(format!("JSON field {name}"));
    }
    let body = if looks_like_html(&text) {
        Body::Html(text)
    } else {
        Body::Text(text)
    };
    Ok(Record {
        id,
        title,
        body,
        meta,
    })
}

/// The text field as written (line breaks kept), the first non-empty one.
fn first_raw_text(v: &Value, names: &[String]) -> Option<(String, String)> {
    names.iter().find_map(|n| match at(v, n)? {
        Value::String(s) if !s.trim().is_empty() => Some((n.clone(), s.replace("\r\n", "\n"))),
        Value::Array(parts) => {
            // Some exports hold the body as a list of paragraphs.
            let paras: Vec<&str> = parts.iter().filter_map(Value::as_str).collect();
            (!paras.is_empty()).then(|| (n.clone(), paras.join("\n\n")))
        }
        _ => None,
    })
}

/// A whole .json file's records: an array, an object holding one under a
/// list key, or one article object.
pub fn records_of_file(v: Value) -> Result<Vec<Value>, String> {
    match v {
        Value::Array(items) => Ok(items),
        Value::Object(mut o) => {
            if let Some(k) = LIST_KEYS
                .iter()
                .find(|k| o.get(**k).is_some_and(Value::is_array))
            {
                match o.remove(*k) {
                    Some(Value::Array(items)) => return Ok(items),
                    _ => unreachable!("checked to be an array"),
                }
            }
            Ok(vec![Value::Object(o)])
        }
        _ => Err("JSON that is neither an article object nor a list of them".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn newsapi_shaped_records() {
        let v = json!({
            "source": {"id": "reuters", "name": "Reuters"},
            "title": "Amazon invests",
            "url": "https://www.reuters.com/x",
            "publishedAt": "2024-11-22T14:03:00Z",
            "content": "Amazon said on Friday it would invest $4 billion."
        });
        let r = record(&v, &FieldNames::default()).unwrap();
        assert_eq!(r.meta.source.as_deref(), Some("Reuters"));
        assert_eq!(r.meta.source_from.as_deref(), Some("JSON field source"));
        assert_eq!(r.meta.published.as_deref(), Some("2024-11-22T14:03:00Z"));
        assert_eq!(
            r.meta.published_from.as_deref(),
            Some("JSON field publishedAt")
        );
        assert_eq!(r.title.as_deref(), Some("Amazon invests"));
        assert!(matches!(r.body, Body::Text(_)));
        assert_eq!(r.id, None);
    }

    #[test]
    fn user_fields_come_first_and_paths_are_dotted() {
        let mut f = FieldNames::default();
        f.prefer("text=payload.story").unwrap();
        f.prefer("date=meta.ts").unwrap();
        let v = json!({"text": "short", "payload": {"story": "<p>The long one.</p>"}, "meta": {"ts": 1732284180}});
        let r = record(&v, &f).unwrap();
        assert_eq!(r.body, Body::Html("<p>The long one.</p>".into()));
        assert_eq!(r.meta.published.as_deref(), Some("1732284180"));
        assert!(f.prefer("colour=x").unwrap_err().contains("unknown kind"));
        assert!(f.prefer("text").unwrap_err().contains("KIND=NAME"));
        assert!(f.prefer("text=").unwrap_err().contains("no field name"));
    }

    #[test]
    fn records_without_text_say_what_was_looked_for() {
        let e = record(&json!({"title": "x"}), &FieldNames::default()).unwrap_err();
        assert!(
            e.starts_with("no article text (looked for text, body"),
            "{e}"
        );
        assert_eq!(
            record(&json!([1]), &FieldNames::default()).unwrap_err(),
            "not a JSON object"
        );
    }

    #[test]
    fn html_is_told_from_text_with_angle_brackets() {
        assert!(looks_like_html("<p>Hi</p>"));
        assert!(looks_like_html("a<br/>b"));
        assert!(looks_like_html("x </div>"));
        assert!(!looks_like_html("revenue < $5B and margin > 3 <pct>"));
        assert!(!looks_like_html("a <b"));
    }

    #[test]
    fn files_hold_lists_or_one_article() {
        assert_eq!(
            records_of_file(json!([{"text": "a"}, {"text": "b"}]))
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            records_of_file(json!({"status": "ok", "articles": [{"text": "a"}]})).unwrap(),
            vec![json!({"text": "a"})]
        );
        assert_eq!(records_of_file(json!({"text": "a"})).unwrap().len(), 1);
        assert!(records_of_file(json!(3)).is_err());
    }
}
