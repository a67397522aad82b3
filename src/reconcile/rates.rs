//! Rates beside totals: "a $30 billion-a-year deal" and "over $300 billion
//! within five years" measure the same deal differently — one a yearly
//! amount, the other a total over a period. They are not compared as
//! figures (their units differ), and not kept apart either when a period
//! is stated: the rate times the period is what the total should be, so
//! the pair is either the same deal in two measures or a disagreement
//! ("five years at $30 billion a year make $150 billion, not over $300
//! billion").
//!
//! The rate's claims are shown with the total's fact, in their own unit;
//! every other reason reads only the total's own claims.

use super::fact::{fmt_amount, fmt_unit, ClaimOut, Fact};
use crate::ingest::short_name;
use crate::normalize::{format_amount, intervals_overlap};

/// A rate over time: its unit without the period ("USD" of "USD/year") and
/// the period's length in months. `None` for any other unit ("USD",
/// "USD/share", "GW").
pub fn rate_of(unit: &str) -> Option<(&str, f64)> {
    let (family, per) = unit.rsplit_once('/')?;
    let months = match per {
        "year" => 12.0,
        "quarter" => 3.0,
        "month" => 1.0,
        _ => return None,
    };
    Some((family, months))
}

/// The unit a rate is a rate of; any other unit as it is. Facts of a rate
/// and of a total with the same parties are reconciled together.
pub fn unit_family(unit: &str) -> &str {
    rate_of(unit).map_or(unit, |(family, _)| family)
}

/// What a rate says of the total of its fact.
#[derive(Debug, Clone, PartialEq)]
pub struct RateCheck {
    /// The reasons, for the fact's reasons.
    pub reasons: Vec<String>,
    /// Whether the rate over the period agrees with every total.
    pub agrees: bool,
    /// When it does not: the disagreement for the verdict.
    pub note: Option<String>,
}

/// A period stated by a claim: its length in months, as written ("5
/// years") and the document.
fn period_of<'c>(claims: impl IntoIterator<Item = &'c ClaimOut>) -> Option<(f64, String, String)> {
    claims.into_iter().find_map(|c| {
        c.marks
            .iter()
            .find(|(k, _)| *k == "period")
            .and_then(|(_, w)| Some((crate::claims::period_months(w)?, w.clone(), c.doc.clone())))
    })
}

fn adjective(months: f64) -> &'static str {
    match months as u32 {
        12 => "yearly",
        3 => "quarterly",
        _ => "monthly",
    }
}

/// Compare the rates stated for a fact's parties (`rates`, each with its
/// own unit) with the fact's totals through the period a claim states.
/// `None` without a period: a rate and a total are then different
/// measures that nothing relates.
pub fn check(total: &Fact, rates: &[ClaimOut]) -> Option<RateCheck> {
    // A total's own period first ("$300 billion … within five years"), else
    // the first any claim states.
    let any_period = period_of(&total.claims).or_else(|| period_of(rates))?;
    let mut reasons = Vec::new();
    let mut notes = Vec::new();
    let mut agrees = true;
    // Each distinct rate once, in the order stated.
    let mut seen: Vec<(f64, &str)> = Vec::new();
    for r in rates {
        let unit = r.unit.as_deref().unwrap_or(&total.unit);
        let Some((family, per)) = rate_of(unit) else {
            continue;
        };
        let central = r.amount.central();
        if seen.contains(&(central, unit)) {
            continue;
        }
        seen.push((central, unit));
        let mut rate_docs: Vec<String> = rates
            .iter()
            .filter(|x| x.amount.central() == central && x.unit.as_deref() == Some(unit))
            .map(|x| short_name(&x.doc))
            .collect();
        rate_docs.dedup();
        // "$37.5M–$300M/year"; over the period "$375M–$3B".
        let rate_shown = fmt_amount(&r.amount, unit);
        for v in &total.values {
            if v.unit.is_some() {
                continue;
            }
            let of_value: Vec<&ClaimOut> = total
                .claims
                .iter()
                .filter(|c| c.unit.is_none() && c.amount.central() == v.central)
                .collect();
            let (months, said, period_doc) =
                period_of(of_value.iter().copied()).unwrap_or_else(|| any_period.clone());
            let n = months / per;
            let (lo, hi) = r.amount.interval();
            let implied = (lo * n, hi * n);
            let implied_shown = format_amount(&r.amount, |x| fmt_unit(x * n, family));
            // A figure a thousand times apart measures something else
            // altogether (see the scale reason): not this deal's total.
            let (a, b) = (v.central.abs(), (central * n).abs());
            if a.min(b) <= 0.0 || a.max(b) / a.min(b) >= 1000.0 {
                continue;
            }
            let overlaps = of_value
                .iter()
                .any(|c| intervals_overlap(c.amount.interval(), implied));
            // As written, bounds included: "over $300B".
            let written = of_value
                .first()
                .map_or_else(|| v.display.clone(), |c| fmt_amount(&c.amount, &total.unit));
            let shown = format!(
                "{written} ({})",
                v.sources
                    .iter()
                    .map(|d| short_name(d))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let head = format!(
                "{rate_shown} ({}) is a {} amount, not a total; over {said} (as {} states the period) it makes {implied_shown}",
                rate_docs.join(", "),
                adjective(per),
                short_name(&period_doc),
            );
            if overlaps {
                reasons.push(format!(
                    "rate and total: {head}, in line with {shown} — the same deal in another measure"
                ));
                continue;
            }
            agrees = false;
            let side = if v.central > central * n {
                "short of"
            } else {
                "more than"
            };
            reasons.push(format!(
                "rate vs total: {head}, {side} {shown} — different measures that also do not reconcile"
            ));
            notes.push(format!(
                "{shown} vs {rate_shown} ({}): {said} at that rate make {implied_shown}",
                rate_docs.join(", "),
            ));
        }
    }
    if reasons.is_empty() {
        return None;
    }
    Some(RateCheck {
        reasons,
        agrees,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_unit_names_its_family_and_period() {
        assert_eq!(rate_of("USD/year"), Some(("USD", 12.0)));
        assert_eq!(rate_of("EUR/month"), Some(("EUR", 1.0)));
        assert_eq!(rate_of("USD/share"), None);
        assert_eq!(rate_of("USD"), None);
        assert_eq!(unit_family("TWh/year"), "TWh");
        assert_eq!(unit_family("USD/share"), "USD/share");
    }

    #[test]
    fn a_rate_range_says_its_period_once() {
        let a = crate::normalize::Amount::range(1.5e8, 3e8, 1e7);
        assert_eq!(fmt_amount(&a, "USD/year"), "$150M–$300M/year");
        assert_eq!(fmt_amount(&a, "USD"), "$150M–$300M");
    }
}
