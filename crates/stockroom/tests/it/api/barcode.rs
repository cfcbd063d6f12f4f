//! The barcode endpoints: scan, link, unlink, generate and history.

use serde_json::{Value, json};
use stockroom_store::auth::Permissions;

use super::*;
use crate::api_test;

async fn make_part(client: &Client, name: &str) -> i64 {
    client
        .post("/api/part/", json!({"name": name, "description": "d"}))
        .await
        .expect(201)["pk"]
        .as_i64()
        .unwrap()
}

async fn make_location(client: &Client, name: &str) -> i64 {
    client
        .post("/api/stock/location/", json!({"name": name}))
        .await
        .expect(201)["pk"]
        .as_i64()
        .unwrap()
}

async fn scan(client: &Client, data: Value) -> Reply {
    client.post("/api/barcode/", json!({"barcode": data})).await
}

api_test!(
    async fn internal_barcodes_resolve_to_their_objects(app) {
        let admin = app.admin().await;
        let part = make_part(&admin, "Resistor").await;
        let body = scan(&admin, json!(format!("INV-PA{part}"))).await.expect(200);
        assert_eq!(body["success"], "Match found for barcode data");
        assert_eq!(body["plugin"], "InvenTreeBarcode");
        assert_eq!(body["part"]["pk"], part);
        assert_eq!(body["part"]["api_url"], format!("/api/part/{part}/"));
        assert_eq!(body["part"]["web_url"], format!("/web/part/{part}"));
        assert_eq!(body["part"]["instance"]["name"], "Resistor");
        assert_eq!(body["barcode_data"], format!("INV-PA{part}"));
        assert_eq!(body["barcode_hash"].as_str().unwrap().len(), 32);

        let location = make_location(&admin, "Shelf").await;
        let body = scan(&admin, json!(format!("{{\"stocklocation\": {location}}}"))).await.expect(200);
        assert_eq!(body["stocklocation"]["instance"]["name"], "Shelf");
        let body = scan(&admin, json!(format!("{{\"stocklocation\": {{\"id\": {location}}}}}"))).await.expect(200);
        assert_eq!(body["stocklocation"]["pk"], location);
        // Leading zeros and surrounding whitespace are accepted.
        scan(&admin, json!(format!("  INV-PA000{part}\n"))).await.expect(200);
    }
);

api_test!(
    async fn unknown_barcodes_are_no_match(app) {
        let admin = app.admin().await;
        for data in [json!("INV-PA999999"), json!("{\"part\": 999999999}"), json!(123456789), json!("['foo', 'bar']"), json!("{\"part\": null}"), json!("[1,2]"), json!("{\"part\": 1e400}")] {
            let body = scan(&admin, data.clone()).await.expect(400);
            assert_eq!(body["error"], "No match found for barcode data", "{data}");
            assert_eq!(body["plugin"], Value::Null);
        }
    }
);

api_test!(
    async fn bad_barcode_fields_get_drf_errors(app) {
        let admin = app.admin().await;
        assert_eq!(scan(&admin, json!("")).await.expect(400), json!({"barcode": ["This field may not be blank."]}));
        assert_eq!(scan(&admin, json!("   ")).await.expect(400), json!({"barcode": ["This field may not be blank."]}));
        assert_eq!(admin.post("/api/barcode/", json!({})).await.expect(400), json!({"barcode": ["This field is required."]}));
        assert_eq!(scan(&admin, json!(null)).await.expect(400), json!({"barcode": ["This field may not be null."]}));
        assert_eq!(scan(&admin, json!(["a"])).await.expect(400), json!({"barcode": ["Not a valid string."]}));
        let long = scan(&admin, json!("x".repeat(4096))).await.expect(400);
        assert_eq!(long, json!({"barcode": ["Ensure this field has no more than 4095 characters."]}));
        let nul = scan(&admin, json!("ab\u{0}cd")).await.expect(400);
        assert_eq!(nul, json!({"barcode": ["Null characters are not allowed."]}));
        let raw = admin.raw(reqwest::Method::POST, "/api/barcode/", "application/json", b"{\"barcode\": \"\\xff\"".to_vec()).await;
        assert_eq!(raw.status, 400);
        app.anonymous().post("/api/barcode/", json!({"barcode": "x"})).await.expect(401);
        admin.get("/api/barcode/").await.expect(405);
    }
);

api_test!(
    async fn a_scan_needs_view_permission_on_what_it_finds(app) {
        let admin = app.admin().await;
        let part = make_part(&admin, "Secret").await;
        let stocker = app.user("stocker", &[("stock", Permissions::ALL)]).await;
        let body = scan(&stocker, json!(format!("INV-PA{part}"))).await.expect(403);
        assert_eq!(body["detail"], "User does not have permission to view this model");
        let builder = app.user("builder", &[("build", Permissions::VIEW)]).await;
        scan(&builder, json!(format!("INV-PA{part}"))).await.expect(200);
    }
);

api_test!(
    async fn external_barcodes_link_scan_and_unlink(app) {
        let admin = app.admin().await;
        let part = make_part(&admin, "LED").await;
        let other = make_part(&admin, "Other").await;
        let body = admin.post("/api/barcode/link/", json!({"barcode": "4006381333931", "part": part})).await.expect(200);
        assert_eq!(body["success"], "Assigned barcode to part instance");
        assert_eq!(body["part"], json!({"pk": part}));
        assert_eq!(body["barcode_hash"], "c1a8a4073d832f6e5d43cea45034c777");
        assert_eq!(scan(&admin, json!("4006381333931")).await.expect(200)["part"]["pk"], part);

        // One object, several barcodes; one barcode, one object.
        admin.post("/api/barcode/link/", json!({"barcode": "xyz-123", "part": part})).await.expect(200);
        let body = admin.post("/api/barcode/link/", json!({"barcode": "xyz-123", "part": other})).await.expect(400);
        assert_eq!(body["error"], "Barcode matches existing item");
        let body = admin.post("/api/barcode/link/", json!({"barcode": format!("INV-PA{other}"), "part": part})).await.expect(400);
        assert_eq!(body["error"], "Barcode matches existing item");
        let links = admin.get(&format!("/api/barcode/link/?part={part}")).await.expect(200);
        assert_eq!(links.as_array().unwrap().len(), 2);

        let body = admin.post("/api/barcode/unlink/", json!({"part": part, "barcode": "xyz-123"})).await.expect(200);
        assert_eq!(body["success"], "Barcode unassigned from part instance");
        scan(&admin, json!("xyz-123")).await.expect(400);
        scan(&admin, json!("4006381333931")).await.expect(200);
        admin.post("/api/barcode/unlink/", json!({"part": part})).await.expect(200);
        scan(&admin, json!("4006381333931")).await.expect(400);
        admin.post("/api/barcode/link/", json!({"barcode": "4006381333931", "part": other})).await.expect(200);
    }
);

api_test!(
    async fn linking_refuses_bad_requests_with_inventree_texts(app) {
        let admin = app.admin().await;
        let part = make_part(&admin, "P").await;
        let body = admin.post("/api/barcode/link/", json!({"barcode": "abc"})).await.expect(400);
        assert!(body["error"].as_str().unwrap().starts_with("Missing data: provide one of '["), "{body}");
        let body = admin.post("/api/barcode/link/", json!({"barcode": "abc", "part": 999})).await.expect(400);
        assert_eq!(body, json!({"part": ["Invalid pk \"999\" - object does not exist."]}));
        let body = admin.post("/api/barcode/link/", json!({"barcode": "abc", "part": true})).await.expect(400);
        assert_eq!(body, json!({"part": ["Incorrect type. Expected pk value, received bool."]}));
        let body = admin.post("/api/barcode/link/", json!({"part": part})).await.expect(400);
        assert_eq!(body, json!({"barcode": ["This field is required."]}));
        let viewer = app.user("viewer", &[("part", Permissions::VIEW)]).await;
        let body = viewer.post("/api/barcode/link/", json!({"barcode": "abc", "part": part})).await.expect(403);
        assert_eq!(body["error"], "You do not have the required permissions for <class 'part.models.Part'>");
        let body = admin.post("/api/barcode/unlink/", json!({})).await.expect(400);
        assert!(body["error"].as_str().unwrap().starts_with("Missing data: Provide one of '"));
        let body = admin.post("/api/barcode/unlink/", json!({"part": part, "stockitem": 1})).await.expect(400);
        assert!(body["error"].as_str().unwrap().starts_with("Multiple conflicting fields"));
        let body = admin.post("/api/barcode/unlink/", json!({"part": null})).await.expect(400);
        assert_eq!(body["error"], "Could not unassign barcode");
        let body = viewer.post("/api/barcode/unlink/", json!({"part": part})).await.expect(403);
        assert!(body["error"].as_str().unwrap().contains("required permissions"));
        assert_eq!(admin.get(&format!("/api/barcode/link/?part={part}")).await.expect(200), json!([]));
    }
);

api_test!(
    async fn generated_barcodes_follow_the_plugin_settings(app) {
        let admin = app.admin().await;
        let part = make_part(&admin, "G").await;
        let body = admin.post("/api/barcode/generate/", json!({"model": "part", "pk": part})).await.expect(200);
        assert_eq!(body["barcode"], format!("INV-PA{part}"));
        admin.patch("/api/plugins/inventreebarcode/settings/INTERNAL_BARCODE_FORMAT/", json!({"value": "json"})).await.expect(200);
        let body = admin.post("/api/barcode/generate/", json!({"model": "part", "pk": part})).await.expect(200);
        assert_eq!(body["barcode"], format!("{{\"part\": {part}}}"));
        admin.patch("/api/plugins/inventreebarcode/settings/INTERNAL_BARCODE_FORMAT/", json!({"value": "short"})).await.expect(200);
        admin.patch("/api/plugins/inventreebarcode/settings/SHORT_BARCODE_PREFIX/", json!({"value": "LAB-"})).await.expect(200);
        let body = admin.post("/api/barcode/generate/", json!({"model": "part", "pk": part})).await.expect(200);
        assert_eq!(body["barcode"], format!("LAB-PA{part}"));
        scan(&admin, json!(format!("LAB-PA{part}"))).await.expect(200);
        scan(&admin, json!(format!("INV-PA{part}"))).await.expect(400);

        let body = admin.post("/api/barcode/generate/", json!({"model": "widget", "pk": 1})).await.expect(400);
        assert_eq!(body, json!({"model": ["Model is not supported"]}));
        let body = admin.post("/api/barcode/generate/", json!({"model": "part", "pk": 999})).await.expect(400);
        assert_eq!(body, json!({"error": "Model instance not found"}));
        let body = admin.post("/api/barcode/generate/", json!({})).await.expect(400);
        assert_eq!(body, json!({"model": ["This field is required."], "pk": ["This field is required."]}));
    }
);

async fn history_len(client: &Client, expected: usize) -> Value {
    for _ in 0..100 {
        let listed = client.get("/api/barcode/history/").await.expect(200);
        if listed.as_array().unwrap().len() == expected {
            return listed;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("history did not reach {expected} rows");
}

api_test!(
    async fn scan_history_is_kept_when_enabled_and_pruned_to_the_cap(app) {
        let admin = app.admin().await;
        let part = make_part(&admin, "H").await;
        scan(&admin, json!(format!("INV-PA{part}"))).await.expect(200);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert_eq!(admin.get("/api/barcode/history/").await.expect(200), json!([]), "off by default");

        admin.patch("/api/settings/global/BARCODE_STORE_RESULTS/", json!({"value": true})).await.expect(200);
        admin.patch("/api/settings/global/BARCODE_RESULTS_MAX_NUM/", json!({"value": 3})).await.expect(200);
        scan(&admin, json!(format!("INV-PA{part}"))).await.expect(200);
        let listed = history_len(&admin, 1).await;
        assert_eq!(listed[0]["result"], true);
        assert_eq!(listed[0]["data"], format!("INV-PA{part}"));
        assert_eq!(listed[0]["endpoint"], "/api/barcode/");
        assert_eq!(listed[0]["response"]["plugin"], "InvenTreeBarcode");
        for n in 0..5 {
            scan(&admin, json!(format!("unknown-{n}"))).await.expect(400);
        }
        let listed = history_len(&admin, 3).await;
        assert_eq!(listed[0]["data"], "unknown-4");
        assert_eq!(listed[0]["result"], false);
        let page = admin.get("/api/barcode/history/?limit=2&result=false").await.expect(200);
        assert_eq!(page["count"], 3);

        let pk = listed[0]["pk"].as_i64().unwrap();
        admin.get(&format!("/api/barcode/history/{pk}/")).await.expect(200);
        let viewer = app.user("viewer", &[]).await;
        viewer.get("/api/barcode/history/").await.expect(200);
        viewer.delete(&format!("/api/barcode/history/{pk}/")).await.expect(403);
        admin.delete(&format!("/api/barcode/history/{pk}/")).await.expect(204);
        let body = admin.delete_with("/api/barcode/history/", json!({})).await.expect(400);
        assert_eq!(body["non_field_errors"], json!(["List of items must be provided for bulk operation"]));
        let body = admin.delete_with("/api/barcode/history/", json!({"items": "x"})).await.expect(400);
        assert_eq!(body["non_field_errors"], json!(["Items must be provided as a list"]));
        let body = admin.delete("/api/barcode/history/?all=true").await.expect(200);
        assert_eq!(body["success"], "Deleted 2 items");
    }
);

api_test!(
    async fn an_objects_barcode_hash_shows_its_first_link(app) {
        let admin = app.admin().await;
        let part = make_part(&admin, "Hashed").await;
        assert_eq!(admin.get(&format!("/api/part/{part}/")).await.expect(200)["barcode_hash"], "");
        admin.post("/api/barcode/link/", json!({"barcode": "abcdefg", "part": part})).await.expect(200);
        admin.post("/api/barcode/link/", json!({"barcode": "second", "part": part})).await.expect(200);
        let body = admin.get(&format!("/api/part/{part}/")).await.expect(200);
        assert_eq!(body["barcode_hash"], "7ac66c0f148de9519b8bd264312c4d64");
        let listed = admin.get("/api/part/").await.expect(200);
        assert_eq!(listed[0]["barcode_hash"], "7ac66c0f148de9519b8bd264312c4d64");
    }
);

api_test!(
    async fn stock_items_and_locations_show_their_barcode_hash(app) {
        let admin = app.admin().await;
        let part = make_part(&admin, "S").await;
        let location = make_location(&admin, "L").await;
        let item = admin.post("/api/stock/", json!({"part": part, "quantity": 2, "location": location})).await.expect(201)[0]["pk"].as_i64().unwrap();
        admin.post("/api/barcode/link/", json!({"barcode": "abcdefg", "stockitem": item})).await.expect(200);
        admin.post("/api/barcode/link/", json!({"barcode": "ABCDEFG", "stocklocation": location})).await.expect(200);
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["barcode_hash"], "7ac66c0f148de9519b8bd264312c4d64");
        assert_eq!(admin.get(&format!("/api/stock/location/{location}/")).await.expect(200)["barcode_hash"], "bb747b3df3130fe1ca4afa93fb7d97c9");
        let body = scan(&admin, json!("abcdefg")).await.expect(200);
        assert_eq!(body["stockitem"]["instance"]["barcode_hash"], "7ac66c0f148de9519b8bd264312c4d64");
    }
);
