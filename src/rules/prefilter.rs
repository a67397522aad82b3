//! The prefilter: one aho-corasick pass over a document tells which patterns
//! can match in it at all, so that only those run.
//!
//! For each pattern we derive, from its parsed regex, a set of literals one
//! of which every match must contain ("billion", "bn", "$" …). All the sets
//! go into one automaton; a document's single overlapping scan marks the
//! patterns whose literals occur. A pattern with no usable literal (say, one
//! that starts with a Unicode digit class and has nothing fixed) always runs.
//! So adding rules that cannot match a document costs that document almost
//! nothing: the scan is linear in the text whatever the number of literals.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// At most this many strings in a finite set we keep track of.
const MAX_SET: usize = 64;
/// A class with at most this many characters becomes a set of literals.
const MAX_CLASS: u32 = 16;

/// Which patterns a document needs.
#[derive(Debug)]
pub struct Prefilter {
    ac: Option<AhoCorasick>,
    /// Literal index → patterns that need it.
    owners: Vec<Vec<usize>>,
    /// Patterns that run on every document.
    always: Vec<usize>,
    patterns: usize,
}

impl Prefilter {
    /// Build from each pattern's expanded regex (index = pattern index).
    pub fn new(regexes: &[&str]) -> Prefilter {
        let mut literals: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut always = Vec::new();
        for (pi, re) in regexes.iter().enumerate() {
            match required_literals(re) {
                Some(set) => {
                    for lit in set {
                        let li = *index.entry(lit.clone()).or_insert_with(|| {
                            literals.push(lit);
                            owners.push(Vec::new());
                            owners.len() - 1
                        });
                        owners[li].push(pi);
                    }
                }
                None => always.push(pi),
            }
        }
        let ac = (!literals.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&literals)
                .expect("literal automaton builds")
        });
        Prefilter {
            ac,
            owners,
            always,
            patterns: regexes.len(),
        }
    }

    /// Patterns that may match in `text`, as a flag per pattern.
    pub fn active(&self, text: &str) -> Vec<bool> {
        let mut on = vec![false; self.patterns];
        for &p in &self.always {
            on[p] = true;
        }
        if let Some(ac) = &self.ac {
            let mut seen = vec![false; self.owners.len()];
            let mut left = self.owners.len();
            for m in ac.find_overlapping_iter(text) {
                let li = m.pattern().as_usize();
                if !seen[li] {
                    seen[li] = true;
                    for &p in &self.owners[li] {
                        on[p] = true;
                    }
                    left -= 1;
                    if left == 0 {
                        break;
                    }
                }
            }
        }
        on
    }

    /// How many patterns run on every document (for benchmarks and notes).
    pub fn unfiltered(&self) -> usize {
        self.always.len()
    }
}

/// What we know of an expression: the finite set of strings it matches
/// (when small), and a set of literals one of which each match contains.
struct Info {
    exact: Option<Vec<String>>,
    required: Option<Vec<String>>,
}

/// Literals one of which every match of `re` contains; `None` when no such
/// set is known (or the regex does not parse, which compile reports).
pub fn required_literals(re: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::Parser::new().parse(re).ok()?;
    let info = analyse(&hir);
    best([info.required, info.exact].into_iter().flatten())
}

/// Lower-case ASCII only: the automaton ignores ASCII case, and any other
/// letter's cases are both in the class already.
fn fold(s: &str) -> String {
    s.to_ascii_lowercase()
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// Drop literals that contain another of the set: where "zorkmids" occurs,
/// so does "zorkmid".
fn minimize(set: Vec<String>) -> Vec<String> {
    set.iter()
        .filter(|s| !set.iter().any(|t| t != *s && s.contains(t.as_str())))
        .cloned()
        .collect()
}

/// A usable set has no empty string (which would match everywhere).
fn usable(set: &[String]) -> bool {
    !set.is_empty() && set.iter().all(|s| !s.is_empty())
}

/// The most selective usable set: the longest shortest literal, then the
/// fewest literals.
fn best(sets: impl Iterator<Item = Vec<String>>) -> Option<Vec<String>> {
    sets.filter(|s| usable(s)).map(minimize).max_by(|a, b| {
        let min = |s: &Vec<String>| s.iter().map(String::len).min().unwrap_or(0);
        min(a).cmp(&min(b)).then(b.len().cmp(&a.len()))
    })
}

fn analyse(hir: &Hir) -> Info {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Info {
            exact: Some(vec![String::new()]),
            required: None,
        },
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok().map(fold);
            Info {
                exact: s.clone().map(|s| vec![s]),
                required: s.map(|s| vec![s]),
            }
        }
        HirKind::Class(class) => {
            let set = class_set(class);
            Info {
                exact: set.clone(),
                required: set,
            }
        }
        HirKind::Capture(c) => analyse(&c.sub),
        HirKind::Repetition(r) => {
            let sub = analyse(&r.sub);
            match (r.min, r.max) {
                (1, Some(1)) => sub,
                (0, Some(1)) => Info {
                    exact: sub.exact.map(|mut e| {
                        e.push(String::new());
                        dedup(e)
                    }),
                    required: None,
                },
                (0, _) => Info {
                    exact: None,
                    required: None,
                },
                _ => Info {
                    exact: None,
                    required: best([sub.required, sub.exact].into_iter().flatten()),
                },
            }
        }
        HirKind::Alternation(subs) => {
            let infos: Vec<Info> = subs.iter().map(analyse).collect();
            let exact = union(infos.iter().map(|i| i.exact.clone()));
            let required = union(
                infos
                    .iter()
                    .map(|i| best([i.required.clone(), i.exact.clone()].into_iter().flatten())),
            );
            Info { exact, required }
        }
        HirKind::Concat(subs) => {
            let infos: Vec<Info> = subs.iter().map(analyse).collect();
            let mut candidates: Vec<Vec<String>> = Vec::new();
            // Runs of children with small exact sets multiply out into
            // longer literals: [Bb][Ii][Ll]… → "bil…".
            let mut run: Vec<String> = vec![String::new()];
            let mut all_exact = true;
            for info in &infos {
                if let Some(r) = &info.required {
                    candidates.push(r.clone());
                }
                match &info.exact {
                    Some(e) => match product(&run, e) {
                        Some(p) => run = p,
                        None => {
                            // Too many combinations: close the run here.
                            all_exact = false;
                            candidates.push(std::mem::replace(&mut run, e.clone()));
                        }
                    },
                    None => {
                        all_exact = false;
                        candidates.push(std::mem::replace(&mut run, vec![String::new()]));
                    }
                }
            }
            candidates.push(run.clone());
            let exact = all_exact.then_some(run);
            Info {
                exact,
                required: best(candidates.into_iter()),
            }
        }
    }
}

fn union(sets: impl Iterator<Item = Option<Vec<String>>>) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for s in sets {
        out.extend(s?);
        if out.len() > MAX_SET * 4 {
            return None;
        }
    }
    Some(dedup(out))
}

fn product(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            out.push(format!("{x}{y}"));
        }
    }
    Some(dedup(out))
}

fn class_set(class: &Class) -> Option<Vec<String>> {
    // Both kinds of class as inclusive ranges of code points; a byte class
    // only when it is ASCII (a lone high byte is no character to look for).
    let ranges: Vec<(u32, u32)> = match class {
        Class::Unicode(c) => c
            .ranges()
            .iter()
            .map(|r| (r.start() as u32, r.end() as u32))
            .collect(),
        Class::Bytes(c) => c
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
    };
    let size: u32 = ranges.iter().map(|(a, b)| b - a + 1).sum();
    let ascii_only = matches!(class, Class::Bytes(_));
    if size > MAX_CLASS || (ascii_only && ranges.iter().any(|&(_, b)| b > 0x7f)) {
        return None;
    }
    let chars = ranges
        .iter()
        .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32));
    Some(dedup(chars.map(|c| fold(&c.to_string())).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(re: &str) -> Option<Vec<String>> {
        required_literals(re)
    }

    #[test]
    fn picks_the_most_selective_literal_set() {
        assert_eq!(req(r"\d+\s*(?i:billion|bn)").unwrap(), ["billion", "bn"]);
        // Unicode case folding keeps "ſ" (long s) as a spelling of "s".
        assert_eq!(req(r"(?i)fiscal\s+\d{4}").unwrap(), ["fiscal", "fiſcal"]);
        assert_eq!(req(r"\$\d+").unwrap(), ["$"]);
        // Case-insensitive classes multiply out into one literal.
        // (with the Kelvin sign, a case variant of "k").
        assert_eq!(
            req(r"(?i:zorkmid)s?").unwrap(),
            ["zorkmid", "zor\u{212A}mid"]
        );
    }

    #[test]
    fn no_set_when_a_match_may_hold_no_literal() {
        assert_eq!(req(r"\d+"), None);
        assert_eq!(req(r"(?:abc)?\d+"), None);
        assert_eq!(req(r"abc|\d+"), None);
        assert_eq!(req(r"\p{Lu}\w+"), None);
    }

    #[test]
    fn active_marks_only_patterns_whose_literals_occur() {
        let pf = Prefilter::new(&[r"\d+\s*billion", r"\d+\s*zorkmids?", r"\d+"]);
        assert_eq!(pf.active("5 Billion dollars"), [true, false, true]);
        assert_eq!(pf.active("7 ZORKMIDS"), [false, true, true]);
        assert_eq!(pf.unfiltered(), 1);
    }

    #[test]
    fn never_filters_out_a_pattern_that_matches() {
        // Every pattern that matches a text must be active for it.
        let res = [
            r"(?i:us)?\$\s?\d+(?:\.\d+)?\s*(?i:billion|million|bn|m)\b",
            r"(?i:in|during)\s+(?:19|20)\d{2}",
            r"\d+(?:\.\d+)?\s?(?:%|(?i:per\s?cent))",
            r"(?i:Q[1-4])\s+\d{4}",
            r"[€£¥]\d+",
        ];
        let texts = [
            "US$ 5 Billion",
            "IN 2019",
            "7 PerCent",
            "q3 2024",
            "€40 and £3",
            "nothing here",
        ];
        let pf = Prefilter::new(&res);
        for t in texts {
            let on = pf.active(t);
            for (i, re) in res.iter().enumerate() {
                if regex::Regex::new(re).unwrap().is_match(t) {
                    assert!(on[i], "{re} matches {t:?} but was filtered out");
                }
            }
        }
    }
}
