//! The web interface under `/web/`: server-rendered pages at InvenTree's URL scheme, so the
//! `web_url` of a scan result opens the matching page here.
//!
//! Pages work without JavaScript: every change is an HTML form that posts to a handler
//! calling the same store operation as the API, then redirects back (post/redirect/get).
//! A database-backed session cookie identifies the user; every state-changing form carries
//! the session's CSRF token.

mod assets;
mod dashboard;
mod forms;
mod locations;
mod login;
mod page;
mod parts;
mod session;
mod stock;
mod stock_forms;

use axum::Router;
use axum::response::Redirect;
use axum::routing::{any, get, post};

use crate::AppState;

/// Every page of the web interface.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/web", get(|| async { Redirect::permanent("/web/") }))
        .route("/web/", get(dashboard::show))
        .route("/web/login", get(login::form).post(login::submit))
        .route("/web/logout", post(login::logout))
        .route("/web/part/", get(parts::list))
        .route("/web/part/{pk}", get(parts::detail))
        .route("/web/part/{pk}/", get(parts::detail))
        .route("/web/stock/", get(stock::list))
        .route("/web/stock/item/{pk}", get(stock::detail))
        .route("/web/stock/item/{pk}/", get(stock::detail))
        .route("/web/stock/item/{pk}/move", post(stock_forms::move_item))
        .route("/web/stock/item/{pk}/count", post(stock_forms::count))
        .route("/web/stock/item/{pk}/add", post(stock_forms::add))
        .route("/web/stock/item/{pk}/remove", post(stock_forms::remove))
        .route("/web/stock/location/", get(locations::tree))
        .route("/web/stock/location/{pk}", get(locations::detail))
        .route("/web/stock/location/{pk}/", get(locations::detail))
        .route("/web/static/{file}", get(assets::serve))
        .route("/web/{*rest}", any(page::not_found))
}
