//! `/api/build/line/` (what builds need) and `/api/build/item/` (stock allocated to them).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;
use stockroom_store::orders::BuildItemQuery;

use super::body::{allocation_body, line_body};
use super::fields::{ITEM, LINE};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, field_error};
use crate::api::fields::Input;
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

/// The line list.
pub(crate) const LINE_LIST: Endpoint = Endpoint {
    name: "Build Line List",
    model: "buildline",
    rule: RuleSet::Build,
    fields: LINE,
    detail: false,
    writable: false,
};
/// One line.
pub(crate) const LINE_DETAIL: Endpoint = Endpoint {
    name: "Build Line Detail",
    detail: true,
    ..LINE_LIST
};
/// The allocation list.
pub(crate) const ITEM_LIST: Endpoint = Endpoint {
    name: "Build Item List",
    model: "builditem",
    rule: RuleSet::Build,
    fields: ITEM,
    detail: false,
    writable: false,
};
/// One allocation.
pub(crate) const ITEM_DETAIL: Endpoint = Endpoint {
    name: "Build Item Detail",
    detail: true,
    writable: true,
    ..ITEM_LIST
};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/build/line/", get(lines).options(line_list_options))
        .route(
            "/api/build/line/{pk}/",
            get(line).options(line_detail_options),
        )
        .route("/api/build/item/", get(items).options(item_list_options))
        .route(
            "/api/build/item/{pk}/",
            get(item)
                .put(change_item)
                .patch(change_item)
                .delete(remove_item)
                .options(item_detail_options),
        )
}

async fn line_list_options(auth: MaybeAuth) -> Response {
    options::respond(&LINE_LIST, &auth)
}

async fn line_detail_options(auth: MaybeAuth) -> Response {
    options::respond(&LINE_DETAIL, &auth)
}

async fn item_list_options(auth: MaybeAuth) -> Response {
    options::respond(&ITEM_LIST, &auth)
}

async fn item_detail_options(auth: MaybeAuth) -> Response {
    options::respond(&ITEM_DETAIL, &auth)
}

/// One page of an in-memory list.
fn paged(page: Page, all: Vec<Value>, url: &RequestUrl) -> Response {
    let count = i64::try_from(all.len()).unwrap_or(i64::MAX);
    let start = usize::try_from(page.offset).unwrap_or(usize::MAX);
    let results: Vec<Value> = match page.limit {
        Some(limit) => all
            .into_iter()
            .skip(start)
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect(),
        None => all,
    };
    list::respond(page, count, results, url)
}

async fn lines(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::View)?;
    let page = Page::from_params(&params)?;
    let build = params.link("build").flatten();
    let part = params.link("part").flatten();
    params.finish()?;
    let rows = run(&state, move |store| {
        Ok(store.query_build_lines(build, part)?)
    })
    .await?;
    Ok(paged(page, rows.iter().map(line_body).collect(), &url))
}

async fn line(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Build, Perm::View)?;
    let row = run(&state, move |store| Ok(store.build_line_row(pk)?)).await?;
    Ok(Json(line_body(&row)))
}

async fn items(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::View)?;
    let page = Page::from_params(&params)?;
    let query = BuildItemQuery {
        build: params.link("build").flatten(),
        build_line: params.link("build_line").flatten(),
        stock_item: params.link("stock_item").flatten(),
        part: params.link("part").flatten(),
    };
    params.finish()?;
    let rows = run(&state, move |store| {
        Ok(store.query_build_allocations(&query)?)
    })
    .await?;
    Ok(paged(
        page,
        rows.iter().map(allocation_body).collect(),
        &url,
    ))
}

async fn item(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Build, Perm::View)?;
    let row = run(&state, move |store| Ok(store.build_allocation_row(pk)?)).await?;
    Ok(Json(allocation_body(&row)))
}

async fn change_item(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Build, Perm::Change)?;
    let input = Input::parse(&data, ITEM, true)?;
    let quantity = input.quantity("quantity");
    let row = run(&state, move |store| {
        store.build_allocation_row(pk)?;
        if let Some(q) = quantity {
            if !q.is_positive() {
                return Err(field_error(
                    "quantity",
                    "Allocation quantity must be greater than zero",
                ));
            }
            store.update_build_allocation(pk, q.units())?;
        }
        Ok(store.build_allocation_row(pk)?)
    })
    .await?;
    Ok(Json(allocation_body(&row)))
}

async fn remove_item(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::Build, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_build_allocation(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
