//! Arbitrary bytes as an article: decode like ingest, analyze, reconcile,
//! render every report. Nothing may panic; every span must lie on character
//! boundaries; every amount must be finite.
#![no_main]

use crosscheck::pipeline::analyze;
use crosscheck::reconcile::{reconcile, SourcedClaim};
use crosscheck::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = crosscheck::ingest::decode(data) else {
        return;
    };
    let a = analyze(&text, rules(), None);
    for m in &a.mentions {
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        if let Some(x) = m.amount() {
            for v in [x.value, x.min, x.max].into_iter().flatten() {
                assert!(v.is_finite());
            }
        }
    }
    let claims: Vec<SourcedClaim> = SourcedClaim::all("a.txt", a.claims.iter().cloned())
        .chain(SourcedClaim::all("b.txt", a.claims.iter().cloned()))
        .collect();
    let facts = reconcile(&claims);
    let _ = crosscheck::report::explain::render(&text, &a, rules(), true);
    let _ = facts.len();
});
