//! Editing and deleting stock items.

use chrono::Utc;
use diesel::prelude::*;
use serde_json::{Map, json};
use stockroom_core::Quantity;
use stockroom_core::status::{STOCK_STATUS, history};

use super::actions::{flag_setting, is_serialized, track};
use super::items::{StockItemChanges, check_supplier_part, load_item};
use super::serial_edit::{SerialEdit, apply_serial};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::locations::load_location;
use crate::parts::load_part;
use crate::schema::stock_items;
use crate::stock::StockItem;
use crate::{Store, StoreResult};

/// InvenTree's `STOCK_ALLOW_DELETE_SERIALIZED` (default on).
pub const ALLOW_DELETE_SERIALIZED_SETTING: &str = "STOCK_ALLOW_DELETE_SERIALIZED";

impl Store {
    /// Edits an item. History: a status change writes EDITED
    /// `{status, status_logical, old_status, old_status_logical}`; a location change writes
    /// STOCK_MOVE `{quantity, location}`; a quantity change writes STOCK_UPDATE `{quantity}`.
    pub fn update_stock_item(
        &self,
        id: i64,
        changes: &StockItemChanges,
        user: Option<i64>,
    ) -> StoreResult<StockItem> {
        self.write(|conn| update(conn, id, changes, None, user))
    }

    /// Edits an item as [`Store::update_stock_item`] does, and changes its serial number in
    /// the same transaction (see [`SerialEdit`] for the rules).
    pub fn update_stock_item_with_serial(
        &self,
        id: i64,
        changes: &StockItemChanges,
        serial: Option<&SerialEdit>,
        user: Option<i64>,
    ) -> StoreResult<StockItem> {
        self.write(|conn| update(conn, id, changes, serial, user))
    }

    /// Deletes a stock item; its history stays, detached from it. Serialized items may not
    /// be deleted when `STOCK_ALLOW_DELETE_SERIALIZED` is off.
    pub fn delete_stock_item(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let item = load_item(conn, id)?;
            if is_serialized(&item) && !flag_setting(conn, ALLOW_DELETE_SERIALIZED_SETTING, true)? {
                return Err(StoreError::refused(
                    "Serialized stock items cannot be deleted",
                ));
            }
            diesel::delete(stock_items::table.find(id)).execute(conn)?;
            Ok(())
        })
    }
}

/// One edit, inside the caller's transaction.
fn update(
    conn: &mut AnyConnection,
    id: i64,
    changes: &StockItemChanges,
    serial: Option<&SerialEdit>,
    user: Option<i64>,
) -> StoreResult<StockItem> {
    let before = load_item(conn, id)?;
    if let Some(edit) = serial {
        apply_serial(conn, &before, edit, changes.quantity)?;
    }
    if let Some(status) = changes.status
        && !STOCK_STATUS.contains(status)
    {
        return Err(StoreError::invalid(
            "status",
            format!("\"{status}\" is not a valid choice."),
        ));
    }
    if let Some(quantity) = changes.quantity {
        if quantity < 0 {
            return Err(StoreError::invalid(
                "quantity",
                "Quantity must be greater than zero",
            ));
        }
        if is_serialized(&before) && quantity != Quantity::ONE.units() {
            return Err(StoreError::invalid(
                "quantity",
                "Quantity must be 1 for item with a serial number",
            ));
        }
        let part = load_part(conn, before.part_id)?;
        if part.trackable && quantity % stockroom_core::quantity::SCALE != 0 {
            return Err(StoreError::invalid(
                "quantity",
                "Quantity must be integer value for trackable parts",
            ));
        }
    }
    if let Some(Some(location)) = changes.location_id
        && load_location(conn, location)?.structural
    {
        return Err(StoreError::invalid(
            "location",
            "Stock items cannot be located into structural stock locations!",
        ));
    }
    if let Some(Some(supplier_part)) = changes.supplier_part_id {
        let part = load_part(conn, before.part_id)?;
        check_supplier_part(conn, supplier_part, &part)?;
    }
    diesel::update(stock_items::table.find(id))
        .set((changes, stock_items::updated.eq(Utc::now().naive_utc())))
        .execute(conn)?;
    let after = load_item(conn, id)?;
    if after.status != before.status {
        let mut deltas = Map::new();
        deltas.insert("status".into(), json!(after.status));
        deltas.insert("status_logical".into(), json!(after.status));
        deltas.insert("old_status".into(), json!(before.status));
        deltas.insert("old_status_logical".into(), json!(before.status));
        track(conn, history::EDITED, &after, user, "", deltas)?;
    }
    if after.location_id != before.location_id {
        let mut deltas = Map::new();
        deltas.insert("quantity".into(), json!(after.quantity().to_f64()));
        deltas.insert("location".into(), json!(after.location_id));
        track(conn, history::STOCK_MOVE, &after, user, "", deltas)?;
    }
    if after.quantity != before.quantity {
        let mut deltas = Map::new();
        deltas.insert("quantity".into(), json!(after.quantity().to_f64()));
        track(conn, history::STOCK_UPDATE, &after, user, "", deltas)?;
    }
    Ok(after)
}
