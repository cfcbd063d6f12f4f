//! Sales orders over HTTP: orders, lines, shipments, allocations, shipping and the status
//! transitions, with InvenTree's refusals, and refused requests leaving everything as it was.

use serde_json::{Value, json};
use stockroom_store::Store;
use stockroom_store::companies::NewCompany;
use stockroom_store::parts::NewPart;

use super::Client;
use super::stock::{create, history, pk, world};
use crate::api_test;

/// Companies and parts a shop needs.
struct Shop {
    customer: i64,
    supplier: i64,
    /// A salable part.
    widget: i64,
    /// A salable, trackable part for serialized stock.
    gadget: i64,
    /// A part that is not salable.
    bolt: i64,
    shelf: i64,
}

fn shop(store: &Store) -> Shop {
    let w = world(store);
    let company = |name: &str, is_customer: bool| {
        store
            .create_company(&NewCompany {
                name: name.into(),
                is_customer,
                is_supplier: !is_customer,
                active: true,
                currency: "EUR".into(),
                ..Default::default()
            })
            .unwrap()
            .id
    };
    let part = |name: &str, salable: bool, trackable: bool| {
        store
            .create_part(&NewPart {
                name: name.into(),
                salable,
                trackable,
                ..Default::default()
            })
            .unwrap()
            .id
    };
    Shop {
        customer: company("ACME", true),
        supplier: company("Parts Inc", false),
        widget: part("Widget", true, false),
        gadget: part("Gadget", true, true),
        bolt: part("Bolt", false, false),
        shelf: w.shelf,
    }
}

async fn order(admin: &Client, s: &Shop, reference: &str) -> i64 {
    let body = json!({"reference": reference, "customer": s.customer, "description": "Order"});
    pk(&admin.post("/api/order/so/", body).await.expect(201))
}

async fn line(admin: &Client, order: i64, part: i64, quantity: f64) -> i64 {
    let body = json!({"order": order, "part": part, "quantity": quantity});
    pk(&admin.post("/api/order/so-line/", body).await.expect(201))
}

async fn shipment(admin: &Client, order: i64, reference: &str) -> i64 {
    let body = json!({"order": order, "reference": reference});
    pk(&admin
        .post("/api/order/so/shipment/", body)
        .await
        .expect(201))
}

/// Everything the sales order endpoints can change, to compare before and after.
async fn snapshot(admin: &Client) -> Value {
    json!({
        "orders": admin.get("/api/order/so/").await.expect(200),
        "lines": admin.get("/api/order/so-line/").await.expect(200),
        "shipments": admin.get("/api/order/so/shipment/").await.expect(200),
        "allocations": admin.get("/api/order/so-allocation/?item_detail=false").await.expect(200),
        "stock": admin.get("/api/stock/").await.expect(200),
    })
}

api_test!(
    async fn orders_are_created_shown_filtered_changed_and_deleted(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let created = admin
            .post("/api/order/so/", json!({"reference": "SO-0007", "customer": s.customer, "customer_reference": "PO-77", "target_date": "2020-01-01"}))
            .await
            .expect(201);
        assert_eq!(created["status"], json!(10));
        assert_eq!(created["status_text"], json!("Pending"));
        assert_eq!(created["line_items"], json!(0));
        assert_eq!(created["completed_lines"], json!(0));
        assert_eq!(created["overdue"], json!(true));
        assert_eq!(created["barcode_hash"], json!(""));
        assert_eq!(created["currency"], json!("EUR"));
        assert_eq!(created["creation_date"], json!(chrono::Utc::now().date_naive().to_string()));
        assert!(created.get("customer_detail").is_none());
        let first = pk(&created);
        let second = order(&admin, &s, "SO-0010").await;
        let third = order(&admin, &s, "SO-0009").await;

        // Ordered by the number in the reference, highest first by default.
        let listed = admin.get("/api/order/so/").await.expect(200);
        let refs: Vec<&str> = listed.as_array().unwrap().iter().map(|o| o["reference"].as_str().unwrap()).collect();
        assert_eq!(refs, ["SO-0010", "SO-0009", "SO-0007"]);
        let listed = admin.get("/api/order/so/?ordering=reference&limit=2").await.expect(200);
        assert_eq!(listed["count"], json!(3));
        assert_eq!(listed["results"][0]["pk"], json!(first));
        assert_eq!(listed["results"][1]["pk"], json!(third));

        let detail = admin.get(&format!("/api/order/so/{second}/?customer_detail=true")).await.expect(200);
        assert_eq!(detail["customer_detail"]["name"], json!("ACME"));
        assert_eq!(detail["customer_detail"]["pk"], json!(s.customer));

        let count = |q: &'static str| {
            let admin = admin.clone();
            async move { admin.get(&format!("/api/order/so/?{q}")).await.expect(200).as_array().unwrap().len() }
        };
        assert_eq!(count("overdue=true").await, 1);
        assert_eq!(count("overdue=false").await, 2);
        assert_eq!(count("status=10").await, 3);
        assert_eq!(count("status=15").await, 0);
        assert_eq!(count("outstanding=true").await, 3);
        assert_eq!(count("outstanding=false").await, 0);
        assert_eq!(count(Box::leak(format!("customer={}", s.customer).into_boxed_str())).await, 3);
        assert_eq!(count("reference=SO-0009").await, 1);
        assert_eq!(count("search=acme").await, 3);
        assert_eq!(count("search=po-77").await, 1);
        assert_eq!(count("search=nothing").await, 0);

        let patched = admin.patch(&format!("/api/order/so/{first}/"), json!({"description": "Rush", "target_date": null})).await.expect(200);
        assert_eq!((patched["description"].clone(), patched["overdue"].clone()), (json!("Rush"), json!(false)));
        let put = admin.put(&format!("/api/order/so/{first}/"), json!({"reference": "SO-0011", "customer": s.customer})).await.expect(200);
        assert_eq!(put["reference"], json!("SO-0011"));
        assert_eq!(put["description"], json!("Rush"));
        admin.put(&format!("/api/order/so/{first}/"), json!({"description": "x"})).await.expect(400);

        admin.delete(&format!("/api/order/so/{third}/")).await.expect(204);
        let gone = admin.get(&format!("/api/order/so/{third}/")).await.expect(404);
        assert_eq!(gone, json!({"detail": "No SalesOrder matches the given query."}));

        let options = admin.options("/api/order/so/").await.expect(200);
        assert_eq!(options["actions"]["POST"]["reference"]["required"], json!(true));
        assert_eq!(options["actions"]["POST"]["status"]["read_only"], json!(true));
    }
);

api_test!(
    async fn bad_orders_are_refused_with_inventree_texts_and_change_nothing(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let existing = order(&admin, &s, "SO-0001").await;
        let before = snapshot(&admin).await;
        let post = |body: Value| {
            let admin = admin.clone();
            async move { admin.post("/api/order/so/", body).await.expect(400) }
        };
        assert_eq!(post(json!({})).await, json!({"reference": ["This field is required."]}));
        assert_eq!(post(json!({"reference": "SO-0001"})).await, json!({"reference": ["Sales Order with this Reference already exists."]}));
        assert_eq!(post(json!({"reference": "PO-0002"})).await, json!({"reference": ["Reference must match required pattern: SO-{ref:04d}"]}));
        assert_eq!(post(json!({"reference": "SO-0002", "customer": s.supplier})).await, json!({"customer": [format!("Invalid pk \"{}\" - object does not exist.", s.supplier)]}));
        assert_eq!(post(json!({"reference": "SO-0002", "customer": 9999})).await, json!({"customer": ["Invalid pk \"9999\" - object does not exist."]}));
        assert_eq!(post(json!({"reference": "SO-0002", "start_date": "2030-01-02", "target_date": "2030-01-01"})).await, json!({"target_date": ["Target date must be after start date"]}));
        assert_eq!(post(json!({"reference": "SO-0002", "link": "not a url"})).await, json!({"link": ["Enter a valid URL."]}));
        assert_eq!(post(json!([1])).await, json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}));
        let clash = admin.patch(&format!("/api/order/so/{existing}/"), json!({"reference": "SO-1", "customer": s.supplier})).await.expect(400);
        assert!(clash.get("customer").is_some() || clash.get("reference").is_some());
        // A line for a part that is not for sale, and lines on a missing order.
        let body = admin.post("/api/order/so-line/", json!({"order": existing, "part": s.bolt, "quantity": 1})).await.expect(400);
        assert_eq!(body, json!({"part": ["Only salable parts can be assigned to a sales order"]}));
        let body = admin.post("/api/order/so-line/", json!({"order": 999, "part": s.widget, "quantity": 1})).await.expect(400);
        assert_eq!(body, json!({"order": ["Invalid pk \"999\" - object does not exist."]}));
        let body = admin.post("/api/order/so-line/", json!({"order": existing, "part": s.widget, "quantity": -1})).await.expect(400);
        assert_eq!(body, json!({"quantity": ["Ensure this value is greater than or equal to 0."]}));
        let viewer = app.user("viewer", &[("sales_order", stockroom_store::auth::Permissions { view: true, ..Default::default() })]).await;
        viewer.post("/api/order/so/", json!({"reference": "SO-0003"})).await.expect(403);
        viewer.get("/api/order/so/").await.expect(200);
        app.anonymous().get("/api/order/so/").await.expect(401);
        assert_eq!(snapshot(&admin).await, before);
    }
);

api_test!(
    async fn lines_and_shipments_are_listed_filtered_and_expanded(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let o = order(&admin, &s, "SO-0001").await;
        let other = order(&admin, &s, "SO-0002").await;
        let l1 = line(&admin, o, s.widget, 5.0).await;
        let priced = admin
            .post("/api/order/so-line/", json!({"order": o, "part": s.gadget, "quantity": "2.5", "sale_price": "3.20", "sale_price_currency": "EUR", "reference": "A"}))
            .await
            .expect(201);
        assert_eq!(priced["quantity"], json!(2.5));
        assert_eq!(priced["sale_price"], json!("3.2"));
        assert_eq!(priced["allocated"], json!(0.0));
        assert_eq!(priced["shipped"], json!(0.0));
        line(&admin, other, s.widget, 1.0).await;

        let get = |q: String| {
            let admin = admin.clone();
            async move { admin.get(&format!("/api/order/so-line/?{q}")).await.expect(200) }
        };
        assert_eq!(get(format!("order={o}")).await.as_array().unwrap().len(), 2);
        assert_eq!(get(format!("part={}", s.widget)).await.as_array().unwrap().len(), 2);
        assert_eq!(get("has_pricing=true".into()).await.as_array().unwrap().len(), 1);
        assert_eq!(get("has_pricing=false".into()).await.as_array().unwrap().len(), 2);
        assert_eq!(get("completed=false".into()).await.as_array().unwrap().len(), 3);
        assert_eq!(get("completed=true".into()).await.as_array().unwrap().len(), 0);
        let expanded = admin.get(&format!("/api/order/so-line/{l1}/?part_detail=true&order_detail=true&customer_detail=true")).await.expect(200);
        assert_eq!(expanded["part_detail"]["name"], json!("Widget"));
        assert_eq!(expanded["order_detail"]["reference"], json!("SO-0001"));
        assert_eq!(expanded["customer_detail"]["name"], json!("ACME"));
        let patched = admin.patch(&format!("/api/order/so-line/{l1}/"), json!({"quantity": 6, "notes": "n"})).await.expect(200);
        assert_eq!((patched["quantity"].clone(), patched["notes"].clone()), (json!(6.0), json!("n")));
        let order_body = admin.get(&format!("/api/order/so/{o}/")).await.expect(200);
        assert_eq!(order_body["line_items"], json!(2));

        let sh = shipment(&admin, o, "1").await;
        let body = admin.post("/api/order/so/shipment/", json!({"order": o, "reference": "1"})).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["The fields order, reference must make a unique set."]}));
        shipment(&admin, other, "1").await;
        let detail = admin.get(&format!("/api/order/so/shipment/{sh}/")).await.expect(200);
        assert_eq!(detail["order_detail"]["pk"], json!(o));
        assert_eq!(detail["allocated_items"], json!(0));
        assert_eq!(detail["shipment_date"], Value::Null);
        assert_eq!(detail["barcode_hash"], json!(""));
        let listed = admin.get(&format!("/api/order/so/shipment/?order={o}&order_detail=false")).await.expect(200);
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert!(listed[0].get("order_detail").is_none());
        assert_eq!(admin.get("/api/order/so/shipment/?shipped=true").await.expect(200), json!([]));
        let patched = admin.patch(&format!("/api/order/so/shipment/{sh}/"), json!({"tracking_number": "TR-1"})).await.expect(200);
        assert_eq!(patched["tracking_number"], json!("TR-1"));
        admin.delete(&format!("/api/order/so-line/{l1}/")).await.expect(204);
        admin.get(&format!("/api/order/so-line/{l1}/")).await.expect(404);
        admin.options("/api/order/so-line/").await.expect(200);
        admin.options("/api/order/so/shipment/").await.expect(200);
    }
);

api_test!(
    async fn every_transition_and_its_refusals(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let o = order(&admin, &s, "SO-0001").await;
        let status = |admin: Client| async move {
            admin.get(&format!("/api/order/so/{o}/")).await.expect(200)["status"].as_i64().unwrap()
        };
        let post = |path: &'static str| {
            let admin = admin.clone();
            async move { admin.post(&format!("/api/order/so/{o}/{path}/"), json!({})).await }
        };
        post("hold").await.expect(201);
        assert_eq!(status(admin.clone()).await, 25);
        post("issue").await.expect(201);
        assert_eq!(status(admin.clone()).await, 15);
        let issued = admin.get(&format!("/api/order/so/{o}/")).await.expect(200);
        assert_eq!(issued["issue_date"], json!(chrono::Utc::now().date_naive().to_string()));
        assert_eq!(post("issue").await.expect(400), json!({"non_field_errors": ["Order cannot be issued"]}));
        post("hold").await.expect(201);
        assert_eq!(post("hold").await.expect(400), json!({"non_field_errors": ["Order cannot be placed on hold"]}));
        post("issue").await.expect(201);

        // Allocated stock is freed on cancel.
        let l = line(&admin, o, s.widget, 2.0).await;
        let item = pk(&create(&admin, json!({"part": s.widget, "quantity": 5, "location": s.shelf})).await);
        admin.post(&format!("/api/order/so/{o}/allocate/"), json!({"items": [{"line_item": l, "stock_item": item, "quantity": 2}]})).await.expect(201);
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["allocated"], json!(2.0));
        post("cancel").await.expect(201);
        assert_eq!(status(admin.clone()).await, 40);
        assert_eq!(admin.get(&format!("/api/order/so-allocation/?order={o}")).await.expect(200), json!([]));
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["allocated"], json!(0.0));
        assert_eq!(post("cancel").await.expect(400), json!({"non_field_errors": ["Order cannot be cancelled"]}));
        assert_eq!(post("issue").await.expect(400), json!({"non_field_errors": ["Order cannot be issued"]}));
        assert_eq!(post("hold").await.expect(400), json!({"non_field_errors": ["Order cannot be placed on hold"]}));
        let body = admin.post(&format!("/api/order/so/{o}/complete/"), json!({"accept_incomplete": true})).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Order is already cancelled"]}));
        assert_eq!(status(admin.clone()).await, 40);
        admin.post("/api/order/so/999/issue/", json!({})).await.expect(404);
    }
);

api_test!(
    async fn allocating_shipping_and_completing_an_order(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let o = order(&admin, &s, "SO-0001").await;
        admin.post(&format!("/api/order/so/{o}/issue/"), json!({})).await.expect(201);
        let l = line(&admin, o, s.widget, 4.0).await;
        let sh = shipment(&admin, o, "1").await;
        let empty = shipment(&admin, o, "2").await;
        let item = pk(&create(&admin, json!({"part": s.widget, "quantity": 10, "location": s.shelf})).await);

        // Over-allocation is refused, with the quantity still free.
        let allocate = |body: Value| {
            let admin = admin.clone();
            async move { admin.post(&format!("/api/order/so/{o}/allocate/"), body).await }
        };
        let echo = allocate(json!({"items": [{"line_item": l, "stock_item": item, "quantity": 4}], "shipment": sh})).await.expect(201);
        assert_eq!(echo, json!({"items": [{"line_item": l, "stock_item": item, "quantity": "4.00000"}], "shipment": sh}));
        let other = order(&admin, &s, "SO-0002").await;
        let foreign_line = line(&admin, other, s.widget, 1.0).await;
        let foreign_shipment = shipment(&admin, other, "1").await;
        let gadget_stock = pk(&create(&admin, json!({"part": s.gadget, "quantity": 1, "serial_numbers": "G1"})).await);
        let before = snapshot(&admin).await;
        let body = allocate(json!({"items": [{"line_item": l, "stock_item": item, "quantity": 7}], "shipment": sh})).await.expect(400);
        assert_eq!(body, json!({"items": [{"quantity": ["Available quantity (6) exceeded"]}]}));
        let body = allocate(json!({"items": [{"line_item": l, "stock_item": item, "quantity": 3}, {"line_item": l, "stock_item": item, "quantity": 4}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{}, {"quantity": ["Available quantity (3) exceeded"]}]}));
        assert_eq!(allocate(json!({"items": []})).await.expect(400), json!({"non_field_errors": ["Allocation items must be provided"]}));
        assert_eq!(allocate(json!({})).await.expect(400), json!({"items": ["This field is required."]}));
        let body = allocate(json!({"items": [{"line_item": l, "stock_item": item, "quantity": 0}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"quantity": ["Quantity must be positive"]}]}));
        let body = allocate(json!({"items": [{"line_item": l, "stock_item": 999, "quantity": 1}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"stock_item": ["Invalid pk \"999\" - object does not exist."]}]}));
        let body = allocate(json!({"items": [{"line_item": foreign_line, "stock_item": item, "quantity": 1}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"line_item": ["Line item is not associated with this order"]}]}));
        let body = allocate(json!({"items": [{"line_item": l, "stock_item": item, "quantity": 1}], "shipment": foreign_shipment})).await.expect(400);
        assert_eq!(body, json!({"shipment": ["Shipment is not associated with this order"]}));
        let body = allocate(json!({"items": [{"line_item": l, "stock_item": gadget_stock, "quantity": 1}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"stock_item": ["Cannot allocate stock item to a line with a different part"]}]}));
        assert_eq!(admin.get(&format!("/api/order/so-allocation/?order={o}&item_detail=false")).await.expect(200).as_array().unwrap().len(), 1);
        assert_eq!(snapshot(&admin).await, before);

        // The allocation, its filters and its figures.
        let allocations = admin.get(&format!("/api/order/so-allocation/?order={o}")).await.expect(200);
        let allocation = allocations[0].clone();
        assert_eq!((allocation["quantity"].clone(), allocation["line"].clone(), allocation["shipment"].clone()), (json!(4.0), json!(l), json!(sh)));
        assert_eq!(allocation["part"], json!(s.widget));
        assert_eq!(allocation["item_detail"]["pk"], json!(item));
        assert_eq!(allocation["part_detail"]["name"], json!("Widget"));
        for q in [format!("line={l}"), format!("item={item}"), format!("part={}", s.widget), format!("shipment={sh}"), "outstanding=true".into()] {
            assert_eq!(admin.get(&format!("/api/order/so-allocation/?{q}")).await.expect(200).as_array().unwrap().len(), 1, "{q}");
        }
        assert_eq!(admin.get("/api/order/so-allocation/?outstanding=false").await.expect(200), json!([]));
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["allocated"], json!(4.0));
        let line_body = admin.get(&format!("/api/order/so-line/{l}/")).await.expect(200);
        assert_eq!((line_body["allocated"].clone(), line_body["available_stock"].clone()), (json!(4.0), json!(6.0)));
        let a = pk(&allocation);
        let body = admin.patch(&format!("/api/order/so-allocation/{a}/"), json!({"quantity": 11})).await.expect(400);
        assert_eq!(body, json!({"quantity": ["Allocation quantity cannot exceed stock quantity"]}));
        admin.patch(&format!("/api/order/so-allocation/{a}/"), json!({"quantity": 3})).await.expect(200);
        admin.patch(&format!("/api/order/so-allocation/{a}/"), json!({"quantity": 4})).await.expect(200);

        // Shipping refusals.
        let ship = |shipment: i64, body: Value| {
            let admin = admin.clone();
            async move { admin.post(&format!("/api/order/so/shipment/{shipment}/ship/"), body).await }
        };
        assert_eq!(ship(empty, json!({})).await.expect(400), json!({"non_field_errors": ["Shipment has no allocated stock items"]}));
        assert_eq!(ship(999, json!({})).await.expect(404), json!({"detail": "Shipment not found"}));

        // Shipping splits the allocated four off the ten and sends them to the customer.
        let shipped = ship(sh, json!({"tracking_number": "TRK", "shipment_date": "2026-01-02"})).await.expect(201);
        assert_eq!(shipped["tracking_number"], json!("TRK"));
        assert_eq!(shipped["shipment_date"], json!("2026-01-02"));
        let original = admin.get(&format!("/api/stock/{item}/")).await.expect(200);
        assert_eq!(original["quantity"], json!(6.0));
        assert_eq!(original["location"], json!(s.shelf));
        assert_eq!(original["allocated"], json!(0.0));
        let sent = admin.get(&format!("/api/stock/?customer={}", s.customer)).await.expect(200);
        let sent = sent.as_array().unwrap();
        assert_eq!(sent.len(), 1);
        let piece = pk(&sent[0]);
        assert_eq!(sent[0]["quantity"], json!(4.0));
        assert_eq!(sent[0]["sales_order"], json!(o));
        assert_eq!(sent[0]["location"], Value::Null);
        assert_eq!(sent[0]["parent"], json!(item));
        assert_eq!(history(app.store(), piece), vec![
            (40, json!({"stockitem": item, "quantity": 4.0})),
            (60, json!({"customer": s.customer, "customer_name": "ACME", "salesorder": o})),
        ]);
        assert_eq!(history(app.store(), item)[1], (42, json!({"removed": 4.0, "quantity": 6.0, "stockitem": piece})));
        let moved = admin.get(&format!("/api/order/so-allocation/{a}/?item_detail=false")).await.expect(200);
        assert_eq!(moved["item"], json!(piece));
        assert_eq!(admin.get(&format!("/api/order/so-line/{l}/")).await.expect(200)["shipped"], json!(4.0));
        assert_eq!(admin.get(&format!("/api/order/so/{o}/")).await.expect(200)["completed_lines"], json!(1));
        let body = ship(sh, json!({})).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Shipment has already been sent"]}));
        let body = allocate(json!({"items": [{"line_item": l, "stock_item": item, "quantity": 1}], "shipment": sh})).await.expect(400);
        assert_eq!(body, json!({"shipment": ["Shipment has already been shipped"]}));

        // Completion: pending shipments block it, then the order ships and completes.
        let complete = |body: Value| {
            let admin = admin.clone();
            async move { admin.post(&format!("/api/order/so/{o}/complete/"), body).await }
        };
        assert_eq!(complete(json!({})).await.expect(400), json!({"non_field_errors": ["Order cannot be completed as there are incomplete shipments"]}));
        admin.delete(&format!("/api/order/so/shipment/{empty}/")).await.expect(204);
        let extra = line(&admin, o, s.widget, 1.0).await;
        assert_eq!(complete(json!({})).await.expect(400), json!({"accept_incomplete": ["Order has incomplete line items"]}));
        admin.delete(&format!("/api/order/so-line/{extra}/")).await.expect(204);
        assert_eq!(complete(json!({})).await.expect(201), json!({"accept_incomplete": false}));
        let done = admin.get(&format!("/api/order/so/{o}/")).await.expect(200);
        assert_eq!((done["status"].clone(), done["status_text"].clone()), (json!(20), json!("Shipped")));
        assert_eq!(done["shipment_date"], json!(chrono::Utc::now().date_naive().to_string()));
        complete(json!({})).await.expect(201);
        assert_eq!(admin.get(&format!("/api/order/so/{o}/")).await.expect(200)["status"], json!(30));
        assert_eq!(complete(json!({})).await.expect(400), json!({"non_field_errors": ["Order is already complete"]}));
    }
);

api_test!(
    async fn serialized_stock_is_allocated_by_serial_and_shipped_whole(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let o = order(&admin, &s, "SO-0001").await;
        let l = line(&admin, o, s.gadget, 3.0).await;
        let sh = shipment(&admin, o, "1").await;
        admin.post("/api/stock/", json!({"part": s.gadget, "quantity": 3, "serial_numbers": "S1,S2,S3", "location": s.shelf})).await.expect(201);
        let serials = |body: Value| {
            let admin = admin.clone();
            async move { admin.post(&format!("/api/order/so/{o}/allocate-serials/"), body).await }
        };
        let echo = serials(json!({"line_item": l, "quantity": 2, "serial_numbers": "S1, S2", "shipment": sh})).await.expect(201);
        assert_eq!(echo, json!({"line_item": l, "quantity": 2, "serial_numbers": "S1, S2", "shipment": sh}));
        let allocations = admin.get(&format!("/api/order/so-allocation/?line={l}&item_detail=false")).await.expect(200);
        let serial_of: Vec<Value> = allocations.as_array().unwrap().iter().map(|a| a["serial"].clone()).collect();
        assert_eq!(serial_of, [json!("S1"), json!("S2")]);
        let before = snapshot(&admin).await;
        assert_eq!(serials(json!({"line_item": l, "quantity": 1, "serial_numbers": "S2"})).await.expect(400), json!({"serial_numbers": ["The following serial numbers are unavailable: S2"]}));
        assert_eq!(serials(json!({"line_item": l, "quantity": 2, "serial_numbers": "S3,S9"})).await.expect(400), json!({"serial_numbers": ["No match found for the following serial numbers: S9"]}));
        assert_eq!(serials(json!({"line_item": l, "quantity": 0, "serial_numbers": "S3"})).await.expect(400), json!({"quantity": ["Ensure this value is greater than or equal to 1."]}));
        let s3 = admin.get(&format!("/api/stock/?part={}&serial=S3", s.gadget)).await.expect(200)[0]["pk"].as_i64().unwrap();
        let body = admin.post(&format!("/api/order/so/{o}/allocate/"), json!({"items": [{"line_item": l, "stock_item": s3, "quantity": 2}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"quantity": ["Quantity must be 1 for serialized stock item"]}]}));
        assert_eq!(snapshot(&admin).await, before);

        admin.post(&format!("/api/order/so/shipment/{sh}/ship/"), json!({})).await.expect(201);
        let sent = admin.get(&format!("/api/stock/?customer={}", s.customer)).await.expect(200);
        let mut sent_serials: Vec<&str> = sent.as_array().unwrap().iter().map(|i| i["serial"].as_str().unwrap()).collect();
        sent_serials.sort_unstable();
        assert_eq!(sent_serials, ["S1", "S2"]);
        // Whole items ship as they are: no split, one history entry.
        let first = pk(&sent[0]);
        assert_eq!(history(app.store(), first).last().unwrap().0, 60);
        assert_eq!(admin.get(&format!("/api/order/so-line/{l}/")).await.expect(200)["shipped"], json!(2.0));
    }
);

api_test!(
    async fn one_item_allocated_three_times_ships_as_two_pieces_and_the_rest(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let o = order(&admin, &s, "SO-0001").await;
        let l = line(&admin, o, s.widget, 10.0).await;
        let sh = shipment(&admin, o, "1").await;
        let item = pk(&create(&admin, json!({"part": s.widget, "quantity": 10, "location": s.shelf})).await);
        let parts = [2, 3, 5].map(|q| json!({"line_item": l, "stock_item": item, "quantity": q}));
        admin.post(&format!("/api/order/so/{o}/allocate/"), json!({"items": parts, "shipment": sh})).await.expect(201);
        admin.post(&format!("/api/order/so/shipment/{sh}/ship/"), json!({})).await.expect(201);

        // Two pieces split off for the first two allocations; the last takes what is left.
        let sent = admin.get(&format!("/api/stock/?customer={}&ordering=pk", s.customer)).await.expect(200);
        let sent: Vec<(i64, Value, Value)> = sent.as_array().unwrap().iter().map(|i| (pk(i), i["quantity"].clone(), i["location"].clone())).collect();
        assert_eq!(sent.len(), 3);
        assert_eq!(sent[0], (item, json!(5.0), Value::Null));
        assert_eq!((sent[1].1.clone(), sent[2].1.clone()), (json!(2.0), json!(3.0)));
        let allocations = admin.get(&format!("/api/order/so-allocation/?line={l}&item_detail=false")).await.expect(200);
        let items: Vec<(i64, f64)> = allocations.as_array().unwrap().iter().map(|a| (a["item"].as_i64().unwrap(), a["quantity"].as_f64().unwrap())).collect();
        assert_eq!(items, vec![(sent[1].0, 2.0), (sent[2].0, 3.0), (item, 5.0)]);
        let splits: Vec<(i32, Value)> = history(app.store(), item).into_iter().filter(|(code, _)| *code == 42).collect();
        assert_eq!(splits, vec![
            (42, json!({"removed": 2.0, "quantity": 8.0, "stockitem": sent[1].0})),
            (42, json!({"removed": 3.0, "quantity": 5.0, "stockitem": sent[2].0})),
        ]);
        assert_eq!(admin.get(&format!("/api/order/so-line/{l}/")).await.expect(200)["shipped"], json!(10.0));
        assert_eq!(admin.get(&format!("/api/stock/?location={}&part={}", s.shelf, s.widget)).await.expect(200), json!([]));
    }
);

api_test!(
    async fn a_linked_barcode_finds_the_order_and_shows_its_hash(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let o = order(&admin, &s, "SO-0001").await;
        admin.post("/api/barcode/link/", json!({"barcode": "SO-LABEL-1", "salesorder": o})).await.expect(200);
        let body = admin.get(&format!("/api/order/so/{o}/")).await.expect(200);
        assert_ne!(body["barcode_hash"], json!(""));
        let scanned = admin.post("/api/barcode/", json!({"barcode": "SO-LABEL-1"})).await.expect(200);
        assert_eq!(scanned["salesorder"]["pk"], json!(o));
        assert_eq!(scanned["salesorder"]["instance"]["reference"], json!("SO-0001"));
        let sh = shipment(&admin, o, "1").await;
        admin.post("/api/barcode/link/", json!({"barcode": "SHIP-1", "salesordershipment": sh})).await.expect(200);
        let shown = admin.get(&format!("/api/order/so/shipment/{sh}/")).await.expect(200);
        assert_ne!(shown["barcode_hash"], json!(""));
        let scanned = admin.post("/api/barcode/", json!({"barcode": "SHIP-1"})).await.expect(200);
        assert_eq!(scanned["salesordershipment"]["instance"]["reference"], json!("1"));
    }
);
