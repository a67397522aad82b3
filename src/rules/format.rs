//! The rule file format: what a user writes in `rules/*.toml`.
//!
//! A rules folder holds any number of TOML files; each may contain any of the
//! tables below. Every table entry is one rule with a unique `name` and at
//! least one example. Unknown keys are rejected (`deny_unknown_fields`) so a
//! typo is an error, not a silently ignored setting. Spans are kept so errors
//! can point at a line and column.

use serde::Deserialize;
use toml::Spanned;

/// One rule file, as parsed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub currency: Vec<Spanned<Currency>>,
    #[serde(default)]
    pub scale: Vec<Spanned<Scale>>,
    #[serde(default)]
    pub qualifier: Vec<Spanned<Qualifier>>,
    #[serde(default)]
    pub number_word: Vec<Spanned<NumberWord>>,
    #[serde(default)]
    pub per: Vec<Spanned<Per>>,
    #[serde(default)]
    pub measure: Vec<Spanned<Measure>>,
    #[serde(default)]
    pub month: Vec<Spanned<Month>>,
    #[serde(default)]
    pub pattern: Vec<Spanned<Pattern>>,
    #[serde(default)]
    pub entity: Vec<Spanned<Entity>>,
    #[serde(default)]
    pub trigger: Vec<Spanned<Trigger>>,
    #[serde(default)]
    pub cue: Vec<Spanned<Cue>>,
    #[serde(default)]
    pub reference: Vec<Spanned<Reference>>,
    #[serde(default)]
    pub link: Vec<Spanned<Link>>,
    #[serde(default)]
    pub disable: Vec<Spanned<Disable>>,
}

/// Turns off a rule of a lower layer (a built-in rule, seen from a user's
/// `--rules` folder) by name: `[[disable]] name = "word-amount"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disable {
    pub name: Spanned<String>,
    /// The table the rule is in ("pattern", "trigger", …); needed only when
    /// two tables have a rule of that name.
    #[serde(default)]
    pub table: Option<Spanned<String>>,
    /// Why, for whoever reads `rules list` later.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A currency: its ISO 4217 code and how it is written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub name: Spanned<String>,
    /// ISO 4217 code, e.g. "USD".
    pub code: String,
    /// Written before the number: "$", "US$", "USD".
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Written after the number (and scale): "dollars", "USD", "cents".
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Multiplies the value into currency units (cents: 0.01).
    #[serde(default)]
    pub factor: Option<f64>,
    pub examples: Vec<Spanned<Example>>,
}

/// A scale word: "billion", "bn", "B" → 1e9.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub name: Spanned<String>,
    pub words: Vec<String>,
    pub multiplier: f64,
    pub examples: Vec<Spanned<Example>>,
}

/// A qualifier phrase before an amount and what it does to the value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifier {
    pub name: Spanned<String>,
    pub phrases: Vec<String>,
    /// "approx", "lower", "upper" or "almost".
    pub effect: Spanned<String>,
    /// "before" (default: "more than $4 billion") or "after" ("$4
    /// billion-plus", "$1 billion or more"): where the phrase stands.
    /// Patterns place the latter with `{post_qualifier}`.
    #[serde(default)]
    pub position: Option<Spanned<String>>,
    pub examples: Vec<Spanned<Example>>,
}

/// A number written as a word: "half" → 0.5, "seventy" → 70.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberWord {
    pub name: Spanned<String>,
    pub words: Vec<String>,
    pub value: f64,
    pub examples: Vec<Spanned<Example>>,
}

/// A rate unit after an amount: "a share", "per year", "-a-year".
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Per {
    pub name: Spanned<String>,
    pub words: Vec<String>,
    /// The normalised unit: "share", "year", "unit".
    pub unit: String,
    pub examples: Vec<Spanned<Example>>,
}

/// What a count or quantity measures, written after its number: "users",
/// "shares", "gigawatts" ("450 million active users", "7 GW").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub name: Spanned<String>,
    pub words: Vec<String>,
    /// The normalised unit: "people", "shares", "GW".
    pub unit: String,
    pub examples: Vec<Spanned<Example>>,
}

/// A month name and its abbreviations.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Month {
    pub name: Spanned<String>,
    pub words: Vec<String>,
    /// 1 to 12.
    pub number: u32,
    pub examples: Vec<Spanned<Example>>,
}

/// A regular-expression pattern for one kind of mention, with macros such as
/// `{number}`, `{scale}`, `{month}` (see rules/README.md for the list).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    pub name: Spanned<String>,
    /// "money", "date", "percent" or "entity".
    pub kind: Spanned<String>,
    pub regex: Spanned<String>,
    /// For dates: "start" (since 2019) or "end" (by 2026); default a point.
    #[serde(default)]
    pub role: Option<String>,
    /// For entity patterns: words that are never names on their own.
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// For entity patterns: stop words kept at the end of a longer name
    /// ("Scale AI", "Jasper Labs"), though never a name alone.
    #[serde(default)]
    pub name_suffixes: Vec<String>,
    /// For entity patterns: words that are no name on their own but may
    /// start or end one ("Japanese", yet "Japanese Tobacco Corp").
    #[serde(default)]
    pub not_alone: Vec<String>,
    /// For entity patterns: endings that make a capitalised word an
    /// adjective, no name ("Oslo-based", "AI-assisted").
    #[serde(default)]
    pub adjective_endings: Vec<String>,
    /// Words that veto a match when they stand right before it (through a
    /// "from" or "by"): "rose $3 billion to $22 billion" is a change, not a range.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Veto a match right after a number ("5 percent of 10" holds no
    /// "percent of 10").
    #[serde(default)]
    pub not_after_number: bool,
    pub examples: Vec<Spanned<Example>>,
}

/// A known entity: canonical name, type, aliases and the parent it belongs to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub name: Spanned<String>,
    pub canonical: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub aliases: Vec<String>,
    #[serde(default)]
    pub parent: Option<String>,
    /// Match aliases ignoring ASCII case (default: exact case).
    #[serde(default)]
    pub ignore_case: bool,
    pub examples: Vec<Spanned<Example>>,
}

/// Words that make a value into a claim with a predicate ("invest" → "invests in").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    pub name: Spanned<String>,
    pub predicate: String,
    /// Trigger words and phrases, matched as whole words, ignoring case.
    pub words: Vec<String>,
    /// Which values this trigger takes: "money", "percent", "quantity".
    #[serde(default = "default_values")]
    pub values: Vec<String>,
    /// The units of the quantities it takes ("people", "GW"); empty: any.
    #[serde(default)]
    pub units: Vec<String>,
    /// Prepositions that introduce the object: "in", "into", "to".
    #[serde(default)]
    pub object_preps: Vec<String>,
    /// Prepositions that introduce the subject after the value: "by", "from".
    #[serde(default)]
    pub agent_preps: Vec<String>,
    /// Words that cancel the trigger when they stand right before it: a
    /// "deal valued at $28 billion" is a price, not a company's valuation.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Words that cancel the trigger when they stand right after it: in
    /// "investment giant SoftBank" the trigger word names a kind of company.
    #[serde(default)]
    pub not_before: Vec<String>,
    /// The object may be a part of the subject (a stake in a subsidiary);
    /// by default "Amazon … AWS" is no claim between the two.
    #[serde(default)]
    pub object_can_be_part: bool,
    /// The percentage stated is what the subject does not hold ("the 61% of
    /// Sky it doesn't already own"): the claim's value is 100 minus it.
    #[serde(default)]
    pub complement: bool,
    /// The name between the value and this (noun) trigger, or the name the
    /// phrase stands in apposition to, is the subject, and nothing else
    /// is: "the $500 billion Stargate project", "Stargate, the $100 billion
    /// endeavor".
    #[serde(default)]
    pub named_between: bool,
    /// The value is a price per share ("shares closed at $77.56"): the
    /// claim's unit is the currency per share, compared with other
    /// per-share prices and never with a deal's total.
    #[serde(default)]
    pub per_share: bool,
    /// The value is a rate — a price per period or unit ("costing $1 per
    /// year", "$20 a month"): the trigger takes only amounts with a rate
    /// (never "a share"), so "the deal costs $19 billion" is no fee.
    #[serde(default)]
    pub rate: bool,
    /// The predicate when the object follows one of these prepositions:
    /// `predicate_after = { for = "acquires" }` reads "paid $19 billion for
    /// WhatsApp" as a purchase, not spending with WhatsApp.
    #[serde(default)]
    pub predicate_after: std::collections::BTreeMap<String, String>,
    /// Prepositions after which the name is the subject, the name before
    /// the other party: "sold a 49% stake to Kestrel" — Kestrel holds it.
    #[serde(default)]
    pub holder_after: Vec<String>,
    /// No claim without a name after `holder_after`: "sold its unit to
    /// Kestrel" is Kestrel's purchase, "sold its stake in Halvard" names no
    /// buyer, and the seller is not one.
    #[serde(default)]
    pub holder_required: bool,
    /// The trigger reaches a value only when a name follows it at once
    /// ("a $30 billion deal with Oracle"; not "Disney's deal with a bid of
    /// $65 billion").
    #[serde(default)]
    pub object_required: bool,
    /// A money value right after one of these words is the price paid for
    /// what the trigger names, claimed with `price_predicate` even by a
    /// trigger that takes no money: "took a 49% stake in Scale AI for $14.3
    /// billion". Without the word it is no price ("the stake is worth …").
    #[serde(default)]
    pub price_words: Vec<String>,
    #[serde(default)]
    pub price_predicate: Option<String>,
    /// The object is optional: no party from elsewhere in the document is
    /// taken for it ("revenue rose to $3.2 billion" is from no one named).
    #[serde(default)]
    pub object_optional: bool,
    /// The predicate reads the same both ways ("has a deal with"): the
    /// two parties are put in name order, so "A's deal with B" and "B's
    /// deal with A" are one fact.
    #[serde(default)]
    pub symmetric: bool,
    /// Entity types that are never the trigger's object: "invest … in the
    /// United States" names where, not whom (`["place"]`).
    #[serde(default)]
    pub not_object_types: Vec<String>,
    pub examples: Vec<Spanned<Example>>,
}

fn default_values() -> Vec<String> {
    vec!["money".to_string()]
}

/// Words near a value that set a claim's scope or add a qualifier:
/// "initial", "additional" → tranche; "total", "cumulative" → total;
/// "potential" → a label only; "+" / "plus" → the values are parts of a sum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    pub name: Spanned<String>,
    pub words: Vec<String>,
    /// "tranche", "total", "sum", "part" or "label".
    pub sets: Spanned<String>,
    /// Where the word stands relative to the value: "before", "after", "any".
    #[serde(default = "default_position")]
    pub position: String,
    /// What the word says about the figure, for comparing: "prospective"
    /// (projected, not paid), "revised" (replaced an earlier figure),
    /// "original" (the earlier figure), "completed" (as paid at completion),
    /// "valuation" (valued on a stated basis), "component:NAME".
    #[serde(default)]
    pub means: Option<Spanned<String>>,
    /// Phrases that veto the cue when they stand right before it ("takeover"
    /// before "target").
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Words the cue may stand after its value or trigger (default 2):
    /// what a figure measures is often said at the end of its clause ("its
    /// $69 billion acquisition of VMware Inc, including debt").
    #[serde(default)]
    pub reach_after: Option<usize>,
    pub examples: Vec<Spanned<Example>>,
}

fn default_position() -> String {
    "before".to_string()
}

/// A number or a string (dates are ISO strings, amounts are numbers).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Num(f64),
    Str(String),
}

/// A description that stands for a company named before it ("the app",
/// "the start-up"): a value whose clause names no one is that company's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub name: Spanned<String>,
    pub words: Vec<String>,
    /// What the description stands for: "company" (the default; the
    /// nearest company named before it), "person" (the company of the
    /// person named before it: "SoftBank's Masayoshi Son … The billionaire")
    /// or "owner" (words after a name: "the ChatGPT maker" is the owner the
    /// gazetteer gives ChatGPT).
    /// or "deal" (a deal named before by two parties: "OpenAI and Oracle
    /// announced a joint agreement …. This partnership is projected to
    /// attract $300 billion": the figure is the deal's).
    #[serde(default)]
    pub refers_to: Option<Spanned<String>>,
    /// For `refers_to = "deal"`: the predicate of the deal's claims.
    #[serde(default)]
    pub predicate: Option<String>,
    /// For `refers_to = "deal"`: the nouns that name the deal where its
    /// parties are stated ("agreement", "partnership").
    #[serde(default)]
    pub antecedents: Vec<String>,
    pub examples: Vec<Spanned<Example>>,
}

/// Words that link a value or a name to what stands beside it and change
/// what it is: "led by" makes the name after it a round's investor (no
/// party to the round's figure), "(" or ", or" after an amount makes the
/// amount after it a conversion into another currency, "calculations"
/// after a name makes it the source of a figure, not a party.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub name: Spanned<String>,
    /// "investor" (the words stand right before a name), "conversion"
    /// (the words are all that stands between two amounts) or "source"
    /// (the words stand right after a name).
    pub means: Spanned<String>,
    pub words: Vec<String>,
    pub examples: Vec<Spanned<Example>>,
}

/// One example a rule must satisfy. `text` is run through the extractor (and
/// the claim builder, for claim rules); the other fields say what must come out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// The expected mention's exact text (default: the whole `text`).
    #[serde(default, rename = "match")]
    pub matched: Option<String>,
    /// A negative example: this rule must produce nothing here (for a
    /// trigger: no claim from it; for a cue: no claim at all).
    #[serde(default)]
    pub none: bool,
    #[serde(default)]
    pub value: Option<Scalar>,
    #[serde(default)]
    pub min: Option<Scalar>,
    #[serde(default)]
    pub max: Option<Scalar>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub approx: Option<bool>,
    #[serde(default)]
    pub bound: Option<String>,
    #[serde(default)]
    pub per: Option<String>,
    /// A quantity's or a claim's unit ("people", "GW", "USD").
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub granularity: Option<String>,
    #[serde(default)]
    pub canonical: Option<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub object: Option<String>,
    #[serde(default)]
    pub predicate: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    /// A qualifier the claim must carry ("potential").
    #[serde(default)]
    pub qualifier: Option<String>,
    /// A mark the claim must carry, by kind ("conversion") or by kind and
    /// words ("conversion: 10 billion euros").
    #[serde(default)]
    pub mark: Option<String>,
    /// The document date to resolve against ("2014-10-06").
    #[serde(default)]
    pub doc_date: Option<String>,
}
