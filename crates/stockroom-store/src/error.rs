//! The store's errors. They know nothing of HTTP; the server maps them in one place.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

/// A uniqueness rule the database enforces, named by its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    /// A serial number already exists in its scope (part tree, or everywhere).
    SerialTaken,
    /// A barcode is already linked to an object.
    BarcodeTaken,
    /// Token hashes collide (practically never; the token is regenerated).
    TokenTaken,
    SessionTaken,
    UsernameTaken,
    GroupNameTaken,
    /// An order or build reference is used already.
    ReferenceTaken,
    ShipmentReferenceTaken,
    ManufacturerPartTaken,
    SupplierPartTaken,
    SettingTaken,
    RuleSetTaken,
    GroupMembershipTaken,
    BuildLineTaken,
    ReturnLineTaken,
    /// A uniqueness rule this table does not know (a bug if it ever shows).
    Other,
}

/// Index names and the `table.column` lists SQLite reports for them.
const UNIQUE_INDEXES: &[(&str, &str, Constraint)] = &[
    (
        "stock_items_serial_scope_key",
        "stock_items.serial_scope, stock_items.serial",
        Constraint::SerialTaken,
    ),
    (
        "barcode_links_hash_key",
        "barcode_links.hash",
        Constraint::BarcodeTaken,
    ),
    (
        "api_tokens_hash_key",
        "api_tokens.token_hash",
        Constraint::TokenTaken,
    ),
    (
        "web_sessions_hash_key",
        "web_sessions.session_hash",
        Constraint::SessionTaken,
    ),
    (
        "users_username_key",
        "users.username",
        Constraint::UsernameTaken,
    ),
    (
        "role_groups_name_key",
        "role_groups.name",
        Constraint::GroupNameTaken,
    ),
    (
        "purchase_orders_reference_key",
        "purchase_orders.reference",
        Constraint::ReferenceTaken,
    ),
    (
        "sales_orders_reference_key",
        "sales_orders.reference",
        Constraint::ReferenceTaken,
    ),
    (
        "return_orders_reference_key",
        "return_orders.reference",
        Constraint::ReferenceTaken,
    ),
    (
        "builds_reference_key",
        "builds.reference",
        Constraint::ReferenceTaken,
    ),
    (
        "sales_order_shipments_order_reference_key",
        "sales_order_shipments.order_id, sales_order_shipments.reference",
        Constraint::ShipmentReferenceTaken,
    ),
    (
        "manufacturer_parts_part_mfr_mpn_key",
        "manufacturer_parts.part_id, manufacturer_parts.manufacturer_id, manufacturer_parts.mpn",
        Constraint::ManufacturerPartTaken,
    ),
    (
        "supplier_parts_part_supplier_sku_key",
        "supplier_parts.part_id, supplier_parts.supplier_id, supplier_parts.sku",
        Constraint::SupplierPartTaken,
    ),
    (
        "global_settings_key",
        "global_settings.key",
        Constraint::SettingTaken,
    ),
    (
        "user_settings_user_key",
        "user_settings.user_id, user_settings.key",
        Constraint::SettingTaken,
    ),
    (
        "plugin_settings_plugin_key",
        "plugin_settings.plugin, plugin_settings.key",
        Constraint::SettingTaken,
    ),
    (
        "group_rules_group_rule_key",
        "group_rules.group_id, group_rules.rule_set",
        Constraint::RuleSetTaken,
    ),
    (
        "user_groups_user_group_key",
        "user_groups.user_id, user_groups.group_id",
        Constraint::GroupMembershipTaken,
    ),
    (
        "build_lines_build_bom_key",
        "build_lines.build_id, build_lines.bom_item_id",
        Constraint::BuildLineTaken,
    ),
    (
        "return_order_lines_order_item_key",
        "return_order_lines.order_id, return_order_lines.item_id",
        Constraint::ReturnLineTaken,
    ),
];

impl Constraint {
    /// Finds the rule from PostgreSQL's constraint name or SQLite's message.
    fn identify(constraint_name: Option<&str>, message: &str) -> Constraint {
        if let Some(name) = constraint_name
            && let Some((_, _, c)) = UNIQUE_INDEXES.iter().find(|(n, _, _)| *n == name)
        {
            return *c;
        }
        // SQLite: "UNIQUE constraint failed: stock_items.serial_scope, stock_items.serial"
        if let Some(columns) = message.strip_prefix("UNIQUE constraint failed: ")
            && let Some((_, _, c)) = UNIQUE_INDEXES.iter().find(|(_, cols, _)| *cols == columns)
        {
            return *c;
        }
        Constraint::Other
    }
}

/// What can go wrong in a store operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The object does not exist.
    #[error("{model} {pk} does not exist")]
    NotFound { model: &'static str, pk: i64 },
    /// A uniqueness rule was violated.
    #[error("unique constraint violated: {0:?}")]
    Conflict(Constraint),
    /// A referenced object does not exist (or is still referenced when deleting).
    #[error("foreign key constraint failed")]
    ForeignKey,
    /// A business rule refused the request; `field` names the input at fault, if any.
    #[error("{message}")]
    Invalid {
        field: Option<&'static str>,
        message: String,
    },
    /// The configuration is wrong (bad URL, unwritable directory, ...).
    #[error("{0}")]
    Config(String),
    /// The database could not be reached or opened.
    #[error("{0}")]
    Connect(String),
    /// The database was created by a newer Stockroom.
    #[error(
        "the database schema is at version {found}, newer than this Stockroom knows ({known}); \
         upgrade Stockroom or use another database"
    )]
    SchemaTooNew { found: i64, known: i64 },
    /// No pooled connection became free in time.
    #[error("no database connection available: {0}")]
    Pool(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(#[source] DieselError),
    /// Stored data could not be read back (a bug or a hand-edited database).
    #[error("corrupt data: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// A business-rule error on one input field.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field: Some(field),
            message: message.into(),
        }
    }

    /// A business-rule error about the request as a whole.
    pub fn refused(message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field: None,
            message: message.into(),
        }
    }

    pub(crate) fn is_retryable(&self) -> bool {
        matches!(self, StoreError::Database(e) if crate::db::is_retryable(e))
    }
}

impl From<DieselError> for StoreError {
    fn from(error: DieselError) -> StoreError {
        match error {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, ref info) => {
                StoreError::Conflict(Constraint::identify(info.constraint_name(), info.message()))
            }
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                StoreError::ForeignKey
            }
            other => StoreError::Database(other),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    fn from(error: r2d2::Error) -> StoreError {
        StoreError::Pool(error.to_string())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_name_the_same_constraint() {
        assert_eq!(
            Constraint::identify(Some("stock_items_serial_scope_key"), "duplicate key value"),
            Constraint::SerialTaken
        );
        assert_eq!(
            Constraint::identify(
                None,
                "UNIQUE constraint failed: stock_items.serial_scope, stock_items.serial"
            ),
            Constraint::SerialTaken
        );
        assert_eq!(
            Constraint::identify(None, "UNIQUE constraint failed: barcode_links.hash"),
            Constraint::BarcodeTaken
        );
        assert_eq!(
            Constraint::identify(None, "something else"),
            Constraint::Other
        );
    }
}
