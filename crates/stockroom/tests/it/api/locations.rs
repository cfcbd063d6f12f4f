//! `/api/stock/location/`: the body, tree filters, counts, the delete rule, roles and bad input.

use serde_json::{Value, json};
use stockroom_store::auth::Permissions;

use super::stock::{create, pk};
use super::*;
use crate::api_test;

async fn location(client: &Client, body: Value) -> i64 {
    pk(&client.post("/api/stock/location/", body).await.expect(201))
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect()
}

api_test!(
    async fn locations_are_created_read_updated_and_deleted(app) {
        let admin = app.admin().await;
        let store = admin.post("/api/stock/location/", json!({"name": "Store", "description": "Main store", "custom_icon": "ti:building:outline"})).await.expect(201);
        assert_eq!(store, json!({
            "pk": store["pk"], "barcode_hash": "", "name": "Store", "level": 0, "description": "Main store",
            "parent": null, "pathstring": "Store", "items": 0, "sublocations": 0, "owner": null,
            "icon": "ti:building:outline", "custom_icon": "ti:building:outline", "structural": false,
            "external": false, "location_type": null, "location_type_detail": null, "tags": [],
        }));
        let shelf = location(&admin, json!({"name": "Shelf", "parent": pk(&store)})).await;
        let detail = admin.get(&format!("/api/stock/location/{shelf}/?path_detail=true")).await.expect(200);
        assert_eq!((detail["pathstring"].clone(), detail["level"].clone()), (json!("Store/Shelf"), json!(1)));
        assert_eq!(detail["path"], json!([{"pk": pk(&store), "name": "Store", "icon": "ti:building:outline"}, {"pk": shelf, "name": "Shelf", "icon": ""}]));
        assert!(admin.get(&format!("/api/stock/location/{shelf}/")).await.expect(200).get("path").is_none());

        let renamed = admin.patch(&format!("/api/stock/location/{}/", pk(&store)), json!({"name": "Depot", "external": true})).await.expect(200);
        assert_eq!((renamed["name"].clone(), renamed["external"].clone(), renamed["sublocations"].clone()), (json!("Depot"), json!(true), json!(1)));
        assert_eq!(admin.get(&format!("/api/stock/location/{shelf}/")).await.expect(200)["pathstring"], "Depot/Shelf");
        let moved = admin.put(&format!("/api/stock/location/{shelf}/"), json!({"name": "Shelf", "parent": null})).await.expect(200);
        assert_eq!((moved["parent"].clone(), moved["pathstring"].clone()), (json!(null), json!("Shelf")));
        admin.delete(&format!("/api/stock/location/{shelf}/")).await.expect(204);
        admin.get(&format!("/api/stock/location/{shelf}/")).await.expect(404);
        admin.get("/api/stock/location/abc/").await.expect(404);
    }
);

api_test!(
    async fn location_filters_follow_inventree(app) {
        let admin = app.admin().await;
        let a = location(&admin, json!({"name": "A", "description": "first"})).await;
        let a1 = location(&admin, json!({"name": "A1", "parent": a})).await;
        let a11 = location(&admin, json!({"name": "A11", "parent": a1})).await;
        let b = location(&admin, json!({"name": "B", "structural": true, "external": true})).await;
        let all = admin.get("/api/stock/location/").await.expect(200);
        assert_eq!(names(&all), ["A", "A1", "A11", "B"]);
        assert_eq!(names(&admin.get(&format!("/api/stock/location/?parent={a}")).await.expect(200)), ["A1"]);
        assert_eq!(names(&admin.get(&format!("/api/stock/location/?parent={a}&cascade=true")).await.expect(200)), ["A1", "A11"]);
        assert_eq!(names(&admin.get(&format!("/api/stock/location/?parent={a}&cascade=true&depth=1")).await.expect(200)), ["A1"]);
        assert_eq!(names(&admin.get("/api/stock/location/?parent=null").await.expect(200)), ["A", "B"]);
        assert_eq!(names(&admin.get("/api/stock/location/?cascade=false").await.expect(200)), ["A", "B"]);
        assert_eq!(names(&admin.get("/api/stock/location/?top_level=true").await.expect(200)), ["A", "B"]);
        assert_eq!(names(&admin.get("/api/stock/location/?top_level=true&cascade=true").await.expect(200)).len(), 4);
        assert_eq!(names(&admin.get("/api/stock/location/?depth=1").await.expect(200)), ["A", "A1", "B"]);
        assert_eq!(names(&admin.get("/api/stock/location/?structural=true").await.expect(200)), ["B"]);
        assert_eq!(names(&admin.get("/api/stock/location/?external=false").await.expect(200)), ["A", "A1", "A11"]);
        assert_eq!(names(&admin.get("/api/stock/location/?name=A1").await.expect(200)), ["A1"]);
        assert_eq!(names(&admin.get("/api/stock/location/?search=FIRST").await.expect(200)), ["A"]);
        assert_eq!(names(&admin.get("/api/stock/location/?search=a1").await.expect(200)), ["A1", "A11"]);
        assert_eq!(names(&admin.get(&format!("/api/stock/location/?exclude_tree={a1}")).await.expect(200)), ["A", "B"]);
        assert_eq!(names(&admin.get("/api/stock/location/?ordering=-name").await.expect(200)), ["B", "A11", "A1", "A"]);
        assert_eq!(names(&admin.get("/api/stock/location/?ordering=-level,name").await.expect(200)), ["A11", "A1", "A", "B"]);
        let page = admin.get("/api/stock/location/?limit=2&offset=1").await.expect(200);
        assert_eq!((page["count"].clone(), names(&page["results"])), (json!(4), vec!["A1", "A11"]));
        assert!(page["next"].as_str().unwrap().ends_with("limit=2&offset=3"));
        let with_path = admin.get(&format!("/api/stock/location/?parent={a1}&path_detail=1")).await.expect(200);
        assert_eq!(with_path[0]["path"].as_array().unwrap().len(), 3);
        assert_eq!(with_path[0]["pk"], a11);
        let body = admin.get("/api/stock/location/?parent=x&structural=maybe").await.expect(400);
        assert_eq!(body, json!({"parent": ["Select a valid choice. That choice is not one of the available choices."], "structural": ["Enter a valid boolean."]}));
        let _ = b;
    }
);

api_test!(
    async fn items_count_stock_below_and_sublocations_count_every_level(app) {
        let w = super::stock::world(app.store());
        let admin = app.admin().await;
        let deep = location(&admin, json!({"name": "Deep", "parent": w.bin})).await;
        create(&admin, json!({"part": w.part, "quantity": 1, "location": w.shelf})).await;
        create(&admin, json!({"part": w.part, "quantity": 1, "location": w.bin})).await;
        create(&admin, json!({"part": w.part, "quantity": 0, "location": deep})).await;
        create(&admin, json!({"part": w.part, "quantity": 4, "location": w.yard})).await;
        let shelf = admin.get(&format!("/api/stock/location/{}/", w.shelf)).await.expect(200);
        assert_eq!((shelf["items"].clone(), shelf["sublocations"].clone()), (json!(3), json!(2)));
        let bin = admin.get(&format!("/api/stock/location/{}/", w.bin)).await.expect(200);
        assert_eq!((bin["items"].clone(), bin["sublocations"].clone()), (json!(2), json!(1)));
        let ordered = admin.get("/api/stock/location/?ordering=-items").await.expect(200);
        assert_eq!(names(&ordered)[..2], ["Shelf", "Bin"]);
        let listed = admin.get("/api/stock/location/?name=Yard").await.expect(200);
        assert_eq!(listed[0]["items"], 1);
    }
);

api_test!(
    async fn deleting_a_location_moves_its_contents_up_unless_asked(app) {
        let w = super::stock::world(app.store());
        let admin = app.admin().await;
        for (delete_items, delete_children) in [(false, false), (true, false), (false, true), (true, true)] {
            let top = location(&admin, json!({"name": "Top"})).await;
            let doomed = location(&admin, json!({"name": "Doomed", "parent": top})).await;
            let child = location(&admin, json!({"name": "Child", "parent": doomed})).await;
            let here = create(&admin, json!({"part": w.part, "quantity": 1, "location": doomed})).await;
            let below = create(&admin, json!({"part": w.part, "quantity": 1, "location": child})).await;
            let mut body = json!({});
            if delete_items {
                body["delete_stock_items"] = json!("1");
            }
            if delete_children {
                body["delete_sub_locations"] = json!(true);
            }
            admin.delete_with(&format!("/api/stock/location/{doomed}/"), body).await.expect(204);
            admin.get(&format!("/api/stock/location/{doomed}/")).await.expect(404);
            let here = admin.get(&format!("/api/stock/{}/", pk(&here))).await;
            let below = admin.get(&format!("/api/stock/{}/", pk(&below))).await;
            let child = admin.get(&format!("/api/stock/location/{child}/")).await;
            match (delete_items, delete_children) {
                (false, false) => {
                    assert_eq!(here.expect(200)["location"], top);
                    assert_eq!(below.expect(200)["location"], child.body["pk"]);
                    assert_eq!(child.expect(200)["pathstring"], "Top/Child");
                }
                (true, false) => {
                    here.expect(404);
                    assert_eq!(child.expect(200)["parent"], top);
                    below.expect(200);
                }
                (false, true) => {
                    assert_eq!(here.expect(200)["location"], top);
                    assert_eq!(below.expect(200)["location"], top);
                    child.expect(404);
                }
                (true, true) => {
                    here.expect(404);
                    below.expect(404);
                    child.expect(404);
                }
            }
        }
    }
);

api_test!(
    async fn a_location_holding_stock_cannot_become_structural(app) {
        let w = super::stock::world(app.store());
        let admin = app.admin().await;
        create(&admin, json!({"part": w.part, "quantity": 1, "location": w.bin})).await;
        let body = admin.patch(&format!("/api/stock/location/{}/", w.bin), json!({"structural": true})).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["You cannot make this stock location structural because some stock items are already located into it!"]}));
        // Stock further down does not count: only items directly in the location.
        admin.patch(&format!("/api/stock/location/{}/", w.shelf), json!({"structural": true})).await.expect(200);
        assert_eq!(admin.get(&format!("/api/stock/location/{}/", w.bin)).await.expect(200)["structural"], false);
    }
);

api_test!(
    async fn bad_location_input_gets_field_errors_and_writes_nothing(app) {
        let admin = app.admin().await;
        assert_eq!(admin.post("/api/stock/location/", json!({})).await.expect(400), json!({"name": ["This field is required."]}));
        assert_eq!(admin.post("/api/stock/location/", json!({"name": "X", "parent": 999})).await.expect(400), json!({"parent": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(admin.post("/api/stock/location/", json!({"name": "X", "owner": 1})).await.expect(400), json!({"owner": ["Invalid pk \"1\" - object does not exist."]}));
        assert_eq!(admin.post("/api/stock/location/", json!({"name": "X", "location_type": 2})).await.expect(400), json!({"location_type": ["Invalid pk \"2\" - object does not exist."]}));
        let body = admin.post("/api/stock/location/", json!({"name": "x".repeat(101), "structural": "maybe", "description": 5})).await.expect(400);
        assert_eq!(body, json!({"name": ["Ensure this field has no more than 100 characters."], "structural": ["Must be a valid boolean."]}));
        assert_eq!(admin.post("/api/stock/location/", json!("x")).await.expect(400), json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got str."]}));
        let a = location(&admin, json!({"name": "A"})).await;
        let b = location(&admin, json!({"name": "B", "parent": a})).await;
        let body = admin.patch(&format!("/api/stock/location/{a}/"), json!({"parent": b})).await.expect(400);
        assert_eq!(body, json!({"parent": ["Cannot make a location its own parent or descendant"]}));
        admin.patch("/api/stock/location/999/", json!({"name": "Z"})).await.expect(404);
        admin.delete("/api/stock/location/999/").await.expect(404);
        assert_eq!(names(&admin.get("/api/stock/location/").await.expect(200)), ["A", "B"]);
    }
);

api_test!(
    async fn location_roles_are_enforced(app) {
        let admin = app.admin().await;
        let a = location(&admin, json!({"name": "A"})).await;
        let url = format!("/api/stock/location/{a}/");
        app.anonymous().get("/api/stock/location/").await.expect(401);
        app.anonymous().delete(&url).await.expect(401);
        let nobody = app.user("nobody", &[("stock", Permissions::ALL)]).await;
        nobody.get("/api/stock/location/").await.expect(403);
        nobody.get(&url).await.expect(403);
        let viewer = app.user("viewer", &[("stock_location", Permissions::VIEW)]).await;
        viewer.get(&url).await.expect(200);
        viewer.post("/api/stock/location/", json!({"name": "B"})).await.expect(403);
        viewer.patch(&url, json!({"name": "C"})).await.expect(403);
        viewer.delete(&url).await.expect(403);
        let editor = app.user("editor", &[("stock_location", Permissions { view: true, add: true, change: true, delete: false })]).await;
        editor.post("/api/stock/location/", json!({"name": "B"})).await.expect(201);
        editor.patch(&url, json!({"name": "C"})).await.expect(200);
        editor.delete(&url).await.expect(403);
        let options = viewer.options("/api/stock/location/").await.expect(200);
        assert!(options["actions"].get("POST").is_none());
        let options = admin.options(&url).await.expect(200);
        assert_eq!(options["actions"]["PUT"]["name"]["max_length"], 100);
        assert_eq!(options["actions"]["PUT"]["icon"]["read_only"], true);
        admin.delete(&url).await.expect(204);
    }
);
