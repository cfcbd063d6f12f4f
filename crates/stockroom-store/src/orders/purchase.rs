//! Purchase orders and their lines.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::crud::crud;
use crate::schema::{purchase_order_lines, purchase_orders};

/// An order placed with a supplier.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = purchase_orders)]
pub struct PurchaseOrder {
    pub id: i64,
    pub reference: String,
    pub reference_int: i64,
    pub description: String,
    pub supplier_id: Option<i64>,
    pub supplier_reference: String,
    /// A `PurchaseOrderStatus` code.
    pub status: i32,
    pub destination_id: Option<i64>,
    pub currency: String,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub issue_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub complete_date: Option<NaiveDate>,
    pub created_by_id: Option<i64>,
    pub received_by_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = purchase_orders)]
pub struct NewPurchaseOrder {
    pub reference: String,
    pub reference_int: i64,
    pub description: String,
    pub supplier_id: Option<i64>,
    pub supplier_reference: String,
    pub status: i32,
    pub destination_id: Option<i64>,
    pub currency: String,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub created_by_id: Option<i64>,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = purchase_orders)]
pub struct PurchaseOrderChanges {
    pub reference: Option<String>,
    pub reference_int: Option<i64>,
    pub description: Option<String>,
    pub supplier_id: Option<Option<i64>>,
    pub supplier_reference: Option<String>,
    pub status: Option<i32>,
    pub destination_id: Option<Option<i64>>,
    pub currency: Option<String>,
    pub link: Option<String>,
    pub notes: Option<String>,
    pub issue_date: Option<Option<NaiveDate>>,
    pub start_date: Option<Option<NaiveDate>>,
    pub target_date: Option<Option<NaiveDate>>,
    pub complete_date: Option<Option<NaiveDate>>,
    pub received_by_id: Option<Option<i64>>,
}

crud!(purchase_orders, "PurchaseOrder", PurchaseOrder, NewPurchaseOrder, PurchaseOrderChanges,
    create: create_purchase_order, get: purchase_order, update: update_purchase_order,
    delete: delete_purchase_order, list: list_purchase_orders);

/// One line of a purchase order: a supplier part, how many were ordered and received.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = purchase_order_lines)]
pub struct PurchaseOrderLine {
    pub id: i64,
    pub order_id: i64,
    pub supplier_part_id: Option<i64>,
    /// Packs ordered, in 1/100000 units.
    pub quantity: i64,
    /// Packs received, in 1/100000 units.
    pub received: i64,
    pub reference: String,
    pub notes: String,
    pub purchase_price: Option<String>,
    pub purchase_price_currency: String,
    pub destination_id: Option<i64>,
    pub target_date: Option<NaiveDate>,
    pub link: String,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = purchase_order_lines)]
pub struct NewPurchaseOrderLine {
    pub order_id: i64,
    pub supplier_part_id: Option<i64>,
    pub quantity: i64,
    pub reference: String,
    pub notes: String,
    pub purchase_price: Option<String>,
    pub purchase_price_currency: String,
    pub destination_id: Option<i64>,
    pub target_date: Option<NaiveDate>,
    pub link: String,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = purchase_order_lines)]
pub struct PurchaseOrderLineChanges {
    pub supplier_part_id: Option<Option<i64>>,
    pub quantity: Option<i64>,
    pub reference: Option<String>,
    pub notes: Option<String>,
    pub purchase_price: Option<Option<String>>,
    pub purchase_price_currency: Option<String>,
    pub destination_id: Option<Option<i64>>,
    pub target_date: Option<Option<NaiveDate>>,
    pub link: Option<String>,
}

crud!(purchase_order_lines, "PurchaseOrderLineItem", PurchaseOrderLine, NewPurchaseOrderLine,
    PurchaseOrderLineChanges,
    create: create_purchase_order_line, get: purchase_order_line,
    update: update_purchase_order_line, delete: delete_purchase_order_line,
    list: list_purchase_order_lines);
