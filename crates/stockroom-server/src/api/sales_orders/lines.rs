//! `/api/order/so-line/`: the lines of sales orders.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use stockroom_core::Quantity;
use stockroom_store::Store;
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::{
    NewSalesOrderLine, SalesLineQuery, SalesLineRow, SalesOrderLineChanges,
};

use super::body::{LINE_FIELDS, company_brief, line_body, order_body};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, field_error};
use crate::api::fields::Input;
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

pub(crate) const LIST: Endpoint = Endpoint {
    name: "Sales Order Line Item List",
    model: "salesorderlineitem",
    rule: RuleSet::SalesOrder,
    fields: LINE_FIELDS,
    detail: false,
    writable: true,
};
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Sales Order Line Item Detail",
    detail: true,
    ..LIST
};

/// Which expansions a request asked for.
#[derive(Debug, Clone, Copy, Default)]
struct Details {
    part: bool,
    order: bool,
    customer: bool,
}

impl Details {
    fn read(params: &Params) -> Details {
        Details {
            part: params.flag("part_detail", false),
            order: params.flag("order_detail", false),
            customer: params.flag("customer_detail", false),
        }
    }
}

/// Bodies of `rows` with their expansions, loaded a page at a time (blocking).
fn bodies(store: &Store, rows: &[SalesLineRow], details: Details) -> Result<Vec<Value>, ApiError> {
    let mut parts: HashMap<i64, Value> = HashMap::new();
    if details.part {
        for part in rows.iter().filter_map(|r| r.line.part_id) {
            if let std::collections::hash_map::Entry::Vacant(slot) = parts.entry(part) {
                slot.insert(crate::api::parts::brief(&store.part(part)?));
            }
        }
    }
    let mut orders = HashMap::new();
    if details.order || details.customer {
        let ids: Vec<i64> = rows.iter().map(|r| r.line.order_id).collect();
        for row in store.sales_order_rows(&ids)? {
            orders.insert(row.order.id, row);
        }
    }
    Ok(rows
        .iter()
        .map(|row| {
            let mut extra = Vec::new();
            if details.part {
                let part = row.line.part_id.and_then(|p| parts.get(&p).cloned());
                extra.push(("part_detail", part.unwrap_or(Value::Null)));
            }
            let order = orders.get(&row.line.order_id);
            if details.order {
                extra.push((
                    "order_detail",
                    order.map_or(Value::Null, |o| order_body(o, false)),
                ));
            }
            if details.customer {
                let customer = order.and_then(|o| o.customer.as_ref());
                extra.push((
                    "customer_detail",
                    customer.map_or(Value::Null, company_brief),
                ));
            }
            line_body(row, extra)
        })
        .collect())
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
    let query = SalesLineQuery {
        order: params.int("order"),
        part: params.int("part"),
        has_pricing: params.bool("has_pricing"),
        completed: params.bool("completed"),
        allocated: params.bool("allocated"),
        order_outstanding: params.bool("order_outstanding"),
        order_complete: params.bool("order_complete"),
        search: params.search(),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    let details = Details::read(&params);
    params.finish()?;
    let (count, results) = run(&state, move |store| {
        let listed = store.query_sales_lines(&query)?;
        Ok((listed.count, bodies(store, &listed.items, details)?))
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
    let details = Details::read(&params);
    params.finish()?;
    let mut found = run(&state, move |store| {
        let row = store.sales_line_row(pk)?;
        bodies(store, &[row], details)
    })
    .await?;
    found
        .pop()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("SalesOrderLineItem"))
}

/// Quantities and prices may not be negative.
fn non_negative(input: &Input, field: &str) -> Result<Option<i64>, ApiError> {
    match input.quantity(field) {
        Some(q) if q.units() < 0 => Err(field_error(
            field,
            "Ensure this value is greater than or equal to 0.",
        )),
        other => Ok(other.map(Quantity::units)),
    }
}

fn price(input: &Input) -> Result<Option<Option<String>>, ApiError> {
    if !input.has("sale_price") {
        return Ok(None);
    }
    Ok(Some(
        non_negative(input, "sale_price")?.map(|u| Quantity::from_units(u).to_string()),
    ))
}

pub(super) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Add)?;
    let input = Input::parse(&data, LINE_FIELDS, false)?;
    let Some(order) = input.nullable_int("order").flatten() else {
        return Err(field_error("order", "This field may not be null."));
    };
    let new = NewSalesOrderLine {
        order_id: order,
        part_id: input.nullable_int("part").flatten(),
        quantity: non_negative(&input, "quantity")?.unwrap_or(0),
        reference: input.text("reference").unwrap_or_default(),
        notes: input.text("notes").unwrap_or_default(),
        sale_price: price(&input)?.flatten(),
        sale_price_currency: input.text("sale_price_currency").unwrap_or_default(),
        target_date: input.nullable_date("target_date").flatten(),
        link: input.text("link").unwrap_or_default(),
    };
    let body = run(&state, move |store| {
        let line = store.add_sales_line(&new)?;
        let row = store.sales_line_row(line.id)?;
        bodies(store, &[row], Details::default())
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
    let input = Input::parse(&data, LINE_FIELDS, partial)?;
    let changes = SalesOrderLineChanges {
        part_id: input.nullable_int("part"),
        quantity: non_negative(&input, "quantity")?,
        reference: input.text("reference"),
        notes: input.text("notes"),
        sale_price: price(&input)?,
        sale_price_currency: input.text("sale_price_currency"),
        target_date: input.nullable_date("target_date"),
        link: input.text("link"),
    };
    let mut body = run(&state, move |store| {
        store.change_sales_line(pk, &changes)?;
        let row = store.sales_line_row(pk)?;
        bodies(store, &[row], Details::default())
    })
    .await?;
    body.pop()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("SalesOrderLineItem"))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_sales_order_line(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
