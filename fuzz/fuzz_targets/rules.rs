//! Arbitrary text as a rule file: it loads or is refused with problems that
//! point inside the file; never a panic.
#![no_main]

use crosscheck::rules::{Layer, RuleSet, RuleSource};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The file on its own (compiling the built-in rules each time would cost
    // seconds per input under the sanitizer, starving the search).
    let layers = [Layer {
        name: "fuzz".into(),
        sources: vec![RuleSource {
            path: "fuzz.toml".into(),
            text: text.to_string(),
        }],
    }];
    match RuleSet::from_layers(&layers) {
        Ok(rules) => {
            let _ = crosscheck::pipeline::analyze("Amazon invested $4 billion in Anthropic in 2024.", &rules, None);
        }
        Err(crosscheck::Error::Rules(problems)) => {
            for p in problems {
                assert!(p.line >= 1 && p.column >= 1);
                let _ = p.to_string();
            }
        }
        Err(e) => panic!("unexpected error kind: {e}"),
    }
});
