//! Stock history: `/api/stock/track/`, `/api/stock/track/<pk>/`, and the status code
//! definitions at `/api/stock/status/` and `/api/stock/track/status/`.

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde_json::{Map, Value, json};
use stockroom_core::status::{STOCK_HISTORY, STOCK_STATUS, StatusSet};
use stockroom_store::Store;
use stockroom_store::listing::PageRequest;
use stockroom_store::stock::{TrackingEntry, TrackingQuery};

use super::body::Detail;
use super::items::bodies;
use crate::AppState;
use crate::api::auth::{Auth, Perm, RuleSet};
use crate::api::error::{ApiError, field_error};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

/// A timestamp as DRF writes it: ISO 8601 in UTC, microseconds only when there are some.
fn timestamp(t: NaiveDateTime) -> String {
    if t.nanosecond() / 1000 == 0 {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
    }
}

/// What the optional details of history entries need.
#[derive(Default)]
struct Related {
    items: HashMap<i64, Value>,
    users: HashMap<i64, Value>,
    locations: HashMap<i64, Value>,
}

fn ids_in(entries: &[TrackingEntry], key: &str) -> Vec<i64> {
    let found: HashSet<i64> = entries
        .iter()
        .filter_map(|e| e.deltas_json().get(key).and_then(Value::as_i64))
        .collect();
    found.into_iter().collect()
}

fn related(
    store: &Store,
    entries: &[TrackingEntry],
    item_detail: bool,
    user_detail: bool,
) -> Result<Related, ApiError> {
    let mut related = Related::default();
    // Items named by deltas are expanded for display, as InvenTree's list does.
    let mut item_ids = ids_in(entries, "stockitem");
    if item_detail {
        item_ids.extend(entries.iter().filter_map(|e| e.item_id));
    }
    item_ids.sort_unstable();
    item_ids.dedup();
    let rows = store.stock_rows(&item_ids)?;
    for (row, body) in rows.iter().zip(bodies(store, &rows, Detail::DEFAULT)?) {
        related.items.insert(row.item.id, body);
    }
    for location in store.locations_by_id(&ids_in(entries, "location"))? {
        related.locations.insert(
            location.id,
            json!({
                "pk": location.id,
                "name": location.name,
                "description": location.description,
                "parent": location.parent_id,
                "pathstring": location.pathstring,
                "structural": location.structural,
                "external": location.external,
            }),
        );
    }
    if user_detail {
        let users: HashSet<i64> = entries.iter().filter_map(|e| e.user_id).collect();
        for id in users {
            // Entries of one page name few users; each is one indexed read.
            if let Ok(user) = store.user(id) {
                related.users.insert(
                    id,
                    json!({
                        "pk": user.id,
                        "username": user.username,
                        "first_name": user.first_name,
                        "last_name": user.last_name,
                        "email": user.email,
                    }),
                );
            }
        }
    }
    Ok(related)
}

fn entry_body(
    entry: &TrackingEntry,
    related: &Related,
    item_detail: bool,
    user_detail: bool,
) -> Value {
    let mut deltas = entry.deltas_json();
    if let Value::Object(map) = &mut deltas {
        let mut extra = Map::new();
        if let Some(id) = map.get("stockitem").and_then(Value::as_i64) {
            extra.insert(
                "stockitem_detail".into(),
                related.items.get(&id).cloned().unwrap_or(Value::Null),
            );
        }
        if let Some(id) = map.get("location").and_then(Value::as_i64) {
            extra.insert(
                "location_detail".into(),
                related.locations.get(&id).cloned().unwrap_or(Value::Null),
            );
        }
        map.extend(extra);
    }
    let mut out = json!({
        "pk": entry.id,
        "item": entry.item_id,
        "part": entry.part_id,
        "date": timestamp(entry.date),
        "deltas": deltas,
        "label": STOCK_HISTORY.label(entry.tracking_type),
        "notes": entry.notes,
        "tracking_type": entry.tracking_type,
        "user": entry.user_id,
    });
    if item_detail {
        out["item_detail"] = entry
            .item_id
            .and_then(|id| related.items.get(&id).cloned())
            .unwrap_or(Value::Null);
    }
    if user_detail {
        out["user_detail"] = entry
            .user_id
            .and_then(|id| related.users.get(&id).cloned())
            .unwrap_or(Value::Null);
    }
    out
}

fn date(params: &Params, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    match params.text(name) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map(Some)
            .map_err(|_| field_error(name, "Enter a valid date.")),
    }
}

pub(crate) async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::View)?;
    let page = Page::from_params(&params)?;
    let item_detail = params.flag("item_detail", false);
    let user_detail = params.flag("user_detail", false);
    let query = TrackingQuery {
        item: params.link("item").flatten(),
        part: params.link("part").flatten(),
        include_variants: params.flag("include_variants", false),
        user: params.link("user"),
        min_date: date(&params, "min_date")?,
        max_date: date(&params, "max_date")?,
        search: params.search(),
        oldest_first: params
            .ordering()
            .first()
            .is_some_and(|(key, desc)| key == "date" && !desc),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let (count, results) = run(&state, move |store| {
        let listed = store.query_tracking(&query)?;
        let related = related(store, &listed.items, item_detail, user_detail)?;
        let results = listed
            .items
            .iter()
            .map(|e| entry_body(e, &related, item_detail, user_detail))
            .collect();
        Ok((listed.count, results))
    })
    .await?;
    Ok(list::respond(page, count, results, &url))
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::Stock, Perm::View)?;
    let item_detail = params.flag("item_detail", false);
    let user_detail = params.flag("user_detail", false);
    params.finish()?;
    let body = run(&state, move |store| {
        let entry = store.tracking_entry(pk)?;
        let entries = [entry];
        let related = related(store, &entries, item_detail, user_detail)?;
        Ok(entry_body(&entries[0], &related, item_detail, user_detail))
    })
    .await?;
    Ok(Json(body))
}

/// InvenTree's colour of each stock status.
fn colour(set: &StatusSet, value: i32) -> &'static str {
    if set.class != "StockStatus" {
        return "secondary";
    }
    match value {
        10 => "success",
        50 | 55 | 85 => "warning",
        60 | 65 => "danger",
        70 => "dark",
        75 => "info",
        _ => "secondary",
    }
}

fn status_body(set: &StatusSet) -> Value {
    let values: Map<String, Value> = set
        .codes
        .iter()
        .map(|c| {
            (
                c.name.to_owned(),
                json!({"color": colour(set, c.value), "key": c.value, "label": c.label, "name": c.name}),
            )
        })
        .collect();
    json!({"class": set.class, "values": values})
}

/// The stock status codes. Any signed-in user may read them, as InvenTree.
pub(crate) async fn stock_status(_auth: Auth) -> Json<Value> {
    Json(status_body(&STOCK_STATUS))
}

/// The history codes.
pub(crate) async fn history_status(_auth: Auth) -> Json<Value> {
    Json(status_body(&STOCK_HISTORY))
}
