//! `POST /api/generate/serial-number/` and `POST /api/generate/batch-code/`: the values forms
//! pre-fill serial and batch fields with.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Map, Value, json};
use stockroom_core::serial::Increment;
use stockroom_store::Store;
use stockroom_store::settings::SettingScope;
use utoipa::openapi::path::HttpMethod;

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, RuleSet};
use crate::api::body::JsonBody;
use crate::api::error::{ApiError, field_error};
use crate::api::fields::{Field, Input, Kind};
use crate::api::options::{self, Endpoint};
use crate::api::schema::Doc;
use crate::api::{check_links, run};

/// The body of a serial-number request.
const SERIAL_FIELDS: &[Field] = &[
    Field::new("part", Kind::Related("part", "/api/part/"), "Part")
        .nullable()
        .help("Select part"),
    Field::new("quantity", Kind::Integer, "Quantity")
        .nullable()
        .help("Enter quantity"),
];

/// The body of a batch-code request: the objects the code may be built from.
const BATCH_FIELDS: &[Field] = &[
    Field::new(
        "build_order",
        Kind::Related("build", "/api/build/"),
        "Build Order",
    )
    .nullable()
    .help("Select build order"),
    Field::new(
        "item",
        Kind::Related("stockitem", "/api/stock/"),
        "Stock Item",
    )
    .nullable()
    .help("Select stock item to generate batch code for"),
    Field::new(
        "location",
        Kind::Related("stocklocation", "/api/stock/location/"),
        "Location",
    )
    .nullable()
    .help("Select location to generate batch code for"),
    Field::new("part", Kind::Related("part", "/api/part/"), "Part")
        .nullable()
        .help("Select part to generate batch code for"),
    Field::new(
        "purchase_order",
        Kind::Related("purchaseorder", "/api/order/po/"),
        "Purchase Order",
    )
    .nullable()
    .help("Select purchase order"),
    Field::new("quantity", Kind::Float, "Quantity")
        .nullable()
        .help("Enter quantity for batch code"),
];

const SERIAL: Endpoint = Endpoint {
    name: "Generate Serial Number",
    model: "stockitem",
    rule: RuleSet::Stock,
    fields: SERIAL_FIELDS,
    detail: false,
    writable: true,
};

const BATCH: Endpoint = Endpoint {
    name: "Generate Batch Code",
    fields: BATCH_FIELDS,
    ..SERIAL
};

/// The largest quantity a serial-number request generates (the form's serial field never
/// asks for more than one request may create).
const MAX_GENERATED: i64 = 1000;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/generate/serial-number/",
            post(serial_number)
                .options(|auth: MaybeAuth| async move { options::respond(&SERIAL, &auth) }),
        )
        .route(
            "/api/generate/batch-code/",
            post(batch_code)
                .options(|auth: MaybeAuth| async move { options::respond(&BATCH, &auth) }),
        )
}

/// This module's routes, for the OpenAPI document.
pub(crate) fn docs() -> Vec<Doc> {
    vec![
        Doc::Action {
            path: "/api/generate/serial-number/",
            method: HttpMethod::Post,
            summary: "Generate the next serial numbers of a part",
            tag: "generate",
            fields: SERIAL_FIELDS,
        },
        Doc::Action {
            path: "/api/generate/batch-code/",
            method: HttpMethod::Post,
            summary: "Generate a batch code",
            tag: "generate",
            fields: BATCH_FIELDS,
        },
    ]
}

/// The next `quantity` serials of a part, joined by commas; `null` without a part. Any
/// signed-in user may ask, as any user may fill in a stock form.
async fn serial_number(
    State(state): State<AppState>,
    _auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    let input = Input::parse(&data, SERIAL_FIELDS, false)?;
    // InvenTree reads a missing or zero quantity as one.
    let quantity = match input.int("quantity") {
        None | Some(0) => 1,
        Some(q) if q < 0 => {
            return Err(field_error(
                "quantity",
                "Quantity must be greater than zero",
            ));
        }
        Some(q) if q > MAX_GENERATED => {
            return Err(field_error(
                "quantity",
                format!("Ensure this value is less than or equal to {MAX_GENERATED}."),
            ));
        }
        Some(q) => q,
    };
    let Some(part) = input.int("part") else {
        return Ok(created(json!({"serial_number": null})));
    };
    let validators = state.validators.clone();
    let serials = run(&state, move |store| {
        check_links(store, &input, SERIAL_FIELDS)?;
        let mut current = store.latest_serial(part)?;
        let mut serials: Vec<String> = Vec::new();
        for _ in 0..quantity {
            let next = match &current {
                None => Some("1".to_owned()),
                Some(serial) => validators.increment(serial),
            };
            // A serial that cannot count up ends the list, as does a rule that repeats.
            match next {
                Some(next) if !next.is_empty() && !serials.contains(&next) => {
                    serials.push(next.clone());
                    current = Some(next);
                }
                _ => break,
            }
        }
        Ok(serials)
    })
    .await?;
    Ok(created(json!({"serial_number": serials.join(",")})))
}

/// A batch code from the validation plugins or `STOCK_BATCH_CODE_TEMPLATE`, with the
/// supplied objects in the template's context.
async fn batch_code(
    State(state): State<AppState>,
    _auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    let input = Input::parse(&data, BATCH_FIELDS, false)?;
    let validators = state.validators.clone();
    let code = run(&state, move |store| {
        check_links(store, &input, BATCH_FIELDS)?;
        let objects = context(store, &input)?;
        let template = store
            .setting(SettingScope::Global, "STOCK_BATCH_CODE_TEMPLATE")?
            .unwrap_or_default();
        let now = chrono::Local::now().naive_local();
        validators
            .generate_batch_code(&template, &objects, now)
            .map_err(|e| field_error("non_field_errors", e.to_string()))
    })
    .await?;
    Ok(created(json!({"batch_code": code})))
}

fn created(body: Value) -> Response {
    (StatusCode::CREATED, Json(body)).into_response()
}

/// The template context of the supplied objects: each as a small map of the fields a batch
/// code is usually built from.
fn context(store: &Store, input: &Input) -> Result<Map<String, Value>, ApiError> {
    let mut objects = Map::new();
    if let Some(pk) = input.int("part") {
        let part = store.part(pk)?;
        objects.insert(
            "part".into(),
            json!({"pk": part.id, "name": part.name, "IPN": part.ipn, "revision": part.revision}),
        );
    }
    if let Some(pk) = input.int("item") {
        let item = store.stock_item(pk)?;
        objects.insert(
            "item".into(),
            json!({"pk": item.id, "part": item.part_id, "serial": item.serial, "batch": item.batch}),
        );
    }
    if let Some(pk) = input.int("location") {
        let location = store.location(pk)?;
        objects.insert(
            "location".into(),
            json!({"pk": location.id, "name": location.name, "pathstring": location.pathstring}),
        );
    }
    if let Some(pk) = input.int("purchase_order") {
        let order = store.purchase_order(pk)?;
        objects.insert(
            "purchase_order".into(),
            json!({"pk": order.id, "reference": order.reference}),
        );
    }
    if let Some(pk) = input.int("build_order") {
        let build = store.build(pk)?;
        objects.insert(
            "build_order".into(),
            json!({"pk": build.id, "reference": build.reference}),
        );
    }
    if let Some(quantity) = input.float("quantity") {
        objects.insert("quantity".into(), json!(quantity));
    }
    Ok(objects)
}
