//! Stock items and their tracking history.

mod import;
mod items;
mod tracking;

pub use items::{NewStockItem, StockItem, StockItemChanges};
pub use tracking::{NewTracking, TrackingEntry};
