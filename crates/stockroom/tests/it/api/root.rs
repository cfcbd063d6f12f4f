//! Start-up, the root endpoint, health and unknown paths.

use super::*;
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
