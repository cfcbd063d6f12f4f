//! The stock actions `/api/stock/count/`, `/add/`, `/remove/`, `/transfer/` and `/merge/`.
//!
//! Each answers 201 with the validated request echoed back, as DRF's create views do
//! (quantities as decimal text: `"10.00000"`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use stockroom_store::stock::{Adjustment, MergeRequest, Overrides, Refusal, Transfer};

use super::action_body::{action_error, parse, refused};
use super::fields::{
    ADJUST_FIELDS, ITEM_FIELDS, MERGE_FIELDS, MERGE_ITEM_FIELDS, TRANSFER_FIELDS,
    TRANSFER_ITEM_FIELDS,
};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::ApiError;
use crate::api::fields::{Field, Input};
use crate::api::options::{self, Endpoint};
use crate::api::run;

const fn endpoint(name: &'static str, fields: &'static [Field]) -> Endpoint {
    Endpoint {
        name,
        model: "stockitem",
        rule: RuleSet::Stock,
        fields,
        detail: false,
        writable: true,
    }
}

/// The `OPTIONS` description of each action.
pub(crate) const COUNT: Endpoint = endpoint("Stock Count", ADJUST_FIELDS);
pub(crate) const ADD: Endpoint = endpoint("Stock Add", ADJUST_FIELDS);
pub(crate) const REMOVE: Endpoint = endpoint("Stock Remove", ADJUST_FIELDS);
pub(crate) const TRANSFER: Endpoint = endpoint("Stock Transfer", TRANSFER_FIELDS);
pub(crate) const MERGE: Endpoint = endpoint("Stock Merge", MERGE_FIELDS);

/// DRF's `ChoiceField(allow_blank=True)` reads `""` as no choice.
fn blank_status(map: &mut Map<String, Value>) {
    if map.get("status").and_then(Value::as_str) == Some("") {
        map.insert("status".into(), Value::Null);
    }
}

/// The adjustment entries of a request, or the items whose quantity is negative.
fn adjustments(entries: &[Input]) -> Result<Vec<Adjustment>, ApiError> {
    let mut refusal = Refusal::default();
    let mut out = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let quantity = entry.quantity("quantity").unwrap_or_default();
        if quantity.is_negative() {
            refusal.items.push(stockroom_store::stock::ItemProblem {
                index,
                field: "quantity",
                message: "Ensure this value is greater than or equal to 0.".into(),
            });
        }
        out.push(Adjustment {
            item: entry.int("pk").unwrap_or_default(),
            quantity,
            overrides: Overrides {
                batch: entry.text("batch").filter(|b| !b.is_empty()),
                status: entry.int("status").and_then(|s| i32::try_from(s).ok()),
                packaging: entry.text("packaging").filter(|p| !p.is_empty()),
            },
        });
    }
    if refusal.is_empty() {
        Ok(out)
    } else {
        Err(refused(refusal, entries.len()))
    }
}

/// The validated request as DRF echoes it.
fn echo(top: &Input, entries: &[Input], adjustments: &[Adjustment], location: bool) -> Value {
    let items: Vec<Value> = entries
        .iter()
        .zip(adjustments)
        .map(|(input, a)| {
            let mut out = json!({"pk": a.item, "quantity": a.quantity.to_fixed_string()});
            if input.has("batch") {
                out["batch"] = json!(input.text("batch"));
            }
            out["status"] = json!(input.int("status"));
            if input.has("packaging") {
                out["packaging"] = json!(input.text("packaging"));
            }
            out
        })
        .collect();
    let mut body = json!({"items": items});
    if top.has("notes") {
        body["notes"] = json!(top.text("notes"));
    }
    if location {
        body["location"] = json!(top.int("location"));
    }
    body
}

#[derive(Clone, Copy)]
enum Adjust {
    Count,
    Add,
    Remove,
}

async fn adjust(
    state: AppState,
    auth: Auth,
    data: Value,
    kind: Adjust,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::Change)?;
    let (top, entries) = parse(&data, ADJUST_FIELDS, ITEM_FIELDS, blank_status)?;
    let list = adjustments(&entries)?;
    let body = echo(&top, &entries, &list, false);
    let notes = top.text("notes").unwrap_or_default();
    let user = Some(auth.user.id);
    run(&state, move |store| {
        let result = match kind {
            Adjust::Count => store.count_stock(&list, &notes, user),
            Adjust::Add => store.add_stock(&list, &notes, user),
            Adjust::Remove => store.remove_stock(&list, &notes, user),
        };
        result.map_err(|e| action_error(e, list.len()))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(crate) async fn count(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    adjust(state, auth, data, Adjust::Count).await
}

pub(crate) async fn add(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    adjust(state, auth, data, Adjust::Add).await
}

pub(crate) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    adjust(state, auth, data, Adjust::Remove).await
}

pub(crate) async fn transfer(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::Change)?;
    let (top, entries) = parse(&data, TRANSFER_FIELDS, TRANSFER_ITEM_FIELDS, blank_status)?;
    let list = adjustments(&entries)?;
    let body = echo(&top, &entries, &list, true);
    let request = Transfer {
        merge: entries
            .iter()
            .map(|e| e.bool("merge").unwrap_or(false))
            .collect(),
        entries: list,
        location: top.int("location").unwrap_or_default(),
        notes: top.text("notes").unwrap_or_default(),
    };
    let user = Some(auth.user.id);
    run(&state, move |store| {
        store
            .transfer_stock(&request, user)
            .map_err(|e| action_error(e, request.entries.len()))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(crate) async fn merge(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::Change)?;
    let (top, entries) = parse(&data, MERGE_FIELDS, MERGE_ITEM_FIELDS, |_| {})?;
    let request = MergeRequest {
        items: entries
            .iter()
            .map(|e| e.int("item").unwrap_or_default())
            .collect(),
        location: top.int("location").unwrap_or_default(),
        notes: top.text("notes").unwrap_or_default(),
        allow_mismatched_suppliers: top.bool("allow_mismatched_suppliers").unwrap_or(false),
        allow_mismatched_status: top.bool("allow_mismatched_status").unwrap_or(false),
    };
    let mut body = json!({
        "items": request.items.iter().map(|pk| json!({"item": pk})).collect::<Vec<_>>(),
        "location": request.location,
    });
    for key in [
        "notes",
        "allow_mismatched_suppliers",
        "allow_mismatched_status",
    ] {
        if top.has(key) {
            body[key] = match key {
                "notes" => json!(top.text(key)),
                _ => json!(top.bool(key)),
            };
        }
    }
    let user = Some(auth.user.id);
    run(&state, move |store| {
        store
            .merge_stock(&request, user)
            .map_err(|e| action_error(e, request.items.len()))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

macro_rules! options_handler {
    ($name:ident, $endpoint:expr) => {
        pub(crate) async fn $name(auth: MaybeAuth) -> Response {
            options::respond(&$endpoint, &auth)
        }
    };
}

options_handler!(count_options, COUNT);
options_handler!(add_options, ADD);
options_handler!(remove_options, REMOVE);
options_handler!(transfer_options, TRANSFER);
options_handler!(merge_options, MERGE);
