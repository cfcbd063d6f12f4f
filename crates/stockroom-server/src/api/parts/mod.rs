//! Parts: `/api/part/` and `/api/part/<pk>/`.

mod body;
mod fields;
mod input;
mod query;

pub(crate) use body::{brief, number};
pub(crate) use input::{exact, quantity};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;
use stockroom_store::parts::PartDetails;

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, field_error};
use crate::api::fields::Input;
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};
use fields::FIELDS;

/// The part list, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Part List",
    model: "part",
    rule: RuleSet::Part,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// One part, for `OPTIONS` and the OpenAPI document.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Part Detail",
    detail: true,
    ..LIST
};

/// Most ids `exclude_id` may list.
const MAX_EXCLUDED: usize = 1000;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/part/", get(list).post(create).options(list_options))
        .route(
            "/api/part/{pk}/",
            get(detail)
                .put(change)
                .patch(change)
                .delete(remove)
                .options(detail_options),
        )
        .route(
            "/api/part/{pk}/serial-numbers/",
            get(crate::api::stock::serials::part_serials),
        )
}

async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Part, Perm::View)?;
    let page = Page::from_params(&params)?;
    let query = query::part_query(&params, page);
    params.finish()?;
    // Each excluded id is a bound parameter, which both databases cap.
    if query.exclude_ids.len() > MAX_EXCLUDED {
        return Err(field_error(
            "exclude_id",
            format!("Ensure this field has no more than {MAX_EXCLUDED} elements."),
        ));
    }
    let details = query.details;
    let listed = run(&state, move |store| Ok(store.query_parts(&query)?)).await?;
    let results = listed
        .items
        .iter()
        .map(|row| body::body(row, details, false))
        .collect();
    Ok(list::respond(page, listed.count, results, &url))
}

async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Part, Perm::View)?;
    let details = query::details(&params);
    params.finish()?;
    let row = run(&state, move |store| Ok(store.part_row(pk, details)?)).await?;
    Ok(Json(body::body(&row, details, true)))
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Part, Perm::Add)?;
    let user = auth.user.id;
    let row = run(&state, move |store| {
        let id = create_part(store, &data, user)?;
        Ok(store.part_row(id, PartDetails::default())?)
    })
    .await?;
    let body = body::body(&row, PartDetails::default(), true);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Creates a part from a body shaped as `POST /api/part/` takes it, inside the caller's
/// blocking store call; returns the new part's id. Shared by the REST API and the web form.
pub(crate) fn create_part(
    store: &stockroom_store::Store,
    data: &Value,
    user: i64,
) -> Result<i64, ApiError> {
    let input = Input::parse(data, FIELDS, false)?;
    let mut new = input::new_part(&input)?;
    new.creation_date = Some(chrono::Utc::now().date_naive());
    new.creation_user_id = Some(user);
    check_links(store, &input, FIELDS)?;
    Ok(store.create_part_checked(&new)?.id)
}

async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Part, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = input::part_changes(&input)?;
    let row = run(&state, move |store| {
        store.part(pk)?;
        check_links(store, &input, FIELDS)?;
        store.update_part_checked(pk, &changes)?;
        Ok(store.part_row(pk, PartDetails::default())?)
    })
    .await?;
    Ok(Json(body::body(&row, PartDetails::default(), true)))
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::Part, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_part_checked(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A part's detail representation, as `GET /api/part/<pk>/` gives it (for scan results).
pub(crate) fn instance(store: &stockroom_store::Store, pk: i64) -> Result<Value, ApiError> {
    let row = store.part_row(pk, PartDetails::default())?;
    Ok(body::body(&row, PartDetails::default(), true))
}
