//! The stock writes order operations make inside their own transaction: reading items,
//! recording history with InvenTree's codes and deltas, splitting quantities off, and how
//! much of an item is still free to allocate.
//!
//! The stock module keeps its helpers to itself; these few are what shipping, allocating
//! and building need, written against the same tables, batched so that a shipment of a
//! thousand allocations costs a handful of statements per item, not per row read.

use std::collections::HashMap;

use chrono::Utc;
use diesel::prelude::*;
use serde_json::Value;
use stockroom_core::status::{build_status, so_status};

use crate::StoreResult;
use crate::db::{AnyConnection, each_backend};
use crate::schema::{
    build_items, sales_order_allocations, sales_order_lines, sales_order_shipments, sales_orders,
    stock_items, stock_tracking,
};
use crate::stock::{NewStockItem, StockItem};

/// Sales orders whose allocations still hold stock: `SalesOrderStatusGroups.OPEN`.
pub(crate) const SO_OPEN: [i32; 3] = [
    so_status::PENDING,
    so_status::IN_PROGRESS,
    so_status::ON_HOLD,
];

/// Build orders still at work: `BuildStatusGroups.ACTIVE_CODES`.
pub(crate) const BUILD_ACTIVE: [i32; 3] = [
    build_status::PENDING,
    build_status::PRODUCTION,
    build_status::ON_HOLD,
];

/// One history entry to write.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub code: i32,
    pub item: i64,
    pub part: i64,
    pub notes: String,
    pub deltas: Value,
}

/// Writes history entries in as few statements as the backend allows.
pub(crate) fn write_history(
    conn: &mut AnyConnection,
    entries: &[Entry],
    user: Option<i64>,
) -> StoreResult<()> {
    let now = Utc::now().naive_utc();
    // Seven columns a row keeps a chunk well under SQLite's 32766 bound parameters.
    for chunk in entries.chunks(2000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|e| {
                (
                    stock_tracking::tracking_type.eq(e.code),
                    stock_tracking::item_id.eq(Some(e.item)),
                    stock_tracking::part_id.eq(e.part),
                    stock_tracking::date.eq(now),
                    stock_tracking::notes.eq(e.notes.as_str()),
                    stock_tracking::user_id.eq(user),
                    stock_tracking::deltas.eq(Some(e.deltas.to_string())),
                )
            })
            .collect();
        each_backend!(conn, c => diesel::insert_into(stock_tracking::table).values(&rows).execute(c))?;
    }
    Ok(())
}

/// One stock item, if it exists.
pub(crate) fn find_item(conn: &mut AnyConnection, id: i64) -> StoreResult<Option<StockItem>> {
    let found: Vec<StockItem> = stock_items::table
        .filter(stock_items::id.eq(id))
        .select(StockItem::as_select())
        .load(conn)?;
    Ok(found.into_iter().next())
}

/// The stock items with these ids.
pub(crate) fn items_by_id(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> StoreResult<HashMap<i64, StockItem>> {
    let mut out = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(5000) {
        let found: Vec<StockItem> = stock_items::table
            .filter(stock_items::id.eq_any(chunk))
            .select(StockItem::as_select())
            .load(conn)?;
        out.extend(found.into_iter().map(|i| (i.id, i)));
    }
    Ok(out)
}

/// How much of an item is set aside already: every build allocation, and the sales
/// allocations of open orders whose shipment has not gone out (InvenTree's
/// `allocation_count`). `skip_sales` leaves one sales allocation out (when it is edited).
pub(crate) fn allocated_quantity(
    conn: &mut AnyConnection,
    item: i64,
    skip_sales: Option<i64>,
    skip_build: Option<i64>,
) -> StoreResult<i64> {
    let built: Vec<(i64, i64)> = build_items::table
        .filter(build_items::stock_item_id.eq(item))
        .select((build_items::id, build_items::quantity))
        .load(conn)?;
    let sold: Vec<(i64, i64)> = sales_order_allocations::table
        .inner_join(sales_order_lines::table.inner_join(sales_orders::table))
        .left_join(
            sales_order_shipments::table.on(sales_order_shipments::id
                .nullable()
                .eq(sales_order_allocations::shipment_id)),
        )
        .filter(sales_order_allocations::item_id.eq(item))
        .filter(sales_orders::status.eq_any(SO_OPEN))
        .filter(sales_order_shipments::shipment_date.is_null())
        .select((
            sales_order_allocations::id,
            sales_order_allocations::quantity,
        ))
        .load(conn)?;
    let total = built
        .iter()
        .filter(|(id, _)| Some(*id) != skip_build)
        .chain(sold.iter().filter(|(id, _)| Some(*id) != skip_sales))
        .fold(0i64, |sum, (_, q)| sum.saturating_add(*q));
    Ok(total)
}

/// A new item holding `quantity` split off `item`, with the changes `adjust` makes to it,
/// as InvenTree's `splitStock` creates it (same part, batch, location, supplier, prices;
/// `parent` is the original). Not yet stored.
pub(crate) fn piece_of(item: &StockItem, quantity: i64) -> NewStockItem {
    NewStockItem {
        part_id: item.part_id,
        quantity,
        location_id: item.location_id,
        serial: None,
        batch: item.batch.clone(),
        status: item.status,
        expiry_date: item.expiry_date,
        parent_id: Some(item.id),
        belongs_to_id: item.belongs_to_id,
        supplier_part_id: item.supplier_part_id,
        purchase_order_id: item.purchase_order_id,
        sales_order_id: item.sales_order_id,
        build_id: item.build_id,
        is_building: item.is_building,
        customer_id: item.customer_id,
        delete_on_deplete: item.delete_on_deplete,
        packaging: item.packaging.clone(),
        purchase_price: item.purchase_price.clone(),
        purchase_price_currency: item.purchase_price_currency.clone(),
        link: item.link.clone(),
        notes: item.notes.clone(),
    }
}

/// Stores split-off pieces (many rows a statement) and returns their ids in order.
pub(crate) fn insert_pieces(
    conn: &mut AnyConnection,
    pieces: &[NewStockItem],
) -> StoreResult<Vec<i64>> {
    let now = Utc::now().naive_utc();
    let mut ids = Vec::with_capacity(pieces.len());
    // 24 bound columns a row: 1000 rows stay under SQLite's parameter limit.
    for chunk in pieces.chunks(1000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|p| {
                (
                    p,
                    stock_items::creation_date.eq(now.date()),
                    stock_items::updated.eq(now),
                )
            })
            .collect();
        let new: Vec<i64> = each_backend!(conn, c => diesel::insert_into(stock_items::table)
            .values(rows)
            .returning(stock_items::id)
            .get_results(c))?;
        ids.extend(new);
    }
    // Ids are handed out in the order the rows were given, but RETURNING promises no order.
    ids.sort_unstable();
    Ok(ids)
}

/// The history of a split: SPLIT_FROM_PARENT on the piece, SPLIT_CHILD_ITEM on the
/// original (whose remaining quantity is `remaining`).
pub(crate) fn split_entries(
    original: &StockItem,
    piece: i64,
    quantity: i64,
    remaining: i64,
) -> [Entry; 2] {
    use stockroom_core::Quantity;
    use stockroom_core::status::history;
    let q = |units: i64| Quantity::from_units(units).to_f64();
    [
        Entry {
            code: history::SPLIT_FROM_PARENT,
            item: piece,
            part: original.part_id,
            notes: String::new(),
            deltas: serde_json::json!({"stockitem": original.id, "quantity": q(quantity)}),
        },
        Entry {
            code: history::SPLIT_CHILD_ITEM,
            item: original.id,
            part: original.part_id,
            notes: String::new(),
            deltas: serde_json::json!({
                "removed": q(quantity),
                "quantity": q(remaining),
                "stockitem": piece,
            }),
        },
    ]
}

/// Sets an item's quantity (after a split).
pub(crate) fn set_quantity(conn: &mut AnyConnection, id: i64, quantity: i64) -> StoreResult<()> {
    diesel::update(stock_items::table.find(id))
        .set((
            stock_items::quantity.eq(quantity),
            stock_items::updated.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets the quantities of several items (after splits): one statement for each distinct
/// quantity, so splitting one unit off a thousand items is a single update.
pub(crate) fn set_quantities(
    conn: &mut AnyConnection,
    quantities: &HashMap<i64, i64>,
) -> StoreResult<()> {
    let mut by_quantity: HashMap<i64, Vec<i64>> = HashMap::new();
    for (&id, &quantity) in quantities {
        by_quantity.entry(quantity).or_default().push(id);
    }
    let now = Utc::now().naive_utc();
    for (quantity, ids) in by_quantity {
        for chunk in ids.chunks(5000) {
            diesel::update(stock_items::table.filter(stock_items::id.eq_any(chunk)))
                .set((
                    stock_items::quantity.eq(quantity),
                    stock_items::updated.eq(now),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Points sales allocations at other items (the pieces split off for them), in a few
/// statements: `UPDATE .. SET item_id = CASE id WHEN .. THEN .. END`. Only integers are
/// written into the text.
pub(crate) fn set_allocation_items(
    conn: &mut AnyConnection,
    moves: &[(i64, i64)],
) -> StoreResult<()> {
    use std::fmt::Write;
    for chunk in moves.chunks(500) {
        let mut sql = String::from("UPDATE sales_order_allocations SET item_id = CASE id");
        for (allocation, item) in chunk {
            let _ = write!(sql, " WHEN {allocation} THEN {item}");
        }
        sql.push_str(" END WHERE id IN (");
        for (n, (allocation, _)) in chunk.iter().enumerate() {
            let _ = write!(sql, "{}{allocation}", if n == 0 { "" } else { "," });
        }
        sql.push(')');
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(())
}
