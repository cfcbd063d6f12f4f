//! The stock figures InvenTree annotates on each part (`in_stock`, `ordering`, allocations,
//! ...), computed for a set of parts in a fixed handful of grouped queries: never one query
//! per part.

mod sums;

use std::collections::HashMap;

use diesel::prelude::*;

use self::sums::Sums;
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::schema::parts;

/// Above this many ids a figure query scans every part instead of binding an `IN` list,
/// which both backends cap (SQLite at 32766 parameters).
const MAX_BOUND_IDS: usize = 2000;

/// Stock figures of one part, in 1/100000 units (as `Quantity::from_units` reads them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartFigures {
    /// Stock of the part itself that is available: InvenTree's `IN_STOCK_FILTER` (positive
    /// quantity, an available status, not installed, consumed, in production, allocated to a
    /// sales order or sent to a customer).
    pub in_stock: i64,
    /// Available stock of the part's variants, at any depth.
    pub variant_stock: i64,
    /// `in_stock + variant_stock`.
    pub total_in_stock: i64,
    /// Available stock of the part in external locations.
    pub external_stock: i64,
    /// Stock items of the part, whatever their state.
    pub stock_item_count: i64,
    /// Allocated to open sales orders and not yet shipped.
    pub allocated_to_sales_orders: i64,
    /// Allocated to active build orders.
    pub allocated_to_build_orders: i64,
    /// `total_in_stock` less both allocations, never below zero.
    pub unallocated_stock: i64,
    /// Allocations (sales and builds) of the variants' stock.
    pub variant_allocated: i64,
    /// Outstanding on open purchase orders, in the part's units (pack sizes applied).
    pub ordering: i64,
    /// In production on active build orders.
    pub building: i64,
    /// Still to be built by active build orders of this part.
    pub scheduled_to_build: i64,
    /// Still to be consumed by active build orders that use this part.
    pub required_for_build_orders: i64,
    /// Still to be shipped on open sales orders.
    pub required_for_sales_orders: i64,
}

/// Which parts to compute figures for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'a> {
    All,
    Parts(&'a [i64]),
}

impl<'a> Scope<'a> {
    /// The parts `ids`, or every part when there are too many to bind.
    pub(crate) fn of(ids: &'a [i64]) -> Scope<'a> {
        if ids.len() > MAX_BOUND_IDS {
            Scope::All
        } else {
            Scope::Parts(ids)
        }
    }
}

/// The parts of the variant trees that `scope` touches, as `(id, variant_of)`.
fn tree_members(conn: &mut AnyConnection, scope: Scope) -> StoreResult<Vec<(i64, Option<i64>)>> {
    let mut q = parts::table
        .select((parts::id, parts::variant_of_id))
        .into_boxed();
    if let Scope::Parts(ids) = scope {
        let trees: Vec<i64> = parts::table
            .filter(parts::id.eq_any(ids.to_vec()))
            .select(parts::tree_id)
            .load(conn)?;
        q = q.filter(parts::tree_id.eq_any(trees));
    }
    Ok(q.load(conn)?)
}

/// Sums `value` over the strict descendants of `id`.
fn below(children: &HashMap<i64, Vec<i64>>, id: i64, value: impl Fn(i64) -> i64) -> i64 {
    let mut total = 0i64;
    let mut stack: Vec<i64> = children.get(&id).cloned().unwrap_or_default();
    let mut seen = 0usize;
    while let Some(next) = stack.pop() {
        // A stored cycle is impossible, but a bound keeps a corrupt table from hanging us.
        seen += 1;
        if seen > 1_000_000 {
            break;
        }
        total = total.saturating_add(value(next));
        if let Some(kids) = children.get(&next) {
            stack.extend(kids);
        }
    }
    total
}

/// The figures of the parts in `scope` (of every part for `Scope::All`).
pub(crate) fn figures(
    conn: &mut AnyConnection,
    scope: Scope,
) -> StoreResult<HashMap<i64, PartFigures>> {
    let members = tree_members(conn, scope)?;
    let member_ids: Vec<i64> = members.iter().map(|(id, _)| *id).collect();
    let member_scope = match scope {
        Scope::All => Scope::All,
        Scope::Parts(_) => Scope::of(&member_ids),
    };
    let stock = sums::stock(conn, member_scope)?;
    let sales = sums::sales_allocations(conn, member_scope)?;
    let builds = sums::build_allocations(conn, member_scope)?;
    let ordering = sums::on_order(conn, scope)?;
    let scheduled = sums::scheduled(conn, scope)?;
    let for_builds = sums::build_requirements(conn, scope)?;
    let for_sales = sums::sales_requirements(conn, scope)?;

    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for (id, parent) in &members {
        if let Some(parent) = parent {
            children.entry(*parent).or_default().push(*id);
        }
    }
    let get = |map: &Sums, id: i64| map.get(&id).copied().unwrap_or(0);
    let available = |id: i64| stock.get(&id).map_or(0, |s| s[0]);
    let allocated = |id: i64| get(&sales, id).saturating_add(get(&builds, id));
    let wanted: Vec<i64> = match scope {
        Scope::All => member_ids,
        Scope::Parts(ids) => ids.to_vec(),
    };
    Ok(wanted
        .into_iter()
        .map(|id| {
            let [in_stock, external_stock, stock_item_count, building] =
                stock.get(&id).copied().unwrap_or_default();
            let variant_stock = below(&children, id, available);
            let total_in_stock = in_stock.saturating_add(variant_stock);
            let so = get(&sales, id);
            let bo = get(&builds, id);
            let figures = PartFigures {
                in_stock,
                variant_stock,
                total_in_stock,
                external_stock,
                stock_item_count,
                allocated_to_sales_orders: so,
                allocated_to_build_orders: bo,
                unallocated_stock: total_in_stock.saturating_sub(so).saturating_sub(bo).max(0),
                variant_allocated: below(&children, id, allocated),
                ordering: get(&ordering, id),
                building,
                scheduled_to_build: get(&scheduled, id),
                required_for_build_orders: get(&for_builds, id),
                required_for_sales_orders: get(&for_sales, id),
            };
            (id, figures)
        })
        .collect())
}
