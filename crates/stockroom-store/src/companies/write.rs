//! Writing companies' parts with the rules their links carry, and removing companies
//! without breaking the orders that name them.

use chrono::Utc;
use diesel::prelude::*;

use super::pack::pack_quantity_native;
use super::{
    Company, ManufacturerPart, ManufacturerPartChanges, NewManufacturerPart, NewSupplierPart,
    SupplierPart, SupplierPartChanges,
};
use crate::db::AnyConnection;
use crate::error::StoreError;
use crate::parts::Part;
use crate::schema::{
    companies, manufacturer_parts, parts, purchase_orders, return_orders, sales_orders,
    supplier_parts,
};
use crate::{Store, StoreResult};

/// What a company must be to fill a role.
#[derive(Debug, Clone, Copy)]
enum Role {
    Supplier,
    Manufacturer,
}

/// DRF's text for a link to an object outside the field's choices.
fn no_such(field: &'static str, pk: i64) -> StoreError {
    StoreError::invalid(
        field,
        format!("Invalid pk \"{pk}\" - object does not exist."),
    )
}

/// A part that can be bought: companies' parts may only name such parts.
fn purchaseable_part(conn: &mut AnyConnection, pk: i64) -> StoreResult<Part> {
    let found: Vec<Part> = parts::table
        .filter(parts::id.eq(pk))
        .select(Part::as_select())
        .load(conn)?;
    found
        .into_iter()
        .find(|p| p.purchaseable)
        .ok_or_else(|| no_such("part", pk))
}

fn company_as(
    conn: &mut AnyConnection,
    field: &'static str,
    pk: i64,
    role: Role,
) -> StoreResult<Company> {
    let found: Vec<Company> = companies::table
        .filter(companies::id.eq(pk))
        .select(Company::as_select())
        .load(conn)?;
    found
        .into_iter()
        .find(|c| match role {
            Role::Supplier => c.is_supplier,
            Role::Manufacturer => c.is_manufacturer,
        })
        .ok_or_else(|| no_such(field, pk))
}

fn find_manufacturer_part(
    conn: &mut AnyConnection,
    pk: i64,
) -> StoreResult<Option<ManufacturerPart>> {
    let found: Vec<ManufacturerPart> = manufacturer_parts::table
        .filter(manufacturer_parts::id.eq(pk))
        .select(ManufacturerPart::as_select())
        .load(conn)?;
    Ok(found.into_iter().next())
}

fn find_supplier_part(conn: &mut AnyConnection, pk: i64) -> StoreResult<SupplierPart> {
    let found: Vec<SupplierPart> = supplier_parts::table
        .filter(supplier_parts::id.eq(pk))
        .select(SupplierPart::as_select())
        .load(conn)?;
    found.into_iter().next().ok_or(StoreError::NotFound {
        model: "SupplierPart",
        pk,
    })
}

/// The manufacturer part a supplier part links to must be of the same part.
fn check_manufacturer_part(
    conn: &mut AnyConnection,
    link: Option<i64>,
    part: i64,
) -> StoreResult<()> {
    let Some(pk) = link else {
        return Ok(());
    };
    let mp = find_manufacturer_part(conn, pk)?.ok_or_else(|| no_such("manufacturer_part", pk))?;
    if mp.part_id != part {
        return Err(StoreError::invalid(
            "manufacturer_part",
            "Linked manufacturer part must reference the same base part",
        ));
    }
    Ok(())
}

impl Store {
    /// Creates a manufacturer part of a purchaseable part by a manufacturer.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn add_manufacturer_part(
        &self,
        new: &NewManufacturerPart,
    ) -> StoreResult<ManufacturerPart> {
        self.write(|conn| {
            purchaseable_part(conn, new.part_id)?;
            company_as(
                conn,
                "manufacturer",
                new.manufacturer_id,
                Role::Manufacturer,
            )?;
            let id: i64 = diesel::insert_into(manufacturer_parts::table)
                .values(new)
                .returning(manufacturer_parts::id)
                .get_result(conn)?;
            find_manufacturer_part(conn, id)?.ok_or(StoreError::NotFound {
                model: "ManufacturerPart",
                pk: id,
            })
        })
    }

    /// Changes a manufacturer part, holding its links to the same rules as creation.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn change_manufacturer_part(
        &self,
        id: i64,
        changes: &ManufacturerPartChanges,
    ) -> StoreResult<ManufacturerPart> {
        self.write(|conn| {
            let current = find_manufacturer_part(conn, id)?.ok_or(StoreError::NotFound {
                model: "ManufacturerPart",
                pk: id,
            })?;
            if let Some(part) = changes.part_id {
                purchaseable_part(conn, part)?;
            }
            if let Some(m) = changes.manufacturer_id {
                company_as(conn, "manufacturer", m, Role::Manufacturer)?;
            }
            match diesel::update(manufacturer_parts::table.find(id))
                .set(changes)
                .execute(conn)
            {
                Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
                Err(e) => return Err(e.into()),
            }
            Ok(find_manufacturer_part(conn, id)?.unwrap_or(current))
        })
    }

    /// Creates a supplier part: the supplier must supply, the part must be purchaseable,
    /// a linked manufacturer part must be of the same part, and the pack size positive.
    #[tracing::instrument(level = "debug", skip_all)]
    pub fn add_supplier_part(&self, new: &NewSupplierPart) -> StoreResult<SupplierPart> {
        self.write(|conn| {
            purchaseable_part(conn, new.part_id)?;
            company_as(conn, "supplier", new.supplier_id, Role::Supplier)?;
            check_manufacturer_part(conn, new.manufacturer_part_id, new.part_id)?;
            let mut row = new.clone();
            row.pack_quantity = row.pack_quantity.trim().to_owned();
            row.pack_quantity_native = pack_quantity_native(&row.pack_quantity)?;
            let now = Utc::now().naive_utc();
            let id: i64 = diesel::insert_into(supplier_parts::table)
                .values((
                    &row,
                    supplier_parts::updated.eq(Some(now)),
                    supplier_parts::availability_updated.eq((row.available != 0).then_some(now)),
                ))
                .returning(supplier_parts::id)
                .get_result(conn)?;
            find_supplier_part(conn, id)
        })
    }

    /// Changes a supplier part under the rules of [`Store::add_supplier_part`]. Sending
    /// `available` stamps `availability_updated`.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn change_supplier_part(
        &self,
        id: i64,
        changes: &SupplierPartChanges,
    ) -> StoreResult<SupplierPart> {
        self.write(|conn| {
            let current = find_supplier_part(conn, id)?;
            let part = changes.part_id.unwrap_or(current.part_id);
            if changes.part_id.is_some() {
                purchaseable_part(conn, part)?;
            }
            if let Some(s) = changes.supplier_id {
                company_as(conn, "supplier", s, Role::Supplier)?;
            }
            let link = changes
                .manufacturer_part_id
                .unwrap_or(current.manufacturer_part_id);
            if changes.manufacturer_part_id.is_some() || changes.part_id.is_some() {
                check_manufacturer_part(conn, link, part)?;
            }
            let mut changes = changes.clone();
            if let Some(text) = &changes.pack_quantity {
                let text = text.trim().to_owned();
                changes.pack_quantity_native = Some(pack_quantity_native(&text)?);
                changes.pack_quantity = Some(text);
            }
            let now = Utc::now().naive_utc();
            let stamped = changes.available.map(|_| Some(now));
            diesel::update(supplier_parts::table.find(id))
                .set((
                    &changes,
                    supplier_parts::updated.eq(Some(now)),
                    supplier_parts::availability_updated
                        .eq(stamped.unwrap_or(current.availability_updated)),
                ))
                .execute(conn)?;
            find_supplier_part(conn, id)
        })
    }

    /// Deletes a company with its manufacturer and supplier parts. Orders that name it
    /// keep existing, without the company.
    #[tracing::instrument(level = "debug", skip_all, fields(id))]
    pub fn remove_company(&self, id: i64) -> StoreResult<()> {
        self.write(|conn| {
            diesel::update(purchase_orders::table.filter(purchase_orders::supplier_id.eq(id)))
                .set(purchase_orders::supplier_id.eq(None::<i64>))
                .execute(conn)?;
            diesel::update(sales_orders::table.filter(sales_orders::customer_id.eq(id)))
                .set(sales_orders::customer_id.eq(None::<i64>))
                .execute(conn)?;
            diesel::update(return_orders::table.filter(return_orders::customer_id.eq(id)))
                .set(return_orders::customer_id.eq(None::<i64>))
                .execute(conn)?;
            match diesel::delete(companies::table.find(id)).execute(conn)? {
                0 => Err(StoreError::NotFound {
                    model: "Company",
                    pk: id,
                }),
                _ => Ok(()),
            }
        })
    }
}
