//! Scope and qualifier words around a value: which cue words reach it
//! (before, after, through its trigger) and what they say of it (a tranche,
//! a total, a component, a mark such as "prospective" or "completed").

use super::*;
use crate::normalize::trim_float;

/// Scope and qualifier words reaching value `vi` of sentence `s`.
pub(super) struct CueHits {
    pub(super) scope: Option<Scope>,
    /// A total cue reached the value itself ("already", "cumulative").
    pub(super) explicit_total: bool,
    /// A component cue reached the value ("in cash", "shares worth").
    pub(super) part: bool,
    /// Words introducing a price reached it ("in exchange for").
    pub(super) price: bool,
    pub(super) words: Vec<String>,
    pub(super) marks: Vec<(&'static str, String)>,
}

pub(super) fn cues_for(
    text: &str,
    tokens: &Tokens,
    s: &Sent,
    vi: usize,
    trigger: Option<Span>,
    rules: &RuleSet,
) -> CueHits {
    let v = s.values[vi].span;
    // The values around it of its own class: a count between two amounts
    // ("$4.59 billion in cash and 178 million shares of its stock") does
    // not cut an amount's cues off, nor an amount a count's.
    let this = s.values[vi];
    let mut prev = s.values[..vi].iter().rfind(|m| same_class(this, m));
    // "the total planned capacity … from nearly 7 GW to 10 GW": the words
    // before "from" say what both figures of the change are; the words
    // after it are the first figure's own.
    let mut change_from = None;
    if let Some(p) = prev {
        let (w, at) = word_before(text, p.span.start);
        if w == "from" && is_change_to(text, s, p) {
            change_from = Some(at);
            prev = s.values[..vi]
                .iter()
                .rfind(|m| same_class(this, m) && m.span.end <= at);
        }
    }
    let next = s.values[vi + 1..].iter().find(|m| same_class(this, m));
    let prev_end = prev.map_or(s.span.start, |m| m.span.end);
    let next_start = next.map_or(s.span.end, |m| m.span.start);
    let mut anchors = vec![v];
    // Cues on a trigger reach the value too ("another massive investment …,
    // committing $5 billion"), unless another value is between.
    if let Some(t) = trigger {
        anchors.push(t);
    }
    // So do cues on the noun an "of" phrase after the value names ("up to
    // 4.5 gigawatts of additional Stargate capacity").
    let of_end = text[v.end..]
        .strip_prefix(" of ")
        .map(|_| v.end + " of ".len());
    for &(t, ti) in &s.triggers {
        let compatible = rules.triggers.items[ti].takes(s.values[vi]);
        let before = t.end <= v.start && t.start >= prev_end;
        let of_noun = of_end.is_some_and(|at| {
            t.start >= at && t.end <= next_start && tokens.words_between(at, t.start) <= 2
        });
        if compatible && (before || of_noun) && !anchors.contains(&t) {
            anchors.push(t);
        }
    }
    // A trigger in another clause (past a semicolon) lends the value no cues.
    let same_clause = |t: &Span| {
        let (a, b) = if t.end <= v.start {
            (t.end, v.start)
        } else {
            (v.end, t.start.max(v.end))
        };
        !text[a..b].contains(';')
    };
    anchors.retain(|t| {
        *t == v
            || (t.end <= v.start && t.start >= prev_end && same_clause(t))
            || (t.start >= v.end && t.end <= next_start && same_clause(t))
    });
    let mut tranche = false;
    let mut total = false;
    let mut part = false;
    let mut price = false;
    let mut words = Vec::new();
    let mut marks: Vec<(&'static str, String)> = Vec::new();
    for &(cs, ci) in &s.cues {
        let cue = &rules.cues.items[ci];
        if cue.sets == CueSets::Sum
            || change_from.is_some_and(|at| cs.start >= at && cs.end <= v.start)
        {
            continue;
        }
        // A cue between two values belongs to the nearer one: in "$8 billion
        // already injected + $5 billion", "already" is the $8 billion's.
        // A cue that can only stand before its value ("up from") belongs to
        // the value after it however near the one before is; likewise after.
        let nearer_prev = prev.is_some()
            && cue.position != CuePosition::Before
            && cs.start >= prev_end
            && tokens.words_between(prev_end, cs.start) < tokens.words_between(cs.end, v.start);
        let nearer_next = next.is_some()
            && cue.position != CuePosition::After
            && cs.end <= next_start
            && tokens.words_between(cs.end, next_start) < tokens.words_between(v.end, cs.start);
        // A cue word inside a quantity is its measure word: it reaches
        // that quantity wherever the cue would stand.
        let inside = v.contains(&cs);
        let reached = inside
            || anchors.iter().any(|a| {
                // A cue phrase that holds the trigger word ("raised its
                // offer") reaches what the trigger reaches.
                if *a != v && cs.start <= a.start && cs.end >= a.end {
                    return true;
                }
                // A semicolon ends a clause: "valued at around $70 billion;
                // the original offer price was …" — the cue is the next clause's.
                let before = cs.end <= a.start
                    && cs.start >= prev_end
                    && !nearer_prev
                    && !text[cs.end..a.start].contains(';')
                    && tokens.words_between(cs.end, a.start) <= CUE_BEFORE_REACH;
                let after = cs.start >= a.end
                    && cs.end <= next_start
                    && !nearer_next
                    && !text[a.end..cs.start].contains(';')
                    && tokens.words_between(a.end, cs.start) <= cue.reach_after;
                match cue.position {
                    CuePosition::Before => before,
                    CuePosition::After => after,
                    CuePosition::Any => before || after,
                }
            });
        if !reached {
            continue;
        }
        match cue.sets {
            CueSets::Tranche => tranche = true,
            CueSets::Total => total = true,
            CueSets::Part => part = true,
            CueSets::Price => price = true,
            _ => {}
        }
        // "a takeover target": a phrase before the cue word vetoes it.
        if comes_after(text, cs.start, &cue.not_after) {
            continue;
        }
        let mut word = text[cs.range()].to_lowercase();
        // A period cue counts only before a stated time ("within five
        // years"); its mark is the time, the same for every phrasing.
        if cue.means == Some("period") {
            let Some((period, end)) = period_after(text, cs.end, rules) else {
                continue;
            };
            word = text[cs.start..end].to_lowercase();
            if !marks.iter().any(|(k, _)| *k == "period") {
                marks.push(("period", period));
            }
            if !words.contains(&word) {
                words.push(word);
            }
            continue;
        }
        if let Some(m) = cue.means {
            // A component is recorded by its name, the same for every
            // phrasing ("in stock", "shares worth" → "stock").
            let said = cue.component.clone().unwrap_or_else(|| word.clone());
            if !marks.iter().any(|(k, w)| *k == m && *w == said) {
                marks.push((m, said));
            }
        }
        if !words.contains(&word) {
            words.push(word);
        }
    }
    if total {
        // A whole stated "in cash and stock" names no one component, though
        // "paid in cash" overlaps it.
        marks.retain(|(k, _)| *k != "component");
    }
    let scope = if total {
        Some(Scope::Total)
    } else if tranche {
        Some(Scope::Tranche)
    } else {
        None
    };
    CueHits {
        scope,
        explicit_total: total,
        part,
        price,
        marks,
        words,
    }
}

/// Time units a period is stated in, with their length in months.
const TIME_UNITS: &[(&str, f64)] = &[
    ("month", 1.0),
    ("months", 1.0),
    ("quarter", 3.0),
    ("quarters", 3.0),
    ("year", 12.0),
    ("years", 12.0),
    ("decade", 120.0),
    ("decades", 120.0),
];

/// The period stated right after byte `at`: a number (digits or number
/// words) and a time unit, "five years" → ("5 years", end of "years").
/// `None` when the words after are anything else ("for 4.5 gigawatts",
/// "in 2025").
pub(super) fn period_after(text: &str, at: usize, rules: &RuleSet) -> Option<(String, usize)> {
    let rest = &text[at..];
    let mut words = Vec::new();
    let mut offset = 0;
    for w in rest.split_inclusive(|c: char| c.is_whitespace() || c == '-') {
        let start = offset;
        offset += w.len();
        let t = w.trim_end_matches(|c: char| c.is_whitespace() || c == '-');
        if t.is_empty() {
            if start == 0 {
                continue;
            }
            break;
        }
        words.push((t, at + start + t.len()));
        if words.len() == 5 {
            break;
        }
    }
    // The unit word, then the number before it (one to three words).
    let (ui, factor) = words.iter().enumerate().find_map(|(i, (w, _))| {
        let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        TIME_UNITS
            .iter()
            .find(|(u, _)| w.eq_ignore_ascii_case(u))
            .map(|(_, f)| (i, *f))
    })?;
    if ui == 0 || ui > 3 {
        return None;
    }
    let number = &text[words[0].1 - words[0].0.len()..words[ui - 1].1];
    let n = crate::normalize::parse_number(number)
        .or_else(|| crate::extract::money::number_words(number, &rules.lexicon, &mut Vec::new()))?
        .value;
    if n <= 0.0 {
        return None;
    }
    let months = n * factor;
    let said = if months % 12.0 == 0.0 {
        let y = months / 12.0;
        format!("{} year{}", trim_float(y), if y == 1.0 { "" } else { "s" })
    } else {
        format!(
            "{} month{}",
            trim_float(months),
            if months == 1.0 { "" } else { "s" }
        )
    };
    let end = words[ui].1
        - (words[ui].0.len()
            - words[ui]
                .0
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .len());
    Some((said, end))
}

/// A period mark's length in months ("5 years" → 60).
pub fn period_months(said: &str) -> Option<f64> {
    let (n, unit) = said.split_once(' ')?;
    let n: f64 = n.parse().ok()?;
    match unit.trim_end_matches('s') {
        "year" => Some(n * 12.0),
        "month" => Some(n),
        _ => None,
    }
}
