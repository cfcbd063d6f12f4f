//! Writing return orders: references, customers, and the status transitions.

use chrono::Utc;
use diesel::prelude::*;
use stockroom_core::status::ro_status;

use super::{NewReturnOrder, ReturnOrder, ReturnOrderChanges};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::orders::references::{OrderKind, checked_reference};
use crate::schema::{companies, return_orders};
use crate::{Store, StoreResult};

/// Return orders still open: `ReturnOrderStatusGroups.OPEN`.
pub const RO_OPEN: [i32; 3] = [
    ro_status::PENDING,
    ro_status::IN_PROGRESS,
    ro_status::ON_HOLD,
];

/// A change of a return order's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnTransition {
    /// Pending or on hold, to in progress.
    Issue,
    /// Pending or in progress, to on hold.
    Hold,
    /// Any open order, to cancelled.
    Cancel,
    /// In progress, to complete.
    Complete,
}

impl ReturnTransition {
    fn allowed_from(self) -> &'static [i32] {
        match self {
            ReturnTransition::Issue => &[ro_status::PENDING, ro_status::ON_HOLD],
            ReturnTransition::Hold => &[ro_status::PENDING, ro_status::IN_PROGRESS],
            ReturnTransition::Cancel => &RO_OPEN,
            ReturnTransition::Complete => &[ro_status::IN_PROGRESS],
        }
    }

    fn target(self) -> i32 {
        match self {
            ReturnTransition::Issue => ro_status::IN_PROGRESS,
            ReturnTransition::Hold => ro_status::ON_HOLD,
            ReturnTransition::Cancel => ro_status::CANCELLED,
            ReturnTransition::Complete => ro_status::COMPLETE,
        }
    }

    /// Why the transition cannot happen from the order's status.
    fn refusal(self) -> &'static str {
        match self {
            ReturnTransition::Issue => "Order cannot be issued",
            ReturnTransition::Hold => "Order cannot be placed on hold",
            ReturnTransition::Cancel => "Order cannot be cancelled",
            ReturnTransition::Complete => "Order cannot be completed",
        }
    }
}

pub(super) fn find_order(conn: &mut AnyConnection, id: i64) -> StoreResult<ReturnOrder> {
    let found: Vec<ReturnOrder> = return_orders::table
        .filter(return_orders::id.eq(id))
        .select(ReturnOrder::as_select())
        .load(conn)?;
    found.into_iter().next().ok_or(StoreError::NotFound {
        model: "ReturnOrder",
        pk: id,
    })
}

/// A return order's customer must be a company marked as a customer.
fn check_customer(conn: &mut AnyConnection, customer: Option<i64>) -> StoreResult<()> {
    let Some(pk) = customer else {
        return Ok(());
    };
    let found: Vec<bool> = companies::table
        .filter(companies::id.eq(pk))
        .select(companies::is_customer)
        .load(conn)?;
    if found.first() == Some(&true) {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "customer",
            format!("Invalid pk \"{pk}\" - object does not exist."),
        ))
    }
}

fn check_dates(order: &ReturnOrder) -> StoreResult<()> {
    match (order.start_date, order.target_date) {
        (Some(start), Some(target)) if start > target => Err(StoreError::invalid(
            "target_date",
            "Target date must be after start date",
        )),
        _ => Ok(()),
    }
}

impl Store {
    /// Creates a pending return order. The reference must match the reference pattern;
    /// its number becomes the sort key.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn add_return_order(&self, new: &NewReturnOrder) -> StoreResult<ReturnOrder> {
        self.write(|conn| {
            let mut row = new.clone();
            row.reference = row.reference.trim().to_owned();
            row.reference_int = checked_reference(conn, OrderKind::Return, &row.reference)?;
            check_customer(conn, row.customer_id)?;
            row.status = ro_status::PENDING;
            row.creation_date = Some(Utc::now().date_naive());
            let id: i64 = diesel::insert_into(return_orders::table)
                .values(&row)
                .returning(return_orders::id)
                .get_result(conn)?;
            let order = find_order(conn, id)?;
            check_dates(&order)?;
            Ok(order)
        })
    }

    /// Changes a return order's editable fields (not its status) under the creation rules.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn change_return_order(
        &self,
        id: i64,
        changes: &ReturnOrderChanges,
    ) -> StoreResult<ReturnOrder> {
        self.write(|conn| {
            find_order(conn, id)?;
            let mut changes = changes.clone();
            changes.status = None;
            if let Some(reference) = &changes.reference {
                let reference = reference.trim().to_owned();
                changes.reference_int =
                    Some(checked_reference(conn, OrderKind::Return, &reference)?);
                changes.reference = Some(reference);
            }
            if let Some(customer) = changes.customer_id {
                check_customer(conn, customer)?;
            }
            match diesel::update(return_orders::table.find(id))
                .set(&changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            let order = find_order(conn, id)?;
            check_dates(&order)?;
            Ok(order)
        })
    }

    /// Moves a return order to another status, refusing transitions its status does not
    /// allow. Issuing stamps the issue date, completing the completion date.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn transition_return_order(
        &self,
        id: i64,
        transition: ReturnTransition,
    ) -> StoreResult<ReturnOrder> {
        self.write(|conn| {
            let order = find_order(conn, id)?;
            if !transition.allowed_from().contains(&order.status) {
                return Err(StoreError::refused(transition.refusal()));
            }
            let today = Utc::now().date_naive();
            let mut changes = ReturnOrderChanges {
                status: Some(transition.target()),
                ..Default::default()
            };
            match transition {
                ReturnTransition::Issue => changes.issue_date = Some(Some(today)),
                ReturnTransition::Complete => changes.complete_date = Some(Some(today)),
                ReturnTransition::Hold | ReturnTransition::Cancel => {}
            }
            diesel::update(return_orders::table.find(id))
                .set(&changes)
                .execute(conn)?;
            find_order(conn, id)
        })
    }
}
