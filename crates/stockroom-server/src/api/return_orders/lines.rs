//! Return order lines: `/api/order/ro-line/` and `/api/order/ro-line/<pk>/` (InvenTree's
//! `ReturnOrderLineItemSerializer`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_core::status::ro_line_status;
use stockroom_store::Store;
use stockroom_store::orders::{
    NewReturnOrderLine, ReturnLineQuery, ReturnLineRow, ReturnOrderLineChanges,
};

use super::orders::detail_body;
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, field_error};
use crate::api::fields::{Choice, ChoiceValue, DefaultValue, Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, parts, run};

const OUTCOME_CHOICES: &[Choice] = &[
    Choice {
        value: ChoiceValue::Int(ro_line_status::PENDING as i64),
        display: "Pending",
    },
    Choice {
        value: ChoiceValue::Int(ro_line_status::RETURN as i64),
        display: "Return",
    },
    Choice {
        value: ChoiceValue::Int(ro_line_status::REPAIR as i64),
        display: "Repair",
    },
    Choice {
        value: ChoiceValue::Int(ro_line_status::REPLACE as i64),
        display: "Replace",
    },
    Choice {
        value: ChoiceValue::Int(ro_line_status::REFUND as i64),
        display: "Refund",
    },
    Choice {
        value: ChoiceValue::Int(ro_line_status::REJECT as i64),
        display: "Reject",
    },
];

const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new(
        "order",
        Kind::Related("returnorder", "/api/order/ro/"),
        "Order",
    )
    .required()
    .help("Return Order"),
    Field::new("item", Kind::Related("stockitem", "/api/stock/"), "Item")
        .required()
        .help("Select item to return from customer"),
    Field::new("quantity", Kind::Decimal, "Quantity")
        .default(DefaultValue::Int(1))
        .help("Quantity to return"),
    Field::shown("received_date", Kind::Date, "Received Date"),
    Field::new("outcome", Kind::Choice(OUTCOME_CHOICES), "Outcome")
        .default(DefaultValue::Int(ro_line_status::PENDING as i64))
        .help("Outcome for this line item"),
    Field::new("price", Kind::Float, "Price")
        .nullable()
        .help("Cost associated with return or repair for this line item"),
    Field::text("price_currency", "Currency", 3).help("Line price currency"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external page"),
    Field::text("reference", "Reference", 100).help("Line item reference"),
    Field::text("notes", "Notes", 500).help("Line item notes"),
    Field::new("target_date", Kind::Date, "Target Date")
        .nullable()
        .help("Target date for this line item (leave blank to use the target date from the order)"),
];

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Return Order Line Item List",
    model: "returnorderlineitem",
    rule: RuleSet::ReturnOrder,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Return Order Line Item Detail",
    detail: true,
    ..LIST
};

/// Which detail objects a request asked for (`item_detail` is on unless turned off).
#[derive(Debug, Clone, Copy)]
struct Detail {
    item: bool,
    part: bool,
    order: bool,
}

impl Detail {
    fn from_params(params: &Params) -> Detail {
        Detail {
            item: params.flag("item_detail", true),
            part: params.flag("part_detail", false),
            order: params.flag("order_detail", false),
        }
    }

    const DEFAULT: Detail = Detail {
        item: true,
        part: false,
        order: false,
    };
}

fn body(store: &Store, row: &ReturnLineRow, detail: Detail) -> Result<Value, ApiError> {
    let l = &row.line;
    let price = l
        .price
        .as_deref()
        .and_then(|p| p.parse::<f64>().ok())
        .map_or(Value::Null, |p| json!(p));
    let mut out = json!({
        "pk": l.id,
        "order": l.order_id,
        "item": l.item_id,
        "quantity": Quantity::from_units(l.quantity).to_f64(),
        "received_date": l.received_date.map(|d| d.to_string()),
        "outcome": l.outcome,
        "price": price,
        "price_currency": l.price_currency,
        "link": l.link,
        "reference": l.reference,
        "notes": l.notes,
        "target_date": l.target_date.map(|d| d.to_string()),
    });
    if detail.item {
        out["item_detail"] = crate::api::stock::instance(store, l.item_id)?;
    }
    if detail.part {
        out["part_detail"] = parts::brief(&row.part);
    }
    if detail.order {
        out["order_detail"] = detail_body(store, l.order_id, false)?;
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
    auth.require(RuleSet::ReturnOrder, Perm::View)?;
    let page = Page::from_params(&params)?;
    let detail = Detail::from_params(&params);
    let small = |v: i64| i32::try_from(v).unwrap_or(i32::MIN);
    let query = ReturnLineQuery {
        order: params.int("order"),
        item: params.int("item"),
        outcome: params.int("outcome").map(small),
        received: params.bool("received"),
        order_status: params.int("order_status").map(small),
        search: params.search(),
        page: stockroom_store::listing::PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let (count, results) = run(&state, move |store| {
        let listed = store.query_return_lines(&query)?;
        let results = listed
            .items
            .iter()
            .map(|r| body(store, r, detail))
            .collect::<Result<Vec<Value>, ApiError>>()?;
        Ok((listed.count, results))
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
    auth.require(RuleSet::ReturnOrder, Perm::View)?;
    let detail = Detail::from_params(&params);
    params.finish()?;
    let body = run(&state, move |store| {
        body(store, &store.return_line_row(pk)?, detail)
    })
    .await?;
    Ok(Json(body))
}

/// Price as stored text (`None` absent, `Some(None)` cleared).
fn price(input: &Input) -> Result<Option<Option<String>>, ApiError> {
    if !input.has("price") {
        return Ok(None);
    }
    match input.float("price") {
        None => Ok(Some(None)),
        Some(p) if p < 0.0 => Err(field_error(
            "price",
            "Ensure this value is greater than or equal to 0.",
        )),
        Some(p) if p.abs() < 1e13 => Ok(Some(Some(format!("{p}")))),
        Some(_) => Err(field_error(
            "price",
            "Ensure that there are no more than 19 digits in total.",
        )),
    }
}

fn price_currency(input: &Input) -> Result<Option<String>, ApiError> {
    match input.text("price_currency") {
        Some(code)
            if code.is_empty()
                || (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())) =>
        {
            Ok(Some(code))
        }
        Some(code) => Err(field_error(
            "price_currency",
            format!("\"{code}\" is not a valid choice."),
        )),
        None => Ok(None),
    }
}

fn outcome(input: &Input) -> Option<i32> {
    input
        .int("outcome")
        .map(|o| i32::try_from(o).unwrap_or(ro_line_status::PENDING))
}

pub(super) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let new = NewReturnOrderLine {
        order_id: input.int("order").unwrap_or_default(),
        item_id: input.int("item").unwrap_or_default(),
        quantity: input.quantity("quantity").unwrap_or(Quantity::ONE).units(),
        outcome: outcome(&input).unwrap_or(ro_line_status::PENDING),
        price: price(&input)?.flatten(),
        price_currency: price_currency(&input)?.unwrap_or_default(),
        reference: input.text("reference").unwrap_or_default(),
        notes: input.text("notes").unwrap_or_default(),
        target_date: input.nullable_date("target_date").flatten(),
        link: input.text("link").unwrap_or_default(),
    };
    let body = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.add_return_order_line(&new)?;
        body(store, &store.return_line_row(created.id)?, Detail::DEFAULT)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(super) async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = ReturnOrderLineChanges {
        quantity: input.quantity("quantity").map(Quantity::units),
        received_date: None,
        outcome: outcome(&input),
        price: price(&input)?,
        price_currency: price_currency(&input)?,
        reference: input.text("reference"),
        notes: input.text("notes"),
        target_date: input.nullable_date("target_date"),
        link: input.text("link"),
    };
    let (order, item) = (input.int("order"), input.int("item"));
    let body = run(&state, move |store| {
        store.return_order_line(pk)?;
        check_links(store, &input, FIELDS)?;
        store.change_return_order_line(pk, order, item, &changes)?;
        body(store, &store.return_line_row(pk)?, Detail::DEFAULT)
    })
    .await?;
    Ok(Json(body))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::ReturnOrder, Perm::Delete)?;
    run(&state, move |store| Ok(store.delete_return_order_line(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
