//! The document's own date: a full date on a short line near the top
//! ("June 2, 2026 11 min read", a dateline, a list of update dates), the
//! latest if there are several. A date inside the first sentence of the body
//! ("On January 21, 2025, OpenAI announced …") is an event, not the
//! publication date, so long lines are not looked at. Metadata (a JSON
//! field, a page's meta tags) states the date outright: [`published_date`]
//! reads it.

use crate::extract::{self, parse_iso_date, unix_day, DateValue, Granularity, Mention};
use crate::rules::RuleSet;
use crate::tokenize;

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

/// A publication date from metadata, as written there: an ISO date or
/// date-time ("2024-11-22", "2024-11-22T23:30:00-05:00": the day as the
/// publisher wrote it, the time zone is not applied), "2024/11/22", a Unix
/// time in seconds or milliseconds (a UTC day), or anything the date rules
/// read as one day with its year ("Fri, 22 Nov 2024 14:03:00 GMT",
/// "November 22, 2024").
pub fn published_date(s: &str, rules: &RuleSet) -> Option<DateValue> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        return match s.len() {
            9 | 10 => Some(unix_day(n)),
            12 | 13 => Some(unix_day(n / 1000)),
            8 => parse_iso_date(&format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8])),
            _ => None,
        };
    }
    if let Some(head) = s.get(0..10) {
        let b = head.as_bytes();
        if b[4] == b[7] && (b[4] == b'-' || b[4] == b'/') {
            return parse_iso_date(&head.replace('/', "-"));
        }
    }
    let tokens = tokenize::tokenize(s);
    extract::extract(s, &tokens, rules)
        .iter()
        .filter_map(Mention::date)
        .find(|d| d.granularity == Granularity::Day && d.value.is_some() && !d.year_inferred)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_dates_as_exports_write_them() {
        let rules = RuleSet::builtin().unwrap();
        let day = |s: &str| published_date(s, &rules).and_then(|d| d.value);
        assert_eq!(
            day("2024-11-22T23:30:00-05:00").as_deref(),
            Some("2024-11-22")
        );
        assert_eq!(day("2024/11/22").as_deref(), Some("2024-11-22"));
        assert_eq!(day("1732284180").as_deref(), Some("2024-11-22"));
        assert_eq!(day("1732284180000").as_deref(), Some("2024-11-22"));
        assert_eq!(day("20241122").as_deref(), Some("2024-11-22"));
        assert_eq!(
            day("Fri, 22 Nov 2024 14:03:00 GMT").as_deref(),
            Some("2024-11-22")
        );
        assert_eq!(day("November 22, 2024").as_deref(), Some("2024-11-22"));
        assert_eq!(day("soon"), None);
        assert_eq!(day("2024-13-45"), None);
        assert_eq!(day("November 22"), None);
        assert_eq!(day("é2024-11-22"), None);
        assert_eq!(day("2024-1é-22"), None);
    }
}
