//! Reading build lines and allocations for the API.

use diesel::prelude::*;

use super::build_lines::{LineState, line_states};
use super::builds::BuildItem;
use super::stock_moves::items_by_id;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::parts::Part;
use crate::schema::{build_items, build_lines, parts};
use crate::stock::StockItem;
use crate::{Store, StoreResult};

/// An allocation with what its representation needs.
#[derive(Debug, Clone, PartialEq)]
pub struct AllocationRow {
    pub allocation: BuildItem,
    pub build_id: i64,
    pub stock: StockItem,
    pub part: Part,
}

/// A line with its allocations, as the API shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRow {
    pub state: LineState,
    pub allocations: Vec<AllocationRow>,
}

/// Filters of the allocation list.
#[derive(Debug, Clone, Default)]
pub struct BuildItemQuery {
    pub build: Option<i64>,
    pub build_line: Option<i64>,
    pub stock_item: Option<i64>,
    pub part: Option<i64>,
}

impl Store {
    /// Lines of builds with their allocations, filtered by build and required part.
    pub fn query_build_lines(
        &self,
        build: Option<i64>,
        part: Option<i64>,
    ) -> StoreResult<Vec<LineRow>> {
        self.read(|conn| {
            let builds = build.map(|b| vec![b]);
            let states = line_states(conn, builds.as_deref(), None)?;
            let states: Vec<LineState> = states
                .into_iter()
                .filter(|s| part.is_none_or(|p| s.bom.sub_part_id == p))
                .collect();
            line_rows(conn, states)
        })
    }

    /// One line with its allocations.
    pub fn build_line_row(&self, id: i64) -> StoreResult<LineRow> {
        self.read(|conn| {
            let states = line_states(conn, None, Some(&[id]))?;
            line_rows(conn, states)?.pop().ok_or(StoreError::NotFound {
                model: "BuildLine",
                pk: id,
            })
        })
    }

    /// Allocations, filtered.
    pub fn query_build_allocations(&self, q: &BuildItemQuery) -> StoreResult<Vec<AllocationRow>> {
        self.read(|conn| {
            let mut s = build_items::table.into_boxed();
            if let Some(line) = q.build_line {
                s = s.filter(build_items::build_line_id.eq(line));
            }
            if let Some(item) = q.stock_item {
                s = s.filter(build_items::stock_item_id.eq(item));
            }
            if let Some(build) = q.build {
                let lines = build_lines::table
                    .filter(build_lines::build_id.eq(build))
                    .select(build_lines::id);
                s = s.filter(build_items::build_line_id.eq_any(lines));
            }
            let found: Vec<BuildItem> = s
                .order(build_items::id)
                .select(BuildItem::as_select())
                .load(conn)?;
            let rows = allocation_rows(conn, found)?;
            Ok(rows
                .into_iter()
                .filter(|r| q.part.is_none_or(|p| r.part.id == p))
                .collect())
        })
    }

    /// One allocation.
    pub fn build_allocation_row(&self, id: i64) -> StoreResult<AllocationRow> {
        self.read(|conn| {
            let found: Vec<BuildItem> = build_items::table
                .filter(build_items::id.eq(id))
                .select(BuildItem::as_select())
                .load(conn)?;
            allocation_rows(conn, found)?
                .pop()
                .ok_or(StoreError::NotFound {
                    model: "BuildItem",
                    pk: id,
                })
        })
    }
}

fn allocation_rows(
    conn: &mut AnyConnection,
    found: Vec<BuildItem>,
) -> StoreResult<Vec<AllocationRow>> {
    let item_ids: Vec<i64> = found.iter().map(|a| a.stock_item_id).collect();
    let items = items_by_id(conn, &item_ids)?;
    let line_ids: Vec<i64> = found.iter().map(|a| a.build_line_id).collect();
    let lines: Vec<(i64, i64)> = build_lines::table
        .filter(build_lines::id.eq_any(&line_ids))
        .select((build_lines::id, build_lines::build_id))
        .load(conn)?;
    let part_ids: Vec<i64> = items.values().map(|i| i.part_id).collect();
    let found_parts: Vec<Part> = parts::table
        .filter(parts::id.eq_any(&part_ids))
        .select(Part::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(found.len());
    for allocation in found {
        let corrupt = || StoreError::Corrupt(format!("allocation {} is dangling", allocation.id));
        let stock = items
            .get(&allocation.stock_item_id)
            .cloned()
            .ok_or_else(corrupt)?;
        let part = found_parts
            .iter()
            .find(|p| p.id == stock.part_id)
            .cloned()
            .ok_or_else(corrupt)?;
        let build_id = lines
            .iter()
            .find(|(l, _)| *l == allocation.build_line_id)
            .map(|(_, b)| *b)
            .ok_or_else(corrupt)?;
        out.push(AllocationRow {
            allocation,
            build_id,
            stock,
            part,
        });
    }
    Ok(out)
}

fn line_rows(conn: &mut AnyConnection, states: Vec<LineState>) -> StoreResult<Vec<LineRow>> {
    let all: Vec<BuildItem> = states.iter().flat_map(|s| s.allocations.clone()).collect();
    let rows = allocation_rows(conn, all)?;
    Ok(states
        .into_iter()
        .map(|state| {
            let allocations = rows
                .iter()
                .filter(|r| r.allocation.build_line_id == state.line.id)
                .cloned()
                .collect();
            LineRow { state, allocations }
        })
        .collect())
}
