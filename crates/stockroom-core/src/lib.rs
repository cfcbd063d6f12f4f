//! Stockroom's pure domain crate.
//!
//! Everything here is deterministic and free of I/O: no database, no async runtime, no HTTP.
//! The store and server crates build on these types; the fuzz targets and property tests
//! exercise them directly.

pub mod barcode;
pub mod batch;
pub mod model;
pub mod quantity;
pub mod reference;
pub mod serial;
pub mod settings;
pub mod status;

pub use model::ModelType;
pub use quantity::{Quantity, QuantityError};
