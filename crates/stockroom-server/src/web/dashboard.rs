//! The dashboard: counts, parts below their minimum stock, and the latest stock history.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use stockroom_core::status::{PURCHASE_ORDER_STATUS, SALES_ORDER_STATUS, STOCK_HISTORY};
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::{PoQuery, SalesOrderQuery};
use stockroom_store::parts::{PartQuery, StockFilters};
use stockroom_store::stock::TrackingQuery;

use super::page::{Layout, Section, WebError, html};
use super::parts::PartLine;
use super::session::Viewer;
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::run;

/// Rows in each dashboard table.
const DASHBOARD_ROWS: i64 = 10;

#[derive(Debug, Clone)]
struct RecentLine {
    date: String,
    label: &'static str,
    item: Option<i64>,
    part_pk: i64,
    part: String,
}

/// An open purchase or sales order.
#[derive(Debug, Clone)]
struct OpenOrder {
    url: String,
    reference: String,
    company: String,
    status: &'static str,
    target: String,
}

/// The open orders of one kind: the newest few and how many there are.
#[derive(Debug, Clone)]
struct OpenOrders {
    title: &'static str,
    id: &'static str,
    list: &'static str,
    count: i64,
    rows: Vec<OpenOrder>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    layout: Layout,
    parts: i64,
    items: i64,
    locations: i64,
    low_stock: Vec<PartLine>,
    low_stock_count: i64,
    recent: Vec<RecentLine>,
    /// Each kind of order the user may see.
    open_orders: Vec<OpenOrders>,
}

/// GET `/web/`.
#[tracing::instrument(skip_all)]
pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let see_parts = viewer.auth.can(RuleSet::Part, Perm::View);
    let see_stock = viewer.auth.can(RuleSet::Stock, Perm::View);
    let see_purchases = viewer.auth.can(RuleSet::PurchaseOrder, Perm::View);
    let see_sales = viewer.auth.can(RuleSet::SalesOrder, Perm::View);
    let newest = PageRequest {
        limit: Some(DASHBOARD_ROWS),
        offset: 0,
    };
    let page = run(&state, move |store| {
        let low = if see_parts {
            store.query_parts(&PartQuery {
                stock: StockFilters {
                    low_stock: Some(true),
                    ..Default::default()
                },
                page: PageRequest {
                    limit: Some(DASHBOARD_ROWS),
                    offset: 0,
                },
                ..Default::default()
            })?
        } else {
            stockroom_store::listing::Listed {
                count: 0,
                items: Vec::new(),
            }
        };
        let mut recent = Vec::new();
        if see_stock {
            let entries = store.query_tracking(&TrackingQuery {
                page: PageRequest {
                    limit: Some(DASHBOARD_ROWS),
                    offset: 0,
                },
                ..Default::default()
            })?;
            let mut names: Vec<(i64, String)> = Vec::new();
            for e in entries.items {
                let part = match names.iter().find(|(pk, _)| *pk == e.part_id) {
                    Some((_, name)) => name.clone(),
                    None => {
                        let name = store
                            .part(e.part_id)
                            .map(|p| p.full_name())
                            .unwrap_or_default();
                        names.push((e.part_id, name.clone()));
                        name
                    }
                };
                recent.push(RecentLine {
                    date: e.date.format("%Y-%m-%d %H:%M").to_string(),
                    label: STOCK_HISTORY.label(e.tracking_type),
                    item: e.item_id,
                    part_pk: e.part_id,
                    part,
                });
            }
        }
        let mut open_orders = Vec::new();
        if see_purchases {
            let open = store.query_purchase_orders(&PoQuery {
                outstanding: Some(true),
                page: newest,
                ..Default::default()
            })?;
            let rows = open
                .items
                .into_iter()
                .map(|row| OpenOrder {
                    url: format!("/web/purchasing/purchase-order/{}", row.order.id),
                    reference: row.order.reference,
                    company: row.supplier.map(|c| c.name).unwrap_or_default(),
                    status: PURCHASE_ORDER_STATUS.label(row.order.status),
                    target: row
                        .order
                        .target_date
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                })
                .collect();
            open_orders.push(OpenOrders {
                title: "Open purchase orders",
                id: "open-po",
                list: "/web/purchasing/purchase-order/",
                count: open.count,
                rows,
            });
        }
        if see_sales {
            let open = store.query_sales_orders(&SalesOrderQuery {
                outstanding: Some(true),
                page: newest,
                ..Default::default()
            })?;
            let rows = open
                .items
                .into_iter()
                .map(|row| OpenOrder {
                    url: format!("/web/sales/sales-order/{}", row.order.id),
                    reference: row.order.reference,
                    company: row.customer.map(|c| c.name).unwrap_or_default(),
                    status: SALES_ORDER_STATUS.label(row.order.status),
                    target: row
                        .order
                        .target_date
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                })
                .collect();
            open_orders.push(OpenOrders {
                title: "Open sales orders",
                id: "open-so",
                list: "/web/sales/sales-order/",
                count: open.count,
                rows,
            });
        }
        Ok((
            store.count_objects("part")?,
            store.count_objects("stockitem")?,
            store.count_objects("stocklocation")?,
            low,
            recent,
            open_orders,
        ))
    })
    .await
    .map_err(|e| WebError::internal(Some(&viewer), format!("{e:?}")))?;
    let (parts, items, locations, low, recent, open_orders) = page;
    let page = DashboardPage {
        layout: Layout::new(Some(&viewer), "Dashboard", Section::Home),
        parts,
        items,
        locations,
        low_stock: low.items.iter().map(PartLine::of).collect(),
        low_stock_count: low.count,
        recent,
        open_orders,
    };
    Ok(html(StatusCode::OK, &page))
}
