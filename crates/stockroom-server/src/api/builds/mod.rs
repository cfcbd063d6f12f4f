//! Build orders: `/api/build/`, their lines (`/api/build/line/`), allocations
//! (`/api/build/item/`), outputs and status transitions.

mod actions;
mod body;
mod fields;
mod lines;
mod outputs;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;
use stockroom_store::Store;
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::{BuildChanges, BuildOrder, BuildQuery, NewBuild};

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::ApiError;
use crate::api::fields::Input;
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::schema::Doc;
use crate::api::{check_links, run};
use fields::FIELDS;

/// The build list, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Build List",
    model: "build",
    rule: RuleSet::Build,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// One build.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Build Detail",
    detail: true,
    ..LIST
};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/build/", get(list).post(create).options(list_options))
        .route(
            "/api/build/{pk}/",
            get(detail)
                .put(change)
                .patch(change)
                .delete(remove)
                .options(detail_options),
        )
        .route("/api/build/{pk}/issue/", post(actions::issue))
        .route("/api/build/{pk}/hold/", post(actions::hold))
        .route("/api/build/{pk}/cancel/", post(actions::cancel))
        .route("/api/build/{pk}/finish/", post(actions::finish))
        .route(
            "/api/build/{pk}/create-output/",
            post(outputs::create_output),
        )
        .route("/api/build/{pk}/complete/", post(outputs::complete_outputs))
        .route(
            "/api/build/{pk}/complete-outputs/",
            post(outputs::complete_outputs),
        )
        .route(
            "/api/build/{pk}/delete-outputs/",
            post(outputs::delete_outputs),
        )
        .route(
            "/api/build/{pk}/scrap-outputs/",
            post(outputs::scrap_outputs),
        )
        .route("/api/build/{pk}/allocate/", post(actions::allocate))
        .route("/api/build/{pk}/unallocate/", post(actions::unallocate))
        .merge(lines::router())
}

/// This module's routes, for the OpenAPI document.
pub(crate) fn docs() -> Vec<Doc> {
    use utoipa::openapi::path::HttpMethod;
    let action = |path, summary, fields| Doc::Action {
        path,
        method: HttpMethod::Post,
        summary,
        tag: "build",
        fields,
    };
    vec![
        Doc::Resource {
            list: "/api/build/",
            list_endpoint: &LIST,
            detail: "/api/build/{pk}/",
            detail_endpoint: &DETAIL,
        },
        Doc::Resource {
            list: "/api/build/item/",
            list_endpoint: &lines::ITEM_LIST,
            detail: "/api/build/item/{pk}/",
            detail_endpoint: &lines::ITEM_DETAIL,
        },
        Doc::Resource {
            list: "/api/build/line/",
            list_endpoint: &lines::LINE_LIST,
            detail: "/api/build/line/{pk}/",
            detail_endpoint: &lines::LINE_DETAIL,
        },
        action("/api/build/{pk}/issue/", "Issue a build order", &[]),
        action("/api/build/{pk}/hold/", "Place a build order on hold", &[]),
        action(
            "/api/build/{pk}/cancel/",
            "Cancel a build order",
            fields::CANCEL,
        ),
        action(
            "/api/build/{pk}/finish/",
            "Complete a build order",
            fields::FINISH,
        ),
        action(
            "/api/build/{pk}/create-output/",
            "Create build outputs",
            fields::CREATE_OUTPUT,
        ),
        action(
            "/api/build/{pk}/complete-outputs/",
            "Complete build outputs",
            fields::COMPLETE_OUTPUTS,
        ),
        action(
            "/api/build/{pk}/delete-outputs/",
            "Delete build outputs",
            fields::DELETE_OUTPUTS,
        ),
        action(
            "/api/build/{pk}/allocate/",
            "Allocate stock to a build",
            fields::ALLOCATE,
        ),
        action(
            "/api/build/{pk}/unallocate/",
            "Remove build allocations",
            fields::UNALLOCATE,
        ),
    ]
}

/// A build's detail body, as a barcode scan shows it (blocking: call from a store task).
pub(crate) fn instance(store: &Store, pk: i64) -> Result<Value, ApiError> {
    Ok(body::build_body(&store.build_row(pk)?, true, true))
}

async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

fn ordering(params: &Params) -> Vec<(BuildOrder, bool)> {
    params
        .ordering()
        .into_iter()
        .filter_map(|(key, desc)| {
            let key = match key.as_str() {
                "reference" => BuildOrder::Reference,
                "title" => BuildOrder::Title,
                "status" => BuildOrder::Status,
                "quantity" => BuildOrder::Quantity,
                "creation_date" => BuildOrder::CreationDate,
                "target_date" => BuildOrder::TargetDate,
                "completion_date" => BuildOrder::CompletionDate,
                "pk" | "id" => BuildOrder::Id,
                _ => return None,
            };
            Some((key, desc))
        })
        .collect()
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::View)?;
    let page = Page::from_params(&params)?;
    let status = params.int("status").and_then(|s| i32::try_from(s).ok());
    let active = params.bool("active").or(params.bool("outstanding"));
    let query = BuildQuery {
        status,
        active,
        part: params.link("part").flatten(),
        parent: params.link("parent"),
        sales_order: params.link("sales_order"),
        reference: params.text("reference").map(str::to_owned),
        search: params.search(),
        ordering: ordering(&params),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    let part_detail = params.flag("part_detail", true);
    params.finish()?;
    let listed = run(&state, move |store| Ok(store.query_builds(&query)?)).await?;
    let results = listed
        .items
        .iter()
        .map(|row| body::build_body(row, part_detail, false))
        .collect();
    Ok(list::respond(page, listed.count, results, &url))
}

async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Build, Perm::View)?;
    let part_detail = params.flag("part_detail", true);
    params.finish()?;
    let row = run(&state, move |store| Ok(store.build_row(pk)?)).await?;
    Ok(Json(body::build_body(&row, part_detail, true)))
}

fn quantity(input: &Input) -> Result<Option<i64>, ApiError> {
    match input.quantity("quantity") {
        Some(q) if !q.is_positive() => Err(crate::api::error::field_error(
            "quantity",
            "Quantity must be greater than zero",
        )),
        other => Ok(other.map(|q| q.units())),
    }
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let new = NewBuild {
        reference: input.text("reference").unwrap_or_default(),
        title: input.text("title").unwrap_or_default(),
        part_id: input.int("part").unwrap_or_default(),
        quantity: quantity(&input)?.unwrap_or_default(),
        batch: input.nullable_text("batch").flatten(),
        parent_id: input.nullable_int("parent").flatten(),
        sales_order_id: input.nullable_int("sales_order").flatten(),
        take_from_id: input.nullable_int("take_from").flatten(),
        destination_id: input.nullable_int("destination").flatten(),
        external: input.bool("external").unwrap_or(false),
        link: input.text("link").unwrap_or_default(),
        notes: input.nullable_text("notes").flatten().unwrap_or_default(),
        start_date: input.nullable_date("start_date").flatten(),
        target_date: input.nullable_date("target_date").flatten(),
        issued_by_id: input
            .nullable_int("issued_by")
            .unwrap_or(Some(auth.user.id)),
        ..NewBuild::default()
    };
    let row = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.create_build_order(&new)?;
        Ok(store.build_row(created.id)?)
    })
    .await?;
    let out = body::build_body(&row, true, true);
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Build, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = BuildChanges {
        reference: input.text("reference"),
        title: input.text("title"),
        quantity: quantity(&input)?,
        batch: input.nullable_text("batch"),
        parent_id: input.nullable_int("parent"),
        sales_order_id: input.nullable_int("sales_order"),
        take_from_id: input.nullable_int("take_from"),
        destination_id: input.nullable_int("destination"),
        external: input.bool("external"),
        link: input.text("link"),
        notes: input.nullable_text("notes").map(Option::unwrap_or_default),
        start_date: input.nullable_date("start_date"),
        target_date: input.nullable_date("target_date"),
        ..BuildChanges::default()
    };
    let part = input.int("part");
    let row = run(&state, move |store| {
        store.build(pk)?;
        check_links(store, &input, FIELDS)?;
        store.update_build_order(pk, part, &changes)?;
        Ok(store.build_row(pk)?)
    })
    .await?;
    Ok(Json(body::build_body(&row, true, true)))
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::Build, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_build_order(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
