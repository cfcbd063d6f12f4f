//! Stock locations: `/api/stock/location/` and `/api/stock/location/<pk>/`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use stockroom_store::locations::{
    LocationChanges, LocationOrder, LocationQuery, LocationRow, NewLocation, PathStep,
};
use stockroom_store::parts::DeleteContents;

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial, delete_option};
use crate::api::error::ApiError;
use crate::api::fields::{Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};

const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
    Field::new("name", Kind::String, "Name").required().max_length(100).help("Name"),
    Field::shown("level", Kind::Integer, "Level"),
    Field::text("description", "Description", 250).help("Description (optional)"),
    Field::link("parent", "Parent Location", "stocklocation", "/api/stock/location/")
        .help("Parent stock location"),
    Field::shown("pathstring", Kind::String, "Path"),
    Field::shown("items", Kind::Integer, "Stock Items"),
    Field::shown("sublocations", Kind::Integer, "Sublocations"),
    Field::link("owner", "Owner", "owner", "/api/user/owner/").help("Select Owner"),
    Field::shown("icon", Kind::String, "Icon"),
    Field::text("custom_icon", "Icon", 100).help("Icon (optional)"),
    Field::flag("structural", "Structural", false).help(
        "Stock items may not be directly located into a structural stock locations, but may be located to child locations.",
    ),
    Field::flag("external", "External", false).help("This is an external stock location"),
    Field::link("location_type", "Location type", "stocklocationtype", "/api/stock/location-type/")
        .help("Stock location type of this location"),
];

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Stock Location List",
    model: "stocklocation",
    rule: RuleSet::StockLocation,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Stock Location Detail",
    detail: true,
    ..LIST
};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/stock/location/",
            get(list).post(create).options(list_options),
        )
        .route(
            "/api/stock/location/{pk}/",
            get(detail)
                .put(change)
                .patch(change)
                .delete(remove)
                .options(detail_options),
        )
}

fn path_body(path: &[PathStep]) -> Value {
    Value::Array(
        path.iter()
            .map(|s| json!({"pk": s.id, "name": s.name, "icon": s.icon}))
            .collect(),
    )
}

/// A location as the API shows it (InvenTree's `LocationSerializer`).
pub(crate) fn body(row: &LocationRow) -> Value {
    let l = &row.location;
    let mut out = json!({
        "pk": l.id,
        "barcode_hash": row.barcode_hash,
        "name": l.name,
        "level": row.level,
        "description": l.description,
        "parent": l.parent_id,
        "pathstring": l.pathstring,
        "items": row.items,
        "sublocations": row.sublocations,
        "owner": null,
        "icon": row.icon,
        "custom_icon": l.icon,
        "structural": l.structural,
        "external": l.external,
        "location_type": null,
        "location_type_detail": null,
        "tags": [],
    });
    if let Some(path) = &row.path {
        out["path"] = path_body(path);
    }
    out
}

/// A location's detail body, as a barcode scan shows it (blocking: call from a store task).
pub(crate) fn instance(store: &stockroom_store::Store, pk: i64) -> Result<Value, ApiError> {
    Ok(body(&store.location_row(pk, false)?))
}

async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

fn ordering(params: &Params) -> Vec<(LocationOrder, bool)> {
    params
        .ordering()
        .into_iter()
        .filter_map(|(key, desc)| {
            let key = match key.as_str() {
                "name" => LocationOrder::Name,
                "pathstring" | "tree_id" | "lft" => LocationOrder::Pathstring,
                "items" => LocationOrder::Items,
                "level" => LocationOrder::Level,
                "pk" | "id" => LocationOrder::Id,
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
    auth.require(RuleSet::StockLocation, Perm::View)?;
    let page = Page::from_params(&params)?;
    let query = LocationQuery {
        parent: params.link("parent"),
        cascade: params.bool("cascade"),
        top_level: params.bool("top_level"),
        depth: params.int("depth"),
        structural: params.bool("structural"),
        external: params.bool("external"),
        name: params.text("name").map(str::to_owned),
        search: params.search(),
        exclude_tree: params.int("exclude_tree"),
        ordering: ordering(&params),
        with_path: params.flag("path_detail", false),
        page: stockroom_store::listing::PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let listed = run(&state, move |store| Ok(store.query_locations(&query)?)).await?;
    let results = listed.items.iter().map(body).collect();
    Ok(list::respond(page, listed.count, results, &url))
}

async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::StockLocation, Perm::View)?;
    let with_path = params.flag("path_detail", false);
    params.finish()?;
    let row = run(&state, move |store| Ok(store.location_row(pk, with_path)?)).await?;
    Ok(Json(body(&row)))
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::StockLocation, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let new = NewLocation {
        name: input.text("name").unwrap_or_default(),
        description: input.text("description").unwrap_or_default(),
        parent_id: input.nullable_int("parent").flatten(),
        structural: input.bool("structural").unwrap_or(false),
        external: input.bool("external").unwrap_or(false),
        icon: input.text("custom_icon").unwrap_or_default(),
    };
    let row = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.create_location(&new)?;
        Ok(store.location_row(created.id, false)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body(&row))).into_response())
}

async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::StockLocation, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = LocationChanges {
        name: input.text("name"),
        description: input.text("description"),
        parent_id: input.nullable_int("parent"),
        structural: input.bool("structural"),
        external: input.bool("external"),
        icon: input.text("custom_icon"),
    };
    let row = run(&state, move |store| {
        store.location(pk)?;
        check_links(store, &input, FIELDS)?;
        store.update_location(pk, &changes)?;
        Ok(store.location_row(pk, false)?)
    })
    .await?;
    Ok(Json(body(&row)))
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
    JsonBody(data): JsonBody,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::StockLocation, Perm::Delete)?;
    let option = |name: &str| delete_option(&data, &params, name);
    let contents = DeleteContents {
        delete_items: option("delete_stock_items"),
        delete_children: option("delete_sub_locations"),
    };
    params.finish()?;
    run(
        &state,
        move |store| Ok(store.delete_location(pk, contents)?),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
