//! Field declarations of build orders and their action bodies.

use crate::api::fields::{Choice, ChoiceValue, DefaultValue, Field, Kind};

macro_rules! choices {
    ($($value:literal => $display:literal),* $(,)?) => {
        &[$(Choice { value: ChoiceValue::Int($value), display: $display }),*]
    };
}

/// InvenTree's `BuildStatus` choices.
const BUILD_STATUS: &[Choice] = choices!(
    10 => "Pending", 20 => "Production", 25 => "On Hold", 30 => "Cancelled", 40 => "Complete",
);

/// InvenTree's `StockStatus` choices, for completed outputs.
const STOCK_STATUS: &[Choice] = choices!(
    10 => "OK", 50 => "Attention needed", 55 => "Damaged", 60 => "Destroyed",
    65 => "Rejected", 70 => "Lost", 75 => "Quarantined", 85 => "Returned",
);

/// The fields of a build order.
pub(crate) const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("reference", Kind::String, "Reference")
        .required()
        .max_length(64),
    Field::text("title", "Description", 100).help("Brief description of the build (optional)"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
    Field::text("batch", "Batch Code", 100)
        .nullable()
        .help("Batch code for this build output"),
    Field::shown("creation_date", Kind::Date, "Creation Date"),
    Field::shown("completed", Kind::Float, "Completed items"),
    Field::shown("completion_date", Kind::Date, "Completion Date"),
    Field::link("destination", "Destination Location", "stocklocation", "/api/stock/location/")
        .help("Select location where the completed items will be stored"),
    Field::link("parent", "Parent Build", "build", "/api/build/")
        .help("BuildOrder to which this build is allocated"),
    Field::new("part", Kind::Related("part", "/api/part/"), "Part")
        .required()
        .help("Select part to build")
        .filters(&[("assembly", true), ("active", true), ("virtual", false)]),
    Field::new("quantity", Kind::Decimal, "Build Quantity")
        .required()
        .help("Number of stock items to build"),
    Field::link("sales_order", "Sales Order Reference", "salesorder", "/api/order/so/")
        .help("SalesOrder to which this build is allocated"),
    Field::shown("status", Kind::Choice(BUILD_STATUS), "Build Status"),
    Field::shown("status_text", Kind::String, "Status"),
    Field::new("start_date", Kind::Date, "Build start date").nullable(),
    Field::new("target_date", Kind::Date, "Target completion date")
        .nullable()
        .help("Target date for build completion. Build will be overdue after this date."),
    Field::link("take_from", "Source Location", "stocklocation", "/api/stock/location/").help(
        "Select location to take stock from for this build (leave blank to take from any stock location)",
    ),
    Field::text("notes", "Notes", 50000).nullable(),
    Field::new("link", Kind::Url, "External Link")
        .blank()
        .max_length(2000)
        .help("Link to external URL"),
    Field::link("issued_by", "Issued by", "user", "/api/user/")
        .help("User who issued this build order"),
    Field::flag("external", "External", false)
        .help("This build order is fulfilled externally"),
];

/// `create-output`.
pub(crate) const CREATE_OUTPUT: &[Field] = &[
    Field::new("quantity", Kind::Decimal, "Quantity")
        .required()
        .help("Enter quantity for build output"),
    Field::text("batch_code", "Batch Code", 100).help("Batch code for this build output"),
    Field::text("serial_numbers", "Serial Numbers", 10000)
        .help("Enter serial numbers for build outputs"),
    Field::link(
        "location",
        "Location",
        "stocklocation",
        "/api/stock/location/",
    )
    .help("Stock location for build output"),
    Field::flag("auto_allocate", "Auto Allocate Serial Numbers", false).nullable(),
];

/// `complete-outputs`.
pub(crate) const COMPLETE_OUTPUTS: &[Field] = &[
    Field::new("outputs", Kind::List, "Outputs").required(),
    Field::new(
        "location",
        Kind::Related("stocklocation", "/api/stock/location/"),
        "Location",
    )
    .required()
    .help("Location for completed build outputs"),
    Field::new("status", Kind::Choice(STOCK_STATUS), "Status").default(DefaultValue::Int(10)),
    Field::flag(
        "accept_incomplete_allocation",
        "Accept Incomplete Allocation",
        false,
    )
    .help("Complete outputs if stock has not been fully allocated"),
    Field::text("notes", "Notes", 50000),
];

/// `delete-outputs`.
pub(crate) const DELETE_OUTPUTS: &[Field] =
    &[Field::new("outputs", Kind::List, "Outputs").required()];

/// `scrap-outputs`.
pub(crate) const SCRAP_OUTPUTS: &[Field] = &[
    Field::new("outputs", Kind::List, "Outputs").required(),
    Field::new(
        "location",
        Kind::Related("stocklocation", "/api/stock/location/"),
        "Location",
    )
    .required()
    .help("Stock location for scrapped outputs"),
    Field::flag("discard_allocations", "Discard Allocations", false)
        .help("Discard any stock allocations for scrapped outputs"),
    Field::new("notes", Kind::String, "Notes")
        .required()
        .help("Reason for scrapping build output(s)"),
];

/// `allocate`.
pub(crate) const ALLOCATE: &[Field] = &[Field::new("items", Kind::List, "Items").required()];

/// `unallocate`.
pub(crate) const UNALLOCATE: &[Field] = &[
    Field::link("build_line", "Build Line", "buildline", "/api/build/line/"),
    Field::link("output", "Build output", "stockitem", "/api/stock/"),
];

/// `cancel`.
pub(crate) const CANCEL: &[Field] = &[
    Field::flag("remove_allocated_stock", "Consume Allocated Stock", false)
        .help("Consume any stock which has already been allocated to this build"),
    Field::flag(
        "remove_incomplete_outputs",
        "Remove Incomplete Outputs",
        false,
    )
    .help("Delete any build outputs which have not been completed"),
];

/// `finish`.
pub(crate) const FINISH: &[Field] = &[
    Field::new("accept_overallocated", Kind::String, "Overallocated Stock")
        .help("How do you want to handle extra stock items assigned to the build order"),
    Field::flag("accept_unallocated", "Accept Unallocated", false)
        .help("Accept that stock items have not been fully allocated to this build order"),
    Field::flag("accept_incomplete", "Accept Incomplete", false)
        .help("Accept that the required number of build outputs have not been completed"),
];

/// An allocation's editable field.
pub(crate) const ITEM: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::shown("build", Kind::Integer, "Build"),
    Field::shown("build_line", Kind::Integer, "Build Line"),
    Field::shown("install_into", Kind::Integer, "Install into"),
    Field::shown("stock_item", Kind::Integer, "Stock Item"),
    Field::new("quantity", Kind::Decimal, "Quantity").required(),
];

/// A line's fields (read-only here).
pub(crate) const LINE: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::shown("build", Kind::Integer, "Build"),
    Field::shown("bom_item", Kind::Integer, "BOM Item"),
    Field::shown("quantity", Kind::Float, "Quantity"),
    Field::shown("allocated", Kind::Float, "Allocated Stock"),
    Field::shown("consumed", Kind::Float, "Consumed"),
];
