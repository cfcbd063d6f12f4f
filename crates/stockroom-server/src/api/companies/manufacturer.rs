//! Manufacturer parts: `/api/company/part/manufacturer/` and its detail path (InvenTree's
//! `ManufacturerPartSerializer`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_store::Store;
use stockroom_store::companies::{
    ManufacturerPartChanges, ManufacturerPartQuery, ManufacturerPartRow, NewManufacturerPart,
};

use super::company::brief as company_brief;
use super::{PART_RULES, require_any};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::ApiError;
use crate::api::fields::{Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::parts;
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};

const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("part", Kind::Related("part", "/api/part/"), "Base Part")
        .required()
        .filters(&[("purchaseable", true)])
        .help("Select part"),
    Field::new(
        "manufacturer",
        Kind::Related("company", "/api/company/"),
        "Manufacturer",
    )
    .required()
    .filters(&[("is_manufacturer", true)])
    .help("Select manufacturer"),
    Field::text("description", "Description", 250).help("Manufacturer part description"),
    Field::new("MPN", Kind::String, "MPN")
        .required()
        .max_length(100)
        .help("Manufacturer Part Number"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("URL for external manufacturer part link"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
];

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Manufacturer Part List",
    model: "manufacturerpart",
    rule: RuleSet::Part,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Manufacturer Part Detail",
    detail: true,
    ..LIST
};

/// Which detail objects a request asked for.
#[derive(Debug, Clone, Copy)]
struct Detail {
    part: bool,
    manufacturer: bool,
    pretty: bool,
}

impl Detail {
    fn from_params(params: &Params) -> Detail {
        Detail {
            part: params.flag("part_detail", false),
            manufacturer: params.flag("manufacturer_detail", false),
            pretty: params.flag("pretty", false),
        }
    }

    const NONE: Detail = Detail {
        part: false,
        manufacturer: false,
        pretty: false,
    };
}

/// How InvenTree names a manufacturer part: part IPN, manufacturer, MPN.
fn pretty_name(row: &ManufacturerPartRow) -> String {
    let mut pieces = Vec::new();
    if let Some(ipn) = row.part.ipn.as_deref().filter(|i| !i.is_empty()) {
        pieces.push(ipn.to_owned());
    }
    pieces.push(row.manufacturer.name.clone());
    pieces.push(row.manufacturer_part.mpn.clone());
    pieces.join(" | ")
}

/// A manufacturer part as the API shows it.
pub(crate) fn body_of(row: &ManufacturerPartRow, with_part: bool, with_company: bool) -> Value {
    let m = &row.manufacturer_part;
    let mut out = json!({
        "pk": m.id,
        "part": m.part_id,
        "manufacturer": m.manufacturer_id,
        "description": m.description,
        "MPN": m.mpn,
        "link": m.link,
        "barcode_hash": row.barcode_hash,
        "tags": [],
    });
    if with_part {
        out["part_detail"] = parts::brief(&row.part);
    }
    if with_company {
        out["manufacturer_detail"] = company_brief(&row.manufacturer);
    }
    out
}

fn body(row: &ManufacturerPartRow, detail: Detail) -> Value {
    let mut out = body_of(row, detail.part, detail.manufacturer);
    if detail.pretty {
        out["pretty_name"] = json!(pretty_name(row));
    }
    out
}

/// A manufacturer part's detail body, as a barcode scan shows it (blocking).
pub(crate) fn instance(store: &Store, pk: i64) -> Result<Value, ApiError> {
    Ok(body_of(&store.manufacturer_part_row(pk)?, true, true))
}

pub(super) async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

pub(super) async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

pub(super) async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    require_any(&auth, PART_RULES, Perm::View)?;
    let page = Page::from_params(&params)?;
    let detail = Detail::from_params(&params);
    let query = ManufacturerPartQuery {
        part: params.int("part"),
        manufacturer: params.int("manufacturer"),
        mpn: params.text("MPN").map(str::to_owned),
        search: params.search(),
        page: stockroom_store::listing::PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let listed = run(&state, move |store| {
        Ok(store.query_manufacturer_parts(&query)?)
    })
    .await?;
    let results = listed.items.iter().map(|r| body(r, detail)).collect();
    Ok(list::respond(page, listed.count, results, &url))
}

pub(super) async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    require_any(&auth, PART_RULES, Perm::View)?;
    let detail = Detail::from_params(&params);
    params.finish()?;
    let row = run(&state, move |store| Ok(store.manufacturer_part_row(pk)?)).await?;
    Ok(Json(body(&row, detail)))
}

pub(super) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    require_any(&auth, PART_RULES, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let new = NewManufacturerPart {
        part_id: input.int("part").unwrap_or_default(),
        manufacturer_id: input.int("manufacturer").unwrap_or_default(),
        mpn: input.text("MPN").unwrap_or_default(),
        description: input.text("description").unwrap_or_default(),
        link: input.text("link").unwrap_or_default(),
        notes: String::new(),
    };
    let row = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.add_manufacturer_part(&new)?;
        Ok(store.manufacturer_part_row(created.id)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body(&row, Detail::NONE))).into_response())
}

pub(super) async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    require_any(&auth, PART_RULES, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = ManufacturerPartChanges {
        part_id: input.int("part"),
        manufacturer_id: input.int("manufacturer"),
        mpn: input.text("MPN"),
        description: input.text("description"),
        link: input.text("link"),
        notes: None,
    };
    let row = run(&state, move |store| {
        store.manufacturer_part(pk)?;
        check_links(store, &input, FIELDS)?;
        store.change_manufacturer_part(pk, &changes)?;
        Ok(store.manufacturer_part_row(pk)?)
    })
    .await?;
    Ok(Json(body(&row, Detail::NONE)))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    require_any(&auth, PART_RULES, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_manufacturer_part(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
