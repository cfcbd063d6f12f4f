//! Settings pages: global settings (changed by staff), the signed-in user's own settings,
//! and, for staff, the users and their roles.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use stockroom_core::settings::{self, SettingDef, SettingKind};
use stockroom_store::settings::SettingScope;

use super::forms::{FormData, csrf_ok, csrf_refused};
use super::page::{Layout, Section, WebError, see_other};
use super::session::Viewer;
use super::view::{Cell, Form, ObjectPage, Table, Typed, apply_typed, flash, info, outcome};
use crate::AppState;
use crate::api::run;

mod users;

pub(crate) use users::{add_to_group, create_user, users};

/// Which settings a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Global,
    User,
}

impl Kind {
    fn defs(self) -> &'static [SettingDef] {
        match self {
            Kind::Global => settings::GLOBAL,
            Kind::User => settings::USER,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Kind::Global => "/web/settings/",
            Kind::User => "/web/settings/user/",
        }
    }

    fn scope(self, viewer: &Viewer) -> SettingScope<'static> {
        match self {
            Kind::Global => SettingScope::Global,
            Kind::User => SettingScope::User(viewer.auth.user.id),
        }
    }
}

pub(crate) fn is_staff(viewer: &Viewer) -> bool {
    viewer.auth.user.is_staff || viewer.auth.user.is_superuser
}

/// The form that changes one setting, showing its stored value.
fn setting_form(kind: Kind, def: &'static SettingDef, value: &str) -> Form {
    let action = format!("{}{}", kind.path(), def.key);
    let form = Form::new(def.key, action, def.name, "Save");
    let form = match def.kind {
        SettingKind::Boolean => form
            .checkbox("value", "Enabled")
            .value(if def.as_bool(Some(value)) { "on" } else { "" }),
        SettingKind::Choice(choices) => form
            .select(
                "value",
                "Value",
                "Choose a value",
                choices
                    .iter()
                    .map(|(v, d)| ((*v).to_owned(), (*d).to_owned()))
                    .collect(),
            )
            .value(value),
        _ => form.text("value", "Value").value(value),
    };
    let hint = if def.units.is_empty() {
        def.description.to_owned()
    } else {
        format!("{} ({})", def.description, def.units)
    };
    form.hint(&hint)
}

async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    kind: Kind,
    flash_text: String,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    let scope = kind.scope(viewer);
    let stored = run(state, move |store| Ok(store.settings(scope)?))
        .await
        .map_err(|e| WebError::internal(Some(viewer), format!("{e:?}")))?;
    let value_of = |def: &SettingDef| {
        stored
            .iter()
            .find(|(k, _)| k == def.key)
            .map_or(def.default, |(_, v)| v.as_str())
            .to_owned()
    };
    let may_change = kind == Kind::User || is_staff(viewer);
    let mut forms = Vec::new();
    let mut table = Table::new("settings", "Settings", &["Setting", "Value", "Description"]);
    for def in kind.defs() {
        let value = value_of(def);
        if may_change {
            forms.push(setting_form(kind, def, &value));
        } else {
            table.rows.push(vec![
                Cell::text(def.name),
                Cell::text(value),
                Cell::text(def.description),
            ]);
        }
    }
    apply_typed(&mut forms, typed);
    let mut details = vec![info(
        "Your settings",
        Cell::link("User settings", "/web/settings/user/"),
    )];
    details.push(info(
        "Global settings",
        Cell::link("Global settings", "/web/settings/"),
    ));
    if is_staff(viewer) {
        details.push(info(
            "Users and roles",
            Cell::link("Users and roles", "/web/settings/users/"),
        ));
    }
    let heading = match kind {
        Kind::Global => "Global settings",
        Kind::User => "User settings",
    };
    Ok(ObjectPage {
        layout: Layout::new(Some(viewer), heading, Section::Settings),
        crumbs: Vec::new(),
        heading: heading.into(),
        flash: flash_text,
        details,
        tables: if table.rows.is_empty() {
            Vec::new()
        } else {
            vec![table]
        },
        forms,
    }
    .respond())
}

const FLASHES: [(&str, &str); 1] = [("saved", "Setting saved.")];

/// GET `/web/settings/`: global settings; staff change them here.
#[tracing::instrument(skip_all)]
pub(crate) async fn global(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    settings_page(
        &state,
        &viewer,
        Kind::Global,
        flash(&params, &FLASHES),
        None,
    )
    .await
}

/// GET `/web/settings/user/`: the signed-in user's settings.
#[tracing::instrument(skip_all)]
pub(crate) async fn user(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    settings_page(&state, &viewer, Kind::User, flash(&params, &FLASHES), None).await
}

async fn save(
    state: AppState,
    viewer: Viewer,
    kind: Kind,
    key: String,
    body: Bytes,
) -> Result<Response, WebError> {
    let data = FormData::parse(&body);
    if !csrf_ok(&viewer, &data) {
        return Ok(csrf_refused(Some(&viewer)));
    }
    let Some(def) = settings::find(kind.defs(), &key) else {
        return Err(WebError::missing(&viewer, "Setting"));
    };
    if kind == Kind::Global && !is_staff(&viewer) {
        return Err(WebError::forbidden(&viewer));
    }
    let sent = match def.kind {
        SettingKind::Boolean => if data.get("value").is_some() {
            "True"
        } else {
            "False"
        }
        .to_owned(),
        _ => data.text("value"),
    };
    let errors = match def.normalise(&sent) {
        Err(message) => vec![("value".to_owned(), message)],
        Ok(value) => {
            let scope = kind.scope(&viewer);
            let done = run(&state, move |store| {
                outcome(store.set_setting(scope, def.key, &value))
            })
            .await
            .map_err(|e| WebError::internal(Some(&viewer), format!("{e:?}")))?;
            // Scans read barcode settings through a short cache; this process sees it now.
            state.barcode_settings.invalidate();
            match done {
                Ok(()) => return Ok(see_other(&format!("{}?done=saved", kind.path()))),
                // A refusal of the store is about the value, whatever it names.
                Err(found) => found
                    .into_iter()
                    .map(|(_, m)| ("value".to_owned(), m))
                    .collect(),
            }
        }
    };
    let typed = Typed {
        form: def.key,
        data,
        errors,
    };
    settings_page(&state, &viewer, kind, String::new(), Some(&typed)).await
}

/// POST `/web/settings/{key}`: changes a global setting (staff only).
pub(crate) async fn save_global(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    save(state, viewer, Kind::Global, key, body).await
}

/// POST `/web/settings/user/{key}`: changes one of the user's own settings.
pub(crate) async fn save_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    save(state, viewer, Kind::User, key, body).await
}
