//! The demo's parts: components bought from distributors and assemblies built in house.
//!
//! The table itself is in `part_list`; this module has the row type and its builders.

use anyhow::{Context, Result};
use stockroom_store::Store;
use stockroom_store::parts::NewPart;

use super::part_list::ASM;
pub(super) use super::part_list::PARTS;
use super::{Ids, whole};

/// One part of the demo catalogue.
#[derive(Debug, Clone, Copy)]
pub(super) struct PartSpec {
    pub ipn: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub category: &'static str,
    pub units: &'static str,
    pub revision: &'static str,
    /// Whole units.
    pub minimum_stock: i64,
    /// The IPN of the template this part is a variant of.
    pub variant_of: Option<&'static str>,
    pub template: bool,
    pub assembly: bool,
    pub trackable: bool,
    pub salable: bool,
    pub purchaseable: bool,
    pub is_virtual: bool,
    pub default_expiry: i32,
    /// Manufacturer key and manufacturer part number.
    pub mpn: Option<(&'static str, &'static str)>,
    /// Who sells it: `D` DigiKey, `M` Mouser, `L` LCSC, `T` TME.
    pub sellers: &'static str,
    /// LCSC's catalogue number (`C25804`), when LCSC sells it.
    pub lcsc: u32,
    /// Pieces per full reel, when distributors also sell full reels.
    pub reel: u32,
}

/// A purchased component.
pub(super) const fn c(
    ipn: &'static str,
    name: &'static str,
    description: &'static str,
    category: &'static str,
) -> PartSpec {
    PartSpec {
        ipn,
        name,
        description,
        category,
        units: "",
        revision: "",
        minimum_stock: 0,
        variant_of: None,
        template: false,
        assembly: false,
        trackable: false,
        salable: false,
        purchaseable: true,
        is_virtual: false,
        default_expiry: 0,
        mpn: None,
        sellers: "",
        lcsc: 0,
        reel: 0,
    }
}

impl PartSpec {
    pub(super) const fn min(mut self, whole: i64) -> PartSpec {
        self.minimum_stock = whole;
        self
    }
    pub(super) const fn units(mut self, units: &'static str) -> PartSpec {
        self.units = units;
        self
    }
    pub(super) const fn rev(mut self, revision: &'static str) -> PartSpec {
        self.revision = revision;
        self
    }
    pub(super) const fn mpn(mut self, manufacturer: &'static str, mpn: &'static str) -> PartSpec {
        self.mpn = Some((manufacturer, mpn));
        self
    }
    pub(super) const fn sold_by(mut self, sellers: &'static str) -> PartSpec {
        self.sellers = sellers;
        self
    }
    pub(super) const fn lcsc(mut self, number: u32) -> PartSpec {
        self.lcsc = number;
        self
    }
    pub(super) const fn reel(mut self, pieces: u32) -> PartSpec {
        self.reel = pieces;
        self
    }
    pub(super) const fn expiry(mut self, days: i32) -> PartSpec {
        self.default_expiry = days;
        self
    }
    /// Built in house from a BOM rather than bought.
    pub(super) const fn built(mut self) -> PartSpec {
        self.assembly = true;
        self.purchaseable = false;
        self
    }
    pub(super) const fn salable(mut self) -> PartSpec {
        self.salable = true;
        self
    }
    pub(super) const fn trackable(mut self) -> PartSpec {
        self.trackable = true;
        self
    }
    pub(super) const fn template(mut self) -> PartSpec {
        self.template = true;
        self
    }
    pub(super) const fn variant_of(mut self, template: &'static str) -> PartSpec {
        self.variant_of = Some(template);
        self
    }
    pub(super) const fn service(mut self) -> PartSpec {
        self.is_virtual = true;
        self.purchaseable = false;
        self.salable = true;
        self
    }
}

/// Creates every part; returns how many there are.
pub(super) fn create(store: &Store, ids: &mut Ids) -> Result<usize> {
    for spec in PARTS {
        let new = NewPart {
            name: spec.name.to_owned(),
            description: spec.description.to_owned(),
            ipn: Some(spec.ipn.to_owned()),
            revision: spec.revision.to_owned(),
            category_id: Some(ids.category(spec.category)?),
            variant_of_id: spec
                .variant_of
                .map(|t| ids.part(t).map(|p| p.id))
                .transpose()?,
            is_template: spec.template,
            assembly: spec.assembly,
            // Finished products are sold, not fitted into other assemblies.
            component: !(spec.salable && spec.category == ASM),
            trackable: spec.trackable,
            purchaseable: spec.purchaseable,
            salable: spec.salable,
            is_virtual: spec.is_virtual,
            units: spec.units.to_owned(),
            default_expiry: spec.default_expiry,
            minimum_stock: whole(spec.minimum_stock)?,
            ..NewPart::default()
        };
        let part = store
            .create_part(&new)
            .with_context(|| format!("creating part {}", spec.ipn))?;
        ids.parts.insert(spec.ipn, part);
    }
    Ok(PARTS.len())
}
