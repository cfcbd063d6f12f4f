//! Consistency of the static tables: every key they share resolves, and the data obeys the
//! store's rules, so a typo fails here rather than half way through a load.

use std::collections::{HashMap, HashSet};

use super::boms::BOMS;
use super::builds::BUILDS;
use super::catalog::{CATEGORIES, COMPANIES, LOCATIONS, Role, category_parent};
use super::orders::{PURCHASES, SALES};
use super::parts::{PARTS, PartSpec};
use super::stock::STOCK;
use super::suppliers::offers;
use super::units;

fn part(ipn: &str) -> &'static PartSpec {
    match PARTS.iter().find(|p| p.ipn == ipn) {
        Some(spec) => spec,
        None => panic!("unknown part {ipn}"),
    }
}

fn structural(location: &str) -> bool {
    match LOCATIONS.iter().find(|l| l.0 == location) {
        Some(row) => row.4,
        None => panic!("unknown location {location}"),
    }
}

/// The root of a part's template/variant tree: the scope its serials are unique in.
fn tree(ipn: &'static str) -> &'static str {
    part(ipn).variant_of.map_or(ipn, tree)
}

#[test]
fn parents_come_before_their_children_and_keys_are_unique() {
    let mut seen = HashSet::new();
    for row in LOCATIONS {
        assert!(row.2.is_none_or(|p| seen.contains(p)), "{}", row.0);
        assert!(seen.insert(row.0), "{}", row.0);
    }
    let mut seen = HashSet::new();
    for row in CATEGORIES {
        assert!(
            category_parent(row.0).is_none_or(|p| seen.contains(p)),
            "{}",
            row.0
        );
        assert!(seen.insert(row.0), "{}", row.0);
        assert!(row.3.is_none_or(|l| !structural(l)), "{}", row.0);
    }
    assert!(
        CATEGORIES.iter().any(|c| c.0.matches('/').count() >= 2),
        "the category tree has three levels"
    );
}

#[test]
fn every_part_refers_to_known_categories_manufacturers_and_templates() {
    let mut ipns = HashSet::new();
    for spec in PARTS {
        assert!(ipns.insert(spec.ipn), "duplicate IPN {}", spec.ipn);
        let category = CATEGORIES.iter().find(|c| c.0 == spec.category);
        assert!(
            category.is_some_and(|c| !c.2),
            "{} is in a missing or structural category",
            spec.ipn
        );
        if let Some((manufacturer, _)) = spec.mpn {
            assert!(
                COMPANIES
                    .iter()
                    .any(|c| c.0 == manufacturer && c.2 == Role::Manufacturer),
                "{manufacturer}"
            );
        }
        if let Some(template) = spec.variant_of {
            assert!(
                ipns.contains(template) && part(template).template,
                "{} is a variant of {template}",
                spec.ipn
            );
        }
    }
    assert!(PARTS.len() >= 50);
}

#[test]
fn every_stock_row_can_be_stored() {
    let mut serials = HashSet::new();
    for row in STOCK {
        let spec = part(row.ipn);
        assert!(
            !spec.template && !spec.is_virtual,
            "{} cannot hold stock",
            row.ipn
        );
        assert!(
            row.location.is_none_or(|l| !structural(l)),
            "{} is in a structural location",
            row.ipn
        );
        assert!(
            units(row.quantity).is_ok_and(|q| q > 0),
            "{} {}",
            row.ipn,
            row.quantity
        );
        assert_eq!(row.serials.is_some(), spec.trackable, "{} serials", row.ipn);
        if let Some((first, count)) = row.serials {
            assert_eq!(row.quantity, "1");
            for n in first..first + count {
                assert!(
                    serials.insert((tree(row.ipn), n)),
                    "serial {n} of {} twice",
                    row.ipn
                );
            }
        }
        if let Some(supplier) = row.from {
            assert!(
                offers(spec).iter().any(|o| o.supplier == supplier),
                "{} from {supplier}",
                row.ipn
            );
        }
    }
}

#[test]
fn some_parts_are_below_their_minimum_stock() {
    let mut stock: HashMap<&str, i64> = HashMap::new();
    for row in STOCK.iter().filter(|r| r.location.is_some()) {
        let count = i64::from(row.serials.map_or(1, |(_, n)| n));
        *stock.entry(row.ipn).or_default() += units(row.quantity).unwrap_or(0) * count;
    }
    let low = PARTS
        .iter()
        .filter(|p| p.minimum_stock > 0)
        .filter(|p| {
            stock.get(p.ipn).copied().unwrap_or(0)
                < p.minimum_stock * stockroom_core::quantity::SCALE
        })
        .count();
    assert!((3..=10).contains(&low), "{low} parts are low");
}

#[test]
fn bom_lines_join_assemblies_to_known_components() {
    for &(assembly, component, quantity, _, _) in BOMS {
        assert!(part(assembly).assembly, "{assembly} is not an assembly");
        assert_ne!(assembly, component);
        let _ = part(component);
        assert!(
            units(quantity).is_ok_and(|q| q > 0),
            "{assembly} <- {component}"
        );
    }
}

#[test]
fn orders_refer_to_offers_customers_and_stock_that_exist() {
    for order in PURCHASES {
        for &(ipn, n, packs, _) in order.lines {
            let offers = offers(part(ipn));
            let count = offers
                .iter()
                .filter(|o| o.supplier == order.supplier)
                .count();
            assert!(
                n < count,
                "{}: {} has no offer #{n} for {ipn}",
                order.reference,
                order.supplier
            );
            assert!(units(packs).is_ok());
        }
    }
    for order in SALES {
        let customer = COMPANIES.iter().find(|c| c.0 == order.customer);
        assert!(
            customer.is_some_and(|c| c.2 == Role::Customer),
            "{}",
            order.reference
        );
        for &(ipn, quantity, _) in order.lines {
            assert!(part(ipn).salable, "{} sells {ipn}", order.reference);
            assert!(units(quantity).is_ok());
        }
    }
    for build in BUILDS {
        assert!(part(build.assembly).assembly, "{}", build.reference);
        assert!(
            !structural(build.destination),
            "{} builds into a structural location",
            build.reference
        );
        let _ = structural(build.take_from);
        let sales_order = build.sales_order;
        assert!(sales_order.is_none_or(|so| SALES.iter().any(|s| s.reference == so)));
        for &(component, location) in build.allocations {
            let in_bom = BOMS
                .iter()
                .any(|b| b.0 == build.assembly && b.1 == component);
            let in_stock = STOCK
                .iter()
                .any(|s| s.ipn == component && s.location == Some(location));
            assert!(
                in_bom && in_stock,
                "{} allocates {component} from {location}",
                build.reference
            );
        }
    }
}
