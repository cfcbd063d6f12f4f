//! Scaled stock for benchmarks: as many extra items as asked for, generated
//! deterministically and imported in batches.
//!
//! About 20% are serialized items of trackable parts, 30% carry batch codes and the rest
//! are plain quantities; a few in a hundred are not OK. Items spread evenly over the
//! non-structural locations and the parts that can hold stock.

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use stockroom_core::Quantity;
use stockroom_core::quantity::SCALE;
use stockroom_core::status::stock_status::{ATTENTION, DAMAGED, OK, QUARANTINED};
use stockroom_store::Store;
use stockroom_store::stock::NewStockItem;

use super::Ids;
use super::catalog::LOCATIONS;
use super::parts::PARTS;

/// Items per import: one transaction each, and one progress report each.
const BATCH: usize = 10_000;

/// Bulk serials start here so they can never meet the realistic set's (all below 10,000).
const FIRST_BULK_SERIAL: u64 = 100_001;

/// Any fixed value will do; changing it changes the whole bulk data set.
const SEED: u64 = 0x5700_C4D0_DE30_0001;

/// What the generator picks from.
#[derive(Debug, Clone)]
pub(super) struct Pool {
    /// Locations that may hold stock.
    pub locations: Vec<i64>,
    /// Untracked parts: id, and whether it is measured (metres, grams) rather than counted.
    pub plain: Vec<(i64, bool)>,
    /// Trackable parts: id and the template/variant tree its serials are unique in.
    pub tracked: Vec<(i64, i64)>,
}

impl Pool {
    /// The pool of the loaded catalogue.
    pub fn of(ids: &Ids) -> Result<Pool> {
        let mut pool = Pool {
            locations: Vec::new(),
            plain: Vec::new(),
            tracked: Vec::new(),
        };
        for &(key, _, _, _, structural, _) in LOCATIONS {
            if !structural {
                pool.locations.push(ids.location(key)?);
            }
        }
        for spec in PARTS.iter().filter(|p| !p.template && !p.is_virtual) {
            let part = ids.part(spec.ipn)?;
            if spec.trackable {
                pool.tracked.push((part.id, part.tree_id));
            } else {
                pool.plain.push((part.id, !spec.units.is_empty()));
            }
        }
        Ok(pool)
    }
}

/// SplitMix64. Its sequence is fixed by its definition, unlike `StdRng`'s, which rand may
/// change between releases; the demo data must stay the same.
#[derive(Debug, Clone)]
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0. The modulo bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        // usize -> u64 is lossless on every supported target, and the result is below n.
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())]
    }
}

/// Makes one item after another, the same sequence every run.
#[derive(Debug)]
pub(super) struct Generator {
    rng: Mix,
    pool: Pool,
    /// Next serial number per part tree.
    next_serial: HashMap<i64, u64>,
}

impl Generator {
    pub fn new(pool: Pool) -> Result<Generator> {
        if pool.locations.is_empty() || pool.plain.is_empty() {
            bail!("the demo catalogue has no locations or parts to put bulk stock in");
        }
        Ok(Generator {
            rng: Mix(SEED),
            pool,
            next_serial: HashMap::new(),
        })
    }

    pub fn item(&mut self) -> NewStockItem {
        let roll = self.rng.below(100);
        let location = Some(self.rng.pick(&self.pool.locations));
        let status = match self.rng.below(1000) {
            0..10 => ATTENTION,
            10..15 => DAMAGED,
            15..20 => QUARANTINED,
            _ => OK,
        };
        if roll < 20 && !self.pool.tracked.is_empty() {
            let (part, tree) = self.rng.pick(&self.pool.tracked);
            let next = self.next_serial.entry(tree).or_insert(FIRST_BULK_SERIAL);
            let serial = next.to_string();
            *next += 1;
            return NewStockItem {
                location_id: location,
                status,
                serial: Some(serial),
                ..NewStockItem::new(part, Quantity::ONE)
            };
        }
        let (part, measured) = self.rng.pick(&self.pool.plain);
        let units = if measured {
            // 0.01 to 200 metres (or grams, or millilitres).
            (self.rng.below(20_000) as i64 + 1) * (SCALE / 100)
        } else {
            let whole = match self.rng.below(10) {
                0..6 => self.rng.below(100) + 1,
                6..9 => self.rng.below(4_900) + 100,
                _ => self.rng.pick(&[1_000, 2_500, 4_000, 5_000, 10_000]),
            };
            whole as i64 * SCALE
        };
        let batch = (roll < 50).then(|| {
            let year = 2024 + self.rng.below(3);
            let week = 1 + self.rng.below(52);
            let letter = char::from(b'A' + self.rng.below(4) as u8);
            format!("{year}-W{week:02}-{letter}")
        });
        NewStockItem {
            location_id: location,
            status,
            batch,
            ..NewStockItem::new(part, Quantity::from_units(units))
        }
    }
}

/// Imports `count` generated items in batches, reporting `(done_before + done, total)`
/// after each; returns how many it made.
pub(super) fn load(
    store: &Store,
    ids: &Ids,
    count: usize,
    (done_before, total): (usize, usize),
    progress: &mut dyn FnMut(usize, usize),
) -> Result<usize> {
    if count == 0 {
        return Ok(0);
    }
    let mut generator = Generator::new(Pool::of(ids)?)?;
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let items: Vec<NewStockItem> = (0..n).map(|_| generator.item()).collect();
        store
            .import_stock(&items, None)
            .with_context(|| format!("importing bulk stock items {} to {}", done + 1, done + n))?;
        done += n;
        progress(done_before + done, total);
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn pool() -> Pool {
        Pool {
            locations: vec![1, 2, 3],
            plain: vec![(10, false), (11, true), (12, false)],
            tracked: vec![(20, 20), (21, 20), (30, 30)],
        }
    }

    fn generate(n: usize) -> Vec<NewStockItem> {
        match Generator::new(pool()) {
            Ok(mut generator) => (0..n).map(|_| generator.item()).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn the_same_items_come_out_every_run() {
        assert_eq!(
            format!("{:?}", generate(500)),
            format!("{:?}", generate(500))
        );
    }

    #[test]
    fn serials_are_unique_within_each_part_tree() {
        let items = generate(20_000);
        let tree = |part| if part == 30 { 30 } else { 20 };
        let mut seen = HashSet::new();
        for item in items.iter().filter(|i| i.serial.is_some()) {
            assert_eq!(item.quantity, Quantity::ONE.units());
            assert!(
                seen.insert((tree(item.part_id), item.serial.clone())),
                "{:?}",
                item.serial
            );
        }
    }

    #[test]
    fn about_a_fifth_is_serialized_and_three_tenths_batched() {
        let items = generate(20_000);
        let serialized = items.iter().filter(|i| i.serial.is_some()).count();
        let batched = items.iter().filter(|i| i.batch.is_some()).count();
        assert!((3_600..4_400).contains(&serialized), "{serialized}");
        assert!((5_400..6_600).contains(&batched), "{batched}");
        assert!(
            items
                .iter()
                .all(|i| i.quantity > 0 && i.location_id.is_some())
        );
    }
}
