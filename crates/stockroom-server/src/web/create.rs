//! The "New part" and "New stock item" pages. Their forms are read into the body the REST
//! API's create endpoints take and handed to the same create functions, so defaults,
//! checks and error texts are the API's; a refused form shows again with the values typed
//! and each error beside its field.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde_json::{Map, Value};
use stockroom_core::status::STOCK_STATUS;
use stockroom_store::Store;
use stockroom_store::listing::PageRequest;
use stockroom_store::parts::PartQuery;

use super::forms::{FormData, csrf_ok, csrf_refused};
use super::page::{Layout, Section, WebError, see_other};
use super::session::Viewer;
use super::stock::location_choices;
use super::view::{Form, ObjectPage, Typed, apply_typed, choices, field_errors};
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::{ApiError, run};

const PART_NEW: &str = "/web/part/new";
const STOCK_NEW: &str = "/web/stock/new";

/// The part flags, as the API names them, with their labels and whether a new part has
/// them ticked to start with (the API's defaults).
const PART_FLAGS: [(&str, &str, bool); 8] = [
    ("is_template", "Template", false),
    ("assembly", "Assembly", false),
    ("component", "Component", true),
    ("trackable", "Trackable", false),
    ("purchaseable", "Purchaseable", true),
    ("salable", "Salable", false),
    ("virtual", "Virtual", false),
    ("active", "Active", true),
];

/// How many parts the stock form's part select lists at most.
const PART_CHOICES: i64 = 1000;

/// The body an API create takes: each of `texts` as typed (blank ones left out, so the
/// API's defaults apply), and each of `flags` as a boolean.
fn api_body(data: &FormData, texts: &[&str], flags: &[&str]) -> Value {
    let mut body = Map::new();
    for name in texts {
        if let Some(value) = data.get(name).filter(|v| !v.is_empty()) {
            body.insert((*name).to_owned(), Value::from(value));
        }
    }
    for name in flags {
        body.insert((*name).to_owned(), Value::Bool(data.get(name).is_some()));
    }
    Value::Object(body)
}

/// The form's fields refused, or an error that is not about the form.
fn refused(error: ApiError) -> Result<Vec<(String, String)>, ApiError> {
    let mut errors = field_errors(error)?;
    if errors.is_empty() {
        errors.push((String::new(), "The request was refused.".into()));
    }
    Ok(errors)
}

fn object_page(viewer: &Viewer, title: &str, section: Section, crumb: (&str, &str)) -> ObjectPage {
    ObjectPage {
        layout: Layout::new(Some(viewer), title, section),
        crumbs: vec![(crumb.0.to_owned(), crumb.1.to_owned())],
        heading: title.to_owned(),
        flash: String::new(),
        details: Vec::new(),
        tables: Vec::new(),
        forms: Vec::new(),
    }
}

fn part_form(categories: Vec<(String, String)>, locations: Vec<(String, String)>) -> Form {
    let mut form = Form::new("create", PART_NEW, "New part", "Create part")
        .text("name", "Name")
        .required()
        .text("IPN", "IPN")
        .text("description", "Description")
        .select("category", "Category", "No category", categories)
        .text("units", "Units")
        .select(
            "default_location",
            "Default location",
            "No default location",
            locations,
        );
    for (name, label, on) in PART_FLAGS {
        form = form.checkbox(name, label).value(if on { "on" } else { "" });
    }
    form
}

async fn part_page(
    state: &AppState,
    viewer: &Viewer,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::Part, Perm::Add) {
        return Err(WebError::forbidden(viewer));
    }
    let (categories, locations) = run(state, |store| {
        let mut categories: Vec<(i64, String)> = store
            .list_categories()?
            .into_iter()
            .map(|c| (c.id, c.pathstring))
            .collect();
        categories.sort_by(|a, b| a.1.cmp(&b.1));
        Ok((categories, location_choices(store, false)?))
    })
    .await
    .map_err(|e| WebError::from_api(viewer, "Part", e))?;
    let mut page = object_page(viewer, "New part", Section::Parts, ("Parts", "/web/part/"));
    page.forms = vec![part_form(choices(categories), choices(locations))];
    apply_typed(&mut page.forms, typed);
    Ok(page.respond())
}

/// GET `/web/part/new`.
#[tracing::instrument(skip_all)]
pub(crate) async fn new_part(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    part_page(&state, &viewer, None).await
}

/// POST `/web/part/new`: creates the part and opens its page.
#[tracing::instrument(skip_all)]
pub(crate) async fn create_part(
    State(state): State<AppState>,
    viewer: Viewer,
    body: Bytes,
) -> Result<Response, WebError> {
    let data = FormData::parse(&body);
    if !csrf_ok(&viewer, &data) {
        return Ok(csrf_refused(Some(&viewer)));
    }
    if !viewer.auth.can(RuleSet::Part, Perm::Add) {
        return Err(WebError::forbidden(&viewer));
    }
    let flags: Vec<&str> = PART_FLAGS.iter().map(|(name, _, _)| *name).collect();
    let body = api_body(
        &data,
        &[
            "name",
            "IPN",
            "description",
            "category",
            "units",
            "default_location",
        ],
        &flags,
    );
    let user = viewer.auth.user.id;
    let done = run(&state, move |store| {
        match crate::api::parts::create_part(store, &body, user) {
            Ok(id) => Ok(Ok(id)),
            Err(error) => refused(error).map(Err),
        }
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "Part", e))?;
    let errors = match done {
        Ok(id) => return Ok(see_other(&format!("/web/part/{id}"))),
        Err(errors) => errors,
    };
    let typed = Typed {
        form: "create",
        data,
        errors,
    };
    part_page(&state, &viewer, Some(&typed)).await
}

/// Active parts by name, and the part `chosen` even when it is not among them.
fn part_choices(store: &Store, chosen: Option<i64>) -> Result<Vec<(i64, String)>, ApiError> {
    let listed = store.query_parts(&PartQuery {
        active: Some(true),
        page: PageRequest {
            limit: Some(PART_CHOICES),
            offset: 0,
        },
        ..Default::default()
    })?;
    let mut parts: Vec<(i64, String)> = listed
        .items
        .into_iter()
        .map(|row| (row.part.id, row.part.full_name()))
        .collect();
    if let Some(pk) = chosen
        && !parts.iter().any(|(id, _)| *id == pk)
        && let Ok(part) = store.part(pk)
    {
        parts.insert(0, (part.id, part.full_name()));
    }
    Ok(parts)
}

fn stock_form(parts: Vec<(String, String)>, locations: Vec<(String, String)>) -> Form {
    Form::new("create", STOCK_NEW, "New stock item", "Create stock")
        .select("part", "Part", "Choose a part", parts)
        .required()
        .text("quantity", "Quantity")
        .required()
        .select(
            "location",
            "Location",
            "The part's default location",
            locations,
        )
        .text("batch", "Batch code")
        .text("serial_numbers", "Serial numbers")
        .hint("Trackable parts only: for example 1-5 creates five items, one per serial.")
        .select(
            "status",
            "Status",
            "OK",
            super::fields::status_choices(STOCK_STATUS)
                .into_iter()
                .filter(|(value, _)| value != "10")
                .collect(),
        )
        .date("expiry_date", "Expiry date")
        .text("notes", "Notes")
}

async fn stock_page(
    state: &AppState,
    viewer: &Viewer,
    part: Option<i64>,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    if !viewer.auth.can(RuleSet::Stock, Perm::Add) {
        return Err(WebError::forbidden(viewer));
    }
    let (parts, locations) = run(state, move |store| {
        Ok((part_choices(store, part)?, location_choices(store, true)?))
    })
    .await
    .map_err(|e| WebError::from_api(viewer, "StockItem", e))?;
    let mut page = object_page(
        viewer,
        "New stock item",
        Section::Stock,
        ("Stock", "/web/stock/"),
    );
    let mut form = stock_form(choices(parts), choices(locations));
    if let (Some(pk), Some(input)) = (part, form.inputs.first_mut()) {
        input.value = pk.to_string();
    }
    page.forms = vec![form];
    apply_typed(&mut page.forms, typed);
    Ok(page.respond())
}

/// GET `/web/stock/new`, with `?part=<pk>` to start with that part chosen.
#[tracing::instrument(skip_all)]
pub(crate) async fn new_stock(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let part = params.get("part").and_then(|p| p.parse::<i64>().ok());
    stock_page(&state, &viewer, part, None).await
}

/// POST `/web/stock/new`: creates the stock and opens the new item, or the part's stock
/// list when several serialized items were made.
#[tracing::instrument(skip_all)]
pub(crate) async fn create_stock(
    State(state): State<AppState>,
    viewer: Viewer,
    body: Bytes,
) -> Result<Response, WebError> {
    let data = FormData::parse(&body);
    if !csrf_ok(&viewer, &data) {
        return Ok(csrf_refused(Some(&viewer)));
    }
    if !viewer.auth.can(RuleSet::Stock, Perm::Add) {
        return Err(WebError::forbidden(&viewer));
    }
    let body = api_body(
        &data,
        &[
            "part",
            "quantity",
            "location",
            "batch",
            "serial_numbers",
            "status",
            "expiry_date",
            "notes",
        ],
        &[],
    );
    let user = viewer.auth.user.id;
    let validators = state.validators.clone();
    let done = run(&state, move |store| {
        match crate::api::stock::create_stock(store, &validators, body, user) {
            Ok(ids) => Ok(Ok(ids)),
            Err(error) => refused(error).map(Err),
        }
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "StockItem", e))?;
    let errors = match done {
        Ok(ids) => {
            let to = match ids.as_slice() {
                [id] => format!("/web/stock/item/{id}"),
                _ => format!("/web/stock/?part={}", data.text("part")),
            };
            return Ok(see_other(&to));
        }
        Err(errors) => errors,
    };
    let typed = Typed {
        form: "create",
        data,
        errors,
    };
    stock_page(&state, &viewer, None, Some(&typed)).await
}
