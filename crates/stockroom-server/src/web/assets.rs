//! The stylesheet, compiled into the binary and served under a name that carries a hash of
//! its content, so browsers may cache it for a year and still see every change at once.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

const CSS: &str = include_str!("../../assets/stockroom.css");

/// `/web/static/stockroom.<first 12 hex digits of the SHA-256>.css`
static CSS_NAME: LazyLock<(String, String)> = LazyLock::new(|| {
    let digest = Sha256::digest(CSS.as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let file = format!("stockroom.{hex}.css");
    let url = format!("/web/static/{file}");
    (file, url)
});

/// The stylesheet's URL, for the layout.
pub(crate) fn css_url() -> &'static str {
    &CSS_NAME.1
}

/// GET `/web/static/{file}`: the stylesheet under its current name, else 404.
pub(crate) async fn serve(Path(file): Path<String>) -> Response {
    if file != CSS_NAME.0 {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        CSS,
    )
        .into_response()
}
