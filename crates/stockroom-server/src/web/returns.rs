//! Return orders: the list, and an order's page with its lines and the forms that issue the
//! order and receive a returned line into stock.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use stockroom_core::status::{RETURN_ORDER_LINE_STATUS, RETURN_ORDER_STATUS, ro_status};
use stockroom_store::orders::{ReceiveLine, ReturnLineQuery, ReturnOrderQuery, ReturnTransition};

use super::fields::{Reader, status_choices};
use super::forms::{FormData, accept};
use super::page::{Layout, Section, WebError, page_number, pk, see_other};
use super::session::Viewer;
use super::stock::location_choices;
use super::view::{
    Cell, Form, ListPage, ObjectPage, Table, Typed, apply_typed, choices, date_text, filter, flash,
    info, outcome, page_request, pager, quantity_text,
};
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::run;

const LIST: &str = "/web/sales/return-order/";

/// GET `/web/sales/return-order/`.
#[tracing::instrument(skip_all)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::ReturnOrder, Perm::View) {
        return Err(WebError::forbidden(&viewer));
    }
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let search = params.text("search");
    let status = params.text("status");
    let page = page_number(params.get("page"));
    let q = ReturnOrderQuery {
        search: (!search.is_empty()).then(|| search.clone()),
        status: status.parse().ok(),
        page: page_request(page),
        ..Default::default()
    };
    let listed = run(&state, move |store| Ok(store.query_return_orders(&q)?))
        .await
        .map_err(|e| WebError::from_api(&viewer, "ReturnOrder", e))?;
    let mut table = Table::new(
        "return-orders",
        "Return orders",
        &["Reference", "Customer", "Description", "Status", "#Lines"],
    );
    table.empty = "No return orders found.";
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
                Cell::text(RETURN_ORDER_STATUS.label(row.order.status)),
                Cell::num(format!("{} / {}", row.completed_lines, row.line_items)),
            ]
        })
        .collect();
    let keep = [("search", search.clone()), ("status", status.clone())];
    table.pager = Some(pager(LIST, &keep, "page", page, listed.count));
    Ok(ListPage {
        layout: Layout::new(Some(&viewer), "Return orders", Section::Sales),
        heading: "Return orders".into(),
        flash: String::new(),
        action: LIST.into(),
        search,
        filters: vec![filter(
            "status",
            "Status",
            "Any status",
            status_choices(RETURN_ORDER_STATUS),
            status,
        )],
        table,
        forms: Vec::new(),
    }
    .respond())
}

const FLASHES: [(&str, &str); 2] = [("issued", "Order issued."), ("received", "Line received.")];

async fn order_page(
    state: &AppState,
    viewer: &Viewer,
    pk: i64,
    params: &FormData,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::ReturnOrder, Perm::View) {
        return Err(WebError::forbidden(viewer));
    }
    let line_page = page_number(params.get("lines"));
    let (row, (lines, open), locations) = run(state, move |store| {
        let row = store.return_order_row(pk)?;
        let lines = store.query_return_lines(&ReturnLineQuery {
            order: Some(pk),
            page: page_request(line_page),
            ..Default::default()
        })?;
        let open = store.query_return_lines(&ReturnLineQuery {
            order: Some(pk),
            received: Some(false),
            ..Default::default()
        })?;
        Ok((row, (lines, open), location_choices(store, true)?))
    })
    .await
    .map_err(|e| WebError::from_api(viewer, "ReturnOrder", e))?;
    let order = &row.order;
    let here = format!("{LIST}{pk}");
    let mut details = vec![info(
        "Status",
        Cell::text(RETURN_ORDER_STATUS.label(order.status)),
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
        ("Completed", date_text(order.complete_date)),
    ] {
        if !value.is_empty() {
            details.push(info(label, Cell::text(value)));
        }
    }
    let mut table = Table::new(
        "lines",
        "Line items",
        &[
            "Line",
            "Part",
            "Stock item",
            "#Quantity",
            "Outcome",
            "Received",
        ],
    );
    table.empty = "This order has no lines.";
    table.pager = Some(pager(&here, &[], "lines", line_page, lines.count));
    let item_text = |item: &stockroom_store::stock::StockItem| match &item.serial {
        Some(serial) => format!("Item {} · #{serial}", item.id),
        None => format!("Item {}", item.id),
    };
    let open_lines: Vec<(String, String)> = open
        .items
        .iter()
        .map(|l| {
            let text = format!(
                "Line {} · {} · {}",
                l.line.id,
                l.part.full_name(),
                item_text(&l.item)
            );
            (l.line.id.to_string(), text)
        })
        .collect();
    for l in &lines.items {
        let item = item_text(&l.item);
        table.rows.push(vec![
            Cell::text(l.line.id.to_string()),
            Cell::link(l.part.full_name(), format!("/web/part/{}", l.part.id)),
            Cell::link(item, format!("/web/stock/item/{}", l.item.id)),
            Cell::num(quantity_text(l.line.quantity)),
            Cell::text(RETURN_ORDER_LINE_STATUS.label(l.line.outcome)),
            Cell::text(date_text(l.line.received_date)),
        ]);
    }
    let mut forms = Vec::new();
    if viewer.auth.can(RuleSet::ReturnOrder, Perm::Change) {
        if order.status == ro_status::PENDING || order.status == ro_status::ON_HOLD {
            forms.push(Form::new(
                "issue",
                format!("{here}/issue"),
                "Issue order",
                "Issue order",
            ));
        }
        if order.status == ro_status::IN_PROGRESS {
            forms.push(
                Form::new(
                    "receive",
                    format!("{here}/receive"),
                    "Receive a line",
                    "Receive",
                )
                .select("line_item", "Line", "Choose a line", open_lines)
                .required()
                .select(
                    "location",
                    "Location",
                    "Choose a location",
                    choices(locations),
                )
                .required()
                .text("note", "Note"),
            );
        }
    }
    apply_typed(&mut forms, typed);
    Ok(ObjectPage {
        layout: Layout::new(Some(viewer), order.reference.clone(), Section::Sales),
        crumbs: vec![("Return orders".into(), LIST.into())],
        heading: order.reference.clone(),
        flash: flash(params, &FLASHES),
        details,
        tables: vec![table],
        forms,
    }
    .respond())
}

/// GET `/web/sales/return-order/{pk}`.
#[tracing::instrument(skip_all)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "ReturnOrder")?;
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    order_page(&state, &viewer, pk, &params, None).await
}

async fn act(
    state: AppState,
    viewer: Viewer,
    id: String,
    body: Bytes,
    form: &'static str,
) -> Result<Response, WebError> {
    let (pk, data) = match accept(&viewer, &id, &body, "ReturnOrder", RuleSet::ReturnOrder)? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let mut reader = Reader::new(&data);
    let receive = (form == "receive").then(|| {
        let line = reader.required_link("line_item", "returnorderlineitem");
        let location = reader.required_link("location", "stocklocation");
        (
            line.unwrap_or_default(),
            location.unwrap_or_default(),
            reader.text("note"),
        )
    });
    let mut errors = reader.errors.clone();
    if errors.is_empty() {
        let mut links = reader.links();
        let user = viewer.auth.user.id;
        let done = run(&state, move |store| {
            if !links.check(store)? {
                return Ok(Err(links.errors));
            }
            match receive {
                None => outcome(
                    store
                        .transition_return_order(pk, ReturnTransition::Issue)
                        .map(|_| ()),
                ),
                Some((line, location, note)) => {
                    let lines = [ReceiveLine { line, status: None }];
                    outcome(store.receive_return_lines(pk, &lines, location, &note, Some(user)))
                }
            }
        })
        .await
        .map_err(|e| WebError::from_api(&viewer, "ReturnOrder", e))?;
        match done {
            Ok(()) => {
                let flash = if form == "issue" {
                    "issued"
                } else {
                    "received"
                };
                return Ok(see_other(&format!("{LIST}{pk}?done={flash}")));
            }
            Err(found) => errors = found,
        }
    }
    let typed = Typed { form, data, errors };
    order_page(&state, &viewer, pk, &FormData::default(), Some(&typed)).await
}

/// POST `/web/sales/return-order/{pk}/issue`.
pub(crate) async fn issue(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    act(state, viewer, id, body, "issue").await
}

/// POST `/web/sales/return-order/{pk}/receive`.
pub(crate) async fn receive(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    act(state, viewer, id, body, "receive").await
}
