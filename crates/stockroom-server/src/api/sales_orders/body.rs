//! Sales orders, lines, shipments and allocations as the API shows them (InvenTree's
//! `SalesOrderSerializer` and its relatives), and their field declarations.

use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_core::status::SALES_ORDER_STATUS;
use stockroom_store::companies::Company;
use stockroom_store::orders::{
    AllocationRow, SalesLineRow, SalesOrderRow, ShipmentRow, line_overdue, order_overdue,
};

use crate::api::fields::{Field, Kind};

pub(super) fn q(units: i64) -> f64 {
    Quantity::from_units(units).to_f64()
}

/// A company in brief (InvenTree's `CompanyBriefSerializer`).
pub(super) fn company_brief(c: &Company) -> Value {
    json!({
        "pk": c.id,
        "active": c.active,
        "name": c.name,
        "description": c.description,
        "image": null,
        "thumbnail": null,
        "currency": c.currency,
        "tax_id": c.tax_id,
    })
}

pub(super) const ORDER_FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("reference", Kind::String, "Reference")
        .required()
        .max_length(64)
        .help("Order reference"),
    Field::link("customer", "Customer", "company", "/api/company/")
        .help("Company to which the items are being sold")
        .filters(&[("is_customer", true)]),
    Field::text("customer_reference", "Customer Reference ", 64)
        .help("Customer order reference code"),
    Field::text("description", "Description", 250).help("Order description (optional)"),
    Field::shown("status", Kind::Integer, "Order Status"),
    Field::shown("status_text", Kind::String, "Status text"),
    Field::shown("creation_date", Kind::Date, "Creation Date"),
    Field::shown("issue_date", Kind::Date, "Issue Date"),
    Field::new("start_date", Kind::Date, "Start date")
        .nullable()
        .help("Scheduled start date for this order"),
    Field::new("target_date", Kind::Date, "Target Date")
        .nullable()
        .help("Expected date for order delivery. Order will be overdue after this date."),
    Field::shown("shipment_date", Kind::Date, "Shipment Date"),
    Field::text("order_currency", "Order Currency", 3)
        .nullable()
        .help("Currency for this order (leave blank to use company default)"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external page"),
    Field::text("notes", "Notes", 50000)
        .nullable()
        .help("Markdown notes (optional)"),
    Field::shown("line_items", Kind::Integer, "Line Items"),
    Field::shown("completed_lines", Kind::Integer, "Completed Lines"),
    Field::shown("shipments_count", Kind::Integer, "Shipments"),
    Field::shown(
        "completed_shipments_count",
        Kind::Integer,
        "Completed Shipments",
    ),
    Field::shown("overdue", Kind::Boolean, "Overdue"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
];

/// A sales order, with its customer when `customer_detail` is asked for.
pub(super) fn order_body(row: &SalesOrderRow, customer_detail: bool) -> Value {
    let o = &row.order;
    let currency = if o.currency.is_empty() {
        row.customer
            .as_ref()
            .map(|c| c.currency.clone())
            .unwrap_or_default()
    } else {
        o.currency.clone()
    };
    let mut out = json!({
        "pk": o.id,
        "reference": o.reference,
        "customer": o.customer_id,
        "customer_reference": o.customer_reference,
        "description": o.description,
        "status": o.status,
        "status_text": SALES_ORDER_STATUS.label(o.status),
        "status_custom_key": o.status,
        "creation_date": o.creation_date,
        "issue_date": o.issue_date,
        "start_date": o.start_date,
        "target_date": o.target_date,
        "shipment_date": o.shipment_date,
        "order_currency": if o.currency.is_empty() { Value::Null } else { json!(o.currency) },
        "currency": currency,
        "total_price": null,
        "link": o.link,
        "notes": o.notes,
        "line_items": row.line_items,
        "completed_lines": row.completed_lines,
        "shipments_count": row.shipments,
        "completed_shipments_count": row.completed_shipments,
        "overdue": order_overdue(o),
        "barcode_hash": row.barcode_hash,
        "created_by": null,
        "responsible": null,
        "responsible_detail": null,
        "contact": null,
        "contact_detail": null,
        "address": null,
        "address_detail": null,
        "project_code": null,
        "project_code_label": null,
        "project_code_detail": null,
    });
    if customer_detail {
        out["customer_detail"] = row.customer.as_ref().map_or(Value::Null, company_brief);
    }
    out
}

pub(super) const LINE_FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::link("order", "Order", "salesorder", "/api/order/so/")
        .required()
        .help("Sales Order"),
    Field::link("part", "Part", "part", "/api/part/")
        .help("Part")
        .filters(&[("salable", true)]),
    Field::new("quantity", Kind::Decimal, "Quantity")
        .required()
        .help("Item quantity"),
    Field::shown("allocated", Kind::Float, "Allocated"),
    Field::shown("shipped", Kind::Decimal, "Shipped"),
    Field::new("sale_price", Kind::Decimal, "Sale Price")
        .nullable()
        .help("Unit sale price"),
    Field::text("sale_price_currency", "Currency", 3).help("Sale price currency"),
    Field::text("reference", "Reference", 100).help("Line item reference"),
    Field::text("notes", "Notes", 500).help("Line item notes"),
    Field::new("target_date", Kind::Date, "Target Date").nullable(),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external page"),
    Field::shown("overdue", Kind::Boolean, "Overdue"),
    Field::shown("available_stock", Kind::Float, "Available Stock"),
];

/// A line; `details` holds the expansions asked for (`part_detail`, ...).
pub(super) fn line_body(row: &SalesLineRow, details: Vec<(&'static str, Value)>) -> Value {
    let l = &row.line;
    let mut out = json!({
        "pk": l.id,
        "order": l.order_id,
        "part": l.part_id,
        "quantity": q(l.quantity),
        "allocated": q(row.allocated),
        "shipped": q(l.shipped),
        "sale_price": l.sale_price,
        "sale_price_currency": l.sale_price_currency,
        "reference": l.reference,
        "notes": l.notes,
        "target_date": l.target_date,
        "link": l.link,
        "overdue": line_overdue(row),
        "available_stock": q(row.available_stock),
    });
    for (key, value) in details {
        out[key] = value;
    }
    out
}

pub(super) const SHIPMENT_FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::link("order", "Order", "salesorder", "/api/order/so/")
        .required()
        .help("Sales Order"),
    Field::shown("allocated_items", Kind::Integer, "Allocated Items"),
    Field::new("shipment_date", Kind::Date, "Shipment Date")
        .nullable()
        .help("Date of shipment"),
    Field::new("delivery_date", Kind::Date, "Delivery Date")
        .nullable()
        .help("Date of delivery of shipment"),
    Field::link("checked_by", "Checked By", "user", "/api/user/")
        .help("User who checked this shipment"),
    Field::new("reference", Kind::String, "Shipment")
        .max_length(100)
        .help("Shipment number"),
    Field::text("tracking_number", "Tracking Number", 100).help("Shipment tracking information"),
    Field::text("invoice_number", "Invoice Number", 100)
        .help("Reference number for associated invoice"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external page"),
    Field::text("notes", "Notes", 50000)
        .nullable()
        .help("Markdown notes (optional)"),
];

/// A shipment, with its order's body when given.
pub(super) fn shipment_body(row: &ShipmentRow, order_detail: Option<Value>) -> Value {
    let s = &row.shipment;
    let mut out = json!({
        "pk": s.id,
        "order": s.order_id,
        "allocated_items": row.allocated_items,
        "shipment_date": s.shipment_date,
        "delivery_date": s.delivery_date,
        "checked_by": s.checked_by_id,
        "reference": s.reference,
        "tracking_number": s.tracking_number,
        "invoice_number": s.invoice_number,
        "barcode_hash": row.barcode_hash,
        "link": s.link,
        "notes": s.notes,
    });
    if let Some(order) = order_detail {
        out["order_detail"] = order;
    }
    out
}

pub(super) const ALLOCATION_FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("item", Kind::Related("stockitem", "/api/stock/"), "Item")
        .help("Select stock item to allocate"),
    Field::new("quantity", Kind::Decimal, "Quantity"),
    Field::link(
        "shipment",
        "Shipment",
        "salesordershipment",
        "/api/order/so/shipment/",
    )
    .help("Sales order shipment reference"),
    Field::shown("line", Kind::Integer, "Line"),
    Field::shown("part", Kind::Integer, "Part"),
    Field::shown("order", Kind::Integer, "Order"),
    Field::shown("serial", Kind::String, "Serial"),
    Field::shown("location", Kind::Integer, "Location"),
];

/// An allocation; `details` holds the expansions.
pub(super) fn allocation_body(row: &AllocationRow, details: Vec<(&'static str, Value)>) -> Value {
    let a = &row.allocation;
    let mut out = json!({
        "pk": a.id,
        "item": a.item_id,
        "quantity": q(a.quantity),
        "shipment": a.shipment_id,
        "line": a.line_id,
        "part": row.part_id,
        "order": row.order_id,
        "serial": row.serial,
        "location": row.location_id,
    });
    for (key, value) in details {
        out[key] = value;
    }
    out
}
