//! The split, serialize and merge forms of a stock item page: each calls the same store
//! operation as the API action and, when refused, shows the page again with the typed
//! values and the reason beside the field.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use stockroom_core::Quantity;
use stockroom_core::serial::{Increment, SerialPattern};
use stockroom_plugins::validation::PartRef;
use stockroom_store::Store;
use stockroom_store::settings::SettingScope;
use stockroom_store::stock::{
    ActionError, Adjustment, KeyedSerial, MergeRequest, Overrides, Serialize, SerialsError,
    StockRow, Transfer,
};

use super::fields::Reader;
use super::forms::{FormData, accept};
use super::page::{WebError, see_other};
use super::session::Viewer;
use super::stock::{ActionForms, item_page};
use super::view::{Form, Typed, choices, outcome, refusal_errors, stock_choices};
use crate::AppState;
use crate::api::auth::RuleSet;
use crate::api::{ApiError, run};

/// The split, serialize and merge forms of an item, with their defaults.
pub(crate) fn forms(
    store: &Store,
    row: &StockRow,
    locations: &[(i64, String)],
) -> Result<Vec<Form>, ApiError> {
    let pk = row.item.id;
    let here = format!("/web/stock/item/{pk}");
    let current = row
        .item
        .location_id
        .map(|l| l.to_string())
        .unwrap_or_default();
    let mut forms = Vec::new();
    if row.item.serial.is_some() || !row.in_stock() {
        return Ok(forms);
    }
    forms.push(
        Form::new("split", format!("{here}/split"), "Split", "Split stock")
            .text("quantity", "Quantity to split off")
            .required()
            .select(
                "location",
                "Location of the new item",
                "Choose a location",
                choices(locations.to_vec()),
            )
            .required()
            .value(current.clone())
            .text("notes", "Notes"),
    );
    if row.part.trackable {
        forms.push(
            Form::new(
                "serialize",
                format!("{here}/serialize"),
                "Serialize",
                "Serialize stock",
            )
            .text("quantity", "Quantity to serialize")
            .required()
            .text("serial_numbers", "Serial numbers")
            .required()
            .hint("For example 1-5, or ~ for the next free serials.")
            .select(
                "destination",
                "Location",
                "Choose a location",
                choices(locations.to_vec()),
            )
            .required()
            .value(current.clone())
            .text("notes", "Notes"),
        );
    }
    let others: Vec<(String, String)> = stock_choices(store, &[row.part.id])?
        .into_iter()
        .filter(|(id, _)| *id != pk.to_string())
        .collect();
    if !others.is_empty() {
        forms.push(
            Form::new("merge", format!("{here}/merge"), "Merge", "Merge stock")
                .select("other", "Merge with", "Choose a stock item", others)
                .required()
                .select(
                    "location",
                    "Location of the merged item",
                    "Choose a location",
                    choices(locations.to_vec()),
                )
                .required()
                .value(current)
                .text("notes", "Notes"),
        );
    }
    Ok(forms)
}

/// Expands a serial pattern from the scope's latest serial through the validation plugins,
/// as the API's serialize action does.
fn choose(
    state: &AppState,
    part: PartRef<'_>,
    pattern: &str,
    quantity: i64,
    max: u64,
    latest: Option<&str>,
) -> Result<Vec<KeyedSerial>, Vec<(String, String)>> {
    let validators = &state.validators;
    let serials = SerialPattern::new()
        .with_latest(latest)
        .with_max_quantity(max)
        .with_increment(validators.as_ref() as &dyn Increment)
        .expand(pattern, quantity)
        .map_err(|errors| {
            errors
                .iter()
                .map(|e| ("serial_numbers".to_owned(), e.to_string()))
                .collect::<Vec<_>>()
        })?;
    validators
        .check_serials(serials.iter().map(String::as_str), part)
        .map_err(|message| vec![("serial_numbers".to_owned(), message)])?;
    Ok(serials
        .into_iter()
        .map(|serial| KeyedSerial {
            key: validators.serial_key(&serial),
            serial,
        })
        .collect())
}

enum Action {
    Split(Quantity, i64),
    Serialize(i64, String, i64),
    Merge(i64, i64),
}

async fn act(
    state: AppState,
    viewer: Viewer,
    id: String,
    body: Bytes,
    form: &'static str,
) -> Result<Response, WebError> {
    let (pk, data) = match accept(&viewer, &id, &body, "StockItem", RuleSet::Stock)? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let mut reader = Reader::new(&data);
    let action = match form {
        "split" => {
            let quantity = reader.quantity("quantity", true);
            let location = reader.required_link("location", "stocklocation");
            Action::Split(quantity.unwrap_or_default(), location.unwrap_or_default())
        }
        "serialize" => {
            let quantity = reader.quantity("quantity", true).unwrap_or_default();
            let whole = quantity.units() / Quantity::ONE.units();
            if quantity.units() % Quantity::ONE.units() != 0 {
                reader.errors.push((
                    "quantity".into(),
                    "Serialized stock must be whole units".into(),
                ));
            }
            let pattern = reader.required_text("serial_numbers");
            let destination = reader.required_link("destination", "stocklocation");
            Action::Serialize(whole, pattern, destination.unwrap_or_default())
        }
        _ => {
            let other = reader.required_link("other", "stockitem");
            let location = reader.required_link("location", "stocklocation");
            Action::Merge(other.unwrap_or_default(), location.unwrap_or_default())
        }
    };
    let notes = reader.text("notes");
    let mut errors = reader.errors.clone();
    if errors.is_empty() {
        let mut links = reader.links();
        let user = viewer.auth.user.id;
        let app = state.clone();
        let done = run(&state, move |store| {
            if !links.check(store)? {
                return Ok(Err(links.errors));
            }
            let refused = |e: ActionError| match e {
                ActionError::Refused(refusal) => Ok(Err(refusal_errors(refusal))),
                ActionError::Store(e) => outcome(Err(e)),
            };
            match action {
                Action::Split(quantity, location) => {
                    let item = store.stock_item(pk)?;
                    if quantity.units() >= item.quantity {
                        return Ok(Err(vec![(
                            "quantity".into(),
                            "Split quantity must be less than the item's quantity".into(),
                        )]));
                    }
                    let transfer = Transfer {
                        entries: vec![Adjustment {
                            item: pk,
                            quantity,
                            overrides: Overrides::default(),
                        }],
                        merge: vec![false],
                        location,
                        notes,
                    };
                    match store.transfer_stock(&transfer, Some(user)) {
                        Ok(()) => Ok(Ok(pk)),
                        Err(e) => refused(e),
                    }
                }
                Action::Serialize(quantity, pattern, destination) => {
                    let item = store.stock_item(pk)?;
                    let part = store.part(item.part_id)?;
                    let max = store
                        .setting(SettingScope::Global, "SERIAL_NUMBER_MAX_QUANTITY")?
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .unwrap_or(stockroom_core::serial::DEFAULT_MAX_QUANTITY);
                    let request = Serialize {
                        item: pk,
                        quantity,
                        destination,
                        notes,
                    };
                    let part_ref = PartRef {
                        pk: part.id,
                        name: &part.name,
                    };
                    let made = store.serialize_stock(&request, Some(user), |latest| {
                        choose(&app, part_ref, &pattern, quantity, max, latest)
                    });
                    match made {
                        Ok(_) => Ok(Ok(pk)),
                        Err(SerialsError::Rejected(found)) => Ok(Err(found)),
                        Err(SerialsError::Store(e)) => outcome(Err(e)),
                    }
                }
                Action::Merge(other, location) => {
                    let request = MergeRequest {
                        items: vec![pk, other],
                        location,
                        notes,
                        allow_mismatched_suppliers: false,
                        allow_mismatched_status: false,
                    };
                    match store.merge_stock(&request, Some(user)) {
                        Ok(merged) => Ok(Ok(merged.id)),
                        Err(e) => refused(e),
                    }
                }
            }
        })
        .await
        .map_err(|e| WebError::from_api(&viewer, "StockItem", e))?;
        match done {
            Ok(item) => {
                let flash = match form {
                    "split" => "split",
                    "serialize" => "serialized",
                    _ => "merged",
                };
                // Serializing every unit of an item deletes it: go to the stock list then.
                let still_there = run(&state, move |store| Ok(store.stock_item(item).is_ok()))
                    .await
                    .unwrap_or(false);
                let to = if still_there {
                    format!("/web/stock/item/{item}?done={flash}")
                } else {
                    "/web/stock/".to_owned()
                };
                return Ok(see_other(&to));
            }
            Err(found) => errors = found,
        }
    }
    let forms = ActionForms {
        extra: Some(Typed {
            form,
            data: FormData::clone(&data),
            errors,
        }),
        ..ActionForms::default()
    };
    item_page(&state, &viewer, pk, String::new(), Some(forms)).await
}

macro_rules! form_handler {
    ($name:ident, $form:literal) => {
        /// POST handler of one stock item form.
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

form_handler!(split, "split");
form_handler!(serialize, "serialize");
form_handler!(merge, "merge");
