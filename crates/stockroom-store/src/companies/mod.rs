//! Companies (suppliers, manufacturers, customers) and the parts they make or sell.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::crud::crud;
use crate::schema::{companies, manufacturer_parts, supplier_parts};

mod list;
mod pack;
mod write;

pub use list::{
    CompanyOrder, CompanyQuery, CompanyRow, ManufacturerPartQuery, ManufacturerPartRow,
    SupplierPartOrder, SupplierPartQuery, SupplierPartRow,
};
pub use pack::pack_quantity_native;

/// A supplier, manufacturer or customer (or several of these).
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = companies)]
pub struct Company {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub website: String,
    pub phone: String,
    pub email: String,
    pub contact: String,
    pub address: String,
    pub link: String,
    pub currency: String,
    pub tax_id: String,
    pub is_customer: bool,
    pub is_supplier: bool,
    pub is_manufacturer: bool,
    pub active: bool,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = companies)]
pub struct NewCompany {
    pub name: String,
    pub description: String,
    pub website: String,
    pub phone: String,
    pub email: String,
    pub contact: String,
    pub address: String,
    pub link: String,
    pub currency: String,
    pub tax_id: String,
    pub is_customer: bool,
    pub is_supplier: bool,
    pub is_manufacturer: bool,
    pub active: bool,
    pub notes: String,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = companies)]
pub struct CompanyChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub contact: Option<String>,
    pub address: Option<String>,
    pub link: Option<String>,
    pub currency: Option<String>,
    pub tax_id: Option<String>,
    pub is_customer: Option<bool>,
    pub is_supplier: Option<bool>,
    pub is_manufacturer: Option<bool>,
    pub active: Option<bool>,
    pub notes: Option<String>,
}

crud!(companies, "Company", Company, NewCompany, CompanyChanges,
    create: create_company, get: company, update: update_company,
    delete: delete_company, list: list_companies);

/// A part as one manufacturer makes it, under its manufacturer part number.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = manufacturer_parts)]
pub struct ManufacturerPart {
    pub id: i64,
    pub part_id: i64,
    pub manufacturer_id: i64,
    pub mpn: String,
    pub description: String,
    pub link: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = manufacturer_parts)]
pub struct NewManufacturerPart {
    pub part_id: i64,
    pub manufacturer_id: i64,
    pub mpn: String,
    pub description: String,
    pub link: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = manufacturer_parts)]
pub struct ManufacturerPartChanges {
    pub part_id: Option<i64>,
    pub manufacturer_id: Option<i64>,
    pub mpn: Option<String>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub notes: Option<String>,
}

crud!(manufacturer_parts, "ManufacturerPart", ManufacturerPart, NewManufacturerPart,
    ManufacturerPartChanges,
    create: create_manufacturer_part, get: manufacturer_part, update: update_manufacturer_part,
    delete: delete_manufacturer_part, list: list_manufacturer_parts);

/// A part as one supplier sells it, under its SKU and in its packs.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = supplier_parts)]
pub struct SupplierPart {
    pub id: i64,
    pub part_id: i64,
    pub supplier_id: i64,
    pub sku: String,
    pub manufacturer_part_id: Option<i64>,
    pub description: String,
    pub link: String,
    pub note: String,
    pub packaging: String,
    /// The pack size as the supplier writes it (`"10 reels"`).
    pub pack_quantity: String,
    /// The pack size in the part's units, in 1/100000 units.
    pub pack_quantity_native: i64,
    pub multiple: i64,
    pub available: i64,
    pub availability_updated: Option<NaiveDateTime>,
    pub active: bool,
    pub is_primary: bool,
    pub updated: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = supplier_parts)]
pub struct NewSupplierPart {
    pub part_id: i64,
    pub supplier_id: i64,
    pub sku: String,
    pub manufacturer_part_id: Option<i64>,
    pub description: String,
    pub link: String,
    pub note: String,
    pub packaging: String,
    pub pack_quantity: String,
    pub pack_quantity_native: i64,
    pub multiple: i64,
    pub available: i64,
    pub active: bool,
    pub is_primary: bool,
}

impl NewSupplierPart {
    /// A supplier part sold one at a time.
    pub fn new(part_id: i64, supplier_id: i64, sku: impl Into<String>) -> NewSupplierPart {
        NewSupplierPart {
            part_id,
            supplier_id,
            sku: sku.into(),
            manufacturer_part_id: None,
            description: String::new(),
            link: String::new(),
            note: String::new(),
            packaging: String::new(),
            pack_quantity: String::new(),
            pack_quantity_native: stockroom_core::Quantity::ONE.units(),
            multiple: 1,
            available: 0,
            active: true,
            is_primary: false,
        }
    }
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = supplier_parts)]
pub struct SupplierPartChanges {
    pub part_id: Option<i64>,
    pub supplier_id: Option<i64>,
    pub sku: Option<String>,
    pub manufacturer_part_id: Option<Option<i64>>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub note: Option<String>,
    pub packaging: Option<String>,
    pub pack_quantity: Option<String>,
    pub pack_quantity_native: Option<i64>,
    pub multiple: Option<i64>,
    pub available: Option<i64>,
    pub active: Option<bool>,
    pub is_primary: Option<bool>,
}

crud!(supplier_parts, "SupplierPart", SupplierPart, NewSupplierPart, SupplierPartChanges,
    create: create_supplier_part, get: supplier_part, update: update_supplier_part,
    delete: delete_supplier_part, list: list_supplier_parts);
