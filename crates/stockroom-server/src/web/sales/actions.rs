//! The forms of a sales order page: issue, allocate stock to a line, add a shipment and
//! ship it. Each calls the store operation the API uses and, when refused, shows the
//! order again with the typed values and the reasons.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use stockroom_store::orders::{NewShipment, SalesAllocationRequest, ShipDetails, ShipmentChanges};

use super::{LIST, order_page};
use crate::AppState;
use crate::api::auth::RuleSet;
use crate::api::run;
use crate::web::fields::Reader;
use crate::web::forms::{FormData, accept};
use crate::web::page::{WebError, see_other};
use crate::web::session::Viewer;
use crate::web::view::{Typed, outcome, refusal_errors};

/// What a form asks of the store, after its fields were read.
enum Action {
    Issue,
    Allocate(Option<i64>, SalesAllocationRequest),
    AddShipment(String),
    Ship(i64, ShipDetails),
}

async fn act(
    state: AppState,
    viewer: Viewer,
    id: String,
    body: Bytes,
    form: &'static str,
) -> Result<Response, WebError> {
    let (pk, data) = match accept(&viewer, &id, &body, "SalesOrder", RuleSet::SalesOrder)? {
        Ok(found) => found,
        Err(refused) => return Ok(refused),
    };
    let mut reader = Reader::new(&data);
    let action = match form {
        "issue" => Action::Issue,
        "allocate" => {
            let line = reader.required_link("line_item", "salesorderlineitem");
            let item = reader.required_link("stock_item", "stockitem");
            let quantity = reader.quantity("quantity", true);
            let shipment = reader.link("shipment", "salesordershipment");
            Action::Allocate(
                shipment,
                SalesAllocationRequest {
                    line: line.unwrap_or_default(),
                    item: item.unwrap_or_default(),
                    quantity: quantity.map(|q| q.units()).unwrap_or_default(),
                },
            )
        }
        "shipment" => Action::AddShipment(reader.required_text("reference")),
        _ => {
            let shipment = reader.required_link("shipment", "salesordershipment");
            let tracking = reader.text("tracking_number");
            let invoice = reader.text("invoice_number");
            let details = ShipDetails {
                shipment_date: reader.date("shipment_date"),
                tracking_number: (!tracking.is_empty()).then_some(tracking),
                invoice_number: (!invoice.is_empty()).then_some(invoice),
                ..ShipDetails::default()
            };
            Action::Ship(shipment.unwrap_or_default(), details)
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
                Action::Issue => outcome(store.issue_sales_order(pk).map(|_| ())),
                Action::Allocate(shipment, request) => {
                    match store.allocate_sales_stock(pk, shipment, &[request]) {
                        Ok(Ok(_)) => Ok(Ok(())),
                        Ok(Err(refusal)) => Ok(Err(refusal_errors(refusal))),
                        Err(e) => outcome(Err(e)),
                    }
                }
                Action::AddShipment(reference) => {
                    let new = NewShipment {
                        order_id: pk,
                        reference,
                        ..NewShipment::default()
                    };
                    outcome(
                        store
                            .add_shipment(&new, &ShipmentChanges::default())
                            .map(|_| ()),
                    )
                }
                Action::Ship(shipment, details) => {
                    // A shipment of another order is not this page's to send.
                    let row = store.shipment_row(shipment)?;
                    if row.shipment.order_id != pk {
                        return Ok(Err(vec![(
                            "shipment".into(),
                            format!("Invalid pk \"{shipment}\" - object does not exist."),
                        )]));
                    }
                    outcome(
                        store
                            .ship_shipment(shipment, &details, Some(user))
                            .map(|_| ()),
                    )
                }
            }
        })
        .await
        .map_err(|e| WebError::from_api(&viewer, "SalesOrder", e))?;
        match done {
            Ok(()) => {
                let flash = match form {
                    "issue" => "issued",
                    "allocate" => "allocated",
                    "shipment" => "shipment",
                    _ => "shipped",
                };
                return Ok(see_other(&format!("{LIST}{pk}?done={flash}")));
            }
            Err(found) => errors = found,
        }
    }
    let typed = Typed { form, data, errors };
    order_page(&state, &viewer, pk, &FormData::default(), Some(&typed)).await
}

macro_rules! form_handler {
    ($name:ident, $form:literal) => {
        /// POST handler of one sales order form.
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
form_handler!(allocate, "allocate");
form_handler!(add_shipment, "shipment");
form_handler!(ship, "ship");
