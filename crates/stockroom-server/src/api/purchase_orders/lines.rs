//! `/api/order/po-line/` and `/api/order/po-line/<pk>/`: the lines of purchase orders.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_store::StoreError;
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::{
    NewPurchaseOrderLine, PoLineQuery, PoLineRow, PurchaseOrderLineChanges,
};
use stockroom_store::stock::full_name;

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, FieldErrors, field_error};
use crate::api::fields::{DefaultValue, Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};

const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new(
        "part",
        Kind::Related("supplierpart", "/api/company/part/"),
        "Supplier Part",
    )
    .required()
    .nullable(),
    Field::new("quantity", Kind::Decimal, "Quantity").required(),
    Field::text("reference", "Reference", 100).help("Line item reference"),
    Field::text("notes", "Notes", 500).help("Line item notes"),
    Field::new(
        "order",
        Kind::Related("purchaseorder", "/api/order/po/"),
        "Order",
    )
    .required()
    .help("Purchase Order"),
    Field::shown("overdue", Kind::Boolean, "Overdue"),
    Field::shown("received", Kind::Float, "Received"),
    Field::new("purchase_price", Kind::Float, "Purchase Price")
        .nullable()
        .help("Unit purchase price"),
    Field::new("purchase_price_currency", Kind::String, "Currency")
        .blank()
        .max_length(3)
        .help("Purchase price currency"),
    Field::flag("auto_pricing", "Auto Pricing", true)
        .help("Automatically calculate purchase price based on supplier part data"),
    Field::link(
        "destination",
        "Destination",
        "stocklocation",
        "/api/stock/location/",
    )
    .help("Destination for received items"),
    Field::new("target_date", Kind::Date, "Target Date").nullable(),
    Field::shown("total_price", Kind::Float, "Total Price"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external page"),
    Field::new("merge_items", Kind::Boolean, "Merge Items")
        .write_only()
        .default(DefaultValue::Bool(true))
        .help("Merge items with the same part, destination and target date into one line item"),
    Field::shown("sku", Kind::String, "SKU"),
    Field::shown("mpn", Kind::String, "MPN"),
    Field::shown("ipn", Kind::String, "Internal Part Number"),
    Field::shown("internal_part", Kind::Integer, "Internal Part"),
    Field::shown("internal_part_name", Kind::String, "Internal Part Name"),
];

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Purchase Order Line Item List",
    model: "purchaseorderlineitem",
    rule: RuleSet::PurchaseOrder,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Purchase Order Line Item Detail",
    detail: true,
    ..LIST
};

pub(crate) fn routes() -> Router<AppState> {
    use axum::routing::get;
    Router::new()
        .route(
            "/api/order/po-line/",
            get(list).post(create).options(list_options),
        )
        .route(
            "/api/order/po-line/{pk}/",
            get(detail)
                .put(change)
                .patch(change)
                .delete(remove)
                .options(detail_options),
        )
}

/// Which optional objects a request asked for.
#[derive(Debug, Clone, Copy, Default)]
struct Detail {
    part: bool,
    order: bool,
}

impl Detail {
    fn from_params(params: &Params) -> Detail {
        Detail {
            part: params.flag("part_detail", false),
            order: params.flag("order_detail", false),
        }
    }
}

fn number(units: i64) -> f64 {
    Quantity::from_units(units).to_f64()
}

fn price(text: Option<&str>) -> Option<f64> {
    text.and_then(|t| t.trim().parse::<f64>().ok())
        .filter(|f| f.is_finite())
}

fn part_brief(p: &stockroom_store::parts::Part) -> Value {
    json!({
        "pk": p.id,
        "IPN": p.ipn.clone().unwrap_or_default(),
        "name": p.name,
        "revision": p.revision,
        "full_name": full_name(&p.name, p.ipn.as_deref(), &p.revision),
        "description": p.description,
        "image": null,
        "thumbnail": "/static/img/blank_image.thumbnail.png",
        "active": p.active,
        "assembly": p.assembly,
        "is_template": p.is_template,
        "purchaseable": p.purchaseable,
        "salable": p.salable,
        "trackable": p.trackable,
        "virtual": p.is_virtual,
        "units": p.units,
        "default_location": p.default_location_id,
    })
}

/// A line as the API shows it (InvenTree's `PurchaseOrderLineItemSerializer`).
fn body(row: &PoLineRow, detail: Detail, order_detail: Option<Value>) -> Value {
    let l = &row.line;
    let each = price(l.purchase_price.as_deref());
    let sp = row.supplier_part.as_ref();
    let mut out = json!({
        "pk": l.id,
        "part": l.supplier_part_id,
        "quantity": number(l.quantity),
        "reference": l.reference,
        "notes": l.notes,
        "order": l.order_id,
        "build_order": null,
        "overdue": row.overdue,
        "received": number(l.received),
        "purchase_price": each,
        "purchase_price_currency": l.purchase_price_currency,
        "auto_pricing": true,
        "destination": l.destination_id,
        "target_date": l.target_date,
        "total_price": each.map(|p| p * number(l.quantity)),
        "link": l.link,
        "sku": sp.map(|s| s.sku.clone()),
        "mpn": row.mpn,
        "ipn": row.part.as_ref().and_then(|p| p.ipn.clone()),
        "internal_part": row.part.as_ref().map(|p| p.id),
        "internal_part_name": row.part.as_ref().map(|p| p.name.clone()),
    });
    if detail.part {
        out["part_detail"] = row.part.as_ref().map_or(Value::Null, part_brief);
        out["supplier_part_detail"] = sp.map_or(Value::Null, |s| {
            json!({
                "pk": s.id,
                "part": s.part_id,
                "supplier": s.supplier_id,
                "SKU": s.sku,
                "MPN": row.mpn,
                "manufacturer_part": s.manufacturer_part_id,
                "description": s.description,
                "link": s.link,
                "note": s.note,
                "packaging": s.packaging,
                "pack_quantity": s.pack_quantity,
                "pack_quantity_native": number(s.pack_quantity_native),
                "active": s.active,
            })
        });
    }
    if let Some(order) = order_detail {
        out["order_detail"] = order;
    }
    out
}

/// The bodies of `rows`, loading the orders' bodies when asked for.
fn bodies(
    store: &stockroom_store::Store,
    rows: &[PoLineRow],
    detail: Detail,
) -> Result<Vec<Value>, ApiError> {
    rows.iter()
        .map(|row| {
            let order = if detail.order {
                Some(super::orders::instance(store, row.line.order_id)?)
            } else {
                None
            };
            Ok(body(row, detail, order))
        })
        .collect()
}

async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::View)?;
    let page = Page::from_params(&params)?;
    let detail = Detail::from_params(&params);
    let query = PoLineQuery {
        order: params.link("order").flatten(),
        part: params.link("part").flatten(),
        base_part: params.link("base_part").flatten(),
        pending: params.bool("pending"),
        received: params.bool("received"),
        has_pricing: params.bool("has_pricing"),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let (count, results) = run(&state, move |store| {
        let listed = store.query_po_lines(&query)?;
        Ok((listed.count, bodies(store, &listed.items, detail)?))
    })
    .await?;
    Ok(list::respond(page, count, results, &url))
}

async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::View)?;
    let detail = Detail::from_params(&params);
    params.finish()?;
    let mut found = run(&state, move |store| {
        let row = store.po_line_row(pk)?;
        bodies(store, std::slice::from_ref(&row), detail)
    })
    .await?;
    found
        .pop()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("PurchaseOrderLineItem"))
}

/// The line's price and currency fields, checked.
fn pricing(input: &Input) -> Result<(Option<Option<String>>, Option<String>), ApiError> {
    let price = match input.has("purchase_price") {
        false => None,
        true => match input.float("purchase_price") {
            None => Some(None),
            Some(p) if p.abs() < 1e13 => Some(Some(format!("{p}"))),
            Some(_) => {
                return Err(field_error(
                    "purchase_price",
                    "Ensure that there are no more than 19 digits in total.",
                ));
            }
        },
    };
    let currency = match input.text("purchase_price_currency") {
        Some(code)
            if code.is_empty()
                || (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) =>
        {
            Some(code)
        }
        Some(code) => {
            return Err(field_error(
                "purchase_price_currency",
                format!("\"{code}\" is not a valid choice."),
            ));
        }
        None => None,
    };
    Ok((price, currency))
}

fn quantity(input: &Input) -> Result<Option<i64>, ApiError> {
    match input.quantity("quantity") {
        Some(q) if q.is_negative() => Err(field_error(
            "quantity",
            "Ensure this value is greater than or equal to 0.",
        )),
        Some(q) if !q.is_positive() => Err(field_error(
            "quantity",
            "Quantity must be greater than zero",
        )),
        other => Ok(other.map(Quantity::units)),
    }
}

/// A supplier mismatch names both fields, as InvenTree's line validation does.
fn line_error(error: StoreError) -> ApiError {
    match error {
        StoreError::Invalid {
            field: Some("part"),
            message,
        } if message == "Supplier must match purchase order" => {
            let mut errors = FieldErrors::new();
            errors.add("part", message);
            errors.add("order", "Purchase order must match supplier");
            ApiError::Validation(errors)
        }
        other => other.into(),
    }
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let quantity = quantity(&input)?.unwrap_or_default();
    let (price, currency) = pricing(&input)?;
    let new = NewPurchaseOrderLine {
        order_id: input.int("order").unwrap_or_default(),
        supplier_part_id: input.nullable_int("part").flatten(),
        quantity,
        reference: input.text("reference").unwrap_or_default(),
        notes: input.text("notes").unwrap_or_default(),
        purchase_price: price.flatten(),
        purchase_price_currency: currency.unwrap_or_default(),
        destination_id: input.nullable_int("destination").flatten(),
        target_date: input.nullable_date("target_date").flatten(),
        link: input.text("link").unwrap_or_default(),
    };
    let merge = input.bool("merge_items").unwrap_or(true);
    let body = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let line = store.add_po_line(&new, merge).map_err(line_error)?;
        let row = store.po_line_row(line.id)?;
        Ok(body(&row, Detail::default(), None))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let quantity = quantity(&input)?;
    let (price, currency) = pricing(&input)?;
    let changes = PurchaseOrderLineChanges {
        supplier_part_id: input.nullable_int("part"),
        quantity,
        reference: input.text("reference"),
        notes: input.text("notes"),
        purchase_price: price,
        purchase_price_currency: currency,
        destination_id: input.nullable_int("destination"),
        target_date: input.nullable_date("target_date"),
        link: input.text("link"),
    };
    let order = input.int("order");
    let body = run(&state, move |store| {
        store.po_line_row(pk)?;
        check_links(store, &input, FIELDS)?;
        store
            .update_po_line(pk, order, &changes)
            .map_err(line_error)?;
        let row = store.po_line_row(pk)?;
        Ok(body(&row, Detail::default(), None))
    })
    .await?;
    Ok(Json(body))
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::PurchaseOrder, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_po_line(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
