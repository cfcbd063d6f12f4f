//! BOM lines with InvenTree's rules: the assembly must be an assembly, the sub-part a
//! component, no part may appear in its own BOM tree, trackable sub-parts come in whole
//! numbers and make their assemblies trackable, and a locked assembly's BOM cannot change.

use diesel::prelude::*;
use stockroom_core::quantity::SCALE;

use super::bom_graph::{Graph, check_add_to_bom, make_users_trackable};
use super::part_edit::{global_flag, invalid_pk};
use super::{BomItem, BomItemChanges, NewBomItem, Part, load_part};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{bom_items, parts};
use crate::tree::{self, Tree};
use crate::{Store, StoreResult};

/// A part that exists and has `flag` set, or InvenTree's message for a missing one.
fn pick(
    conn: &mut AnyConnection,
    id: i64,
    field: &'static str,
    flag: fn(&Part) -> bool,
) -> StoreResult<Part> {
    match parts::table
        .find(id)
        .select(Part::as_select())
        .first(conn)
        .optional()?
    {
        Some(p) if flag(&p) => Ok(p),
        _ => Err(StoreError::invalid(field, invalid_pk(id))),
    }
}

/// Checks a line as it will be stored; returns its assembly and sub-part.
fn check_line(
    conn: &mut AnyConnection,
    line: &NewBomItem,
    skip: Option<i64>,
) -> StoreResult<(Part, Part)> {
    let assembly = pick(conn, line.part_id, "part", |p| p.assembly)?;
    let sub = pick(conn, line.sub_part_id, "sub_part", |p| p.component)?;
    if line.quantity <= 0 {
        return Err(StoreError::invalid(
            "quantity",
            "Quantity must be greater than zero",
        ));
    }
    let graph = Graph::load(conn, skip)?;
    check_add_to_bom(conn, &graph, sub.id, assembly.id)?;
    if sub.trackable && line.quantity % SCALE != 0 {
        return Err(StoreError::invalid(
            "quantity",
            "Quantity must be integer value for trackable parts",
        ));
    }
    Ok((assembly, sub))
}

/// InvenTree's `check_part_lock`.
fn check_lock(conn: &mut AnyConnection, assembly: &Part, inherited: bool) -> StoreResult<()> {
    if !global_flag(conn, "PART_ENABLE_LOCKING", true)? {
        return Ok(());
    }
    if assembly.locked {
        return Err(StoreError::refused(
            "BOM item cannot be modified - assembly is locked",
        ));
    }
    if inherited {
        let variants = tree::descendants(conn, Tree::PartVariants, assembly.id)?;
        let locked: i64 = parts::table
            .filter(parts::id.eq_any(variants))
            .filter(parts::id.ne(assembly.id))
            .filter(parts::locked.eq(true))
            .count()
            .get_result(conn)?;
        if locked > 0 {
            return Err(StoreError::refused(
                "BOM item cannot be modified - variant assembly is locked",
            ));
        }
    }
    Ok(())
}

/// A trackable sub-part makes its assembly (and the assemblies above) trackable.
fn propagate_trackable(conn: &mut AnyConnection, assembly: &Part, sub: &Part) -> StoreResult<()> {
    if sub.trackable && !assembly.trackable {
        diesel::update(parts::table.find(assembly.id))
            .set(parts::trackable.eq(true))
            .execute(conn)?;
        make_users_trackable(conn, assembly.id)?;
    }
    Ok(())
}

fn load_line(conn: &mut AnyConnection, id: i64) -> StoreResult<BomItem> {
    bom_items::table
        .find(id)
        .select(BomItem::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "BomItem",
            pk: id,
        })
}

/// The line `item` becomes with `c` applied.
fn merged(item: &BomItem, c: &BomItemChanges) -> NewBomItem {
    NewBomItem {
        part_id: c.part_id.unwrap_or(item.part_id),
        sub_part_id: c.sub_part_id.unwrap_or(item.sub_part_id),
        quantity: c.quantity.unwrap_or(item.quantity),
        setup_quantity: c.setup_quantity.unwrap_or(item.setup_quantity),
        attrition: c.attrition.unwrap_or(item.attrition),
        rounding_multiple: c.rounding_multiple.unwrap_or(item.rounding_multiple),
        reference: c
            .reference
            .clone()
            .unwrap_or_else(|| item.reference.clone()),
        note: c.note.clone().unwrap_or_else(|| item.note.clone()),
        optional: c.optional.unwrap_or(item.optional),
        consumable: c.consumable.unwrap_or(item.consumable),
        allow_variants: c.allow_variants.unwrap_or(item.allow_variants),
        inherited: c.inherited.unwrap_or(item.inherited),
        validated: c.validated.unwrap_or(item.validated),
    }
}

/// True when a field InvenTree hashes into the line's checksum changed: the line then
/// needs validating again.
fn hash_changed(a: &BomItem, b: &NewBomItem) -> bool {
    (
        a.part_id,
        a.sub_part_id,
        a.quantity,
        a.setup_quantity,
        a.attrition,
    ) != (
        b.part_id,
        b.sub_part_id,
        b.quantity,
        b.setup_quantity,
        b.attrition,
    ) || a.rounding_multiple != b.rounding_multiple
        || a.reference != b.reference
        || (a.optional, a.inherited, a.consumable, a.allow_variants)
            != (b.optional, b.inherited, b.consumable, b.allow_variants)
}

impl Store {
    /// Adds a line to an assembly's BOM with InvenTree's rules, in one transaction. A new
    /// line is not validated.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn create_bom_item_checked(&self, new: &NewBomItem) -> StoreResult<BomItem> {
        self.write(|conn| {
            let (assembly, sub) = check_line(conn, new, None)?;
            check_lock(conn, &assembly, new.inherited)?;
            let row = NewBomItem {
                validated: false,
                ..new.clone()
            };
            let id: i64 = diesel::insert_into(bom_items::table)
                .values(&row)
                .returning(bom_items::id)
                .get_result(conn)?;
            propagate_trackable(conn, &assembly, &sub)?;
            load_line(conn, id)
        })
    }

    /// Changes a BOM line with the same rules; the old assembly must not be locked either.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn update_bom_item_checked(
        &self,
        id: i64,
        changes: &BomItemChanges,
    ) -> StoreResult<BomItem> {
        self.write(|conn| {
            let before = load_line(conn, id)?;
            let mut after = merged(&before, changes);
            let (assembly, sub) = check_line(conn, &after, Some(id))?;
            check_lock(conn, &assembly, after.inherited)?;
            if after.part_id != before.part_id {
                let old = load_part(conn, before.part_id)?;
                check_lock(conn, &old, after.inherited)?;
            }
            if hash_changed(&before, &after) {
                after.validated = false;
            }
            diesel::update(bom_items::table.find(id))
                .set((
                    bom_items::part_id.eq(after.part_id),
                    bom_items::sub_part_id.eq(after.sub_part_id),
                    bom_items::quantity.eq(after.quantity),
                    bom_items::setup_quantity.eq(after.setup_quantity),
                    bom_items::attrition.eq(after.attrition),
                    bom_items::rounding_multiple.eq(after.rounding_multiple),
                    bom_items::reference.eq(&after.reference),
                    bom_items::note.eq(&after.note),
                    bom_items::optional.eq(after.optional),
                    bom_items::consumable.eq(after.consumable),
                    bom_items::allow_variants.eq(after.allow_variants),
                    bom_items::inherited.eq(after.inherited),
                    bom_items::validated.eq(after.validated),
                ))
                .execute(conn)?;
            propagate_trackable(conn, &assembly, &sub)?;
            load_line(conn, id)
        })
    }

    /// Removes a BOM line unless its assembly is locked.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn delete_bom_item_checked(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let line = load_line(conn, id)?;
            let assembly = load_part(conn, line.part_id)?;
            check_lock(conn, &assembly, line.inherited)?;
            diesel::delete(bom_items::table.find(id)).execute(conn)?;
            Ok(())
        })
    }

    /// Marks a BOM line validated (or not). As in InvenTree, this works on locked
    /// assemblies too.
    pub fn validate_bom_item(&self, id: i64, valid: bool) -> StoreResult<BomItem> {
        self.write(|conn| {
            load_line(conn, id)?;
            diesel::update(bom_items::table.find(id))
                .set(bom_items::validated.eq(valid))
                .execute(conn)?;
            load_line(conn, id)
        })
    }
}
