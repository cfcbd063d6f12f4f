use stockroom_core::status::{build_status, po_status, ro_status, so_status};
use stockroom_store::companies::{NewCompany, NewSupplierPart};
use stockroom_store::orders::*;
use stockroom_store::parts::NewBomItem;
use stockroom_store::stock::NewStockItem;
use stockroom_store::{Constraint, StoreError};

use super::*;
use crate::both_backends;

both_backends!(
    fn purchase_orders_and_lines_round_trip(db) {
        let store = &db.store;
        let supplier = store.create_company(&NewCompany { name: "Digi".into(), is_supplier: true, ..Default::default() }).unwrap();
        let p = part(store, "Op-amp");
        let sp = store.create_supplier_part(&NewSupplierPart::new(p.id, supplier.id, "OPA-1")).unwrap();
        let po = store
            .create_purchase_order(&NewPurchaseOrder { reference: "PO-0001".into(), reference_int: reference_int("PO-0001"), supplier_id: Some(supplier.id), status: po_status::PENDING, ..Default::default() })
            .unwrap();
        assert_eq!(po.reference_int, 1);
        let line = store.create_purchase_order_line(&NewPurchaseOrderLine { order_id: po.id, supplier_part_id: Some(sp.id), quantity: q("10").units(), ..Default::default() }).unwrap();
        assert_eq!(line.received, 0);
        let po = store.update_purchase_order(po.id, &PurchaseOrderChanges { status: Some(po_status::PLACED), ..Default::default() }).unwrap();
        assert_eq!(po.status, po_status::PLACED);
        let line = store.update_purchase_order_line(line.id, &PurchaseOrderLineChanges { quantity: Some(q("12").units()), ..Default::default() }).unwrap();
        assert_eq!(line.quantity, q("12").units());

        let err = store.create_purchase_order(&NewPurchaseOrder { reference: "PO-0001".into(), status: po_status::PENDING, ..Default::default() }).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::ReferenceTaken)), "{err:?}");

        // Lines go with their order.
        store.delete_purchase_order(po.id).unwrap();
        assert!(store.purchase_order_line(line.id).is_err());
    }
);

both_backends!(
    fn sales_orders_shipments_and_allocations_round_trip(db) {
        let store = &db.store;
        let customer = store.create_company(&NewCompany { name: "Shop".into(), is_customer: true, ..Default::default() }).unwrap();
        let p = part(store, "Kit");
        let item = store.create_stock_item(&NewStockItem::new(p.id, q("20")), None).unwrap();
        let so = store.create_sales_order(&NewSalesOrder { reference: "SO-0007".into(), reference_int: 7, customer_id: Some(customer.id), status: so_status::PENDING, ..Default::default() }).unwrap();
        let line = store.create_sales_order_line(&NewSalesOrderLine { order_id: so.id, part_id: Some(p.id), quantity: q("5").units(), ..Default::default() }).unwrap();
        let shipment = store.create_shipment(&NewShipment { order_id: so.id, reference: "1".into(), ..Default::default() }).unwrap();
        let err = store.create_shipment(&NewShipment { order_id: so.id, reference: "1".into(), ..Default::default() }).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::ShipmentReferenceTaken)));
        let allocation = store
            .create_sales_order_allocation(&NewSalesOrderAllocation { line_id: line.id, shipment_id: Some(shipment.id), item_id: item.id, quantity: q("5").units() })
            .unwrap();
        let allocation = store.update_sales_order_allocation(allocation.id, &SalesOrderAllocationChanges { quantity: Some(q("4").units()), ..Default::default() }).unwrap();
        assert_eq!(allocation.quantity, q("4").units());
        let shipment = store.update_shipment(shipment.id, &ShipmentChanges { tracking_number: Some("TRK1".into()), ..Default::default() }).unwrap();
        assert_eq!(shipment.tracking_number, "TRK1");
        store.update_sales_order_line(line.id, &SalesOrderLineChanges { notes: Some("rush".into()), ..Default::default() }).unwrap();
        store.update_sales_order(so.id, &SalesOrderChanges { status: Some(so_status::IN_PROGRESS), ..Default::default() }).unwrap();
        assert_eq!(store.list_sales_order_allocations().unwrap().len(), 1);
        store.delete_shipment(shipment.id).unwrap();
        assert!(store.sales_order_allocation(allocation.id).is_err());
        store.delete_sales_order(so.id).unwrap();
        assert!(store.sales_order_line(line.id).is_err());
    }
);

both_backends!(
    fn return_orders_and_lines_round_trip(db) {
        let store = &db.store;
        let customer = store.create_company(&NewCompany { name: "Client".into(), is_customer: true, ..Default::default() }).unwrap();
        let p = part(store, "Gadget");
        let item = store.create_stock_item(&NewStockItem::new(p.id, q("1")), None).unwrap();
        let ro = store.create_return_order(&NewReturnOrder { reference: "RO-0001".into(), reference_int: 1, customer_id: Some(customer.id), status: ro_status::PENDING, ..Default::default() }).unwrap();
        let line = store.create_return_order_line(&NewReturnOrderLine { order_id: ro.id, item_id: item.id, quantity: q("1").units(), outcome: 10, ..Default::default() }).unwrap();
        let err = store.create_return_order_line(&NewReturnOrderLine { order_id: ro.id, item_id: item.id, quantity: q("1").units(), outcome: 10, ..Default::default() }).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::ReturnLineTaken)));
        let line = store.update_return_order_line(line.id, &ReturnOrderLineChanges { outcome: Some(30), ..Default::default() }).unwrap();
        assert_eq!(line.outcome, 30);
        store.update_return_order(ro.id, &ReturnOrderChanges { status: Some(ro_status::IN_PROGRESS), ..Default::default() }).unwrap();
        store.delete_return_order_line(line.id).unwrap();
        store.delete_return_order(ro.id).unwrap();
        assert!(store.list_return_orders().unwrap().is_empty());
    }
);

both_backends!(
    fn builds_lines_and_allocations_round_trip(db) {
        let store = &db.store;
        let assembly = store.create_part(&NewPart { name: "Robot".into(), assembly: true, ..Default::default() }).unwrap();
        let motor = part(store, "Motor");
        let bom = store.create_bom_item(&NewBomItem { part_id: assembly.id, sub_part_id: motor.id, quantity: q("2").units(), ..Default::default() }).unwrap();
        let stock = store.create_stock_item(&NewStockItem::new(motor.id, q("10")), None).unwrap();
        let build = store.create_build(&NewBuild { reference: "BO-0001".into(), reference_int: 1, part_id: assembly.id, quantity: q("3").units(), status: build_status::PENDING, ..Default::default() }).unwrap();
        let line = store.create_build_line(&NewBuildLine { build_id: build.id, bom_item_id: bom.id, quantity: q("6").units() }).unwrap();
        let err = store.create_build_line(&NewBuildLine { build_id: build.id, bom_item_id: bom.id, quantity: q("6").units() }).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::BuildLineTaken)));
        let alloc = store.create_build_item(&NewBuildItem { build_line_id: line.id, stock_item_id: stock.id, quantity: q("6").units(), install_into_id: None }).unwrap();
        store.update_build_item(alloc.id, &BuildItemChanges { quantity: Some(q("5").units()), ..Default::default() }).unwrap();
        store.update_build_line(line.id, &BuildLineChanges { consumed: Some(q("1").units()), ..Default::default() }).unwrap();
        let build = store.update_build(build.id, &BuildChanges { status: Some(build_status::PRODUCTION), ..Default::default() }).unwrap();
        assert_eq!(build.status, build_status::PRODUCTION);
        store.delete_build(build.id).unwrap();
        assert!(store.build_item(alloc.id).is_err());
        assert!(store.build_line(line.id).is_err());
    }
);
