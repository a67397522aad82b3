//! Conformance: crosscheck's extractor scored on established recognisers'
//! own English test data (../shared/peer: Microsoft Recognizers-Text specs
//! and Duckling's money corpus).
//!
//! Shared by the ratchet test (`tests/it/conformance.rs`) and the runner
//! that prints tables and failing cases (`examples/conformance.rs`). The
//! scoring follows the data's README: upstream character offsets are mapped
//! to byte offsets (and checked against the expected text), dotnet-skip
//! cases are left out, out-of-scope results (times of day, sets, zones,
//! durations) are "don't care", and in a case that expects nothing every
//! in-scope prediction is a false positive. Each case's reference date is
//! passed as the document date.

#![allow(dead_code)] // each includer uses a different part

mod gold;
mod score;

pub use gold::load_all;
pub use score::{evaluate, Counts, Evaluation, Failure};

use std::path::PathBuf;

/// Where the peer data is: `CROSSCHECK_PEER`, else `CROSSCHECK_SHARED/peer`,
/// else `../shared/peer` beside the repository.
pub fn peer_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("CROSSCHECK_PEER") {
        return PathBuf::from(p);
    }
    let shared = std::env::var_os("CROSSCHECK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    shared.join("peer")
}

/// The figures recorded in ACCURACY.md: `| `key` | 0.953 | … |` rows.
pub fn recorded_figures(accuracy_md: &str) -> Vec<(String, f64)> {
    accuracy_md
        .lines()
        .filter_map(|l| {
            let mut cells = l.trim().strip_prefix('|')?.split('|').map(str::trim);
            let key = cells.next()?.strip_prefix('`')?.strip_suffix('`')?;
            let value: f64 = cells.next()?.parse().ok()?;
            Some((key.to_string(), value))
        })
        .collect()
}

/// What breaks the ratchet: a figure more than `slack` below its recorded
/// value, a figure not recorded, a recorded figure no longer computed.
pub fn ratchet_problems(
    figures: &[(String, f64)],
    recorded: &[(String, f64)],
    slack: f64,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, value) in figures {
        match recorded.iter().find(|(k, _)| k == key) {
            None => problems.push(format!("{key} = {value:.3} is not recorded in ACCURACY.md")),
            Some((_, r)) if *value < r - slack => {
                problems.push(format!("{key} fell to {value:.3} (recorded {r:.3})"))
            }
            Some(_) => {}
        }
    }
    for (k, _) in recorded {
        if !figures.iter().any(|(f, _)| f == k) {
            problems.push(format!(
                "ACCURACY.md records {k}, which the runner no longer computes"
            ));
        }
    }
    problems
}

/// The per-file table, the totals per class and the headline figures.
pub fn render(eval: &Evaluation) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<24} {:<14} {:>5} {:>5} {:>6} {:>6} {:>6} {:>7} {:>7}",
        "file", "class", "gold", "pred", "P", "R", "F1", "ovl F1", "value"
    );
    let row = |s: &mut String, file: &str, class: &str, c: &Counts| {
        let value = if c.valued == 0 {
            "-".to_string()
        } else {
            format!("{:.3}", c.value_accuracy())
        };
        let _ = writeln!(
            s,
            "{:<24} {:<14} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>7.3} {:>7}",
            file,
            class,
            c.gold,
            c.pred,
            c.precision(),
            c.recall(),
            c.f1(),
            c.overlap_f1(),
            value
        );
    };
    for ((file, class), c) in &eval.table {
        row(&mut s, file, class.as_str(), c);
    }
    for (class, c) in &eval.totals {
        row(&mut s, "ALL", class.as_str(), c);
    }
    let _ = writeln!(
        s,
        "\n{} cases scored (dotnet-skip cases left out)\n",
        eval.cases
    );
    for f in eval.figures() {
        let target = match f.target {
            Some(t) if f.value >= t => format!("target {t:.2} met"),
            Some(t) => format!("target {t:.2} NOT MET"),
            None => String::new(),
        };
        let _ = writeln!(s, "{:<28} {:.3}  {target}", f.key, f.value);
    }
    s
}

/// The failing cases of one file, as input / expected / got.
pub fn render_failures(eval: &Evaluation, file: &str, limit: usize) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let failing: Vec<&Failure> = eval
        .failures
        .iter()
        .filter(|f| f.file.eq_ignore_ascii_case(file))
        .collect();
    let _ = writeln!(s, "{} failing cases in {file}", failing.len());
    for f in failing.iter().take(limit) {
        let _ = writeln!(s, "\n{}: {:?}", f.id, f.input);
        for e in &f.expected {
            let _ = writeln!(s, "  expected {e}");
        }
        if f.expected.is_empty() {
            let _ = writeln!(s, "  expected nothing");
        }
        for g in &f.got {
            let _ = writeln!(s, "  got      {g}");
        }
        if f.got.is_empty() {
            let _ = writeln!(s, "  got      nothing");
        }
    }
    s
}

const FIGURES_START: &str = "<!-- figures:start -->";
const FIGURES_END: &str = "<!-- figures:end -->";

/// Replace the figures table between the markers in ACCURACY.md.
pub fn write_figures(path: &std::path::Path, eval: &Evaluation) -> std::io::Result<()> {
    use std::fmt::Write;
    let old = std::fs::read_to_string(path)?;
    let (Some(a), Some(b)) = (old.find(FIGURES_START), old.find(FIGURES_END)) else {
        return Err(std::io::Error::other("the figures markers are missing"));
    };
    let mut table = String::from("\n| figure | recorded | target |\n|---|---:|---|\n");
    for f in eval.figures() {
        let target = match f.target {
            Some(t) if f.value >= t => format!("≥ {t:.2} met"),
            Some(t) => format!("≥ {t:.2} **not met**"),
            None => "—".to_string(),
        };
        let _ = writeln!(table, "| `{}` | {:.3} | {target} |", f.key, f.value);
    }
    let new = format!("{}{table}{}", &old[..a + FIGURES_START.len()], &old[b..]);
    std::fs::write(path, new)
}
