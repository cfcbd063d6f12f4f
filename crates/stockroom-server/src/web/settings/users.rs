//! Users and roles (staff only): who can sign in, their roles, and forms to add a user and
//! give a user a role.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use stockroom_store::auth::NewUser;

use super::is_staff;
use crate::AppState;
use crate::api::run;
use crate::web::fields::Reader;
use crate::web::forms::{FormData, csrf_ok, csrf_refused};
use crate::web::page::{Layout, Section, WebError, see_other};
use crate::web::session::Viewer;
use crate::web::view::{
    Cell, Form, ObjectPage, Table, Typed, apply_typed, choices, flash, outcome, yes_no,
};

const PATH: &str = "/web/settings/users/";

const FLASHES: [(&str, &str); 2] = [("created", "User created."), ("role", "Role given.")];

async fn users_page(
    state: &AppState,
    viewer: &Viewer,
    flash_text: String,
    typed: Option<&Typed>,
) -> Result<Response, WebError> {
    if !is_staff(viewer) {
        return Err(WebError::forbidden(viewer));
    }
    let (users, groups) = run(state, |store| {
        let mut users = Vec::new();
        for user in store.list_users()? {
            let roles = store.groups_of_user(user.id)?;
            users.push((user, roles));
        }
        Ok((users, store.list_groups()?))
    })
    .await
    .map_err(|e| WebError::internal(Some(viewer), format!("{e:?}")))?;
    let mut table = Table::new(
        "users",
        "Users",
        &[
            "Username",
            "Name",
            "Email",
            "Staff",
            "Superuser",
            "Active",
            "Roles",
        ],
    );
    for (user, roles) in &users {
        table.rows.push(vec![
            Cell::text(&user.username),
            Cell::text(
                format!("{} {}", user.first_name, user.last_name)
                    .trim()
                    .to_owned(),
            ),
            Cell::text(&user.email),
            Cell::text(yes_no(user.is_staff)),
            Cell::text(yes_no(user.is_superuser)),
            Cell::text(yes_no(user.is_active)),
            Cell::text(
                roles
                    .iter()
                    .map(|g| g.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ]);
    }
    let mut roles = Table::new("roles", "Roles", &["Role", "#Members"]);
    roles.empty = "No roles defined.";
    for group in &groups {
        let members = users
            .iter()
            .filter(|(_, r)| r.iter().any(|g| g.id == group.id))
            .count();
        roles.rows.push(vec![
            Cell::text(&group.name),
            Cell::num(members.to_string()),
        ]);
    }
    let user_choices = choices(
        users
            .iter()
            .map(|(u, _)| (u.id, u.username.clone()))
            .collect(),
    );
    let group_choices = choices(groups.iter().map(|g| (g.id, g.name.clone())).collect());
    let mut forms = vec![
        Form::new("create", PATH, "New user", "Create user")
            .text("username", "Username")
            .required()
            .password("password", "Password")
            .required()
            .text("email", "Email")
            .checkbox("is_staff", "Staff (may change global settings and users)"),
        Form::new("role", format!("{PATH}role"), "Give a role", "Give role")
            .select("user", "User", "Choose a user", user_choices)
            .required()
            .select("group", "Role", "Choose a role", group_choices)
            .required(),
    ];
    apply_typed(&mut forms, typed);
    // A typed password is never sent back.
    for input in forms.iter_mut().flat_map(|f| f.inputs.iter_mut()) {
        if input.kind == "password" {
            input.value.clear();
        }
    }
    Ok(ObjectPage {
        layout: Layout::new(Some(viewer), "Users and roles", Section::Settings),
        crumbs: vec![("Settings".into(), "/web/settings/".into())],
        heading: "Users and roles".into(),
        flash: flash_text,
        details: Vec::new(),
        tables: vec![table, roles],
        forms,
    }
    .respond())
}

/// GET `/web/settings/users/`.
#[tracing::instrument(skip_all)]
pub(crate) async fn users(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let params = FormData::parse(query.unwrap_or_default().as_bytes());
    users_page(&state, &viewer, flash(&params, &FLASHES), None).await
}

fn accept(viewer: &Viewer, body: &[u8]) -> Result<Result<FormData, Response>, WebError> {
    let data = FormData::parse(body);
    if !csrf_ok(viewer, &data) {
        return Ok(Err(csrf_refused(Some(viewer))));
    }
    if !is_staff(viewer) {
        return Err(WebError::forbidden(viewer));
    }
    Ok(Ok(data))
}

/// POST `/web/settings/users/`: adds a user.
#[tracing::instrument(skip_all)]
pub(crate) async fn create_user(
    State(state): State<AppState>,
    viewer: Viewer,
    body: Bytes,
) -> Result<Response, WebError> {
    let data = match accept(&viewer, &body)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    let mut reader = Reader::new(&data);
    let new = NewUser {
        username: reader.required_text("username"),
        password: data.raw("password").unwrap_or_default().to_owned(),
        email: reader.text("email"),
        is_staff: reader.flag("is_staff"),
        ..NewUser::default()
    };
    if new.password.is_empty() {
        reader
            .errors
            .push(("password".into(), "This field is required.".into()));
    }
    let mut errors = reader.errors.clone();
    if errors.is_empty() {
        let done = run(&state, move |store| {
            outcome(store.create_user(&new).map(|_| ()))
        })
        .await
        .map_err(|e| WebError::internal(Some(&viewer), format!("{e:?}")))?;
        match done {
            Ok(()) => return Ok(see_other(&format!("{PATH}?done=created"))),
            Err(found) => errors = found,
        }
    }
    let typed = Typed {
        form: "create",
        data,
        errors,
    };
    users_page(&state, &viewer, String::new(), Some(&typed)).await
}

/// POST `/web/settings/users/role`: adds a user to a role.
#[tracing::instrument(skip_all)]
pub(crate) async fn add_to_group(
    State(state): State<AppState>,
    viewer: Viewer,
    body: Bytes,
) -> Result<Response, WebError> {
    let data = match accept(&viewer, &body)? {
        Ok(data) => data,
        Err(refused) => return Ok(refused),
    };
    let mut reader = Reader::new(&data);
    let user = reader.required_link("user", "user");
    let group = reader.required_link("group", "group");
    let mut errors = reader.errors.clone();
    if let (true, Some(user), Some(group)) = (errors.is_empty(), user, group) {
        let mut links = reader.links();
        let done = run(&state, move |store| {
            if !links.check(store)? {
                return Ok(Err(links.errors));
            }
            outcome(store.add_user_to_group(user, group))
        })
        .await
        .map_err(|e| WebError::internal(Some(&viewer), format!("{e:?}")))?;
        match done {
            Ok(()) => return Ok(see_other(&format!("{PATH}?done=role"))),
            Err(found) => errors = found,
        }
    }
    let typed = Typed {
        form: "role",
        data,
        errors,
    };
    users_page(&state, &viewer, String::new(), Some(&typed)).await
}
