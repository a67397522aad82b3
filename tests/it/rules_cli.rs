//! `crosscheck rules test`: the shipped rules pass; broken rules fail with
//! the file, line and rule named.

use crate::support::{repo, run, stderr, stdout, temp_dir};

#[test]
fn shipped_rules_pass_built_in_and_from_the_folder() {
    let o = run(&["rules", "test"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("all pass"));
    let o = run(&["rules", "test", "--rules", "rules"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn rules_copy(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    for e in std::fs::read_dir(repo().join("rules")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

#[test]
fn a_failing_example_names_file_line_and_rule() {
    let dir = rules_copy("rules-bad-example");
    let path = dir.join("money.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "{ text = \"$25,000\", value = 25000,",
        "{ text = \"$25,000\", value = 26000,",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("value = 26000"))
        .unwrap()
        + 1;
    let o = run(&["rules", "test", "--rules", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let want = format!("money.toml:{line}: rule 'usd': example \"$25,000\": value: expected 26000, got Some(25000.0)");
    assert!(err.contains(&want), "want {want}\ngot {err}");
}

#[test]
fn a_malformed_rule_file_names_file_line_column_and_rule() {
    let dir = rules_copy("rules-malformed");
    let path = dir.join("money.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[[scale]]\nname = \"lakh\"\nwordz = [\"lakh\"]\nmultiplier = 1e5\nexamples = []\n",
    );
    std::fs::write(&path, &text).unwrap();
    let line = text.lines().position(|l| l.starts_with("wordz")).unwrap() + 1;
    let o = run(&["rules", "test", "--rules", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
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
    let dir = rules_copy("rules-bad-regex");
    let path = dir.join("percent.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "regex = '''{qualifier}?{number_word}[\\s-]",
        "regex = '''{qualifier}?{number_word}([\\s-]",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let o = run(&["rules", "test", "--rules", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("rule 'percent-word': regex does not compile: unclosed group"),
        "{err}"
    );
    let (line, src) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("{number_word}(["))
        .unwrap();
    let column = src.find("([").unwrap() + 1;
    assert!(
        err.contains(&format!("percent.toml:{}:{column}:", line + 1)),
        "{err}"
    );
}

#[test]
fn duplicate_names_and_missing_examples_are_all_reported_at_once() {
    let dir = rules_copy("rules-dup");
    let path = dir.join("claims.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n[[cue]]\nname = \"total\"\nwords = [\"whole\"]\nsets = \"total\"\nexamples = []\n",
    );
    std::fs::write(&path, &text).unwrap();
    let o = run(&["rules", "test", "--rules", dir.to_str().unwrap()]);
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
