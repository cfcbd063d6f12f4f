//! Existence checks for references sent by clients.

use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::{Store, StoreResult};

/// The table of an API model name, for the models clients may reference.
fn table_of(model: &str) -> Option<&'static str> {
    Some(match model {
        "user" => "users",
        "group" => "role_groups",
        "partcategory" => "part_categories",
        "part" => "parts",
        "bomitem" => "bom_items",
        "stocklocation" => "stock_locations",
        "stockitem" => "stock_items",
        "company" => "companies",
        "manufacturerpart" => "manufacturer_parts",
        "supplierpart" => "supplier_parts",
        "purchaseorder" => "purchase_orders",
        "purchaseorderlineitem" => "purchase_order_lines",
        "salesorder" => "sales_orders",
        "salesorderlineitem" => "sales_order_lines",
        "salesordershipment" => "sales_order_shipments",
        "returnorder" => "return_orders",
        "returnorderlineitem" => "return_order_lines",
        "build" => "builds",
        "buildline" => "build_lines",
        _ => return None,
    })
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

impl Store {
    /// The `(model, pk)` pairs that name no stored object, in input order. Unknown model
    /// names count as missing.
    pub fn missing_objects(&self, refs: &[(&str, i64)]) -> StoreResult<Vec<(String, i64)>> {
        self.read(|conn| {
            let mut missing = Vec::new();
            for (model, pk) in refs {
                let Some(table) = table_of(model) else {
                    missing.push(((*model).to_owned(), *pk));
                    continue;
                };
                let found: Vec<Found> =
                    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table} WHERE id = $1"))
                        .bind::<BigInt, _>(*pk)
                        .load(conn)?;
                if found.first().is_none_or(|f| f.n == 0) {
                    missing.push(((*model).to_owned(), *pk));
                }
            }
            Ok(missing)
        })
    }
}

impl Store {
    /// True when the model's object `pk` exists. Unknown model names are `false`.
    pub fn exists(&self, model: &str, pk: i64) -> StoreResult<bool> {
        let Some(table) = table_of(model) else {
            return Ok(false);
        };
        self.read(|conn| {
            let found: Vec<Found> =
                diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table} WHERE id = $1"))
                    .bind::<BigInt, _>(pk)
                    .load(conn)?;
            Ok(found.first().is_some_and(|f| f.n > 0))
        })
    }
}

impl Store {
    /// How many objects of a model exist (0 for unknown model names).
    pub fn count_objects(&self, model: &str) -> StoreResult<i64> {
        let Some(table) = table_of(model) else {
            return Ok(0);
        };
        self.read(|conn| {
            let found: Vec<Found> =
                diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}")).load(conn)?;
            Ok(found.first().map_or(0, |f| f.n))
        })
    }
}
