//! The joined query stock rows are read from, shared by single reads and lists.

use super::StockItem;
use super::rows::{LocationBrief, PartBrief};

/// Stock items joined with everything a row shows. Filters and orderings may use any of the
/// joined tables.
macro_rules! stock_source {
    () => {{
        use $crate::schema::{
            manufacturer_parts, part_categories, parts, purchase_orders, sales_orders, stock_items,
            stock_locations, supplier_parts,
        };
        stock_items::table
            .inner_join(parts::table.left_join(part_categories::table))
            .left_join(stock_locations::table)
            .left_join(
                supplier_parts::table
                    .on(stock_items::supplier_part_id.eq(supplier_parts::id.nullable())),
            )
            .left_join(
                manufacturer_parts::table
                    .on(supplier_parts::manufacturer_part_id.eq(manufacturer_parts::id.nullable())),
            )
            .left_join(
                purchase_orders::table
                    .on(stock_items::purchase_order_id.eq(purchase_orders::id.nullable())),
            )
            .left_join(
                sales_orders::table.on(stock_items::sales_order_id.eq(sales_orders::id.nullable())),
            )
    }};
}
pub(crate) use stock_source;

/// The columns of a row, selected from [`stock_source!`].
macro_rules! row_select {
    () => {{
        use $crate::schema::{
            manufacturer_parts, part_categories, purchase_orders, sales_orders, stock_locations,
            supplier_parts,
        };
        (
            $crate::stock::StockItem::as_select(),
            $crate::stock::PartBrief::as_select(),
            part_categories::default_location_id.nullable(),
            (
                stock_locations::id,
                stock_locations::name,
                stock_locations::pathstring,
            )
                .nullable(),
            supplier_parts::sku.nullable(),
            manufacturer_parts::mpn.nullable(),
            purchase_orders::reference.nullable(),
            sales_orders::reference.nullable(),
        )
    }};
}
pub(crate) use row_select;

/// What [`row_select!`] loads.
pub(crate) type RawRow = (
    StockItem,
    PartBrief,
    Option<i64>,
    Option<LocationBrief>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);
