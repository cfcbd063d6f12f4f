use stockroom_store::StoreError;
use stockroom_store::parts::{BomItemChanges, NewBomItem, PartChanges};

use super::*;
use crate::both_backends;

both_backends!(
    fn parts_are_created_read_updated_and_deleted(db) {
        let store = &db.store;
        let cat = category(store, "Fasteners", None);
        let created = store
            .create_part(&NewPart {
                name: "M3 screw".into(),
                ipn: Some("SCR-M3".into()),
                category_id: Some(cat.id),
                units: "pcs".into(),
                minimum_stock: q("100").units(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(store.part(created.id).unwrap(), created);
        assert!(created.active && created.component && created.purchaseable);

        let updated = store
            .update_part(created.id, &PartChanges { description: Some("Pan head".into()), ipn: Some(None), ..Default::default() })
            .unwrap();
        assert_eq!(updated.description, "Pan head");
        assert_eq!(updated.ipn, None);
        assert_eq!(updated.name, "M3 screw");

        let unchanged = store.update_part(created.id, &PartChanges::default()).unwrap();
        assert_eq!(unchanged, updated);

        assert_eq!(store.list_parts().unwrap().len(), 1);
        store.delete_part(created.id).unwrap();
        assert!(matches!(store.part(created.id), Err(StoreError::NotFound { model: "Part", .. })));
        assert!(matches!(store.delete_part(created.id), Err(StoreError::NotFound { .. })));
    }
);

both_backends!(
    fn a_part_in_a_missing_category_is_a_foreign_key_error(db) {
        let err = db.store.create_part(&NewPart { name: "X".into(), category_id: Some(999), ..Default::default() }).unwrap_err();
        assert!(matches!(err, StoreError::ForeignKey), "{err:?}");
        assert!(db.store.list_parts().unwrap().is_empty());
    }
);

both_backends!(
    fn bom_items_link_assemblies_to_components(db) {
        let store = &db.store;
        let board = store.create_part(&NewPart { name: "Board".into(), assembly: true, ..Default::default() }).unwrap();
        let resistor = part(store, "R 10k");
        let line = store
            .create_bom_item(&NewBomItem { part_id: board.id, sub_part_id: resistor.id, quantity: q("4").units(), reference: "R1-R4".into(), ..Default::default() })
            .unwrap();
        assert_eq!(store.bom_item(line.id).unwrap().quantity, q("4").units());
        let line = store.update_bom_item(line.id, &BomItemChanges { optional: Some(true), ..Default::default() }).unwrap();
        assert!(line.optional);
        assert_eq!(store.list_bom_items().unwrap().len(), 1);
        // Deleting a component removes the BOM lines that use it.
        store.delete_part(resistor.id).unwrap();
        assert!(store.bom_item(line.id).is_err());
    }
);
