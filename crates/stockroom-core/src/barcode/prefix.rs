//! The `SHORT_BARCODE_PREFIX` plugin setting.

use std::fmt;

use super::input::MAX_BARCODE_CHARS;
use super::text::is_python_space;

/// The text in front of every short internal barcode (`INV-` in `INV-SI123`).
///
/// InvenTree accepts any text here and so does Stockroom, so settings copied from an InvenTree
/// instance keep working. Refused are only prefixes whose codes could never be scanned back:
/// one starting with whitespace (the scan path trims it away), one containing NUL (the
/// `barcode` field refuses it), and one so long that a code would exceed the field's
/// 4095 characters. Matching is exact and case-sensitive.
///
/// A prefix outside the QR alphanumeric set (`0-9A-Z $%*+-./:`), lower case for example, works
/// but forces QR byte mode and larger symbols; [`is_qr_alphanumeric`](Self::is_qr_alphanumeric)
/// lets the settings page warn about it.
///
/// ```
/// use stockroom_core::barcode::ShortBarcodePrefix;
///
/// assert_eq!(ShortBarcodePrefix::default().as_str(), "INV-");
/// assert!(ShortBarcodePrefix::parse("").is_ok());
/// assert!(!ShortBarcodePrefix::parse("inv-").unwrap().is_qr_alphanumeric());
/// assert!(ShortBarcodePrefix::parse(" INV-").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShortBarcodePrefix(String);

/// Why a text cannot be the short barcode prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PrefixError {
    /// Starts with Python whitespace, which the scan path trims off every code.
    #[error("The barcode prefix must not start with whitespace.")]
    LeadingWhitespace,
    /// Contains U+0000, which the scan field refuses.
    #[error("Null characters are not allowed.")]
    NullCharacter,
    /// Longer than [`ShortBarcodePrefix::MAX_CHARS`].
    #[error("Ensure this field has no more than 4074 characters.")]
    TooLong,
}

impl ShortBarcodePrefix {
    /// InvenTree's default prefix.
    pub const DEFAULT: &'static str = "INV-";

    /// Longest prefix, in characters: room is left for the two-letter code and the 19 digits
    /// of the largest pk, so every generated code fits the scan field.
    pub const MAX_CHARS: usize = MAX_BARCODE_CHARS - 2 - 19;

    /// Checks a configured prefix.
    pub fn parse(text: &str) -> Result<ShortBarcodePrefix, PrefixError> {
        if text.starts_with(is_python_space) {
            return Err(PrefixError::LeadingWhitespace);
        }
        if text.contains('\0') {
            return Err(PrefixError::NullCharacter);
        }
        if text.chars().nth(Self::MAX_CHARS).is_some() {
            return Err(PrefixError::TooLong);
        }
        Ok(ShortBarcodePrefix(text.to_owned()))
    }

    /// The empty prefix: codes are just `SI123`.
    pub fn empty() -> ShortBarcodePrefix {
        ShortBarcodePrefix(String::new())
    }

    /// The prefix text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a QR code can hold the prefix in alphanumeric mode.
    pub fn is_qr_alphanumeric(&self) -> bool {
        self.0.chars().all(is_qr_alphanumeric)
    }
}

/// One of the 45 characters of QR alphanumeric mode.
pub(crate) const fn is_qr_alphanumeric(c: char) -> bool {
    matches!(
        c,
        '0'..='9' | 'A'..='Z' | ' ' | '$' | '%' | '*' | '+' | '-' | '.' | '/' | ':'
    )
}

impl Default for ShortBarcodePrefix {
    fn default() -> Self {
        ShortBarcodePrefix(Self::DEFAULT.to_owned())
    }
}

impl TryFrom<&str> for ShortBarcodePrefix {
    type Error = PrefixError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        ShortBarcodePrefix::parse(text)
    }
}

impl TryFrom<String> for ShortBarcodePrefix {
    type Error = PrefixError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        ShortBarcodePrefix::parse(&text)?;
        Ok(ShortBarcodePrefix(text))
    }
}

impl AsRef<str> for ShortBarcodePrefix {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ShortBarcodePrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_default_prefix_is_inv_dash() {
        assert_eq!(ShortBarcodePrefix::default().as_str(), "INV-");
        assert!(ShortBarcodePrefix::default().is_qr_alphanumeric());
    }

    #[test]
    fn any_text_inventree_accepts_is_accepted() {
        for text in [
            "", "INV-", "TEST", "inv-", "ACME_", "Lager ", "ÄÖÜ-", "\u{4}X",
        ] {
            assert_eq!(ShortBarcodePrefix::parse(text).unwrap().as_str(), text);
        }
    }

    #[test]
    fn prefixes_that_could_never_scan_back_are_refused() {
        for text in [" INV-", "\tINV-", "\u{1d}INV-", "\u{a0}", " "] {
            assert_eq!(
                ShortBarcodePrefix::parse(text),
                Err(PrefixError::LeadingWhitespace),
                "{text:?}"
            );
        }
        assert_eq!(
            ShortBarcodePrefix::parse("IN\0V"),
            Err(PrefixError::NullCharacter)
        );
    }

    #[test]
    fn the_longest_prefix_still_leaves_room_for_the_largest_code() {
        let longest = "X".repeat(ShortBarcodePrefix::MAX_CHARS);
        assert!(ShortBarcodePrefix::parse(&longest).is_ok());
        assert_eq!(
            ShortBarcodePrefix::try_from(format!("{longest}X")),
            Err(PrefixError::TooLong)
        );
        assert_eq!(
            PrefixError::TooLong.to_string(),
            format!(
                "Ensure this field has no more than {} characters.",
                ShortBarcodePrefix::MAX_CHARS
            )
        );
    }

    #[test]
    fn the_qr_alphanumeric_set_has_45_characters() {
        let count = (0..=0x7f_u8)
            .map(char::from)
            .filter(|&c| is_qr_alphanumeric(c))
            .count();
        assert_eq!(count, 45);
        assert!(
            !ShortBarcodePrefix::parse("inv-")
                .unwrap()
                .is_qr_alphanumeric()
        );
        assert!(
            !ShortBarcodePrefix::parse("INV_")
                .unwrap()
                .is_qr_alphanumeric()
        );
        assert!(
            ShortBarcodePrefix::parse("A1 $%*+-./:")
                .unwrap()
                .is_qr_alphanumeric()
        );
        assert!(ShortBarcodePrefix::empty().is_qr_alphanumeric());
    }
}
