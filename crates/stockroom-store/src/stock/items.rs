//! Stock items: create, read, update, delete, each with its history entry.

use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::status::{STOCK_STATUS, history};

use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::locations::load_location;
use crate::parts::load_part;
use crate::schema::{stock_items, supplier_parts};
use crate::settings::serial_scope_for;
use crate::stock::tracking::{NewTracking, add_tracking};
use crate::{Store, StoreResult};

/// A quantity of one part in one place, optionally with a serial number or batch code.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = stock_items)]
pub struct StockItem {
    pub id: i64,
    pub part_id: i64,
    /// In 1/100000 units.
    pub quantity: i64,
    pub location_id: Option<i64>,
    pub serial: Option<String>,
    /// Integer sort key of the serial.
    pub serial_int: i64,
    /// The scope the serial is unique in: the part's tree, or 0 when global.
    pub serial_scope: Option<i64>,
    pub batch: Option<String>,
    pub status: i32,
    pub expiry_date: Option<NaiveDate>,
    pub stocktake_date: Option<NaiveDate>,
    pub stocktake_user_id: Option<i64>,
    pub parent_id: Option<i64>,
    /// The item this one is installed in.
    pub belongs_to_id: Option<i64>,
    pub consumed_by_id: Option<i64>,
    pub supplier_part_id: Option<i64>,
    pub purchase_order_id: Option<i64>,
    pub sales_order_id: Option<i64>,
    pub build_id: Option<i64>,
    pub is_building: bool,
    pub customer_id: Option<i64>,
    pub delete_on_deplete: bool,
    pub packaging: String,
    pub purchase_price: Option<String>,
    pub purchase_price_currency: String,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub updated: Option<NaiveDateTime>,
}

impl StockItem {
    /// The quantity as an exact value.
    pub fn quantity(&self) -> Quantity {
        Quantity::from_units(self.quantity)
    }
}

/// A new stock item. `serial_int`, `serial_scope` and the dates are derived when stored.
///
/// `None` is written as NULL (every optional column is nullable without a default), which
/// lets many rows go into one multi-row `INSERT`.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = stock_items, treat_none_as_default_value = false)]
pub struct NewStockItem {
    pub part_id: i64,
    pub quantity: i64,
    pub location_id: Option<i64>,
    pub serial: Option<String>,
    pub batch: Option<String>,
    pub status: i32,
    pub expiry_date: Option<NaiveDate>,
    pub parent_id: Option<i64>,
    pub belongs_to_id: Option<i64>,
    pub supplier_part_id: Option<i64>,
    pub purchase_order_id: Option<i64>,
    pub sales_order_id: Option<i64>,
    pub build_id: Option<i64>,
    pub is_building: bool,
    pub customer_id: Option<i64>,
    pub delete_on_deplete: bool,
    pub packaging: String,
    pub purchase_price: Option<String>,
    pub purchase_price_currency: String,
    pub link: String,
    pub notes: String,
}

impl NewStockItem {
    /// A plain item: `quantity` of `part_id`, status OK, nothing else set.
    pub fn new(part_id: i64, quantity: Quantity) -> NewStockItem {
        NewStockItem {
            part_id,
            quantity: quantity.units(),
            location_id: None,
            serial: None,
            batch: None,
            status: stockroom_core::status::stock_status::OK,
            expiry_date: None,
            parent_id: None,
            belongs_to_id: None,
            supplier_part_id: None,
            purchase_order_id: None,
            sales_order_id: None,
            build_id: None,
            is_building: false,
            customer_id: None,
            delete_on_deplete: false,
            packaging: String::new(),
            purchase_price: None,
            purchase_price_currency: String::new(),
            link: String::new(),
            notes: String::new(),
        }
    }
}

/// Fields of a stock item that an edit may change; `None` leaves a field as it is. Stock
/// actions (count, transfer, ...) are the usual way to change quantity and location; an edit
/// of them is recorded in the item's history too.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = stock_items)]
pub struct StockItemChanges {
    /// In 1/100000 units; not for serialized items.
    pub quantity: Option<i64>,
    pub location_id: Option<Option<i64>>,
    pub batch: Option<Option<String>>,
    pub status: Option<i32>,
    pub expiry_date: Option<Option<NaiveDate>>,
    pub supplier_part_id: Option<Option<i64>>,
    pub purchase_order_id: Option<Option<i64>>,
    pub customer_id: Option<Option<i64>>,
    pub delete_on_deplete: Option<bool>,
    pub packaging: Option<String>,
    pub purchase_price: Option<Option<String>>,
    pub purchase_price_currency: Option<String>,
    pub link: Option<String>,
    pub notes: Option<String>,
}

pub(crate) fn load_item(conn: &mut AnyConnection, id: i64) -> StoreResult<StockItem> {
    stock_items::table
        .find(id)
        .select(StockItem::as_select())
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "StockItem",
            pk: id,
        })
}

/// Checks the rules every stored item obeys, before it is written.
pub(crate) fn check_new(conn: &mut AnyConnection, new: &NewStockItem) -> StoreResult<()> {
    let part = load_part(conn, new.part_id)?;
    if part.is_template {
        return Err(StoreError::invalid(
            "part",
            "Stock item cannot be created for a template part",
        ));
    }
    if part.is_virtual {
        return Err(StoreError::invalid(
            "part",
            "Stock item cannot be created for virtual parts",
        ));
    }
    if let Some(location) = new.location_id
        && load_location(conn, location)?.structural
    {
        return Err(StoreError::invalid(
            "location",
            "Stock items cannot be located into structural stock locations!",
        ));
    }
    if !STOCK_STATUS.contains(new.status) {
        return Err(StoreError::invalid(
            "status",
            format!("\"{}\" is not a valid choice.", new.status),
        ));
    }
    if new.quantity < 0 {
        return Err(StoreError::invalid(
            "quantity",
            "Quantity must be greater than zero",
        ));
    }
    if part.trackable && new.quantity % stockroom_core::quantity::SCALE != 0 {
        return Err(StoreError::invalid(
            "quantity",
            "Quantity must be integer value for trackable parts",
        ));
    }
    if let Some(supplier_part) = new.supplier_part_id {
        check_supplier_part(conn, supplier_part, &part)?;
    }
    if new.serial.is_some() && new.quantity != Quantity::ONE.units() {
        return Err(StoreError::invalid(
            "quantity",
            "Quantity must be 1 for item with a serial number",
        ));
    }
    Ok(())
}

/// A supplier part must be one of the item's part.
pub(crate) fn check_supplier_part(
    conn: &mut AnyConnection,
    supplier_part: i64,
    part: &crate::parts::Part,
) -> StoreResult<()> {
    let of: Option<i64> = supplier_parts::table
        .find(supplier_part)
        .select(supplier_parts::part_id)
        .first(conn)
        .optional()?;
    match of {
        Some(id) if id != part.id => {
            let other = load_part(conn, id)?;
            Err(StoreError::invalid(
                "supplier_part",
                format!(
                    "Part type ('{}') must be {}",
                    super::full_name(&other.name, other.ipn.as_deref(), &other.revision),
                    super::full_name(&part.name, part.ipn.as_deref(), &part.revision),
                ),
            ))
        }
        _ => Ok(()),
    }
}

/// Inserts one item and its CREATED history entry.
pub(crate) fn insert_item(
    conn: &mut AnyConnection,
    new: &NewStockItem,
    user: Option<i64>,
    serial_int: impl Fn(&str) -> i64,
) -> StoreResult<StockItem> {
    check_new(conn, new)?;
    let scope = match new.serial {
        Some(_) => Some(serial_scope_for(conn, new.part_id)?),
        None => None,
    };
    let now = Utc::now().naive_utc();
    let id: i64 = diesel::insert_into(stock_items::table)
        .values((
            new,
            stock_items::serial_int.eq(new.serial.as_deref().map_or(0, &serial_int)),
            stock_items::serial_scope.eq(scope),
            stock_items::creation_date.eq(now.date()),
            stock_items::updated.eq(now),
        ))
        .returning(stock_items::id)
        .get_result(conn)?;
    add_tracking(
        conn,
        &NewTracking {
            tracking_type: history::CREATED,
            item_id: Some(id),
            part_id: new.part_id,
            user_id: user,
            notes: String::new(),
            deltas: Some(json!({
                "status": new.status,
                "quantity": Quantity::from_units(new.quantity).to_f64(),
            })),
        },
    )?;
    load_item(conn, id)
}

impl Store {
    /// Creates one stock item with its history entry.
    pub fn create_stock_item(
        &self,
        new: &NewStockItem,
        user: Option<i64>,
    ) -> StoreResult<StockItem> {
        self.write(|conn| {
            insert_item(conn, new, user, |s| {
                i64::from(stockroom_core::serial::serial_int(s))
            })
        })
    }

    /// Reads one stock item.
    pub fn stock_item(&self, id: i64) -> StoreResult<StockItem> {
        self.read(|conn| load_item(conn, id))
    }

    /// Every stock item of a part, in primary-key order.
    pub fn list_stock_for_part(&self, part_id: i64) -> StoreResult<Vec<StockItem>> {
        self.read(|conn| {
            Ok(stock_items::table
                .filter(stock_items::part_id.eq(part_id))
                .order(stock_items::id)
                .select(StockItem::as_select())
                .load(conn)?)
        })
    }
}
