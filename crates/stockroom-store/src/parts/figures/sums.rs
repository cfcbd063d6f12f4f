//! The grouped queries behind the part figures: one per figure family, each over the
//! parts of a scope, summing in SQL as BIGINT.

use std::collections::HashMap;

use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use stockroom_core::Quantity;
use stockroom_core::status::{STOCK_AVAILABLE, build_status, po_status, so_status};

use super::Scope;
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::schema::{
    bom_items, build_items, build_lines, builds, purchase_order_lines, purchase_orders,
    sales_order_allocations, sales_order_lines, sales_order_shipments, sales_orders, stock_items,
    stock_locations, supplier_parts,
};

/// Build orders that still need stock: InvenTree's `BuildStatusGroups.ACTIVE_CODES`.
const BUILD_ACTIVE: [i32; 3] = [
    build_status::PENDING,
    build_status::PRODUCTION,
    build_status::ON_HOLD,
];
/// Purchase orders still expected to arrive: `PurchaseOrderStatusGroups.OPEN`.
const PO_OPEN: [i32; 3] = [po_status::PENDING, po_status::PLACED, po_status::ON_HOLD];
/// Sales orders not yet shipped: `SalesOrderStatusGroups.OPEN`.
const SO_OPEN: [i32; 3] = [
    so_status::PENDING,
    so_status::ON_HOLD,
    so_status::IN_PROGRESS,
];

fn list(codes: &[i32]) -> String {
    codes
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// InvenTree's `StockItem.IN_STOCK_FILTER` as SQL over `stock_items`.
fn in_stock_sql() -> String {
    format!(
        "stock_items.quantity > 0 AND stock_items.sales_order_id IS NULL \
         AND stock_items.belongs_to_id IS NULL AND stock_items.customer_id IS NULL \
         AND stock_items.consumed_by_id IS NULL AND NOT stock_items.is_building \
         AND stock_items.status IN ({})",
        list(&STOCK_AVAILABLE)
    )
}

/// `SUM(expr)` as a BIGINT on both backends (PostgreSQL sums BIGINT into NUMERIC).
fn sum(expr: &str) -> diesel::expression::SqlLiteral<BigInt> {
    sql::<BigInt>(&format!("CAST(COALESCE(SUM({expr}), 0) AS BIGINT)"))
}

/// A figure per part id.
pub(super) type Sums = HashMap<i64, i64>;

/// Per part: (available, external, item count, in production).
pub(super) fn stock(conn: &mut AnyConnection, scope: Scope) -> StoreResult<HashMap<i64, [i64; 4]>> {
    let in_stock = in_stock_sql();
    let mut q = stock_items::table
        .left_join(stock_locations::table)
        .left_join(builds::table.on(builds::id.nullable().eq(stock_items::build_id)))
        .group_by(stock_items::part_id)
        .select((
            stock_items::part_id,
            sum(&format!(
                "CASE WHEN {in_stock} THEN stock_items.quantity ELSE 0 END"
            )),
            sum(&format!(
                "CASE WHEN {in_stock} AND stock_locations.external \
                 THEN stock_items.quantity ELSE 0 END"
            )),
            count_star(),
            sum(&format!(
                "CASE WHEN stock_items.is_building AND builds.status IN ({}) \
                 THEN stock_items.quantity ELSE 0 END",
                list(&BUILD_ACTIVE)
            )),
        ))
        .into_boxed();
    if let Scope::Parts(ids) = scope {
        q = q.filter(stock_items::part_id.eq_any(ids.to_vec()));
    }
    let rows: Vec<(i64, i64, i64, i64, i64)> = q.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, a, e, n, b)| (id, [a, e, n, b]))
        .collect())
}

pub(super) fn sales_allocations(conn: &mut AnyConnection, scope: Scope) -> StoreResult<Sums> {
    let mut q = sales_order_allocations::table
        .inner_join(sales_order_lines::table.inner_join(sales_orders::table))
        .inner_join(stock_items::table.on(stock_items::id.eq(sales_order_allocations::item_id)))
        .left_join(
            sales_order_shipments::table.on(sales_order_shipments::id
                .nullable()
                .eq(sales_order_allocations::shipment_id)),
        )
        .filter(sales_orders::status.eq_any(SO_OPEN))
        // An allocation on a shipment that has gone out is stock that has left.
        .filter(sales_order_shipments::shipment_date.is_null())
        .group_by(stock_items::part_id)
        .select((
            stock_items::part_id,
            sum("sales_order_allocations.quantity"),
        ))
        .into_boxed();
    if let Scope::Parts(ids) = scope {
        q = q.filter(stock_items::part_id.eq_any(ids.to_vec()));
    }
    Ok(q.load::<(i64, i64)>(conn)?.into_iter().collect())
}

pub(super) fn build_allocations(conn: &mut AnyConnection, scope: Scope) -> StoreResult<Sums> {
    let mut q = build_items::table
        .inner_join(build_lines::table.inner_join(builds::table))
        .inner_join(stock_items::table.on(stock_items::id.eq(build_items::stock_item_id)))
        .filter(builds::status.eq_any(BUILD_ACTIVE))
        .group_by(stock_items::part_id)
        .select((stock_items::part_id, sum("build_items.quantity")))
        .into_boxed();
    if let Scope::Parts(ids) = scope {
        q = q.filter(stock_items::part_id.eq_any(ids.to_vec()));
    }
    Ok(q.load::<(i64, i64)>(conn)?.into_iter().collect())
}

/// Outstanding purchase quantities: lines are in supplier packs, so each pack size is
/// multiplied in exactly (in Rust, where an overflow cannot fail the query).
pub(super) fn on_order(conn: &mut AnyConnection, scope: Scope) -> StoreResult<Sums> {
    let mut q = purchase_order_lines::table
        .inner_join(purchase_orders::table)
        .inner_join(
            supplier_parts::table.on(supplier_parts::id
                .nullable()
                .eq(purchase_order_lines::supplier_part_id)),
        )
        .filter(purchase_orders::status.eq_any(PO_OPEN))
        .filter(purchase_order_lines::quantity.gt(purchase_order_lines::received))
        .group_by((
            supplier_parts::part_id,
            supplier_parts::pack_quantity_native,
        ))
        .select((
            supplier_parts::part_id,
            supplier_parts::pack_quantity_native,
            sum("purchase_order_lines.quantity - purchase_order_lines.received"),
        ))
        .into_boxed();
    if let Scope::Parts(ids) = scope {
        q = q.filter(supplier_parts::part_id.eq_any(ids.to_vec()));
    }
    let mut out = Sums::new();
    for (part, pack, remaining) in q.load::<(i64, i64, i64)>(conn)? {
        let units = Quantity::from_units(remaining)
            .checked_mul(Quantity::from_units(pack))
            .map_or(i64::MAX, Quantity::units);
        let total = out.entry(part).or_default();
        *total = total.saturating_add(units);
    }
    Ok(out)
}

pub(super) fn scheduled(conn: &mut AnyConnection, scope: Scope) -> StoreResult<Sums> {
    let mut q = builds::table
        .filter(builds::status.eq_any(BUILD_ACTIVE))
        .group_by(builds::part_id)
        .select((
            builds::part_id,
            sum("CASE WHEN builds.quantity > builds.completed \
                 THEN builds.quantity - builds.completed ELSE 0 END"),
        ))
        .into_boxed();
    if let Scope::Parts(ids) = scope {
        q = q.filter(builds::part_id.eq_any(ids.to_vec()));
    }
    Ok(q.load::<(i64, i64)>(conn)?.into_iter().collect())
}

pub(super) fn build_requirements(conn: &mut AnyConnection, scope: Scope) -> StoreResult<Sums> {
    let mut q = build_lines::table
        .inner_join(builds::table)
        .inner_join(bom_items::table.on(bom_items::id.eq(build_lines::bom_item_id)))
        .filter(builds::status.eq_any(BUILD_ACTIVE))
        .group_by(bom_items::sub_part_id)
        .select((
            bom_items::sub_part_id,
            sum("CASE WHEN build_lines.quantity > build_lines.consumed \
                 THEN build_lines.quantity - build_lines.consumed ELSE 0 END"),
        ))
        .into_boxed();
    if let Scope::Parts(ids) = scope {
        q = q.filter(bom_items::sub_part_id.eq_any(ids.to_vec()));
    }
    Ok(q.load::<(i64, i64)>(conn)?.into_iter().collect())
}

pub(super) fn sales_requirements(conn: &mut AnyConnection, scope: Scope) -> StoreResult<Sums> {
    let mut q = sales_order_lines::table
        .inner_join(sales_orders::table)
        .filter(sales_orders::status.eq_any(SO_OPEN))
        .filter(sales_order_lines::part_id.is_not_null())
        .group_by(sales_order_lines::part_id)
        .select((
            sales_order_lines::part_id,
            sum(
                "CASE WHEN sales_order_lines.quantity > sales_order_lines.shipped \
                 THEN sales_order_lines.quantity - sales_order_lines.shipped ELSE 0 END",
            ),
        ))
        .into_boxed();
    if let Scope::Parts(ids) = scope {
        q = q.filter(sales_order_lines::part_id.eq_any(ids.to_vec()));
    }
    Ok(q.load::<(Option<i64>, i64)>(conn)?
        .into_iter()
        .filter_map(|(id, n)| id.map(|id| (id, n)))
        .collect())
}
