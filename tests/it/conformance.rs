//! Conformance ratchet: the extractor on the recognisers' own test data
//! (../shared/peer) must not fall more than half a point below any figure
//! recorded in ACCURACY.md. Prints the full table (see it with --nocapture);
//! `cargo run --release --example conformance -- --failures FILE` lists the
//! failing cases of one file.

#[path = "../conformance/mod.rs"]
mod peer;

use std::io::Write;

/// How far a figure may fall below its recorded value before the test fails.
const SLACK: f64 = 0.005;

#[test]
fn conformance_figures_never_drop_below_accuracy_md() {
    let Some(dir) = super::support::shared("peer") else {
        return;
    };
    let dir = std::env::var_os("CROSSCHECK_PEER").map_or(dir, Into::into);
    let cases = peer::load_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let rules = crosscheck::rules::RuleSet::builtin().expect("built-in rules compile");
    let eval = peer::evaluate(&cases, &rules);
    let table = peer::render(&eval);
    let _ = writeln!(std::io::stdout(), "{table}");

    let md = std::fs::read_to_string(super::support::repo().join("ACCURACY.md"))
        .expect("ACCURACY.md is readable");
    let recorded = peer::recorded_figures(&md);
    let figures: Vec<(String, f64)> = eval
        .figures()
        .into_iter()
        .map(|f| (f.key, f.value))
        .collect();
    let problems = peer::ratchet_problems(&figures, &recorded, SLACK);
    assert!(
        problems.is_empty(),
        "accuracy ratchet (re-record with `cargo run --release --example conformance -- --write` \
         only after an improvement):\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn gold_spans_map_character_offsets_to_bytes() {
    let Some(dir) = super::support::shared("peer") else {
        return;
    };
    let cases = peer::load_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    // The loader checks every span's text; here, that non-ASCII inputs exist
    // and map onto char boundaries (e.g. "€" before an amount).
    let non_ascii = cases.iter().filter(|c| !c.input.is_ascii()).count();
    assert!(
        non_ascii > 10,
        "expected non-ASCII inputs, found {non_ascii}"
    );
    for c in &cases {
        for g in &c.gold {
            assert!(c.input.is_char_boundary(g.start) && c.input.is_char_boundary(g.end));
        }
    }
}

#[test]
fn the_ratchet_catches_a_drop_a_new_figure_and_a_lost_one() {
    let md = "| figure | recorded | target |\n|---|---:|---|\n| `a.value` | 0.900 | ≥ 0.90 met |\n| `b.span_f1` | 0.500 | — |\n";
    let recorded = peer::recorded_figures(md);
    assert_eq!(
        recorded,
        vec![("a.value".to_string(), 0.9), ("b.span_f1".to_string(), 0.5)]
    );
    let fig = |a: f64, b: f64| vec![("a.value".to_string(), a), ("b.span_f1".to_string(), b)];
    assert!(peer::ratchet_problems(&fig(0.896, 0.6), &recorded, SLACK).is_empty());
    let p = peer::ratchet_problems(&fig(0.89, 0.5), &recorded, SLACK);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("a.value fell to 0.890"), "{p:?}");
    let p = peer::ratchet_problems(&[("c".to_string(), 1.0)], &recorded, SLACK);
    assert_eq!(p.len(), 3, "{p:?}");
}
