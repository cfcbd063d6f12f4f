//! The serial-number pattern grammar: `1, 2, 4-7, 10`, `40+4`, `~+5`, ...

use std::borrow::Cow;
use std::fmt;

use super::collector::Collector;
use super::error::SerialError;
use super::groups::{bind_operators, groups, substitute};
use super::increment::{DefaultIncrement, Increment, Walk, step};
use super::key::{next_serial, python_int};

/// Default of the `SERIAL_NUMBER_MAX_QUANTITY` setting (InvenTree hard-codes 1000).
pub const DEFAULT_MAX_QUANTITY: u64 = 100_000;

/// Expands serial-number patterns for one scope: its latest serial (for `~`), the largest
/// quantity one request may serialize, and the increment rule.
///
/// The grammar (`docs` and `spec/stock-tracking.md`):
/// - groups are separated by commas and/or whitespace; empty groups are ignored;
/// - whitespace around `+` and `-` binds to them (`100 + 2` is `100+2`);
/// - each `~` is replaced, left to right, by the next serial after the latest (`1` when the
///   scope has none), then the one after that, and so on;
/// - when the number of groups equals the quantity, every group is a literal serial;
/// - otherwise `a-b` is a range, `a+n` is `a` and the `n` serials after it, `a+` fills the rest
///   of the quantity, and anything else (including `TG-4SR-92`) is one literal serial.
#[derive(Clone, Copy)]
pub struct SerialPattern<'a> {
    latest: Option<&'a str>,
    max_quantity: u64,
    rule: &'a dyn Increment,
}

impl Default for SerialPattern<'_> {
    fn default() -> Self {
        SerialPattern {
            latest: None,
            max_quantity: DEFAULT_MAX_QUANTITY,
            rule: &DefaultIncrement,
        }
    }
}

impl fmt::Debug for SerialPattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SerialPattern")
            .field("latest", &self.latest)
            .field("max_quantity", &self.max_quantity)
            .finish_non_exhaustive()
    }
}

impl<'a> SerialPattern<'a> {
    /// An empty scope, the default maximum and the default increment rule.
    pub fn new() -> Self {
        SerialPattern::default()
    }

    /// The scope's latest serial (see [`latest_serial`](super::latest_serial)), which `~`
    /// counts on from; `None` when the scope has no serials.
    pub fn with_latest(self, latest: Option<&'a str>) -> Self {
        SerialPattern { latest, ..self }
    }

    /// The largest quantity one expansion accepts (`SERIAL_NUMBER_MAX_QUANTITY`).
    pub fn with_max_quantity(self, max_quantity: u64) -> Self {
        SerialPattern {
            max_quantity,
            ..self
        }
    }

    /// Another increment rule, for example a validation plugin's.
    pub fn with_increment(self, rule: &'a dyn Increment) -> Self {
        SerialPattern { rule, ..self }
    }

    /// Expands `pattern` into exactly `quantity` distinct serials, in input order, or returns
    /// every error found (each message once, in order), with InvenTree's texts.
    ///
    /// ```
    /// use stockroom_core::serial::SerialPattern;
    ///
    /// let pattern = SerialPattern::new();
    /// assert_eq!(
    ///     pattern.expand("1, 2, 4-7, 10", 7).unwrap(),
    ///     ["1", "2", "4", "5", "6", "7", "10"],
    /// );
    /// assert_eq!(pattern.expand("100 + 2", 3).unwrap(), ["100", "101", "102"]);
    /// assert_eq!(pattern.expand("AF5-69H", 1).unwrap(), ["AF5-69H"]);
    ///
    /// let scope = SerialPattern::new().with_latest(Some("99"));
    /// assert_eq!(scope.expand("800, ~, 900", 3).unwrap(), ["800", "100", "900"]);
    ///
    /// let errors = pattern.expand("1, 1", 2).unwrap_err();
    /// assert_eq!(errors[0].to_string(), "Duplicate serial: 1");
    /// ```
    pub fn expand(&self, pattern: &str, quantity: i64) -> Result<Vec<String>, Vec<SerialError>> {
        // The checks run in InvenTree's order; each of the first four ends the expansion.
        let Some(wanted) = u64::try_from(quantity).ok().filter(|&q| q > 0) else {
            return Err(vec![SerialError::InvalidQuantity]);
        };
        if wanted > self.max_quantity {
            return Err(vec![SerialError::TooManyItems {
                max: self.max_quantity,
            }]);
        }
        let trimmed = pattern.trim();
        if trimmed.is_empty() {
            return Err(vec![SerialError::EmptyPattern]);
        }
        let text = bind_operators(trimmed);
        let mut tildes = self.tilde_values(&text).map_err(|e| vec![e])?.into_iter();

        let mut out = Collector::new(wanted, self.max_quantity);
        let literal = groups(&text).count() as u64 == wanted;
        for group in groups(&text) {
            if literal {
                out.add(substitute(group, &mut tildes).into_owned());
            } else {
                self.expand_group(group, &mut tildes, &mut out, quantity);
            }
            if out.exhausted() {
                break;
            }
        }
        out.finish(quantity)
    }

    /// The values of the pattern's `~`s, in order: computed before splitting, as InvenTree
    /// does, so one that cannot be computed is reported alone.
    fn tilde_values(&self, text: &str) -> Result<Vec<String>, SerialError> {
        let count = text.matches('~').count();
        let mut values: Vec<String> = Vec::with_capacity(count);
        for _ in 0..count {
            let value = match values.last() {
                None => next_serial(self.latest, self.rule)?,
                Some(previous) => {
                    step(self.rule, previous).ok_or_else(|| SerialError::CannotIncrement {
                        serial: previous.clone(),
                    })?
                }
            };
            values.push(value);
        }
        Ok(values)
    }

    /// Expands one group of a pattern that is not a plain list of literals.
    fn expand_group(
        &self,
        group: &str,
        tildes: &mut impl Iterator<Item = String>,
        out: &mut Collector,
        quantity: i64,
    ) {
        let (operator, parts) = if group.contains('-') {
            ('-', group.split('-').collect::<Vec<_>>())
        } else if group.contains('+') {
            ('+', group.split('+').collect::<Vec<_>>())
        } else {
            return out.add(substitute(group, tildes).into_owned());
        };
        // Replace `~` part by part, so a substituted value is never split again.
        let parts: Vec<Cow<'_, str>> = parts.into_iter().map(|p| substitute(p, tildes)).collect();
        let shown = || parts.join(&operator.to_string());
        let invalid = || SerialError::InvalidGroup { group: shown() };
        let exceeds = || SerialError::GroupExceedsQuantity {
            group: shown(),
            quantity,
        };
        let remaining = out.remaining();
        match (operator, parts.as_slice()) {
            // Two or more hyphens: one literal serial, as `TG-4SR-92`.
            ('-', [_, _, _, ..]) => out.add(shown()),
            ('-', [start, end]) => {
                if start.is_empty() || end.is_empty() || start == end {
                    return out.error(invalid());
                }
                match self.rule.walk(start, Some(end), remaining) {
                    Walk::Reaches(count) => {
                        if !self.emit(start, count, Some(end), out) {
                            out.error(invalid());
                        }
                    }
                    Walk::Stops(_) => out.error(invalid()),
                    Walk::Beyond => out.error(exceeds()),
                }
            }
            ('+', [start, count]) => {
                let count = if count.is_empty() {
                    // `a+` fills the rest; with nothing left it cannot even hold `a`.
                    if remaining == 0 {
                        return out.error(exceeds());
                    }
                    remaining
                } else {
                    match python_int(count, 10) {
                        Some((false, n)) => n.saturating_add(1),
                        _ => return out.error(invalid()),
                    }
                };
                if start.is_empty() {
                    return out.error(invalid());
                }
                if let Walk::Stops(made) = self.rule.walk(start, None, count.min(remaining))
                    && made < count
                {
                    return out.error(invalid());
                }
                if count > remaining {
                    return out.error(exceeds());
                }
                if !self.emit(start, count, None, out) {
                    out.error(invalid());
                }
            }
            _ => out.error(invalid()),
        }
    }

    /// Walks `count` serials from `start` into `out`; false (and nothing added) if the rule
    /// stops early or the walk does not end on `end`. A well-behaved rule never does either
    /// after [`Increment::walk`] measured the group, but a plugin's rule is not trusted.
    fn emit(&self, start: &str, count: u64, end: Option<&str>, out: &mut Collector) -> bool {
        let capacity = usize::try_from(count).unwrap_or(0);
        let mut walked = Vec::with_capacity(capacity);
        let mut current = start.to_owned();
        for _ in 1..count {
            let Some(next) = step(self.rule, &current) else {
                return false;
            };
            walked.push(std::mem::replace(&mut current, next));
        }
        if end.is_some_and(|end| end != current) {
            return false;
        }
        walked.push(current);
        if self.rule.never_repeats() {
            out.add_distinct(walked);
        } else {
            for serial in walked {
                out.add(serial);
            }
        }
        true
    }
}
