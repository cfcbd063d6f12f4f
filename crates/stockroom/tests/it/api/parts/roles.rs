//! Who may do what with parts, and the field metadata `OPTIONS` gives each of them.

use serde_json::json;
use stockroom_store::auth::Permissions;

use super::*;
use crate::api_test;

api_test!(
    async fn part_roles_are_enforced(app) {
        let admin = app.admin().await;
        let pk = make(&admin, json!({"name": "Widget"})).await;
        let detail = format!("/api/part/{pk}/");

        let body = app.anonymous().get("/api/part/").await.expect(401);
        assert_eq!(body, json!({"detail": "Authentication credentials were not provided."}));
        app.anonymous().get(&detail).await.expect(401);
        app.anonymous().post("/api/part/", json!({"name": "X"})).await.expect(401);

        let nobody = app.user("nobody", &[("part_category", Permissions::ALL)]).await;
        let body = nobody.get("/api/part/").await.expect(403);
        assert_eq!(body, json!({"detail": "You do not have permission to perform this action."}));
        nobody.get(&detail).await.expect(403);

        let viewer = app.user("viewer", &[("part", Permissions::VIEW)]).await;
        viewer.get("/api/part/").await.expect(200);
        viewer.get(&detail).await.expect(200);
        viewer.post("/api/part/", json!({"name": "X"})).await.expect(403);
        viewer.patch(&detail, json!({"name": "Y"})).await.expect(403);
        viewer.put(&detail, json!({"name": "Y"})).await.expect(403);
        viewer.delete(&detail).await.expect(403);

        let only = |add, change, delete| Permissions { view: true, add, change, delete };
        let adder = app.user("adder", &[("part", only(true, false, false))]).await;
        make(&adder, json!({"name": "Added"})).await;
        adder.patch(&detail, json!({"name": "Y"})).await.expect(403);
        let changer = app.user("changer", &[("part", only(false, true, false))]).await;
        changer.post("/api/part/", json!({"name": "X"})).await.expect(403);
        changer.patch(&detail, json!({"name": "Changed", "active": false})).await.expect(200);
        changer.delete(&detail).await.expect(403);
        let deleter = app.user("deleter", &[("part", only(false, false, true))]).await;
        deleter.patch(&detail, json!({"name": "Y"})).await.expect(403);
        deleter.delete(&detail).await.expect(204);
        assert_eq!(count(&app).await, 1);
    }
);

api_test!(
    async fn options_describe_the_part_fields_allowed_to_the_user(app) {
        let admin = app.admin().await;
        let body = admin.options("/api/part/").await.expect(200);
        assert_eq!(body["name"], "Part List");
        assert_eq!(body["model"], "part");
        let post = &body["actions"]["POST"];
        assert_eq!(post["IPN"], json!({"type": "string", "required": false, "read_only": false, "label": "IPN", "help_text": "Internal Part Number", "max_length": 100, "default": ""}));
        assert_eq!(post["active"]["type"], "boolean");
        assert_eq!(post["active"]["default"], true);
        assert_eq!(post["active"]["help_text"], "Is this part active?");
        assert_eq!(post["category"]["type"], "related field");
        assert_eq!(post["category"]["model"], "partcategory");
        assert_eq!(post["category"]["api_url"], "/api/part/category/");
        assert_eq!(post["category"]["label"], "Category");
        assert_eq!(post["category"]["help_text"], "Part category");
        assert_eq!(post["category"]["required"], false);
        assert_eq!(post["variant_of"]["filters"], json!({"is_template": true}));
        assert_eq!(post["name"]["required"], true);
        assert_eq!(post["ordering"]["label"], "On Order");
        assert_eq!(post["ordering"]["read_only"], true);
        assert_eq!(post["stock_item_count"]["label"], "Stock Items");
        assert_eq!(post["barcode_hash"]["help_text"], "Unique hash of barcode data");
        assert_eq!(post["minimum_stock"]["type"], "float");
        assert!(body["actions"]["GET"].is_object());

        let pk = make(&admin, json!({"name": "Widget"})).await;
        let detail = admin.options(&format!("/api/part/{pk}/")).await.expect(200);
        assert_eq!(detail["name"], "Part Detail");
        assert!(detail["actions"]["PUT"].is_object());
        assert!(detail["actions"]["DELETE"].is_object());

        let viewer = app.user("viewer", &[("part", Permissions::VIEW)]).await;
        let body = viewer.options("/api/part/").await.expect(200);
        assert!(body["actions"].get("POST").is_none());
        assert!(body["actions"]["GET"].is_object());
        let body = viewer.options(&format!("/api/part/{pk}/")).await.expect(200);
        assert!(body["actions"].get("PUT").is_none() && body["actions"].get("DELETE").is_none());
        let body = app.anonymous().options("/api/part/").await.expect(200);
        assert_eq!(body["actions"], json!({}));
    }
);
