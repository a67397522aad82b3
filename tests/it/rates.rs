//! A yearly rate and a total over a period of one deal, from two articles:
//! one fact in every output, the rate in its own unit, the product of the
//! rate and the period compared with the total.

use super::support::{run_ok, temp_dir};
use std::fs;

#[test]
fn a_rate_and_a_total_of_one_deal_are_shown_and_compared_together() {
    let dir = temp_dir("rates");
    let input = dir.join("in");
    fs::create_dir_all(&input).unwrap();
    fs::write(
        input.join("a.txt"),
        "Acme Corp signed a $12 billion-a-year deal with Kestrel for 900 megawatts of capacity.\n",
    )
    .unwrap();
    fs::write(
        input.join("b.txt"),
        "Acme Corp and Kestrel signed a cloud agreement in March. The partnership is expected to bring in more than $100 billion over five years.\n",
    )
    .unwrap();
    let out = dir.join("out");
    let (_, facts) = run_ok(&input, &out);
    let deal = facts["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["predicate"] == "has a deal with")
        .expect("the deal's fact");
    assert_eq!(deal["unit"], "USD", "{deal:#}");
    assert_eq!(deal["status"], "conflict", "{deal:#}");
    // The rate's value and claim carry their own unit; the total's do not.
    let units: Vec<&str> = deal["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["unit"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(units, ["-", "USD/year"], "{deal:#}");
    assert!(deal["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["unit"] == "USD/year"));
    assert!(
        deal["reasons"].to_string().contains(
            "over 5 years (as b states the period) it makes $60B, short of over $100B (b)"
        ),
        "{deal:#}"
    );
    // No second fact for the rate.
    assert!(!facts["facts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["unit"] == "USD/year"));
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("| $12B/year | a.txt |"), "{md}");
    // The page's timeline writes the rate in its unit too.
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("$12B/year"), "report.html");
}
