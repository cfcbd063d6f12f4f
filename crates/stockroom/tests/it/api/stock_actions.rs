//! The stock actions over HTTP: count, add, remove, transfer, merge, install, uninstall —
//! their echoes, history entries and deltas, refusals, roles and a race.

use serde_json::json;
use stockroom_store::auth::Permissions;
use stockroom_store::parts::NewBomItem;

use super::stock::{create, history, pk, world};
use crate::api_test;

api_test!(
    async fn count_add_and_remove_echo_the_request_and_record_history(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 10, "location": w.shelf})).await);
        let body = admin.post("/api/stock/count/", json!({"items": [{"pk": item, "quantity": 8}], "notes": "Stocktake"})).await.expect(201);
        assert_eq!(body, json!({"items": [{"pk": item, "quantity": "8.00000", "status": null}], "notes": "Stocktake"}));
        let body = admin.post("/api/stock/add/", json!({"items": [{"pk": item, "quantity": "2.5", "batch": "B2"}]})).await.expect(201);
        assert_eq!(body, json!({"items": [{"pk": item, "quantity": "2.50000", "batch": "B2", "status": null}]}));
        admin.post("/api/stock/remove/", json!({"items": [{"pk": item, "quantity": 0.5, "status": 50, "packaging": ""}]})).await.expect(201);
        let after = admin.get(&format!("/api/stock/{item}/")).await.expect(200);
        assert_eq!((after["quantity"].clone(), after["batch"].clone(), after["status"].clone()), (json!(10.0), json!("B2"), json!(50)));
        assert_eq!(after["stocktake_date"], json!(chrono::Utc::now().date_naive().to_string()));
        assert_eq!(history(app.store(), item), vec![
            (1, json!({"status": 10, "quantity": 10.0})),
            (10, json!({"quantity": 8.0})),
            (11, json!({"added": 2.5, "quantity": 10.5, "batch": "B2"})),
            (12, json!({"removed": 0.5, "quantity": 10.0, "status": 50})),
        ]);
        let entry = &app.store().tracking_for_item(item).unwrap()[1];
        assert_eq!(entry.notes, "Stocktake");
        // Adding or removing nothing changes nothing.
        admin.post("/api/stock/add/", json!({"items": [{"pk": item, "quantity": 0}]})).await.expect(201);
        assert_eq!(history(app.store(), item).len(), 4);
    }
);

api_test!(
    async fn removing_everything_deletes_an_item_that_asks_for_it(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let doomed = pk(&create(&admin, json!({"part": w.part, "quantity": 3})).await);
        let kept = pk(&create(&admin, json!({"part": w.part, "quantity": 3, "delete_on_deplete": false})).await);
        admin.post("/api/stock/remove/", json!({"items": [{"pk": doomed, "quantity": 3}, {"pk": kept, "quantity": 3}]})).await.expect(201);
        admin.get(&format!("/api/stock/{doomed}/")).await.expect(404);
        assert_eq!(admin.get(&format!("/api/stock/{kept}/")).await.expect(200)["quantity"], json!(0.0));
        // The removal is still in the part's history, detached from the deleted item.
        let part_history = admin.get(&format!("/api/stock/track/?part={}&ordering=-date", w.part)).await.expect(200);
        assert!(part_history.as_array().unwrap().iter().any(|e| e["item"].is_null() && e["tracking_type"] == 12));
    }
);

api_test!(
    async fn refused_adjustments_say_why_per_item_and_write_nothing(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 5})).await);
        let serial = pk(&create(&admin, json!({"part": w.trackable, "quantity": 1, "serial_numbers": "S1"})).await);
        let post = |body| admin.post("/api/stock/remove/", body);
        assert_eq!(post(json!({})).await.expect(400), json!({"items": ["This field is required."]}));
        assert_eq!(post(json!({"items": []})).await.expect(400), json!({"non_field_errors": ["A list of stock items must be provided"]}));
        assert_eq!(post(json!({"items": {"pk": 1}})).await.expect(400), json!({"items": {"non_field_errors": ["Expected a list of items but got type \"dict\"."]}}));
        assert_eq!(post(json!({"items": [3]})).await.expect(400), json!({"items": [{"non_field_errors": ["Invalid data. Expected a dictionary, but got int."]}]}));
        assert_eq!(post(json!({"items": [{"no": "aa"}]})).await.expect(400), json!({"items": [{"pk": ["This field is required."], "quantity": ["This field is required."]}]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 1}, {"pk": 999, "quantity": 1}]})).await.expect(400), json!({"items": [{}, {"pk": ["Invalid pk \"999\" - object does not exist."]}]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": "10x0d"}]})).await.expect(400), json!({"items": [{"quantity": ["A valid number is required."]}]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": "-1.234"}]})).await.expect(400), json!({"items": [{"quantity": ["Ensure this value is greater than or equal to 0."]}]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 1, "status": 12}]})).await.expect(400), json!({"items": [{"status": ["\"12\" is not a valid choice."]}]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 2}, {"pk": item, "quantity": 4}]})).await.expect(400), json!({"items": [{}, {"quantity": ["Quantity must not exceed available stock quantity (3.00000)"]}]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 6}]})).await.expect(400), json!({"items": [{"quantity": ["Quantity must not exceed available stock quantity (5.00000)"]}]}));
        let body = admin.post("/api/stock/add/", json!({"items": [{"pk": serial, "quantity": 1}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"quantity": ["Quantity must be 1 for item with a serial number"]}]}));
        let body = admin.post("/api/stock/count/", json!({"items": [{"pk": serial, "quantity": 2}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"quantity": ["Quantity must be 1 for item with a serial number"]}]}));
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["quantity"], json!(5.0));
        assert_eq!(history(app.store(), item).len(), 1);
        assert_eq!(history(app.store(), serial).len(), 1);
    }
);

api_test!(
    async fn transfers_move_whole_items_and_split_partial_ones(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 10, "location": w.shelf, "batch": "B1"})).await);
        let body = admin.post("/api/stock/transfer/", json!({"items": [{"pk": item, "quantity": 4, "batch": "B9", "status": 50}], "location": w.yard, "notes": "split"})).await.expect(201);
        assert_eq!(body, json!({"items": [{"pk": item, "quantity": "4.00000", "batch": "B9", "status": 50}], "notes": "split", "location": w.yard}));
        let children = admin.get(&format!("/api/stock/?parent={item}")).await.expect(200);
        let child = pk(&children[0]);
        assert_eq!((children[0]["quantity"].clone(), children[0]["location"].clone(), children[0]["batch"].clone(), children[0]["status"].clone()), (json!(4.0), json!(w.yard), json!("B9"), json!(50)));
        let parent = admin.get(&format!("/api/stock/{item}/")).await.expect(200);
        assert_eq!((parent["quantity"].clone(), parent["location"].clone(), parent["batch"].clone(), parent["child_items"].clone()), (json!(6.0), json!(w.shelf), json!("B1"), json!(1)));
        assert_eq!(history(app.store(), child), vec![(40, json!({"stockitem": item, "quantity": 4.0, "batch": "B9", "status": 50}))]);
        assert_eq!(history(app.store(), item).last().unwrap(), &(42, json!({"removed": 4.0, "quantity": 6.0, "stockitem": child})));

        admin.post("/api/stock/transfer/", json!({"items": [{"pk": item, "quantity": 6}], "location": w.bin})).await.expect(201);
        assert_eq!(history(app.store(), item).last().unwrap(), &(20, json!({"quantity": 6.0, "location": w.bin})));
        admin.post("/api/stock/transfer/", json!({"items": [{"pk": item, "quantity": 6, "packaging": "bag"}], "location": w.bin})).await.expect(201);
        assert_eq!(history(app.store(), item).last().unwrap(), &(25, json!({"quantity": 6.0, "packaging": "bag"})));
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["location"], w.bin);
    }
);

api_test!(
    async fn a_transfer_may_merge_into_matching_stock_at_the_destination(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let there = pk(&create(&admin, json!({"part": w.part, "quantity": 5, "location": w.yard, "batch": "B1"})).await);
        let other_batch = pk(&create(&admin, json!({"part": w.part, "quantity": 1, "location": w.yard, "batch": "B2"})).await);
        let moving = pk(&create(&admin, json!({"part": w.part, "quantity": 3, "location": w.shelf, "batch": "B1"})).await);
        admin.post("/api/stock/transfer/", json!({"items": [{"pk": moving, "quantity": 3, "merge": true}], "location": w.yard})).await.expect(201);
        admin.get(&format!("/api/stock/{moving}/")).await.expect(404);
        assert_eq!(admin.get(&format!("/api/stock/{there}/")).await.expect(200)["quantity"], json!(8.0));
        assert_eq!(history(app.store(), there).last().unwrap(), &(45, json!({"quantity": 8.0, "added": 3.0, "location": w.yard})));
        assert_eq!(admin.get(&format!("/api/stock/{other_batch}/")).await.expect(200)["quantity"], json!(1.0));
    }
);

api_test!(
    async fn refused_transfers_name_the_problem_and_move_nothing(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 5, "location": w.shelf})).await);
        let post = |body| admin.post("/api/stock/transfer/", body);
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 1}]})).await.expect(400), json!({"location": ["This field is required."]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 1}], "location": null})).await.expect(400), json!({"location": ["This field may not be null."]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 1}], "location": w.hall})).await.expect(400), json!({"location": [format!("Invalid pk \"{}\" - object does not exist.", w.hall)]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 1}], "location": 999})).await.expect(400), json!({"location": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 0}], "location": w.yard})).await.expect(400), json!({"items": [{"quantity": ["Quantity must be greater than zero"]}]}));
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 7}], "location": w.yard})).await.expect(400), json!({"items": [{"quantity": ["Quantity must not exceed available stock quantity (5.00000)"]}]}));
        let customer = app.store().create_company(&stockroom_store::companies::NewCompany { name: "Acme".into(), is_customer: true, ..Default::default() }).unwrap();
        app.store().update_stock_item(item, &stockroom_store::stock::StockItemChanges { customer_id: Some(Some(customer.id)), ..Default::default() }, None).unwrap();
        assert_eq!(post(json!({"items": [{"pk": item, "quantity": 1}], "location": w.yard})).await.expect(400), json!({"items": [{"pk": ["Stock item is not in stock"]}]}));
        assert_eq!(history(app.store(), item).len(), 1);
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["location"], w.shelf);
        app.store().set_setting(stockroom_store::settings::SettingScope::Global, "STOCK_ALLOW_OUT_OF_STOCK_TRANSFER", "True").unwrap();
        post(json!({"items": [{"pk": item, "quantity": 5}], "location": w.yard})).await.expect(201);
    }
);

api_test!(
    async fn merging_adds_quantities_into_the_first_item(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let base = pk(&create(&admin, json!({"part": w.part, "quantity": 10, "location": w.shelf, "purchase_price": 5, "purchase_price_currency": "USD"})).await);
        let second = pk(&create(&admin, json!({"part": w.part, "quantity": 25, "location": w.bin, "purchase_price": 10, "purchase_price_currency": "USD"})).await);
        let third = pk(&create(&admin, json!({"part": w.part, "quantity": 5, "purchase_price": 75, "purchase_price_currency": "USD"})).await);
        let body = admin.post("/api/stock/merge/", json!({"items": [{"item": base}, {"item": second}, {"item": third}], "location": w.yard, "notes": "tidy"})).await.expect(201);
        assert_eq!(body, json!({"items": [{"item": base}, {"item": second}, {"item": third}], "location": w.yard, "notes": "tidy"}));
        let merged = admin.get(&format!("/api/stock/{base}/")).await.expect(200);
        assert_eq!((merged["quantity"].clone(), merged["location"].clone(), merged["purchase_price"].clone()), (json!(40.0), json!(w.yard), json!(16.875)));
        assert_eq!(history(app.store(), base).last().unwrap(), &(45, json!({"quantity": 40.0, "added": 30.0, "location": w.yard})));
        admin.get(&format!("/api/stock/{second}/")).await.expect(404);
        admin.get(&format!("/api/stock/{third}/")).await.expect(404);
    }
);

api_test!(
    async fn refused_merges_use_inventree_messages(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let a = pk(&create(&admin, json!({"part": w.part, "quantity": 1})).await);
        let b = pk(&create(&admin, json!({"part": w.part, "quantity": 1, "status": 55})).await);
        let other = pk(&create(&admin, json!({"part": w.trackable, "quantity": 2})).await);
        let serials = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 2, "serial_numbers": "1,2"})).await.expect(201);
        let post = |body| admin.post("/api/stock/merge/", body);
        let yard = w.yard;
        assert_eq!(post(json!({"items": [{"item": a}], "location": yard})).await.expect(400), json!({"non_field_errors": ["At least two stock items must be provided"]}));
        assert_eq!(post(json!({"items": [{"item": a}, {"item": a}], "location": yard})).await.expect(400), json!({"non_field_errors": ["Duplicate stock items"]}));
        assert_eq!(post(json!({"items": [{"item": a}, {"item": other}], "location": yard})).await.expect(400), json!({"non_field_errors": ["Stock items must refer to the same part"]}));
        assert_eq!(post(json!({"items": [{"item": a}, {"item": b}], "location": yard})).await.expect(400), json!({"non_field_errors": ["Stock status codes must match"]}));
        assert_eq!(post(json!({"items": [{"item": pk(&serials[0])}, {"item": pk(&serials[1])}], "location": yard})).await.expect(400), json!({"items": [{"item": ["Serialized stock cannot be merged"]}, {"item": ["Serialized stock cannot be merged"]}]}));
        assert_eq!(post(json!({"items": [{"item": a}, {"item": 999}], "location": yard})).await.expect(400), json!({"items": [{}, {"item": ["Invalid pk \"999\" - object does not exist."]}]}));
        assert_eq!(post(json!({"items": [{"item": a}, {"item": b}], "location": w.hall, "allow_mismatched_status": true})).await.expect(400), json!({"location": ["Stock items cannot be located into structural stock locations!"]}));
        assert_eq!(post(json!({"items": [{"item": a}, {"item": b}]})).await.expect(400), json!({"location": ["This field is required."]}));
        post(json!({"items": [{"item": a}, {"item": b}], "location": yard, "allow_mismatched_status": true})).await.expect(201);
        assert_eq!(admin.get(&format!("/api/stock/{a}/")).await.expect(200)["quantity"], json!(2.0));
    }
);

api_test!(
    async fn installing_and_uninstalling_record_both_sides(app) {
        let w = world(app.store());
        let store = app.store();
        store.create_bom_item(&NewBomItem { part_id: w.trackable, sub_part_id: w.part, quantity: 100_000, ..Default::default() }).unwrap();
        let admin = app.admin().await;
        let assembly = pk(&create(&admin, json!({"part": w.trackable, "quantity": 1, "serial_numbers": "A-1"})).await);
        let parts = pk(&create(&admin, json!({"part": w.part, "quantity": 5, "location": w.shelf})).await);
        let stray = pk(&create(&admin, json!({"part": w.trackable, "quantity": 1})).await);
        let url = format!("/api/stock/{assembly}/install/");
        assert_eq!(admin.post(&url, json!({"stock_item": stray})).await.expect(400), json!({"stock_item": ["Selected part is not in the Bill of Materials"]}));
        assert_eq!(admin.post(&url, json!({"stock_item": parts, "quantity": 9})).await.expect(400), json!({"quantity": ["Quantity to install must not exceed available quantity"]}));
        assert_eq!(admin.post(&url, json!({"stock_item": parts, "quantity": 0})).await.expect(400), json!({"quantity": ["Ensure this value is greater than or equal to 1."]}));
        assert_eq!(admin.post(&url, json!({})).await.expect(400), json!({"stock_item": ["This field is required."]}));
        assert_eq!(admin.post(&url, json!({"stock_item": 999})).await.expect(400), json!({"stock_item": ["Invalid pk \"999\" - object does not exist."]}));
        admin.post("/api/stock/999999/install/", json!({"stock_item": parts})).await.expect(404);
        let body = admin.post(&url, json!({"stock_item": parts, "quantity": 2, "note": "fitted"})).await.expect(201);
        assert_eq!(body, json!({"stock_item": parts, "quantity": 2, "note": "fitted"}));
        let installed = admin.get(&format!("/api/stock/?belongs_to={assembly}")).await.expect(200);
        let piece = pk(&installed[0]);
        assert_eq!((installed[0]["quantity"].clone(), installed[0]["location"].clone(), installed[0]["parent"].clone()), (json!(2.0), json!(null), json!(parts)));
        assert_eq!(history(app.store(), piece).last().unwrap(), &(30, json!({"stockitem": assembly, "quantity": 2.0})));
        assert_eq!(history(app.store(), assembly).last().unwrap(), &(35, json!({"stockitem": piece, "quantity": 2.0})));
        assert_eq!(admin.get(&format!("/api/stock/{assembly}/")).await.expect(200)["installed_items"], 1);
        assert_eq!(admin.post(&url, json!({"stock_item": piece})).await.expect(400), json!({"stock_item": ["Stock item is unavailable"]}));

        let out = format!("/api/stock/{piece}/uninstall/");
        assert_eq!(admin.post(&out, json!({"location": w.hall})).await.expect(400), json!({"location": ["Structural locations cannot be assigned stock items"]}));
        assert_eq!(admin.post(&out, json!({})).await.expect(400), json!({"location": ["This field is required."]}));
        assert_eq!(admin.post(&out, json!({"location": w.yard, "note": "spare"})).await.expect(201), json!({"location": w.yard, "note": "spare"}));
        let free = admin.get(&format!("/api/stock/{piece}/")).await.expect(200);
        assert_eq!((free["belongs_to"].clone(), free["location"].clone()), (json!(null), json!(w.yard)));
        assert_eq!(history(app.store(), piece).last().unwrap(), &(31, json!({"stockitem": assembly, "quantity": 2.0})));
        assert_eq!(history(app.store(), assembly).last().unwrap(), &(36, json!({"stockitem": piece, "quantity": 2.0})));
        // Uninstalling what is not installed changes nothing.
        admin.post(&out, json!({"location": w.shelf})).await.expect(201);
        assert_eq!(admin.get(&format!("/api/stock/{piece}/")).await.expect(200)["location"], w.yard);
    }
);

api_test!(
    async fn stock_actions_need_the_change_role(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 5})).await);
        let body = json!({"items": [{"pk": item, "quantity": 1}]});
        app.anonymous().post("/api/stock/count/", body.clone()).await.expect(401);
        let viewer = app.user("viewer", &[("stock", Permissions::VIEW)]).await;
        for action in ["count", "add", "remove", "merge"] {
            viewer.post(&format!("/api/stock/{action}/"), body.clone()).await.expect(403);
        }
        viewer.post("/api/stock/transfer/", json!({"items": [{"pk": item, "quantity": 1}], "location": w.yard})).await.expect(403);
        viewer.post(&format!("/api/stock/{item}/install/"), json!({"stock_item": item})).await.expect(403);
        viewer.post(&format!("/api/stock/{item}/uninstall/"), json!({"location": w.yard})).await.expect(403);
        let editor = app.user("editor", &[("stock", Permissions { view: true, add: false, change: true, delete: false })]).await;
        editor.post("/api/stock/add/", body).await.expect(201);
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["quantity"], json!(6.0));
    }
);

api_test!(
    async fn concurrent_removals_never_take_more_than_there_is(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 5, "delete_on_deplete": false})).await);
        let requests: Vec<_> = (0..8)
            .map(|_| {
                let client = admin.clone();
                tokio::spawn(async move {
                    client.post("/api/stock/remove/", json!({"items": [{"pk": item, "quantity": 1}]})).await.status
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for request in requests {
            statuses.push(request.await.unwrap());
        }
        assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 5, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|s| **s == 400).count(), 3, "{statuses:?}");
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["quantity"], json!(0.0));
        assert_eq!(history(app.store(), item).iter().filter(|(kind, _)| *kind == 12).count(), 5);
    }
);
