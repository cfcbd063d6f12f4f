//! The dashboard: counts, parts below their minimum stock, and the latest stock history.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use stockroom_core::status::STOCK_HISTORY;
use stockroom_store::listing::PageRequest;
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
}

/// GET `/web/`.
#[tracing::instrument(skip_all)]
pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    let see_parts = viewer.auth.can(RuleSet::Part, Perm::View);
    let see_stock = viewer.auth.can(RuleSet::Stock, Perm::View);
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
        Ok((
            store.count_objects("part")?,
            store.count_objects("stockitem")?,
            store.count_objects("stocklocation")?,
            low,
            recent,
        ))
    })
    .await
    .map_err(|e| WebError::internal(Some(&viewer), format!("{e:?}")))?;
    let (parts, items, locations, low, recent) = page;
    let page = DashboardPage {
        layout: Layout::new(Some(&viewer), "Dashboard", Section::Home),
        parts,
        items,
        locations,
        low_stock: low.items.iter().map(PartLine::of).collect(),
        low_stock_count: low.count,
        recent,
    };
    Ok(html(StatusCode::OK, &page))
}
