//! Generalisation: extraction on ../shared/devset (real articles on other
//! deals, hand-annotated). Floors sit just under the figures measured when
//! they were set (see README), so a regression fails and the suite cannot
//! pass by luck on the sample corpus alone.

use crate::support::{json_lines, read, run, run_to, shared, stdout, temp_dir};
use serde_json::Value;
use std::collections::HashMap;

/// Does a predicted span match a gold one? Equal, or equal once a leading
/// qualifier word on either side is set aside ("about $19 billion" vs "$19 billion").
fn same_span(pred: &str, gold: &str) -> bool {
    pred == gold
        || (pred.ends_with(gold) && pred[..pred.len() - gold.len()].ends_with(' '))
        || (gold.ends_with(pred) && gold[..gold.len() - pred.len()].ends_with(' '))
}

struct Score {
    gold: usize,
    found: usize,
    right_value: usize,
    predicted: usize,
}

fn score(kind: &str, gold_key: &str, golds: &[Value], preds: &[Value]) -> Score {
    let mut pool: HashMap<String, Vec<&Value>> = HashMap::new();
    // The devset annotates calendar dates only: weekdays and relative
    // expressions ("Monday", "last week") are neither right nor wrong there.
    for p in preds
        .iter()
        .filter(|p| p["kind"] == kind && p["relative"] != true)
    {
        pool.entry(p["doc"].as_str().unwrap().to_string())
            .or_default()
            .push(p);
    }
    let predicted = pool.values().map(Vec::len).sum();
    let mut s = Score {
        gold: 0,
        found: 0,
        right_value: 0,
        predicted,
    };
    for g in golds.iter().flat_map(|f| f[gold_key].as_array().unwrap()) {
        s.gold += 1;
        let Some(cands) = pool.get_mut(g["doc"].as_str().unwrap()) else {
            continue;
        };
        let Some(i) = cands
            .iter()
            .position(|p| same_span(p["text"].as_str().unwrap(), g["text"].as_str().unwrap()))
        else {
            continue;
        };
        let p = cands.remove(i);
        s.found += 1;
        let ok = match kind {
            "date" => p["value"] == g["value"],
            _ => p["value"]
                .as_f64()
                .zip(g["value"].as_f64())
                .is_some_and(|(a, b)| (a - b).abs() <= 1e-6 * b.abs().max(1.0)),
        };
        s.right_value += ok as usize;
    }
    s
}

#[test]
fn devset_extraction_meets_its_floors() {
    let Some(dir) = shared("devset") else { return };
    let golds: Vec<Value> = ["facebook-whatsapp", "disney-fox", "stargate"]
        .iter()
        .map(|t| {
            serde_json::from_slice(
                &std::fs::read(dir.join("gold").join(format!("{t}.json"))).unwrap(),
            )
            .unwrap()
        })
        .collect();
    let o = run(&["extract", dir.join("articles").to_str().unwrap()]);
    assert!(o.status.success());
    let preds = json_lines(&stdout(&o));
    for (kind, key, recall_floor, value_floor, precision_floor) in [
        ("money", "money", 0.98, 0.98, 0.98),
        ("date", "dates", 0.98, 0.70, 0.95),
        ("percent", "percents", 1.0, 1.0, 0.90),
    ] {
        let s = score(kind, key, &golds, &preds);
        let recall = s.found as f64 / s.gold as f64;
        let value = s.right_value as f64 / s.gold as f64;
        let precision = s.found as f64 / s.predicted.max(1) as f64;
        eprintln!("devset {kind}: recall {recall:.3} ({}/{}), value accuracy {value:.3}, precision {precision:.3} ({} predicted)", s.found, s.gold, s.predicted);
        assert!(
            recall >= recall_floor,
            "{kind} recall {recall:.3} < {recall_floor}"
        );
        assert!(
            value >= value_floor,
            "{kind} value accuracy {value:.3} < {value_floor}"
        );
        assert!(
            precision >= precision_floor,
            "{kind} precision {precision:.3} < {precision_floor}"
        );
    }
}

/// Each test runs into its own folder (`test`): tests run in parallel.
fn run_topic(dir: &std::path::Path, topic: &str, test: &str) -> Value {
    let out = temp_dir(&format!("devset-{test}-{topic}"));
    let o = run_to(&dir.join("articles").join(topic), &out);
    assert!(o.status.success());
    serde_json::from_slice(&read(&out.join("facts.json"))).unwrap()
}

/// The total fact of these parties in money (any currency), or in a
/// count or measure when the parties have no money fact.
fn fact<'a>(f: &'a Value, subject: &str, predicate: &str, object: Option<&str>) -> &'a Value {
    let all: Vec<&Value> = f["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| {
            x["subject"] == subject
                && x["predicate"] == predicate
                && x["object"].as_str() == object
                && x["scope"] == "total"
        })
        .collect();
    all.iter()
        .find(|x| x["unit"].as_str().is_some_and(|u| u.starts_with("USD")))
        .or(all.first())
        .copied()
        .unwrap_or_else(|| panic!("no fact {subject} {predicate} {object:?}"))
}

fn fact_in<'a>(
    f: &'a Value,
    subject: &str,
    predicate: &str,
    object: Option<&str>,
    unit: &str,
) -> &'a Value {
    f["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| {
            x["subject"] == subject
                && x["predicate"] == predicate
                && x["object"].as_str() == object
                && x["scope"] == "total"
                && x["unit"] == unit
        })
        .unwrap_or_else(|| panic!("no fact {subject} {predicate} {object:?} in {unit}"))
}

fn sources(f: &Value, value: f64) -> usize {
    f["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"].as_f64() == Some(value))
        .map_or(0, |v| v["sources"].as_array().unwrap().len())
}

/// The same run works on other deals: the parties, values and sources a
/// reader finds in the gold come out as facts (what is still wrong there is
/// listed in the README, not asserted away).
#[test]
fn devset_runs_find_the_deals_facts() {
    let Some(dir) = shared("devset") else { return };
    let fb = run_topic(&dir, "facebook-whatsapp", "facts");
    let deal = fact(&fb, "Facebook", "acquires", Some("WhatsApp"));
    assert_eq!(deal["status"], "conflict");
    for v in [16e9, 21.8e9] {
        assert_eq!(sources(deal, v), 1, "{v} in {deal:#}");
    }
    // pr2live's and MediaPost's $19B (MediaPost's "a start-up with no
    // measurable revenue, for $19 billion" is a price, not revenue).
    assert_eq!(sources(deal, 19e9), 2, "{deal:#}");
    // Shares issued: pr2live's announced 183,865,778 ("cancelled in
    // exchange for $4bn in cash and 183,865,778 shares"), Tradingpedia's
    // 177.8 million (stated beside "$4.59 billion, was paid in cash") and
    // MediaPost's 178 million ("Facebook paid $4.59 billion in cash and 178
    // million shares … for WhatsApp": a purchase, not spending). Gold:
    // announced vs issued at closing; 177.8 vs 178 million is rounding.
    let shares = fact_in(&fb, "Facebook", "acquires", Some("WhatsApp"), "shares");
    assert_eq!(sources(shares, 183_865_778.0), 1, "{shares:#}");
    assert_eq!(
        sources(shares, 177.8e6) + sources(shares, 178e6),
        2,
        "{shares:#}"
    );
    let verdict = shares["verdict"].as_str().unwrap();
    assert!(
        verdict.starts_with("177.8 million shares")
            && verdict.contains("183,865,778 shares (02-pr2live): stated before completion"),
        "{shares:#}"
    );
    // The stock and cash components stated together are parts, not rival
    // totals.
    for v in [4.59e9, 13.7e9] {
        assert_eq!(sources(deal, v), 0, "{v} is a component: {deal:#}");
    }
    let reasons = deal["reasons"].to_string();
    // "$4 billion in cash and $12 billion in Facebook stock" make up $16B
    // (pr2live's "$4bn in cash" too: "options to purchase WhatsApp stock"
    // is no purchase of Facebook by WhatsApp);
    // each component is compared with the same component at closing.
    assert!(
        reasons.contains("$16B = about $4B (tranche, 01-gigaom, 02-pr2live) + $12B (tranche, 01-gigaom, 02-pr2live) — the stated parts make up this figure"),
        "{reasons}"
    );
    // Why the components differ, in the gold's terms: the cash "was paid"
    // at closing (announced vs completed), the stock is valued "based on"
    // the closing price (a later valuation date).
    for (component, values, why) in [
        ("cash", [4e9, 4.59e9], "announced vs completed: $4.59B"),
        ("stock", [12e9, 13.7e9], "valuation basis: $13.7B"),
    ] {
        let f = fb["facts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["component"] == component && x["subject"] == "Facebook")
            .unwrap_or_else(|| panic!("a {component} fact"));
        for v in values {
            assert!(sources(f, v) >= 1, "{v} in {f:#}");
        }
        assert!(f["reasons"].to_string().contains(why), "{f:#}");
        let verdict = f["verdict"].as_str().unwrap_or_default();
        assert!(!verdict.starts_with("genuine disagreement"), "{f:#}");
    }
    // The closing total is its parts: "$3.5 billion in restricted stock
    // units is to be granted" (a sentence naming no party), the stock and
    // the cash.
    assert!(
        reasons.contains("$21.8B = $3.5B (tranche, 04-tradingpedia) + $4.59B (tranche, 04-tradingpedia, 05-mediapost) + $13.7B (tranche, 04-tradingpedia) — the stated parts make up this figure"),
        "{reasons}"
    );
    // At closing: "has completed its acquisition … for almost $22 billion".
    assert!(
        reasons.contains("announced vs completed: $21.8B / $22B"),
        "{reasons}"
    );
    assert!(
        reasons.contains("$19B = $16B"),
        "RSUs explain $16B vs $19B: {reasons}"
    );
    // The RSU grant: GigaOm's "An additional $3 billion in restricted stock
    // could be paid out … to WhatsApp employees" (the payee is no party to
    // the deal) and pr2live's "$3bn" against Tradingpedia's "$3.5 billion",
    // stated in a report whose lead says the deal has closed. Gold: the
    // same grant at the announcement and at the closing share price.
    let rsu = fb["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["component"] == "restricted stock" && x["subject"] == "Facebook")
        .expect("the RSU fact");
    assert_eq!(sources(rsu, 3e9), 2, "{rsu:#}");
    assert_eq!(sources(rsu, 3.5e9), 1, "{rsu:#}");
    let rsu_reasons: Vec<&str> = rsu["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        rsu_reasons.concat().contains(
            "announced vs completed: $3.5B (04-tradingpedia) is stated as paid or at completion (\"managed to finally close, in the article's lead\")"
        ),
        "{rsu:#}"
    );

    let dis = run_topic(&dir, "disney-fox", "facts");
    let offer = fact(&dis, "Disney", "bids for", Some("21st Century Fox"));
    assert!(sources(offer, 52.4e9) >= 3, "{offer:#}");
    assert!(sources(offer, 71.3e9) >= 1, "{offer:#}");
    // "raised its offer … to $71.3 billion": a revision, the figure to print.
    assert!(
        offer["reasons"]
            .to_string()
            .contains("is stated as a revision"),
        "{offer:#}"
    );
    assert!(
        offer["verdict"]
            .as_str()
            .is_some_and(|v| v.starts_with("$71.3B")),
        "{offer:#}"
    );
    // dpa's "for Disney to acquire 21st Century Fox, including …, for
    // approximately $52.4 billion in stock" and Reuters' "agreed to buy the
    // … assets from Rupert Murdoch's Twenty-First Century Fox Inc for $52.4
    // billion": prices after "for" far from their trigger (the seller after
    // "from", past its owner); the figures read as the offer revised.
    let deal = fact(&dis, "Disney", "acquires", Some("21st Century Fox"));
    assert_eq!(sources(deal, 52.4e9), 2, "{deal:#}");
    // Benzinga's "Disney and Fox announced they’d entered an amended and
    // restated merger agreement … This deal would be valued at around $70
    // billion": the description stands for the merger agreement, a
    // purchase; the gold calls it a loose approximation of the $71.3B offer,
    // and so do the reasons (no earlier figure, support for $71.3B).
    assert_eq!(sources(deal, 70e9), 1, "{deal:#}");
    assert!(
        deal["verdict"]
            .as_str()
            .is_some_and(|v| v.contains("(2 sources: 04-benzinga, 05-newindianexpress-uni)")),
        "{deal:#}"
    );
    assert!(
        deal["verdict"]
            .as_str()
            .is_some_and(|v| v.starts_with("$71.3B") && v.contains("since revised to $71.3B")),
        "{deal:#}"
    );
    // Reuters' "$29.50 per share for the assets that Disney is buying"
    // (calculations "based on" Disney's closing price) beside Benzinga's
    // negotiated $28 and $38: a figure valued on a basis of its own.
    let per_share = dis["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["subject"] == "Disney" && x["unit"] == "USD/share")
        .expect("Disney's per-share fact");
    assert_eq!(sources(per_share, 29.5), 1, "{per_share:#}");
    assert!(
        per_share["verdict"].as_str().is_some_and(|v| v.contains(
            "$29.50/share (02-thequint-reuters): valued on a stated basis (\"based on\")"
        ) && v.contains(
            "$51.57/share (05-newindianexpress-uni): valued on a stated basis (\"calculated at\")"
        )),
        "{per_share:#}"
    );
    // Fox's stake in Sky: CBR's 31.9% against the 39% dpa implies ("the
    // 61% of Sky it doesn't already own"), a genuine disagreement.
    let sky = fact(&dis, "21st Century Fox", "holds a stake in", Some("Sky"));
    assert_eq!(sky["status"], "conflict", "{sky:#}");
    assert_eq!(sources(sky, 31.9), 1, "{sky:#}");
    assert_eq!(sources(sky, 39.0), 1, "{sky:#}");
    assert!(
        sky["reasons"].to_string().contains("derived: 39%"),
        "{sky:#}"
    );
    assert!(
        sky["verdict"]
            .as_str()
            .is_some_and(|v| v.starts_with("genuine disagreement")),
        "{sky:#}"
    );
    // Per-share prices are a rate, never a rival to the total: "$38 per
    // share", "the previously negotiated $28 per share" and "per-share
    // value … is calculated at 51.572626 US dollars".
    let per_share: Vec<&Value> = dis["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["unit"] == "USD/share" && x["subject"] == "Disney")
        .collect();
    for v in [38.0, 28.0, 51.572626] {
        assert!(
            per_share.iter().any(|x| sources(x, v) == 1),
            "{v} per share: {per_share:#?}"
        );
    }
    assert!(
        dis["facts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["unit"] == "USD")
            .all(|x| sources(x, 51.572626) == 0),
        "a per-share price among the totals"
    );
    // The $38 agreed price and the $51.57 "calculated at" closing: a value
    // worked out on a stated basis, the $28 "previously": nothing left to
    // check.
    let agreed = per_share
        .iter()
        .find(|x| sources(x, 38.0) == 1)
        .expect("the agreed per-share price");
    let verdict = agreed["verdict"].as_str().unwrap_or_default();
    assert!(
        verdict.starts_with("$38/share — the figure to print")
            && verdict.contains("$51.57/share (05-newindianexpress-uni): valued on a stated basis (\"calculated at\")")
            && !verdict.contains("check"),
        "{agreed:#}"
    );
    // Comcast's bid is Comcast's, not Disney's (a possessive owns its own value).
    let comcast: Vec<&Value> = dis["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["subject"] == "Comcast")
        .collect();
    assert!(
        comcast.iter().any(|x| sources(x, 65e9) >= 2),
        "{comcast:#?}"
    );
    assert!(offer["values"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["value"].as_f64() != Some(65e9)));

    // Facebook's share price at the open ($77.17, MediaPost) and at the
    // close ($77.56, Tradingpedia) on closing day: different moments.
    let price = fact(&fb, "Facebook", "trades at", None);
    assert_eq!(price["unit"], "USD/share", "{price:#}");
    assert_eq!(sources(price, 77.17), 1, "{price:#}");
    assert_eq!(sources(price, 77.56), 1, "{price:#}");
    assert_eq!(sources(price, 77.76), 1, "{price:#}");
    assert_eq!(sources(price, 0.32), 0, "a change is no price: {price:#}");
    assert!(
        price["verdict"]
            .as_str()
            .is_some_and(|v| v.contains("another moment of the trading day")),
        "{price:#}"
    );

    // "SoftBank Group Corp. and OpenAI each plan to commit $19 billion of
    // capital to Stargate, the $100 billion US AI endeavor": SoftBank's $19
    // billion; the $100 billion describes Stargate, no one's commitment.
    let sg = run_topic(&dir, "stargate", "facts");
    let softbank = fact(&sg, "SoftBank", "invests in", Some("Stargate"));
    assert_eq!(sources(softbank, 19e9), 1, "{softbank:#}");
    // Daily Shorts' pledge is SoftBank's too, through "the Japanese
    // billionaire" (written "SoftBank’s Son" just before) and "the
    // initiative" after it. The gold calls the two apparent disagreement
    // (different dates, possibly different objects: "$19B is SoftBank's
    // planned Stargate equity"): Business Standard's "each plan to commit"
    // is a plan, Daily Shorts' "had pledged" a pledge made, and the verdict
    // says so.
    assert_eq!(sources(softbank, 30e9), 1, "{softbank:#}");
    assert!(
        softbank["verdict"]
            .as_str()
            .unwrap()
            .contains("$19B (02-business-standard): projected or conditional (\"plan to\")"),
        "{softbank:#}"
    );
    // "The ChatGPT maker signed a $30 billion-a-year deal with Oracle for
    // 4.5 gigawatts": OpenAI's capacity, not ChatGPT's.
    let openai = fact(&sg, "OpenAI", "has capacity", None);
    assert_eq!(sources(openai, 4.5), 1, "{openai:#}");
    // Its deal with Oracle is a yearly figure; Menafn's "In July, OpenAI
    // and Oracle announced a joint agreement … This partnership is
    // projected to attract over $300 billion in investments within five
    // years" is the same deal's total. The gold: different measures (an
    // annual amount vs a five-year total) that also do not reconcile —
    // $30B a year for five years is $150B, not more than $300B.
    let deal = fact_in(&sg, "OpenAI", "has a deal with", Some("Oracle"), "USD");
    assert_eq!(sources(deal, 30e9), 1, "{deal:#}");
    assert_eq!(sources(deal, 300e9), 1, "{deal:#}");
    assert_eq!(deal["status"], "conflict", "{deal:#}");
    assert!(
        deal["reasons"].to_string().contains(
            "rate vs total: $30B/year (03-dailyshorts) is a yearly amount, not a total; over 5 years (as 04-menafn-azernews states the period) it makes $150B, short of over $300B (04-menafn-azernews)"
        ),
        "{deal:#}"
    );
    assert!(
        sg["facts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["object"] == "Stargate")
            .all(|x| sources(x, 100e9) == 0),
        "{sg:#}"
    );
    // It sizes Stargate itself, against "the $500 billion Stargate project"
    // (a project's size is the investment it plans: one fact) and MiTrade's
    // "… the total planned capacity of the Stargate initiative from nearly 7
    // GW to 10 GW, with an estimated total investment of $500 billion — up
    // from approximately $400 billion invested over the prior three years":
    // Stargate's, through the clause the ", with" phrase elaborates (not
    // Oracle's, from "investment giant SoftBank" — no investment — in its
    // first sentence), with Menafn's "expected to exceed $400 billion".
    let invest = fact(&sg, "Stargate", "invests in", None);
    assert_eq!(invest["status"], "conflict", "{invest:#}");
    assert_eq!(sources(invest, 100e9), 1, "{invest:#}");
    // CenterConsulting's "OpenAI announced the Stargate Project, “a new
    // company which intends to invest 500 billion dollars … in the United
    // States”" is Stargate's too (the project noun is no part of the name;
    // the relative clause acts for it; a place is where, not whom), and so
    // is its "the project “will begin deploying 100 billion dollars
    // immediately”" (the description stands for the name written with its
    // noun): the same first part Daily Shorts gives.
    assert_eq!(sources(invest, 500e9), 3, "{invest:#}");
    let first = sg["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| {
            x["subject"] == "Stargate" && x["predicate"] == "invests in" && x["scope"] == "tranche"
        })
        .expect("Stargate's first part");
    assert_eq!(first["status"], "consistent", "{first:#}");
    assert_eq!(sources(first, 100e9), 2, "{first:#}");
    assert_eq!(sources(invest, 400e9), 2, "{invest:#}");
    // "The companies pledged $100 billion “immediately”" (03) is a first
    // part of the $500 billion project, so Business Standard's "$100
    // billion endeavor" reads as that part reported as the whole; the
    // current $500B is printed, MiTrade's $400B the earlier figure.
    let verdict = invest["verdict"].as_str().unwrap();
    assert!(
        verdict.starts_with("$500B as of 2025-01-21 — the figure to print")
            && verdict.contains("the part reported as the whole")
            && verdict.contains("$400B (05-mitrade-tradingkey): the earlier figure"),
        "{invest:#}"
    );
    assert!(
        sg["facts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["subject"] != "Oracle" || x["object"] != "United States"),
        "{sg:#}"
    );
}

/// Counts and measures are facts too: WhatsApp's users as four sources give
/// them (two of them through "the app" and "the start-up"), and
/// Stargate's capacity in gigawatts, with the reasons the gold notes give
/// for the figures that differ.
#[test]
fn devset_counts_and_capacities_are_reconciled() {
    let Some(dir) = shared("devset") else { return };
    let fb = run_topic(&dir, "facebook-whatsapp", "counts");
    let users = fact(&fb, "WhatsApp", "has users", None);
    assert_eq!(users["unit"], "people", "{users:#}");
    assert_eq!(users["status"], "conflict", "{users:#}");
    // 450 million (gigaom, pr2live), more than / nearly 500 million (AP,
    // MediaPost), more than 600 million (MediaPost).
    assert_eq!(sources(users, 450e6), 2, "{users:#}");
    assert_eq!(sources(users, 500e6), 2, "{users:#}");
    assert_eq!(sources(users, 600e6), 1, "{users:#}");
    // "grown from nearly 500 million to more than 600 million": the first
    // figure of a change is the earlier one.
    // That explains MediaPost's 500 million only: AP's "more than 500
    // million", stated on the closing day as current, and MediaPost's "more
    // than 600 million" are left to check (gold: genuine disagreement at
    // the same date) — a floor above the printed figure does not agree
    // with it.
    let verdict = users["verdict"].as_str().unwrap();
    assert!(
        verdict.contains(
            "500 million people (05-mediapost): the earlier figure, called \"from … to\""
        ),
        "{users:#}"
    );
    assert!(
        verdict.contains("Genuine disagreement: check 500 million people (03-wtop-ap), 600 million people (05-mediapost)"),
        "{users:#}"
    );
    // The yearly fee: AP's "$1 per year" is MediaPost's "99 cents per
    // year" rounded (a fee is a price: "for the first year" makes no part).
    let fee = fact(&fb, "WhatsApp", "charges", None);
    assert_eq!(fee["unit"], "USD/year", "{fee:#}");
    assert_eq!(fee["status"], "consistent", "{fee:#}");
    assert_eq!(sources(fee, 0.99) + sources(fee, 1.0), 2, "{fee:#}");

    let sg = run_topic(&dir, "stargate", "counts");
    // Targets are compared with targets: Menafn's "goal of reaching 10
    // gigawatts" and MiTrade's "aims to deliver 10 gigawatts" are printed,
    // Daily Shorts' "original 5-gigawatt target" is the earlier figure.
    let target = fact(&sg, "Stargate", "has capacity (target)", None);
    assert_eq!(target["unit"], "GW", "{target:#}");
    assert_eq!(sources(target, 10.0), 2, "{target:#}");
    assert_eq!(sources(target, 5.0), 1, "{target:#}");
    let verdict = target["verdict"].as_str().unwrap();
    assert!(verdict.starts_with("10 GW"), "{target:#}");
    assert!(verdict.contains("called \"original\""), "{target:#}");
    // Planned capacity: MiTrade's "from nearly 7 GW to 10 GW" against
    // Menafn's "bring … planned capacity to approximately 7 gigawatts".
    // MiTrade's 7 is its earlier figure; Menafn's 7 is stated as the
    // result, so the two disagree (gold: genuine disagreement): one is
    // printed (by the sources' agreement scores, which rank, never hide)
    // and the other left to check. "planned", said of both, explains
    // neither. Menafn's "up to 4.5 gigawatts of additional Stargate
    // capacity" is a part of July, not a rival total.
    let capacity = fact(&sg, "Stargate", "has capacity", None);
    assert_eq!(capacity["unit"], "GW", "{capacity:#}");
    assert_eq!(sources(capacity, 4.5), 0, "{capacity:#}");
    let verdict = capacity["verdict"].as_str().unwrap();
    assert!(
        verdict.contains("7 GW (05-mitrade-tradingkey): the earlier figure, called \"from … to\""),
        "{capacity:#}"
    );
    assert!(
        (verdict.starts_with("10 GW")
            && verdict.contains("Genuine disagreement: check 7 GW (04-menafn-azernews)"))
            || (verdict.starts_with("7 GW — the figure to print (1 source: 04-menafn-azernews)")
                && verdict.contains("Genuine disagreement: check 10 GW (05-mitrade-tradingkey)")),
        "{capacity:#}"
    );
    let additional = sg["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| {
            x["subject"] == "Stargate"
                && x["predicate"] == "has capacity"
                && x["scope"] == "tranche"
        })
        .expect("the July capacity as a part");
    assert_eq!(sources(additional, 4.5), 1, "{additional:#}");
}
