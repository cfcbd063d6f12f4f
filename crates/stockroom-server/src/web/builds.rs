//! Build orders: the list, and a build's page with its required parts, allocations and
//! outputs, and the forms that issue the build, create outputs and complete an output.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use stockroom_core::status::{BUILD_STATUS, build_status};
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::BuildQuery;
use stockroom_store::stock::StockQuery;

use super::fields::status_choices;
use super::forms::FormData;
use super::page::{Layout, Section, WebError, page_number, pk};
use super::session::Viewer;
use super::stock::{StockLine, location_choices};
use super::view::{
    Cell, Form, ListPage, ObjectPage, Table, Typed, apply_typed, choices, date_text, filter, flash,
    info, page_request, pager, quantity_text,
};
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::run;

mod actions;

pub(crate) use actions::{complete_output, create_output, issue};

const LIST: &str = "/web/manufacturing/build-order/";

/// GET `/web/manufacturing/build-order/`.
#[tracing::instrument(skip_all)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::Build, Perm::View) {
        return Err(WebError::forbidden(&viewer));
    }
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let search = params.text("search");
    let status = params.text("status");
    let page = page_number(params.get("page"));
    let q = BuildQuery {
        search: (!search.is_empty()).then(|| search.clone()),
        status: status.parse().ok(),
        page: page_request(page),
        ..Default::default()
    };
    let listed = run(&state, move |store| Ok(store.query_builds(&q)?))
        .await
        .map_err(|e| WebError::from_api(&viewer, "Build", e))?;
    let mut table = Table::new(
        "build-orders",
        "Build orders",
        &[
            "Reference",
            "Part",
            "Title",
            "Status",
            "#Completed",
            "Target date",
        ],
    );
    table.empty = "No build orders found.";
    table.rows = listed
        .items
        .iter()
        .map(|row| {
            let b = &row.build;
            vec![
                Cell::link(&b.reference, format!("{LIST}{}", b.id)),
                Cell::link(row.part.full_name(), format!("/web/part/{}", row.part.id)),
                Cell::text(&b.title),
                Cell::text(BUILD_STATUS.label(b.status)),
                Cell::num(format!(
                    "{} / {}",
                    quantity_text(b.completed),
                    quantity_text(b.quantity)
                )),
                Cell::text(date_text(b.target_date)),
            ]
        })
        .collect();
    let keep = [("search", search.clone()), ("status", status.clone())];
    table.pager = Some(pager(LIST, &keep, "page", page, listed.count));
    Ok(ListPage {
        layout: Layout::new(Some(&viewer), "Build orders", Section::Manufacturing),
        heading: "Build orders".into(),
        flash: String::new(),
        action: LIST.into(),
        search,
        filters: vec![filter(
            "status",
            "Status",
            "Any status",
            status_choices(BUILD_STATUS),
            status,
        )],
        table,
        forms: Vec::new(),
    }
    .respond())
}

const FLASHES: [(&str, &str); 3] = [
    ("issued", "Build issued."),
    ("output", "Build output created."),
    ("completed", "Build output completed."),
];

async fn build_page(
    state: &AppState,
    viewer: &Viewer,
    pk: i64,
    flash_text: String,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::Build, Perm::View) {
        return Err(WebError::forbidden(viewer));
    }
    let (row, lines, outputs, locations) = run(state, move |store| {
        let row = store.build_row(pk)?;
        let lines = store.query_build_lines(Some(pk), None)?;
        let outputs = store.query_stock(&StockQuery {
            build: Some(Some(pk)),
            is_building: Some(true),
            page: PageRequest {
                limit: Some(500),
                offset: 0,
            },
            ..Default::default()
        })?;
        Ok((row, lines, outputs, location_choices(store, true)?))
    })
    .await
    .map_err(|e| WebError::from_api(viewer, "Build", e))?;
    let b = &row.build;
    let here = format!("{LIST}{pk}");
    let mut details = vec![
        info(
            "Part",
            Cell::link(row.part.full_name(), format!("/web/part/{}", row.part.id)),
        ),
        info("Status", Cell::text(BUILD_STATUS.label(b.status))),
        info("Quantity", Cell::text(quantity_text(b.quantity))),
        info("Completed", Cell::text(quantity_text(b.completed))),
    ];
    for (label, value) in [
        ("Title", b.title.clone()),
        ("Batch code", b.batch.clone().unwrap_or_default()),
        ("Created", date_text(b.creation_date)),
        ("Target date", date_text(b.target_date)),
        ("Completed on", date_text(b.completion_date)),
    ] {
        if !value.is_empty() {
            details.push(info(label, Cell::text(value)));
        }
    }
    if let Some(order) = b.sales_order_id {
        details.push(info(
            "Sales order",
            Cell::link(
                format!("Sales order {order}"),
                format!("/web/sales/sales-order/{order}"),
            ),
        ));
    }
    let mut line_table = Table::new(
        "lines",
        "Required parts",
        &["Part", "#Required", "#Allocated", "#Consumed"],
    );
    line_table.empty = "This build needs no parts.";
    let mut allocation_table = Table::new(
        "allocations",
        "Allocated stock",
        &["Part", "Stock item", "#Quantity", "Output"],
    );
    allocation_table.empty = "No stock allocated.";
    for l in &lines {
        let part = &l.state.sub_part;
        line_table.rows.push(vec![
            Cell::link(part.full_name(), format!("/web/part/{}", part.id)),
            Cell::num(quantity_text(l.state.line.quantity)),
            Cell::num(quantity_text(l.state.allocated)),
            Cell::num(quantity_text(l.state.line.consumed)),
        ]);
        for a in &l.allocations {
            let output = a
                .allocation
                .install_into_id
                .map(|o| Cell::link(format!("Item {o}"), format!("/web/stock/item/{o}")))
                .unwrap_or_default();
            allocation_table.rows.push(vec![
                Cell::link(a.part.full_name(), format!("/web/part/{}", a.part.id)),
                Cell::link(
                    format!("Item {}", a.stock.id),
                    format!("/web/stock/item/{}", a.stock.id),
                ),
                Cell::num(quantity_text(a.allocation.quantity)),
                output,
            ]);
        }
    }
    let mut output_table = Table::new(
        "outputs",
        "Outputs in production",
        &["Stock item", "#Quantity", "Batch code", "Location"],
    );
    output_table.empty = "No outputs in production.";
    let mut open_outputs = Vec::new();
    for item in &outputs.items {
        let line = StockLine::of(item);
        open_outputs.push((
            line.pk.to_string(),
            format!("Item {} · {}", line.pk, line.quantity),
        ));
        output_table.rows.push(vec![
            Cell::link(
                format!("Item {} · {}", line.pk, line.quantity),
                format!("/web/stock/item/{}", line.pk),
            ),
            Cell::num(line.quantity.clone()),
            Cell::text(line.batch.clone()),
            Cell::text(line.location.map(|(_, p)| p).unwrap_or_default()),
        ]);
    }
    let mut forms = Vec::new();
    let active = [
        build_status::PENDING,
        build_status::PRODUCTION,
        build_status::ON_HOLD,
    ]
    .contains(&b.status);
    if (b.status == build_status::PENDING || b.status == build_status::ON_HOLD)
        && viewer.auth.can(RuleSet::Build, Perm::Change)
    {
        forms.push(Form::new(
            "issue",
            format!("{here}/issue"),
            "Issue build",
            "Issue build",
        ));
    }

    if active && viewer.auth.can(RuleSet::Build, Perm::Add) {
        let remaining = (b.quantity - b.completed).max(0);
        forms.push(
            Form::new(
                "output",
                format!("{here}/output"),
                "Create output",
                "Create output",
            )
            .text("quantity", "Quantity")
            .required()
            .value(quantity_text(remaining))
            .text("serial_numbers", "Serial numbers")
            .hint("For example 1-5, or ~ for the next free serial; blank for none.")
            .text("batch_code", "Batch code")
            .select(
                "location",
                "Location",
                "Build's destination",
                choices(locations.clone()),
            ),
        );
    }
    if active && viewer.auth.can(RuleSet::Build, Perm::Change) {
        forms.push(
            Form::new(
                "complete",
                format!("{here}/complete"),
                "Complete output",
                "Complete output",
            )
            .select("output", "Output", "Choose an output", open_outputs)
            .required()
            .select(
                "location",
                "Location",
                "Choose a location",
                choices(locations),
            )
            .required()
            .text("notes", "Notes")
            .checkbox(
                "accept_incomplete_allocation",
                "Accept incomplete allocation",
            ),
        );
    }
    apply_typed(&mut forms, typed);
    Ok(ObjectPage {
        layout: Layout::new(Some(viewer), b.reference.clone(), Section::Manufacturing),
        crumbs: vec![("Build orders".into(), LIST.into())],
        heading: b.reference.clone(),
        flash: flash_text,
        details,
        tables: vec![output_table, line_table, allocation_table],
        forms,
    }
    .respond())
}

/// GET `/web/manufacturing/build-order/{pk}`.
#[tracing::instrument(skip_all)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "Build")?;
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    build_page(&state, &viewer, pk, flash(&params, &FLASHES), None).await
}
