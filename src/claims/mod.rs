//! Claims: mentions in a sentence → "subject predicate object: value, as of".
//!
//! For each money, percent or quantity value in a sentence:
//! 1. the nearest trigger word within reach gives the predicate (`rules/claims.toml`);
//! 2. roles: the subject is the agent after "by"/"from", else a possessive
//!    ("Amazon’s"), else the nearest entity before; the object follows one of
//!    the trigger's prepositions, or sits between the value and a noun trigger
//!    ("$8 billion Anthropic investment"), or right after a verb trigger.
//!    A deal description where the clause names no one ("This partnership
//!    is projected to attract …") takes the parties of the deal stated
//!    before it (`refer`);
//! 3. missing roles come from the previous sentence of the same paragraph,
//!    then from the document's most frequent frame for that predicate (an
//!    article about a deal keeps naming it) — such claims say `inferred`;
//! 4. cue words set the scope: a tranche ("initial", "additional", values
//!    joined by "+") or a total ("total", "cumulative", "already"), and
//!    marks the reasons read ("planned", "including debt", "within five
//!    years");
//! 5. the as-of date is the date of the value's own clause, else the
//!    document date, and says which.
//!
//! A sentence with no trigger still yields claims when a scope cue marks its
//! values and the previous sentence set a frame ("It began with an initial
//! $1.25 billion …" after "… Amazon's investment …").
//!
//! This module holds the claim types and the per-value fallback chain
//! ([`build`]); its parts are in submodules: `roles` (subject and object of
//! a value and its trigger), `refer` (descriptions that stand for a name),
//! `cues` (scope and qualifier words), `parts` (sums, components and dates
//! across a sentence's claims) and `stage` (a report's lead saying a deal
//! has closed).

use crate::extract::{DateValue, Kind, Mention};
use crate::normalize::Amount;
use crate::rules::{CuePosition, CueSets, RefersTo, RuleId, RuleSet, TriggerInfo};
use crate::span::Span;
use crate::tokenize::{word_before, Tokens};
use std::collections::BTreeMap;

/// Whether a claim states a whole or a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Total,
    Tranche,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Total => "total",
            Scope::Tranche => "tranche",
        }
    }
}

/// Where a claim's as-of date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AsOfSource {
    /// A date in the value's own clause.
    Sentence,
    /// A relative date in the clause ("last year"), read from the
    /// document date.
    Relative,
    /// A date in the clause written without its year ("in March", "Q2"),
    /// the year from the document date.
    YearFromDocument,
    /// The same, the year from the latest date the text states (no
    /// document date).
    YearFromText,
    /// The latest tranche date of the same sentence (a total stated with it).
    Tranche,
    /// The document's own date.
    Document,
}

impl AsOfSource {
    /// The source of an as-of date taken from the clause.
    pub fn of_date(d: &DateValue) -> AsOfSource {
        if d.relative.is_some() {
            AsOfSource::Relative
        } else if d.year_inferred {
            match &d.anchor {
                Some(a) if !a.document => AsOfSource::YearFromText,
                _ => AsOfSource::YearFromDocument,
            }
        } else {
            AsOfSource::Sentence
        }
    }

    /// How a timeline qualifies a date from this source ("2023 (relative
    /// to the article date)"); `None` for a date the clause states whole.
    pub fn timeline_note(self) -> Option<&'static str> {
        match self {
            AsOfSource::Document => Some("article date"),
            AsOfSource::Relative => Some("relative to the article date"),
            AsOfSource::YearFromDocument => Some("year from the article date"),
            AsOfSource::YearFromText => Some("year from a date in the text"),
            AsOfSource::Sentence | AsOfSource::Tranche => None,
        }
    }

    /// A date the claim's own clause states (however it was resolved).
    pub fn in_sentence(self) -> bool {
        !matches!(self, AsOfSource::Tranche | AsOfSource::Document)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AsOfSource::Sentence => "sentence",
            AsOfSource::Relative => "sentence, relative to the document date",
            AsOfSource::YearFromDocument => "sentence, year from the document date",
            AsOfSource::YearFromText => "sentence, year from a date in the text",
            AsOfSource::Tranche => "sentence (latest tranche)",
            AsOfSource::Document => "document date",
        }
    }
}

/// What a cue word can say about a figure (a cue's `means` in the rules):
/// projected rather than paid; a figure that replaced an earlier one; the
/// earlier figure that was replaced.
/// "component": a named part of a price ("cash", "stock"), whose figures
/// are compared with the same component's. "completed": the figure as paid
/// at completion rather than as announced. "valuation": valued on a stated
/// basis (a day's share price), which moves. "derived": not stated but
/// computed (100% minus the share a subject does not own); set by a
/// trigger's `complement`, not by a cue. "per-share": a price per share
/// written before its value, which makes the claim's unit a rate.
/// "moment": the moment of a trading day a price is from ("opening", "to
/// close at", "in afternoon trading"), which moves during the day.
/// "target": a goal ("aims to deliver", "its 5-gigawatt target"), a measure
/// of its own: the claim's predicate says "(target)".
/// "measure": what the figure counts that the others may not ("including
/// debt": an enterprise value beside an equity price), said by the cue word.
/// "conversion": converted from an amount in another currency stated beside
/// it ("10 billion euros ($10.8 billion)"); the word is that amount. Set by
/// the claim builder, not by a cue.
/// "period": the time a figure is spread over ("within five years"), said
/// as "5 years": a total over a period is compared with a yearly rate
/// through it. The cue word must stand before a number and a time unit.
pub const MARKS: &[&str] = &[
    "conversion",
    "measure",
    "derived",
    "target",
    "prospective",
    "revised",
    "original",
    "component",
    "completed",
    "valuation",
    "per-share",
    "moment",
    "period",
];

/// One claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub subject: String,
    pub predicate: String,
    pub object: Option<String>,
    /// The value mention's span and text.
    pub span: Span,
    pub text: String,
    pub sentence: Span,
    /// The sentence's text, so a claim can be read without its document.
    pub sentence_text: String,
    pub amount: Amount,
    /// "USD", "EUR", "%", or with a rate: "USD/share".
    pub unit: String,
    pub scope: Scope,
    /// Qualifier words as written ("up to", "roughly", "potential", "cumulative").
    pub qualifiers: Vec<String>,
    /// Qualifier words with a meaning for comparing, as the cue rules say
    /// (`means`): ("prospective", "potential"), ("revised", "raised"),
    /// ("original", "original") (see [`MARKS`]).
    pub marks: Vec<(&'static str, String)>,
    pub as_of: Option<DateValue>,
    pub as_of_source: Option<AsOfSource>,
    /// How missing roles were filled: "earlier clause" (of this sentence),
    /// "previous sentence", "document", "description" (the company "the app"
    /// stands for), "deal described before" (the parties of the deal "this
    /// partnership" stands for), "deal stated before" (the total a
    /// silent component or tranche continues) or "same amount elsewhere in the
    /// document".
    pub inferred: Option<&'static str>,
    /// The parties were found only weakly (after the value, sentence-wide or
    /// inferred): a strongly attached earlier claim with the same amount may
    /// override them.
    pub weak_roles: bool,
    /// The trigger rule, when a trigger word was found.
    pub trigger: Option<RuleId>,
    pub trigger_span: Option<Span>,
    /// The mentions' spans the claim was built from (subject, object).
    pub subject_span: Option<Span>,
    pub object_span: Option<Span>,
}

impl Claim {
    /// Move the spans `by` bytes (a piece of a large document → the document).
    pub fn shift(&mut self, by: usize) {
        self.span = self.span.shifted(by);
        self.sentence = self.sentence.shifted(by);
        for s in [
            &mut self.trigger_span,
            &mut self.subject_span,
            &mut self.object_span,
        ]
        .into_iter()
        .flatten()
        {
            *s = s.shifted(by);
        }
    }
}

/// A value that formed no claim, and why (for `crosscheck explain`).
#[derive(Debug, Clone, PartialEq)]
pub struct Unclaimed {
    /// The value mention's span.
    pub span: Span,
    pub reason: NoClaim,
}

/// Why a value formed no claim.
#[derive(Debug, Clone, PartialEq)]
pub enum NoClaim {
    /// No trigger word of this value's kind in the sentence.
    NoTrigger {
        /// A trigger that takes only the other kind of value.
        other_kind: Option<(Span, RuleId)>,
    },
    /// The nearest trigger is further away than the reach.
    OutOfReach {
        trigger: Span,
        rule: RuleId,
        words: usize,
    },
    /// A scope cue with no trigger, and no earlier claim in the paragraph to
    /// continue.
    NothingToContinue,
    /// The earlier claim it would continue does not take this kind of value.
    ContinuesOtherKind { predicate: String },
    /// A trigger, but no subject entity anywhere it looks.
    NoSubject { trigger: Option<(Span, RuleId)> },
    /// A trigger that needs a holder (`holder_required`: "sold … to X")
    /// and has none in its clause.
    NoHolder { trigger: Span, rule: RuleId },
    /// The value describes the name before it ("Stargate, the $100 billion
    /// US AI endeavor"), not what the sentence's trigger says.
    Appositive { entity: Span },
    /// The amount of a change ("shares climbed 32 cents to $77.76"), which
    /// the share-price trigger does not take: the price is the value after.
    Change { trigger: Span, rule: RuleId },
}

/// Words a value and its trigger may be apart and still form a claim.
pub const TRIGGER_REACH: usize = 10;
/// Words a price after "for" may be from the trigger before it ("buy the
/// film, TV and international assets from … for $52.4 billion").
const PRICE_REACH: usize = 20;
/// Words after a preposition within which its object must start.
const PREP_REACH: usize = 7;
/// Words between a cue and the value (or trigger) it modifies.
const CUE_BEFORE_REACH: usize = 3;
/// Words a cue may stand after its value or trigger, unless the cue says
/// otherwise (`reach_after`).
pub const CUE_AFTER_REACH: usize = 2;

/// A (subject, predicate, object) frame seen in the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Frame {
    subject: Option<String>,
    predicate: String,
    object: Option<String>,
}

impl Frame {
    /// The frame a claim states.
    fn of(c: &Claim) -> Frame {
        Frame {
            subject: Some(c.subject.clone()),
            predicate: c.predicate.clone(),
            object: c.object.clone(),
        }
    }
}

/// Frames of the document: how often each is seen, and the sentence it is
/// first seen in.
type FrameCounts = BTreeMap<Frame, (usize, usize)>;

/// The frame among `counts` that `keep` accepts and the document states
/// most often, the first stated of equals.
fn most_frequent(counts: &FrameCounts, keep: impl Fn(&Frame) -> bool) -> Option<&Frame> {
    counts
        .iter()
        .filter(|(f, _)| keep(f))
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(f, _)| f)
}

/// Whether a trigger of `predicate` takes value `v` (a frame continued by a
/// value of another kind or unit is no frame for it).
fn predicate_takes(rules: &RuleSet, predicate: &str, v: &Mention) -> bool {
    rules
        .triggers
        .items
        .iter()
        .any(|t| t.predicate == predicate && t.takes(v))
}

/// Whether two values are of one class for clause bounds: counts apart
/// from amounts and percentages ("$4.59 billion in cash and 178 million
/// shares of its stock" cuts neither's clause).
fn same_class(a: &Mention, b: &Mention) -> bool {
    (a.kind == Kind::Quantity) == (b.kind == Kind::Quantity)
}

/// Where a possessive after byte `end` ends ("Amazon’s", "Disney's"), if
/// one follows.
fn after_possessive(text: &str, end: usize) -> Option<usize> {
    let after = &text[end..];
    let rest = after
        .strip_prefix("’s")
        .or_else(|| after.strip_prefix("'s"))?;
    Some(end + after.len() - rest.len())
}

struct Sent<'a> {
    span: Span,
    paragraph: usize,
    values: Vec<&'a Mention>,
    entities: Vec<&'a Mention>,
    dates: Vec<&'a Mention>,
    triggers: Vec<(Span, usize)>,
    cues: Vec<(Span, usize)>,
    /// Descriptions that stand for a company named before ("the app").
    references: Vec<(Span, usize)>,
    /// Names cited as a figure's source ("Reuters calculations", "per
    /// Wedbush"), no party to it.
    cited: Vec<Span>,
    /// Names after a `[[link]]` of investors ("led by Thrive Capital"):
    /// a round's investor, neither its raiser nor what it values.
    investors: Vec<Span>,
}

impl Sent<'_> {
    fn cited(&self, e: &Mention) -> bool {
        self.cited.contains(&e.span)
    }
    fn investor(&self, e: &Mention) -> bool {
        self.investors.contains(&e.span)
    }
}

/// A claim of the sentence being read, with what its cues said of it for
/// the sentence-wide passes (sums and components).
struct Pending {
    claim: Claim,
    explicit_total: bool,
    part: bool,
    /// A count paid as part of a price: it makes the amounts beside it
    /// parts, and is never a tranche itself.
    count: bool,
    /// The value is a count or measure, not an amount of money.
    quantity: bool,
}

/// Build the claims of one document, and say for each value that formed
/// none why not.
pub fn build(
    text: &str,
    tokens: &Tokens,
    mentions: &[Mention],
    rules: &RuleSet,
    doc_date: Option<&DateValue>,
) -> (Vec<Claim>, Vec<Unclaimed>) {
    let mut unclaimed = Vec::new();
    let sents = sentences(text, tokens, mentions, rules);
    // Frames: every trigger with the roles it reaches, for filling gaps.
    let mut frames_by_sentence: Vec<Vec<(Span, Frame)>> = Vec::with_capacity(sents.len());
    let mut frame_counts: FrameCounts = BTreeMap::new();
    for (si, s) in sents.iter().enumerate() {
        let mut fs = Vec::new();
        for &(tspan, ti) in &s.triggers {
            let t = &rules.triggers.items[ti];
            // A project noun names only what stands right before it ("the
            // Stargate project"); "the project … alongside the President"
            // names no one.
            let (subj, mut obj) = if t.named_between {
                let named = s.entities.iter().copied().find(|e| {
                    e.span.end <= tspan.start
                        && text[e.span.end..tspan.start].trim().is_empty()
                        && eligible(e, false)
                });
                (named, None)
            } else {
                let (subj, obj, _) = roles(text, tokens, s, tspan, tspan, t, false);
                (subj, obj)
            };
            // An object standing between the trigger and its value
            // ("acquire WhatsApp for $16 billion") is seen from the value:
            // the frame then carries it to the sentences that follow.
            if obj.is_none() {
                // The value this trigger reaches: the next one, with no
                // other trigger between.
                let next = s
                    .values
                    .iter()
                    .find(|v| v.span.start >= tspan.end)
                    .filter(|v| {
                        !s.triggers
                            .iter()
                            .any(|(sp, _)| sp.start >= tspan.end && sp.end <= v.span.start)
                    });
                if let Some(v) = next {
                    let (s2, o2, _) = roles(text, tokens, s, v.span, tspan, t, false);
                    if s2.map(canonical) == subj.map(canonical) {
                        obj = o2;
                    }
                }
            }
            let f = Frame {
                subject: subj.map(|m| canonical(m).to_string()),
                predicate: t.predicate.clone(),
                object: obj.map(|m| canonical(m).to_string()),
            };
            // A frame is whole with both parties, or with its subject for a
            // count of what one company has ("Stargate's planned capacity").
            // A deal's figure without its other party is no document frame:
            // "the for-profit entity, valued at …" is not Google's.
            let count_only = t.quantity && !t.money && !t.percent;
            let whole = f.subject.is_some()
                && (f.object.is_some() || (t.object_preps.is_empty() && count_only));
            if whole {
                let e = frame_counts.entry(f.clone()).or_insert((0, si));
                e.0 += 1;
            }
            fs.push((tspan, f));
        }
        frames_by_sentence.push(fs);
    }

    let mut claims = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let mut pending: Vec<Pending> = Vec::new();
        // Amounts before counts: a count may be paid as part of a price the
        // sentence states ("$4bn in cash and 183,865,778 shares").
        let mut order: Vec<usize> = (0..s.values.len()).collect();
        order.sort_by_key(|&i| s.values[i].kind == Kind::Quantity);
        for vi in order {
            let v = &s.values[vi];
            let amount = v.amount().expect("values have amounts").clone();
            let trigger = nearest_trigger(text, tokens, s, v, rules);
            // "commit $19 billion to Stargate, the $100 billion US AI
            // endeavor": a value in an appositive after a name describes
            // that name; the trigger before the name is not its.
            if let Some(e) = appositive_of(text, s, v.span) {
                if trigger.is_some_and(|(t, _)| t.end <= e.span.start) {
                    unclaimed.push(Unclaimed {
                        span: v.span,
                        reason: NoClaim::Appositive { entity: e.span },
                    });
                    continue;
                }
            }
            let mut clause_frame: Option<Frame> = None;
            // The subject of the clause a ", with …" phrase elaborates.
            let mut elaborated: Option<String> = None;
            let scope_cues = cues_for(text, tokens, s, vi, trigger.map(|(sp, _)| sp), rules);
            // A named component with no one named before it in its sentence
            // continues the deal stated elsewhere ("The transaction involves
            // $4bn in cash, $12bn in stocks …, adds a statement by Facebook").
            let none_named_before = s
                .entities
                .iter()
                .all(|e| !eligible(e, true) || e.span.start >= v.span.end);
            // So does one introduced as a price ("… will be cancelled in
            // exchange for $4bn in cash"), whoever is named before it.
            let component = scope_cues.marks.iter().any(|(k, _)| *k == "component")
                && (none_named_before || scope_cues.price);
            // So does a tranche ("The companies pledged $100 billion
            // “immediately”"), when nothing nearer is.
            let silent_tranche = scope_cues.scope == Some(Scope::Tranche) && none_named_before;
            let mut paid_with = (v.kind == Kind::Quantity && trigger.is_none())
                .then(|| {
                    pending.iter().map(|p| &p.claim).find(|c| {
                        c.marks.iter().any(|(k, _)| *k == "component")
                            && predicate_takes(rules, &c.predicate, v)
                    })
                })
                .flatten()
                .map(Frame::of);
            // A trigger that the document gave no party before does not stop
            // a silent tranche or component from continuing the deal before
            // it ("The companies pledged $100 billion “immediately”", in an
            // article that has named no one who pledges; "… $2 billion, was
            // paid in cash").
            let trigger = trigger.filter(|&(tspan, ti)| {
                let t = &rules.triggers.items[ti];
                !((silent_tranche || component)
                    && !t.named_between
                    && s.entities.iter().all(|e| e.span.start >= v.span.end)
                    && !frame_counts
                        .iter()
                        .any(|(f, &(_, first))| f.predicate == t.predicate && first < si)
                    && referent(text, rules, &sents, si, v.span).is_none()
                    && {
                        // A component's payee names no party to the deal:
                        // "An additional $3 billion in restricted stock
                        // could be paid out … to WhatsApp employees".
                        let (a, b, _) = roles(text, tokens, s, v.span, tspan, t, false);
                        a.is_none() && (component || b.is_none())
                    })
            });
            // Such a count is a figure of its own unit, never a part of a sum.
            let mut paid_count = false;
            let mut strong_roles = false;
            // The deal stated before that a silent part continues.
            let mut continued: Option<Frame> = None;
            // "OpenAI and Oracle announced a joint agreement …. This
            // partnership is projected to attract over $300 billion": a
            // deal description where the value's clause names no one makes
            // the value the deal's, whatever trigger word stands near it.
            // Only where the value's own trigger finds no subject ("This
            // partnership is projected to attract … investments"): a
            // trigger that names one keeps its claim.
            let trigger_names_no_one = trigger.is_none_or(|(tspan, ti)| {
                let t = &rules.triggers.items[ti];
                roles(text, tokens, s, v.span, tspan, t, false).0.is_none()
            });
            let deal = if none_named_before && !component && trigger_names_no_one {
                let own = trigger.is_some();
                deal_parties(text, rules, &sents, &frames_by_sentence, si, v, own)
            } else {
                None
            };
            let trigger = trigger.filter(|_| deal.is_none());
            let (mut subject, mut object, predicate, trigger_rule, trigger_span) = if let Some(d) =
                &deal
            {
                match d {
                    DealRef::Named(a, b, predicate, (r, ri)) => (
                        Some((canonical(a).to_string(), None)),
                        Some((canonical(b).to_string(), None)),
                        predicate.clone(),
                        Some(rules.references.items[*ri].id),
                        Some(*r),
                    ),
                    DealRef::Frame(f) => (
                        f.subject.clone().map(|x| (x, None)),
                        f.object.clone().map(|x| (x, None)),
                        f.predicate.clone(),
                        None,
                        None,
                    ),
                }
            } else {
                match trigger {
                    Some((tspan, ti)) if rules.triggers.items[ti].named_between => {
                        // "the $500 billion Stargate project", "Stargate, the
                        // $100 billion US AI endeavor": the name between the
                        // value and the noun, or the one the phrase stands in
                        // apposition to, is what the value sizes; nothing else is.
                        let t = &rules.triggers.items[ti];
                        // Another value between sizes the project ("$6 billion
                        // into Helios, the $40 billion venture"): not this one.
                        let value_between = s
                            .values
                            .iter()
                            .any(|m| m.span.start >= v.span.end && m.span.end <= tspan.start);
                        let named = if tspan.start >= v.span.end && !value_between {
                            s.entities
                                .iter()
                                .find(|e| {
                                    e.span.start >= v.span.end
                                        && e.span.end <= tspan.start
                                        && eligible(e, false)
                                })
                                .map(|e| (canonical(e).to_string(), Some(e.span)))
                                .or_else(|| {
                                    appositive_of(text, s, v.span)
                                        .filter(|e| eligible(e, false))
                                        .map(|e| (canonical(e).to_string(), Some(e.span)))
                                })
                        } else {
                            None
                        };
                        let Some(named) = named else {
                            unclaimed.push(Unclaimed {
                                span: v.span,
                                reason: NoClaim::NoSubject {
                                    trigger: Some((tspan, t.id)),
                                },
                            });
                            continue;
                        };
                        strong_roles = true;
                        (
                            Some(named),
                            None,
                            t.predicate.clone(),
                            Some(t.id),
                            Some(tspan),
                        )
                    }
                    Some((tspan, ti)) => {
                        let t = &rules.triggers.items[ti];
                        // The subject of the value's own clause first; else the
                        // frame of an earlier trigger in this sentence ("X's
                        // investment in Y: $8B already injected + $5B …"); else
                        // anyone in the sentence.
                        let (mut subj, obj, mut strong) =
                            roles(text, tokens, s, v.span, tspan, t, true);
                        if t.holder_required && subj.is_none() {
                            unclaimed.push(Unclaimed {
                                span: v.span,
                                reason: NoClaim::NoHolder {
                                    trigger: tspan,
                                    rule: t.id,
                                },
                            });
                            continue;
                        }
                        // "paid $4.59 billion … for WhatsApp": the preposition
                        // before the object may say what kind of deal it is.
                        let pred = obj
                            .and_then(|m| {
                                let (w, _) = word_before(text, m.span.start);
                                t.predicate_after.iter().find(|(p, _)| *p == w)
                            })
                            .map_or_else(|| t.predicate.clone(), |(_, q)| q.clone());
                        let pred = match &t.price_predicate {
                            Some(p) if is_price_for(t, v, &word_before(text, v.span.start).0) => {
                                p.clone()
                            }
                            _ => pred,
                        };
                        let obj = obj.map(|m| (canonical(m).to_string(), Some(m.span)));
                        let mut from_frame = None;
                        // A share price is its company's: the one named in its
                        // clause, else the name opening the sentence ("Facebook
                        // Inc. rose by 0.15% … to close at $77.56"), never a name
                        // found further off ("options to purchase WhatsApp
                        // stock … closing price … of $65.2650 per share").
                        if subj.is_none() && t.per_share {
                            subj = s.entities.iter().copied().find(|e| {
                                eligible(e, false)
                                    && e.span.end <= tspan.start
                                    && text[s.span.start..e.span.start].trim().is_empty()
                            });
                            strong = subj.is_some();
                        }
                        if subj.is_none() && !t.per_share {
                            from_frame = frames_by_sentence[si]
                                .iter()
                                .filter(|(sp, f)| {
                                    sp.end <= v.span.start
                                        && f.predicate == t.predicate
                                        && f.subject.is_some()
                                })
                                .rfind(|(_, f)| {
                                    obj.as_ref().is_none_or(|(o, _)| {
                                        f.object.as_deref() == Some(o.as_str())
                                    })
                                })
                                .map(|(_, f)| f.clone());
                            if from_frame.is_none() {
                                subj = roles(text, tokens, s, v.span, tspan, t, false).0;
                                strong = false;
                            }
                            if from_frame.is_none() && subj.is_none() {
                                elaborated = with_phrase_subject(
                                    text,
                                    s,
                                    &frames_by_sentence[si],
                                    v.span.start.min(tspan.start),
                                );
                            }
                        }
                        strong_roles = strong || from_frame.is_some();
                        match from_frame {
                            Some(f) => (
                                f.subject.map(|x| (x, None)),
                                obj.or(f.object.map(|x| (x, None))),
                                pred.clone(),
                                Some(t.id),
                                Some(tspan),
                            ),
                            None => (
                                subj.map(|m| (canonical(m).to_string(), Some(m.span))),
                                obj,
                                pred.clone(),
                                Some(t.id),
                                Some(tspan),
                            ),
                        }
                    }
                    // "$4bn in cash and 183,865,778 shares of Facebook stock": a
                    // count with no trigger of its own beside a component of a
                    // price is paid as part of that price, when its predicate
                    // takes such a count.
                    None if paid_with.is_some() => {
                        clause_frame = paid_with.take();
                        paid_count = true;
                        let predicate = clause_frame
                            .as_ref()
                            .map_or_else(String::new, |f| f.predicate.clone());
                        (None, None, predicate, None, None)
                    }
                    None => {
                        // A continuation: scope cue, no trigger, a frame just before.
                        if scope_cues.scope.is_none() && !component {
                            unclaimed.push(Unclaimed {
                                span: v.span,
                                reason: no_trigger(text, tokens, s, v, rules),
                            });
                            continue;
                        }
                        // The frame of an earlier clause of this sentence ("invested
                        // an additional $4 billion in Anthropic in November 2024,
                        // bringing its total to $8 billion"), else of the sentence before.
                        clause_frame = frames_by_sentence[si]
                            .iter()
                            .filter(|(sp, f)| sp.end <= v.span.start && f.subject.is_some())
                            .map(|(_, f)| f.clone())
                            .next_back();
                        // A part in a sentence naming no one continues a deal
                        // stated before, when nothing nearer is: a named
                        // component ("$3.5 billion in restricted stock units is
                        // to be granted …") the article's own deal — its first
                        // money total claimed, else its first frame with both
                        // parties; a tranche the latest total claimed before it
                        // ("The companies pledged $100 billion “immediately”",
                        // "This was completed in two stages: an initial $2.5
                        // billion …").
                        let main_frame = || {
                            frame_counts
                                .iter()
                                .filter(|(f, _)| predicate_takes(rules, &f.predicate, v))
                                // The lede's deal: news states it first.
                                .min_by(|a, b| a.1 .1.cmp(&b.1 .1).then(b.1 .0.cmp(&a.1 .0)))
                                .map(|(f, _)| f)
                        };
                        let mut prev = clause_frame
                            .as_ref()
                            .or_else(|| previous_frame(&sents, &frames_by_sentence, si, None));
                        if prev.is_none() && (component || silent_tranche) {
                            let is_total = |c: &&Claim| c.scope == Scope::Total && c.unit != "%";
                            let earlier = if component {
                                claims.iter().find(is_total)
                            } else {
                                claims.iter().rfind(is_total)
                            };
                            // Only an amount in that deal's own unit: "costing $1
                            // per year after the first" is no part of a purchase price.
                            continued = earlier
                                .filter(|c| {
                                    matches!(&v.value, crate::extract::Value::Money(m)
                                    if m.per.is_none() && m.currency == c.unit)
                                })
                                .map(Frame::of);
                            prev = match &continued {
                                Some(f) => Some(f),
                                None if component => main_frame(),
                                None => None,
                            };
                        }
                        let Some(f) = prev else {
                            unclaimed.push(Unclaimed {
                                span: v.span,
                                reason: NoClaim::NothingToContinue,
                            });
                            continue;
                        };
                        // Only a frame whose predicate takes this kind of value:
                        // "shares gained another 6 per cent" is no investment.
                        if !predicate_takes(rules, &f.predicate, v) {
                            unclaimed.push(Unclaimed {
                                span: v.span,
                                reason: NoClaim::ContinuesOtherKind {
                                    predicate: f.predicate.clone(),
                                },
                            });
                            continue;
                        }
                        (None, None, f.predicate.clone(), None, None)
                    }
                }
            };
            // No one deals with itself: an object that is the subject again
            // ("a value of $29.50 per share for the assets that Disney is
            // buying") is no object, and the fallbacks below may find one.
            if subject.is_some() && subject.as_ref().map(|x| &x.0) == object.as_ref().map(|x| &x.0)
            {
                object = None;
            }
            let mut inferred = deal.as_ref().map(|_| "deal described before");
            if let Some(f) = clause_frame {
                subject = f.subject.map(|x| (x, None));
                object = f.object.map(|x| (x, None));
                inferred = Some("earlier clause");
            }
            if let Some(f) = continued {
                subject = f.subject.map(|x| (x, None));
                object = f.object.map(|x| (x, None));
                inferred = Some("deal stated before");
            }
            if let Some(name) = elaborated {
                if subject.is_none() {
                    subject = Some((name, None));
                    inferred = Some("clause it elaborates");
                }
            }
            // "The app has 450 million active users … and is adding over a
            // million new registered users each day": a later value of the
            // same predicate in the sentence has the subject of the first.
            if subject.is_none() && object.is_none() {
                if let Some(c) = pending
                    .iter()
                    .map(|p| &p.claim)
                    .rfind(|c| c.predicate == predicate)
                {
                    subject = Some((c.subject.clone(), None));
                    object = c.object.clone().map(|o| (o, None));
                    inferred = Some("earlier clause");
                }
            }
            // "… to acquire WhatsApp. The app has 450 million active users":
            // a description in the clause stands for the company before it.
            if subject.is_none() {
                if let Some(e) = referent(text, rules, &sents, si, v.span) {
                    subject = Some((canonical(e).to_string(), None));
                    inferred = Some("description");
                }
            }
            let takes_object = trigger
                .map(|(_, ti)| !rules.triggers.items[ti].object_preps.is_empty())
                .unwrap_or(true);
            let object_optional =
                trigger.is_some_and(|(_, ti)| rules.triggers.items[ti].object_optional);
            // "… had pledged $30 billion to back the initiative": a
            // description after the value stands for the object named before.
            if object.is_none() && takes_object && trigger.is_some() {
                if let Some((name, _)) = &subject {
                    if let Some(e) = object_referent(rules, &sents, si, v.span, name) {
                        object = Some((canonical(e).to_string(), None));
                        inferred = Some("description");
                    }
                }
            }
            if subject.is_none() || object.is_none() {
                if let Some(f) = previous_frame(&sents, &frames_by_sentence, si, Some(&predicate))
                    .filter(|f| compatible(f, &subject, &object))
                {
                    if subject.is_none() && f.subject.is_some() {
                        subject = f.subject.clone().map(|s| (s, None));
                        inferred = Some("previous sentence");
                    }
                    if object.is_none() && f.object.is_some() {
                        object = f.object.clone().map(|o| (o, None));
                        inferred = Some("previous sentence");
                    }
                }
            }
            if subject.is_none() || (object.is_none() && takes_object) {
                let best = most_frequent(&frame_counts, |f| {
                    f.predicate == predicate && compatible(f, &subject, &object)
                })
                .cloned();
                // Only where the sentence itself names no one, or names one
                // side of the frame: never override what the sentence says.
                // A component continuing the deal counts as silent: the names
                // after it are not its parties ("…, adds a statement by Facebook").
                let sentence_silent = s.entities.iter().all(|e| !eligible(e, true))
                    || (component && trigger_rule.is_none());
                if let Some(f) = best {
                    if subject.is_none() && (sentence_silent || object.is_some()) {
                        subject = f.subject.clone().map(|s| (s, None));
                        inferred = Some("document");
                    }
                    if object.is_none()
                        && !object_optional
                        && subject.as_ref().map(|x| &x.0) == f.subject.as_ref()
                    {
                        object = f.object.clone().map(|o| (o, None));
                        inferred = Some("document");
                    }
                }
            }
            // Still no object: the counterpart this subject has most often in
            // the document, under any predicate (Disney's "bid" for what its
            // "acquisition" names: 21st Century Fox).
            if object.is_none() && takes_object && !object_optional {
                if let Some((s_name, _)) = &subject {
                    let best = most_frequent(&frame_counts, |f| {
                        f.subject.as_deref() == Some(s_name.as_str())
                    })
                    .and_then(|f| f.object.clone());
                    if let Some(o) = best {
                        object = Some((o, None));
                        inferred = Some("document");
                    }
                }
            }
            let Some((subject, subject_span)) = subject else {
                unclaimed.push(Unclaimed {
                    span: v.span,
                    reason: NoClaim::NoSubject {
                        trigger: trigger.map(|(sp, ti)| (sp, rules.triggers.items[ti].id)),
                    },
                });
                continue;
            };
            let (object, object_span) = match object {
                Some((o, sp)) if o != subject => (Some(o), sp),
                _ => (None, None),
            };
            let mut qualifiers = Vec::new();
            if let Some(q) = &amount.qualifier {
                qualifiers.push(q.to_lowercase());
            }
            // "The 61% of Sky it doesn't already own": the subject holds the
            // rest. The claim says the derivation, so a reviewer sees it.
            let mut amount = amount;
            let mut marks = scope_cues.marks.clone();
            // "10 billion euros ($10.8 billion)": a figure converted from
            // another currency beside it moves with the exchange rate.
            if let Some(original) = conversion_of(text, s, v, &rules.links.conversion) {
                marks.push(("conversion", text[original.span.range()].to_string()));
            }
            // "has grown from nearly 500 million to more than 600 million
            // users": the value after "from" of a change is the earlier one.
            if word_before(text, v.span.start).0 == "from"
                && is_change_to(text, s, v)
                && !marks.iter().any(|(k, _)| *k == "original")
            {
                marks.push(("original", "from … to".to_string()));
            }
            if let Some((tspan, ti)) = trigger {
                if rules.triggers.items[ti].complement && v.kind == Kind::Percent {
                    let said = format!(
                        "100% minus {} \"{}\"",
                        &text[v.span.range()],
                        &text[tspan.range()]
                    );
                    amount = complement(&amount);
                    // What is already owned is no prospect, though the
                    // purchase of the rest may be ("its planned acquisition
                    // of the 61% … it doesn't already own").
                    marks.retain(|(k, _)| *k != "prospective");
                    marks.push(("derived", said.clone()));
                    qualifiers.push(said);
                }
            }
            for w in &scope_cues.words {
                if !qualifiers.contains(w) {
                    qualifiers.push(w.clone());
                }
            }
            let per_share = marks.iter().any(|(k, _)| *k == "per-share")
                || trigger.is_some_and(|(_, ti)| rules.triggers.items[ti].per_share);
            let unit = match &v.value {
                crate::extract::Value::Money(m) => match &m.per {
                    Some(p) => format!("{}/{p}", m.currency),
                    None if per_share => format!("{}/share", m.currency),
                    None => m.currency.clone(),
                },
                crate::extract::Value::Quantity(q) => q.unit.clone(),
                _ => "%".to_string(),
            };
            if paid_count {
                marks.retain(|(k, _)| *k != "component");
            }
            // A target is a measure of its own ("its original 5-gigawatt
            // target", "aims to deliver 10 gigawatts"): compared with other
            // targets, never with what is built, paid or planned.
            let predicate = if marks.iter().any(|(k, _)| *k == "target") {
                format!("{predicate} (target)")
            } else {
                predicate
            };
            // A deal "with" reads both ways: its parties in name order.
            let (subject, object, subject_span, object_span) = match object {
                Some(o)
                    if o < subject
                        && rules
                            .triggers
                            .items
                            .iter()
                            .any(|t| t.symmetric && t.predicate == predicate) =>
                {
                    (o, Some(subject), object_span, subject_span)
                }
                o => (subject, o, subject_span, object_span),
            };
            let claim = Claim {
                subject,
                predicate,
                object,
                span: v.span,
                text: text[v.span.range()].to_string(),
                sentence: s.span,
                sentence_text: text[s.span.range()].to_string(),
                amount,
                unit,
                // A component continuing a deal stated elsewhere is a part
                // of it, never a rival total.
                scope: match scope_cues.scope {
                    // A fee is a price, not a part of a sum: "for free for
                    // the first year, and charges 99 cents per year".
                    _ if paid_count
                        || trigger.is_some_and(|(_, ti)| rules.triggers.items[ti].rate) =>
                    {
                        Scope::Total
                    }
                    None if component && trigger_rule.is_none() => Scope::Tranche,
                    sc => sc.unwrap_or(Scope::Total),
                },
                qualifiers,
                marks,
                as_of: None,
                as_of_source: None,
                inferred,
                weak_roles: !strong_roles || inferred.is_some(),
                trigger: trigger_rule,
                trigger_span,
                subject_span,
                object_span,
            };
            pending.push(Pending {
                claim,
                explicit_total: scope_cues.explicit_total,
                // A count of shares paid beside a component is a part of
                // the price too ("$4.59 billion in cash and 178 million
                // shares"), though its own figure stays whole.
                part: scope_cues.part || paid_count,
                count: paid_count,
                quantity: v.kind == Kind::Quantity,
            });
        }
        // Back in text order, as the sentence states them.
        pending.sort_by_key(|p| p.claim.span.start);
        let explicit_total: Vec<bool> = pending.iter().map(|p| p.explicit_total).collect();
        let parts: Vec<bool> = pending.iter().map(|p| p.part).collect();
        let keep_scope: Vec<bool> = pending
            .iter()
            .map(|p| p.explicit_total || p.count)
            .collect();
        let quantities: Vec<bool> = pending.iter().map(|p| p.quantity).collect();
        let mut sentence_claims: Vec<Claim> = pending.into_iter().map(|p| p.claim).collect();
        apply_sum_chains(text, s, &mut sentence_claims, &explicit_total, rules);
        apply_components(&mut sentence_claims, &parts, &keep_scope);
        counts_share_completion(&mut sentence_claims, &quantities);
        assign_dates(tokens, s, &mut sentence_claims, doc_date);
        claims.extend(sentence_claims);
    }
    corefer_amounts(&mut claims);
    if let Some(lead) =
        stage::lead_completion(text, &sents, &frames_by_sentence, &frame_counts, rules)
    {
        stage::mark_completed(&mut claims, &lead);
    }
    // Counts are claimed after the amounts of their sentence: text order.
    unclaimed.sort_by_key(|u| u.span.start);
    (claims, unclaimed)
}

/// 100 minus a percentage: the interval turns over, a bound changes side.
fn complement(a: &Amount) -> Amount {
    let flip = |x: Option<f64>| x.map(|x| 100.0 - x);
    Amount {
        value: flip(a.value),
        min: flip(a.max),
        max: flip(a.min),
        approx: a.approx,
        bound: a.bound.map(|b| match b {
            crate::normalize::Bound::Lower => crate::normalize::Bound::Upper,
            crate::normalize::Bound::Upper => crate::normalize::Bound::Lower,
        }),
        precision: a.precision,
        qualifier: a.qualifier.clone(),
    }
}

/// The name a value stands in apposition to: "Stargate, the $100 billion
/// …", "Acme, a $2 billion lender".
fn appositive_of<'a>(text: &str, s: &Sent<'a>, v: Span) -> Option<&'a Mention> {
    let e = *s.entities.iter().rfind(|e| e.span.end <= v.start)?;
    let between = text[e.span.end..v.start].trim();
    let rest = between.strip_prefix(',')?.trim_start().to_lowercase();
    let det = ["the", "a", "an"].iter().any(|d| rest == *d);
    // The apposition is only a description when the name's own clause
    // goes on ("…, the $100 billion endeavor Trump unveiled, …") and is
    // not a list of values ("$4 billion, a $2 billion tranche").
    let value_before = s
        .values
        .iter()
        .any(|m| m.span.end <= v.start && m.span.start >= e.span.end);
    (det && !value_before).then_some(e)
}

/// Why no trigger reaches value `v`: none of its kind in the sentence, or
/// the nearest one too far away.
fn no_trigger(text: &str, tokens: &Tokens, s: &Sent, v: &Mention, rules: &RuleSet) -> NoClaim {
    let takes = |ti: usize| rules.triggers.items[ti].takes(v);
    let nearest = s
        .triggers
        .iter()
        .filter(|&&(sp, ti)| takes(ti) && can_take(text, s, rules, sp, ti, v))
        .map(|&(sp, ti)| (distance(tokens, sp, v.span), sp, ti))
        .min_by_key(|(d, sp, _)| (*d, sp.start));
    if nearest.is_none() && is_change_to(text, s, v) {
        let change = s.triggers.iter().find(|&&(sp, ti)| {
            takes(ti) && rules.triggers.items[ti].per_share && sp.end <= v.span.start
        });
        if let Some(&(trigger, ti)) = change {
            return NoClaim::Change {
                trigger,
                rule: rules.triggers.items[ti].id,
            };
        }
    }
    match nearest {
        Some((words, trigger, ti)) => NoClaim::OutOfReach {
            trigger,
            rule: rules.triggers.items[ti].id,
            words,
        },
        None => NoClaim::NoTrigger {
            other_kind: s
                .triggers
                .iter()
                .find(|&&(sp, ti)| can_take(text, s, rules, sp, ti, v))
                .map(|&(sp, ti)| (sp, rules.triggers.items[ti].id)),
        },
    }
}

/// In one article a distinctive amount names one thing: "The $100 billion
/// commitment spans multiple years" is the "$100 billion" Anthropic pledged
/// to spend on AWS three paragraphs earlier. A weakly attached claim takes
/// the parties and predicate of the first strongly attached claim with the
/// same amount and unit, wherever it stands in the document.
fn corefer_amounts(claims: &mut [Claim]) {
    // The first strong claim of each (unit, amount): one pass, not all pairs.
    let mut first_strong: std::collections::HashMap<(String, u64), usize> =
        std::collections::HashMap::new();
    for (i, e) in claims.iter().enumerate() {
        if !e.weak_roles && e.amount.value.is_some() {
            first_strong
                .entry((e.unit.clone(), e.amount.central().to_bits()))
                .or_insert(i);
        }
    }
    for i in 0..claims.len() {
        if !claims[i].weak_roles {
            continue;
        }
        // The first strong mention of the amount, before or after this one.
        let key = (claims[i].unit.clone(), claims[i].amount.central().to_bits());
        let found = first_strong
            .get(&key)
            .map(|&j| &claims[j])
            .map(|e| (e.subject.clone(), e.predicate.clone(), e.object.clone()));
        if let Some((subject, predicate, object)) = found {
            let c = &mut claims[i];
            if c.subject != subject || c.predicate != predicate || c.object != object {
                c.subject = subject;
                c.predicate = predicate;
                c.object = object;
                c.subject_span = None;
                c.object_span = None;
                c.inferred = Some("same amount elsewhere in the document");
            }
        }
    }
}

fn canonical(m: &Mention) -> &str {
    m.entity().map_or("", |e| e.canonical.as_str())
}

/// Entities that can fill a role. `strict` leaves out products and unknown
/// names, which are tried only when no organisation is in reach.
fn eligible(m: &Mention, strict: bool) -> bool {
    match m.entity() {
        Some(e) if strict => e.known && e.kind != "product" && e.kind != "place",
        Some(_) => true,
        None => false,
    }
}

fn compatible(
    f: &Frame,
    subject: &Option<(String, Option<Span>)>,
    object: &Option<(String, Option<Span>)>,
) -> bool {
    let s_ok = subject
        .as_ref()
        .is_none_or(|(s, _)| f.subject.as_deref() == Some(s.as_str()));
    let o_ok = object
        .as_ref()
        .is_none_or(|(o, _)| f.object.as_deref() == Some(o.as_str()));
    s_ok && o_ok
}

/// The frame of the previous sentence of the same paragraph (with the given
/// predicate, if any) or of this sentence's own earlier triggers.
fn previous_frame<'f>(
    sents: &[Sent],
    frames: &'f [Vec<(Span, Frame)>],
    si: usize,
    predicate: Option<&str>,
) -> Option<&'f Frame> {
    let matches = |f: &&Frame| predicate.is_none_or(|p| f.predicate == p) && f.subject.is_some();
    if si == 0 || sents[si - 1].paragraph != sents[si].paragraph {
        return None;
    }
    frames[si - 1].iter().rev().map(|(_, f)| f).find(matches)
}

fn sentences<'a>(
    text: &str,
    tokens: &Tokens,
    mentions: &'a [Mention],
    rules: &RuleSet,
) -> Vec<Sent<'a>> {
    let mut out: Vec<Sent> = tokens
        .sentences
        .iter()
        .map(|s| {
            let body = &text[s.span.range()];
            let shift = |v: Vec<(Span, usize)>| -> Vec<(Span, usize)> {
                v.into_iter()
                    .map(|(sp, i)| (Span::new(sp.start + s.span.start, sp.end + s.span.start), i))
                    .collect()
            };
            Sent {
                span: s.span,
                paragraph: s.paragraph,
                values: Vec::new(),
                entities: Vec::new(),
                dates: Vec::new(),
                triggers: shift(rules.triggers.find(body)),
                cues: shift(rules.cues.find(body)),
                references: shift(rules.references.find(body)),
                cited: Vec::new(),
                investors: Vec::new(),
            }
        })
        .collect();
    for m in mentions {
        let Some(i) = tokens.sentence_at(m.span.start) else {
            continue;
        };
        let s = &mut out[i];
        match m.kind {
            Kind::Money | Kind::Percent | Kind::Quantity => s.values.push(m),
            Kind::Entity => s.entities.push(m),
            Kind::Date => s.dates.push(m),
        }
    }
    // A trigger inside a known name is not a trigger ("Offerpad"), but an
    // unknown capitalised name made of a trigger word is not a name: in a
    // heading or table row "Total Investment" is a label.
    for s in &mut out {
        let triggers = s.triggers.clone();
        s.entities.retain(|e| {
            e.entity().is_some_and(|x| x.known)
                || !triggers.iter().any(|(sp, _)| sp.overlaps(&e.span))
        });
        let links = &rules.links;
        s.cited = s
            .entities
            .iter()
            .filter(|e| is_attribution(text, e, &links.source))
            .map(|e| e.span)
            .collect();
        s.investors = s
            .entities
            .iter()
            .filter(|e| led_by(text, e, &links.investor))
            .map(|e| e.span)
            .collect();
        let taken: Vec<&Mention> = s.values.iter().chain(s.entities.iter()).copied().collect();
        // A quantity's own measure word may be its trigger ("450 million
        // active users"): a trigger inside a quantity it takes stays.
        s.triggers.retain(|(sp, ti)| {
            !taken.iter().any(|m| {
                m.span.overlaps(sp)
                    && !(m.kind == Kind::Quantity
                        && m.span.contains(sp)
                        && rules.triggers.items[*ti].takes(m))
            }) && {
                // "Abu Dhabi-backed MGX", "a VC-funded start-up": a
                // participle joined to a word before it is an adjective.
                let word = &text[sp.range()];
                !(text[..sp.start].ends_with('-') && word.ends_with("ed") && !word.contains(' '))
            } && {
                let t = &rules.triggers.items[*ti];
                (t.not_after.is_empty() || !comes_after(text, sp.start, &t.not_after))
                    && (t.not_before.is_empty() || !comes_before(text, sp.end, &t.not_before))
            }
        });
        // So may a component cue: "183,865,778 shares" are paid in stock.
        // A word of a date is the date's: "the third quarter", "the second
        // half of 2025" hold no tranche.
        s.cues.retain(|(sp, ci)| {
            !taken.iter().any(|m| {
                m.span.contains(sp)
                    && !(m.kind == Kind::Quantity && rules.cues.items[*ci].component.is_some())
            }) && !s.dates.iter().any(|d| d.span.contains(sp))
        });
    }
    out
}

/// Whether the words right before `at` are one of `phrases` (lower-case,
/// one word or several: "deal", "options to").
fn comes_after(text: &str, at: usize, phrases: &[String]) -> bool {
    // Only the few words before `at`, never the document up to it.
    let longest = phrases.iter().map(String::len).max().unwrap_or(0);
    let mut from = at.saturating_sub(longest + 16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    // A hyphen joins as a space does: "for-profit".
    let before = text[from..at].trim_end();
    let before = before
        .strip_suffix('-')
        .unwrap_or(before)
        .trim_end()
        .to_lowercase();
    phrases.iter().any(|p| {
        before.ends_with(p.as_str())
            && before[..before.len() - p.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The subject of the clause that a ", with …" phrase ending at `lo`
/// elaborates: "… increases the capacity of the Helios venture to 10 GW,
/// with an estimated total investment of $50 billion" is Helios's
/// investment. Only where the phrase names no one itself: "…, with Acme's
/// help" or "…, together with Acme" has its own party.
fn with_phrase_subject(
    text: &str,
    s: &Sent,
    frames: &[(Span, Frame)],
    lo: usize,
) -> Option<String> {
    let head = text.get(s.span.start..lo)?;
    // Offsets of the text itself: lower-casing may change byte lengths.
    let at = s.span.start + head.rfind(", with ")?;
    if s.entities
        .iter()
        .any(|e| e.span.start >= at && e.span.end <= lo)
    {
        return None;
    }
    frames
        .iter()
        .rfind(|(sp, f)| sp.end <= at && f.subject.is_some())
        .and_then(|(_, f)| f.subject.clone())
}

/// `text` lower-cased, its words joined by single spaces.
fn lower_words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The amount in another currency that `v` converts, when `v` follows it
/// through one of the `[[link]]` words of conversions, and nothing else
/// ("10 billion euros ($10.8 billion)", "£8bn, or about $10bn").
fn conversion_of<'a>(
    text: &str,
    s: &Sent<'a>,
    v: &Mention,
    links: &[String],
) -> Option<&'a Mention> {
    use crate::extract::Value::Money;
    let Money(m) = &v.value else { return None };
    let before = s.values.iter().rfind(|o| o.span.end <= v.span.start)?;
    let Money(o) = &before.value else { return None };
    if o.currency == m.currency || o.per != m.per {
        return None;
    }
    // A qualifier ("about $10 billion") is part of the value's mention.
    let link = lower_words(&text[before.span.end..v.span.start]);
    links.contains(&link).then_some(*before)
}

/// Whether the word right after `at` is one of `words` (lower-case):
/// "investment giant", "funding round" read from the trigger's end.
fn comes_before(text: &str, at: usize, words: &[String]) -> bool {
    let after = text.get(at..).unwrap_or("");
    // A hyphen joins as a space does: "investment-grade".
    let after = after.strip_prefix('-').unwrap_or(after).trim_start();
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    !word.is_empty() && words.contains(&word)
}

/// Word distance between two spans (0 when adjacent or overlapping).
fn distance(tokens: &Tokens, a: Span, b: Span) -> usize {
    if a.end <= b.start {
        tokens.words_between(a.end, b.start)
    } else if b.end <= a.start {
        tokens.words_between(b.end, a.start)
    } else {
        0
    }
}

/// A price per share at or above this is a sum, not a share's price (the
/// dearest listed shares trade in the hundreds of thousands of dollars).
const SHARE_PRICE_CEILING: f64 = 1e6;

/// Whether trigger `ti` at `sp` may take value `v` by where it stands.
/// A noun that sizes the name before it ("the $500 billion Stargate
/// project") reaches only values before it: "fund the project with $3
/// billion" is the funder's. A share price is stated after its phrase
/// ("closed at $77.56") and is a price, not a sum in millions: "At the
/// opening share price of $77.17, the deal comes to $21.8 billion" sizes
/// no share.
/// A change is no price either: in "shares climbed 32 cents to $77.76" the
/// price is the value after "to".
fn can_take(text: &str, s: &Sent, rules: &RuleSet, sp: Span, ti: usize, v: &Mention) -> bool {
    let t = &rules.triggers.items[ti];
    // "a deal with Oracle": a name at once after, "the" aside.
    let named_after = || {
        s.entities.iter().any(|e| {
            e.span.start >= sp.end
                && text[sp.end..e.span.start]
                    .split_whitespace()
                    .all(|w| w.eq_ignore_ascii_case("the"))
        })
    };
    (!t.object_required || named_after())
        && (!t.named_between || sp.start >= v.span.end)
        && (!t.per_share
            || (sp.end <= v.span.start
                && v.amount()
                    .is_some_and(|a| a.central() < SHARE_PRICE_CEILING)
                && !is_change_to(text, s, v)))
}

/// Whether `v` is followed by "to" and another value ("32 cents to
/// $77.76", "$3 billion to about $22 billion"): the amount of a change.
fn is_change_to(text: &str, s: &Sent, v: &Mention) -> bool {
    let Some(next) = s.values.iter().find(|m| m.span.start >= v.span.end) else {
        return false;
    };
    let between = text[v.span.end..next.span.start].trim().to_lowercase();
    between == "to"
}

/// Whether `v`, after the word `before` (lower case), is the price of what
/// trigger `t` names: money right after one of its `price_words`, for a
/// trigger with a `price_predicate` that does not take money itself ("a 49%
/// stake in Scale AI for $14.3 billion").
fn is_price_for(t: &TriggerInfo, v: &Mention, before: &str) -> bool {
    !t.takes(v)
        && t.price_predicate.is_some()
        && matches!(&v.value, crate::extract::Value::Money(m) if m.per.is_none())
        && t.price_words.iter().any(|w| w == before)
}

fn nearest_trigger(
    text: &str,
    tokens: &Tokens,
    s: &Sent,
    v: &Mention,
    rules: &RuleSet,
) -> Option<(Span, usize)> {
    // "agreed to buy the film, TV and international assets from Rupert
    // Murdoch's Twenty-First Century Fox Inc for $52.4 billion": a price
    // after "for" belongs to the trigger before it however long the thing
    // bought, within the clause and with no other value between.
    let before = word_before(text, v.span.start).0;
    let price_for = before == "for";
    let reach = |sp: Span| {
        let far = price_for
            && sp.end <= v.span.start
            && !text[sp.end..v.span.start].contains([';', '—', '|'])
            && !s
                .values
                .iter()
                .any(|m| m.span.start >= sp.end && m.span.end <= v.span.start);
        if far {
            PRICE_REACH
        } else {
            TRIGGER_REACH
        }
    };
    s.triggers
        .iter()
        .filter(|&&(sp, ti)| {
            let t = &rules.triggers.items[ti];
            // "sold its stake in Nvidia for $5.8 billion": the price of a
            // stake sold is the sale's, which names the buyer or nothing.
            let sold = || {
                s.triggers.iter().any(|&(o, oi)| {
                    rules.triggers.items[oi].holder_required
                        && o.end <= sp.start
                        && tokens.words_between(o.end, sp.start) <= 4
                })
            };
            t.takes(v) || (is_price_for(t, v, &before) && !sold())
        })
        .filter(|&&(sp, ti)| can_take(text, s, rules, sp, ti, v))
        .map(|&(sp, ti)| (distance(tokens, sp, v.span), sp, ti))
        .filter(|&(d, sp, _)| d <= reach(sp))
        .min_by_key(|(d, sp, _)| (*d, sp.start))
        .map(|(_, sp, ti)| (sp, ti))
}

fn word_at_is(text: &str, tokens: &Tokens, idx: usize, words: &[String]) -> Option<usize> {
    let start = *tokens.word_starts.get(idx)?;
    let rest = &text[start..];
    let end = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    let w = rest[..end].to_lowercase();
    words.contains(&w).then_some(start + end)
}

mod cues;
mod parts;
mod refer;
mod roles;
mod stage;

pub use cues::period_months;
use cues::*;
use parts::*;
use refer::*;
use roles::*;

#[cfg(test)]
mod tests;
