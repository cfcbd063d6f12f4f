//! Batch codes: rendering `STOCK_BATCH_CODE_TEMPLATE`.
//!
//! Templates use Jinja syntax (minijinja), sandboxed: no loader, so no file access; no
//! network; every render runs on a fuel budget and an output cap, so a loop cannot run away
//! and a template cannot produce an unbounded code. An empty template gives the date code
//! `YYYYMMDD`.

use std::fmt;
use std::io;

use chrono::{Datelike, NaiveDateTime, Timelike};
use minijinja::{Environment, UndefinedBehavior, Value};
use serde_json::Map;

/// Longest batch code a stock item stores, in characters.
pub const MAX_BATCH_LENGTH: usize = 100;

/// Instructions one render may execute.
const FUEL: u64 = 50_000;

/// Bytes a render may write before it is stopped (a batch code is at most 100 characters;
/// the slack lets the error say "too long" instead of cutting a multi-byte character).
const OUTPUT_CAP: usize = 4 * MAX_BATCH_LENGTH;

/// Why a template gave no batch code. The text names the problem and, where known, the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchTemplateError(String);

impl fmt::Display for BatchTemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BatchTemplateError {}

/// What a template can refer to besides the date: the objects the caller knows about
/// (`part`, `item`, `location`, `purchase_order`, `build_order` as maps of their fields, and
/// `quantity`), by name.
pub type BatchObjects = Map<String, serde_json::Value>;

/// Renders a batch-code template at `now` (the server's local time) with `objects` in
/// context. The variables `year`, `month`, `day`, `hour`, `minute` are unpadded integers,
/// `week` is the ISO week and `date` the ISO date text; caller objects override them.
/// Surrounding whitespace is trimmed; a code longer than [`MAX_BATCH_LENGTH`] is an error.
pub fn render_batch_code(
    template: &str,
    now: NaiveDateTime,
    objects: &BatchObjects,
) -> Result<String, BatchTemplateError> {
    if template.trim().is_empty() {
        return Ok(now.format("%Y%m%d").to_string());
    }
    let mut env = Environment::new();
    env.set_fuel(Some(FUEL));
    env.set_recursion_limit(50);
    // Objects the caller did not supply are undefined, and `{% if item %}` or `part.name`
    // on them must render as empty rather than fail, as the documented templates expect.
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    let compiled = env
        .template_from_str(template)
        .map_err(|e| describe(&e, "Invalid batch code template"))?;
    let mut context = Map::new();
    context.insert("year".into(), now.year().into());
    context.insert("month".into(), now.month().into());
    context.insert("day".into(), now.day().into());
    context.insert("hour".into(), now.hour().into());
    context.insert("minute".into(), now.minute().into());
    context.insert("week".into(), now.iso_week().week().into());
    context.insert("date".into(), now.date().to_string().into());
    for (key, value) in objects {
        context.insert(key.clone(), value.clone());
    }
    let mut out = Capped::default();
    compiled
        .render_captured_to(Value::from_serialize(&context), &mut out)
        .map_err(|e| match e.kind() {
            minijinja::ErrorKind::WriteFailure => too_long(),
            minijinja::ErrorKind::OutOfFuel => {
                BatchTemplateError("Batch code template takes too long to render".to_owned())
            }
            _ => describe(&e, "Batch code template failed to render"),
        })?;
    let text = String::from_utf8(out.0)
        .map_err(|_| BatchTemplateError("Batch code template gave invalid text".to_owned()))?;
    let code = text.trim();
    if code.chars().count() > MAX_BATCH_LENGTH {
        return Err(too_long());
    }
    if code.chars().any(char::is_control) {
        return Err(BatchTemplateError(
            "Batch code template gave control characters".to_owned(),
        ));
    }
    Ok(code.to_owned())
}

fn too_long() -> BatchTemplateError {
    BatchTemplateError(format!(
        "Batch code template gives more than {MAX_BATCH_LENGTH} characters"
    ))
}

/// `<what>: <detail> (line N)`, from a minijinja error.
fn describe(error: &minijinja::Error, what: &str) -> BatchTemplateError {
    let detail = error
        .detail()
        .map_or_else(|| error.kind().to_string(), str::to_owned);
    match error.line() {
        Some(line) => BatchTemplateError(format!("{what}: {detail} (line {line})")),
        None => BatchTemplateError(format!("{what}: {detail}")),
    }
}

/// A writer that refuses to grow past [`OUTPUT_CAP`].
#[derive(Default)]
struct Capped(Vec<u8>);

impl io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.0.len() + buf.len() > OUTPUT_CAP {
            return Err(io::Error::other("batch code output cap"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 7)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap()
    }

    fn render(template: &str) -> Result<String, BatchTemplateError> {
        render_batch_code(template, at(), &Map::new())
    }

    #[test]
    fn an_empty_template_gives_the_date_code() {
        assert_eq!(render("").unwrap(), "20260307");
        assert_eq!(render("   ").unwrap(), "20260307");
    }

    #[test]
    fn date_variables_are_unpadded_numbers_and_format_pads_them() {
        assert_eq!(render("B{{year}}-{{month}}-{{day}}").unwrap(), "B2026-3-7");
        assert_eq!(render("{{ '%02d'|format(month) }}").unwrap(), "03");
        assert_eq!(render("W{{week}} {{hour}}:{{minute}}").unwrap(), "W10 9:5");
        assert_eq!(render("{{date}}").unwrap(), "2026-03-07");
    }

    #[test]
    fn caller_objects_are_in_context() {
        let mut objects = Map::new();
        objects.insert("item".into(), serde_json::json!({"pk": 1}));
        objects.insert("part".into(), serde_json::json!({"pk": 4, "name": "Reel"}));
        let code = "{% if item %}{{ item.pk }}{% endif %}-{{ part.name }}";
        assert_eq!(render_batch_code(code, at(), &objects).unwrap(), "1-Reel");
        assert_eq!(render("{% if item %}{{ item.pk }}{% endif %}").unwrap(), "");
    }

    #[test]
    fn bad_templates_are_named_errors() {
        let syntax = render("{{ year ").unwrap_err().to_string();
        assert!(
            syntax.starts_with("Invalid batch code template"),
            "{syntax}"
        );
        assert!(syntax.contains("line 1"), "{syntax}");
        let unknown = render("{{ shout(year) }}").unwrap_err().to_string();
        assert!(unknown.contains("failed to render"), "{unknown}");
        let endless = render("{% for a in range(100000) %}{% endfor %}x").unwrap_err();
        assert_eq!(
            endless.to_string(),
            "Batch code template takes too long to render"
        );
        let long = render("{% for a in range(90) %}ab{% endfor %}").unwrap_err();
        assert!(long.to_string().contains("more than 100"), "{long}");
        assert!(render("{% include 'x' %}").is_err());
    }
}
