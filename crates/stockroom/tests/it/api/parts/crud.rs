//! Creating, reading, changing and deleting parts; output options; pages and ordering.

use serde_json::json;
use stockroom_store::locations::NewLocation;

use super::*;
use crate::api_test;

api_test!(
    async fn parts_are_created_read_updated_and_deleted(app) {
        let admin = app.admin().await;
        let cat = category(&admin, "Fasteners", None).await;
        let created = admin
            .post("/api/part/", json!({"name": "M3 screw", "description": "Pan head", "IPN": "SCR-M3", "category": cat, "units": "pcs", "minimum_stock": 100, "keywords": "screw m3"}))
            .await
            .expect(201);
        let pk = created["pk"].as_i64().unwrap();
        assert_eq!(created["name"], "M3 screw");
        assert_eq!(created["full_name"], "SCR-M3 | M3 screw");
        assert_eq!(created["category"], cat);
        assert_eq!(created["category_name"], "Fasteners");
        assert_eq!(created["minimum_stock"], 100.0);
        assert_eq!(created["in_stock"], 0.0);
        assert_eq!(created["stock_item_count"], 0);
        assert_eq!(created["notes"], "");
        assert_eq!(created["barcode_hash"], "");
        assert_eq!(created["image"], json!(null));

        let detail = admin.get(&format!("/api/part/{pk}/")).await.expect(200);
        assert_eq!(detail, created);
        let listed = admin.get("/api/part/").await.expect(200);
        assert_eq!(listed.as_array().unwrap().len(), 1);
        assert!(listed[0].get("notes").is_none(), "lists leave notes out");

        let patched = admin.patch(&format!("/api/part/{pk}/"), json!({"name": "M3x8 screw", "revision": "B", "notes": "  ## Notes\n\nline  "})).await.expect(200);
        assert_eq!(patched["name"], "M3x8 screw");
        assert_eq!(patched["full_name"], "SCR-M3 | M3x8 screw | B");
        assert_eq!(patched["notes"], "## Notes\n\nline");
        assert_eq!(patched["description"], "Pan head", "PATCH leaves other fields");
        let body = admin.put(&format!("/api/part/{pk}/"), json!({"description": "no name"})).await.expect(400);
        assert_eq!(body, json!({"name": ["This field is required."]}));
        let put = admin.put(&format!("/api/part/{pk}/"), json!({"name": "Screw", "IPN": "", "category": null})).await.expect(200);
        assert_eq!(put["IPN"], "");
        assert_eq!(put["category"], json!(null));
        assert_eq!(put["category_name"], json!(null));

        let body = admin.delete(&format!("/api/part/{pk}/")).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Cannot delete this part as it is still active"]}));
        admin.patch(&format!("/api/part/{pk}/"), json!({"active": false})).await.expect(200);
        admin.delete(&format!("/api/part/{pk}/")).await.expect(204);
        let body = admin.get(&format!("/api/part/{pk}/")).await.expect(404);
        assert_eq!(body, json!({"detail": "No Part matches the given query."}));
        admin.patch(&format!("/api/part/{pk}/"), json!({"name": "x"})).await.expect(404);
        admin.delete(&format!("/api/part/{pk}/")).await.expect(404);
        admin.get("/api/part/abc/").await.expect(404);
    }
);

api_test!(
    async fn a_new_part_gets_inventree_defaults_and_its_creator(app) {
        let admin = app.admin().await;
        let part = admin.post("/api/part/", json!({"name": "Widget"})).await.expect(201);
        for (key, value) in [
            ("active", true), ("component", true), ("purchaseable", true), ("assembly", false),
            ("is_template", false), ("trackable", false), ("salable", false), ("virtual", false),
            ("locked", false), ("testable", false), ("starred", false),
        ] {
            assert_eq!(part[key], value, "{key}");
        }
        assert_eq!(part["IPN"], "");
        assert_eq!(part["revision"], "");
        assert_eq!(part["default_expiry"], 0);
        assert_eq!(part["variant_of"], json!(null));
        assert_eq!(part["creation_date"], chrono::Utc::now().date_naive().to_string());
        let admin_id = with_store(&app, |s| s.user_by_username("admin").unwrap().unwrap().id).await;
        assert_eq!(part["creation_user"], admin_id);
        for key in [
            "allocated_to_build_orders", "allocated_to_sales_orders", "building", "scheduled_to_build",
            "in_stock", "ordering", "total_in_stock", "external_stock", "unallocated_stock", "variant_stock",
        ] {
            assert_eq!(part[key], 0.0, "{key}");
        }
        assert_eq!(part["required_for_build_orders"], 0);
        assert_eq!(part["required_for_sales_orders"], 0);
        let off = admin.post("/api/part/", json!({"name": "Old", "active": false, "purchaseable": "false", "default_expiry": "30"})).await.expect(201);
        assert_eq!(off["active"], false);
        assert_eq!(off["purchaseable"], false);
        assert_eq!(off["default_expiry"], 30);
    }
);

api_test!(
    async fn details_show_the_category_its_path_and_the_default_location(app) {
        let admin = app.admin().await;
        let top = category(&admin, "Electronics", None).await;
        let leaf = category(&admin, "Resistors", Some(top)).await;
        let shelf = with_store(&app, |s| s.create_location(&NewLocation { name: "Shelf".into(), ..Default::default() }).unwrap().id).await;
        admin.patch(&format!("/api/part/category/{top}/"), json!({"default_location": shelf})).await.expect(200);
        let pk = make(&admin, json!({"name": "R 10k", "category": leaf, "default_location": shelf})).await;
        let bare = make(&admin, json!({"name": "Loose"})).await;

        let plain = admin.get(&format!("/api/part/{pk}/")).await.expect(200);
        assert!(plain.get("category_detail").is_none());
        assert!(plain.get("category_path").is_none());
        assert!(plain.get("default_location_detail").is_none());
        assert_eq!(plain["category_default_location"], shelf, "inherited from the parent category");

        let url = format!("/api/part/{pk}/?category_detail=true&path_detail=1&location_detail=true");
        let full = admin.get(&url).await.expect(200);
        assert_eq!(full["category_detail"]["pk"], leaf);
        assert_eq!(full["category_detail"]["pathstring"], "Electronics/Resistors");
        assert_eq!(full["category_detail"]["part_count"], 1);
        assert_eq!(full["category_path"], json!([{"pk": top, "name": "Electronics"}, {"pk": leaf, "name": "Resistors"}]));
        assert_eq!(full["default_location_detail"], json!({"pk": shelf, "name": "Shelf", "pathstring": "Shelf"}));

        let url = format!("/api/part/{bare}/?category_detail=true&path_detail=true&location_detail=true");
        let empty = admin.get(&url).await.expect(200);
        assert_eq!(empty["category_detail"], json!(null));
        assert_eq!(empty["category_path"], json!(null));
        assert_eq!(empty["default_location_detail"], json!(null));

        let listed = admin.get("/api/part/?category_detail=true&ordering=name").await.expect(200);
        assert_eq!(listed[1]["category_detail"]["name"], "Resistors");
        assert_eq!(listed[0]["category_detail"], json!(null));
    }
);

api_test!(
    async fn the_part_list_is_paginated_and_ordered(app) {
        let admin = app.admin().await;
        for (name, ipn) in [("Bolt", "C-3"), ("Anchor", "C-1"), ("Clip", "C-2")] {
            make(&admin, json!({"name": name, "IPN": ipn})).await;
        }
        let names = |body: &serde_json::Value| -> Vec<String> {
            body.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect()
        };
        assert_eq!(names(&admin.get("/api/part/").await.expect(200)), ["Anchor", "Bolt", "Clip"], "name by default");
        assert_eq!(names(&admin.get("/api/part/?ordering=-name").await.expect(200)), ["Clip", "Bolt", "Anchor"]);
        assert_eq!(names(&admin.get("/api/part/?ordering=IPN").await.expect(200)), ["Anchor", "Clip", "Bolt"]);
        assert_eq!(names(&admin.get("/api/part/?ordering=-pk").await.expect(200)), ["Clip", "Anchor", "Bolt"]);
        assert_eq!(names(&admin.get("/api/part/?ordering=nonsense").await.expect(200)), ["Anchor", "Bolt", "Clip"]);

        let page = admin.get("/api/part/?limit=2").await.expect(200);
        assert_eq!(page["count"], 3);
        assert_eq!(names(&page["results"]), ["Anchor", "Bolt"]);
        assert!(page["next"].as_str().unwrap().ends_with("/api/part/?limit=2&offset=2"));
        assert_eq!(page["previous"], json!(null));
        let last = admin.get("/api/part/?limit=2&offset=2").await.expect(200);
        assert_eq!(names(&last["results"]), ["Clip"]);
        assert_eq!(last["next"], json!(null));
        assert!(last["previous"].is_string());
    }
);
