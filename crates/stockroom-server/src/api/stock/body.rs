//! Stock items as the API shows them (InvenTree's `StockItemSerializer`), with the optional
//! detail objects a request may ask for.

use std::collections::HashMap;

use serde_json::{Value, json};
use stockroom_core::status::STOCK_STATUS;
use stockroom_store::companies::SupplierPart;
use stockroom_store::locations::PathStep;
use stockroom_store::stock::{PartBrief, StockRow, full_name};

use crate::api::query::Params;

/// Which optional parts of the body a request asked for. `part_detail` is on unless turned
/// off, the others off unless turned on, as InvenTree's stock views have them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Detail {
    pub part: bool,
    pub location: bool,
    pub supplier_part: bool,
    pub path: bool,
}

impl Detail {
    pub(crate) fn from_params(params: &Params) -> Detail {
        Detail {
            part: params.flag("part_detail", true),
            location: params.flag("location_detail", false),
            supplier_part: params.flag("supplier_part_detail", false),
            path: params.flag("path_detail", false),
        }
    }

    /// What a create or update response shows: the defaults.
    pub(crate) const DEFAULT: Detail = Detail {
        part: true,
        location: false,
        supplier_part: false,
        path: false,
    };
}

/// Objects the optional details need, loaded for a whole page at once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extras {
    pub paths: HashMap<i64, Vec<PathStep>>,
    pub supplier_parts: HashMap<i64, SupplierPart>,
}

/// A part in brief (InvenTree's `PartBriefSerializer`).
pub(crate) fn part_brief(part: &PartBrief, category_default_location: Option<i64>) -> Value {
    json!({
        "pk": part.id,
        "IPN": part.ipn.clone().unwrap_or_default(),
        "barcode_hash": "",
        "category_default_location": category_default_location,
        "default_location": part.default_location_id,
        "name": part.name,
        "revision": part.revision,
        "full_name": full_name(&part.name, part.ipn.as_deref(), &part.revision),
        "description": part.description,
        "image": null,
        "thumbnail": "/static/img/blank_image.thumbnail.png",
        "active": part.active,
        "assembly": part.assembly,
        "is_template": part.is_template,
        "purchaseable": part.purchaseable,
        "salable": part.salable,
        "trackable": part.trackable,
        "virtual": part.is_virtual,
        "units": part.units,
        "pricing_min": null,
        "pricing_max": null,
    })
}

fn supplier_part_brief(sp: &SupplierPart, mpn: Option<&str>) -> Value {
    json!({
        "pk": sp.id,
        "part": sp.part_id,
        "supplier": sp.supplier_id,
        "SKU": sp.sku,
        "MPN": mpn,
        "manufacturer_part": sp.manufacturer_part_id,
        "description": sp.description,
        "link": sp.link,
        "note": sp.note,
        "packaging": sp.packaging,
        "pack_quantity": sp.pack_quantity,
        "pack_quantity_native": stockroom_core::Quantity::from_units(sp.pack_quantity_native).to_f64(),
        "available": stockroom_core::Quantity::from_units(sp.available).to_f64(),
        "active": sp.active,
    })
}

/// A path as InvenTree's `get_path` gives it.
pub(crate) fn path_body(path: &[PathStep]) -> Value {
    Value::Array(
        path.iter()
            .map(|s| json!({"pk": s.id, "name": s.name, "icon": s.icon}))
            .collect(),
    )
}

fn price(text: Option<&str>) -> Value {
    text.and_then(|t| t.trim().parse::<f64>().ok())
        .filter(|f| f.is_finite())
        .map_or(Value::Null, |f| json!(f))
}

/// One stock item.
pub(crate) fn item_body(row: &StockRow, detail: Detail, extras: &Extras) -> Value {
    let i = &row.item;
    let mut out = json!({
        "pk": i.id,
        "part": i.part_id,
        "quantity": i.quantity().to_f64(),
        "serial": i.serial,
        "batch": i.batch,
        "location": i.location_id,
        "belongs_to": i.belongs_to_id,
        "build": i.build_id,
        "consumed_by": i.consumed_by_id,
        "customer": i.customer_id,
        "delete_on_deplete": i.delete_on_deplete,
        "expiry_date": i.expiry_date,
        "in_stock": row.in_stock(),
        "is_building": i.is_building,
        "link": i.link,
        "notes": i.notes,
        "owner": null,
        "packaging": i.packaging,
        "parent": i.parent_id,
        "purchase_order": i.purchase_order_id,
        "purchase_order_reference": row.purchase_order_reference,
        "sales_order": i.sales_order_id,
        "sales_order_reference": row.sales_order_reference,
    });
    let rest = json!({
        "status": i.status,
        "status_text": STOCK_STATUS.label(i.status),
        "status_custom_key": i.status,
        "supplier_part": i.supplier_part_id,
        "SKU": row.sku,
        "MPN": row.mpn,
        "barcode_hash": row.barcode_hash,
        "creation_date": i.creation_date,
        "updated": i.updated.map(|t| t.date()),
        "stocktake_date": i.stocktake_date,
        "purchase_price": price(i.purchase_price.as_deref()),
        "purchase_price_currency": i.purchase_price_currency,
        "allocated": stockroom_core::Quantity::from_units(row.figures.allocated).to_f64(),
        "expired": row.expired,
        "installed_items": row.figures.installed_items,
        "child_items": row.figures.child_items,
        "stale": row.stale,
        "tracking_items": row.figures.tracking_items,
        "tags": [],
    });
    if let (Value::Object(out), Value::Object(rest)) = (&mut out, rest) {
        out.extend(rest);
    }
    if detail.part {
        out["part_detail"] = part_brief(&row.part, row.category_default_location);
    }
    if detail.location {
        out["location_detail"] = match &row.location {
            Some(l) => json!({"pk": l.id, "name": l.name, "pathstring": l.pathstring}),
            None => Value::Null,
        };
    }
    if detail.supplier_part {
        out["supplier_part_detail"] = i
            .supplier_part_id
            .and_then(|id| extras.supplier_parts.get(&id))
            .map_or(Value::Null, |sp| {
                supplier_part_brief(sp, row.mpn.as_deref())
            });
    }
    if detail.path {
        out["location_path"] = i
            .location_id
            .and_then(|id| extras.paths.get(&id))
            .map_or(Value::Null, |p| path_body(p));
    }
    out
}
