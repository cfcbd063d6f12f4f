//! The stock list's `batch_regex` filter: a case-insensitive regular expression on batch
//! codes, matched by Rust's `regex` crate on both backends so they agree on its meaning.
//!
//! SQLite calls a function registered on the connection for the query; PostgreSQL's own
//! regular expressions differ from Rust's, so there the distinct batch codes are matched in
//! Rust and the list is filtered by the matching codes.

use diesel::prelude::*;

use crate::StoreResult;
use crate::db::AnyConnection;
use crate::schema::stock_items;

/// Longest pattern accepted, in characters.
const MAX_PATTERN: usize = 500;
/// Compiled-size limits: a pathological pattern is refused instead of eating memory.
const SIZE_LIMIT: usize = 1 << 20;

diesel::define_sql_function! {
    /// True when the batch code matches the regular expression registered for the query.
    fn stockroom_batch_matches(batch: diesel::sql_types::Nullable<diesel::sql_types::Text>) -> diesel::sql_types::Bool;
}

/// A checked, compiled `batch_regex`.
#[derive(Debug, Clone)]
pub struct BatchRegex(regex::Regex);

impl BatchRegex {
    /// Compiles a pattern (case-insensitive, matched anywhere in the batch code, as Django's
    /// `iregex`); the message says what is wrong with a bad one.
    pub fn parse(pattern: &str) -> Result<BatchRegex, String> {
        if pattern.chars().count() > MAX_PATTERN {
            return Err(format!(
                "Regular expression is longer than {MAX_PATTERN} characters"
            ));
        }
        regex::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT)
            .nest_limit(64)
            .build()
            .map(BatchRegex)
            .map_err(|e| format!("Invalid regular expression: {}", short(&e)))
    }

    /// True when `batch` matches.
    pub fn is_match(&self, batch: &str) -> bool {
        self.0.is_match(batch)
    }
}

/// The one-line cause of a regex error (its `Display` draws the pattern with a caret).
fn short(error: &regex::Error) -> String {
    let text = error.to_string();
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map(str::to_owned)
        .unwrap_or_else(|| text.lines().next().unwrap_or("").trim().to_owned())
}

/// How the prepared query applies the filter.
#[derive(Debug, Clone)]
pub(super) enum BatchPlan {
    /// SQLite: `stockroom_batch_matches(batch)`, registered on this connection.
    Function,
    /// PostgreSQL: `batch = ANY(<matching codes>)`.
    Codes(Vec<String>),
}

/// Prepares the filter on this connection.
pub(super) fn plan(conn: &mut AnyConnection, pattern: &BatchRegex) -> StoreResult<BatchPlan> {
    match conn {
        AnyConnection::Sqlite(c) => {
            let regex = pattern.clone();
            stockroom_batch_matches_utils::register_impl(c, move |batch: Option<String>| {
                batch.is_some_and(|b| regex.is_match(&b))
            })?;
            Ok(BatchPlan::Function)
        }
        AnyConnection::Postgresql(_) => {
            let codes: Vec<String> = stock_items::table
                .filter(stock_items::batch.is_not_null())
                .select(stock_items::batch.assume_not_null())
                .distinct()
                .load(conn)?;
            Ok(BatchPlan::Codes(
                codes.into_iter().filter(|b| pattern.is_match(b)).collect(),
            ))
        }
    }
}
