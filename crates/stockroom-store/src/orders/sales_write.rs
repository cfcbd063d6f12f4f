//! Writing sales orders, lines and shipments with InvenTree's rules, and the order's status
//! transitions. Every check runs inside the writing transaction, so a refused request
//! writes nothing.

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use stockroom_core::status::so_status;

use super::references::{OrderKind, checked_reference};
use super::sales::{
    NewSalesOrder, NewSalesOrderLine, NewShipment, SalesOrder, SalesOrderChanges, SalesOrderLine,
    SalesOrderLineChanges, Shipment, ShipmentChanges,
};
use super::stock_moves::SO_OPEN;
use crate::db::AnyConnection;
use crate::schema::{
    companies, parts, sales_order_allocations, sales_order_lines, sales_order_shipments,
    sales_orders,
};
use crate::{Store, StoreError, StoreResult};

/// InvenTree's messages.
pub mod text {
    pub const REFERENCE_TAKEN: &str = "Sales Order with this Reference already exists.";
    pub const SHIPMENT_TAKEN: &str = "The fields order, reference must make a unique set.";
    pub const NOT_SALABLE: &str = "Only salable parts can be assigned to a sales order";
    pub const VIRTUAL_PART: &str = "Virtual part cannot be assigned to a sales order";
    pub const TARGET_BEFORE_START: &str = "Target date must be after start date";
    pub const START_AFTER_TARGET: &str = "Start date must be before target date";
    pub const CANNOT_ISSUE: &str = "Order cannot be issued";
    pub const CANNOT_HOLD: &str = "Order cannot be placed on hold";
    pub const CANNOT_CANCEL: &str = "Order cannot be cancelled";
    pub const ALREADY_COMPLETE: &str = "Order is already complete";
    pub const ALREADY_CANCELLED: &str = "Order is already cancelled";
    pub const ONLY_OPEN: &str = "Only an open order can be marked as complete";
    pub const INCOMPLETE_LINES_FIELD: &str = "Order has incomplete line items";
    pub const PENDING_SHIPMENTS: &str =
        "Order cannot be completed as there are incomplete shipments";
    pub const PENDING_ALLOCATIONS: &str =
        "Order cannot be completed as there are incomplete allocations";
    pub const INCOMPLETE_LINES: &str =
        "Order cannot be completed as there are incomplete line items";
}

fn invalid_pk(field: &'static str, pk: i64) -> StoreError {
    StoreError::invalid(
        field,
        format!("Invalid pk \"{pk}\" - object does not exist."),
    )
}

pub(crate) fn load_order(conn: &mut AnyConnection, id: i64) -> StoreResult<SalesOrder> {
    sales_orders::table
        .find(id)
        .select(SalesOrder::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "SalesOrder",
            pk: id,
        })
}

/// A customer must exist and be a customer (InvenTree limits the choices to customers, so
/// any other company reads as a missing one).
fn check_customer(conn: &mut AnyConnection, customer: Option<i64>) -> StoreResult<()> {
    let Some(pk) = customer else {
        return Ok(());
    };
    let found: Vec<bool> = companies::table
        .filter(companies::id.eq(pk))
        .select(companies::is_customer)
        .load(conn)?;
    match found.first() {
        Some(true) => Ok(()),
        _ => Err(invalid_pk("customer", pk)),
    }
}

fn check_dates(start: Option<NaiveDate>, target: Option<NaiveDate>) -> StoreResult<()> {
    match (start, target) {
        (Some(s), Some(t)) if s > t => Err(StoreError::invalid(
            "target_date",
            text::TARGET_BEFORE_START,
        )),
        _ => Ok(()),
    }
}

fn check_reference(
    conn: &mut AnyConnection,
    reference: &str,
    own: Option<i64>,
) -> StoreResult<i64> {
    let number = checked_reference(conn, OrderKind::Sales, reference)?;
    let taken: Vec<i64> = sales_orders::table
        .filter(sales_orders::reference.eq(reference.trim()))
        .select(sales_orders::id)
        .load(conn)?;
    if taken.iter().any(|id| Some(*id) != own) {
        return Err(StoreError::invalid("reference", text::REFERENCE_TAKEN));
    }
    Ok(number)
}

/// A line's part must exist, be salable and not be virtual.
fn check_part(conn: &mut AnyConnection, part: Option<i64>) -> StoreResult<()> {
    let Some(pk) = part else {
        return Ok(());
    };
    let found: Vec<(bool, bool)> = parts::table
        .filter(parts::id.eq(pk))
        .select((parts::salable, parts::is_virtual))
        .load(conn)?;
    match found.first() {
        None => Err(invalid_pk("part", pk)),
        Some((_, true)) => Err(StoreError::invalid("part", text::VIRTUAL_PART)),
        Some((false, _)) => Err(StoreError::invalid("part", text::NOT_SALABLE)),
        Some((true, false)) => Ok(()),
    }
}

fn check_quantity(quantity: Option<i64>) -> StoreResult<()> {
    match quantity {
        Some(q) if q < 0 => Err(StoreError::invalid(
            "quantity",
            "Ensure this value is greater than or equal to 0.",
        )),
        _ => Ok(()),
    }
}

fn check_shipment_reference(
    conn: &mut AnyConnection,
    order: i64,
    reference: &str,
    own: Option<i64>,
) -> StoreResult<()> {
    let taken: Vec<i64> = sales_order_shipments::table
        .filter(sales_order_shipments::order_id.eq(order))
        .filter(sales_order_shipments::reference.eq(reference))
        .select(sales_order_shipments::id)
        .load(conn)?;
    if taken.iter().any(|id| Some(*id) != own) {
        return Err(StoreError::refused(text::SHIPMENT_TAKEN));
    }
    Ok(())
}

impl Store {
    /// Creates a sales order: the reference must match the pattern and be unused, the
    /// customer must be a customer. New orders are pending.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn add_sales_order(&self, new: &NewSalesOrder) -> StoreResult<SalesOrder> {
        self.write(|conn| {
            let reference_int = check_reference(conn, &new.reference, None)?;
            check_customer(conn, new.customer_id)?;
            check_dates(new.start_date, new.target_date)?;
            let row = NewSalesOrder {
                reference: new.reference.trim().to_owned(),
                reference_int,
                status: so_status::PENDING,
                creation_date: Some(new.creation_date.unwrap_or_else(|| Utc::now().date_naive())),
                ..new.clone()
            };
            let id: i64 = diesel::insert_into(sales_orders::table)
                .values(&row)
                .returning(sales_orders::id)
                .get_result(conn)?;
            load_order(conn, id)
        })
    }

    /// Changes a sales order's writable fields, with the same checks as creation.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn change_sales_order(
        &self,
        id: i64,
        changes: &SalesOrderChanges,
    ) -> StoreResult<SalesOrder> {
        self.write(|conn| {
            let current = load_order(conn, id)?;
            let mut changes = changes.clone();
            if let Some(reference) = &changes.reference {
                changes.reference_int = Some(check_reference(conn, reference, Some(id))?);
                changes.reference = Some(reference.trim().to_owned());
            }
            if let Some(customer) = changes.customer_id {
                check_customer(conn, customer)?;
            }
            check_dates(
                changes.start_date.unwrap_or(current.start_date),
                changes.target_date.unwrap_or(current.target_date),
            )?;
            changes.status = None;
            match diesel::update(sales_orders::table.find(id))
                .set(&changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            load_order(conn, id)
        })
    }

    /// Adds a line to an order; its part must be salable.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn add_sales_line(&self, new: &NewSalesOrderLine) -> StoreResult<SalesOrderLine> {
        self.write(|conn| {
            if load_order(conn, new.order_id).is_err() {
                return Err(invalid_pk("order", new.order_id));
            }
            check_part(conn, new.part_id)?;
            check_quantity(Some(new.quantity))?;
            let id: i64 = diesel::insert_into(sales_order_lines::table)
                .values(new)
                .returning(sales_order_lines::id)
                .get_result(conn)?;
            Ok(sales_order_lines::table
                .find(id)
                .select(SalesOrderLine::as_select())
                .first(conn)?)
        })
    }

    /// Changes a line, with the same checks as creation.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn change_sales_line(
        &self,
        id: i64,
        changes: &SalesOrderLineChanges,
    ) -> StoreResult<SalesOrderLine> {
        self.write(|conn| {
            let exists: Vec<i64> = sales_order_lines::table
                .filter(sales_order_lines::id.eq(id))
                .select(sales_order_lines::id)
                .load(conn)?;
            if exists.is_empty() {
                return Err(StoreError::NotFound {
                    model: "SalesOrderLineItem",
                    pk: id,
                });
            }
            if let Some(part) = changes.part_id {
                check_part(conn, part)?;
            }
            check_quantity(changes.quantity)?;
            match diesel::update(sales_order_lines::table.find(id))
                .set(changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            Ok(sales_order_lines::table
                .find(id)
                .select(SalesOrderLine::as_select())
                .first(conn)?)
        })
    }

    /// Adds a shipment to an order (with the dates and checker in `extra`); its reference
    /// is unique within the order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn add_shipment(
        &self,
        new: &NewShipment,
        extra: &ShipmentChanges,
    ) -> StoreResult<Shipment> {
        self.write(|conn| {
            if load_order(conn, new.order_id).is_err() {
                return Err(invalid_pk("order", new.order_id));
            }
            check_shipment_reference(conn, new.order_id, &new.reference, None)?;
            let id: i64 = diesel::insert_into(sales_order_shipments::table)
                .values(new)
                .returning(sales_order_shipments::id)
                .get_result(conn)?;
            match diesel::update(sales_order_shipments::table.find(id))
                .set(extra)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            Ok(sales_order_shipments::table
                .find(id)
                .select(Shipment::as_select())
                .first(conn)?)
        })
    }

    /// Changes a shipment, keeping its reference unique within the order.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn change_shipment(&self, id: i64, changes: &ShipmentChanges) -> StoreResult<Shipment> {
        self.write(|conn| {
            let current: Shipment = sales_order_shipments::table
                .find(id)
                .select(Shipment::as_select())
                .first(conn)
                .optional()?
                .ok_or(StoreError::NotFound {
                    model: "SalesOrderShipment",
                    pk: id,
                })?;
            if let Some(reference) = &changes.reference {
                check_shipment_reference(conn, current.order_id, reference, Some(id))?;
            }
            match diesel::update(sales_order_shipments::table.find(id))
                .set(changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            Ok(sales_order_shipments::table
                .find(id)
                .select(Shipment::as_select())
                .first(conn)?)
        })
    }

    /// Issues an order: pending or on-hold orders go in progress.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn issue_sales_order(&self, id: i64) -> StoreResult<SalesOrder> {
        self.write(|conn| {
            let order = load_order(conn, id)?;
            if ![so_status::PENDING, so_status::ON_HOLD].contains(&order.status) {
                return Err(StoreError::refused(text::CANNOT_ISSUE));
            }
            diesel::update(sales_orders::table.find(id))
                .set((
                    sales_orders::status.eq(so_status::IN_PROGRESS),
                    sales_orders::issue_date.eq(Some(Utc::now().date_naive())),
                ))
                .execute(conn)?;
            load_order(conn, id)
        })
    }

    /// Puts a pending or in-progress order on hold.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn hold_sales_order(&self, id: i64) -> StoreResult<SalesOrder> {
        self.write(|conn| {
            let order = load_order(conn, id)?;
            if ![so_status::PENDING, so_status::IN_PROGRESS].contains(&order.status) {
                return Err(StoreError::refused(text::CANNOT_HOLD));
            }
            diesel::update(sales_orders::table.find(id))
                .set(sales_orders::status.eq(so_status::ON_HOLD))
                .execute(conn)?;
            load_order(conn, id)
        })
    }

    /// Cancels an open order and frees every stock allocation it holds.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn cancel_sales_order(&self, id: i64) -> StoreResult<SalesOrder> {
        self.write(|conn| {
            let order = load_order(conn, id)?;
            if !SO_OPEN.contains(&order.status) {
                return Err(StoreError::refused(text::CANNOT_CANCEL));
            }
            diesel::update(sales_orders::table.find(id))
                .set(sales_orders::status.eq(so_status::CANCELLED))
                .execute(conn)?;
            let lines = sales_order_lines::table
                .filter(sales_order_lines::order_id.eq(id))
                .select(sales_order_lines::id);
            diesel::delete(
                sales_order_allocations::table
                    .filter(sales_order_allocations::line_id.eq_any(lines)),
            )
            .execute(conn)?;
            load_order(conn, id)
        })
    }

    /// Completes an order: an open order becomes shipped, a shipped one complete. Refused
    /// while shipments or allocations are pending, and (unless `accept_incomplete`) while
    /// lines are not fully shipped.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn complete_sales_order(
        &self,
        id: i64,
        accept_incomplete: bool,
        user: Option<i64>,
    ) -> StoreResult<SalesOrder> {
        self.write(|conn| {
            let order = load_order(conn, id)?;
            let lines: Vec<(i64, i64)> = sales_order_lines::table
                .filter(sales_order_lines::order_id.eq(id))
                .select((sales_order_lines::quantity, sales_order_lines::shipped))
                .load(conn)?;
            let incomplete = lines.iter().any(|(q, s)| s < q);
            if !accept_incomplete && incomplete {
                return Err(StoreError::invalid(
                    "accept_incomplete",
                    text::INCOMPLETE_LINES_FIELD,
                ));
            }
            match order.status {
                so_status::COMPLETE => return Err(StoreError::refused(text::ALREADY_COMPLETE)),
                so_status::CANCELLED => return Err(StoreError::refused(text::ALREADY_CANCELLED)),
                s if SO_OPEN.contains(&s) || s == so_status::SHIPPED => {}
                _ => return Err(StoreError::refused(text::ONLY_OPEN)),
            }
            let pending_shipments: i64 = sales_order_shipments::table
                .filter(sales_order_shipments::order_id.eq(id))
                .filter(sales_order_shipments::shipment_date.is_null())
                .count()
                .get_result(conn)?;
            if pending_shipments > 0 {
                return Err(StoreError::refused(text::PENDING_SHIPMENTS));
            }
            let pending_allocations: i64 = sales_order_allocations::table
                .inner_join(sales_order_lines::table)
                .left_join(
                    sales_order_shipments::table.on(sales_order_shipments::id
                        .nullable()
                        .eq(sales_order_allocations::shipment_id)),
                )
                .filter(sales_order_lines::order_id.eq(id))
                .filter(sales_order_shipments::shipment_date.is_null())
                .count()
                .get_result(conn)?;
            if pending_allocations > 0 {
                return Err(StoreError::refused(text::PENDING_ALLOCATIONS));
            }
            if incomplete && !accept_incomplete {
                return Err(StoreError::refused(text::INCOMPLETE_LINES));
            }
            let status = if order.status == so_status::SHIPPED {
                so_status::COMPLETE
            } else {
                so_status::SHIPPED
            };
            diesel::update(sales_orders::table.find(id))
                .set(sales_orders::status.eq(status))
                .execute(conn)?;
            if order.shipment_date.is_none() {
                diesel::update(sales_orders::table.find(id))
                    .set((
                        sales_orders::shipment_date.eq(Some(Utc::now().date_naive())),
                        sales_orders::shipped_by_id.eq(user),
                    ))
                    .execute(conn)?;
            }
            load_order(conn, id)
        })
    }
}
