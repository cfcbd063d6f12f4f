//! Internal barcode formats and the barcode hash.
//!
//! A scan starts from the `barcode` field, trimmed and checked by [`BarcodeInput`]. The
//! internal plugin asks [`parse_internal`] which objects the data names (short `INV-SI123`,
//! JSON `{"stockitem": 123}`, or the legacy JSON forms); the store then checks they exist. If
//! none does, the linked-barcode lookup uses [`BarcodeHash`], InvenTree's MD5 of the
//! normalised data. [`generate`] writes an object's internal barcode in the configured
//! [`Format`] with the configured [`ShortBarcodePrefix`].

mod format;
mod hash;
mod input;
mod internal;
mod json;
mod prefix;
mod text;

#[cfg(test)]
mod proptests;

pub use format::{Format, Syntax, UnknownFormat};
pub use hash::{BarcodeHash, BarcodeHashError};
pub use input::{BarcodeInput, BarcodeInputError, InvalidBarcodeInput, MAX_BARCODE_CHARS};
pub use internal::{InternalBarcode, generate, parse_internal};
pub use prefix::{PrefixError, ShortBarcodePrefix};
