//! Return orders: `/api/order/ro/`, their lines under `/api/order/ro-line/`, and the
//! status actions and receiving under `/api/order/ro/<pk>/...`.

mod actions;
mod lines;
mod orders;

use axum::Router;
use axum::routing::{get, post};
use utoipa::openapi::path::HttpMethod;

use crate::AppState;
use crate::api::schema::Doc;

pub(crate) use orders::instance;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/order/ro/",
            get(orders::list)
                .post(orders::create)
                .options(orders::list_options),
        )
        .route(
            "/api/order/ro/{pk}/",
            get(orders::detail)
                .put(orders::change)
                .patch(orders::change)
                .delete(orders::remove)
                .options(orders::detail_options),
        )
        .route(
            "/api/order/ro/{pk}/issue/",
            post(actions::issue).options(actions::status_options),
        )
        .route(
            "/api/order/ro/{pk}/hold/",
            post(actions::hold).options(actions::status_options),
        )
        .route(
            "/api/order/ro/{pk}/cancel/",
            post(actions::cancel).options(actions::status_options),
        )
        .route(
            "/api/order/ro/{pk}/complete/",
            post(actions::complete).options(actions::status_options),
        )
        .route(
            "/api/order/ro/{pk}/receive/",
            post(actions::receive).options(actions::receive_options),
        )
        .route(
            "/api/order/ro-line/",
            get(lines::list)
                .post(lines::create)
                .options(lines::list_options),
        )
        .route(
            "/api/order/ro-line/{pk}/",
            get(lines::detail)
                .put(lines::change)
                .patch(lines::change)
                .delete(lines::remove)
                .options(lines::detail_options),
        )
}

fn action(path: &'static str, summary: &'static str) -> Doc {
    Doc::Action {
        path,
        method: HttpMethod::Post,
        summary,
        tag: "returnorder",
        fields: &[],
    }
}

/// This module's routes, for the OpenAPI document.
pub(crate) fn docs() -> Vec<Doc> {
    vec![
        Doc::Resource {
            list: "/api/order/ro/",
            list_endpoint: &orders::LIST,
            detail: "/api/order/ro/{pk}/",
            detail_endpoint: &orders::DETAIL,
        },
        Doc::Resource {
            list: "/api/order/ro-line/",
            list_endpoint: &lines::LIST,
            detail: "/api/order/ro-line/{pk}/",
            detail_endpoint: &lines::DETAIL,
        },
        action("/api/order/ro/{pk}/issue/", "Issue a return order"),
        action("/api/order/ro/{pk}/hold/", "Place a return order on hold"),
        action("/api/order/ro/{pk}/cancel/", "Cancel a return order"),
        action("/api/order/ro/{pk}/complete/", "Complete a return order"),
        Doc::Action {
            path: "/api/order/ro/{pk}/receive/",
            method: HttpMethod::Post,
            summary: "Receive returned items",
            tag: "returnorder",
            fields: actions::RECEIVE_FIELDS,
        },
    ]
}
