//! The bills of materials of the assemblies built in house.
//!
//! The Dev Board template passes its common lines down to both revisions (`inherited`);
//! the sensor node takes any enclosure colour (`allow_variants`), an optional harness and
//! solder wire as a consumable.

use anyhow::{Context, Result};
use stockroom_store::Store;
use stockroom_store::parts::NewBomItem;

use super::{Ids, units};

/// A BOM line: assembly IPN, component IPN, quantity, designators, flags.
type BomRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    BomFlags,
);

/// How a BOM line is used.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct BomFlags {
    pub optional: bool,
    pub consumable: bool,
    pub allow_variants: bool,
    /// Inherited by the variants of a template assembly.
    pub inherited: bool,
}

const N: BomFlags = BomFlags {
    optional: false,
    consumable: false,
    allow_variants: false,
    inherited: false,
};
const OPT: BomFlags = BomFlags {
    optional: true,
    ..N
};
const USE: BomFlags = BomFlags {
    consumable: true,
    ..N
};
const ANY: BomFlags = BomFlags {
    allow_variants: true,
    ..N
};
const INH: BomFlags = BomFlags {
    inherited: true,
    ..N
};

#[rustfmt::skip]
pub(super) const BOMS: &[BomRow] = &[
    ("ASM-SENSOR-NODE", "PCB-SN-C", "1", "", N),
    ("ASM-SENSOR-NODE", "IC-ESP32-S3-WROOM", "1", "U1", N),
    ("ASM-SENSOR-NODE", "IC-TLV1117-33", "1", "U2", N),
    ("ASM-SENSOR-NODE", "IC-LIS3DH", "1", "U3", N),
    ("ASM-SENSOR-NODE", "CAP-0603-100N", "6", "C1, C2, C3, C4, C5, C6", N),
    ("ASM-SENSOR-NODE", "CAP-0805-10U", "2", "C7, C8", N),
    ("ASM-SENSOR-NODE", "RES-0603-10K", "4", "R1, R2, R3, R4", N),
    ("ASM-SENSOR-NODE", "RES-0603-5K1", "2", "R5, R6", N),
    ("ASM-SENSOR-NODE", "RES-0603-1K", "2", "R7, R8", N),
    ("ASM-SENSOR-NODE", "LED-0603-GRN", "1", "D1", N),
    ("ASM-SENSOR-NODE", "LED-0603-RED", "1", "D2", N),
    ("ASM-SENSOR-NODE", "D-USBLC6", "1", "D3", N),
    ("ASM-SENSOR-NODE", "CON-USBC-16P", "1", "J1", N),
    ("ASM-SENSOR-NODE", "CON-JST-PH-4", "1", "J2", N),
    ("ASM-SENSOR-NODE", "ENC-1551K", "1", "", ANY),
    ("ASM-SENSOR-NODE", "MECH-M3X8", "4", "", N),
    ("ASM-SENSOR-NODE", "CBL-HARNESS-PH4", "1", "", OPT),
    ("ASM-SENSOR-NODE", "CONS-SOLDER-WIRE", "0.5", "", USE),
    ("DB", "CON-HDR-1X40", "1", "J3, J4 (cut 2×20)", INH),
    ("DB", "RES-0603-10K", "2", "R1, R2", INH),
    ("DB", "CAP-0603-100N", "5", "C1, C2, C3, C4, C5", INH),
    ("DB-A", "PCB-DB-A", "1", "", N),
    ("DB-A", "IC-STM32F103C8", "1", "U1", N),
    ("DB-A", "XTAL-8M", "1", "Y1", N),
    ("DB-A", "CAP-0603-22P", "2", "C6, C7", N),
    ("DB-A", "IC-TLV1117-33", "1", "U2", N),
    ("DB-A", "LED-0603-RED", "1", "D1", N),
    ("DB-B", "PCB-DB-B", "1", "", N),
    ("DB-B", "IC-STM32G031K8", "1", "U1", N),
    ("DB-B", "IC-TLV1117-33", "1", "U2", N),
    ("DB-B", "CON-USBC-16P", "1", "J1", N),
    ("DB-B", "D-USBLC6", "1", "D2", N),
    ("DB-B", "RES-0603-5K1", "2", "R3, R4", N),
    ("DB-B", "LED-0603-BLU", "1", "D1", N),
    ("DB-B", "CAP-0603-1U", "2", "C6, C7", N),
    ("ASM-MOTOR-DRIVER", "PCB-MD-2", "1", "", N),
    ("ASM-MOTOR-DRIVER", "IC-DRV8833", "1", "U1", N),
    ("ASM-MOTOR-DRIVER", "CAP-1210-47U", "1", "C1", N),
    ("ASM-MOTOR-DRIVER", "CAP-EL-100U", "1", "C2", N),
    ("ASM-MOTOR-DRIVER", "CAP-0603-100N", "2", "C3, C4", N),
    ("ASM-MOTOR-DRIVER", "RES-1206-0R1", "2", "R1, R2", N),
    ("ASM-MOTOR-DRIVER", "RES-0603-1K", "1", "R3", N),
    ("ASM-MOTOR-DRIVER", "LED-0603-RED", "1", "D1", N),
    ("ASM-MOTOR-DRIVER", "CON-JST-PH-4", "2", "J1, J2", N),
    ("CBL-HARNESS-PH4", "CON-JST-PHR-4", "2", "", N),
    ("CBL-HARNESS-PH4", "CON-JST-SPH", "8", "", N),
    ("CBL-HARNESS-PH4", "CBL-WIRE-26-RED", "0.3", "", N),
    ("CBL-HARNESS-PH4", "CBL-WIRE-26-BLK", "0.9", "", N),
];

/// Creates every BOM line.
pub(super) fn create(store: &Store, ids: &mut Ids) -> Result<()> {
    for &(assembly, component, quantity, reference, flags) in BOMS {
        let item = store
            .create_bom_item(&NewBomItem {
                part_id: ids.part(assembly)?.id,
                sub_part_id: ids.part(component)?.id,
                quantity: units(quantity)?,
                reference: reference.to_owned(),
                optional: flags.optional,
                consumable: flags.consumable,
                allow_variants: flags.allow_variants,
                inherited: flags.inherited,
                validated: true,
                ..NewBomItem::default()
            })
            .with_context(|| format!("creating BOM line {assembly} <- {component}"))?;
        ids.boms
            .entry(assembly)
            .or_default()
            .push((component, item));
    }
    Ok(())
}
