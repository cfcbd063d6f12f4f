//! Linked external barcodes and the barcode scan history.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use stockroom_core::ModelType;

use crate::error::StoreError;
use crate::schema::{barcode_links, barcode_scans};
use crate::{Store, StoreResult};

/// An external barcode linked to one object.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = barcode_links)]
pub struct BarcodeLink {
    pub id: i64,
    /// The model's lower-case name (`stockitem`).
    pub model_type: String,
    pub object_id: i64,
    /// The barcode as scanned.
    pub data: String,
    /// InvenTree's hash of the data; unique across all links.
    pub hash: String,
    pub created: NaiveDateTime,
    pub user_id: Option<i64>,
}

impl BarcodeLink {
    /// The linked model, if the stored name is one this build knows.
    pub fn model(&self) -> Option<ModelType> {
        ModelType::from_name(&self.model_type)
    }
}

/// One recorded scan.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = barcode_scans)]
pub struct BarcodeScan {
    pub id: i64,
    pub data: String,
    pub timestamp: NaiveDateTime,
    pub user_id: Option<i64>,
    pub endpoint: Option<String>,
    pub context: Option<String>,
    pub response: Option<String>,
    pub result: bool,
}

/// A scan to record.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = barcode_scans)]
pub struct NewBarcodeScan {
    pub data: String,
    pub timestamp: NaiveDateTime,
    pub user_id: Option<i64>,
    pub endpoint: Option<String>,
    pub context: Option<String>,
    pub response: Option<String>,
    pub result: bool,
}

impl Store {
    /// Links a barcode to an object. A barcode linked already (to anything) is refused by
    /// the unique index as `Conflict(BarcodeTaken)`.
    pub fn link_barcode(
        &self,
        model: ModelType,
        object_id: i64,
        data: &str,
        hash: &str,
        user: Option<i64>,
    ) -> StoreResult<BarcodeLink> {
        self.write(|conn| {
            let id: i64 = diesel::insert_into(barcode_links::table)
                .values((
                    barcode_links::model_type.eq(model.name()),
                    barcode_links::object_id.eq(object_id),
                    barcode_links::data.eq(data),
                    barcode_links::hash.eq(hash),
                    barcode_links::created.eq(Utc::now().naive_utc()),
                    barcode_links::user_id.eq(user),
                ))
                .returning(barcode_links::id)
                .get_result(conn)?;
            Ok(barcode_links::table
                .find(id)
                .select(BarcodeLink::as_select())
                .first(conn)?)
        })
    }

    /// The link of a barcode hash: one index lookup.
    pub fn barcode_link_by_hash(&self, hash: &str) -> StoreResult<Option<BarcodeLink>> {
        self.read(|conn| {
            Ok(barcode_links::table
                .filter(barcode_links::hash.eq(hash))
                .select(BarcodeLink::as_select())
                .first(conn)
                .optional()?)
        })
    }

    /// An object's links, oldest first.
    pub fn barcode_links_of(
        &self,
        model: ModelType,
        object_id: i64,
    ) -> StoreResult<Vec<BarcodeLink>> {
        self.read(|conn| {
            Ok(barcode_links::table
                .filter(barcode_links::model_type.eq(model.name()))
                .filter(barcode_links::object_id.eq(object_id))
                .order(barcode_links::id)
                .select(BarcodeLink::as_select())
                .load(conn)?)
        })
    }

    /// Removes an object's links: the one with `hash`, or all of them. Returns how many.
    pub fn unlink_barcodes(
        &self,
        model: ModelType,
        object_id: i64,
        hash: Option<&str>,
    ) -> StoreResult<usize> {
        self.write(|conn| {
            let mine = barcode_links::table
                .filter(barcode_links::model_type.eq(model.name()))
                .filter(barcode_links::object_id.eq(object_id));
            Ok(match hash {
                Some(hash) => {
                    diesel::delete(mine.filter(barcode_links::hash.eq(hash))).execute(conn)?
                }
                None => diesel::delete(mine).execute(conn)?,
            })
        })
    }

    /// Records scans and prunes the history to the newest `keep` rows, in one transaction,
    /// so the table never holds more than `keep` after a commit.
    pub fn record_scans(&self, scans: &[NewBarcodeScan], keep: i64) -> StoreResult<()> {
        self.write(|conn| {
            for chunk in scans.chunks(1000) {
                crate::db::each_backend!(conn, c => diesel::insert_into(barcode_scans::table).values(chunk).execute(c))?;
            }
            let keep = keep.max(0);
            let cutoff: Option<i64> = barcode_scans::table
                .order(barcode_scans::id.desc())
                .offset(keep)
                .select(barcode_scans::id)
                .first(conn)
                .optional()?;
            if let Some(cutoff) = cutoff {
                diesel::delete(barcode_scans::table.filter(barcode_scans::id.le(cutoff))).execute(conn)?;
            }
            Ok(())
        })
    }

    /// Recorded scans, newest first.
    pub fn list_scans(&self) -> StoreResult<Vec<BarcodeScan>> {
        self.read(|conn| {
            Ok(barcode_scans::table
                .order(barcode_scans::id.desc())
                .select(BarcodeScan::as_select())
                .load(conn)?)
        })
    }

    /// Deletes recorded scans by id; returns how many.
    pub fn delete_scans(&self, ids: &[i64]) -> StoreResult<usize> {
        self.write(|conn| {
            Ok(
                diesel::delete(barcode_scans::table.filter(barcode_scans::id.eq_any(ids)))
                    .execute(conn)?,
            )
        })
    }

    /// Reads one recorded scan.
    pub fn scan(&self, id: i64) -> StoreResult<BarcodeScan> {
        self.read(|conn| {
            barcode_scans::table
                .find(id)
                .select(BarcodeScan::as_select())
                .first(conn)
                .optional()?
                .ok_or(StoreError::NotFound {
                    model: "BarcodeScanResult",
                    pk: id,
                })
        })
    }
}
