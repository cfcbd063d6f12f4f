//! Outputs of print jobs: the record clients poll, and the PDF once the job is complete.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::error::StoreError;
use crate::listing::{Listed, PageRequest};
use crate::schema::data_outputs;
use crate::{Store, StoreResult};

/// A print job's record (without its file).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = data_outputs)]
pub struct DataOutput {
    pub id: i64,
    pub created: NaiveDateTime,
    pub user_id: Option<i64>,
    pub model_type: String,
    /// How many objects the job prints.
    pub items: i64,
    pub complete: bool,
    /// Labels done so far.
    pub progress: i64,
    /// `LABEL` for label jobs.
    pub output_type: String,
    pub template_id: Option<i64>,
    pub plugin: String,
    pub filename: String,
    /// Why the job failed, if it did.
    pub errors: Option<String>,
}

/// A job to record.
#[derive(Debug, Clone)]
pub struct NewDataOutput {
    pub user_id: Option<i64>,
    pub model_type: String,
    pub items: i64,
    pub output_type: String,
    pub template_id: Option<i64>,
    pub plugin: String,
    pub filename: String,
}

fn load(conn: &mut crate::AnyConnection, id: i64) -> StoreResult<DataOutput> {
    data_outputs::table
        .find(id)
        .select(DataOutput::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "dataoutput",
            pk: id,
        })
}

impl Store {
    /// Records a job. With `content`, the job is recorded complete with its file in the
    /// same statement, so a reader never sees a complete job without its file.
    pub fn create_data_output(
        &self,
        new: &NewDataOutput,
        content: Option<&[u8]>,
    ) -> StoreResult<DataOutput> {
        self.write(|conn| {
            let id: i64 = diesel::insert_into(data_outputs::table)
                .values((
                    data_outputs::created.eq(Utc::now().naive_utc()),
                    data_outputs::user_id.eq(new.user_id),
                    data_outputs::model_type.eq(&new.model_type),
                    data_outputs::items.eq(new.items),
                    data_outputs::complete.eq(content.is_some()),
                    data_outputs::progress.eq(if content.is_some() { new.items } else { 0 }),
                    data_outputs::output_type.eq(&new.output_type),
                    data_outputs::template_id.eq(new.template_id),
                    data_outputs::plugin.eq(&new.plugin),
                    data_outputs::filename.eq(&new.filename),
                    data_outputs::content.eq(content),
                ))
                .returning(data_outputs::id)
                .get_result(conn)?;
            load(conn, id)
        })
    }

    /// Records how far a job has got.
    pub fn set_data_output_progress(&self, id: i64, progress: i64) -> StoreResult<()> {
        self.write(|conn| {
            diesel::update(data_outputs::table.find(id))
                .set(data_outputs::progress.eq(progress))
                .execute(conn)?;
            Ok(())
        })
    }

    /// Stores a finished job's file and marks it complete, in one statement.
    pub fn complete_data_output(&self, id: i64, content: &[u8]) -> StoreResult<()> {
        self.write(|conn| {
            diesel::update(data_outputs::table.find(id))
                .set((
                    data_outputs::content.eq(Some(content)),
                    data_outputs::complete.eq(true),
                    data_outputs::progress.eq(data_outputs::items),
                ))
                .execute(conn)?;
            Ok(())
        })
    }

    /// Marks a job failed: complete, no file, and why.
    pub fn fail_data_output(&self, id: i64, errors: &str) -> StoreResult<()> {
        self.write(|conn| {
            diesel::update(data_outputs::table.find(id))
                .set((
                    data_outputs::complete.eq(true),
                    data_outputs::errors.eq(Some(errors)),
                ))
                .execute(conn)?;
            Ok(())
        })
    }

    /// One job.
    pub fn data_output(&self, id: i64) -> StoreResult<DataOutput> {
        self.read(|conn| load(conn, id))
    }

    /// A job's file, if it has one.
    pub fn data_output_content(&self, id: i64) -> StoreResult<Option<Vec<u8>>> {
        self.read(|conn| {
            load(conn, id)?;
            Ok(data_outputs::table
                .find(id)
                .select(data_outputs::content)
                .first::<Option<Vec<u8>>>(conn)?)
        })
    }

    /// Jobs, newest first; only `user`'s when given.
    pub fn query_data_outputs(
        &self,
        user: Option<i64>,
        page: PageRequest,
    ) -> StoreResult<Listed<DataOutput>> {
        self.read(|conn| {
            let filtered = || {
                let mut q = data_outputs::table.into_boxed();
                if let Some(user) = user {
                    q = q.filter(data_outputs::user_id.eq(user));
                }
                q
            };
            let count: i64 = filtered().count().get_result(conn)?;
            // SQLite takes OFFSET only after a LIMIT.
            let items = filtered()
                .order(data_outputs::id.desc())
                .limit(page.limit.unwrap_or(i64::MAX))
                .offset(page.offset)
                .select(DataOutput::as_select())
                .load(conn)?;
            Ok(Listed { count, items })
        })
    }

    /// Deletes a job and its file.
    pub fn delete_data_output(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            load(conn, id)?;
            diesel::delete(data_outputs::table.find(id)).execute(conn)?;
            Ok(())
        })
    }
}
