//! Receiving returned stock: the item comes back into a location, leaves its customer, and
//! its history says which order brought it back.

use std::collections::HashSet;

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::status::{history, ro_status, stock_status};

use super::lines::find_line;
use super::status::find_order;
use crate::error::StoreError;
use crate::orders::stock_moves::{
    Entry, find_item, insert_pieces, piece_of, set_quantity, split_entries, write_history,
};
use crate::schema::{
    build_items, return_order_lines, sales_order_allocations, stock_items, stock_locations,
};
use crate::{Store, StoreResult};

/// One line to receive, and the status the returned item takes (quarantined when `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiveLine {
    pub line: i64,
    pub status: Option<i32>,
}

/// Texts of the receive refusals, shared with the API's per-line checks.
pub mod receive_text {
    pub const NOT_IN_PROGRESS: &str =
        "Items can only be received against orders which are in progress";
    pub const NO_LINES: &str = "Line items must be provided";
    pub const OTHER_ORDER: &str = "Line item does not match return order";
    pub const RECEIVED: &str = "Line item has already been received";
}

impl Store {
    /// Receives lines of an in-progress return order into `location`, all or none. A line
    /// returning part of an unserialized item splits that part off first.
    #[tracing::instrument(level = "debug", skip_all, fields(order))]
    pub fn receive_return_lines(
        &self,
        order: i64,
        lines: &[ReceiveLine],
        location: i64,
        note: &str,
        user: Option<i64>,
    ) -> StoreResult<()> {
        self.write(|conn| {
            let ro = find_order(conn, order)?;
            if ro.status != ro_status::IN_PROGRESS {
                return Err(StoreError::refused(receive_text::NOT_IN_PROGRESS));
            }
            if lines.is_empty() {
                return Err(StoreError::refused(receive_text::NO_LINES));
            }
            let found: Vec<i64> = stock_locations::table
                .filter(stock_locations::id.eq(location))
                .select(stock_locations::id)
                .load(conn)?;
            if found.is_empty() {
                return Err(StoreError::invalid(
                    "location",
                    format!("Invalid pk \"{location}\" - object does not exist."),
                ));
            }
            let mut seen = HashSet::new();
            let mut to_receive = Vec::with_capacity(lines.len());
            for wanted in lines {
                let line = find_line(conn, wanted.line)?;
                if line.order_id != order {
                    return Err(StoreError::refused(receive_text::OTHER_ORDER));
                }
                if line.received_date.is_some() || !seen.insert(line.id) {
                    return Err(StoreError::refused(receive_text::RECEIVED));
                }
                to_receive.push((line, wanted.status));
            }
            let today = Utc::now().date_naive();
            let mut entries = Vec::new();
            for (line, status) in to_receive {
                let Some(mut item) = find_item(conn, line.item_id)? else {
                    return Err(StoreError::NotFound {
                        model: "StockItem",
                        pk: line.item_id,
                    });
                };
                if item.serial.is_none() && line.quantity < item.quantity {
                    let piece = piece_of(&item, line.quantity);
                    let ids = insert_pieces(conn, std::slice::from_ref(&piece))?;
                    let Some(&new_id) = ids.first() else {
                        return Err(StoreError::Corrupt("split inserted no row".into()));
                    };
                    let remaining = item.quantity - line.quantity;
                    set_quantity(conn, item.id, remaining)?;
                    entries.extend(split_entries(&item, new_id, line.quantity, remaining));
                    diesel::update(return_order_lines::table.find(line.id))
                        .set(return_order_lines::item_id.eq(new_id))
                        .execute(conn)?;
                    item = find_item(conn, new_id)?.ok_or(StoreError::NotFound {
                        model: "StockItem",
                        pk: new_id,
                    })?;
                }
                let status = status.unwrap_or(stock_status::QUARANTINED);
                let mut deltas =
                    json!({"status": status, "returnorder": order, "location": location});
                if let Some(customer) = item.customer_id {
                    deltas["customer"] = json!(customer);
                }
                diesel::update(stock_items::table.find(item.id))
                    .set((
                        stock_items::status.eq(status),
                        stock_items::location_id.eq(Some(location)),
                        stock_items::customer_id.eq(None::<i64>),
                        stock_items::sales_order_id.eq(None::<i64>),
                        stock_items::updated.eq(Utc::now().naive_utc()),
                    ))
                    .execute(conn)?;
                diesel::delete(
                    sales_order_allocations::table
                        .filter(sales_order_allocations::item_id.eq(item.id)),
                )
                .execute(conn)?;
                diesel::delete(build_items::table.filter(build_items::stock_item_id.eq(item.id)))
                    .execute(conn)?;
                entries.push(Entry {
                    code: history::RETURNED_AGAINST_RETURN_ORDER,
                    item: item.id,
                    part: item.part_id,
                    notes: note.to_owned(),
                    deltas,
                });
                diesel::update(return_order_lines::table.find(line.id))
                    .set(return_order_lines::received_date.eq(Some(today)))
                    .execute(conn)?;
            }
            write_history(conn, &entries, user)
        })
    }
}
