//! Stock tracking entries: the history of every stock item, with InvenTree's codes.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::stock_tracking;
use crate::{Store, StoreResult};

/// One history entry.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = stock_tracking)]
pub struct TrackingEntry {
    pub id: i64,
    /// A `StockHistoryCode` (`stockroom_core::status::history`).
    pub tracking_type: i32,
    /// `None` once the item is deleted: history outlives it.
    pub item_id: Option<i64>,
    pub part_id: i64,
    pub date: NaiveDateTime,
    pub notes: String,
    pub user_id: Option<i64>,
    /// The change, as InvenTree records it (`{"quantity": 5.0, "added": 2.0}`).
    pub deltas: Option<String>,
}

impl TrackingEntry {
    /// The deltas as JSON (`null` when absent or unreadable).
    pub fn deltas_json(&self) -> serde_json::Value {
        self.deltas
            .as_deref()
            .and_then(|d| serde_json::from_str(d).ok())
            .unwrap_or(serde_json::Value::Null)
    }
}

/// A history entry to write.
#[derive(Debug, Clone)]
pub struct NewTracking {
    pub tracking_type: i32,
    pub item_id: Option<i64>,
    pub part_id: i64,
    pub user_id: Option<i64>,
    pub notes: String,
    pub deltas: Option<serde_json::Value>,
}

pub(crate) fn add_tracking(conn: &mut AnyConnection, entry: &NewTracking) -> StoreResult<()> {
    add_tracking_batch(conn, std::slice::from_ref(entry))
}

/// Writes many entries in as few statements as the backend allows.
pub(crate) fn add_tracking_batch(
    conn: &mut AnyConnection,
    entries: &[NewTracking],
) -> StoreResult<()> {
    let now = Utc::now().naive_utc();
    // Eight columns per row keeps a chunk under SQLite's 32766 bound parameters.
    for chunk in entries.chunks(2000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|e| {
                (
                    stock_tracking::tracking_type.eq(e.tracking_type),
                    stock_tracking::item_id.eq(e.item_id),
                    stock_tracking::part_id.eq(e.part_id),
                    stock_tracking::date.eq(now),
                    stock_tracking::notes.eq(e.notes.as_str()),
                    stock_tracking::user_id.eq(e.user_id),
                    stock_tracking::deltas.eq(e.deltas.as_ref().map(|d| d.to_string())),
                )
            })
            .collect();
        crate::db::each_backend!(conn, c => diesel::insert_into(stock_tracking::table).values(&rows).execute(c))?;
    }
    Ok(())
}

impl Store {
    /// The history of one item, oldest first.
    pub fn tracking_for_item(&self, item_id: i64) -> StoreResult<Vec<TrackingEntry>> {
        self.read(|conn| {
            Ok(stock_tracking::table
                .filter(stock_tracking::item_id.eq(item_id))
                .order((stock_tracking::date, stock_tracking::id))
                .select(TrackingEntry::as_select())
                .load(conn)?)
        })
    }

    /// Reads one history entry.
    pub fn tracking_entry(&self, id: i64) -> StoreResult<TrackingEntry> {
        self.read(|conn| {
            stock_tracking::table
                .find(id)
                .select(TrackingEntry::as_select())
                .first(conn)
                .optional()?
                .ok_or(StoreError::NotFound {
                    model: "StockItemTracking",
                    pk: id,
                })
        })
    }
}
