//! Stock locations: a tree of places stock can be in.

mod list;
mod rows;
mod shape;

pub use list::{LocationOrder, LocationQuery};
pub use rows::{DEFAULT_ICON_SETTING, LocationRow, PathStep};

use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::parts::DeleteContents;
use crate::schema::{stock_items, stock_locations};
use crate::tree::{self, Tree};
use crate::{Store, StoreResult};

/// A stock location, a node of the location tree.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = stock_locations)]
pub struct Location {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    /// A structural location only groups others; stock cannot be put in it directly.
    pub structural: bool,
    pub external: bool,
    pub icon: String,
    pub pathstring: String,
}

/// A location to create.
#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = stock_locations)]
pub struct NewLocation {
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub structural: bool,
    pub external: bool,
    pub icon: String,
}

/// Fields of a location to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = stock_locations)]
pub struct LocationChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub parent_id: Option<Option<i64>>,
    pub structural: Option<bool>,
    pub external: Option<bool>,
    pub icon: Option<String>,
}

pub(crate) fn load_location(conn: &mut AnyConnection, id: i64) -> StoreResult<Location> {
    stock_locations::table
        .find(id)
        .select(Location::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "StockLocation",
            pk: id,
        })
}

impl Store {
    /// Creates a location below its parent and records its path.
    pub fn create_location(&self, new: &NewLocation) -> StoreResult<Location> {
        self.write(|conn| {
            let id: i64 = diesel::insert_into(stock_locations::table)
                .values(new)
                .returning(stock_locations::id)
                .get_result(conn)?;
            tree::refresh_paths(conn, Tree::Location, id)?;
            load_location(conn, id)
        })
    }

    /// Reads one location.
    pub fn location(&self, id: i64) -> StoreResult<Location> {
        self.read(|conn| load_location(conn, id))
    }

    /// Every location, in path order.
    pub fn list_locations(&self) -> StoreResult<Vec<Location>> {
        self.read(|conn| {
            Ok(stock_locations::table
                .order((stock_locations::pathstring, stock_locations::id))
                .select(Location::as_select())
                .load(conn)?)
        })
    }

    /// Changes a location. A move below itself is refused, and so is making a location
    /// structural while stock sits in it.
    pub fn update_location(&self, id: i64, changes: &LocationChanges) -> StoreResult<Location> {
        self.write(|conn| {
            load_location(conn, id)?;
            if let Some(parent) = changes.parent_id
                && tree::would_cycle(conn, Tree::Location, id, parent)? {
                    return Err(StoreError::invalid(
                        "parent",
                        "Cannot make a location its own parent or descendant",
                    ));
                }
            if changes.structural == Some(true) {
                let items: i64 = stock_items::table
                    .filter(stock_items::location_id.eq(id))
                    .count()
                    .get_result(conn)?;
                if items > 0 {
                    // InvenTree raises this from the model's `clean()`: a non-field error.
                    return Err(StoreError::refused(
                        "You cannot make this stock location structural because some stock items are already located into it!",
                    ));
                }
            }
            match diesel::update(stock_locations::table.find(id)).set(changes).execute(conn) {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            tree::refresh_paths(conn, Tree::Location, id)?;
            load_location(conn, id)
        })
    }

    /// Deletes a location. Its stock and child locations move to its parent unless
    /// `contents` asks for them to be deleted, as InvenTree does.
    pub fn delete_location(&self, id: i64, contents: DeleteContents) -> StoreResult<()> {
        self.write(|conn| {
            let location = load_location(conn, id)?;
            let children: Vec<i64> = stock_locations::table
                .filter(stock_locations::parent_id.eq(id))
                .select(stock_locations::id)
                .load(conn)?;
            let affected = if contents.delete_children {
                tree::descendants(conn, Tree::Location, id)?
            } else {
                vec![id]
            };
            let items = stock_items::table.filter(stock_items::location_id.eq_any(&affected));
            if contents.delete_items {
                diesel::delete(items).execute(conn)?;
            } else {
                diesel::update(items)
                    .set(stock_items::location_id.eq(location.parent_id))
                    .execute(conn)?;
            }
            if contents.delete_children {
                for node in affected.iter().rev() {
                    diesel::delete(stock_locations::table.find(node)).execute(conn)?;
                }
            } else {
                diesel::update(stock_locations::table.filter(stock_locations::parent_id.eq(id)))
                    .set(stock_locations::parent_id.eq(location.parent_id))
                    .execute(conn)?;
                diesel::delete(stock_locations::table.find(id)).execute(conn)?;
                for child in children {
                    tree::refresh_paths(conn, Tree::Location, child)?;
                }
            }
            Ok(())
        })
    }
}
