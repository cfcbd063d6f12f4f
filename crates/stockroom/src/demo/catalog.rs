//! The demo's places and names: the location tree, the category tree and the companies.
//!
//! Each table row has a short key the other tables refer to, so the data reads like a
//! stock room's own shorthand ("A1-01" is bin 1 on shelf A1) rather than database ids.

use anyhow::{Context, Result};
use stockroom_store::Store;
use stockroom_store::companies::NewCompany;
use stockroom_store::locations::NewLocation;
use stockroom_store::parts::NewCategory;

use super::Ids;

/// A stock location: key, name, parent key, description, structural, external.
type LocationRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    bool,
    bool,
);

/// The location tree, parents before children.
#[rustfmt::skip]
pub(super) const LOCATIONS: &[LocationRow] = &[
    ("WH", "Warehouse", None, "Main stock room", true, false),
    ("WH-A", "Aisle A", Some("WH"), "Small parts: bins and reels", true, false),
    ("A1", "Shelf A1", Some("WH-A"), "Passives", true, false),
    ("A1-01", "Bin A1-01", Some("A1"), "Resistors", false, false),
    ("A1-02", "Bin A1-02", Some("A1"), "Capacitors", false, false),
    ("A1-03", "Bin A1-03", Some("A1"), "Inductors and ferrites", false, false),
    ("A1-04", "Bin A1-04", Some("A1"), "Crystals", false, false),
    ("A2", "Shelf A2", Some("WH-A"), "Semiconductors", true, false),
    ("A2-01", "Bin A2-01", Some("A2"), "Microcontrollers and modules", false, false),
    ("A2-02", "Bin A2-02", Some("A2"), "Power and interface ICs", false, false),
    ("A2-03", "Bin A2-03", Some("A2"), "Transistors and diodes", false, false),
    ("A2-04", "Bin A2-04", Some("A2"), "LEDs", false, false),
    ("A3", "Shelf A3", Some("WH-A"), "Full reels", false, false),
    ("WH-B", "Aisle B", Some("WH"), "Mechanical parts and bulky stock", true, false),
    ("B1", "Shelf B1", Some("WH-B"), "Fasteners and connectors", false, false),
    ("B2", "Shelf B2", Some("WH-B"), "Enclosures, cables and PCBs", false, false),
    ("B3", "Shelf B3", Some("WH-B"), "Finished goods", false, false),
    ("LAB", "Lab", None, "Electronics lab", false, false),
    ("BENCH1", "Bench 1", Some("LAB"), "Rework and prototyping", false, false),
    ("BENCH2", "Bench 2", Some("LAB"), "Test and programming", false, false),
    ("ESD", "ESD cabinet", Some("LAB"), "Moisture- and ESD-sensitive parts", false, false),
    ("FRIDGE", "Fridge", Some("LAB"), "Solder paste, 2-10 °C", false, false),
    ("RECV", "Receiving", None, "Incoming goods, not yet put away", false, false),
    ("SHIP", "Shipping", None, "Picked and packed for customers", false, false),
    ("RET", "Returns", None, "Customer returns awaiting inspection", false, false),
    ("QUAR", "Quarantine", Some("RET"), "Held: damaged, suspect or failed test", false, false),
    ("EXT", "Assembly house", None, "Consigned stock at the contract manufacturer", false, true),
];

/// A category: path (`Top/Middle/This`), description, structural, default location key.
type CategoryRow = (&'static str, &'static str, bool, Option<&'static str>);

/// The category tree, parents before children.
#[rustfmt::skip]
pub(super) const CATEGORIES: &[CategoryRow] = &[
    ("Electronics", "Electronic components", true, None),
    ("Electronics/Passives", "Resistors, capacitors and inductors", false, None),
    ("Electronics/Passives/Resistors", "Chip and current-sense resistors", false, Some("A1-01")),
    ("Electronics/Passives/Capacitors", "MLCC and electrolytic capacitors", false, Some("A1-02")),
    ("Electronics/Passives/Inductors", "Power inductors and ferrite beads", false, Some("A1-03")),
    ("Electronics/Semiconductors", "Active components", false, None),
    ("Electronics/Semiconductors/ICs", "Integrated circuits", false, Some("A2-02")),
    ("Electronics/Semiconductors/ICs/Microcontrollers", "MCUs and modules", false, Some("A2-01")),
    ("Electronics/Semiconductors/ICs/Power Management", "Regulators", false, Some("A2-02")),
    ("Electronics/Semiconductors/Transistors", "MOSFETs and BJTs", false, Some("A2-03")),
    ("Electronics/Semiconductors/Diodes", "Schottky and ESD diodes", false, Some("A2-03")),
    ("Electronics/Semiconductors/LEDs", "Indicator LEDs", false, Some("A2-04")),
    ("Electronics/Connectors", "Board connectors, housings and contacts", false, Some("B1")),
    ("Electronics/Crystals", "Crystals and oscillators", false, Some("A1-04")),
    ("Mechanical", "Mechanical parts", true, None),
    ("Mechanical/Fasteners", "Screws, nuts and standoffs", false, Some("B1")),
    ("Mechanical/Enclosures", "Plastic and aluminium enclosures", false, Some("B2")),
    ("Cables", "Cables, wire and harnesses", false, Some("B2")),
    ("PCBs", "Bare printed circuit boards", false, Some("B2")),
    ("Assemblies", "Products and sub-assemblies built in house", false, Some("B3")),
    ("Consumables", "Solder, flux, tape and cleaning supplies", false, Some("LAB")),
    ("Services", "Labour and other non-stock items", false, None),
];

/// Who a company is to us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Supplier,
    Manufacturer,
    Customer,
}

/// A company: key, name, role, description, website, currency.
type CompanyRow = (
    &'static str,
    &'static str,
    Role,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
pub(super) const COMPANIES: &[CompanyRow] = {
    use Role::{Customer as C, Manufacturer as M, Supplier as S};
    &[
        ("DigiKey", "DigiKey", S, "Distributor", "https://www.digikey.com", "USD"),
        ("Mouser", "Mouser Electronics", S, "Distributor", "https://www.mouser.com", "USD"),
        ("LCSC", "LCSC Electronics", S, "Distributor", "https://www.lcsc.com", "USD"),
        ("TME", "TME", S, "Transfer Multisort Elektronik", "https://www.tme.eu", "EUR"),
        ("Yageo", "Yageo", M, "Passive components", "https://www.yageo.com", ""),
        ("Murata", "Murata", M, "Capacitors and EMI filters", "https://www.murata.com", ""),
        ("Samsung", "Samsung Electro-Mechanics", M, "MLCCs", "https://www.samsungsem.com", ""),
        ("TI", "Texas Instruments", M, "Analog and embedded ICs", "https://www.ti.com", ""),
        ("ST", "STMicroelectronics", M, "Microcontrollers and sensors", "https://www.st.com", ""),
        ("Espressif", "Espressif Systems", M, "Wi-Fi/BLE SoCs", "https://www.espressif.com", ""),
        ("RPi", "Raspberry Pi", M, "RP2040 microcontroller", "https://www.raspberrypi.com", ""),
        ("Wurth", "Würth Elektronik", M, "Passives, connectors", "https://www.we-online.com", ""),
        ("Nexperia", "Nexperia", M, "Discretes and logic", "https://www.nexperia.com", ""),
        ("Diodes", "Diodes Incorporated", M, "Discretes and analog", "https://www.diodes.com", ""),
        ("Kingbright", "Kingbright", M, "LEDs", "https://www.kingbrightusa.com", ""),
        ("GCT", "GCT", M, "USB and card connectors", "https://gct.co", ""),
        ("JST", "JST", M, "Wire-to-board connectors", "https://www.jst.com", ""),
        ("Abracon", "Abracon", M, "Crystals and oscillators", "https://abracon.com", ""),
        ("Hammond", "Hammond Manufacturing", M, "Enclosures", "https://www.hammfg.com", ""),
        ("Bossard", "Bossard", M, "Fasteners", "https://www.bossard.com", ""),
        ("AlphaWire", "Alpha Wire", M, "Wire and cable", "https://www.alphawire.com", ""),
        ("ChipQuik", "Chip Quik", M, "Solder and flux", "https://www.chipquik.com", ""),
        ("Northfield", "Northfield Robotics GmbH", C, "Buys motor drivers for AGVs", "", "EUR"),
        ("Harbour", "Harbour Makerspace", C, "Community workshop, buys dev boards", "", "GBP"),
        ("Lakeside", "Lakeside University", C, "Sensor nodes for field studies", "", "USD"),
    ]
};

/// The parent key of a category path (`None` for a top-level category).
pub(super) fn category_parent(path: &str) -> Option<&str> {
    path.rsplit_once('/').map(|(parent, _)| parent)
}

/// Creates the location tree; returns how many locations there are.
pub(super) fn create_locations(store: &Store, ids: &mut Ids) -> Result<usize> {
    for &(key, name, parent, description, structural, external) in LOCATIONS {
        let parent_id = parent.map(|p| ids.location(p)).transpose()?;
        let location = store
            .create_location(&NewLocation {
                name: name.to_owned(),
                description: description.to_owned(),
                parent_id,
                structural,
                external,
                icon: String::new(),
            })
            .with_context(|| format!("creating location {name}"))?;
        ids.locations.insert(key, location.id);
    }
    Ok(LOCATIONS.len())
}

/// Creates the category tree; returns how many categories there are.
pub(super) fn create_categories(store: &Store, ids: &mut Ids) -> Result<usize> {
    for &(path, description, structural, default_location) in CATEGORIES {
        let parent_id = category_parent(path).map(|p| ids.category(p)).transpose()?;
        let name = path.rsplit('/').next().unwrap_or(path);
        let category = store
            .create_category(&NewCategory {
                name: name.to_owned(),
                description: description.to_owned(),
                parent_id,
                default_location_id: default_location.map(|l| ids.location(l)).transpose()?,
                default_keywords: String::new(),
                structural,
                icon: String::new(),
            })
            .with_context(|| format!("creating category {path}"))?;
        ids.categories.insert(path, category.id);
    }
    Ok(CATEGORIES.len())
}

/// Creates the suppliers, manufacturers and customers; returns how many there are.
pub(super) fn create_companies(store: &Store, ids: &mut Ids) -> Result<usize> {
    for &(key, name, role, description, website, currency) in COMPANIES {
        let email = match role {
            // Customers get an order desk address; distributors are reached through their sites.
            Role::Customer => format!("orders@{}.example", key.to_ascii_lowercase()),
            Role::Supplier | Role::Manufacturer => String::new(),
        };
        let company = store
            .create_company(&NewCompany {
                name: name.to_owned(),
                description: description.to_owned(),
                website: website.to_owned(),
                email,
                currency: currency.to_owned(),
                is_customer: role == Role::Customer,
                is_supplier: role == Role::Supplier,
                is_manufacturer: role == Role::Manufacturer,
                active: true,
                ..NewCompany::default()
            })
            .with_context(|| format!("creating company {name}"))?;
        ids.companies.insert(key, company.id);
    }
    Ok(COMPANIES.len())
}
