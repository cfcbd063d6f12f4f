//! The increment rule: which serial comes after another.
//!
//! The rule is a trait so a validation plugin can replace it (InvenTree's
//! `ValidationMixin.increment_serial_number`); [`DefaultIncrement`] is InvenTree's built-in rule.

/// How far a walk with an [`Increment`] rule gets, looking at most `limit` serials ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// The end is the n-th serial of the walk (the start is the first); `n <= limit`.
    Reaches(u64),
    /// The walk stops by itself after n serials (`n <= limit`) without meeting the end.
    Stops(u64),
    /// The first `limit` serials neither contain the end nor exhaust the walk.
    Beyond,
}

/// A rule that gives the serial after a serial.
///
/// Ranges (`a-b`), sequences (`a+n`) and `~` all walk with this rule.
pub trait Increment {
    /// The serial after `serial`, or `None` when `serial` cannot be incremented.
    ///
    /// Returning `serial` itself, or an empty text, also means "cannot be incremented".
    fn increment(&self, serial: &str) -> Option<String>;

    /// Whether a walk never comes back to a serial it already passed, as with any counting
    /// rule. When true, expansion skips the duplicate check among the serials of one range or
    /// sequence (it still checks them against every other group). Defaults to false.
    fn never_repeats(&self) -> bool {
        false
    }

    /// Walks from `start` looking for `end` (or to the walk's own stop when `end` is `None`),
    /// at most `limit` serials far.
    ///
    /// The provided version calls [`increment`](Increment::increment) up to `limit` times;
    /// override it when the length can be computed, so a pattern like `10-2` (which never
    /// reaches its end) costs nothing.
    fn walk(&self, start: &str, end: Option<&str>, limit: u64) -> Walk {
        let mut current = start.to_owned();
        let mut seen = 0;
        loop {
            if seen == limit {
                return Walk::Beyond;
            }
            seen += 1;
            if end == Some(current.as_str()) {
                return Walk::Reaches(seen);
            }
            match step(self, &current) {
                Some(next) => current = next,
                None => return Walk::Stops(seen),
            }
        }
    }
}

/// One increment, with the "no progress" answers of a rule folded into `None`.
pub(crate) fn step<I: Increment + ?Sized>(rule: &I, serial: &str) -> Option<String> {
    rule.increment(serial)
        .filter(|next| !next.is_empty() && next != serial)
}

/// InvenTree's default rule: add one to the trailing run of ASCII digits, keeping its width
/// (`0009` -> `0010`, `A99` -> `A100`); a serial without trailing digits cannot be incremented.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DefaultIncrement;

impl Increment for DefaultIncrement {
    fn increment(&self, serial: &str) -> Option<String> {
        increment_serial(serial)
    }

    fn never_repeats(&self) -> bool {
        // Each step makes the trailing number larger.
        true
    }

    fn walk(&self, start: &str, end: Option<&str>, limit: u64) -> Walk {
        let (start_prefix, start_digits) = split_trailing_digits(start);
        let found = |n: u64| {
            if n <= limit {
                Walk::Reaches(n)
            } else {
                Walk::Beyond
            }
        };
        if end == Some(start) {
            return found(1);
        }
        if start_digits.is_empty() {
            // A walk of one serial.
            return if limit == 0 {
                Walk::Beyond
            } else {
                Walk::Stops(1)
            };
        }
        // From here the walk never stops: `prefix` followed by ever larger numbers, zero-padded
        // to the start's width.
        let Some(end) = end else {
            return Walk::Beyond;
        };
        let (end_prefix, end_digits) = split_trailing_digits(end);
        // `prefix` never ends in a digit, so a reachable end splits into the same prefix.
        if end_prefix != start_prefix || !reachable(start_digits, end_digits) {
            return Walk::Beyond;
        }
        found(distance(start_digits, end_digits).saturating_add(1))
    }
}

/// The default increment of `serial`, or `None` when it has no trailing digits.
///
/// ```
/// use stockroom_core::serial::increment_serial;
///
/// assert_eq!(increment_serial("0009").as_deref(), Some("0010"));
/// assert_eq!(increment_serial("A99").as_deref(), Some("A100"));
/// assert_eq!(increment_serial("QQQ"), None);
/// ```
pub fn increment_serial(serial: &str) -> Option<String> {
    let (prefix, digits) = split_trailing_digits(serial);
    // Add one from the right: the last digit that is not 9 goes up, the 9s after it become 0s,
    // and a run of only 9s widens by a leading 1.
    let kept = digits.trim_end_matches('9');
    let nines = digits.len() - kept.len();
    let mut next = String::with_capacity(serial.len() + 1);
    next.push_str(prefix);
    match kept.as_bytes().last() {
        Some(&last) => {
            next.push_str(&kept[..kept.len() - 1]);
            next.push(char::from(last + 1));
        }
        None if digits.is_empty() => return None,
        None => next.push('1'),
    }
    next.extend(std::iter::repeat_n('0', nines));
    Some(next)
}

/// Splits `serial` into everything before its trailing ASCII digits, and those digits.
pub(crate) fn split_trailing_digits(serial: &str) -> (&str, &str) {
    let prefix_len = serial.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    serial.split_at(prefix_len)
}

/// Whether counting up from `start` (keeping its width) ever spells `end`.
fn reachable(start: &str, end: &str) -> bool {
    match end.len().cmp(&start.len()) {
        // Same width: digit strings of one width compare like their numbers.
        std::cmp::Ordering::Equal => end >= start,
        // Wider: the count grew past the padding, so the end has no leading zero.
        std::cmp::Ordering::Greater => !end.starts_with('0'),
        std::cmp::Ordering::Less => false,
    }
}

/// `end - start` for digit strings with `end >= start` numerically, saturating at `u64::MAX`.
///
/// Schoolbook subtraction on the digits, so serials with more digits than any integer type
/// holds still work.
fn distance(start: &str, end: &str) -> u64 {
    let width = end.len();
    let padded = |s: &str, i: usize| -> u8 {
        let offset = width - s.len();
        if i < offset {
            0
        } else {
            s.as_bytes()[i - offset] - b'0'
        }
    };
    let mut digits = vec![0u8; width];
    let mut borrow = 0u8;
    for i in (0..width).rev() {
        let minuend = padded(end, i);
        let subtrahend = padded(start, i) + borrow;
        if minuend >= subtrahend {
            digits[i] = minuend - subtrahend;
            borrow = 0;
        } else {
            digits[i] = minuend + 10 - subtrahend;
            borrow = 1;
        }
    }
    digits.iter().fold(0u64, |acc, &d| {
        acc.checked_mul(10)
            .and_then(|acc| acc.checked_add(u64::from(d)))
            .unwrap_or(u64::MAX)
    })
}
