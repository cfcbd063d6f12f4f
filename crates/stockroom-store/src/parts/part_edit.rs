//! Creating, changing and deleting parts with InvenTree's model rules: no parts in
//! structural categories, variants only of templates, unique name/IPN/revision, and no
//! deleting parts that are active, locked or used in an assembly.
//!
//! The plain `create_part`/`update_part`/`delete_part` stay rule-free for imports and demo
//! data; the API uses these.

use diesel::prelude::*;

use super::bom_graph::make_users_trackable;
use super::part_list::coalesce;
use super::{NewPart, Part, PartChanges, apply_part_changes, delete_parts, insert_part, load_part};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::listing::lower;
use crate::schema::{bom_items, part_categories, parts};
use crate::{Store, StoreResult};

/// DRF's message for a link to an object that does not exist (or may not be chosen).
pub(crate) fn invalid_pk(id: i64) -> String {
    format!("Invalid pk \"{id}\" - object does not exist.")
}

pub(crate) use crate::settings::global_flag;

fn check_category(conn: &mut AnyConnection, category: Option<i64>) -> StoreResult<()> {
    let Some(id) = category else {
        return Ok(());
    };
    let structural: Option<bool> = part_categories::table
        .find(id)
        .select(part_categories::structural)
        .first(conn)
        .optional()?;
    match structural {
        None => Err(StoreError::invalid("category", invalid_pk(id))),
        Some(true) => Err(StoreError::invalid(
            "category",
            "Parts cannot be assigned to structural part categories!",
        )),
        Some(false) => Ok(()),
    }
}

/// A variant's parent must be a template: InvenTree limits the choices of `variant_of` to
/// templates, so any other part reads as a missing one.
fn check_template(conn: &mut AnyConnection, variant_of: Option<i64>) -> StoreResult<()> {
    let Some(id) = variant_of else {
        return Ok(());
    };
    let template: Option<bool> = parts::table
        .find(id)
        .select(parts::is_template)
        .first(conn)
        .optional()?;
    if template != Some(true) {
        return Err(StoreError::invalid("variant_of", invalid_pk(id)));
    }
    Ok(())
}

/// InvenTree's `Part.validate_unique`.
fn check_unique(
    conn: &mut AnyConnection,
    this: Option<i64>,
    name: &str,
    ipn: Option<&str>,
    revision: &str,
) -> StoreResult<()> {
    let others = || {
        let mut q = parts::table.into_boxed();
        if let Some(id) = this {
            q = q.filter(parts::id.ne(id));
        }
        q
    };
    if let Some(ipn) = ipn
        && !global_flag(conn, "PART_ALLOW_DUPLICATE_IPN", true)?
    {
        let n: i64 = others()
            .filter(lower(coalesce(parts::ipn, "")).eq(ipn.to_lowercase()))
            .count()
            .get_result(conn)?;
        if n > 0 {
            return Err(StoreError::invalid(
                "IPN",
                "Duplicate IPN not allowed in part settings",
            ));
        }
    }
    // Parts may share a name, as long as an IPN or a revision tells them apart.
    if ipn.is_some() || !revision.is_empty() {
        let n: i64 = others()
            .filter(parts::name.eq(name.to_owned()))
            .filter(parts::revision.eq(revision.to_owned()))
            .filter(coalesce(parts::ipn, "").eq(ipn.unwrap_or("").to_owned()))
            .count()
            .get_result(conn)?;
        if n > 0 {
            return Err(StoreError::refused(
                "Part with this Name, IPN and Revision already exists.",
            ));
        }
    }
    Ok(())
}

impl Store {
    /// Creates a part as InvenTree's API does, in one transaction: the category must not be
    /// structural, `variant_of` must be a template, and name/IPN/revision must be unique.
    /// A blank IPN is stored as none.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn create_part_checked(&self, new: &NewPart) -> StoreResult<Part> {
        self.write(|conn| {
            check_category(conn, new.category_id)?;
            check_template(conn, new.variant_of_id)?;
            let ipn = new.ipn.as_deref().filter(|i| !i.is_empty());
            check_unique(conn, None, &new.name, ipn, &new.revision)?;
            let mut new = new.clone();
            new.ipn = ipn.map(str::to_owned);
            insert_part(conn, &new)
        })
    }

    /// Changes a part with the same rules as `create_part_checked`; a part that becomes
    /// trackable makes the assemblies that use it trackable too (InvenTree's
    /// `ensure_trackable`). Locked parts may be edited (that is how they are unlocked).
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn update_part_checked(&self, id: i64, changes: &PartChanges) -> StoreResult<Part> {
        self.write(|conn| {
            let before = load_part(conn, id)?;
            if let Some(category) = changes.category_id {
                check_category(conn, category)?;
            }
            if let Some(variant_of) = changes.variant_of_id {
                check_template(conn, variant_of)?;
            }
            let mut changes = changes.clone();
            if let Some(ipn) = &changes.ipn {
                changes.ipn = Some(ipn.clone().filter(|i| !i.is_empty()));
            }
            let name = changes.name.as_deref().unwrap_or(&before.name);
            let ipn = match &changes.ipn {
                Some(ipn) => ipn.as_deref(),
                None => before.ipn.as_deref(),
            };
            let revision = changes.revision.as_deref().unwrap_or(&before.revision);
            check_unique(conn, Some(id), name, ipn, revision)?;
            let after = apply_part_changes(conn, id, &changes)?;
            if after.trackable && !before.trackable {
                make_users_trackable(conn, id)?;
            }
            load_part(conn, id)
        })
    }

    /// Deletes a part as InvenTree's API does: refused while it is locked (unless
    /// `PART_ENABLE_LOCKING` is off), active, or used in an assembly's BOM (unless
    /// `PART_ALLOW_DELETE_FROM_ASSEMBLY` is on).
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn delete_part_checked(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            let part = load_part(conn, id)?;
            if part.locked && global_flag(conn, "PART_ENABLE_LOCKING", true)? {
                return Err(StoreError::refused(
                    "Cannot delete this part as it is locked",
                ));
            }
            if part.active {
                return Err(StoreError::refused(
                    "Cannot delete this part as it is still active",
                ));
            }
            if !global_flag(conn, "PART_ALLOW_DELETE_FROM_ASSEMBLY", false)? {
                let uses: i64 = bom_items::table
                    .filter(bom_items::sub_part_id.eq(id))
                    .count()
                    .get_result(conn)?;
                if uses > 0 {
                    return Err(StoreError::refused(
                        "Cannot delete this part as it is used in an assembly",
                    ));
                }
            }
            delete_parts(conn, &[id])
        })
    }
}
