//! Settings and plugins.

use serde_json::json;
use stockroom_store::auth::Permissions;

use crate::api_test;

api_test!(
    async fn global_settings_are_listed_with_defaults_and_changed_by_staff(app) {
        let admin = app.admin().await;
        let listed = admin.get("/api/settings/global/").await.expect(200);
        let enable = listed.as_array().unwrap().iter().find(|s| s["key"] == "BARCODE_ENABLE").unwrap().clone();
        assert_eq!(enable["value"], "True");
        assert_eq!(enable["type"], "boolean");
        assert_eq!(enable["name"], "Barcode Support");
        assert_eq!(enable["typ"], "inventree");

        let one = admin.get("/api/settings/global/BARCODE_RESULTS_MAX_NUM/").await.expect(200);
        assert_eq!(one["value"], "100");
        let changed = admin.patch("/api/settings/global/BARCODE_RESULTS_MAX_NUM/", json!({"value": 250})).await.expect(200);
        assert_eq!(changed["value"], "250");
        let changed = admin.put("/api/settings/global/BARCODE_STORE_RESULTS/", json!({"value": true})).await.expect(200);
        assert_eq!(changed["value"], "True");
        assert_eq!(admin.get("/api/settings/global/BARCODE_STORE_RESULTS/").await.expect(200)["value"], "True");

        let body = admin.patch("/api/settings/global/BARCODE_RESULTS_MAX_NUM/", json!({"value": 0})).await.expect(400);
        assert_eq!(body, json!({"value": ["Ensure this value is greater than or equal to 1."]}));
        let body = admin.patch("/api/settings/global/BARCODE_ENABLE/", json!({"value": "perhaps"})).await.expect(400);
        assert_eq!(body, json!({"value": ["Must be a valid boolean."]}));
        let body = admin.patch("/api/settings/global/BARCODE_ENABLE/", json!({})).await.expect(400);
        assert_eq!(body, json!({"value": ["This field is required."]}));
        admin.get("/api/settings/global/NO_SUCH_SETTING/").await.expect(404);
        assert_eq!(admin.get("/api/settings/global/BARCODE_RESULTS_MAX_NUM/").await.expect(200)["value"], "250");

        let plain = app.user("plain", &[("stock", Permissions::ALL)]).await;
        plain.get("/api/settings/global/BARCODE_ENABLE/").await.expect(200);
        plain.patch("/api/settings/global/BARCODE_ENABLE/", json!({"value": false})).await.expect(403);
        app.anonymous().get("/api/settings/global/").await.expect(401);
    }
);

api_test!(
    async fn user_settings_belong_to_each_user(app) {
        let a = app.user("a", &[]).await;
        let b = app.user("b", &[]).await;
        a.patch("/api/settings/user/BARCODE_IN_FORM_FIELDS/", json!({"value": "true"})).await.expect(200);
        assert_eq!(a.get("/api/settings/user/BARCODE_IN_FORM_FIELDS/").await.expect(200)["value"], "True");
        assert_eq!(b.get("/api/settings/user/BARCODE_IN_FORM_FIELDS/").await.expect(200)["value"], "False");
        let listed = b.get("/api/settings/user/").await.expect(200);
        assert_eq!(listed[0]["typ"], "user");
    }
);

api_test!(
    async fn turning_on_global_serials_with_duplicates_is_refused(app) {
        use stockroom_store::parts::NewPart;
        use stockroom_store::stock::NewStockItem;
        let store = app.store().clone();
        tokio::task::spawn_blocking(move || {
            for name in ["A", "B"] {
                let p = store.create_part(&NewPart { name: name.into(), trackable: true, ..Default::default() }).unwrap();
                let item = NewStockItem { serial: Some("7".into()), ..NewStockItem::new(p.id, stockroom_core::Quantity::ONE) };
                store.create_stock_item(&item, None).unwrap();
            }
        })
        .await
        .unwrap();
        let admin = app.admin().await;
        let body = admin.patch("/api/settings/global/SERIAL_NUMBER_GLOBALLY_UNIQUE/", json!({"value": true})).await.expect(400);
        assert!(body["value"][0].as_str().unwrap().ends_with(": 7"), "{body}");
        assert_eq!(admin.get("/api/settings/global/SERIAL_NUMBER_GLOBALLY_UNIQUE/").await.expect(200)["value"], "False");
    }
);

api_test!(
    async fn plugins_list_the_builtin_barcode_plugin_and_its_settings(app) {
        let admin = app.admin().await;
        let plugins = admin.get("/api/plugins/").await.expect(200);
        assert_eq!(plugins[0]["key"], "inventreebarcode");
        assert_eq!(plugins[0]["active"], true);
        assert!(plugins[0]["mixins"]["barcode"].is_object());
        admin.get("/api/plugins/inventreebarcode/").await.expect(200);
        admin.get("/api/plugins/nope/").await.expect(404);

        let prefix = admin.get("/api/plugins/inventreebarcode/settings/SHORT_BARCODE_PREFIX/").await.expect(200);
        assert_eq!(prefix["value"], "INV-");
        let changed = admin.patch("/api/plugins/inventreebarcode/settings/INTERNAL_BARCODE_FORMAT/", json!({"value": "json"})).await.expect(200);
        assert_eq!(changed["value"], "json");
        let body = admin.patch("/api/plugins/inventreebarcode/settings/INTERNAL_BARCODE_FORMAT/", json!({"value": "xml"})).await.expect(400);
        assert_eq!(body, json!({"value": ["\"xml\" is not a valid choice."]}));
        let listed = admin.get("/api/plugins/inventreebarcode/settings/").await.expect(200);
        assert_eq!(listed.as_array().unwrap().len(), 2);
        let plain = app.user("plain", &[]).await;
        plain.patch("/api/plugins/inventreebarcode/settings/SHORT_BARCODE_PREFIX/", json!({"value": "X"})).await.expect(403);
    }
);

api_test!(
    async fn every_endpoint_answers_options(app) {
        let admin = app.admin().await;
        let body = admin.options("/api/settings/global/BARCODE_ENABLE/").await.expect(200);
        assert_eq!(body["actions"]["PUT"]["value"]["label"], "Barcode Support");
        let body = admin.options("/api/plugins/inventreebarcode/settings/SHORT_BARCODE_PREFIX/").await.expect(200);
        assert_eq!(body["actions"]["PUT"]["value"]["default"], "INV-");
        for path in ["/api/user/me/", "/api/user/roles/", "/api/settings/global/", "/api/plugins/"] {
            let body = admin.options(path).await.expect(200);
            assert!(body["actions"].is_object(), "{path}");
        }
    }
);
