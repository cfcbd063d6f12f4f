//! Companies and the parts they make and sell: `/api/company/`,
//! `/api/company/part/manufacturer/` and `/api/company/part/`.

mod company;
mod manufacturer;
mod supplier;

use axum::Router;
use axum::routing::get;

use crate::AppState;
use crate::api::auth::{Auth, Perm, RuleSet};
use crate::api::error::ApiError;
use crate::api::schema::Doc;

pub(crate) use company::brief as company_brief;
pub(crate) use manufacturer::instance as manufacturer_part_instance;
pub(crate) use supplier::instance as supplier_part_instance;

/// `Ok` when the user holds `perm` through any of `rules` (a model several roles share).
fn require_any(auth: &Auth, rules: &[RuleSet], perm: Perm) -> Result<(), ApiError> {
    if rules.iter().any(|rule| auth.can(*rule, perm)) {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

/// Companies belong to every order role; their parts to the part and purchasing roles.
const COMPANY_RULES: &[RuleSet] = &[
    RuleSet::PurchaseOrder,
    RuleSet::SalesOrder,
    RuleSet::ReturnOrder,
];
const PART_RULES: &[RuleSet] = &[RuleSet::Part, RuleSet::PurchaseOrder];

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/company/",
            get(company::list)
                .post(company::create)
                .options(company::list_options),
        )
        .route(
            "/api/company/{pk}/",
            get(company::detail)
                .put(company::change)
                .patch(company::change)
                .delete(company::remove)
                .options(company::detail_options),
        )
        .route(
            "/api/company/part/manufacturer/",
            get(manufacturer::list)
                .post(manufacturer::create)
                .options(manufacturer::list_options),
        )
        .route(
            "/api/company/part/manufacturer/{pk}/",
            get(manufacturer::detail)
                .put(manufacturer::change)
                .patch(manufacturer::change)
                .delete(manufacturer::remove)
                .options(manufacturer::detail_options),
        )
        .route(
            "/api/company/part/",
            get(supplier::list)
                .post(supplier::create)
                .options(supplier::list_options),
        )
        .route(
            "/api/company/part/{pk}/",
            get(supplier::detail)
                .put(supplier::change)
                .patch(supplier::change)
                .delete(supplier::remove)
                .options(supplier::detail_options),
        )
}

/// This module's routes, for the OpenAPI document.
pub(crate) fn docs() -> Vec<Doc> {
    vec![
        Doc::Resource {
            list: "/api/company/",
            list_endpoint: &company::LIST,
            detail: "/api/company/{pk}/",
            detail_endpoint: &company::DETAIL,
        },
        Doc::Resource {
            list: "/api/company/part/manufacturer/",
            list_endpoint: &manufacturer::LIST,
            detail: "/api/company/part/manufacturer/{pk}/",
            detail_endpoint: &manufacturer::DETAIL,
        },
        Doc::Resource {
            list: "/api/company/part/",
            list_endpoint: &supplier::LIST,
            detail: "/api/company/part/{pk}/",
            detail_endpoint: &supplier::DETAIL,
        },
    ]
}
