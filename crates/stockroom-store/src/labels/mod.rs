//! Label templates, print-job outputs, and the objects a print job draws labels for.

mod objects;
mod outputs;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::error::StoreError;
use crate::listing::{Listed, PageRequest};
use crate::schema::label_templates;
use crate::{Store, StoreResult};

pub use objects::LabelObjects;
pub use outputs::{DataOutput, NewDataOutput};

/// A stored label template.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = label_templates)]
pub struct LabelTemplate {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// The model the labels are for (`stockitem`, `stocklocation`, `part`).
    pub model_type: String,
    /// The template source (SVG in Jinja syntax).
    pub template: String,
    pub filename: String,
    /// Millimetres.
    pub width: f64,
    pub height: f64,
    /// InvenTree's item filters (`key=value` pairs), kept as given.
    pub filters: String,
    pub enabled: bool,
    /// Goes up by one on every change of the template.
    pub revision: i64,
    /// The name of the built-in template this row was seeded from.
    pub builtin_key: Option<String>,
    pub created: NaiveDateTime,
    pub updated: NaiveDateTime,
}

/// A template to store.
#[derive(Debug, Clone)]
pub struct NewLabelTemplate {
    pub name: String,
    pub description: String,
    pub model_type: String,
    pub template: String,
    pub filename: String,
    pub width: f64,
    pub height: f64,
    pub filters: String,
    pub enabled: bool,
    pub builtin_key: Option<String>,
}

/// Changes to a template; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = label_templates)]
pub struct LabelTemplateChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub model_type: Option<String>,
    pub template: Option<String>,
    pub filename: Option<String>,
    pub width: Option<f64>,
    pub height: Option<f64>,
    pub filters: Option<String>,
    pub enabled: Option<bool>,
}

/// Which templates to list.
#[derive(Debug, Clone, Default)]
pub struct LabelTemplateQuery {
    pub model_type: Option<String>,
    pub enabled: Option<bool>,
    pub page: PageRequest,
}

fn not_found(pk: i64) -> StoreError {
    StoreError::NotFound {
        model: "labeltemplate",
        pk,
    }
}

fn load(conn: &mut crate::AnyConnection, id: i64) -> StoreResult<LabelTemplate> {
    label_templates::table
        .find(id)
        .select(LabelTemplate::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| not_found(id))
}

fn insert(conn: &mut crate::AnyConnection, new: &NewLabelTemplate) -> StoreResult<i64> {
    let now = Utc::now().naive_utc();
    Ok(diesel::insert_into(label_templates::table)
        .values((
            label_templates::name.eq(&new.name),
            label_templates::description.eq(&new.description),
            label_templates::model_type.eq(&new.model_type),
            label_templates::template.eq(&new.template),
            label_templates::filename.eq(&new.filename),
            label_templates::width.eq(new.width),
            label_templates::height.eq(new.height),
            label_templates::filters.eq(&new.filters),
            label_templates::enabled.eq(new.enabled),
            label_templates::revision.eq(1_i64),
            label_templates::builtin_key.eq(&new.builtin_key),
            label_templates::created.eq(now),
            label_templates::updated.eq(now),
        ))
        .returning(label_templates::id)
        .get_result(conn)?)
}

impl Store {
    /// One template.
    pub fn label_template(&self, id: i64) -> StoreResult<LabelTemplate> {
        self.read(|conn| load(conn, id))
    }

    /// Templates by id, filtered by model type and enabled state.
    pub fn query_label_templates(
        &self,
        query: &LabelTemplateQuery,
    ) -> StoreResult<Listed<LabelTemplate>> {
        self.read(|conn| {
            let filtered = || {
                let mut q = label_templates::table.into_boxed();
                if let Some(model) = &query.model_type {
                    q = q.filter(label_templates::model_type.eq(model.clone()));
                }
                if let Some(enabled) = query.enabled {
                    q = q.filter(label_templates::enabled.eq(enabled));
                }
                q
            };
            let count: i64 = filtered().count().get_result(conn)?;
            // SQLite takes OFFSET only after a LIMIT.
            let items = filtered()
                .order(label_templates::id)
                .limit(query.page.limit.unwrap_or(i64::MAX))
                .offset(query.page.offset)
                .select(LabelTemplate::as_select())
                .load(conn)?;
            Ok(Listed { count, items })
        })
    }

    /// Stores a new template.
    pub fn create_label_template(&self, new: &NewLabelTemplate) -> StoreResult<LabelTemplate> {
        self.write(|conn| {
            let id = insert(conn, new)?;
            load(conn, id)
        })
    }

    /// Changes a template; a new template text raises its revision.
    pub fn update_label_template(
        &self,
        id: i64,
        changes: &LabelTemplateChanges,
    ) -> StoreResult<LabelTemplate> {
        self.write(|conn| {
            let current = load(conn, id)?;
            let revision = current.revision + i64::from(changes.template.is_some());
            diesel::update(label_templates::table.find(id))
                .set((
                    changes,
                    label_templates::revision.eq(revision),
                    label_templates::updated.eq(Utc::now().naive_utc()),
                ))
                .execute(conn)?;
            load(conn, id)
        })
    }

    /// Deletes a template; its outputs stay, without a template.
    pub fn delete_label_template(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            load(conn, id)?;
            diesel::delete(label_templates::table.find(id)).execute(conn)?;
            Ok(())
        })
    }

    /// Adds each built-in template whose `builtin_key` is not stored yet, in one
    /// transaction. Returns how many were added. Safe to call from several servers at once:
    /// the unique index on `builtin_key` lets only one of them add a template.
    pub fn seed_label_templates(&self, builtins: &[NewLabelTemplate]) -> StoreResult<usize> {
        let result = self.write(|conn| {
            let present: Vec<Option<String>> = label_templates::table
                .filter(label_templates::builtin_key.is_not_null())
                .select(label_templates::builtin_key)
                .load(conn)?;
            let mut added = 0;
            for new in builtins {
                if !present.contains(&new.builtin_key) {
                    insert(conn, new)?;
                    added += 1;
                }
            }
            Ok(added)
        });
        match result {
            // Another server seeded the same template first.
            Err(StoreError::Conflict(_)) => Ok(0),
            other => other,
        }
    }
}
