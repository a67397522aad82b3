use super::*;
use crate::rules::RuleSet;
use crate::tokenize::tokenize;

fn mentions(text: &str) -> Vec<(Kind, String)> {
    let rules = RuleSet::builtin().unwrap();
    extract(text, &tokenize(text), &rules)
        .into_iter()
        .map(|m| (m.kind, text[m.span.range()].to_string()))
        .collect()
}

#[test]
fn no_fragments_inside_words() {
    let got = mentions("The company is actively valued by analysts.");
    assert!(got.iter().all(|(k, _)| *k == Kind::Entity), "{got:?}");
}

#[test]
fn range_is_one_mention_not_amount_plus_date() {
    let got = mentions("worth an estimated $2–4 billion, according to Evercore");
    let money: Vec<_> = got.iter().filter(|(k, _)| *k == Kind::Money).collect();
    assert_eq!(money.len(), 1, "{got:?}");
    // The qualifier belongs to the mention, as in the devset gold.
    assert_eq!(money[0].1, "an estimated $2–4 billion");
    assert!(!got.iter().any(|(k, _)| *k == Kind::Date));
}
