//! Build outputs: creating, completing, scrapping and deleting them.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};
use stockroom_core::serial::SerialPattern;
use stockroom_store::orders::{
    CompleteOutputs, ItemsError, NewOutputs, OutputsError, ScrapOutputs,
};
use stockroom_store::settings::SettingScope;

use super::actions::{created, finish};
use super::fields;
use crate::AppState;
use crate::api::auth::{Auth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, FieldErrors, field_error};
use crate::api::fields::{Field, Input, Kind};
use crate::api::pk::Pk;
use crate::api::{check_links, run};

pub(super) async fn create_output(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Add)?;
    let input = Input::parse(&data, fields::CREATE_OUTPUT, false)?;
    let quantity = input.quantity("quantity").unwrap_or_default();
    if !quantity.is_positive() {
        return Err(field_error(
            "quantity",
            "Quantity must be greater than zero",
        ));
    }
    let new = NewOutputs {
        quantity: quantity.units(),
        serials: input.text("serial_numbers").filter(|s| !s.is_empty()),
        batch: input.text("batch_code"),
        location: input.nullable_int("location").flatten(),
    };
    let user = auth.user.id;
    let count = quantity.units() / stockroom_core::Quantity::ONE.units();
    let outputs = run(&state, move |store| {
        check_links(store, &input, fields::CREATE_OUTPUT)?;
        store.build(pk)?;
        let max = store
            .setting(SettingScope::Global, "SERIAL_NUMBER_MAX_QUANTITY")?
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(stockroom_core::serial::DEFAULT_MAX_QUANTITY);
        let pattern = new.serials.clone().unwrap_or_default();
        let created = store.create_build_outputs(pk, &new, Some(user), |latest| {
            SerialPattern::new()
                .with_latest(latest)
                .with_max_quantity(max)
                .expand(&pattern, count)
                .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>())
        });
        let ids = match created {
            Ok(ids) => ids,
            Err(OutputsError::Rejected(messages)) => {
                let mut errors = FieldErrors::new();
                for m in messages {
                    errors.add("serial_numbers", m);
                }
                return Err(ApiError::Validation(errors));
            }
            Err(OutputsError::Store(e)) => return Err(e.into()),
        };
        ids.iter()
            .map(|id| crate::api::stock::instance(store, *id))
            .collect::<Result<Vec<Value>, ApiError>>()
    })
    .await?;
    Ok(created(Value::Array(outputs)))
}

/// Nested errors of a list field: one object per entry, empty for entries without errors.
pub(super) fn entry_errors(
    field: &str,
    count: usize,
    found: Vec<(usize, &'static str, String)>,
) -> ApiError {
    let mut entries = vec![FieldErrors::new(); count];
    for (index, name, message) in found {
        if let Some(entry) = entries.get_mut(index) {
            entry.add(name, message);
        }
    }
    let mut errors = FieldErrors::new();
    errors.set(
        field,
        Value::Array(entries.into_iter().map(FieldErrors::into_value).collect()),
    );
    ApiError::Validation(errors)
}

pub(super) fn items_error(field: &str, count: usize, error: ItemsError) -> ApiError {
    match error {
        ItemsError::Items(found) => entry_errors(field, count, found),
        ItemsError::Store(e) => e.into(),
    }
}

/// Parses each entry of a list field against `entry_fields`; DRF's nested errors when any
/// entry is bad, and `empty` as the request's error when the list is empty.
pub(super) fn entries(
    data: &Value,
    field: &str,
    entry_fields: &[Field],
    empty: &str,
) -> Result<Vec<Input>, ApiError> {
    let list = data
        .get(field)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if list.is_empty() {
        return Err(field_error("non_field_errors", empty));
    }
    let mut parsed = Vec::with_capacity(list.len());
    let mut nested = Vec::with_capacity(list.len());
    let mut bad = false;
    for entry in &list {
        match Input::parse(entry, entry_fields, false) {
            Ok(input) => {
                parsed.push(input);
                nested.push(json!({}));
            }
            Err(ApiError::Validation(errors)) => {
                bad = true;
                nested.push(errors.into_value());
            }
            Err(other) => return Err(other),
        }
    }
    if bad {
        let mut errors = FieldErrors::new();
        errors.set(field, Value::Array(nested));
        return Err(ApiError::Validation(errors));
    }
    Ok(parsed)
}

const OUTPUT_ENTRY: &[Field] = &[Field::new(
    "output",
    Kind::Related("stockitem", "/api/stock/"),
    "Build Output",
)
.required()];

const NO_OUTPUTS: &str = "A list of build outputs must be provided";

/// `complete/`: with `outputs`, completes outputs (InvenTree's output-complete view);
/// without, completes the order as `finish/` does.
pub(super) async fn complete_outputs(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    uri: axum::http::Uri,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    if uri.path().ends_with("/complete/") && data.get("outputs").is_none() {
        return finish(State(state), auth, Pk(pk), JsonBody(data)).await;
    }
    auth.require(RuleSet::Build, Perm::Change)?;
    let input = Input::parse(&data, fields::COMPLETE_OUTPUTS, false)?;
    let outputs: Vec<i64> = entries(&data, "outputs", OUTPUT_ENTRY, NO_OUTPUTS)?
        .iter()
        .map(|e| e.int("output").unwrap_or_default())
        .collect();
    let request = CompleteOutputs {
        outputs,
        location: input.int("location").unwrap_or_default(),
        status: input
            .int("status")
            .and_then(|s| i32::try_from(s).ok())
            .unwrap_or(stockroom_core::status::stock_status::OK),
        notes: input.text("notes").unwrap_or_default(),
        accept_incomplete_allocation: input.bool("accept_incomplete_allocation").unwrap_or(false),
    };
    let user = auth.user.id;
    let count = request.outputs.len();
    run(&state, move |store| {
        check_links(store, &input, fields::COMPLETE_OUTPUTS)?;
        store
            .complete_build_outputs(pk, &request, Some(user))
            .map_err(|e| items_error("outputs", count, e))
    })
    .await?;
    Ok(created(data))
}

pub(super) async fn delete_outputs(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Delete)?;
    let outputs: Vec<i64> = entries(&data, "outputs", OUTPUT_ENTRY, NO_OUTPUTS)?
        .iter()
        .map(|e| e.int("output").unwrap_or_default())
        .collect();
    let count = outputs.len();
    run(&state, move |store| {
        store
            .delete_build_outputs(pk, &outputs)
            .map_err(|e| items_error("outputs", count, e))
    })
    .await?;
    Ok(created(data))
}

const SCRAP_ENTRY: &[Field] = &[
    Field::new(
        "output",
        Kind::Related("stockitem", "/api/stock/"),
        "Build Output",
    )
    .required(),
    Field::new("quantity", Kind::Decimal, "Quantity").required(),
];

pub(super) async fn scrap_outputs(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Build, Perm::Change)?;
    let input = Input::parse(&data, fields::SCRAP_OUTPUTS, false)?;
    let outputs: Vec<(i64, i64)> = entries(&data, "outputs", SCRAP_ENTRY, NO_OUTPUTS)?
        .iter()
        .map(|e| {
            (
                e.int("output").unwrap_or_default(),
                e.quantity("quantity").unwrap_or_default().units(),
            )
        })
        .collect();
    let request = ScrapOutputs {
        outputs,
        location: input.int("location").unwrap_or_default(),
        notes: input.text("notes").unwrap_or_default(),
        discard_allocations: input.bool("discard_allocations").unwrap_or(false),
    };
    let user = auth.user.id;
    let count = request.outputs.len();
    run(&state, move |store| {
        check_links(store, &input, fields::SCRAP_OUTPUTS)?;
        store
            .scrap_build_outputs(pk, &request, Some(user))
            .map_err(|e| items_error("outputs", count, e))
    })
    .await?;
    Ok(created(data))
}
