//! `POST /api/barcode/decode-image/`: scan every barcode in a camera frame.
//!
//! The frame comes as the multipart field `image` or as a raw PNG or JPEG body. Each code
//! found is then scanned exactly as `POST /api/barcode/` scans its text: same plugins,
//! same permission checks, same history record, same answer.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, Uri, header};
use serde_json::{Value, json};

use super::detect::{self, FrameError};
use super::scan::scan_text;
use crate::AppState;
use crate::api::auth::Auth;
use crate::api::error::{ApiError, field_error};

/// The largest image accepted, in bytes.
pub(crate) const MAX_IMAGE_BYTES: usize = 8 * 1024 * 1024;
/// The route's body limit: the image plus room for multipart framing.
pub(crate) const MAX_BODY_BYTES: usize = MAX_IMAGE_BYTES + 64 * 1024;

const FIELD: &str = "image";

fn image_error(message: impl Into<String>) -> ApiError {
    field_error(FIELD, message.into())
}

fn too_large() -> ApiError {
    image_error(format!(
        "The image is larger than the limit of {MAX_IMAGE_BYTES} bytes (8 MB)."
    ))
}

fn missing() -> ApiError {
    image_error("No file was submitted.")
}

/// Reads the image bytes from either request shape, enforcing the size limit.
async fn read_image(request: Request, state: &AppState) -> Result<Bytes, ApiError> {
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
    let bytes = match content_type.as_deref() {
        Some("multipart/form-data") => read_multipart(request, state).await?,
        Some("image/png" | "image/jpeg" | "image/jpg" | "image/pjpeg") => {
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| {
                    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        too_large()
                    } else {
                        image_error("The image could not be read from the request.")
                    }
                })?
        }
        None => return Err(missing()),
        Some(other) => {
            return Err(image_error(format!(
                "Unsupported content type \"{other}\": send a PNG or JPEG image, as the \
                 body or as the multipart field \"image\"."
            )));
        }
    };
    if bytes.is_empty() {
        return Err(image_error("The submitted file is empty."));
    }
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The `image` field of a multipart form; other fields are skipped.
async fn read_multipart(request: Request, state: &AppState) -> Result<Bytes, ApiError> {
    let malformed = || image_error("The multipart form could not be read.");
    let mut form = Multipart::from_request(request, state)
        .await
        .map_err(|_| malformed())?;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(missing()),
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(too_large());
            }
            Err(_) => return Err(malformed()),
        };
        if field.name() != Some(FIELD) {
            continue;
        }
        return field.bytes().await.map_err(|error| {
            if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                malformed()
            }
        });
    }
}

#[tracing::instrument(skip_all, fields(user = auth.user.id))]
pub(crate) async fn decode_image(
    State(state): State<AppState>,
    auth: Auth,
    uri: Uri,
    request: Request,
) -> Result<Json<Value>, ApiError> {
    let bytes = read_image(request, &state).await?;
    let found = tokio::task::spawn_blocking(move || detect::detect(&bytes))
        .await
        .map_err(|join| ApiError::internal(format!("barcode detection failed: {join}")))?
        .map_err(|error| match error {
            FrameError::NotPngOrJpeg => {
                image_error("Unsupported image type: send a PNG or JPEG image.")
            }
            FrameError::Corrupt => image_error(
                "Upload a valid image. The file you uploaded was either not an image or a \
                 corrupted image.",
            ),
        })?;
    tracing::debug!(codes = found.len(), "decoded a frame");
    let mut barcodes = Vec::with_capacity(found.len());
    for code in found {
        let body = json!({ "barcode": code.text });
        let (status, result) = match scan_text(&state, &auth, &uri, &body, code.text.clone()).await
        {
            Ok(answer) => answer,
            Err(error @ ApiError::Internal(_)) => return Err(error),
            // Answered per code, as the scan endpoint would answer it.
            Err(error) => error.into_parts(),
        };
        let points: Vec<[f32; 2]> = code.points.iter().map(|&(x, y)| [x, y]).collect();
        barcodes.push(json!({
            "text": code.text,
            "format": code.format,
            "points": points,
            "status": status.as_u16(),
            "result": result,
        }));
    }
    Ok(Json(json!({ "barcodes": barcodes })))
}
