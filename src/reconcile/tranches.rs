//! Parts that add up: can a total be written as an earlier total plus some
//! tranches, or as a sum of tranches? "$8B = $4B + $4B (2024-11)" turns a
//! disagreement into a running total that grew.

use crate::normalize::Amount;

/// A part available to explain a total.
#[derive(Debug, Clone)]
pub struct Part {
    pub amount: Amount,
    pub label: String,
    /// When the part was stated to happen (ISO prefix), for ordering.
    pub when: Option<String>,
}

/// Most parts we try in combination (2^14 subsets at most).
const MAX_PARTS: usize = 14;

/// Find the smallest explanation of `target`: a base (another total, smaller
/// than it) plus one or more parts, or two or more parts alone. Returns the
/// labels of the base (if any) and the parts. Tolerance: the sum must fall in
/// the target's own interval (its stated precision, or ±5% if approximate).
/// Adding the parts' rounding as well made chance sums fit on busy facts
/// ("$16B = $13.7B + $3B").
pub fn explain(
    target: &Amount,
    bases: &[Part],
    parts: &[Part],
) -> Option<(Option<String>, Vec<String>)> {
    let (lo, hi) = target.interval();
    if !lo.is_finite() || !hi.is_finite() || hi <= 0.0 {
        return None;
    }
    let parts: Vec<&Part> = parts.iter().take(MAX_PARTS).collect();
    let n = parts.len();
    // (number of terms, base, mask, distance from the target's centre):
    // fewest terms first, then the closest sum.
    let mut best: Option<(usize, Option<usize>, u32, f64)> = None;
    let centre = target.central();
    let fits = |sum: f64| sum > lo && sum < hi;
    let better = |best: &Option<(usize, Option<usize>, u32, f64)>, count: usize, err: f64| {
        best.as_ref()
            .is_none_or(|b| count < b.0 || (count == b.0 && err < b.3))
    };
    for mask in 1u32..(1u32 << n) {
        let count = mask.count_ones() as usize;
        let sum: f64 = parts
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, p)| p.amount.central())
            .sum();
        if count >= 2 && fits(sum) && better(&best, count, (sum - centre).abs()) {
            best = Some((count, None, mask, (sum - centre).abs()));
        }
        for (bi, b) in bases.iter().enumerate() {
            let base = b.amount.central();
            if base >= centre {
                continue;
            }
            let total = base + sum;
            let err = (total - centre).abs();
            if fits(total) && better(&best, count + 1, err) {
                best = Some((count + 1, Some(bi), mask, err));
            }
        }
    }
    let (_, base, mask, _) = best?;
    let labels = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, p)| p.label.clone())
        .collect();
    Some((base.map(|b| bases[b].label.clone()), labels))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(v: f64, p: f64, label: &str) -> Part {
        Part {
            amount: Amount::exact(v * 1e9, p * 1e9),
            label: label.into(),
            when: None,
        }
    }

    #[test]
    fn tranches_sum_to_total() {
        let parts = [
            part(1.25, 0.01, "1.25"),
            part(2.75, 0.01, "2.75"),
            part(5.0, 1.0, "5"),
        ];
        let got = explain(&Amount::exact(4e9, 1e9), &[], &parts).unwrap();
        assert_eq!(got, (None, vec!["1.25".to_string(), "2.75".to_string()]));
    }

    #[test]
    fn earlier_total_plus_tranches() {
        let bases = [part(4.0, 1.0, "4 total"), part(8.0, 1.0, "8 total")];
        let parts = [
            part(4.0, 1.0, "4 more"),
            part(5.0, 1.0, "5"),
            part(20.0, 1.0, "20"),
        ];
        let mut roughly = Amount::exact(33e9, 1e9);
        roughly.approx = true;
        let got = explain(&roughly, &bases, &parts).unwrap();
        assert_eq!(
            got,
            (
                Some("8 total".to_string()),
                vec!["5".to_string(), "20".to_string()]
            )
        );
        let got = explain(&Amount::exact(8e9, 1e9), &bases, &parts).unwrap();
        assert_eq!(
            got,
            (Some("4 total".to_string()), vec!["4 more".to_string()])
        );
    }

    #[test]
    fn unexplained_total_gives_none() {
        let parts = [part(1.0, 1.0, "1"), part(2.0, 1.0, "2")];
        assert!(explain(&Amount::exact(50e9, 1e9), &[], &parts).is_none());
    }
}
