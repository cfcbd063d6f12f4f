//! `POST /api/label/print/`: renders labels for objects with a template into one PDF and
//! records it as a data output, as InvenTree does. Small jobs finish before the response;
//! larger ones answer at once with `complete: false` and go on on a blocking thread, their
//! progress in the record. `POST /api/label/print/pdf/` answers a small job with the PDF.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use stockroom_labels::pdf::{Layout, Paper, Sheet};
use stockroom_store::Store;
use stockroom_store::labels::{LabelTemplate, NewDataOutput};

use super::outputs::body as output_body;
use super::{ensure_builtins, rule_of};
use crate::AppState;
use crate::api::auth::{Auth, Perm};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, FieldErrors, field_error};
use crate::api::run;
use crate::labels::{LabelJobError, compile, render_job};

/// Jobs up to this many labels finish before the response.
const INLINE_ITEMS: usize = 100;
/// The most labels one job may print.
const MAX_ITEMS: usize = 10_000;
/// Progress is written to the record every this many labels.
const PROGRESS_STEP: usize = 100;

/// The label plugins: one label per page, or labels on A4 sheets.
const PLUGINS: [&str; 2] = ["inventreelabel", "inventreelabelsheet"];

struct Job {
    template: i64,
    items: Vec<i64>,
    plugin: String,
}

fn parse(data: &Value) -> Result<Job, ApiError> {
    let mut errors = FieldErrors::new();
    let template = match data.get("template") {
        None | Some(Value::Null) => {
            errors.add("template", "This field is required.");
            None
        }
        Some(v) => {
            let pk = v
                .as_i64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
            if pk.is_none() {
                errors.add("template", "Incorrect type. Expected pk value.");
            }
            pk
        }
    };
    let items = match data.get("items") {
        None | Some(Value::Null) => {
            errors.add("items", "This field is required.");
            Vec::new()
        }
        Some(Value::Array(list)) => {
            let pks: Option<Vec<i64>> = list
                .iter()
                .map(|v| {
                    v.as_i64()
                        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
                })
                .collect();
            match pks {
                None => {
                    errors.add("items", "Each item must be an integer pk.");
                    Vec::new()
                }
                Some(pks) if pks.is_empty() => {
                    errors.add("items", "This list may not be empty.");
                    pks
                }
                Some(pks) if pks.len() > MAX_ITEMS => {
                    errors.add(
                        "items",
                        format!("At most {MAX_ITEMS} items can be printed at once."),
                    );
                    pks
                }
                Some(pks) => pks,
            }
        }
        Some(_) => {
            errors.add("items", "Expected a list of items.");
            Vec::new()
        }
    };
    let plugin = match data.get("plugin") {
        None | Some(Value::Null) => PLUGINS[0].to_owned(),
        Some(Value::String(s)) if PLUGINS.contains(&s.trim().to_ascii_lowercase().as_str()) => {
            s.trim().to_ascii_lowercase()
        }
        Some(other) => {
            errors.add(
                "plugin",
                format!("Plugin '{}' not found", other.as_str().unwrap_or("?")),
            );
            String::new()
        }
    };
    errors.into_result()?;
    Ok(Job {
        template: template.unwrap_or_default(),
        items,
        plugin,
    })
}

fn layout(plugin: &str) -> Layout {
    if plugin == "inventreelabelsheet" {
        Layout::Sheet(Sheet {
            paper: Paper::A4,
            margin: 10.0,
            gap: 2.0,
        })
    } else {
        Layout::Single
    }
}

/// Loads and checks the template, and the user's right to print its model.
async fn prepare(state: &AppState, auth: &Auth, job: &Job) -> Result<LabelTemplate, ApiError> {
    ensure_builtins(state).await?;
    let pk = job.template;
    let template = run(state, move |store| match store.label_template(pk) {
        Ok(t) => Ok(t),
        Err(stockroom_store::StoreError::NotFound { .. }) => Err(field_error(
            "template",
            format!("Invalid pk \"{pk}\" - object does not exist."),
        )),
        Err(e) => Err(e.into()),
    })
    .await?;
    if !template.enabled {
        return Err(field_error("template", "Template is not enabled"));
    }
    let rule = rule_of(&template.model_type)
        .ok_or_else(|| field_error("template", "Template is for a model labels cannot print"))?;
    auth.require(rule, Perm::View)?;
    Ok(template)
}

fn job_error(e: LabelJobError) -> ApiError {
    match e {
        LabelJobError::Template(message) => field_error("template", message),
        LabelJobError::Label { .. } => field_error("items", e.to_string()),
        LabelJobError::Store(stockroom_store::StoreError::NotFound { model, pk }) => {
            field_error("items", format!("{model} {pk} does not exist."))
        }
        LabelJobError::Store(e) => e.into(),
    }
}

fn render(
    store: &Store,
    template: &LabelTemplate,
    items: &[i64],
    plugin: &str,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<u8>, LabelJobError> {
    let compiled = compile(&template.template, template.width, template.height)?;
    render_job(
        store,
        &compiled,
        &template.model_type,
        items,
        &layout(plugin),
        progress,
    )
}

#[tracing::instrument(skip_all, fields(template = tracing::field::Empty, items = tracing::field::Empty))]
pub(crate) async fn print(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    let job = parse(&data)?;
    tracing::Span::current().record("template", job.template);
    tracing::Span::current().record("items", job.items.len());
    let template = prepare(&state, &auth, &job).await?;
    let new = NewDataOutput {
        user_id: Some(auth.user.id),
        model_type: template.model_type.clone(),
        items: i64::try_from(job.items.len()).unwrap_or(i64::MAX),
        output_type: "LABEL".into(),
        template_id: Some(template.id),
        plugin: job.plugin.clone(),
        filename: "labels.pdf".into(),
    };
    if job.items.len() <= INLINE_ITEMS {
        let output = run(&state, move |store| {
            let pdf = render(store, &template, &job.items, &job.plugin, &mut |_| {})
                .map_err(job_error)?;
            Ok(store.create_data_output(&new, Some(&pdf))?)
        })
        .await?;
        return Ok((StatusCode::CREATED, Json(output_body(&output))).into_response());
    }
    // A large job: check the objects first so a bad pk is a 400, not a failed job.
    let (output, items) = run(&state, move |store| {
        store
            .label_objects(&template.model_type, &job.items)
            .map_err(|e| job_error(e.into()))?;
        Ok((store.create_data_output(&new, None)?, (template, job)))
    })
    .await?;
    let (template, job) = items;
    let store = state.store.clone();
    let id = output.id;
    tokio::task::spawn_blocking(move || {
        let mut report = |done: usize| {
            if done.is_multiple_of(PROGRESS_STEP)
                && let Err(e) = store.set_data_output_progress(id, i64::try_from(done).unwrap_or(0))
            {
                tracing::warn!(error = %e, "recording label job progress");
            }
        };
        let result = render(&store, &template, &job.items, &job.plugin, &mut report);
        let stored = match result {
            Ok(pdf) => store.complete_data_output(id, &pdf),
            Err(e) => store.fail_data_output(id, &e.to_string()),
        };
        if let Err(e) = stored {
            tracing::error!(error = %e, output = id, "recording the end of a label job");
        }
    });
    Ok((StatusCode::CREATED, Json(output_body(&output))).into_response())
}

/// The same job, answered with the PDF itself (up to 1,000 labels).
pub(crate) async fn download(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    let job = parse(&data)?;
    if job.items.len() > 1000 {
        return Err(field_error(
            "items",
            "At most 1000 items can be downloaded at once; use /api/label/print/.",
        ));
    }
    let template = prepare(&state, &auth, &job).await?;
    let pdf = run(&state, move |store| {
        render(store, &template, &job.items, &job.plugin, &mut |_| {}).map_err(job_error)
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"labels.pdf\"",
            ),
        ],
        pdf,
    )
        .into_response())
}
