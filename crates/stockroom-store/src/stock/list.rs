//! Listing stock with InvenTree's filters: a count query and a page query over the same
//! filtered join, then the figures of the page in one grouped query. Tree filters (part
//! variants, sub-locations, sub-categories) are resolved to id lists first, so the item
//! filters use the indexed `part_id` and `location_id` columns.

use diesel::IntoSql;
use diesel::dsl::{not, sql};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use stockroom_core::status::STOCK_AVAILABLE;

use super::batch_regex::{BatchPlan, plan, stockroom_batch_matches};
use super::filters::stock_filters;
use super::list_macros::{ALLOCATED, by, flag, id_in, in_stock, link_filter};
use super::query::{StockOrder, StockQuery};
use super::rows::{StockRow, load_rows};
use super::source::stock_source;
use crate::db::AnyConnection;
use crate::listing::{Listed, contains_pattern, lower};
use crate::schema::{manufacturer_parts, parts, stock_items, stock_locations, supplier_parts};
use crate::tree::{self, Tree};
use crate::{Store, StoreResult};

/// The setting that turns stock expiry on.
pub const EXPIRY_SETTING: &str = "STOCK_ENABLE_EXPIRY";

/// What the filters need from the database before the queries run: the tree filters as id
/// lists, and the settings some filters depend on.
pub(super) struct Prepared {
    pub parts_in: Option<Vec<i64>>,
    pub tree_of: Option<i64>,
    pub categories: Option<Vec<i64>>,
    pub locations: Option<Vec<i64>>,
    pub expiry_on: bool,
    pub today: chrono::NaiveDate,
    pub stale_until: Option<chrono::NaiveDate>,
    pub batch_plan: Option<BatchPlan>,
    /// With a `serial` filter: the one serial scope the item can be in, so the lookup uses
    /// the unique (scope, serial) index instead of scanning the part's items.
    pub serial_scope: Option<i64>,
}

fn prepare(conn: &mut AnyConnection, query: &StockQuery) -> StoreResult<Prepared> {
    let parts_in: Option<Vec<i64>> = match (query.part, query.part_tree, query.category) {
        (Some(part), _, _) if query.include_variants => {
            Some(tree::descendants(conn, Tree::PartVariants, part)?)
        }
        (Some(part), _, _) => Some(vec![part]),
        _ => None,
    };
    let tree_of: Option<i64> = match query.part_tree {
        Some(part) => Some(
            parts::table
                .find(part)
                .select(parts::tree_id)
                .first::<i64>(conn)
                .optional()?
                .unwrap_or(-1),
        ),
        None => None,
    };
    let categories: Option<Vec<i64>> = match query.category {
        Some(category) => Some(tree::descendants(conn, Tree::Category, category)?),
        None => None,
    };
    let locations: Option<Vec<i64>> = match query.location {
        Some(Some(location)) if query.cascade => {
            Some(tree::descendants(conn, Tree::Location, location)?)
        }
        _ => None,
    };
    let expiry_on = query.expired.is_some()
        && super::global_setting(conn, EXPIRY_SETTING)?
            .is_some_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1"));
    let today = chrono::Utc::now().date_naive();
    // InvenTree ignores `stale` when no stale period is configured.
    let stale_days = match query.stale {
        Some(_) => super::global_setting(conn, super::rows::STALE_DAYS_SETTING)?
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(0),
        None => 0,
    };
    let stale_until = (stale_days > 0)
        .then(|| today.checked_add_signed(chrono::Duration::days(stale_days)))
        .flatten();
    let batch_plan = match &query.batch_regex {
        Some(pattern) => Some(plan(conn, pattern)?),
        None => None,
    };
    let serial_scope = match (&query.serial, query.part.or(query.part_tree)) {
        (None, _) => None,
        (Some(_), _) if crate::settings::serial_scope_is_global(conn)? => {
            Some(crate::settings::GLOBAL_SERIAL_SCOPE)
        }
        (Some(_), Some(part)) => Some(
            parts::table
                .find(part)
                .select(parts::tree_id)
                .load::<i64>(conn)?
                .first()
                .copied()
                .unwrap_or(-1),
        ),
        (Some(_), None) => None,
    };
    Ok(Prepared {
        batch_plan,
        serial_scope,
        parts_in,
        tree_of,
        categories,
        locations,
        expiry_on,
        today,
        stale_until,
    })
}

/// Adds one sort key; `items` queries have item columns only (the caller sends the other
/// keys to the joined query).
macro_rules! order {
    ($q:ident, $key:expr, $d:expr, joined) => {
        match $key {
            StockOrder::PartName => by!($q, $d, parts::name),
            StockOrder::Ipn => by!($q, $d, parts::ipn),
            StockOrder::Location => by!($q, $d, stock_locations::pathstring),
            StockOrder::Sku => by!($q, $d, supplier_parts::sku),
            StockOrder::Mpn => by!($q, $d, manufacturer_parts::mpn),
            other => order!($q, other, $d, items),
        }
    };
    ($q:ident, $key:expr, $d:expr, items) => {
        match $key {
            StockOrder::Quantity => by!($q, $d, stock_items::quantity),
            StockOrder::Stock => by!(
                $q,
                $d,
                stock_items::quantity,
                stock_items::serial_int,
                stock_items::serial
            ),
            StockOrder::Serial => by!($q, $d, stock_items::serial_int, stock_items::serial),
            StockOrder::Status => by!($q, $d, stock_items::status),
            StockOrder::Batch => by!($q, $d, stock_items::batch),
            StockOrder::Updated => by!($q, $d, stock_items::updated),
            StockOrder::StocktakeDate => by!($q, $d, stock_items::stocktake_date),
            StockOrder::ExpiryDate => by!($q, $d, stock_items::expiry_date),
            StockOrder::Packaging => by!($q, $d, stock_items::packaging),
            StockOrder::Id => by!($q, $d, stock_items::id),
            _ => {}
        }
    };
}

impl Store {
    /// Stock matching `query`, one page of it, with every row's figures.
    pub fn query_stock(&self, query: &StockQuery) -> StoreResult<Listed<StockRow>> {
        self.read(|conn| {
            let pre = prepare(conn, query)?;
            let count: i64 = {
                let mut q = stock_items::table.into_boxed();
                stock_filters!(q, query, pre);
                q.count().get_result(conn)?
            };
            let ordering = if query.ordering.is_empty() {
                &[
                    (StockOrder::PartName, false),
                    (StockOrder::Quantity, false),
                    (StockOrder::Location, false),
                ][..]
            } else {
                &query.ordering[..]
            };
            // The page is found as ids first, so sorting carries sort keys and ids only; the
            // page's rows are read afterwards. Orderings on item columns need no join.
            let joined = ordering.iter().any(|(key, _)| {
                matches!(
                    key,
                    StockOrder::PartName
                        | StockOrder::Ipn
                        | StockOrder::Location
                        | StockOrder::Sku
                        | StockOrder::Mpn
                )
            });
            let ids: Vec<i64> = if let Some(ids) = page_by_part_name(conn, query, &pre, ordering)? {
                ids
            } else if joined {
                let mut q = stock_source!().into_boxed();
                stock_filters!(q, query, pre);
                for (key, descending) in ordering {
                    order!(q, *key, *descending, joined);
                }
                q = q.then_order_by(stock_items::id.asc());
                if let Some(limit) = query.page.limit {
                    q = q.limit(limit).offset(query.page.offset);
                }
                q.select(stock_items::id).load(conn)?
            } else {
                let mut q = stock_items::table.into_boxed();
                stock_filters!(q, query, pre);
                for (key, descending) in ordering {
                    order!(q, *key, *descending, items);
                }
                q = q.then_order_by(stock_items::id.asc());
                if let Some(limit) = query.page.limit {
                    q = q.limit(limit).offset(query.page.offset);
                }
                q.select(stock_items::id).load(conn)?
            };
            let items = load_rows(conn, &ids)?;
            Ok(Listed { count, items })
        })
    }
}

/// Pages a list sorted first by part name without sorting every matching row: counts the
/// matching items per part, walks the parts in name order to the page, and sorts only the
/// items of the parts on the page. A location holding most of the stock then costs about as
/// much as a small one. `None` when the ordering does not start with the part name or the
/// request has no page.
fn page_by_part_name(
    conn: &mut AnyConnection,
    query: &StockQuery,
    pre: &Prepared,
    ordering: &[(StockOrder, bool)],
) -> StoreResult<Option<Vec<i64>>> {
    let (Some((StockOrder::PartName, descending)), Some(limit)) =
        (ordering.first(), query.page.limit)
    else {
        return Ok(None);
    };
    let per_part: Vec<(i64, i64)> = {
        let mut q = stock_items::table
            .group_by(stock_items::part_id)
            .select((stock_items::part_id, diesel::dsl::count_star()))
            .into_boxed();
        stock_filters!(q, query, pre);
        q.load(conn)?
    };
    let ids: Vec<i64> = per_part.iter().map(|(id, _)| *id).collect();
    let counts: std::collections::HashMap<i64, i64> = per_part.into_iter().collect();
    if ids.len() > 5000 {
        // So many parts that one sorted lookup would pass the bound-parameter limit: the
        // plain full sort is used instead.
        return Ok(None);
    }
    // The database sorts the names, so its collation decides, as in the unpaged sort.
    let names: Vec<(i64, String)> = parts::table
        .filter(parts::id.eq_any(&ids))
        .order((parts::name, parts::id))
        .select((parts::id, parts::name))
        .load(conn)?;
    // Parts sharing a name form one group, whose items interleave as a full sort would.
    let mut groups: Vec<(Vec<i64>, i64)> = Vec::new();
    let mut last: Option<String> = None;
    for (id, name) in names {
        let count = counts.get(&id).copied().unwrap_or(0);
        match groups.last_mut() {
            Some(group) if last.as_deref() == Some(name.as_str()) => {
                group.0.push(id);
                group.1 += count;
            }
            _ => groups.push((vec![id], count)),
        }
        last = Some(name);
    }
    let ordered: Vec<(Vec<i64>, i64)> = if *descending {
        groups.into_iter().rev().collect()
    } else {
        groups
    };
    let (start, end) = (query.page.offset.max(0), query.page.offset.max(0) + limit);
    // The groups on the page: the first and last may be cut (and may be huge), the ones
    // between are whole and together hold fewer items than the page.
    let mut window: Vec<(Vec<i64>, i64, i64, bool)> = Vec::new();
    let mut seen = 0i64;
    for (group, count) in ordered {
        if seen >= end {
            break;
        }
        if seen + count > start {
            let skip = (start - seen).max(0);
            let take = (end - seen).min(count) - skip;
            window.push((group, skip, take, skip == 0 && take == count));
        }
        seen += count;
    }
    let rest = &ordering[1..];
    let sorted_ids = |conn: &mut AnyConnection,
                      parts: Vec<i64>,
                      cut: Option<(i64, i64)>|
     -> StoreResult<Vec<(i64, i64)>> {
        let mut q = stock_source!().into_boxed();
        stock_filters!(q, query, pre);
        q = q.filter(stock_items::part_id.eq_any(parts));
        for (key, descending) in rest {
            order!(q, *key, *descending, joined);
        }
        q = q.then_order_by(stock_items::id.asc());
        if let Some((skip, take)) = cut {
            q = q.limit(take).offset(skip);
        }
        Ok(q.select((stock_items::id, stock_items::part_id))
            .load(conn)?)
    };
    // Whole groups are read in one statement and dealt out to their groups below; the
    // order within a group is the statement's.
    let whole_parts: Vec<i64> = window
        .iter()
        .filter(|w| w.3)
        .flat_map(|w| w.0.iter().copied())
        .collect();
    let whole = if whole_parts.is_empty() {
        Vec::new()
    } else {
        sorted_ids(conn, whole_parts, None)?
    };
    let mut page = Vec::new();
    for (group, skip, take, is_whole) in window {
        if is_whole {
            page.extend(
                whole
                    .iter()
                    .filter(|(_, part)| group.contains(part))
                    .map(|(id, _)| *id),
            );
        } else {
            page.extend(
                sorted_ids(conn, group, Some((skip, take)))?
                    .into_iter()
                    .map(|(id, _)| id),
            );
        }
    }
    Ok(Some(page))
}
