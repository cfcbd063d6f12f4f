//! Counting, adding and removing stock.

use chrono::Utc;
use stockroom_core::Quantity;
use stockroom_core::status::history;

use super::{
    ALLOW_OUT_OF_STOCK_SETTING, ActionError, Overrides, Patch, Refusal, deltas, flag_setting,
    is_serialized, load_entry, remove_if_depleted, save, text, track,
};
use crate::Store;
use crate::db::AnyConnection;
use crate::stock::StockItem;
use crate::stock::rows::is_out_of_stock;

/// One entry of a count, add, remove or transfer request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub item: i64,
    pub quantity: Quantity,
    pub overrides: Overrides,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Count,
    Add,
    Remove,
}

/// Loads and checks one entry: it exists, it is in stock (unless the setting allows
/// otherwise) and its quantity is not negative.
pub(super) fn checked_entry(
    conn: &mut AnyConnection,
    refusal: &mut Refusal,
    index: usize,
    entry: &Adjustment,
    allow_out_of_stock: bool,
) -> Result<Option<StockItem>, ActionError> {
    if entry.quantity.is_negative() {
        refusal.item(
            index,
            "quantity",
            "Ensure this value is greater than or equal to 0.",
        );
    }
    let Some(item) = load_entry(conn, refusal, index, "pk", entry.item)? else {
        return Ok(None);
    };
    if !allow_out_of_stock && is_out_of_stock(&item) {
        refusal.item(index, "pk", text::NOT_IN_STOCK);
        return Ok(None);
    }
    Ok((!entry.quantity.is_negative()).then_some(item))
}

impl Store {
    /// Counts stock (a stocktake): sets each item's quantity, records the date and who
    /// counted. History: STOCK_COUNT `{quantity}` plus any overrides.
    pub fn count_stock(
        &self,
        entries: &[Adjustment],
        notes: &str,
        user: Option<i64>,
    ) -> Result<(), ActionError> {
        self.adjust(Kind::Count, entries, notes, user)
    }

    /// Adds to each item. History: STOCK_ADD `{added, quantity}`.
    pub fn add_stock(
        &self,
        entries: &[Adjustment],
        notes: &str,
        user: Option<i64>,
    ) -> Result<(), ActionError> {
        self.adjust(Kind::Add, entries, notes, user)
    }

    /// Takes from each item; more than it holds is refused. A depleted item is deleted when
    /// it asks for that. History: STOCK_REMOVE `{removed, quantity}`.
    pub fn remove_stock(
        &self,
        entries: &[Adjustment],
        notes: &str,
        user: Option<i64>,
    ) -> Result<(), ActionError> {
        self.adjust(Kind::Remove, entries, notes, user)
    }

    fn adjust(
        &self,
        kind: Kind,
        entries: &[Adjustment],
        notes: &str,
        user: Option<i64>,
    ) -> Result<(), ActionError> {
        self.act(|conn| {
            if entries.is_empty() {
                return Err(Refusal::of_field(None, text::NO_ITEMS).into());
            }
            let allow_out_of_stock = flag_setting(conn, ALLOW_OUT_OF_STOCK_SETTING, false)?;
            let mut refusal = Refusal::default();
            for (index, entry) in entries.iter().enumerate() {
                let Some(item) =
                    checked_entry(conn, &mut refusal, index, entry, allow_out_of_stock)?
                else {
                    continue;
                };
                if let Some(message) = apply(conn, kind, &item, entry, notes, user)? {
                    refusal.item(index, "quantity", message);
                }
            }
            if refusal.is_empty() {
                Ok(())
            } else {
                Err(refusal.into())
            }
        })
    }
}

/// Applies one entry, or returns why it is refused.
fn apply(
    conn: &mut AnyConnection,
    kind: Kind,
    item: &StockItem,
    entry: &Adjustment,
    notes: &str,
    user: Option<i64>,
) -> Result<Option<String>, ActionError> {
    let amount = entry.quantity;
    let current = item.quantity();
    let new_quantity = match kind {
        Kind::Count => amount,
        // Adding or removing nothing changes nothing and records nothing, as InvenTree.
        Kind::Add | Kind::Remove if amount.is_zero() => return Ok(None),
        Kind::Add => match current.checked_add(amount) {
            Some(total) => total,
            None => {
                return Ok(Some(
                    "Ensure that there are no more than 15 digits in total.".into(),
                ));
            }
        },
        Kind::Remove => match current.checked_sub(amount) {
            Some(left) if !left.is_negative() => left,
            _ => return Ok(Some(text::exceeds(current))),
        },
    };
    if is_serialized(item) && new_quantity > Quantity::ONE {
        return Ok(Some(text::SERIAL_QUANTITY.to_owned()));
    }
    let mut patch = Patch {
        quantity: Some(new_quantity.units()),
        ..Default::default()
    }
    .with_overrides(&entry.overrides);
    if kind == Kind::Count {
        patch.stocktake_date = Some(Some(Utc::now().date_naive()));
        patch.stocktake_user_id = Some(user);
    }
    let after = save(conn, item.id, patch)?;
    let (code, mut deltas) = match kind {
        Kind::Count => (
            history::STOCK_COUNT,
            deltas!("quantity": new_quantity.to_f64()),
        ),
        Kind::Add => (
            history::STOCK_ADD,
            deltas!("added": amount.to_f64(), "quantity": new_quantity.to_f64()),
        ),
        Kind::Remove => (
            history::STOCK_REMOVE,
            deltas!("removed": amount.to_f64(), "quantity": new_quantity.to_f64()),
        ),
    };
    entry.overrides.record(&mut deltas);
    track(conn, code, &after, user, notes, deltas)?;
    remove_if_depleted(conn, &after)?;
    Ok(None)
}
