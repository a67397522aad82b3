//! The stage an article reports a deal at. A report whose lead says the deal
//! has closed ("Facebook has completed its acquisition of WhatsApp",
//! "formally closed its acquisition of …") states the deal's undated figures
//! as they stood at completion, even where their own sentence says nothing
//! of it ("$3.5 billion in restricted stock units is to be granted"). Such
//! figures get the "completed" mark, with the lead's words, so the
//! reconciler can tell a figure at closing from one stated at announcement.

use super::{most_frequent, AsOfSource, Claim, Frame, FrameCounts, Sent};
use crate::rules::RuleSet;
use crate::span::Span;

/// Sentences of the lead read for the stage: a headline and the first
/// sentence, or the first two sentences.
const LEAD_SENTENCES: usize = 2;

/// Marks that already say which stage a figure is from, or that it is no
/// figure of the deal as it stands.
const STAGED: &[&str] = &[
    "completed",
    "prospective",
    "original",
    "revised",
    "target",
    "derived",
];

/// The deal (its frame) the lead reports as completed, the lead's words and
/// its sentence.
pub(super) struct LeadStage {
    frame: Frame,
    words: String,
    sentence: Span,
}

/// The deal the lead of the article reports as completed: a "completed"
/// cue in one of its first sentences, beside a trigger whose frame names
/// its subject, in a sentence with no prospective cue before it ("expected
/// to formally close …").
pub(super) fn lead_completion(
    text: &str,
    sents: &[Sent],
    frames: &[Vec<(Span, Frame)>],
    counts: &FrameCounts,
    rules: &RuleSet,
) -> Option<LeadStage> {
    for (si, s) in sents.iter().enumerate().take(LEAD_SENTENCES) {
        let means = |m: &'static str| {
            s.cues
                .iter()
                .find(|(_, ci)| rules.cues.items[*ci].means == Some(m))
                .map(|(sp, _)| *sp)
        };
        let Some(cue) = means("completed") else {
            continue;
        };
        // "expected to formally close its acquisition": not yet. A
        // prospective word after it is about something else ("… more
        // expensive than it was originally planned").
        if means("prospective").is_some_and(|p| p.start < cue.start) {
            continue;
        }
        // The frame whose trigger is nearest the cue (often inside it:
        // "completed its acquisition"). Without its other party ("close its
        // acquisition deal of WhatsApp Messenger" names it past "deal"), the
        // party the document's frames of that subject and predicate name
        // most often.
        let mut frame = frames[si]
            .iter()
            .filter(|(_, f)| f.subject.is_some())
            .min_by_key(|(t, _)| t.start.abs_diff(cue.start))
            .map(|(_, f)| f.clone())?;
        if frame.object.is_none() {
            frame.object = most_frequent(counts, |f| {
                f.subject == frame.subject && f.predicate == frame.predicate
            })
            .and_then(|f| f.object.clone());
            frame.object.as_ref()?;
        }
        return Some(LeadStage {
            frame,
            words: text[cue.range()].to_string(),
            sentence: s.span,
        });
    }
    None
}

/// Marks the claims of the deal `stage` names as stated at completion:
/// those outside the lead that carry no stage of their own and no date of
/// their own clause (a dated figure is as of its date).
pub(super) fn mark_completed(claims: &mut [Claim], stage: &LeadStage) {
    for c in claims {
        let same_deal = Frame::of(c) == stage.frame;
        let staged = c.marks.iter().any(|(k, _)| STAGED.contains(k));
        let dated = c.as_of_source.is_some_and(|a| a != AsOfSource::Document);
        if same_deal && !staged && !dated && c.sentence != stage.sentence {
            c.marks.push((
                "completed",
                format!("{}, in the article's lead", stage.words),
            ));
        }
    }
}
