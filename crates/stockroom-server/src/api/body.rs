//! Request bodies: JSON only, size-limited, with DRF's messages when they are not.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde_json::Value;

use crate::AppState;
use crate::api::error::ApiError;

/// A JSON request body; an empty body reads as `null` (every field absent).
#[derive(Debug, Clone)]
pub struct JsonBody(pub Value);

impl FromRequest<AppState> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<JsonBody, ApiError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            });
        let limit = state.config.max_body_bytes;
        let bytes = Bytes::from_request(request, state).await.map_err(|_| {
            ApiError::BadRequest(format!(
                "Request body is larger than the limit of {limit} bytes."
            ))
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(JsonBody(Value::Null));
        }
        match content_type.as_deref() {
            None | Some("application/json") => {}
            Some(other) if other.ends_with("+json") => {}
            Some(other) => return Err(ApiError::UnsupportedMediaType(other.to_owned())),
        }
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::BadRequest(format!("JSON parse error - {e}")))
    }
}

/// Whether a write is partial: `PATCH` changes only the fields sent, `PUT` requires every
/// required field, as DRF's update views do. One handler serves both methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Partial(pub bool);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Partial {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Partial, Self::Rejection> {
        Ok(Partial(parts.method == axum::http::Method::PATCH))
    }
}

/// A flag of a tree `DELETE` (`delete_parts`, `delete_sub_locations`, ...): InvenTree reads
/// it from the body as `1`; booleans, text and a query parameter are accepted too.
pub fn delete_option(
    data: &serde_json::Value,
    params: &crate::api::query::Params,
    name: &str,
) -> bool {
    use serde_json::Value;
    data.get(name)
        .and_then(|v| match v {
            Value::Bool(b) => Some(*b),
            Value::String(s) => crate::api::query::parse_bool(s),
            Value::Number(n) => Some(n.as_i64() == Some(1)),
            _ => None,
        })
        .unwrap_or_else(|| params.flag(name, false))
}
