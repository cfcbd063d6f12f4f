//! `/api/bom/`: CRUD, filters, availability figures, InvenTree's BOM rules, roles.

use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_store::auth::Permissions;
use stockroom_store::stock::NewStockItem;

use super::parts::{make, with_store};
use super::*;
use crate::api_test;

async fn line(client: &Client, body: Value) -> i64 {
    client.post("/api/bom/", body).await.expect(201)["pk"]
        .as_i64()
        .unwrap()
}

fn pks(body: &Value) -> Vec<i64> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|l| l["pk"].as_i64().unwrap())
        .collect()
}

async fn lines(app: &TestApp) -> usize {
    with_store(app, |s| s.list_bom_items().unwrap().len()).await
}

api_test!(
    async fn bom_lines_are_created_listed_updated_and_deleted(app) {
        let admin = app.admin().await;
        let robot = make(&admin, json!({"name": "Robot", "assembly": true, "description": "Toy"})).await;
        let motor = make(&admin, json!({"name": "Motor", "IPN": "MOT"})).await;
        let created = admin
            .post("/api/bom/", json!({"part": robot, "sub_part": motor, "quantity": 2, "reference": "M1, M2", "setup_quantity": "1.5", "attrition": 10, "rounding_multiple": null}))
            .await
            .expect(201);
        let pk = created["pk"].as_i64().unwrap();
        assert_eq!(created["part"], robot);
        assert_eq!(created["sub_part"], motor);
        assert_eq!(created["quantity"], 2.0);
        assert_eq!(created["setup_quantity"], 1.5);
        assert_eq!(created["attrition"], 10.0);
        assert_eq!(created["rounding_multiple"], json!(null));
        assert_eq!(created["validated"], false);
        assert_eq!(created["sub_part_detail"]["name"], "Motor");
        assert_eq!(created["sub_part_detail"]["full_name"], "MOT | Motor");
        assert!(created.get("part_detail").is_none());
        assert_eq!(created["pricing_min"], json!(null));
        assert_eq!(created["can_build"], 0.0);

        let detail = admin.get(&format!("/api/bom/{pk}/?part_detail=true&sub_part_detail=false&substitutes=true")).await.expect(200);
        assert_eq!(detail["part_detail"]["name"], "Robot");
        assert!(detail.get("sub_part_detail").is_none());
        assert_eq!(detail["substitutes"], json!([]));
        let bare = admin.get(&format!("/api/bom/{pk}/?can_build=false&pricing=false")).await.expect(200);
        assert!(bare.get("can_build").is_none() && bare.get("pricing_min").is_none());

        let validated = admin.patch(&format!("/api/bom/{pk}/validate/"), json!({"valid": true})).await.expect(200);
        assert_eq!(validated, json!({"valid": true}));
        let noted = admin.patch(&format!("/api/bom/{pk}/"), json!({"note": "spare"})).await.expect(200);
        assert_eq!((noted["note"].as_str(), noted["validated"].as_bool()), (Some("spare"), Some(true)), "a note keeps the validation");
        let changed = admin.patch(&format!("/api/bom/{pk}/"), json!({"quantity": 3})).await.expect(200);
        assert_eq!((changed["quantity"].as_f64(), changed["validated"].as_bool()), (Some(3.0), Some(false)), "a new quantity needs validating again");
        let body = admin.put(&format!("/api/bom/{pk}/"), json!({"quantity": 1})).await.expect(400);
        assert_eq!(body, json!({"part": ["This field is required."], "sub_part": ["This field is required."]}));

        assert_eq!(pks(&admin.get("/api/bom/").await.expect(200)), [pk]);
        admin.delete(&format!("/api/bom/{pk}/")).await.expect(204);
        let body = admin.get(&format!("/api/bom/{pk}/")).await.expect(404);
        assert_eq!(body, json!({"detail": "No BomItem matches the given query."}));
        admin.patch(&format!("/api/bom/{pk}/validate/"), json!({"valid": true})).await.expect(404);
    }
);

api_test!(
    async fn the_bom_list_filters_searches_orders_and_pages(app) {
        let admin = app.admin().await;
        let chair = make(&admin, json!({"name": "Chair", "assembly": true, "is_template": true})).await;
        let red = make(&admin, json!({"name": "Red chair", "assembly": true, "variant_of": chair})).await;
        let leg = make(&admin, json!({"name": "Leg", "description": "Oak leg"})).await;
        let seat = make(&admin, json!({"name": "Seat", "IPN": "ST-1"})).await;
        let paint = make(&admin, json!({"name": "Paint", "active": false})).await;
        let legs = line(&admin, json!({"part": chair, "sub_part": leg, "quantity": 4, "inherited": true, "reference": "L1-L4"})).await;
        let seats = line(&admin, json!({"part": chair, "sub_part": seat, "quantity": 1, "optional": true, "allow_variants": true})).await;
        let coat = line(&admin, json!({"part": red, "sub_part": paint, "quantity": 0.25, "consumable": true})).await;
        admin.patch(&format!("/api/bom/{seats}/validate/"), json!({"valid": true})).await.expect(200);

        let get = |url: String| {
            let admin = admin.clone();
            async move { pks(&admin.get(&url).await.expect(200)) }
        };
        assert_eq!(get(format!("/api/bom/?part={chair}")).await, [legs, seats]);
        assert_eq!(get(format!("/api/bom/?part={red}")).await, [legs, coat], "inherited lines of the template");
        assert_eq!(get(format!("/api/bom/?sub_part={seat}")).await, [seats]);
        assert_eq!(get("/api/bom/?optional=true".into()).await, [seats]);
        assert_eq!(get("/api/bom/?consumable=true".into()).await, [coat]);
        assert_eq!(get("/api/bom/?inherited=true".into()).await, [legs]);
        assert_eq!(get("/api/bom/?allow_variants=true".into()).await, [seats]);
        assert_eq!(get("/api/bom/?validated=true".into()).await, [seats]);
        assert_eq!(get("/api/bom/?validated=false".into()).await, [legs, coat]);
        assert_eq!(get("/api/bom/?sub_part_active=false".into()).await, [coat]);
        assert_eq!(get("/api/bom/?part_active=true".into()).await, [legs, seats, coat]);
        assert_eq!(get("/api/bom/?search=l1-l4".into()).await, [legs], "reference");
        assert_eq!(get("/api/bom/?search=oak".into()).await, [legs], "sub-part description");
        assert_eq!(get("/api/bom/?search=st-1".into()).await, [seats], "sub-part IPN");
        assert_eq!(get("/api/bom/?search=red%20chair".into()).await, [coat], "assembly name");
        assert_eq!(get("/api/bom/?ordering=quantity".into()).await, [coat, seats, legs]);
        assert_eq!(get("/api/bom/?ordering=-quantity".into()).await, [legs, seats, coat]);
        assert_eq!(get("/api/bom/?ordering=sub_part".into()).await, [legs, coat, seats]);
        assert_eq!(get("/api/bom/?ordering=-sub_part".into()).await, [seats, coat, legs]);
        let page = admin.get("/api/bom/?limit=2&offset=2").await.expect(200);
        assert_eq!((page["count"].as_i64(), pks(&page["results"])), (Some(3), vec![coat]));
        assert!(page["previous"].is_string() && page["next"].is_null());

        let body = admin.get("/api/bom/?part=999").await.expect(400);
        assert_eq!(body, json!({"part": ["Select a valid choice. That choice is not one of the available choices."]}));
        let body = admin.get("/api/bom/?optional=sometimes&sub_part=x").await.expect(400);
        assert_eq!(body["optional"], json!(["Enter a valid boolean."]));
        assert!(body["sub_part"].is_array());
    }
);

api_test!(
    async fn bom_figures_show_availability_and_what_can_be_built(app) {
        let admin = app.admin().await;
        let robot = make(&admin, json!({"name": "Robot", "assembly": true})).await;
        let wheel = make(&admin, json!({"name": "Wheel", "is_template": true})).await;
        let big = make(&admin, json!({"name": "Big wheel", "variant_of": wheel})).await;
        let tyre = make(&admin, json!({"name": "Tyre"})).await;
        let wheels = line(&admin, json!({"part": robot, "sub_part": wheel, "quantity": 10, "setup_quantity": 26, "attrition": 3, "rounding_multiple": 15, "allow_variants": true})).await;
        let tyres = line(&admin, json!({"part": robot, "sub_part": tyre, "quantity": 2})).await;
        with_store(&app, move |s| {
            let q = |t: &str| t.parse::<Quantity>().unwrap();
            s.create_stock_item(&NewStockItem::new(big, q("5000")), None).unwrap();
            s.create_stock_item(&NewStockItem::new(tyre, q("4000")), None).unwrap();
        })
        .await;
        let body = admin.get(&format!("/api/bom/{wheels}/")).await.expect(200);
        assert_eq!(body["available_stock"], 0.0);
        assert_eq!(body["available_variant_stock"], 5000.0);
        assert_eq!(body["available_substitute_stock"], 0.0);
        assert_eq!(body["rounding_multiple"], 15.0);
        let can_build = body["can_build"].as_f64().unwrap();
        assert!((can_build - 482.9126).abs() < 0.001, "(5000 - 26) / (10 * 1.03), got {can_build}");
        assert_eq!(body["on_order"], 0.0);
        assert_eq!(body["building"], 0.0);
        let body = admin.get(&format!("/api/bom/{tyres}/")).await.expect(200);
        assert_eq!((body["available_stock"].as_f64(), body["available_variant_stock"].as_f64()), (Some(4000.0), Some(0.0)));
        assert_eq!(body["can_build"], 2000.0);
        let listed = admin.get(&format!("/api/bom/?part={robot}")).await.expect(200);
        assert_eq!(listed[1]["can_build"], 2000.0);
    }
);

api_test!(
    async fn bom_rules_refuse_wrong_parts_cycles_and_bad_quantities(app) {
        let admin = app.admin().await;
        let a = make(&admin, json!({"name": "A", "assembly": true, "description": "top"})).await;
        let b = make(&admin, json!({"name": "B", "assembly": true})).await;
        let c = make(&admin, json!({"name": "C", "assembly": true, "IPN": "C-1"})).await;
        let plain = make(&admin, json!({"name": "Plain"})).await;
        let frame = make(&admin, json!({"name": "Frame", "component": false})).await;
        let serial = make(&admin, json!({"name": "Board", "trackable": true})).await;
        line(&admin, json!({"part": a, "sub_part": b, "quantity": 1})).await;
        line(&admin, json!({"part": b, "sub_part": c, "quantity": 1})).await;
        let before = lines(&app).await;

        let cases = [
            (json!({"part": plain, "sub_part": b, "quantity": 1}), json!({"part": [format!("Invalid pk \"{plain}\" - object does not exist.")]})),
            (json!({"part": a, "sub_part": frame, "quantity": 1}), json!({"sub_part": [format!("Invalid pk \"{frame}\" - object does not exist.")]})),
            (json!({"part": 999, "sub_part": 998, "quantity": 1}), json!({"part": ["Invalid pk \"999\" - object does not exist."], "sub_part": ["Invalid pk \"998\" - object does not exist."]})),
            (json!({"part": a, "sub_part": a, "quantity": 1}), json!({"sub_part": ["Part 'A - top' cannot be used in BOM for 'A - top' (recursive)"]})),
            (json!({"part": b, "sub_part": a, "quantity": 1}), json!({"sub_part": ["Part 'B - ' is  used in BOM for 'A - top' (recursive)"]})),
            (json!({"part": c, "sub_part": a, "quantity": 1}), json!({"sub_part": ["Part 'C-1 | C - ' is  used in BOM for 'B - ' (recursive)"]})),
            (json!({"part": a, "sub_part": plain, "quantity": 0}), json!({"quantity": ["Quantity must be greater than zero"]})),
            (json!({"part": a, "sub_part": plain, "quantity": -1, "attrition": 101, "setup_quantity": -1}), json!({
                "quantity": ["Quantity must be greater than zero"],
                "attrition": ["Ensure this value is less than or equal to 100."],
                "setup_quantity": ["Ensure this value is greater than or equal to 0."],
            })),
            (json!({"part": a, "sub_part": plain, "quantity": "lots", "optional": "perhaps"}), json!({"quantity": ["A valid number is required."], "optional": ["Must be a valid boolean."]})),
            (json!({"part": a, "sub_part": plain}), json!({"quantity": ["This field is required."]})),
            (json!({"part": a, "sub_part": serial, "quantity": 1.5}), json!({"quantity": ["Quantity must be integer value for trackable parts"]})),
            (json!({"part": a, "sub_part": plain, "quantity": 1, "reference": "r".repeat(5001)}), json!({"reference": ["Ensure this field has no more than 5000 characters."]})),
        ];
        for (input, expected) in cases {
            let body = admin.post("/api/bom/", input.clone()).await.expect(400);
            assert_eq!(body, expected, "for {input}");
        }
        assert_eq!(lines(&app).await, before, "nothing was written");

        let template = make(&admin, json!({"name": "T", "is_template": true, "assembly": true})).await;
        let variant = make(&admin, json!({"name": "V", "variant_of": template})).await;
        let body = admin.post("/api/bom/", json!({"part": template, "sub_part": variant, "quantity": 1})).await.expect(400);
        assert_eq!(body, json!({"sub_part": ["Part 'V - ' cannot be used in BOM for 'T - ' (recursive)"]}), "same variant tree");

        let last = line(&admin, json!({"part": c, "sub_part": plain, "quantity": 1})).await;
        let body = admin.patch(&format!("/api/bom/{last}/"), json!({"sub_part": a})).await.expect(400);
        assert_eq!(body, json!({"sub_part": ["Part 'C-1 | C - ' is  used in BOM for 'B - ' (recursive)"]}));
        assert_eq!(admin.get(&format!("/api/bom/{last}/")).await.expect(200)["sub_part"], plain);
    }
);

api_test!(
    async fn a_locked_assembly_keeps_its_bom_and_trackable_parts_spread_upwards(app) {
        let admin = app.admin().await;
        let robot = make(&admin, json!({"name": "Robot", "assembly": true})).await;
        let arm = make(&admin, json!({"name": "Arm", "assembly": true})).await;
        let bolt = make(&admin, json!({"name": "Bolt"})).await;
        let pk = line(&admin, json!({"part": robot, "sub_part": arm, "quantity": 2})).await;
        let board = make(&admin, json!({"name": "Board", "trackable": true})).await;
        line(&admin, json!({"part": arm, "sub_part": board, "quantity": 1})).await;
        for part in [arm, robot] {
            let body = admin.get(&format!("/api/part/{part}/")).await.expect(200);
            assert_eq!(body["trackable"], true, "a trackable component makes its assemblies trackable");
        }
        let cart = make(&admin, json!({"name": "Cart", "assembly": true})).await;
        line(&admin, json!({"part": cart, "sub_part": bolt, "quantity": 4})).await;
        admin.patch(&format!("/api/part/{bolt}/"), json!({"trackable": true})).await.expect(200);
        let body = admin.get(&format!("/api/part/{cart}/")).await.expect(200);
        assert_eq!(body["trackable"], true, "so does a component that becomes trackable");

        admin.patch(&format!("/api/part/{robot}/"), json!({"locked": true})).await.expect(200);
        let locked = json!({"non_field_errors": ["BOM item cannot be modified - assembly is locked"]});
        assert_eq!(admin.post("/api/bom/", json!({"part": robot, "sub_part": bolt, "quantity": 1})).await.expect(400), locked);
        assert_eq!(admin.patch(&format!("/api/bom/{pk}/"), json!({"quantity": 5})).await.expect(400), locked);
        assert_eq!(admin.delete(&format!("/api/bom/{pk}/")).await.expect(400), locked);
        assert_eq!(admin.get(&format!("/api/bom/{pk}/")).await.expect(200)["quantity"], 2.0);
        admin.patch(&format!("/api/bom/{pk}/validate/"), json!({"valid": true})).await.expect(200);
        admin.patch(&format!("/api/part/{robot}/"), json!({"locked": false})).await.expect(200);
        admin.delete(&format!("/api/bom/{pk}/")).await.expect(204);
    }
);

api_test!(
    async fn bom_roles_and_options_follow_the_part_rule_set(app) {
        let admin = app.admin().await;
        let robot = make(&admin, json!({"name": "Robot", "assembly": true})).await;
        let motor = make(&admin, json!({"name": "Motor"})).await;
        let pk = line(&admin, json!({"part": robot, "sub_part": motor, "quantity": 1})).await;
        let detail = format!("/api/bom/{pk}/");
        app.anonymous().get("/api/bom/").await.expect(401);
        app.user("nobody", &[("stock", Permissions::ALL)]).await.get(&detail).await.expect(403);
        let viewer = app.user("viewer", &[("part", Permissions::VIEW)]).await;
        viewer.get("/api/bom/").await.expect(200);
        viewer.get(&detail).await.expect(200);
        let body = viewer.post("/api/bom/", json!({"part": robot, "sub_part": motor, "quantity": 1})).await.expect(403);
        assert_eq!(body, json!({"detail": "You do not have permission to perform this action."}));
        viewer.patch(&detail, json!({"quantity": 2})).await.expect(403);
        viewer.patch(&format!("{detail}validate/"), json!({"valid": true})).await.expect(403);
        viewer.delete(&detail).await.expect(403);
        let editor = app.user("editor", &[("part", Permissions { view: true, add: false, change: true, delete: false })]).await;
        editor.patch(&detail, json!({"quantity": 2})).await.expect(200);
        editor.delete(&detail).await.expect(403);

        let body = admin.options("/api/bom/").await.expect(200);
        let post = &body["actions"]["POST"];
        assert_eq!(post["part"]["filters"], json!({"assembly": true}));
        assert_eq!(post["part"]["required"], true);
        assert_eq!(post["part"]["label"], "Assembly");
        assert_eq!(post["sub_part"]["filters"], json!({"component": true}));
        assert_eq!(post["sub_part"]["type"], "related field");
        assert_eq!(post["inherited"]["type"], "boolean");
        assert_eq!(post["quantity"]["required"], true);
        assert!(viewer.options("/api/bom/").await.expect(200)["actions"].get("POST").is_none());
        let body = admin.options(&detail).await.expect(200);
        assert!(body["actions"]["PUT"].is_object() && body["actions"]["DELETE"].is_object());
    }
);
