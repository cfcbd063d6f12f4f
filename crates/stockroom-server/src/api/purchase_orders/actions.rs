//! The order actions: `issue/`, `hold/`, `cancel/`, `complete/` and `receive/` under
//! `/api/order/po/<pk>/`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{Map, Value, json};
use stockroom_store::orders::{PoTransition, Receipt, ReceiveEntry};
use stockroom_store::settings::SettingScope;
use stockroom_store::stock::{ActionError, Refusal};

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, FieldErrors};
use crate::api::fields::{Choice, ChoiceValue, DefaultValue, Field, Input, Kind};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::run;

macro_rules! choices {
    ($($value:literal => $display:literal),* $(,)?) => {
        &[$(Choice { value: ChoiceValue::Int($value), display: $display }),*]
    };
}

/// InvenTree's `StockStatus` choices.
const STOCK_STATUS: &[Choice] = choices!(
    10 => "OK", 50 => "Attention needed", 55 => "Damaged", 60 => "Destroyed",
    65 => "Rejected", 70 => "Lost", 75 => "Quarantined", 85 => "Returned",
);

const LOCATION: Field = Field::link(
    "location",
    "Location",
    "stocklocation",
    "/api/stock/location/",
)
.help("Select destination location for received items");

/// One entry of a receipt.
pub(crate) const RECEIVE_ITEM_FIELDS: &[Field] = &[
    Field::new(
        "line_item",
        Kind::Related("purchaseorderlineitem", "/api/order/po-line/"),
        "Line Item",
    )
    .required(),
    LOCATION,
    Field::new("quantity", Kind::Decimal, "Quantity").required(),
    Field::new("status", Kind::Choice(STOCK_STATUS), "Status").default(DefaultValue::Int(10)),
    Field::new("batch_code", Kind::String, "Batch Code")
        .blank()
        .max_length(100)
        .help("Enter batch code for incoming stock items"),
    Field::new("expiry_date", Kind::Date, "Expiry Date")
        .nullable()
        .help("Enter expiry date for incoming stock items"),
    Field::new("serial_numbers", Kind::String, "Serial Numbers")
        .blank()
        .help("Enter serial numbers for incoming stock items"),
    Field::new("packaging", Kind::String, "Packaging")
        .blank()
        .max_length(50)
        .help("Override packaging information for incoming stock items"),
    Field::new("note", Kind::String, "Note")
        .blank()
        .help("Additional note for incoming stock items"),
];

/// The body of a receipt.
pub(crate) const RECEIVE_FIELDS: &[Field] = &[
    Field::new("items", Kind::List, "Items").required(),
    LOCATION,
];

/// The body of `complete/`.
pub(crate) const COMPLETE_FIELDS: &[Field] =
    &[Field::flag("accept_incomplete", "Accept Incomplete", false)
        .help("Allow order to be closed with incomplete line items")];

const fn endpoint(name: &'static str, fields: &'static [Field]) -> Endpoint {
    Endpoint {
        name,
        model: "purchaseorder",
        rule: RuleSet::PurchaseOrder,
        fields,
        detail: false,
        writable: true,
    }
}

pub(crate) const ISSUE: Endpoint = endpoint("Purchase Order Issue", &[]);
pub(crate) const HOLD: Endpoint = endpoint("Purchase Order Hold", &[]);
pub(crate) const CANCEL: Endpoint = endpoint("Purchase Order Cancel", &[]);
pub(crate) const COMPLETE: Endpoint = endpoint("Purchase Order Complete", COMPLETE_FIELDS);
pub(crate) const RECEIVE: Endpoint = endpoint("Purchase Order Receive", RECEIVE_FIELDS);

pub(crate) fn routes() -> Router<AppState> {
    use axum::routing::post;
    Router::new()
        .route(
            "/api/order/po/{pk}/issue/",
            post(issue).options(|a: MaybeAuth| async move { options::respond(&ISSUE, &a) }),
        )
        .route(
            "/api/order/po/{pk}/hold/",
            post(hold).options(|a: MaybeAuth| async move { options::respond(&HOLD, &a) }),
        )
        .route(
            "/api/order/po/{pk}/cancel/",
            post(cancel).options(|a: MaybeAuth| async move { options::respond(&CANCEL, &a) }),
        )
        .route(
            "/api/order/po/{pk}/complete/",
            post(complete).options(|a: MaybeAuth| async move { options::respond(&COMPLETE, &a) }),
        )
        .route(
            "/api/order/po/{pk}/receive/",
            post(receive).options(|a: MaybeAuth| async move { options::respond(&RECEIVE, &a) }),
        )
}

async fn transition(
    state: AppState,
    auth: Auth,
    pk: i64,
    change: PoTransition,
    echo: Value,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::Change)?;
    run(&state, move |store| Ok(store.transition_po(pk, change)?)).await?;
    Ok((StatusCode::CREATED, Json(echo)).into_response())
}

async fn issue(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, PoTransition::Issue, json!({})).await
}

async fn hold(State(state): State<AppState>, auth: Auth, Pk(pk): Pk) -> Result<Response, ApiError> {
    transition(state, auth, pk, PoTransition::Hold, json!({})).await
}

async fn cancel(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, PoTransition::Cancel, json!({})).await
}

async fn complete(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    let input = Input::parse(&data, COMPLETE_FIELDS, false)?;
    let accept_incomplete = input.bool("accept_incomplete").unwrap_or(false);
    let change = PoTransition::Complete { accept_incomplete };
    let echo = json!({"accept_incomplete": accept_incomplete});
    transition(state, auth, pk, change, echo).await
}

fn errors_of(result: Result<Input, ApiError>) -> Result<Input, Value> {
    match result {
        Ok(input) => Ok(input),
        Err(ApiError::Validation(errors)) => Err(errors.into_value()),
        Err(other) => Err(json!({"non_field_errors": [format!("{other:?}")]})),
    }
}

/// The receipt's top-level fields and its entries, every problem reported at once in DRF's
/// nested shape (`{"items": [{}, {"quantity": [...]}]}`).
fn parse(body: &Value) -> Result<(Input, Vec<Input>), ApiError> {
    let top = Input::parse(body, &RECEIVE_FIELDS[1..], false)?;
    let mut errors = FieldErrors::new();
    let mut entries = Vec::new();
    match body.get("items") {
        None | Some(Value::Null) => errors.add("items", "This field is required."),
        Some(Value::Array(list)) => {
            let mut found = Vec::with_capacity(list.len());
            let mut failed = false;
            for element in list {
                let mut element = element.clone();
                if let Value::Object(map) = &mut element {
                    blank_to_null(map);
                }
                let parsed = errors_of(Input::parse(&element, RECEIVE_ITEM_FIELDS, false));
                let parsed = parsed.and_then(|input| match input.quantity("quantity") {
                    Some(q) if q.is_negative() => Err(json!({
                        "quantity": ["Ensure this value is greater than or equal to 0."]
                    })),
                    _ => Ok(input),
                });
                match parsed {
                    Ok(input) => {
                        entries.push(input);
                        found.push(json!({}));
                    }
                    Err(e) => {
                        failed = true;
                        found.push(e);
                    }
                }
            }
            if failed {
                errors.set("items", Value::Array(found));
            }
        }
        Some(_) => errors.set(
            "items",
            json!({"non_field_errors": ["Expected a list of items but got type \"dict\"."]}),
        ),
    }
    errors.into_result()?;
    Ok((top, entries))
}

/// DRF reads a blank status as no choice and a blank link as null.
fn blank_to_null(map: &mut Map<String, Value>) {
    for key in ["status", "location", "expiry_date"] {
        if map.get(key).and_then(Value::as_str) == Some("") {
            map.insert(key.into(), Value::Null);
        }
    }
    if map.get("status").is_some_and(Value::is_null) {
        map.remove("status");
    }
    for key in ["batch_code", "serial_numbers", "packaging", "note"] {
        if map.get(key).is_some_and(Value::is_null) {
            map.remove(key);
        }
    }
}

/// A refused receipt in DRF's shape.
fn refused(refusal: Refusal, count: usize) -> ApiError {
    let mut errors = FieldErrors::new();
    if !refusal.items.is_empty() {
        let mut list: Vec<Map<String, Value>> = vec![Map::new(); count];
        for problem in refusal.items {
            if let Some(entry) = list.get_mut(problem.index) {
                let messages = entry
                    .entry(problem.field.to_owned())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(messages) = messages {
                    messages.push(Value::String(problem.message));
                }
            }
        }
        errors.set(
            "items",
            Value::Array(list.into_iter().map(Value::Object).collect()),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (field, message) in refusal.fields {
        let field = field.unwrap_or("non_field_errors");
        if seen.insert((field, message.clone())) {
            errors.add(field, message);
        }
    }
    ApiError::Validation(errors)
}

async fn receive(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::Change)?;
    let (top, entries) = parse(&data)?;
    let receipt_entries: Vec<ReceiveEntry> = entries
        .iter()
        .map(|e| ReceiveEntry {
            line: e.int("line_item").unwrap_or_default(),
            quantity: e.quantity("quantity").unwrap_or_default(),
            location: e.nullable_int("location").flatten(),
            status: e
                .int("status")
                .and_then(|s| i32::try_from(s).ok())
                .unwrap_or(10),
            batch: e.text("batch_code").unwrap_or_default(),
            expiry_date: e.nullable_date("expiry_date").flatten(),
            serial_numbers: e.text("serial_numbers").unwrap_or_default(),
            packaging: e.text("packaging").unwrap_or_default(),
            note: e.text("note").unwrap_or_default(),
        })
        .collect();
    let location = top.nullable_int("location").flatten();
    let user = auth.user.id;
    let count = receipt_entries.len();
    let items = run(&state, move |store| {
        // Links that do not exist are the sender's mistake, reported per entry.
        let mut missing = Refusal::default();
        let refs: Vec<(&str, i64)> = location
            .map(|l| ("stocklocation", l))
            .into_iter()
            .chain(
                receipt_entries
                    .iter()
                    .filter_map(|e| e.location.map(|l| ("stocklocation", l))),
            )
            .collect();
        let absent = store.missing_objects(&refs)?;
        if let Some(l) = location.filter(|l| absent.iter().any(|(_, p)| p == l)) {
            missing.fields.push((
                Some("location"),
                format!("Invalid pk \"{l}\" - object does not exist."),
            ));
        }
        for (index, e) in receipt_entries.iter().enumerate() {
            if let Some(l) = e.location.filter(|l| absent.iter().any(|(_, p)| p == l)) {
                missing.items.push(stockroom_store::stock::ItemProblem {
                    index,
                    field: "location",
                    message: format!("Invalid pk \"{l}\" - object does not exist."),
                });
            }
        }
        if !missing.is_empty() {
            return Err(refused(missing, count));
        }
        let max = store
            .setting(SettingScope::Global, "SERIAL_NUMBER_MAX_QUANTITY")?
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(stockroom_core::serial::DEFAULT_MAX_QUANTITY);
        let receipt = Receipt {
            order: pk,
            location,
            entries: receipt_entries,
            max_serials: max,
        };
        let ids = store
            .receive_purchase_order(&receipt, Some(user))
            .map_err(|e| match e {
                ActionError::Refused(refusal) => refused(refusal, count),
                ActionError::Store(e) => e.into(),
            })?;
        ids.iter()
            .map(|id| crate::api::stock::instance(store, *id))
            .collect::<Result<Vec<Value>, ApiError>>()
    })
    .await?;
    Ok((StatusCode::CREATED, Json(Value::Array(items))).into_response())
}
