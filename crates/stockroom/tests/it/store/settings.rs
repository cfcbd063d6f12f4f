use stockroom_store::settings::{SERIAL_NUMBER_GLOBALLY_UNIQUE, SettingScope};
use stockroom_store::stock::NewStockItem;
use stockroom_store::{Constraint, StoreError};

use super::*;
use crate::both_backends;

both_backends!(
    fn settings_are_kept_per_scope(db) {
        let store = &db.store;
        let user = store.create_user(&stockroom_store::auth::NewUser { username: "u".into(), password: "p".into(), ..Default::default() }).unwrap();
        assert_eq!(store.setting(SettingScope::Global, "BARCODE_ENABLE").unwrap(), None);
        store.set_setting(SettingScope::Global, "BARCODE_ENABLE", "False").unwrap();
        store.set_setting(SettingScope::Global, "BARCODE_ENABLE", "True").unwrap();
        store.set_setting(SettingScope::User(user.id), "BARCODE_IN_FORM_FIELDS", "True").unwrap();
        store.set_setting(SettingScope::Plugin("inventreebarcode"), "SHORT_BARCODE_PREFIX", "X-").unwrap();
        assert_eq!(store.setting(SettingScope::Global, "BARCODE_ENABLE").unwrap().as_deref(), Some("True"));
        assert_eq!(store.settings(SettingScope::Global).unwrap(), vec![("BARCODE_ENABLE".to_owned(), "True".to_owned())]);
        assert_eq!(store.setting(SettingScope::User(user.id), "BARCODE_IN_FORM_FIELDS").unwrap().as_deref(), Some("True"));
        assert_eq!(store.setting(SettingScope::Plugin("inventreebarcode"), "SHORT_BARCODE_PREFIX").unwrap().as_deref(), Some("X-"));
        assert_eq!(store.setting(SettingScope::Plugin("other"), "SHORT_BARCODE_PREFIX").unwrap(), None);
    }
);

both_backends!(
    fn global_serial_uniqueness_rescopes_or_lists_the_conflicts(db) {
        let store = &db.store;
        let a = trackable(store, "A", None);
        let b = trackable(store, "B", None);
        let make = |part: i64, serial: &str| store.create_stock_item(&NewStockItem { serial: Some(serial.into()), ..NewStockItem::new(part, q("1")) }, None);
        make(a.id, "1").unwrap();
        make(b.id, "2").unwrap();
        store.set_setting(SettingScope::Global, SERIAL_NUMBER_GLOBALLY_UNIQUE, "True").unwrap();
        assert!(store.list_stock_for_part(a.id).unwrap().iter().all(|i| i.serial_scope == Some(0)));
        let err = make(b.id, "1").unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::SerialTaken)));

        store.set_setting(SettingScope::Global, SERIAL_NUMBER_GLOBALLY_UNIQUE, "False").unwrap();
        assert_eq!(store.list_stock_for_part(b.id).unwrap()[0].serial_scope, Some(b.id));
        make(b.id, "1").unwrap();

        let err = store.set_setting(SettingScope::Global, SERIAL_NUMBER_GLOBALLY_UNIQUE, "True").unwrap_err();
        match err {
            StoreError::Invalid { message, .. } => assert!(message.ends_with(": 1"), "{message}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(store.setting(SettingScope::Global, SERIAL_NUMBER_GLOBALLY_UNIQUE).unwrap().as_deref(), Some("False"));
    }
);
