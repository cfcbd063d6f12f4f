//! Return order lines: which stock item comes back, and how much of it.

use diesel::prelude::*;

use super::status::find_order;
use super::{NewReturnOrderLine, ReturnOrderLine, ReturnOrderLineChanges};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::orders::stock_moves::find_item;
use crate::schema::return_order_lines;
use crate::stock::StockItem;
use crate::{Store, StoreResult};

pub(super) fn find_line(conn: &mut AnyConnection, id: i64) -> StoreResult<ReturnOrderLine> {
    let found: Vec<ReturnOrderLine> = return_order_lines::table
        .filter(return_order_lines::id.eq(id))
        .select(ReturnOrderLine::as_select())
        .load(conn)?;
    found.into_iter().next().ok_or(StoreError::NotFound {
        model: "ReturnOrderLineItem",
        pk: id,
    })
}

/// The quantity rules of a line, in the order they are checked.
fn check_quantity(item: &StockItem, quantity: i64) -> StoreResult<()> {
    let message = if quantity > item.quantity {
        "Return quantity exceeds stock quantity"
    } else if quantity <= 0 {
        "Return quantity must be greater than zero"
    } else if item.serial.is_some() && quantity != stockroom_core::Quantity::ONE.units() {
        "Invalid quantity for serialized stock item"
    } else {
        return Ok(());
    };
    Err(StoreError::invalid("quantity", message))
}

fn item_for(conn: &mut AnyConnection, pk: i64) -> StoreResult<StockItem> {
    find_item(conn, pk)?.ok_or_else(|| {
        StoreError::invalid(
            "item",
            format!("Invalid pk \"{pk}\" - object does not exist."),
        )
    })
}

/// Each stock item appears at most once on an order.
fn check_unique(
    conn: &mut AnyConnection,
    order: i64,
    item: i64,
    except: Option<i64>,
) -> StoreResult<()> {
    let taken: Vec<i64> = return_order_lines::table
        .filter(return_order_lines::order_id.eq(order))
        .filter(return_order_lines::item_id.eq(item))
        .select(return_order_lines::id)
        .load(conn)?;
    if taken.iter().any(|id| Some(*id) != except) {
        return Err(StoreError::refused(
            "The fields order, item must make a unique set.",
        ));
    }
    Ok(())
}

impl Store {
    /// Adds a line to a return order: an existing stock item, no more of it than there is
    /// (exactly one of a serialized item), once per order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn add_return_order_line(&self, new: &NewReturnOrderLine) -> StoreResult<ReturnOrderLine> {
        self.write(|conn| {
            find_order(conn, new.order_id).map_err(|_| {
                StoreError::invalid(
                    "order",
                    format!("Invalid pk \"{}\" - object does not exist.", new.order_id),
                )
            })?;
            let item = item_for(conn, new.item_id)?;
            check_quantity(&item, new.quantity)?;
            check_unique(conn, new.order_id, new.item_id, None)?;
            let id: i64 = diesel::insert_into(return_order_lines::table)
                .values(new)
                .returning(return_order_lines::id)
                .get_result(conn)?;
            find_line(conn, id)
        })
    }

    /// Changes a line under the rules of [`Store::add_return_order_line`]. `item` and
    /// `order` may change too (`None` leaves them).
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn change_return_order_line(
        &self,
        id: i64,
        order: Option<i64>,
        item: Option<i64>,
        changes: &ReturnOrderLineChanges,
    ) -> StoreResult<ReturnOrderLine> {
        self.write(|conn| {
            let current = find_line(conn, id)?;
            let order_id = order.unwrap_or(current.order_id);
            if order.is_some() {
                find_order(conn, order_id).map_err(|_| {
                    StoreError::invalid(
                        "order",
                        format!("Invalid pk \"{order_id}\" - object does not exist."),
                    )
                })?;
            }
            let stock = item_for(conn, item.unwrap_or(current.item_id))?;
            check_quantity(&stock, changes.quantity.unwrap_or(current.quantity))?;
            check_unique(conn, order_id, stock.id, Some(id))?;
            diesel::update(return_order_lines::table.find(id))
                .set((
                    return_order_lines::order_id.eq(order_id),
                    return_order_lines::item_id.eq(stock.id),
                ))
                .execute(conn)?;
            match diesel::update(return_order_lines::table.find(id))
                .set(changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            find_line(conn, id)
        })
    }
}
