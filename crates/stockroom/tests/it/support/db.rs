//! A fresh, migrated database per test: a temporary SQLite file, or a PostgreSQL database
//! cloned from a migrated template on the server named by `STOCKROOM_TEST_POSTGRES_URL`
//! and dropped when the test ends.

use std::sync::OnceLock;

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use stockroom_store::{DatabaseUrl, Store, StoreOptions};

/// The environment variable naming a PostgreSQL server for tests.
pub const POSTGRES_ENV: &str = "STOCKROOM_TEST_POSTGRES_URL";

/// Which backend a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test.
pub struct TestDb {
    pub store: Store,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { server: String, name: String },
}

/// The server URL with its path replaced by `database`.
pub fn with_database(server: &str, database: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{database}{query}", &base[..host_end])
}

fn admin(server: &str) -> PgConnection {
    PgConnection::establish(&with_database(server, "postgres"))
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {server}: {e}"))
}

/// Creates (once per test process) a migrated template database and returns its name.
fn template(server: &str) -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        sweep_stale(server);
        let name = format!("stockroom_tpl_{}_{}", std::process::id(), rand_suffix());
        admin(server)
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let url = DatabaseUrl::parse(&with_database(server, &name)).unwrap();
        let store = Store::open(&url, &StoreOptions::default()).unwrap();
        store.migrate().unwrap();
        drop(store);
        name
    })
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    datname: String,
}

/// Drops test databases left by test processes that are gone (killed before cleaning up).
/// Their names carry the process id, which is checked in `/proc`.
fn sweep_stale(server: &str) {
    if !std::path::Path::new("/proc/self").exists() {
        return;
    }
    let mut conn = admin(server);
    let names: Vec<Name> = diesel::RunQueryDsl::load(
        diesel::sql_query("SELECT datname FROM pg_database WHERE datname LIKE 'stockroom\\_t%'"),
        &mut conn,
    )
    .unwrap_or_default();
    for Name { datname } in names {
        let pid = datname
            .split('_')
            .nth(2)
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {datname} WITH (FORCE)"));
        }
    }
}

fn rand_suffix() -> String {
    stockroom_store::auth::new_secret(4)
}

impl TestDb {
    /// The PostgreSQL URL of this database, for a server process of its own.
    pub fn postgres_url(&self) -> Option<String> {
        match &self.cleanup {
            Cleanup::Postgres { server, name } => Some(with_database(server, name)),
            Cleanup::Sqlite(_) => None,
        }
    }

    /// A fresh database on `backend`, or `None` (with a notice) when PostgreSQL is not
    /// configured.
    pub fn new(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => Some(TestDb::sqlite()),
            Backend::Postgres => match std::env::var(POSTGRES_ENV) {
                Ok(server) if !server.trim().is_empty() => Some(TestDb::postgres(&server)),
                _ => {
                    eprintln!("skipped: set {POSTGRES_ENV} to run this test on PostgreSQL");
                    None
                }
            },
        }
    }

    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("test.db"));
        let store = Store::open(&url, &StoreOptions::default()).unwrap();
        store.migrate().unwrap();
        TestDb {
            store,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    pub fn postgres(server: &str) -> TestDb {
        let template = template(server);
        let name = format!("stockroom_test_{}_{}", std::process::id(), rand_suffix());
        // Cloning a template fails while anyone is connected to it; retry briefly.
        let mut admin = admin(server);
        let mut attempts = 0;
        loop {
            match admin.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}")) {
                Ok(()) => break,
                Err(_) if attempts < 50 => {
                    attempts += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => panic!("cannot create test database: {e}"),
            }
        }
        let url = DatabaseUrl::parse(&with_database(server, &name)).unwrap();
        let store = Store::open(&url, &StoreOptions::default()).unwrap();
        TestDb {
            store,
            cleanup: Cleanup::Postgres {
                server: server.to_owned(),
                name,
            },
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Cleanup::Postgres { server, name } = &self.cleanup
            && let Ok(mut conn) = PgConnection::establish(&with_database(server, "postgres"))
        {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

/// Declares a test that runs once on SQLite and once on PostgreSQL (skipped with a notice
/// when no server is configured).
#[macro_export]
macro_rules! both_backends {
    ($(#[$meta:meta])* fn $name:ident($db:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn run($db: &$crate::support::TestDb) $body

            #[test]
            fn sqlite() {
                let db = $crate::support::TestDb::new($crate::support::db::Backend::Sqlite).unwrap();
                run(&db);
            }

            #[test]
            fn postgres() {
                if let Some(db) = $crate::support::TestDb::new($crate::support::db::Backend::Postgres) {
                    run(&db);
                }
            }
        }
    };
}

#[test]
fn server_urls_get_the_database_name() {
    assert_eq!(
        with_database("postgres://u@h:5432", "x"),
        "postgres://u@h:5432/x"
    );
    assert_eq!(
        with_database("postgres://u@h:5432/postgres", "x"),
        "postgres://u@h:5432/x"
    );
    assert_eq!(
        with_database("postgres://u@h/db?sslmode=disable", "x"),
        "postgres://u@h/x?sslmode=disable"
    );
}
