//! Installing stock into an assembled item, and taking it out again.

use diesel::prelude::*;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use super::{
    ActionError, Overrides, Patch, Refusal, deltas, flag_setting, save, split, text, track,
};
use crate::Store;
use crate::error::StoreError;
use crate::locations::load_location;
use crate::schema::bom_items;
use crate::stock::StockItem;
use crate::stock::items::load_item;
use crate::stock::rows::is_in_stock;

/// InvenTree's `STOCK_ENFORCE_BOM_INSTALLATION` (default on).
pub const ENFORCE_BOM_SETTING: &str = "STOCK_ENFORCE_BOM_INSTALLATION";

impl Store {
    /// Installs `quantity` of `child` into `parent`: a partial quantity splits off first;
    /// the installed piece leaves its location. History: INSTALLED_INTO_ASSEMBLY on the piece
    /// `{stockitem: parent, quantity}`, INSTALLED_CHILD_ITEM on the parent
    /// `{stockitem: piece, quantity}`.
    pub fn install_stock(
        &self,
        parent: i64,
        child: i64,
        quantity: Quantity,
        notes: &str,
        user: Option<i64>,
    ) -> Result<StockItem, ActionError> {
        self.act(|conn| {
            let assembly = load_item(conn, parent)?;
            let mut refusal = Refusal::default();
            let item = match load_item(conn, child) {
                Ok(item) => item,
                Err(StoreError::NotFound { .. }) => {
                    refusal.field(Some("stock_item"), text::does_not_exist(child));
                    return Err(refusal.into());
                }
                Err(e) => return Err(e.into()),
            };
            if item.id == assembly.id {
                refusal.field(Some("stock_item"), "Item cannot belong to itself");
            } else if !is_in_stock(&item) {
                refusal.field(Some("stock_item"), "Stock item is unavailable");
            } else if flag_setting(conn, ENFORCE_BOM_SETTING, true)? {
                let in_bom: i64 = bom_items::table
                    .filter(bom_items::part_id.eq(assembly.part_id))
                    .filter(bom_items::sub_part_id.eq(item.part_id))
                    .count()
                    .get_result(conn)?;
                if in_bom == 0 {
                    refusal.field(
                        Some("stock_item"),
                        "Selected part is not in the Bill of Materials",
                    );
                }
            }
            if !refusal.is_empty() {
                return Err(refusal.into());
            }
            if quantity > item.quantity() {
                refusal.field(
                    Some("quantity"),
                    "Quantity to install must not exceed available quantity",
                );
                return Err(refusal.into());
            }
            let piece = if quantity < item.quantity() {
                split(
                    conn,
                    &item,
                    quantity,
                    None,
                    &Overrides::default(),
                    user,
                    notes,
                )?
            } else {
                item
            };
            let patch = Patch {
                belongs_to_id: Some(Some(assembly.id)),
                location_id: Some(None),
                ..Default::default()
            };
            let installed = save(conn, piece.id, patch)?;
            let amount = installed.quantity().to_f64();
            let into = deltas!("stockitem": assembly.id, "quantity": amount);
            track(
                conn,
                history::INSTALLED_INTO_ASSEMBLY,
                &installed,
                user,
                notes,
                into,
            )?;
            let added = deltas!("stockitem": installed.id, "quantity": amount);
            track(
                conn,
                history::INSTALLED_CHILD_ITEM,
                &assembly,
                user,
                notes,
                added,
            )?;
            Ok(installed)
        })
    }

    /// Takes an installed item out of the item it is installed in, into `location`. An item
    /// that is not installed is left alone. History: REMOVED_CHILD_ITEM on the assembly
    /// `{stockitem: item, quantity}`, REMOVED_FROM_ASSEMBLY on the item
    /// `{stockitem: assembly, quantity}`.
    pub fn uninstall_stock(
        &self,
        item: i64,
        location: i64,
        notes: &str,
        user: Option<i64>,
    ) -> Result<StockItem, ActionError> {
        self.act(|conn| {
            let installed = load_item(conn, item)?;
            match load_location(conn, location) {
                Ok(place) if place.structural => {
                    return Err(Refusal::of_field(
                        Some("location"),
                        "Structural locations cannot be assigned stock items",
                    )
                    .into());
                }
                Ok(_) => {}
                Err(StoreError::NotFound { .. }) => {
                    return Err(Refusal::of_field(
                        Some("location"),
                        text::does_not_exist(location),
                    )
                    .into());
                }
                Err(e) => return Err(e.into()),
            }
            let Some(assembly_id) = installed.belongs_to_id else {
                return Ok(installed);
            };
            let assembly = load_item(conn, assembly_id)?;
            let amount = installed.quantity().to_f64();
            let removed = deltas!("stockitem": installed.id, "quantity": amount);
            track(
                conn,
                history::REMOVED_CHILD_ITEM,
                &assembly,
                user,
                notes,
                removed,
            )?;
            let patch = Patch {
                belongs_to_id: Some(None),
                consumed_by_id: Some(None),
                location_id: Some(Some(location)),
                ..Default::default()
            };
            let free = save(conn, installed.id, patch)?;
            let from = deltas!("stockitem": assembly.id, "quantity": amount);
            track(
                conn,
                history::REMOVED_FROM_ASSEMBLY,
                &free,
                user,
                notes,
                from,
            )?;
            Ok(free)
        })
    }
}
