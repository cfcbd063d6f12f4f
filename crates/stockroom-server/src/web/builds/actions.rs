//! The forms of a build order page: issue the build, create outputs and complete one.
//! Each calls the store operation the API uses and, when refused, shows the build again
//! with the typed values and the reasons.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use stockroom_core::serial::SerialPattern;
use stockroom_core::status::stock_status;
use stockroom_store::orders::{CompleteOutputs, ItemsError, NewOutputs, OutputsError};
use stockroom_store::settings::SettingScope;

use super::{LIST, build_page};
use crate::AppState;
use crate::api::auth::RuleSet;
use crate::api::{ApiError, run};
use crate::web::fields::Reader;
use crate::web::forms::accept;
use crate::web::page::{WebError, see_other};
use crate::web::session::Viewer;
use crate::web::view::{Typed, outcome};

enum Action {
    Issue,
    Output(NewOutputs, i64),
    Complete(CompleteOutputs),
}

/// A store refusal of listed outputs, beside the form's output select.
fn items_errors(error: ItemsError) -> Result<Vec<(String, String)>, ApiError> {
    match error {
        ItemsError::Items(found) => Ok(found
            .into_iter()
            .map(|(_, field, message)| (field.to_owned(), message))
            .collect()),
        ItemsError::Store(e) => crate::web::view::field_errors(e.into()),
    }
}

async fn act(
    state: AppState,
    viewer: Viewer,
    id: String,
    body: Bytes,
    form: &'static str,
) -> Result<Response, WebError> {
    let (pk, data) = match accept(&viewer, &id, &body, "Build", RuleSet::Build)? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let mut reader = Reader::new(&data);
    let action = match form {
        "issue" => Action::Issue,
        "output" => {
            let quantity = reader.quantity("quantity", true).unwrap_or_default();
            let serials = reader.text("serial_numbers");
            let batch = reader.text("batch_code");
            let new = NewOutputs {
                quantity: quantity.units(),
                serials: (!serials.is_empty()).then_some(serials),
                batch: Some(batch),
                location: reader.link("location", "stocklocation"),
            };
            let count = quantity.units() / stockroom_core::Quantity::ONE.units();
            Action::Output(new, count)
        }
        _ => {
            let output = reader.required_link("output", "stockitem");
            let location = reader.required_link("location", "stocklocation");
            Action::Complete(CompleteOutputs {
                outputs: output.into_iter().collect(),
                location: location.unwrap_or_default(),
                status: stock_status::OK,
                notes: reader.text("notes"),
                accept_incomplete_allocation: reader.flag("accept_incomplete_allocation"),
            })
        }
    };
    let mut errors = reader.errors.clone();
    if errors.is_empty() {
        let mut links = reader.links();
        let user = viewer.auth.user.id;
        let done = run(&state, move |store| {
            if !links.check(store)? {
                return Ok(Err(links.errors));
            }
            match action {
                Action::Issue => outcome(store.issue_build(pk)),
                Action::Output(new, count) => {
                    store.build(pk)?;
                    let max = store
                        .setting(SettingScope::Global, "SERIAL_NUMBER_MAX_QUANTITY")?
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .unwrap_or(stockroom_core::serial::DEFAULT_MAX_QUANTITY);
                    let pattern = new.serials.clone().unwrap_or_default();
                    let created = store.create_build_outputs(pk, &new, Some(user), |latest| {
                        SerialPattern::new()
                            .with_latest(latest)
                            .with_max_quantity(max)
                            .expand(&pattern, count)
                            .map_err(|errors| {
                                errors.iter().map(ToString::to_string).collect::<Vec<_>>()
                            })
                    });
                    match created {
                        Ok(_) => Ok(Ok(())),
                        Err(OutputsError::Rejected(messages)) => Ok(Err(messages
                            .into_iter()
                            .map(|m| ("serial_numbers".to_owned(), m))
                            .collect())),
                        Err(OutputsError::Store(e)) => outcome(Err(e)),
                    }
                }
                Action::Complete(request) => {
                    match store.complete_build_outputs(pk, &request, Some(user)) {
                        Ok(()) => Ok(Ok(())),
                        Err(e) => items_errors(e).map(Err),
                    }
                }
            }
        })
        .await
        .map_err(|e| WebError::from_api(&viewer, "Build", e))?;
        match done {
            Ok(()) => {
                let flash = match form {
                    "issue" => "issued",
                    "output" => "output",
                    _ => "completed",
                };
                return Ok(see_other(&format!("{LIST}{pk}?done={flash}")));
            }
            Err(found) => errors = found,
        }
    }
    let typed = Typed { form, data, errors };
    build_page(&state, &viewer, pk, String::new(), Some(&typed)).await
}

macro_rules! form_handler {
    ($name:ident, $form:literal) => {
        /// POST handler of one build order form.
        pub(crate) async fn $name(
            State(state): State<AppState>,
            viewer: Viewer,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Result<Response, WebError> {
            act(state, viewer, id, body, $form).await
        }
    };
}

form_handler!(issue, "issue");
form_handler!(create_output, "output");
form_handler!(complete_output, "complete");
