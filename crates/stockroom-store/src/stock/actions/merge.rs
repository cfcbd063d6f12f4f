//! Merging stock items of one part into one item.

use diesel::prelude::*;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use super::{ActionError, Patch, Refusal, deltas, is_serialized, load_entry, save, text, track};
use crate::Store;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::locations::load_location;
use crate::schema::{build_items, sales_order_allocations, stock_items};
use crate::stock::StockItem;

/// A merge request: the first item is the one the others merge into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeRequest {
    pub items: Vec<i64>,
    pub location: i64,
    pub notes: String,
    pub allow_mismatched_suppliers: bool,
    pub allow_mismatched_status: bool,
}

/// Why an item cannot be merged at all (InvenTree's `can_merge` without another item).
pub(super) fn mergeable(
    conn: &mut AnyConnection,
    item: &StockItem,
) -> Result<Option<&'static str>, StoreError> {
    if item.sales_order_id.is_some() {
        return Ok(Some("Stock item has been assigned to a sales order"));
    }
    if item.belongs_to_id.is_some() {
        return Ok(Some("Stock item is installed in another item"));
    }
    let installed: i64 = stock_items::table
        .filter(stock_items::belongs_to_id.eq(item.id))
        .count()
        .get_result(conn)?;
    if installed > 0 {
        return Ok(Some("Stock item contains other items"));
    }
    if item.customer_id.is_some() {
        return Ok(Some("Stock item has been assigned to a customer"));
    }
    if item.is_building {
        return Ok(Some("Stock item is currently in production"));
    }
    if is_serialized(item) {
        return Ok(Some("Serialized stock cannot be merged"));
    }
    Ok(None)
}

/// Merges `others` into `base`: quantities add up, allocations follow, the purchase price
/// becomes the quantity-weighted average (of prices in the base's currency), the others are
/// deleted (their history stays, detached). History: MERGED_STOCK_ITEMS on the base
/// `{quantity, added, location}`.
pub(super) fn absorb(
    conn: &mut AnyConnection,
    base: &StockItem,
    others: &[StockItem],
    location: Option<i64>,
    user: Option<i64>,
    notes: &str,
) -> Result<StockItem, ActionError> {
    let mut added = Quantity::ZERO;
    for other in others {
        added = added.checked_add(other.quantity()).ok_or_else(too_large)?;
    }
    let total = base.quantity().checked_add(added).ok_or_else(too_large)?;
    let ids: Vec<i64> = others.iter().map(|o| o.id).collect();
    diesel::update(
        sales_order_allocations::table.filter(sales_order_allocations::item_id.eq_any(&ids)),
    )
    .set(sales_order_allocations::item_id.eq(base.id))
    .execute(conn)?;
    diesel::update(build_items::table.filter(build_items::stock_item_id.eq_any(&ids)))
        .set(build_items::stock_item_id.eq(base.id))
        .execute(conn)?;
    let price = average_price(base, others);
    diesel::delete(stock_items::table.filter(stock_items::id.eq_any(&ids))).execute(conn)?;
    let patch = Patch {
        quantity: Some(total.units()),
        location_id: location.map(Some),
        purchase_price: price.map(Some),
        ..Default::default()
    };
    let merged = save(conn, base.id, patch)?;
    let mut deltas = deltas!("quantity": total.to_f64(), "added": added.to_f64());
    if let Some(location) = location {
        deltas.insert("location".into(), serde_json::json!(location));
    }
    track(
        conn,
        history::MERGED_STOCK_ITEMS,
        &merged,
        user,
        notes,
        deltas,
    )?;
    Ok(merged)
}

fn too_large() -> ActionError {
    Refusal::of_field(
        None,
        "Ensure that there are no more than 15 digits in total.",
    )
    .into()
}

/// The quantity-weighted average price of the priced items in the base's currency (the
/// first priced item's, when the base has none), with six decimal places.
fn average_price(base: &StockItem, others: &[StockItem]) -> Option<String> {
    let priced: Vec<(&str, f64, f64)> = std::iter::once(base)
        .chain(others)
        .filter_map(|item| {
            let price: f64 = item.purchase_price.as_deref()?.trim().parse().ok()?;
            Some((
                item.purchase_price_currency.as_str(),
                price,
                item.quantity().to_f64(),
            ))
        })
        .collect();
    let currency = priced.first()?.0;
    let (mut cost, mut count) = (0.0, 0.0);
    for (c, price, quantity) in &priced {
        if *c == currency {
            cost += price * quantity;
            count += quantity;
        }
    }
    (count > 0.0).then(|| format!("{:.6}", cost / count))
}

impl Store {
    /// Merges stock items into the first one, at `location`.
    pub fn merge_stock(
        &self,
        request: &MergeRequest,
        user: Option<i64>,
    ) -> Result<StockItem, ActionError> {
        self.act(|conn| {
            let mut refusal = Refusal::default();
            let mut items = Vec::with_capacity(request.items.len());
            for (index, pk) in request.items.iter().enumerate() {
                let Some(item) = load_entry(conn, &mut refusal, index, "item", *pk)? else {
                    continue;
                };
                match mergeable(conn, &item)? {
                    Some(reason) => refusal.item(index, "item", reason),
                    None => items.push(item),
                }
            }
            match load_location(conn, request.location) {
                Ok(location) if location.structural => {
                    refusal.field(Some("location"), text::STRUCTURAL);
                }
                Ok(_) => {}
                Err(StoreError::NotFound { .. }) => {
                    refusal.field(Some("location"), text::does_not_exist(request.location));
                }
                Err(e) => return Err(e.into()),
            }
            if !refusal.is_empty() {
                return Err(refusal.into());
            }
            if let Some(reason) = pairwise(request, &items) {
                return Err(Refusal::of_field(None, reason).into());
            }
            let Some((base, others)) = items.split_first() else {
                return Err(
                    Refusal::of_field(None, "At least two stock items must be provided").into(),
                );
            };
            absorb(
                conn,
                base,
                others,
                Some(request.location),
                user,
                &request.notes,
            )
        })
    }
}

/// The request-level checks, in InvenTree's order.
fn pairwise(request: &MergeRequest, items: &[StockItem]) -> Option<&'static str> {
    if items.len() < 2 {
        return Some("At least two stock items must be provided");
    }
    let base = &items[0];
    let mut seen = std::collections::HashSet::new();
    for item in items {
        if !seen.insert(item.id) {
            return Some("Duplicate stock items");
        }
        if item.id == base.id {
            continue;
        }
        if item.part_id != base.part_id {
            return Some("Stock items must refer to the same part");
        }
        if item.supplier_part_id != base.supplier_part_id && !request.allow_mismatched_suppliers {
            return Some("Stock items must refer to the same supplier part");
        }
        if item.status != base.status && !request.allow_mismatched_status {
            return Some("Stock status codes must match");
        }
    }
    None
}
