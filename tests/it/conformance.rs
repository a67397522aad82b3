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
    let figures = eval.figures();
    let mut problems = Vec::new();
    for f in &figures {
        match recorded.iter().find(|(k, _)| *k == f.key) {
            None => problems.push(format!(
                "{} = {:.3} is not recorded in ACCURACY.md",
                f.key, f.value
            )),
            Some((_, r)) if f.value < r - SLACK => problems.push(format!(
                "{} fell to {:.3} (recorded {r:.3})",
                f.key, f.value
            )),
            Some(_) => {}
        }
    }
    for (k, _) in &recorded {
        if !figures.iter().any(|f| f.key == *k) {
            problems.push(format!(
                "ACCURACY.md records {k}, which the runner no longer computes"
            ));
        }
    }
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
