//! The sentence-wide passes over a sentence's claims: sums ("$1.25B plus
//! $2.75B"), components of one price, counts paid beside cash, and the
//! as-of dates of each claim.

use super::*;

/// Components: when two or more values of a sentence carry a component cue
/// ("$4 billion in cash and $12 billion in stock"; "shares worth $13.7
/// billion …, $4.59 billion paid in cash"), each is a part of the price, not
/// a rival total. One alone ("a bid of $65 billion in cash") says how the
/// whole is paid, and stays a total.
pub(super) fn apply_components(claims: &mut [Claim], parts: &[bool], explicit_total: &[bool]) {
    // Parts of one price: the same parties ("countered Disney's $52.4 billion
    // deal with a bid of $65 billion in cash" holds two prices).
    let parties = |c: &Claim| (c.subject.clone(), c.object.clone());
    let together: Vec<bool> = (0..claims.len())
        .map(|i| {
            parts[i]
                && (0..claims.len())
                    .any(|j| j != i && parts[j] && parties(&claims[j]) == parties(&claims[i]))
        })
        .collect();
    for (i, c) in claims.iter_mut().enumerate() {
        if together[i] && !explicit_total[i] {
            c.scope = Scope::Tranche;
        }
    }
}

/// A count paid with an amount of the same parties shares when it was
/// paid: "177.8 million Class A shares worth $13.7 billion …, and the
/// remainder of the purchase price, $4.59 billion, was paid in cash" states
/// the count at completion too.
pub(super) fn counts_share_completion(claims: &mut [Claim], quantities: &[bool]) {
    let completed: Vec<(String, Option<String>, String)> = claims
        .iter()
        .flat_map(|c| {
            c.marks
                .iter()
                .filter(|(k, _)| *k == "completed")
                .map(|(_, w)| (c.subject.clone(), c.object.clone(), w.clone()))
        })
        .collect();
    for (c, _) in claims.iter_mut().zip(quantities).filter(|(_, q)| **q) {
        if c.marks.iter().any(|(k, _)| *k == "completed") {
            continue;
        }
        if let Some((_, _, w)) = completed
            .iter()
            .find(|(s, o, _)| *s == c.subject && *o == c.object)
        {
            c.marks.push(("completed", w.clone()));
        }
    }
}

/// Values joined by a sum cue ("$8 billion already injected + $5 billion …
/// and up to $20 billion …") are parts of one sum: each becomes a tranche
/// unless it carries an explicit total cue. "and" or a comma continue a chain
/// that a sum cue started.
pub(super) fn apply_sum_chains(
    text: &str,
    s: &Sent,
    claims: &mut [Claim],
    explicit_total: &[bool],
    rules: &RuleSet,
) {
    let has_sum = |a: usize, b: usize| {
        s.cues.iter().any(|(sp, ci)| {
            rules.cues.items[*ci].sets == CueSets::Sum && sp.start >= a && sp.end <= b
        })
    };
    let mut in_chain = vec![false; claims.len()];
    for i in 1..claims.len() {
        let (a, b) = (claims[i - 1].span.end, claims[i].span.start);
        if a > b {
            continue;
        }
        if has_sum(a, b) {
            in_chain[i - 1] = true;
            in_chain[i] = true;
        } else if in_chain[i - 1] {
            let between = text[a..b].to_lowercase();
            if between.split_whitespace().any(|w| w == "and") || between.contains(',') {
                in_chain[i] = true;
            }
        }
    }
    for (i, c) in claims.iter_mut().enumerate() {
        if in_chain[i] && !explicit_total[i] {
            c.scope = Scope::Tranche;
        }
    }
}

/// As-of dates: the date that follows a value in its clause, else the one
/// before it that no earlier value took, else for a total the latest tranche
/// date of the sentence, else the document date. "since 2019" starts a
/// period and is never an as-of date.
pub(super) fn assign_dates(
    tokens: &Tokens,
    s: &Sent,
    claims: &mut [Claim],
    doc_date: Option<&DateValue>,
) {
    let dates: Vec<&Mention> = s
        .dates
        .iter()
        .copied()
        .filter(|d| {
            d.date().is_some_and(|v| {
                v.role.as_deref() != Some("start") && (v.value.is_some() || v.min.is_some())
            })
        })
        .collect();
    let value_between = |a: usize, b: usize| {
        s.values
            .iter()
            .any(|m| m.span.start >= a && m.span.end <= b)
    };
    let mut claimed = vec![false; dates.len()];
    for c in claims.iter_mut() {
        let next = dates.iter().enumerate().find(|(i, d)| {
            !claimed[*i]
                && d.span.start >= c.span.end
                && !value_between(c.span.end, d.span.start)
                && tokens.words_between(c.span.end, d.span.start) <= 12
        });
        if let Some((i, d)) = next {
            claimed[i] = true;
            c.as_of = d.date().cloned();
            c.as_of_source = d.date().map(AsOfSource::of_date);
        }
    }
    for c in claims.iter_mut().filter(|c| c.as_of.is_none()) {
        let prev = dates.iter().enumerate().rev().find(|(i, d)| {
            !claimed[*i] && d.span.end <= c.span.start && !value_between(d.span.end, c.span.start)
        });
        if let Some((_, d)) = prev {
            c.as_of = d.date().cloned();
            c.as_of_source = d.date().map(AsOfSource::of_date);
        }
    }
    // Only when every tranche of the sentence is dated: an undated one may be later.
    let tranches: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.scope == Scope::Tranche)
        .collect();
    let all_dated = tranches
        .iter()
        .all(|c| c.as_of_source.is_some_and(AsOfSource::in_sentence));
    let latest_tranche = tranches
        .iter()
        .filter(|_| all_dated)
        .filter_map(|c| c.as_of.clone())
        .max_by_key(|d| d.sort_key());
    for c in claims.iter_mut().filter(|c| c.as_of.is_none()) {
        if c.scope == Scope::Total {
            if let Some(d) = &latest_tranche {
                c.as_of = Some(d.clone());
                c.as_of_source = Some(AsOfSource::Tranche);
                continue;
            }
        }
        if let Some(d) = doc_date {
            c.as_of = Some(d.clone());
            c.as_of_source = Some(AsOfSource::Document);
        }
    }
}
