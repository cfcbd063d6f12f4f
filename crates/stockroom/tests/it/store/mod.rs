//! The store conformance suite: every test runs on SQLite and on PostgreSQL.

mod auth;
mod barcodes;
mod companies;
mod concurrency;
mod labels;
mod orders;
mod parts;
mod settings;
mod stock;
mod trees;

use stockroom_core::Quantity;
use stockroom_store::Store;
use stockroom_store::locations::{Location, NewLocation};
use stockroom_store::parts::{Category, NewCategory, NewPart, Part};

pub fn q(text: &str) -> Quantity {
    text.parse().unwrap()
}

pub fn category(store: &Store, name: &str, parent: Option<i64>) -> Category {
    store
        .create_category(&NewCategory {
            name: name.into(),
            parent_id: parent,
            ..Default::default()
        })
        .unwrap()
}

pub fn location(store: &Store, name: &str, parent: Option<i64>) -> Location {
    store
        .create_location(&NewLocation {
            name: name.into(),
            parent_id: parent,
            ..Default::default()
        })
        .unwrap()
}

pub fn part(store: &Store, name: &str) -> Part {
    store
        .create_part(&NewPart {
            name: name.into(),
            ..Default::default()
        })
        .unwrap()
}

pub fn trackable(store: &Store, name: &str, variant_of: Option<i64>) -> Part {
    store
        .create_part(&NewPart {
            name: name.into(),
            trackable: true,
            variant_of_id: variant_of,
            ..Default::default()
        })
        .unwrap()
}
