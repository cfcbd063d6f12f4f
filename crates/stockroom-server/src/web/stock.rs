//! The stock pages: the paginated stock list and a stock item with its history and the
//! forms that move, count, add and remove stock.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use stockroom_core::Quantity;
use stockroom_core::status::{STOCK_HISTORY, STOCK_STATUS};
use stockroom_store::Store;
use stockroom_store::listing::PageRequest;
use stockroom_store::locations::Location;
use stockroom_store::stock::{StockQuery, StockRow, TrackingEntry};

use super::forms::FormData;
use super::page::{Layout, PAGE_SIZE, Pager, Section, WebError, html, page_number, pk, with_query};
use super::session::Viewer;
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::{ApiError, run};

/// One stock item as a table row shows it.
#[derive(Debug, Clone)]
pub(crate) struct StockLine {
    pub pk: i64,
    pub part_pk: i64,
    pub part: String,
    pub ipn: String,
    /// `#<serial>` for a serialized item, else the quantity with the part's units.
    pub quantity: String,
    pub location: Option<(i64, String)>,
    pub batch: String,
    pub status: &'static str,
}

/// `12`, `0.5 m`, or `#S1` for a serialized item.
fn amount(row: &StockRow) -> String {
    if let Some(serial) = &row.item.serial {
        return format!("#{serial}");
    }
    let q = Quantity::from_units(row.item.quantity);
    if row.part.units.is_empty() {
        q.to_string()
    } else {
        format!("{q} {}", row.part.units)
    }
}

impl StockLine {
    pub(crate) fn of(row: &StockRow) -> StockLine {
        StockLine {
            pk: row.item.id,
            part_pk: row.part.id,
            part: stockroom_store::stock::full_name(
                &row.part.name,
                row.part.ipn.as_deref(),
                &row.part.revision,
            ),
            ipn: row.part.ipn.clone().unwrap_or_default(),
            quantity: amount(row),
            location: row.location.as_ref().map(|l| (l.id, l.pathstring.clone())),
            batch: row.item.batch.clone().unwrap_or_default(),
            status: STOCK_STATUS.label(row.item.status),
        }
    }
}

#[derive(Template)]
#[template(path = "stock_list.html")]
struct StockListPage {
    layout: Layout,
    rows: Vec<StockLine>,
    pager: Pager,
    search: String,
    location: String,
    part: String,
    part_name: String,
    locations: Vec<(i64, String)>,
}

/// Every location as `(pk, path)`, sorted by path, for the filter and move selects;
/// `stockable_only` leaves out structural locations, which cannot hold stock.
pub(crate) fn location_choices(
    store: &Store,
    stockable_only: bool,
) -> Result<Vec<(i64, String)>, ApiError> {
    let mut all: Vec<Location> = store.list_locations()?;
    all.sort_by(|a, b| a.pathstring.cmp(&b.pathstring));
    Ok(all
        .into_iter()
        .filter(|l| !stockable_only || !l.structural)
        .map(|l| (l.id, l.pathstring))
        .collect())
}

/// GET `/web/stock/`: stock items, 50 a page, with search and location and part filters.
#[tracing::instrument(skip_all)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::Stock, Perm::View) {
        return Err(WebError::forbidden(&viewer));
    }
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let search = params.text("search");
    let location = params.get("location").and_then(|l| l.parse::<i64>().ok());
    let part = params.get("part").and_then(|p| p.parse::<i64>().ok());
    let page = page_number(params.get("page"));
    let q = StockQuery {
        search: (!search.is_empty()).then(|| search.clone()),
        location: location.map(Some),
        cascade: true,
        part,
        include_variants: true,
        page: PageRequest {
            limit: Some(PAGE_SIZE),
            offset: (page - 1) * PAGE_SIZE,
        },
        ..Default::default()
    };
    let (listed, locations, part_name) = run(&state, move |store| {
        let listed = store.query_stock(&q)?;
        let part_name = match part {
            Some(pk) => store.part(pk).map(|p| p.full_name()).unwrap_or_default(),
            None => String::new(),
        };
        Ok((listed, location_choices(store, false)?, part_name))
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "StockItem", e))?;
    let base = [
        ("search", search.clone()),
        (
            "location",
            location.map(|l| l.to_string()).unwrap_or_default(),
        ),
        ("part", part.map(|p| p.to_string()).unwrap_or_default()),
    ];
    let pager = Pager::new(page, listed.count, |n| {
        let mut params = base.to_vec();
        params.push(("page", n.to_string()));
        with_query("/web/stock/", &params)
    });
    let page = StockListPage {
        layout: Layout::new(Some(&viewer), "Stock", Section::Stock),
        rows: listed.items.iter().map(StockLine::of).collect(),
        pager,
        search,
        location: location.map(|l| l.to_string()).unwrap_or_default(),
        part: part.map(|p| p.to_string()).unwrap_or_default(),
        part_name,
        locations,
    };
    Ok(html(StatusCode::OK, &page))
}

/// What a form shows: the values typed (or the defaults) and an error beside each field.
#[derive(Debug, Clone, Default)]
pub(crate) struct FormState {
    pub quantity: String,
    pub location: String,
    pub notes: String,
    pub quantity_error: String,
    pub location_error: String,
    /// A problem with the request as a whole.
    pub error: String,
}

impl FormState {
    fn is_untouched(&self) -> bool {
        self.quantity.is_empty()
            && self.location.is_empty()
            && self.notes.is_empty()
            && !self.has_errors()
    }

    pub(crate) fn has_errors(&self) -> bool {
        !(self.quantity_error.is_empty() && self.location_error.is_empty() && self.error.is_empty())
    }
}

/// The four action forms of an item page.
#[derive(Debug, Clone, Default)]
pub(crate) struct ActionForms {
    pub move_form: FormState,
    pub count_form: FormState,
    pub add_form: FormState,
    pub remove_form: FormState,
    /// A refused split, serialize or merge form.
    pub extra: Option<super::view::Typed>,
}

/// One history entry, readable.
#[derive(Debug, Clone)]
struct HistoryLine {
    date: String,
    label: &'static str,
    details: String,
    user: String,
    notes: String,
}

#[derive(Template)]
#[template(path = "stock_item.html")]
struct StockItemPage {
    layout: Layout,
    flash: String,
    line: StockLine,
    row: StockRow,
    description: String,
    expiry: String,
    stocktake: String,
    updated: String,
    history: Vec<HistoryLine>,
    can_change: bool,
    in_stock: bool,
    locations: Vec<(i64, String)>,
    forms: ActionForms,
    /// Split, serialize and merge.
    more: Vec<super::view::Form>,
}

fn number(value: &serde_json::Value) -> String {
    match value.as_f64() {
        Some(f) => Quantity::from_f64(f).map_or_else(|_| f.to_string(), |q| q.to_string()),
        None => value.to_string(),
    }
}

/// A history entry's deltas in words: `Quantity 8 · Added 2 · Location Shelf A`.
fn describe(entry: &TrackingEntry, places: &[Location]) -> String {
    let deltas = entry.deltas_json();
    let Some(map) = deltas.as_object() else {
        return String::new();
    };
    let mut parts = Vec::new();
    for (key, value) in map {
        let text = match key.as_str() {
            "quantity" => format!("Quantity {}", number(value)),
            "added" => format!("Added {}", number(value)),
            "removed" => format!("Removed {}", number(value)),
            "location" => {
                let name = value
                    .as_i64()
                    .and_then(|pk| places.iter().find(|l| l.id == pk))
                    .map_or_else(|| value.to_string(), |l| l.pathstring.clone());
                format!("Location {name}")
            }
            "status" => format!(
                "Status {}",
                value
                    .as_i64()
                    .and_then(|s| i32::try_from(s).ok())
                    .map_or("", |s| STOCK_STATUS.label(s))
            ),
            "batch" => format!("Batch {}", value.as_str().unwrap_or_default()),
            "serial" => format!("Serial {}", value.as_str().unwrap_or_default()),
            _ => continue,
        };
        parts.push(text);
    }
    parts.join(" · ")
}

fn history_lines(store: &Store, item: i64) -> Result<Vec<HistoryLine>, ApiError> {
    let mut entries = store.tracking_for_item(item)?;
    entries.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let mut place_ids: Vec<i64> = entries
        .iter()
        .filter_map(|e| {
            e.deltas_json()
                .get("location")
                .and_then(serde_json::Value::as_i64)
        })
        .collect();
    place_ids.sort_unstable();
    place_ids.dedup();
    let places = store.locations_by_id(&place_ids)?;
    let mut users: Vec<(i64, String)> = Vec::new();
    let mut out = Vec::with_capacity(entries.len());
    for entry in &entries {
        let user = match entry.user_id {
            Some(id) => match users.iter().find(|(u, _)| *u == id) {
                Some((_, name)) => name.clone(),
                None => {
                    let name = store.user(id).map(|u| u.username).unwrap_or_default();
                    users.push((id, name.clone()));
                    name
                }
            },
            None => String::new(),
        };
        out.push(HistoryLine {
            date: entry.date.format("%Y-%m-%d %H:%M").to_string(),
            label: STOCK_HISTORY.label(entry.tracking_type),
            details: describe(entry, &places),
            user,
            notes: entry.notes.clone(),
        });
    }
    Ok(out)
}

fn flash_text(done: Option<&str>) -> String {
    match done {
        Some("moved") => "Stock moved.",
        Some("counted") => "Stock counted.",
        Some("added") => "Stock added.",
        Some("removed") => "Stock removed.",
        Some("split") => "Stock split.",
        Some("serialized") => "Stock serialized.",
        Some("merged") => "Stock merged.",
        _ => "",
    }
    .into()
}

/// Renders an item page; `forms` carries typed values and errors after a refused post.
pub(crate) async fn item_page(
    state: &AppState,
    viewer: &Viewer,
    pk: i64,
    flash: String,
    forms: Option<ActionForms>,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::Stock, Perm::View) {
        return Err(WebError::forbidden(viewer));
    }
    let can_change = viewer.auth.can(RuleSet::Stock, Perm::Change);
    let (row, history, locations, description, mut more) = run(state, move |store| {
        let row = store.stock_row(pk)?;
        let history = history_lines(store, pk)?;
        let description = row.part.description.clone();
        let locations = location_choices(store, true)?;
        let more = if can_change {
            super::stock_actions::forms(store, &row, &locations)?
        } else {
            Vec::new()
        };
        Ok((row, history, locations, description, more))
    })
    .await
    .map_err(|e| WebError::from_api(viewer, "StockItem", e))?;
    super::view::apply_typed(&mut more, forms.as_ref().and_then(|f| f.extra.as_ref()));
    let status = if more.iter().any(super::view::Form::has_errors)
        || forms.as_ref().is_some_and(|f| {
            [&f.move_form, &f.count_form, &f.add_form, &f.remove_form]
                .iter()
                .any(|s| s.has_errors())
        }) {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    // Forms not being corrected start from the item's current values.
    let quantity = Quantity::from_units(row.item.quantity).to_string();
    let mut forms = forms.unwrap_or_default();
    if forms.move_form.is_untouched() {
        forms.move_form.quantity = quantity.clone();
        forms.move_form.location = row
            .item
            .location_id
            .map(|l| l.to_string())
            .unwrap_or_default();
    }
    if forms.count_form.is_untouched() {
        forms.count_form.quantity = quantity;
    }
    let line = StockLine::of(&row);
    let page = StockItemPage {
        layout: Layout::new(
            Some(viewer),
            format!("Stock item {}", row.item.id),
            Section::Stock,
        ),
        flash,
        expiry: row
            .item
            .expiry_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        stocktake: row
            .item
            .stocktake_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        updated: row
            .item
            .updated
            .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default(),
        in_stock: row.in_stock(),
        line,
        row,
        description,
        history,
        can_change,
        locations,
        forms,
        more,
    };
    Ok(html(status, &page))
}

/// GET `/web/stock/item/{pk}`.
#[tracing::instrument(skip_all)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "StockItem")?;
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    item_page(&state, &viewer, pk, flash_text(params.get("done")), None).await
}
