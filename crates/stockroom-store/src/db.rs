//! Connections, the pool and transactions for both backends.
//!
//! Every store operation runs in exactly one transaction. Writes are serializable on both
//! backends: SQLite takes the write lock up front (`BEGIN IMMEDIATE`, so a reader never has to
//! upgrade and fail), PostgreSQL runs `SERIALIZABLE` and the operation is retried when the
//! server reports a serialization failure or deadlock.

use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::{Connection, PgConnection, SqliteConnection};

use crate::error::StoreError;

/// A connection to either backend. Queries are written once against this type.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

impl std::fmt::Debug for AnyConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AnyConnection::Postgresql(_) => "AnyConnection::Postgresql",
            AnyConnection::Sqlite(_) => "AnyConnection::Sqlite",
        })
    }
}

/// Which database a store talks to, parsed from the `--database` value.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A PostgreSQL URL (`postgres://` or `postgresql://`).
    Postgres(String),
    /// An SQLite database file.
    Sqlite(PathBuf),
}

impl DatabaseUrl {
    /// Reads a database setting: a PostgreSQL URL, `sqlite://PATH`, `sqlite:PATH` or a path.
    pub fn parse(value: &str) -> Result<DatabaseUrl, StoreError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(StoreError::Config("the database setting is empty".into()));
        }
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(value.to_owned()));
        }
        let path = value
            .strip_prefix("sqlite://")
            .or_else(|| value.strip_prefix("sqlite:"))
            .unwrap_or(value);
        if path.contains("://") {
            return Err(StoreError::Config(format!(
                "unsupported database URL {value:?}: use postgres://... or a path to an SQLite file"
            )));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, DatabaseUrl::Postgres(_))
    }

    /// The URL with any password replaced, fit for logs.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => redact_password(url),
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// Opens one connection and prepares it: pragmas on SQLite, time zone on PostgreSQL.
pub(crate) fn connect(url: &DatabaseUrl) -> Result<AnyConnection, StoreError> {
    match url {
        DatabaseUrl::Postgres(url) => {
            let mut conn = PgConnection::establish(url).map_err(|e| {
                StoreError::Connect(format!(
                    "cannot connect to PostgreSQL at {}: {}",
                    redact_password(url),
                    e.to_string().trim()
                ))
            })?;
            conn.batch_execute("SET TIME ZONE 'UTC'")?;
            if tracing::enabled!(target: "stockroom_store::sql", tracing::Level::TRACE) {
                conn.set_instrumentation(SqlTrace::default());
            }
            Ok(AnyConnection::Postgresql(conn))
        }
        DatabaseUrl::Sqlite(path) => {
            let mut conn = open_sqlite(path)?;
            // WAL lets readers run beside the writer; FULL sync keeps every committed
            // transaction across a power cut; the busy timeout queues writers instead of
            // failing them.
            conn.batch_execute(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = FULL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 10000;
                 PRAGMA temp_store = MEMORY;
                 PRAGMA cache_size = -16000;",
            )?;
            if tracing::enabled!(target: "stockroom_store::sql", tracing::Level::TRACE) {
                conn.set_instrumentation(SqlTrace::default());
            }
            Ok(AnyConnection::Sqlite(conn))
        }
    }
}

/// After a write of `rows` rows into `table`: on PostgreSQL, a large write refreshes the
/// table's planner statistics at once. Until autovacuum gets to it, the planner believes
/// the table as small as before and picks sequential scans, which made the serial checks
/// of the next large create quadratic (20,000 serials into 40,000 items: 40 s instead of
/// under one). SQLite plans from its indexes and needs nothing.
pub(crate) fn analyze_after_bulk_write(
    conn: &mut AnyConnection,
    table: &str,
    rows: usize,
) -> Result<(), StoreError> {
    const LARGE: usize = 10_000;
    if rows >= LARGE && matches!(conn, AnyConnection::Postgresql(_)) {
        conn.batch_execute(&format!("ANALYZE {table}"))?;
    }
    Ok(())
}

/// Logs every statement with the time it took, at TRACE under the target
/// `stockroom_store::sql` (`STOCKROOM_LOG=stockroom_store::sql=trace`), to see what a
/// request costs the database. Connections opened while that level is off carry no hook.
#[derive(Debug, Default)]
struct SqlTrace {
    started: Option<std::time::Instant>,
}

impl diesel::connection::Instrumentation for SqlTrace {
    fn on_connection_event(&mut self, event: diesel::connection::InstrumentationEvent<'_>) {
        use diesel::connection::InstrumentationEvent;
        match event {
            InstrumentationEvent::StartQuery { .. } => {
                self.started = Some(std::time::Instant::now());
            }
            InstrumentationEvent::FinishQuery { query, error, .. } => {
                let micros = self.started.take().map_or(0, |t| t.elapsed().as_micros());
                tracing::trace!(
                    target: "stockroom_store::sql",
                    micros,
                    failed = error.is_some(),
                    "{query}"
                );
            }
            _ => {}
        }
    }
}

fn open_sqlite(path: &Path) -> Result<SqliteConnection, StoreError> {
    let text = path.to_str().ok_or_else(|| {
        StoreError::Config(format!(
            "the database path {} is not valid UTF-8",
            path.display()
        ))
    })?;
    SqliteConnection::establish(text).map_err(|e| {
        StoreError::Connect(format!(
            "cannot open the SQLite database {}: {}",
            path.display(),
            e.to_string().trim()
        ))
    })
}

/// The r2d2 manager that opens prepared connections.
#[derive(Debug)]
pub(crate) struct Manager {
    pub(crate) url: DatabaseUrl,
}

impl r2d2::ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = StoreError;

    fn connect(&self) -> Result<AnyConnection, StoreError> {
        connect(&self.url)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        conn.batch_execute("SELECT 1").map_err(StoreError::from)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        // A connection given back inside a transaction (an operation panicked) is discarded.
        AnyConnection::is_broken_transaction_manager(conn)
    }
}

/// Runs `op` in one write transaction, retrying it when PostgreSQL reports a serialization
/// failure or a deadlock (the operation saw a state another transaction changed).
pub(crate) fn write_transaction<T>(
    conn: &mut AnyConnection,
    mut op: impl FnMut(&mut AnyConnection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    const ATTEMPTS: u32 = 12;
    let mut attempt = 0;
    loop {
        attempt += 1;
        match run_once(conn, &mut op) {
            Err(e) if e.is_retryable() && attempt < ATTEMPTS => {
                tracing::debug!(attempt, error = %e, "retrying a write transaction");
                std::thread::sleep(backoff(attempt));
            }
            other => return other,
        }
    }
}

fn backoff(attempt: u32) -> Duration {
    let base = 2u64.saturating_pow(attempt.min(7));
    let jitter = rand::random::<u64>() % (base + 1);
    Duration::from_millis(base + jitter)
}

fn run_once<T>(
    conn: &mut AnyConnection,
    op: &mut impl FnMut(&mut AnyConnection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    match conn {
        AnyConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
        AnyConnection::Postgresql(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN ISOLATION LEVEL SERIALIZABLE")?
        }
    }
    match op(conn) {
        Ok(value) => match AnyConnection::commit_transaction(conn) {
            Ok(()) => Ok(value),
            Err(e) => {
                let _ = AnyConnection::rollback_transaction(conn);
                Err(e.into())
            }
        },
        Err(e) => {
            if let Err(rollback) = AnyConnection::rollback_transaction(conn) {
                tracing::warn!(error = %rollback, "rollback failed");
            }
            Err(e)
        }
    }
}

/// Runs `op` in one read transaction, so that a count and a page agree.
pub(crate) fn read_transaction<T>(
    conn: &mut AnyConnection,
    op: impl FnOnce(&mut AnyConnection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    conn.transaction(op)
}

/// True when PostgreSQL asked for the transaction to be retried.
pub(crate) fn is_retryable(error: &DieselError) -> bool {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => true,
        DieselError::DatabaseError(_, info) => {
            // Deadlocks (40P01) have no kind of their own in diesel.
            info.message().contains("deadlock detected")
        }
        _ => false,
    }
}

/// Runs the same diesel expression on whichever backend `conn` is, for the few statements
/// the multi-backend type cannot express (multi-row `INSERT`). The expression is written
/// once and compiled for each backend.
macro_rules! each_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::AnyConnection::Sqlite($c) => $body,
            $crate::db::AnyConnection::Postgresql($c) => $body,
        }
    };
}
pub(crate) use each_backend;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn database_settings_parse_into_backends() {
        assert!(DatabaseUrl::parse("postgres://u:p@h/db").is_ok_and(|u| u.is_postgres()));
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/x.db").ok(),
            Some(DatabaseUrl::Sqlite(PathBuf::from("/var/lib/x.db")))
        );
        assert_eq!(
            DatabaseUrl::parse("./data/x.db").ok(),
            Some(DatabaseUrl::Sqlite(PathBuf::from("./data/x.db")))
        );
        assert!(DatabaseUrl::parse("mysql://h/db").is_err());
        assert!(DatabaseUrl::parse("  ").is_err());
    }

    #[test]
    fn passwords_never_reach_logs() {
        let url = DatabaseUrl::Postgres("postgres://me:secret@db:5432/x".into());
        assert_eq!(url.redacted(), "postgres://me:***@db:5432/x");
        assert!(!format!("{url:?}").contains("secret"));
    }
}
