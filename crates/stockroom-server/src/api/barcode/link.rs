//! `POST /api/barcode/link/`, `POST /api/barcode/unlink/`, `POST /api/barcode/generate/`,
//! and `GET /api/barcode/link/?<model>=<pk>` (an object's linked barcodes).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use stockroom_core::ModelType;
use stockroom_core::barcode::{BarcodeHash, BarcodeInput};
use stockroom_plugins::barcode::{BarcodePlugin, InvenTreeBarcode, ScanContext};
use stockroom_store::{Constraint, StoreError};

use super::barcode_field;
use super::instance::{can, class_repr};
use crate::AppState;
use crate::api::auth::{Auth, Perm};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, FieldErrors, field_error};
use crate::api::query::Params;
use crate::api::run;

fn error(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

fn model_list() -> Vec<&'static str> {
    ModelType::ALL.iter().map(|m| m.name()).collect()
}

/// The model keys sent, in InvenTree's model order, with their pks (`None` for null).
fn model_keys(body: &Value) -> Result<Vec<(ModelType, Option<i64>)>, ApiError> {
    let mut errors = FieldErrors::new();
    let mut found = Vec::new();
    for model in ModelType::ALL {
        let Some(value) = body.get(model.name()) else {
            continue;
        };
        match value {
            Value::Null => found.push((model, None)),
            Value::Number(n) => match n.as_i64() {
                Some(pk) => found.push((model, Some(pk))),
                None => errors.add(
                    model.name(),
                    format!("Invalid pk \"{n}\" - object does not exist."),
                ),
            },
            Value::String(s) => match s.trim().parse() {
                Ok(pk) => found.push((model, Some(pk))),
                Err(_) => errors.add(
                    model.name(),
                    format!("Invalid pk \"{s}\" - object does not exist."),
                ),
            },
            other => {
                let kind = match other {
                    Value::Bool(_) => "bool",
                    Value::Array(_) => "list",
                    _ => "dict",
                };
                errors.add(
                    model.name(),
                    format!("Incorrect type. Expected pk value, received {kind}."),
                );
            }
        }
    }
    errors.into_result()?;
    Ok(found)
}

/// Checks that each named object exists: `Invalid pk` on its field otherwise.
fn check_exists(
    store: &stockroom_store::Store,
    keys: &[(ModelType, Option<i64>)],
) -> Result<(), ApiError> {
    let mut errors = FieldErrors::new();
    for (model, pk) in keys {
        if let Some(pk) = pk
            && !store.exists(model.name(), *pk)?
        {
            errors.add(
                model.name(),
                format!("Invalid pk \"{pk}\" - object does not exist."),
            );
        }
    }
    errors.into_result()
}

pub(crate) async fn link(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let raw = barcode_field(&body)?;
    let input = BarcodeInput::parse(&raw).map_err(|invalid| {
        let mut errors = FieldErrors::new();
        for message in invalid.messages() {
            errors.add("barcode", message);
        }
        ApiError::Validation(errors)
    })?;
    let keys = model_keys(&body)?;
    let cache = state.barcode_settings.clone();
    let auth = auth.clone();
    run(&state, move |store| {
        check_exists(store, &keys)?;
        let data = input.as_str().to_owned();
        let settings = cache.get(store)?;
        // A barcode that already names something (an internal code of an existing object,
        // or a linked barcode) cannot be linked again.
        let context = ScanContext { store, settings: &settings.barcode };
        if let Some(found) = InvenTreeBarcode.scan(&context, &data).map_err(ApiError::internal)? {
            let mut body = Map::new();
            body.insert(found.model.name().into(), json!({"pk": found.pk, "api_url": found.model.api_url(found.pk), "web_url": found.model.web_url(found.pk)}));
            body.insert("error".into(), json!("Barcode matches existing item"));
            body.insert("plugin".into(), json!("InvenTreeBarcode"));
            body.insert("barcode_data".into(), json!(data));
            return Ok(error(StatusCode::BAD_REQUEST, Value::Object(body)));
        }
        let Some((model, pk)) = keys.iter().find_map(|(m, pk)| pk.map(|pk| (*m, pk))) else {
            return Ok(error(
                StatusCode::BAD_REQUEST,
                json!({"error": format!("Missing data: provide one of '{:?}'", model_list())}),
            ));
        };
        if !can(&auth, model, Perm::Change) {
            return Ok(error(
                StatusCode::FORBIDDEN,
                json!({"error": format!("You do not have the required permissions for {}", class_repr(model))}),
            ));
        }
        let hash = BarcodeHash::of(&data).to_hex();
        match store.link_barcode(model, pk, &data, &hash, Some(auth.user.id)) {
            Ok(_) => {}
            Err(StoreError::Conflict(Constraint::BarcodeTaken)) => {
                // Another request linked it between the check and the write.
                return Ok(error(
                    StatusCode::BAD_REQUEST,
                    json!({"error": "Barcode matches existing item", "plugin": "InvenTreeBarcode", "barcode_data": data}),
                ));
            }
            Err(other) => return Err(other.into()),
        }
        let mut body = Map::new();
        body.insert("success".into(), json!(format!("Assigned barcode to {} instance", model.name())));
        body.insert(model.name().into(), json!({"pk": pk}));
        body.insert("barcode_data".into(), json!(data));
        body.insert("barcode_hash".into(), json!(hash));
        Ok(Json(Value::Object(body)).into_response())
    })
    .await
}

pub(crate) async fn unlink(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let keys = model_keys(&body)?;
    let listed = model_list().join(", ");
    if keys.is_empty() {
        return Ok(error(
            StatusCode::BAD_REQUEST,
            json!({"error": format!("Missing data: Provide one of '{listed}'")}),
        ));
    }
    if keys.len() > 1 {
        return Ok(error(
            StatusCode::BAD_REQUEST,
            json!({"error": format!("Multiple conflicting fields: '{listed}'")}),
        ));
    }
    let (model, pk) = keys[0];
    let Some(pk) = pk else {
        return Ok(error(
            StatusCode::BAD_REQUEST,
            json!({"error": "Could not unassign barcode"}),
        ));
    };
    // Stockroom lets an object carry several barcodes: `barcode` names the one to remove.
    let named = match body.get("barcode") {
        None | Some(Value::Null) => None,
        Some(_) => {
            let raw = barcode_field(&body)?;
            let input = BarcodeInput::parse(&raw)
                .map_err(|_| field_error("barcode", "This field may not be blank."))?;
            Some(input.hash().to_hex())
        }
    };
    if !can(&auth, model, Perm::Change) {
        return Ok(error(
            StatusCode::FORBIDDEN,
            json!({"error": format!("You do not have the required permissions for {}", class_repr(model))}),
        ));
    }
    run(&state, move |store| {
        check_exists(store, &[(model, Some(pk))])?;
        let removed = store.unlink_barcodes(model, pk, named.as_deref())?;
        if named.is_some() && removed == 0 {
            return Err(field_error(
                "barcode",
                "This barcode is not linked to this object",
            ));
        }
        Ok(
            Json(json!({"success": format!("Barcode unassigned from {} instance", model.name())}))
                .into_response(),
        )
    })
    .await
}

pub(crate) async fn generate(
    State(state): State<AppState>,
    _auth: Auth,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let mut errors = FieldErrors::new();
    let model = match body.get("model") {
        None => {
            errors.add("model", "This field is required.");
            None
        }
        Some(Value::String(name)) => match ModelType::from_name(name) {
            Some(model) => Some(model),
            None => {
                errors.add("model", "Model is not supported");
                None
            }
        },
        Some(_) => {
            errors.add("model", "Model is not supported");
            None
        }
    };
    let pk = match body.get("pk") {
        None => {
            errors.add("pk", "This field is required.");
            None
        }
        Some(value) => match value
            .as_i64()
            .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
        {
            Some(pk) => Some(pk),
            None => {
                errors.add("pk", "A valid integer is required.");
                None
            }
        },
    };
    errors.into_result()?;
    let (Some(model), Some(pk)) = (model, pk) else {
        return Err(ApiError::internal("checked above"));
    };
    let registry = state.barcodes.clone();
    let cache = state.barcode_settings.clone();
    run(&state, move |store| {
        if !store.exists(model.name(), pk)? {
            return Ok(error(
                StatusCode::BAD_REQUEST,
                json!({"error": "Model instance not found"}),
            ));
        }
        let settings = cache.get(store)?;
        let barcode = registry.generate(&settings.generator, &settings.barcode, model, pk);
        Ok(Json(json!({"barcode": barcode})).into_response())
    })
    .await
}

/// The barcodes linked to one object (`?part=5`), oldest first.
pub(crate) async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    let named: Vec<(ModelType, i64)> = ModelType::ALL
        .iter()
        .filter_map(|m| params.int(m.name()).map(|pk| (*m, pk)))
        .collect();
    params.finish()?;
    let [(model, pk)] = named.as_slice() else {
        let listed = model_list().join(", ");
        return Err(ApiError::BadRequest(format!(
            "Provide exactly one of '{listed}'"
        )));
    };
    let (model, pk) = (*model, *pk);
    if !can(&auth, model, Perm::View) {
        return Err(ApiError::Forbidden(
            "User does not have permission to view this model".into(),
        ));
    }
    let links = run(&state, move |store| Ok(store.barcode_links_of(model, pk)?)).await?;
    Ok(Json(Value::Array(
        links
            .iter()
            .map(|l| {
                json!({
                    "pk": l.id,
                    "model_type": l.model_type,
                    "model_id": l.object_id,
                    "barcode": l.data,
                    "barcode_hash": l.hash,
                    "created": l.created.and_utc().to_rfc3339(),
                    "user": l.user_id,
                })
            })
            .collect(),
    )))
}
