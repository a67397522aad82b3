//! The sample corpus end to end: what EXPECTED.md says a careful reader finds.

use crate::support::{bin, corpus_files, read, run, stdout, temp_dir};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn facts(out: &std::path::Path) -> Value {
    serde_json::from_slice(&read(&out.join("facts.json"))).expect("facts.json parses")
}

fn find<'a>(
    facts: &'a Value,
    subject: &str,
    predicate: &str,
    object: &str,
    scope: &str,
    as_of: Option<&str>,
) -> Vec<&'a Value> {
    facts["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["subject"] == subject
                && f["predicate"] == predicate
                && f["object"] == object
                && f["scope"] == scope
                && as_of.is_none_or(|a| f["as_of"] == a)
        })
        .collect()
}

fn centrals(f: &Value) -> Vec<f64> {
    f["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v["value"]
                .as_f64()
                .unwrap_or_else(|| (v["min"].as_f64().unwrap() + v["max"].as_f64().unwrap()) / 2.0)
        })
        .collect()
}

fn sources_of(f: &Value, value: f64) -> Vec<String> {
    let v = f["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"].as_f64() == Some(value))
        .unwrap_or_else(|| panic!("value {value} in {f:#}"));
    v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap()[..3].to_string())
        .collect()
}

fn run_corpus(name: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = temp_dir(name);
    let mut args = vec!["run", "corpus", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(
        o.status.success(),
        "run failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

#[test]
fn amazon_anthropic_total_is_a_conflict_of_4_8_and_33_billion() {
    let out = run_corpus("corpus-main", &[]);
    let f = facts(&out);
    let total = find(&f, "Amazon", "invests in", "Anthropic", "total", None);
    assert_eq!(total.len(), 1, "one total fact");
    let total = total[0];
    assert_eq!(total["status"], "conflict");
    assert_eq!(centrals(total), vec![4e9, 8e9, 33e9], "{total:#}");
    assert_eq!(sources_of(total, 4e9), vec!["001", "004"]);
    assert_eq!(sources_of(total, 8e9), vec!["000", "002"]);
    assert_eq!(sources_of(total, 33e9), vec!["002"]);
    let reasons = total["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        reasons.contains("$4B = $1.25B"),
        "tranches explain $4B:\n{reasons}"
    );
    assert!(
        reasons.contains("$8B = $4B (total"),
        "growth explains $8B:\n{reasons}"
    );
    assert!(
        reasons.contains("$33B = $8B (total"),
        "growth explains $33B:\n{reasons}"
    );
    assert!(
        reasons.contains("up to $4 billion"),
        "the bound is named:\n{reasons}"
    );
    assert!(
        reasons.contains("\"potential\""),
        "the qualifier is named:\n{reasons}"
    );
    // The claims carry the contract's fields.
    let claim = &total["claims"][0];
    for key in [
        "doc",
        "start",
        "end",
        "text",
        "sentence",
        "value",
        "min",
        "max",
        "qualifiers",
        "as_of",
    ] {
        assert!(
            claim.get(key).is_some(),
            "claim field {key} missing: {claim:#}"
        );
    }
}

#[test]
fn tranches_are_their_own_facts_separated_by_date() {
    let out = run_corpus("corpus-tranches", &[]);
    let f = facts(&out);
    let t = |as_of: Option<&str>| find(&f, "Amazon", "invests in", "Anthropic", "tranche", as_of);
    let sep23 = t(Some("2023-09"));
    assert_eq!(sep23.len(), 1);
    assert!(centrals(sep23[0]).contains(&1.25e9));
    let mar24 = t(Some("2024-03"));
    assert_eq!(
        centrals(mar24[0]),
        vec![2.75e9],
        "the undated \"recent $2.75 billion\" joins March 2024"
    );
    let nov24 = t(Some("2024-11"));
    assert_eq!(centrals(nov24[0]), vec![4e9]);
    let all: Vec<f64> = t(None).iter().flat_map(|x| centrals(x)).collect();
    assert!(all.contains(&5e9) && all.contains(&20e9), "{all:?}");
}

#[test]
fn microsoft_openai_agrees_within_rounding() {
    let out = run_corpus("corpus-msft", &[]);
    let f = facts(&out);
    let m = find(&f, "Microsoft", "invests in", "OpenAI", "total", None);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0]["status"], "consistent", "{:#}", m[0]);
    let texts: Vec<&str> = m[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    for want in [
        "$13 billion",
        "about $13.8 billion",
        "over $13 billion",
        "~$13 Billion",
    ] {
        assert!(texts.contains(&want), "{want} in {texts:?}");
    }
}

#[test]
fn aws_aliases_are_one_entity() {
    let out = run_corpus("corpus-aws", &[]);
    let f = facts(&out);
    let m = find(
        &f,
        "Anthropic",
        "spends with",
        "Amazon Web Services",
        "total",
        None,
    );
    assert_eq!(m.len(), 1);
    assert_eq!(m[0]["status"], "consistent");
    let sentences: Vec<&str> = m[0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["sentence"].as_str().unwrap())
        .collect();
    assert!(
        sentences.iter().any(|s| s.contains("paid to AWS")),
        "{sentences:?}"
    );
    assert!(
        sentences
            .iter()
            .any(|s| s.contains("on Amazon Web Services")),
        "{sentences:?}"
    );
}

#[test]
fn output_is_identical_across_threads_and_file_order() {
    let a = run_corpus("corpus-t1", &["--threads", "1"]);
    let b = run_corpus("corpus-t2", &["--threads", "2"]);
    assert_eq!(read(&a.join("facts.json")), read(&b.join("facts.json")));
    assert_eq!(read(&a.join("report.md")), read(&b.join("report.md")));
    // Files named in reverse order give the same facts.
    let mut files: Vec<String> = corpus_files()
        .iter()
        .map(|p| format!("corpus/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    let fwd = bin().arg("reconcile").args(&files).output().unwrap();
    files.reverse();
    let rev = bin().arg("reconcile").args(&files).output().unwrap();
    assert!(fwd.status.success());
    assert_eq!(stdout(&fwd), stdout(&rev));
}

/// A folder of many articles (more than one batch of the streaming
/// pipeline) with skipped files among them: the sample articles copied
/// under other names into three subfolders, plus a binary file and one
/// with invalid UTF-8.
fn many_articles(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    for (i, sub) in ["a", "b", "c"].iter().enumerate() {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for k in 0..30 {
            for (j, f) in corpus_files().iter().enumerate() {
                let to = dir.join(sub).join(format!("{k:02}-{j}-{i}.txt"));
                std::fs::copy(f, to).unwrap();
            }
        }
    }
    std::fs::write(dir.join("b").join("15-bin.txt"), b"\x89PNG\0\0").unwrap();
    std::fs::write(dir.join("c").join("07-latin1.txt"), b"caf\xe9").unwrap();
    dir
}

#[test]
fn many_files_give_the_same_report_whatever_the_threads_and_order() {
    let input = many_articles("many-in");
    let out = |threads: &str, files: &[String]| {
        let dir = temp_dir(&format!("many-out-{threads}-{}", files.len()));
        let o = bin()
            .args(["--threads", threads, "run", "--out"])
            .arg(&dir)
            .args(files)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "two files are skipped");
        let text = stdout(&o).replace(dir.to_str().unwrap(), "OUT");
        // The review page names the report folder in the commands it
        // offers to copy.
        let files = ["facts.json", "report.md", "report.html"].map(|f| {
            String::from_utf8(read(&dir.join(f)))
                .unwrap()
                .replace(dir.to_str().unwrap(), "OUT")
        });
        (text, files)
    };
    let folder = [input.to_string_lossy().into_owned()];
    let one = out("1", &folder);
    let two = out("2", &folder);
    assert_eq!(one, two);
    assert!(
        one.0.contains("452 documents (450 processed, 2 skipped)"),
        "{}",
        one.0
    );
    // The same files named one by one, forwards and backwards.
    let mut files: Vec<String> = walk(&input);
    files.sort();
    let fwd = out("2", &files);
    files.reverse();
    let rev = out("2", &files);
    assert_eq!(fwd, rev);
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn terminal_summary_puts_conflicts_first() {
    let out = temp_dir("corpus-term");
    let o = run(&["run", "corpus", "--out", out.to_str().unwrap()]);
    let text = stdout(&o);
    let conflicts = text.find("CONFLICTS").expect("conflicts section");
    let consistent = text.find("CONSISTENT").expect("consistent section");
    assert!(conflicts < consistent);
    assert!(text.contains("Amazon invests in Anthropic (total)"));
    assert!(
        text.lines().all(|l| l.chars().count() <= 100),
        "fits 100 columns:\n{text}"
    );
    let md = String::from_utf8(read(&out.join("report.md"))).unwrap();
    assert!(md.starts_with("# crosscheck report"));
    assert!(md.find("## Conflicts").unwrap() < md.find("## Consistent facts").unwrap());
}
