//! Companies, manufacturer parts and supplier parts over HTTP: fields, filters, search,
//! ordering, the rules their links follow, refusals that change nothing, roles and scans.

use serde_json::{Value, json};
use stockroom_store::auth::Permissions;
use stockroom_store::parts::NewPart;

use super::Client;
use super::stock::{create, pk, world};
use crate::api_test;

async fn company(client: &Client, body: Value) -> i64 {
    pk(&client.post("/api/company/", body).await.expect(201))
}

/// A supplier, a manufacturer, a customer and a company that is none of these.
async fn companies(admin: &Client) -> (i64, i64, i64, i64) {
    let supplier = company(admin, json!({"name": "Digi", "description": "Parts by the reel", "website": "https://digi.example"})).await;
    let maker = company(
        admin,
        json!({"name": "Maker", "is_manufacturer": true, "is_supplier": false}),
    )
    .await;
    let customer = company(
        admin,
        json!({"name": "Acme", "is_customer": true, "is_supplier": false}),
    )
    .await;
    let idle = company(
        admin,
        json!({"name": "Idle", "is_supplier": false, "active": false}),
    )
    .await;
    (supplier, maker, customer, idle)
}

api_test!(
    async fn a_company_shows_every_inventree_field_and_round_trips_edits(app) {
        let admin = app.admin().await;
        let created = admin.post("/api/company/", json!({"name": "Digi", "email": "sales@digi.example", "phone": "123", "notes": "n"})).await.expect(201);
        let id = pk(&created);
        let mut keys: Vec<&str> = created.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = vec![
            "pk", "url", "name", "description", "website", "phone", "address", "email", "currency",
            "contact", "link", "image", "active", "is_customer", "is_manufacturer", "is_supplier",
            "notes", "parts_supplied", "parts_manufactured", "address_count", "primary_address",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!((created["is_supplier"].clone(), created["is_customer"].clone(), created["active"].clone()), (json!(true), json!(false), json!(true)));
        assert_eq!(created["currency"], "USD");
        assert_eq!(created["primary_address"], Value::Null);
        assert_eq!(created["url"], "");

        let changed = admin.patch(&format!("/api/company/{id}/"), json!({"is_customer": true, "currency": "EUR"})).await.expect(200);
        assert_eq!((changed["is_customer"].clone(), changed["currency"].clone(), changed["name"].clone()), (json!(true), json!("EUR"), json!("Digi")));
        // PUT needs every required field.
        assert_eq!(admin.put(&format!("/api/company/{id}/"), json!({"phone": "9"})).await.expect(400), json!({"name": ["This field is required."]}));
        let replaced = admin.put(&format!("/api/company/{id}/"), json!({"name": "Digi Ltd"})).await.expect(200);
        assert_eq!(replaced["name"], "Digi Ltd");
        // Lists leave notes out.
        let listed = admin.get("/api/company/").await.expect(200);
        assert!(listed[0].get("notes").is_none());
        assert_eq!(admin.get(&format!("/api/company/{id}/")).await.expect(200)["notes"], "n");
        admin.get("/api/company/999/").await.expect(404);
        assert_eq!(admin.get("/api/company/999/").await.body, json!({"detail": "No Company matches the given query."}));
    }
);

api_test!(
    async fn companies_filter_search_and_order_as_inventree(app) {
        let admin = app.admin().await;
        let (supplier, maker, customer, idle) = companies(&admin).await;
        let ids = |body: Value| -> Vec<i64> { body.as_array().unwrap().iter().map(pk).collect() };
        assert_eq!(ids(admin.get("/api/company/").await.expect(200)), vec![customer, supplier, idle, maker]);
        assert_eq!(ids(admin.get("/api/company/?is_supplier=true").await.expect(200)), vec![supplier]);
        assert_eq!(ids(admin.get("/api/company/?is_manufacturer=1").await.expect(200)), vec![maker]);
        assert_eq!(ids(admin.get("/api/company/?is_customer=true").await.expect(200)), vec![customer]);
        assert_eq!(ids(admin.get("/api/company/?active=false").await.expect(200)), vec![idle]);
        assert_eq!(ids(admin.get("/api/company/?name=Maker").await.expect(200)), vec![maker]);
        assert_eq!(ids(admin.get("/api/company/?search=reel").await.expect(200)), vec![supplier]);
        assert_eq!(ids(admin.get("/api/company/?search=DIGI.EXAMPLE").await.expect(200)), vec![supplier]);
        assert_eq!(ids(admin.get("/api/company/?ordering=-name").await.expect(200)), vec![maker, idle, supplier, customer]);
        let paged = admin.get("/api/company/?limit=1&offset=1").await.expect(200);
        assert_eq!((paged["count"].clone(), ids(paged["results"].clone())), (json!(4), vec![supplier]));
        assert_eq!(admin.get("/api/company/?active=maybe").await.expect(400), json!({"active": ["Enter a valid boolean."]}));

        let w = world(app.store());
        admin.post("/api/company/part/", json!({"part": w.part, "supplier": supplier, "SKU": "A"})).await.expect(201);
        admin.post("/api/company/part/", json!({"part": w.trackable, "supplier": supplier, "SKU": "B"})).await.expect(201);
        admin.post("/api/company/part/manufacturer/", json!({"part": w.part, "manufacturer": maker, "MPN": "M1"})).await.expect(201);
        let body = admin.get(&format!("/api/company/{supplier}/")).await.expect(200);
        assert_eq!((body["parts_supplied"].clone(), body["parts_manufactured"].clone()), (json!(2), json!(0)));
        assert_eq!(ids(admin.get("/api/company/?ordering=-parts_supplied,name").await.expect(200))[0], supplier);
        assert_eq!(ids(admin.get("/api/company/?ordering=-parts_manufactured,name").await.expect(200))[0], maker);
    }
);

api_test!(
    async fn bad_company_input_is_refused_and_changes_nothing(app) {
        let admin = app.admin().await;
        let id = company(&admin, json!({"name": "Digi"})).await;
        let before = admin.get(&format!("/api/company/{id}/")).await.expect(200);
        assert_eq!(admin.post("/api/company/", json!({})).await.expect(400), json!({"name": ["This field is required."]}));
        let body = admin.post("/api/company/", json!({"name": "X", "email": "nope", "website": "not a url", "currency": "euro", "is_customer": "maybe"})).await.expect(400);
        assert_eq!(body, json!({
            "email": ["Enter a valid email address."],
            "website": ["Enter a valid URL."],
            "currency": ["\"euro\" is not a valid choice."],
            "is_customer": ["Must be a valid boolean."],
        }));
        assert_eq!(admin.post("/api/company/", json!({"name": "x".repeat(101)})).await.expect(400), json!({"name": ["Ensure this field has no more than 100 characters."]}));
        assert_eq!(admin.patch(&format!("/api/company/{id}/"), json!({"name": ""})).await.expect(400), json!({"name": ["This field may not be blank."]}));
        assert_eq!(admin.patch(&format!("/api/company/{id}/"), json!({"email": "a@b"})).await.expect(400), json!({"email": ["Enter a valid email address."]}));
        admin.patch("/api/company/999/", json!({"name": "Ghost"})).await.expect(404);
        assert_eq!(admin.get(&format!("/api/company/{id}/")).await.expect(200), before);
        assert_eq!(admin.get("/api/company/").await.expect(200).as_array().unwrap().len(), 1);
    }
);

api_test!(
    async fn deleting_a_company_takes_its_parts_and_leaves_its_orders(app) {
        let admin = app.admin().await;
        let w = world(app.store());
        let (supplier, maker, customer, _) = companies(&admin).await;
        let mp = pk(&admin.post("/api/company/part/manufacturer/", json!({"part": w.part, "manufacturer": maker, "MPN": "M1"})).await.expect(201));
        let sp = pk(&admin.post("/api/company/part/", json!({"part": w.part, "supplier": supplier, "SKU": "A", "manufacturer_part": mp})).await.expect(201));
        let order = pk(&admin.post("/api/order/ro/", json!({"reference": "RMA-0001", "customer": customer})).await.expect(201));
        admin.delete(&format!("/api/company/{customer}/")).await.expect(204);
        assert_eq!(admin.get(&format!("/api/order/ro/{order}/")).await.expect(200)["customer"], Value::Null);
        admin.delete(&format!("/api/company/{maker}/")).await.expect(204);
        admin.get(&format!("/api/company/part/manufacturer/{mp}/")).await.expect(404);
        assert_eq!(admin.get(&format!("/api/company/part/{sp}/")).await.expect(200)["manufacturer_part"], Value::Null);
        admin.delete(&format!("/api/company/{supplier}/")).await.expect(204);
        admin.get(&format!("/api/company/part/{sp}/")).await.expect(404);
        admin.delete(&format!("/api/company/{supplier}/")).await.expect(404);
    }
);

api_test!(
    async fn manufacturer_parts_follow_inventree_rules_filters_and_details(app) {
        let admin = app.admin().await;
        let w = world(app.store());
        let (supplier, maker, _, _) = companies(&admin).await;
        let other = company(&admin, json!({"name": "Other Maker", "is_manufacturer": true})).await;
        let created = admin.post("/api/company/part/manufacturer/", json!({"part": w.part, "manufacturer": maker, "MPN": "RC0603", "description": "thick film", "link": "https://maker.example/rc"})).await.expect(201);
        let id = pk(&created);
        assert_eq!(created, json!({
            "pk": id, "part": w.part, "manufacturer": maker, "description": "thick film", "MPN": "RC0603",
            "link": "https://maker.example/rc", "barcode_hash": "", "tags": [],
        }));
        let second = pk(&admin.post("/api/company/part/manufacturer/", json!({"part": w.trackable, "manufacturer": other, "MPN": "SN-1"})).await.expect(201));

        let detail = admin.get(&format!("/api/company/part/manufacturer/{id}/?part_detail=true&manufacturer_detail=true&pretty=true")).await.expect(200);
        assert_eq!(detail["part_detail"]["name"], "Resistor");
        assert_eq!(detail["manufacturer_detail"]["name"], "Maker");
        assert_eq!(detail["pretty_name"], "R-10K | Maker | RC0603");
        let ids = |body: Value| -> Vec<i64> { body.as_array().unwrap().iter().map(pk).collect() };
        assert_eq!(ids(admin.get(&format!("/api/company/part/manufacturer/?part={}", w.part)).await.expect(200)), vec![id]);
        assert_eq!(ids(admin.get(&format!("/api/company/part/manufacturer/?manufacturer={other}")).await.expect(200)), vec![second]);
        assert_eq!(ids(admin.get("/api/company/part/manufacturer/?MPN=SN-1").await.expect(200)), vec![second]);
        assert_eq!(ids(admin.get("/api/company/part/manufacturer/?search=thick").await.expect(200)), vec![id]);
        assert_eq!(ids(admin.get("/api/company/part/manufacturer/?search=sensor").await.expect(200)), vec![second]);
        assert_eq!(ids(admin.get("/api/company/part/manufacturer/?search=other%20maker").await.expect(200)), vec![second]);

        // Refusals, each leaving the data as it was.
        let post = |body| admin.post("/api/company/part/manufacturer/", body);
        assert_eq!(post(json!({})).await.expect(400), json!({"part": ["This field is required."], "manufacturer": ["This field is required."], "MPN": ["This field is required."]}));
        assert_eq!(post(json!({"part": w.part, "manufacturer": supplier, "MPN": "X"})).await.expect(400), json!({"manufacturer": [format!("Invalid pk \"{supplier}\" - object does not exist.")]}));
        assert_eq!(post(json!({"part": 999, "manufacturer": maker, "MPN": "X"})).await.expect(400), json!({"part": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(post(json!({"part": w.part, "manufacturer": maker, "MPN": "RC0603"})).await.expect(400), json!({"non_field_errors": ["The fields part, manufacturer, MPN must make a unique set."]}));
        assert_eq!(admin.patch(&format!("/api/company/part/manufacturer/{second}/"), json!({"manufacturer": supplier})).await.expect(400), json!({"manufacturer": [format!("Invalid pk \"{supplier}\" - object does not exist.")]}));
        assert_eq!(admin.get("/api/company/part/manufacturer/").await.expect(200).as_array().unwrap().len(), 2);
        assert_eq!(admin.get(&format!("/api/company/part/manufacturer/{second}/")).await.expect(200)["manufacturer"], other);

        let changed = admin.patch(&format!("/api/company/part/manufacturer/{second}/"), json!({"MPN": "SN-2", "description": "v2"})).await.expect(200);
        assert_eq!((changed["MPN"].clone(), changed["description"].clone()), (json!("SN-2"), json!("v2")));
        admin.delete(&format!("/api/company/part/manufacturer/{second}/")).await.expect(204);
        admin.get(&format!("/api/company/part/manufacturer/{second}/")).await.expect(404);

        // Scans find manufacturer parts, internal or linked.
        let scanned = admin.post("/api/barcode/", json!({"barcode": format!("INV-MP{id}")})).await.expect(200);
        assert_eq!(scanned["manufacturerpart"]["instance"]["MPN"], "RC0603");
        assert_eq!(scanned["manufacturerpart"]["instance"]["manufacturer_detail"]["name"], "Maker");
        admin.post("/api/barcode/link/", json!({"barcode": "MFR-LABEL-1", "manufacturerpart": id})).await.expect(200);
        let listed = admin.get(&format!("/api/company/part/manufacturer/{id}/")).await.expect(200);
        assert_eq!(listed["barcode_hash"].as_str().unwrap().len(), 32);
        let scanned = admin.post("/api/barcode/", json!({"barcode": "MFR-LABEL-1"})).await.expect(200);
        assert_eq!(scanned["manufacturerpart"]["pk"], id);
    }
);

api_test!(
    async fn supplier_parts_read_pack_sizes_and_follow_inventree_rules(app) {
        let admin = app.admin().await;
        let w = world(app.store());
        let (supplier, maker, customer, _) = companies(&admin).await;
        let mp = pk(&admin.post("/api/company/part/manufacturer/", json!({"part": w.part, "manufacturer": maker, "MPN": "RC0603"})).await.expect(201));
        let created = admin.post("/api/company/part/", json!({"part": w.part, "supplier": supplier, "SKU": "DK-1", "manufacturer_part": mp, "pack_quantity": "10", "packaging": "reel", "note": "cut tape"})).await.expect(201);
        let id = pk(&created);
        assert_eq!((created["pack_quantity"].clone(), created["pack_quantity_native"].clone()), (json!("10"), json!(10.0)));
        assert_eq!((created["MPN"].clone(), created["manufacturer"].clone()), (json!("RC0603"), json!("Maker")));
        assert_eq!(created["name"], "R-10K | Digi | DK-1 | Maker | RC0603");
        assert_eq!((created["active"].clone(), created["available"].clone(), created["in_stock"].clone()), (json!(true), json!(0.0), json!(0.0)));
        assert_eq!(created["availability_updated"], Value::Null);
        let boxes = admin.post("/api/company/part/", json!({"part": w.trackable, "supplier": supplier, "SKU": "DK-2", "pack_quantity": "2 boxes", "active": false})).await.expect(201);
        let boxed = pk(&boxes);
        assert_eq!((boxes["pack_quantity"].clone(), boxes["pack_quantity_native"].clone()), (json!("2 boxes"), json!(2.0)));
        let plain = admin.post("/api/company/part/", json!({"part": w.part, "supplier": supplier, "SKU": "DK-3"})).await.expect(201);
        assert_eq!((plain["pack_quantity"].clone(), plain["pack_quantity_native"].clone(), plain["MPN"].clone()), (json!(""), json!(1.0), Value::Null));

        // Stock bought through a supplier part counts as its stock.
        create(&admin, json!({"part": w.part, "quantity": 7, "supplier_part": id, "use_pack_size": false})).await;
        assert_eq!(admin.get(&format!("/api/company/part/{id}/")).await.expect(200)["in_stock"], json!(7.0));

        let detail = admin.get(&format!("/api/company/part/{id}/?part_detail=true&supplier_detail=true&manufacturer_detail=true")).await.expect(200);
        assert_eq!(detail["part_detail"]["IPN"], "R-10K");
        assert_eq!(detail["supplier_detail"]["name"], "Digi");
        assert_eq!(detail["manufacturer_detail"]["name"], "Maker");
        assert_eq!(detail["manufacturer_part_detail"]["MPN"], "RC0603");
        assert!(admin.get(&format!("/api/company/part/{id}/")).await.expect(200).get("part_detail").is_none());

        let ids = |body: Value| -> Vec<i64> { body.as_array().unwrap().iter().map(pk).collect() };
        let third = pk(&plain);
        assert_eq!(ids(admin.get(&format!("/api/company/part/?part={}", w.trackable)).await.expect(200)), vec![boxed]);
        assert_eq!(ids(admin.get(&format!("/api/company/part/?supplier={supplier}&active=true")).await.expect(200)), vec![id, third]);
        assert_eq!(ids(admin.get(&format!("/api/company/part/?manufacturer={maker}")).await.expect(200)), vec![id]);
        assert_eq!(ids(admin.get(&format!("/api/company/part/?manufacturer_part={mp}")).await.expect(200)), vec![id]);
        assert_eq!(ids(admin.get("/api/company/part/?MPN=RC0603").await.expect(200)), vec![id]);
        assert_eq!(ids(admin.get("/api/company/part/?SKU=DK-2").await.expect(200)), vec![boxed]);
        assert_eq!(ids(admin.get("/api/company/part/?search=sensor").await.expect(200)), vec![boxed]);
        assert_eq!(ids(admin.get("/api/company/part/?search=rc0603").await.expect(200)), vec![id]);
        assert_eq!(ids(admin.get("/api/company/part/?ordering=-SKU").await.expect(200)), vec![third, boxed, id]);
        assert_eq!(ids(admin.get("/api/company/part/?ordering=-in_stock,SKU").await.expect(200)), vec![id, boxed, third]);

        // Refusals with InvenTree's messages, each changing nothing.
        let before = admin.get("/api/company/part/").await.expect(200);
        let post = |body| admin.post("/api/company/part/", body);
        assert_eq!(post(json!({})).await.expect(400), json!({"part": ["This field is required."], "supplier": ["This field is required."], "SKU": ["This field is required."]}));
        assert_eq!(post(json!({"part": w.part, "supplier": customer, "SKU": "X"})).await.expect(400), json!({"supplier": [format!("Invalid pk \"{customer}\" - object does not exist.")]}));
        assert_eq!(post(json!({"part": w.part, "supplier": supplier, "SKU": "DK-1"})).await.expect(400), json!({"non_field_errors": ["The fields part, supplier, SKU must make a unique set."]}));
        assert_eq!(post(json!({"part": w.part, "supplier": supplier, "SKU": "X", "pack_quantity": "0"})).await.expect(400), json!({"pack_quantity": ["Pack units must be greater than zero"]}));
        assert_eq!(post(json!({"part": w.part, "supplier": supplier, "SKU": "X", "pack_quantity": "-2"})).await.expect(400), json!({"pack_quantity": ["Pack units must be greater than zero"]}));
        assert_eq!(post(json!({"part": w.part, "supplier": supplier, "SKU": "X", "pack_quantity": "lots"})).await.expect(400), json!({"pack_quantity": ["Invalid quantity supplied"]}));
        assert_eq!(post(json!({"part": w.trackable, "supplier": supplier, "SKU": "X", "manufacturer_part": mp})).await.expect(400), json!({"manufacturer_part": ["Linked manufacturer part must reference the same base part"]}));
        assert_eq!(post(json!({"part": w.part, "supplier": supplier, "SKU": "X", "available": -1})).await.expect(400), json!({"available": ["Ensure this value is greater than or equal to 0."]}));
        let unbought = app.store().create_part(&NewPart { name: "Made here".into(), purchaseable: false, ..Default::default() }).unwrap().id;
        assert_eq!(post(json!({"part": unbought, "supplier": supplier, "SKU": "X"})).await.expect(400), json!({"part": [format!("Invalid pk \"{unbought}\" - object does not exist.")]}));
        assert_eq!(admin.patch(&format!("/api/company/part/{boxed}/"), json!({"SKU": "DK-1", "part": w.part})).await.expect(400), json!({"non_field_errors": ["The fields part, supplier, SKU must make a unique set."]}));
        assert_eq!(admin.patch(&format!("/api/company/part/{boxed}/"), json!({"pack_quantity": "0"})).await.expect(400), json!({"pack_quantity": ["Pack units must be greater than zero"]}));
        assert_eq!(admin.get("/api/company/part/").await.expect(200), before);

        // Edits: a new pack size is read again; new availability is stamped.
        let changed = admin.patch(&format!("/api/company/part/{boxed}/"), json!({"pack_quantity": "1 dozen", "available": 250})).await.expect(200);
        assert_eq!((changed["pack_quantity_native"].clone(), changed["available"].clone()), (json!(12.0), json!(250.0)));
        assert!(changed["availability_updated"].is_string());
        let cleared = admin.patch(&format!("/api/company/part/{id}/"), json!({"manufacturer_part": null})).await.expect(200);
        assert_eq!((cleared["manufacturer_part"].clone(), cleared["MPN"].clone()), (Value::Null, Value::Null));
        admin.delete(&format!("/api/company/part/{boxed}/")).await.expect(204);
        admin.get(&format!("/api/company/part/{boxed}/")).await.expect(404);

        // Scans find supplier parts.
        let scanned = admin.post("/api/barcode/", json!({"barcode": format!("INV-SP{id}")})).await.expect(200);
        assert_eq!(scanned["supplierpart"]["instance"]["SKU"], "DK-1");
        assert_eq!(scanned["supplierpart"]["instance"]["supplier_detail"]["name"], "Digi");
    }
);

api_test!(
    async fn company_roles_are_enforced(app) {
        let admin = app.admin().await;
        let w = world(app.store());
        let supplier = company(&admin, json!({"name": "Digi"})).await;
        let viewer = app.user("viewer", &[("sales_order", Permissions { view: true, ..Default::default() })]).await;
        let nobody = app.user("nobody", &[]).await;
        viewer.get("/api/company/").await.expect(200);
        viewer.post("/api/company/", json!({"name": "X"})).await.expect(403);
        viewer.delete(&format!("/api/company/{supplier}/")).await.expect(403);
        viewer.get("/api/company/part/").await.expect(403);
        nobody.get("/api/company/").await.expect(403);
        app.anonymous().get("/api/company/").await.expect(401);
        let parts = app.user("parts", &[("part", Permissions { view: true, add: true, ..Default::default() })]).await;
        parts.post("/api/company/part/", json!({"part": w.part, "supplier": supplier, "SKU": "A"})).await.expect(201);
        parts.get("/api/company/part/manufacturer/").await.expect(200);
        assert_eq!(admin.get(&format!("/api/company/{supplier}/")).await.expect(200)["parts_supplied"], 1);
    }
);

api_test!(
    async fn options_describe_the_company_fields(app) {
        let admin = app.admin().await;
        let body = admin.options("/api/company/").await.expect(200);
        let post = &body["actions"]["POST"];
        assert_eq!(post["name"]["required"], true);
        assert_eq!(post["is_supplier"]["default"], true);
        assert_eq!(post["parts_supplied"]["read_only"], true);
        let body = admin.options("/api/company/part/").await.expect(200);
        let post = &body["actions"]["POST"];
        assert_eq!(post["supplier"]["required"], true);
        assert_eq!(post["SKU"]["max_length"], 100);
        assert_eq!(post["pack_quantity_native"]["read_only"], true);
        let body = admin.options("/api/company/part/manufacturer/").await.expect(200);
        assert_eq!(body["actions"]["POST"]["MPN"]["required"], true);
    }
);
