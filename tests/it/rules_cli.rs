//! `crosscheck rules test`: the shipped rules pass; broken rules fail with
//! the file, line and rule named.

use crate::support::{repo, run, stderr, stdout, temp_dir};
use std::process::Output;

#[test]
fn shipped_rules_pass_built_in_and_from_the_folder() {
    let o = run(&["rules", "test"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("all pass"));
    let o = run(&["rules", "test", "--rules", "rules"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Copy the shipped rules to a fresh folder, apply `edit` to one file, run
/// `rules test` on the copy. Returns the edited text and the run's output.
fn test_broken(case: &str, file: &str, edit: impl FnOnce(String) -> String) -> (String, Output) {
    let dir = temp_dir(case);
    for e in std::fs::read_dir(repo().join("rules")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let path = dir.join(file);
    let text = edit(std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &text).unwrap();
    let o = run(&[
        "rules",
        "test",
        "--rules",
        dir.to_str().unwrap(),
        "--no-default-rules",
    ]);
    (text, o)
}

/// 1-based line of the first line containing `needle`, and that line.
fn line_of<'a>(text: &'a str, needle: &str) -> (usize, &'a str) {
    let (i, l) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .expect("needle in text");
    (i + 1, l)
}

#[test]
fn a_failing_example_names_file_line_and_rule() {
    let (text, o) = test_broken("rules-bad-example", "money.toml", |t| {
        t.replacen(
            "{ text = \"$25,000\", value = 25000,",
            "{ text = \"$25,000\", value = 26000,",
            1,
        )
    });
    assert_eq!(o.status.code(), Some(1));
    let (line, src) = line_of(&text, "value = 26000");
    let column = src.find("value = 26000").unwrap() + 1;
    let want = format!("money.toml:{line}:{column}: rule 'usd': example \"$25,000\": value: expected 26000, got 25000");
    let err = stderr(&o);
    assert!(err.contains(&want), "want {want}\ngot {err}");
    // The line, a caret under the field, and what to do.
    let caret = format!("\n    {src}\n    {}^\n", " ".repeat(column - 1));
    assert!(err.contains(&caret), "caret under `value`: {err}");
    assert!(
        err.contains("help: if the rule is right, change `value`"),
        "{err}"
    );
}

#[test]
fn a_malformed_rule_file_names_file_line_column_and_rule() {
    let (text, o) = test_broken("rules-malformed", "money.toml", |t| {
        t + "\n[[scale]]\nname = \"lakh\"\nwordz = [\"lakh\"]\nmultiplier = 1e5\nexamples = []\n"
    });
    assert_eq!(o.status.code(), Some(2));
    let (line, _) = line_of(&text, "wordz");
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "money.toml:{line}:1: rule 'lakh': unknown field `wordz`"
        )),
        "{err}"
    );
    assert!(
        err.contains("\n    wordz = [\"lakh\"]\n    ^"),
        "caret under the problem: {err}"
    );
}

#[test]
fn a_bad_regex_is_shown_with_a_caret() {
    let (text, o) = test_broken("rules-bad-regex", "percent.toml", |t| {
        t.replacen(
            "{number_word}[\\s-](?i:percents?",
            "{number_word}([\\s-](?i:percents?",
            1,
        )
    });
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("rule 'percent-word': regex does not compile: unclosed group"),
        "{err}"
    );
    let (line, src) = line_of(&text, "{number_word}([");
    let column = src.find("([").unwrap() + 1;
    assert!(
        err.contains(&format!("percent.toml:{line}:{column}:")),
        "{err}"
    );
}

#[test]
fn duplicate_names_and_missing_examples_are_all_reported_at_once() {
    let (_, o) = test_broken("rules-dup", "claims.toml", |t| {
        t + "\n[[cue]]\nname = \"total\"\nwords = [\"whole\"]\nsets = \"total\"\nexamples = []\n"
    });
    let err = stderr(&o);
    assert!(
        err.contains("rule 'total': duplicate cue name (first defined at"),
        "{err}"
    );
    assert!(
        err.contains("rule 'total': cue rule has no examples"),
        "{err}"
    );
}

#[test]
fn a_cue_with_an_unknown_meaning_names_file_line_and_rule() {
    let (text, o) = test_broken("rules-bad-means", "claims.toml", |t| {
        t.replacen("means = \"revised\"", "means = \"maybe\"", 1)
    });
    assert_eq!(o.status.code(), Some(2));
    let (line, _) = line_of(&text, "means = \"maybe\"");
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "claims.toml:{line}:9: rule 'revised': unknown meaning 'maybe'"
        )),
        "{err}"
    );
    assert!(err.contains("help: means = \"prospective\""), "{err}");
}

#[test]
fn a_link_with_an_unknown_meaning_names_file_line_and_rule() {
    let (text, o) = test_broken("rules-bad-link", "claims.toml", |t| {
        t.replacen(
            "means = \"investor\"\nwords",
            "means = \"investors\"\nwords",
            1,
        )
    });
    assert_eq!(o.status.code(), Some(2));
    let (line, _) = line_of(&text, "means = \"investors\"");
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "claims.toml:{line}:9: rule 'round-investor': unknown means 'investors'"
        )),
        "{err}"
    );
    assert!(err.contains("help: means = \"investor\""), "{err}");
}
