//! The incremental store: the state of a corpus between runs, in one
//! SQLite file (by default `crosscheck.db` in the output folder).
//!
//! It keeps each document's content hash with its analysis (mentions as
//! marks, claims as records), so a run reads and hashes every input but
//! analyses only what is new or changed; each finished run's facts, so the
//! next run says what changed; and the reviewers' decisions, which hold
//! until a new claim disagrees with them (see [`review`]).
//!
//! Safety: every write is in a transaction (documents in batches as they
//! are analysed, the end of a run in one), in WAL mode, so a process killed
//! at any moment leaves a store that opens, and the next run redoes only
//! what was not committed. A store is held by one process at a time
//! (SQLite's exclusive locking mode): a second run or review on it fails at
//! once with a message saying so.

pub mod changes;
pub mod review;
mod schema;

pub use changes::{Changes, DocChanges, FactChange};
pub use review::{Action, Decision, Reopened};

use crate::pipeline::{Reuse, RunResult, StoredDoc};
use rusqlite::{params, Connection, ErrorCode, OptionalExtension};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The store's file name in an output folder.
pub const FILE_NAME: &str = "crosscheck.db";

/// Documents written per transaction while a run goes.
const BATCH: usize = 64;

/// What can go wrong with a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store {path} is in use by another crosscheck (a run or a review): wait for it to finish, or give this one another --out or --store")]
    Busy { path: PathBuf },
    #[error("{path} is not a crosscheck store ({reason}); move it away, or give another --store")]
    NotAStore { path: PathBuf, reason: String },
    #[error("the store {path} was written by a newer crosscheck (schema version {found}; this one knows up to {known}): use that version, or another --out or --store")]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("cannot create the folder of the store {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the store {path} has no finished run yet: run `crosscheck run` first")]
    NoRun { path: PathBuf },
    #[error("no run {run} in the store (finished runs: {known})")]
    UnknownRun { run: i64, known: String },
    #[error("no fact {id:?} in the last run{hint}")]
    UnknownFact { id: String, hint: String },
    #[error("{0}")]
    Value(String),
    #[error("the stored analysis of {name} cannot be read: {reason}")]
    Corrupt { name: String, reason: String },
    #[error("store: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

/// Which run a run is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// The last finished run (the default).
    Last,
    /// A run by number.
    Run(i64),
    /// No comparison.
    Never,
}

impl std::str::FromStr for Since {
    type Err = String;
    fn from_str(s: &str) -> Result<Since, String> {
        match s {
            "last" => Ok(Since::Last),
            "none" | "never" => Ok(Since::Never),
            n => n
                .parse::<i64>()
                .map(Since::Run)
                .map_err(|_| format!("{n:?}: expected \"last\", \"none\" or a run number")),
        }
    }
}

/// What a stored run adds to the reports: what changed, and the decisions.
#[derive(Debug, Clone)]
pub struct Review {
    pub store: PathBuf,
    pub run: i64,
    /// How a reviewer names this store on the command line ("--out report").
    pub store_arg: String,
    pub documents: DocChanges,
    pub since: Option<Changes>,
    /// The current decision on each decided fact, by fact id.
    pub decisions: BTreeMap<String, Decision>,
}

impl Review {
    /// The decision that settles fact `id`, if one does (not reopened).
    pub fn settled(&self, id: &str) -> Option<&Decision> {
        self.decisions.get(id).filter(|d| d.reopened.is_none())
    }

    /// The decision on `id` that a new claim reopened, if any.
    pub fn reopened(&self, id: &str) -> Option<&Decision> {
        self.decisions.get(id).filter(|d| d.reopened.is_some())
    }

    /// The command that accepts `value` for fact `id` (for a reviewer to copy).
    pub fn accept_command(&self, id: &str, value: &str) -> String {
        format!(
            "crosscheck review accept {} {} --note \"…\" {}",
            shell_quote(id),
            shell_quote(value),
            self.store_arg
        )
    }

    pub fn dismiss_command(&self, id: &str) -> String {
        format!(
            "crosscheck review dismiss {} --note \"…\" {}",
            shell_quote(id),
            self.store_arg
        )
    }
}

/// Quote for a POSIX shell when needed.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// An open store, held by this process.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    run: Option<i64>,
    reuse: Reuse,
    /// Every stored document: name → (claims, run that extracted it).
    stored: HashMap<String, (usize, i64)>,
    /// Documents saved in the open transaction.
    pending: usize,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (or create) the store at `path`, take it for this process and
    /// bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_at(path, schema::current())
    }

    fn open_at(path: &Path, version: i64) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let classify = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy {
                path: path.to_path_buf(),
            },
            Some(ErrorCode::NotADatabase) => StoreError::NotAStore {
                path: path.to_path_buf(),
                reason: "not a SQLite database".into(),
            },
            _ => StoreError::Sqlite(e),
        };
        let mut conn = Connection::open(path).map_err(classify)?;
        conn.busy_timeout(std::time::Duration::ZERO)
            .map_err(classify)?;
        // Held by this connection until it closes (the OS lets go of it if
        // the process dies); WAL keeps a killed write from tearing a page.
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
            .map_err(classify)?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(classify)?;
        conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
            .map_err(classify)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(classify)?;
        schema::migrate(&mut conn, path, version)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            run: None,
            reuse: Reuse::default(),
            stored: HashMap::new(),
            pending: 0,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Start a run: record it, and learn which documents' analyses can be
    /// reused (same content hash, same rules); `rebuild` reuses none.
    pub fn begin_run(
        &mut self,
        inputs: &str,
        rules: &str,
        rebuild: bool,
    ) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO runs (started, inputs, rules) VALUES (?1, ?2, ?3)",
            params![now(), inputs, rules],
        )?;
        let run = self.conn.last_insert_rowid();
        self.run = Some(run);
        let mut stmt = self
            .conn
            .prepare("SELECT name, hash, rules, claims, run FROM documents")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        for row in rows {
            let (name, hash, doc_rules, claims, extracted) = row?;
            if !rebuild && doc_rules == rules {
                self.reuse.known.insert(name.clone(), hash);
            }
            self.stored
                .insert(name, (claims.max(0) as usize, extracted));
        }
        Ok(run)
    }

    /// The documents whose stored analysis this run may use (handed over
    /// once: the run's workers read it while the store writes).
    pub fn take_reuse(&mut self) -> Reuse {
        std::mem::take(&mut self.reuse)
    }

    /// A document's stored analysis.
    pub fn load(&self, name: &str) -> Result<StoredDoc, StoreError> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT analysis FROM documents WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        let corrupt = |reason: String| StoreError::Corrupt {
            name: name.to_string(),
            reason,
        };
        let text = text.ok_or_else(|| corrupt("not in the store".into()))?;
        let doc: StoredDoc = serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))?;
        for c in &doc.claims {
            c.validate().map_err(|e| corrupt(e.to_string()))?;
        }
        Ok(doc)
    }

    /// Keep a document's analysis (in the run's open batch).
    pub fn save(
        &mut self,
        name: &str,
        hash: &str,
        rules: &str,
        doc: &StoredDoc,
    ) -> Result<(), StoreError> {
        let run = self.run.unwrap_or(0);
        if self.pending == 0 {
            self.conn.execute_batch("BEGIN")?;
        }
        let analysis = serde_json::to_string(doc).map_err(|e| StoreError::Corrupt {
            name: name.to_string(),
            reason: e.to_string(),
        })?;
        self.conn.execute(
            "INSERT INTO documents (name, hash, rules, first_run, run, mentions, claims, analysis)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)
             ON CONFLICT(name) DO UPDATE SET hash = excluded.hash, rules = excluded.rules,
               run = excluded.run, mentions = excluded.mentions, claims = excluded.claims,
               analysis = excluded.analysis",
            params![
                name,
                hash,
                rules,
                run,
                doc.mentions as i64,
                doc.claims.len() as i64,
                analysis
            ],
        )?;
        self.pending += 1;
        if self.pending >= BATCH {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        if self.pending > 0 {
            self.conn.execute_batch("COMMIT")?;
            self.pending = 0;
        }
        Ok(())
    }

    /// End a run: drop the documents no longer in the inputs, keep the
    /// run's facts, weigh the decisions against the new claims, and say
    /// what changed since the run `since` names. All in one transaction.
    pub fn finish_run(
        &mut self,
        result: &RunResult,
        since: Since,
        store_arg: &str,
    ) -> Result<Review, StoreError> {
        self.commit()?;
        let run = self.run.unwrap_or(0);
        let baseline = match since {
            Since::Never => None,
            Since::Last => self.last_finished(Some(run))?,
            Since::Run(n) => {
                if self.finished_at(n)?.is_none() {
                    return Err(StoreError::UnknownRun {
                        run: n,
                        known: self.finished_runs()?,
                    });
                }
                Some(n)
            }
        };
        let mut documents = DocChanges::default();
        let mut seen: HashMap<&str, i64> = HashMap::new();
        for d in &result.documents {
            let Ok(s) = &d.result else { continue };
            let _ = s;
            let was = self.stored.get(&d.name);
            if d.reused {
                documents.unchanged += 1;
                seen.insert(&d.name, was.map_or(run, |w| w.1));
            } else {
                if was.is_some() {
                    documents.changed.push(d.name.clone());
                } else {
                    documents.new.push(d.name.clone());
                }
                seen.insert(&d.name, run);
            }
        }
        let mut removed: Vec<(String, usize)> = self
            .stored
            .iter()
            .filter(|(n, _)| !seen.contains_key(n.as_str()))
            .map(|(n, (claims, _))| (n.clone(), *claims))
            .collect();
        removed.sort();
        documents.removed = removed.clone();

        let snapshot = changes::snapshot(&result.facts);
        let decided = review::load(&self.conn)?;
        let mut decisions = BTreeMap::new();
        let tx = self.conn.transaction()?;
        for (name, claims) in &removed {
            tx.execute("DELETE FROM documents WHERE name = ?1", [name])?;
            tx.execute(
                "INSERT INTO removed (name, run, claims) VALUES (?1, ?2, ?3)",
                params![name, run, *claims as i64],
            )?;
        }
        {
            let mut ins = tx.prepare(
                "INSERT OR REPLACE INTO facts (run, id, title, status, vals) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for f in &snapshot {
                ins.execute(params![run, f.id, f.title, f.status, f.values_json()])?;
            }
        }
        let by_id: HashMap<&str, &changes::FactState> =
            snapshot.iter().map(|f| (f.id.as_str(), f)).collect();
        for mut d in decided {
            if d.reopened.is_none() {
                if let Some(f) = by_id.get(d.fact.as_str()) {
                    if let Some(r) = review::reopens(&d, f, &seen) {
                        tx.execute(
                            "UPDATE decisions SET reopened_by = ?2, reopened_value = ?3, reopened_run = ?4 WHERE fact = ?1",
                            params![d.fact, r.by, r.value, run],
                        )?;
                        d.reopened = Some(Reopened { run, ..r });
                    }
                }
            }
            decisions.insert(d.fact.clone(), d);
        }
        let since = match baseline {
            Some(b) => {
                let before = changes::load_snapshot(&tx, b)?;
                let at = tx
                    .query_row("SELECT finished FROM runs WHERE id = ?1", [b], |r| {
                        r.get::<_, Option<String>>(0)
                    })?
                    .unwrap_or_default();
                Some(changes::diff(b, at, &before, &snapshot))
            }
            None => None,
        };
        tx.execute(
            "UPDATE runs SET finished = ?2, extracted = ?3, unchanged = ?4, removed = ?5 WHERE id = ?1",
            params![
                run,
                now(),
                (documents.new.len() + documents.changed.len()) as i64,
                documents.unchanged as i64,
                removed.len() as i64
            ],
        )?;
        tx.commit()?;
        Ok(Review {
            store: self.path.clone(),
            run,
            store_arg: store_arg.to_string(),
            documents,
            since,
            decisions,
        })
    }

    /// The latest finished run other than `except`.
    fn last_finished(&self, except: Option<i64>) -> Result<Option<i64>, StoreError> {
        Ok(self.conn.query_row(
            "SELECT max(id) FROM runs WHERE finished IS NOT NULL AND id != ?1",
            [except.unwrap_or(-1)],
            |r| r.get(0),
        )?)
    }

    fn finished_at(&self, run: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT finished FROM runs WHERE id = ?1", [run], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten())
    }

    fn finished_runs(&self) -> Result<String, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM runs WHERE finished IS NOT NULL ORDER BY id")?;
        let ids: Vec<String> = stmt
            .query_map([], |r| r.get::<_, i64>(0))?
            .filter_map(|r| r.ok())
            .map(|i| i.to_string())
            .collect();
        Ok(if ids.is_empty() {
            "none".into()
        } else {
            ids.join(", ")
        })
    }

    /// The facts of the last finished run.
    pub fn last_facts(&self) -> Result<(i64, Vec<changes::FactState>), StoreError> {
        let run = self.last_finished(None)?.ok_or_else(|| StoreError::NoRun {
            path: self.path.clone(),
        })?;
        Ok((run, changes::load_snapshot(&self.conn, run)?))
    }

    /// SQLite's own check of the file: "ok", or what is wrong.
    pub fn integrity(&self) -> Result<String, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    pub(crate) fn conn(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// Now, as an ISO 8601 UTC timestamp to the second.
pub fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests;
