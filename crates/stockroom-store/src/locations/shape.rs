//! The location tree held in memory for one request, and the tree filters of the list.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::list::LocationQuery;
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::schema::stock_locations;
use crate::tree::{self, Tree};

/// The location tree as `(id, parent)`.
pub(crate) struct Shape {
    parent: HashMap<i64, Option<i64>>,
    children: HashMap<i64, Vec<i64>>,
}

impl Shape {
    pub(crate) fn load(conn: &mut AnyConnection) -> StoreResult<Shape> {
        let rows: Vec<(i64, Option<i64>)> = stock_locations::table
            .select((stock_locations::id, stock_locations::parent_id))
            .load(conn)?;
        Ok(Shape::from_rows(rows))
    }

    /// The part of the tree around one location: everything above and below it.
    pub(super) fn around(conn: &mut AnyConnection, id: i64) -> StoreResult<Shape> {
        let mut ids = tree::descendants(conn, Tree::Location, id)?;
        ids.extend(tree::ancestors(conn, Tree::Location, id)?);
        let mut rows: Vec<(i64, Option<i64>)> = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(5000) {
            rows.extend(
                stock_locations::table
                    .filter(stock_locations::id.eq_any(chunk))
                    .select((stock_locations::id, stock_locations::parent_id))
                    .load::<(i64, Option<i64>)>(conn)?,
            );
        }
        Ok(Shape::from_rows(rows))
    }

    fn from_rows(rows: Vec<(i64, Option<i64>)>) -> Shape {
        let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, parent) in &rows {
            if let Some(p) = parent {
                children.entry(*p).or_default().push(*id);
            }
        }
        Shape {
            parent: rows.into_iter().collect(),
            children,
        }
    }

    /// `id` and every location below it.
    pub(crate) fn below(&self, id: i64) -> Vec<i64> {
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

    /// The locations above `id`, top first.
    pub(super) fn above(&self, id: i64) -> Vec<i64> {
        let mut out = Vec::new();
        let mut at = self.parent.get(&id).copied().flatten();
        // A cycle cannot be stored, but a bound keeps a corrupt table from hanging us.
        while let Some(p) = at.filter(|_| out.len() < 10_000) {
            out.push(p);
            at = self.parent.get(&p).copied().flatten();
        }
        out.reverse();
        out
    }

    pub(super) fn level(&self, id: i64) -> i64 {
        self.above(id).len() as i64
    }
}

/// Which ids the tree filters allow, or `None` when they allow every location.
pub(super) fn tree_filter(query: &LocationQuery, shape: &Shape) -> Option<HashSet<i64>> {
    let mut allowed: Option<HashSet<i64>> = None;
    let mut restrict = |ids: HashSet<i64>| {
        allowed = Some(match allowed.take() {
            Some(current) => current.intersection(&ids).copied().collect(),
            None => ids,
        });
    };
    let cascade = query.cascade.unwrap_or(false);
    match query.parent {
        Some(Some(parent)) => {
            let ids: HashSet<i64> = if cascade {
                shape
                    .below(parent)
                    .into_iter()
                    .filter(|id| *id != parent)
                    .collect()
            } else {
                shape
                    .children
                    .get(&parent)
                    .into_iter()
                    .flatten()
                    .copied()
                    .collect()
            };
            restrict(ids);
            if let Some(depth) = query.depth {
                let limit = shape.level(parent).saturating_add(depth);
                restrict(
                    shape
                        .parent
                        .keys()
                        .copied()
                        .filter(|id| shape.level(*id) <= limit)
                        .collect(),
                );
            }
        }
        Some(None) => restrict(top_level(shape)),
        None => {
            if (query.top_level == Some(true) && !cascade) || query.cascade == Some(false) {
                restrict(top_level(shape));
            }
            if let Some(depth) = query.depth {
                restrict(
                    shape
                        .parent
                        .keys()
                        .copied()
                        .filter(|id| shape.level(*id) <= depth)
                        .collect(),
                );
            }
        }
    }
    if let Some(excluded) = query.exclude_tree {
        let gone: HashSet<i64> = shape.below(excluded).into_iter().collect();
        let kept = shape
            .parent
            .keys()
            .copied()
            .filter(|id| !gone.contains(id))
            .collect();
        restrict(kept);
    }
    allowed
}

fn top_level(shape: &Shape) -> HashSet<i64> {
    shape
        .parent
        .iter()
        .filter(|(_, p)| p.is_none())
        .map(|(id, _)| *id)
        .collect()
}
