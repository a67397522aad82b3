//! Entities: the gazetteer (aliases → canonical names, with parents), then
//! capitalised names the gazetteer does not know, typed "unknown".
//!
//! Unknown names are the weak part of any rule-based extractor, so they are
//! filtered conservatively: stop words at either end are dropped, possessives
//! are cut ("Wedbush’s" → "Wedbush"), and a single capitalised word at the
//! start of a sentence counts only if it is also capitalised mid-sentence, is
//! possessive ("Acme’s"), is followed by a claim trigger in its clause
//! ("Broadcom completed its $69 billion acquisition"),
//! or starts sentences more than once in the document (otherwise "Training"
//! would be a company).

use super::{EntityValue, Kind, Mention, Value};
use crate::rules::{is_word_bounded, PatternKind, RuleSet};
use crate::span::{Span, SpanSet};
use crate::tokenize::Tokens;
use std::collections::HashSet;

/// Entity mentions that do not overlap `taken` (the value mentions).
pub fn extract(text: &str, tokens: &Tokens, rules: &RuleSet, taken: &[Mention]) -> Vec<Mention> {
    let mut taken_set = SpanSet::new();
    for m in taken {
        taken_set.insert(m.span);
    }
    let overlaps_taken = |s: &Span| taken_set.overlaps(s);
    let mut out: Vec<Mention> = Vec::new();
    for (span, idx) in rules.gazetteer.find(text) {
        if overlaps_taken(&span) {
            continue;
        }
        let e = &rules.gazetteer.entities[idx];
        out.push(Mention {
            kind: Kind::Entity,
            span,
            value_span: span,
            rule: e.id,
            lexicon: Vec::new(),
            value: Value::Entity(EntityValue {
                canonical: e.canonical.clone(),
                kind: e.kind.clone(),
                parent: e.parent.clone(),
                known: true,
            }),
        });
    }
    // Known names and values, as holes the unknown-name pattern fills around.
    let mut holes = taken_set.clone();
    for m in &out {
        holes.insert(m.span);
    }
    let mut placed = holes.clone();
    let sentence_starts: HashSet<usize> = tokens.sentences.iter().map(|s| s.span.start).collect();
    // In text order, as the tokenizer gives them.
    let starts_sorted: Vec<usize> = tokens.sentences.iter().map(|s| s.span.start).collect();
    // Where claim trigger words start: "Barclays lent …", "Oracle acquired …"
    // name their actor at the start of a sentence.
    let trigger_spans: Vec<Span> = rules
        .triggers
        .find(text)
        .into_iter()
        .map(|(s, _)| s)
        .collect();

    for pat in rules
        .patterns
        .iter()
        .filter(|p| p.kind == PatternKind::Entity)
    {
        // First pass: candidate pieces; second: the sentence-initial filter.
        let mut pieces: Vec<Span> = Vec::new();
        for m in pat.regex.find_iter(text) {
            let whole = Span::new(m.start(), m.end());
            // A run of capitalised words may cross a sentence boundary
            // ("… for Seagen. Exxon Mobil said …"): each sentence's part is
            // a name of its own.
            let first = starts_sorted.partition_point(|&at| at <= whole.start);
            let last = starts_sorted.partition_point(|&at| at < whole.end);
            let mut cuts: Vec<usize> = starts_sorted[first..last.max(first)].to_vec();
            cuts.push(whole.end);
            let mut from = whole.start;
            let mut spans = Vec::new();
            for at in cuts {
                let part = text[from..at].trim_end();
                if !part.is_empty() {
                    spans.push(Span::new(from, from + part.len()));
                }
                from = at;
            }
            for span in spans {
                for piece in split_around(span, holes.overlapping(span)) {
                    let words = NameWords {
                        stopwords: &pat.stopwords,
                        suffixes: &pat.name_suffixes,
                        adjective_endings: &pat.adjective_endings,
                        named_nouns: &rules.named_nouns,
                    };
                    if let Some(p) = clean(text, piece, &words) {
                        if !pat.not_alone.contains(&text[p.range()]) {
                            pieces.push(p);
                        }
                    }
                }
            }
        }
        let mid_sentence: HashSet<&str> = pieces
            .iter()
            .filter(|p| !sentence_starts.contains(&p.start))
            .map(|p| &text[p.range()])
            .collect();
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for p in &pieces {
            *seen.entry(&text[p.range()]).or_default() += 1;
        }
        for p in &pieces {
            let s = &text[p.range()];
            let single_word = !s.contains(char::is_whitespace);
            let possessive = text[p.end..].starts_with("’s") || text[p.end..].starts_with("'s");
            let acts = acts_in_clause(text, *p, &trigger_spans);
            let trusted = mid_sentence.contains(s)
                || possessive
                || acts
                || seen.get(s).copied().unwrap_or(0) >= 2;
            if single_word && sentence_starts.contains(&p.start) && !trusted {
                continue;
            }
            if placed.overlaps(p) {
                continue;
            }
            // Right after a number it is a unit: "7 GW", "200 MW", "5 TB";
            // on the same line only (a dateline "March 14, 2025" ends the
            // line before "Northwind Capital has invested …").
            if text[..p.start]
                .trim_end_matches([' ', '\t', '\u{a0}'])
                .ends_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            // A name starts a word: not the "TV" of "pay-TV".
            if text[..p.start].ends_with(|c: char| c.is_alphanumeric() || c == '-') {
                continue;
            }
            placed.insert(*p);
            out.push(Mention {
                kind: Kind::Entity,
                span: *p,
                value_span: *p,
                rule: pat.id,
                lexicon: Vec::new(),
                value: Value::Entity(EntityValue {
                    canonical: unknown_canonical(s),
                    kind: "unknown".to_string(),
                    parent: None,
                    known: false,
                }),
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    resolve_short_names(text, &mut out);
    owner_descriptions(text, rules, &mut out);
    out
}

/// "The ChatGPT maker signed …": a known name followed by an owner word
/// (`[[reference]]` with `refers_to = "owner"`) stands for the owner the
/// gazetteer gives it. The mention grows over the words ("ChatGPT maker")
/// and becomes the owner's. A name without an owner in the gazetteer stays
/// as it is: "the Fortnite maker" is not Fortnite, but nor is it anyone we
/// know.
fn owner_descriptions(text: &str, rules: &RuleSet, mentions: &mut [Mention]) {
    if rules.owner_words.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        let Value::Entity(e) = &m.value else {
            continue;
        };
        let Some(owner) = e.parent.clone() else {
            continue;
        };
        let after = &text[m.span.end..];
        let rest = after
            .strip_prefix("’s")
            .or_else(|| after.strip_prefix("'s"))
            .unwrap_or(after);
        let Some(gap) = rest.strip_prefix([' ', '\u{a0}']) else {
            continue;
        };
        let at = text.len() - gap.len();
        let found = rules.owner_words.iter().find(|(w, _)| {
            gap.get(..w.len())
                .is_some_and(|g| g.eq_ignore_ascii_case(w))
                && is_word_bounded(text, Span::new(at, at + w.len()), false)
        });
        let Some((w, id)) = found else {
            continue;
        };
        let info = rules
            .gazetteer
            .entities
            .iter()
            .find(|x| x.canonical == owner);
        m.span = Span::new(m.span.start, at + w.len());
        m.value_span = m.span;
        m.rule = *id;
        m.value = Value::Entity(EntityValue {
            canonical: owner,
            kind: info.map_or_else(|| "org".to_string(), |x| x.kind.clone()),
            parent: info.and_then(|x| x.parent.clone()),
            known: true,
        });
    }
}

/// Words that end a company's name ("SoftBank Group Corp.", "Walt Disney
/// Co"), lower case, without their full stop.
const COMPANY_SUFFIXES: &[&str] = &[
    "co", "corp", "inc", "ltd", "llc", "plc", "group", "holdings", "ag", "sa", "nv",
];

/// True when `word` ends company names ("Corp.", "Inc", "Group").
pub fn is_company_suffix(word: &str) -> bool {
    COMPANY_SUFFIXES.contains(&word.trim_end_matches('.').to_lowercase().as_str())
}

/// The word lists of an entity pattern that `clean` trims a name with.
#[derive(Clone, Copy)]
struct NameWords<'a> {
    stopwords: &'a HashSet<String>,
    /// Stop words kept at the end of a longer name.
    suffixes: &'a HashSet<String>,
    /// Lower-case endings of adjectives ("-based"): "Oslo-based",
    /// "AI-assisted" describe something; they name no one.
    adjective_endings: &'a [String],
    /// Nouns a name stands before, lower case ("project" of "the Stargate
    /// Project": words of a trigger with `named_between`): they end a
    /// longer name, they are no part of it.
    named_nouns: &'a HashSet<String>,
}

/// Whether `word` ends in one of `endings` (lower case) after at least one
/// character, ignoring ASCII case. Runs for every capitalised word: no copy.
fn is_adjective(word: &str, endings: &[String]) -> bool {
    endings.iter().any(|e| {
        word.len() > e.len()
            && word.is_char_boundary(word.len() - e.len())
            && word[word.len() - e.len()..].eq_ignore_ascii_case(e)
    })
}

/// The name an unknown company goes by: without the legal form that ends
/// it ("Activision Blizzard Inc" is "Activision Blizzard", as another
/// source writes it), unless what is left is only generic words ("Capital
/// Group" stays).
fn unknown_canonical(written: &str) -> String {
    let mut words: Vec<&str> = written.split_whitespace().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| is_company_suffix(w.trim_end_matches(',')))
    {
        words.pop();
    }
    let rest = words.join(" ");
    let rest = rest.trim_end_matches([',', '.']);
    let only_generic = rest
        .split(|c: char| c.is_whitespace() || c == '-')
        .all(|w| GENERIC_NAME_WORDS.contains(&w.to_lowercase().as_str()));
    if rest.is_empty() || only_generic {
        written.to_string()
    } else {
        rest.to_string()
    }
}

/// Other words that name no one on their own: "Cloud" of "Google Cloud".
const GENERIC_NAME_WORDS: &[&str] = &[
    "the",
    "company",
    "corporation",
    "international",
    "global",
    "capital",
    "partners",
    "technologies",
    "systems",
    "networks",
    "media",
    "new",
    "first",
    "century",
    "cloud",
    "web",
    "services",
    "service",
    "ai",
    "labs",
    "lab",
    "bank",
    "fund",
    "news",
    "research",
    "digital",
    "energy",
    "financial",
    "entertainment",
    "studios",
    "pictures",
    "motors",
    "air",
    "one",
    "american",
    "national",
    "united",
    "general",
    "world",
    "data",
    "platforms",
    "software",
];

/// News names a company in full once and by a short name after ("Twenty-
/// First Century Fox" … "Fox assets"). An unknown name whose words run
/// inside the written name of exactly one known entity of the document,
/// and are not only generic words, is that entity.
fn resolve_short_names(text: &str, mentions: &mut [Mention]) {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect()
    };
    // Each known entity's written names in this document.
    let mut known: Vec<(Vec<String>, EntityValue)> = Vec::new();
    for m in mentions.iter() {
        if let Value::Entity(e) = &m.value {
            if e.known {
                let w = words(&text[m.span.range()]);
                if !known
                    .iter()
                    .any(|(k, v)| *k == w && v.canonical == e.canonical)
                {
                    known.push((w, e.clone()));
                }
            }
        }
    }
    if known.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        let Value::Entity(e) = &m.value else { continue };
        if e.known {
            continue;
        }
        let short = words(&text[m.span.range()]);
        if short
            .iter()
            .all(|w| is_company_suffix(w) || GENERIC_NAME_WORDS.contains(&w.as_str()))
        {
            continue;
        }
        let mut found: Option<&EntityValue> = None;
        let mut ambiguous = false;
        for (full, ev) in &known {
            let inside = full.len() > short.len()
                && full.windows(short.len()).any(|run| run == short.as_slice());
            if inside {
                match found {
                    Some(f) if f.canonical != ev.canonical => ambiguous = true,
                    _ => found = Some(ev),
                }
            }
        }
        if let (Some(ev), false) = (found, ambiguous) {
            m.value = Value::Entity(ev.clone());
        }
    }
}

/// Words between a name and a claim trigger that still make the name its actor.
const ACTOR_REACH: usize = 5;

/// True when a claim trigger follows `name` within a few words of the same
/// clause ("Broadcom completed its $69 billion acquisition", "Cisco agreed to
/// buy"), and the name is not itself a trigger word ("Funding totaled …").
fn acts_in_clause(text: &str, name: Span, triggers: &[Span]) -> bool {
    // Triggers are sorted and do not overlap: only neighbours can touch.
    let i = triggers.partition_point(|t| t.start < name.end);
    if i > 0 && triggers[i - 1].overlaps(&name) {
        return false;
    }
    let Some(t) = triggers.get(i) else {
        return false;
    };
    let between = &text[name.end..t.start];
    between.starts_with([' ', '\t'])
        && !between.contains([',', ';', ':', '(', ')', '—', '–', '"', '“', '”', '\n'])
        && between.split_whitespace().count() <= ACTOR_REACH
}

/// The parts of `span` not covered by any of `holes`.
fn split_around(span: Span, holes: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut inside: Vec<Span> = holes.filter(|h| h.overlaps(&span)).collect();
    inside.sort();
    let mut out = Vec::new();
    let mut cur = span.start;
    for h in inside {
        if h.start > cur {
            out.push(Span::new(cur, h.start));
        }
        cur = cur.max(h.end);
    }
    if cur < span.end {
        out.push(Span::new(cur, span.end));
    }
    out
}

/// Trim white space, possessives, punctuation and stop words from the ends of
/// a candidate name; `None` if nothing name-like is left.
fn clean(text: &str, span: Span, words_of: &NameWords) -> Option<Span> {
    let NameWords {
        stopwords,
        suffixes,
        adjective_endings,
        named_nouns,
    } = *words_of;
    let mut words: Vec<Span> = Vec::new();
    let s = &text[span.range()];
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                words.push(Span::new(span.start + st, span.start + i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        words.push(Span::new(span.start + st, span.end));
    }
    // Strip possessives and trailing punctuation from each word's end.
    let trim_word = |w: Span| -> Span {
        let t = &text[w.range()];
        let t2 = t
            .strip_suffix("’s")
            .or_else(|| t.strip_suffix("'s"))
            .unwrap_or(t)
            .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '&');
        Span::new(w.start, w.start + t2.len())
    };
    let is_stop = |w: &Span| {
        let t = &text[w.range()];
        let t = t
            .strip_suffix("’s")
            .or_else(|| t.strip_suffix("'s"))
            .unwrap_or(t);
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        t.is_empty()
            || stopwords.contains(t)
            || stopwords.contains(&t.to_lowercase())
            || is_adjective(t, adjective_endings)
    };
    // A connector left at the start by a dropped stop word goes too: "Shares
    // of Northwind" is "Northwind".
    let is_connector = |w: &Span| !text[w.range()].chars().any(char::is_uppercase);
    while words.first().is_some_and(|w| is_stop(w) || is_connector(w)) {
        words.remove(0);
    }
    let is_end_stop = |words: &[Span]| {
        words.last().is_some_and(|w| {
            let t = text[w.range()].trim_end_matches(|c: char| !c.is_alphanumeric());
            // "Granite Partners’s": the suffix before a possessive.
            let t = t
                .strip_suffix("’s")
                .or_else(|| t.strip_suffix("'s"))
                .unwrap_or(t);
            (is_stop(w) && !(words.len() > 1 && suffixes.contains(t)))
                || (words.len() > 1 && named_nouns.contains(&t.to_lowercase()))
        })
    };
    while is_end_stop(&words) {
        words.pop();
    }
    // A possessive or a trailing full stop ends the name: keep up to it.
    let mut end_at = words.len();
    for (i, w) in words.iter().enumerate() {
        let t = &text[w.range()];
        if t.ends_with("’s")
            || t.ends_with("'s")
            || t.ends_with('.')
            || t.ends_with(',')
            || t.ends_with(':')
        {
            end_at = i + 1;
            break;
        }
    }
    words.truncate(end_at);
    while is_end_stop(&words) {
        words.pop();
    }
    let first = *words.first()?;
    let last = trim_word(*words.last()?);
    if last.end <= first.start {
        return None;
    }
    let out = Span::new(first.start, last.end);
    let t = &text[out.range()];
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    // A name starts with a capital, or has one within its first three
    // letters ("xAI", "eBay", "iRobot").
    if letters < 2 || !t.chars().take(3).any(char::is_uppercase) {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop() -> HashSet<String> {
        ["The", "While", "AI", "and"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn a_short_name_is_the_known_entity_written_in_full() {
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let text = "Twenty-First Century Fox agreed a deal. At stake are such Fox assets as Hulu. Google Cloud grew. Cloud providers gained.";
        let a = crate::pipeline::analyze(text, &rules, None);
        let named = |w: &str| -> Option<(String, bool)> {
            a.mentions.iter().find_map(|m| match &m.value {
                Value::Entity(e) if &text[m.span.range()] == w => {
                    Some((e.canonical.clone(), e.known))
                }
                _ => None,
            })
        };
        assert_eq!(named("Fox"), Some(("21st Century Fox".to_string(), true)));
        // A generic word of a name is no short name.
        assert_ne!(
            named("Cloud").map(|(c, _)| c),
            Some("Google Cloud".to_string())
        );
    }

    #[test]
    fn an_unknown_company_goes_by_its_name_without_its_legal_form() {
        assert_eq!(
            unknown_canonical("Activision Blizzard Inc"),
            "Activision Blizzard"
        );
        assert_eq!(unknown_canonical("Halvard Holdings Corp."), "Halvard");
        assert_eq!(unknown_canonical("Capital Group"), "Capital Group");
        assert_eq!(unknown_canonical("Inc"), "Inc");
        let rules = crate::rules::RuleSet::builtin().unwrap();
        let text = "Northwind Blizzard Inc agreed to a deal. Shares of Northwind rose. \
                    Kestrel Labs grew, and so did Kestrel.";
        let a = crate::pipeline::analyze(text, &rules, None);
        let named = |w: &str| -> Option<String> {
            a.mentions.iter().find_map(|m| match &m.value {
                Value::Entity(e) if &text[m.span.range()] == w => Some(e.canonical.clone()),
                _ => None,
            })
        };
        assert_eq!(
            named("Northwind Blizzard Inc").as_deref(),
            Some("Northwind Blizzard")
        );
        // A name that starts a sentence after one ending in a name is found.
        let text2 =
            "Halvard will pay $43 billion for Seagen. Exxon Mobil said it would buy Pioneer.";
        let b = crate::pipeline::analyze(text2, &rules, None);
        let names: Vec<&str> = b
            .mentions
            .iter()
            .filter(|m| matches!(m.value, Value::Entity(_)))
            .map(|m| &text2[m.span.range()])
            .collect();
        assert!(
            names.contains(&"Seagen") && names.contains(&"Exxon Mobil"),
            "{names:?}"
        );
        // "Shares of" is no part of a name.
        assert_eq!(named("Northwind").as_deref(), Some("Northwind"));
        // A short name is not taken for a longer unknown one: title-case
        // runs (a headline's "Kestrel Labs Halvard") are too often two names.
        assert_eq!(named("Kestrel").as_deref(), Some("Kestrel"));
    }

    #[test]
    fn clean_strips_stopwords_and_possessives() {
        let text = "The Wedbush Securities’s view";
        let (stopwords, suffixes) = (stop(), HashSet::new());
        let words = NameWords {
            stopwords: &stopwords,
            suffixes: &suffixes,
            adjective_endings: &[],
            named_nouns: &HashSet::new(),
        };
        let got = clean(text, Span::new(0, text.find(" view").unwrap()), &words).unwrap();
        assert_eq!(&text[got.range()], "Wedbush Securities");
    }

    #[test]
    fn clean_rejects_pure_stopwords() {
        let text = "While AI";
        let (stopwords, suffixes) = (stop(), HashSet::new());
        let words = NameWords {
            stopwords: &stopwords,
            suffixes: &suffixes,
            adjective_endings: &[],
            named_nouns: &HashSet::new(),
        };
        assert!(clean(text, Span::new(0, text.len()), &words).is_none());
    }

    #[test]
    fn split_around_cuts_known_spans() {
        let got = split_around(
            Span::new(0, 20),
            [Span::new(0, 6), Span::new(10, 12)].into_iter(),
        );
        assert_eq!(got, vec![Span::new(6, 10), Span::new(12, 20)]);
    }
}
