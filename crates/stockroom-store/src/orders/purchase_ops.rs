//! Purchase orders' business operations: creating and editing orders and lines under the
//! reference pattern, the supplier rule and the completed-order lock, and the status
//! transitions (issue, hold, cancel, complete).

use chrono::Utc;
use diesel::prelude::*;
use stockroom_core::status::po_status;

use super::purchase::{
    NewPurchaseOrder, NewPurchaseOrderLine, PurchaseOrder, PurchaseOrderChanges, PurchaseOrderLine,
    PurchaseOrderLineChanges,
};
use super::references::{OrderKind, checked_reference, next_reference};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{companies, purchase_order_lines, purchase_orders, supplier_parts};
use crate::settings::global_flag;
use crate::{Store, StoreResult};

/// Orders still expecting goods: `PurchaseOrderStatusGroups.OPEN`.
pub const PO_OPEN: [i32; 3] = [po_status::PENDING, po_status::ON_HOLD, po_status::PLACED];

/// The setting that lets completed orders be edited (off by default).
const EDIT_COMPLETED_SETTING: &str = "PURCHASEORDER_EDIT_COMPLETED_ORDERS";

/// A status change asked of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoTransition {
    /// Place the order with the supplier (`issue`).
    Issue,
    Hold,
    Cancel,
    /// Close the order; `accept_incomplete` allows lines not fully received.
    Complete {
        accept_incomplete: bool,
    },
}

pub(crate) fn load_order(conn: &mut AnyConnection, id: i64) -> StoreResult<PurchaseOrder> {
    purchase_orders::table
        .find(id)
        .select(PurchaseOrder::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "PurchaseOrder",
            pk: id,
        })
}

pub(crate) fn load_line(conn: &mut AnyConnection, id: i64) -> StoreResult<PurchaseOrderLine> {
    purchase_order_lines::table
        .find(id)
        .select(PurchaseOrderLine::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "PurchaseOrderLineItem",
            pk: id,
        })
}

/// A completed order is locked unless the setting allows editing it.
fn locked(conn: &mut AnyConnection, order: &PurchaseOrder) -> StoreResult<bool> {
    Ok(order.status == po_status::COMPLETE && !global_flag(conn, EDIT_COMPLETED_SETTING, false)?)
}

/// Refuses changes to the lines of a locked order.
fn check_lines_editable(conn: &mut AnyConnection, order: &PurchaseOrder) -> StoreResult<()> {
    if locked(conn, order)? {
        return Err(StoreError::refused(
            "The order is locked and cannot be modified",
        ));
    }
    Ok(())
}

/// The supplier must be a company marked as a supplier; others are not valid choices.
fn check_supplier(conn: &mut AnyConnection, supplier: Option<i64>) -> StoreResult<()> {
    let Some(id) = supplier else {
        return Ok(());
    };
    let found: Vec<bool> = companies::table
        .filter(companies::id.eq(id))
        .select(companies::is_supplier)
        .load(conn)?;
    if found.first() == Some(&true) {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "supplier",
            format!("Invalid pk \"{id}\" - object does not exist."),
        ))
    }
}

/// Checks the reference's pattern and that no other order uses it; returns its sort key.
fn check_reference(
    conn: &mut AnyConnection,
    reference: &str,
    except: Option<i64>,
) -> StoreResult<i64> {
    let key = checked_reference(conn, OrderKind::Purchase, reference)?;
    let mut same = purchase_orders::table
        .filter(purchase_orders::reference.eq(reference.trim()))
        .select(purchase_orders::id)
        .into_boxed();
    if let Some(id) = except {
        same = same.filter(purchase_orders::id.ne(id));
    }
    if !same.load::<i64>(conn)?.is_empty() {
        return Err(StoreError::invalid(
            "reference",
            "Purchase Order with this Reference already exists.",
        ));
    }
    Ok(key)
}

fn pending_lines(conn: &mut AnyConnection, order: i64) -> StoreResult<i64> {
    Ok(purchase_order_lines::table
        .filter(purchase_order_lines::order_id.eq(order))
        .filter(purchase_order_lines::received.lt(purchase_order_lines::quantity))
        .count()
        .get_result(conn)?)
}

/// Marks the order complete today, as the complete action and automatic completion do.
pub(crate) fn mark_complete(
    conn: &mut AnyConnection,
    order: i64,
    received_by: Option<i64>,
) -> StoreResult<()> {
    let today = Utc::now().date_naive();
    diesel::update(purchase_orders::table.find(order))
        .set((
            purchase_orders::status.eq(po_status::COMPLETE),
            purchase_orders::complete_date.eq(Some(today)),
        ))
        .execute(conn)?;
    if let Some(user) = received_by {
        diesel::update(purchase_orders::table.find(order))
            .set(purchase_orders::received_by_id.eq(Some(user)))
            .execute(conn)?;
    }
    Ok(())
}

/// The supplier of a supplier part, or the line's `part` error when it does not exist.
fn supplier_of(conn: &mut AnyConnection, supplier_part: i64) -> StoreResult<i64> {
    let found: Vec<i64> = supplier_parts::table
        .filter(supplier_parts::id.eq(supplier_part))
        .select(supplier_parts::supplier_id)
        .load(conn)?;
    found.first().copied().ok_or_else(|| {
        StoreError::invalid(
            "part",
            format!("Invalid pk \"{supplier_part}\" - object does not exist."),
        )
    })
}

/// A line's supplier part must come from the order's supplier.
fn check_line_part(
    conn: &mut AnyConnection,
    order: &PurchaseOrder,
    supplier_part: Option<i64>,
) -> StoreResult<()> {
    let Some(sp) = supplier_part else {
        return Err(StoreError::invalid(
            "part",
            "Supplier part must be specified",
        ));
    };
    if Some(supplier_of(conn, sp)?) != order.supplier_id {
        return Err(StoreError::invalid(
            "part",
            "Supplier must match purchase order",
        ));
    }
    Ok(())
}

impl Store {
    /// The reference the next new purchase order gets by default.
    pub fn next_purchase_order_reference(&self) -> StoreResult<String> {
        self.read(|conn| {
            let highest: Option<i64> = purchase_orders::table
                .select(diesel::dsl::max(purchase_orders::reference_int))
                .first(conn)?;
            next_reference(conn, OrderKind::Purchase, highest)
        })
    }

    /// Creates a purchase order: the reference must follow the pattern and be unused, the
    /// supplier must be a supplier. `reference_int` and the creation date are derived.
    #[tracing::instrument(skip_all)]
    pub fn create_po(&self, new: &NewPurchaseOrder) -> StoreResult<PurchaseOrder> {
        self.write(|conn| {
            let reference_int = check_reference(conn, &new.reference, None)?;
            check_supplier(conn, new.supplier_id)?;
            let row = NewPurchaseOrder {
                reference: new.reference.trim().to_owned(),
                reference_int,
                status: po_status::PENDING,
                creation_date: new.creation_date.or_else(|| Some(Utc::now().date_naive())),
                ..new.clone()
            };
            let id: i64 = diesel::insert_into(purchase_orders::table)
                .values(&row)
                .returning(purchase_orders::id)
                .get_result(conn)?;
            load_order(conn, id)
        })
    }

    /// Edits an order. A completed order is locked (unless the setting allows editing).
    #[tracing::instrument(skip_all, fields(id))]
    pub fn update_po(&self, id: i64, changes: &PurchaseOrderChanges) -> StoreResult<PurchaseOrder> {
        self.write(|conn| {
            let order = load_order(conn, id)?;
            if locked(conn, &order)? {
                return Err(StoreError::invalid(
                    "reference",
                    "This order is locked and cannot be modified",
                ));
            }
            let mut changes = changes.clone();
            if let Some(reference) = &changes.reference {
                changes.reference_int = Some(check_reference(conn, reference, Some(id))?);
                changes.reference = Some(reference.trim().to_owned());
            }
            if let Some(supplier) = changes.supplier_id {
                check_supplier(conn, supplier)?;
            }
            changes.status = None;
            // The id column keeps the statement valid when nothing else changes.
            diesel::update(purchase_orders::table.find(id))
                .set((purchase_orders::id.eq(id), &changes))
                .execute(conn)?;
            load_order(conn, id)
        })
    }

    /// Deletes an order and its lines; stock received against it stays, unlinked.
    pub fn delete_po(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            load_order(conn, id)?;
            diesel::delete(purchase_orders::table.find(id)).execute(conn)?;
            Ok(())
        })
    }

    /// Moves an order to another status, as InvenTree's order actions do; a change the
    /// current status does not allow is refused.
    #[tracing::instrument(skip_all, fields(id))]
    pub fn transition_po(&self, id: i64, transition: PoTransition) -> StoreResult<PurchaseOrder> {
        self.write(|conn| {
            let order = load_order(conn, id)?;
            let status = order.status;
            let (allowed, target, refusal) = match transition {
                PoTransition::Issue => (
                    matches!(status, po_status::PENDING | po_status::ON_HOLD),
                    po_status::PLACED,
                    "Order cannot be issued",
                ),
                PoTransition::Hold => (
                    matches!(status, po_status::PENDING | po_status::PLACED),
                    po_status::ON_HOLD,
                    "Order cannot be placed on hold",
                ),
                PoTransition::Cancel => (
                    PO_OPEN.contains(&status),
                    po_status::CANCELLED,
                    "Order cannot be cancelled",
                ),
                PoTransition::Complete { accept_incomplete } => {
                    if !accept_incomplete && pending_lines(conn, id)? > 0 {
                        return Err(StoreError::invalid(
                            "accept_incomplete",
                            "Order has incomplete line items",
                        ));
                    }
                    (
                        status == po_status::PLACED,
                        po_status::COMPLETE,
                        "Order cannot be completed",
                    )
                }
            };
            if !allowed {
                return Err(StoreError::refused(refusal));
            }
            if target == po_status::COMPLETE {
                mark_complete(conn, id, None)?;
            } else {
                let issue_date = if target == po_status::PLACED {
                    Some(Utc::now().date_naive())
                } else {
                    order.issue_date
                };
                diesel::update(purchase_orders::table.find(id))
                    .set((
                        purchase_orders::status.eq(target),
                        purchase_orders::issue_date.eq(issue_date),
                    ))
                    .execute(conn)?;
            }
            load_order(conn, id)
        })
    }

    /// Adds a line to an order. With `merge`, a line of the same supplier part, target date
    /// and destination takes the quantity instead, as InvenTree's `merge_items` does.
    #[tracing::instrument(skip_all)]
    pub fn add_po_line(
        &self,
        new: &NewPurchaseOrderLine,
        merge: bool,
    ) -> StoreResult<PurchaseOrderLine> {
        self.write(|conn| {
            let order = load_order(conn, new.order_id)?;
            check_line_part(conn, &order, new.supplier_part_id)?;
            check_lines_editable(conn, &order)?;
            if merge {
                let mut same = purchase_order_lines::table
                    .filter(purchase_order_lines::order_id.eq(new.order_id))
                    .filter(purchase_order_lines::supplier_part_id.eq(new.supplier_part_id))
                    .select(PurchaseOrderLine::as_select())
                    .order(purchase_order_lines::id)
                    .into_boxed();
                same = match new.target_date {
                    Some(d) => same.filter(purchase_order_lines::target_date.eq(d)),
                    None => same.filter(purchase_order_lines::target_date.is_null()),
                };
                same = match new.destination_id {
                    Some(d) => same.filter(purchase_order_lines::destination_id.eq(d)),
                    None => same.filter(purchase_order_lines::destination_id.is_null()),
                };
                if let Some(line) = same.load(conn)?.into_iter().next() {
                    let quantity = line.quantity.checked_add(new.quantity).ok_or_else(|| {
                        StoreError::invalid(
                            "quantity",
                            "Ensure that there are no more than 15 digits in total.",
                        )
                    })?;
                    diesel::update(purchase_order_lines::table.find(line.id))
                        .set(purchase_order_lines::quantity.eq(quantity))
                        .execute(conn)?;
                    return load_line(conn, line.id);
                }
            }
            let id: i64 = diesel::insert_into(purchase_order_lines::table)
                .values(new)
                .returning(purchase_order_lines::id)
                .get_result(conn)?;
            load_line(conn, id)
        })
    }

    /// Edits a line (moving it to another order is allowed, as InvenTree allows it); lines
    /// of a locked order cannot change.
    #[tracing::instrument(skip_all, fields(id))]
    pub fn update_po_line(
        &self,
        id: i64,
        order: Option<i64>,
        changes: &PurchaseOrderLineChanges,
    ) -> StoreResult<PurchaseOrderLine> {
        self.write(|conn| {
            let line = load_line(conn, id)?;
            let current = load_order(conn, line.order_id)?;
            check_lines_editable(conn, &current)?;
            let target = match order {
                Some(other) if other != line.order_id => {
                    let other = load_order(conn, other).map_err(|_| {
                        StoreError::invalid(
                            "order",
                            format!("Invalid pk \"{other}\" - object does not exist."),
                        )
                    })?;
                    check_lines_editable(conn, &other)?;
                    other
                }
                _ => current,
            };
            let part = changes.supplier_part_id.unwrap_or(line.supplier_part_id);
            check_line_part(conn, &target, part)?;
            diesel::update(purchase_order_lines::table.find(id))
                .set((purchase_order_lines::order_id.eq(target.id), changes))
                .execute(conn)?;
            load_line(conn, id)
        })
    }

    /// Deletes a line, unless its order is locked.
    pub fn delete_po_line(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let line = load_line(conn, id)?;
            let order = load_order(conn, line.order_id)?;
            check_lines_editable(conn, &order)?;
            diesel::delete(purchase_order_lines::table.find(id)).execute(conn)?;
            Ok(())
        })
    }
}
