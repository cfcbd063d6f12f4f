//! `/api/order/po/` and `/api/order/po/<pk>/`: list, read, create, edit and delete orders.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{Value, json};
use stockroom_core::status::PURCHASE_ORDER_STATUS;
use stockroom_store::Store;
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::{
    NewPurchaseOrder, PoOrder, PoQuery, PurchaseOrderChanges, PurchaseOrderRow,
};

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::ApiError;
use crate::api::fields::{Field, Input, Kind, options_body};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::Endpoint;
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};

const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("reference", Kind::String, "Reference")
        .required()
        .max_length(64)
        .help("Order reference"),
    Field::link("supplier", "Supplier", "company", "/api/company/")
        .required()
        .filters(&[("is_supplier", true)])
        .help("Company from which the items are being ordered"),
    Field::shown("supplier_name", Kind::String, "Supplier Name"),
    Field::text("supplier_reference", "Supplier Reference", 64)
        .help("Supplier order reference code"),
    Field::text("description", "Description", 250).help("Order description (optional)"),
    Field::shown("status", Kind::Integer, "Order Status"),
    Field::shown("status_text", Kind::String, "Status"),
    Field::link(
        "destination",
        "Destination",
        "stocklocation",
        "/api/stock/location/",
    )
    .help("Destination for received items"),
    Field::shown("creation_date", Kind::Date, "Creation Date"),
    Field::shown("issue_date", Kind::Date, "Issue Date"),
    Field::new("start_date", Kind::Date, "Start date")
        .nullable()
        .help("Scheduled start date for this order"),
    Field::new("target_date", Kind::Date, "Target Date")
        .nullable()
        .help("Expected date for order delivery. Order will be overdue after this date."),
    Field::shown("complete_date", Kind::Date, "Completion Date"),
    Field::new("order_currency", Kind::String, "Order Currency")
        .nullable()
        .blank()
        .max_length(3)
        .help("Currency for this order (leave blank to use company default)"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external page"),
    Field::text("notes", "Notes", 50000)
        .nullable()
        .help("Markdown notes (optional)"),
    Field::shown("line_items", Kind::Integer, "Line Items"),
    Field::shown("completed_lines", Kind::Integer, "Completed Lines"),
    Field::shown("overdue", Kind::Boolean, "Overdue"),
    Field::shown("total_price", Kind::Float, "Total Price"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
];

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Purchase Order List",
    model: "purchaseorder",
    rule: RuleSet::PurchaseOrder,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Purchase Order Detail",
    detail: true,
    ..LIST
};

pub(crate) fn routes() -> Router<AppState> {
    use axum::routing::get;
    Router::new()
        .route(
            "/api/order/po/",
            get(list).post(create).options(list_options),
        )
        .route(
            "/api/order/po/{pk}/",
            get(detail)
                .put(change)
                .patch(change)
                .delete(remove)
                .options(detail_options),
        )
}

fn company_brief(c: &stockroom_store::companies::Company) -> Value {
    json!({
        "pk": c.id,
        "name": c.name,
        "description": c.description,
        "image": null,
        "thumbnail": null,
        "active": c.active,
        "currency": c.currency,
        "tax_id": c.tax_id,
    })
}

/// An order as the API shows it (InvenTree's `PurchaseOrderSerializer`).
pub(crate) fn body(row: &PurchaseOrderRow, supplier_detail: bool) -> Value {
    let o = &row.order;
    let mut out = json!({
        "pk": o.id,
        "created_by": row.created_by.as_ref().map(|u| json!({
            "pk": u.id, "username": u.username, "first_name": u.first_name,
            "last_name": u.last_name, "email": u.email,
        })),
        "creation_date": o.creation_date,
        "issue_date": o.issue_date,
        "start_date": o.start_date,
        "target_date": o.target_date,
        "description": o.description,
        "line_items": row.line_items,
        "completed_lines": row.completed_lines,
        "link": o.link,
        "project_code": null,
        "project_code_label": null,
        "project_code_detail": null,
        "reference": o.reference,
        "responsible": null,
        "responsible_detail": null,
        "contact": null,
        "contact_detail": null,
        "address": null,
        "address_detail": null,
    });
    let rest = json!({
        "status": o.status,
        "status_text": PURCHASE_ORDER_STATUS.label(o.status),
        "status_custom_key": o.status,
        "notes": o.notes,
        "barcode_hash": row.barcode_hash,
        "overdue": row.overdue,
        "complete_date": o.complete_date,
        "supplier": o.supplier_id,
        "supplier_reference": o.supplier_reference,
        "supplier_name": row.supplier.as_ref().map(|s| s.name.clone()),
        "total_price": row.total_price,
        "order_currency": Some(o.currency.clone()).filter(|c| !c.is_empty()),
        "destination": o.destination_id,
    });
    if let (Value::Object(out), Value::Object(rest)) = (&mut out, rest) {
        out.extend(rest);
    }
    if supplier_detail {
        out["supplier_detail"] = row.supplier.as_ref().map_or(Value::Null, company_brief);
    }
    out
}

/// An order's detail body, as a barcode scan shows it (blocking: call from a store task).
pub(crate) fn instance(store: &Store, pk: i64) -> Result<Value, ApiError> {
    Ok(body(&store.purchase_order_row(pk)?, false))
}

/// `OPTIONS`, with the next free reference as the reference's default, as InvenTree offers.
async fn respond_options(
    state: AppState,
    endpoint: &'static Endpoint,
    auth: MaybeAuth,
) -> Response {
    let (write, view, delete) = match &auth.0 {
        None => (None, false, false),
        Some(a) => {
            let write = if endpoint.detail {
                a.can(endpoint.rule, Perm::Change).then_some("PUT")
            } else {
                a.can(endpoint.rule, Perm::Add).then_some("POST")
            };
            (
                write,
                a.can(endpoint.rule, Perm::View),
                endpoint.detail && a.can(endpoint.rule, Perm::Delete),
            )
        }
    };
    let mut out = options_body(
        endpoint.name,
        endpoint.model,
        endpoint.fields,
        write,
        view,
        delete,
    );
    if let Some(method) = write {
        let next = run(&state, |store| Ok(store.next_purchase_order_reference()?)).await;
        if let (Ok(next), Some(field)) = (next, out["actions"][method].get_mut("reference")) {
            field["default"] = json!(next);
        }
    }
    Json(out).into_response()
}

async fn list_options(State(state): State<AppState>, auth: MaybeAuth) -> Response {
    respond_options(state, &LIST, auth).await
}

async fn detail_options(State(state): State<AppState>, auth: MaybeAuth) -> Response {
    respond_options(state, &DETAIL, auth).await
}

fn ordering(params: &Params) -> Vec<(PoOrder, bool)> {
    params
        .ordering()
        .into_iter()
        .filter_map(|(key, desc)| {
            let key = match key.as_str() {
                "reference" => PoOrder::Reference,
                "creation_date" => PoOrder::CreationDate,
                "start_date" => PoOrder::StartDate,
                "target_date" => PoOrder::TargetDate,
                "complete_date" => PoOrder::CompleteDate,
                "supplier__name" => PoOrder::SupplierName,
                "status" => PoOrder::Status,
                "line_items" => PoOrder::LineItems,
                "pk" | "id" => PoOrder::Id,
                _ => return None,
            };
            Some((key, desc))
        })
        .collect()
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::View)?;
    let page = Page::from_params(&params)?;
    let supplier_detail = params.flag("supplier_detail", false);
    let query = PoQuery {
        status: params.int("status").and_then(|s| i32::try_from(s).ok()),
        outstanding: params.bool("outstanding"),
        overdue: params.bool("overdue"),
        supplier: params.link("supplier").flatten(),
        reference: params.text("reference").map(str::to_owned),
        search: params.search(),
        ordering: ordering(&params),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let listed = run(
        &state,
        move |store| Ok(store.query_purchase_orders(&query)?),
    )
    .await?;
    let results = listed
        .items
        .iter()
        .map(|r| body(r, supplier_detail))
        .collect();
    Ok(list::respond(page, listed.count, results, &url))
}

async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::View)?;
    let supplier_detail = params.flag("supplier_detail", false);
    params.finish()?;
    let row = run(&state, move |store| Ok(store.purchase_order_row(pk)?)).await?;
    Ok(Json(body(&row, supplier_detail)))
}

fn currency(input: &Input) -> Result<Option<String>, ApiError> {
    match input.nullable_text("order_currency") {
        None => Ok(None),
        Some(None) => Ok(Some(String::new())),
        Some(Some(code)) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            Ok(Some(code))
        }
        Some(Some(code)) => Err(crate::api::error::field_error(
            "order_currency",
            format!("\"{code}\" is not a valid choice."),
        )),
    }
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let new = NewPurchaseOrder {
        reference: input.text("reference").unwrap_or_default(),
        supplier_id: input.nullable_int("supplier").flatten(),
        supplier_reference: input.text("supplier_reference").unwrap_or_default(),
        description: input.text("description").unwrap_or_default(),
        destination_id: input.nullable_int("destination").flatten(),
        start_date: input.nullable_date("start_date").flatten(),
        target_date: input.nullable_date("target_date").flatten(),
        currency: currency(&input)?.unwrap_or_default(),
        link: input.text("link").unwrap_or_default(),
        notes: input.nullable_text("notes").flatten().unwrap_or_default(),
        created_by_id: Some(auth.user.id),
        ..NewPurchaseOrder::default()
    };
    let row = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.create_po(&new)?;
        Ok(store.purchase_order_row(created.id)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body(&row, false))).into_response())
}

async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = PurchaseOrderChanges {
        reference: input.text("reference"),
        supplier_id: input.nullable_int("supplier"),
        supplier_reference: input.text("supplier_reference"),
        description: input.text("description"),
        destination_id: input.nullable_int("destination"),
        start_date: input.nullable_date("start_date"),
        target_date: input.nullable_date("target_date"),
        currency: currency(&input)?,
        link: input.text("link"),
        notes: input.nullable_text("notes").map(Option::unwrap_or_default),
        ..PurchaseOrderChanges::default()
    };
    let row = run(&state, move |store| {
        store.purchase_order(pk)?;
        check_links(store, &input, FIELDS)?;
        store.update_po(pk, &changes)?;
        Ok(store.purchase_order_row(pk)?)
    })
    .await?;
    Ok(Json(body(&row, false)))
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_po(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
