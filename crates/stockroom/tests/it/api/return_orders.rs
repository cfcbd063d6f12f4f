//! Return orders and their lines over HTTP: references, fields, filters, every status
//! transition and its refusals, receiving returned stock, roles and scans.

use serde_json::{Value, json};
use stockroom_store::auth::Permissions;
use stockroom_store::companies::NewCompany;
use stockroom_store::stock::StockItemChanges;

use super::Client;
use super::stock::{World, create, history, pk, world};
use crate::api_test;

struct Setup {
    w: World,
    customer: i64,
    /// A serialized item sold to the customer.
    unit: i64,
    /// Ten of an unserialized part, five of them sold to the customer.
    bulk: i64,
}

async fn setup(app: &super::TestApp, admin: &Client) -> Setup {
    let w = world(app.store());
    let store = app.store();
    let customer = store
        .create_company(&NewCompany {
            name: "Acme".into(),
            is_customer: true,
            ..Default::default()
        })
        .unwrap()
        .id;
    let unit = pk(&create(
        admin,
        json!({"part": w.trackable, "quantity": 1, "serial_numbers": "SN1", "location": w.shelf}),
    )
    .await);
    let bulk = pk(&create(
        admin,
        json!({"part": w.part, "quantity": 10, "location": w.shelf}),
    )
    .await);
    for item in [unit, bulk] {
        store
            .update_stock_item(
                item,
                &StockItemChanges {
                    customer_id: Some(Some(customer)),
                    ..Default::default()
                },
                None,
            )
            .unwrap();
    }
    Setup {
        w,
        customer,
        unit,
        bulk,
    }
}

async fn order(admin: &Client, body: Value) -> i64 {
    pk(&admin.post("/api/order/ro/", body).await.expect(201))
}

async fn line(admin: &Client, body: Value) -> i64 {
    pk(&admin.post("/api/order/ro-line/", body).await.expect(201))
}

fn ids(body: Value) -> Vec<i64> {
    body.as_array().unwrap().iter().map(pk).collect()
}

api_test!(
    async fn a_return_order_shows_inventree_fields_and_checks_its_reference(app) {
        let admin = app.admin().await;
        let s = setup(&app, &admin).await;
        let created = admin.post("/api/order/ro/", json!({"reference": "RMA-0007", "customer": s.customer, "customer_reference": "RMA-1", "description": "Broken", "target_date": "2030-01-02"})).await.expect(201);
        let id = pk(&created);
        for key in ["pk", "reference", "customer", "customer_reference", "description", "status", "status_text", "creation_date", "issue_date", "start_date", "target_date", "complete_date", "line_items", "completed_lines", "barcode_hash", "overdue", "link", "responsible", "created_by", "notes", "order_currency", "total_price", "project_code", "contact", "address"] {
            assert!(created.get(key).is_some(), "{key} missing");
        }
        assert_eq!((created["status"].clone(), created["status_text"].clone()), (json!(10), json!("Pending")));
        assert_eq!(created["created_by"]["username"], "admin");
        assert_eq!(created["creation_date"], json!(chrono::Utc::now().date_naive().to_string()));
        assert_eq!((created["line_items"].clone(), created["overdue"].clone(), created["barcode_hash"].clone()), (json!(0), json!(false), json!("")));

        let body = admin.post("/api/order/ro/", json!({"reference": "X-1"})).await.expect(400);
        assert!(body["reference"][0].as_str().unwrap().starts_with("Reference must match required pattern"));
        assert_eq!(admin.post("/api/order/ro/", json!({})).await.expect(400), json!({"reference": ["This field is required."]}));
        assert_eq!(admin.post("/api/order/ro/", json!({"reference": "RMA-0007"})).await.expect(400), json!({"reference": ["Reference must be unique"]}));
        let not_customer = app.store().create_company(&NewCompany { name: "Supplier".into(), is_supplier: true, ..Default::default() }).unwrap().id;
        assert_eq!(admin.post("/api/order/ro/", json!({"reference": "RMA-0008", "customer": not_customer})).await.expect(400), json!({"customer": [format!("Invalid pk \"{not_customer}\" - object does not exist.")]}));
        assert_eq!(admin.post("/api/order/ro/", json!({"reference": "RMA-0008", "start_date": "2030-02-01", "target_date": "2030-01-01"})).await.expect(400), json!({"target_date": ["Target date must be after start date"]}));
        assert_eq!(ids(admin.get("/api/order/ro/").await.expect(200)), vec![id]);

        // Edits: the reference is checked again; status cannot be written.
        let changed = admin.patch(&format!("/api/order/ro/{id}/"), json!({"reference": "RMA-0042", "status": 30, "description": "Cracked"})).await.expect(200);
        assert_eq!((changed["reference"].clone(), changed["status"].clone(), changed["description"].clone()), (json!("RMA-0042"), json!(10), json!("Cracked")));
        assert!(admin.patch(&format!("/api/order/ro/{id}/"), json!({"reference": "nope"})).await.expect(400)["reference"].is_array());
        assert_eq!(admin.get(&format!("/api/order/ro/{id}/")).await.expect(200)["reference"], "RMA-0042");
        let detail = admin.get(&format!("/api/order/ro/{id}/?customer_detail=true")).await.expect(200);
        assert_eq!(detail["customer_detail"]["name"], "Acme");
        admin.get("/api/order/ro/999/").await.expect(404);
        assert_eq!(admin.get("/api/order/ro/999/").await.body, json!({"detail": "No ReturnOrder matches the given query."}));
    }
);

api_test!(
    async fn return_orders_filter_search_and_order_by_reference_number(app) {
        let admin = app.admin().await;
        let s = setup(&app, &admin).await;
        let nine = order(&admin, json!({"reference": "RMA-0009", "customer": s.customer, "description": "nine"})).await;
        let ten = order(&admin, json!({"reference": "RMA-0010", "customer_reference": "CUST-77"})).await;
        let two = order(&admin, json!({"reference": "RMA-0002", "target_date": "2000-01-01"})).await;
        assert_eq!(ids(admin.get("/api/order/ro/").await.expect(200)), vec![ten, nine, two]);
        assert_eq!(ids(admin.get("/api/order/ro/?ordering=reference").await.expect(200)), vec![two, nine, ten]);
        admin.post(&format!("/api/order/ro/{ten}/issue/"), json!({})).await.expect(201);
        admin.post(&format!("/api/order/ro/{two}/cancel/"), json!({})).await.expect(201);
        assert_eq!(ids(admin.get("/api/order/ro/?status=20").await.expect(200)), vec![ten]);
        assert_eq!(ids(admin.get("/api/order/ro/?outstanding=true&ordering=reference").await.expect(200)), vec![nine, ten]);
        assert_eq!(ids(admin.get("/api/order/ro/?outstanding=false").await.expect(200)), vec![two]);
        assert_eq!(ids(admin.get(&format!("/api/order/ro/?customer={}", s.customer)).await.expect(200)), vec![nine]);
        assert_eq!(ids(admin.get("/api/order/ro/?reference=rma-0010").await.expect(200)), vec![ten]);
        assert_eq!(ids(admin.get("/api/order/ro/?search=acme").await.expect(200)), vec![nine]);
        assert_eq!(ids(admin.get("/api/order/ro/?search=cust-77").await.expect(200)), vec![ten]);
        let paged = admin.get("/api/order/ro/?limit=2").await.expect(200);
        assert_eq!((paged["count"].clone(), ids(paged["results"].clone())), (json!(3), vec![ten, nine]));
        assert_eq!(admin.get("/api/order/ro/?status=x").await.expect(400), json!({"status": ["Enter a number."]}));
        // A cancelled order is not overdue however old its target.
        assert_eq!(admin.get(&format!("/api/order/ro/{two}/")).await.expect(200)["overdue"], false);
    }
);

api_test!(
    async fn every_status_transition_and_its_refusals(app) {
        let admin = app.admin().await;
        let _ = setup(&app, &admin).await;
        let id = order(&admin, json!({"reference": "RMA-0001"})).await;
        let status = |body: Value| (body["status"].clone(), body["status_text"].clone());
        let admin = &admin;
        let act = |action: &'static str| async move { admin.post(&format!("/api/order/ro/{id}/{action}/"), json!({})).await };
        let get = || async move { admin.get(&format!("/api/order/ro/{id}/")).await };

        // Pending: cannot complete.
        assert_eq!(act("complete").await.expect(400), json!({"non_field_errors": ["Order cannot be completed"]}));
        assert_eq!(status(get().await.expect(200)), (json!(10), json!("Pending")));
        // Pending -> on hold -> (cannot hold again) -> in progress.
        assert_eq!(act("hold").await.expect(201), json!({}));
        assert_eq!(status(get().await.expect(200)), (json!(25), json!("On Hold")));
        assert_eq!(act("hold").await.expect(400), json!({"non_field_errors": ["Order cannot be placed on hold"]}));
        act("issue").await.expect(201);
        let issued = get().await.expect(200);
        assert_eq!(status(issued.clone()), (json!(20), json!("In Progress")));
        assert_eq!(issued["issue_date"], json!(chrono::Utc::now().date_naive().to_string()));
        assert_eq!(act("issue").await.expect(400), json!({"non_field_errors": ["Order cannot be issued"]}));
        // In progress -> on hold -> in progress -> complete.
        act("hold").await.expect(201);
        act("issue").await.expect(201);
        act("complete").await.expect(201);
        let done = get().await.expect(200);
        assert_eq!(status(done.clone()), (json!(30), json!("Complete")));
        assert_eq!(done["complete_date"], json!(chrono::Utc::now().date_naive().to_string()));
        // Complete: nothing more.
        for (action, text) in [("issue", "Order cannot be issued"), ("hold", "Order cannot be placed on hold"), ("cancel", "Order cannot be cancelled"), ("complete", "Order cannot be completed")] {
            assert_eq!(act(action).await.expect(400), json!({"non_field_errors": [text]}));
        }
        assert_eq!(get().await.expect(200), done);

        // Any open order can be cancelled; a cancelled one goes nowhere.
        for setup_actions in [&[][..], &["issue"][..], &["hold"][..]] {
            let other = order(admin, json!({"reference": format!("RMA-{:04}", 10 + setup_actions.len())})).await;
            for action in setup_actions {
                admin.post(&format!("/api/order/ro/{other}/{action}/"), json!({})).await.expect(201);
            }
            admin.post(&format!("/api/order/ro/{other}/cancel/"), json!({})).await.expect(201);
            assert_eq!(admin.get(&format!("/api/order/ro/{other}/")).await.expect(200)["status"], 40);
            for action in ["issue", "hold", "cancel", "complete"] {
                admin.post(&format!("/api/order/ro/{other}/{action}/"), json!({})).await.expect(400);
            }
            admin.delete(&format!("/api/order/ro/{other}/")).await.expect(204);
        }
        admin.post("/api/order/ro/999/issue/", json!({})).await.expect(404);
    }
);

api_test!(
    async fn lines_check_quantities_and_uniqueness(app) {
        let admin = app.admin().await;
        let s = setup(&app, &admin).await;
        let id = order(&admin, json!({"reference": "RMA-0001", "customer": s.customer})).await;
        let created = admin.post("/api/order/ro-line/", json!({"order": id, "item": s.unit, "reference": "L1", "price": 12.5, "price_currency": "EUR"})).await.expect(201);
        let unit_line = pk(&created);
        assert_eq!((created["quantity"].clone(), created["outcome"].clone(), created["received_date"].clone()), (json!(1.0), json!(10), Value::Null));
        assert_eq!((created["price"].clone(), created["price_currency"].clone()), (json!(12.5), json!("EUR")));
        assert_eq!(created["item_detail"]["serial"], "SN1");
        let post = |body| admin.post("/api/order/ro-line/", body);
        assert_eq!(post(json!({})).await.expect(400), json!({"order": ["This field is required."], "item": ["This field is required."]}));
        assert_eq!(post(json!({"order": id, "item": 999})).await.expect(400), json!({"item": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(post(json!({"order": 999, "item": s.bulk})).await.expect(400), json!({"order": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(post(json!({"order": id, "item": s.unit})).await.expect(400), json!({"non_field_errors": ["The fields order, item must make a unique set."]}));
        assert_eq!(post(json!({"order": id, "item": s.bulk, "quantity": 11})).await.expect(400), json!({"quantity": ["Return quantity exceeds stock quantity"]}));
        assert_eq!(post(json!({"order": id, "item": s.bulk, "quantity": 0})).await.expect(400), json!({"quantity": ["Return quantity must be greater than zero"]}));
        assert_eq!(post(json!({"order": id, "item": s.bulk, "outcome": 99})).await.expect(400), json!({"outcome": ["\"99\" is not a valid choice."]}));
        assert_eq!(admin.patch(&format!("/api/order/ro-line/{unit_line}/"), json!({"quantity": 0.5})).await.expect(400), json!({"quantity": ["Invalid quantity for serialized stock item"]}));
        assert_eq!(ids(admin.get("/api/order/ro-line/").await.expect(200)), vec![unit_line]);
        let bulk_line = line(&admin, json!({"order": id, "item": s.bulk, "quantity": 4})).await;

        let changed = admin.patch(&format!("/api/order/ro-line/{bulk_line}/"), json!({"quantity": 5, "outcome": 30, "notes": "repair"})).await.expect(200);
        assert_eq!((changed["quantity"].clone(), changed["outcome"].clone()), (json!(5.0), json!(30)));
        let summary = admin.get(&format!("/api/order/ro/{id}/")).await.expect(200);
        assert_eq!((summary["line_items"].clone(), summary["completed_lines"].clone()), (json!(2), json!(1)));
        assert_eq!(ids(admin.get(&format!("/api/order/ro-line/?order={id}&outcome=30")).await.expect(200)), vec![bulk_line]);
        assert_eq!(ids(admin.get(&format!("/api/order/ro-line/?item={}", s.unit)).await.expect(200)), vec![unit_line]);
        assert_eq!(ids(admin.get("/api/order/ro-line/?search=sn1").await.expect(200)), vec![unit_line]);
        assert_eq!(ids(admin.get("/api/order/ro-line/?received=false").await.expect(200)), vec![unit_line, bulk_line]);
        let detailed = admin.get(&format!("/api/order/ro-line/{bulk_line}/?part_detail=true&order_detail=true&item_detail=false")).await.expect(200);
        assert_eq!((detailed["part_detail"]["name"].clone(), detailed["order_detail"]["reference"].clone()), (json!("Resistor"), json!("RMA-0001")));
        assert!(detailed.get("item_detail").is_none());
        admin.delete(&format!("/api/order/ro-line/{bulk_line}/")).await.expect(204);
        admin.get(&format!("/api/order/ro-line/{bulk_line}/")).await.expect(404);
    }
);

api_test!(
    async fn receiving_returns_stock_to_a_location_and_records_history(app) {
        let admin = app.admin().await;
        let s = setup(&app, &admin).await;
        let id = order(&admin, json!({"reference": "RMA-0001", "customer": s.customer})).await;
        let unit_line = line(&admin, json!({"order": id, "item": s.unit})).await;
        let bulk_line = line(&admin, json!({"order": id, "item": s.bulk, "quantity": 4})).await;
        admin.post(&format!("/api/order/ro/{id}/issue/"), json!({})).await.expect(201);
        let body = admin.post(&format!("/api/order/ro/{id}/receive/"), json!({"items": [{"item": unit_line, "status": 55}, {"item": bulk_line}], "location": s.w.bin, "note": "back"})).await.expect(201);
        assert_eq!(body, json!({"items": [{"item": unit_line, "status": 55}, {"item": bulk_line, "status": null}], "location": s.w.bin, "note": "back"}));

        // The serialized unit comes back whole, damaged, with no customer.
        let unit = admin.get(&format!("/api/stock/{}/", s.unit)).await.expect(200);
        assert_eq!((unit["location"].clone(), unit["status"].clone(), unit["customer"].clone()), (json!(s.w.bin), json!(55), Value::Null));
        let (code, deltas) = history(app.store(), s.unit).pop().unwrap();
        assert_eq!((code, deltas), (80, json!({"status": 55, "returnorder": id, "location": s.w.bin, "customer": s.customer})));
        assert_eq!(app.store().tracking_for_item(s.unit).unwrap().last().unwrap().notes, "back");

        // Four of the ten are split off, quarantined, and the line follows the new item.
        let received = admin.get(&format!("/api/order/ro-line/{bulk_line}/")).await.expect(200);
        let piece = received["item"].as_i64().unwrap();
        assert_ne!(piece, s.bulk);
        assert_eq!(received["received_date"], json!(chrono::Utc::now().date_naive().to_string()));
        let returned = admin.get(&format!("/api/stock/{piece}/")).await.expect(200);
        assert_eq!((returned["quantity"].clone(), returned["status"].clone(), returned["location"].clone(), returned["customer"].clone(), returned["parent"].clone()), (json!(4.0), json!(75), json!(s.w.bin), Value::Null, json!(s.bulk)));
        let rest = admin.get(&format!("/api/stock/{}/", s.bulk)).await.expect(200);
        assert_eq!((rest["quantity"].clone(), rest["customer"].clone(), rest["location"].clone()), (json!(6.0), json!(s.customer), json!(s.w.shelf)));
        let piece_history = history(app.store(), piece);
        assert_eq!(piece_history, vec![
            (40, json!({"stockitem": s.bulk, "quantity": 4.0})),
            (80, json!({"status": 75, "returnorder": id, "location": s.w.bin, "customer": s.customer})),
        ]);
        assert_eq!(history(app.store(), s.bulk).pop().unwrap(), (42, json!({"removed": 4.0, "quantity": 6.0, "stockitem": piece})));
        assert_eq!(ids(admin.get("/api/order/ro-line/?received=true").await.expect(200)), vec![unit_line, bulk_line]);

        // A received line cannot be received again; nothing changes.
        let before = admin.get(&format!("/api/stock/{piece}/")).await.expect(200);
        let body = admin.post(&format!("/api/order/ro/{id}/receive/"), json!({"items": [{"item": bulk_line}], "location": s.w.yard})).await.expect(400);
        assert_eq!(body, json!({"items": [{"item": ["Line item has already been received"]}]}));
        assert_eq!(admin.get(&format!("/api/stock/{piece}/")).await.expect(200), before);
        assert_eq!(history(app.store(), piece).len(), 2);
        admin.post(&format!("/api/order/ro/{id}/complete/"), json!({})).await.expect(201);
        // Scans show the order.
        let scanned = admin.post("/api/barcode/", json!({"barcode": format!("INV-RO{id}")})).await.expect(200);
        assert_eq!(scanned["returnorder"]["instance"]["reference"], "RMA-0001");
        assert_eq!(scanned["returnorder"]["instance"]["status"], 30);
    }
);

api_test!(
    async fn refused_receipts_say_why_and_change_nothing(app) {
        let admin = app.admin().await;
        let s = setup(&app, &admin).await;
        let id = order(&admin, json!({"reference": "RMA-0001", "customer": s.customer})).await;
        let other = order(&admin, json!({"reference": "RMA-0002"})).await;
        let unit_line = line(&admin, json!({"order": id, "item": s.unit})).await;
        let foreign = line(&admin, json!({"order": other, "item": s.bulk, "quantity": 1})).await;
        let admin = &admin;
        let receive = |body| async move { admin.post(&format!("/api/order/ro/{id}/receive/"), body).await };
        let good = json!({"items": [{"item": unit_line}], "location": s.w.bin});
        // Not in progress yet.
        assert_eq!(receive(good.clone()).await.expect(400), json!({"non_field_errors": ["Items can only be received against orders which are in progress"]}));
        admin.post(&format!("/api/order/ro/{id}/issue/"), json!({})).await.expect(201);
        assert_eq!(receive(json!({})).await.expect(400), json!({"items": ["This field is required."], "location": ["This field is required."]}));
        assert_eq!(receive(json!({"items": [], "location": s.w.bin})).await.expect(400), json!({"non_field_errors": ["Line items must be provided"]}));
        assert_eq!(receive(json!({"items": [{"item": unit_line}], "location": 999})).await.expect(400), json!({"location": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(receive(json!({"items": [{"item": unit_line}], "location": null})).await.expect(400), json!({"location": ["This field may not be null."]}));
        assert_eq!(receive(json!({"items": {"item": unit_line}, "location": s.w.bin})).await.expect(400), json!({"items": {"non_field_errors": ["Expected a list of items but got type \"dict\"."]}}));
        assert_eq!(receive(json!({"items": [{"item": unit_line}, {"item": 999}], "location": s.w.bin})).await.expect(400), json!({"items": [{}, {"item": ["Invalid pk \"999\" - object does not exist."]}]}));
        assert_eq!(receive(json!({"items": [{"item": foreign}], "location": s.w.bin})).await.expect(400), json!({"items": [{"item": ["Line item does not match return order"]}]}));
        assert_eq!(receive(json!({"items": [{"item": unit_line, "status": 12}], "location": s.w.bin})).await.expect(400), json!({"items": [{"status": ["\"12\" is not a valid choice."]}]}));
        assert_eq!(receive(json!({"items": [{}], "location": s.w.bin})).await.expect(400), json!({"items": [{"item": ["This field is required."]}]}));
        // Receiving the same line twice in one request receives it once: refused whole.
        assert_eq!(receive(json!({"items": [{"item": unit_line}, {"item": unit_line}], "location": s.w.bin})).await.expect(400), json!({"non_field_errors": ["Line item has already been received"]}));
        let unit = admin.get(&format!("/api/stock/{}/", s.unit)).await.expect(200);
        assert_eq!((unit["location"].clone(), unit["customer"].clone()), (json!(s.w.shelf), json!(s.customer)));
        assert_eq!(admin.get(&format!("/api/order/ro-line/{unit_line}/")).await.expect(200)["received_date"], Value::Null);
        assert!(history(app.store(), s.unit).iter().all(|(code, _)| *code != 80));
        admin.post("/api/order/ro/999/receive/", good).await.expect(404);
        // A blank status means quarantined.
        receive(json!({"items": [{"item": unit_line, "status": ""}], "location": s.w.bin})).await.expect(201);
        assert_eq!(admin.get(&format!("/api/stock/{}/", s.unit)).await.expect(200)["status"], 75);
    }
);

api_test!(
    async fn return_order_roles_are_enforced(app) {
        let admin = app.admin().await;
        let _ = setup(&app, &admin).await;
        let id = order(&admin, json!({"reference": "RMA-0001"})).await;
        let viewer = app.user("viewer", &[("return_order", Permissions { view: true, ..Default::default() })]).await;
        viewer.get("/api/order/ro/").await.expect(200);
        viewer.get("/api/order/ro-line/").await.expect(200);
        viewer.post("/api/order/ro/", json!({"reference": "RMA-0002"})).await.expect(403);
        viewer.post(&format!("/api/order/ro/{id}/issue/"), json!({})).await.expect(403);
        viewer.delete(&format!("/api/order/ro/{id}/")).await.expect(403);
        app.user("nobody", &[]).await.get("/api/order/ro/").await.expect(403);
        app.anonymous().get("/api/order/ro/").await.expect(401);
        assert_eq!(admin.get(&format!("/api/order/ro/{id}/")).await.expect(200)["status"], 10);
        let options = admin.options("/api/order/ro/").await.expect(200);
        assert_eq!(options["actions"]["POST"]["reference"]["required"], true);
        assert_eq!(options["actions"]["POST"]["status"]["read_only"], true);
        let options = admin.options(&format!("/api/order/ro/{id}/receive/")).await.expect(200);
        assert_eq!(options["actions"]["POST"]["location"]["required"], true);
    }
);
