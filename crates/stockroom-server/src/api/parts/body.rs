//! Parts as the API shows them: InvenTree's `PartSerializer` and `PartBriefSerializer`.

use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_core::quantity::SCALE;
use stockroom_store::parts::{Part, PartDetails, PartRow};

use crate::api::categories;

/// A quantity in 1/100000 units as the JSON number InvenTree's float fields give.
pub(crate) fn number(units: i64) -> f64 {
    Quantity::from_units(units).to_f64()
}

/// InvenTree declares the `required_for_*` figures as integer fields, which truncate.
fn whole(units: i64) -> i64 {
    units / SCALE
}

/// The fields a part and its brief form share.
fn common(p: &Part) -> serde_json::Map<String, Value> {
    let out = json!({
        "pk": p.id,
        "IPN": p.ipn.clone().unwrap_or_default(),
        // Brief forms do not look up links; the full body sets the first link's hash below.
        "barcode_hash": "",
        "default_location": p.default_location_id,
        "default_expiry": p.default_expiry,
        "name": p.name,
        "revision": p.revision,
        "full_name": p.full_name(),
        "description": p.description,
        "image": null,
        "thumbnail": null,
        "active": p.active,
        "locked": p.locked,
        "assembly": p.assembly,
        "component": p.component,
        "minimum_stock": number(p.minimum_stock),
        "is_template": p.is_template,
        "purchaseable": p.purchaseable,
        "salable": p.salable,
        "testable": false,
        "trackable": p.trackable,
        "virtual": p.is_virtual,
        "units": p.units,
        "pricing_min": null,
        "pricing_max": null,
    });
    match out {
        Value::Object(map) => map,
        _ => serde_json::Map::new(),
    }
}

/// A part in brief, as BOM lines show their assembly and sub-part.
pub(crate) fn brief(p: &Part) -> Value {
    let mut out = common(p);
    // The brief serializer is not annotated in InvenTree's BOM views, so this is null.
    out.insert("category_default_location".into(), Value::Null);
    Value::Object(out)
}

/// A part with its figures and the `details` asked for (null when the part has no such
/// object). `notes` is left out of lists, as InvenTree does.
pub(crate) fn body(row: &PartRow, details: PartDetails, with_notes: bool) -> Value {
    let p = &row.part;
    let f = &row.figures;
    let mut out = common(p);
    out.insert("barcode_hash".into(), json!(row.barcode_hash));
    let extra = json!({
        "category": p.category_id,
        "category_name": row.category_name,
        "category_default_location": row.category_default_location,
        "variant_of": p.variant_of_id,
        "revision_of": null,
        "revision_count": 0,
        "keywords": p.keywords,
        "link": p.link,
        "starred": false,
        "creation_date": p.creation_date,
        "creation_user": p.creation_user_id,
        "responsible": null,
        "pricing_updated": null,
        "allocated_to_build_orders": number(f.allocated_to_build_orders),
        "allocated_to_sales_orders": number(f.allocated_to_sales_orders),
        "building": number(f.building),
        "scheduled_to_build": number(f.scheduled_to_build),
        "in_stock": number(f.in_stock),
        "ordering": number(f.ordering),
        "required_for_build_orders": whole(f.required_for_build_orders),
        "required_for_sales_orders": whole(f.required_for_sales_orders),
        "stock_item_count": f.stock_item_count,
        "total_in_stock": number(f.total_in_stock),
        "external_stock": number(f.external_stock),
        "unallocated_stock": number(f.unallocated_stock),
        "variant_stock": number(f.variant_stock),
    });
    if let Value::Object(extra) = extra {
        out.extend(extra);
    }
    if with_notes {
        out.insert("notes".into(), json!(p.notes));
    }
    if details.category {
        let detail = row.category.as_ref().map(|c| categories::body(c, None));
        out.insert("category_detail".into(), detail.unwrap_or(Value::Null));
    }
    if details.path {
        let steps = row.category_path.as_ref().map(|path| {
            path.iter()
                .map(|(pk, name)| json!({"pk": pk, "name": name}))
                .collect::<Vec<Value>>()
        });
        out.insert("category_path".into(), json!(steps));
    }
    if details.location {
        let detail = row
            .default_location
            .as_ref()
            .map(|l| json!({"pk": l.id, "name": l.name, "pathstring": l.pathstring}));
        out.insert("default_location_detail".into(), json!(detail));
    }
    Value::Object(out)
}
