//! `POST /api/barcode/`: which object does this barcode name?

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use stockroom_core::barcode::{BarcodeHash, BarcodeInput};
use stockroom_plugins::barcode::{ScanContext, ScanOutcome};
use stockroom_store::barcodes::NewBarcodeScan;

use super::instance::{can, instance};
use super::{barcode_field, record};
use crate::AppState;
use crate::api::auth::{Auth, Perm};
use crate::api::body::JsonBody;
use crate::api::error::ApiError;
use crate::api::run;

/// What a scan answered, before it becomes a response.
pub(crate) enum Answer {
    Found(Map<String, Value>),
    NotFound(Map<String, Value>),
}

/// Runs the plugins on validated data and builds InvenTree's response body. Used by the
/// scan endpoint and by the web scan pages.
pub(crate) async fn resolve(
    state: &AppState,
    auth: &Auth,
    input: BarcodeInput,
) -> Result<Answer, ApiError> {
    let data = input.as_str().to_owned();
    let hash = BarcodeHash::of(&data).to_hex();
    let registry = state.barcodes.clone();
    let cache = state.barcode_settings.clone();
    let auth = auth.clone();
    run(state, move |store| {
        let settings = cache.get(store)?;
        let context = ScanContext {
            store,
            settings: &settings.barcode,
        };
        let mut body = Map::new();
        let found = match registry.scan(&context, &data) {
            ScanOutcome::Match { plugin, found } => Some((plugin, found)),
            ScanOutcome::NoMatch => None,
        };
        match found {
            Some((plugin, found)) => {
                if !can(&auth, found.model, Perm::View) {
                    return Err(ApiError::Forbidden(
                        "User does not have permission to view this model".into(),
                    ));
                }
                let mut object = Map::new();
                object.insert("pk".into(), json!(found.pk));
                object.insert("api_url".into(), json!(found.model.api_url(found.pk)));
                if let Some(web) = found.model.web_url(found.pk) {
                    object.insert("web_url".into(), json!(web));
                }
                object.insert("instance".into(), instance(store, found.model, found.pk)?);
                body.insert(found.model.name().into(), Value::Object(object));
                body.insert("success".into(), json!("Match found for barcode data"));
                body.insert("plugin".into(), json!(plugin));
                body.insert("barcode_data".into(), json!(data));
                body.insert("barcode_hash".into(), json!(hash));
                Ok(Answer::Found(body))
            }
            None => {
                body.insert("plugin".into(), Value::Null);
                body.insert("barcode_data".into(), json!(data));
                body.insert("barcode_hash".into(), json!(hash));
                body.insert("error".into(), json!("No match found for barcode data"));
                Ok(Answer::NotFound(body))
            }
        }
    })
    .await
}

pub(crate) async fn scan(
    State(state): State<AppState>,
    auth: Auth,
    uri: Uri,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let raw = match barcode_field(&body) {
        Ok(raw) => raw,
        Err(error) => {
            record(
                &state,
                &auth,
                &uri,
                &body,
                None,
                &json!({"error": "invalid barcode field"}),
                false,
            )
            .await;
            return Err(error);
        }
    };
    let (status, response) = scan_text(&state, &auth, &uri, &body, raw).await?;
    Ok((status, Json(response)).into_response())
}

/// Scans barcode text as `POST /api/barcode/` does once the `barcode` field is read:
/// validates it, asks the plugins, records the scan and returns the status and body to
/// answer with (a match is 200, invalid data and no match are 400). `body` is the request
/// as the history records it. A permission failure or a store failure is an `Err`.
pub(crate) async fn scan_text(
    state: &AppState,
    auth: &Auth,
    uri: &Uri,
    body: &Value,
    raw: String,
) -> Result<(StatusCode, Value), ApiError> {
    let input = match BarcodeInput::parse(&raw) {
        Ok(input) => input,
        Err(invalid) => {
            let mut errors = crate::api::error::FieldErrors::new();
            for message in invalid.messages() {
                errors.add("barcode", message);
            }
            let response = errors.into_value();
            record(state, auth, uri, body, Some(&raw), &response, false).await;
            return Ok((StatusCode::BAD_REQUEST, response));
        }
    };
    let answer = resolve(state, auth, input).await?;
    let (status, map, matched) = match answer {
        Answer::Found(map) => (StatusCode::OK, map, true),
        Answer::NotFound(map) => (StatusCode::BAD_REQUEST, map, false),
    };
    let response = Value::Object(map);
    record(state, auth, uri, body, Some(&raw), &response, matched).await;
    Ok((status, response))
}

/// A history record of one scan request, as InvenTree keeps it: the raw data cut to 250
/// characters, the rest of the request and the response with their values as text.
pub(crate) fn history_entry(
    auth: &Auth,
    uri: &Uri,
    body: &Value,
    raw: Option<&str>,
    response: &Value,
    result: bool,
) -> NewBarcodeScan {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let context: Map<String, Value> = body
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| *k != "barcode")
                .map(|(k, v)| (k.clone(), json!(text(v))))
                .collect()
        })
        .unwrap_or_default();
    // The matched object's full representation is left out of the record: it is large,
    // and the object itself says more than a copy frozen at scan time.
    let response: Map<String, Value> = response
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let mut v = v.clone();
                    if let Some(object) = v.as_object_mut() {
                        object.remove("instance");
                    }
                    (k.clone(), json!(text(&v)))
                })
                .collect()
        })
        .unwrap_or_default();
    let data = raw
        .map(str::to_owned)
        .unwrap_or_else(|| body.get("barcode").map(text).unwrap_or_default());
    NewBarcodeScan {
        data: data.chars().take(250).collect(),
        timestamp: chrono::Utc::now().naive_utc(),
        user_id: Some(auth.user.id),
        endpoint: Some(uri.path().chars().take(250).collect()),
        context: Some(Value::Object(context).to_string()),
        response: Some(Value::Object(response).to_string()),
        result,
    }
}
