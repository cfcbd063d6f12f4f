//! `/api/stock/track/` and the status code endpoints.

use serde_json::{Value, json};
use stockroom_store::auth::Permissions;

use super::stock::{create, pk, world};
use crate::api_test;

fn kinds(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["tracking_type"].as_i64().unwrap())
        .collect()
}

api_test!(
    async fn history_lists_filter_by_item_part_user_and_date(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let clerk = app.user("clerk", &[("stock", Permissions::ALL)]).await;
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 5, "location": w.shelf})).await);
        let other = pk(&create(&clerk, json!({"part": w.trackable, "quantity": 1})).await);
        clerk.post("/api/stock/count/", json!({"items": [{"pk": item, "quantity": 4}], "notes": "Found one missing"})).await.expect(201);

        let all = admin.get("/api/stock/track/").await.expect(200);
        assert_eq!(kinds(&all), vec![10, 1, 1], "newest first");
        let entry = &all[0];
        let mut keys: Vec<&str> = entry.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["date", "deltas", "item", "label", "notes", "part", "pk", "tracking_type", "user"]);
        assert_eq!((entry["item"].clone(), entry["part"].clone(), entry["label"].clone()), (json!(item), json!(w.part), json!("Stock counted")));
        assert_eq!((entry["deltas"].clone(), entry["notes"].clone()), (json!({"quantity": 4.0}), json!("Found one missing")));
        assert!(entry["date"].as_str().unwrap().ends_with('Z'));

        assert_eq!(kinds(&admin.get(&format!("/api/stock/track/?item={item}")).await.expect(200)), vec![10, 1]);
        assert_eq!(kinds(&admin.get(&format!("/api/stock/track/?item={item}&ordering=date")).await.expect(200)), vec![1, 10]);
        assert_eq!(kinds(&admin.get(&format!("/api/stock/track/?part={}", w.trackable)).await.expect(200)), vec![1]);
        let clerk_id = app.store().user_by_username("clerk").unwrap().unwrap().id;
        let by_clerk = admin.get(&format!("/api/stock/track/?user={clerk_id}&user_detail=true&item_detail=true")).await.expect(200);
        assert_eq!(kinds(&by_clerk), vec![10, 1]);
        assert_eq!(by_clerk[0]["user_detail"]["username"], "clerk");
        assert_eq!(by_clerk[1]["item_detail"]["pk"], other);
        assert_eq!(by_clerk[1]["item_detail"]["part_detail"]["name"], "Sensor");
        let today = chrono::Utc::now().date_naive();
        assert_eq!(kinds(&admin.get(&format!("/api/stock/track/?min_date={today}&max_date={today}")).await.expect(200)).len(), 3);
        let tomorrow = today.succ_opt().unwrap();
        assert!(kinds(&admin.get(&format!("/api/stock/track/?min_date={tomorrow}")).await.expect(200)).is_empty());
        let yesterday = today.pred_opt().unwrap();
        assert!(kinds(&admin.get(&format!("/api/stock/track/?max_date={yesterday}")).await.expect(200)).is_empty());
        let page = admin.get("/api/stock/track/?limit=1&offset=1").await.expect(200);
        assert_eq!((page["count"].clone(), page["results"][0]["item"].clone()), (json!(3), json!(other)));
        assert_eq!(admin.get("/api/stock/track/?min_date=yesterday").await.expect(400), json!({"min_date": ["Enter a valid date."]}));
        assert_eq!(admin.get("/api/stock/track/?item=abc").await.expect(400), json!({"item": ["Select a valid choice. That choice is not one of the available choices."]}));
    }
);

api_test!(
    async fn history_entries_expand_the_objects_their_deltas_name(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 5, "location": w.shelf})).await);
        admin.post("/api/stock/transfer/", json!({"items": [{"pk": item, "quantity": 2}], "location": w.yard})).await.expect(201);
        admin.post("/api/stock/transfer/", json!({"items": [{"pk": item, "quantity": 3}], "location": w.bin})).await.expect(201);
        let list = admin.get(&format!("/api/stock/track/?item={item}")).await.expect(200);
        let moved = &list[0];
        assert_eq!(moved["tracking_type"], 20);
        assert_eq!(moved["deltas"]["location"], w.bin);
        assert_eq!(moved["deltas"]["location_detail"]["pathstring"], "Shelf/Bin");
        let split = &list[1];
        assert_eq!(split["tracking_type"], 42);
        let child = split["deltas"]["stockitem"].as_i64().unwrap();
        assert_eq!(split["deltas"]["stockitem_detail"]["pk"], child);
        assert_eq!(split["deltas"]["stockitem_detail"]["location"], w.yard);
        let one = admin.get(&format!("/api/stock/track/{}/?item_detail=1", pk(split))).await.expect(200);
        assert_eq!(one["deltas"]["stockitem"], child);
        assert_eq!(one["item_detail"]["pk"], item);
        admin.get("/api/stock/track/999999/").await.expect(404);
    }
);

api_test!(
    async fn status_codes_are_described_as_inventree_does(app) {
        let admin = app.admin().await;
        let body = admin.get("/api/stock/status/").await.expect(200);
        assert_eq!(body["class"], "StockStatus");
        assert_eq!(body["values"]["OK"], json!({"color": "success", "key": 10, "label": "OK", "name": "OK"}));
        assert_eq!(body["values"]["QUARANTINED"], json!({"color": "info", "key": 75, "label": "Quarantined", "name": "QUARANTINED"}));
        assert_eq!(body["values"].as_object().unwrap().len(), 8);
        let body = admin.get("/api/stock/track/status/").await.expect(200);
        assert_eq!(body["class"], "StockHistoryCode");
        assert_eq!(body["values"]["STOCK_MOVE"], json!({"color": "secondary", "key": 20, "label": "Location changed", "name": "STOCK_MOVE"}));
        // Any signed-in user may read the codes; nobody else.
        let nobody = app.user("nobody", &[]).await;
        nobody.get("/api/stock/status/").await.expect(200);
        app.anonymous().get("/api/stock/track/status/").await.expect(401);
    }
);

api_test!(
    async fn history_needs_the_stock_view_role(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        create(&admin, json!({"part": w.part, "quantity": 1})).await;
        app.anonymous().get("/api/stock/track/").await.expect(401);
        let nobody = app.user("nobody", &[("stock_location", Permissions::ALL)]).await;
        nobody.get("/api/stock/track/").await.expect(403);
        let viewer = app.user("viewer", &[("stock", Permissions::VIEW)]).await;
        assert_eq!(viewer.get("/api/stock/track/").await.expect(200).as_array().unwrap().len(), 1);
        viewer.post("/api/stock/track/", json!({})).await.expect(405);
    }
);
