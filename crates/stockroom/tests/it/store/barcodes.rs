use stockroom_core::ModelType;
use stockroom_store::barcodes::NewBarcodeScan;
use stockroom_store::{Constraint, StoreError};

use crate::both_backends;

both_backends!(
    fn a_barcode_links_to_one_object_and_an_object_to_many(db) {
        let store = &db.store;
        store.link_barcode(ModelType::Part, 1, "4006381333931", "h1", None).unwrap();
        store.link_barcode(ModelType::Part, 1, "ABC", "h2", None).unwrap();
        let err = store.link_barcode(ModelType::StockItem, 9, "4006381333931", "h1", None).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::BarcodeTaken)), "{err:?}");
        let found = store.barcode_link_by_hash("h2").unwrap().unwrap();
        assert_eq!((found.model(), found.object_id), (Some(ModelType::Part), 1));
        assert_eq!(store.barcode_links_of(ModelType::Part, 1).unwrap().len(), 2);

        assert_eq!(store.unlink_barcodes(ModelType::Part, 1, Some("h1")).unwrap(), 1);
        assert!(store.barcode_link_by_hash("h1").unwrap().is_none());
        assert_eq!(store.unlink_barcodes(ModelType::Part, 1, None).unwrap(), 1);
        assert!(store.barcode_links_of(ModelType::Part, 1).unwrap().is_empty());
    }
);

both_backends!(
    fn scan_history_is_pruned_to_the_cap(db) {
        let store = &db.store;
        let scan = |n: usize| NewBarcodeScan {
            data: format!("scan-{n}"),
            timestamp: chrono::Utc::now().naive_utc(),
            user_id: None,
            endpoint: Some("/api/barcode/".into()),
            context: None,
            response: None,
            result: n.is_multiple_of(2),
        };
        let batch: Vec<_> = (0..7).map(scan).collect();
        store.record_scans(&batch, 5).unwrap();
        let kept = store.list_scans().unwrap();
        assert_eq!(kept.len(), 5);
        assert_eq!(kept[0].data, "scan-6");
        assert_eq!(kept[4].data, "scan-2");
        assert_eq!(store.delete_scans(&[kept[0].id]).unwrap(), 1);
        assert!(store.scan(kept[0].id).is_err());
        store.record_scans(&[], 0).unwrap();
        assert!(store.list_scans().unwrap().is_empty());
    }
);
