//! `/api/stock/` and `/api/stock/<pk>/`: list, read, edit and delete stock items.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;
use stockroom_core::serial::SerialNumber;
use stockroom_plugins::validation::{PartRef, Validators};
use stockroom_store::Store;
use stockroom_store::parts::Part;
use stockroom_store::stock::{SerialEdit, StockItemChanges, StockRow};

use super::body::{Detail, Extras, item_body};
use super::fields::FIELDS;
use super::filters::stock_query;
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, field_error};
use crate::api::fields::Input;
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Stock List",
    model: "stockitem",
    rule: RuleSet::Stock,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Stock Detail",
    detail: true,
    ..LIST
};

pub(crate) async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

pub(crate) async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

/// Loads what the requested details need for `rows`, in one query per kind.
pub(crate) fn extras(store: &Store, rows: &[StockRow], detail: Detail) -> Result<Extras, ApiError> {
    let mut extras = Extras::default();
    if detail.path {
        let mut ids: Vec<i64> = rows.iter().filter_map(|r| r.item.location_id).collect();
        ids.sort_unstable();
        ids.dedup();
        extras.paths = store.location_paths(&ids)?;
    }
    if detail.supplier_part {
        let mut ids: Vec<i64> = rows
            .iter()
            .filter_map(|r| r.item.supplier_part_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        extras.supplier_parts = store
            .supplier_parts_by_id(&ids)?
            .into_iter()
            .map(|sp| (sp.id, sp))
            .collect::<HashMap<_, _>>();
    }
    Ok(extras)
}

/// The bodies of `rows`.
pub(crate) fn bodies(
    store: &Store,
    rows: &[StockRow],
    detail: Detail,
) -> Result<Vec<Value>, ApiError> {
    let extras = extras(store, rows, detail)?;
    Ok(rows
        .iter()
        .map(|row| item_body(row, detail, &extras))
        .collect())
}

pub(crate) async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::View)?;
    let page = Page::from_params(&params)?;
    let detail = Detail::from_params(&params);
    let query = stock_query(&params, page)?;
    params.finish()?;
    let (count, results) = run(&state, move |store| {
        let listed = store.query_stock(&query)?;
        Ok((listed.count, bodies(store, &listed.items, detail)?))
    })
    .await?;
    Ok(list::respond(page, count, results, &url))
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Stock, Perm::View)?;
    let detail = Detail::from_params(&params);
    params.finish()?;
    let body = run(&state, move |store| {
        let row = store.stock_row(pk)?;
        let mut found = bodies(store, std::slice::from_ref(&row), detail)?;
        found.pop().ok_or_else(|| ApiError::not_found("StockItem"))
    })
    .await?;
    Ok(Json(body))
}

pub(crate) async fn replace(
    state: State<AppState>,
    auth: Auth,
    pk: Pk,
    data: JsonBody,
) -> Result<Json<Value>, ApiError> {
    change(state, auth, pk, data, false).await
}

pub(crate) async fn update(
    state: State<AppState>,
    auth: Auth,
    pk: Pk,
    data: JsonBody,
) -> Result<Json<Value>, ApiError> {
    change(state, auth, pk, data, true).await
}

/// A batch code the validation plugins accept, else their message on `batch`.
pub(crate) fn check_batch(validators: &Validators, batch: &str) -> Result<(), ApiError> {
    validators
        .check_batch(batch)
        .map_err(|message| field_error("batch", message))
}

/// A checked serial number sent in `serial`: `None` when absent, an edit that clears the
/// serial when null or blank. The text rules (length, control characters) and the
/// validation plugins are applied here; uniqueness in the store.
pub(crate) fn serial_edit(
    input: &Input,
    validators: &Validators,
    part: &Part,
) -> Result<Option<SerialEdit>, ApiError> {
    let Some(sent) = input.nullable_text("serial") else {
        return Ok(None);
    };
    let Some(text) = sent.filter(|s| !s.trim().is_empty()) else {
        return Ok(Some(SerialEdit {
            serial: None,
            key: 0,
        }));
    };
    let serial = SerialNumber::parse(&text).map_err(|e| field_error("serial", e.to_string()))?;
    let part = PartRef {
        pk: part.id,
        name: &part.name,
    };
    validators
        .check_serials([serial.as_str()], part)
        .map_err(|message| field_error("serial", message))?;
    Ok(Some(SerialEdit {
        key: validators.serial_key(serial.as_str()),
        serial: Some(serial.into_string()),
    }))
}

/// A purchase price as stored (decimal text), or the field's error.
pub(crate) fn price_text(input: &Input) -> Result<Option<Option<String>>, ApiError> {
    if !input.has("purchase_price") {
        return Ok(None);
    }
    match input.float("purchase_price") {
        None => Ok(Some(None)),
        Some(price) if price.abs() < 1e13 => Ok(Some(Some(format!("{price}")))),
        Some(_) => Err(field_error(
            "purchase_price",
            "Ensure that there are no more than 19 digits in total.",
        )),
    }
}

/// A currency code: three capital letters (or blank for none).
pub(crate) fn currency(input: &Input) -> Result<Option<String>, ApiError> {
    match input.text("purchase_price_currency") {
        Some(code)
            if code.is_empty()
                || (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) =>
        {
            Ok(Some(code))
        }
        Some(code) => Err(field_error(
            "purchase_price_currency",
            format!("\"{code}\" is not a valid choice."),
        )),
        None => Ok(None),
    }
}

async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
    partial: bool,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Stock, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = StockItemChanges {
        quantity: input.quantity("quantity").map(|q| q.units()),
        location_id: input.nullable_int("location"),
        batch: input.nullable_text("batch"),
        status: input.int("status").and_then(|s| i32::try_from(s).ok()),
        expiry_date: input.nullable_date("expiry_date"),
        supplier_part_id: input.nullable_int("supplier_part"),
        purchase_order_id: input.nullable_int("purchase_order"),
        customer_id: input.nullable_int("customer"),
        delete_on_deplete: input.bool("delete_on_deplete"),
        packaging: input
            .nullable_text("packaging")
            .map(Option::unwrap_or_default),
        purchase_price: price_text(&input)?,
        purchase_price_currency: currency(&input)?,
        link: input.text("link"),
        notes: input.nullable_text("notes").map(Option::unwrap_or_default),
    };
    let user = auth.user.id;
    let validators = state.validators.clone();
    let body = run(&state, move |store| {
        let item = store.stock_item(pk)?;
        check_links(store, &input, FIELDS)?;
        if let Some(Some(batch)) = &changes.batch {
            check_batch(&validators, batch)?;
        }
        let part = store.part(item.part_id)?;
        let serial = serial_edit(&input, &validators, &part)?;
        store.update_stock_item_with_serial(pk, &changes, serial.as_ref(), Some(user))?;
        let row = store.stock_row(pk)?;
        let mut found = bodies(store, std::slice::from_ref(&row), Detail::DEFAULT)?;
        found.pop().ok_or_else(|| ApiError::not_found("StockItem"))
    })
    .await?;
    Ok(Json(body))
}

pub(crate) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::Stock, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_stock_item(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
