//! Corpus generator for throughput measurements (a dev tool, not part of the
//! user CLI): writes N megabytes of realistic articles by recombining the
//! sample corpus's sentences with other entities, amounts and dates.
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR SIZE_MB [SEED]
//! cargo run --release --example gen_corpus -- /tmp/cc-100mb 100
//! ```
//!
//! Deterministic: the same size and seed write the same bytes. How: every
//! sentence of `corpus/` is analysed once with the built-in rules; each
//! mention becomes a slot of its kind (entity, money, date, percentage).
//! An article is about one "deal" drawn from a pool: the deal fixes which
//! company replaces which source entity, scales the amounts and shifts the
//! years, so many articles restate the same facts and some disagree (an
//! amount is sometimes perturbed), as real coverage does. Files go into
//! folders of 1,000 (`000/a0000000.txt`); never commit the output.

#[path = "common/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (dir, mb) = match (
        args.first(),
        args.get(1).and_then(|s| s.parse::<u64>().ok()),
    ) {
        (Some(d), Some(mb)) => (PathBuf::from(d), mb),
        _ => {
            eprintln!("usage: gen_corpus OUT_DIR SIZE_MB [SEED]");
            return ExitCode::from(2);
        }
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42u64);
    match generate::write_corpus(&dir, mb << 20, seed) {
        Ok((n, written)) => {
            println!(
                "wrote {n} articles, {:.1} MB, to {}",
                written as f64 / 1e6,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
