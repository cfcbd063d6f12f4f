//! Listing companies and their parts with InvenTree's filters, search and orderings.
//!
//! Equality filters run in SQL. The rows a list shows carry their part and companies, which
//! are read for the matching rows in a few `IN` queries; search over those related names and
//! the orderings by them then run in memory before paging. Companies and their parts are
//! catalogue data (thousands, not millions), so this stays a handful of statements.

use std::collections::HashMap;

use diesel::prelude::*;
use stockroom_core::ModelType;

use super::{Company, ManufacturerPart, SupplierPart};
use crate::db::AnyConnection;
use crate::listing::{Listed, PageRequest};
use crate::parts::Part;
use crate::schema::{companies, manufacturer_parts, parts, stock_items, supplier_parts};
use crate::stock::{StockItem, is_in_stock};
use crate::{Store, StoreResult};

/// Which companies to list.
#[derive(Debug, Clone, Default)]
pub struct CompanyQuery {
    pub is_customer: Option<bool>,
    pub is_supplier: Option<bool>,
    pub is_manufacturer: Option<bool>,
    pub active: Option<bool>,
    /// Exact name.
    pub name: Option<String>,
    /// Name, description or website contains this (case-insensitive).
    pub search: Option<String>,
    pub ordering: Vec<(CompanyOrder, bool)>,
    pub page: PageRequest,
}

/// Sort keys of the company list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanyOrder {
    Name,
    Active,
    PartsSupplied,
    PartsManufactured,
    Id,
}

/// A company with the counts the API shows beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyRow {
    pub company: Company,
    pub parts_supplied: i64,
    pub parts_manufactured: i64,
}

/// Which manufacturer parts to list.
#[derive(Debug, Clone, Default)]
pub struct ManufacturerPartQuery {
    pub part: Option<i64>,
    pub manufacturer: Option<i64>,
    pub mpn: Option<String>,
    /// MPN, description, manufacturer name or part name, IPN or description contains this.
    pub search: Option<String>,
    pub page: PageRequest,
}

/// A manufacturer part with its part and manufacturer.
#[derive(Debug, Clone, PartialEq)]
pub struct ManufacturerPartRow {
    pub manufacturer_part: ManufacturerPart,
    pub part: Part,
    pub manufacturer: Company,
    pub barcode_hash: String,
}

/// Which supplier parts to list.
#[derive(Debug, Clone, Default)]
pub struct SupplierPartQuery {
    pub part: Option<i64>,
    pub supplier: Option<i64>,
    /// The manufacturer of the linked manufacturer part.
    pub manufacturer: Option<i64>,
    pub manufacturer_part: Option<i64>,
    pub sku: Option<String>,
    pub mpn: Option<String>,
    pub active: Option<bool>,
    /// SKU, description, supplier or manufacturer name, MPN, or part name, IPN or
    /// description contains this (case-insensitive).
    pub search: Option<String>,
    pub ordering: Vec<(SupplierPartOrder, bool)>,
    pub page: PageRequest,
}

/// Sort keys of the supplier part list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupplierPartOrder {
    Sku,
    Part,
    Supplier,
    Manufacturer,
    Mpn,
    Active,
    Packaging,
    PackQuantity,
    InStock,
    Updated,
    Id,
}

/// A supplier part with what its body shows: part, supplier, manufacturer part and stock.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplierPartRow {
    pub supplier_part: SupplierPart,
    pub part: Part,
    pub supplier: Company,
    pub manufacturer_part: Option<ManufacturerPart>,
    pub manufacturer: Option<Company>,
    /// Stock of this supplier part that is in stock, in 1/100000 units.
    pub in_stock: i64,
    pub barcode_hash: String,
}

fn contains(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(needle)
}

fn page_of<T>(mut rows: Vec<T>, page: PageRequest) -> Listed<T> {
    let count = rows.len() as i64;
    let start = usize::try_from(page.offset).unwrap_or(0).min(rows.len());
    let end = match page.limit {
        Some(limit) => start
            .saturating_add(usize::try_from(limit).unwrap_or(0))
            .min(rows.len()),
        None => rows.len(),
    };
    Listed {
        count,
        items: rows.drain(start..end).collect(),
    }
}

fn parts_by_id(conn: &mut AnyConnection, ids: &[i64]) -> StoreResult<HashMap<i64, Part>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(5000) {
        let found: Vec<Part> = parts::table
            .filter(parts::id.eq_any(chunk))
            .select(Part::as_select())
            .load(conn)?;
        out.extend(found.into_iter().map(|p| (p.id, p)));
    }
    Ok(out)
}

fn companies_by_id(conn: &mut AnyConnection, ids: &[i64]) -> StoreResult<HashMap<i64, Company>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(5000) {
        let found: Vec<Company> = companies::table
            .filter(companies::id.eq_any(chunk))
            .select(Company::as_select())
            .load(conn)?;
        out.extend(found.into_iter().map(|c| (c.id, c)));
    }
    Ok(out)
}

fn manufacturer_parts_by_id(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> StoreResult<HashMap<i64, ManufacturerPart>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(5000) {
        let found: Vec<ManufacturerPart> = manufacturer_parts::table
            .filter(manufacturer_parts::id.eq_any(chunk))
            .select(ManufacturerPart::as_select())
            .load(conn)?;
        out.extend(found.into_iter().map(|m| (m.id, m)));
    }
    Ok(out)
}

/// How many rows of `column` name each company.
fn counts_by(
    conn: &mut AnyConnection,
    supplied: bool,
    ids: &[i64],
) -> StoreResult<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(5000) {
        let rows: Vec<(i64, i64)> = if supplied {
            supplier_parts::table
                .filter(supplier_parts::supplier_id.eq_any(chunk))
                .group_by(supplier_parts::supplier_id)
                .select((supplier_parts::supplier_id, diesel::dsl::count_star()))
                .load(conn)?
        } else {
            manufacturer_parts::table
                .filter(manufacturer_parts::manufacturer_id.eq_any(chunk))
                .group_by(manufacturer_parts::manufacturer_id)
                .select((
                    manufacturer_parts::manufacturer_id,
                    diesel::dsl::count_star(),
                ))
                .load(conn)?
        };
        out.extend(rows);
    }
    Ok(out)
}

pub(super) fn company_rows(
    conn: &mut AnyConnection,
    list: Vec<Company>,
) -> StoreResult<Vec<CompanyRow>> {
    let ids: Vec<i64> = list.iter().map(|c| c.id).collect();
    let supplied = counts_by(conn, true, &ids)?;
    let made = counts_by(conn, false, &ids)?;
    Ok(list
        .into_iter()
        .map(|company| CompanyRow {
            parts_supplied: supplied.get(&company.id).copied().unwrap_or(0),
            parts_manufactured: made.get(&company.id).copied().unwrap_or(0),
            company,
        })
        .collect())
}

pub(super) fn manufacturer_part_rows(
    conn: &mut AnyConnection,
    list: Vec<ManufacturerPart>,
) -> StoreResult<Vec<ManufacturerPartRow>> {
    let part_ids: Vec<i64> = list.iter().map(|m| m.part_id).collect();
    let company_ids: Vec<i64> = list.iter().map(|m| m.manufacturer_id).collect();
    let ids: Vec<i64> = list.iter().map(|m| m.id).collect();
    let found_parts = parts_by_id(conn, &part_ids)?;
    let found_companies = companies_by_id(conn, &company_ids)?;
    let mut hashes = crate::barcodes::first_hashes(conn, ModelType::ManufacturerPart, &ids)?;
    Ok(list
        .into_iter()
        .filter_map(|m| {
            Some(ManufacturerPartRow {
                part: found_parts.get(&m.part_id)?.clone(),
                manufacturer: found_companies.get(&m.manufacturer_id)?.clone(),
                barcode_hash: hashes.remove(&m.id).unwrap_or_default(),
                manufacturer_part: m,
            })
        })
        .collect())
}

pub(super) fn supplier_part_rows(
    conn: &mut AnyConnection,
    list: Vec<SupplierPart>,
) -> StoreResult<Vec<SupplierPartRow>> {
    let ids: Vec<i64> = list.iter().map(|s| s.id).collect();
    let part_ids: Vec<i64> = list.iter().map(|s| s.part_id).collect();
    let mp_ids: Vec<i64> = list.iter().filter_map(|s| s.manufacturer_part_id).collect();
    let found_parts = parts_by_id(conn, &part_ids)?;
    let found_mps = manufacturer_parts_by_id(conn, &mp_ids)?;
    let mut company_ids: Vec<i64> = list.iter().map(|s| s.supplier_id).collect();
    company_ids.extend(found_mps.values().map(|m| m.manufacturer_id));
    company_ids.sort_unstable();
    company_ids.dedup();
    let found_companies = companies_by_id(conn, &company_ids)?;
    let mut stock: HashMap<i64, i64> = HashMap::new();
    for chunk in ids.chunks(5000) {
        let items: Vec<StockItem> = stock_items::table
            .filter(stock_items::supplier_part_id.eq_any(chunk))
            .select(StockItem::as_select())
            .load(conn)?;
        for item in items.iter().filter(|i| is_in_stock(i)) {
            if let Some(sp) = item.supplier_part_id {
                let total = stock.entry(sp).or_insert(0);
                *total = total.saturating_add(item.quantity);
            }
        }
    }
    let mut hashes = crate::barcodes::first_hashes(conn, ModelType::SupplierPart, &ids)?;
    Ok(list
        .into_iter()
        .filter_map(|s| {
            let manufacturer_part = s
                .manufacturer_part_id
                .and_then(|id| found_mps.get(&id))
                .cloned();
            let manufacturer = manufacturer_part
                .as_ref()
                .and_then(|m| found_companies.get(&m.manufacturer_id))
                .cloned();
            Some(SupplierPartRow {
                part: found_parts.get(&s.part_id)?.clone(),
                supplier: found_companies.get(&s.supplier_id)?.clone(),
                manufacturer_part,
                manufacturer,
                in_stock: stock.get(&s.id).copied().unwrap_or(0),
                barcode_hash: hashes.remove(&s.id).unwrap_or_default(),
                supplier_part: s,
            })
        })
        .collect())
}

fn part_matches(part: &Part, term: &str) -> bool {
    contains(&part.name, term)
        || contains(&part.description, term)
        || part.ipn.as_deref().is_some_and(|ipn| contains(ipn, term))
}

impl Store {
    /// Companies matching `query`, one page of them, with their part counts.
    pub fn query_companies(&self, query: &CompanyQuery) -> StoreResult<Listed<CompanyRow>> {
        self.read(|conn| {
            let mut q = companies::table.into_boxed();
            if let Some(v) = query.is_customer {
                q = q.filter(companies::is_customer.eq(v));
            }
            if let Some(v) = query.is_supplier {
                q = q.filter(companies::is_supplier.eq(v));
            }
            if let Some(v) = query.is_manufacturer {
                q = q.filter(companies::is_manufacturer.eq(v));
            }
            if let Some(v) = query.active {
                q = q.filter(companies::active.eq(v));
            }
            if let Some(name) = &query.name {
                q = q.filter(companies::name.eq(name.clone()));
            }
            let mut list: Vec<Company> = q.select(Company::as_select()).load(conn)?;
            if let Some(term) = query.search.as_deref().map(str::to_lowercase) {
                list.retain(|c| {
                    contains(&c.name, &term)
                        || contains(&c.description, &term)
                        || contains(&c.website, &term)
                });
            }
            let mut rows = company_rows(conn, list)?;
            let ordering = if query.ordering.is_empty() {
                vec![(CompanyOrder::Name, false)]
            } else {
                query.ordering.clone()
            };
            rows.sort_by(|a, b| {
                for (key, descending) in &ordering {
                    let order = match key {
                        CompanyOrder::Name => a.company.name.cmp(&b.company.name),
                        CompanyOrder::Active => a.company.active.cmp(&b.company.active),
                        CompanyOrder::PartsSupplied => a.parts_supplied.cmp(&b.parts_supplied),
                        CompanyOrder::PartsManufactured => {
                            a.parts_manufactured.cmp(&b.parts_manufactured)
                        }
                        CompanyOrder::Id => a.company.id.cmp(&b.company.id),
                    };
                    let order = if *descending { order.reverse() } else { order };
                    if order.is_ne() {
                        return order;
                    }
                }
                a.company.id.cmp(&b.company.id)
            });
            Ok(page_of(rows, query.page))
        })
    }

    /// One company with its part counts.
    pub fn company_row(&self, id: i64) -> StoreResult<CompanyRow> {
        self.read(|conn| {
            let found: Vec<Company> = companies::table
                .filter(companies::id.eq(id))
                .select(Company::as_select())
                .load(conn)?;
            company_rows(conn, found)?
                .pop()
                .ok_or(crate::StoreError::NotFound {
                    model: "Company",
                    pk: id,
                })
        })
    }

    /// Manufacturer parts matching `query`, one page of them, in primary-key order.
    pub fn query_manufacturer_parts(
        &self,
        query: &ManufacturerPartQuery,
    ) -> StoreResult<Listed<ManufacturerPartRow>> {
        self.read(|conn| {
            let mut q = manufacturer_parts::table.into_boxed();
            if let Some(part) = query.part {
                q = q.filter(manufacturer_parts::part_id.eq(part));
            }
            if let Some(m) = query.manufacturer {
                q = q.filter(manufacturer_parts::manufacturer_id.eq(m));
            }
            if let Some(mpn) = &query.mpn {
                q = q.filter(manufacturer_parts::mpn.eq(mpn.clone()));
            }
            let list: Vec<ManufacturerPart> = q
                .order(manufacturer_parts::id)
                .select(ManufacturerPart::as_select())
                .load(conn)?;
            let mut rows = manufacturer_part_rows(conn, list)?;
            if let Some(term) = query.search.as_deref().map(str::to_lowercase) {
                rows.retain(|r| {
                    contains(&r.manufacturer_part.mpn, &term)
                        || contains(&r.manufacturer_part.description, &term)
                        || contains(&r.manufacturer.name, &term)
                        || part_matches(&r.part, &term)
                });
            }
            Ok(page_of(rows, query.page))
        })
    }

    /// One manufacturer part with its part and manufacturer.
    pub fn manufacturer_part_row(&self, id: i64) -> StoreResult<ManufacturerPartRow> {
        self.read(|conn| {
            let found: Vec<ManufacturerPart> = manufacturer_parts::table
                .filter(manufacturer_parts::id.eq(id))
                .select(ManufacturerPart::as_select())
                .load(conn)?;
            manufacturer_part_rows(conn, found)?
                .pop()
                .ok_or(crate::StoreError::NotFound {
                    model: "ManufacturerPart",
                    pk: id,
                })
        })
    }

    /// Supplier parts matching `query`, one page of them.
    pub fn query_supplier_parts(
        &self,
        query: &SupplierPartQuery,
    ) -> StoreResult<Listed<SupplierPartRow>> {
        self.read(|conn| {
            let mut q = supplier_parts::table.into_boxed();
            if let Some(part) = query.part {
                q = q.filter(supplier_parts::part_id.eq(part));
            }
            if let Some(s) = query.supplier {
                q = q.filter(supplier_parts::supplier_id.eq(s));
            }
            if let Some(m) = query.manufacturer_part {
                q = q.filter(supplier_parts::manufacturer_part_id.eq(m));
            }
            if let Some(sku) = &query.sku {
                q = q.filter(supplier_parts::sku.eq(sku.clone()));
            }
            if let Some(active) = query.active {
                q = q.filter(supplier_parts::active.eq(active));
            }
            if query.manufacturer.is_some() || query.mpn.is_some() {
                let mut mps = manufacturer_parts::table.into_boxed();
                if let Some(m) = query.manufacturer {
                    mps = mps.filter(manufacturer_parts::manufacturer_id.eq(m));
                }
                if let Some(mpn) = &query.mpn {
                    mps = mps.filter(manufacturer_parts::mpn.eq(mpn.clone()));
                }
                let ids: Vec<i64> = mps.select(manufacturer_parts::id).load(conn)?;
                q = q.filter(supplier_parts::manufacturer_part_id.eq_any(ids));
            }
            let list: Vec<SupplierPart> = q
                .order(supplier_parts::id)
                .select(SupplierPart::as_select())
                .load(conn)?;
            let mut rows = supplier_part_rows(conn, list)?;
            if let Some(term) = query.search.as_deref().map(str::to_lowercase) {
                rows.retain(|r| {
                    let sp = &r.supplier_part;
                    contains(&sp.sku, &term)
                        || contains(&sp.description, &term)
                        || contains(&r.supplier.name, &term)
                        || r.manufacturer
                            .as_ref()
                            .is_some_and(|m| contains(&m.name, &term))
                        || r.manufacturer_part
                            .as_ref()
                            .is_some_and(|m| contains(&m.mpn, &term))
                        || part_matches(&r.part, &term)
                });
            }
            rows.sort_by(|a, b| {
                for (key, descending) in &query.ordering {
                    let (x, y) = (&a.supplier_part, &b.supplier_part);
                    let name =
                        |r: &SupplierPartRow| r.manufacturer.as_ref().map(|m| m.name.clone());
                    let mpn =
                        |r: &SupplierPartRow| r.manufacturer_part.as_ref().map(|m| m.mpn.clone());
                    let order = match key {
                        SupplierPartOrder::Sku => x.sku.cmp(&y.sku),
                        SupplierPartOrder::Part => a.part.name.cmp(&b.part.name),
                        SupplierPartOrder::Supplier => a.supplier.name.cmp(&b.supplier.name),
                        SupplierPartOrder::Manufacturer => name(a).cmp(&name(b)),
                        SupplierPartOrder::Mpn => mpn(a).cmp(&mpn(b)),
                        SupplierPartOrder::Active => x.active.cmp(&y.active),
                        SupplierPartOrder::Packaging => x.packaging.cmp(&y.packaging),
                        SupplierPartOrder::PackQuantity => {
                            x.pack_quantity_native.cmp(&y.pack_quantity_native)
                        }
                        SupplierPartOrder::InStock => a.in_stock.cmp(&b.in_stock),
                        SupplierPartOrder::Updated => x.updated.cmp(&y.updated),
                        SupplierPartOrder::Id => x.id.cmp(&y.id),
                    };
                    let order = if *descending { order.reverse() } else { order };
                    if order.is_ne() {
                        return order;
                    }
                }
                a.supplier_part.id.cmp(&b.supplier_part.id)
            });
            Ok(page_of(rows, query.page))
        })
    }

    /// One supplier part with its part, companies and stock.
    pub fn supplier_part_row(&self, id: i64) -> StoreResult<SupplierPartRow> {
        self.read(|conn| {
            let found: Vec<SupplierPart> = supplier_parts::table
                .filter(supplier_parts::id.eq(id))
                .select(SupplierPart::as_select())
                .load(conn)?;
            supplier_part_rows(conn, found)?
                .pop()
                .ok_or(crate::StoreError::NotFound {
                    model: "SupplierPart",
                    pk: id,
                })
        })
    }
}
