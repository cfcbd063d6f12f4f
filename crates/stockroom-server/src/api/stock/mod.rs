//! Stock items, their history and the stock actions, under `/api/stock/`.

mod action_body;
pub(crate) mod actions;
mod body;
mod create;
pub(crate) use create::create_stock;
mod fields;
mod filters;
pub(crate) mod install;
pub(crate) mod items;
pub(crate) mod serials;
mod tracking;

use axum::Router;
use axum::routing::{get, post};
use serde_json::Value;
use stockroom_store::Store;

use crate::AppState;
use crate::api::error::ApiError;

/// A stock item's detail body, as a barcode scan shows it (blocking: call from a store task).
pub(crate) fn instance(store: &Store, pk: i64) -> Result<Value, ApiError> {
    let row = store.stock_row(pk)?;
    let mut found = items::bodies(store, std::slice::from_ref(&row), body::Detail::DEFAULT)?;
    found.pop().ok_or_else(|| ApiError::not_found("StockItem"))
}

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/stock/",
            get(items::list)
                .post(create::create)
                .options(items::list_options),
        )
        .route(
            "/api/stock/{pk}/",
            get(items::detail)
                .put(items::replace)
                .patch(items::update)
                .delete(items::remove)
                .options(items::detail_options),
        )
        .route(
            "/api/stock/count/",
            post(actions::count).options(actions::count_options),
        )
        .route(
            "/api/stock/add/",
            post(actions::add).options(actions::add_options),
        )
        .route(
            "/api/stock/remove/",
            post(actions::remove).options(actions::remove_options),
        )
        .route(
            "/api/stock/transfer/",
            post(actions::transfer).options(actions::transfer_options),
        )
        .route(
            "/api/stock/merge/",
            post(actions::merge).options(actions::merge_options),
        )
        .route(
            "/api/stock/{pk}/install/",
            post(install::install).options(install::install_options),
        )
        .route(
            "/api/stock/{pk}/uninstall/",
            post(install::uninstall).options(install::uninstall_options),
        )
        .route(
            "/api/stock/{pk}/serialize/",
            post(serials::serialize).options(serials::serialize_options),
        )
        .route("/api/stock/{pk}/serial-numbers/", get(serials::neighbours))
        .route("/api/stock/track/", get(tracking::list))
        .route("/api/stock/track/status/", get(tracking::history_status))
        .route("/api/stock/track/{pk}/", get(tracking::detail))
        .route("/api/stock/status/", get(tracking::stock_status))
}
