//! Stockroom's persistence layer.
//!
//! One set of business operations, written once with diesel, runs on SQLite (the default)
//! and on PostgreSQL. Each public operation owns its transaction; callers never hold one.
//! The API is synchronous: async callers run operations on a blocking thread.

mod crud;
mod db;
mod error;
mod exists;
mod migrate;
mod schema;

pub mod auth;
pub mod barcodes;
pub mod companies;
pub mod labels;
pub mod listing;
pub mod locations;
pub mod orders;
pub mod parts;
pub mod settings;
pub mod stock;
pub mod tree;

mod store;

pub use db::{AnyConnection, DatabaseUrl};
pub use error::{Constraint, StoreError};
pub use migrate::{LATEST_VERSION, MigrationReport};
pub use store::{Store, StoreOptions};

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;
