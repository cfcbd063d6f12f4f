//! Build orders over HTTP: the order itself, its lines, outputs, allocations, completion and
//! status transitions, with every refusal leaving the data as it was.

use serde_json::{Value, json};
use stockroom_core::Quantity;
use stockroom_store::Store;
use stockroom_store::parts::{NewBomItem, NewPart};

use super::stock::{create, history, pk};
use crate::api_test;

/// Parts for building: a widget (2 screws each), a serialized gadget (1 chip, 3 screws)
/// and a location.
struct Shop {
    widget: i64,
    gadget: i64,
    screw: i64,
    chip: i64,
    plain: i64,
    shelf: i64,
}

fn shop(store: &Store) -> Shop {
    let part = |name: &str, assembly: bool, trackable: bool| {
        store
            .create_part(&NewPart {
                name: name.into(),
                assembly,
                trackable,
                component: true,
                ..Default::default()
            })
            .unwrap()
            .id
    };
    let widget = part("Widget", true, false);
    let gadget = part("Gadget", true, true);
    let screw = part("Screw", false, false);
    let chip = part("Chip", false, true);
    let plain = part("Plain", false, false);
    let bom = |assembly: i64, sub: i64, n: i64| {
        store
            .create_bom_item(&NewBomItem {
                part_id: assembly,
                sub_part_id: sub,
                quantity: Quantity::from_whole(n).unwrap().units(),
                ..Default::default()
            })
            .unwrap();
    };
    bom(widget, screw, 2);
    bom(gadget, chip, 1);
    bom(gadget, screw, 3);
    let shelf = store
        .create_location(&stockroom_store::locations::NewLocation {
            name: "Shelf".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    Shop {
        widget,
        gadget,
        screw,
        chip,
        plain,
        shelf,
    }
}

async fn new_build(client: &crate::api::Client, reference: &str, part: i64, quantity: i64) -> i64 {
    let body = client
        .post(
            "/api/build/",
            json!({"reference": reference, "part": part, "quantity": quantity}),
        )
        .await
        .expect(201);
    pk(&body)
}

fn path(build: i64, action: &str) -> String {
    format!("/api/build/{build}/{action}/")
}

async fn status(client: &crate::api::Client, build: i64) -> Value {
    client
        .get(&format!("/api/build/{build}/"))
        .await
        .expect(200)["status"]
        .clone()
}

async fn lines(client: &crate::api::Client, build: i64) -> Vec<Value> {
    let body = client
        .get(&format!("/api/build/line/?build={build}"))
        .await
        .expect(200);
    body.as_array().unwrap().clone()
}

api_test!(
    async fn build_orders_are_created_listed_edited_and_deleted(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let created = admin
            .post("/api/build/", json!({"reference": "BO-0007", "part": s.widget, "quantity": 10, "title": "First", "destination": s.shelf}))
            .await
            .expect(201);
        let build = pk(&created);
        assert_eq!(created["reference"], "BO-0007");
        assert_eq!(created["status"], 10);
        assert_eq!(created["status_text"], "Pending");
        assert_eq!(created["quantity"], json!(10.0));
        assert_eq!(created["completed"], json!(0.0));
        assert_eq!(created["part_detail"]["pk"], s.widget);
        assert_eq!(created["destination"], s.shelf);
        assert_eq!(created["barcode_hash"], "");
        assert_eq!(created["responsible"], Value::Null);
        assert!(created["issued_by"].is_i64());
        // One line per BOM item, needing the BOM quantity times the build quantity.
        let found = lines(&admin, build).await;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0]["quantity"], json!(20.0));
        assert_eq!(found[0]["allocated"], json!(0.0));
        assert_eq!(found[0]["part_detail"]["pk"], s.screw);
        let line = found[0]["pk"].as_i64().unwrap();
        assert_eq!(admin.get(&format!("/api/build/line/{line}/")).await.expect(200)["bom_item"], found[0]["bom_item"]);

        // Refusals leave nothing behind.
        let post = |body| admin.post("/api/build/", body);
        assert_eq!(post(json!({"reference": "BO-0007", "part": s.widget, "quantity": 1})).await.expect(400), json!({"reference": ["Reference must be unique"]}));
        assert_eq!(post(json!({"reference": "X-1", "part": s.widget, "quantity": 1})).await.expect(400), json!({"reference": ["Reference must match required pattern: BO-{ref:04d}"]}));
        assert_eq!(post(json!({"reference": "BO-0008", "part": s.screw, "quantity": 1})).await.expect(400), json!({"part": [format!("Invalid pk \"{}\" - object does not exist.", s.screw)]}));
        assert_eq!(post(json!({"reference": "BO-0008", "part": s.widget, "quantity": 0})).await.expect(400), json!({"quantity": ["Quantity must be greater than zero"]}));
        assert_eq!(post(json!({"reference": "BO-0008"})).await.expect(400), json!({"part": ["This field is required."], "quantity": ["This field is required."]}));
        assert_eq!(admin.get("/api/build/").await.expect(200).as_array().unwrap().len(), 1);

        let second = new_build(&admin, "BO-0010", s.gadget, 2).await;
        let refs = |v: Value| v.as_array().unwrap().iter().map(|b| b["reference"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(refs(admin.get("/api/build/?ordering=-reference").await.expect(200)), ["BO-0010", "BO-0007"]);
        assert_eq!(refs(admin.get(&format!("/api/build/?part={}", s.gadget)).await.expect(200)), ["BO-0010"]);
        assert_eq!(refs(admin.get("/api/build/?search=first").await.expect(200)), ["BO-0007"]);
        assert_eq!(refs(admin.get("/api/build/?reference=BO-0010").await.expect(200)), ["BO-0010"]);
        assert_eq!(refs(admin.get("/api/build/?active=false").await.expect(200)), Vec::<String>::new());
        assert_eq!(refs(admin.get("/api/build/?outstanding=true&ordering=reference").await.expect(200)), ["BO-0007", "BO-0010"]);
        assert_eq!(refs(admin.get("/api/build/?status=20").await.expect(200)), Vec::<String>::new());
        let page = admin.get("/api/build/?limit=1&ordering=reference").await.expect(200);
        assert_eq!((page["count"].clone(), page["results"][0]["reference"].clone()), (json!(2), json!("BO-0007")));
        admin.get("/api/build/?status=x").await.expect(400);

        // Editing: a new quantity recomputes the lines; the part cannot change.
        let edited = admin.patch(&format!("/api/build/{build}/"), json!({"quantity": 5, "title": "Edited"})).await.expect(200);
        assert_eq!((edited["quantity"].clone(), edited["title"].clone()), (json!(5.0), json!("Edited")));
        assert_eq!(lines(&admin, build).await[0]["quantity"], json!(10.0));
        let refused = admin.patch(&format!("/api/build/{build}/"), json!({"part": s.gadget, "title": "No"})).await.expect(400);
        assert_eq!(refused, json!({"part": ["Build order part cannot be changed"]}));
        admin.patch(&format!("/api/build/{build}/"), json!({"parent": build})).await.expect(400);
        assert_eq!(admin.get(&format!("/api/build/{build}/")).await.expect(200)["title"], "Edited");
        admin.put(&format!("/api/build/{build}/"), json!({"title": "Put"})).await.expect(400);

        // Deleting needs a cancelled build.
        assert_eq!(admin.delete(&format!("/api/build/{second}/")).await.expect(400), json!({"non_field_errors": ["Build must be cancelled before it can be deleted"]}));
        admin.post(&path(second, "cancel"), json!({})).await.expect(201);
        admin.delete(&format!("/api/build/{second}/")).await.expect(204);
        assert_eq!(admin.get(&format!("/api/build/{second}/")).await.expect(404), json!({"detail": "No Build matches the given query."}));

        let options = admin.options("/api/build/").await.expect(200);
        assert_eq!(options["actions"]["POST"]["reference"]["required"], true);
        let viewer = app.user("viewer", &[]).await;
        viewer.get("/api/build/").await.expect(403);
    }
);

api_test!(
    async fn builds_move_between_statuses_and_refuse_the_wrong_moves(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let build = new_build(&admin, "BO-0001", s.widget, 1).await;
        assert_eq!(admin.post(&path(build, "hold"), json!({})).await.expect(201), json!({}));
        assert_eq!(status(&admin, build).await, 25);
        admin.post(&path(build, "issue"), json!({})).await.expect(201);
        assert_eq!(status(&admin, build).await, 20);
        assert_eq!(admin.post(&path(build, "issue"), json!({})).await.expect(400), json!({"non_field_errors": ["Build order cannot be issued"]}));
        admin.post(&path(build, "hold"), json!({})).await.expect(201);
        assert_eq!(status(&admin, build).await, 25);
        admin.post(&path(build, "cancel"), json!({})).await.expect(201);
        let cancelled = admin.get(&format!("/api/build/{build}/")).await.expect(200);
        assert_eq!((cancelled["status"].clone(), cancelled["status_text"].clone()), (json!(30), json!("Cancelled")));
        assert!(cancelled["completion_date"].is_string());
        for action in ["issue", "hold", "cancel", "finish"] {
            admin.post(&path(build, action), json!({})).await.expect(400);
        }
        assert_eq!(status(&admin, build).await, 30);
        admin.post(&path(9999, "issue"), json!({})).await.expect(404);
    }
);

api_test!(
    async fn serialized_outputs_use_the_serial_grammar_and_refuse_duplicates(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let build = new_build(&admin, "BO-0001", s.gadget, 5).await;
        let create_path = path(build, "create-output");
        let post = |body| admin.post(&create_path, body);
        assert_eq!(post(json!({"quantity": 2})).await.expect(400), json!({"serial_numbers": ["Serial numbers must be provided for trackable parts"]}));
        assert_eq!(post(json!({"quantity": 1.5, "serial_numbers": "1"})).await.expect(400), json!({"quantity": ["Integer quantity required for trackable parts"]}));
        assert_eq!(post(json!({"quantity": 0, "serial_numbers": "1"})).await.expect(400), json!({"quantity": ["Quantity must be greater than zero"]}));
        let made = post(json!({"quantity": 3, "serial_numbers": "1-3", "location": s.shelf})).await.expect(201);
        let made = made.as_array().unwrap();
        assert_eq!(made.iter().map(|o| o["serial"].clone()).collect::<Vec<_>>(), [json!("1"), json!("2"), json!("3")]);
        for output in made {
            assert_eq!((output["is_building"].clone(), output["build"].clone(), output["quantity"].clone()), (json!(true), json!(build), json!(1.0)));
        }
        let first = pk(&made[0]);
        assert_eq!(history(app.store(), first), vec![(50, json!({"quantity": 1.0, "buildorder": build, "batch": null, "location": s.shelf, "serial": "1"}))]);
        // Creating outputs puts a pending build into production.
        assert_eq!(status(&admin, build).await, 20);
        let count = || async { admin.get(&format!("/api/stock/?part={}", s.gadget)).await.expect(200).as_array().unwrap().len() };
        assert_eq!(count().await, 3);
        assert_eq!(post(json!({"quantity": 2, "serial_numbers": "3,4"})).await.expect(400), json!({"serial_numbers": ["The following serial numbers already exist or are invalid : 3"]}));
        let wrong = post(json!({"quantity": 2, "serial_numbers": "7"})).await.expect(400);
        assert!(wrong["serial_numbers"].is_array());
        assert_eq!(count().await, 3);
        let next = post(json!({"quantity": 1, "serial_numbers": "~"})).await.expect(201);
        assert_eq!(next[0]["serial"], "4");
        // An untracked assembly may not take serials.
        let widgets = new_build(&admin, "BO-0002", s.widget, 2).await;
        let refused = admin.post(&path(widgets, "create-output"), json!({"quantity": 1, "serial_numbers": "1"})).await.expect(400);
        assert_eq!(refused, json!({"serial_numbers": ["Serial numbers cannot be supplied for a non-trackable part"]}));
        let single = admin.post(&path(widgets, "create-output"), json!({"quantity": 2, "batch_code": "B1"})).await.expect(201);
        assert_eq!((single[0]["quantity"].clone(), single[0]["batch"].clone(), single[0]["serial"].clone()), (json!(2.0), json!("B1"), Value::Null));

        // Deleting outputs removes unfinished ones only, of this build only.
        let out = pk(&single[0]);
        assert_eq!(admin.post(&path(build, "delete-outputs"), json!({"outputs": [{"output": out}]})).await.expect(400), json!({"outputs": [{"output": ["Build output does not match the parent build"]}]}));
        assert_eq!(admin.post(&path(widgets, "delete-outputs"), json!({"outputs": []})).await.expect(400), json!({"non_field_errors": ["A list of build outputs must be provided"]}));
        admin.post(&path(widgets, "delete-outputs"), json!({"outputs": [{"output": out}]})).await.expect(201);
        admin.get(&format!("/api/stock/{out}/")).await.expect(404);
    }
);

api_test!(
    async fn allocations_are_checked_against_the_bom_and_free_stock(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let build = new_build(&admin, "BO-0001", s.widget, 10).await;
        let line = lines(&admin, build).await[0]["pk"].as_i64().unwrap();
        let small = pk(&create(&admin, json!({"part": s.screw, "quantity": 15})).await);
        let big = pk(&create(&admin, json!({"part": s.screw, "quantity": 30})).await);
        let other = pk(&create(&admin, json!({"part": s.plain, "quantity": 30})).await);
        let allocate_path = path(build, "allocate");
        let allocate = |items: Value| admin.post(&allocate_path, json!({"items": items}));
        assert_eq!(allocate(json!([])).await.expect(400), json!({"non_field_errors": ["Allocation items must be provided"]}));
        assert_eq!(allocate(json!([{"build_line": line}])).await.expect(400), json!({"items": [{"stock_item": ["This field is required."], "quantity": ["This field is required."]}]}));
        let body = allocate(json!([
            {"build_line": line, "stock_item": big, "quantity": 5},
            {"build_line": line, "stock_item": small, "quantity": 16},
            {"build_line": line, "stock_item": other, "quantity": 1},
            {"build_line": line, "stock_item": big, "quantity": 1, "output": small},
            {"build_line": line, "stock_item": big, "quantity": -1},
        ])).await.expect(400);
        assert_eq!(body, json!({"items": [
            {},
            {"quantity": ["Available quantity (15) exceeded"]},
            {"stock_item": ["Selected stock item does not match BOM line"]},
            {"output": ["Build output cannot be specified for allocation of untracked parts"]},
            {"quantity": ["Quantity must be greater than zero"]},
        ]}));
        // Later entries see earlier ones: 20 + 11 of 30 is too much.
        let body = allocate(json!([{"build_line": line, "stock_item": big, "quantity": 20}, {"build_line": line, "stock_item": big, "quantity": 11}])).await.expect(400);
        assert_eq!(body, json!({"items": [{}, {"quantity": ["Available quantity (10) exceeded"]}]}));
        assert_eq!(admin.get("/api/build/item/").await.expect(200), json!([]));

        allocate(json!([{"build_line": line, "stock_item": small, "quantity": 10}, {"build_line": line, "stock_item": big, "quantity": 6}])).await.expect(201);
        allocate(json!([{"build_line": line, "stock_item": big, "quantity": 4}])).await.expect(201);
        let items = admin.get(&format!("/api/build/item/?build={build}")).await.expect(200);
        let items = items.as_array().unwrap();
        assert_eq!(items.len(), 2, "a second allocation of the same item grows the first");
        assert_eq!(items[1]["quantity"], json!(10.0));
        assert_eq!(items[1]["build"], build);
        assert_eq!(lines(&admin, build).await[0]["allocated"], json!(20.0));
        assert_eq!(admin.get(&format!("/api/stock/{small}/")).await.expect(200)["allocated"], json!(10.0));
        // Another build cannot take what this one holds.
        let rival = new_build(&admin, "BO-0002", s.widget, 10).await;
        let rival_line = lines(&admin, rival).await[0]["pk"].as_i64().unwrap();
        let body = admin.post(&path(rival, "allocate"), json!({"items": [{"build_line": rival_line, "stock_item": small, "quantity": 6}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"quantity": ["Available quantity (5) exceeded"]}]}));
        let body = admin.post(&path(rival, "allocate"), json!({"items": [{"build_line": line, "stock_item": small, "quantity": 1}]})).await.expect(400);
        assert_eq!(body, json!({"items": [{"build_line": ["bom_item.part must point to the same part as the build order"]}]}));

        // Editing and removing allocations.
        let first = items[0]["pk"].as_i64().unwrap();
        let item_path = format!("/api/build/item/{first}/");
        assert_eq!(admin.get(&format!("/api/build/item/?stock_item={small}")).await.expect(200).as_array().unwrap().len(), 1);
        assert_eq!(admin.patch(&item_path, json!({"quantity": 16})).await.expect(400), json!({"quantity": ["Allocated quantity (16) must not exceed available stock quantity (15)"]}));
        assert_eq!(admin.patch(&item_path, json!({"quantity": 0})).await.expect(400), json!({"quantity": ["Allocation quantity must be greater than zero"]}));
        assert_eq!(admin.patch(&item_path, json!({"quantity": 12})).await.expect(200)["quantity"], json!(12.0));
        admin.delete(&item_path).await.expect(204);
        admin.get(&item_path).await.expect(404);
        admin.post(&path(build, "unallocate"), json!({"build_line": line})).await.expect(201);
        assert_eq!(lines(&admin, build).await[0]["allocated"], json!(0.0));
    }
);

api_test!(
    async fn completing_outputs_consumes_the_allocated_stock_with_history(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let build = new_build(&admin, "BO-0001", s.widget, 2).await;
        admin.post(&path(build, "issue"), json!({})).await.expect(201);
        let line = lines(&admin, build).await[0]["pk"].as_i64().unwrap();
        let screws = pk(&create(&admin, json!({"part": s.screw, "quantity": 10, "location": s.shelf})).await);
        let output = pk(&admin.post(&path(build, "create-output"), json!({"quantity": 2})).await.expect(201)[0]);
        let complete_path = path(build, "complete-outputs");
        let complete = |body| admin.post(&complete_path, body);
        // Not allocated yet: refused, nothing changes.
        let body = complete(json!({"outputs": [{"output": output}], "location": s.shelf})).await.expect(400);
        assert_eq!(body, json!({"outputs": [{"output": ["This build output is not fully allocated"]}]}));
        assert_eq!(complete(json!({"outputs": [{"output": output}]})).await.expect(400), json!({"location": ["This field is required."]}));
        assert_eq!(complete(json!({"outputs": [{"output": screws}], "location": s.shelf})).await.expect(400), json!({"outputs": [{"output": ["Build output does not match the parent build"]}]}));
        let before = admin.get(&format!("/api/stock/{output}/")).await.expect(200);
        assert_eq!(before["is_building"], true);

        admin.post(&path(build, "allocate"), json!({"items": [{"build_line": line, "stock_item": screws, "quantity": 4}]})).await.expect(201);
        complete(json!({"outputs": [{"output": output}], "location": s.shelf, "notes": "Done"})).await.expect(201);
        let done = admin.get(&format!("/api/stock/{output}/")).await.expect(200);
        assert_eq!((done["is_building"].clone(), done["location"].clone(), done["status"].clone()), (json!(false), json!(s.shelf), json!(10)));
        assert_eq!(history(app.store(), output), vec![
            (50, json!({"quantity": 2.0, "buildorder": build, "batch": null, "location": null})),
            (55, json!({"status": 10, "buildorder": build, "location": s.shelf})),
        ]);
        assert_eq!(admin.get(&format!("/api/build/{build}/")).await.expect(200)["completed"], json!(2.0));
        // The screws were split: four consumed by the build, six left in stock.
        assert_eq!(admin.get(&format!("/api/stock/{screws}/")).await.expect(200)["quantity"], json!(6.0));
        let consumed = admin.get(&format!("/api/stock/?part={}&in_stock=false", s.screw)).await.expect(200);
        let consumed = consumed.as_array().unwrap();
        assert_eq!(consumed.len(), 1);
        assert_eq!((consumed[0]["quantity"].clone(), consumed[0]["consumed_by"].clone()), (json!(4.0), json!(build)));
        let piece = pk(&consumed[0]);
        assert_eq!(history(app.store(), piece), vec![
            (40, json!({"stockitem": screws, "quantity": 4.0})),
            (57, json!({"buildorder": build, "quantity": 4.0})),
        ]);
        assert_eq!(history(app.store(), screws)[1], (42, json!({"removed": 4.0, "quantity": 6.0, "stockitem": piece})));
        assert_eq!(admin.get("/api/build/item/").await.expect(200), json!([]));
        assert_eq!(lines(&admin, build).await[0]["consumed"], json!(4.0));
        assert_eq!(complete(json!({"outputs": [{"output": output}], "location": s.shelf})).await.expect(400), json!({"outputs": [{"output": ["This build output has already been completed"]}]}));

        // With everything built, the order finishes.
        admin.post(&path(build, "finish"), json!({})).await.expect(201);
        let finished = admin.get(&format!("/api/build/{build}/")).await.expect(200);
        assert_eq!((finished["status"].clone(), finished["status_text"].clone()), (json!(40), json!("Complete")));
        assert!(finished["completion_date"].is_string());
    }
);

api_test!(
    async fn tracked_components_are_installed_into_their_output(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let build = new_build(&admin, "BO-0001", s.gadget, 1).await;
        let found = lines(&admin, build).await;
        let chip_line = found.iter().find(|l| l["part"] == s.chip).unwrap()["pk"].as_i64().unwrap();
        let screw_line = found.iter().find(|l| l["part"] == s.screw).unwrap()["pk"].as_i64().unwrap();
        let chip = pk(&create(&admin, json!({"part": s.chip, "quantity": 1, "serial_numbers": "C1"})).await);
        let screws = pk(&create(&admin, json!({"part": s.screw, "quantity": 3})).await);
        let output = pk(&admin.post(&path(build, "create-output"), json!({"quantity": 1, "serial_numbers": "G1"})).await.expect(201)[0]);
        let allocate_path = path(build, "allocate");
        let allocate = |items: Value| admin.post(&allocate_path, json!({"items": items}));
        assert_eq!(allocate(json!([{"build_line": chip_line, "stock_item": chip, "quantity": 1}])).await.expect(400), json!({"items": [{"output": ["Build output must be specified for allocation of tracked parts"]}]}));
        assert_eq!(allocate(json!([{"build_line": chip_line, "stock_item": chip, "quantity": 2, "output": output}])).await.expect(400), json!({"items": [{"quantity": ["Quantity must be 1 for serialized stock"]}]}));
        allocate(json!([{"build_line": chip_line, "stock_item": chip, "quantity": 1, "output": output}, {"build_line": screw_line, "stock_item": screws, "quantity": 3}])).await.expect(201);
        admin.post(&path(build, "complete-outputs"), json!({"outputs": [{"output": output}], "location": s.shelf, "status": 50})).await.expect(201);
        let installed = admin.get(&format!("/api/stock/{chip}/")).await.expect(200);
        assert_eq!(installed["belongs_to"], output);
        assert_eq!(history(app.store(), chip)[1], (30, json!({"stockitem": output, "buildorder": build, "quantity": 1.0})));
        assert_eq!(history(app.store(), output)[1], (35, json!({"stockitem": chip, "buildorder": build})));
        assert_eq!(admin.get(&format!("/api/stock/{screws}/")).await.expect(200)["consumed_by"], build);
        assert_eq!(admin.get(&format!("/api/stock/{output}/")).await.expect(200)["status"], 50);
    }
);

api_test!(
    async fn finishing_refuses_until_the_build_is_done_or_accepted(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let build = new_build(&admin, "BO-0001", s.widget, 3).await;
        let finish_path = path(build, "finish");
        let finish = |body| admin.post(&finish_path, body);
        assert_eq!(finish(json!({})).await.expect(400), json!({"non_field_errors": ["Build order must be in production to be completed"]}));
        let output = pk(&admin.post(&path(build, "create-output"), json!({"quantity": 1})).await.expect(201)[0]);
        assert_eq!(finish(json!({"accept_unallocated": true, "accept_incomplete": true})).await.expect(400), json!({"non_field_errors": ["Build order has incomplete outputs"]}));
        admin.post(&path(build, "complete-outputs"), json!({"outputs": [{"output": output}], "location": s.shelf, "accept_incomplete_allocation": true})).await.expect(201);
        assert_eq!(finish(json!({"accept_incomplete": true})).await.expect(400), json!({"accept_unallocated": ["Required stock has not been fully allocated"]}));
        assert_eq!(finish(json!({"accept_unallocated": true})).await.expect(400), json!({"accept_incomplete": ["Required build quantity has not been completed"]}));
        assert_eq!(finish(json!({"accept_overallocated": "maybe"})).await.expect(400), json!({"accept_overallocated": ["\"maybe\" is not a valid choice."]}));
        let line = lines(&admin, build).await[0]["pk"].as_i64().unwrap();
        let screws = pk(&create(&admin, json!({"part": s.screw, "quantity": 10})).await);
        admin.post(&path(build, "allocate"), json!({"items": [{"build_line": line, "stock_item": screws, "quantity": 8}]})).await.expect(201);
        assert_eq!(finish(json!({"accept_incomplete": true})).await.expect(400), json!({"accept_overallocated": ["Some stock items have been overallocated"]}));
        assert_eq!(status(&admin, build).await, 20);
        assert_eq!(admin.get(&format!("/api/stock/{screws}/")).await.expect(200)["quantity"], json!(10.0));
        // Trimming keeps what the line needs (6) and consumes it.
        finish(json!({"accept_incomplete": true, "accept_overallocated": "trim"})).await.expect(201);
        assert_eq!(status(&admin, build).await, 40);
        assert_eq!(admin.get(&format!("/api/stock/{screws}/")).await.expect(200)["quantity"], json!(4.0));
        assert_eq!(admin.get("/api/build/item/").await.expect(200), json!([]));
    }
);

api_test!(
    async fn cancelling_releases_or_consumes_allocations_and_removes_outputs(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let screws = pk(&create(&admin, json!({"part": s.screw, "quantity": 10})).await);
        for (reference, consume) in [("BO-0001", false), ("BO-0002", true)] {
            let build = new_build(&admin, reference, s.widget, 1).await;
            let line = lines(&admin, build).await[0]["pk"].as_i64().unwrap();
            let output = pk(&admin.post(&path(build, "create-output"), json!({"quantity": 1})).await.expect(201)[0]);
            admin.post(&path(build, "allocate"), json!({"items": [{"build_line": line, "stock_item": screws, "quantity": 2}]})).await.expect(201);
            let echo = admin.post(&path(build, "cancel"), json!({"remove_allocated_stock": consume, "remove_incomplete_outputs": true})).await.expect(201);
            assert_eq!(echo, json!({"remove_allocated_stock": consume, "remove_incomplete_outputs": true}));
            admin.get(&format!("/api/stock/{output}/")).await.expect(404);
            assert_eq!(admin.get(&format!("/api/build/item/?build={build}")).await.expect(200), json!([]));
        }
        // Only the second cancel consumed its two screws.
        assert_eq!(admin.get(&format!("/api/stock/{screws}/")).await.expect(200)["quantity"], json!(8.0));
    }
);

api_test!(
    async fn a_build_scans_to_its_detail(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let build = new_build(&admin, "BO-0001", s.widget, 1).await;
        let body = admin.post("/api/barcode/", json!({"barcode": format!("INV-BO{build}")})).await.expect(200);
        assert_eq!(body["build"]["instance"]["reference"], "BO-0001");
        app.store().link_barcode(stockroom_core::ModelType::Build, build, "BUILD-LABEL", "0123456789abcdef0123456789abcdef", None).unwrap();
        assert_eq!(admin.get(&format!("/api/build/{build}/")).await.expect(200)["barcode_hash"], "0123456789abcdef0123456789abcdef");
    }
);

api_test!(
    async fn scrapped_outputs_are_rejected_without_counting_as_built(app) {
        let s = shop(app.store());
        let admin = app.admin().await;
        let build = new_build(&admin, "BO-0001", s.widget, 5).await;
        let output = pk(&admin.post(&path(build, "create-output"), json!({"quantity": 5})).await.expect(201)[0]);
        let scrap_path = path(build, "scrap-outputs");
        let scrap = |body| admin.post(&scrap_path, body);
        assert_eq!(scrap(json!({"outputs": [{"output": output, "quantity": 2}], "location": s.shelf})).await.expect(400), json!({"notes": ["This field is required."]}));
        assert_eq!(scrap(json!({"outputs": [{"output": output, "quantity": 6}], "location": s.shelf, "notes": "Bent"})).await.expect(400), json!({"outputs": [{"quantity": ["Quantity cannot be greater than the output quantity"]}]}));
        assert_eq!(scrap(json!({"outputs": [{"output": output, "quantity": 0}], "location": s.shelf, "notes": "Bent"})).await.expect(400), json!({"outputs": [{"quantity": ["Quantity must be greater than zero"]}]}));
        assert_eq!(admin.get(&format!("/api/stock/{output}/")).await.expect(200)["quantity"], json!(5.0));
        scrap(json!({"outputs": [{"output": output, "quantity": 2}], "location": s.shelf, "notes": "Bent"})).await.expect(201);
        let rest = admin.get(&format!("/api/stock/{output}/")).await.expect(200);
        assert_eq!((rest["quantity"].clone(), rest["is_building"].clone()), (json!(3.0), json!(true)));
        let rejected = admin.get(&format!("/api/stock/?part={}&status=65", s.widget)).await.expect(200);
        let rejected = rejected.as_array().unwrap();
        assert_eq!(rejected.len(), 1);
        assert_eq!((rejected[0]["quantity"].clone(), rejected[0]["is_building"].clone(), rejected[0]["location"].clone()), (json!(2.0), json!(false), json!(s.shelf)));
        let piece = pk(&rejected[0]);
        assert_eq!(history(app.store(), piece)[1], (56, json!({"location": s.shelf, "status": 65, "buildorder": build})));
        assert_eq!(admin.get(&format!("/api/build/{build}/")).await.expect(200)["completed"], json!(0.0));
    }
);
