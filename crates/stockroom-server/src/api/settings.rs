//! Settings: `/api/settings/global/`, `/api/settings/user/` and their `<KEY>/` details.
//!
//! Every defined setting is listed, stored or not; values are text as InvenTree serves them.
//! Anyone signed in reads global settings; only staff change them. Users change their own.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use stockroom_core::settings::{self, SettingDef, SettingKind};
use stockroom_store::settings::SettingScope;

use crate::AppState;
use crate::api::auth::Auth;
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, field_error};
use crate::api::run;

/// The body of a setting change, for the OpenAPI document.
pub(crate) const VALUE: &[crate::api::fields::Field] =
    &[
        crate::api::fields::Field::new("value", crate::api::fields::Kind::String, "Value")
            .required(),
    ];

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/settings/global/", get(list_global))
        .route(
            "/api/settings/global/{key}/",
            get(get_global)
                .put(put_global)
                .patch(put_global)
                .options(value_options),
        )
        .route("/api/settings/user/", get(list_user))
        .route(
            "/api/settings/user/{key}/",
            get(get_user)
                .put(put_user)
                .patch(put_user)
                .options(value_options),
        )
}

/// A setting as the API shows it. `typ` names the kind of setting (`inventree`, `user`,
/// `plugin`); `pk` is the setting's place in its definition list, which never changes.
pub(crate) fn setting_body(
    defs: &'static [SettingDef],
    def: &SettingDef,
    stored: Option<&str>,
    typ: &str,
    user: Option<i64>,
) -> Value {
    let choices: Vec<Value> = match def.kind {
        SettingKind::Choice(choices) => choices
            .iter()
            .map(|(v, d)| json!({"value": v, "display_name": d}))
            .collect(),
        _ => Vec::new(),
    };
    let pk = defs
        .iter()
        .position(|d| d.key == def.key)
        .map_or(0, |i| i + 1);
    let mut body = json!({
        "pk": pk,
        "key": def.key,
        "value": stored.unwrap_or(def.default),
        "name": def.name,
        "description": def.description,
        "type": def.type_name(),
        "units": def.units,
        "choices": choices,
        "model_name": null,
        "api_url": null,
        "typ": typ,
    });
    if let Some(user) = user {
        body["user"] = json!(user);
    }
    body
}

/// The text of a `value` sent by a client, as Python's `str()` would write it.
pub(crate) fn sent_value(data: &Value) -> Result<String, ApiError> {
    match data.get("value") {
        None => Err(field_error("value", "This field is required.")),
        Some(Value::Null) => Err(field_error("value", "This field may not be null.")),
        Some(Value::Bool(true)) => Ok("True".into()),
        Some(Value::Bool(false)) => Ok("False".into()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(_) => Err(field_error("value", "Not a valid string.")),
    }
}

/// Reads every definition's stored value in one query.
pub(crate) async fn list_scope(
    state: &AppState,
    defs: &'static [SettingDef],
    scope: SettingScope<'static>,
    typ: &'static str,
    user: Option<i64>,
) -> Result<Json<Value>, ApiError> {
    let stored = run(state, move |store| Ok(store.settings(scope)?)).await?;
    let listed = defs
        .iter()
        .map(|def| {
            let value = stored
                .iter()
                .find(|(k, _)| k == def.key)
                .map(|(_, v)| v.as_str());
            setting_body(defs, def, value, typ, user)
        })
        .collect();
    Ok(Json(Value::Array(listed)))
}

pub(crate) async fn read_one(
    state: &AppState,
    defs: &'static [SettingDef],
    scope: SettingScope<'static>,
    key: &str,
    typ: &'static str,
    user: Option<i64>,
) -> Result<Json<Value>, ApiError> {
    let def = settings::find(defs, key).ok_or_else(|| ApiError::NotFound("Not found.".into()))?;
    let stored = run(state, move |store| Ok(store.setting(scope, def.key)?)).await?;
    Ok(Json(setting_body(defs, def, stored.as_deref(), typ, user)))
}

pub(crate) async fn write_one(
    state: &AppState,
    defs: &'static [SettingDef],
    scope: SettingScope<'static>,
    key: &str,
    data: &Value,
    typ: &'static str,
    user: Option<i64>,
) -> Result<Json<Value>, ApiError> {
    let def = settings::find(defs, key).ok_or_else(|| ApiError::NotFound("Not found.".into()))?;
    let value = def
        .normalise(&sent_value(data)?)
        .map_err(|m| field_error("value", m))?;
    let stored = value.clone();
    let written = run(state, move |store| {
        Ok(store.set_setting(scope, def.key, &stored)?)
    })
    .await;
    // Scans read barcode settings through a short cache; this process sees the change now.
    state.barcode_settings.invalidate();
    written.map_err(|e| match e {
        // A refusal of the store (serial uniqueness would break) is about the value.
        ApiError::Validation(errors) if !errors.has("value") => {
            ApiError::Validation(rename_to_value(errors))
        }
        other => other,
    })?;
    Ok(Json(setting_body(defs, def, Some(&value), typ, user)))
}

fn rename_to_value(errors: crate::api::error::FieldErrors) -> crate::api::error::FieldErrors {
    let mut renamed = crate::api::error::FieldErrors::new();
    if let Value::Object(map) = errors.into_value() {
        for (_, messages) in map {
            if let Value::Array(list) = messages {
                for m in list {
                    renamed.add("value", m.as_str().unwrap_or_default());
                }
            }
        }
    }
    renamed
}

/// `OPTIONS` on a setting: its `value` is the one writable field.
pub(crate) async fn value_options(Path(key): Path<String>) -> Json<Value> {
    let def = settings::find(settings::GLOBAL, &key)
        .or_else(|| settings::find(settings::USER, &key))
        .or_else(|| settings::find(settings::INVENTREE_BARCODE, &key));
    let mut value =
        json!({"type": "string", "required": true, "read_only": false, "label": "Value"});
    if let Some(def) = def {
        value["label"] = json!(def.name);
        value["help_text"] = json!(def.description);
        value["default"] = json!(def.default);
    }
    Json(json!({
        "name": "Setting Detail",
        "description": "",
        "renders": ["application/json"],
        "parses": ["application/json"],
        "actions": {"PUT": {"key": {"type": "string", "required": false, "read_only": true, "label": "Key"}, "value": value}},
    }))
}

async fn list_global(State(state): State<AppState>, _auth: Auth) -> Result<Json<Value>, ApiError> {
    list_scope(
        &state,
        settings::GLOBAL,
        SettingScope::Global,
        "inventree",
        None,
    )
    .await
}

async fn get_global(
    State(state): State<AppState>,
    _auth: Auth,
    Path(key): Path<String>,
) -> Result<Json<Value>, ApiError> {
    read_one(
        &state,
        settings::GLOBAL,
        SettingScope::Global,
        &key,
        "inventree",
        None,
    )
    .await
}

async fn put_global(
    State(state): State<AppState>,
    auth: Auth,
    Path(key): Path<String>,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require_staff()?;
    write_one(
        &state,
        settings::GLOBAL,
        SettingScope::Global,
        &key,
        &data,
        "inventree",
        None,
    )
    .await
}

async fn list_user(State(state): State<AppState>, auth: Auth) -> Result<Json<Value>, ApiError> {
    let id = auth.user.id;
    list_scope(
        &state,
        settings::USER,
        SettingScope::User(id),
        "user",
        Some(id),
    )
    .await
}

async fn get_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(key): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = auth.user.id;
    read_one(
        &state,
        settings::USER,
        SettingScope::User(id),
        &key,
        "user",
        Some(id),
    )
    .await
}

async fn put_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(key): Path<String>,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    let id = auth.user.id;
    write_one(
        &state,
        settings::USER,
        SettingScope::User(id),
        &key,
        &data,
        "user",
        Some(id),
    )
    .await
}
