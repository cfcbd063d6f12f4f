//! Test harness: fresh databases on both backends.

pub mod db;

pub use db::TestDb;
