//! Error types of the library.
//!
//! Rule errors carry the file, line, column and rule name, and render the
//! offending line with a caret under the problem, so a user can fix a rule
//! file without reading Rust. Document problems are not errors: a document
//! that cannot be read is skipped and recorded (see `ingest`).

use std::fmt;
use std::path::PathBuf;

/// Where a rule problem is, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    /// The rule file, as given or as embedded (`<built-in>/money.toml`).
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The rule's name, when the problem belongs to one rule.
    pub rule: Option<String>,
    pub message: String,
    /// The source line, shown with a caret under `column`.
    pub source_line: Option<String>,
    /// How to fix it, when we can say.
    pub help: Option<String>,
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.path, self.line, self.column)?;
        if let Some(rule) = &self.rule {
            write!(f, "rule '{rule}': ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(line) = &self.source_line {
            let pad: String = line
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n    {line}\n    {pad}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n    help: {help}")?;
        }
        Ok(())
    }
}

/// Errors the library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in rule files; all of them, not only the first.
    #[error("{}", format_problems(.0))]
    Rules(Vec<RuleProblem>),
    #[error("cannot read rules folder {path}: {source}")]
    RulesDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("input path {path} does not exist")]
    MissingInput { path: PathBuf },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// At most this many problems are shown; the rest are counted.
const MAX_SHOWN: usize = 50;

fn format_problems(problems: &[RuleProblem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().take(MAX_SHOWN).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&p.to_string());
    }
    if problems.len() > MAX_SHOWN {
        out.push_str(&format!(
            "\n… and {} more problems (fix the ones above first)",
            problems.len() - MAX_SHOWN
        ));
    }
    out
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_shows_caret_under_column() {
        let p = RuleProblem {
            path: "rules/money.toml".into(),
            line: 3,
            column: 10,
            rule: Some("prefix-amount".into()),
            message: "regex does not compile".into(),
            source_line: Some("regex = '(abc'".into()),
            help: Some("close the group".into()),
        };
        let s = p.to_string();
        assert!(
            s.starts_with("rules/money.toml:3:10: rule 'prefix-amount': regex does not compile")
        );
        assert!(s.contains("\n    regex = '(abc'\n             ^"), "{s}");
        assert!(s.ends_with("help: close the group"));
    }
}
