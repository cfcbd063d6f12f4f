//! Stock items, their tracking history and the stock actions.

mod actions;
mod batch_regex;
mod create;
mod filters;
mod import;
mod items;
mod list;
mod list_macros;
mod neighbours;
mod query;
mod rows;
mod serial_edit;
mod serialize;
mod source;
mod tracking;
mod tracking_list;
mod update;

pub use actions::{
    ActionError, Adjustment, ItemProblem, MergeRequest, Overrides, Refusal, Transfer,
};
pub use batch_regex::BatchRegex;
pub use create::{KeyedSerial, SerialsError, serials_taken_message};
pub use items::{NewStockItem, StockItem, StockItemChanges};
pub use neighbours::SerialNeighbours;
pub use query::{LinkFilter, StockOrder, StockQuery};
pub use rows::{Figures, LocationBrief, PartBrief, StockRow, is_in_stock};
pub use serial_edit::{SerialEdit, serial_exists_message};
pub use serialize::{Serialize, serials_exist_message};
pub use tracking::{NewTracking, TrackingEntry};
pub use tracking_list::TrackingQuery;

/// Names of the settings the stock operations read.
pub mod setting_keys {
    pub use super::actions::ALLOW_OUT_OF_STOCK_SETTING as ALLOW_OUT_OF_STOCK_TRANSFER;
    pub use super::actions::ENFORCE_BOM_SETTING as ENFORCE_BOM_INSTALLATION;
    pub use super::list::EXPIRY_SETTING as ENABLE_EXPIRY;
    pub use super::rows::STALE_DAYS_SETTING as STALE_DAYS;
    pub use super::serial_edit::ALLOW_EDIT_SERIAL_SETTING as ALLOW_EDIT_SERIAL;
    pub use super::update::ALLOW_DELETE_SERIALIZED_SETTING as ALLOW_DELETE_SERIALIZED;
    /// Default of `delete_on_deplete` for new items (InvenTree: on).
    pub const DELETE_DEPLETED_DEFAULT: &str = "STOCK_DELETE_DEPLETED_DEFAULT";
}

/// A global setting's stored value. Reads with `load` rather than `first` (diesel keeps that
/// statement prepared), for the request paths that consult settings.
pub(crate) fn global_setting(
    conn: &mut crate::db::AnyConnection,
    key: &str,
) -> crate::StoreResult<Option<String>> {
    use diesel::prelude::*;

    use crate::schema::global_settings;
    let found: Vec<String> = global_settings::table
        .filter(global_settings::key.eq(key))
        .select(global_settings::value)
        .load(conn)?;
    Ok(found.into_iter().next())
}

/// A part's full name as InvenTree's default `PART_NAME_FORMAT` renders it:
/// `IPN | name | revision`, leaving out what is empty.
pub fn full_name(name: &str, ipn: Option<&str>, revision: &str) -> String {
    let mut out = String::new();
    if let Some(ipn) = ipn.filter(|i| !i.is_empty()) {
        out.push_str(ipn);
        out.push_str(" | ");
    }
    out.push_str(name);
    if !revision.is_empty() {
        out.push_str(" | ");
        out.push_str(revision);
    }
    out
}
