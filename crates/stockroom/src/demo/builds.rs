//! Open build orders, with a build line per BOM line and some stock already allocated.

use anyhow::{Context, Result, anyhow};
use chrono::NaiveDate;
use stockroom_core::status::build_status;
use stockroom_store::Store;
use stockroom_store::orders::{NewBuild, NewBuildItem, NewBuildLine, reference_int};

use super::{Ids, day, whole};

/// A build order.
#[derive(Debug)]
pub(super) struct BuildSpec {
    pub reference: &'static str,
    /// IPN of the assembly built.
    pub assembly: &'static str,
    pub quantity: i64,
    pub status: i32,
    pub title: &'static str,
    /// Location keys: where components come from and where outputs go.
    pub take_from: &'static str,
    pub destination: &'static str,
    pub sales_order: Option<&'static str>,
    /// Built by the contract manufacturer.
    pub external: bool,
    /// Stock already allocated: component IPN and the location key it comes from.
    pub allocations: &'static [(&'static str, &'static str)],
}

pub(super) const BUILDS: &[BuildSpec] = &[
    BuildSpec {
        reference: "BO-0001",
        assembly: "ASM-SENSOR-NODE",
        quantity: 25,
        status: build_status::PRODUCTION,
        title: "Sensor nodes for the field season",
        take_from: "WH",
        destination: "B3",
        sales_order: None,
        external: false,
        // Only 12 ESP32 modules are on hand: the rest waits for PO-0002.
        allocations: &[
            ("PCB-SN-C", "B2"),
            ("IC-ESP32-S3-WROOM", "ESD"),
            ("CAP-0603-100N", "A1-02"),
            ("RES-0603-10K", "A1-01"),
        ],
    },
    BuildSpec {
        reference: "BO-0002",
        assembly: "DB-B",
        quantity: 10,
        status: build_status::PENDING,
        title: "Dev boards for Harbour Makerspace",
        take_from: "WH",
        destination: "B3",
        sales_order: Some("SO-0001"),
        external: false,
        allocations: &[],
    },
    BuildSpec {
        reference: "BO-0003",
        assembly: "ASM-MOTOR-DRIVER",
        quantity: 50,
        status: build_status::PENDING,
        title: "Motor drivers, assembled by the contract manufacturer",
        take_from: "EXT",
        destination: "RECV",
        sales_order: Some("SO-0003"),
        external: true,
        allocations: &[("IC-DRV8833", "EXT")],
    },
];

/// Creates the build orders; returns how many.
pub(super) fn create(store: &Store, ids: &Ids, today: NaiveDate) -> Result<usize> {
    let sales_orders = store.list_sales_orders()?;
    for spec in BUILDS {
        let BuildSpec {
            reference,
            assembly,
            quantity,
            status,
            title,
            ..
        } = *spec;
        let sales_order_id = match spec.sales_order {
            Some(so) => Some(
                sales_orders
                    .iter()
                    .find(|o| o.reference == so)
                    .map(|o| o.id)
                    .ok_or_else(|| anyhow!("sales order {so} is missing"))?,
            ),
            None => None,
        };
        let build = store
            .create_build(&NewBuild {
                reference: reference.to_owned(),
                reference_int: reference_int(reference),
                title: title.to_owned(),
                part_id: ids.part(assembly)?.id,
                quantity: whole(quantity)?,
                status,
                sales_order_id,
                take_from_id: Some(ids.location(spec.take_from)?),
                destination_id: Some(ids.location(spec.destination)?),
                external: spec.external,
                creation_date: Some(day(today, -3)?),
                start_date: (status == build_status::PRODUCTION)
                    .then(|| day(today, -1))
                    .transpose()?,
                target_date: Some(day(today, 12)?),
                ..NewBuild::default()
            })
            .with_context(|| format!("creating build order {reference}"))?;
        for (component, bom_item) in ids.bom_with_inherited(assembly)? {
            let needed = bom_item
                .quantity
                .checked_mul(quantity)
                .ok_or_else(|| anyhow!("{reference} needs too many {component}"))?;
            let line = store
                .create_build_line(&NewBuildLine {
                    build_id: build.id,
                    bom_item_id: bom_item.id,
                    quantity: needed,
                })
                .with_context(|| format!("adding {component} to {reference}"))?;
            let Some(&(_, location)) = spec.allocations.iter().find(|(ipn, _)| *ipn == component)
            else {
                continue;
            };
            let item = ids
                .stock_of(component)
                .iter()
                .find(|i| i.location == Some(location))
                .ok_or_else(|| anyhow!("no {component} in {location} for {reference}"))?;
            store
                .create_build_item(&NewBuildItem {
                    build_line_id: line.id,
                    stock_item_id: item.id,
                    quantity: needed.min(item.quantity),
                    install_into_id: None,
                })
                .with_context(|| format!("allocating {component} to {reference}"))?;
        }
    }
    Ok(BUILDS.len())
}
