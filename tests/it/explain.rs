//! `crosscheck explain`: mentions with their rules and values, claims with
//! their parts, and why a value formed no claim, on real sentences.

use crate::support::{repo, run, stderr, stdout, temp_dir};

fn explain(args: &[&str]) -> String {
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// The line of `out` that contains every one of `parts`.
fn has_line(out: &str, parts: &[&str]) -> bool {
    out.lines().any(|l| parts.iter().all(|p| l.contains(p)))
}

#[test]
fn a_sentence_shows_mentions_rules_values_and_the_claim_s_parts() {
    let out = explain(&["Amazon invested an additional $4 billion in Anthropic in November 2024, bringing its total to $8 billion."]);
    assert!(
        has_line(
            &out,
            &[
                "money",
                "\"$4 billion\"",
                "$4B",
                "money.toml/prefix-amount",
                "usd",
                "billion"
            ]
        ),
        "{out}"
    );
    assert!(
        has_line(
            &out,
            &[
                "date",
                "\"November 2024\"",
                "2024-11 (month)",
                "dates.toml/"
            ]
        ),
        "{out}"
    );
    assert!(
        has_line(
            &out,
            &[
                "entity",
                "\"Anthropic\"",
                "Anthropic (org)",
                "entities.toml/anthropic"
            ]
        ),
        "{out}"
    );
    assert!(
        has_line(&out, &["Amazon — invests in → Anthropic: $4B (tranche)"]),
        "{out}"
    );
    assert!(
        has_line(&out, &["trigger", "\"invested\"", "claims.toml/invest"]),
        "{out}"
    );
    assert!(
        has_line(&out, &["subject", "\"Amazon\"", "nearest name before"]),
        "{out}"
    );
    assert!(
        has_line(&out, &["object", "\"Anthropic\"", "after “in”"]),
        "{out}"
    );
    assert!(has_line(&out, &["scope", "tranche", "additional"]), "{out}");
    assert!(
        has_line(&out, &["as of", "2024-11", "from the sentence"]),
        "{out}"
    );
    // The running total in the same sentence continues the claim.
    assert!(
        has_line(&out, &["Amazon — invests in → Anthropic: $8B (total)"]),
        "{out}"
    );
    assert!(has_line(&out, &["subject", "earlier clause"]), "{out}");
}

#[test]
fn a_value_without_a_claim_says_why() {
    let out = explain(&[
        "Shares of the chipmaker rose 5% on Friday.",
        "The company, which was founded in a garage in Palo Alto by two engineers who later sold it, had revenue of $300 million.",
        "It paid $40 million.",
    ]);
    assert!(
        has_line(
            &out,
            &["\"5%\"", "no claim trigger in the sentence", "[[trigger]]"]
        ),
        "{out}"
    );
    assert!(
        has_line(
            &out,
            &[
                "\"$40 million\"",
                "no subject for \"paid\" (claims.toml/spend)",
                "[[entity]]"
            ]
        ),
        "{out}"
    );
    let out = explain(&["Amazon invested in Anthropic, the San Francisco startup founded by former OpenAI researchers in 2021, a sum of $4 billion."]);
    assert!(
        has_line(
            &out,
            &[
                "\"$4 billion\"",
                "the nearest trigger, \"invested\" (claims.toml/invest), is 16 words away; a trigger reaches 10"
            ]
        ),
        "{out}"
    );
}

#[test]
fn a_file_is_explained_sentence_by_sentence_with_its_document_date() {
    let file = repo().join("corpus").join("000_9de286f62ec30d0e.txt");
    let out = explain(&[file.to_str().unwrap()]);
    assert!(out.starts_with(&format!("== {}", file.display())), "{out}");
    assert!(
        has_line(&out, &["Amazon — invests in → Anthropic: $8B (total)"]),
        "{out}"
    );
    assert!(
        has_line(
            &out,
            &["subject", "\"Amazon\"", "a possessive before the value"]
        ),
        "{out}"
    );
    // A given document date resolves relative dates.
    let out = explain(&[
        "--date",
        "2024-11-22",
        "Amazon said on Friday it would invest another $4 billion in Anthropic.",
    ]);
    assert!(out.contains("document date: 2024-11-22 (day)"), "{out}");
    assert!(
        has_line(
            &out,
            &[
                "date",
                "\"Friday\"",
                "2024-11-22 (day, relative to the document date 2024-11-22)"
            ]
        ),
        "{out}"
    );
    let o = run(&["explain", "--date", "22/11/2024", "text"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--date \"22/11/2024\" is not a date like 2024-11-22"));
    // Found by fuzzing the date parser: non-ASCII input once panicked.
    let o = run(&["explain", "--date", "1200,12ó6", "text"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn explain_names_a_user_rule_that_made_the_claim() {
    let dir = temp_dir("explain-user-rule");
    std::fs::write(
        dir.join("lending.toml"),
        r#"[[trigger]]
name = "lend"
predicate = "lends to"
words = ["lent", "loaned"]
object_preps = ["to"]
examples = [{ text = "Barclays lent $2 billion to Tesla.", subject = "Barclays", object = "Tesla" }]
"#,
    )
    .unwrap();
    let sentence = "JPMorgan lent $2 billion to Tesla in 2019.";
    let before = explain(&[sentence]);
    assert!(
        has_line(&before, &["\"$2 billion\"", "no claim trigger"]),
        "{before}"
    );
    let after = explain(&["--rules", dir.to_str().unwrap(), sentence]);
    assert!(
        has_line(&after, &["JPMorgan Chase — lends to → Tesla: $2B (total)"]),
        "{after}"
    );
    assert!(
        has_line(&after, &["trigger", "\"lent\"", "lending.toml/lend"]),
        "{after}"
    );
}

#[test]
fn a_sale_without_a_buyer_says_so() {
    // "sold … to X" is X's purchase; a sale that names no buyer is no
    // claim, and explain says why instead of making the seller the buyer.
    let out = explain(&["SoftBank sold its stake in Nvidia for $5.8 billion."]);
    assert!(
        has_line(
            &out,
            &[
                "\"$5.8 billion\"",
                "\"sold\" (claims.toml/sell)",
                "none follows it in the clause"
            ]
        ),
        "{out}"
    );
    let out =
        explain(&["Toshiba agreed to sell its memory chip unit to Bain Capital for $18 billion."]);
    assert!(
        has_line(&out, &["Bain Capital — acquires → Toshiba: $18B"]),
        "{out}"
    );
}

#[test]
fn marks_the_reasons_read_are_shown() {
    // A currency conversion (a [[link]]) and a report's lead saying the deal
    // has closed both mark the figure; explain shows the marks.
    let out = explain(&["Halvard bought Kestrel for 10 billion euros ($10.8 billion)."]);
    assert!(
        has_line(&out, &["marks", "conversion (10 billion euros)"]),
        "{out}"
    );
    let out = explain(&["Acme Corp has completed its acquisition of Beta Labs.\n\nBeta Labs holders got $2 billion in cash."]);
    assert!(
        has_line(
            &out,
            &[
                "marks",
                "completed (has completed its acquisition, in the article's lead)"
            ]
        ),
        "{out}"
    );
}
