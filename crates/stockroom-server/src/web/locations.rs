//! The location pages: the whole tree, and one location with its sub-locations and stock.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use stockroom_store::listing::PageRequest;
use stockroom_store::locations::{LocationOrder, LocationQuery, LocationRow};
use stockroom_store::stock::StockQuery;

use super::forms::FormData;
use super::page::{Layout, PAGE_SIZE, Pager, Section, WebError, html, page_number, pk, with_query};
use super::session::Viewer;
use super::stock::StockLine;
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::run;

/// One location in a list or the tree.
#[derive(Debug, Clone)]
struct LocationLine {
    pk: i64,
    name: String,
    description: String,
    /// Indentation class, capped so deep trees stay readable on a phone.
    level: i64,
    items: i64,
    structural: bool,
}

impl LocationLine {
    fn of(row: &LocationRow, base_level: i64) -> LocationLine {
        LocationLine {
            pk: row.location.id,
            name: row.location.name.clone(),
            description: row.location.description.clone(),
            level: (row.level - base_level).clamp(0, 6),
            items: row.items,
            structural: row.location.structural,
        }
    }
}

#[derive(Template)]
#[template(path = "location_tree.html")]
struct TreePage {
    layout: Layout,
    nodes: Vec<LocationLine>,
}

/// GET `/web/stock/location/`: every location, indented by depth, in path order.
#[tracing::instrument(skip_all)]
pub(crate) async fn tree(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::StockLocation, Perm::View) {
        return Err(WebError::forbidden(&viewer));
    }
    let listed = run(&state, |store| {
        Ok(store.query_locations(&LocationQuery {
            ordering: vec![(LocationOrder::Pathstring, false)],
            ..Default::default()
        })?)
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "StockLocation", e))?;
    let page = TreePage {
        layout: Layout::new(Some(&viewer), "Locations", Section::Locations),
        nodes: listed
            .items
            .iter()
            .map(|r| LocationLine::of(r, 0))
            .collect(),
    };
    Ok(html(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "location_detail.html")]
struct LocationPage {
    layout: Layout,
    row: LocationRow,
    path: Vec<(i64, String)>,
    children: Vec<LocationLine>,
    rows: Vec<StockLine>,
    pager: Pager,
}

/// GET `/web/stock/location/{pk}`: the location, its sub-locations and the stock in it.
#[tracing::instrument(skip_all)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "StockLocation")?;
    if !viewer.auth.can(RuleSet::StockLocation, Perm::View) {
        return Err(WebError::forbidden(&viewer));
    }
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let page = page_number(params.get("page"));
    let (row, children, stock) = run(&state, move |store| {
        let row = store.location_row(pk, true)?;
        let children = store.query_locations(&LocationQuery {
            parent: Some(Some(pk)),
            cascade: Some(false),
            ordering: vec![(LocationOrder::Name, false)],
            ..Default::default()
        })?;
        let stock = store.query_stock(&StockQuery {
            location: Some(Some(pk)),
            cascade: false,
            page: PageRequest {
                limit: Some(PAGE_SIZE),
                offset: (page - 1) * PAGE_SIZE,
            },
            ..Default::default()
        })?;
        Ok((row, children, stock))
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "StockLocation", e))?;
    let pager = Pager::new(page, stock.count, |n| {
        with_query(
            &format!("/web/stock/location/{pk}"),
            &[("page", n.to_string())],
        )
    });
    let path = row
        .path
        .as_ref()
        .map(|steps| steps.iter().map(|s| (s.id, s.name.clone())).collect())
        .unwrap_or_default();
    let page = LocationPage {
        layout: Layout::new(
            Some(&viewer),
            row.location.pathstring.clone(),
            Section::Locations,
        ),
        path,
        children: children
            .items
            .iter()
            .map(|r| LocationLine::of(r, 0))
            .collect(),
        rows: stock.items.iter().map(StockLine::of).collect(),
        pager,
        row,
    };
    Ok(html(StatusCode::OK, &page))
}
