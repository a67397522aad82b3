//! The `crosscheck` binary: parse arguments, run the library, print, and
//! map the outcome to an exit code (0 all processed, 1 some inputs skipped
//! or rule examples failing, 2 nothing could run).

mod cli;

use anyhow::{Context, Result};
use clap::Parser;
use cli::{Cli, ColorChoice, Command, Emit, ReviewAction, RulesAction, StoreArgs};
use crosscheck::extract::{parse_iso_date, DateValue};
use crosscheck::ingest::{self, FieldNames, Given, Inputs};
use crosscheck::pipeline;
use crosscheck::report::{explain, html, json, markdown, terminal};
use crosscheck::rules::{check_examples, check_examples_where, RuleSet};
use crosscheck::split;
use crosscheck::store::{shell_quote, Store};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    let rules = RuleSet::load(&cli.rules, !cli.no_default_rules)?;
    // A user's own rules are checked against their examples on every run
    // (a handful, so cheap): a broken rule is said at once, not found later
    // in a report. `rules test` reports them itself.
    let testing = matches!(
        cli.command,
        Command::Rules {
            action: RulesAction::Test
        }
    );
    if !cli.rules.is_empty() && !testing {
        let (failures, _) = check_examples_where(&rules, |r| !r.is_builtin());
        for f in &failures {
            eprintln!("crosscheck: warning: {f}");
        }
        if !failures.is_empty() {
            eprintln!(
                "crosscheck: warning: {} example(s) of your rules fail; `crosscheck rules test --rules …` lists them",
                failures.len()
            );
        }
    }
    Ok(rules)
}

/// Print each document's JSON lines; report skipped files on stderr.
fn print_lines(docs: &[(String, Result<Vec<String>, String>)]) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut skipped = 0;
    for (name, result) in docs {
        match result {
            Ok(lines) => {
                for line in lines {
                    writeln!(out, "{line}")?;
                }
            }
            Err(reason) => {
                skipped += 1;
                eprintln!("crosscheck: skipped {name}: {reason}");
            }
        }
    }
    out.flush()?;
    Ok(exit_for(skipped))
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
        Command::Run {
            inputs,
            out,
            color,
            store,
            since,
            no_store,
            rebuild,
        } => {
            let mut inputs = inputs_of(&cli, inputs)?;
            let (path, arg) = store_path(out, store);
            inputs.exclude = vec![out.clone(), path.clone()];
            let result = if *no_store {
                pipeline::run_with(&inputs, &rules, pipeline::RunOptions::default())?
            } else {
                let mut store = Store::open(&path)?;
                let listed = inputs
                    .paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" ");
                store.begin_run(&listed, &pipeline::analysis_key(&rules), *rebuild)?;
                let mut result = pipeline::run_stored(
                    &inputs,
                    &rules,
                    pipeline::RunOptions::default(),
                    Some(&mut store),
                )?;
                result.review = Some(store.finish_run(&result, *since, &arg)?);
                result
            };
            write_reports(&result, out, &rules, *color)?;
            Ok(exit_for(result.skipped()))
        }
        Command::Review { action, out, store } => review(action, out, store, &rules),
        Command::Extract {
            inputs,
            records: true,
            files_from,
        } => {
            let fields = fields_of(&cli)?;
            let mut out = std::io::BufWriter::new(stdout.lock());
            let skipped = match files_from {
                Some(list) => {
                    let name = list.display().to_string();
                    let reader = open_or_stdin(list)?;
                    let items = std::io::BufRead::lines(reader)
                        .enumerate()
                        .map(|(i, line)| {
                            match line
                                .map_err(|e| e.to_string())
                                .and_then(|l| Given::parse(&l))
                            {
                                Ok(given) => given.item(),
                                Err(reason) => ingest::Item::Skipped(ingest::Skipped {
                                    name: format!("{name}:{}", i + 1),
                                    reason,
                                }),
                            }
                        });
                    split::extract(items, &fields, &rules, &mut out)?
                }
                None => {
                    let items = ingest::items(inputs, &[])?;
                    split::extract(items.into_iter(), &fields, &rules, &mut out)?
                }
            };
            out.flush()?;
            Ok(exit_for(skipped))
        }
        Command::Files { inputs } => {
            let mut out = std::io::BufWriter::new(stdout.lock());
            for item in ingest::items(inputs, &[])? {
                if matches!(item, ingest::Item::Stream { .. }) {
                    anyhow::bail!("`files` lists folders and files, not standard input");
                }
                writeln!(out, "{}", serde_json::to_string(&Given::of(&item))?)?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Sources { inputs } => {
            let mut gathered = gather(inputs)?;
            let line = split::Line::Sources(Box::new(gathered.sources()?));
            println!("{}", split::line(&line));
            Ok(ExitCode::SUCCESS)
        }
        Command::Reconcile {
            inputs,
            records: true,
            emit,
            out,
        } => {
            let mut gathered = gather(inputs)?;
            let mut lock = std::io::BufWriter::new(stdout.lock());
            match emit {
                Emit::Contests => {
                    for c in gathered.contests()? {
                        writeln!(lock, "{}", split::line(&split::Line::Contest(c)))?;
                    }
                }
                Emit::Facts => {
                    for f in gathered.facts()? {
                        writeln!(lock, "{}", split::line(&split::Line::Fact(Box::new(f))))?;
                    }
                }
                Emit::Run => {
                    let result = gathered.result()?;
                    match out {
                        Some(dir) => {
                            drop(lock);
                            write_reports(&result, dir, &rules, ColorChoice::Auto)?;
                            return Ok(exit_for(result.skipped()));
                        }
                        None => json::write_facts_json(&result, &mut lock)?,
                    }
                }
            }
            lock.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { inputs, .. } => {
            let docs = pipeline::process_with(&inputs_of(&cli, inputs)?, &rules, |doc, a| {
                a.mentions
                    .iter()
                    .map(|m| json::mention_line(&doc.name, &doc.text, m, &rules))
                    .collect::<Vec<_>>()
            })?;
            print_lines(&docs)
        }
        Command::Claims { inputs } => {
            let docs = pipeline::process_with(&inputs_of(&cli, inputs)?, &rules, |doc, a| {
                a.claims
                    .iter()
                    .map(|c| json::claim_line(&doc.name, c, &rules))
                    .collect::<Vec<_>>()
            })?;
            print_lines(&docs)
        }
        Command::Reconcile { inputs, .. } => {
            let result = pipeline::run_with(
                &inputs_of(&cli, inputs)?,
                &rules,
                pipeline::RunOptions::default(),
            )?;
            let mut lock = stdout.lock();
            lock.write_all(json::facts_json(&result).as_bytes())?;
            for d in &result.documents {
                if let Err(reason) = &d.result {
                    eprintln!("crosscheck: skipped {}: {reason}", d.name);
                }
            }
            Ok(exit_for(result.skipped()))
        }
        Command::Explain { inputs, date, all } => {
            explain(inputs, date.as_deref(), *all, &rules, &fields_of(&cli)?)
        }
        Command::Text { inputs, meta } => text(inputs, *meta, &rules, &fields_of(&cli)?),
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
            action: RulesAction::List { table },
        } => {
            let mut lock = stdout.lock();
            lock.write_all(rules_list(&rules, table.as_deref()).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Write report.md, report.html and facts.json to `out` and print the
/// terminal summary.
fn write_reports(
    result: &pipeline::RunResult,
    out: &std::path::Path,
    rules: &RuleSet,
    color: ColorChoice,
) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let md = out.join("report.md");
    std::fs::write(&md, markdown::render(result, &rules.origin))
        .with_context(|| format!("cannot write {}", md.display()))?;
    let page = out.join("report.html");
    std::fs::write(&page, html::render(result, &rules.origin))
        .with_context(|| format!("cannot write {}", page.display()))?;
    let facts = out.join("facts.json");
    std::fs::File::create(&facts)
        .and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            json::write_facts_json(result, &mut w)?;
            w.flush()
        })
        .with_context(|| format!("cannot write {}", facts.display()))?;
    let stdout = std::io::stdout();
    let color = use_color(color, stdout.is_terminal());
    let text = terminal::render(result, Some(&out.display().to_string()), color);
    let _ = stdout.lock().write_all(text.as_bytes());
    Ok(())
}

/// A file, or standard input for `-`.
fn open_or_stdin(path: &std::path::Path) -> Result<Box<dyn std::io::BufRead>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    let f = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Box::new(std::io::BufReader::new(f)))
}

/// Every record line of the inputs: files, `-` for standard input, and
/// folders (their files in name order, leaving out hidden ones and a
/// job's marker files such as `_SUCCESS`).
fn gather(inputs: &[PathBuf]) -> Result<split::Gathered> {
    let mut gathered = split::Gathered::default();
    for input in inputs {
        let files = if input.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(input)
                .with_context(|| format!("cannot read {}", input.display()))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && !p
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with(['.', '_']))
                })
                .collect();
            files.sort();
            files
        } else {
            vec![input.clone()]
        };
        for f in files {
            let reader = open_or_stdin(&f)?;
            gathered.read(&f.display().to_string(), reader)?;
        }
    }
    Ok(gathered)
}

/// The store's path, and how a reviewer names it on the command line.
fn store_path(out: &std::path::Path, store: &StoreArgs) -> (PathBuf, String) {
    match &store.store {
        Some(p) => (
            p.clone(),
            format!("--store {}", shell_quote(&p.display().to_string())),
        ),
        None => (
            out.join(crosscheck::store::FILE_NAME),
            format!("--out {}", shell_quote(&out.display().to_string())),
        ),
    }
}

/// `review accept|dismiss|list`.
fn review(
    action: &ReviewAction,
    out: &std::path::Path,
    store: &StoreArgs,
    rules: &RuleSet,
) -> Result<ExitCode> {
    let (path, _) = store_path(out, store);
    if !path.exists() {
        anyhow::bail!(
            "no store at {}: run `crosscheck run … --out {}` first (or give --store)",
            path.display(),
            out.display()
        );
    }
    let mut store = Store::open(&path)?;
    match action {
        ReviewAction::Accept { fact, value, note } => {
            let (d, warning) = store.accept(fact, value, note, rules)?;
            if let Some(w) = warning {
                eprintln!("crosscheck: warning: {w}");
            }
            println!("{}: {}", d.fact, d.describe());
        }
        ReviewAction::Dismiss { fact, note } => {
            let d = store.dismiss(fact, note)?;
            println!("{}: {}", d.fact, d.describe());
        }
        ReviewAction::List => {
            let all = store.decisions()?;
            if all.is_empty() {
                println!("no decisions in {}", path.display());
            }
            for (d, fact) in all {
                let state = match (&d.reopened, &fact) {
                    (Some(r), _) => format!("REOPENED by {} ({}) in run {}", r.by, r.value, r.run),
                    (None, Some(f)) => format!("settled (now: {}, {})", f.status, f.shown()),
                    (None, None) => "settled (the fact is no longer in the last run)".into(),
                };
                println!("{}\n  {}\n  {state}", d.fact, d.describe());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `rules list`: one line per rule in force (table, name, where it is
/// defined, what it replaces), then the rules turned off and by what.
fn rules_list(rules: &RuleSet, table: Option<&str>) -> String {
    let mut out = format!("rules in force ({}):\n", rules.origin);
    let shown = |t: &str| table.is_none_or(|want| want == t);
    let mut overridden = 0;
    for r in rules.rules.iter().filter(|r| shown(r.table)) {
        out.push_str(&format!(
            "  {:<11} {:<28} {}:{}",
            r.table, r.name, r.file, r.line
        ));
        if let Some(below) = &r.overrides {
            overridden += 1;
            out.push_str(&format!("  (overrides {below})"));
        }
        out.push('\n');
    }
    let disabled: Vec<_> = rules.disabled.iter().filter(|d| shown(d.table)).collect();
    if !disabled.is_empty() {
        out.push_str("disabled:\n");
        for d in &disabled {
            out.push_str(&format!(
                "  {:<11} {:<28} {}  (by {}{})\n",
                d.table,
                d.name,
                d.defined_at,
                d.disabled_at,
                d.reason
                    .as_ref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default()
            ));
        }
    }
    let count = rules.rules.iter().filter(|r| shown(r.table)).count();
    out.push_str(&format!(
        "{count} rules, {overridden} overriding a lower layer, {} disabled\n",
        disabled.len()
    ));
    out
}

/// The JSON field names with the user's `--field` options first.
fn fields_of(cli: &Cli) -> Result<FieldNames> {
    let mut fields = FieldNames::default();
    for spec in &cli.fields {
        fields.prefer(spec).map_err(anyhow::Error::msg)?;
    }
    Ok(fields)
}

fn inputs_of(cli: &Cli, paths: &[std::path::PathBuf]) -> Result<Inputs> {
    Ok(Inputs {
        paths: paths.to_vec(),
        fields: fields_of(cli)?,
        exclude: Vec::new(),
    })
}

/// The file an argument names and, for FILE#ID, the record wanted (the
/// whole argument, as records are named); `None` when it names no file. A
/// file whose own name holds '#' is taken whole.
fn named_file(arg: &str) -> Option<(&str, Option<&str>)> {
    if std::path::Path::new(arg).is_file() {
        return Some((arg, None));
    }
    let (file, _) = arg.rsplit_once('#')?;
    std::path::Path::new(file)
        .is_file()
        .then_some((file, Some(arg)))
}

/// The documents an argument names: every article of FILE, or the record
/// FILE#ID; skipped ones are said on stderr and counted.
fn documents_named(
    arg: &str,
    fields: &FieldNames,
    skipped: &mut usize,
) -> Result<Vec<ingest::Document>> {
    let Some((file, want)) = named_file(arg) else {
        anyhow::bail!("no file named {arg}");
    };
    let file_path = std::path::Path::new(file);
    let mut docs = Vec::new();
    let wanted = |name: &str| want.is_none_or(|w| w == name);
    let mut skip = |s: ingest::Skipped| {
        *skipped += 1;
        eprintln!("crosscheck: skipped {}: {}", s.name, s.reason);
    };
    for record in ingest::open(&ingest::input_file(file_path), fields) {
        // Only the wanted records are read (a page is parsed here).
        match record {
            Ok(raw) if wanted(&raw.name) => {
                let name = raw.name.clone();
                match raw.prepare() {
                    Ok(doc) => docs.push(doc),
                    Err(reason) => skip(ingest::Skipped { name, reason }),
                }
            }
            Err(s) if wanted(&s.name) => skip(s),
            Ok(_) | Err(_) => {}
        }
    }
    if let Some(w) = want {
        if docs.is_empty() && *skipped == 0 {
            anyhow::bail!(
                "{file} holds no record named {w} (`crosscheck text --meta {file}` lists them)"
            );
        }
    }
    Ok(docs)
}

/// `text`: the text crosscheck analyses, exactly; with several documents,
/// each after a `==> name <==` line.
fn text(inputs: &[String], meta: bool, rules: &RuleSet, fields: &FieldNames) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut skipped = 0;
    let mut docs = Vec::new();
    for arg in inputs {
        docs.extend(documents_named(arg, fields, &mut skipped)?);
    }
    for doc in &docs {
        if meta {
            let (date, from) = pipeline::document_dating(doc, rules);
            writeln!(
                out,
                "{}",
                json::meta_line(doc, date.as_ref(), from.as_deref())
            )?;
        } else if docs.len() == 1 {
            out.write_all(doc.text.as_bytes())?;
        } else {
            writeln!(out, "==> {} <==\n{}\n", doc.name, doc.text)?;
        }
    }
    out.flush()?;
    Ok(exit_for(skipped))
}

/// `explain`: each argument that names a file is an article; the others,
/// joined by spaces, are one text.
fn explain(
    inputs: &[String],
    date: Option<&str>,
    all: bool,
    rules: &RuleSet,
    fields: &FieldNames,
) -> Result<ExitCode> {
    let doc_date = match date {
        Some(d) => Some(
            parse_iso_date(d)
                .with_context(|| format!("--date {d:?} is not a date like 2024-11-22"))?,
        ),
        None => None,
    };
    let mut texts: Vec<(Option<String>, String, Option<DateValue>)> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut skipped = 0;
    for input in inputs {
        let path = std::path::Path::new(input);
        if named_file(input).is_some() {
            for doc in documents_named(input, fields, &mut skipped)? {
                let dated = pipeline::metadata_date(&doc.meta, rules);
                texts.push((Some(doc.name), doc.text, dated));
            }
        } else {
            let looks_like_path = !input.contains(char::is_whitespace)
                && (input.contains('/') || path.extension().is_some_and(|e| e.len() <= 5));
            if looks_like_path {
                eprintln!("crosscheck: note: no file named {input}; explaining it as text");
            }
            words.push(input);
        }
    }
    if !words.is_empty() {
        texts.push((None, words.join(" "), None));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (name, text, meta_date) in &texts {
        if let Some(name) = name {
            writeln!(out, "== {name}")?;
        }
        let a = pipeline::analyze(text, rules, doc_date.clone().or(meta_date.clone()));
        out.write_all(explain::render(text, &a, rules, all).as_bytes())?;
    }
    out.flush()?;
    Ok(exit_for(skipped))
}

/// Colour only on a terminal (or when asked), and never with NO_COLOR set
/// to anything non-empty (https://no-color.org).
fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color
        && match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal,
        }
}
