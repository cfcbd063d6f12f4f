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

mod bom;
mod categories;
mod locations;
mod parts;
mod plugins;
mod root;
mod settings;
mod stock;
mod users;

use axum::Json;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use stockroom_store::Store;

use crate::AppState;
pub(crate) use error::ApiError;

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
}

/// 405 in DRF's words, for a method a path does not serve.
pub(crate) async fn method_not_allowed(method: axum::http::Method) -> ApiError {
    ApiError::MethodNotAllowed(method)
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
