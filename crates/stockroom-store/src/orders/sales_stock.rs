//! Stock against sales orders: allocating items (by pk or by serial number) to lines and
//! shipments, changing allocations, and shipping a shipment, which moves every allocated
//! item out of stock to the customer. Each is one transaction that checks everything
//! before it writes anything.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use super::sales::{SalesOrderAllocation, SalesOrderLine, Shipment};
use super::sales_write::load_order;
use super::stock_moves::{
    Entry, SO_OPEN, allocated_quantity, insert_pieces, items_by_id, piece_of, set_allocation_items,
    set_quantities, split_entries, write_history,
};
use crate::db::AnyConnection;
use crate::schema::{
    companies, sales_order_allocations, sales_order_lines, sales_order_shipments, stock_items,
};
use crate::stock::{Refusal, StockItem, is_in_stock};
use crate::tree::{self, Tree};
use crate::{Store, StoreError, StoreResult};

/// InvenTree's messages.
pub mod text {
    pub const NO_ITEMS: &str = "Allocation items must be provided";
    pub const LINE_NOT_IN_ORDER: &str = "Line item is not associated with this order";
    pub const SHIPMENT_SHIPPED: &str = "Shipment has already been shipped";
    pub const SHIPMENT_NOT_IN_ORDER: &str = "Shipment is not associated with this order";
    pub const QUANTITY_POSITIVE: &str = "Quantity must be positive";
    pub const SERIAL_QUANTITY: &str = "Quantity must be 1 for serialized stock item";
    pub const NO_PART: &str = "Cannot allocate stock to a line without a part";
    pub const OTHER_PART: &str = "Cannot allocate stock item to a line with a different part";
    pub const OVER_ALLOCATED: &str = "Stock item is over-allocated";
    pub const ZERO_ALLOCATION: &str = "Allocation quantity must be greater than zero";
    pub const EXCEEDS_STOCK: &str = "Allocation quantity cannot exceed stock quantity";
    pub const NO_SERIAL_MATCH: &str = "No match found for the following serial numbers";
    pub const SERIALS_UNAVAILABLE: &str = "The following serial numbers are unavailable";
    pub const ALREADY_SENT: &str = "Shipment has already been sent";
    pub const NOTHING_ALLOCATED: &str = "Shipment has no allocated stock items";
    pub const ORDER_NOT_OPEN: &str = "Shipments can only be sent for open orders";
}

/// One requested allocation: `quantity` of `item` to `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocationRequest {
    pub line: i64,
    pub item: i64,
    pub quantity: i64,
}

/// What shipping records on the shipment; `None` keeps the stored value.
#[derive(Debug, Clone, Default)]
pub struct ShipDetails {
    /// The day it went out (today when not given).
    pub shipment_date: Option<NaiveDate>,
    pub delivery_date: Option<Option<NaiveDate>>,
    pub tracking_number: Option<String>,
    pub invoice_number: Option<String>,
    pub link: Option<String>,
}

fn invalid_pk(pk: i64) -> String {
    format!("Invalid pk \"{pk}\" - object does not exist.")
}

fn find_line(conn: &mut AnyConnection, id: i64) -> StoreResult<Option<SalesOrderLine>> {
    Ok(sales_order_lines::table
        .find(id)
        .select(SalesOrderLine::as_select())
        .first(conn)
        .optional()?)
}

fn find_shipment(conn: &mut AnyConnection, id: i64) -> StoreResult<Option<Shipment>> {
    Ok(sales_order_shipments::table
        .find(id)
        .select(Shipment::as_select())
        .first(conn)
        .optional()?)
}

/// Checks a shipment given with an allocation: it exists, belongs to `order`, has not gone.
fn check_shipment(
    conn: &mut AnyConnection,
    order: i64,
    shipment: Option<i64>,
    refusal: &mut Refusal,
) -> StoreResult<()> {
    let Some(pk) = shipment else {
        return Ok(());
    };
    match find_shipment(conn, pk)? {
        None => refusal.field(Some("shipment"), invalid_pk(pk)),
        Some(s) if s.shipment_date.is_some() => {
            refusal.field(Some("shipment"), text::SHIPMENT_SHIPPED)
        }
        Some(s) if s.order_id != order => {
            refusal.field(Some("shipment"), text::SHIPMENT_NOT_IN_ORDER)
        }
        Some(_) => {}
    }
    Ok(())
}

/// True when `item`'s part is the line's part or one of its variants.
fn part_fits(conn: &mut AnyConnection, line_part: i64, item_part: i64) -> StoreResult<bool> {
    if line_part == item_part {
        return Ok(true);
    }
    Ok(tree::descendants(conn, Tree::PartVariants, line_part)?.contains(&item_part))
}

/// The quantity of `item` still free, leaving out one allocation (when it is being edited).
fn free_quantity(
    conn: &mut AnyConnection,
    item: &StockItem,
    skip: Option<i64>,
) -> StoreResult<i64> {
    let held = allocated_quantity(conn, item.id, skip, None)?;
    Ok(item.quantity.saturating_sub(held).max(0))
}

fn insert_allocations(
    conn: &mut AnyConnection,
    rows: &[(i64, Option<i64>, i64, i64)],
) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(2000) {
        let values: Vec<_> = chunk
            .iter()
            .map(|(line, shipment, item, quantity)| {
                (
                    sales_order_allocations::line_id.eq(*line),
                    sales_order_allocations::shipment_id.eq(*shipment),
                    sales_order_allocations::item_id.eq(*item),
                    sales_order_allocations::quantity.eq(*quantity),
                )
            })
            .collect();
        let new: Vec<i64> = crate::db::each_backend!(conn, c => diesel::insert_into(sales_order_allocations::table)
            .values(values)
            .returning(sales_order_allocations::id)
            .get_results(c))?;
        ids.extend(new);
    }
    Ok(ids)
}

impl Store {
    /// Allocates stock items to lines of `order` (optionally in `shipment`). Every entry is
    /// checked: the line is the order's, the item fits the line's part, is in stock, and
    /// has enough unallocated quantity (counting earlier entries of the same request).
    #[tracing::instrument(level = "debug", skip_all, fields(order))]
    pub fn allocate_sales_stock(
        &self,
        order: i64,
        shipment: Option<i64>,
        entries: &[AllocationRequest],
    ) -> StoreResult<Result<Vec<i64>, Refusal>> {
        self.write(|conn| {
            load_order(conn, order)?;
            let mut refusal = Refusal::default();
            check_shipment(conn, order, shipment, &mut refusal)?;
            if entries.is_empty() {
                refusal.field(None, text::NO_ITEMS);
            }
            let ids: Vec<i64> = entries.iter().map(|e| e.item).collect();
            let items = items_by_id(conn, &ids)?;
            let mut taken: HashMap<i64, i64> = HashMap::new();
            for (index, entry) in entries.iter().enumerate() {
                let line = find_line(conn, entry.line)?;
                match &line {
                    None => refusal.item(index, "line_item", invalid_pk(entry.line)),
                    Some(l) if l.order_id != order => {
                        refusal.item(index, "line_item", text::LINE_NOT_IN_ORDER)
                    }
                    Some(_) => {}
                }
                let item = items.get(&entry.item).filter(|i| is_in_stock(i));
                let Some(item) = item else {
                    refusal.item(index, "stock_item", invalid_pk(entry.item));
                    continue;
                };
                if entry.quantity <= 0 {
                    refusal.item(index, "quantity", text::QUANTITY_POSITIVE);
                    continue;
                }
                if item.serial.is_some() && entry.quantity != Quantity::ONE.units() {
                    refusal.item(index, "quantity", text::SERIAL_QUANTITY);
                    continue;
                }
                let earlier = taken.get(&item.id).copied().unwrap_or(0);
                let free = free_quantity(conn, item, None)?
                    .saturating_sub(earlier)
                    .max(0);
                if entry.quantity > free {
                    let shown = Quantity::from_units(free);
                    refusal.item(
                        index,
                        "quantity",
                        format!("Available quantity ({shown}) exceeded"),
                    );
                    continue;
                }
                *taken.entry(item.id).or_default() += entry.quantity;
                if let Some(line) = &line {
                    match line.part_id {
                        None => refusal.item(index, "line_item", text::NO_PART),
                        Some(part) if !part_fits(conn, part, item.part_id)? => {
                            refusal.item(index, "stock_item", text::OTHER_PART)
                        }
                        Some(_) => {}
                    }
                }
            }
            if !refusal.is_empty() {
                return Ok(Err(refusal));
            }
            let rows: Vec<(i64, Option<i64>, i64, i64)> = entries
                .iter()
                .map(|e| (e.line, shipment, e.item, e.quantity))
                .collect();
            Ok(Ok(insert_allocations(conn, &rows)?))
        })
    }

    /// Allocates one unit of each serialized item of the line's part named in `serials`.
    #[tracing::instrument(level = "debug", skip_all, fields(order))]
    pub fn allocate_sales_serials(
        &self,
        order: i64,
        line: i64,
        serials: &[String],
        shipment: Option<i64>,
    ) -> StoreResult<Result<Vec<i64>, Refusal>> {
        self.write(|conn| {
            load_order(conn, order)?;
            let mut refusal = Refusal::default();
            let found = find_line(conn, line)?;
            match &found {
                None => refusal.field(Some("line_item"), invalid_pk(line)),
                Some(l) if l.order_id != order => {
                    refusal.field(Some("line_item"), text::LINE_NOT_IN_ORDER)
                }
                Some(_) => {}
            }
            check_shipment(conn, order, shipment, &mut refusal)?;
            if !refusal.is_empty() {
                return Ok(Err(refusal));
            }
            let part = found.and_then(|l| l.part_id);
            let mut missing: Vec<&str> = Vec::new();
            let mut unavailable: Vec<&str> = Vec::new();
            let mut chosen: Vec<i64> = Vec::new();
            for serial in serials {
                let serial = serial.trim();
                let candidates: Vec<StockItem> = match part {
                    Some(part) => stock_items::table
                        .filter(stock_items::part_id.eq(part))
                        .filter(stock_items::serial.eq(serial))
                        .filter(stock_items::quantity.eq(Quantity::ONE.units()))
                        .select(StockItem::as_select())
                        .load(conn)?,
                    None => Vec::new(),
                };
                let Some(item) = candidates.into_iter().next() else {
                    missing.push(serial);
                    continue;
                };
                if !is_in_stock(&item)
                    || free_quantity(conn, &item, None)? < Quantity::ONE.units()
                    || chosen.contains(&item.id)
                {
                    unavailable.push(serial);
                    continue;
                }
                chosen.push(item.id);
            }
            let listed = |mut found: Vec<&str>| {
                found.sort_unstable();
                found.dedup();
                found.join(",")
            };
            if !missing.is_empty() {
                let message = format!("{}: {}", text::NO_SERIAL_MATCH, listed(missing));
                return Ok(Err(Refusal::of_field(Some("serial_numbers"), message)));
            }
            if !unavailable.is_empty() {
                let message = format!("{}: {}", text::SERIALS_UNAVAILABLE, listed(unavailable));
                return Ok(Err(Refusal::of_field(Some("serial_numbers"), message)));
            }
            let rows: Vec<(i64, Option<i64>, i64, i64)> = chosen
                .iter()
                .map(|item| (line, shipment, *item, Quantity::ONE.units()))
                .collect();
            Ok(Ok(insert_allocations(conn, &rows)?))
        })
    }

    /// Changes an allocation's quantity, item or shipment, with the allocation rules.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn change_sales_allocation(
        &self,
        id: i64,
        item: Option<i64>,
        quantity: Option<i64>,
        shipment: Option<Option<i64>>,
    ) -> StoreResult<SalesOrderAllocation> {
        self.write(|conn| {
            let current: SalesOrderAllocation = sales_order_allocations::table
                .find(id)
                .select(SalesOrderAllocation::as_select())
                .first(conn)
                .optional()?
                .ok_or(StoreError::NotFound {
                    model: "SalesOrderAllocation",
                    pk: id,
                })?;
            let line = find_line(conn, current.line_id)?.ok_or(StoreError::NotFound {
                model: "SalesOrderLineItem",
                pk: current.line_id,
            })?;
            let item_id = item.unwrap_or(current.item_id);
            let quantity = quantity.unwrap_or(current.quantity);
            let shipment = shipment.unwrap_or(current.shipment_id);
            let stock = items_by_id(conn, &[item_id])?
                .remove(&item_id)
                .ok_or_else(|| StoreError::invalid("item", invalid_pk(item_id)))?;
            match line.part_id {
                None => return Err(StoreError::invalid("line", text::NO_PART)),
                Some(part) if !part_fits(conn, part, stock.part_id)? => {
                    return Err(StoreError::invalid("item", text::OTHER_PART));
                }
                Some(_) => {}
            }
            if quantity <= 0 {
                return Err(StoreError::invalid("quantity", text::ZERO_ALLOCATION));
            }
            if stock.serial.is_some() && quantity != Quantity::ONE.units() {
                return Err(StoreError::invalid("quantity", text::SERIAL_QUANTITY));
            }
            if quantity > stock.quantity {
                return Err(StoreError::invalid("quantity", text::EXCEEDS_STOCK));
            }
            if quantity > free_quantity(conn, &stock, Some(id))? {
                return Err(StoreError::invalid("quantity", text::OVER_ALLOCATED));
            }
            if let Some(pk) = shipment {
                match find_shipment(conn, pk)? {
                    None => return Err(StoreError::invalid("shipment", invalid_pk(pk))),
                    Some(s) if s.order_id != line.order_id => {
                        return Err(StoreError::invalid("shipment", text::SHIPMENT_NOT_IN_ORDER));
                    }
                    Some(_) => {}
                }
            }
            diesel::update(sales_order_allocations::table.find(id))
                .set((
                    sales_order_allocations::item_id.eq(item_id),
                    sales_order_allocations::quantity.eq(quantity),
                    sales_order_allocations::shipment_id.eq(shipment),
                ))
                .execute(conn)?;
            Ok(sales_order_allocations::table
                .find(id)
                .select(SalesOrderAllocation::as_select())
                .first(conn)?)
        })
    }

    /// Ships a shipment: each allocated item (or the allocated part of it, split off) leaves
    /// stock for the order's customer, with a history entry; lines count what shipped.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn ship_shipment(
        &self,
        id: i64,
        details: &ShipDetails,
        user: Option<i64>,
    ) -> StoreResult<Shipment> {
        self.write(|conn| {
            let shipment = find_shipment(conn, id)?.ok_or(StoreError::NotFound {
                model: "SalesOrderShipment",
                pk: id,
            })?;
            if shipment.shipment_date.is_some() {
                return Err(StoreError::refused(text::ALREADY_SENT));
            }
            let allocations: Vec<SalesOrderAllocation> = sales_order_allocations::table
                .filter(sales_order_allocations::shipment_id.eq(id))
                .order(sales_order_allocations::id)
                .select(SalesOrderAllocation::as_select())
                .load(conn)?;
            if allocations.is_empty() {
                return Err(StoreError::refused(text::NOTHING_ALLOCATED));
            }
            let order = load_order(conn, shipment.order_id)?;
            if !SO_OPEN.contains(&order.status) {
                return Err(StoreError::refused(text::ORDER_NOT_OPEN));
            }
            let customer: Option<(i64, String)> = match order.customer_id {
                Some(c) => companies::table
                    .find(c)
                    .select((companies::id, companies::name))
                    .first(conn)
                    .optional()?,
                None => None,
            };
            let mut shipped_deltas = serde_json::Map::new();
            if let Some((pk, name)) = &customer {
                shipped_deltas.insert("customer".into(), json!(pk));
                shipped_deltas.insert("customer_name".into(), json!(name));
            }
            shipped_deltas.insert("salesorder".into(), json!(order.id));
            let ids: Vec<i64> = allocations.iter().map(|a| a.item_id).collect();
            let mut items = items_by_id(conn, &ids)?;
            let mut history_entries: Vec<Entry> = Vec::new();
            let mut shipped_per_line: HashMap<i64, i64> = HashMap::new();
            let mut whole: Vec<i64> = Vec::new();
            let mut taken_whole: HashSet<i64> = HashSet::new();
            // Partial allocations split a piece off: pieces are stored together below, so
            // a thousand splits cost a few statements, not three thousand.
            let mut splits: Vec<(usize, i64, i64)> = Vec::new();
            let mut pieces = Vec::new();
            for (index, allocation) in allocations.iter().enumerate() {
                let Some(item) = items.get_mut(&allocation.item_id) else {
                    return Err(StoreError::refused(text::EXCEEDS_STOCK));
                };
                if allocation.quantity > item.quantity || taken_whole.contains(&item.id) {
                    return Err(StoreError::invalid("quantity", text::EXCEEDS_STOCK));
                }
                if allocation.quantity < item.quantity {
                    let mut piece = piece_of(item, allocation.quantity);
                    piece.sales_order_id = Some(order.id);
                    piece.customer_id = order.customer_id;
                    piece.location_id = None;
                    pieces.push(piece);
                    item.quantity -= allocation.quantity;
                    splits.push((index, item.id, item.quantity));
                } else {
                    taken_whole.insert(item.id);
                    whole.push(item.id);
                }
            }
            let piece_ids = insert_pieces(conn, &pieces)?;
            if piece_ids.len() != pieces.len() {
                return Err(StoreError::Corrupt("split pieces not stored".into()));
            }
            let mut shipped_as: HashMap<usize, i64> = HashMap::with_capacity(splits.len());
            let mut remaining: HashMap<i64, i64> = HashMap::new();
            let mut moved: Vec<(i64, i64)> = Vec::with_capacity(splits.len());
            for (&(index, item_id, left), &piece_id) in splits.iter().zip(&piece_ids) {
                let allocation = &allocations[index];
                let item = &items[&item_id];
                history_entries.extend(split_entries(item, piece_id, allocation.quantity, left));
                shipped_as.insert(index, piece_id);
                // An item split twice keeps what the last split left.
                remaining.insert(item_id, left);
                moved.push((allocation.id, piece_id));
            }
            set_quantities(conn, &remaining)?;
            set_allocation_items(conn, &moved)?;
            for (index, allocation) in allocations.iter().enumerate() {
                let part = items[&allocation.item_id].part_id;
                history_entries.push(Entry {
                    code: history::SHIPPED_AGAINST_SALES_ORDER,
                    item: shipped_as
                        .get(&index)
                        .copied()
                        .unwrap_or(allocation.item_id),
                    part,
                    notes: String::new(),
                    deltas: serde_json::Value::Object(shipped_deltas.clone()),
                });
                *shipped_per_line.entry(allocation.line_id).or_default() += allocation.quantity;
            }
            let now = Utc::now().naive_utc();
            for chunk in whole.chunks(5000) {
                diesel::update(stock_items::table.filter(stock_items::id.eq_any(chunk)))
                    .set((
                        stock_items::sales_order_id.eq(Some(order.id)),
                        stock_items::customer_id.eq(order.customer_id),
                        stock_items::location_id.eq(None::<i64>),
                        stock_items::updated.eq(now),
                    ))
                    .execute(conn)?;
            }
            for (line, quantity) in shipped_per_line {
                diesel::update(sales_order_lines::table.find(line))
                    .set(sales_order_lines::shipped.eq(sales_order_lines::shipped + quantity))
                    .execute(conn)?;
            }
            write_history(conn, &history_entries, user)?;
            let date = details
                .shipment_date
                .unwrap_or_else(|| Utc::now().date_naive());
            diesel::update(sales_order_shipments::table.find(id))
                .set((
                    sales_order_shipments::shipment_date.eq(Some(date)),
                    sales_order_shipments::delivery_date
                        .eq(details.delivery_date.unwrap_or(shipment.delivery_date)),
                    sales_order_shipments::tracking_number.eq(details
                        .tracking_number
                        .clone()
                        .unwrap_or(shipment.tracking_number.clone())),
                    sales_order_shipments::invoice_number.eq(details
                        .invoice_number
                        .clone()
                        .unwrap_or(shipment.invoice_number.clone())),
                    sales_order_shipments::link
                        .eq(details.link.clone().unwrap_or(shipment.link.clone())),
                ))
                .execute(conn)?;
            find_shipment(conn, id)?.ok_or(StoreError::NotFound {
                model: "SalesOrderShipment",
                pk: id,
            })
        })
    }
}
