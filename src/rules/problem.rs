//! Building `RuleProblem`s from byte offsets in a rule file.

use crate::error::RuleProblem;
use crate::span::line_col;

/// A problem at byte `offset` of `text` (a rule file at `path`).
pub fn at(
    path: &str,
    text: &str,
    offset: usize,
    rule: Option<&str>,
    message: impl Into<String>,
    help: Option<String>,
) -> RuleProblem {
    let (line, column) = line_col(text, offset);
    let source_line = text.lines().nth(line - 1).map(|l| l.to_string());
    RuleProblem {
        path: path.to_string(),
        line,
        column,
        rule: rule.map(str::to_string),
        message: message.into(),
        source_line,
        help,
    }
}

/// The name of the rule whose table encloses `offset`: the last `name = "…"`
/// after the last `[[table]]` header before it. Used for parse errors, where
/// serde could not build the rule and so cannot tell its name.
pub fn enclosing_rule_name(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let mut end = offset;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    // The error may point at the table header itself ("missing field").
    let header = if text[end..].starts_with("[[") {
        end
    } else {
        before.rfind("[[")?
    };
    // The name line may come after the error offset within the same table.
    let table_end = text[header + 2..]
        .find("\n[[")
        .map_or(text.len(), |i| header + 2 + i);
    let table = &text[header..table_end];
    for line in table.lines() {
        let l = line.trim_start();
        if let Some(rest) = l.strip_prefix("name") {
            let rest = rest.trim_start();
            if let Some(rest) = rest.strip_prefix('=') {
                let v = rest.trim().trim_matches(|c| c == '"' || c == '\'');
                return Some(v.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_enclosing_rule() {
        let text = "[[scale]]\nname = \"billion\"\nwords = [\"bn\"]\n\n[[scale]]\nname = \"million\"\nwordz = 1\n";
        let off = text.find("wordz").unwrap();
        assert_eq!(enclosing_rule_name(text, off).as_deref(), Some("million"));
        let header = text.rfind("[[scale]]").unwrap();
        assert_eq!(
            enclosing_rule_name(text, header).as_deref(),
            Some("million")
        );
    }
}
