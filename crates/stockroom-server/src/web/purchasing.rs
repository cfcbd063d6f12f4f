//! Purchase orders: the list with a form to start an order, and an order's page with its
//! lines and the forms that add a line, place the order and receive goods.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use stockroom_core::status::{PURCHASE_ORDER_STATUS, po_status};
use stockroom_store::companies::{CompanyQuery, SupplierPartQuery};
use stockroom_store::orders::{NewPurchaseOrder, PoLineQuery, PoQuery, PurchaseOrderRow};

use super::forms::{FormData, csrf_ok, csrf_refused};
use super::page::{Layout, Section, WebError, page_number, pk, see_other};
use super::session::Viewer;
use super::stock::location_choices;
use super::view::{
    Cell, Form, ListPage, ObjectPage, Table, Typed, apply_typed, date_text, filter, flash, info,
    page_request, pager, quantity_text,
};
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::run;

mod receive;

pub(crate) use receive::receive;

mod actions;

pub(crate) use actions::{add_line, complete, issue};

const LIST: &str = "/web/purchasing/purchase-order/";

/// Reference, description and status of an order, for short tables.
pub(crate) fn order_cells_short(row: &PurchaseOrderRow) -> Vec<Cell> {
    vec![
        Cell::link(&row.order.reference, format!("{LIST}{}", row.order.id)),
        Cell::text(&row.order.description),
        Cell::text(PURCHASE_ORDER_STATUS.label(row.order.status)),
    ]
}

fn new_order_form(suppliers: Vec<(String, String)>, reference: String) -> Form {
    Form::new("create", LIST, "New purchase order", "Create order")
        .text("reference", "Reference")
        .required()
        .value(reference)
        .select("supplier", "Supplier", "Choose a supplier", suppliers)
        .required()
        .text("description", "Description")
        .text("supplier_reference", "Supplier reference")
        .date("target_date", "Target date")
}

/// The list page; `typed` is a refused new-order form.
async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    params: &FormData,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::PurchaseOrder, Perm::View) {
        return Err(WebError::forbidden(viewer));
    }
    let search = params.text("search");
    let status = params.text("status");
    let page = page_number(params.get("page"));
    let q = PoQuery {
        search: (!search.is_empty()).then(|| search.clone()),
        status: status.parse().ok(),
        page: page_request(page),
        ..Default::default()
    };
    let can_add = viewer.auth.can(RuleSet::PurchaseOrder, Perm::Add);
    let (listed, suppliers, reference) = run(state, move |store| {
        let listed = store.query_purchase_orders(&q)?;
        if !can_add {
            return Ok((listed, Vec::new(), String::new()));
        }
        let suppliers = store.query_companies(&CompanyQuery {
            is_supplier: Some(true),
            ..Default::default()
        })?;
        let suppliers = suppliers
            .items
            .into_iter()
            .map(|c| (c.company.id.to_string(), c.company.name))
            .collect();
        Ok((listed, suppliers, store.next_purchase_order_reference()?))
    })
    .await
    .map_err(|e| WebError::from_api(viewer, "PurchaseOrder", e))?;
    let mut table = Table::new(
        "purchase-orders",
        "Purchase orders",
        &[
            "Reference",
            "Supplier",
            "Description",
            "Status",
            "#Lines",
            "Target date",
        ],
    );
    table.empty = "No purchase orders found.";
    table.rows = listed
        .items
        .iter()
        .map(|row| {
            let supplier = match &row.supplier {
                Some(c) => Cell::link(&c.name, format!("/web/company/{}", c.id)),
                None => Cell::text(""),
            };
            vec![
                Cell::link(&row.order.reference, format!("{LIST}{}", row.order.id)),
                supplier,
                Cell::text(&row.order.description),
                Cell::text(PURCHASE_ORDER_STATUS.label(row.order.status)),
                Cell::num(format!("{} / {}", row.completed_lines, row.line_items)),
                Cell::text(date_text(row.order.target_date)),
            ]
        })
        .collect();
    let keep = [("search", search.clone()), ("status", status.clone())];
    table.pager = Some(pager(LIST, &keep, "page", page, listed.count));
    let mut forms = if can_add {
        vec![new_order_form(suppliers, reference)]
    } else {
        Vec::new()
    };
    apply_typed(&mut forms, typed);
    Ok(ListPage {
        layout: Layout::new(Some(viewer), "Purchase orders", Section::Purchasing),
        heading: "Purchase orders".into(),
        flash: String::new(),
        action: LIST.into(),
        search,
        filters: vec![filter(
            "status",
            "Status",
            "Any status",
            super::fields::status_choices(PURCHASE_ORDER_STATUS),
            status,
        )],
        table,
        forms,
    }
    .respond())
}

/// GET `/web/purchasing/purchase-order/`.
#[tracing::instrument(skip_all)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    list_page(&state, &viewer, &params, None).await
}

/// POST `/web/purchasing/purchase-order/`: starts an order and opens it.
#[tracing::instrument(skip_all)]
pub(crate) async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    body: Bytes,
) -> Result<Response, WebError> {
    let data = FormData::parse(&body);
    if !csrf_ok(&viewer, &data) {
        return Ok(csrf_refused(Some(&viewer)));
    }
    if !viewer.auth.can(RuleSet::PurchaseOrder, Perm::Add) {
        return Err(WebError::forbidden(&viewer));
    }
    let mut reader = super::fields::Reader::new(&data);
    let new = NewPurchaseOrder {
        reference: reader.required_text("reference"),
        supplier_id: reader.required_link("supplier", "company"),
        description: reader.text("description"),
        supplier_reference: reader.text("supplier_reference"),
        target_date: reader.date("target_date"),
        created_by_id: Some(viewer.auth.user.id),
        ..NewPurchaseOrder::default()
    };
    let mut errors = reader.errors.clone();
    let mut links = reader.links();
    if errors.is_empty() {
        let done = run(&state, move |store| {
            if !links.check(store)? {
                return Ok(Err(links.errors));
            }
            super::view::outcome(store.create_po(&new).map(|po| po.id))
        })
        .await
        .map_err(|e| WebError::from_api(&viewer, "PurchaseOrder", e))?;
        match done {
            Ok(id) => return Ok(see_other(&format!("{LIST}{id}?done=created"))),
            Err(found) => errors = found,
        }
    }
    let typed = Typed {
        form: "create",
        data: data.clone(),
        errors,
    };
    list_page(&state, &viewer, &FormData::default(), Some(&typed)).await
}

const FLASHES: [(&str, &str); 6] = [
    ("created", "Purchase order created."),
    ("issued", "Order placed."),
    ("line", "Line added."),
    ("received", "Goods received."),
    ("completed", "Order completed."),
    ("cancelled", "Order cancelled."),
];

/// An order's page; `typed` is a refused form of it.
pub(crate) async fn order_page(
    state: &AppState,
    viewer: &Viewer,
    pk: i64,
    params: &FormData,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::PurchaseOrder, Perm::View) {
        return Err(WebError::forbidden(viewer));
    }
    let line_page = page_number(params.get("lines"));
    let (row, (lines, open), parts, locations) = run(state, move |store| {
        let row = store.purchase_order_row(pk)?;
        let lines = store.query_po_lines(&PoLineQuery {
            order: Some(pk),
            page: page_request(line_page),
            ..Default::default()
        })?;
        let open = store.query_po_lines(&PoLineQuery {
            order: Some(pk),
            received: Some(false),
            ..Default::default()
        })?;
        let lines = (lines, open);
        let parts = match row.order.supplier_id {
            Some(supplier) => store
                .query_supplier_parts(&SupplierPartQuery {
                    supplier: Some(supplier),
                    ..Default::default()
                })?
                .items
                .into_iter()
                .map(|sp| {
                    let text = format!("{} · {}", sp.supplier_part.sku, sp.part.full_name());
                    (sp.supplier_part.id.to_string(), text)
                })
                .collect(),
            None => Vec::new(),
        };
        Ok((row, lines, parts, location_choices(store, true)?))
    })
    .await
    .map_err(|e| WebError::from_api(viewer, "PurchaseOrder", e))?;
    let order = &row.order;
    let here = format!("{LIST}{pk}");
    let mut details = vec![info(
        "Status",
        Cell::text(PURCHASE_ORDER_STATUS.label(order.status)),
    )];
    if let Some(c) = &row.supplier {
        details.push(info(
            "Supplier",
            Cell::link(&c.name, format!("/web/company/{}", c.id)),
        ));
    }
    for (label, value) in [
        ("Supplier reference", order.supplier_reference.clone()),
        ("Description", order.description.clone()),
        ("Created", date_text(order.creation_date)),
        ("Issued", date_text(order.issue_date)),
        ("Target date", date_text(order.target_date)),
        ("Completed", date_text(order.complete_date)),
        ("Notes", order.notes.clone()),
    ] {
        if !value.is_empty() {
            details.push(info(label, Cell::text(value)));
        }
    }
    details.push(info(
        "Lines received",
        Cell::text(format!("{} of {}", row.completed_lines, row.line_items)),
    ));
    let mut table = Table::new(
        "lines",
        "Line items",
        &["Line", "Part", "SKU", "#Ordered", "#Received", "Reference"],
    );
    table.empty = "This order has no lines yet.";
    table.pager = Some(pager(&here, &[], "lines", line_page, lines.count));
    let mut open_lines = Vec::new();
    for l in &open.items {
        let name = l.part.as_ref().map(|p| p.full_name()).unwrap_or_default();
        let left = quantity_text(l.line.quantity - l.line.received);
        open_lines.push((
            l.line.id.to_string(),
            format!("Line {} · {name} ({left} to receive)", l.line.id),
        ));
    }
    for l in &lines.items {
        let part = match &l.part {
            Some(p) => Cell::link(p.full_name(), format!("/web/part/{}", p.id)),
            None => Cell::text(""),
        };
        let sku = match &l.supplier_part {
            Some(sp) => Cell::link(&sp.sku, format!("/web/purchasing/supplier-part/{}", sp.id)),
            None => Cell::text(""),
        };
        table.rows.push(vec![
            Cell::text(l.line.id.to_string()),
            part,
            sku,
            Cell::num(quantity_text(l.line.quantity)),
            Cell::num(quantity_text(l.line.received)),
            Cell::text(&l.line.reference),
        ]);
    }
    let mut forms = Vec::new();
    if viewer.auth.can(RuleSet::PurchaseOrder, Perm::Change) {
        let status = order.status;
        if status == po_status::PENDING || status == po_status::ON_HOLD {
            forms.push(Form::new(
                "issue",
                format!("{here}/issue"),
                "Place order",
                "Place order",
            ));
        }
        if status == po_status::PENDING
            || status == po_status::ON_HOLD
            || status == po_status::PLACED
        {
            forms.push(
                Form::new("line", format!("{here}/line"), "Add a line", "Add line")
                    .select("part", "Supplier part", "Choose a supplier part", parts)
                    .required()
                    .text("quantity", "Quantity")
                    .required()
                    .value("1")
                    .text("reference", "Reference"),
            );
        }
        if status == po_status::PLACED {
            forms.push(
                Form::new(
                    "receive",
                    format!("{here}/receive"),
                    "Receive goods",
                    "Receive",
                )
                .select("line_item", "Line", "Choose a line", open_lines)
                .required()
                .text("quantity", "Quantity")
                .required()
                .select(
                    "location",
                    "Location",
                    "Order or part default",
                    super::view::choices(locations),
                )
                .text("batch_code", "Batch code")
                .text("serial_numbers", "Serial numbers")
                .hint("For example 1-5, 10, or ~ for the next free serial; blank for none."),
            );
            forms.push(Form::new(
                "complete",
                format!("{here}/complete"),
                "Complete order",
                "Complete order",
            ));
        }
    }
    apply_typed(&mut forms, typed);
    Ok(ObjectPage {
        layout: Layout::new(Some(viewer), order.reference.clone(), Section::Purchasing),
        crumbs: vec![("Purchase orders".into(), LIST.into())],
        heading: order.reference.clone(),
        flash: flash(params, &FLASHES),
        details,
        tables: vec![table],
        forms,
    }
    .respond())
}

/// GET `/web/purchasing/purchase-order/{pk}`.
#[tracing::instrument(skip_all)]
pub(crate) async fn detail_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "PurchaseOrder")?;
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    order_page(&state, &viewer, pk, &params, None).await
}
