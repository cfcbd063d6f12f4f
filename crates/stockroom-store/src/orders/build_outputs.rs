//! Build outputs: the stock items a build is making, created one at a time or one per serial.

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::status::{build_status, history};

use super::build_lines::build_lines_of;
use super::build_orders::load_build;
use super::builds::Build;
use super::stock_moves::{BUILD_ACTIVE, Entry, write_history};
use crate::db::{AnyConnection, each_backend};
use crate::error::StoreError;
use crate::parts::load_part;
use crate::schema::{builds, stock_items};
use crate::settings::serial_scope_for;
use crate::stock::{KeyedSerial, NewStockItem, StockItem, serials_taken_message};
use crate::{Store, StoreResult};

/// Errors of the entries of a list in a request, by position: `(index, field, message)`.
#[derive(Debug)]
pub enum ItemsError {
    Items(Vec<(usize, &'static str, String)>),
    Store(StoreError),
}

impl From<StoreError> for ItemsError {
    fn from(error: StoreError) -> ItemsError {
        ItemsError::Store(error)
    }
}

/// Never shown: marks a transaction rolled back because entries were refused.
const ENTRIES_REFUSED: &str = "entries refused";

impl Store {
    /// Runs `op` in one write transaction, rolled back when it reports entry errors.
    pub(crate) fn write_entries<T>(
        &self,
        mut op: impl FnMut(
            &mut AnyConnection,
            &mut Vec<(usize, &'static str, String)>,
        ) -> StoreResult<T>,
    ) -> Result<T, ItemsError> {
        let mut found = Vec::new();
        let outcome = self.write(|conn| {
            found.clear();
            let value = op(conn, &mut found)?;
            if found.is_empty() {
                Ok(value)
            } else {
                Err(StoreError::refused(ENTRIES_REFUSED))
            }
        });
        match outcome {
            Ok(value) => Ok(value),
            Err(_) if !found.is_empty() => Err(ItemsError::Items(found)),
            Err(e) => Err(ItemsError::Store(e)),
        }
    }
}

/// New outputs: `quantity` units in one item, or one item per serial.
#[derive(Debug, Clone)]
pub struct NewOutputs {
    pub quantity: i64,
    /// The serial-number pattern, when given (expanded by the caller's chooser).
    pub serials: Option<String>,
    pub batch: Option<String>,
    pub location: Option<i64>,
}

/// Why outputs could not be created: the chooser's error, or the store's.
#[derive(Debug)]
pub enum OutputsError<E> {
    Rejected(E),
    Store(StoreError),
}

impl<E> From<StoreError> for OutputsError<E> {
    fn from(error: StoreError) -> OutputsError<E> {
        OutputsError::Store(error)
    }
}

const CHOOSER_REFUSED: &str = "serial chooser refused";

/// The latest serial of a scope: highest sort key, ties to the greatest text.
fn latest_serial(conn: &mut AnyConnection, scope: i64) -> StoreResult<Option<String>> {
    let rows: Vec<(i64, Option<String>)> = stock_items::table
        .filter(stock_items::serial_scope.eq(scope))
        .filter(stock_items::serial.is_not_null())
        .order((stock_items::serial_int.desc(), stock_items::serial.desc()))
        .select((stock_items::serial_int, stock_items::serial))
        .limit(1)
        .load(conn)?;
    Ok(rows.into_iter().next().and_then(|(_, s)| s))
}

pub(crate) fn check_active(build: &Build) -> StoreResult<()> {
    if BUILD_ACTIVE.contains(&build.status) {
        Ok(())
    } else {
        Err(StoreError::refused("Build order must be active"))
    }
}

fn output_created(build: &Build, item: &StockItem) -> Entry {
    let q = stockroom_core::Quantity::from_units(item.quantity).to_f64();
    let mut deltas = json!({
        "quantity": q,
        "buildorder": build.id,
        "batch": item.batch,
        "location": item.location_id,
    });
    if let Some(serial) = &item.serial {
        deltas["serial"] = json!(serial);
    }
    Entry {
        code: history::BUILD_OUTPUT_CREATED,
        item: item.id,
        part: item.part_id,
        notes: String::new(),
        deltas,
    }
}

impl Store {
    /// Creates build outputs (`is_building`, `build` set) in one transaction. Serials are
    /// picked by `choose` from the scope's latest serial inside the transaction; a
    /// pending build goes into production.
    pub fn create_build_outputs<E>(
        &self,
        build_id: i64,
        new: &NewOutputs,
        user: Option<i64>,
        mut choose: impl FnMut(Option<&str>) -> Result<Vec<String>, E>,
    ) -> Result<Vec<i64>, OutputsError<E>> {
        let mut rejected: Option<E> = None;
        let outcome = self.write(|conn| {
            let build = load_build(conn, build_id)?;
            check_active(&build)?;
            let part = load_part(conn, build.part_id)?;
            let tracked_lines = build_lines_of(conn, build_id)?.iter().any(|l| l.trackable);
            let whole = new.quantity % stockroom_core::Quantity::ONE.units() == 0;
            if !whole && part.trackable {
                return Err(StoreError::invalid("quantity", "Integer quantity required for trackable parts"));
            }
            if !whole && tracked_lines {
                return Err(StoreError::invalid(
                    "quantity",
                    "Integer quantity required, as the bill of materials contains trackable parts",
                ));
            }
            let pattern = new.serials.as_deref().map(str::trim).filter(|s| !s.is_empty());
            if (part.trackable || tracked_lines) && pattern.is_none() {
                return Err(StoreError::invalid(
                    "serial_numbers",
                    "Serial numbers must be provided for trackable parts",
                ));
            }
            let location = new.location.or(build.destination_id).or(part.default_location_id);
            let mut template = NewStockItem::new(part.id, stockroom_core::Quantity::from_units(new.quantity));
            template.location_id = location;
            template.batch = new.batch.clone().filter(|b| !b.is_empty()).or(build.batch.clone());
            template.build_id = Some(build.id);
            template.is_building = true;
            let now = Utc::now().naive_utc();
            let ids: Vec<i64> = if pattern.is_some() {
                if !part.trackable {
                    return Err(StoreError::invalid(
                        "serial_numbers",
                        "Serial numbers cannot be supplied for a non-trackable part",
                    ));
                }
                let scope = serial_scope_for(conn, part.id)?;
                let latest = latest_serial(conn, scope)?;
                let serials = match choose(latest.as_deref()) {
                    Ok(s) => s,
                    Err(e) => {
                        rejected = Some(e);
                        return Err(StoreError::refused(CHOOSER_REFUSED));
                    }
                };
                let texts: Vec<&str> = serials.iter().map(String::as_str).collect();
                let existing: Vec<Option<String>> = stock_items::table
                    .filter(stock_items::serial_scope.eq(scope))
                    .filter(stock_items::serial.eq_any(&texts))
                    .select(stock_items::serial)
                    .load(conn)?;
                let existing: Vec<String> = serials
                    .iter()
                    .filter(|s| existing.iter().flatten().any(|e| e == *s))
                    .cloned()
                    .collect();
                if !existing.is_empty() {
                    return Err(StoreError::invalid("serial_numbers", serials_taken_message(&existing)));
                }
                let mut ids = Vec::with_capacity(serials.len());
                for chunk in serials.chunks(500) {
                    let items: Vec<NewStockItem> = chunk
                        .iter()
                        .map(|s| NewStockItem {
                            serial: Some(s.clone()),
                            quantity: stockroom_core::Quantity::ONE.units(),
                            ..template.clone()
                        })
                        .collect();
                    let rows: Vec<_> = items
                        .iter()
                        .map(|item| {
                            let key = item.serial.as_deref().map_or(0, |s| KeyedSerial::new(s).key);
                            (
                                item,
                                stock_items::serial_int.eq(key),
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
                ids
            } else {
                let id: i64 = diesel::insert_into(stock_items::table)
                    .values((
                        &template,
                        stock_items::creation_date.eq(now.date()),
                        stock_items::updated.eq(now),
                    ))
                    .returning(stock_items::id)
                    .get_result(conn)?;
                vec![id]
            };
            let items = super::stock_moves::items_by_id(conn, &ids)?;
            let entries: Vec<Entry> = ids
                .iter()
                .filter_map(|id| items.get(id))
                .map(|item| output_created(&build, item))
                .collect();
            write_history(conn, &entries, user)?;
            if build.status == build_status::PENDING {
                diesel::update(builds::table.find(build.id))
                    .set(builds::status.eq(build_status::PRODUCTION))
                    .execute(conn)?;
            }
            Ok(ids)
        });
        match (outcome, rejected) {
            (Ok(ids), _) => Ok(ids),
            (Err(_), Some(e)) => Err(OutputsError::Rejected(e)),
            (Err(e), None) => Err(OutputsError::Store(e)),
        }
    }
}
