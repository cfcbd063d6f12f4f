//! Ordering the part list: in SQL for the stored columns, in memory when a sort key or a
//! filter depends on the computed stock figures.

use std::cmp::Ordering;
use std::collections::HashMap;

use diesel::prelude::*;

use super::Part;
use super::figures::PartFigures;
use super::part_filter::Boxed;
use super::part_list::{PartQuery, StockFilters};
use crate::schema::parts;

/// Sort keys of the part list (InvenTree's `ordering_fields`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOrder {
    Name,
    Ipn,
    Revision,
    Units,
    CreationDate,
    Category,
    DefaultLocation,
    Id,
    InStock,
    TotalInStock,
    UnallocatedStock,
}

impl PartOrder {
    /// True for keys computed from stock rather than stored on the part.
    pub(crate) fn needs_figures(self) -> bool {
        matches!(
            self,
            PartOrder::InStock | PartOrder::TotalInStock | PartOrder::UnallocatedStock
        )
    }
}

/// Applies the stored-column sort keys (name by default), then the id as a tie-break.
pub(crate) fn order<'a>(mut s: Boxed<'a>, ordering: &[(PartOrder, bool)]) -> Boxed<'a> {
    macro_rules! by {
        ($column:expr, $descending:expr) => {
            if $descending {
                s.then_order_by($column.desc())
            } else {
                s.then_order_by($column.asc())
            }
        };
    }
    if ordering.is_empty() {
        s = s.then_order_by(parts::name.asc());
    }
    for (key, descending) in ordering {
        s = match key {
            PartOrder::Name => by!(parts::name, *descending),
            PartOrder::Ipn => by!(parts::ipn, *descending),
            PartOrder::Revision => by!(parts::revision, *descending),
            PartOrder::Units => by!(parts::units, *descending),
            PartOrder::CreationDate => by!(parts::creation_date, *descending),
            PartOrder::Category => by!(parts::category_id, *descending),
            PartOrder::DefaultLocation => by!(parts::default_location_id, *descending),
            PartOrder::Id => by!(parts::id, *descending),
            // Figure keys never reach SQL: the caller sorts in memory instead.
            PartOrder::InStock | PartOrder::TotalInStock | PartOrder::UnallocatedStock => s,
        };
    }
    s.then_order_by(parts::id.asc())
}

fn passes(f: &PartFigures, part: &Part, filters: &StockFilters) -> bool {
    let checks = [
        filters.has_stock.map(|want| (f.in_stock > 0) == want),
        filters
            .low_stock
            .map(|want| (part.minimum_stock != 0 && f.total_in_stock < part.minimum_stock) == want),
        filters
            .unallocated_stock
            .map(|want| (f.unallocated_stock > 0) == want),
        filters
            .depleted_stock
            .map(|want| (f.in_stock == 0 && f.stock_item_count != 0) == want),
    ];
    // `low_stock=false` means "at or above the minimum", which a part without a minimum is.
    checks.into_iter().flatten().all(|ok| ok)
}

fn compare(a: &Part, fa: &PartFigures, b: &Part, fb: &PartFigures, key: PartOrder) -> Ordering {
    match key {
        PartOrder::Name => a.name.cmp(&b.name),
        PartOrder::Ipn => a.ipn.cmp(&b.ipn),
        PartOrder::Revision => a.revision.cmp(&b.revision),
        PartOrder::Units => a.units.cmp(&b.units),
        PartOrder::CreationDate => a.creation_date.cmp(&b.creation_date),
        PartOrder::Category => a.category_id.cmp(&b.category_id),
        PartOrder::DefaultLocation => a.default_location_id.cmp(&b.default_location_id),
        PartOrder::Id => a.id.cmp(&b.id),
        PartOrder::InStock => fa.in_stock.cmp(&fb.in_stock),
        PartOrder::TotalInStock => fa.total_in_stock.cmp(&fb.total_in_stock),
        PartOrder::UnallocatedStock => fa.unallocated_stock.cmp(&fb.unallocated_stock),
    }
}

/// Filters `all` by the stock filters, sorts it by the query's keys (name by default, the id
/// last) and cuts out the requested page. Returns the number of matches and the page.
pub(crate) fn select(
    all: Vec<Part>,
    figures: &HashMap<i64, PartFigures>,
    q: &PartQuery,
) -> (i64, Vec<Part>) {
    let none = PartFigures::default();
    let fig = |p: &Part| figures.get(&p.id).copied().unwrap_or(none);
    let mut kept: Vec<Part> = all
        .into_iter()
        .filter(|p| passes(&fig(p), p, &q.stock))
        .collect();
    let mut keys: Vec<(PartOrder, bool)> = if q.ordering.is_empty() {
        vec![(PartOrder::Name, false)]
    } else {
        q.ordering.clone()
    };
    keys.push((PartOrder::Id, false));
    kept.sort_by(|a, b| {
        let (fa, fb) = (fig(a), fig(b));
        keys.iter()
            .map(|(key, descending)| {
                let o = compare(a, &fa, b, &fb, *key);
                if *descending { o.reverse() } else { o }
            })
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    });
    let count = kept.len() as i64;
    let page = match q.page.limit {
        Some(limit) => kept
            .into_iter()
            .skip(usize::try_from(q.page.offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect(),
        None => kept,
    };
    (count, page)
}
