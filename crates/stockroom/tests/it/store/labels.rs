use stockroom_store::StoreError;
use stockroom_store::labels::{
    LabelTemplateChanges, LabelTemplateQuery, NewDataOutput, NewLabelTemplate,
};

use crate::both_backends;

fn template(name: &str, builtin: Option<&str>) -> NewLabelTemplate {
    NewLabelTemplate {
        name: name.into(),
        description: String::new(),
        model_type: "part".into(),
        template: "<svg/>".into(),
        filename: "label.svg".into(),
        width: 50.0,
        height: 25.5,
        filters: String::new(),
        enabled: true,
        builtin_key: builtin.map(str::to_owned),
    }
}

both_backends!(
    fn built_in_templates_are_seeded_once(db) {
        let store = &db.store;
        let builtins = [template("a", Some("a")), template("b", Some("b"))];
        assert_eq!(store.seed_label_templates(&builtins).unwrap(), 2);
        assert_eq!(store.seed_label_templates(&builtins).unwrap(), 0);
        let listed = store.query_label_templates(&LabelTemplateQuery::default()).unwrap();
        assert_eq!(listed.count, 2);
        assert_eq!(listed.items[0].height, 25.5);
        let own = store.create_label_template(&template("mine", None)).unwrap();
        let changed = store
            .update_label_template(own.id, &LabelTemplateChanges { template: Some("<svg></svg>".into()), enabled: Some(false), ..Default::default() })
            .unwrap();
        assert_eq!((changed.revision, changed.enabled), (2, false));
        let enabled = store.query_label_templates(&LabelTemplateQuery { enabled: Some(true), ..Default::default() }).unwrap();
        assert_eq!(enabled.count, 2);
        store.delete_label_template(own.id).unwrap();
        assert!(matches!(store.label_template(own.id), Err(StoreError::NotFound { .. })));
    }
);

both_backends!(
    fn outputs_keep_their_file_once_complete(db) {
        let store = &db.store;
        let new = NewDataOutput {
            user_id: None,
            model_type: "part".into(),
            items: 2,
            output_type: "LABEL".into(),
            template_id: None,
            plugin: "inventreelabel".into(),
            filename: "labels.pdf".into(),
        };
        let pending = store.create_data_output(&new, None).unwrap();
        assert!(!pending.complete);
        assert_eq!(store.data_output_content(pending.id).unwrap(), None);
        store.set_data_output_progress(pending.id, 1).unwrap();
        store.complete_data_output(pending.id, b"%PDF-1.7 \x00\xff").unwrap();
        let done = store.data_output(pending.id).unwrap();
        assert_eq!((done.complete, done.progress), (true, 2));
        assert_eq!(store.data_output_content(pending.id).unwrap().as_deref(), Some(&b"%PDF-1.7 \x00\xff"[..]));
        let at_once = store.create_data_output(&new, Some(b"x")).unwrap();
        assert_eq!((at_once.complete, at_once.progress), (true, 2));
        assert_eq!(store.query_data_outputs(None, Default::default()).unwrap().count, 2);
        store.delete_data_output(at_once.id).unwrap();
        assert_eq!(store.query_data_outputs(Some(1), Default::default()).unwrap().count, 0);
    }
);
