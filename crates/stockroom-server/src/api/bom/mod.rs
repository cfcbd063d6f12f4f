//! BOM lines: `/api/bom/`, `/api/bom/<pk>/` and `/api/bom/<pk>/validate/`.

mod body;
mod fields;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_store::parts::{BomItemChanges, NewBomItem};

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, FieldErrors};
use crate::api::fields::{Field, Input};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::parts::{exact, quantity};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};
use body::Options;
use fields::FIELDS;

/// The BOM list, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Bom List",
    model: "bomitem",
    rule: RuleSet::Part,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// One BOM line, for `OPTIONS` and the OpenAPI document.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Bom Detail",
    detail: true,
    ..LIST
};

const VALIDATE: &[Field] = &[Field::flag("valid", "Valid", false)];

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/bom/", get(list).post(create).options(list_options))
        .route(
            "/api/bom/{pk}/",
            get(detail)
                .put(change)
                .patch(change)
                .delete(remove)
                .options(detail_options),
        )
        .route("/api/bom/{pk}/validate/", put(validate).patch(validate))
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
    let options = Options::read(&params);
    let query = body::bom_query(&params, page, options);
    params.finish()?;
    let listed = run(&state, move |store| Ok(store.query_bom(&query)?)).await?;
    let results = listed
        .items
        .iter()
        .map(|row| body::body(row, options))
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
    let options = Options::read(&params);
    params.finish()?;
    let with_assembly = options.with_assembly();
    let row = run(&state, move |store| Ok(store.bom_row(pk, with_assembly)?)).await?;
    Ok(Json(body::body(&row, options)))
}

/// The quantities of a line, checked together: `(quantity, setup, attrition, rounding)`.
type Amounts = (Option<i64>, Option<i64>, Option<i64>, Option<Option<i64>>);

fn amounts(input: &Input) -> Result<Amounts, ApiError> {
    let mut errors = FieldErrors::new();
    let amount = match exact(input, "quantity") {
        Some(Ok(q)) if q.is_positive() => Some(q.units()),
        Some(Ok(_)) => {
            errors.add("quantity", "Quantity must be greater than zero");
            None
        }
        Some(Err(message)) => {
            errors.add("quantity", message);
            None
        }
        None => None,
    };
    let setup = quantity(input, "setup_quantity", &mut errors).map(Quantity::units);
    let attrition = quantity(input, "attrition", &mut errors).map(Quantity::units);
    if attrition.is_some_and(|a| a > Quantity::ONE.units() * 100) {
        errors.add(
            "attrition",
            "Ensure this value is less than or equal to 100.",
        );
    }
    let rounding = if input.nullable_int("rounding_multiple") == Some(None) {
        Some(None)
    } else {
        quantity(input, "rounding_multiple", &mut errors).map(|q| Some(q.units()))
    };
    errors.into_result()?;
    Ok((amount, setup, attrition, rounding))
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Part, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let (amount, setup, attrition, rounding) = amounts(&input)?;
    let new = NewBomItem {
        part_id: input.int("part").unwrap_or_default(),
        sub_part_id: input.int("sub_part").unwrap_or_default(),
        quantity: amount.unwrap_or_default(),
        setup_quantity: setup.unwrap_or(0),
        attrition: attrition.unwrap_or(0),
        rounding_multiple: rounding.flatten(),
        reference: input.text("reference").unwrap_or_default(),
        note: input.text("note").unwrap_or_default(),
        optional: input.bool("optional").unwrap_or(false),
        consumable: input.bool("consumable").unwrap_or(false),
        allow_variants: input.bool("allow_variants").unwrap_or(false),
        inherited: input.bool("inherited").unwrap_or(false),
        validated: false,
    };
    let row = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.create_bom_item_checked(&new)?;
        Ok(store.bom_row(created.id, false)?)
    })
    .await?;
    let body = body::body(&row, Options::read(&Params::default()));
    Ok((StatusCode::CREATED, Json(body)).into_response())
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
    let (amount, setup, attrition, rounding) = amounts(&input)?;
    let changes = BomItemChanges {
        part_id: input.int("part"),
        sub_part_id: input.int("sub_part"),
        quantity: amount,
        setup_quantity: setup,
        attrition,
        rounding_multiple: rounding,
        reference: input.text("reference"),
        note: input.text("note"),
        optional: input.bool("optional"),
        consumable: input.bool("consumable"),
        allow_variants: input.bool("allow_variants"),
        inherited: input.bool("inherited"),
        validated: None,
    };
    let row = run(&state, move |store| {
        store.bom_item(pk)?;
        check_links(store, &input, FIELDS)?;
        store.update_bom_item_checked(pk, &changes)?;
        Ok(store.bom_row(pk, false)?)
    })
    .await?;
    Ok(Json(body::body(&row, Options::read(&Params::default()))))
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::Part, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_bom_item_checked(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn validate(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Part, Perm::Change)?;
    let input = Input::parse(&data, VALIDATE, true)?;
    let valid = input.bool("valid").unwrap_or(false);
    run(&state, move |store| Ok(store.validate_bom_item(pk, valid)?)).await?;
    Ok(Json(json!({"valid": valid})))
}
