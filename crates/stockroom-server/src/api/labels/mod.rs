//! Labels: templates at `/api/label/template/`, printing at `/api/label/print/`, and print
//! outputs at `/api/data-output/`, in InvenTree's shapes.

mod form;
mod outputs;
mod print;
mod templates;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::api::auth::RuleSet;
use crate::api::error::ApiError;
use crate::api::run;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/label/template/",
            get(templates::list).post(templates::create),
        )
        .route(
            "/api/label/template/{pk}/",
            get(templates::detail)
                .put(templates::change)
                .patch(templates::change)
                .delete(templates::remove),
        )
        .route("/api/label/template/{pk}/template/", get(templates::source))
        .route("/api/label/print/", post(print::print))
        .route("/api/label/print/pdf/", post(print::download))
        .route("/api/data-output/", get(outputs::list))
        .route(
            "/api/data-output/{pk}/",
            get(outputs::detail).delete(outputs::remove),
        )
        .route("/api/data-output/{pk}/download/", get(outputs::download))
}

/// Whether this process has added any missing built-in templates yet.
#[derive(Debug, Clone, Default)]
pub(crate) struct Seeded(Arc<AtomicBool>);

/// Adds missing built-in templates once per process, before the first template request.
async fn ensure_builtins(state: &AppState) -> Result<(), ApiError> {
    if state.labels_seeded.0.load(Ordering::Acquire) {
        return Ok(());
    }
    run(state, |store| {
        store.seed_label_templates(&crate::labels::builtin_templates())?;
        Ok(())
    })
    .await?;
    state.labels_seeded.0.store(true, Ordering::Release);
    Ok(())
}

/// The rule set whose view permission printing a model's labels needs.
fn rule_of(model: &str) -> Option<RuleSet> {
    match model {
        "stockitem" => Some(RuleSet::Stock),
        "stocklocation" => Some(RuleSet::StockLocation),
        "part" => Some(RuleSet::Part),
        _ => None,
    }
}
