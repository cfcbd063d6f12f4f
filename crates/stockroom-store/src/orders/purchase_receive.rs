//! Receiving goods against a placed purchase order: every entry of a request becomes stock
//! (one item, or one per serial) in one transaction, or nothing does.
//!
//! Quantities arrive in the supplier's packs and are stored in the part's units (times the
//! pack size). Serial patterns are expanded inside the transaction against the scope's
//! latest serial and the serials already taken by earlier entries of the same request, so
//! two entries can neither pick nor name the same serial.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::serial::{SerialPattern, latest_serial, serial_int};
use stockroom_core::status::{history, po_status};

use super::purchase::PurchaseOrderLine;
use super::purchase_ops::{PO_OPEN, load_order, mark_complete};
use super::stock_moves::{Entry, insert_pieces, write_history};
use crate::companies::SupplierPart;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::locations::load_location;
use crate::parts::load_part;
use crate::schema::{purchase_order_lines, stock_items, supplier_parts};
use crate::settings::{global_flag, serial_scope_for};
use crate::stock::{ActionError, NewStockItem, Refusal};
use crate::{Store, StoreResult};

/// Completes an order once every line is received (on by default).
const AUTO_COMPLETE_SETTING: &str = "PURCHASEORDER_AUTO_COMPLETE";

/// One entry of a receipt.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiveEntry {
    pub line: i64,
    /// Packs received.
    pub quantity: Quantity,
    pub location: Option<i64>,
    pub status: i32,
    pub batch: String,
    pub expiry_date: Option<NaiveDate>,
    /// A serial-number pattern; blank for none.
    pub serial_numbers: String,
    /// Overrides the supplier part's packaging when not blank.
    pub packaging: String,
    pub note: String,
}

/// A receipt against one order.
#[derive(Debug, Clone, PartialEq)]
pub struct Receipt {
    pub order: i64,
    /// Where entries without a location go; `None` falls back to the order's destination,
    /// then to each line's destination, then to the part's default location.
    pub location: Option<i64>,
    pub entries: Vec<ReceiveEntry>,
    /// The largest number of serials one entry may create.
    pub max_serials: u64,
}

/// One entry, checked and resolved, ready to write.
struct Planned {
    line: PurchaseOrderLine,
    supplier_part: SupplierPart,
    part_id: i64,
    location: i64,
    stock_quantity: i64,
    serials: Vec<String>,
    scope: i64,
}

/// The scope's latest serial as stored.
fn stored_latest(conn: &mut AnyConnection, scope: i64) -> StoreResult<Option<String>> {
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
    Ok(serials.into_iter().flatten().max())
}

/// The serials of `wanted` stored in `scope`.
fn stored_serials(
    conn: &mut AnyConnection,
    scope: i64,
    wanted: &[String],
) -> StoreResult<HashSet<String>> {
    let mut found = HashSet::new();
    for chunk in wanted.chunks(1000) {
        let rows: Vec<Option<String>> = stock_items::table
            .filter(stock_items::serial_scope.eq(scope))
            .filter(stock_items::serial.eq_any(chunk))
            .select(stock_items::serial)
            .load(conn)?;
        found.extend(rows.into_iter().flatten());
    }
    Ok(found)
}

fn taken_message(serials: &[String]) -> String {
    format!(
        "The following serial numbers already exist or are invalid: {}",
        serials.join(", ")
    )
}

/// Serials picked by earlier entries of the request, per scope.
#[derive(Default)]
struct Picked {
    by_scope: HashMap<i64, Vec<String>>,
}

impl Picked {
    fn latest(&self, scope: i64, stored: Option<String>) -> Option<String> {
        let earlier = self.by_scope.get(&scope).into_iter().flatten();
        latest_serial(stored.iter().chain(earlier).map(String::as_str)).map(str::to_owned)
    }

    fn contains(&self, scope: i64, serial: &str) -> bool {
        self.by_scope
            .get(&scope)
            .is_some_and(|s| s.iter().any(|x| x == serial))
    }
}

/// Checks one entry; problems go into `refusal`, a usable entry comes back planned.
#[allow(clippy::too_many_arguments)]
fn plan_entry(
    conn: &mut AnyConnection,
    index: usize,
    entry: &ReceiveEntry,
    line: &PurchaseOrderLine,
    location: i64,
    max_serials: u64,
    picked: &mut Picked,
    refusal: &mut Refusal,
) -> StoreResult<Option<Planned>> {
    let Some(sp_id) = line.supplier_part_id else {
        refusal
            .fields
            .push((None, "Line item is missing a linked part".into()));
        return Ok(None);
    };
    let supplier_part: SupplierPart = supplier_parts::table
        .find(sp_id)
        .select(SupplierPart::as_select())
        .first(conn)?;
    let part = load_part(conn, supplier_part.part_id)?;
    if part.is_template || part.is_virtual {
        let what = if part.is_template {
            "Stock item cannot be created for a template part"
        } else {
            "Stock item cannot be created for virtual parts"
        };
        refusal.item(index, "line_item", what);
        return Ok(None);
    }
    if load_location(conn, location)?.structural {
        refusal.item(
            index,
            "location",
            "Stock items cannot be located into structural stock locations!",
        );
        return Ok(None);
    }
    if !entry.quantity.is_positive() {
        refusal.item(index, "quantity", "Quantity must be greater than zero");
        return Ok(None);
    }
    let pack = pack_size(supplier_part.pack_quantity_native);
    let Some(stock_quantity) = entry.quantity.checked_mul(pack) else {
        refusal.item(
            index,
            "quantity",
            "Ensure that there are no more than 15 digits in total.",
        );
        return Ok(None);
    };
    let whole = stock_quantity.units() % stockroom_core::quantity::SCALE == 0;
    let pattern = entry.serial_numbers.trim();
    let mut serials = Vec::new();
    let mut scope = 0;
    if !pattern.is_empty() {
        if !part.trackable {
            refusal.item(
                index,
                "serial_numbers",
                "Serial numbers cannot be supplied for a non-trackable part",
            );
            return Ok(None);
        }
        scope = serial_scope_for(conn, part.id)?;
        let latest = picked.latest(scope, stored_latest(conn, scope)?);
        let count = if whole {
            stock_quantity.units() / stockroom_core::quantity::SCALE
        } else {
            0
        };
        let expanded = SerialPattern::new()
            .with_latest(latest.as_deref())
            .with_max_quantity(max_serials)
            .expand(pattern, count);
        serials = match expanded {
            Ok(serials) => serials,
            Err(errors) => {
                for error in errors {
                    refusal.item(index, error.field(), error.to_string());
                }
                return Ok(None);
            }
        };
        let stored = stored_serials(conn, scope, &serials)?;
        let bad: Vec<String> = serials
            .iter()
            .filter(|s| stored.contains(*s) || picked.contains(scope, s))
            .cloned()
            .collect();
        if !bad.is_empty() {
            refusal.item(index, "serial_numbers", taken_message(&bad));
            return Ok(None);
        }
        picked
            .by_scope
            .entry(scope)
            .or_default()
            .extend(serials.iter().cloned());
    } else if part.trackable && !whole {
        refusal.item(
            index,
            "quantity",
            "Quantity must be integer value for trackable parts",
        );
        return Ok(None);
    }
    Ok(Some(Planned {
        line: line.clone(),
        part_id: part.id,
        supplier_part,
        location,
        stock_quantity: stock_quantity.units(),
        serials,
        scope,
    }))
}

/// A supplier part's pack size in stock units; a size that is not positive counts as one.
fn pack_size(native: i64) -> Quantity {
    if native > 0 {
        Quantity::from_units(native)
    } else {
        Quantity::ONE
    }
}

/// The price of one stock unit: the line's (per pack) over the pack size.
fn unit_price(line: &PurchaseOrderLine, pack_native: i64) -> Option<String> {
    let each = line.purchase_price.as_deref()?.trim().parse::<f64>().ok()?;
    let pack = pack_size(pack_native).to_f64();
    let value = format!("{:.6}", each / pack);
    Some(value.trim_end_matches('0').trim_end_matches('.').to_owned())
}

/// Writes the planned entries; returns the new items' ids in request order.
fn write_entries(
    conn: &mut AnyConnection,
    order: i64,
    planned: &[(usize, Planned)],
    entries: &[ReceiveEntry],
    user: Option<i64>,
) -> StoreResult<Vec<i64>> {
    let now = Utc::now().naive_utc();
    let mut created = Vec::new();
    let mut history_entries = Vec::new();
    for (index, plan) in planned {
        let entry = &entries[*index];
        let packaging = if entry.packaging.trim().is_empty() {
            plan.supplier_part.packaging.clone()
        } else {
            entry.packaging.trim().to_owned()
        };
        let template = NewStockItem {
            location_id: Some(plan.location),
            batch: Some(entry.batch.clone()).filter(|b| !b.is_empty()),
            status: entry.status,
            expiry_date: entry.expiry_date,
            supplier_part_id: Some(plan.supplier_part.id),
            purchase_order_id: Some(order),
            delete_on_deplete: plan.serials.is_empty(),
            packaging,
            purchase_price: unit_price(&plan.line, plan.supplier_part.pack_quantity_native),
            purchase_price_currency: plan.line.purchase_price_currency.clone(),
            notes: entry.note.clone(),
            ..NewStockItem::new(plan.part_id, Quantity::from_units(plan.stock_quantity))
        };
        let ids = if plan.serials.is_empty() {
            insert_pieces(conn, std::slice::from_ref(&template))?
        } else {
            let mut ids = Vec::with_capacity(plan.serials.len());
            for serial in &plan.serials {
                let one = NewStockItem {
                    serial: Some(serial.clone()),
                    quantity: Quantity::ONE.units(),
                    ..template.clone()
                };
                let id: i64 = diesel::insert_into(stock_items::table)
                    .values((
                        &one,
                        stock_items::serial_int.eq(i64::from(serial_int(serial))),
                        stock_items::serial_scope.eq(Some(plan.scope)),
                        stock_items::creation_date.eq(now.date()),
                        stock_items::updated.eq(now),
                    ))
                    .returning(stock_items::id)
                    .get_result(conn)?;
                ids.push(id);
            }
            ids
        };
        let each = if plan.serials.is_empty() {
            Quantity::from_units(plan.stock_quantity).to_f64()
        } else {
            1.0
        };
        for id in &ids {
            history_entries.push(Entry {
                code: history::RECEIVED_AGAINST_PURCHASE_ORDER,
                item: *id,
                part: plan.part_id,
                notes: String::new(),
                deltas: json!({"location": plan.location, "purchaseorder": order, "quantity": each}),
            });
        }
        created.extend(ids);
        let received = plan
            .line
            .received
            .checked_add(entry.quantity.units())
            .ok_or_else(|| StoreError::invalid("quantity", "Invalid quantity provided"))?;
        diesel::update(purchase_order_lines::table.find(plan.line.id))
            .set(purchase_order_lines::received.eq(received))
            .execute(conn)?;
    }
    write_history(conn, &history_entries, user)?;
    Ok(created)
}

/// Plans and writes a receipt inside one transaction.
fn receive(
    conn: &mut AnyConnection,
    receipt: &Receipt,
    user: Option<i64>,
    refusal: &mut Refusal,
) -> StoreResult<Vec<i64>> {
    let order = load_order(conn, receipt.order)?;
    if receipt.entries.is_empty() {
        refusal
            .fields
            .push((None, "Line items must be provided".into()));
        return Err(StoreError::refused("receipt refused"));
    }
    let mut planned = Vec::with_capacity(receipt.entries.len());
    let mut picked = Picked::default();
    for (index, entry) in receipt.entries.iter().enumerate() {
        let found: Vec<PurchaseOrderLine> = purchase_order_lines::table
            .filter(purchase_order_lines::id.eq(entry.line))
            .select(PurchaseOrderLine::as_select())
            .load(conn)?;
        let Some(mut line) = found.into_iter().next() else {
            let message = format!("Invalid pk \"{}\" - object does not exist.", entry.line);
            refusal.item(index, "line_item", message);
            continue;
        };
        if line.order_id != order.id {
            refusal
                .fields
                .push((None, "Line item does not match purchase order".into()));
            continue;
        }
        // Earlier entries of the same line count towards what it has received.
        line.received = planned
            .iter()
            .filter(|(_, p): &&(usize, Planned)| p.line.id == line.id)
            .fold(line.received, |sum, (i, _)| {
                sum.saturating_add(receipt.entries[*i].quantity.units())
            });
        let default_location = match line.supplier_part_id {
            Some(sp) => {
                let part: i64 = supplier_parts::table
                    .find(sp)
                    .select(supplier_parts::part_id)
                    .first(conn)?;
                load_part(conn, part)?.default_location_id
            }
            None => None,
        };
        let location = entry
            .location
            .or(receipt.location)
            .or(order.destination_id)
            .or(line.destination_id)
            .or(default_location);
        let Some(location) = location else {
            refusal.fields.push((
                Some("location"),
                "Destination location must be specified".into(),
            ));
            continue;
        };
        let max = receipt.max_serials;
        if let Some(plan) = plan_entry(
            conn,
            index,
            entry,
            &line,
            location,
            max,
            &mut picked,
            refusal,
        )? {
            planned.push((index, plan));
        }
    }
    if !refusal.is_empty() {
        return Err(StoreError::refused("receipt refused"));
    }
    if order.status != po_status::PLACED {
        refusal.fields.push((
            None,
            "Lines can only be received against an order marked as 'PLACED'".into(),
        ));
        return Err(StoreError::refused("receipt refused"));
    }
    let created = write_entries(conn, order.id, &planned, &receipt.entries, user)?;
    let pending: i64 = purchase_order_lines::table
        .filter(purchase_order_lines::order_id.eq(order.id))
        .filter(purchase_order_lines::received.lt(purchase_order_lines::quantity))
        .count()
        .get_result(conn)?;
    if pending == 0
        && PO_OPEN.contains(&order.status)
        && global_flag(conn, AUTO_COMPLETE_SETTING, true)?
    {
        mark_complete(conn, order.id, user)?;
    }
    Ok(created)
}

impl Store {
    /// Receives goods against a placed order: creates the stock (with the supplier part,
    /// the order and the unit price), records RECEIVED_AGAINST_PURCHASE_ORDER history,
    /// raises each line's received count and, when every line is in and the setting allows,
    /// completes the order. All or nothing; refusals say which entry and why.
    #[tracing::instrument(skip_all, fields(order = receipt.order))]
    pub fn receive_purchase_order(
        &self,
        receipt: &Receipt,
        user: Option<i64>,
    ) -> Result<Vec<i64>, ActionError> {
        let mut refusal = Refusal::default();
        let outcome = self.write(|conn| {
            refusal = Refusal::default();
            receive(conn, receipt, user, &mut refusal)
        });
        match outcome {
            Ok(ids) => Ok(ids),
            Err(_) if !refusal.is_empty() => Err(ActionError::Refused(refusal)),
            Err(e) => Err(ActionError::Store(e)),
        }
    }
}
