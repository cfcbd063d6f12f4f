//! Trees stored as parent links: part categories, stock locations and part variants.
//!
//! Queries walk them with recursive CTEs, which both backends run the same way. The trees
//! are small next to the stock they organise, so a walk is cheap; stock filters then use the
//! indexed `location_id` or `part_id` with the ids found.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use crate::db::AnyConnection;
use crate::error::StoreError;

/// A table that forms a tree through a parent column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tree {
    /// `part_categories.parent_id`
    Category,
    /// `stock_locations.parent_id`
    Location,
    /// `parts.variant_of_id`: the template/variant tree
    PartVariants,
}

impl Tree {
    fn table(self) -> &'static str {
        match self {
            Tree::Category => "part_categories",
            Tree::Location => "stock_locations",
            Tree::PartVariants => "parts",
        }
    }

    fn parent(self) -> &'static str {
        match self {
            Tree::Category | Tree::Location => "parent_id",
            Tree::PartVariants => "variant_of_id",
        }
    }
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// `id` and every node below it, nearest first.
pub(crate) fn descendants(
    conn: &mut AnyConnection,
    tree: Tree,
    id: i64,
) -> Result<Vec<i64>, StoreError> {
    let (table, parent) = (tree.table(), tree.parent());
    let sql = format!(
        "WITH RECURSIVE sub(id, depth) AS (
            SELECT id, 0 FROM {table} WHERE id = $1
            UNION ALL
            SELECT t.id, sub.depth + 1 FROM {table} t JOIN sub ON t.{parent} = sub.id
        ) SELECT id FROM sub ORDER BY depth, id"
    );
    let rows: Vec<Id> = diesel::sql_query(sql).bind::<BigInt, _>(id).load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// The nodes above `id`, root first, without `id` itself.
pub(crate) fn ancestors(
    conn: &mut AnyConnection,
    tree: Tree,
    id: i64,
) -> Result<Vec<i64>, StoreError> {
    let (table, parent) = (tree.table(), tree.parent());
    let sql = format!(
        "WITH RECURSIVE up(id, parent, depth) AS (
            SELECT id, {parent}, 0 FROM {table} WHERE id = $1
            UNION ALL
            SELECT t.id, t.{parent}, up.depth + 1 FROM {table} t JOIN up ON t.id = up.parent
        ) SELECT id FROM up WHERE depth > 0 ORDER BY depth DESC"
    );
    let rows: Vec<Id> = diesel::sql_query(sql).bind::<BigInt, _>(id).load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// True when making `new_parent` the parent of `id` would put `id` below itself.
pub(crate) fn would_cycle(
    conn: &mut AnyConnection,
    tree: Tree,
    id: i64,
    new_parent: Option<i64>,
) -> Result<bool, StoreError> {
    match new_parent {
        None => Ok(false),
        Some(parent) if parent == id => Ok(true),
        Some(parent) => Ok(ancestors(conn, tree, parent)?.contains(&id)),
    }
}

#[derive(QueryableByName)]
struct PathRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    path: String,
}

/// Recomputes the cached `pathstring` (`Top/Middle/Leaf`) of `id` and everything below it.
pub(crate) fn refresh_paths(
    conn: &mut AnyConnection,
    tree: Tree,
    id: i64,
) -> Result<(), StoreError> {
    let table = tree.table();
    if tree == Tree::PartVariants {
        return Ok(());
    }
    let prefix: Option<String> = {
        #[derive(QueryableByName)]
        struct Prefix {
            #[diesel(sql_type = Nullable<Text>)]
            path: Option<String>,
        }
        let sql = format!(
            "SELECT p.pathstring AS path FROM {table} c LEFT JOIN {table} p ON p.id = c.parent_id
             WHERE c.id = $1"
        );
        let rows: Vec<Prefix> = diesel::sql_query(sql).bind::<BigInt, _>(id).load(conn)?;
        rows.into_iter().next().and_then(|r| r.path)
    };
    let sql = format!(
        "WITH RECURSIVE sub(id, path) AS (
            SELECT id, CASE WHEN $1 = '' THEN name ELSE $1 || '/' || name END
              FROM {table} WHERE id = $2
            UNION ALL
            SELECT t.id, sub.path || '/' || t.name FROM {table} t JOIN sub ON t.parent_id = sub.id
        ) SELECT id, path FROM sub"
    );
    let rows: Vec<PathRow> = diesel::sql_query(sql)
        .bind::<Text, _>(prefix.unwrap_or_default())
        .bind::<BigInt, _>(id)
        .load(conn)?;
    let update = format!("UPDATE {table} SET pathstring = $1 WHERE id = $2");
    for row in rows {
        diesel::sql_query(&update)
            .bind::<Text, _>(row.path)
            .bind::<BigInt, _>(row.id)
            .execute(conn)?;
    }
    Ok(())
}

impl crate::Store {
    /// `id` and every node below it in `tree`, nearest first.
    pub fn tree_descendants(&self, tree: Tree, id: i64) -> Result<Vec<i64>, StoreError> {
        self.read(|conn| descendants(conn, tree, id))
    }

    /// The nodes above `id` in `tree`, root first.
    pub fn tree_ancestors(&self, tree: Tree, id: i64) -> Result<Vec<i64>, StoreError> {
        self.read(|conn| ancestors(conn, tree, id))
    }
}
