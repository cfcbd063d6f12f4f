//! Listing history entries with InvenTree's filters.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::TrackingEntry;
use crate::listing::{Listed, PageRequest, contains_pattern, lower};
use crate::schema::stock_tracking;
use crate::tree::{self, Tree};
use crate::{Store, StoreResult};

/// What history to list.
#[derive(Debug, Clone, Default)]
pub struct TrackingQuery {
    pub item: Option<i64>,
    pub part: Option<i64>,
    /// With `part`, include the history of its variants (off by default here, as InvenTree).
    pub include_variants: bool,
    pub user: Option<Option<i64>>,
    /// Entries on or after this day.
    pub min_date: Option<NaiveDate>,
    /// Entries on or before this day.
    pub max_date: Option<NaiveDate>,
    /// Notes contain this (case-insensitive).
    pub search: Option<String>,
    /// Oldest first instead of newest first.
    pub oldest_first: bool,
    pub page: PageRequest,
}

impl Store {
    /// History entries matching `query`, one page of them.
    pub fn query_tracking(&self, query: &TrackingQuery) -> StoreResult<Listed<TrackingEntry>> {
        self.read(|conn| {
            let parts: Option<Vec<i64>> = match query.part {
                Some(part) if query.include_variants => {
                    Some(tree::descendants(conn, Tree::PartVariants, part)?)
                }
                Some(part) => Some(vec![part]),
                None => None,
            };
            let filtered = || {
                let mut q = stock_tracking::table.into_boxed();
                if let Some(item) = query.item {
                    q = q.filter(stock_tracking::item_id.eq(item));
                }
                if let Some(ids) = &parts {
                    q = q.filter(stock_tracking::part_id.eq_any(ids.clone()));
                }
                match query.user {
                    Some(Some(user)) => q = q.filter(stock_tracking::user_id.eq(user)),
                    Some(None) => q = q.filter(stock_tracking::user_id.is_null()),
                    None => {}
                }
                if let Some(day) = query.min_date.and_then(|d| d.and_hms_opt(0, 0, 0)) {
                    q = q.filter(stock_tracking::date.ge(day));
                }
                if let Some(next) = query
                    .max_date
                    .and_then(|d| d.succ_opt())
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                {
                    q = q.filter(stock_tracking::date.lt(next));
                }
                if let Some(term) = &query.search {
                    q = q.filter(
                        lower(stock_tracking::notes)
                            .like(contains_pattern(term))
                            .escape('\\'),
                    );
                }
                q
            };
            let count: i64 = filtered().count().get_result(conn)?;
            let mut q = filtered();
            q = if query.oldest_first {
                q.order((stock_tracking::date.asc(), stock_tracking::id.asc()))
            } else {
                q.order((stock_tracking::date.desc(), stock_tracking::id.desc()))
            };
            if let Some(limit) = query.page.limit {
                q = q.limit(limit).offset(query.page.offset);
            }
            let items = q.select(TrackingEntry::as_select()).load(conn)?;
            Ok(Listed { count, items })
        })
    }
}
