//! Build orders as whole objects: creating them with their BOM lines, editing, listing,
//! deleting, and the status transitions (issue, hold, cancel, finish).

use chrono::Utc;
use diesel::prelude::*;
use stockroom_core::ModelType;
use stockroom_core::status::build_status;

use super::build_lines::sync_lines;
use super::builds::{Build, BuildChanges, NewBuild};
use super::references::{OrderKind, checked_reference};
use super::stock_moves::BUILD_ACTIVE;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::listing::{Listed, PageRequest, contains_pattern, lower};
use crate::parts::{Part, load_part};
use crate::schema::{builds, parts};
use crate::{Store, StoreResult};

/// A build with what its API representation needs.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildRow {
    pub build: Build,
    pub part: Part,
    pub barcode_hash: String,
}

/// Sort keys of the build list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildOrder {
    Reference,
    Title,
    Status,
    Quantity,
    CreationDate,
    TargetDate,
    CompletionDate,
    Id,
}

/// Filters of the build list.
#[derive(Debug, Clone, Default)]
pub struct BuildQuery {
    pub status: Option<i32>,
    /// Active (pending, in production or on hold) or not; `outstanding` means the same.
    pub active: Option<bool>,
    pub part: Option<i64>,
    pub parent: Option<Option<i64>>,
    pub sales_order: Option<Option<i64>>,
    pub reference: Option<String>,
    pub search: Option<String>,
    pub ordering: Vec<(BuildOrder, bool)>,
    pub page: PageRequest,
}

type Boxed<'a> = builds::BoxedQuery<'a, <AnyConnection as diesel::Connection>::Backend>;

fn filtered(q: &BuildQuery) -> Boxed<'_> {
    let mut s = builds::table.into_boxed();
    if let Some(status) = q.status {
        s = s.filter(builds::status.eq(status));
    }
    match q.active {
        Some(true) => s = s.filter(builds::status.eq_any(BUILD_ACTIVE)),
        Some(false) => s = s.filter(builds::status.ne_all(BUILD_ACTIVE)),
        None => {}
    }
    if let Some(part) = q.part {
        s = s.filter(builds::part_id.eq(part));
    }
    match q.parent {
        Some(Some(p)) => s = s.filter(builds::parent_id.eq(p)),
        Some(None) => s = s.filter(builds::parent_id.is_null()),
        None => {}
    }
    match q.sales_order {
        Some(Some(o)) => s = s.filter(builds::sales_order_id.eq(o)),
        Some(None) => s = s.filter(builds::sales_order_id.is_null()),
        None => {}
    }
    if let Some(reference) = &q.reference {
        s = s.filter(builds::reference.eq(reference.clone()));
    }
    if let Some(term) = &q.search {
        let pattern = contains_pattern(term);
        let named = parts::table
            .filter(lower(parts::name).like(pattern.clone()).escape('\\'))
            .select(parts::id);
        s = s.filter(
            lower(builds::reference)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(builds::title).like(pattern).escape('\\'))
                .or(builds::part_id.eq_any(named)),
        );
    }
    s
}

fn ordered<'a>(mut s: Boxed<'a>, ordering: &[(BuildOrder, bool)]) -> Boxed<'a> {
    macro_rules! by {
        ($s:ident, $col:expr, $desc:expr) => {
            if $desc {
                $s.then_order_by($col.desc())
            } else {
                $s.then_order_by($col.asc())
            }
        };
    }
    for (key, desc) in ordering {
        s = match key {
            BuildOrder::Reference => {
                let s = by!(s, builds::reference_int, *desc);
                by!(s, builds::reference, *desc)
            }
            BuildOrder::Title => by!(s, builds::title, *desc),
            BuildOrder::Status => by!(s, builds::status, *desc),
            BuildOrder::Quantity => by!(s, builds::quantity, *desc),
            BuildOrder::CreationDate => by!(s, builds::creation_date, *desc),
            BuildOrder::TargetDate => by!(s, builds::target_date, *desc),
            BuildOrder::CompletionDate => by!(s, builds::completion_date, *desc),
            BuildOrder::Id => by!(s, builds::id, *desc),
        };
    }
    s.then_order_by(builds::id.asc())
}

pub(crate) fn load_build(conn: &mut AnyConnection, id: i64) -> StoreResult<Build> {
    builds::table
        .find(id)
        .select(Build::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "Build",
            pk: id,
        })
}

fn rows(conn: &mut AnyConnection, list: Vec<Build>) -> StoreResult<Vec<BuildRow>> {
    let ids: Vec<i64> = list.iter().map(|b| b.id).collect();
    let mut part_ids: Vec<i64> = list.iter().map(|b| b.part_id).collect();
    part_ids.sort_unstable();
    part_ids.dedup();
    let found: Vec<Part> = parts::table
        .filter(parts::id.eq_any(&part_ids))
        .select(Part::as_select())
        .load(conn)?;
    let hashes = crate::barcodes::first_hashes(conn, ModelType::Build, &ids)?;
    list.into_iter()
        .map(|build| {
            let part = found
                .iter()
                .find(|p| p.id == build.part_id)
                .cloned()
                .ok_or_else(|| StoreError::Corrupt(format!("build {} has no part", build.id)))?;
            let barcode_hash = hashes.get(&build.id).cloned().unwrap_or_default();
            Ok(BuildRow {
                build,
                part,
                barcode_hash,
            })
        })
        .collect()
}

/// The part a build may make: an active, non-virtual assembly (else DRF's text for a pk
/// outside the allowed choices).
fn check_part(conn: &mut AnyConnection, part_id: i64) -> StoreResult<Part> {
    let invalid = || {
        StoreError::invalid(
            "part",
            format!("Invalid pk \"{part_id}\" - object does not exist."),
        )
    };
    let part = load_part(conn, part_id).map_err(|_| invalid())?;
    if !part.assembly || !part.active || part.is_virtual {
        return Err(invalid());
    }
    Ok(part)
}

/// A build may not be its own ancestor.
fn check_parent(conn: &mut AnyConnection, id: i64, parent: Option<i64>) -> StoreResult<()> {
    let mut at = parent;
    let mut steps = 0;
    while let Some(p) = at {
        if p == id || steps > 1000 {
            return Err(StoreError::invalid(
                "parent",
                "Invalid choice for parent build",
            ));
        }
        at = load_build(conn, p)?.parent_id;
        steps += 1;
    }
    Ok(())
}

impl Store {
    /// One page of builds.
    pub fn query_builds(&self, q: &BuildQuery) -> StoreResult<Listed<BuildRow>> {
        self.read(|conn| {
            let count: i64 = filtered(q).count().get_result(conn)?;
            let mut s = ordered(filtered(q), &q.ordering);
            if let Some(limit) = q.page.limit {
                s = s.limit(limit).offset(q.page.offset);
            }
            let list: Vec<Build> = s.select(Build::as_select()).load(conn)?;
            Ok(Listed {
                count,
                items: rows(conn, list)?,
            })
        })
    }

    /// One build with its part and barcode hash.
    pub fn build_row(&self, id: i64) -> StoreResult<BuildRow> {
        self.read(|conn| {
            let build = load_build(conn, id)?;
            rows(conn, vec![build])?.pop().ok_or(StoreError::NotFound {
                model: "Build",
                pk: id,
            })
        })
    }

    /// Creates a build order and one line per BOM item of its part, in one transaction.
    /// The reference must match the pattern setting; the part must be an assembly.
    #[tracing::instrument(skip_all)]
    pub fn create_build_order(&self, new: &NewBuild) -> StoreResult<Build> {
        self.write(|conn| {
            let reference_int = checked_reference(conn, OrderKind::Build, &new.reference)?;
            check_part(conn, new.part_id)?;
            if new.quantity <= 0 {
                return Err(StoreError::invalid(
                    "quantity",
                    "Quantity must be greater than zero",
                ));
            }
            let row = NewBuild {
                reference: new.reference.trim().to_owned(),
                reference_int,
                status: build_status::PENDING,
                creation_date: Some(Utc::now().date_naive()),
                ..new.clone()
            };
            let id: i64 = diesel::insert_into(builds::table)
                .values(&row)
                .returning(builds::id)
                .get_result(conn)?;
            let build = load_build(conn, id)?;
            sync_lines(conn, &build)?;
            Ok(build)
        })
    }

    /// Edits a build order; a new quantity recomputes what each line needs. The part may
    /// not change once the build exists.
    #[tracing::instrument(skip_all, fields(id))]
    pub fn update_build_order(
        &self,
        id: i64,
        part: Option<i64>,
        changes: &BuildChanges,
    ) -> StoreResult<Build> {
        self.write(|conn| {
            let before = load_build(conn, id)?;
            if part.is_some_and(|p| p != before.part_id) {
                return Err(StoreError::invalid(
                    "part",
                    "Build order part cannot be changed",
                ));
            }
            let mut changes = changes.clone();
            if let Some(reference) = &changes.reference {
                changes.reference_int = Some(checked_reference(conn, OrderKind::Build, reference)?);
                changes.reference = Some(reference.trim().to_owned());
            }
            if changes.quantity.is_some_and(|q| q <= 0) {
                return Err(StoreError::invalid(
                    "quantity",
                    "Quantity must be greater than zero",
                ));
            }
            if let Some(parent) = changes.parent_id {
                check_parent(conn, id, parent)?;
            }
            match diesel::update(builds::table.find(id))
                .set(&changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            let after = load_build(conn, id)?;
            if after.quantity != before.quantity {
                sync_lines(conn, &after)?;
            }
            Ok(after)
        })
    }

    /// Deletes a cancelled build order (its lines and allocations go with it).
    pub fn delete_build_order(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let build = load_build(conn, id)?;
            if build.status != build_status::CANCELLED {
                return Err(StoreError::refused(
                    "Build must be cancelled before it can be deleted",
                ));
            }
            diesel::delete(builds::table.find(id)).execute(conn)?;
            Ok(())
        })
    }
}
