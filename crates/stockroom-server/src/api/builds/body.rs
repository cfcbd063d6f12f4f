//! Build orders, lines and allocations as the API shows them.

use serde_json::{Value, json};
use stockroom_core::status::BUILD_STATUS;
use stockroom_store::orders::{BuildAllocationRow, BuildRow, LineRow};

use crate::api::parts::{brief, number};

/// A build (InvenTree's `BuildSerializer`); `notes` only on detail, as InvenTree does.
pub(crate) fn build_body(row: &BuildRow, part_detail: bool, with_notes: bool) -> Value {
    let b = &row.build;
    let today = chrono::Utc::now().date_naive();
    let active = stockroom_store::orders::BUILD_ACTIVE_CODES.contains(&b.status);
    let mut out = json!({
        "pk": b.id,
        "url": format!("/web/manufacturing/build-order/{}", b.id),
        "title": b.title,
        "barcode_hash": row.barcode_hash,
        "batch": b.batch,
        "creation_date": b.creation_date,
        "completed": number(b.completed),
        "completion_date": b.completion_date,
        "destination": b.destination_id,
        "external": b.external,
        "parent": b.parent_id,
        "part": b.part_id,
        "part_name": row.part.name,
        "project_code": null,
        "project_code_label": null,
        "project_code_detail": null,
        "overdue": active && b.target_date.is_some_and(|d| d < today),
        "reference": b.reference,
        "sales_order": b.sales_order_id,
        "quantity": number(b.quantity),
        "start_date": b.start_date,
        "status": b.status,
        "status_text": BUILD_STATUS.label(b.status),
        "status_custom_key": b.status,
        "target_date": b.target_date,
        "take_from": b.take_from_id,
        "link": b.link,
        "issued_by": b.issued_by_id,
        "issued_by_detail": null,
        "responsible": null,
        "responsible_detail": null,
        "priority": 0,
    });
    if part_detail {
        out["part_detail"] = brief(&row.part);
    }
    if with_notes {
        out["notes"] = json!(b.notes);
    }
    out
}

/// An allocation (InvenTree's `BuildItemSerializer`).
pub(crate) fn allocation_body(row: &BuildAllocationRow) -> Value {
    let a = &row.allocation;
    let s = &row.stock;
    json!({
        "pk": a.id,
        "build": row.build_id,
        "build_line": a.build_line_id,
        "install_into": a.install_into_id,
        "stock_item": a.stock_item_id,
        "quantity": number(a.quantity),
        "location": s.location_id,
        "part_detail": brief(&row.part),
        "stock_item_detail": {
            "pk": s.id,
            "part": s.part_id,
            "quantity": number(s.quantity),
            "serial": s.serial,
            "batch": s.batch,
            "location": s.location_id,
            "status": s.status,
        },
    })
}

/// A line (InvenTree's `BuildLineSerializer`).
pub(crate) fn line_body(row: &LineRow) -> Value {
    let s = &row.state;
    let bom = &s.bom;
    json!({
        "pk": s.line.id,
        "build": s.line.build_id,
        "bom_item": bom.id,
        "bom_item_detail": {
            "pk": bom.id,
            "part": bom.part_id,
            "sub_part": bom.sub_part_id,
            "reference": bom.reference,
            "quantity": number(bom.quantity),
            "setup_quantity": number(bom.setup_quantity),
            "optional": bom.optional,
            "consumable": bom.consumable,
            "allow_variants": bom.allow_variants,
            "inherited": bom.inherited,
            "note": bom.note,
        },
        "part": bom.sub_part_id,
        "part_detail": brief(&s.sub_part),
        "quantity": number(s.line.quantity),
        "consumed": number(s.line.consumed),
        "allocated": number(s.allocated),
        "trackable": s.trackable,
        "allocations": row.allocations.iter().map(allocation_body).collect::<Vec<_>>(),
    })
}
