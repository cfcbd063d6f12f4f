//! Fuzzes the serial-number pattern grammar.
//!
//! Input layout: byte 0 and 1 give the quantity (a few values at and beyond the edges are
//! mapped in), byte 2 chooses the scope's latest serial, the rest is the pattern (UTF-8).
//! Checks: no panic; an expansion holds exactly `quantity` distinct serials; a refusal has at
//! least one error, each message once.

#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use stockroom_core::serial::SerialPattern;

/// Small enough that the fuzzer runs fast, large enough for real ranges.
const MAX_QUANTITY: u64 = 2000;

/// Latest serials worth trying: none, plain, padded, alphanumeric, a hyphen inside, one that
/// cannot be incremented, one at a power of ten, and a very long number.
const LATEST: [Option<&str>; 8] = [
    None,
    Some("99"),
    Some("0009"),
    Some("AB-0999"),
    Some("A-1"),
    Some("QQQ"),
    Some("9"),
    Some("99999999999999999999999999"),
];

fuzz_target!(|data: &[u8]| {
    let [high, low, latest, rest @ ..] = data else {
        return;
    };
    let Ok(pattern) = std::str::from_utf8(rest) else {
        return;
    };
    // Mostly small quantities, with 0, negatives and just past the maximum reachable too.
    let raw = i64::from(u16::from_be_bytes([*high, *low]));
    let quantity = match raw % 2100 {
        2050.. => -1,
        n => n,
    };
    let latest = LATEST[usize::from(*latest) % LATEST.len()];
    let scope = SerialPattern::new()
        .with_latest(latest)
        .with_max_quantity(MAX_QUANTITY);

    match scope.expand(pattern, quantity) {
        Ok(serials) => {
            assert_eq!(serials.len() as i64, quantity, "{pattern:?}");
            let distinct: HashSet<&str> = serials.iter().map(String::as_str).collect();
            assert_eq!(distinct.len(), serials.len(), "duplicates from {pattern:?}");
            assert!(
                serials.iter().all(|s| !s.is_empty()),
                "empty serial from {pattern:?}"
            );
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "no error for {pattern:?}");
            let distinct: HashSet<String> = errors.iter().map(ToString::to_string).collect();
            assert_eq!(
                distinct.len(),
                errors.len(),
                "repeated error for {pattern:?}"
            );
        }
    }
});
