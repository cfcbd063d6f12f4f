//! Reading sales orders, lines, shipments and allocations with the figures the API shows
//! (line counts, allocated quantities, barcode hashes) and InvenTree's list filters.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use stockroom_core::ModelType;
use stockroom_core::status::{STOCK_AVAILABLE, so_status};

use super::sales::{SalesOrder, SalesOrderAllocation, SalesOrderLine, Shipment};
use super::stock_moves::SO_OPEN;
use crate::barcodes::first_hashes;
use crate::companies::Company;
use crate::db::AnyConnection;
use crate::listing::{Listed, PageRequest, contains_pattern, lower};
use crate::schema::{
    build_items, companies, parts, sales_order_allocations, sales_order_lines,
    sales_order_shipments, sales_orders, stock_items,
};
use crate::{Store, StoreError, StoreResult};

/// `SalesOrderStatusGroups.COMPLETE`.
pub const SO_COMPLETE: [i32; 2] = [so_status::SHIPPED, so_status::COMPLETE];

/// A sales order with what its list and detail show.
#[derive(Debug, Clone, PartialEq)]
pub struct SalesOrderRow {
    pub order: SalesOrder,
    pub customer: Option<Company>,
    pub line_items: i64,
    pub completed_lines: i64,
    pub shipments: i64,
    pub completed_shipments: i64,
    pub barcode_hash: String,
}

/// Sort keys of the sales order list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SalesOrderOrder {
    /// By the number in the reference, then the text.
    Reference,
    CreationDate,
    CustomerReference,
    Status,
    StartDate,
    TargetDate,
    ShipmentDate,
    Id,
}

/// The sales order list's filters.
#[derive(Debug, Clone, Default)]
pub struct SalesOrderQuery {
    pub status: Option<i32>,
    /// Open (pending, in progress, on hold) or not.
    pub outstanding: Option<bool>,
    pub overdue: Option<bool>,
    pub customer: Option<i64>,
    pub reference: Option<String>,
    pub search: Option<String>,
    pub ordering: Vec<(SalesOrderOrder, bool)>,
    pub page: PageRequest,
}

/// A line with its allocated quantity and its order's status.
#[derive(Debug, Clone, PartialEq)]
pub struct SalesLineRow {
    pub line: SalesOrderLine,
    pub order_status: i32,
    pub allocated: i64,
    /// The part's stock not yet allocated to open orders or builds.
    pub available_stock: i64,
}

/// The line list's filters.
#[derive(Debug, Clone, Default)]
pub struct SalesLineQuery {
    pub order: Option<i64>,
    pub part: Option<i64>,
    pub has_pricing: Option<bool>,
    pub completed: Option<bool>,
    pub allocated: Option<bool>,
    pub order_outstanding: Option<bool>,
    pub order_complete: Option<bool>,
    pub search: Option<String>,
    pub page: PageRequest,
}

/// A shipment with its allocation count and barcode hash.
#[derive(Debug, Clone, PartialEq)]
pub struct ShipmentRow {
    pub shipment: Shipment,
    pub allocated_items: i64,
    pub barcode_hash: String,
}

/// The shipment list's filters.
#[derive(Debug, Clone, Default)]
pub struct ShipmentQuery {
    pub order: Option<i64>,
    pub shipped: Option<bool>,
    pub delivered: Option<bool>,
    pub checked: Option<bool>,
    pub order_outstanding: Option<bool>,
    pub order_status: Option<i32>,
    pub search: Option<String>,
    pub page: PageRequest,
}

/// An allocation with what it points through to.
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationRow {
    pub allocation: SalesOrderAllocation,
    pub order_id: i64,
    pub part_id: i64,
    pub serial: Option<String>,
    pub location_id: Option<i64>,
}

/// The allocation list's filters.
#[derive(Debug, Clone, Default)]
pub struct AllocationQuery {
    pub order: Option<i64>,
    pub line: Option<i64>,
    pub part: Option<i64>,
    pub item: Option<i64>,
    pub shipment: Option<Option<i64>>,
    /// Held by an open order and not yet shipped.
    pub outstanding: Option<bool>,
    pub assigned_to_shipment: Option<bool>,
    pub page: PageRequest,
}

/// An allocation with its order, the item's part, serial and location.
type AllocationJoin = (SalesOrderAllocation, i64, i64, Option<String>, Option<i64>);

fn page_of<T>(rows: Vec<T>, page: PageRequest) -> Vec<T> {
    let start = usize::try_from(page.offset).unwrap_or(0).min(rows.len());
    let end = match page.limit {
        Some(limit) => start
            .saturating_add(usize::try_from(limit).unwrap_or(0))
            .min(rows.len()),
        None => rows.len(),
    };
    rows.into_iter().skip(start).take(end - start).collect()
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// True when an order is overdue: open, with a target date in the past.
pub fn order_overdue(order: &SalesOrder) -> bool {
    SO_OPEN.contains(&order.status) && order.target_date.is_some_and(|d| d < today())
}

/// True when a line is overdue: its order open, not fully shipped, target date past.
pub fn line_overdue(row: &SalesLineRow) -> bool {
    SO_OPEN.contains(&row.order_status)
        && row.line.shipped < row.line.quantity
        && row.line.target_date.is_some_and(|d| d < today())
}

/// Completes loaded orders into rows: customers, line and shipment counts, barcode hashes.
pub(crate) fn order_rows(
    conn: &mut AnyConnection,
    orders: Vec<SalesOrder>,
) -> StoreResult<Vec<SalesOrderRow>> {
    let ids: Vec<i64> = orders.iter().map(|o| o.id).collect();
    let customer_ids: Vec<i64> = orders.iter().filter_map(|o| o.customer_id).collect();
    let customers: HashMap<i64, Company> = companies::table
        .filter(companies::id.eq_any(&customer_ids))
        .select(Company::as_select())
        .load(conn)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let lines: Vec<(i64, i64, i64)> = sales_order_lines::table
        .filter(sales_order_lines::order_id.eq_any(&ids))
        .select((
            sales_order_lines::order_id,
            sales_order_lines::quantity,
            sales_order_lines::shipped,
        ))
        .load(conn)?;
    let shipments: Vec<(i64, Option<NaiveDate>)> = sales_order_shipments::table
        .filter(sales_order_shipments::order_id.eq_any(&ids))
        .select((
            sales_order_shipments::order_id,
            sales_order_shipments::shipment_date,
        ))
        .load(conn)?;
    let mut hashes = first_hashes(conn, ModelType::SalesOrder, &ids)?;
    Ok(orders
        .into_iter()
        .map(|order| {
            let own = lines.iter().filter(|(o, _, _)| *o == order.id);
            let (line_items, completed_lines) = own.fold((0, 0), |(n, done), (_, q, s)| {
                (n + 1, done + i64::from(q <= s))
            });
            let sent = shipments.iter().filter(|(o, _)| *o == order.id);
            let (count, completed) = sent.fold((0, 0), |(n, done), (_, d)| {
                (n + 1, done + i64::from(d.is_some()))
            });
            SalesOrderRow {
                customer: order.customer_id.and_then(|c| customers.get(&c).cloned()),
                barcode_hash: hashes.remove(&order.id).unwrap_or_default(),
                line_items,
                completed_lines,
                shipments: count,
                completed_shipments: completed,
                order,
            }
        })
        .collect())
}

fn not_found(model: &'static str, pk: i64) -> StoreError {
    StoreError::NotFound { model, pk }
}

impl Store {
    /// Sales orders matching `query`, one page of them, with their figures.
    pub fn query_sales_orders(
        &self,
        query: &SalesOrderQuery,
    ) -> StoreResult<Listed<SalesOrderRow>> {
        self.read(|conn| {
            let filtered = || {
                let mut q = sales_orders::table.into_boxed();
                if let Some(status) = query.status {
                    q = q.filter(sales_orders::status.eq(status));
                }
                match query.outstanding {
                    Some(true) => q = q.filter(sales_orders::status.eq_any(SO_OPEN)),
                    Some(false) => q = q.filter(sales_orders::status.ne_all(SO_OPEN)),
                    None => {}
                }
                let overdue = sales_orders::status
                    .eq_any(SO_OPEN)
                    .and(sales_orders::target_date.is_not_null())
                    .and(sales_orders::target_date.lt(today()));
                match query.overdue {
                    Some(true) => q = q.filter(overdue.assume_not_null()),
                    Some(false) => q = q.filter(diesel::dsl::not(overdue.assume_not_null())),
                    None => {}
                }
                if let Some(customer) = query.customer {
                    q = q.filter(sales_orders::customer_id.eq(customer));
                }
                if let Some(reference) = &query.reference {
                    q = q.filter(sales_orders::reference.eq(reference.clone()));
                }
                if let Some(term) = &query.search {
                    let pattern = contains_pattern(term);
                    let named = companies::table
                        .filter(lower(companies::name).like(pattern.clone()).escape('\\'))
                        .select(companies::id.nullable());
                    q = q.filter(
                        lower(sales_orders::reference)
                            .like(pattern.clone())
                            .escape('\\')
                            .or(lower(sales_orders::description)
                                .like(pattern.clone())
                                .escape('\\'))
                            .or(lower(sales_orders::customer_reference)
                                .like(pattern)
                                .escape('\\'))
                            .or(sales_orders::customer_id.eq_any(named).assume_not_null()),
                    );
                }
                q
            };
            let count: i64 = filtered().count().get_result(conn)?;
            let mut q = filtered();
            let ordering = if query.ordering.is_empty() {
                vec![(SalesOrderOrder::Reference, true)]
            } else {
                query.ordering.clone()
            };
            for (key, desc) in ordering {
                q = match (key, desc) {
                    (SalesOrderOrder::Reference, false) => q
                        .then_order_by(sales_orders::reference_int.asc())
                        .then_order_by(sales_orders::reference.asc()),
                    (SalesOrderOrder::Reference, true) => q
                        .then_order_by(sales_orders::reference_int.desc())
                        .then_order_by(sales_orders::reference.desc()),
                    (SalesOrderOrder::CreationDate, false) => {
                        q.then_order_by(sales_orders::creation_date.asc())
                    }
                    (SalesOrderOrder::CreationDate, true) => {
                        q.then_order_by(sales_orders::creation_date.desc())
                    }
                    (SalesOrderOrder::CustomerReference, false) => {
                        q.then_order_by(sales_orders::customer_reference.asc())
                    }
                    (SalesOrderOrder::CustomerReference, true) => {
                        q.then_order_by(sales_orders::customer_reference.desc())
                    }
                    (SalesOrderOrder::Status, false) => q.then_order_by(sales_orders::status.asc()),
                    (SalesOrderOrder::Status, true) => q.then_order_by(sales_orders::status.desc()),
                    (SalesOrderOrder::StartDate, false) => {
                        q.then_order_by(sales_orders::start_date.asc())
                    }
                    (SalesOrderOrder::StartDate, true) => {
                        q.then_order_by(sales_orders::start_date.desc())
                    }
                    (SalesOrderOrder::TargetDate, false) => {
                        q.then_order_by(sales_orders::target_date.asc())
                    }
                    (SalesOrderOrder::TargetDate, true) => {
                        q.then_order_by(sales_orders::target_date.desc())
                    }
                    (SalesOrderOrder::ShipmentDate, false) => {
                        q.then_order_by(sales_orders::shipment_date.asc())
                    }
                    (SalesOrderOrder::ShipmentDate, true) => {
                        q.then_order_by(sales_orders::shipment_date.desc())
                    }
                    (SalesOrderOrder::Id, false) => q.then_order_by(sales_orders::id.asc()),
                    (SalesOrderOrder::Id, true) => q.then_order_by(sales_orders::id.desc()),
                };
            }
            q = q.then_order_by(sales_orders::id.asc());
            if let Some(limit) = query.page.limit {
                q = q.limit(limit).offset(query.page.offset);
            } else if query.page.offset > 0 {
                q = q.limit(i64::MAX).offset(query.page.offset);
            }
            let orders: Vec<SalesOrder> = q.select(SalesOrder::as_select()).load(conn)?;
            Ok(Listed {
                count,
                items: order_rows(conn, orders)?,
            })
        })
    }

    /// One sales order with its figures.
    pub fn sales_order_row(&self, id: i64) -> StoreResult<SalesOrderRow> {
        self.read(|conn| {
            let found: Vec<SalesOrder> = sales_orders::table
                .filter(sales_orders::id.eq(id))
                .select(SalesOrder::as_select())
                .load(conn)?;
            order_rows(conn, found)?
                .pop()
                .ok_or(not_found("SalesOrder", id))
        })
    }

    /// The sales orders with these ids, with their figures (missing ids are skipped).
    pub fn sales_order_rows(&self, ids: &[i64]) -> StoreResult<Vec<SalesOrderRow>> {
        self.read(|conn| {
            let found: Vec<SalesOrder> = sales_orders::table
                .filter(sales_orders::id.eq_any(ids))
                .select(SalesOrder::as_select())
                .load(conn)?;
            order_rows(conn, found)
        })
    }

    /// Sales order lines matching `query`, with their allocated quantities.
    pub fn query_sales_lines(&self, query: &SalesLineQuery) -> StoreResult<Listed<SalesLineRow>> {
        self.read(|conn| {
            let mut q = sales_order_lines::table
                .inner_join(sales_orders::table)
                .into_boxed();
            if let Some(order) = query.order {
                q = q.filter(sales_order_lines::order_id.eq(order));
            }
            if let Some(part) = query.part {
                q = q.filter(sales_order_lines::part_id.eq(part));
            }
            match query.has_pricing {
                Some(true) => q = q.filter(sales_order_lines::sale_price.is_not_null()),
                Some(false) => q = q.filter(sales_order_lines::sale_price.is_null()),
                None => {}
            }
            match query.order_outstanding {
                Some(true) => q = q.filter(sales_orders::status.eq_any(SO_OPEN)),
                Some(false) => q = q.filter(sales_orders::status.ne_all(SO_OPEN)),
                None => {}
            }
            match query.order_complete {
                Some(true) => q = q.filter(sales_orders::status.eq_any(SO_COMPLETE)),
                Some(false) => q = q.filter(sales_orders::status.ne_all(SO_COMPLETE)),
                None => {}
            }
            if let Some(term) = &query.search {
                let pattern = contains_pattern(term);
                let named = parts::table
                    .filter(lower(parts::name).like(pattern.clone()).escape('\\'))
                    .select(parts::id.nullable());
                q = q.filter(
                    lower(sales_order_lines::reference)
                        .like(pattern)
                        .escape('\\')
                        .or(sales_order_lines::part_id.eq_any(named).assume_not_null()),
                );
            }
            let loaded: Vec<(SalesOrderLine, i32)> = q
                .order(sales_order_lines::id)
                .select((SalesOrderLine::as_select(), sales_orders::status))
                .load(conn)?;
            let ids: Vec<i64> = loaded.iter().map(|(l, _)| l.id).collect();
            let allocated = allocated_per_line(conn, &ids)?;
            let part_ids: Vec<i64> = loaded.iter().filter_map(|(l, _)| l.part_id).collect();
            let available = available_per_part(conn, &part_ids)?;
            let rows: Vec<SalesLineRow> = loaded
                .into_iter()
                .map(|(line, order_status)| SalesLineRow {
                    allocated: allocated.get(&line.id).copied().unwrap_or(0),
                    available_stock: line
                        .part_id
                        .and_then(|p| available.get(&p).copied())
                        .unwrap_or(0),
                    line,
                    order_status,
                })
                .filter(|row| match query.completed {
                    Some(done) => (row.line.shipped >= row.line.quantity) == done,
                    None => true,
                })
                .filter(|row| match query.allocated {
                    Some(full) => (row.allocated >= row.line.quantity) == full,
                    None => true,
                })
                .collect();
            let count = rows.len() as i64;
            Ok(Listed {
                count,
                items: page_of(rows, query.page),
            })
        })
    }

    /// One line with its allocated quantity.
    pub fn sales_line_row(&self, id: i64) -> StoreResult<SalesLineRow> {
        self.read(|conn| {
            let found: Vec<(SalesOrderLine, i32)> = sales_order_lines::table
                .inner_join(sales_orders::table)
                .filter(sales_order_lines::id.eq(id))
                .select((SalesOrderLine::as_select(), sales_orders::status))
                .load(conn)?;
            let (line, order_status) = found
                .into_iter()
                .next()
                .ok_or(not_found("SalesOrderLineItem", id))?;
            let allocated = allocated_per_line(conn, &[id])?
                .get(&id)
                .copied()
                .unwrap_or(0);
            let part_ids: Vec<i64> = line.part_id.into_iter().collect();
            let available_stock = available_per_part(conn, &part_ids)?.values().sum();
            Ok(SalesLineRow {
                line,
                order_status,
                allocated,
                available_stock,
            })
        })
    }

    /// Shipments matching `query`, with their allocation counts.
    pub fn query_shipments(&self, query: &ShipmentQuery) -> StoreResult<Listed<ShipmentRow>> {
        self.read(|conn| {
            let filtered = || {
                let mut q = sales_order_shipments::table
                    .inner_join(sales_orders::table)
                    .into_boxed();
                if let Some(order) = query.order {
                    q = q.filter(sales_order_shipments::order_id.eq(order));
                }
                match query.shipped {
                    Some(true) => q = q.filter(sales_order_shipments::shipment_date.is_not_null()),
                    Some(false) => q = q.filter(sales_order_shipments::shipment_date.is_null()),
                    None => {}
                }
                match query.delivered {
                    Some(true) => q = q.filter(sales_order_shipments::delivery_date.is_not_null()),
                    Some(false) => q = q.filter(sales_order_shipments::delivery_date.is_null()),
                    None => {}
                }
                match query.checked {
                    Some(true) => q = q.filter(sales_order_shipments::checked_by_id.is_not_null()),
                    Some(false) => q = q.filter(sales_order_shipments::checked_by_id.is_null()),
                    None => {}
                }
                match query.order_outstanding {
                    Some(true) => q = q.filter(sales_orders::status.eq_any(SO_OPEN)),
                    Some(false) => q = q.filter(sales_orders::status.ne_all(SO_OPEN)),
                    None => {}
                }
                if let Some(status) = query.order_status {
                    q = q.filter(sales_orders::status.eq(status));
                }
                if let Some(term) = &query.search {
                    let pattern = contains_pattern(term);
                    q = q.filter(
                        lower(sales_order_shipments::reference)
                            .like(pattern.clone())
                            .escape('\\')
                            .or(lower(sales_orders::reference)
                                .like(pattern.clone())
                                .escape('\\'))
                            .or(lower(sales_order_shipments::tracking_number)
                                .like(pattern.clone())
                                .escape('\\'))
                            .or(lower(sales_order_shipments::invoice_number)
                                .like(pattern)
                                .escape('\\')),
                    );
                }
                q
            };
            let count: i64 = filtered().count().get_result(conn)?;
            let mut q = filtered().order(sales_order_shipments::id);
            if let Some(limit) = query.page.limit {
                q = q.limit(limit).offset(query.page.offset);
            } else if query.page.offset > 0 {
                q = q.limit(i64::MAX).offset(query.page.offset);
            }
            let shipments: Vec<Shipment> = q.select(Shipment::as_select()).load(conn)?;
            Ok(Listed {
                count,
                items: shipment_rows(conn, shipments)?,
            })
        })
    }

    /// One shipment with its allocation count.
    pub fn shipment_row(&self, id: i64) -> StoreResult<ShipmentRow> {
        self.read(|conn| {
            let found: Vec<Shipment> = sales_order_shipments::table
                .filter(sales_order_shipments::id.eq(id))
                .select(Shipment::as_select())
                .load(conn)?;
            shipment_rows(conn, found)?
                .pop()
                .ok_or(not_found("SalesOrderShipment", id))
        })
    }

    /// Allocations matching `query`.
    pub fn query_sales_allocations(
        &self,
        query: &AllocationQuery,
    ) -> StoreResult<Listed<AllocationRow>> {
        self.read(|conn| {
            let filtered = || {
                let mut q = sales_order_allocations::table
                    .inner_join(sales_order_lines::table.inner_join(sales_orders::table))
                    .inner_join(
                        stock_items::table.on(stock_items::id.eq(sales_order_allocations::item_id)),
                    )
                    .left_join(
                        sales_order_shipments::table.on(sales_order_shipments::id
                            .nullable()
                            .eq(sales_order_allocations::shipment_id)),
                    )
                    .into_boxed();
                if let Some(order) = query.order {
                    q = q.filter(sales_order_lines::order_id.eq(order));
                }
                if let Some(line) = query.line {
                    q = q.filter(sales_order_allocations::line_id.eq(line));
                }
                if let Some(part) = query.part {
                    q = q.filter(stock_items::part_id.eq(part));
                }
                if let Some(item) = query.item {
                    q = q.filter(sales_order_allocations::item_id.eq(item));
                }
                match query.shipment {
                    Some(Some(s)) => q = q.filter(sales_order_allocations::shipment_id.eq(s)),
                    Some(None) => q = q.filter(sales_order_allocations::shipment_id.is_null()),
                    None => {}
                }
                match query.assigned_to_shipment {
                    Some(true) => q = q.filter(sales_order_allocations::shipment_id.is_not_null()),
                    Some(false) => q = q.filter(sales_order_allocations::shipment_id.is_null()),
                    None => {}
                }
                match query.outstanding {
                    Some(true) => {
                        q = q.filter(
                            sales_orders::status
                                .eq_any(SO_OPEN)
                                .and(sales_order_shipments::shipment_date.is_null()),
                        )
                    }
                    Some(false) => {
                        q = q.filter(
                            sales_orders::status
                                .ne_all(SO_OPEN)
                                .or(sales_order_shipments::shipment_date.is_not_null()),
                        )
                    }
                    None => {}
                }
                q
            };
            let count: i64 = filtered().count().get_result(conn)?;
            let mut q = filtered().order(sales_order_allocations::id);
            if let Some(limit) = query.page.limit {
                q = q.limit(limit).offset(query.page.offset);
            } else if query.page.offset > 0 {
                q = q.limit(i64::MAX).offset(query.page.offset);
            }
            let found: Vec<AllocationJoin> = q
                .select((
                    SalesOrderAllocation::as_select(),
                    sales_order_lines::order_id,
                    stock_items::part_id,
                    stock_items::serial,
                    stock_items::location_id,
                ))
                .load(conn)?;
            Ok(Listed {
                count,
                items: found
                    .into_iter()
                    .map(
                        |(allocation, order_id, part_id, serial, location_id)| AllocationRow {
                            allocation,
                            order_id,
                            part_id,
                            serial,
                            location_id,
                        },
                    )
                    .collect(),
            })
        })
    }

    /// One allocation with what it points to.
    pub fn sales_allocation_row(&self, id: i64) -> StoreResult<AllocationRow> {
        self.read(|conn| {
            let found: Vec<AllocationJoin> = sales_order_allocations::table
                .inner_join(sales_order_lines::table)
                .inner_join(
                    stock_items::table.on(stock_items::id.eq(sales_order_allocations::item_id)),
                )
                .filter(sales_order_allocations::id.eq(id))
                .select((
                    SalesOrderAllocation::as_select(),
                    sales_order_lines::order_id,
                    stock_items::part_id,
                    stock_items::serial,
                    stock_items::location_id,
                ))
                .load(conn)?;
            let (allocation, order_id, part_id, serial, location_id) = found
                .into_iter()
                .next()
                .ok_or(not_found("SalesOrderAllocation", id))?;
            Ok(AllocationRow {
                allocation,
                order_id,
                part_id,
                serial,
                location_id,
            })
        })
    }
}

/// The allocated quantity of each line.
fn allocated_per_line(conn: &mut AnyConnection, ids: &[i64]) -> StoreResult<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(5000) {
        let found: Vec<(i64, i64)> = sales_order_allocations::table
            .filter(sales_order_allocations::line_id.eq_any(chunk))
            .select((
                sales_order_allocations::line_id,
                sales_order_allocations::quantity,
            ))
            .load(conn)?;
        for (line, quantity) in found {
            let total: &mut i64 = out.entry(line).or_default();
            *total = total.saturating_add(quantity);
        }
    }
    Ok(out)
}

/// Each part's in-stock quantity less what open sales orders (not yet shipped) and builds
/// hold of it.
fn available_per_part(conn: &mut AnyConnection, parts: &[i64]) -> StoreResult<HashMap<i64, i64>> {
    let mut out: HashMap<i64, i64> = HashMap::new();
    if parts.is_empty() {
        return Ok(out);
    }
    let items: Vec<(i64, i64, i64)> = stock_items::table
        .filter(stock_items::part_id.eq_any(parts))
        .filter(stock_items::quantity.gt(0))
        .filter(stock_items::sales_order_id.is_null())
        .filter(stock_items::belongs_to_id.is_null())
        .filter(stock_items::customer_id.is_null())
        .filter(stock_items::consumed_by_id.is_null())
        .filter(stock_items::is_building.eq(false))
        .filter(stock_items::status.eq_any(STOCK_AVAILABLE))
        .select((stock_items::id, stock_items::part_id, stock_items::quantity))
        .load(conn)?;
    let part_of: HashMap<i64, i64> = items.iter().map(|(id, part, _)| (*id, *part)).collect();
    for (_, part, quantity) in &items {
        *out.entry(*part).or_default() += quantity;
    }
    let ids: Vec<i64> = items.iter().map(|(id, _, _)| *id).collect();
    for chunk in ids.chunks(5000) {
        let sold: Vec<(i64, i64)> = sales_order_allocations::table
            .inner_join(sales_order_lines::table.inner_join(sales_orders::table))
            .left_join(
                sales_order_shipments::table.on(sales_order_shipments::id
                    .nullable()
                    .eq(sales_order_allocations::shipment_id)),
            )
            .filter(sales_order_allocations::item_id.eq_any(chunk))
            .filter(sales_orders::status.eq_any(SO_OPEN))
            .filter(sales_order_shipments::shipment_date.is_null())
            .select((
                sales_order_allocations::item_id,
                sales_order_allocations::quantity,
            ))
            .load(conn)?;
        let built: Vec<(i64, i64)> = build_items::table
            .filter(build_items::stock_item_id.eq_any(chunk))
            .select((build_items::stock_item_id, build_items::quantity))
            .load(conn)?;
        for (item, quantity) in sold.into_iter().chain(built) {
            if let Some(part) = part_of.get(&item) {
                *out.entry(*part).or_default() -= quantity;
            }
        }
    }
    for value in out.values_mut() {
        *value = (*value).max(0);
    }
    Ok(out)
}

fn shipment_rows(
    conn: &mut AnyConnection,
    shipments: Vec<Shipment>,
) -> StoreResult<Vec<ShipmentRow>> {
    let ids: Vec<i64> = shipments.iter().map(|s| s.id).collect();
    let counted: Vec<Option<i64>> = sales_order_allocations::table
        .filter(sales_order_allocations::shipment_id.eq_any(&ids))
        .select(sales_order_allocations::shipment_id)
        .load(conn)?;
    let mut hashes = first_hashes(conn, ModelType::SalesOrderShipment, &ids)?;
    Ok(shipments
        .into_iter()
        .map(|shipment| ShipmentRow {
            allocated_items: counted.iter().filter(|s| **s == Some(shipment.id)).count() as i64,
            barcode_hash: hashes.remove(&shipment.id).unwrap_or_default(),
            shipment,
        })
        .collect())
}
