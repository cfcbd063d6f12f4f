//! Build actions: status transitions and allocation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_store::orders::{BuildAllocationRequest, FinishOptions, Overallocation};

use super::fields;
use super::outputs::{entries, items_error};
use crate::AppState;
use crate::api::auth::{Auth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, field_error};
use crate::api::fields::{Field, Input, Kind};
use crate::api::pk::Pk;
use crate::api::{check_links, run};

/// InvenTree's action views answer 201 with the fields they took.
pub(super) fn created(body: Value) -> Response {
    (StatusCode::CREATED, Json(body)).into_response()
}

pub(super) async fn issue(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Change)?;
    run(&state, move |store| Ok(store.issue_build(pk)?)).await?;
    Ok(created(json!({})))
}

pub(super) async fn hold(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Change)?;
    run(&state, move |store| Ok(store.hold_build(pk)?)).await?;
    Ok(created(json!({})))
}

pub(super) async fn cancel(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Change)?;
    let input = Input::parse(&data, fields::CANCEL, false)?;
    let consume = input.bool("remove_allocated_stock").unwrap_or(false);
    let remove = input.bool("remove_incomplete_outputs").unwrap_or(false);
    let user = auth.user.id;
    run(&state, move |store| {
        Ok(store.cancel_build(pk, Some(user), consume, remove)?)
    })
    .await?;
    Ok(created(json!({
        "remove_allocated_stock": consume,
        "remove_incomplete_outputs": remove,
    })))
}

fn overallocation(data: &Value) -> Result<Overallocation, ApiError> {
    match data.get("accept_overallocated") {
        None | Some(Value::Null) => Ok(Overallocation::Reject),
        Some(Value::String(s)) if s == "reject" => Ok(Overallocation::Reject),
        Some(Value::String(s)) if s == "accept" => Ok(Overallocation::Accept),
        Some(Value::String(s)) if s == "trim" => Ok(Overallocation::Trim),
        Some(other) => {
            let shown = other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_owned);
            Err(field_error(
                "accept_overallocated",
                format!("\"{shown}\" is not a valid choice."),
            ))
        }
    }
}

pub(super) async fn finish(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Change)?;
    let overallocated = overallocation(&data)?;
    let input = Input::parse(&data, &fields::FINISH[1..], false)?;
    let options = FinishOptions {
        overallocated,
        unallocated: input.bool("accept_unallocated").unwrap_or(false),
        incomplete: input.bool("accept_incomplete").unwrap_or(false),
    };
    let user = auth.user.id;
    run(&state, move |store| {
        Ok(store.finish_build(pk, Some(user), options)?)
    })
    .await?;
    Ok(created(json!({
        "accept_overallocated": match overallocated {
            Overallocation::Reject => "reject",
            Overallocation::Accept => "accept",
            Overallocation::Trim => "trim",
        },
        "accept_unallocated": options.unallocated,
        "accept_incomplete": options.incomplete,
    })))
}

const ALLOCATION_ENTRY: &[Field] = &[
    Field::new(
        "build_line",
        Kind::Related("buildline", "/api/build/line/"),
        "Build Line Item",
    )
    .required(),
    Field::new(
        "stock_item",
        Kind::Related("stockitem", "/api/stock/"),
        "Stock Item",
    )
    .required(),
    Field::new("quantity", Kind::Decimal, "Quantity").required(),
    Field::link("output", "Build Output", "stockitem", "/api/stock/"),
];

pub(super) async fn allocate(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Add)?;
    let parsed = entries(
        &data,
        "items",
        ALLOCATION_ENTRY,
        "Allocation items must be provided",
    )?;
    // Quantities of zero or less are refused per entry by the store, with the others'.
    let requests: Vec<BuildAllocationRequest> = parsed
        .iter()
        .map(|e| BuildAllocationRequest {
            build_line: e.int("build_line").unwrap_or_default(),
            stock_item: e.int("stock_item").unwrap_or_default(),
            quantity: e.quantity("quantity").unwrap_or_default().units(),
            output: e.nullable_int("output").flatten(),
        })
        .collect();
    let count = requests.len();
    run(&state, move |store| {
        store
            .allocate_build_stock(pk, &requests)
            .map_err(|e| items_error("items", count, e))
    })
    .await?;
    Ok(created(data))
}

pub(super) async fn unallocate(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Delete)?;
    let input = Input::parse(&data, fields::UNALLOCATE, false)?;
    let line = input.nullable_int("build_line").flatten();
    let output = input.nullable_int("output").flatten();
    run(&state, move |store| {
        check_links(store, &input, fields::UNALLOCATE)?;
        Ok(store.unallocate_build_stock(pk, line, output)?)
    })
    .await?;
    Ok(created(json!({"build_line": line, "output": output})))
}
