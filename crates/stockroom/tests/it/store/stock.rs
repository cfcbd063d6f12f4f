use stockroom_core::status::{history, stock_status};
use stockroom_store::locations::NewLocation;
use stockroom_store::parts::PartChanges;
use stockroom_store::stock::{NewStockItem, StockItemChanges};
use stockroom_store::{Constraint, StoreError};

use super::*;
use crate::both_backends;

fn serialized(
    store: &Store,
    part_id: i64,
    serial: &str,
) -> Result<stockroom_store::stock::StockItem, StoreError> {
    store.create_stock_item(
        &NewStockItem {
            serial: Some(serial.into()),
            ..NewStockItem::new(part_id, q("1"))
        },
        None,
    )
}

both_backends!(
    fn creating_stock_writes_its_history(db) {
        let store = &db.store;
        let p = part(store, "Resistor");
        let shelf = location(store, "Shelf", None);
        let item = store
            .create_stock_item(&NewStockItem { location_id: Some(shelf.id), batch: Some("B-7".into()), ..NewStockItem::new(p.id, q("12.5")) }, None)
            .unwrap();
        assert_eq!(item.quantity(), q("12.5"));
        assert_eq!(item.status, stock_status::OK);
        assert_eq!(item.serial_scope, None);
        let history_entries = store.tracking_for_item(item.id).unwrap();
        assert_eq!(history_entries.len(), 1);
        assert_eq!(history_entries[0].tracking_type, history::CREATED);
        assert_eq!(history_entries[0].deltas_json(), serde_json::json!({"status": 10, "quantity": 12.5}));
    }
);

both_backends!(
    fn editing_status_is_recorded_and_deleting_keeps_history(db) {
        let store = &db.store;
        let p = part(store, "Cap");
        let item = store.create_stock_item(&NewStockItem::new(p.id, q("3")), None).unwrap();
        let item = store
            .update_stock_item(item.id, &StockItemChanges { status: Some(stock_status::DAMAGED), notes: Some("dropped".into()), ..Default::default() }, None)
            .unwrap();
        assert_eq!(item.status, stock_status::DAMAGED);
        let entries = store.tracking_for_item(item.id).unwrap();
        assert_eq!(entries.last().unwrap().tracking_type, history::EDITED);
        let entry_id = entries[0].id;

        store.delete_stock_item(item.id).unwrap();
        assert!(store.stock_item(item.id).is_err());
        assert_eq!(store.tracking_entry(entry_id).unwrap().item_id, None);
    }
);

both_backends!(
    fn stock_refuses_structural_locations_templates_and_bad_status(db) {
        let store = &db.store;
        let p = part(store, "Nut");
        let hall = store.create_location(&NewLocation { name: "Hall".into(), structural: true, ..Default::default() }).unwrap();
        let err = store.create_stock_item(&NewStockItem { location_id: Some(hall.id), ..NewStockItem::new(p.id, q("1")) }, None).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { field: Some("location"), .. }), "{err:?}");

        let template = store.create_part(&NewPart { name: "T".into(), is_template: true, ..Default::default() }).unwrap();
        assert!(store.create_stock_item(&NewStockItem::new(template.id, q("1")), None).is_err());
        let err = store.create_stock_item(&NewStockItem { status: 11, ..NewStockItem::new(p.id, q("1")) }, None).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { field: Some("status"), .. }));
        let err = store.create_stock_item(&NewStockItem::new(999, q("1")), None).unwrap_err();
        assert!(matches!(err, StoreError::NotFound { model: "Part", pk: 999 }));
        assert!(store.list_stock_for_part(p.id).unwrap().is_empty());
    }
);

both_backends!(
    fn serials_are_unique_per_variant_tree(db) {
        let store = &db.store;
        let template = store.create_part(&NewPart { name: "Board".into(), is_template: true, trackable: true, ..Default::default() }).unwrap();
        let rev_a = trackable(store, "Board A", Some(template.id));
        let rev_b = trackable(store, "Board B", Some(template.id));
        let other = trackable(store, "Other", None);

        let first = serialized(store, rev_a.id, "100").unwrap();
        assert_eq!(first.serial_scope, Some(template.id));
        assert_eq!(first.serial_int, 100);
        let err = serialized(store, rev_b.id, "100").unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::SerialTaken)), "{err:?}");
        // Another tree may use the same serial; case matters.
        serialized(store, other.id, "100").unwrap();
        serialized(store, rev_b.id, "100a").unwrap();
        serialized(store, rev_b.id, "100A").unwrap();
        // A serialized item holds exactly one unit.
        let err = store.create_stock_item(&NewStockItem { serial: Some("7".into()), ..NewStockItem::new(rev_a.id, q("2")) }, None).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { field: Some("quantity"), .. }));
    }
);

both_backends!(
    fn moving_a_part_into_a_tree_with_the_same_serial_changes_nothing(db) {
        let store = &db.store;
        let template = store.create_part(&NewPart { name: "T".into(), is_template: true, trackable: true, ..Default::default() }).unwrap();
        let inside = trackable(store, "Inside", Some(template.id));
        let outside = trackable(store, "Outside", None);
        serialized(store, inside.id, "5").unwrap();
        serialized(store, outside.id, "5").unwrap();
        serialized(store, outside.id, "6").unwrap();

        let err = store.update_part(outside.id, &PartChanges { variant_of_id: Some(Some(template.id)), name: Some("renamed".into()), ..Default::default() }).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::SerialTaken)), "{err:?}");
        let after = store.part(outside.id).unwrap();
        assert_eq!((after.variant_of_id, after.tree_id, after.name.as_str()), (None, outside.id, "Outside"));
        let scopes: Vec<_> = store.list_stock_for_part(outside.id).unwrap().iter().map(|i| i.serial_scope).collect();
        assert_eq!(scopes, vec![Some(outside.id), Some(outside.id)]);
    }
);
