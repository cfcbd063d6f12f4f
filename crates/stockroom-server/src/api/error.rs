//! Every error the API returns, mapped to HTTP in this one place.
//!
//! Bodies follow Django REST framework as InvenTree serves them: field errors are
//! `{"field": ["message"]}`, everything else `{"detail": "message"}`. Internal failures are
//! logged with their cause and answered with a generic body.

use axum::Json;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use stockroom_store::{Constraint, StoreError};

/// Field errors in DRF's shape: field name to a list of messages (or nested errors).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors(Map<String, Value>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Adds a message to a field (`non_field_errors` for the request as a whole).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        let entry = self
            .0
            .entry(field.to_owned())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(messages) = entry {
            messages.push(Value::String(message.into()));
        }
    }

    /// Sets a field's errors to a nested structure (errors of list items or sub-objects).
    pub fn set(&mut self, field: &str, errors: Value) {
        self.0.insert(field.to_owned(), errors);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// `Err` with these errors unless there are none.
    pub fn into_result(self) -> Result<(), ApiError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self))
        }
    }

    pub fn into_value(self) -> Value {
        Value::Object(self.0)
    }
}

/// One message on one field.
pub fn field_error(field: &str, message: impl Into<String>) -> ApiError {
    let mut errors = FieldErrors::new();
    errors.add(field, message);
    ApiError::Validation(errors)
}

/// What went wrong with a request.
#[derive(Debug)]
pub enum ApiError {
    /// 400 with field errors.
    Validation(FieldErrors),
    /// 400 with a detail message (malformed JSON, bodies too large, ...).
    BadRequest(String),
    /// 401: no credentials, or wrong ones.
    Unauthenticated(&'static str),
    /// 403 with a detail message.
    Forbidden(String),
    /// 404 with a detail message.
    NotFound(String),
    /// 405 for the method.
    MethodNotAllowed(Method),
    /// 415 for a body that is not JSON.
    UnsupportedMediaType(String),
    /// 429: too many failed sign-ins.
    Throttled { wait_seconds: u64 },
    /// 500: logged, never shown.
    Internal(String),
}

/// DRF's text when no credentials were sent.
pub const NO_CREDENTIALS: &str = "Authentication credentials were not provided.";
/// DRF's text for a permission failure.
pub const NO_PERMISSION: &str = "You do not have permission to perform this action.";

impl ApiError {
    /// 404 for a model's object, in Django's words.
    pub fn not_found(model: &str) -> ApiError {
        ApiError::NotFound(format!("No {model} matches the given query."))
    }

    pub fn forbidden() -> ApiError {
        ApiError::Forbidden(NO_PERMISSION.to_owned())
    }

    pub fn internal(cause: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(cause.to_string())
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> ApiError {
        match error {
            StoreError::NotFound { model, .. } => ApiError::not_found(model),
            StoreError::Invalid {
                field: Some(field),
                message,
            } => field_error(field, message),
            StoreError::Invalid {
                field: None,
                message,
            } => field_error("non_field_errors", message),
            StoreError::Conflict(constraint) => conflict(constraint),
            StoreError::ForeignKey => field_error(
                "non_field_errors",
                "A referenced object does not exist or is still in use.",
            ),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// The message InvenTree gives for each uniqueness rule.
fn conflict(constraint: Constraint) -> ApiError {
    match constraint {
        Constraint::SerialTaken => field_error(
            "serial",
            "Stock item with this serial number already exists",
        ),
        Constraint::BarcodeTaken => {
            field_error("non_field_errors", "Barcode matches existing item")
        }
        Constraint::UsernameTaken => {
            field_error("username", "A user with that username already exists.")
        }
        Constraint::GroupNameTaken => field_error("name", "group with this name already exists."),
        Constraint::ReferenceTaken => field_error("reference", "Reference must be unique"),
        Constraint::ShipmentReferenceTaken => field_error(
            "reference",
            "Shipment with this reference already exists for this order",
        ),
        Constraint::ManufacturerPartTaken => field_error(
            "non_field_errors",
            "The fields part, manufacturer, MPN must make a unique set.",
        ),
        Constraint::SupplierPartTaken => field_error(
            "non_field_errors",
            "The fields part, supplier, SKU must make a unique set.",
        ),
        other => ApiError::Internal(format!("unexpected uniqueness conflict {other:?}")),
    }
}

impl ApiError {
    /// The status and body this error answers with: the one mapping to HTTP.
    pub fn into_parts(self) -> (StatusCode, Value) {
        match self {
            ApiError::Validation(errors) => (StatusCode::BAD_REQUEST, errors.into_value()),
            ApiError::BadRequest(detail) => (StatusCode::BAD_REQUEST, json!({"detail": detail})),
            ApiError::Unauthenticated(detail) => {
                (StatusCode::UNAUTHORIZED, json!({"detail": detail}))
            }
            ApiError::Forbidden(detail) => (StatusCode::FORBIDDEN, json!({"detail": detail})),
            ApiError::NotFound(detail) => (StatusCode::NOT_FOUND, json!({"detail": detail})),
            ApiError::MethodNotAllowed(method) => (
                StatusCode::METHOD_NOT_ALLOWED,
                json!({"detail": format!("Method \"{method}\" not allowed.")}),
            ),
            ApiError::UnsupportedMediaType(kind) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                json!({"detail": format!("Unsupported media type \"{kind}\" in request.")}),
            ),
            ApiError::Throttled { wait_seconds } => (
                StatusCode::TOO_MANY_REQUESTS,
                json!({"detail": format!("Request was throttled. Expected available in {wait_seconds} seconds.")}),
            ),
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"detail": "A server error occurred."}),
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = self.into_parts();
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            // DRF announces Basic auth, which is what clients retry with.
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Basic realm=\"api\""),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_collect_per_field_lists() {
        let mut errors = FieldErrors::new();
        errors.add("name", "This field is required.");
        errors.add("name", "Another.");
        errors.add("quantity", "A valid number is required.");
        assert_eq!(
            errors.into_value(),
            json!({"name": ["This field is required.", "Another."], "quantity": ["A valid number is required."]})
        );
    }

    #[test]
    fn store_errors_become_inventree_bodies() {
        assert!(matches!(
            ApiError::from(StoreError::NotFound { model: "StockItem", pk: 5 }),
            ApiError::NotFound(d) if d == "No StockItem matches the given query."
        ));
        assert!(matches!(
            ApiError::from(StoreError::Conflict(Constraint::BarcodeTaken)),
            ApiError::Validation(_)
        ));
    }
}
