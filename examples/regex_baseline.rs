//! The reference for throughput: read the same bytes as `crosscheck run`
//! and run one plain regex for dollar amounts over them, on one thread.
//! What crosscheck costs beyond this is the price of its rules, claims and
//! reports.
//!
//! ```text
//! cargo run --release --example regex_baseline -- DIR
//! ```

use regex::Regex;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: regex_baseline DIR");
        return ExitCode::from(2);
    };
    let paths = match common::files(Path::new(&dir)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot list {dir}: {e}");
            return ExitCode::from(2);
        }
    };
    let re = Regex::new(r"\$\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:trillion|billion|million|bn|[mbk])\b)?")
        .expect("valid regex");
    let t = Instant::now();
    let (mut bytes, mut matches, mut read_time) = (0usize, 0usize, 0f64);
    for p in &paths {
        let r = Instant::now();
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        read_time += r.elapsed().as_secs_f64();
        bytes += text.len();
        matches += re.find_iter(&text).count();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} files, {:.1} MB, {matches} dollar amounts in {secs:.2} s: {:.0} MB/s ({:.2} s of it reading)",
        paths.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        read_time
    );
    ExitCode::SUCCESS
}
