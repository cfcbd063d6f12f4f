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
        // Only the newest `keep` rows survive the prune, so older scans of a large batch
        // need not be written at all: at high scan rates this saves most of the work.
        let keep = keep.max(0);
        let scans = &scans[scans
            .len()
            .saturating_sub(usize::try_from(keep).unwrap_or(usize::MAX))..];
        self.write(|conn| {
            for chunk in scans.chunks(1000) {
                crate::db::each_backend!(conn, c => diesel::insert_into(barcode_scans::table).values(chunk).execute(c))?;
            }
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

/// What part of the scan history to list.
#[derive(Debug, Clone, Default)]
pub struct ScanQuery {
    pub user: Option<i64>,
    pub result: Option<bool>,
    /// Data contains this (case-insensitive).
    pub search: Option<String>,
    /// `(key, descending)` with keys `user`, `timestamp`, `endpoint`, `result`; newest first
    /// when empty.
    pub ordering: Vec<(String, bool)>,
    pub page: crate::listing::PageRequest,
}

impl Store {
    /// One page of the scan history.
    pub fn query_scans(
        &self,
        query: &ScanQuery,
    ) -> StoreResult<crate::listing::Listed<BarcodeScan>> {
        use crate::listing::{contains_pattern, lower};
        self.read(|conn| {
            let filtered = || {
                let mut q = barcode_scans::table.into_boxed();
                if let Some(user) = query.user {
                    q = q.filter(barcode_scans::user_id.eq(user));
                }
                if let Some(result) = query.result {
                    q = q.filter(barcode_scans::result.eq(result));
                }
                if let Some(term) = &query.search {
                    q = q.filter(
                        lower(barcode_scans::data)
                            .like(contains_pattern(term))
                            .escape('\\'),
                    );
                }
                q
            };
            let count: i64 = filtered().count().get_result(conn)?;
            let mut q = filtered();
            for (key, descending) in &query.ordering {
                q = match (key.as_str(), descending) {
                    ("user", false) => q.then_order_by(barcode_scans::user_id.asc()),
                    ("user", true) => q.then_order_by(barcode_scans::user_id.desc()),
                    ("timestamp", false) => q.then_order_by(barcode_scans::id.asc()),
                    ("timestamp", true) => q.then_order_by(barcode_scans::id.desc()),
                    ("endpoint", false) => q.then_order_by(barcode_scans::endpoint.asc()),
                    ("endpoint", true) => q.then_order_by(barcode_scans::endpoint.desc()),
                    ("result", false) => q.then_order_by(barcode_scans::result.asc()),
                    ("result", true) => q.then_order_by(barcode_scans::result.desc()),
                    _ => q,
                };
            }
            // Newest first by default; ids grow with time, and break ties.
            q = q.then_order_by(barcode_scans::id.desc());
            if let Some(limit) = query.page.limit {
                q = q.limit(limit).offset(query.page.offset);
            }
            let items = q.select(BarcodeScan::as_select()).load(conn)?;
            Ok(crate::listing::Listed { count, items })
        })
    }

    /// Deletes the whole scan history; returns how many rows.
    pub fn delete_all_scans(&self) -> StoreResult<usize> {
        self.write(|conn| Ok(diesel::delete(barcode_scans::table).execute(conn)?))
    }
}

impl Store {
    /// Links many barcodes at once, in one transaction: all of them or none (a barcode
    /// already linked fails the whole import as `Conflict(BarcodeTaken)`).
    pub fn import_barcode_links(
        &self,
        links: &[(ModelType, i64, String)],
        user: Option<i64>,
    ) -> StoreResult<usize> {
        self.write(|conn| {
            let now = Utc::now().naive_utc();
            for chunk in links.chunks(1000) {
                let rows: Vec<_> = chunk
                    .iter()
                    .map(|(model, pk, data)| {
                        (
                            barcode_links::model_type.eq(model.name()),
                            barcode_links::object_id.eq(*pk),
                            barcode_links::data.eq(data.as_str()),
                            barcode_links::hash.eq(stockroom_core::barcode::BarcodeHash::of(data).to_hex()),
                            barcode_links::created.eq(now),
                            barcode_links::user_id.eq(user),
                        )
                    })
                    .collect();
                crate::db::each_backend!(conn, c => diesel::insert_into(barcode_links::table).values(rows).execute(c))?;
            }
            Ok(links.len())
        })
    }

    /// The first linked barcode hash of each of `ids` (objects of `model`), for the
    /// `barcode_hash` field of API representations.
    pub fn barcode_hashes(
        &self,
        model: ModelType,
        ids: &[i64],
    ) -> StoreResult<std::collections::HashMap<i64, String>> {
        self.read(|conn| first_hashes(conn, model, ids))
    }
}

/// The first linked barcode hash of each of `ids`: an object shows its oldest link's hash as
/// `barcode_hash`, as InvenTree shows its one.
pub(crate) fn first_hashes(
    conn: &mut crate::AnyConnection,
    model: ModelType,
    ids: &[i64],
) -> StoreResult<std::collections::HashMap<i64, String>> {
    let mut found = std::collections::HashMap::new();
    if let [id] = ids {
        // One object (detail reads, scans): `eq` keeps the statement prepared.
        let rows: Vec<String> = crate::db::each_backend!(conn, c => barcode_links::table
            .filter(barcode_links::model_type.eq(model.name()))
            .filter(barcode_links::object_id.eq(*id))
            .order(barcode_links::id)
            .select(barcode_links::hash)
            .load(c))?;
        if let Some(hash) = rows.into_iter().next() {
            found.insert(*id, hash);
        }
        return Ok(found);
    }
    for chunk in ids.chunks(1000) {
        let rows: Vec<(i64, String)> = barcode_links::table
            .filter(barcode_links::model_type.eq(model.name()))
            .filter(barcode_links::object_id.eq_any(chunk))
            .order(barcode_links::id)
            .select((barcode_links::object_id, barcode_links::hash))
            .load(conn)?;
        for (id, hash) in rows {
            found.entry(id).or_insert(hash);
        }
    }
    Ok(found)
}

/// True when the object exists. Written per table with the query builder so that each
/// statement stays prepared: this runs on every scan.
pub(crate) fn object_exists(
    conn: &mut crate::AnyConnection,
    model: ModelType,
    pk: i64,
) -> StoreResult<bool> {
    use crate::schema::*;
    macro_rules! exists_in {
        ($table:ident) => {
            !$table::table
                .filter($table::id.eq(pk))
                .select($table::id)
                .load::<i64>(conn)?
                .is_empty()
        };
    }
    Ok(match model {
        ModelType::Build => exists_in!(builds),
        ModelType::ManufacturerPart => exists_in!(manufacturer_parts),
        ModelType::SupplierPart => exists_in!(supplier_parts),
        ModelType::PurchaseOrder => exists_in!(purchase_orders),
        ModelType::ReturnOrder => exists_in!(return_orders),
        ModelType::SalesOrder => exists_in!(sales_orders),
        ModelType::SalesOrderShipment => exists_in!(sales_order_shipments),
        ModelType::Part => exists_in!(parts),
        ModelType::StockItem => exists_in!(stock_items),
        ModelType::StockLocation => exists_in!(stock_locations),
    })
}

/// How a scanned barcode was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// An internal barcode naming an existing object.
    Internal,
    /// An external barcode linked to an existing object.
    Linked,
}

impl Store {
    /// Resolves a scan in one read transaction: the first of the internal `candidates`
    /// that exists, else the existing object the barcode `hash` is linked to.
    pub fn resolve_barcode(
        &self,
        candidates: &[(ModelType, i64)],
        hash: &str,
    ) -> StoreResult<Option<(ModelType, i64, Resolved)>> {
        self.read(|conn| {
            for (model, pk) in candidates {
                if object_exists(conn, *model, *pk)? {
                    return Ok(Some((*model, *pk, Resolved::Internal)));
                }
            }
            let links: Vec<BarcodeLink> = crate::db::each_backend!(conn, c => barcode_links::table
                .filter(barcode_links::hash.eq(hash))
                .select(BarcodeLink::as_select())
                .load(c))?;
            let Some(link) = links.into_iter().next() else {
                return Ok(None);
            };
            let Some(model) = link.model() else {
                return Ok(None);
            };
            Ok(object_exists(conn, model, link.object_id)?.then_some((
                model,
                link.object_id,
                Resolved::Linked,
            )))
        })
    }
}
