//! Transferring stock to another location: whole items move, partial quantities split off
//! into new items, and a moved piece may merge into matching stock already there.

use diesel::prelude::*;
use stockroom_core::status::history;

use super::adjust::checked_entry;
use super::merge::{absorb, mergeable};
use super::{
    ALLOW_OUT_OF_STOCK_SETTING, ActionError, Adjustment, Patch, Refusal, deltas, flag_setting,
    is_serialized, save, split, text, track,
};
use crate::Store;
use crate::db::AnyConnection;
use crate::locations::load_location;
use crate::schema::stock_items;
use crate::stock::StockItem;

/// A transfer request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    pub entries: Vec<Adjustment>,
    /// Entries (by position) whose moved stock should merge into matching stock at the
    /// destination.
    pub merge: Vec<bool>,
    pub location: i64,
    pub notes: String,
}

impl Store {
    /// Moves stock to `transfer.location`. A whole item moves (STOCK_MOVE
    /// `{quantity, location}`, or STOCK_UPDATE when it is there already); part of an item
    /// splits off into a new item there (SPLIT_FROM_PARENT on the new item, SPLIT_CHILD_ITEM
    /// on the original). Batch, status and packaging overrides apply to what moves.
    pub fn transfer_stock(
        &self,
        transfer: &Transfer,
        user: Option<i64>,
    ) -> Result<(), ActionError> {
        self.act(|conn| {
            let mut refusal = Refusal::default();
            if transfer.entries.is_empty() {
                refusal.field(None, text::NO_ITEMS);
            }
            match load_location(conn, transfer.location) {
                // InvenTree offers only non-structural locations here.
                Ok(location) if !location.structural => {}
                Ok(_) | Err(crate::error::StoreError::NotFound { .. }) => {
                    refusal.field(Some("location"), text::does_not_exist(transfer.location));
                }
                Err(e) => return Err(e.into()),
            }
            if !refusal.fields.is_empty() {
                return Err(refusal.into());
            }
            let allow_out_of_stock = flag_setting(conn, ALLOW_OUT_OF_STOCK_SETTING, false)?;
            for (index, entry) in transfer.entries.iter().enumerate() {
                let Some(item) =
                    checked_entry(conn, &mut refusal, index, entry, allow_out_of_stock)?
                else {
                    continue;
                };
                let merge = transfer.merge.get(index).copied().unwrap_or(false);
                if let Some(message) = move_one(conn, &item, entry, transfer, merge, user)? {
                    refusal.item(index, "quantity", message);
                }
            }
            if refusal.is_empty() {
                Ok(())
            } else {
                Err(refusal.into())
            }
        })
    }
}

/// Moves one entry, or returns why it is refused.
fn move_one(
    conn: &mut AnyConnection,
    item: &StockItem,
    entry: &Adjustment,
    transfer: &Transfer,
    merge: bool,
    user: Option<i64>,
) -> Result<Option<String>, ActionError> {
    let quantity = entry.quantity;
    if !quantity.is_positive() {
        return Ok(Some("Quantity must be greater than zero".into()));
    }
    if quantity > item.quantity() {
        return Ok(Some(text::exceeds(item.quantity())));
    }
    let notes = transfer.notes.as_str();
    let moved = if quantity < item.quantity() {
        if is_serialized(item) {
            return Ok(Some(text::SERIAL_QUANTITY.into()));
        }
        split(
            conn,
            item,
            quantity,
            Some(Some(transfer.location)),
            &entry.overrides,
            user,
            notes,
        )?
    } else {
        let same_place = item.location_id == Some(transfer.location);
        let patch = Patch {
            location_id: Some(Some(transfer.location)),
            ..Default::default()
        }
        .with_overrides(&entry.overrides);
        let moved = save(conn, item.id, patch)?;
        let (code, mut deltas) = if same_place {
            (
                history::STOCK_UPDATE,
                deltas!("quantity": quantity.to_f64()),
            )
        } else {
            (
                history::STOCK_MOVE,
                deltas!("quantity": quantity.to_f64(), "location": transfer.location),
            )
        };
        entry.overrides.record(&mut deltas);
        track(conn, code, &moved, user, notes, deltas)?;
        moved
    };
    if merge && let Some(target) = merge_target(conn, &moved)? {
        absorb(
            conn,
            &target,
            &[moved],
            Some(transfer.location),
            user,
            notes,
        )?;
    }
    Ok(None)
}

/// Stock at the moved item's location it can merge into: same batch first, then any other,
/// oldest first.
fn merge_target(
    conn: &mut AnyConnection,
    moved: &StockItem,
) -> Result<Option<StockItem>, ActionError> {
    if is_serialized(moved) || mergeable(conn, moved)?.is_some() {
        return Ok(None);
    }
    let candidates: Vec<StockItem> = stock_items::table
        .filter(stock_items::location_id.eq(moved.location_id))
        .filter(stock_items::part_id.eq(moved.part_id))
        .filter(stock_items::id.ne(moved.id))
        .filter(stock_items::status.eq(moved.status))
        .filter(stock_items::serial.is_null())
        .order(stock_items::id)
        .select(StockItem::as_select())
        .load(conn)?;
    let mut fallback = None;
    for candidate in candidates {
        if candidate.supplier_part_id != moved.supplier_part_id
            || mergeable(conn, &candidate)?.is_some()
        {
            continue;
        }
        if candidate.batch == moved.batch {
            return Ok(Some(candidate));
        }
        fallback.get_or_insert(candidate);
    }
    Ok(fallback)
}
