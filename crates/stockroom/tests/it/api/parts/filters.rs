//! The part list's filters and search.

use serde_json::json;
use stockroom_store::locations::NewLocation;

use super::*;
use crate::api_test;

api_test!(
    async fn the_category_filter_cascades_unless_told_not_to(app) {
        let admin = app.admin().await;
        let top = category(&admin, "Electronics", None).await;
        let leaf = category(&admin, "Resistors", Some(top)).await;
        let a = make(&admin, json!({"name": "A", "category": top})).await;
        let b = make(&admin, json!({"name": "B", "category": leaf})).await;
        let c = make(&admin, json!({"name": "C"})).await;
        assert_eq!(pks(&admin.get(&format!("/api/part/?category={top}")).await.expect(200)), [a, b]);
        assert_eq!(pks(&admin.get(&format!("/api/part/?category={top}&cascade=false")).await.expect(200)), [a]);
        assert_eq!(pks(&admin.get(&format!("/api/part/?category={leaf}&cascade=true")).await.expect(200)), [b]);
        assert_eq!(pks(&admin.get("/api/part/?category=null&cascade=false").await.expect(200)), [c]);
        assert_eq!(pks(&admin.get("/api/part/?category=null").await.expect(200)), [a, b, c], "InvenTree: null with cascade is everything");
        assert_eq!(pks(&admin.get("/api/part/?category=999").await.expect(200)), Vec::<i64>::new());
        let body = admin.get("/api/part/?category=abc").await.expect(400);
        assert_eq!(body, json!({"category": ["Enter a number."]}));
    }
);

api_test!(
    async fn flag_filters_select_parts_by_what_they_are(app) {
        let admin = app.admin().await;
        let plain = make(&admin, json!({"name": "Plain"})).await;
        let flagged = make(&admin, json!({
            "name": "Flagged", "IPN": "FL-1", "units": "m", "is_template": true, "assembly": true,
            "component": false, "trackable": true, "purchaseable": false, "salable": true,
            "virtual": true, "active": false, "locked": true,
        })).await;
        for flag in ["is_template", "assembly", "trackable", "salable", "virtual", "locked", "has_ipn", "has_units"] {
            assert_eq!(pks(&admin.get(&format!("/api/part/?{flag}=true")).await.expect(200)), [flagged], "{flag}");
            assert_eq!(pks(&admin.get(&format!("/api/part/?{flag}=0")).await.expect(200)), [plain], "{flag}");
        }
        for flag in ["component", "purchaseable", "active"] {
            assert_eq!(pks(&admin.get(&format!("/api/part/?{flag}=yes")).await.expect(200)), [plain], "{flag}");
            assert_eq!(pks(&admin.get(&format!("/api/part/?{flag}=false")).await.expect(200)), [flagged], "{flag}");
        }
        assert_eq!(pks(&admin.get("/api/part/?IPN=fl-1").await.expect(200)), [flagged], "IPN is case-insensitive");
        assert_eq!(pks(&admin.get("/api/part/?name=Plain").await.expect(200)), [plain]);
        assert_eq!(pks(&admin.get("/api/part/?starred=true").await.expect(200)), Vec::<i64>::new());
        assert_eq!(pks(&admin.get("/api/part/?starred=false").await.expect(200)), [flagged, plain]);
        assert_eq!(pks(&admin.get("/api/part/?testable=true").await.expect(200)), Vec::<i64>::new());
        assert_eq!(pks(&admin.get(&format!("/api/part/?exclude_id={plain},999")).await.expect(200)), [flagged]);
        let today = chrono::Utc::now().date_naive();
        let tomorrow = today.succ_opt().unwrap();
        assert_eq!(pks(&admin.get(&format!("/api/part/?created_before={tomorrow}")).await.expect(200)).len(), 2);
        assert_eq!(pks(&admin.get(&format!("/api/part/?created_after={today}")).await.expect(200)).len(), 0);
        assert_eq!(pks(&admin.get("/api/part/?format=json&unknown=1").await.expect(200)).len(), 2, "unknown parameters are ignored");

        let many: Vec<String> = (1..=1001).map(|i| i.to_string()).collect();
        let body = admin.get(&format!("/api/part/?exclude_id={}", many.join(","))).await.expect(400);
        assert_eq!(body, json!({"exclude_id": ["Ensure this field has no more than 1000 elements."]}));
        let body = admin.get("/api/part/?active=maybe&exclude_id=a&created_before=yesterday").await.expect(400);
        assert_eq!(body, json!({
            "active": ["Enter a valid boolean."],
            "exclude_id": ["Enter a number."],
            "created_before": ["Enter a valid date."],
        }));
    }
);

api_test!(
    async fn template_and_variant_filters_walk_the_tree(app) {
        let admin = app.admin().await;
        let chair = make(&admin, json!({"name": "Chair", "is_template": true})).await;
        let red = make(&admin, json!({"name": "Red chair", "variant_of": chair, "is_template": true})).await;
        let blue = make(&admin, json!({"name": "Blue chair", "variant_of": chair})).await;
        let dark = make(&admin, json!({"name": "Dark red chair", "variant_of": red})).await;
        let table = make(&admin, json!({"name": "Table"})).await;
        assert_eq!(pks(&admin.get(&format!("/api/part/?variant_of={chair}")).await.expect(200)), [blue, red]);
        assert_eq!(pks(&admin.get(&format!("/api/part/?ancestor={chair}")).await.expect(200)), [blue, dark, red]);
        assert_eq!(pks(&admin.get(&format!("/api/part/?ancestor={red}")).await.expect(200)), [dark]);
        assert_eq!(pks(&admin.get(&format!("/api/part/?exclude_tree={red}")).await.expect(200)), [blue, chair, table]);
        assert_eq!(pks(&admin.get("/api/part/?is_variant=true").await.expect(200)), [blue, dark, red]);
        assert_eq!(pks(&admin.get("/api/part/?is_variant=false").await.expect(200)), [chair, table]);
        for filter in ["variant_of", "ancestor", "exclude_tree"] {
            let body = admin.get(&format!("/api/part/?{filter}=999")).await.expect(400);
            assert_eq!(body, json!({filter: ["Select a valid choice. That choice is not one of the available choices."]}));
            let body = admin.get(&format!("/api/part/?{filter}=x")).await.expect(400);
            assert!(body[filter].is_array(), "{body}");
        }
        let detail = admin.get(&format!("/api/part/{dark}/")).await.expect(200);
        assert_eq!(detail["variant_of"], red);
    }
);

api_test!(
    async fn default_location_filter_checks_the_location(app) {
        let admin = app.admin().await;
        let shelf = with_store(&app, |s| s.create_location(&NewLocation { name: "Shelf".into(), ..Default::default() }).unwrap().id).await;
        let stored = make(&admin, json!({"name": "Stored", "default_location": shelf})).await;
        make(&admin, json!({"name": "Loose"})).await;
        assert_eq!(pks(&admin.get(&format!("/api/part/?default_location={shelf}")).await.expect(200)), [stored]);
        let body = admin.get("/api/part/?default_location=999").await.expect(400);
        assert_eq!(body, json!({"default_location": ["Select a valid choice. That choice is not one of the available choices."]}));
    }
);

api_test!(
    async fn search_needs_every_word_somewhere_in_the_part(app) {
        let admin = app.admin().await;
        let caps = category(&admin, "Capacitors", None).await;
        let cap = make(&admin, json!({"name": "100nF", "description": "Ceramic X7R", "category": caps, "keywords": "decoupling"})).await;
        let res = make(&admin, json!({"name": "10k", "description": "Thick film resistor", "IPN": "RES-10K_1%", "revision": "Rev7"})).await;
        let other = make(&admin, json!({"name": "Gadget"})).await;
        let found = |q: &str| {
            let admin = admin.clone();
            let url = format!("/api/part/?search={q}");
            async move { pks(&admin.get(&url).await.expect(200)) }
        };
        assert_eq!(found("ceramic").await, [cap]);
        assert_eq!(found("DECOUPLING").await, [cap]);
        assert_eq!(found("capacitors").await, [cap], "category name");
        assert_eq!(found("res-10k").await, [res], "IPN");
        assert_eq!(found("rev7").await, [res], "revision");
        assert_eq!(found("thick%20resistor").await, [res], "every word, anywhere");
        assert_eq!(found("thick,ceramic").await, Vec::<i64>::new());
        assert_eq!(found("10k_1%25").await, [res], "LIKE wildcards are literal");
        assert_eq!(found("_").await, [res]);
        assert_eq!(found("").await, [cap, res, other], "an empty search is no search");
        with_store(&app, move |s| {
            let supplier = s.create_company(&stockroom_store::companies::NewCompany { name: "Digi".into(), is_supplier: true, ..Default::default() }).unwrap();
            s.create_supplier_part(&stockroom_store::companies::NewSupplierPart::new(other, supplier.id, "GDG-77")).unwrap();
        })
        .await;
        assert_eq!(found("gdg-77").await, [other], "supplier SKU");
        let words: Vec<String> = (0..500).map(|i| format!("w{i}")).collect();
        assert_eq!(found(&words.join("%20")).await, Vec::<i64>::new(), "long searches are cut, not refused");
        assert_eq!(found(&"gadget%20".repeat(500)).await, [other]);
    }
);
