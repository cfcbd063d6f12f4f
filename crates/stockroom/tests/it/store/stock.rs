use stockroom_core::Quantity;
use stockroom_core::status::{history, stock_status};
use stockroom_store::locations::NewLocation;
use stockroom_store::parts::PartChanges;
use stockroom_store::stock::{
    ActionError, Adjustment, ItemProblem, MergeRequest, NewStockItem, Overrides, Refusal,
    StockItemChanges, StockQuery, Transfer,
};
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

fn adjustment(item: i64, quantity: &str) -> Adjustment {
    Adjustment {
        item,
        quantity: q(quantity),
        overrides: Overrides::default(),
    }
}

fn deltas(store: &Store, item: i64) -> Vec<(i32, serde_json::Value)> {
    store
        .tracking_for_item(item)
        .unwrap()
        .iter()
        .map(|e| (e.tracking_type, e.deltas_json()))
        .collect()
}

fn refusal(err: ActionError) -> Refusal {
    match err {
        ActionError::Refused(refusal) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

both_backends!(
    fn counting_adding_and_removing_write_inventree_deltas(db) {
        let store = &db.store;
        let p = part(store, "Washer");
        let item = store.create_stock_item(&NewStockItem::new(p.id, q("10")), None).unwrap();
        store.count_stock(&[adjustment(item.id, "7")], "counted", None).unwrap();
        store.add_stock(&[adjustment(item.id, "0.25")], "", None).unwrap();
        let overrides = Overrides { batch: Some("L2".into()), status: Some(stock_status::ATTENTION), packaging: Some("tray".into()) };
        store.remove_stock(&[Adjustment { overrides, ..adjustment(item.id, "3.25") }], "", None).unwrap();
        let after = store.stock_item(item.id).unwrap();
        assert_eq!((after.quantity(), after.batch.as_deref(), after.status, after.packaging.as_str()), (q("4"), Some("L2"), stock_status::ATTENTION, "tray"));
        assert_eq!(after.stocktake_date, Some(chrono::Utc::now().date_naive()));
        assert_eq!(deltas(store, item.id)[1..], [
            (history::STOCK_COUNT, serde_json::json!({"quantity": 7.0})),
            (history::STOCK_ADD, serde_json::json!({"added": 0.25, "quantity": 7.25})),
            (history::STOCK_REMOVE, serde_json::json!({"removed": 3.25, "quantity": 4.0, "batch": "L2", "status": 50, "packaging": "tray"})),
        ]);
        assert_eq!(store.tracking_for_item(item.id).unwrap()[1].notes, "counted");
    }
);

both_backends!(
    fn a_refused_action_writes_nothing_even_after_earlier_entries_succeeded(db) {
        let store = &db.store;
        let p = part(store, "Bolt");
        let a = store.create_stock_item(&NewStockItem::new(p.id, q("5")), None).unwrap();
        let b = store.create_stock_item(&NewStockItem::new(p.id, q("1")), None).unwrap();
        let err = store.remove_stock(&[adjustment(a.id, "5"), adjustment(b.id, "2"), adjustment(999, "1")], "", None).unwrap_err();
        let refused = refusal(err);
        assert_eq!(refused.items, vec![
            ItemProblem { index: 1, field: "quantity", message: "Quantity must not exceed available stock quantity (1.00000)".into() },
            ItemProblem { index: 2, field: "pk", message: "Invalid pk \"999\" - object does not exist.".into() },
        ]);
        assert_eq!(store.stock_item(a.id).unwrap().quantity(), q("5"));
        assert_eq!(deltas(store, a.id).len(), 1);
        let refused = refusal(store.count_stock(&[], "", None).unwrap_err());
        assert_eq!(refused.fields, vec![(None, "A list of stock items must be provided".to_owned())]);
    }
);

both_backends!(
    fn a_partial_transfer_splits_and_a_whole_one_moves(db) {
        let store = &db.store;
        let p = part(store, "Nut");
        let shelf = location(store, "Shelf", None);
        let yard = location(store, "Yard", None);
        let item = store.create_stock_item(&NewStockItem { location_id: Some(shelf.id), batch: Some("B1".into()), ..NewStockItem::new(p.id, q("10")) }, None).unwrap();
        let transfer = |quantity: &str, to: i64| Transfer { entries: vec![adjustment(item.id, quantity)], merge: vec![], location: to, notes: "move".into() };
        store.transfer_stock(&transfer("4", yard.id), None).unwrap();
        let items = store.list_stock_for_part(p.id).unwrap();
        let child = items.iter().find(|i| i.id != item.id).unwrap();
        assert_eq!((child.quantity(), child.location_id, child.parent_id, child.batch.as_deref()), (q("4"), Some(yard.id), Some(item.id), Some("B1")));
        assert_eq!(deltas(store, child.id), vec![(history::SPLIT_FROM_PARENT, serde_json::json!({"stockitem": item.id, "quantity": 4.0}))]);
        assert_eq!(deltas(store, item.id)[1], (history::SPLIT_CHILD_ITEM, serde_json::json!({"removed": 4.0, "quantity": 6.0, "stockitem": child.id})));
        store.transfer_stock(&transfer("6", yard.id), None).unwrap();
        assert_eq!(store.stock_item(item.id).unwrap().location_id, Some(yard.id));
        assert_eq!(deltas(store, item.id)[2], (history::STOCK_MOVE, serde_json::json!({"quantity": 6.0, "location": yard.id})));
        let refused = refusal(store.transfer_stock(&transfer("7", shelf.id), None).unwrap_err());
        assert_eq!(refused.items[0].message, "Quantity must not exceed available stock quantity (6.00000)");
    }
);

both_backends!(
    fn merging_moves_allocations_and_averages_prices(db) {
        let store = &db.store;
        let p = part(store, "Cable");
        let yard = location(store, "Yard", None);
        let priced = |quantity: &str, price: &str| store.create_stock_item(&NewStockItem { purchase_price: Some(price.into()), purchase_price_currency: "USD".into(), ..NewStockItem::new(p.id, q(quantity)) }, None).unwrap();
        let base = priced("10", "5");
        let other = priced("30", "9");
        let order = store.create_sales_order(&stockroom_store::orders::NewSalesOrder { reference: "SO-1".into(), status: 10, ..Default::default() }).unwrap();
        let line = store.create_sales_order_line(&stockroom_store::orders::NewSalesOrderLine { order_id: order.id, part_id: Some(p.id), quantity: q("5").units(), ..Default::default() }).unwrap();
        let allocation = store.create_sales_order_allocation(&stockroom_store::orders::NewSalesOrderAllocation { line_id: line.id, item_id: other.id, quantity: q("5").units(), ..Default::default() }).unwrap();
        let merged = store.merge_stock(&MergeRequest { items: vec![base.id, other.id], location: yard.id, notes: String::new(), allow_mismatched_suppliers: false, allow_mismatched_status: false }, None).unwrap();
        assert_eq!((merged.quantity(), merged.location_id, merged.purchase_price.as_deref()), (q("40"), Some(yard.id), Some("8.000000")));
        assert_eq!(store.sales_order_allocation(allocation.id).unwrap().item_id, base.id);
        assert!(store.stock_item(other.id).is_err());
        assert_eq!(store.stock_row(base.id).unwrap().figures.allocated, q("5").units());
    }
);

both_backends!(
    fn installing_part_of_an_item_splits_it_first(db) {
        let store = &db.store;
        let assembly_part = trackable(store, "Robot", None);
        let screw = part(store, "Screw");
        store.set_setting(stockroom_store::settings::SettingScope::Global, "STOCK_ENFORCE_BOM_INSTALLATION", "False").unwrap();
        let robot = serialized(store, assembly_part.id, "R1").unwrap();
        let screws = store.create_stock_item(&NewStockItem::new(screw.id, q("10")), None).unwrap();
        let piece = store.install_stock(robot.id, screws.id, q("4"), "", None).unwrap();
        assert_eq!((piece.quantity(), piece.belongs_to_id, piece.parent_id, piece.location_id), (q("4"), Some(robot.id), Some(screws.id), None));
        assert_eq!(store.stock_item(screws.id).unwrap().quantity(), q("6"));
        let refused = refusal(store.install_stock(robot.id, robot.id, q("1"), "", None).unwrap_err());
        assert_eq!(refused.fields, vec![(Some("stock_item"), "Item cannot belong to itself".to_owned())]);
        let free = store.uninstall_stock(piece.id, location(store, "Bench", None).id, "", None).unwrap();
        assert_eq!(free.belongs_to_id, None);
    }
);

both_backends!(
    fn eight_writers_removing_one_each_from_five_leave_exactly_zero(db) {
        let store = &db.store;
        let p = part(store, "Fuse");
        let item = store.create_stock_item(&NewStockItem::new(p.id, q("5")), None).unwrap();
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let store = store.clone();
                std::thread::spawn(move || store.remove_stock(&[adjustment(item.id, "1")], "", None).is_ok())
            })
            .collect();
        let won = handles.into_iter().map(|h| h.join().unwrap()).filter(|ok| *ok).count();
        assert_eq!(won, 5);
        assert_eq!(store.stock_item(item.id).unwrap().quantity(), q("0"));
        assert_eq!(deltas(store, item.id).iter().filter(|(kind, _)| *kind == history::STOCK_REMOVE).count(), 5);
    }
);

both_backends!(
    fn serialized_creation_is_all_or_nothing(db) {
        let store = &db.store;
        let p = trackable(store, "Meter", None);
        let template = NewStockItem::new(p.id, q("1"));
        assert_eq!(store.latest_serial(p.id).unwrap(), None);
        let ids = store.create_serialized_stock(&template, &["9".into(), "10".into(), "B7".into()], None).unwrap();
        assert_eq!(ids.len(), 3);
        assert_eq!(store.latest_serial(p.id).unwrap().as_deref(), Some("10"));
        let err = store.create_serialized_stock(&template, &["11".into(), "10".into(), "9".into()], None).unwrap_err();
        assert!(matches!(&err, StoreError::Invalid { field: Some("serial_numbers"), message } if message == "The following serial numbers already exist or are invalid : 10,9"), "{err:?}");
        assert_eq!(store.list_stock_for_part(p.id).unwrap().len(), 3);
        let plain = part(store, "Plain");
        let err = store.create_serialized_stock(&NewStockItem::new(plain.id, q("1")), &["1".into()], None).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { field: Some("serial_numbers"), .. }));
    }
);

both_backends!(
    fn stock_queries_count_the_whole_list_and_return_one_page(db) {
        let store = &db.store;
        let p = part(store, "Chip");
        let top = location(store, "Top", None);
        let below = location(store, "Below", Some(top.id));
        for n in 0..7 {
            let place = if n % 2 == 0 { top.id } else { below.id };
            store.create_stock_item(&NewStockItem { location_id: Some(place), ..NewStockItem::new(p.id, q(&format!("{}", n + 1))) }, None).unwrap();
        }
        let query = StockQuery { location: Some(Some(top.id)), cascade: true, page: stockroom_store::listing::PageRequest { limit: Some(3), offset: 2 }, ..Default::default() };
        let listed = store.query_stock(&query).unwrap();
        assert_eq!(listed.count, 7);
        let quantities: Vec<Quantity> = listed.items.iter().map(|r| r.item.quantity()).collect();
        assert_eq!(quantities, vec![q("3"), q("4"), q("5")]);
        assert!(listed.items.iter().all(|r| r.part.name == "Chip" && r.figures.tracking_items == 1));
        let only_top = store.query_stock(&StockQuery { location: Some(Some(top.id)), cascade: false, ..Default::default() }).unwrap();
        assert_eq!(only_top.count, 4);
    }
);
