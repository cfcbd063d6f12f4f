//! The `Store`: a pool of connections and the entry points that run operations on it.

use std::time::Duration;

use crate::db::{self, AnyConnection, DatabaseUrl, Manager};
use crate::error::StoreError;
use crate::migrate::{self, MigrationReport};

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Largest number of open connections.
    pub max_connections: u32,
    /// How long an operation waits for a free connection.
    pub acquire_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> StoreOptions {
        StoreOptions {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(30),
        }
    }
}

/// A handle on the database. Cheap to clone; clones share one pool.
#[derive(Clone)]
pub struct Store {
    pool: r2d2::Pool<Manager>,
    url: DatabaseUrl,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the database (creating an SQLite file and its directory if missing) and checks
    /// that its schema is not newer than this build. It does not migrate.
    pub fn open(url: &DatabaseUrl, options: &StoreOptions) -> Result<Store, StoreError> {
        if let DatabaseUrl::Sqlite(path) = url {
            prepare_sqlite_dir(path)?;
        }
        // Connect once outside the pool so that a bad URL fails with its own message.
        let mut first = db::connect(url)?;
        migrate::check(&mut first).or_else(|e| match e {
            // A fresh database has no migrations table yet.
            StoreError::Database(_) => Ok(0),
            other => Err(other),
        })?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(options.max_connections)
            .min_idle(Some(1))
            // Checking a connection with a query on every checkout doubles the cost of a
            // short request; a broken connection is noticed (and replaced) when it fails.
            .test_on_check_out(false)
            .connection_timeout(options.acquire_timeout)
            .error_handler(Box::new(r2d2::LoggingErrorHandler))
            .build(Manager { url: url.clone() })?;
        Ok(Store {
            pool,
            url: url.clone(),
        })
    }

    /// Brings the schema up to date.
    pub fn migrate(&self) -> Result<MigrationReport, StoreError> {
        let mut conn = self.pool.get()?;
        migrate::run(&mut conn)
    }

    /// The database this store talks to.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// True on PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.url.is_postgres()
    }

    /// Runs a write operation in one serializable transaction (retried on conflicts).
    pub(crate) fn write<T>(
        &self,
        op: impl FnMut(&mut AnyConnection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.pool.get()?;
        db::write_transaction(&mut conn, op)
    }

    /// Runs a read operation in one transaction.
    pub(crate) fn read<T>(
        &self,
        op: impl FnOnce(&mut AnyConnection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.pool.get()?;
        db::read_transaction(&mut conn, op)
    }

    /// Checks that the database answers.
    pub fn ping(&self) -> Result<(), StoreError> {
        use diesel::connection::SimpleConnection;
        let mut conn = self.pool.get()?;
        conn.batch_execute("SELECT 1")?;
        Ok(())
    }
}

fn prepare_sqlite_dir(path: &std::path::Path) -> Result<(), StoreError> {
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        StoreError::Config(format!(
            "cannot create the data directory {}: {e}",
            dir.display()
        ))
    })?;
    // SQLite needs to create its -wal and -shm files beside the database.
    let probe = dir.join(".stockroom-write-test");
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|e| {
            StoreError::Config(format!(
                "the data directory {} is not writable: {e}",
                dir.display()
            ))
        })?;
    Ok(())
}
