//! The `crosscheck` binary: parse arguments, run the library, print, and
//! map the outcome to an exit code (0 all processed, 1 some inputs skipped
//! or rule examples failing, 2 nothing could run).

mod cli;

use anyhow::{Context, Result};
use clap::Parser;
use cli::{Cli, Command, RulesAction};
use crosscheck::pipeline;
use crosscheck::report::{json, markdown, terminal};
use crosscheck::rules::{check_examples, RuleSet};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("crosscheck: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn load_rules(cli: &Cli) -> Result<RuleSet> {
    Ok(match &cli.rules {
        Some(dir) => RuleSet::from_dir(dir)?,
        None => RuleSet::builtin()?,
    })
}

fn exit_for(skipped: usize) -> ExitCode {
    if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(n) = cli.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot set up worker threads")?;
    }
    let rules = load_rules(&cli)?;
    let stdout = std::io::stdout();
    match &cli.command {
        Command::Run { inputs, out } => {
            let result = pipeline::run(inputs, &rules)?;
            std::fs::create_dir_all(out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            let md = out.join("report.md");
            std::fs::write(&md, markdown::render(&result, &rules.origin))
                .with_context(|| format!("cannot write {}", md.display()))?;
            let facts = out.join("facts.json");
            std::fs::write(&facts, json::facts_json(&result))
                .with_context(|| format!("cannot write {}", facts.display()))?;
            let text = terminal::render(&result, Some(&out.display().to_string()));
            let mut lock = stdout.lock();
            let _ = lock.write_all(text.as_bytes());
            Ok(exit_for(result.skipped()))
        }
        Command::Extract { inputs } => {
            let docs = pipeline::process(inputs, &rules)?;
            let listing = crosscheck::ingest::list(inputs)?;
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let mut skipped = 0;
            for d in &docs {
                match &d.result {
                    Ok(summary) => {
                        // Re-read the text for the mention's exact bytes.
                        let file = listing
                            .files
                            .iter()
                            .find(|f| f.name == d.name)
                            .expect("listed");
                        let text = crosscheck::ingest::read(file).map_err(anyhow::Error::msg)?;
                        for m in &summary.mentions {
                            writeln!(lock, "{}", json::mention_line(&d.name, &text, m, &rules))?;
                        }
                    }
                    Err(reason) => {
                        skipped += 1;
                        eprintln!("crosscheck: skipped {}: {reason}", d.name);
                    }
                }
            }
            lock.flush()?;
            Ok(exit_for(skipped))
        }
        Command::Claims { inputs } => {
            let docs = pipeline::process(inputs, &rules)?;
            let mut lock = std::io::BufWriter::new(stdout.lock());
            let mut skipped = 0;
            for d in &docs {
                match &d.result {
                    Ok(summary) => {
                        for c in &summary.claims {
                            writeln!(lock, "{}", json::claim_line(&d.name, c, &rules))?;
                        }
                    }
                    Err(reason) => {
                        skipped += 1;
                        eprintln!("crosscheck: skipped {}: {reason}", d.name);
                    }
                }
            }
            lock.flush()?;
            Ok(exit_for(skipped))
        }
        Command::Reconcile { inputs } => {
            let result = pipeline::run(inputs, &rules)?;
            let mut lock = stdout.lock();
            lock.write_all(json::facts_json(&result).as_bytes())?;
            for d in &result.documents {
                if let Err(reason) = &d.result {
                    eprintln!("crosscheck: skipped {}: {reason}", d.name);
                }
            }
            Ok(exit_for(result.skipped()))
        }
        Command::Rules {
            action: RulesAction::Test,
        } => {
            let (failures, count) = check_examples(&rules);
            if failures.is_empty() {
                println!(
                    "rules test: {} rules, {count} examples, all pass ({})",
                    rules.rules.len(),
                    rules.origin
                );
                Ok(ExitCode::SUCCESS)
            } else {
                for f in &failures {
                    eprintln!("{f}");
                }
                eprintln!(
                    "rules test: {} of {count} examples failed ({})",
                    failures.len(),
                    rules.origin
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::Rules {
            action: RulesAction::List,
        } => {
            let mut lock = stdout.lock();
            for r in &rules.rules {
                writeln!(lock, "{:<10} {:<28} {}:{}", r.table, r.name, r.file, r.line)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
