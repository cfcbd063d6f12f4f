//! Part categories, parts (with their template/variant trees) and BOM items.

mod bom;
mod bom_graph;
mod bom_list;
mod bom_rows;
mod bom_rules;
mod categories;
mod category_list;
mod figures;
mod part_edit;
mod part_filter;
mod part_list;
mod part_related;
mod part_sort;
mod part_write;

pub use bom::{BomItem, BomItemChanges, NewBomItem};
pub use bom_list::{BomFigures, BomOrder, BomQuery, BomRow};
pub use categories::{Category, CategoryChanges, NewCategory};
pub use category_list::{CategoryOrder, CategoryQuery, CategoryRow};
pub use figures::PartFigures;
pub use part_list::{PartDetails, PartQuery, PartRow, StockFilters};
pub use part_related::LocationBrief;
pub use part_sort::PartOrder;
pub(crate) use part_write::{apply_part_changes, delete_parts, insert_part};

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::parts;
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

/// The fields of a part to change; `None` leaves a field as it is.
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

impl Part {
    /// The name InvenTree shows with its default `PART_NAME_FORMAT`: `IPN | name | revision`,
    /// leaving out the parts that are empty.
    pub fn full_name(&self) -> String {
        let mut out = String::new();
        if let Some(ipn) = self.ipn.as_deref().filter(|i| !i.is_empty()) {
            out.push_str(ipn);
            out.push_str(" | ");
        }
        out.push_str(&self.name);
        if !self.revision.is_empty() {
            out.push_str(" | ");
            out.push_str(&self.revision);
        }
        out
    }
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
        self.write(|conn| insert_part(conn, new))
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
        self.write(|conn| apply_part_changes(conn, id, changes))
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
