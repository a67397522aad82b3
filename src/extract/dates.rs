//! Dates: a pattern's captures → an ISO prefix with a granularity.
//!
//! "June 2, 2026" → "2026-06-02" (day); "Sept. 2023" → "2023-09" (month);
//! "Q1 2024" → "2024-Q1" (quarter); "in 2019", "FY2024" → "2024" (year);
//! "2023–2024" → a range with min/max. A date without a year ("Feb. 19")
//! stays partial until the document date resolves it; it is never guessed
//! from today's clock.

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

/// Interpret a date pattern's match.
pub fn interpret(caps: &Captures, lex: &Lexicon, pat: &CompiledPattern) -> Option<Mention> {
    let mut used = Vec::new();
    let year: Option<i32> = caps.name("year").and_then(|m| m.as_str().parse().ok());
    let month = month_of(caps, lex, "month", &mut used)
        .or_else(|| caps.name("month_num").and_then(|m| m.as_str().parse().ok()));
    let day: Option<u32> = caps.name("day").and_then(|m| m.as_str().parse().ok());
    let quarter = caps.name("quarter").and_then(|m| quarter_of(m.as_str()));
    let fiscal = caps.name("fiscal").is_some();

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
                }
            }
            _ => return None,
        }
    };
    value.fiscal = fiscal;
    value.role = pat.role.clone();
    Some(Mention {
        kind: Kind::Date,
        span: Span::new(0, 0),
        value_span: Span::new(0, 0),
        rule: pat.id,
        lexicon: used,
        value: Value::Date(value),
    })
}

/// Resolve a year-less date against the document date. News mostly looks
/// back: the month takes the document's year unless it lies more than
/// `LOOKAHEAD_MONTHS` after the document's month, then the year before
/// ("Feb. 19" in an October 2014 article → 2014; "December" in a January
/// 2015 article → 2014; "March" in a January article → the same year).
pub fn resolve_partial(d: &mut DateValue, doc_date: Option<&DateValue>) {
    let Some((month, day)) = d.partial else {
        return;
    };
    let Some(doc) = doc_date.and_then(DateValue::month_index) else {
        return;
    };
    let doc_year = doc.div_euclid(12);
    let doc_month = doc.rem_euclid(12) + 1;
    let best = if (month as i64) > doc_month + LOOKAHEAD_MONTHS {
        doc_year - 1
    } else {
        doc_year
    };
    let y = best as i32;
    d.value = Some(match day {
        Some(dd) if valid_day(y, month, dd) => format!("{y:04}-{month:02}-{dd:02}"),
        Some(_) => return,
        None => format!("{y:04}-{month:02}"),
    });
    d.partial = None;
    d.year_inferred = true;
}

#[cfg(test)]
mod tests {
    use super::*;

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
        };
        resolve_partial(&mut d, Some(&doc));
        assert_eq!(d.value.as_deref(), Some("2014-12"));
        assert!(d.year_inferred);
    }

    #[test]
    fn month_index_orders_dates() {
        let a = parse_iso_date("2023-09").unwrap().month_index().unwrap();
        let b = parse_iso_date("2024-Q1").unwrap().month_index().unwrap();
        let c = parse_iso_date("2024-11-05").unwrap().month_index().unwrap();
        assert!(a < b && b < c);
    }
}
