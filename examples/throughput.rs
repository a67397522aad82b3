//! Extraction throughput on a folder, on 1 thread and on 2 (or the counts
//! given): every article is read once into memory first, so that what is
//! timed is the analysis (tokenize, extract, claims), not the disk.
//!
//! ```text
//! cargo run --release --example gen_corpus -- /tmp/cc-100mb 100
//! cargo run --release --example throughput -- /tmp/cc-100mb [THREADS…]
//! ```
//!
//! Prints MB/s, documents/s, mentions/s and claims/s per thread count, and
//! the speed-up over the first count.

use crosscheck::pipeline::analyze;
use crosscheck::rules::RuleSet;
use rayon::prelude::*;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[path = "common/mod.rs"]
mod common;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: throughput DIR [THREADS…]");
        return ExitCode::from(2);
    };
    let mut threads: Vec<usize> = args[1..].iter().filter_map(|a| a.parse().ok()).collect();
    if threads.is_empty() {
        threads = vec![1, 2];
    }
    let paths = match common::files(Path::new(dir)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot list {dir}: {e}");
            return ExitCode::from(2);
        }
    };
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = RuleSet::builtin().expect("built-in rules compile");
    println!(
        "{} documents, {:.1} MB (analysis only: tokenize, extract, claims)",
        texts.len(),
        bytes as f64 / 1e6
    );
    println!("threads  seconds    MB/s   docs/s  mentions/s  claims/s  speed-up");
    let mut first = None;
    for n in threads {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .expect("thread pool");
        let t = Instant::now();
        let (mentions, claims) = pool.install(|| {
            texts
                .par_iter()
                .map(|t| {
                    let a = analyze(t, &rules, None);
                    (a.mentions.len(), a.claims.len())
                })
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        });
        let s = t.elapsed().as_secs_f64();
        let base = *first.get_or_insert(s);
        println!(
            "{n:>7} {s:>8.2} {:>7.2} {:>8.0} {:>11.0} {:>9.0} {:>8.2}×",
            bytes as f64 / 1e6 / s,
            texts.len() as f64 / s,
            mentions as f64 / s,
            claims as f64 / s,
            base / s
        );
    }
    ExitCode::SUCCESS
}
