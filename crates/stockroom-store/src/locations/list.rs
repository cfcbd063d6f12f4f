//! Listing locations with InvenTree's filters.
//!
//! The tree's shape (`id`, `parent`) is read once per request: locations are few next to the
//! stock they hold. Filters and the common orderings run in SQL; `items` and `level` are
//! computed, so ordering by them sorts the matching ids in memory before paging.

use diesel::prelude::*;

use super::Location;
use super::rows::{LocationRow, default_icon, paths, rows};
use super::shape::{Shape, tree_filter};
use crate::listing::{Listed, PageRequest, contains_pattern, lower};
use crate::schema::stock_locations;
use crate::{Store, StoreResult};

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct LocationQuery {
    /// `Some(None)`: top-level locations; `Some(Some(id))`: below `id`.
    pub parent: Option<Option<i64>>,
    /// With a parent: every location below it (`true`) or its children only. Without a
    /// parent, `Some(false)` keeps top-level locations only.
    pub cascade: Option<bool>,
    /// Top-level locations only (unless `cascade` is true).
    pub top_level: Option<bool>,
    /// At most this many levels deep (below the parent, when there is one).
    pub depth: Option<i64>,
    pub structural: Option<bool>,
    pub external: Option<bool>,
    /// Exact name.
    pub name: Option<String>,
    /// Name, description or path contains this (case-insensitive).
    pub search: Option<String>,
    /// Leave out this location and everything below it.
    pub exclude_tree: Option<i64>,
    /// Sort keys with descending flags.
    pub ordering: Vec<(LocationOrder, bool)>,
    /// Include each row's path from the top.
    pub with_path: bool,
    pub page: PageRequest,
}

/// Sort keys of the location list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationOrder {
    Name,
    Pathstring,
    /// Stock items in the location and below it.
    Items,
    /// Depth in the tree.
    Level,
    Id,
}

impl Store {
    /// Locations matching `query`, one page of them, with their figures.
    pub fn query_locations(&self, query: &LocationQuery) -> StoreResult<Listed<LocationRow>> {
        self.read(|conn| {
            let shape = Shape::load(conn)?;
            let allowed: Option<Vec<i64>> = tree_filter(query, &shape).map(|set| {
                let mut ids: Vec<i64> = set.into_iter().collect();
                ids.sort_unstable();
                ids
            });
            let filtered = || {
                let mut q = stock_locations::table.into_boxed();
                if let Some(ids) = &allowed {
                    q = q.filter(stock_locations::id.eq_any(ids.clone()));
                }
                if let Some(structural) = query.structural {
                    q = q.filter(stock_locations::structural.eq(structural));
                }
                if let Some(external) = query.external {
                    q = q.filter(stock_locations::external.eq(external));
                }
                if let Some(name) = &query.name {
                    q = q.filter(stock_locations::name.eq(name.clone()));
                }
                if let Some(term) = &query.search {
                    let pattern = contains_pattern(term);
                    q = q.filter(
                        lower(stock_locations::name)
                            .like(pattern.clone())
                            .escape('\\')
                            .or(lower(stock_locations::description)
                                .like(pattern.clone())
                                .escape('\\'))
                            .or(lower(stock_locations::pathstring)
                                .like(pattern)
                                .escape('\\')),
                    );
                }
                q
            };
            let computed = query
                .ordering
                .iter()
                .any(|(key, _)| matches!(key, LocationOrder::Items | LocationOrder::Level));
            if computed {
                let all: Vec<Location> = filtered().select(Location::as_select()).load(conn)?;
                let count = all.len() as i64;
                let mut rows = rows(conn, &shape, all, false)?;
                rows.sort_by(|a, b| {
                    for (key, descending) in &query.ordering {
                        let order = match key {
                            LocationOrder::Name => a.location.name.cmp(&b.location.name),
                            LocationOrder::Pathstring => {
                                a.location.pathstring.cmp(&b.location.pathstring)
                            }
                            LocationOrder::Items => a.items.cmp(&b.items),
                            LocationOrder::Level => a.level.cmp(&b.level),
                            LocationOrder::Id => a.location.id.cmp(&b.location.id),
                        };
                        let order = if *descending { order.reverse() } else { order };
                        if order.is_ne() {
                            return order;
                        }
                    }
                    a.location.id.cmp(&b.location.id)
                });
                let start = usize::try_from(query.page.offset)
                    .unwrap_or(0)
                    .min(rows.len());
                let end = match query.page.limit {
                    Some(limit) => start
                        .saturating_add(usize::try_from(limit).unwrap_or(0))
                        .min(rows.len()),
                    None => rows.len(),
                };
                let mut page: Vec<LocationRow> = rows.drain(start..end).collect();
                if query.with_path {
                    let locations: Vec<Location> =
                        page.iter().map(|r| r.location.clone()).collect();
                    let fallback = default_icon(conn)?;
                    let found = paths(conn, &shape, &locations, &fallback)?;
                    for row in &mut page {
                        row.path = found.get(&row.location.id).cloned();
                    }
                }
                return Ok(Listed { count, items: page });
            }
            let count: i64 = filtered().count().get_result(conn)?;
            let mut q = filtered();
            if query.ordering.is_empty() {
                q = q.order((stock_locations::pathstring.asc(), stock_locations::id.asc()));
            }
            for (key, descending) in &query.ordering {
                q = match (key, descending) {
                    (LocationOrder::Name, false) => q.then_order_by(stock_locations::name.asc()),
                    (LocationOrder::Name, true) => q.then_order_by(stock_locations::name.desc()),
                    (LocationOrder::Id, false) => q.then_order_by(stock_locations::id.asc()),
                    (LocationOrder::Id, true) => q.then_order_by(stock_locations::id.desc()),
                    (_, false) => q.then_order_by(stock_locations::pathstring.asc()),
                    (_, true) => q.then_order_by(stock_locations::pathstring.desc()),
                };
            }
            q = q.then_order_by(stock_locations::id.asc());
            if let Some(limit) = query.page.limit {
                q = q.limit(limit).offset(query.page.offset);
            }
            let locations: Vec<Location> = q.select(Location::as_select()).load(conn)?;
            let items = rows(conn, &shape, locations, query.with_path)?;
            Ok(Listed { count, items })
        })
    }
}
