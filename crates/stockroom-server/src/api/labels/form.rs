//! Template uploads: a multipart form (InvenTree's clients send the file as `template`), a
//! URL-encoded form, or JSON with the template text as a string. All become one JSON object.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use serde_json::{Map, Value};

use crate::AppState;
use crate::api::body::JsonBody;
use crate::api::error::ApiError;

/// The fields of a template upload.
#[derive(Debug)]
pub(crate) struct TemplateForm(pub Map<String, Value>);

impl FromRequest<AppState> for TemplateForm {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<TemplateForm, ApiError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("multipart/form-data") {
            let mut multipart = Multipart::from_request(request, state)
                .await
                .map_err(|e| ApiError::BadRequest(format!("Multipart form parse error - {e}")))?;
            let mut fields = Map::new();
            while let Some(field) = multipart
                .next_field()
                .await
                .map_err(|e| ApiError::BadRequest(format!("Multipart form parse error - {e}")))?
            {
                let name = field.name().unwrap_or_default().to_owned();
                let file_name = field.file_name().map(str::to_owned);
                let bytes = field.bytes().await.map_err(|e| {
                    ApiError::BadRequest(format!("Multipart form parse error - {e}"))
                })?;
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
                    crate::api::error::field_error(&name, "The submitted file is not UTF-8 text.")
                })?;
                if let Some(file_name) = file_name.filter(|_| name == "template") {
                    fields.insert("filename".into(), Value::String(file_name));
                }
                fields.insert(name, Value::String(text));
            }
            return Ok(TemplateForm(fields));
        }
        if content_type.starts_with("application/x-www-form-urlencoded") {
            let bytes = axum::body::Bytes::from_request(request, state)
                .await
                .map_err(|_| ApiError::BadRequest("Request body is too large.".into()))?;
            let fields = form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect();
            return Ok(TemplateForm(fields));
        }
        let JsonBody(value) = JsonBody::from_request(request, state).await?;
        match value {
            Value::Object(fields) => Ok(TemplateForm(fields)),
            Value::Null => Ok(TemplateForm(Map::new())),
            _ => Err(ApiError::BadRequest(
                "Invalid data. Expected a dictionary.".into(),
            )),
        }
    }
}
