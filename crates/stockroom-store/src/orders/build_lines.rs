//! Build lines (what a build needs of each BOM item) and consuming allocated stock.

use diesel::prelude::*;
use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use super::builds::{Build, BuildItem, BuildLine, NewBuildLine};
use super::stock_moves::{
    Entry, find_item, insert_pieces, piece_of, set_quantity, split_entries, write_history,
};
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::parts::{BomItem, Part, load_part};
use crate::schema::{bom_items, build_items, build_lines, parts, stock_items};
use crate::stock::StockItem;

const SCALE: i128 = Quantity::ONE.units() as i128;

/// What `build_quantity` assemblies need of a BOM item: the per-unit quantity times the
/// build quantity, plus the setup quantity, grown by the attrition percentage and rounded
/// up to the rounding multiple. Saturates rather than overflowing.
pub(crate) fn required_quantity(
    per_unit: i64,
    setup: i64,
    attrition: i64,
    rounding: Option<i64>,
    build_quantity: i64,
) -> i64 {
    let mut need = i128::from(per_unit) * i128::from(build_quantity) / SCALE + i128::from(setup);
    if attrition > 0 {
        need += need * i128::from(attrition) / (100 * SCALE);
    }
    if let Some(multiple) = rounding.filter(|m| *m > 0).map(i128::from) {
        need = (need + multiple - 1) / multiple * multiple;
    }
    i64::try_from(need).unwrap_or(i64::MAX)
}

/// The BOM items of a part: its own, and the inherited ones of the templates above it.
fn bom_of(conn: &mut AnyConnection, part: &Part) -> StoreResult<Vec<BomItem>> {
    let mut items: Vec<BomItem> = bom_items::table
        .filter(bom_items::part_id.eq(part.id))
        .select(BomItem::as_select())
        .order(bom_items::id)
        .load(conn)?;
    let mut at = part.variant_of_id;
    let mut steps = 0;
    while let Some(template) = at {
        steps += 1;
        if steps > 1000 {
            break;
        }
        let inherited: Vec<BomItem> = bom_items::table
            .filter(bom_items::part_id.eq(template))
            .filter(bom_items::inherited.eq(true))
            .select(BomItem::as_select())
            .order(bom_items::id)
            .load(conn)?;
        items.extend(inherited);
        at = load_part(conn, template)?.variant_of_id;
    }
    Ok(items)
}

/// Creates the missing lines of a build and sets every line's required quantity.
pub(crate) fn sync_lines(conn: &mut AnyConnection, build: &Build) -> StoreResult<()> {
    let part = load_part(conn, build.part_id)?;
    let existing: Vec<BuildLine> = build_lines::table
        .filter(build_lines::build_id.eq(build.id))
        .select(BuildLine::as_select())
        .load(conn)?;
    for bom in bom_of(conn, &part)? {
        let quantity = required_quantity(
            bom.quantity,
            bom.setup_quantity,
            bom.attrition,
            bom.rounding_multiple,
            build.quantity,
        );
        match existing.iter().find(|l| l.bom_item_id == bom.id) {
            Some(line) => {
                diesel::update(build_lines::table.find(line.id))
                    .set(build_lines::quantity.eq(quantity))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(build_lines::table)
                    .values(&NewBuildLine {
                        build_id: build.id,
                        bom_item_id: bom.id,
                        quantity,
                    })
                    .execute(conn)?;
            }
        }
    }
    Ok(())
}

/// A line with its BOM item, the part it needs and what is allocated to it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineState {
    pub line: BuildLine,
    pub bom: BomItem,
    pub sub_part: Part,
    pub trackable: bool,
    pub allocated: i64,
    pub allocations: Vec<BuildItem>,
}

/// The lines of some builds (or the lines given by id), in id order.
pub(crate) fn line_states(
    conn: &mut AnyConnection,
    builds: Option<&[i64]>,
    ids: Option<&[i64]>,
) -> StoreResult<Vec<LineState>> {
    let mut q = build_lines::table.into_boxed();
    if let Some(builds) = builds {
        q = q.filter(build_lines::build_id.eq_any(builds.to_vec()));
    }
    if let Some(ids) = ids {
        q = q.filter(build_lines::id.eq_any(ids.to_vec()));
    }
    let lines: Vec<BuildLine> = q
        .order(build_lines::id)
        .select(BuildLine::as_select())
        .load(conn)?;
    let line_ids: Vec<i64> = lines.iter().map(|l| l.id).collect();
    let bom_ids: Vec<i64> = lines.iter().map(|l| l.bom_item_id).collect();
    let boms: Vec<BomItem> = bom_items::table
        .filter(bom_items::id.eq_any(&bom_ids))
        .select(BomItem::as_select())
        .load(conn)?;
    let sub_ids: Vec<i64> = boms.iter().map(|b| b.sub_part_id).collect();
    let subs: Vec<Part> = parts::table
        .filter(parts::id.eq_any(&sub_ids))
        .select(Part::as_select())
        .load(conn)?;
    let allocations: Vec<BuildItem> = build_items::table
        .filter(build_items::build_line_id.eq_any(&line_ids))
        .order(build_items::id)
        .select(BuildItem::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let corrupt = || StoreError::Corrupt(format!("build line {} lost its BOM item", line.id));
        let bom = boms
            .iter()
            .find(|b| b.id == line.bom_item_id)
            .cloned()
            .ok_or_else(corrupt)?;
        let sub_part = subs
            .iter()
            .find(|p| p.id == bom.sub_part_id)
            .cloned()
            .ok_or_else(corrupt)?;
        let mine: Vec<BuildItem> = allocations
            .iter()
            .filter(|a| a.build_line_id == line.id)
            .cloned()
            .collect();
        out.push(LineState {
            trackable: sub_part.trackable,
            allocated: mine.iter().fold(0i64, |s, a| s.saturating_add(a.quantity)),
            allocations: mine,
            line,
            bom,
            sub_part,
        });
    }
    Ok(out)
}

/// The lines of one build.
pub(crate) fn build_lines_of(conn: &mut AnyConnection, build: i64) -> StoreResult<Vec<LineState>> {
    line_states(conn, Some(&[build]), None)
}

/// Lowers allocations so that no line holds more than it needs (oldest kept first).
pub(crate) fn trim_allocations(conn: &mut AnyConnection, lines: &[LineState]) -> StoreResult<()> {
    for state in lines.iter().filter(|l| !l.trackable && !l.bom.consumable) {
        let mut excess = state.allocated - state.line.quantity;
        for allocation in state.allocations.iter().rev() {
            if excess <= 0 {
                break;
            }
            if allocation.quantity > excess {
                diesel::update(build_items::table.find(allocation.id))
                    .set(build_items::quantity.eq(allocation.quantity - excess))
                    .execute(conn)?;
                excess = 0;
            } else {
                diesel::delete(build_items::table.find(allocation.id)).execute(conn)?;
                excess -= allocation.quantity;
            }
        }
    }
    Ok(())
}

/// Takes `quantity` of `item` out of stock for `build`: the item itself when that is all
/// of it, else a piece split off. The taken item is marked `consumed_by` (or, with
/// `install_into`, installed in that output), with InvenTree's history entries.
pub(crate) fn take_stock(
    conn: &mut AnyConnection,
    build: &Build,
    item_id: i64,
    quantity: i64,
    install_into: Option<i64>,
    entries: &mut Vec<Entry>,
) -> StoreResult<i64> {
    let item: StockItem = find_item(conn, item_id)?.ok_or(StoreError::NotFound {
        model: "StockItem",
        pk: item_id,
    })?;
    let quantity = quantity.min(item.quantity);
    let taken = if item.quantity > quantity {
        let ids = insert_pieces(conn, &[piece_of(&item, quantity)])?;
        let piece = ids
            .first()
            .copied()
            .ok_or_else(|| StoreError::Corrupt("split gave no item".into()))?;
        let remaining = item.quantity - quantity;
        set_quantity(conn, item.id, remaining)?;
        entries.extend(split_entries(&item, piece, quantity, remaining));
        piece
    } else {
        item.id
    };
    let q = Quantity::from_units(quantity).to_f64();
    match install_into {
        Some(output) => {
            diesel::update(stock_items::table.find(taken))
                .set(stock_items::belongs_to_id.eq(Some(output)))
                .execute(conn)?;
            let output_part: i64 = stock_items::table
                .find(output)
                .select(stock_items::part_id)
                .first(conn)?;
            entries.push(Entry {
                code: history::INSTALLED_INTO_ASSEMBLY,
                item: taken,
                part: item.part_id,
                notes: String::new(),
                deltas: json!({"stockitem": output, "buildorder": build.id, "quantity": q}),
            });
            entries.push(Entry {
                code: history::INSTALLED_CHILD_ITEM,
                item: output,
                part: output_part,
                notes: String::new(),
                deltas: json!({"stockitem": taken, "buildorder": build.id}),
            });
        }
        None => {
            diesel::update(stock_items::table.find(taken))
                .set(stock_items::consumed_by_id.eq(Some(build.id)))
                .execute(conn)?;
            entries.push(Entry {
                code: history::BUILD_CONSUMED,
                item: taken,
                part: item.part_id,
                notes: String::new(),
                deltas: json!({"buildorder": build.id, "quantity": q}),
            });
        }
    }
    Ok(taken)
}

/// Consumes the untracked allocations of a build (every allocation without an output),
/// adding what was taken to each line's `consumed`. The allocations are left for the
/// caller to delete.
pub(crate) fn consume_allocations(
    conn: &mut AnyConnection,
    build: &Build,
    lines: Option<&[i64]>,
    user: Option<i64>,
) -> StoreResult<()> {
    let states = match lines {
        Some(ids) => line_states(conn, None, Some(ids))?,
        None => line_states(conn, Some(&[build.id]), None)?,
    };
    let mut entries = Vec::new();
    for state in &states {
        let mut used = 0i64;
        for allocation in state
            .allocations
            .iter()
            .filter(|a| a.install_into_id.is_none())
        {
            take_stock(
                conn,
                build,
                allocation.stock_item_id,
                allocation.quantity,
                None,
                &mut entries,
            )?;
            used = used.saturating_add(allocation.quantity);
        }
        if used > 0 {
            diesel::update(build_lines::table.find(state.line.id))
                .set(build_lines::consumed.eq(state.line.consumed.saturating_add(used)))
                .execute(conn)?;
        }
    }
    write_history(conn, &entries, user)
}
