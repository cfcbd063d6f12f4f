//! `/api/order/so/shipment/`: shipments of sales orders, and shipping them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_store::Store;
use stockroom_store::StoreError;
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::{
    NewShipment, ShipDetails, ShipmentChanges, ShipmentQuery, ShipmentRow,
};

use super::body::{SHIPMENT_FIELDS, order_body, shipment_body};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, field_error};
use crate::api::fields::{Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

pub(crate) const LIST: Endpoint = Endpoint {
    name: "Sales Order Shipment List",
    model: "salesordershipment",
    rule: RuleSet::SalesOrder,
    fields: SHIPMENT_FIELDS,
    detail: false,
    writable: true,
};
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Sales Order Shipment Detail",
    detail: true,
    ..LIST
};

pub(crate) const SHIP_FIELDS: &[Field] = &[
    Field::new("shipment_date", Kind::Date, "Shipment Date")
        .nullable()
        .help("Date of shipment"),
    Field::new("delivery_date", Kind::Date, "Delivery Date")
        .nullable()
        .help("Date of delivery of shipment"),
    Field::text("tracking_number", "Tracking Number", 100).help("Shipment tracking information"),
    Field::text("invoice_number", "Invoice Number", 100)
        .help("Reference number for associated invoice"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external page"),
];

/// Shipment bodies, each with its order (blocking).
fn bodies(store: &Store, rows: &[ShipmentRow], with_order: bool) -> Result<Vec<Value>, ApiError> {
    let orders = if with_order {
        let ids: Vec<i64> = rows.iter().map(|r| r.shipment.order_id).collect();
        store.sales_order_rows(&ids)?
    } else {
        Vec::new()
    };
    Ok(rows
        .iter()
        .map(|row| {
            let order = with_order.then(|| {
                orders
                    .iter()
                    .find(|o| o.order.id == row.shipment.order_id)
                    .map_or(Value::Null, |o| order_body(o, false))
            });
            shipment_body(row, order)
        })
        .collect())
}

/// A shipment's detail body, as a barcode scan shows it (blocking).
pub(crate) fn instance(store: &Store, pk: i64) -> Result<Value, ApiError> {
    let row = store.shipment_row(pk)?;
    bodies(store, &[row], true)?
        .pop()
        .ok_or_else(|| ApiError::not_found("SalesOrderShipment"))
}

pub(super) async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

pub(super) async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

pub(super) async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::View)?;
    let page = Page::from_params(&params)?;
    let query = ShipmentQuery {
        order: params.int("order"),
        shipped: params.bool("shipped"),
        delivered: params.bool("delivered"),
        checked: params.bool("checked"),
        order_outstanding: params.bool("order_outstanding"),
        order_status: params.int("order_status").map(|s| s as i32),
        search: params.search(),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    let with_order = params.flag("order_detail", true);
    params.finish()?;
    let (count, results) = run(&state, move |store| {
        let listed = store.query_shipments(&query)?;
        Ok((listed.count, bodies(store, &listed.items, with_order)?))
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
    auth.require(RuleSet::SalesOrder, Perm::View)?;
    let with_order = params.flag("order_detail", true);
    params.finish()?;
    let mut found = run(&state, move |store| {
        let row = store.shipment_row(pk)?;
        bodies(store, &[row], with_order)
    })
    .await?;
    found
        .pop()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("SalesOrderShipment"))
}

pub(super) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Add)?;
    let input = Input::parse(&data, SHIPMENT_FIELDS, false)?;
    let Some(order) = input.nullable_int("order").flatten() else {
        return Err(field_error("order", "This field may not be null."));
    };
    let new = NewShipment {
        order_id: order,
        reference: input.text("reference").unwrap_or_else(|| "1".to_owned()),
        tracking_number: input.text("tracking_number").unwrap_or_default(),
        invoice_number: input.text("invoice_number").unwrap_or_default(),
        link: input.text("link").unwrap_or_default(),
        notes: input.nullable_text("notes").flatten().unwrap_or_default(),
    };
    let changes = ShipmentChanges {
        shipment_date: input.nullable_date("shipment_date"),
        delivery_date: input.nullable_date("delivery_date"),
        checked_by_id: input.nullable_int("checked_by"),
        ..Default::default()
    };
    let body = run(&state, move |store| {
        crate::api::check_links(store, &input, SHIPMENT_FIELDS)?;
        let created = store.add_shipment(&new, &changes)?;
        let row = store.shipment_row(created.id)?;
        bodies(store, &[row], true)
    })
    .await?;
    let body = body.into_iter().next().unwrap_or(Value::Null);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(super) async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Change)?;
    let input = Input::parse(&data, SHIPMENT_FIELDS, partial)?;
    let changes = ShipmentChanges {
        reference: input.text("reference"),
        shipment_date: input.nullable_date("shipment_date"),
        delivery_date: input.nullable_date("delivery_date"),
        checked_by_id: input.nullable_int("checked_by"),
        tracking_number: input.text("tracking_number"),
        invoice_number: input.text("invoice_number"),
        link: input.text("link"),
        notes: input.nullable_text("notes").map(Option::unwrap_or_default),
    };
    let mut body = run(&state, move |store| {
        store.shipment(pk)?;
        crate::api::check_links(store, &input, SHIPMENT_FIELDS)?;
        store.change_shipment(pk, &changes)?;
        let row = store.shipment_row(pk)?;
        bodies(store, &[row], true)
    })
    .await?;
    body.pop()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("SalesOrderShipment"))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_shipment(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn ship_options(auth: MaybeAuth) -> Response {
    options::respond(
        &Endpoint {
            name: "Sales Order Shipment Complete",
            fields: SHIP_FIELDS,
            ..LIST
        },
        &auth,
    )
}

/// Ships the shipment: its allocated stock leaves for the customer.
pub(super) async fn ship(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Change)?;
    let input = Input::parse(&data, SHIP_FIELDS, true)?;
    let details = ShipDetails {
        shipment_date: input.nullable_date("shipment_date").flatten(),
        delivery_date: input.nullable_date("delivery_date"),
        tracking_number: input.text("tracking_number"),
        invoice_number: input.text("invoice_number"),
        link: input.text("link"),
    };
    let user = auth.user.id;
    let shipped = run(&state, move |store| {
        match store.ship_shipment(pk, &details, Some(user)) {
            Err(StoreError::NotFound {
                model: "SalesOrderShipment",
                ..
            }) => Err(ApiError::NotFound("Shipment not found".into())),
            other => Ok(other?),
        }
    })
    .await?;
    let body = json!({
        "shipment_date": shipped.shipment_date,
        "delivery_date": shipped.delivery_date,
        "tracking_number": shipped.tracking_number,
        "invoice_number": shipped.invoice_number,
        "link": shipped.link,
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
