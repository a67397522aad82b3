//! `crosscheck extract`: the JSON-lines contract, exact byte spans, and the
//! amounts and dates EXPECTED.md lists.

use crate::support::{json_lines, read, repo, run, stdout};
use serde_json::Value;

fn corpus_mentions() -> Vec<Value> {
    let o = run(&["extract", "corpus"]);
    assert!(o.status.success());
    json_lines(&stdout(&o))
}

#[test]
fn spans_are_exact_bytes_of_the_file() {
    let ms = corpus_mentions();
    assert!(ms.len() > 100);
    for m in &ms {
        let bytes = read(&repo().join("corpus").join(m["doc"].as_str().unwrap()));
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&bytes[s..e], m["text"].as_str().unwrap().as_bytes(), "{m}");
        assert!(["money", "date", "percent", "quantity", "entity"]
            .contains(&m["kind"].as_str().unwrap()));
    }
}

fn has(ms: &[Value], doc: &str, kind: &str, text: &str, check: impl Fn(&Value) -> bool) {
    let found = ms.iter().any(|m| {
        m["doc"].as_str().unwrap().starts_with(doc)
            && m["kind"] == kind
            && m["text"] == text
            && check(m)
    });
    assert!(
        found,
        "{doc} {kind} {text:?} not found with the right value; got {:?}",
        ms.iter()
            .filter(|m| m["doc"].as_str().unwrap().starts_with(doc) && m["kind"] == kind)
            .map(|m| m.to_string())
            .collect::<Vec<_>>()
    );
}

fn val(v: f64) -> impl Fn(&Value) -> bool {
    move |m| m["value"].as_f64() == Some(v)
}

fn range(lo: f64, hi: f64) -> impl Fn(&Value) -> bool {
    move |m| m["value"].is_null() && m["min"].as_f64() == Some(lo) && m["max"].as_f64() == Some(hi)
}

#[test]
fn every_expected_amount_comes_out_with_its_value() {
    let ms = corpus_mentions();
    for (doc, text, v) in [
        ("000", "$8 billion", 8e9),
        ("000", "$4 billion", 4e9),
        ("000", "$13 billion", 13e9),
        ("000", "$2 billion", 2e9),
        ("000", "an estimated $10 billion", 10e9),
        ("000", "estimated $10 billion", 10e9),
        ("001", "$4B", 4e9),
        ("001", "up to $4 billion", 4e9),
        ("002", "roughly $33 billion", 33e9),
        ("002", "$8 billion", 8e9),
        ("002", "$5 billion", 5e9),
        ("002", "up to $20 billion", 20e9),
        ("002", "about $13.8 billion", 13.8e9),
        ("002", "$250 billion", 250e9),
        ("002", "roughly $75 billion", 75e9),
        ("002", "more than $100 billion", 100e9),
        ("003", "$5 billion", 5e9),
        ("003", "$100 billion", 100e9),
        ("003", "$4 billion", 4e9),
        ("003", "over $13 billion", 13e9),
        ("004", "$4 billion", 4e9),
        ("004", "$1.25 billion", 1.25e9),
        ("004", "$2.75 billion", 2.75e9),
        ("004", "$4 Billion", 4e9),
        ("004", "~$13 Billion", 13e9),
        ("004", "$2.75B", 2.75e9),
    ] {
        has(&ms, doc, "money", text, val(v));
    }
    has(&ms, "001", "money", "up to $4 billion", |m| {
        m["bound"] == "upper"
    });
    has(&ms, "002", "money", "more than $100 billion", |m| {
        m["bound"] == "lower" && m["max"].is_null()
    });
    has(&ms, "002", "money", "roughly $33 billion", |m| {
        m["approx"] == true
    });
}

/// Counts and measures carry their unit: "securing up to 5 gigawatts (GW)".
#[test]
fn quantities_carry_their_unit() {
    let ms = corpus_mentions();
    has(&ms, "002", "quantity", "up to 5 gigawatts", |m| {
        m["unit"] == "GW" && m["value"] == 5 && m["bound"] == "upper"
    });
}

#[test]
fn ranges_come_out_as_intervals() {
    let ms = corpus_mentions();
    has(
        &ms,
        "000",
        "money",
        "an estimated $2–4 billion",
        range(2e9, 4e9),
    );
    has(&ms, "000", "money", "$25,000–$40,000", |m| {
        range(25e3, 40e3)(m) && m["per"] == "unit"
    });
    has(&ms, "000", "money", "$50–$200 million", range(5e7, 2e8));
    has(&ms, "000", "money", "$150–$300 million", |m| {
        range(1.5e8, 3e8)(m) && m["per"] == "year"
    });
    has(&ms, "000", "money", "$10–$15 billion", range(1e10, 1.5e10));
    has(
        &ms,
        "002",
        "money",
        "roughly $135 billion to over $200 billion",
        range(1.35e11, 2e11),
    );
    has(&ms, "000", "percent", "30–40%", range(30.0, 40.0));
    has(&ms, "002", "percent", "27%", val(27.0));
    has(&ms, "000", "date", "2023–2024", |m| {
        m["min"] == "2023" && m["max"] == "2024"
    });
}

#[test]
fn every_expected_date_comes_out_with_its_value() {
    let ms = corpus_mentions();
    for (doc, text, v) in [
        ("000", "November 2024", "2024-11"),
        ("000", "September 2024", "2024-09"),
        ("000", "June 2024", "2024-06"),
        ("000", "FY2024", "2024"),
        ("001", "Fri, May 1, 2026", "2026-05-01"),
        ("001", "Tue, April 28, 2026", "2026-04-28"),
        ("003", "September 2023", "2023-09"),
        ("004", "June 2, 2026", "2026-06-02"),
        ("004", "September 2023", "2023-09"),
        ("004", "March 2024", "2024-03"),
    ] {
        has(&ms, doc, "date", text, |m| m["value"] == v);
    }
}

#[test]
fn entities_resolve_aliases_and_parents() {
    let ms = corpus_mentions();
    has(&ms, "003", "entity", "AWS", |m| {
        m["canonical"] == "Amazon Web Services" && m["parent"] == "Amazon"
    });
    has(&ms, "003", "entity", "Amazon Web Services", |m| {
        m["canonical"] == "Amazon Web Services"
    });
    has(&ms, "000", "entity", "Wedbush Securities", |m| {
        m["type"] == "org"
    });
    // Capitalised names not in the gazetteer come out as unknown.
    assert!(ms
        .iter()
        .any(|m| m["kind"] == "entity" && m["type"] == "unknown"));
}

#[test]
fn document_dates_come_from_the_top_of_the_text() {
    let o = run(&["reconcile", "corpus"]);
    let f: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let date = |prefix: &str| {
        f["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["doc"].as_str().unwrap().starts_with(prefix))
            .unwrap()["date"]
            .clone()
    };
    assert_eq!(date("001"), "2026-05-01", "the latest of the list of dates");
    assert_eq!(date("004"), "2026-06-02");
    assert!(date("000").is_null() && date("002").is_null() && date("003").is_null());
}
