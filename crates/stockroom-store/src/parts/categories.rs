//! Part categories: the tree parts are filed in.

use diesel::prelude::*;

use super::{DeleteContents, delete_parts};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{part_categories, parts};
use crate::tree::{self, Tree};
use crate::{Store, StoreResult};

/// A part category, a node of the category tree.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = part_categories)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub default_location_id: Option<i64>,
    pub default_keywords: String,
    pub structural: bool,
    pub icon: String,
    /// `Top/Middle/This`, kept up to date on every rename or move.
    pub pathstring: String,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = part_categories)]
pub struct NewCategory {
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub default_location_id: Option<i64>,
    pub default_keywords: String,
    pub structural: bool,
    pub icon: String,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = part_categories)]
pub struct CategoryChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub parent_id: Option<Option<i64>>,
    pub default_location_id: Option<Option<i64>>,
    pub default_keywords: Option<String>,
    pub structural: Option<bool>,
    pub icon: Option<String>,
}

pub(crate) fn load_category(conn: &mut AnyConnection, id: i64) -> StoreResult<Category> {
    part_categories::table
        .find(id)
        .select(Category::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "PartCategory",
            pk: id,
        })
}

impl Store {
    /// Creates a category below its parent and records its path.
    pub fn create_category(&self, new: &NewCategory) -> StoreResult<Category> {
        self.write(|conn| {
            let id: i64 = diesel::insert_into(part_categories::table)
                .values(new)
                .returning(part_categories::id)
                .get_result(conn)?;
            tree::refresh_paths(conn, Tree::Category, id)?;
            load_category(conn, id)
        })
    }

    /// Reads one category.
    pub fn category(&self, id: i64) -> StoreResult<Category> {
        self.read(|conn| load_category(conn, id))
    }

    /// Every category, in path order.
    pub fn list_categories(&self) -> StoreResult<Vec<Category>> {
        self.read(|conn| {
            Ok(part_categories::table
                .order((part_categories::pathstring, part_categories::id))
                .select(Category::as_select())
                .load(conn)?)
        })
    }

    /// Changes a category; a move that would put it below itself is refused.
    pub fn update_category(&self, id: i64, changes: &CategoryChanges) -> StoreResult<Category> {
        self.write(|conn| {
            load_category(conn, id)?;
            if let Some(parent) = changes.parent_id
                && tree::would_cycle(conn, Tree::Category, id, parent)?
            {
                return Err(StoreError::invalid(
                    "parent",
                    "Cannot make a category its own parent or descendant",
                ));
            }
            match diesel::update(part_categories::table.find(id))
                .set(changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            tree::refresh_paths(conn, Tree::Category, id)?;
            load_category(conn, id)
        })
    }

    /// Deletes a category. Its parts and child categories move to its parent unless
    /// `contents` asks for them to be deleted, as InvenTree does.
    pub fn delete_category(&self, id: i64, contents: DeleteContents) -> StoreResult<()> {
        self.write(|conn| {
            let category = load_category(conn, id)?;
            let children: Vec<i64> = part_categories::table
                .filter(part_categories::parent_id.eq(id))
                .select(part_categories::id)
                .load(conn)?;
            let affected = if contents.delete_children {
                tree::descendants(conn, Tree::Category, id)?
            } else {
                vec![id]
            };
            if contents.delete_items {
                let doomed: Vec<i64> = parts::table
                    .filter(parts::category_id.eq_any(&affected))
                    .select(parts::id)
                    .load(conn)?;
                delete_parts(conn, &doomed)?;
            } else {
                diesel::update(parts::table.filter(parts::category_id.eq_any(&affected)))
                    .set(parts::category_id.eq(category.parent_id))
                    .execute(conn)?;
            }
            if contents.delete_children {
                // Deepest first, so no row ever points at a deleted parent.
                for node in affected.iter().rev() {
                    diesel::delete(part_categories::table.find(node)).execute(conn)?;
                }
            } else {
                diesel::update(part_categories::table.filter(part_categories::parent_id.eq(id)))
                    .set(part_categories::parent_id.eq(category.parent_id))
                    .execute(conn)?;
                diesel::delete(part_categories::table.find(id)).execute(conn)?;
                for child in children {
                    tree::refresh_paths(conn, Tree::Category, child)?;
                }
            }
            Ok(())
        })
    }
}
