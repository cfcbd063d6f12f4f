//! Build outputs: the stock items a build is making. Creating them (optionally
//! serialized), completing them (which consumes their share of the allocated stock) and
//! deleting unfinished ones.

use std::collections::HashMap;

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::status::{build_status, history};

use super::build_lines::{LineState, build_lines_of, required_quantity, take_stock};
use super::build_orders::load_build;
use super::builds::Build;
use super::stock_moves::{BUILD_ACTIVE, Entry, find_item, write_history};
use crate::db::{AnyConnection, each_backend};
use crate::error::StoreError;
use crate::parts::load_part;
use crate::schema::{build_items, build_lines, builds, stock_items};
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

fn check_active(build: &Build) -> StoreResult<()> {
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

/// The outputs named in a request, checked as InvenTree's output field: each must be an
/// unfinished output of this build. Problems go to `errors` under `output`.
fn checked_outputs(
    conn: &mut AnyConnection,
    build: &Build,
    ids: &[i64],
    errors: &mut Vec<(usize, &'static str, String)>,
) -> StoreResult<Vec<StockItem>> {
    let mut out = Vec::with_capacity(ids.len());
    for (index, id) in ids.iter().enumerate() {
        let Some(item) = find_item(conn, *id)? else {
            errors.push((
                index,
                "output",
                format!("Invalid pk \"{id}\" - object does not exist."),
            ));
            continue;
        };
        let problem = if item.build_id != Some(build.id) {
            Some("Build output does not match the parent build")
        } else if item.part_id != build.part_id {
            Some("Output part does not match BuildOrder part")
        } else if !item.is_building {
            Some("This build output has already been completed")
        } else {
            None
        };
        match problem {
            Some(message) => errors.push((index, "output", message.to_owned())),
            None => out.push(item),
        }
    }
    Ok(out)
}

/// What one output needs of a line, and what is allocated for it: to the output itself
/// for tracked lines, from the untracked pool otherwise.
fn needs(state: &LineState, output: &StockItem) -> (i64, i64) {
    let need = required_quantity(state.bom.quantity, 0, 0, None, output.quantity);
    let allocated = state
        .allocations
        .iter()
        .filter(|a| {
            if state.trackable {
                a.install_into_id == Some(output.id)
            } else {
                a.install_into_id.is_none()
            }
        })
        .fold(0i64, |s, a| s.saturating_add(a.quantity));
    (need, allocated)
}

/// Where and how completed outputs go.
#[derive(Debug, Clone)]
pub struct CompleteOutputs {
    pub outputs: Vec<i64>,
    pub location: i64,
    pub status: i32,
    pub notes: String,
    pub accept_incomplete_allocation: bool,
}

impl Store {
    /// Completes outputs in one transaction: each consumes its share of the allocated stock
    /// (tracked allocations are installed into it), moves to `location` with `status`, stops
    /// building, and adds to the build's completed quantity.
    pub fn complete_build_outputs(
        &self,
        build_id: i64,
        request: &CompleteOutputs,
        user: Option<i64>,
    ) -> Result<(), ItemsError> {
        self.write_entries(|conn, errors| {
            let build = load_build(conn, build_id)?;
            check_active(&build)?;
            let outputs = checked_outputs(conn, &build, &request.outputs, errors)?;
            if !errors.is_empty() {
                return Ok(());
            }
            let lines = build_lines_of(conn, build_id)?;
            if !request.accept_incomplete_allocation {
                let mut pooled: HashMap<i64, i64> = HashMap::new();
                for (index, output) in outputs.iter().enumerate() {
                    let short = lines.iter().filter(|l| !l.bom.consumable).any(|l| {
                        let (need, allocated) = needs(l, output);
                        if l.trackable {
                            allocated < need
                        } else {
                            let total = pooled.entry(l.line.id).or_insert(0);
                            *total = total.saturating_add(need);
                            allocated < *total
                        }
                    });
                    if short {
                        errors.push((
                            index,
                            "output",
                            "This build output is not fully allocated".into(),
                        ));
                    }
                }
                if !errors.is_empty() {
                    return Ok(());
                }
            }
            let mut entries = Vec::new();
            let mut completed = build.completed;
            for output in &outputs {
                let lines = build_lines_of(conn, build_id)?;
                for state in lines.iter().filter(|l| !l.bom.consumable) {
                    let (mut need, _) = needs(state, output);
                    let mut used = 0i64;
                    for a in &state.allocations {
                        let mine = if state.trackable {
                            a.install_into_id == Some(output.id)
                        } else {
                            a.install_into_id.is_none()
                        };
                        if !mine || (!state.trackable && need <= 0) {
                            continue;
                        }
                        let take = if state.trackable {
                            a.quantity
                        } else {
                            a.quantity.min(need)
                        };
                        let into = state.trackable.then_some(output.id);
                        take_stock(conn, &build, a.stock_item_id, take, into, &mut entries)?;
                        if take >= a.quantity {
                            diesel::delete(build_items::table.find(a.id)).execute(conn)?;
                        } else {
                            diesel::update(build_items::table.find(a.id))
                                .set(build_items::quantity.eq(a.quantity - take))
                                .execute(conn)?;
                        }
                        need -= take;
                        used = used.saturating_add(take);
                    }
                    if used > 0 {
                        diesel::update(build_lines::table.find(state.line.id))
                            .set(build_lines::consumed.eq(state.line.consumed.saturating_add(used)))
                            .execute(conn)?;
                    }
                }
                diesel::update(stock_items::table.find(output.id))
                    .set((
                        stock_items::is_building.eq(false),
                        stock_items::location_id.eq(Some(request.location)),
                        stock_items::status.eq(request.status),
                        stock_items::updated.eq(Utc::now().naive_utc()),
                    ))
                    .execute(conn)?;
                entries.push(Entry {
                    code: history::BUILD_OUTPUT_COMPLETED,
                    item: output.id,
                    part: output.part_id,
                    notes: request.notes.clone(),
                    deltas: json!({
                        "status": request.status,
                        "buildorder": build.id,
                        "location": request.location,
                    }),
                });
                completed = completed.saturating_add(output.quantity);
            }
            diesel::update(builds::table.find(build.id))
                .set(builds::completed.eq(completed))
                .execute(conn)?;
            write_history(conn, &entries, user)?;
            Ok(())
        })
    }

    /// Deletes unfinished outputs and what was allocated to them, in one transaction.
    pub fn delete_build_outputs(&self, build_id: i64, outputs: &[i64]) -> Result<(), ItemsError> {
        self.write_entries(|conn, errors| {
            let build = load_build(conn, build_id)?;
            let outputs = checked_outputs(conn, &build, outputs, errors)?;
            if !errors.is_empty() {
                return Ok(());
            }
            let ids: Vec<i64> = outputs.iter().map(|o| o.id).collect();
            diesel::delete(build_items::table.filter(build_items::install_into_id.eq_any(&ids)))
                .execute(conn)?;
            diesel::delete(stock_items::table.filter(stock_items::id.eq_any(&ids)))
                .execute(conn)?;
            Ok(())
        })
    }
}

/// Outputs to scrap: `(output, quantity)` pairs, where they go, and why.
#[derive(Debug, Clone)]
pub struct ScrapOutputs {
    pub outputs: Vec<(i64, i64)>,
    pub location: i64,
    pub notes: String,
    /// Drop what was allocated to the outputs instead of installing it.
    pub discard_allocations: bool,
}

impl Store {
    /// Scraps outputs in one transaction: each (or the part of it scrapped, split off)
    /// stops building with status REJECTED in `location`; the build's completed quantity
    /// does not change. Stock allocated to a whole scrapped output is installed into it
    /// unless discarded.
    pub fn scrap_build_outputs(
        &self,
        build_id: i64,
        request: &ScrapOutputs,
        user: Option<i64>,
    ) -> Result<(), ItemsError> {
        use stockroom_core::status::stock_status;
        self.write_entries(|conn, errors| {
            let build = load_build(conn, build_id)?;
            let ids: Vec<i64> = request.outputs.iter().map(|(o, _)| *o).collect();
            let outputs = checked_outputs(conn, &build, &ids, errors)?;
            for (index, (_, quantity)) in request.outputs.iter().enumerate() {
                let Some(output) = outputs.iter().find(|o| o.id == ids[index]) else {
                    continue;
                };
                if *quantity <= 0 {
                    errors.push((
                        index,
                        "quantity",
                        "Quantity must be greater than zero".into(),
                    ));
                } else if *quantity > output.quantity {
                    errors.push((
                        index,
                        "quantity",
                        "Quantity cannot be greater than the output quantity".into(),
                    ));
                }
            }
            if !errors.is_empty() {
                return Ok(());
            }
            let mut entries = Vec::new();
            for (output, (_, quantity)) in outputs.iter().zip(&request.outputs) {
                let scrapped = if *quantity < output.quantity {
                    let piece = super::stock_moves::piece_of(output, *quantity);
                    let id = super::stock_moves::insert_pieces(conn, &[piece])?
                        .first()
                        .copied()
                        .ok_or_else(|| StoreError::Corrupt("split gave no item".into()))?;
                    let remaining = output.quantity - quantity;
                    super::stock_moves::set_quantity(conn, output.id, remaining)?;
                    entries.extend(super::stock_moves::split_entries(
                        output, id, *quantity, remaining,
                    ));
                    id
                } else {
                    let allocated: Vec<(i64, i64, i64)> = build_items::table
                        .filter(build_items::install_into_id.eq(output.id))
                        .select((
                            build_items::id,
                            build_items::stock_item_id,
                            build_items::quantity,
                        ))
                        .load(conn)?;
                    if !request.discard_allocations {
                        for (_, item, q) in &allocated {
                            take_stock(conn, &build, *item, *q, Some(output.id), &mut entries)?;
                        }
                    }
                    let gone: Vec<i64> = allocated.iter().map(|(id, _, _)| *id).collect();
                    diesel::delete(build_items::table.filter(build_items::id.eq_any(&gone)))
                        .execute(conn)?;
                    output.id
                };
                diesel::update(stock_items::table.find(scrapped))
                    .set((
                        stock_items::is_building.eq(false),
                        stock_items::status.eq(stock_status::REJECTED),
                        stock_items::location_id.eq(Some(request.location)),
                        stock_items::updated.eq(Utc::now().naive_utc()),
                    ))
                    .execute(conn)?;
                entries.push(Entry {
                    code: history::BUILD_OUTPUT_REJECTED,
                    item: scrapped,
                    part: output.part_id,
                    notes: request.notes.clone(),
                    deltas: json!({
                        "location": request.location,
                        "status": stock_status::REJECTED,
                        "buildorder": build.id,
                    }),
                });
            }
            write_history(conn, &entries, user)
        })
    }
}
