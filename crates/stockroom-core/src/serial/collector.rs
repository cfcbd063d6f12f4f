//! Accumulates expanded serials (rejecting duplicates) and errors (each message once).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

use super::error::SerialError;

/// Serials and errors produced so far by one expansion.
#[derive(Debug)]
pub(crate) struct Collector {
    serials: Vec<String>,
    /// Hash of a serial -> index of the first serial with that hash. Keying on the hash
    /// (rather than a second copy of every serial) keeps expansion at one allocation per serial.
    index: HashMap<u64, usize, BuildHasherDefault<PrehashedHasher>>,
    /// `serials[..indexed]` are in `index`. A run of distinct serials is indexed only when a
    /// later group needs it, so a pattern of one range (`1-100000`) never hashes at all.
    indexed: usize,
    hasher: RandomState,
    errors: Vec<SerialError>,
    reported: HashSet<SerialError>,
    quantity: u64,
    duplicates: u64,
    duplicate_budget: u64,
}

impl Collector {
    /// A collector for `quantity` serials that gives up after `duplicate_budget` duplicates.
    pub(crate) fn new(quantity: u64, duplicate_budget: u64) -> Collector {
        Collector {
            serials: Vec::new(),
            index: HashMap::default(),
            indexed: 0,
            hasher: RandomState::new(),
            errors: Vec::new(),
            reported: HashSet::new(),
            quantity,
            duplicates: 0,
            duplicate_budget,
        }
    }

    /// How many serials the quantity still has room for.
    pub(crate) fn remaining(&self) -> u64 {
        let produced = u64::try_from(self.serials.len()).unwrap_or(u64::MAX);
        self.quantity.saturating_sub(produced)
    }

    /// Whether so many duplicates were found that the rest of the pattern is not worth
    /// walking: the expansion fails anyway, and repeated ranges of duplicates would otherwise
    /// cost (groups x quantity) work.
    pub(crate) fn exhausted(&self) -> bool {
        self.duplicates > self.duplicate_budget
    }

    /// Adds `serial`, or records `Duplicate serial: <serial>` if it is already there.
    pub(crate) fn add(&mut self, serial: String) {
        self.catch_up_index();
        let hash = self.hasher.hash_one(serial.as_str());
        if self.contains(hash, &serial) {
            self.duplicate(serial);
        } else {
            self.index.entry(hash).or_insert(self.serials.len());
            self.serials.push(serial);
            self.indexed = self.serials.len();
        }
    }

    /// Adds serials that are distinct among themselves (a range walked by a rule that never
    /// repeats), checking each only against the serials of earlier groups.
    pub(crate) fn add_distinct(&mut self, run: Vec<String>) {
        if self.serials.is_empty() {
            // Nothing to clash with: take the run's vector as it is.
            self.serials = run;
            return;
        }
        self.catch_up_index();
        for serial in run {
            if self.contains(self.hasher.hash_one(serial.as_str()), &serial) {
                self.duplicate(serial);
            } else {
                self.serials.push(serial);
            }
        }
    }

    fn duplicate(&mut self, serial: String) {
        self.duplicates += 1;
        self.error(SerialError::Duplicate { serial });
    }

    /// Whether `serial` (whose hash is `hash`) equals an indexed serial; the unindexed ones
    /// are the current distinct run.
    fn contains(&self, hash: u64, serial: &str) -> bool {
        match self.index.get(&hash) {
            None => false,
            Some(&first) if self.serials[first] == serial => true,
            // A hash collision between different serials: astronomically rare, so a scan is fine.
            Some(_) => self.serials.iter().any(|s| s == serial),
        }
    }

    fn catch_up_index(&mut self) {
        if self.indexed == self.serials.len() {
            return;
        }
        self.index.reserve(self.serials.len() - self.indexed);
        for (i, serial) in self.serials.iter().enumerate().skip(self.indexed) {
            // On a collision the first serial keeps the slot; `contains` falls back to a scan.
            self.index
                .entry(self.hasher.hash_one(serial.as_str()))
                .or_insert(i);
        }
        self.indexed = self.serials.len();
    }

    /// Records an error, once per distinct message, keeping first-seen order.
    pub(crate) fn error(&mut self, error: SerialError) {
        if !self.reported.contains(&error) {
            self.reported.insert(error.clone());
            self.errors.push(error);
        }
    }

    /// The serials, or the errors in InvenTree's order of final checks.
    pub(crate) fn finish(self, quantity: i64) -> Result<Vec<String>, Vec<SerialError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        if self.serials.is_empty() {
            return Err(vec![SerialError::NoSerials]);
        }
        if self.remaining() > 0 || self.serials.len() as u64 > self.quantity {
            return Err(vec![SerialError::CountMismatch {
                found: self.serials.len(),
                quantity,
            }]);
        }
        Ok(self.serials)
    }
}

/// A `Hasher` for keys that are already uniformly distributed hashes.
#[derive(Debug, Default)]
pub(crate) struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used for the `u64` keys; mix anything else in for completeness.
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}
