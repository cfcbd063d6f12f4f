//! `GET /api/stock/`: every filter, search, ordering and pagination.

use serde_json::{Value, json};
use stockroom_store::parts::NewPart;
use stockroom_store::stock::{NewStockItem, StockItemChanges};

use super::stock::{World, create, pk, world};
use super::*;
use crate::api_test;

fn pks(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(pk).collect()
}

async fn listed(client: &Client, query: &str) -> Vec<i64> {
    let mut found = pks(&client
        .get(&format!("/api/stock/?{query}"))
        .await
        .expect(200));
    found.sort_unstable();
    found
}

struct Items {
    plain: i64,
    in_bin: i64,
    batch: i64,
    serial_5: i64,
    serial_12: i64,
    variant: i64,
    damaged: i64,
    empty: i64,
}

async fn items(app: &TestApp, client: &Client, w: &World) -> Items {
    let store = app.store();
    let template = store
        .create_part(&NewPart {
            name: "Board".into(),
            is_template: true,
            ..Default::default()
        })
        .unwrap();
    let variant_part = store
        .create_part(&NewPart {
            name: "Board rev B".into(),
            variant_of_id: Some(template.id),
            ..Default::default()
        })
        .unwrap();
    let plain = pk(&create(
        client,
        json!({"part": w.part, "quantity": 10, "location": w.shelf}),
    )
    .await);
    let in_bin = pk(&create(
        client,
        json!({"part": w.part, "quantity": 3, "location": w.bin}),
    )
    .await);
    let batch = pk(&create(
        client,
        json!({"part": w.part, "quantity": 1, "location": w.yard, "batch": "LOT-42"}),
    )
    .await);
    let serials = client.post("/api/stock/", json!({"part": w.trackable, "quantity": 2, "serial_numbers": "5, 12", "location": w.bin})).await.expect(201);
    let variant = store
        .create_stock_item(
            &NewStockItem {
                location_id: Some(w.yard),
                ..NewStockItem::new(variant_part.id, "2".parse().unwrap())
            },
            None,
        )
        .unwrap()
        .id;
    let damaged = pk(&create(client, json!({"part": w.part, "quantity": 4, "status": 55})).await);
    let empty = pk(&create(
        client,
        json!({"part": w.part, "quantity": 0, "delete_on_deplete": false}),
    )
    .await);
    let _ = template;
    Items {
        plain,
        in_bin,
        batch,
        serial_5: pk(&serials[0]),
        serial_12: pk(&serials[1]),
        variant,
        damaged,
        empty,
    }
}

api_test!(
    async fn stock_filters_select_what_inventree_selects(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let i = items(&app, &admin, &w).await;
        let board = app.store().part(app.store().stock_item(i.variant).unwrap().part_id).unwrap();
        let template = board.variant_of_id.unwrap();
        let mut every = vec![i.plain, i.in_bin, i.batch, i.serial_5, i.serial_12, i.variant, i.damaged, i.empty];
        every.sort_unstable();
        assert_eq!(listed(&admin, "").await, every);
        assert_eq!(listed(&admin, &format!("part={}", w.part)).await, vec![i.plain, i.in_bin, i.batch, i.damaged, i.empty]);
        assert_eq!(listed(&admin, &format!("part={template}")).await, vec![i.variant]);
        assert_eq!(listed(&admin, &format!("part={template}&include_variants=false")).await, Vec::<i64>::new());
        assert_eq!(listed(&admin, &format!("part_tree={}", board.id)).await, vec![i.variant]);
        assert_eq!(listed(&admin, &format!("location={}", w.shelf)).await, vec![i.plain, i.in_bin, i.serial_5, i.serial_12]);
        assert_eq!(listed(&admin, &format!("location={}&cascade=false", w.shelf)).await, vec![i.plain]);
        assert_eq!(listed(&admin, "location=null&cascade=false").await, vec![i.damaged, i.empty]);
        assert_eq!(listed(&admin, "location=null").await, every);
        assert_eq!(listed(&admin, "status=55").await, vec![i.damaged]);
        assert_eq!(listed(&admin, "batch=lot-42").await, vec![i.batch]);
        assert_eq!(listed(&admin, "serial=5").await, vec![i.serial_5]);
        assert_eq!(listed(&admin, "serial_gte=6").await, vec![i.serial_12]);
        assert_eq!(listed(&admin, "serial_lte=6&serialized=true").await, vec![i.serial_5]);
        assert_eq!(listed(&admin, "serialized=true").await, vec![i.serial_5, i.serial_12]);
        assert_eq!(listed(&admin, "serialized=false").await.len(), 6);
        assert_eq!(listed(&admin, "has_batch=1").await, vec![i.batch]);
        assert_eq!(listed(&admin, "has_batch=0").await.len(), 7);
        assert_eq!(listed(&admin, "tracked=true").await, vec![i.batch, i.serial_5, i.serial_12]);
        assert_eq!(listed(&admin, "tracked=false").await.len(), 5);
        // Damaged stock is still in stock (InvenTree's available statuses); empty stock is not.
        assert_eq!(listed(&admin, "in_stock=false").await, vec![i.empty]);
        assert_eq!(listed(&admin, "depleted=true").await, vec![i.empty]);
        assert_eq!(listed(&admin, "min_stock=4").await, vec![i.plain, i.damaged]);
        assert_eq!(listed(&admin, "max_stock=1.5").await, vec![i.batch, i.serial_5, i.serial_12, i.empty]);
        assert_eq!(listed(&admin, "external=true").await, Vec::<i64>::new());
        assert_eq!(listed(&admin, "is_building=true").await, Vec::<i64>::new());
        assert_eq!(listed(&admin, "is_building=false").await, every);
    }
);

api_test!(
    async fn link_filters_match_the_linked_object_or_its_absence(app) {
        let w = world(app.store());
        let store = app.store();
        let admin = app.admin().await;
        let i = items(&app, &admin, &w).await;
        let customer = store.create_company(&stockroom_store::companies::NewCompany { name: "Acme".into(), is_customer: true, ..Default::default() }).unwrap();
        store.update_stock_item(i.plain, &StockItemChanges { customer_id: Some(Some(customer.id)), ..Default::default() }, None).unwrap();
        admin.post(&format!("/api/stock/{}/install/", i.serial_5), json!({"stock_item": i.batch})).await.expect(400);
        store.set_setting(stockroom_store::settings::SettingScope::Global, "STOCK_ENFORCE_BOM_INSTALLATION", "False").unwrap();
        admin.post(&format!("/api/stock/{}/install/", i.serial_5), json!({"stock_item": i.batch})).await.expect(201);
        admin.post("/api/stock/transfer/", json!({"items": [{"pk": i.in_bin, "quantity": 1}], "location": w.yard})).await.expect(201);
        let child = listed(&admin, &format!("parent={}", i.in_bin)).await;
        assert_eq!(child.len(), 1);
        assert_eq!(listed(&admin, &format!("customer={}", customer.id)).await, vec![i.plain]);
        assert_eq!(listed(&admin, "sent_to_customer=true").await, vec![i.plain]);
        assert_eq!(listed(&admin, &format!("belongs_to={}", i.serial_5)).await, vec![i.batch]);
        assert_eq!(listed(&admin, "installed=true").await, vec![i.batch]);
        assert_eq!(listed(&admin, "has_installed_items=true").await, vec![i.serial_5]);
        assert_eq!(listed(&admin, "has_child_items=true").await, vec![i.in_bin]);
        assert_eq!(listed(&admin, "parent=null").await.len(), 8);
        assert_eq!(listed(&admin, "in_stock=true").await.len(), 6);
        assert_eq!(listed(&admin, "available=true").await.len(), 6);
        assert_eq!(listed(&admin, "supplier_part=5").await, Vec::<i64>::new());
        assert_eq!(listed(&admin, "purchase_order=null").await.len(), 9);
        assert_eq!(listed(&admin, "sales_order=3").await, Vec::<i64>::new());
        assert_eq!(listed(&admin, "build=null").await.len(), 9);
        let body = admin.get("/api/stock/?part=abc&status=x&serialized=perhaps&min_stock=lots").await.expect(400);
        assert_eq!(body, json!({
            "part": ["Select a valid choice. That choice is not one of the available choices."],
            "status": ["Enter a number."],
            "serialized": ["Enter a valid boolean."],
            "min_stock": ["Enter a number."],
        }));
    }
);

api_test!(
    async fn search_ordering_and_pages_work_together(app) {
        let w = world(app.store());
        let admin = app.admin().await;
        let i = items(&app, &admin, &w).await;
        assert_eq!(listed(&admin, "search=lot-4").await, vec![i.batch]);
        assert_eq!(listed(&admin, "search=r-10").await.len(), 5);
        assert_eq!(listed(&admin, "search=0603").await.len(), 5);
        assert_eq!(listed(&admin, "search=yard").await, vec![i.batch, i.variant]);
        assert_eq!(listed(&admin, "search=12").await, vec![i.serial_12]);
        let by_serial = pks(&admin.get("/api/stock/?serialized=true&ordering=-serial").await.expect(200));
        assert_eq!(by_serial, vec![i.serial_12, i.serial_5]);
        let by_quantity = pks(&admin.get(&format!("/api/stock/?part={}&ordering=-quantity", w.part)).await.expect(200));
        assert_eq!(by_quantity, vec![i.plain, i.damaged, i.in_bin, i.batch, i.empty]);
        let default = pks(&admin.get("/api/stock/").await.expect(200));
        assert_eq!(default[0], i.variant, "part name first: Board rev B");
        assert_eq!(&default[1..6], &[i.empty, i.batch, i.in_bin, i.damaged, i.plain], "then quantity");
        let by_location = pks(&admin.get(&format!("/api/stock/?location={}&ordering=location,pk", w.shelf)).await.expect(200));
        assert_eq!(by_location[0], i.plain);
        let page = admin.get("/api/stock/?limit=3&offset=3&ordering=pk").await.expect(200);
        assert_eq!(page["count"], 8);
        assert_eq!(pks(&page["results"]), vec![i.serial_5, i.serial_12, i.variant]);
        assert!(page["previous"].as_str().unwrap().contains("limit=3"));
        let page = admin.get(&format!("/api/stock/?location={}&cascade=true&limit=2", w.shelf)).await.expect(200);
        assert_eq!(page["count"], 4);
        assert_eq!(page["results"].as_array().unwrap().len(), 2);
        assert!(page["results"][0].get("part_detail").is_some());
        let no_detail = admin.get("/api/stock/?limit=1&part_detail=false&location_detail=true").await.expect(200);
        assert!(no_detail["results"][0].get("part_detail").is_none());
        assert!(no_detail["results"][0].get("location_detail").is_some());
    }
);

api_test!(
    async fn part_company_and_date_filters_narrow_the_list(app) {
        let w = world(app.store());
        let store = app.store();
        let admin = app.admin().await;
        let i = items(&app, &admin, &w).await;
        let supplier = store.create_company(&stockroom_store::companies::NewCompany { name: "Digi".into(), is_supplier: true, ..Default::default() }).unwrap();
        let maker = store.create_company(&stockroom_store::companies::NewCompany { name: "Maker".into(), is_manufacturer: true, ..Default::default() }).unwrap();
        let mp = store.create_manufacturer_part(&stockroom_store::companies::NewManufacturerPart { part_id: w.part, manufacturer_id: maker.id, mpn: "MPN-1".into(), ..Default::default() }).unwrap();
        let sp = store.create_supplier_part(&stockroom_store::companies::NewSupplierPart { manufacturer_part_id: Some(mp.id), ..stockroom_store::companies::NewSupplierPart::new(w.part, supplier.id, "SKU-1") }).unwrap();
        store.update_stock_item(i.plain, &StockItemChanges { supplier_part_id: Some(Some(sp.id)), expiry_date: Some(Some("2030-06-01".parse().unwrap())), ..Default::default() }, None).unwrap();
        assert_eq!(listed(&admin, "name=resistor").await, vec![i.plain, i.in_bin, i.batch, i.damaged, i.empty]);
        assert_eq!(listed(&admin, "name_contains=rev").await, vec![i.variant]);
        assert_eq!(listed(&admin, "IPN=r-10k").await.len(), 5);
        assert_eq!(listed(&admin, "IPN_contains=10").await.len(), 5);
        assert_eq!(listed(&admin, "salable=true").await, Vec::<i64>::new());
        assert_eq!(listed(&admin, "active=true").await.len(), 8);
        assert_eq!(listed(&admin, "assembly=false&name=sensor").await, vec![i.serial_5, i.serial_12]);
        assert_eq!(listed(&admin, &format!("supplier={}", supplier.id)).await, vec![i.plain]);
        assert_eq!(listed(&admin, &format!("manufacturer={}", maker.id)).await, vec![i.plain]);
        assert_eq!(listed(&admin, &format!("company={}", maker.id)).await, vec![i.plain]);
        assert_eq!(listed(&admin, &format!("company={}", supplier.id)).await, vec![i.plain]);
        assert_eq!(listed(&admin, "expiry_before=2031-01-01").await, vec![i.plain]);
        assert_eq!(listed(&admin, "expiry_after=2031-01-01").await, Vec::<i64>::new());
        let today = chrono::Utc::now().date_naive();
        assert_eq!(listed(&admin, &format!("updated_before={today}")).await, Vec::<i64>::new());
        assert_eq!(listed(&admin, &format!("updated_after={}", today.pred_opt().unwrap())).await.len(), 8);
        assert_eq!(listed(&admin, "allocated=true").await, Vec::<i64>::new());
        assert_eq!(listed(&admin, "allocated=false").await.len(), 8);
        let page = admin.get("/api/stock/?SKU=x&ordering=SKU,-MPN&limit=2").await.expect(200);
        assert_eq!(page["count"], 8);
        assert_eq!(admin.get("/api/stock/?expiry_before=soon").await.expect(400), json!({"expiry_before": ["Enter a valid date."]}));
        let with_sku = admin.get(&format!("/api/stock/{}/", i.plain)).await.expect(200);
        assert_eq!((with_sku["SKU"].clone(), with_sku["MPN"].clone()), (json!("SKU-1"), json!("MPN-1")));
    }
);

api_test!(
    async fn expiry_filters_follow_the_expiry_settings(app) {
        let w = world(app.store());
        let store = app.store();
        let admin = app.admin().await;
        let old = pk(&create(&admin, json!({"part": w.part, "quantity": 1, "expiry_date": "2001-01-01"})).await);
        let soon = (chrono::Utc::now().date_naive() + chrono::Duration::days(5)).to_string();
        let near = pk(&create(&admin, json!({"part": w.part, "quantity": 1, "expiry_date": soon})).await);
        let fresh = pk(&create(&admin, json!({"part": w.part, "quantity": 1})).await);
        let body = admin.get(&format!("/api/stock/{old}/")).await.expect(200);
        assert_eq!((body["expired"].clone(), body["stale"].clone()), (json!(true), json!(true)));
        // Expiry is off by default, and then the filter changes nothing.
        assert_eq!(listed(&admin, "expired=true").await, vec![old, near, fresh]);
        store.set_setting(stockroom_store::settings::SettingScope::Global, "STOCK_ENABLE_EXPIRY", "True").unwrap();
        assert_eq!(listed(&admin, "expired=true").await, vec![old]);
        assert_eq!(listed(&admin, "expired=false").await, vec![near, fresh]);
        assert_eq!(listed(&admin, "stale=true").await, vec![old, near, fresh], "no stale period set");
        store.set_setting(stockroom_store::settings::SettingScope::Global, "STOCK_STALE_DAYS", "10").unwrap();
        assert_eq!(listed(&admin, "stale=true").await, vec![old, near]);
        assert_eq!(listed(&admin, "stale=false").await, vec![fresh]);
        assert_eq!(admin.get(&format!("/api/stock/{near}/")).await.expect(200)["stale"], true);
        assert_eq!(admin.get(&format!("/api/stock/{near}/")).await.expect(200)["expired"], false);
    }
);

api_test!(
    async fn pages_of_the_default_ordering_match_a_full_sort(app) {
        let admin = app.admin().await;
        let location = admin.post("/api/stock/location/", serde_json::json!({"name": "Paged"})).await.expect(201)["pk"].as_i64().unwrap();
        // Two parts share a name: their items interleave by quantity, as one sort would.
        let mut parts = Vec::new();
        for name in ["Bolt", "Anchor", "Bolt", "Clip"] {
            parts.push(admin.post("/api/part/", serde_json::json!({"name": name, "description": "d"})).await.expect(201)["pk"].as_i64().unwrap());
        }
        for (n, part) in parts.iter().cycle().take(23).enumerate() {
            admin.post("/api/stock/", serde_json::json!({"part": part, "quantity": (n * 7) % 11 + 1, "location": location})).await.expect(201);
        }
        let all = admin.get(&format!("/api/stock/?location={location}")).await.expect(200);
        let all: Vec<i64> = all.as_array().unwrap().iter().map(|i| i["pk"].as_i64().unwrap()).collect();
        assert_eq!(all.len(), 23);
        // Small pages cut groups; larger ones hold whole groups between cut ones.
        for limit in [4, 7, 13, 25] {
            let mut paged = Vec::new();
            for offset in (0..23).step_by(limit) {
                let page = admin.get(&format!("/api/stock/?location={location}&limit={limit}&offset={offset}")).await.expect(200);
                assert_eq!(page["count"], 23);
                paged.extend(page["results"].as_array().unwrap().iter().map(|i| i["pk"].as_i64().unwrap()));
            }
            assert_eq!(paged, all, "pages of {limit}");
        }
        let desc_all = admin.get(&format!("/api/stock/?location={location}&ordering=-part__name,quantity")).await.expect(200);
        let desc_all: Vec<i64> = desc_all.as_array().unwrap().iter().map(|i| i["pk"].as_i64().unwrap()).collect();
        let desc_page = admin.get(&format!("/api/stock/?location={location}&ordering=-part__name,quantity&limit=5&offset=3")).await.expect(200);
        let desc_page: Vec<i64> = desc_page["results"].as_array().unwrap().iter().map(|i| i["pk"].as_i64().unwrap()).collect();
        assert_eq!(desc_page, desc_all[3..8]);
    }
);
