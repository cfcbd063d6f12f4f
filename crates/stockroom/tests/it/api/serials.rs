//! Serial numbers and batch codes over HTTP: serializing stock, serial neighbours, a part's
//! latest and next serial, the generators, serial edits, `batch_regex`, validation plugins
//! and racing requests.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{Value, json};
use stockroom_plugins::validation::{PartRef, ValidationPlugin, Validators, Verdict};
use stockroom_server::{AppState, ServerConfig};
use stockroom_store::parts::NewPart;

use super::TestApp;
use super::stock::{create, history, pk, world};
use crate::api_test;
use crate::support::TestDb;

fn serials_of(body: &Value) -> Vec<String> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|i| i["serial"].as_str().unwrap().to_owned())
        .collect()
}

api_test!(
    async fn serializing_takes_units_out_into_new_items(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.trackable, "quantity": 10, "location": w.shelf, "batch": "B7"})).await);
        let url = format!("/api/stock/{item}/serialize/");
        let made = admin.post(&url, json!({"quantity": 3, "serial_numbers": "901,902,903", "destination": w.bin, "notes": "Bench"})).await.expect(201);
        assert_eq!(serials_of(&made), ["901", "902", "903"]);
        for child in made.as_array().unwrap() {
            assert_eq!((child["parent"].clone(), child["quantity"].clone()), (json!(item), json!(1.0)));
            assert_eq!((child["batch"].clone(), child["location"].clone()), (json!("B7"), json!(w.bin)));
            assert!(child["creation_date"].is_string());
            let entries = history(app.store(), pk(child));
            assert_eq!(entries.iter().map(|e| e.0).collect::<Vec<_>>(), [40, 6]);
            assert_eq!(entries[1].1, json!({"serial": child["serial"]}));
        }
        let parent = admin.get(&format!("/api/stock/{item}/")).await.expect(200);
        assert_eq!((parent["quantity"].clone(), parent["child_items"].clone()), (json!(7.0), json!(3)));
        assert_eq!(history(app.store(), item).last().unwrap(), &(13, json!({"removed": 3.0, "quantity": 7.0})));

        // The same serials again, too many, a bad pattern: refused, nothing written.
        let before = admin.get(&format!("/api/stock/?part={}", w.trackable)).await.expect(200);
        let refuse = |body: Value| admin.post(&url, body);
        assert_eq!(refuse(json!({"quantity": 3, "serial_numbers": "901-903", "destination": w.bin})).await.expect(400), json!({"serial_numbers": ["Serial numbers already exist: 901,902,903"]}));
        assert_eq!(refuse(json!({"quantity": 8, "serial_numbers": "1-8", "destination": w.bin})).await.expect(400), json!({"quantity": ["Quantity must not exceed available stock quantity (7.00000)"]}));
        assert_eq!(refuse(json!({"quantity": 2, "serial_numbers": "1-5", "destination": w.bin})).await.expect(400), json!({"serial_numbers": ["Group range 1-5 exceeds allowed quantity (2)"]}));
        assert_eq!(refuse(json!({"quantity": 0, "serial_numbers": "1", "destination": w.bin})).await.expect(400), json!({"quantity": ["Quantity must be greater than zero"]}));
        assert_eq!(refuse(json!({"quantity": 1, "serial_numbers": "1", "destination": w.hall})).await.expect(400), json!({"destination": ["Stock items cannot be located into structural stock locations!"]}));
        assert_eq!(refuse(json!({"quantity": 1, "serial_numbers": "1", "destination": 999})).await.expect(400), json!({"destination": ["Invalid pk \"999\" - object does not exist."]}));
        assert_eq!(refuse(json!({"quantity": 1})).await.expect(400), json!({"serial_numbers": ["This field is required."], "destination": ["This field is required."]}));
        let after = admin.get(&format!("/api/stock/?part={}", w.trackable)).await.expect(200);
        assert_eq!(before, after);

        // `~` continues from the scope's latest serial; taking the rest deletes the parent.
        let made = admin.post(&url, json!({"quantity": 7, "serial_numbers": "~+", "destination": w.bin})).await.expect(201);
        assert_eq!(serials_of(&made), ["904", "905", "906", "907", "908", "909", "910"]);
        admin.get(&format!("/api/stock/{item}/")).await.expect(404);

        // Plain parts and already serialized items cannot be serialized.
        let plain = pk(&create(&admin, json!({"part": w.part, "quantity": 4})).await);
        let body = admin.post(&format!("/api/stock/{plain}/serialize/"), json!({"quantity": 1, "serial_numbers": "1", "destination": w.bin})).await.expect(400);
        assert_eq!(body, json!({"non_field_errors": ["Serial numbers cannot be assigned to this part"]}));
        admin.post("/api/stock/999/serialize/", json!({"quantity": 1, "serial_numbers": "1", "destination": w.bin})).await.expect(404);
        let options = admin.options(&url).await.expect(200);
        assert_eq!(options["actions"]["POST"]["serial_numbers"]["required"], json!(true));
    }
);

api_test!(
    async fn serialize_needs_the_change_role(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let item = pk(&create(&admin, json!({"part": w.trackable, "quantity": 2})).await);
        let viewer = app.user("viewer", &[("stock", stockroom_store::auth::Permissions { view: true, ..Default::default() })]).await;
        viewer.post(&format!("/api/stock/{item}/serialize/"), json!({"quantity": 1, "serial_numbers": "1", "destination": w.bin})).await.expect(403);
        assert_eq!(admin.get(&format!("/api/stock/{item}/")).await.expect(200)["quantity"], json!(2.0));
    }
);

api_test!(
    async fn neighbours_latest_and_next_follow_the_serial_order(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let url = format!("/api/part/{}/serial-numbers/", w.trackable);
        assert_eq!(admin.get(&url).await.expect(200), json!({"latest": null, "next": "1"}));
        let made = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 4, "serial_numbers": "2, 10, 9, 100"})).await.expect(201);
        assert_eq!(admin.get(&url).await.expect(200), json!({"latest": "100", "next": "101"}));
        let nine = pk(&made[2]);
        let around = admin.get(&format!("/api/stock/{nine}/serial-numbers/")).await.expect(200);
        assert_eq!((around["previous"]["serial"].clone(), around["next"]["serial"].clone()), (json!("2"), json!("10")));
        let top = admin.get(&format!("/api/stock/{}/serial-numbers/", pk(&made[3]))).await.expect(200);
        assert_eq!(top["next"], Value::Null);
        let plain = pk(&create(&admin, json!({"part": w.part, "quantity": 4})).await);
        assert_eq!(admin.get(&format!("/api/stock/{plain}/serial-numbers/")).await.expect(200), json!({"next": null, "previous": null}));
        admin.get("/api/part/999/serial-numbers/").await.expect(404);
        admin.get("/api/stock/999/serial-numbers/").await.expect(404);
        // A serial that cannot count up is its own next.
        let other = app.store().create_part(&NewPart { name: "Label".into(), trackable: true, ..Default::default() }).unwrap().id;
        admin.post("/api/stock/", json!({"part": other, "quantity": 1, "serial_numbers": "QQQ"})).await.expect(201);
        assert_eq!(admin.get(&format!("/api/part/{other}/serial-numbers/")).await.expect(200), json!({"latest": "QQQ", "next": "QQQ"}));
    }
);

api_test!(
    async fn the_generators_give_serials_and_batch_codes(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let gen_serial = |body: Value| admin.post("/api/generate/serial-number/", body);
        assert_eq!(gen_serial(json!({})).await.expect(201), json!({"serial_number": null}));
        assert_eq!(gen_serial(json!({"part": w.trackable, "quantity": 1})).await.expect(201), json!({"serial_number": "1"}));
        assert_eq!(gen_serial(json!({"part": w.trackable, "quantity": 3})).await.expect(201), json!({"serial_number": "1,2,3"}));
        assert_eq!(gen_serial(json!({"part": w.trackable, "quantity": "abc"})).await.expect(400), json!({"quantity": ["A valid integer is required."]}));
        assert_eq!(gen_serial(json!({"part": w.trackable, "quantity": -2})).await.expect(400), json!({"quantity": ["Quantity must be greater than zero"]}));
        assert_eq!(gen_serial(json!({"part": 999})).await.expect(400), json!({"part": ["Invalid pk \"999\" - object does not exist."]}));
        admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 2, "serial_numbers": "A-0009, A-0010"})).await.expect(201);
        assert_eq!(gen_serial(json!({"part": w.trackable, "quantity": 2})).await.expect(201), json!({"serial_number": "A-0011,A-0012"}));

        let gen_batch = |body: Value| admin.post("/api/generate/batch-code/", body);
        let today = chrono::Local::now().format("%Y%m%d").to_string();
        assert_eq!(gen_batch(json!({})).await.expect(201), json!({"batch_code": today}));
        let set = |value: &str| admin.patch("/api/settings/global/STOCK_BATCH_CODE_TEMPLATE/", json!({"value": value}));
        set("{% if item %}{{ item.pk }}{% endif %}").await.expect(200);
        let item = pk(&create(&admin, json!({"part": w.part, "quantity": 1})).await);
        assert_eq!(gen_batch(json!({})).await.expect(201), json!({"batch_code": ""}));
        assert_eq!(gen_batch(json!({"item": item, "quantity": 2})).await.expect(201), json!({"batch_code": item.to_string()}));
        set("{{ part.IPN }}-{{ '%02d'|format(month) }}").await.expect(200);
        let month = chrono::Local::now().format("%m").to_string();
        assert_eq!(gen_batch(json!({"part": w.part})).await.expect(201), json!({"batch_code": format!("R-10K-{month}")}));
        set("{{ year").await.expect(200);
        let body = gen_batch(json!({})).await.expect(400);
        assert!(body["non_field_errors"][0].as_str().unwrap().starts_with("Invalid batch code template"), "{body}");
        set("{% for i in range(1000000) %}x{% endfor %}").await.expect(200);
        let body = gen_batch(json!({})).await.expect(400);
        assert!(body["non_field_errors"][0].as_str().unwrap().contains("too"), "{body}");
        assert_eq!(gen_batch(json!({"location": 999})).await.expect(400), json!({"location": ["Invalid pk \"999\" - object does not exist."]}));
        app.anonymous().post("/api/generate/batch-code/", json!({})).await.expect(401);
    }
);

api_test!(
    async fn serial_edits_follow_the_settings_and_stay_unique(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let made = admin.post("/api/stock/", json!({"part": w.trackable, "quantity": 2, "serial_numbers": "1, 2"})).await.expect(201);
        let (one, two) = (pk(&made[0]), pk(&made[1]));
        let url = format!("/api/stock/{one}/");
        assert_eq!(admin.patch(&url, json!({"serial": "2"})).await.expect(400), json!({"serial": ["Stock item with this serial number already exists: 2"]}));
        assert_eq!(admin.patch(&url, json!({"serial": "x".repeat(101)})).await.expect(400), json!({"serial": ["Ensure this field has no more than 100 characters."]}));
        assert_eq!(admin.patch(&url, json!({"serial": "A\u{7}B"})).await.expect(400), json!({"serial": ["Serial number cannot contain control characters"]}));
        let edited = admin.patch(&url, json!({"serial": " 0042 "})).await.expect(200);
        assert_eq!(edited["serial"], json!("0042"));
        let listed = admin.get(&format!("/api/stock/?part={}&ordering=-serial", w.trackable)).await.expect(200);
        assert_eq!(pk(&listed[0]), one, "ordering by serial uses the integer key");
        let found = admin.get(&format!("/api/stock/?part={}&serial_gte=40&serial_lte=50", w.trackable)).await.expect(200);
        assert_eq!(found.as_array().unwrap().len(), 1);

        admin.patch("/api/settings/global/STOCK_ALLOW_EDIT_SERIAL/", json!({"value": false})).await.expect(200);
        let body = admin.patch(&format!("/api/stock/{two}/"), json!({"serial": "3"})).await.expect(400);
        assert_eq!(body, json!({"serial": ["Editing of serial numbers is not allowed - this item has already been assigned a serial number"]}));
        assert_eq!(admin.get(&format!("/api/stock/{two}/")).await.expect(200)["serial"], json!("2"));
        // Giving a serial to an item without one is still allowed.
        let single = pk(&create(&admin, json!({"part": w.trackable, "quantity": 1})).await);
        assert_eq!(admin.patch(&format!("/api/stock/{single}/"), json!({"serial": "77"})).await.expect(200)["serial"], json!("77"));
        let many = pk(&create(&admin, json!({"part": w.trackable, "quantity": 5})).await);
        assert_eq!(admin.patch(&format!("/api/stock/{many}/"), json!({"serial": "78"})).await.expect(400), json!({"serial": ["Serial number cannot be set if quantity greater than 1"]}));
    }
);

api_test!(
    async fn batch_regex_matches_case_insensitively_on_both_backends(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        for batch in ["LOT-2026-01", "lot-2026-02", "X-99", ""] {
            create(&admin, json!({"part": w.part, "quantity": 1, "batch": batch})).await;
        }
        let count = |query: &'static str| {
            let admin = admin.clone();
            async move { admin.get(&format!("/api/stock/?{query}")).await.expect(200).as_array().unwrap().len() }
        };
        assert_eq!(count("batch_regex=^lot-2026").await, 2);
        assert_eq!(count("batch_regex=-0[2-9]$").await, 1);
        assert_eq!(count("batch_regex=.").await, 3);
        assert_eq!(count("has_batch=true").await, 3);
        assert_eq!(count("has_batch=false").await, 1);
        let body = admin.get("/api/stock/?batch_regex=(unclosed").await.expect(400);
        assert!(body["batch_regex"][0].as_str().unwrap().starts_with("Invalid regular expression"), "{body}");
    }
);

/// Refuses multiples of five and counts past them, and wants batch codes to start with B.
struct SiteRules;

impl ValidationPlugin for SiteRules {
    fn slug(&self) -> &str {
        "site-rules"
    }
    fn validate_serial_number(&self, serial: &str, _part: PartRef<'_>) -> Verdict {
        match serial.parse::<i64>() {
            Ok(n) if n % 5 == 0 => {
                Verdict::Reject("Serial number cannot be a multiple of 5".into())
            }
            _ => Verdict::Continue,
        }
    }
    fn increment_serial_number(&self, serial: &str) -> Option<String> {
        let n: i64 = serial.parse().ok()?;
        Some(if (n + 1) % 5 == 0 { n + 2 } else { n + 1 }.to_string())
    }
    fn validate_batch_code(&self, batch: &str) -> Result<(), String> {
        if batch.starts_with('B') {
            Ok(())
        } else {
            Err("Batch code must start with 'B'".into())
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn validation_plugins_are_consulted_before_the_built_in_rules() {
    let db = TestDb::new(crate::support::db::Backend::Sqlite).unwrap();
    let store = db.store.clone();
    let app = TestApp::spawn_state(db, |store| {
        AppState::new(store, ServerConfig::default())
            .with_validators(Validators::new().with(Arc::new(SiteRules)))
    })
    .await;
    let w = world(&store);
    let admin = app.admin().await;
    let body = admin
        .post(
            "/api/stock/",
            json!({"part": w.trackable, "quantity": 2, "serial_numbers": "4, 5"}),
        )
        .await
        .expect(400);
    assert_eq!(
        body,
        json!({"serial_numbers": ["Serial number cannot be a multiple of 5"]})
    );
    let made = admin
        .post(
            "/api/stock/",
            json!({"part": w.trackable, "quantity": 3, "serial_numbers": "3+"}),
        )
        .await
        .expect(201);
    assert_eq!(serials_of(&made), ["3", "4", "6"]);
    assert_eq!(
        admin
            .post(
                "/api/generate/serial-number/",
                json!({"part": w.trackable, "quantity": 3})
            )
            .await
            .expect(201),
        json!({"serial_number": "7,8,9"})
    );
    let body = admin
        .post(
            "/api/stock/",
            json!({"part": w.part, "quantity": 1, "batch": "X1"}),
        )
        .await
        .expect(400);
    assert_eq!(body, json!({"batch": ["Batch code must start with 'B'"]}));
    let item = pk(&made[0]);
    assert_eq!(
        admin
            .patch(&format!("/api/stock/{item}/"), json!({"serial": "10"}))
            .await
            .expect(400),
        json!({"serial": ["Serial number cannot be a multiple of 5"]})
    );
    assert_eq!(
        admin
            .get(&format!("/api/stock/?part={}", w.trackable))
            .await
            .expect(200)
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

api_test!(
    async fn racing_requests_never_duplicate_a_serial(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        // Eight overlapping ranges on one part tree: the winners' union is exactly what exists.
        let mut tasks = Vec::new();
        for n in 0..8i64 {
            let admin = admin.clone();
            let part = w.trackable;
            tasks.push(tokio::spawn(async move {
                let (lo, hi) = (n * 5 + 1, n * 5 + 10);
                let reply = admin.post("/api/stock/", json!({"part": part, "quantity": 10, "serial_numbers": format!("{lo}-{hi}")})).await;
                (reply.status, (lo..=hi).map(|s| s.to_string()).collect::<Vec<_>>(), reply.body)
            }));
        }
        let mut won: BTreeSet<String> = BTreeSet::new();
        for task in tasks {
            let (status, serials, body) = task.await.unwrap();
            match status {
                201 => {
                    for serial in serials {
                        assert!(won.insert(serial), "a serial was given twice");
                    }
                }
                400 => assert!(body["serial_numbers"][0].as_str().unwrap().starts_with("The following serial numbers already exist"), "{body}"),
                other => panic!("unexpected {other}: {body}"),
            }
        }
        let stored: Vec<Value> = admin.get(&format!("/api/stock/?part={}", w.trackable)).await.expect(200).as_array().unwrap().clone();
        let stored_serials: BTreeSet<String> = stored.iter().map(|i| i["serial"].as_str().unwrap().to_owned()).collect();
        assert_eq!(stored.len(), stored_serials.len());
        assert_eq!(stored_serials, won);

        // Twenty `~` requests: each gets its own serials, or a clean conflict.
        let variant = app.store().create_part(&NewPart { name: "Probe".into(), trackable: true, ..Default::default() }).unwrap().id;
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let admin = admin.clone();
            tasks.push(tokio::spawn(async move {
                admin.post("/api/stock/", json!({"part": variant, "quantity": 2, "serial_numbers": "~, ~"})).await
            }));
        }
        let mut given = BTreeSet::new();
        for task in tasks {
            let reply = task.await.unwrap();
            match reply.status {
                201 => {
                    for serial in serials_of(&reply.body) {
                        assert!(given.insert(serial), "a serial was given twice");
                    }
                }
                400 => assert!(reply.body["serial_numbers"].is_array(), "{:?}", reply.body),
                other => panic!("unexpected {other}: {:?}", reply.body),
            }
        }
        let count = admin.get(&format!("/api/stock/?part={variant}")).await.expect(200).as_array().unwrap().len();
        assert_eq!(count, given.len());
        assert!(given.len() >= 2);
    }
);
