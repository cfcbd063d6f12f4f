//! BOM items: what an assembly is made of.

use diesel::prelude::*;

use crate::crud::crud;
use crate::schema::bom_items;

/// One line of an assembly's bill of materials.
///
/// Quantities (`quantity`, `setup_quantity`, `rounding_multiple`) are in 1/100000 units;
/// `attrition` is a percentage in the same units.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = bom_items)]
pub struct BomItem {
    pub id: i64,
    pub part_id: i64,
    pub sub_part_id: i64,
    pub quantity: i64,
    pub setup_quantity: i64,
    pub attrition: i64,
    pub rounding_multiple: Option<i64>,
    pub reference: String,
    pub note: String,
    pub optional: bool,
    pub consumable: bool,
    pub allow_variants: bool,
    pub inherited: bool,
    pub validated: bool,
}

/// A new BOM line.
#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = bom_items)]
pub struct NewBomItem {
    pub part_id: i64,
    pub sub_part_id: i64,
    pub quantity: i64,
    pub setup_quantity: i64,
    pub attrition: i64,
    pub rounding_multiple: Option<i64>,
    pub reference: String,
    pub note: String,
    pub optional: bool,
    pub consumable: bool,
    pub allow_variants: bool,
    pub inherited: bool,
    pub validated: bool,
}

/// The fields of a BOM line to change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = bom_items)]
pub struct BomItemChanges {
    pub part_id: Option<i64>,
    pub sub_part_id: Option<i64>,
    pub quantity: Option<i64>,
    pub setup_quantity: Option<i64>,
    pub attrition: Option<i64>,
    pub rounding_multiple: Option<Option<i64>>,
    pub reference: Option<String>,
    pub note: Option<String>,
    pub optional: Option<bool>,
    pub consumable: Option<bool>,
    pub allow_variants: Option<bool>,
    pub inherited: Option<bool>,
    pub validated: Option<bool>,
}

crud!(bom_items, "BomItem", BomItem, NewBomItem, BomItemChanges,
    create: create_bom_item, get: bom_item, update: update_bom_item,
    delete: delete_bom_item, list: list_bom_items);
