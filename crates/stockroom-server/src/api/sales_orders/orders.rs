//! `/api/order/so/`: sales orders, and their status transitions.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_core::status::SALES_ORDER_STATUS;
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::{NewSalesOrder, SalesOrderChanges, SalesOrderOrder, SalesOrderQuery};

use super::body::{ORDER_FIELDS, order_body};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::ApiError;
use crate::api::fields::{Field, Input};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

pub(crate) const LIST: Endpoint = Endpoint {
    name: "Sales Order List",
    model: "salesorder",
    rule: RuleSet::SalesOrder,
    fields: ORDER_FIELDS,
    detail: false,
    writable: true,
};
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Sales Order Detail",
    detail: true,
    ..LIST
};

pub(crate) const COMPLETE_FIELDS: &[Field] =
    &[Field::flag("accept_incomplete", "Accept Incomplete", false)
        .help("Allow order to be closed with incomplete line items")];

pub(super) async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

pub(super) async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

fn ordering(params: &Params) -> Vec<(SalesOrderOrder, bool)> {
    params
        .ordering()
        .into_iter()
        .filter_map(|(key, desc)| {
            let key = match key.as_str() {
                "reference" => SalesOrderOrder::Reference,
                "creation_date" => SalesOrderOrder::CreationDate,
                "customer_reference" => SalesOrderOrder::CustomerReference,
                "status" => SalesOrderOrder::Status,
                "start_date" => SalesOrderOrder::StartDate,
                "target_date" => SalesOrderOrder::TargetDate,
                "shipment_date" => SalesOrderOrder::ShipmentDate,
                "pk" | "id" => SalesOrderOrder::Id,
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
    auth.require(RuleSet::SalesOrder, Perm::View)?;
    let page = Page::from_params(&params)?;
    let query = SalesOrderQuery {
        status: params.int("status").map(|s| s as i32),
        outstanding: params.bool("outstanding"),
        overdue: params.bool("overdue"),
        customer: params.int("customer"),
        reference: params.text("reference").map(str::to_owned),
        search: params.search(),
        ordering: ordering(&params),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    let customer_detail = params.flag("customer_detail", false);
    params.finish()?;
    let listed = run(&state, move |store| Ok(store.query_sales_orders(&query)?)).await?;
    let results = listed
        .items
        .iter()
        .map(|r| order_body(r, customer_detail))
        .collect();
    Ok(list::respond(page, listed.count, results, &url))
}

/// A sales order's detail body, as a barcode scan shows it (blocking).
pub(crate) fn instance(store: &stockroom_store::Store, pk: i64) -> Result<Value, ApiError> {
    Ok(order_body(&store.sales_order_row(pk)?, false))
}

pub(super) async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::View)?;
    let customer_detail = params.flag("customer_detail", false);
    params.finish()?;
    let row = run(&state, move |store| Ok(store.sales_order_row(pk)?)).await?;
    Ok(Json(order_body(&row, customer_detail)))
}

pub(super) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Add)?;
    let input = Input::parse(&data, ORDER_FIELDS, false)?;
    let new = NewSalesOrder {
        reference: input.text("reference").unwrap_or_default(),
        description: input.text("description").unwrap_or_default(),
        customer_id: input.nullable_int("customer").flatten(),
        customer_reference: input.text("customer_reference").unwrap_or_default(),
        currency: input
            .nullable_text("order_currency")
            .flatten()
            .unwrap_or_default(),
        link: input.text("link").unwrap_or_default(),
        notes: input.nullable_text("notes").flatten().unwrap_or_default(),
        start_date: input.nullable_date("start_date").flatten(),
        target_date: input.nullable_date("target_date").flatten(),
        created_by_id: Some(auth.user.id),
        ..Default::default()
    };
    let row = run(&state, move |store| {
        let created = store.add_sales_order(&new)?;
        Ok(store.sales_order_row(created.id)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(order_body(&row, false))).into_response())
}

pub(super) async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Change)?;
    let input = Input::parse(&data, ORDER_FIELDS, partial)?;
    let changes = SalesOrderChanges {
        reference: input.text("reference"),
        description: input.text("description"),
        customer_id: input.nullable_int("customer"),
        customer_reference: input.text("customer_reference"),
        currency: input
            .nullable_text("order_currency")
            .map(Option::unwrap_or_default),
        link: input.text("link"),
        notes: input.nullable_text("notes").map(Option::unwrap_or_default),
        start_date: input.nullable_date("start_date"),
        target_date: input.nullable_date("target_date"),
        ..Default::default()
    };
    let row = run(&state, move |store| {
        store.change_sales_order(pk, &changes)?;
        Ok(store.sales_order_row(pk)?)
    })
    .await?;
    Ok(Json(order_body(&row, false)))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_sales_order(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Which transition a request asks for.
#[derive(Debug, Clone, Copy)]
pub(super) enum Transition {
    Issue,
    Hold,
    Cancel,
}

async fn transition(
    state: AppState,
    auth: Auth,
    pk: i64,
    which: Transition,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Change)?;
    run(&state, move |store| {
        match which {
            Transition::Issue => store.issue_sales_order(pk)?,
            Transition::Hold => store.hold_sales_order(pk)?,
            Transition::Cancel => store.cancel_sales_order(pk)?,
        };
        Ok(())
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({}))).into_response())
}

pub(super) async fn issue(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, Transition::Issue).await
}

pub(super) async fn hold(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, Transition::Hold).await
}

pub(super) async fn cancel(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, Transition::Cancel).await
}

pub(super) async fn complete(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Change)?;
    let input = Input::parse(&data, COMPLETE_FIELDS, false)?;
    let accept = input.bool("accept_incomplete").unwrap_or(false);
    let user = auth.user.id;
    run(&state, move |store| {
        store.complete_sales_order(pk, accept, Some(user))?;
        Ok(())
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"accept_incomplete": accept})),
    )
        .into_response())
}

/// The status codes, as `/api/order/so/status/` lists them.
pub(super) async fn statuses(auth: Auth) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::View)?;
    let values: serde_json::Map<String, Value> = SALES_ORDER_STATUS
        .codes
        .iter()
        .map(|c| {
            (
                c.name.to_owned(),
                json!({"key": c.value, "name": c.name, "label": c.label, "color": "secondary"}),
            )
        })
        .collect();
    Ok(Json(
        json!({"status_class": SALES_ORDER_STATUS.class, "values": values}),
    ))
}
