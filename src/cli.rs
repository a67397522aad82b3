//! Command-line arguments (clap) → what to do.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Extract money, dates and entities from news articles, build claims, and
/// show where sources disagree.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// A folder of your own rules, layered on the built-in ones: a rule
    /// with a built-in rule's name replaces it, [[disable]] turns one off,
    /// any other rule is added. Repeat to stack folders.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the --rules folders, not the built-in rules.
    #[arg(long, global = true, requires = "rules")]
    pub no_default_rules: bool,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// Which field of a JSON record holds what, tried before the usual
    /// names: KIND is id, title, text, date, source or url; NAME may be a
    /// dotted path (source.name) or a comma-separated list. Repeatable.
    #[arg(long = "field", global = true, value_name = "KIND=NAME")]
    pub fields: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Process a folder of articles and write report.md and facts.json.
    Run {
        /// Folder (or files) of articles: .txt, .md, saved web pages
        /// (.html, .htm), JSON lines (.jsonl, .ndjson) or JSON (.json).
        #[arg(default_value = "corpus")]
        inputs: Vec<PathBuf>,
        /// Where to write the report.
        #[arg(long, default_value = "report", value_name = "DIR")]
        out: PathBuf,
        /// Colour in the summary: auto (on a terminal), always, never.
        /// NO_COLOR in the environment turns it off in every case.
        #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
        color: ColorChoice,
        #[command(flatten)]
        store: StoreArgs,
        /// Compare with an earlier run and say what changed: "last" (the
        /// last finished run), a run number, or "none".
        #[arg(long, default_value = "last", value_name = "RUN")]
        since: crosscheck::store::Since,
        /// Keep no store: analyse everything, remember nothing.
        #[arg(long, conflicts_with_all = ["store", "rebuild"])]
        no_store: bool,
        /// Analyse every document again even if the store has it (the store
        /// is rewritten; decisions are kept).
        #[arg(long)]
        rebuild: bool,
    },
    /// Settle facts: accept a value or dismiss a fact, so later runs show it
    /// as settled (until a new claim disagrees), or list the decisions.
    Review {
        #[command(subcommand)]
        action: ReviewAction,
        /// The report folder whose store to use.
        #[arg(long, default_value = "report", value_name = "DIR", global = true)]
        out: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Print every mention as a JSON line (byte offsets into each file);
    /// with --records, the map step of a split run (see `reconcile
    /// --records`).
    Extract {
        /// Folders and files; `-` reads articles as JSON lines on standard
        /// input (named stdin#id or stdin#line).
        #[arg(required_unless_present = "files_from")]
        inputs: Vec<PathBuf>,
        /// Print records instead of mentions: per document a `document`
        /// (or `skipped`) line, then a `claim` line per claim with its
        /// partition key — what `reconcile --records` reads.
        #[arg(long)]
        records: bool,
        /// Read the files to process from FILE (`-`: standard input), one
        /// JSON line each as `crosscheck files` writes them: {"name", and
        /// "path", "base64" or "text"}.
        #[arg(long, value_name = "FILE", requires = "records")]
        files_from: Option<PathBuf>,
    },
    /// List the files a run over INPUTS reads, in its order, one JSON line
    /// each ({"name","path"}, or {"name","skipped"} with the reason): what
    /// `extract --records --files-from` reads, for handing a corpus out
    /// to many machines.
    Files {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// The corpus-wide step of a split run: from `document` and `contest`
    /// records (files, or `-` for standard input), one `sources` line: the
    /// copies among all documents and every source's agreement score.
    Sources {
        #[arg(required = true, value_name = "RECORDS")]
        inputs: Vec<PathBuf>,
    },
    /// Print every claim as a JSON line (who, what, whom, value, scope, as of).
    Claims {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// Print the reconciled facts as JSON; with --records, reconcile
    /// records from `extract --records` (a split run's reduce steps).
    Reconcile {
        /// Folders and files of articles; with --records, record files
        /// (`-`: standard input).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The inputs are record lines, not articles.
        #[arg(long)]
        records: bool,
        /// With --records, what to print: `contests` (step 1, per
        /// partition of claim keys), `facts` (step 3: fact lines, judged
        /// with the `sources` line among the inputs), or `run` (the facts
        /// JSON from documents with either claims or fact lines).
        #[arg(long, value_enum, default_value = "run", requires = "records")]
        emit: Emit,
        /// With --records and --emit run: write facts.json, report.md and
        /// report.html to DIR and print the summary, as `run` does.
        #[arg(long, value_name = "DIR", requires = "records")]
        out: Option<PathBuf>,
    },
    /// Show what the rules make of a sentence or a file: each mention with
    /// its rule and value, each claim with its parts, and why a value formed
    /// no claim.
    Explain {
        /// Text to explain, or the path of an article (an argument that
        /// names an existing file is read as one).
        #[arg(required = true, value_name = "TEXT|FILE")]
        inputs: Vec<String>,
        /// Document date (YYYY-MM-DD) for relative and year-less dates;
        /// default: the date the text states in its header, if any.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Show every sentence with a mention, not only those with a value.
        #[arg(long)]
        all: bool,
    },
    /// Print the text crosscheck reads from a file (a web page's article
    /// text, a JSON record's title and body): the text every offset refers
    /// to. FILE#ID picks one record of a JSON-lines or JSON file.
    Text {
        #[arg(required = true, value_name = "FILE[#ID]")]
        inputs: Vec<String>,
        /// Print each document's metadata (title, source, address, date and
        /// where each came from) as a JSON line instead of its text.
        #[arg(long)]
        meta: bool,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Check every rule's examples; fails naming the file, line and rule.
    Test,
    /// List the rules in force, where each comes from, and what a --rules
    /// folder overrides or disables.
    List {
        /// Only rules of this table (pattern, entity, trigger, cue, …).
        #[arg(long)]
        table: Option<String>,
    },
}

/// Where the store is.
#[derive(Debug, clap::Args)]
pub struct StoreArgs {
    /// The store (a SQLite file) that keeps documents, facts and decisions
    /// between runs [default: crosscheck.db in the --out folder].
    #[arg(long, value_name = "FILE", global = true)]
    pub store: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// Accept VALUE as the figure to print for FACT (an id from the report,
    /// or the start of one).
    Accept {
        fact: String,
        /// As the report shows it ("$8B") or as written ("$8 billion").
        value: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Dismiss FACT: not a disagreement worth a look.
    Dismiss {
        fact: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List the decisions and whether each still holds.
    List,
}

/// What `reconcile --records` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    Contests,
    Facts,
    Run,
}

/// When to colour the terminal summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
