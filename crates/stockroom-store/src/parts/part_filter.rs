//! Turning a `PartQuery` into SQL: tree filters resolved to id sets first, then one boxed
//! query that both the count and the page use.

use diesel::prelude::*;

use super::part_list::{NO_SUCH_CHOICE, PartQuery, coalesce};
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::listing::{contains_pattern, lower};
use crate::schema::{manufacturer_parts, part_categories, parts, stock_locations, supplier_parts};
use crate::tree::{self, Tree};

fn require_part(conn: &mut AnyConnection, id: i64, field: &'static str) -> StoreResult<()> {
    let n: i64 = parts::table.find(id).count().get_result(conn)?;
    if n == 0 {
        return Err(StoreError::invalid(field, NO_SUCH_CHOICE));
    }
    Ok(())
}

/// Id sets that tree filters resolve to before the query runs.
pub(crate) struct Resolved {
    categories: Option<Vec<i64>>,
    below_ancestor: Option<Vec<i64>>,
    excluded_tree: Vec<i64>,
    terms: Vec<String>,
}

/// Refuses related filters naming no object (django-filter's 400) and resolves the tree
/// filters and search words.
pub(crate) fn resolve(conn: &mut AnyConnection, q: &PartQuery) -> StoreResult<Resolved> {
    let related = [
        (q.variant_of, "variant_of"),
        (q.ancestor, "ancestor"),
        (q.exclude_tree, "exclude_tree"),
    ];
    for (id, field) in related {
        if let Some(id) = id {
            require_part(conn, id, field)?;
        }
    }
    if let Some(location) = q.default_location {
        let n: i64 = stock_locations::table
            .find(location)
            .count()
            .get_result(conn)?;
        if n == 0 {
            return Err(StoreError::invalid("default_location", NO_SUCH_CHOICE));
        }
    }
    let categories = match q.category {
        // An unknown category yields no parts (its tree is empty).
        Some(Some(c)) if q.cascade => Some(tree::descendants(conn, Tree::Category, c)?),
        _ => None,
    };
    let below_ancestor = match q.ancestor {
        Some(a) => Some(
            tree::descendants(conn, Tree::PartVariants, a)?
                .into_iter()
                .filter(|id| *id != a)
                .collect(),
        ),
        None => None,
    };
    let excluded_tree = match q.exclude_tree {
        Some(t) => tree::descendants(conn, Tree::PartVariants, t)?,
        None => Vec::new(),
    };
    let terms = search_terms(q.search.as_deref());
    Ok(Resolved {
        categories,
        below_ancestor,
        excluded_tree,
        terms,
    })
}

/// Most words a search uses: each binds several parameters, which both backends cap.
const MAX_TERMS: usize = 32;

/// The words of a search as DRF splits them (whitespace and commas); every one must match.
/// Repeats add nothing and are dropped, and words past `MAX_TERMS` are ignored.
pub(crate) fn search_terms(search: Option<&str>) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for term in search.unwrap_or("").replace(',', " ").split_whitespace() {
        if terms.len() < MAX_TERMS && !terms.iter().any(|t| t == term) {
            terms.push(term.to_owned());
        }
    }
    terms
}

/// A boxed query over parts on whichever backend the store runs.
pub(crate) type Boxed<'a> = parts::BoxedQuery<'a, <AnyConnection as diesel::Connection>::Backend>;

/// The parts matching every stored-column filter of `q`, unordered.
pub(crate) fn filtered<'a>(q: &'a PartQuery, r: &'a Resolved) -> Boxed<'a> {
    let mut s = parts::table.into_boxed();
    if q.match_nothing {
        s = s.filter(parts::id.eq_any(Vec::<i64>::new()));
    }
    match (q.category, &r.categories) {
        (_, Some(ids)) => s = s.filter(parts::category_id.eq_any(ids.clone())),
        (Some(Some(c)), None) => s = s.filter(parts::category_id.eq(c)),
        (Some(None), None) if !q.cascade => s = s.filter(parts::category_id.is_null()),
        _ => {}
    }
    if let Some(v) = q.variant_of {
        s = s.filter(parts::variant_of_id.eq(v));
    }
    if let Some(ids) = &r.below_ancestor {
        s = s.filter(parts::id.eq_any(ids.clone()));
    }
    if !r.excluded_tree.is_empty() {
        s = s.filter(parts::id.ne_all(r.excluded_tree.clone()));
    }
    match q.is_variant {
        Some(true) => s = s.filter(parts::variant_of_id.is_not_null()),
        Some(false) => s = s.filter(parts::variant_of_id.is_null()),
        None => {}
    }
    macro_rules! flag {
        ($value:expr, $column:expr) => {
            if let Some(v) = $value {
                s = s.filter($column.eq(v));
            }
        };
    }
    flag!(q.is_template, parts::is_template);
    flag!(q.assembly, parts::assembly);
    flag!(q.component, parts::component);
    flag!(q.trackable, parts::trackable);
    flag!(q.purchaseable, parts::purchaseable);
    flag!(q.salable, parts::salable);
    flag!(q.is_virtual, parts::is_virtual);
    flag!(q.active, parts::active);
    flag!(q.locked, parts::locked);
    flag!(q.name.clone(), parts::name);
    flag!(q.default_location, parts::default_location_id);
    if let Some(ipn) = &q.ipn {
        s = s.filter(lower(coalesce(parts::ipn, "")).eq(ipn.to_lowercase()));
    }
    match q.has_ipn {
        Some(true) => s = s.filter(coalesce(parts::ipn, "").ne("")),
        Some(false) => s = s.filter(coalesce(parts::ipn, "").eq("")),
        None => {}
    }
    match q.has_units {
        Some(true) => s = s.filter(parts::units.ne("")),
        Some(false) => s = s.filter(parts::units.eq("")),
        None => {}
    }
    if let Some(date) = q.created_before {
        s = s.filter(parts::creation_date.lt(date));
    }
    if let Some(date) = q.created_after {
        s = s.filter(parts::creation_date.gt(date));
    }
    if !q.exclude_ids.is_empty() {
        s = s.filter(parts::id.ne_all(q.exclude_ids.clone()));
    }
    for term in &r.terms {
        let p = contains_pattern(term);
        let categories = part_categories::table
            .filter(lower(part_categories::name).like(p.clone()).escape('\\'))
            .select(part_categories::id.nullable());
        let skus = supplier_parts::table
            .filter(lower(supplier_parts::sku).like(p.clone()).escape('\\'))
            .select(supplier_parts::part_id);
        let mpns = manufacturer_parts::table
            .filter(lower(manufacturer_parts::mpn).like(p.clone()).escape('\\'))
            .select(manufacturer_parts::part_id);
        s = s.filter(
            lower(parts::name)
                .like(p.clone())
                .escape('\\')
                .or(lower(parts::description).like(p.clone()).escape('\\'))
                .or(lower(coalesce(parts::ipn, "")).like(p.clone()).escape('\\'))
                .or(lower(parts::revision).like(p.clone()).escape('\\'))
                .or(lower(parts::keywords).like(p.clone()).escape('\\'))
                .or(parts::category_id.eq_any(categories))
                .or(parts::id.eq_any(skus))
                .or(parts::id.eq_any(mpns)),
        );
    }
    s
}
