//! Supplier parts: `/api/company/part/` and `/api/company/part/<pk>/` (InvenTree's
//! `SupplierPartSerializer`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_store::Store;
use stockroom_store::companies::{
    ManufacturerPartRow, NewSupplierPart, SupplierPartChanges, SupplierPartOrder,
    SupplierPartQuery, SupplierPartRow,
};

use super::company::brief as company_brief;
use super::manufacturer::body_of as manufacturer_part_body;
use super::{PART_RULES, require_any};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, field_error};
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
        "supplier",
        Kind::Related("company", "/api/company/"),
        "Supplier",
    )
    .required()
    .filters(&[("is_supplier", true)])
    .help("Select supplier"),
    Field::new("SKU", Kind::String, "SKU")
        .required()
        .max_length(100)
        .help("Supplier stock keeping unit"),
    Field::link(
        "manufacturer_part",
        "Manufacturer Part",
        "manufacturerpart",
        "/api/company/part/manufacturer/",
    )
    .help("Select manufacturer part"),
    Field::text("description", "Description", 250).help("Supplier part description"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("URL for external supplier part link"),
    Field::text("note", "Note", 100).help("Notes"),
    Field::text("packaging", "Packaging", 50).help("Part packaging"),
    Field::text("pack_quantity", "Pack Quantity", 25)
        .help("Total quantity supplied in a single pack. Leave empty for single items."),
    Field::shown("pack_quantity_native", Kind::Float, "Pack quantity native"),
    Field::new("available", Kind::Decimal, "Available").help("Quantity available from supplier"),
    Field::shown(
        "availability_updated",
        Kind::DateTime,
        "Availability Updated",
    ),
    Field::flag("active", "Active", true).help("Is this supplier part active?"),
    Field::shown("in_stock", Kind::Float, "In Stock"),
    Field::shown("MPN", Kind::String, "MPN"),
    Field::shown("manufacturer", Kind::String, "Manufacturer"),
    Field::shown("name", Kind::String, "Name"),
    Field::shown("url", Kind::String, "Url"),
    Field::shown("updated", Kind::DateTime, "Updated"),
    Field::shown("barcode_hash", Kind::String, "Barcode Hash"),
];

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Supplier Part List",
    model: "supplierpart",
    rule: RuleSet::Part,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Supplier Part Detail",
    detail: true,
    ..LIST
};

/// Which detail objects a request asked for.
#[derive(Debug, Clone, Copy)]
struct Detail {
    part: bool,
    supplier: bool,
    manufacturer: bool,
    manufacturer_part: bool,
    pretty: bool,
}

impl Detail {
    fn from_params(params: &Params) -> Detail {
        let manufacturer = params.flag("manufacturer_detail", false);
        Detail {
            part: params.flag("part_detail", false),
            supplier: params.flag("supplier_detail", false),
            manufacturer,
            manufacturer_part: params.flag("manufacturer_part_detail", manufacturer),
            pretty: params.flag("pretty", false),
        }
    }

    const NONE: Detail = Detail {
        part: false,
        supplier: false,
        manufacturer: false,
        manufacturer_part: false,
        pretty: false,
    };

    const ALL: Detail = Detail {
        part: true,
        supplier: true,
        manufacturer: true,
        manufacturer_part: true,
        pretty: false,
    };
}

fn number(units: i64) -> f64 {
    Quantity::from_units(units).to_f64()
}

fn datetime(value: Option<chrono::NaiveDateTime>) -> Value {
    value.map_or(Value::Null, |d| {
        json!(
            d.and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        )
    })
}

/// How InvenTree names a supplier part: IPN, supplier, SKU, then manufacturer and MPN.
fn name(row: &SupplierPartRow) -> String {
    let mut pieces = Vec::new();
    if let Some(ipn) = row.part.ipn.as_deref().filter(|i| !i.is_empty()) {
        pieces.push(ipn.to_owned());
    }
    pieces.push(row.supplier.name.clone());
    pieces.push(row.supplier_part.sku.clone());
    if let Some(m) = &row.manufacturer {
        pieces.push(m.name.clone());
    }
    if let Some(mp) = row.manufacturer_part.as_ref().filter(|m| !m.mpn.is_empty()) {
        pieces.push(mp.mpn.clone());
    }
    pieces.join(" | ")
}

fn body(row: &SupplierPartRow, detail: Detail) -> Value {
    let s = &row.supplier_part;
    let mut out = json!({
        "pk": s.id,
        "part": s.part_id,
        "supplier": s.supplier_id,
        "SKU": s.sku,
        "manufacturer_part": s.manufacturer_part_id,
        "description": s.description,
        "link": s.link,
        "note": s.note,
        "packaging": s.packaging,
        "pack_quantity": s.pack_quantity,
        "pack_quantity_native": number(s.pack_quantity_native),
        "available": number(s.available),
        "availability_updated": datetime(s.availability_updated),
        "active": s.active,
        "in_stock": number(row.in_stock),
        "MPN": row.manufacturer_part.as_ref().map(|m| m.mpn.clone()),
        "manufacturer": row.manufacturer.as_ref().map(|m| m.name.clone()),
        "name": name(row),
        "url": "",
        "updated": datetime(s.updated),
        "barcode_hash": row.barcode_hash,
        "tags": [],
    });
    if detail.part {
        out["part_detail"] = parts::brief(&row.part);
    }
    if detail.supplier {
        out["supplier_detail"] = company_brief(&row.supplier);
    }
    if detail.manufacturer {
        out["manufacturer_detail"] = row.manufacturer.as_ref().map_or(Value::Null, company_brief);
    }
    if detail.manufacturer_part {
        out["manufacturer_part_detail"] = match (&row.manufacturer_part, &row.manufacturer) {
            (Some(mp), Some(m)) => manufacturer_part_body(
                &ManufacturerPartRow {
                    manufacturer_part: mp.clone(),
                    part: row.part.clone(),
                    manufacturer: m.clone(),
                    barcode_hash: String::new(),
                },
                false,
                false,
            ),
            _ => Value::Null,
        };
    }
    if detail.pretty {
        out["pretty_name"] = json!(name(row));
    }
    out
}

/// A supplier part's detail body, as a barcode scan shows it (blocking).
pub(crate) fn instance(store: &Store, pk: i64) -> Result<Value, ApiError> {
    Ok(body(&store.supplier_part_row(pk)?, Detail::ALL))
}

pub(super) async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

pub(super) async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

fn ordering(params: &Params) -> Vec<(SupplierPartOrder, bool)> {
    params
        .ordering()
        .into_iter()
        .filter_map(|(key, desc)| {
            let key = match key.as_str() {
                "SKU" => SupplierPartOrder::Sku,
                "part" => SupplierPartOrder::Part,
                "supplier" => SupplierPartOrder::Supplier,
                "manufacturer" => SupplierPartOrder::Manufacturer,
                "MPN" => SupplierPartOrder::Mpn,
                "active" => SupplierPartOrder::Active,
                "packaging" => SupplierPartOrder::Packaging,
                "pack_quantity" => SupplierPartOrder::PackQuantity,
                "in_stock" => SupplierPartOrder::InStock,
                "updated" => SupplierPartOrder::Updated,
                "pk" | "id" => SupplierPartOrder::Id,
                _ => return None,
            };
            Some((key, desc))
        })
        .collect()
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
    let query = SupplierPartQuery {
        part: params.int("part"),
        supplier: params.int("supplier"),
        manufacturer: params.int("manufacturer"),
        manufacturer_part: params.int("manufacturer_part"),
        sku: params.text("SKU").map(str::to_owned),
        mpn: params.text("MPN").map(str::to_owned),
        active: params.bool("active"),
        search: params.search(),
        ordering: ordering(&params),
        page: stockroom_store::listing::PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let listed = run(&state, move |store| Ok(store.query_supplier_parts(&query)?)).await?;
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
    let row = run(&state, move |store| Ok(store.supplier_part_row(pk)?)).await?;
    Ok(Json(body(&row, detail)))
}

/// `available` in 1/100000 units: a quantity that may not be negative.
fn available(input: &Input) -> Result<Option<i64>, ApiError> {
    match input.quantity("available") {
        Some(q) if q.is_negative() => Err(field_error(
            "available",
            "Ensure this value is greater than or equal to 0.",
        )),
        other => Ok(other.map(Quantity::units)),
    }
}

pub(super) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    require_any(&auth, PART_RULES, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let mut new = NewSupplierPart::new(
        input.int("part").unwrap_or_default(),
        input.int("supplier").unwrap_or_default(),
        input.text("SKU").unwrap_or_default(),
    );
    new.manufacturer_part_id = input.nullable_int("manufacturer_part").flatten();
    new.description = input.text("description").unwrap_or_default();
    new.link = input.text("link").unwrap_or_default();
    new.note = input.text("note").unwrap_or_default();
    new.packaging = input.text("packaging").unwrap_or_default();
    new.pack_quantity = input.text("pack_quantity").unwrap_or_default();
    new.available = available(&input)?.unwrap_or(0);
    new.active = input.bool("active").unwrap_or(true);
    let row = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.add_supplier_part(&new)?;
        Ok(store.supplier_part_row(created.id)?)
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
    let changes = SupplierPartChanges {
        part_id: input.int("part"),
        supplier_id: input.int("supplier"),
        sku: input.text("SKU"),
        manufacturer_part_id: input.nullable_int("manufacturer_part"),
        description: input.text("description"),
        link: input.text("link"),
        note: input.text("note"),
        packaging: input.text("packaging"),
        pack_quantity: input.text("pack_quantity"),
        pack_quantity_native: None,
        multiple: None,
        available: available(&input)?,
        active: input.bool("active"),
        is_primary: None,
    };
    let row = run(&state, move |store| {
        store.supplier_part(pk)?;
        check_links(store, &input, FIELDS)?;
        store.change_supplier_part(pk, &changes)?;
        Ok(store.supplier_part_row(pk)?)
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
    run(&state, move |store| Ok(store.delete_supplier_part(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
