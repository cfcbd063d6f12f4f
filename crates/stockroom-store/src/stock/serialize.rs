//! Serializing an existing item: units taken out of it into new children of quantity one,
//! each with a serial, in one transaction.

use chrono::Utc;
use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use super::NewStockItem;
use super::actions::{Patch, deltas, is_serialized, remove_if_depleted, save, text, track};
use super::create::{
    KeyedSerial, REJECTED, SerialsError, insert_serialized, latest_in_scope, taken,
};
use super::items::load_item;
use super::tracking::{NewTracking, add_tracking_batch};
use crate::Store;
use crate::error::StoreError;
use crate::locations::load_location;
use crate::parts::load_part;
use crate::settings::serial_scope_for;

/// What to serialize: how many units of which item, and where the new items go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serialize {
    pub item: i64,
    /// Whole units.
    pub quantity: i64,
    /// The location of the new items.
    pub destination: i64,
    /// Notes of the history entries.
    pub notes: String,
}

/// InvenTree's message for serials a serialize request cannot use.
pub fn serials_exist_message(serials: &[String]) -> String {
    format!("Serial numbers already exist: {}", serials.join(","))
}

impl Store {
    /// Takes `request.quantity` units out of an item into new serialized children: each
    /// copies the item (batch, status, supplier part, prices, ...) with `parent` set, quantity
    /// one and the destination as location. `choose` picks the serials inside the transaction
    /// from the scope's latest serial. History: SPLIT_FROM_PARENT `{quantity: 1.0}` and
    /// ASSIGNED_SERIAL `{serial}` on each child, STOCK_SERIALIZED `{removed, quantity}` on the
    /// item, which is deleted when depleted and `delete_on_deplete` is set. Returns the new
    /// ids in the order `choose` gave.
    #[tracing::instrument(skip_all, fields(item = request.item))]
    pub fn serialize_stock<E>(
        &self,
        request: &Serialize,
        user: Option<i64>,
        mut choose: impl FnMut(Option<&str>) -> Result<Vec<KeyedSerial>, E>,
    ) -> Result<Vec<i64>, SerialsError<E>> {
        let mut rejected: Option<E> = None;
        let outcome = self.write(|conn| {
            let item = load_item(conn, request.item)?;
            let part = load_part(conn, item.part_id)?;
            if !part.trackable {
                return Err(StoreError::refused(
                    "Serial numbers cannot be assigned to this part",
                ));
            }
            if is_serialized(&item) {
                return Err(StoreError::refused(
                    "Serialized stock cannot be serialized again",
                ));
            }
            let units = Quantity::from_whole(request.quantity)
                .map_err(|e| StoreError::invalid("quantity", e.to_string()))?;
            if units.units() > item.quantity {
                return Err(StoreError::invalid(
                    "quantity",
                    text::exceeds(item.quantity()),
                ));
            }
            match load_location(conn, request.destination) {
                Ok(location) if location.structural => {
                    return Err(StoreError::invalid("destination", text::STRUCTURAL));
                }
                Ok(_) => {}
                Err(StoreError::NotFound { .. }) => {
                    return Err(StoreError::invalid(
                        "destination",
                        text::does_not_exist(request.destination),
                    ));
                }
                Err(e) => return Err(e),
            }
            let scope = serial_scope_for(conn, item.part_id)?;
            let latest = latest_in_scope(conn, scope)?;
            let serials = match choose(latest.as_deref()) {
                Ok(serials) => serials,
                Err(e) => {
                    rejected = Some(e);
                    return Err(StoreError::refused(REJECTED));
                }
            };
            let conflicts = taken(conn, scope, &serials)?;
            if !conflicts.is_empty() {
                return Err(StoreError::invalid(
                    "serial_numbers",
                    serials_exist_message(&conflicts),
                ));
            }
            let one = NewStockItem {
                part_id: item.part_id,
                quantity: Quantity::ONE.units(),
                location_id: Some(request.destination),
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
                // Serialized items are never deleted when depleted, as InvenTree forces.
                delete_on_deplete: false,
                packaging: item.packaging.clone(),
                purchase_price: item.purchase_price.clone(),
                purchase_price_currency: item.purchase_price_currency.clone(),
                link: item.link.clone(),
                notes: item.notes.clone(),
            };
            let ids = insert_serialized(conn, &one, scope, &serials, Utc::now().naive_utc())?;
            let mut entries = Vec::with_capacity(ids.len() * 2);
            for (id, serial) in ids.iter().zip(&serials) {
                let entry = |code: i32, deltas: serde_json::Value| NewTracking {
                    tracking_type: code,
                    item_id: Some(*id),
                    part_id: item.part_id,
                    user_id: user,
                    notes: request.notes.clone(),
                    deltas: Some(deltas),
                };
                entries.push(entry(history::SPLIT_FROM_PARENT, json!({"quantity": 1.0})));
                entries.push(entry(
                    history::ASSIGNED_SERIAL,
                    json!({"serial": serial.serial}),
                ));
            }
            add_tracking_batch(conn, &entries)?;
            let parent = save(
                conn,
                item.id,
                Patch {
                    quantity: Some(item.quantity - units.units()),
                    ..Default::default()
                },
            )?;
            let removed = deltas!(
                "removed": units.to_f64(),
                "quantity": parent.quantity().to_f64(),
            );
            track(
                conn,
                history::STOCK_SERIALIZED,
                &parent,
                user,
                &request.notes,
                removed,
            )?;
            remove_if_depleted(conn, &parent)?;
            Ok(ids)
        });
        match (outcome, rejected) {
            (Ok(ids), _) => Ok(ids),
            (Err(_), Some(rejected)) => Err(SerialsError::Rejected(rejected)),
            (Err(e), None) => Err(SerialsError::Store(e)),
        }
    }
}
