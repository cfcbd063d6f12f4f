//! Stock allocated to sales orders: `/api/order/so-allocation/`, and allocating through
//! `/api/order/so/<pk>/allocate/` and `/api/order/so/<pk>/allocate-serials/`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use stockroom_core::serial::SerialPattern;
use stockroom_store::Store;
use stockroom_store::listing::PageRequest;
use stockroom_store::orders::{AllocationQuery, AllocationRow, SalesAllocationRequest};
use stockroom_store::settings::SettingScope;
use stockroom_store::stock::Refusal;

use super::body::{ALLOCATION_FIELDS, allocation_body, company_brief, order_body, shipment_body};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, FieldErrors, field_error};
use crate::api::fields::{Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

pub(crate) const LIST: Endpoint = Endpoint {
    name: "Sales Order Allocation List",
    model: "salesorderallocation",
    rule: RuleSet::SalesOrder,
    fields: ALLOCATION_FIELDS,
    detail: false,
    writable: false,
};
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Sales Order Allocation Detail",
    detail: true,
    writable: true,
    ..LIST
};

pub(crate) const ALLOCATE_FIELDS: &[Field] = &[
    Field::new("items", Kind::List, "Items").required(),
    Field::link(
        "shipment",
        "Shipment",
        "salesordershipment",
        "/api/order/so/shipment/",
    ),
];

const ENTRY_FIELDS: &[Field] = &[
    Field::new(
        "line_item",
        Kind::Related("salesorderlineitem", "/api/order/so-line/"),
        "Stock Item",
    )
    .required(),
    Field::new(
        "stock_item",
        Kind::Related("stockitem", "/api/stock/"),
        "Stock Item",
    )
    .required(),
    Field::new("quantity", Kind::Decimal, "Quantity").required(),
];

pub(crate) const SERIAL_FIELDS: &[Field] = &[
    Field::new(
        "line_item",
        Kind::Related("salesorderlineitem", "/api/order/so-line/"),
        "Line Item",
    )
    .required(),
    Field::new("quantity", Kind::Integer, "Quantity").required(),
    Field::new("serial_numbers", Kind::String, "Serial Numbers")
        .required()
        .help("Enter serial numbers to allocate"),
    Field::link(
        "shipment",
        "Shipment",
        "salesordershipment",
        "/api/order/so/shipment/",
    ),
];

/// Which expansions a request asked for (InvenTree's defaults: part and item shown).
#[derive(Debug, Clone, Copy)]
struct Details {
    part: bool,
    item: bool,
    order: bool,
    location: bool,
    customer: bool,
    shipment: bool,
}

impl Details {
    fn read(params: &Params) -> Details {
        Details {
            part: params.flag("part_detail", true),
            item: params.flag("item_detail", true),
            order: params.flag("order_detail", false),
            location: params.flag("location_detail", false),
            customer: params.flag("customer_detail", false),
            shipment: true,
        }
    }
}

fn bodies(store: &Store, rows: &[AllocationRow], d: Details) -> Result<Vec<Value>, ApiError> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut extra = Vec::new();
        if d.part {
            extra.push((
                "part_detail",
                crate::api::parts::brief(&store.part(row.part_id)?),
            ));
        }
        if d.item {
            extra.push((
                "item_detail",
                crate::api::stock::instance(store, row.allocation.item_id)?,
            ));
        }
        if d.order || d.customer {
            let order = store.sales_order_row(row.order_id)?;
            if d.order {
                extra.push(("order_detail", order_body(&order, false)));
            }
            if d.customer {
                let customer = order.customer.as_ref().map_or(Value::Null, company_brief);
                extra.push(("customer_detail", customer));
            }
        }
        if d.location {
            let location = match row.location_id {
                Some(l) => {
                    let found = store.location(l)?;
                    json!({"pk": found.id, "name": found.name, "pathstring": found.pathstring})
                }
                None => Value::Null,
            };
            extra.push(("location_detail", location));
        }
        if d.shipment {
            let shipment = match row.allocation.shipment_id {
                Some(s) => shipment_body(&store.shipment_row(s)?, None),
                None => Value::Null,
            };
            extra.push(("shipment_detail", shipment));
        }
        out.push(allocation_body(row, extra));
    }
    Ok(out)
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
    auth.require(RuleSet::SalesOrder, Perm::View)?;
    let page = Page::from_params(&params)?;
    let query = AllocationQuery {
        order: params.int("order"),
        line: params.int("line"),
        part: params.int("part"),
        item: params.int("item"),
        shipment: params.link("shipment"),
        outstanding: params.bool("outstanding"),
        assigned_to_shipment: params.bool("assigned_to_shipment"),
        page: PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    let details = Details::read(&params);
    params.finish()?;
    let (count, results) = run(&state, move |store| {
        let listed = store.query_sales_allocations(&query)?;
        Ok((listed.count, bodies(store, &listed.items, details)?))
    })
    .await?;
    Ok(list::respond(page, count, results, &url))
}

pub(super) async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::View)?;
    let details = Details::read(&params);
    params.finish()?;
    let mut found = run(&state, move |store| {
        let row = store.sales_allocation_row(pk)?;
        bodies(store, &[row], details)
    })
    .await?;
    found
        .pop()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("SalesOrderAllocation"))
}

pub(super) async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Change)?;
    let input = Input::parse(&data, ALLOCATION_FIELDS, true)?;
    let item = match input.nullable_int("item") {
        Some(None) => return Err(field_error("item", "This field may not be null.")),
        Some(Some(i)) => Some(i),
        None => None,
    };
    let quantity = input.quantity("quantity").map(|q| q.units());
    let shipment = input.nullable_int("shipment");
    let details = Details {
        part: true,
        item: true,
        order: false,
        location: false,
        customer: false,
        shipment: true,
    };
    let mut body = run(&state, move |store| {
        store.change_sales_allocation(pk, item, quantity, shipment)?;
        let row = store.sales_allocation_row(pk)?;
        bodies(store, &[row], details)
    })
    .await?;
    body.pop()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("SalesOrderAllocation"))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Delete)?;
    run(&state, move |store| {
        Ok(store.delete_sales_order_allocation(pk)?)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// A store refusal in DRF's shape; `count` is the number of entries in `items`.
fn refused(refusal: Refusal, count: usize) -> ApiError {
    let mut errors = FieldErrors::new();
    if !refusal.items.is_empty() {
        let mut list: Vec<Map<String, Value>> = vec![Map::new(); count];
        for problem in refusal.items {
            if let Some(entry) = list.get_mut(problem.index) {
                let messages = entry
                    .entry(problem.field.to_owned())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(messages) = messages {
                    messages.push(Value::String(problem.message));
                }
            }
        }
        errors.set(
            "items",
            Value::Array(list.into_iter().map(Value::Object).collect()),
        );
    }
    for (field, message) in refusal.fields {
        errors.add(field.unwrap_or("non_field_errors"), message);
    }
    ApiError::Validation(errors)
}

/// Parses each entry of `items`, reporting every bad entry in DRF's list shape.
fn entries(items: &[Value]) -> Result<Vec<(SalesAllocationRequest, Value)>, ApiError> {
    let mut parsed = Vec::with_capacity(items.len());
    let mut problems = Vec::with_capacity(items.len());
    let mut failed = false;
    for item in items {
        if !item.is_object() {
            failed = true;
            problems.push(json!({"non_field_errors": [format!(
                "Invalid data. Expected a dictionary, but got {}.",
                python_type(item)
            )]}));
            continue;
        }
        match Input::parse(item, ENTRY_FIELDS, false) {
            Ok(input) => {
                let request = SalesAllocationRequest {
                    line: input.int("line_item").unwrap_or(0),
                    item: input.int("stock_item").unwrap_or(0),
                    quantity: input.quantity("quantity").map_or(0, |q| q.units()),
                };
                let echo = json!({
                    "line_item": request.line,
                    "stock_item": request.item,
                    "quantity": input.quantity("quantity").map(|q| q.to_fixed_string()),
                });
                parsed.push((request, echo));
                problems.push(json!({}));
            }
            Err(ApiError::Validation(found)) => {
                failed = true;
                problems.push(found.into_value());
            }
            Err(other) => return Err(other),
        }
    }
    if failed {
        let mut errors = FieldErrors::new();
        errors.set("items", Value::Array(problems));
        return Err(ApiError::Validation(errors));
    }
    Ok(parsed)
}

/// Allocates stock items to the order's lines, optionally in a shipment.
pub(super) async fn allocate(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Add)?;
    let input = Input::parse(&data, ALLOCATE_FIELDS, false)?;
    let items = match data.get("items") {
        Some(Value::Array(list)) => list.clone(),
        _ => Vec::new(),
    };
    let parsed = entries(&items)?;
    let shipment = input.nullable_int("shipment").flatten();
    let requests: Vec<SalesAllocationRequest> = parsed.iter().map(|(r, _)| *r).collect();
    let count = requests.len();
    run(&state, move |store| {
        store.sales_order(pk)?;
        store
            .allocate_sales_stock(pk, shipment, &requests)?
            .map_err(|r| refused(r, count))
    })
    .await?;
    let echo: Vec<Value> = parsed.into_iter().map(|(_, e)| e).collect();
    let body = json!({"items": echo, "shipment": shipment});
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Allocates serialized items, named by serial number, to one of the order's lines.
pub(super) async fn allocate_serials(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::SalesOrder, Perm::Add)?;
    let input = Input::parse(&data, SERIAL_FIELDS, false)?;
    let line = input.int("line_item").unwrap_or(0);
    let quantity = input.int("quantity").unwrap_or(0);
    if quantity < 1 {
        return Err(field_error(
            "quantity",
            "Ensure this value is greater than or equal to 1.",
        ));
    }
    let pattern = input.text("serial_numbers").unwrap_or_default();
    let shipment = input.nullable_int("shipment").flatten();
    let echo = json!({
        "line_item": line,
        "quantity": quantity,
        "serial_numbers": pattern,
        "shipment": shipment,
    });
    run(&state, move |store| {
        store.sales_order(pk)?;
        let part = match store.sales_order_line(line) {
            Ok(l) => l.part_id,
            Err(_) => {
                return Err(field_error(
                    "line_item",
                    format!("Invalid pk \"{line}\" - object does not exist."),
                ));
            }
        };
        let latest = match part {
            Some(p) => store.latest_serial(p)?,
            None => None,
        };
        let max = store
            .setting(SettingScope::Global, "SERIAL_NUMBER_MAX_QUANTITY")?
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(stockroom_core::serial::DEFAULT_MAX_QUANTITY);
        let serials = SerialPattern::new()
            .with_latest(latest.as_deref())
            .with_max_quantity(max)
            .expand(&pattern, quantity)
            .map_err(|errors| {
                let mut found = FieldErrors::new();
                for e in errors {
                    found.add("serial_numbers", e.to_string());
                }
                ApiError::Validation(found)
            })?;
        store
            .allocate_sales_serials(pk, line, &serials, shipment)?
            .map_err(|r| refused(r, 0))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(echo)).into_response())
}
