//! The demo data set: the stock room of a small electronics manufacturer.
//!
//! It makes sensor nodes, dev boards and motor driver modules, buys from DigiKey, Mouser,
//! LCSC and TME, and has orders of every kind open. Everything goes through the store's
//! public operations, so the data obeys the same rules as data entered through the API.
//!
//! The data is the same on every run except for dates: creation dates, order dates and
//! expiry dates are relative to today, so that the demo always shows an overdue purchase
//! order, an expired jar of solder paste and one about to expire.
//!
//! For benchmarks, `load` can add generated stock until a given total is reached.

pub mod barcodes;
mod boms;
mod builds;
mod bulk;
mod catalog;
mod orders;
mod part_list;
mod parts;
mod roles;
mod stock;
mod suppliers;

use std::collections::HashMap;

use anyhow::{Context, Result, anyhow};
use chrono::{NaiveDate, TimeDelta};
use stockroom_core::Quantity;
use stockroom_store::Store;
use stockroom_store::parts::{BomItem, Part};

/// What was loaded.
#[derive(Debug, Clone, Default)]
pub struct DemoSummary {
    pub categories: usize,
    pub parts: usize,
    pub locations: usize,
    pub companies: usize,
    pub stock_items: usize,
    pub orders: usize,
}

/// Loads the demo data set into an empty database (the caller checks emptiness).
///
/// `stock_items`: `None` loads the realistic set (about a hundred stock items); `Some(n)` adds
/// generated stock until there are `n` items in total, the realistic set's included. An `n`
/// below the realistic set's size loads the realistic set alone.
///
/// `progress(done, total)` is called after the realistic stock and after every 10,000
/// generated items.
pub fn load(
    store: &Store,
    stock_items: Option<usize>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DemoSummary> {
    let today = chrono::Utc::now().date_naive();
    let mut ids = Ids::default();
    roles::create(store)?;
    let locations = catalog::create_locations(store, &mut ids)?;
    let categories = catalog::create_categories(store, &mut ids)?;
    let companies = catalog::create_companies(store, &mut ids)?;
    let parts = parts::create(store, &mut ids)?;
    boms::create(store, &mut ids)?;
    suppliers::create(store, &mut ids)?;
    let realistic = stock::create(store, &mut ids, today)?;
    let orders = orders::create(store, &ids, today)?;
    let total = stock_items.unwrap_or(0).max(realistic);
    progress(realistic, total);
    let generated = bulk::load(store, &ids, total - realistic, (realistic, total), progress)?;
    Ok(DemoSummary {
        categories,
        parts,
        locations,
        companies,
        stock_items: realistic + generated,
        orders,
    })
}

/// A stock item of the realistic set, as the orders need to find it again.
#[derive(Debug, Clone)]
struct StockRef {
    id: i64,
    location: Option<&'static str>,
    /// In 1/100000 units.
    quantity: i64,
    serial: Option<String>,
}

/// What the loader created, by the keys the static tables use.
#[derive(Debug, Default)]
struct Ids {
    locations: HashMap<&'static str, i64>,
    categories: HashMap<&'static str, i64>,
    companies: HashMap<&'static str, i64>,
    parts: HashMap<&'static str, Part>,
    /// Supplier parts by (part IPN, supplier key), in the order `suppliers::offers` lists them.
    offers: HashMap<(&'static str, &'static str), Vec<i64>>,
    /// BOM lines by assembly IPN, with their component's IPN.
    boms: HashMap<&'static str, Vec<(&'static str, BomItem)>>,
    /// Realistic stock by part IPN.
    stock: HashMap<&'static str, Vec<StockRef>>,
}

/// Looks a key up, or says which table lacks it: a typo in the static tables must not panic.
fn find<V: Copy>(map: &HashMap<&'static str, V>, what: &str, key: &str) -> Result<V> {
    map.get(key)
        .copied()
        .ok_or_else(|| anyhow!("the demo data refers to an unknown {what} {key:?}"))
}

impl Ids {
    fn location(&self, key: &str) -> Result<i64> {
        find(&self.locations, "location", key)
    }

    fn category(&self, path: &str) -> Result<i64> {
        find(&self.categories, "category", path)
    }

    fn company(&self, key: &str) -> Result<i64> {
        find(&self.companies, "company", key)
    }

    fn part(&self, ipn: &str) -> Result<&Part> {
        self.parts
            .get(ipn)
            .ok_or_else(|| anyhow!("the demo data refers to an unknown part {ipn:?}"))
    }

    /// The supplier's first offer for a part (cut tape rather than a full reel).
    fn offer(&self, ipn: &'static str, supplier: &'static str) -> Result<i64> {
        self.offer_n(ipn, supplier, 0)
    }

    /// The supplier's `n`th offer for a part.
    fn offer_n(&self, ipn: &'static str, supplier: &'static str, n: usize) -> Result<i64> {
        self.offers
            .get(&(ipn, supplier))
            .and_then(|offers| offers.get(n).copied())
            .ok_or_else(|| anyhow!("{supplier} has no offer #{n} for {ipn}"))
    }

    /// The realistic stock of a part (empty when it has none).
    fn stock_of(&self, ipn: &str) -> &[StockRef] {
        self.stock.get(ipn).map_or(&[], Vec::as_slice)
    }

    fn serial_item(&self, ipn: &str, serial: &str) -> Result<&StockRef> {
        self.stock_of(ipn)
            .iter()
            .find(|i| i.serial.as_deref() == Some(serial))
            .ok_or_else(|| anyhow!("no {ipn} with serial {serial} in the demo stock"))
    }

    /// An assembly's BOM lines followed by those its templates pass down to it.
    fn bom_with_inherited(&self, ipn: &'static str) -> Result<Vec<(&'static str, &BomItem)>> {
        let mut lines: Vec<(&'static str, &BomItem)> = self
            .boms
            .get(ipn)
            .into_iter()
            .flatten()
            .map(|(c, b)| (*c, b))
            .collect();
        let mut template = self.part(ipn)?.variant_of_id;
        while let Some(id) = template {
            let (&template_ipn, part) = self
                .parts
                .iter()
                .find(|(_, p)| p.id == id)
                .ok_or_else(|| anyhow!("the template of {ipn} is not a demo part"))?;
            let inherited = self
                .boms
                .get(template_ipn)
                .into_iter()
                .flatten()
                .filter(|(_, b)| b.inherited);
            lines.extend(inherited.map(|(c, b)| (*c, b)));
            template = part.variant_of_id;
        }
        Ok(lines)
    }
}

/// A decimal quantity as stored (1/100000 units).
fn units(text: &str) -> Result<i64> {
    let quantity: Quantity = text
        .parse()
        .with_context(|| format!("the demo quantity {text:?}"))?;
    Ok(quantity.units())
}

/// A whole quantity as stored (1/100000 units).
fn whole(n: i64) -> Result<i64> {
    Ok(Quantity::from_whole(n)
        .with_context(|| format!("the demo quantity {n}"))?
        .units())
}

/// The date `offset` days from `today`.
fn day(today: NaiveDate, offset: i64) -> Result<NaiveDate> {
    TimeDelta::try_days(offset)
        .and_then(|delta| today.checked_add_signed(delta))
        .ok_or_else(|| anyhow!("{offset} days from {today} is not a date"))
}

#[cfg(test)]
mod tests;
