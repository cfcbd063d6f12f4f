//! BOM lines as the API shows them, and the list's query parameters.

use serde_json::{Value, json};
use stockroom_store::listing::PageRequest;
use stockroom_store::parts::{BomOrder, BomQuery, BomRow};

use crate::api::list::Page;
use crate::api::parts::{brief, number};
use crate::api::query::Params;

/// The output options of InvenTree's `BomOutputOptions`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Options {
    part_detail: bool,
    sub_part_detail: bool,
    can_build: bool,
    pricing: bool,
    substitutes: bool,
}

impl Options {
    pub(super) fn read(params: &Params) -> Options {
        Options {
            part_detail: params.flag("part_detail", false),
            sub_part_detail: params.flag("sub_part_detail", true),
            can_build: params.flag("can_build", true),
            pricing: params.flag("pricing", true),
            substitutes: params.flag("substitutes", false),
        }
    }

    pub(super) fn with_assembly(self) -> bool {
        self.part_detail
    }
}

/// A BOM line with the figures and details `options` ask for.
pub(super) fn body(row: &BomRow, options: Options) -> Value {
    let i = &row.item;
    let f = &row.figures;
    let mut out = json!({
        "pk": i.id,
        "part": i.part_id,
        "sub_part": i.sub_part_id,
        "reference": i.reference,
        "quantity": number(i.quantity),
        "allow_variants": i.allow_variants,
        "inherited": i.inherited,
        "optional": i.optional,
        "consumable": i.consumable,
        "setup_quantity": number(i.setup_quantity),
        "attrition": number(i.attrition),
        "rounding_multiple": i.rounding_multiple.map(number),
        "note": i.note,
        "validated": i.validated,
        "available_stock": number(f.available_stock),
        "available_substitute_stock": number(f.available_substitute_stock),
        "available_variant_stock": number(f.available_variant_stock),
        "external_stock": number(f.external_stock),
        "on_order": number(f.on_order),
        "building": number(f.building),
    });
    if options.can_build {
        out["can_build"] = json!(f.can_build);
    }
    if options.pricing {
        for key in [
            "pricing_min",
            "pricing_max",
            "pricing_min_total",
            "pricing_max_total",
            "pricing_updated",
        ] {
            out[key] = Value::Null;
        }
    }
    if options.part_detail {
        out["part_detail"] = row.assembly.as_ref().map_or(Value::Null, brief);
    }
    if options.sub_part_detail {
        out["sub_part_detail"] = brief(&row.sub_part);
    }
    if options.substitutes {
        // Substitute parts are not kept yet.
        out["substitutes"] = json!([]);
    }
    out
}

fn order_key(name: &str) -> Option<BomOrder> {
    Some(match name {
        "quantity" => BomOrder::Quantity,
        "setup_quantity" => BomOrder::SetupQuantity,
        "attrition" => BomOrder::Attrition,
        "rounding_multiple" => BomOrder::RoundingMultiple,
        "sub_part" => BomOrder::SubPart,
        "IPN" => BomOrder::Ipn,
        "allow_variants" => BomOrder::AllowVariants,
        "inherited" => BomOrder::Inherited,
        "optional" => BomOrder::Optional,
        "consumable" => BomOrder::Consumable,
        "reference" => BomOrder::Reference,
        "validated" => BomOrder::Validated,
        "pk" | "id" => BomOrder::Id,
        _ => return None,
    })
}

/// Reads the list's filters; bad values are reported by `params.finish()`.
pub(super) fn bom_query(params: &Params, page: Page, options: Options) -> BomQuery {
    let choice = |name: &str| params.link(name).flatten();
    BomQuery {
        part: choice("part"),
        sub_part: choice("sub_part"),
        optional: params.bool("optional"),
        consumable: params.bool("consumable"),
        inherited: params.bool("inherited"),
        allow_variants: params.bool("allow_variants"),
        validated: params.bool("validated"),
        part_active: params.bool("part_active"),
        part_trackable: params.bool("part_trackable"),
        sub_part_active: params.bool("sub_part_active"),
        sub_part_trackable: params.bool("sub_part_trackable"),
        sub_part_assembly: params.bool("sub_part_assembly"),
        sub_part_virtual: params.bool("sub_part_virtual"),
        search: params.search(),
        ordering: params
            .ordering()
            .into_iter()
            .filter_map(|(key, desc)| order_key(&key).map(|k| (k, desc)))
            .collect(),
        with_assembly: options.with_assembly(),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    }
}
