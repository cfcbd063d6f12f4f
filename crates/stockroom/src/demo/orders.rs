//! Open purchase, sales and return orders, with lines, a shipment and allocated stock.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use stockroom_core::status::{po_status, ro_line_status, ro_status, so_status};
use stockroom_store::Store;
use stockroom_store::orders::{
    NewPurchaseOrder, NewPurchaseOrderLine, NewReturnOrder, NewReturnOrderLine, NewSalesOrder,
    NewSalesOrderAllocation, NewSalesOrderLine, NewShipment, PurchaseOrderChanges,
    SalesOrderChanges, reference_int,
};

use super::{Ids, day, units};

/// A purchase order. Days are counted from today.
#[derive(Debug)]
pub(super) struct Purchase {
    pub reference: &'static str,
    /// Company key.
    pub supplier: &'static str,
    pub status: i32,
    pub description: &'static str,
    pub issued: Option<i64>,
    pub due: i64,
    /// Part IPN, which of the supplier's offers for it, packs, price per pack.
    pub lines: &'static [(&'static str, usize, &'static str, &'static str)],
}

pub(super) const PURCHASES: &[Purchase] = &[
    Purchase {
        reference: "PO-0001",
        supplier: "DigiKey",
        status: po_status::PENDING,
        description: "Restock passives and USB-C parts",
        issued: None,
        due: 21,
        lines: &[
            // A full reel: the second DigiKey offer.
            ("RES-0603-1K", 1, "1", "18.50"),
            ("CAP-0805-10U", 0, "500", "0.0412"),
            ("CON-USBC-16P", 0, "100", "0.6120"),
            ("IC-TLV1117-33", 0, "100", "0.2870"),
        ],
    },
    Purchase {
        reference: "PO-0002",
        supplier: "Mouser",
        status: po_status::PLACED,
        description: "ESP32-S3 modules for BO-0001",
        issued: Some(-6),
        due: 3,
        lines: &[
            ("IC-ESP32-S3-WROOM", 0, "50", "3.9800"),
            ("LED-0603-GRN", 0, "500", "0.0530"),
            ("IC-TPS62160", 0, "25", "1.5300"),
        ],
    },
    Purchase {
        reference: "PO-0003",
        supplier: "LCSC",
        status: po_status::PLACED,
        description: "Passives and RP2040 top-up",
        issued: Some(-30),
        // Overdue.
        due: -5,
        lines: &[
            ("RES-0603-10K", 0, "5000", "0.0011"),
            ("CAP-0603-100N", 0, "4000", "0.0022"),
            ("IC-RP2040", 0, "50", "0.7300"),
        ],
    },
    Purchase {
        reference: "PO-0004",
        supplier: "TME",
        status: po_status::ON_HOLD,
        description: "Fasteners: waiting for a volume quote",
        issued: None,
        due: 30,
        lines: &[
            ("MECH-M3X8", 0, "10", "4.90"),
            ("MECH-STANDOFF-M3X10", 0, "100", "0.21"),
        ],
    },
];

/// A sales order. Days are counted from today.
#[derive(Debug)]
pub(super) struct Sale {
    pub reference: &'static str,
    /// Company key.
    pub customer: &'static str,
    pub status: i32,
    pub description: &'static str,
    pub customer_reference: &'static str,
    pub due: i64,
    /// Part IPN, quantity, unit price.
    pub lines: &'static [(&'static str, &'static str, &'static str)],
}

pub(super) const SALES: &[Sale] = &[
    Sale {
        reference: "SO-0001",
        customer: "Harbour",
        status: so_status::PENDING,
        description: "Dev boards for the workshop season",
        customer_reference: "HM-2291",
        due: 14,
        lines: &[("DB-B", "10", "24.00"), ("CBL-USBC-1M", "10", "4.50")],
    },
    Sale {
        reference: "SO-0002",
        customer: "Lakeside",
        status: so_status::IN_PROGRESS,
        description: "Sensor nodes for the field station",
        customer_reference: "LU-PHY-0417",
        due: 2,
        lines: &[
            ("ASM-SENSOR-NODE", "2", "149.00"),
            ("CBL-USBC-1M", "2", "6.00"),
        ],
    },
    Sale {
        reference: "SO-0003",
        customer: "Northfield",
        status: so_status::IN_PROGRESS,
        description: "Motor drivers for AGV batch 7",
        customer_reference: "NR-4410-7",
        due: 10,
        lines: &[("ASM-MOTOR-DRIVER", "50", "38.00")],
    },
];

/// Creates the purchase orders; returns how many.
fn purchases(store: &Store, ids: &Ids, today: NaiveDate) -> Result<usize> {
    for spec in PURCHASES {
        let reference = spec.reference;
        let supplier_id = ids.company(spec.supplier)?;
        let currency = store.company(supplier_id)?.currency;
        let order = store
            .create_purchase_order(&NewPurchaseOrder {
                reference: reference.to_owned(),
                reference_int: reference_int(reference),
                description: spec.description.to_owned(),
                supplier_id: Some(supplier_id),
                status: spec.status,
                destination_id: Some(ids.location("RECV")?),
                currency: currency.clone(),
                creation_date: Some(day(today, spec.issued.unwrap_or(0) - 2)?),
                target_date: Some(day(today, spec.due)?),
                ..NewPurchaseOrder::default()
            })
            .with_context(|| format!("creating purchase order {reference}"))?;
        if let Some(issued) = spec.issued {
            let changes = PurchaseOrderChanges {
                issue_date: Some(Some(day(today, issued)?)),
                ..Default::default()
            };
            store.update_purchase_order(order.id, &changes)?;
        }
        for &(ipn, offer, packs, price) in spec.lines {
            store
                .create_purchase_order_line(&NewPurchaseOrderLine {
                    order_id: order.id,
                    supplier_part_id: Some(ids.offer_n(ipn, spec.supplier, offer)?),
                    quantity: units(packs)?,
                    purchase_price: Some(price.to_owned()),
                    purchase_price_currency: currency.clone(),
                    ..NewPurchaseOrderLine::default()
                })
                .with_context(|| format!("adding {ipn} to {reference}"))?;
        }
    }
    Ok(PURCHASES.len())
}

/// Creates the sales orders, a shipment for each order in progress and allocations of the
/// stock waiting in Shipping; returns how many orders.
fn sales(store: &Store, ids: &Ids, today: NaiveDate) -> Result<usize> {
    for spec in SALES {
        let reference = spec.reference;
        let customer_id = ids.company(spec.customer)?;
        let currency = store.company(customer_id)?.currency;
        let order = store
            .create_sales_order(&NewSalesOrder {
                reference: reference.to_owned(),
                reference_int: reference_int(reference),
                description: spec.description.to_owned(),
                customer_id: Some(customer_id),
                customer_reference: spec.customer_reference.to_owned(),
                status: spec.status,
                currency: currency.clone(),
                creation_date: Some(day(today, -9)?),
                target_date: Some(day(today, spec.due)?),
                ..NewSalesOrder::default()
            })
            .with_context(|| format!("creating sales order {reference}"))?;
        let shipment = if spec.status == so_status::IN_PROGRESS {
            store.update_sales_order(
                order.id,
                &SalesOrderChanges {
                    issue_date: Some(Some(day(today, -7)?)),
                    ..Default::default()
                },
            )?;
            let new = NewShipment {
                order_id: order.id,
                reference: "1".to_owned(),
                ..NewShipment::default()
            };
            Some(
                store
                    .create_shipment(&new)
                    .with_context(|| format!("creating a shipment for {reference}"))?,
            )
        } else {
            None
        };
        for &(ipn, quantity, price) in spec.lines {
            let line = store
                .create_sales_order_line(&NewSalesOrderLine {
                    order_id: order.id,
                    part_id: Some(ids.part(ipn)?.id),
                    quantity: units(quantity)?,
                    sale_price: Some(price.to_owned()),
                    sale_price_currency: currency.clone(),
                    ..NewSalesOrderLine::default()
                })
                .with_context(|| format!("adding {ipn} to {reference}"))?;
            let Some(shipment) = &shipment else { continue };
            // What is already picked and packed in Shipping goes to this order's shipment.
            let mut wanted = line.quantity;
            for item in ids
                .stock_of(ipn)
                .iter()
                .filter(|i| i.location == Some("SHIP"))
            {
                if wanted <= 0 {
                    break;
                }
                let quantity = wanted.min(item.quantity);
                store
                    .create_sales_order_allocation(&NewSalesOrderAllocation {
                        line_id: line.id,
                        shipment_id: Some(shipment.id),
                        item_id: item.id,
                        quantity,
                    })
                    .with_context(|| format!("allocating {ipn} to {reference}"))?;
                wanted -= quantity;
            }
        }
    }
    Ok(SALES.len())
}

/// Creates a return order for the sensor node that came back from the field.
fn returns(store: &Store, ids: &Ids, today: NaiveDate) -> Result<usize> {
    let reference = "RO-0001";
    let order = store
        .create_return_order(&NewReturnOrder {
            reference: reference.to_owned(),
            reference_int: reference_int(reference),
            description: "Sensor node reports no data after a storm".to_owned(),
            customer_id: Some(ids.company("Lakeside")?),
            customer_reference: "LU-RMA-12".to_owned(),
            status: ro_status::IN_PROGRESS,
            currency: "USD".to_owned(),
            creation_date: Some(day(today, -4)?),
            target_date: Some(day(today, 10)?),
            ..NewReturnOrder::default()
        })
        .with_context(|| format!("creating return order {reference}"))?;
    let item = ids.serial_item("ASM-SENSOR-NODE", "1998")?;
    store
        .create_return_order_line(&NewReturnOrderLine {
            order_id: order.id,
            item_id: item.id,
            quantity: item.quantity,
            outcome: ro_line_status::PENDING,
            notes: "Check the antenna connection and the battery holder".to_owned(),
            ..NewReturnOrderLine::default()
        })
        .with_context(|| format!("adding a line to {reference}"))?;
    Ok(1)
}

/// Creates every order; returns how many.
pub(super) fn create(store: &Store, ids: &Ids, today: NaiveDate) -> Result<usize> {
    let purchase = purchases(store, ids, today)?;
    let sales = sales(store, ids, today)?;
    let returns = returns(store, ids, today)?;
    let builds = super::builds::create(store, ids, today)?;
    Ok(purchase + sales + returns + builds)
}
