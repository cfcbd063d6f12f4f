//! Order references and the reference-pattern settings (`PO-{ref:04d}`, ...).
//!
//! A reference is checked against its order type's pattern inside the writing transaction;
//! uniqueness per order type is the unique index on each order table.

use stockroom_core::reference::ReferencePattern;
use stockroom_core::settings::{GLOBAL, find};

use crate::StoreResult;
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::settings::{SettingScope, get};

/// The kinds of order with a reference pattern setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderKind {
    Purchase,
    Sales,
    Return,
    Build,
}

impl OrderKind {
    /// The global setting holding the pattern.
    pub fn setting(self) -> &'static str {
        match self {
            OrderKind::Purchase => "PURCHASEORDER_REFERENCE_PATTERN",
            OrderKind::Sales => "SALESORDER_REFERENCE_PATTERN",
            OrderKind::Return => "RETURNORDER_REFERENCE_PATTERN",
            OrderKind::Build => "BUILDORDER_REFERENCE_PATTERN",
        }
    }
}

/// The pattern in force: the stored setting, else the definition's default. A stored
/// pattern that no longer parses falls back to the default rather than making every order
/// unwritable (the settings API refuses such values, so only a hand-edited database has one).
pub(crate) fn pattern(conn: &mut AnyConnection, kind: OrderKind) -> StoreResult<ReferencePattern> {
    let stored = get(conn, SettingScope::Global, kind.setting())?;
    let text = stored.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(parsed) = text.and_then(|t| ReferencePattern::parse(t).ok()) {
        return Ok(parsed);
    }
    let default = find(GLOBAL, kind.setting()).map_or("{ref}", |d| d.default);
    ReferencePattern::parse(default)
        .map_err(|e| StoreError::Corrupt(format!("built-in reference pattern: {e}")))
}

/// Checks `reference` against the pattern and returns its sort key (the `{ref}` number,
/// clipped to the 32-bit range as InvenTree's `reference_int`). InvenTree's messages.
pub(crate) fn checked_reference(
    conn: &mut AnyConnection,
    kind: OrderKind,
    reference: &str,
) -> StoreResult<i64> {
    let reference = reference.trim();
    if reference.is_empty() {
        return Err(StoreError::invalid(
            "reference",
            "This field may not be blank.",
        ));
    }
    let pattern = pattern(conn, kind)?;
    match pattern.number_of(reference) {
        Some(n) => Ok(n.clamp(0, i64::from(i32::MAX))),
        None => Err(StoreError::invalid(
            "reference",
            format!("Reference must match required pattern: {pattern}"),
        )),
    }
}

/// The next reference: the pattern applied to one more than the highest sort key in use.
pub(crate) fn next_reference(
    conn: &mut AnyConnection,
    kind: OrderKind,
    highest: Option<i64>,
) -> StoreResult<String> {
    let pattern = pattern(conn, kind)?;
    Ok(pattern.format(highest.unwrap_or(0).saturating_add(1)))
}
