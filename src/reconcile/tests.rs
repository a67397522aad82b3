use super::*;
use crate::pipeline::analyze;
use crate::rules::RuleSet;

fn facts(docs: &[(&str, &str)]) -> Vec<Fact> {
    let rules = RuleSet::builtin().unwrap();
    let claims: Vec<SourcedClaim> = docs
        .iter()
        .flat_map(|(name, text)| SourcedClaim::all(name, analyze(text, &rules, None).claims))
        .collect();
    reconcile(&claims)
}

/// The fact of one named component of a price ("cash", "stock").
fn component<'a>(f: &'a [Fact], name: &str) -> &'a Fact {
    let suffix = format!("|tranche|{name}");
    f.iter()
        .find(|x| x.id.ends_with(&suffix))
        .unwrap_or_else(|| panic!("a {name} fact: {f:#?}"))
}

#[test]
fn rounding_and_bounds_agree() {
    let f = facts(&[
        ("a", "Microsoft’s $13 billion OpenAI investment."),
        ("b", "Microsoft invested about $13.8 billion in OpenAI."),
        ("c", "Microsoft has invested over $13 billion in OpenAI."),
    ]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].status, Status::Consistent, "{:#?}", f[0]);
}

#[test]
fn different_totals_conflict_and_tranches_explain_them() {
    let f = facts(&[
        ("a", "Acme Corp invested a total of $4 billion in Beta Labs. It began with an initial $1.25 billion in September 2023 and an additional $2.75 billion in March 2024."),
        ("b", "Acme Corp’s cumulative $8 billion investment in Beta Labs came with an additional $4 billion commitment in November 2024."),
    ]);
    let total = f.iter().find(|x| x.scope == "total").expect("a total fact");
    assert_eq!(total.status, Status::Conflict);
    assert_eq!(total.values.len(), 2);
    let reasons = total.reasons.join("\n");
    assert!(reasons.contains("$4B = $1.25B"), "{reasons}");
    assert!(reasons.contains("$8B = $4B (total"), "{reasons}");
    // Tranches are facts of their own, one per date.
    let tranches: Vec<&Fact> = f.iter().filter(|x| x.scope == "tranche").collect();
    assert_eq!(tranches.len(), 3, "{tranches:#?}");
}

#[test]
fn genuine_disagreement_says_so() {
    let f = facts(&[
        ("a", "Acme Corp invested $21 billion in Beta Labs."),
        ("b", "Acme Corp invested $22 billion in Beta Labs."),
    ]);
    assert_eq!(f[0].status, Status::Conflict);
    assert!(
        f[0].reasons.iter().any(|r| r.contains("rounding?")),
        "{:?}",
        f[0].reasons
    );
}

#[test]
fn tolerance_follows_the_precision_written() {
    let agree = |a: &str, b: &str| {
        let f = facts(&[("a", a), ("b", b)]);
        assert_eq!(f.len(), 1, "{f:#?}");
        f[0].status == Status::Consistent
    };
    assert!(agree(
        "Acme Corp invested ~$13 billion in Beta Labs.",
        "Acme Corp invested about $13.8 billion in Beta Labs."
    ));
    // "$46B" is $45.5B–$46.5B as written: "$46.5B" is inside it.
    assert!(agree(
        "Acme Corp invested $46 billion in Beta Labs.",
        "Acme Corp invested $46.5 billion in Beta Labs."
    ));
    assert!(!agree(
        "Acme Corp invested $21 billion in Beta Labs.",
        "Acme Corp invested $22 billion in Beta Labs."
    ));
}

#[test]
fn the_verdict_prints_the_latest_total_and_says_why_the_others_differ() {
    let f = facts(&[
        ("a", "Acme Corp invested a total of $4 billion in Beta Labs. It began with an initial $1.25 billion in September 2023 and an additional $2.75 billion in March 2024."),
        ("b", "Acme Corp’s cumulative $8 billion investment in Beta Labs came with an additional $4 billion commitment in November 2024."),
        ("c", "With a potential investment of roughly $33 billion, Acme Corp has invested in Beta Labs."),
    ]);
    let total = f.iter().find(|x| x.scope == "total").expect("a total fact");
    let v = total.verdict.as_deref().expect("a conflict has a verdict");
    assert!(
        v.starts_with("$8B as of 2024-11 — the figure to print (1 source: b)"),
        "{v}"
    );
    assert!(v.contains("$4B (a): an earlier total"), "{v}");
    assert!(
        v.contains("$33B (c): projected or conditional (\"roughly\", \"potential\")"),
        "{v}"
    );
    assert!(!v.contains("genuine disagreement"), "{v}");
}

#[test]
fn an_unexplained_difference_is_a_genuine_disagreement() {
    let f = facts(&[
        ("a", "Acme Corp invested $21 billion in Beta Labs."),
        ("b", "Acme Corp invested $21 billion in Beta Labs, it said."),
        ("c", "Acme Corp invested $30 billion in Beta Labs."),
    ]);
    let v = f[0].verdict.as_deref().unwrap();
    assert_eq!(
        v,
        "genuine disagreement: check — best supported $21B (2 sources: a, b) vs $30B (c)"
    );
    // Consistent facts need no verdict.
    let f = facts(&[
        ("a", "Acme Corp invested $21 billion in Beta Labs."),
        ("b", "Acme Corp invested $21 billion in Beta Labs."),
    ]);
    assert_eq!(f[0].verdict, None);
}

#[test]
fn components_explain_a_total_and_are_no_rival_figures() {
    let f = facts(&[
        (
            "a",
            "Acme Corp agreed to buy Beta Labs for $15 billion in cash and stock.",
        ),
        (
            "b",
            "Acme Corp bought Beta Labs for $6 billion in cash and $9 billion in stock.",
        ),
    ]);
    let total = f.iter().find(|x| x.scope == "total").expect("a total");
    assert_eq!(total.values.len(), 1, "{total:#?}");
    // The parts are facts of their own, beside the total they make up.
    assert_eq!(
        f.iter().filter(|x| x.scope == "tranche").count(),
        2,
        "{f:#?}"
    );
    // With a rival total, the parts explain the figure they make up, in
    // the words of components, not of growth.
    let f = facts(&[
        (
            "a",
            "Acme Corp agreed to buy Beta Labs for $15 billion in cash and stock.",
        ),
        (
            "b",
            "Acme Corp bought Beta Labs for $6 billion in cash and $9 billion in stock.",
        ),
        ("c", "Acme Corp agreed to buy Beta Labs for $18 billion."),
    ]);
    let total = f.iter().find(|x| x.scope == "total").expect("a total");
    assert_eq!(total.status, Status::Conflict);
    let reasons = total.reasons.join("\n");
    assert!(
        reasons.contains(
            "$15B = $6B (tranche, b) + $9B (tranche, b) — the stated parts make up this figure"
        ),
        "{reasons}"
    );
}

#[test]
fn a_revised_figure_replaces_the_earlier_one() {
    let f = facts(&[
        (
            "b",
            "Gamma Inc’s original offer for Delta Co was $52 billion.",
        ),
        (
            "c",
            "Gamma Inc has raised its offer for Delta Co to $71 billion.",
        ),
    ]);
    let deal = f.iter().find(|x| x.scope == "total").expect("a total");
    assert_eq!(deal.status, Status::Conflict, "{deal:#?}");
    let reasons = deal.reasons.join("\n");
    assert!(
        reasons.contains("revised: $71B (c) is stated as a revision (\"raised its offer\"); $52B (b) is the earlier figure, called \"original\""),
        "{reasons}"
    );
    let verdict = deal.verdict.clone().unwrap_or_default();
    assert!(verdict.starts_with("$71B"), "{verdict}");
    assert!(verdict.contains("the earlier figure"), "{verdict}");
    // Without a revision word nothing says which came first.
    let f = facts(&[
        ("a", "Gamma Inc agreed to acquire Delta Co for $52 billion."),
        ("c", "Gamma Inc agreed to acquire Delta Co for $71 billion."),
    ]);
    assert!(
        f[0].reasons.iter().all(|r| !r.contains("revised")),
        "{:?}",
        f[0].reasons
    );
}

#[test]
fn a_figure_called_earlier_is_superseded() {
    let f = facts(&[(
        "a",
        "Gamma Inc has committed $500 billion to Delta Co, up from $400 billion committed to Delta Co last year.",
    )]);
    let deal = f
        .iter()
        .find(|x| x.values.len() == 2)
        .expect("one fact, two values");
    let reasons = deal.reasons.join("\n");
    assert!(
        reasons.contains("$400B is called the earlier figure (\"up from\") by a"),
        "{reasons}"
    );
    let verdict = deal.verdict.clone().unwrap_or_default();
    assert!(verdict.starts_with("$500B"), "{verdict}");
}

#[test]
fn a_figure_one_source_calls_earlier_is_explained_for_that_source_only() {
    let f = facts(&[
        (
            "a",
            "The expansion lifts the planned capacity of Acme Corp from nearly 4 GW to 9 GW.",
        ),
        (
            "b",
            "The new plants will bring the planned capacity of Acme Corp to about 4 gigawatts.",
        ),
    ]);
    let cap = f
        .iter()
        .find(|x| x.predicate == "has capacity")
        .unwrap_or_else(|| panic!("a capacity fact: {f:#?}"));
    let verdict = cap.verdict.clone().unwrap_or_default();
    // b states 4 GW as the result, a as where it started: they disagree,
    // whichever of b's 4 GW and a's 9 GW (equally supported) is printed.
    // "planned", said of every figure, explains none of them.
    assert!(
        verdict.contains("4 GW (a): the earlier figure, called \"from … to\""),
        "{verdict}"
    );
    assert!(
        verdict.ends_with("Genuine disagreement: check 4 GW (b)")
            || verdict.ends_with("Genuine disagreement: check 9 GW (a)"),
        "{verdict}"
    );
    assert!(!verdict.contains("projected"), "{verdict}");
}

#[test]
fn a_floor_above_the_printed_figure_does_not_agree_with_it() {
    let f = facts(&[
        ("a", "Instagram has 300 million active users."),
        (
            "b",
            "Instagram now has 300 million active users, the company said.",
        ),
        ("c", "Instagram has more than 400 million users."),
    ]);
    let users = f
        .iter()
        .find(|x| x.predicate == "has users")
        .unwrap_or_else(|| panic!("a user count: {f:#?}"));
    let verdict = users.verdict.clone().unwrap_or_default();
    assert!(
        verdict.starts_with("genuine disagreement: check"),
        "{verdict}"
    );
    assert!(!verdict.contains("a floor"), "{verdict}");
}

#[test]
fn a_target_is_compared_with_targets_only() {
    let f = facts(&[
        (
            "a",
            "Acme Corp aims to deliver 9 gigawatts of capacity by 2030.",
        ),
        ("b", "Acme Corp has 2 gigawatts of capacity today."),
        (
            "c",
            "Acme Corp’s goal of reaching 9 gigawatts of capacity stands.",
        ),
    ]);
    let target = f
        .iter()
        .find(|x| x.predicate == "has capacity (target)")
        .unwrap_or_else(|| panic!("a target: {f:#?}"));
    assert_eq!(target.values.len(), 1, "{target:#?}");
    assert_eq!(target.status, Status::Consistent, "{target:#?}");
    assert!(f
        .iter()
        .any(|x| x.predicate == "has capacity" && x.values.len() == 1));
}

#[test]
fn figures_of_one_component_are_compared_with_each_other() {
    let f = facts(&[
        (
            "a",
            "Acme Corp bought Beta Labs for $6 billion in cash and $9 billion in stock.",
        ),
        (
            "b",
            "Acme Corp acquired Beta Labs for $7.5 billion in cash and $9.8 billion in shares.",
        ),
    ]);
    let cash = component(&f, "cash");
    assert_eq!(cash.values.len(), 2, "{cash:#?}");
    assert_eq!(cash.status, Status::Conflict);
    assert_eq!(cash.title(), "Acme acquires Beta Labs (tranche, cash)");
    let stock = component(&f, "stock");
    assert_eq!(stock.values.len(), 2, "{stock:#?}");
}

#[test]
fn a_figure_paid_at_completion_is_preferred_over_the_announced_terms() {
    let f = facts(&[
        (
            "a",
            "Acme Corp agreed to acquire Beta Labs for $6 billion in cash and $9 billion in stock.",
        ),
        (
            "b",
            "Acme Corp has completed its acquisition of Beta Labs for $6.8 billion in cash and $9 billion in stock.",
        ),
    ]);
    let cash = component(&f, "cash");
    assert_eq!(cash.status, Status::Conflict, "{cash:#?}");
    let reasons = cash.reasons.join("\n");
    assert!(
        reasons.contains("announced vs completed: $6.8B (b) is stated as paid or at completion (\"has completed its acquisition\"); $6B (a) is not"),
        "{reasons}"
    );
    let verdict = cash.verdict.clone().unwrap_or_default();
    assert!(verdict.starts_with("$6.8B"), "{verdict}");
    assert!(verdict.contains("stated before completion"), "{verdict}");
    // "could be paid out" is a prospect, not a payment.
    let f = facts(&[
        ("a", "Acme Corp will invest $3 billion in Beta Labs."),
        ("b", "Acme Corp will invest $3.5 billion in Beta Labs, which could be paid out over four years."),
    ]);
    assert!(
        f.iter()
            .all(|x| x.reasons.iter().all(|r| !r.contains("completed"))),
        "{f:#?}"
    );
}

#[test]
fn a_figure_valued_on_a_stated_basis_is_no_contradiction() {
    let f = facts(&[
        (
            "a",
            "Acme Corp acquired Beta Labs for $6 billion in cash and $9 billion in stock.",
        ),
        (
            "b",
            "Acme Corp acquired Beta Labs for $6 billion in cash plus shares worth $11.2 billion based on Monday's close.",
        ),
    ]);
    let stock = component(&f, "stock");
    assert_eq!(stock.status, Status::Conflict, "{stock:#?}");
    let reasons = stock.reasons.join("\n");
    assert!(
        reasons.contains("valuation basis: $11.2B (b) is valued on a stated basis (\"based on\")"),
        "{reasons}"
    );
    let verdict = stock.verdict.clone().unwrap_or_default();
    assert!(!verdict.starts_with("genuine disagreement"), "{verdict}");
    // Without the basis it stays a disagreement to check.
    let f = facts(&[
        (
            "a",
            "Acme Corp acquired Beta Labs for $6 billion in cash and $9 billion in stock.",
        ),
        (
            "b",
            "Acme Corp acquired Beta Labs for $6 billion in cash plus shares worth $11.2 billion.",
        ),
    ]);
    let stock = component(&f, "stock");
    let verdict = stock.verdict.clone().unwrap_or_default();
    assert!(verdict.starts_with("genuine disagreement"), "{verdict}");
}

#[test]
fn a_derived_figure_is_said_and_explains_nothing() {
    let f = facts(&[
        ("a", "Acme Corp holds a 31.9% stake in Beta Labs."),
        (
            "b",
            "Acme Corp will seek to buy the 61% of Beta Labs it doesn't already own.",
        ),
    ]);
    let stake = f
        .iter()
        .find(|x| x.predicate == "holds a stake in")
        .unwrap_or_else(|| panic!("a stake fact: {f:#?}"));
    assert_eq!(stake.status, Status::Conflict, "{stake:#?}");
    let reasons = stake.reasons.join("\n");
    assert!(
        reasons.contains("derived: 39% (b) is not stated but computed: 100% minus 61% \"it doesn't already own\""),
        "{reasons}"
    );
    assert!(reasons.contains("no explanation found"), "{reasons}");
    let verdict = stake.verdict.clone().unwrap_or_default();
    assert!(verdict.starts_with("genuine disagreement"), "{verdict}");
}

#[test]
fn values_a_thousand_times_apart_are_different_measures() {
    let f = facts(&[
        (
            "a",
            "Acme Corp agreed to acquire Beta Labs for $12 billion.",
        ),
        (
            "b",
            "Acme Corp agreed to acquire Beta Labs for $12 billion.",
        ),
        ("c", "Acme Corp agreed to acquire Beta Labs for $45."),
    ]);
    let deal = f
        .iter()
        .find(|x| x.status == Status::Conflict)
        .unwrap_or_else(|| panic!("a conflict: {f:#?}"));
    let reasons = deal.reasons.join("\n");
    assert!(
        reasons.contains("scale: $45 (c) and $12B (a, b) are over 1000 times apart"),
        "{reasons}"
    );
    let verdict = deal.verdict.clone().unwrap_or_default();
    assert!(verdict.starts_with("$12B"), "{verdict}");
    assert!(verdict.contains("a different measure"), "{verdict}");
}

#[test]
fn a_total_equal_to_a_stated_first_part_is_the_part_reported_as_the_whole() {
    let f = facts(&[
        ("a", "Two years in, the $90 billion Helios project is behind plan.\n\nThe partners pledged $40 billion “immediately” for new plants."),
        ("b", "Oracle will put $6 billion into Helios, the $40 billion European chip venture."),
    ]);
    let total = f
        .iter()
        .find(|x| x.scope == "total" && x.subject == "Helios" && x.predicate == "invests in")
        .unwrap_or_else(|| panic!("a project total: {f:#?}"));
    assert_eq!(total.status, Status::Conflict, "{total:#?}");
    let reasons = total.reasons.join("\n");
    assert!(reasons.contains("$40B (b) equals a part stated for the same parties — $40B (tranche, a: \"immediately\")"), "{reasons}");
    let verdict = total.verdict.as_deref().unwrap_or_default();
    assert!(
        verdict.starts_with("$90B — the figure to print"),
        "{verdict}"
    );
    // The same with a firm tranche; a ceiling is no stated part; a running
    // total the parts explain keeps that reason.
    let part_as_whole = |third: &str| {
        let f = facts(&[
            ("a", "Acme Corp invested $8 billion in Beta Labs."),
            ("b", "Acme Corp invested $2 billion in Beta Labs."),
            ("c", third),
        ]);
        f.iter().any(|x| {
            x.reasons
                .iter()
                .any(|r| r.contains("part reported as the whole"))
        })
    };
    assert!(part_as_whole(
        "Acme Corp will invest another $2 billion in Beta Labs."
    ));
    assert!(!part_as_whole(
        "Acme Corp may invest up to $2 billion more in Beta Labs."
    ));
    assert!(!part_as_whole(
        "Acme Corp invested $4 billion in Beta Labs, with another $2 billion in 2025."
    ));
}

#[test]
fn share_prices_from_different_moments_of_a_day_do_not_contradict() {
    let f = facts(&[
        ("a", "Acme Corp rose 0.15% on the NASDAQ to close at $77.56 per share."),
        ("b", "At Acme Corp’s opening share price Monday of $77.17, the deal comes to about $21.8 billion."),
    ]);
    let price = f
        .iter()
        .find(|x| x.predicate == "trades at")
        .unwrap_or_else(|| panic!("a share price fact: {f:#?}"));
    assert_eq!(price.unit, "USD/share");
    assert_eq!(price.status, Status::Conflict);
    let reasons = price.reasons.join("\n");
    assert!(reasons.contains("moment of the trading day"), "{reasons}");
    let verdict = price.verdict.as_deref().unwrap_or_default();
    assert!(
        verdict.contains("another moment of the trading day"),
        "{verdict}"
    );
    // Two prices with no moment said stay a disagreement to check.
    let f = facts(&[
        ("a", "Acme Corp’s share price of $77.56 is high."),
        ("b", "Acme Corp’s share price of $70.17 is high."),
    ]);
    let price = f
        .iter()
        .find(|x| x.predicate == "trades at")
        .expect("a price");
    assert!(
        price.reasons.iter().all(|r| !r.contains("moment")),
        "{price:#?}"
    );
}

#[test]
fn the_figure_printed_is_the_current_one_not_an_earlier_or_a_floor() {
    // Two sources give $40B: one as a floor it expects, one as the figure
    // replaced by $50B. Agreeing within rounding, they make one group; its
    // figure to print is the current $50B, not the more widely stated $40B.
    let f = facts(&[
        ("a", "Helios grows to 7 GW, with total investments expected to exceed $40 billion over the next three years."),
        ("b", "This expansion increases the capacity of the Helios venture to 10 GW, with an estimated total investment of $50 billion — up from approximately $40 billion invested over the prior three years."),
    ]);
    let fact = f
        .iter()
        .find(|x| x.predicate == "invests in" && x.unit == "USD")
        .unwrap_or_else(|| panic!("an investment fact: {f:#?}"));
    let verdict = fact.verdict.as_deref().unwrap_or_default();
    assert!(
        verdict.starts_with("$50B — the figure to print"),
        "{verdict}"
    );
    assert!(verdict.contains("the earlier figure"), "{verdict}");
}

#[test]
fn a_figure_including_debt_is_another_measure_than_the_price() {
    let f = facts(&[
        (
            "a",
            "Halvard agreed to buy Kestrel Systems for $61 billion.",
        ),
        (
            "b",
            "Halvard will buy Kestrel Systems for $61 billion in cash and stock.",
        ),
        (
            "c",
            "Halvard completed its $69 billion acquisition of Kestrel Systems, including debt.",
        ),
    ]);
    let deal = f
        .iter()
        .find(|x| x.predicate == "acquires" && x.scope == "total")
        .unwrap_or_else(|| panic!("the purchase: {f:#?}"));
    assert_eq!(deal.values.len(), 2, "{deal:#?}");
    let reasons = deal.reasons.join("\n");
    assert!(
        reasons
            .contains("definition: $69B (c: \"including debt\") measures something else than $61B"),
        "{reasons}"
    );
    let verdict = deal.verdict.as_deref().unwrap_or_default();
    assert!(
        verdict.starts_with("$61B — the figure to print"),
        "{verdict}"
    );
    assert!(
        verdict.contains("$69B (c): a different measure (\"including debt\")"),
        "{verdict}"
    );
    assert!(!verdict.contains("Genuine disagreement"), "{verdict}");
}

#[test]
fn a_converted_figure_may_differ_by_the_exchange_rate() {
    let f = facts(&[
        (
            "a",
            "Halvard agreed to buy Kestrel Systems for 10 billion euros ($10.8 billion).",
        ),
        (
            "b",
            "Halvard agreed to buy Kestrel Systems for $10.5 billion.",
        ),
    ]);
    let usd = f
        .iter()
        .find(|x| x.unit == "USD" && x.predicate == "acquires")
        .unwrap_or_else(|| panic!("the dollar price: {f:#?}"));
    let reasons = usd.reasons.join("\n");
    assert!(
        reasons.contains("currency conversion: $10.8B (a) is converted from \"10 billion euros\""),
        "{reasons}"
    );
    let verdict = usd.verdict.as_deref().unwrap_or_default();
    assert!(!verdict.contains("genuine disagreement"), "{verdict}");
    assert!(
        verdict.contains("converted from \"10 billion euros\""),
        "{verdict}"
    );
    // The amount in its own currency is a fact of its own.
    assert!(f.iter().any(|x| x.unit == "EUR"), "{f:#?}");
}

#[test]
fn a_completion_reports_lead_dates_its_figures_even_within_rounding() {
    // The first article reports the deal's terms; the second, in its lead,
    // that the deal has closed: its undated grant is the figure at
    // completion, though its own sentence says nothing of it. The two
    // agree within the first's rounding, and the reviewer is still told
    // which is which.
    let f = facts(&[
        (
            "a",
            "Acme Corp will acquire Beta Labs for $16 billion. The deal includes $4 billion in cash and $3bn in restricted stock units for Beta Labs staff.",
        ),
        (
            "b",
            "Acme Corp managed to finally close its acquisition of Beta Labs on Monday, months later than planned.\n\nStaff will also get $3.5 billion in restricted stock units.",
        ),
    ]);
    let rsu = component(&f, "restricted-stock");
    assert_eq!(rsu.status, Status::Consistent, "{rsu:#?}");
    let reasons = rsu.reasons.join("\n");
    assert!(
        reasons.contains("announced vs completed: $3.5B (b) is stated as paid or at completion (\"managed to finally close, in the article's lead\"); $3B (a) is not"),
        "{reasons}"
    );
    // Not when the lead looks ahead ("expected to have formally closed").
    let f = facts(&[
        (
            "a",
            "Acme Corp will acquire Beta Labs for $16 billion. The deal includes $4 billion in cash and $3bn in restricted stock units for Beta Labs staff.",
        ),
        (
            "b",
            "Acme Corp is expected to have formally closed its acquisition of Beta Labs by Monday.\n\nStaff will also get $3.5 billion in restricted stock units.",
        ),
    ]);
    let rsu = component(&f, "restricted-stock");
    assert!(
        !rsu.reasons.join("\n").contains("announced vs completed"),
        "{rsu:#?}"
    );
}

#[test]
fn a_figure_agreeing_with_the_revision_is_no_earlier_figure() {
    let f = facts(&[
        (
            "b",
            "Gamma Inc’s original offer for Delta Co was $48 billion.",
        ),
        (
            "c",
            "Gamma Inc has raised its offer for Delta Co to $64.6 billion.",
        ),
        (
            "d",
            "Gamma Inc’s offer for Delta Co is now worth around $63 billion.",
        ),
    ]);
    let deal = f.iter().find(|x| x.scope == "total").expect("a total");
    let reasons = deal.reasons.join("\n");
    assert!(
        reasons.contains("$48B (b) is the earlier figure"),
        "{reasons}"
    );
    assert!(
        !reasons.contains("$63B (d) is the earlier figure"),
        "{reasons}"
    );
    // The revision is printed, with the figure agreeing with it as support.
    let verdict = deal.verdict.clone().unwrap_or_default();
    assert!(verdict.starts_with("$64.6B"), "{verdict}");
    assert!(verdict.contains("2 sources: c, d"), "{verdict}");
}

#[test]
fn at_equal_support_a_plainly_stated_price_is_printed_before_a_valued_one() {
    let f = facts(&[
        ("a", "Gamma Inc agreed to pay $44 per share for Delta Co."),
        ("b", "Gamma Inc agreed to pay $33.25 per share based on Monday's closing price for Delta Co."),
    ]);
    let price = f
        .iter()
        .find(|x| x.unit == "USD/share")
        .unwrap_or_else(|| panic!("a per-share fact: {f:#?}"));
    // Both sources equally trusted: the plainly stated price is printed.
    let whys = reasons::explain(price, std::slice::from_ref(price)).whys;
    let verdict = reasons::verdict(price, &whys, &Copies::default(), &|_| 0.5);
    assert!(verdict.starts_with("$44/share"), "{verdict}");
}

#[test]
fn a_rate_over_a_stated_period_is_compared_with_the_total() {
    // $12B a year for the five years the other source states is $60B:
    // not more than $100B. One fact, a conflict, the rate shown in its unit.
    let f = facts(&[
        ("a", "Acme Corp signed a $12 billion-a-year deal with Kestrel."),
        ("b", "Acme Corp and Kestrel signed a cloud agreement in March. The partnership is expected to bring in more than $100 billion over five years."),
    ]);
    assert_eq!(f.len(), 1, "{f:#?}");
    let deal = &f[0];
    assert_eq!(deal.status, Status::Conflict);
    assert_eq!(deal.unit, "USD");
    let shown: Vec<&str> = deal.values.iter().map(|v| v.display.as_str()).collect();
    assert_eq!(shown, ["$100B", "$12B/year"]);
    let reasons = deal.reasons.join("\n");
    assert!(reasons.contains("rate vs total: $12B/year (a) is a yearly amount, not a total; over 5 years (as b states the period) it makes $60B, short of over $100B (b)"), "{reasons}");
    let verdict = deal.verdict.clone().unwrap_or_default();
    assert!(
        verdict.starts_with("genuine disagreement: check"),
        "{verdict}"
    );
    // $2B a year over five years is the $10B total: the same deal.
    let f = facts(&[
        (
            "a",
            "Acme Corp signed a $2 billion-a-year deal with Kestrel.",
        ),
        (
            "b",
            "Acme Corp signed a $10 billion deal with Kestrel, to be paid over five years.",
        ),
    ]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].status, Status::Consistent, "{:#?}", f[0]);
    assert!(
        f[0].reasons
            .iter()
            .any(|r| r.starts_with("rate and total:")),
        "{:?}",
        f[0].reasons
    );
    // No period stated: a rate and a total are different measures, apart.
    let f = facts(&[
        (
            "a",
            "Acme Corp signed a $2 billion-a-year deal with Kestrel.",
        ),
        ("b", "Acme Corp signed a $10 billion deal with Kestrel."),
    ]);
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f.iter().all(|x| x.status == Status::Single));
}

#[test]
fn a_figure_one_source_calls_planned_is_firm_where_another_states_it() {
    let f = facts(&[
        ("a", "Acme Corp plans to invest $8 billion in Beta Labs."),
        ("b", "Acme Corp invested $8 billion in Beta Labs."),
        ("c", "Acme Corp invested $6 billion in Beta Labs."),
    ]);
    let deal = f.iter().find(|x| x.scope == "total").expect("a total");
    let verdict = deal.verdict.clone().unwrap_or_default();
    assert!(
        verdict.starts_with("$8B — the figure to print (2 sources: a, b)"),
        "{verdict}"
    );
    assert!(
        verdict.contains("$8B (a): projected or conditional (\"plans to\")"),
        "{verdict}"
    );
}

#[test]
fn each_total_is_compared_through_its_own_period() {
    // $2B a year: $10B over five years and $20B over ten are both in line.
    let f = facts(&[
        (
            "a",
            "Acme Corp signed a $2 billion-a-year deal with Kestrel.",
        ),
        (
            "b",
            "Acme Corp signed a $10 billion deal with Kestrel, to be paid over five years.",
        ),
        (
            "c",
            "Acme Corp signed a $20 billion deal with Kestrel, to be paid over ten years.",
        ),
    ]);
    let deal = f.iter().find(|x| x.unit == "USD").expect("the deal");
    let reasons = deal.reasons.join("\n");
    assert!(
        reasons
            .contains("over 5 years (as b states the period) it makes $10B, in line with $10B (b)"),
        "{reasons}"
    );
    assert!(
        reasons.contains(
            "over 10 years (as c states the period) it makes $20B, in line with $20B (c)"
        ),
        "{reasons}"
    );
    assert!(!reasons.contains("rate vs total"), "{reasons}");
    // The two totals differ by their periods, not in dispute.
    assert!(
        reasons.contains("periods: $10B (b: over 5 years) vs $20B (c: over 10 years)"),
        "{reasons}"
    );
    assert!(!reasons.contains("no explanation found"), "{reasons}");
    let verdict = deal.verdict.clone().unwrap_or_default();
    assert!(
        verdict.contains("a total over another span of time"),
        "{verdict}"
    );
}
