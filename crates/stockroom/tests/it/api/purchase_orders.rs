//! Purchase orders over HTTP: orders, lines, the status actions and receiving, with their
//! refusals, and that a refused request changes nothing.

use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_store::Store;
use stockroom_store::companies::{NewCompany, NewSupplierPart};

use super::stock::{World, history, world};
use crate::api::{Client, Reply};
use crate::api_test;

struct Fx {
    w: World,
    supplier: i64,
    other_supplier: i64,
    customer: i64,
    /// One unit a pack, of `w.part`.
    sp: i64,
    /// Reels of ten of `w.part`.
    reel: i64,
    /// Of the trackable part.
    sp_tracked: i64,
    /// Of `w.part`, from the other supplier.
    foreign: i64,
}

fn fixture(store: &Store) -> Fx {
    let w = world(store);
    let company = |name: &str, is_supplier: bool| {
        store
            .create_company(&NewCompany {
                name: name.into(),
                is_supplier,
                is_customer: !is_supplier,
                active: true,
                ..Default::default()
            })
            .unwrap()
            .id
    };
    let supplier = company("Mouser", true);
    let other_supplier = company("DigiKey", true);
    let customer = company("ACME", false);
    let sp = |part, supplier, sku: &str, pack: i64, packaging: &str| {
        store
            .create_supplier_part(&NewSupplierPart {
                pack_quantity_native: Quantity::from_whole(pack).unwrap().units(),
                pack_quantity: pack.to_string(),
                packaging: packaging.into(),
                ..NewSupplierPart::new(part, supplier, sku)
            })
            .unwrap()
            .id
    };
    Fx {
        sp: sp(w.part, supplier, "R-1", 1, ""),
        reel: sp(w.part, supplier, "R-REEL", 10, "reel"),
        sp_tracked: sp(w.trackable, supplier, "S-1", 1, ""),
        foreign: sp(w.part, other_supplier, "DK-1", 1, ""),
        w,
        supplier,
        other_supplier,
        customer,
    }
}

async fn order(client: &Client, fx: &Fx, reference: &str) -> i64 {
    let body = json!({"reference": reference, "supplier": fx.supplier, "description": "Parts"});
    client.post("/api/order/po/", body).await.expect(201)["pk"]
        .as_i64()
        .unwrap()
}

async fn line(client: &Client, order: i64, part: i64, quantity: f64) -> i64 {
    let body = json!({"order": order, "part": part, "quantity": quantity, "merge_items": false});
    client.post("/api/order/po-line/", body).await.expect(201)["pk"]
        .as_i64()
        .unwrap()
}

async fn post_to(client: &Client, path: String, body: Value) -> Reply {
    client.post(&path, body).await
}

async fn get(client: &Client, path: String) -> Value {
    client.get(&path).await.expect(200)
}

fn stock_count(store: &Store, part: i64) -> usize {
    store.list_stock_for_part(part).unwrap().len()
}

api_test!(
    async fn an_order_shows_inventree_fields_and_follows_the_reference_pattern(app) {
        let fx = fixture(app.store());
        let admin = app.admin().await;
        let options = admin.options("/api/order/po/").await.expect(200);
        assert_eq!(options["actions"]["POST"]["reference"]["default"], "PO-0001");
        assert_eq!(options["actions"]["POST"]["supplier"]["filters"], json!({"is_supplier": true}));
        let body = admin
            .post("/api/order/po/", json!({"reference": "PO-0007", "supplier": fx.supplier, "target_date": "2020-01-01"}))
            .await
            .expect(201);
        for key in [
            "pk", "reference", "supplier", "supplier_reference", "description", "status", "status_text",
            "status_custom_key", "destination", "creation_date", "issue_date", "target_date", "complete_date",
            "link", "notes", "line_items", "completed_lines", "overdue", "total_price", "created_by", "barcode_hash",
            "order_currency", "supplier_name",
        ] {
            assert!(body.get(key).is_some(), "{key} missing");
        }
        assert_eq!((body["status"].clone(), body["status_text"].clone()), (json!(10), json!("Pending")));
        assert_eq!(body["created_by"]["username"], "admin");
        assert_eq!(body["creation_date"], json!(chrono::Utc::now().date_naive().to_string()));
        assert_eq!(body["overdue"], true);
        assert_eq!(body["total_price"], Value::Null);
        assert!(body.get("supplier_detail").is_none());
        let pk = body["pk"].as_i64().unwrap();
        let detail = get(&admin, format!("/api/order/po/{pk}/?supplier_detail=true")).await;
        assert_eq!(detail["supplier_detail"]["name"], "Mouser");
        // The next reference follows the highest in use.
        let options = admin.options("/api/order/po/").await.expect(200);
        assert_eq!(options["actions"]["POST"]["reference"]["default"], "PO-0008");
        let post = |body| admin.post("/api/order/po/", body);
        assert_eq!(
            post(json!({"reference": "PO-0007", "supplier": fx.supplier})).await.expect(400),
            json!({"reference": ["Purchase Order with this Reference already exists."]})
        );
        assert_eq!(
            post(json!({"reference": "X-1", "supplier": fx.supplier})).await.expect(400),
            json!({"reference": ["Reference must match required pattern: PO-{ref:04d}"]})
        );
        assert_eq!(
            post(json!({"reference": "PO-0009", "supplier": fx.customer})).await.expect(400),
            json!({"supplier": [format!("Invalid pk \"{}\" - object does not exist.", fx.customer)]})
        );
        assert_eq!(
            post(json!({})).await.expect(400),
            json!({"reference": ["This field is required."], "supplier": ["This field is required."]})
        );
        // Edits: reference checked again, status not writable.
        let changed = admin
            .patch(&format!("/api/order/po/{pk}/"), json!({"reference": "PO-0100", "status": 30, "description": "New"}))
            .await
            .expect(200);
        assert_eq!((changed["reference"].clone(), changed["status"].clone()), (json!("PO-0100"), json!(10)));
        admin.patch(&format!("/api/order/po/{pk}/"), json!({"reference": "bad"})).await.expect(400);
        let put = admin.put(&format!("/api/order/po/{pk}/"), json!({"description": "x"})).await.expect(400);
        assert_eq!(put["reference"], json!(["This field is required."]));
        assert_eq!(get(&admin, format!("/api/order/po/{pk}/")).await["description"], "New");
        admin.get("/api/order/po/999/").await.expect(404);
        admin.delete(&format!("/api/order/po/{pk}/")).await.expect(204);
        assert_eq!(
            admin.get(&format!("/api/order/po/{pk}/")).await.expect(404),
            json!({"detail": "No PurchaseOrder matches the given query."})
        );
    }
);

api_test!(
    async fn the_order_list_filters_searches_and_orders_by_reference_number(app) {
        let fx = fixture(app.store());
        let admin = app.admin().await;
        let a = order(&admin, &fx, "PO-0002").await;
        let b = order(&admin, &fx, "PO-0010").await;
        let c = admin
            .post("/api/order/po/", json!({"reference": "PO-0003", "supplier": fx.other_supplier, "supplier_reference": "XYZ-77", "target_date": "2001-01-01"}))
            .await
            .expect(201)["pk"]
            .as_i64()
            .unwrap();
        admin.post(&format!("/api/order/po/{b}/cancel/"), json!({})).await.expect(201);
        let pks = |v: Value| -> Vec<i64> { v.as_array().unwrap().iter().map(|o| o["pk"].as_i64().unwrap()).collect() };
        assert_eq!(pks(get(&admin, "/api/order/po/".into()).await), vec![b, c, a]);
        assert_eq!(pks(get(&admin, "/api/order/po/?ordering=reference".into()).await), vec![a, c, b]);
        assert_eq!(pks(get(&admin, "/api/order/po/?status=40".into()).await), vec![b]);
        assert_eq!(pks(get(&admin, "/api/order/po/?outstanding=true".into()).await), vec![c, a]);
        assert_eq!(pks(get(&admin, "/api/order/po/?outstanding=false".into()).await), vec![b]);
        assert_eq!(pks(get(&admin, "/api/order/po/?overdue=true".into()).await), vec![c]);
        assert_eq!(pks(get(&admin, format!("/api/order/po/?supplier={}", fx.other_supplier)).await), vec![c]);
        assert_eq!(pks(get(&admin, "/api/order/po/?reference=po-0002".into()).await), vec![a]);
        assert_eq!(pks(get(&admin, "/api/order/po/?search=xyz".into()).await), vec![c]);
        assert_eq!(pks(get(&admin, "/api/order/po/?search=digikey".into()).await), vec![c]);
        let page = get(&admin, "/api/order/po/?limit=1&offset=1".into()).await;
        assert_eq!((page["count"].clone(), page["results"][0]["pk"].clone()), (json!(3), json!(c)));
        admin.get("/api/order/po/?outstanding=maybe").await.expect(400);
    }
);

api_test!(
    async fn lines_merge_filter_and_refuse_the_wrong_supplier(app) {
        let fx = fixture(app.store());
        let admin = app.admin().await;
        let po = order(&admin, &fx, "PO-0001").await;
        let first = admin
            .post("/api/order/po-line/", json!({"order": po, "part": fx.sp, "quantity": 5, "purchase_price": 2.5, "purchase_price_currency": "USD"}))
            .await
            .expect(201);
        assert_eq!((first["quantity"].clone(), first["received"].clone(), first["total_price"].clone()), (json!(5.0), json!(0.0), json!(12.5)));
        assert_eq!((first["sku"].clone(), first["internal_part"].clone()), (json!("R-1"), json!(fx.w.part)));
        // The same supplier part again adds to the line unless told not to.
        let merged = admin.post("/api/order/po-line/", json!({"order": po, "part": fx.sp, "quantity": 3})).await.expect(201);
        assert_eq!((merged["pk"].clone(), merged["quantity"].clone()), (first["pk"].clone(), json!(8.0)));
        let reel = line(&admin, po, fx.reel, 2.0).await;
        let tracked = line(&admin, po, fx.sp_tracked, 1.0).await;
        let ids = |v: Value| -> Vec<i64> { v.as_array().unwrap().iter().map(|o| o["pk"].as_i64().unwrap()).collect() };
        let sp_line = first["pk"].as_i64().unwrap();
        assert_eq!(ids(get(&admin, format!("/api/order/po-line/?order={po}")).await), vec![sp_line, reel, tracked]);
        assert_eq!(ids(get(&admin, format!("/api/order/po-line/?part={}", fx.reel)).await), vec![reel]);
        assert_eq!(ids(get(&admin, format!("/api/order/po-line/?base_part={}", fx.w.part)).await), vec![sp_line, reel]);
        assert_eq!(ids(get(&admin, "/api/order/po-line/?has_pricing=true".into()).await), vec![sp_line]);
        assert_eq!(ids(get(&admin, "/api/order/po-line/?pending=true".into()).await).len(), 3);
        assert_eq!(ids(get(&admin, "/api/order/po-line/?received=true".into()).await).len(), 0);
        let detail = get(&admin, format!("/api/order/po-line/{reel}/?part_detail=true&order_detail=true")).await;
        assert_eq!(detail["supplier_part_detail"]["pack_quantity_native"], json!(10.0));
        assert_eq!(detail["part_detail"]["pk"], json!(fx.w.part));
        assert_eq!(detail["order_detail"]["line_items"], json!(3));
        assert_eq!(get(&admin, format!("/api/order/po/{po}/")).await["total_price"], json!(20.0));
        let post = |body| admin.post("/api/order/po-line/", body);
        assert_eq!(
            post(json!({"order": po, "part": fx.foreign, "quantity": 1})).await.expect(400),
            json!({"part": ["Supplier must match purchase order"], "order": ["Purchase order must match supplier"]})
        );
        assert_eq!(post(json!({"order": po, "part": fx.sp, "quantity": 0})).await.expect(400), json!({"quantity": ["Quantity must be greater than zero"]}));
        assert_eq!(post(json!({"order": po, "part": 999, "quantity": 1})).await.expect(400), json!({"part": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(
            post(json!({"part": fx.sp})).await.expect(400),
            json!({"quantity": ["This field is required."], "order": ["This field is required."]})
        );
        let edited = admin.patch(&format!("/api/order/po-line/{reel}/"), json!({"quantity": 4, "reference": "r"})).await.expect(200);
        assert_eq!((edited["quantity"].clone(), edited["reference"].clone()), (json!(4.0), json!("r")));
        admin.patch(&format!("/api/order/po-line/{reel}/"), json!({"part": fx.foreign})).await.expect(400);
        admin.delete(&format!("/api/order/po-line/{tracked}/")).await.expect(204);
        admin.get(&format!("/api/order/po-line/{tracked}/")).await.expect(404);
    }
);

api_test!(
    async fn every_transition_and_its_refusals(app) {
        let fx = fixture(app.store());
        let admin = app.admin().await;
        let po = order(&admin, &fx, "PO-0001").await;
        let l = line(&admin, po, fx.sp, 2.0).await;
        let status = |v: Value| v["status"].as_i64().unwrap();
        let act = |what: &str| post_to(&admin, format!("/api/order/po/{po}/{what}/"), json!({}));
        let refused = |m: &str| json!({"non_field_errors": [m]});
        assert_eq!(act("complete").await.expect(400), json!({"accept_incomplete": ["Order has incomplete line items"]}));
        assert_eq!(
            admin.post(&format!("/api/order/po/{po}/complete/"), json!({"accept_incomplete": true})).await.expect(400),
            refused("Order cannot be completed")
        );
        assert_eq!(act("hold").await.expect(201), json!({}));
        assert_eq!(status(get(&admin, format!("/api/order/po/{po}/")).await), 25);
        assert_eq!(act("hold").await.expect(400), refused("Order cannot be placed on hold"));
        act("issue").await.expect(201);
        let placed = get(&admin, format!("/api/order/po/{po}/")).await;
        assert_eq!((status(placed.clone()), placed["status_text"].clone()), (20, json!("Placed")));
        assert_eq!(placed["issue_date"], json!(chrono::Utc::now().date_naive().to_string()));
        assert_eq!(act("issue").await.expect(400), refused("Order cannot be issued"));
        act("hold").await.expect(201);
        act("issue").await.expect(201);
        let body = admin.post(&format!("/api/order/po/{po}/complete/"), json!({"accept_incomplete": true})).await.expect(201);
        assert_eq!(body, json!({"accept_incomplete": true}));
        let done = get(&admin, format!("/api/order/po/{po}/")).await;
        assert_eq!(status(done.clone()), 30);
        assert!(done["complete_date"].is_string());
        assert_eq!(act("cancel").await.expect(400), refused("Order cannot be cancelled"));
        assert_eq!(act("issue").await.expect(400), refused("Order cannot be issued"));
        // A completed order is locked: no edits to it or its lines.
        assert_eq!(
            admin.patch(&format!("/api/order/po/{po}/"), json!({"description": "x"})).await.expect(400),
            json!({"reference": ["This order is locked and cannot be modified"]})
        );
        let locked = refused("The order is locked and cannot be modified");
        assert_eq!(admin.patch(&format!("/api/order/po-line/{l}/"), json!({"quantity": 9})).await.expect(400), locked);
        assert_eq!(admin.delete(&format!("/api/order/po-line/{l}/")).await.expect(400), locked);
        assert_eq!(admin.post("/api/order/po-line/", json!({"order": po, "part": fx.reel, "quantity": 1})).await.expect(400), locked);
        assert_eq!(get(&admin, format!("/api/order/po-line/{l}/")).await["quantity"], json!(2.0));
        // Cancelling works from any open state.
        let other = order(&admin, &fx, "PO-0002").await;
        admin.post(&format!("/api/order/po/{other}/cancel/"), json!({})).await.expect(201);
        assert_eq!(status(get(&admin, format!("/api/order/po/{other}/")).await), 40);
        assert_eq!(admin.post(&format!("/api/order/po/{other}/hold/"), json!({})).await.expect(400), refused("Order cannot be placed on hold"));
        admin.post("/api/order/po/999/issue/", json!({})).await.expect(404);
        let viewer = app.user("viewer", &[("purchase_order", stockroom_store::auth::Permissions::VIEW)]).await;
        viewer.post(&format!("/api/order/po/{other}/issue/"), json!({})).await.expect(403);
    }
);

api_test!(
    async fn receiving_scales_packs_and_records_history(app) {
        let fx = fixture(app.store());
        let admin = app.admin().await;
        let po = order(&admin, &fx, "PO-0001").await;
        let reel = admin
            .post("/api/order/po-line/", json!({"order": po, "part": fx.reel, "quantity": 3, "purchase_price": 5, "purchase_price_currency": "EUR"}))
            .await
            .expect(201)["pk"]
            .as_i64()
            .unwrap();
        let single = line(&admin, po, fx.sp, 4.0).await;
        admin.post(&format!("/api/order/po/{po}/issue/"), json!({})).await.expect(201);
        let body = json!({"location": fx.w.shelf, "items": [
            {"line_item": reel, "quantity": 2, "batch_code": "B-42", "expiry_date": "2030-05-01", "note": "boxed"},
            {"line_item": single, "quantity": 1, "location": fx.w.bin, "status": 50, "packaging": "bag"},
        ]});
        let created = admin.post(&format!("/api/order/po/{po}/receive/"), body).await.expect(201);
        let created = created.as_array().unwrap();
        assert_eq!(created.len(), 2);
        let first = &created[0];
        assert_eq!((first["quantity"].clone(), first["batch"].clone(), first["expiry_date"].clone()), (json!(20.0), json!("B-42"), json!("2030-05-01")));
        assert_eq!((first["location"].clone(), first["supplier_part"].clone(), first["purchase_order"].clone()), (json!(fx.w.shelf), json!(fx.reel), json!(po)));
        assert_eq!((first["purchase_price"].clone(), first["purchase_price_currency"].clone()), (json!(0.5), json!("EUR")));
        assert_eq!((first["packaging"].clone(), first["notes"].clone(), first["purchase_order_reference"].clone()), (json!("reel"), json!("boxed"), json!("PO-0001")));
        let second = &created[1];
        assert_eq!((second["quantity"].clone(), second["location"].clone(), second["status"].clone(), second["packaging"].clone()), (json!(1.0), json!(fx.w.bin), json!(50), json!("bag")));
        let item = first["pk"].as_i64().unwrap();
        assert_eq!(history(app.store(), item), vec![(70, json!({"location": fx.w.shelf, "purchaseorder": po, "quantity": 20.0}))]);
        assert_eq!(get(&admin, format!("/api/order/po-line/{reel}/")).await["received"], json!(2.0));
        let order_body = get(&admin, format!("/api/order/po/{po}/")).await;
        assert_eq!((order_body["status"].clone(), order_body["completed_lines"].clone()), (json!(20), json!(0)));
        assert_eq!(get(&admin, "/api/order/po-line/?received=false".into()).await.as_array().unwrap().len(), 2);
        // Receiving more than ordered is accepted, as InvenTree accepts it; once every line
        // is in, the order completes itself.
        let rest = json!({"items": [{"line_item": reel, "quantity": 1}, {"line_item": single, "quantity": 5}], "location": fx.w.yard});
        admin.post(&format!("/api/order/po/{po}/receive/"), rest).await.expect(201);
        assert_eq!(get(&admin, format!("/api/order/po-line/{single}/")).await["received"], json!(6.0));
        let order_body = get(&admin, format!("/api/order/po/{po}/")).await;
        assert_eq!((order_body["status"].clone(), order_body["completed_lines"].clone()), (json!(30), json!(2)));
        assert_eq!(stock_count(app.store(), fx.w.part), 4);
        // The order's destination is used when the request names no location.
        let po2 = order(&admin, &fx, "PO-0002").await;
        admin.patch(&format!("/api/order/po/{po2}/"), json!({"destination": fx.w.bin})).await.expect(200);
        let l2 = line(&admin, po2, fx.sp, 10.0).await;
        admin.post(&format!("/api/order/po/{po2}/issue/"), json!({})).await.expect(201);
        let got = admin.post(&format!("/api/order/po/{po2}/receive/"), json!({"items": [{"line_item": l2, "quantity": 1}]})).await.expect(201);
        assert_eq!(got[0]["location"], json!(fx.w.bin));
        assert_eq!(get(&admin, format!("/api/order/po/{po2}/")).await["status"], json!(20));
    }
);

api_test!(
    async fn serials_are_expanded_counted_and_unique_across_the_request(app) {
        let fx = fixture(app.store());
        let admin = app.admin().await;
        let po = order(&admin, &fx, "PO-0001").await;
        let a = line(&admin, po, fx.sp_tracked, 10.0).await;
        let b = admin
            .post("/api/order/po-line/", json!({"order": po, "part": fx.sp_tracked, "quantity": 10, "reference": "second", "merge_items": false}))
            .await
            .expect(201)["pk"]
            .as_i64()
            .unwrap();
        let plain = line(&admin, po, fx.sp, 10.0).await;
        admin.post(&format!("/api/order/po/{po}/issue/"), json!({})).await.expect(201);
        let url = format!("/api/order/po/{po}/receive/");
        let created = admin
            .post(&url, json!({"location": fx.w.shelf, "items": [
                {"line_item": a, "quantity": 3, "serial_numbers": "1-3"},
                {"line_item": b, "quantity": 2, "serial_numbers": "~, ~"},
            ]}))
            .await
            .expect(201);
        let serials: Vec<&str> = created.as_array().unwrap().iter().map(|i| i["serial"].as_str().unwrap()).collect();
        assert_eq!(serials, ["1", "2", "3", "4", "5"]);
        assert!(created.as_array().unwrap().iter().all(|i| i["quantity"] == json!(1.0)));
        let item = created[0]["pk"].as_i64().unwrap();
        assert_eq!(history(app.store(), item), vec![(70, json!({"location": fx.w.shelf, "purchaseorder": po, "quantity": 1.0}))]);
        let before = stock_count(app.store(), fx.w.trackable);
        let refuse = |items: Value| post_to(&admin, url.clone(), json!({"location": fx.w.shelf, "items": items}));
        assert_eq!(
            refuse(json!([{"line_item": a, "quantity": 2, "serial_numbers": "10, 11"}, {"line_item": b, "quantity": 1, "serial_numbers": "11"}])).await.expect(400),
            json!({"items": [{}, {"serial_numbers": ["The following serial numbers already exist or are invalid: 11"]}]})
        );
        assert_eq!(
            refuse(json!([{"line_item": a, "quantity": 2, "serial_numbers": "3, 20"}])).await.expect(400),
            json!({"items": [{"serial_numbers": ["The following serial numbers already exist or are invalid: 3"]}]})
        );
        assert_eq!(
            refuse(json!([{"line_item": a, "quantity": 3, "serial_numbers": "30, 31"}])).await.expect(400),
            json!({"items": [{"serial_numbers": ["Number of unique serial numbers (2) must match quantity (3)"]}]})
        );
        assert_eq!(
            refuse(json!([{"line_item": plain, "quantity": 1, "serial_numbers": "40"}])).await.expect(400),
            json!({"items": [{"serial_numbers": ["Serial numbers cannot be supplied for a non-trackable part"]}]})
        );
        assert_eq!(
            refuse(json!([{"line_item": a, "quantity": 1.5}])).await.expect(400),
            json!({"items": [{"quantity": ["Quantity must be integer value for trackable parts"]}]})
        );
        assert_eq!(stock_count(app.store(), fx.w.trackable), before);
        assert_eq!(get(&admin, format!("/api/order/po-line/{a}/")).await["received"], json!(3.0));
        assert_eq!(get(&admin, format!("/api/order/po-line/{b}/")).await["received"], json!(2.0));
    }
);

api_test!(
    async fn refused_receipts_say_why_and_change_nothing(app) {
        let fx = fixture(app.store());
        let admin = app.admin().await;
        let po = order(&admin, &fx, "PO-0001").await;
        let l = line(&admin, po, fx.sp, 5.0).await;
        let other = order(&admin, &fx, "PO-0002").await;
        let foreign_line = line(&admin, other, fx.sp, 5.0).await;
        let url = format!("/api/order/po/{po}/receive/");
        let post = |body: Value| post_to(&admin, url.clone(), body);
        let shelf = fx.w.shelf;
        assert_eq!(
            post(json!({"location": shelf, "items": [{"line_item": l, "quantity": 1}]})).await.expect(400),
            json!({"non_field_errors": ["Lines can only be received against an order marked as 'PLACED'"]})
        );
        admin.post(&format!("/api/order/po/{po}/issue/"), json!({})).await.expect(201);
        assert_eq!(post(json!({})).await.expect(400), json!({"items": ["This field is required."]}));
        assert_eq!(post(json!({"items": []})).await.expect(400), json!({"non_field_errors": ["Line items must be provided"]}));
        assert_eq!(
            post(json!({"items": [{"line_item": l, "quantity": 1}]})).await.expect(400),
            json!({"location": ["Destination location must be specified"]})
        );
        assert_eq!(
            post(json!({"location": shelf, "items": [{"line_item": l, "quantity": 1}, {"line_item": l, "quantity": -1}, {"quantity": "x"}]})).await.expect(400),
            json!({"items": [{}, {"quantity": ["Ensure this value is greater than or equal to 0."]}, {"line_item": ["This field is required."], "quantity": ["A valid number is required."]}]})
        );
        assert_eq!(
            post(json!({"location": shelf, "items": [{"line_item": l, "quantity": 1}, {"line_item": l, "quantity": 0}]})).await.expect(400),
            json!({"items": [{}, {"quantity": ["Quantity must be greater than zero"]}]})
        );
        assert_eq!(
            post(json!({"location": shelf, "items": [{"line_item": 999, "quantity": 1}]})).await.expect(400),
            json!({"items": [{"line_item": ["Invalid pk \"999\" - object does not exist."]}]})
        );
        assert_eq!(
            post(json!({"location": shelf, "items": [{"line_item": foreign_line, "quantity": 1}]})).await.expect(400),
            json!({"non_field_errors": ["Line item does not match purchase order"]})
        );
        assert_eq!(
            post(json!({"location": 999, "items": [{"line_item": l, "quantity": 1}]})).await.expect(400),
            json!({"location": ["Invalid pk \"999\" - object does not exist."]})
        );
        assert_eq!(
            post(json!({"location": fx.w.hall, "items": [{"line_item": l, "quantity": 1}]})).await.expect(400),
            json!({"items": [{"location": ["Stock items cannot be located into structural stock locations!"]}]})
        );
        assert_eq!(
            post(json!({"location": shelf, "items": [{"line_item": l, "quantity": 1, "status": 12}]})).await.expect(400),
            json!({"items": [{"status": ["\"12\" is not a valid choice."]}]})
        );
        assert_eq!(
            post(json!({"location": shelf, "items": [{"line_item": l, "quantity": 1, "expiry_date": "soon"}]})).await.expect(400),
            json!({"items": [{"expiry_date": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}]})
        );
        assert_eq!(stock_count(app.store(), fx.w.part), 0);
        assert_eq!(get(&admin, format!("/api/order/po-line/{l}/")).await["received"], json!(0.0));
        assert_eq!(get(&admin, format!("/api/order/po/{po}/")).await["status"], json!(20));
        let viewer = app.user("viewer", &[("purchase_order", stockroom_store::auth::Permissions::VIEW)]).await;
        viewer.post(&url, json!({"location": shelf, "items": [{"line_item": l, "quantity": 1}]})).await.expect(403);
        assert_eq!(stock_count(app.store(), fx.w.part), 0);
    }
);

api_test!(
    async fn a_scanned_order_barcode_shows_the_order(app) {
        let fx = fixture(app.store());
        let admin = app.admin().await;
        let po = order(&admin, &fx, "PO-0001").await;
        admin
            .post("/api/barcode/link/", json!({"barcode": "SUPPLIER-ORDER-1", "purchaseorder": po}))
            .await
            .expect(200);
        let body = get(&admin, format!("/api/order/po/{po}/")).await;
        assert!(!body["barcode_hash"].as_str().unwrap().is_empty());
        let scan = admin.post("/api/barcode/", json!({"barcode": "SUPPLIER-ORDER-1"})).await.expect(200);
        assert_eq!(scan["purchaseorder"]["pk"], json!(po));
        assert_eq!(scan["purchaseorder"]["instance"]["reference"], "PO-0001");
    }
);

api_test!(
    async fn settings_turn_off_auto_completion_and_unlock_completed_orders(app) {
        use stockroom_store::settings::SettingScope;
        let fx = fixture(app.store());
        let admin = app.admin().await;
        app.store().set_setting(SettingScope::Global, "PURCHASEORDER_AUTO_COMPLETE", "false").unwrap();
        let po = order(&admin, &fx, "PO-0001").await;
        let l = line(&admin, po, fx.sp, 2.0).await;
        admin.post(&format!("/api/order/po/{po}/issue/"), json!({})).await.expect(201);
        let all = json!({"location": fx.w.shelf, "items": [{"line_item": l, "quantity": 2}]});
        admin.post(&format!("/api/order/po/{po}/receive/"), all).await.expect(201);
        assert_eq!(get(&admin, format!("/api/order/po/{po}/")).await["status"], json!(20));
        admin.post(&format!("/api/order/po/{po}/complete/"), json!({})).await.expect(201);
        assert_eq!(get(&admin, format!("/api/order/po/{po}/")).await["status"], json!(30));
        admin.patch(&format!("/api/order/po-line/{l}/"), json!({"notes": "x"})).await.expect(400);
        app.store().set_setting(SettingScope::Global, "PURCHASEORDER_EDIT_COMPLETED_ORDERS", "true").unwrap();
        let edited = admin.patch(&format!("/api/order/po-line/{l}/"), json!({"notes": "late note"})).await.expect(200);
        assert_eq!(edited["notes"], "late note");
        admin.patch(&format!("/api/order/po/{po}/"), json!({"description": "kept open for edits"})).await.expect(200);
    }
);
