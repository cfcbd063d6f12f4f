//! Build order statuses: issuing, holding, cancelling and finishing, as InvenTree's
//! `BuildStatus` transitions.

use chrono::Utc;
use diesel::prelude::*;
use stockroom_core::status::build_status;

use super::build_lines::{build_lines_of, consume_allocations, trim_allocations};
use super::build_orders::load_build;
use super::stock_moves::BUILD_ACTIVE;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{build_items, build_lines, builds, stock_items};
use crate::{Store, StoreResult};

/// How finishing treats stock allocated beyond what a line needs
/// (`accept_overallocated`: `reject`, `accept` or `trim`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overallocation {
    Reject,
    Accept,
    Trim,
}

/// What the user accepts when finishing a build.
#[derive(Debug, Clone, Copy)]
pub struct FinishOptions {
    pub overallocated: Overallocation,
    pub unallocated: bool,
    pub incomplete: bool,
}

fn set_status(conn: &mut AnyConnection, id: i64, status: i32) -> StoreResult<()> {
    diesel::update(builds::table.find(id))
        .set(builds::status.eq(status))
        .execute(conn)?;
    Ok(())
}

impl Store {
    /// PENDING or ON_HOLD to PRODUCTION.
    pub fn issue_build(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let build = load_build(conn, id)?;
            if !matches!(build.status, build_status::PENDING | build_status::ON_HOLD) {
                return Err(StoreError::refused("Build order cannot be issued"));
            }
            set_status(conn, id, build_status::PRODUCTION)
        })
    }

    /// PENDING or PRODUCTION to ON_HOLD.
    pub fn hold_build(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let build = load_build(conn, id)?;
            if !matches!(
                build.status,
                build_status::PENDING | build_status::PRODUCTION
            ) {
                return Err(StoreError::refused("Build order cannot be placed on hold"));
            }
            set_status(conn, id, build_status::ON_HOLD)
        })
    }

    /// Cancels an active build: its allocations are released (or, with `consume`, the
    /// allocated stock is used up), its unfinished outputs kept (or deleted).
    pub fn cancel_build(
        &self,
        id: i64,
        user: Option<i64>,
        consume: bool,
        remove_outputs: bool,
    ) -> StoreResult<()> {
        self.write(|conn| {
            let build = load_build(conn, id)?;
            if !BUILD_ACTIVE.contains(&build.status) {
                return Err(StoreError::refused("Build order cannot be cancelled"));
            }
            if consume {
                consume_allocations(conn, &build, None, user)?;
            }
            delete_allocations(conn, id)?;
            if remove_outputs {
                diesel::delete(
                    stock_items::table
                        .filter(stock_items::build_id.eq(id))
                        .filter(stock_items::is_building.eq(true)),
                )
                .execute(conn)?;
            }
            diesel::update(builds::table.find(id))
                .set((
                    builds::status.eq(build_status::CANCELLED),
                    builds::completion_date.eq(Some(Utc::now().date_naive())),
                    builds::completed_by_id.eq(user),
                ))
                .execute(conn)?;
            Ok(())
        })
    }

    /// Completes a build in production: the stock still allocated is consumed and the
    /// status becomes COMPLETE. Refused (per option) while outputs are unfinished, lines
    /// are short or over-allocated, or fewer than the quantity were built.
    pub fn finish_build(
        &self,
        id: i64,
        user: Option<i64>,
        options: FinishOptions,
    ) -> StoreResult<()> {
        self.write(|conn| {
            let build = load_build(conn, id)?;
            if build.status != build_status::PRODUCTION {
                return Err(StoreError::refused(
                    "Build order must be in production to be completed",
                ));
            }
            let building: i64 = stock_items::table
                .filter(stock_items::build_id.eq(id))
                .filter(stock_items::is_building.eq(true))
                .count()
                .get_result(conn)?;
            if building > 0 {
                return Err(StoreError::refused("Build order has incomplete outputs"));
            }
            let lines = build_lines_of(conn, id)?;
            let over = lines.iter().any(|l| l.allocated > l.line.quantity);
            if over && options.overallocated == Overallocation::Reject {
                return Err(StoreError::invalid(
                    "accept_overallocated",
                    "Some stock items have been overallocated",
                ));
            }
            let short = lines.iter().any(|l| {
                !l.bom.consumable && !l.trackable && l.allocated + l.line.consumed < l.line.quantity
            });
            if short && !options.unallocated {
                return Err(StoreError::invalid(
                    "accept_unallocated",
                    "Required stock has not been fully allocated",
                ));
            }
            if build.completed < build.quantity && !options.incomplete {
                return Err(StoreError::invalid(
                    "accept_incomplete",
                    "Required build quantity has not been completed",
                ));
            }
            if options.overallocated == Overallocation::Trim {
                trim_allocations(conn, &lines)?;
            }
            consume_allocations(conn, &build, None, user)?;
            delete_allocations(conn, id)?;
            diesel::update(builds::table.find(id))
                .set((
                    builds::status.eq(build_status::COMPLETE),
                    builds::completion_date.eq(Some(Utc::now().date_naive())),
                    builds::completed_by_id.eq(user),
                ))
                .execute(conn)?;
            Ok(())
        })
    }
}

/// Removes every allocation of a build.
pub(crate) fn delete_allocations(conn: &mut AnyConnection, build: i64) -> StoreResult<()> {
    let lines = build_lines::table
        .filter(build_lines::build_id.eq(build))
        .select(build_lines::id);
    diesel::delete(build_items::table.filter(build_items::build_line_id.eq_any(lines)))
        .execute(conn)?;
    Ok(())
}
