//! The `SerialNumber` newtype: one stored serial, checked once at the edge.

use std::fmt;
use std::str::FromStr;

use super::error::SerialNumberError;

/// Longest serial, in characters: InvenTree's `StockItem.serial` is `CharField(max_length=100)`.
pub const MAX_SERIAL_LENGTH: usize = 100;

/// A serial number as stored on a stock item: trimmed, non-empty, at most
/// [`MAX_SERIAL_LENGTH`] characters, no control characters.
///
/// Comparison is exact and case-sensitive, as InvenTree's uniqueness check is. `Ord` is byte
/// order of the text; lists of serials sort by [`compare_serials`](super::compare_serials)
/// instead.
///
/// ```
/// use stockroom_core::serial::SerialNumber;
///
/// let serial = SerialNumber::parse("  AB-0042 ").unwrap();
/// assert_eq!(serial.as_str(), "AB-0042");
/// assert!(SerialNumber::parse("   ").is_err());
/// ```
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct SerialNumber(String);

impl SerialNumber {
    /// Checks and trims a serial number.
    pub fn parse(text: &str) -> Result<SerialNumber, SerialNumberError> {
        check(text).map(|trimmed| SerialNumber(trimmed.to_owned()))
    }

    /// The serial's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The serial's text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// InvenTree's integer sort key of this serial (see [`serial_int`](super::serial_int)).
    pub fn serial_int(&self) -> i32 {
        super::serial_int(&self.0)
    }
}

/// Trims `text` and checks the rules, returning the trimmed slice.
fn check(text: &str) -> Result<&str, SerialNumberError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(SerialNumberError::Empty);
    }
    // Characters, not bytes: the database column length counts characters.
    if trimmed.chars().count() > MAX_SERIAL_LENGTH {
        return Err(SerialNumberError::TooLong {
            max: MAX_SERIAL_LENGTH,
        });
    }
    if trimmed.chars().any(char::is_control) {
        return Err(SerialNumberError::ControlCharacter);
    }
    Ok(trimmed)
}

impl fmt::Display for SerialNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for SerialNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for SerialNumber {
    type Err = SerialNumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        SerialNumber::parse(text)
    }
}

impl TryFrom<String> for SerialNumber {
    type Error = SerialNumberError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        // Keep the allocation when there is nothing to trim.
        if check(&text)?.len() == text.len() {
            return Ok(SerialNumber(text));
        }
        SerialNumber::parse(&text)
    }
}

impl TryFrom<&str> for SerialNumber {
    type Error = SerialNumberError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        SerialNumber::parse(text)
    }
}

impl From<SerialNumber> for String {
    fn from(serial: SerialNumber) -> String {
        serial.0
    }
}
