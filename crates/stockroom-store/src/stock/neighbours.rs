//! An item's neighbours among the serialized items of its scope, in list order
//! (`serial_int`, then serial).

use diesel::prelude::*;

use super::actions::is_serialized;
use super::items::load_item;
use crate::schema::stock_items;
use crate::{Store, StoreResult};

/// The items before and after one, by serial.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SerialNeighbours {
    pub previous: Option<i64>,
    pub next: Option<i64>,
}

impl Store {
    /// The serialized items just before and after `item` in its serial scope (its part's
    /// template/variant tree, or everything when serials are globally unique), ordered by
    /// `serial_int` and then serial text. Both are `None` for an item without a serial.
    pub fn serial_neighbours(&self, item: i64) -> StoreResult<SerialNeighbours> {
        self.read(|conn| {
            let item = load_item(conn, item)?;
            let (Some(serial), Some(scope)) = (item.serial.clone(), item.serial_scope) else {
                return Ok(SerialNeighbours::default());
            };
            if !is_serialized(&item) {
                return Ok(SerialNeighbours::default());
            }
            let key = item.serial_int;
            // Both lookups walk the (serial_scope, serial_int) index from the item outwards.
            let next: Vec<i64> = stock_items::table
                .filter(stock_items::serial_scope.eq(scope))
                .filter(stock_items::serial.is_not_null())
                .filter(
                    stock_items::serial_int.gt(key).or(stock_items::serial_int
                        .eq(key)
                        .and(stock_items::serial.gt(serial.clone()))),
                )
                .order((stock_items::serial_int.asc(), stock_items::serial.asc()))
                .select(stock_items::id)
                .limit(1)
                .load(conn)?;
            let previous: Vec<i64> = stock_items::table
                .filter(stock_items::serial_scope.eq(scope))
                .filter(stock_items::serial.is_not_null())
                .filter(
                    stock_items::serial_int.lt(key).or(stock_items::serial_int
                        .eq(key)
                        .and(stock_items::serial.lt(serial))),
                )
                .order((stock_items::serial_int.desc(), stock_items::serial.desc()))
                .select(stock_items::id)
                .limit(1)
                .load(conn)?;
            Ok(SerialNeighbours {
                previous: previous.first().copied(),
                next: next.first().copied(),
            })
        })
    }
}
