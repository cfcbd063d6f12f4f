//! `POST /api/stock/`: new stock, one item or (with `serial_numbers`) one per serial. The
//! response is always a list, as InvenTree's since API v383.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use stockroom_core::Quantity;
use stockroom_plugins::validation::{PartRef, Validators};
use stockroom_store::settings::SettingScope;
use stockroom_store::stock::{NewStockItem, SerialsError, serials_taken_message, setting_keys};
use stockroom_store::{Constraint, Store, StoreError};

use super::body::Detail;
use super::body::item_body;
use super::fields::FIELDS;
use super::items::{check_batch, currency, extras, price_text};
use super::serials::{choose_serials, max_quantity};
use crate::AppState;
use crate::api::auth::{Auth, Perm, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, field_error};
use crate::api::fields::Input;
use crate::api::{check_links, run};

/// How often a `~` pattern is expanded again when another request took its serials first
/// (on PostgreSQL, a concurrent transaction can commit the same serials between our check
/// and our insert; the unique index refuses ours and the retry sees the new latest serial).
const SERIAL_ATTEMPTS: usize = 3;

fn setting_on(store: &Store, key: &str, default: bool) -> Result<bool, ApiError> {
    Ok(store
        .setting(SettingScope::Global, key)?
        .map_or(default, |v| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "true" | "1" | "yes" | "on" | "y" | "t"
            )
        }))
}

/// InvenTree's `int(quantity)` for serial expansion: numbers are truncated, text must be an
/// integer.
fn serial_quantity(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.abs() < 9e15)
                .map(|f| f.trunc() as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Expands `pattern` inside the creating transaction, from the part's latest serial as that
/// transaction sees it, and creates the items. A race lost to another request using `~` is
/// retried with the new latest serial.
fn create_serialized(
    store: &Store,
    validators: &Validators,
    part: PartRef<'_>,
    new: &NewStockItem,
    pattern: &str,
    quantity: Option<i64>,
    user: i64,
) -> Result<Vec<i64>, ApiError> {
    let max = max_quantity(store)?;
    for attempt in 1..=SERIAL_ATTEMPTS {
        let mut chosen: Vec<String> = Vec::new();
        let outcome = store.create_serials(new, Some(user), |latest| {
            let serials = choose_serials(
                validators,
                part,
                pattern,
                quantity.unwrap_or(0),
                max,
                latest,
                &["quantity", "serial_numbers"],
            )?;
            chosen = serials.iter().map(|s| s.serial.clone()).collect();
            Ok::<_, ApiError>(serials)
        });
        match outcome {
            Ok(ids) => return Ok(ids),
            Err(SerialsError::Rejected(e)) => return Err(e),
            Err(SerialsError::Store(StoreError::Conflict(Constraint::SerialTaken)))
                if attempt < SERIAL_ATTEMPTS && pattern.contains('~') => {}
            Err(SerialsError::Store(StoreError::Conflict(Constraint::SerialTaken))) => {
                return Err(field_error(
                    "serial_numbers",
                    serials_taken_message(&chosen),
                ));
            }
            Err(SerialsError::Store(e)) => return Err(e.into()),
        }
    }
    Err(ApiError::internal("serial creation gave up"))
}

/// The pack size the quantity is multiplied by: the supplier part's, when it has one and
/// `use_pack_size` asks for it (InvenTree refuses to guess when the flag is missing).
fn pack_size(
    store: &Store,
    data: &Value,
    use_pack_size: Option<bool>,
) -> Result<Quantity, ApiError> {
    let Some(sp) = data.get("supplier_part").filter(|v| !v.is_null()) else {
        return Ok(Quantity::ONE);
    };
    let supplier_part = match serial_quantity(sp).map(|pk| store.supplier_part(pk)) {
        Some(Ok(sp)) => sp,
        Some(Err(StoreError::NotFound { .. })) | None => {
            return Err(field_error(
                "supplier_part",
                "The given supplier part does not exist",
            ));
        }
        Some(Err(e)) => return Err(e.into()),
    };
    let pack = Quantity::from_units(supplier_part.pack_quantity_native);
    if pack == Quantity::ONE {
        return Ok(pack);
    }
    match use_pack_size {
        None => Err(field_error(
            "use_pack_size",
            "The supplier part has a pack size defined, but flag use_pack_size not set",
        )),
        Some(false) => Ok(Quantity::ONE),
        Some(true) => Ok(pack),
    }
}

/// The JSON list of the created items' bodies, written a slice of rows at a time straight
/// into one buffer: a request creating 100,000 serialized items never holds 100,000 JSON
/// trees at once, and the buffer is sized up front instead of doubling.
fn list_bytes(store: &Store, ids: &[i64]) -> Result<Vec<u8>, ApiError> {
    const SLICE: usize = 2000;
    let mut out: Vec<u8> = Vec::new();
    out.push(b'[');
    for (n, slice) in ids.chunks(SLICE).enumerate() {
        let rows = store.stock_rows(slice)?;
        let extras = extras(store, &rows, Detail::DEFAULT)?;
        for (m, row) in rows.iter().enumerate() {
            if n > 0 || m > 0 {
                out.push(b',');
            }
            let before = out.len();
            serde_json::to_writer(&mut out, &item_body(row, Detail::DEFAULT, &extras))
                .map_err(|e| ApiError::internal(format!("cannot write a stock body: {e}")))?;
            if n == 0 && m == 0 {
                // Bodies of one request differ little in size: reserve for all of them.
                out.reserve((out.len() - before + 16).saturating_mul(ids.len()));
            }
        }
    }
    out.push(b']');
    Ok(out)
}

pub(crate) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::Stock, Perm::Add)?;
    let user = auth.user.id;
    let validators = state.validators.clone();
    let bytes = run(&state, move |store| {
        let ids = create_stock(store, &validators, data, user)?;
        list_bytes(store, &ids)
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        [(header::CONTENT_TYPE, "application/json")],
        bytes,
    )
        .into_response())
}

/// Creates stock from a request body shaped as `POST /api/stock/` takes it: one item, or
/// one per serial when `serial_numbers` is given. Runs inside the caller's blocking store
/// call; returns the new items' ids. Shared by the REST API and the web form.
pub(crate) fn create_stock(
    store: &Store,
    validators: &Validators,
    data: Value,
    user: i64,
) -> Result<Vec<i64>, ApiError> {
    let object: Map<String, Value> = match &data {
        Value::Object(map) => map.clone(),
        Value::Null => Map::new(),
        _ => {
            // Reports InvenTree's "Expected a dictionary" error.
            Input::parse(&data, FIELDS, false)?;
            Map::new()
        }
    };
    let raw_quantity = object.get("quantity").filter(|v| !v.is_null()).cloned();
    let Some(raw_quantity) = raw_quantity else {
        return Err(field_error("quantity", "Quantity is required"));
    };
    let Some(part_pk) = object.get("part").and_then(serial_quantity) else {
        return Err(field_error("part", "Valid part must be supplied"));
    };
    let pattern = object
        .get("serial_numbers")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let use_pack_size = object.get("use_pack_size").map(|v| {
        matches!(v, Value::Bool(true))
            || v.as_str()
                .is_some_and(|s| matches!(s, "true" | "True" | "1"))
            || v.as_i64() == Some(1)
    });
    // DRF reads a blank link as null; InvenTree then keeps it empty instead of defaulting.
    let location_blank = object
        .get("location")
        .is_some_and(|v| v.as_str() == Some(""));
    let location_sent = object.get("location").is_some_and(|v| !v.is_null());
    let expiry_sent = object.get("expiry_date").is_some_and(|v| !v.is_null());
    let part = match store.part(part_pk) {
        Ok(part) => part,
        Err(StoreError::NotFound { .. }) => {
            return Err(field_error("part", "Valid part must be supplied"));
        }
        Err(e) => return Err(e.into()),
    };
    let mut data = data;
    let pack = pack_size(store, &data, use_pack_size)?;
    if pattern.is_some() && !part.trackable {
        return Err(field_error(
            "serial_numbers",
            "Serial numbers cannot be supplied for a non-trackable part",
        ));
    }
    if let Value::Object(map) = &mut data {
        if pattern.is_some() {
            // Each serialized item holds one unit; the request quantity counts the items.
            map.insert("quantity".into(), Value::from(1));
        }
        if location_blank {
            map.insert("location".into(), Value::Null);
        }
    }
    let input = Input::parse(&data, FIELDS, false)?;
    check_links(store, &input, FIELDS)?;
    let mut quantity = input.quantity("quantity").unwrap_or(Quantity::ZERO);
    let mut price = price_text(&input)?.flatten();
    if pack.is_positive() && pack != Quantity::ONE {
        quantity = quantity.checked_mul(pack).ok_or_else(|| {
            field_error(
                "quantity",
                "Ensure that there are no more than 15 digits in total.",
            )
        })?;
        price = price.and_then(|p| p.parse::<f64>().ok()).map(|p| {
            let each = format!("{:.6}", p / pack.to_f64());
            each.trim_end_matches('0').trim_end_matches('.').to_owned()
        });
    }
    let today = chrono::Utc::now().date_naive();
    let new = NewStockItem {
        location_id: if location_sent {
            input.nullable_int("location").flatten()
        } else {
            part.default_location_id
        },
        batch: input.nullable_text("batch").flatten(),
        status: input
            .int("status")
            .and_then(|s| i32::try_from(s).ok())
            .unwrap_or(10),
        expiry_date: if expiry_sent {
            input.nullable_date("expiry_date").flatten()
        } else if part.default_expiry > 0 {
            today.checked_add_signed(chrono::Duration::days(i64::from(part.default_expiry)))
        } else {
            None
        },
        supplier_part_id: input.nullable_int("supplier_part").flatten(),
        purchase_order_id: input.nullable_int("purchase_order").flatten(),
        customer_id: input.nullable_int("customer").flatten(),
        delete_on_deplete: match input.bool("delete_on_deplete") {
            Some(flag) => flag,
            None => setting_on(store, setting_keys::DELETE_DEPLETED_DEFAULT, true)?,
        },
        packaging: input
            .nullable_text("packaging")
            .flatten()
            .unwrap_or_default(),
        purchase_price: price,
        purchase_price_currency: currency(&input)?.unwrap_or_default(),
        link: input.text("link").unwrap_or_default(),
        notes: input.nullable_text("notes").flatten().unwrap_or_default(),
        ..NewStockItem::new(part.id, quantity)
    };
    if let Some(batch) = &new.batch {
        check_batch(validators, batch)?;
    }
    let ids = match &pattern {
        Some(pattern) => {
            let count = serial_quantity(&raw_quantity).map(|q| {
                // The pack size multiplies the number of serials, as InvenTree's does.
                Quantity::from_whole(q)
                    .ok()
                    .and_then(|q| q.checked_mul(pack))
                    .and_then(|q| q.units().checked_div(stockroom_core::quantity::SCALE))
                    .unwrap_or(q)
            });
            let part_ref = PartRef {
                pk: part.id,
                name: &part.name,
            };
            create_serialized(store, validators, part_ref, &new, pattern, count, user)?
        }
        None => vec![store.create_stock_item(&new, Some(user))?.id],
    };
    Ok(ids)
}
