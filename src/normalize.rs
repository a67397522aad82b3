//! Numbers and amounts as intervals with a reason.
//!
//! "$13 billion" is exact as written with the precision of its last digit;
//! "about $13.8 billion" widens it; "over $13 billion" is `[13e9, ∞)`; "up to
//! $20 billion" is `[0, 20e9]`; "$2–4 billion" is a range. Every amount keeps
//! how it was stated (`approx`, `bound`), and `interval()` turns that into the
//! range of values the text is compatible with. Two statements agree when
//! their intervals overlap. The tolerance follows the precision of the text,
//! not a fixed percentage (see `Amount::interval`).

use serde::Serialize;

/// Which side an amount bounds, as stated ("over" → lower, "up to" → upper).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    Lower,
    Upper,
}

/// How a qualifier word changes an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// about, roughly, ~: the true value is near the stated one.
    Approx,
    /// over, more than, at least: the stated value is a lower bound.
    Lower,
    /// up to, at most, less than: the stated value is an upper bound.
    Upper,
    /// nearly, almost: just under the stated value.
    Almost,
}

impl Effect {
    pub fn parse(s: &str) -> Option<Effect> {
        match s {
            "approx" => Some(Effect::Approx),
            "lower" => Some(Effect::Lower),
            "upper" => Some(Effect::Upper),
            "almost" => Some(Effect::Almost),
            _ => None,
        }
    }
}

/// Relative half-width of an approximate amount ("about $13.8 billion" is
/// compatible with 13.8e9 ± 5%). Chosen so that "about $22 billion" agrees with
/// "$21.8 billion" while "about $13.8 billion" does not stretch to $15 billion.
pub const APPROX_TOLERANCE: f64 = 0.05;

/// "nearly $X" / "almost $X": within this fraction below X.
pub const ALMOST_TOLERANCE: f64 = 0.10;

/// A stated quantity: a single value or a range, with how it was qualified.
/// Serialises as `value`, `min`, `max`, `approx`, `bound` (flattened into
/// every output that shows an amount).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Amount {
    /// The stated value; `None` for a range.
    #[serde(serialize_with = "serialize_opt_num")]
    pub value: Option<f64>,
    /// Lower end: the value itself for an exact amount, the range start for a
    /// range, the value for a lower bound; `None` when unbounded below (up to).
    #[serde(serialize_with = "serialize_opt_num")]
    pub min: Option<f64>,
    /// Upper end; `None` when unbounded above ("over $13 billion").
    #[serde(serialize_with = "serialize_opt_num")]
    pub max: Option<f64>,
    pub approx: bool,
    pub bound: Option<Bound>,
    /// The unit of the last written digit, in the same units as `value`
    /// ("$13.8 billion" → 1e8).
    #[serde(skip)]
    pub precision: f64,
    /// The qualifier words as written ("up to", "roughly"), if any.
    #[serde(skip)]
    pub qualifier: Option<String>,
}

impl Amount {
    /// An exact amount with the given precision.
    pub fn exact(value: f64, precision: f64) -> Amount {
        Amount {
            value: Some(value),
            min: Some(value),
            max: Some(value),
            approx: false,
            bound: None,
            precision,
            qualifier: None,
        }
    }

    /// A range `[lo, hi]`, each end with its own precision (the coarser is kept).
    pub fn range(lo: f64, hi: f64, precision: f64) -> Amount {
        Amount {
            value: None,
            min: Some(lo),
            max: Some(hi),
            approx: false,
            bound: None,
            precision,
            qualifier: None,
        }
    }

    /// Apply a qualifier's effect to this amount.
    pub fn qualify(&mut self, effect: Effect, words: &str) {
        self.qualifier = Some(match self.qualifier.take() {
            Some(q) => format!("{q} {words}"),
            None => words.to_string(),
        });
        match effect {
            Effect::Approx => self.approx = true,
            Effect::Lower => {
                self.bound = Some(Bound::Lower);
                self.max = None;
            }
            Effect::Upper => {
                self.bound = Some(Bound::Upper);
                self.min = None;
            }
            Effect::Almost => {
                self.approx = true;
                self.bound = Some(Bound::Upper);
            }
        }
    }

    /// The central value: the stated value, or a range's midpoint.
    pub fn central(&self) -> f64 {
        match (self.value, self.min, self.max) {
            (Some(v), _, _) => v,
            (None, Some(a), Some(b)) => (a + b) / 2.0,
            (None, Some(a), None) => a,
            (None, None, Some(b)) => b,
            (None, None, None) => 0.0,
        }
    }

    /// The interval of true values this statement is compatible with.
    ///
    /// An exact figure stands for everything that rounds to it: half a unit
    /// of its last written digit either side. "$46B" is [45.5B, 46.5B] and
    /// "$46.5B" is [46.45B, 46.55B]: they agree; "$21B" and "$22B" do not.
    /// An approximate figure widens to ±5% (or its rounding, if larger).
    /// Bounds open one side; "nearly X" is [X − 10%, X].
    pub fn interval(&self) -> (f64, f64) {
        let half = self.precision / 2.0;
        let widen = |v: f64| -> f64 {
            if self.approx {
                (v.abs() * APPROX_TOLERANCE).max(half)
            } else {
                half
            }
        };
        let mut lo = match self.min {
            Some(v) => v - widen(v),
            None => 0.0,
        };
        let mut hi = match self.max {
            Some(v) => v + widen(v),
            None => f64::INFINITY,
        };
        if self.bound == Some(Bound::Upper) && self.approx {
            // "nearly $X": just under X.
            if let Some(v) = self.value {
                lo = v * (1.0 - ALMOST_TOLERANCE);
                hi = v + half;
            }
        }
        if self.bound == Some(Bound::Lower) {
            if let Some(v) = self.min {
                lo = v - if self.approx { widen(v) } else { 0.0 };
            }
            hi = f64::INFINITY;
        }
        if lo < 0.0 {
            lo = 0.0;
        }
        (lo, hi)
    }
}

/// Two half-open intervals overlap. Touching ends do not count, so "$21B"
/// ([20.5, 21.5)) and "$22B" ([21.5, 22.5)) disagree.
pub fn intervals_overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A parsed decimal number with the unit of its last significant digit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub precision: f64,
}

/// Parse "25,000", "1.25", ".5", "1 234" (thin or no-break spaces as group
/// separators). Returns `None` for anything else, and for values that do not
/// fit a finite f64 (a 400-digit number is rejected, never infinity or NaN).
pub fn parse_number(s: &str) -> Option<Number> {
    let mut digits = String::with_capacity(s.len());
    let mut decimals: Option<usize> = None;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                digits.push(c);
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            ',' | '\u{2009}' | '\u{202f}' | '\u{a0}' | ' ' if decimals.is_none() => {}
            '.' if decimals.is_none() => {
                digits.push('.');
                decimals = Some(0);
            }
            _ => return None,
        }
    }
    if digits.is_empty() || digits == "." {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let precision = match decimals {
        Some(d) if d > 0 => 10f64.powi(-(d.min(300) as i32)),
        _ => integer_precision(&digits, value),
    };
    Some(Number { value, precision })
}

/// The rounding unit of an integer as written. Trailing zeros are ambiguous
/// ("100" may be rounded to the hundred); we take the unit of the last
/// non-zero digit but never coarser than 10% of the value, so "$100 billion"
/// means 95–105 billion and "$25,000" means 24,500–25,500.
fn integer_precision(digits: &str, value: f64) -> f64 {
    let trimmed = digits.trim_end_matches('.');
    let zeros = trimmed.len() - trimmed.trim_end_matches('0').len();
    if value == 0.0 {
        return 1.0;
    }
    let unit = 10f64.powi(zeros.min(300) as i32);
    unit.min((value * 0.1).max(1.0))
}

/// Render an amount for people: "$4B", "$13.8B", "$25,000", "€1.2M".
pub fn format_money(value: f64, currency: &str) -> String {
    let symbol = match currency {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        _ => "",
    };
    let (scaled, suffix) = if value.abs() >= 1e12 {
        (value / 1e12, "T")
    } else if value.abs() >= 1e9 {
        (value / 1e9, "B")
    } else if value.abs() >= 1e6 {
        (value / 1e6, "M")
    } else {
        (value, "")
    };
    let num = if suffix.is_empty() {
        group_thousands(value)
    } else {
        trim_float(scaled)
    };
    if symbol.is_empty() {
        format!("{num}{suffix} {currency}")
    } else {
        format!("{symbol}{num}{suffix}")
    }
}

/// Whether a unit is a currency: ISO 4217 codes are three capital letters
/// (a `[[measure]]` unit may not look like one; the rules reject it).
pub fn is_currency_code(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// A number in a claim's unit without a money rate: "$4B" for "USD" and
/// "USD/year", "27%" for "%", "450 million people" for "people" (a count's
/// rate stays: "1 million people/day").
pub fn format_in_unit(v: f64, unit: &str) -> String {
    if unit == "%" {
        return format!("{}%", trim_float(v));
    }
    let currency = unit.split('/').next().unwrap_or(unit);
    if is_currency_code(currency) {
        format_money(v, currency)
    } else {
        format_quantity(v, unit)
    }
}

/// A quantity in its unit: "450 million people", "183,865,778 shares",
/// "7 GW". Scale words only where they lose no digit the text gave.
pub fn format_quantity(value: f64, unit: &str) -> String {
    let scaled = [(1e9, "billion"), (1e6, "million")]
        .into_iter()
        .find(|(s, _)| value.abs() >= *s)
        .filter(|(s, _)| {
            let x = value / s;
            (x * 1000.0).round() == x * 1000.0
        });
    let num = match scaled {
        Some((s, word)) => format!("{} {word}", trim_float(value / s)),
        None if value.fract() == 0.0 => group_thousands(value),
        None => trim_float(value),
    };
    format!("{num} {unit}")
}

/// Up to three decimals, no trailing zeros: 13.8 → "13.8", 4.0 → "4".
pub fn trim_float(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn group_thousands(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v:.2}");
    }
    let s = format!("{}", v as i128);
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// Render an amount with its qualifiers: "about $13.8B", "≥ $13B", "$2B–$4B".
pub fn format_amount(amount: &Amount, fmt: impl Fn(f64) -> String) -> String {
    let core = match (amount.value, amount.min, amount.max) {
        (Some(v), _, _) => fmt(v),
        (None, Some(a), Some(b)) => format!("{}–{}", fmt(a), fmt(b)),
        (None, Some(a), None) => format!("≥ {}", fmt(a)),
        (None, None, Some(b)) => format!("≤ {}", fmt(b)),
        (None, None, None) => "?".to_string(),
    };
    let prefix = match (amount.bound, amount.approx) {
        (Some(Bound::Upper), true) => "nearly ",
        (Some(Bound::Upper), false) => "up to ",
        (Some(Bound::Lower), _) => "over ",
        (None, true) => "about ",
        (None, false) => "",
    };
    format!("{prefix}{core}")
}

/// Serialize an f64 as an integer when it is one (8e9 → 8000000000), so JSON
/// stays readable and exact; non-finite values never reach here.
pub fn serialize_num<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// `serialize_num` for optional numbers.
pub fn serialize_opt_num<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => serialize_num(v, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amt(v: f64, p: f64) -> Amount {
        Amount::exact(v, p)
    }

    #[test]
    fn parses_separators_and_decimals() {
        assert_eq!(parse_number("25,000").unwrap().value, 25000.0);
        assert_eq!(parse_number("1.25").unwrap().value, 1.25);
        assert_eq!(parse_number("1.25").unwrap().precision, 0.01);
        assert_eq!(parse_number(".5").unwrap().value, 0.5);
        assert!(parse_number("1.2.3").is_none());
        assert!(parse_number("").is_none());
    }

    #[test]
    fn huge_numbers_are_rejected_not_infinite() {
        let digits = "9".repeat(400);
        assert!(parse_number(&digits).is_none());
    }

    #[test]
    fn rounding_agreement_follows_precision() {
        let b = 1e9;
        let i46 = amt(46.0 * b, b).interval();
        let i465 = amt(46.5 * b, 0.1 * b).interval();
        assert!(intervals_overlap(i46, i465), "$46B ~ $46.5B");
        let i21 = amt(21.0 * b, b).interval();
        let i22 = amt(22.0 * b, b).interval();
        assert!(!intervals_overlap(i21, i22), "$21B vs $22B");
    }

    #[test]
    fn qualifiers_make_thirteen_billions_agree() {
        let b = 1e9;
        let plain = amt(13.0 * b, b).interval();
        let mut about = amt(13.8 * b, 0.1 * b);
        about.qualify(Effect::Approx, "about");
        let mut over = amt(13.0 * b, b);
        over.qualify(Effect::Lower, "over");
        let mut tilde = amt(13.0 * b, b);
        tilde.qualify(Effect::Approx, "~");
        for x in [about.interval(), over.interval(), tilde.interval()] {
            assert!(intervals_overlap(plain, x), "{plain:?} vs {x:?}");
        }
        assert!(intervals_overlap(about.interval(), over.interval()));
    }

    #[test]
    fn up_to_is_upper_bound() {
        let mut a = amt(20e9, 1e9);
        a.qualify(Effect::Upper, "up to");
        assert_eq!(a.bound, Some(Bound::Upper));
        assert_eq!(a.min, None);
        let (lo, hi) = a.interval();
        assert_eq!(lo, 0.0);
        assert!(hi >= 20e9);
    }

    #[test]
    fn trailing_zero_precision_is_capped() {
        let n = parse_number("100").unwrap();
        assert_eq!(n.precision, 10.0);
        let n = parse_number("13").unwrap();
        assert_eq!(n.precision, 1.0);
    }

    #[test]
    fn formats_money_compactly() {
        assert_eq!(format_money(4e9, "USD"), "$4B");
        assert_eq!(format_money(13.8e9, "USD"), "$13.8B");
        assert_eq!(format_money(25000.0, "USD"), "$25,000");
        assert_eq!(format_money(1.25e9, "EUR"), "€1.25B");
    }
}
