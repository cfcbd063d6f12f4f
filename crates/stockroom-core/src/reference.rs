//! Order reference patterns, as InvenTree's `*_REFERENCE_PATTERN` settings write them:
//! `PO-{ref:04d}` makes `PO-0001`, `PO-0002`, ... A pattern holds exactly one `{ref}` field,
//! optionally with a zero-padded width (`{ref:04d}`) or a plain `{ref:d}`.

use std::fmt;

/// A parsed reference pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferencePattern {
    prefix: String,
    suffix: String,
    width: usize,
}

/// Why a pattern is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("Reference pattern must contain the {{ref}} field")]
    MissingRef,
    #[error("Reference pattern may contain the {{ref}} field only once")]
    RepeatedRef,
    #[error("Invalid format specifier in reference pattern: {0}")]
    BadFormat(String),
    #[error("Reference pattern may not contain other fields: {0}")]
    OtherField(String),
}

impl ReferencePattern {
    /// Parses a pattern such as `PO-{ref:04d}`.
    pub fn parse(text: &str) -> Result<ReferencePattern, PatternError> {
        let start = text.find("{ref").ok_or(PatternError::MissingRef)?;
        let end = text[start..]
            .find('}')
            .map(|i| start + i)
            .ok_or(PatternError::MissingRef)?;
        let field = &text[start + 1..end];
        let width = match field.strip_prefix("ref") {
            Some("") | Some(":d") => 0,
            Some(spec) => {
                let digits = spec
                    .strip_prefix(":0")
                    .and_then(|s| s.strip_suffix('d'))
                    .ok_or_else(|| PatternError::BadFormat(spec.to_owned()))?;
                digits
                    .parse::<usize>()
                    .ok()
                    .filter(|w| *w <= 20)
                    .ok_or_else(|| PatternError::BadFormat(spec.to_owned()))?
            }
            None => return Err(PatternError::MissingRef),
        };
        let (prefix, suffix) = (&text[..start], &text[end + 1..]);
        if suffix.contains("{ref") {
            return Err(PatternError::RepeatedRef);
        }
        for part in [prefix, suffix] {
            if let Some(open) = part.find('{') {
                return Err(PatternError::OtherField(part[open..].to_owned()));
            }
        }
        Ok(ReferencePattern {
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
            width,
        })
    }

    /// The reference for number `n`.
    pub fn format(&self, n: i64) -> String {
        format!(
            "{}{:0width$}{}",
            self.prefix,
            n,
            self.suffix,
            width = self.width
        )
    }

    /// The number in a reference that follows the pattern, if it does.
    pub fn number_of(&self, reference: &str) -> Option<i64> {
        let middle = reference
            .strip_prefix(&self.prefix)?
            .strip_suffix(&self.suffix)?;
        if middle.is_empty() || !middle.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Every character is a digit: only overflow fails, and that clips.
        Some(middle.parse().unwrap_or(i64::MAX))
    }

    /// True when `reference` follows the pattern.
    pub fn matches(&self, reference: &str) -> bool {
        self.number_of(reference).is_some()
    }
}

impl fmt::Display for ReferencePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.width > 0 {
            write!(f, "{}{{ref:0{}d}}{}", self.prefix, self.width, self.suffix)
        } else {
            write!(f, "{}{{ref}}{}", self.prefix, self.suffix)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn patterns_format_and_read_back_references() {
        let p = ReferencePattern::parse("PO-{ref:04d}").unwrap();
        assert_eq!(p.format(7), "PO-0007");
        assert_eq!(p.format(12345), "PO-12345");
        assert_eq!(p.number_of("PO-0042"), Some(42));
        assert_eq!(p.number_of("PO-42"), Some(42));
        assert_eq!(p.number_of("SO-0042"), None);
        assert_eq!(p.number_of("PO-"), None);
        let plain = ReferencePattern::parse("{ref}/2026").unwrap();
        assert_eq!(plain.format(3), "3/2026");
        assert!(plain.matches("17/2026"));
        assert_eq!(p.to_string(), "PO-{ref:04d}");
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert_eq!(
            ReferencePattern::parse("PO-"),
            Err(PatternError::MissingRef)
        );
        assert_eq!(
            ReferencePattern::parse("{ref}-{ref}"),
            Err(PatternError::RepeatedRef)
        );
        assert!(matches!(
            ReferencePattern::parse("{ref:x}"),
            Err(PatternError::BadFormat(_))
        ));
        assert!(matches!(
            ReferencePattern::parse("{date}-{ref}"),
            Err(PatternError::OtherField(_))
        ));
    }
}
