//! The incremental store as a user meets it: a second run on an unchanged
//! folder analyses nothing; decisions hold until a new claim disagrees;
//! each run says what changed; a killed run, two runs at once, an old, a
//! newer or a foreign store.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::Output;

const TOTAL: &str = "amazon|invests-in|anthropic|usd|total";

fn day_file(name: &str) -> PathBuf {
    repo().join("tests").join("data").join("days").join(name)
}

/// The sample corpus copied into a fresh folder.
fn corpus_copy(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    for f in corpus_files() {
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    dir
}

/// `crosscheck run INPUT --out OUT EXTRA…`.
fn run_plus(input: &Path, out: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn review(out: &Path, args: &[&str]) -> Output {
    bin()
        .arg("review")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// The facts of a facts.json without the run's own part (what changed,
/// decisions): what any run of the same inputs must agree on.
fn facts_only(f: &serde_json::Value) -> (serde_json::Value, serde_json::Value) {
    (f["facts"].clone(), f["documents"].clone())
}

fn fact<'a>(f: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    f["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("no fact {id}"))
}

fn values(f: &serde_json::Value, id: &str) -> Vec<String> {
    fact(f, id)["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["display"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_unchanged_folder_is_read_from_the_store_with_the_same_facts() {
    let input = corpus_copy("store-same-in");
    let out = temp_dir("store-same-out");
    let (_, first) = run_ok(&input, &out);
    assert!(out.join("crosscheck.db").is_file());
    assert_eq!(first["review"]["run"], 1);
    assert_eq!(
        first["review"]["documents"]["new"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert!(first["review"]["since"].is_null());
    let (o, second) = run_ok(&input, &out);
    let r = &second["review"];
    assert_eq!(r["run"], 2);
    // Nothing analysed: every document came from the store.
    assert_eq!(r["documents"]["unchanged"], 5);
    assert!(r["documents"]["new"].as_array().unwrap().is_empty());
    assert!(r["documents"]["changed"].as_array().unwrap().is_empty());
    assert_eq!(r["since"]["run"], 1);
    assert_eq!(facts_only(&first), facts_only(&second));
    // And the same as a run that keeps no store.
    let plain = temp_dir("store-same-plain");
    let o2 = run_plus(&input, &plain, &["--no-store"]);
    assert!(o2.status.success(), "{}", stderr(&o2));
    assert!(!plain.join("crosscheck.db").exists());
    assert_eq!(facts_only(&facts_json(&plain)), facts_only(&second));
    let text = stdout(&o);
    assert!(text.contains("SINCE RUN 1"), "{text}");
    assert!(
        text.contains("5 unchanged (read from the store, not analysed)"),
        "{text}"
    );
    assert!(text.contains("no fact changed"), "{text}");
    // A rules change makes every stored analysis stale.
    let rules = temp_dir("store-same-rules");
    std::fs::write(
        rules.join("mine.toml"),
        "[[entity]]\nname = \"claude\"\ncanonical = \"Claude\"\ntype = \"product\"\naliases = [\"Claude\"]\nexamples = [{ text = \"Claude\" }]\n",
    )
    .unwrap();
    let o3 = run_plus(&input, &out, &["--rules", rules.to_str().unwrap()]);
    assert!(o3.status.success(), "{}", stderr(&o3));
    let third = facts_json(&out);
    assert_eq!(third["review"]["documents"]["unchanged"], 0);
    assert_eq!(
        third["review"]["documents"]["changed"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn three_days_of_a_story() {
    let input = corpus_copy("store-days-in");
    let out = temp_dir("store-days-out");

    // Day 1: the sample corpus; the reviewer settles the total at $8B.
    let (o, day1) = run_ok(&input, &out);
    assert_eq!(fact(&day1, TOTAL)["status"], "conflict");
    assert!(stdout(&o).contains(&format!("fact id: {TOTAL}")));
    let page = String::from_utf8(read(&out.join("report.html"))).unwrap();
    assert!(
        page.contains("crosscheck review accept &#39;amazon|invests-in|anthropic|usd|total&#39; &#39;$8B&#39;"),
        "the page offers the command to copy"
    );
    let a = review(
        &out,
        &[
            "accept",
            TOTAL,
            "$8B",
            "--note",
            "Amazon's own figure, Nov 2024",
        ],
    );
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(
        stdout(&a).contains("accepted $8B after run 1"),
        "{}",
        stdout(&a)
    );
    let list = review(&out, &["list"]);
    assert!(
        stdout(&list).contains("settled (now: conflict, $4B, $8B, $33B)"),
        "{}",
        stdout(&list)
    );

    // Day 2: one article agrees with the decision, one disagrees.
    std::fs::copy(day_file("day2-agrees.txt"), input.join("day2-agrees.txt")).unwrap();
    let (o, day2) = run_ok(&input, &out);
    let text = stdout(&o);
    let r = &day2["review"];
    assert_eq!(
        r["documents"]["new"],
        serde_json::json!(["day2-agrees.txt"])
    );
    assert_eq!(r["documents"]["unchanged"], 5);
    let d = &r["decisions"][0];
    assert_eq!(d["fact"], TOTAL);
    assert_eq!(d["settled"], true, "an agreeing source keeps it settled");
    assert!(text.contains("SETTLED"), "{text}");
    assert!(text.contains("(1 settled)"), "{text}");
    // The agreeing article's tranche joins November's: a value moved.
    assert!(
        text.contains("values that moved") || text.contains("new facts"),
        "{text}"
    );

    std::fs::copy(day_file("day2-reopens.txt"), input.join("day2-reopens.txt")).unwrap();
    let (o, day2b) = run_ok(&input, &out);
    let text = stdout(&o);
    let d = &day2b["review"]["decisions"][0];
    assert_eq!(d["settled"], false);
    assert_eq!(d["reopened_by"], "day2-reopens.txt");
    assert_eq!(d["reopened_value"], "$12 billion");
    assert!(text.contains("REOPENED by day2-reopens.txt"), "{text}");
    assert!(
        text.contains(&format!(
            "{}: $4B, $8B, $33B → $4B, $8B, $12B, $33B",
            "Amazon invests in Anthropic (total)"
        )),
        "{text}"
    );
    let md = String::from_utf8(read(&out.join("report.md"))).unwrap();
    assert!(md.contains("## Since run 2"), "{md}");
    assert!(md.contains("REOPENED by day2-reopens.txt"));
    let list = review(&out, &["list"]);
    assert!(stdout(&list).contains("REOPENED by day2-reopens.txt ($12 billion)"));

    // Day 3: the disagreeing article is corrected, one article is deleted.
    let corrected = std::fs::read_to_string(input.join("day2-reopens.txt"))
        .unwrap()
        .replace("$12 billion", "$8 billion");
    std::fs::write(input.join("day2-reopens.txt"), corrected).unwrap();
    std::fs::remove_file(input.join("002_1e296d697f913f48.txt")).unwrap();
    let (o, day3) = run_ok(&input, &out);
    let text = stdout(&o);
    let r = &day3["review"];
    assert_eq!(
        r["documents"]["changed"],
        serde_json::json!(["day2-reopens.txt"])
    );
    assert_eq!(
        r["documents"]["removed"][0]["doc"],
        "002_1e296d697f913f48.txt"
    );
    assert!(r["documents"]["removed"][0]["claims"].as_u64().unwrap() > 0);
    assert_eq!(r["documents"]["unchanged"], 5);
    assert!(
        text.contains("1 changed, analysed again (day2-reopens.txt)"),
        "{text}"
    );
    assert!(
        text.contains("1 removed (002_1e296d697f913f48.txt)"),
        "{text}"
    );
    // The deleted article's $33B and the corrected $12B left the facts.
    assert_eq!(values(&day3, TOTAL), ["$4B", "$8B"]);
    assert!(
        text.contains("Amazon invests in Anthropic (total): $4B, $8B, $12B, $33B → $4B, $8B"),
        "{text}"
    );
    // Reopened stays reopened until a reviewer decides again.
    assert_eq!(r["decisions"][0]["settled"], false);
    let a = review(&out, &["accept", TOTAL, "$8B", "--note", "checked again"]);
    assert!(a.status.success(), "{}", stderr(&a));
    let (_, day3b) = run_ok(&input, &out);
    assert_eq!(day3b["review"]["decisions"][0]["settled"], true);
    let html = String::from_utf8(read(&out.join("report.html"))).unwrap();
    assert!(html.contains("<section class=\"since\""));
    assert!(html.contains("settled: accepted $8B after run"));
}

#[test]
fn review_commands_say_what_is_wrong() {
    let input = corpus_copy("store-review-in");
    let out = temp_dir("store-review-out");
    let none = review(&out, &["list"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("no store at"), "{}", stderr(&none));
    run_ok(&input, &out);
    let typo = review(
        &out,
        &["accept", "amazon|invests-in|anthropik|usd|total", "$8B"],
    );
    assert_eq!(typo.status.code(), Some(2));
    let e = stderr(&typo);
    assert!(e.contains("no fact") && e.contains(TOTAL), "{e}");
    let vague = review(&out, &["dismiss", "amazon|invests-in|anthropic|usd|tr"]);
    assert!(
        stderr(&vague).contains("facts start with it"),
        "{}",
        stderr(&vague)
    );
    let odd = review(&out, &["accept", TOTAL, "$9 billion"]);
    assert!(odd.status.success());
    assert!(
        stderr(&odd).contains("no source states $9 billion"),
        "{}",
        stderr(&odd)
    );
    let junk = review(&out, &["accept", TOTAL, "lots"]);
    assert_eq!(junk.status.code(), Some(2));
    assert!(stderr(&junk).contains("cannot read \"lots\" as an amount"));
    // A unique start of an id is enough.
    let d = review(
        &out,
        &["dismiss", "amazon|invests-in|anthropic|usd|tranche|2023"],
    );
    assert!(d.status.success(), "{}", stderr(&d));
    assert!(stdout(&d).starts_with("amazon|invests-in|anthropic|usd|tranche|2023-09: dismissed"));
}

/// A folder big enough that a run takes a while: the sample articles many
/// times over, each copy with its own figures.
fn big_folder(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let texts: Vec<String> = corpus_files()
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    for k in 0..120 {
        for (j, t) in texts.iter().enumerate() {
            let t = t.replace("$8 billion", &format!("${} billion", 8 + k % 3));
            std::fs::write(dir.join(format!("{k:03}-{j}.txt")), t).unwrap();
        }
    }
    dir
}

#[test]
fn a_run_killed_at_any_moment_leaves_a_store_the_next_run_completes() {
    let input = big_folder("store-kill-in");
    let plain = temp_dir("store-kill-plain");
    let o = run_plus(&input, &plain, &["--no-store"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let expected = facts_only(&facts_json(&plain));
    let out = temp_dir("store-kill-out");
    let db = out.join("crosscheck.db");
    // Kill at different moments: before, while and after documents are
    // written (the waits are not timing assertions: any moment must do).
    for wait_ms in [0u64, 40, 120, 300, 700, 1500] {
        let mut child = bin()
            .arg("run")
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        let _ = child.kill();
        let _ = child.wait();
        if db.exists() {
            let store = crosscheck::store::Store::open(&db).expect("a killed run's store opens");
            assert_eq!(store.integrity().unwrap(), "ok");
        }
    }
    let (_, after) = run_ok(&input, &out);
    assert_eq!(facts_only(&after), expected);
    // And once more, everything from the store.
    let (_, again) = run_ok(&input, &out);
    assert_eq!(again["review"]["documents"]["unchanged"], 600);
    assert_eq!(facts_only(&again), expected);
}

#[test]
fn a_store_in_use_is_refused_with_a_message_and_left_intact() {
    let input = corpus_copy("store-busy-in");
    let out = temp_dir("store-busy-out");
    run_ok(&input, &out);
    let held = crosscheck::store::Store::open(&out.join("crosscheck.db")).unwrap();
    let o = run_to(&input, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is in use by another crosscheck"),
        "{}",
        stderr(&o)
    );
    let r = review(&out, &["list"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("is in use by another crosscheck"));
    drop(held);
    let (_, f) = run_ok(&input, &out);
    assert_eq!(f["review"]["run"], 2);
}

#[test]
fn a_newer_or_foreign_store_is_refused_never_misread() {
    let input = corpus_copy("store-foreign-in");
    // Written by a newer crosscheck.
    let out = temp_dir("store-newer-out");
    run_ok(&input, &out);
    {
        let c = rusqlite::Connection::open(out.join("crosscheck.db")).unwrap();
        c.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    let o = run_to(&input, &out);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("written by a newer crosscheck (schema version 99"),
        "{e}"
    );
    // Not a database at all.
    let out = temp_dir("store-junk-out");
    std::fs::write(
        out.join("crosscheck.db"),
        "these are my notes, not a database\n".repeat(200),
    )
    .unwrap();
    let o = run_to(&input, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not a crosscheck store"),
        "{}",
        stderr(&o)
    );
    // Some other program's SQLite database.
    let out = temp_dir("store-other-out");
    {
        let c = rusqlite::Connection::open(out.join("crosscheck.db")).unwrap();
        c.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('mine');")
            .unwrap();
    }
    let o = run_to(&input, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not one crosscheck wrote"),
        "{}",
        stderr(&o)
    );
    let c = rusqlite::Connection::open(out.join("crosscheck.db")).unwrap();
    let kept: String = c
        .query_row("SELECT t FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "mine", "the other database is left as it was");
}
