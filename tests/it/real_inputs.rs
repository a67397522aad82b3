//! Real-world inputs: a saved news page (navigation, a cookie banner, ads,
//! related stories, scripts, JSON-LD), a JSON-lines export (nested source,
//! Unix and RFC 2822 dates, an HTML body, a broken line, a record without
//! text), a NewsAPI-shaped .json answer, and a folder mixing .txt, .md,
//! .html, .jsonl and .json whose facts must be those of the clean text.

use super::support::{facts_json, json_lines, repo, run, run_ok, run_to, stderr, stdout, temp_dir};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const PAGE: &str = "tests/data/northwind.html";
const EXPORT: &str = "tests/data/export.jsonl";

/// Every mention's text is the slice of `text` at its offsets.
fn spans_hold(text: &str, mentions: &[Value]) {
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(s..e), m["text"].as_str(), "{m}");
    }
}

fn money(mentions: &[Value]) -> Vec<f64> {
    mentions
        .iter()
        .filter(|m| m["kind"] == "money")
        .map(|m| m["value"].as_f64().unwrap())
        .collect()
}

#[test]
fn a_saved_page_becomes_its_article_text() {
    let o = run(&["text", PAGE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(
        text,
        "Northwind Capital puts $2.5 billion into Helios Grid\n\n\
         By Dana Ruiz · March 14, 2025\n\n\
         Northwind Capital has invested $2.5 billion in Helios Grid, the battery storage developer said on Thursday, bringing its total commitment to $4 billion.\n\n\
         The first tranche of $1.5 billion was paid in March 2024. Helios Grid was valued at $12 billion, up from $8 billion last year.\n\n\
         Total Investment | $4 Billion\n\
         Stake | 30%\n\n\
         Northwind said it expects to close the deal in Q2."
    );
    // Page furniture and script values never reach the text.
    for gone in [
        "cookies",
        "Advertisement",
        "Most read",
        "newsletter",
        "©",
        "$9 billion",
        "$7 billion",
        "$3 billion",
        "$1 trillion",
        "$600 million",
        "Markets",
    ] {
        assert!(!text.contains(gone), "{gone:?} leaked into the text");
    }

    let o = run(&["extract", PAGE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mentions = json_lines(&stdout(&o));
    spans_hold(&text, &mentions);
    assert_eq!(money(&mentions), [2.5e9, 2.5e9, 4e9, 1.5e9, 12e9, 8e9, 4e9]);
    let date = |t: &str| {
        mentions
            .iter()
            .find(|m| m["kind"] == "date" && m["text"] == t)
            .unwrap_or_else(|| panic!("no date {t:?}"))
            .clone()
    };
    // Resolved against the page's date (JSON-LD), and saying so.
    assert_eq!(date("Thursday")["value"], "2025-03-13");
    assert_eq!(date("last year")["value"], "2024");
    assert_eq!(date("Q2")["value"], "2025-Q2");
    assert_eq!(date("Q2")["anchor"]["date"], "2025-03-14");
    assert_eq!(date("Q2")["anchor"]["from"], "document date");
    // "Northwind Capital" starts the line after the dateline's year.
    let at = text.find("Northwind Capital has").unwrap() as u64;
    assert!(mentions
        .iter()
        .any(|m| m["text"] == "Northwind Capital" && m["start"].as_u64() == Some(at)));

    let meta = json_lines(&stdout(&run(&["text", "--meta", PAGE])));
    assert_eq!(meta[0]["source"], "The Ledger");
    assert_eq!(meta[0]["source_from"], "og:site_name");
    assert_eq!(meta[0]["date"], "2025-03-14");
    assert_eq!(meta[0]["date_from"], "JSON-LD datePublished");
    assert_eq!(
        meta[0]["url"],
        "https://www.theledger.example/markets/northwind-helios"
    );
    assert_eq!(meta[0]["bytes"].as_u64(), Some(text.len() as u64));

    let claims = json_lines(&stdout(&run(&["claims", PAGE])));
    assert!(
        claims.iter().any(|c| c["subject"] == "Northwind Capital"
            && c["object"] == "Helios Grid"
            && c["value"].as_f64() == Some(2.5e9)),
        "{claims:?}"
    );
}

#[test]
fn a_json_lines_export_is_many_documents() {
    let o = run(&["extract", EXPORT]);
    // Two lines are skipped (exit 1), each named and explained.
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("skipped tests/data/export.jsonl#4: invalid JSON on line 4"),
        "{err}"
    );
    assert!(
        err.contains("skipped tests/data/export.jsonl#no-body: no article text (looked for text, body, content"),
        "{err}"
    );
    let mentions = json_lines(&stdout(&o));
    let docs: BTreeSet<&str> = mentions
        .iter()
        .map(|m| m["doc"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        BTreeSet::from([
            "tests/data/export.jsonl#6",
            "tests/data/export.jsonl#ledger-7",
            "tests/data/export.jsonl#undated",
            "tests/data/export.jsonl#wire-1"
        ])
    );
    // Offsets refer to each record's text as `crosscheck text FILE#ID` prints it.
    for doc in &docs {
        let text = stdout(&run(&["text", doc]));
        let of_doc: Vec<Value> = mentions
            .iter()
            .filter(|m| m["doc"] == *doc)
            .cloned()
            .collect();
        spans_hold(&text, &of_doc);
    }
    assert_eq!(
        stdout(&run(&["text", "tests/data/export.jsonl#ledger-7"])),
        "Northwind Capital invested $3 billion in Helios Grid, the company said.\n\nIt expects to close the deal in Q2."
    );
    let date = |doc: &str, t: &str| {
        mentions
            .iter()
            .find(|m| m["doc"] == format!("tests/data/export.jsonl#{doc}") && m["text"] == t)
            .unwrap_or_else(|| panic!("no {t:?} in {doc}"))
            .clone()
    };
    // publishedAt (ISO), a Unix time, an RFC 2822 date.
    assert_eq!(date("wire-1", "last year")["value"], "2024");
    assert_eq!(date("ledger-7", "Q2")["value"], "2025-Q2");
    assert_eq!(date("ledger-7", "Q2")["anchor"]["date"], "2025-03-15");
    assert_eq!(date("6", "last month")["value"], "2025-02");
    assert_eq!(date("6", "the previous quarter")["value"], "2024-Q4");
    assert_eq!(date("6", "Earlier this week")["min"], "2025-03-10");
    assert_eq!(date("6", "Earlier this week")["max"], "2025-03-13");
    assert_eq!(date("6", "this year")["value"], "2025");
    // No date anywhere: relative and year-less dates stay unresolved, never
    // read from today's clock.
    for t in ["last year", "March"] {
        let d = date("undated", t);
        assert_eq!(d["value"], Value::Null, "{d}");
        assert_eq!(d["unresolved"], true, "{d}");
    }

    let meta = json_lines(&stdout(&run(&["text", "--meta", EXPORT])));
    let by = |doc: &str| {
        meta.iter()
            .find(|m| m["doc"] == format!("tests/data/export.jsonl#{doc}"))
            .unwrap()
    };
    assert_eq!(by("wire-1")["source"], "Daily Wire Service");
    assert_eq!(by("wire-1")["date_from"], "JSON field publishedAt");
    assert_eq!(by("ledger-7")["date"], "2025-03-15");
    assert_eq!(by("6")["source"], "markets.example.org");
    assert_eq!(by("6")["source_from"], "URL domain");
    assert_eq!(by("6")["date"], "2025-03-14");
    assert_eq!(by("undated")["date"], Value::Null);
    let o = run(&["text", "tests/data/export.jsonl#nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no record named tests/data/export.jsonl#nope"));
}

#[test]
fn field_names_are_configurable() {
    let dir = temp_dir("fields");
    let f = dir.join("crawl.ndjson");
    std::fs::write(
        &f,
        "{\"doc_key\": \"k1\", \"payload\": {\"story\": \"Acme Corp invested $4 billion in Beta Labs last year.\"}, \"ts\": \"2024-11-22\"}\n",
    )
    .unwrap();
    let path = f.to_str().unwrap();
    let o = run(&["claims", path]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--field text=NAME"), "{}", stderr(&o));
    let o = run(&[
        "claims",
        path,
        "--field",
        "text=payload.story",
        "--field",
        "date=ts",
        "--field",
        "id=doc_key",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let claims = json_lines(&stdout(&o));
    assert_eq!(claims[0]["doc"], format!("{path}#k1"));
    assert_eq!(claims[0]["as_of"], "2023");
    assert_eq!(
        claims[0]["as_of_source"],
        "sentence, relative to the document date"
    );
    let o = run(&["claims", path, "--field", "colour=x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown kind \"colour\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_newsapi_answer_is_a_list_of_articles() {
    let dir = temp_dir("newsapi");
    std::fs::write(
        dir.join("answer.json"),
        r#"{"status": "ok", "totalResults": 2, "articles": [
            {"source": {"id": "x", "name": "Example Times"}, "title": "Acme Corp backs Beta Labs", "publishedAt": "2024-11-22T10:00:00Z",
             "content": "Acme Corp invested $4 billion in Beta Labs, it said on Friday."},
            {"source": {"id": null, "name": "Other Post"}, "title": "Acme doubles down", "publishedAt": "2024-11-23T08:00:00Z",
             "content": "Acme Corp has invested $8 billion in Beta Labs so far."}]}"#,
    )
    .unwrap();
    let out = dir.join("report");
    let (o, facts) = run_ok(&dir, &out);
    let docs = facts["documents"].as_array().unwrap();
    assert_eq!(docs[0]["doc"], "answer.json#1");
    assert_eq!(docs[0]["source"], "Example Times");
    assert_eq!(docs[0]["date"], "2024-11-22");
    assert_eq!(docs[0]["date_from"], "JSON field publishedAt");
    assert_eq!(docs[1]["doc"], "answer.json#2");
    // Claims are dated by the records' publication dates.
    let claims = facts["facts"][0]["claims"].as_array().unwrap();
    let dated = |doc: &str| {
        let c = claims.iter().find(|c| c["doc"] == doc).unwrap();
        (
            c["as_of"].as_str().unwrap().to_string(),
            c["as_of_source"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        dated("answer.json#1"),
        (
            "2024-11-22".into(),
            "sentence, relative to the document date".into()
        )
    );
    assert_eq!(
        dated("answer.json#2"),
        ("2024-11-23".into(), "document date".into())
    );
    // The report names sources and dates, not only file names.
    let term = stdout(&o);
    assert!(term.contains("Example Times (2024-11-22)"), "{term}");
    assert!(term.contains("Other Post (2024-11-23)"), "{term}");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains(
            "| answer.json\\#1 | processed | Example Times | 2024-11-22 (JSON field publishedAt) |"
        ),
        "{md}"
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("title=\"answer.json#1\">Example Times (2024-11-22)</a>"),
        "{html}"
    );
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The sample article as a saved page: each line a paragraph, inside page
/// furniture that holds decoy amounts.
fn as_page(text: &str, site: &str) -> String {
    let paras: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>\n", esc(l)))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta property=\"og:site_name\" content=\"{site}\">\
         <script>var deal = \"$99 billion\";</script></head><body>\
         <div class=\"cookie-banner\">We use cookies. <button>OK</button></div>\
         <header><nav><a href=\"/\">Home</a> · Deals worth $1 trillion</nav></header>\
         <main><article>{paras}<div class=\"ad-slot\">Advertisement: $5 billion fund</div></article></main>\
         <aside class=\"related\">Related: Acme raises $700 million</aside>\
         <footer>© Example</footer></body></html>"
    )
}

/// What the reviewer reads of each fact: parties, status, values.
fn fact_summary(dir: &Path) -> BTreeSet<String> {
    let facts = facts_json(dir);
    facts["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let values: Vec<&str> = f["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["display"].as_str().unwrap())
                .collect();
            format!(
                "{} {} {} [{}] {} {}",
                f["subject"],
                f["predicate"],
                f["object"],
                f["scope"],
                f["status"],
                values.join(", ")
            )
        })
        .collect()
}

#[test]
fn a_mixed_folder_gives_the_facts_of_the_clean_text() {
    let corpus: Vec<_> = super::support::corpus_files();
    let read = |i: usize| std::fs::read_to_string(&corpus[i]).unwrap();
    let dir = temp_dir("mixed");
    std::fs::write(dir.join("a.txt"), read(0)).unwrap();
    std::fs::write(dir.join("b.md"), read(1)).unwrap();
    std::fs::write(dir.join("c.html"), as_page(&read(2), "Example Wire")).unwrap();
    let third = read(3);
    let (title, body) = third.split_once('\n').unwrap();
    let record = serde_json::json!({"id": "d", "title": title, "text": body, "source": {"name": "Feed One"}});
    let other =
        serde_json::json!({"id": "e", "title": "Unrelated", "text": "Nothing to see here."});
    std::fs::write(dir.join("d.jsonl"), format!("{record}\n{other}\n")).unwrap();
    std::fs::write(
        dir.join("e.json"),
        serde_json::json!({"body": read(4), "url": "https://www.example.org/e"}).to_string(),
    )
    .unwrap();

    let clean_out = temp_dir("mixed-clean-report");
    assert!(run_to(&repo().join("corpus"), &clean_out).status.success());
    let mixed_out = temp_dir("mixed-report");
    let o = run_to(&dir, &mixed_out);
    assert!(o.status.success(), "{}", stderr(&o));
    let clean = fact_summary(&clean_out);
    assert!(
        clean
            .iter()
            .any(|f| f.starts_with("\"Amazon\" \"invests in\" \"Anthropic\"")
                && f.contains("conflict")),
        "{clean:?}"
    );
    assert_eq!(fact_summary(&mixed_out), clean);

    let facts = facts_json(&mixed_out);
    let docs: Vec<&str> = facts["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc"].as_str().unwrap())
        .collect();
    assert_eq!(
        docs,
        [
            "a.txt",
            "b.md",
            "c.html",
            "d.jsonl#d",
            "d.jsonl#e",
            "e.json"
        ]
    );
    let term = stdout(&o);
    for label in ["Example Wire", "Feed One", "example.org"] {
        assert!(term.contains(label), "{label} not in\n{term}");
    }
    // None of the page's furniture became a claim.
    let all = std::fs::read_to_string(mixed_out.join("facts.json")).unwrap();
    for decoy in [
        "$99 billion",
        "$1 trillion",
        "$700 million",
        "$5 billion fund",
    ] {
        assert!(!all.contains(decoy), "{decoy}");
    }
}

#[test]
fn a_bad_line_loses_only_itself() {
    let dir = temp_dir("bad-lines");
    let mut bytes = b"{\"text\": \"Acme Corp invested $4 billion in Beta Labs.\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"text\": \"caf\xe9\"}\n");
    bytes.extend_from_slice(b"{\"text\": \"Acme Corp invested $5 billion in Beta Labs.\"}");
    std::fs::write(dir.join("x.jsonl"), bytes).unwrap();
    std::fs::write(dir.join("empty.jsonl"), "\n\n").unwrap();
    std::fs::write(dir.join("nul.jsonl"), b"{\"text\": \"a\0\"}").unwrap();
    std::fs::write(dir.join("page.html"), b"<p>caf\xe9</p>").unwrap();
    let o = run(&["claims", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let claims = json_lines(&stdout(&o));
    let docs: Vec<&str> = claims.iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["x.jsonl#1", "x.jsonl#3"]);
    let err = stderr(&o);
    for line in [
        "skipped empty.jsonl: JSON lines with no records (an empty file)",
        "skipped nul.jsonl: binary file (contains NUL bytes)",
        "skipped page.html: invalid UTF-8 at byte 6",
        "skipped x.jsonl#2: invalid UTF-8 at byte 13 of line 2",
    ] {
        assert!(err.contains(line), "{line:?} not in\n{err}");
    }
}
