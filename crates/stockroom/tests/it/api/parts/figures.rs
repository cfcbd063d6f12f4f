//! The stock figures on each part, and the filters and orderings that use them.

use serde_json::json;
use stockroom_core::Quantity;
use stockroom_core::status::{build_status, po_status, so_status, stock_status};
use stockroom_store::companies::{NewCompany, NewSupplierPart};
use stockroom_store::locations::NewLocation;
use stockroom_store::orders::*;
use stockroom_store::parts::NewBomItem;
use stockroom_store::stock::NewStockItem;

use super::*;
use crate::api_test;

fn q(text: &str) -> Quantity {
    text.parse().unwrap()
}

fn stock(part: i64, quantity: &str) -> NewStockItem {
    NewStockItem::new(part, q(quantity))
}

api_test!(
    async fn in_stock_counts_only_available_stock_of_the_part_itself(app) {
        let admin = app.admin().await;
        let part = make(&admin, json!({"name": "Bob"})).await;
        with_store(&app, move |s| {
            let customer = s.create_company(&NewCompany { name: "Shop".into(), is_customer: true, ..Default::default() }).unwrap();
            let outside = s.create_location(&NewLocation { name: "Consignment".into(), external: true, ..Default::default() }).unwrap();
            let add = |n: NewStockItem| s.create_stock_item(&n, None).unwrap();
            add(stock(part, "100"));
            add(NewStockItem { location_id: Some(outside.id), ..stock(part, "7.5") });
            add(NewStockItem { status: stock_status::DAMAGED, ..stock(part, "2") });
            add(NewStockItem { status: stock_status::LOST, ..stock(part, "400") });
            add(NewStockItem { customer_id: Some(customer.id), ..stock(part, "9999") });
            let host = add(stock(part, "1"));
            add(NewStockItem { belongs_to_id: Some(host.id), ..stock(part, "5") });
        })
        .await;
        let body = admin.get(&format!("/api/part/{part}/")).await.expect(200);
        assert_eq!(body["in_stock"], 110.5, "OK, external and damaged count; lost, sold and installed do not");
        assert_eq!(body["external_stock"], 7.5);
        assert_eq!(body["stock_item_count"], 7, "every item counts as an item");
        assert_eq!(body["total_in_stock"], 110.5);
        assert_eq!(body["unallocated_stock"], 110.5);
        assert_eq!(body["variant_stock"], 0.0);
    }
);

api_test!(
    async fn variant_stock_sums_every_variant_below_the_part(app) {
        let admin = app.admin().await;
        let chair = make(&admin, json!({"name": "Chair", "is_template": true})).await;
        let red = make(&admin, json!({"name": "Red", "variant_of": chair, "is_template": true})).await;
        let dark = make(&admin, json!({"name": "Dark red", "variant_of": red})).await;
        let blue = make(&admin, json!({"name": "Blue", "variant_of": chair})).await;
        with_store(&app, move |s| {
            // Templates hold no stock of their own; their variants do.
            for (part, n) in [(dark, "100"), (blue, "1000"), (blue, "0.5")] {
                s.create_stock_item(&stock(part, n), None).unwrap();
            }
        })
        .await;
        let body = admin.get(&format!("/api/part/{chair}/")).await.expect(200);
        assert_eq!(body["in_stock"], 0.0);
        assert_eq!(body["variant_stock"], 1100.5);
        assert_eq!(body["total_in_stock"], 1100.5);
        assert_eq!(body["unallocated_stock"], 1100.5);
        let listed = admin.get(&format!("/api/part/?ancestor={chair}&ordering=name")).await.expect(200);
        let figures: Vec<(f64, f64, f64)> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["in_stock"].as_f64().unwrap(), p["variant_stock"].as_f64().unwrap(), p["total_in_stock"].as_f64().unwrap()))
            .collect();
        assert_eq!(figures, [(1000.5, 0.0, 1000.5), (100.0, 0.0, 100.0), (0.0, 100.0, 100.0)], "Blue, Dark red, Red");
    }
);

api_test!(
    async fn orders_builds_and_allocations_show_on_the_part(app) {
        let admin = app.admin().await;
        let part = make(&admin, json!({"name": "Motor", "salable": true})).await;
        let robot = make(&admin, json!({"name": "Robot", "assembly": true})).await;
        with_store(&app, move |s| {
            let supplier = s.create_company(&NewCompany { name: "Digi".into(), is_supplier: true, ..Default::default() }).unwrap();
            let customer = s.create_company(&NewCompany { name: "Shop".into(), is_customer: true, ..Default::default() }).unwrap();
            let reel = s.create_supplier_part(&NewSupplierPart { pack_quantity_native: q("2.5").units(), ..NewSupplierPart::new(part, supplier.id, "MOT-PACK") }).unwrap();
            let single = s.create_supplier_part(&NewSupplierPart::new(part, supplier.id, "MOT-1")).unwrap();
            let order = |reference: &str, status: i32| {
                s.create_purchase_order(&NewPurchaseOrder { reference: reference.into(), supplier_id: Some(supplier.id), status, ..Default::default() }).unwrap().id
            };
            let line = |order_id: i64, sp: i64, n: &str| {
                s.create_purchase_order_line(&NewPurchaseOrderLine { order_id, supplier_part_id: Some(sp), quantity: q(n).units(), ..Default::default() }).unwrap();
            };
            let placed = order("PO-1", po_status::PLACED);
            line(placed, reel.id, "4");
            line(placed, single.id, "3");
            line(order("PO-2", po_status::PENDING), single.id, "1");
            line(order("PO-3", po_status::COMPLETE), reel.id, "100");

            let item = s.create_stock_item(&stock(part, "20"), None).unwrap();
            let open = s.create_sales_order(&NewSalesOrder { reference: "SO-1".into(), customer_id: Some(customer.id), status: so_status::IN_PROGRESS, ..Default::default() }).unwrap();
            let so_line = s.create_sales_order_line(&NewSalesOrderLine { order_id: open.id, part_id: Some(part), quantity: q("5").units(), ..Default::default() }).unwrap();
            s.create_sales_order_allocation(&NewSalesOrderAllocation { line_id: so_line.id, shipment_id: None, item_id: item.id, quantity: q("3").units() }).unwrap();
            let gone = s.create_shipment(&NewShipment { order_id: open.id, reference: "1".into(), ..Default::default() }).unwrap();
            s.update_shipment(gone.id, &ShipmentChanges { shipment_date: Some(chrono::NaiveDate::from_ymd_opt(2026, 1, 2)), ..Default::default() }).unwrap();
            s.create_sales_order_allocation(&NewSalesOrderAllocation { line_id: so_line.id, shipment_id: Some(gone.id), item_id: item.id, quantity: q("4").units() }).unwrap();
            let done = s.create_sales_order(&NewSalesOrder { reference: "SO-2".into(), customer_id: Some(customer.id), status: so_status::COMPLETE, ..Default::default() }).unwrap();
            s.create_sales_order_line(&NewSalesOrderLine { order_id: done.id, part_id: Some(part), quantity: q("50").units(), ..Default::default() }).unwrap();

            let bom = s.create_bom_item(&NewBomItem { part_id: robot, sub_part_id: part, quantity: q("2").units(), ..Default::default() }).unwrap();
            let build = s.create_build(&NewBuild { reference: "BO-1".into(), part_id: robot, quantity: q("10").units(), status: build_status::PRODUCTION, ..Default::default() }).unwrap();
            s.update_build(build.id, &BuildChanges { completed: Some(q("4").units()), ..Default::default() }).unwrap();
            s.create_build(&NewBuild { reference: "BO-2".into(), part_id: robot, quantity: q("5").units(), status: build_status::CANCELLED, ..Default::default() }).unwrap();
            let build_line = s.create_build_line(&NewBuildLine { build_id: build.id, bom_item_id: bom.id, quantity: q("20").units() }).unwrap();
            s.update_build_line(build_line.id, &BuildLineChanges { consumed: Some(q("5").units()), ..Default::default() }).unwrap();
            s.create_build_item(&NewBuildItem { build_line_id: build_line.id, stock_item_id: item.id, quantity: q("2").units(), install_into_id: None }).unwrap();
            s.create_stock_item(&NewStockItem { is_building: true, build_id: Some(build.id), ..stock(robot, "3") }, None).unwrap();
        })
        .await;
        let motor = admin.get(&format!("/api/part/{part}/")).await.expect(200);
        assert_eq!(motor["ordering"], 14.0, "4 packs of 2.5 and 3 + 1 singles on open orders");
        assert_eq!(motor["in_stock"], 20.0);
        assert_eq!(motor["allocated_to_sales_orders"], 3.0, "the shipped allocation has left");
        assert_eq!(motor["allocated_to_build_orders"], 2.0);
        assert_eq!(motor["unallocated_stock"], 15.0);
        assert_eq!(motor["required_for_sales_orders"], json!(5));
        assert_eq!(motor["required_for_build_orders"], json!(15));
        let robot = admin.get(&format!("/api/part/{robot}/")).await.expect(200);
        assert_eq!(robot["building"], 3.0);
        assert_eq!(robot["scheduled_to_build"], 6.0);
        assert_eq!(robot["in_stock"], 0.0, "output in production is not in stock");
        assert_eq!(robot["stock_item_count"], 1);
    }
);

api_test!(
    async fn stock_filters_and_orderings_use_the_figures(app) {
        let admin = app.admin().await;
        let empty = make(&admin, json!({"name": "Empty"})).await;
        let low = make(&admin, json!({"name": "Low", "minimum_stock": 10})).await;
        let plenty = make(&admin, json!({"name": "Plenty", "minimum_stock": 10})).await;
        let depleted = make(&admin, json!({"name": "Depleted"})).await;
        with_store(&app, move |s| {
            s.create_stock_item(&stock(low, "5"), None).unwrap();
            s.create_stock_item(&stock(plenty, "50"), None).unwrap();
            s.create_stock_item(&NewStockItem { status: stock_status::LOST, ..stock(depleted, "3") }, None).unwrap();
        })
        .await;
        let get = |url: String| {
            let admin = admin.clone();
            async move { pks(&admin.get(&url).await.expect(200)) }
        };
        assert_eq!(get("/api/part/?has_stock=true".into()).await, [low, plenty]);
        assert_eq!(get("/api/part/?has_stock=false".into()).await, [depleted, empty]);
        assert_eq!(get("/api/part/?low_stock=true".into()).await, [low]);
        assert_eq!(get("/api/part/?low_stock=false".into()).await, [depleted, empty, plenty]);
        assert_eq!(get("/api/part/?depleted_stock=true".into()).await, [depleted]);
        assert_eq!(get("/api/part/?depleted_stock=false".into()).await, [empty, low, plenty]);
        assert_eq!(get("/api/part/?unallocated_stock=1".into()).await, [low, plenty]);
        assert_eq!(get("/api/part/?ordering=-in_stock".into()).await, [plenty, low, empty, depleted], "ties by pk");
        assert_eq!(get("/api/part/?ordering=total_in_stock,-name".into()).await, [empty, depleted, low, plenty]);
        assert_eq!(get("/api/part/?ordering=-unallocated_stock&has_stock=true".into()).await, [plenty, low]);
        let page = admin.get("/api/part/?ordering=-in_stock&limit=1&offset=1").await.expect(200);
        assert_eq!(page["count"], 4);
        assert_eq!(page["results"][0]["pk"], low);
        assert!(page["next"].is_string() && page["previous"].is_string());
        let page = admin.get("/api/part/?has_stock=yes&limit=1").await.expect(200);
        assert_eq!(page["count"], 2);
        let body = admin.get("/api/part/?low_stock=perhaps").await.expect(400);
        assert_eq!(body, json!({"low_stock": ["Enter a valid boolean."]}));
    }
);
