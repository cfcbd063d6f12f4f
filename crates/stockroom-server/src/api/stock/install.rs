//! `POST /api/stock/<pk>/install/` and `POST /api/stock/<pk>/uninstall/`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_core::Quantity;

use super::action_body::action_error;
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, field_error};
use crate::api::fields::{DefaultValue, Field, Input, Kind};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::run;

/// The body of an install.
pub(crate) const INSTALL_FIELDS: &[Field] = &[
    Field::new(
        "stock_item",
        Kind::Related("stockitem", "/api/stock/"),
        "Stock Item",
    )
    .required()
    .help("Select stock item to install"),
    Field::new("quantity", Kind::Integer, "Quantity to Install")
        .default(DefaultValue::Int(1))
        .help("Enter the quantity of items to install"),
    Field::text("note", "Note", 512).help("Add transaction note (optional)"),
];

/// The body of an uninstall.
pub(crate) const UNINSTALL_FIELDS: &[Field] = &[
    Field::new(
        "location",
        Kind::Related("stocklocation", "/api/stock/location/"),
        "Location",
    )
    .required()
    .help("Destination location for uninstalled item"),
    Field::text("note", "Notes", 512).help("Add transaction note (optional)"),
];

/// `OPTIONS` descriptions.
pub(crate) const INSTALL: Endpoint = Endpoint {
    name: "Stock Item Install",
    model: "stockitem",
    rule: RuleSet::Stock,
    fields: INSTALL_FIELDS,
    detail: false,
    writable: true,
};
pub(crate) const UNINSTALL: Endpoint = Endpoint {
    name: "Stock Item Uninstall",
    fields: UNINSTALL_FIELDS,
    ..INSTALL
};

pub(crate) async fn install_options(auth: MaybeAuth) -> Response {
    options::respond(&INSTALL, &auth)
}

pub(crate) async fn uninstall_options(auth: MaybeAuth) -> Response {
    options::respond(&UNINSTALL, &auth)
}

/// Installs another item into this one. Answers 201 with the request echoed back.
pub(crate) async fn install(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::Change)?;
    let input = Input::parse(&data, INSTALL_FIELDS, false)?;
    let quantity = input.int("quantity").unwrap_or(1);
    if quantity < 1 {
        return Err(field_error(
            "quantity",
            "Ensure this value is greater than or equal to 1.",
        ));
    }
    let amount =
        Quantity::from_whole(quantity).map_err(|e| field_error("quantity", e.to_string()))?;
    let child = input.int("stock_item").unwrap_or_default();
    let note = input.text("note").unwrap_or_default();
    let mut body = json!({"stock_item": child, "quantity": quantity});
    if input.has("note") {
        body["note"] = json!(note);
    }
    let user = Some(auth.user.id);
    run(&state, move |store| {
        store
            .install_stock(pk, child, amount, &note, user)
            .map_err(|e| action_error(e, 0))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Takes this item out of the item it is installed in. Answers 201 with the request echoed.
pub(crate) async fn uninstall(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::Change)?;
    let input = Input::parse(&data, UNINSTALL_FIELDS, false)?;
    let location = input.int("location").unwrap_or_default();
    let note = input.text("note").unwrap_or_default();
    let mut body: Value = json!({"location": location});
    if input.has("note") {
        body["note"] = json!(note);
    }
    let user = Some(auth.user.id);
    run(&state, move |store| {
        store
            .uninstall_stock(pk, location, &note, user)
            .map_err(|e| action_error(e, 0))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
