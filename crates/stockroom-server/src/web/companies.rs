//! Companies and the parts they supply or make: the company list and detail pages, and the
//! supplier part and manufacturer part pages scans open.

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use stockroom_store::companies::{
    CompanyQuery, CompanyRow, ManufacturerPartQuery, SupplierPartQuery, SupplierPartRow,
};
use stockroom_store::orders::{PoLineQuery, PoQuery};

use super::forms::FormData;
use super::page::{Layout, Section, WebError, page_number, pk};
use super::session::Viewer;
use super::view::{
    Cell, Detail, ListPage, ObjectPage, Table, filter, info, page_request, pager, quantity_text,
    yes_no,
};
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::run;

/// Companies are shown to anyone who may see purchase, sales or return orders, as the API.
fn can_view(viewer: &Viewer) -> bool {
    [
        RuleSet::PurchaseOrder,
        RuleSet::SalesOrder,
        RuleSet::ReturnOrder,
    ]
    .iter()
    .any(|r| viewer.auth.can(*r, Perm::View))
}

fn roles(row: &CompanyRow) -> String {
    let c = &row.company;
    let mut roles = Vec::new();
    if c.is_supplier {
        roles.push("Supplier");
    }
    if c.is_manufacturer {
        roles.push("Manufacturer");
    }
    if c.is_customer {
        roles.push("Customer");
    }
    roles.join(", ")
}

const KINDS: [(&str, &str); 3] = [
    ("supplier", "Suppliers"),
    ("manufacturer", "Manufacturers"),
    ("customer", "Customers"),
];

/// GET `/web/company/`: companies, 50 a page, searchable and filtered by role.
#[tracing::instrument(skip_all)]
pub(crate) async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    if !can_view(&viewer) {
        return Err(WebError::forbidden(&viewer));
    }
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let search = params.text("search");
    let kind = params.text("kind");
    let page = page_number(params.get("page"));
    let mut q = CompanyQuery {
        search: (!search.is_empty()).then(|| search.clone()),
        page: page_request(page),
        ..Default::default()
    };
    match kind.as_str() {
        "supplier" => q.is_supplier = Some(true),
        "manufacturer" => q.is_manufacturer = Some(true),
        "customer" => q.is_customer = Some(true),
        _ => {}
    }
    let listed = run(&state, move |store| Ok(store.query_companies(&q)?))
        .await
        .map_err(|e| WebError::from_api(&viewer, "Company", e))?;
    let mut table = Table::new(
        "companies",
        "Companies",
        &[
            "Name",
            "Description",
            "Roles",
            "#Parts supplied",
            "#Parts made",
        ],
    );
    table.empty = "No companies found.";
    table.rows = listed
        .items
        .iter()
        .map(|row| {
            vec![
                Cell::link(
                    &row.company.name,
                    format!("/web/company/{}", row.company.id),
                ),
                Cell::text(&row.company.description),
                Cell::text(roles(row)),
                Cell::num(row.parts_supplied.to_string()),
                Cell::num(row.parts_manufactured.to_string()),
            ]
        })
        .collect();
    let keep = [("search", search.clone()), ("kind", kind.clone())];
    table.pager = Some(pager("/web/company/", &keep, "page", page, listed.count));
    let choices = KINDS
        .iter()
        .map(|(v, t)| ((*v).to_owned(), (*t).to_owned()))
        .collect();
    Ok(ListPage {
        layout: Layout::new(Some(&viewer), "Companies", Section::Purchasing),
        heading: "Companies".into(),
        flash: String::new(),
        action: "/web/company/".into(),
        search,
        filters: vec![filter("kind", "Role", "All companies", choices, kind)],
        table,
        forms: Vec::new(),
    }
    .respond())
}

fn supplier_part_cells(row: &SupplierPartRow) -> Vec<Cell> {
    vec![
        Cell::link(
            &row.supplier_part.sku,
            format!("/web/purchasing/supplier-part/{}", row.supplier_part.id),
        ),
        Cell::link(row.part.full_name(), format!("/web/part/{}", row.part.id)),
        Cell::link(
            &row.supplier.name,
            format!("/web/company/{}", row.supplier.id),
        ),
        Cell::text(
            row.manufacturer_part
                .as_ref()
                .map(|m| m.mpn.clone())
                .unwrap_or_default(),
        ),
        Cell::num(quantity_text(row.in_stock)),
    ]
}

const SUPPLIER_PART_COLUMNS: [&str; 5] = ["SKU", "Part", "Supplier", "MPN", "#In stock"];

/// GET `/web/company/{pk}`: a company with its supplier parts, manufacturer parts and
/// orders.
#[tracing::instrument(skip_all)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "Company")?;
    if !can_view(&viewer) {
        return Err(WebError::forbidden(&viewer));
    }
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let sp_page = page_number(params.get("sp_page"));
    let mp_page = page_number(params.get("mp_page"));
    let (row, supplied, made, orders) = run(&state, move |store| {
        let row = store.company_row(pk)?;
        let supplied = store.query_supplier_parts(&SupplierPartQuery {
            supplier: Some(pk),
            page: page_request(sp_page),
            ..Default::default()
        })?;
        let made = store.query_manufacturer_parts(&ManufacturerPartQuery {
            manufacturer: Some(pk),
            page: page_request(mp_page),
            ..Default::default()
        })?;
        let orders = store.query_purchase_orders(&PoQuery {
            supplier: Some(pk),
            page: page_request(1),
            ..Default::default()
        })?;
        Ok((row, supplied, made, orders))
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "Company", e))?;
    let c = &row.company;
    let here = format!("/web/company/{pk}");
    let mut details: Vec<Detail> = vec![
        info("Roles", Cell::text(roles(&row))),
        info("Active", Cell::text(yes_no(c.active))),
    ];
    for (label, value) in [
        ("Description", &c.description),
        ("Website", &c.website),
        ("Phone", &c.phone),
        ("Email", &c.email),
        ("Contact", &c.contact),
        ("Address", &c.address),
        ("Currency", &c.currency),
        ("Notes", &c.notes),
    ] {
        if !value.is_empty() {
            details.push(info(label, Cell::text(value)));
        }
    }
    let mut sp = Table::new("supplier-parts", "Supplier parts", &SUPPLIER_PART_COLUMNS);
    sp.empty = "This company supplies no parts.";
    sp.rows = supplied.items.iter().map(supplier_part_cells).collect();
    sp.pager = Some(pager(
        &here,
        &[("mp_page", mp_page.to_string())],
        "sp_page",
        sp_page,
        supplied.count,
    ));
    let mut mp = Table::new(
        "manufacturer-parts",
        "Manufacturer parts",
        &["MPN", "Part", "Description"],
    );
    mp.empty = "This company makes no parts.";
    mp.rows = made
        .items
        .iter()
        .map(|m| {
            vec![
                Cell::link(
                    &m.manufacturer_part.mpn,
                    format!(
                        "/web/purchasing/manufacturer-part/{}",
                        m.manufacturer_part.id
                    ),
                ),
                Cell::link(m.part.full_name(), format!("/web/part/{}", m.part.id)),
                Cell::text(&m.manufacturer_part.description),
            ]
        })
        .collect();
    mp.pager = Some(pager(
        &here,
        &[("sp_page", sp_page.to_string())],
        "mp_page",
        mp_page,
        made.count,
    ));
    let mut po = Table::new(
        "purchase-orders",
        "Recent purchase orders",
        &["Reference", "Description", "Status"],
    );
    po.empty = "No purchase orders with this company.";
    po.rows = orders
        .items
        .iter()
        .map(super::purchasing::order_cells_short)
        .collect();
    Ok(ObjectPage {
        layout: Layout::new(Some(&viewer), c.name.clone(), Section::Purchasing),
        crumbs: vec![("Companies".into(), "/web/company/".into())],
        heading: c.name.clone(),
        flash: String::new(),
        details,
        tables: vec![sp, mp, po],
        forms: Vec::new(),
    }
    .respond())
}

/// GET `/web/purchasing/supplier-part/{pk}`.
#[tracing::instrument(skip_all)]
pub(crate) async fn supplier_part(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "SupplierPart")?;
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let page = page_number(params.get("page"));
    if !viewer.auth.can(RuleSet::PurchaseOrder, Perm::View)
        && !viewer.auth.can(RuleSet::Part, Perm::View)
    {
        return Err(WebError::forbidden(&viewer));
    }
    let (row, lines) = run(&state, move |store| {
        let row = store.supplier_part_row(pk)?;
        let lines = store.query_po_lines(&PoLineQuery {
            part: Some(pk),
            page: page_request(page),
            ..Default::default()
        })?;
        Ok((row, lines))
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "SupplierPart", e))?;
    let sp = &row.supplier_part;
    let mut details = vec![
        info(
            "Part",
            Cell::link(row.part.full_name(), format!("/web/part/{}", row.part.id)),
        ),
        info(
            "Supplier",
            Cell::link(
                &row.supplier.name,
                format!("/web/company/{}", row.supplier.id),
            ),
        ),
        info("SKU", Cell::text(&sp.sku)),
    ];
    if let (Some(mp), Some(maker)) = (&row.manufacturer_part, &row.manufacturer) {
        details.push(info(
            "Manufacturer",
            Cell::link(&maker.name, format!("/web/company/{}", maker.id)),
        ));
        details.push(info(
            "MPN",
            Cell::link(
                &mp.mpn,
                format!("/web/purchasing/manufacturer-part/{}", mp.id),
            ),
        ));
    }
    for (label, value) in [
        ("Description", &sp.description),
        ("Packaging", &sp.packaging),
        ("Pack quantity", &sp.pack_quantity),
        ("Link", &sp.link),
        ("Note", &sp.note),
    ] {
        if !value.is_empty() {
            details.push(info(label, Cell::text(value)));
        }
    }
    details.push(info("In stock", Cell::text(quantity_text(row.in_stock))));
    details.push(info("Active", Cell::text(yes_no(sp.active))));
    let mut table = Table::new(
        "order-lines",
        "Purchase order lines",
        &["Order", "Status", "#Quantity", "#Received"],
    );
    table.empty = "This part has not been ordered.";
    table.pager = Some(pager(
        &format!("/web/purchasing/supplier-part/{pk}"),
        &[],
        "page",
        page,
        lines.count,
    ));
    table.rows = lines
        .items
        .iter()
        .map(|l| {
            vec![
                Cell::link(
                    &l.order.reference,
                    format!("/web/purchasing/purchase-order/{}", l.order.id),
                ),
                Cell::text(stockroom_core::status::PURCHASE_ORDER_STATUS.label(l.order.status)),
                Cell::num(quantity_text(l.line.quantity)),
                Cell::num(quantity_text(l.line.received)),
            ]
        })
        .collect();
    let heading = format!("{} · {}", row.supplier.name, sp.sku);
    Ok(ObjectPage {
        layout: Layout::new(Some(&viewer), heading.clone(), Section::Purchasing),
        crumbs: vec![
            ("Companies".into(), "/web/company/".into()),
            (
                row.supplier.name.clone(),
                format!("/web/company/{}", row.supplier.id),
            ),
        ],
        heading,
        flash: String::new(),
        details,
        tables: vec![table],
        forms: Vec::new(),
    }
    .respond())
}

/// GET `/web/purchasing/manufacturer-part/{pk}`.
#[tracing::instrument(skip_all)]
pub(crate) async fn manufacturer_part(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let pk = pk(&viewer, &id, "ManufacturerPart")?;
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    let page = page_number(params.get("page"));
    if !viewer.auth.can(RuleSet::Part, Perm::View)
        && !viewer.auth.can(RuleSet::PurchaseOrder, Perm::View)
    {
        return Err(WebError::forbidden(&viewer));
    }
    let (row, supplied) = run(&state, move |store| {
        let row = store.manufacturer_part_row(pk)?;
        let supplied = store.query_supplier_parts(&SupplierPartQuery {
            manufacturer_part: Some(pk),
            page: page_request(page),
            ..Default::default()
        })?;
        Ok((row, supplied))
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "ManufacturerPart", e))?;
    let mp = &row.manufacturer_part;
    let mut details = vec![
        info(
            "Part",
            Cell::link(row.part.full_name(), format!("/web/part/{}", row.part.id)),
        ),
        info(
            "Manufacturer",
            Cell::link(
                &row.manufacturer.name,
                format!("/web/company/{}", row.manufacturer.id),
            ),
        ),
        info("MPN", Cell::text(&mp.mpn)),
    ];
    for (label, value) in [
        ("Description", &mp.description),
        ("Link", &mp.link),
        ("Notes", &mp.notes),
    ] {
        if !value.is_empty() {
            details.push(info(label, Cell::text(value)));
        }
    }
    let mut table = Table::new("supplier-parts", "Supplier parts", &SUPPLIER_PART_COLUMNS);
    table.empty = "No supplier sells this part.";
    table.pager = Some(pager(
        &format!("/web/purchasing/manufacturer-part/{pk}"),
        &[],
        "page",
        page,
        supplied.count,
    ));
    table.rows = supplied.items.iter().map(supplier_part_cells).collect();
    let heading = format!("{} · {}", row.manufacturer.name, mp.mpn);
    Ok(ObjectPage {
        layout: Layout::new(Some(&viewer), heading.clone(), Section::Purchasing),
        crumbs: vec![
            ("Companies".into(), "/web/company/".into()),
            (
                row.manufacturer.name.clone(),
                format!("/web/company/{}", row.manufacturer.id),
            ),
        ],
        heading,
        flash: String::new(),
        details,
        tables: vec![table],
        forms: Vec::new(),
    }
    .respond())
}
