//! Sources: which documents are copies of one another, and how often each
//! agrees with the best-supported values.
//!
//! **Copies.** A republished wire story is one source, not five. Each
//! document leaves a small fingerprint: hashes of its long sentences (eight
//! words or more, compared as lower-case words, so punctuation and case do
//! not matter); a document keeps its [`FINGERPRINT`] smallest hashes (a
//! bottom-k sample, the same for two copies however long they are), so a
//! run of a million articles keeps about a hundred megabytes of them. Two documents are copies when they share at least
//! [`MIN_SHARED`] such sentences and those are at least
//! [`MIN_SHARED_PART`] of the shorter one's: a quoted press-release line in
//! two articles is no copy, a republished story is. The earlier-dated
//! document is the original (by name when the dates do not tell); copies
//! are grouped transitively, and a group counts as one independent source.
//! Fingerprints are per document and the grouping is a union of pairs, so
//! they merge in any order.
//!
//! **Agreement.** A simple truth-discovery score: every document starts
//! with a trust of 1/2; a value's support in a fact is the sum of the
//! trusts of the independent sources stating it; a document's trust is
//! (facts where it states the best-supported value + 1) / (facts it takes
//! part in + 2), over facts with two or more independent sources.
//! Five rounds. The score ranks the values of a conflict for the verdict;
//! it never hides a value.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// Sentence hashes kept per document.
pub const FINGERPRINT: usize = 32;
/// Shared sentences that make two documents copies…
pub const MIN_SHARED: usize = 2;
/// …when they are this part of the shorter document's fingerprint.
pub const MIN_SHARED_PART: f64 = 0.3;
/// Words a sentence needs to count: short ones ("Shares rose 5%.") recur
/// by chance.
const MIN_WORDS: usize = 8;
/// A sentence found in more documents than this is boilerplate (a
/// standard disclaimer) or a story copied everywhere: pairs are counted
/// with the first document that has it only.
const COMMON: usize = 32;

/// A document's sampled long-sentence hashes, sorted and distinct.
pub fn fingerprint<'a>(sentences: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for s in sentences {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.len() < MIN_WORDS {
            continue;
        }
        // A fixed hasher: the same sentence hashes the same in every run.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words.hash(&mut h);
        out.push((h.finish() >> 32) as u32);
    }
    // The smallest hashes (a bottom-k sample): two copies keep the same
    // ones, however long they are.
    out.sort_unstable();
    out.dedup();
    out.truncate(FINGERPRINT);
    out
}

/// One document as the copy finder sees it.
#[derive(Debug, Clone)]
pub struct Print<'a> {
    pub doc: &'a str,
    pub date: Option<&'a str>,
    pub hashes: &'a [u32],
}

/// A copy and what it copies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CopyOf {
    pub doc: String,
    pub original: String,
    /// Sampled sentences the two share.
    pub shared: usize,
    /// True when the dates say which came first.
    pub by_date: bool,
}

/// Which documents copy which: each copy names its group's original.
#[derive(Debug, Clone, Default)]
pub struct Copies {
    pub pairs: Vec<CopyOf>,
    group: HashMap<String, String>,
}

impl Copies {
    /// The original a document counts as (itself when it copies nothing).
    pub fn original<'a>(&'a self, doc: &'a str) -> &'a str {
        self.group.get(doc).map_or(doc, String::as_str)
    }

    /// Independent sources among documents.
    pub fn independent<'a>(&'a self, docs: impl Iterator<Item = &'a str>) -> usize {
        let mut o: Vec<&str> = docs.map(|d| self.original(d)).collect();
        o.sort_unstable();
        o.dedup();
        o.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Each copy and the original its group counts as.
    pub fn originals(&self) -> BTreeMap<String, String> {
        self.group
            .iter()
            .map(|(d, o)| (d.clone(), o.clone()))
            .collect()
    }

    /// Copies as [`copies`] found them elsewhere: the pairs, and each
    /// copy's original (see [`Copies::originals`]).
    pub fn from_parts(pairs: Vec<CopyOf>, originals: BTreeMap<String, String>) -> Copies {
        Copies {
            pairs,
            group: originals.into_iter().collect(),
        }
    }
}

/// Find the copies among documents (any order in, the same answer out).
pub fn copies(prints: &[Print]) -> Copies {
    let mut prints: Vec<&Print> = prints.iter().filter(|p| !p.hashes.is_empty()).collect();
    prints.sort_by(|a, b| a.doc.cmp(b.doc));
    // (hash, document) pairs sorted: each run of one hash lists the
    // documents that have it (a flat list, 8 bytes a pair).
    let mut index: Vec<(u32, u32)> = prints
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.hashes.iter().map(move |&h| (h, i as u32)))
        .collect();
    index.sort_unstable();
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for run in index.chunk_by(|a, b| a.0 == b.0) {
        let docs: Vec<usize> = run.iter().map(|&(_, d)| d as usize).collect();
        if docs.len() > COMMON {
            for &j in &docs[1..] {
                *shared.entry((docs[0], j)).or_default() += 1;
            }
        } else {
            for (k, &a) in docs.iter().enumerate() {
                for &b in &docs[k + 1..] {
                    *shared.entry((a, b)).or_default() += 1;
                }
            }
        }
    }
    // Union of copy pairs; each group's original is its earliest-dated
    // document (undated ones after dated ones), then the first by name.
    let mut parent: Vec<usize> = (0..prints.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let first = |a: usize, b: usize| -> (usize, usize, bool) {
        let (pa, pb) = (prints[a], prints[b]);
        match (pa.date, pb.date) {
            (Some(x), Some(y)) if x != y => {
                if x < y {
                    (a, b, true)
                } else {
                    (b, a, true)
                }
            }
            (Some(_), None) => (a, b, true),
            (None, Some(_)) => (b, a, true),
            _ => (a, b, false),
        }
    };
    let mut pairs = Vec::new();
    for (&(a, b), &n) in &shared {
        let smaller = prints[a].hashes.len().min(prints[b].hashes.len());
        if n < MIN_SHARED || (n as f64) < MIN_SHARED_PART * smaller as f64 {
            continue;
        }
        let (orig, copy, by_date) = first(a, b);
        pairs.push(CopyOf {
            doc: prints[copy].doc.to_string(),
            original: prints[orig].doc.to_string(),
            shared: n,
            by_date,
        });
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            let (keep, join, _) = first(ra, rb);
            parent[join] = keep;
        }
    }
    let mut group = HashMap::new();
    for i in 0..prints.len() {
        let r = find(&mut parent, i);
        if r != i {
            group.insert(prints[i].doc.to_string(), prints[r].doc.to_string());
        }
    }
    pairs.sort_by(|x, y| (&x.doc, &x.original).cmp(&(&y.doc, &y.original)));
    Copies { pairs, group }
}

/// A fact as the agreement score sees it: each value's documents.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Contest {
    pub values: Vec<Vec<String>>,
}

/// How often a document states the best-supported value.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Agreement {
    /// Facts with two or more independent sources that it takes part in.
    pub facts: usize,
    /// Those where it states the best-supported value.
    pub agrees: usize,
    /// (agrees + 1) / (facts + 2).
    pub score: f64,
}

/// Rounds of the score.
const ROUNDS: usize = 5;

/// A value's support: the trusts of the independent sources stating it
/// (a group of copies counts once, as its original).
pub fn support(docs: &[String], copies: &Copies, trust: &dyn Fn(&str) -> f64) -> f64 {
    let mut originals: Vec<&str> = docs.iter().map(|d| copies.original(d)).collect();
    originals.sort_unstable();
    originals.dedup();
    originals.iter().map(|d| trust(d)).sum()
}

/// The best value of a contest under `trust`: the highest support, ties to
/// the first (values come in a fixed order).
pub fn best(values: &[Vec<String>], copies: &Copies, trust: &dyn Fn(&str) -> f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, docs) in values.iter().enumerate() {
        let s = support(docs, copies, trust);
        if best.is_none_or(|(_, b)| s > b + 1e-9) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// Every document's agreement with the best-supported values.
pub fn agreement(contests: &[Contest], copies: &Copies) -> BTreeMap<String, Agreement> {
    let contests: Vec<&Contest> = contests
        .iter()
        .filter(|c| copies.independent(c.values.iter().flatten().map(String::as_str)) >= 2)
        .collect();
    let mut scores: HashMap<String, f64> = HashMap::new();
    let mut out = BTreeMap::new();
    for _ in 0..ROUNDS {
        let trust = |d: &str| scores.get(d).copied().unwrap_or(0.5);
        let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for c in &contests {
            let Some(b) = best(&c.values, copies, &trust) else {
                continue;
            };
            for (i, docs) in c.values.iter().enumerate() {
                for d in docs {
                    let t = tally.entry(d.clone()).or_default();
                    t.0 += 1;
                    t.1 += usize::from(i == b);
                }
            }
        }
        // A document stating two values of one fact is counted for each.
        out = tally
            .into_iter()
            .map(|(d, (facts, agrees))| {
                let score = (agrees as f64 + 1.0) / (facts as f64 + 2.0);
                (
                    d,
                    Agreement {
                        facts,
                        agrees,
                        score,
                    },
                )
            })
            .collect();
        scores = out.iter().map(|(d, a)| (d.clone(), a.score)).collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &[&str] = &[
        "Acme Corp said on Tuesday it would invest four billion dollars in Beta Labs.",
        "The investment is the largest in the history of the company and its partners.",
        "Analysts said the deal would reshape the market for cloud computing in Europe.",
        "Beta Labs was founded in 2019 by two former researchers from a large university.",
        "The company will use the money to build new data centres across the region.",
        "Shares of Acme rose three percent in early trading after the announcement was made.",
        "Regulators in Brussels are expected to review the transaction early next year.",
        "A spokesperson for Beta Labs declined to comment on the terms of the agreement.",
    ];

    fn print(sentences: &[&str]) -> Vec<u32> {
        fingerprint(sentences.iter().copied())
    }

    #[test]
    fn a_republished_story_is_one_source_and_a_shared_quote_is_not() {
        let original = print(STORY);
        assert!(original.len() >= MIN_SHARED, "{original:?}");
        // The copy changes case and punctuation and adds a line.
        let copied: Vec<String> = STORY
            .iter()
            .map(|s| s.to_uppercase().replace('.', "!"))
            .chain([
                "This story was first published by Example Wire on Tuesday morning.".to_string(),
            ])
            .collect();
        let copy = fingerprint(copied.iter().map(String::as_str));
        let quote = print(&[
            STORY[0],
            "An entirely different article about the same deal, written from scratch.",
        ]);
        let prints = [
            Print {
                doc: "b-copy.txt",
                date: Some("2024-11-23"),
                hashes: &copy,
            },
            Print {
                doc: "a-wire.txt",
                date: Some("2024-11-22"),
                hashes: &original,
            },
            Print {
                doc: "c-other.txt",
                date: None,
                hashes: &quote,
            },
        ];
        let c = copies(&prints);
        assert_eq!(c.pairs.len(), 1, "{:?}", c.pairs);
        assert_eq!(c.pairs[0].doc, "b-copy.txt");
        assert_eq!(c.pairs[0].original, "a-wire.txt");
        assert!(c.pairs[0].by_date);
        assert_eq!(c.original("b-copy.txt"), "a-wire.txt");
        assert_eq!(
            c.independent(["a-wire.txt", "b-copy.txt", "c-other.txt"].into_iter()),
            2
        );
        // The same answer whatever the order of the documents.
        let mut reversed = prints.to_vec();
        reversed.reverse();
        assert_eq!(copies(&reversed).pairs, c.pairs);
    }

    #[test]
    fn agreement_follows_the_majority_and_ranks_without_hiding() {
        let s = |v: &[&str]| v.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        let contests = vec![
            Contest {
                values: vec![s(&["a", "b"]), s(&["c"])],
            },
            Contest {
                values: vec![s(&["a", "b", "c"])],
            },
            Contest {
                values: vec![s(&["a"]), s(&["c"])],
            },
        ];
        let scores = agreement(&contests, &Copies::default());
        assert_eq!(scores["a"].facts, 3);
        assert_eq!(scores["a"].agrees, 3);
        assert_eq!(scores["c"].agrees, 1);
        assert!(scores["a"].score > scores["b"].score && scores["b"].score > scores["c"].score);
        // In the third contest a's trust outweighs c's.
        let trust = |d: &str| scores.get(d).map_or(0.5, |a| a.score);
        assert_eq!(
            best(&contests[2].values, &Copies::default(), &trust),
            Some(0)
        );
    }
}
