//! Return orders: `/api/order/ro/` and `/api/order/ro/<pk>/` (InvenTree's
//! `ReturnOrderSerializer`).

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_core::status::{RETURN_ORDER_STATUS, ro_status};
use stockroom_store::Store;
use stockroom_store::orders::{
    NewReturnOrder, ReturnOrderChanges, ReturnOrderOrder, ReturnOrderQuery, ReturnOrderRow,
};

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, field_error};
use crate::api::fields::{Choice, ChoiceValue, Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};

const STATUS_CHOICES: &[Choice] = &[
    Choice {
        value: ChoiceValue::Int(ro_status::PENDING as i64),
        display: "Pending",
    },
    Choice {
        value: ChoiceValue::Int(ro_status::IN_PROGRESS as i64),
        display: "In Progress",
    },
    Choice {
        value: ChoiceValue::Int(ro_status::ON_HOLD as i64),
        display: "On Hold",
    },
    Choice {
        value: ChoiceValue::Int(ro_status::COMPLETE as i64),
        display: "Complete",
    },
    Choice {
        value: ChoiceValue::Int(ro_status::CANCELLED as i64),
        display: "Cancelled",
    },
];

const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("reference", Kind::String, "Reference")
        .required()
        .max_length(64)
        .help("Return Order reference"),
    Field::link("customer", "Customer", "company", "/api/company/")
        .filters(&[("is_customer", true)])
        .help("Company from which items are being returned"),
    Field::text("customer_reference", "Customer Reference ", 64)
        .help("Customer order reference code"),
    Field::text("description", "Description", 250).help("Order description (optional)"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external page"),
    Field::shown("creation_date", Kind::Date, "Creation Date"),
    Field::shown("issue_date", Kind::Date, "Issue Date"),
    Field::new("start_date", Kind::Date, "Start date")
        .nullable()
        .help("Scheduled start date for this order"),
    Field::new("target_date", Kind::Date, "Target Date")
        .nullable()
        .help("Expected date for order delivery. Order will be overdue after this date."),
    Field::shown("complete_date", Kind::Date, "Completion Date"),
    Field::shown("status", Kind::Choice(STATUS_CHOICES), "Order Status"),
    Field::shown("status_text", Kind::String, "Status text"),
    Field::shown("line_items", Kind::Integer, "Line Items"),
    Field::shown("completed_lines", Kind::Integer, "Completed Lines"),
    Field::shown("overdue", Kind::Boolean, "Overdue"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
    Field::text("order_currency", "Order Currency", 3)
        .nullable()
        .help("Currency for this order (leave blank to use company default)"),
    Field::text("notes", "Notes", 50000).help("Markdown notes (optional)"),
];

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Return Order List",
    model: "returnorder",
    rule: RuleSet::ReturnOrder,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Return Order Detail",
    detail: true,
    ..LIST
};

fn date(d: Option<chrono::NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| json!(d.to_string()))
}

/// The users who created the orders, as InvenTree's `UserSerializer` shows them.
fn creators(store: &Store, rows: &[ReturnOrderRow]) -> Result<HashMap<i64, Value>, ApiError> {
    let mut out = HashMap::new();
    for id in rows.iter().filter_map(|r| r.order.created_by_id) {
        if out.contains_key(&id) {
            continue;
        }
        if let Ok(user) = store.user(id) {
            out.insert(
                id,
                json!({
                    "pk": user.id,
                    "username": user.username,
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "email": user.email,
                }),
            );
        }
    }
    Ok(out)
}

/// A return order as the API shows it. Project codes, contacts, addresses and responsible
/// owners are not kept, so those fields are null.
fn body(
    row: &ReturnOrderRow,
    users: &HashMap<i64, Value>,
    with_customer: bool,
    with_notes: bool,
) -> Value {
    let o = &row.order;
    let mut out = json!({
        "pk": o.id,
        "created_by": o.created_by_id.and_then(|id| users.get(&id)).cloned(),
        "creation_date": date(o.creation_date),
        "issue_date": date(o.issue_date),
        "start_date": date(o.start_date),
        "target_date": date(o.target_date),
        "complete_date": date(o.complete_date),
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
        "status": o.status,
        "status_text": RETURN_ORDER_STATUS.label(o.status),
        "status_custom_key": o.status,
        "barcode_hash": row.barcode_hash,
        "overdue": row.overdue,
        "customer": o.customer_id,
        "customer_reference": o.customer_reference,
        "order_currency": if o.currency.is_empty() { Value::Null } else { json!(o.currency) },
        "total_price": null,
    });
    if with_customer {
        out["customer_detail"] = row
            .customer
            .as_ref()
            .map_or(Value::Null, crate::api::companies::company_brief);
    }
    if with_notes {
        out["notes"] = json!(o.notes);
    }
    out
}

/// One return order's detail body (blocking: call from a store task).
pub(super) fn detail_body(store: &Store, pk: i64, with_customer: bool) -> Result<Value, ApiError> {
    let row = store.return_order_row(pk)?;
    let users = creators(store, std::slice::from_ref(&row))?;
    Ok(body(&row, &users, with_customer, true))
}

/// A return order's detail body, as a barcode scan shows it (blocking).
pub(crate) fn instance(store: &Store, pk: i64) -> Result<Value, ApiError> {
    detail_body(store, pk, true)
}

pub(super) async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

pub(super) async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

fn ordering(params: &Params) -> Vec<(ReturnOrderOrder, bool)> {
    params
        .ordering()
        .into_iter()
        .filter_map(|(key, desc)| {
            let key = match key.as_str() {
                "reference" => ReturnOrderOrder::Reference,
                "customer__name" | "customer" => ReturnOrderOrder::Customer,
                "customer_reference" => ReturnOrderOrder::CustomerReference,
                "creation_date" => ReturnOrderOrder::CreationDate,
                "start_date" => ReturnOrderOrder::StartDate,
                "target_date" => ReturnOrderOrder::TargetDate,
                "complete_date" => ReturnOrderOrder::CompleteDate,
                "line_items" => ReturnOrderOrder::LineItems,
                "status" => ReturnOrderOrder::Status,
                "pk" | "id" => ReturnOrderOrder::Id,
                _ => return None,
            };
            Some((key, desc))
        })
        .collect()
}

pub(super) async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::View)?;
    let page = Page::from_params(&params)?;
    let with_customer = params.flag("customer_detail", false);
    let query = ReturnOrderQuery {
        status: params
            .int("status")
            .map(|s| i32::try_from(s).unwrap_or(i32::MIN)),
        outstanding: params.bool("outstanding"),
        overdue: params.bool("overdue"),
        customer: params.link("customer"),
        reference: params.text("reference").map(str::to_owned),
        search: params.search(),
        ordering: ordering(&params),
        page: stockroom_store::listing::PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let (count, results) = run(&state, move |store| {
        let listed = store.query_return_orders(&query)?;
        let users = creators(store, &listed.items)?;
        let results: Vec<Value> = listed
            .items
            .iter()
            .map(|r| body(r, &users, with_customer, false))
            .collect();
        Ok((listed.count, results))
    })
    .await?;
    Ok(list::respond(page, count, results, &url))
}

pub(super) async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::View)?;
    let with_customer = params.flag("customer_detail", false);
    params.finish()?;
    let body = run(&state, move |store| detail_body(store, pk, with_customer)).await?;
    Ok(Json(body))
}

/// The order currency: blank (or null) for the customer's, else a three-letter code.
fn currency(input: &Input) -> Result<Option<String>, ApiError> {
    match input.nullable_text("order_currency") {
        None => Ok(None),
        Some(None) => Ok(Some(String::new())),
        Some(Some(code)) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            Ok(Some(code))
        }
        Some(Some(code)) => Err(field_error(
            "order_currency",
            format!("\"{code}\" is not a valid choice."),
        )),
    }
}

pub(super) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let text = |name: &str| input.text(name).unwrap_or_default();
    let new = NewReturnOrder {
        reference: text("reference"),
        reference_int: 0,
        description: text("description"),
        customer_id: input.nullable_int("customer").flatten(),
        customer_reference: text("customer_reference"),
        status: ro_status::PENDING,
        currency: currency(&input)?.unwrap_or_default(),
        link: text("link"),
        notes: text("notes"),
        creation_date: None,
        start_date: input.nullable_date("start_date").flatten(),
        target_date: input.nullable_date("target_date").flatten(),
        created_by_id: Some(auth.user.id),
    };
    let body = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.add_return_order(&new)?;
        detail_body(store, created.id, false)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(super) async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = ReturnOrderChanges {
        reference: input.text("reference"),
        reference_int: None,
        description: input.text("description"),
        customer_id: input.nullable_int("customer"),
        customer_reference: input.text("customer_reference"),
        status: None,
        currency: currency(&input)?,
        link: input.text("link"),
        notes: input.text("notes"),
        issue_date: None,
        start_date: input.nullable_date("start_date"),
        target_date: input.nullable_date("target_date"),
        complete_date: None,
    };
    let body = run(&state, move |store| {
        store.return_order(pk)?;
        check_links(store, &input, FIELDS)?;
        store.change_return_order(pk, &changes)?;
        detail_body(store, pk, false)
    })
    .await?;
    Ok(Json(body))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_return_order(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
