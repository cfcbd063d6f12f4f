//! Writing part rows: inserting, changing (with moves between variant trees) and deleting.

use diesel::prelude::*;

use super::{NewPart, Part, PartChanges, load_part};
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{parts, stock_items};
use crate::settings::serial_scope_is_global;
use crate::tree::{self, Tree};

/// Inserts a part; a variant joins its template's tree, any other part roots its own.
pub(crate) fn insert_part(conn: &mut AnyConnection, new: &NewPart) -> StoreResult<Part> {
    let tree_id = match new.variant_of_id {
        Some(template) => Some(load_part(conn, template)?.tree_id),
        None => None,
    };
    let id: i64 = diesel::insert_into(parts::table)
        .values((new, parts::tree_id.eq(tree_id.unwrap_or(0))))
        .returning(parts::id)
        .get_result(conn)?;
    if tree_id.is_none() {
        diesel::update(parts::table.find(id))
            .set(parts::tree_id.eq(id))
            .execute(conn)?;
    }
    load_part(conn, id)
}

/// Applies `changes` to a part, moving it (and its variants) to another tree when
/// `variant_of` changes. A part cannot become its own variant ancestor.
pub(crate) fn apply_part_changes(
    conn: &mut AnyConnection,
    id: i64,
    changes: &PartChanges,
) -> StoreResult<Part> {
    let before = load_part(conn, id)?;
    if let Some(variant_of) = changes.variant_of_id
        && tree::would_cycle(conn, Tree::PartVariants, id, variant_of)?
    {
        return Err(StoreError::invalid(
            "variant_of",
            "Part cannot be a variant of itself or of one of its variants",
        ));
    }
    match diesel::update(parts::table.find(id))
        .set(changes)
        .execute(conn)
    {
        Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
        Err(e) => return Err(e.into()),
    }
    let after = load_part(conn, id)?;
    if after.variant_of_id != before.variant_of_id {
        let new_root = match after.variant_of_id {
            Some(template) => load_part(conn, template)?.tree_id,
            None => id,
        };
        move_to_tree(conn, id, new_root)?;
    }
    load_part(conn, id)
}

/// Deletes parts; stock, history, BOM lines and supplier parts go with them (cascades).
pub(crate) fn delete_parts(conn: &mut AnyConnection, ids: &[i64]) -> StoreResult<()> {
    // Variants of a deleted template become templates of their own trees.
    for id in ids {
        let variants: Vec<i64> = parts::table
            .filter(parts::variant_of_id.eq(id))
            .filter(parts::id.ne_all(ids))
            .select(parts::id)
            .load(conn)?;
        for variant in variants {
            diesel::update(parts::table.find(variant))
                .set(parts::variant_of_id.eq(None::<i64>))
                .execute(conn)?;
            move_to_tree(conn, variant, variant)?;
        }
    }
    diesel::update(parts::table.filter(parts::id.eq_any(ids)))
        .set(parts::variant_of_id.eq(None::<i64>))
        .execute(conn)?;
    diesel::delete(parts::table.filter(parts::id.eq_any(ids))).execute(conn)?;
    Ok(())
}

/// Puts `id` and its variants into the tree rooted at `root`, re-scoping their serial numbers
/// (a serial that exists in the new tree already fails the unique index, and the caller's
/// transaction with it).
fn move_to_tree(conn: &mut AnyConnection, id: i64, root: i64) -> StoreResult<()> {
    let moved = tree::descendants(conn, Tree::PartVariants, id)?;
    diesel::update(parts::table.filter(parts::id.eq_any(&moved)))
        .set(parts::tree_id.eq(root))
        .execute(conn)?;
    if !serial_scope_is_global(conn)? {
        diesel::update(
            stock_items::table
                .filter(stock_items::part_id.eq_any(&moved))
                .filter(stock_items::serial.is_not_null()),
        )
        .set(stock_items::serial_scope.eq(root))
        .execute(conn)?;
    }
    Ok(())
}
