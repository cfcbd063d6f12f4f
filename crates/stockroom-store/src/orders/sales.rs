//! Sales orders, their lines, shipments and stock allocations.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::crud::crud;
use crate::schema::{
    sales_order_allocations, sales_order_lines, sales_order_shipments, sales_orders,
};

/// An order from a customer.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sales_orders)]
pub struct SalesOrder {
    pub id: i64,
    pub reference: String,
    pub reference_int: i64,
    pub description: String,
    pub customer_id: Option<i64>,
    pub customer_reference: String,
    /// A `SalesOrderStatus` code.
    pub status: i32,
    pub currency: String,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub issue_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub shipment_date: Option<NaiveDate>,
    pub created_by_id: Option<i64>,
    pub shipped_by_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = sales_orders)]
pub struct NewSalesOrder {
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
#[diesel(table_name = sales_orders)]
pub struct SalesOrderChanges {
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
    pub shipment_date: Option<Option<NaiveDate>>,
    pub shipped_by_id: Option<Option<i64>>,
}

crud!(sales_orders, "SalesOrder", SalesOrder, NewSalesOrder, SalesOrderChanges,
    create: create_sales_order, get: sales_order, update: update_sales_order,
    delete: delete_sales_order, list: list_sales_orders);

/// One line of a sales order: a part and how many were ordered and shipped.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sales_order_lines)]
pub struct SalesOrderLine {
    pub id: i64,
    pub order_id: i64,
    pub part_id: Option<i64>,
    pub quantity: i64,
    pub shipped: i64,
    pub reference: String,
    pub notes: String,
    pub sale_price: Option<String>,
    pub sale_price_currency: String,
    pub target_date: Option<NaiveDate>,
    pub link: String,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = sales_order_lines)]
pub struct NewSalesOrderLine {
    pub order_id: i64,
    pub part_id: Option<i64>,
    pub quantity: i64,
    pub reference: String,
    pub notes: String,
    pub sale_price: Option<String>,
    pub sale_price_currency: String,
    pub target_date: Option<NaiveDate>,
    pub link: String,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = sales_order_lines)]
pub struct SalesOrderLineChanges {
    pub part_id: Option<Option<i64>>,
    pub quantity: Option<i64>,
    pub reference: Option<String>,
    pub notes: Option<String>,
    pub sale_price: Option<Option<String>>,
    pub sale_price_currency: Option<String>,
    pub target_date: Option<Option<NaiveDate>>,
    pub link: Option<String>,
}

crud!(sales_order_lines, "SalesOrderLineItem", SalesOrderLine, NewSalesOrderLine,
    SalesOrderLineChanges,
    create: create_sales_order_line, get: sales_order_line, update: update_sales_order_line,
    delete: delete_sales_order_line, list: list_sales_order_lines);

/// A shipment of (part of) a sales order.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sales_order_shipments)]
pub struct Shipment {
    pub id: i64,
    pub order_id: i64,
    pub reference: String,
    pub shipment_date: Option<NaiveDate>,
    pub delivery_date: Option<NaiveDate>,
    pub checked_by_id: Option<i64>,
    pub tracking_number: String,
    pub invoice_number: String,
    pub link: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = sales_order_shipments)]
pub struct NewShipment {
    pub order_id: i64,
    pub reference: String,
    pub tracking_number: String,
    pub invoice_number: String,
    pub link: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = sales_order_shipments)]
pub struct ShipmentChanges {
    pub reference: Option<String>,
    pub shipment_date: Option<Option<NaiveDate>>,
    pub delivery_date: Option<Option<NaiveDate>>,
    pub checked_by_id: Option<Option<i64>>,
    pub tracking_number: Option<String>,
    pub invoice_number: Option<String>,
    pub link: Option<String>,
    pub notes: Option<String>,
}

crud!(sales_order_shipments, "SalesOrderShipment", Shipment, NewShipment, ShipmentChanges,
    create: create_shipment, get: shipment, update: update_shipment,
    delete: delete_shipment, list: list_shipments);

/// Stock set aside for a sales order line, optionally in a shipment.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = sales_order_allocations)]
pub struct SalesOrderAllocation {
    pub id: i64,
    pub line_id: i64,
    pub shipment_id: Option<i64>,
    pub item_id: i64,
    pub quantity: i64,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = sales_order_allocations)]
pub struct NewSalesOrderAllocation {
    pub line_id: i64,
    pub shipment_id: Option<i64>,
    pub item_id: i64,
    pub quantity: i64,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = sales_order_allocations)]
pub struct SalesOrderAllocationChanges {
    pub shipment_id: Option<Option<i64>>,
    pub quantity: Option<i64>,
}

crud!(sales_order_allocations, "SalesOrderAllocation", SalesOrderAllocation,
    NewSalesOrderAllocation, SalesOrderAllocationChanges,
    create: create_sales_order_allocation, get: sales_order_allocation,
    update: update_sales_order_allocation, delete: delete_sales_order_allocation,
    list: list_sales_order_allocations);
