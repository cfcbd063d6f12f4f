//! Companies: `/api/company/` and `/api/company/<pk>/` (InvenTree's `CompanySerializer`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use stockroom_store::companies::{
    Company, CompanyChanges, CompanyOrder, CompanyQuery, CompanyRow, NewCompany,
};

use super::{COMPANY_RULES, require_any};
use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial};
use crate::api::error::{ApiError, FieldErrors};
use crate::api::fields::{Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::run;

/// The currency a company trades in when none is given.
const DEFAULT_CURRENCY: &str = "USD";

const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::shown("url", Kind::String, "Url"),
    Field::new("name", Kind::String, "Company name")
        .required()
        .max_length(100)
        .help("Company name"),
    Field::text("description", "Company description", 500).help("Description of the company"),
    Field::new("website", Kind::Url, "Website")
        .blank()
        .max_length(200)
        .help("Company website URL"),
    Field::text("phone", "Phone number", 50).help("Contact phone number"),
    Field::text("address", "Address", 200).help("Company address"),
    Field::text("email", "Email", 254).help("Contact email address"),
    Field::new("currency", Kind::String, "Currency")
        .blank()
        .help("Default currency used for this supplier"),
    Field::text("contact", "Contact", 100).help("Point of contact"),
    Field::new("link", Kind::Url, "Link")
        .blank()
        .max_length(2000)
        .help("Link to external company information"),
    Field::shown("image", Kind::String, "Image"),
    Field::flag("active", "Active", true).help("Is this company active?"),
    Field::flag("is_customer", "Is customer", false).help("Do you sell items to this company?"),
    Field::flag("is_manufacturer", "Is manufacturer", false)
        .help("Does this company manufacture parts?"),
    Field::flag("is_supplier", "Is supplier", true)
        .help("Do you purchase items from this company?"),
    Field::text("notes", "Notes", 50000).help("Markdown notes (optional)"),
    Field::shown("parts_supplied", Kind::Integer, "Parts supplied"),
    Field::shown("parts_manufactured", Kind::Integer, "Parts manufactured"),
    Field::shown("address_count", Kind::Integer, "Address count"),
];

/// The list endpoint, for `OPTIONS` and the OpenAPI document.
pub(crate) const LIST: Endpoint = Endpoint {
    name: "Company List",
    model: "company",
    rule: RuleSet::PurchaseOrder,
    fields: FIELDS,
    detail: false,
    writable: true,
};
/// The detail endpoint.
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Company Detail",
    detail: true,
    ..LIST
};

/// A company in brief (InvenTree's `CompanyBriefSerializer`), as orders and parts show it.
pub(crate) fn brief(c: &Company) -> Value {
    json!({
        "pk": c.id,
        "active": c.active,
        "name": c.name,
        "description": c.description,
        "image": null,
        "thumbnail": null,
        "currency": c.currency,
    })
}

/// A company as the API shows it. Companies keep no images or separate addresses here, so
/// `image` is null, `address_count` 0 and `primary_address` null.
fn body(row: &CompanyRow, with_notes: bool) -> Value {
    let c = &row.company;
    let mut out = json!({
        "pk": c.id,
        "url": "",
        "name": c.name,
        "description": c.description,
        "website": c.website,
        "phone": c.phone,
        "address": c.address,
        "email": c.email,
        "currency": c.currency,
        "contact": c.contact,
        "link": c.link,
        "image": null,
        "active": c.active,
        "is_customer": c.is_customer,
        "is_manufacturer": c.is_manufacturer,
        "is_supplier": c.is_supplier,
        "parts_supplied": row.parts_supplied,
        "parts_manufactured": row.parts_manufactured,
        "address_count": 0,
        "primary_address": null,
    });
    if with_notes {
        out["notes"] = json!(c.notes);
    }
    out
}

pub(super) async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

pub(super) async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

fn ordering(params: &Params) -> Vec<(CompanyOrder, bool)> {
    params
        .ordering()
        .into_iter()
        .filter_map(|(key, desc)| {
            let key = match key.as_str() {
                "name" => CompanyOrder::Name,
                "active" => CompanyOrder::Active,
                "parts_supplied" => CompanyOrder::PartsSupplied,
                "parts_manufactured" => CompanyOrder::PartsManufactured,
                "pk" | "id" => CompanyOrder::Id,
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
    require_any(&auth, COMPANY_RULES, Perm::View)?;
    let page = Page::from_params(&params)?;
    let query = CompanyQuery {
        is_customer: params.bool("is_customer"),
        is_supplier: params.bool("is_supplier"),
        is_manufacturer: params.bool("is_manufacturer"),
        active: params.bool("active"),
        name: params.text("name").map(str::to_owned),
        search: params.search(),
        ordering: ordering(&params),
        page: stockroom_store::listing::PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let listed = run(&state, move |store| Ok(store.query_companies(&query)?)).await?;
    let results = listed.items.iter().map(|r| body(r, false)).collect();
    Ok(list::respond(page, listed.count, results, &url))
}

pub(super) async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<Json<Value>, ApiError> {
    require_any(&auth, COMPANY_RULES, Perm::View)?;
    let row = run(&state, move |store| Ok(store.company_row(pk)?)).await?;
    Ok(Json(body(&row, true)))
}

/// The body parsed against the fields, with the checks the field list cannot make by itself
/// (e-mail shape and currency code) reported alongside its own errors.
fn parse(data: &Value, partial: bool) -> Result<Input, ApiError> {
    let (input, mut errors) = match Input::parse(data, FIELDS, partial) {
        Ok(input) => (Some(input), FieldErrors::new()),
        Err(ApiError::Validation(errors)) => (None, errors),
        Err(other) => return Err(other),
    };
    let text = |name: &str| data.get(name).and_then(Value::as_str).map(str::trim);
    if let Some(email) = text("email").filter(|e| !e.is_empty())
        && !errors.has("email")
    {
        let valid = email.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty() && domain.contains('.') && !domain.starts_with('.')
        }) && !email.contains(char::is_whitespace);
        if !valid {
            errors.add("email", "Enter a valid email address.");
        }
    }
    if let Some(code) = text("currency")
        && !errors.has("currency")
        && !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
    {
        errors.add("currency", format!("\"{code}\" is not a valid choice."));
    }
    errors.into_result()?;
    input.ok_or_else(|| ApiError::internal("a body with no errors did not parse"))
}

pub(super) async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    require_any(&auth, COMPANY_RULES, Perm::Add)?;
    let input = parse(&data, false)?;
    let text = |name: &str| input.text(name).unwrap_or_default();
    let new = NewCompany {
        name: text("name"),
        description: text("description"),
        website: text("website"),
        phone: text("phone"),
        email: text("email"),
        contact: text("contact"),
        address: text("address"),
        link: text("link"),
        currency: input
            .text("currency")
            .unwrap_or_else(|| DEFAULT_CURRENCY.to_owned()),
        tax_id: String::new(),
        is_customer: input.bool("is_customer").unwrap_or(false),
        is_supplier: input.bool("is_supplier").unwrap_or(true),
        is_manufacturer: input.bool("is_manufacturer").unwrap_or(false),
        active: input.bool("active").unwrap_or(true),
        notes: text("notes"),
    };
    let row = run(&state, move |store| {
        let created = store.create_company(&new)?;
        Ok(store.company_row(created.id)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body(&row, true))).into_response())
}

pub(super) async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    require_any(&auth, COMPANY_RULES, Perm::Change)?;
    let input = parse(&data, partial)?;
    let changes = CompanyChanges {
        name: input.text("name"),
        description: input.text("description"),
        website: input.text("website"),
        phone: input.text("phone"),
        email: input.text("email"),
        contact: input.text("contact"),
        address: input.text("address"),
        link: input.text("link"),
        currency: input.text("currency"),
        tax_id: None,
        is_customer: input.bool("is_customer"),
        is_supplier: input.bool("is_supplier"),
        is_manufacturer: input.bool("is_manufacturer"),
        active: input.bool("active"),
        notes: input.text("notes"),
    };
    let row = run(&state, move |store| {
        store.update_company(pk, &changes)?;
        Ok(store.company_row(pk)?)
    })
    .await?;
    Ok(Json(body(&row, true)))
}

pub(super) async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
) -> Result<StatusCode, ApiError> {
    require_any(&auth, COMPANY_RULES, Perm::Delete)?;
    run(&state, move |store| Ok(store.remove_company(pk)?)).await?;
    Ok(StatusCode::NO_CONTENT)
}
