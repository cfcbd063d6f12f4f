//! InvenTree's rules for parts, and bad input: exact bodies, nothing written.

use serde_json::json;
use stockroom_store::parts::NewBomItem;
use stockroom_store::settings::SettingScope;

use super::*;
use crate::api_test;

api_test!(
    async fn structural_categories_refuse_parts(app) {
        let admin = app.admin().await;
        let structural = admin.post("/api/part/category/", json!({"name": "Electronics", "structural": true})).await.expect(201)["pk"].as_i64().unwrap();
        let open = category(&admin, "Misc", None).await;
        let body = admin.post("/api/part/", json!({"name": "Chip", "category": structural})).await.expect(400);
        assert_eq!(body, json!({"category": ["Parts cannot be assigned to structural part categories!"]}));
        assert_eq!(count(&app).await, 0);
        let pk = make(&admin, json!({"name": "Chip", "category": open})).await;
        let body = admin.patch(&format!("/api/part/{pk}/"), json!({"category": structural})).await.expect(400);
        assert_eq!(body, json!({"category": ["Parts cannot be assigned to structural part categories!"]}));
        assert_eq!(admin.get(&format!("/api/part/{pk}/")).await.expect(200)["category"], open);
    }
);

api_test!(
    async fn parts_sharing_a_name_need_another_ipn_or_revision(app) {
        let admin = app.admin().await;
        make(&admin, json!({"name": "Widget", "IPN": "W-1", "revision": "A"})).await;
        let body = admin.post("/api/part/", json!({"name": "Widget", "IPN": "W-1", "revision": "A"})).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Part with this Name, IPN and Revision already exists."]}));
        let b = make(&admin, json!({"name": "Widget", "IPN": "W-1", "revision": "B"})).await;
        let body = admin.patch(&format!("/api/part/{b}/"), json!({"revision": "A"})).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Part with this Name, IPN and Revision already exists."]}));
        make(&admin, json!({"name": "Plain"})).await;
        make(&admin, json!({"name": "Plain"})).await;
        assert_eq!(count(&app).await, 4, "names alone may repeat");

        make(&admin, json!({"name": "Other", "IPN": "w-1"})).await;
        with_store(&app, |s| s.set_setting(SettingScope::Global, "PART_ALLOW_DUPLICATE_IPN", "False").unwrap()).await;
        let body = admin.post("/api/part/", json!({"name": "Third", "IPN": "W-1"})).await.expect(400);
        assert_eq!(body, json!({"IPN": ["Duplicate IPN not allowed in part settings"]}));
        assert_eq!(count(&app).await, 5);
    }
);

api_test!(
    async fn variants_hang_below_templates_and_never_below_themselves(app) {
        let admin = app.admin().await;
        let template = make(&admin, json!({"name": "Chair", "is_template": true})).await;
        let plain = make(&admin, json!({"name": "Stool"})).await;
        let body = admin.post("/api/part/", json!({"name": "Red stool", "variant_of": plain})).await.expect(400);
        assert_eq!(body, json!({"variant_of": [format!("Invalid pk \"{plain}\" - object does not exist.")]}));
        let body = admin.post("/api/part/", json!({"name": "Ghost", "variant_of": 999})).await.expect(400);
        assert_eq!(body, json!({"variant_of": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(count(&app).await, 2);

        let red = make(&admin, json!({"name": "Red chair", "variant_of": template, "is_template": true})).await;
        let body = admin.patch(&format!("/api/part/{template}/"), json!({"variant_of": red})).await.expect(400);
        assert_eq!(body, json!({"variant_of": ["Part cannot be a variant of itself or of one of its variants"]}));
        let body = admin.patch(&format!("/api/part/{template}/"), json!({"variant_of": template})).await.expect(400);
        assert_eq!(body, json!({"variant_of": ["Part cannot be a variant of itself or of one of its variants"]}));
        assert_eq!(admin.get(&format!("/api/part/{template}/")).await.expect(200)["variant_of"], json!(null));

        // Moving a variant out of the tree and back in.
        let moved = admin.patch(&format!("/api/part/{red}/"), json!({"variant_of": null})).await.expect(200);
        assert_eq!(moved["variant_of"], json!(null));
        assert_eq!(pks(&admin.get(&format!("/api/part/?ancestor={template}")).await.expect(200)), Vec::<i64>::new());
        admin.patch(&format!("/api/part/{red}/"), json!({"variant_of": template})).await.expect(200);
        assert_eq!(pks(&admin.get(&format!("/api/part/?ancestor={template}")).await.expect(200)), [red]);
    }
);

api_test!(
    async fn locked_active_and_used_parts_cannot_be_deleted(app) {
        let admin = app.admin().await;
        let locked = make(&admin, json!({"name": "Locked", "active": false, "locked": true})).await;
        let body = admin.delete(&format!("/api/part/{locked}/")).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Cannot delete this part as it is locked"]}));
        let renamed = admin.patch(&format!("/api/part/{locked}/"), json!({"name": "Still locked"})).await.expect(200);
        assert_eq!(renamed["name"], "Still locked", "a locked part can be edited, as in InvenTree");

        let assembly = make(&admin, json!({"name": "Robot", "assembly": true})).await;
        let used = make(&admin, json!({"name": "Motor", "active": false})).await;
        with_store(&app, move |s| s.create_bom_item(&NewBomItem { part_id: assembly, sub_part_id: used, quantity: 100_000, ..Default::default() }).unwrap()).await;
        let body = admin.delete(&format!("/api/part/{used}/")).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Cannot delete this part as it is used in an assembly"]}));
        assert_eq!(count(&app).await, 3);

        with_store(&app, |s| {
            s.set_setting(SettingScope::Global, "PART_ALLOW_DELETE_FROM_ASSEMBLY", "True").unwrap();
            s.set_setting(SettingScope::Global, "PART_ENABLE_LOCKING", "False").unwrap();
        })
        .await;
        admin.delete(&format!("/api/part/{used}/")).await.expect(204);
        admin.delete(&format!("/api/part/{locked}/")).await.expect(204);
        assert_eq!(count(&app).await, 1);
    }
);

api_test!(
    async fn bad_part_input_gets_field_errors_and_writes_nothing(app) {
        let admin = app.admin().await;
        let body = admin.post("/api/part/", json!({})).await.expect(400);
        assert_eq!(body, json!({"name": ["This field is required."]}));
        let body = admin
            .post("/api/part/", json!({
                "name": "x".repeat(101), "IPN": null, "active": "maybe", "category": "abc",
                "variant_of": [1], "default_location": true, "default_expiry": "soon",
                "minimum_stock": "lots", "link": "not a link", "description": 5,
            }))
            .await
            .expect(400);
        assert_eq!(body, json!({
            "name": ["Ensure this field has no more than 100 characters."],
            "IPN": ["This field may not be null."],
            "active": ["Must be a valid boolean."],
            "category": ["Incorrect type. Expected pk value, received str."],
            "variant_of": ["Incorrect type. Expected pk value, received list."],
            "default_location": ["Incorrect type. Expected pk value, received bool."],
            "default_expiry": ["A valid integer is required."],
            "minimum_stock": ["A valid number is required."],
            "link": ["Enter a valid URL."],
        }));
        let body = admin.post("/api/part/", json!({"name": "X", "category": 999, "default_location": 998})).await.expect(400);
        assert_eq!(body, json!({
            "category": ["Invalid pk \"999\" - object does not exist."],
            "default_location": ["Invalid pk \"998\" - object does not exist."],
        }));
        let body = admin.post("/api/part/", json!({"name": "X", "default_expiry": -1, "minimum_stock": -2})).await.expect(400);
        assert_eq!(body, json!({
            "default_expiry": ["Ensure this value is greater than or equal to 0."],
            "minimum_stock": ["Ensure this value is greater than or equal to 0."],
        }));
        let body = admin.post("/api/part/", json!({"name": "X", "minimum_stock": 0.000001, "default_expiry": 3_000_000_000i64})).await.expect(400);
        assert_eq!(body, json!({
            "minimum_stock": ["Ensure that there are no more than 5 decimal places."],
            "default_expiry": ["Ensure this value is less than or equal to 2147483647."],
        }));
        let body = admin.post("/api/part/", json!({"name": "X", "notes": "n".repeat(50001)})).await.expect(400);
        assert_eq!(body, json!({"notes": ["Ensure this field has no more than 50000 characters."]}));
        let body = admin.post("/api/part/", json!([1])).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}));
        let body = admin.raw(reqwest::Method::POST, "/api/part/", "application/json", b"{\"name\":".to_vec()).await.expect(400);
        assert!(body["detail"].as_str().unwrap().starts_with("JSON parse error"));
        assert_eq!(count(&app).await, 0);

        let pk = make(&admin, json!({"name": "Kept"})).await;
        let body = admin.patch(&format!("/api/part/{pk}/"), json!({"name": "", "purchaseable": 7})).await.expect(400);
        assert_eq!(body, json!({"name": ["This field may not be blank."], "purchaseable": ["Must be a valid boolean."]}));
        let body = admin.patch(&format!("/api/part/{pk}/"), json!({"category": 999})).await.expect(400);
        assert_eq!(body, json!({"category": ["Invalid pk \"999\" - object does not exist."]}));
        let kept = admin.get(&format!("/api/part/{pk}/")).await.expect(200);
        assert_eq!((kept["name"].as_str(), kept["purchaseable"].as_bool()), (Some("Kept"), Some(true)));
    }
);
