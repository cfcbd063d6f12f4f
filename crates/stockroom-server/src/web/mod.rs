//! The web interface under `/web/`: server-rendered pages at InvenTree's URL scheme, so the
//! `web_url` of a scan result opens the matching page here.
//!
//! Pages work without JavaScript: every change is an HTML form that posts to a handler
//! calling the same store operation as the API, then redirects back (post/redirect/get).
//! A database-backed session cookie identifies the user; every state-changing form carries
//! the session's CSRF token.

mod assets;
mod builds;
mod companies;
mod create;
mod dashboard;
mod fields;
mod forms;
mod locations;
mod login;
mod page;
mod parts;
mod purchasing;
mod returns;
mod sales;
mod session;
mod settings;
mod stock;
mod stock_actions;
mod stock_forms;
mod view;

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
        .route(
            "/web/part/new",
            get(create::new_part).post(create::create_part),
        )
        .route("/web/part/{pk}", get(parts::detail))
        .route("/web/part/{pk}/", get(parts::detail))
        .route("/web/stock/", get(stock::list))
        .route(
            "/web/stock/new",
            get(create::new_stock).post(create::create_stock),
        )
        .route("/web/stock/item/{pk}", get(stock::detail))
        .route("/web/stock/item/{pk}/", get(stock::detail))
        .route("/web/stock/item/{pk}/move", post(stock_forms::move_item))
        .route("/web/stock/item/{pk}/count", post(stock_forms::count))
        .route("/web/stock/item/{pk}/add", post(stock_forms::add))
        .route("/web/stock/item/{pk}/remove", post(stock_forms::remove))
        .route("/web/stock/item/{pk}/split", post(stock_actions::split))
        .route(
            "/web/stock/item/{pk}/serialize",
            post(stock_actions::serialize),
        )
        .route("/web/stock/item/{pk}/merge", post(stock_actions::merge))
        .route("/web/stock/location/", get(locations::tree))
        .route("/web/stock/location/{pk}", get(locations::detail))
        .route("/web/stock/location/{pk}/", get(locations::detail))
        .route("/web/company/", get(companies::list))
        .route("/web/company/{pk}", get(companies::detail))
        .route("/web/company/{pk}/", get(companies::detail))
        .route(
            "/web/purchasing/",
            get(|| async { Redirect::to("/web/purchasing/purchase-order/") }),
        )
        .route(
            "/web/purchasing/supplier-part/{pk}",
            get(companies::supplier_part),
        )
        .route(
            "/web/purchasing/supplier-part/{pk}/",
            get(companies::supplier_part),
        )
        .route(
            "/web/purchasing/manufacturer-part/{pk}",
            get(companies::manufacturer_part),
        )
        .route(
            "/web/purchasing/manufacturer-part/{pk}/",
            get(companies::manufacturer_part),
        )
        .route(
            "/web/purchasing/purchase-order/",
            get(purchasing::list).post(purchasing::create),
        )
        .route(
            "/web/purchasing/purchase-order/{pk}",
            get(purchasing::detail_page),
        )
        .route(
            "/web/purchasing/purchase-order/{pk}/",
            get(purchasing::detail_page),
        )
        .route(
            "/web/purchasing/purchase-order/{pk}/issue",
            post(purchasing::issue),
        )
        .route(
            "/web/purchasing/purchase-order/{pk}/complete",
            post(purchasing::complete),
        )
        .route(
            "/web/purchasing/purchase-order/{pk}/line",
            post(purchasing::add_line),
        )
        .route(
            "/web/purchasing/purchase-order/{pk}/receive",
            post(purchasing::receive),
        )
        .route(
            "/web/sales/",
            get(|| async { Redirect::to("/web/sales/sales-order/") }),
        )
        .route("/web/sales/sales-order/", get(sales::list))
        .route("/web/sales/sales-order/{pk}", get(sales::detail))
        .route("/web/sales/sales-order/{pk}/", get(sales::detail))
        .route("/web/sales/sales-order/{pk}/issue", post(sales::issue))
        .route(
            "/web/sales/sales-order/{pk}/allocate",
            post(sales::allocate),
        )
        .route(
            "/web/sales/sales-order/{pk}/shipment",
            post(sales::add_shipment),
        )
        .route("/web/sales/sales-order/{pk}/ship", post(sales::ship))
        .route("/web/sales/return-order/", get(returns::list))
        .route("/web/sales/return-order/{pk}", get(returns::detail))
        .route("/web/sales/return-order/{pk}/", get(returns::detail))
        .route("/web/sales/return-order/{pk}/issue", post(returns::issue))
        .route(
            "/web/sales/return-order/{pk}/receive",
            post(returns::receive),
        )
        .route(
            "/web/manufacturing/",
            get(|| async { Redirect::to("/web/manufacturing/build-order/") }),
        )
        .route("/web/manufacturing/build-order/", get(builds::list))
        .route("/web/manufacturing/build-order/{pk}", get(builds::detail))
        .route("/web/manufacturing/build-order/{pk}/", get(builds::detail))
        .route(
            "/web/manufacturing/build-order/{pk}/issue",
            post(builds::issue),
        )
        .route(
            "/web/manufacturing/build-order/{pk}/output",
            post(builds::create_output),
        )
        .route(
            "/web/manufacturing/build-order/{pk}/complete",
            post(builds::complete_output),
        )
        .route("/web/settings/", get(settings::global))
        .route("/web/settings/user/", get(settings::user))
        .route("/web/settings/user/{key}", post(settings::save_user))
        .route(
            "/web/settings/users/",
            get(settings::users).post(settings::create_user),
        )
        .route("/web/settings/users/role", post(settings::add_to_group))
        .route("/web/settings/{key}", post(settings::save_global))
        .route("/web/static/{file}", get(assets::serve))
        .route("/web/{*rest}", any(page::not_found))
}
