//! `/api/part/category/`: CRUD, tree filters, the delete rule, roles and bad input.

use serde_json::json;
use stockroom_store::auth::Permissions;

use crate::api_test;

api_test!(
    async fn categories_are_created_listed_updated_and_deleted(app) {
        let admin = app.admin().await;
        let top = admin.post("/api/part/category/", json!({"name": "Electronics", "description": "All things"})).await.expect(201);
        assert_eq!(top["pathstring"], "Electronics");
        assert_eq!(top["level"], 0);
        let top_pk = top["pk"].as_i64().unwrap();
        let child = admin.post("/api/part/category/", json!({"name": "Resistors", "parent": top_pk})).await.expect(201);
        let child_pk = child["pk"].as_i64().unwrap();
        assert_eq!(child["pathstring"], "Electronics/Resistors");
        assert_eq!(child["level"], 1);

        let detail = admin.get(&format!("/api/part/category/{top_pk}/")).await.expect(200);
        assert_eq!(detail["subcategories"], 1);

        let listed = admin.get("/api/part/category/").await.expect(200);
        assert_eq!(listed.as_array().unwrap().len(), 2);
        let page = admin.get("/api/part/category/?limit=1&format=json").await.expect(200);
        assert_eq!(page["count"], 2);
        assert_eq!(page["results"].as_array().unwrap().len(), 1);
        assert!(page["next"].as_str().unwrap().contains("limit=1&offset=1"));
        assert_eq!(page["previous"], json!(null));
        let page2 = admin.get("/api/part/category/?limit=1&offset=1").await.expect(200);
        assert_eq!(page2["next"], json!(null));
        assert!(page2["previous"].is_string());

        let children = admin.get(&format!("/api/part/category/?parent={top_pk}")).await.expect(200);
        assert_eq!(children.as_array().unwrap().len(), 1);
        let tops = admin.get("/api/part/category/?parent=null").await.expect(200);
        assert_eq!(tops[0]["pk"], top_pk);
        let found = admin.get("/api/part/category/?search=resis").await.expect(200);
        assert_eq!(found.as_array().unwrap().len(), 1);
        let ordered = admin.get("/api/part/category/?ordering=-name").await.expect(200);
        assert_eq!(ordered[0]["name"], "Resistors");

        let patched = admin.patch(&format!("/api/part/category/{top_pk}/"), json!({"name": "EE"})).await.expect(200);
        assert_eq!(patched["name"], "EE");
        assert_eq!(admin.get(&format!("/api/part/category/{child_pk}/")).await.expect(200)["pathstring"], "EE/Resistors");
        let put = admin.put(&format!("/api/part/category/{child_pk}/"), json!({"name": "Res", "parent": null})).await.expect(200);
        assert_eq!(put["parent"], json!(null));
        let err = admin.put(&format!("/api/part/category/{child_pk}/"), json!({"description": "no name"})).await.expect(400);
        assert_eq!(err, json!({"name": ["This field is required."]}));

        admin.delete(&format!("/api/part/category/{child_pk}/")).await.expect(204);
        admin.get(&format!("/api/part/category/{child_pk}/")).await.expect(404);
    }
);

api_test!(
    async fn deleting_a_category_moves_children_up_unless_asked(app) {
        let admin = app.admin().await;
        let a = admin.post("/api/part/category/", json!({"name": "A"})).await.expect(201)["pk"].as_i64().unwrap();
        let b = admin.post("/api/part/category/", json!({"name": "B", "parent": a})).await.expect(201)["pk"].as_i64().unwrap();
        let c = admin.post("/api/part/category/", json!({"name": "C", "parent": b})).await.expect(201)["pk"].as_i64().unwrap();
        admin.delete(&format!("/api/part/category/{b}/")).await.expect(204);
        let c_now = admin.get(&format!("/api/part/category/{c}/")).await.expect(200);
        assert_eq!(c_now["parent"], a);
        assert_eq!(c_now["pathstring"], "A/C");
        admin.delete_with(&format!("/api/part/category/{a}/"), json!({"delete_child_categories": true})).await.expect(204);
        admin.get(&format!("/api/part/category/{c}/")).await.expect(404);
    }
);

api_test!(
    async fn bad_category_input_gets_field_errors_and_writes_nothing(app) {
        let admin = app.admin().await;
        let body = admin.post("/api/part/category/", json!({})).await.expect(400);
        assert_eq!(body, json!({"name": ["This field is required."]}));
        let body = admin.post("/api/part/category/", json!({"name": "X", "parent": 999})).await.expect(400);
        assert_eq!(body, json!({"parent": ["Invalid pk \"999\" - object does not exist."]}));
        let body = admin.post("/api/part/category/", json!({"name": "X", "parent": "abc", "structural": "maybe"})).await.expect(400);
        assert_eq!(body["parent"], json!(["Incorrect type. Expected pk value, received str."]));
        assert_eq!(body["structural"], json!(["Must be a valid boolean."]));
        let body = admin.post("/api/part/category/", json!({"name": "x".repeat(101)})).await.expect(400);
        assert_eq!(body["name"], json!(["Ensure this field has no more than 100 characters."]));
        let body = admin.raw(reqwest::Method::POST, "/api/part/category/", "application/json", b"{\"name\": ".to_vec()).await.expect(400);
        assert!(body["detail"].as_str().unwrap().starts_with("JSON parse error"));
        let body = admin.raw(reqwest::Method::POST, "/api/part/category/", "text/plain", b"name=x".to_vec()).await.expect(415);
        assert_eq!(body["detail"], "Unsupported media type \"text/plain\" in request.");
        let body = admin.post("/api/part/category/", json!([1, 2])).await.expect(400);
        assert_eq!(body["non_field_errors"], json!(["Invalid data. Expected a dictionary, but got list."]));
        let body = admin.get("/api/part/category/?parent=abc").await.expect(400);
        assert!(body["parent"].is_array());
        admin.get("/api/part/category/abc/").await.expect(404);

        let a = admin.post("/api/part/category/", json!({"name": "A"})).await.expect(201)["pk"].as_i64().unwrap();
        let b = admin.post("/api/part/category/", json!({"name": "B", "parent": a})).await.expect(201)["pk"].as_i64().unwrap();
        let body = admin.patch(&format!("/api/part/category/{a}/"), json!({"parent": b})).await.expect(400);
        assert!(body["parent"].is_array(), "{body}");
        assert_eq!(admin.get("/api/part/category/").await.expect(200).as_array().unwrap().len(), 2);
        let big = json!({"name": "x", "description": "y".repeat(3 * 1024 * 1024)});
        let body = admin.post("/api/part/category/", big).await.expect(400);
        assert!(body["detail"].as_str().unwrap().contains("larger than"));
    }
);

api_test!(
    async fn category_roles_are_enforced(app) {
        let admin = app.admin().await;
        let pk = admin.post("/api/part/category/", json!({"name": "A"})).await.expect(201)["pk"].as_i64().unwrap();
        let viewer = app.user("viewer", &[("part_category", Permissions::VIEW)]).await;
        viewer.get("/api/part/category/").await.expect(200);
        viewer.get(&format!("/api/part/category/{pk}/")).await.expect(200);
        let body = viewer.post("/api/part/category/", json!({"name": "B"})).await.expect(403);
        assert_eq!(body["detail"], "You do not have permission to perform this action.");
        viewer.patch(&format!("/api/part/category/{pk}/"), json!({"name": "C"})).await.expect(403);
        viewer.delete(&format!("/api/part/category/{pk}/")).await.expect(403);
        let nobody = app.user("nobody", &[("stock", Permissions::ALL)]).await;
        nobody.get("/api/part/category/").await.expect(403);
        let editor = app.user("editor", &[("part_category", Permissions { view: true, add: false, change: true, delete: false })]).await;
        editor.patch(&format!("/api/part/category/{pk}/"), json!({"name": "C"})).await.expect(200);
    }
);

api_test!(
    async fn options_describe_the_fields_allowed_to_the_user(app) {
        let admin = app.admin().await;
        let body = admin.options("/api/part/category/").await.expect(200);
        let post = &body["actions"]["POST"];
        assert_eq!(post["name"]["type"], "string");
        assert_eq!(post["name"]["required"], true);
        assert_eq!(post["name"]["max_length"], 100);
        assert_eq!(post["parent"]["type"], "related field");
        assert_eq!(post["parent"]["model"], "partcategory");
        assert_eq!(post["pk"]["read_only"], true);
        assert_eq!(body["model"], "partcategory");
        let pk = admin.post("/api/part/category/", json!({"name": "A"})).await.expect(201)["pk"].as_i64().unwrap();
        let detail = admin.options(&format!("/api/part/category/{pk}/")).await.expect(200);
        assert!(detail["actions"]["PUT"].is_object());
        assert!(detail["actions"]["DELETE"].is_object());

        let viewer = app.user("viewer", &[("part_category", Permissions::VIEW)]).await;
        let body = viewer.options("/api/part/category/").await.expect(200);
        assert!(body["actions"].get("POST").is_none());
        assert!(body["actions"]["GET"].is_object());
    }
);
