//! Plugins: `/api/plugins/`, one plugin, and plugin settings.
//!
//! Stockroom's plugins are built in; the list shows them as InvenTree's plugin registry
//! does, so clients that look for `inventreebarcode` find it.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use stockroom_core::settings::{self, SettingDef};
use stockroom_store::settings::SettingScope;

use crate::api::auth::Auth;
use crate::api::body::JsonBody;
use crate::api::error::ApiError;
use crate::api::settings::{list_scope, read_one, write_one};
use crate::{AppState, STOCKROOM_VERSION};

/// A built-in plugin.
struct Plugin {
    slug: &'static str,
    name: &'static str,
    title: &'static str,
    description: &'static str,
    mixins: &'static [&'static str],
    settings: &'static [SettingDef],
}

const PLUGINS: &[Plugin] = &[Plugin {
    slug: "inventreebarcode",
    name: "InvenTreeBarcode",
    title: "InvenTree Barcodes",
    description: "Provides native support for barcodes",
    mixins: &["barcode", "settings"],
    settings: settings::INVENTREE_BARCODE,
}];

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/plugins/", get(list))
        .route("/api/plugins/{slug}/", get(detail))
        .route("/api/plugins/{slug}/settings/", get(list_settings))
        .route(
            "/api/plugins/{slug}/settings/{key}/",
            get(get_setting)
                .put(put_setting)
                .patch(put_setting)
                .options(setting_options),
        )
}

fn find(slug: &str) -> Result<&'static Plugin, ApiError> {
    PLUGINS
        .iter()
        .find(|p| p.slug == slug)
        .ok_or_else(|| ApiError::NotFound("Plugin not found".into()))
}

fn body(index: usize, plugin: &Plugin) -> Value {
    let mixins: serde_json::Map<String, Value> = plugin
        .mixins
        .iter()
        .map(|m| ((*m).to_owned(), json!({"key": m, "human_name": m})))
        .collect();
    json!({
        "pk": index + 1,
        "key": plugin.slug,
        "name": plugin.name,
        "package_name": null,
        "active": true,
        "meta": {
            "slug": plugin.slug,
            "human_name": plugin.title,
            "description": plugin.description,
            "author": "Stockroom",
            "pub_date": null,
            "version": STOCKROOM_VERSION,
            "website": null,
            "license": null,
            "package_path": null,
            "settings_url": format!("/api/plugins/{}/settings/", plugin.slug),
        },
        "mixins": mixins,
        "is_builtin": true,
        "is_sample": false,
        "is_installed": true,
        "is_package": false,
        "is_active": true,
        "is_mandatory": true,
    })
}

async fn list(_auth: Auth) -> Json<Value> {
    Json(Value::Array(
        PLUGINS
            .iter()
            .enumerate()
            .map(|(i, p)| body(i, p))
            .collect(),
    ))
}

async fn detail(_auth: Auth, Path(slug): Path<String>) -> Result<Json<Value>, ApiError> {
    let plugin = find(&slug)?;
    let index = PLUGINS
        .iter()
        .position(|p| p.slug == plugin.slug)
        .unwrap_or(0);
    Ok(Json(body(index, plugin)))
}

async fn list_settings(
    State(state): State<AppState>,
    _auth: Auth,
    Path(slug): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let plugin = find(&slug)?;
    list_scope(
        &state,
        plugin.settings,
        SettingScope::Plugin(plugin.slug),
        "plugin",
        None,
    )
    .await
}

async fn get_setting(
    State(state): State<AppState>,
    _auth: Auth,
    Path((slug, key)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let plugin = find(&slug)?;
    read_one(
        &state,
        plugin.settings,
        SettingScope::Plugin(plugin.slug),
        &key,
        "plugin",
        None,
    )
    .await
}

async fn setting_options(Path((_slug, key)): Path<(String, String)>) -> Json<Value> {
    crate::api::settings::value_options(Path(key)).await
}

async fn put_setting(
    State(state): State<AppState>,
    auth: Auth,
    Path((slug, key)): Path<(String, String)>,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require_staff()?;
    let plugin = find(&slug)?;
    write_one(
        &state,
        plugin.settings,
        SettingScope::Plugin(plugin.slug),
        &key,
        &data,
        "plugin",
        None,
    )
    .await
}
