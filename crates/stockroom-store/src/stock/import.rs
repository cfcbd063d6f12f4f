//! Bulk creation of stock: imports and large data sets, many rows per statement.

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use crate::db::each_backend;
use crate::error::StoreError;
use crate::schema::{parts, stock_items};
use crate::settings::serial_scope_is_global;
use crate::stock::tracking::{NewTracking, add_tracking_batch};
use crate::{Store, StoreResult};

/// Rows per statement: 29 bound columns each stays under SQLite's 32766 parameters.
const CHUNK: usize = 1000;

impl Store {
    /// Creates many stock items, each with its CREATED history entry, in one transaction:
    /// all of them or none. Returns the new ids in input order.
    ///
    /// The same rules as single creation hold (parts must exist; serials are unique in
    /// their scope, enforced by the index), but locations and statuses are not re-checked
    /// per row: callers validate input at the edge.
    pub fn import_stock(
        &self,
        items: &[super::NewStockItem],
        user: Option<i64>,
    ) -> StoreResult<Vec<i64>> {
        self.write(|conn| {
            let global = serial_scope_is_global(conn)?;
            let mut part_ids: Vec<i64> = items.iter().map(|i| i.part_id).collect();
            part_ids.sort_unstable();
            part_ids.dedup();
            let mut trees = std::collections::HashMap::with_capacity(part_ids.len());
            for chunk in part_ids.chunks(CHUNK) {
                let rows: Vec<(i64, i64)> = parts::table
                    .filter(parts::id.eq_any(chunk))
                    .select((parts::id, parts::tree_id))
                    .load(conn)?;
                trees.extend(rows);
            }
            if let Some(missing) = part_ids.iter().find(|p| !trees.contains_key(p)) {
                return Err(StoreError::NotFound { model: "Part", pk: *missing });
            }
            let now = Utc::now().naive_utc();
            let mut ids = Vec::with_capacity(items.len());
            for chunk in items.chunks(CHUNK) {
                let rows: Vec<_> = chunk
                    .iter()
                    .map(|item| {
                        let scope = item.serial.as_ref().map(|_| if global { 0 } else { trees[&item.part_id] });
                        let serial_int = item
                            .serial
                            .as_deref()
                            .map_or(0, |s| i64::from(stockroom_core::serial::serial_int(s)));
                        (
                            item,
                            stock_items::serial_int.eq(serial_int),
                            stock_items::serial_scope.eq(scope),
                            stock_items::creation_date.eq(now.date()),
                            stock_items::updated.eq(now),
                        )
                    })
                    .collect();
                let new_ids: Vec<i64> = each_backend!(conn, c => diesel::insert_into(stock_items::table)
                    .values(rows)
                    .returning(stock_items::id)
                    .get_results(c))?;
                let entries: Vec<NewTracking> = chunk
                    .iter()
                    .zip(&new_ids)
                    .map(|(item, id)| NewTracking {
                        tracking_type: history::CREATED,
                        item_id: Some(*id),
                        part_id: item.part_id,
                        user_id: user,
                        notes: String::new(),
                        deltas: Some(json!({
                            "status": item.status,
                            "quantity": Quantity::from_units(item.quantity).to_f64(),
                        })),
                    })
                    .collect();
                add_tracking_batch(conn, &entries)?;
                ids.extend(new_ids);
            }
            Ok(ids)
        })
    }
}
