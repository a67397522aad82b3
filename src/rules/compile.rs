//! Rule files → compiled matchers.
//!
//! Lexicon tables (currencies, scales, qualifiers, months…) become lookup maps
//! and regex alternations; patterns are regex templates whose `{macros}` expand
//! to those alternations with named groups; entities and claim words become
//! aho-corasick automata. All problems are collected and returned together.

use super::format::{self, Example, RuleFile};
use super::layer::{Layer, Merger, Parsed};
use super::prefilter::Prefilter;
use super::problem::{at, enclosing_rule_name};
use super::{RuleId, RuleInfo, RuleSet, RuleSource};
use crate::error::{Error, Result, RuleProblem};
use crate::normalize::Effect;
use crate::span::LineIndex;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};
use std::collections::{HashMap, HashSet};
use toml::Spanned;

/// What a pattern produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PatternKind {
    Money,
    Date,
    Percent,
    Quantity,
    Entity,
}

impl PatternKind {
    fn parse(s: &str) -> Option<PatternKind> {
        match s {
            "money" => Some(PatternKind::Money),
            "date" => Some(PatternKind::Date),
            "percent" => Some(PatternKind::Percent),
            "quantity" => Some(PatternKind::Quantity),
            "entity" => Some(PatternKind::Entity),
            _ => None,
        }
    }

    /// Named groups a pattern of this kind may use (anything else is a typo).
    fn groups(self) -> Vec<&'static str> {
        // A number, spelled or not, and its qualifiers: every amount kind.
        const AMOUNT: &[&str] = &[
            "num",
            "num2",
            "numword",
            "numword2",
            "qual",
            "qual2",
            "postqual",
            "postqual2",
        ];
        let (shared, own): (&[&str], &[&str]) = match self {
            PatternKind::Money => (
                AMOUNT,
                &[
                    "cur_prefix",
                    "cur_prefix2",
                    "cur_suffix",
                    "cur_suffix2",
                    "scale",
                    "scale2",
                    "per",
                    "cents",
                    "centsword",
                ],
            ),
            PatternKind::Percent => (AMOUNT, &["neg"]),
            PatternKind::Quantity => (AMOUNT, &["scale", "scale2", "measure", "per"]),
            PatternKind::Date => (
                &[],
                &[
                    "year",
                    "year2",
                    "month",
                    "month2",
                    "month_num",
                    "day",
                    "day2",
                    "quarter",
                    "fiscal",
                    "deictic",
                    "shift",
                    "part",
                    "unit",
                    "count",
                    "numword",
                    "ago",
                    "weekday",
                    "decade",
                    "half",
                ],
            ),
            PatternKind::Entity => (&[], &[]),
        };
        shared
            .iter()
            .chain(own)
            .chain(&["span", "veto"])
            .copied()
            .collect()
    }
}

/// A compiled `[[pattern]]`.
#[derive(Debug)]
pub struct CompiledPattern {
    pub id: RuleId,
    pub kind: PatternKind,
    pub regex: Regex,
    pub role: Option<String>,
    pub stopwords: HashSet<String>,
    /// Stop words kept at the end of a longer name.
    pub name_suffixes: HashSet<String>,
    /// Words that are no name on their own.
    pub not_alone: HashSet<String>,
    /// Lower-cased endings that make a word an adjective ("-based").
    pub adjective_endings: Vec<String>,
    /// Lower-cased words that veto a match right after them.
    pub not_after: Vec<String>,
    /// Veto a match whose previous word is a number.
    pub not_after_number: bool,
}

/// Lookup maps for the lexicon tables. Keys are lower-cased with single spaces.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub cur_prefix: HashMap<String, (RuleId, String, f64)>,
    pub cur_suffix: HashMap<String, (RuleId, String, f64)>,
    pub scale: HashMap<String, (RuleId, f64)>,
    pub qualifier: HashMap<String, (RuleId, Effect)>,
    pub number_word: HashMap<String, (RuleId, f64)>,
    pub per: HashMap<String, (RuleId, String)>,
    /// What a quantity counts: word → (rule, unit).
    pub measure: HashMap<String, (RuleId, String)>,
    pub month: HashMap<String, (RuleId, u32)>,
}

/// The key under which a lexicon word is stored and looked up.
pub fn lex_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The key of a currency prefix or suffix: `lex_key` without spaces, so
/// "hk $" finds "HK$".
pub fn cur_key(s: &str) -> String {
    s.split_whitespace().collect::<String>().to_lowercase()
}

/// A known entity.
#[derive(Debug, Clone)]
pub struct EntityInfo {
    pub id: RuleId,
    pub canonical: String,
    pub kind: String,
    pub parent: Option<String>,
}

/// The gazetteer: aliases → entities, matched with aho-corasick.
#[derive(Debug)]
pub struct Gazetteer {
    pub entities: Vec<EntityInfo>,
    exact: Option<(AhoCorasick, Vec<usize>)>,
    nocase: Option<(AhoCorasick, Vec<usize>)>,
}

impl Gazetteer {
    /// All alias matches as (span, entity index), leftmost-longest, on word
    /// boundaries. A boundary also counts between a lower-case letter and an
    /// upper-case one, because flattened tables glue cells together
    /// ("from MicrosoftPrimarily").
    pub fn find(&self, text: &str) -> Vec<(Span, usize)> {
        let mut out = Vec::new();
        for (ac, map) in [&self.exact, &self.nocase].into_iter().flatten() {
            for m in ac.find_iter(text) {
                let span = Span::new(m.start(), m.end());
                if is_word_bounded(text, span, true) {
                    out.push((span, map[m.pattern().as_usize()]));
                }
            }
        }
        // Prefer the longer of overlapping matches from the two automata.
        out.sort_by_key(|(s, i)| (s.start, std::cmp::Reverse(s.end), *i));
        let mut kept: Vec<(Span, usize)> = Vec::new();
        for (s, i) in out {
            if kept.last().is_some_and(|(k, _)| k.overlaps(&s)) {
                continue;
            }
            kept.push((s, i));
        }
        kept
    }

    /// Find an entity by canonical name.
    pub fn by_canonical(&self, name: &str) -> Option<&EntityInfo> {
        self.entities.iter().find(|e| e.canonical == name)
    }
}

/// True when `span` does not cut a word: the characters either side of it are
/// not alphanumeric where the span's own edge is. With `camel`, a lower→upper
/// transition also counts as a boundary at the end.
pub fn is_word_bounded(text: &str, span: Span, camel: bool) -> bool {
    let first = text[span.start..].chars().next();
    let last = text[..span.end].chars().next_back();
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    if let (Some(f), Some(b)) = (first, before) {
        if f.is_alphanumeric() && b.is_alphanumeric() {
            return false;
        }
    }
    if let (Some(l), Some(a)) = (last, after) {
        if l.is_alphanumeric() && a.is_alphanumeric() {
            let camel_join = camel && l.is_lowercase() && a.is_uppercase();
            if !camel_join {
                return false;
            }
        }
    }
    true
}

/// What a description stands for (`refers_to` of a `[[reference]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefersTo {
    /// The nearest company named before it ("the app", "the start-up").
    Company,
    /// The company of the person named before it ("the billionaire").
    Person,
    /// Words after a name: its owner in the gazetteer ("the ChatGPT maker").
    Owner,
    /// A deal whose two parties an earlier sentence names ("OpenAI and
    /// Oracle announced a joint agreement … This partnership").
    Deal,
}

/// The `[[link]]` words, by what they mean: lower case, single-spaced.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Right before a name: a round's investor ("led by", "backed by").
    pub investor: Vec<String>,
    /// All that stands between an amount and its conversion ("(", ", or").
    pub conversion: Vec<String>,
    /// Right after a name: the name is a figure's source ("calculations").
    pub source: Vec<String>,
}

/// A description rule.
#[derive(Debug, Clone)]
pub struct ReferenceInfo {
    pub id: RuleId,
    pub refers_to: RefersTo,
    /// For a deal: the predicate of its claims.
    pub predicate: String,
    /// For a deal: the nouns naming it where its parties are stated, lower case.
    pub antecedents: Vec<String>,
}

/// A claim trigger.
#[derive(Debug, Clone)]
pub struct TriggerInfo {
    pub id: RuleId,
    pub predicate: String,
    pub money: bool,
    pub percent: bool,
    pub quantity: bool,
    /// The quantity units it takes; empty: any.
    pub units: Vec<String>,
    pub object_preps: Vec<String>,
    pub agent_preps: Vec<String>,
    /// Lower-cased words that cancel the trigger right before it.
    pub not_after: Vec<String>,
    /// Lower-cased words that cancel the trigger right after it.
    pub not_before: Vec<String>,
    pub object_can_be_part: bool,
    /// The value is 100 minus the percentage stated (see the rule format).
    pub complement: bool,
    /// Only the name between value and trigger (or in apposition) is the
    /// subject (see the rule format).
    pub named_between: bool,
    /// The value is a price per share (see the rule format).
    pub per_share: bool,
    /// Only amounts with a rate ("per year"), never per share.
    pub rate: bool,
    /// (preposition, predicate): the predicate when the object follows
    /// that preposition ("paid … for WhatsApp" acquires).
    pub predicate_after: Vec<(String, String)>,
    /// Lower-cased prepositions after which the name is the subject.
    pub holder_after: Vec<String>,
    /// No claim without a holder after `holder_after`.
    pub holder_required: bool,
    /// Reaches a value only with a name right after it.
    pub object_required: bool,
    /// Lower-cased words before a money value that make it the price of
    /// what the trigger names, and the predicate of that price.
    pub price_words: Vec<String>,
    pub price_predicate: Option<String>,
    /// No object from elsewhere in the document.
    pub object_optional: bool,
    /// The parties are put in name order (a deal "with" reads both ways).
    pub symmetric: bool,
    /// Entity types never taken as the object (lower case).
    pub not_object_types: Vec<String>,
}

impl TriggerInfo {
    /// Whether this trigger takes value `v`: its kind, and for a quantity
    /// its unit (a rate "people/day" counts as its base unit "people").
    pub fn takes(&self, v: &crate::extract::Mention) -> bool {
        use crate::extract::Value;
        match &v.value {
            Value::Money(m) => {
                self.money && (!self.rate || m.per.as_deref().is_some_and(|p| p != "share"))
            }
            Value::Percent(_) => self.percent,
            Value::Quantity(q) => {
                let base = q.unit.split('/').next().unwrap_or(&q.unit);
                self.quantity && (self.units.is_empty() || self.units.iter().any(|u| u == base))
            }
            Value::Date(_) | Value::Entity(_) => false,
        }
    }
}

/// What a cue word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueSets {
    Tranche,
    Total,
    Sum,
    Label,
    /// A component of a price ("in cash", "shares worth"): a part when
    /// two or more values of the sentence are components.
    Part,
    /// Words that introduce a price ("in exchange for"): a component after
    /// them continues the deal stated before, whatever names stand before it.
    Price,
}

/// Where a cue must stand relative to the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CuePosition {
    Before,
    After,
    Any,
}

/// A claim cue.
#[derive(Debug, Clone)]
pub struct CueInfo {
    pub id: RuleId,
    pub sets: CueSets,
    pub position: CuePosition,
    /// What the cue says about a figure (one of `claims::MARKS`).
    pub means: Option<&'static str>,
    /// For `means = "component:NAME"`: the component's name ("cash").
    pub component: Option<String>,
    /// Lower-cased phrases that veto the cue right before it.
    pub not_after: Vec<String>,
    /// Words it may stand after its value or trigger.
    pub reach_after: usize,
}

/// Phrases matched as whole words ignoring ASCII case, each mapped to an item.
#[derive(Debug)]
pub struct PhraseSet<T> {
    pub items: Vec<T>,
    ac: Option<(AhoCorasick, Vec<usize>)>,
}

impl<T> PhraseSet<T> {
    /// `MatchKind::LeftmostLongest` for one match per place;
    /// `MatchKind::Standard` for a layered set, whose phrases may overlap
    /// when neither holds the other (see [`PhraseSet::find`]).
    fn new(items: Vec<T>, phrases: Vec<(String, usize)>, kind: MatchKind) -> PhraseSet<T> {
        let ac = build_ac(&phrases, true, kind);
        PhraseSet { items, ac }
    }

    /// Matches as (span, item index), whole words only, in text order.
    /// Leftmost-longest; in a layered set (the claim cues) every match
    /// that no longer match holds, so that phrases of different cues that
    /// only overlap are both found ("was paid" and "paid in cash" in "was
    /// paid in cash") while the longer phrase still wins over one inside it
    /// ("in cash and stock" over "in cash").
    pub fn find(&self, text: &str) -> Vec<(Span, usize)> {
        let Some((ac, map)) = &self.ac else {
            return Vec::new();
        };
        let found = |m: aho_corasick::Match| {
            let span = Span::new(m.start(), m.end());
            is_word_bounded(text, span, false).then(|| (span, map[m.pattern().as_usize()]))
        };
        if ac.match_kind() != MatchKind::Standard {
            return ac.find_iter(text).filter_map(found).collect();
        }
        let mut all: Vec<(Span, usize)> =
            ac.find_overlapping_iter(text).filter_map(found).collect();
        all.sort_by_key(|(s, i)| (s.start, std::cmp::Reverse(s.end), *i));
        all.dedup_by_key(|(s, _)| *s);
        // In this order a match is held by an earlier one exactly when an
        // earlier one reaches as far.
        let mut reach = 0;
        let mut out = Vec::with_capacity(all.len());
        for (s, i) in all {
            if out.is_empty() || s.end > reach {
                out.push((s, i));
            }
            reach = reach.max(s.end);
        }
        out
    }
}

fn build_ac(
    phrases: &[(String, usize)],
    nocase: bool,
    kind: MatchKind,
) -> Option<(AhoCorasick, Vec<usize>)> {
    if phrases.is_empty() {
        return None;
    }
    let ac = AhoCorasickBuilder::new()
        .match_kind(kind)
        .ascii_case_insensitive(nocase)
        .build(phrases.iter().map(|(p, _)| p.as_str()))
        .expect("aho-corasick over plain strings builds");
    Some((ac, phrases.iter().map(|(_, i)| *i).collect()))
}

/// Limits that keep a hostile rule file from costing unbounded memory.
const REGEX_SIZE_LIMIT: usize = 16 << 20;

struct Ctx<'a> {
    problems: Vec<RuleProblem>,
    rules: Vec<RuleInfo>,
    source: Option<&'a RuleSource>,
    lines: Option<&'a LineIndex>,
}

impl<'a> Ctx<'a> {
    /// The rule file the next rules come from.
    fn enter(&mut self, src: &'a RuleSource, lines: &'a LineIndex) {
        self.source = Some(src);
        self.lines = Some(lines);
    }

    fn problem(
        &mut self,
        offset: usize,
        rule: Option<&str>,
        msg: impl Into<String>,
        help: Option<String>,
    ) {
        let src = self.source.expect("source set");
        self.problems
            .push(at(&src.path, &src.text, offset, rule, msg, help));
    }

    /// Register a rule; returns its id.
    fn add(
        &mut self,
        table: &'static str,
        name: &Spanned<String>,
        examples: &[Spanned<Example>],
        overrides: Option<String>,
    ) -> RuleId {
        let src = self.source.expect("source set");
        let index = self.lines.expect("lines set");
        let (line, _) = index.line_col(&src.text, name.span().start);
        if name.get_ref().trim().is_empty() {
            self.problem(
                name.span().start,
                None,
                "empty rule name",
                Some("name = \"my-rule\"".into()),
            );
        }
        if examples.is_empty() {
            self.problem(
                name.span().start,
                Some(name.get_ref()),
                format!("{table} rule has no examples"),
                Some("add examples = [{ text = \"…\", … }]: every rule carries examples it must match".into()),
            );
        }
        let examples = examples
            .iter()
            .map(|e| {
                let (line, column) = index.line_col(&src.text, e.span().start);
                super::ExampleAt {
                    line,
                    column,
                    raw: src.text[e.span()].to_string(),
                    lines: (0..src.text[e.span()].lines().count().max(1))
                        .map(|i| index.line(&src.text, line + i).to_string())
                        .collect(),
                    example: e.get_ref().clone(),
                }
            })
            .collect();
        self.rules.push(RuleInfo {
            file: src.path.clone(),
            table,
            name: name.get_ref().clone(),
            line,
            examples,
            overrides,
        });
        (self.rules.len() - 1) as RuleId
    }
}

/// Parse every layer's files, merge the layers, and compile what is in force.
pub fn compile(layers: &[Layer]) -> Result<RuleSet> {
    let mut ctx = Ctx {
        problems: Vec::new(),
        rules: Vec::new(),
        source: None,
        lines: None,
    };
    let mut parsed: Vec<Parsed> = Vec::new();
    for (layer, l) in layers.iter().enumerate() {
        for src in &l.sources {
            match toml::from_str::<RuleFile>(&src.text) {
                Ok(file) => parsed.push(Parsed {
                    layer,
                    src,
                    lines: LineIndex::new(&src.text),
                    file,
                }),
                Err(e) => {
                    let offset = e.span().map_or(0, |s| s.start);
                    let rule = enclosing_rule_name(&src.text, offset);
                    let message = e.message().trim().to_string();
                    let help = if message.contains("unknown field") {
                        Some("check the spelling; the fields each table takes are listed in rules/README.md".into())
                    } else if message.contains("missing field") {
                        Some(
                            "add the missing field; rules/README.md lists each table's fields"
                                .into(),
                        )
                    } else if message.contains("string") {
                        Some("close the string on the line it starts with a matching quote; write a regex as '''…''' so backslashes need no escaping".into())
                    } else {
                        Some("this is TOML syntax (https://toml.io): check the brackets, quotes and commas at the caret".into())
                    };
                    ctx.problems.push(at(
                        &src.path,
                        &src.text,
                        offset,
                        rule.as_deref(),
                        message,
                        help,
                    ));
                }
            }
        }
    }
    let mut merger = Merger::new(&parsed);
    let currency = merger.table("currency", |f| &f.currency);
    let scale = merger.table("scale", |f| &f.scale);
    let qualifier = merger.table("qualifier", |f| &f.qualifier);
    let number_word = merger.table("number_word", |f| &f.number_word);
    let per = merger.table("per", |f| &f.per);
    let measure = merger.table("measure", |f| &f.measure);
    let month = merger.table("month", |f| &f.month);
    let pattern = merger.table("pattern", |f| &f.pattern);
    let entity = merger.table("entity", |f| &f.entity);
    let trigger = merger.table("trigger", |f| &f.trigger);
    let cue = merger.table("cue", |f| &f.cue);
    let reference = merger.table("reference", |f| &f.reference);
    let link = merger.table("link", |f| &f.link);
    merger.finish();
    ctx.problems.append(&mut merger.problems);

    let mut lex = Lexicon::default();
    let mut alts: HashMap<&'static str, Vec<String>> = HashMap::new();
    let mut entities: Vec<EntityInfo> = Vec::new();
    let mut exact_aliases: Vec<(String, usize)> = Vec::new();
    let mut nocase_aliases: Vec<(String, usize)> = Vec::new();
    let mut triggers: Vec<TriggerInfo> = Vec::new();
    let mut trigger_phrases: Vec<(String, usize)> = Vec::new();
    let mut cues: Vec<CueInfo> = Vec::new();
    let mut cue_phrases: Vec<(String, usize)> = Vec::new();
    let mut references: Vec<ReferenceInfo> = Vec::new();
    let mut reference_phrases: Vec<(String, usize)> = Vec::new();
    let mut owner_words: Vec<(String, RuleId)> = Vec::new();
    let mut named_nouns: HashSet<String> = HashSet::new();
    let mut links = Links::default();
    let mut raw_patterns: Vec<(&RuleSource, &Spanned<format::Pattern>, RuleId)> = Vec::new();

    {
        for item in &currency {
            ctx.enter(item.src, item.lines);
            let c = item.rule.get_ref();
            let id = ctx.add("currency", &c.name, &c.examples, item.overrides.clone());
            let factor = c.factor.unwrap_or(1.0);
            if c.prefixes.is_empty() && c.suffixes.is_empty() {
                ctx.problem(
                    c.name.span().start,
                    Some(c.name.get_ref()),
                    "currency has neither prefixes nor suffixes",
                    Some("add prefixes = [\"$\"] or suffixes = [\"dollars\"]".into()),
                );
            }
            for p in &c.prefixes {
                lex.cur_prefix
                    .insert(cur_key(p), (id, c.code.clone(), factor));
                alts.entry("cur_prefix").or_default().push(p.clone());
            }
            for s in &c.suffixes {
                lex.cur_suffix
                    .insert(cur_key(s), (id, c.code.clone(), factor));
                alts.entry("cur_suffix").or_default().push(s.clone());
            }
        }
        for item in &scale {
            ctx.enter(item.src, item.lines);
            let s = item.rule.get_ref();
            let id = ctx.add("scale", &s.name, &s.examples, item.overrides.clone());
            for w in &s.words {
                lex.scale.insert(lex_key(w), (id, s.multiplier));
                alts.entry("scale").or_default().push(w.clone());
            }
        }
        for item in &qualifier {
            ctx.enter(item.src, item.lines);
            let q = item.rule.get_ref();
            let id = ctx.add("qualifier", &q.name, &q.examples, item.overrides.clone());
            let Some(effect) = Effect::parse(q.effect.get_ref()) else {
                ctx.problem(
                    q.effect.span().start,
                    Some(q.name.get_ref()),
                    format!("unknown effect '{}'", q.effect.get_ref()),
                    Some("use one of: approx, lower, upper, almost".into()),
                );
                continue;
            };
            let key = match q.position.as_ref().map(|p| p.get_ref().as_str()) {
                None | Some("before") => "qualifier",
                Some("after") => "post_qualifier",
                Some(other) => {
                    let at = q.position.as_ref().map_or(0, |p| p.span().start);
                    ctx.problem(
                        at,
                        Some(q.name.get_ref()),
                        format!("unknown position '{other}'"),
                        Some("position = \"before\" or \"after\"".into()),
                    );
                    continue;
                }
            };
            for p in &q.phrases {
                lex.qualifier.insert(lex_key(p), (id, effect));
                alts.entry(key).or_default().push(p.clone());
            }
        }
        for item in &number_word {
            ctx.enter(item.src, item.lines);
            let n = item.rule.get_ref();
            let id = ctx.add("number_word", &n.name, &n.examples, item.overrides.clone());
            for w in &n.words {
                lex.number_word.insert(lex_key(w), (id, n.value));
                alts.entry("number_word").or_default().push(w.clone());
            }
        }
        for item in &per {
            ctx.enter(item.src, item.lines);
            let p = item.rule.get_ref();
            let id = ctx.add("per", &p.name, &p.examples, item.overrides.clone());
            for w in &p.words {
                lex.per.insert(lex_key(w), (id, p.unit.clone()));
                alts.entry("per").or_default().push(w.clone());
            }
        }
        for item in &measure {
            ctx.enter(item.src, item.lines);
            let m = item.rule.get_ref();
            let id = ctx.add("measure", &m.name, &m.examples, item.overrides.clone());
            if crate::normalize::is_currency_code(&m.unit) || m.unit == "%" {
                ctx.problem(
                    m.name.span().start,
                    Some(m.name.get_ref()),
                    format!("unit '{}' looks like a currency or a percentage", m.unit),
                    Some(
                        "name the unit in words or with lower-case letters (\"people\", \"GWh\")"
                            .into(),
                    ),
                );
            }
            for w in &m.words {
                lex.measure.insert(lex_key(w), (id, m.unit.clone()));
                alts.entry("measure").or_default().push(w.clone());
            }
        }
        for item in &month {
            ctx.enter(item.src, item.lines);
            let m = item.rule.get_ref();
            let id = ctx.add("month", &m.name, &m.examples, item.overrides.clone());
            if !(1..=12).contains(&m.number) {
                ctx.problem(
                    m.name.span().start,
                    Some(m.name.get_ref()),
                    format!("month number {} is not 1 to 12", m.number),
                    None,
                );
            }
            for w in &m.words {
                lex.month
                    .insert(lex_key(w.trim_end_matches('.')), (id, m.number));
                alts.entry("month").or_default().push(w.clone());
            }
        }
        for item in &pattern {
            ctx.enter(item.src, item.lines);
            let p = item.rule;
            let id = ctx.add(
                "pattern",
                &p.get_ref().name,
                &p.get_ref().examples,
                item.overrides.clone(),
            );
            raw_patterns.push((item.src, p, id));
        }
        for item in &entity {
            ctx.enter(item.src, item.lines);
            let e = item.rule.get_ref();
            let id = ctx.add("entity", &e.name, &e.examples, item.overrides.clone());
            let idx = entities.len();
            entities.push(EntityInfo {
                id,
                canonical: e.canonical.clone(),
                kind: e.kind.clone(),
                parent: e.parent.clone(),
            });
            for a in &e.aliases {
                if e.ignore_case {
                    nocase_aliases.push((a.clone(), idx));
                } else {
                    exact_aliases.push((a.clone(), idx));
                }
            }
            if e.aliases.is_empty() {
                ctx.problem(
                    e.name.span().start,
                    Some(e.name.get_ref()),
                    "entity has no aliases",
                    Some("aliases = [\"Name\", \"Other spelling\"]".into()),
                );
            }
        }
        for item in &trigger {
            ctx.enter(item.src, item.lines);
            let t = item.rule.get_ref();
            let id = ctx.add("trigger", &t.name, &t.examples, item.overrides.clone());
            for v in &t.values {
                if !["money", "percent", "quantity"].contains(&v.as_str()) {
                    ctx.problem(
                        t.name.span().start,
                        Some(t.name.get_ref()),
                        format!("unknown value kind '{v}'"),
                        Some(
                            "values = [\"money\"], [\"percent\"], [\"quantity\"] or several".into(),
                        ),
                    );
                }
            }
            if !t.units.is_empty() && !t.values.iter().any(|v| v == "quantity") {
                ctx.problem(
                    t.name.span().start,
                    Some(t.name.get_ref()),
                    "units = […] is for quantities only",
                    Some("values = [\"quantity\"]".into()),
                );
                continue;
            }
            if t.complement && t.values.iter().any(|v| v != "percent") {
                ctx.problem(
                    t.name.span().start,
                    Some(t.name.get_ref()),
                    "complement = true is for percentages only",
                    Some("values = [\"percent\"]".into()),
                );
                continue;
            }
            let idx = triggers.len();
            triggers.push(TriggerInfo {
                id,
                predicate: t.predicate.clone(),
                money: t.values.iter().any(|v| v == "money"),
                percent: t.values.iter().any(|v| v == "percent"),
                quantity: t.values.iter().any(|v| v == "quantity"),
                units: t.units.clone(),
                object_preps: t.object_preps.iter().map(|p| p.to_lowercase()).collect(),
                agent_preps: t.agent_preps.iter().map(|p| p.to_lowercase()).collect(),
                not_after: t.not_after.iter().map(|p| p.to_lowercase()).collect(),
                not_before: t.not_before.iter().map(|p| p.to_lowercase()).collect(),
                object_can_be_part: t.object_can_be_part,
                complement: t.complement,
                named_between: t.named_between,
                per_share: t.per_share,
                rate: t.rate,
                predicate_after: t
                    .predicate_after
                    .iter()
                    .map(|(p, q)| (p.to_lowercase(), q.clone()))
                    .collect(),
                holder_after: t.holder_after.iter().map(|p| p.to_lowercase()).collect(),
                holder_required: t.holder_required,
                object_required: t.object_required,
                price_words: t.price_words.iter().map(|p| p.to_lowercase()).collect(),
                price_predicate: t.price_predicate.clone(),
                object_optional: t.object_optional,
                symmetric: t.symmetric,
                not_object_types: t
                    .not_object_types
                    .iter()
                    .map(|x| x.to_lowercase())
                    .collect(),
            });
            for w in &t.words {
                trigger_phrases.push((w.clone(), idx));
                if t.named_between && !w.contains(' ') {
                    named_nouns.insert(w.to_lowercase());
                }
            }
        }
        for item in &reference {
            ctx.enter(item.src, item.lines);
            let r = item.rule.get_ref();
            let id = ctx.add("reference", &r.name, &r.examples, item.overrides.clone());
            let refers_to = match r.refers_to.as_ref().map(|x| x.get_ref().as_str()) {
                None | Some("company") => RefersTo::Company,
                Some("person") => RefersTo::Person,
                Some("owner") => RefersTo::Owner,
                Some("deal") => RefersTo::Deal,
                Some(other) => {
                    let at = r.refers_to.as_ref().map_or(r.name.span(), |x| x.span());
                    ctx.problem(
                        at.start,
                        Some(r.name.get_ref()),
                        format!("unknown refers_to '{other}'"),
                        Some("refers_to = \"company\", \"person\", \"owner\" or \"deal\"".into()),
                    );
                    continue;
                }
            };
            let predicate = r.predicate.clone().unwrap_or_default();
            if refers_to == RefersTo::Deal && (predicate.is_empty() || r.antecedents.is_empty()) {
                ctx.problem(
                    r.name.span().start,
                    Some(r.name.get_ref()),
                    "a deal description needs a predicate and its antecedents".to_string(),
                    Some(
                        "predicate = \"has a deal with\", antecedents = [\"agreement\", …]".into(),
                    ),
                );
                continue;
            }
            if refers_to == RefersTo::Owner {
                owner_words.extend(r.words.iter().map(|w| (w.to_lowercase(), id)));
                continue;
            }
            let idx = references.len();
            references.push(ReferenceInfo {
                id,
                refers_to,
                predicate,
                antecedents: r.antecedents.iter().map(|a| a.to_lowercase()).collect(),
            });
            for w in &r.words {
                reference_phrases.push((w.clone(), idx));
            }
        }
        for item in &link {
            ctx.enter(item.src, item.lines);
            let l = item.rule.get_ref();
            ctx.add("link", &l.name, &l.examples, item.overrides.clone());
            let list = match l.means.get_ref().as_str() {
                "investor" => &mut links.investor,
                "conversion" => &mut links.conversion,
                "source" => &mut links.source,
                other => {
                    ctx.problem(
                        l.means.span().start,
                        Some(l.name.get_ref()),
                        format!("unknown means '{other}'"),
                        Some("means = \"investor\", \"conversion\" or \"source\"".into()),
                    );
                    continue;
                }
            };
            list.extend(l.words.iter().map(|w| {
                w.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            }));
        }
        for item in &cue {
            ctx.enter(item.src, item.lines);
            let c = item.rule.get_ref();
            let id = ctx.add("cue", &c.name, &c.examples, item.overrides.clone());
            let sets = match c.sets.get_ref().as_str() {
                "tranche" => CueSets::Tranche,
                "total" => CueSets::Total,
                "sum" => CueSets::Sum,
                "label" => CueSets::Label,
                "part" => CueSets::Part,
                "price" => CueSets::Price,
                other => {
                    ctx.problem(
                        c.sets.span().start,
                        Some(c.name.get_ref()),
                        format!("unknown cue effect '{other}'"),
                        Some(
                            "sets = \"tranche\", \"total\", \"sum\", \"part\", \"price\" or \"label\"".into(),
                        ),
                    );
                    continue;
                }
            };
            let position = match c.position.as_str() {
                "before" => CuePosition::Before,
                "after" => CuePosition::After,
                "any" => CuePosition::Any,
                other => {
                    ctx.problem(
                        c.name.span().start,
                        Some(c.name.get_ref()),
                        format!("unknown position '{other}'"),
                        Some("position = \"before\", \"after\" or \"any\"".into()),
                    );
                    continue;
                }
            };
            let (kind, component) = match c.means.as_ref().map(|m| m.get_ref().as_str()) {
                Some(m) => match m.split_once(':') {
                    Some((k, name)) if k == "component" && !name.trim().is_empty() => {
                        (Some(k), Some(name.trim().to_lowercase()))
                    }
                    Some(_) => (Some(m), None),
                    None if m == "component" => (Some("component:"), None),
                    None => (Some(m), None),
                },
                None => (None, None),
            };
            let means = match (&c.means, kind) {
                (Some(m), Some(kind)) => match crate::claims::MARKS.iter().find(|k| **k == kind) {
                    Some(k) => Some(*k),
                    None => {
                        ctx.problem(
                            m.span().start,
                            Some(c.name.get_ref()),
                            format!("unknown meaning '{}'", m.get_ref()),
                            Some("means = \"prospective\", \"revised\", \"original\", \"completed\", \"valuation\", \"per-share\", \"moment\", \"target\", \"measure\", \"period\" or \"component:NAME\"".into()),
                        );
                        continue;
                    }
                },
                _ => None,
            };
            let idx = cues.len();
            cues.push(CueInfo {
                id,
                sets,
                position,
                means,
                component,
                not_after: c.not_after.iter().map(|p| p.to_lowercase()).collect(),
                reach_after: c.reach_after.unwrap_or(crate::claims::CUE_AFTER_REACH),
            });
            for w in &c.words {
                cue_phrases.push((w.clone(), idx));
            }
        }
    }

    // Parents must name a known entity.
    let canon: HashSet<&str> = entities.iter().map(|e| e.canonical.as_str()).collect();
    for item in &entity {
        let src = item.src;
        {
            let e = item.rule.get_ref();
            if let Some(p) = &e.parent {
                if !canon.contains(p.as_str()) {
                    ctx.problems.push(at(
                        &src.path,
                        &src.text,
                        e.name.span().start,
                        Some(e.name.get_ref()),
                        format!("parent '{p}' is not the canonical name of any entity"),
                        Some("add that entity, or fix the parent's spelling".into()),
                    ));
                }
            }
        }
    }

    let macros = build_macros(&alts);
    let mut patterns = Vec::new();
    for (src, p, id) in raw_patterns {
        let p = p.get_ref();
        let name = p.name.get_ref();
        let Some(kind) = PatternKind::parse(p.kind.get_ref()) else {
            ctx.problems.push(at(
                &src.path,
                &src.text,
                p.kind.span().start,
                Some(name),
                format!("unknown pattern kind '{}'", p.kind.get_ref()),
                Some("kind = \"money\", \"date\", \"percent\", \"quantity\" or \"entity\"".into()),
            ));
            continue;
        };
        match compile_pattern(p.regex.get_ref(), &macros, kind) {
            Ok(regex) => patterns.push(CompiledPattern {
                id,
                kind,
                regex,
                role: p.role.clone(),
                stopwords: p.stopwords.iter().map(|s| s.to_string()).collect(),
                name_suffixes: p.name_suffixes.iter().map(|s| s.to_string()).collect(),
                not_alone: p.not_alone.iter().map(|s| s.to_string()).collect(),
                adjective_endings: p
                    .adjective_endings
                    .iter()
                    .map(|s| s.to_lowercase())
                    .collect(),
                not_after: p.not_after.iter().map(|s| s.to_lowercase()).collect(),
                not_after_number: p.not_after_number,
            }),
            Err((offset, msg, help)) => {
                let raw = &src.text[p.regex.span()];
                let base = raw
                    .find(p.regex.get_ref().as_str())
                    .map_or(p.regex.span().start, |i| p.regex.span().start + i);
                let off = if raw.contains(p.regex.get_ref().as_str()) {
                    base + offset
                } else {
                    base
                };
                ctx.problems
                    .push(at(&src.path, &src.text, off, Some(name), msg, help));
            }
        }
    }

    if !ctx.problems.is_empty() {
        return Err(Error::Rules(ctx.problems));
    }

    let prefilter = Prefilter::new(
        &patterns
            .iter()
            .map(|p: &CompiledPattern| p.regex.as_str())
            .collect::<Vec<_>>(),
    );
    // What the rules are, for a store to tell whether an analysis made
    // under them can be reused: every layer's files, names and texts.
    let mut h = blake3::Hasher::new();
    for layer in layers {
        for src in &layer.sources {
            for part in [layer.name.as_str(), src.path.as_str(), src.text.as_str()] {
                h.update(&(part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
        }
    }
    let fingerprint = h.finalize().to_hex()[..16].to_string();
    Ok(RuleSet {
        fingerprint,
        rules: ctx.rules,
        lexicon: lex,
        patterns,
        prefilter,
        gazetteer: Gazetteer {
            entities,
            exact: build_ac(&exact_aliases, false, MatchKind::LeftmostLongest),
            nocase: build_ac(&nocase_aliases, true, MatchKind::LeftmostLongest),
        },
        triggers: PhraseSet::new(triggers, trigger_phrases, MatchKind::LeftmostLongest),
        cues: PhraseSet::new(cues, cue_phrases, MatchKind::Standard),
        references: PhraseSet::new(references, reference_phrases, MatchKind::LeftmostLongest),
        owner_words: {
            owner_words.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            owner_words
        },
        named_nouns,
        links,
        disabled: merger.disabled,
        origin: layers
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
    })
}

/// A macro: the regex it expands to, with `{n}` standing for the group suffix.
fn build_macros(alts: &HashMap<&'static str, Vec<String>>) -> HashMap<&'static str, String> {
    // Each lexicon word as a regex, longest first (the alternation is
    // leftmost-first); a space in a phrase matches any run of white space.
    let words_of = |key: &str| -> Vec<String> {
        let mut words: Vec<String> = alts.get(key).cloned().unwrap_or_default();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        words.dedup();
        words
            .iter()
            .map(|w| {
                w.split(' ')
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect()
    };
    let join = |words: Vec<String>| -> String {
        if words.is_empty() {
            // Matches nothing, so a pattern using an empty lexicon is inert.
            "[^\\s\\S]".to_string()
        } else {
            words.join("|")
        }
    };
    let alt = |key: &str| join(words_of(key));
    let mut m: HashMap<&'static str, String> = HashMap::new();
    // Western grouping (1,234,567), Indian grouping (12,34,567) or none.
    m.insert(
        "number",
        r"(?P<num{n}>(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?|\.\d+)".into(),
    );
    // A run of number words ("forty-five", "one hundred twenty", "three
    // quarters"); the extractor reads the run and rejects nonsense ("one two").
    let words = alt("number_word");
    let word_run = format!(r"(?i:{words})(?:[\s-]+(?i:{words}))*\b");
    m.insert("number_word", format!(r"(?P<numword{{n}}>{word_run})"));
    // The sub-unit part of "3 dollars 50 cents", "$20 and forty-three".
    m.insert(
        "cents",
        format!(r"(?:(?P<cents{{n}}>\d{{1,2}})\b|(?P<centsword{{n}}>{word_run}))"),
    );
    m.insert(
        "qualifier",
        format!(r"(?:(?P<qual{{n}}>(?i:{}))\s*)", alt("qualifier")),
    );
    // After the amount: "$4bn-plus", "$1 billion or more".
    m.insert(
        "post_qualifier",
        format!(
            r"(?:[\s-]*(?P<postqual{{n}}>(?i:{})))",
            alt("post_qualifier")
        ),
    );
    // "HK$" also matches "hk $" (tokenised newswire): a space may precede
    // the "$" of a lettered prefix. Lookups ignore spaces (`cur_key`).
    let prefixes = words_of("cur_prefix")
        .into_iter()
        .map(|w| match w.strip_suffix(r"\$") {
            // Two letters or more: "a $50" and "s $8" are no currency codes.
            Some(head) if head.len() >= 2 && !head.ends_with(r"\s+") => format!(r"{head}\s?\$"),
            _ => w,
        })
        .collect();
    m.insert(
        "cur_prefix",
        format!(r"(?P<cur_prefix{{n}}>(?i:{}))", join(prefixes)),
    );
    // A suffix ending in a letter must end a word ("dollars", not
    // "dollarsign"); a symbol suffix ("10$", "20€") needs no boundary.
    let suffixes = words_of("cur_suffix")
        .into_iter()
        .map(|w| {
            if w.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                format!(r"{w}\b")
            } else {
                w
            }
        })
        .collect();
    m.insert(
        "cur_suffix",
        format!(r"(?P<cur_suffix{{n}}>(?i:{}))", join(suffixes)),
    );
    m.insert("scale", format!(r"(?P<scale{{n}}>(?i:{}))\b", alt("scale")));
    m.insert("per", format!(r"(?P<per{{n}}>(?i:{}))\b", alt("per")));
    m.insert(
        "measure",
        format!(r"(?P<measure{{n}}>(?i:{}))\b", alt("measure")),
    );
    m.insert("month", format!(r"(?P<month{{n}}>{})", alt("month")));
    m.insert(
        "weekday",
        r"(?:Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:r|rs|rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?".into(),
    );
    m.insert(
        "day",
        r"(?P<day{n}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?".into(),
    );
    m.insert("year", r"(?P<year{n}>(?:1[6-9]|20|21)\d{2})".into());
    m.insert(
        "quarter",
        r"(?P<quarter{n}>[1-4]|(?i:first|second|third|fourth))".into(),
    );
    m.insert("month_num", r"(?P<month_num{n}>0[1-9]|1[0-2])".into());
    m.insert("to", r"(?:\s*[-–—]\s*|\s+(?:to|through)\s+)".into());
    m
}

/// Expand `{macro}` / `{macro2}` in a template and compile it. Errors carry an
/// offset into the template, a message and a hint.
fn compile_pattern(
    template: &str,
    macros: &HashMap<&'static str, String>,
    kind: PatternKind,
) -> std::result::Result<Regex, (usize, String, Option<String>)> {
    let mut out = String::new();
    // (offset in expanded, offset in template) at each literal run start.
    let mut map: Vec<(usize, usize)> = vec![(0, 0)];
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && i + 1 < bytes.len() {
            // An escaped character (e.g. "\{"), copied as is; a Unicode class
            // "\p{Lu}" is copied whole so its braces are not a macro.
            let ch_len = template[i + 1..].chars().next().map_or(1, char::len_utf8);
            let mut end = i + 1 + ch_len;
            if matches!(bytes[i + 1], b'p' | b'P') && bytes.get(end) == Some(&b'{') {
                end = template[end..]
                    .find('}')
                    .map_or(template.len(), |c| end + c + 1);
            }
            out.push_str(&template[i..end]);
            i = end;
            continue;
        }
        if bytes[i] == b'{' {
            if let Some(close) = template[i..].find('}') {
                let inner = &template[i + 1..i + close];
                if inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    let (base, suffix) = match inner.strip_suffix('2') {
                        Some(b) => (b, "2"),
                        None => (inner, ""),
                    };
                    let Some(body) = macros.get(base) else {
                        let mut names: Vec<&str> = macros.keys().copied().collect();
                        names.sort();
                        return Err((
                            i,
                            format!("unknown macro {{{inner}}}"),
                            Some(format!("macros are: {}", names.join(", "))),
                        ));
                    };
                    out.push_str(&body.replace("{n}", suffix));
                    i += close + 1;
                    map.push((out.len(), i));
                    continue;
                }
            }
        }
        let ch = template[i..].chars().next().expect("in bounds");
        out.push(ch);
        i += ch.len_utf8();
    }
    let to_template = |expanded: usize| -> usize {
        let (e, t) = map
            .iter()
            .rev()
            .find(|(e, _)| *e <= expanded)
            .copied()
            .unwrap_or((0, 0));
        (t + (expanded - e)).min(template.len())
    };
    // `\b` is compiled as an ASCII word boundary: a Unicode one makes the
    // regex crate's DFA give up on non-ASCII text (curly quotes, dashes: all
    // of news), falling back to a far slower engine. Word boundaries are
    // checked again, Unicode-aware, on every match (`is_word_bounded`).
    if let Err(e) = regex_syntax::Parser::new().parse(&out) {
        let (offset, msg) = match &e {
            regex_syntax::Error::Parse(p) => (p.span().start.offset, p.kind().to_string()),
            regex_syntax::Error::Translate(t) => (t.span().start.offset, t.kind().to_string()),
            _ => (0, e.to_string()),
        };
        return Err((
            to_template(offset),
            format!("regex does not compile: {msg}"),
            Some("fix the regex syntax; literal braces are written \\{ and \\}".into()),
        ));
    }
    let regex = RegexBuilder::new(&ascii_word_boundaries(&out))
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| {
            (
                0,
                format!(
                    "regex is too large or invalid: {}",
                    e.to_string().lines().last().unwrap_or("")
                ),
                Some("split it into smaller patterns".into()),
            )
        })?;
    let allowed = kind.groups();
    for name in regex.capture_names().flatten() {
        if !allowed.contains(&name) {
            return Err((
                0,
                format!("named group '{name}' means nothing for this kind of pattern"),
                Some(format!("groups this kind uses: {}", allowed.join(", "))),
            ));
        }
    }
    Ok(regex)
}

/// Rewrite each unescaped `\b` as `(?-u:\b)`.
fn ascii_word_boundaries(re: &str) -> String {
    let mut out = String::with_capacity(re.len() + 16);
    let mut chars = re.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_phrases_that_only_overlap_are_both_found() {
        let rules = RuleSet::builtin().unwrap();
        let text = "the price was paid in cash and stock";
        let found: Vec<&str> = rules
            .cues
            .find(text)
            .into_iter()
            .map(|(s, _)| &text[s.range()])
            .collect();
        // Phrases that overlap, neither holding the other, are all found;
        // "in cash" inside "in cash and stock" is not.
        assert_eq!(found, vec!["was paid", "paid in cash", "in cash and stock"]);
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(ascii_word_boundaries(r"a\b\\b\d"), r"a(?-u:\b)\\b\d");
    }

    fn macros() -> HashMap<&'static str, String> {
        let mut alts = HashMap::new();
        alts.insert("scale", vec!["billion".to_string(), "bn".to_string()]);
        build_macros(&alts)
    }

    #[test]
    fn expands_macros_with_group_suffix() {
        let re = compile_pattern(
            r"\${number}{to}{number2}\s?{scale}",
            &macros(),
            PatternKind::Money,
        )
        .unwrap();
        let c = re.captures("$2–4 billion").unwrap();
        assert_eq!(&c["num"], "2");
        assert_eq!(&c["num2"], "4");
        assert_eq!(&c["scale"], "billion");
    }

    #[test]
    fn unknown_macro_is_reported_at_its_offset() {
        let err = compile_pattern(r"\${numbr}", &macros(), PatternKind::Money).unwrap_err();
        assert_eq!(err.0, 2);
        assert!(err.1.contains("unknown macro {numbr}"));
    }

    #[test]
    fn regex_error_offset_maps_back_through_macros() {
        // The unclosed group is after a macro: the offset must be in template terms.
        let err = compile_pattern(r"{number} (abc", &macros(), PatternKind::Money).unwrap_err();
        assert_eq!(err.0, 9, "{err:?}");
    }

    #[test]
    fn unknown_group_is_rejected() {
        let err = compile_pattern(r"(?P<amount>\d+)", &macros(), PatternKind::Money).unwrap_err();
        assert!(err.1.contains("'amount'"));
    }

    #[test]
    fn word_boundaries_allow_camel_case_joins() {
        let t = "from MicrosoftPrimarily";
        let s = Span::new(5, 14);
        assert!(is_word_bounded(t, s, true));
        assert!(!is_word_bounded(t, s, false));
        assert!(!is_word_bounded("actively", Span::new(0, 2), false));
    }
}
