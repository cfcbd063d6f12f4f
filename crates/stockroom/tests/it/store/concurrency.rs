//! Many writers at once: uniqueness holds and nothing is lost.

use std::collections::BTreeSet;

use stockroom_store::barcodes::NewBarcodeScan;
use stockroom_store::stock::NewStockItem;
use stockroom_store::{Constraint, StoreError};

use super::*;
use crate::both_backends;

both_backends!(
    fn racing_writers_never_duplicate_a_serial(db) {
        let store = &db.store;
        let p = trackable(store, "Sensor", None);
        // Eight writers each try serials overlapping with their neighbours.
        let handles: Vec<_> = (0..8)
            .map(|w| {
                let store = store.clone();
                std::thread::spawn(move || {
                    let mut won = Vec::new();
                    for n in (w * 5)..(w * 5 + 10) {
                        let serial = (n + 1).to_string();
                        match store.create_stock_item(&NewStockItem { serial: Some(serial.clone()), ..NewStockItem::new(p.id, q("1")) }, None) {
                            Ok(_) => won.push(serial),
                            Err(StoreError::Conflict(Constraint::SerialTaken)) => {}
                            Err(e) => panic!("unexpected {e:?}"),
                        }
                    }
                    won
                })
            })
            .collect();
        let won: Vec<String> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
        let stored: BTreeSet<String> = store.list_stock_for_part(p.id).unwrap().into_iter().filter_map(|i| i.serial).collect();
        assert_eq!(won.len(), stored.len(), "every success is stored exactly once");
        assert_eq!(stored, won.into_iter().collect::<BTreeSet<_>>());
        assert_eq!(stored.len(), 45);
    }
);

both_backends!(
    fn concurrent_scan_recording_keeps_the_cap(db) {
        let store = &db.store;
        let handles: Vec<_> = (0..6)
            .map(|w| {
                let store = store.clone();
                std::thread::spawn(move || {
                    for n in 0..10 {
                        let scan = NewBarcodeScan {
                            data: format!("{w}-{n}"),
                            timestamp: chrono::Utc::now().naive_utc(),
                            user_id: None,
                            endpoint: None,
                            context: None,
                            response: None,
                            result: false,
                        };
                        store.record_scans(&[scan], 12).unwrap();
                        assert!(store.list_scans().unwrap().len() <= 12);
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(store.list_scans().unwrap().len(), 12);
    }
);
