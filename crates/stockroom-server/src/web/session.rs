//! Who is looking: the session cookie, read from the database on every request so that any
//! server process serves any user. Without a valid session a page redirects to sign in and
//! comes back afterwards.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{Method, header};
use stockroom_store::Store;

use super::page::{WebError, with_query};
use crate::AppState;
use crate::api::auth::{Auth, AuthVia, SESSION_COOKIE};

/// A signed-in user of the web interface.
#[derive(Debug, Clone)]
pub(crate) struct Viewer {
    /// The user and their role permissions, as the API sees them.
    pub auth: Auth,
    /// The token every state-changing form must carry.
    pub csrf: String,
    /// The cookie value, to end the session on sign-out.
    pub secret: String,
}

/// The value of cookie `name`, if the request carries it.
pub(crate) fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|line| line.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name && !value.is_empty()).then(|| value.to_owned())
        })
}

fn lookup(store: &Store, secret: String) -> Result<Option<Viewer>, stockroom_store::StoreError> {
    let Some((user, session)) = store.session(&secret)? else {
        return Ok(None);
    };
    let permissions = store.user_permissions(user.id)?;
    Ok(Some(Viewer {
        csrf: session.csrf_token.clone(),
        auth: Auth {
            user,
            permissions,
            via: AuthVia::Session,
            csrf_token: Some(session.csrf_token),
        },
        secret,
    }))
}

async fn viewer(parts: &Parts, state: &AppState) -> Result<Option<Viewer>, WebError> {
    if let Some(found) = parts.extensions.get::<Option<Viewer>>() {
        return Ok(found.clone());
    }
    let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || lookup(&store, secret)).await {
        Ok(Ok(found)) => Ok(found),
        Ok(Err(error)) => Err(WebError::internal(None, error)),
        Err(error) => Err(WebError::internal(None, error)),
    }
}

/// Where sign-in sends the user back to: the page asked for. A form post goes back to the
/// page the form was on (its target only accepts posts), when the browser names that page
/// of this site as the referrer; else to the dashboard.
fn login_redirect(parts: &Parts) -> String {
    let next = if parts.method == Method::GET {
        parts
            .uri
            .path_and_query()
            .map_or("/web/", |p| p.as_str())
            .to_owned()
    } else {
        safe_next(referring_page(parts).as_deref())
    };
    with_query("/web/login", &[("next", next)])
}

/// The path and query of the `Referer` when it is a page of this host.
fn referring_page(parts: &Parts) -> Option<String> {
    let referer = parts.headers.get(header::REFERER)?.to_str().ok()?;
    let host = parts.headers.get(header::HOST)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))?;
    let path = rest.strip_prefix(host)?;
    path.starts_with("/web/").then(|| path.to_owned())
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, WebError> {
        let found = viewer(parts, state).await?;
        parts.extensions.insert(found.clone());
        found.ok_or_else(|| WebError::Redirect(login_redirect(parts)))
    }
}

impl OptionalFromRequestParts<AppState> for Viewer {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Viewer>, WebError> {
        let found = viewer(parts, state).await?;
        parts.extensions.insert(found.clone());
        Ok(found)
    }
}

/// A local path to return to after signing in; anything else (another host, a scheme,
/// `//host`, backslashes browsers read as slashes) becomes the dashboard.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    let Some(next) = next else {
        return "/web/".into();
    };
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    if local {
        next.to_owned()
    } else {
        "/web/".into()
    }
}
