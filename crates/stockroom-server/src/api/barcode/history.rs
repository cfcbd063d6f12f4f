//! `/api/barcode/history/`: the recorded scans. Anyone signed in reads; staff delete.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};
use stockroom_store::barcodes::{BarcodeScan, ScanQuery};
use stockroom_store::listing::PageRequest;

use crate::AppState;
use crate::api::auth::Auth;
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, field_error};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

fn parse_json(text: Option<&str>) -> Value {
    text.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or(Value::Null)
}

fn body(scan: &BarcodeScan, users: &[stockroom_store::auth::User]) -> Value {
    let user = scan
        .user_id
        .and_then(|id| users.iter().find(|u| u.id == id));
    json!({
        "pk": scan.id,
        "data": scan.data,
        "timestamp": scan.timestamp.and_utc().to_rfc3339(),
        "endpoint": scan.endpoint,
        "context": parse_json(scan.context.as_deref()),
        "response": parse_json(scan.response.as_deref()),
        "result": scan.result,
        "user": scan.user_id,
        "user_detail": user.map(|u| json!({
            "pk": u.id, "username": u.username, "first_name": u.first_name,
            "last_name": u.last_name, "email": u.email,
        })),
    })
}

pub(crate) async fn list(
    State(state): State<AppState>,
    _auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    let page = Page::from_params(&params)?;
    let query = ScanQuery {
        user: params.int("user"),
        result: params.bool("result"),
        search: params.search(),
        ordering: params.ordering(),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let (listed, users) = run(&state, move |store| {
        Ok((store.query_scans(&query)?, store.list_users()?))
    })
    .await?;
    let results = listed.items.iter().map(|s| body(s, &users)).collect();
    Ok(list::respond(page, listed.count, results, &url))
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    _auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    let (scan, users) = run(&state, move |store| {
        Ok((store.scan(pk)?, store.list_users()?))
    })
    .await?;
    Ok(Json(body(&scan, &users)))
}

pub(crate) async fn delete_one(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require_staff()?;
    run(&state, move |store| {
        store.scan(pk)?;
        store.delete_scans(&[pk])?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Bulk delete: `{"items": [pk, ...]}` or `?all=true`, as InvenTree's bulk-delete mixin.
pub(crate) async fn delete_many(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require_staff()?;
    let all = params.text("all").map(crate::api::query::parse_bool);
    let items = data.get("items");
    let deleted = match (all, items) {
        (Some(Some(true)), _) => run(&state, |store| Ok(store.delete_all_scans()?)).await?,
        (Some(_), _) => {
            return Err(field_error(
                "non_field_errors",
                "All filter must only be used with true",
            ));
        }
        (None, None) => {
            return Err(field_error(
                "non_field_errors",
                "List of items must be provided for bulk operation",
            ));
        }
        (None, Some(Value::Array(list))) => {
            let ids: Option<Vec<i64>> = list.iter().map(Value::as_i64).collect();
            let Some(ids) = ids.filter(|ids| !ids.is_empty()) else {
                return Err(field_error(
                    "non_field_errors",
                    "Invalid items list provided",
                ));
            };
            let deleted = run(&state, move |store| Ok(store.delete_scans(&ids)?)).await?;
            if deleted == 0 {
                return Err(field_error(
                    "non_field_errors",
                    "No items match the provided criteria",
                ));
            }
            deleted
        }
        (None, Some(_)) => {
            return Err(field_error(
                "non_field_errors",
                "Items must be provided as a list",
            ));
        }
    };
    Ok(Json(json!({"success": format!("Deleted {deleted} items")})))
}
