//! `OPTIONS` responses: field metadata limited to what the user may do.

use axum::Json;
use axum::response::{IntoResponse, Response};

use crate::api::auth::{MaybeAuth, Perm, RuleSet};
use crate::api::fields::{Field, options_body};

/// What an endpoint is, for its `OPTIONS` body.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    /// The view name DRF shows (`Stock Item List`).
    pub name: &'static str,
    /// The model name (`stockitem`).
    pub model: &'static str,
    pub rule: RuleSet,
    pub fields: &'static [Field],
    /// A detail endpoint (`PUT` and `DELETE`) rather than a list (`POST`).
    pub detail: bool,
    /// Whether the endpoint accepts writes at all.
    pub writable: bool,
}

/// The `OPTIONS` response for `endpoint` as seen by the requesting user. Anonymous users
/// get no actions, as InvenTree's metadata gives none.
pub fn respond(endpoint: &Endpoint, auth: &MaybeAuth) -> Response {
    let (write, view, delete) = match &auth.0 {
        None => (None, false, false),
        Some(auth) => {
            let write = if endpoint.detail {
                (endpoint.writable && auth.can(endpoint.rule, Perm::Change)).then_some("PUT")
            } else {
                (endpoint.writable && auth.can(endpoint.rule, Perm::Add)).then_some("POST")
            };
            (
                write,
                auth.can(endpoint.rule, Perm::View),
                endpoint.detail && endpoint.writable && auth.can(endpoint.rule, Perm::Delete),
            )
        }
    };
    Json(options_body(
        endpoint.name,
        endpoint.model,
        endpoint.fields,
        write,
        view,
        delete,
    ))
    .into_response()
}
