//! Rules under attack: a regex of enormous size, nested quantifiers, an
//! invalid Unicode class, a 100 MB file, 10,000 rules with one name. Each
//! gives a clear error or a bounded cost; never a hang or a panic.

use crate::support::{run, stderr, temp_dir};
use std::time::{Duration, Instant};

fn rules_dir(case: &str, text: &str) -> std::path::PathBuf {
    let dir = temp_dir(case);
    std::fs::write(dir.join("evil.toml"), text).unwrap();
    dir
}

fn pattern(name: &str, regex: &str) -> String {
    format!(
        "[[pattern]]\nname = \"{name}\"\nkind = \"money\"\nregex = '''{regex}'''\nexamples = [{{ text = \"x\", none = true }}]\n\n"
    )
}

/// Runs `rules list` with the folder; returns exit code and stderr. The
/// generous time bound only catches a hang, it measures nothing.
fn load(dir: &std::path::Path) -> (Option<i32>, String) {
    let t = Instant::now();
    let o = run(&["rules", "list", "--rules", dir.to_str().unwrap()]);
    assert!(t.elapsed() < Duration::from_secs(120), "loading hung");
    (o.status.code(), stderr(&o))
}

#[test]
fn an_enormous_regex_is_refused_with_its_location() {
    let dir = rules_dir("evil-size", &pattern("huge", r"(?:\w{1000}){1000}"));
    let (code, err) = load(&dir);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("evil.toml:4:12:") && err.contains("rule 'huge'"),
        "{err}"
    );
    assert!(
        err.to_lowercase().contains("size") || err.contains("limit"),
        "{err}"
    );
}

#[test]
fn an_invalid_unicode_class_is_refused() {
    let dir = rules_dir("evil-class", &pattern("klingon", r"\p{Klingon}\d+"));
    let (code, err) = load(&dir);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("rule 'klingon'") && err.contains("evil.toml:4:12:"),
        "{err}"
    );
}

#[test]
fn nested_quantifiers_cost_linear_time() {
    // (a+)+$ is the classic backtracking bomb; the regex crate is linear.
    let dir = rules_dir("evil-nested", &pattern("nested", r"(?:a+)+\$"));
    let article = dir.join("a.txt");
    std::fs::write(&article, format!("{}!", "a".repeat(200_000))).unwrap();
    let t = Instant::now();
    let o = run(&[
        "extract",
        article.to_str().unwrap(),
        "--rules",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        t.elapsed() < Duration::from_secs(60),
        "nested quantifiers hung"
    );
}

#[test]
fn a_100_mb_rule_file_is_refused_unread() {
    let dir = temp_dir("evil-big");
    let f = std::fs::File::create(dir.join("big.toml")).unwrap();
    f.set_len(100 << 20).unwrap();
    let (code, err) = load(&dir);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("big.toml:1:1: rule file is 100 MB; the limit is 16 MB"),
        "{err}"
    );
}

#[test]
fn ten_thousand_rules_with_one_name_are_reported_briefly() {
    let mut text = String::new();
    for _ in 0..10_000 {
        text.push_str(
            "[[trigger]]\nname = \"same\"\npredicate = \"p\"\nwords = [\"w\"]\nexamples = [{ text = \"x\" }]\n\n",
        );
    }
    let dir = rules_dir("evil-dups", &text);
    let (code, err) = load(&dir);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("rule 'same': duplicate trigger name (first defined at"),
        "{err}"
    );
    assert!(
        err.contains("… and 9949 more problems"),
        "{}",
        &err[err.len().saturating_sub(300)..]
    );
    assert!(err.lines().count() < 400, "the message stays readable");
}
