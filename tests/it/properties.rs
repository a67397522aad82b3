//! Properties over generated input (proptest): a formatted amount reads back
//! as its value; every span lies on character boundaries inside its text,
//! whatever the text; the analysis never panics.

use crosscheck::extract::Value;
use crosscheck::pipeline::analyze;
use crosscheck::rules::RuleSet;
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules compile"))
}

/// "1234567" → "1,234,567".
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn money_values(text: &str) -> Vec<(String, f64)> {
    analyze(text, rules(), None)
        .mentions
        .iter()
        .filter_map(|m| match &m.value {
            Value::Money(x) => Some((text[m.span.range()].to_string(), x.amount.value?)),
            _ => None,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_grouped_dollar_amount_reads_back(n in 1u64..10_000_000_000_000) {
        let text = format!("The company paid ${} for the site.", grouped(n));
        let got = money_values(&text);
        prop_assert_eq!(got.len(), 1, "{:?}", got);
        prop_assert_eq!(got[0].1, n as f64);
    }

    #[test]
    fn a_scaled_amount_reads_back(
        whole in 1u32..1000,
        frac in 0u32..100,
        scale in prop::sample::select(vec![("million", 1e6), ("billion", 1e9), ("trillion", 1e12), ("bn", 1e9), ("m", 1e6)]),
        cur in prop::sample::select(vec![("$", "USD"), ("€", "EUR"), ("£", "GBP")]),
    ) {
        let number = if frac == 0 { whole.to_string() } else { format!("{whole}.{frac:02}") };
        let spaced = if scale.0.len() > 2 { " " } else { "" };
        let text = format!("It raised {}{number}{spaced}{} last year.", cur.0, scale.0);
        let got = money_values(&text);
        prop_assert_eq!(got.len(), 1, "{:?} in {:?}", got, text);
        let want = (whole as f64 + frac as f64 / 100.0) * scale.1;
        prop_assert!((got[0].1 - want).abs() <= want * 1e-9, "{} read as {}", text, got[0].1);
    }

    #[test]
    fn spans_lie_on_char_boundaries_of_any_text(text in "(?s).{0,400}") {
        let a = analyze(&text, rules(), None);
        for m in &a.mentions {
            prop_assert!(m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert!(m.span.contains(&m.value_span));
            prop_assert!(text.is_char_boundary(m.value_span.start) && text.is_char_boundary(m.value_span.end));
        }
        for c in &a.claims {
            prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            prop_assert_eq!(&text[c.span.range()], c.text.as_str());
        }
        for s in &a.tokens.sentences {
            prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
    }

    #[test]
    fn news_shaped_text_never_panics(
        words in prop::collection::vec(prop::sample::select(vec![
            "Amazon", "invested", "$4", "billion", "in", "Anthropic", "about", "up to", "€1.2bn",
            "March", "2024", "Q3", "FY2025", "5%", "per cent", "—", "–", "’s", ",", ".", "\n\n",
            "$", "%", "1,000", "0.5", "forty-five", "half", "a", "the", "since", "by", "of",
        ]), 0..80)
    ) {
        let text = words.join(" ");
        let a = analyze(&text, rules(), None);
        for m in &a.mentions {
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            if let Some(x) = m.amount() {
                for v in [x.value, x.min, x.max].into_iter().flatten() {
                    prop_assert!(v.is_finite());
                }
            }
        }
    }
}
