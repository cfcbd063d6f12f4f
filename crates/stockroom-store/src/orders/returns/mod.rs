//! Return orders and their lines.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::crud::crud;
use crate::schema::{return_order_lines, return_orders};

mod lines;
mod list;
mod receive;
mod status;

pub use list::{
    ReturnLineQuery, ReturnLineRow, ReturnOrderOrder, ReturnOrderQuery, ReturnOrderRow,
};
pub use receive::{ReceiveLine, receive_text};
pub use status::{RO_OPEN, ReturnTransition};

/// Goods coming back from a customer.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = return_orders)]
pub struct ReturnOrder {
    pub id: i64,
    pub reference: String,
    pub reference_int: i64,
    pub description: String,
    pub customer_id: Option<i64>,
    pub customer_reference: String,
    /// A `ReturnOrderStatus` code.
    pub status: i32,
    pub currency: String,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub issue_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub complete_date: Option<NaiveDate>,
    pub created_by_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = return_orders)]
pub struct NewReturnOrder {
    pub reference: String,
    pub reference_int: i64,
    pub description: String,
    pub customer_id: Option<i64>,
    pub customer_reference: String,
    pub status: i32,
    pub currency: String,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub created_by_id: Option<i64>,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = return_orders)]
pub struct ReturnOrderChanges {
    pub reference: Option<String>,
    pub reference_int: Option<i64>,
    pub description: Option<String>,
    pub customer_id: Option<Option<i64>>,
    pub customer_reference: Option<String>,
    pub status: Option<i32>,
    pub currency: Option<String>,
    pub link: Option<String>,
    pub notes: Option<String>,
    pub issue_date: Option<Option<NaiveDate>>,
    pub start_date: Option<Option<NaiveDate>>,
    pub target_date: Option<Option<NaiveDate>>,
    pub complete_date: Option<Option<NaiveDate>>,
}

crud!(return_orders, "ReturnOrder", ReturnOrder, NewReturnOrder, ReturnOrderChanges,
    create: create_return_order, get: return_order, update: update_return_order,
    delete: delete_return_order, list: list_return_orders);

/// One returned stock item and what happens to it.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = return_order_lines)]
pub struct ReturnOrderLine {
    pub id: i64,
    pub order_id: i64,
    pub item_id: i64,
    pub quantity: i64,
    pub received_date: Option<NaiveDate>,
    /// A `ReturnOrderLineStatus` code.
    pub outcome: i32,
    pub price: Option<String>,
    pub price_currency: String,
    pub reference: String,
    pub notes: String,
    pub target_date: Option<NaiveDate>,
    pub link: String,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = return_order_lines)]
pub struct NewReturnOrderLine {
    pub order_id: i64,
    pub item_id: i64,
    pub quantity: i64,
    pub outcome: i32,
    pub price: Option<String>,
    pub price_currency: String,
    pub reference: String,
    pub notes: String,
    pub target_date: Option<NaiveDate>,
    pub link: String,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = return_order_lines)]
pub struct ReturnOrderLineChanges {
    pub quantity: Option<i64>,
    pub received_date: Option<Option<NaiveDate>>,
    pub outcome: Option<i32>,
    pub price: Option<Option<String>>,
    pub price_currency: Option<String>,
    pub reference: Option<String>,
    pub notes: Option<String>,
    pub target_date: Option<Option<NaiveDate>>,
    pub link: Option<String>,
}

crud!(return_order_lines, "ReturnOrderLineItem", ReturnOrderLine, NewReturnOrderLine,
    ReturnOrderLineChanges,
    create: create_return_order_line, get: return_order_line, update: update_return_order_line,
    delete: delete_return_order_line, list: list_return_order_lines);
