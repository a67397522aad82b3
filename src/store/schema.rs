//! The store's tables, as numbered migrations. A store records its schema
//! version (`PRAGMA user_version`) and crosscheck's mark
//! (`PRAGMA application_id`); opening one applies the missing migrations in
//! one transaction, and refuses a store from a newer crosscheck or a
//! database that is not a store, rather than misread either.

use super::StoreError;
use rusqlite::Connection;
use std::path::Path;

/// "ccst": marks a SQLite file as a crosscheck store.
pub const APPLICATION_ID: i32 = 0x6363_7374;

/// Each migration takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: documents by name with the content hash and analysis (mentions as
    // marks, claims as records) of their last extraction, and the runs.
    "CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        inputs TEXT NOT NULL,
        rules TEXT NOT NULL,
        extracted INTEGER,
        unchanged INTEGER,
        removed INTEGER
     );
     CREATE TABLE documents (
        name TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        rules TEXT NOT NULL,
        first_run INTEGER NOT NULL,
        run INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        claims INTEGER NOT NULL,
        analysis TEXT NOT NULL
     );
     CREATE TABLE removed (
        name TEXT NOT NULL,
        run INTEGER NOT NULL,
        claims INTEGER NOT NULL
     );",
    // 2: each finished run's facts, and the reviewers' decisions (the
    // current one per fact, and every one ever made).
    "CREATE TABLE facts (
        run INTEGER NOT NULL,
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        vals TEXT NOT NULL,
        PRIMARY KEY (run, id)
     );
     CREATE TABLE decisions (
        fact TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        value TEXT,
        low REAL,
        high REAL,
        note TEXT NOT NULL,
        decided TEXT NOT NULL,
        run INTEGER NOT NULL,
        values_then TEXT NOT NULL,
        reopened_by TEXT,
        reopened_value TEXT,
        reopened_run INTEGER
     );
     CREATE TABLE decision_log (
        id INTEGER PRIMARY KEY,
        fact TEXT NOT NULL,
        action TEXT NOT NULL,
        value TEXT,
        note TEXT NOT NULL,
        at TEXT NOT NULL,
        run INTEGER NOT NULL
     );",
];

/// The version this crosscheck writes.
pub fn current() -> i64 {
    MIGRATIONS.len() as i64
}

/// Bring the store at `path` to version `upto` (at most [`current`]).
pub fn migrate(conn: &mut Connection, path: &Path, upto: i64) -> Result<(), StoreError> {
    let not_a_store = |reason: String| StoreError::NotAStore {
        path: path.to_path_buf(),
        reason,
    };
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| not_a_store(e.to_string()))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app != APPLICATION_ID {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if app != 0 || tables > 0 {
            return Err(not_a_store(
                "a SQLite database, but not one crosscheck wrote".into(),
            ));
        }
    }
    if version > current() {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: version,
            known: current(),
        });
    }
    if version >= upto {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for step in &MIGRATIONS[version as usize..upto as usize] {
        tx.execute_batch(step)?;
    }
    tx.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {upto};"
    ))?;
    tx.commit()?;
    Ok(())
}
