//! The figures a location row shows: levels, stock counts below it, icons and paths.

use std::collections::HashMap;

use diesel::prelude::*;

use super::Location;
use super::shape::Shape;
use crate::db::AnyConnection;
use crate::schema::{stock_items, stock_locations};
use crate::settings::{self, SettingScope};
use crate::{Store, StoreResult};

/// The setting naming the icon of locations that have none of their own.
pub const DEFAULT_ICON_SETTING: &str = "STOCK_LOCATION_DEFAULT_ICON";

/// One step of a location's path: the location and each one above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub id: i64,
    pub name: String,
    pub icon: String,
}

/// A location with the figures the API shows beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationRow {
    pub location: Location,
    /// Depth in the tree (0 for a top-level location).
    pub level: i64,
    /// Stock items in this location and every location below it.
    pub items: i64,
    /// Locations below this one, at any depth.
    pub sublocations: i64,
    /// The icon shown: its own, else the configured default.
    pub icon: String,
    /// From the top location down to this one, when asked for.
    pub path: Option<Vec<PathStep>>,
    /// The hash of the location's first linked barcode, or empty.
    pub barcode_hash: String,
}

/// Stock items per location for the given locations (directly in them).
fn direct_counts(conn: &mut AnyConnection, ids: &[i64]) -> StoreResult<HashMap<i64, i64>> {
    let mut counts = HashMap::new();
    // Chunks keep SQLite under its bound-parameter limit.
    for chunk in ids.chunks(5000) {
        let rows: Vec<(Option<i64>, i64)> = stock_items::table
            .filter(stock_items::location_id.eq_any(chunk))
            .group_by(stock_items::location_id)
            .select((stock_items::location_id, diesel::dsl::count_star()))
            .load(conn)?;
        counts.extend(rows.into_iter().filter_map(|(id, n)| id.map(|id| (id, n))));
    }
    Ok(counts)
}

pub(super) fn default_icon(conn: &mut AnyConnection) -> StoreResult<String> {
    Ok(settings::get(conn, SettingScope::Global, DEFAULT_ICON_SETTING)?.unwrap_or_default())
}

/// Builds rows for `locations`, in their order.
pub(super) fn rows(
    conn: &mut AnyConnection,
    shape: &Shape,
    locations: Vec<Location>,
    with_path: bool,
) -> StoreResult<Vec<LocationRow>> {
    let below: Vec<Vec<i64>> = locations.iter().map(|l| shape.below(l.id)).collect();
    let mut wanted: Vec<i64> = below.iter().flatten().copied().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let counts = direct_counts(conn, &wanted)?;
    let fallback = if locations.iter().any(|l| l.icon.is_empty()) {
        default_icon(conn)?
    } else {
        String::new()
    };
    let paths = if with_path {
        Some(paths(conn, shape, &locations, &fallback)?)
    } else {
        None
    };
    let ids: Vec<i64> = locations.iter().map(|l| l.id).collect();
    let mut hashes =
        crate::barcodes::first_hashes(conn, stockroom_core::ModelType::StockLocation, &ids)?;
    Ok(locations
        .into_iter()
        .zip(below)
        .map(|(location, below)| LocationRow {
            barcode_hash: hashes.remove(&location.id).unwrap_or_default(),
            level: shape.level(location.id),
            items: below
                .iter()
                .map(|id| counts.get(id).copied().unwrap_or(0))
                .sum(),
            sublocations: below.len() as i64 - 1,
            icon: if location.icon.is_empty() {
                fallback.clone()
            } else {
                location.icon.clone()
            },
            path: paths
                .as_ref()
                .map(|p| p.get(&location.id).cloned().unwrap_or_default()),
            location,
        })
        .collect())
}

pub(super) fn paths(
    conn: &mut AnyConnection,
    shape: &Shape,
    locations: &[Location],
    fallback: &str,
) -> StoreResult<HashMap<i64, Vec<PathStep>>> {
    let chains: Vec<(i64, Vec<i64>)> = locations
        .iter()
        .map(|l| {
            let mut chain = shape.above(l.id);
            chain.push(l.id);
            (l.id, chain)
        })
        .collect();
    let mut ids: Vec<i64> = chains.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut named: HashMap<i64, (String, String)> = HashMap::new();
    for chunk in ids.chunks(5000) {
        let found: Vec<(i64, String, String)> = stock_locations::table
            .filter(stock_locations::id.eq_any(chunk))
            .select((
                stock_locations::id,
                stock_locations::name,
                stock_locations::icon,
            ))
            .load(conn)?;
        named.extend(found.into_iter().map(|(id, name, icon)| (id, (name, icon))));
    }
    Ok(chains
        .into_iter()
        .map(|(id, chain)| {
            let steps = chain
                .into_iter()
                .filter_map(|step| {
                    let (name, icon) = named.get(&step)?;
                    let icon = if icon.is_empty() {
                        fallback.to_owned()
                    } else {
                        icon.clone()
                    };
                    Some(PathStep {
                        id: step,
                        name: name.clone(),
                        icon,
                    })
                })
                .collect();
            (id, steps)
        })
        .collect())
}

impl Store {
    /// One location with its figures (and its path, when asked for).
    pub fn location_row(&self, id: i64, with_path: bool) -> StoreResult<LocationRow> {
        self.read(|conn| {
            let location = super::load_location(conn, id)?;
            let shape = Shape::around(conn, id)?;
            let mut found = rows(conn, &shape, vec![location], with_path)?;
            found.pop().ok_or(crate::error::StoreError::NotFound {
                model: "StockLocation",
                pk: id,
            })
        })
    }

    /// The path of each location in `ids` (from the top down to it), for bodies that show
    /// where stock is.
    pub fn location_paths(&self, ids: &[i64]) -> StoreResult<HashMap<i64, Vec<PathStep>>> {
        self.read(|conn| {
            if ids.is_empty() {
                return Ok(HashMap::new());
            }
            let shape = Shape::load(conn)?;
            let mut locations: Vec<Location> = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(5000) {
                locations.extend(
                    stock_locations::table
                        .filter(stock_locations::id.eq_any(chunk))
                        .select(Location::as_select())
                        .load::<Location>(conn)?,
                );
            }
            let fallback = default_icon(conn)?;
            paths(conn, &shape, &locations, &fallback)
        })
    }

    /// The locations with these ids, in no particular order.
    pub fn locations_by_id(&self, ids: &[i64]) -> StoreResult<Vec<Location>> {
        self.read(|conn| {
            let mut out = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(5000) {
                out.extend(
                    stock_locations::table
                        .filter(stock_locations::id.eq_any(chunk))
                        .select(Location::as_select())
                        .load::<Location>(conn)?,
                );
            }
            Ok(out)
        })
    }
}
