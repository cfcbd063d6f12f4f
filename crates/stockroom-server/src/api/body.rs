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
