//! The signed-in user: `/api/user/me/`, `/api/user/me/token/` (and the older
//! `/api/user/token/`), `/api/user/tokens/`,
//! `/api/user/roles/`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use chrono::{Duration, Utc};
use serde_json::{Value, json};
use stockroom_store::auth::{ApiToken, RULE_SETS, User};

use crate::AppState;
use crate::api::auth::Auth;
use crate::api::error::ApiError;
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

/// How long a token issued by `/api/user/token/` is valid, as InvenTree's default.
const TOKEN_DAYS: i64 = 365;
const TOKEN_NAME_MAX: usize = 100;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/user/me/", get(me))
        // InvenTree moved the token endpoint under `me/` in API 490; clients pick the path
        // by the server's API version, so both are served.
        .route("/api/user/me/token/", get(token))
        .route("/api/user/token/", get(token))
        .route("/api/user/tokens/", get(tokens))
        .route("/api/user/tokens/{pk}/", delete(revoke).get(one_token))
        .route("/api/user/roles/", get(roles))
}

/// A user as InvenTree's user serializer shows one.
pub(crate) fn user_body(user: &User, groups: &[stockroom_store::auth::Group]) -> Value {
    json!({
        "pk": user.id,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "is_active": user.is_active,
        "groups": groups.iter().map(|g| json!({"pk": g.id, "name": g.name})).collect::<Vec<_>>(),
        "group_ids": groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        "last_login": user.last_login.map(|t| t.and_utc().to_rfc3339()),
        "date_joined": user.date_joined.and_utc().to_rfc3339(),
    })
}

async fn me(State(state): State<AppState>, auth: Auth) -> Result<Json<Value>, ApiError> {
    let user = auth.user.clone();
    let groups = run(&state, move |store| Ok(store.groups_of_user(user.id)?)).await?;
    Ok(Json(user_body(&auth.user, &groups)))
}

fn token_body(token: &ApiToken) -> Value {
    let today = Utc::now().date_naive();
    json!({
        "pk": token.id,
        "name": token.name,
        "token": format!("{}***", token.token_prefix),
        "created": token.created.and_utc().to_rfc3339(),
        "expiry": token.expiry,
        "last_seen": token.last_seen.map(|t| t.and_utc().to_rfc3339()),
        "revoked": token.revoked,
        "active": token.is_usable(today),
        "user": token.user_id,
    })
}

/// Issues a new token on every call: a stored token is a hash and cannot be shown again.
async fn token(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    let name: String = params
        .text("name")
        .unwrap_or("")
        .trim()
        .chars()
        .take(TOKEN_NAME_MAX)
        .collect();
    let expiry = Utc::now().date_naive() + Duration::days(TOKEN_DAYS);
    let user = auth.user.id;
    let (token, secret) = run(&state, move |store| {
        Ok(store.create_token(user, &name, Some(expiry))?)
    })
    .await?;
    Ok(Json(
        json!({"token": secret, "name": token.name, "expiry": token.expiry}),
    ))
}

async fn tokens(State(state): State<AppState>, auth: Auth) -> Result<Json<Value>, ApiError> {
    let user = auth.user.id;
    let tokens = run(&state, move |store| Ok(store.list_tokens(user)?)).await?;
    Ok(Json(Value::Array(tokens.iter().map(token_body).collect())))
}

async fn own_token(state: &AppState, auth: &Auth, pk: i64) -> Result<ApiToken, ApiError> {
    let user = auth.user.id;
    let tokens = run(state, move |store| Ok(store.list_tokens(user)?)).await?;
    tokens
        .into_iter()
        .find(|t| t.id == pk)
        .ok_or_else(|| ApiError::not_found("ApiToken"))
}

async fn one_token(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(token_body(&own_token(&state, &auth, pk).await?)))
}

/// Revokes one of the user's own tokens; it stays listed, marked revoked.
async fn revoke(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    let token = own_token(&state, &auth, pk).await?;
    run(&state, move |store| Ok(store.revoke_token(token.id)?)).await?;
    // The revoked token must stop working at once in this process.
    state.token_auths.clear();
    Ok(StatusCode::NO_CONTENT)
}

/// The user's permissions per rule set, as the mobile app reads them.
async fn roles(auth: Auth) -> Json<Value> {
    let mut roles = serde_json::Map::new();
    for set in RULE_SETS {
        let granted = auth
            .permissions
            .iter()
            .find(|r| r.rule_set == set)
            .map(|r| r.permissions);
        let list: Vec<&str> = match granted {
            Some(p) => [
                ("view", p.view),
                ("add", p.add),
                ("change", p.change),
                ("delete", p.delete),
            ]
            .into_iter()
            .filter(|(_, on)| *on || auth.user.is_superuser)
            .map(|(name, _)| name)
            .collect(),
            None => Vec::new(),
        };
        roles.insert(
            set.to_owned(),
            if list.is_empty() {
                Value::Null
            } else {
                json!(list)
            },
        );
    }
    Json(json!({
        "user": auth.user.id,
        "username": auth.user.username,
        "roles": roles,
        "is_staff": auth.user.is_staff,
        "is_superuser": auth.user.is_superuser,
    }))
}
