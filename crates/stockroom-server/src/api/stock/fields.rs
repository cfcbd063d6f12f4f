//! Field declarations of stock items.

use crate::api::fields::{Choice, ChoiceValue, DefaultValue, Field, Kind};

macro_rules! choices {
    ($($value:literal => $display:literal),* $(,)?) => {
        &[$(Choice { value: ChoiceValue::Int($value), display: $display }),*]
    };
}

/// InvenTree's `StockStatus` choices.
pub(crate) const STATUS: &[Choice] = choices!(
    10 => "OK", 50 => "Attention needed", 55 => "Damaged", 60 => "Destroyed",
    65 => "Rejected", 70 => "Lost", 75 => "Quarantined", 85 => "Returned",
);

/// The fields of a stock item.
pub(crate) const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("part", Kind::Related("part", "/api/part/"), "Part")
        .required()
        .help("Base Part"),
    Field::new("quantity", Kind::Decimal, "Quantity").required(),
    Field::text("serial", "Serial Number", 100)
        .nullable()
        .help("Serial number for this item"),
    Field::text("batch", "Batch Code", 100)
        .nullable()
        .help("Batch code for this stock item"),
    Field::link(
        "location",
        "Stock Location",
        "stocklocation",
        "/api/stock/location/",
    )
    .help("Where is this stock item located?"),
    Field::shown(
        "belongs_to",
        Kind::Related("stockitem", "/api/stock/"),
        "Installed In",
    ),
    Field::shown(
        "build",
        Kind::Related("build", "/api/build/"),
        "Source Build",
    ),
    Field::shown(
        "consumed_by",
        Kind::Related("build", "/api/build/"),
        "Consumed By",
    ),
    Field::link("customer", "Customer", "company", "/api/company/").help("Customer"),
    Field::flag("delete_on_deplete", "Delete on deplete", true)
        .help("Delete this Stock Item when stock is depleted"),
    Field::new("expiry_date", Kind::Date, "Expiry Date")
        .nullable()
        .help("Expiry date for stock item. Stock will be considered expired after this date"),
    Field::shown("in_stock", Kind::Boolean, "In Stock"),
    Field::shown("is_building", Kind::Boolean, "Is Building"),
    Field::new("link", Kind::Url, "External Link")
        .blank()
        .max_length(2000)
        .help("Link to external URL"),
    Field::text("notes", "Notes", 50000)
        .nullable()
        .help("Markdown notes (optional)"),
    Field::link("owner", "Owner", "owner", "/api/user/owner/").help("Select Owner"),
    Field::text("packaging", "Packaging", 50)
        .nullable()
        .help("Packaging this stock item is stored in"),
    Field::shown(
        "parent",
        Kind::Related("stockitem", "/api/stock/"),
        "Parent Item",
    ),
    Field::link(
        "purchase_order",
        "Source Purchase Order",
        "purchaseorder",
        "/api/order/po/",
    )
    .help("Purchase order for this stock item"),
    Field::shown(
        "purchase_order_reference",
        Kind::String,
        "Purchase order reference",
    ),
    Field::shown(
        "sales_order",
        Kind::Related("salesorder", "/api/order/so/"),
        "Destination Sales Order",
    ),
    Field::shown(
        "sales_order_reference",
        Kind::String,
        "Sales order reference",
    ),
    Field::new("status", Kind::Choice(STATUS), "Status")
        .default(DefaultValue::Int(10))
        .help("Stock item status code"),
    Field::shown("status_text", Kind::String, "Status"),
    Field::link(
        "supplier_part",
        "Supplier Part",
        "supplierpart",
        "/api/company/part/",
    )
    .help("Select a matching supplier part for this stock item"),
    Field::shown("SKU", Kind::String, "Supplier Part Number"),
    Field::shown("MPN", Kind::String, "Manufacturer Part Number"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
    Field::shown("updated", Kind::Date, "Updated"),
    Field::shown("stocktake_date", Kind::Date, "Stocktake Date"),
    Field::new("purchase_price", Kind::Float, "Purchase Price")
        .nullable()
        .help("Purchase price of this stock item, per unit or pack"),
    Field::new("purchase_price_currency", Kind::String, "Currency")
        .blank()
        .max_length(3)
        .help("Purchase currency of this stock item"),
    Field::new("use_pack_size", Kind::Boolean, "Use pack size")
        .nullable()
        .write_only()
        .help("Use pack size when adding: the quantity defined is the number of packs"),
    Field::new("serial_numbers", Kind::String, "Serial Numbers")
        .nullable()
        .blank()
        .write_only()
        .help("Enter serial numbers for new items"),
    Field::shown("allocated", Kind::Float, "Allocated Quantity"),
    Field::shown("expired", Kind::Boolean, "Expired"),
    Field::shown("installed_items", Kind::Integer, "Installed Items"),
    Field::shown("child_items", Kind::Integer, "Child Items"),
    Field::shown("stale", Kind::Boolean, "Stale"),
    Field::shown("tracking_items", Kind::Integer, "Tracking Items"),
];

/// One entry of a count, add, remove or transfer request.
pub(crate) const ITEM_FIELDS: &[Field] = &[
    Field::new(
        "pk",
        Kind::Related("stockitem", "/api/stock/"),
        "stock_item",
    )
    .required()
    .help("StockItem primary key value"),
    Field::new("quantity", Kind::Decimal, "Quantity").required(),
    Field::text("batch", "Batch Code", 100).help("Batch code for this stock item"),
    Field::new("status", Kind::Choice(STATUS), "Status")
        .nullable()
        .help("Stock item status code"),
    Field::text("packaging", "Packaging", 50).help("Packaging this stock item is stored in"),
];

/// A transfer entry may also ask to merge into stock at the destination.
pub(crate) const TRANSFER_ITEM_FIELDS: &[Field] = &[
    ITEM_FIELDS[0],
    ITEM_FIELDS[1],
    ITEM_FIELDS[2],
    ITEM_FIELDS[3],
    ITEM_FIELDS[4],
    Field::flag("merge", "Merge into existing stock", false),
];

pub(crate) const NOTES: Field = Field::text("notes", "Notes", 512).help("Stock transaction notes");

/// The body of count, add and remove.
pub(crate) const ADJUST_FIELDS: &[Field] =
    &[Field::new("items", Kind::List, "Items").required(), NOTES];

/// The body of a transfer.
pub(crate) const TRANSFER_FIELDS: &[Field] = &[
    Field::new("items", Kind::List, "Items").required(),
    NOTES,
    Field::new(
        "location",
        Kind::Related("stocklocation", "/api/stock/location/"),
        "Location",
    )
    .required()
    .help("Destination stock location"),
];

pub(crate) const MERGE_ITEM_FIELDS: &[Field] = &[Field::new(
    "item",
    Kind::Related("stockitem", "/api/stock/"),
    "Stock Item",
)
.required()];

/// The body of a merge.
pub(crate) const MERGE_FIELDS: &[Field] = &[
    Field::new("items", Kind::List, "Items").required(),
    Field::new(
        "location",
        Kind::Related("stocklocation", "/api/stock/location/"),
        "Location",
    )
    .required()
    .help("Destination stock location"),
    Field::text("notes", "Notes", 512).help("Stock merging notes"),
    Field::new(
        "allow_mismatched_suppliers",
        Kind::Boolean,
        "Allow mismatched suppliers",
    )
    .help("Allow stock items with different supplier parts to be merged"),
    Field::new(
        "allow_mismatched_status",
        Kind::Boolean,
        "Allow mismatched status",
    )
    .help("Allow stock items with different status codes to be merged"),
];
