//! Claim types made by rules alone (rules/claims.toml, no Rust per type):
//! acquisitions, valuations, funding rounds, revenue and stakes, each on
//! real-shaped news sentences in several phrasings. Each sentence is its own
//! article, so nothing is borrowed from a neighbour.

use crate::support::{json_lines, run, stderr, stdout, temp_dir};

struct Case {
    text: &'static str,
    subject: &'static str,
    predicate: &'static str,
    object: Option<&'static str>,
    value: f64,
    as_of: Option<&'static str>,
}

const fn case(
    text: &'static str,
    subject: &'static str,
    predicate: &'static str,
    object: Option<&'static str>,
    value: f64,
    as_of: Option<&'static str>,
) -> Case {
    Case {
        text,
        subject,
        predicate,
        object,
        value,
        as_of,
    }
}

const ACQ: &str = "acquires";
const VAL: &str = "is valued at";
const RAISE: &str = "raises";
const REV: &str = "earns revenue";
const STAKE: &str = "holds a stake in";

const CASES: &[Case] = &[
    // Acquisitions: active, possessive noun, completed, agreed-to, passive, "deal worth".
    case("Facebook acquired WhatsApp for $19 billion in 2014.", "Facebook", ACQ, Some("WhatsApp"), 19e9, Some("2014")),
    case("Microsoft's $68.7 billion purchase of Activision Blizzard closed in October 2023.", "Microsoft", ACQ, Some("Activision Blizzard"), 68.7e9, Some("2023-10")),
    case("Broadcom completed its $69 billion acquisition of VMware in November 2023.", "Broadcom", ACQ, Some("VMware"), 69e9, Some("2023-11")),
    case("Cisco agreed to buy Splunk for $28 billion in cash.", "Cisco", ACQ, Some("Splunk"), 28e9, None),
    case("LinkedIn was bought by Microsoft for $26.2 billion in 2016.", "Microsoft", ACQ, Some("LinkedIn"), 26.2e9, Some("2016")),
    case("Salesforce said it would buy Slack in a deal worth $27.7 billion.", "Salesforce", ACQ, Some("Slack"), 27.7e9, None),
    case("Oracle bought Cerner in a deal valued at $28.3 billion.", "Oracle", ACQ, Some("Cerner"), 28.3e9, None),
    case("Adobe's proposed $20 billion takeover of Figma was abandoned in December 2023.", "Adobe", ACQ, Some("Figma"), 20e9, Some("2023-12")),
    // Valuations: passive, "values X at", a valuation "on X", a valuation that rose.
    case("OpenAI was valued at $157 billion after the round.", "OpenAI", VAL, None, 157e9, None),
    case("The deal values Anthropic at $61.5 billion.", "Anthropic", VAL, None, 61.5e9, None),
    case("Investors put a $157 billion valuation on OpenAI.", "OpenAI", VAL, None, 157e9, None),
    case("The investment valued Mistral AI at about €11.7 billion.", "Mistral AI", VAL, None, 11.7e9, None),
    case("Figma's valuation rose to $12.5 billion in the tender offer.", "Figma", VAL, None, 12.5e9, None),
    // Funding rounds: the lead investor as object.
    case("Databricks raised $10 billion in a round led by Thrive Capital.", "Databricks", RAISE, Some("Thrive Capital"), 10e9, None),
    case("Scale AI raised $1 billion in a Series F round led by Accel.", "Scale AI", RAISE, Some("Accel"), 1e9, None),
    case("Mistral AI closed a €600 million funding round led by General Catalyst.", "Mistral AI", RAISE, Some("General Catalyst"), 600e6, None),
    case("OpenAI closed a $6.6 billion funding round led by Thrive Capital in October 2024.", "OpenAI", RAISE, Some("Thrive Capital"), 6.6e9, Some("2024-10")),
    case("xAI secured $6 billion in Series B funding from investors including Andreessen Horowitz and Sequoia Capital.", "xAI", RAISE, Some("Andreessen Horowitz"), 6e9, None),
    // Revenue with its (fiscal) year.
    case("Microsoft reported revenue of $245.1 billion in fiscal year 2024.", "Microsoft", REV, None, 245.1e9, Some("2024")),
    case("Nvidia's revenue for fiscal 2024 was $60.9 billion.", "Nvidia", REV, None, 60.9e9, Some("2024")),
    case("Apple posted annual revenue of $383 billion for FY2023.", "Apple", REV, None, 383e9, Some("2023")),
    case("Salesforce generated $34.9 billion in revenue in fiscal 2024.", "Salesforce", REV, None, 34.9e9, Some("2024")),
    case("Alphabet reported annual revenue of $307.4 billion for 2023.", "Alphabet", REV, None, 307.4e9, Some("2023")),
    // Stakes: holds, owns … of, possessive, acquired a stake, a stake in a subsidiary.
    case("Microsoft holds a 27% stake in OpenAI.", "Microsoft", STAKE, Some("OpenAI"), 27.0, None),
    case("SoftBank owns about 90% of Arm.", "SoftBank", STAKE, Some("Arm"), 90.0, None),
    case("Berkshire Hathaway's 5.6% stake in Apple is worth $170 billion.", "Berkshire Hathaway", STAKE, Some("Apple"), 5.6, None),
    case("Tencent acquired a 10% stake in Ubisoft.", "Tencent", STAKE, Some("Ubisoft"), 10.0, None),
    case("Toyota holds a 20% stake in Subaru.", "Toyota", STAKE, Some("Subaru"), 20.0, None),
];

#[test]
fn each_claim_type_is_found_in_several_phrasings() {
    let dir = temp_dir("claim-types");
    for (i, c) in CASES.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:02}.txt")), format!("{}\n", c.text)).unwrap();
    }
    let o = run(&["claims", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let claims = json_lines(&stdout(&o));
    let mut missed = Vec::new();
    for (i, c) in CASES.iter().enumerate() {
        let doc = format!("{i:02}.txt");
        let mine: Vec<_> = claims
            .iter()
            .filter(|j| j["doc"].as_str().is_some_and(|d| d.ends_with(&doc)))
            .collect();
        let hit = mine.iter().any(|j| {
            j["subject"] == c.subject
                && j["predicate"] == c.predicate
                && j["object"].as_str() == c.object
                && j["value"]
                    .as_f64()
                    .is_some_and(|v| (v - c.value).abs() <= 1e-6 * c.value)
                && j["as_of"].as_str() == c.as_of
        });
        if !hit {
            let got: Vec<String> = mine
                .iter()
                .map(|j| {
                    format!(
                        "{} | {} | {} | {} | {}",
                        j["subject"], j["predicate"], j["object"], j["value"], j["as_of"]
                    )
                })
                .collect();
            missed.push(format!("{:?}\n    got {got:?}", c.text));
        }
    }
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}
