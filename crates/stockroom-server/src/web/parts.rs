//! The part pages: the paginated, searchable, sortable part list and a part's detail with
//! its variants, stock and serial numbers.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use stockroom_core::Quantity;
use stockroom_store::listing::PageRequest;
use stockroom_store::parts::{PartDetails, PartOrder, PartQuery, PartRow};
use stockroom_store::stock::{StockOrder, StockQuery};

use super::forms::FormData;
use super::page::{Layout, PAGE_SIZE, Pager, Section, WebError, html, page_number, pk, with_query};
use super::session::Viewer;
use super::stock::StockLine;
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::run;

/// One part as a list row shows it.
#[derive(Debug, Clone)]
pub(crate) struct PartLine {
    pub pk: i64,
    pub name: String,
    pub ipn: String,
    pub description: String,
    pub category: String,
    pub stock: String,
}

impl PartLine {
    pub(crate) fn of(row: &PartRow) -> PartLine {
        let stock = Quantity::from_units(row.figures.total_in_stock).to_string();
        PartLine {
            pk: row.part.id,
            name: row.part.full_name(),
            ipn: row.part.ipn.clone().unwrap_or_default(),
            description: row.part.description.clone(),
            category: row.category_name.clone().unwrap_or_default(),
            stock: if row.part.units.is_empty() {
                stock
            } else {
                format!("{stock} {}", row.part.units)
            },
        }
    }
}

/// A sortable column header: its link and its `aria-sort` state.
#[derive(Debug, Clone)]
struct SortLink {
    label: &'static str,
    href: String,
    aria_sort: &'static str,
}

#[derive(Template)]
#[template(path = "part_list.html")]
struct PartListPage {
    layout: Layout,
    rows: Vec<PartLine>,
    pager: Pager,
    search: String,
    category: String,
    categories: Vec<(i64, String)>,
    sorts: Vec<SortLink>,
}

/// The sort keys offered, by their URL names.
fn sort_key(name: &str) -> Option<(PartOrder, bool)> {
    let (descending, key) = match name.strip_prefix('-') {
        Some(key) => (true, key),
        None => (false, name),
    };
    let order = match key {
        "name" => PartOrder::Name,
        "IPN" | "ipn" => PartOrder::Ipn,
        "stock" => PartOrder::TotalInStock,
        _ => return None,
    };
    Some((order, descending))
}

/// GET `/web/part/`.
#[tracing::instrument(skip_all)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::Part, Perm::View) {
        return Err(WebError::forbidden(&viewer));
    }
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let search = params.text("search");
    let category = params.get("category").and_then(|c| c.parse::<i64>().ok());
    let sort = params
        .get("ordering")
        .filter(|s| sort_key(s).is_some())
        .unwrap_or("name")
        .to_owned();
    let page = page_number(params.get("page"));
    let q = PartQuery {
        search: (!search.is_empty()).then(|| search.clone()),
        category: category.map(Some),
        cascade: true,
        ordering: sort_key(&sort).into_iter().collect(),
        page: PageRequest {
            limit: Some(PAGE_SIZE),
            offset: (page - 1) * PAGE_SIZE,
        },
        ..Default::default()
    };
    let (listed, categories) = run(&state, move |store| {
        let categories = store
            .list_categories()?
            .into_iter()
            .map(|c| (c.id, c.pathstring))
            .collect::<Vec<_>>();
        Ok((store.query_parts(&q)?, categories))
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "Part", e))?;
    let category_text = category.map(|c| c.to_string()).unwrap_or_default();
    let link = |ordering: &str, page: i64| {
        with_query(
            "/web/part/",
            &[
                ("search", search.clone()),
                ("category", category_text.clone()),
                (
                    "ordering",
                    if ordering == "name" {
                        String::new()
                    } else {
                        ordering.to_owned()
                    },
                ),
                (
                    "page",
                    if page > 1 {
                        page.to_string()
                    } else {
                        String::new()
                    },
                ),
            ],
        )
    };
    let sorts = [("Name", "name"), ("IPN", "IPN"), ("Stock", "stock")]
        .into_iter()
        .map(|(label, key)| {
            let (ascending, descending) = (key.to_owned(), format!("-{key}"));
            let (aria_sort, next) = if sort == ascending {
                ("ascending", descending)
            } else if sort == descending {
                ("descending", ascending)
            } else {
                ("none", ascending)
            };
            SortLink {
                label,
                href: link(&next, 1),
                aria_sort,
            }
        })
        .collect();
    let pager = Pager::new(page, listed.count, |n| link(&sort, n));
    let page = PartListPage {
        layout: Layout::new(Some(&viewer), "Parts", Section::Parts),
        rows: listed.items.iter().map(PartLine::of).collect(),
        pager,
        search,
        category: category_text,
        categories,
        sorts,
    };
    Ok(html(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "part_detail.html")]
struct PartPage {
    layout: Layout,
    row: PartRow,
    name: String,
    category_path: Vec<(i64, String)>,
    default_location: Option<(i64, String)>,
    in_stock: String,
    minimum_stock: String,
    variant_of: Option<(i64, String)>,
    variants: Vec<PartLine>,
    stock: Vec<StockLine>,
    stock_count: i64,
    serials: Vec<(i64, String)>,
}

/// Stock rows shown on a part page; the full list is one link away.
const PART_STOCK_ROWS: i64 = 100;

/// GET `/web/part/{pk}`.
#[tracing::instrument(skip_all)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "Part")?;
    if !viewer.auth.can(RuleSet::Part, Perm::View) {
        return Err(WebError::forbidden(&viewer));
    }
    let (row, variant_of, variants, stock, serials) = run(&state, move |store| {
        let details = PartDetails {
            category: false,
            path: true,
            location: true,
        };
        let row = store.part_row(pk, details)?;
        let variant_of = match row.part.variant_of_id {
            Some(parent) => Some((parent, store.part(parent)?.full_name())),
            None => None,
        };
        let variants = store.query_parts(&PartQuery {
            variant_of: Some(pk),
            ..Default::default()
        })?;
        let stock = store.query_stock(&StockQuery {
            part: Some(pk),
            include_variants: true,
            in_stock: Some(true),
            page: PageRequest {
                limit: Some(PART_STOCK_ROWS),
                offset: 0,
            },
            ..Default::default()
        })?;
        let serials = if row.part.trackable {
            store
                .query_stock(&StockQuery {
                    part: Some(pk),
                    include_variants: true,
                    serialized: Some(true),
                    ordering: vec![(StockOrder::Serial, false)],
                    ..Default::default()
                })?
                .items
                .into_iter()
                .filter_map(|r| r.item.serial.clone().map(|s| (r.item.id, s)))
                .collect()
        } else {
            Vec::new()
        };
        Ok((row, variant_of, variants, stock, serials))
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "Part", e))?;
    let units = |units: i64| {
        let q = Quantity::from_units(units).to_string();
        if row.part.units.is_empty() {
            q
        } else {
            format!("{q} {}", row.part.units)
        }
    };
    let page = PartPage {
        layout: Layout::new(Some(&viewer), row.part.full_name(), Section::Parts),
        name: row.part.full_name(),
        category_path: row.category_path.clone().unwrap_or_default(),
        default_location: row
            .default_location
            .as_ref()
            .map(|l| (l.id, l.pathstring.clone())),
        in_stock: units(row.figures.total_in_stock),
        minimum_stock: if row.part.minimum_stock > 0 {
            units(row.part.minimum_stock)
        } else {
            String::new()
        },
        variant_of,
        variants: variants.items.iter().map(PartLine::of).collect(),
        stock: stock.items.iter().map(StockLine::of).collect(),
        stock_count: stock.count,
        serials,
        row,
    };
    Ok(html(StatusCode::OK, &page))
}
