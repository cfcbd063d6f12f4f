//! A stock item as the API shows it: the item, its part and location in brief, the names of
//! what it links to, and the figures InvenTree annotates (allocated quantity, installed and
//! child items, history entries).
//!
//! One joined query reads the rows, one grouped query reads the figures of all of them; a
//! list page therefore costs the same two queries (plus its count) whatever its length.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer};
use stockroom_core::status::STOCK_AVAILABLE;

use super::StockItem;
use super::source::{RawRow, row_select, stock_source};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::{Store, StoreResult};

/// The setting of how many days before expiry stock counts as stale.
pub const STALE_DAYS_SETTING: &str = "STOCK_STALE_DAYS";

/// The part of a stock item, in brief (InvenTree's `PartBriefSerializer`).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = crate::schema::parts)]
pub struct PartBrief {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub ipn: Option<String>,
    pub revision: String,
    pub default_location_id: Option<i64>,
    pub is_template: bool,
    pub assembly: bool,
    pub trackable: bool,
    pub purchaseable: bool,
    pub salable: bool,
    pub is_virtual: bool,
    pub active: bool,
    pub units: String,
}

/// The location of a stock item, in brief.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct LocationBrief {
    pub id: i64,
    pub name: String,
    pub pathstring: String,
}

/// Figures computed from other rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Allocated to sales orders and builds, in 1/100000 units.
    pub allocated: i64,
    /// Items installed in this one.
    pub installed_items: i64,
    /// Items split from this one.
    pub child_items: i64,
    /// History entries.
    pub tracking_items: i64,
}

/// A stock item with everything its API body shows.
#[derive(Debug, Clone, PartialEq)]
pub struct StockRow {
    pub item: StockItem,
    pub part: PartBrief,
    /// The default location of the part's category.
    pub category_default_location: Option<i64>,
    pub location: Option<LocationBrief>,
    pub sku: Option<String>,
    pub mpn: Option<String>,
    pub purchase_order_reference: Option<String>,
    pub sales_order_reference: Option<String>,
    pub figures: Figures,
    /// In stock and past its expiry date.
    pub expired: bool,
    /// In stock and expiring within `STOCK_STALE_DAYS`.
    pub stale: bool,
    /// The hash of the item's first linked barcode, or empty.
    pub barcode_hash: String,
}

impl StockRow {
    /// InvenTree's "in stock": something left, available status, not installed, sold,
    /// consumed or still being built.
    pub fn in_stock(&self) -> bool {
        is_in_stock(&self.item)
    }
}

/// InvenTree's `IN_STOCK_FILTER` for one item.
pub fn is_in_stock(item: &StockItem) -> bool {
    item.quantity > 0 && STOCK_AVAILABLE.contains(&item.status) && !is_out_of_stock(item)
}

/// True when the item has left stock (sold, installed, consumed, in production), whatever
/// its quantity and status: InvenTree's `is_in_stock(check_status=False, check_quantity=False)`.
pub fn is_out_of_stock(item: &StockItem) -> bool {
    item.sales_order_id.is_some()
        || item.belongs_to_id.is_some()
        || item.customer_id.is_some()
        || item.consumed_by_id.is_some()
        || item.is_building
}

#[derive(QueryableByName)]
struct Figure {
    #[diesel(sql_type = Integer)]
    kind: i32,
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The figures of many items in one grouped query.
fn figures(conn: &mut AnyConnection, ids: &[i64]) -> StoreResult<HashMap<i64, Figures>> {
    let mut out: HashMap<i64, Figures> = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(1000) {
        // Ids are integers read from the database, so they are inlined safely; this keeps
        // the five sub-queries in one round trip on both backends.
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "SELECT 0 AS kind, belongs_to_id AS id, COUNT(*) AS n FROM stock_items
               WHERE belongs_to_id IN ({list}) GROUP BY belongs_to_id
             UNION ALL SELECT 1, parent_id, COUNT(*) FROM stock_items
               WHERE parent_id IN ({list}) GROUP BY parent_id
             UNION ALL SELECT 2, item_id, COUNT(*) FROM stock_tracking
               WHERE item_id IN ({list}) GROUP BY item_id
             UNION ALL SELECT 3, item_id, CAST(SUM(quantity) AS BIGINT) FROM sales_order_allocations
               WHERE item_id IN ({list}) GROUP BY item_id
             UNION ALL SELECT 3, stock_item_id, CAST(SUM(quantity) AS BIGINT) FROM build_items
               WHERE stock_item_id IN ({list}) GROUP BY stock_item_id"
        );
        let rows: Vec<Figure> = diesel::sql_query(sql).load(conn)?;
        for row in rows {
            let entry = out.entry(row.id).or_default();
            match row.kind {
                0 => entry.installed_items = row.n,
                1 => entry.child_items = row.n,
                2 => entry.tracking_items = row.n,
                _ => entry.allocated += row.n,
            }
        }
    }
    Ok(out)
}

/// The figures of one item, in small queries the connection keeps prepared: a detail read
/// costs a few index lookups and no statement parsing.
macro_rules! figures_of_one {
    ($conn:expr, $id:expr) => {{
        use $crate::schema::{build_items, sales_order_allocations, stock_items, stock_tracking};
        let id: i64 = $id;
        let count = |n: Vec<i64>| n.first().copied().unwrap_or(0);
        let installed = stock_items::table
            .filter(stock_items::belongs_to_id.eq(id))
            .count()
            .load::<i64>($conn)?;
        let children = stock_items::table
            .filter(stock_items::parent_id.eq(id))
            .count()
            .load::<i64>($conn)?;
        let tracking = stock_tracking::table
            .filter(stock_tracking::item_id.eq(id))
            .count()
            .load::<i64>($conn)?;
        let sold: Vec<i64> = sales_order_allocations::table
            .filter(sales_order_allocations::item_id.eq(id))
            .select(sales_order_allocations::quantity)
            .load($conn)?;
        let built: Vec<i64> = build_items::table
            .filter(build_items::stock_item_id.eq(id))
            .select(build_items::quantity)
            .load($conn)?;
        Ok::<Figures, diesel::result::Error>(Figures {
            allocated: sold.iter().chain(&built).sum(),
            installed_items: count(installed),
            child_items: count(children),
            tracking_items: count(tracking),
        })
    }};
}

/// Turns loaded rows into API rows: figures, expiry and staleness.
pub(crate) fn complete(conn: &mut AnyConnection, raw: Vec<RawRow>) -> StoreResult<Vec<StockRow>> {
    let ids: Vec<i64> = raw.iter().map(|r| r.0.id).collect();
    let figures = match ids.as_slice() {
        // Hot path (detail reads): run on the concrete connection, where diesel keeps the
        // statements prepared and skips the multi-backend layer.
        [one] => {
            let found = crate::db::each_backend!(conn, c => (|| figures_of_one!(c, *one))())?;
            HashMap::from([(*one, found)])
        }
        many => figures(conn, many)?,
    };
    let mut hashes =
        crate::barcodes::first_hashes(conn, stockroom_core::ModelType::StockItem, &ids)?;
    let today = chrono::Utc::now().date_naive();
    let stale_until = if raw.iter().any(|r| r.0.expiry_date.is_some()) {
        let days = super::global_setting(conn, STALE_DAYS_SETTING)?
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(0);
        today.checked_add_signed(chrono::Duration::days(days))
    } else {
        None
    };
    Ok(raw
        .into_iter()
        .map(
            |(item, part, category_default_location, location, sku, mpn, po, so)| {
                let in_stock = is_in_stock(&item);
                let before = |limit: Option<NaiveDate>| {
                    in_stock && matches!((item.expiry_date, limit), (Some(e), Some(l)) if e < l)
                };
                StockRow {
                    barcode_hash: hashes.remove(&item.id).unwrap_or_default(),
                    expired: before(Some(today)),
                    stale: before(stale_until),
                    figures: figures.get(&item.id).copied().unwrap_or_default(),
                    item,
                    part,
                    category_default_location,
                    location,
                    sku,
                    mpn,
                    purchase_order_reference: po,
                    sales_order_reference: so,
                }
            },
        )
        .collect())
}

/// Rows for `ids`, in that order (missing ids are left out).
pub(crate) fn load_rows(conn: &mut AnyConnection, ids: &[i64]) -> StoreResult<Vec<StockRow>> {
    use crate::schema::stock_items;
    let mut raw: Vec<RawRow> = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(5000) {
        raw.extend(
            stock_source!()
                .filter(stock_items::id.eq_any(chunk))
                .select(row_select!())
                .load::<RawRow>(conn)?,
        );
    }
    let position: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    raw.sort_by_key(|r| position.get(&r.0.id).copied().unwrap_or(usize::MAX));
    complete(conn, raw)
}

impl Store {
    /// One stock item with everything its API body shows.
    pub fn stock_row(&self, id: i64) -> StoreResult<StockRow> {
        use crate::schema::stock_items;
        self.read(|conn| {
            // `eq` and `load` (not `eq_any`, not `first`, whose LIMIT bind defeats diesel's
            // statement cache on SQLite) on the concrete connection: the statement stays
            // prepared between requests and a detail read costs a few microseconds.
            let found: Vec<RawRow> = crate::db::each_backend!(conn, c => stock_source!()
                .filter(stock_items::id.eq(id))
                .select(row_select!())
                .load(c))?;
            let raw = found.into_iter().next().ok_or(StoreError::NotFound {
                model: "StockItem",
                pk: id,
            })?;
            complete(conn, vec![raw])?
                .pop()
                .ok_or(StoreError::NotFound {
                    model: "StockItem",
                    pk: id,
                })
        })
    }

    /// Many stock items with everything their API bodies show, in the order given.
    pub fn stock_rows(&self, ids: &[i64]) -> StoreResult<Vec<StockRow>> {
        self.read(|conn| load_rows(conn, ids))
    }

    /// The supplier parts with these ids (for stock bodies that show them).
    pub fn supplier_parts_by_id(
        &self,
        ids: &[i64],
    ) -> StoreResult<Vec<crate::companies::SupplierPart>> {
        use crate::schema::supplier_parts;
        self.read(|conn| {
            let mut out = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(5000) {
                out.extend(
                    supplier_parts::table
                        .filter(supplier_parts::id.eq_any(chunk))
                        .select(crate::companies::SupplierPart::as_select())
                        .load::<crate::companies::SupplierPart>(conn)?,
                );
            }
            Ok(out)
        })
    }
}
