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
use utoipa::openapi::path::HttpMethod;

use crate::AppState;
use crate::api::auth::RuleSet;
use crate::api::error::ApiError;
use crate::api::fields::{Field, Kind};
use crate::api::run;
use crate::api::schema::Doc;

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

/// The body of a template upload (a multipart form, or JSON).
const TEMPLATE_FIELDS: &[Field] = &[
    Field::new("name", Kind::String, "Name").required(),
    Field::text("description", "Description", 250),
    Field::new("model_type", Kind::String, "Model Type")
        .required()
        .help("stockitem, stocklocation or part"),
    Field::new("template", Kind::String, "Template")
        .required()
        .help("SVG template in Jinja syntax (a file in a multipart form)"),
    Field::new("width", Kind::Float, "Width [mm]"),
    Field::new("height", Kind::Float, "Height [mm]"),
    Field::text("filters", "Filters", 250),
    Field::flag("enabled", "Enabled", true),
];

/// The body of a print request.
const PRINT_FIELDS: &[Field] = &[
    Field::new(
        "template",
        Kind::Related("labeltemplate", "/api/label/template/"),
        "Template",
    )
    .required(),
    Field::new("items", Kind::List, "Items")
        .required()
        .help("Primary keys of the objects"),
    Field::new("plugin", Kind::String, "Plugin").help("inventreelabel or inventreelabelsheet"),
];

/// The label routes in the OpenAPI document.
pub(crate) fn docs() -> Vec<Doc> {
    let action = |path, method, summary, fields| Doc::Action {
        path,
        method,
        summary,
        tag: "label",
        fields,
    };
    vec![
        action(
            "/api/label/template/",
            HttpMethod::Get,
            "Label templates (?model_type=, ?enabled=)",
            &[],
        ),
        action(
            "/api/label/template/",
            HttpMethod::Post,
            "Upload a label template",
            TEMPLATE_FIELDS,
        ),
        action(
            "/api/label/template/{pk}/",
            HttpMethod::Get,
            "A label template",
            &[],
        ),
        action(
            "/api/label/template/{pk}/",
            HttpMethod::Patch,
            "Change a label template",
            TEMPLATE_FIELDS,
        ),
        action(
            "/api/label/template/{pk}/",
            HttpMethod::Delete,
            "Delete a label template",
            &[],
        ),
        action(
            "/api/label/template/{pk}/template/",
            HttpMethod::Get,
            "A label template's source",
            &[],
        ),
        action(
            "/api/label/print/",
            HttpMethod::Post,
            "Print labels into a data output",
            PRINT_FIELDS,
        ),
        action(
            "/api/label/print/pdf/",
            HttpMethod::Post,
            "Print labels and answer with the PDF",
            PRINT_FIELDS,
        ),
        action("/api/data-output/", HttpMethod::Get, "Print outputs", &[]),
        action(
            "/api/data-output/{pk}/",
            HttpMethod::Get,
            "A print output",
            &[],
        ),
        action(
            "/api/data-output/{pk}/",
            HttpMethod::Delete,
            "Delete a print output",
            &[],
        ),
        action(
            "/api/data-output/{pk}/download/",
            HttpMethod::Get,
            "A print output's PDF",
            &[],
        ),
    ]
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
