//! Sales orders under `/api/order/so/`: orders and their transitions, lines, shipments
//! (and shipping them), and the stock allocated to them.

mod allocations;
mod body;
mod lines;
mod orders;
mod shipments;

use axum::Router;
use axum::routing::{get, post};
use utoipa::openapi::path::HttpMethod;

use crate::AppState;
use crate::api::schema::Doc;

pub(crate) use orders::instance;
pub(crate) use shipments::instance as shipment_instance;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/order/so/",
            get(orders::list)
                .post(orders::create)
                .options(orders::list_options),
        )
        .route("/api/order/so/status/", get(orders::statuses))
        .route(
            "/api/order/so/{pk}/",
            get(orders::detail)
                .put(orders::change)
                .patch(orders::change)
                .delete(orders::remove)
                .options(orders::detail_options),
        )
        .route("/api/order/so/{pk}/issue/", post(orders::issue))
        .route("/api/order/so/{pk}/hold/", post(orders::hold))
        .route("/api/order/so/{pk}/cancel/", post(orders::cancel))
        .route("/api/order/so/{pk}/complete/", post(orders::complete))
        .route("/api/order/so/{pk}/allocate/", post(allocations::allocate))
        .route(
            "/api/order/so/{pk}/allocate-serials/",
            post(allocations::allocate_serials),
        )
        .route(
            "/api/order/so-line/",
            get(lines::list)
                .post(lines::create)
                .options(lines::list_options),
        )
        .route(
            "/api/order/so-line/{pk}/",
            get(lines::detail)
                .put(lines::change)
                .patch(lines::change)
                .delete(lines::remove)
                .options(lines::detail_options),
        )
        .route(
            "/api/order/so/shipment/",
            get(shipments::list)
                .post(shipments::create)
                .options(shipments::list_options),
        )
        .route(
            "/api/order/so/shipment/{pk}/",
            get(shipments::detail)
                .put(shipments::change)
                .patch(shipments::change)
                .delete(shipments::remove)
                .options(shipments::detail_options),
        )
        .route(
            "/api/order/so/shipment/{pk}/ship/",
            post(shipments::ship).options(shipments::ship_options),
        )
        .route(
            "/api/order/so-allocation/",
            get(allocations::list).options(allocations::list_options),
        )
        .route(
            "/api/order/so-allocation/{pk}/",
            get(allocations::detail)
                .patch(allocations::change)
                .delete(allocations::remove)
                .options(allocations::detail_options),
        )
}

fn action(
    path: &'static str,
    summary: &'static str,
    fields: &'static [crate::api::fields::Field],
) -> Doc {
    Doc::Action {
        path,
        method: HttpMethod::Post,
        summary,
        tag: "salesorder",
        fields,
    }
}

/// This module's routes, for the OpenAPI document.
pub(crate) fn docs() -> Vec<Doc> {
    vec![
        Doc::Resource {
            list: "/api/order/so/",
            list_endpoint: &orders::LIST,
            detail: "/api/order/so/{pk}/",
            detail_endpoint: &orders::DETAIL,
        },
        Doc::Resource {
            list: "/api/order/so-line/",
            list_endpoint: &lines::LIST,
            detail: "/api/order/so-line/{pk}/",
            detail_endpoint: &lines::DETAIL,
        },
        Doc::Resource {
            list: "/api/order/so/shipment/",
            list_endpoint: &shipments::LIST,
            detail: "/api/order/so/shipment/{pk}/",
            detail_endpoint: &shipments::DETAIL,
        },
        Doc::Resource {
            list: "/api/order/so-allocation/",
            list_endpoint: &allocations::LIST,
            detail: "/api/order/so-allocation/{pk}/",
            detail_endpoint: &allocations::DETAIL,
        },
        action("/api/order/so/{pk}/issue/", "Issue a sales order", &[]),
        action("/api/order/so/{pk}/hold/", "Put a sales order on hold", &[]),
        action("/api/order/so/{pk}/cancel/", "Cancel a sales order", &[]),
        action(
            "/api/order/so/{pk}/complete/",
            "Complete a sales order",
            orders::COMPLETE_FIELDS,
        ),
        action(
            "/api/order/so/{pk}/allocate/",
            "Allocate stock to a sales order",
            allocations::ALLOCATE_FIELDS,
        ),
        action(
            "/api/order/so/{pk}/allocate-serials/",
            "Allocate serialized stock to a sales order",
            allocations::SERIAL_FIELDS,
        ),
        action(
            "/api/order/so/shipment/{pk}/ship/",
            "Ship a sales order shipment",
            shipments::SHIP_FIELDS,
        ),
    ]
}
