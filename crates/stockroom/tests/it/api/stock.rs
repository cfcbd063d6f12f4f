//! `/api/stock/` and `/api/stock/<pk>/`: the item body, creation (plain and serialized),
//! editing, deleting, roles and bad input. Filters are in `stock_filters.rs`, actions in
//! `stock_actions.rs`, history in `stock_history.rs`.

use serde_json::{Value, json};
use stockroom_store::Store;
use stockroom_store::auth::Permissions;
use stockroom_store::locations::NewLocation;
use stockroom_store::parts::NewPart;

use super::*;
use crate::api_test;

/// Parts and locations most stock tests use.
pub struct World {
    pub part: i64,
    pub trackable: i64,
    /// A top-level location.
    pub shelf: i64,
    /// A location below `shelf`.
    pub bin: i64,
    /// A structural top-level location.
    pub hall: i64,
    /// Another top-level location.
    pub yard: i64,
}

pub fn world(store: &Store) -> World {
    let location = |name: &str, parent: Option<i64>, structural: bool| {
        store
            .create_location(&NewLocation {
                name: name.into(),
                parent_id: parent,
                structural,
                ..Default::default()
            })
            .unwrap()
            .id
    };
    let shelf = location("Shelf", None, false);
    World {
        part: store
            .create_part(&NewPart {
                name: "Resistor".into(),
                ipn: Some("R-10K".into()),
                description: "10k 0603".into(),
                ..Default::default()
            })
            .unwrap()
            .id,
        trackable: store
            .create_part(&NewPart {
                name: "Sensor".into(),
                trackable: true,
                ..Default::default()
            })
            .unwrap()
            .id,
        bin: location("Bin", Some(shelf), false),
        shelf,
        hall: location("Hall", None, true),
        yard: location("Yard", None, false),
    }
}

/// Creates stock through the API and returns the first created item.
pub async fn create(client: &Client, body: Value) -> Value {
    let created = client.post("/api/stock/", body).await.expect(201);
    created[0].clone()
}

/// The pk of a body.
pub fn pk(body: &Value) -> i64 {
    body["pk"].as_i64().unwrap()
}

/// An item's history as `(tracking type, deltas)`, oldest first.
pub fn history(store: &Store, item: i64) -> Vec<(i32, Value)> {
    store
        .tracking_for_item(item)
        .unwrap()
        .iter()
        .map(|e| (e.tracking_type, e.deltas_json()))
        .collect()
}

api_test!(
    async fn a_stock_item_shows_every_inventree_field(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = create(&admin, json!({"part": w.part, "quantity": 12.5, "location": w.bin, "batch": "B-7", "packaging": "reel", "notes": "hello"})).await;
        let body = admin.get(&format!("/api/stock/{}/", pk(&item))).await.expect(200);
        let mut keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = vec![
            "pk", "part", "quantity", "serial", "batch", "location", "belongs_to", "build", "consumed_by",
            "customer", "delete_on_deplete", "expiry_date", "in_stock", "is_building", "link", "notes",
            "owner", "packaging", "parent", "purchase_order", "purchase_order_reference", "sales_order",
            "sales_order_reference", "status", "status_text", "status_custom_key", "supplier_part", "SKU",
            "MPN", "barcode_hash", "creation_date", "updated", "stocktake_date", "purchase_price",
            "purchase_price_currency", "allocated", "expired", "installed_items", "child_items", "stale",
            "tracking_items", "tags", "part_detail",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(body["quantity"], json!(12.5));
        assert_eq!(body["status"], 10);
        assert_eq!(body["status_text"], "OK");
        assert_eq!(body["in_stock"], true);
        assert_eq!(body["tracking_items"], 1);
        assert_eq!((body["batch"].clone(), body["packaging"].clone(), body["notes"].clone()), (json!("B-7"), json!("reel"), json!("hello")));
        assert_eq!(body["part_detail"]["full_name"], "R-10K | Resistor");
        assert_eq!(body["part_detail"]["IPN"], "R-10K");
        assert_eq!(body["part_detail"]["pk"], w.part);
        assert_eq!(body["serial"], json!(null));

        let more = admin.get(&format!("/api/stock/{}/?part_detail=false&location_detail=true&path_detail=1&supplier_part_detail=true", pk(&item))).await.expect(200);
        assert!(more.get("part_detail").is_none());
        assert_eq!(more["location_detail"], json!({"pk": w.bin, "name": "Bin", "pathstring": "Shelf/Bin"}));
        assert_eq!(more["location_path"], json!([{"pk": w.shelf, "name": "Shelf", "icon": ""}, {"pk": w.bin, "name": "Bin", "icon": ""}]));
        assert_eq!(more["supplier_part_detail"], json!(null));
        admin.get("/api/stock/999999/").await.expect(404);
        admin.get("/api/stock/abc/").await.expect(404);
    }
);

api_test!(
    async fn creating_stock_answers_a_list_and_applies_the_part_defaults(app) {
        let w = world(app.store());
        app.store().update_part(w.part, &stockroom_store::parts::PartChanges { default_location_id: Some(Some(w.shelf)), default_expiry: Some(10), ..Default::default() }).unwrap();
        let admin = app.admin().await;
        let created = admin.post("/api/stock/", json!({"part": w.part, "quantity": "3"})).await.expect(201);
        assert_eq!(created.as_array().unwrap().len(), 1);
        let item = &created[0];
        assert_eq!(item["location"], w.shelf);
        let expiry = (chrono::Utc::now().date_naive() + chrono::Duration::days(10)).to_string();
        assert_eq!(item["expiry_date"], json!(expiry));
        assert_eq!(item["delete_on_deplete"], true);
        assert_eq!(item["quantity"], json!(3.0));
        assert_eq!(history(app.store(), pk(item)), vec![(1, json!({"status": 10, "quantity": 3.0}))]);

        let blank = create(&admin, json!({"part": w.part, "quantity": 1, "location": "", "expiry_date": "2030-01-02", "delete_on_deplete": false, "status": 55})).await;
        assert_eq!((blank["location"].clone(), blank["expiry_date"].clone()), (json!(null), json!("2030-01-02")));
        assert_eq!((blank["delete_on_deplete"].clone(), blank["status_text"].clone()), (json!(false), json!("Damaged")));
        // A serial sent with a plain create is ignored, as InvenTree drops it.
        let plain = create(&admin, json!({"part": w.trackable, "quantity": 2, "serial": "77", "location": w.bin})).await;
        assert_eq!(plain["serial"], json!(null));
    }
);

api_test!(
    async fn serial_numbers_on_create_make_one_item_per_serial(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let body = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 10, "serial_numbers": "1-20", "location": w.bin})).await.expect(400);
        assert_eq!(body, json!({"quantity": ["Group range 1-20 exceeds allowed quantity (10)"], "serial_numbers": ["Group range 1-20 exceeds allowed quantity (10)"]}));
        let created = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 10, "serial_numbers": "1-10", "location": w.bin, "batch": "B1"})).await.expect(201);
        let serials: Vec<&str> = created.as_array().unwrap().iter().map(|i| i["serial"].as_str().unwrap()).collect();
        assert_eq!(serials, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
        assert!(created.as_array().unwrap().iter().all(|i| i["quantity"] == json!(1.0) && i["batch"] == "B1" && i["delete_on_deplete"] == false));
        assert_eq!(history(app.store(), pk(&created[0])), vec![(1, json!({"status": 10, "quantity": 1.0}))]);

        let body = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 2, "serial_numbers": "10, 11"})).await.expect(400);
        assert_eq!(body, json!({"serial_numbers": ["The following serial numbers already exist or are invalid : 10"]}));
        let next = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 2, "serial_numbers": "~, ~"})).await.expect(201);
        assert_eq!((next[0]["serial"].clone(), next[1]["serial"].clone()), (json!("11"), json!("12")));
        let body = admin.post("/api/stock/", json!({"part": w.part, "quantity": 1, "serial_numbers": "5"})).await.expect(400);
        assert_eq!(body, json!({"serial_numbers": ["Serial numbers cannot be supplied for a non-trackable part"]}));
        let body = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": "x", "serial_numbers": "5"})).await.expect(400);
        assert_eq!(body, json!({"quantity": ["Invalid quantity provided"], "serial_numbers": ["Invalid quantity provided"]}));
        let body = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 1, "serial_numbers": "9", "location": w.hall})).await.expect(400);
        assert_eq!(body, json!({"location": ["Stock items cannot be located into structural stock locations!"]}));
        assert_eq!(app.store().list_stock_for_part(w.trackable).unwrap().len(), 12);
    }
);

api_test!(
    async fn bad_create_input_is_refused_with_inventree_messages_and_writes_nothing(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        assert_eq!(admin.post("/api/stock/", json!({"part": w.part})).await.expect(400), json!({"quantity": ["Quantity is required"]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1})).await.expect(400), json!({"part": ["Valid part must be supplied"]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1, "part": 999})).await.expect(400), json!({"part": ["Valid part must be supplied"]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1, "part": "abc"})).await.expect(400), json!({"part": ["Valid part must be supplied"]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": -1, "part": w.part})).await.expect(400), json!({"quantity": ["Quantity must be greater than zero"]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": "many", "part": w.part})).await.expect(400), json!({"quantity": ["A valid number is required."]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1.5, "part": w.trackable})).await.expect(400), json!({"quantity": ["Quantity must be integer value for trackable parts"]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1, "part": w.part, "location": w.hall})).await.expect(400), json!({"location": ["Stock items cannot be located into structural stock locations!"]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1, "part": w.part, "location": 999})).await.expect(400), json!({"location": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1, "part": w.part, "status": 11})).await.expect(400), json!({"status": ["\"11\" is not a valid choice."]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1, "part": w.part, "supplier_part": 999})).await.expect(400), json!({"supplier_part": ["The given supplier part does not exist"]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1, "part": w.part, "batch": "b".repeat(101)})).await.expect(400), json!({"batch": ["Ensure this field has no more than 100 characters."]}));
        assert_eq!(admin.post("/api/stock/", json!({"quantity": 1, "part": w.part, "purchase_price_currency": "xyz"})).await.expect(400), json!({"purchase_price_currency": ["\"xyz\" is not a valid choice."]}));
        assert_eq!(admin.post("/api/stock/", json!([1])).await.expect(400), json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}));
        let body = admin.raw(reqwest::Method::POST, "/api/stock/", "application/json", b"{\"part\":".to_vec()).await.expect(400);
        assert!(body["detail"].as_str().unwrap().starts_with("JSON parse error"));
        assert!(app.store().list_stock_for_part(w.part).unwrap().is_empty());
    }
);

api_test!(
    async fn supplier_pack_sizes_multiply_the_quantity_when_asked(app) {
        let w = world(app.store());
        let store = app.store();
        let supplier = store.create_company(&stockroom_store::companies::NewCompany { name: "Digi".into(), is_supplier: true, ..Default::default() }).unwrap();
        let pack = store.create_supplier_part(&stockroom_store::companies::NewSupplierPart { pack_quantity_native: 100 * 100_000, ..stockroom_store::companies::NewSupplierPart::new(w.part, supplier.id, "R-100") }).unwrap();
        let admin = app.admin().await;
        let body = admin.post("/api/stock/", json!({"part": w.part, "quantity": 3, "supplier_part": pack.id})).await.expect(400);
        assert_eq!(body, json!({"use_pack_size": ["The supplier part has a pack size defined, but flag use_pack_size not set"]}));
        let item = create(&admin, json!({"part": w.part, "quantity": 3, "supplier_part": pack.id, "use_pack_size": true, "purchase_price": 123.45, "purchase_price_currency": "USD"})).await;
        assert_eq!(item["quantity"], json!(300.0));
        assert_eq!(item["purchase_price"], json!(1.2345));
        assert_eq!(item["SKU"], "R-100");
        let detail = admin.get(&format!("/api/stock/{}/?supplier_part_detail=true", pk(&item))).await.expect(200);
        assert_eq!(detail["supplier_part_detail"]["SKU"], "R-100");
        assert_eq!(detail["supplier_part_detail"]["pack_quantity_native"], json!(100.0));
        let as_is = create(&admin, json!({"part": w.part, "quantity": 3, "supplier_part": pack.id, "use_pack_size": false})).await;
        assert_eq!(as_is["quantity"], json!(3.0));
        let body = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 1, "supplier_part": pack.id, "use_pack_size": false})).await.expect(400);
        assert_eq!(body, json!({"supplier_part": ["Part type ('R-10K | Resistor') must be Sensor"]}));
    }
);

api_test!(
    async fn editing_an_item_records_status_changes_and_guards_its_rules(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = create(&admin, json!({"part": w.part, "quantity": 5, "location": w.shelf})).await;
        let url = format!("/api/stock/{}/", pk(&item));
        let patched = admin.patch(&url, json!({"status": 55, "batch": "X1", "notes": "dented", "purchase_price": 2.5, "purchase_price_currency": "EUR", "link": "https://example.com/x"})).await.expect(200);
        assert_eq!((patched["status"].clone(), patched["batch"].clone(), patched["purchase_price"].clone()), (json!(55), json!("X1"), json!(2.5)));
        assert_eq!(history(app.store(), pk(&item)).last().unwrap(), &(5, json!({"status": 55, "status_logical": 55, "old_status": 10, "old_status_logical": 10})));
        let moved = admin.patch(&url, json!({"location": w.bin, "quantity": 7})).await.expect(200);
        assert_eq!((moved["location"].clone(), moved["quantity"].clone()), (json!(w.bin), json!(7.0)));
        let kinds: Vec<i32> = history(app.store(), pk(&item)).iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, vec![1, 5, 20, 25]);
        let cleared = admin.patch(&url, json!({"purchase_price": null, "batch": null})).await.expect(200);
        assert_eq!((cleared["purchase_price"].clone(), cleared["batch"].clone()), (json!(null), json!(null)));

        assert_eq!(admin.patch(&url, json!({"location": w.hall})).await.expect(400), json!({"location": ["Stock items cannot be located into structural stock locations!"]}));
        assert_eq!(admin.patch(&url, json!({"status": 3})).await.expect(400), json!({"status": ["\"3\" is not a valid choice."]}));
        assert_eq!(admin.patch(&url, json!({"quantity": -2})).await.expect(400), json!({"quantity": ["Quantity must be greater than zero"]}));
        assert_eq!(admin.patch(&url, json!({"customer": 999})).await.expect(400), json!({"customer": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(admin.put(&url, json!({"batch": "Y"})).await.expect(400), json!({"part": ["This field is required."], "quantity": ["This field is required."]}));
        admin.patch("/api/stock/999999/", json!({"batch": "Z"})).await.expect(404);
        let serial = create(&admin, json!({"part": w.trackable, "quantity": 1, "serial_numbers": "A1"})).await;
        let body = admin.patch(&format!("/api/stock/{}/", pk(&serial)), json!({"quantity": 2})).await.expect(400);
        assert_eq!(body, json!({"quantity": ["Quantity must be 1 for item with a serial number"]}));
        let after = admin.get(&url).await.expect(200);
        assert_eq!((after["quantity"].clone(), after["status"].clone(), after["location"].clone()), (json!(7.0), json!(55), json!(w.bin)));
    }
);

api_test!(
    async fn deleting_an_item_keeps_its_history_detached(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = create(&admin, json!({"part": w.part, "quantity": 5})).await;
        let entry = app.store().tracking_for_item(pk(&item)).unwrap()[0].id;
        admin.delete(&format!("/api/stock/{}/", pk(&item))).await.expect(204);
        admin.get(&format!("/api/stock/{}/", pk(&item))).await.expect(404);
        admin.delete(&format!("/api/stock/{}/", pk(&item))).await.expect(404);
        let kept = admin.get(&format!("/api/stock/track/{entry}/")).await.expect(200);
        assert_eq!(kept["item"], json!(null));
        assert_eq!(kept["part"], w.part);
    }
);

api_test!(
    async fn stock_roles_are_enforced(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = create(&admin, json!({"part": w.part, "quantity": 5})).await;
        let url = format!("/api/stock/{}/", pk(&item));
        let body = app.anonymous().get("/api/stock/").await.expect(401);
        assert_eq!(body, json!({"detail": "Authentication credentials were not provided."}));
        app.anonymous().post("/api/stock/", json!({"part": w.part, "quantity": 1})).await.expect(401);
        let nobody = app.user("nobody", &[("part", Permissions::ALL)]).await;
        assert_eq!(nobody.get("/api/stock/").await.expect(403), json!({"detail": "You do not have permission to perform this action."}));
        nobody.get(&url).await.expect(403);
        let viewer = app.user("viewer", &[("stock", Permissions::VIEW)]).await;
        viewer.get("/api/stock/").await.expect(200);
        viewer.get(&url).await.expect(200);
        viewer.post("/api/stock/", json!({"part": w.part, "quantity": 1})).await.expect(403);
        viewer.patch(&url, json!({"batch": "B"})).await.expect(403);
        viewer.delete(&url).await.expect(403);
        let editor = app.user("editor", &[("stock", Permissions { view: true, add: false, change: true, delete: false })]).await;
        editor.patch(&url, json!({"batch": "B"})).await.expect(200);
        editor.post("/api/stock/", json!({"part": w.part, "quantity": 1})).await.expect(403);
        editor.delete(&url).await.expect(403);
        let adder = app.user("adder", &[("stock", Permissions { view: true, add: true, change: false, delete: true })]).await;
        adder.post("/api/stock/", json!({"part": w.part, "quantity": 1})).await.expect(201);
        adder.delete(&url).await.expect(204);
        assert_eq!(app.store().list_stock_for_part(w.part).unwrap().len(), 1);
    }
);

api_test!(
    async fn options_describe_the_stock_fields(app) {
        let admin = app.admin().await;
        let body = admin.options("/api/stock/").await.expect(200);
        assert_eq!(body["model"], "stockitem");
        let post = &body["actions"]["POST"];
        assert_eq!(post["part"]["type"], "related field");
        assert_eq!(post["part"]["model"], "part");
        assert_eq!(post["quantity"]["type"], "decimal");
        assert_eq!(post["status"]["choices"][0], json!({"value": 10, "display_name": "OK"}));
        assert_eq!(post["serial_numbers"]["write_only"], true);
        assert_eq!(post["location"]["api_url"], "/api/stock/location/");
        let viewer = app.user("viewer", &[("stock", Permissions::VIEW)]).await;
        let body = viewer.options("/api/stock/").await.expect(200);
        assert!(body["actions"].get("POST").is_none());
        let body = admin.options("/api/stock/transfer/").await.expect(200);
        assert_eq!(body["actions"]["POST"]["location"]["required"], true);
    }
);
