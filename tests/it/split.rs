//! A split run — `extract --records`, then `reconcile --records` over any
//! partition of the claim keys, `sources`, and the assembly — gives the
//! facts.json of one `crosscheck run`, byte for byte. The partition, the
//! order of lines and the way files are handed over (a folder, paths,
//! bytes) must not matter. Broken record inputs are refused with their
//! file and line.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Run the binary with `stdin` as standard input; it must succeed.
fn piped(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&data));
    let o = child.wait_with_output().expect("the binary finishes");
    writer.join().expect("writer").expect("stdin written");
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    o.stdout
}

/// Run the binary; it must finish its job (exit 0, or 1 for skipped
/// inputs), and its standard output.
fn ok(args: &[&str]) -> Vec<u8> {
    let o = run(args);
    // 1: done, with skipped inputs (counted in the records).
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&o)
    );
    o.stdout
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec())
        .expect("UTF-8 records")
        .lines()
        .map(String::from)
        .collect()
}

fn kind(line: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
    let o = v.as_object().expect("an object");
    assert_eq!(o.len(), 1, "one record per line: {line}");
    o.keys().next().unwrap().clone()
}

/// FNV-1a: a stable hash, so that the partition of keys is the same on
/// every machine.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn write(path: &Path, lines: &[String]) -> PathBuf {
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(path, text).expect("written");
    path.to_path_buf()
}

/// The map step over `input` the way a cluster hands files out: listed
/// with `crosscheck files`, every other file's bytes sent inline (base64),
/// the list shuffled and cut into `pieces`, each piece extracted apart.
fn map_step(input: &Path, dir: &Path, pieces: usize) -> Vec<String> {
    let listed = lines(&ok(&["files", input.to_str().unwrap()]));
    assert!(!listed.is_empty());
    let mut given: Vec<String> = Vec::new();
    for (i, l) in listed.iter().enumerate() {
        let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
        if i % 2 == 1 {
            if let Some(path) = v.get("path").and_then(|p| p.as_str()) {
                let bytes = read(Path::new(path));
                let o = v.as_object_mut().unwrap();
                o.remove("path");
                o.insert("base64".into(), base64_of(&bytes).into());
            }
        }
        given.push(v.to_string());
    }
    given.sort_by_key(|l| fnv(l));
    let mut records = Vec::new();
    for (p, chunk) in given.chunks(given.len().div_ceil(pieces)).enumerate() {
        let list = write(&dir.join(format!("files{p}.jsonl")), chunk);
        records.extend(lines(&ok(&[
            "extract",
            "--records",
            "--files-from",
            list.to_str().unwrap(),
        ])));
    }
    records
}

fn base64_of(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The reduce steps over `records` with the claim keys cut into `parts`;
/// facts.json as assembled.
fn reduce_steps(records: &[String], dir: &Path, parts: usize) -> Vec<u8> {
    let mut docs = Vec::new();
    let mut claims: Vec<Vec<String>> = vec![Vec::new(); parts];
    for l in records {
        match kind(l).as_str() {
            "claim" => {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let key = v["claim"]["key"].as_str().expect("a claim has a key");
                claims[(fnv(key) % parts as u64) as usize].push(l.clone());
            }
            "document" | "skipped" => docs.push(l.clone()),
            other => panic!("the map step wrote a {other} record"),
        }
    }
    // Lines arrive in any order.
    docs.reverse();
    let docs = write(&dir.join("docs.jsonl"), &docs);
    let mut part_files = Vec::new();
    let mut contest_files = Vec::new();
    for (p, mut part) in claims.into_iter().enumerate() {
        part.sort_by_key(|l| fnv(l));
        let file = write(&dir.join(format!("claims{p}.jsonl")), &part);
        let contests = ok(&[
            "reconcile",
            "--records",
            "--emit",
            "contests",
            file.to_str().unwrap(),
        ]);
        for l in lines(&contests) {
            assert_eq!(kind(&l), "contest");
        }
        let c = dir.join(format!("contests{p}.jsonl"));
        std::fs::write(&c, contests).unwrap();
        part_files.push(file);
        contest_files.push(c);
    }
    let mut args = vec!["sources", docs.to_str().unwrap()];
    args.extend(contest_files.iter().map(|c| c.to_str().unwrap()));
    let sources = ok(&args);
    assert_eq!(lines(&sources).len(), 1, "one sources record");
    let sources_file = dir.join("sources.jsonl");
    std::fs::write(&sources_file, &sources).unwrap();
    let mut fact_files = Vec::new();
    for (p, part) in part_files.iter().enumerate() {
        // Step 3 reads its claims and the sources record from stdin.
        let mut input = read(part);
        input.extend_from_slice(&sources);
        let facts = piped(&["reconcile", "--records", "--emit", "facts", "-"], &input);
        let f = dir.join(format!("facts{p}.jsonl"));
        std::fs::write(&f, facts).unwrap();
        fact_files.push(f);
    }
    let mut args = vec![
        "reconcile",
        "--records",
        docs.to_str().unwrap(),
        sources_file.to_str().unwrap(),
    ];
    args.extend(fact_files.iter().rev().map(|f| f.to_str().unwrap()));
    ok(&args)
}

fn one_run(input: &Path, dir: &Path) -> Vec<u8> {
    let out = dir.join("run");
    let o = bin()
        .arg("run")
        .arg(input)
        .args(["--no-store", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.code().is_some_and(|c| c <= 2), "{}", stderr(&o));
    read(&out.join("facts.json"))
}

fn check_split(input: &Path, name: &str) {
    let dir = temp_dir(&format!("split-{name}"));
    let expected = one_run(input, &dir);
    let records = map_step(input, &dir, 3);
    for parts in [1, 2, 5] {
        let got = reduce_steps(&records, &dir, parts);
        assert!(
            got == expected,
            "{name}: the split run with {parts} parts differs from one run (see {})",
            dir.display()
        );
    }
    // One reduce over everything is a run too.
    let all = write(&dir.join("all.jsonl"), &records);
    assert!(ok(&["reconcile", "--records", all.to_str().unwrap()]) == expected);
}

#[test]
fn the_sample_corpus_split_gives_the_facts_of_one_run() {
    check_split(&repo().join("corpus"), "corpus");
}

#[test]
fn bad_and_mixed_inputs_split_give_the_facts_of_one_run() {
    // Binary, invalid UTF-8, hidden, JSON-lines and HTML files: the
    // skipped ones travel as `skipped` records and are counted the same.
    check_split(&repo().join("tests/data"), "data");
}

#[test]
fn the_devset_split_gives_the_facts_of_one_run() {
    let Some(devset) = shared("devset/articles") else {
        return;
    };
    check_split(&devset, "devset");
}

#[test]
fn articles_as_json_lines_on_stdin_are_extracted_and_reconciled() {
    let dir = temp_dir("split-stdin");
    let mut feed = String::new();
    for f in corpus_files() {
        let text = String::from_utf8(read(&f)).unwrap();
        let id = f.file_stem().unwrap().to_str().unwrap();
        feed.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        feed.push('\n');
    }
    let records = lines(&piped(&["extract", "--records", "-"], feed.as_bytes()));
    let docs: Vec<&String> = records.iter().filter(|l| kind(l) == "document").collect();
    assert_eq!(docs.len(), corpus_files().len());
    assert!(docs[0].contains("\"name\":\"stdin#000_"), "{}", docs[0]);
    // The same feed as a file gives the same facts, under its own names.
    let file = dir.join("feed.jsonl");
    std::fs::write(&file, &feed).unwrap();
    let facts = reduce_steps(&records, &dir, 3);
    let v: serde_json::Value = serde_json::from_slice(&facts).unwrap();
    let expected = one_run(&file, &dir);
    let e: serde_json::Value = serde_json::from_slice(&expected).unwrap();
    assert_eq!(
        v["facts"].as_array().unwrap().len(),
        e["facts"].as_array().unwrap().len()
    );
    assert!(v["facts"].as_array().unwrap().len() >= 10);
    assert!(String::from_utf8(facts).unwrap().contains("stdin#004_"));
}

/// `reconcile --records` with `files` as its inputs must fail, naming
/// what is wrong.
fn refused(files: &[(&str, &str)], needle: &str) {
    let dir = temp_dir(&format!("split-bad-{}", fnv(needle)));
    let mut args = vec!["reconcile".to_string(), "--records".to_string()];
    for (name, text) in files {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        args.push(p.to_str().unwrap().to_string());
    }
    let o = bin().args(&args).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "accepted: {files:?}");
    let err = stderr(&o);
    assert!(err.contains(needle), "{needle:?} not in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn broken_record_inputs_are_refused_with_file_and_line() {
    let dir = temp_dir("split-bad");
    let records = lines(&ok(&["extract", "--records", "corpus"]));
    let all = records.join("\n") + "\n";
    let _ = dir;
    refused(
        &[("r.jsonl", &format!("{all}{{\"claim\": 3}}\n"))],
        &format!("r.jsonl:{}: not a crosscheck record", records.len() + 1),
    );
    refused(
        &[("r.jsonl", "\n{\"name\": \"a.txt\", \"text\": \"x\"}\n")],
        "r.jsonl:2: not a crosscheck record",
    );
    // Fact records need the sources record they were judged with.
    let docs: Vec<String> = records
        .iter()
        .filter(|l| kind(l) != "claim")
        .cloned()
        .collect();
    let rec = write(&dir.join("rec.jsonl"), &records);
    let facts = lines(&ok(&[
        "reconcile",
        "--records",
        "--emit",
        "facts",
        rec.to_str().unwrap(),
    ]));
    assert!(!facts.is_empty());
    let docs_text = docs.join("\n") + "\n";
    let facts_text = facts.join("\n") + "\n";
    refused(
        &[("d.jsonl", &docs_text), ("f.jsonl", &facts_text)],
        "without the sources record",
    );
    // Claims and facts together are two different steps mixed.
    refused(
        &[("r.jsonl", &all), ("f.jsonl", &facts_text)],
        "both claims and fact records",
    );
    // The same fact twice: two reduce outputs given twice.
    let sources = ok(&["sources", rec.to_str().unwrap()]);
    let sources = String::from_utf8(sources).unwrap();
    refused(
        &[
            ("d.jsonl", &docs_text),
            ("s.jsonl", &sources),
            ("f1.jsonl", &facts_text),
            ("f2.jsonl", &facts_text),
        ],
        "twice",
    );
    // Two different sources records: the inputs mix runs.
    let mut v: serde_json::Value = serde_json::from_str(sources.trim()).unwrap();
    v["sources"]["agreement"] = serde_json::json!({});
    refused(
        &[
            ("s1.jsonl", &sources),
            ("s2.jsonl", &format!("{v}\n")),
            ("d.jsonl", &docs_text),
        ],
        "two different sources records",
    );
    // A claim whose record is broken names its document.
    let claim = records.iter().find(|l| kind(l) == "claim").unwrap();
    let mut v: serde_json::Value = serde_json::from_str(claim).unwrap();
    v["claim"]["record"]["amount"]["bound"] = serde_json::json!("sideways");
    refused(&[("c.jsonl", &format!("{v}\n"))], "c.jsonl:1");
}
