//! Tests of the serial module: the documented examples, every error text, the increment and
//! ordering rules, and property tests of the grammar's invariants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod errors;
mod examples;
mod keys;
mod properties;

use super::{Increment, SerialPattern};

/// Expands with an empty scope; panics with the messages if the pattern is refused.
fn expand(pattern: &str, quantity: i64) -> Vec<String> {
    expand_after(None, pattern, quantity)
}

/// Expands in a scope whose latest serial is `latest`.
fn expand_after(latest: Option<&str>, pattern: &str, quantity: i64) -> Vec<String> {
    SerialPattern::new()
        .with_latest(latest)
        .expand(pattern, quantity)
        .unwrap_or_else(|errors| panic!("{pattern:?} x {quantity}: {}", texts(&errors).join("; ")))
}

/// The error messages of a pattern that must be refused.
fn errors(pattern: &str, quantity: i64) -> Vec<String> {
    errors_with(SerialPattern::new(), pattern, quantity)
}

/// The error messages of a pattern that must be refused by `scope`.
fn errors_with(scope: SerialPattern<'_>, pattern: &str, quantity: i64) -> Vec<String> {
    match scope.expand(pattern, quantity) {
        Ok(serials) => panic!("{pattern:?} x {quantity} expanded to {serials:?}"),
        Err(errors) => texts(&errors),
    }
}

fn texts(errors: &[super::SerialError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// `["1", "2"]`-style expectations without `.to_owned()` noise.
fn serials(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| (*s).to_owned()).collect()
}

/// The validation sample plugin's increment: like the default, but skipping multiples of 5.
#[derive(Debug)]
struct SkipFives;

impl Increment for SkipFives {
    fn increment(&self, serial: &str) -> Option<String> {
        let mut next = super::increment_serial(serial)?;
        while next.parse::<u64>().is_ok_and(|n| n % 5 == 0) {
            next = super::increment_serial(&next)?;
        }
        Some(next)
    }
}
