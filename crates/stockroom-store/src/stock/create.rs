//! Creating serialized stock: many items of quantity one, one transaction, all or none.
//!
//! The serials are chosen inside the write transaction, from the scope's latest serial as
//! that transaction sees it: two requests using `~` therefore never pick the same serials
//! on SQLite (one writer at a time), and on PostgreSQL the loser of a race is retried by the
//! serializable transaction (or refused by the unique index), never duplicated.

use std::collections::HashSet;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use super::NewStockItem;
use super::items::check_new;
use super::tracking::{NewTracking, add_tracking_batch};
use crate::db::{AnyConnection, each_backend};
use crate::error::StoreError;
use crate::parts::load_part;
use crate::schema::stock_items;
use crate::settings::serial_scope_for;
use crate::{Store, StoreResult};

/// Rows per statement: 29 bound columns each stays under SQLite's 32766 parameters.
const CHUNK: usize = 1000;

/// One serial to store, with its integer sort key (`serial_int`, or a plugin's key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedSerial {
    pub serial: String,
    pub key: i64,
}

impl KeyedSerial {
    /// A serial with the built-in key.
    pub fn new(serial: impl Into<String>) -> KeyedSerial {
        let serial = serial.into();
        let key = i64::from(stockroom_core::serial::serial_int(&serial));
        KeyedSerial { serial, key }
    }
}

/// Why serials could not be created: the caller's chooser refused (its own error), or the
/// store did.
#[derive(Debug)]
pub enum SerialsError<E> {
    /// The chooser's error, unchanged.
    Rejected(E),
    Store(StoreError),
}

impl<E> From<StoreError> for SerialsError<E> {
    fn from(error: StoreError) -> SerialsError<E> {
        SerialsError::Store(error)
    }
}

/// InvenTree's message for serials that cannot be used (note the space before the colon).
pub fn serials_taken_message(serials: &[String]) -> String {
    format!(
        "The following serial numbers already exist or are invalid : {}",
        serials.join(",")
    )
}

/// The latest serial in a scope: highest `serial_int`, ties broken by the greatest text.
pub(crate) fn latest_in_scope(conn: &mut AnyConnection, scope: i64) -> StoreResult<Option<String>> {
    let top: Option<i64> = stock_items::table
        .filter(stock_items::serial_scope.eq(scope))
        .filter(stock_items::serial.is_not_null())
        .select(diesel::dsl::max(stock_items::serial_int))
        .first(conn)?;
    let Some(top) = top else {
        return Ok(None);
    };
    let serials: Vec<Option<String>> = stock_items::table
        .filter(stock_items::serial_scope.eq(scope))
        .filter(stock_items::serial_int.eq(top))
        .select(stock_items::serial)
        .load(conn)?;
    let texts: Vec<&str> = serials.iter().flatten().map(String::as_str).collect();
    Ok(texts.iter().copied().max().map(str::to_owned))
}

/// The serials of `wanted` that exist in `scope`, in the order given.
pub(crate) fn taken(
    conn: &mut AnyConnection,
    scope: i64,
    wanted: &[KeyedSerial],
) -> StoreResult<Vec<String>> {
    let mut found: HashSet<String> = HashSet::new();
    for chunk in wanted.chunks(CHUNK) {
        let texts: Vec<&str> = chunk.iter().map(|s| s.serial.as_str()).collect();
        let rows: Vec<Option<String>> = stock_items::table
            .filter(stock_items::serial_scope.eq(scope))
            .filter(stock_items::serial.eq_any(texts))
            .select(stock_items::serial)
            .load(conn)?;
        found.extend(rows.into_iter().flatten());
    }
    Ok(wanted
        .iter()
        .filter(|s| found.contains(&s.serial))
        .map(|s| s.serial.clone())
        .collect())
}

/// Inserts one item per serial, everything else copied from `one`, many rows per
/// statement. Returns the new ids in the order of `serials`.
pub(crate) fn insert_serialized(
    conn: &mut AnyConnection,
    one: &NewStockItem,
    scope: i64,
    serials: &[KeyedSerial],
    now: NaiveDateTime,
) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(serials.len());
    for chunk in serials.chunks(CHUNK) {
        let items: Vec<NewStockItem> = chunk
            .iter()
            .map(|s| NewStockItem {
                serial: Some(s.serial.clone()),
                ..one.clone()
            })
            .collect();
        let rows: Vec<_> = items
            .iter()
            .zip(chunk)
            .map(|(item, s)| {
                (
                    item,
                    stock_items::serial_int.eq(s.key),
                    stock_items::serial_scope.eq(Some(scope)),
                    stock_items::creation_date.eq(now.date()),
                    stock_items::updated.eq(now),
                )
            })
            .collect();
        let new_ids: Vec<i64> = each_backend!(conn, c => diesel::insert_into(stock_items::table)
            .values(rows)
            .returning(stock_items::id)
            .get_results(c))?;
        ids.extend(new_ids);
    }
    Ok(ids)
}

/// The text of the store error that stands for "the chooser refused"; never shown.
pub(crate) const REJECTED: &str = "serial chooser refused";

impl Store {
    /// The latest serial number in the scope of `part_id` (its template/variant tree, or
    /// every part when serials are globally unique), for `~` in serial patterns.
    pub fn latest_serial(&self, part_id: i64) -> StoreResult<Option<String>> {
        self.read(|conn| {
            let scope = serial_scope_for(conn, part_id)?;
            latest_in_scope(conn, scope)
        })
    }

    /// Creates one item of quantity one per serial, copying everything else from `template`,
    /// each with its CREATED history entry `{status, quantity: 1.0}`. The serials get the
    /// built-in integer key. See [`Store::create_serials`].
    pub fn create_serialized_stock(
        &self,
        template: &NewStockItem,
        serials: &[String],
        user: Option<i64>,
    ) -> StoreResult<Vec<i64>> {
        let keyed: Vec<KeyedSerial> = serials.iter().map(KeyedSerial::new).collect();
        self.create_serials(template, user, |_| Ok::<_, StoreError>(keyed.clone()))
            .map_err(|e| match e {
                SerialsError::Rejected(e) | SerialsError::Store(e) => e,
            })
    }

    /// Creates serialized stock whose serials `choose` picks, inside the transaction, from
    /// the scope's latest serial. The part must be trackable; serials already used in the
    /// scope refuse the whole request (InvenTree's message on `serial_numbers`); the unique
    /// index refuses what a concurrent writer took meanwhile. Returns the new ids in the
    /// order `choose` gave.
    #[tracing::instrument(skip_all, fields(part = template.part_id))]
    pub fn create_serials<E>(
        &self,
        template: &NewStockItem,
        user: Option<i64>,
        mut choose: impl FnMut(Option<&str>) -> Result<Vec<KeyedSerial>, E>,
    ) -> Result<Vec<i64>, SerialsError<E>> {
        let mut rejected: Option<E> = None;
        let outcome = self.write(|conn| {
            let part = load_part(conn, template.part_id)?;
            if !part.trackable {
                return Err(StoreError::invalid(
                    "serial_numbers",
                    "Serial numbers cannot be supplied for a non-trackable part",
                ));
            }
            let scope = serial_scope_for(conn, template.part_id)?;
            let latest = latest_in_scope(conn, scope)?;
            let serials = match choose(latest.as_deref()) {
                Ok(serials) => serials,
                Err(e) => {
                    rejected = Some(e);
                    return Err(StoreError::refused(REJECTED));
                }
            };
            let one = NewStockItem {
                quantity: Quantity::ONE.units(),
                serial: serials.first().map(|s| s.serial.clone()),
                // Serialized items are never deleted when depleted, as InvenTree forces.
                delete_on_deplete: false,
                ..template.clone()
            };
            check_new(conn, &one)?;
            let conflicts = taken(conn, scope, &serials)?;
            if !conflicts.is_empty() {
                return Err(StoreError::invalid(
                    "serial_numbers",
                    serials_taken_message(&conflicts),
                ));
            }
            let ids = insert_serialized(conn, &one, scope, &serials, Utc::now().naive_utc())?;
            let entries: Vec<NewTracking> = ids
                .iter()
                .map(|id| NewTracking {
                    tracking_type: history::CREATED,
                    item_id: Some(*id),
                    part_id: one.part_id,
                    user_id: user,
                    notes: String::new(),
                    deltas: Some(json!({"status": one.status, "quantity": 1.0})),
                })
                .collect();
            add_tracking_batch(conn, &entries)?;
            crate::db::analyze_after_bulk_write(conn, "stock_items", ids.len())?;
            crate::db::analyze_after_bulk_write(conn, "stock_tracking", entries.len())?;
            Ok(ids)
        });
        match (outcome, rejected) {
            (Ok(ids), _) => Ok(ids),
            (Err(_), Some(rejected)) => Err(SerialsError::Rejected(rejected)),
            (Err(e), None) => Err(SerialsError::Store(e)),
        }
    }
}
