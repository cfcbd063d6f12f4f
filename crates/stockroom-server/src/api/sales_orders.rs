//! Placeholder until the resource lands.

use axum::Router;

use crate::AppState;
use crate::api::schema::Doc;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
}

/// This module's routes, for the OpenAPI document.
pub(crate) fn docs() -> Vec<Doc> {
    Vec::new()
}
