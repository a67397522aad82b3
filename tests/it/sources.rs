//! Sources: a republished story counts once, the copy names its original,
//! every document gets an agreement score, and conflicts end with a verdict.

use super::support::{run_ok, stdout, temp_dir};
use serde_json::Value;

const WIRE: &str = "Acme Corp said on Tuesday it would invest $4 billion in Beta Labs, the largest deal in its history.
The investment gives Acme Corp a minority stake and a seat on the board of the startup, people familiar with the matter said.
Beta Labs was founded in 2019 by two former researchers and builds software for managing data centres.
Analysts at several banks said the deal would reshape the market for cloud computing in Europe next year.
Regulators in Brussels are expected to review the transaction before it can close early next year.
A spokesperson for Beta Labs declined to comment on the terms of the agreement or on its valuation.
";

#[test]
fn a_republished_story_counts_once() {
    let dir = temp_dir("sources");
    std::fs::write(
        dir.join("a-wire.txt"),
        format!("November 19, 2024\n\n{WIRE}"),
    )
    .unwrap();
    // Republished a day later under another headline, lightly edited.
    std::fs::write(
        dir.join("b-copy.txt"),
        format!(
            "November 20, 2024\n\nAcme bets big on Beta\n\n{}",
            WIRE.replace(", the largest", " — the largest")
                .replace("startup", "Startup")
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("c-other.txt"),
        "November 21, 2024\n\nAcme Corp invested $5 billion in Beta Labs, according to a filing seen by this newspaper on Thursday.\n",
    )
    .unwrap();
    let out = dir.join("report");
    let (o, facts) = run_ok(&dir, &out);
    let docs = facts["documents"].as_array().unwrap();
    assert_eq!(docs[0]["copy_of"], Value::Null);
    assert_eq!(docs[1]["copy_of"], "a-wire.txt");
    assert_eq!(docs[2]["copy_of"], Value::Null);
    for d in docs {
        assert!(d["agreement"]["score"].as_f64().is_some(), "{d}");
    }
    let fact = facts["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "conflict")
        .expect("$4B vs $5B is a conflict");
    // Two documents say $4B, but they are one source: no majority.
    let verdict = fact["verdict"].as_str().unwrap();
    assert!(
        verdict.starts_with("genuine disagreement: check — best supported $4B"),
        "{verdict}"
    );
    assert!(
        verdict.contains("(2 sources, 1 independent: a-wire, b-copy)"),
        "{verdict}"
    );
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("- b-copy.txt copies a-wire.txt ("), "{md}");
    assert!(md.contains("the original is the earlier"), "{md}");
    assert!(
        md.contains("**Verdict:** genuine disagreement: check"),
        "{md}"
    );
    assert!(
        stdout(&o).contains("→ verdict: genuine disagreement: check"),
        "{}",
        stdout(&o)
    );
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("<p class=\"verdict\"><b>Verdict:</b> genuine disagreement"),
        "verdict missing from the page"
    );
}
