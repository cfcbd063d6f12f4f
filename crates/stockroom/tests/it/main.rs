//! Stockroom's integration tests, in one binary: the store conformance suite (run on SQLite
//! and, when `STOCKROOM_TEST_POSTGRES_URL` is set, on PostgreSQL), the HTTP API and the CLI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod api;
mod cli;
mod store;
mod web;
