//! The parts list: components bought from distributors, and assemblies built in house.
//!
//! Rows are written with the small `const fn` builders of `PartSpec`, so that each part
//! fits on a line or two and the table reads like a parts list.

use super::parts::{PartSpec, c};

const RES: &str = "Electronics/Passives/Resistors";
const CAP: &str = "Electronics/Passives/Capacitors";
const IND: &str = "Electronics/Passives/Inductors";
const IC: &str = "Electronics/Semiconductors/ICs";
const MCU: &str = "Electronics/Semiconductors/ICs/Microcontrollers";
const PWR: &str = "Electronics/Semiconductors/ICs/Power Management";
const FET: &str = "Electronics/Semiconductors/Transistors";
const DIO: &str = "Electronics/Semiconductors/Diodes";
const LED: &str = "Electronics/Semiconductors/LEDs";
const CON: &str = "Electronics/Connectors";
const XTAL: &str = "Electronics/Crystals";
const FAST: &str = "Mechanical/Fasteners";
const ENC: &str = "Mechanical/Enclosures";
const CBL: &str = "Cables";
const PCB: &str = "PCBs";
pub(super) const ASM: &str = "Assemblies";
const CONS: &str = "Consumables";
const SRV: &str = "Services";

/// The catalogue, templates before their variants.
#[rustfmt::skip]
pub(super) const PARTS: &[PartSpec] = &[
    c("RES-0603-0R", "R 0R 0603", "Resistor 0 Ω jumper, 0603", RES)
        .mpn("Yageo", "RC0603JR-070RL").sold_by("DML").lcsc(21189).reel(5000).min(200),
    c("RES-0603-100R", "R 100R 0603", "Resistor 100 Ω 1% 0.1 W, 0603", RES)
        .mpn("Yageo", "RC0603FR-07100RL").sold_by("DL").lcsc(22775).reel(5000),
    c("RES-0603-1K", "R 1k 0603", "Resistor 1 kΩ 1% 0.1 W, 0603", RES)
        .mpn("Yageo", "RC0603FR-071KL").sold_by("DMLT").lcsc(21190).reel(5000).min(500),
    c("RES-0603-4K7", "R 4k7 0603", "Resistor 4.7 kΩ 1% 0.1 W, 0603", RES)
        .mpn("Yageo", "RC0603FR-074K7L").sold_by("DL").lcsc(23162).reel(5000).min(500),
    c("RES-0603-5K1", "R 5k1 0603", "Resistor 5.1 kΩ 1% 0.1 W, 0603 (USB-C CC)", RES)
        .mpn("Yageo", "RC0603FR-075K1L").sold_by("DL").lcsc(23186).reel(5000),
    c("RES-0603-10K", "R 10k 0603", "Resistor 10 kΩ 1% 0.1 W, 0603", RES)
        .mpn("Yageo", "RC0603FR-0710KL").sold_by("DMLT").lcsc(25804).reel(5000).min(1000),
    c("RES-0603-100K", "R 100k 0603", "Resistor 100 kΩ 1% 0.1 W, 0603", RES)
        .mpn("Yageo", "RC0603FR-07100KL").sold_by("DL").lcsc(25803).reel(5000),
    c("RES-0805-22R", "R 22R 0805", "Resistor 22 Ω 1% 0.125 W, 0805", RES)
        .mpn("Yageo", "RC0805FR-0722RL").sold_by("DL").lcsc(17561).reel(5000),
    c("RES-1206-0R1", "R 0.1R 1206", "Current-sense resistor 0.1 Ω 1% 0.5 W, 1206", RES)
        .mpn("Yageo", "PT1206FR-070R1L").sold_by("DMT").reel(5000),
    c("CAP-0402-100N", "C 100n 0402", "MLCC 100 nF 16 V X7R, 0402", CAP)
        .mpn("Murata", "GRM155R71C104KA88D").sold_by("DMLT").lcsc(307331).reel(10000).min(2000),
    c("CAP-0603-100N", "C 100n 0603", "MLCC 100 nF 50 V X7R, 0603", CAP)
        .mpn("Samsung", "CL10B104KB8NNNC").sold_by("DL").lcsc(1591).reel(4000).min(1000),
    c("CAP-0603-1U", "C 1u 0603", "MLCC 1 µF 50 V X5R, 0603", CAP)
        .mpn("Samsung", "CL10A105KB8NNNC").sold_by("DL").lcsc(15849).reel(4000),
    c("CAP-0603-22P", "C 22p 0603", "MLCC 22 pF 50 V C0G, 0603", CAP)
        .mpn("Murata", "GRM1885C1H220JA01D").sold_by("DML").lcsc(1653).reel(4000),
    c("CAP-0805-10U", "C 10u 0805", "MLCC 10 µF 25 V X5R, 0805", CAP)
        .mpn("Samsung", "CL21A106KAYNNNE").sold_by("DLT").lcsc(15850).reel(4000).min(200),
    c("CAP-1210-47U", "C 47u 1210", "MLCC 47 µF 10 V X5R, 1210", CAP)
        .mpn("Murata", "GRM32ER61A476KE20L").sold_by("DML").lcsc(96123).reel(1000),
    c("CAP-EL-100U", "C 100u 25V electrolytic", "Electrolytic 100 µF 25 V, 6.3×7.7 mm SMD", CAP)
        .mpn("Wurth", "865080545012").sold_by("DMT"),
    c("IND-4020-4U7", "L 4u7 4020", "Power inductor 4.7 µH 2.5 A, 4×4 mm", IND)
        .mpn("Wurth", "74404042047").sold_by("DMT"),
    c("IND-0603-FB600", "Ferrite bead 600R 0603", "Ferrite bead 600 Ω @ 100 MHz, 0603", IND)
        .mpn("Murata", "BLM18KG601SN1D").sold_by("DL").lcsc(14709).reel(4000),
    c("IC-STM32F103C8", "STM32F103C8T6", "MCU Arm Cortex-M3 72 MHz, 64 KB flash, LQFP-48", MCU)
        .mpn("ST", "STM32F103C8T6").sold_by("DMLT").lcsc(8734).min(20),
    c("IC-STM32G031K8", "STM32G031K8T6", "MCU Arm Cortex-M0+ 64 MHz, 64 KB flash, LQFP-32", MCU)
        .mpn("ST", "STM32G031K8T6").sold_by("DML").lcsc(432211).min(20),
    c("IC-ESP32-S3-WROOM", "ESP32-S3-WROOM-1-N8R8", "Wi-Fi/BLE module, 8 MB flash, 8 MB PSRAM", MCU)
        .mpn("Espressif", "ESP32-S3-WROOM-1-N8R8").sold_by("DMLT").lcsc(2913202).min(50),
    c("IC-RP2040", "RP2040", "MCU dual Cortex-M0+ 133 MHz, QFN-56", MCU)
        .mpn("RPi", "RP2040").sold_by("DML").lcsc(2040).min(20),
    c("IC-TLV1117-33", "TLV1117-33", "LDO 3.3 V 800 mA, SOT-223", PWR)
        .mpn("TI", "TLV1117-33IDCYR").sold_by("DMLT").lcsc(15578).reel(2500).min(100),
    c("IC-TPS62160", "TPS62160", "Buck converter 3-17 V in, 1 A, VSSOP-8", PWR)
        .mpn("TI", "TPS62160DGKR").sold_by("DM").reel(2500),
    c("IC-DRV8833", "DRV8833", "Dual H-bridge motor driver 1.5 A, HTSSOP-16", IC)
        .mpn("TI", "DRV8833PWPR").sold_by("DML").lcsc(50506).reel(2000).min(25),
    c("IC-SN65HVD230", "SN65HVD230", "CAN transceiver 3.3 V, SOIC-8", IC)
        .mpn("TI", "SN65HVD230DR").sold_by("DMLT").lcsc(12084).reel(2500),
    c("IC-LIS3DH", "LIS3DH", "3-axis accelerometer ±16 g, LGA-16", IC)
        .mpn("ST", "LIS3DHTR").sold_by("DML").lcsc(15134).reel(4000),
    c("Q-2N7002", "2N7002", "N-MOSFET 60 V 300 mA, SOT-23", FET)
        .mpn("Nexperia", "2N7002,215").sold_by("DMLT").lcsc(8545).reel(3000).min(100),
    c("Q-BC847B", "BC847B", "NPN 45 V 100 mA, SOT-23", FET)
        .mpn("Nexperia", "BC847B,215").sold_by("DL").lcsc(8581).reel(3000),
    c("Q-PMV48XP", "PMV48XP", "P-MOSFET -20 V 3.5 A, SOT-23", FET)
        .mpn("Nexperia", "PMV48XP,215").sold_by("DM").reel(3000),
    c("D-B340A", "B340A", "Schottky diode 40 V 3 A, SMA", DIO)
        .mpn("Diodes", "B340A-13-F").sold_by("DMT").reel(5000),
    c("D-BAT54S", "BAT54S", "Dual Schottky diode 30 V, SOT-23", DIO)
        .mpn("Nexperia", "BAT54S,215").sold_by("DL").lcsc(85111).reel(3000),
    c("D-USBLC6", "USBLC6-2SC6", "USB ESD protection, SOT-23-6", DIO)
        .mpn("ST", "USBLC6-2SC6").sold_by("DMLT").lcsc(7519).reel(3000).min(50),
    c("LED-0603-RED", "LED red 0603", "LED red 630 nm, 0603", LED)
        .mpn("Kingbright", "APT1608EC").sold_by("DM").reel(4000),
    c("LED-0603-GRN", "LED green 0603", "LED green 570 nm, 0603", LED)
        .mpn("Kingbright", "APT1608SGC").sold_by("DM").reel(4000),
    c("LED-0603-BLU", "LED blue 0603", "LED blue 465 nm, 0603", LED)
        .mpn("Kingbright", "APT1608QBC/D").sold_by("DM").reel(4000),
    c("CON-USBC-16P", "USB-C receptacle 16P", "USB 2.0 Type-C receptacle, 16 pins, mid-mount", CON)
        .mpn("GCT", "USB4105-GF-A").sold_by("DML").lcsc(2765186).min(50),
    c("CON-JST-PH-4", "JST PH 4-pin header", "JST PH 2.0 mm header, 4 pins, right angle", CON)
        .mpn("JST", "S4B-PH-K-S(LF)(SN)").sold_by("DMLT").lcsc(157926),
    c("CON-JST-PHR-4", "JST PH 4-pin housing", "JST PH 2.0 mm receptacle housing, 4 pins", CON)
        .mpn("JST", "PHR-4").sold_by("DMLT").lcsc(157991),
    c("CON-JST-SPH", "JST PH crimp contact", "JST PH crimp contact, 24-32 AWG", CON)
        .mpn("JST", "SPH-002T-P0.5S").sold_by("DMT").reel(8000).min(200),
    c("CON-HDR-1X40", "Pin header 1x40", "Pin header 1×40, 2.54 mm, straight", CON)
        .mpn("Wurth", "61304011121").sold_by("DMT"),
    c("XTAL-8M", "Crystal 8 MHz", "Crystal 8 MHz 18 pF ±20 ppm, 3.2×2.5 mm", XTAL)
        .mpn("Abracon", "ABM8-8.000MHZ-B2-T").sold_by("DM").reel(3000),
    c("XTAL-32K", "Crystal 32.768 kHz", "Crystal 32.768 kHz 12.5 pF, 3.2×1.5 mm", XTAL)
        .mpn("Abracon", "ABS07-32.768KHZ-T").sold_by("DM").reel(3000),
    c("MECH-M3X8", "Screw M3x8 button head", "Screw ISO 7380 M3×8, stainless A2", FAST)
        .mpn("Bossard", "BN 6404 M3x8").sold_by("T").min(200),
    c("MECH-M3-NUT", "Nut M3", "Hex nut DIN 934 M3, stainless A2", FAST)
        .mpn("Bossard", "BN 628 M3").sold_by("T"),
    c("MECH-STANDOFF-M3X10", "Standoff M3x10 F/F", "Hex standoff M3×10 female/female, brass", FAST)
        .mpn("Wurth", "970100154").sold_by("DMT"),
    c("ENC-1551K", "Enclosure 1551K", "ABS enclosure 80×40×20 mm with lid", ENC).template(),
    c("ENC-1551K-BK", "Enclosure 1551K, black", "ABS enclosure 80×40×20 mm, black", ENC)
        .variant_of("ENC-1551K").mpn("Hammond", "1551KBK").sold_by("DMT").min(20),
    c("ENC-1551K-GY", "Enclosure 1551K, grey", "ABS enclosure 80×40×20 mm, grey", ENC)
        .variant_of("ENC-1551K").mpn("Hammond", "1551KGY").sold_by("DMT"),
    c("ENC-1551K-TBU", "Enclosure 1551K, clear blue", "PC enclosure 80×40×20 mm, clear blue", ENC)
        .variant_of("ENC-1551K").mpn("Hammond", "1551KTBU").sold_by("DM"),
    c("CBL-USBC-1M", "USB-C cable 1 m", "USB 2.0 C-to-C cable, 1 m", CBL).salable().sold_by("DM"),
    c("CBL-WIRE-26-RED", "Wire 26 AWG red", "Hook-up wire 26 AWG stranded, PVC, red", CBL)
        .units("m").mpn("AlphaWire", "3050 RD005").sold_by("DM").min(20),
    c("CBL-WIRE-26-BLK", "Wire 26 AWG black", "Hook-up wire 26 AWG stranded, PVC, black", CBL)
        .units("m").mpn("AlphaWire", "3050 BK005").sold_by("DM").min(20),
    c("CBL-HARNESS-PH4", "Sensor harness PH4 300 mm", "JST PH 4-pin harness, 300 mm", CBL)
        .built().salable(),
    c("PCB-SN-C", "PCB Sensor Node", "Bare PCB, Sensor Node, 4 layers, ENIG", PCB).rev("C").min(20),
    c("PCB-DB-A", "PCB Dev Board", "Bare PCB, Dev Board, 2 layers, HASL", PCB).rev("A"),
    c("PCB-DB-B", "PCB Dev Board", "Bare PCB, Dev Board, 2 layers, ENIG", PCB).rev("B").min(10),
    c("PCB-MD-2", "PCB Motor Driver", "Bare PCB, Motor Driver Module, 2 layers, 2 oz copper", PCB)
        .rev("2"),
    c("DB", "Dev Board", "Microcontroller development board", ASM)
        .built().salable().trackable().template(),
    c("DB-A", "Dev Board rev A", "Dev Board with STM32F103 (superseded by rev B)", ASM)
        .variant_of("DB").rev("A").built().salable().trackable(),
    c("DB-B", "Dev Board rev B", "Dev Board with STM32G031 and USB-C", ASM)
        .variant_of("DB").rev("B").built().salable().trackable().min(10),
    c("ASM-SENSOR-NODE", "Sensor Node", "Wireless environmental sensor node, ESP32-S3", ASM)
        .built().salable().trackable().min(10),
    c("ASM-MOTOR-DRIVER", "Motor Driver Module", "Dual DC motor driver, 1.5 A per channel", ASM)
        .built().salable().min(20),
    c("CONS-SOLDER-PASTE", "Solder paste SAC305 T4", "Solder paste SAC305, type 4, 250 g jar", CONS)
        .mpn("ChipQuik", "TS391SNL250").sold_by("DM").expiry(180).min(2),
    c("CONS-SOLDER-WIRE", "Solder wire SAC305 0.5 mm", "Solder wire SAC305, 0.5 mm, no-clean", CONS)
        .units("g").mpn("ChipQuik", "SMDSWLF.020 8OZ").sold_by("DM").min(100),
    c("CONS-FLUX-PEN", "Flux pen no-clean", "No-clean flux pen, 10 ml", CONS)
        .mpn("ChipQuik", "SMD291NL-PEN").sold_by("DM").expiry(365),
    c("CONS-IPA", "Isopropyl alcohol 99.9%", "Cleaning alcohol, bought locally", CONS)
        .units("ml").min(1000),
    c("SRV-ASSEMBLY", "Assembly labour", "Hand assembly and test, per hour", SRV)
        .units("h").service(),
];
