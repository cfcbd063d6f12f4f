//! Stock actions: count, add, remove, transfer (with splitting), merge, install and uninstall.
//!
//! Each action is one serializable transaction that reads the items, checks every rule
//! against what it read, writes, and records InvenTree's history entries with their deltas.
//! Two requests racing for the same stock therefore see each other's result: two removals
//! can never both take the last unit. A refused action writes nothing and says why, per item,
//! with InvenTree's messages.

mod adjust;
mod install;
mod merge;
mod transfer;
mod write;

pub use adjust::Adjustment;
pub use install::ENFORCE_BOM_SETTING;
pub use merge::MergeRequest;
pub use transfer::Transfer;
pub use write::{ALLOW_OUT_OF_STOCK_SETTING, Overrides};
pub(crate) use write::{
    Patch, deltas, flag_setting, is_serialized, load_entry, remove_if_depleted, save, split, track,
};

use diesel::prelude::*;

use crate::Store;
use crate::db::AnyConnection;
use crate::error::StoreError;

/// One problem with one entry of a request's `items` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemProblem {
    /// Position in the request's list.
    pub index: usize,
    /// The entry's field at fault (`pk`, `quantity`, `item`, ...).
    pub field: &'static str,
    pub message: String,
}

/// Why an action was refused, in InvenTree's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refusal {
    /// Problems with entries of `items`.
    pub items: Vec<ItemProblem>,
    /// Problems with other fields (`None`: the request as a whole).
    pub fields: Vec<(Option<&'static str>, String)>,
}

impl Refusal {
    pub(crate) fn item(&mut self, index: usize, field: &'static str, message: impl Into<String>) {
        self.items.push(ItemProblem {
            index,
            field,
            message: message.into(),
        });
    }

    pub(crate) fn field(&mut self, field: Option<&'static str>, message: impl Into<String>) {
        self.fields.push((field, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.fields.is_empty()
    }

    /// A refusal about one field.
    pub(crate) fn of_field(field: Option<&'static str>, message: impl Into<String>) -> Refusal {
        let mut refusal = Refusal::default();
        refusal.field(field, message);
        refusal
    }
}

/// What went wrong in an action.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    /// The request broke a rule; nothing was written.
    #[error("stock action refused: {0:?}")]
    Refused(Refusal),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for ActionError {
    fn from(error: diesel::result::Error) -> ActionError {
        ActionError::Store(error.into())
    }
}

impl From<Refusal> for ActionError {
    fn from(refusal: Refusal) -> ActionError {
        ActionError::Refused(refusal)
    }
}

/// InvenTree's messages.
pub(crate) mod text {
    pub const NOT_IN_STOCK: &str = "Stock item is not in stock";
    pub const SERIAL_QUANTITY: &str = "Quantity must be 1 for item with a serial number";
    pub const NO_ITEMS: &str = "A list of stock items must be provided";
    pub const STRUCTURAL: &str = "Stock items cannot be located into structural stock locations!";

    pub fn does_not_exist(pk: i64) -> String {
        format!("Invalid pk \"{pk}\" - object does not exist.")
    }

    pub fn exceeds(available: stockroom_core::Quantity) -> String {
        format!(
            "Quantity must not exceed available stock quantity ({})",
            available.to_fixed_string()
        )
    }
}

impl Store {
    /// Runs an action in one write transaction. A refusal rolls back to a savepoint, so
    /// nothing is written; store errors roll the whole transaction back (and are retried
    /// when the database asks for it).
    pub(crate) fn act<T>(
        &self,
        mut op: impl FnMut(&mut AnyConnection) -> Result<T, ActionError>,
    ) -> Result<T, ActionError> {
        let outcome = self.write(
            |conn| match conn.transaction::<T, ActionError, _>(|c| op(c)) {
                Err(ActionError::Store(e)) => Err(e),
                other => Ok(other),
            },
        );
        match outcome {
            Ok(result) => result,
            Err(e) => Err(ActionError::Store(e)),
        }
    }
}
