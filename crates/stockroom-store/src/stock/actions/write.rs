//! The writes stock actions share: changing an item, recording history, splitting and
//! deleting depleted stock.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::{Map, Value, json};
use stockroom_core::Quantity;

use super::{Refusal, text};
use crate::StoreResult;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::stock_items;
use crate::stock::items::load_item;
use crate::stock::tracking::{NewTracking, add_tracking};
use crate::stock::{NewStockItem, StockItem};

/// Optional per-item changes a stock action may carry (InvenTree's
/// `optional_transfer_fields`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub batch: Option<String>,
    pub status: Option<i32>,
    pub packaging: Option<String>,
}

impl Overrides {
    /// Adds the overrides to history deltas.
    pub(crate) fn record(&self, deltas: &mut Map<String, Value>) {
        if let Some(batch) = &self.batch {
            deltas.insert("batch".into(), json!(batch));
        }
        if let Some(status) = self.status {
            deltas.insert("status".into(), json!(status));
        }
        if let Some(packaging) = &self.packaging {
            deltas.insert("packaging".into(), json!(packaging));
        }
    }
}

/// The columns an action changes; `updated` is always written.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = stock_items)]
pub(crate) struct Patch {
    pub quantity: Option<i64>,
    pub location_id: Option<Option<i64>>,
    pub batch: Option<Option<String>>,
    pub status: Option<i32>,
    pub packaging: Option<String>,
    pub belongs_to_id: Option<Option<i64>>,
    pub consumed_by_id: Option<Option<i64>>,
    pub stocktake_date: Option<Option<NaiveDate>>,
    pub stocktake_user_id: Option<Option<i64>>,
    pub purchase_price: Option<Option<String>>,
    pub updated: Option<NaiveDateTime>,
}

impl Patch {
    pub(crate) fn with_overrides(mut self, overrides: &Overrides) -> Patch {
        if let Some(batch) = &overrides.batch {
            self.batch = Some(Some(batch.clone()));
        }
        self.status = overrides.status.or(self.status);
        if let Some(packaging) = &overrides.packaging {
            self.packaging = Some(packaging.clone());
        }
        self
    }
}

pub(crate) fn save(conn: &mut AnyConnection, id: i64, patch: Patch) -> StoreResult<StockItem> {
    let patch = Patch {
        updated: Some(Utc::now().naive_utc()),
        ..patch
    };
    diesel::update(stock_items::table.find(id))
        .set(&patch)
        .execute(conn)?;
    load_item(conn, id)
}

/// Writes one history entry for `item`.
pub(crate) fn track(
    conn: &mut AnyConnection,
    code: i32,
    item: &StockItem,
    user: Option<i64>,
    notes: &str,
    deltas: Map<String, Value>,
) -> StoreResult<()> {
    add_tracking(
        conn,
        &NewTracking {
            tracking_type: code,
            item_id: Some(item.id),
            part_id: item.part_id,
            user_id: user,
            notes: notes.to_owned(),
            deltas: Some(Value::Object(deltas)),
        },
    )
}

/// Deltas from `key: value` pairs.
macro_rules! deltas {
    ($($key:literal: $value:expr),* $(,)?) => {{
        let mut map = serde_json::Map::new();
        $(map.insert($key.to_owned(), serde_json::json!($value));)*
        map
    }};
}
pub(crate) use deltas;

/// Loads an item for an action, or records that it does not exist.
pub(crate) fn load_entry(
    conn: &mut AnyConnection,
    refusal: &mut Refusal,
    index: usize,
    field: &'static str,
    pk: i64,
) -> StoreResult<Option<StockItem>> {
    match load_item(conn, pk) {
        Ok(item) => Ok(Some(item)),
        Err(StoreError::NotFound { .. }) => {
            refusal.item(index, field, text::does_not_exist(pk));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// True for an item with a serial number (InvenTree's `serialized`).
pub(crate) fn is_serialized(item: &StockItem) -> bool {
    item.serial.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// Reads a boolean global setting.
pub(crate) use crate::settings::global_flag as flag_setting;

/// InvenTree's `STOCK_ALLOW_OUT_OF_STOCK_TRANSFER`.
pub const ALLOW_OUT_OF_STOCK_SETTING: &str = "STOCK_ALLOW_OUT_OF_STOCK_TRANSFER";

/// Deletes a depleted item when it asks for that and nothing depends on it (nothing is
/// installed in it and it is not on a sales order). Returns true when it was deleted.
pub(crate) fn remove_if_depleted(conn: &mut AnyConnection, item: &StockItem) -> StoreResult<bool> {
    if item.quantity != 0 || !item.delete_on_deplete || item.sales_order_id.is_some() {
        return Ok(false);
    }
    let installed: i64 = stock_items::table
        .filter(stock_items::belongs_to_id.eq(item.id))
        .count()
        .get_result(conn)?;
    if installed > 0 {
        return Ok(false);
    }
    diesel::delete(stock_items::table.find(item.id)).execute(conn)?;
    Ok(true)
}

/// Splits `quantity` off `item` into a new child item (kept at `location`, or where the
/// parent is), with `overrides` on the new piece only. Writes SPLIT_FROM_PARENT on the new
/// item and SPLIT_CHILD_ITEM on the parent.
pub(crate) fn split(
    conn: &mut AnyConnection,
    item: &StockItem,
    quantity: Quantity,
    location: Option<Option<i64>>,
    overrides: &Overrides,
    user: Option<i64>,
    notes: &str,
) -> StoreResult<StockItem> {
    use stockroom_core::status::history;
    let now = Utc::now().naive_utc();
    let piece = NewStockItem {
        part_id: item.part_id,
        quantity: quantity.units(),
        location_id: location.unwrap_or(item.location_id),
        serial: None,
        batch: overrides.batch.clone().or_else(|| item.batch.clone()),
        status: overrides.status.unwrap_or(item.status),
        expiry_date: item.expiry_date,
        parent_id: Some(item.id),
        belongs_to_id: item.belongs_to_id,
        supplier_part_id: item.supplier_part_id,
        purchase_order_id: item.purchase_order_id,
        sales_order_id: item.sales_order_id,
        build_id: item.build_id,
        is_building: item.is_building,
        customer_id: item.customer_id,
        delete_on_deplete: item.delete_on_deplete,
        packaging: overrides
            .packaging
            .clone()
            .unwrap_or_else(|| item.packaging.clone()),
        purchase_price: item.purchase_price.clone(),
        purchase_price_currency: item.purchase_price_currency.clone(),
        link: item.link.clone(),
        notes: item.notes.clone(),
    };
    let id: i64 = diesel::insert_into(stock_items::table)
        .values((
            &piece,
            stock_items::creation_date.eq(now.date()),
            stock_items::updated.eq(now),
        ))
        .returning(stock_items::id)
        .get_result(conn)?;
    let child = load_item(conn, id)?;
    let mut child_deltas = deltas!("stockitem": item.id, "quantity": quantity.to_f64());
    overrides.record(&mut child_deltas);
    track(
        conn,
        history::SPLIT_FROM_PARENT,
        &child,
        user,
        notes,
        child_deltas,
    )?;
    let remaining = item.quantity - quantity.units();
    let parent = save(
        conn,
        item.id,
        Patch {
            quantity: Some(remaining),
            ..Default::default()
        },
    )?;
    let parent_deltas = deltas!(
        "removed": quantity.to_f64(),
        "quantity": parent.quantity().to_f64(),
        "stockitem": child.id,
    );
    track(
        conn,
        history::SPLIT_CHILD_ITEM,
        &parent,
        user,
        notes,
        parent_deltas,
    )?;
    Ok(child)
}
