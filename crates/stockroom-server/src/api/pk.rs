//! The `<pk>` of a detail URL. A path segment that is not a number matches no object: 404,
//! as InvenTree's `<int:pk>` routes give.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::api::error::ApiError;

/// A primary key taken from the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pk(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Pk {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Pk, ApiError> {
        let Path(segments) = Path::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NotFound("Not found.".into()))?;
        segments
            .iter()
            .find(|(name, _)| name == "pk")
            .and_then(|(_, value)| value.parse::<i64>().ok())
            .map(Pk)
            .ok_or_else(|| ApiError::NotFound("Not found.".into()))
    }
}
