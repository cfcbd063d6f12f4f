//! Sales orders: the list, and an order's page with its lines, shipments and allocations,
//! and the forms that issue the order, allocate stock to a line, add a shipment and ship it.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use stockroom_core::status::{SALES_ORDER_STATUS, so_status};
use stockroom_store::orders::{AllocationQuery, SalesLineQuery, SalesOrderQuery, ShipmentQuery};

use super::fields::status_choices;
use super::forms::FormData;
use super::page::{Layout, Section, WebError, page_number, pk};
use super::session::Viewer;
use super::view::{
    Cell, Form, ListPage, ObjectPage, Table, Typed, apply_typed, date_text, filter, flash, info,
    page_request, pager, quantity_text, stock_choices,
};
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::run;

mod actions;

pub(crate) use actions::{add_shipment, allocate, issue, ship};

const LIST: &str = "/web/sales/sales-order/";

/// GET `/web/sales/sales-order/`.
#[tracing::instrument(skip_all)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::SalesOrder, Perm::View) {
        return Err(WebError::forbidden(&viewer));
    }
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let search = params.text("search");
    let status = params.text("status");
    let page = page_number(params.get("page"));
    let q = SalesOrderQuery {
        search: (!search.is_empty()).then(|| search.clone()),
        status: status.parse().ok(),
        page: page_request(page),
        ..Default::default()
    };
    let listed = run(&state, move |store| Ok(store.query_sales_orders(&q)?))
        .await
        .map_err(|e| WebError::from_api(&viewer, "SalesOrder", e))?;
    let mut table = Table::new(
        "sales-orders",
        "Sales orders",
        &[
            "Reference",
            "Customer",
            "Description",
            "Status",
            "#Lines",
            "Target date",
        ],
    );
    table.empty = "No sales orders found.";
    table.rows = listed
        .items
        .iter()
        .map(|row| {
            let customer = match &row.customer {
                Some(c) => Cell::link(&c.name, format!("/web/company/{}", c.id)),
                None => Cell::text(""),
            };
            vec![
                Cell::link(&row.order.reference, format!("{LIST}{}", row.order.id)),
                customer,
                Cell::text(&row.order.description),
                Cell::text(SALES_ORDER_STATUS.label(row.order.status)),
                Cell::num(format!("{} / {}", row.completed_lines, row.line_items)),
                Cell::text(date_text(row.order.target_date)),
            ]
        })
        .collect();
    let keep = [("search", search.clone()), ("status", status.clone())];
    table.pager = Some(pager(LIST, &keep, "page", page, listed.count));
    Ok(ListPage {
        layout: Layout::new(Some(&viewer), "Sales orders", Section::Sales),
        heading: "Sales orders".into(),
        flash: String::new(),
        action: LIST.into(),
        search,
        filters: vec![filter(
            "status",
            "Status",
            "Any status",
            status_choices(SALES_ORDER_STATUS),
            status,
        )],
        table,
        forms: Vec::new(),
    }
    .respond())
}

const FLASHES: [(&str, &str); 4] = [
    ("issued", "Order issued."),
    ("allocated", "Stock allocated."),
    ("shipment", "Shipment added."),
    ("shipped", "Shipment sent."),
];

/// An order's page; `typed` is a refused form of it.
async fn order_page(
    state: &AppState,
    viewer: &Viewer,
    pk: i64,
    params: &FormData,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::SalesOrder, Perm::View) {
        return Err(WebError::forbidden(viewer));
    }
    let line_page = page_number(params.get("lines"));
    let shipment_page = page_number(params.get("shipments"));
    let allocation_page = page_number(params.get("allocations"));
    let (row, (lines, page_of_lines), shipments, allocations, stock) = run(state, move |store| {
        let row = store.sales_order_row(pk)?;
        let lines = store.query_sales_lines(&SalesLineQuery {
            order: Some(pk),
            ..Default::default()
        })?;
        let page_of_lines = store.query_sales_lines(&SalesLineQuery {
            order: Some(pk),
            page: page_request(line_page),
            ..Default::default()
        })?;
        let shipments = store.query_shipments(&ShipmentQuery {
            order: Some(pk),
            ..Default::default()
        })?;
        let allocations = store.query_sales_allocations(&AllocationQuery {
            order: Some(pk),
            page: page_request(allocation_page),
            ..Default::default()
        })?;
        let mut parts: Vec<i64> = lines
            .items
            .iter()
            .filter(|l| l.allocated + l.line.shipped < l.line.quantity)
            .filter_map(|l| l.line.part_id)
            .collect();
        parts.sort_unstable();
        parts.dedup();
        let stock = stock_choices(store, &parts)?;
        let mut names = Vec::new();
        for id in lines.items.iter().filter_map(|l| l.line.part_id) {
            if !names.iter().any(|(p, _)| *p == id) {
                names.push((id, store.part(id)?.full_name()));
            }
        }
        Ok((
            row,
            (lines, page_of_lines),
            shipments,
            allocations,
            (stock, names),
        ))
    })
    .await
    .map_err(|e| WebError::from_api(viewer, "SalesOrder", e))?;
    let (stock, names) = stock;
    let name_of = |part: Option<i64>| {
        part.and_then(|p| names.iter().find(|(id, _)| *id == p))
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    };
    let order = &row.order;
    let here = format!("{LIST}{pk}");
    let mut details = vec![info(
        "Status",
        Cell::text(SALES_ORDER_STATUS.label(order.status)),
    )];
    if let Some(c) = &row.customer {
        details.push(info(
            "Customer",
            Cell::link(&c.name, format!("/web/company/{}", c.id)),
        ));
    }
    for (label, value) in [
        ("Customer reference", order.customer_reference.clone()),
        ("Description", order.description.clone()),
        ("Created", date_text(order.creation_date)),
        ("Issued", date_text(order.issue_date)),
        ("Target date", date_text(order.target_date)),
        ("Shipped", date_text(order.shipment_date)),
    ] {
        if !value.is_empty() {
            details.push(info(label, Cell::text(value)));
        }
    }
    details.push(info(
        "Shipments sent",
        Cell::text(format!("{} of {}", row.completed_shipments, row.shipments)),
    ));
    let mut line_table = Table::new(
        "lines",
        "Line items",
        &[
            "Line",
            "Part",
            "#Ordered",
            "#Allocated",
            "#Shipped",
            "#Available",
        ],
    );
    line_table.empty = "This order has no lines.";
    let keep = |skip: &str| -> Vec<(&'static str, String)> {
        [
            ("lines", line_page),
            ("shipments", shipment_page),
            ("allocations", allocation_page),
        ]
        .into_iter()
        .filter(|(name, _)| *name != skip)
        .map(|(name, page)| (name, page.to_string()))
        .collect()
    };
    line_table.pager = Some(pager(
        &here,
        &keep("lines"),
        "lines",
        line_page,
        page_of_lines.count,
    ));
    let mut open_lines = Vec::new();
    for l in &lines.items {
        if l.allocated + l.line.shipped < l.line.quantity {
            let left = quantity_text(l.line.quantity - l.allocated - l.line.shipped);
            open_lines.push((
                l.line.id.to_string(),
                format!(
                    "Line {} · {} ({left} to allocate)",
                    l.line.id,
                    name_of(l.line.part_id)
                ),
            ));
        }
    }
    for l in &page_of_lines.items {
        let part = l.line.part_id;
        line_table.rows.push(vec![
            Cell::text(l.line.id.to_string()),
            match part {
                Some(p) => Cell::link(name_of(part), format!("/web/part/{p}")),
                None => Cell::text(""),
            },
            Cell::num(quantity_text(l.line.quantity)),
            Cell::num(quantity_text(l.allocated)),
            Cell::num(quantity_text(l.line.shipped)),
            Cell::num(quantity_text(l.available_stock)),
        ]);
    }
    let mut shipment_table = Table::new(
        "shipments",
        "Shipments",
        &[
            "Reference",
            "Shipped",
            "#Items",
            "Tracking number",
            "Invoice",
        ],
    );
    shipment_table.empty = "No shipments yet.";
    let open_shipments: Vec<(String, String)> = shipments
        .items
        .iter()
        .filter(|s| s.shipment.shipment_date.is_none())
        .map(|s| (s.shipment.id.to_string(), s.shipment.reference.clone()))
        .collect();
    shipment_table.pager = Some(pager(
        &here,
        &keep("shipments"),
        "shipments",
        shipment_page,
        shipments.count,
    ));
    let first = usize::try_from((shipment_page - 1) * super::page::PAGE_SIZE).unwrap_or(0);
    let size = usize::try_from(super::page::PAGE_SIZE).unwrap_or(50);
    for s in shipments.items.iter().skip(first).take(size) {
        let sh = &s.shipment;
        shipment_table.rows.push(vec![
            Cell::text(&sh.reference),
            Cell::text(date_text(sh.shipment_date)),
            Cell::num(s.allocated_items.to_string()),
            Cell::text(&sh.tracking_number),
            Cell::text(&sh.invoice_number),
        ]);
    }
    let mut allocation_table = Table::new(
        "allocations",
        "Allocated stock",
        &["Line", "Stock item", "#Quantity", "Shipment"],
    );
    allocation_table.empty = "No stock allocated.";
    allocation_table.pager = Some(pager(
        &here,
        &keep("allocations"),
        "allocations",
        allocation_page,
        allocations.count,
    ));
    for a in &allocations.items {
        let shipment = a
            .allocation
            .shipment_id
            .and_then(|id| shipments.items.iter().find(|s| s.shipment.id == id))
            .map(|s| s.shipment.reference.clone())
            .unwrap_or_default();
        let item = match &a.serial {
            Some(serial) => format!("Item {} · #{serial}", a.allocation.item_id),
            None => format!("Item {}", a.allocation.item_id),
        };
        allocation_table.rows.push(vec![
            Cell::text(a.allocation.line_id.to_string()),
            Cell::link(item, format!("/web/stock/item/{}", a.allocation.item_id)),
            Cell::num(quantity_text(a.allocation.quantity)),
            Cell::text(shipment),
        ]);
    }
    let mut forms = Vec::new();
    if viewer.auth.can(RuleSet::SalesOrder, Perm::Change) {
        let status = order.status;
        if status == so_status::PENDING || status == so_status::ON_HOLD {
            forms.push(Form::new(
                "issue",
                format!("{here}/issue"),
                "Issue order",
                "Issue order",
            ));
        }
        let open = [
            so_status::PENDING,
            so_status::IN_PROGRESS,
            so_status::ON_HOLD,
        ]
        .contains(&status);
        if open {
            forms.push(
                Form::new(
                    "allocate",
                    format!("{here}/allocate"),
                    "Allocate stock",
                    "Allocate",
                )
                .select("line_item", "Line", "Choose a line", open_lines)
                .required()
                .select("stock_item", "Stock item", "Choose a stock item", stock)
                .required()
                .text("quantity", "Quantity")
                .required()
                .select(
                    "shipment",
                    "Shipment",
                    "No shipment yet",
                    open_shipments.clone(),
                ),
            );
            forms.push(
                Form::new(
                    "shipment",
                    format!("{here}/shipment"),
                    "New shipment",
                    "Add shipment",
                )
                .text("reference", "Reference")
                .required()
                .value(format!("{}", shipments.count + 1)),
            );
            forms.push(
                Form::new("ship", format!("{here}/ship"), "Ship a shipment", "Ship")
                    .select("shipment", "Shipment", "Choose a shipment", open_shipments)
                    .required()
                    .date("shipment_date", "Shipment date")
                    .text("tracking_number", "Tracking number")
                    .text("invoice_number", "Invoice number"),
            );
        }
    }
    apply_typed(&mut forms, typed);
    Ok(ObjectPage {
        layout: Layout::new(Some(viewer), order.reference.clone(), Section::Sales),
        crumbs: vec![("Sales orders".into(), LIST.into())],
        heading: order.reference.clone(),
        flash: flash(params, &FLASHES),
        details,
        tables: vec![line_table, shipment_table, allocation_table],
        forms,
    }
    .respond())
}

/// GET `/web/sales/sales-order/{pk}`.
#[tracing::instrument(skip_all)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "SalesOrder")?;
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    order_page(&state, &viewer, pk, &params, None).await
}
