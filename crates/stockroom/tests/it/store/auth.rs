use stockroom_store::auth::{NewUser, Permissions, RuleSetPermissions, UserChanges};
use stockroom_store::{Constraint, StoreError};

use crate::both_backends;

fn new_user(name: &str) -> NewUser {
    NewUser {
        username: name.into(),
        password: "correct horse".into(),
        ..Default::default()
    }
}

both_backends!(
    fn users_authenticate_only_with_their_password(db) {
        let store = &db.store;
        let alice = store.create_user(&new_user("alice")).unwrap();
        assert_ne!(alice.password_hash, "correct horse");
        assert_eq!(store.authenticate("alice", "correct horse").unwrap().map(|u| u.id), Some(alice.id));
        assert!(store.authenticate("alice", "wrong").unwrap().is_none());
        assert!(store.authenticate("nobody", "correct horse").unwrap().is_none());

        let err = store.create_user(&new_user("alice")).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(Constraint::UsernameTaken)), "{err:?}");
        let err = store.create_user(&new_user("bad name!")).unwrap_err();
        assert!(matches!(err, StoreError::Invalid { field: Some("username"), .. }));

        store.update_user(alice.id, &UserChanges { is_active: Some(false), ..Default::default() }).unwrap();
        assert!(store.authenticate("alice", "correct horse").unwrap().is_none());
        store.update_user(alice.id, &UserChanges { is_active: Some(true), ..Default::default() }).unwrap();
        store.set_password(alice.id, "new secret").unwrap();
        assert!(store.authenticate("alice", "new secret").unwrap().is_some());
        assert_eq!(store.count_users().unwrap(), 1);
        store.delete_user(alice.id).unwrap();
        assert_eq!(store.count_users().unwrap(), 0);
    }
);

both_backends!(
    fn permissions_are_the_union_of_a_users_groups(db) {
        let store = &db.store;
        let bob = store.create_user(&new_user("bob")).unwrap();
        let viewers = store.create_group("viewers", &[RuleSetPermissions { rule_set: "stock".into(), permissions: Permissions::VIEW }]).unwrap();
        let editors = store
            .create_group("editors", &[RuleSetPermissions { rule_set: "stock".into(), permissions: Permissions { view: true, add: false, change: true, delete: false } }])
            .unwrap();
        store.add_user_to_group(bob.id, viewers.id).unwrap();
        store.add_user_to_group(bob.id, viewers.id).unwrap();
        let stock = |store: &stockroom_store::Store| store.user_permissions(bob.id).unwrap().into_iter().find(|r| r.rule_set == "stock").unwrap().permissions;
        assert_eq!(stock(store), Permissions::VIEW);
        store.add_user_to_group(bob.id, editors.id).unwrap();
        assert_eq!(stock(store), Permissions { view: true, add: false, change: true, delete: false });
        assert_eq!(store.groups_of_user(bob.id).unwrap().len(), 2);
        store.remove_user_from_group(bob.id, editors.id).unwrap();
        assert_eq!(stock(store), Permissions::VIEW);

        let root = store.create_user(&NewUser { is_superuser: true, ..new_user("root") }).unwrap();
        assert!(store.user_permissions(root.id).unwrap().iter().all(|r| r.permissions == Permissions::ALL));
        assert!(store.create_group("bad", &[RuleSetPermissions { rule_set: "nope".into(), permissions: Permissions::ALL }]).is_err());
        assert_eq!(store.list_groups().unwrap().len(), 2);
    }
);

both_backends!(
    fn tokens_authenticate_until_revoked_or_expired(db) {
        let store = &db.store;
        let carol = store.create_user(&new_user("carol")).unwrap();
        let (token, secret) = store.create_token(carol.id, "scanner", None).unwrap();
        assert_ne!(token.token_hash, secret);
        assert!(secret.starts_with(&token.token_prefix));
        assert_eq!(store.user_for_token(&secret).unwrap().map(|(u, _)| u.id), Some(carol.id));
        assert!(store.user_for_token("inv-nonsense").unwrap().is_none());

        let (_, second) = store.create_token(carol.id, "scanner", None).unwrap();
        assert_ne!(second, secret);
        store.revoke_token(token.id).unwrap();
        assert!(store.user_for_token(&secret).unwrap().is_none());
        assert!(store.user_for_token(&second).unwrap().is_some());

        let yesterday = chrono::Utc::now().date_naive() - chrono::Duration::days(1);
        let (_, expired) = store.create_token(carol.id, "old", Some(yesterday)).unwrap();
        assert!(store.user_for_token(&expired).unwrap().is_none());
        assert_eq!(store.list_tokens(carol.id).unwrap().len(), 3);
    }
);

both_backends!(
    fn sessions_live_until_they_expire_or_end(db) {
        let store = &db.store;
        let dave = store.create_user(&new_user("dave")).unwrap();
        let (session, cookie) = store.create_session(dave.id, chrono::Duration::hours(1)).unwrap();
        assert_eq!(session.csrf_token.len(), 48);
        assert_eq!(store.session(&cookie).unwrap().map(|(u, _)| u.id), Some(dave.id));
        store.delete_session(&cookie).unwrap();
        assert!(store.session(&cookie).unwrap().is_none());

        let (_, stale) = store.create_session(dave.id, chrono::Duration::seconds(-1)).unwrap();
        assert!(store.session(&stale).unwrap().is_none());
        assert_eq!(store.purge_expired_sessions().unwrap(), 1);
    }
);
