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
mod problem;

pub use check::{check_examples, ExampleFailure};
pub use compile::{
    cur_key, is_word_bounded, lex_key, CompiledPattern, CueInfo, CuePosition, CueSets, EntityInfo,
    Gazetteer, Lexicon, PatternKind, PhraseSet, TriggerInfo,
};

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
    pub examples: Vec<(usize, format::Example)>,
}

impl RuleInfo {
    /// "money.toml/prefix-amount": how a rule is named in output.
    pub fn label(&self) -> String {
        let file = Path::new(&self.file)
            .file_name()
            .map_or_else(|| self.file.clone(), |f| f.to_string_lossy().into_owned());
        format!("{file}/{}", self.name)
    }
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
    ("entities.toml", include_str!("../../rules/entities.toml")),
    ("claims.toml", include_str!("../../rules/claims.toml")),
];

/// All rules, compiled.
#[derive(Debug)]
pub struct RuleSet {
    pub rules: Vec<RuleInfo>,
    pub lexicon: Lexicon,
    pub patterns: Vec<CompiledPattern>,
    pub gazetteer: Gazetteer,
    pub triggers: PhraseSet<TriggerInfo>,
    pub cues: PhraseSet<CueInfo>,
    /// Where the rules came from, for the report ("built-in" or a folder).
    pub origin: String,
}

impl RuleSet {
    /// The rules compiled into the binary.
    pub fn builtin() -> Result<RuleSet> {
        let sources = BUILTIN
            .iter()
            .map(|(name, text)| RuleSource {
                path: format!("<built-in>/{name}"),
                text: (*text).to_string(),
            })
            .collect::<Vec<_>>();
        RuleSet::from_sources(&sources, "built-in".to_string())
    }

    /// Every `*.toml` file in `dir`, in name order.
    pub fn from_dir(dir: &Path) -> Result<RuleSet> {
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
        for path in paths {
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => sources.push(RuleSource {
                        path: path.display().to_string(),
                        text,
                    }),
                    Err(e) => problems.push(RuleProblem {
                        path: path.display().to_string(),
                        line: 1,
                        column: 1,
                        rule: None,
                        message: format!(
                            "not valid UTF-8 (at byte {})",
                            e.utf8_error().valid_up_to()
                        ),
                        source_line: None,
                        help: Some("save the file as UTF-8".into()),
                    }),
                },
                Err(e) => problems.push(RuleProblem {
                    path: path.display().to_string(),
                    line: 1,
                    column: 1,
                    rule: None,
                    message: format!("cannot read: {e}"),
                    source_line: None,
                    help: None,
                }),
            }
        }
        if sources.is_empty() && problems.is_empty() {
            problems.push(RuleProblem {
                path: dir.display().to_string(),
                line: 1,
                column: 1,
                rule: None,
                message: "no .toml rule files in this folder".into(),
                source_line: None,
                help: Some("point --rules at a folder like the repository's rules/".into()),
            });
        }
        if !problems.is_empty() {
            return Err(Error::Rules(problems));
        }
        RuleSet::from_sources(&sources, dir.display().to_string())
    }

    /// Parse and compile rule files; reports every problem found, not only the first.
    pub fn from_sources(sources: &[RuleSource], origin: String) -> Result<RuleSet> {
        compile::compile(sources, origin)
    }

    /// The label ("money.toml/prefix-amount") of a rule.
    pub fn label(&self, id: RuleId) -> String {
        self.rules[id as usize].label()
    }
}
