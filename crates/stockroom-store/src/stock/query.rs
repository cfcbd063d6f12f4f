//! What a stock list asks for: InvenTree's filters and sort keys.

use chrono::NaiveDate;

use crate::listing::PageRequest;

/// A filter on a link: `Some(None)` for "not set", `Some(Some(pk))` for that object.
pub type LinkFilter = Option<Option<i64>>;

/// What to list. `None` leaves a filter off.
#[derive(Debug, Clone, Default)]
pub struct StockQuery {
    pub part: Option<i64>,
    /// With `part`, include stock of its variants (InvenTree's default).
    pub include_variants: bool,
    /// Every part of the template/variant tree of this part.
    pub part_tree: Option<i64>,
    /// Parts in this category or below it.
    pub category: Option<i64>,
    pub location: LinkFilter,
    /// With `location`, include sub-locations (InvenTree's default).
    pub cascade: bool,
    pub status: Option<i32>,
    /// Batch code, case-insensitive.
    pub batch: Option<String>,
    /// Batch code matching this case-insensitive regular expression.
    pub batch_regex: Option<super::BatchRegex>,
    /// Serial number, exact.
    pub serial: Option<String>,
    pub serial_gte: Option<i64>,
    pub serial_lte: Option<i64>,
    pub serialized: Option<bool>,
    pub has_batch: Option<bool>,
    /// Has a batch code or a serial number.
    pub tracked: Option<bool>,
    pub is_building: Option<bool>,
    /// Installed in another item.
    pub installed: Option<bool>,
    pub in_stock: Option<bool>,
    /// In stock and not wholly allocated.
    pub available: Option<bool>,
    /// Past its expiry date (ignored unless `STOCK_ENABLE_EXPIRY` is on).
    pub expired: Option<bool>,
    /// Quantity zero.
    pub depleted: Option<bool>,
    /// Consumed by a build.
    pub consumed: Option<bool>,
    pub sent_to_customer: Option<bool>,
    pub has_purchase_price: Option<bool>,
    /// In an external location.
    pub external: Option<bool>,
    pub has_installed_items: Option<bool>,
    pub has_child_items: Option<bool>,
    pub belongs_to: LinkFilter,
    pub parent: LinkFilter,
    pub supplier_part: LinkFilter,
    pub purchase_order: LinkFilter,
    pub sales_order: LinkFilter,
    pub customer: LinkFilter,
    pub build: LinkFilter,
    pub consumed_by: LinkFilter,
    /// Quantity at least / at most, in 1/100000 units.
    pub min_stock: Option<i64>,
    pub max_stock: Option<i64>,
    /// Part name (case-insensitive), exactly or containing.
    pub name: Option<String>,
    pub name_contains: Option<String>,
    /// Part IPN (case-insensitive), exactly or containing.
    pub ipn: Option<String>,
    pub ipn_contains: Option<String>,
    /// Part flags.
    pub assembly: Option<bool>,
    pub active: Option<bool>,
    pub salable: Option<bool>,
    /// Supplied by this company (through the item's supplier part).
    pub supplier: Option<i64>,
    /// Made by this company (through the supplier part's manufacturer part).
    pub manufacturer: Option<i64>,
    /// Supplied or made by this company.
    pub company: Option<i64>,
    /// Allocated to a sales order or a build.
    pub allocated: Option<bool>,
    /// In stock and expiring within `STOCK_STALE_DAYS` (ignored when that is zero).
    pub stale: Option<bool>,
    /// Date bounds, exclusive, as InvenTree's `*_before` / `*_after` filters.
    pub expiry_before: Option<NaiveDate>,
    pub expiry_after: Option<NaiveDate>,
    pub stocktake_before: Option<NaiveDate>,
    pub stocktake_after: Option<NaiveDate>,
    pub updated_before: Option<NaiveDate>,
    pub updated_after: Option<NaiveDate>,
    /// Serial, batch, part name, IPN, part description or location name contains this.
    pub search: Option<String>,
    pub ordering: Vec<(StockOrder, bool)>,
    pub page: PageRequest,
}

/// Sort keys of the stock list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockOrder {
    PartName,
    Ipn,
    Quantity,
    /// Quantity, then serial.
    Stock,
    /// Numeric serial key, then the serial text.
    Serial,
    /// The location's path.
    Location,
    Status,
    Batch,
    Updated,
    StocktakeDate,
    ExpiryDate,
    Packaging,
    Sku,
    Mpn,
    Id,
}
