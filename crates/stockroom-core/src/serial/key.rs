//! The integer sort key (`serial_int`), and the latest and next serial of a scope.

use std::cmp::Ordering;

use super::error::SerialError;
use super::increment::{Increment, step};

/// The largest `serial_int`: InvenTree stores it in a 32-bit `IntegerField`.
pub const SERIAL_INT_MAX: i32 = i32::MAX;

/// InvenTree's integer sort key of a serial, as `StockItem.save()` stores it.
///
/// The whole value if it is an integer (Python `int()` syntax: optional sign, ASCII digits,
/// single `_` between digits); else a `0x` hexadecimal value; else the leading digits; else
/// the trailing digits; else 0. Negative integers count by their absolute value, except below
/// `-2147483647`, which give 0; everything is clipped to 2147483647.
///
/// ```
/// use stockroom_core::serial::serial_int;
///
/// assert_eq!(serial_int("00042"), 42);
/// assert_eq!(serial_int("12abc34"), 12);
/// assert_eq!(serial_int("ABC123"), 123);
/// assert_eq!(serial_int("-123"), 123);
/// assert_eq!(serial_int("apple"), 0);
/// ```
pub fn serial_int(serial: &str) -> i32 {
    let text = serial.trim();
    let clip = u64::from(SERIAL_INT_MAX.unsigned_abs());
    let clipped = |magnitude: u64| i32::try_from(magnitude.min(clip)).unwrap_or(SERIAL_INT_MAX);
    if let Some((negative, magnitude)) = python_int(text, 10) {
        // InvenTree's `extract_int` clips values below -clip to -clip (and `save()` then
        // stores 0), and takes the absolute value of every other integer.
        return if negative && magnitude > clip {
            0
        } else {
            clipped(magnitude)
        };
    }
    // `int(text, 16)` after a `0x` prefix: one optional `_` after the prefix, no sign.
    if let Some(hex) = text.strip_prefix("0x") {
        let hex = hex.strip_prefix('_').unwrap_or(hex);
        if !hex.starts_with(['+', '-'])
            && let Some((_, magnitude)) = python_int(hex, 16)
        {
            return clipped(magnitude);
        }
    }
    let leading = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if leading > 0 {
        return clipped(saturating_value(&text[..leading], 10));
    }
    let trailing = super::increment::split_trailing_digits(text).1;
    clipped(saturating_value(trailing, 10))
}

/// Parses Python `int()` syntax in `radix`: `[+-]?d+(_d+)*`; gives (negative, magnitude),
/// the magnitude saturating at `u64::MAX`.
pub(crate) fn python_int(text: &str, radix: u32) -> Option<(bool, u64)> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let well_formed = !body.is_empty()
        && body
            .split('_')
            .all(|run| !run.is_empty() && run.chars().all(|c| c.is_digit(radix)));
    well_formed.then(|| (negative, saturating_value(body, radix)))
}

/// The value of digits in `radix` (underscores skipped), saturating at `u64::MAX`; 0 for "".
fn saturating_value(digits: &str, radix: u32) -> u64 {
    digits
        .chars()
        .filter_map(|c| c.to_digit(radix))
        .fold(0u64, |acc, d| {
            acc.checked_mul(u64::from(radix))
                .and_then(|acc| acc.checked_add(u64::from(d)))
                .unwrap_or(u64::MAX)
        })
}

/// Orders serials as lists show them: by `serial_int`, then by text (byte order).
pub fn compare_serials(a: &str, b: &str) -> Ordering {
    serial_int(a).cmp(&serial_int(b)).then_with(|| a.cmp(b))
}

/// The latest serial among `candidates`: the highest [`serial_int`], ties broken by the
/// greatest text in byte order. Blank candidates are ignored; `None` when nothing is left.
///
/// ```
/// use stockroom_core::serial::latest_serial;
///
/// assert_eq!(latest_serial(["9", "10", "A2"]), Some("10"));
/// assert_eq!(latest_serial(["apple", "banana"]), Some("banana"));
/// assert_eq!(latest_serial([]), None);
/// ```
pub fn latest_serial<'a, I>(candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    latest_serial_by_key(candidates, serial_int)
}

/// [`latest_serial`] with another integer key, for a plugin that replaces `serial_int`.
pub fn latest_serial_by_key<'a, I, K>(candidates: I, key: K) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
    K: Fn(&str) -> i32,
{
    candidates
        .into_iter()
        .filter(|serial| !serial.trim().is_empty())
        .map(|serial| (key(serial), serial))
        .max()
        .map(|(_, serial)| serial)
}

/// The next serial of a scope whose latest serial is `latest`: its increment, or `1` when
/// the scope has no serial yet.
///
/// A latest serial that cannot be incremented is an error, never the same serial again.
///
/// ```
/// use stockroom_core::serial::{DefaultIncrement, next_serial};
///
/// assert_eq!(next_serial(Some("A099"), &DefaultIncrement).unwrap(), "A100");
/// assert_eq!(next_serial(None, &DefaultIncrement).unwrap(), "1");
/// assert!(next_serial(Some("QQQ"), &DefaultIncrement).is_err());
/// ```
pub fn next_serial(latest: Option<&str>, rule: &dyn Increment) -> Result<String, SerialError> {
    match latest.map(str::trim).filter(|serial| !serial.is_empty()) {
        None => Ok("1".to_owned()),
        Some(latest) => step(rule, latest).ok_or_else(|| SerialError::CannotIncrement {
            serial: latest.to_owned(),
        }),
    }
}
