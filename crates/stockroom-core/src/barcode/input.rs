//! The scan endpoints' `barcode` field, validated as InvenTree's DRF serializer does.

use std::fmt;

use super::hash::BarcodeHash;
use super::text::python_strip;

/// Longest `barcode` value the scan endpoints accept, in characters, after trimming.
pub const MAX_BARCODE_CHARS: usize = 4095;

/// Scanned barcode data, trimmed and validated: the input of every barcode plugin.
///
/// The value is trimmed with Python's whitespace set, as DRF does (design.md, "The scan path").
/// Nothing inside is touched, so the GS, RS and EOT separators of supplier and GS1 labels reach
/// their parsers. Only separators at the very ends are lost: GS and RS count as whitespace in
/// Python, so a label that ends in RS without the final EOT loses that RS (as in InvenTree);
/// supplier parsers must not require a trailing separator. Only [`BarcodeHash`] removes
/// control characters.
///
/// ```
/// use stockroom_core::barcode::{BarcodeInput, BarcodeInputError};
///
/// let input = BarcodeInput::parse("  INV-SI12\r\n").unwrap();
/// assert_eq!(input.as_str(), "INV-SI12");
///
/// let error = BarcodeInput::parse(" \t ").unwrap_err();
/// assert_eq!(error.errors(), &[BarcodeInputError::Blank]);
/// assert_eq!(error.messages().collect::<Vec<_>>(), ["This field may not be blank."]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BarcodeInput(String);

/// One reason the `barcode` field is refused. `Display` gives DRF's exact message.
///
/// DRF also refuses surrogate code points (`Surrogate characters are not allowed: U+D800.`).
/// A Rust string cannot hold one, and `serde_json` already refuses a lone surrogate escape
/// while reading the request body, so that case belongs to the code that decodes the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum BarcodeInputError {
    /// Empty or whitespace-only (DRF checks this first and reports nothing else).
    #[error("This field may not be blank.")]
    Blank,
    /// More than [`MAX_BARCODE_CHARS`] characters after trimming.
    #[error("Ensure this field has no more than 4095 characters.")]
    TooLong,
    /// Contains U+0000.
    #[error("Null characters are not allowed.")]
    NullCharacter,
}

/// Every reason the `barcode` field was refused, in the order DRF lists them.
///
/// DRF runs all of a field's validators and reports each failure, so an over-long value with
/// a NUL in it gets both messages in `{"barcode": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.messages().collect::<Vec<_>>().join(" "))]
pub struct InvalidBarcodeInput(Vec<BarcodeInputError>);

impl BarcodeInput {
    /// Trims and validates raw field text.
    pub fn parse(raw: &str) -> Result<BarcodeInput, InvalidBarcodeInput> {
        let trimmed = python_strip(raw);
        if trimmed.is_empty() {
            return Err(InvalidBarcodeInput(vec![BarcodeInputError::Blank]));
        }
        let mut errors = Vec::new();
        // Characters, not bytes: DRF counts Python code points, which Rust `char`s match.
        if trimmed.chars().nth(MAX_BARCODE_CHARS).is_some() {
            errors.push(BarcodeInputError::TooLong);
        }
        if trimmed.contains('\0') {
            errors.push(BarcodeInputError::NullCharacter);
        }
        if errors.is_empty() {
            Ok(BarcodeInput(trimmed.to_owned()))
        } else {
            Err(InvalidBarcodeInput(errors))
        }
    }

    /// The trimmed data: what the API echoes as `barcode_data`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The trimmed data, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The hash reported as `barcode_hash` and used to find linked barcodes.
    pub fn hash(&self) -> BarcodeHash {
        BarcodeHash::of(&self.0)
    }
}

impl InvalidBarcodeInput {
    /// The individual failures, never empty.
    pub fn errors(&self) -> &[BarcodeInputError] {
        &self.0
    }

    /// DRF's messages, for `{"barcode": [...]}`.
    pub fn messages(&self) -> impl Iterator<Item = String> + '_ {
        self.0.iter().map(ToString::to_string)
    }
}

impl TryFrom<&str> for BarcodeInput {
    type Error = InvalidBarcodeInput;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        BarcodeInput::parse(raw)
    }
}

impl AsRef<str> for BarcodeInput {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BarcodeInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use BarcodeInputError::{Blank, NullCharacter, TooLong};

    fn errors(raw: &str) -> Vec<BarcodeInputError> {
        BarcodeInput::parse(raw).unwrap_err().errors().to_vec()
    }

    #[test]
    fn surrounding_whitespace_is_trimmed_the_python_way() {
        let input = BarcodeInput::parse("\u{1c}\u{a0} INV-SI12 \r\n\u{3000}").unwrap();
        assert_eq!(input.as_str(), "INV-SI12");
    }

    #[test]
    fn group_record_and_transmission_separators_inside_are_kept() {
        let label = "[)>\u{1e}06\u{1d}KP0-1337\u{1d}Q3\u{1e}\u{4}";
        assert_eq!(BarcodeInput::parse(label).unwrap().as_str(), label);
    }

    #[test]
    fn a_trailing_record_separator_without_end_of_transmission_is_trimmed() {
        let input = BarcodeInput::parse("[)>\u{1e}06\u{1d}Q3\u{1e}").unwrap();
        assert_eq!(input.as_str(), "[)>\u{1e}06\u{1d}Q3");
    }

    #[test]
    fn empty_and_whitespace_only_values_are_blank() {
        for raw in ["", " ", "\t\r\n", "\u{1d}\u{1e}", "\u{85}\u{2028}"] {
            assert_eq!(errors(raw), [Blank], "{raw:?}");
        }
        assert_eq!(
            BarcodeInput::parse("").unwrap_err().to_string(),
            "This field may not be blank."
        );
    }

    #[test]
    fn values_up_to_4095_characters_are_accepted_after_trimming() {
        let longest = "é".repeat(MAX_BARCODE_CHARS);
        assert_eq!(BarcodeInput::parse(&longest).unwrap().as_str(), longest);
        let padded = format!("  {longest}\n");
        assert!(BarcodeInput::parse(&padded).is_ok());
    }

    #[test]
    fn values_over_4095_characters_are_too_long() {
        let raw = "x".repeat(MAX_BARCODE_CHARS + 1);
        assert_eq!(errors(&raw), [TooLong]);
        assert_eq!(
            BarcodeInput::parse(&raw)
                .unwrap_err()
                .messages()
                .collect::<Vec<_>>(),
            ["Ensure this field has no more than 4095 characters."]
        );
    }

    #[test]
    fn null_characters_are_refused_anywhere_but_outside_the_trimmed_value() {
        assert_eq!(errors("a\0b"), [NullCharacter]);
        assert_eq!(errors("\0"), [NullCharacter]);
        assert_eq!(
            NullCharacter.to_string(),
            "Null characters are not allowed."
        );
    }

    #[test]
    fn every_failed_validator_is_reported_in_drf_order() {
        let raw = format!("\0{}", "x".repeat(MAX_BARCODE_CHARS));
        assert_eq!(errors(&raw), [TooLong, NullCharacter]);
    }

    #[test]
    fn blank_hides_every_other_failure() {
        assert_eq!(errors(&" ".repeat(MAX_BARCODE_CHARS * 2)), [Blank]);
    }

    #[test]
    fn the_hash_is_taken_of_the_trimmed_value() {
        let input = BarcodeInput::parse(" abc\n").unwrap();
        assert_eq!(input.hash().to_string(), "900150983cd24fb0d6963f7d28e17f72");
    }
}
