//! Allocating stock to build lines, editing and removing allocations.

use diesel::prelude::*;
use stockroom_core::Quantity;

use super::build_lines::{LineState, line_states};
use super::build_orders::load_build;
use super::build_outputs::ItemsError;
use super::builds::{BuildItem, NewBuildItem};
use super::stock_moves::{allocated_quantity, find_item};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::parts::{Part, load_part};
use crate::schema::{build_items, build_lines};
use crate::stock::{StockItem, is_in_stock};
use crate::{Store, StoreResult};

/// One allocation asked for: `quantity` of `stock_item` to `build_line`, for `output`
/// when the line's part is tracked.
#[derive(Debug, Clone, Copy)]
pub struct AllocationRequest {
    pub build_line: i64,
    pub stock_item: i64,
    pub quantity: i64,
    pub output: Option<i64>,
}

/// True when `part` is `wanted` or, when variants are allowed, one of its variants.
fn part_fits(
    conn: &mut AnyConnection,
    part: &Part,
    wanted: i64,
    variants: bool,
) -> StoreResult<bool> {
    if part.id == wanted {
        return Ok(true);
    }
    if !variants {
        return Ok(false);
    }
    let mut at = part.variant_of_id;
    let mut steps = 0;
    while let Some(p) = at {
        if p == wanted {
            return Ok(true);
        }
        steps += 1;
        if steps > 1000 {
            break;
        }
        at = load_part(conn, p)?.variant_of_id;
    }
    Ok(false)
}

/// How much of an item is free, leaving out one build allocation (when it is edited).
fn free_quantity(
    conn: &mut AnyConnection,
    item: &StockItem,
    skip: Option<i64>,
) -> StoreResult<i64> {
    Ok(item.quantity - allocated_quantity(conn, item.id, None, skip)?)
}

fn check_one(
    conn: &mut AnyConnection,
    build_id: i64,
    request: &AllocationRequest,
) -> StoreResult<Result<Option<LineState>, (&'static str, String)>> {
    let Some(state) = line_states(conn, None, Some(&[request.build_line]))?.pop() else {
        return Ok(Err((
            "build_line",
            format!(
                "Invalid pk \"{}\" - object does not exist.",
                request.build_line
            ),
        )));
    };
    if state.line.build_id != build_id {
        return Ok(Err((
            "build_line",
            "bom_item.part must point to the same part as the build order".into(),
        )));
    }
    let Some(item) = find_item(conn, request.stock_item)? else {
        return Ok(Err((
            "stock_item",
            format!(
                "Invalid pk \"{}\" - object does not exist.",
                request.stock_item
            ),
        )));
    };
    if !is_in_stock(&item) {
        return Ok(Err(("stock_item", "Item must be in stock".into())));
    }
    if request.quantity <= 0 {
        return Ok(Err((
            "quantity",
            "Quantity must be greater than zero".into(),
        )));
    }
    let part = load_part(conn, item.part_id)?;
    if !part_fits(conn, &part, state.bom.sub_part_id, state.bom.allow_variants)? {
        return Ok(Err((
            "stock_item",
            "Selected stock item does not match BOM line".into(),
        )));
    }
    if item.serial.is_some() && request.quantity != Quantity::ONE.units() {
        return Ok(Err((
            "quantity",
            "Quantity must be 1 for serialized stock".into(),
        )));
    }
    let free = free_quantity(conn, &item, None)?;
    if request.quantity > free {
        let shown = Quantity::from_units(free.max(0));
        return Ok(Err((
            "quantity",
            format!("Available quantity ({shown}) exceeded"),
        )));
    }
    match request.output {
        None if state.trackable => {
            return Ok(Err((
                "output",
                "Build output must be specified for allocation of tracked parts".into(),
            )));
        }
        Some(_) if !state.trackable => {
            return Ok(Err((
                "output",
                "Build output cannot be specified for allocation of untracked parts".into(),
            )));
        }
        Some(output) => match find_item(conn, output)? {
            Some(o) if o.is_building && o.build_id == Some(build_id) => {}
            Some(o) if o.is_building => {
                return Ok(Err((
                    "output",
                    "Build output does not match the parent build".into(),
                )));
            }
            _ => {
                return Ok(Err((
                    "output",
                    format!("Invalid pk \"{output}\" - object does not exist."),
                )));
            }
        },
        None => {}
    }
    Ok(Ok(Some(state)))
}

impl Store {
    /// Allocates stock to a build's lines in one transaction, each entry checked as
    /// InvenTree checks it (later entries see the earlier ones' allocations). An existing
    /// allocation of the same item to the same line and output grows instead of a new one;
    /// consumable lines take no allocations.
    pub fn allocate_build_stock(
        &self,
        build_id: i64,
        requests: &[AllocationRequest],
    ) -> Result<(), ItemsError> {
        self.write_entries(|conn, errors| {
            load_build(conn, build_id)?;
            for (index, request) in requests.iter().enumerate() {
                let state = match check_one(conn, build_id, request)? {
                    Ok(Some(state)) => state,
                    Ok(None) => continue,
                    Err((field, message)) => {
                        errors.push((index, field, message));
                        continue;
                    }
                };
                if state.bom.consumable {
                    continue;
                }
                let existing = state.allocations.iter().find(|a| {
                    a.stock_item_id == request.stock_item && a.install_into_id == request.output
                });
                match existing {
                    Some(a) => {
                        diesel::update(build_items::table.find(a.id))
                            .set(
                                build_items::quantity
                                    .eq(a.quantity.saturating_add(request.quantity)),
                            )
                            .execute(conn)?;
                    }
                    None => {
                        diesel::insert_into(build_items::table)
                            .values(&NewBuildItem {
                                build_line_id: request.build_line,
                                stock_item_id: request.stock_item,
                                quantity: request.quantity,
                                install_into_id: request.output,
                            })
                            .execute(conn)?;
                    }
                }
            }
            Ok(())
        })
    }

    /// Removes a build's allocations to `output` (none: the untracked ones), optionally of
    /// one line only.
    pub fn unallocate_build_stock(
        &self,
        build_id: i64,
        line: Option<i64>,
        output: Option<i64>,
    ) -> StoreResult<()> {
        self.write(|conn| {
            load_build(conn, build_id)?;
            if let Some(o) = output {
                let item = find_item(conn, o)?;
                if item.as_ref().is_none_or(|i| !i.is_building) {
                    return Err(StoreError::invalid(
                        "output",
                        format!("Invalid pk \"{o}\" - object does not exist."),
                    ));
                }
                if item.is_some_and(|i| i.build_id != Some(build_id)) {
                    return Err(StoreError::invalid(
                        "output",
                        "Build output must point to the same build",
                    ));
                }
            }
            let lines: Vec<i64> = build_lines::table
                .filter(build_lines::build_id.eq(build_id))
                .select(build_lines::id)
                .load(conn)?;
            let lines: Vec<i64> = match line {
                Some(l) => lines.into_iter().filter(|id| *id == l).collect(),
                None => lines,
            };
            let scope = build_items::table.filter(build_items::build_line_id.eq_any(&lines));
            match output {
                Some(o) => diesel::delete(scope.filter(build_items::install_into_id.eq(o)))
                    .execute(conn)?,
                None => diesel::delete(scope.filter(build_items::install_into_id.is_null()))
                    .execute(conn)?,
            };
            Ok(())
        })
    }

    /// Changes an allocation's quantity, checked against what the item has free.
    pub fn update_build_allocation(&self, id: i64, quantity: i64) -> StoreResult<()> {
        self.write(|conn| {
            let allocation: BuildItem = build_items::table
                .find(id)
                .select(BuildItem::as_select())
                .first(conn)
                .optional()?
                .ok_or(StoreError::NotFound {
                    model: "BuildItem",
                    pk: id,
                })?;
            let item = find_item(conn, allocation.stock_item_id)?.ok_or(StoreError::NotFound {
                model: "StockItem",
                pk: allocation.stock_item_id,
            })?;
            if quantity <= 0 {
                return Err(StoreError::invalid(
                    "quantity",
                    "Allocation quantity must be greater than zero",
                ));
            }
            if item.serial.is_some() && quantity != Quantity::ONE.units() {
                return Err(StoreError::invalid(
                    "quantity",
                    "Quantity must be 1 for serialized stock",
                ));
            }
            if quantity > item.quantity {
                return Err(StoreError::invalid(
                    "quantity",
                    format!(
                        "Allocated quantity ({}) must not exceed available stock quantity ({})",
                        Quantity::from_units(quantity),
                        Quantity::from_units(item.quantity)
                    ),
                ));
            }
            if quantity > free_quantity(conn, &item, Some(id))? {
                return Err(StoreError::invalid(
                    "quantity",
                    "Stock item is over-allocated",
                ));
            }
            diesel::update(build_items::table.find(id))
                .set(build_items::quantity.eq(quantity))
                .execute(conn)?;
            Ok(())
        })
    }

    /// Deletes one allocation.
    pub fn delete_build_allocation(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let n = diesel::delete(build_items::table.find(id)).execute(conn)?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    model: "BuildItem",
                    pk: id,
                });
            }
            Ok(())
        })
    }
}
