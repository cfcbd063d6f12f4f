//! Listing return orders and their lines with InvenTree's filters, search and orderings.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use stockroom_core::ModelType;
use stockroom_core::status::ro_line_status;

use super::status::RO_OPEN;
use super::{ReturnOrder, ReturnOrderLine};
use crate::companies::Company;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::listing::{Listed, PageRequest};
use crate::parts::Part;
use crate::schema::{companies, parts, return_order_lines, return_orders, stock_items};
use crate::stock::StockItem;
use crate::{Store, StoreResult};

/// Which return orders to list.
#[derive(Debug, Clone, Default)]
pub struct ReturnOrderQuery {
    pub status: Option<i32>,
    /// Open orders (`true`) or closed ones (`false`).
    pub outstanding: Option<bool>,
    /// Open orders past their target date (`true`), or the others.
    pub overdue: Option<bool>,
    pub customer: Option<Option<i64>>,
    /// Exact reference, ignoring case.
    pub reference: Option<String>,
    /// Reference, description, customer reference or customer name contains this.
    pub search: Option<String>,
    pub ordering: Vec<(ReturnOrderOrder, bool)>,
    pub page: PageRequest,
}

/// Sort keys of the return order list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnOrderOrder {
    /// By the reference's number, then its text.
    Reference,
    Customer,
    CustomerReference,
    CreationDate,
    StartDate,
    TargetDate,
    CompleteDate,
    LineItems,
    Status,
    Id,
}

/// A return order with what its body shows beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnOrderRow {
    pub order: ReturnOrder,
    pub customer: Option<Company>,
    pub line_items: i64,
    /// Lines whose outcome is decided.
    pub completed_lines: i64,
    pub overdue: bool,
    pub barcode_hash: String,
}

/// Which return order lines to list.
#[derive(Debug, Clone, Default)]
pub struct ReturnLineQuery {
    pub order: Option<i64>,
    pub item: Option<i64>,
    pub outcome: Option<i32>,
    pub received: Option<bool>,
    pub order_status: Option<i32>,
    /// Item serial, part name or description, or line reference contains this.
    pub search: Option<String>,
    pub page: PageRequest,
}

/// A line with its stock item and part.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnLineRow {
    pub line: ReturnOrderLine,
    pub item: StockItem,
    pub part: Part,
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

fn is_overdue(order: &ReturnOrder, today: NaiveDate) -> bool {
    RO_OPEN.contains(&order.status) && order.target_date.is_some_and(|t| t < today)
}

fn order_rows(
    conn: &mut AnyConnection,
    list: Vec<ReturnOrder>,
) -> StoreResult<Vec<ReturnOrderRow>> {
    let ids: Vec<i64> = list.iter().map(|o| o.id).collect();
    let customer_ids: Vec<i64> = list.iter().filter_map(|o| o.customer_id).collect();
    let mut customers: HashMap<i64, Company> = HashMap::new();
    let mut lines: HashMap<i64, (i64, i64)> = HashMap::new();
    for chunk in customer_ids.chunks(5000) {
        let found: Vec<Company> = companies::table
            .filter(companies::id.eq_any(chunk))
            .select(Company::as_select())
            .load(conn)?;
        customers.extend(found.into_iter().map(|c| (c.id, c)));
    }
    for chunk in ids.chunks(5000) {
        let found: Vec<(i64, i32)> = return_order_lines::table
            .filter(return_order_lines::order_id.eq_any(chunk))
            .select((return_order_lines::order_id, return_order_lines::outcome))
            .load(conn)?;
        for (order, outcome) in found {
            let entry = lines.entry(order).or_insert((0, 0));
            entry.0 += 1;
            if outcome != ro_line_status::PENDING {
                entry.1 += 1;
            }
        }
    }
    let mut hashes = crate::barcodes::first_hashes(conn, ModelType::ReturnOrder, &ids)?;
    let today = Utc::now().date_naive();
    Ok(list
        .into_iter()
        .map(|order| {
            let (line_items, completed_lines) = lines.get(&order.id).copied().unwrap_or((0, 0));
            ReturnOrderRow {
                customer: order.customer_id.and_then(|c| customers.get(&c)).cloned(),
                line_items,
                completed_lines,
                overdue: is_overdue(&order, today),
                barcode_hash: hashes.remove(&order.id).unwrap_or_default(),
                order,
            }
        })
        .collect())
}

fn line_rows(
    conn: &mut AnyConnection,
    list: Vec<ReturnOrderLine>,
) -> StoreResult<Vec<ReturnLineRow>> {
    let item_ids: Vec<i64> = list.iter().map(|l| l.item_id).collect();
    let mut items: HashMap<i64, StockItem> = HashMap::new();
    for chunk in item_ids.chunks(5000) {
        let found: Vec<StockItem> = stock_items::table
            .filter(stock_items::id.eq_any(chunk))
            .select(StockItem::as_select())
            .load(conn)?;
        items.extend(found.into_iter().map(|i| (i.id, i)));
    }
    let part_ids: Vec<i64> = items.values().map(|i| i.part_id).collect();
    let mut found_parts: HashMap<i64, Part> = HashMap::new();
    for chunk in part_ids.chunks(5000) {
        let found: Vec<Part> = parts::table
            .filter(parts::id.eq_any(chunk))
            .select(Part::as_select())
            .load(conn)?;
        found_parts.extend(found.into_iter().map(|p| (p.id, p)));
    }
    Ok(list
        .into_iter()
        .filter_map(|line| {
            let item = items.get(&line.item_id)?.clone();
            let part = found_parts.get(&item.part_id)?.clone();
            Some(ReturnLineRow { line, item, part })
        })
        .collect())
}

impl Store {
    /// Return orders matching `query`, one page of them (by reference, newest first,
    /// unless asked otherwise).
    pub fn query_return_orders(
        &self,
        query: &ReturnOrderQuery,
    ) -> StoreResult<Listed<ReturnOrderRow>> {
        self.read(|conn| {
            let mut q = return_orders::table.into_boxed();
            if let Some(status) = query.status {
                q = q.filter(return_orders::status.eq(status));
            }
            match query.outstanding {
                Some(true) => q = q.filter(return_orders::status.eq_any(RO_OPEN)),
                Some(false) => q = q.filter(return_orders::status.ne_all(RO_OPEN)),
                None => {}
            }
            match query.customer {
                Some(Some(c)) => q = q.filter(return_orders::customer_id.eq(c)),
                Some(None) => q = q.filter(return_orders::customer_id.is_null()),
                None => {}
            }
            let list: Vec<ReturnOrder> = q.select(ReturnOrder::as_select()).load(conn)?;
            let mut rows = order_rows(conn, list)?;
            if let Some(reference) = &query.reference {
                let wanted = reference.to_lowercase();
                rows.retain(|r| r.order.reference.to_lowercase() == wanted);
            }
            if let Some(overdue) = query.overdue {
                rows.retain(|r| r.overdue == overdue);
            }
            if let Some(term) = query.search.as_deref().map(str::to_lowercase) {
                rows.retain(|r| {
                    contains(&r.order.reference, &term)
                        || contains(&r.order.description, &term)
                        || contains(&r.order.customer_reference, &term)
                        || r.customer
                            .as_ref()
                            .is_some_and(|c| contains(&c.name, &term))
                });
            }
            let ordering = if query.ordering.is_empty() {
                vec![(ReturnOrderOrder::Reference, true)]
            } else {
                query.ordering.clone()
            };
            rows.sort_by(|a, b| {
                let (x, y) = (&a.order, &b.order);
                for (key, descending) in &ordering {
                    let name = |r: &ReturnOrderRow| r.customer.as_ref().map(|c| c.name.clone());
                    let order = match key {
                        ReturnOrderOrder::Reference => x
                            .reference_int
                            .cmp(&y.reference_int)
                            .then_with(|| x.reference.cmp(&y.reference)),
                        ReturnOrderOrder::Customer => name(a).cmp(&name(b)),
                        ReturnOrderOrder::CustomerReference => {
                            x.customer_reference.cmp(&y.customer_reference)
                        }
                        ReturnOrderOrder::CreationDate => x.creation_date.cmp(&y.creation_date),
                        ReturnOrderOrder::StartDate => x.start_date.cmp(&y.start_date),
                        ReturnOrderOrder::TargetDate => x.target_date.cmp(&y.target_date),
                        ReturnOrderOrder::CompleteDate => x.complete_date.cmp(&y.complete_date),
                        ReturnOrderOrder::LineItems => a.line_items.cmp(&b.line_items),
                        ReturnOrderOrder::Status => x.status.cmp(&y.status),
                        ReturnOrderOrder::Id => x.id.cmp(&y.id),
                    };
                    let order = if *descending { order.reverse() } else { order };
                    if order.is_ne() {
                        return order;
                    }
                }
                x.id.cmp(&y.id)
            });
            Ok(page_of(rows, query.page))
        })
    }

    /// One return order with its figures.
    pub fn return_order_row(&self, id: i64) -> StoreResult<ReturnOrderRow> {
        self.read(|conn| {
            let found = vec![super::status::find_order(conn, id)?];
            order_rows(conn, found)?.pop().ok_or(StoreError::NotFound {
                model: "ReturnOrder",
                pk: id,
            })
        })
    }

    /// Return order lines matching `query`, in primary-key order.
    pub fn query_return_lines(
        &self,
        query: &ReturnLineQuery,
    ) -> StoreResult<Listed<ReturnLineRow>> {
        self.read(|conn| {
            let mut q = return_order_lines::table.into_boxed();
            if let Some(order) = query.order {
                q = q.filter(return_order_lines::order_id.eq(order));
            }
            if let Some(item) = query.item {
                q = q.filter(return_order_lines::item_id.eq(item));
            }
            if let Some(outcome) = query.outcome {
                q = q.filter(return_order_lines::outcome.eq(outcome));
            }
            match query.received {
                Some(true) => q = q.filter(return_order_lines::received_date.is_not_null()),
                Some(false) => q = q.filter(return_order_lines::received_date.is_null()),
                None => {}
            }
            if let Some(status) = query.order_status {
                let ids: Vec<i64> = return_orders::table
                    .filter(return_orders::status.eq(status))
                    .select(return_orders::id)
                    .load(conn)?;
                q = q.filter(return_order_lines::order_id.eq_any(ids));
            }
            let list: Vec<ReturnOrderLine> = q
                .order(return_order_lines::id)
                .select(ReturnOrderLine::as_select())
                .load(conn)?;
            let mut rows = line_rows(conn, list)?;
            if let Some(term) = query.search.as_deref().map(str::to_lowercase) {
                rows.retain(|r| {
                    r.item.serial.as_deref().is_some_and(|s| contains(s, &term))
                        || contains(&r.part.name, &term)
                        || contains(&r.part.description, &term)
                        || contains(&r.line.reference, &term)
                });
            }
            Ok(page_of(rows, query.page))
        })
    }

    /// One return order line with its stock item and part.
    pub fn return_line_row(&self, id: i64) -> StoreResult<ReturnLineRow> {
        self.read(|conn| {
            let found = vec![super::lines::find_line(conn, id)?];
            line_rows(conn, found)?.pop().ok_or(StoreError::NotFound {
                model: "ReturnOrderLineItem",
                pk: id,
            })
        })
    }
}
