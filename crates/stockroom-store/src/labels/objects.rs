//! The objects a print job draws labels for, loaded in one read with a few indexed queries
//! however many labels the job has.

use std::collections::HashMap;

use diesel::prelude::*;

use crate::error::StoreError;
use crate::locations::Location;
use crate::parts::Part;
use crate::schema::{parts, stock_items, stock_locations};
use crate::stock::StockItem;
use crate::{Store, StoreResult};

/// Rows for one label job, by pk. Each list is in the order of the pks asked for.
#[derive(Debug, Clone, Default)]
pub struct LabelObjects {
    pub items: Vec<StockItem>,
    pub parts: Vec<Part>,
    pub locations: Vec<Location>,
    /// Every part and location the items refer to, by id.
    pub related_parts: HashMap<i64, Part>,
    pub related_locations: HashMap<i64, Location>,
}

/// Ids per query: well under SQLite's bound-parameter limit.
const CHUNK: usize = 500;

impl Store {
    /// Loads the objects of `model` (`stockitem`, `part`, `stocklocation`) with `pks`, and
    /// for stock items their parts and locations. A missing pk is `NotFound`.
    pub fn label_objects(&self, model: &str, pks: &[i64]) -> StoreResult<LabelObjects> {
        self.read(|conn| {
            let mut out = LabelObjects::default();
            match model {
                "stockitem" => {
                    let mut found = HashMap::new();
                    for chunk in pks.chunks(CHUNK) {
                        let rows: Vec<StockItem> = stock_items::table
                            .filter(stock_items::id.eq_any(chunk))
                            .select(StockItem::as_select())
                            .load(conn)?;
                        found.extend(rows.into_iter().map(|r| (r.id, r)));
                    }
                    out.items = in_order(pks, &found, "stockitem")?;
                    let part_ids: Vec<i64> = out.items.iter().map(|i| i.part_id).collect();
                    let location_ids: Vec<i64> =
                        out.items.iter().filter_map(|i| i.location_id).collect();
                    out.related_parts = load_parts(conn, &part_ids)?;
                    out.related_locations = load_locations(conn, &location_ids)?;
                }
                "part" => out.parts = in_order(pks, &load_parts(conn, pks)?, "part")?,
                "stocklocation" => {
                    out.locations = in_order(pks, &load_locations(conn, pks)?, "stocklocation")?;
                }
                other => {
                    return Err(StoreError::Invalid {
                        field: Some("model_type"),
                        message: format!("Labels cannot be printed for '{other}'"),
                    });
                }
            }
            Ok(out)
        })
    }
}

fn in_order<T: Clone>(
    pks: &[i64],
    found: &HashMap<i64, T>,
    model: &'static str,
) -> StoreResult<Vec<T>> {
    pks.iter()
        .map(|pk| {
            found
                .get(pk)
                .cloned()
                .ok_or(StoreError::NotFound { model, pk: *pk })
        })
        .collect()
}

fn unique(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn load_parts(conn: &mut crate::AnyConnection, ids: &[i64]) -> StoreResult<HashMap<i64, Part>> {
    let mut out = HashMap::new();
    for chunk in unique(ids).chunks(CHUNK) {
        let rows: Vec<Part> = parts::table
            .filter(parts::id.eq_any(chunk))
            .select(Part::as_select())
            .load(conn)?;
        out.extend(rows.into_iter().map(|r| (r.id, r)));
    }
    Ok(out)
}

fn load_locations(
    conn: &mut crate::AnyConnection,
    ids: &[i64],
) -> StoreResult<HashMap<i64, Location>> {
    let mut out = HashMap::new();
    for chunk in unique(ids).chunks(CHUNK) {
        let rows: Vec<Location> = stock_locations::table
            .filter(stock_locations::id.eq_any(chunk))
            .select(Location::as_select())
            .load(conn)?;
        out.extend(rows.into_iter().map(|r| (r.id, r)));
    }
    Ok(out)
}
