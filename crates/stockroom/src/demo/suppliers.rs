//! Manufacturer parts (MPNs) and supplier parts (SKUs), derived from the part table.
//!
//! SKUs follow each distributor's own style, so that label scans and searches in the demo
//! look like the real thing: DigiKey `311-RC0603FR-0710KLCT-ND` (cut tape) and `...TR-ND`
//! (full reel), Mouser `603-RC0603FR-0710KL`, LCSC `C25804`, TME the manufacturer's number
//! in capitals.

use anyhow::{Context, Result};
use stockroom_store::Store;
use stockroom_store::companies::{NewManufacturerPart, NewSupplierPart};

use super::parts::{PARTS, PartSpec};
use super::{Ids, units};

/// One way to buy a part: from whom, under which SKU, in which packs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Offer {
    /// Company key of the supplier.
    pub supplier: &'static str,
    pub sku: String,
    pub packaging: &'static str,
    /// The pack as the supplier writes it.
    pub pack_quantity: String,
    /// The pack in the part's units, as decimal text.
    pub pack_native: String,
    /// Packs must be ordered in multiples of this.
    pub multiple: i64,
    pub link: String,
}

/// DigiKey's and Mouser's numeric prefixes for a manufacturer's parts.
fn prefixes(manufacturer: &str) -> (&'static str, &'static str) {
    match manufacturer {
        "Yageo" => ("311", "603"),
        "Murata" => ("490", "81"),
        "Samsung" => ("1276", "187"),
        "TI" => ("296", "595"),
        "ST" => ("497", "511"),
        "Espressif" => ("1965", "356"),
        "RPi" => ("2648", "358"),
        "Wurth" => ("732", "710"),
        "Nexperia" => ("1727", "771"),
        "Diodes" => ("31", "621"),
        "Kingbright" => ("754", "604"),
        "GCT" => ("2073", "640"),
        "JST" => ("455", "306"),
        "Abracon" => ("535", "815"),
        "Hammond" => ("HM", "546"),
        "AlphaWire" => ("A", "602"),
        "ChipQuik" => ("315", "910"),
        _ => ("2987", "992"),
    }
}

/// A part number as distributors print it in SKUs: capitals, no brackets, dashes for
/// commas and spaces.
fn compact(mpn: &str) -> String {
    mpn.chars()
        .filter(|c| !matches!(c, '(' | ')'))
        .map(|c| {
            if matches!(c, ',' | ' ') {
                '-'
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect()
}

/// Every offer for a part, in the order its `sellers` lists them; cut tape before reels.
pub(super) fn offers(spec: &PartSpec) -> Vec<Offer> {
    let (manufacturer, mpn) = spec.mpn.unwrap_or(("", spec.ipn));
    let number = compact(mpn);
    let (digikey, mouser) = prefixes(manufacturer);
    // Wire is sold by the 100 ft spool but stocked in metres.
    let spool = spec.units == "m";
    let single = |supplier, sku: String, packaging, link: String| Offer {
        supplier,
        sku,
        packaging,
        pack_quantity: if spool {
            "100 ft".to_owned()
        } else {
            String::new()
        },
        pack_native: if spool {
            "30.48".to_owned()
        } else {
            "1".to_owned()
        },
        multiple: 1,
        link,
    };
    let mut out = Vec::new();
    for seller in spec.sellers.chars() {
        match seller {
            'D' => {
                let link = format!("https://www.digikey.com/en/products/result?keywords={number}");
                if spec.reel > 0 {
                    let sku = format!("{digikey}-{number}CT-ND");
                    out.push(single("DigiKey", sku, "Cut Tape (CT)", link.clone()));
                    out.push(Offer {
                        sku: format!("{digikey}-{number}TR-ND"),
                        packaging: "Tape & Reel (TR)",
                        pack_quantity: spec.reel.to_string(),
                        pack_native: spec.reel.to_string(),
                        ..single("DigiKey", String::new(), "", link)
                    });
                } else {
                    let packaging = if spool { "Spool" } else { "Bulk" };
                    out.push(single(
                        "DigiKey",
                        format!("{digikey}-{number}-ND"),
                        packaging,
                        link,
                    ));
                }
            }
            'M' => {
                let sku = format!("{mouser}-{number}");
                let link = format!("https://www.mouser.com/c/?q={number}");
                let packaging = match (spool, spec.reel > 0) {
                    (true, _) => "Spool",
                    (false, true) => "Cut Tape",
                    (false, false) => "",
                };
                out.push(single("Mouser", sku, packaging, link));
            }
            'L' => {
                let sku = format!("C{}", spec.lcsc);
                let link = format!("https://www.lcsc.com/product-detail/{sku}.html");
                // LCSC sells small passives in strips of 100.
                let multiple = if spec.reel >= 4000 { 100 } else { 1 };
                let packaging = if spec.reel > 0 {
                    "Tape & Reel (TR)"
                } else {
                    "Tray"
                };
                out.push(Offer {
                    multiple,
                    ..single("LCSC", sku, packaging, link)
                });
            }
            'T' => {
                let link = format!(
                    "https://www.tme.eu/en/details/{}/",
                    number.to_ascii_lowercase()
                );
                let mut offer = single("TME", number.clone(), "", link);
                // Fasteners come in bags of 100 from TME.
                if spec.category == "Mechanical/Fasteners" {
                    offer.packaging = "Bag";
                    offer.pack_quantity = "100".to_owned();
                    offer.pack_native = "100".to_owned();
                }
                out.push(offer);
            }
            _ => {}
        }
    }
    out
}

/// Creates the manufacturer parts and supplier parts of every part.
pub(super) fn create(store: &Store, ids: &mut Ids) -> Result<()> {
    for spec in PARTS {
        let part_id = ids.part(spec.ipn)?.id;
        let manufacturer_part_id = match spec.mpn {
            Some((manufacturer, mpn)) => Some(
                store
                    .create_manufacturer_part(&NewManufacturerPart {
                        part_id,
                        manufacturer_id: ids.company(manufacturer)?,
                        mpn: mpn.to_owned(),
                        description: spec.description.to_owned(),
                        ..NewManufacturerPart::default()
                    })
                    .with_context(|| format!("creating manufacturer part {mpn}"))?
                    .id,
            ),
            None => None,
        };
        for (n, offer) in offers(spec).into_iter().enumerate() {
            let created = store
                .create_supplier_part(&NewSupplierPart {
                    manufacturer_part_id,
                    description: spec.description.to_owned(),
                    link: offer.link,
                    packaging: offer.packaging.to_owned(),
                    pack_quantity: offer.pack_quantity,
                    pack_quantity_native: units(&offer.pack_native)?,
                    multiple: offer.multiple,
                    // The first listed seller is where the part is normally bought.
                    is_primary: n == 0,
                    ..NewSupplierPart::new(part_id, ids.company(offer.supplier)?, offer.sku.clone())
                })
                .with_context(|| format!("creating supplier part {}", offer.sku))?;
            ids.offers
                .entry((spec.ipn, offer.supplier))
                .or_default()
                .push(created.id);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_sku_is_unique_per_supplier() {
        let mut seen = HashSet::new();
        for spec in PARTS {
            for offer in offers(spec) {
                assert!(
                    seen.insert((offer.supplier, offer.sku.clone())),
                    "duplicate SKU {}",
                    offer.sku
                );
            }
        }
    }

    #[test]
    fn every_listed_seller_gets_an_offer_and_lcsc_needs_a_number() {
        for spec in PARTS {
            let offers = offers(spec);
            for seller in spec.sellers.chars() {
                assert!(
                    offers.iter().any(|o| o.supplier.starts_with(seller)),
                    "{} by {seller}",
                    spec.ipn
                );
            }
            assert_eq!(spec.sellers.contains('L'), spec.lcsc > 0, "{}", spec.ipn);
        }
    }

    #[test]
    fn skus_follow_each_distributors_style() {
        let spec = PARTS
            .iter()
            .find(|p| p.ipn == "RES-0603-10K")
            .map(offers)
            .unwrap_or_default();
        let skus: Vec<&str> = spec.iter().map(|o| o.sku.as_str()).collect();
        assert_eq!(
            skus,
            [
                "311-RC0603FR-0710KLCT-ND",
                "311-RC0603FR-0710KLTR-ND",
                "603-RC0603FR-0710KL",
                "C25804",
                "RC0603FR-0710KL"
            ]
        );
        assert_eq!(spec[1].pack_quantity, "5000");
        assert!(spec.iter().all(|o| units(&o.pack_native).is_ok()));
    }
}
