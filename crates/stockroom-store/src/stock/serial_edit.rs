//! Changing the serial number of one item by an edit (`PATCH /api/stock/<pk>/`).

use diesel::prelude::*;
use stockroom_core::Quantity;

use super::StockItem;
use super::actions::{flag_setting, is_serialized};
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::stock_items;
use crate::settings::serial_scope_for;

/// InvenTree's `STOCK_ALLOW_EDIT_SERIAL` (default on).
pub const ALLOW_EDIT_SERIAL_SETTING: &str = "STOCK_ALLOW_EDIT_SERIAL";

/// A new serial number for an item (`None` removes it), already checked at the edge, with
/// its integer sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerialEdit {
    pub serial: Option<String>,
    pub key: i64,
}

/// InvenTree's message when the serial is used in the item's scope.
pub fn serial_exists_message(serial: &str) -> String {
    format!("Stock item with this serial number already exists: {serial}")
}

/// Applies a serial edit to `before` (the item as read in this transaction), with
/// InvenTree's rules: a serial once assigned changes only when `STOCK_ALLOW_EDIT_SERIAL` is
/// on (setting one on an item without is always allowed); an item with a serial holds
/// exactly one unit; the serial is unique in its scope. `quantity` is the quantity the same
/// edit sets, if any.
pub(crate) fn apply_serial(
    conn: &mut AnyConnection,
    before: &StockItem,
    edit: &SerialEdit,
    quantity: Option<i64>,
) -> StoreResult<()> {
    if before.serial == edit.serial {
        return Ok(());
    }
    if is_serialized(before) && !flag_setting(conn, ALLOW_EDIT_SERIAL_SETTING, true)? {
        return Err(StoreError::invalid(
            "serial",
            "Editing of serial numbers is not allowed - this item has already been assigned a serial number",
        ));
    }
    let Some(serial) = &edit.serial else {
        diesel::update(stock_items::table.find(before.id))
            .set((
                stock_items::serial.eq(None::<String>),
                stock_items::serial_int.eq(0),
                stock_items::serial_scope.eq(None::<i64>),
            ))
            .execute(conn)?;
        return Ok(());
    };
    let units = quantity.unwrap_or(before.quantity);
    if units > Quantity::ONE.units() {
        return Err(StoreError::invalid(
            "serial",
            "Serial number cannot be set if quantity greater than 1",
        ));
    }
    if units != Quantity::ONE.units() {
        return Err(StoreError::invalid(
            "quantity",
            "Quantity must be 1 for item with a serial number",
        ));
    }
    let scope = serial_scope_for(conn, before.part_id)?;
    let used: Vec<i64> = stock_items::table
        .filter(stock_items::serial_scope.eq(scope))
        .filter(stock_items::serial.eq(serial))
        .filter(stock_items::id.ne(before.id))
        .select(stock_items::id)
        .load(conn)?;
    if !used.is_empty() {
        return Err(StoreError::invalid("serial", serial_exists_message(serial)));
    }
    diesel::update(stock_items::table.find(before.id))
        .set((
            stock_items::serial.eq(serial),
            stock_items::serial_int.eq(edit.key),
            stock_items::serial_scope.eq(Some(scope)),
            // InvenTree never deletes a serialized item when it is depleted.
            stock_items::delete_on_deplete.eq(false),
        ))
        .execute(conn)?;
    Ok(())
}
