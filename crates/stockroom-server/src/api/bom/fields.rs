//! The BOM line fields, as InvenTree's `BomItemSerializer` declares them.

use crate::api::fields::{DefaultValue, Field, Kind};

const PART: Kind = Kind::Related("part", "/api/part/");

/// Every field of a BOM line. Read-only ones are shown to forms but never parsed.
pub(crate) const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("part", PART, "Assembly")
        .required()
        .help("Select the parent assembly")
        .filters(&[("assembly", true)]),
    Field::new("sub_part", PART, "Component")
        .required()
        .help("Select the component part")
        .filters(&[("component", true)]),
    Field::text("reference", "Reference", 5000).help("BOM item reference"),
    Field::new("quantity", Kind::Float, "Quantity")
        .required()
        .help("BOM quantity for this BOM item"),
    Field::flag("allow_variants", "Allow Variants", false)
        .help("Stock items for variant parts can be used for this BOM item"),
    Field::flag("inherited", "Gets inherited", false)
        .help("This BOM item is inherited by BOMs for variant parts"),
    Field::flag("optional", "Optional", false).help("This BOM item is optional"),
    Field::flag("consumable", "Consumable", false)
        .help("This BOM item is consumable (it is not tracked in build orders)"),
    Field::new("setup_quantity", Kind::Float, "Setup Quantity")
        .help("Extra required quantity for a build, to account for setup losses")
        .default(DefaultValue::Int(0)),
    Field::new("attrition", Kind::Float, "Attrition")
        .help("Estimated attrition for a build, expressed as a percentage (0-100)")
        .default(DefaultValue::Int(0)),
    Field::new("rounding_multiple", Kind::Float, "Rounding Multiple")
        .nullable()
        .help("Round up required production quantity to nearest multiple of this value"),
    Field::text("note", "Note", 500).help("BOM item notes"),
    Field::shown("validated", Kind::Boolean, "Validated").help("This BOM item has been validated"),
    Field::shown("pricing_min", Kind::Float, "Pricing min"),
    Field::shown("pricing_max", Kind::Float, "Pricing max"),
    Field::shown("pricing_min_total", Kind::Float, "Pricing min total"),
    Field::shown("pricing_max_total", Kind::Float, "Pricing max total"),
    Field::shown("pricing_updated", Kind::DateTime, "Pricing updated"),
    Field::shown("available_stock", Kind::Float, "Available Stock"),
    Field::shown(
        "available_substitute_stock",
        Kind::Float,
        "Available substitute stock",
    ),
    Field::shown(
        "available_variant_stock",
        Kind::Float,
        "Available variant stock",
    ),
    Field::shown("external_stock", Kind::Float, "External stock"),
    Field::shown("on_order", Kind::Float, "On Order"),
    Field::shown("building", Kind::Float, "In Production"),
    Field::shown("can_build", Kind::Float, "Can Build"),
];
