//! Reading posted forms and refusing those without the session's CSRF token.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::page::{Layout, Section, WebError, pk};
use super::session::Viewer;
use crate::api::auth::{Perm, RuleSet};

/// The fields of a posted `application/x-www-form-urlencoded` body.
#[derive(Debug, Clone, Default)]
pub(crate) struct FormData(Vec<(String, String)>);

impl FormData {
    /// Reads a body; malformed escapes are read leniently, as browsers never send them.
    pub(crate) fn parse(body: &[u8]) -> FormData {
        FormData(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`, trimmed.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
    }

    /// The first value of `name` exactly as sent.
    pub(crate) fn raw(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `name`, or empty.
    pub(crate) fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_owned()
    }
}

/// The hidden field every state-changing form carries (Django's name for it).
pub(crate) const CSRF_FIELD: &str = "csrfmiddlewaretoken";

pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The refusal of a form without the right token: 403, nothing done.
pub(crate) fn csrf_refused(viewer: Option<&Viewer>) -> Response {
    WebError::Page {
        status: StatusCode::FORBIDDEN,
        layout: Box::new(Layout::new(viewer, "Permission denied", Section::None)),
        message:
            "CSRF verification failed. Request aborted. Reload the page and submit the form again."
                .into(),
    }
    .into_response()
}

/// True when the form echoes the session's token.
pub(crate) fn csrf_ok(viewer: &Viewer, form: &FormData) -> bool {
    form.get(CSRF_FIELD)
        .is_some_and(|sent| same_secret(sent, &viewer.csrf))
}

/// Checks the token and `rule`'s change permission of a form posted about the `model`
/// object `id`; its pk and the posted fields when the form may go on, else the refusal.
pub(crate) fn accept(
    viewer: &Viewer,
    id: &str,
    body: &[u8],
    model: &str,
    rule: RuleSet,
) -> Result<Result<(i64, FormData), Response>, WebError> {
    let pk = pk(viewer, id, model)?;
    let data = FormData::parse(body);
    if !csrf_ok(viewer, &data) {
        return Ok(Err(csrf_refused(Some(viewer))));
    }
    if !viewer.auth.can(rule, Perm::Change) {
        return Err(WebError::forbidden(viewer));
    }
    Ok(Ok((pk, data)))
}
