//! Conformance runner: crosscheck's extractor on the recognisers' own test
//! data in ../shared/peer, scored per file and class.
//!
//! ```text
//! cargo run --release --example conformance                      # table and figures
//! cargo run --release --example conformance -- --failures CurrencyModel [--limit 50]
//! cargo run --release --example conformance -- --write           # record figures in ACCURACY.md
//! ```
//!
//! Reads CROSSCHECK_PEER, else CROSSCHECK_SHARED/peer, else ../shared/peer;
//! exits 2 with the place it looked when the data is not there.

#[path = "../tests/conformance/mod.rs"]
mod conformance;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let peer = conformance::peer_dir();
    let cases = match conformance::load_all(&peer) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let rules = match crosscheck::rules::RuleSet::builtin() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let eval = conformance::evaluate(&cases, &rules);
    if let Some(file) = value_of("--failures") {
        let limit = value_of("--limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(usize::MAX);
        print!("{}", conformance::render_failures(&eval, &file, limit));
        return ExitCode::SUCCESS;
    }
    print!("{}", conformance::render(&eval));
    if args.iter().any(|a| a == "--write") {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ACCURACY.md");
        match conformance::write_figures(&path, &eval) {
            Ok(()) => println!("\nrecorded in {}", path.display()),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
