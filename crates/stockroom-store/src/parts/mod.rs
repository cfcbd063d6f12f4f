//! Part categories, parts (with their template/variant trees) and BOM items.

mod bom;
mod categories;
mod category_list;

pub use bom::{BomItem, BomItemChanges, NewBomItem};
pub use categories::{Category, CategoryChanges, NewCategory};
pub use category_list::{CategoryOrder, CategoryQuery, CategoryRow};

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{parts, stock_items};
use crate::settings::serial_scope_is_global;
use crate::tree::{self, Tree};
use crate::{Store, StoreResult};

/// A part: something stocked, bought, sold or built.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = parts)]
pub struct Part {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub ipn: Option<String>,
    pub revision: String,
    pub keywords: String,
    pub category_id: Option<i64>,
    pub variant_of_id: Option<i64>,
    /// The root of the part's template/variant tree (its own id for a root).
    pub tree_id: i64,
    pub is_template: bool,
    pub assembly: bool,
    pub component: bool,
    pub trackable: bool,
    pub purchaseable: bool,
    pub salable: bool,
    pub is_virtual: bool,
    pub active: bool,
    pub locked: bool,
    pub units: String,
    pub default_location_id: Option<i64>,
    /// Days until new stock of this part expires; 0 means it does not.
    pub default_expiry: i32,
    /// In 1/100000 units.
    pub minimum_stock: i64,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub creation_user_id: Option<i64>,
}

/// A new part. `tree_id` is derived from `variant_of_id` when it is stored.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = parts)]
pub struct NewPart {
    pub name: String,
    pub description: String,
    pub ipn: Option<String>,
    pub revision: String,
    pub keywords: String,
    pub category_id: Option<i64>,
    pub variant_of_id: Option<i64>,
    pub is_template: bool,
    pub assembly: bool,
    pub component: bool,
    pub trackable: bool,
    pub purchaseable: bool,
    pub salable: bool,
    pub is_virtual: bool,
    pub active: bool,
    pub locked: bool,
    pub units: String,
    pub default_location_id: Option<i64>,
    pub default_expiry: i32,
    pub minimum_stock: i64,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub creation_user_id: Option<i64>,
}

impl Default for NewPart {
    /// InvenTree's defaults: a purchaseable component, active.
    fn default() -> NewPart {
        NewPart {
            name: String::new(),
            description: String::new(),
            ipn: None,
            revision: String::new(),
            keywords: String::new(),
            category_id: None,
            variant_of_id: None,
            is_template: false,
            assembly: false,
            component: true,
            trackable: false,
            purchaseable: true,
            salable: false,
            is_virtual: false,
            active: true,
            locked: false,
            units: String::new(),
            default_location_id: None,
            default_expiry: 0,
            minimum_stock: 0,
            link: String::new(),
            notes: String::new(),
            creation_date: None,
            creation_user_id: None,
        }
    }
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = parts)]
pub struct PartChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub ipn: Option<Option<String>>,
    pub revision: Option<String>,
    pub keywords: Option<String>,
    pub category_id: Option<Option<i64>>,
    pub variant_of_id: Option<Option<i64>>,
    pub is_template: Option<bool>,
    pub assembly: Option<bool>,
    pub component: Option<bool>,
    pub trackable: Option<bool>,
    pub purchaseable: Option<bool>,
    pub salable: Option<bool>,
    pub is_virtual: Option<bool>,
    pub active: Option<bool>,
    pub locked: Option<bool>,
    pub units: Option<String>,
    pub default_location_id: Option<Option<i64>>,
    pub default_expiry: Option<i32>,
    pub minimum_stock: Option<i64>,
    pub link: Option<String>,
    pub notes: Option<String>,
}

/// What happens to the contents of a category or location that is deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeleteContents {
    /// Delete the objects inside (parts or stock) instead of moving them to the parent.
    pub delete_items: bool,
    /// Delete the child nodes (and everything in them) instead of moving them up.
    pub delete_children: bool,
}

pub(crate) fn load_part(conn: &mut AnyConnection, id: i64) -> StoreResult<Part> {
    parts::table
        .find(id)
        .select(Part::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "Part",
            pk: id,
        })
}

impl Store {
    /// Creates a part. A variant joins its template's tree.
    pub fn create_part(&self, new: &NewPart) -> StoreResult<Part> {
        self.write(|conn| {
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
        })
    }

    /// Reads one part.
    pub fn part(&self, id: i64) -> StoreResult<Part> {
        self.read(|conn| load_part(conn, id))
    }

    /// Every part, in primary-key order.
    pub fn list_parts(&self) -> StoreResult<Vec<Part>> {
        self.read(|conn| {
            Ok(parts::table
                .order(parts::id)
                .select(Part::as_select())
                .load(conn)?)
        })
    }

    /// Changes a part. Moving it to another template/variant tree moves its variants too and
    /// re-scopes their serial numbers in the same transaction; a serial that already exists
    /// in the new tree refuses the move. A part cannot become its own variant ancestor.
    pub fn update_part(&self, id: i64, changes: &PartChanges) -> StoreResult<Part> {
        self.write(|conn| {
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
        })
    }

    /// Deletes a part with its stock, BOM lines and supplier parts. Its variants become the
    /// roots of their own trees.
    pub fn delete_part(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            load_part(conn, id)?;
            delete_parts(conn, &[id])
        })
    }
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
