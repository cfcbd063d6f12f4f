//! Finishing build outputs: completing them (which consumes their share of the allocated
//! stock), scrapping them, and deleting unfinished ones.

use std::collections::HashMap;

use chrono::Utc;
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::status::history;

use super::build_lines::{LineState, build_lines_of, required_quantity, take_stock};
use super::build_orders::load_build;
use super::build_outputs::{ItemsError, check_active};
use super::builds::Build;
use super::stock_moves::{Entry, find_item, write_history};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{build_items, build_lines, builds, stock_items};
use crate::stock::StockItem;
use crate::{Store, StoreResult};

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
