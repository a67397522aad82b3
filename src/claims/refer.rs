//! Descriptions that stand for a name: "the app", "the ChatGPT maker",
//! "the Japanese billionaire" and a description after a value ("to back
//! the initiative"). A value whose clause names no one is the company's
//! the description stands for. A deal description ("this partnership",
//! "the deal") stands for a deal an earlier sentence names with its two
//! parties, and makes the value that deal's.

use super::*;

/// The company a description before `v` in its clause stands for ("Facebook
/// … decision to acquire WhatsApp. The app has 450 million active users"):
/// the nearest name before the description in its paragraph, at most two
/// sentences back, that is no person, government or cited source — a name
/// in the gazetteer before an unknown one. A person's description ("the
/// billionaire") stands for the company of the person named before it.
pub(super) fn referent<'a>(
    text: &str,
    rules: &RuleSet,
    sents: &[Sent<'a>],
    si: usize,
    v: Span,
) -> Option<&'a Mention> {
    let s = &sents[si];
    let left = clause_start(s, v);
    // Before the value in its clause; or anywhere in a sentence that names
    // no one ("Free to use for the first year and costing $1 per year after
    // that, the service has no advertising").
    let names_no_one = s.entities.iter().all(|e| !eligible(e, true));
    let (r, idx) = s
        .references
        .iter()
        .filter(|(r, i)| {
            (r.end <= v.start || names_no_one)
                && rules.references.items[*i].refers_to != RefersTo::Deal
        })
        .rfind(|(r, _)| r.start >= left || names_no_one)?;
    match rules.references.items[*idx].refers_to {
        RefersTo::Person => person_company(text, rules, sents, si, *r),
        _ => written_with_noun(text, sents, si, *r).or_else(|| named_before(sents, si, *r, None)),
    }
}

/// "OpenAI announced the Stargate Project, … The announcement said the
/// project will begin …": a description stands first for the name written
/// with its noun right after it, before any other name.
fn written_with_noun<'a>(
    text: &str,
    sents: &[Sent<'a>],
    si: usize,
    r: Span,
) -> Option<&'a Mention> {
    let noun = text[r.range()].rsplit(' ').next()?;
    companies_before(sents, si, r).rfind(|e| {
        let after = text[e.span.end..].trim_start_matches([' ', '\u{a0}']);
        after
            .get(..noun.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(noun))
            && !after[noun.len()..].starts_with(char::is_alphanumeric)
    })
}

/// The parties of the deal a description before `v` in its clause stands
/// for ("OpenAI and Oracle announced a joint agreement to develop …. This
/// partnership is projected to attract over $300 billion"), with the
/// description's rule. The deal is the nearest one stated by one of the
/// rule's nouns with two companies: "A and B … agreement", "A's
/// partnership with B", "an agreement between A and B", "the A-B
/// partnership" — in the text before the description in its sentence, or
/// in the two sentences before it in its paragraph. A sentence before
/// whose trigger names both parties of a deal states the deal: "Acme
/// agreed to buy Beta Labs. The deal is worth $2 billion" is Acme's
/// purchase (for a value with no trigger of its own; `own_trigger` says).
pub(super) fn deal_parties<'a>(
    text: &str,
    rules: &RuleSet,
    sents: &[Sent<'a>],
    frames: &[Vec<(Span, Frame)>],
    si: usize,
    v: &Mention,
    own_trigger: bool,
) -> Option<DealRef<'a>> {
    let v_mention = v;
    let v = v.span;
    let s = &sents[si];
    let left = clause_start(s, v);
    let &(r, idx) = s.references.iter().rfind(|(r, i)| {
        r.end <= v.start
            && r.start >= left
            && rules.references.items[*i].refers_to == RefersTo::Deal
    })?;
    let nouns = &rules.references.items[idx].antecedents;
    for j in (si.saturating_sub(2)..=si).rev() {
        let x = &sents[j];
        if x.paragraph != s.paragraph {
            continue;
        }
        let end = if j == si { r.start } else { x.span.end };
        if j < si {
            let whole: Vec<&Frame> = frames[j]
                .iter()
                .map(|(_, f)| f)
                .filter(|f| f.subject.is_some() && f.object.is_some())
                .collect();
            if !whole.is_empty() {
                return whole
                    .into_iter()
                    .rfind(|f| predicate_takes(rules, &f.predicate, v_mention))
                    .filter(|_| !own_trigger)
                    .map(|f| DealRef::Frame(f.clone()));
            }
        }
        let names: Vec<&Mention> = x
            .entities
            .iter()
            .copied()
            .filter(|e| {
                e.span.end <= end
                    && !x.cited(e)
                    && e.entity()
                        .is_some_and(|k| !matches!(k.kind.as_str(), "person" | "gov" | "place"))
            })
            .collect();
        let lower = text[x.span.start..end].to_lowercase();
        for (at, _) in noun_hits(&lower, nouns).into_iter().rev() {
            let at = x.span.start + at;
            if let Some((a, b)) = parties_around(text, &names, at) {
                // A noun inside a trigger phrase says what deal it is: a
                // "merger agreement" is a purchase, its parties in the order
                // written.
                let predicate = x
                    .triggers
                    .iter()
                    .find(|(t, _)| t.start <= at && at < t.end)
                    .map_or_else(
                        || rules.references.items[idx].predicate.clone(),
                        |(_, ti)| rules.triggers.items[*ti].predicate.clone(),
                    );
                return Some(DealRef::Named(a, b, predicate, (r, idx)));
            }
        }
    }
    None
}

/// What a deal description stands for.
pub(super) enum DealRef<'a> {
    /// Two companies named with a deal noun, the deal's predicate, and
    /// where the description stands with its rule.
    Named(&'a Mention, &'a Mention, String, (Span, usize)),
    /// The deal a trigger of an earlier sentence states with both parties.
    Frame(Frame),
}

/// Where the nouns stand in `lower` as whole words, in text order: (start, end).
fn noun_hits(lower: &str, nouns: &[String]) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    for n in nouns {
        let mut from = 0;
        while let Some(i) = lower[from..].find(n.as_str()) {
            let (a, b) = (from + i, from + i + n.len());
            let whole = !lower[..a].ends_with(char::is_alphanumeric)
                && !lower[b..].starts_with(char::is_alphanumeric);
            if whole {
                hits.push((a, b));
            }
            from = b;
        }
    }
    hits.sort_unstable();
    hits
}

/// The two companies of a deal noun at byte `at`: after "with" or
/// "between" right after the noun (the other before it, or both joined by
/// "and"), else the last two named before it joined by "and" or a hyphen.
fn parties_around<'a>(
    text: &str,
    names: &[&'a Mention],
    at: usize,
) -> Option<(&'a Mention, &'a Mention)> {
    let joined = |a: &Mention, b: &Mention| {
        let between = text[a.span.end..b.span.start].trim();
        matches!(between, "and" | "&" | "-" | "–" | "—" | ", and")
    };
    let distinct = |a: &Mention, b: &Mention| canonical(a) != canonical(b);
    let noun_end = text[at..]
        .find(|c: char| !c.is_alphanumeric() && c != ' ')
        .map_or(text.len(), |i| at + i);
    let after = text[at..noun_end.min(text.len())].to_lowercase();
    // "with Oracle", "between Oracle and OpenAI": within a few words.
    let prep = ["with ", "between "]
        .iter()
        .find_map(|p| after.find(p).filter(|&i| i < 40).map(|i| at + i + p.len()));
    if let Some(p) = prep {
        let mut later = names.iter().filter(|e| e.span.start >= p);
        if let Some(&b) = later.next() {
            if text[p..b.span.start].trim().is_empty() {
                if let Some(&c) = later.next().filter(|c| joined(b, c) && distinct(b, c)) {
                    return Some((b, c));
                }
                let a = names.iter().rev().find(|e| e.span.end <= at)?;
                return distinct(a, b).then_some((*a, b));
            }
        }
    }
    let before: Vec<&&Mention> = names.iter().filter(|e| e.span.end <= at).collect();
    match before.as_slice() {
        [.., a, b] if joined(a, b) && distinct(a, b) => Some((**a, **b)),
        _ => None,
    }
}

/// The names before `r` in its paragraph, at most two sentences back, that
/// are no person or government: what a description may stand for.
pub(super) fn companies_before<'s, 'a>(
    sents: &'s [Sent<'a>],
    si: usize,
    r: Span,
) -> impl DoubleEndedIterator<Item = &'a Mention> + 's {
    let paragraph = sents[si].paragraph;
    sents[si.saturating_sub(2)..=si]
        .iter()
        .filter(move |x| x.paragraph == paragraph)
        .flat_map(|x| x.entities.iter().copied())
        .filter(move |e| {
            e.span.end <= r.start
                && e.entity()
                    .is_some_and(|x| !matches!(x.kind.as_str(), "person" | "gov" | "place"))
        })
}

/// The nearest name before `r` in its paragraph, at most two sentences
/// back, that is no person, government or cited source (nor `not`) — a
/// name in the gazetteer before an unknown one.
pub(super) fn named_before<'a>(
    sents: &[Sent<'a>],
    si: usize,
    r: Span,
    not: Option<&str>,
) -> Option<&'a Mention> {
    // The sentences `companies_before` reads, not the whole document.
    let near = &sents[si.saturating_sub(2)..=si];
    let cited = |e: &Mention| near.iter().any(|x| x.cited(e));
    let names: Vec<&Mention> = companies_before(sents, si, r)
        .filter(|e| !cited(e) && not != Some(canonical(e)))
        .collect();
    names
        .iter()
        .rfind(|e| e.entity().is_some_and(|x| x.known))
        .or(names.last())
        .copied()
}

/// Where the clause of a value at `v` starts: after the value before it in
/// its sentence, else at the sentence's start.
fn clause_start(s: &Sent, v: Span) -> usize {
    s.values
        .iter()
        .filter(|m| m.span.end <= v.start)
        .map(|m| m.span.end)
        .max()
        .unwrap_or(s.span.start)
}

/// "Acme Corp’s Jane Doe … The French billionaire had pledged $4 billion":
/// the company of the person a description (`r`) stands for, from how the
/// person was written before it in the paragraph — a company's possessive
/// or a company and a title right before a capitalised name ("Acme Corp’s
/// Jane Doe", "Acme Corp CEO Jane Doe"). The description must read as one:
/// "the", at most two words, the noun, and no name right after ("the
/// billionaire Peter Thiel" is a title).
pub(super) fn person_company<'a>(
    text: &str,
    rules: &RuleSet,
    sents: &[Sent<'a>],
    si: usize,
    r: Span,
) -> Option<&'a Mention> {
    let s = &sents[si];
    let before: Vec<&str> = text[s.span.start..r.start].split_whitespace().collect();
    let the_at = before
        .iter()
        .rev()
        .take(3)
        .position(|w| w.eq_ignore_ascii_case("the"))?;
    let between_ok = before[before.len() - the_at..]
        .iter()
        .all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-'));
    let next_is_name = text[r.end..]
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with(char::is_uppercase);
    if !between_ok || next_is_name {
        return None;
    }
    // A title word after a company: "Acme Corp CEO Jane Doe".
    let titled = |after: &str| {
        // The title starts the text after the company: a few words suffice.
        let after = after
            .char_indices()
            .nth(40)
            .map_or(after, |(i, _)| &after[..i]);
        rules.references.find(after).first().is_some_and(|(t, i)| {
            t.start == 0
                && rules.references.items[*i].refers_to == RefersTo::Person
                && after[t.end..]
                    .strip_prefix(' ')
                    .is_some_and(|x| x.starts_with(char::is_uppercase))
        })
    };
    companies_before(sents, si, r).rfind(|e| {
        let after = &text[e.span.end..];
        let possessed = after
            .strip_prefix("’s ")
            .or_else(|| after.strip_prefix("'s "))
            .is_some_and(|x| x.starts_with(char::is_uppercase));
        possessed || after.strip_prefix(' ').is_some_and(titled)
    })
}

/// "… had pledged $30 billion to back the initiative": a description after
/// the value in its sentence stands for the nearest name before it that is
/// not the subject — the object of a claim that names none.
pub(super) fn object_referent<'a>(
    rules: &RuleSet,
    sents: &[Sent<'a>],
    si: usize,
    v: Span,
    subject: &str,
) -> Option<&'a Mention> {
    let s = &sents[si];
    let next_value = s
        .values
        .iter()
        .filter(|m| m.span.start >= v.end)
        .map(|m| m.span.start)
        .min()
        .unwrap_or(s.span.end);
    let (r, _) = s.references.iter().find(|(r, i)| {
        r.start >= v.end
            && r.end <= next_value
            && rules.references.items[*i].refers_to == RefersTo::Company
    })?;
    named_before(sents, si, *r, Some(subject))
}
