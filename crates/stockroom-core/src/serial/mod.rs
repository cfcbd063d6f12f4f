//! Serial numbers: pattern grammar, increment, integer sort key.
//!
//! Everything here is pure. The store decides which serials exist in a scope; this module
//! turns what a user typed (`1, 2, 4-7, 10`, `~+5`) into serials, orders them, and says which
//! comes next. The rules are `spec/stock-tracking.md`; error texts are InvenTree's.

mod collector;
mod error;
mod groups;
mod increment;
mod key;
mod number;
mod pattern;

#[cfg(test)]
mod tests;

pub use error::{SerialError, SerialNumberError};
pub use increment::{DefaultIncrement, Increment, Walk, increment_serial};
pub use key::{
    SERIAL_INT_MAX, compare_serials, latest_serial, latest_serial_by_key, next_serial, serial_int,
};
pub use number::{MAX_SERIAL_LENGTH, SerialNumber};
pub use pattern::{DEFAULT_MAX_QUANTITY, SerialPattern};
