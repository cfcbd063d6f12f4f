//! List responses: limit/offset pagination as DRF's `LimitOffsetPagination`.
//!
//! With `limit`, the body is `{count, next, previous, results}`; without, a plain list.

use axum::Json;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::api::error::ApiError;
use crate::api::query::Params;

/// The page a list request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: Option<i64>,
    pub offset: i64,
}

impl Page {
    pub fn from_params(params: &Params) -> Result<Page, ApiError> {
        // DRF ignores values it cannot read instead of failing.
        let limit = params
            .text("limit")
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|l| *l > 0);
        let offset = params
            .text("offset")
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|o| *o >= 0)
            .unwrap_or(0);
        Ok(Page {
            limit,
            offset: if limit.is_some() { offset } else { 0 },
        })
    }
}

/// Where the request came in, to build the `next` and `previous` links.
#[derive(Debug, Clone)]
pub struct RequestUrl {
    base: String,
    path: String,
    query: Vec<(String, String)>,
}

impl RequestUrl {
    pub fn new(headers: &HeaderMap, uri: &Uri) -> RequestUrl {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        let query = uri
            .query()
            .map(|q| {
                q.split('&')
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        let (k, v) = p.split_once('=').unwrap_or((p, ""));
                        (k.to_owned(), v.to_owned())
                    })
                    .collect()
            })
            .unwrap_or_default();
        RequestUrl {
            base: format!("http://{host}"),
            path: uri.path().to_owned(),
            query,
        }
    }

    pub fn from_parts(parts: &Parts) -> RequestUrl {
        RequestUrl::new(&parts.headers, &parts.uri)
    }

    fn with_page(&self, limit: i64, offset: i64) -> String {
        let mut pairs: Vec<(String, String)> = self
            .query
            .iter()
            .filter(|(k, _)| k != "limit" && k != "offset")
            .cloned()
            .collect();
        pairs.push(("limit".into(), limit.to_string()));
        if offset > 0 {
            pairs.push(("offset".into(), offset.to_string()));
        }
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{}{}?{}", self.base, self.path, query.join("&"))
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for RequestUrl {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<RequestUrl, Self::Rejection> {
        Ok(RequestUrl::from_parts(parts))
    }
}

/// A list response for one page of `results` out of `count`.
pub fn respond(page: Page, count: i64, results: Vec<Value>, url: &RequestUrl) -> Response {
    match page.limit {
        None => Json(Value::Array(results)).into_response(),
        Some(limit) => {
            let next =
                (page.offset + limit < count).then(|| url.with_page(limit, page.offset + limit));
            let previous =
                (page.offset > 0).then(|| url.with_page(limit, (page.offset - limit).max(0)));
            Json(json!({"count": count, "next": next, "previous": previous, "results": results}))
                .into_response()
        }
    }
}
