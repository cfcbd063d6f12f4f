//! `GET /api/`: server information, as InvenTree's `InfoView` returns it. Clients read
//! `apiVersion` to decide which features they may use.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::{AppState, INVENTREE_API_VERSION, INVENTREE_VERSION, STOCKROOM_VERSION};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/", get(info))
        .route("/api", get(info))
}

async fn info(State(state): State<AppState>) -> Json<Value> {
    let database = if state.store.is_postgres() {
        "postgresql"
    } else {
        "sqlite3"
    };
    Json(json!({
        "server": "InvenTree",
        "version": INVENTREE_VERSION,
        "instance": state.config.instance_name,
        "apiVersion": INVENTREE_API_VERSION,
        "worker_running": true,
        "worker_count": 1,
        "worker_pending_tasks": 0,
        "plugins_enabled": true,
        "plugins_install_disabled": true,
        "active_plugins": [
            {"name": "InvenTreeBarcode", "slug": "inventreebarcode", "version": STOCKROOM_VERSION},
        ],
        "email_configured": false,
        "debug_mode": false,
        "docker_mode": false,
        "default_locale": "en-us",
        "customize": {"logo": null, "splash": null, "login_message": null, "navbar_message": null},
        "system_health": null,
        "database": null,
        "platform": null,
        "installer": null,
        "target": null,
        "django_admin": null,
        "settings": {
            "sso_registration": false,
            "registration_enabled": false,
            "password_forgotten_enabled": false,
        },
        "stockroom": {"version": STOCKROOM_VERSION, "database": database},
    }))
}
