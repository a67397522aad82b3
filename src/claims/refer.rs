//! Descriptions that stand for a name: "the app", "the ChatGPT maker",
//! "the Japanese billionaire" and a description after a value ("to back
//! the initiative"). A value whose clause names no one is the company's
//! the description stands for.

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
    let left = s
        .values
        .iter()
        .filter(|m| m.span.end <= v.start)
        .map(|m| m.span.end)
        .max()
        .unwrap_or(s.span.start);
    // Before the value in its clause; or anywhere in a sentence that names
    // no one ("Free to use for the first year and costing $1 per year after
    // that, the service has no advertising").
    let names_no_one = s.entities.iter().all(|e| !eligible(e, true));
    let (r, idx) = s
        .references
        .iter()
        .filter(|(r, _)| r.end <= v.start || names_no_one)
        .rfind(|(r, _)| r.start >= left || names_no_one)?;
    match rules.references.items[*idx].refers_to {
        RefersTo::Person => person_company(text, rules, sents, si, *r),
        _ => named_before(sents, si, *r, None),
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
                    .is_some_and(|x| x.kind != "person" && x.kind != "gov")
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
