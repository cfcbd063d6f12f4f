//! Start-up, the root endpoint, health and unknown paths.

use crate::api_test;

api_test!(
    async fn the_root_endpoint_speaks_as_inventree(app) {
        let reply = app.anonymous().get("/api/").await;
        assert_eq!(reply.content_type.as_deref(), Some("application/json"));
        let body = reply.expect(200);
        assert_eq!(body["server"], "InvenTree");
        assert_eq!(body["apiVersion"], 530);
        assert_eq!(body["version"], "1.5.0");
        assert_eq!(body["instance"], "Stockroom");
        assert_eq!(body["stockroom"]["version"], env!("CARGO_PKG_VERSION"));
    }
);

api_test!(
    async fn health_reports_the_database(app) {
        let body = app.anonymous().get("/health").await.expect(200);
        assert_eq!(body["database"], "ok");
    }
);

api_test!(
    async fn unknown_paths_and_methods_answer_in_json(app) {
        let reply = app.anonymous().get("/api/nothing/here/").await;
        assert_eq!(reply.content_type.as_deref(), Some("application/json"));
        assert_eq!(reply.expect(404)["detail"], "Not found.");
        let admin = app.admin().await;
        let body = admin.delete("/api/part/category/").await.expect(405);
        assert_eq!(body["detail"], "Method \"DELETE\" not allowed.");
    }
);

api_test!(
    async fn the_openapi_document_and_viewer_are_served(app) {
        let doc = app.anonymous().get("/api/schema/").await.expect(200);
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let category = &doc["paths"]["/api/part/category/"];
        assert!(category["get"].is_object() && category["post"].is_object());
        let body = &category["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(body["required"], serde_json::json!(["name"]));
        assert!(doc["components"]["securitySchemes"]["tokenAuth"].is_object());
        let page = app.http.get(app.url("/api-doc/")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("swagger"));
    }
);

api_test!(
    async fn the_openapi_document_covers_every_resource(app) {
        let doc = app.anonymous().get("/api/schema/").await.expect(200);
        for path in ["/api/part/", "/api/bom/{pk}/", "/api/stock/", "/api/stock/location/{pk}/", "/api/stock/transfer/", "/api/barcode/", "/api/barcode/link/", "/api/user/me/token/"] {
            assert!(doc["paths"][path].is_object(), "{path} missing");
        }
    }
);
