//! `--rules DIR` on top of the built-in rules: a user's folder adds rules,
//! replaces a built-in rule of the same name, or disables one; `rules list`
//! says where each rule in force comes from; mistakes are errors.

use crate::support::{run, stderr, stdout, temp_dir};
use std::path::PathBuf;

/// A folder holding the given rule files.
fn folder(case: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = temp_dir(case);
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

const MINE: &str = r#"# A new claim type, a replaced trigger, a rule turned off.
[[trigger]]
name = "lend"
predicate = "lends to"
words = ["lent", "lends", "loaned"]
object_preps = ["to"]
agent_preps = ["by", "from"]
examples = [{ text = "Barclays lent $2 billion to Tesla.", subject = "Barclays", object = "Tesla", value = 2e9 }]

[[trigger]]
name = "valuation"
predicate = "is worth"
words = ["valued", "valuation"]
examples = [{ text = "OpenAI was valued at $157 billion.", subject = "OpenAI", predicate = "is worth" }]

[[disable]]
name = "word-amount"
reason = "our feeds spell amounts in digits"
"#;

const ARTICLE: &str = "Barclays lent $2 billion to Tesla. OpenAI was valued at $157 billion.\n\nThe firm paid two million dollars for the site.\n";

#[test]
fn a_user_folder_adds_replaces_and_disables_rules_by_name() {
    let dir = folder("layer-mine", &[("mine.toml", MINE)]);
    let art = dir.join("article.txt");
    std::fs::write(&art, ARTICLE).unwrap();
    let rules = dir.to_str().unwrap();
    let art = art.to_str().unwrap();

    // Built-in only: no lending, the shipped predicate, the worded amount.
    let claims = stdout(&run(&["claims", art]));
    assert!(!claims.contains("lends to"), "{claims}");
    assert!(
        claims.contains("\"predicate\":\"is valued at\""),
        "{claims}"
    );
    let mentions = stdout(&run(&["extract", art]));
    assert!(
        mentions.contains("\"text\":\"two million dollars\""),
        "{mentions}"
    );

    // With the user's folder on top.
    let o = run(&["claims", art, "--rules", rules]);
    assert!(o.status.success(), "{}", stderr(&o));
    let claims = stdout(&o);
    assert!(
        claims.contains("\"subject\":\"Barclays\",\"predicate\":\"lends to\",\"object\":\"Tesla\""),
        "{claims}"
    );
    assert!(claims.contains("\"predicate\":\"is worth\""), "{claims}");
    assert!(!claims.contains("is valued at"), "{claims}");
    let mentions = stdout(&run(&["extract", art, "--rules", rules]));
    assert!(!mentions.contains("two million dollars"), "{mentions}");
    // Everything else the built-in rules do is still there.
    assert!(mentions.contains("\"text\":\"$157 billion\""), "{mentions}");

    let list = stdout(&run(&["rules", "list", "--rules", rules]));
    let mine = format!("{}", dir.join("mine.toml").display());
    assert!(
        list.lines().any(|l| l.contains("trigger")
            && l.contains(" lend ")
            && l.contains(&format!("{mine}:3"))),
        "{list}"
    );
    assert!(
        list.lines().any(|l| l.contains(" valuation ")
            && l.contains(&format!("{mine}:11"))
            && l.contains("(overrides <built-in>/claims.toml:")),
        "{list}"
    );
    let disabled = list
        .split("disabled:\n")
        .nth(1)
        .expect("a disabled section");
    assert!(
        disabled.contains("word-amount")
            && disabled.contains("<built-in>/money.toml:")
            && disabled.contains(&format!("by {mine}:17: our feeds spell amounts in digits")),
        "{list}"
    );
    assert!(list.contains("1 disabled"), "{list}");
}

#[test]
fn without_default_rules_only_the_folder_is_in_force() {
    let dir = folder("layer-only", &[("mine.toml", MINE)]);
    let o = run(&[
        "rules",
        "list",
        "--rules",
        dir.to_str().unwrap(),
        "--no-default-rules",
    ]);
    // Its [[disable]] has nothing below it to disable.
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("rule 'word-amount': disables no rule"),
        "{}",
        stderr(&o)
    );
    let dir = folder(
        "layer-only-ok",
        &[("mine.toml", &MINE[..MINE.find("[[disable]]").unwrap()])],
    );
    let list = stdout(&run(&[
        "rules",
        "list",
        "--rules",
        dir.to_str().unwrap(),
        "--no-default-rules",
    ]));
    assert!(list.contains("2 rules, 0 overriding"), "{list}");
    assert!(!list.contains("<built-in>"), "{list}");
}

#[test]
fn a_misspelt_disable_is_an_error_that_suggests_the_name() {
    let dir = folder(
        "layer-typo",
        &[("off.toml", "[[disable]]\nname = \"word-amout\"\n")],
    );
    let o = run(&["rules", "list", "--rules", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let path = dir.join("off.toml").display().to_string();
    assert!(
        err.contains(&format!("{path}:2:8: rule 'word-amout': disables no rule")),
        "{err}"
    );
    assert!(err.contains("did you mean \"word-amount\"?"), "{err}");
}

#[test]
fn every_kind_of_rule_error_in_every_file_comes_in_one_pass() {
    let dir = folder(
        "layer-many-errors",
        &[
            (
                "a.toml",
                "[[trigger]]\nname = \"lend\"\npredicate = \"lends to\"\nwords = [\"lent\"]\nobject_prep = [\"to\"]\nexamples = [{ text = \"Barclays lent $2 billion to Tesla.\" }]\n",
            ),
            (
                "b.toml",
                "[[pattern]]\nname = \"pledge\"\nkind = \"money\"\nregex = '''{cur_prefix}{number}(\\s+pledged'''\nexamples = [{ text = \"$5 pledged\" }]\n",
            ),
            (
                "d.toml",
                "[[trigger]]\nname = \"pledge\"\npredicate = \"pledges to\nwords = [\"pledged\"]\nexamples = [{ text = \"x\" }]\n",
            ),
            (
                "e.toml",
                "[[cue]]\nname = \"soft\"\nwords = [\"reportedly\"]\nexamples = [{ text = \"x\" }]\n",
            ),
            (
                "c.toml",
                "[[cue]]\nname = \"soft\"\nsets = \"label\"\nwords = [\"reportedly\"]\nexamples = [{ text = \"Amazon reportedly invested $4 billion in Anthropic.\" }]\n\n[[cue]]\nname = \"soft\"\nsets = \"label\"\nwords = [\"allegedly\"]\nexamples = []\n",
            ),
        ],
    );
    let o = run(&["rules", "test", "--rules", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let p = |f: &str| dir.join(f).display().to_string();
    for want in [
        format!(
            "{}:5:1: rule 'lend': unknown field `object_prep`",
            p("a.toml")
        ),
        format!(
            "{}:4:32: rule 'pledge': regex does not compile",
            p("b.toml")
        ),
        format!(
            "{}:8:8: rule 'soft': duplicate cue name (first defined at {}:2)",
            p("c.toml"),
            p("c.toml")
        ),
        format!("{}:8:8: rule 'soft': cue rule has no examples", p("c.toml")),
        format!("{}:3:24: rule 'pledge': invalid basic string", p("d.toml")),
        format!("{}:1:1: rule 'soft': missing field `sets`", p("e.toml")),
    ] {
        assert!(err.contains(&want), "want {want}\ngot {err}");
    }
    assert!(err.contains("help: check the spelling"), "{err}");
}
