//! `GET /health`: is this process up and can it reach its database?

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/health", get(check))
}

async fn check(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let store = state.store.clone();
    let database = tokio::task::spawn_blocking(move || store.ping()).await;
    match database {
        Ok(Ok(())) => (
            StatusCode::OK,
            Json(json!({"status": "ok", "database": "ok"})),
        ),
        Ok(Err(error)) => {
            tracing::error!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "error", "database": "unreachable"})),
            )
        }
        Err(error) => {
            tracing::error!(%error, "health check task failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "error"})),
            )
        }
    }
}
