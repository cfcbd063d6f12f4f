//! The part fields, as InvenTree's `PartSerializer` declares them (names, labels, help
//! texts, defaults), for parsing and for `OPTIONS`.

use crate::api::fields::{DefaultValue, Field, Kind};

const PART: Kind = Kind::Related("part", "/api/part/");
const CATEGORY: Kind = Kind::Related("partcategory", "/api/part/category/");
const LOCATION: Kind = Kind::Related("stocklocation", "/api/stock/location/");

/// Every field of a part. Read-only ones are shown to forms but never parsed.
pub(crate) const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("name", Kind::String, "Name")
        .required()
        .max_length(100)
        .help("Part name"),
    Field::text("description", "Description", 250).help("Part description (optional)"),
    Field::text("IPN", "IPN", 100)
        .help("Internal Part Number")
        .default(DefaultValue::Str("")),
    Field::text("revision", "Revision", 100)
        .nullable()
        .help("Part revision or version number")
        .default(DefaultValue::Str("")),
    Field::shown("revision_of", PART, "Revision Of"),
    Field::shown("revision_count", Kind::Integer, "Revisions"),
    Field::text("keywords", "Keywords", 250)
        .nullable()
        .help("Part keywords to improve visibility in search results"),
    Field::new("category", CATEGORY, "Category")
        .nullable()
        .help("Part category"),
    Field::shown("category_name", Kind::String, "Category Name"),
    Field::shown(
        "category_default_location",
        Kind::Integer,
        "Category default location",
    ),
    Field::new("variant_of", PART, "Variant Of")
        .nullable()
        .help("Is this part a variant of another part?")
        .filters(&[("is_template", true)]),
    Field::flag("is_template", "Is Template", false).help("Is this part a template part?"),
    Field::flag("assembly", "Assembly", false).help("Can this part be built from other parts?"),
    Field::flag("component", "Component", true).help("Can this part be used to build other parts?"),
    Field::flag("trackable", "Trackable", false)
        .help("Does this part have tracking for unique items?"),
    Field::shown("testable", Kind::Boolean, "Testable")
        .help("Can this part have test results recorded against it?"),
    Field::flag("purchaseable", "Purchaseable", true)
        .help("Can this part be purchased from external suppliers?"),
    Field::flag("salable", "Salable", false).help("Can this part be sold to customers?"),
    Field::flag("virtual", "Virtual", false)
        .help("Is this a virtual part, such as a software product or license?"),
    Field::flag("active", "Active", true).help("Is this part active?"),
    Field::flag("locked", "Locked", false).help("Locked parts cannot be edited"),
    Field::text("units", "Units", 20)
        .nullable()
        .help("Units of measure for this part"),
    Field::new("default_location", LOCATION, "Default Location")
        .nullable()
        .help("Where is this item normally stored?"),
    Field::new("default_expiry", Kind::Integer, "Default Expiry")
        .help("Expiry time (in days) for stock items of this part")
        .default(DefaultValue::Int(0)),
    Field::new("minimum_stock", Kind::Float, "Minimum Stock").default(DefaultValue::Int(0)),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .nullable()
        .max_length(2000)
        .help("Link to external URL"),
    Field::text("notes", "Notes", 50000)
        .nullable()
        .help("Markdown notes (optional)"),
    Field::shown("full_name", Kind::String, "Full name"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash").help("Unique hash of barcode data"),
    Field::shown("image", Kind::String, "Image"),
    Field::shown("thumbnail", Kind::String, "Thumbnail"),
    Field::shown("starred", Kind::Boolean, "Starred"),
    Field::shown("creation_date", Kind::Date, "Creation Date"),
    Field::shown(
        "creation_user",
        Kind::Related("user", "/api/user/"),
        "Creation User",
    ),
    Field::shown(
        "responsible",
        Kind::Related("owner", "/api/user/owner/"),
        "Responsible",
    ),
    Field::shown("pricing_min", Kind::Float, "Pricing min"),
    Field::shown("pricing_max", Kind::Float, "Pricing max"),
    Field::shown("pricing_updated", Kind::DateTime, "Pricing updated"),
    Field::shown(
        "allocated_to_build_orders",
        Kind::Float,
        "Allocated to build orders",
    ),
    Field::shown(
        "allocated_to_sales_orders",
        Kind::Float,
        "Allocated to sales orders",
    ),
    Field::shown("building", Kind::Float, "Building")
        .help("Quantity of this part currently being in production"),
    Field::shown("scheduled_to_build", Kind::Float, "Scheduled to Build")
        .help("Outstanding quantity of this part scheduled to be built"),
    Field::shown("in_stock", Kind::Float, "In Stock"),
    Field::shown("ordering", Kind::Float, "On Order"),
    Field::shown(
        "required_for_build_orders",
        Kind::Integer,
        "Required for build orders",
    ),
    Field::shown(
        "required_for_sales_orders",
        Kind::Integer,
        "Required for sales orders",
    ),
    Field::shown("stock_item_count", Kind::Integer, "Stock Items"),
    Field::shown("total_in_stock", Kind::Float, "Total Stock"),
    Field::shown("external_stock", Kind::Float, "External Stock"),
    Field::shown("unallocated_stock", Kind::Float, "Unallocated Stock"),
    Field::shown("variant_stock", Kind::Float, "Variant Stock"),
];
