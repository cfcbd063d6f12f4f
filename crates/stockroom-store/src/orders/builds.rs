//! Build orders, the BOM lines they need and the stock allocated to them.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::crud::crud;
use crate::schema::{build_items, build_lines, builds};

/// An order to assemble a quantity of a part from its BOM.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = builds)]
pub struct Build {
    pub id: i64,
    pub reference: String,
    pub reference_int: i64,
    pub title: String,
    pub part_id: i64,
    pub quantity: i64,
    pub completed: i64,
    pub batch: Option<String>,
    /// A `BuildStatus` code.
    pub status: i32,
    pub parent_id: Option<i64>,
    pub sales_order_id: Option<i64>,
    pub take_from_id: Option<i64>,
    pub destination_id: Option<i64>,
    pub external: bool,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub completion_date: Option<NaiveDate>,
    pub issued_by_id: Option<i64>,
    pub completed_by_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = builds)]
pub struct NewBuild {
    pub reference: String,
    pub reference_int: i64,
    pub title: String,
    pub part_id: i64,
    pub quantity: i64,
    pub batch: Option<String>,
    pub status: i32,
    pub parent_id: Option<i64>,
    pub sales_order_id: Option<i64>,
    pub take_from_id: Option<i64>,
    pub destination_id: Option<i64>,
    pub external: bool,
    pub link: String,
    pub notes: String,
    pub creation_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub issued_by_id: Option<i64>,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = builds)]
pub struct BuildChanges {
    pub reference: Option<String>,
    pub reference_int: Option<i64>,
    pub title: Option<String>,
    pub quantity: Option<i64>,
    pub completed: Option<i64>,
    pub batch: Option<Option<String>>,
    pub status: Option<i32>,
    pub parent_id: Option<Option<i64>>,
    pub sales_order_id: Option<Option<i64>>,
    pub take_from_id: Option<Option<i64>>,
    pub destination_id: Option<Option<i64>>,
    pub external: Option<bool>,
    pub link: Option<String>,
    pub notes: Option<String>,
    pub start_date: Option<Option<NaiveDate>>,
    pub target_date: Option<Option<NaiveDate>>,
    pub completion_date: Option<Option<NaiveDate>>,
    pub completed_by_id: Option<Option<i64>>,
}

crud!(builds, "Build", Build, NewBuild, BuildChanges,
    create: create_build, get: build, update: update_build,
    delete: delete_build, list: list_builds);

/// What a build needs of one BOM line.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = build_lines)]
pub struct BuildLine {
    pub id: i64,
    pub build_id: i64,
    pub bom_item_id: i64,
    pub quantity: i64,
    pub consumed: i64,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = build_lines)]
pub struct NewBuildLine {
    pub build_id: i64,
    pub bom_item_id: i64,
    pub quantity: i64,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = build_lines)]
pub struct BuildLineChanges {
    pub quantity: Option<i64>,
    pub consumed: Option<i64>,
}

crud!(build_lines, "BuildLine", BuildLine, NewBuildLine, BuildLineChanges,
    create: create_build_line, get: build_line, update: update_build_line,
    delete: delete_build_line, list: list_build_lines);

/// Stock allocated to a build line, optionally to be installed into one output.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = build_items)]
pub struct BuildItem {
    pub id: i64,
    pub build_line_id: i64,
    pub stock_item_id: i64,
    pub quantity: i64,
    pub install_into_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Insertable)]
#[diesel(table_name = build_items)]
pub struct NewBuildItem {
    pub build_line_id: i64,
    pub stock_item_id: i64,
    pub quantity: i64,
    pub install_into_id: Option<i64>,
}

#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = build_items)]
pub struct BuildItemChanges {
    pub quantity: Option<i64>,
    pub install_into_id: Option<Option<i64>>,
}

crud!(build_items, "BuildItem", BuildItem, NewBuildItem, BuildItemChanges,
    create: create_build_item, get: build_item, update: update_build_item,
    delete: delete_build_item, list: list_build_items);
