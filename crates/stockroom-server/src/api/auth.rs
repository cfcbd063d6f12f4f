//! Who is asking: HTTP Basic, `Authorization: Token ...`, or a session cookie.
//!
//! Token and session checks are one indexed lookup of a SHA-256 hash. Basic auth needs an
//! argon2 check, which is slow on purpose; a verified credential is remembered (as a hash,
//! tied to the user's current password hash) so that scanners sending Basic auth on every
//! request are not throttled by hashing. Failed sign-ins are rate-limited per username and
//! per client address.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{Method, header};
use base64::Engine;
use stockroom_store::auth::{Permissions, RuleSetPermissions, User};

use crate::AppState;
use crate::api::error::{ApiError, NO_CREDENTIALS};
use crate::api::run;

/// InvenTree's rule sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSet {
    PartCategory,
    Part,
    StockLocation,
    Stock,
    Build,
    PurchaseOrder,
    SalesOrder,
    ReturnOrder,
}

impl RuleSet {
    pub const fn name(self) -> &'static str {
        match self {
            RuleSet::PartCategory => "part_category",
            RuleSet::Part => "part",
            RuleSet::StockLocation => "stock_location",
            RuleSet::Stock => "stock",
            RuleSet::Build => "build",
            RuleSet::PurchaseOrder => "purchase_order",
            RuleSet::SalesOrder => "sales_order",
            RuleSet::ReturnOrder => "return_order",
        }
    }
}

/// One of the four permissions of a rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perm {
    View,
    Add,
    Change,
    Delete,
}

/// How the request was authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthVia {
    Token,
    Basic,
    Session,
}

/// An authenticated user and what they may do.
#[derive(Debug, Clone)]
pub struct Auth {
    pub user: User,
    pub permissions: Vec<RuleSetPermissions>,
    pub via: AuthVia,
    /// The session's CSRF token, for session-authenticated requests.
    pub csrf_token: Option<String>,
}

impl Auth {
    /// True when the user holds `perm` on `rule`. Superusers hold everything.
    pub fn can(&self, rule: RuleSet, perm: Perm) -> bool {
        if self.user.is_superuser {
            return true;
        }
        let Some(set) = self.permissions.iter().find(|r| r.rule_set == rule.name()) else {
            return false;
        };
        let Permissions {
            view,
            add,
            change,
            delete,
        } = set.permissions;
        match perm {
            Perm::View => view,
            Perm::Add => add,
            Perm::Change => change,
            Perm::Delete => delete,
        }
    }

    /// `Ok` when the user holds `perm` on `rule`, else 403.
    pub fn require(&self, rule: RuleSet, perm: Perm) -> Result<(), ApiError> {
        if self.can(rule, perm) {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }

    /// `Ok` for staff (and superusers), else 403.
    pub fn require_staff(&self) -> Result<(), ApiError> {
        if self.user.is_staff || self.user.is_superuser {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }
}

/// A request that may or may not carry credentials.
#[derive(Debug, Clone)]
pub struct MaybeAuth(pub Option<Auth>);

fn client_ip(parts: &Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|line| {
            line.split(';').find_map(|pair| {
                let (key, value) = pair.trim().split_once('=')?;
                (key == name).then(|| value.to_owned())
            })
        })
}

/// The name of the session cookie (Django's).
pub const SESSION_COOKIE: &str = "sessionid";

async fn authenticate(parts: &Parts, state: &AppState) -> Result<Option<Auth>, ApiError> {
    let header = parts
        .headers
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("").trim().to_owned());
    if let Some(value) = header.filter(|v| !v.is_empty()) {
        let (scheme, credentials) = value.split_once(' ').unwrap_or((value.as_str(), ""));
        let credentials = credentials.trim().to_owned();
        return match scheme.to_ascii_lowercase().as_str() {
            "token" | "bearer" => token(state, credentials).await.map(Some),
            "basic" => basic(parts, state, &credentials).await.map(Some),
            _ => Err(ApiError::Unauthenticated("Invalid authorization header.")),
        };
    }
    if let Some(session) = cookie(parts, SESSION_COOKIE) {
        return session_auth(state, session).await;
    }
    Ok(None)
}

async fn token(state: &AppState, secret: String) -> Result<Auth, ApiError> {
    if secret.is_empty() || secret.contains(' ') {
        return Err(ApiError::Unauthenticated(
            "Invalid token header. No credentials provided.",
        ));
    }
    if let Some(auth) = state.token_auths.get(&secret) {
        return Ok(auth);
    }
    let lookup = secret.clone();
    let found = run(state, move |store| Ok(store.authenticate_token(&lookup)?)).await?;
    match found {
        Some((user, permissions)) => {
            let auth = Auth {
                user,
                permissions,
                via: AuthVia::Token,
                csrf_token: None,
            };
            state.token_auths.put(&secret, &auth);
            Ok(auth)
        }
        None => Err(ApiError::Unauthenticated("Invalid token.")),
    }
}

async fn basic(parts: &Parts, state: &AppState, encoded: &str) -> Result<Auth, ApiError> {
    let invalid = ApiError::Unauthenticated(
        "Invalid basic header. Credentials not correctly base64 encoded.",
    );
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| invalid)?;
    let text = String::from_utf8(decoded).map_err(|_| {
        ApiError::Unauthenticated("Invalid basic header. Credentials not correctly base64 encoded.")
    })?;
    let (username, password) = text.split_once(':').ok_or(ApiError::Unauthenticated(
        "Invalid basic header. Credentials string should not include spaces.",
    ))?;
    let (username, password) = (username.to_owned(), password.to_owned());
    let ip = client_ip(parts);
    state.sign_ins.check(&username, ip)?;
    let guard = state.sign_ins.clone();
    let checked = {
        let (username, password) = (username.clone(), password.clone());
        let cache = state.credentials.clone();
        run(state, move |store| {
            let Some(user) = store.user_by_username(&username)? else {
                let _ = store.authenticate(&username, &password)?;
                return Ok(None);
            };
            if !user.is_active {
                return Ok(None);
            }
            let verified = cache.verified(&username, &password, &user.password_hash)
                || store.authenticate(&username, &password)?.is_some();
            if !verified {
                return Ok(None);
            }
            cache.remember(&username, &password, &user.password_hash);
            let permissions = store.user_permissions(user.id)?;
            Ok(Some((user, permissions)))
        })
        .await?
    };
    match checked {
        Some((user, permissions)) => {
            guard.succeeded(&username, ip);
            Ok(Auth {
                user,
                permissions,
                via: AuthVia::Basic,
                csrf_token: None,
            })
        }
        None => {
            guard.failed(&username, ip);
            Err(ApiError::Unauthenticated("Invalid username/password."))
        }
    }
}

async fn session_auth(state: &AppState, secret: String) -> Result<Option<Auth>, ApiError> {
    let found = run(state, move |store| {
        let Some((user, session)) = store.session(&secret)? else {
            return Ok(None);
        };
        let permissions = store.user_permissions(user.id)?;
        Ok(Some((user, session, permissions)))
    })
    .await?;
    // An expired or unknown session is simply anonymous, as in Django.
    Ok(found.map(|(user, session, permissions)| Auth {
        user,
        permissions,
        via: AuthVia::Session,
        csrf_token: Some(session.csrf_token),
    }))
}

/// Session-authenticated writes must echo the session's CSRF token in `X-CSRFToken`.
fn check_csrf(parts: &Parts, auth: &Auth) -> Result<(), ApiError> {
    if auth.via != AuthVia::Session
        || matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS)
    {
        return Ok(());
    }
    let sent = parts
        .headers
        .get("x-csrftoken")
        .and_then(|v| v.to_str().ok());
    match (sent, auth.csrf_token.as_deref()) {
        (None, _) => Err(ApiError::Forbidden(
            "CSRF Failed: CSRF token missing.".into(),
        )),
        (Some(sent), Some(expected)) if constant_time_eq(sent.as_bytes(), expected.as_bytes()) => {
            Ok(())
        }
        _ => Err(ApiError::Forbidden(
            "CSRF Failed: CSRF token incorrect.".into(),
        )),
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl FromRequestParts<AppState> for MaybeAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<MaybeAuth, ApiError> {
        if let Some(cached) = parts.extensions.get::<MaybeAuth>() {
            return Ok(cached.clone());
        }
        let auth = authenticate(parts, state).await?;
        if let Some(auth) = &auth {
            check_csrf(parts, auth)?;
        }
        let found = MaybeAuth(auth);
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Auth, ApiError> {
        MaybeAuth::from_request_parts(parts, state)
            .await?
            .0
            .ok_or(ApiError::Unauthenticated(NO_CREDENTIALS))
    }
}
