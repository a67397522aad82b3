use super::*;
use crate::pipeline::analyze;
use crate::rules::RuleSet;

fn claims(text: &str) -> Vec<Claim> {
    let rules = RuleSet::builtin().unwrap();
    analyze(text, &rules, None).claims
}

/// Whether the claim sizes a named project (trigger `project-size`).
fn sizes_project(c: &Claim) -> bool {
    let rules = RuleSet::builtin().unwrap();
    c.trigger
        .is_some_and(|t| rules.label(t) == "claims.toml/project-size")
}

#[test]
fn possessive_subject_and_object_between_value_and_noun_trigger() {
    let c = claims("Microsoft’s $13 billion OpenAI investment was spread across rounds.");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].subject, "Microsoft");
    assert_eq!(c[0].object.as_deref(), Some("OpenAI"));
    assert_eq!(c[0].predicate, "invests in");
}

#[test]
fn tranche_and_total_in_one_sentence_with_dates() {
    let c = claims("Amazon’s cumulative $8 billion investment in Anthropic finalized with an additional $4 billion commitment in November 2024.");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert_eq!(c[0].scope, Scope::Total);
    assert_eq!(c[1].scope, Scope::Tranche);
    assert_eq!(
        c[1].as_of.as_ref().unwrap().value.as_deref(),
        Some("2024-11")
    );
    // The total stated with its latest tranche is as of that tranche.
    assert_eq!(
        c[0].as_of.as_ref().unwrap().value.as_deref(),
        Some("2024-11")
    );
    assert_eq!(c[0].as_of_source, Some(AsOfSource::Tranche));
}

#[test]
fn continuation_sentence_inherits_the_frame() {
    let c = claims("Amazon has invested a total of $4 billion in Anthropic. This was completed in two stages: an initial $1.25 billion in September 2023, followed by an additional $2.75 billion in March 2024.");
    assert_eq!(c.len(), 3, "{c:#?}");
    assert!(c[1..]
        .iter()
        .all(|x| x.subject == "Amazon" && x.object.as_deref() == Some("Anthropic")));
    assert_eq!(c[1].scope, Scope::Tranche);
    assert_eq!(
        c[1].as_of.as_ref().unwrap().value.as_deref(),
        Some("2023-09")
    );
    assert_eq!(
        c[2].as_of.as_ref().unwrap().value.as_deref(),
        Some("2024-03")
    );
}

#[test]
fn sum_chain_makes_parts() {
    let text = "Amazon invested heavily in Anthropic this year.\n*$8 billion already injected + $5 billion announced immediately and up to $20 billion conditional";
    let c = claims(text);
    assert_eq!(c.len(), 3, "{c:#?}");
    assert_eq!(c[0].scope, Scope::Total);
    assert_eq!(c[1].scope, Scope::Tranche);
    assert_eq!(c[2].scope, Scope::Tranche);
    // The first value's parties come from the document; a later value of
    // the same predicate in the sentence takes the earlier one's.
    assert_eq!(c[0].inferred, Some("document"));
    assert_eq!(c[2].inferred, Some("earlier clause"));
    assert_eq!(
        (c[2].subject.as_str(), c[2].object.as_deref()),
        ("Amazon", Some("Anthropic"))
    );
}

#[test]
fn since_is_not_an_as_of_date() {
    let c = claims("Microsoft has invested over $13 billion in OpenAI since 2019.");
    assert_eq!(c.len(), 1);
    assert!(c[0].as_of.is_none());
}

#[test]
fn value_without_trigger_or_cue_makes_no_claim() {
    assert!(claims("Amazon and Anthropic: A $20 Billion Bet").is_empty());
}

#[test]
fn a_possessive_owns_its_own_value_only() {
    let c = claims("Oracle, the database giant, countered Microsoft's $31.2 billion deal with a bid of $40 billion for Beta Labs.");
    let bid = c.iter().find(|x| x.text == "$40 billion").expect("the bid");
    assert_eq!(bid.subject, "Oracle", "{c:#?}");
    let deal = c
        .iter()
        .find(|x| x.text == "$31.2 billion")
        .expect("the deal");
    assert_eq!(deal.subject, "Microsoft");
}

#[test]
fn a_continuation_needs_a_predicate_that_takes_the_value() {
    let c = claims(
        "Acme Corp invested $2 billion in Beta Labs. Shares gained another 6 per cent in Tokyo.",
    );
    assert_eq!(
        c.len(),
        1,
        "a percent does not continue an investment: {c:#?}"
    );
}

#[test]
fn components_of_a_price_are_parts_only_when_there_are_two() {
    // Two components: each a part of the price.
    let c = claims("Acme Corp bought Beta Labs for $6 billion in cash and $9 billion in stock.");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert!(c.iter().all(|c| c.scope == Scope::Tranche), "{c:#?}");
    let c = claims("The deal gave Acme Corp control of Beta Labs: shares worth $9.5 billion, and the remainder, $6.2 billion, was paid in cash.");
    assert!(c.iter().all(|c| c.scope == Scope::Tranche), "{c:#?}");
    // One alone says how the whole is paid.
    let c = claims("Gamma Inc made a bid of $65 billion in cash for Delta Co.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].scope, Scope::Total);
    assert!(c[0].qualifiers.contains(&"in cash".to_string()));
    // The whole "in cash and stock" stays the whole.
    let c = claims("Acme Corp agreed to buy Beta Labs for $15 billion in cash and stock.");
    assert_eq!(c[0].scope, Scope::Total, "{c:#?}");
}

#[test]
fn revision_words_mark_a_figure_and_a_fundraise_is_no_revision() {
    let c = claims("Oracle has raised its offer for Beta Labs' main units to $38.5 billion.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(
        c[0].marks,
        vec![("revised", "raised its offer".to_string())]
    );
    let c = claims("Oracle's original offer for Beta Labs was $31.2 billion.");
    assert!(
        c[0].marks.iter().any(|(k, _)| *k == "original"),
        "{:?}",
        c[0].marks
    );
    let c = claims("OpenAI raised $6.6 billion from Thrive Capital.");
    assert!(c.iter().all(|c| c.marks.is_empty()), "{c:#?}");
    let c = claims("Amazon made a potential commitment of $33 billion to Anthropic.");
    assert_eq!(c[0].marks, vec![("prospective", "potential".to_string())]);
}

#[test]
fn a_share_not_owned_gives_the_holding_as_derived() {
    let c = claims("Microsoft Corporation will seek to complete its planned acquisition of the 55% of Instagram it doesn't already own.");
    let stake = c
        .iter()
        .find(|c| c.predicate == "holds a stake in")
        .unwrap_or_else(|| panic!("a stake claim: {c:#?}"));
    assert_eq!(stake.subject, "Microsoft");
    assert_eq!(stake.object.as_deref(), Some("Instagram"));
    assert_eq!(stake.amount.value, Some(45.0));
    assert_eq!(stake.text, "55%");
    // The derivation is said; "planned" is the purchase's, not the holding's.
    assert!(
        stake
            .marks
            .iter()
            .any(|(k, w)| *k == "derived" && w.contains("55%")),
        "{:?}",
        stake.marks
    );
    assert!(
        stake.marks.iter().all(|(k, _)| *k != "prospective"),
        "{:?}",
        stake.marks
    );
    // A bound turns over: "more than 60% … it does not own" holds under 40%.
    let c = claims("Acme Corp wants more than 60% of Beta Labs it does not own.");
    let stake = c
        .iter()
        .find(|c| c.predicate == "holds a stake in")
        .unwrap_or_else(|| panic!("a stake claim: {c:#?}"));
    assert_eq!(stake.amount.max, Some(40.0), "{stake:#?}");
    assert_eq!(stake.amount.min, None, "{stake:#?}");
}

#[test]
fn a_per_share_price_written_before_its_value_is_a_rate() {
    let c = claims("Oracle announced that the per-share value of its merger consideration for Beta Labs is calculated at 41.203317 US dollars.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].unit, "USD/share");
    let c = claims("Oracle agreed to acquire Beta Labs for $31.2 billion.");
    assert_eq!(c[0].unit, "USD");
}

#[test]
fn a_value_in_an_apposition_describes_the_name_before_it() {
    let c = claims("Oracle Corp. and Microsoft each intend to commit $7 billion of capital to Helios, the $40 billion European chip venture the chancellor unveiled on Monday.");
    // The first of two joined names leads; the apposition's value is
    // Helios's size, not Oracle's commitment.
    let commits: Vec<&Claim> = c
        .iter()
        .filter(|c| c.predicate == "invests in" && !sizes_project(c))
        .collect();
    assert_eq!(commits.len(), 1, "{c:#?}");
    assert_eq!(commits[0].subject, "Oracle");
    assert_eq!(commits[0].amount.value, Some(7e9));
    let a = analyze(
        "Microsoft will commit $7 billion to Helios, the $40 billion company.",
        &RuleSet::builtin().unwrap(),
        None,
    );
    assert!(
        a.unclaimed
            .iter()
            .any(|u| matches!(u.reason, NoClaim::Appositive { .. })),
        "{:?}",
        a.unclaimed
    );
}

#[test]
fn an_actor_before_its_verb_and_a_cited_source_are_told_apart() {
    let c = claims("That works out to a value of $17.25 per share for the units that Oracle is buying, Bloomberg calculations show.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].subject, "Oracle");
    assert_ne!(c[0].object.as_deref(), Some("Oracle"));
    assert_eq!(c[0].unit, "USD/share");
    // No auxiliary between: the name is the object ("$8 billion Anthropic
    // investment").
    let c = claims("Amazon’s $8 billion Anthropic investment is large.");
    assert_eq!(c[0].object.as_deref(), Some("Anthropic"));
}

#[test]
fn named_components_in_a_sentence_naming_no_party_continue_the_lede_deal() {
    let c = claims("Acme Corp agreed to acquire Beta Labs for $15 billion.\n\nThe transaction involves $5 billion in cash and $10 billion in stocks, adds a statement by Acme Corp.\n\nUnder the terms, $2.5 billion in restricted stock units is to be granted to employees.");
    let parts: Vec<&Claim> = c.iter().filter(|c| c.scope == Scope::Tranche).collect();
    assert_eq!(parts.len(), 3, "{c:#?}");
    for p in &parts {
        assert_eq!(p.subject, "Acme");
        assert_eq!(p.object.as_deref(), Some("Beta Labs"));
    }
    assert!(parts.iter().any(|p| p
        .marks
        .iter()
        .any(|(k, w)| *k == "component" && w == "restricted stock")));
    // Without a component word it stays unclaimed.
    let c = claims("Acme Corp agreed to acquire Beta Labs for $15 billion.\n\nThe filing lists $5 billion, adds a statement by Acme Corp.");
    assert_eq!(c.len(), 1, "{c:#?}");
}

#[test]
fn a_tranche_in_a_sentence_naming_no_party_continues_the_latest_total() {
    // "pledged" is a trigger, but the article has named no one who pledges,
    // and the names past ", but" are no parties of it.
    let c = claims("Two years in, the $80 billion Helios project is behind plan.\n\nThe partners pledged $20 billion “immediately” for new plants, but Oracle and Microsoft argue over sites.");
    let part = c
        .iter()
        .find(|c| c.amount.value == Some(20e9))
        .unwrap_or_else(|| panic!("a first part: {c:#?}"));
    assert_eq!(part.scope, Scope::Tranche);
    assert_eq!(part.subject, "Helios");
    assert_eq!(part.predicate, "invests in");
    assert_eq!(part.inferred, Some("deal stated before"));
    // A rate is no part of a price, whatever "first" says: a fee of its
    // own, and a whole one.
    let c = claims("Acme Corp agreed to acquire Beta Labs for $15 billion. Free for the first year and costing $2 per month after that, the app carries no ads.");
    let fee = c
        .iter()
        .find(|c| c.amount.value == Some(2.0))
        .expect("a fee");
    assert_eq!(
        (fee.predicate.as_str(), fee.unit.as_str()),
        ("charges", "USD/month"),
        "{c:#?}"
    );
    assert_eq!(fee.scope, Scope::Total);
    // "the app", in a sentence naming no one, is the company named before.
    assert_eq!(fee.subject, "Beta Labs", "{c:#?}");
    assert!(
        c.iter().filter(|c| c.predicate == "acquires").count() == 1,
        "{c:#?}"
    );
    // "the project … alongside the President" names no project.
    let c = claims("The project will begin deploying $100 billion immediately and was unveiled alongside the President.");
    assert!(c.iter().all(|c| c.subject != "President"), "{c:#?}");
}

#[test]
fn a_relative_clause_acts_for_the_name_it_describes() {
    for text in [
        "Microsoft announced Beta Labs, a new company which intends to invest $5 billion in Ohio.",
        "Microsoft backed Beta Labs, which will invest $5 billion in Ohio.",
    ] {
        let c = claims(text);
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(c[0].subject, "Beta Labs", "{text}");
    }
    // A relative clause with its own actor is that actor's.
    let c = claims("The filing shows Google, a firm that Amazon invested $4 billion in.");
    assert_eq!(c[0].subject, "Amazon", "{c:#?}");
}

#[test]
fn a_share_price_is_a_rate_and_never_a_sum() {
    let c = claims("Acme Corp rose 0.15% on the NASDAQ to close at $77.56 per share.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].predicate, "trades at");
    assert_eq!(c[0].unit, "USD/share");
    assert!(c[0].marks.iter().any(|(k, _)| *k == "moment"), "{c:#?}");
    // Written without "per share", still a price per share; the deal's
    // total after it is no share price.
    let c = claims("At Acme Corp’s opening share price Monday of $77.17, the deal comes to about $21.8 billion.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].subject, "Acme");
    assert_eq!(c[0].unit, "USD/share");
    assert_eq!(c[0].amount.value, Some(77.17));
    // A change is no price: the value after "to" is.
    let c = claims("Acme Corp’s shares climbed 32 cents to $77.76 in afternoon trading on Monday.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].amount.value, Some(77.76));
    // A price is its company's: the name in its clause or opening the
    // sentence, never one found further off.
    let c = claims("Acme Corp rose by 0.15% on the NASDAQ to close at $77.56 per share.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].subject, "Acme");
    let c = claims("Upon closing, options to buy Beta Labs stock will be cancelled in exchange for $4 billion in cash and shares worth $12 billion, based on the average closing price of the six trading days of $65.2650 per share.");
    assert!(c.iter().all(|c| c.predicate != "trades at"), "{c:#?}");
    // A share-price phrase never reaches a value before it.
    let c = claims("Acme Corp paid $40 for Beta Labs stock, the share price said.");
    assert!(c.iter().all(|c| c.predicate != "trades at"), "{c:#?}");
}

#[test]
fn a_value_sizing_a_named_project_is_that_projects() {
    let c = claims("Two years in, the $80 billion Helios project is behind plan.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].subject, "Helios");
    assert!(sizes_project(&c[0]), "{c:#?}");
    assert_eq!(c[0].predicate, "invests in");
    let c =
        claims("Oracle will commit $6 billion to Helios, the $40 billion European chip effort.");
    let c2 =
        claims("Oracle will commit $6 billion to Helios, the $40 billion European chip venture.");
    assert!(c.iter().all(|c| !sizes_project(c)), "{c:#?}");
    let sized = c2
        .iter()
        .find(|c| sizes_project(c))
        .unwrap_or_else(|| panic!("a project size: {c2:#?}"));
    assert_eq!(sized.subject, "Helios");
    assert_eq!(sized.amount.value, Some(40e9));
    assert!(c2
        .iter()
        .any(|c| c.subject == "Oracle" && c.amount.value == Some(6e9)));
    // A value before the apposition is not the project's size.
    let c =
        claims("Oracle will put $6 billion into Helios, the $40 billion European chip venture.");
    assert!(
        c.iter()
            .all(|c| !sizes_project(c) || c.amount.value == Some(40e9)),
        "{c:#?}"
    );
    // No name sized, no claim; a project noun before a value does not take it.
    assert!(claims("The firms formed a $10 billion joint venture.").is_empty());
    let c = claims("Acme Corp invested in the project with $3 billion.");
    assert!(c.iter().all(|c| !sizes_project(c)), "{c:#?}");
}

#[test]
fn a_description_stands_for_the_company_named_before() {
    let c = claims("In a filing, Acme Corp explained its plan to acquire Instagram. The app has 120 million active users.");
    let users = c
        .iter()
        .find(|c| c.predicate == "has users")
        .expect("a user count");
    assert_eq!(users.subject, "Instagram", "{c:#?}");
    assert_eq!(users.unit, "people");
    assert_eq!(users.inferred, Some("description"));
}

#[test]
fn a_persons_description_stands_for_their_company() {
    // The company from a possessive before the person, or a title after it.
    let c = claims("Meanwhile, Oracle’s Jane Doe still backs Helios. The Canadian billionaire had pledged $6 billion and borrowed to back the venture.");
    let p = c
        .iter()
        .find(|c| c.amount.value == Some(6e9))
        .unwrap_or_else(|| panic!("a pledge: {c:#?}"));
    assert_eq!(p.subject, "Oracle", "{c:#?}");
    assert_eq!(p.predicate, "invests in");
    // "the venture" after the value is the object: the name before it that
    // is not the subject ("Canadian" alone is no name).
    assert_eq!(p.object.as_deref(), Some("Helios"), "{c:#?}");
    assert_eq!(p.inferred, Some("description"));
    let c = claims(
        "Microsoft CEO John Roe met the board. The chief executive pledged $2 billion to Helios.",
    );
    assert!(
        c.iter()
            .any(|c| c.subject == "Microsoft" && c.object.as_deref() == Some("Helios")),
        "{c:#?}"
    );
    // Not a description: no "the" before the noun, or a name right after it.
    let c = claims(
        "Microsoft’s John Roe met the board. Billionaire investors pledged $2 billion to Helios.",
    );
    assert!(c.iter().all(|c| c.subject != "Microsoft"), "{c:#?}");
}

#[test]
fn an_owner_word_after_a_name_stands_for_its_owner() {
    let c = claims("The ChatGPT maker signed a deal to spend $30 billion with Oracle.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].subject, "OpenAI");
    assert_eq!(c[0].object.as_deref(), Some("Oracle"));
    let c = claims("Instagram’s parent company invested $1 billion in Helios.");
    assert_eq!(c[0].subject, "Meta", "{c:#?}");
    // A name the gazetteer gives no owner stays itself.
    let c = claims("The Helios maker invested $1 billion in Acme Corp.");
    assert_eq!(c[0].subject, "Helios", "{c:#?}");
}

#[test]
fn a_count_is_claimed_by_its_own_measure_word() {
    // The trigger "users" stands inside the quantity; the second count of
    // the clause keeps the first's subject, and a rate is its own unit.
    let c =
        claims("Instagram has 120 million active users and is adding two million users every day.");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert!(c
        .iter()
        .all(|c| c.subject == "Instagram" && c.predicate == "has users"));
    assert_eq!(c[0].unit, "people");
    assert_eq!(c[1].unit, "people/day");
}

#[test]
fn the_first_figure_of_a_change_is_the_earlier_one() {
    let c = claims("Since the launch, Instagram has risen from nearly 40 million to more than 55 million paying users.");
    assert_eq!(c.len(), 2, "{c:#?}");
    assert!(c[0].marks.iter().any(|(k, _)| *k == "original"), "{c:#?}");
    assert!(c[1].marks.is_empty(), "{c:#?}");
}

#[test]
fn of_after_a_count_says_what_is_counted_not_whose_it_is() {
    let c =
        claims("Amazon signed the pact, reserving up to 3 gigawatts (GW) of new Trainium chips.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].subject, "Amazon");
    assert_eq!(c[0].unit, "GW");
}

#[test]
fn a_price_after_for_belongs_to_the_trigger_before_it() {
    // Twenty words may stand between "acquire" and its price after "for",
    // and the "for" before the price introduces no object.
    let c = claims("Acme Corp agreed to acquire Beta Labs, including its chip design teams, its two factories and its licensing and patent arm, for approximately $8.3 billion in stock.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].subject, "Acme");
    assert_eq!(c[0].object.as_deref(), Some("Beta Labs"));
    assert_eq!(c[0].predicate, "acquires");
    // Without "for" the reach stays ten words.
    let c = claims("Acme Corp agreed to acquire Beta Labs, including its chip design teams, its two factories and its licensing and patent arm, in a deal of approximately $8.3 billion.");
    assert!(c.iter().all(|c| c.predicate != "acquires"), "{c:#?}");
}

#[test]
fn the_seller_after_from_and_no_party_dealing_with_itself() {
    // "from" names the seller, past its owner's possessive; in the next
    // sentence the name before "is buying" is the buyer, not also the
    // object: the object comes from the deal before.
    let c = claims("Acme Corp agreed to buy the cloud units from Larry Ellison's Oracle for $9.1 billion. That works out to $12.40 per share for the units that Acme Corp is buying.");
    assert_eq!(c.len(), 2, "{c:#?}");
    for c in &c {
        assert_eq!(c.subject, "Acme", "{c:#?}");
        assert_eq!(c.object.as_deref(), Some("Oracle"), "{c:#?}");
    }
    assert_eq!(c[1].unit, "USD/share");
}

#[test]
fn paid_for_a_company_is_its_purchase_and_a_count_beside_cash_is_a_part() {
    let c = claims("Acme Corp paid $2 billion in cash and 40 million shares for Instagram.");
    let cash = c
        .iter()
        .find(|c| c.amount.value == Some(2e9))
        .unwrap_or_else(|| panic!("the cash: {c:#?}"));
    assert_eq!(cash.predicate, "acquires");
    assert_eq!(cash.object.as_deref(), Some("Instagram"));
    // The count is the other component: the cash is a part, not the price.
    assert_eq!(cash.scope, Scope::Tranche, "{c:#?}");
    let count = c
        .iter()
        .find(|c| c.unit == "shares")
        .unwrap_or_else(|| panic!("the count: {c:#?}"));
    assert_eq!(count.scope, Scope::Total);
    // Spending stays spending.
    let c = claims("Acme Corp paid $2 billion to Oracle for cloud capacity.");
    assert_eq!(c[0].predicate, "spends with", "{c:#?}");
}

#[test]
fn a_price_introduced_by_in_exchange_for_continues_the_deal() {
    let c = claims("Acme Corp agreed to buy Instagram for $3 billion.\n\nAll Instagram stock will be cancelled in exchange for $2 billion in cash and 40 million shares.");
    let count = c
        .iter()
        .find(|c| c.unit == "shares")
        .unwrap_or_else(|| panic!("the count: {c:#?}"));
    assert_eq!(count.subject, "Acme");
    assert_eq!(count.object.as_deref(), Some("Instagram"));
    // Without the phrase, a sentence naming Instagram first continues nothing.
    let c = claims("Acme Corp agreed to buy Instagram for $3 billion.\n\nAll Instagram stock will be cancelled, with $2 billion in cash and 40 million shares.");
    assert!(c.iter().all(|c| c.unit != "shares"), "{c:#?}");
}

#[test]
fn a_count_paid_beside_a_completed_amount_is_at_completion_too() {
    let c = claims("Microsoft agreed to buy Instagram for $3 billion. The deal includes 40 million shares worth $1 billion, and the rest of the price, $2 billion, was paid in cash.");
    let count = c
        .iter()
        .find(|c| c.unit == "shares")
        .unwrap_or_else(|| panic!("the count: {c:#?}"));
    assert!(
        count.marks.iter().any(|(k, _)| *k == "completed"),
        "{count:#?}"
    );
}

#[test]
fn a_trigger_word_naming_a_kind_of_company_is_no_trigger() {
    // "investment giant", "investment-grade": the word describes, it claims nothing.
    for text in [
        "Halvard and investment giant Kestrel will build sites in Texas, worth $9 billion.",
        "Halvard sold investment-grade bonds in Texas worth $9 billion.",
    ] {
        let c = claims(text);
        assert!(
            c.iter().all(|c| c.predicate != "invests in"),
            "{text}: {c:#?}"
        );
    }
    // The same word followed by a preposition still is one.
    let c = claims("Halvard made an investment in Kestrel worth $9 billion.");
    assert!(c.iter().any(|c| c.predicate == "invests in"), "{c:#?}");
    assert!(comes_before("investment giant", 10, &["giant".to_string()]));
    assert!(comes_before("investment-Grade", 10, &["grade".to_string()]));
    assert!(!comes_before("investment", 10, &["giant".to_string()]));
}

#[test]
fn a_with_phrase_figure_is_the_subject_of_the_clause_it_elaborates() {
    // (Not "the Helios venture": a project noun's own frame would name it.)
    let c = claims("This expansion increases the capacity of Helios to 10 GW, with an estimated total investment of $50 billion — up from approximately $40 billion invested over the prior three years.");
    let money: Vec<_> = c.iter().filter(|c| c.unit == "USD").collect();
    assert_eq!(money.len(), 2, "{c:#?}");
    assert!(money
        .iter()
        .all(|c| c.subject == "Helios" && c.predicate == "invests in"));
    assert_eq!(money[0].inferred, Some("clause it elaborates"));
    // A phrase naming its own party keeps it.
    let c = claims("Acme grew to 10 GW, with Halvard's investment of $5 billion.");
    assert!(
        c.iter().any(|c| c.subject == "Halvard" && c.unit == "USD"),
        "{c:#?}"
    );
}

#[test]
fn a_figure_converted_from_another_currency_says_from_what() {
    let converted = |text: &str, value: &str| -> Option<String> {
        claims(text)
            .into_iter()
            .find(|c| c.text == value)
            .and_then(|c| {
                c.marks
                    .iter()
                    .find(|(k, _)| *k == "conversion")
                    .map(|(_, w)| w.clone())
            })
    };
    assert_eq!(
        converted(
            "Halvard agreed to buy Kestrel Systems for 10 billion euros ($10.8 billion).",
            "$10.8 billion"
        )
        .as_deref(),
        Some("10 billion euros")
    );
    assert_eq!(
        converted(
            "Halvard agreed to buy Kestrel Systems for £8 billion, or about $10 billion.",
            "about $10 billion"
        )
        .as_deref(),
        Some("£8 billion")
    );
    // Two amounts in one currency are no conversion; nor is a second price.
    assert_eq!(
        converted(
            "Halvard agreed to buy Kestrel Systems for $8 billion ($9 billion with debt).",
            "$9 billion"
        ),
        None
    );
    assert_eq!(
        converted(
            "Halvard paid €2 billion in cash and $3 billion in stock for Kestrel Systems.",
            "$3 billion"
        ),
        None
    );
}

#[test]
fn the_investor_who_led_a_round_is_not_its_raiser() {
    let c = claims(
        "The startup raised $6.6 billion at a $157 billion valuation, led by Thrive Capital.",
    );
    assert!(c.iter().all(|c| c.subject != "Thrive Capital"), "{c:#?}");
    // Named after the trigger's own "by", the lead is the round's other party.
    let c = claims("Databricks raised $10 billion in a round led by Thrive Capital.");
    assert_eq!(c[0].subject, "Databricks");
    assert_eq!(c[0].object.as_deref(), Some("Thrive Capital"));
}

#[test]
fn a_word_of_a_date_is_no_scope_cue() {
    // "third", "second" make tranches ("a second tranche"), not inside a date.
    for text in [
        "The deal, expected to close in the third quarter, values Halvard at $4.3 billion.",
        "The deal, expected to close in the second half of 2025, values Halvard at $4.3 billion.",
    ] {
        let c = claims(text);
        assert_eq!(c.len(), 1, "{text}: {c:#?}");
        assert_eq!(c[0].scope, Scope::Total, "{text}: {c:#?}");
    }
    let c = claims("Halvard invested a second tranche of $2 billion in Kestrel.");
    assert_eq!(c[0].scope, Scope::Tranche, "{c:#?}");
}

#[test]
fn a_components_payee_is_no_party_to_the_deal() {
    // "paid out … to Beta Labs engineers": to whom the part goes, not who
    // pays; the part continues the deal stated before it.
    let c = claims("Acme Corp will acquire Beta Labs for $16 billion. Another $2 billion in restricted stock may be paid out to Beta Labs engineers over three years.");
    let part = c
        .iter()
        .find(|c| c.amount.value == Some(2e9))
        .unwrap_or_else(|| panic!("the grant: {c:#?}"));
    assert_eq!(part.subject, "Acme", "{c:#?}");
    assert_eq!(part.object.as_deref(), Some("Beta Labs"), "{c:#?}");
    assert_eq!(part.predicate, "acquires", "{c:#?}");
    assert_eq!(part.scope, Scope::Tranche, "{c:#?}");
}

#[test]
fn a_period_mark_needs_a_number_and_a_time_unit() {
    let period = |text: &str| -> Vec<String> {
        claims(text)
            .iter()
            .flat_map(|c| c.marks.iter())
            .filter(|(k, _)| *k == "period")
            .map(|(_, w)| w.clone())
            .collect()
    };
    assert_eq!(
        period("Halvard will invest $80 billion in Kestrel within four years."),
        ["4 years"]
    );
    assert_eq!(
        period("Halvard plans to spend $12 billion over the next 18 months on Kestrel."),
        ["18 months"]
    );
    assert_eq!(
        period("Halvard will invest $3 billion in Kestrel over two decades."),
        ["20 years"]
    );
    // "for" before a quantity, "in" before a year: no period.
    assert!(
        period("Acme Corp signed a $2 billion deal with Kestrel for 900 megawatts.").is_empty()
    );
    assert!(period("Acme Corp invested $2 billion in Kestrel in 2025.").is_empty());
}

#[test]
fn a_deal_description_stands_for_the_deal_named_before() {
    // Two parties joined by "and" before the deal noun; the value's own
    // trigger ("investments") names no one.
    let c = claims("Acme Corp and Kestrel signed a cloud agreement in March. The partnership is expected to bring in more than $50 billion in investments over five years.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(
        (c[0].subject.as_str(), c[0].object.as_deref()),
        ("Acme", Some("Kestrel"))
    );
    assert_eq!(c[0].predicate, "has a deal with");
    assert_eq!(c[0].inferred, Some("deal described before"));
    // "A's partnership with B", parties put in name order (the deal reads
    // both ways).
    let c = claims(
        "Last week Orbit Labs signed a partnership with Acme Corp. The deal is worth $2 billion.",
    );
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(
        (c[0].subject.as_str(), c[0].object.as_deref()),
        ("Acme", Some("Orbit Labs"))
    );
    // A merger agreement is a purchase: its predicate, parties as written.
    let c = claims("Acme Corp and Orbit Labs entered a merger agreement in May. The deal is worth roughly $40 billion.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].predicate, "acquires");
    assert_eq!(c[0].subject, "Acme");
    // A trigger that names its subject keeps its claim.
    let c = claims("Acme Corp and Kestrel announced an agreement. The deal builds on Orbit Labs's $4 billion investment in Kestrel.");
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].subject, "Orbit Labs");
    assert_eq!(c[0].predicate, "invests in");
}

#[test]
fn a_cue_does_not_reach_across_a_semicolon() {
    let c = claims("Acme Corp and Kestrel entered a merger agreement. The deal is now worth about $40 billion; the original offer was $30 billion.");
    let v = c
        .iter()
        .find(|x| x.text == "about $40 billion")
        .expect("claimed");
    assert!(!v.marks.iter().any(|(k, _)| *k == "original"), "{v:#?}");
}

#[test]
fn a_project_named_with_its_noun_is_the_name_and_its_description_stands_for_it() {
    let c = claims("Microsoft unveiled the Helios Project, a venture that will invest $50 billion in the United States by 2029. Officials said the project would begin with $10 billion immediately.");
    assert_eq!(c.len(), 2, "{c:#?}");
    // The project noun is no part of the name; the relative clause acts
    // for the name; a place is where the money goes, not whom.
    assert_eq!(c[0].subject, "Helios", "{c:#?}");
    assert_eq!(c[0].object, None, "{c:#?}");
    // "the project" stands for the name written with "Project", before
    // the known company named nearer.
    assert_eq!(c[1].subject, "Helios", "{c:#?}");
    assert_eq!(c[1].scope, Scope::Tranche);
}

#[test]
fn a_cue_on_the_noun_of_an_of_phrase_reaches_the_value() {
    let c = claims(
        "Acme Corp and Kestrel agreed to develop up to 3 gigawatts of additional Helios capacity.",
    );
    let v = c.iter().find(|x| x.unit == "GW").expect("a capacity claim");
    assert_eq!(v.scope, Scope::Tranche, "{v:#?}");
}

#[test]
fn names_in_a_through_phrase_are_no_actors() {
    // "through the Microsoft-Nvidia partnership": the sites deliver, not
    // the partners (the second of a hyphen-joined pair stands where the
    // first does).
    let c = claims(
        "Sites built through the Microsoft-Nvidia partnership should supply over 2 GW of power.",
    );
    assert!(
        c.iter()
            .all(|x| x.subject != "Nvidia" && x.subject != "Microsoft"),
        "{c:#?}"
    );
}

#[test]
fn a_participle_joined_by_a_hyphen_is_an_adjective_not_a_trigger() {
    let c = claims("Oracle and Abu Dhabi-backed Helios would contribute about $7 billion apiece.");
    assert!(c.iter().all(|x| x.predicate != "invests in"), "{c:#?}");
    // The verb itself still is one.
    let c = claims("Oracle backed Helios with $7 billion.");
    assert!(c.iter().any(|x| x.predicate == "invests in"), "{c:#?}");
}
