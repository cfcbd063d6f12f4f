//! The pieces of the stock list's filters and orderings, written once for every use.

use diesel::dsl::sql;
use diesel::sql_types::Bool;

/// An SQL condition on `stock_items.id`, for filters on computed figures.
pub(super) fn id_in(subquery: &str) -> diesel::expression::SqlLiteral<Bool> {
    sql::<Bool>(&format!("stock_items.id IN ({subquery})"))
}

pub(super) const ALLOCATED: &str = "COALESCE((SELECT SUM(a.quantity) FROM sales_order_allocations a \
     WHERE a.item_id = stock_items.id), 0) + COALESCE((SELECT SUM(b.quantity) FROM build_items b \
     WHERE b.stock_item_id = stock_items.id), 0)";

macro_rules! in_stock {
    () => {
        stock_items::quantity
            .gt(0)
            .and(stock_items::sales_order_id.is_null())
            .and(stock_items::belongs_to_id.is_null())
            .and(stock_items::customer_id.is_null())
            .and(stock_items::consumed_by_id.is_null())
            .and(stock_items::is_building.eq(false))
            .and(stock_items::status.eq_any(STOCK_AVAILABLE))
    };
}

macro_rules! link_filter {
    ($q:ident, $filter:expr, $column:expr) => {
        match $filter {
            Some(Some(pk)) => $q = $q.filter($column.eq(pk)),
            Some(None) => $q = $q.filter($column.is_null()),
            None => {}
        }
    };
}

macro_rules! by {
    ($q:ident, $descending:expr, $($column:expr),+) => {
        if $descending {
            $($q = $q.then_order_by($column.desc());)+
        } else {
            $($q = $q.then_order_by($column.asc());)+
        }
    };
}

macro_rules! flag {
    ($q:ident, $filter:expr, $condition:expr) => {
        match $filter {
            Some(true) => $q = $q.filter($condition),
            Some(false) => $q = $q.filter(not($condition)),
            None => {}
        }
    };
}

pub(super) use {by, flag, in_stock, link_filter};
