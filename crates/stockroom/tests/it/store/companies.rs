use stockroom_store::companies::{
    CompanyChanges, NewCompany, NewManufacturerPart, NewSupplierPart, SupplierPartChanges,
};
use stockroom_store::{Constraint, StoreError};

use super::*;
use crate::both_backends;

both_backends!(
    fn companies_and_their_parts_round_trip(db) {
        let store = &db.store;
        let acme = store.create_company(&NewCompany { name: "Acme".into(), is_supplier: true, is_manufacturer: true, ..Default::default() }).unwrap();
        assert_eq!(store.company(acme.id).unwrap(), acme);
        let acme = store.update_company(acme.id, &CompanyChanges { website: Some("https://acme.test".into()), ..Default::default() }).unwrap();
        assert_eq!(acme.website, "https://acme.test");

        let p = part(store, "LED");
        let mp = store.create_manufacturer_part(&NewManufacturerPart { part_id: p.id, manufacturer_id: acme.id, mpn: "LED-5MM".into(), ..Default::default() }).unwrap();
        let sp = store
            .create_supplier_part(&NewSupplierPart { manufacturer_part_id: Some(mp.id), pack_quantity_native: q("100").units(), ..NewSupplierPart::new(p.id, acme.id, "AC-LED-100") })
            .unwrap();
        assert_eq!(store.supplier_part(sp.id).unwrap().pack_quantity_native, q("100").units());
        let sp = store.update_supplier_part(sp.id, &SupplierPartChanges { packaging: Some("bag".into()), ..Default::default() }).unwrap();
        assert_eq!(sp.packaging, "bag");

        let err = store.create_supplier_part(&NewSupplierPart::new(p.id, acme.id, "AC-LED-100")).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::SupplierPartTaken)), "{err:?}");
        let err = store.create_manufacturer_part(&NewManufacturerPart { part_id: p.id, manufacturer_id: acme.id, mpn: "LED-5MM".into(), ..Default::default() }).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::ManufacturerPartTaken)));

        // Deleting the manufacturer part keeps the supplier part, unlinked.
        store.delete_manufacturer_part(mp.id).unwrap();
        assert_eq!(store.supplier_part(sp.id).unwrap().manufacturer_part_id, None);
        store.delete_company(acme.id).unwrap();
        assert!(store.supplier_part(sp.id).is_err());
        assert!(store.list_companies().unwrap().is_empty());
    }
);
