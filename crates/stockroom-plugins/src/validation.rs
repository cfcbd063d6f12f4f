//! Validation plugins: who may veto a serial number or batch code, how serials count up and
//! sort, and who writes a default batch code.
//!
//! Every plugin is asked in registration order, and the answers combine as the spec says:
//! for increments, sort keys and generated batch codes the first plugin with an answer
//! wins; a serial check that rejects stops at once, one that accepts outright stops the
//! remaining checks; batch-code checks all run. The built-in [`Defaults`] answer last and
//! always, so a registry without user plugins behaves exactly as the core rules.

use std::sync::Arc;

use chrono::NaiveDateTime;
use stockroom_core::batch::{BatchObjects, BatchTemplateError, render_batch_code};
use stockroom_core::serial::{Increment, increment_serial, serial_int};

/// What a serial-number check decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No opinion: ask the next plugin (and then the uniqueness check).
    Continue,
    /// Valid, and no further plugin (nor the duplicate check) needs to look.
    Accept,
    /// Invalid, with the message the user sees.
    Reject(String),
}

/// The part a serial is checked for.
#[derive(Debug, Clone, Copy)]
pub struct PartRef<'a> {
    pub pk: i64,
    pub name: &'a str,
}

/// A validation plugin. Every method has a "no opinion" default, so a plugin implements
/// only what it cares about.
pub trait ValidationPlugin: Send + Sync {
    /// The plugin's slug, for logs.
    fn slug(&self) -> &str;

    /// Checks one serial number for a part.
    fn validate_serial_number(&self, _serial: &str, _part: PartRef<'_>) -> Verdict {
        Verdict::Continue
    }

    /// The serial after `serial`, or `None` for no opinion.
    fn increment_serial_number(&self, _serial: &str) -> Option<String> {
        None
    }

    /// The integer sort key of a serial, or `None` for no opinion.
    fn serial_to_int(&self, _serial: &str) -> Option<i64> {
        None
    }

    /// Checks a batch code; `Err` carries the message the user sees.
    fn validate_batch_code(&self, _batch: &str) -> Result<(), String> {
        Ok(())
    }

    /// A generated batch code, or `None` for no opinion. `objects` holds what the caller
    /// knows (`part`, `item`, ...); `now` is the server's local time.
    fn generate_batch_code(&self, _objects: &BatchObjects, _now: NaiveDateTime) -> Option<String> {
        None
    }
}

/// The built-in rules, asked after every user plugin: the core crate's increment and
/// sort key; no serial or batch check; batch codes from the template setting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Defaults;

/// The plugins in the order they are asked, with the built-in rules behind them.
#[derive(Clone, Default)]
pub struct Validators {
    plugins: Vec<Arc<dyn ValidationPlugin>>,
}

impl std::fmt::Debug for Validators {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let slugs: Vec<&str> = self.plugins.iter().map(|p| p.slug()).collect();
        f.debug_struct("Validators")
            .field("plugins", &slugs)
            .finish()
    }
}

impl Validators {
    /// The built-in rules alone.
    pub fn new() -> Validators {
        Validators::default()
    }

    /// Adds a plugin after those already registered.
    pub fn with(mut self, plugin: Arc<dyn ValidationPlugin>) -> Validators {
        self.plugins.push(plugin);
        self
    }

    /// True when only the built-in rules apply, so callers may use the core directly.
    pub fn is_default(&self) -> bool {
        self.plugins.is_empty()
    }

    /// Checks serials for a part; the first rejection's message, naming the serial, if any.
    pub fn check_serials<'s>(
        &self,
        serials: impl IntoIterator<Item = &'s str>,
        part: PartRef<'_>,
    ) -> Result<(), String> {
        if self.plugins.is_empty() {
            return Ok(());
        }
        for serial in serials {
            for plugin in &self.plugins {
                match plugin.validate_serial_number(serial, part) {
                    Verdict::Continue => continue,
                    Verdict::Accept => break,
                    Verdict::Reject(message) => return Err(message),
                }
            }
        }
        Ok(())
    }

    /// The sort key of a serial: the first plugin's answer (absolute value, clipped to the
    /// 32-bit range as the built-in key is), else the built-in key.
    pub fn serial_key(&self, serial: &str) -> i64 {
        self.plugins
            .iter()
            .find_map(|p| p.serial_to_int(serial))
            .map(|n| n.saturating_abs().min(i64::from(i32::MAX)))
            .or_else(|| Defaults.serial_to_int(serial))
            .unwrap_or(0)
    }

    /// Runs every plugin's batch-code check; the first rejection's message.
    pub fn check_batch(&self, batch: &str) -> Result<(), String> {
        self.plugins
            .iter()
            .try_for_each(|p| p.validate_batch_code(batch))
    }

    /// A batch code: the first plugin's, else the template's (empty template: the date code).
    pub fn generate_batch_code(
        &self,
        template: &str,
        objects: &BatchObjects,
        now: NaiveDateTime,
    ) -> Result<String, BatchTemplateError> {
        match self
            .plugins
            .iter()
            .find_map(|p| p.generate_batch_code(objects, now))
        {
            Some(code) => Ok(code),
            None => render_batch_code(template, now, objects),
        }
    }
}

impl Increment for Validators {
    fn increment(&self, serial: &str) -> Option<String> {
        self.plugins
            .iter()
            .find_map(|p| p.increment_serial_number(serial))
            .or_else(|| Defaults.increment_serial_number(serial))
    }

    fn never_repeats(&self) -> bool {
        // Only the built-in rule is known to count strictly upwards.
        self.plugins.is_empty()
    }
}

impl ValidationPlugin for Defaults {
    fn slug(&self) -> &str {
        "builtin"
    }

    fn increment_serial_number(&self, serial: &str) -> Option<String> {
        increment_serial(serial)
    }

    fn serial_to_int(&self, serial: &str) -> Option<i64> {
        Some(i64::from(serial_int(serial)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Rejects multiples of five and skips them when counting, as a typical site rule.
    struct NoFives;

    impl ValidationPlugin for NoFives {
        fn slug(&self) -> &str {
            "no-fives"
        }
        fn validate_serial_number(&self, serial: &str, _part: PartRef<'_>) -> Verdict {
            match serial.parse::<i64>() {
                Ok(n) if n % 5 == 0 => {
                    Verdict::Reject("Serial number cannot be a multiple of 5".into())
                }
                _ => Verdict::Continue,
            }
        }
        fn increment_serial_number(&self, serial: &str) -> Option<String> {
            let n: i64 = serial.parse().ok()?;
            let next = if (n + 1) % 5 == 0 { n + 2 } else { n + 1 };
            Some(next.to_string())
        }
        fn validate_batch_code(&self, batch: &str) -> Result<(), String> {
            if batch.is_empty() || batch.starts_with('B') {
                Ok(())
            } else {
                Err("Batch code must start with 'B'".into())
            }
        }
    }

    struct AcceptAll;

    impl ValidationPlugin for AcceptAll {
        fn slug(&self) -> &str {
            "accept"
        }
        fn validate_serial_number(&self, _serial: &str, _part: PartRef<'_>) -> Verdict {
            Verdict::Accept
        }
        fn generate_batch_code(
            &self,
            objects: &BatchObjects,
            _now: NaiveDateTime,
        ) -> Option<String> {
            let name = objects.get("part")?.get("name")?.as_str()?;
            Some(format!("{name}-SAMPLE"))
        }
    }

    const PART: PartRef<'static> = PartRef {
        pk: 1,
        name: "Widget",
    };

    fn noon() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    #[test]
    fn without_plugins_the_core_rules_apply() {
        let v = Validators::new();
        assert!(v.check_serials(["5", "10"], PART).is_ok());
        assert_eq!(v.increment("9"), Some("10".into()));
        assert_eq!(v.serial_key("0042"), 42);
        assert_eq!(
            v.generate_batch_code("", &BatchObjects::new(), noon())
                .unwrap(),
            "20261125"
        );
    }

    #[test]
    fn a_rejection_stops_and_names_the_problem() {
        let v = Validators::new().with(Arc::new(NoFives));
        assert_eq!(
            v.check_serials(["4", "10"], PART).unwrap_err(),
            "Serial number cannot be a multiple of 5"
        );
        assert_eq!(v.increment("4"), Some("6".into()));
        assert_eq!(
            v.check_batch("X1").unwrap_err(),
            "Batch code must start with 'B'"
        );
        assert!(v.check_batch("B1").is_ok());
    }

    #[test]
    fn an_acceptance_skips_later_plugins() {
        let v = Validators::new()
            .with(Arc::new(AcceptAll))
            .with(Arc::new(NoFives));
        assert!(v.check_serials(["5"], PART).is_ok());
        let reversed = Validators::new()
            .with(Arc::new(NoFives))
            .with(Arc::new(AcceptAll));
        assert!(reversed.check_serials(["5"], PART).is_err());
    }

    #[test]
    fn the_first_generated_batch_code_wins_over_the_template() {
        let v = Validators::new().with(Arc::new(AcceptAll));
        let mut objects = BatchObjects::new();
        assert_eq!(v.generate_batch_code("T", &objects, noon()).unwrap(), "T");
        objects.insert("part".into(), serde_json::json!({"name": "Reel"}));
        assert_eq!(
            v.generate_batch_code("T", &objects, noon()).unwrap(),
            "Reel-SAMPLE"
        );
    }
}
