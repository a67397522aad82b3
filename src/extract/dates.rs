//! Dates: a pattern's captures → an ISO prefix with a granularity.
//!
//! "June 2, 2026" → "2026-06-02" (day); "Sept. 2023" → "2023-09" (month);
//! "Q1 2024" → "2024-Q1" (quarter); "in 2019", "FY2024" → "2024" (year);
//! "2023–2024" → a range with min/max. A date without a year ("Feb. 19")
//! stays partial until the document date resolves it; it is never guessed
//! from today's clock.

use super::calendar::{add_months, civil_from_days, days_from_civil, iso, weekday};
use super::{Kind, Mention, Value};
use crate::rules::{lex_key, CompiledPattern, Lexicon};
use crate::span::Span;
use regex::Captures;
use serde::Serialize;

/// How far after the document's month a year-less month may lie and still
/// take the document's year.
const LOOKAHEAD_MONTHS: i64 = 3;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Year,
    Quarter,
    Month,
    Day,
}

impl Granularity {
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Year => "year",
            Granularity::Quarter => "quarter",
            Granularity::Month => "month",
            Granularity::Day => "day",
        }
    }
}

/// A normalised date or date range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    /// ISO prefix ("2024", "2024-Q1", "2024-11", "2024-11-05"); `None` for a
    /// range or an unresolved year-less date.
    pub value: Option<String>,
    pub granularity: Granularity,
    pub min: Option<String>,
    pub max: Option<String>,
    /// "start" for "since 2019", "end" for "by 2026"; `None` for a point.
    pub role: Option<String>,
    /// A fiscal year ("FY2024").
    pub fiscal: bool,
    /// Month and day of a date written without a year, until resolved.
    pub partial: Option<(u32, Option<u32>)>,
    /// True when the year came from the document date.
    pub year_inferred: bool,
    /// How a date relative to the document date hangs on it ("yesterday",
    /// "last quarter"); kept after resolution fills in the value.
    pub relative: Option<Relative>,
    /// What a relative or year-less date was resolved against, once it is.
    pub anchor: Option<Anchor>,
}

/// The date a relative or year-less date was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// ISO prefix of the anchor ("2024-11-22").
    pub date: String,
    /// The document's own date (else the latest date its text states).
    pub document: bool,
}

impl Anchor {
    /// "the document date 2024-11-22", "the text's latest date 2014-10-06".
    pub fn describe(&self) -> String {
        if self.document {
            format!("the document date {}", self.date)
        } else {
            format!("the text's latest dated mention {}", self.date)
        }
    }
}

/// A calendar unit a relative date counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
}

impl Unit {
    /// "days", "Week", "quarters" → the unit.
    pub fn parse(s: &str) -> Option<Unit> {
        let s = s.to_ascii_lowercase();
        Some(match s.trim_end_matches('s') {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "weekend" => Unit::Weekend,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            _ => return None,
        })
    }
}

/// How a relative date hangs on the document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// The document's day plus n days ("yesterday" −1).
    Days(i64),
    /// The unit holding the document's day, shifted ("last week", "this year").
    Period { unit: Unit, shift: i64 },
    /// The part of the current unit before (−1) or after (+1) the
    /// document's day ("earlier this week", "later this year").
    PartOf { unit: Unit, side: i64 },
    /// The day n units away ("3 days ago" −3, "two weeks from now" +2).
    Offset { unit: Unit, n: i64 },
    /// The n units just after (dir 1) or before (dir −1) the document's day
    /// ("next 3 days", "the past two years").
    Stretch { unit: Unit, n: i64, dir: i64 },
    /// A weekday: without a shift the latest on or before the document's
    /// day ("on Friday" in news mostly looks back); with one, that day of the
    /// shifted week ("next Monday").
    Weekday { day: i64, shift: Option<i64> },
    /// A month in the document's year, shifted ("this September", "next May").
    Month { month: u32, shift: i64 },
}

impl DateValue {
    fn point(value: String, granularity: Granularity) -> DateValue {
        DateValue {
            value: Some(value),
            granularity,
            min: None,
            max: None,
            role: None,
            fiscal: false,
            partial: None,
            year_inferred: false,
            relative: None,
            anchor: None,
        }
    }

    /// A date with no value yet: a range, or one the document date resolves.
    fn unresolved(granularity: Granularity) -> DateValue {
        DateValue {
            value: None,
            ..DateValue::point(String::new(), granularity)
        }
    }

    /// The first month the date covers, as `year * 12 + month - 1`, for ordering.
    pub fn month_index(&self) -> Option<i64> {
        let s = self.value.as_deref().or(self.min.as_deref())?;
        let year: i64 = s.get(0..4)?.parse().ok()?;
        let month: i64 = match s.get(5..) {
            Some(rest) if rest.starts_with('Q') => (rest[1..2].parse::<i64>().ok()? - 1) * 3 + 1,
            Some(rest) if rest.len() >= 2 => rest[0..2].parse().ok()?,
            _ => 1,
        };
        Some(year * 12 + month - 1)
    }

    /// A sortable key that places a date at its start ("2024" < "2024-03").
    pub fn sort_key(&self) -> String {
        self.value
            .clone()
            .or_else(|| self.min.clone())
            .unwrap_or_default()
    }

    /// The month prefix ("2024-11") of a month or day date, the quarter or
    /// year otherwise.
    pub fn month_prefix(&self) -> Option<String> {
        let v = self.value.as_deref()?;
        Some(v.get(0..7).unwrap_or(v).to_string())
    }
}

/// Parse an ISO prefix ("2024", "2024-Q1", "2024-11", "2024-11-05").
pub fn parse_iso_date(s: &str) -> Option<DateValue> {
    let s = s.trim();
    // ASCII only, with its dashes where they belong: the slicing below is by
    // byte (found by fuzzing: "1200,12ó6" sliced inside the "ó").
    let b = s.as_bytes();
    if !s.is_ascii() || (b.len() > 4 && (b[4] != b'-' || (b.len() > 7 && b[7] != b'-'))) {
        return None;
    }
    let year: i32 = s.get(0..4)?.parse().ok()?;
    match s.len() {
        4 => Some(DateValue::point(format!("{year:04}"), Granularity::Year)),
        7 if s.as_bytes()[5] == b'Q' => {
            let q: u32 = s[6..7].parse().ok()?;
            (1..=4)
                .contains(&q)
                .then(|| DateValue::point(format!("{year:04}-Q{q}"), Granularity::Quarter))
        }
        7 => {
            let m: u32 = s[5..7].parse().ok()?;
            (1..=12)
                .contains(&m)
                .then(|| DateValue::point(format!("{year:04}-{m:02}"), Granularity::Month))
        }
        10 => {
            let m: u32 = s[5..7].parse().ok()?;
            let d: u32 = s[8..10].parse().ok()?;
            valid_day(year, m, d)
                .then(|| DateValue::point(format!("{year:04}-{m:02}-{d:02}"), Granularity::Day))
        }
        _ => None,
    }
}

/// The UTC day of a Unix time in seconds ("1732284180" → 2024-11-22).
pub fn unix_day(secs: i64) -> DateValue {
    DateValue::point(iso(secs.div_euclid(86_400)), Granularity::Day)
}

fn valid_day(year: i32, month: u32, day: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn month_of(caps: &Captures, lex: &Lexicon, group: &str, used: &mut Vec<u32>) -> Option<u32> {
    let m = caps.name(group)?;
    let (id, n) = lex.month.get(&lex_key(m.as_str().trim_end_matches('.')))?;
    used.push(*id);
    Some(*n)
}

fn quarter_of(s: &str) -> Option<u32> {
    match s.to_ascii_lowercase().as_str() {
        "1" | "first" => Some(1),
        "2" | "second" => Some(2),
        "3" | "third" => Some(3),
        "4" | "fourth" => Some(4),
        _ => None,
    }
}

/// "last" −1, "this" 0, "next" +1 and their synonyms.
fn shift_of(word: &str) -> Option<i64> {
    Some(match word.to_ascii_lowercase().as_str() {
        "last" | "past" | "previous" | "preceding" | "prior" => -1,
        "this" | "current" | "the current" | "same" | "the same" | "that" => 0,
        "next" | "coming" | "the coming" | "following" | "the following" => 1,
        _ => return None,
    })
}

fn weekday_of(word: &str) -> Option<i64> {
    let w = word.to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|p| w.starts_with(p))
        .map(|i| i as i64)
}

/// The relative reading of a match, from the groups `deictic`, `shift`,
/// `unit`, `count`/`numword`, `ago`, `weekday` and `month`.
fn relative(caps: &Captures, lex: &Lexicon, used: &mut Vec<u32>) -> Option<Option<Relative>> {
    let shift = match caps.name("shift") {
        Some(m) => Some(shift_of(&lex_key(m.as_str()))?),
        None => None,
    };
    if let Some(m) = caps.name("deictic") {
        let n = match m.as_str().to_ascii_lowercase().as_str() {
            "today" | "tonight" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => return None,
        };
        return Some(Some(Relative::Days(n)));
    }
    if let Some(m) = caps.name("weekday") {
        let day = weekday_of(m.as_str())?;
        return Some(Some(Relative::Weekday { day, shift }));
    }
    let count = if let Some(m) = caps.name("count") {
        Some(m.as_str().parse::<i64>().ok()?)
    } else if let Some(m) = caps.name("numword") {
        let n = super::money::number_words(m.as_str(), lex, used)?;
        (n.value.fract() == 0.0 && n.value < 10_000.0).then_some(n.value as i64)
    } else {
        None
    };
    let unit = caps.name("unit").and_then(|m| Unit::parse(m.as_str()));
    if let Some(m) = caps.name("ago") {
        let sign = match m.as_str().to_ascii_lowercase().as_str() {
            "ago" | "earlier" | "before" => -1,
            _ => 1,
        };
        return Some(Some(Relative::Offset {
            unit: unit?,
            n: sign * count.unwrap_or(1),
        }));
    }
    match (shift, unit, count) {
        (Some(dir), Some(unit), Some(n)) if dir != 0 => {
            Some(Some(Relative::Stretch { unit, n, dir }))
        }
        (Some(shift), Some(unit), None) => {
            let side = caps
                .name("part")
                .map(|m| match m.as_str().to_ascii_lowercase().as_str() {
                    "earlier" => -1,
                    _ => 1,
                });
            Some(Some(match side {
                Some(side) if shift == 0 && unit != Unit::Day => Relative::PartOf { unit, side },
                _ => Relative::Period { unit, shift },
            }))
        }
        (Some(shift), None, None) => {
            let (_, month) = lex
                .month
                .get(&lex_key(caps.name("month")?.as_str().trim_end_matches('.')))?;
            Some(Some(Relative::Month {
                month: *month,
                shift,
            }))
        }
        (None, Some(_), _) | (None, None, Some(_)) => None,
        _ => Some(None),
    }
}

/// Interpret a date pattern's match.
pub fn interpret(caps: &Captures, lex: &Lexicon, pat: &CompiledPattern) -> Option<Mention> {
    let mut used = Vec::new();
    if let Some(rel) = relative(caps, lex, &mut used)? {
        let mut value = DateValue::unresolved(Granularity::Day);
        value.relative = Some(rel);
        value.role = pat.role.clone();
        return Some(date_mention(pat, used, value));
    }
    if let Some(m) = caps.name("decade") {
        // "the 1990s": ten years from the decade's first.
        let y: i32 = m.as_str().parse().ok()?;
        let mut value = DateValue::unresolved(Granularity::Year);
        value.min = Some(format!("{y:04}"));
        value.max = Some(format!("{:04}", y + 9));
        return Some(date_mention(pat, used, value));
    }
    let year: Option<i32> = caps.name("year").and_then(|m| m.as_str().parse().ok());
    let month = month_of(caps, lex, "month", &mut used)
        .or_else(|| caps.name("month_num").and_then(|m| m.as_str().parse().ok()));
    let day: Option<u32> = caps.name("day").and_then(|m| m.as_str().parse().ok());
    let quarter = caps.name("quarter").and_then(|m| quarter_of(m.as_str()));
    let fiscal = caps.name("fiscal").is_some();
    // "the second half of 2025": six months, as a range of months.
    if let (Some(h), Some(y)) = (caps.name("half"), year) {
        let (from, to) = match h.as_str().to_lowercase().as_str() {
            "first" | "1st" | "1" => (1, 6),
            "second" | "2nd" | "2" => (7, 12),
            _ => return None,
        };
        let mut value = DateValue::unresolved(Granularity::Month);
        value.min = Some(format!("{y:04}-{from:02}"));
        value.max = Some(format!("{y:04}-{to:02}"));
        value.fiscal = fiscal;
        value.role = pat.role.clone();
        return Some(date_mention(pat, used, value));
    }

    let mut value = if let Some(y2) = caps.name("year2") {
        let y1 = year?;
        let mut y2: i32 = y2.as_str().parse().ok()?;
        if y2 < 100 {
            y2 += y1 - y1 % 100;
        }
        if y2 <= y1 || y2 - y1 > 50 {
            return None;
        }
        DateValue {
            value: None,
            granularity: Granularity::Year,
            min: Some(format!("{y1:04}")),
            max: Some(format!("{y2:04}")),
            role: None,
            fiscal,
            partial: None,
            year_inferred: false,
            relative: None,
            anchor: None,
        }
    } else {
        match (year, quarter, month, day) {
            (Some(y), Some(q), _, _) => {
                DateValue::point(format!("{y:04}-Q{q}"), Granularity::Quarter)
            }
            (Some(y), None, Some(m), Some(d)) => {
                if !valid_day(y, m, d) {
                    return None;
                }
                DateValue::point(format!("{y:04}-{m:02}-{d:02}"), Granularity::Day)
            }
            (Some(y), None, Some(m), None) => {
                DateValue::point(format!("{y:04}-{m:02}"), Granularity::Month)
            }
            (Some(y), None, None, _) => DateValue::point(format!("{y:04}"), Granularity::Year),
            (None, None, Some(m), d) => {
                if let Some(d) = d {
                    if !valid_day(2024, m, d) {
                        return None;
                    }
                }
                DateValue {
                    value: None,
                    granularity: if d.is_some() {
                        Granularity::Day
                    } else {
                        Granularity::Month
                    },
                    min: None,
                    max: None,
                    role: None,
                    fiscal: false,
                    partial: Some((m, d)),
                    year_inferred: false,
                    relative: None,
                    anchor: None,
                }
            }
            // "Q2", "the fourth quarter": a quarter of the year the
            // document date gives, held as the quarter's first month.
            (None, Some(q), _, _) => DateValue {
                granularity: Granularity::Quarter,
                partial: Some((3 * (q - 1) + 1, None)),
                ..DateValue::unresolved(Granularity::Quarter)
            },
            _ => return None,
        }
    };
    value.fiscal = fiscal;
    value.role = pat.role.clone();
    Some(date_mention(pat, used, value))
}

/// A date mention; `extract` sets its spans.
fn date_mention(pat: &CompiledPattern, used: Vec<u32>, value: DateValue) -> Mention {
    Mention {
        kind: Kind::Date,
        span: Span::new(0, 0),
        value_span: Span::new(0, 0),
        rule: pat.id,
        lexicon: used,
        value: Value::Date(value),
    }
}

/// Resolve a year-less date against the document date. News mostly looks
/// back: the month takes the document's year unless it lies more than
/// `LOOKAHEAD_MONTHS` after the document's month, then the year before
/// ("Feb. 19" in an October 2014 article → 2014; "December" in a January
/// 2015 article → 2014; "March" in a January article → the same year).
/// Against a date the text states (no document date) it takes that date's
/// year: "October 6th" beside "April 2014" is 2014-10-06.
///
/// `document` says whether `doc_date` is the document's own date (else the
/// text's latest dated mention); the resolved date keeps it as its anchor.
pub fn resolve_partial(d: &mut DateValue, doc_date: Option<&DateValue>, document: bool) {
    let anchor = |a: &DateValue| a.value.clone().map(|date| Anchor { date, document });
    if let Some(rel) = d.relative {
        if let Some(today) = doc_date.and_then(day_count) {
            resolve_relative(d, rel, today);
            d.anchor = doc_date.and_then(anchor);
        }
        return;
    }
    let Some((month, day)) = d.partial else {
        return;
    };
    let Some(doc) = doc_date.and_then(DateValue::month_index) else {
        return;
    };
    let doc_year = doc.div_euclid(12);
    let doc_month = doc.rem_euclid(12) + 1;
    // A date the text states is no day of writing: the article may look
    // ahead of it as well as back ("… in April 2014 … from mid-February to
    // October 6th"), so the year-less date takes its year.
    let best = if document && (month as i64) > doc_month + LOOKAHEAD_MONTHS {
        doc_year - 1
    } else {
        doc_year
    };
    let y = best as i32;
    d.value = Some(match day {
        _ if d.granularity == Granularity::Quarter => format!("{y:04}-Q{}", (month - 1) / 3 + 1),
        Some(dd) if valid_day(y, month, dd) => format!("{y:04}-{month:02}-{dd:02}"),
        Some(_) => return,
        None => format!("{y:04}-{month:02}"),
    });
    d.partial = None;
    d.year_inferred = true;
    d.anchor = doc_date.and_then(anchor);
}

/// The day count of a day-precise date.
fn day_count(d: &DateValue) -> Option<i64> {
    let v = d.value.as_deref()?;
    if d.granularity != Granularity::Day || v.len() != 10 {
        return None;
    }
    Some(days_from_civil(
        v[0..4].parse().ok()?,
        v[5..7].parse().ok()?,
        v[8..10].parse().ok()?,
    ))
}

/// Fill in a relative date's value from the document's day.
fn resolve_relative(d: &mut DateValue, rel: Relative, today: i64) {
    let (year, month, _) = civil_from_days(today);
    let monday = today - weekday(today);
    let day = |d: &mut DateValue, n: i64| {
        d.value = Some(iso(n));
        d.granularity = Granularity::Day;
    };
    let days = |d: &mut DateValue, first: i64, last: i64| {
        d.value = None;
        d.min = Some(iso(first));
        d.max = Some(iso(last));
        d.granularity = Granularity::Day;
    };
    let step = |from: i64, unit: Unit, n: i64| -> i64 {
        match unit {
            Unit::Day => from + n,
            Unit::Week | Unit::Weekend => from + 7 * n,
            Unit::Month => add_months(from, n),
            Unit::Quarter => add_months(from, 3 * n),
            Unit::Year => add_months(from, 12 * n),
        }
    };
    match rel {
        Relative::Days(n) => day(d, today + n),
        Relative::Offset { unit, n } => day(d, step(today, unit, n)),
        Relative::Weekday {
            day: wd,
            shift: None,
        } => day(d, today - (weekday(today) - wd).rem_euclid(7)),
        Relative::Weekday {
            day: wd,
            shift: Some(s),
        } => day(d, monday + 7 * s + wd),
        Relative::PartOf { unit, side } => {
            let (first, last) = match unit {
                Unit::Day => (today, today),
                Unit::Week => (monday, monday + 6),
                Unit::Weekend => (monday + 5, monday + 6),
                Unit::Month => {
                    let first = days_from_civil(year, month, 1);
                    (first, add_months(first, 1) - 1)
                }
                Unit::Quarter => {
                    let first = days_from_civil(year, (month - 1) / 3 * 3 + 1, 1);
                    (first, add_months(first, 3) - 1)
                }
                Unit::Year => {
                    let first = days_from_civil(year, 1, 1);
                    (first, add_months(first, 12) - 1)
                }
            };
            let (a, b) = if side < 0 {
                (first, (today - 1).max(first))
            } else {
                ((today + 1).min(last), last)
            };
            if a == b {
                day(d, a)
            } else {
                days(d, a, b)
            }
        }
        Relative::Period { unit, shift } => match unit {
            Unit::Day => day(d, today + shift),
            Unit::Week => days(d, monday + 7 * shift, monday + 7 * shift + 6),
            Unit::Weekend => days(d, monday + 7 * shift + 5, monday + 7 * shift + 6),
            Unit::Month => {
                let (y, m, _) = civil_from_days(add_months(today, shift));
                d.value = Some(format!("{y:04}-{m:02}"));
                d.granularity = Granularity::Month;
            }
            Unit::Quarter => {
                let first =
                    add_months(days_from_civil(year, (month - 1) / 3 * 3 + 1, 1), 3 * shift);
                let (y, m, _) = civil_from_days(first);
                d.value = Some(format!("{y:04}-Q{}", (m - 1) / 3 + 1));
                d.granularity = Granularity::Quarter;
            }
            Unit::Year => {
                d.value = Some(format!("{:04}", year + shift));
                d.granularity = Granularity::Year;
            }
        },
        Relative::Stretch { unit, n, dir } => {
            if dir > 0 {
                let first = today + 1;
                days(d, first, step(first, unit, n) - 1);
            } else {
                days(d, step(today, unit, -n), today - 1);
            }
        }
        Relative::Month { month: m, shift } => {
            // "last September" is the latest September before this month,
            // "next May" the first May after it.
            let y = match shift {
                s if s < 0 => year - i64::from(m >= month),
                s if s > 0 => year + i64::from(m <= month),
                _ => year,
            };
            d.value = Some(format!("{y:04}-{m:02}"));
            d.granularity = Granularity::Month;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing (fuzz/normalize): non-ASCII input was sliced by byte.
    #[test]
    fn parse_iso_date_refuses_what_is_not_an_iso_date() {
        assert_eq!(parse_iso_date("1200,12ó6"), None);
        assert_eq!(parse_iso_date("2024,11,05"), None);
        assert_eq!(parse_iso_date("2024-1ó"), None);
        assert_eq!(
            parse_iso_date("2024-11-05").unwrap().value.as_deref(),
            Some("2024-11-05")
        );
        assert_eq!(
            parse_iso_date("2024-Q3").unwrap().value.as_deref(),
            Some("2024-Q3")
        );
        assert_eq!(
            parse_iso_date("2024").unwrap().value.as_deref(),
            Some("2024")
        );
    }

    #[test]
    fn iso_prefixes_parse_and_validate() {
        assert_eq!(
            parse_iso_date("2024-11").unwrap().granularity,
            Granularity::Month
        );
        assert_eq!(
            parse_iso_date("2024-Q1").unwrap().value.as_deref(),
            Some("2024-Q1")
        );
        assert!(parse_iso_date("2023-02-29").is_none());
        assert!(parse_iso_date("2024-02-29").is_some());
    }

    #[test]
    fn partial_dates_take_the_nearest_year() {
        let doc = parse_iso_date("2015-01-10").unwrap();
        let mut d = DateValue {
            value: None,
            granularity: Granularity::Month,
            min: None,
            max: None,
            role: None,
            fiscal: false,
            partial: Some((12, None)),
            year_inferred: false,
            relative: None,
            anchor: None,
        };
        resolve_partial(&mut d, Some(&doc), true);
        assert_eq!(d.value.as_deref(), Some("2014-12"));
        assert!(d.year_inferred);
        assert_eq!(
            d.anchor.as_ref().unwrap().describe(),
            "the document date 2015-01-10"
        );
    }

    #[test]
    fn partial_dates_take_the_year_of_a_stated_date() {
        // Against the document date "October" in April looks back a year;
        // against a date the text states it is that date's year.
        let anchor = parse_iso_date("2014-04").unwrap();
        for (document, want) in [(true, "2013-10-06"), (false, "2014-10-06")] {
            let mut d = DateValue {
                partial: Some((10, Some(6))),
                ..DateValue::unresolved(Granularity::Day)
            };
            resolve_partial(&mut d, Some(&anchor), document);
            assert_eq!(d.value.as_deref(), Some(want), "document: {document}");
        }
    }

    #[test]
    fn year_less_quarters_take_the_nearest_year() {
        let quarter = |q: u32, doc: &str| {
            let mut d = DateValue {
                granularity: Granularity::Quarter,
                partial: Some((3 * (q - 1) + 1, None)),
                ..DateValue::unresolved(Granularity::Quarter)
            };
            resolve_partial(&mut d, parse_iso_date(doc).as_ref(), true);
            d.value
        };
        // "expects to close in Q2", written in February: this year's.
        assert_eq!(quarter(2, "2024-02-10").as_deref(), Some("2024-Q2"));
        // "Q4 results", written in February: last year's.
        assert_eq!(quarter(4, "2024-02-10").as_deref(), Some("2023-Q4"));
        assert_eq!(quarter(1, "2024-11-22").as_deref(), Some("2024-Q1"));
        // Without a document date it stays unresolved.
        assert_eq!(
            {
                let mut d = DateValue {
                    granularity: Granularity::Quarter,
                    partial: Some((1, None)),
                    ..DateValue::unresolved(Granularity::Quarter)
                };
                resolve_partial(&mut d, None, true);
                d.value
            },
            None
        );
    }

    #[test]
    fn month_index_orders_dates() {
        let a = parse_iso_date("2023-09").unwrap().month_index().unwrap();
        let b = parse_iso_date("2024-Q1").unwrap().month_index().unwrap();
        let c = parse_iso_date("2024-11-05").unwrap().month_index().unwrap();
        assert!(a < b && b < c);
    }
}
