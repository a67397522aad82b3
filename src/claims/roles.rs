//! Who did what to whom: the subject and object of a value reached by a
//! trigger, from possessives, agents after "by", prepositions, relative
//! clauses and the names a sale's buyer follows; and the names that are no
//! party (cited sources, a round's investors, names in prepositional
//! phrases).

use super::*;

/// Prepositions after which a name is not a subject ("investment in
/// Anthropic", "a deal with Oracle", "disagreements between OpenAI and …").
pub(super) const NOT_SUBJECT_AFTER: &[&str] = &[
    "in", "into", "to", "of", "for", "on", "with", "at", "than", "like", "via", "about", "against",
    "over", "per", "between", "among", "amid", "through",
];

/// True when `between` (the text from a value to a name after it) passes
/// into a contrasting clause: "pledged $100 billion …, but disagreements
/// at OpenAI …" names no actor of the pledge.
pub(super) fn crosses_contrast(between: &str) -> bool {
    const CONTRAST: &[&str] = &[
        ", but ",
        ", while ",
        ", although ",
        ", though ",
        ", whereas ",
        ", even as ",
        ", yet ",
    ];
    CONTRAST.iter().any(|c| between.contains(c))
}

/// Words between an actor and its verb: "Disney is buying", "Acme has
/// agreed to buy".
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "now", "not", "agreed",
    "agrees", "plans", "planned", "to", "also",
];

/// A name cited as a source, not a party: "per Wedbush", "according to
/// Evercore", or a name before one of the `[[link]]` words of sources
/// ("Reuters calculations", "PitchBook data").
pub(super) fn is_attribution(text: &str, e: &Mention, source_words: &[String]) -> bool {
    let after = text[e.span.end..].trim_start_matches(['’', '\'', 's']);
    // Only the words that follow, compared in place: this runs for every
    // name of every sentence.
    let follows = |phrase: &str| {
        words_match(after.split_whitespace(), phrase.split(' '), |t| {
            t.trim_end_matches(|c: char| !c.is_alphanumeric())
        })
    };
    if source_words.iter().any(|n| follows(n)) {
        return true;
    }
    // "per Wedbush", "according to (the) Information": the words before,
    // articles aside.
    let mut before = text[..e.span.start]
        .split_whitespace()
        .rev()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .skip_while(|w| ["the", "a", "an"].iter().any(|a| w.eq_ignore_ascii_case(a)));
    match before.next() {
        Some(w) if w.eq_ignore_ascii_case("per") => true,
        Some(w) if w.eq_ignore_ascii_case("to") => before
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("according")),
        _ => false,
    }
}

/// A name inside a prepositional phrase cannot be the subject; nor can the
/// investor who "led" or "backed" a round ("raised $6.6 billion …, led by
/// Thrive Capital": Thrive is no raiser), nor a cited source.
pub(super) fn in_prep_phrase(text: &str, s: &Sent, e: &Mention) -> bool {
    // The second of a hyphen-joined pair ("the Oracle-OpenAI partnership")
    // stands where the first does.
    let start = s
        .entities
        .iter()
        .find(|o| o.span.end < e.span.start && text[o.span.end..e.span.start] == *"-")
        .map_or(e.span.start, |o| o.span.start);
    NOT_SUBJECT_AFTER.contains(&word_before(text, start).0.as_str()) || s.investor(e) || s.cited(e)
}

/// Words after a trigger its `holder_after` preposition may stand: "sell
/// its memory chip unit to Bain Capital".
pub(super) const HOLDER_REACH: usize = 8;

/// The name right after one of the trigger's `holder_after` prepositions
/// following it in the clause ("a 49% stake to Kestrel").
pub(super) fn holder_after<'a>(
    text: &str,
    tokens: &Tokens,
    s: &Sent<'a>,
    t: Span,
    right: usize,
    trig: &TriggerInfo,
) -> Option<&'a Mention> {
    if trig.holder_after.is_empty() {
        return None;
    }
    let first = tokens.word_starts.partition_point(|&w| w < t.end);
    let last = tokens.word_starts.partition_point(|&w| w < right);
    (first..last.min(first + HOLDER_REACH)).find_map(|wi| {
        let end = word_at_is(text, tokens, wi, &trig.holder_after)?;
        entity_after(text, tokens, s, end, right, 2, false)
    })
}

/// A name right after one of the `[[link]]` words of investors: "… led by
/// Thrive Capital", "backed by SoftBank".
pub(super) fn led_by(text: &str, e: &Mention, investor_words: &[String]) -> bool {
    let head = &text[..e.span.start];
    // The words before, compared in place from the last: this runs for
    // every name of every sentence.
    investor_words.iter().any(|phrase| {
        words_match(
            head.split_whitespace().rev(),
            phrase.split(' ').rev(),
            |t| t.trim_start_matches(|c: char| !c.is_alphanumeric()),
        )
    })
}

/// Whether `text` (words of a text, in either direction) starts with the
/// words of `phrase` (lower case, in the same direction), ignoring ASCII
/// case; the last phrase word reached may carry punctuation on its far
/// side, which `trim_far` takes off ("calculations,", "(led").
fn words_match<'t, 'p>(
    mut text: impl Iterator<Item = &'t str>,
    phrase: impl Iterator<Item = &'p str>,
    trim_far: impl Fn(&'t str) -> &'t str,
) -> bool {
    let mut want = phrase.peekable();
    while let Some(w) = want.next() {
        let Some(t) = text.next() else { return false };
        let t = if want.peek().is_none() {
            trim_far(t)
        } else {
            t
        };
        if !t.eq_ignore_ascii_case(w) {
            return false;
        }
    }
    true
}

/// The name a relative clause ending at `lo` describes: "X, a new company
/// which intends to …", "X, which will …", "X, the startup that plans to
/// …". Only a clause whose own actor is unnamed (no name between X and
/// `lo`: in "Google, a firm that Amazon invested in" Amazon acts) and whose
/// verb phrase is short.
pub(super) fn relative_antecedent<'a>(text: &str, s: &Sent<'a>, lo: usize) -> Option<&'a Mention> {
    let e = *s.entities.iter().rfind(|e| e.span.end <= lo)?;
    // The noun a name stands before is the name's: "the Stargate Project,
    // “a new company which …”".
    let from = s
        .triggers
        .iter()
        .find(|(t, _)| {
            t.start >= e.span.end && t.end <= lo && text[e.span.end..t.start].trim().is_empty()
        })
        .map_or(e.span.end, |(t, _)| t.end);
    let between = text[from..lo].to_lowercase();
    let rest = between.trim_start().strip_prefix(',')?;
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let at = words
        .iter()
        .position(|w| matches!(*w, "which" | "that" | "who"))?;
    let described = &words[..at];
    let ok_head = described.is_empty()
        || (matches!(described[0], "a" | "an" | "the") && described.len() <= 6);
    let verb = &words[at + 1..];
    (ok_head && verb.len() <= 3 && !rest.contains([',', ';'])).then_some(e)
}

/// First entity that starts within `reach` words after `from`, before `limit`.
pub(super) fn entity_after<'a>(
    text: &str,
    tokens: &Tokens,
    s: &Sent<'a>,
    from: usize,
    limit: usize,
    reach: usize,
    strict: bool,
) -> Option<&'a Mention> {
    s.entities
        .iter()
        .copied()
        .filter(|e| {
            e.span.start >= from && e.span.start < limit && eligible(e, strict) && !s.cited(e)
        })
        .find(|e| tokens.words_between(from, e.span.start) <= reach)
        .filter(|e| !crosses_contrast(&text[from..e.span.start]))
        .map(|e| possessed(text, s, e).unwrap_or(e))
}

/// The name a possessor owns right after it: "Rupert Murdoch's
/// Twenty-First Century Fox" names the company, not its owner.
pub(super) fn possessed<'a>(text: &str, s: &Sent<'a>, e: &Mention) -> Option<&'a Mention> {
    let end = after_possessive(text, e.span.end)?;
    let at = end + text[end..].len() - text[end..].trim_start().len();
    s.entities.iter().copied().find(|o| o.span.start == at)
}

/// Subject and object for a value at `v` reached by a trigger at `t`.
pub(super) fn roles<'a>(
    text: &str,
    tokens: &Tokens,
    s: &Sent<'a>,
    v: Span,
    t: Span,
    trig: &TriggerInfo,
    clause_only: bool,
) -> (Option<&'a Mention>, Option<&'a Mention>, bool) {
    let lo = v.start.min(t.start);
    let hi = v.end.max(t.end);
    // The clause: up to the neighbouring values of the sentence. A frame (a
    // trigger on its own, `v == t`) spans the whole sentence: its value is
    // part of it ("invested a total of $4 billion in Anthropic").
    let frame = v == t;
    let this = s.values.iter().copied().find(|m| m.span == v);
    let neighbours = || {
        s.values
            .iter()
            .filter(move |m| this.is_none_or(|x| same_class(x, m)))
    };
    let left = neighbours()
        .filter(|m| m.span.end <= lo && !frame)
        .map(|m| m.span.end)
        .max()
        .unwrap_or(s.span.start);
    let right = neighbours()
        .filter(|m| m.span.start >= hi && !frame)
        .map(|m| m.span.start)
        .min()
        .unwrap_or(s.span.end);

    // Scan words after the earlier of value and trigger for prepositions, up
    // to a clause break (";", " — ", "|"): "~$13 Billion from Microsoft …
    // R&D; also invested in Anthropic" names a second clause's object.
    let clause_break = text[hi..right]
        .find([';', '|', '—'])
        .map_or(right, |i| hi + i);
    let right = right.min(clause_break);
    let first_word = tokens.word_starts.partition_point(|&w| w < lo);
    let last_word = tokens.word_starts.partition_point(|&w| w < right);
    let mut object = None;
    let mut agent = None;
    let mut agent_after = false;
    for wi in first_word..last_word {
        if object.is_none() {
            if let Some(end) = word_at_is(text, tokens, wi, &trig.object_preps) {
                // A preposition right before the value introduces the
                // price, not the object ("agreed to buy … for $52.4 billion").
                let price = end <= v.start && text[end..v.start].trim().is_empty();
                if !price && (end >= hi || tokens.word_starts[wi] >= v.end.min(t.end)) {
                    object = entity_after(text, tokens, s, end, right, PREP_REACH, false);
                }
            }
        }
        if agent.is_none() {
            if let Some(end) = word_at_is(text, tokens, wi, &trig.agent_preps) {
                let at = tokens.word_starts[wi];
                // After value and trigger, or right after the trigger in the
                // passive ("was acquired by Microsoft for $68.7 billion").
                let passive_by = at >= t.end && tokens.words_between(t.end, at) == 0;
                // "of" names an owner only right after the trigger noun
                // ("the planned capacity of the Stargate initiative"); after
                // a value it says what is counted ("5 gigawatts of …
                // Trainium chips").
                let partitive = text[at..end].eq_ignore_ascii_case("of");
                if (at >= hi && !partitive) || passive_by {
                    agent = entity_after(text, tokens, s, end, right.max(s.span.end), 3, false);
                    agent_after = agent.is_some();
                }
            }
        }
    }
    // With the actor named after "by"/"from", the name before is the other
    // party: "Activision Blizzard was acquired by Microsoft", "Anthropic
    // received $4 billion from Amazon", "Tesla took a loan from Barclays".
    if agent_after && object.is_none() && !trig.object_preps.is_empty() {
        object = s
            .entities
            .iter()
            .copied()
            .filter(|e| e.span.end <= lo && e.span.start >= left && eligible(e, false))
            .filter(|e| agent.is_none_or(|a| canonical(a) != canonical(e)))
            .rfind(|e| !in_prep_phrase(text, s, e));
    }
    // "a value of $29.50 per share for the assets that Disney is buying": a
    // name before the trigger verb with only auxiliaries between is its
    // actor ("$8 billion Anthropic investment", with none, is not).
    if agent.is_none() && t.start >= v.end {
        agent = s
            .entities
            .iter()
            .copied()
            .filter(|e| e.span.start >= v.end && e.span.end <= t.start)
            .rfind(|e| {
                let between: Vec<String> = text[e.span.end..t.start]
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect();
                !between.is_empty() && between.iter().all(|w| AUXILIARIES.contains(&w.as_str()))
            });
    }
    // "$8 billion Anthropic investment": between a value and a noun trigger.
    if object.is_none() && t.start >= v.end {
        object = s.entities.iter().copied().find(|e| {
            e.span.start >= v.end
                && e.span.end <= t.start
                && !s.cited(e)
                && agent.is_none_or(|a| a.span != e.span)
        });
    }
    // "acquired WhatsApp", "investment maintains Anthropic’s …": right after the trigger.
    if object.is_none() && t.start > v.start {
        object = entity_after(text, tokens, s, t.end, right, 3, false);
    }
    if object.is_none() && t.end <= v.start {
        object = entity_after(text, tokens, s, t.end, v.start, 2, false);
    }
    let not_object = |e: &&&Mention| object.is_none_or(|o| canonical(o) != canonical(e));
    // A possessor owns the value right after it ("Disney's $52.4 billion
    // deal"): it is not the subject of another value in the sentence
    // ("… with a bid of $65 billion"). A frame's own value is the value
    // nearest its trigger.
    let own_value = if frame {
        s.values
            .iter()
            .map(|m| (distance(tokens, m.span, t), m.span))
            .filter(|(d, _)| *d <= TRIGGER_REACH)
            .min_by_key(|(d, sp)| (*d, sp.start))
            .map(|(_, sp)| sp)
    } else {
        Some(v)
    };
    let owns_other_value = |e: &&&Mention| {
        let Some(from) = after_possessive(text, e.span.end) else {
            return false;
        };
        s.values
            .iter()
            .find(|m| m.span.start >= from && tokens.words_between(from, m.span.start) <= 2)
            .is_some_and(|m| Some(m.span) != own_value)
    };
    let mut strong = true;
    // "OpenAI announced the Stargate Project, “a new company which intends
    // to invest …”": a relative clause's actor is the name it describes.
    let subject = agent.or_else(|| relative_antecedent(text, s, lo).filter(|e| not_object(&e)));
    let subject = subject.or_else(|| {
        // A possessive before the value or trigger: "Amazon’s $8 billion".
        let possessive = s
            .entities
            .iter()
            .filter(|e| {
                e.span.end <= lo && e.span.start >= left && not_object(e) && !owns_other_value(e)
            })
            .rfind(|e| {
                let after = &text[e.span.end..];
                after.starts_with("’s")
                    || after.starts_with("'s")
                    || after.starts_with('’') && after[3..].starts_with(' ')
            })
            .copied();
        possessive.or_else(|| {
            for strict in [true, false] {
                let (from, to) = if clause_only {
                    (left, right)
                } else {
                    (s.span.start, s.span.end)
                };
                let before = s
                    .entities
                    .iter()
                    .filter(|e| {
                        e.span.end <= lo
                            && e.span.start >= from
                            && eligible(e, strict)
                            && not_object(e)
                            && !owns_other_value(e)
                    })
                    .rfind(|e| !in_prep_phrase(text, s, e));
                if let Some(e) = before {
                    // Of two names joined by "and", the first leads: "Disney
                    // and Fox announced a merger agreement", "SoftBank and
                    // OpenAI each plan to commit".
                    let (w, at) = word_before(text, e.span.start);
                    let first = (w == "and")
                        .then(|| {
                            let upto = text[..at].trim_end().trim_end_matches(',').trim_end();
                            s.entities.iter().rfind(|o| {
                                o.span.end <= upto.len()
                                    && o.span.start >= from
                                    && eligible(o, strict)
                                    && not_object(o)
                                    && text[o.span.end..upto.len()]
                                        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
                                        .all(|w| {
                                            w.is_empty() || crate::extract::is_company_suffix(w)
                                        })
                            })
                        })
                        .flatten();
                    return Some(first.copied().unwrap_or(*e));
                }
                let after = s.entities.iter().find(|e| {
                    e.span.start >= hi
                        && e.span.end <= to
                        && eligible(e, strict)
                        && not_object(e)
                        && !owns_other_value(e)
                        && !in_prep_phrase(text, s, e)
                        && !crosses_contrast(&text[hi..e.span.start])
                });
                if let Some(e) = after {
                    strong = false;
                    return Some(e);
                }
            }
            None
        })
    });
    // A part of the subject is not its object ("Amazon … AWS"), unless the
    // trigger says it may be (a stake in a subsidiary).
    // "invest … in the United States": a place is where, not whom.
    let object = object.filter(|o| {
        o.entity()
            .is_none_or(|e| !trig.not_object_types.contains(&e.kind))
    });
    let object = object.filter(|o| {
        if trig.object_can_be_part {
            return true;
        }
        let (Some(oe), Some(se)) = (o.entity(), subject.and_then(|s| s.entity())) else {
            return true;
        };
        oe.canonical != se.canonical && oe.parent.as_deref() != Some(se.canonical.as_str())
    });
    // "sold a 49% stake to Kestrel": the name after such a preposition holds
    // what the trigger names; the one found as subject is the other party,
    // unless the object is named ("sell its stake in Hulu to Comcast").
    let (subject, object) = match holder_after(text, tokens, s, t, right, trig) {
        Some(h) if subject.is_none_or(|x| canonical(x) != canonical(h)) => (
            Some(h),
            object.filter(|o| canonical(o) != canonical(h)).or(subject),
        ),
        // The seller is no buyer: without a name after "to", no parties.
        None if trig.holder_required => (None, None),
        _ => (subject, object),
    };
    // A trigger that takes no object has none: a name in object position
    // ("the deal values Anthropic at …") is whom the value is about.
    let (subject, object) = if trig.object_preps.is_empty() {
        (subject.or(object.filter(|o| !s.investor(o))), None)
    } else {
        (subject, object)
    };
    (subject, object, strong && subject.is_some())
}
