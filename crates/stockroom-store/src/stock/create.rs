//! Creating serialized stock: many items of quantity one, one transaction, all or none.

use std::collections::HashSet;

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use super::NewStockItem;
use super::items::check_new;
use super::tracking::{NewTracking, add_tracking_batch};
use crate::db::{AnyConnection, each_backend};
use crate::error::StoreError;
use crate::parts::load_part;
use crate::schema::stock_items;
use crate::settings::serial_scope_for;
use crate::{Store, StoreResult};

/// Rows per statement: 29 bound columns each stays under SQLite's 32766 parameters.
const CHUNK: usize = 1000;

/// InvenTree's message for serials that cannot be used (note the space before the colon).
pub fn serials_taken_message(serials: &[String]) -> String {
    format!(
        "The following serial numbers already exist or are invalid : {}",
        serials.join(",")
    )
}

/// The latest serial in a scope: highest `serial_int`, ties broken by the greatest text.
fn latest_in_scope(conn: &mut AnyConnection, scope: i64) -> StoreResult<Option<String>> {
    let top: Option<i64> = stock_items::table
        .filter(stock_items::serial_scope.eq(scope))
        .filter(stock_items::serial.is_not_null())
        .select(diesel::dsl::max(stock_items::serial_int))
        .first(conn)?;
    let Some(top) = top else {
        return Ok(None);
    };
    let serials: Vec<Option<String>> = stock_items::table
        .filter(stock_items::serial_scope.eq(scope))
        .filter(stock_items::serial_int.eq(top))
        .select(stock_items::serial)
        .load(conn)?;
    let texts: Vec<&str> = serials.iter().flatten().map(String::as_str).collect();
    Ok(texts.iter().copied().max().map(str::to_owned))
}

/// The serials of `wanted` that exist in `scope`, in the order given.
fn taken(conn: &mut AnyConnection, scope: i64, wanted: &[String]) -> StoreResult<Vec<String>> {
    let mut found: HashSet<String> = HashSet::new();
    for chunk in wanted.chunks(CHUNK) {
        let rows: Vec<Option<String>> = stock_items::table
            .filter(stock_items::serial_scope.eq(scope))
            .filter(stock_items::serial.eq_any(chunk))
            .select(stock_items::serial)
            .load(conn)?;
        found.extend(rows.into_iter().flatten());
    }
    Ok(wanted
        .iter()
        .filter(|s| found.contains(*s))
        .cloned()
        .collect())
}

impl Store {
    /// The latest serial number in the scope of `part_id` (its template/variant tree, or
    /// every part when serials are globally unique), for `~` in serial patterns.
    pub fn latest_serial(&self, part_id: i64) -> StoreResult<Option<String>> {
        self.read(|conn| {
            let scope = serial_scope_for(conn, part_id)?;
            latest_in_scope(conn, scope)
        })
    }

    /// Creates one item of quantity one per serial, copying everything else from `template`,
    /// each with its CREATED history entry `{status, quantity: 1.0}`. The part must be
    /// trackable; serials already used in the scope refuse the whole request (InvenTree's
    /// message on `serial_numbers`). Returns the new ids in the order of `serials`.
    pub fn create_serialized_stock(
        &self,
        template: &NewStockItem,
        serials: &[String],
        user: Option<i64>,
    ) -> StoreResult<Vec<i64>> {
        self.write(|conn| {
            let part = load_part(conn, template.part_id)?;
            if !part.trackable {
                return Err(StoreError::invalid(
                    "serial_numbers",
                    "Serial numbers cannot be supplied for a non-trackable part",
                ));
            }
            let one = NewStockItem {
                quantity: Quantity::ONE.units(),
                serial: serials.first().cloned(),
                // Serialized items are never deleted when depleted, as InvenTree forces.
                delete_on_deplete: false,
                ..template.clone()
            };
            check_new(conn, &one)?;
            let scope = serial_scope_for(conn, template.part_id)?;
            let conflicts = taken(conn, scope, serials)?;
            if !conflicts.is_empty() {
                return Err(StoreError::invalid("serial_numbers", serials_taken_message(&conflicts)));
            }
            let now = Utc::now().naive_utc();
            let mut ids = Vec::with_capacity(serials.len());
            for chunk in serials.chunks(CHUNK) {
                let items: Vec<NewStockItem> = chunk
                    .iter()
                    .map(|serial| NewStockItem { serial: Some(serial.clone()), ..one.clone() })
                    .collect();
                let rows: Vec<_> = items
                    .iter()
                    .map(|item| {
                        let key = item
                            .serial
                            .as_deref()
                            .map_or(0, |s| i64::from(stockroom_core::serial::serial_int(s)));
                        (
                            item,
                            stock_items::serial_int.eq(key),
                            stock_items::serial_scope.eq(Some(scope)),
                            stock_items::creation_date.eq(now.date()),
                            stock_items::updated.eq(now),
                        )
                    })
                    .collect();
                let new_ids: Vec<i64> = each_backend!(conn, c => diesel::insert_into(stock_items::table)
                    .values(rows)
                    .returning(stock_items::id)
                    .get_results(c))?;
                let entries: Vec<NewTracking> = new_ids
                    .iter()
                    .map(|id| NewTracking {
                        tracking_type: history::CREATED,
                        item_id: Some(*id),
                        part_id: one.part_id,
                        user_id: user,
                        notes: String::new(),
                        deltas: Some(json!({"status": one.status, "quantity": 1.0})),
                    })
                    .collect();
                add_tracking_batch(conn, &entries)?;
                ids.extend(new_ids);
            }
            Ok(ids)
        })
    }
}
