//! The summary `crosscheck run` prints: 100 columns, values aligned with
//! their sources, colour only when asked for or on a terminal, never with
//! NO_COLOR.

use crate::support::{bin, stdout, temp_dir};

fn run_corpus(case: &str, extra: &[&str], no_color: bool) -> String {
    let out = temp_dir(case);
    let mut cmd = bin();
    cmd.args(["run", "corpus", "--out", out.to_str().unwrap()])
        .args(extra)
        .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let o = cmd.output().expect("runs");
    assert!(o.status.success());
    stdout(&o)
}

#[test]
fn fits_100_columns_with_values_aligned() {
    let text = run_corpus("term-plain", &[], false);
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line:?}");
    }
    // The conflict's values start in one column, each with its sources.
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("Amazon invests in Anthropic (total)"))
        .skip(1)
        .take(3)
        .collect();
    assert!(rows[0].starts_with("    $4B   2 sources: "), "{rows:?}");
    assert!(rows[1].starts_with("    $8B   2 sources: "), "{rows:?}");
    assert!(rows[2].starts_with("    $33B  1 source: 002_"), "{rows:?}");
    assert!(text.contains("\nSINGLE-SOURCE\n"), "{text}");
    assert!(
        text.contains("report.html (open it in a browser)"),
        "{text}"
    );
}

#[test]
fn colour_when_asked_and_never_with_no_color() {
    let text = run_corpus("term-color", &["--color", "always"], false);
    assert!(text.contains("\x1b[1;31mCONFLICTS\x1b[0m"), "{text}");
    let text = run_corpus("term-nocolor", &["--color", "always"], true);
    assert!(!text.contains('\x1b'), "NO_COLOR wins: {text}");
    let text = run_corpus("term-never", &["--color", "never"], false);
    assert!(!text.contains('\x1b'));
}
