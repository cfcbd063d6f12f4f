//! Reading purchase orders and their lines with what the API shows beside them: line
//! counts, overdue flags, totals, suppliers, supplier parts and parts, a page at a time.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use stockroom_core::ModelType;

use super::purchase::{PurchaseOrder, PurchaseOrderLine};
use super::purchase_ops::{PO_OPEN, load_line, load_order};
use crate::companies::{Company, ManufacturerPart, SupplierPart};
use crate::db::AnyConnection;
use crate::listing::{Listed, PageRequest, contains_pattern, lower};
use crate::parts::Part;
use crate::schema::{
    companies, manufacturer_parts, parts, purchase_order_lines, purchase_orders, supplier_parts,
    users,
};
use crate::{Store, StoreResult};

/// A user as order bodies show their creator.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct UserBrief {
    pub id: i64,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

/// An order with its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseOrderRow {
    pub order: PurchaseOrder,
    pub supplier: Option<Company>,
    pub line_items: i64,
    pub completed_lines: i64,
    pub overdue: bool,
    /// Sum of priced lines' `price × quantity`; `None` when no line has a price.
    pub total_price: Option<f64>,
    pub barcode_hash: String,
    pub created_by: Option<UserBrief>,
}

/// Sort keys of the order list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoOrder {
    /// By `reference_int`, then the text.
    Reference,
    CreationDate,
    StartDate,
    TargetDate,
    CompleteDate,
    SupplierName,
    Status,
    LineItems,
    Id,
}

/// Filters of the order list; `None` does not filter.
#[derive(Debug, Clone, Default)]
pub struct PoQuery {
    pub status: Option<i32>,
    pub outstanding: Option<bool>,
    pub overdue: Option<bool>,
    pub supplier: Option<i64>,
    /// Exact, case-insensitive.
    pub reference: Option<String>,
    pub search: Option<String>,
    pub ordering: Vec<(PoOrder, bool)>,
    pub page: PageRequest,
}

/// A line with the objects its body shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PoLineRow {
    pub line: PurchaseOrderLine,
    pub order: PurchaseOrder,
    pub supplier_part: Option<SupplierPart>,
    pub mpn: Option<String>,
    pub part: Option<Part>,
    pub overdue: bool,
}

/// Filters of the line list.
#[derive(Debug, Clone, Default)]
pub struct PoLineQuery {
    pub order: Option<i64>,
    /// A supplier part.
    pub part: Option<i64>,
    /// The internal part the supplier part is of.
    pub base_part: Option<i64>,
    /// Lines of open orders (or not).
    pub pending: Option<bool>,
    /// Fully received lines (or, when false, lines of open orders still expecting goods).
    pub received: Option<bool>,
    pub has_pricing: Option<bool>,
    pub page: PageRequest,
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn is_overdue(order: &PurchaseOrder) -> bool {
    PO_OPEN.contains(&order.status) && order.target_date.is_some_and(|d| d < today())
}

fn price(text: Option<&str>) -> Option<f64> {
    text.and_then(|t| t.trim().parse::<f64>().ok())
        .filter(|p| p.is_finite())
}

fn by_id<T>(rows: Vec<T>, id: impl Fn(&T) -> i64) -> HashMap<i64, T> {
    rows.into_iter().map(|r| (id(&r), r)).collect()
}

fn order_rows(
    conn: &mut AnyConnection,
    orders: Vec<PurchaseOrder>,
) -> StoreResult<Vec<PurchaseOrderRow>> {
    let ids: Vec<i64> = orders.iter().map(|o| o.id).collect();
    let lines: Vec<(i64, i64, i64, Option<String>)> = purchase_order_lines::table
        .filter(purchase_order_lines::order_id.eq_any(&ids))
        .select((
            purchase_order_lines::order_id,
            purchase_order_lines::quantity,
            purchase_order_lines::received,
            purchase_order_lines::purchase_price,
        ))
        .load(conn)?;
    let supplier_ids: Vec<i64> = orders.iter().filter_map(|o| o.supplier_id).collect();
    let suppliers = by_id(
        companies::table
            .filter(companies::id.eq_any(&supplier_ids))
            .select(Company::as_select())
            .load(conn)?,
        |c| c.id,
    );
    let user_ids: Vec<i64> = orders.iter().filter_map(|o| o.created_by_id).collect();
    let creators = by_id(
        users::table
            .filter(users::id.eq_any(&user_ids))
            .select((
                users::id,
                users::username,
                users::first_name,
                users::last_name,
                users::email,
            ))
            .load::<UserBrief>(conn)?,
        |u| u.id,
    );
    let hashes = crate::barcodes::first_hashes(conn, ModelType::PurchaseOrder, &ids)?;
    Ok(orders
        .into_iter()
        .map(|order| {
            let mine = lines.iter().filter(|l| l.0 == order.id);
            let (mut count, mut done, mut total) = (0, 0, None::<f64>);
            for (_, quantity, received, each) in mine {
                count += 1;
                if received >= quantity {
                    done += 1;
                }
                if let Some(each) = price(each.as_deref()) {
                    let line = each * stockroom_core::Quantity::from_units(*quantity).to_f64();
                    total = Some(total.unwrap_or(0.0) + line);
                }
            }
            PurchaseOrderRow {
                supplier: order.supplier_id.and_then(|s| suppliers.get(&s).cloned()),
                created_by: order.created_by_id.and_then(|u| creators.get(&u).cloned()),
                barcode_hash: hashes.get(&order.id).cloned().unwrap_or_default(),
                overdue: is_overdue(&order),
                line_items: count,
                completed_lines: done,
                total_price: total,
                order,
            }
        })
        .collect())
}

fn compare(a: &PurchaseOrderRow, b: &PurchaseOrderRow, key: PoOrder) -> std::cmp::Ordering {
    let (x, y) = (&a.order, &b.order);
    match key {
        PoOrder::Reference => (x.reference_int, &x.reference).cmp(&(y.reference_int, &y.reference)),
        PoOrder::CreationDate => x.creation_date.cmp(&y.creation_date),
        PoOrder::StartDate => x.start_date.cmp(&y.start_date),
        PoOrder::TargetDate => x.target_date.cmp(&y.target_date),
        PoOrder::CompleteDate => x.complete_date.cmp(&y.complete_date),
        PoOrder::SupplierName => {
            let name = |r: &PurchaseOrderRow| r.supplier.as_ref().map(|s| s.name.clone());
            name(a).cmp(&name(b))
        }
        PoOrder::Status => x.status.cmp(&y.status),
        PoOrder::LineItems => a.line_items.cmp(&b.line_items),
        PoOrder::Id => x.id.cmp(&y.id),
    }
}

fn page<T>(items: Vec<T>, page: PageRequest) -> Vec<T> {
    let offset = usize::try_from(page.offset.max(0)).unwrap_or(usize::MAX);
    let limit = page.limit.map_or(usize::MAX, |l| {
        usize::try_from(l.max(0)).unwrap_or(usize::MAX)
    });
    items.into_iter().skip(offset).take(limit).collect()
}

fn line_rows(
    conn: &mut AnyConnection,
    lines: Vec<PurchaseOrderLine>,
) -> StoreResult<Vec<PoLineRow>> {
    let order_ids: Vec<i64> = lines.iter().map(|l| l.order_id).collect();
    let orders = by_id(
        purchase_orders::table
            .filter(purchase_orders::id.eq_any(&order_ids))
            .select(PurchaseOrder::as_select())
            .load(conn)?,
        |o| o.id,
    );
    let sp_ids: Vec<i64> = lines.iter().filter_map(|l| l.supplier_part_id).collect();
    let sps = by_id(
        supplier_parts::table
            .filter(supplier_parts::id.eq_any(&sp_ids))
            .select(SupplierPart::as_select())
            .load(conn)?,
        |s| s.id,
    );
    let mp_ids: Vec<i64> = sps
        .values()
        .filter_map(|s| s.manufacturer_part_id)
        .collect();
    let mps = by_id(
        manufacturer_parts::table
            .filter(manufacturer_parts::id.eq_any(&mp_ids))
            .select(ManufacturerPart::as_select())
            .load(conn)?,
        |m| m.id,
    );
    let part_ids: Vec<i64> = sps.values().map(|s| s.part_id).collect();
    let found_parts = by_id(
        parts::table
            .filter(parts::id.eq_any(&part_ids))
            .select(Part::as_select())
            .load(conn)?,
        |p| p.id,
    );
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let Some(order) = orders.get(&line.order_id).cloned() else {
            continue;
        };
        let supplier_part = line.supplier_part_id.and_then(|s| sps.get(&s).cloned());
        let mpn = supplier_part
            .as_ref()
            .and_then(|s| s.manufacturer_part_id)
            .and_then(|m| mps.get(&m))
            .map(|m| m.mpn.clone());
        let part = supplier_part
            .as_ref()
            .and_then(|s| found_parts.get(&s.part_id).cloned());
        let overdue = line.received < line.quantity
            && PO_OPEN.contains(&order.status)
            && line.target_date.is_some_and(|d| d < today());
        out.push(PoLineRow {
            line,
            order,
            supplier_part,
            mpn,
            part,
            overdue,
        });
    }
    Ok(out)
}

impl Store {
    /// One order with its figures.
    pub fn purchase_order_row(&self, id: i64) -> StoreResult<PurchaseOrderRow> {
        self.read(|conn| {
            let order = load_order(conn, id)?;
            let mut rows = order_rows(conn, vec![order])?;
            rows.pop().ok_or(crate::StoreError::NotFound {
                model: "PurchaseOrder",
                pk: id,
            })
        })
    }

    /// A page of orders matching `query`, in its order (by default newest reference first).
    pub fn query_purchase_orders(&self, query: &PoQuery) -> StoreResult<Listed<PurchaseOrderRow>> {
        self.read(|conn| {
            let mut q = purchase_orders::table
                .select(PurchaseOrder::as_select())
                .into_boxed();
            if let Some(status) = query.status {
                q = q.filter(purchase_orders::status.eq(status));
            }
            match query.outstanding {
                Some(true) => q = q.filter(purchase_orders::status.eq_any(PO_OPEN)),
                Some(false) => q = q.filter(purchase_orders::status.ne_all(PO_OPEN)),
                None => {}
            }
            if let Some(supplier) = query.supplier {
                q = q.filter(purchase_orders::supplier_id.eq(supplier));
            }
            if let Some(reference) = &query.reference {
                q = q.filter(lower(purchase_orders::reference).eq(reference.to_lowercase()));
            }
            if let Some(term) = &query.search {
                let pattern = contains_pattern(term);
                let suppliers: Vec<i64> = companies::table
                    .filter(lower(companies::name).like(pattern.clone()).escape('\\'))
                    .select(companies::id)
                    .load(conn)?;
                q = q.filter(
                    lower(purchase_orders::reference)
                        .like(pattern.clone())
                        .escape('\\')
                        .or(lower(purchase_orders::supplier_reference)
                            .like(pattern.clone())
                            .escape('\\'))
                        .or(lower(purchase_orders::description)
                            .like(pattern)
                            .escape('\\'))
                        .or(purchase_orders::supplier_id.eq_any(suppliers)),
                );
            }
            let mut orders: Vec<PurchaseOrder> = q.load(conn)?;
            if let Some(wanted) = query.overdue {
                orders.retain(|o| is_overdue(o) == wanted);
            }
            let mut rows = order_rows(conn, orders)?;
            let ordering = if query.ordering.is_empty() {
                vec![(PoOrder::Reference, true)]
            } else {
                query.ordering.clone()
            };
            rows.sort_by(|a, b| {
                for (key, descending) in &ordering {
                    let order = compare(a, b, *key);
                    let order = if *descending { order.reverse() } else { order };
                    if order.is_ne() {
                        return order;
                    }
                }
                a.order.id.cmp(&b.order.id)
            });
            let count = rows.len() as i64;
            Ok(Listed {
                count,
                items: page(rows, query.page),
            })
        })
    }

    /// One line with the objects its body shows.
    pub fn po_line_row(&self, id: i64) -> StoreResult<PoLineRow> {
        self.read(|conn| {
            let line = load_line(conn, id)?;
            let mut rows = line_rows(conn, vec![line])?;
            rows.pop().ok_or(crate::StoreError::NotFound {
                model: "PurchaseOrderLineItem",
                pk: id,
            })
        })
    }

    /// A page of lines matching `query`, in primary-key order.
    pub fn query_po_lines(&self, query: &PoLineQuery) -> StoreResult<Listed<PoLineRow>> {
        self.read(|conn| {
            let mut q = purchase_order_lines::table
                .select(PurchaseOrderLine::as_select())
                .order(purchase_order_lines::id)
                .into_boxed();
            if let Some(order) = query.order {
                q = q.filter(purchase_order_lines::order_id.eq(order));
            }
            if let Some(part) = query.part {
                q = q.filter(purchase_order_lines::supplier_part_id.eq(part));
            }
            if let Some(base) = query.base_part {
                let sps: Vec<i64> = supplier_parts::table
                    .filter(supplier_parts::part_id.eq(base))
                    .select(supplier_parts::id)
                    .load(conn)?;
                q = q.filter(purchase_order_lines::supplier_part_id.eq_any(sps));
            }
            match query.has_pricing {
                Some(true) => q = q.filter(purchase_order_lines::purchase_price.is_not_null()),
                Some(false) => q = q.filter(purchase_order_lines::purchase_price.is_null()),
                None => {}
            }
            let lines: Vec<PurchaseOrderLine> = q.load(conn)?;
            let mut rows = line_rows(conn, lines)?;
            let open = |r: &PoLineRow| PO_OPEN.contains(&r.order.status);
            if let Some(pending) = query.pending {
                rows.retain(|r| open(r) == pending);
            }
            match query.received {
                Some(true) => rows.retain(|r| r.line.received >= r.line.quantity),
                Some(false) => rows.retain(|r| r.line.received < r.line.quantity && open(r)),
                None => {}
            }
            let count = rows.len() as i64;
            Ok(Listed {
                count,
                items: page(rows, query.page),
            })
        })
    }
}
