//! Return order actions: issue, hold, cancel, complete, and receiving returned items.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use stockroom_core::status::ro_status;
use stockroom_store::orders::{ReceiveLine, ReturnTransition, receive_text};

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, FieldErrors};
use crate::api::fields::{Choice, ChoiceValue, Field, Input, Kind};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::run;

/// InvenTree's `StockStatus` choices, which a returned item may take.
const STOCK_STATUS: &[Choice] = &[
    Choice {
        value: ChoiceValue::Int(10),
        display: "OK",
    },
    Choice {
        value: ChoiceValue::Int(50),
        display: "Attention needed",
    },
    Choice {
        value: ChoiceValue::Int(55),
        display: "Damaged",
    },
    Choice {
        value: ChoiceValue::Int(60),
        display: "Destroyed",
    },
    Choice {
        value: ChoiceValue::Int(65),
        display: "Rejected",
    },
    Choice {
        value: ChoiceValue::Int(70),
        display: "Lost",
    },
    Choice {
        value: ChoiceValue::Int(75),
        display: "Quarantined",
    },
    Choice {
        value: ChoiceValue::Int(85),
        display: "Returned",
    },
];

/// The body of a receive request.
pub(crate) const RECEIVE_FIELDS: &[Field] = &[
    Field::new("items", Kind::List, "Items").required(),
    Field::new(
        "location",
        Kind::Related("stocklocation", "/api/stock/location/"),
        "Location",
    )
    .required()
    .help("Select destination location for received items"),
    Field::text("note", "Note", 512).help("Additional note for incoming stock items"),
];

/// One entry of `items`.
const ITEM_FIELDS: &[Field] = &[
    Field::new(
        "item",
        Kind::Related("returnorderlineitem", "/api/order/ro-line/"),
        "Return order line item",
    )
    .required(),
    Field::new("status", Kind::Choice(STOCK_STATUS), "Status").nullable(),
];

const fn endpoint(name: &'static str, fields: &'static [Field]) -> Endpoint {
    Endpoint {
        name,
        model: "returnorder",
        rule: RuleSet::ReturnOrder,
        fields,
        detail: false,
        writable: true,
    }
}

const STATUS_ACTION: Endpoint = endpoint("Return Order Status", &[]);
const RECEIVE: Endpoint = endpoint("Return Order Receive", RECEIVE_FIELDS);

pub(super) async fn status_options(auth: MaybeAuth) -> Response {
    options::respond(&STATUS_ACTION, &auth)
}

pub(super) async fn receive_options(auth: MaybeAuth) -> Response {
    options::respond(&RECEIVE, &auth)
}

async fn transition(
    state: AppState,
    auth: Auth,
    pk: i64,
    transition: ReturnTransition,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::Change)?;
    run(&state, move |store| {
        Ok(store.transition_return_order(pk, transition)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({}))).into_response())
}

pub(super) async fn issue(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, ReturnTransition::Issue).await
}

pub(super) async fn hold(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, ReturnTransition::Hold).await
}

pub(super) async fn cancel(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, ReturnTransition::Cancel).await
}

pub(super) async fn complete(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Response, ApiError> {
    transition(state, auth, pk, ReturnTransition::Complete).await
}

/// The entries of `items`, each parsed on its own; their errors in DRF's list shape.
fn parse_items(list: &[Value]) -> Result<Vec<Input>, Value> {
    let mut parsed = Vec::with_capacity(list.len());
    let mut errors = Vec::with_capacity(list.len());
    let mut failed = false;
    for entry in list {
        let mut entry = entry.clone();
        // A blank status means the default, as DRF's `allow_blank` choice reads it.
        if let Value::Object(map) = &mut entry
            && map.get("status").and_then(Value::as_str) == Some("")
        {
            map.insert("status".into(), Value::Null);
        }
        match Input::parse(&entry, ITEM_FIELDS, false) {
            Ok(input) => {
                parsed.push(input);
                errors.push(json!({}));
            }
            Err(ApiError::Validation(e)) => {
                failed = true;
                errors.push(e.into_value());
            }
            Err(_) => {
                failed = true;
                errors.push(json!({"non_field_errors": ["Invalid data."]}));
            }
        }
    }
    if failed {
        Err(Value::Array(errors))
    } else {
        Ok(parsed)
    }
}

pub(super) async fn receive(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::Change)?;
    let top_fields: Vec<Field> = RECEIVE_FIELDS
        .iter()
        .copied()
        .filter(|f| f.name != "items")
        .collect();
    let top = Input::parse(&data, &top_fields, false);
    let mut errors = FieldErrors::new();
    let top = match top {
        Ok(input) => Some(input),
        Err(ApiError::Validation(found)) => {
            if let Value::Object(map) = found.into_value() {
                if map.contains_key("non_field_errors") {
                    return Err(ApiError::Validation({
                        let mut e = FieldErrors::new();
                        for (k, v) in map {
                            e.set(&k, v);
                        }
                        e
                    }));
                }
                for (k, v) in map {
                    errors.set(&k, v);
                }
            }
            None
        }
        Err(other) => return Err(other),
    };
    let entries = match data.get("items") {
        None | Some(Value::Null) => {
            errors.add("items", "This field is required.");
            None
        }
        Some(Value::Array(list)) => match parse_items(list) {
            Ok(parsed) => Some(parsed),
            Err(found) => {
                errors.set("items", found);
                None
            }
        },
        Some(other) => {
            let kind = match other {
                Value::Bool(_) => "bool",
                Value::Number(_) => "int",
                Value::String(_) => "str",
                _ => "dict",
            };
            errors.set(
                "items",
                json!({"non_field_errors": [format!("Expected a list of items but got type \"{kind}\".")]}),
            );
            None
        }
    };
    let note = top
        .as_ref()
        .and_then(|t| t.text("note"))
        .unwrap_or_default();
    let location = top.as_ref().and_then(|t| t.int("location"));
    let lines: Vec<ReceiveLine> = entries
        .iter()
        .flatten()
        .map(|e| ReceiveLine {
            line: e.int("item").unwrap_or_default(),
            status: e
                .int("status")
                .map(|s| i32::try_from(s).unwrap_or_default()),
        })
        .collect();
    let echo = json!({
        "items": lines.iter().map(|l| json!({"item": l.line, "status": l.status})).collect::<Vec<_>>(),
        "location": location,
        "note": note,
    });
    run(&state, move |store| {
        let order = store.return_order(pk)?;
        // Each line must exist, be this order's and still be out.
        let mut line_errors = Vec::with_capacity(lines.len());
        let mut failed = false;
        for wanted in &lines {
            let mut problems = Map::new();
            match store.return_order_line(wanted.line) {
                Err(stockroom_store::StoreError::NotFound { .. }) => {
                    problems.insert(
                        "item".into(),
                        json!([format!(
                            "Invalid pk \"{}\" - object does not exist.",
                            wanted.line
                        )]),
                    );
                }
                Err(e) => return Err(e.into()),
                Ok(line) if line.order_id != pk => {
                    problems.insert("item".into(), json!([receive_text::OTHER_ORDER]));
                }
                Ok(line) if line.received_date.is_some() => {
                    problems.insert("item".into(), json!([receive_text::RECEIVED]));
                }
                Ok(_) => {}
            }
            failed |= !problems.is_empty();
            line_errors.push(Value::Object(problems));
        }
        if failed && !errors.has("items") {
            errors.set("items", Value::Array(line_errors));
        }
        if let Some(location) = location
            && !errors.has("location")
            && !store.exists("stocklocation", location)?
        {
            errors.add(
                "location",
                format!("Invalid pk \"{location}\" - object does not exist."),
            );
        }
        errors.into_result()?;
        let mut refusal = FieldErrors::new();
        if order.status != ro_status::IN_PROGRESS {
            refusal.add("non_field_errors", receive_text::NOT_IN_PROGRESS);
        } else if lines.is_empty() {
            refusal.add("non_field_errors", receive_text::NO_LINES);
        }
        refusal.into_result()?;
        store.receive_return_lines(
            pk,
            &lines,
            location.unwrap_or_default(),
            &note,
            Some(auth.user.id),
        )?;
        Ok(())
    })
    .await?;
    Ok((StatusCode::CREATED, Json(echo)).into_response())
}
