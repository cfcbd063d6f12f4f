//! Serial numbers of stock: serializing an item (`POST /api/stock/<pk>/serialize/`), an
//! item's serialized neighbours (`GET /api/stock/<pk>/serial-numbers/`) and a part's latest
//! and next serial (`GET /api/part/<pk>/serial-numbers/`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_core::serial::{Increment, SerialPattern};
use stockroom_plugins::validation::{PartRef, Validators};
use stockroom_store::settings::SettingScope;
use stockroom_store::stock::{KeyedSerial, Serialize, SerialsError};
use stockroom_store::{Store, StoreError};

use super::body::Detail;
use super::items::bodies;
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, FieldErrors, field_error};
use crate::api::fields::{Field, Input, Kind};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::run;

/// The body of a serialize request.
pub(crate) const SERIALIZE_FIELDS: &[Field] = &[
    Field::new("quantity", Kind::Integer, "Quantity")
        .required()
        .help("Enter number of stock items to serialize"),
    Field::new("serial_numbers", Kind::String, "Serial Numbers")
        .required()
        .help("Enter serial numbers for new items"),
    Field::new(
        "destination",
        Kind::Related("stocklocation", "/api/stock/location/"),
        "Location",
    )
    .required()
    .help("Destination stock location"),
    Field::text("notes", "Notes", 512)
        .blank()
        .help("Optional note field"),
];

/// `OPTIONS` description of the serialize action.
pub(crate) const SERIALIZE: Endpoint = Endpoint {
    name: "Stock Item Serialize",
    model: "stockitem",
    rule: RuleSet::Stock,
    fields: SERIALIZE_FIELDS,
    detail: false,
    writable: true,
};

pub(crate) async fn serialize_options(auth: MaybeAuth) -> Response {
    options::respond(&SERIALIZE, &auth)
}

/// The largest quantity one request may serialize (`SERIAL_NUMBER_MAX_QUANTITY`).
pub(crate) fn max_quantity(store: &Store) -> Result<u64, ApiError> {
    Ok(store
        .setting(SettingScope::Global, "SERIAL_NUMBER_MAX_QUANTITY")?
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(stockroom_core::serial::DEFAULT_MAX_QUANTITY))
}

/// Expands a pattern from the scope's latest serial, checks it with the validation plugins,
/// and keys each serial. Pattern errors are reported on `fields` (each message on each).
pub(crate) fn choose_serials(
    validators: &Validators,
    part: PartRef<'_>,
    pattern: &str,
    quantity: i64,
    max: u64,
    latest: Option<&str>,
    fields: &[&str],
) -> Result<Vec<KeyedSerial>, ApiError> {
    let serials = SerialPattern::new()
        .with_latest(latest)
        .with_max_quantity(max)
        .with_increment(validators as &dyn Increment)
        .expand(pattern, quantity)
        .map_err(|errors| {
            let mut found = FieldErrors::new();
            for field in fields {
                for error in &errors {
                    found.add(field, error.to_string());
                }
            }
            ApiError::Validation(found)
        })?;
    validators
        .check_serials(serials.iter().map(String::as_str), part)
        .map_err(|message| field_error("serial_numbers", message))?;
    Ok(serials
        .into_iter()
        .map(|serial| KeyedSerial {
            key: validators.serial_key(&serial),
            serial,
        })
        .collect())
}

/// Takes units out of an item into new serialized items. Answers 201 with the new items.
pub(crate) async fn serialize(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::Change)?;
    let input = Input::parse(&data, SERIALIZE_FIELDS, false)?;
    let quantity = input.int("quantity").unwrap_or_default();
    if quantity <= 0 {
        return Err(field_error(
            "quantity",
            "Quantity must be greater than zero",
        ));
    }
    let pattern = input.text("serial_numbers").unwrap_or_default();
    if pattern.trim().is_empty() {
        return Err(field_error(
            "serial_numbers",
            "This field may not be blank.",
        ));
    }
    let Some(destination) = input.int("destination") else {
        return Err(field_error("destination", "This field may not be null."));
    };
    let notes = input.text("notes").unwrap_or_default();
    let validators = state.validators.clone();
    let user = auth.user.id;
    let items = run(&state, move |store| {
        let item = store.stock_item(pk)?;
        let part = store.part(item.part_id)?;
        let max = max_quantity(store)?;
        let request = Serialize {
            item: pk,
            quantity,
            destination,
            notes,
        };
        let part_ref = PartRef {
            pk: part.id,
            name: &part.name,
        };
        let ids = store
            .serialize_stock(&request, Some(user), |latest| {
                choose_serials(
                    &validators,
                    part_ref,
                    &pattern,
                    quantity,
                    max,
                    latest,
                    &["serial_numbers"],
                )
            })
            .map_err(|e| match e {
                SerialsError::Rejected(e) => e,
                SerialsError::Store(e) => e.into(),
            })?;
        let rows = store.stock_rows(&ids)?;
        bodies(store, &rows, Detail::DEFAULT)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(Value::Array(items))).into_response())
}

/// The serialized items before and after this one in its serial scope.
pub(crate) async fn neighbours(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Stock, Perm::View)?;
    let body = run(&state, move |store| {
        let found = store.serial_neighbours(pk)?;
        let one = |id: Option<i64>| -> Result<Value, ApiError> {
            let Some(id) = id else {
                return Ok(Value::Null);
            };
            let rows = store.stock_rows(&[id])?;
            Ok(bodies(store, &rows, Detail::DEFAULT)?
                .pop()
                .unwrap_or(Value::Null))
        };
        Ok(json!({"next": one(found.next)?, "previous": one(found.previous)?}))
    })
    .await?;
    Ok(Json(body))
}

/// A part's latest serial in its scope and the one after it.
pub(crate) async fn part_serials(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Part, Perm::View)?;
    let validators = state.validators.clone();
    let body = run(&state, move |store| {
        match store.part(pk) {
            Ok(_) => {}
            Err(StoreError::NotFound { .. }) => return Err(ApiError::not_found("Part")),
            Err(e) => return Err(e.into()),
        }
        let latest = store.latest_serial(pk)?;
        let next = match &latest {
            None => Some("1".to_owned()),
            // A serial that cannot count up is its own "next", as InvenTree answers.
            Some(serial) => Some(
                validators
                    .increment(serial)
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| serial.clone()),
            ),
        };
        Ok(json!({"latest": latest, "next": next}))
    })
    .await?;
    Ok(Json(body))
}
