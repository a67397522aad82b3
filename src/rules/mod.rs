//! Rules: loading the data files in `rules/` and compiling them into matchers.
//!
//! The split follows nlprule: a compile half (rule files → regexes, lexicon
//! maps, aho-corasick automata), done once, and a run half in `extract` and
//! `claims`. Every rule keeps where it came from (file, line, name) so that a
//! mention can say which rule produced it and errors can point at the line.
//!
//! Without `--rules`, the rules compiled into the binary are used, so the tool
//! works from any folder; the files in the repository's `rules/` are the same
//! files, and `--rules rules/` reads them afresh (no recompiling).

mod check;
mod compile;
pub mod format;
mod layer;
mod prefilter;
mod problem;

pub use check::{check_examples, check_examples_where, ExampleFailure};
pub use compile::{
    cur_key, is_word_bounded, lex_key, CompiledPattern, CueInfo, CuePosition, CueSets, EntityInfo,
    Gazetteer, Lexicon, Links, PatternKind, PhraseSet, ReferenceInfo, RefersTo, TriggerInfo,
};
pub use layer::{DisabledRule, Layer};
pub use prefilter::Prefilter;

use crate::error::{Error, Result, RuleProblem};
use std::path::Path;

/// Index of a rule in `RuleSet::rules`.
pub type RuleId = u32;

/// Where a rule came from.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub file: String,
    /// The table it belongs to: "pattern", "currency", "entity", "trigger", …
    pub table: &'static str,
    pub name: String,
    pub line: usize,
    pub examples: Vec<ExampleAt>,
    /// "path:line" of the rule of a lower layer that this one replaces.
    pub overrides: Option<String>,
}

impl RuleInfo {
    /// True for the rules compiled into the binary.
    pub fn is_builtin(&self) -> bool {
        self.file.starts_with("<built-in>/")
    }

    /// "money.toml/prefix-amount": how a rule is named in output.
    pub fn label(&self) -> String {
        let file = Path::new(&self.file)
            .file_name()
            .map_or_else(|| self.file.clone(), |f| f.to_string_lossy().into_owned());
        format!("{file}/{}", self.name)
    }
}

/// An example as written in its rule file, for messages that point into it.
#[derive(Debug, Clone)]
pub struct ExampleAt {
    pub line: usize,
    pub column: usize,
    /// The example's source text (`{ text = "…", value = 4e9 }`).
    pub raw: String,
    /// The rule file's lines the example spans.
    pub lines: Vec<String>,
    pub example: format::Example,
}

/// A rule file's text and the path to show in messages.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub path: String,
    pub text: String,
}

/// The default rules, compiled into the binary from the repository's rules/.
const BUILTIN: &[(&str, &str)] = &[
    ("money.toml", include_str!("../../rules/money.toml")),
    ("dates.toml", include_str!("../../rules/dates.toml")),
    ("percent.toml", include_str!("../../rules/percent.toml")),
    ("quantity.toml", include_str!("../../rules/quantity.toml")),
    ("entities.toml", include_str!("../../rules/entities.toml")),
    ("claims.toml", include_str!("../../rules/claims.toml")),
];

/// All rules, compiled.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<RuleInfo>,
    pub lexicon: Lexicon,
    pub patterns: Vec<CompiledPattern>,
    /// Which of `patterns` can match a given text (one pass for all).
    pub prefilter: Prefilter,
    pub gazetteer: Gazetteer,
    pub triggers: PhraseSet<TriggerInfo>,
    pub cues: PhraseSet<CueInfo>,
    /// Descriptions that stand for a company or person named before ("the
    /// app", "the billionaire").
    pub references: PhraseSet<ReferenceInfo>,
    /// Words after a name that stand for its owner ("maker" in "the ChatGPT
    /// maker"), lower case, longest first.
    pub owner_words: Vec<(String, RuleId)>,
    /// The one-word nouns a name stands before (words of the triggers with
    /// `named_between`: "project" of "the Stargate Project"), lower case:
    /// they end a name, they are no word of it.
    pub named_nouns: std::collections::HashSet<String>,
    /// Words that link a value or a name to what stands beside it.
    pub links: Links,
    /// Rules of a lower layer turned off by `[[disable]]`.
    pub disabled: Vec<DisabledRule>,
    /// The layers, for the report: "built-in", "built-in + my-rules".
    pub origin: String,
    /// A hash of every rule file's path and text (hex): equal for the
    /// same rules, whatever the order they were loaded in memory.
    pub fingerprint: String,
}

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<RuleSet> {
        RuleSet::from_layers(&[RuleSet::builtin_layer()])
    }

    /// The built-in rule files as a layer.
    pub fn builtin_layer() -> Layer {
        Layer {
            name: "built-in".to_string(),
            sources: BUILTIN
                .iter()
                .map(|(name, text)| RuleSource {
                    path: format!("<built-in>/{name}"),
                    text: (*text).to_string(),
                })
                .collect(),
        }
    }

    /// The built-in rules (unless `builtin` is false) with each folder of
    /// `dirs` layered on top, in order. All problems of all folders come
    /// back together.
    pub fn load(dirs: &[std::path::PathBuf], builtin: bool) -> Result<RuleSet> {
        let mut layers = Vec::new();
        if builtin {
            layers.push(RuleSet::builtin_layer());
        }
        let mut problems = Vec::new();
        for dir in dirs {
            match read_layer(dir) {
                Ok(layer) => layers.push(layer),
                Err(Error::Rules(mut p)) => problems.append(&mut p),
                Err(e) => return Err(e),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Rules(problems));
        }
        RuleSet::from_layers(&layers)
    }

    /// Only the rule files of `dir`, without the built-in rules.
    pub fn from_dir(dir: &Path) -> Result<RuleSet> {
        RuleSet::load(&[dir.to_path_buf()], false)
    }

    /// Parse, merge and compile layers of rule files (lowest first); reports
    /// every problem found, not only the first.
    pub fn from_layers(layers: &[Layer]) -> Result<RuleSet> {
        compile::compile(layers)
    }

    /// One layer of rule files (tests and tools build rules from text).
    pub fn from_sources(sources: &[RuleSource], origin: String) -> Result<RuleSet> {
        compile::compile(&[Layer {
            name: origin,
            sources: sources.to_vec(),
        }])
    }

    /// The label ("money.toml/prefix-amount") of a rule.
    pub fn label(&self, id: RuleId) -> String {
        self.rules[id as usize].label()
    }
}

/// A rule file larger than this is refused unread: rules are hand-written
/// data, and a huge file is a mistake (or an attack) that would cost memory.
const MAX_RULE_FILE: u64 = 16 << 20;

/// Every `*.toml` file in `dir`, in name order, as one layer.
fn read_layer(dir: &Path) -> Result<Layer> {
    let read = std::fs::read_dir(dir).map_err(|source| Error::RulesDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths = Vec::new();
    for entry in read {
        let entry = entry.map_err(|source| Error::RulesDir {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") {
            paths.push(path);
        }
    }
    paths.sort();
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let whole_file = |path: &Path, message: String, help: Option<&str>| RuleProblem {
        path: path.display().to_string(),
        line: 1,
        column: 1,
        rule: None,
        message,
        source_line: None,
        help: help.map(str::to_string),
    };
    for path in paths {
        let len = std::fs::metadata(&path).map_or(0, |m| m.len());
        if len > MAX_RULE_FILE {
            problems.push(whole_file(
                &path,
                format!(
                    "rule file is {} MB; the limit is {} MB",
                    len >> 20,
                    MAX_RULE_FILE >> 20
                ),
                Some("split it into several files, or check that it is a rule file"),
            ));
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push(RuleSource {
                    path: path.display().to_string(),
                    text,
                }),
                Err(e) => problems.push(whole_file(
                    &path,
                    format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
                    Some("save the file as UTF-8"),
                )),
            },
            Err(e) => problems.push(whole_file(&path, format!("cannot read: {e}"), None)),
        }
    }
    if sources.is_empty() && problems.is_empty() {
        problems.push(whole_file(
            dir,
            "no .toml rule files in this folder".into(),
            Some("put your rules in a file ending in .toml; see rules/README.md"),
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Rules(problems));
    }
    Ok(Layer {
        name: dir.display().to_string(),
        sources,
    })
}
