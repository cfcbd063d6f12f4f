use stockroom_store::StoreError;
use stockroom_store::locations::LocationChanges;
use stockroom_store::parts::{CategoryChanges, DeleteContents, PartChanges};
use stockroom_store::tree::Tree;

use super::*;
use crate::both_backends;

both_backends!(
    fn category_paths_follow_renames_and_moves(db) {
        let store = &db.store;
        let top = category(store, "Electronics", None);
        let mid = category(store, "Passives", Some(top.id));
        let leaf = category(store, "Resistors", Some(mid.id));
        assert_eq!(leaf.pathstring, "Electronics/Passives/Resistors");

        store.update_category(top.id, &CategoryChanges { name: Some("EE".into()), ..Default::default() }).unwrap();
        assert_eq!(store.category(leaf.id).unwrap().pathstring, "EE/Passives/Resistors");

        store.update_category(mid.id, &CategoryChanges { parent_id: Some(None), ..Default::default() }).unwrap();
        assert_eq!(store.category(leaf.id).unwrap().pathstring, "Passives/Resistors");
    }
);

both_backends!(
    fn descendants_and_ancestors_walk_the_whole_tree(db) {
        let store = &db.store;
        let a = location(store, "A", None);
        let b = location(store, "B", Some(a.id));
        let c = location(store, "C", Some(b.id));
        let d = location(store, "D", Some(a.id));
        let other = location(store, "Other", None);
        assert_eq!(store.tree_descendants(Tree::Location, a.id).unwrap(), vec![a.id, b.id, d.id, c.id]);
        assert_eq!(store.tree_descendants(Tree::Location, other.id).unwrap(), vec![other.id]);
        assert_eq!(store.tree_ancestors(Tree::Location, c.id).unwrap(), vec![a.id, b.id]);
        assert_eq!(store.tree_ancestors(Tree::Location, a.id).unwrap(), Vec::<i64>::new());
    }
);

both_backends!(
    fn a_node_cannot_move_below_itself(db) {
        let store = &db.store;
        let a = location(store, "A", None);
        let b = location(store, "B", Some(a.id));
        let err = store
            .update_location(a.id, &LocationChanges { parent_id: Some(Some(b.id)), ..Default::default() })
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid { field: Some("parent"), .. }), "{err:?}");
        assert_eq!(store.location(a.id).unwrap().parent_id, None);

        let err = store
            .update_location(a.id, &LocationChanges { parent_id: Some(Some(a.id)), ..Default::default() })
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid { .. }));
    }
);

both_backends!(
    fn deleting_a_category_moves_its_contents_to_the_parent(db) {
        let store = &db.store;
        let top = category(store, "Top", None);
        let mid = category(store, "Mid", Some(top.id));
        let leaf = category(store, "Leaf", Some(mid.id));
        let p = store.create_part(&NewPart { name: "R1".into(), category_id: Some(mid.id), ..Default::default() }).unwrap();

        store.delete_category(mid.id, DeleteContents::default()).unwrap();
        assert_eq!(store.part(p.id).unwrap().category_id, Some(top.id));
        let leaf = store.category(leaf.id).unwrap();
        assert_eq!(leaf.parent_id, Some(top.id));
        assert_eq!(leaf.pathstring, "Top/Leaf");
        assert!(matches!(store.category(mid.id), Err(StoreError::NotFound { .. })));
    }
);

both_backends!(
    fn deleting_a_category_with_contents_removes_the_subtree(db) {
        let store = &db.store;
        let top = category(store, "Top", None);
        let mid = category(store, "Mid", Some(top.id));
        let leaf = category(store, "Leaf", Some(mid.id));
        let p = store.create_part(&NewPart { name: "R1".into(), category_id: Some(leaf.id), ..Default::default() }).unwrap();
        store.delete_category(mid.id, DeleteContents { delete_items: true, delete_children: true }).unwrap();
        assert!(store.category(leaf.id).is_err());
        assert!(store.part(p.id).is_err());
        assert!(store.category(top.id).is_ok());
    }
);

both_backends!(
    fn deleting_a_location_moves_stock_up_unless_told_otherwise(db) {
        let store = &db.store;
        let top = location(store, "Top", None);
        let shelf = location(store, "Shelf", Some(top.id));
        let bin = location(store, "Bin", Some(shelf.id));
        let p = part(store, "Screw");
        let item = store
            .create_stock_item(&stockroom_store::stock::NewStockItem { location_id: Some(shelf.id), ..stockroom_store::stock::NewStockItem::new(p.id, q("5")) }, None)
            .unwrap();
        store.delete_location(shelf.id, DeleteContents::default()).unwrap();
        assert_eq!(store.stock_item(item.id).unwrap().location_id, Some(top.id));
        assert_eq!(store.location(bin.id).unwrap().pathstring, "Top/Bin");

        store.delete_location(top.id, DeleteContents { delete_items: true, delete_children: true }).unwrap();
        assert!(store.stock_item(item.id).is_err());
        assert!(store.location(bin.id).is_err());
    }
);

both_backends!(
    fn variants_share_their_templates_tree(db) {
        let store = &db.store;
        let template = store.create_part(&NewPart { name: "Widget".into(), is_template: true, ..Default::default() }).unwrap();
        let red = store.create_part(&NewPart { name: "Widget red".into(), variant_of_id: Some(template.id), ..Default::default() }).unwrap();
        let dark_red = store.create_part(&NewPart { name: "Widget dark red".into(), variant_of_id: Some(red.id), ..Default::default() }).unwrap();
        assert_eq!(template.tree_id, template.id);
        assert_eq!(red.tree_id, template.id);
        assert_eq!(dark_red.tree_id, template.id);
        assert_eq!(store.tree_descendants(Tree::PartVariants, template.id).unwrap(), vec![template.id, red.id, dark_red.id]);

        // Detaching the red branch makes it a tree of its own.
        store.update_part(red.id, &PartChanges { variant_of_id: Some(None), ..Default::default() }).unwrap();
        assert_eq!(store.part(dark_red.id).unwrap().tree_id, red.id);
    }
);

both_backends!(
    fn a_part_cannot_become_its_own_variant_ancestor(db) {
        let store = &db.store;
        let a = store.create_part(&NewPart { name: "A".into(), is_template: true, ..Default::default() }).unwrap();
        let b = store.create_part(&NewPart { name: "B".into(), variant_of_id: Some(a.id), ..Default::default() }).unwrap();
        let err = store.update_part(a.id, &PartChanges { variant_of_id: Some(Some(b.id)), ..Default::default() }).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { field: Some("variant_of"), .. }), "{err:?}");
        assert_eq!(store.part(a.id).unwrap().variant_of_id, None);
    }
);
