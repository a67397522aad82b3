//! Layering: the built-in rules at the bottom, each `--rules` folder on top.
//!
//! A rule in a higher layer replaces the rule of the same table and name
//! below it, in place (so its order among its peers is kept); an entry of
//! `[[disable]]` removes one; a name used twice within one layer is an error,
//! because then neither could be overridden or disabled by name. File names
//! play no part: a user's folder may put any rule in any file.

use super::format::{self, RuleFile};
use super::problem::at;
use super::RuleSource;
use crate::error::RuleProblem;
use crate::span::LineIndex;
use std::collections::HashMap;
use toml::Spanned;

/// One layer of rule files: the built-in rules, or one `--rules` folder.
#[derive(Debug, Clone)]
pub struct Layer {
    /// "built-in", or the folder as given.
    pub name: String,
    pub sources: Vec<RuleSource>,
}

/// A rule that a higher layer turned off, kept so `rules list` can say so.
#[derive(Debug, Clone)]
pub struct DisabledRule {
    pub table: &'static str,
    pub name: String,
    /// Where the disabled rule was defined ("<built-in>/money.toml:120").
    pub defined_at: String,
    /// Where the `[[disable]]` entry is.
    pub disabled_at: String,
    pub reason: Option<String>,
}

/// The tables a `[[disable]]` may name.
pub const TABLES: &[&str] = &[
    "currency",
    "scale",
    "qualifier",
    "number_word",
    "per",
    "measure",
    "month",
    "pattern",
    "entity",
    "trigger",
    "cue",
    "reference",
    "link",
];

/// Every table entry has a name.
pub trait Named {
    fn name(&self) -> &Spanned<String>;
}

macro_rules! named {
    ($($t:ty),*) => {
        $(impl Named for $t {
            fn name(&self) -> &Spanned<String> {
                &self.name
            }
        })*
    };
}
named!(
    format::Currency,
    format::Scale,
    format::Qualifier,
    format::NumberWord,
    format::Per,
    format::Measure,
    format::Month,
    format::Pattern,
    format::Entity,
    format::Trigger,
    format::Cue,
    format::Reference,
    format::Link
);

/// A parsed rule file and the layer it belongs to.
pub struct Parsed<'a> {
    pub layer: usize,
    pub src: &'a RuleSource,
    pub lines: LineIndex,
    pub file: RuleFile,
}

/// A rule in force after layering.
pub struct Item<'a, T> {
    pub src: &'a RuleSource,
    pub lines: &'a LineIndex,
    pub rule: &'a Spanned<T>,
    /// "path:line" of the lower-layer rule this one replaces.
    pub overrides: Option<String>,
}

fn location(src: &RuleSource, lines: &LineIndex, offset: usize) -> String {
    format!("{}:{}", src.path, lines.line_col(&src.text, offset).0)
}

/// Merges the tables of all layers; collects disabled rules and problems.
pub struct Merger<'a> {
    parsed: &'a [Parsed<'a>],
    layers: usize,
    disables: Vec<(usize, &'a RuleSource, &'a LineIndex, &'a format::Disable)>,
    used: Vec<bool>,
    /// Every rule name seen, for "did you mean" on a disable that misses.
    seen: Vec<String>,
    pub disabled: Vec<DisabledRule>,
    pub problems: Vec<RuleProblem>,
}

impl<'a> Merger<'a> {
    pub fn new(parsed: &'a [Parsed<'a>]) -> Merger<'a> {
        let mut problems = Vec::new();
        let mut disables = Vec::new();
        for p in parsed {
            for d in &p.file.disable {
                let d = d.get_ref();
                if let Some(t) = &d.table {
                    if !TABLES.contains(&t.get_ref().as_str()) {
                        problems.push(at(
                            &p.src.path,
                            &p.src.text,
                            t.span().start,
                            Some(d.name.get_ref()),
                            format!("unknown table '{}'", t.get_ref()),
                            Some(format!("table = one of: {}", TABLES.join(", "))),
                        ));
                        continue;
                    }
                }
                disables.push((p.layer, p.src, &p.lines, d));
            }
        }
        Merger {
            parsed,
            layers: parsed.iter().map(|p| p.layer + 1).max().unwrap_or(0),
            used: vec![false; disables.len()],
            disables,
            seen: Vec::new(),
            disabled: Vec::new(),
            problems,
        }
    }

    /// The rules of one table in force, in order.
    pub fn table<T: Named>(
        &mut self,
        table: &'static str,
        get: fn(&RuleFile) -> &Vec<Spanned<T>>,
    ) -> Vec<Item<'a, T>> {
        let mut items: Vec<Option<(usize, Item<'a, T>)>> = Vec::new();
        let mut index: HashMap<&'a str, usize> = HashMap::new();
        for layer in 0..self.layers {
            for p in self.parsed.iter().filter(|p| p.layer == layer) {
                for rule in get(&p.file) {
                    let name = rule.get_ref().name();
                    self.seen.push(name.get_ref().clone());
                    let here = Item {
                        src: p.src,
                        lines: &p.lines,
                        rule,
                        overrides: None,
                    };
                    let Some(&i) = index.get(name.get_ref().as_str()) else {
                        index.insert(name.get_ref().as_str(), items.len());
                        items.push(Some((layer, here)));
                        continue;
                    };
                    match &items[i] {
                        Some((l, prev)) if *l == layer => {
                            let first = location(
                                prev.src,
                                prev.lines,
                                prev.rule.get_ref().name().span().start,
                            );
                            self.problems.push(at(
                                &p.src.path,
                                &p.src.text,
                                name.span().start,
                                Some(name.get_ref()),
                                format!("duplicate {table} name (first defined at {first})"),
                                Some("give each rule its own name (a rule in a --rules folder replaces a built-in rule of the same name)".into()),
                            ));
                            // Still compiled, so its other problems show in this pass too.
                            items.push(Some((layer, here)));
                        }
                        Some((_, prev)) => {
                            let below = location(
                                prev.src,
                                prev.lines,
                                prev.rule.get_ref().name().span().start,
                            );
                            items[i] = Some((
                                layer,
                                Item {
                                    overrides: Some(below),
                                    ..here
                                },
                            ));
                        }
                        None => items[i] = Some((layer, here)),
                    }
                }
            }
            for (di, (dl, src, lines, d)) in self.disables.iter().enumerate() {
                if *dl != layer || d.table.as_ref().is_some_and(|t| t.get_ref() != table) {
                    continue;
                }
                let Some(&i) = index.get(d.name.get_ref().as_str()) else {
                    continue;
                };
                if let Some((l, prev)) = &items[i] {
                    if *l < layer {
                        self.disabled.push(DisabledRule {
                            table,
                            name: d.name.get_ref().clone(),
                            defined_at: location(
                                prev.src,
                                prev.lines,
                                prev.rule.get_ref().name().span().start,
                            ),
                            disabled_at: location(src, lines, d.name.span().start),
                            reason: d.reason.clone(),
                        });
                        items[i] = None;
                        self.used[di] = true;
                    }
                }
            }
        }
        items.into_iter().flatten().map(|(_, item)| item).collect()
    }

    /// Call after every table: a disable that matched nothing is an error
    /// (a typo would otherwise leave the rule silently in force).
    pub fn finish(&mut self) {
        for (di, (_, src, _, d)) in self.disables.iter().enumerate() {
            if self.used[di] {
                continue;
            }
            let name = d.name.get_ref();
            let near = self
                .seen
                .iter()
                .map(|s| (strsim::jaro_winkler(s, name), s))
                .filter(|(score, _)| *score > 0.85)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
                .map(|(_, s)| s.clone());
            let help = match near {
                Some(s) => {
                    format!("did you mean \"{s}\"? `crosscheck rules list` shows every rule")
                }
                None => "`crosscheck rules list` shows the rules you can disable".to_string(),
            };
            self.problems.push(at(
                &src.path,
                &src.text,
                d.name.span().start,
                Some(name),
                "disables no rule: no rule of that name in a lower layer",
                Some(help),
            ));
        }
    }
}
