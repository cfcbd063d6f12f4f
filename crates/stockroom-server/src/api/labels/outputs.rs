//! Print outputs: `/api/data-output/` (list), `/api/data-output/<pk>/` (detail, delete) and
//! `/api/data-output/<pk>/download/` (the file). Users see their own outputs; staff see all.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_store::labels::DataOutput;
use stockroom_store::listing::PageRequest;

use crate::AppState;
use crate::api::auth::Auth;
use crate::api::error::ApiError;
use crate::api::list::{self, Page, RequestUrl};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

/// An output as the API shows it (InvenTree's data output serializer).
pub(crate) fn body(o: &DataOutput) -> Value {
    let has_file = o.complete && o.errors.is_none();
    json!({
        "pk": o.id,
        "created": o.created.and_utc().to_rfc3339(),
        "user": o.user_id,
        "model_type": o.model_type,
        "items": o.items,
        "complete": o.complete,
        "progress": o.progress,
        "output": has_file.then(|| format!("/api/data-output/{}/download/", o.id)),
        "template": o.template_id,
        "plugin": o.plugin,
        "output_type": o.output_type,
        "errors": o.errors,
    })
}

fn staff(auth: &Auth) -> bool {
    auth.user.is_staff || auth.user.is_superuser
}

/// The output if this user may see it (another user's is "not found" to non-staff).
async fn visible(state: &AppState, auth: &Auth, pk: i64) -> Result<DataOutput, ApiError> {
    let output = run(state, move |store| Ok(store.data_output(pk)?)).await?;
    if !staff(auth) && output.user_id != Some(auth.user.id) {
        return Err(ApiError::not_found("DataOutput"));
    }
    Ok(output)
}

pub(crate) async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    let page = Page::from_params(&params)?;
    params.finish()?;
    let user = (!staff(&auth)).then_some(auth.user.id);
    let request = PageRequest {
        limit: page.limit,
        offset: page.offset,
    };
    let listed = run(&state, move |store| {
        Ok(store.query_data_outputs(user, request)?)
    })
    .await?;
    let results = listed.items.iter().map(body).collect();
    Ok(list::respond(page, listed.count, results, &url))
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(body(&visible(&state, &auth, pk).await?)))
}

pub(crate) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    visible(&state, &auth, pk).await?;
    run(&state, move |store| Ok(store.delete_data_output(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn download(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    let output = visible(&state, &auth, pk).await?;
    let content = run(&state, move |store| Ok(store.data_output_content(pk)?)).await?;
    let Some(content) = content else {
        return Err(ApiError::NotFound(
            "The output has no file (the job is running or failed).".into(),
        ));
    };
    let disposition = format!(
        "attachment; filename=\"{}\"",
        output.filename.replace('"', "")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        content,
    )
        .into_response())
}
