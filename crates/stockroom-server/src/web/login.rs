//! Signing in and out. Sign-in checks the password as the API's Basic auth does, under the
//! same failed-sign-in limits, and starts a database-backed session.

use std::net::{IpAddr, SocketAddr};

use askama::Template;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use stockroom_store::auth::new_secret;

use super::forms::{CSRF_FIELD, FormData, csrf_ok, csrf_refused, same_secret};
use super::page::{Layout, Section, WebError, html, see_other};
use super::session::{Viewer, cookie, safe_next};
use crate::AppState;
use crate::api::ApiError;
use crate::api::auth::SESSION_COOKIE;

/// How long a session lasts (Django's default).
const SESSION_DAYS: i64 = 14;
/// The cookie that protects the sign-in form itself, before any session exists.
const LOGIN_CSRF_COOKIE: &str = "csrftoken";

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    next: String,
    csrf: String,
    username: String,
    error: String,
    username_error: String,
    password_error: String,
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct NextQuery {
    next: Option<String>,
}

/// The sign-in page, with the form's token set as a cookie too (double submit).
fn login_page(status: StatusCode, mut page: LoginPage) -> Response {
    if page.csrf.is_empty() {
        page.csrf = new_secret(16);
    }
    let mut response = html(status, &page);
    let value = format!(
        "{LOGIN_CSRF_COOKIE}={}; Path=/web/login; HttpOnly; SameSite=Lax; Max-Age=7200",
        page.csrf
    );
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn blank(next: String, csrf: String) -> LoginPage {
    LoginPage {
        layout: Layout::new(None, "Sign in", Section::None),
        next,
        csrf,
        username: String::new(),
        error: String::new(),
        username_error: String::new(),
        password_error: String::new(),
    }
}

/// GET `/web/login`: the form, or straight back when already signed in.
pub(crate) async fn form(
    viewer: Option<Viewer>,
    headers: HeaderMap,
    Query(query): Query<NextQuery>,
) -> Response {
    let next = safe_next(query.next.as_deref());
    if viewer.is_some() {
        return see_other(&next);
    }
    let csrf = cookie(&headers, LOGIN_CSRF_COOKIE)
        .filter(|c| c.len() == 32)
        .unwrap_or_default();
    login_page(StatusCode::OK, blank(next, csrf))
}

fn client_ip(parts: &Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

/// POST `/web/login`: checks the password and starts a session.
#[tracing::instrument(skip_all)]
pub(crate) async fn submit(State(state): State<AppState>, parts: Parts, body: Bytes) -> Response {
    let form = FormData::parse(&body);
    let sent_token = form.text(CSRF_FIELD);
    let cookie_token = cookie(&parts.headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if sent_token.is_empty() || !same_secret(&sent_token, &cookie_token) {
        return csrf_refused(None);
    }
    let next = safe_next(form.get("next"));
    let username = form.text("username");
    // Passwords are taken as typed: spaces may be part of them.
    let password = form.raw("password").unwrap_or_default().to_owned();
    let mut page = blank(next.clone(), sent_token);
    page.username = username.clone();
    if username.is_empty() {
        page.username_error = "This field is required.".into();
    }
    if password.is_empty() {
        page.password_error = "This field is required.".into();
    }
    if username.is_empty() || password.is_empty() {
        return login_page(StatusCode::BAD_REQUEST, page);
    }
    let ip = client_ip(&parts);
    if let Err(ApiError::Throttled { wait_seconds }) = state.sign_ins.check(&username, ip) {
        page.error =
            format!("Too many failed sign-in attempts. Try again in {wait_seconds} seconds.");
        return login_page(StatusCode::TOO_MANY_REQUESTS, page);
    }
    let store = state.store.clone();
    let name = username.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let Some(user) = store.authenticate(&name, &password)? else {
            return Ok(None);
        };
        let (_, secret) = store.create_session(user.id, chrono::Duration::days(SESSION_DAYS))?;
        store.record_login(user.id)?;
        Ok::<_, stockroom_store::StoreError>(Some(secret))
    })
    .await;
    match outcome {
        Ok(Ok(Some(secret))) => {
            state.sign_ins.succeeded(&username, ip);
            let mut response = see_other(&next);
            let value = format!(
                "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
                SESSION_DAYS * 86_400
            );
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            response
        }
        Ok(Ok(None)) => {
            state.sign_ins.failed(&username, ip);
            page.error = "Invalid username or password.".into();
            login_page(StatusCode::BAD_REQUEST, page)
        }
        Ok(Err(error)) => WebError::internal(None, error).into_response(),
        Err(error) => WebError::internal(None, error).into_response(),
    }
}

/// POST `/web/logout`: ends the session in the database and clears the cookie.
pub(crate) async fn logout(State(state): State<AppState>, viewer: Viewer, body: Bytes) -> Response {
    let form = FormData::parse(&body);
    if !csrf_ok(&viewer, &form) {
        return csrf_refused(Some(&viewer));
    }
    let store = state.store.clone();
    let secret = viewer.secret.clone();
    match tokio::task::spawn_blocking(move || store.delete_session(&secret)).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => return WebError::internal(Some(&viewer), error).into_response(),
        Err(error) => return WebError::internal(Some(&viewer), error).into_response(),
    }
    let mut response = see_other("/web/login");
    response.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("sessionid=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    response
}
