//! Listing parts with InvenTree's filters, search and ordering, and the figures each row
//! shows.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::figures::{self, PartFigures, Scope};
use super::part_filter::{filtered, resolve};
use super::part_related::{LocationBrief, part_rows};
use super::part_sort::{self, PartOrder};
use super::{CategoryRow, Part, load_part};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::listing::{Listed, PageRequest};
use crate::{Store, StoreResult};

diesel::define_sql_function! {
    /// `COALESCE` of nullable text with a fallback, so a nullable column can be searched.
    fn coalesce(x: diesel::sql_types::Nullable<diesel::sql_types::Text>, y: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// django-filter's message for a related-object filter naming no object.
pub(crate) const NO_SUCH_CHOICE: &str =
    "Select a valid choice. That choice is not one of the available choices.";

/// Filters on the figures of a part, applied after they are computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StockFilters {
    /// `in_stock > 0` (or `<= 0`).
    pub has_stock: Option<bool>,
    /// A minimum stock is set and `total_in_stock` is below it (or at least it).
    pub low_stock: Option<bool>,
    /// `unallocated_stock > 0` (or `<= 0`).
    pub unallocated_stock: Option<bool>,
    /// No stock left although stock items exist (or not).
    pub depleted_stock: Option<bool>,
}

impl StockFilters {
    pub(crate) fn any(&self) -> bool {
        *self != StockFilters::default()
    }
}

/// Extra objects to show beside each part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartDetails {
    /// The category with its own figures (`category_detail`).
    pub category: bool,
    /// The category path (`path_detail`).
    pub path: bool,
    /// The default location (`location_detail`).
    pub location: bool,
}

/// What to list. `Default` lists every part; note that InvenTree's `cascade` defaults to
/// true, which callers set.
#[derive(Debug, Clone, Default)]
pub struct PartQuery {
    /// `Some(None)`: parts without a category (with `cascade`, every part).
    pub category: Option<Option<i64>>,
    /// With `category`, include the parts of every category below it.
    pub cascade: bool,
    /// Direct variants of this part.
    pub variant_of: Option<i64>,
    /// Every variant below this part, at any depth.
    pub ancestor: Option<i64>,
    /// Leave out this part and every variant below it.
    pub exclude_tree: Option<i64>,
    pub is_variant: Option<bool>,
    pub is_template: Option<bool>,
    pub assembly: Option<bool>,
    pub component: Option<bool>,
    pub trackable: Option<bool>,
    pub purchaseable: Option<bool>,
    pub salable: Option<bool>,
    pub is_virtual: Option<bool>,
    pub active: Option<bool>,
    pub locked: Option<bool>,
    /// Set when a filter cannot match any part (`starred=true`: nothing is starred yet).
    pub match_nothing: bool,
    /// IPN, case-insensitively.
    pub ipn: Option<String>,
    /// Exact name.
    pub name: Option<String>,
    pub has_ipn: Option<bool>,
    pub has_units: Option<bool>,
    pub default_location: Option<i64>,
    pub created_before: Option<NaiveDate>,
    pub created_after: Option<NaiveDate>,
    pub exclude_ids: Vec<i64>,
    /// Each word must appear in the name, description, IPN, revision, keywords, category
    /// name, a supplier SKU or a manufacturer MPN.
    pub search: Option<String>,
    pub stock: StockFilters,
    /// Sort keys with descending flags; the default is by name.
    pub ordering: Vec<(PartOrder, bool)>,
    pub details: PartDetails,
    pub page: PageRequest,
}

/// A part with everything the API shows beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartRow {
    pub part: Part,
    pub figures: PartFigures,
    pub category_name: Option<String>,
    /// The category's default location, or the nearest ancestor's.
    pub category_default_location: Option<i64>,
    /// With `PartDetails::category`.
    pub category: Option<CategoryRow>,
    /// With `PartDetails::path`: `(id, name)` from the top category down to the part's.
    pub category_path: Option<Vec<(i64, String)>>,
    /// With `PartDetails::location`.
    pub default_location: Option<LocationBrief>,
    /// The hash of the part's first linked barcode, or empty.
    pub barcode_hash: String,
}

fn query(conn: &mut AnyConnection, q: &PartQuery) -> StoreResult<Listed<PartRow>> {
    let r = resolve(conn, q)?;
    let by_figures = q.stock.any() || q.ordering.iter().any(|(key, _)| key.needs_figures());
    if by_figures {
        // Figures decide membership or order: compute them for the whole filtered set,
        // then filter, sort and cut the page here.
        let all: Vec<Part> = filtered(q, &r).select(Part::as_select()).load(conn)?;
        let ids: Vec<i64> = all.iter().map(|p| p.id).collect();
        let figures = figures::figures(conn, Scope::of(&ids))?;
        let (count, page) = part_sort::select(all, &figures, q);
        let items = part_rows(conn, page, &figures, q.details)?;
        return Ok(Listed { count, items });
    }
    let count: i64 = filtered(q, &r).count().get_result(conn)?;
    let mut s = part_sort::order(filtered(q, &r), &q.ordering);
    if let Some(limit) = q.page.limit {
        s = s.limit(limit).offset(q.page.offset);
    }
    let page: Vec<Part> = s.select(Part::as_select()).load(conn)?;
    let ids: Vec<i64> = page.iter().map(|p| p.id).collect();
    let figures = figures::figures(conn, Scope::of(&ids))?;
    let items = part_rows(conn, page, &figures, q.details)?;
    Ok(Listed { count, items })
}

impl Store {
    /// Parts matching `query`, one page of them, with their figures.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn query_parts(&self, query: &PartQuery) -> StoreResult<Listed<PartRow>> {
        self.read(|conn| self::query(conn, query))
    }

    /// One part with its figures and the details asked for.
    pub fn part_row(&self, id: i64, details: PartDetails) -> StoreResult<PartRow> {
        self.read(|conn| {
            let part = load_part(conn, id)?;
            let figures = figures::figures(conn, Scope::Parts(&[id]))?;
            part_rows(conn, vec![part], &figures, details)?
                .pop()
                .ok_or(StoreError::NotFound {
                    model: "Part",
                    pk: id,
                })
        })
    }
}
