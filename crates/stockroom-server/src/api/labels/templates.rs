//! Label templates: `/api/label/template/` (list, create) and `/api/label/template/<pk>/`
//! (detail, update, delete). Anyone signed in may list them; staff change them.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use stockroom_store::labels::{
    LabelTemplate, LabelTemplateChanges, LabelTemplateQuery, NewLabelTemplate,
};
use stockroom_store::listing::PageRequest;

use super::ensure_builtins;
use super::form::TemplateForm;
use crate::AppState;
use crate::api::auth::Auth;
use crate::api::body::Partial;
use crate::api::error::{ApiError, FieldErrors};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;
use crate::labels::{LABEL_MODELS, compile_checked};

/// A template as the API shows it (InvenTree's label template serializer).
pub(crate) fn body(t: &LabelTemplate) -> Value {
    json!({
        "pk": t.id,
        "name": t.name,
        "description": t.description,
        "model_type": t.model_type,
        "template": format!("/api/label/template/{}/template/", t.id),
        "filters": t.filters,
        "filename_pattern": "label.pdf",
        "enabled": t.enabled,
        "revision": t.revision,
        "attach_to_model": false,
        "width": t.width,
        "height": t.height,
    })
}

pub(crate) async fn list(
    State(state): State<AppState>,
    _auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    let page = Page::from_params(&params)?;
    let query = LabelTemplateQuery {
        model_type: params.text("model_type").map(str::to_owned),
        enabled: params.bool("enabled"),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    ensure_builtins(&state).await?;
    let listed = run(
        &state,
        move |store| Ok(store.query_label_templates(&query)?),
    )
    .await?;
    let results = listed.items.iter().map(body).collect();
    Ok(list::respond(page, listed.count, results, &url))
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    _auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    ensure_builtins(&state).await?;
    let t = run(&state, move |store| Ok(store.label_template(pk)?)).await?;
    Ok(Json(body(&t)))
}

/// The template file itself.
pub(crate) async fn source(
    State(state): State<AppState>,
    _auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    let t = run(&state, move |store| Ok(store.label_template(pk)?)).await?;
    Ok((
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        t.template,
    )
        .into_response())
}

pub(crate) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    TemplateForm(fields): TemplateForm,
) -> Result<Response, ApiError> {
    auth.require_staff()?;
    let input = parse(&fields, false)?;
    let new = NewLabelTemplate {
        name: input.name.unwrap_or_default(),
        description: input.description.unwrap_or_default(),
        model_type: input.model_type.unwrap_or_default(),
        template: input.template.unwrap_or_default(),
        filename: input.filename.unwrap_or_else(|| "label.svg".into()),
        width: input.width.unwrap_or(50.0),
        height: input.height.unwrap_or(20.0),
        filters: input.filters.unwrap_or_default(),
        enabled: input.enabled.unwrap_or(true),
        builtin_key: None,
    };
    check_compiles(&new.template, new.width, new.height)?;
    let t = run(&state, move |store| Ok(store.create_label_template(&new)?)).await?;
    Ok((StatusCode::CREATED, Json(body(&t))).into_response())
}

pub(crate) async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    TemplateForm(fields): TemplateForm,
) -> Result<Json<Value>, ApiError> {
    auth.require_staff()?;
    let input = parse(&fields, partial)?;
    let changes = LabelTemplateChanges {
        name: input.name,
        description: input.description,
        model_type: input.model_type,
        template: input.template,
        filename: input.filename,
        width: input.width,
        height: input.height,
        filters: input.filters,
        enabled: input.enabled,
    };
    let t = run(&state, move |store| {
        let current = store.label_template(pk)?;
        // The template must still compile at its (possibly new) size.
        check_compiles(
            changes.template.as_deref().unwrap_or(&current.template),
            changes.width.unwrap_or(current.width),
            changes.height.unwrap_or(current.height),
        )?;
        Ok(store.update_label_template(pk, &changes)?)
    })
    .await?;
    Ok(Json(body(&t)))
}

pub(crate) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require_staff()?;
    run(&state, move |store| Ok(store.delete_label_template(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A syntax error (with its line) or a bad size is a field error.
fn check_compiles(source: &str, width: f64, height: f64) -> Result<(), ApiError> {
    compile_checked(source, width, height)
        .map(|_| ())
        .map_err(|e| {
            let text = e.to_string();
            let field = if text.starts_with("Label width") {
                "width"
            } else if text.starts_with("Label height") {
                "height"
            } else {
                "template"
            };
            crate::api::error::field_error(field, text)
        })
}

/// The fields of a create or update, checked.
#[derive(Debug, Default)]
struct Input {
    name: Option<String>,
    description: Option<String>,
    model_type: Option<String>,
    template: Option<String>,
    filename: Option<String>,
    width: Option<f64>,
    height: Option<f64>,
    filters: Option<String>,
    enabled: Option<bool>,
}

/// Largest template text accepted.
const MAX_TEMPLATE_BYTES: usize = 512 * 1024;

fn parse(fields: &Map<String, Value>, partial: bool) -> Result<Input, ApiError> {
    let mut errors = FieldErrors::new();
    let mut text = |name: &str, max: usize, required: bool| -> Option<String> {
        match fields.get(name) {
            None | Some(Value::Null) => {
                if required && !partial {
                    errors.add(name, "This field is required.");
                }
                None
            }
            Some(Value::String(s)) => {
                if required && s.trim().is_empty() {
                    errors.add(name, "This field may not be blank.");
                } else if s.chars().count() > max {
                    errors.add(
                        name,
                        format!("Ensure this field has no more than {max} characters."),
                    );
                }
                Some(s.clone())
            }
            Some(_) => {
                errors.add(name, "Not a valid string.");
                None
            }
        }
    };
    let name = text("name", 100, true);
    let description = text("description", 250, false);
    let model_type = text("model_type", 50, true);
    let template = text("template", MAX_TEMPLATE_BYTES, true);
    let filename = text("filename", 100, false);
    let filters = text("filters", 250, false);
    if let Some(model) = &model_type
        && !LABEL_MODELS.contains(&model.as_str())
    {
        errors.add("model_type", format!("\"{model}\" is not a valid choice."));
    }
    let mut number = |name: &str| match fields.get(name) {
        None | Some(Value::Null) => None,
        Some(v) => {
            let parsed = v
                .as_f64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse::<f64>().ok()))
                .filter(|n| n.is_finite());
            if parsed.is_none() {
                errors.add(name, "A valid number is required.");
            }
            parsed
        }
    };
    let width = number("width");
    let height = number("height");
    let enabled = match fields.get("enabled") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) => {
            let parsed = crate::api::query::parse_bool(s);
            if parsed.is_none() {
                errors.add("enabled", "Must be a valid boolean.");
            }
            parsed
        }
        Some(_) => {
            errors.add("enabled", "Must be a valid boolean.");
            None
        }
    };
    errors.into_result()?;
    Ok(Input {
        name,
        description,
        model_type,
        template,
        filename,
        width,
        height,
        filters,
        enabled,
    })
}
