//! The document's own date: a full date on a short line near the top
//! ("June 2, 2026 11 min read", a dateline, a list of update dates), the
//! latest if there are several. A date inside the first sentence of the body
//! ("On January 21, 2025, OpenAI announced …") is an event, not the
//! publication date, so long lines are not looked at.

use crate::extract::{DateValue, Granularity, Mention};

/// Lines from the top that may hold the date.
const TOP_LINES: usize = 20;
/// A dateline is short; a body sentence is not.
const MAX_LINE_CHARS: usize = 80;

/// Find the document date among the date mentions.
pub fn document_date(text: &str, mentions: &[Mention]) -> Option<DateValue> {
    let mut best: Option<DateValue> = None;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i >= TOP_LINES {
            break;
        }
        let (start, end) = (offset, offset + line.len());
        offset = end;
        if line.trim().chars().count() > MAX_LINE_CHARS {
            continue;
        }
        for m in mentions
            .iter()
            .filter(|m| m.span.start >= start && m.span.end <= end)
        {
            let Some(d) = m.date() else { continue };
            if d.granularity == Granularity::Day
                && d.value.is_some()
                && !d.year_inferred
                && best.as_ref().is_none_or(|b| d.sort_key() > b.sort_key())
            {
                best = Some(d.clone());
            }
        }
    }
    best
}
