//! Helpers: run the binary, find the repository and ../shared.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    c.current_dir(repo());
    c
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

/// `crosscheck run INPUT --out OUT`.
pub fn run_to(input: &Path, out: &Path) -> Output {
    bin()
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The sample articles in corpus/, in name order.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("corpus"))
        .expect("corpus/ exists")
        .map(|e| e.expect("corpus entry").path())
        .collect();
    files.sort();
    files
}

/// A fresh temporary folder under target/, removed and recreated.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = repo().join("target").join("it-tmp").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `../shared/<sub>`, or the folder in CROSSCHECK_SHARED. In CI (CI=true)
/// a missing folder fails the test; elsewhere the caller skips with a message.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("CROSSCHECK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("..").join("shared"));
    let dir = base.join(sub);
    if dir.is_dir() {
        return Some(dir);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    assert!(
        !ci,
        "CI=true but {} does not exist: the shared data must be beside the repository",
        dir.display()
    );
    // Written to the raw handle, not with eprintln!: the test harness
    // captures the macros' output of passing tests, and this must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {} not found (set CROSSCHECK_SHARED or clone beside ../shared to run this suite)",
        dir.display()
    );
    None
}

pub fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

pub fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).expect("readable")
}

/// facts.json of a run's output folder, parsed.
pub fn facts_json(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&read(&out.join("facts.json"))).expect("facts.json is JSON")
}

/// `crosscheck run INPUT --out OUT`, which must succeed, and its facts.json.
pub fn run_ok(input: &Path, out: &Path) -> (Output, serde_json::Value) {
    let o = run_to(input, out);
    assert!(o.status.success(), "{}", stderr(&o));
    (o, facts_json(out))
}
