//! The Spark recipe (`contrib/spark/crosscheck_spark.py`) in local mode
//! with several partitions gives the facts.json of one `crosscheck run`,
//! byte for byte: on the sample corpus (files listed by crosscheck), on a
//! generated corpus read by Spark itself, and on a JSON-lines dump.
//!
//! Needs python3 with pyspark and a Java runtime. `.ci/run` installs them
//! (pyspark from PyPI); in CI (CI=true) their absence fails the test, on a
//! developer's machine it is skipped with a message.

use crate::support::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../../examples/common/generate.rs"]
#[allow(dead_code)]
mod generate;

fn python() -> String {
    std::env::var("CROSSCHECK_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Why Spark cannot run here, if it cannot.
fn missing() -> Option<String> {
    let works = |c: &mut Command| c.output().is_ok_and(|o| o.status.success());
    if !works(Command::new(python()).args(["-c", "import pyspark"])) {
        return Some(format!(
            "{} cannot import pyspark (pip install pyspark)",
            python()
        ));
    }
    if !works(Command::new("java").arg("-version")) {
        return Some("no java on PATH (Spark needs a Java 17 runtime)".into());
    }
    None
}

fn one_run(input: &Path, out: &Path) -> Vec<u8> {
    let o = bin()
        .arg("run")
        .arg(input)
        .args(["--no-store", "--out"])
        .arg(out)
        .output()
        .expect("the binary runs");
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    read(&out.join("facts.json"))
}

fn spark(input: &Path, report: &Path, via: &str, partitions: usize, reduce: usize) -> Vec<u8> {
    let o = Command::new(python())
        .arg(repo().join("contrib/spark/crosscheck_spark.py"))
        .args([
            "--master",
            "local[2]",
            "--binary",
            env!("CARGO_BIN_EXE_crosscheck"),
        ])
        .args(["--via", via])
        .args(["--partitions", &partitions.to_string()])
        .args(["--reduce-partitions", &reduce.to_string()])
        .arg("--report")
        .arg(report)
        .arg(input)
        .current_dir(repo())
        .output()
        .expect("python3 runs");
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "the Spark job failed:\n{}\n{}",
        stdout(&o),
        stderr(&o)
    );
    read(&report.join("facts.json"))
}

fn same(name: &str, spark: &[u8], single: &[u8], dir: &Path) {
    assert!(
        spark == single,
        "{name}: the Spark job's facts.json differs from `crosscheck run` (see {})",
        dir.display()
    );
    let v: serde_json::Value = serde_json::from_slice(spark).unwrap();
    assert!(
        v["facts"].as_array().is_some_and(|f| f.len() >= 10),
        "{name}"
    );
}

/// Every .txt file under `dir` as one JSON line of a dump.
fn dump(dir: &Path, to: &Path) -> PathBuf {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = std::fs::File::create(to).unwrap();
    for f in files {
        let text = String::from_utf8(read(&f)).unwrap();
        let id = f.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        writeln!(out, "{}", serde_json::json!({"id": id, "text": text})).unwrap();
    }
    to.to_path_buf()
}

#[test]
fn the_spark_job_gives_the_facts_of_one_run() {
    if let Some(why) = missing() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            !ci,
            "CI=true but Spark cannot run: {why}; .ci/run installs it"
        );
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_spark_job_gives_the_facts_of_one_run: {why}; CI runs it"
        );
        return;
    }
    let dir = temp_dir("spark");

    // The sample corpus, listed by `crosscheck files`, 3 map and 4 reduce
    // partitions (more partitions than some steps have lines).
    let corpus = repo().join("corpus");
    let single = one_run(&corpus, &dir.join("corpus-run"));
    let got = spark(&corpus, &dir.join("corpus-spark"), "files", 3, 4);
    same("corpus", &got, &single, &dir);

    // A generated corpus of about a megabyte (300-odd articles, many on
    // the same deals, some copies), read by Spark's own file reader.
    let generated = dir.join("generated");
    let (n, _) = generate::write_corpus(&generated, 1 << 20, 7).expect("corpus generated");
    assert!(n > 200);
    let single = one_run(&generated, &dir.join("generated-run"));
    let got = spark(&generated, &dir.join("generated-spark"), "spark", 4, 5);
    same("generated", &got, &single, &dir);

    // The same articles as one JSON-lines dump.
    let feed = dump(&generated, &dir.join("feed.jsonl"));
    let single = one_run(&feed, &dir.join("feed-run"));
    let got = spark(&feed, &dir.join("feed-spark"), "files", 2, 3);
    same("feed.jsonl", &got, &single, &dir);
}
