//! Create/read/update/delete for entities whose rules are the database's alone.
//!
//! `crud!` writes the four operations for one table: create returns the stored row, update
//! applies only the fields that are set, and a missing row is `StoreError::NotFound`.

/// Generates `create_*`, `*`, `update_*`, `delete_*` and `list_*` on `Store` for a table.
macro_rules! crud {
    (
        $table:ident, $model:literal, $Row:ty, $New:ty, $Changes:ty,
        create: $create:ident, get: $get:ident, update: $update:ident,
        delete: $delete:ident, list: $list:ident
    ) => {
        impl $crate::Store {
            #[doc = concat!("Creates a ", $model, " and returns it as stored.")]
            #[tracing::instrument(level = "debug", skip_all)]
            pub fn $create(&self, new: &$New) -> $crate::StoreResult<$Row> {
                use diesel::prelude::*;
                use $crate::schema::$table;
                self.write(|conn| {
                    let id: i64 = diesel::insert_into($table::table)
                        .values(new)
                        .returning($table::id)
                        .get_result(conn)?;
                    Ok($table::table
                        .find(id)
                        .select(<$Row>::as_select())
                        .first(conn)?)
                })
            }

            #[doc = concat!("Reads one ", $model, ".")]
            pub fn $get(&self, id: i64) -> $crate::StoreResult<$Row> {
                use diesel::prelude::*;
                use $crate::schema::$table;
                self.read(|conn| {
                    $table::table
                        .find(id)
                        .select(<$Row>::as_select())
                        .first(conn)
                        .optional()?
                        .ok_or($crate::StoreError::NotFound {
                            model: $model,
                            pk: id,
                        })
                })
            }

            #[doc = concat!("Changes the given fields of a ", $model, " and returns it.")]
            #[tracing::instrument(level = "debug", skip_all, fields(id))]
            pub fn $update(&self, id: i64, changes: &$Changes) -> $crate::StoreResult<$Row> {
                use diesel::prelude::*;
                use $crate::schema::$table;
                self.write(|conn| {
                    match diesel::update($table::table.find(id))
                        .set(changes)
                        .execute(conn)
                    {
                        Ok(0) => {
                            return Err($crate::StoreError::NotFound {
                                model: $model,
                                pk: id,
                            });
                        }
                        Ok(_) => {}
                        // Nothing to change: the row is returned as it is.
                        Err(diesel::result::Error::QueryBuilderError(_)) => {}
                        Err(e) => return Err(e.into()),
                    }
                    $table::table
                        .find(id)
                        .select(<$Row>::as_select())
                        .first(conn)
                        .optional()?
                        .ok_or($crate::StoreError::NotFound {
                            model: $model,
                            pk: id,
                        })
                })
            }

            #[doc = concat!("Deletes a ", $model, ".")]
            #[tracing::instrument(level = "debug", skip_all, fields(id))]
            pub fn $delete(&self, id: i64) -> $crate::StoreResult<()> {
                use diesel::prelude::*;
                use $crate::schema::$table;
                self.write(
                    |conn| match diesel::delete($table::table.find(id)).execute(conn)? {
                        0 => Err($crate::StoreError::NotFound {
                            model: $model,
                            pk: id,
                        }),
                        _ => Ok(()),
                    },
                )
            }

            #[doc = concat!("Every ", $model, ", in primary-key order.")]
            pub fn $list(&self) -> $crate::StoreResult<Vec<$Row>> {
                use diesel::prelude::*;
                use $crate::schema::$table;
                self.read(|conn| {
                    Ok($table::table
                        .order($table::id)
                        .select(<$Row>::as_select())
                        .load(conn)?)
                })
            }
        }
    };
}

pub(crate) use crud;
