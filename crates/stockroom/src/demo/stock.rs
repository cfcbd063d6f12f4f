//! The realistic stock: what sits in each bin, on each bench and at the assembly house.
//!
//! A few parts are deliberately below their minimum stock, a few items are damaged,
//! quarantined or need attention, consumables carry expiry dates (one already expired,
//! one about to), and finished products carry serial numbers.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use stockroom_core::Quantity;
use stockroom_core::status::stock_status::{ATTENTION, DAMAGED, OK, QUARANTINED};
use stockroom_store::Store;
use stockroom_store::stock::NewStockItem;

use super::{Ids, StockRef, day, units};

/// One stock row: `count` items when serialized, otherwise one item of `quantity`.
#[derive(Debug, Clone, Copy)]
pub(super) struct StockSpec {
    pub ipn: &'static str,
    /// Location key; `None` for stock that is with a customer.
    pub location: Option<&'static str>,
    pub quantity: &'static str,
    pub batch: Option<&'static str>,
    pub status: i32,
    /// Days from today; negative means already expired.
    pub expires_in: Option<i64>,
    /// First serial number and how many consecutive ones.
    pub serials: Option<(u32, u32)>,
    /// Supplier key the stock was bought from (its first offer is linked).
    pub from: Option<&'static str>,
    /// Company key of the customer holding the stock.
    pub customer: Option<&'static str>,
    pub notes: &'static str,
}

const fn s(ipn: &'static str, location: &'static str, quantity: &'static str) -> StockSpec {
    StockSpec {
        ipn,
        location: Some(location),
        quantity,
        batch: None,
        status: OK,
        expires_in: None,
        serials: None,
        from: None,
        customer: None,
        notes: "",
    }
}

impl StockSpec {
    const fn batch(mut self, batch: &'static str) -> StockSpec {
        self.batch = Some(batch);
        self
    }
    const fn status(mut self, status: i32, notes: &'static str) -> StockSpec {
        self.status = status;
        self.notes = notes;
        self
    }
    const fn expires(mut self, days: i64) -> StockSpec {
        self.expires_in = Some(days);
        self
    }
    const fn serials(mut self, first: u32, count: u32) -> StockSpec {
        self.serials = Some((first, count));
        self
    }
    const fn from(mut self, supplier: &'static str) -> StockSpec {
        self.from = Some(supplier);
        self
    }
    const fn at_customer(mut self, customer: &'static str) -> StockSpec {
        self.location = None;
        self.customer = Some(customer);
        self
    }
}

#[rustfmt::skip]
pub(super) const STOCK: &[StockSpec] = &[
    s("RES-0603-0R", "A1-01", "850").batch("2025-W48-A").from("LCSC"),
    s("RES-0603-100R", "A1-01", "1200"),
    s("RES-0603-100R", "A3", "5000").batch("2026-W02-A").from("DigiKey"),
    s("RES-0603-1K", "A1-01", "380"),
    s("RES-0603-1K", "BENCH1", "45"),
    s("RES-0603-4K7", "A1-01", "2300").batch("2026-W14-A").from("LCSC"),
    s("RES-0603-5K1", "A1-01", "940"),
    s("RES-0603-10K", "A1-01", "3120").batch("2026-W14-A").from("LCSC"),
    s("RES-0603-10K", "A3", "5000").batch("2026-W14-B").from("DigiKey"),
    s("RES-0603-10K", "BENCH1", "150"),
    s("RES-0603-10K", "EXT", "2500").batch("2026-W14-B"),
    s("RES-0603-100K", "A1-01", "1800"),
    s("RES-0805-22R", "A1-01", "600"),
    s("RES-1206-0R1", "A1-01", "240").from("Mouser"),
    s("CAP-0402-100N", "A3", "10000").batch("2026-W10-A").from("LCSC"),
    s("CAP-0402-100N", "A1-02", "3400"),
    s("CAP-0603-100N", "A1-02", "2750").batch("2026-W11-C"),
    s("CAP-0603-100N", "A3", "4000").batch("2026-W30-A").from("DigiKey"),
    s("CAP-0603-100N", "EXT", "1500").batch("2026-W11-C"),
    s("CAP-0603-100N", "BENCH2", "200"),
    s("CAP-0603-1U", "A1-02", "1900"),
    s("CAP-0603-22P", "A1-02", "700"),
    s("CAP-0805-10U", "A1-02", "160"),
    s("CAP-1210-47U", "A1-02", "90"),
    s("CAP-EL-100U", "A1-02", "140").batch("2025-W51-A"),
    s("IND-4020-4U7", "A1-03", "75"),
    s("IND-0603-FB600", "A1-03", "1500"),
    s("XTAL-8M", "A1-04", "220"),
    s("XTAL-32K", "A1-04", "180"),
    s("IC-STM32F103C8", "A2-01", "64").batch("2552"),
    s("IC-STM32F103C8", "ESD", "10").batch("2552"),
    s("IC-STM32G031K8", "ESD", "118").batch("2609").from("DigiKey"),
    s("IC-ESP32-S3-WROOM", "ESD", "12").batch("2612"),
    s("IC-ESP32-S3-WROOM", "RECV", "30").batch("2631").from("Mouser"),
    s("IC-RP2040", "ESD", "140").batch("2603"),
    s("IC-TLV1117-33", "A2-02", "64"),
    s("IC-TPS62160", "A2-02", "45"),
    s("IC-DRV8833", "A2-02", "180").batch("2547"),
    s("IC-DRV8833", "EXT", "100").batch("2547"),
    s("IC-SN65HVD230", "A2-02", "95"),
    s("IC-LIS3DH", "ESD", "210").batch("2618"),
    s("Q-2N7002", "A2-03", "1450"),
    s("Q-BC847B", "A2-03", "900"),
    s("Q-PMV48XP", "A2-03", "300"),
    s("D-B340A", "A2-03", "420"),
    s("D-BAT54S", "A2-03", "275"),
    s("D-USBLC6", "A2-03", "180"),
    s("LED-0603-RED", "A2-04", "1850"),
    s("LED-0603-RED", "BENCH1", "60"),
    s("LED-0603-GRN", "A2-04", "1400"),
    s("LED-0603-BLU", "A2-04", "920"),
    s("CON-USBC-16P", "B1", "35").from("LCSC"),
    s("CON-JST-PH-4", "B1", "320"),
    s("CON-JST-PHR-4", "B1", "500"),
    s("CON-JST-SPH", "B1", "4200"),
    s("CON-HDR-1X40", "B1", "75"),
    s("MECH-M3X8", "B1", "800").batch("LOT-51827").from("TME"),
    s("MECH-M3X8", "BENCH1", "60"),
    s("MECH-M3-NUT", "B1", "1000").from("TME"),
    s("MECH-STANDOFF-M3X10", "B1", "250"),
    s("ENC-1551K-BK", "B2", "48"),
    s("ENC-1551K-GY", "B2", "30"),
    s("ENC-1551K-TBU", "B2", "12"),
    s("ENC-1551K-TBU", "QUAR", "3").status(DAMAGED, "Cracked lids; supplier claim open"),
    s("CBL-USBC-1M", "B2", "40"),
    s("CBL-USBC-1M", "SHIP", "5"),
    s("CBL-WIRE-26-RED", "LAB", "27.4"),
    s("CBL-WIRE-26-RED", "B2", "30.48").from("DigiKey"),
    s("CBL-WIRE-26-BLK", "LAB", "12.75"),
    s("CBL-HARNESS-PH4", "B3", "24").batch("2026-W40-A"),
    s("PCB-SN-C", "B2", "36").batch("2026-W09-A"),
    s("PCB-DB-A", "B2", "4").status(ATTENTION, "Old revision: use up or scrap"),
    s("PCB-DB-B", "B2", "25").batch("2026-W21-A"),
    s("PCB-MD-2", "B2", "60").batch("2026-W33-A"),
    s("DB-A", "B3", "1").serials(1001, 3),
    s("DB-A", "BENCH2", "1").serials(1004, 1),
    s("DB-A", "QUAR", "1").serials(1005, 1).status(DAMAGED, "USB connector torn off"),
    s("DB-B", "B3", "1").serials(1101, 8),
    s("DB-B", "BENCH2", "1").serials(1109, 2).status(ATTENTION, "Flash verify failed: retest"),
    s("ASM-SENSOR-NODE", "B3", "1").serials(2001, 4),
    s("ASM-SENSOR-NODE", "SHIP", "1").serials(2005, 2),
    s("ASM-SENSOR-NODE", "QUAR", "1").serials(2007, 1)
        .status(QUARANTINED, "Humidity reading drifts"),
    // Shipped last season; it comes back on RO-0001.
    s("ASM-SENSOR-NODE", "SHIP", "1").serials(1998, 1).at_customer("Lakeside"),
    s("ASM-MOTOR-DRIVER", "B3", "38").batch("2026-W38-A"),
    s("ASM-MOTOR-DRIVER", "SHIP", "5").batch("2026-W38-A"),
    s("ASM-MOTOR-DRIVER", "B3", "20").batch("2026-W44-A"),
    s("CONS-SOLDER-PASTE", "FRIDGE", "1").batch("CQ-2606-12").expires(74),
    s("CONS-SOLDER-PASTE", "FRIDGE", "1").batch("CQ-2602-15").expires(-12),
    s("CONS-SOLDER-WIRE", "LAB", "180"),
    s("CONS-SOLDER-WIRE", "BENCH1", "85.5"),
    s("CONS-FLUX-PEN", "LAB", "6").batch("FP-2525").expires(200),
    s("CONS-FLUX-PEN", "BENCH1", "1").batch("FP-2511").expires(20),
    s("CONS-IPA", "LAB", "2500"),
];

/// Creates the realistic stock in one import; returns how many items it made.
pub(super) fn create(store: &Store, ids: &mut Ids, today: NaiveDate) -> Result<usize> {
    let mut items = Vec::new();
    let mut specs = Vec::new();
    for spec in STOCK {
        let part_id = ids.part(spec.ipn)?.id;
        let supplier_part_id = spec.from.map(|s| ids.offer(spec.ipn, s)).transpose()?;
        let serials: Vec<Option<String>> = match spec.serials {
            Some((first, count)) => (first..first + count)
                .map(|n| Some(n.to_string()))
                .collect(),
            None => vec![None],
        };
        for serial in serials {
            items.push(NewStockItem {
                location_id: spec.location.map(|l| ids.location(l)).transpose()?,
                serial: serial.clone(),
                batch: spec.batch.map(str::to_owned),
                status: spec.status,
                expiry_date: spec.expires_in.map(|d| day(today, d)).transpose()?,
                supplier_part_id,
                customer_id: spec.customer.map(|c| ids.company(c)).transpose()?,
                notes: spec.notes.to_owned(),
                ..NewStockItem::new(part_id, Quantity::from_units(units(spec.quantity)?))
            });
            specs.push((spec, serial));
        }
    }
    let created = store
        .import_stock(&items, None)
        .context("creating the demo stock")?;
    for ((spec, serial), id) in specs.into_iter().zip(created) {
        ids.stock.entry(spec.ipn).or_default().push(StockRef {
            id,
            location: spec.location,
            quantity: units(spec.quantity)?,
            serial,
        });
    }
    Ok(items.len())
}
