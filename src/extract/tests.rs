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

#[test]
fn a_name_on_the_line_after_a_number_is_a_name() {
    // Found on a saved page: its dateline ends with the year.
    let got = mentions("March 14, 2025\n\nNorthwind Capital has invested $2.5 billion.");
    assert!(
        got.contains(&(Kind::Entity, "Northwind Capital".to_string())),
        "{got:?}"
    );
}

#[test]
fn units_after_numbers_and_word_parts_are_not_names() {
    let got = mentions("Capacity grew from 7 GW to 10 GW, with a stake in a pay-TV provider.");
    let names: Vec<&str> = got
        .iter()
        .filter(|(k, _)| *k == Kind::Entity)
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_change_is_two_amounts_not_a_range() {
    let got =
        mentions("The price rose $3 billion to about $22 billion, ranging from $2 to $4 billion.");
    let money: Vec<&str> = got
        .iter()
        .filter(|(k, _)| *k == Kind::Money)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        money,
        vec!["$3 billion", "about $22 billion", "from $2 to $4 billion"]
    );
}

/// Found by the span property test: a no-break space before a match inside
/// a would-be URL check sliced inside the character.
#[test]
fn a_no_break_space_before_a_match_is_no_panic() {
    let rules = RuleSet::builtin().unwrap();
    let text = "\u{a0}ä''.9¥.$5 and \u{a0}$4 billion";
    let got = crate::pipeline::analyze(text, &rules, None);
    assert!(got
        .mentions
        .iter()
        .any(|m| &text[m.span.range()] == "$4 billion"));
}

#[test]
fn counts_need_their_measure_word_and_keep_modifiers() {
    let got = mentions("The service has 120 million active users and 61.2 million Class A shares.");
    let counts: Vec<&str> = got
        .iter()
        .filter(|(k, _)| *k == Kind::Quantity)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        counts,
        ["120 million active users", "61.2 million Class A shares"]
    );
    // No measure word, a small word in between, or a year: no count.
    for text in [
        "committing $5 billion to 2,000 startups",
        "5 million of the shares",
        "In 2024 users complained",
    ] {
        let got = mentions(text);
        assert!(
            !got.iter().any(|(k, _)| *k == Kind::Quantity),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn the_first_number_of_a_change_takes_the_unit_after_the_second() {
    let rules = RuleSet::builtin().unwrap();
    let text = "Instagram has risen from nearly 40 million to more than 55 million paying users.";
    let qs: Vec<(String, String, f64)> = extract(text, &tokenize(text), &rules)
        .into_iter()
        .filter_map(|m| match &m.value {
            Value::Quantity(q) => Some((
                text[m.span.range()].to_string(),
                q.unit.clone(),
                q.amount.central(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(
        qs,
        [
            ("nearly 40 million".to_string(), "people".to_string(), 4e7),
            (
                "more than 55 million paying users".to_string(),
                "people".to_string(),
                5.5e7
            ),
        ]
    );
}
