//! The forms of a purchase order page besides receiving: place the order, complete it and
//! add a line. Each calls the store operation the API uses and, when refused, shows the
//! order again with the typed values and the reasons.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use stockroom_store::orders::{NewPurchaseOrderLine, PoTransition};

use super::{LIST, order_page};
use crate::AppState;
use crate::api::auth::RuleSet;
use crate::api::run;
use crate::web::fields::Reader;
use crate::web::forms::{FormData, accept};
use crate::web::page::{WebError, see_other};
use crate::web::session::Viewer;
use crate::web::view::{Typed, outcome};

async fn transition(
    state: AppState,
    viewer: Viewer,
    id: String,
    body: Bytes,
    change: PoTransition,
    done: &'static str,
) -> Result<Response, WebError> {
    let (pk, data) = match accept(&viewer, &id, &body, "PurchaseOrder", RuleSet::PurchaseOrder)? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let outcome = run(&state, move |store| {
        outcome(store.transition_po(pk, change))
    })
    .await
    .map_err(|e| WebError::from_api(&viewer, "PurchaseOrder", e))?;
    match outcome {
        Ok(_) => Ok(see_other(&format!("{LIST}{pk}?done={done}"))),
        Err(errors) => {
            let form = if done == "issued" {
                "issue"
            } else {
                "complete"
            };
            let typed = Typed { form, data, errors };
            order_page(&state, &viewer, pk, &FormData::default(), Some(&typed)).await
        }
    }
}

/// POST `/web/purchasing/purchase-order/{pk}/issue`: places the order.
pub(crate) async fn issue(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    transition(state, viewer, id, body, PoTransition::Issue, "issued")
        .await
        .into_response()
}

/// POST `/web/purchasing/purchase-order/{pk}/complete`: closes a fully received order.
pub(crate) async fn complete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let change = PoTransition::Complete {
        accept_incomplete: false,
    };
    transition(state, viewer, id, body, change, "completed")
        .await
        .into_response()
}

/// POST `/web/purchasing/purchase-order/{pk}/line`: adds a line.
#[tracing::instrument(skip_all)]
pub(crate) async fn add_line(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let (pk, data) = match accept(&viewer, &id, &body, "PurchaseOrder", RuleSet::PurchaseOrder)? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let mut reader = Reader::new(&data);
    let part = reader.required_link("part", "supplierpart");
    let quantity = reader.quantity("quantity", true);
    let new = NewPurchaseOrderLine {
        order_id: pk,
        supplier_part_id: part,
        quantity: quantity.map(|q| q.units()).unwrap_or_default(),
        reference: reader.text("reference"),
        ..NewPurchaseOrderLine::default()
    };
    let mut errors = reader.errors.clone();
    if errors.is_empty() {
        let mut links = reader.links();
        let outcome = run(&state, move |store| {
            if !links.check(store)? {
                return Ok(Err(links.errors));
            }
            outcome(store.add_po_line(&new, false).map(|_| ()))
        })
        .await
        .map_err(|e| WebError::from_api(&viewer, "PurchaseOrder", e))?;
        match outcome {
            Ok(()) => return Ok(see_other(&format!("{LIST}{pk}?done=line"))),
            Err(found) => errors = rename(found, "supplier_part", "part"),
        }
    }
    let typed = Typed {
        form: "line",
        data,
        errors,
    };
    order_page(&state, &viewer, pk, &FormData::default(), Some(&typed)).await
}

/// Shows the store's errors about `from` beside the form's field `to`.
fn rename(errors: Vec<(String, String)>, from: &str, to: &str) -> Vec<(String, String)> {
    errors
        .into_iter()
        .map(|(f, m)| {
            if f == from {
                (to.to_owned(), m)
            } else {
                (f, m)
            }
        })
        .collect()
}
