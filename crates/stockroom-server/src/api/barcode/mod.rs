//! Barcodes: scan, link, unlink, generate, and the scan history.

mod decode;
pub(crate) mod detect;
pub(crate) mod history;
pub(crate) mod instance;
mod link;
pub(crate) mod recorder;
pub(crate) mod scan;
pub(crate) mod settings;

use axum::Router;
use axum::http::Uri;
use axum::routing::{get, post};
use serde_json::Value;

use crate::AppState;
use crate::api::auth::Auth;
use crate::api::error::{ApiError, field_error};
use crate::api::fields::{Field, Kind};

/// The scan and link body, for the OpenAPI document.
pub(crate) const BARCODE: &[Field] = &[Field::new("barcode", Kind::String, "Barcode")
    .required()
    .max_length(4095)];

/// The decode-image body, for the OpenAPI document.
pub(crate) const DECODE_IMAGE: &[Field] =
    &[Field::new("image", Kind::String, "PNG or JPEG image").required()];

/// The generate body, for the OpenAPI document.
pub(crate) const GENERATE: &[Field] = &[
    Field::new("model", Kind::String, "Model").required(),
    Field::new("pk", Kind::Integer, "Primary key").required(),
];

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/api/barcode/", post(scan::scan))
        .route(
            "/api/barcode/decode-image/",
            // Camera frames are bigger than the JSON bodies the rest of the API takes.
            post(decode::decode_image)
                .layer(axum::extract::DefaultBodyLimit::max(decode::MAX_BODY_BYTES)),
        )
        .route("/api/barcode/link/", post(link::link).get(link::list))
        .route("/api/barcode/unlink/", post(link::unlink))
        .route("/api/barcode/generate/", post(link::generate))
        .route(
            "/api/barcode/history/",
            get(history::list).delete(history::delete_many),
        )
        .route(
            "/api/barcode/history/{pk}/",
            get(history::detail).delete(history::delete_one),
        )
}

/// The `barcode` field as DRF's `CharField` reads it: text, or a number written as text.
pub(crate) fn barcode_field(body: &Value) -> Result<String, ApiError> {
    match body.get("barcode") {
        None => Err(field_error("barcode", "This field is required.")),
        Some(Value::Null) => Err(field_error("barcode", "This field may not be null.")),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        Some(_) => Err(field_error("barcode", "Not a valid string.")),
    }
}

/// Queues a history record when `BARCODE_STORE_RESULTS` is on (or not known yet: the
/// writer checks again before writing).
pub(crate) async fn record(
    state: &AppState,
    auth: &Auth,
    uri: &Uri,
    body: &Value,
    raw: Option<&str>,
    response: &Value,
    result: bool,
) {
    if state
        .barcode_settings
        .peek()
        .is_some_and(|s| !s.store_results)
    {
        return;
    }
    state
        .scan_recorder
        .record(scan::history_entry(auth, uri, body, raw, response, result));
}
