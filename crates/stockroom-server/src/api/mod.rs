//! The REST API under `/api/`. Each resource module registers its full paths.

pub(crate) mod auth;
pub(crate) mod body;
pub(crate) mod error;
pub(crate) mod fields;
pub(crate) mod limits;
pub(crate) mod list;
pub(crate) mod options;
pub(crate) mod pk;
pub(crate) mod query;

pub(crate) mod barcode;
mod bom;
mod builds;
mod categories;
mod companies;
mod generate;
mod labels;
mod locations;
pub(crate) mod parts;
mod plugins;
mod purchase_orders;
mod return_orders;
mod root;
mod sales_orders;
mod schema;
mod settings;
pub(crate) mod stock;
mod users;

use axum::Json;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use stockroom_store::Store;

use crate::AppState;
pub(crate) use error::ApiError;
pub(crate) use labels::Seeded as LabelsSeeded;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .merge(root::router())
        .merge(users::router())
        .merge(settings::router())
        .merge(plugins::router())
        .merge(categories::router())
        .merge(parts::router())
        .merge(bom::router())
        .merge(locations::router())
        .merge(stock::router())
        .merge(barcode::router())
        .merge(companies::router())
        .merge(purchase_orders::router())
        .merge(sales_orders::router())
        .merge(return_orders::router())
        .merge(builds::router())
        .merge(generate::router())
        .merge(labels::router())
        .merge(schema::router(&documented()))
}

/// Every route the OpenAPI document describes.
fn documented() -> Vec<schema::Doc> {
    let mut docs = core_docs();
    for more in [
        companies::docs(),
        purchase_orders::docs(),
        sales_orders::docs(),
        return_orders::docs(),
        builds::docs(),
        generate::docs(),
        labels::docs(),
    ] {
        docs.extend(more);
    }
    docs
}

/// The routes of the resources documented here.
fn core_docs() -> Vec<schema::Doc> {
    use schema::Doc;
    use utoipa::openapi::path::HttpMethod;
    vec![
        Doc::Resource {
            list: "/api/part/category/",
            list_endpoint: &categories::LIST,
            detail: "/api/part/category/{pk}/",
            detail_endpoint: &categories::DETAIL,
        },
        Doc::Resource {
            list: "/api/part/",
            list_endpoint: &parts::LIST,
            detail: "/api/part/{pk}/",
            detail_endpoint: &parts::DETAIL,
        },
        Doc::Resource {
            list: "/api/bom/",
            list_endpoint: &bom::LIST,
            detail: "/api/bom/{pk}/",
            detail_endpoint: &bom::DETAIL,
        },
        Doc::Resource {
            list: "/api/stock/location/",
            list_endpoint: &locations::LIST,
            detail: "/api/stock/location/{pk}/",
            detail_endpoint: &locations::DETAIL,
        },
        Doc::Resource {
            list: "/api/stock/",
            list_endpoint: &stock::items::LIST,
            detail: "/api/stock/{pk}/",
            detail_endpoint: &stock::items::DETAIL,
        },
        Doc::Action {
            path: "/api/stock/{pk}/serialize/",
            method: HttpMethod::Post,
            summary: "Serialize stock",
            tag: "stockitem",
            fields: stock::serials::SERIALIZE.fields,
        },
        Doc::Action {
            path: "/api/stock/count/",
            method: HttpMethod::Post,
            summary: "Count stock",
            tag: "stockitem",
            fields: stock::actions::COUNT.fields,
        },
        Doc::Action {
            path: "/api/stock/add/",
            method: HttpMethod::Post,
            summary: "Add stock",
            tag: "stockitem",
            fields: stock::actions::ADD.fields,
        },
        Doc::Action {
            path: "/api/stock/remove/",
            method: HttpMethod::Post,
            summary: "Remove stock",
            tag: "stockitem",
            fields: stock::actions::REMOVE.fields,
        },
        Doc::Action {
            path: "/api/stock/transfer/",
            method: HttpMethod::Post,
            summary: "Transfer stock",
            tag: "stockitem",
            fields: stock::actions::TRANSFER.fields,
        },
        Doc::Action {
            path: "/api/stock/merge/",
            method: HttpMethod::Post,
            summary: "Merge stock items",
            tag: "stockitem",
            fields: stock::actions::MERGE.fields,
        },
        Doc::Action {
            path: "/api/stock/{pk}/install/",
            method: HttpMethod::Post,
            summary: "Install a stock item",
            tag: "stockitem",
            fields: stock::install::INSTALL.fields,
        },
        Doc::Action {
            path: "/api/stock/{pk}/uninstall/",
            method: HttpMethod::Post,
            summary: "Uninstall a stock item",
            tag: "stockitem",
            fields: stock::install::UNINSTALL.fields,
        },
        Doc::Action {
            path: "/api/stock/track/",
            method: HttpMethod::Get,
            summary: "Stock tracking history",
            tag: "stockitem",
            fields: &[],
        },
        Doc::Action {
            path: "/api/barcode/",
            method: HttpMethod::Post,
            summary: "Scan a barcode",
            tag: "barcode",
            fields: barcode::BARCODE,
        },
        Doc::Action {
            path: "/api/barcode/decode-image/",
            method: HttpMethod::Post,
            summary: "Scan every barcode in a camera image",
            tag: "barcode",
            fields: barcode::DECODE_IMAGE,
        },
        Doc::Action {
            path: "/api/barcode/link/",
            method: HttpMethod::Post,
            summary: "Link a barcode to an object",
            tag: "barcode",
            fields: barcode::BARCODE,
        },
        Doc::Action {
            path: "/api/barcode/unlink/",
            method: HttpMethod::Post,
            summary: "Unlink barcodes from an object",
            tag: "barcode",
            fields: &[],
        },
        Doc::Action {
            path: "/api/barcode/generate/",
            method: HttpMethod::Post,
            summary: "An object's internal barcode",
            tag: "barcode",
            fields: barcode::GENERATE,
        },
        Doc::Action {
            path: "/api/barcode/history/",
            method: HttpMethod::Get,
            summary: "Recorded scans",
            tag: "barcode",
            fields: &[],
        },
        Doc::Action {
            path: "/api/",
            method: HttpMethod::Get,
            summary: "Server information",
            tag: "server",
            fields: &[],
        },
        Doc::Action {
            path: "/api/user/me/",
            method: HttpMethod::Get,
            summary: "The signed-in user",
            tag: "user",
            fields: &[],
        },
        Doc::Action {
            path: "/api/user/me/token/",
            method: HttpMethod::Get,
            summary: "Issue a new API token",
            tag: "user",
            fields: &[],
        },
        Doc::Action {
            path: "/api/user/token/",
            method: HttpMethod::Get,
            summary: "Issue a new API token (older path)",
            tag: "user",
            fields: &[],
        },
        Doc::Action {
            path: "/api/user/tokens/",
            method: HttpMethod::Get,
            summary: "The user's tokens",
            tag: "user",
            fields: &[],
        },
        Doc::Action {
            path: "/api/user/tokens/{pk}/",
            method: HttpMethod::Delete,
            summary: "Revoke a token",
            tag: "user",
            fields: &[],
        },
        Doc::Action {
            path: "/api/user/roles/",
            method: HttpMethod::Get,
            summary: "The user's roles",
            tag: "user",
            fields: &[],
        },
        Doc::Action {
            path: "/api/settings/global/",
            method: HttpMethod::Get,
            summary: "Global settings",
            tag: "settings",
            fields: &[],
        },
        Doc::Action {
            path: "/api/settings/global/{key}/",
            method: HttpMethod::Patch,
            summary: "Change a global setting",
            tag: "settings",
            fields: settings::VALUE,
        },
        Doc::Action {
            path: "/api/settings/user/",
            method: HttpMethod::Get,
            summary: "User settings",
            tag: "settings",
            fields: &[],
        },
        Doc::Action {
            path: "/api/settings/user/{key}/",
            method: HttpMethod::Patch,
            summary: "Change a user setting",
            tag: "settings",
            fields: settings::VALUE,
        },
        Doc::Action {
            path: "/api/plugins/",
            method: HttpMethod::Get,
            summary: "Plugins",
            tag: "plugins",
            fields: &[],
        },
        Doc::Action {
            path: "/api/plugins/{slug}/settings/{key}/",
            method: HttpMethod::Patch,
            summary: "Change a plugin setting",
            tag: "plugins",
            fields: settings::VALUE,
        },
    ]
}

/// 405 in DRF's words, for a method a path does not serve. `OPTIONS` on a path without
/// fields of its own answers with DRF's basic metadata, as every DRF view does.
pub(crate) async fn method_not_allowed(
    method: axum::http::Method,
    uri: axum::http::Uri,
) -> Response {
    if method == axum::http::Method::OPTIONS {
        let name = uri
            .path()
            .trim_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .replace(['-', '_'], " ");
        return Json(json!({
            "name": name,
            "description": "",
            "renders": ["application/json"],
            "parses": ["application/json"],
            "actions": {},
        }))
        .into_response();
    }
    ApiError::MethodNotAllowed(method).into_response()
}

/// Checks that every link sent in `input` names an existing object:
/// `Invalid pk "X" - object does not exist.` otherwise, on each such field.
pub(crate) fn check_links(
    store: &Store,
    input: &fields::Input,
    fields: &[fields::Field],
) -> Result<(), ApiError> {
    let links: Vec<(&str, &str, i64)> = input.links(fields).collect();
    if links.is_empty() {
        return Ok(());
    }
    let refs: Vec<(&str, i64)> = links.iter().map(|(_, model, pk)| (*model, *pk)).collect();
    let missing = store.missing_objects(&refs)?;
    let mut errors = error::FieldErrors::new();
    for (field, model, pk) in links {
        if missing.iter().any(|(m, p)| m == model && *p == pk) {
            errors.add(
                field,
                format!("Invalid pk \"{pk}\" - object does not exist."),
            );
        }
    }
    errors.into_result()
}

/// Any path nothing serves: InvenTree's 404 body.
pub(crate) async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({"detail": "Not found."}))).into_response()
}

/// Runs a store operation on a blocking thread: store operations are synchronous and may
/// wait on the database.
pub(crate) async fn run<T: Send + 'static>(
    state: &AppState,
    op: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || op(&store)).await {
        Ok(result) => result,
        Err(join) => Err(ApiError::internal(format!("store task failed: {join}"))),
    }
}
