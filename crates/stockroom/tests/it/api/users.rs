//! Authentication, tokens and roles.

use serde_json::json;
use stockroom_store::auth::{NewUser, Permissions};

use super::*;
use crate::api_test;

async fn make_user(app: &TestApp, name: &str, password: &str) -> i64 {
    let store = app.store().clone();
    let (name, password) = (name.to_owned(), password.to_owned());
    tokio::task::spawn_blocking(move || {
        store
            .create_user(&NewUser {
                username: name,
                password,
                ..Default::default()
            })
            .unwrap()
            .id
    })
    .await
    .unwrap()
}

api_test!(
    async fn requests_without_credentials_are_refused(app) {
        let body = app.anonymous().get("/api/user/me/").await.expect(401);
        assert_eq!(body, json!({"detail": "Authentication credentials were not provided."}));
        let body = app.anonymous().get("/api/part/category/").await.expect(401);
        assert_eq!(body["detail"], "Authentication credentials were not provided.");
    }
);

api_test!(
    async fn basic_auth_and_tokens_identify_the_user(app) {
        make_user(&app, "alice", "s3cret").await;
        let me = app.basic("alice", "s3cret").get("/api/user/me/").await.expect(200);
        assert_eq!(me["username"], "alice");
        assert_eq!(me["is_superuser"], false);
        // Again, now from the credential cache.
        app.basic("alice", "s3cret").get("/api/user/me/").await.expect(200);

        let body = app.basic("alice", "wrong").get("/api/user/me/").await.expect(401);
        assert_eq!(body["detail"], "Invalid username/password.");
        let body = app.basic("nobody", "s3cret").get("/api/user/me/").await.expect(401);
        assert_eq!(body["detail"], "Invalid username/password.");

        let first = app.basic("alice", "s3cret").get("/api/user/token/?name=scanner").await.expect(200);
        // API 490 and later clients ask at `me/token/`.
        let second = app.basic("alice", "s3cret").get("/api/user/me/token/?name=scanner").await.expect(200);
        assert_ne!(first["token"], second["token"], "a new token on every call");
        assert_eq!(first["name"], "scanner");
        assert!(first["expiry"].is_string());

        let token = first["token"].as_str().unwrap().to_owned();
        let reply = app
            .anonymous()
            .send(app.http.get(app.url("/api/user/me/")).header("Authorization", format!("Token {token}")))
            .await;
        assert_eq!(reply.expect(200)["username"], "alice");
        let reply = app
            .anonymous()
            .send(app.http.get(app.url("/api/user/me/")).header("Authorization", "Token inv-not-a-token"))
            .await;
        assert_eq!(reply.expect(401)["detail"], "Invalid token.");
    }
);

api_test!(
    async fn revoked_tokens_stop_working(app) {
        make_user(&app, "bob", "pw").await;
        let issued = app.basic("bob", "pw").get("/api/user/token/").await.expect(200);
        let token = issued["token"].as_str().unwrap().to_owned();
        let listed = app.basic("bob", "pw").get("/api/user/tokens/").await.expect(200);
        let pk = listed[0]["pk"].as_i64().unwrap();
        assert!(!listed[0]["token"].as_str().unwrap().contains(&token[8..]), "secrets are never shown again");
        app.basic("bob", "pw").delete(&format!("/api/user/tokens/{pk}/")).await.expect(204);
        let reply = app
            .anonymous()
            .send(app.http.get(app.url("/api/user/me/")).header("Authorization", format!("Token {token}")))
            .await;
        assert_eq!(reply.status, 401);
        let listed = app.basic("bob", "pw").get("/api/user/tokens/").await.expect(200);
        assert_eq!(listed[0]["revoked"], true);
        app.basic("bob", "pw").delete("/api/user/tokens/999999/").await.expect(404);
    }
);

api_test!(
    async fn repeated_failed_sign_ins_are_throttled(app) {
        make_user(&app, "carol", "right").await;
        for _ in 0..10 {
            app.basic("carol", "wrong").get("/api/user/me/").await.expect(401);
        }
        let body = app.basic("carol", "right").get("/api/user/me/").await.expect(429);
        assert!(body["detail"].as_str().unwrap().starts_with("Request was throttled."));
    }
);

api_test!(
    async fn roles_list_each_rule_sets_permissions(app) {
        let viewer = app.user("viewer", &[("stock", Permissions::VIEW), ("part", Permissions::ALL)]).await;
        let body = viewer.get("/api/user/roles/").await.expect(200);
        assert_eq!(body["username"], "viewer");
        assert_eq!(body["roles"]["stock"], json!(["view"]));
        assert_eq!(body["roles"]["part"], json!(["view", "add", "change", "delete"]));
        assert_eq!(body["roles"]["purchase_order"], json!(null));
        let admin = app.admin().await.get("/api/user/roles/").await.expect(200);
        assert_eq!(admin["roles"]["admin"], json!(["view", "add", "change", "delete"]));
    }
);

api_test!(
    async fn sessions_need_the_csrf_token_to_write(app) {
        let store = app.store().clone();
        let (cookie, csrf) = tokio::task::spawn_blocking(move || {
            let user = store.create_user(&NewUser { username: "dora".into(), password: "pw".into(), is_superuser: true, ..Default::default() }).unwrap();
            let (session, cookie) = store.create_session(user.id, chrono::Duration::hours(1)).unwrap();
            (cookie, session.csrf_token)
        })
        .await
        .unwrap();
        let with_cookie = |b: reqwest::RequestBuilder| b.header("Cookie", format!("sessionid={cookie}"));
        let client = app.anonymous();
        let reply = client.send(with_cookie(app.http.get(app.url("/api/user/me/")))).await;
        assert_eq!(reply.expect(200)["username"], "dora");
        let reply = client.send(with_cookie(app.http.post(app.url("/api/part/category/"))).json(&json!({"name": "X"}))).await;
        assert_eq!(reply.expect(403)["detail"], "CSRF Failed: CSRF token missing.");
        let reply = client
            .send(with_cookie(app.http.post(app.url("/api/part/category/"))).header("X-CSRFToken", "wrong").json(&json!({"name": "X"})))
            .await;
        assert_eq!(reply.expect(403)["detail"], "CSRF Failed: CSRF token incorrect.");
        let reply = client
            .send(with_cookie(app.http.post(app.url("/api/part/category/"))).header("X-CSRFToken", csrf).json(&json!({"name": "X"})))
            .await;
        reply.expect(201);
        let reply = client.send(app.http.get(app.url("/api/user/me/")).header("Cookie", "sessionid=expired-or-unknown")).await;
        assert_eq!(reply.status, 401);
    }
);
