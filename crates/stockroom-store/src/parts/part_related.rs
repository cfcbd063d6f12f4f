//! What a part row shows about the objects it links to: its category (name, path, default
//! location, the category's own figures) and its default stock location.

use std::collections::HashMap;

use diesel::prelude::*;

use super::figures::PartFigures;
use super::part_list::{PartDetails, PartRow};
use super::{Category, CategoryRow, Part};
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::schema::{part_categories, parts, stock_locations};

/// A stock location as a part's `default_location_detail` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct LocationBrief {
    pub id: i64,
    pub name: String,
    pub pathstring: String,
}

/// Every category, small enough to hold in memory while a page of parts is assembled.
struct Categories {
    by_id: HashMap<i64, Category>,
    children: HashMap<i64, Vec<i64>>,
}

impl Categories {
    fn load(conn: &mut AnyConnection) -> StoreResult<Categories> {
        let all: Vec<Category> = part_categories::table
            .select(Category::as_select())
            .load(conn)?;
        let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
        for c in &all {
            if let Some(parent) = c.parent_id {
                children.entry(parent).or_default().push(c.id);
            }
        }
        Ok(Categories {
            by_id: all.into_iter().map(|c| (c.id, c)).collect(),
            children,
        })
    }

    /// `id` and its ancestors, nearest first.
    fn upwards(&self, id: i64) -> Vec<&Category> {
        let mut out = Vec::new();
        let mut at = self.by_id.get(&id);
        while let Some(c) = at {
            // A cycle cannot be stored, but a bound keeps a corrupt table from hanging us.
            if out.len() > 10_000 {
                break;
            }
            out.push(c);
            at = c.parent_id.and_then(|p| self.by_id.get(&p));
        }
        out
    }

    /// The category's default location, or the nearest ancestor's.
    fn default_location(&self, id: i64) -> Option<i64> {
        self.upwards(id)
            .into_iter()
            .find_map(|c| c.default_location_id)
    }

    /// `id` and every category below it.
    fn below(&self, id: i64) -> Vec<i64> {
        let mut out = vec![id];
        let mut i = 0;
        while i < out.len() && out.len() <= self.by_id.len() {
            if let Some(kids) = self.children.get(&out[i]) {
                out.extend(kids);
            }
            i += 1;
        }
        out
    }

    fn row(&self, id: i64, direct_parts: &HashMap<Option<i64>, i64>) -> Option<CategoryRow> {
        let category = self.by_id.get(&id)?.clone();
        Some(CategoryRow {
            level: self.upwards(id).len().saturating_sub(1) as i64,
            part_count: self
                .below(id)
                .iter()
                .map(|c| direct_parts.get(&Some(*c)).copied().unwrap_or(0))
                .sum(),
            subcategories: self.children.get(&id).map_or(0, |k| k.len() as i64),
            category,
        })
    }
}

fn locations(conn: &mut AnyConnection, ids: Vec<i64>) -> StoreResult<HashMap<i64, LocationBrief>> {
    let rows: Vec<LocationBrief> = stock_locations::table
        .filter(stock_locations::id.eq_any(ids))
        .select((
            stock_locations::id,
            stock_locations::name,
            stock_locations::pathstring,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|l| (l.id, l)).collect())
}

/// Assembles the rows of `parts`, in order, with their figures and the details asked for.
pub(crate) fn part_rows(
    conn: &mut AnyConnection,
    parts_in_order: Vec<Part>,
    figures: &HashMap<i64, PartFigures>,
    details: PartDetails,
) -> StoreResult<Vec<PartRow>> {
    let categories = Categories::load(conn)?;
    let direct_parts: HashMap<Option<i64>, i64> = if details.category {
        parts::table
            .group_by(parts::category_id)
            .select((parts::category_id, diesel::dsl::count_star()))
            .load::<(Option<i64>, i64)>(conn)?
            .into_iter()
            .collect()
    } else {
        HashMap::new()
    };
    let mut location_ids: Vec<i64> = if details.location {
        parts_in_order
            .iter()
            .filter_map(|p| p.default_location_id)
            .collect()
    } else {
        Vec::new()
    };
    location_ids.sort_unstable();
    location_ids.dedup();
    let locations = if location_ids.is_empty() {
        HashMap::new()
    } else {
        locations(conn, location_ids)?
    };
    let ids: Vec<i64> = parts_in_order.iter().map(|p| p.id).collect();
    let mut hashes = crate::barcodes::first_hashes(conn, stockroom_core::ModelType::Part, &ids)?;
    Ok(parts_in_order
        .into_iter()
        .map(|part| {
            let category = part.category_id;
            let path = category.map(|c| {
                let mut steps: Vec<(i64, String)> = categories
                    .upwards(c)
                    .into_iter()
                    .map(|c| (c.id, c.name.clone()))
                    .collect();
                steps.reverse();
                steps
            });
            PartRow {
                figures: figures.get(&part.id).copied().unwrap_or_default(),
                category_name: category
                    .and_then(|c| categories.by_id.get(&c))
                    .map(|c| c.name.clone()),
                category_default_location: category.and_then(|c| categories.default_location(c)),
                category: category
                    .filter(|_| details.category)
                    .and_then(|c| categories.row(c, &direct_parts)),
                category_path: if details.path { path } else { None },
                default_location: part
                    .default_location_id
                    .and_then(|l| locations.get(&l).cloned()),
                barcode_hash: hashes.remove(&part.id).unwrap_or_default(),
                part,
            }
        })
        .collect())
}
