//! Listing categories with InvenTree's filters, and the figures each row shows.

use std::collections::HashMap;

use diesel::prelude::*;

use super::Category;
use crate::listing::{Listed, PageRequest, contains_pattern, lower};
use crate::schema::{part_categories, parts};
use crate::{Store, StoreResult};

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct CategoryQuery {
    /// `Some(None)`: top-level categories; `Some(Some(id))`: children of `id`.
    pub parent: Option<Option<i64>>,
    /// With `parent`, include every category below it, not only its children.
    pub cascade: bool,
    pub structural: Option<bool>,
    /// Name or description contains this (case-insensitive).
    pub search: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    /// Leave out this category and everything below it.
    pub exclude_tree: Option<i64>,
    /// Sort keys with descending flags; unknown keys are ignored.
    pub ordering: Vec<(CategoryOrder, bool)>,
    pub page: PageRequest,
}

/// Sort keys of the category list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoryOrder {
    Name,
    Pathstring,
    Id,
}

/// A category with the figures the API shows beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRow {
    pub category: Category,
    /// Depth in the tree (0 for a top-level category).
    pub level: i64,
    /// Parts in this category and every category below it.
    pub part_count: i64,
    /// Direct child categories.
    pub subcategories: i64,
}

/// The whole tree as `(id, parent)`, small enough to hold in memory.
struct Shape {
    parent: HashMap<i64, Option<i64>>,
    children: HashMap<i64, Vec<i64>>,
}

impl Shape {
    fn load(conn: &mut crate::AnyConnection) -> StoreResult<Shape> {
        let rows: Vec<(i64, Option<i64>)> = part_categories::table
            .select((part_categories::id, part_categories::parent_id))
            .load(conn)?;
        let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, parent) in &rows {
            if let Some(p) = parent {
                children.entry(*p).or_default().push(*id);
            }
        }
        Ok(Shape {
            parent: rows.into_iter().collect(),
            children,
        })
    }

    fn below(&self, id: i64) -> Vec<i64> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() {
            if let Some(kids) = self.children.get(&out[i]) {
                out.extend(kids);
            }
            i += 1;
        }
        out
    }

    fn level(&self, id: i64) -> i64 {
        let mut level = 0;
        let mut at = self.parent.get(&id).copied().flatten();
        while let Some(p) = at {
            level += 1;
            // A cycle cannot be stored, but a bound keeps a corrupt table from hanging us.
            if level > 10_000 {
                break;
            }
            at = self.parent.get(&p).copied().flatten();
        }
        level
    }
}

impl Store {
    /// Categories matching `query`, one page of them, with their figures.
    pub fn query_categories(&self, query: &CategoryQuery) -> StoreResult<Listed<CategoryRow>> {
        self.read(|conn| {
            let shape = Shape::load(conn)?;
            let within: Option<Vec<i64>> = match query.parent {
                Some(Some(parent)) if query.cascade => Some(
                    shape
                        .below(parent)
                        .into_iter()
                        .filter(|id| *id != parent)
                        .collect(),
                ),
                _ => None,
            };
            let excluded: Option<Vec<i64>> = query.exclude_tree.map(|id| shape.below(id));
            let filtered = || {
                let mut q = part_categories::table.into_boxed();
                match (query.parent, &within) {
                    (_, Some(ids)) => q = q.filter(part_categories::id.eq_any(ids.clone())),
                    (Some(Some(parent)), None) => {
                        q = q.filter(part_categories::parent_id.eq(parent))
                    }
                    (Some(None), None) => q = q.filter(part_categories::parent_id.is_null()),
                    (None, None) => {}
                }
                if let Some(ids) = &excluded {
                    q = q.filter(part_categories::id.ne_all(ids.clone()));
                }
                if let Some(structural) = query.structural {
                    q = q.filter(part_categories::structural.eq(structural));
                }
                if let Some(name) = &query.name {
                    q = q.filter(part_categories::name.eq(name.clone()));
                }
                if let Some(term) = &query.search {
                    let pattern = contains_pattern(term);
                    q = q.filter(
                        lower(part_categories::name)
                            .like(pattern.clone())
                            .escape('\\')
                            .or(lower(part_categories::description)
                                .like(pattern.clone())
                                .escape('\\'))
                            .or(lower(part_categories::pathstring)
                                .like(pattern)
                                .escape('\\')),
                    );
                }
                q
            };
            let count: i64 = filtered().count().get_result(conn)?;
            let mut q = filtered();
            if query.ordering.is_empty() {
                q = q.order((part_categories::pathstring.asc(), part_categories::id.asc()));
            }
            for (key, descending) in &query.ordering {
                q = match (key, descending) {
                    (CategoryOrder::Name, false) => q.then_order_by(part_categories::name.asc()),
                    (CategoryOrder::Name, true) => q.then_order_by(part_categories::name.desc()),
                    (CategoryOrder::Pathstring, false) => {
                        q.then_order_by(part_categories::pathstring.asc())
                    }
                    (CategoryOrder::Pathstring, true) => {
                        q.then_order_by(part_categories::pathstring.desc())
                    }
                    (CategoryOrder::Id, false) => q.then_order_by(part_categories::id.asc()),
                    (CategoryOrder::Id, true) => q.then_order_by(part_categories::id.desc()),
                };
            }
            q = q.then_order_by(part_categories::id.asc());
            if let Some(limit) = query.page.limit {
                q = q.limit(limit).offset(query.page.offset);
            }
            let categories: Vec<Category> = q.select(Category::as_select()).load(conn)?;
            let direct: HashMap<Option<i64>, i64> = parts::table
                .group_by(parts::category_id)
                .select((parts::category_id, diesel::dsl::count_star()))
                .load::<(Option<i64>, i64)>(conn)?
                .into_iter()
                .collect();
            let items = categories
                .into_iter()
                .map(|category| {
                    let id = category.id;
                    CategoryRow {
                        level: shape.level(id),
                        part_count: shape
                            .below(id)
                            .iter()
                            .map(|c| direct.get(&Some(*c)).copied().unwrap_or(0))
                            .sum(),
                        subcategories: shape.children.get(&id).map_or(0, |k| k.len() as i64),
                        category,
                    }
                })
                .collect();
            Ok(Listed { count, items })
        })
    }

    /// One category with its figures.
    pub fn category_row(&self, id: i64) -> StoreResult<CategoryRow> {
        let category = self.category(id)?;
        self.read(|conn| {
            let shape = Shape::load(conn)?;
            let below = shape.below(id);
            let part_count: i64 = parts::table
                .filter(parts::category_id.eq_any(&below))
                .count()
                .get_result(conn)?;
            Ok(CategoryRow {
                level: shape.level(id),
                part_count,
                subcategories: shape.children.get(&id).map_or(0, |k| k.len() as i64),
                category,
            })
        })
    }
}
