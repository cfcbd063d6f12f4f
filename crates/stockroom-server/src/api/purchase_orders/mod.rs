//! Purchase orders under `/api/order/po/`, their lines under `/api/order/po-line/`, and the
//! order actions (issue, hold, cancel, complete, receive).

mod actions;
mod lines;
mod orders;

use axum::Router;
use utoipa::openapi::path::HttpMethod;

use crate::AppState;
use crate::api::schema::Doc;

pub(crate) use orders::instance;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .merge(orders::routes())
        .merge(lines::routes())
        .merge(actions::routes())
}

/// This module's routes, for the OpenAPI document.
pub(crate) fn docs() -> Vec<Doc> {
    let action = |path, summary, fields| Doc::Action {
        path,
        method: HttpMethod::Post,
        summary,
        tag: "purchaseorder",
        fields,
    };
    vec![
        Doc::Resource {
            list: "/api/order/po/",
            list_endpoint: &orders::LIST,
            detail: "/api/order/po/{pk}/",
            detail_endpoint: &orders::DETAIL,
        },
        Doc::Resource {
            list: "/api/order/po-line/",
            list_endpoint: &lines::LIST,
            detail: "/api/order/po-line/{pk}/",
            detail_endpoint: &lines::DETAIL,
        },
        action(
            "/api/order/po/{pk}/issue/",
            "Issue (place) a purchase order",
            &[],
        ),
        action(
            "/api/order/po/{pk}/hold/",
            "Put a purchase order on hold",
            &[],
        ),
        action("/api/order/po/{pk}/cancel/", "Cancel a purchase order", &[]),
        action(
            "/api/order/po/{pk}/complete/",
            "Complete a purchase order",
            actions::COMPLETE_FIELDS,
        ),
        action(
            "/api/order/po/{pk}/receive/",
            "Receive stock against a purchase order",
            actions::RECEIVE_FIELDS,
        ),
    ]
}
