//! Global, user and plugin settings, stored as text by key.
//!
//! The definitions (types, defaults, validation) live with the code that reads them; the
//! store keeps only values that differ from nothing at all: a key never written reads as
//! `None` and the caller applies its default.

use diesel::prelude::*;

use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::schema::{global_settings, parts, plugin_settings, stock_items, user_settings};
use crate::{Store, StoreResult};

/// The key of the setting that makes serial numbers unique across all parts.
pub const SERIAL_NUMBER_GLOBALLY_UNIQUE: &str = "SERIAL_NUMBER_GLOBALLY_UNIQUE";

/// The serial scope used by every item when serials are globally unique.
pub const GLOBAL_SERIAL_SCOPE: i64 = 0;

/// Where a setting lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingScope<'a> {
    Global,
    User(i64),
    Plugin(&'a str),
}

fn parse_bool(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "on" | "y" | "t"
    )
}

pub(crate) fn get(
    conn: &mut AnyConnection,
    scope: SettingScope<'_>,
    key: &str,
) -> StoreResult<Option<String>> {
    Ok(match scope {
        // `load` rather than `first`: diesel keeps this statement prepared on SQLite.
        SettingScope::Global => global_settings::table
            .filter(global_settings::key.eq(key))
            .select(global_settings::value)
            .load::<String>(conn)?
            .into_iter()
            .next(),
        SettingScope::User(user) => user_settings::table
            .filter(user_settings::user_id.eq(user))
            .filter(user_settings::key.eq(key))
            .select(user_settings::value)
            .first(conn)
            .optional()?,
        SettingScope::Plugin(plugin) => plugin_settings::table
            .filter(plugin_settings::plugin.eq(plugin))
            .filter(plugin_settings::key.eq(key))
            .select(plugin_settings::value)
            .first(conn)
            .optional()?,
    })
}

fn put(
    conn: &mut AnyConnection,
    scope: SettingScope<'_>,
    key: &str,
    value: &str,
) -> StoreResult<()> {
    // Update first, insert when absent: both run inside the caller's serializable
    // transaction, so two writers of one key cannot both insert.
    let updated = match scope {
        SettingScope::Global => {
            diesel::update(global_settings::table.filter(global_settings::key.eq(key)))
                .set(global_settings::value.eq(value))
                .execute(conn)?
        }
        SettingScope::User(user) => diesel::update(
            user_settings::table
                .filter(user_settings::user_id.eq(user))
                .filter(user_settings::key.eq(key)),
        )
        .set(user_settings::value.eq(value))
        .execute(conn)?,
        SettingScope::Plugin(plugin) => diesel::update(
            plugin_settings::table
                .filter(plugin_settings::plugin.eq(plugin))
                .filter(plugin_settings::key.eq(key)),
        )
        .set(plugin_settings::value.eq(value))
        .execute(conn)?,
    };
    if updated == 0 {
        match scope {
            SettingScope::Global => diesel::insert_into(global_settings::table)
                .values((
                    global_settings::key.eq(key),
                    global_settings::value.eq(value),
                ))
                .execute(conn)?,
            SettingScope::User(user) => diesel::insert_into(user_settings::table)
                .values((
                    user_settings::user_id.eq(user),
                    user_settings::key.eq(key),
                    user_settings::value.eq(value),
                ))
                .execute(conn)?,
            SettingScope::Plugin(plugin) => diesel::insert_into(plugin_settings::table)
                .values((
                    plugin_settings::plugin.eq(plugin),
                    plugin_settings::key.eq(key),
                    plugin_settings::value.eq(value),
                ))
                .execute(conn)?,
        };
    }
    Ok(())
}

/// A boolean global setting: the stored value, else the default of its definition in
/// `stockroom_core::settings`, else `fallback` for keys without a definition.
pub(crate) fn global_flag(
    conn: &mut AnyConnection,
    key: &str,
    fallback: bool,
) -> StoreResult<bool> {
    let stored = get(conn, SettingScope::Global, key)?;
    Ok(
        match stockroom_core::settings::find(stockroom_core::settings::GLOBAL, key) {
            Some(def) => def.as_bool(stored.as_deref()),
            None => stored.map_or(fallback, |v| parse_bool(&v)),
        },
    )
}

/// True when `SERIAL_NUMBER_GLOBALLY_UNIQUE` is on.
pub(crate) fn serial_scope_is_global(conn: &mut AnyConnection) -> StoreResult<bool> {
    Ok(
        get(conn, SettingScope::Global, SERIAL_NUMBER_GLOBALLY_UNIQUE)?
            .is_some_and(|v| parse_bool(&v)),
    )
}

/// The scope a serial of `part_id` is unique in.
pub(crate) fn serial_scope_for(conn: &mut AnyConnection, part_id: i64) -> StoreResult<i64> {
    if serial_scope_is_global(conn)? {
        return Ok(GLOBAL_SERIAL_SCOPE);
    }
    parts::table
        .find(part_id)
        .select(parts::tree_id)
        .first(conn)
        .optional()?
        .ok_or(StoreError::NotFound {
            model: "Part",
            pk: part_id,
        })
}

impl Store {
    /// The stored value of a setting, or `None` when it was never set.
    pub fn setting(&self, scope: SettingScope<'_>, key: &str) -> StoreResult<Option<String>> {
        self.read(|conn| get(conn, scope, key))
    }

    /// Every stored `(key, value)` of a scope, by key.
    pub fn settings(&self, scope: SettingScope<'_>) -> StoreResult<Vec<(String, String)>> {
        self.read(|conn| {
            Ok(match scope {
                SettingScope::Global => global_settings::table
                    .order(global_settings::key)
                    .select((global_settings::key, global_settings::value))
                    .load(conn)?,
                SettingScope::User(user) => user_settings::table
                    .filter(user_settings::user_id.eq(user))
                    .order(user_settings::key)
                    .select((user_settings::key, user_settings::value))
                    .load(conn)?,
                SettingScope::Plugin(plugin) => plugin_settings::table
                    .filter(plugin_settings::plugin.eq(plugin))
                    .order(plugin_settings::key)
                    .select((plugin_settings::key, plugin_settings::value))
                    .load(conn)?,
            })
        })
    }

    /// Stores a setting. `SERIAL_NUMBER_GLOBALLY_UNIQUE` also re-scopes every serialized
    /// item in the same transaction; turning it on while two trees share a serial is refused
    /// with the list of those serials.
    pub fn set_setting(&self, scope: SettingScope<'_>, key: &str, value: &str) -> StoreResult<()> {
        self.write(|conn| {
            if scope == SettingScope::Global && key == SERIAL_NUMBER_GLOBALLY_UNIQUE {
                rescope_serials(conn, parse_bool(value))?;
            }
            put(conn, scope, key, value)
        })
    }
}

/// Moves every serialized item into the global scope, or back into its part tree's scope.
fn rescope_serials(conn: &mut AnyConnection, global: bool) -> StoreResult<()> {
    if serial_scope_is_global(conn)? == global {
        return Ok(());
    }
    if global {
        let duplicates: Vec<String> = stock_items::table
            .filter(stock_items::serial.is_not_null())
            .group_by(stock_items::serial)
            .having(diesel::dsl::count_star().gt(1))
            .select(stock_items::serial.assume_not_null())
            .order(stock_items::serial)
            .limit(50)
            .load(conn)?;
        if !duplicates.is_empty() {
            return Err(StoreError::invalid(
                "value",
                format!(
                    "Serial numbers are not unique across parts: {}",
                    duplicates.join(", ")
                ),
            ));
        }
        diesel::update(stock_items::table.filter(stock_items::serial.is_not_null()))
            .set(stock_items::serial_scope.eq(GLOBAL_SERIAL_SCOPE))
            .execute(conn)?;
    } else {
        let tree = parts::table
            .filter(parts::id.eq(stock_items::part_id))
            .select(parts::tree_id)
            .single_value();
        diesel::update(stock_items::table.filter(stock_items::serial.is_not_null()))
            .set(stock_items::serial_scope.eq(tree))
            .execute(conn)?;
    }
    Ok(())
}
