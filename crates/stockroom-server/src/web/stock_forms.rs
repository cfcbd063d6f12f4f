//! The forms of a stock item page. Each posts here, calls the same store operation as the
//! API action, and redirects back with a message; a refused form shows the page again with
//! the values typed and the reason beside the field, having written nothing.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use stockroom_core::Quantity;
use stockroom_store::stock::{ActionError, Adjustment, Overrides, Refusal, Transfer};

use super::forms::{FormData, csrf_ok, csrf_refused};
use super::page::{WebError, pk, see_other};
use super::session::Viewer;
use super::stock::{ActionForms, FormState, item_page};
use crate::AppState;
use crate::api::auth::{Perm, RuleSet};
use crate::api::{ApiError, run};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Move,
    Count,
    Add,
    Remove,
}

impl Action {
    fn done(self) -> &'static str {
        match self {
            Action::Move => "moved",
            Action::Count => "counted",
            Action::Add => "added",
            Action::Remove => "removed",
        }
    }
}

/// The quantity typed, or the reason it cannot be used (DRF's texts).
fn quantity(text: &str) -> Result<Quantity, String> {
    if text.is_empty() {
        return Err("This field is required.".into());
    }
    let q: Quantity = text
        .parse()
        .map_err(|_| "A valid number is required.".to_owned())?;
    if q.is_negative() {
        return Err("Ensure this value is greater than or equal to 0.".into());
    }
    Ok(q)
}

/// Puts a store refusal beside the fields it names.
fn place_refusal(state: &mut FormState, refusal: &Refusal) {
    for problem in &refusal.items {
        match problem.field {
            "quantity" => state.quantity_error = problem.message.clone(),
            _ => state.error = problem.message.clone(),
        }
    }
    for (field, message) in &refusal.fields {
        match field {
            Some("location") => state.location_error = message.clone(),
            _ => state.error = message.clone(),
        }
    }
}

fn forms_with(action: Action, state: FormState) -> ActionForms {
    let mut forms = ActionForms::default();
    match action {
        Action::Move => forms.move_form = state,
        Action::Count => forms.count_form = state,
        Action::Add => forms.add_form = state,
        Action::Remove => forms.remove_form = state,
    }
    forms
}

#[tracing::instrument(skip_all, fields(action = ?action))]
async fn act(
    state: AppState,
    viewer: Viewer,
    id: String,
    body: Bytes,
    action: Action,
) -> Result<Response, WebError> {
    let item = pk(&viewer, &id, "StockItem")?;
    let form = FormData::parse(&body);
    if !csrf_ok(&viewer, &form) {
        return Ok(csrf_refused(Some(&viewer)));
    }
    if !viewer.auth.can(RuleSet::Stock, Perm::Change) {
        return Err(WebError::forbidden(&viewer));
    }
    let mut typed = FormState {
        quantity: form.text("quantity"),
        location: form.text("location"),
        notes: form.text("notes"),
        ..Default::default()
    };
    let amount = quantity(&typed.quantity);
    if let Err(message) = &amount {
        typed.quantity_error = message.clone();
    }
    let location = if action == Action::Move {
        match typed.location.parse::<i64>() {
            Ok(pk) => Some(pk),
            Err(_) => {
                typed.location_error = if typed.location.is_empty() {
                    "This field is required.".into()
                } else {
                    format!("Invalid pk \"{}\" - object does not exist.", typed.location)
                };
                None
            }
        }
    } else {
        None
    };
    let Ok(amount) = amount else {
        return item_page(
            &state,
            &viewer,
            item,
            String::new(),
            Some(forms_with(action, typed)),
        )
        .await;
    };
    if action == Action::Move && location.is_none() {
        return item_page(
            &state,
            &viewer,
            item,
            String::new(),
            Some(forms_with(action, typed)),
        )
        .await;
    }
    let entry = Adjustment {
        item,
        quantity: amount,
        overrides: Overrides::default(),
    };
    let notes = typed.notes.clone();
    let user = Some(viewer.auth.user.id);
    let outcome = run(&state, move |store| {
        let entries = [entry];
        let result = match action {
            Action::Move => store.transfer_stock(
                &Transfer {
                    entries: entries.to_vec(),
                    merge: vec![false],
                    location: location.unwrap_or_default(),
                    notes,
                },
                user,
            ),
            Action::Count => store.count_stock(&entries, &notes, user),
            Action::Add => store.add_stock(&entries, &notes, user),
            Action::Remove => store.remove_stock(&entries, &notes, user),
        };
        match result {
            Ok(()) => Ok(None),
            Err(ActionError::Refused(refusal)) => Ok(Some(refusal)),
            Err(ActionError::Store(error)) => Err(ApiError::from(error)),
        }
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "StockItem", e))?;
    match outcome {
        Some(refusal) => {
            place_refusal(&mut typed, &refusal);
            if !typed.has_errors() {
                typed.error = "The request was refused.".into();
            }
            item_page(
                &state,
                &viewer,
                item,
                String::new(),
                Some(forms_with(action, typed)),
            )
            .await
        }
        None => {
            // A removal that empties an item may delete it: go to the stock list then.
            let still_there = run(&state, move |store| Ok(store.stock_item(item).is_ok()))
                .await
                .unwrap_or(false);
            let to = if still_there {
                format!("/web/stock/item/{item}?done={}", action.done())
            } else {
                "/web/stock/".to_owned()
            };
            Ok(see_other(&to))
        }
    }
}

macro_rules! form_handler {
    ($name:ident, $action:expr) => {
        /// POST handler of one stock item form.
        pub(crate) async fn $name(
            State(state): State<AppState>,
            viewer: Viewer,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Response {
            act(state, viewer, id, body, $action).await.into_response()
        }
    };
}

form_handler!(move_item, Action::Move);
form_handler!(count, Action::Count);
form_handler!(add, Action::Add);
form_handler!(remove, Action::Remove);
