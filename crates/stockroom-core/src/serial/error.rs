//! Errors of serial-number parsing and pattern expansion.
//!
//! The pattern errors carry InvenTree's exact English texts (`InvenTree/helpers.py`), so the
//! API can return them unchanged and existing clients keep matching on them.

/// Why a pattern could not be expanded into serial numbers.
///
/// `Display` gives the exact message sent to clients.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum SerialError {
    /// The quantity is not a positive whole number.
    #[error("Invalid quantity provided")]
    InvalidQuantity,
    /// The quantity is above the configured `SERIAL_NUMBER_MAX_QUANTITY`.
    #[error("Cannot serialize more than {max} items at once")]
    TooManyItems {
        /// The configured maximum.
        max: u64,
    },
    /// The pattern is empty or only whitespace.
    #[error("Empty serial number string")]
    EmptyPattern,
    /// A `~` needs the value after `serial`, and the increment rule has none.
    #[error("Cannot increment serial number: {serial}")]
    CannotIncrement {
        /// The serial that could not be incremented.
        serial: String,
    },
    /// The same serial appears more than once.
    #[error("Duplicate serial: {serial}")]
    Duplicate {
        /// The repeated serial.
        serial: String,
    },
    /// A range or `+` group that cannot be walked (bad bounds, no trailing digits, bad count).
    #[error("Invalid group: {group}")]
    InvalidGroup {
        /// The group as written (with `~` already replaced).
        group: String,
    },
    /// A range or `+` group that would produce more serials than the quantity leaves room for.
    #[error("Group range {group} exceeds allowed quantity ({quantity})")]
    GroupExceedsQuantity {
        /// The group as written (with `~` already replaced).
        group: String,
        /// The requested quantity (not what remained of it: InvenTree's text).
        quantity: i64,
    },
    /// The pattern held only separators.
    #[error("No serial numbers found")]
    NoSerials,
    /// The groups produced a different number of serials than requested.
    #[error("Number of unique serial numbers ({found}) must match quantity ({quantity})")]
    CountMismatch {
        /// How many distinct serials the groups produced.
        found: usize,
        /// The requested quantity.
        quantity: i64,
    },
}

impl SerialError {
    /// The request field InvenTree reports this error under: `quantity` for the size cap
    /// (InvenTree raises it as `{'quantity': [...]}`), `serial_numbers` for everything else.
    pub fn field(&self) -> &'static str {
        match self {
            SerialError::TooManyItems { .. } => "quantity",
            _ => "serial_numbers",
        }
    }
}

/// Why a text is not a [`SerialNumber`](super::SerialNumber).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SerialNumberError {
    /// Nothing left after trimming whitespace.
    #[error("Serial number cannot be empty")]
    Empty,
    /// More characters than the stored column holds.
    #[error("Serial number cannot be longer than {max} characters")]
    TooLong {
        /// The maximum length, in characters.
        max: usize,
    },
    /// A control character (newline, tab, NUL, ...) inside the serial.
    #[error("Serial number cannot contain control characters")]
    ControlCharacter,
}
