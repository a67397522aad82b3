use super::changes::{ClaimState, FactState, ValueState};
use super::review::{reopens, Action, Decision};
use super::*;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("crosscheck.db")
}

#[test]
fn an_older_store_is_migrated_and_keeps_what_it_held() {
    let path = temp("migrate");
    {
        let mut old = Store::open_at(&path, 1).unwrap();
        let v: i64 = old
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
        old.conn()
            .execute(
                "INSERT INTO documents (name, hash, rules, first_run, run, mentions, claims, analysis)
                 VALUES ('a.txt', 'h', 'r', 1, 1, 0, 0, '{}')",
                [],
            )
            .unwrap();
        // Version 1 has no decisions yet.
        assert!(old.conn().execute("SELECT * FROM decisions", []).is_err());
    }
    let mut now = Store::open(&path).unwrap();
    let v: i64 = now
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, schema::current());
    let n: i64 = now
        .conn()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    assert!(now.decisions().unwrap().is_empty());
}

#[test]
fn one_process_at_a_time() {
    let path = temp("busy");
    let first = Store::open(&path).unwrap();
    match Store::open(&path) {
        Err(StoreError::Busy { path: p }) => assert_eq!(p, path),
        other => panic!("expected Busy, got {other:?}"),
    }
    drop(first);
    Store::open(&path).unwrap();
}

fn claim(doc: &str, text: &str, lo: f64, hi: f64) -> ClaimState {
    ClaimState {
        doc: doc.into(),
        text: text.into(),
        low: Some(lo),
        high: Some(hi),
    }
}

fn decision(action: Action, low: f64, high: f64) -> Decision {
    Decision {
        fact: "f".into(),
        action,
        value: Some("$8B".into()),
        low: Some(low),
        high: Some(high),
        note: String::new(),
        decided: "t".into(),
        run: 2,
        values_then: vec![
            ValueState {
                display: "$4B".into(),
                low: Some(3.5e9),
                high: Some(4.5e9),
            },
            ValueState {
                display: "$8B".into(),
                low: Some(7.5e9),
                high: Some(8.5e9),
            },
        ],
        reopened: None,
    }
}

#[test]
fn only_a_later_disagreeing_claim_reopens_a_decision() {
    let fact = FactState {
        id: "f".into(),
        title: "f".into(),
        status: "conflict".into(),
        values: Vec::new(),
        claims: vec![
            claim("old.txt", "$4 billion", 3.5e9, 4.5e9),
            claim("new-agrees.txt", "about $8 billion", 7.2e9, 8.8e9),
            claim("new-disagrees.txt", "$12 billion", 11.5e9, 12.5e9),
        ],
    };
    let accept = decision(Action::Accept, 7.5e9, 8.5e9);
    // The $4B the reviewer saw does not reopen it, nor an agreeing newcomer.
    let seen: HashMap<&str, i64> = [("old.txt", 1), ("new-agrees.txt", 3)].into();
    assert_eq!(reopens(&accept, &fact, &seen), None);
    let seen: HashMap<&str, i64> = [
        ("old.txt", 1),
        ("new-agrees.txt", 3),
        ("new-disagrees.txt", 3),
    ]
    .into();
    let r = reopens(&accept, &fact, &seen).unwrap();
    assert_eq!(
        (r.by.as_str(), r.value.as_str()),
        ("new-disagrees.txt", "$12 billion")
    );
    // A dismissal reopens only for a value the fact did not have then.
    let dismiss = decision(Action::Dismiss, 0.0, 0.0);
    let seen: HashMap<&str, i64> = [("old.txt", 5), ("new-agrees.txt", 3)].into();
    assert_eq!(reopens(&dismiss, &fact, &seen), None);
    let seen: HashMap<&str, i64> = [("new-disagrees.txt", 3)].into();
    assert!(reopens(&dismiss, &fact, &seen).is_some());
}

#[test]
fn helpers() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    assert_eq!(civil_from_days(20_415), (2025, 11, 23));
    assert_eq!(shell_quote("report"), "report");
    assert_eq!(shell_quote("a|b"), "'a|b'");
    assert_eq!(shell_quote("it's"), "'it'\\''s'");
    assert_eq!("last".parse::<Since>(), Ok(Since::Last));
    assert_eq!("3".parse::<Since>(), Ok(Since::Run(3)));
    assert!("yesterday".parse::<Since>().is_err());
}
